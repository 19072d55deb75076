// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Server URL templates from the spec, and how their `{variables}` are filled in.
//!
//! Rules:
//! - The client's base URL is, in order: the builder's `base_url`, the base URL environment
//!   variable, else the chosen API-wide server (the first by default) with its variables.
//! - An operation with its own servers is sent to the first of them, unless the user gave
//!   `base_url_for_all_operations`.
//! - A relative server URL (`/v1`, `v1`) names a path on the host of the base URL the user
//!   gives: an API-wide one is appended to a base URL that has no path (and a base URL that
//!   has a path is used as is); an operation's is resolved against the base URL's origin.
//! - A variable takes the user's value, else its default; one without a default (a `{name}`
//!   the spec did not declare) must be set by the user. A value outside the declared `enum`
//!   is an error.

use std::collections::BTreeMap;

use super::error::Error;

/// A server URL template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ServerDef {
    /// The URL with `{name}` placeholders.
    pub url: &'static str,
    pub variables: &'static [Variable],
    /// The URL has no scheme and host.
    pub relative: bool,
}

/// A `{name}` placeholder of a server URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Variable {
    pub name: &'static str,
    /// `None`: the user must set it.
    pub default: Option<&'static str>,
    /// Allowed values; empty allows any.
    pub choices: &'static [&'static str],
}

impl ServerDef {
    /// The URL with every variable replaced by the user's value or its default.
    pub(crate) fn render(&self, values: &BTreeMap<String, String>) -> Result<String, Error> {
        let mut url = self.url.to_string();
        for var in self.variables {
            let value = match (values.get(var.name), var.default) {
                (Some(value), _) => value.as_str(),
                (None, Some(default)) => default,
                (None, None) => {
                    return Err(Error::config(format!(
                        "the server URL `{}` needs the variable `{}`; set it with \
                         `ClientBuilder::server_variable(\"{}\", ..)`",
                        self.url, var.name, var.name
                    )))
                }
            };
            url = url.replace(&format!("{{{}}}", var.name), value);
        }
        Ok(url)
    }
}

/// Checks the user's variable values against every server that declares them.
pub(crate) fn check_variables(
    values: &BTreeMap<String, String>,
    servers: &[&ServerDef],
) -> Result<(), Error> {
    for (name, value) in values {
        let declared: Vec<&Variable> = servers
            .iter()
            .flat_map(|s| s.variables)
            .filter(|v| v.name == name)
            .collect();
        if declared.is_empty() {
            return Err(Error::config(format!(
                "no server URL of this API has the variable `{name}`"
            )));
        }
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::config(format!(
                "the server variable `{name}` must be non-empty text without spaces"
            )));
        }
        for var in declared {
            if !var.choices.is_empty() && !var.choices.contains(&value.as_str()) {
                return Err(Error::config(format!(
                    "the server variable `{name}` must be one of {}, not `{value}`",
                    var.choices
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        }
    }
    Ok(())
}

/// Joins a relative server path onto a base URL's origin (`scheme://host[:port]`).
pub(crate) fn on_origin(origin: &str, relative: &str) -> String {
    format!(
        "{}/{}",
        origin.trim_end_matches('/'),
        relative.trim_start_matches('/')
    )
}
