//! One walk over a parsed file: the `$ref`s it holds (with the kind each place needs),
//! the `$anchor`s it defines, and the shape problems [`structure`] finds.

use super::lookup::Lookup;
use std::collections::HashMap;

use serde_yaml::Value;

use super::kind::Kind;
use super::pointer::escape_segment;
use super::structure::{self, Problem};

/// A `$ref` (or `$dynamicRef`) seen in a file.
#[derive(Debug, Clone)]
pub struct FoundRef {
    /// Pointer of the object holding it.
    pub at: String,
    /// Its text.
    pub reference: String,
    /// What the place of the object needs the target to be.
    pub expected: Kind,
}

/// What one walk found.
#[derive(Debug, Default)]
pub struct Scan {
    /// References, in document order.
    pub refs: Vec<FoundRef>,
    /// `$anchor` names and the pointers of their schemas (the first wins).
    pub anchors: HashMap<String, String>,
    /// `$dynamicAnchor` names and their schemas' pointers.
    pub dynamic_anchors: HashMap<String, String>,
    /// Shape problems.
    pub problems: Vec<Problem>,
    /// `$ref: '#'` inside a schema, by the pointer of the object holding it: the schema
    /// resource it means (the nearest enclosing schema with `$id`, else the outermost
    /// enclosing schema, as when that schema is a file of its own).
    pub self_refs: HashMap<String, String>,
}

/// Walks `value`, the root of a file whose root has kind `root`.
pub fn scan(value: &Value, root: Kind) -> Scan {
    let mut scan = Scan::default();
    let mut pointer = String::new();
    walk(value, root, None, &mut pointer, &mut scan);
    scan
}

// Recursion is bounded: the reader refuses files nested deeper than `MAX_DEPTH`.
fn walk(value: &Value, kind: Kind, resource: Option<&str>, pointer: &mut String, scan: &mut Scan) {
    if kind == Kind::Data {
        return;
    }
    structure::check(value, kind, pointer, &mut scan.problems);
    let own;
    let resource = match kind {
        Kind::Schema if resource.is_none() || value.key("$id").is_some() => {
            own = pointer.clone();
            Some(own.as_str())
        }
        Kind::Schema | Kind::SchemaList | Kind::MapOf(Kind::Schema) | Kind::Other => resource,
        _ => None,
    };
    match value {
        Value::Mapping(map) => {
            let holds_refs = !matches!(kind, Kind::MapOf(_));
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                let is_ref = matches!(key, "$ref" | "$dynamicRef" | "$recursiveRef");
                // In a name map, `$ref` is a name (a property called `$ref`) unless its
                // value is a string: then the whole map is given by reference.
                if is_ref && !holds_refs && child.is_string() {
                    if let Value::String(reference) = child {
                        scan.refs.push(FoundRef {
                            at: pointer.clone(),
                            reference: reference.clone(),
                            expected: Kind::Other,
                        });
                    }
                    continue;
                }
                if holds_refs && is_ref {
                    match child {
                        Value::String(reference) => {
                            if let (Kind::Schema, "#", Some(root)) =
                                (kind, reference.as_str(), resource)
                            {
                                if root != pointer.as_str() {
                                    scan.self_refs.insert(pointer.clone(), root.to_string());
                                }
                            }
                            scan.refs.push(FoundRef {
                                at: pointer.clone(),
                                reference: reference.clone(),
                                expected: kind,
                            });
                        }
                        other => scan.problems.push(Problem::error(
                            pointer,
                            format!(
                                "`{key}` must be a string, found {}",
                                structure::describe(other)
                            ),
                        )),
                    }
                    continue;
                }
                if kind == Kind::Schema {
                    if let ("$anchor" | "$dynamicAnchor", Value::String(name)) = (key, child) {
                        let table = if key == "$anchor" {
                            &mut scan.anchors
                        } else {
                            &mut scan.dynamic_anchors
                        };
                        table.entry(name.clone()).or_insert_with(|| pointer.clone());
                    }
                }
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&escape_segment(key));
                walk(child, kind.child(key), resource, pointer, scan);
                pointer.truncate(len);
            }
        }
        Value::Sequence(items) => {
            let element = kind.element();
            for (index, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(child, element, resource, pointer, scan);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
