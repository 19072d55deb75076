//! Security schemes on the wire (fixture client `tests/clients/auth/`): each scheme is
//! sent exactly as declared, requirement lists pick the first alternative the user
//! supplied, conjunctions send every scheme, and `security: []` sends nothing at all.

mod support;

use auth_client::{Client, ClientBuilder};
use support::{Recorded, Reply, TestServer};

async fn server(replies: usize) -> TestServer {
    TestServer::start((0..replies).map(|_| Reply::json(204, "")).collect()).await
}

fn builder(server: &TestServer) -> ClientBuilder {
    Client::builder().base_url(server.base_url()).max_retries(0)
}

/// Every credential of the fixture's schemes.
fn all_credentials(server: &TestServer) -> Client {
    builder(server)
        .app_id("app-1")
        .api_key_credential("query-key-1")
        .session("cookie-1")
        .basic("Aladdin", "open sesame")
        .bearer("bearer-1")
        .oauth("oauth-1")
        .oidc("oidc-1")
        .build()
        .unwrap()
}

fn assert_no_credentials(request: &Recorded) {
    for header in [
        "authorization",
        "x-app-id",
        "cookie",
        "session_id",
        "api_key",
    ] {
        assert_eq!(request.header(header), None, "{header} sent: {request:?}");
    }
    assert_eq!(request.query(), None, "query sent: {request:?}");
}

#[tokio::test]
async fn conjunction_sends_the_header_key_and_the_query_key_together() {
    let server = server(1).await;
    all_credentials(&server).items().list().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("x-app-id"), Some("app-1"));
    assert_eq!(request.query(), Some("api_key=query-key-1"));
    // The first alternative was satisfied, so the second (bearer) is not sent.
    assert_eq!(request.header("authorization"), None);
}

#[tokio::test]
async fn the_next_alternative_is_sent_when_the_first_is_incomplete() {
    let server = server(2).await;
    // Only half of the conjunction: it cannot be sent, so the bearer alternative is.
    builder(&server)
        .app_id("app-1")
        .bearer("bearer-1")
        .build()
        .unwrap()
        .items()
        .list()
        .await
        .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), Some("Bearer bearer-1"));
    assert_eq!(request.header("x-app-id"), None);
    assert_eq!(request.query(), None);
    // Nothing supplied: nothing sent (the server decides whether that is allowed).
    builder(&server)
        .build()
        .unwrap()
        .items()
        .list()
        .await
        .unwrap();
    assert_no_credentials(&server.requests()[1]);
}

#[tokio::test]
async fn empty_security_sends_nothing_even_with_every_credential_set() {
    let server = server(2).await;
    let client = all_credentials(&server);
    client.public().list().await.unwrap();
    client.optional().list().await.unwrap();
    for request in server.requests() {
        assert_no_credentials(&request);
    }
}

#[tokio::test]
async fn basic_sends_user_and_password_base64() {
    let server = server(1).await;
    all_credentials(&server).basic().list().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(
        request.header("authorization"),
        Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
    );
    assert_eq!(request.header("x-app-id"), None);
    assert_eq!(request.query(), None);
}

#[tokio::test]
async fn cookie_key_is_a_cookie_not_a_header() {
    let server = server(1).await;
    all_credentials(&server).session().list().await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("cookie"), Some("session_id=cookie-1"));
    assert_eq!(request.header("session_id"), None);
    assert_eq!(request.header("authorization"), None);
}

#[tokio::test]
async fn oauth2_and_openid_connect_send_the_callers_token_as_bearer() {
    let server = server(2).await;
    let client = all_credentials(&server);
    client.oauth().list().await.unwrap();
    client.oidc().list().await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("authorization"), Some("Bearer oauth-1"));
    assert_eq!(requests[1].header("authorization"), Some("Bearer oidc-1"));
}

#[tokio::test]
async fn operation_alternatives_pick_the_first_supplied() {
    let server = server(2).await;
    all_credentials(&server).either().list().await.unwrap();
    builder(&server)
        .basic("u", "p")
        .build()
        .unwrap()
        .either()
        .list()
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("cookie"), Some("session_id=cookie-1"));
    assert_eq!(requests[0].header("authorization"), None);
    assert_eq!(requests[1].header("cookie"), None);
    assert_eq!(requests[1].header("authorization"), Some("Basic dTpw"));
}

#[tokio::test]
async fn api_key_supplies_the_main_scheme() {
    let server = server(1).await;
    // `appId` is the first scheme the API asks for, so `api_key` is its credential.
    builder(&server)
        .api_key("main-key")
        .api_key_credential("query-key-1")
        .build()
        .unwrap()
        .items()
        .list()
        .await
        .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("x-app-id"), Some("main-key"));
    assert_eq!(request.query(), Some("api_key=query-key-1"));
}

#[test]
fn credentials_that_cannot_be_sent_are_build_errors_that_hide_the_value() {
    for builder in [
        Client::builder().app_id("bad\nvalue"),
        Client::builder().session("a;b=c"),
        Client::builder().basic("user:with-colon", "pw"),
    ] {
        let err = builder.build().unwrap_err();
        assert!(matches!(err, auth_client::Error::Config { .. }), "{err:?}");
        assert!(!err.to_string().contains("bad\nvalue"), "{err}");
    }
    let shown = format!(
        "{:?}",
        Client::builder().basic("u", "hunter2").bearer("tok-9")
    );
    assert!(
        !shown.contains("hunter2") && !shown.contains("tok-9"),
        "{shown}"
    );
}

#[tokio::test]
async fn schemes_named_like_keywords_or_builder_methods_get_their_own_setters() {
    let server = server(1).await;
    builder(&server)
        .r#type("t-1")
        .default_credential("d-1")
        .build_credential("b-1")
        .api_key_credential_2("o-1")
        .build()
        .unwrap()
        .odd()
        .list()
        .await
        .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.query(), Some("t=t-1"));
    assert_eq!(request.header("authorization"), Some("Bearer d-1"));
    // Supplied but not asked for by this operation: not sent.
    assert_eq!(request.header("x-build"), None);
    assert_eq!(request.header("x-other"), None);
}
