//! `cargo xtask corpus DIR`: generate a crate for every OpenAPI document under DIR,
//! `cargo check` them all in one workspace (one shared target dir), print a table.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use codegen::ir::Api;
use codegen::Config;

use crate::workspace_root;

/// One generated spec.
struct Entry {
    spec: String,
    crate_name: String,
    operations: usize,
    /// Operations the document declares (path items followed through `$ref`).
    declared: usize,
    skipped: usize,
    /// Why operations were skipped: reason and count, from the warnings.
    reasons: Vec<(String, usize)>,
    types: usize,
    /// Type names over 40 characters: all, and those the generator chose (not components).
    long_names: (usize, usize),
    lines: usize,
    millis: u128,
    warnings: Vec<String>,
    check: String,
    /// Result of the spec's own tests from `tests/corpus/<folder>/`, if it has any.
    tests: Option<String>,
}

pub(crate) fn run(dir: &Path) -> Result<(), String> {
    let roots = find_roots(dir)?;
    if roots.is_empty() {
        return Err(format!("no OpenAPI documents under {}", dir.display()));
    }
    let out = workspace_root().join("target/corpus");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut entries = Vec::new();
    let mut failures = Vec::new();
    for root in &roots {
        let spec = root.strip_prefix(dir).unwrap_or(root).display().to_string();
        let crate_name = crate_name_for(&spec);
        let config = Config::named(&crate_name);
        let started = Instant::now();
        let generated = codegen::build_ir(root, &config).and_then(|api| {
            codegen::emit::emit(&api, &config)
                .map(|krate| (api, krate))
                .map_err(codegen::Error::Emit)
        });
        let millis = started.elapsed().as_millis();
        let (api, krate) = match generated {
            Ok(found) => found,
            Err(err) => {
                failures.push(format!("{spec}: {err}"));
                continue;
            }
        };
        codegen::write::write_crate(&krate, &out.join(&crate_name)).map_err(|e| e.to_string())?;
        let has_tests = copy_tests(&spec, &out.join(&crate_name))?;
        let declared = declared_operations(root);
        let mut entry = entry(spec, crate_name, &api, &krate, millis, declared);
        entry.tests = has_tests.then(String::new);
        entries.push(entry);
    }
    let members: Vec<String> = entries
        .iter()
        .map(|e| format!("{:?}", e.crate_name))
        .collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus`.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    for entry in &mut entries {
        entry.check = cargo_check(&out, &entry.crate_name)?;
        if entry.tests.is_some() && entry.check == "ok" {
            entry.tests = Some(cargo_test(&out, &entry.crate_name)?);
        }
    }
    print_table(&entries);
    for entry in &entries {
        for warning in &entry.warnings {
            println!("skipped in {}: {warning}", entry.spec);
        }
    }
    failures.extend(entries.iter().filter_map(unexplained_skips));
    failures.extend(
        entries
            .iter()
            .filter(|e| e.check != "ok")
            .map(|e| format!("{}: cargo check: {}", e.spec, e.check)),
    );
    failures.extend(
        entries
            .iter()
            .filter_map(|e| Some((e, e.tests.as_deref()?)))
            .filter(|(_, result)| !result.starts_with("ok"))
            .map(|(e, result)| format!("{}: tests: {result}", e.spec)),
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn entry(
    spec: String,
    crate_name: String,
    api: &Api,
    krate: &codegen::emit::Crate,
    millis: u128,
    declared: usize,
) -> Entry {
    let lines = krate
        .files
        .iter()
        .filter(|f| !f.path.starts_with("src/runtime/"))
        .map(|f| f.contents.lines().count())
        .sum();
    let skipped = api
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("operation skipped"))
        .count();
    let reasons = skip_reasons(api);
    Entry {
        spec,
        crate_name,
        operations: api.operations.len(),
        declared,
        skipped,
        reasons,
        types: api.types.len(),
        long_names: {
            let stats = api.name_stats(40);
            (
                stats.over_limit,
                stats.over_limit - stats.spec_chosen_over_limit,
            )
        },
        lines,
        millis,
        warnings: api
            .warnings
            .iter()
            .map(|w| format!("{}: {}", w.location, w.message))
            .collect(),
        check: String::new(),
        tests: None,
    }
}

/// Skipped operations grouped by reason (the warning's text after `operation skipped: `,
/// cut short), so the table says why each one is missing.
fn skip_reasons(api: &Api) -> Vec<(String, usize)> {
    let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
    for warning in &api.warnings {
        if let Some(reason) = warning.message.strip_prefix("operation skipped: ") {
            let short: String = reason.chars().take(80).collect();
            *reasons.entry(short).or_default() += 1;
        }
    }
    reasons.into_iter().collect()
}

/// A failure when operations the document declares are neither generated nor named
/// as skipped (with a reason) in the table.
fn unexplained_skips(e: &Entry) -> Option<String> {
    let accounted = e.operations + e.skipped;
    (accounted < e.declared).then(|| {
        format!(
            "{}: {} of {} declared operations are missing without a reason              ({} generated, {} skipped with a warning)",
            e.spec,
            e.declared - accounted,
            e.declared,
            e.operations,
            e.skipped
        )
    })
}

/// How many operations the document declares: HTTP methods under each path item,
/// following a path item's `$ref`. An unreadable document counts as none (generation
/// reports it).
fn declared_operations(root: &Path) -> usize {
    const METHODS: &[&str] = &[
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Ok(spec) = codegen::load::load(root) else {
        return 0;
    };
    let paths_loc = spec.root_location().child("paths");
    let Some(serde_yaml::Value::Mapping(paths)) = spec.get(&paths_loc) else {
        return 0;
    };
    paths
        .iter()
        .filter_map(|(key, item)| {
            let mut item = item;
            let mut loc = paths_loc.child(key.as_str()?);
            for _ in 0..8 {
                let Some(reference) = item.get("$ref").and_then(serde_yaml::Value::as_str) else {
                    break;
                };
                loc = spec.target(loc.file, reference)?;
                item = spec.get(&loc)?;
            }
            Some(METHODS.iter().filter(|m| item.get(**m).is_some()).count())
        })
        .sum()
}

/// `cargo check` of one member; "ok" when it passes without warnings.
fn cargo_check(workspace: &Path, crate_name: &str) -> Result<String, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--quiet",
            "--message-format",
            "short",
            "-p",
            crate_name,
            // The blocking client's resources are checked too: they carry every name.
            "--features",
            "blocking",
        ])
        .current_dir(workspace)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning:") || l.contains("error"))
        .collect();
    Ok(match (output.status.success(), problems.len()) {
        (true, 0) => "ok".to_string(),
        (true, n) => format!("{n} warning(s): {}", problems.first().unwrap_or(&"")),
        (false, _) => format!(
            "failed: {}",
            problems.first().copied().unwrap_or("see cargo output")
        ),
    })
}

/// Copies `tests/corpus/<spec folder>/*.rs` into the generated crate's `tests/`.
fn copy_tests(spec: &str, crate_dir: &Path) -> Result<bool, String> {
    let folder = spec.split('/').next().unwrap_or(spec);
    let source = workspace_root().join("tests/corpus").join(folder);
    let Ok(entries) = std::fs::read_dir(&source) else {
        return Ok(false);
    };
    let target = crate_dir.join("tests");
    std::fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
    let mut copied = false;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let to = target.join(entry.file_name());
            std::fs::copy(&path, &to).map_err(|e| format!("{}: {e}", to.display()))?;
            copied = true;
        }
    }
    Ok(copied)
}

/// `cargo test` of one member's integration tests; "ok (N passed)" or the failure.
fn cargo_test(workspace: &Path, crate_name: &str) -> Result<String, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--quiet", "--test", "*", "-p", crate_name])
        .current_dir(workspace)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let passed: usize = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum();
    Ok(if output.status.success() {
        format!("ok ({passed} passed)")
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let failed: Vec<&str> = stdout
            .lines()
            .chain(stderr.lines())
            .filter(|l| l.contains("FAILED") || l.contains("panicked") || l.starts_with("error"))
            .take(3)
            .collect();
        format!("failed: {}", failed.join("; "))
    })
}

fn print_table(entries: &[Entry]) {
    println!("| spec | operations | skipped | skipped because | types | names > 40 (chosen) | lines | generate | cargo check | chat round trip |");
    println!("|---|---:|---:|---|---:|---:|---:|---:|---|---|");
    for e in entries {
        let reasons: Vec<String> = e
            .reasons
            .iter()
            .map(|(reason, n)| format!("{n}× {reason}"))
            .collect();
        println!(
            "| {} | {} | {} | {} | {} | {} ({}) | {} | {} ms | {} | {} |",
            e.spec,
            e.operations,
            e.skipped,
            if reasons.is_empty() {
                "-".to_string()
            } else {
                reasons.join("; ")
            },
            e.types,
            e.long_names.0,
            e.long_names.1,
            e.lines,
            e.millis,
            e.check,
            e.tests.as_deref().unwrap_or("-")
        );
    }
}

/// Files under `dir` whose first lines declare `openapi:` or `swagger:`.
fn find_roots(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if is_root_document(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_root_document(path: &Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    if !matches!(extension, "yaml" | "yml" | "json") {
        return false;
    }
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    text.lines().take(40).any(|line| {
        let line = line.trim_start_matches('{').trim();
        ["openapi:", "swagger:", "\"openapi\":", "\"swagger\":"]
            .iter()
            .any(|k| line.starts_with(k))
    })
}

fn crate_name_for(spec: &str) -> String {
    let folder = spec.split('/').next().unwrap_or(spec);
    let name: String = folder
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("corpus_{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> PathBuf {
        workspace_root().join("tests/fixtures").join(name)
    }

    #[test]
    fn a_skipped_operation_is_counted_with_its_reason() {
        let root = fixture("bad/unsendable_body.yaml");
        let api = codegen::build_ir(&root, &Config::named("x")).unwrap();
        assert_eq!(declared_operations(&root), 2);
        let reasons = skip_reasons(&api);
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].0.contains("text/event-stream"), "{reasons:?}");
    }

    #[test]
    fn operations_missing_without_a_warning_fail_the_run() {
        let mut e = Entry {
            spec: "s.yaml".into(),
            crate_name: "c".into(),
            operations: 3,
            declared: 5,
            skipped: 1,
            reasons: Vec::new(),
            types: 0,
            long_names: (0, 0),
            lines: 0,
            millis: 0,
            warnings: Vec::new(),
            check: String::new(),
            tests: None,
        };
        let failure = unexplained_skips(&e).expect("one operation is unaccounted for");
        assert!(failure.contains("1 of 5"), "{failure}");
        e.skipped = 2;
        assert!(unexplained_skips(&e).is_none());
    }
}
