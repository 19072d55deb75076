//! Path items: which operations one holds, where a `$ref` and its siblings are merged,
//! and the OpenAPI 3.2 `query` method and `additionalOperations`.

use crate::load::Lookup;
use serde_yaml::Value;

use super::params::is_token;
use super::Lowerer;
use crate::load::Location;

/// The fixed HTTP methods a path item may hold, in document order of the spec's list.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// One operation of a path item, not yet lowered.
pub(crate) struct PathOperation<'v> {
    /// The method as sent (`GET`, or an additional method exactly as written).
    pub method: String,
    /// Where the operation is.
    pub loc: Location,
    /// The operation object (maybe a `$ref`).
    pub op: &'v Value,
}

/// The parts of one path item: where path-level parameters are declared (the
/// referenced item first, so that siblings of the `$ref` override it) and its
/// operations.
pub(crate) struct PathItem<'v> {
    /// Path-item objects whose `parameters` apply to every operation.
    pub owners: Vec<(Location, &'v Value)>,
    /// Operations, fixed methods first.
    pub operations: Vec<PathOperation<'v>>,
}

/// Reads the path item at `loc`. A `$ref` is followed, and operations written beside it
/// are kept too (a sibling wins over the referenced item's operation of the same
/// method, with a warning).
pub(crate) fn path_item<'v>(lw: &mut Lowerer<'v>, loc: &Location, raw: &'v Value) -> PathItem<'v> {
    let mut owners = Vec::new();
    match raw.key("$ref") {
        None => {}
        Some(Value::String(_)) => match lw.deref(loc, raw) {
            Ok(found) => owners.push(found),
            Err(err) => lw.warn(loc, format!("path item `$ref` skipped: {}", err.message)),
        },
        Some(_) => lw.warn(
            &loc.child("$ref"),
            "path item `$ref` is not a string; ignored",
        ),
    }
    owners.push((loc.clone(), raw));
    let mut operations: Vec<PathOperation<'v>> = Vec::new();
    // Siblings (the last owner) are looked at first.
    for (owner_loc, owner) in owners.iter().rev() {
        for method in METHODS {
            let Some(op) = owner.key(method) else {
                continue;
            };
            let op_loc = owner_loc.child(method);
            push_unique(lw, &mut operations, method.to_ascii_uppercase(), op_loc, op);
        }
        let extra_loc = owner_loc.child("additionalOperations");
        match owner.key("additionalOperations") {
            None => {}
            Some(Value::Mapping(extra)) => {
                for (key, op) in extra {
                    let Some(method) = key.as_str() else {
                        continue;
                    };
                    let op_loc = extra_loc.child(method);
                    if !is_token(method) {
                        lw.warn(
                            &op_loc,
                            format!("`{method}` is not an HTTP method name; skipped"),
                        );
                    } else if METHODS.contains(&method.to_ascii_lowercase().as_str()) {
                        lw.warn(
                            &op_loc,
                            format!(
                                "`{method}` must be written as a fixed field, not in \
                                 `additionalOperations`; skipped"
                            ),
                        );
                    } else {
                        push_unique(lw, &mut operations, method.to_string(), op_loc, op);
                    }
                }
            }
            Some(_) => lw.warn(
                &extra_loc,
                "`additionalOperations` must be an object; skipped",
            ),
        }
    }
    PathItem { owners, operations }
}

fn push_unique<'v>(
    lw: &mut Lowerer<'v>,
    operations: &mut Vec<PathOperation<'v>>,
    method: String,
    loc: Location,
    op: &'v Value,
) {
    if let Some(kept) = operations.iter().find(|o| o.method == method) {
        let kept = lw.display(&kept.loc);
        lw.warn(
            &loc,
            format!("the path item defines `{method}` twice; the one at {kept} is used"),
        );
        return;
    }
    operations.push(PathOperation { method, loc, op });
}
