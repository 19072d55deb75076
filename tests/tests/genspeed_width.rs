//! Wide specs cost work linear in their number of operations. The worst case for
//! naming is many operations that ask for one name in one resource (duplicate
//! `operationId`s on paths made unique by a `#fragment`): each method and each
//! parameter struct is numbered, and numbering resumes where the last clash stopped
//! instead of trying every number from 2 again (which made 20,000 operations take
//! 200 million probes). `NameTable::probes` bounds that work in the unit tests of
//! `lower/names.rs`; this test checks the names a wide clash gets.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::{json, Value};

/// `n` operations `GET /things#i`, all with `operationId: list` and one query parameter.
fn clash_spec(n: usize) -> PathBuf {
    let mut paths = serde_json::Map::new();
    for i in 0..n {
        paths.insert(
            format!("/things#{i}"),
            json!({"get": {
                "operationId": "list",
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "ok", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {"name": {"type": "string"}}}
                }}}}
            }}),
        );
    }
    let doc: Value = json!({
        "openapi": "3.0.3",
        "info": {"title": "wide", "version": "1"},
        "paths": paths,
    });
    let dir = std::env::temp_dir().join(format!("genspeed_width_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("openapi.json");
    std::fs::write(&path, serde_json::to_string(&doc).expect("json")).expect("write spec");
    path
}

#[test]
fn two_thousand_clashing_operations_in_one_resource_are_numbered_in_order() {
    let n = 2000;
    let path = clash_spec(n);
    let config = codegen::Config::named("wide");
    let api = codegen::build_ir(&path, &config).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(api.operations.len(), n);
    let methods: Vec<&str> = api
        .operations
        .iter()
        .map(|op| op.method_name.as_str())
        .collect();
    assert_eq!(methods[0], "list");
    assert_eq!(methods[1], "list_2");
    assert_eq!(methods[n - 1], format!("list_{n}"));
    let distinct: HashSet<&str> = methods.iter().copied().collect();
    assert_eq!(distinct.len(), n);
    let queries: Vec<&str> = api
        .operations
        .iter()
        .filter_map(|op| op.query.as_deref())
        .collect();
    assert_eq!(queries.len(), n);
    assert_eq!(queries[0], "ListQuery");
    assert_eq!(queries[n - 1], format!("ListQuery{n}"));
    let krate = codegen::emit::emit(&api, &config).unwrap_or_else(|e| panic!("{e}"));
    let resources = krate.file("src/resources.rs").expect("resources.rs");
    assert!(resources.contains(&format!("pub async fn list_{n}(")));
}
