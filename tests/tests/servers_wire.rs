//! Servers on the wire (fixture clients `tests/clients/servers/` and
//! `tests/clients/servers_relative/`): variables with defaults and choices, several
//! API-wide servers, per-operation servers, and the rules for the user's base URL.

mod support;

use support::{Reply, TestServer};

async fn server(replies: usize) -> TestServer {
    TestServer::start((0..replies).map(|_| Reply::json(204, "")).collect()).await
}

fn port(server: &TestServer) -> String {
    server.addr.port().to_string()
}

#[tokio::test]
async fn variables_are_substituted_and_uploads_go_to_their_own_host() {
    let (api, uploads) = (server(1).await, server(1).await);
    let client = servers_client::Client::builder()
        .server_port(port(&api))
        .server_upload_port(port(&uploads))
        .max_retries(0)
        .build()
        .unwrap();
    assert_eq!(
        client.base_url(),
        format!("http://127.0.0.1:{}/v1", port(&api))
    );
    client.items().list().await.unwrap();
    client.uploads().create().await.unwrap();
    assert_eq!(api.requests()[0].path(), "/v1/items");
    assert_eq!(uploads.requests()[0].path(), "/upload/uploads");
}

#[tokio::test]
async fn enum_variables_take_their_choices_and_reject_others() {
    let api = server(1).await;
    let client = servers_client::Client::builder()
        .server_port(port(&api))
        .server_stage("v2")
        .build()
        .unwrap();
    client.items().list().await.unwrap();
    assert_eq!(api.requests()[0].path(), "/v2/items");

    let err = servers_client::Client::builder()
        .server_stage("v3")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("`v1`, `v2`"), "{err}");
    let err = servers_client::Client::builder()
        .server_variable("nope", "1")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("`nope`"), "{err}");
}

#[test]
fn every_api_wide_server_can_be_chosen() {
    let client = servers_client::Client::builder()
        .server_index(1)
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://eu.servers.invalid/v1");
    let client = servers_client::Client::builder()
        .server_index(1)
        .server_region("us")
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "https://us.servers.invalid/v1");
    let err = servers_client::Client::builder()
        .server_index(2)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}

#[tokio::test]
async fn base_url_replaces_the_api_server_but_not_an_operations_own() {
    let (api, uploads) = (server(3).await, server(1).await);
    let client = servers_client::Client::builder()
        .base_url(format!("http://127.0.0.1:{}/custom", port(&api)))
        .server_upload_port(port(&uploads))
        .build()
        .unwrap();
    client.items().list().await.unwrap();
    client.uploads().create().await.unwrap();
    // A relative operation server names a path on the base URL's host.
    client.reports().list().await.unwrap();
    assert_eq!(api.requests()[0].path(), "/custom/items");
    assert_eq!(uploads.requests()[0].path(), "/upload/uploads");
    assert_eq!(api.requests()[1].path(), "/reports-api/reports");

    // The way to send every operation to one place (a proxy, a test server).
    let client = servers_client::Client::builder()
        .base_url_for_all_operations(format!("http://127.0.0.1:{}/all", port(&api)))
        .build()
        .unwrap();
    client.uploads().create().await.unwrap();
    assert_eq!(api.requests()[2].path(), "/all/uploads");
    assert_eq!(uploads.count(), 1);
}

#[tokio::test]
async fn a_relative_api_server_needs_a_base_url_and_is_appended_to_a_bare_origin() {
    std::env::remove_var("SERVERS_RELATIVE_BASE_URL");
    let err = servers_relative_client::Client::builder()
        .build()
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("base_url") && text.contains("SERVERS_RELATIVE_BASE_URL"),
        "{text}"
    );
    assert!(servers_relative_client::Client::from_env().is_err());

    let api = server(2).await;
    let client = servers_relative_client::Client::builder()
        .base_url(format!("http://127.0.0.1:{}", port(&api)))
        .build()
        .unwrap();
    client.items().list().await.unwrap();
    let client = servers_relative_client::Client::builder()
        .base_url(format!("http://127.0.0.1:{}/mine", port(&api)))
        .build()
        .unwrap();
    client.items().list().await.unwrap();
    assert_eq!(api.requests()[0].path(), "/api/v3/items");
    assert_eq!(api.requests()[1].path(), "/mine/items");
}
