//! Names of inline schemas come from all their users, never repeat a segment, and stay
//! within 40 characters when the spec did not choose them.

use std::path::PathBuf;

use codegen::ir::{Api, TypeKind, TypeRef};

fn ir() -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/names/inline.yaml");
    codegen::build_ir(&path, &codegen::Config::named("fixture")).unwrap_or_else(|e| panic!("{e}"))
}

/// The type of property `prop` of struct `ty`.
#[track_caller]
fn field_type(api: &Api, ty: &str, prop: &str) -> String {
    let def = api.type_named(ty).unwrap_or_else(|| panic!("no type {ty}"));
    let TypeKind::Struct(s) = &def.kind else {
        panic!("{ty} is not a struct");
    };
    let field = s.fields.iter().find(|f| f.json_name == prop).unwrap();
    match &field.ty {
        TypeRef::Named(name) => name.clone(),
        other => panic!("{ty}.{prop} is {other:?}"),
    }
}

#[test]
fn a_shared_inline_shape_is_named_after_what_its_users_share() {
    let api = ir();
    for user in [
        "ChatRequestAssistantMessage",
        "ChatRequestUserMessage",
        "ChatRequestSystemMessage",
    ] {
        assert_eq!(
            field_type(&api, user, "content"),
            "ChatRequestMessageContent"
        );
    }
}

#[test]
fn a_shared_enum_without_common_words_is_named_after_its_values() {
    let api = ir();
    assert_eq!(field_type(&api, "Painting", "finish"), "MatteGloss");
    assert_eq!(field_type(&api, "Photo", "surface"), "MatteGloss");
}

#[test]
fn a_shared_object_without_common_words_is_named_after_its_title() {
    let api = ir();
    assert_eq!(field_type(&api, "Invoice", "payer"), "Party");
    assert_eq!(field_type(&api, "Shipment", "receiver"), "Party");
}

#[test]
fn a_property_repeating_the_parent_tail_does_not_repeat_it() {
    let api = ir();
    assert_eq!(
        field_type(&api, "ChunkingStrategy", "static"),
        "ChunkingStrategyStatic"
    );
    assert_eq!(
        field_type(&api, "InputAudio", "input_audio"),
        "InputAudioDetails"
    );
    assert_eq!(
        field_type(&api, "InputAudioDetails", "format"),
        "InputAudioDetailsFormat"
    );
}

#[test]
fn a_long_chain_keeps_the_nearest_parent_within_40_characters() {
    let api = ir();
    let interpreter = field_type(
        &api,
        "RunStepDeltaStepDetailsToolCallsCodeObject",
        "code_interpreter",
    );
    assert_eq!(interpreter, "ToolCallsCodeObjectCodeInterpreter");
    let def = api.type_named(&interpreter).unwrap();
    let TypeKind::Struct(s) = &def.kind else {
        panic!()
    };
    let TypeRef::List(item) = &s.fields[0].ty else {
        panic!("{:?}", s.fields[0].ty)
    };
    let TypeRef::Named(item) = item.as_ref() else {
        panic!()
    };
    assert!(item.len() <= 40, "{item}");
    assert!(item.ends_with("CodeInterpreterOutputsItem"), "{item}");
    for ty in api.types.iter().filter(|t| !t.is_component()) {
        assert!(
            ty.name.len() <= 40,
            "{} ({} characters)",
            ty.name,
            ty.name.len()
        );
    }
}

#[test]
fn provisional_names_never_reach_the_output() {
    let api = ir();
    for ty in &api.types {
        assert!(
            ty.name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{:?}",
            ty.name
        );
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/names/inline.yaml");
    let krate = codegen::generate(&path, &codegen::Config::named("fixture")).unwrap();
    assert!(krate.files.iter().all(|f| !f.contents.contains('\u{1}')));
}

#[test]
fn a_shared_union_with_differing_titles_is_named_after_what_it_holds() {
    let api = ir();
    assert_eq!(field_type(&api, "Location", "loc"), "IntegerOrString");
    assert_eq!(
        field_type(&api, "Release", "agent_version"),
        "IntegerOrString"
    );
}
