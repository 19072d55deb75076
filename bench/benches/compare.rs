//! `gradient` (the generated client) against async-openai, eventsource-stream and
//! plain serde, on the same inputs. The generator's benchmarks are in `generate.rs`.
//!
//! Run through `cargo xtask bench [--quick]`, which also prints the table of
//! medians and ratios. Benchmark ids (group/function) are read back by
//! `xtask/src/bench.rs`: keep the two in step.
//!
//! Environment: `BENCH_QUICK=1` for CI-sized sample counts; `CRITERION_HOME`
//! for where results go (criterion's own variable). Facts about the inputs
//! (sizes, counts) are written to `$CRITERION_HOME/gradient-bench-meta.tsv`.

use std::hint::black_box;
use std::time::Duration;

use async_openai::types::chat::{
    CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse,
};
use bench::harness::{config, meta, quick};
use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use futures_util::StreamExt as _;

// ---------------------------------------------------------------------------
// 1. Response decode: bytes -> typed completion, each through its client's own path: ours
// `decode::from_slice` (the runtime's reader), async-openai's `serde_json::from_slice`.

fn response_decode(c: &mut Criterion) {
    for (name, text) in [
        ("response_decode_1kb", bench::small_completion()),
        ("response_decode_1mb", bench::large_completion(1 << 20)),
    ] {
        let bytes = text.into_bytes();
        meta(&format!("{name}.bytes"), bytes.len());
        // Both must accept the same document, or the comparison is void.
        let ours: gradient::ChatCompletion =
            gradient::decode::from_slice(&bytes).expect("gradient");
        let theirs: CreateChatCompletionResponse =
            serde_json::from_slice(&bytes).expect("async-openai");
        assert_eq!(ours.choices.len(), theirs.choices.len());

        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function("gradient", |b| {
            b.iter(|| {
                gradient::decode::from_slice::<gradient::ChatCompletion>(black_box(&bytes)).unwrap()
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
// 4. Request decode: JSON bytes -> typed request. Each message is a union tagged by
// `role` and a content part one tagged by `type`, so this is the case for unions.

fn request_decode(c: &mut Criterion) {
    let bytes = serde_json::to_vec(&bench::request_value(100)).expect("serializes");
    let ours: gradient::ChatCompletionRequest =
        gradient::decode::from_slice(&bytes).expect("gradient");
    let theirs: CreateChatCompletionRequest = serde_json::from_slice(&bytes).expect("async-openai");
    assert_eq!(ours.messages.len(), theirs.messages.len());
    meta("request_decode.bytes", bytes.len());

    let mut g = c.benchmark_group("request_decode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("gradient", |b| {
        b.iter(|| {
            gradient::decode::from_slice::<gradient::ChatCompletionRequest>(black_box(&bytes))
                .unwrap()
        })
    });
    g.bench_function("async_openai", |b| {
        b.iter(|| serde_json::from_slice::<CreateChatCompletionRequest>(black_box(&bytes)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = response_decode, stream_decode, request_encode, request_decode
}
criterion_main!(benches);
