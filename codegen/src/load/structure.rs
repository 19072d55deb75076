//! Shape checks on the raw document: an operation that is a string, `responses` written
//! as a list, `parameters` as a map, a Swagger 2 `in: body` parameter. Each would
//! otherwise lower to a method that silently does the wrong thing.

use super::lookup::Lookup;
use serde_yaml::Value;

use super::kind::Kind;

/// A problem found at a pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Pointer of the node.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem that stops loading.
    pub fn error(pointer: &str, message: String) -> Problem {
        Problem {
            pointer: pointer.to_string(),
            message,
        }
    }
}

/// Checks the shape of `value`, a node of kind `kind` at `pointer`.
pub fn check(value: &Value, kind: Kind, pointer: &str, problems: &mut Vec<Problem>) {
    use Kind::*;
    let wanted = match kind {
        Paths | PathItem | Operation | RequestBody | Responses | Response | Content | MediaType
        | Header | Components | Callback | Parameter | Encoding => "an object (a mapping)",
        Parameters => "a list",
        _ => return,
    };
    let fits = match kind {
        Parameters => value.is_sequence(),
        // `paths:` or `components:` with nothing under them: there are none.
        Paths | Components => value.is_mapping() || value.is_null(),
        _ => value.is_mapping(),
    };
    if !fits {
        let what = kind.describe();
        problems.push(Problem::error(
            pointer,
            format!("{what} must be {wanted}, found {}", describe(value)),
        ));
        return;
    }
    if kind == Parameter && value.key("$ref").is_none() {
        check_parameter(value, pointer, problems);
    }
}

/// Where a parameter may be (`querystring` is OpenAPI 3.2's).
const PLACES: [&str; 5] = ["query", "header", "path", "cookie", "querystring"];

fn check_parameter(value: &Value, pointer: &str, problems: &mut Vec<Problem>) {
    match value.key("in") {
        Some(Value::String(place)) if place == "body" || place == "formData" => {
            problems.push(Problem::error(
                pointer,
                format!(
                    "`in: {place}` is a Swagger 2 parameter; OpenAPI 3 sends bodies and forms \
                     as `requestBody`"
                ),
            ));
        }
        Some(Value::String(place)) if PLACES.contains(&place.as_str()) => {}
        other => problems.push(Problem::error(
            pointer,
            format!(
                "a parameter's `in` must be one of {}, found {}",
                PLACES.join(", "),
                other.map_or("nothing", describe_text)
            ),
        )),
    }
    if !value.key("name").is_some_and(Value::is_string) {
        problems.push(Problem::error(
            pointer,
            "a parameter needs a string `name`".to_string(),
        ));
    }
}

fn describe_text(value: &Value) -> &str {
    match value {
        Value::String(text) => text,
        other => describe(other),
    }
}

/// How messages name the JSON type of `value`.
pub fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}
