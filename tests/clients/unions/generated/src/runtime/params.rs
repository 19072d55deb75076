// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Request parameters as OpenAPI writes them: path expansions (`simple`, `label`,
//! `matrix`), query styles (`form`, `spaceDelimited`, `pipeDelimited`, `deepObject`),
//! headers (`simple`) and cookies (`form`), with `explode` true or false.
//!
//! Every name and value is percent-encoded here, once; delimiters the style adds are
//! written as they are. Values are first turned into JSON (`serde_json::Value`), so a
//! string, number, array or object of any generated type is handled the same way.

// Not every API uses every style.
#![allow(dead_code)]

use serde::Serialize;
use serde_json::Value;

use super::error::Error;

/// An OpenAPI parameter style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `blue,black` (path, header).
    Simple,
    /// `.blue` (path).
    Label,
    /// `;color=blue` (path).
    Matrix,
    /// `color=blue` (query, cookie).
    Form,
    /// `color=blue%20black` (query).
    SpaceDelimited,
    /// `color=blue|black` (query).
    PipeDelimited,
    /// `color[R]=100` (query).
    DeepObject,
    /// The value as JSON text.
    Json,
}

/// The parameters of one request, rendered: the path, the query pairs, and the
/// headers and cookies the spec declares.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    /// Relative to the base URL, already percent-encoded.
    pub path: String,
    /// Query pairs, each already percent-encoded (`name=value`).
    pub query: Vec<String>,
    /// Header parameters.
    pub headers: Vec<(String, String)>,
    /// `name=value` pairs of the `Cookie` header.
    pub cookies: Vec<String>,
    /// Name and byte range in `path` of each path parameter's expansion.
    path_params: Vec<(String, usize, usize)>,
}

impl Params {
    /// Parameters of a request to `path` (already encoded), with nothing else.
    pub(crate) fn with_path(path: impl Into<String>) -> Self {
        Params {
            path: path.into(),
            ..Params::default()
        }
    }

    /// Appends literal path text from the spec (already safe to send).
    pub(crate) fn literal(&mut self, text: &str) {
        self.path.push_str(text);
    }

    /// Appends a path parameter, expanded in `style`.
    pub(crate) fn path<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) {
        let value = json(value);
        let start = self.path.len();
        self.expand_path(name, &value, style, explode);
        self.path_params
            .push((name.to_string(), start, self.path.len()));
    }

    fn expand_path(&mut self, name: &str, value: &Value, style: Style, explode: bool) {
        let out = &mut self.path;
        let (prefix, sep) = match style {
            Style::Label => (".", if explode { "." } else { "," }),
            Style::Matrix => (";", if explode { ";" } else { "," }),
            _ => ("", ","),
        };
        out.push_str(prefix);
        match (value, style) {
            (_, Style::Json) => out.push_str(&encode(&value.to_string(), PATH)),
            (Value::Array(items), Style::Matrix) if explode => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|v| format!("{}={}", encode(name, PATH), encode(&scalar(v), PATH)))
                    .collect();
                out.push_str(&parts.join(";"));
            }
            (Value::Array(items), _) => {
                if style == Style::Matrix {
                    push_matrix_name(out, name, !items.is_empty());
                }
                let parts: Vec<String> = items.iter().map(|v| encode(&scalar(v), PATH)).collect();
                out.push_str(&parts.join(sep));
            }
            (Value::Object(map), _) => {
                if style == Style::Matrix && !explode {
                    push_matrix_name(out, name, !map.is_empty());
                }
                let parts: Vec<String> = map
                    .iter()
                    .map(|(k, v)| {
                        let (k, v) = (encode(k, PATH), encode(&scalar(v), PATH));
                        if explode {
                            format!("{k}={v}")
                        } else {
                            format!("{k},{v}")
                        }
                    })
                    .collect();
                out.push_str(&parts.join(sep));
            }
            (scalar_value, _) => {
                let text = scalar(scalar_value);
                if style == Style::Matrix {
                    push_matrix_name(out, name, !text.is_empty());
                }
                out.push_str(&encode(&text, PATH));
            }
        }
    }

    /// Adds a query parameter in `style`.
    pub(crate) fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) {
        let value = json(value);
        let key = encode(name, QUERY);
        let sep = match style {
            Style::SpaceDelimited => "%20",
            Style::PipeDelimited => "|",
            _ => ",",
        };
        match (&value, style) {
            (_, Style::Json) => self
                .query
                .push(format!("{key}={}", encode(&value.to_string(), QUERY))),
            (Value::Object(_), Style::DeepObject) => deep_object(&mut self.query, &key, &value),
            _ => form_values(&mut self.query, &key, &value, sep, explode, QUERY),
        }
    }

    /// Adds a fixed `name=value` query pair (from the spec's path key).
    pub(crate) fn query_pair(&mut self, name: &str, value: &str) {
        self.query
            .push(format!("{}={}", encode(name, QUERY), encode(value, QUERY)));
    }

    /// Adds a header parameter (`simple` style; header values are not percent-encoded,
    /// and one that is not a valid header value fails the request).
    pub(crate) fn header<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) {
        let value = json(value);
        let text = match (&value, style) {
            (_, Style::Json) => value.to_string(),
            _ => simple_text(&value, explode),
        };
        self.headers.push((name.to_string(), text));
    }

    /// Adds a cookie parameter (`form` style).
    pub(crate) fn cookie<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
        style: Style,
        explode: bool,
    ) {
        let value = json(value);
        let key = encode(name, COOKIE);
        match (&value, style) {
            (_, Style::Json) => self
                .cookies
                .push(format!("{key}={}", encode(&value.to_string(), COOKIE))),
            // Cookies are `form` style: lists and objects joined with `,` unless exploded.
            _ => form_values(&mut self.cookies, &key, &value, ",", explode, COOKIE),
        }
    }

    /// Fails when a path parameter made its segment empty, `.` or `..` (written or
    /// percent-encoded): URL rules remove such a segment (or an empty one names another
    /// resource), so the request would go elsewhere. Literal spec text is left alone.
    pub(crate) fn check_path(&self) -> Result<(), Error> {
        for (name, start, end) in &self.path_params {
            let from = self.path[..*start].rfind('/').map_or(0, |i| i + 1);
            let to = self.path[*end..]
                .find('/')
                .map_or(self.path.len(), |i| end + i);
            let decoded = self.path[from..to].to_ascii_lowercase().replace("%2e", ".");
            if matches!(decoded.as_str(), "" | "." | "..") {
                return Err(Error::config(format!(
                    "path parameter `{name}` makes the segment `{decoded}` of `{}`; URL rules \
                     drop or change such segments, so the request would go to another resource",
                    self.path
                )));
            }
        }
        Ok(())
    }
}

/// An HTTP method `reqwest` has no constant for (OpenAPI 3.2 `query`, additional
/// operations). The spec's name was checked to be a token, so this fails only if the
/// HTTP library disagrees.
pub(crate) fn method(name: &str) -> Result<reqwest::Method, Error> {
    reqwest::Method::from_bytes(name.as_bytes())
        .map_err(|_| Error::config(format!("invalid HTTP method `{name}`")))
}

/// `;name` or `;name=` before a matrix value.
fn push_matrix_name(out: &mut String, name: &str, has_value: bool) {
    out.push_str(&encode(name, PATH));
    if has_value {
        out.push('=');
    }
}

/// `name[a]=1&name[b][c]=2&name[d][0]=x`.
fn deep_object(out: &mut Vec<String>, key: &str, value: &Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                deep_object(out, &format!("{key}[{}]", encode(k, QUERY)), v);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                deep_object(out, &format!("{key}[{i}]"), v);
            }
        }
        Value::Null => {}
        other => out.push(format!("{key}={}", encode(&scalar(other), QUERY))),
    }
}

/// A header value in `simple` style.
fn simple_text(value: &Value, explode: bool) -> String {
    match value {
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(","),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                if explode {
                    format!("{k}={}", scalar(v))
                } else {
                    format!("{k},{}", scalar(v))
                }
            })
            .collect::<Vec<_>>()
            .join(","),
        other => scalar(other),
    }
}

fn json<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The text of one value: strings as they are, `null` empty, anything nested as JSON.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Which bytes stay as they are (besides ASCII letters and digits).
#[derive(Clone, Copy)]
struct Keep(&'static [u8]);

/// `key=value` pairs of one `form`-style value: a list or an object as one pair joined
/// with `sep`, or (exploded) one pair per item or per property; a scalar as one pair.
fn form_values(
    out: &mut Vec<String>,
    key: &str,
    value: &Value,
    sep: &str,
    explode: bool,
    keep: Keep,
) {
    match value {
        Value::Array(items) if explode => {
            for item in items {
                out.push(format!("{key}={}", encode(&scalar(item), keep)));
            }
        }
        Value::Object(map) if explode => {
            for (k, v) in map {
                out.push(format!("{}={}", encode(k, keep), encode(&scalar(v), keep)));
            }
        }
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(|v| encode(&scalar(v), keep)).collect();
            out.push(format!("{key}={}", parts.join(sep)));
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .flat_map(|(k, v)| [encode(k, keep), encode(&scalar(v), keep)])
                .collect();
            out.push(format!("{key}={}", parts.join(sep)));
        }
        other => out.push(format!("{key}={}", encode(&scalar(other), keep))),
    }
}

/// Path text: only unreserved characters stay, so `/`, `?`, `#`, `%`, `;` and `,` in a
/// value are encoded; a value that is all dots is encoded too (see [`Params::check_path`]).
const PATH: Keep = Keep(b"-._~");
/// Query text: unreserved characters stay; a space is `%20`, never `+`.
const QUERY: Keep = Keep(b"-._~");
/// Cookie text: unreserved characters stay.
const COOKIE: Keep = Keep(b"-._~");

/// Percent-encodes `text`, keeping ASCII letters, digits and `keep`. A text made only of
/// dots has them encoded, so it never reads as a dot segment.
fn encode(text: &str, keep: Keep) -> String {
    let all_dots = !text.is_empty() && text.bytes().all(|b| b == b'.');
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || (keep.0.contains(&byte) && !(all_dots && byte == b'.')) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
