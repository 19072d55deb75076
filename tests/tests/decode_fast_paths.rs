//! The fast decode paths of generated types (`codegen/runtime/json_macros.rs`,
//! `serde_support.rs`): object keys and enum values are read as bytes and compared
//! without a UTF-8 check, so these tests pin what must not change with that: escaped keys
//! still name their field, the last of duplicate keys wins, unknown keys (escaped or not)
//! are kept and sent back, an unknown key that is not UTF-8 is an error, enum values work
//! escaped and unknown, and decoding from a `serde_json::Value` (the path buffered
//! unions take) gives the same result as decoding from bytes and from `&str`.

mod support;

use gradient::{ChatCompletion, ChatCompletionChunk, FinishReason};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// `text` decoded from bytes, from `&str`, from a `Value` and with the client's own reader
/// (`decode::from_slice`, `runtime/json_read.rs`); all four must agree.
fn decode_all_ways<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let from_client: T = gradient::decode::from_slice(text.as_bytes()).expect("the client");
    let from_slice: T = serde_json::from_slice(text.as_bytes()).expect("from_slice");
    let from_str: T = serde_json::from_str(text).expect("from_str");
    let value: Value = serde_json::from_str(text).expect("a JSON value");
    let from_value: T = serde_json::from_value(value).expect("from_value");
    assert_eq!(from_slice, from_str);
    assert_eq!(from_slice, from_value);
    assert_eq!(from_slice, from_client);
    from_slice
}

#[test]
fn escaped_keys_name_their_fields() {
    let text = r#"{"\u0069d":"c","object":"chat.completion","cr\u0065ated":7,"model":"m",
        "choices":[{"ind\u0065x":2,"message":{"role":"assistant","content":"hi"},
        "finish_r\u0065ason":"stop"}]}"#;
    let completion: ChatCompletion = decode_all_ways(text);
    assert_eq!(completion.id, "c");
    assert_eq!(completion.created, 7);
    assert_eq!(completion.choices[0].index, 2);
    assert_eq!(completion.choices[0].finish_reason, FinishReason::Stop);
    assert!(completion.extra.is_empty(), "{:?}", completion.extra);
}

#[test]
fn the_last_of_duplicate_keys_wins() {
    let text = r#"{"id":"first","id":"second","object":"chat.completion","created":1,
        "model":"m","choices":[],"x":1,"x":2}"#;
    let completion: ChatCompletion = decode_all_ways(text);
    assert_eq!(completion.id, "second");
    assert_eq!(completion.extra["x"], json!(2));
}

#[test]
fn unknown_keys_are_kept_escaped_or_not_and_sent_back() {
    let text = r#"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[],
        "system_fingerprint":"fp","caf\u00e9":{"n":[1,"two",null]},"naïve":true}"#;
    let completion: ChatCompletion = decode_all_ways(text);
    assert_eq!(completion.extra["system_fingerprint"], json!("fp"));
    assert_eq!(completion.extra["café"], json!({"n": [1, "two", null]}));
    assert_eq!(completion.extra["naïve"], json!(true));
    let back = serde_json::to_value(&completion).unwrap();
    assert_eq!(back["café"], json!({"n": [1, "two", null]}));
    assert_eq!(back["naïve"], json!(true));
    assert_eq!(back["system_fingerprint"], json!("fp"));
}

#[test]
fn an_unknown_key_that_is_not_utf8_is_an_error() {
    // A lone surrogate escape cannot be a Rust string, so it cannot be kept.
    let text = r#"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[],
        "\ud800":1}"#;
    let err = serde_json::from_slice::<ChatCompletion>(text.as_bytes()).unwrap_err();
    // Keys are read as strings while another thread of this process finds where a
    // document failed (`with_str_keys`): then serde_json itself rejects the escape.
    let message = err.to_string();
    assert!(
        message.contains("UTF-8") || message.contains("unicode") || message.contains("hex escape"),
        "{err}"
    );
}

#[test]
fn enum_values_escaped_and_unknown() {
    let known: FinishReason = decode_all_ways(r#""l\u0065ngth""#);
    assert_eq!(known, FinishReason::Length);
    let unknown: FinishReason = decode_all_ways(r#""paused_for_ünïcode""#);
    assert_eq!(unknown, FinishReason::Other("paused_for_ünïcode".into()));
    assert_eq!(
        serde_json::to_string(&unknown).unwrap(),
        r#""paused_for_ünïcode""#
    );
    assert!(serde_json::from_str::<FinishReason>("1").is_err());
    assert!(serde_json::from_str::<FinishReason>(r#""\ud800""#).is_err());
}

#[test]
fn a_constant_with_another_value_is_kept() {
    let text = r#"{"id":"c","object":"chat.completion.v2","created":1,"model":"m","choices":[]}"#;
    let chunk: ChatCompletionChunk = decode_all_ways(text);
    assert_eq!(chunk.extra["object"], json!("chat.completion.v2"));
    assert_eq!(
        serde_json::to_value(&chunk).unwrap()["object"],
        json!("chat.completion.v2")
    );
}

#[tokio::test]
async fn an_error_payload_in_a_stream_is_still_an_error() {
    // Generated types read keys as bytes; the stream's check for a top-level `error` key
    // must see them too, though the payload would also decode as a chunk.
    use futures_util::StreamExt as _;
    let body = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[]}\n\n\
                data: {\"error\":{\"message\":\"overloaded\"}}\n\n";
    let parts = vec![Ok::<_, gradient::Error>(bytes::Bytes::from(body))];
    let items: Vec<_> = gradient::SseStream::<ChatCompletionChunk>::from_byte_stream(
        futures_util::stream::iter(parts),
    )
    .collect()
    .await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].is_ok());
    let err = items[1].as_ref().unwrap_err();
    assert!(matches!(err, gradient::Error::Stream { .. }), "{err:?}");
}

#[tokio::test]
async fn a_response_that_fails_to_decode_names_the_path_of_the_failure() {
    // Keys are read as bytes on the fast path; the slow path that finds the failure reads
    // them as strings, so the path names them.
    use support::{Reply, TestServer};
    let bad = r#"{"id":"c","object":"chat.completion","created":1,"model":"m",
        "choices":[{"index":"zero","finish_reason":"stop","message":{}}]}"#;
    let server = TestServer::start(vec![Reply::json(200, bad)]).await;
    let client = gradient::Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let request =
        gradient::ChatCompletionRequest::new("m", vec![gradient::UserMessage::new("hi").into()]);
    let err = client
        .chat()
        .completions()
        .create(&request)
        .await
        .unwrap_err();
    match err {
        gradient::Error::Decode { path, .. } => assert_eq!(path, "choices[0].index"),
        other => panic!("{other:?}"),
    }
}

/// The client's reader (`decode::from_slice`) and serde_json agree on every document one
/// edit away from a real response: the same value when both decode it, an error from both
/// when either refuses it.
#[test]
fn the_client_reader_and_serde_json_agree_on_damaged_responses() {
    let text = r#"{"id":"c","object":"chat.completion","created":1733000000,"model":"m",
        "choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant",
        "content":"caf\u00e9 \"quoted\"\n naïve 😀","refusal":null,"tool_calls":[{"id":"t",
        "type":"function","function":{"name":"f","arguments":"{\"a\":[1,2]}"}}]},
        "logprobs":{"content":[{"token":"hi","logprob":-0.25,"bytes":[104,105],
        "top_logprobs":[{"token":"ho","logprob":-1.5e1,"bytes":[104,111]}]}]}}],
        "usage":{"prompt_tokens":3,"completion_tokens":7,"total_tokens":10},
        "vendor":{"n":[1,-2,3.5e-3,null,true,"x"]},"service_tier":"flex"}"#;
    let original: ChatCompletion = decode_all_ways(text);
    assert_eq!(original.choices.len(), 1);
    let replacements: [&[u8]; 14] = [
        b"", b"\"", b"\\", b",", b":", b"[", b"]", b"{", b"}", b"-", b"0", b"e", b" ", b"\x01",
    ];
    let bytes = text.as_bytes();
    let mut state: u64 = 0x853c_49e6_748f_ea9b;
    let mut refused = 0;
    for _ in 0..4_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let at = (state % bytes.len() as u64) as usize;
        let with = replacements[(state >> 32) as usize % replacements.len()];
        let mut damaged = bytes[..at].to_vec();
        damaged.extend_from_slice(with);
        damaged.extend_from_slice(&bytes[at + 1..]);
        let ours = gradient::decode::from_slice::<ChatCompletion>(&damaged);
        let theirs = serde_json::from_slice::<ChatCompletion>(&damaged);
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => {
                assert_eq!(ours, theirs, "{}", String::from_utf8_lossy(&damaged))
            }
            (Err(_), Err(_)) => refused += 1,
            (ours, theirs) => panic!(
                "{}: the client says {:?}, serde_json {:?}",
                String::from_utf8_lossy(&damaged),
                ours.err(),
                theirs.err()
            ),
        }
    }
    assert!(refused > 1_000, "{refused}");
}
