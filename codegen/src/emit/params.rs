//! The statements that render an operation's parameters into the runtime's `Params`
//! (path, query, headers, cookies), and the HTTP method.
//!
//! Spec text only ever appears as string literals, never as a format string, and every
//! local starts with `__`, a prefix no parameter name can take.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::ident;
use crate::ir::{Operation, Param, ParamLocation, ParamStyle, PathPart};

/// The methods `reqwest::Method` names as constants.
const STANDARD_METHODS: &[&str] = &[
    "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "CONNECT",
];

/// The operation's `reqwest::Method`: a constant, or (for a method `reqwest` has no
/// constant for) an expression that returns early on error.
pub(crate) fn method_tokens(op: &Operation) -> TokenStream {
    if STANDARD_METHODS.contains(&op.method.as_str()) {
        let method = format_ident!("{}", op.method);
        quote!(::reqwest::Method::#method)
    } else {
        let method = &op.method;
        quote!(crate::runtime::params::method(#method)?)
    }
}

/// Statements that leave the rendered parameters in `__params`.
pub(crate) fn params_tokens(op: &Operation) -> TokenStream {
    let mut out = Vec::new();
    let (start, parts) = match op.path_parts.split_first() {
        Some((PathPart::Literal(text), rest)) => (text.as_str(), rest),
        _ => ("", &op.path_parts[..]),
    };
    for part in parts {
        match part {
            PathPart::Literal(text) => out.push(quote!(__params.literal(#text);)),
            PathPart::Param(i) => {
                let p = &op.path_params[*i];
                let value = ident(&p.rust_name);
                out.push(call(p, quote!(&#value)));
            }
        }
    }
    for (k, v) in &op.fixed_query {
        out.push(quote!(__params.query_pair(#k, #v);));
    }
    // The parameters are fields of the struct the methods take as `query_argument`.
    if let Some(holder) = op.query_argument.as_deref().map(ident) {
        for p in &op.params {
            let field = ident(&p.rust_name);
            if p.required {
                out.push(call(p, quote!(&#holder.#field)));
            } else {
                let push = call(p, quote!(__value));
                out.push(quote! {
                    if let Some(__value) = &#holder.#field {
                        #push
                    }
                });
            }
        }
    }
    let mutable = (!out.is_empty()).then(|| quote!(mut));
    quote! {
        let #mutable __params = crate::runtime::params::Params::with_path(#start);
        #(#out)*
    }
}

fn call(p: &Param, value: TokenStream) -> TokenStream {
    let name = &p.name;
    let style = style_tokens(p.style);
    let explode = p.explode;
    let method = match p.location {
        ParamLocation::Path => quote!(path),
        ParamLocation::Query => quote!(query),
        ParamLocation::Header => quote!(header),
        ParamLocation::Cookie => quote!(cookie),
    };
    quote!(__params.#method(#name, #value, #style, #explode);)
}

fn style_tokens(style: ParamStyle) -> TokenStream {
    let variant = match style {
        ParamStyle::Simple => quote!(Simple),
        ParamStyle::Label => quote!(Label),
        ParamStyle::Matrix => quote!(Matrix),
        ParamStyle::Form => quote!(Form),
        ParamStyle::SpaceDelimited => quote!(SpaceDelimited),
        ParamStyle::PipeDelimited => quote!(PipeDelimited),
        ParamStyle::DeepObject => quote!(DeepObject),
        ParamStyle::Json => quote!(Json),
    };
    quote!(crate::runtime::params::Style::#variant)
}
