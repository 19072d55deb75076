//! SSE and NDJSON streams over a real connection.

mod support;

use std::time::Duration;

use gradient::reqwest::Method;
use gradient::{Client, Error, NdjsonStream, RequestOptions, SseStream, StreamExt};
use serde::Deserialize;
use serde_json::{json, Value};
use support::{Framing, Reply, TestServer};

#[derive(Debug, Deserialize, PartialEq)]
struct Chunk {
    id: String,
    choices: Vec<Choice>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Choice {
    index: u32,
    delta: Delta,
    finish_reason: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Default)]
struct Delta {
    role: Option<String>,
    content: Option<String>,
}

fn client(server: &TestServer) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap()
}

async fn open<T: serde::de::DeserializeOwned>(c: &Client) -> Result<SseStream<T>, Error> {
    c.request_sse::<_, T>(
        Method::POST,
        "/chat/completions",
        Some(&json!({"model": "m", "stream": true})),
        &RequestOptions::new(),
    )
    .await
}

fn chunk_event(content: &str) -> String {
    format!(
        "data: {}\n\n",
        json!({"id":"c1","choices":[{"index":0,"delta":{"content":content},"finish_reason":null}]})
    )
}

/// A realistic stream body with comments, CRLF, a multi-byte character and
/// the `[DONE]` sentinel.
fn body() -> String {
    let mut s = String::from(": ping\r\n\r\n");
    s.push_str(&format!(
        "data: {}\r\n\r\n",
        json!({"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]})
    ));
    for word in ["Hé", "llo ", "wörld ", "😀"] {
        s.push_str(&chunk_event(word));
    }
    s.push_str(&format!(
        "data: {}\n\n",
        json!({"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]})
    ));
    s.push_str("data: [DONE]\n\n");
    s
}

fn text_of(chunks: &[Chunk]) -> String {
    chunks
        .iter()
        .filter_map(|c| c.choices[0].delta.content.clone())
        .collect()
}

#[tokio::test]
async fn sse_over_network_with_reads_split_at_odd_places() {
    let b = body();
    for sizes in [&[1usize][..], &[2, 3], &[7], &[5, 1, 13], &[64], &[100_000]] {
        let server = TestServer::start(vec![Reply::sse_split(&b, sizes)]).await;
        let c = client(&server);
        let stream = open::<Chunk>(&c).await.unwrap();
        assert_eq!(stream.status().as_u16(), 200);
        let items: Vec<Chunk> = stream.map(|r| r.unwrap()).collect().await;
        assert_eq!(items.len(), 6, "sizes {sizes:?}");
        assert_eq!(text_of(&items), "Héllo wörld 😀");
        assert_eq!(items[5].choices[0].finish_reason.as_deref(), Some("stop"));
        let req = &server.requests()[0];
        assert_eq!(req.header("accept"), Some("text/event-stream"));
        assert_eq!(req.header("x-retry-count"), Some("0"));
    }
}

#[tokio::test]
async fn sse_close_delimited_body() {
    let server =
        TestServer::start(vec![Reply::sse_split(&body(), &[3]).framing(Framing::Close)]).await;
    let items: Vec<Chunk> = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
        .await;
    assert_eq!(text_of(&items), "Héllo wörld 😀");
}

#[tokio::test]
async fn sse_error_event_mid_stream() {
    let server = TestServer::start(vec![Reply::sse(&[
        &chunk_event("partial"),
        "event: error\ndata: {\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}\n\n",
        &chunk_event("never"),
    ])])
    .await;
    let mut s = open::<Chunk>(&client(&server)).await.unwrap();
    assert_eq!(
        s.next().await.unwrap().unwrap().choices[0]
            .delta
            .content
            .as_deref(),
        Some("partial")
    );
    match s.next().await.unwrap() {
        Err(Error::Stream {
            message,
            event,
            body,
            ..
        }) => {
            assert_eq!(message, "model overloaded");
            assert_eq!(event.as_deref(), Some("error"));
            assert_eq!(body.unwrap()["error"]["type"], "server_error");
        }
        other => panic!("{other:?}"),
    }
    assert!(s.next().await.is_none());
}

#[tokio::test]
async fn sse_error_payload_mid_stream() {
    let server = TestServer::start(vec![Reply::sse(&[
        &chunk_event("a"),
        "data: {\"error\":{\"message\":\"rate limited mid-stream\"}}\n\n",
    ])])
    .await;
    let items: Vec<_> = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    let err = items[1].as_ref().unwrap_err();
    assert!(matches!(err, Error::Stream { .. }));
    assert_eq!(
        err.to_string(),
        "error received in stream: rate limited mid-stream"
    );
}

#[tokio::test]
async fn sse_early_close_discards_partial_event() {
    // The body ends cleanly in the middle of an event.
    let server = TestServer::start(vec![Reply::sse(&[
        &chunk_event("kept"),
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lost\"}}]}\n",
    ])])
    .await;
    let items: Vec<_> = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .collect()
        .await;
    // The partial event is dropped; as `[DONE]` never came, the stream then
    // says it was cut off.
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].as_ref().unwrap().choices[0]
            .delta
            .content
            .as_deref(),
        Some("kept")
    );
    assert!(items[1].as_ref().unwrap_err().is_incomplete());
}

#[tokio::test]
async fn sse_connection_cut_mid_body_is_an_error_item() {
    // Chunked body without its terminator: the connection broke.
    let server = TestServer::start(vec![
        Reply::sse(&[&chunk_event("a"), "data: {\"id\""]).truncated(),
        Reply::sse(&[&chunk_event("retried?")]),
    ])
    .await;
    let items: Vec<_> = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].is_ok());
    assert!(items[1].as_ref().unwrap_err().is_connection(), "{items:?}");
    // Once data was handed over, nothing is retried.
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn sse_http_error_before_first_event_is_returned_by_the_call() {
    let server = TestServer::start(vec![Reply::json(
        400,
        r#"{"error":{"message":"stream not supported for this model"}}"#,
    )])
    .await;
    let err = open::<Chunk>(&client(&server)).await.unwrap_err();
    let api = err.as_api().unwrap();
    assert!(api.is_bad_request());
    assert_eq!(api.message(), "stream not supported for this model");
}

#[tokio::test]
async fn sse_retried_before_the_stream_starts() {
    let server = TestServer::start(vec![
        Reply::json(503, "{}").header("retry-after-ms", "5"),
        Reply::Drop,
        Reply::sse(&[&chunk_event("ok"), "data: [DONE]\n\n"]),
    ])
    .await;
    let items: Vec<Chunk> = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
        .await;
    assert_eq!(text_of(&items), "ok");
    let counts: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.header("x-retry-count").unwrap().to_string())
        .collect();
    assert_eq!(counts, vec!["0", "1", "2"]);
}

#[tokio::test]
async fn sse_stalled_stream_times_out() {
    let server = TestServer::start(vec![
        Reply::sse(&[&chunk_event("first")]).stall(Duration::from_secs(5))
    ])
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let mut s = open::<Chunk>(&c).await.unwrap();
    assert!(s.next().await.unwrap().is_ok());
    let err = s.next().await.unwrap().unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(s.next().await.is_none());
}

#[tokio::test]
async fn sse_decode_error_reports_path_and_continues() {
    let server = TestServer::start(vec![Reply::sse(&[
        "data: {\"id\":\"c1\",\"choices\":[{\"index\":\"zero\",\"delta\":{}}]}\n\n",
        &chunk_event("fine"),
    ])])
    .await;
    let items: Vec<_> = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .collect()
        .await;
    match &items[0] {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "choices[0].index"),
        other => panic!("{other:?}"),
    }
    assert!(items[1].is_ok());
}

#[tokio::test]
async fn sse_accumulate_over_network() {
    let tool_call_chunks = [
        json!({"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":""}}]}}]}),
        json!({"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"q\":"}}]}}]}),
        json!({"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"rust\"}"}}]}}]}),
        json!({"id":"c1","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"total_tokens":9}}),
    ];
    let body: String = tool_call_chunks
        .iter()
        .map(|c| format!("data: {c}\n\n"))
        .chain(std::iter::once("data: [DONE]\n\n".to_string()))
        .collect();
    let server = TestServer::start(vec![Reply::sse_split(&body, &[11])]).await;
    let merged: Value = open::<Value>(&client(&server))
        .await
        .unwrap()
        .accumulate()
        .await
        .unwrap();
    assert_eq!(
        merged["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"],
        "{\"q\":\"rust\"}"
    );
    assert_eq!(
        merged["choices"][0]["delta"]["tool_calls"][0]["id"],
        "call_1"
    );
    assert_eq!(merged["choices"][0]["delta"]["role"], "assistant");
    assert_eq!(merged["choices"][0]["finish_reason"], "tool_calls");
    assert_eq!(merged["usage"]["total_tokens"], 9);

    // Typed accumulation of a text stream.
    let server = TestServer::start(vec![Reply::sse_split(&self::body(), &[4])]).await;
    let merged: Chunk = open::<Chunk>(&client(&server))
        .await
        .unwrap()
        .accumulate()
        .await
        .unwrap();
    assert_eq!(
        merged.choices[0].delta.content.as_deref(),
        Some("Héllo wörld 😀")
    );
    assert_eq!(merged.choices[0].delta.role.as_deref(), Some("assistant"));
    assert_eq!(merged.choices[0].finish_reason.as_deref(), Some("stop"));
}

#[tokio::test]
async fn ndjson_over_network() {
    #[derive(Debug, Deserialize)]
    struct Line {
        response: String,
        done: bool,
    }
    let body = "{\"response\":\"Hel\",\"done\":false}\n\n{\"response\":\"lo\",\"done\":false}\r\n{\"response\":\"\",\"done\":true}";
    let server = TestServer::start(vec![
        Reply::sse_split(body, &[3, 5]).header("content-type", "application/x-ndjson"),
        Reply::sse(&["{\"response\":\"a\",\"done\":false}\n{\"error\":\"model 'x' not found\"}\n"]),
    ])
    .await;
    let c = client(&server);
    let s: NdjsonStream<Line> = c
        .request_ndjson(
            Method::POST,
            "/generate",
            Some(&json!({"model": "m"})),
            &RequestOptions::new(),
        )
        .await
        .unwrap();
    let lines: Vec<Line> = s.map(|r| r.unwrap()).collect().await;
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines
            .iter()
            .map(|l| l.response.as_str())
            .collect::<String>(),
        "Hello"
    );
    assert!(lines[2].done);
    assert_eq!(
        server.requests()[0].header("accept"),
        Some("application/x-ndjson")
    );

    let items: Vec<_> = c
        .request_ndjson::<_, Line>(
            Method::POST,
            "/generate",
            Some(&json!({})),
            &RequestOptions::new(),
        )
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        "error received in stream: model 'x' not found"
    );
}

#[tokio::test]
async fn dropping_a_stream_early_is_fine() {
    let server = TestServer::start(vec![
        Reply::sse(&[&chunk_event("a"), &chunk_event("b")]).stall(Duration::from_secs(5)),
        Reply::json(200, "{}"),
    ])
    .await;
    let c = client(&server);
    let mut s = open::<Chunk>(&c).await.unwrap();
    assert!(s.next().await.unwrap().is_ok());
    s.close();
    assert!(s.next().await.is_none());
    drop(s);
    // The client keeps working.
    c.request_json::<(), Value>(Method::GET, "/x", None, &RequestOptions::new())
        .await
        .unwrap();
}
