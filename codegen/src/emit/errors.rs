//! `src/errors.rs`: the typed error enums ([`crate::ir::ErrorType`]), and how an
//! operation's methods name and produce their error type.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::rustdoc_lines;
use super::error::EmitError;
use super::features::Gates;
use super::text::code;
use super::types::{ident, type_tokens_in};
use crate::ir::{Api, ErrorType, ErrorVariant, Operation, StatusKey};

/// `src/errors.rs`, or `None` when no operation declares an error response. Each enum
/// is behind the cargo features of the operations that return it.
pub(crate) fn errors_file(api: &Api, gates: &Gates) -> Result<Option<String>, EmitError> {
    if api.error_types.is_empty() {
        return Ok(None);
    }
    let mut routes: HashMap<&str, String> = HashMap::new();
    let mut groups: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for op in &api.operations {
        if let Some(name) = &op.error_type {
            routes.insert(name, code(&format!("{} {}", op.method, op.path)));
            groups.entry(name).or_default().extend(gates.group_of(op));
        }
    }
    let items = api.error_types.iter().map(|ty| {
        let used_by: BTreeSet<usize> = std::iter::once(&ty.name)
            .chain(&ty.aliases)
            .filter_map(|name| groups.get(name.as_str()))
            .flatten()
            .copied()
            .collect();
        (error_type(ty, &routes).into(), gates.union_cfg(&used_by))
    });
    let header = quote! {
        //! Typed error responses: one enum per set of error responses the spec declares,
        //! reached through `Error::typed` on an operation's error.
    };
    let path = "src/errors.rs";
    let mut file = super::format::rust_file(header, path)?;
    file.push('\n');
    file.push_str(&super::format::gated_items(items, path)?);
    Ok(Some(file))
}

fn error_type(ty: &ErrorType, routes: &HashMap<&str, String>) -> TokenStream {
    let name = ident(&ty.name);
    let route = |name: &str| routes.get(name).cloned().unwrap_or_default();
    let doc = format!(" The error responses of {}, by status.", route(&ty.name));
    let prefix = quote!(crate::types::);
    let variants = ty.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let mut lines = vec![format!(" {}", status_text(v.response.status))];
        if let Some(docs) = &v.response.docs {
            lines.push(String::new());
            lines.extend(rustdoc_lines(docs));
        }
        match &v.response.body {
            Some(body) => {
                let body = type_tokens_in(body, &prefix);
                quote! { #( #[doc = #lines] )* #variant(#body), }
            }
            None => quote! { #( #[doc = #lines] )* #variant, },
        }
    });
    let arms = ty.variants.iter().map(|v| {
        let pattern = status_pattern(v.response.status);
        let value = variant_value(v);
        quote!(#pattern => #value,)
    });
    let fallback = (!ty
        .variants
        .iter()
        .any(|v| v.response.status == StatusKey::Default))
    .then(|| quote!(_ => ::core::option::Option::None,));
    let unused_body =
        (!ty.variants.iter().any(|v| v.response.body.is_some())).then(|| quote!(let _ = body;));
    let select = match ty.variants.as_slice() {
        // A lone `default` covers every status: no `match` (clippy: match_single_binding).
        [only] if only.response.status == StatusKey::Default => {
            let value = variant_value(only);
            quote! {
                let _ = status;
                #value
            }
        }
        _ => quote! {
            match status.as_u16() {
                #(#arms)*
                #fallback
            }
        },
    };
    let aliases = ty.aliases.iter().map(|alias| {
        let doc = format!(
            " The error responses of {}: the same as [`{}`].",
            route(alias),
            ty.name
        );
        let alias = ident(alias);
        quote! {
            #[doc = #doc]
            pub type #alias = #name;
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub enum #name {
            #(#variants)*
        }

        impl crate::runtime::TypedError for #name {
            fn from_response(
                status: crate::runtime::StatusCode,
                body: ::core::option::Option<&::serde_json::Value>,
            ) -> ::core::option::Option<Self> {
                #unused_body
                #select
            }
        }

        #(#aliases)*
    }
}

/// The variant a matched status gives: decoded from the body when it has one.
fn variant_value(v: &ErrorVariant) -> TokenStream {
    let variant = ident(&v.name);
    match v.response.body {
        Some(_) => quote!(crate::runtime::typed_error::decode_body(body).map(Self::#variant)),
        None => quote!(::core::option::Option::Some(Self::#variant)),
    }
}

/// How a variant's doc names its statuses.
fn status_text(status: StatusKey) -> String {
    match status {
        StatusKey::Code(code) => format!("Status `{code}`."),
        StatusKey::Range(digit) => format!("Any `{digit}XX` status not listed above."),
        StatusKey::Default => "Any other error status.".to_string(),
    }
}

/// The error type an operation's methods return.
pub(crate) fn method_error(op: &Operation) -> TokenStream {
    match &op.error_type {
        Some(name) => {
            let name = ident(name);
            quote!(crate::runtime::Error<crate::errors::#name>)
        }
        None => quote!(crate::runtime::Error),
    }
}

/// A method body: building the request (whose `?`s give the runtime's plain error)
/// and the call, run untyped and then typed when the operation declares errors.
pub(crate) fn method_body(op: &Operation, request: TokenStream, call: TokenStream) -> TokenStream {
    match &op.error_type {
        Some(_) => quote! {
            let __untyped = async {
                #request
                #call
            };
            ::core::result::Result::map_err(__untyped.await, crate::runtime::Error::into_typed)
        },
        None => quote! {
            #request
            #call
        },
    }
}

/// The `match` pattern for the statuses `key` stands for: `404`, `400..=499` or `_`.
pub(crate) fn status_pattern(key: StatusKey) -> TokenStream {
    match key {
        StatusKey::Code(code) => {
            let code = Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        StatusKey::Range(digit) => {
            let low = Literal::u16_unsuffixed(u16::from(digit) * 100);
            let high = Literal::u16_unsuffixed(u16::from(digit) * 100 + 99);
            quote!(#low..=#high)
        }
        StatusKey::Default => quote!(_),
    }
}
