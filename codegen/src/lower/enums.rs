//! `enum` and `const` schemas.

use serde_yaml::Value;

use super::names::{variant_name, NameTable};
use super::{Lowered, Lowerer};
use crate::ir::{EnumValue, IntFormat, StringEnum, TypeKind, TypeRef};
use crate::load::Location;

/// The one type a schema declares (`type: integer`, or `type: [string, "null"]`), when
/// it is a JSON scalar type.
pub(crate) fn declared_scalar(map: &serde_yaml::Mapping) -> Option<Scalar> {
    use crate::load::Lookup;
    let named = |t: &str| match t {
        "string" => Some(Scalar::String),
        "integer" => Some(Scalar::Integer),
        "number" => Some(Scalar::Number),
        "boolean" => Some(Scalar::Boolean),
        _ => None,
    };
    match map.key("type")? {
        Value::String(t) => named(t),
        Value::Sequence(types) => {
            let mut non_null = types.iter().filter(|t| t.as_str() != Some("null"));
            let only = non_null.next()?.as_str()?;
            non_null.next().is_none().then(|| named(only)).flatten()
        }
        _ => None,
    }
}

/// A JSON scalar type a schema declares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Scalar {
    String,
    Integer,
    Number,
    Boolean,
}

/// Lowers the listed values (an `enum`'s, or a `const` as one), each with its place;
/// `None` when the declared type alone decides.
///
/// - A declared `type: string` makes an open string enum, of each value's text: a value
///   YAML read as a number or boolean is a warning, and kept as the text it was written as.
/// - A declared `integer`, `number` or `boolean` is that primitive, of the declared
///   `format` (`None`, for the typed path): Rust enums cannot hold such values usefully. A
///   value of another kind is a warning, since the declared type is what is decoded.
/// - Without a declared type the values decide: strings make an open string enum,
///   numbers and booleans their primitive, and mixtures JSON values.
pub(crate) fn lower_enum(
    lw: &mut Lowerer,
    listed: &[(Location, &Value)],
    declared: Option<Scalar>,
) -> Option<Lowered> {
    let listed: Vec<&(Location, &Value)> = listed.iter().filter(|(_, v)| !v.is_null()).collect();
    match declared {
        Some(Scalar::String) => {
            let mut texts = Vec::new();
            for (at, value) in &listed {
                match value {
                    Value::String(s) => texts.push(s.clone()),
                    Value::Number(_) | Value::Bool(_) => {
                        let text = super::scalar_string(value);
                        lw.warn(
                            at,
                            format!(
                                "value {text} is {} in an enum of `type: string`; it is \
                                 read as the string \"{text}\" (quote it in YAML)",
                                super::schema::kind_name(value)
                            ),
                        );
                        texts.push(text);
                    }
                    _ => {
                        lw.warn(
                            at,
                            format!(
                                "{} in an enum of `type: string` cannot be a string; the \
                                 schema is typed as a JSON value",
                                super::schema::kind_name(value)
                            ),
                        );
                        return Some(Lowered::Ref(TypeRef::Any));
                    }
                }
            }
            if texts.is_empty() {
                return Some(Lowered::Ref(TypeRef::Any));
            }
            Some(Lowered::Kind(TypeKind::Enum(string_enum(
                texts.iter().map(String::as_str),
            ))))
        }
        Some(scalar) => {
            let (fits, wanted): (fn(&Value) -> bool, &str) = match scalar {
                Scalar::Integer => (is_whole, "integers"),
                Scalar::Number => (Value::is_number, "numbers"),
                // `String` returned above.
                Scalar::Boolean | Scalar::String => (Value::is_bool, "booleans"),
            };
            for (at, value) in &listed {
                if !fits(value) {
                    lw.warn(
                        at,
                        format!(
                            "{} in an enum of {wanted}; decoded as the declared type",
                            super::schema::kind_name(value)
                        ),
                    );
                }
            }
            // A value above `i64::MAX` (and none below 0) needs a `u64`, whatever `format`
            // says; otherwise the typed path reads `format`.
            let mut values = listed.iter().map(|(_, v)| *v);
            let above_i64 = values
                .clone()
                .any(|v| v.as_i64().is_none() && v.as_u64().is_some());
            let negative = values.any(|v| v.as_i64().is_some_and(|n| n < 0));
            (scalar == Scalar::Integer && above_i64 && !negative)
                .then_some(Lowered::Ref(TypeRef::Integer(IntFormat::U64)))
        }
        None => Some(by_values(listed.iter().map(|(_, v)| *v).collect())),
    }
}

/// A whole number, however YAML wrote it (`1`, `1.0`).
fn is_whole(value: &Value) -> bool {
    value.as_i64().is_some()
        || value.as_u64().is_some()
        || value.as_f64().is_some_and(|f| f.fract() == 0.0)
}

/// The type the values themselves call for, when the schema declares none.
fn by_values(values: Vec<&Value>) -> Lowered {
    if values.is_empty() {
        return Lowered::Ref(TypeRef::Any);
    }
    if let Some(strings) = values
        .iter()
        .map(|v| v.as_str())
        .collect::<Option<Vec<&str>>>()
    {
        return Lowered::Kind(TypeKind::Enum(string_enum(strings)));
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
    Lowered::Ref(ty)
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
