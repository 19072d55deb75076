//! Which response is *the* response of an operation, and how its body is typed.
//!
//! The rule, independent of key order and letter case:
//! 1. Candidates are the `2xx` statuses (`200`, `2XX`, ...), in numeric order; when
//!    there are none, a `default` response with a JSON body stands in for success.
//! 2. `204`, `205` and `304` never carry a body (HTTP forbids one, so a declared one is
//!    ignored: nothing the server can send is lost).
//! 3. Within a response, media types rank as in `media::rank` (JSON first).
//! 4. When every candidate's JSON body has the same schema, that schema is the return
//!    type. When they differ, the method returns an outcome enum (`outcomes.rs`): one
//!    variant per candidate, chosen at run time by the status that arrives, with the
//!    statuses that carry no JSON body as variants without payload.
//! 5. With no JSON body: text, then binary, then no body.
//! 6. Independently, the first candidate offering an event stream or NDJSON gives the
//!    stream method.

use crate::load::Lookup;
use serde_yaml::Value;

use super::media::{self, MediaKind};
use super::schema::{lower_inline, wrap_nullable};
use super::{LowerError, Lowerer};
use crate::ir::{ResponseKind, StreamFraming, StreamResponse, TypeRef};
use crate::load::Location;

/// A candidate success response: its status key, location and node.
struct Candidate<'v> {
    code: String,
    loc: Location,
    response: &'v Value,
}

/// The plain response and the streamed response of an operation.
pub(crate) fn lower_responses(
    lw: &mut Lowerer,
    op_loc: &Location,
    op: &Value,
    hint: &str,
) -> Result<(Option<ResponseKind>, Option<StreamResponse>), LowerError> {
    let responses_loc = op_loc.child("responses");
    let Some(Value::Mapping(responses)) = op.key("responses") else {
        return Ok((Some(ResponseKind::Empty), None));
    };
    let mut candidates = Vec::new();
    let mut default = None;
    for (key, response) in responses {
        let key = super::scalar_string(key);
        let (loc, response) = lw.deref(&responses_loc.child(&key), response)?;
        let code = key.trim().to_ascii_uppercase();
        if code == "DEFAULT" {
            default = Some(Candidate {
                code,
                loc,
                response,
            });
        } else if is_success(&code) {
            candidates.push(Candidate {
                code,
                loc,
                response,
            });
        }
    }
    candidates.sort_by(|a, b| a.code.cmp(&b.code));
    if candidates.is_empty() {
        candidates.extend(default.filter(|d| has_json(d.response)));
    }

    let mut stream = None;
    // Each status's best JSON body: (status, schema location, schema, identity).
    let mut jsons: Vec<(String, Location, Option<&Value>, Option<String>)> = Vec::new();
    let mut fallback: Option<ResponseKind> = None;
    for candidate in &candidates {
        let Some(Value::Mapping(content)) = candidate.response.key("content") else {
            continue;
        };
        if content.is_empty() {
            continue;
        }
        // HTTP forbids a body on these statuses, so a declared one can never arrive.
        if matches!(candidate.code.as_str(), "204" | "205" | "304") {
            continue;
        }
        let mut ranked: Vec<(&str, &Value)> = content
            .iter()
            .filter_map(|(m, b)| m.as_str().map(|m| (m, b)))
            .collect();
        ranked.sort_by_key(|(m, _)| media::rank(m));
        let mut json_seen = false;
        for (media, media_body) in ranked {
            let media_loc = candidate.loc.child("content").child(media);
            let schema = media_body.key("schema");
            match media::kind(media) {
                MediaKind::Stream(framing) => {
                    if stream.is_none() {
                        // OpenAPI 3.2 describes one item directly, as `itemSchema`.
                        let item_schema = media_body.key("itemSchema");
                        let hint = format!("{hint}StreamEvent");
                        let item = match (schema, item_schema) {
                            (_, Some(item)) => {
                                let (item_loc, item_schema) = super::sse_events::event_data(
                                    lw,
                                    media_loc.child("itemSchema"),
                                    item,
                                );
                                strip_nullable(lower_inline(lw, &item_loc, item_schema, &hint)?.0)
                            }
                            (Some(schema), None) => {
                                let (item_loc, item_schema) =
                                    stream_item(lw, media_loc.child("schema"), schema);
                                strip_nullable(lower_inline(lw, &item_loc, item_schema, &hint)?.0)
                            }
                            (None, None) => TypeRef::Any,
                        };
                        let events = framing == StreamFraming::Sse
                            && super::sse_events::is_event_envelope(lw, &item);
                        stream = Some(StreamResponse {
                            framing,
                            item,
                            alongside_json: false,
                            events,
                        });
                    }
                }
                // One JSON body per status: the best-ranked one.
                MediaKind::Json if json_seen => {}
                MediaKind::Json => {
                    json_seen = true;
                    let schema_loc = media_loc.child("schema");
                    // Compared without lowering, so no unused type is generated.
                    let shape = schema.map(|schema| schema_identity(lw, &schema_loc, schema));
                    jsons.push((candidate.code.clone(), schema_loc, schema, shape));
                }
                MediaKind::Text => {
                    fallback.get_or_insert(ResponseKind::Text);
                }
                MediaKind::Binary | MediaKind::Multipart | MediaKind::Form => {
                    if !matches!(fallback, Some(ResponseKind::Text)) {
                        fallback.get_or_insert(ResponseKind::Bytes);
                    }
                }
            }
        }
    }
    let shapes_differ = jsons.iter().any(|j| j.3 != jsons[0].3);
    let body = if shapes_differ {
        Some(outcomes(lw, &candidates, &jsons, hint)?)
    } else {
        match jsons.first() {
            Some((_, schema_loc, schema, _)) => Some(ResponseKind::Json(json_type(
                lw,
                schema_loc,
                *schema,
                &format!("{hint}Response"),
            )?)),
            None => fallback,
        }
    };
    if let Some(stream) = &mut stream {
        stream.alongside_json = body.is_some();
    }
    let body = match (body, &stream) {
        (None, None) => Some(ResponseKind::Empty),
        (body, _) => body,
    };
    Ok((body, stream))
}

/// The type of a JSON body (any JSON value when it has no schema).
fn json_type(
    lw: &mut Lowerer,
    schema_loc: &Location,
    schema: Option<&Value>,
    hint: &str,
) -> Result<TypeRef, LowerError> {
    Ok(match schema {
        Some(schema) => {
            let (ty, nullable) = lower_inline(lw, schema_loc, schema, hint)?;
            strip_nullable(wrap_nullable(ty, nullable))
        }
        None => TypeRef::Any,
    })
}

/// Every success status as a variant of an outcome enum: its JSON body typed, statuses
/// without one as variants without payload.
fn outcomes(
    lw: &mut Lowerer,
    candidates: &[Candidate],
    jsons: &[(String, Location, Option<&Value>, Option<String>)],
    hint: &str,
) -> Result<ResponseKind, LowerError> {
    let mut successes = Vec::new();
    for candidate in candidates {
        let body = match jsons.iter().find(|j| j.0 == candidate.code) {
            Some((code, schema_loc, schema, _)) => {
                let hint = format!("{hint}Response{code}");
                Some(json_type(lw, schema_loc, *schema, &hint)?)
            }
            None => None,
        };
        let docs = candidate
            .response
            .key("description")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        successes.push(super::outcomes::Success {
            code: candidate.code.clone(),
            body,
            docs,
        });
    }
    Ok(super::outcomes::outcomes(successes))
}

/// What a schema is, for comparing two responses: the location its `$ref`s end at for a
/// named schema, else its text.
fn schema_identity(lw: &Lowerer, loc: &Location, schema: &Value) -> String {
    match lw.deref(loc, schema) {
        Ok((target, _)) if target != *loc => lw.display(&target),
        _ => serde_yaml::to_string(schema).unwrap_or_default(),
    }
}

/// `200`, `201`, `2XX`: a success status key (already upper-cased).
pub(super) fn is_success(code: &str) -> bool {
    code.len() == 3
        && code.starts_with('2')
        && code[1..].chars().all(|c| c.is_ascii_digit() || c == 'X')
}

pub(super) fn has_json(response: &Value) -> bool {
    response
        .key("content")
        .and_then(Value::as_mapping)
        .is_some_and(|content| {
            content
                .keys()
                .filter_map(Value::as_str)
                .any(|m| media::kind(m) == MediaKind::Json)
        })
}

fn strip_nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(inner) => *inner,
        ty => ty,
    }
}

/// The schema of one stream item. Specs describe it as the item itself, as an array of
/// items, or as the SSE event (`{event?, id?, data}`) whose `data` is the item.
fn stream_item<'v>(lw: &Lowerer<'v>, loc: Location, schema: &'v Value) -> (Location, &'v Value) {
    let Ok((target_loc, target)) = lw.deref(&loc, schema) else {
        return (loc, schema);
    };
    if target.key("type").and_then(Value::as_str) == Some("array") {
        if let Some(items) = target.key("items") {
            return (target_loc.child("items"), items);
        }
    }
    super::sse_events::event_data(lw, loc, schema)
}
