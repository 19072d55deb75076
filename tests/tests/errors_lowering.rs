//! Which responses are errors and how their enums are shared
//! (`codegen/src/lower/errors.rs`): `default` is an error beside a 2xx but the success
//! shape alone, statuses are read in any case, informational codes are dropped, keys
//! that are no status are warnings (extensions are not), and operations declaring the
//! same responses share one enum through aliases.

use std::path::Path;

use codegen::ir::{Api, Operation, StatusKey, TypeRef};

fn ir() -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/errors_lowering.yaml");
    codegen::build_ir(&path, &codegen::Config::named("errors_lowering")).expect("builds")
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|op| op.id == id).unwrap()
}

#[test]
fn default_is_an_error_beside_a_success_and_the_success_alone() {
    let api = ir();
    let errors = &op(&api, "successAndDefault").errors;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].status, StatusKey::Default);
    assert_eq!(errors[0].body, Some(TypeRef::Named("Problem".into())));
    assert!(op(&api, "defaultOnly").errors.is_empty());
    assert_eq!(op(&api, "defaultOnly").error_type, None);
}

#[test]
fn the_same_responses_share_one_enum_through_an_alias() {
    let api = ir();
    let shared: Vec<_> = api
        .error_types
        .iter()
        .filter(|t| t.name == "SuccessAndDefaultError")
        .collect();
    assert_eq!(shared.len(), 1);
    assert_eq!(shared[0].aliases, ["SameAsSuccessAndDefaultError"]);
    assert_eq!(
        op(&api, "sameAsSuccessAndDefault").error_type.as_deref(),
        Some("SameAsSuccessAndDefaultError")
    );
}

#[test]
fn odd_keys_are_read_in_any_case_dropped_or_warned_about() {
    let api = ir();
    let statuses: Vec<(StatusKey, Option<&TypeRef>)> = op(&api, "oddKeys")
        .errors
        .iter()
        .map(|e| (e.status, e.body.as_ref()))
        .collect();
    // Most specific first; JSON without a schema is any JSON value.
    assert_eq!(
        statuses,
        [
            (StatusKey::Code(500), Some(&TypeRef::Any)),
            (StatusKey::Range(4), None)
        ]
    );
    let warnings: Vec<String> = api
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.location, w.message))
        .collect();
    assert_eq!(
        warnings,
        [
            "errors_lowering.yaml#/paths/~1c/get/responses/4XX: `4XX` names the same statuses as an earlier key; skipped",
            "errors_lowering.yaml#/paths/~1c/get/responses/abc: `abc` is not an HTTP status; skipped",
        ]
    );
}
