//! Depth from a spec never overflows the stack: long chains of `$ref`s (through
//! properties, as pure aliases, or as `allOf` parents) lower without recursion, a deep
//! `allOf` chain is not mistaken for a cycle, inline nesting is bounded by a depth guard
//! that names the pointer, and real cycles are still boxed.
//!
//! The specs are built in the test, so no large fixture is checked in. Each test runs on
//! the test harness's thread (2 MiB of stack), which is the point: generation must not
//! depend on its caller's stack.

use std::path::PathBuf;

use codegen::ir::{Api, TypeKind, TypeRef};
use codegen::load::{SourceFile, Spec};
use serde_json::{json, Value};

/// Writes `doc` as JSON into a fresh temporary folder and returns the spec's path.
fn write_spec(test: &str, doc: &Value) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("schema_depth_{}_{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("openapi.json");
    std::fs::write(&path, serde_json::to_string(doc).expect("json")).expect("write spec");
    path
}

/// A document whose only operation returns `root`, with these component schemas.
fn document(schemas: serde_json::Map<String, Value>, root: &str) -> Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "depth", "version": "1"},
        "paths": {"/x": {"get": {
            "operationId": "get",
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": format!("#/components/schemas/{root}")}
            }}}}
        }}},
        "components": {"schemas": schemas}
    })
}

fn config() -> codegen::Config {
    codegen::Config::named("depth")
}

#[track_caller]
fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.type_named(name)
        .unwrap_or_else(|| {
            panic!(
                "no type {name} in {:?}",
                api.types.iter().map(|t| &t.name).collect::<Vec<_>>()
            )
        })
        .kind
}

#[test]
fn a_chain_of_5000_schemas_linked_by_properties_generates() {
    let n = 5000;
    let mut schemas = serde_json::Map::new();
    for i in 0..n {
        let mut properties = json!({"v": {"type": "string"}});
        if i + 1 < n {
            properties["next"] = json!({"$ref": format!("#/components/schemas/S{}", i + 1)});
        }
        schemas.insert(
            format!("S{i}"),
            json!({"type": "object", "properties": properties}),
        );
    }
    let path = write_spec("props", &document(schemas, "S0"));
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    let krate = codegen::emit::emit(&api, &config()).unwrap_or_else(|e| panic!("{e}"));
    let types = krate.file("src/types.rs").expect("types.rs");
    assert!(types.contains("pub struct S4999"));
    let TypeKind::Struct(s0) = kind(&api, "S0") else {
        panic!("S0 is not a struct")
    };
    let next = s0
        .fields
        .iter()
        .find(|f| f.json_name == "next")
        .expect("next");
    assert_eq!(next.ty, TypeRef::Named("S1".into()));
    // A chain is not a cycle: nothing is boxed.
    assert!(!next.boxed);
}

#[test]
fn a_chain_of_5000_pure_ref_aliases_generates_aliases_of_the_end() {
    let n = 5000;
    let mut schemas = serde_json::Map::new();
    for i in 0..n {
        let schema = if i + 1 < n {
            json!({"$ref": format!("#/components/schemas/S{}", i + 1)})
        } else {
            json!({"type": "object", "properties": {"id": {"type": "string"}}})
        };
        schemas.insert(format!("S{i}"), schema);
    }
    let path = write_spec("alias", &document(schemas, "S0"));
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    // Every alias names the end of the chain, so no alias stands on another.
    for i in [0, 1, 2500, 4998] {
        assert_eq!(
            kind(&api, &format!("S{i}")),
            &TypeKind::Alias(TypeRef::Named("S4999".into()))
        );
    }
    codegen::generate(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_loop_of_pure_ref_aliases_is_a_warning_naming_the_pointer() {
    let mut schemas = serde_json::Map::new();
    schemas.insert("Alpha".into(), json!({"$ref": "#/components/schemas/Beta"}));
    schemas.insert("Beta".into(), json!({"$ref": "#/components/schemas/Gamma"}));
    schemas.insert(
        "Gamma".into(),
        json!({"$ref": "#/components/schemas/Alpha"}),
    );
    let path = write_spec("alias_loop", &document(schemas, "Alpha"));
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    let warning = api
        .warnings
        .iter()
        .find(|w| w.location.ends_with("#/components/schemas/Alpha"))
        .unwrap_or_else(|| panic!("no warning for Alpha: {:?}", api.warnings));
    assert!(warning.message.contains("cycle of $refs"), "{warning:?}");
    assert_eq!(kind(&api, "Alpha"), &TypeKind::Alias(TypeRef::Any));
    codegen::generate(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_1000_deep_all_of_chain_is_not_a_cycle() {
    // Merging stops at `MAX_ALL_OF_DEPTH` levels (see `genspeed_all_of_depth.rs`);
    // within it every parent is merged, and nothing is called a cycle.
    let n = 1000;
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
                {"type": "object", "required": [format!("p{i}")],
                 "properties": {format!("p{i}"): {"type": "integer"}}}
            ]}),
        );
    }
    let path = write_spec("all_of", &document(schemas, &format!("S{}", n - 1)));
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        api.warnings.iter().all(|w| !w.message.contains("cycle")),
        "{:?}",
        &api.warnings[..1]
    );
    let TypeKind::Struct(last) = kind(&api, "S64") else {
        panic!("S64 is not a struct")
    };
    assert_eq!(last.fields.len(), 65);
    assert_eq!(last.fields[0].json_name, "p0");
    assert_eq!(last.fields[64].json_name, "p64");
    assert!(last.fields[64].required);
}

#[test]
fn an_all_of_that_refers_back_to_itself_merges_each_part_once() {
    let mut schemas = serde_json::Map::new();
    schemas.insert(
        "Alpha".into(),
        json!({"allOf": [{"$ref": "#/components/schemas/Beta"},
                         {"properties": {"a": {"type": "string"}}}]}),
    );
    schemas.insert(
        "Beta".into(),
        json!({"allOf": [{"$ref": "#/components/schemas/Alpha"},
                         {"properties": {"b": {"type": "string"}}}]}),
    );
    let path = write_spec("all_of_loop", &document(schemas, "Alpha"));
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    let TypeKind::Struct(a) = kind(&api, "Alpha") else {
        panic!("Alpha is not a struct")
    };
    let names: Vec<&str> = a.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(names, ["b", "a"]);
}

#[test]
fn a_real_cycle_of_properties_is_still_boxed() {
    let mut schemas = serde_json::Map::new();
    for (name, next) in [("Alpha", "Beta"), ("Beta", "Gamma"), ("Gamma", "Alpha")] {
        schemas.insert(
            name.into(),
            json!({"type": "object", "required": ["next"],
                   "properties": {"next": {"$ref": format!("#/components/schemas/{next}")}}}),
        );
    }
    let path = write_spec("cycle", &document(schemas, "Alpha"));
    let api = codegen::build_ir(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
    for name in ["Alpha", "Beta", "Gamma"] {
        let TypeKind::Struct(s) = kind(&api, name) else {
            panic!("{name} is not a struct")
        };
        assert!(s.fields[0].boxed, "{name}.next is not boxed");
    }
    codegen::generate(&path, &config()).unwrap_or_else(|e| panic!("{e}"));
}

/// `levels` of inline nesting, alternating arrays and objects, around a string.
/// Built directly as YAML values: converting from JSON would recurse per level.
fn nested(levels: usize) -> serde_yaml::Value {
    use serde_yaml::{Mapping, Value as Yaml};
    let map = |pairs: Vec<(&str, Yaml)>| {
        Yaml::Mapping(
            pairs
                .into_iter()
                .map(|(k, v)| (Yaml::from(k), v))
                .collect::<Mapping>(),
        )
    };
    let mut schema = map(vec![("type", Yaml::from("string"))]);
    for level in 0..levels {
        schema = if level % 2 == 0 {
            map(vec![("type", Yaml::from("array")), ("items", schema)])
        } else {
            map(vec![
                ("type", Yaml::from("object")),
                ("properties", map(vec![("x", schema)])),
            ])
        };
    }
    schema
}

/// A spec built in memory: the loader refuses nesting this deep, but lowering and
/// emission must not depend on that.
fn in_memory(schema: serde_yaml::Value) -> Spec {
    let mut doc = serde_yaml::to_value(document(serde_json::Map::new(), "Deep")).expect("yaml");
    doc["components"]["schemas"] = serde_yaml::Value::Mapping(
        [(serde_yaml::Value::from("Deep"), schema)]
            .into_iter()
            .collect(),
    );
    Spec {
        files: vec![SourceFile {
            name: "deep.yaml".into(),
            path: PathBuf::from("deep.yaml"),
            value: doc,
            digest: 0,
            anchors: Default::default(),
            dynamic_anchors: Default::default(),
            self_refs: Default::default(),
        }],
        warnings: Vec::new(),
        unread: Vec::new(),
    }
}

#[test]
fn three_hundred_levels_of_inline_nesting_lower_and_emit() {
    let spec = in_memory(nested(300));
    let api = codegen::lower_loaded(&spec, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);
    let krate = codegen::emit::emit(&api, &config()).unwrap_or_else(|e| panic!("{e}"));
    assert!(krate
        .file("src/types.rs")
        .expect("types")
        .contains("::std::vec::Vec<::std::string::String>"));
}

#[test]
fn inline_nesting_past_the_limit_is_a_warning_naming_the_pointer() {
    let spec = in_memory(nested(1500));
    let api = codegen::lower_loaded(&spec, &config()).unwrap_or_else(|e| panic!("{e}"));
    let warning = api
        .warnings
        .iter()
        .find(|w| w.message.contains("nest more than"))
        .unwrap_or_else(|| panic!("no depth warning: {:?}", api.warnings));
    assert!(
        warning
            .location
            .starts_with("deep.yaml#/components/schemas/Deep/"),
        "{warning:?}"
    );
    codegen::emit::emit(&api, &config()).unwrap_or_else(|e| panic!("{e}"));
}
