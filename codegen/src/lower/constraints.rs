//! What a schema says about a value beyond its type: `default`, numeric and length
//! bounds, `pattern`, `format`, `deprecated`. Kept as plain data in the IR.

use crate::load::Lookup;
use serde_yaml::Value;

use super::Lowerer;
use crate::ir::{Constraints, Number};
use crate::load::Location;

/// The constraints of the schema at `loc`: its own keywords first, then those of the
/// schema it refers to (`$ref`, a lone `allOf` part, the one non-null `anyOf`/`oneOf` arm),
/// with those of its array items and map values. A `pattern` the `regex` crate cannot
/// express is a warning naming `loc`: it stays documented but is not checked.
pub(crate) fn constraints_of(lw: &mut Lowerer, loc: &Location, schema: &Value) -> Constraints {
    let mut ignored = Vec::new();
    let out = nested(lw, loc, schema, MAX_NESTING, &mut ignored);
    for (at, message) in ignored {
        lw.warn(&at, message);
    }
    if out.pattern_unchecked {
        if let Some(pattern) = &out.pattern {
            lw.warn(
                loc,
                format!(
                    "`pattern` `{pattern}` uses syntax the `regex` crate lacks \
                     (lookaround, backreferences, ...); `validate()` does not check it"
                ),
            );
        }
    }
    out
}

/// How many levels of `items` / `additionalProperties` are looked into: enough for
/// real specs, and a bound for schemas whose items refer back to themselves.
const MAX_NESTING: usize = 8;

/// `ignored` gathers the keywords whose values cannot be a bound, each at its place.
fn nested(
    lw: &Lowerer,
    loc: &Location,
    schema: &Value,
    depth: usize,
    ignored: &mut Vec<(Location, String)>,
) -> Constraints {
    let mut out = Constraints::default();
    let parts = parts(lw, loc, schema);
    for (part_loc, part) in &parts {
        fill(&mut out, part);
        for (key, message) in unusable(part) {
            ignored.push((part_loc.child(key), message));
        }
    }
    if let Some(pattern) = &out.pattern {
        out.pattern_unchecked = super::patterns::to_rust_regex(pattern).is_none();
    }
    if depth > 0 {
        let mut below = |key: &str| {
            parts.iter().find_map(|(part_loc, part)| {
                let inner = part.key(key).filter(|v| v.is_mapping())?;
                let inner = nested(lw, &part_loc.child(key), inner, depth - 1, ignored);
                (!inner.is_empty()).then(|| Box::new(inner))
            })
        };
        out.items = below("items");
        out.values = below("additionalProperties");
    }
    out
}

/// Whether the property schema at `loc` is itself marked `deprecated: true` (directly or
/// on a lone wrapping part). A deprecated *type* it refers to is not: that type carries
/// its own `#[deprecated]`.
pub(crate) fn is_deprecated(loc: &Location, schema: &Value) -> bool {
    let mut current = (loc.clone(), schema);
    for _ in 0..4 {
        if current.1.key("deprecated").and_then(Value::as_bool) == Some(true) {
            return true;
        }
        match only_arm(&current.0, current.1) {
            Some(next) if super::reference_of(current.1).is_none() => current = next,
            _ => break,
        }
    }
    false
}

/// The schema and the schemas it stands for, nearest first (at most a few steps).
fn parts<'v>(lw: &Lowerer<'v>, loc: &Location, schema: &'v Value) -> Vec<(Location, &'v Value)> {
    let mut out = vec![(loc.clone(), schema)];
    let mut current = (loc.clone(), schema);
    for _ in 0..4 {
        let next = if super::reference_of(current.1).is_some() {
            lw.deref(&current.0, current.1).ok()
        } else {
            only_arm(&current.0, current.1)
        };
        let Some(next) = next else { break };
        out.push(next.clone());
        current = next;
    }
    out
}

/// The one part of an `allOf`, or the one non-null arm of an `anyOf`/`oneOf`.
fn only_arm<'v>(loc: &Location, schema: &'v Value) -> Option<(Location, &'v Value)> {
    ["allOf", "anyOf", "oneOf"].iter().find_map(|key| {
        let arms = schema.key(key)?.as_sequence()?;
        let mut non_null = arms
            .iter()
            .enumerate()
            .filter(|(_, arm)| !super::schema::is_null_schema(arm));
        let (i, arm) = non_null.next()?;
        non_null
            .next()
            .is_none()
            .then(|| (loc.child(key).index(i), arm))
    })
}

/// Fills what `out` does not have yet from the keywords of `schema`.
fn fill(out: &mut Constraints, schema: &Value) {
    let number = |key: &str| schema.key(key).and_then(number);
    let count = |key: &str| schema.key(key).and_then(Value::as_u64);
    let text = |key: &str| schema.key(key).and_then(Value::as_str).map(str::to_string);
    if out.default.is_none() {
        out.default = schema.key("default").map(json_text);
    }
    // 3.0 writes `exclusiveMinimum: true` beside `minimum`; 3.1 gives the bound itself.
    let exclusive = |key: &str, bound: &str| match schema.key(key) {
        Some(Value::Bool(true)) => number(bound),
        Some(value) => self::number(value),
        None => None,
    };
    let exclusive_minimum = exclusive("exclusiveMinimum", "minimum");
    let exclusive_maximum = exclusive("exclusiveMaximum", "maximum");
    let inclusive = |key: &str, exclusive_key: &str| {
        (schema.key(exclusive_key) != Some(&Value::Bool(true)))
            .then(|| number(key))
            .flatten()
    };
    let minimum = inclusive("minimum", "exclusiveMinimum");
    let maximum = inclusive("maximum", "exclusiveMaximum");
    let no_lower = out.minimum.is_none() && out.exclusive_minimum.is_none();
    if no_lower {
        out.minimum = minimum;
        out.exclusive_minimum = exclusive_minimum;
    }
    let no_upper = out.maximum.is_none() && out.exclusive_maximum.is_none();
    if no_upper {
        out.maximum = maximum;
        out.exclusive_maximum = exclusive_maximum;
    }
    out.multiple_of = out
        .multiple_of
        .or_else(|| number("multipleOf").filter(is_positive));
    out.min_length = out.min_length.or_else(|| count("minLength"));
    out.max_length = out.max_length.or_else(|| count("maxLength"));
    out.min_items = out.min_items.or_else(|| count("minItems"));
    out.max_items = out.max_items.or_else(|| count("maxItems"));
    if out.pattern.is_none() {
        out.pattern = text("pattern");
    }
    // A number's `format` already chose its Rust type; a string's says what it holds.
    if out.format.is_none() && !is_numeric(schema) {
        out.format = text("format");
    }
}

/// The bound keywords of `schema` whose values say nothing usable, with why: they are
/// left out of the IR (so of rustdoc and `validate()`), which a warning must say.
fn unusable(schema: &Value) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let shown = |value: &Value| json_text(value);
    for key in ["minimum", "maximum", "multipleOf"] {
        if let Some(value) = schema.key(key) {
            match number(value) {
                None => out.push((
                    key,
                    format!("`{key}` is {}, not a finite number; ignored", shown(value)),
                )),
                Some(n) if key == "multipleOf" && !is_positive(&n) => out.push((
                    key,
                    format!("`multipleOf` is {}, not above 0; ignored", shown(value)),
                )),
                Some(_) => {}
            }
        }
    }
    for key in ["exclusiveMinimum", "exclusiveMaximum"] {
        if let Some(value) = schema.key(key) {
            if !matches!(value, Value::Bool(_)) && number(value).is_none() {
                out.push((
                    key,
                    format!(
                        "`{key}` is {}, neither a finite number nor a boolean; ignored",
                        shown(value)
                    ),
                ));
            }
        }
    }
    for key in ["minLength", "maxLength", "minItems", "maxItems"] {
        if let Some(value) = schema.key(key) {
            if value.as_u64().is_none() {
                out.push((
                    key,
                    format!(
                        "`{key}` is {}, not a whole number from 0 up; ignored",
                        shown(value)
                    ),
                ));
            }
        }
    }
    if let Some(value) = schema.key("pattern").filter(|v| !v.is_string()) {
        out.push((
            "pattern",
            format!("`pattern` is {}, not a string; ignored", shown(value)),
        ));
    }
    out
}

/// Whether the schema's declared type is only numbers (or booleans).
fn is_numeric(schema: &Value) -> bool {
    let numeric = |t: &str| matches!(t, "integer" | "number" | "boolean" | "null");
    match schema.key("type") {
        Some(Value::String(t)) => numeric(t),
        Some(Value::Sequence(types)) => types.iter().all(|t| t.as_str().is_some_and(numeric)),
        _ => false,
    }
}

/// Whether a number is above 0, as `multipleOf` must be.
fn is_positive(n: &Number) -> bool {
    match *n {
        Number::Integer(i) => i > 0,
        Number::Float(x) => x > 0.0,
    }
}

fn number(value: &Value) -> Option<Number> {
    let Value::Number(n) = value else {
        return None;
    };
    if let Some(i) = n.as_i64() {
        Some(Number::Integer(i.into()))
    } else if let Some(u) = n.as_u64() {
        Some(Number::Integer(u.into()))
    } else {
        // `.inf` and `.nan` bound nothing a JSON number can reach.
        n.as_f64().filter(|x| x.is_finite()).map(Number::Float)
    }
}

/// A YAML value as JSON text, for showing a `default`.
pub(crate) fn json_text(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => json_string(s),
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(json_text).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Mapping(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{}: {}",
                        json_string(&super::scalar_string(k)),
                        json_text(v)
                    )
                })
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Tagged(tagged) => json_text(&tagged.value),
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::json_text;
    use serde_yaml::Value;

    #[test]
    fn defaults_are_shown_as_json() {
        let value: Value = serde_yaml::from_str("{a: [1, 0.5, \"x\\\"y\"], b: null}").unwrap();
        assert_eq!(json_text(&value), r#"{"a": [1, 0.5, "x\"y"], "b": null}"#);
    }
}
