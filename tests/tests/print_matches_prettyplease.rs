//! Struct and enum items printed straight to text (`emit/print.rs`) read exactly as prettyplease
//! prints the same items: `src/types.rs` is byte-identical either way, on every fixture
//! that generates, the project's spec, the fixture clients and every real spec in the
//! shared corpus (`shared/specs/` in an ancestor folder).

mod spec_corpus;

use std::path::Path;

use spec_corpus::{check_specs, first_difference};

fn assert_same(spec: &Path) -> bool {
    let Ok(api) = codegen::build_ir(spec, &codegen::Config::named("print")) else {
        // Bad specs are other tests' business.
        return false;
    };
    let direct = codegen::emit::emit_types(&api).expect("direct printing emits");
    let reference =
        codegen::emit::emit_types_through_prettyplease(&api).expect("prettyplease emits");
    assert!(
        direct == reference,
        "{}: direct printing differs from prettyplease at {}",
        spec.display(),
        first_difference(&direct, &reference, 3)
    );
    true
}

#[test]
fn printed_items_match_prettyplease_on_every_fixture_and_client() {
    check_specs(false, assert_same);
}

#[test]
fn printed_items_match_prettyplease_on_the_real_specs() {
    check_specs(true, assert_same);
}
