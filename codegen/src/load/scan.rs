//! One walk over a parsed file: the `$ref`s it holds (with the kind each place needs),
//! the `$anchor`s it defines, and the shape problems [`structure`] finds.

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
}

/// Walks `value`, the root of a file whose root has kind `root`.
pub fn scan(value: &Value, root: Kind) -> Scan {
    let mut scan = Scan::default();
    let mut pointer = String::new();
    walk(value, root, &mut pointer, &mut scan);
    scan
}

// Recursion is bounded: the reader refuses files nested deeper than `MAX_DEPTH`.
fn walk(value: &Value, kind: Kind, pointer: &mut String, scan: &mut Scan) {
    if kind == Kind::Data {
        return;
    }
    structure::check(value, kind, pointer, &mut scan.problems);
    match value {
        Value::Mapping(map) => {
            let holds_refs = !matches!(kind, Kind::MapOf(_));
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if holds_refs && matches!(key, "$ref" | "$dynamicRef" | "$recursiveRef") {
                    match child {
                        Value::String(reference) => scan.refs.push(FoundRef {
                            at: pointer.clone(),
                            reference: reference.clone(),
                            expected: kind,
                        }),
                        other => scan.problems.push(Problem::error(
                            pointer,
                            format!("`{key}` must be a string, found {}", structure::describe(other)),
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
                walk(child, kind.child(key), pointer, scan);
                pointer.truncate(len);
            }
        }
        Value::Sequence(items) => {
            let element = kind.element();
            for (index, child) in items.iter().enumerate() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                walk(child, element, pointer, scan);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
