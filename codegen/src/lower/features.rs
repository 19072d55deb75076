//! Cargo features per group of operations, and the types each group needs.
//!
//! An operation's group key is the first element of its resource chain (the first
//! static path segment after a version segment, as the client names it: `chat` for
//! `/v1/chat/completions`), or with `features.group_by: tag` its first tag (operations
//! without tags fall back to the path rule). `features.groups` in the config maps keys
//! to feature names, renaming or merging groups. Feature names are snake case (like the
//! client's accessors); two keys that clean up to the same name, or a name cargo or the
//! crate already uses (`default`, `full`, a dependency), are numbered (`chat_2`).
//!
//! A type belongs to every group whose operations reach it through any chain of uses
//! (fields, extra properties, union arms, list items, map values, aliases); a type no
//! operation reaches belongs to `full` only. The emitter turns this into `cfg`s.

use crate::load::Lookup;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::config::{FeaturesConfig, GroupBy};
use crate::ir::{
    BodyKind, Extra, FeatureGroup, Features, Operation, PartKind, ResponseKind, TypeDef, TypeKind,
    TypeRef,
};

/// Feature names a group may not take: cargo's `default`, the crate's own features, and
/// the generated crate's dependencies (a feature may not share a dependency's name).
const RESERVED: &[&str] = &[
    "default",
    "full",
    "blocking",
    "validate",
    "bytes",
    "futures_core",
    "futures_util",
    "httpdate",
    "regex",
    "reqwest",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "tokio",
];

/// Each operation's tags, by the operation's `source`, recorded while lowering.
pub(crate) type OperationTags = HashMap<String, Vec<String>>;

/// The tags of the operation object `op` (strings only, in order).
pub(crate) fn tags_of(op: &serde_yaml::Value) -> Vec<String> {
    op.key("tags")
        .and_then(serde_yaml::Value::as_sequence)
        .map(|tags| {
            tags.iter()
                .filter_map(serde_yaml::Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Groups `operations` into features and computes which groups reach each type.
pub(crate) fn assign(
    types: &[TypeDef],
    operations: &[Operation],
    tags: &OperationTags,
    config: &FeaturesConfig,
) -> Features {
    if operations.is_empty() {
        return Features::default();
    }
    let keys: Vec<String> = operations
        .iter()
        .map(|op| group_key(op, tags, config.group_by))
        .collect();
    let names = feature_names(keys.iter().collect(), config);
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (key, name) in &names {
        groups.entry(name.as_str()).or_default().push(key.clone());
    }
    let index: HashMap<&str, usize> = groups.keys().enumerate().map(|(i, n)| (*n, i)).collect();
    let operation_groups: Vec<usize> = keys.iter().map(|key| index[names[key].as_str()]).collect();
    let type_groups = reach(types, operations, &operation_groups);
    Features {
        groups: groups
            .into_iter()
            .map(|(name, keys)| FeatureGroup {
                name: name.to_string(),
                keys,
            })
            .collect(),
        operation_groups,
        type_groups,
    }
}

/// Fails when `config.groups` names a key no operation has: a misspelt key would
/// silently leave its group unrenamed.
pub fn check_feature_groups(config: &FeaturesConfig, features: &Features) -> Result<(), String> {
    let known: BTreeSet<&str> = features
        .groups
        .iter()
        .flat_map(|g| g.keys.iter().map(String::as_str))
        .collect();
    match config
        .groups
        .keys()
        .find(|key| !known.contains(key.as_str()))
    {
        None => Ok(()),
        Some(key) => Err(format!(
            "features.groups names the group `{key}`, which no operation has (groups: {})",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.into_iter().collect::<Vec<_>>().join(", ")
            }
        )),
    }
}

/// The key that decides `op`'s group.
fn group_key(op: &Operation, tags: &OperationTags, group_by: GroupBy) -> String {
    let by_path = || {
        op.resource
            .first()
            .cloned()
            .unwrap_or_else(|| "root".into())
    };
    match group_by {
        GroupBy::Path => by_path(),
        GroupBy::Tag => tags
            .get(&op.source)
            .and_then(|tags| tags.iter().find(|t| !t.trim().is_empty()))
            .cloned()
            .unwrap_or_else(by_path),
    }
}

/// The feature name of every key. Overrides come first and may merge keys; natural
/// names that clash with a different key's, or with a reserved name, are numbered.
fn feature_names(keys: BTreeSet<&String>, config: &FeaturesConfig) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    // Which natural key first took a name; overrides own theirs, so keys may join them.
    let mut owner: HashMap<String, Option<&str>> = HashMap::new();
    for key in &keys {
        if let Some(wanted) = config.groups.get(key.as_str()) {
            let mut name = clean(wanted);
            if RESERVED.contains(&name.as_str()) {
                name = numbered(&name, &owner, &HashSet::new());
            }
            owner.insert(name.clone(), None);
            out.insert(key.to_string(), name);
        }
    }
    let natural: HashSet<String> = keys
        .iter()
        .filter(|k| !config.groups.contains_key(k.as_str()))
        .map(|k| clean(k))
        .collect();
    for key in keys {
        if config.groups.contains_key(key.as_str()) {
            continue;
        }
        let wanted = clean(key);
        let name = match owner.get(&wanted) {
            // An override took the name: the user asked for this group by name.
            Some(None) => wanted,
            Some(Some(_)) => numbered(&wanted, &owner, &natural),
            None if RESERVED.contains(&wanted.as_str()) => numbered(&wanted, &owner, &natural),
            None => wanted,
        };
        owner.entry(name.clone()).or_insert(Some(key.as_str()));
        out.insert(key.to_string(), name);
    }
    out
}

/// `stem_2`, `stem_3`, ...: the first not taken, not reserved, and not another key's
/// natural name.
fn numbered(
    stem: &str,
    taken: &HashMap<String, Option<&str>>,
    natural: &HashSet<String>,
) -> String {
    (2..)
        .map(|n| format!("{stem}_{n}"))
        .find(|name| {
            !taken.contains_key(name)
                && !natural.contains(name)
                && !RESERVED.contains(&name.as_str())
        })
        .expect("a free numbered name exists")
}

/// A valid cargo feature name for `raw`: snake case, ASCII letters, digits and `_`.
pub(crate) fn clean(raw: &str) -> String {
    let snake = super::snake(raw);
    let snake = snake.trim_start_matches("r#");
    // `snake` marks keywords with a trailing `_`; a feature name need not avoid them.
    let name: String = snake
        .strip_suffix('_')
        .filter(|s| !s.is_empty())
        .unwrap_or(snake)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if name.trim_matches('_').is_empty() {
        "group".to_string()
    } else {
        name
    }
}

/// For each type some operation reaches, the sorted groups reaching it. Walks every
/// use an operation or a type makes of a named type (the uses `rename.rs` renames).
fn reach(
    types: &[TypeDef],
    operations: &[Operation],
    operation_groups: &[usize],
) -> BTreeMap<String, Vec<usize>> {
    let by_name: HashMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut groups: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    let mut roots_by_group: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (op, &group) in operations.iter().zip(operation_groups) {
        let roots = roots_by_group.entry(group).or_default();
        operation_uses(op, &mut |name| roots.push(name));
    }
    for (group, roots) in roots_by_group {
        let mut stack = roots;
        while let Some(name) = stack.pop() {
            let Some(def) = by_name.get(name) else {
                continue;
            };
            if !groups.entry(def.name.as_str()).or_default().insert(group) {
                continue;
            }
            type_uses(def, &mut |used| stack.push(used));
        }
    }
    groups
        .into_iter()
        .map(|(name, set)| (name.to_string(), set.into_iter().collect()))
        .collect()
}

/// Calls `visit` with every type name `op` uses directly.
fn operation_uses<'a>(op: &'a Operation, visit: &mut impl FnMut(&'a str)) {
    for param in op.path_params.iter().chain(&op.params) {
        ref_uses(&param.ty, visit);
    }
    if let Some(query) = &op.query {
        visit(query);
    }
    if let Some(body) = &op.body {
        match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } => ref_uses(ty, visit),
            BodyKind::Multipart(form) => {
                for field in &form.fields {
                    if let PartKind::Text(ty) | PartKind::Json(ty) = &field.kind {
                        ref_uses(ty, visit);
                    }
                }
            }
            BodyKind::MultipartRaw | BodyKind::Text | BodyKind::Bytes => {}
        }
    }
    match &op.response {
        Some(ResponseKind::Json(ty)) => ref_uses(ty, visit),
        Some(ResponseKind::Outcomes(outcomes)) => {
            for variant in &outcomes.variants {
                if let Some(ty) = &variant.body {
                    ref_uses(ty, visit);
                }
            }
        }
        _ => {}
    }
    for error in &op.errors {
        if let Some(ty) = &error.body {
            ref_uses(ty, visit);
        }
    }
    if let Some(stream) = &op.stream {
        ref_uses(&stream.item, visit);
    }
}

/// Calls `visit` with every type name `def` uses directly.
fn type_uses<'a>(def: &'a TypeDef, visit: &mut impl FnMut(&'a str)) {
    match &def.kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                ref_uses(&field.ty, visit);
            }
            if let Extra::Typed(ty) = &s.extra {
                ref_uses(ty, visit);
            }
        }
        TypeKind::Enum(_) => {}
        TypeKind::Tagged(t) => {
            for variant in &t.variants {
                visit(&variant.ty);
            }
        }
        TypeKind::Untagged(u) => {
            for variant in &u.variants {
                ref_uses(&variant.ty, visit);
            }
        }
        TypeKind::Alias(ty) => ref_uses(ty, visit),
    }
}

/// Calls `visit` with every type name inside a type expression.
fn ref_uses<'a>(ty: &'a TypeRef, visit: &mut impl FnMut(&'a str)) {
    let mut current = ty;
    loop {
        match current {
            TypeRef::Named(name) => return visit(name),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                current = inner
            }
            TypeRef::String
            | TypeRef::Integer(_)
            | TypeRef::Number
            | TypeRef::Bool
            | TypeRef::Any => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(groups: &[(&str, &str)]) -> FeaturesConfig {
        FeaturesConfig {
            group_by: GroupBy::Path,
            groups: groups
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    fn names(keys: &[&str], groups: &[(&str, &str)]) -> Vec<(String, String)> {
        let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        feature_names(keys.iter().collect(), &config(groups))
            .into_iter()
            .collect()
    }

    #[test]
    fn feature_names_are_cleaned_and_clashes_numbered() {
        assert_eq!(clean("Fine-tuning"), "fine_tuning");
        assert_eq!(clean("type"), "type");
        assert_eq!(clean("  "), "value");
        let got = names(&["Chat", "chat", "full", "serde"], &[]);
        let got: HashMap<_, _> = got.into_iter().collect();
        let mut values: Vec<&String> = got.values().collect();
        values.sort();
        values.dedup();
        assert_eq!(values.len(), 4, "{got:?}");
        assert_eq!(got["full"], "full_2");
        assert_eq!(got["serde"], "serde_2");
        assert!(got["Chat"] == "chat" || got["chat"] == "chat");
    }

    #[test]
    fn overrides_rename_and_merge_groups() {
        let got = names(&["a", "b", "c"], &[("a", "Letters"), ("b", "letters")]);
        assert_eq!(
            got,
            vec![
                ("a".to_string(), "letters".to_string()),
                ("b".to_string(), "letters".to_string()),
                ("c".to_string(), "c".to_string()),
            ]
        );
        // A natural key that an override already named joins it.
        let got = names(&["a", "chat"], &[("a", "chat")]);
        assert_eq!(got[0].1, "chat");
        assert_eq!(got[1].1, "chat");
        // An override may not take a reserved name either.
        assert_eq!(names(&["a"], &[("a", "default")])[0].1, "default_2");
    }
}
