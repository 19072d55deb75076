//! Server lists (top-level, path-level and operation-level) and their URL variables.
//!
//! The runtime's rules for using them are in `runtime/servers.rs`; here every `{name}`
//! in a URL becomes a [`ServerVariable`] (undeclared ones without a default, with a
//! warning), and a URL without scheme and host is marked relative, with a warning.

use crate::load::Lookup;
use std::collections::BTreeMap;

use serde_yaml::Value;

use super::names::{snake, NameTable};
use super::Lowerer;
use crate::ir::{Operation, Server, ServerVariable};
use crate::load::Location;

/// Where a server list is declared, for the warning text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    /// The top-level `servers`.
    Api,
    /// A path item's or an operation's `servers`.
    Operation,
}

/// Lowers the top-level `servers`. None at all (or an empty list) means the relative
/// server `/`.
pub(crate) fn api_servers(lw: &mut Lowerer) -> Vec<Server> {
    let loc = lw.spec.root_location().child("servers");
    let spec = lw.spec;
    match spec.get(&loc) {
        Some(list) if list.as_sequence().is_some_and(|l| !l.is_empty()) => {
            lower_servers(lw, &loc, list, Level::Api)
        }
        // OpenAPI defines this case (the server is `/`), so it is no warning: the client
        // asks for a base URL at `build`, naming the setter and the environment variable.
        _ => {
            vec![Server {
                url: "/".to_string(),
                description: None,
                variables: Vec::new(),
                relative: true,
            }]
        }
    }
}

/// Lowers one `servers` list.
pub(crate) fn lower_servers(
    lw: &mut Lowerer,
    loc: &Location,
    list: &Value,
    level: Level,
) -> Vec<Server> {
    let Some(list) = list.as_sequence() else {
        lw.warn(loc, "`servers` must be a list; ignored");
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, server) in list.iter().enumerate() {
        let server_loc = loc.index(i);
        let Some(url) = server.key("url").and_then(Value::as_str).map(str::trim) else {
            lw.warn(&server_loc, "server without a `url`; skipped");
            continue;
        };
        let declared = server.key("variables").and_then(Value::as_mapping);
        let mut variables = Vec::new();
        for name in placeholders(url) {
            if variables.iter().any(|v: &ServerVariable| v.name == name) {
                continue;
            }
            let var_loc = server_loc.child("variables").child(&name);
            let variable = declared.and_then(|d| d.key(name.as_str()));
            variables.push(lower_variable(lw, &server_loc, &var_loc, &name, variable));
        }
        let sample: String = variables.iter().fold(url.to_string(), |url, v| {
            url.replace(
                &format!("{{{}}}", v.name),
                v.default.as_deref().unwrap_or("x"),
            )
        });
        let relative = !(sample.contains("://"));
        if relative {
            let rule = match level {
                Level::Api => {
                    "clients must be given a base URL; a bare origin gets this path \
                     appended, a base URL with a path is used as is"
                }
                Level::Operation => "it is resolved against the origin of the client's base URL",
            };
            lw.warn(
                &server_loc.child("url"),
                format!("server URL `{url}` is relative: {rule}"),
            );
        }
        out.push(Server {
            url: url.to_string(),
            description: server
                .key("description")
                .and_then(Value::as_str)
                .map(str::to_string),
            variables,
            relative,
        });
    }
    out
}

fn lower_variable(
    lw: &mut Lowerer,
    server_loc: &Location,
    loc: &Location,
    name: &str,
    variable: Option<&Value>,
) -> ServerVariable {
    let rust_name = format!("server_{}", snake(name).trim_start_matches("r#"));
    let Some(variable) = variable else {
        lw.warn(
            &server_loc.child("url"),
            format!(
                "server variable `{{{name}}}` is not declared: clients must set it \
                 (`ClientBuilder::server_variable(\"{name}\", ..)`)"
            ),
        );
        return ServerVariable {
            name: name.to_string(),
            rust_name,
            default: None,
            choices: Vec::new(),
            docs: None,
        };
    };
    let choices: Vec<String> = variable
        .key("enum")
        .and_then(Value::as_sequence)
        .map(|list| list.iter().map(super::scalar_string).collect())
        .unwrap_or_default();
    let default = variable.key("default").map(super::scalar_string);
    match &default {
        None => lw.warn(
            &loc.child("default"),
            format!("server variable `{name}` has no default: clients must set it"),
        ),
        Some(d) if !choices.is_empty() && !choices.contains(d) => lw.warn(
            &loc.child("default"),
            format!(
                "the default `{d}` of server variable `{name}` is not one of its `enum` values"
            ),
        ),
        Some(_) => {}
    }
    ServerVariable {
        name: name.to_string(),
        rust_name,
        default,
        choices,
        docs: variable
            .key("description")
            .and_then(Value::as_str)
            .map(str::to_string),
    }
}

/// The `{name}` placeholders of a URL template, in order.
fn placeholders(url: &str) -> Vec<String> {
    url.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}'))
        .map(|(name, _)| name.to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Drops an operation's servers when they start with the API-wide default (specs that
/// repeat the top-level list), so the user's base URL applies to it too, and names the
/// builder setter of each variable: one per variable name, avoiding `taken`.
pub(crate) fn settle(api_servers: &mut [Server], operations: &mut [Operation], taken: NameTable) {
    let default = api_servers.first().map(|s| s.url.clone());
    for op in operations.iter_mut() {
        if op.servers.first().map(|s| &s.url) == default.as_ref() {
            op.servers.clear();
        }
    }
    let mut table = taken;
    let mut chosen: BTreeMap<String, String> = BTreeMap::new();
    let all = api_servers
        .iter_mut()
        .chain(operations.iter_mut().flat_map(|op| op.servers.iter_mut()));
    for server in all {
        for var in &mut server.variables {
            let name = chosen
                .entry(var.name.clone())
                .or_insert_with(|| table.claim(&var.rust_name));
            var.rust_name = name.clone();
        }
    }
}
