//! Blank lines in generated code set items apart, never statements: inside a body, a
//! statement that starts with a path (`crate::runtime::...`) follows the one before
//! directly. Checked on every checked-in generated crate.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines `n` where a blank line separates two statements of one body.
fn blank_lines_between_statements(source: &str) -> Vec<usize> {
    let lines: Vec<&str> = source.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    (1..lines.len().saturating_sub(1))
        .filter(|&i| {
            let (prev, line, next) = (lines[i - 1], lines[i], lines[i + 1]);
            line.trim().is_empty()
                && indent(next) > 0
                && indent(prev) == indent(next)
                && prev.trim_end().ends_with(';')
                && (next.trim_start().starts_with("crate::runtime::")
                    || next.trim_start().starts_with("let ")
                    || next.trim_start().starts_with("__"))
        })
        .map(|i| i + 1)
        .collect()
}

#[test]
fn no_blank_line_between_statements_in_any_generated_crate() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut crates = vec![root.join("generated/src")];
    let mut clients: Vec<PathBuf> = std::fs::read_dir(root.join("tests/clients"))
        .expect("tests/clients")
        .filter_map(|e| e.ok().map(|e| e.path().join("generated/src")))
        .filter(|p| p.is_dir())
        .collect();
    clients.sort();
    crates.extend(clients);
    let mut files = Vec::new();
    for dir in &crates {
        // The runtime is hand-written; only what the generator writes is checked.
        for file in {
            let mut all = Vec::new();
            rust_files(dir, &mut all);
            all
        } {
            if !file.components().any(|c| c.as_os_str() == "runtime") {
                files.push(file);
            }
        }
    }
    assert!(files.len() > 20, "found the generated crates: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("readable");
        for line in blank_lines_between_statements(&source) {
            found.push(format!("{}:{line}", file.display()));
        }
    }
    assert!(
        found.is_empty(),
        "blank lines between statements:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_check_sees_a_blank_line_between_statements() {
    let bad = "fn f() {\n    let a = 1;\n\n    crate::runtime::g(a);\n}\n";
    assert_eq!(blank_lines_between_statements(bad), vec![3]);
    let good = "impl X {\n    const A: u8 = 1;\n\n    pub fn f() {}\n}\n";
    assert!(blank_lines_between_statements(good).is_empty());
}
