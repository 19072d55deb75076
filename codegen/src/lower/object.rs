//! Object schemas: structs, maps, and `allOf` merging.

use crate::load::Lookup;
use std::collections::{BTreeSet, HashMap, HashSet};

use serde_yaml::Value;

use super::names::{pascal, snake, NameTable};
use super::schema::{constant_of, lower_inline, lower_schema, sequence};
use super::{all_of_union, polymorphism, schema_docs, LowerError, Lowered, Lowerer};
use crate::ir::{Constant, Extra, Field, Literal, Struct, TypeKind, TypeRef, WireMode};
use crate::load::Location;

/// The name of the field that keeps unknown properties.
pub(crate) const EXTRA_FIELD: &str = "extra";

/// Properties gathered from one schema or from all parts of an `allOf`.
#[derive(Default)]
struct ObjectParts<'v> {
    properties: Vec<(String, Location, &'v Value)>,
    /// Position of each property in `properties`, so merging stays linear.
    index: HashMap<String, usize>,
    required: BTreeSet<String>,
    additional: Option<(Location, &'v Value)>,
}

impl<'v> ObjectParts<'v> {
    fn add(&mut self, lw: &Lowerer<'v>, loc: &Location, schema: &'v Value) {
        if let Some((props_loc, props)) = properties_of(lw, loc, schema) {
            for (name, prop) in props {
                let name = name.as_str().unwrap_or_default().to_string();
                let prop_loc = props_loc.child(&name);
                match self.index.get(&name) {
                    Some(&at) => self.properties[at] = (name, prop_loc, prop),
                    None => {
                        self.index.insert(name.clone(), self.properties.len());
                        self.properties.push((name, prop_loc, prop));
                    }
                }
            }
        }
        if let Some(required) = schema.key("required").and_then(Value::as_sequence) {
            self.required.extend(
                required
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string),
            );
        }
        if let Some(additional) = schema.key("additionalProperties") {
            self.additional = Some((loc.child("additionalProperties"), additional));
        }
    }
}

/// `type: object`: a struct when it names properties, otherwise a map.
pub(crate) fn lower_object(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<Lowered, LowerError> {
    let has_properties = schema
        .key("properties")
        .and_then(Value::as_mapping)
        .is_some_and(|p| !p.is_empty());
    if !has_properties && schema.key("additionalProperties") == Some(&Value::Bool(false)) {
        // An object that must be empty.
        return Ok(Lowered::Kind(TypeKind::Struct(Struct {
            fields: Vec::new(),
            constants: Vec::new(),
            extra: Extra::Forbidden,
        })));
    }
    if !has_properties {
        return Ok(Lowered::Ref(TypeRef::Map(Box::new(map_value_type(
            lw, loc, schema, hint,
        )?))));
    }
    let mut parts = ObjectParts::default();
    parts.add(lw, loc, schema);
    lower_struct(lw, parts, None, hint)
}

fn map_value_type(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<TypeRef, LowerError> {
    match schema.key("additionalProperties") {
        Some(additional @ Value::Mapping(map)) if !map.is_empty() => {
            let (ty, nullable) = lower_inline(
                lw,
                &loc.child("additionalProperties"),
                additional,
                &format!("{hint}Value"),
            )?;
            Ok(super::schema::wrap_nullable(ty, nullable))
        }
        _ => Ok(TypeRef::Any),
    }
}

/// `allOf`: one part with substance is that part; several object parts merge into one struct.
pub(crate) fn lower_all_of(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    parts: &[Value],
    hint: &str,
) -> Result<Lowered, LowerError> {
    let own_props = schema.key("properties").is_some();
    let substantive: Vec<(Location, &Value)> = parts
        .iter()
        .enumerate()
        .map(|(i, part)| (loc.child("allOf").index(i), part))
        .filter(|(_, part)| has_substance(part))
        .collect();
    // A subtype of a discriminated base fixes the tag to its own value.
    let fixed = polymorphism::fixed_tag(lw, loc, schema);
    if !own_props && fixed.is_none() {
        if let [(part_loc, part)] = substantive.as_slice() {
            let is_base = lw
                .deref(part_loc, part)
                .is_ok_and(|(_, target)| polymorphism::is_base(target));
            if !is_base {
                return Ok(lower_schema(lw, part_loc, part, hint)?.0);
            }
        }
    }
    if fixed.is_none() {
        if let Some(lowered) = all_of_union::lower_all_of_union(lw, loc, schema, parts, hint)? {
            return Ok(lowered);
        }
    }
    let mut merged = ObjectParts::default();
    merged.add(lw, loc, schema);
    // Each part with the number of `allOf` links from `loc` to it.
    let mut pending: Vec<(Location, &Value, usize)> = substantive
        .into_iter()
        .rev()
        .map(|(part_loc, part)| (part_loc, part, 1))
        .collect();
    // Each schema is merged once: a part reached twice (a diamond, or an allOf that
    // refers back to itself) adds nothing new, so chains of any length merge and a
    // loop ends.
    let mut seen = HashSet::from([loc.clone()]);
    while let Some((part_loc, part, depth)) = pending.pop() {
        if depth > MAX_ALL_OF_DEPTH {
            return Err(all_of_too_deep(lw, loc, &part_loc));
        }
        let (target_loc, target) = lw.deref(&part_loc, part)?;
        if !seen.insert(target_loc.clone()) {
            continue;
        }
        if let Some(Value::Mapping(m)) = Some(target) {
            if m.contains_key("oneOf") || m.contains_key("anyOf") {
                lw.warn(
                    &part_loc,
                    "a union inside allOf is not merged; only its object parts are kept",
                );
            }
        }
        merged.add(lw, &target_loc, target);
        if let Some(Value::Mapping(map)) = Some(target) {
            if let Some(nested) = sequence(map, "allOf") {
                for (i, nested_part) in nested.iter().enumerate().rev() {
                    pending.push((target_loc.child("allOf").index(i), nested_part, depth + 1));
                }
            }
        }
    }
    if merged.properties.is_empty() && fixed.is_none() {
        return lower_object(lw, loc, schema, hint);
    }
    lower_struct(lw, merged, fixed, hint)
}

/// How many `allOf` links a merged struct may inherit through. Every struct holds all
/// the fields it inherits, so a chain of `n` schemas that each add a field makes
/// `n * (n + 1) / 2` fields: 64 levels (real specs use fewer than 10) keep that near
/// 2,000; a 1,000-deep chain would be half a million fields and 170 MB of Rust. A
/// schema deeper than this is an error naming both pointers, which lowering turns into
/// a warning and an untyped JSON value for that schema alone.
pub(crate) const MAX_ALL_OF_DEPTH: usize = 64;

fn all_of_too_deep(lw: &Lowerer, loc: &Location, part_loc: &Location) -> LowerError {
    lw.error(
        loc,
        format!(
            "allOf inherits through more than {MAX_ALL_OF_DEPTH} levels of schemas \
             (the part at {} is {} links away); each struct would hold every inherited \
             field, so the output would grow with the square of the depth",
            lw.display(part_loc),
            MAX_ALL_OF_DEPTH + 1
        ),
    )
}

/// `readOnly: true` or `writeOnly: true`, on the property or on the schema it refers to.
fn is_one_way(lw: &Lowerer, loc: &Location, prop: &Value) -> bool {
    let marked = |schema: &Value| {
        ["readOnly", "writeOnly"]
            .iter()
            .any(|key| schema.key(key).and_then(Value::as_bool) == Some(true))
    };
    marked(prop) || lw.deref(loc, prop).is_ok_and(|(_, target)| marked(target))
}

/// The `properties` map of an object schema, with its location; a map given by
/// `$ref` (`properties: {$ref: ...}`) is followed to the map it names.
pub(crate) fn properties_of<'v>(
    lw: &Lowerer<'v>,
    loc: &Location,
    schema: &'v Value,
) -> Option<(Location, &'v serde_yaml::Mapping)> {
    let props_loc = loc.child("properties");
    let props = schema.key("properties")?;
    match props.key("$ref") {
        Some(Value::String(_)) => {
            let (target_loc, target) = lw.deref(&props_loc, props).ok()?;
            Some((target_loc, target.as_mapping()?))
        }
        _ => Some((props_loc, props.as_mapping()?)),
    }
}

fn has_substance(schema: &Value) -> bool {
    match schema {
        Value::Mapping(map) => map.keys().filter_map(Value::as_str).any(|k| {
            !matches!(
                k,
                "description"
                    | "title"
                    | "example"
                    | "examples"
                    | "default"
                    | "deprecated"
                    | "nullable"
                    | "readOnly"
                    | "writeOnly"
            )
        }),
        _ => false,
    }
}

/// The struct for merged `parts`. `fixed` is a property whose value is known (a
/// subtype's discriminator tag): it is a constant whatever the schemas say.
fn lower_struct(
    lw: &mut Lowerer,
    parts: ObjectParts<'_>,
    fixed: Option<(String, String)>,
    hint: &str,
) -> Result<Lowered, LowerError> {
    let extra = match &parts.additional {
        Some((_, Value::Bool(false))) => Extra::Forbidden,
        Some((extra_loc, additional @ Value::Mapping(map))) if !map.is_empty() => {
            let (ty, nullable) = lower_inline(lw, extra_loc, additional, &format!("{hint}Value"))?;
            match super::schema::wrap_nullable(ty, nullable) {
                TypeRef::Any => Extra::Any,
                ty => Extra::Typed(ty),
            }
        }
        _ => Extra::Any,
    };
    let mut field_names = NameTable::default();
    if extra != Extra::Forbidden {
        field_names.claim(EXTRA_FIELD);
    }
    field_names.expect(parts.properties.iter().map(|(name, _, _)| snake(name)));
    // A `Field` is large: growing the vector one push at a time copied them over and over.
    let mut fields = Vec::with_capacity(parts.properties.len());
    let mut constants = Vec::new();
    if let Some((tag, value)) = &fixed {
        constants.push(Constant {
            json_name: tag.clone(),
            value: Literal::String(value.clone()),
        });
    }
    for (name, prop_loc, prop) in parts.properties {
        if fixed.as_ref().is_some_and(|(tag, _)| *tag == name) {
            continue;
        }
        // Only a required property is a constant; an optional one may be absent, and
        // writing it anyway would change what a server sent.
        let constant = parts
            .required
            .contains(&name)
            .then(|| constant_of(lw, &prop_loc, prop))
            .flatten();
        if let Some(value) = constant {
            constants.push(Constant {
                json_name: name,
                value,
            });
            continue;
        }
        let (ty, nullable) =
            match lower_inline(lw, &prop_loc, prop, &format!("{hint}{}", pascal(&name))) {
                Ok(lowered) => lowered,
                Err(err) => {
                    lw.warn(
                        &prop_loc,
                        format!("property typed as a JSON value: {}", err.message),
                    );
                    (TypeRef::Any, false)
                }
            };
        let docs = schema_docs(prop).or_else(|| {
            lw.deref(&prop_loc, prop)
                .ok()
                .and_then(|(_, t)| schema_docs(t))
        });
        let (ty, nullable) = match ty {
            TypeRef::Nullable(inner) => (*inner, true),
            ty => (ty, nullable),
        };
        // The server sets a readOnly property, so a request never needs it; a writeOnly
        // one is never in a response. Either way it can be absent: optional, whatever
        // `required` says (and an unset optional field is not sent).
        let one_way = is_one_way(lw, &prop_loc, prop);
        let constraints = super::constraints::constraints_of(lw, &prop_loc, prop);
        fields.push(Field {
            rust_name: field_names.claim(&snake(&name)),
            required: parts.required.contains(&name) && !one_way,
            json_name: name,
            docs,
            nullable: nullable && ty != TypeRef::Any,
            ty,
            boxed: false,
            wire: WireMode::default(),
            setter: None,
            deprecated: super::constraints::is_deprecated(&prop_loc, prop),
            constraints,
        });
    }
    Ok(Lowered::Kind(TypeKind::Struct(Struct {
        fields,
        constants,
        extra,
    })))
}
