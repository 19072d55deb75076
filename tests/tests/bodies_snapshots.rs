//! IR and code snapshots of request bodies (`lower/bodies.rs`, `emit/bodies.rs`) for the
//! fixture spec of `tests/clients/bodies/`: one operation per body kind, and the
//! multipart form structs users fill in.

use std::path::{Path, PathBuf};

use codegen::ir::{BodyKind, PartKind};

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("clients/bodies/openapi.yaml")
}

fn api() -> codegen::ir::Api {
    codegen::build_ir(&spec(), &codegen::Config::named("bodies_client")).expect("builds")
}

#[derive(serde::Serialize)]
struct OperationBody<'a> {
    id: &'a str,
    body: &'a Option<codegen::ir::Body>,
    response: &'a Option<codegen::ir::ResponseKind>,
}

#[test]
fn bodies_ir() {
    let api = api();
    assert!(api.warnings.is_empty(), "{:#?}", api.warnings);
    let ops: Vec<OperationBody> = api
        .operations
        .iter()
        .map(|op| OperationBody {
            id: &op.id,
            body: &op.body,
            response: &op.response,
        })
        .collect();
    insta::assert_yaml_snapshot!("bodies_ir", ops);
}

#[test]
fn file_fields_become_file_parts_and_the_rest_text_or_json() {
    let api = api();
    let form = |id: &str| {
        let op = api.operations.iter().find(|op| op.id == id).unwrap();
        match &op.body.as_ref().unwrap().kind {
            BodyKind::Multipart(form) => form.clone(),
            other => panic!("{id}: {other:?}"),
        }
    };
    let kinds = |id: &str| -> Vec<(String, String, bool)> {
        form(id)
            .fields
            .iter()
            .map(|f| {
                let kind = match &f.kind {
                    PartKind::File => "file",
                    PartKind::Files => "files",
                    PartKind::Text(_) => "text",
                    PartKind::Json(_) => "json",
                };
                (f.json_name.clone(), kind.to_string(), f.required)
            })
            .collect()
    };
    let s = |n: &str, k: &str, r: bool| (n.to_string(), k.to_string(), r);
    assert_eq!(
        kinds("createTranscription"),
        [
            s("file", "file", true),
            s("model", "text", true),
            s("language", "text", false),
            s("temperature", "text", false),
            s("timestamp_granularities", "text", false),
            s("chunking_strategy", "json", false),
        ]
    );
    assert_eq!(
        kinds("editImages"),
        [
            s("image", "files", true),
            s("mask", "file", false),
            s("metadata", "json", false),
            s("n", "text", false),
        ]
    );
    let mask = &form("editImages").fields[1];
    assert_eq!(mask.content_type.as_deref(), Some("image/png"));
}

#[test]
fn empty_form_bodies_add_no_body() {
    let api = api();
    for id in ["listCustomers", "deleteCustomer"] {
        let op = api.operations.iter().find(|op| op.id == id).unwrap();
        assert!(op.body.is_none(), "{id}: {:?}", op.body);
    }
}

#[test]
fn bodies_code() {
    let krate = codegen::generate(&spec(), &codegen::Config::named("bodies_client")).unwrap();
    let types = krate.file("src/types.rs").unwrap();
    // Forms come after the schema types, in operation order; `createFile` is first.
    let first = types.find("pub struct CreateFileForm").unwrap();
    let start = types[..first].rfind("}\n").map_or(0, |i| i + 2);
    let forms = &types[start..];
    insta::assert_snapshot!("bodies_forms", forms);
    insta::assert_snapshot!("bodies_resources", krate.file("src/resources.rs").unwrap());
}
