//! Which response is *the* response (`codegen/src/lower/responses.rs`): JSON is
//! preferred over other media types and over bodiless statuses, `204` never has a
//! body, a `default`-only JSON response is the success shape, and the choice does not
//! depend on key order or letter case. Several success shapes are an outcome enum.

use std::path::{Path, PathBuf};

use codegen::ir::{Api, ResponseKind, StatusKey, TypeRef};
use serde_yaml::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/responses.yaml")
}

fn ir(path: &Path) -> Api {
    codegen::build_ir(path, &codegen::Config::named("responses")).expect("builds")
}

fn response<'a>(api: &'a Api, id: &str) -> &'a ResponseKind {
    let op = api
        .operations
        .iter()
        .find(|op| op.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"));
    op.response.as_ref().expect("a plain response")
}

fn thing() -> ResponseKind {
    ResponseKind::Json(TypeRef::Named("Thing".into()))
}

#[test]
fn json_wins_over_bodiless_statuses_and_other_media_types() {
    let api = ir(&fixture());
    assert_eq!(response(&api, "acceptedFirst"), &thing());
    assert_eq!(response(&api, "textFirst"), &thing());
    assert_eq!(response(&api, "mixedCase"), &thing());
    assert_eq!(response(&api, "range"), &thing());
}

#[test]
fn no_content_never_returns_a_body_and_default_only_is_the_success_shape() {
    let api = ir(&fixture());
    assert_eq!(response(&api, "noContent"), &ResponseKind::Empty);
    assert_eq!(response(&api, "defaultOnly"), &thing());
    assert_eq!(response(&api, "errorsOnly"), &ResponseKind::Empty);
}

#[test]
fn text_is_a_string_and_binary_is_bytes() {
    let api = ir(&fixture());
    assert_eq!(response(&api, "text"), &ResponseKind::Text);
    assert_eq!(response(&api, "binary"), &ResponseKind::Bytes);
}

#[test]
fn two_success_shapes_are_an_outcome_enum_chosen_by_status() {
    let api = ir(&fixture());
    let ResponseKind::Outcomes(outcomes) = response(&api, "twoShapes") else {
        panic!("{:?}", response(&api, "twoShapes"));
    };
    assert_eq!(outcomes.name, "TwoShapesResponse");
    let variants: Vec<(&str, StatusKey, Option<&TypeRef>)> = outcomes
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.status, v.body.as_ref()))
        .collect();
    assert_eq!(
        variants,
        [
            (
                "Ok",
                StatusKey::Code(200),
                Some(&TypeRef::Named("Thing".into()))
            ),
            (
                "Created",
                StatusKey::Code(201),
                Some(&TypeRef::Named("Other".into()))
            ),
        ]
    );
    assert!(api.warnings.is_empty(), "{:#?}", api.warnings);
}

/// Reverses every mapping under `responses` and `content` and upper-cases media types.
fn scramble(value: &mut Value, under: Option<&str>) {
    match value {
        Value::Mapping(map) => {
            let entries: Vec<(Value, Value)> = std::mem::take(map).into_iter().collect();
            let reverse = matches!(under, Some("responses" | "content"));
            let iter: Box<dyn Iterator<Item = (Value, Value)>> = if reverse {
                Box::new(entries.into_iter().rev())
            } else {
                Box::new(entries.into_iter())
            };
            for (key, mut child) in iter {
                let name = key.as_str().map(str::to_string);
                scramble(&mut child, name.as_deref());
                let key = match (under, &name) {
                    (Some("content"), Some(media)) => Value::String(media.to_uppercase()),
                    _ => key,
                };
                map.insert(key, child);
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| scramble(v, None)),
        _ => {}
    }
}

#[test]
fn the_choice_does_not_depend_on_key_order_or_letter_case() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let mut doc: Value = serde_yaml::from_str(&text).unwrap();
    scramble(&mut doc, None);
    let dir = std::env::temp_dir().join(format!("responses-selection-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let scrambled = dir.join("responses.yaml");
    std::fs::write(&scrambled, serde_yaml::to_string(&doc).unwrap()).unwrap();

    let (plain, mixed) = (ir(&fixture()), ir(&scrambled));
    for op in &plain.operations {
        assert_eq!(
            response(&mixed, &op.id),
            op.response.as_ref().unwrap(),
            "{}",
            op.id
        );
    }
    assert!(mixed.warnings.is_empty(), "{:#?}", mixed.warnings);
}
