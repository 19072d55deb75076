//! `$ref` resolution stays right now that lowering remembers resolutions: a
//! reference text whose meaning depends on where it is written (`#/$defs/X`
//! resolved against the enclosing schema) is resolved again at each place, and a
//! reference text written many times names one type.

use std::path::PathBuf;

use codegen::ir::{Api, Struct, TypeKind, TypeRef};

#[track_caller]
fn ir(name: &str) -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/lowerspeed")
        .join(name);
    codegen::build_ir(&path, &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[track_caller]
fn structure<'a>(api: &'a Api, name: &str) -> &'a Struct {
    match &api.type_named(name).expect(name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// What a field's type stands for: a named alias is followed to its target.
#[track_caller]
fn meaning<'a>(api: &'a Api, ty: &'a TypeRef) -> &'a TypeRef {
    match ty {
        TypeRef::Named(name) => match &api.type_named(name).expect(name).kind {
            TypeKind::Alias(target) => meaning(api, target),
            _ => ty,
        },
        _ => ty,
    }
}

#[test]
fn one_defs_reference_text_resolves_against_each_enclosing_schema() {
    let api = ir("embedded_defs.yaml");
    let alpha = meaning(&api, &structure(&api, "Alpha").fields[0].ty);
    let beta = meaning(&api, &structure(&api, "Beta").fields[0].ty);
    assert!(matches!(alpha, TypeRef::Integer(_)), "Alpha.x: {alpha:?}");
    assert_eq!(beta, &TypeRef::String, "Beta.x");
}

#[test]
fn one_reference_text_written_many_times_names_one_type() {
    let api = ir("embedded_defs.yaml");
    let c = structure(&api, "Gamma");
    let types: Vec<&TypeRef> = c.fields.iter().map(|f| &f.ty).collect();
    assert_eq!(types[0], &TypeRef::Named("Alpha".into()));
    assert_eq!(types[1], &TypeRef::Named("Alpha".into()));
    assert_eq!(
        types[2],
        &TypeRef::List(Box::new(TypeRef::Named("Alpha".into())))
    );
}
