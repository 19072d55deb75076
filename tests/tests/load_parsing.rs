//! How the loader reads files: deep nesting is refused fast with a line number, JSON
//! is read as JSON, a BOM is ignored, duplicate keys warn (the later value wins), YAML
//! merge keys apply, keys keep their source text, and anchors resolve.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::ir::{Api, TypeKind};
use codegen::{Config, Error};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/load")
        .join(name)
}

fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("load_parsing")
        .join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn lenient() -> Config {
    Config::named("fixture")
}

fn strict() -> Config {
    let mut config = Config::named("fixture");
    config.strict = true;
    config
}

fn build(path: &Path) -> Api {
    codegen::build_ir(path, &lenient()).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

fn error_of(path: &Path) -> String {
    match codegen::build_ir(path, &lenient()) {
        Ok(_) => panic!("{} should not load", path.display()),
        Err(err) => err.to_string(),
    }
}

/// JSON property names of the struct named `name`.
fn fields(api: &Api, name: &str) -> Vec<String> {
    let ty = api
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| {
            panic!(
                "no type {name}: {:?}",
                api.types.iter().map(|t| &t.name).collect::<Vec<_>>()
            )
        });
    match &ty.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.json_name.clone()).collect(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

const HEADER: &str = "openapi: 3.1.0\ninfo: {title: deep, version: '1'}\npaths: {}\n";

/// Writes a spec whose `x-deep` holds `body`, and returns the error and how long it took.
fn deep_error(test: &str, file: &str, text: String) -> (String, Duration) {
    let path = scratch(test).join(file);
    std::fs::write(&path, text).unwrap();
    let start = Instant::now();
    let err = error_of(&path);
    (err, start.elapsed())
}

#[test]
fn a_100000_deep_flow_sequence_is_refused_fast_naming_file_and_line() {
    let depth = 100_000;
    let body = format!(
        "{HEADER}x-deep: {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (err, took) = deep_error("flow_seq", "deep.yaml", body);
    assert!(err.contains("deep.yaml") && err.contains("line 4"), "{err}");
    assert!(err.contains("nested deeper than 200 levels"), "{err}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn a_100000_deep_flow_mapping_is_refused_fast() {
    let depth = 100_000;
    let body = format!(
        "{HEADER}x-deep: {}1{}\n",
        "{a: ".repeat(depth),
        "}".repeat(depth)
    );
    let (err, took) = deep_error("flow_map", "deep.yaml", body);
    assert!(
        err.contains("deep.yaml") && err.contains("nested deeper than 200"),
        "{err}"
    );
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn a_deep_block_mapping_is_refused_naming_the_line_past_the_limit() {
    let mut body = HEADER.to_string();
    for level in 0..1000 {
        body.push_str(&" ".repeat(level));
        body.push_str("a:\n");
    }
    let (err, took) = deep_error("block", "deep.yaml", body);
    // Line 4 holds level 1; level 201 is the first refused.
    assert!(err.contains("line 204"), "{err}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn a_100000_deep_json_array_is_refused_fast() {
    let depth = 100_000;
    let body = format!(
        "{{\"openapi\": \"3.1.0\", \"info\": {{\"title\": \"t\", \"version\": \"1\"}},\n\"x\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let (err, took) = deep_error("json", "deep.json", body);
    assert!(err.contains("deep.json") && err.contains("line 2"), "{err}");
    assert!(err.contains("nested deeper than 200"), "{err}");
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn nesting_within_the_limit_loads() {
    let body = format!("{HEADER}x-deep: {}{}\n", "[".repeat(150), "]".repeat(150));
    let path = scratch("within").join("ok.yaml");
    std::fs::write(&path, body).unwrap();
    build(&path);
}

#[test]
fn aliases_cannot_build_a_tree_deeper_than_the_limit() {
    let mut body = HEADER.to_string();
    body.push_str(&format!("x-a: &a {}{}\n", "[".repeat(150), "]".repeat(150)));
    body.push_str(&format!("x-b: {}*a{}\n", "[".repeat(150), "]".repeat(150)));
    let (err, _) = deep_error("alias_depth", "alias.yaml", body);
    assert!(
        err.contains("alias.yaml") && err.contains("nested deeper than 200"),
        "{err}"
    );
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut body = HEADER.to_string();
    body.push_str("x-0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..10 {
        let prev = level - 1;
        let items = vec![format!("*a{prev}"); 10].join(", ");
        body.push_str(&format!("x-{level}: &a{level} [{items}]\n"));
    }
    let (err, took) = deep_error("bomb", "bomb.yaml", body);
    assert!(err.contains("alias bomb"), "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
}

#[test]
fn json_surrogate_pair_escapes_decode() {
    let api = build(&fixture("surrogates.json"));
    assert_eq!(api.title, "emoji \u{1F680}");
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    assert_eq!(pet.docs.as_deref(), Some("a rocket \u{1F680}"));
}

#[test]
fn a_byte_order_mark_is_ignored_in_yaml_and_json() {
    assert_eq!(build(&fixture("bom.yaml")).title, "bom");
    assert_eq!(build(&fixture("bom.json")).title, "bom json");
}

#[test]
fn duplicate_keys_warn_with_file_pointer_and_line_and_keep_the_later_value() {
    let api = build(&fixture("duplicate_keys.yaml"));
    let warning = api
        .warnings
        .iter()
        .find(|w| w.message.contains("duplicate key"))
        .expect("a duplicate-key warning");
    assert_eq!(
        warning.location,
        "duplicate_keys.yaml#/components/schemas/Pet/properties"
    );
    assert_eq!(
        warning.message,
        "line 10: duplicate key `id`; the later value is kept"
    );
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::Struct(s) = &pet.kind else {
        panic!("{pet:?}")
    };
    assert_eq!(s.fields.len(), 1);
    assert_eq!(s.fields[0].ty, codegen::ir::TypeRef::String);
}

#[test]
fn duplicate_keys_in_json_warn_too_and_fail_strict_mode() {
    let api = build(&fixture("json_duplicates.json"));
    assert!(
        api.warnings
            .iter()
            .any(|w| w.location == "json_duplicates.json#/components/schemas"
                && w.message == "line 7: duplicate key `Pet`; the later value is kept"),
        "{:#?}",
        api.warnings
    );
    let err = codegen::build_ir(&fixture("json_duplicates.json"), &strict()).unwrap_err();
    assert!(matches!(err, Error::Strict(_)), "{err}");
}

#[test]
fn merge_keys_are_applied_and_explicit_keys_win() {
    let api = build(&fixture("merge_keys.yaml"));
    assert_eq!(fields(&api, "Pet"), ["id"]);
    assert_eq!(fields(&api, "Both"), ["id"]);
    let both = api.types.iter().find(|t| t.name == "Both").unwrap();
    assert!(both.source.ends_with("/Both"));
    let over = api.types.iter().find(|t| t.name == "Override").unwrap();
    assert!(
        matches!(over.kind, TypeKind::Alias(codegen::ir::TypeRef::String)),
        "{over:?}"
    );
}

#[test]
fn merge_key_with_a_scalar_is_an_error_naming_the_line() {
    let err = error_of(&fixture("bad/merge_scalar.yaml"));
    assert!(
        err.contains("merge_scalar.yaml") && err.contains("line 7"),
        "{err}"
    );
    assert!(err.contains("merge key `<<`"), "{err}");
}

#[test]
fn two_documents_in_one_file_are_an_error() {
    let err = error_of(&fixture("bad/two_documents.yaml"));
    assert!(
        err.contains("two_documents.yaml") && err.contains("more than one YAML document"),
        "{err}"
    );
}

#[test]
fn unquoted_keys_keep_their_source_text_and_never_merge() {
    let api = build(&fixture("yaml_keys.yaml"));
    assert_eq!(
        fields(&api, "Versions"),
        ["1.10", "1.1", "0x10", "16", "1e3", "010", "true", "null", "~"]
    );
}

#[test]
fn a_component_name_with_percent_escapes_resolves_raw_and_encoded() {
    let api = build(&fixture("percent_names.yaml"));
    assert!(api.warnings.is_empty(), "{:#?}", api.warnings);
    let holder = api.types.iter().find(|t| t.name == "Holder").unwrap();
    let TypeKind::Struct(s) = &holder.kind else {
        panic!("{holder:?}")
    };
    let target = api
        .types
        .iter()
        .find(|t| t.source.ends_with("/Foo%2520Bar"))
        .expect("the component keeps its own type");
    for field in &s.fields {
        assert_eq!(
            field.ty,
            codegen::ir::TypeRef::Named(target.name.clone()),
            "{}",
            field.json_name
        );
    }
}

#[test]
fn anchor_refs_resolve_to_the_schema_carrying_the_anchor() {
    let api = build(&fixture("anchors.yaml"));
    assert!(api.warnings.is_empty(), "{:#?}", api.warnings);
    let owner = api.types.iter().find(|t| t.name == "Owner").unwrap();
    let TypeKind::Struct(s) = &owner.kind else {
        panic!("{owner:?}")
    };
    assert_eq!(s.fields[0].ty, codegen::ir::TypeRef::Named("Pet".into()));
    assert_eq!(s.fields[1].ty, codegen::ir::TypeRef::Named("Node".into()));
}

#[test]
fn an_unknown_anchor_is_a_warning_naming_it_not_the_whole_document() {
    let api = build(&fixture("unknown_anchor.yaml"));
    assert!(
        api.warnings.iter().any(|w| w
            .location
            .starts_with("unknown_anchor.yaml#/components/schemas/Owner")
            && w.message.contains("#nosuchanchor")),
        "{:#?}",
        api.warnings
    );
}

#[test]
fn hash_ref_inside_a_schema_means_its_enclosing_schema() {
    let dir = scratch("self_ref");
    let path = dir.join("spec.yaml");
    std::fs::write(
        &path,
        format!(
            "{HEADER}components:\n  schemas:\n    Filter:\n      type: object\n      properties:\n        \
             filters:\n          type: array\n          items:\n            oneOf:\n              \
             - {{type: string}}\n              - $ref: '#'\n"
        ),
    )
    .unwrap();
    let api = build(&path);
    assert!(api.warnings.is_empty(), "{:#?}", api.warnings);
    assert!(
        format!("{:?}", api.types).contains("Named(\"Filter\")"),
        "{:#?}",
        api.types
    );
}

/// Bytes of `seed` with a few deterministic mutations: a crude fuzz of the readers.
fn mutate(seed: &[u8], round: u64) -> Vec<u8> {
    let mut state = round
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        (state >> 33) as usize
    };
    let mut bytes = seed.to_vec();
    let alphabet = b"{}[]:,-?&*!|>'\"#%@`\\\n \t<<~0x1e.";
    for _ in 0..1 + next() % 4 {
        let at = next() % bytes.len();
        match next() % 3 {
            0 => bytes[at] = alphabet[next() % alphabet.len()],
            1 => bytes.insert(at, alphabet[next() % alphabet.len()]),
            _ => {
                bytes.remove(at);
            }
        }
    }
    bytes
}

#[test]
fn mutated_yaml_and_json_never_panic() {
    let dir = scratch("fuzz");
    let seeds = [
        std::fs::read(fixture("merge_keys.yaml")).unwrap(),
        std::fs::read(fixture("surrogates.json")).unwrap(),
        std::fs::read(fixture("data_refs.yaml")).unwrap(),
    ];
    for round in 0..600u64 {
        let seed = &seeds[round as usize % seeds.len()];
        let name = if round % 3 == 1 { "f.json" } else { "f.yaml" };
        let path = dir.join(name);
        std::fs::write(&path, mutate(seed, round)).unwrap();
        // Either outcome is fine; a panic fails the test.
        let _ = codegen::load::load(&path);
    }
}
