//! A binary response can be streamed chunk by chunk (`{method}_download`) instead of
//! buffered whole, for large files.

mod support;

use bodies_client::{Client, StreamExt};
use support::{Reply, TestServer};

#[tokio::test]
async fn a_binary_response_streams_in_chunks_with_status_and_headers() {
    let chunks: Vec<String> = (0..50).map(|i| format!("chunk-{i:03};")).collect();
    let refs: Vec<&str> = chunks.iter().map(String::as_str).collect();
    // A chunked response with a small gap between chunks (the helper is named for SSE).
    let reply = Reply::sse(&refs).header("x-file", "b1");
    let server = TestServer::start(vec![reply]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let mut download = client.blobs().retrieve_download("b1").await.unwrap();
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.headers()["x-file"], "b1");
    let mut received = Vec::new();
    let mut pieces = 0;
    while let Some(chunk) = download.next().await {
        received.extend_from_slice(&chunk.unwrap());
        pieces += 1;
        assert!(pieces <= 1000, "bounded");
    }
    assert_eq!(String::from_utf8(received).unwrap(), chunks.concat());
    assert!(pieces > 1, "delivered as it arrives, not buffered whole");
    assert_eq!(server.requests()[0].path(), "/v1/blobs/b1");
}

#[tokio::test]
async fn a_failed_download_is_an_error_before_any_chunk() {
    let server = TestServer::start(vec![Reply::json(404, r#"{"error":{"message":"gone"}}"#)]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    let err = client.blobs().retrieve_download("b1").await.unwrap_err();
    assert_eq!(err.as_api().map(|a| a.status().as_u16()), Some(404));
}
