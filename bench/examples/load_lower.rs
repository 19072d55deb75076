//! Times the load and lower stages alone, in-process and in a loop, with the
//! generator's allocator (mimalloc, as `xtask` uses), so their cost can be
//! profiled without emission's threads in the samples:
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release -p bench --example load_lower
//! target/release/examples/load_lower /work/shared/specs/openai/openapi.yaml 20
//! valgrind --tool=callgrind target/release/examples/load_lower SPEC 1
//! ```
//!
//! It prints the mean time of each stage and a count of the IR's types and
//! operations (so a run that lowers nothing is noticed).

use std::path::Path;
use std::time::{Duration, Instant};

/// The same allocator as `xtask generate`: comparing stage times across
/// allocators would mislead.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(spec) = args.first() else {
        eprintln!("usage: load_lower SPEC [ITERATIONS]");
        std::process::exit(2);
    };
    let n: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(10);
    let options = codegen::lower::LowerOptions {
        reserved_type_names: codegen::emit::RUNTIME_TYPE_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect(),
        ..Default::default()
    };
    let (mut load, mut lower) = (Duration::ZERO, Duration::ZERO);
    let mut counts = (0, 0);
    for _ in 0..n {
        let t0 = Instant::now();
        let loaded = codegen::load::load(Path::new(spec)).unwrap();
        let t1 = Instant::now();
        let api = codegen::lower::lower(&loaded, &options).unwrap();
        let t2 = Instant::now();
        load += t1 - t0;
        lower += t2 - t1;
        counts = (api.types.len(), api.operations.len());
    }
    eprintln!(
        "{n} runs: load {:?}  lower {:?}  ({} types, {} operations)",
        load / n,
        lower / n,
        counts.0,
        counts.1
    );
}
