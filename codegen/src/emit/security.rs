//! Security as the runtime sees it: the scheme list and requirements in `settings.rs`,
//! one builder setter per scheme, and an operation's own requirement in its request.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::rustdoc_lines;
use super::types::ident;
use crate::ir::{Api, KeyLocation, Operation, Requirement, SchemeKind, SecurityScheme};
use crate::Config;

/// The scheme whose credential `ClientBuilder::api_key` (and `api_key_env`) supply: the
/// first scheme the API-wide requirement names, else the first scheme declared.
pub(crate) fn primary_scheme(api: &Api) -> Option<usize> {
    let schemes = &api.security.schemes;
    api.security
        .default
        .iter()
        .flat_map(|req| &req.schemes)
        .find_map(|name| schemes.iter().position(|s| &s.name == name))
        .or_else(|| (!schemes.is_empty()).then_some(0))
}

/// The environment variable of a scheme: from `auth_env`, or `api_key_env` for the primary.
fn env_var<'c>(api: &Api, config: &'c Config, index: usize) -> Option<&'c str> {
    let scheme = &api.security.schemes[index];
    config
        .auth_env
        .get(&scheme.name)
        .or(config
            .api_key_env
            .as_ref()
            .filter(|_| primary_scheme(api) == Some(index)))
        .map(String::as_str)
}

/// `&[Scheme { .. }, ..]` for `settings::SCHEMES`.
pub(crate) fn schemes_tokens(api: &Api, config: &Config) -> TokenStream {
    let items = api.security.schemes.iter().enumerate().map(|(i, scheme)| {
        let name = &scheme.name;
        let env = match env_var(api, config, i) {
            Some(var) => quote!(::core::option::Option::Some(#var)),
            None => quote!(::core::option::Option::None),
        };
        let kind = match &scheme.kind {
            SchemeKind::ApiKey { location, param } => {
                let place = match location {
                    KeyLocation::Header => quote!(Header),
                    KeyLocation::Query => quote!(Query),
                    KeyLocation::Cookie => quote!(Cookie),
                };
                quote!(ApiKey(crate::runtime::auth::Place::#place, #param))
            }
            SchemeKind::Basic => quote!(Basic),
            SchemeKind::Bearer => quote!(Bearer),
        };
        quote! {
            crate::runtime::auth::Scheme {
                name: #name,
                env: #env,
                kind: crate::runtime::auth::SchemeKind::#kind,
            }
        }
    });
    quote!(&[#(#items),*])
}

/// A requirement as `&[&["a", "b"], &[]]`.
pub(crate) fn requirement_tokens(requirements: &[Requirement]) -> TokenStream {
    let alternatives = requirements.iter().map(|req| {
        let names = &req.schemes;
        quote!(&[#(#names),*])
    });
    quote!(&[#(#alternatives),*])
}

/// The `security` field of an operation's request: its own requirement, if it has one.
pub(crate) fn request_security(op: &Operation) -> Option<TokenStream> {
    let value = requirement_tokens(op.security.as_ref()?);
    Some(quote!({
        const SECURITY: crate::runtime::auth::Requirement = #value;
        ::core::option::Option::Some(SECURITY)
    }))
}

/// One setter on `ClientBuilder` per scheme.
pub(crate) fn setters(api: &Api, config: &Config) -> Vec<TokenStream> {
    api.security
        .schemes
        .iter()
        .enumerate()
        .map(|(i, scheme)| setter(scheme, env_var(api, config, i)))
        .collect()
}

fn setter(scheme: &SecurityScheme, env: Option<&str>) -> TokenStream {
    let name = &scheme.name;
    let method = ident(&scheme.rust_name);
    let how = match &scheme.kind {
        SchemeKind::ApiKey { location, param } => match location {
            KeyLocation::Header => format!("the `{param}` header"),
            KeyLocation::Query => format!("the `{param}` query parameter"),
            KeyLocation::Cookie => format!("the `{param}` cookie"),
        },
        SchemeKind::Basic => "`Authorization: Basic` (user and password)".to_string(),
        SchemeKind::Bearer => "`Authorization: Bearer <token>`".to_string(),
    };
    let mut lines = vec![format!(
        " The credential for the `{name}` security scheme, sent as {how}."
    )];
    if let Some(var) = env {
        let form = if scheme.kind == SchemeKind::Basic {
            " as `user:password`"
        } else {
            ""
        };
        lines.push(format!(
            " Defaults to the environment variable `{var}`{form}."
        ));
    }
    if let Some(docs) = &scheme.docs {
        lines.push(String::new());
        lines.extend(rustdoc_lines(docs));
    }
    match scheme.kind {
        SchemeKind::Basic => quote! {
            #( #[doc = #lines] )*
            pub fn #method(self, user: impl Into<String>, password: impl Into<String>) -> Self {
                self.scheme_basic(#name, user, password)
            }
        },
        _ => quote! {
            #( #[doc = #lines] )*
            pub fn #method(self, credential: impl Into<String>) -> Self {
                self.scheme_token(#name, credential)
            }
        },
    }
}
