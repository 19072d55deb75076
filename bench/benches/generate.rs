//! The generator (`codegen`): spec file -> formatted Rust files, against the floor of
//! parsing the same file with serde_yaml, in the same run.
//!
//! Run through `cargo xtask bench [--quick]`. Benchmark ids (group/function) are read
//! back by `xtask/src/bench.rs`: keep the two in step.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bench::harness::{config, meta, quick};
use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};

/// The allocator `cargo xtask generate` runs with, so that what is measured here is
/// what users of the generator get (with the same options: `xtask/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn allocator_options_of_xtask() {
    // mimalloc's `mi_option_e` numbers, as in `return_freed_memory` in xtask.
    const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: setting an option is allowed at any time; mimalloc reads them as it goes.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn generation(c: &mut Criterion) {
    allocator_options_of_xtask();
    let root = workspace();
    let mut g = c.benchmark_group("generate");
    // About a second an iteration for the OpenAI spec: ten flat samples.
    g.sampling_mode(SamplingMode::Flat).sample_size(10);
    if quick() {
        g.warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
    } else {
        g.warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(12));
    }

    let mut specs: Vec<(String, PathBuf, codegen::Config)> = Vec::new();
    let project = root.join("spec/openapi.yaml");
    let project_config =
        codegen::Config::read(&root.join("spec/config.yaml")).expect("spec/config.yaml");
    specs.push(("project".into(), project, project_config));

    let openai = root.join("../shared/specs/openai/openapi.yaml");
    let cut_dir = std::env::temp_dir().join(format!("gradient-bench-{}", std::process::id()));
    if openai.exists() {
        let text = std::fs::read_to_string(&openai).expect("read the OpenAI spec");
        specs.push((
            "openai".into(),
            openai.clone(),
            codegen::Config::named("openai"),
        ));
        std::fs::create_dir_all(&cut_dir).expect("temp dir");
        let (whole, paths) = bench::cut_spec(&text, 100).expect("cut the OpenAI spec");
        // The cut keeps the text byte for byte: at 100% it is the spec itself,
        // so `openai` is also the 100% point of the series.
        assert_eq!(whole, text);
        meta("openai.paths", paths);
        for percent in [10, 25, 50] {
            let (cut, kept) = bench::cut_spec(&text, percent).expect("cut the OpenAI spec");
            let path = cut_dir.join(format!("openai_{percent}.yaml"));
            std::fs::write(&path, &cut).expect("write the cut spec");
            let name = format!("openai_{percent}");
            meta(&format!("{name}.paths"), kept);
            meta(&format!("{name}.bytes"), cut.len());
            specs.push((name, path, codegen::Config::named("openai")));
        }
    } else {
        println!(
            "note: {} is absent: skipping the OpenAI generation benchmarks",
            openai.display()
        );
        meta("openai.absent", 1);
    }

    // Width: many small operations, to show time grows linearly with them.
    std::fs::create_dir_all(&cut_dir).expect("temp dir");
    for operations in [1000, 4000] {
        let path = cut_dir.join(format!("wide_{operations}.yaml"));
        std::fs::write(&path, bench::wide_spec(operations)).expect("write the wide spec");
        let name = format!("wide_{operations}");
        meta(&format!("{name}.operations"), operations);
        specs.push((name, path, codegen::Config::named("wide")));
    }

    for (name, path, config) in &specs {
        let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        meta(&format!("{name}.bytes"), bytes);
        if let Err(e) = codegen::generate(path, config) {
            println!("note: generating {name} fails ({e}): skipped");
            continue;
        }
        g.bench_function(name.as_str(), |b| {
            b.iter(|| codegen::generate(black_box(path), config).unwrap())
        });
        if name == "openai" {
            phases(&mut g, name, path, config);
        }
        if name == "project" || name == "openai" {
            g.bench_function(format!("{name}_yaml_floor"), |b| {
                b.iter(|| {
                    let text = std::fs::read(black_box(path)).unwrap();
                    serde_yaml::from_slice::<bench::YamlTree>(&text).unwrap()
                })
            });
        }
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&cut_dir);
    let mut note = String::new();
    for (name, _, _) in &specs {
        let _ = write!(note, "{name} ");
    }
    meta("generate.specs", note.trim_end());
}

/// Each stage on its own (load, lower, emit), to show where generation spends its time.
fn phases(g: &mut BenchmarkGroup<'_, WallTime>, name: &str, path: &Path, config: &codegen::Config) {
    let options = codegen::load::LoadOptions::default();
    g.bench_function(format!("{name}_load"), |b| {
        b.iter(|| codegen::load::load_with(black_box(path), &options).unwrap())
    });
    let spec = codegen::load::load_with(path, &options).unwrap();
    g.bench_function(format!("{name}_lower"), |b| {
        b.iter(|| codegen::lower_loaded(black_box(&spec), config).unwrap())
    });
    let api = codegen::lower_loaded(&spec, config).unwrap();
    g.bench_function(format!("{name}_emit"), |b| {
        b.iter(|| codegen::emit::emit(black_box(&api), config).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = config();
    targets = generation
}
criterion_main!(benches);
