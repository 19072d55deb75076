//! A deep `allOf` chain costs work linear in what is generated: every struct holds the
//! fields it inherits, so merging stops at `MAX_ALL_OF_DEPTH` (64) links, and a schema
//! deeper than that is a warning naming its pointer and the limit (typed as a JSON
//! value), never a cycle, a hang or half a million fields.
//!
//! Specs are built in the test, so no large fixture is checked in.

use std::path::PathBuf;

use codegen::ir::{Api, TypeKind, TypeRef};
use serde_json::{json, Value};

/// A chain `S0 <- S1 <- ... <- S{n-1}`: each `S{i}` is the `allOf` of `S{i-1}` and
/// one property of its own, written to a fresh temp folder.
fn chain_spec(test: &str, n: usize) -> PathBuf {
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        "S0".into(),
        json!({"type": "object", "properties": {"p0": {"type": "string"}}}),
    );
    for i in 1..n {
        schemas.insert(
            format!("S{i}"),
            json!({"allOf": [
                {"$ref": format!("#/components/schemas/S{}", i - 1)},
                {"type": "object", "properties": {format!("p{i}"): {"type": "integer"}}}
            ]}),
        );
    }
    let doc: Value = json!({
        "openapi": "3.0.3",
        "info": {"title": "depth", "version": "1"},
        "paths": {"/x": {"get": {
            "operationId": "get",
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": format!("#/components/schemas/S{}", n - 1)}
            }}}}
        }}},
        "components": {"schemas": schemas}
    });
    let dir = std::env::temp_dir().join(format!("genspeed_all_of_{}_{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("openapi.json");
    std::fs::write(&path, serde_json::to_string(&doc).expect("json")).expect("write spec");
    path
}

fn config() -> codegen::Config {
    codegen::Config::named("depth")
}

fn fields(api: &Api, name: &str) -> usize {
    match &api.type_named(name).expect("type").kind {
        TypeKind::Struct(s) => s.fields.len(),
        other => panic!("{name} is {other:?}"),
    }
}

#[test]
fn a_chain_64_links_deep_merges_every_parent_without_warnings() {
    let path = chain_spec("at_limit", 65);
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    assert_eq!(fields(&api, "S64"), 65);
}

#[test]
fn a_schema_past_64_links_is_a_warning_naming_its_pointer_and_the_limit() {
    let path = chain_spec("past_limit", 67);
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fields(&api, "S64"), 65);
    for name in ["S65", "S66"] {
        let def = api.type_named(name).expect("type");
        assert_eq!(def.kind, TypeKind::Alias(TypeRef::Any), "{name}");
        let warning = api
            .warnings
            .iter()
            .find(|w| {
                w.location
                    .ends_with(&format!("#/components/schemas/{name}"))
            })
            .unwrap_or_else(|| panic!("no warning for {name}: {:?}", api.warnings));
        assert!(
            warning.message.contains("more than 64 levels"),
            "{warning:?}"
        );
        assert!(warning.message.contains("/allOf/0"), "{warning:?}");
        assert!(!warning.message.contains("cycle"), "{warning:?}");
    }
    assert_eq!(api.warnings.len(), 2, "{:?}", api.warnings);
}

#[test]
fn a_1000_deep_chain_generates_output_linear_in_its_size() {
    // Without the limit S999 alone would hold 1,000 fields and the chain 500,500.
    let path = chain_spec("deep", 1000);
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    let total: usize = api
        .types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(total, (1..=65).sum::<usize>());
    assert_eq!(api.warnings.len(), 1000 - 65);
    let krate = codegen::emit::emit(&api, &config()).unwrap_or_else(|e| panic!("{e}"));
    let types = krate.file("src/types.rs").expect("types.rs");
    assert!(types.contains("pub type S999 = "), "S999 is emitted");
    assert!(types.len() < 4 << 20, "types.rs is {} bytes", types.len());
}
