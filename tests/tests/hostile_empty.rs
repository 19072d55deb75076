//! Empty and tiny specs give crates that build without a warning. The fixture clients
//! `tests/clients/{empty,tiny,types_only}/` (nothing at all; one operation and no named
//! type; named types and no operation) are workspace members, so clippy `-D warnings`
//! over the workspace proves they are warning-free; these tests check that they work.

mod support;

use std::path::Path;

use support::{Reply, TestServer};

fn hostile(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/hostile")
        .join(name)
}

#[test]
fn a_spec_with_nothing_gives_a_client_that_builds() {
    // The spec names no server, so the caller gives one.
    let client = empty_client::Client::builder()
        .base_url("http://127.0.0.1:1")
        .build();
    assert!(client.is_ok());
}

#[test]
fn a_spec_with_only_types_gives_types() {
    let pet = types_only_client::Pet::new("rex");
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        serde_json::json!({"name": "rex"})
    );
}

#[tokio::test]
async fn a_spec_with_one_operation_and_no_types_calls_it() {
    let server = TestServer::start(vec![Reply::text(204, "")]).await;
    let client = tiny_client::Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    client.ping().list().await.unwrap();
    assert_eq!(server.requests()[0].path(), "/v1/ping");
}

#[test]
fn types_are_re_exported_only_when_there_are_some() {
    for (fixture, has_types) in [("no_paths.yaml", false), ("components_only.yaml", true)] {
        let krate = codegen::generate(&hostile(fixture), &codegen::Config::named("bare"))
            .unwrap_or_else(|err| panic!("{fixture}: {err}"));
        let lib = krate.file("src/lib.rs").unwrap();
        assert_eq!(lib.contains("pub use types::*;"), has_types, "{fixture}");
        let resources = krate.file("src/resources.rs").unwrap();
        assert!(
            !resources.contains("use "),
            "{fixture}: resources import nothing"
        );
    }
}
