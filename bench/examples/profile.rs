//! One benchmark case in a loop, for a profiler (the criterion harness runs
//! every group's setup, which would drown the case in a profile):
//!
//! ```sh
//! CARGO_PROFILE_RELEASE_DEBUG=true cargo build --release -p bench --example profile
//! perf record -g target/release/examples/profile decode_1mb gradient 300
//! valgrind --tool=callgrind target/release/examples/profile stream gradient 3
//! target/release/examples/profile phases ../shared/specs/openai/openapi.yaml 5
//! ```
//!
//! Cases: `decode_1kb`, `decode_1mb`, `decode_request`, `stream`, `encode` (sides `gradient`,
//! `async_openai`; `stream` also `floor`); `generate`, `yaml_floor` and
//! `phases` (load / lower / emit timed apart) with a spec path as the side;
//! `generate_wide` with a number of operations (`bench::wide_spec`) as the side.
//! The time per iteration excludes setup; under callgrind, subtract a run
//! with fewer iterations to leave setup out of the counts too.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use async_openai::types::chat::{
    CreateChatCompletionRequest, CreateChatCompletionResponse, CreateChatCompletionStreamResponse,
};
use bytes::Bytes;
use futures_util::StreamExt as _;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [case, side, rest @ ..] = args.as_slice() else {
        eprintln!("usage: profile CASE SIDE [ITERATIONS]");
        std::process::exit(2);
    };
    let n: usize = rest.first().and_then(|s| s.parse().ok()).unwrap_or(100);
    let mut routine = setup(case, side);
    let started = Instant::now();
    for _ in 0..n {
        routine();
    }
    eprintln!(
        "{case} {side}: {n} iterations, {:?} each",
        started.elapsed() / n as u32
    );
}

fn setup(case: &str, side: &str) -> Box<dyn FnMut()> {
    let side = side.to_string();
    match case {
        "decode_1kb" | "decode_1mb" => {
            let text = if case == "decode_1kb" {
                bench::small_completion()
            } else {
                bench::large_completion(1 << 20)
            };
            let bytes = text.into_bytes();
            if side == "gradient" {
                Box::new(move || {
                    black_box(
                        gradient::decode::from_slice::<gradient::ChatCompletion>(&bytes).unwrap(),
                    );
                })
            } else {
                Box::new(move || {
                    black_box(
                        serde_json::from_slice::<CreateChatCompletionResponse>(&bytes).unwrap(),
                    );
                })
            }
        }
        "decode_request" => {
            let bytes = serde_json::to_vec(&bench::request_value(100)).expect("serializes");
            if side == "gradient" {
                Box::new(move || {
                    black_box(
                        gradient::decode::from_slice::<gradient::ChatCompletionRequest>(&bytes)
                            .unwrap(),
                    );
                })
            } else {
                Box::new(move || {
                    black_box(
                        serde_json::from_slice::<CreateChatCompletionRequest>(&bytes).unwrap(),
                    );
                })
            }
        }
        "stream" => {
            let payloads = bench::chunk_payloads(10_000);
            let body = bench::sse_body(&payloads);
            let mut parts = Vec::new();
            let mut at = 0;
            for size in bench::read_sizes(body.len(), 42) {
                parts.push(Bytes::copy_from_slice(&body[at..at + size]));
                at += size;
            }
            let rt = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            Box::new(move || match side.as_str() {
                "gradient" => rt.block_on(async {
                    let body = futures_util::stream::iter(
                        parts.clone().into_iter().map(Ok::<_, gradient::Error>),
                    );
                    let mut s =
                        gradient::SseStream::<gradient::ChatCompletionChunk>::from_byte_stream(
                            body,
                        );
                    while let Some(item) = s.next().await {
                        black_box(item.unwrap());
                    }
                }),
                "async_openai" => rt.block_on(async {
                    let body = futures_util::stream::iter(
                        parts.clone().into_iter().map(Ok::<_, std::io::Error>),
                    );
                    let mut events = std::pin::pin!(eventsource_stream::EventStream::new(body));
                    while let Some(event) = events.next().await {
                        let event = event.unwrap();
                        if event.data == "[DONE]" {
                            break;
                        }
                        black_box(
                            serde_json::from_str::<CreateChatCompletionStreamResponse>(&event.data)
                                .unwrap(),
                        );
                    }
                }),
                _ => {
                    for p in &payloads {
                        black_box(
                            serde_json::from_str::<gradient::ChatCompletionChunk>(p).unwrap(),
                        );
                    }
                }
            })
        }
        "encode" => {
            let value = bench::request_value(100);
            let ours: gradient::ChatCompletionRequest =
                serde_json::from_value(value.clone()).unwrap();
            let theirs: CreateChatCompletionRequest = serde_json::from_value(value).unwrap();
            if side == "gradient" {
                Box::new(move || {
                    black_box(serde_json::to_vec(&ours).unwrap());
                })
            } else {
                Box::new(move || {
                    black_box(serde_json::to_vec(&theirs).unwrap());
                })
            }
        }
        "generate" => {
            let config = codegen::Config::named("profiled");
            Box::new(move || {
                black_box(codegen::generate(Path::new(&side), &config).unwrap());
            })
        }
        "generate_wide" => {
            // `side` is a number of operations: the width series' synthetic spec.
            let operations: usize = side.parse().expect("a number of operations");
            let dir = std::env::temp_dir().join(format!("profile-wide-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("wide.yaml");
            std::fs::write(&path, bench::wide_spec(operations)).unwrap();
            let config = codegen::Config::named("wide");
            Box::new(move || {
                black_box(codegen::generate(&path, &config).unwrap());
            })
        }
        "yaml_floor" => Box::new(move || {
            let text = std::fs::read(&side).unwrap();
            black_box(serde_yaml::from_slice::<bench::YamlTree>(&text).unwrap());
        }),
        "phases" => {
            let config = codegen::Config::named("profiled");
            let options = codegen::lower::LowerOptions {
                reserved_type_names: codegen::emit::RUNTIME_TYPE_NAMES
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                ..Default::default()
            };
            let mut total = [Duration::ZERO; 3];
            let mut runs = 0u32;
            Box::new(move || {
                let t0 = Instant::now();
                let spec = codegen::load::load(Path::new(&side)).unwrap();
                let t1 = Instant::now();
                let api = codegen::lower::lower(&spec, &options).unwrap();
                let t2 = Instant::now();
                black_box(codegen::emit::emit(&api, &config).unwrap());
                let t3 = Instant::now();
                for (slot, d) in total.iter_mut().zip([t1 - t0, t2 - t1, t3 - t2]) {
                    *slot += d;
                }
                runs += 1;
                eprintln!(
                    "load {:?}  lower {:?}  emit {:?}  (mean of {runs})",
                    total[0] / runs,
                    total[1] / runs,
                    total[2] / runs
                );
            })
        }
        _ => {
            eprintln!("unknown case {case}");
            std::process::exit(2);
        }
    }
}
