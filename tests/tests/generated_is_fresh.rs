//! `generated/` must be exactly what the generator makes of `spec/` today.

use std::path::{Path, PathBuf};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate is at <root>/tests")
        .to_path_buf()
}

#[test]
fn generated_crate_matches_the_spec() {
    let root = workspace_root();
    let config = codegen::Config::read(&root.join("spec/config.yaml"))
        .unwrap_or_else(|err| panic!("spec/config.yaml: {err}"));
    let krate = codegen::generate(&root.join("spec/openapi.yaml"), &config)
        .unwrap_or_else(|err| panic!("spec/openapi.yaml does not generate: {err}"));
    let differences = codegen::write::compare(&krate, &root.join("generated"))
        .unwrap_or_else(|err| panic!("cannot compare with generated/: {err}"));
    assert!(
        differences.is_empty(),
        "generated/ is stale; run `cargo xtask generate` and commit the result.\n  {}",
        differences.join("\n  ")
    );
}
