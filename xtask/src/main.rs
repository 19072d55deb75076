//! Project tasks: `cargo xtask generate | check | corpus | bench | features | bench-features`.

mod args;
mod bench;
mod bench_instructions;
mod corpus;
mod features;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use args::Args;

/// Generation allocates and frees millions of small nodes (tokens, syntax trees, strings);
/// mimalloc serves them faster than the system allocator (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Makes mimalloc hand freed memory back to the system at once rather than after a
/// delay, and commit arena memory as it is used: peak memory then follows what
/// generation holds (about 60 MiB for the OpenAI spec instead of 125), at no cost in
/// time. The numbers are mimalloc's `mi_option_e` (the same in its 2.1 and 3 series);
/// an option mimalloc does not know is ignored.
fn return_freed_memory() {
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is allowed at any time; mimalloc reads them as it goes.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

const USAGE: &str = "usage:
  cargo xtask generate [--spec PATH] [--config PATH] [--out DIR] [--crate-name NAME]
      write the client crate (default: spec/openapi.yaml -> generated/, and every
      tests/clients/NAME/openapi.yaml -> tests/clients/NAME/generated/)
  cargo xtask check [--spec PATH] [--config PATH] [--out DIR]
      fail when DIR (default: every crate generate writes) differs from what generate would write
  cargo xtask corpus DIR
      generate and `cargo check` a crate for every OpenAPI document under DIR
  cargo xtask bench [--quick]
      run the benchmarks and print medians and ratios against the baselines
  cargo xtask features
      `cargo check` the checked-in crates with no feature group, one, two and all; no warnings
  cargo xtask bench-features [--spec PATH] [--group NAME]
      time a debug build of a generated crate (default: the OpenAI spec) with all features
      and with one group (default: chat)";

fn main() -> ExitCode {
    return_freed_memory();
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let result = match argv.first().map(String::as_str) {
        Some("generate") => each_target(&argv[1..], generate),
        Some("check") => each_target(&argv[1..], check),
        Some("bench") => bench::run(&argv[1..]),
        Some("features") => features::matrix(),
        Some("bench-features") => features::bench(&argv[1..]),
        Some("corpus") => match argv.get(1) {
            Some(dir) => corpus::run(Path::new(dir)),
            None => Err(USAGE.to_string()),
        },
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (this crate's parent folder).
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Runs `task` on the crate the options name, or, with no options, on every checked-in crate.
fn each_target(argv: &[String], task: fn(&Args) -> Result<(), String>) -> Result<(), String> {
    if !argv.is_empty() {
        return task(&Args::parse(argv)?);
    }
    let targets = args::checked_in_targets()?;
    let failures: Vec<String> = targets.iter().filter_map(|a| task(a).err()).collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}

fn generate(args: &Args) -> Result<(), String> {
    let (krate, api_warnings) = args::build(args)?;
    for warning in &api_warnings {
        eprintln!("warning: {}: {}", warning.location, warning.message);
    }
    let root = workspace_root();
    codegen::write::write_crate_protecting(&krate, &args.out, &args.protected(&root))
        .map_err(|e| e.to_string())?;
    eprintln!(
        "wrote {} files to {}",
        krate.files.len(),
        args.out.display()
    );
    Ok(())
}

fn check(args: &Args) -> Result<(), String> {
    let (krate, _) = args::build(args)?;
    let differences = codegen::write::compare(&krate, &args.out).map_err(|e| e.to_string())?;
    if differences.is_empty() {
        eprintln!("{} is up to date", args.out.display());
        return Ok(());
    }
    Err(format!(
        "{} is stale; run `cargo xtask generate`:\n  {}",
        args.out.display(),
        differences.join("\n  ")
    ))
}
