//! Names a spec can take never break or shadow what generated code relies on. The fixture
//! client `tests/clients/hostile_names/` names types, fields, path segments, parameters
//! and operations after std and prelude types, trait methods, keywords and runtime items;
//! that it builds (warning-free, as a workspace member under clippy `-D warnings`) is the
//! main proof. These tests check that the names it got keep their usual meaning.

mod support;

use hostile_names::types;
use support::{Reply, TestServer};

const TYPES: &str = include_str!("../clients/hostile_names/generated/src/types.rs");
const RESOURCES: &str = include_str!("../clients/hostile_names/generated/src/resources.rs");

#[test]
fn trait_method_names_are_never_taken_by_generated_methods() {
    for code in [TYPES, RESOURCES] {
        for name in codegen::lower::TRAIT_METHODS
            .iter()
            .filter(|n| **n != "new")
        {
            for form in [format!("pub fn {name}("), format!("pub async fn {name}(")] {
                assert!(!code.contains(&form), "generated code defines `{form}`");
            }
        }
    }
}

#[test]
fn fields_named_like_trait_methods_get_with_setters() {
    let thing = types::Thing::new("me", "kind")
        .with_default("d")
        .with_clone("c")
        .with_into("i")
        .with_new("n")
        .builder("b");
    // `Clone::clone` and `Default::default` keep their meaning next to such fields.
    let copy = Clone::clone(&thing);
    assert_eq!(copy, thing);
    let empty = <types::ResultType as Default>::default();
    assert_eq!(empty, types::ResultType::new());
    let json = serde_json::to_value(&thing).unwrap();
    assert_eq!(json["default"], "d");
    assert_eq!(json["clone"], "c");
    assert_eq!(json["into"], "i");
    assert_eq!(json["new"], "n");
    assert_eq!(json["builder"], "b");
    assert_eq!(json["self"], "me");
    assert_eq!(json["type"], "kind");
}

#[test]
fn operation_id_self_gives_snake_case_methods() {
    assert!(
        !RESOURCES.contains("self__"),
        "a double underscore is not snake case"
    );
    assert!(!RESOURCES.contains("__with_options"));
    assert!(!RESOURCES.contains("__stream"));
}

#[tokio::test]
async fn accessors_named_like_trait_methods_reach_their_paths() {
    let server = TestServer::start(vec![
        Reply::json(200, r#"{"id":"o"}"#),
        Reply::json(200, r#""text""#),
    ])
    .await;
    let client = hostile_names::Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let option = client.x().clone_api().list().await.unwrap();
    assert_eq!(option.id.as_deref(), Some("o"));
    let query = types::IntoQuery::new("r").with_default("d").with_clone(2);
    let untagged = client
        .x()
        .default_api()
        .into_api()
        .list(&query)
        .await
        .unwrap();
    assert_eq!(untagged, types::Untagged::from("text"));
    let requests = server.requests();
    assert_eq!(requests[0].path(), "/v1/x/clone");
    assert_eq!(requests[1].path(), "/v1/x/default/into");
    assert_eq!(requests[1].query(), Some("default=d&clone=2&result=r"));
}
