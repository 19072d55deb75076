//! `oneOf`/`anyOf` (and `type: [a, b]`): tagged unions when the arms carry a
//! distinguishing property, untagged unions told apart by JSON shape otherwise.

use crate::load::Lookup;
use std::collections::HashMap;

use serde_yaml::{Mapping, Value};

use super::enums::string_enum;
use super::names::{pascal, variant_name, NameTable};
use super::schema::{constant_of, is_object_like, lower_inline, lower_schema, sequence};
use super::{polymorphism, LowerError, Lowered, Lowerer};
use crate::ir::{
    Literal, Shape, TaggedUnion, TaggedVariant, TypeDef, TypeKind, TypeRef, UntaggedUnion,
    UntaggedVariant,
};
use crate::load::Location;

/// Lowers a union of `arms` (null arms already removed).
pub(crate) fn lower_union(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    arms: Vec<(Location, &Value)>,
    hint: &str,
) -> Result<(Lowered, bool), LowerError> {
    lower_union_of(lw, loc, schema, arms, None, hint)
}

/// [`lower_union`] of built arms, which `identities` stand for (see [`lower_tagged`]).
pub(crate) fn lower_union_of(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    arms: Vec<(Location, &Value)>,
    identities: Option<&[Location]>,
    hint: &str,
) -> Result<(Lowered, bool), LowerError> {
    if let [(arm_loc, arm)] = arms.as_slice() {
        return lower_schema(lw, arm_loc, arm, hint);
    }
    if let Some(tagged) = lower_tagged(lw, loc, schema, &arms, identities, hint)? {
        return Ok((Lowered::Kind(TypeKind::Tagged(tagged)), false));
    }
    lower_untagged(lw, &arms, hint)
}

/// `type: [string, array, ...]`: one arm per listed type.
pub(crate) fn lower_type_list(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    types: &[&str],
    hint: &str,
) -> Result<Lowered, LowerError> {
    let base = schema.as_mapping().cloned().unwrap_or_default();
    let arms: Vec<Value> = types
        .iter()
        .map(|ty| {
            let mut arm: Mapping = base.clone();
            arm.insert("type".into(), Value::String((*ty).to_string()));
            arm.remove("nullable");
            Value::Mapping(arm)
        })
        .collect();
    let arms: Vec<(Location, &Value)> = arms.iter().map(|arm| (loc.clone(), arm)).collect();
    Ok(lower_untagged(lw, &arms, hint)?.0)
}

/// A tagged union, when a discriminator is declared or every arm fixes the same property
/// to a different string. `identities` stand for the arms in the `mapping` and give the
/// fallback tag names, when the arms are built schemas (merged `allOf` arms) rather than
/// the spec's own; otherwise an arm's identity is where its `$ref`s lead.
pub(crate) fn lower_tagged(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    arms: &[(Location, &Value)],
    identities: Option<&[Location]>,
    hint: &str,
) -> Result<Option<TaggedUnion>, LowerError> {
    if !arms
        .iter()
        .all(|(arm_loc, arm)| is_object_like(lw, arm_loc, arm))
    {
        return Ok(None);
    }
    let discriminator = schema.key("discriminator");
    let arm_constants: Vec<Vec<(String, String)>> = arms
        .iter()
        .map(|(arm_loc, arm)| string_constants(lw, arm_loc, arm))
        .collect();
    let declared = discriminator
        .and_then(|d| d.key("propertyName"))
        .and_then(Value::as_str);
    let Some(tag) = declared
        .map(str::to_string)
        .or_else(|| inferred_tag(&arm_constants))
    else {
        return Ok(None);
    };

    let mapping = match polymorphism::mapping(lw, loc, schema) {
        Ok(mapping) => mapping,
        Err(err) => {
            // A tag that falls back to another value is a wrong wire value.
            lw.fail(err.clone());
            return Err(err);
        }
    };
    let mut tag_values: Vec<Vec<String>> = Vec::new();
    let mut targets = Vec::new();
    for (i, ((arm_loc, arm), constants)) in arms.iter().zip(&arm_constants).enumerate() {
        let (target, named) = match identities {
            Some(ids) => (ids[i].clone(), ids[i] != *arm_loc),
            None => {
                let target = lw.deref(arm_loc, arm)?.0;
                let named = arm_loc != &target;
                (target, named)
            }
        };
        let mut values: Vec<String> = mapping
            .iter()
            .filter(|(_, t)| *t == target)
            .map(|(value, _)| value.clone())
            .collect();
        if values.is_empty() {
            if let Some((_, value)) = constants.iter().find(|(name, _)| *name == tag) {
                values.push(value.clone());
            } else if declared.is_some() && named {
                values.extend(target.last_segment());
            }
        }
        targets.push(target);
        if values.is_empty() {
            return Ok(None);
        }
        tag_values.push(values);
    }
    let mut all: Vec<&String> = tag_values.iter().flatten().collect();
    all.sort();
    if all.windows(2).any(|w| w[0] == w[1]) {
        return Ok(None);
    }

    let mut names = NameTable::default();
    names.expect(
        tag_values
            .iter()
            .flatten()
            .map(|v| strip_affix(&variant_name(v), hint)),
    );
    let mut variants = Vec::new();
    for ((((arm_loc, arm), values), constants), target) in arms
        .iter()
        .zip(&tag_values)
        .zip(&arm_constants)
        .zip(&targets)
    {
        // `event.created` in union `Event` names type `EventCreated`, not `EventEventCreated`.
        let tag_name = pascal(&values[0]);
        let variant_hint = if target == loc {
            // A concrete base is an arm of its own union.
            format!("{hint}Base")
        } else if tag_name.starts_with(hint) {
            tag_name
        } else {
            format!("{hint}{tag_name}")
        };
        let (ty, _) = lower_inline(lw, arm_loc, arm, &variant_hint)?;
        let TypeRef::Named(ty) = ty else {
            return Ok(None);
        };
        // Unless the struct fixes the tag itself, the union writes it, so the value
        // always matches the variant.
        let inject_tag = !constants.iter().any(|(name, _)| *name == tag);
        for value in values {
            variants.push(TaggedVariant {
                tag_value: value.clone(),
                rust_name: names.claim(&strip_affix(&variant_name(value), hint)),
                ty: ty.clone(),
                inject_tag,
                boxed: false,
            });
        }
    }
    let other_variant = names.claim(if names.contains("Other") {
        "Unknown"
    } else {
        "Other"
    });
    Ok(Some(TaggedUnion {
        tag,
        variants,
        other_variant,
    }))
}

/// The property every arm fixes to a distinct string, in the first arm's order.
fn inferred_tag(arm_constants: &[Vec<(String, String)>]) -> Option<String> {
    let first = arm_constants.first()?;
    first
        .iter()
        .map(|(name, _)| name)
        .find(|name| {
            let values: Option<Vec<&String>> = arm_constants
                .iter()
                .map(|constants| constants.iter().find(|(n, _)| n == *name).map(|(_, v)| v))
                .collect();
            values.is_some_and(|mut values| {
                values.sort();
                values.windows(2).all(|w| w[0] != w[1])
            })
        })
        .cloned()
}

/// `(property, value)` for each property the object schema fixes to a string.
fn string_constants(lw: &Lowerer, loc: &Location, schema: &Value) -> Vec<(String, String)> {
    // A subtype of a discriminated base fixes its tag even where no schema says so.
    let fixed = lw
        .deref(loc, schema)
        .ok()
        .and_then(|(target_loc, target)| polymorphism::fixed_tag(lw, &target_loc, target));
    object_properties(lw, loc, schema)
        .into_iter()
        .filter(|(name, _, _)| fixed.as_ref().is_none_or(|(tag, _)| tag != name))
        .filter_map(
            |(name, prop_loc, prop)| match constant_of(lw, &prop_loc, prop) {
                Some(Literal::String(value)) => Some((name, value)),
                _ => None,
            },
        )
        .chain(fixed.clone())
        .collect()
}

/// The properties of an object schema, following `$ref`s and `allOf` parts.
fn object_properties<'v>(
    lw: &Lowerer<'v>,
    loc: &Location,
    schema: &'v Value,
) -> Vec<(String, Location, &'v Value)> {
    let mut out = Vec::new();
    let mut pending = vec![(loc.clone(), schema)];
    let mut seen = std::collections::HashSet::new();
    while let Some((part_loc, part)) = pending.pop() {
        let Ok((target_loc, target)) = lw.deref(&part_loc, part) else {
            continue;
        };
        if !seen.insert(target_loc.clone()) {
            continue;
        }
        let Value::Mapping(map) = target else {
            continue;
        };
        if let Some((props_loc, props)) = super::object::properties_of(lw, &target_loc, target) {
            for (name, prop) in props {
                let name = name.as_str().unwrap_or_default().to_string();
                let prop_loc = props_loc.child(&name);
                out.push((name, prop_loc, prop));
            }
        }
        if let Some(parts) = sequence(map, "allOf") {
            for (i, nested) in parts.iter().enumerate() {
                pending.push((target_loc.child("allOf").index(i), nested));
            }
        }
    }
    out
}

/// A union told apart by the JSON kind of the value (and, for objects, required keys).
fn lower_untagged(
    lw: &mut Lowerer,
    arms: &[(Location, &Value)],
    hint: &str,
) -> Result<(Lowered, bool), LowerError> {
    let mut any_null = arms.iter().any(|(_, arm)| super::schema::admits_null(arm));
    let mut variants: Vec<UntaggedVariant> = Vec::new();
    // Several string arms (plain strings, string enums) become one open enum, which
    // accepts any string, so nothing is lost and matching stays unambiguous. They are
    // merged from the schemas, before any of them is named.
    let string_values: Vec<Option<Vec<String>>> = arms
        .iter()
        .map(|(arm_loc, arm)| string_arm_values(lw, arm_loc, arm))
        .collect();
    let merge_strings = string_values.iter().flatten().count() >= 2;
    if merge_strings {
        let values: Vec<&str> = string_values
            .iter()
            .flatten()
            .flatten()
            .map(String::as_str)
            .collect();
        let kind = (!values.is_empty()).then(|| TypeKind::Enum(string_enum(values)));
        if string_values.iter().all(Option::is_some) {
            let lowered = kind.map_or(Lowered::Ref(TypeRef::String), Lowered::Kind);
            return Ok((lowered, any_null));
        }
        let ty = match kind {
            Some(kind) => lw.intern(&format!("{hint}String"), &arms[0].0, None, kind),
            None => TypeRef::String,
        };
        variants.push(UntaggedVariant {
            rust_name: "String".into(),
            ty,
            shape: Shape::String,
            boxed: false,
        });
    }
    for ((arm_loc, arm), strings) in arms.iter().zip(&string_values) {
        if merge_strings && strings.is_some() {
            continue;
        }
        let title = arm
            .key("title")
            .and_then(Value::as_str)
            .filter(|_| super::reference_of(arm).is_none());
        let label = title.map(pascal).unwrap_or_else(|| arm_label(arm));
        let (ty, nullable) = lower_inline(lw, arm_loc, arm, &format!("{hint}{label}"))?;
        // A nullable arm makes the whole union nullable; the variant holds the value.
        any_null |= nullable;
        if variants.iter().any(|v| v.ty == ty) {
            continue;
        }
        let name = title
            .map(variant_name)
            .unwrap_or_else(|| type_label(&lw.provisional(&ty), hint));
        // A named arm still being lowered (or queued) has no kind yet: its shape is
        // `Any` until `finish_untagged` settles it.
        let shape = shape_of(&|name| lw.kind_of(name), &ty);
        variants.push(UntaggedVariant {
            rust_name: name,
            ty,
            shape,
            boxed: false,
        });
    }
    if let [only] = variants.as_slice() {
        return Ok((Lowered::Ref(only.ty.clone()), any_null));
    }
    variants.sort_by_key(|v| shape_rank(&v.shape));
    let mut names = NameTable::default();
    for variant in &mut variants {
        variant.rust_name = names.claim(&variant.rust_name);
    }
    Ok((
        Lowered::Kind(TypeKind::Untagged(UntaggedUnion { variants })),
        any_null,
    ))
}

/// The enum values of a string arm (plain, `enum`, or `const`; none for a plain string),
/// or `None` when the arm is not a string.
fn string_arm_values(lw: &Lowerer, arm_loc: &Location, arm: &Value) -> Option<Vec<String>> {
    let (_, schema) = lw.deref(arm_loc, arm).ok()?;
    let map = schema.as_mapping()?;
    if ["oneOf", "anyOf", "allOf", "properties", "items"]
        .iter()
        .any(|k| map.contains_key(*k))
    {
        return None;
    }
    let is_string = match map.key("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Sequence(types)) => types
            .iter()
            .all(|t| matches!(t.as_str(), Some("string" | "null"))),
        _ => map.contains_key("enum") || map.contains_key("const"),
    };
    if !is_string {
        return None;
    }
    let mut values = Vec::new();
    if let Some(Value::String(value)) = map.key("const") {
        values.push(value.clone());
    }
    for value in sequence(map, "enum").unwrap_or_default() {
        match value {
            Value::String(v) => values.push(v.clone()),
            Value::Null => {}
            _ => return None,
        }
    }
    Some(values)
}

/// A word for an arm, used in the names of types made for it.
fn arm_label(arm: &Value) -> String {
    match arm.key("type").and_then(Value::as_str) {
        Some("string") => "String".into(),
        Some("array") => "List".into(),
        Some("integer") => "Integer".into(),
        Some("number") => "Number".into(),
        Some("boolean") => "Bool".into(),
        _ => "Object".into(),
    }
}

/// A variant name for a type, without repeating the union's own name.
fn type_label(ty: &TypeRef, union_name: &str) -> String {
    match ty {
        TypeRef::Named(name) => strip_affix(name, union_name),
        TypeRef::String => "String".into(),
        TypeRef::Integer(_) => "Integer".into(),
        TypeRef::Number => "Number".into(),
        TypeRef::Bool => "Bool".into(),
        TypeRef::Any => "Value".into(),
        TypeRef::Map(_) => "Map".into(),
        TypeRef::List(inner) => format!("{}List", type_label(inner, union_name)),
        TypeRef::Nullable(inner) => type_label(inner, union_name),
    }
}

fn strip_affix(name: &str, union_name: &str) -> String {
    let rest = name
        .strip_prefix(union_name)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
        .or_else(|| {
            name.strip_suffix(union_name)
                .filter(|rest| !rest.is_empty())
        });
    rest.unwrap_or(name).to_string()
}

/// Once every named type is lowered: a variant whose named type had no kind when its
/// union was built (a cycle, or a target queued past the recursion budget) gets its
/// real shape, and such unions are ordered again for matching.
pub(crate) fn finish_untagged(types: &mut [TypeDef]) {
    let shapes: Vec<(usize, Vec<Shape>)> = {
        let kinds: HashMap<&str, &TypeKind> =
            types.iter().map(|t| (t.name.as_str(), &t.kind)).collect();
        let lookup = |name: &str| kinds.get(name).copied();
        types
            .iter()
            .enumerate()
            .filter_map(|(i, t)| match &t.kind {
                TypeKind::Untagged(union) => {
                    let shapes: Vec<Shape> = union
                        .variants
                        .iter()
                        .map(|v| match (&v.shape, &v.ty) {
                            (Shape::Any, TypeRef::Named(_)) => shape_of(&lookup, &v.ty),
                            _ => v.shape.clone(),
                        })
                        .collect();
                    let changed = shapes
                        .iter()
                        .zip(&union.variants)
                        .any(|(s, v)| *s != v.shape);
                    changed.then_some((i, shapes))
                }
                _ => None,
            })
            .collect()
    };
    for (i, shapes) in shapes {
        let TypeKind::Untagged(union) = &mut types[i].kind else {
            continue;
        };
        for (variant, shape) in union.variants.iter_mut().zip(shapes) {
            variant.shape = shape;
        }
        union.variants.sort_by_key(|v| shape_rank(&v.shape));
    }
}

/// The JSON kind a type accepts, looking named types up in `kinds` (aliases followed a
/// bounded number of steps, since alias chains are collapsed when lowered).
fn shape_of<'k>(kinds: &dyn Fn(&str) -> Option<&'k TypeKind>, ty: &TypeRef) -> Shape {
    let mut ty = ty;
    // Alias chains are collapsed when lowered; the bound only guards a loop.
    for _ in 0..64 {
        return match ty {
            TypeRef::String => Shape::String,
            TypeRef::Integer(_) => Shape::Integer,
            TypeRef::Number => Shape::Number,
            TypeRef::Bool => Shape::Bool,
            TypeRef::List(_) => Shape::Array,
            TypeRef::Map(_) => Shape::Object {
                required: Vec::new(),
            },
            TypeRef::Any => Shape::Any,
            TypeRef::Nullable(inner) => {
                ty = inner;
                continue;
            }
            TypeRef::Named(name) => match kinds(name) {
                Some(TypeKind::Struct(s)) => Shape::Object {
                    required: s
                        .constants
                        .iter()
                        .map(|c| c.json_name.clone())
                        .chain(
                            s.fields
                                .iter()
                                .filter(|f| f.required)
                                .map(|f| f.json_name.clone()),
                        )
                        .collect(),
                },
                Some(TypeKind::Enum(_)) => Shape::String,
                Some(TypeKind::Tagged(t)) => Shape::Object {
                    required: vec![t.tag.clone()],
                },
                Some(TypeKind::Alias(inner)) => {
                    ty = inner;
                    continue;
                }
                _ => Shape::Any,
            },
        };
    }
    Shape::Any
}

/// Order within the tried sequence: specific kinds first, objects with more required keys first.
fn shape_rank(shape: &Shape) -> (u8, usize) {
    match shape {
        Shape::Bool => (0, 0),
        Shape::Integer => (1, 0),
        Shape::Number => (2, 0),
        Shape::String => (3, 0),
        Shape::Array => (4, 0),
        Shape::Object { required } => (5, usize::MAX - required.len()),
        Shape::Any => (6, 0),
    }
}
