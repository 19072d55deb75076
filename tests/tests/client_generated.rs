//! The generated operation methods on top of the runtime, end to end.
mod support;

use gradient::types::{ChatCompletion, ChatCompletionChunk, ChatCompletionRequest};
use gradient::{Client, RequestOptions, StreamExt};
use serde_json::json;
use support::{Reply, TestServer};

fn request() -> ChatCompletionRequest {
    serde_json::from_value(json!({
        "model": "llama3.3-70b-instruct",
        "messages": [{"role": "user", "content": "Hi"}]
    }))
    .unwrap()
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap()
}

const COMPLETION: &str = r#"{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#;

fn chunk(delta: serde_json::Value, finish: Option<&str>) -> String {
    format!(
        "data: {}\n\n",
        json!({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
               "choices":[{"index":0,"delta":delta,"finish_reason":finish}]})
    )
}

#[tokio::test]
async fn create_sends_the_typed_body() {
    let server = TestServer::start(vec![
        Reply::json(200, COMPLETION).header("x-request-id", "r1")
    ])
    .await;
    let c = client(&server);
    let completion: ChatCompletion = c.chat().completions().create(&request()).await.unwrap();
    let v = serde_json::to_value(&completion).unwrap();
    assert_eq!(v["choices"][0]["message"]["content"], "Hello");
    let req = &server.requests()[0];
    assert_eq!(req.target, "/v1/chat/completions");
    assert_eq!(req.json()["model"], "llama3.3-70b-instruct");
    assert!(req
        .json()
        .get("stream")
        .is_none_or(|s| s.is_null() || s == false));
}

#[tokio::test]
async fn create_with_options_merges_extras_and_returns_metadata() {
    let server = TestServer::start(vec![
        Reply::json(200, COMPLETION).header("x-request-id", "r1")
    ])
    .await;
    let c = client(&server);
    let opts = RequestOptions::new()
        .body_field("vendor_knob", 3)
        .header("x-trace", "t");
    let resp = c
        .chat()
        .completions()
        .create_with_options(&request(), &opts)
        .await
        .unwrap();
    assert_eq!(resp.request_id(), Some("r1"));
    let req = &server.requests()[0];
    assert_eq!(req.json()["vendor_knob"], 3);
    assert_eq!(req.header("x-trace"), Some("t"));
}

#[tokio::test]
async fn create_stream_sets_the_flag_and_decodes_chunks() {
    let body = [
        chunk(json!({"role":"assistant","content":""}), None),
        chunk(json!({"content":"Hel"}), None),
        chunk(json!({"content":"lo"}), None),
        chunk(json!({}), Some("stop")),
        "data: [DONE]\n\n".to_string(),
    ]
    .concat();
    let server = TestServer::start(vec![
        Reply::sse_split(&body, &[5, 17]),
        Reply::sse_split(&body, &[3]),
    ])
    .await;
    let c = client(&server);
    let stream = c
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap();
    let chunks: Vec<ChatCompletionChunk> = stream.map(|r| r.unwrap()).collect().await;
    assert_eq!(chunks.len(), 4);
    let req = &server.requests()[0];
    assert_eq!(req.json()["stream"], true);
    assert_eq!(req.header("accept"), Some("text/event-stream"));

    let merged: ChatCompletionChunk = c
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap()
        .accumulate()
        .await
        .unwrap();
    let v = serde_json::to_value(&merged).unwrap();
    assert_eq!(v["choices"][0]["delta"]["content"], "Hello");
    assert_eq!(v["choices"][0]["delta"]["role"], "assistant");
    assert_eq!(v["choices"][0]["finish_reason"], "stop");
}
