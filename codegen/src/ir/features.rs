//! Cargo features of the generated crate: which operations each one holds and which
//! types it needs, decided by `lower/features.rs`.

use std::collections::BTreeMap;

use serde::Serialize;

/// One cargo feature per group of operations, plus what each type needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Features {
    /// The groups, sorted by feature name. Empty when the API has no operations: then
    /// nothing is gated and every type is always compiled.
    pub groups: Vec<FeatureGroup>,
    /// For each operation (by its index in [`super::Api::operations`]), the index of
    /// its group in [`Features::groups`].
    pub operation_groups: Vec<usize>,
    /// For each type reached by some operation (by name), the sorted indexes of the
    /// groups whose operations reach it. A type not listed is reached by none and is
    /// compiled under `full` only.
    pub type_groups: BTreeMap<String, Vec<usize>>,
}

/// A cargo feature enabling one group of operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeatureGroup {
    /// The cargo feature name (valid, unique, never `default` or `full`).
    pub name: String,
    /// The group keys (resource segments or tags) merged into this feature.
    pub keys: Vec<String>,
}

impl Features {
    /// Whether the crate's items are gated at all.
    pub fn is_gated(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The groups whose operations reach the type `name`; empty: reached by none.
    pub fn groups_of_type(&self, name: &str) -> &[usize] {
        self.type_groups.get(name).map_or(&[], Vec::as_slice)
    }
}
