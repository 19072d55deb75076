//! Dispatch on a schema's form: `$ref`, `allOf`, unions, `const`/`enum`, `type`.

use crate::load::Lookup;
use serde_yaml::{Mapping, Value};

use super::{
    enums, object, polymorphism, reference_of, schema_docs, union, LowerError, Lowered, Lowerer,
    MAX_INLINE_DEPTH,
};
use crate::ir::{IntFormat, Literal, TypeRef};
use crate::load::Location;

/// Lowers the schema at `loc`; `hint` names any type it needs. Also says whether it admits `null`.
/// Inline nesting deeper than [`MAX_INLINE_DEPTH`] is an error naming the pointer.
pub(crate) fn lower_schema(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<(Lowered, bool), LowerError> {
    if lw.depth >= MAX_INLINE_DEPTH {
        return Err(lw.error(
            loc,
            format!("schemas nest more than {MAX_INLINE_DEPTH} levels deep inline"),
        ));
    }
    lw.depth += 1;
    lw.stack_depth += 1;
    let lowered = lower_schema_at_depth(lw, loc, schema, hint);
    lw.depth -= 1;
    lw.stack_depth -= 1;
    lowered
}

fn lower_schema_at_depth(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<(Lowered, bool), LowerError> {
    let map = match schema {
        Value::Mapping(map) => map,
        Value::Bool(_) | Value::Null => return Ok((Lowered::Ref(TypeRef::Any), false)),
        other => {
            return Err(lw.error(
                loc,
                format!("expected a schema object, found {}", kind_name(other)),
            ))
        }
    };
    if let Some(reference) = reference_of(schema) {
        if lw.ref_siblings_apply() && has_constraining_siblings(map) {
            return lower_ref_with_siblings(lw, loc, map, hint);
        }
        let target = lw.resolve_ref(loc, reference)?;
        if lw.spec.get(&target).is_none() {
            return Err(lw.error(loc, format!("$ref `{reference}` points to nothing")));
        }
        let (ty, nullable) = lw.named(&target);
        return Ok((Lowered::Ref(ty), nullable || flag(map, "nullable")));
    }
    let nullable = admits_null(schema);
    if polymorphism::is_base(schema) {
        if let Some(lowered) = polymorphism::lower_base(lw, loc, schema, hint)? {
            return Ok((lowered, nullable));
        }
    }
    if let Some(parts) = sequence(map, "allOf") {
        return Ok((
            object::lower_all_of(lw, loc, schema, parts, hint)?,
            nullable,
        ));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(arms) = sequence(map, key) {
            let arms: Vec<(Location, &Value)> = arms
                .iter()
                .enumerate()
                .filter(|(_, arm)| !is_null_schema(arm))
                .map(|(i, arm)| (loc.child(key).index(i), arm))
                .collect();
            if arms.is_empty() {
                // `oneOf: []` with a discriminator: the mapping lists the arms.
                if let Some(lowered) = polymorphism::lower_mapped(lw, loc, schema, hint)? {
                    return Ok((lowered, nullable));
                }
            }
            if arms.iter().all(|(_, arm)| is_constraint_only(arm)) {
                break;
            }
            let (lowered, arms_null) = union::lower_union(lw, loc, schema, arms, hint)?;
            return Ok((lowered, nullable || arms_null));
        }
    }
    // The declared type wins over what the listed values look like: `type: integer,
    // format: int32, enum: [1, 2]` is an `i32`, and `type: string, enum: [1, 2]` (YAML
    // reads unquoted `1` as a number) is an enum of the strings `"1"` and `"2"`.
    let declared = enums::declared_scalar(map);
    let listed: Option<Vec<(Location, &Value)>> = match (map.key("const"), sequence(map, "enum")) {
        (Some(value), _) => Some(vec![(loc.child("const"), value)]),
        (None, Some(values)) => Some(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| (loc.child("enum").index(i), v))
                .collect(),
        ),
        (None, None) => None,
    };
    if let Some(listed) = listed {
        if let Some(lowered) = enums::lower_enum(lw, &listed, declared) {
            return Ok((lowered, nullable));
        }
    }
    let types = declared_types(lw, loc, map)?;
    let lowered = match types.as_slice() {
        [] => match inferred_type(map) {
            Some(ty) => lower_typed(lw, loc, schema, ty, hint)?,
            None => Lowered::Ref(TypeRef::Any),
        },
        [ty] => lower_typed(lw, loc, schema, ty, hint)?,
        many => union::lower_type_list(lw, loc, schema, many, hint)?,
    };
    Ok((lowered, nullable))
}

/// Lowers an anonymous schema to a type expression, naming any kind it needs after `hint`.
pub(crate) fn lower_inline(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<(TypeRef, bool), LowerError> {
    let (lowered, nullable) = lower_schema(lw, loc, schema, hint)?;
    let ty = match lowered {
        Lowered::Ref(ty) => ty,
        Lowered::Kind(kind) => lw.intern(hint, loc, schema_docs(schema), kind),
    };
    Ok((ty, nullable))
}

/// `ty`, wrapped in [`TypeRef::Nullable`] when `nullable`.
pub(crate) fn wrap_nullable(ty: TypeRef, nullable: bool) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Any => ty,
        ty if nullable => TypeRef::Nullable(Box::new(ty)),
        ty => ty,
    }
}

fn lower_typed(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    ty: &str,
    hint: &str,
) -> Result<Lowered, LowerError> {
    let format = schema
        .key("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let ty = match ty {
        "string" | "file" => TypeRef::String,
        "integer" => match integer_bounds(schema) {
            Bounds::Unsigned => TypeRef::Integer(IntFormat::U64),
            // No Rust integer holds every allowed value; a float at least reads them.
            Bounds::Wider => TypeRef::Number,
            Bounds::Fit => TypeRef::Integer(match format {
                "int32" | "int16" | "int8" => IntFormat::I32,
                "uint8" => IntFormat::U8,
                "uint32" | "uint16" => IntFormat::U32,
                "uint64" | "uint" => IntFormat::U64,
                "" if fits_in_a_byte(schema) => IntFormat::U8,
                _ => IntFormat::I64,
            }),
        },
        "number" => TypeRef::Number,
        "boolean" => TypeRef::Bool,
        "null" => TypeRef::Any,
        "array" => {
            let item = match schema.key("items") {
                Some(items @ Value::Mapping(_)) => {
                    let (item, nullable) =
                        lower_inline(lw, &loc.child("items"), items, &format!("{hint}Item"))?;
                    wrap_nullable(item, nullable)
                }
                _ => TypeRef::Any,
            };
            TypeRef::List(Box::new(item))
        }
        "object" => return object::lower_object(lw, loc, schema, hint),
        other => return Err(lw.error(loc, format!("unknown type `{other}`"))),
    };
    Ok(Lowered::Ref(ty))
}

/// Whether an integer schema's bounds fit the type its `format` gives.
enum Bounds {
    Fit,
    /// Some allowed value is above `i64::MAX`, none below 0.
    Unsigned,
    /// Values beyond both `i64` and `u64`.
    Wider,
}

fn integer_bounds(schema: &Value) -> Bounds {
    let too_big = |key| {
        schema.key(key).is_some_and(|v| {
            v.as_i64().is_none() && (v.as_u64().is_some() || v.as_f64().is_some_and(|f| f > 0.0))
        })
    };
    let too_small = |key| {
        schema.key(key).is_some_and(|v| {
            v.as_i64().is_none() && v.as_u64().is_none() && v.as_f64().is_some_and(|f| f < 0.0)
        })
    };
    let beyond_u64 = |key| {
        schema.key(key).is_some_and(|v| {
            v.as_u64().is_none() && v.as_f64().is_some_and(|f| f > u64::MAX as f64)
        })
    };
    let min_non_negative = schema
        .key("minimum")
        .and_then(Value::as_f64)
        .is_some_and(|min| min >= 0.0);
    if too_small("minimum") || beyond_u64("maximum") {
        Bounds::Wider
    } else if too_big("maximum") || too_big("exclusiveMaximum") {
        if min_non_negative {
            Bounds::Unsigned
        } else {
            Bounds::Wider
        }
    } else {
        Bounds::Fit
    }
}

/// `minimum: 0` (or more) and `maximum: 255` (or less), as byte values are described.
fn fits_in_a_byte(schema: &Value) -> bool {
    let bound = |key| schema.key(key).and_then(Value::as_f64);
    matches!((bound("minimum"), bound("maximum")), (Some(min), Some(max)) if min >= 0.0 && max <= 255.0)
}

/// The non-null entries of `type` (a string or a list).
fn declared_types<'v>(
    lw: &Lowerer,
    loc: &Location,
    map: &'v Mapping,
) -> Result<Vec<&'v str>, LowerError> {
    let names: Vec<&str> = match map.key("type") {
        None => Vec::new(),
        Some(Value::String(ty)) => vec![ty.as_str()],
        Some(Value::Sequence(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .ok_or_else(|| lw.error(&loc.child("type"), "`type` entries must be strings"))
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(lw.error(
                &loc.child("type"),
                format!(
                    "`type` must be a string or a list of strings, found {}",
                    kind_name(other)
                ),
            ))
        }
    };
    let non_null: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
    Ok(if non_null.is_empty() && !names.is_empty() {
        vec!["null"]
    } else {
        non_null
    })
}

fn inferred_type(map: &Mapping) -> Option<&'static str> {
    if [
        "properties",
        "additionalProperties",
        "patternProperties",
        "required",
    ]
    .iter()
    .any(|k| map.contains_key(*k))
    {
        Some("object")
    } else if map.contains_key("items") || map.contains_key("prefixItems") {
        Some("array")
    } else {
        None
    }
}

/// Whether the schema itself (not what it references) allows `null`, in any of the
/// forms OpenAPI 3.0 and 3.1 use.
pub(crate) fn admits_null(schema: &Value) -> bool {
    let Value::Mapping(map) = schema else {
        return false;
    };
    if flag(map, "nullable") {
        return true;
    }
    match map.key("type") {
        Some(Value::String(t)) if t == "null" => return true,
        Some(Value::Sequence(types)) if types.iter().any(|t| t.as_str() == Some("null")) => {
            return true
        }
        _ => {}
    }
    if sequence(map, "enum").is_some_and(|values| values.iter().any(Value::is_null)) {
        return true;
    }
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|key| sequence(map, key))
        .any(|arms| arms.iter().any(is_null_schema))
}

/// Keywords beside a `$ref` that change what values the schema admits (OpenAPI 3.1
/// applies them; `type` or `format` alone only restate the target).
const CONSTRAINING_SIBLINGS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "patternProperties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "const",
];

fn has_constraining_siblings(map: &Mapping) -> bool {
    CONSTRAINING_SIBLINGS.iter().any(|k| map.contains_key(*k))
}

/// A 3.1 `$ref` with constraining siblings: the `allOf` of the target and the siblings
/// (annotations stay on the whole and document it).
fn lower_ref_with_siblings(
    lw: &mut Lowerer,
    loc: &Location,
    map: &Mapping,
    hint: &str,
) -> Result<(Lowered, bool), LowerError> {
    let mut reference = Mapping::new();
    let mut siblings = Mapping::new();
    let mut whole = Mapping::new();
    for (key, value) in map {
        match key.as_str() {
            Some("$ref" | "$recursiveRef" | "$dynamicRef") => {
                reference.insert(key.clone(), value.clone());
            }
            Some(k) if ANNOTATIONS.contains(&k) || k == "nullable" => {
                whole.insert(key.clone(), value.clone());
            }
            _ => {
                siblings.insert(key.clone(), value.clone());
            }
        }
    }
    whole.insert(
        "allOf".into(),
        Value::Sequence(vec![Value::Mapping(reference), Value::Mapping(siblings)]),
    );
    let whole = Value::Mapping(whole);
    let nullable = admits_null(&whole);
    let parts =
        sequence(whole.as_mapping().expect("built as a mapping"), "allOf").unwrap_or_default();
    Ok((
        object::lower_all_of(lw, loc, &whole, parts, hint)?,
        nullable,
    ))
}

/// Keywords that only document a schema and never change what values it admits.
pub(crate) const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$comment",
    "summary",
    "externalDocs",
    "xml",
];

/// A schema that is a `$ref` and nothing else (annotations and `x-` extensions aside).
pub(crate) fn is_pure_ref(schema: &Value) -> bool {
    let Value::Mapping(map) = schema else {
        return false;
    };
    reference_of(schema).is_some()
        && map.keys().filter_map(Value::as_str).all(|key| {
            matches!(key, "$ref" | "$recursiveRef" | "$dynamicRef")
                || ANNOTATIONS.contains(&key)
                || key.starts_with("x-")
        })
}

/// `{type: "null"}` and its spellings.
pub(crate) fn is_null_schema(schema: &Value) -> bool {
    match schema.key("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Sequence(types)) => types.iter().all(|t| t.as_str() == Some("null")),
        _ => {
            schema.key("const").is_some_and(Value::is_null)
                || schema
                    .key("enum")
                    .and_then(Value::as_sequence)
                    .is_some_and(|v| v.iter().all(Value::is_null) && !v.is_empty())
        }
    }
}

/// An arm that only adds constraints (`{required: [a]}`), not a type of its own.
fn is_constraint_only(schema: &Value) -> bool {
    const TYPE_KEYS: &[&str] = &[
        "type",
        "properties",
        "$ref",
        "$recursiveRef",
        "$dynamicRef",
        "items",
        "enum",
        "const",
        "allOf",
        "oneOf",
        "anyOf",
        "additionalProperties",
        "format",
    ];
    match schema {
        Value::Mapping(map) => !TYPE_KEYS.iter().any(|k| map.contains_key(*k)),
        _ => false,
    }
}

/// The fixed value of a schema that allows exactly one (`const`, or a one-value `enum`).
pub(crate) fn constant_of(lw: &Lowerer, loc: &Location, schema: &Value) -> Option<Literal> {
    let (_, schema) = lw.deref(loc, schema).ok()?;
    let value = match (
        schema.key("const"),
        schema.key("enum").and_then(Value::as_sequence),
    ) {
        (Some(value), _) => value,
        (None, Some(values)) => {
            let mut non_null = values.iter().filter(|v| !v.is_null());
            let first = non_null.next()?;
            if non_null.next().is_some() {
                return None;
            }
            first
        }
        _ => return None,
    };
    match value {
        Value::String(s) => Some(Literal::String(s.clone())),
        Value::Bool(b) => Some(Literal::Bool(*b)),
        Value::Number(n) => n.as_i64().map(Literal::Integer),
        _ => None,
    }
}

pub(crate) fn sequence<'v>(map: &'v Mapping, key: &str) -> Option<&'v [Value]> {
    map.key(key).and_then(Value::as_sequence).map(Vec::as_slice)
}

fn flag(map: &Mapping, key: &str) -> bool {
    map.key(key).and_then(Value::as_bool).unwrap_or(false)
}

pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "an object",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Whether the schema (after `$ref`s) describes a JSON object.
pub(crate) fn is_object_like(lw: &Lowerer, loc: &Location, schema: &Value) -> bool {
    let Ok((_, schema)) = lw.deref(loc, schema) else {
        return false;
    };
    let Value::Mapping(map) = schema else {
        return false;
    };
    if map.contains_key("oneOf") || map.contains_key("anyOf") {
        return false;
    }
    match map.key("type") {
        Some(Value::String(t)) => t == "object",
        Some(Value::Sequence(types)) => types.iter().any(|t| t.as_str() == Some("object")),
        _ => map.contains_key("properties") || map.contains_key("allOf"),
    }
}
