//! Names derived from an operation's name (`_with_options`, `_stream`, `_download`) and
//! sub-resource accessors never clash with each other or with another operation's name:
//! lowering decides them all and records them in the IR, and emission prints them. The
//! fixture client `tests/clients/names_derived/` builds (async and blocking) with an
//! operation whose id is another's derived `_download` name and a sub-resource named
//! like one; the loopback tests check each name reaches its own operation.

mod support;

use std::collections::BTreeSet;
use std::path::PathBuf;

use codegen::ir::{Api, Operation, Resource};
use names_derived_client::types::UploadForm;
use names_derived_client::Client;
use support::{Reply, TestServer};

fn ir(name: &str) -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name);
    codegen::build_ir(&path, &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// Every method name an operation gets, as the IR records it.
fn method_names(op: &Operation) -> Vec<&str> {
    let plain = op.with_options_method.as_ref().map(|_| &op.method_name);
    [
        plain,
        op.with_options_method.as_ref(),
        op.download_method.as_ref(),
        op.download_with_options_method.as_ref(),
        op.stream_method.as_ref(),
        op.stream_with_options_method.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|name| name.trim_start_matches("r#"))
    .collect()
}

/// Checks that the methods and accessors of `resource` and those below it are distinct,
/// and collects every struct name.
fn check_resource<'a>(api: &'a Api, resource: &'a Resource, structs: &mut Vec<&'a str>) {
    structs.push(&resource.struct_name);
    let mut seen = BTreeSet::new();
    let accessors = resource.children.iter().map(|c| c.accessor.as_str());
    let methods = resource
        .operations
        .iter()
        .flat_map(|&i| method_names(&api.operations[i]));
    for name in accessors.chain(methods) {
        assert!(
            seen.insert(name),
            "`{name}` twice on {}",
            resource.struct_name
        );
    }
    for child in &resource.children {
        check_resource(api, child, structs);
    }
}

#[test]
fn every_method_accessor_and_resource_struct_name_is_distinct() {
    for fixture in [
        "clients/names_derived/openapi.yaml",
        "clients/params/openapi.yaml",
        "clients/hostile_names/openapi.yaml",
        "clients/bodies/openapi.yaml",
    ] {
        let api = ir(fixture);
        let mut structs = Vec::new();
        for resource in &api.resources {
            check_resource(&api, resource, &mut structs);
        }
        let distinct: BTreeSet<&str> = structs.iter().copied().collect();
        assert_eq!(distinct.len(), structs.len(), "{fixture}: {structs:?}");
        assert!(!structs.is_empty(), "{fixture} has resources");
    }
}

#[test]
fn a_derived_download_name_is_never_taken_by_another_operation_or_accessor() {
    let api = ir("clients/names_derived/openapi.yaml");
    let names = |id: &str| {
        let op = api.operations.iter().find(|o| o.id == id).unwrap();
        method_names(op).join(" ")
    };
    assert_eq!(
        names("getFile"),
        "retrieve retrieve_with_options retrieve_download retrieve_download_with_options"
    );
    // Its id is `getFile`'s derived name, so it is numbered.
    assert_eq!(
        names("retrieve_download"),
        "retrieve_download_2 retrieve_download_2_with_options"
    );
    // A keyword's `_` is not doubled before the suffix.
    assert_eq!(
        names("self"),
        "self_ self_with_options self_download self_download_with_options"
    );
    // `retrieve` would derive `retrieve_download`, the accessor of `/blobs/retrieve_download`.
    assert_eq!(
        names("getBlob"),
        "get_blob get_blob_with_options get_blob_download get_blob_download_with_options"
    );
}

#[test]
fn multipart_parts_named_like_trait_methods_get_with_setters() {
    let form = UploadForm::new(vec![1u8])
        .with_clone("c")
        .with_default("d")
        .with_clone_2("w");
    // `Clone::clone` keeps its meaning next to a part called `clone`.
    assert_eq!(Clone::clone(&form), form);
}

#[tokio::test]
async fn each_derived_name_reaches_its_own_operation() {
    let replies = vec![
        Reply::text(200, "file"),
        Reply::text(200, "file-stream"),
        Reply::json(200, r#"{"ok":true}"#),
        Reply::text(200, "self"),
        Reply::text(200, "blob"),
        Reply::json(200, r#"{"ok":true}"#),
    ];
    let server = TestServer::start(replies).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let files = client.files();
    assert_eq!(&files.retrieve("a").await.unwrap()[..], b"file");
    let mut download = files.retrieve_download("b").await.unwrap();
    let mut received = Vec::new();
    for _ in 0..100 {
        let Some(chunk) = names_derived_client::StreamExt::next(&mut download).await else {
            break;
        };
        received.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(received, b"file-stream");
    assert_eq!(files.retrieve_download_2("c").await.unwrap().ok, Some(true));
    assert_eq!(&files.self_("d").await.unwrap()[..], b"self");
    assert_eq!(&client.blobs().get_blob("e").await.unwrap()[..], b"blob");
    let listed = client.blobs().retrieve_download().list().await.unwrap();
    assert_eq!(listed.ok, Some(true));
    let seen: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.path().to_string()))
        .collect();
    let wanted = [
        ("GET", "/v1/files/a"),
        ("GET", "/v1/files/b"),
        ("PUT", "/v1/files/c"),
        ("PATCH", "/v1/files/d"),
        ("GET", "/v1/blobs/e"),
        ("GET", "/v1/blobs/retrieve_download"),
    ];
    let wanted: Vec<(String, String)> = wanted
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(seen, wanted);
}

#[test]
fn the_blocking_client_has_the_same_derived_names() {
    // Type-checks only: each blocking method exists under the async method's name.
    fn _names(client: &names_derived_client::blocking::Client) {
        let files = client.files();
        let _ = files.retrieve_download_2("c");
        let _ = files.retrieve_download("b");
        let _ = files.self_download_with_options("d", &Default::default());
        let _ = client.blobs().get_blob_download("e");
        let _ = client.blobs().retrieve_download().list();
    }
}
