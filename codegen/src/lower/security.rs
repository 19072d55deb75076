//! Security schemes and requirements: which credentials go where, API-wide and per operation.
//!
//! Rules (documented for users in the generated builder's docs):
//! - A scheme is sent as declared: `apiKey` in a header, query parameter or cookie; `http
//!   basic`; `http bearer`; OAuth2 and OpenID Connect as a bearer token the caller obtained.
//! - Schemes that cannot be sent (`http digest` and other HTTP schemes, unknown types) are
//!   left out with a warning, and so is every alternative that needs one. `mutualTLS` lives in
//!   the TLS layer (a custom `reqwest` client): it is dropped from its requirement with a
//!   warning, and the requirement's other schemes are still sent.
//! - A requirement naming an undefined scheme is a warning (an error in strict mode), and that
//!   alternative is left out.
//! - Without a top-level `security`, every sendable scheme is an alternative, in document
//!   order, so a credential the user supplies is sent; no credential, nothing sent.

use crate::load::Lookup;
use serde_yaml::Value;

use super::names::{snake, NameTable};
use super::{schema_docs, Lowerer};
use crate::ir::{KeyLocation, Requirement, SchemeKind, Security, SecurityScheme};
use crate::load::Location;

/// What a `securitySchemes` entry became.
enum Lowered {
    /// Sent by the client.
    Sendable(SecurityScheme),
    /// Handled outside HTTP headers (mutual TLS): satisfied without a credential.
    Transport,
    /// Cannot be sent; alternatives needing it are dropped.
    Unsendable,
}

/// The schemes the client can send and the API-wide requirement.
pub(crate) struct SecurityLowering {
    /// The IR's view.
    pub(crate) security: Security,
    /// Names of mutual-TLS schemes, dropped from requirements.
    transport: Vec<String>,
    /// Names of schemes that cannot be sent.
    unsendable: Vec<String>,
}

/// Lowers `components/securitySchemes` and the top-level `security`. `reserved` are builder
/// method names the runtime already defines; a setter wanting one gets a `_credential` suffix.
pub(crate) fn lower_security(lw: &mut Lowerer, reserved: &[String]) -> SecurityLowering {
    let root = lw.spec.root_location();
    let schemes_loc = root.child("components").child("securitySchemes");
    // `default`: `ClientBuilder::default()` (from `Default`) must stay reachable.
    let reserved: Vec<String> = reserved
        .iter()
        .cloned()
        .chain(["default".to_string()])
        .collect();
    let reserved = reserved.as_slice();
    let mut names = NameTable::with_reserved(reserved.iter().map(String::as_str));
    let mut out = SecurityLowering {
        security: Security::default(),
        transport: Vec::new(),
        unsendable: Vec::new(),
    };
    let spec = lw.spec;
    if let Some(schemes) = spec.get(&schemes_loc) {
        let Some(schemes) = schemes.as_mapping() else {
            lw.warn(&schemes_loc, "`securitySchemes` must be an object; ignored");
            return out;
        };
        for (key, scheme) in schemes {
            let name = super::scalar_string(key);
            let loc = schemes_loc.child(&name);
            match lower_scheme(lw, &loc, scheme, &name, &mut names, reserved) {
                Lowered::Sendable(s) => out.security.schemes.push(s),
                Lowered::Transport => out.transport.push(name),
                Lowered::Unsendable => out.unsendable.push(name),
            }
        }
    }
    let security_loc = root.child("security");
    out.security.default = match spec.get(&security_loc) {
        Some(list) => out.requirements(lw, &security_loc, list),
        None => out
            .security
            .schemes
            .iter()
            .map(|s| Requirement {
                schemes: vec![s.name.clone()],
            })
            .collect(),
    };
    out
}

impl SecurityLowering {
    /// Lowers a `security` list (API-wide or an operation's): alternatives that can be
    /// sent, in order. An empty list, or one holding `{}`, allows sending nothing.
    pub(crate) fn requirements(
        &self,
        lw: &mut Lowerer,
        loc: &Location,
        list: &Value,
    ) -> Vec<Requirement> {
        let Some(list) = list.as_sequence() else {
            lw.warn(
                loc,
                "`security` must be a list of requirement objects; no authentication is sent",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        'alternatives: for (i, requirement) in list.iter().enumerate() {
            let req_loc = loc.index(i);
            let Some(requirement) = requirement.as_mapping() else {
                lw.warn(
                    &req_loc,
                    "a security requirement must be an object; skipped",
                );
                continue;
            };
            let mut schemes = Vec::new();
            for key in requirement.keys() {
                let name = super::scalar_string(key);
                let scheme_loc = req_loc.child(&name);
                if self.transport.contains(&name) {
                    lw.warn(
                        &scheme_loc,
                        format!(
                            "`{name}` is mutual TLS: configure the client certificate on a \
                             custom reqwest client (`ClientBuilder::http_client`); the \
                             requirement's other schemes are still sent"
                        ),
                    );
                } else if self.unsendable.contains(&name) {
                    lw.warn(
                        &scheme_loc,
                        format!(
                            "security requirement skipped: scheme `{name}` cannot be sent \
                             by this client"
                        ),
                    );
                    continue 'alternatives;
                } else if self.security.schemes.iter().any(|s| s.name == name) {
                    if !schemes.contains(&name) {
                        schemes.push(name);
                    }
                } else {
                    lw.warn(
                        &scheme_loc,
                        format!(
                            "security requirement skipped: scheme `{name}` is not defined in \
                             components/securitySchemes"
                        ),
                    );
                    continue 'alternatives;
                }
            }
            out.push(Requirement { schemes });
        }
        if !list.is_empty() && out.is_empty() {
            lw.warn(
                loc,
                "no alternative of this security requirement can be sent; requests go \
                 without credentials",
            );
        }
        out
    }
}

fn lower_scheme(
    lw: &mut Lowerer,
    loc: &Location,
    scheme: &Value,
    name: &str,
    names: &mut NameTable,
    reserved: &[String],
) -> Lowered {
    let (loc, scheme) = match lw.deref(loc, scheme) {
        Ok(found) => found,
        Err(err) => {
            lw.warn(loc, format!("security scheme skipped: {}", err.message));
            return Lowered::Unsendable;
        }
    };
    let text = |key: &str| scheme.key(key).and_then(Value::as_str).map(str::trim);
    let kind = match text("type") {
        Some("apiKey") => {
            let location = match text("in") {
                Some("header") => KeyLocation::Header,
                Some("query") => KeyLocation::Query,
                Some("cookie") => KeyLocation::Cookie,
                other => {
                    lw.warn(
                        &loc.child("in"),
                        format!(
                            "security scheme skipped: apiKey `in` must be header, query or \
                             cookie, not {}",
                            describe(other)
                        ),
                    );
                    return Lowered::Unsendable;
                }
            };
            let param = match text("name") {
                Some(param) if valid_param(param, location) => param.to_string(),
                other => {
                    lw.warn(
                        &loc.child("name"),
                        format!(
                            "security scheme skipped: apiKey needs a `name` that can be sent \
                             as a {}, not {}",
                            match location {
                                KeyLocation::Header => "header name",
                                KeyLocation::Query => "query parameter",
                                KeyLocation::Cookie => "cookie name",
                            },
                            describe(other)
                        ),
                    );
                    return Lowered::Unsendable;
                }
            };
            SchemeKind::ApiKey { location, param }
        }
        Some("http") => match text("scheme").map(str::to_ascii_lowercase).as_deref() {
            Some("basic") => SchemeKind::Basic,
            Some("bearer") => SchemeKind::Bearer,
            other => {
                lw.warn(
                    &loc.child("scheme"),
                    format!(
                        "security scheme skipped: HTTP authentication scheme {} is not \
                         supported (only basic and bearer)",
                        describe(other)
                    ),
                );
                return Lowered::Unsendable;
            }
        },
        Some("oauth2" | "openIdConnect") => SchemeKind::Bearer,
        Some("mutualTLS") => return Lowered::Transport,
        other => {
            lw.warn(
                &loc.child("type"),
                format!(
                    "security scheme skipped: type {} is not supported",
                    describe(other)
                ),
            );
            return Lowered::Unsendable;
        }
    };
    let mut candidate = snake(name);
    if reserved.contains(&candidate) {
        candidate = format!("{}_credential", candidate.trim_start_matches("r#"));
    }
    Lowered::Sendable(SecurityScheme {
        name: name.to_string(),
        rust_name: names.claim(&candidate),
        docs: schema_docs(scheme),
        kind,
    })
}

/// Whether `param` can be sent where `location` says: a header token, or any
/// non-empty text for query parameters and cookies without `=`/`;`.
fn valid_param(param: &str, location: KeyLocation) -> bool {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    !param.is_empty()
        && match location {
            KeyLocation::Header => param.chars().all(token),
            KeyLocation::Query => true,
            KeyLocation::Cookie => param.chars().all(|c| token(c) && c != '='),
        }
}

fn describe(value: Option<&str>) -> String {
    match value {
        Some(v) => format!("`{v}`"),
        None => "missing".to_string(),
    }
}
