// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! How the API key is sent, and a string type that never prints the key.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};

use super::error::Error;

/// How the API key is attached to each request. Chosen by the generator from
/// the spec's security scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// `Authorization: Bearer <key>`.
    Bearer,
    /// The key as the value of the named header, e.g. `api-key: <key>`.
    Header(&'static str),
    /// The key as the named query parameter, e.g. `?key=<key>`.
    Query(&'static str),
    /// The API takes no key.
    None,
}

/// A credential. `Debug` and `Display` print `[REDACTED]`; the value is only
/// reachable through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(Arc<str>);

impl Secret {
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl Auth {
    /// The header this scheme puts the key in, if any.
    pub(crate) fn header_name(&self) -> Option<HeaderName> {
        match self {
            Auth::Bearer => Some(AUTHORIZATION),
            Auth::Header(name) => HeaderName::from_bytes(name.as_bytes()).ok(),
            Auth::Query(_) | Auth::None => None,
        }
    }

    /// Validates that `key` can be sent with this scheme.
    pub(crate) fn check(&self, key: &Secret) -> Result<(), Error> {
        if let Auth::Header(name) = self {
            if HeaderName::from_bytes(name.as_bytes()).is_err() {
                return Err(Error::config(format!(
                    "invalid authentication header name `{name}`"
                )));
            }
        }
        if matches!(self, Auth::Bearer | Auth::Header(_))
            && HeaderValue::from_str(key.expose()).is_err()
        {
            return Err(Error::config(
                "the API key contains characters that are not allowed in an HTTP header",
            ));
        }
        Ok(())
    }

    /// Adds the credential to `headers` / `query` as this scheme requires.
    pub(crate) fn apply(
        &self,
        key: &Secret,
        headers: &mut HeaderMap,
        query: &mut Vec<(&'static str, String)>,
    ) {
        match self {
            Auth::Bearer => {
                if let Ok(mut v) = HeaderValue::from_str(&format!("Bearer {}", key.expose())) {
                    v.set_sensitive(true);
                    headers.insert(AUTHORIZATION, v);
                }
            }
            Auth::Header(_) => {
                if let (Some(name), Ok(mut v)) =
                    (self.header_name(), HeaderValue::from_str(key.expose()))
                {
                    v.set_sensitive(true);
                    headers.insert(name, v);
                }
            }
            Auth::Query(name) => query.push((name, key.expose().to_string())),
            Auth::None => {}
        }
    }
}
