//! What every benchmark binary shares: sample sizes, where criterion writes, and the
//! meta file of input facts that `xtask bench` reads back.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::Criterion;

/// Whether `BENCH_QUICK` asks for CI-sized sample counts.
pub fn quick() -> bool {
    std::env::var_os("BENCH_QUICK").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Where criterion writes (the same rule criterion follows, minus `cargo
/// metadata`: `xtask bench` always sets `CRITERION_HOME`).
pub fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("criterion")
}

/// Appends `key\tvalue` to the meta file read by `xtask bench`.
pub fn meta(key: &str, value: impl std::fmt::Display) {
    use std::io::Write as _;
    let home = criterion_home();
    let _ = std::fs::create_dir_all(&home);
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(home.join("gradient-bench-meta.tsv"))
    {
        let _ = writeln!(f, "{key}\t{value}");
    }
}

/// Sample counts and times: CI-sized with `BENCH_QUICK=1`.
pub fn config() -> Criterion {
    let base = Criterion::default();
    if quick() {
        base.sample_size(10)
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_secs(1))
    } else {
        base.sample_size(50)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(5))
    }
}
