//! Typed errors: which error responses an operation declares, and the enums that
//! carry their bodies.
//!
//! The rule:
//! 1. Every response key that is not a success is an error response: a code (`404`,
//!    `3xx`-`5xx`), a range (`4XX`, `5XX`, any letter case) or `default`. `default` is
//!    an error unless it stands in for success (no `2xx` is declared and it has a JSON
//!    body; see `responses.rs`). Informational `1xx` codes never end a call and are left
//!    out; keys that are no status at all are warnings.
//! 2. A response's JSON body (the best-ranked JSON media type, `+json` included) gives
//!    the variant's payload; a response without one is a variant without payload.
//! 3. At run time a status is matched most specific first: exact code, then range, then
//!    `default`. A body that does not decode as the matched variant's type, or a status
//!    no entry covers, leaves the error untyped (its raw body is still there).
//! 4. Operations declaring the same responses (same statuses, same body types) share one
//!    enum, named after the first of them; each later one gets a `type` alias of its own
//!    name, so a spec where hundreds of operations share an error schema compiles one
//!    enum, not hundreds.

use crate::load::Lookup;
use std::collections::HashMap;

use serde_yaml::Value;

use super::media::{self, MediaKind};
use super::names::{pascal, NameTable};
use super::schema::{lower_inline, wrap_nullable};
use super::{LowerError, Lowerer};
use crate::ir::{ErrorResponse, ErrorType, ErrorVariant, Operation, StatusKey, TypeRef};
use crate::load::Location;

/// The error responses `op` declares, most specific first.
pub(crate) fn lower_errors(
    lw: &mut Lowerer,
    op_loc: &Location,
    op: &Value,
    hint: &str,
) -> Result<Vec<ErrorResponse>, LowerError> {
    let Some(Value::Mapping(responses)) = op.key("responses") else {
        return Ok(Vec::new());
    };
    let responses_loc = op_loc.child("responses");
    let keys: Vec<String> = responses.keys().map(super::scalar_string).collect();
    let any_success = keys
        .iter()
        .any(|k| super::responses::is_success(&k.trim().to_ascii_uppercase()));
    let mut out: Vec<ErrorResponse> = Vec::new();
    for (key, response) in keys.iter().zip(responses.values()) {
        let key_loc = responses_loc.child(key);
        let Some(status) = parse_status(key) else {
            let extension = key.starts_with("x-");
            if !extension && !super::responses::is_success(&key.trim().to_ascii_uppercase()) {
                lw.warn(&key_loc, format!("`{key}` is not an HTTP status; skipped"));
            }
            continue;
        };
        if matches!(status, StatusKey::Code(100..=199) | StatusKey::Range(1)) {
            continue;
        }
        let (loc, response) = lw.deref(&key_loc, response)?;
        if status == StatusKey::Default && !any_success && super::responses::has_json(response) {
            continue;
        }
        if out.iter().any(|e| e.status == status) {
            lw.warn(
                &key_loc,
                format!("`{key}` names the same statuses as an earlier key; skipped"),
            );
            continue;
        }
        let body = json_body(
            lw,
            &loc,
            response,
            &format!("{hint}{}", status_name(status)),
        )?;
        let docs = response
            .key("description")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        out.push(ErrorResponse { status, body, docs });
    }
    out.sort_by_key(|e| e.status);
    Ok(out)
}

/// The type of a response's JSON body, if it declares one.
fn json_body(
    lw: &mut Lowerer,
    loc: &Location,
    response: &Value,
    hint: &str,
) -> Result<Option<TypeRef>, LowerError> {
    let Some(Value::Mapping(content)) = response.key("content") else {
        return Ok(None);
    };
    let best = content
        .iter()
        .filter_map(|(m, b)| m.as_str().map(|m| (m, b)))
        .filter(|(m, _)| media::kind(m) == MediaKind::Json)
        .min_by_key(|(m, _)| media::rank(m));
    let Some((media_type, body)) = best else {
        return Ok(None);
    };
    let Some(schema) = body.key("schema") else {
        return Ok(Some(TypeRef::Any));
    };
    let schema_loc = loc.child("content").child(media_type).child("schema");
    let (ty, nullable) = lower_inline(lw, &schema_loc, schema, hint)?;
    Ok(Some(wrap_nullable(ty, nullable)))
}

/// `404`, `4XX` (any case) or `default`; `None` for anything else.
fn parse_status(key: &str) -> Option<StatusKey> {
    let key = key.trim().to_ascii_uppercase();
    if key == "DEFAULT" {
        return Some(StatusKey::Default);
    }
    let bytes = key.as_bytes();
    if bytes.len() != 3 || !(b'1'..=b'5').contains(&bytes[0]) {
        return None;
    }
    if bytes[0] == b'2' {
        return None;
    }
    if &bytes[1..] == b"XX" {
        return Some(StatusKey::Range(bytes[0] - b'0'));
    }
    key.parse().ok().map(StatusKey::Code)
}

/// The natural variant name for a status: its reason phrase for registered codes.
pub(super) fn status_name(status: StatusKey) -> String {
    match status {
        StatusKey::Default => "Default".into(),
        StatusKey::Range(2) => "Success".into(),
        StatusKey::Range(3) => "Redirection".into(),
        StatusKey::Range(4) => "ClientError".into(),
        StatusKey::Range(5) => "ServerError".into(),
        StatusKey::Range(n) => format!("Status{n}XX"),
        StatusKey::Code(code) => match REASONS.iter().find(|(c, _)| *c == code) {
            Some((_, reason)) => pascal(reason),
            None => format!("Status{code}"),
        },
    }
}

/// Reason phrases of the registered HTTP statuses (RFC 9110 and friends).
const REASONS: &[(u16, &str)] = &[
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Entity"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (511, "Network Authentication Required"),
];

/// Builds the shared error enums from the operations' (final-named) error responses
/// and points each operation at its name.
pub(crate) fn error_types(operations: &mut [Operation]) -> Vec<ErrorType> {
    let mut names = NameTable::with_reserved(["Self"]);
    let mut types: Vec<ErrorType> = Vec::new();
    let mut by_shape: HashMap<Vec<(StatusKey, Option<TypeRef>)>, usize> = HashMap::new();
    for op in operations.iter_mut() {
        if op.errors.is_empty() {
            continue;
        }
        let name = names.claim(&format!("{}Error", pascal(&op.id)));
        let shape: Vec<_> = op
            .errors
            .iter()
            .map(|e| (e.status, e.body.clone()))
            .collect();
        match by_shape.get(&shape) {
            Some(&i) => types[i].aliases.push(name.clone()),
            None => {
                by_shape.insert(shape, types.len());
                let mut variant_names = NameTable::with_reserved(["Self"]);
                let variants = op
                    .errors
                    .iter()
                    .map(|response| ErrorVariant {
                        name: variant_names.claim(&status_name(response.status)),
                        response: response.clone(),
                    })
                    .collect();
                types.push(ErrorType {
                    name: name.clone(),
                    aliases: Vec::new(),
                    variants,
                });
            }
        }
        op.error_type = Some(name);
    }
    types
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_in_any_case_and_skip_success_and_junk() {
        assert_eq!(parse_status("404"), Some(StatusKey::Code(404)));
        assert_eq!(parse_status("4xx"), Some(StatusKey::Range(4)));
        assert_eq!(parse_status(" 5XX "), Some(StatusKey::Range(5)));
        assert_eq!(parse_status("Default"), Some(StatusKey::Default));
        assert_eq!(parse_status("200"), None);
        assert_eq!(parse_status("2XX"), None);
        assert_eq!(parse_status("600"), None);
        assert_eq!(parse_status("4X1"), None);
        assert_eq!(parse_status("oops"), None);
    }

    #[test]
    fn variant_names_use_reason_phrases() {
        assert_eq!(status_name(StatusKey::Code(404)), "NotFound");
        assert_eq!(status_name(StatusKey::Code(422)), "UnprocessableEntity");
        assert_eq!(status_name(StatusKey::Code(499)), "Status499");
        assert_eq!(status_name(StatusKey::Range(4)), "ClientError");
        assert_eq!(status_name(StatusKey::Default), "Default");
    }
}
