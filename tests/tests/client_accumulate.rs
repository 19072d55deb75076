//! Typed accumulation: streamed chunks fold (typed, `acc.push(&chunk)`, or with
//! `accumulate_into`) into the very value the non-streaming `create` returns for the
//! same answer, tool-call arguments included. The gradient config says how a folded
//! chunk maps onto the response (`stream.accumulate.into`: `delta` becomes `message`,
//! `object` is set, the streamed tool calls' `index` is dropped).

mod support;

use gradient::{
    AccumulateRules, Accumulator, ChatCompletion, ChatCompletionRequest, Client, StreamExt,
    UserMessage,
};
use serde_json::{json, Value};
use support::{Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap()
}

fn request() -> ChatCompletionRequest {
    ChatCompletionRequest::new("m", vec![UserMessage::new("weather?").into()])
}

/// The answer as the non-streaming endpoint sends it.
fn completion() -> Value {
    json!({
        "id": "c1", "object": "chat.completion", "created": 7, "model": "m",
        "system_fingerprint": "fp_1",
        "choices": [{
            "index": 0,
            "finish_reason": "tool_calls",
            "message": {
                "role": "assistant",
                "content": "Checking.",
                "tool_calls": [
                    {"id": "call_a", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\"city\":\"Lisbon\"}"}},
                    {"id": "call_b", "type": "function",
                     "function": {"name": "get_time", "arguments": "{}"}}
                ]
            }
        }],
        "usage": {"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}
    })
}

/// The same answer as the streaming endpoint sends it.
fn stream_body() -> String {
    let chunk = |choices: Value, usage: Value| {
        let mut c = json!({"id": "c1", "object": "chat.completion.chunk", "created": 7,
            "model": "m", "system_fingerprint": "fp_1", "choices": choices});
        if !usage.is_null() {
            c["usage"] = usage;
        }
        format!("data: {c}\n\n")
    };
    let delta =
        |d: Value, finish: Value| json!([{"index": 0, "delta": d, "finish_reason": finish}]);
    let mut body = String::new();
    body += &chunk(
        delta(json!({"role": "assistant", "content": ""}), Value::Null),
        Value::Null,
    );
    body += &chunk(delta(json!({"content": "Check"}), Value::Null), Value::Null);
    body += &chunk(delta(json!({"content": "ing."}), Value::Null), Value::Null);
    body += &chunk(
        delta(
            json!({"tool_calls": [{"index": 0, "id": "call_a", "type": "function",
                "function": {"name": "get_weather", "arguments": ""}}]}),
            Value::Null,
        ),
        Value::Null,
    );
    body += &chunk(
        delta(
            json!({"tool_calls": [{"index": 0, "function": {"arguments": "{\"ci"}}]}),
            Value::Null,
        ),
        Value::Null,
    );
    body += &chunk(
        delta(
            json!({"tool_calls": [{"index": 1, "id": "call_b", "type": "function",
                "function": {"name": "get_time", "arguments": "{}"}}]}),
            Value::Null,
        ),
        Value::Null,
    );
    body += &chunk(
        delta(
            json!({"tool_calls": [{"index": 0, "function": {"arguments": "ty\":\"Lisbon\"}"}}]}),
            Value::Null,
        ),
        Value::Null,
    );
    body += &chunk(delta(json!({}), json!("tool_calls")), Value::Null);
    // A usage-only chunk, as sent with `include_usage`.
    body += &chunk(
        json!([]),
        json!({"prompt_tokens": 5, "completion_tokens": 9, "total_tokens": 14}),
    );
    body += "data: [DONE]\n\n";
    body
}

async fn created(server: &TestServer) -> ChatCompletion {
    client(server)
        .chat()
        .completions()
        .create(&request())
        .await
        .unwrap()
}

#[tokio::test]
async fn accumulate_into_equals_what_create_returns() {
    let server = TestServer::start(vec![
        Reply::json(200, &completion().to_string()),
        Reply::sse_split(&stream_body(), &[13, 5]),
    ])
    .await;
    let expected = created(&server).await;
    let folded: ChatCompletion = client(&server)
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap()
        .accumulate_into()
        .await
        .unwrap();
    assert_eq!(folded, expected);
    let calls = folded.choices[0].message.tool_calls.as_ref().unwrap();
    assert_eq!(calls[0].function.arguments, "{\"city\":\"Lisbon\"}");
    assert_eq!(calls[1].function.name, "get_time");
    assert_eq!(
        folded.choices[0].message.content.as_deref(),
        Some("Checking.")
    );
}

#[tokio::test]
async fn typed_chunks_fold_while_they_are_printed() {
    let server = TestServer::start(vec![
        Reply::json(200, &completion().to_string()),
        Reply::sse(&[&stream_body()]),
    ])
    .await;
    let expected = created(&server).await;
    let mut stream = client(&server)
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap();
    let mut acc = Accumulator::new(AccumulateRules::for_this_api());
    let mut printed = String::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap();
        // The safe form: usage-only chunks have no choices.
        if let Some(text) = chunk
            .choices
            .first()
            .and_then(|c| c.delta.content.as_deref())
        {
            printed.push_str(text);
        }
        acc.push(&chunk);
    }
    assert_eq!(printed, "Checking.");
    assert_eq!(acc.chunks(), 9);
    assert_eq!(acc.into_response::<ChatCompletion>().unwrap(), expected);
}

#[tokio::test]
async fn a_cut_off_stream_never_becomes_a_short_response() {
    let body = stream_body();
    let cut = &body[..body.find("ty\\\"").unwrap()];
    let server = TestServer::start(vec![Reply::sse(&[cut])]).await;
    let err = client(&server)
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap()
        .accumulate_into::<ChatCompletion>()
        .await
        .unwrap_err();
    assert!(err.is_incomplete(), "{err:?}");
}
