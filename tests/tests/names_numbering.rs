//! Numbered names cannot collide: when two schemas (or properties) want the same name,
//! the number added to one of them never yields a name that another one wants.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use codegen::ir::{Api, TypeKind};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/names")
        .join(name)
}

#[track_caller]
fn ir(path: &Path) -> Api {
    codegen::build_ir(path, &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn fields(api: &Api, ty: &str) -> Vec<String> {
    match &api
        .type_named(ty)
        .unwrap_or_else(|| panic!("no type {ty}"))
        .kind
    {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.rust_name.clone()).collect(),
        other => panic!("{ty} is not a struct: {other:?}"),
    }
}

fn type_of_source(api: &Api, pointer: &str) -> String {
    api.types
        .iter()
        .find(|t| t.source.ends_with(pointer))
        .unwrap_or_else(|| panic!("no type from {pointer}"))
        .name
        .clone()
}

#[test]
fn a_stem_ending_in_a_digit_is_numbered_after_an_underscore() {
    let api = ir(&fixture("numbered.yaml"));
    assert_eq!(type_of_source(&api, "#/components/schemas/c1"), "C1");
    assert_eq!(type_of_source(&api, "#/components/schemas/C1"), "C1_2");
    assert_eq!(type_of_source(&api, "#/components/schemas/c12"), "C12");
}

#[test]
fn numbering_never_takes_a_name_a_later_schema_wants() {
    let api = ir(&fixture("numbered.yaml"));
    assert_eq!(type_of_source(&api, "#/components/schemas/foo"), "Foo");
    // `Foo2` is wanted by the component of that name, so the clash gets `Foo3`.
    assert_eq!(type_of_source(&api, "#/components/schemas/Foo"), "Foo3");
    assert_eq!(type_of_source(&api, "#/components/schemas/Foo2"), "Foo2");
}

#[test]
fn field_numbering_never_takes_a_name_a_later_property_wants() {
    let api = ir(&fixture("numbered.yaml"));
    assert_eq!(fields(&api, "C1"), ["a1", "a1_3", "a12", "a1_2"]);
}

/// Deterministic pseudo-random numbers (a linear congruential generator).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

/// Raw names that collide after case conversion and end in digits in every way.
const ATOMS: &[&str] = &[
    "c", "C", "c1", "C1", "c12", "C12", "c122", "c_1", "c 1", "c-1-2", "c1_2", "c_12", "C1_2",
    "foo", "Foo", "FOO", "foo2", "Foo2", "foo_2", "foo 2", "foo_3", "Foo3", "x2y", "X2Y", "x_2_y",
    "type", "r#type", "type_2", "self", "self_2", "2", "_2", "v2", "V2",
];

fn pick<'a>(rng: &mut Lcg, count: usize) -> Vec<&'a str> {
    (0..count).map(|_| ATOMS[rng.next(ATOMS.len())]).collect()
}

fn spec(components: &[(&str, Vec<&str>)]) -> String {
    let mut out = String::from(
        "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for (name, props) in components {
        out.push_str(&format!(
            "    {name:?}:\n      type: object\n      properties:\n"
        ));
        for prop in props {
            out.push_str(&format!("        {prop:?}:\n          type: string\n"));
        }
    }
    out
}

#[test]
fn numbered_names_are_unique_and_leave_every_natural_name_to_its_owner() {
    let dir = std::env::temp_dir().join(format!("names_numbering_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("spec.yaml");
    let mut rng = Lcg(7);
    for round in 0..150 {
        let mut components: Vec<(&str, Vec<&str>)> = Vec::new();
        let count = 2 + rng.next(8);
        for name in pick(&mut rng, count) {
            if components.iter().all(|(n, _)| *n != name) {
                let count = 1 + rng.next(7);
                let mut props = pick(&mut rng, count);
                props.sort();
                props.dedup();
                components.push((name, props));
            }
        }
        std::fs::write(&path, spec(&components)).unwrap();
        let api = ir(&path);

        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(
            unique.len(),
            names.len(),
            "round {round}: duplicate type names {names:?}"
        );

        // Every natural name wanted by exactly one component goes to that component.
        let mut wanted: BTreeMap<String, usize> = BTreeMap::new();
        for (name, _) in &components {
            *wanted.entry(codegen::lower::type_name(name)).or_default() += 1;
        }
        for (i, (name, props)) in components.iter().enumerate() {
            let ty = &api.types[i];
            let natural = codegen::lower::type_name(name);
            if wanted[&natural] == 1 {
                assert_eq!(ty.name, natural, "round {round}: {components:?}");
            }
            let TypeKind::Struct(s) = &ty.kind else {
                panic!("round {round}: {name} is not a struct");
            };
            let rust: Vec<&str> = s.fields.iter().map(|f| f.rust_name.as_str()).collect();
            let unique: BTreeSet<&str> = rust.iter().copied().collect();
            assert_eq!(
                unique.len(),
                rust.len(),
                "round {round}: duplicate fields {rust:?}"
            );
            let mut field_wants: BTreeMap<String, usize> = BTreeMap::new();
            for prop in props {
                *field_wants.entry(codegen::lower::snake(prop)).or_default() += 1;
            }
            for field in &s.fields {
                let natural = codegen::lower::snake(&field.json_name);
                if field_wants[&natural] == 1 {
                    assert_eq!(field.rust_name, natural, "round {round}: {props:?}");
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
