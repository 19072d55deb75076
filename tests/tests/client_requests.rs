//! What goes over the wire: URL, headers, auth, body, per-request options,
//! and what comes back in `ApiResponse`.

mod support;

use std::time::Duration;

use gradient::reqwest::Method;
use gradient::{Auth, Client, RequestOptions};
use serde_json::{json, Value};
use support::{Reply, TestServer};

#[tokio::test]
async fn request_shape_and_response_metadata() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"id":"x"}"#)
        .header("x-request-id", "req_42")
        .header("x-ratelimit-remaining", "9")])
    .await;
    let c = Client::builder()
        .api_key("sk-test-123")
        .base_url(format!("{}/", server.base_url()))
        .default_header("x-team", "blue")
        .build()
        .unwrap();
    let resp = c
        .request_json::<_, Value>(
            Method::POST,
            "/chat/completions",
            Some(&json!({"model": "m"})),
            &RequestOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status.as_u16(), 200);
    assert_eq!(resp.request_id(), Some("req_42"));
    assert_eq!(resp.headers["x-ratelimit-remaining"], "9");
    assert_eq!(resp.body, json!({"id": "x"}));

    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.target, "/v1/chat/completions");
    assert_eq!(req.header("authorization"), Some("Bearer sk-test-123"));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("x-retry-count"), Some("0"));
    assert_eq!(req.header("x-team"), Some("blue"));
    let ua = req.header("user-agent").unwrap();
    assert!(ua.starts_with("gradient/"), "{ua}");
    assert_eq!(req.json(), json!({"model": "m"}));
}

#[tokio::test]
async fn per_request_options() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let c = Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .default_header("x-team", "blue")
        .build()
        .unwrap();
    let opts = RequestOptions::new()
        .header("x-team", "red")
        .header("x-extra", "1")
        .query("api-version", "2024-10-01")
        .query("q", "a b&c")
        .body_field("vendor_param", json!({"k": [1, 2]}))
        .body_field("model", "overridden");
    c.request_json::<_, Value>(
        Method::POST,
        "/things",
        Some(&json!({"model": "m", "n": 1})),
        &opts,
    )
    .await
    .unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.header("x-team"), Some("red"));
    assert_eq!(req.header("x-extra"), Some("1"));
    assert_eq!(req.query(), Some("api-version=2024-10-01&q=a+b%26c"));
    assert_eq!(
        req.json(),
        json!({"model": "overridden", "n": 1, "vendor_param": {"k": [1, 2]}})
    );
}

#[tokio::test]
async fn get_without_body_and_base_url_query() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"data":[]}"#)]).await;
    let c = Client::builder()
        .api_key("k")
        .base_url(format!("{}?api-version=1", server.base_url()))
        .build()
        .unwrap();
    let out: Value = c
        .request_json::<(), _>(
            Method::GET,
            "models",
            None,
            &RequestOptions::new().query("limit", "2"),
        )
        .await
        .unwrap()
        .into_body();
    assert_eq!(out, json!({"data": []}));
    let req = &server.requests()[0];
    assert_eq!(req.method, "GET");
    assert_eq!(req.target, "/v1/models?api-version=1&limit=2");
    assert_eq!(req.header("content-type"), None);
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn auth_header_and_query_schemes() {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let header_client = Client::builder()
        .api_key("hk")
        .auth(Auth::Header("api-key"))
        .base_url(server.base_url())
        .build()
        .unwrap();
    let query_client = Client::builder()
        .api_key("qk")
        .auth(Auth::Query("key"))
        .base_url(server.base_url())
        .build()
        .unwrap();
    for c in [&header_client, &query_client] {
        c.request_json::<(), Value>(Method::GET, "/m", None, &RequestOptions::new())
            .await
            .unwrap();
    }
    let reqs = server.requests();
    assert_eq!(reqs[0].header("api-key"), Some("hk"));
    assert_eq!(reqs[0].header("authorization"), None);
    assert_eq!(reqs[1].query(), Some("key=qk"));
    assert_eq!(reqs[1].header("authorization"), None);
}

#[tokio::test]
async fn no_key_no_auth_header() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let c = Client::builder()
        .auth(Auth::None)
        .api_key("ignored")
        .base_url(server.base_url())
        .build()
        .unwrap();
    c.request_json::<(), Value>(Method::GET, "/m", None, &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(server.requests()[0].header("authorization"), None);
}

#[tokio::test]
async fn caller_supplied_http_client() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"ok":true}"#)]).await;
    let http = gradient::reqwest::Client::builder()
        .redirect(gradient::reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let c = Client::builder()
        .api_key("k")
        .http_client(http)
        .base_url(server.base_url())
        .build()
        .unwrap();
    let out: Value = c
        .request_json::<(), _>(Method::GET, "/ok", None, &RequestOptions::new())
        .await
        .unwrap()
        .into_body();
    assert_eq!(out, json!({"ok": true}));
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer k")
    );
}

#[tokio::test]
async fn bytes_and_empty_responses() {
    let server = TestServer::start(vec![
        Reply::Full {
            status: 200,
            headers: vec![("content-type".into(), "audio/mpeg".into())],
            body: vec![0, 159, 146, 150],
        },
        Reply::Full {
            status: 204,
            headers: vec![],
            body: vec![],
        },
    ])
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let audio = c
        .request_bytes(
            Method::POST,
            "/audio/speech",
            Some(&json!({"input": "hi"})),
            &RequestOptions::new(),
        )
        .await
        .unwrap();
    assert_eq!(&audio.body[..], &[0, 159, 146, 150]);
    assert_eq!(audio.headers["content-type"], "audio/mpeg");
    assert_eq!(server.requests()[0].header("accept"), Some("*/*"));
    // An empty body decodes as `()`.
    c.request_json::<(), ()>(Method::DELETE, "/things/1", None, &RequestOptions::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn client_is_cheap_to_clone_and_shared_across_tasks() {
    let server = TestServer::start(
        (0..8)
            .map(|i| Reply::json(200, &format!("{{\"i\":{i}}}")))
            .collect(),
    )
    .await;
    let c = Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                c.request_json::<(), Value>(Method::GET, "/i", None, &RequestOptions::new())
                    .await
                    .unwrap()
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(server.count(), 8);
}

#[tokio::test]
async fn builder_defaults_and_debug_redacts_key() {
    let c = Client::builder()
        .api_key("sk-live-very-secret")
        .base_url("http://127.0.0.1:9/v1///")
        .build()
        .unwrap();
    assert_eq!(c.base_url(), "http://127.0.0.1:9/v1");
    assert_eq!(c.timeout(), Duration::from_secs(60));
    assert_eq!(c.max_retries(), 2);
    let shown = format!("{c:?}");
    assert!(!shown.contains("sk-live-very-secret"), "{shown}");
    assert!(shown.contains("REDACTED"), "{shown}");
    let b = Client::builder().api_key("sk-live-very-secret");
    assert!(!format!("{b:?}").contains("sk-live-very-secret"));
    let o = RequestOptions::new().header("api-key", "sk-live-very-secret");
    assert!(!format!("{o:?}").contains("sk-live-very-secret"));
}
