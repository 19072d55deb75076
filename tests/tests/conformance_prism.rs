//! Conformance of the generated `gradient` client against Prism, the mock
//! server Stainless SDKs are tested with (`@stainless-api/prism-cli`).
//!
//! Prism validates every request against `spec/openapi.yaml` and answers 422
//! with the violations in its `sl-violations` header when a request breaks the
//! spec; otherwise it answers with the spec's static example. So each request
//! the client builds here must come back 200 and decode into the typed
//! response, and deliberately invalid requests must come back 422.
//!
//! Prism is installed by `scripts/prism-install` into `target/prism/` (or
//! given with `PRISM_BIN`). Without it these tests fail; they never skip.
//!
//! Each test starts its own Prism (`prism mock SPEC -h 127.0.0.1 -p PORT
//! --dynamic=false --errors`: static examples, and a response that breaks its
//! schema is an error too) and kills it when the test ends, also on panic. Within a
//! test every scenario runs even when an earlier one fails; the test then
//! fails listing all of them.

use std::collections::BTreeMap;
use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use gradient::{
    AssistantMessage, CacheControl, CacheTtl, ChatCompletion, ChatCompletionChunk,
    ChatCompletionRequest, Client, DeveloperMessage, FunctionCall, FunctionDefinition,
    FunctionName, ImageDetail, ImagePart, ImageUrl, Message, NamedToolChoice, ReasoningEffort,
    RequestOptions, StreamExt, StreamOptions, SystemMessage, TextContent, TextPart, Tool, ToolCall,
    ToolChoiceMode, ToolMessage, UserContentPart, UserMessage, VideoPart, VideoUrl,
};
use serde_json::{json, Value};

/// How long Prism may take to start listening.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
/// Per-request timeout of the client and of raw requests.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Upper bound on the chunks read from one stream.
const MAX_CHUNKS: usize = 1000;
const MODEL: &str = "llama3-8b-instruct";
const API_KEY: &str = "prism-test-key";

// ---------------------------------------------------------------- Prism process

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
        .to_path_buf()
}

/// `PRISM_BIN`, else `<workspace>/target/prism/node_modules/.bin/prism`.
/// Panics (never skips) when it is missing.
fn prism_bin() -> PathBuf {
    if let Some(bin) = std::env::var_os("PRISM_BIN") {
        let bin = PathBuf::from(bin);
        assert!(
            bin.is_file(),
            "PRISM_BIN is set to {}, which is not a file. Unset it and run \
             `scripts/prism-install`, or point it at a `prism` binary.",
            bin.display()
        );
        return bin;
    }
    let bin = workspace_root().join("target/prism/node_modules/.bin/prism");
    assert!(
        bin.is_file(),
        "Prism is not installed: {} does not exist.\n\
         Run `scripts/prism-install` (it installs the pinned @stainless-api/prism-cli into \
         target/prism/), or set PRISM_BIN to a `prism` binary.",
        bin.display()
    );
    bin
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("could not find a free port on 127.0.0.1")
}

/// A running `prism mock`, killed when dropped (also while unwinding).
struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    /// Starts Prism on `spec` and waits until it accepts connections.
    fn start(name: &str, spec: &Path) -> Prism {
        let bin = prism_bin();
        assert!(spec.is_file(), "spec {} not found", spec.display());
        let log_dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
        let mut last_failure = String::new();
        // A port found free can be taken before Prism binds it: try a few.
        for _ in 0..3 {
            let port = free_port();
            let log = log_dir.join(format!("prism-{name}-{port}.log"));
            let out = File::create(&log).expect("create the Prism log file");
            let err = out.try_clone().expect("clone the Prism log file handle");
            let child = Command::new(&bin)
                .arg("mock")
                .arg(spec)
                .args(["-h", "127.0.0.1", "-p", &port.to_string()])
                // Static examples: deterministic responses.
                .arg("--dynamic=false")
                // Response violations are errors too: the spec's own
                // examples must match its response schemas.
                .arg("--errors")
                .stdin(Stdio::null())
                .stdout(out)
                .stderr(err)
                .spawn()
                .unwrap_or_else(|e| {
                    panic!(
                        "could not run {} (is Node.js installed? run `scripts/prism-install`): {e}",
                        bin.display()
                    )
                });
            let mut prism = Prism { child, port, log };
            match prism.wait_ready() {
                Ok(()) => return prism,
                Err(failure) if failure.contains("EADDRINUSE") => last_failure = failure,
                Err(failure) => panic!("{failure}"),
            }
        }
        panic!("{last_failure}")
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "Prism exited ({status}) before accepting connections on port {}.\n{}",
                    self.port,
                    self.log_text()
                ));
            }
            // Prism's own "listening" line, so that another process that
            // took the port in the meantime is not mistaken for it.
            let listening = format!("Prism is listening on http://{addr}");
            if std::fs::read_to_string(&self.log).is_ok_and(|log| log.contains(&listening))
                && TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
            {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!(
                    "Prism did not accept connections on {addr} within {STARTUP_TIMEOUT:?}.\n{}",
                    self.log_text()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn base_url(&self) -> String {
        // Prism serves the paths as written under `paths:`, without the
        // server URL's `/v1` prefix (`/v1/chat/completions` is a 404 there).
        format!("http://127.0.0.1:{}", self.port)
    }

    fn client(&self) -> Client {
        Client::builder()
            .api_key(API_KEY)
            .base_url(self.base_url())
            .timeout(REQUEST_TIMEOUT)
            .max_retries(0)
            .build()
            .expect("build the client")
    }

    fn log_text(&self) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().take(40).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        format!(
            "--- Prism log ({}), last lines ---\n{}",
            self.log.display(),
            tail.join("\n")
        )
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Keep the log of a failed test for a look; drop the others.
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

// ---------------------------------------------------------------- reporting

/// Prism's `sl-violations` header, one violation a line.
fn violations(headers: &gradient::reqwest::header::HeaderMap) -> Option<String> {
    let raw = headers
        .get("sl-violations")?
        .to_str()
        .unwrap_or("<not UTF-8>");
    let Ok(Value::Array(items)) = serde_json::from_str::<Value>(raw) else {
        return Some(raw.to_string());
    };
    let lines: Vec<String> = items
        .iter()
        .map(|v| {
            let location: Vec<String> = v["location"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .map(|p| p.as_str().map_or_else(|| p.to_string(), str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "    [{}] {} ({}): {}",
                v["severity"].as_str().unwrap_or("?"),
                location.join("."),
                v["code"],
                v["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    Some(lines.join("\n"))
}

fn describe_error<E: std::fmt::Debug>(err: &gradient::Error<E>) -> String {
    match err.as_api() {
        Some(api) => format!(
            "HTTP {}\n  sl-violations:\n{}\n  body: {}",
            api.status(),
            violations(api.headers()).unwrap_or_else(|| "    (none)".into()),
            api.body()
                .map(Value::to_string)
                .or_else(|| api.text().map(str::to_string))
                .unwrap_or_default()
        ),
        None => format!("{err} ({err:?})"),
    }
}

fn request_json(request: &ChatCompletionRequest, options_note: &str) -> String {
    let json = serde_json::to_string_pretty(request).expect("serialize the request");
    if options_note.is_empty() {
        json
    } else {
        format!("{json}\n  with RequestOptions: {options_note}")
    }
}

// ---------------------------------------------------------------- request builders

fn user(text: &str) -> Message {
    UserMessage::new(text).into()
}

fn request(messages: Vec<Message>) -> ChatCompletionRequest {
    ChatCompletionRequest::new(MODEL, messages)
}

fn object(value: Value) -> serde_json::Map<String, Value> {
    match value {
        Value::Object(map) => map,
        other => panic!("expected a JSON object, got {other}"),
    }
}

fn weather_tool() -> Tool {
    Tool::new(
        FunctionDefinition::new("get_weather")
            .description("Current weather for a city.")
            .parameters(object(json!({
                "type": "object",
                "properties": {
                    "city": {"type": "string", "description": "City name"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                    "days": {"type": "integer", "minimum": 1},
                    "nested": {
                        "type": "object",
                        "properties": {"tags": {"type": "array", "items": {"type": "string"}}}
                    }
                },
                "required": ["city"],
                "additionalProperties": false
            }))),
    )
}

fn weather_call() -> ToolCall {
    ToolCall::new(
        "call_1",
        FunctionCall::new("get_weather", r#"{"city":"Paris"}"#),
    )
}

fn cached(text: &str, ttl: Option<CacheTtl>) -> TextPart {
    let control = match ttl {
        Some(ttl) => CacheControl::new().ttl(ttl),
        None => CacheControl::new(),
    };
    TextPart::new(text).cache_control(control)
}

fn image(url: &str, detail: Option<ImageDetail>) -> ImagePart {
    let url = ImageUrl::new(url);
    ImagePart::new(match detail {
        Some(detail) => url.detail(detail),
        None => url,
    })
}

fn video(url: &str) -> VideoPart {
    VideoPart::new(VideoUrl::new(url))
}

/// A request with every optional field of the request (and of the nested
/// types it uses) set, and every message role.
fn every_optional_field() -> ChatCompletionRequest {
    request(vec![
        SystemMessage::new(vec![cached("Be brief.", Some(CacheTtl::V1h))]).into(),
        DeveloperMessage::new(cached("Prefer metric units.", Some(CacheTtl::V5m))).into(),
        UserMessage::new(vec![
            UserContentPart::from(cached("What is in these?", Some(CacheTtl::V5m))),
            image("https://example.com/a.png", Some(ImageDetail::High)).into(),
            video("https://example.com/a.mp4").into(),
        ])
        .into(),
        AssistantMessage::new()
            .content("Let me check the weather.")
            .tool_calls(vec![weather_call()])
            .into(),
        ToolMessage::new(vec![cached("18C, sunny", None)], "call_1").into(),
    ])
    .frequency_penalty(0.5)
    .logit_bias(BTreeMap::from([
        ("50256".to_string(), -100),
        ("1234".to_string(), 100),
    ]))
    .logprobs(true)
    .max_completion_tokens(256)
    .max_tokens(512)
    .metadata(BTreeMap::from([
        ("session".to_string(), "abc".to_string()),
        ("team".to_string(), "sdk".to_string()),
    ]))
    .n(2)
    .presence_penalty(-0.5)
    .reasoning_effort(ReasoningEffort::Medium)
    .stop(vec!["\n\n".to_string(), "END".to_string()])
    .stream(false)
    .stream_options(StreamOptions::new().include_usage(true))
    .temperature(0.7)
    .tool_choice(NamedToolChoice::new(FunctionName::new("get_weather")))
    .tools(vec![
        weather_tool(),
        Tool::new(FunctionDefinition::new("no_params-2")),
    ])
    .top_logprobs(5)
    .top_p(0.9)
    .user("user-1234")
}

/// Requests the spec allows: Prism must answer each with 200.
fn valid_requests() -> Vec<(&'static str, ChatCompletionRequest)> {
    vec![
        (
            "minimal: one user message, string content",
            request(vec![user("Hello")]),
        ),
        (
            "system message, string content",
            request(vec![
                SystemMessage::new("You are terse.").into(),
                user("Hi"),
            ]),
        ),
        (
            "system message, single text part with cache_control (ttl 5m)",
            request(vec![
                SystemMessage::new(cached("You are terse.", Some(CacheTtl::V5m))).into(),
                user("Hi"),
            ]),
        ),
        (
            "system message, array of text parts (cache_control with and without ttl)",
            request(vec![
                SystemMessage::new(vec![
                    TextPart::new("Rule one."),
                    cached("Rule two.", None),
                    cached("Rule three.", Some(CacheTtl::V1h)),
                ])
                .into(),
                user("Hi"),
            ]),
        ),
        (
            "developer message, string content",
            request(vec![
                DeveloperMessage::new("Answer in French.").into(),
                user("Hi"),
            ]),
        ),
        (
            "developer message, single text part",
            request(vec![
                DeveloperMessage::new(TextPart::new("Answer in French.")).into(),
                user("Hi"),
            ]),
        ),
        (
            "developer message, array of text parts",
            request(vec![
                DeveloperMessage::new(vec![TextPart::new("A."), cached("B.", Some(CacheTtl::V1h))])
                    .into(),
                user("Hi"),
            ]),
        ),
        (
            "user message, single text part with cache_control",
            request(vec![
                UserMessage::new(cached("Hi", Some(CacheTtl::V1h))).into()
            ]),
        ),
        (
            "user message, single image_url part without detail",
            request(vec![UserMessage::new(image(
                "https://example.com/cat.png",
                None,
            ))
            .into()]),
        ),
        (
            "user message, single image_url part (data URL, detail low)",
            request(vec![UserMessage::new(image(
                "data:image/png;base64,iVBORw0KGgo=",
                Some(ImageDetail::Low),
            ))
            .into()]),
        ),
        (
            "user message, single video_url part",
            request(vec![UserMessage::new(video(
                "https://example.com/clip.mp4",
            ))
            .into()]),
        ),
        (
            "user message, array of every part kind and image detail",
            request(vec![UserMessage::new(vec![
                UserContentPart::from(TextPart::new("Describe these.")),
                cached("Cached context.", Some(CacheTtl::V5m)).into(),
                image("https://example.com/a.png", Some(ImageDetail::Auto)).into(),
                image("https://example.com/b.png", Some(ImageDetail::Low)).into(),
                image("https://example.com/c.png", Some(ImageDetail::High)).into(),
                video("https://example.com/d.mp4").into(),
            ])
            .into()]),
        ),
        (
            "assistant message, string content",
            request(vec![
                user("Hi"),
                AssistantMessage::new().content("Hello!").into(),
                user("How are you?"),
            ]),
        ),
        (
            "assistant message, single text part",
            request(vec![
                user("Hi"),
                AssistantMessage::new()
                    .content(TextPart::new("Hello!"))
                    .into(),
                user("Again"),
            ]),
        ),
        (
            "assistant message, array of text parts",
            request(vec![
                user("Hi"),
                AssistantMessage::new()
                    .content(TextContent::from(vec![
                        TextPart::new("Hel"),
                        TextPart::new("lo"),
                    ]))
                    .into(),
                user("Again"),
            ]),
        ),
        (
            "assistant message, tool_calls only (no content), then tool message with string",
            request(vec![
                user("Weather in Paris?"),
                AssistantMessage::new()
                    .tool_calls(vec![weather_call()])
                    .into(),
                ToolMessage::new("18C, sunny", "call_1").into(),
            ])
            .tools(vec![weather_tool()]),
        ),
        (
            "tool message, single text part",
            request(vec![
                user("Weather in Paris?"),
                AssistantMessage::new()
                    .tool_calls(vec![weather_call()])
                    .into(),
                ToolMessage::new(TextPart::new("18C"), "call_1").into(),
            ]),
        ),
        (
            "tool message, array of text parts with cache_control",
            request(vec![
                user("Weather in Paris?"),
                AssistantMessage::new()
                    .tool_calls(vec![weather_call()])
                    .into(),
                ToolMessage::new(
                    vec![TextPart::new("18C"), cached("sunny", Some(CacheTtl::V5m))],
                    "call_1",
                )
                .into(),
            ]),
        ),
        ("stop as a string", request(vec![user("Count")]).stop("\n")),
        (
            "stop as an array of 4",
            request(vec![user("Count")]).stop(vec![
                "a".to_string(),
                "b".to_string(),
                "c".to_string(),
                "d".to_string(),
            ]),
        ),
        (
            "tool_choice \"none\"",
            request(vec![user("Hi")])
                .tools(vec![weather_tool()])
                .tool_choice(ToolChoiceMode::None),
        ),
        (
            "tool_choice \"auto\"",
            request(vec![user("Hi")])
                .tools(vec![weather_tool()])
                .tool_choice(ToolChoiceMode::Auto),
        ),
        (
            "tool_choice \"required\"",
            request(vec![user("Hi")])
                .tools(vec![weather_tool()])
                .tool_choice(ToolChoiceMode::Required),
        ),
        (
            "tool_choice as a named function object",
            request(vec![user("Hi")])
                .tools(vec![weather_tool()])
                .tool_choice(NamedToolChoice::new(FunctionName::new("get_weather"))),
        ),
        (
            "tools: one with parameters, one with only a name",
            request(vec![user("Hi")]).tools(vec![
                weather_tool(),
                Tool::new(FunctionDefinition::new("ping")),
            ]),
        ),
        (
            "every reasoning_effort value is accepted (xhigh)",
            request(vec![user("Hi")]).reasoning_effort(ReasoningEffort::Xhigh),
        ),
        (
            "numeric bounds at their limits",
            request(vec![user("Hi")])
                .frequency_penalty(-2.0)
                .presence_penalty(2.0)
                .temperature(2.0)
                .top_p(0.0)
                .top_logprobs(20)
                .logprobs(true)
                .n(1),
        ),
        (
            "assistant message with neither content nor tool_calls",
            request(vec![
                user("Hi"),
                AssistantMessage::new().into(),
                user("Hi again"),
            ]),
        ),
        (
            "empty tools, logit_bias and metadata",
            request(vec![user("Hi")])
                .tools(Vec::new())
                .logit_bias(BTreeMap::new())
                .metadata(BTreeMap::new()),
        ),
        ("every optional field set", every_optional_field()),
        (
            "unknown extra body property (the schema leaves additionalProperties open)",
            {
                let mut req = request(vec![user("Hi")]);
                req.extra.insert("vendor_flag".into(), json!(true));
                req
            },
        ),
    ]
}

/// A request Prism must reject, and text its violations must mention.
struct Invalid {
    name: &'static str,
    request: ChatCompletionRequest,
    options: RequestOptions,
    options_note: &'static str,
    expect_in_violations: &'static str,
}

fn invalid(name: &'static str, request: ChatCompletionRequest, expect: &'static str) -> Invalid {
    Invalid {
        name,
        request,
        options: RequestOptions::new(),
        options_note: "",
        expect_in_violations: expect,
    }
}

/// Requests the typed client can be made to send but that break the spec.
fn invalid_requests() -> Vec<Invalid> {
    vec![
        Invalid {
            name: "empty messages array (overridden with RequestOptions::body_field)",
            request: request(vec![user("Hi")]),
            options: RequestOptions::new().body_field("messages", json!([])),
            options_note: r#"body_field("messages", [])"#,
            expect_in_violations: "messages must NOT have fewer than 1 items",
        },
        invalid(
            "temperature above its maximum",
            request(vec![user("Hi")]).temperature(5.0),
            "temperature must be <= 2",
        ),
        invalid(
            "stop with 5 sequences (maxItems 4)",
            request(vec![user("Hi")]).stop(vec!["a".to_string(); 5]),
            "stop",
        ),
        invalid(
            "unknown image detail (an open enum lets it through the client)",
            request(vec![UserMessage::new(image(
                "https://example.com/a.png",
                Some(ImageDetail::from("ultra")),
            ))
            .into()]),
            "detail",
        ),
        invalid(
            "function name breaking its pattern",
            request(vec![user("Hi")]).tools(vec![Tool::new(FunctionDefinition::new("bad name"))]),
            "must match pattern",
        ),
        invalid(
            "unknown message role (Message::Other)",
            request(vec![Message::Other(
                json!({"role": "narrator", "content": "x"}),
            )]),
            "role",
        ),
        invalid(
            "top_logprobs above its maximum",
            request(vec![user("Hi")]).logprobs(true).top_logprobs(21),
            "top_logprobs must be <= 20",
        ),
    ]
}

/// The spec's static 200 example, as the typed response.
fn check_example_completion(body: &ChatCompletion) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut expect = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_string());
        }
    };
    expect(body.id == "id", "id == \"id\"");
    expect(body.model == "model", "model == \"model\"");
    expect(body.created == 0, "created == 0");
    expect(body.extra.is_empty(), "no unknown top-level fields");
    expect(body.choices.len() == 1, "one choice");
    if let Some(choice) = body.choices.first() {
        expect(choice.index == 0, "choices[0].index == 0");
        expect(
            choice.finish_reason == gradient::FinishReason::Stop,
            "finish_reason == stop",
        );
        let m = &choice.message;
        expect(m.content.as_deref() == Some("content"), "message.content");
        expect(
            m.reasoning_content.as_deref() == Some("reasoning_content"),
            "message.reasoning_content",
        );
        expect(m.refusal.as_deref() == Some("refusal"), "message.refusal");
        let call = m.tool_calls.as_ref().and_then(|c| c.first());
        expect(
            call.is_some_and(|c| {
                c.id == "id" && c.function.name == "name" && c.function.arguments == "arguments"
            }),
            "message.tool_calls[0]",
        );
        let logprobs = choice.logprobs.get();
        let token = logprobs
            .and_then(|l| l.content.get())
            .and_then(|c| c.first());
        expect(
            token.is_some_and(|t| {
                t.token == "token"
                    && t.bytes.as_deref() == Some(&[0][..])
                    && t.top_logprobs.len() == 1
            }),
            "logprobs.content[0]",
        );
        expect(
            logprobs.and_then(|l| l.refusal.get()).is_some(),
            "logprobs.refusal",
        );
    }
    let usage = body.usage.get();
    expect(usage.is_some(), "usage present");
    expect(
        usage
            .and_then(|u| u.cache_creation.as_ref())
            .is_some_and(|c| {
                c.ephemeral_1h_input_tokens == Some(0) && c.ephemeral_5m_input_tokens == Some(0)
            }),
        "usage.cache_creation",
    );
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "decoded, but differs from the spec's example: {problems:?}\n  decoded: {body:?}"
        ))
    }
}

/// JSON with every number as a float, so that `0` and `0.0` (an `f64`
/// field re-encoding an integer literal) compare equal.
fn numbers_as_f64(value: Value) -> Value {
    match value {
        Value::Number(n) => json!(n.as_f64()),
        Value::Array(items) => Value::Array(items.into_iter().map(numbers_as_f64).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, numbers_as_f64(v)))
                .collect(),
        ),
        other => other,
    }
}

fn finish(failures: Vec<String>, what: &str, total: usize, prism: &Prism) {
    if !failures.is_empty() {
        panic!(
            "{} of {total} {what} failed:\n\n{}\n\n{}",
            failures.len(),
            failures.join("\n\n"),
            prism.log_text()
        );
    }
}

// ---------------------------------------------------------------- tests

/// Every valid request is accepted and its response decodes; every invalid
/// one is rejected; the streaming request is accepted. All against the real
/// `spec/openapi.yaml`.
#[tokio::test]
async fn requests_conform_to_the_spec() {
    let prism = Prism::start("spec", &workspace_root().join("spec/openapi.yaml"));
    let client = prism.client();
    let completions = client.chat();
    let completions = completions.completions();

    // Accepted: 200, no violations, and the body decodes.
    let valid = valid_requests();
    let total = valid.len();
    let mut failures = Vec::new();
    for (name, req) in &valid {
        match completions
            .create_with_options(req, &RequestOptions::default())
            .await
        {
            Ok(resp) => {
                let mut problems = Vec::new();
                if resp.status != 200 {
                    problems.push(format!("status {} (expected 200)", resp.status));
                }
                if let Some(v) = violations(&resp.headers) {
                    problems.push(format!("sl-violations on a 200:\n{v}"));
                }
                if let Err(e) = check_example_completion(&resp.body) {
                    problems.push(e);
                }
                if !problems.is_empty() {
                    failures.push(format!(
                        "[{name}] {}\n  request: {}",
                        problems.join("; "),
                        request_json(req, "")
                    ));
                }
            }
            Err(e) => failures.push(format!(
                "[{name}] Prism did not accept the request: {}\n  request: {}",
                describe_error(&e),
                request_json(req, "")
            )),
        }
    }
    finish(failures, "valid requests", total, &prism);

    // Rejected: 422 with the expected violation (proves the check can fail).
    let invalid = invalid_requests();
    let total = invalid.len();
    let mut failures = Vec::new();
    for case in &invalid {
        let sent = request_json(&case.request, case.options_note);
        match completions
            .create_with_options(&case.request, &case.options)
            .await
        {
            Ok(resp) => failures.push(format!(
                "[{}] Prism accepted it (HTTP {}), expected 422\n  request: {sent}",
                case.name, resp.status
            )),
            Err(e) => {
                let api = e.as_api();
                let found = api
                    .and_then(|a| violations(a.headers()))
                    .unwrap_or_default();
                let is_422 = api.is_some_and(|a| a.status() == 422);
                if !is_422 || !found.contains(case.expect_in_violations) {
                    failures.push(format!(
                        "[{}] expected 422 with a violation mentioning {:?}, got {}\n  request: {sent}",
                        case.name,
                        case.expect_in_violations,
                        describe_error(&e)
                    ));
                }
            }
        }
    }
    finish(failures, "invalid requests", total, &prism);

    // Rejected, sent as raw JSON with reqwest: no `model`, and no credentials.
    let http = gradient::reqwest::Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap();
    let url = format!("{}/chat/completions", prism.base_url());
    let raw_cases: [(&str, Value, bool, u16, &str); 3] = [
        (
            "raw JSON without `model`",
            json!({"messages": [{"role": "user", "content": "Hi"}]}),
            true,
            422,
            "must have required property 'model'",
        ),
        (
            "raw JSON with an empty `messages` array",
            json!({"model": MODEL, "messages": []}),
            true,
            422,
            "messages must NOT have fewer than 1 items",
        ),
        (
            "no Authorization header (bearer_auth is required)",
            json!({"model": MODEL, "messages": [{"role": "user", "content": "Hi"}]}),
            false,
            401,
            "Invalid security scheme used",
        ),
    ];
    let mut failures = Vec::new();
    for (name, body, auth, want_status, want) in &raw_cases {
        let mut req = http.post(&url).json(body);
        if *auth {
            req = req.bearer_auth(API_KEY);
        }
        let resp = req.send().await.expect("send a raw request to Prism");
        let status = resp.status().as_u16();
        let found = violations(resp.headers()).unwrap_or_default();
        let text = resp.text().await.unwrap_or_default();
        if status != *want_status || !found.contains(want) {
            failures.push(format!(
                "[{name}] expected {want_status} with {want:?}, got {status}\n  sl-violations:\n{found}\n  body: {text}\n  request: {body}"
            ));
        }
    }
    finish(failures, "raw invalid requests", raw_cases.len(), &prism);

    // The raw 200 body survives a typed decode and re-encode unchanged.
    let raw: Value = http
        .post(&url)
        .bearer_auth(API_KEY)
        .json(&request(vec![user("Hi")]))
        .send()
        .await
        .expect("send a raw request to Prism")
        .json()
        .await
        .expect("Prism's 200 body is JSON");
    let typed: ChatCompletion =
        serde_json::from_value(raw.clone()).expect("Prism's 200 body decodes as ChatCompletion");
    assert_eq!(
        numbers_as_f64(serde_json::to_value(&typed).unwrap()),
        numbers_as_f64(raw),
        "ChatCompletion does not round-trip Prism's response"
    );

    // Streaming against the real spec. Its `text/event-stream` response has a
    // schema (ChatCompletionChunk) but no example, and Prism serves only
    // strings as `text/*`: it validates the request, then fails to serialise
    // the mock (500 NO_COMPLEX_OBJECT_TEXT). A request that breaks the spec
    // gets 422 first, so a 500 without request violations still proves the
    // request was accepted. Should Prism ever serve a stream here, its chunks
    // must decode. (Decoding a Prism SSE body is covered by the next test.)
    for (name, req) in [
        ("minimal", request(vec![user("Hi")])),
        (
            "every optional field",
            every_optional_field().stream_options(StreamOptions::new().include_usage(true)),
        ),
    ] {
        match completions.create_stream(&req).await {
            Ok(mut stream) => {
                let mut chunks = 0;
                while let Some(chunk) = stream.next().await {
                    let chunk: ChatCompletionChunk = chunk
                        .unwrap_or_else(|e| panic!("[stream: {name}] a chunk did not decode: {e}"));
                    assert!(chunk.extra.is_empty(), "unknown fields in {chunk:?}");
                    chunks += 1;
                    assert!(chunks <= MAX_CHUNKS, "[stream: {name}] too many chunks");
                }
                assert!(chunks > 0, "[stream: {name}] the stream had no chunks");
            }
            Err(e) => {
                let api = e.as_api().unwrap_or_else(|| {
                    panic!("[stream: {name}] request failed: {}", describe_error(&e))
                });
                let request_violations = violations(api.headers())
                    .unwrap_or_default()
                    .lines()
                    .any(|line| line.contains("] request"));
                assert!(
                    api.status() == 500 && !request_violations,
                    "[stream: {name}] Prism did not accept the streaming request: {}\n  \
                     request (sent with \"stream\": true): {}",
                    describe_error(&e),
                    request_json(&req, "")
                );
                let kind = api
                    .body()
                    .and_then(|b| b["type"].as_str())
                    .unwrap_or_default();
                eprintln!(
                    "[stream: {name}] request accepted; Prism could not mock the SSE response \
                     ({} {kind})",
                    api.status()
                );
            }
        }
    }

    // An invalid streaming request is rejected before any of that.
    let err = completions
        .create_stream_with_options(
            &request(vec![user("Hi")]),
            &RequestOptions::new().body_field("messages", json!([])),
        )
        .await
        .expect_err("Prism must reject a streaming request with no messages");
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(422),
        "{}",
        describe_error(&err)
    );
}

/// Streaming decode against Prism serving a recorded SSE body
/// (`tests/prism/sse.yaml`, whose request schema is the real spec's
/// `ChatCompletionRequest` by `$ref`).
#[tokio::test]
async fn streaming_decodes_prism_sse_mock() {
    let prism = Prism::start("sse", &workspace_root().join("tests/prism/sse.yaml"));
    let client = prism.client();

    let req = every_optional_field();
    let mut stream = match client.chat().completions().create_stream(&req).await {
        Ok(stream) => stream,
        Err(e) => panic!(
            "Prism did not accept the streaming request: {}\n  request: {}\n{}",
            describe_error(&e),
            request_json(&req, ""),
            prism.log_text()
        ),
    };
    assert_eq!(stream.status(), 200);
    let content_type = stream
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        content_type.starts_with("text/event-stream"),
        "content-type {content_type:?}"
    );

    let mut chunks: Vec<ChatCompletionChunk> = Vec::new();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => chunks.push(chunk),
            Err(e) => panic!("chunk {} did not decode: {e}", chunks.len()),
        }
        assert!(chunks.len() <= MAX_CHUNKS, "too many chunks");
    }

    assert_eq!(chunks.len(), 5, "chunks: {chunks:#?}");
    for chunk in &chunks {
        assert_eq!(chunk.id, "chatcmpl-1");
        assert_eq!(chunk.model, MODEL);
        assert_eq!(chunk.created, 1700000000);
        assert!(chunk.extra.is_empty(), "unknown fields in {chunk:?}");
    }
    let text: String = chunks
        .iter()
        .flat_map(|c| &c.choices)
        .filter_map(|c| c.delta.content.as_deref())
        .collect();
    assert_eq!(text, "Hello");
    let arguments: String = chunks
        .iter()
        .flat_map(|c| &c.choices)
        .flat_map(|c| c.delta.tool_calls.iter().flatten())
        .filter_map(|t| t.function.as_ref().and_then(|f| f.arguments.as_deref()))
        .collect();
    assert_eq!(arguments, r#"{"city":"Paris"}"#);
    let first_call = chunks[2].choices[0].delta.tool_calls.as_ref().unwrap();
    assert_eq!(first_call[0].id.as_deref(), Some("call_1"));
    assert_eq!(
        first_call[0].function.as_ref().unwrap().name.as_deref(),
        Some("get_weather")
    );
    assert_eq!(
        chunks[3].choices[0].finish_reason,
        Some(gradient::FinishReason::ToolCalls)
    );
    let usage = chunks[4].usage.get().expect("the last chunk has usage");
    assert!(chunks[4].choices.is_empty());
    assert_eq!(
        (
            usage.prompt_tokens,
            usage.completion_tokens,
            usage.total_tokens
        ),
        (12, 7, 19)
    );
    assert!(chunks[..4].iter().all(|c| c.usage.get().is_none()));

    // The same stream folded into one chunk by the client's accumulator.
    let folded: ChatCompletionChunk = client
        .chat()
        .completions()
        .create_stream(&request(vec![user("Hi")]))
        .await
        .expect("second streaming request")
        .accumulate()
        .await
        .expect("accumulate the stream");
    let choice = &folded.choices[0];
    assert_eq!(choice.delta.content.as_deref(), Some("Hello"));
    let call = &choice.delta.tool_calls.as_ref().expect("folded tool call")[0];
    assert_eq!(
        call.function.as_ref().and_then(|f| f.arguments.as_deref()),
        Some(r#"{"city":"Paris"}"#)
    );

    // The fixture validates requests with the real schema: an invalid one is
    // rejected here too.
    let err = client
        .chat()
        .completions()
        .create_stream(&request(vec![user("Hi")]).temperature(9.0))
        .await
        .expect_err("Prism must reject temperature 9");
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(422),
        "{}",
        describe_error(&err)
    );
}
