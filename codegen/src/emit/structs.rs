//! Structs: definition, constructor and setters, and serde impls that write constant
//! properties, skip unset optional ones, and keep unknown ones.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{field_attrs, type_attrs};
use super::types::{argument, constructor_fields, field_tokens, ident, type_tokens};
use crate::ir::{Extra, Field, Literal, Struct, TypeDef, WireMode};

/// The struct, its builder methods and its serde impls.
pub(crate) fn emit_struct(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_attrs(def);
    let fields = s.fields.iter().map(|f| {
        let docs = field_attrs(f);
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
    let serde = serde_impls(def, s);
    quote! {
        #docs
        #constants_doc
        #[derive(Debug, Clone, PartialEq, #derive_default)]
        pub struct #name {
            #(#fields)*
            #extra
        }
        #builder
        #serde
    }
}

fn extra_type(extra: &Extra) -> Option<TokenStream> {
    match extra {
        Extra::Forbidden => None,
        Extra::Any => Some(quote!(crate::runtime::extra::Extra)),
        Extra::Typed(ty) => {
            let ty = type_tokens(ty);
            Some(quote!(::std::collections::BTreeMap<::std::string::String, #ty>))
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
        .map(|c| super::text::code(&format!("\"{}\": {}", c.json_name, literal_json(&c.value))))
        .collect();
    let line = format!(" Always sent with {}.", list.join(", "));
    quote! { #[doc = ""] #[doc = #line] }
}

pub(crate) fn literal_json(value: &Literal) -> String {
    match value {
        Literal::String(s) => format!("{s:?}"),
        Literal::Integer(i) => i.to_string(),
        Literal::Bool(b) => b.to_string(),
    }
}

pub(crate) fn literal_tokens(value: &Literal) -> TokenStream {
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
                (true, false) => quote!(#field: ::core::convert::Into::into(#field)),
                (false, true) => quote!(#field: ::std::boxed::Box::new(#field)),
                (true, true) => {
                    quote!(#field: ::std::boxed::Box::new(::core::convert::Into::into(#field)))
                }
            }
        } else if f.wire == WireMode::OptionalNullable {
            quote!(#field: crate::runtime::Nullable::Absent)
        } else {
            quote!(#field: ::core::option::Option::None)
        }
    });
    let extra_init =
        (s.extra != Extra::Forbidden).then(|| quote!(extra: ::core::default::Default::default(),));
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
        quote! { #[doc = #new_doc] pub fn new() -> Self { <Self as ::core::default::Default>::default() } }
    } else {
        quote! {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #extra_init }
            }
        }
    };
    // Lowering names a setter for each field that is not an argument of `new`.
    let setters = s.fields.iter().filter_map(|f| {
        let setter = ident(f.setter.as_deref()?);
        let field = ident(&f.rust_name);
        let (ty, into) = argument(&f.ty);
        let value = if into {
            quote!(::core::convert::Into::into(value))
        } else {
            quote!(value)
        };
        let value = if f.boxed {
            quote!(::std::boxed::Box::new(#value))
        } else {
            value
        };
        let (doc, wrapped) = if f.wire == WireMode::OptionalNullable {
            (
                format!(
                    " Sets {} to a value (to send `null`, set the field to `Nullable::Null`).",
                    super::text::code(&f.json_name)
                ),
                quote!(crate::runtime::Nullable::Value(#value)),
            )
        } else {
            (
                format!(" Sets {}.", super::text::code(&f.json_name)),
                quote!(::core::option::Option::Some(#value)),
            )
        };
        Some(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field = #wrapped;
                self
            }
        })
    });
    quote! {
        impl #name {
            #constructor
            #(#setters)*
        }
    }
}

/// The serde wiring: one `json_object!` invocation with a line per property, saying its
/// JSON name, the field and its wire mode (decided by `lower/wire_mode.rs`), laid out by
/// `emit/wire_layout.rs`. The macros are in the runtime's `json_macros.rs`.
fn serde_impls(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let constants = s.constants.iter().map(|c| {
        let key = &c.json_name;
        let value = literal_tokens(&c.value);
        quote!(const #key = #value,)
    });
    let fields = s.fields.iter().map(|f| {
        let key = &f.json_name;
        let field = ident(&f.rust_name);
        let mode = ident(mode_word(f.wire));
        quote!(#key => #field: #mode,)
    });
    let extra = ident(extra_word(&s.extra));
    quote! {
        crate::runtime::serde_support::json_object! {
            #name {
                #(#constants)*
                #(#fields)*
                extra: #extra,
            }
        }
    }
}

/// The word `json_object!` knows an `extra` policy by.
pub(crate) fn extra_word(extra: &Extra) -> &'static str {
    match extra {
        Extra::Any => "keep_json",
        Extra::Typed(_) => "keep_typed",
        Extra::Forbidden => "ignore",
    }
}

/// The word `json_object!` knows a wire mode by.
pub(crate) fn mode_word(mode: WireMode) -> &'static str {
    match mode {
        WireMode::Required => "required",
        WireMode::RequiredNullable => "required_nullable",
        WireMode::Optional => "optional",
        WireMode::OptionalNullable => "optional_nullable",
        WireMode::OptionalWithDefault => "optional_with_default",
        WireMode::DefaultIfMissing => "default_if_missing",
    }
}
