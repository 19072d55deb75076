//! Paths and operations: parameters, bodies, responses, streaming, resource names.

use serde_yaml::Value;

use super::names::pascal;
use super::{naming, params, path_items};
use super::{LowerError, Lowerer};
use crate::ir::{Auth, Operation};
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
        Some(body) => {
            super::bodies::lower_body(lw, &op_loc.child("requestBody"), body, &type_hint)?
        }
        None => None,
    };
    let (response, stream) = super::responses::lower_responses(lw, &op_loc, op, &type_hint)?;
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
