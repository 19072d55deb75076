// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Checks of a successful response's content type before its body is decoded,
//! so that a stream sent to a non-streaming call (or JSON sent to a streaming
//! one) is reported as such rather than as a puzzling JSON syntax error.

use std::time::Duration;

use reqwest::header::{HeaderMap, CONTENT_TYPE};

use super::error::Error;

/// The media type of a response, lower-cased, without parameters.
fn essence(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(CONTENT_TYPE)?.to_str().ok()?;
    let media = value.split(';').next().unwrap_or(value).trim();
    Some(media.to_ascii_lowercase())
}

fn is_stream_media(media: &str) -> bool {
    matches!(
        media,
        "text/event-stream"
            | "application/x-ndjson"
            | "application/ndjson"
            | "application/jsonl"
            | "application/jsonlines"
    )
}

fn is_json_media(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json")
}

/// For a non-streaming call: a streamed body is an error that says to use the
/// operation's streaming method.
pub(crate) fn expect_not_stream(headers: &HeaderMap, body: &[u8]) -> Result<(), Error> {
    match essence(headers) {
        Some(media) if is_stream_media(&media) => Err(Error::decode(
            "",
            format!(
                "expected a JSON response, but the server sent a stream (`{media}`); \
                 call the operation's streaming method (e.g. `create_stream`) for it, \
                 or leave the request's stream flag unset"
            ),
        )
        .with_body(body)),
        _ => Ok(()),
    }
}

/// For an SSE call: a JSON body means the server did not stream (e.g. it
/// ignored the stream flag), which is reported with the start of the body
/// instead of as an empty or cut-off stream.
pub(crate) async fn expect_event_stream(
    response: reqwest::Response,
    timeout: Duration,
) -> Result<reqwest::Response, Error> {
    match essence(response.headers()) {
        Some(media) if is_json_media(&media) => {
            let body = response
                .bytes()
                .await
                .map_err(|e| Error::from_reqwest(e, timeout))?;
            let value = serde_json::from_slice::<serde_json::Value>(&body).ok();
            if let Some(value) = value.filter(super::decode::is_error_payload) {
                let raw = String::from_utf8_lossy(&body);
                return Err(Error::stream_error(None, Some(value), &raw));
            }
            Err(Error::decode(
                "",
                format!(
                    "expected an event stream (`text/event-stream`), but the server sent \
                     `{media}`: it did not stream this request; call the operation's \
                     non-streaming method, or check that the server supports streaming"
                ),
            )
            .with_body(&body))
        }
        _ => Ok(response),
    }
}
