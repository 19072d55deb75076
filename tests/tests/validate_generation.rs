//! What `validate()` generation emits: 3.0-style boolean exclusive bounds, a pattern the
//! `regex` crate cannot express (a warning naming its pointer, and no check), no impl
//! for types without bounds or that no request reaches, bounds whose values say nothing
//! (a warning at each keyword, and no check), self-referential `items`
//! without a hang, and the `regex` dependency only where a pattern is checked.

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn generate(name: &str) -> codegen::emit::Crate {
    codegen::generate(&fixture(name), &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[test]
fn openapi_30_boolean_exclusive_bounds_are_exclusive() {
    let api = codegen::build_ir(
        &fixture("validate_30.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    let item = api.type_named("Item").unwrap();
    let codegen::ir::TypeKind::Struct(s) = &item.kind else {
        panic!("Item is a struct");
    };
    let ratio = s.fields.iter().find(|f| f.json_name == "ratio").unwrap();
    assert_eq!(
        ratio.constraints.exclusive_maximum,
        Some(codegen::ir::Number::Integer(1))
    );
    assert_eq!(ratio.constraints.maximum, None);
    let query = api.type_named("CreateItemQuery").unwrap();
    let codegen::ir::TypeKind::Struct(q) = &query.kind else {
        panic!("the query is a struct");
    };
    assert_eq!(
        q.fields[0].constraints.exclusive_minimum,
        Some(codegen::ir::Number::Integer(0))
    );
}

#[test]
fn an_unsupported_pattern_is_a_warning_and_not_checked() {
    let api = codegen::build_ir(
        &fixture("validate_30.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    let warning = api
        .warnings
        .iter()
        .find(|w| w.message.contains("`pattern`"))
        .expect("a warning for the lookahead pattern");
    assert!(
        warning
            .location
            .ends_with("#/components/schemas/Item/properties/code"),
        "{warning:?}"
    );
    assert!(
        warning.message.contains("`^(?!tmp-)[a-z-]+$`"),
        "{warning:?}"
    );
    let krate = generate("validate_30.yaml");
    let validation = krate.file("src/validation.rs").unwrap();
    assert!(!validation.contains("__v.pattern"), "{validation}");
    assert!(!krate.file("Cargo.toml").unwrap().contains("regex"));
}

#[test]
fn a_bound_whose_value_says_nothing_is_a_warning_at_its_keyword_and_left_out() {
    let api = codegen::build_ir(
        &fixture("unusable_bounds.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    let at = |pointer: &str| {
        api.warnings
            .iter()
            .find(|w| {
                w.location
                    .ends_with(&format!("#/components/schemas/R/properties/{pointer}"))
            })
            .unwrap_or_else(|| panic!("no warning at {pointer}: {:#?}", api.warnings))
            .message
            .clone()
    };
    assert!(at("c/minimum").contains("\"1e400\", not a finite number; ignored"));
    assert!(at("c/maximum").contains("not a finite number"));
    assert!(at("c/multipleOf").contains("not above 0"));
    assert!(at("d/maxLength").contains("-1, not a whole number from 0 up"));
    assert!(at("d/minLength").contains("1.5"));
    assert!(at("d/pattern").contains("not a string"));
    assert!(at("e/maxItems").contains("\"3\""));
    assert!(at("e/items/exclusiveMinimum").contains("neither a finite number nor a boolean"));
    let infinite = api
        .warnings
        .iter()
        .find(|w| w.location.ends_with("#/components/schemas/N/maximum"))
        .expect("a warning for `maximum: .inf`");
    assert!(
        infinite.message.contains("not a finite number"),
        "{infinite:?}"
    );
    let item = api.type_named("R").unwrap();
    let codegen::ir::TypeKind::Struct(s) = &item.kind else {
        panic!("R is a struct");
    };
    for field in &s.fields {
        let c = &field.constraints;
        assert!(
            c.minimum.is_none() && c.maximum.is_none() && c.multiple_of.is_none(),
            "{}: {c:?}",
            field.json_name
        );
        assert!(c.max_length.is_none() && c.min_length.is_none() && c.pattern.is_none());
    }
    // The generated crate has nothing to check, and says so by having no module for it.
    assert!(generate("unusable_bounds.yaml")
        .file("src/validation.rs")
        .is_none());
}

#[test]
fn only_bounded_request_types_get_an_impl() {
    let krate = generate("validate_30.yaml");
    let validation = krate.file("src/validation.rs").unwrap();
    insta::assert_snapshot!("validate_30_validation", validation);
    assert!(validation.contains("for crate::types::Item "));
    assert!(validation.contains("for crate::types::CreateItemQuery "));
    // A recursive type checks its own children.
    assert!(validation.contains("for crate::types::Tree "));
    // No bounds: no impl. Only in a response: no impl.
    assert!(!validation.contains("types::Plain "), "{validation}");
    assert!(!validation.contains("types::Answer "), "{validation}");
    assert!(krate
        .file("src/lib.rs")
        .unwrap()
        .contains("mod validation;"));
}

#[test]
fn a_crate_without_bounds_has_no_validation_module() {
    let krate = generate("operation.yaml");
    assert!(krate.file("src/validation.rs").is_none());
    assert!(!krate
        .file("src/lib.rs")
        .unwrap()
        .contains("mod validation;"));
    assert!(!krate
        .file("src/resources.rs")
        .unwrap()
        .contains("validates"));
    assert!(!krate.file("Cargo.toml").unwrap().contains("regex"));
}
