//! `generated/` must be exactly what the generator makes of `spec/` today.

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is at <root>/tests")
        .to_path_buf()
}

fn assert_fresh(spec: &Path, config: &Path, out: &Path) {
    let config =
        codegen::Config::read(config).unwrap_or_else(|err| panic!("{}: {err}", config.display()));
    let krate = codegen::generate(spec, &config)
        .unwrap_or_else(|err| panic!("{} does not generate: {err}", spec.display()));
    let differences = codegen::write::compare(&krate, out)
        .unwrap_or_else(|err| panic!("cannot compare with {}: {err}", out.display()));
    assert!(
        differences.is_empty(),
        "{} is stale; run `cargo xtask generate` and commit the result.\n  {}",
        out.display(),
        differences.join("\n  ")
    );
}

#[test]
fn generated_crate_matches_the_spec() {
    let root = workspace_root();
    assert_fresh(
        &root.join("spec/openapi.yaml"),
        &root.join("spec/config.yaml"),
        &root.join("generated"),
    );
}

/// Each fixture client under `tests/clients/NAME/` is what its spec generates today.
#[test]
fn fixture_clients_match_their_specs() {
    let clients = workspace_root().join("tests/clients");
    let Ok(entries) = std::fs::read_dir(&clients) else {
        return;
    };
    for folder in entries.filter_map(Result::ok).map(|e| e.path()) {
        if folder.join("openapi.yaml").is_file() {
            assert_fresh(
                &folder.join("openapi.yaml"),
                &folder.join("config.yaml"),
                &folder.join("generated"),
            );
        }
    }
}

/// The freshness check above can fail: `compare` notices changed, missing and extra files.
#[test]
fn compare_reports_changed_missing_and_extra_files() {
    let root = workspace_root();
    let spec = root.join("tests/fixtures/operation.yaml");
    let krate = codegen::generate(&spec, &codegen::Config::named("fixture")).unwrap();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated_is_fresh/crate");
    codegen::write::write_crate(&krate, &out).unwrap();
    assert_eq!(
        codegen::write::compare(&krate, &out).unwrap(),
        Vec::<String>::new()
    );

    std::fs::write(out.join("src/types.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(out.join("src/resources.rs")).unwrap();
    std::fs::write(out.join("src/leftover.rs"), "").unwrap();
    // Build output is not part of the crate.
    std::fs::create_dir_all(out.join("target/debug")).unwrap();
    std::fs::write(out.join("target/debug/x"), "").unwrap();
    std::fs::write(out.join("Cargo.lock"), "").unwrap();

    let mut differences = codegen::write::compare(&krate, &out).unwrap();
    differences.sort();
    let expected: Vec<String> = vec![
        "changed: src/types.rs".into(),
        "missing: src/resources.rs".into(),
        "not generated: src/leftover.rs".into(),
    ];
    assert_eq!(differences, expected);
}

/// Any edit to `spec/`, even one that changes no type (a comment), or to the config,
/// makes the checked-in crate stale, because the output carries a fingerprint of both.
#[test]
fn any_edit_to_the_spec_or_config_makes_the_crate_stale() {
    let root = workspace_root();
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated_is_fresh/spec");
    std::fs::create_dir_all(&copy).unwrap();
    let spec_text = std::fs::read_to_string(root.join("spec/openapi.yaml")).unwrap();
    let config_text = std::fs::read_to_string(root.join("spec/config.yaml")).unwrap();
    let generate = |spec: &str, config: &str| {
        std::fs::write(copy.join("openapi.yaml"), spec).unwrap();
        std::fs::write(
            copy.join("config.yaml"),
            config.replace("examples_dir: examples\n", ""),
        )
        .unwrap();
        let config = codegen::Config::read(&copy.join("config.yaml")).unwrap();
        codegen::generate(&copy.join("openapi.yaml"), &config).unwrap()
    };
    let original = generate(&spec_text, &config_text);
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("generated_is_fresh/from_spec");
    codegen::write::write_crate(&original, &out).unwrap();
    assert!(codegen::write::compare(&original, &out).unwrap().is_empty());

    let commented = generate(&format!("{spec_text}\n# a comment\n"), &config_text);
    assert_eq!(
        codegen::write::compare(&commented, &out).unwrap(),
        ["changed: src/settings.rs"]
    );
    let reconfigured = generate(&spec_text, &format!("{config_text}\n# a comment\n"));
    assert_eq!(
        codegen::write::compare(&reconfigured, &out).unwrap(),
        ["changed: src/settings.rs"]
    );
}
