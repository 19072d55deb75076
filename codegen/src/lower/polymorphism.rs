//! OpenAPI 3.0 polymorphism: a base schema declares a `discriminator`, and its subtypes
//! name it in their `allOf`. Wherever the base is used, its values are one of the
//! subtypes, so the base lowers to a tagged union of them (the base itself is an arm
//! too when its `mapping` lists it). Also discriminator `mapping`s, shared with unions.

use crate::load::Lookup;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde_yaml::{Mapping, Value};

use super::object::MAX_ALL_OF_DEPTH;
use super::schema::sequence;
use super::{reference_of, union, LowerError, Lowered, Lowerer};
use crate::ir::TypeKind;
use crate::load::Location;

/// The discriminator's `propertyName`, if the schema declares one.
pub(crate) fn tag_property(schema: &Value) -> Option<&str> {
    schema
        .key("discriminator")
        .and_then(|d| d.key("propertyName"))
        .and_then(Value::as_str)
}

/// A discriminated base: a discriminator on a schema that is not itself a union.
pub(crate) fn is_base(schema: &Value) -> bool {
    tag_property(schema).is_some() && schema.key("oneOf").is_none() && schema.key("anyOf").is_none()
}

/// The discriminator `mapping` of the schema at `loc`: each tag value and the schema
/// it names, in document order. A bare name means a component schema. A value naming
/// a schema that does not exist is an error naming the entry: falling back to another
/// tag would send and expect the wrong value.
pub(crate) fn mapping(
    lw: &Lowerer,
    loc: &Location,
    schema: &Value,
) -> Result<Vec<(String, Location)>, LowerError> {
    let mapping_loc = loc.child("discriminator").child("mapping");
    let Some(Value::Mapping(entries)) = schema.key("discriminator").and_then(|d| d.key("mapping"))
    else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (key, reference) in entries {
        let key = super::scalar_string(key);
        let entry_loc = mapping_loc.child(&key);
        let Some(reference) = reference.as_str() else {
            return Err(lw.error(&entry_loc, "a discriminator mapping value must be a string"));
        };
        let bare = !(reference.contains('#') || reference.contains('/') || reference.contains('.'));
        let target = if bare {
            lw.spec
                .root_location()
                .child("components")
                .child("schemas")
                .child(reference)
        } else {
            lw.resolve_ref(&entry_loc, reference)?
        };
        if lw.spec.get(&target).is_none() {
            return Err(lw.error(
                &entry_loc,
                format!("discriminator mapping `{key}` names `{reference}`, which does not exist"),
            ));
        }
        out.push((key, target));
    }
    Ok(out)
}

/// Root components whose `allOf` names `base`, directly or through other subtypes, in
/// document order.
fn subtypes(lw: &mut Lowerer, base: &Location) -> Vec<Location> {
    if lw.subtypes.is_none() {
        let index = subtype_index(lw);
        lw.subtypes = Some(index);
    }
    let index = lw.subtypes.as_ref().expect("built above");
    let mut out = Vec::new();
    let mut seen = HashSet::from_iter([base.clone()]);
    let mut next = 0;
    let mut frontier = vec![base.clone()];
    while let Some(parent) = frontier.get(next).cloned() {
        next += 1;
        for child in index.get(&parent).into_iter().flatten() {
            if seen.insert(child.clone()) {
                out.push(child.clone());
                frontier.push(child.clone());
            }
        }
    }
    out
}

/// For each schema named in some component's `allOf`, the components naming it.
fn subtype_index(lw: &mut Lowerer) -> HashMap<Location, Vec<Location>> {
    let mut index: HashMap<Location, Vec<Location>> = HashMap::default();
    let spec = lw.spec;
    for component in lw.component_locations() {
        let Some(Value::Mapping(map)) = spec.get(&component) else {
            continue;
        };
        for (i, part) in sequence(map, "allOf")
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let Some(reference) = reference_of(part) else {
                continue;
            };
            let part_loc = component.child("allOf").index(i);
            let Ok(target) = lw.resolve_ref(&part_loc, reference) else {
                continue;
            };
            let Ok(target) = lw.alias_target(&target) else {
                continue;
            };
            index.entry(target).or_default().push(component.clone());
        }
    }
    index
}

/// The tag a subtype fixes: when one of its `allOf` parents (at any depth) is a
/// discriminated base whose `mapping` names `loc` under exactly one value.
pub(crate) fn fixed_tag<'v>(
    lw: &Lowerer<'v>,
    loc: &Location,
    schema: &'v Value,
) -> Option<(String, String)> {
    /// Pushes the `allOf` parts of `schema`, `depth` links away from `loc`.
    fn push_parts<'v>(
        pending: &mut Vec<(Location, &'v Value, usize)>,
        at: &Location,
        schema: &'v Value,
        depth: usize,
    ) {
        let parts = schema.as_mapping().and_then(|m| sequence(m, "allOf"));
        for (i, part) in parts.unwrap_or_default().iter().enumerate().rev() {
            pending.push((at.child("allOf").index(i), part, depth));
        }
    }
    let mut pending = Vec::new();
    let mut seen = HashSet::from_iter([loc.clone()]);
    push_parts(&mut pending, loc, schema, 1);
    let mut found = None;
    while let Some((part_loc, part, depth)) = pending.pop() {
        // Past the limit `lower_all_of` refuses the schema anyway; stopping here keeps
        // each schema's walk bounded, so a deep chain costs linear time.
        if depth > MAX_ALL_OF_DEPTH {
            continue;
        }
        let Ok((target_loc, target)) = lw.deref(&part_loc, part) else {
            continue;
        };
        if !seen.insert(target_loc.clone()) {
            continue;
        }
        if is_base(target) {
            found = Some((target_loc, target));
            break;
        }
        push_parts(&mut pending, &target_loc, target, depth + 1);
    }
    let (base_loc, base) = found?;
    let tag = tag_property(base)?.to_string();
    let values: Vec<String> = mapping(lw, &base_loc, base)
        .ok()?
        .into_iter()
        .filter(|(_, target)| target == loc)
        .map(|(value, _)| value)
        .collect();
    match values.as_slice() {
        [value] => Some((tag, value.clone())),
        _ => None,
    }
}

/// The base at `loc` as a tagged union of its subtypes (in `mapping` order, then
/// document order), and of itself when its `mapping` lists it; `None` when nothing but
/// the base itself would be an arm.
pub(crate) fn lower_base(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<Option<Lowered>, LowerError> {
    let mapped = match mapping(lw, loc, schema) {
        Ok(mapped) => mapped,
        Err(err) => {
            lw.fail(err.clone());
            return Err(err);
        }
    };
    // Only the base and its subtypes are arms: a subtype that repeats its base's
    // discriminator and mapping (some generators write that) stays a struct.
    let subs = subtypes(lw, loc);
    let mut targets: Vec<Location> = Vec::new();
    for (_, target) in mapped {
        if !targets.contains(&target) && (target == *loc || subs.contains(&target)) {
            targets.push(target);
        }
    }
    for sub in subs {
        if !targets.contains(&sub) {
            targets.push(sub);
        }
    }
    if targets.iter().all(|t| t == loc) {
        return Ok(None);
    }
    // Each arm is a `$ref` to its schema, except the base itself, which is its own
    // schema without the discriminator (a plain struct, not this union again).
    let mut own = schema.as_mapping().cloned().unwrap_or_else(Mapping::new);
    own.remove("discriminator");
    let own = Value::Mapping(own);
    let refs: Vec<Value> = targets.iter().map(ref_to).collect();
    let arms: Vec<(Location, &Value)> = targets
        .iter()
        .zip(&refs)
        .map(|(target, arm)| {
            if target == loc {
                (loc.clone(), &own)
            } else {
                (file_top(target), arm)
            }
        })
        .collect();
    Ok(union::lower_tagged(lw, loc, schema, &arms, None, hint)?
        .map(|tagged| Lowered::Kind(TypeKind::Tagged(tagged))))
}

/// A union whose arms are the schemas its discriminator `mapping` names (for a
/// `oneOf: []` that lists no arms of its own); `None` without a mapping.
pub(crate) fn lower_mapped(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    hint: &str,
) -> Result<Option<Lowered>, LowerError> {
    let mapped = match mapping(lw, loc, schema) {
        Ok(mapped) => mapped,
        Err(err) => {
            lw.fail(err.clone());
            return Err(err);
        }
    };
    let mut targets: Vec<Location> = Vec::new();
    for (_, target) in mapped {
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    if targets.is_empty() {
        return Ok(None);
    }
    let refs: Vec<Value> = targets.iter().map(ref_to).collect();
    let arms: Vec<(Location, &Value)> = targets
        .iter()
        .zip(&refs)
        .map(|(t, r)| (file_top(t), r))
        .collect();
    Ok(Some(union::lower_union(lw, loc, schema, arms, hint)?.0))
}

/// A `$ref` to `target`, to be resolved from [`file_top`] of it.
fn ref_to(target: &Location) -> Value {
    let mut arm = Mapping::new();
    arm.insert("$ref".into(), Value::String(format!("#{}", target.pointer)));
    Value::Mapping(arm)
}

/// The top of `target`'s file, where a [`ref_to`] it resolves.
fn file_top(target: &Location) -> Location {
    Location {
        file: target.file,
        pointer: String::new(),
    }
}
