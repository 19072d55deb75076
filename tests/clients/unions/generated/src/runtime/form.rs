// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! `application/x-www-form-urlencoded` bodies, with nested keys in bracket style.
//!
//! The typed body is serialized to JSON first, then flattened. Each top-level property
//! follows its `encoding` rule from the spec; without one, scalars are `key=value`,
//! arrays of scalars repeat the key (`form`, exploded), and objects or arrays of objects
//! use brackets (`metadata[key]=v`, `items[0][price]=p`), the form APIs with nested
//! bodies expect. Under `deepObject`, arrays of scalars are `expand[]=a`. `null` and
//! unset properties are left out; an empty object or array is sent as `key=`.

// Only APIs with such bodies call into this; the others would warn about it.
#![allow(dead_code)]

use serde::Serialize;
use serde_json::Value;

use super::body::Payload;
use super::error::Error;
use super::serde_support::param_text;

/// An `encoding` style, as declared in the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// Encodes `value` (a JSON object) with per-property `(name, style, explode)` rules.
pub(crate) fn encode<T: Serialize + ?Sized>(
    value: &T,
    rules: &[(&str, Style, bool)],
) -> Result<Payload, Error> {
    let value = serde_json::to_value(value)
        .map_err(|e| Error::config(format!("could not serialize the form body: {e}")))?;
    let Value::Object(object) = value else {
        return Err(Error::config(
            "a form-urlencoded body must serialize to a JSON object",
        ));
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (key, value) in &object {
        let rule = rules.iter().find(|(name, _, _)| name == key);
        match rule {
            Some((_, style, explode)) => top_level(key, value, *style, *explode, &mut pairs),
            None => top_level(key, value, Style::Form, true, &mut pairs),
        }
    }
    let mut body = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            body.push('&');
        }
        escape_into(k, &mut body);
        body.push('=');
        escape_into(v, &mut body);
    }
    Ok(Payload::bytes(
        "application/x-www-form-urlencoded",
        bytes::Bytes::from(body),
    ))
}

fn top_level(
    key: &str,
    value: &Value,
    style: Style,
    explode: bool,
    out: &mut Vec<(String, String)>,
) {
    let scalars = |items: &[Value]| items.iter().all(|v| !v.is_array() && !v.is_object());
    match value {
        Value::Null => {}
        Value::Array(items) if scalars(items) && style != Style::DeepObject => {
            let texts = items.iter().map(param_text);
            match (style, explode) {
                (Style::Form, true) => out.extend(texts.map(|t| (key.to_string(), t))),
                (Style::SpaceDelimited, _) => {
                    out.push((key.to_string(), texts.collect::<Vec<_>>().join(" ")))
                }
                (Style::PipeDelimited, _) => {
                    out.push((key.to_string(), texts.collect::<Vec<_>>().join("|")))
                }
                _ => out.push((key.to_string(), texts.collect::<Vec<_>>().join(","))),
            }
        }
        Value::Object(map) if style == Style::Form && !explode => {
            let joined: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .flat_map(|(k, v)| [k.clone(), param_text(v)])
                .collect();
            out.push((key.to_string(), joined.join(",")));
        }
        Value::Array(_) | Value::Object(_) => nested(key.to_string(), value, out),
        scalar => out.push((key.to_string(), param_text(scalar))),
    }
}

/// Bracket style: `a[b]=v`, `a[]=v` for lists of scalars, `a[0][b]=v` for lists of objects.
fn nested(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Object(map) if map.is_empty() => out.push((prefix, String::new())),
        Value::Array(items) if items.is_empty() => out.push((prefix, String::new())),
        Value::Object(map) => {
            for (k, v) in map {
                nested(format!("{prefix}[{k}]"), v, out);
            }
        }
        Value::Array(items) => {
            let scalars = items.iter().all(|v| !v.is_array() && !v.is_object());
            for (i, item) in items.iter().enumerate() {
                if scalars {
                    nested(format!("{prefix}[]"), item, out);
                } else {
                    nested(format!("{prefix}[{i}]"), item, out);
                }
            }
        }
        scalar => out.push((prefix, param_text(scalar))),
    }
}

/// The `application/x-www-form-urlencoded` byte serializer (WHATWG URL standard).
fn escape_into(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
}
