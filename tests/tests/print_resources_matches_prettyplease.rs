//! The resources files' methods printed straight to text (`emit/print_resources.rs`)
//! read exactly as prettyplease prints them: `src/resources.rs` and
//! `src/blocking/resources.rs` are byte-identical either way, on every fixture that
//! generates, the project's spec, the fixture clients (with their own config) and every
//! real spec in the shared corpus (`shared/specs/` in an ancestor folder).

use std::path::{Path, PathBuf};

fn specs_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            // Generated crates hold no specs.
            if path.file_name().is_some_and(|n| n != "generated") {
                specs_under(&path, found);
            }
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            && path.file_name().is_some_and(|n| n != "config.yaml")
        {
            found.push(path);
        }
    }
}

/// The first line where the two texts differ, with a little context.
fn first_difference(direct: &str, reference: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (direct.lines().collect(), reference.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(6);
    format!(
        "line {}:\n--- direct\n{}\n--- prettyplease\n{}",
        at + 1,
        a[from..(at + 6).min(a.len())].join("\n"),
        b[from..(at + 6).min(b.len())].join("\n")
    )
}

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
            first_difference(direct, reference)
        );
    }
    true
}

#[test]
fn printed_methods_match_prettyplease_on_every_fixture_and_client() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = vec![root.join("../spec/openapi.yaml")];
    specs_under(&root.join("fixtures"), &mut specs);
    specs_under(&root.join("clients"), &mut specs);
    let generated = specs.iter().filter(|spec| assert_same(spec)).count();
    assert!(generated > 20, "only {generated} specs generated");
}

#[test]
fn printed_methods_match_prettyplease_on_the_real_specs() {
    let Some(corpus) = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dir| dir.join("shared/specs"))
        .find(|dir| dir.is_dir())
    else {
        eprintln!("shared/specs not found; real specs not compared");
        return;
    };
    let mut specs = Vec::new();
    specs_under(&corpus, &mut specs);
    let generated = specs.iter().filter(|spec| assert_same(spec)).count();
    assert!(
        generated >= 1,
        "no real spec generated under {}",
        corpus.display()
    );
}
