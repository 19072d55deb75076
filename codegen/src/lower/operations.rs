//! Paths and operations: parameters, bodies, responses, streaming, resource names.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use super::names::{pascal, snake, NameTable};
use super::schema::{lower_inline, wrap_nullable};
use super::security::SecurityLowering;
use super::servers::{lower_servers, Level};
use super::{schema_docs, LowerError, Lowerer};
use crate::ir::{
    Body, Extra, Field, Operation, Param, ResponseKind, StreamFraming, StreamResponse, Struct,
    TypeKind, TypeRef,
};
use crate::load::Location;

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Lowers every operation; one that cannot be generated becomes a warning.
pub(crate) fn lower_operations(
    lw: &mut Lowerer,
    security: &SecurityLowering,
) -> Result<Vec<Operation>, LowerError> {
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
        let (item_loc, item) = match lw.deref(&item_loc, item) {
            Ok(found) => found,
            Err(err) => {
                lw.warn(&item_loc, format!("path skipped: {}", err.message));
                continue;
            }
        };
        for method in METHODS {
            let Some(op) = item.get(*method) else {
                continue;
            };
            let op_loc = item_loc.child(method);
            match lower_operation(lw, path_key, method, &item_loc, item, &op_loc, op) {
                Ok(mut operation) => {
                    let (op_loc, op) = lw.deref(&op_loc, op)?;
                    where_and_how(lw, security, &item_loc, item, &op_loc, op, &mut operation);
                    operations.push(operation)
                }
                Err(err) => lw.warn(&op_loc, format!("operation skipped: {}", err.message)),
            }
        }
    }
    name_methods(&mut operations);
    Ok(operations)
}

/// The operation's own security requirement and servers (operation-level servers win
/// over path-level ones).
fn where_and_how(
    lw: &mut Lowerer,
    security: &SecurityLowering,
    item_loc: &Location,
    item: &Value,
    op_loc: &Location,
    op: &Value,
    operation: &mut Operation,
) {
    operation.security = op
        .get("security")
        .map(|list| security.requirements(lw, &op_loc.child("security"), list));
    let own = [(op_loc, op), (item_loc, item)]
        .into_iter()
        .find_map(|(loc, owner)| {
            owner
                .get("servers")
                .map(|list| (loc.child("servers"), list))
        });
    if let Some((loc, list)) = own {
        operation.servers = lower_servers(lw, &loc, list, Level::Operation);
    }
}

fn lower_operation(
    lw: &mut Lowerer,
    path_key: &str,
    method: &str,
    item_loc: &Location,
    item: &Value,
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
        .unwrap_or_else(|| format!("{method} {path}"));
    let type_hint = pascal(&id);

    let mut params: Vec<(Location, &Value)> = Vec::new();
    for (loc, owner) in [(item_loc, item), (&op_loc, op)] {
        if let Some(list) = owner.get("parameters").and_then(Value::as_sequence) {
            for (i, param) in list.iter().enumerate() {
                params.push(lw.deref(&loc.child("parameters").index(i), param)?);
            }
        }
    }
    let (path_params, query_params) = lower_params(lw, path, &params, &type_hint)?;
    let query = (!query_params.is_empty()).then(|| {
        let fields = query_params
            .into_iter()
            .map(|p| Field {
                json_name: p.name,
                rust_name: p.rust_name,
                docs: p.docs,
                ty: p.ty,
                required: p.required,
                nullable: false,
                boxed: false,
            })
            .collect();
        let kind = TypeKind::Struct(Struct {
            fields,
            constants: Vec::new(),
            extra: Extra::Forbidden,
        });
        let docs = Some(format!("Query parameters of `{id}`."));
        lw.define(&format!("{type_hint}Query"), &op_loc, docs, kind)
    });

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
        method: method.to_uppercase(),
        path: path.to_string(),
        fixed_query: fixed_query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (k.to_string(), v.to_string())
            })
            .collect(),
        resource: resource_chain(path),
        method_name: default_method_name(method, path),
        docs: (!docs.is_empty()).then_some(docs),
        path_params,
        query,
        body,
        response,
        stream,
        source: lw.display(&op_loc),
        id,
        security: None,
        servers: Vec::new(),
    })
}

type Params = (Vec<Param>, Vec<Param>);

fn lower_params(
    lw: &mut Lowerer,
    path: &str,
    params: &[(Location, &Value)],
    hint: &str,
) -> Result<Params, LowerError> {
    let mut by_key: BTreeMap<(String, String), (Location, &Value)> = BTreeMap::new();
    let mut order = Vec::new();
    for (loc, param) in params {
        let name = param
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| lw.error(loc, "parameter without a `name`"))?;
        let place = param.get("in").and_then(Value::as_str).unwrap_or("query");
        let key = (place.to_string(), name.to_string());
        if by_key.insert(key.clone(), (loc.clone(), param)).is_none() {
            order.push(key);
        }
    }
    let mut names = NameTable::with_reserved(["options", "body", "self_", "query", "request"]);
    let mut path_params = Vec::new();
    for name in template_names(path) {
        let key = ("path".to_string(), name.clone());
        let (ty, docs) = match by_key.get(&key) {
            Some((loc, param)) => param_type(lw, loc, param, &format!("{hint}{}", pascal(&name)))?,
            None => (TypeRef::String, None),
        };
        path_params.push(Param {
            rust_name: names.claim(&snake(&name)),
            name,
            docs,
            ty,
            required: true,
        });
    }
    let mut query_params = Vec::new();
    for key in order {
        let (loc, param) = &by_key[&key];
        match key.0.as_str() {
            "query" => {
                let (ty, docs) = param_type(lw, loc, param, &format!("{hint}{}", pascal(&key.1)))?;
                let required = param
                    .get("required")
                    .and_then(Value::as_bool)
                    .unwrap_or(false);
                query_params.push(Param {
                    rust_name: names.claim(&snake(&key.1)),
                    name: key.1,
                    docs,
                    ty,
                    required,
                });
            }
            "path" => {}
            // Header and cookie parameters are sent with `RequestOptions`; nothing is lost.
            _ => {}
        }
    }
    Ok((path_params, query_params))
}

fn param_type(
    lw: &mut Lowerer,
    loc: &Location,
    param: &Value,
    hint: &str,
) -> Result<(TypeRef, Option<String>), LowerError> {
    let docs = schema_docs(param);
    let ty = match param.get("schema") {
        Some(schema) => {
            let (ty, nullable) = lower_inline(lw, &loc.child("schema"), schema, hint)?;
            wrap_nullable(ty, nullable)
        }
        None => TypeRef::String,
    };
    Ok((strip_nullable(ty), docs))
}

fn strip_nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(inner) => *inner,
        ty => ty,
    }
}

fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| name.to_string())
        .collect()
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

fn is_json(media: &str) -> bool {
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

/// `/v1/threads/{id}/runs` -> `["threads", "runs"]`: static segments, without a leading version.
fn resource_chain(path: &str) -> Vec<String> {
    let mut segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    if segments.first().is_some_and(|s| is_version(s)) && segments.len() > 1 {
        segments.remove(0);
    }
    let chain: Vec<String> = segments
        .iter()
        .map(|s| snake(s).trim_start_matches("r#").to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if chain.is_empty() {
        vec!["root".to_string()]
    } else {
        chain
    }
}

fn is_version(segment: &str) -> bool {
    let mut chars = segment.chars();
    chars.next() == Some('v') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

fn default_method_name(method: &str, path: &str) -> String {
    let ends_with_param = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .is_some_and(|s| s.starts_with('{'));
    match (method, ends_with_param) {
        ("get", true) => "retrieve",
        ("get", false) => "list",
        ("post", true) => "update",
        ("post", false) => "create",
        ("put" | "patch", _) => "update",
        ("delete", _) => "delete",
        (other, _) => other,
    }
    .to_string()
}

/// Where two operations of a resource would get the same method name, or a method would
/// shadow a sub-resource, both use their operation ids instead.
fn name_methods(operations: &mut [Operation]) {
    let mut seen: BTreeMap<(Vec<String>, String), usize> = BTreeMap::new();
    for op in operations.iter() {
        *seen
            .entry((op.resource.clone(), op.method_name.clone()))
            .or_default() += 1;
    }
    let children: BTreeSet<(Vec<String>, String)> = operations
        .iter()
        .flat_map(|op| {
            (1..op.resource.len()).map(|i| (op.resource[..i].to_vec(), op.resource[i].clone()))
        })
        .collect();
    let mut taken: BTreeMap<Vec<String>, NameTable> = BTreeMap::new();
    for op in operations.iter_mut() {
        let key = (op.resource.clone(), op.method_name.clone());
        let clash = seen[&key] > 1 || children.contains(&key);
        let table = taken.entry(op.resource.clone()).or_default();
        let candidate = if clash {
            snake(&op.id)
        } else {
            op.method_name.clone()
        };
        op.method_name = table.claim(&candidate);
    }
}
