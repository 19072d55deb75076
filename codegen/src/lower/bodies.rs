//! Request bodies: which media type is sent, and how its content is typed.
//!
//! Rule when a body offers several media types (see `media::rank`): JSON, then
//! multipart, then form-urlencoded, then text, then binary; within a kind the plain
//! media type, then the alphabetically first. The choice never depends on key order or
//! letter case, and every kind can be sent, so no operation is lost to its body.
//! A form or multipart body whose schema describes nothing (empty, or an object
//! without properties) adds no argument: there is nothing to send.

use crate::load::Lookup;
use serde_yaml::Value;

use super::media::{self, MediaKind};
use super::names::{snake, NameTable};
use super::schema::{lower_inline, wrap_nullable};
use super::{schema_docs, LowerError, Lowerer};
use crate::ir::{
    Body, BodyKind, FormEncoding, FormStyle, MultipartForm, PartField, PartKind, TypeKind, TypeRef,
};
use crate::load::Location;

/// The body of an operation, or `None` when there is nothing to send.
pub(crate) fn lower_body(
    lw: &mut Lowerer,
    loc: &Location,
    body: &Value,
    hint: &str,
) -> Result<Option<Body>, LowerError> {
    let (loc, body) = lw.deref(loc, body)?;
    let required = body
        .key("required")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let Some(Value::Mapping(content)) = body.key("content") else {
        return Ok(None);
    };
    let chosen = content
        .iter()
        .filter_map(|(media, body)| media.as_str().map(|m| (m, body)))
        .filter(|(media, _)| !matches!(media::kind(media), MediaKind::Stream(_)))
        .min_by_key(|(media, _)| media::rank(media));
    let Some((media, media_body)) = chosen else {
        if content.is_empty() {
            return Ok(None);
        }
        let kinds: Vec<&str> = content.keys().filter_map(Value::as_str).collect();
        return Err(lw.error(
            &loc.child("content"),
            format!(
                "request body type {} cannot be sent (only streams offered)",
                kinds.join(", ")
            ),
        ));
    };
    let media_loc = loc.child("content").child(media);
    let schema_loc = media_loc.child("schema");
    let schema = media_body.key("schema");
    let essence = media::essence(media);
    let kind = match media::kind(media) {
        MediaKind::Json => BodyKind::Json(match schema {
            Some(schema) => body_type(lw, &schema_loc, schema, hint)?,
            None => TypeRef::Any,
        }),
        MediaKind::Form => {
            let Some(schema) = schema.filter(|s| !is_empty_schema(lw, &schema_loc, s)) else {
                return Ok(None);
            };
            BodyKind::Form {
                ty: body_type(lw, &schema_loc, schema, hint)?,
                encoding: form_encoding(media_body),
            }
        }
        MediaKind::Multipart => {
            let Some(schema) = schema.filter(|s| !is_empty_schema(lw, &schema_loc, s)) else {
                return Ok(None);
            };
            match multipart_form(lw, &schema_loc, schema, media_body, hint)? {
                Some(form) => BodyKind::Multipart(form),
                None => BodyKind::MultipartRaw,
            }
        }
        MediaKind::Text => BodyKind::Text,
        MediaKind::Binary | MediaKind::Stream(_) => BodyKind::Bytes,
    };
    let media_type = match kind {
        // The boundary parameter is added when the body is built.
        BodyKind::Multipart(_) | BodyKind::MultipartRaw => "multipart/form-data".to_string(),
        _ => essence,
    };
    Ok(Some(Body {
        kind,
        required,
        media_type,
    }))
}

fn body_type(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<TypeRef, LowerError> {
    let (ty, nullable) = lower_inline(lw, loc, schema, &format!("{hint}Request"))?;
    Ok(strip_nullable(wrap_nullable(ty, nullable)))
}

fn strip_nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(inner) => *inner,
        ty => ty,
    }
}

/// A schema that describes no value to send: `{}`, or an object without properties
/// and without `additionalProperties` (other than `false`).
fn is_empty_schema(lw: &Lowerer, loc: &Location, schema: &Value) -> bool {
    let Ok((_, schema)) = lw.deref(loc, schema) else {
        return false;
    };
    let Value::Mapping(map) = schema else {
        return matches!(schema, Value::Null | Value::Bool(true));
    };
    map.iter().all(|(key, value)| match key.as_str() {
        Some("type") => value.as_str() == Some("object"),
        Some("properties") => value.as_mapping().is_some_and(|m| m.is_empty()),
        Some("additionalProperties") => value.as_bool() == Some(false),
        Some("required") => value.as_sequence().is_some_and(|s| s.is_empty()),
        Some("description" | "title" | "example" | "examples" | "nullable") => true,
        Some(k) => k.starts_with("x-"),
        None => false,
    })
}

/// `encoding` of a form-urlencoded media type: style and explode per property.
fn form_encoding(media_body: &Value) -> Vec<FormEncoding> {
    let Some(Value::Mapping(encoding)) = media_body.key("encoding") else {
        return Vec::new();
    };
    let mut out: Vec<FormEncoding> = encoding
        .iter()
        .filter_map(|(name, rule)| {
            let style = match rule.key("style").and_then(Value::as_str) {
                Some("deepObject") => FormStyle::DeepObject,
                Some("spaceDelimited") => FormStyle::SpaceDelimited,
                Some("pipeDelimited") => FormStyle::PipeDelimited,
                Some("form") => FormStyle::Form,
                _ if rule.key("explode").is_none() => return None,
                _ => FormStyle::Form,
            };
            // OpenAPI: `explode` defaults to true for `form`, false otherwise.
            let explode = rule
                .key("explode")
                .and_then(Value::as_bool)
                .unwrap_or(style == FormStyle::Form);
            Some(FormEncoding {
                json_name: name.as_str()?.to_string(),
                style,
                explode,
            })
        })
        .collect();
    out.sort_by(|a, b| a.json_name.cmp(&b.json_name));
    out
}

/// The typed parts of a multipart body, or `None` when its schema has no properties
/// to type (the caller then builds the parts).
fn multipart_form(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    media_body: &Value,
    hint: &str,
) -> Result<Option<MultipartForm>, LowerError> {
    let (schema_loc, target) = lw.deref(loc, schema)?;
    let mut properties: Vec<(Location, &Value, String)> = Vec::new();
    let mut required: Vec<String> = Vec::new();
    collect_properties(lw, &schema_loc, target, &mut properties, &mut required, 0)?;
    if properties.is_empty() {
        return Ok(None);
    }
    let name = lw.claim_type_name(&format!("{hint}Form"));
    let mut names = NameTable::with_reserved(["new", "to_multipart"]);
    let mut fields = Vec::new();
    for (prop_loc, prop, json_name) in properties {
        let encoding = media_body.key("encoding").and_then(|e| e.get(&json_name));
        let content_type = encoding
            .and_then(|e| e.key("contentType"))
            .and_then(Value::as_str)
            .map(str::to_string);
        let kind = part_kind(
            lw,
            &prop_loc,
            prop,
            content_type.as_deref(),
            &name,
            &json_name,
        )?;
        // A 3.1 file names its own media type; it is the part's default.
        let content_type = content_type.or_else(|| match kind {
            PartKind::File | PartKind::Files => content_media_type(lw, &prop_loc, prop),
            _ => None,
        });
        fields.push(PartField {
            rust_name: names.claim(&snake(&json_name)),
            docs: lw
                .deref(&prop_loc, prop)
                .ok()
                .and_then(|(_, p)| schema_docs(p)),
            required: required.contains(&json_name),
            setter: None,
            json_name,
            kind,
            content_type,
        });
    }
    super::reserved::assign_part_setters(&mut fields);
    Ok(Some(MultipartForm {
        name,
        docs: schema_docs(target),
        fields,
    }))
}

/// `contentMediaType` of a file schema (or of its items).
fn content_media_type(lw: &Lowerer, loc: &Location, schema: &Value) -> Option<String> {
    let (loc, schema) = lw.deref(loc, schema).ok()?;
    if let Some(media) = schema.key("contentMediaType").and_then(Value::as_str) {
        return Some(media.to_string());
    }
    let items = schema.key("items")?;
    let (_, items) = lw.deref(&loc.child("items"), items).ok()?;
    items
        .key("contentMediaType")
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Properties and `required` of an object schema, following `allOf` members.
fn collect_properties<'v>(
    lw: &Lowerer<'v>,
    loc: &Location,
    schema: &'v Value,
    out: &mut Vec<(Location, &'v Value, String)>,
    required: &mut Vec<String>,
    depth: usize,
) -> Result<(), LowerError> {
    if depth > 16 {
        return Err(lw.error(loc, "allOf nests more than 16 levels"));
    }
    if let Some(Value::Mapping(props)) = schema.key("properties") {
        for (key, prop) in props {
            let Some(key) = key.as_str() else { continue };
            if out.iter().any(|(_, _, k)| k == key) {
                continue;
            }
            out.push((loc.child("properties").child(key), prop, key.to_string()));
        }
    }
    if let Some(list) = schema.key("required").and_then(Value::as_sequence) {
        required.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(parts) = schema.key("allOf").and_then(Value::as_sequence) {
        for (i, part) in parts.iter().enumerate() {
            let (part_loc, part) = lw.deref(&loc.child("allOf").index(i), part)?;
            collect_properties(lw, &part_loc, part, out, required, depth + 1)?;
        }
    }
    Ok(())
}

/// How a property travels as a part: files (3.0 `format: binary`, 3.1
/// `contentMediaType`/`contentEncoding`, or a binary `encoding.contentType`), text for
/// scalars and lists of scalars, JSON for everything else (or when `encoding` says so).
fn part_kind(
    lw: &mut Lowerer,
    loc: &Location,
    prop: &Value,
    content_type: Option<&str>,
    form_name: &str,
    json_name: &str,
) -> Result<PartKind, LowerError> {
    let (target_loc, target) = lw.deref(loc, prop)?;
    let binary_type = content_type.is_some_and(|ct| media::kind(ct) == MediaKind::Binary);
    match file_shape(lw, &target_loc, target, binary_type, 0) {
        Some(true) => return Ok(PartKind::Files),
        Some(false) => return Ok(PartKind::File),
        None => {}
    }
    let hint = format!("{form_name}{}", super::names::pascal(json_name));
    let (ty, _) = lower_inline(lw, loc, prop, &hint)?;
    let ty = strip_nullable(ty);
    if content_type.is_some_and(|ct| media::kind(ct) == MediaKind::Json) {
        return Ok(PartKind::Json(ty));
    }
    Ok(if is_textual(lw, &ty, 0) {
        PartKind::Text(ty)
    } else {
        PartKind::Json(ty)
    })
}

/// `Some(false)` for a file, `Some(true)` for a list of files (or a choice that allows
/// one), `None` for anything else.
fn file_shape(
    lw: &Lowerer,
    loc: &Location,
    schema: &Value,
    binary_type: bool,
    depth: usize,
) -> Option<bool> {
    if depth > 8 {
        return None;
    }
    let (loc, schema) = lw.deref(loc, schema).ok()?;
    let text = |key: &str| schema.key(key).and_then(Value::as_str);
    let is_string = matches!(text("type"), None | Some("string"))
        || schema
            .key("type")
            .and_then(Value::as_sequence)
            .is_some_and(|t| t.iter().any(|t| t.as_str() == Some("string")));
    if is_string
        && (text("format") == Some("binary")
            || schema.key("contentMediaType").is_some()
            || schema.key("contentEncoding").is_some()
            || (binary_type && text("type") == Some("string") && text("format").is_none()))
    {
        return Some(false);
    }
    if text("type") == Some("array") {
        let items = schema.key("items")?;
        return file_shape(lw, &loc.child("items"), items, binary_type, depth + 1).map(|_| true);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(arms) = schema.key(key).and_then(Value::as_sequence) {
            let shapes: Vec<bool> = arms
                .iter()
                .enumerate()
                .filter_map(|(i, arm)| {
                    file_shape(lw, &loc.child(key).index(i), arm, binary_type, depth + 1)
                })
                .collect();
            if !shapes.is_empty() {
                return Some(shapes.contains(&true));
            }
        }
    }
    None
}

/// Whether values of `ty` are written as text parts: scalars, string enums, and lists
/// of them (one part per item).
fn is_textual(lw: &Lowerer, ty: &TypeRef, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match ty {
        TypeRef::String | TypeRef::Integer(_) | TypeRef::Number | TypeRef::Bool => true,
        TypeRef::List(inner) if depth == 0 => is_textual(lw, inner, depth + 1),
        TypeRef::Nullable(inner) => is_textual(lw, inner, depth + 1),
        TypeRef::Named(name) => match lw.kind_of(name) {
            Some(TypeKind::Enum(_)) => true,
            Some(TypeKind::Alias(target)) => is_textual(lw, &target.clone(), depth + 1),
            Some(TypeKind::Untagged(u)) => u.variants.iter().all(|v| {
                matches!(
                    v.shape,
                    crate::ir::Shape::String
                        | crate::ir::Shape::Integer
                        | crate::ir::Shape::Number
                        | crate::ir::Shape::Bool
                )
            }),
            _ => false,
        },
        _ => false,
    }
}
