//! Generated code reads like hand-written code: an `@generated` marker, blank lines
//! between items, no empty doc lines at the edge of a doc block, doc examples without
//! token spacing, no query-building code where there is no query, and no runtime unit
//! tests shipped inside the crate (they run from `codegen/runtime_tests`).

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Every `.rs` file of every checked-in generated crate, as (path, contents).
fn generated_sources() -> Vec<(String, String)> {
    let mut crates = vec![root().join("generated")];
    for entry in std::fs::read_dir(root().join("tests/clients")).unwrap() {
        crates.push(entry.unwrap().path().join("generated"));
    }
    let mut out = Vec::new();
    for krate in crates {
        let mut stack = vec![krate.join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    out.push((path.display().to_string(), text));
                }
            }
        }
    }
    assert!(out.len() > 20);
    out
}

#[test]
fn every_generated_file_is_marked_generated() {
    for (path, text) in generated_sources() {
        assert!(text.starts_with("// @generated"), "{path}");
    }
    let attributes = std::fs::read_to_string(root().join(".gitattributes")).unwrap();
    assert!(attributes.contains("generated/** linguist-generated=true"));
    assert!(attributes.contains("tests/clients/*/generated/** linguist-generated=true"));
}

#[test]
fn runtime_unit_tests_are_not_shipped() {
    for (path, text) in generated_sources() {
        assert!(!text.contains("#[cfg(test)]"), "{path}");
    }
}

#[test]
fn doc_blocks_have_no_empty_first_or_last_line() {
    for (path, text) in generated_sources()
        .iter()
        .filter(|(p, _)| !p.contains("runtime"))
    {
        let lines: Vec<&str> = text.lines().map(str::trim_start).collect();
        for (i, line) in lines.iter().enumerate() {
            for marker in ["///", "//!"] {
                if *line == marker {
                    let prev = i.checked_sub(1).map(|p| lines[p]).unwrap_or_default();
                    let next = lines.get(i + 1).copied().unwrap_or_default();
                    assert!(
                        prev.starts_with(marker) && prev != marker && next.starts_with(marker),
                        "{path}:{}: empty doc line at the edge of a block or doubled",
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn items_are_separated_by_blank_lines() {
    for (path, text) in generated_sources()
        .iter()
        .filter(|(p, _)| !p.contains("runtime"))
    {
        let lines: Vec<&str> = text.lines().collect();
        for pair in lines.windows(2) {
            let (prev, line) = (pair[0], pair[1]);
            let indent = |l: &str| l.len() - l.trim_start().len();
            let item = ["impl", "pub ", "#[", "///"]
                .iter()
                .any(|s| line.trim_start().starts_with(s));
            assert!(
                !(prev.trim() == "}" && item && indent(prev) == indent(line)),
                "{path}: no blank line between `{prev}` and `{line}`"
            );
        }
    }
}

#[test]
fn doc_examples_have_no_token_spacing() {
    for (path, text) in generated_sources() {
        for line in text.lines().filter(|l| l.contains("async fn example(")) {
            assert!(
                !line.contains(" :: ") && !line.contains("& "),
                "{path}: {line}"
            );
        }
    }
}

#[test]
fn methods_without_a_query_build_none() {
    let tiny =
        std::fs::read_to_string(root().join("tests/clients/tiny/generated/src/resources.rs"))
            .unwrap();
    assert!(!tiny.contains("query_pairs"));
    // Parameters are rendered into the runtime's `Params` only where there are some.
    assert!(!tiny.contains(".query("));
}
