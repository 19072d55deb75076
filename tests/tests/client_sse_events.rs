//! SSE events told apart by the `event:` field: the fixture client in
//! `tests/clients/sse_events/` describes each event as `{event: <const>, data: <schema>}`;
//! the generated stream dispatches on the SSE event name and decodes `data` as that
//! event's variant. Unknown event names are kept, not errors.

mod support;

use serde_json::json;
use sse_events_client::{Client, CreateMessageRequest, StreamEvent, StreamExt};
use support::{Reply, TestServer};

/// A recorded stream with several event types, a keep-alive comment, an event the
/// spec does not know, and the spec's last event.
const RECORDED: &str = "\
event: message_start\n\
data: {\"id\":\"msg_1\",\"model\":\"m-1\"}\n\n\
: keep-alive\n\n\
event: text_delta\n\
data: {\"index\":0,\"text\":\"Hel\"}\n\n\
event: ping\n\
data: {\"t\":1}\n\n\
event: text_delta\n\
data: {\"index\":0,\"text\":\"lo\"}\n\n\
event: message_stop\n\
data: {\"stop_reason\":\"end_turn\"}\n\n";

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap()
}

#[tokio::test]
async fn events_decode_by_their_sse_event_name() {
    let server = TestServer::start(vec![Reply::sse_split(RECORDED, &[7, 3])]).await;
    let stream = client(&server)
        .messages()
        .create(&CreateMessageRequest::new("hi"))
        .await
        .unwrap();
    let events: Vec<StreamEvent> = stream.map(|e| e.unwrap()).collect().await;
    assert_eq!(events.len(), 5, "{events:?}");
    match &events[0] {
        StreamEvent::MessageStart(e) => {
            assert_eq!(e.data.id, "msg_1");
            assert_eq!(e.data.model, "m-1");
        }
        other => panic!("{other:?}"),
    }
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            StreamEvent::TextDelta(d) => Some(d.data.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Hello");
    // The unknown event is kept with its name and data.
    assert_eq!(
        events[2],
        StreamEvent::Other(json!({"event": "ping", "data": {"t": 1}}))
    );
    match &events[4] {
        StreamEvent::MessageStop(e) => assert_eq!(e.data.stop_reason.as_deref(), Some("end_turn")),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.requests()[0].json(), json!({"prompt": "hi"}));
}

#[tokio::test]
async fn a_stream_without_its_last_event_is_incomplete() {
    // The config names `message_stop` as the last event.
    let cut = RECORDED
        .split("event: message_stop")
        .next()
        .unwrap()
        .to_string();
    let server = TestServer::start(vec![Reply::sse(&[&cut])]).await;
    let items: Vec<_> = client(&server)
        .messages()
        .create(&CreateMessageRequest::new("hi"))
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(items.len(), 5);
    assert!(items[..4].iter().all(Result::is_ok));
    let err = items[4].as_ref().unwrap_err();
    assert!(err.is_incomplete(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "the stream ended after 4 items without an `event: message_stop`: the response is \
         incomplete (cut off by the server or a proxy)"
    );
}
