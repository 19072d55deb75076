//! Finding the specs the print-equality tests run on, and saying where two printed
//! files differ.

use std::path::{Path, PathBuf};

/// Every spec file below `dir` (YAML or JSON, not a `config.yaml`), in name order,
/// skipping generated crates.
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

/// The first line where the two texts differ, with `context` lines around it.
pub fn first_difference(direct: &str, reference: &str, context: usize) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (direct.lines().collect(), reference.lines().collect());
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let from = at.saturating_sub(context);
    format!(
        "line {}:\n--- direct\n{}\n--- prettyplease\n{}",
        at + 1,
        a[from..(at + context + 1).min(a.len())].join("\n"),
        b[from..(at + context + 1).min(b.len())].join("\n")
    )
}

/// Runs `check` (which says whether the spec generated) on the project's spec, every
/// fixture and every fixture client, and on every real spec of the shared corpus
/// (`shared/specs/` in an ancestor folder) when `real` is set.
pub fn check_specs(real: bool, check: impl Fn(&Path) -> bool) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs = Vec::new();
    if real {
        let Some(corpus) = root
            .ancestors()
            .map(|dir| dir.join("shared/specs"))
            .find(|dir| dir.is_dir())
        else {
            eprintln!("shared/specs not found; real specs not compared");
            return;
        };
        specs_under(&corpus, &mut specs);
    } else {
        specs.push(root.join("../spec/openapi.yaml"));
        specs_under(&root.join("fixtures"), &mut specs);
        specs_under(&root.join("clients"), &mut specs);
    }
    let generated = specs.iter().filter(|spec| check(spec)).count();
    let least = if real { 1 } else { 21 };
    assert!(generated >= least, "only {generated} specs generated");
}
