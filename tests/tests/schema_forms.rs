//! Schema forms lowered to real types with no field lost: discriminator-on-base
//! polymorphism, unions inside `allOf`, an empty `oneOf` with a `mapping`, `properties`
//! given by `$ref`, readOnly/writeOnly properties, and discriminator mapping errors.

use std::path::PathBuf;

use codegen::ir::{Api, Struct, TaggedUnion, TypeKind};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/schema")
        .join(name)
}

#[track_caller]
fn ir(name: &str) -> Api {
    codegen::build_ir(&fixture(name), &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[track_caller]
fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.type_named(name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
            panic!("no type {name}; types: {names:?}")
        })
        .kind
}

#[track_caller]
fn structure<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match kind(api, name) {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

#[track_caller]
fn tagged<'a>(api: &'a Api, name: &str) -> &'a TaggedUnion {
    match kind(api, name) {
        TypeKind::Tagged(u) => u,
        other => panic!("{name} is not a tagged union: {other:?}"),
    }
}

#[test]
fn forms_ir_snapshot() {
    let api = ir("forms.yaml");
    insta::assert_yaml_snapshot!("schema_forms_ir", api.types);
}

#[test]
fn a_discriminated_base_is_a_tagged_union_of_its_subtypes_wherever_used() {
    let api = ir("forms.yaml");
    let pet = tagged(&api, "Pet");
    assert_eq!(pet.tag, "pet_type");
    let arms: Vec<(&str, &str)> = pet
        .variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.ty.as_str()))
        .collect();
    // Tags from the mapping; the concrete base is an arm; a subtype of a subtype that
    // the mapping does not list is tagged by its schema name.
    assert_eq!(
        arms,
        [
            ("cat", "Cat"),
            ("dog", "Dog"),
            ("pet", "PetBase"),
            ("Puppy", "Puppy")
        ]
    );
    // Subtypes hold the base's fields and their own; the mapped tag is a constant.
    let dog = structure(&api, "Dog");
    let fields: Vec<&str> = dog.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(fields, ["name", "bark"]);
    assert_eq!(dog.constants[0].json_name, "pet_type");
    let owner = structure(&api, "Owner");
    assert_eq!(
        owner.fields[0].ty,
        codegen::ir::TypeRef::Named("Pet".into())
    );
}

#[test]
fn a_base_without_mapping_tags_subtypes_by_schema_name() {
    let api = ir("forms.yaml");
    let shape = tagged(&api, "Shape");
    let tags: Vec<&str> = shape
        .variants
        .iter()
        .map(|v| v.tag_value.as_str())
        .collect();
    assert_eq!(tags, ["Circle", "Square"]);
    let circle = structure(&api, "Circle");
    let fields: Vec<&str> = circle.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(fields, ["kind", "radius"]);
}

#[test]
fn a_union_inside_all_of_is_a_union_of_merged_objects() {
    let api = ir("forms.yaml");
    let event = tagged(&api, "Event");
    assert_eq!(event.tag, "kind");
    let click = structure(&api, &event.variants[0].ty);
    let fields: Vec<&str> = click.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(fields, ["id", "created", "x"]);
    // An allOf with a $ref to a oneOf: each arm gains the other parts' fields.
    let noted = tagged(&api, "NotedPayment");
    let tags: Vec<&str> = noted
        .variants
        .iter()
        .map(|v| v.tag_value.as_str())
        .collect();
    assert_eq!(tags, ["card", "bank"]);
    let card = structure(&api, &noted.variants[0].ty);
    let fields: Vec<&str> = card.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(fields, ["method", "number", "note"]);
    assert!(
        !api.warnings
            .iter()
            .any(|w| w.message.contains("union inside allOf")),
        "{:?}",
        api.warnings
    );
}

#[test]
fn an_empty_one_of_with_a_mapping_is_a_union_of_the_mapped_schemas() {
    let api = ir("forms.yaml");
    let animal = tagged(&api, "Animal");
    let arms: Vec<(&str, &str)> = animal
        .variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.ty.as_str()))
        .collect();
    assert_eq!(arms, [("cat", "Cat"), ("dog", "Dog")]);
}

#[test]
fn properties_given_by_ref_are_the_real_fields() {
    let api = ir("forms.yaml");
    let settings = structure(&api, "Settings");
    let fields: Vec<&str> = settings
        .fields
        .iter()
        .map(|f| f.json_name.as_str())
        .collect();
    assert_eq!(fields, ["id", "created"]);
}

#[test]
fn read_only_and_write_only_properties_are_optional_whatever_required_says() {
    let api = ir("forms.yaml");
    let account = structure(&api, "Account");
    let required: Vec<(&str, bool)> = account
        .fields
        .iter()
        .map(|f| (f.json_name.as_str(), f.required))
        .collect();
    assert_eq!(
        required,
        [("id", false), ("name", true), ("password", false)]
    );
}

#[test]
fn forms_code_snapshot() {
    let api = ir("forms.yaml");
    let code = codegen::emit::emit_types(&api).unwrap_or_else(|err| panic!("{err}"));
    insta::assert_snapshot!("schema_forms_code", code);
}

#[test]
fn a_mapping_value_naming_a_missing_schema_is_an_error_naming_the_entry() {
    for name in ["bad/mapping_typo.yaml", "bad/mapping_typo_base.yaml"] {
        let err = codegen::build_ir(&fixture(name), &codegen::Config::named("fixture"))
            .err()
            .unwrap_or_else(|| panic!("{name}: no error"));
        let text = err.to_string();
        assert!(
            text.contains("/discriminator/mapping/dog") && text.contains("Dgo"),
            "{name}: {text}"
        );
    }
}

#[test]
fn integers_above_i64_max_are_u64() {
    use codegen::ir::{IntFormat, TypeRef};
    let api = ir("ints_and_refs.yaml");
    assert_eq!(
        kind(&api, "BigEnum"),
        &TypeKind::Alias(TypeRef::Integer(IntFormat::U64))
    );
    let counters = structure(&api, "Counters");
    assert_eq!(counters.fields[0].ty, TypeRef::Integer(IntFormat::U64));
    assert_eq!(counters.fields[1].ty, TypeRef::Integer(IntFormat::I64));
}

#[test]
fn a_ref_with_constraining_siblings_keeps_them_and_annotations_only_document() {
    use codegen::ir::TypeRef;
    let api = ir("ints_and_refs.yaml");
    let holder = structure(&api, "Holder");
    let TypeRef::Named(extended) = &holder.fields[0].ty else {
        panic!("extended is {:?}", holder.fields[0].ty)
    };
    let extended = structure(&api, extended);
    let fields: Vec<(&str, bool)> = extended
        .fields
        .iter()
        .map(|f| (f.json_name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("id", false), ("label", true)]);
    assert_eq!(holder.fields[1].ty, TypeRef::Named("Base".into()));
    assert_eq!(
        holder.fields[1].docs.as_deref(),
        Some("Only documents the reference.")
    );
}

#[test]
fn ints_and_refs_ir_snapshot() {
    let api = ir("ints_and_refs.yaml");
    insta::assert_yaml_snapshot!("schema_ints_and_refs_ir", api.types);
}

#[test]
fn a_subtype_repeating_its_bases_discriminator_stays_a_struct() {
    let api = ir("forms.yaml");
    let vehicle = tagged(&api, "Vehicle");
    assert_eq!(vehicle.variants[0].ty, "Car");
    let car = structure(&api, "Car");
    assert_eq!(car.constants[0].json_name, "kind");
    assert_eq!(car.fields[0].json_name, "wheels");
}

#[test]
fn a_discriminator_on_an_all_of_tags_its_union_part() {
    let api = ir("forms.yaml");
    let notice = tagged(&api, "Notice");
    assert_eq!(notice.tag, "method");
    let tags: Vec<&str> = notice
        .variants
        .iter()
        .map(|v| v.tag_value.as_str())
        .collect();
    assert_eq!(tags, ["card", "bank"]);
    let card = structure(&api, &notice.variants[0].ty);
    let fields: Vec<&str> = card.fields.iter().map(|f| f.json_name.as_str()).collect();
    assert_eq!(fields, ["id", "created", "method", "number"]);
}

#[test]
fn identical_inline_unions_in_any_arm_order_are_one_type() {
    let api = ir("union_dedupe.yaml");
    let first = &structure(&api, "First").fields[0].ty;
    let second = &structure(&api, "Second").fields[0].ty;
    assert_eq!(first, second);
}

#[test]
fn an_enum_takes_its_declared_type_and_format_whatever_its_values_look_like() {
    use codegen::ir::{IntFormat, TypeRef};
    let api = ir("enum_types.yaml");
    let thing = structure(&api, "Thing");
    let field = |name: &str| {
        let f = thing.fields.iter().find(|f| f.json_name == name).unwrap();
        match &f.ty {
            TypeRef::Nullable(inner) => (**inner).clone(),
            ty => ty.clone(),
        }
    };
    let values_of = |ty: TypeRef| {
        let TypeRef::Named(name) = ty else {
            panic!("{ty:?} is no named enum")
        };
        match kind(&api, &name) {
            TypeKind::Enum(e) => e.values.iter().map(|v| v.json.clone()).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(values_of(field("version")), ["1", "2.5", "3"]);
    assert_eq!(values_of(field("toggle")), ["true", "off"]);
    assert_eq!(values_of(field("fixed")), ["7"]);
    assert_eq!(field("small"), TypeRef::Integer(IntFormat::I32));
    assert_eq!(field("ratio"), TypeRef::Number);
    assert_eq!(field("odd"), TypeRef::Integer(IntFormat::I64));
    assert_eq!(field("flag"), TypeRef::Bool);
    assert_eq!(field("loose"), TypeRef::Integer(IntFormat::I64));
    assert_eq!(field("mixed"), TypeRef::Any);
    // Each value that needed reading another way is a warning at its own pointer.
    let warned = |pointer: &str, needle: &str| {
        assert!(
            api.warnings
                .iter()
                .any(|w| w.location.ends_with(pointer) && w.message.contains(needle)),
            "no warning at {pointer} with {needle:?}: {:#?}",
            api.warnings
        )
    };
    let at = "#/components/schemas/Thing/properties/";
    warned(&format!("{at}version/enum/0"), "read as the string \"1\"");
    warned(&format!("{at}version/enum/1"), "\"2.5\"");
    warned(
        &format!("{at}toggle/enum/0"),
        "a boolean in an enum of `type: string`",
    );
    warned(&format!("{at}fixed/const"), "\"7\"");
    warned(
        &format!("{at}odd/enum/1"),
        "a string in an enum of integers",
    );
    assert_eq!(api.warnings.len(), 5, "{:#?}", api.warnings);
}
