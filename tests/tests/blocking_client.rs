//! The blocking client (`blocking` feature) against the scripted loopback server: a
//! call, a stream read as an `Iterator`, retries, typed errors, and calls from threads
//! with and without a Tokio runtime. The test threads themselves run no runtime: the
//! server runs on one of its own.

mod support;

use std::time::Duration;

use support::{Reply, TestServer};

/// A server on a runtime of its own (so the test thread stays runtime-free) and a
/// blocking client for it with fast retries.
fn serve(
    script: Vec<Reply>,
) -> (
    tokio::runtime::Runtime,
    TestServer,
    blocking_client::blocking::Client,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = runtime.block_on(TestServer::start(script));
    let client = blocking_client::Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    (runtime, server, client.into())
}

/// An event stream of two chunks, "Hel" and "lo", and its end marker.
fn hello_stream() -> Reply {
    Reply::sse(&[
        "data: {\"delta\":{\"content\":\"Hel\"}}\n\n",
        "data: {\"delta\":{\"content\":\"lo\"}}\n\n",
        "data: [DONE]\n\n",
    ])
}

fn fast(reply: Reply) -> Reply {
    reply.header("retry-after-ms", "1")
}

#[test]
fn a_call_returns_the_decoded_body_without_async() {
    let (_rt, server, client) = serve(vec![Reply::json(200, r#"{"id":"a b","name":"x"}"#)]);
    let item = client.items().retrieve("a b").unwrap();
    assert_eq!(item.id, "a b");
    assert_eq!(item.name.as_deref(), Some("x"));
    assert_eq!(server.requests()[0].path(), "/v1/items/a%20b");
}

#[test]
fn with_options_sends_the_options_and_returns_status_and_headers() {
    let (_rt, server, client) = serve(vec![
        Reply::json(201, r#"{"id":"n"}"#).header("x-request-id", "req-1")
    ]);
    let options = blocking_client::RequestOptions::new().header("x-extra", "1");
    let query = blocking_client::CreateItemQuery::new().dry_run(true);
    let body = blocking_client::Item::new("n");
    let response = client
        .items()
        .create_with_options(&query, &body, &options)
        .unwrap();
    assert_eq!(response.status.as_u16(), 201);
    assert_eq!(response.request_id(), Some("req-1"));
    assert_eq!(response.body.id, "n");
    let sent = &server.requests()[0];
    assert_eq!(sent.header("x-extra"), Some("1"));
    assert_eq!(sent.query(), Some("dry_run=true"));
    assert_eq!(sent.json()["id"], "n");
}

#[test]
fn a_stream_is_an_iterator_of_typed_items() {
    let (_rt, server, client) = serve(vec![hello_stream()]);
    let request = blocking_client::CompleteRequest::new("hi");
    let stream = client.completions().create_stream(&request).unwrap();
    assert_eq!(stream.status().as_u16(), 200);
    let texts: Vec<String> = stream
        .map(|chunk| chunk.unwrap().delta.content.unwrap())
        .take(10)
        .collect();
    assert_eq!(texts, ["Hel", "lo"]);
    assert_eq!(server.requests()[0].json()["stream"], true);
}

#[test]
fn a_stream_cut_off_before_its_end_marker_ends_with_an_error() {
    let (_rt, _server, client) = serve(vec![Reply::sse(&["data: {\"delta\":{}}\n\n"])]);
    let request = blocking_client::CompleteRequest::new("hi");
    let items: Vec<_> = client
        .completions()
        .create_stream(&request)
        .unwrap()
        .take(10)
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].is_ok());
    assert!(items[1].as_ref().unwrap_err().is_incomplete());
}

#[test]
fn a_stream_folds_into_the_non_stream_response() {
    let (_rt, _server, client) = serve(vec![hello_stream()]);
    let stream = client
        .completions()
        .create_stream(&blocking_client::CompleteRequest::new("hi"))
        .unwrap();
    let folded: blocking_client::Chunk = stream.accumulate().unwrap();
    assert_eq!(folded.delta.content.as_deref(), Some("Hello"));
}

#[test]
fn an_ndjson_stream_is_an_iterator_too() {
    let (_rt, _server, client) = serve(vec![Reply::Stream {
        status: 200,
        headers: vec![("content-type".into(), "application/x-ndjson".into())],
        chunks: vec![
            b"{\"line\":\"a\"}\n{\"li".to_vec(),
            b"ne\":\"b\"}\n".to_vec(),
        ],
        gap: Duration::from_millis(2),
        framing: support::Framing::Chunked,
        truncate: false,
        stall: Duration::ZERO,
    }]);
    let lines: Vec<String> = client
        .logs()
        .list()
        .unwrap()
        .map(|entry| entry.unwrap().line)
        .take(10)
        .collect();
    assert_eq!(lines, ["a", "b"]);
}

#[test]
fn a_download_is_an_iterator_of_chunks() {
    let (_rt, _server, client) = serve(vec![Reply::Full {
        status: 200,
        headers: vec![("content-type".into(), "application/octet-stream".into())],
        body: b"raw bytes".to_vec(),
    }]);
    let download = client.items().content().list_download("i").unwrap();
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(&download.collect_bytes().unwrap()[..], b"raw bytes");
}

#[test]
fn text_and_empty_responses() {
    let (_rt, server, client) = serve(vec![
        Reply::text(200, "some notes"),
        Reply::Full {
            status: 204,
            headers: vec![],
            body: vec![],
        },
    ]);
    assert_eq!(client.items().notes().list("i").unwrap(), "some notes");
    #[allow(deprecated)]
    client.items().delete("i").unwrap();
    assert_eq!(server.requests()[1].method, "DELETE");
}

#[test]
fn a_503_is_retried_then_the_200_returned() {
    let (_rt, server, client) = serve(vec![
        fast(Reply::json(503, r#"{"error":{"message":"busy"}}"#)),
        Reply::json(200, r#"{"id":"a"}"#),
    ]);
    let item = client.items().retrieve("a").unwrap();
    assert_eq!(item.id, "a");
    let retries: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-retry-count").unwrap().to_string())
        .collect();
    assert_eq!(retries, ["0", "1"]);
}

#[test]
fn an_error_status_is_a_typed_api_error_with_the_body() {
    let (_rt, server, client) = serve(vec![Reply::json(404, r#"{"message":"no item a"}"#)]);
    let err = client.items().retrieve("a").unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let api = err.as_api().expect("an API error");
    assert!(api.is_not_found());
    let problem: blocking_client::Problem = api.decode().unwrap();
    assert_eq!(problem.message, "no item a");
    let request = err.request().unwrap_or_default();
    assert!(request.starts_with("GET http://127.0.0.1:"), "{err}");
    assert!(request.ends_with("/v1/items/a"), "{err}");
    assert_eq!(server.count(), 1, "a 404 is not retried");
}

#[test]
fn a_stream_call_that_fails_returns_the_error_not_an_iterator() {
    let (_rt, _server, client) = serve(vec![Reply::json(401, r#"{"message":"bad key"}"#)]);
    let request = blocking_client::CompleteRequest::new("hi");
    let err = client.completions().create_stream(&request).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[test]
fn clones_share_the_client_and_work_from_other_threads() {
    let (_rt, server, client) = serve(vec![
        Reply::json(200, r#"{"id":"a"}"#),
        Reply::json(200, r#"{"id":"a"}"#),
    ]);
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || client.items().retrieve("a").unwrap().id)
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), "a");
    }
    assert_eq!(server.count(), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn called_inside_an_async_runtime_it_neither_panics_nor_deadlocks() {
    // The server runs on a runtime of its own, started from another thread: this
    // test's only thread is occupied by the blocking call, inside this runtime.
    let (rt, _server, client) =
        std::thread::spawn(|| serve(vec![Reply::json(200, r#"{"id":"a"}"#)]))
            .join()
            .unwrap();
    let item = client.items().retrieve("a").unwrap();
    assert_eq!(item.id, "a");
    // Dropping the client (and its runtime) in async code must not panic either.
    drop(client);
    rt.shutdown_background();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 1)]
async fn works_from_spawn_blocking() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"id":"a"}"#)]).await;
    let base = server.base_url();
    let id = tokio::task::spawn_blocking(move || {
        let client = blocking_client::blocking::Client::from(
            blocking_client::Client::builder()
                .base_url(base)
                .build()
                .unwrap(),
        );
        client.items().retrieve("a").unwrap().id
    })
    .await
    .unwrap();
    assert_eq!(id, "a");
}

#[test]
fn raw_requests_block_too() {
    let (_rt, _server, client) = serve(vec![Reply::json(200, r#"{"ok":true}"#)]);
    let value: serde_json::Value = client
        .request_json::<(), _>(
            blocking_client::reqwest::Method::GET,
            "/anything",
            None,
            &blocking_client::RequestOptions::new(),
        )
        .unwrap()
        .into_body();
    assert_eq!(value["ok"], true);
}
