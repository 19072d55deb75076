//! The IR built from one small fixture per construct: targeted assertions on what each
//! construct must become, plus a YAML snapshot of the whole `Api` for review.

use std::collections::BTreeSet;
use std::path::PathBuf;

use codegen::ir::{
    Api, Extra, Field, IntFormat, KeyLocation, Literal, Operation, ResponseKind, SchemeKind, Shape,
    StreamFraming, Struct, TaggedUnion, TypeKind, TypeRef, UntaggedUnion,
};

// ---------------------------------------------------------------- helpers

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

#[track_caller]
fn ir(name: &str) -> Api {
    codegen::build_ir(&fixture(name), &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// Every fixture that describes valid constructs (the `bad/` ones are not here).
const FIXTURES: &[&str] = &[
    "discriminator_mapping.yaml",
    "discriminator_no_mapping.yaml",
    "inferred_tag.yaml",
    "untagged.yaml",
    "nested_unions.yaml",
    "all_of.yaml",
    "nullable_30.yaml",
    "nullable_31.yaml",
    "mixed_nullability.yaml",
    "additional_properties.yaml",
    "recursion.yaml",
    "integer_formats.yaml",
    "constants.yaml",
    "name_collisions.yaml",
    "keywords.yaml",
    "open_enum.yaml",
    "multi/api.yaml",
    "operation.yaml",
];

#[track_caller]
fn kind<'a>(api: &'a Api, name: &str) -> &'a TypeKind {
    &api.type_named(name)
        .unwrap_or_else(|| panic!("no type {name}; types: {:?}", names(api)))
        .kind
}

fn names(api: &Api) -> Vec<&str> {
    api.types.iter().map(|t| t.name.as_str()).collect()
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

#[track_caller]
fn untagged<'a>(api: &'a Api, name: &str) -> &'a UntaggedUnion {
    match kind(api, name) {
        TypeKind::Untagged(u) => u,
        other => panic!("{name} is not an untagged union: {other:?}"),
    }
}

#[track_caller]
fn enum_values(api: &Api, name: &str) -> Vec<String> {
    match kind(api, name) {
        TypeKind::Enum(e) => e.values.iter().map(|v| v.json.clone()).collect(),
        other => panic!("{name} is not an enum: {other:?}"),
    }
}

#[track_caller]
fn alias<'a>(api: &'a Api, name: &str) -> &'a TypeRef {
    match kind(api, name) {
        TypeKind::Alias(ty) => ty,
        other => panic!("{name} is not an alias: {other:?}"),
    }
}

#[track_caller]
fn field<'a>(s: &'a Struct, json_name: &str) -> &'a Field {
    s.fields
        .iter()
        .find(|f| f.json_name == json_name)
        .unwrap_or_else(|| panic!("no field {json_name} in {s:#?}"))
}

fn field_names(s: &Struct) -> Vec<&str> {
    s.fields.iter().map(|f| f.json_name.as_str()).collect()
}

/// The name of the named type `ty` refers to.
#[track_caller]
fn named(ty: &TypeRef) -> &str {
    match ty {
        TypeRef::Named(name) => name,
        other => panic!("not a named type: {other:?}"),
    }
}

fn n(name: &str) -> TypeRef {
    TypeRef::Named(name.to_string())
}

fn list(ty: TypeRef) -> TypeRef {
    TypeRef::List(Box::new(ty))
}

fn map(ty: TypeRef) -> TypeRef {
    TypeRef::Map(Box::new(ty))
}

fn nullable(ty: TypeRef) -> TypeRef {
    TypeRef::Nullable(Box::new(ty))
}

/// `(tag value, carried type, inject_tag)` of each variant.
fn variants(u: &TaggedUnion) -> Vec<(&str, &str, bool)> {
    u.variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.ty.as_str(), v.inject_tag))
        .collect()
}

#[track_caller]
fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|op| op.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

/// Every named type a type expression mentions.
fn mentioned<'a>(ty: &'a TypeRef, out: &mut Vec<&'a str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            mentioned(inner, out)
        }
        _ => {}
    }
}

/// Every named type each type or operation mentions.
fn references(api: &Api) -> Vec<(String, Vec<&str>)> {
    let mut out = Vec::new();
    for def in &api.types {
        let mut refs = Vec::new();
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| mentioned(&f.ty, &mut refs));
                if let Extra::Typed(ty) = &s.extra {
                    mentioned(ty, &mut refs);
                }
            }
            TypeKind::Tagged(u) => refs.extend(u.variants.iter().map(|v| v.ty.as_str())),
            TypeKind::Untagged(u) => u.variants.iter().for_each(|v| mentioned(&v.ty, &mut refs)),
            TypeKind::Alias(ty) => mentioned(ty, &mut refs),
            TypeKind::Enum(_) => {}
        }
        out.push((def.name.clone(), refs));
    }
    for op in &api.operations {
        let mut refs = Vec::new();
        op.path_params
            .iter()
            .for_each(|p| mentioned(&p.ty, &mut refs));
        refs.extend(op.query.as_deref());
        if let Some(ty) = op.body.as_ref().and_then(|b| b.value_type()) {
            mentioned(ty, &mut refs);
        }
        if let Some(ResponseKind::Json(ty)) = &op.response {
            mentioned(ty, &mut refs);
        }
        if let Some(stream) = &op.stream {
            mentioned(&stream.item, &mut refs);
        }
        out.push((format!("operation {}", op.id), refs));
    }
    out
}

/// Types that are neither component schemas nor reachable from one or from an operation.
fn unused_types(api: &Api) -> Vec<String> {
    let used: BTreeSet<&str> = references(api)
        .into_iter()
        .flat_map(|(_, refs)| refs)
        .collect();
    api.types
        .iter()
        .filter(|t| {
            let pointer = t.source.split_once('#').map_or("", |(_, p)| p);
            let component =
                pointer.starts_with("/components/schemas/") && pointer.matches('/').count() == 3;
            !component
        })
        .filter(|t| !used.contains(t.name.as_str()))
        .map(|t| format!("{} ({})", t.name, t.source))
        .collect()
}

// ---------------------------------------------------------------- invariants

#[test]
fn every_fixture_builds_without_warnings() {
    for name in FIXTURES {
        let api = ir(name);
        assert!(api.warnings.is_empty(), "{name}: {:#?}", api.warnings);
    }
}

#[test]
fn type_names_are_unique_and_every_named_reference_resolves() {
    for name in FIXTURES {
        let api = ir(name);
        let mut seen = BTreeSet::new();
        for def in &api.types {
            assert!(seen.insert(def.name.as_str()), "{name}: {} twice", def.name);
        }
        for (owner, refs) in references(&api) {
            for r in refs {
                assert!(
                    seen.contains(r),
                    "{name}: {owner} refers to {r}, which is not a type"
                );
            }
        }
    }
}

#[test]
fn inline_types_are_all_used() {
    for name in FIXTURES.iter().filter(|f| **f != "open_enum.yaml") {
        let unused = unused_types(&ir(name));
        assert!(unused.is_empty(), "{name}: unused types {unused:?}");
    }
}

// ---------------------------------------------------------------- unions

#[test]
fn discriminator_mapping_keys_are_the_tag_values() {
    let api = ir("discriminator_mapping.yaml");
    let pet = tagged(&api, "Pet");
    assert_eq!(pet.tag, "pet_type");
    let tags: Vec<(&str, &str)> = variants(pet).iter().map(|v| (v.0, v.1)).collect();
    assert_eq!(
        tags,
        [
            ("cat", "Feline"),
            ("dog", "Dog"),
            ("lizard", "Lizard"),
            ("gecko", "Lizard")
        ]
    );
    // Lizard does not declare the tag: the union must write it.
    assert!(pet
        .variants
        .iter()
        .filter(|v| v.ty == "Lizard")
        .all(|v| v.inject_tag));
    // Feline fixes the tag itself, as a constant rather than a field.
    let feline = structure(&api, "Feline");
    assert_eq!(field_names(feline), ["name", "indoor"]);
    assert_eq!(feline.constants[0].json_name, "pet_type");
    assert_eq!(feline.constants[0].value, Literal::String("cat".into()));
    insta::assert_yaml_snapshot!("discriminator_mapping", api);
}

/// `Dog` declares `pet_type` as a plain string. Inside `Pet` its tag can only be `dog`,
/// so the union must write it: otherwise `Pet::Dog(Dog::new("cat", ..))` serializes as
/// a cat and decodes back as `Pet::Cat`.
#[test]
fn discriminator_arm_declaring_its_tag_as_a_plain_string_gets_the_tag_from_the_union() {
    let api = ir("discriminator_mapping.yaml");
    let pet = tagged(&api, "Pet");
    let dog = pet.variants.iter().find(|v| v.tag_value == "dog").unwrap();
    assert!(
        dog.inject_tag,
        "Pet::Dog must write `pet_type: dog` itself: {dog:?}"
    );
}

#[test]
fn discriminator_without_mapping_takes_tags_from_each_arm() {
    let api = ir("discriminator_no_mapping.yaml");
    let shape = tagged(&api, "Shape");
    assert_eq!(shape.tag, "kind");
    assert_eq!(
        variants(shape),
        [
            ("circle", "Circle", false),
            ("square", "Square", false),
            // No constant: the schema name is the implicit mapping, and the union writes it.
            ("Triangle", "Triangle", true),
        ]
    );
    for name in ["Circle", "Square"] {
        let s = structure(&api, name);
        assert!(
            s.fields.iter().all(|f| f.json_name != "kind"),
            "{name}: {s:?}"
        );
        assert_eq!(s.constants.len(), 1, "{name}: {s:?}");
    }
    insta::assert_yaml_snapshot!("discriminator_no_mapping", api);
}

#[test]
fn tag_is_inferred_from_the_property_every_arm_fixes_to_a_different_value() {
    let api = ir("inferred_tag.yaml");
    let event = tagged(&api, "Event");
    assert_eq!(event.tag, "type", "`object` is fixed too, but not distinct");
    let tags: Vec<&str> = variants(event).iter().map(|v| v.0).collect();
    assert_eq!(tags, ["event.created", "event.deleted", "event.failed"]);
    assert!(event.variants.iter().all(|v| !v.inject_tag));
    // The inline arm became a struct whose constants are `object` and `type`.
    let failed = &event.variants[2].ty;
    let s = structure(&api, failed);
    assert_eq!(field_names(s), ["reason"]);
    let constants: Vec<&str> = s.constants.iter().map(|c| c.json_name.as_str()).collect();
    assert_eq!(constants, ["object", "type"]);
    insta::assert_yaml_snapshot!("inferred_tag", api);
}

#[test]
fn untagged_unions_are_told_apart_by_json_shape() {
    let api = ir("untagged.yaml");
    let input = untagged(&api, "Input");
    let shapes: Vec<&Shape> = input.variants.iter().map(|v| &v.shape).collect();
    assert_eq!(
        shapes,
        [
            &Shape::String,
            &Shape::Array,
            &Shape::Object {
                required: vec!["text".into()]
            }
        ]
    );
    assert_eq!(input.variants[1].ty, list(TypeRef::String));

    // Most specific JSON kind first.
    let scalar = untagged(&api, "Scalar");
    let tys: Vec<&TypeRef> = scalar.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(
        tys,
        [
            &TypeRef::Bool,
            &TypeRef::Integer(IntFormat::I64),
            &TypeRef::Number,
            &TypeRef::String
        ]
    );

    let titled = untagged(&api, "Titled");
    let names: Vec<&str> = titled
        .variants
        .iter()
        .map(|v| v.rust_name.as_str())
        .collect();
    assert_eq!(names, ["PlainText", "TokenIds"]);

    // The object with more required keys is tried first.
    let objects = untagged(&api, "Objects");
    let tys: Vec<&TypeRef> = objects.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(tys, [&n("ById"), &n("ByName")]);
    insta::assert_yaml_snapshot!("untagged", api);
}

#[test]
fn union_in_an_array_in_a_union_keeps_both_unions() {
    let api = ir("nested_unions.yaml");
    let content = untagged(&api, "Content");
    let tys: Vec<&TypeRef> = content.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(tys, [&TypeRef::String, &list(n("Part")), &n("Part")]);
    assert_eq!(tagged(&api, "Part").tag, "type");

    let prompt = untagged(&api, "Prompt");
    assert_eq!(prompt.variants.len(), 2);
    let TypeRef::List(item) = &prompt.variants[1].ty else {
        panic!("{prompt:?}")
    };
    let item = untagged(&api, named(item));
    let tys: Vec<&TypeRef> = item.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(
        tys,
        [&TypeRef::String, &list(TypeRef::Integer(IntFormat::I64))]
    );
    insta::assert_yaml_snapshot!("nested_unions", api);
}

#[test]
fn string_and_enum_arms_collapse_into_one_open_enum() {
    let api = ir("open_enum.yaml");
    assert_eq!(enum_values(&api, "Model"), ["gpt-4o", "gpt-4o-mini"]);
    assert_eq!(enum_values(&api, "Voice"), ["alloy", "echo"]);
    let mixed = untagged(&api, "ModelOrNumber");
    assert_eq!(mixed.variants.len(), 2, "{mixed:?}");
    assert_eq!(mixed.variants[0].ty, TypeRef::Integer(IntFormat::I64));
    assert_eq!(
        enum_values(&api, named(&mixed.variants[1].ty)),
        ["small", "large"]
    );
    insta::assert_yaml_snapshot!("open_enum", api);
}

#[test]
fn collapsed_string_arms_leave_no_unused_types() {
    let unused = unused_types(&ir("open_enum.yaml"));
    assert!(unused.is_empty(), "unused types {unused:?}");
}

// ---------------------------------------------------------------- objects

#[test]
fn all_of_merges_references_inline_parts_and_nested_all_of() {
    let api = ir("all_of.yaml");
    let named_ = structure(&api, "Named");
    assert_eq!(field_names(named_), ["id", "created", "name"]);
    assert!(field(named_, "id").required && field(named_, "name").required);
    assert!(!field(named_, "created").required);

    let deep = structure(&api, "Deep");
    assert_eq!(
        field_names(deep),
        ["id", "created", "name", "updated", "archived"]
    );
    assert!(field(deep, "updated").required);

    let overriding = structure(&api, "Overriding");
    assert_eq!(field(overriding, "id").ty, TypeRef::Integer(IntFormat::I64));

    let own = structure(&api, "WithOwnProperties");
    let mut own_fields = field_names(own);
    own_fields.sort();
    assert_eq!(own_fields, ["created", "id", "label"]);
    assert!(field(own, "label").required && field(own, "id").required);

    // `allOf: [$ref]` with a description is just the reference.
    assert_eq!(field(structure(&api, "Holder"), "base").ty, n("Base"));
    assert_eq!(api.types.len(), 7, "no extra types: {:?}", names(&api));
    insta::assert_yaml_snapshot!("all_of", api);
}

/// `(required, nullable, type)` of a field.
fn shape_of(s: &Struct, json_name: &str) -> (bool, bool, TypeRef) {
    let f = field(s, json_name);
    (f.required, f.nullable, f.ty.clone())
}

#[test]
fn nullable_in_openapi_3_0_form() {
    let api = ir("nullable_30.yaml");
    let record = structure(&api, "Record");
    assert_eq!(
        shape_of(record, "req_nullable"),
        (true, true, TypeRef::String)
    );
    assert_eq!(
        shape_of(record, "req_plain"),
        (true, false, TypeRef::String)
    );
    let int = TypeRef::Integer(IntFormat::I64);
    assert_eq!(shape_of(record, "opt_nullable"), (false, true, int.clone()));
    assert_eq!(shape_of(record, "opt_plain"), (false, false, int));
    assert_eq!(
        shape_of(record, "req_nullable_ref"),
        (true, true, n("Inner"))
    );
    assert_eq!(
        shape_of(record, "opt_nullable_ref"),
        (false, true, n("Inner"))
    );
    assert_eq!(
        shape_of(record, "req_nullable_list"),
        (true, true, list(TypeRef::String))
    );
    assert_eq!(
        shape_of(record, "nullable_items"),
        (false, false, list(nullable(TypeRef::String)))
    );
    let (required, is_nullable, ty) = shape_of(record, "nullable_enum");
    assert!(!required && is_nullable);
    assert_eq!(enum_values(&api, named(&ty)), ["low", "high"]);
    assert_eq!(
        shape_of(record, "nullable_component"),
        (false, true, n("MaybeName"))
    );
    insta::assert_yaml_snapshot!("nullable_30", api);
}

#[test]
fn nullable_in_openapi_3_1_forms() {
    let api = ir("nullable_31.yaml");
    let record = structure(&api, "Record");
    assert_eq!(shape_of(record, "type_list"), (true, true, TypeRef::String));
    assert_eq!(
        shape_of(record, "opt_type_list"),
        (false, true, TypeRef::Integer(IntFormat::I64))
    );
    assert_eq!(shape_of(record, "any_of_null"), (true, true, n("Inner")));
    assert_eq!(
        shape_of(record, "opt_any_of_null"),
        (false, true, n("Inner"))
    );
    assert_eq!(
        shape_of(record, "one_of_null"),
        (true, true, TypeRef::Integer(IntFormat::I32))
    );
    let (required, is_nullable, ty) = shape_of(record, "enum_null");
    assert!(required && is_nullable);
    assert_eq!(enum_values(&api, named(&ty)), ["low", "high"]);
    let (required, is_nullable, ty) = shape_of(record, "union_or_null");
    assert!(required && is_nullable);
    assert_eq!(untagged(&api, named(&ty)).variants.len(), 2);
    assert_eq!(
        shape_of(record, "items_nullable"),
        (
            false,
            false,
            list(nullable(TypeRef::Integer(IntFormat::I64)))
        )
    );
    assert_eq!(
        shape_of(record, "nullable_component"),
        (false, true, n("MaybeName"))
    );
    insta::assert_yaml_snapshot!("nullable_31", api);
}

#[test]
fn nullable_forms_of_3_0_and_3_1_mix_in_one_document() {
    let api = ir("mixed_nullability.yaml");
    let chunk = structure(&api, "Chunk");
    assert_eq!(shape_of(chunk, "usage"), (true, true, n("Usage")));
    let (required, is_nullable, ty) = shape_of(chunk, "finish_reason");
    assert!(required && is_nullable);
    assert_eq!(enum_values(&api, named(&ty)), ["stop", "length"]);
    assert_eq!(
        shape_of(chunk, "logprobs"),
        (true, true, list(TypeRef::Number))
    );
    assert_eq!(
        shape_of(chunk, "system_fingerprint"),
        (false, true, TypeRef::String)
    );
    let (required, is_nullable, ty) = shape_of(chunk, "service_tier");
    assert!(!required && is_nullable);
    assert_eq!(enum_values(&api, named(&ty)), ["auto", "default"]);
    insta::assert_yaml_snapshot!("mixed_nullability", api);
}

#[test]
fn additional_properties_become_maps_or_the_extra_field() {
    let api = ir("additional_properties.yaml");
    assert_eq!(
        alias(&api, "TypedMap"),
        &map(TypeRef::Integer(IntFormat::I32))
    );
    assert_eq!(alias(&api, "AnyMap"), &map(TypeRef::Any));
    assert_eq!(alias(&api, "DefaultMap"), &map(TypeRef::Any));
    assert_eq!(alias(&api, "UntypedObjectMap"), &map(TypeRef::String));
    let TypeRef::Map(value) = alias(&api, "ObjectValuesMap") else {
        panic!()
    };
    assert_eq!(field_names(structure(&api, named(value))), ["x"]);
    assert_eq!(
        alias(&api, "NullableValuesMap"),
        &map(nullable(TypeRef::String))
    );
    assert_eq!(structure(&api, "Closed").extra, Extra::Forbidden);
    assert_eq!(structure(&api, "Open").extra, Extra::Any);
    assert_eq!(structure(&api, "DefaultOpen").extra, Extra::Any);
    assert_eq!(
        structure(&api, "TypedExtra").extra,
        Extra::Typed(TypeRef::String)
    );
    insta::assert_yaml_snapshot!("additional_properties", api);
}

#[test]
fn recursion_is_boxed_directly_but_not_through_arrays_or_maps() {
    let api = ir("recursion.yaml");
    let node = structure(&api, "Node");
    assert!(field(node, "parent").boxed);
    assert!(
        !field(node, "children").boxed,
        "a Vec already adds indirection"
    );
    assert!(
        !field(node, "by_name").boxed,
        "a map already adds indirection"
    );
    assert!(!field(node, "value").boxed);

    let list_node = structure(&api, "ListNode");
    assert!(field(list_node, "next").boxed && field(list_node, "next").nullable);

    // Ping -> Pong -> Ping needs at least one box; the array needs none.
    let ping = field(structure(&api, "Ping"), "pong").boxed;
    let pong = structure(&api, "Pong");
    assert!(ping || field(pong, "ping").boxed);
    assert!(!field(pong, "pings").boxed);

    assert!(!field(structure(&api, "Tree"), "children").boxed);
    assert!(untagged(&api, "Json").variants.iter().all(|v| !v.boxed));

    // Expr -> Not -> Expr needs at least one box.
    let not_variant = tagged(&api, "Expr")
        .variants
        .iter()
        .find(|v| v.tag_value == "not")
        .unwrap()
        .boxed;
    assert!(not_variant || field(structure(&api, "Not"), "operand").boxed);
    assert!(
        !tagged(&api, "Expr").variants[0].boxed,
        "Literal is not recursive"
    );
    insta::assert_yaml_snapshot!("recursion", api);
}

#[test]
fn integer_formats_choose_the_width() {
    let api = ir("integer_formats.yaml");
    let numbers = structure(&api, "Numbers");
    for (name, ty) in [
        ("i32", TypeRef::Integer(IntFormat::I32)),
        ("i64", TypeRef::Integer(IntFormat::I64)),
        ("plain", TypeRef::Integer(IntFormat::I64)),
        ("u32", TypeRef::Integer(IntFormat::U32)),
        ("u64", TypeRef::Integer(IntFormat::U64)),
        ("int8", TypeRef::Integer(IntFormat::I32)),
        ("int16", TypeRef::Integer(IntFormat::I32)),
        ("uint8", TypeRef::Integer(IntFormat::U8)),
        ("unknown_format", TypeRef::Integer(IntFormat::I64)),
        ("float", TypeRef::Number),
        ("double", TypeRef::Number),
        ("int32_list", list(TypeRef::Integer(IntFormat::I32))),
    ] {
        assert_eq!(field(numbers, name).ty, ty, "{name}");
    }
    insta::assert_yaml_snapshot!("integer_formats", api);
}

#[test]
fn required_constant_properties_are_not_fields() {
    let api = ir("constants.yaml");
    let completion = structure(&api, "Completion");
    // Optional single-value properties may be absent, so they stay fields.
    assert_eq!(
        field_names(completion),
        ["id", "version", "beta", "kind", "role"]
    );
    let constants: Vec<(&str, &Literal)> = completion
        .constants
        .iter()
        .map(|c| (c.json_name.as_str(), &c.value))
        .collect();
    assert_eq!(
        constants,
        [
            ("object", &Literal::String("chat.completion".into())),
            ("type", &Literal::String("text".into())),
        ]
    );
    insta::assert_yaml_snapshot!("constants", api);
}

// ---------------------------------------------------------------- names

#[test]
fn colliding_names_get_distinct_rust_names() {
    let api = ir("name_collisions.yaml");
    let by_source = |pointer: &str| -> &str {
        let source = format!("name_collisions.yaml#/components/schemas/{pointer}");
        &api.types
            .iter()
            .find(|t| t.source == source)
            .unwrap_or_else(|| panic!("no type from {source}"))
            .name
    };
    // Prelude and runtime names are never taken by a schema.
    for (schema, forbidden) in [
        ("Option", "Option"),
        ("Client", "Client"),
        ("Error", "Error"),
        ("Result", "Result"),
    ] {
        let name = by_source(schema);
        assert_ne!(name, forbidden);
        assert!(name.starts_with(forbidden), "{schema} became {name}");
    }
    // Two schemas with the same PascalCase name.
    assert_ne!(by_source("user_profile"), by_source("UserProfile"));
    // A component keeps its name; the inline type that wanted it gets another.
    assert_eq!(by_source("ThingMeta"), "ThingMeta");
    let thing_meta = named(&field(structure(&api, "Thing"), "meta").ty);
    assert_ne!(thing_meta, "ThingMeta");
    assert_eq!(field_names(structure(&api, thing_meta)), ["inline"]);
    // Two inline types that want the same name.
    let from_foo = named(&field(structure(&api, "Foo"), "bar_baz").ty);
    let from_foo_bar = named(&field(structure(&api, "FooBar"), "baz").ty);
    assert_ne!(from_foo, from_foo_bar);
    assert_eq!(field_names(structure(&api, from_foo)), ["from_foo"]);
    assert_eq!(field_names(structure(&api, from_foo_bar)), ["from_foo_bar"]);
    insta::assert_yaml_snapshot!("name_collisions", api);
}

fn is_identifier(name: &str) -> bool {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = bare.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(bare, "self" | "Self" | "super" | "crate" | "_")
}

#[test]
fn keywords_and_odd_strings_become_valid_unique_identifiers() {
    let api = ir("keywords.yaml");
    let keywords = structure(&api, "Keywords");
    let rust = |json: &str| field(keywords, json).rust_name.as_str();
    assert_eq!(rust("type"), "r#type");
    assert_eq!(rust("match"), "r#match");
    assert_eq!(rust("fn"), "r#fn");
    assert_eq!(rust("self"), "self_");
    assert_eq!(rust("crate"), "crate_");
    assert_eq!(rust("2fa"), "_2fa");
    assert_eq!(rust("foo-bar"), "foo_bar");
    assert_ne!(rust("extra"), "extra", "`extra` keeps unknown properties");
    let mut seen = BTreeSet::from(["extra"]);
    for f in &keywords.fields {
        assert!(is_identifier(&f.rust_name), "{f:?}");
        assert!(seen.insert(f.rust_name.as_str()), "{} twice", f.rust_name);
    }

    let TypeKind::Enum(values) = kind(&api, "Values") else {
        panic!()
    };
    let variants: Vec<(&str, &str)> = values
        .values
        .iter()
        .map(|v| (v.json.as_str(), v.rust_name.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("5m", "V5m"),
            ("1h", "V1h"),
            ("chat.completion", "ChatCompletion"),
            ("", "Empty"),
            ("Self", "SelfValue"),
            ("type", "Type"),
            ("a-b", "AB"),
            ("a_b", "AB2"),
            ("Other", "Other"),
        ]
    );
    assert!(
        values
            .values
            .iter()
            .all(|v| v.rust_name != values.other_variant),
        "the catch-all must not take a known value's name: {}",
        values.other_variant
    );
    insta::assert_yaml_snapshot!("keywords", api);
}

// ---------------------------------------------------------------- files and operations

#[test]
fn references_across_files_resolve_to_one_type_each() {
    let api = ir("multi/api.yaml");
    let pet = api.type_named("Pet").expect("Pet");
    assert_eq!(pet.source, "common.yaml#/Pet");
    let pet = structure(&api, "Pet");
    assert_eq!(field(pet, "species").ty, n("Species"));
    assert_eq!(field(pet, "owner").ty, n("Owner"));
    assert_eq!(
        api.type_named("Owner").unwrap().source,
        "common.yaml#/Owner"
    );
    assert_eq!(alias(&api, "PetList"), &list(n("Pet")));
    assert_eq!(
        operation(&api, "getPet").response,
        Some(ResponseKind::Json(n("Pet")))
    );
    let mut all = names(&api);
    all.sort();
    assert_eq!(all, ["Owner", "Pet", "PetList", "Species"]);
    insta::assert_yaml_snapshot!("multi", api);
}

#[test]
fn operation_with_path_and_query_parameters_body_and_event_stream() {
    let api = ir("operation.yaml");
    assert_eq!(api.servers[0].url, "https://{region}.api.example.com/v1");
    assert_eq!(api.servers[0].variables[0].default.as_deref(), Some("eu"));
    assert_eq!(
        api.security.schemes[0].kind,
        SchemeKind::ApiKey {
            location: KeyLocation::Header,
            param: "X-Api-Key".into()
        }
    );

    let op = operation(&api, "createRunStep");
    assert_eq!(op.method, "POST");
    assert_eq!(op.path, "/threads/{thread_id}/runs/{run_id}/steps");
    assert_eq!(op.fixed_query, [("beta".to_string(), "true".to_string())]);
    let params: Vec<(&str, &TypeRef)> = op
        .path_params
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    assert_eq!(
        params,
        [
            ("thread_id", &TypeRef::String),
            ("run_id", &TypeRef::Integer(IntFormat::I64))
        ]
    );
    let query = structure(&api, op.query.as_deref().expect("a params struct"));
    assert_eq!(
        field_names(query),
        ["limit", "order", "include[]", "X-Trace"]
    );
    assert!(field(query, "limit").required && !field(query, "order").required);
    assert_eq!(field(query, "limit").ty, TypeRef::Integer(IntFormat::I32));
    assert_eq!(
        enum_values(&api, named(&field(query, "order").ty)),
        ["asc", "desc"]
    );
    assert_eq!(field(query, "include[]").ty, list(TypeRef::String));
    assert!(is_identifier(&field(query, "include[]").rust_name));
    let trace = op
        .params
        .iter()
        .find(|p| p.name == "X-Trace")
        .expect("X-Trace");
    assert_eq!(
        trace.location,
        codegen::ir::ParamLocation::Header,
        "header parameters are sent as headers"
    );
    let body = op.body.as_ref().expect("a body");
    assert!(body.required);
    assert_eq!(body.value_type(), Some(&n("StepRequest")));
    assert_eq!(op.response, Some(ResponseKind::Json(n("Step"))));
    let stream = op.stream.as_ref().expect("a stream");
    assert_eq!(stream.framing, StreamFraming::Sse);
    assert_eq!(stream.item, n("StepEvent"));
    assert!(stream.alongside_json);

    let get = operation(&api, "getThread");
    assert_eq!(get.method, "GET");
    assert!(get.fixed_query.is_empty() && get.query.is_none() && get.body.is_none());
    assert!(get.stream.is_none());
    let Some(ResponseKind::Json(ty)) = &get.response else {
        panic!("{get:?}")
    };
    assert_eq!(field_names(structure(&api, named(ty))), ["id"]);

    // Only a stream: no JSON response, and no body flag needed to ask for it.
    let events = operation(&api, "listEvents");
    assert_eq!(events.response, None);
    let stream = events.stream.as_ref().expect("a stream");
    assert_eq!(stream.framing, StreamFraming::Sse);
    assert!(!stream.alongside_json);

    let pull = operation(&api, "pull");
    assert_eq!(pull.response, Some(ResponseKind::Json(n("StepEvent"))));
    let stream = pull.stream.as_ref().expect("a stream");
    assert_eq!(stream.framing, StreamFraming::Ndjson);
    assert!(stream.alongside_json);
    assert!(!pull.body.as_ref().expect("a body").required);
    insta::assert_yaml_snapshot!("operation", api);
}
