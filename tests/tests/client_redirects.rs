//! Redirects: credentials go only to the base URL's origin.

mod support;

use gradient::reqwest::Method;
use gradient::{Auth, Client, RequestOptions};
use serde_json::{json, Value};
use support::{Reply, TestServer};

fn redirect(status: u16, location: &str) -> Reply {
    Reply::json(status, "").header("location", location)
}

async fn call(c: &Client, method: Method) -> Value {
    c.request_json::<_, Value>(
        method,
        "/start",
        Some(&json!({"payload": 1})),
        &RequestOptions::new(),
    )
    .await
    .unwrap()
    .into_body()
}

fn client(base: String, auth: Auth) -> Client {
    Client::builder()
        .api_key("sk-redirect-secret")
        .auth(auth)
        .base_url(base)
        .default_header("cookie", "session=1")
        .build()
        .unwrap()
}

#[tokio::test]
async fn cross_origin_redirect_drops_credentials_for_every_scheme() {
    for auth in [Auth::Bearer, Auth::Header("api-key"), Auth::Query("key")] {
        let other = TestServer::start(vec![Reply::json(200, r#"{"landed":true}"#)]).await;
        let origin = TestServer::start(vec![redirect(
            307,
            &format!("http://{}/elsewhere", other.addr),
        )])
        .await;
        let out = call(&client(origin.base_url(), auth), Method::POST).await;
        assert_eq!(out, json!({"landed": true}));

        let first = &origin.requests()[0];
        let second = &other.requests()[0];
        // The original origin got the key.
        let sent_key = first.header("authorization").is_some()
            || first.header("api-key").is_some()
            || first
                .query()
                .is_some_and(|q| q.contains("sk-redirect-secret"));
        assert!(sent_key, "{auth:?}: {first:?}");
        // The other origin did not, in any form.
        let dump = format!("{second:?}");
        assert!(!dump.contains("sk-redirect-secret"), "{auth:?}: {dump}");
        assert_eq!(second.header("cookie"), None);
        // 307 keeps the method and body.
        assert_eq!(second.method, "POST");
        assert_eq!(second.json(), json!({"payload": 1}));
        assert_eq!(second.target, "/elsewhere");
    }
}

#[tokio::test]
async fn same_origin_redirect_keeps_credentials() {
    let server = TestServer::start(vec![
        redirect(308, "/v1/moved"),
        Reply::json(200, r#"{"ok":1}"#),
    ])
    .await;
    let out = call(&client(server.base_url(), Auth::Bearer), Method::POST).await;
    assert_eq!(out, json!({"ok": 1}));
    let reqs = server.requests();
    assert_eq!(reqs[1].target, "/v1/moved");
    assert_eq!(
        reqs[1].header("authorization"),
        Some("Bearer sk-redirect-secret")
    );
    assert_eq!(reqs[1].json(), json!({"payload": 1}));
}

#[tokio::test]
async fn same_host_other_port_is_another_origin() {
    let other = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let origin = TestServer::start(vec![redirect(
        302,
        &format!("http://127.0.0.1:{}/x", other.addr.port()),
    )])
    .await;
    call(&client(origin.base_url(), Auth::Bearer), Method::GET).await;
    assert_eq!(other.requests()[0].header("authorization"), None);
}

#[tokio::test]
async fn see_other_switches_to_get_without_body() {
    let server = TestServer::start(vec![
        redirect(303, "/v1/result"),
        Reply::json(200, r#"{"done":true}"#),
    ])
    .await;
    let out = call(&client(server.base_url(), Auth::Bearer), Method::POST).await;
    assert_eq!(out, json!({"done": true}));
    let second = &server.requests()[1];
    assert_eq!(second.method, "GET");
    assert!(second.body.is_empty());
    assert_eq!(second.header("content-type"), None);
}

#[tokio::test]
async fn redirect_loop_is_bounded() {
    let server = TestServer::start((0..20).map(|_| redirect(302, "/v1/again")).collect()).await;
    // Default retries: a redirect loop is not retried.
    let c = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let err = c
        .request_json::<(), Value>(Method::GET, "/again", None, &RequestOptions::new())
        .await
        .unwrap_err();
    assert!(err.is_connection(), "{err:?}");
    assert!(err.to_string().contains("too many redirects"), "{err}");
    assert_eq!(server.count(), 11);
}

#[tokio::test]
async fn redirect_without_location_is_an_api_error() {
    let server = TestServer::start(vec![Reply::json(301, r#"{"message":"moved"}"#)]).await;
    let c = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let err = c
        .request_json::<(), Value>(Method::GET, "/x", None, &RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(301));
    assert_eq!(server.count(), 1);
}
