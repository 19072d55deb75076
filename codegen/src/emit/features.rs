//! Cargo features in the emitted crate: the `[features]` table, and the `cfg`
//! attribute that puts each type, form and resource behind the groups that need it.
//!
//! The groups and what each type needs are IR data (`Api::features`, decided by
//! `lower/features.rs`); this file only writes them. Gating happens where items are
//! assembled (`format::gated_items`), so it holds for whatever the type emitters emit.

use std::collections::{BTreeSet, HashMap};

use proc_macro2::TokenStream;
use quote::quote;

use super::crate_files::toml_string;
use crate::ir::{Api, Features, Operation};
use crate::Config;

/// Looks up which groups each emitted item belongs to.
pub(crate) struct Gates<'a> {
    features: &'a Features,
    /// Each operation's index in `Api::operations`, by its address (a plain number,
    /// so the gates can be shared by the emission threads).
    operations: HashMap<usize, usize>,
}

impl<'a> Gates<'a> {
    /// The gates for `api`.
    pub(crate) fn new(api: &'a Api) -> Self {
        Gates {
            features: &api.features,
            operations: api
                .operations
                .iter()
                .enumerate()
                .map(|(i, op)| (address(op), i))
                .collect(),
        }
    }

    /// The group of `op` (an operation of the same `Api`); `None` when nothing is gated.
    pub(crate) fn group_of(&self, op: &Operation) -> Option<usize> {
        let index = self.operations.get(&address(op))?;
        self.features.operation_groups.get(*index).copied()
    }

    /// `#[cfg(...)]` for an operation's items.
    pub(crate) fn operation_cfg(&self, op: &Operation) -> Option<TokenStream> {
        let group = self.group_of(op)?;
        self.cfg(&[group])
    }

    /// `#[cfg(...)]` for the named type `name`.
    pub(crate) fn type_cfg(&self, name: &str) -> Option<TokenStream> {
        self.cfg(self.features.groups_of_type(name))
    }

    /// `#[cfg(...)]` for items some of `groups` need; `groups` empty: `full` only.
    /// `None` when the crate has no groups (nothing is gated).
    pub(crate) fn cfg(&self, groups: &[usize]) -> Option<TokenStream> {
        if !self.features.is_gated() {
            return None;
        }
        let names: Vec<&str> = groups
            .iter()
            .filter_map(|&g| self.features.groups.get(g))
            .map(|g| g.name.as_str())
            .collect();
        Some(match names.as_slice() {
            [] => quote!(#[cfg(feature = "full")]),
            [one] => quote!(#[cfg(feature = #one)]),
            many => quote!(#[cfg(any(#(feature = #many),*))]),
        })
    }

    /// `#[cfg(...)]` for the union of `groups`.
    pub(crate) fn union_cfg(&self, groups: &BTreeSet<usize>) -> Option<TokenStream> {
        let groups: Vec<usize> = groups.iter().copied().collect();
        if groups.is_empty() {
            return None;
        }
        self.cfg(&groups)
    }
}

fn address(op: &Operation) -> usize {
    op as *const Operation as usize
}

/// The `[features]` table (and each example's `required-features`): one feature per
/// group, `full` enabling them all, on by default.
pub(crate) fn cargo_features(api: &Api, config: &Config) -> String {
    let groups = &api.features.groups;
    let all: Vec<String> = groups.iter().map(|g| toml_string(&g.name)).collect();
    let mut out = String::from("\n[features]\n");
    out.push_str("# Every operation group; a build with fewer features compiles less.\n");
    out.push_str("default = [\"full\"]\n");
    out.push_str(&format!("full = [{}]\n", all.join(", ")));
    for group in groups {
        if group.keys != [group.name.clone()] {
            let keys: Vec<&str> = group.keys.iter().map(String::as_str).collect();
            out.push_str(&format!("# from: {}\n", one_line(&keys.join(", "))));
        }
        // Names are `[a-z0-9_]` (see `lower/features.rs`), so a bare TOML key.
        out.push_str(&format!("{} = []\n", group.name));
    }
    out.push_str(
        "# `blocking::Client`: the same operations without async, on a runtime of its own.\n",
    );
    out.push_str("blocking = [\"tokio/rt-multi-thread\"]\n");
    for (file, source) in &config.examples {
        let Some(name) = file.strip_suffix(".rs") else {
            continue;
        };
        let needs = match super::blocking::example_uses_blocking(config, source) {
            true => "\"full\", \"blocking\"",
            false => "\"full\"",
        };
        out.push_str(&format!(
            "\n[[example]]\nname = {}\nrequired-features = [{needs}]\n",
            toml_string(name)
        ));
    }
    out
}

/// `text` safe inside a TOML comment: on one line, without control characters.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Lines for the crate docs saying which features exist and what `full` holds.
pub(crate) fn lib_doc_lines(api: &Api, config: &Config) -> Vec<String> {
    let groups = &api.features.groups;
    if groups.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        String::new(),
        " # Cargo features".to_string(),
        String::new(),
        " Operations are grouped by the first segment of their path (after a version segment"
            .to_string(),
        " such as `v1`) or, when the generator's config says so, by tag; each group is a cargo"
            .to_string(),
        " feature, and `full` (the default) enables them all. A build with only some groups"
            .to_string(),
        " compiles their operations and exactly the types those operations reach; types no"
            .to_string(),
        " operation uses come with `full`. For example:".to_string(),
        String::new(),
        // `text`, like every fence of spec prose: never a doctest.
        " ```text".to_string(),
        format!(
            " {} = {{ version = \"{}\", default-features = false, features = [\"{}\"] }}",
            config.crate_name, config.crate_version, groups[0].name
        ),
        " ```".to_string(),
        String::new(),
        " Features:".to_string(),
    ];
    for group in groups {
        lines.push(format!(" - `{}`", group.name));
    }
    lines
}

/// Attributes of `item` that an outer attribute can be added to, if it has any.
pub(crate) fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::ExternCrate(i) => &mut i.attrs,
        Item::Fn(i) => &mut i.attrs,
        Item::ForeignMod(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Macro(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::TraitAlias(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}
