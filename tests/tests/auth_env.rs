//! Credentials from the environment, one variable per scheme (`auth_env` in the fixture
//! client's config, plus `api_key_env` for the main scheme). Its own test binary: it is
//! the only one that sets these variables.

mod support;

use auth_client::Client;
use support::{Reply, TestServer};

const VARS: [&str; 3] = [
    "AUTH_CLIENT_APP_ID",
    "AUTH_CLIENT_QUERY_KEY",
    "AUTH_CLIENT_BASIC",
];

#[tokio::test]
async fn each_scheme_reads_its_own_variable() {
    for var in VARS {
        std::env::remove_var(var);
    }
    // The API-wide requirement is {appId + apiKey} or {bearer}; only the first can come
    // from the environment, so `from_env` names both of its variables.
    let err = Client::from_env().unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("`AUTH_CLIENT_APP_ID`") && text.contains("`AUTH_CLIENT_QUERY_KEY`"),
        "{text}"
    );

    std::env::set_var("AUTH_CLIENT_APP_ID", "env-app");
    std::env::set_var("AUTH_CLIENT_QUERY_KEY", "env-query");
    std::env::set_var("AUTH_CLIENT_BASIC", "env-user:env-pass");
    let server = TestServer::start(vec![Reply::json(204, ""), Reply::json(204, "")]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    client.items().list().await.unwrap();
    client.basic().list().await.unwrap();
    for var in VARS {
        std::env::remove_var(var);
    }
    let requests = server.requests();
    assert_eq!(requests[0].header("x-app-id"), Some("env-app"));
    assert_eq!(requests[0].query(), Some("api_key=env-query"));
    // base64("env-user:env-pass")
    assert_eq!(
        requests[1].header("authorization"),
        Some("Basic ZW52LXVzZXI6ZW52LXBhc3M=")
    );
}
