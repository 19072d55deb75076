//! Method names generated code may not take: those of the traits every generated type
//! implements (derived or blanket), so that a spec's `default`, `clone` or `into` never
//! shadows `Default::default`, `Clone::clone` or `Into::into`, and the way a suffix is
//! added to a method name.

use super::names::NameTable;
use crate::ir::{Field, PartField, TypeDef, TypeKind};

/// Methods of the traits generated types implement or get from std's blanket impls
/// (`Debug`, `Display`, `Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`, `Default`, `From`,
/// `Into`, `TryFrom`, `TryInto`, `ToOwned`, `ToString`, `Borrow`, `Any`, serde's
/// `Serialize` and `Deserialize`), plus the inherent methods every struct or enum has.
pub const TRAIT_METHODS: &[&str] = &[
    "as_str",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "default",
    "deserialize",
    "deserialize_in_place",
    "eq",
    "fmt",
    "from",
    "hash",
    "hash_slice",
    "into",
    "ne",
    "new",
    "serialize",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// `name` without a raw prefix or the trailing `_` that keywords get (`r#type` -> `type`,
/// `self_` -> `self`): the stem to which prefixes and suffixes are added.
fn stem(name: &str) -> &str {
    name.trim_start_matches("r#").trim_end_matches('_')
}

/// Whether `name` would shadow a trait or inherent method of a generated type.
pub fn is_reserved_method(name: &str) -> bool {
    TRAIT_METHODS.contains(&name.trim_start_matches("r#"))
}

/// `name` + `_` + `suffix` as one snake-case identifier: `self_` + `with_options` is
/// `self_with_options` (not `self__with_options`, which is not snake case), and
/// `r#type` + `stream` is `type_stream`.
pub fn suffixed(name: &str, suffix: &str) -> String {
    let stem = stem(name);
    if stem.is_empty() {
        suffix.to_string()
    } else {
        format!("{stem}_{suffix}")
    }
}

/// Setter names for the optional fields `fields` (their Rust names), in order: a field's
/// own name, or `with_` + its name where that would shadow a trait method (or `new`).
/// Those are handed out first, so `default` always gets `with_default`; a field that is
/// itself called `with_default` is then numbered.
pub fn setter_names(fields: &[&str]) -> Vec<String> {
    let mut table = NameTable::with_reserved(TRAIT_METHODS.iter().copied());
    let mut names: Vec<Option<String>> = fields
        .iter()
        .map(|f| is_reserved_method(f).then(|| table.claim(&format!("with_{}", stem(f)))))
        .collect();
    for (name, field) in names.iter_mut().zip(fields) {
        if name.is_none() {
            *name = Some(table.claim(field));
        }
    }
    names.into_iter().flatten().collect()
}

/// Gives every struct field that is not an argument of `new` (see
/// [`crate::ir::WireMode::is_constructor_argument`], so after wire modes are decided)
/// its setter name, per [`setter_names`].
pub(crate) fn assign_setters(types: &mut [TypeDef]) {
    for def in types {
        let TypeKind::Struct(s) = &mut def.kind else {
            continue;
        };
        name_setters(
            s.fields
                .iter_mut()
                .filter(|f| !f.wire.is_constructor_argument())
                .map(|f: &mut Field| (f.rust_name.as_str(), &mut f.setter))
                .collect(),
        );
    }
}

/// Fills each slot with the setter [`setter_names`] gives its field name.
fn name_setters(slots: Vec<(&str, &mut Option<String>)>) {
    let fields: Vec<&str> = slots.iter().map(|(name, _)| *name).collect();
    let names = setter_names(&fields);
    for ((_, slot), name) in slots.into_iter().zip(names) {
        *slot = Some(name);
    }
}

/// Gives every optional part of a multipart form its setter name, per [`setter_names`]
/// (required parts are arguments of `new`).
pub(crate) fn assign_part_setters(fields: &mut [PartField]) {
    name_setters(
        fields
            .iter_mut()
            .filter(|f| !f.required)
            .map(|f: &mut PartField| (f.rust_name.as_str(), &mut f.setter))
            .collect(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_keep_snake_case() {
        assert_eq!(suffixed("self_", "with_options"), "self_with_options");
        assert_eq!(suffixed("r#type", "stream"), "type_stream");
        assert_eq!(suffixed("list", "with_options"), "list_with_options");
    }

    #[test]
    fn setters_never_shadow_trait_methods_or_each_other() {
        assert_eq!(
            setter_names(&["default", "with_default", "clone", "name", "new"]),
            [
                "with_default",
                "with_default_2",
                "with_clone",
                "name",
                "with_new"
            ]
        );
    }
}
