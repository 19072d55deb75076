//! Servers as the runtime sees them: the lists in `settings.rs`, one builder setter per
//! URL variable, and an operation's own server in its request.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::rustdoc_lines;
use super::types::ident;
use crate::ir::{Api, Operation, Server, ServerVariable};

/// A `ServerDef { .. }` literal.
pub(crate) fn server_tokens(server: &Server) -> TokenStream {
    let url = &server.url;
    let relative = server.relative;
    let variables = server.variables.iter().map(|v| {
        let name = &v.name;
        let default = match &v.default {
            Some(d) => quote!(::core::option::Option::Some(#d)),
            None => quote!(::core::option::Option::None),
        };
        let choices = &v.choices;
        quote! {
            crate::runtime::servers::Variable { name: #name, default: #default, choices: &[#(#choices),*] }
        }
    });
    quote! {
        crate::runtime::servers::ServerDef { url: #url, variables: &[#(#variables),*], relative: #relative }
    }
}

/// `settings::SERVERS`: the API-wide servers.
pub(crate) fn api_servers_tokens(api: &Api) -> TokenStream {
    let servers = api.servers.iter().map(server_tokens);
    quote!(&[#(#servers),*])
}

/// `settings::OPERATION_SERVERS`: each distinct server an operation uses, so the builder
/// can check variable values against them.
pub(crate) fn operation_servers_tokens(api: &Api) -> TokenStream {
    let mut seen = std::collections::BTreeSet::new();
    let servers = api
        .operations
        .iter()
        .filter_map(|op| op.servers.first())
        .filter(|s| seen.insert(&s.url))
        .map(server_tokens);
    quote!(&[#(#servers),*])
}

/// The `server` field of an operation's request: the first of its own servers, if any.
pub(crate) fn request_server(op: &Operation) -> Option<TokenStream> {
    let value = server_tokens(op.servers.first()?);
    Some(quote!({
        static SERVER: crate::runtime::servers::ServerDef = #value;
        ::core::option::Option::Some(&SERVER)
    }))
}

/// One setter on `ClientBuilder` per server variable name.
pub(crate) fn setters(api: &Api) -> Vec<TokenStream> {
    let mut by_name: BTreeMap<&str, Vec<(&Server, &ServerVariable)>> = BTreeMap::new();
    let all = api
        .servers
        .iter()
        .chain(api.operations.iter().filter_map(|op| op.servers.first()));
    for server in all {
        for var in &server.variables {
            by_name
                .entry(&var.rust_name)
                .or_default()
                .push((server, var));
        }
    }
    by_name
        .into_values()
        .map(|uses| {
            let (_, first) = uses[0];
            let name = &first.name;
            let method = ident(&first.rust_name);
            let mut lines = vec![format!(
                " Sets the server URL variable `{{{name}}}` (checked by `build`)."
            )];
            let mut urls: Vec<&str> = uses.iter().map(|(s, _)| s.url.as_str()).collect();
            urls.dedup();
            for url in urls {
                lines.push(format!(" Used in `{url}`."));
            }
            match &first.default {
                Some(d) => lines.push(format!(" Default: `{d}`.")),
                None => lines.push(" No default: it must be set.".into()),
            }
            if !first.choices.is_empty() {
                let choices: Vec<String> = first.choices.iter().map(|c| format!("`{c}`")).collect();
                lines.push(format!(" One of {}.", choices.join(", ")));
            }
            if let Some(docs) = &first.docs {
                lines.push(String::new());
                lines.extend(rustdoc_lines(docs));
            }
            quote! {
                #( #[doc = #lines] )*
                pub fn #method(self, value: impl Into<String>) -> Self {
                    self.server_variable(#name, value)
                }
            }
        })
        .collect()
}
