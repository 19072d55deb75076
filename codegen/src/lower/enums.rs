//! `enum` and `const` schemas.

use serde_yaml::Value;

use super::names::{variant_name, NameTable};
use super::{LowerError, Lowered, Lowerer};
use crate::ir::{EnumValue, IntFormat, StringEnum, TypeKind, TypeRef};
use crate::load::Location;

/// Lowers the listed values: strings become an open string enum; numbers and booleans
/// keep their primitive type (Rust enums cannot hold them usefully); mixtures are JSON values.
pub(crate) fn lower_enum(
    _lw: &mut Lowerer,
    _loc: &Location,
    values: &[Value],
) -> Result<Lowered, LowerError> {
    let values: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
    if values.is_empty() {
        return Ok(Lowered::Ref(TypeRef::Any));
    }
    if let Some(strings) = values
        .iter()
        .map(|v| v.as_str())
        .collect::<Option<Vec<&str>>>()
    {
        return Ok(Lowered::Kind(TypeKind::Enum(string_enum(strings))));
    }
    let ty = if values.iter().all(|v| v.as_i64().is_some()) {
        TypeRef::Integer(IntFormat::I64)
    } else if values
        .iter()
        .all(|v| v.as_u64().is_some() || v.as_i64().is_some_and(|n| n >= 0))
    {
        // Some value is above i64::MAX and none is negative: u64 holds them all.
        TypeRef::Integer(IntFormat::U64)
    } else if values.iter().all(|v| v.is_number()) {
        TypeRef::Number
    } else if values.iter().all(|v| v.is_bool()) {
        TypeRef::Bool
    } else {
        TypeRef::Any
    };
    Ok(Lowered::Ref(ty))
}

/// An open enum of `values` (duplicates dropped), with a variant for unknown values.
pub(crate) fn string_enum<'s>(values: impl IntoIterator<Item = &'s str>) -> StringEnum {
    let values: Vec<&str> = values.into_iter().collect();
    let mut names = NameTable::default();
    names.expect(values.iter().map(|v| variant_name(v)));
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for value in values {
        if seen.insert(value) {
            out.push(EnumValue {
                json: value.to_string(),
                rust_name: names.claim(&variant_name(value)),
            });
        }
    }
    let other_variant = ["Other", "Unknown", "UnknownValue"]
        .iter()
        .find(|name| !names.contains(name))
        .map(|name| name.to_string())
        .unwrap_or_else(|| names.claim("Other"));
    StringEnum {
        values: out,
        other_variant,
    }
}
