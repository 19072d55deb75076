// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! How credentials are sent: the spec's security schemes, the requirement of each
//! operation, and a string type that never prints a credential.
//!
//! A requirement is a list of alternatives; each alternative names schemes that are all
//! sent together. The first alternative whose credentials the user supplied is sent; an
//! empty alternative (or an empty list) sends nothing.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, COOKIE};

use super::error::Error;

/// Overrides how the API key is sent (see [`ClientBuilder::auth`](crate::ClientBuilder::auth)).
/// Without an override, each scheme is sent as the API's spec declares it.
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

/// Where an API key goes.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Header,
    Query,
    Cookie,
}

/// How one security scheme's credential is sent.
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SchemeKind {
    /// `apiKey`: the key under this name in the header, query or cookie.
    ApiKey(Place, &'static str),
    /// `http basic`: `Authorization: Basic base64(user:password)`.
    Basic,
    /// `http bearer`, OAuth2, OpenID Connect: `Authorization: Bearer <token>`.
    Bearer,
}

/// A security scheme of the API, as listed in the generated settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scheme {
    /// The key in the spec's `securitySchemes`.
    pub name: &'static str,
    /// Environment variable holding the credential (for basic: `user:password`).
    pub env: Option<&'static str>,
    pub kind: SchemeKind,
}

/// Alternatives, each naming schemes (keys of the spec's `securitySchemes`) sent together.
pub(crate) type Requirement = &'static [&'static [&'static str]];

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

/// What the user supplied for one scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Credential {
    /// A key or token.
    Token(Secret),
    /// User name and password for basic authentication.
    Basic(Secret, Secret),
}

impl Credential {
    /// Reads a credential from an environment variable's value (`user:password` for basic).
    fn parse(kind: SchemeKind, text: String) -> Credential {
        match kind {
            SchemeKind::Basic => {
                let (user, password) = text.split_once(':').unwrap_or((&text, ""));
                Credential::Basic(Secret::new(user), Secret::new(password))
            }
            _ => Credential::Token(Secret::new(text)),
        }
    }
}

/// The credentials of a client, one slot per scheme, plus the optional override.
#[derive(Debug, Clone, Default)]
pub(crate) struct Credentials {
    schemes: &'static [Scheme],
    slots: Vec<Option<Credential>>,
    override_auth: Option<(Auth, Option<Secret>)>,
}

impl Credentials {
    /// Fills the slots: explicit credentials by scheme name first, then the API key for
    /// the primary scheme, then each scheme's environment variable.
    pub(crate) fn new(
        schemes: &'static [Scheme],
        primary: Option<usize>,
        explicit: Vec<(&'static str, Credential)>,
        api_key: Option<Secret>,
        override_auth: Option<Auth>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, Error> {
        let mut slots: Vec<Option<Credential>> = vec![None; schemes.len()];
        for (name, credential) in explicit {
            match schemes.iter().position(|s| s.name == name) {
                Some(i) => slots[i] = Some(credential),
                None => return Err(Error::config(format!("unknown security scheme `{name}`"))),
            }
        }
        if let (Some(i), Some(key)) = (primary, &api_key) {
            if slots[i].is_none() {
                slots[i] = Some(Credential::parse(schemes[i].kind, key.expose().to_string()));
            }
        }
        for (slot, scheme) in slots.iter_mut().zip(schemes) {
            if slot.is_none() {
                *slot = scheme
                    .env
                    .and_then(&env)
                    .map(|text| Credential::parse(scheme.kind, text));
            }
        }
        let override_auth = override_auth.map(|auth| {
            let key = api_key.clone().or_else(|| {
                primary
                    .and_then(|i| schemes[i].env)
                    .and_then(&env)
                    .map(Secret::new)
            });
            (auth, key)
        });
        let credentials = Credentials {
            schemes,
            slots,
            override_auth,
        };
        credentials.check()?;
        Ok(credentials)
    }

    /// Every credential can be sent where its scheme puts it.
    fn check(&self) -> Result<(), Error> {
        let header_safe = |s: &Secret| HeaderValue::from_str(s.expose()).is_ok();
        for (slot, scheme) in self.slots.iter().zip(self.schemes) {
            let ok = match (slot, scheme.kind) {
                (None, _) => true,
                (Some(Credential::Token(t)), SchemeKind::ApiKey(Place::Query, _)) => {
                    !t.expose().is_empty()
                }
                (Some(Credential::Token(t)), SchemeKind::ApiKey(Place::Cookie, _)) => {
                    header_safe(t) && !t.expose().contains([';', ','])
                }
                (Some(Credential::Token(t)), _) => header_safe(t),
                (Some(Credential::Basic(user, _)), _) => !user.expose().contains(':'),
            };
            if !ok {
                return Err(Error::config(format!(
                    "the credential for `{}` contains characters that cannot be sent \
                     where the API expects it",
                    scheme.name
                )));
            }
        }
        if let Some((auth, Some(key))) = &self.override_auth {
            if let Auth::Header(name) = auth {
                if HeaderName::from_bytes(name.as_bytes()).is_err() {
                    return Err(Error::config(format!(
                        "invalid authentication header name `{name}`"
                    )));
                }
            }
            if matches!(auth, Auth::Bearer | Auth::Header(_))
                && HeaderValue::from_str(key.expose()).is_err()
            {
                return Err(Error::config(
                    "the API key contains characters that are not allowed in an HTTP header",
                ));
            }
        }
        Ok(())
    }

    /// Whether some alternative of `requirement` can be sent (or needs nothing).
    pub(crate) fn satisfies(&self, requirement: Requirement) -> bool {
        requirement.is_empty() || self.choose(requirement).is_some()
    }

    /// The slot of the scheme called `name`, if it holds a credential.
    fn slot(&self, name: &str) -> Option<(&Scheme, &Credential)> {
        let i = self.schemes.iter().position(|s| s.name == name)?;
        Some((&self.schemes[i], self.slots[i].as_ref()?))
    }

    /// The first alternative whose credentials are all present.
    fn choose(&self, requirement: Requirement) -> Option<&'static [&'static str]> {
        requirement
            .iter()
            .copied()
            .find(|alt| alt.iter().all(|name| self.slot(name).is_some()))
    }

    /// A credential to redact from error bodies: the first key or token supplied.
    pub(crate) fn redaction(&self) -> Option<&str> {
        if let Some((_, Some(key))) = &self.override_auth {
            return Some(key.expose());
        }
        self.slots.iter().flatten().next().map(|c| match c {
            Credential::Token(t) => t.expose(),
            Credential::Basic(_, p) => p.expose(),
        })
    }

    /// Header names that carry credentials, removed when a redirect leaves the origin.
    pub(crate) fn header_names(&self) -> Vec<HeaderName> {
        let mut names = vec![AUTHORIZATION, COOKIE];
        for scheme in self.schemes {
            if let SchemeKind::ApiKey(Place::Header, name) = scheme.kind {
                names.extend(HeaderName::from_bytes(name.as_bytes()).ok());
            }
        }
        if let Some((Auth::Header(name), _)) = &self.override_auth {
            names.extend(HeaderName::from_bytes(name.as_bytes()).ok());
        }
        names
    }

    /// Adds the credentials `requirement` asks for to `headers` / `query`.
    pub(crate) fn apply(
        &self,
        requirement: Requirement,
        headers: &mut HeaderMap,
        query: &mut Vec<(&'static str, String)>,
    ) {
        if let Some((auth, key)) = &self.override_auth {
            // The override replaces the spec's schemes, but never adds credentials to an
            // operation that asks for none.
            let wants_auth = requirement.iter().any(|alt| !alt.is_empty());
            if let (true, Some(key)) = (wants_auth, key) {
                apply_override(*auth, key, headers, query);
            }
            return;
        }
        let Some(alternative) = self.choose(requirement) else {
            return;
        };
        let mut cookies = Vec::new();
        for name in alternative {
            let Some((scheme, credential)) = self.slot(name) else {
                continue;
            };
            match (scheme.kind, credential) {
                (SchemeKind::ApiKey(Place::Header, name), Credential::Token(t)) => {
                    if let (Ok(name), Some(value)) = (
                        HeaderName::from_bytes(name.as_bytes()),
                        sensitive(t.expose()),
                    ) {
                        headers.insert(name, value);
                    }
                }
                (SchemeKind::ApiKey(Place::Query, name), Credential::Token(t)) => {
                    query.push((name, t.expose().to_string()))
                }
                (SchemeKind::ApiKey(Place::Cookie, name), Credential::Token(t)) => {
                    cookies.push(format!("{name}={}", t.expose()))
                }
                (SchemeKind::Bearer, Credential::Token(t)) => {
                    if let Some(v) = sensitive(&format!("Bearer {}", t.expose())) {
                        headers.insert(AUTHORIZATION, v);
                    }
                }
                (SchemeKind::Basic, Credential::Basic(user, password)) => {
                    let pair = format!("{}:{}", user.expose(), password.expose());
                    if let Some(v) = sensitive(&format!("Basic {}", base64(pair.as_bytes()))) {
                        headers.insert(AUTHORIZATION, v);
                    }
                }
                _ => {}
            }
        }
        if !cookies.is_empty() {
            let existing = headers.get(COOKIE).and_then(|v| v.to_str().ok());
            let joined = existing
                .into_iter()
                .map(str::to_string)
                .chain(cookies)
                .collect::<Vec<_>>()
                .join("; ");
            if let Some(v) = sensitive(&joined) {
                headers.insert(COOKIE, v);
            }
        }
    }
}

fn apply_override(
    auth: Auth,
    key: &Secret,
    headers: &mut HeaderMap,
    query: &mut Vec<(&'static str, String)>,
) {
    match auth {
        Auth::Bearer => {
            if let Some(v) = sensitive(&format!("Bearer {}", key.expose())) {
                headers.insert(AUTHORIZATION, v);
            }
        }
        Auth::Header(name) => {
            if let (Ok(name), Some(v)) = (
                HeaderName::from_bytes(name.as_bytes()),
                sensitive(key.expose()),
            ) {
                headers.insert(name, v);
            }
        }
        Auth::Query(name) => query.push((name, key.expose().to_string())),
        Auth::None => {}
    }
}

fn sensitive(text: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(text).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// Standard base64 with padding (RFC 4648), as basic authentication needs.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}
