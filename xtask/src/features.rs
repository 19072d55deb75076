//! `cargo xtask features`: the cargo feature build matrix of the checked-in crates, and
//! `cargo xtask bench-features`: how long a one-group build takes against a full one.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use codegen::Config;

use crate::workspace_root;

/// Crates whose feature combinations CI checks: the main crate and the fixture made
/// for this (several groups sharing types, a merged group, types no operation uses).
const MATRIX_CRATES: &[(&str, &str)] = &[
    ("spec/openapi.yaml", "spec/config.yaml"),
    (
        "tests/clients/features/openapi.yaml",
        "tests/clients/features/config.yaml",
    ),
];

/// Checks each crate of [`MATRIX_CRATES`] with no group, one, two and all (`full`): each
/// build must pass without a warning. Uses the workspace's target folder and `cargo
/// check`, so it costs little after the first run.
pub(crate) fn matrix() -> Result<(), String> {
    let root = workspace_root();
    let mut failures = Vec::new();
    for (spec, config) in MATRIX_CRATES {
        let config = Config::read(&root.join(config)).map_err(|e| e.to_string())?;
        let api = codegen::build_ir(&root.join(spec), &config).map_err(|e| e.to_string())?;
        let groups: Vec<&str> = api
            .features
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        for combo in combinations(&groups) {
            let started = Instant::now();
            let result = cargo_check(&root, &config.crate_name, combo.as_deref());
            let shown = combo.as_deref().unwrap_or("full (default)");
            let shown = if shown.is_empty() { "none" } else { shown };
            let took = started.elapsed().as_secs_f64();
            match result {
                Ok(()) => println!("ok    {} [{shown}] {took:.1}s", config.crate_name),
                Err(why) => {
                    println!("FAIL  {} [{shown}]: {why}", config.crate_name);
                    failures.push(format!("{} [{shown}]: {why}", config.crate_name));
                }
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

/// None (`Some("")`), the first group, the first two, and the default (`None`).
fn combinations(groups: &[&str]) -> Vec<Option<String>> {
    let mut out = vec![Some(String::new())];
    if let Some(first) = groups.first() {
        out.push(Some(first.to_string()));
    }
    if groups.len() > 1 {
        out.push(Some(groups[..2].join(",")));
    }
    out.push(None);
    out
}

/// `cargo check -p NAME` with only `features` (or the defaults): fails on any warning.
fn cargo_check(workspace: &Path, crate_name: &str, features: Option<&str>) -> Result<(), String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .args(["check", "--quiet", "--message-format", "short", "-p"])
        .arg(crate_name)
        .current_dir(workspace);
    if let Some(features) = features {
        command.arg("--no-default-features");
        if !features.is_empty() {
            command.args(["--features", features]);
        }
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Dependencies' lints are capped, so every warning is the generated crate's.
    let problems: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("warning") || l.contains("error"))
        .collect();
    match (output.status.success(), problems.first()) {
        (true, None) => Ok(()),
        (_, Some(first)) => Err(format!("{} problem(s), first: {first}", problems.len())),
        (false, None) => Err("cargo check failed".into()),
    }
}

/// `cargo xtask bench-features [--spec PATH] [--group NAME]`: generates the spec (by
/// default the OpenAI one beside the workspace, `../shared/specs/openai/openapi.yaml`)
/// into `target/bench-features/`, builds its dependencies once, then times a debug
/// `cargo build` of the crate alone with all features and with one group (`chat`).
pub(crate) fn bench(argv: &[String]) -> Result<(), String> {
    let root = workspace_root();
    let mut spec = root.join("../shared/specs/openai/openapi.yaml");
    let mut group = "chat".to_string();
    let mut iter = argv.iter();
    while let Some(flag) = iter.next() {
        let mut value = || {
            iter.next()
                .cloned()
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--spec" => spec = PathBuf::from(value()?),
            "--group" => group = value()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let crate_name = "bench_features_client";
    let workspace = root.join("target/bench-features");
    let config = Config::named(crate_name);
    let api = codegen::build_ir(&spec, &config).map_err(|e| e.to_string())?;
    if !api.features.groups.iter().any(|g| g.name == group) {
        let known: Vec<&str> = api
            .features
            .groups
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        return Err(format!("no group `{group}` (groups: {})", known.join(", ")));
    }
    let krate = codegen::emit::emit(&api, &config).map_err(|e| e.to_string())?;
    codegen::write::write_crate(&krate, &workspace.join(crate_name)).map_err(|e| e.to_string())?;
    let manifest = format!(
        "# Written by `cargo xtask bench-features`.\n[workspace]\nresolver = \"2\"\nmembers = [{crate_name:?}]\n"
    );
    std::fs::write(workspace.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let lines = krate.file("src/types.rs").map_or(0, |t| t.lines().count());
    println!(
        "{}: {} types ({lines} lines in types.rs), {} operations, {} groups",
        spec.display(),
        api.types.len(),
        api.operations.len(),
        api.features.groups.len()
    );
    let reached = api
        .features
        .type_groups
        .values()
        .filter(|groups| groups.iter().any(|&g| api.features.groups[g].name == group))
        .count();
    let ops = api
        .features
        .operation_groups
        .iter()
        .filter(|&&g| api.features.groups[g].name == group)
        .count();
    println!("`{group}`: {ops} operations, {reached} types");
    // Dependencies first, so both timings are of the generated crate alone.
    build(&workspace, crate_name, Some(""))?;
    let full = timed_build(&workspace, crate_name, None)?;
    let one = timed_build(&workspace, crate_name, Some(&group))?;
    println!(
        "debug build, crate only: full {:.1}s, `{group}` only {:.1}s: {:.1}% of full",
        full.as_secs_f64(),
        one.as_secs_f64(),
        100.0 * one.as_secs_f64() / full.as_secs_f64()
    );
    Ok(())
}

/// Cleans the crate's own artifacts, then times its build.
fn timed_build(
    workspace: &Path,
    crate_name: &str,
    features: Option<&str>,
) -> Result<Duration, String> {
    let status = cargo(workspace)
        .args(["clean", "--quiet", "-p", crate_name])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("cargo clean failed".into());
    }
    let started = Instant::now();
    build(workspace, crate_name, features)?;
    Ok(started.elapsed())
}

fn build(workspace: &Path, crate_name: &str, features: Option<&str>) -> Result<(), String> {
    let mut command = cargo(workspace);
    command.args(["build", "--quiet", "-p", crate_name]);
    if let Some(features) = features {
        command.arg("--no-default-features");
        if !features.is_empty() {
            command.args(["--features", features]);
        }
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo build of {crate_name} failed"))
    }
}

fn cargo(workspace: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(workspace);
    command
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_matrix_is_none_one_two_and_all() {
        assert_eq!(
            super::combinations(&["a", "b", "c"]),
            vec![
                Some(String::new()),
                Some("a".into()),
                Some("a,b".into()),
                None
            ]
        );
        assert_eq!(
            super::combinations(&["a"]),
            vec![Some(String::new()), Some("a".into()), None]
        );
    }
}
