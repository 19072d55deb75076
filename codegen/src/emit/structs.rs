//! Structs: definition, constructor and setters, and serde impls that write constant
//! properties, skip unset optional ones, and keep unknown ones.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::types::{
    argument, constructor_fields, field_tokens, ident, stored_tokens, type_tokens, TypeIndex,
};
use crate::ir::{Extra, Field, Literal, Struct, TypeDef};

/// The struct, its builder methods and its serde impls.
pub(crate) fn emit_struct(def: &TypeDef, s: &Struct, index: &TypeIndex) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(def.docs.as_deref());
    let fields = s.fields.iter().map(|f| {
        let docs = doc_attrs(Some(
            f.docs.as_deref().unwrap_or(&format!("`{}`", f.json_name)),
        ));
        let field = ident(&f.rust_name);
        let ty = field_tokens(f);
        quote! { #docs pub #field: #ty, }
    });
    let extra = extra_type(&s.extra).map(|ty| {
        quote! {
            /// Properties the spec does not describe, kept as received and sent back as given.
            pub extra: #ty,
        }
    });
    let no_arguments = constructor_fields(s.fields.iter()).next().is_none();
    let derive_default = no_arguments.then(|| quote!(Default,));
    let constants_doc = constants_doc(s);
    let builder = builder_impl(def, s);
    let serialize = serialize_impl(def, s);
    let deserialize = deserialize_impl(def, s, index);
    quote! {
        #docs
        #constants_doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #builder
        #serialize
        #deserialize
    }
}

fn extra_type(extra: &Extra) -> Option<TokenStream> {
    match extra {
        Extra::Forbidden => None,
        Extra::Any => Some(quote!(serde_json::Map<String, serde_json::Value>)),
        Extra::Typed(ty) => {
            let ty = type_tokens(ty);
            Some(quote!(std::collections::BTreeMap<String, #ty>))
        }
    }
}

fn constants_doc(s: &Struct) -> TokenStream {
    if s.constants.is_empty() {
        return TokenStream::new();
    }
    let list: Vec<String> = s
        .constants
        .iter()
        .map(|c| format!("`\"{}\": {}`", c.json_name, literal_json(&c.value)))
        .collect();
    let line = format!(" Always sent with {}.", list.join(", "));
    quote! { #[doc = ""] #[doc = #line] }
}

fn literal_json(value: &Literal) -> String {
    match value {
        Literal::String(s) => format!("{s:?}"),
        Literal::Integer(i) => i.to_string(),
        Literal::Bool(b) => b.to_string(),
    }
}

fn literal_tokens(value: &Literal) -> TokenStream {
    match value {
        Literal::String(s) => quote!(#s),
        Literal::Integer(i) => quote!(#i),
        Literal::Bool(b) => quote!(#b),
    }
}

fn builder_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let required: Vec<&Field> = constructor_fields(s.fields.iter()).collect();
    let params = required.iter().map(|f| {
        let arg = ident(&f.rust_name);
        let (ty, _) = argument(&f.ty);
        quote!(#arg: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if required.iter().any(|r| r.rust_name == f.rust_name) {
            let (_, into) = argument(&f.ty);
            match (into, f.boxed) {
                (false, false) => quote!(#field),
                (true, false) => quote!(#field: #field.into()),
                (false, true) => quote!(#field: Box::new(#field)),
                (true, true) => quote!(#field: Box::new(#field.into())),
            }
        } else {
            quote!(#field: None)
        }
    });
    let extra_init = (s.extra != Extra::Forbidden).then(|| quote!(extra: Default::default(),));
    let new_doc = if required.is_empty() {
        format!(
            " Creates an empty `{}`; set what you need with the methods below.",
            def.name
        )
    } else {
        format!(" Creates `{}` from its required fields.", def.name)
    };
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let constructor = if required.is_empty() {
        quote! { #[doc = #new_doc] pub fn new() -> Self { Self::default() } }
    } else {
        quote! {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #extra_init }
            }
        }
    };
    let setters = s
        .fields
        .iter()
        .filter(|f| !required.iter().any(|r| r.rust_name == f.rust_name))
        .map(|f| {
            let field = ident(&f.rust_name);
            let setter = if f.rust_name == "new" {
                format_ident!("with_new")
            } else {
                field.clone()
            };
            let (ty, into) = argument(&f.ty);
            let value = if into {
                quote!(value.into())
            } else {
                quote!(value)
            };
            let value = if f.boxed {
                quote!(Box::new(#value))
            } else {
                value
            };
            let doc = format!(" Sets `{}`.", f.json_name);
            quote! {
                #[doc = #doc]
                pub fn #setter(mut self, value: #ty) -> Self {
                    self.#field = Some(#value);
                    self
                }
            }
        });
    quote! {
        impl #name {
            #constructor
            #(#setters)*
        }
    }
}

fn serialize_impl(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let constants = s.constants.iter().map(|c| {
        let key = &c.json_name;
        let value = literal_tokens(&c.value);
        if s.extra == Extra::Any {
            // A different value received from a server is kept in `extra` and sent back.
            quote! {
                match self.extra.get(#key) {
                    Some(value) => map.serialize_entry(#key, value)?,
                    None => map.serialize_entry(#key, &#value)?,
                }
            }
        } else {
            quote! { map.serialize_entry(#key, &#value)?; }
        }
    });
    let fields = s.fields.iter().map(|f| {
        let key = &f.json_name;
        let field = ident(&f.rust_name);
        if f.required {
            quote! { map.serialize_entry(#key, &self.#field)?; }
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    map.serialize_entry(#key, value)?;
                }
            }
        }
    });
    let extra = match (&s.extra, s.constants.is_empty()) {
        (Extra::Forbidden, _) => TokenStream::new(),
        (_, true) => quote! {
            for (key, value) in &self.extra {
                map.serialize_entry(key, value)?;
            }
        },
        (_, false) => {
            let keys = s.constants.iter().map(|c| &c.json_name);
            quote! {
                for (key, value) in &self.extra {
                    if !matches!(key.as_str(), #(#keys)|*) {
                        map.serialize_entry(key, value)?;
                    }
                }
            }
        }
    };
    let writes_nothing =
        s.constants.is_empty() && s.fields.is_empty() && s.extra == Extra::Forbidden;
    let mutability = (!writes_nothing).then(|| quote!(mut));
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap as _;
                let #mutability map = serializer.serialize_map(None)?;
                #(#constants)*
                #(#fields)*
                #extra
                map.end()
            }
        }
    }
}

fn deserialize_impl(def: &TypeDef, s: &Struct, index: &TypeIndex) -> TokenStream {
    let name = ident(&def.name);
    let expecting = format!("an object for `{}`", def.name);
    let locals: Vec<_> = (0..s.fields.len()).map(|i| format_ident!("v{i}")).collect();
    let declarations = s.fields.iter().zip(&locals).map(|(f, local)| {
        let ty = stored_tokens(&f.ty, f.boxed);
        quote! { let mut #local: Option<#ty> = None; }
    });
    let arms = s.fields.iter().zip(&locals).map(|(f, local)| {
        let key = &f.json_name;
        quote! { #key => #local = map.next_value()?, }
    });
    let constant_arms = s.constants.iter().map(|c| {
        let key = &c.json_name;
        let value = literal_tokens(&c.value);
        match &s.extra {
            // A different value than the spec fixes is kept, so nothing the server sent is lost.
            Extra::Any => quote! {
                #key => {
                    let value: serde_json::Value = map.next_value()?;
                    if value != #value {
                        extra.insert(key.into_owned(), value);
                    }
                }
            },
            _ => quote! { #key => { map.next_value::<serde::de::IgnoredAny>()?; } },
        }
    });
    let (extra_decl, unknown_arm, extra_init) = match &s.extra {
        Extra::Forbidden => (
            TokenStream::new(),
            quote! { _ => { map.next_value::<serde::de::IgnoredAny>()?; } },
            TokenStream::new(),
        ),
        Extra::Any | Extra::Typed(_) => (
            {
                let ty = extra_type(&s.extra);
                quote! { let mut extra: #ty = Default::default(); }
            },
            quote! { _ => { extra.insert(key.into_owned(), map.next_value()?); } },
            quote! { extra, },
        ),
    };
    let inits = s.fields.iter().zip(&locals).map(|(f, local)| {
        let field = ident(&f.rust_name);
        let key = &f.json_name;
        if !f.required || f.nullable {
            quote! { #field: #local }
        } else if index.is_defaultable(&f.ty) {
            quote! { #field: #local.unwrap_or_default() }
        } else {
            quote! { #field: #local.ok_or_else(|| serde::de::Error::missing_field(#key))? }
        }
    });
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #(#declarations)*
                        #extra_decl
                        while let Some(key) = map.next_key::<crate::runtime::serde_support::Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                #(#constant_arms)*
                                #unknown_arm
                            }
                        }
                        Ok(#name { #(#inits,)* #extra_init })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    }
}
