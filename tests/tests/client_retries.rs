//! Retries, back-off, timeouts and connection failures, against a local
//! server.

mod support;

use std::time::{Duration, Instant};

use gradient::reqwest::Method;
use gradient::{Client, Error, RequestOptions};
use serde_json::{json, Value};
use support::{closed_port_url, Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .api_key("test-key")
        .base_url(server.base_url())
        .build()
        .unwrap()
}

async fn post(client: &Client, opts: &RequestOptions) -> Result<Value, Error> {
    client
        .request_json::<_, Value>(Method::POST, "/things", Some(&json!({"a": 1})), opts)
        .await
        .map(|r| r.into_body())
}

fn fast(reply: Reply) -> Reply {
    reply.header("retry-after-ms", "5")
}

#[tokio::test]
async fn retries_each_retryable_status_then_succeeds() {
    for status in [408, 409, 429, 500, 502, 503, 504] {
        let server = TestServer::start(vec![
            fast(Reply::json(status, r#"{"error":{"message":"try again"}}"#)),
            Reply::json(200, r#"{"ok":true}"#),
        ])
        .await;
        let out = post(&client(&server), &RequestOptions::new())
            .await
            .unwrap();
        assert_eq!(out, json!({"ok": true}), "status {status}");
        let reqs = server.requests();
        assert_eq!(reqs.len(), 2, "status {status}");
        assert_eq!(reqs[0].header("x-retry-count"), Some("0"));
        assert_eq!(reqs[1].header("x-retry-count"), Some("1"));
        // The same body is sent on every attempt.
        assert_eq!(reqs[0].body, reqs[1].body);
    }
}

#[tokio::test]
async fn does_not_retry_client_errors() {
    for status in [400, 401, 403, 404, 422] {
        let server = TestServer::start(vec![fast(Reply::json(
            status,
            r#"{"error":{"message":"no"}}"#,
        ))])
        .await;
        let err = post(&client(&server), &RequestOptions::new())
            .await
            .unwrap_err();
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(server.count(), 1, "status {status}");
    }
}

#[tokio::test]
async fn gives_up_after_max_retries_with_last_error() {
    let server = TestServer::start(vec![
        fast(Reply::json(500, r#"{"error":{"message":"first"}}"#)),
        fast(Reply::json(502, r#"{"error":{"message":"second"}}"#)),
        fast(Reply::json(503, r#"{"error":{"message":"third"}}"#)),
        Reply::json(200, "{}"),
    ])
    .await;
    let err = post(&client(&server), &RequestOptions::new())
        .await
        .unwrap_err();
    let api = err.as_api().expect("api error");
    assert_eq!(api.status().as_u16(), 503);
    assert_eq!(api.message(), "third");
    let counts: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.header("x-retry-count").unwrap().to_string())
        .collect();
    assert_eq!(counts, vec!["0", "1", "2"]);
}

#[tokio::test]
async fn max_retries_from_builder_and_options() {
    let server = TestServer::start(vec![
        fast(Reply::json(500, "{}")),
        fast(Reply::json(500, "{}")),
        fast(Reply::json(500, "{}")),
        fast(Reply::json(500, "{}")),
        fast(Reply::json(500, "{}")),
    ])
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    assert!(post(&c, &RequestOptions::new()).await.is_err());
    assert_eq!(server.count(), 1);
    assert!(post(&c, &RequestOptions::new().max_retries(3))
        .await
        .is_err());
    assert_eq!(server.count(), 5);
}

#[tokio::test]
async fn x_should_retry_overrides_status() {
    // `true` makes a 400 retryable.
    let server = TestServer::start(vec![
        fast(Reply::json(400, "{}").header("x-should-retry", "true")),
        Reply::json(200, r#"{"ok":1}"#),
    ])
    .await;
    assert!(post(&client(&server), &RequestOptions::new()).await.is_ok());
    assert_eq!(server.count(), 2);

    // `false` stops a 503 or 429 from being retried.
    for status in [503, 429] {
        let server = TestServer::start(vec![
            fast(Reply::json(status, "{}").header("x-should-retry", "false")),
            Reply::json(200, "{}"),
        ])
        .await;
        let err = post(&client(&server), &RequestOptions::new())
            .await
            .unwrap_err();
        assert_eq!(err.status().unwrap().as_u16(), status);
        assert_eq!(server.count(), 1);
    }
}

async fn time_one_retry(reply: Reply) -> Duration {
    let server = TestServer::start(vec![reply, Reply::json(200, "{}")]).await;
    let start = Instant::now();
    post(&client(&server), &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(server.count(), 2);
    start.elapsed()
}

#[tokio::test]
async fn retry_after_ms_is_honoured() {
    let d = time_one_retry(Reply::json(429, "{}").header("retry-after-ms", "300")).await;
    assert!(
        d >= Duration::from_millis(300) && d < Duration::from_millis(2000),
        "{d:?}"
    );
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let d = time_one_retry(Reply::json(503, "{}").header("retry-after", "1")).await;
    assert!(
        d >= Duration::from_millis(1000) && d < Duration::from_millis(3000),
        "{d:?}"
    );
}

#[tokio::test]
async fn retry_after_http_date_is_honoured() {
    let at = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    let d = time_one_retry(Reply::json(503, "{}").header("retry-after", &at)).await;
    // Whole seconds: the wait is between 1 and 2 s.
    assert!(
        d >= Duration::from_millis(900) && d < Duration::from_millis(3500),
        "{d:?}"
    );
}

#[tokio::test]
async fn unusable_retry_after_falls_back_to_backoff() {
    // 0.5 s minus at most 25 % jitter.
    for value in ["0", "120", "soon"] {
        let d = time_one_retry(Reply::json(503, "{}").header("retry-after", value)).await;
        assert!(
            d >= Duration::from_millis(370) && d < Duration::from_millis(2000),
            "{value}: {d:?}"
        );
    }
}

#[tokio::test]
async fn connection_closed_without_response_is_retried() {
    let server = TestServer::start(vec![Reply::Drop, Reply::json(200, r#"{"ok":2}"#)]).await;
    let out = post(&client(&server), &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(out, json!({"ok": 2}));
    assert_eq!(server.count(), 2);
    assert_eq!(server.requests()[1].header("x-retry-count"), Some("1"));
}

#[tokio::test]
async fn connection_error_after_retries() {
    let c = Client::builder()
        .base_url(closed_port_url().await)
        .max_retries(1)
        .build()
        .unwrap();
    let start = Instant::now();
    let err = post(&c, &RequestOptions::new()).await.unwrap_err();
    assert!(err.is_connection(), "{err:?}");
    // One back-off delay happened.
    assert!(start.elapsed() >= Duration::from_millis(370));
    let text = err.to_string();
    assert!(text.contains(": connection error"), "{text}");
}

#[tokio::test]
async fn timeout_per_attempt_then_retry() {
    let server = TestServer::start(vec![
        Reply::Hang(Duration::from_secs(5)),
        Reply::json(200, r#"{"ok":3}"#),
    ])
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let start = Instant::now();
    let out = post(&c, &RequestOptions::new()).await.unwrap();
    assert_eq!(out, json!({"ok": 3}));
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn timeout_error_when_retries_exhausted() {
    let server = TestServer::start(vec![
        Reply::Hang(Duration::from_secs(5)),
        Reply::Hang(Duration::from_secs(5)),
    ])
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let opts = RequestOptions::new()
        .timeout(Duration::from_millis(150))
        .max_retries(1);
    let start = Instant::now();
    let err = post(&c, &opts).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        err.to_string().ends_with(": request timed out after 150ms"),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(3));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn slow_body_counts_against_the_timeout() {
    // Headers arrive at once, the body never completes.
    let server = TestServer::start(vec![Reply::sse(&["{\"partial\":"])
        .header("content-type", "application/json")
        .stall(Duration::from_secs(5))])
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_millis(200))
        .max_retries(0)
        .build()
        .unwrap();
    let err = post(&c, &RequestOptions::new()).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}
