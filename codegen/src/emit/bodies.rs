//! Request bodies: the argument each body kind takes, the code that turns it into the
//! runtime's payload, and the typed multipart form structs (emitted into `types.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::types::{argument, ident, type_tokens, type_tokens_in};
use crate::ir::{
    Body, BodyKind, FormStyle, MultipartForm, Operation, PartField, PartKind, TypeRef,
};

/// The body argument's type, as written in `resources.rs` and in doc examples
/// (`doc_prefix` is the crate's path, e.g. `my_api::`).
pub(crate) fn argument_types(body: &Body, doc_prefix: &TokenStream) -> (TokenStream, TokenStream) {
    let types = quote!(crate::types::);
    let doc_types = quote!(#doc_prefix types::);
    match &body.kind {
        BodyKind::Json(ty) | BodyKind::Form { ty, .. } => {
            let (ty, doc) = (type_tokens_in(ty, &types), type_tokens_in(ty, &doc_types));
            (quote!(&#ty), quote!(&#doc))
        }
        BodyKind::Multipart(form) => {
            let ty = TypeRef::Named(form.name.clone());
            let (ty, doc) = (type_tokens_in(&ty, &types), type_tokens_in(&ty, &doc_types));
            (quote!(&#ty), quote!(&#doc))
        }
        BodyKind::MultipartRaw => (
            quote!(&crate::runtime::Multipart),
            quote!(&#doc_prefix Multipart),
        ),
        BodyKind::Text => (quote!(&str), quote!(&str)),
        BodyKind::Bytes => (
            quote!(impl ::core::convert::Into<crate::runtime::FilePart>),
            quote!(#doc_prefix FilePart),
        ),
    }
}

/// The `body` (JSON) and `payload` (anything else) fields of the runtime's `Request`.
pub(crate) fn request_fields(op: &Operation) -> (TokenStream, Option<TokenStream>) {
    let none_json = quote!(::core::option::Option::None::<&()>);
    let Some(body) = &op.body else {
        return (none_json, None);
    };
    let media = &body.media_type;
    let payload = match &body.kind {
        BodyKind::Json(_) => return (quote!(::core::option::Option::Some(body)), None),
        BodyKind::Form { encoding, .. } => {
            let rules = encoding.iter().map(|rule| {
                let name = &rule.json_name;
                let style = match rule.style {
                    FormStyle::Form => quote!(Form),
                    FormStyle::SpaceDelimited => quote!(SpaceDelimited),
                    FormStyle::PipeDelimited => quote!(PipeDelimited),
                    FormStyle::DeepObject => quote!(DeepObject),
                };
                let explode = rule.explode;
                quote!((#name, crate::runtime::form::Style::#style, #explode))
            });
            quote!(crate::runtime::form::encode(body, &[#(#rules),*])?)
        }
        BodyKind::Multipart(_) => quote!(body.to_multipart()?.payload()),
        BodyKind::MultipartRaw => quote!(body.payload()),
        BodyKind::Text => quote! {
            crate::runtime::body::Payload::bytes(#media, ::bytes::Bytes::copy_from_slice(body.as_bytes()))
        },
        BodyKind::Bytes => {
            // A range such as `*/*` is no content type; the caller's part says which one.
            let default = if media.contains('*') {
                "application/octet-stream"
            } else {
                media.as_str()
            };
            quote!(crate::runtime::body::Payload::file(::core::convert::Into::into(body), #default))
        }
    };
    (
        none_json,
        Some(quote!(::core::option::Option::Some(#payload))),
    )
}

/// A sentence for the method docs saying how the body is sent, when it is not JSON.
pub(crate) fn body_doc(body: &Body) -> Option<String> {
    Some(match &body.kind {
        BodyKind::Json(_) => return None,
        BodyKind::Form { .. } => " The body is sent as `application/x-www-form-urlencoded`; nested values use bracket keys (`a[b]=v`).".to_string(),
        BodyKind::Multipart(_) | BodyKind::MultipartRaw => " The body is sent as `multipart/form-data`; files given by path are streamed from disk (and re-read on a retry).".to_string(),
        BodyKind::Text => format!(" The body is sent as `{}` text.", body.media_type),
        BodyKind::Bytes if body.media_type.contains('*') => format!(
            " The body is sent as raw bytes (`{}`): set its content type with `FilePart::content_type` (default `application/octet-stream`).",
            body.media_type
        ),
        BodyKind::Bytes => format!(
            " The body is sent as raw bytes (`{}` unless `FilePart::content_type` says otherwise); a `FilePart::path` is streamed from disk.",
            body.media_type
        ),
    })
}

/// The typed multipart form structs of all operations, for `types.rs`.
pub(crate) fn form_items(ops: &[Operation]) -> Vec<TokenStream> {
    ops.iter()
        .filter_map(|op| match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Multipart(form)) => Some(emit_form(form, &op.id)),
            _ => None,
        })
        .collect()
}

fn stored_type(field: &PartField) -> TokenStream {
    match &field.kind {
        PartKind::File => quote!(crate::runtime::FilePart),
        PartKind::Files => quote!(::std::vec::Vec<crate::runtime::FilePart>),
        PartKind::Text(ty) | PartKind::Json(ty) => type_tokens(ty),
    }
}

/// How the constructor or a setter takes the field's value, and whether it converts.
fn argument_type(field: &PartField) -> (TokenStream, bool) {
    match &field.kind {
        PartKind::File => (
            quote!(impl ::core::convert::Into<crate::runtime::FilePart>),
            true,
        ),
        PartKind::Files => (quote!(::std::vec::Vec<crate::runtime::FilePart>), false),
        PartKind::Text(ty) | PartKind::Json(ty) => argument(ty),
    }
}

fn emit_form(form: &MultipartForm, op_id: &str) -> TokenStream {
    let name = ident(&form.name);
    let default_doc = format!("The `multipart/form-data` parts of `{op_id}`.");
    let docs = doc_attrs(Some(form.docs.as_deref().unwrap_or(&default_doc)));
    let fields = form.fields.iter().map(|f| {
        let docs = doc_attrs(Some(
            f.docs
                .as_deref()
                .unwrap_or(&format!("The `{}` part.", f.json_name)),
        ));
        let field = ident(&f.rust_name);
        let ty = stored_type(f);
        let ty = if f.required {
            ty
        } else {
            quote!(::core::option::Option<#ty>)
        };
        quote! { #docs pub #field: #ty, }
    });
    let required: Vec<&PartField> = form.fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let arg = ident(&f.rust_name);
        let (ty, _) = argument_type(f);
        quote!(#arg: #ty)
    });
    let inits = form.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        if f.required {
            match argument_type(f).1 {
                true => quote!(#field: ::core::convert::Into::into(#field)),
                false => quote!(#field),
            }
        } else {
            quote!(#field: ::core::option::Option::None)
        }
    });
    // Lowering names a setter for each optional part.
    let setters = form.fields.iter().filter_map(|f| {
        let setter = ident(f.setter.as_deref()?);
        let field = ident(&f.rust_name);
        let (ty, into) = argument_type(f);
        let value = if into {
            quote!(::core::convert::Into::into(value))
        } else {
            quote!(value)
        };
        let doc = format!(" Sets the `{}` part.", f.json_name);
        Some(quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: #ty) -> Self {
                self.#field = ::core::option::Option::Some(#value);
                self
            }
        })
    });
    let parts = form.fields.iter().map(part_tokens);
    let allow = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let new_doc = format!(" Creates `{}` from its required parts.", form.name);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits,)* }
            }
            #(#setters)*

            /// The parts of this form, in the spec's order.
            pub fn to_multipart(&self) -> ::core::result::Result<crate::runtime::Multipart, crate::runtime::Error> {
                #[allow(unused_mut)]
                let mut form = crate::runtime::Multipart::new();
                #(#parts)*
                ::core::result::Result::Ok(form)
            }
        }
    }
}

/// Adds one field's part(s) to `form`.
fn part_tokens(field: &PartField) -> TokenStream {
    let name = &field.json_name;
    let content_type = match &field.content_type {
        Some(ct) => quote!(::core::option::Option::Some(#ct)),
        None => quote!(::core::option::Option::None),
    };
    let add = |value: TokenStream| match &field.kind {
        PartKind::File | PartKind::Files => {
            quote! { form = form.file_as(#name, #value.clone(), #content_type); }
        }
        PartKind::Text(_) => quote! {
            form = form.text_as(#name, crate::runtime::serde_support::param_text(#value), #content_type);
        },
        PartKind::Json(_) => quote! { form = form.json(#name, #value)?; },
    };
    let repeated = match &field.kind {
        PartKind::Files => true,
        PartKind::Text(ty) => matches!(ty, TypeRef::List(_)),
        _ => false,
    };
    let access = ident(&field.rust_name);
    let body = if repeated {
        let one = add(quote!(item));
        quote! { for item in values { #one } }
    } else {
        add(quote!(values))
    };
    if field.required {
        quote! { let values = &self.#access; #body }
    } else {
        quote! { if let Some(values) = &self.#access { #body } }
    }
}
