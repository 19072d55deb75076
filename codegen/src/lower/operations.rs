//! Paths and operations: parameters, bodies, responses, streaming, resource names.

use crate::load::Lookup;
use serde_yaml::Value;

use super::names::pascal;
use super::security::SecurityLowering;
use super::servers::{lower_servers, Level};
use super::{naming, params, path_items};
use super::{LowerError, Lowerer};
use crate::ir::Operation;
use crate::load::Location;

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
                Ok(mut operation) => {
                    let (op_loc, op) = lw.deref(&found.loc, found.op)?;
                    where_and_how(lw, security, &item.owners, &op_loc, op, &mut operation);
                    let tags = super::features::tags_of(op);
                    lw.operation_tags.insert(operation.source.clone(), tags);
                    operations.push(operation)
                }
                Err(err) => lw.warn(&found.loc, format!("operation skipped: {}", err.message)),
            }
        }
    }
    naming::name_methods(&mut operations);
    Ok(operations)
}

/// The operation's own security requirement and servers (operation-level servers win
/// over path-level ones; of path-level ones, those beside a `$ref` over the referenced
/// item's).
fn where_and_how(
    lw: &mut Lowerer,
    security: &SecurityLowering,
    item_owners: &[(Location, &Value)],
    op_loc: &Location,
    op: &Value,
    operation: &mut Operation,
) {
    operation.security = op
        .key("security")
        .map(|list| security.requirements(lw, &op_loc.child("security"), list));
    let own = [(op_loc, op)]
        .into_iter()
        .chain(item_owners.iter().rev().map(|(l, v)| (l, *v)))
        .find_map(|(loc, owner)| {
            owner
                .key("servers")
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
    item_params: &[(Location, &Value)],
    op_loc: &Location,
    op: &Value,
) -> Result<Operation, LowerError> {
    let (op_loc, op) = lw.deref(op_loc, op)?;
    // Some specs make path keys unique with a `#fragment`; it is never sent.
    let path_key = path_key.split('#').next().unwrap_or(path_key);
    let (path, fixed_query) = path_key.split_once('?').unwrap_or((path_key, ""));
    let id = op
        .key("operationId")
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
        if let Some(list) = owner.key("parameters").and_then(Value::as_sequence) {
            for (i, param) in list.iter().enumerate() {
                params.push(lw.deref(&loc.child("parameters").index(i), param)?);
            }
        }
    }
    let lowered = params::lower_params(lw, path, &params, &type_hint, &id, &op_loc)?;

    let body = match op.key("requestBody") {
        Some(body) => {
            super::bodies::lower_body(lw, &op_loc.child("requestBody"), body, &type_hint)?
        }
        None => None,
    };
    let (response, stream) = super::responses::lower_responses(lw, &op_loc, op, &type_hint)?;
    let errors = super::errors::lower_errors(lw, &op_loc, op, &type_hint)?;
    let docs = [op.key("summary"), op.key("description")]
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
        with_options_method: None,
        stream_method: None,
        stream_with_options_method: None,
        download_method: None,
        download_with_options_method: None,
        docs: (!docs.is_empty()).then_some(docs),
        path_parts: lowered.path_parts,
        path_params: lowered.path_params,
        query: lowered.params_struct,
        query_argument: lowered.params_argument,
        params: lowered.params,
        body,
        response,
        stream,
        source: lw.display(&op_loc),
        deprecated: op.key("deprecated").and_then(Value::as_bool) == Some(true),
        id,
        security: None,
        servers: Vec::new(),
        errors,
        error_type: None,
    })
}
