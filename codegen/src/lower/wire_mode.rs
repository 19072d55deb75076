//! The wire-mode policy: how each struct field is sent and received. This is the one
//! place that decides it; emission prints the mode next to the field's JSON name.
//!
//! | spec says | mode | Rust type | decoding | encoding |
//! |---|---|---|---|---|
//! | required, of an enum, a union or an object with required properties | `required` | `T` | missing or `null` is an error | always sent |
//! | required, of any other type | `default_if_missing` | `T` | missing or `null` gives the type's empty value | always sent |
//! | required, nullable | `required_nullable` | `Option<T>` | missing or `null` gives `None` | always sent, `None` as `null` |
//! | optional | `optional` | `Option<T>` | missing gives `None` (`null` too) | left out when `None` |
//! | optional, with a `default` | `optional_with_default` | `Option<T>` | as `optional` | as `optional`: the server applies the default |
//! | optional, nullable | `optional_nullable` | `Nullable<T>` | absent, `null` and values kept apart | absent left out, `null` sent as `null` |
//!
//! Servers often leave a field out, or send `null`, although the spec lists it as
//! required; a response that does so must still decode. So every required field whose
//! type has an empty value defaults to it when missing: strings (`""`), numbers (`0`),
//! booleans (`false`), free-form JSON (`null`), lists, maps, objects whose properties are
//! all optional, and aliases of those. Enums, unions and objects with required
//! properties have no empty value, so a missing one is an error naming the field.

use std::collections::{HashMap, HashSet};

use crate::ir::{Field, TypeDef, TypeKind, TypeRef, WireMode};

/// Sets `wire` on every struct field of `types`.
pub(crate) fn assign(types: &mut [TypeDef]) {
    let empty = empty_means_absent(types);
    for def in types.iter_mut() {
        if let TypeKind::Struct(s) = &mut def.kind {
            for field in &mut s.fields {
                field.wire = mode_of(field, &empty);
            }
        }
    }
}

/// The mode of one field, given the named types whose empty value means absence.
fn mode_of(field: &Field, empty: &HashSet<String>) -> WireMode {
    match (field.required, field.nullable) {
        (true, true) => WireMode::RequiredNullable,
        (true, false) if empty_type(&field.ty, empty) => WireMode::DefaultIfMissing,
        (true, false) => WireMode::Required,
        (false, true) => WireMode::OptionalNullable,
        (false, false) if field.constraints.default.is_some() => WireMode::OptionalWithDefault,
        (false, false) => WireMode::Optional,
    }
}

/// Whether a value of `ty` has an empty form that says the same as leaving it out.
fn empty_type(ty: &TypeRef, empty: &HashSet<String>) -> bool {
    match ty {
        TypeRef::List(_)
        | TypeRef::Map(_)
        | TypeRef::Nullable(_)
        | TypeRef::String
        | TypeRef::Integer(_)
        | TypeRef::Number
        | TypeRef::Bool
        | TypeRef::Any => true,
        TypeRef::Named(name) => empty.contains(name),
    }
}

/// Named types whose empty value means absence: structs without required properties
/// (none of their fields is a plain `T`), and aliases of types that qualify. Aliases may
/// chain, so this runs to a fixed point (each round adds at least one name, or stops).
fn empty_means_absent(types: &[TypeDef]) -> HashSet<String> {
    let mut empty: HashSet<String> = types
        .iter()
        .filter(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().all(|f| !f.required || f.nullable),
            _ => false,
        })
        .map(|t| t.name.clone())
        .collect();
    let aliases: HashMap<&str, &TypeRef> = types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Alias(target) => Some((t.name.as_str(), target)),
            _ => None,
        })
        .collect();
    loop {
        let found: Vec<String> = aliases
            .iter()
            .filter(|(name, target)| !empty.contains(**name) && empty_type(target, &empty))
            .map(|(name, _)| name.to_string())
            .collect();
        if found.is_empty() {
            return empty;
        }
        empty.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Extra, Struct};

    fn field(name: &str, ty: TypeRef, required: bool, nullable: bool) -> Field {
        Field {
            json_name: name.into(),
            rust_name: name.into(),
            docs: None,
            ty,
            required,
            nullable,
            boxed: false,
            wire: WireMode::default(),
            setter: None,
            deprecated: false,
            constraints: Default::default(),
        }
    }

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: name.into(),
            docs: None,
            source: String::new(),
            deprecated: false,
            kind,
        }
    }

    fn modes(types: &[TypeDef], name: &str) -> Vec<(String, WireMode)> {
        let def = types.iter().find(|t| t.name == name).unwrap();
        let TypeKind::Struct(s) = &def.kind else {
            panic!("{name} is a struct")
        };
        s.fields
            .iter()
            .map(|f| (f.json_name.clone(), f.wire))
            .collect()
    }

    #[test]
    fn each_combination_of_required_nullable_and_default_has_its_own_mode() {
        let mut with_default = field("n", TypeRef::Number, false, false);
        with_default.constraints.default = Some("1".into());
        let mut types = vec![def(
            "S",
            TypeKind::Struct(Struct {
                fields: vec![
                    field("kind", TypeRef::Named("Kind".into()), true, false),
                    field("id", TypeRef::String, true, false),
                    field("items", TypeRef::List(Box::new(TypeRef::Bool)), true, false),
                    field("note", TypeRef::String, true, true),
                    field("user", TypeRef::String, false, false),
                    field("clear", TypeRef::String, false, true),
                    with_default,
                ],
                constants: vec![],
                extra: Extra::Any,
            }),
        )];
        assign(&mut types);
        let got: Vec<WireMode> = modes(&types, "S").into_iter().map(|(_, m)| m).collect();
        assert_eq!(
            got,
            [
                WireMode::Required,
                WireMode::DefaultIfMissing,
                WireMode::DefaultIfMissing,
                WireMode::RequiredNullable,
                WireMode::Optional,
                WireMode::OptionalNullable,
                WireMode::OptionalWithDefault,
            ]
        );
    }

    #[test]
    fn objects_without_required_properties_and_their_aliases_default_when_missing() {
        let strukt = |fields| {
            TypeKind::Struct(Struct {
                fields,
                constants: vec![],
                extra: Extra::Any,
            })
        };
        let mut types = vec![
            def(
                "Parent",
                strukt(vec![
                    field("loose", TypeRef::Named("Loose".into()), true, false),
                    field("via", TypeRef::Named("AliasOfAlias".into()), true, false),
                    field("tight", TypeRef::Named("Tight".into()), true, false),
                ]),
            ),
            def(
                "AliasOfAlias",
                TypeKind::Alias(TypeRef::Named("Alias".into())),
            ),
            def("Alias", TypeKind::Alias(TypeRef::Named("Loose".into()))),
            def(
                "Loose",
                strukt(vec![field("a", TypeRef::String, false, false)]),
            ),
            def(
                "Tight",
                strukt(vec![field("a", TypeRef::String, true, false)]),
            ),
        ];
        assign(&mut types);
        assert_eq!(
            modes(&types, "Parent"),
            [
                ("loose".to_string(), WireMode::DefaultIfMissing),
                ("via".to_string(), WireMode::DefaultIfMissing),
                ("tight".to_string(), WireMode::Required),
            ]
        );
    }
}
