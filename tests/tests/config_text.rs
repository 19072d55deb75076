//! Config text that reaches `Cargo.toml` or code: crate names and versions are checked
//! before anything is generated (so nothing is written), and every string written to
//! `Cargo.toml` is escaped, so no text can add a key.

use std::path::PathBuf;

use codegen::{Config, Error};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn config_error(config: &Config) -> String {
    match codegen::generate(&fixture("operation.yaml"), config) {
        Err(Error::Config(err)) => err.to_string(),
        other => panic!("expected a config error, got {other:?}"),
    }
}

#[test]
fn crate_names_that_cargo_refuses_are_clear_errors() {
    // As `--crate-name` sets them: on a config built in code.
    for (name, why) in [
        ("my crate", "contains ' '"),
        ("1password", "must start with a letter"),
        ("", "is empty"),
        ("9lives", "must start with a letter"),
        ("fn", "keyword"),
        ("serde", "reserved"),
    ] {
        let text = config_error(&Config::named(name));
        assert!(
            text.contains(&format!("{name:?}")) && text.contains(why),
            "{name}: {text}"
        );
    }
    for name in ["my-crate", "my_crate", "a1"] {
        codegen::generate(&fixture("operation.yaml"), &Config::named(name)).expect(name);
    }
}

#[test]
fn crate_version_must_be_semver_and_cannot_inject_toml() {
    for version in [
        "2024-10-01",
        "1.0",
        "1.0.0\"\nevil = true",
        "1.0.0\n[dependencies]",
    ] {
        let mut config = Config::named("fixture");
        config.crate_version = version.to_string();
        let text = config_error(&config);
        assert!(
            text.contains("crate_version") && text.contains("semantic version"),
            "{text}"
        );
    }
    let mut config = Config::named("fixture");
    config.crate_version = "1.2.3-beta.1+build.7".into();
    let krate = codegen::generate(&fixture("operation.yaml"), &config).unwrap();
    assert!(krate
        .file("Cargo.toml")
        .unwrap()
        .contains("\nversion = \"1.2.3-beta.1+build.7\"\n"));
}

#[test]
fn a_config_file_with_a_bad_version_names_the_file() {
    let dir = std::env::temp_dir().join(format!("config_text_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.yaml");
    std::fs::write(&path, "crate_name: fine\ncrate_version: \"2024-10-01\"\n").unwrap();
    let err = Config::read(&path).unwrap_err().to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(err.starts_with("config.yaml: "), "{err}");
    assert!(err.contains("\"2024-10-01\""), "{err}");
}

#[test]
fn description_and_title_are_escaped_in_cargo_toml() {
    let krate =
        codegen::generate(&fixture("hostile_text.yaml"), &Config::named("fixture")).unwrap();
    let manifest = krate.file("Cargo.toml").unwrap();
    assert!(
        manifest.contains(r#"description = "Client for Quote \" and newline evil = true.""#),
        "{manifest}"
    );
    let mut config = Config::named("fixture");
    config.description = Some("a \"quoted\"\nevil = 1\\ \u{7} tab\t".into());
    let krate = codegen::generate(&fixture("hostile_text.yaml"), &config).unwrap();
    let manifest = krate.file("Cargo.toml").unwrap();
    assert!(
        manifest.contains(r#"description = "a \"quoted\"\nevil = 1\\ \u0007 tab\t""#),
        "{manifest}"
    );
    assert!(
        !manifest.lines().any(|l| l.starts_with("evil")),
        "{manifest}"
    );
}

#[test]
fn auth_env_must_name_a_scheme_of_the_spec() {
    let mut config = Config::named("fixture");
    config.auth_env.insert("nope".into(), "SOME_VAR".into());
    let text = config_error(&config);
    assert!(
        text.contains("`nope`") && text.contains("api_key"),
        "{text}"
    );
    let mut config = Config::named("fixture");
    config.auth_env.insert("api_key".into(), "BAD VAR".into());
    assert!(config_error(&config).contains("auth_env.api_key"));
}
