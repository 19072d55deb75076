//! The IR keeps what users read (defaults, bounds, patterns, formats, deprecation), and
//! rustdoc shows it; deprecated items carry `#[deprecated]` yet the crate builds cleanly.

use std::path::PathBuf;

use codegen::ir::{Api, Constraints, Number, TypeKind};

fn spec() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/names_docs/openapi.yaml")
}

fn ir() -> Api {
    codegen::build_ir(&spec(), &codegen::Config::named("names_docs_client")).unwrap()
}

#[track_caller]
fn field(api: &Api, ty: &str, json: &str) -> codegen::ir::Field {
    let TypeKind::Struct(s) = &api.type_named(ty).unwrap().kind else {
        panic!("{ty} is not a struct")
    };
    s.fields
        .iter()
        .find(|f| f.json_name == json)
        .unwrap()
        .clone()
}

fn generated(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("clients/names_docs/generated/src")
        .join(file);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn defaults_and_numeric_bounds_are_kept_typed() {
    let api = ir();
    let temperature = field(&api, "CompletionRequest", "temperature").constraints;
    assert_eq!(
        temperature,
        Constraints {
            default: Some("0.7".into()),
            minimum: Some(Number::Integer(0)),
            maximum: Some(Number::Integer(2)),
            ..Default::default()
        }
    );
    let top_p = field(&api, "CompletionRequest", "top_p").constraints;
    assert_eq!(top_p.exclusive_minimum, Some(Number::Integer(0)));
    assert_eq!(top_p.minimum, None);
    let n = field(&api, "CompletionRequest", "n").constraints;
    assert_eq!(n.multiple_of, Some(Number::Integer(1)));
    assert_eq!(
        field(&api, "CompletionRequest", "mode")
            .constraints
            .default
            .as_deref(),
        Some("\"fast\"")
    );
}

#[test]
fn length_bounds_patterns_and_formats_are_kept() {
    let api = ir();
    let model = field(&api, "CompletionRequest", "model").constraints;
    assert_eq!(model.max_length, Some(64));
    assert_eq!(model.pattern.as_deref(), Some("^[a-z0-9-]+$"));
    assert_eq!(
        field(&api, "CompletionRequest", "prompt")
            .constraints
            .min_length,
        Some(1)
    );
    assert_eq!(
        field(&api, "CompletionRequest", "stop")
            .constraints
            .max_items,
        Some(4)
    );
    assert_eq!(
        field(&api, "CompletionRequest", "user_id")
            .constraints
            .format
            .as_deref(),
        Some("uuid")
    );
    assert_eq!(
        field(&api, "Completion", "created_at")
            .constraints
            .format
            .as_deref(),
        Some("date-time")
    );
}

#[test]
fn deprecation_is_kept_on_fields_types_and_operations() {
    let api = ir();
    assert!(field(&api, "CompletionRequest", "echo").deprecated);
    assert!(!field(&api, "CompletionRequest", "model").deprecated);
    // A field referring to a deprecated type is not itself deprecated.
    assert!(!field(&api, "Completion", "engine").deprecated);
    assert!(api.type_named("Engine").unwrap().deprecated);
    assert!(!api.type_named("Completion").unwrap().deprecated);
    let op = |id: &str| api.operations.iter().find(|o| o.id == id).unwrap();
    assert!(op("listEngines").deprecated);
    assert!(!op("createCompletion").deprecated);
}

#[test]
fn rustdoc_shows_what_the_spec_says_about_values() {
    let types = generated("types.rs");
    for line in [
        "/// Default: `0.7`. Range: 0 ..= 2.",
        "/// Range: more than 0, at most 1.",
        "/// Default: `1`. Range: 1 ..= 128. Multiple of 1.",
        "/// Length: at most 64. Pattern: `^[a-z0-9-]+$`.",
        "/// Items: at most 4.",
        "/// Format: `uuid`.",
        "/// Default: `\"fast\"`.",
    ] {
        assert!(types.contains(line), "missing {line}");
    }
}

#[test]
fn deprecated_items_carry_the_attribute() {
    let types = generated("types.rs");
    assert!(
        types.contains("#[deprecated]\n    pub echo: ::core::option::Option<bool>,"),
        "{types}"
    );
    assert!(types
        .contains("#[deprecated]\n#[derive(Debug, Clone, PartialEq, Default)]\npub struct Engine"));
    let resources = generated("resources.rs");
    assert_eq!(resources.matches("#[deprecated]").count(), 2, "{resources}");
    assert!(generated("lib.rs").contains("#![allow(deprecated)]"));
}

#[test]
#[allow(deprecated)]
fn deprecated_fields_still_work() {
    let request = names_docs_client::CompletionRequest::new("m", "p").echo(true);
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"model": "m", "prompt": "p", "echo": true})
    );
    let engine: names_docs_client::Engine = serde_json::from_str(r#"{"id": "e"}"#).unwrap();
    assert_eq!(engine.id.as_deref(), Some("e"));
}
