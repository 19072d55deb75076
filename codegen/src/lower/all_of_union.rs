//! A union inside `allOf`: `allOf: [{$ref: A}, {oneOf: [X, Y]}]`, or an `allOf` with a
//! `$ref` to a `oneOf`. A value must match every part, so it is one of the arms with
//! the other parts' properties added: the result is a union of merged objects
//! (`A + X`, `A + Y`), each arm built as its own `allOf`.

use crate::load::Lookup;
use serde_yaml::{Mapping, Value};

use super::schema::{is_null_schema, sequence};
use super::{reference_of, union, LowerError, Lowered, Lowerer};
use crate::load::Location;

/// The union of merged arms, when exactly one direct part of the `allOf` is a union
/// whose schemas can be combined here; `None` otherwise (the caller merges as usual).
pub(crate) fn lower_all_of_union(
    lw: &mut Lowerer,
    loc: &Location,
    schema: &Value,
    parts: &[Value],
    hint: &str,
) -> Result<Option<Lowered>, LowerError> {
    let mut unions = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let part_loc = loc.child("allOf").index(i);
        let Ok((target_loc, target)) = lw.deref(&part_loc, part) else {
            continue;
        };
        let Some(map) = target.as_mapping() else {
            continue;
        };
        for key in ["oneOf", "anyOf"] {
            if let Some(arms) = sequence(map, key).filter(|arms| !arms.is_empty()) {
                unions.push((i, target_loc.clone(), target, key, arms));
            }
        }
    }
    let [(index, union_loc, union_schema, key, arms)] = unions.as_slice() else {
        return Ok(None);
    };
    // Each arm is this schema with the union part replaced by the arm.
    let mut rest = schema.as_mapping().cloned().unwrap_or_else(Mapping::new);
    for annotation in ["description", "title", "discriminator"] {
        rest.remove(annotation);
    }
    let mut built = Vec::new();
    let mut identities = Vec::new();
    for (i, arm) in arms.iter().enumerate() {
        if is_null_schema(arm) {
            continue;
        }
        let arm_loc = union_loc.child(key).index(i);
        // The arm is copied to where the allOf is; a `$ref` is rewritten to hold there.
        let (arm, identity) = match reference_of(arm) {
            Some(reference) => {
                let target = lw.resolve_ref(&arm_loc, reference)?;
                if target.file != loc.file {
                    return Ok(None);
                }
                let mut copy = Mapping::new();
                copy.insert("$ref".into(), Value::String(format!("#{}", target.pointer)));
                (Value::Mapping(copy), target)
            }
            None if union_loc.file != loc.file => return Ok(None),
            None => (arm.clone(), arm_loc.clone()),
        };
        let mut merged = rest.clone();
        let mut arm_parts = parts.to_vec();
        arm_parts[*index] = arm;
        merged.insert("allOf".into(), Value::Sequence(arm_parts));
        // The arm's schema name labels an untagged variant.
        if let Some(name) = identity
            .last_segment()
            .filter(|_| reference_of(&arms[i]).is_some())
        {
            merged.insert("title".into(), Value::String(name));
        }
        built.push((arm_loc, Value::Mapping(merged)));
        identities.push(identity);
    }
    // The union's discriminator, else one written on the allOf itself; its mapping
    // resolves from where it is written.
    let (discriminator_loc, discriminator) = match union_schema.key("discriminator") {
        Some(d) => (union_loc, Some(d)),
        None => (loc, schema.key("discriminator")),
    };
    let mut shell = Mapping::new();
    if let Some(discriminator) = discriminator {
        shell.insert("discriminator".into(), discriminator.clone());
    }
    let shell = Value::Mapping(shell);
    let arms: Vec<(Location, &Value)> = built.iter().map(|(l, v)| (l.clone(), v)).collect();
    let (lowered, _) =
        union::lower_union_of(lw, discriminator_loc, &shell, arms, Some(&identities), hint)?;
    Ok(Some(lowered))
}
