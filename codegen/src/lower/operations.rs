//! Paths and operations: parameters, bodies, responses, streaming, resource names.

use serde_yaml::Value;

use super::names::pascal;
use super::schema::{lower_inline, wrap_nullable};
use super::{naming, params, path_items};
use super::{LowerError, Lowerer};
use crate::ir::{Auth, Body, Operation, ResponseKind, StreamFraming, StreamResponse, TypeRef};
use crate::load::Location;

/// Lowers every operation; one that cannot be generated becomes a warning.
pub(crate) fn lower_operations(lw: &mut Lowerer) -> Result<Vec<Operation>, LowerError> {
    let root = lw.spec.root_location();
    let paths_loc = root.child("paths");
    let spec = lw.spec;
    let paths = match spec.get(&paths_loc) {
        None => return Ok(Vec::new()),
        Some(Value::Mapping(paths)) => paths,
        Some(_) => return Err(lw.error(&paths_loc, "`paths` must be an object")),
    };
    let mut operations = Vec::new();
    for (key, item) in paths {
        let Some(path_key) = key.as_str() else {
            continue;
        };
        let item_loc = paths_loc.child(path_key);
        let item = path_items::path_item(lw, &item_loc, item);
        for found in &item.operations {
            match lower_operation(
                lw,
                path_key,
                &found.method,
                &item.owners,
                &found.loc,
                found.op,
            ) {
                Ok(operation) => operations.push(operation),
                Err(err) => lw.warn(&found.loc, format!("operation skipped: {}", err.message)),
            }
        }
    }
    naming::name_methods(&mut operations);
    Ok(operations)
}

fn lower_operation(
    lw: &mut Lowerer,
    path_key: &str,
    method: &str,
    item_params: &[(Location, &Value)],
    op_loc: &Location,
    op: &Value,
) -> Result<Operation, LowerError> {
    let (op_loc, op) = lw.deref(op_loc, op)?;
    // Some specs make path keys unique with a `#fragment`; it is never sent.
    let path_key = path_key.split('#').next().unwrap_or(path_key);
    let (path, fixed_query) = path_key.split_once('?').unwrap_or((path_key, ""));
    let id = op
        .get("operationId")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{} {path}", method.to_ascii_lowercase()));
    let type_hint = pascal(&id);

    let mut params: Vec<(Location, &Value)> = Vec::new();
    for (loc, owner) in item_params
        .iter()
        .map(|(l, v)| (l, *v))
        .chain([(&op_loc, op)])
    {
        if let Some(list) = owner.get("parameters").and_then(Value::as_sequence) {
            for (i, param) in list.iter().enumerate() {
                params.push(lw.deref(&loc.child("parameters").index(i), param)?);
            }
        }
    }
    let lowered = params::lower_params(lw, path, &params, &type_hint, &id, &op_loc)?;

    let body = match op.get("requestBody") {
        Some(body) => lower_body(lw, &op_loc.child("requestBody"), body, &type_hint)?,
        None => None,
    };
    let (response, stream) = lower_responses(lw, &op_loc, op, &type_hint)?;
    let docs = [op.get("summary"), op.get("description")]
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .fold(Vec::<&str>::new(), |mut acc, s| {
            if !acc.contains(&s) {
                acc.push(s);
            }
            acc
        })
        .join("\n\n");
    Ok(Operation {
        method: method.to_string(),
        path: path.to_string(),
        fixed_query: fixed_query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (k.to_string(), v.to_string())
            })
            .collect(),
        resource: naming::resource_chain(path),
        method_name: naming::default_method_name(method, path),
        docs: (!docs.is_empty()).then_some(docs),
        path_parts: lowered.path_parts,
        path_params: lowered.path_params,
        query: lowered.params_struct,
        params: lowered.params,
        body,
        response,
        stream,
        source: lw.display(&op_loc),
        deprecated: op.get("deprecated").and_then(Value::as_bool) == Some(true),
        id,
    })
}

fn strip_nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(inner) => *inner,
        ty => ty,
    }
}

fn lower_body(
    lw: &mut Lowerer,
    loc: &Location,
    body: &Value,
    hint: &str,
) -> Result<Option<Body>, LowerError> {
    let (loc, body) = lw.deref(loc, body)?;
    let required = body
        .get("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let Some(Value::Mapping(content)) = body.get("content") else {
        return Ok(None);
    };
    let json = content
        .iter()
        .find(|(media, _)| media.as_str().is_some_and(is_json));
    let Some((media, media_body)) = json else {
        let kinds: Vec<&str> = content.keys().filter_map(Value::as_str).collect();
        return Err(lw.error(
            &loc.child("content"),
            format!(
                "request body type {} is not supported yet",
                kinds.join(", ")
            ),
        ));
    };
    let media_loc = loc
        .child("content")
        .child(media.as_str().unwrap_or_default());
    let ty = match media_body.get("schema") {
        Some(schema) => {
            let (ty, nullable) = lower_inline(
                lw,
                &media_loc.child("schema"),
                schema,
                &format!("{hint}Request"),
            )?;
            strip_nullable(wrap_nullable(ty, nullable))
        }
        None => TypeRef::Any,
    };
    Ok(Some(Body { ty, required }))
}

fn lower_responses(
    lw: &mut Lowerer,
    op_loc: &Location,
    op: &Value,
    hint: &str,
) -> Result<(Option<ResponseKind>, Option<StreamResponse>), LowerError> {
    let responses_loc = op_loc.child("responses");
    let Some(Value::Mapping(responses)) = op.get("responses") else {
        return Ok((Some(ResponseKind::Empty), None));
    };
    let success = responses.iter().find(|(code, _)| {
        let code = super::scalar_string(code);
        code.starts_with('2')
    });
    let Some((code, response)) = success else {
        return Ok((Some(ResponseKind::Empty), None));
    };
    let (loc, response) = lw.deref(&responses_loc.child(&super::scalar_string(code)), response)?;
    let Some(Value::Mapping(content)) = response.get("content") else {
        return Ok((Some(ResponseKind::Empty), None));
    };
    let mut body = None;
    let mut stream = None;
    for (media, media_body) in content {
        let media = media.as_str().unwrap_or_default();
        let media_loc = loc.child("content").child(media);
        let schema = media_body.get("schema");
        let framing = stream_framing(media);
        if let Some(framing) = framing {
            if stream.is_none() {
                let item = match schema {
                    Some(schema) => {
                        let (item_loc, item_schema) =
                            stream_item(lw, media_loc.child("schema"), schema);
                        strip_nullable(
                            lower_inline(
                                lw,
                                &item_loc,
                                item_schema,
                                &format!("{hint}StreamEvent"),
                            )?
                            .0,
                        )
                    }
                    None => TypeRef::Any,
                };
                stream = Some(StreamResponse {
                    framing,
                    item,
                    alongside_json: false,
                });
            }
        } else if body.is_none() {
            body = Some(if is_json(media) {
                match schema {
                    Some(schema) => {
                        let (ty, nullable) = lower_inline(
                            lw,
                            &media_loc.child("schema"),
                            schema,
                            &format!("{hint}Response"),
                        )?;
                        ResponseKind::Json(strip_nullable(wrap_nullable(ty, nullable)))
                    }
                    None => ResponseKind::Json(TypeRef::Any),
                }
            } else {
                ResponseKind::Bytes
            });
        }
    }
    if let Some(stream) = &mut stream {
        stream.alongside_json = body.is_some();
    }
    if body.is_none() && stream.is_none() {
        body = Some(ResponseKind::Empty);
    }
    Ok((body, stream))
}

/// The schema of one stream item. Specs describe it as the item itself, as an array of
/// items, or as the SSE event (`{event?, id?, data}`) whose `data` is the item.
fn stream_item<'v>(lw: &Lowerer<'v>, loc: Location, schema: &'v Value) -> (Location, &'v Value) {
    let Ok((target_loc, target)) = lw.deref(&loc, schema) else {
        return (loc, schema);
    };
    if target.get("type").and_then(Value::as_str) == Some("array") {
        if let Some(items) = target.get("items") {
            return (target_loc.child("items"), items);
        }
    }
    if let Some(Value::Mapping(props)) = target.get("properties") {
        let event_fields = props
            .keys()
            .all(|k| matches!(k.as_str(), Some("data" | "event" | "id" | "retry")));
        if let (true, Some(data)) = (event_fields, props.get("data")) {
            return (target_loc.child("properties").child("data"), data);
        }
    }
    (loc, schema)
}

pub(crate) fn is_json(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or(media).trim();
    media == "application/json" || media.ends_with("+json")
}

fn stream_framing(media: &str) -> Option<StreamFraming> {
    match media.split(';').next().unwrap_or(media).trim() {
        "text/event-stream" => Some(StreamFraming::Sse),
        "application/x-ndjson"
        | "application/jsonl"
        | "application/jsonlines"
        | "application/ndjson" => Some(StreamFraming::Ndjson),
        _ => None,
    }
}

/// The base URL (first server, variables at their defaults) and the authentication scheme.
pub(crate) fn server_and_auth(lw: &mut Lowerer) -> (Option<String>, Auth) {
    let root = lw.spec.root();
    let base_url = root
        .get("servers")
        .and_then(Value::as_sequence)
        .and_then(|s| s.first())
        .and_then(|server| {
            let mut url = server.get("url")?.as_str()?.to_string();
            if let Some(Value::Mapping(vars)) = server.get("variables") {
                for (name, var) in vars {
                    let default = var
                        .get("default")
                        .map(super::scalar_string)
                        .unwrap_or_default();
                    url = url.replace(&format!("{{{}}}", super::scalar_string(name)), &default);
                }
            }
            Some(url)
        });
    let schemes = root
        .get("components")
        .and_then(|c| c.get("securitySchemes"))
        .and_then(Value::as_mapping);
    let wanted = root
        .get("security")
        .and_then(Value::as_sequence)
        .and_then(|s| {
            s.iter().find_map(|req| {
                req.as_mapping()?
                    .keys()
                    .next()?
                    .as_str()
                    .map(str::to_string)
            })
        });
    let scheme = schemes.and_then(|schemes| match &wanted {
        Some(name) => schemes.get(name.as_str()),
        None => schemes.values().next(),
    });
    let auth = match scheme {
        None => Auth::None,
        Some(scheme) => {
            let text = |key: &str| {
                scheme
                    .get(key)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            match text("type").as_str() {
                "apiKey" if text("in") == "query" => Auth::Query(text("name")),
                "apiKey" => Auth::Header(text("name")),
                "http" if text("scheme").eq_ignore_ascii_case("basic") => Auth::None,
                _ => Auth::Bearer,
            }
        }
    };
    (base_url, auth)
}
