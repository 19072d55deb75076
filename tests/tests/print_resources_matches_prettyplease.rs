//! The resources files' methods printed straight to text (`emit/print_resources.rs`)
//! read exactly as prettyplease prints them: `src/resources.rs` and
//! `src/blocking/resources.rs` are byte-identical either way, on every fixture that
//! generates, the project's spec, the fixture clients (with their own config) and every
//! real spec in the shared corpus (`shared/specs/` in an ancestor folder).

mod spec_corpus;

use std::path::Path;

use spec_corpus::{check_specs, first_difference};

/// The spec's own `config.yaml` when it has one (fixture clients set stream flags and
/// folding rules that change the methods), else a plain config.
fn config_for(spec: &Path) -> codegen::Config {
    let beside = spec.with_file_name("config.yaml");
    beside
        .is_file()
        .then(|| codegen::Config::read(&beside).ok())
        .flatten()
        .unwrap_or_else(|| codegen::Config::named("print"))
}

fn assert_same(spec: &Path) -> bool {
    let config = config_for(spec);
    let Ok(api) = codegen::build_ir(spec, &config) else {
        // Bad specs are other tests' business.
        return false;
    };
    let direct = codegen::emit::emit_resources(&api, &config, false).expect("direct printing");
    let reference = codegen::emit::emit_resources(&api, &config, true).expect("prettyplease");
    for (file, (direct, reference)) in ["resources.rs", "blocking/resources.rs"]
        .iter()
        .zip(direct.iter().zip(&reference))
    {
        assert!(
            direct == reference,
            "{} {file}: direct printing differs from prettyplease at {}",
            spec.display(),
            first_difference(direct, reference, 6)
        );
    }
    true
}

#[test]
fn printed_methods_match_prettyplease_on_every_fixture_and_client() {
    check_specs(false, assert_same);
}

#[test]
fn printed_methods_match_prettyplease_on_the_real_specs() {
    check_specs(true, assert_same);
}
