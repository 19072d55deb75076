//! `gradient` (the generated client) and `codegen` (the generator) against
//! async-openai, eventsource-stream and plain serde, on the same inputs.
//!
//! Run through `cargo xtask bench [--quick]`, which also prints the table of
//! medians and ratios. Benchmark ids (group/function) are read back by
//! `xtask/src/bench.rs`: keep the two in step.
//!
//! Environment: `BENCH_QUICK=1` for CI-sized sample counts; `CRITERION_HOME`
//! for where results go (criterion's own variable). Facts about the inputs
//! (sizes, counts) are written to `$CRITERION_HOME/gradient-bench-meta.tsv`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use async_openai::types::chat::{
    CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse,
};
use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use futures_util::StreamExt as _;

fn quick() -> bool {
    std::env::var_os("BENCH_QUICK").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Where criterion writes (the same rule criterion follows, minus `cargo
/// metadata`: `xtask bench` always sets `CRITERION_HOME`).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("criterion")
}

/// Appends `key\tvalue` to the meta file read by `xtask bench`.
fn meta(key: &str, value: impl std::fmt::Display) {
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
fn config() -> Criterion {
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

// ---------------------------------------------------------------------------
// 1. Response decode: bytes -> typed completion.

fn response_decode(c: &mut Criterion) {
    for (name, text) in [
        ("response_decode_1kb", bench::small_completion()),
        ("response_decode_1mb", bench::large_completion(1 << 20)),
    ] {
        let bytes = text.into_bytes();
        meta(&format!("{name}.bytes"), bytes.len());
        // Both must accept the same document, or the comparison is void.
        let ours: gradient::ChatCompletion = serde_json::from_slice(&bytes).expect("gradient");
        let theirs: CreateChatCompletionResponse =
            serde_json::from_slice(&bytes).expect("async-openai");
        assert_eq!(ours.choices.len(), theirs.choices.len());

        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("gradient", |b| {
            b.iter(|| {
                serde_json::from_slice::<gradient::ChatCompletion>(black_box(&bytes)).unwrap()
            })
        });
        g.bench_function("async_openai", |b| {
            b.iter(|| {
                serde_json::from_slice::<CreateChatCompletionResponse>(black_box(&bytes)).unwrap()
            })
        });
        g.finish();
    }
}

// ---------------------------------------------------------------------------
// 2. Stream decode: an SSE body in reads of 1 B .. 16 KiB -> typed chunks.

const EVENTS: usize = 10_000;

/// Ours: the runtime's SSE framing and payload decoding, as a client uses it.
async fn gradient_stream(parts: Vec<Bytes>) -> usize {
    let body = futures_util::stream::iter(parts.into_iter().map(Ok::<_, gradient::Error>));
    let mut stream = gradient::SseStream::<gradient::ChatCompletionChunk>::from_byte_stream(body);
    let mut n = 0;
    while let Some(item) = stream.next().await {
        black_box(item.expect("chunk"));
        n += 1;
    }
    n
}

/// async-openai 0.43's `stream_mapped_raw_events` + `stream` (client.rs),
/// minus the task it spawns and the unbounded channel it sends each item
/// through: so this is a lower bound on async-openai's real cost.
async fn async_openai_stream(parts: Vec<Bytes>) -> usize {
    let body = futures_util::stream::iter(parts.into_iter().map(Ok::<_, std::io::Error>));
    let mut events = std::pin::pin!(eventsource_stream::EventStream::new(body));
    let mut n = 0;
    while let Some(event) = events.next().await {
        let event = event.expect("event");
        if event.data == "[DONE]" {
            break;
        }
        if event.event == "keepalive" {
            continue;
        }
        let chunk = serde_json::from_str::<CreateChatCompletionStreamResponse>(&event.data)
            .map_err(|e| e.to_string());
        black_box(chunk.expect("chunk"));
        n += 1;
    }
    n
}

fn stream_decode(c: &mut Criterion) {
    let payloads = bench::chunk_payloads(EVENTS);
    let body = bench::sse_body(&payloads);
    let sizes = bench::read_sizes(body.len(), 42);
    let mut parts = Vec::with_capacity(sizes.len());
    let mut at = 0;
    for size in &sizes {
        parts.push(Bytes::copy_from_slice(&body[at..at + size]));
        at += size;
    }
    meta("stream_decode.bytes", body.len());
    meta("stream_decode.events", EVENTS);
    meta("stream_decode.reads", parts.len());

    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    assert_eq!(rt.block_on(gradient_stream(parts.clone())), EVENTS);
    assert_eq!(rt.block_on(async_openai_stream(parts.clone())), EVENTS);

    let mut g = c.benchmark_group("stream_decode");
    g.throughput(Throughput::Elements(EVENTS as u64));
    if quick() {
        // 10-25 ms an iteration: room for ten samples.
        g.measurement_time(Duration::from_secs(3));
    }
    g.bench_function("gradient", |b| {
        b.iter(|| rt.block_on(gradient_stream(black_box(parts.clone()))))
    });
    g.bench_function("async_openai", |b| {
        b.iter(|| rt.block_on(async_openai_stream(black_box(parts.clone()))))
    });
    g.bench_function("floor_serde_json", |b| {
        b.iter(|| {
            for p in &payloads {
                black_box(
                    serde_json::from_str::<gradient::ChatCompletionChunk>(black_box(p)).unwrap(),
                );
            }
        })
    });
    g.finish();
}

// ---------------------------------------------------------------------------
// 3. Request encode: typed request -> JSON bytes.

fn request_encode(c: &mut Criterion) {
    let value = bench::request_value(100);
    let ours: gradient::ChatCompletionRequest =
        serde_json::from_value(value.clone()).expect("gradient request");
    let theirs: CreateChatCompletionRequest =
        serde_json::from_value(value.clone()).expect("async-openai request");
    // Same content: both encode to the same JSON, up to nulls.
    let mut a: serde_json::Value =
        serde_json::from_slice(&serde_json::to_vec(&ours).unwrap()).unwrap();
    let mut b: serde_json::Value =
        serde_json::from_slice(&serde_json::to_vec(&theirs).unwrap()).unwrap();
    let mut expected = value;
    for v in [&mut a, &mut b, &mut expected] {
        bench::strip_nulls(v);
    }
    assert_eq!(a, expected, "gradient encodes the request as given");
    assert_eq!(b, expected, "async-openai encodes the request as given");
    meta("request_encode.messages", 100);
    meta(
        "request_encode.bytes",
        serde_json::to_vec(&ours).unwrap().len(),
    );

    let mut g = c.benchmark_group("request_encode");
    g.bench_function("gradient", |bch| {
        bch.iter(|| serde_json::to_vec(black_box(&ours)).unwrap())
    });
    g.bench_function("async_openai", |bch| {
        bch.iter(|| serde_json::to_vec(black_box(&theirs)).unwrap())
    });
    g.finish();
}

// ---------------------------------------------------------------------------
// 4. Generation: spec file -> formatted Rust files (load, lower, emit).

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

fn generation(c: &mut Criterion) {
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

criterion_group! {
    name = benches;
    config = config();
    targets = response_decode, stream_decode, request_encode, generation
}
criterion_main!(benches);
