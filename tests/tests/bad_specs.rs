//! Broken specs give errors, never panics, and the errors say where (`file#/pointer`) and
//! what is wrong. A failed generation never touches the output folder, and generation
//! is deterministic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{Config, Error};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn bad(name: &str) -> PathBuf {
    fixture(&format!("bad/{name}"))
}

fn lenient() -> Config {
    Config::named("fixture")
}

fn strict() -> Config {
    let mut config = Config::named("fixture");
    config.strict = true;
    config
}

/// The error `build_ir` gives for `path`; fails the test if it succeeds.
#[track_caller]
fn error_of(path: &Path, config: &Config) -> Error {
    match codegen::build_ir(path, config) {
        Ok(api) => panic!(
            "{} should not build; warnings: {:#?}",
            path.display(),
            api.warnings
        ),
        Err(err) => err,
    }
}

#[track_caller]
fn assert_mentions(message: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            message.contains(part),
            "error message does not mention {part:?}:\n{message}"
        );
    }
}

/// A fresh, empty folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bad_specs")
        .join(test);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` with its bytes, keyed by relative path; folders too (empty value).
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(root).unwrap().display().to_string();
            if path.is_dir() {
                out.insert(relative, None);
                walk(root, &path, out);
            } else {
                out.insert(relative, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// What `cargo xtask generate` does: build everything first, write only on success.
fn generate_then_write(spec: &Path, config: &Config, out: &Path) -> Result<(), String> {
    let krate = codegen::generate(spec, config).map_err(|e| e.to_string())?;
    codegen::write::write_crate(&krate, out).map_err(|e| e.to_string())
}

// ------------------------------------------------------------- load errors

#[test]
fn invalid_yaml_is_an_error_naming_the_file_and_line() {
    let err = error_of(&bad("invalid_yaml.yaml"), &lenient());
    assert!(matches!(err, Error::Load(_)), "{err:?}");
    assert_mentions(
        &err.to_string(),
        &["invalid_yaml.yaml", "invalid YAML", "line"],
    );
}

#[test]
fn swagger_2_is_one_clear_error() {
    let err = error_of(&bad("swagger2.yaml"), &lenient());
    let message = err.to_string();
    assert!(matches!(err, Error::Load(_)), "{err:?}");
    assert_mentions(&message, &["swagger2.yaml", "2.0", "OpenAPI 3.0 and 3.1"]);
    assert!(
        !message.contains('\n'),
        "one error, not one per unrecognised part:\n{message}"
    );
}

#[test]
fn empty_file_is_an_error_naming_the_file() {
    let err = error_of(&bad("empty.yaml"), &lenient());
    assert_mentions(&err.to_string(), &["empty.yaml", "openapi"]);
}

#[test]
fn ref_to_a_missing_file_is_an_error_naming_the_ref_and_its_pointer() {
    let err = error_of(&bad("missing_file.yaml"), &lenient());
    assert!(matches!(err, Error::Load(_)), "{err:?}");
    assert_mentions(
        &err.to_string(),
        &[
            "missing_file.yaml#/components/schemas/Pet/properties/owner",
            "no_such_file.yaml",
        ],
    );
}

// ------------------------------------------------------------- spec errors

#[test]
fn paths_that_is_not_an_object_is_an_error_naming_its_pointer() {
    let err = error_of(&bad("paths_list.yaml"), &lenient());
    assert_mentions(&err.to_string(), &["paths_list.yaml#/paths", "object"]);
}

/// In strict mode every one of these is an error naming the node and the problem.
#[test]
fn malformed_schemas_are_errors_naming_their_pointer_in_strict_mode() {
    for (file, pointer, what) in [
        (
            "missing_component.yaml",
            "missing_component.yaml#/components/schemas/Pet/properties/owner",
            "#/components/schemas/Owner",
        ),
        (
            "type_number.yaml",
            "type_number.yaml#/components/schemas/Pet/properties/age",
            "`type` must be a string",
        ),
        (
            "schema_list.yaml",
            "schema_list.yaml#/components/schemas/Pet",
            "found a list",
        ),
    ] {
        let err = error_of(&bad(file), &strict());
        assert!(matches!(err, Error::Strict(_)), "{file}: {err:?}");
        assert_mentions(&err.to_string(), &[pointer, what]);
    }
}

/// Without strict mode a broken schema does not stop generation (real specs ship with
/// dangling refs): the rest generates and a warning names the pointer and the problem.
#[test]
fn malformed_schemas_are_warnings_naming_their_pointer_in_lenient_mode() {
    for (file, pointer, what) in [
        (
            "missing_component.yaml",
            "missing_component.yaml#/components/schemas/Pet/properties/owner",
            "#/components/schemas/Owner",
        ),
        (
            "type_number.yaml",
            "type_number.yaml#/components/schemas/Pet/properties/age",
            "`type` must be a string",
        ),
        (
            "schema_list.yaml",
            "schema_list.yaml#/components/schemas/Pet",
            "found a list",
        ),
    ] {
        let api = codegen::build_ir(&bad(file), &lenient())
            .unwrap_or_else(|err| panic!("{file}: lenient mode must generate, got {err}"));
        let warnings: Vec<String> = api
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.location, w.message))
            .collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains(pointer) && w.contains(what)),
            "{file}: no warning naming {pointer} and {what:?} in {warnings:#?}"
        );
    }
}

// ------------------------------------------------------------- skipped parts

#[test]
fn skipped_operation_is_an_error_naming_its_pointer_in_strict_mode() {
    let err = error_of(&bad("unsendable_body.yaml"), &strict());
    let Error::Strict(warnings) = &err else {
        panic!("expected a strict-mode error, got {err:?}")
    };
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_mentions(
        &err.to_string(),
        &[
            "unsendable_body.yaml#/paths/~1files/post",
            "text/event-stream",
        ],
    );
}

#[test]
fn skipped_operation_is_a_warning_and_the_rest_still_generates_without_strict_mode() {
    let api = codegen::build_ir(&bad("unsendable_body.yaml"), &lenient()).expect("builds");
    assert_eq!(api.warnings.len(), 1, "{:#?}", api.warnings);
    assert_eq!(
        api.warnings[0].location,
        "unsendable_body.yaml#/paths/~1files/post"
    );
    assert_mentions(&api.warnings[0].message, &["text/event-stream"]);
    let ids: Vec<&str> = api.operations.iter().map(|op| op.id.as_str()).collect();
    assert_eq!(ids, ["getFile"]);
    assert!(api.type_named("StoredFile").is_some());

    let krate = codegen::generate(&bad("unsendable_body.yaml"), &lenient()).expect("generates");
    let resources = krate
        .file("src/resources.rs")
        .expect("resources are generated");
    assert!(resources.contains("/files/"), "{resources}");
    assert!(!resources.contains("upload"), "{resources}");
}

// ------------------------------------------------------------- no panics

#[test]
fn no_bad_spec_makes_the_generator_panic() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    for file in files {
        for config in [lenient(), strict()] {
            let outcome = std::panic::catch_unwind(|| {
                codegen::generate(&file, &config)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            });
            assert!(
                outcome.is_ok(),
                "{} (strict: {}) panicked",
                file.display(),
                config.strict
            );
        }
    }
}

#[test]
fn references_that_only_point_at_each_other_become_json_values() {
    let api = codegen::build_ir(&bad("ref_cycle.yaml"), &lenient()).expect("builds");
    insta::assert_yaml_snapshot!("ref_cycle", api.types);
    codegen::emit::emit_types(&api).expect("emits");
}

#[test]
fn references_that_only_point_at_each_other_are_reported() {
    let api = codegen::build_ir(&bad("ref_cycle.yaml"), &lenient()).expect("builds");
    let locations: Vec<&str> = api.warnings.iter().map(|w| w.location.as_str()).collect();
    for pointer in [
        "ref_cycle.yaml#/components/schemas/A",
        "ref_cycle.yaml#/components/schemas/B",
        "ref_cycle.yaml#/components/schemas/Self",
    ] {
        assert!(
            locations.iter().any(|l| l.starts_with(pointer)),
            "no warning for {pointer}: {:#?}",
            api.warnings
        );
    }
}

// ------------------------------------------------------------- writing

#[test]
fn failed_generation_leaves_the_output_folder_byte_for_byte_untouched() {
    let out = scratch("failed_generation").join("crate");
    generate_then_write(&fixture("operation.yaml"), &lenient(), &out).expect("good spec writes");
    // Something of the user's own in the folder, too.
    std::fs::write(out.join("NOTES.md"), "mine").unwrap();
    let before = tree(&out);
    assert!(before.contains_key("src/types.rs"));

    for (file, config) in [
        ("invalid_yaml.yaml", lenient()),
        ("swagger2.yaml", lenient()),
        ("missing_file.yaml", lenient()),
        ("missing_component.yaml", strict()),
        ("type_number.yaml", strict()),
        ("unsendable_body.yaml", strict()),
    ] {
        let result = generate_then_write(&bad(file), &config, &out);
        assert!(result.is_err(), "{file} should fail");
        assert!(tree(&out) == before, "{file}: the output folder changed");
    }
}

#[test]
fn write_that_fails_part_way_leaves_the_output_folder_untouched() {
    let dir = scratch("failed_write");
    let out = dir.join("crate");
    generate_then_write(&fixture("operation.yaml"), &lenient(), &out).expect("good spec writes");
    let before = tree(&out);

    // `src` is a file, so `src/lib.rs` cannot be written below it.
    let krate = codegen::emit::Crate {
        files: vec![
            codegen::emit::File {
                path: "Cargo.toml".into(),
                contents: "[package]\n".into(),
            },
            codegen::emit::File {
                path: "src".into(),
                contents: "not a folder".into(),
            },
            codegen::emit::File {
                path: "src/lib.rs".into(),
                contents: "//! never written\n".into(),
            },
        ],
    };
    let err = codegen::write::write_crate(&krate, &out).expect_err("cannot be written");
    assert!(!err.to_string().is_empty());
    assert!(tree(&out) == before, "the output folder changed");
}

#[test]
fn write_that_fails_part_way_leaves_nothing_behind() {
    let dir = scratch("failed_write_leftovers");
    let out = dir.join("crate");
    let krate = codegen::emit::Crate {
        files: vec![
            codegen::emit::File {
                path: "src".into(),
                contents: "not a folder".into(),
            },
            codegen::emit::File {
                path: "src/lib.rs".into(),
                contents: "//! never written\n".into(),
            },
        ],
    };
    codegen::write::write_crate(&krate, &out).expect_err("cannot be written");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, Vec::<String>::new(), "left beside the output folder");
}

#[test]
fn generating_twice_gives_byte_identical_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let config = Config::read(&root.join("spec/config.yaml")).unwrap();
    let spec = root.join("spec/openapi.yaml");
    let first = codegen::generate(&spec, &config).unwrap();
    let second = codegen::generate(&spec, &config).unwrap();
    assert!(first == second, "two runs over spec/openapi.yaml differ");

    let dir = scratch("twice");
    codegen::write::write_crate(&first, &dir.join("a")).unwrap();
    codegen::write::write_crate(&second, &dir.join("b")).unwrap();
    assert!(tree(&dir.join("a")) == tree(&dir.join("b")));
    assert_eq!(
        codegen::write::compare(&first, &dir.join("b")).unwrap(),
        Vec::<String>::new()
    );
    // Writing over an existing crate gives the same bytes again.
    codegen::write::write_crate(&second, &dir.join("a")).unwrap();
    assert!(tree(&dir.join("a")) == tree(&dir.join("b")));

    for name in [
        "discriminator_mapping.yaml",
        "inferred_tag.yaml",
        "nested_unions.yaml",
        "name_collisions.yaml",
        "open_enum.yaml",
        "recursion.yaml",
        "keywords.yaml",
        "multi/api.yaml",
        "operation.yaml",
    ] {
        let a = codegen::generate(&fixture(name), &lenient()).unwrap();
        let b = codegen::generate(&fixture(name), &lenient()).unwrap();
        assert!(a == b, "two runs over {name} differ");
    }
}
