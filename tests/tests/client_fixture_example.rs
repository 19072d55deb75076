//! A fixture client from `tests/clients/example/` is a real crate: it builds, and its
//! method puts the path parameter into the URL the server sees.

mod support;

use support::{Reply, TestServer};

#[tokio::test]
async fn fixture_client_sends_the_path_parameter() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"id":"a b","name":"x"}"#)]).await;
    let client = example_client::Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let item = client.items().retrieve("a b").await.unwrap();
    assert_eq!(item.id, "a b");
    assert_eq!(item.name.as_deref(), Some("x"));
    assert_eq!(server.requests()[0].path(), "/v1/items/a%20b");
}
