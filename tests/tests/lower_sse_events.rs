//! Lowering of SSE stream items: a union tagged on `event` whose variants carry `data`
//! is marked as dispatched on the SSE event name; OpenAPI 3.2 `itemSchema` and a data
//! `contentSchema` give the item type; other unions are left alone.

use std::path::PathBuf;

use codegen::ir::{Api, Operation, TypeKind, TypeRef};

fn api() -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/sse_event_forms.yaml");
    codegen::build_ir(&path, &codegen::Config::named("fixture")).unwrap()
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.id == id).unwrap()
}

#[test]
fn union_tagged_on_event_with_data_dispatches_on_the_sse_name() {
    let api = api();
    let stream = op(&api, "tagged").stream.as_ref().unwrap();
    assert!(stream.events);
    let TypeRef::Named(name) = &stream.item else {
        panic!("{:?}", stream.item)
    };
    let Some(TypeKind::Tagged(union)) = api.type_named(name).map(|t| &t.kind) else {
        panic!("{name}")
    };
    assert_eq!(union.tag, "event");
    let tags: Vec<&str> = union
        .variants
        .iter()
        .map(|v| v.tag_value.as_str())
        .collect();
    assert_eq!(tags, ["start", "delta"]);
}

#[test]
fn item_schema_with_a_content_schema_is_the_item() {
    let api = api();
    let stream = op(&api, "itemSchema").stream.as_ref().unwrap();
    assert!(!stream.events);
    let TypeRef::Named(name) = &stream.item else {
        panic!("{:?}", stream.item)
    };
    let Some(TypeKind::Struct(s)) = api.type_named(name).map(|t| &t.kind) else {
        panic!("{name}")
    };
    assert_eq!(s.fields.len(), 1);
    assert_eq!(s.fields[0].json_name, "n");
    assert!(s.fields[0].required);
}

#[test]
fn other_unions_are_decoded_from_the_data() {
    let api = api();
    assert!(!op(&api, "plain").stream.as_ref().unwrap().events);
}
