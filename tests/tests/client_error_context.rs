//! Errors say where and why: the request (method and URL, no query string) in API,
//! connection and timeout errors; the content type checked before decoding; the first
//! bytes of a body that does not decode; empty keys refused when the client is built;
//! request ids from the configured list of headers.

mod support;

use std::time::Duration;

use gradient::reqwest::Method;
use gradient::{ChatCompletionRequest, Client, Error, RequestOptions, StreamExt, UserMessage};
use support::{closed_port_url, Reply, TestServer};

fn client(base: &str) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(base)
        .max_retries(0)
        .build()
        .unwrap()
}

fn request() -> ChatCompletionRequest {
    ChatCompletionRequest::new("m", vec![UserMessage::new("hi").into()])
}

#[tokio::test]
async fn api_errors_name_the_method_and_url() {
    let server = TestServer::start(vec![Reply::text(404, "")]).await;
    let err = client(&server.base_url())
        .chat()
        .completions()
        .create(&request())
        .await
        .unwrap_err();
    let url = format!("{}/chat/completions", server.base_url());
    assert_eq!(err.to_string(), format!("POST {url}: HTTP 404 Not Found"));
    assert_eq!(err.request(), Some(format!("POST {url}").as_str()));
    assert_eq!(
        err.as_api().unwrap().request(),
        Some(format!("POST {url}").as_str())
    );
}

#[tokio::test]
async fn the_query_string_is_left_out_of_errors() {
    let server = TestServer::start(vec![Reply::json(401, r#"{"error":"bad key"}"#)]).await;
    let opts = RequestOptions::new().query("api-key", "sk-in-the-query");
    let err = client(&format!("{}?tenant=t1", server.base_url()))
        .request_json::<(), serde_json::Value>(Method::GET, "/models", None, &opts)
        .await
        .unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        format!(
            "GET {}/models: HTTP 401 Unauthorized: bad key",
            server.base_url()
        )
    );
    assert!(!format!("{text} {err:?}").contains("sk-in-the-query"));
    // The query was sent all the same.
    assert_eq!(
        server.requests()[0].query(),
        Some("tenant=t1&api-key=sk-in-the-query")
    );
}

#[tokio::test]
async fn connection_errors_name_the_url_and_what_to_check() {
    let base = closed_port_url().await;
    let err = client(&base)
        .chat()
        .completions()
        .create(&request())
        .await
        .unwrap_err();
    assert!(err.is_connection(), "{err:?}");
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("POST {base}/chat/completions: connection error: ")),
        "{text}"
    );
    assert!(
        text.contains(&format!("check the base URL `{base}`")),
        "{text}"
    );
    assert!(text.contains("GRADIENT_BASE_URL"), "{text}");
}

#[tokio::test]
async fn timeouts_name_the_url() {
    let server = TestServer::start(vec![Reply::Hang(Duration::from_secs(5))]).await;
    let c = Client::builder()
        .base_url(server.base_url())
        .timeout(Duration::from_millis(100))
        .max_retries(0)
        .build()
        .unwrap();
    let err = c.chat().completions().create(&request()).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "POST {}/chat/completions: request timed out after 100ms",
            server.base_url()
        )
    );
}

#[tokio::test]
async fn a_non_streaming_call_answered_with_a_stream_says_to_stream() {
    let server = TestServer::start(vec![Reply::sse(&[
        "data: {\"id\":\"c1\",\"choices\":[]}\n\n",
        "data: [DONE]\n\n",
    ])])
    .await;
    let err = client(&server.base_url())
        .chat()
        .completions()
        .create(&request().stream(true))
        .await
        .unwrap_err();
    assert!(err.is_decode(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "failed to decode JSON: expected a JSON response, but the server sent a stream \
         (`text/event-stream`); call the operation's streaming method (e.g. `create_stream`) \
         for it, or leave the request's stream flag unset; the body starts with \
         \"data: {\\\"id\\\":\\\"c1\\\",\\\"choices\\\":[]}\\n\\ndata: [DONE]\\n\\n\""
    );
}

#[tokio::test]
async fn a_streaming_call_answered_with_json_says_so() {
    let server = TestServer::start(vec![Reply::json(
        200,
        r#"{"id":"c1","object":"chat.completion"}"#,
    )])
    .await;
    let err = client(&server.base_url())
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("expected an event stream (`text/event-stream`), but the server sent `application/json`"),
        "{text}"
    );
    assert!(
        text.contains(r#"the body starts with "{\"id\":\"c1\""#),
        "{text}"
    );
}

#[tokio::test]
async fn decode_errors_show_the_first_bytes_of_the_body() {
    let long = format!("<html>{}</html>", "proxy error ".repeat(40));
    let server = TestServer::start(vec![Reply::text(200, &long)]).await;
    let err = client(&server.base_url())
        .chat()
        .completions()
        .create(&request())
        .await
        .unwrap_err();
    let Error::Decode { body_start, .. } = &err else {
        panic!("{err:?}");
    };
    let start = body_start.as_deref().unwrap();
    assert!(
        start.starts_with("<html>proxy error proxy error"),
        "{start}"
    );
    assert!(start.len() <= 200 + '…'.len_utf8(), "{}", start.len());
    assert!(start.ends_with('…'));
    assert!(err
        .to_string()
        .contains("; the body starts with \"<html>proxy error"));

    // A streamed chunk that does not decode shows its data.
    let server = TestServer::start(vec![Reply::sse(&[
        "data: {\"id\":5}\n\n",
        "data: [DONE]\n\n",
    ])])
    .await;
    let mut stream = client(&server.base_url())
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap();
    let err = stream.next().await.unwrap().unwrap_err();
    assert!(
        err.to_string()
            .ends_with("; the body starts with \"{\\\"id\\\":5}\""),
        "{err}"
    );
}

#[tokio::test]
async fn empty_or_blank_api_keys_are_configuration_errors() {
    for key in ["", "   ", "\t\n"] {
        let err = Client::builder()
            .api_key(key)
            .base_url("http://127.0.0.1:9/v1")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "configuration error: the API key is empty (or only whitespace); pass the real \
             key, or leave it unset for a server that needs none"
        );
    }
    let panic = std::panic::catch_unwind(|| Client::new("")).unwrap_err();
    let message = panic.downcast_ref::<String>().unwrap();
    assert!(message.contains("the API key is empty"), "{message}");
}

#[tokio::test]
async fn an_empty_key_is_never_sent_or_retried() {
    // Before: the empty key was dropped, the request went out without
    // credentials, and the server's 500 was retried. Now nothing is sent.
    let server = TestServer::start(vec![Reply::json(500, "{}")]).await;
    let built = Client::builder()
        .api_key(" ")
        .base_url(server.base_url())
        .build();
    assert!(built.is_err());
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn request_ids_come_from_the_configured_headers() {
    let server = TestServer::start(vec![
        Reply::json(
            200,
            r#"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[]}"#,
        )
        .header("x-litellm-call-id", "litellm-1"),
        Reply::json(429, r#"{"error":{"message":"slow"}}"#).header("cf-ray", "ray-2"),
        Reply::sse(&["data: [DONE]\n\n"]).header("x-amzn-requestid", "amzn-3"),
    ])
    .await;
    let c = client(&server.base_url());
    let ok = c
        .chat()
        .completions()
        .create_with_options(&request(), &RequestOptions::new())
        .await
        .unwrap();
    assert_eq!(ok.request_id(), Some("litellm-1"));
    let err = c.chat().completions().create(&request()).await.unwrap_err();
    assert_eq!(err.request_id(), Some("ray-2"));
    assert!(err.to_string().ends_with("(request id: ray-2)"), "{err}");
    let stream = c
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap();
    assert_eq!(stream.request_id(), Some("amzn-3"));
}
