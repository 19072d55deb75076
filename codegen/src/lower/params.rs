//! Parameters: the path template, path parameters (method arguments) and the query,
//! header and cookie parameters (one struct per operation), with their OpenAPI styles.
//!
//! Nothing declared is dropped without a warning naming its pointer.

use crate::load::Lookup;
use std::collections::BTreeMap;

use serde_yaml::Value;

use super::names::{pascal, snake, NameTable};
use super::schema::{lower_inline, wrap_nullable};
use super::{schema_docs, LowerError, Lowerer};
use crate::ir::Param;
use crate::ir::{Extra, Field, ParamLocation, ParamStyle, PathPart, Struct, TypeKind, TypeRef};
use crate::load::Location;

/// Argument names the generated methods (and their doc examples, which take the
/// `client`) use besides the path parameters; a path parameter never takes one (the
/// method's locals all start with `__`, which no spec name can produce, see [`snake`]).
pub(crate) const METHOD_ARGUMENTS: &[&str] =
    &["options", "body", "query", "params", "self_", "client"];

/// Headers OpenAPI says a parameter must not describe: they are set by the body, the
/// response and the security schemes.
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

/// What the parameters of one operation lower to.
pub(crate) struct Lowered {
    /// The path template, cut into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// Path parameters, each once, in path order.
    pub path_params: Vec<Param>,
    /// Query, header and cookie parameters.
    pub params: Vec<Param>,
    /// The struct holding [`Lowered::params`].
    pub params_struct: Option<String>,
    /// The methods' argument taking that struct (one of [`METHOD_ARGUMENTS`]).
    pub params_argument: Option<String>,
}

/// Lowers `params` (path-item level first, then operation level, each already
/// dereferenced) for the operation `id` on `path`.
pub(crate) fn lower_params(
    lw: &mut Lowerer,
    path: &str,
    params: &[(Location, &Value)],
    hint: &str,
    id: &str,
    op_loc: &Location,
) -> Result<Lowered, LowerError> {
    // A later declaration of the same (in, name) overrides an earlier one: the
    // operation's own parameters override the path item's.
    let mut by_key: BTreeMap<(String, String), (Location, &Value)> = BTreeMap::new();
    let mut order = Vec::new();
    for (loc, param) in params {
        if !param.is_mapping() {
            lw.warn(loc, "parameter is not an object; not sent");
            continue;
        }
        let Some(name) = param.key("name").and_then(Value::as_str) else {
            lw.warn(loc, "parameter without a `name`; not sent");
            continue;
        };
        let place = match param.key("in").and_then(Value::as_str) {
            Some(place) => place,
            None => {
                lw.warn(loc, "parameter without `in`; sent as a query parameter");
                "query"
            }
        };
        let key = (place.to_string(), name.to_string());
        if by_key.insert(key.clone(), (loc.clone(), param)).is_none() {
            order.push(key);
        }
    }

    let template = parse_template(path);
    let mut arg_names = NameTable::with_reserved(METHOD_ARGUMENTS.iter().copied());
    let mut path_params: Vec<Param> = Vec::new();
    let mut path_parts = Vec::new();
    for piece in template {
        match piece {
            Piece::Literal(text) => path_parts.push(PathPart::Literal(escape_literal(&text))),
            Piece::Name(name) => {
                if let Some(i) = path_params.iter().position(|p| p.name == name) {
                    path_parts.push(PathPart::Param(i));
                    continue;
                }
                let key = ("path".to_string(), name.clone());
                let param = match by_key.get(&key) {
                    Some((loc, value)) => {
                        let (loc, value) = (loc.clone(), *value);
                        let mut p = lower_one(lw, &loc, value, &name, ParamLocation::Path, hint)?;
                        p.required = true;
                        p
                    }
                    None => Param {
                        name: name.clone(),
                        rust_name: String::new(),
                        docs: None,
                        ty: TypeRef::String,
                        required: true,
                        location: ParamLocation::Path,
                        style: ParamStyle::Simple,
                        explode: false,
                        constraints: Default::default(),
                    },
                };
                path_parts.push(PathPart::Param(path_params.len()));
                path_params.push(Param {
                    rust_name: arg_names.claim(&snake(&name)),
                    ..param
                });
            }
        }
    }

    let mut field_names = NameTable::default();
    let mut out = Vec::new();
    for key in order {
        let (loc, value) = by_key[&key].clone();
        let (place, name) = (key.0.as_str(), key.1.as_str());
        let location = match place {
            "path" => {
                if !path_params.iter().any(|p| p.name == name) {
                    lw.warn(
                        &loc,
                        format!("path parameter `{name}` is not in the path `{path}`; not sent"),
                    );
                }
                continue;
            }
            "query" => ParamLocation::Query,
            "header" if IGNORED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) => {
                lw.warn(
                    &loc,
                    format!(
                        "header parameter `{name}` is ignored, as OpenAPI requires \
                         (the client sets it)"
                    ),
                );
                continue;
            }
            "header" if !is_token(name) => {
                lw.warn(
                    &loc,
                    format!("`{name}` is not a valid header name; not sent"),
                );
                continue;
            }
            "header" => ParamLocation::Header,
            "cookie" => ParamLocation::Cookie,
            // The whole query string as one form-encoded object: each property is a
            // query pair, which is what `form` with `explode` writes.
            "querystring" if is_form_object(lw, &loc, value) => {
                let mut param = lower_one(lw, &loc, value, name, ParamLocation::Query, hint)?;
                (param.style, param.explode) = (ParamStyle::Form, true);
                param.constraints = Default::default();
                out.push(Param {
                    rust_name: field_names.claim(&snake(name)),
                    ..param
                });
                continue;
            }
            "querystring" => {
                lw.warn(
                    &loc,
                    format!(
                        "`in: querystring` parameter `{name}` is not supported; not sent \
                         (set the query with `RequestOptions::query`)"
                    ),
                );
                continue;
            }
            other => {
                lw.warn(
                    &loc,
                    format!("parameter `{name}` has unknown `in: {other}`; not sent"),
                );
                continue;
            }
        };
        let param = lower_one(lw, &loc, value, name, location, hint)?;
        out.push(Param {
            rust_name: field_names.claim(&snake(name)),
            ..param
        });
    }

    let all_query = out.iter().all(|p| p.location == ParamLocation::Query);
    // Named after what the struct holds, like the struct itself.
    let params_argument =
        (!out.is_empty()).then(|| if all_query { "query" } else { "params" }.to_string());
    let params_struct = (!out.is_empty()).then(|| {
        let fields = out
            .iter()
            .map(|p| Field {
                json_name: p.name.clone(),
                rust_name: p.rust_name.clone(),
                docs: p.docs.clone().or_else(|| Some(describe(p))),
                ty: p.ty.clone(),
                required: p.required,
                nullable: false,
                boxed: false,
                wire: crate::ir::WireMode::default(),
                setter: None,
                deprecated: false,
                constraints: p.constraints.clone(),
            })
            .collect();
        let kind = TypeKind::Struct(Struct {
            fields,
            constants: Vec::new(),
            extra: Extra::Forbidden,
        });
        let (suffix, docs) = if all_query {
            ("Query", format!("Query parameters of `{id}`."))
        } else {
            (
                "Params",
                format!("Query, header and cookie parameters of `{id}`."),
            )
        };
        lw.define(&format!("{hint}{suffix}"), op_loc, Some(docs), kind)
    });
    Ok(Lowered {
        path_parts,
        path_params,
        params: out,
        params_struct,
        params_argument,
    })
}

/// A header or method name is a token (RFC 9110).
pub(crate) fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Whether an `in: querystring` parameter is a form-encoded object.
fn is_form_object(lw: &Lowerer, loc: &Location, param: &Value) -> bool {
    let Some(Value::Mapping(content)) = param.key("content") else {
        return false;
    };
    let Some((media, body)) = content.iter().next() else {
        return false;
    };
    let Some(media) = media.as_str().filter(|m| is_form(m)) else {
        return false;
    };
    let schema_loc = loc.child("content").child(media).child("schema");
    body.key("schema")
        .and_then(|schema| lw.deref(&schema_loc, schema).ok())
        .is_some_and(|(_, schema)| {
            schema.key("type").and_then(Value::as_str) == Some("object")
                || schema.key("properties").is_some()
        })
}

fn is_form(media: &str) -> bool {
    media
        .trim()
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
}

/// The default doc line of a parameter field: where it is sent.
fn describe(p: &Param) -> String {
    let place = match p.location {
        ParamLocation::Path => "path parameter",
        ParamLocation::Query => "query parameter",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    format!("The `{}` {place}.", p.name)
}

/// Type, docs, style and explode of one parameter (names are given by the caller).
fn lower_one(
    lw: &mut Lowerer,
    loc: &Location,
    param: &Value,
    name: &str,
    location: ParamLocation,
    hint: &str,
) -> Result<Param, LowerError> {
    let docs = schema_docs(param);
    let type_hint = format!("{hint}{}", pascal(name));
    let mut json_content = false;
    let ty = if let Some(schema) = param.key("schema") {
        let (ty, nullable) = lower_inline(lw, &loc.child("schema"), schema, &type_hint)?;
        wrap_nullable(ty, nullable)
    } else if let Some(Value::Mapping(content)) = param.key("content") {
        // `content` describes a value sent as one serialized document.
        match content.iter().next() {
            Some((media, media_body)) => {
                let media = media.as_str().unwrap_or_default();
                let media_loc = loc.child("content").child(media);
                json_content = super::media::kind(media) == super::media::MediaKind::Json;
                let structured = json_content || is_form(media);
                if !structured {
                    lw.warn(
                        &media_loc,
                        format!("parameter `{name}` of type `{media}` is sent as plain text"),
                    );
                }
                match (structured, media_body.key("schema")) {
                    (true, Some(schema)) => {
                        let (ty, nullable) =
                            lower_inline(lw, &media_loc.child("schema"), schema, &type_hint)?;
                        wrap_nullable(ty, nullable)
                    }
                    (true, None) => TypeRef::Any,
                    (false, _) => TypeRef::String,
                }
            }
            None => TypeRef::String,
        }
    } else {
        TypeRef::String
    };
    let ty = match ty {
        TypeRef::Nullable(inner) => *inner,
        ty => ty,
    };
    let (style, explode) = if json_content {
        (ParamStyle::Json, false)
    } else {
        style_of(lw, loc, param, location)
    };
    // What `validate()` checks (and rustdoc shows); a `content` parameter's schema is
    // a serialized document, not a value with bounds.
    let constraints = match param.key("schema") {
        Some(schema) => super::constraints::constraints_of(lw, &loc.child("schema"), schema),
        None => Default::default(),
    };
    Ok(Param {
        name: name.to_string(),
        rust_name: String::new(),
        docs,
        ty,
        required: param
            .key("required")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        location,
        style,
        explode,
        constraints,
    })
}

/// `style` and `explode`, defaulted as OpenAPI says; a style the location does not
/// allow is replaced by the default, with a warning.
fn style_of(
    lw: &mut Lowerer,
    loc: &Location,
    param: &Value,
    location: ParamLocation,
) -> (ParamStyle, bool) {
    let default = match location {
        ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
        ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
    };
    let style = match param.key("style").and_then(Value::as_str) {
        None => default,
        Some(written) => {
            let style = match written {
                "simple" => Some(ParamStyle::Simple),
                "label" => Some(ParamStyle::Label),
                "matrix" => Some(ParamStyle::Matrix),
                "form" => Some(ParamStyle::Form),
                "spaceDelimited" => Some(ParamStyle::SpaceDelimited),
                "pipeDelimited" => Some(ParamStyle::PipeDelimited),
                "deepObject" => Some(ParamStyle::DeepObject),
                _ => None,
            };
            let allowed = match location {
                ParamLocation::Path => {
                    &[ParamStyle::Simple, ParamStyle::Label, ParamStyle::Matrix][..]
                }
                ParamLocation::Query => &[
                    ParamStyle::Form,
                    ParamStyle::SpaceDelimited,
                    ParamStyle::PipeDelimited,
                    ParamStyle::DeepObject,
                ][..],
                ParamLocation::Header => &[ParamStyle::Simple][..],
                ParamLocation::Cookie => &[ParamStyle::Form][..],
            };
            match style.filter(|s| allowed.contains(s)) {
                Some(style) => style,
                None => {
                    lw.warn(
                        &loc.child("style"),
                        format!(
                            "style `{written}` is not allowed here; sent as `{}`",
                            style_name(default)
                        ),
                    );
                    default
                }
            }
        }
    };
    let explode = param
        .key("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == ParamStyle::Form);
    (style, explode)
}

fn style_name(style: ParamStyle) -> &'static str {
    match style {
        ParamStyle::Simple => "simple",
        ParamStyle::Label => "label",
        ParamStyle::Matrix => "matrix",
        ParamStyle::Form => "form",
        ParamStyle::SpaceDelimited => "spaceDelimited",
        ParamStyle::PipeDelimited => "pipeDelimited",
        ParamStyle::DeepObject => "deepObject",
        ParamStyle::Json => "json",
    }
}

/// A piece of a path template as written.
#[derive(Debug, PartialEq)]
enum Piece {
    Literal(String),
    Name(String),
}

/// `/a/{id}/b` -> literal, name, literal. A brace that does not open a `{name}` with
/// no brace inside (`/b/{id}/x}`, `/c/{{id}}`) is literal text.
fn parse_template(path: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = path;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            if let Some(end) = rest[1..].find(['{', '}']) {
                let inner = &rest[1..1 + end];
                if rest[1 + end..].starts_with('}') && !inner.is_empty() {
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Name(inner.to_string()));
                    rest = &rest[end + 2..];
                    continue;
                }
            }
        }
        literal.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    pieces
}

/// Literal path text made safe to send: stray braces are percent-encoded, and so is a
/// backslash, which URL rules would otherwise read as a `/`.
fn escape_literal(text: &str) -> String {
    text.replace('{', "%7B")
        .replace('}', "%7D")
        .replace('\\', "%5C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Piece {
        Piece::Literal(s.to_string())
    }
    fn name(s: &str) -> Piece {
        Piece::Name(s.to_string())
    }

    #[test]
    fn stray_braces_are_literal() {
        assert_eq!(
            parse_template("/b/{id}/x}"),
            [lit("/b/"), name("id"), lit("/x}")]
        );
        assert_eq!(
            parse_template("/c/{{id}}"),
            [lit("/c/{"), name("id"), lit("}")]
        );
        assert_eq!(parse_template("/d/{}/{"), [lit("/d/{}/{")]);
        assert_eq!(parse_template("/{a}{b}"), [lit("/"), name("a"), name("b")]);
        assert_eq!(escape_literal("/c/{"), "/c/%7B");
        assert_eq!(escape_literal("/a\\b"), "/a%5Cb");
    }
}
