//! A cut-off stream never looks complete: the gradient config names `[DONE]` as the
//! terminator, so a stream that closes cleanly without it ends with
//! `Error::IncompleteStream`, over a real connection.

mod support;

use gradient::{ChatCompletionRequest, Client, Error, StreamEnd, StreamExt, UserMessage};
use serde_json::json;
use support::{Framing, Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap()
}

fn request() -> ChatCompletionRequest {
    ChatCompletionRequest::new("m", vec![UserMessage::new("hi").into()])
}

fn event(content: &str, finish: Option<&str>) -> String {
    format!(
        "data: {}\n\n",
        json!({"id":"c1","object":"chat.completion.chunk","created":1,"model":"m",
            "choices":[{"index":0,"delta":{"content":content},"finish_reason":finish}]})
    )
}

/// Collects the stream, as texts for items and the error kind for the last one.
async fn run(reply: Reply) -> (Vec<String>, Option<Error>) {
    let server = TestServer::start(vec![reply]).await;
    let mut stream = client(&server)
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap();
    let mut texts = Vec::new();
    let mut error = None;
    while let Some(item) = stream.next().await {
        match item {
            Ok(chunk) => texts.push(chunk.choices[0].delta.content.clone().unwrap_or_default()),
            Err(e) => {
                assert!(error.is_none(), "a second error after {error:?}: {e:?}");
                error = Some(e);
            }
        }
    }
    (texts, error)
}

#[tokio::test]
async fn clean_close_mid_answer_is_an_incomplete_stream() {
    let (texts, error) = run(Reply::sse(&[&event("Hel", None), &event("lo", None)])).await;
    assert_eq!(texts, vec!["Hel", "lo"]);
    let error = error.expect("a cut-off stream ends with an error");
    assert!(error.is_incomplete(), "{error:?}");
    assert!(matches!(error, Error::IncompleteStream { items: 2, .. }));
    assert_eq!(
        error.to_string(),
        "the stream ended after 2 items without `data: [DONE]`: the response is incomplete \
         (cut off by the server or a proxy)"
    );
}

#[tokio::test]
async fn close_right_after_the_last_data_event_is_still_incomplete() {
    // Even the chunk with a finish reason is not the end: only `[DONE]` is.
    let reply =
        Reply::sse(&[&event("Hello", None), &event("", Some("stop"))]).framing(Framing::Close);
    let (texts, error) = run(reply).await;
    assert_eq!(texts, vec!["Hello", ""]);
    assert!(error.unwrap().is_incomplete());
}

#[tokio::test]
async fn close_inside_an_event_is_incomplete() {
    let (texts, error) = run(Reply::sse(&[&event("kept", None), "data: {\"id\":\"c1\""])).await;
    assert_eq!(texts, vec!["kept"]);
    assert!(error.unwrap().is_incomplete());
}

#[tokio::test]
async fn proper_end_has_no_error() {
    let (texts, error) = run(Reply::sse(&[
        &event("Hello", None),
        &event("", Some("stop")),
        "data: [DONE]\n\n",
    ]))
    .await;
    assert_eq!(texts, vec!["Hello", ""]);
    assert!(error.is_none(), "{error:?}");
}

#[tokio::test]
async fn accumulating_a_cut_off_stream_fails() {
    let server = TestServer::start(vec![Reply::sse(&[&event("Hel", None)])]).await;
    let stream = client(&server)
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap();
    let err = stream.accumulate().await.unwrap_err();
    assert!(err.is_incomplete(), "{err:?}");
}

#[tokio::test]
async fn without_an_end_marker_a_clean_close_is_complete() {
    // What a crate without `stream.terminator` in its config does.
    let server = TestServer::start(vec![Reply::sse(&[&event("Hel", None)])]).await;
    let mut stream = client(&server)
        .chat()
        .completions()
        .create_stream(&request())
        .await
        .unwrap()
        .with_end(StreamEnd::NONE);
    assert!(stream.next().await.unwrap().is_ok());
    assert!(stream.next().await.is_none());
    assert_eq!(StreamEnd::for_this_api().terminator, Some("[DONE]"));
}

/// NDJSON: the fixture client in `tests/clients/ndjson_done/` says (config
/// `stream.last_item: {done: true}`) that the line with `"done": true` is the last.
mod ndjson {
    use super::support::{Reply, TestServer};
    use ndjson_done_client::{Client, GenerateRequest, StreamExt};

    async fn lines(body: &str) -> Vec<Result<(String, bool), String>> {
        let server = TestServer::start(vec![
            Reply::sse(&[body]).header("content-type", "application/x-ndjson")
        ])
        .await;
        let client = Client::builder()
            .base_url(server.base_url())
            .build()
            .unwrap();
        client
            .generate()
            .create(&GenerateRequest::new("hi"))
            .await
            .unwrap()
            .map(|r| r.map(|l| (l.response, l.done)).map_err(|e| e.to_string()))
            .collect()
            .await
    }

    #[tokio::test]
    async fn proper_end() {
        let got =
            lines("{\"response\":\"Hel\",\"done\":false}\n{\"response\":\"lo\",\"done\":true}\n")
                .await;
        assert_eq!(
            got,
            vec![Ok(("Hel".into(), false)), Ok(("lo".into(), true))]
        );
    }

    #[tokio::test]
    async fn clean_close_mid_answer_is_incomplete() {
        let got =
            lines("{\"response\":\"Hel\",\"done\":false}\n{\"response\":\"lo\",\"done\":false}\n")
                .await;
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[2],
            Err(
                "the stream ended after 2 items without an item with \"done\": true: the \
                 response is incomplete (cut off by the server or a proxy)"
                    .into()
            )
        );
    }

    #[tokio::test]
    async fn close_inside_the_last_line_is_incomplete() {
        // The last line lacks its end: it does not decode, and the stream is incomplete.
        let got = lines("{\"response\":\"Hel\",\"done\":false}\n{\"response\":\"lo\",\"do").await;
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(got[1].is_err());
        assert!(got[2].as_ref().unwrap_err().contains("incomplete"));
    }
}
