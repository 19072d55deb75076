//! Wire modes of generated struct fields (decided by `codegen/src/lower/wire_mode.rs`):
//! an optional, nullable field tells absent, `null` and a value apart in requests and
//! responses (`Nullable`); a required scalar that is missing or `null` decodes empty; a
//! required list a server leaves out decodes empty; and `types.rs` shows each field's
//! mode on a line of its own.

mod support;

use gradient::{ChatCompletion, ChatCompletionRequest, Client, Nullable, UserMessage};
use serde_json::{json, Value};
use support::{Reply, TestServer};

const COMPLETION: &str =
    r#"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[]}"#;

fn request() -> ChatCompletionRequest {
    ChatCompletionRequest::new("m", vec![UserMessage::new("hi").into()])
}

/// The request body the server received for `request`.
async fn sent(request: &ChatCompletionRequest) -> Value {
    let server = TestServer::start(vec![Reply::json(200, COMPLETION)]).await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap();
    client.chat().completions().create(request).await.unwrap();
    server.requests()[0].json()
}

#[tokio::test]
async fn a_request_sends_an_optional_nullable_field_only_as_the_user_set_it() {
    // Absent: never sent.
    let body = sent(&request()).await;
    assert!(body.get("temperature").is_none(), "{body}");
    // Null: sent as `null` (a PATCH-style "clear this").
    let mut cleared = request();
    cleared.temperature = Nullable::Null;
    let body = sent(&cleared).await;
    assert_eq!(body.get("temperature"), Some(&Value::Null), "{body}");
    // A value: sent as the value, through the usual setter.
    let body = sent(&request().temperature(0.5)).await;
    assert_eq!(body["temperature"], json!(0.5));
}

#[test]
fn a_response_keeps_absent_null_and_value_apart_and_sends_them_back_as_received() {
    let base =
        json!({"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": []});
    let usage = json!({"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3});
    for (received, expected) in [
        (None, Nullable::Absent),
        (Some(Value::Null), Nullable::Null),
        (Some(usage.clone()), Nullable::Value(())),
    ] {
        let mut json = base.clone();
        if let Some(value) = &received {
            json["usage"] = value.clone();
        }
        let completion: ChatCompletion = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(completion.usage.as_ref().map(|_| ()), expected, "{json}");
        let again = serde_json::to_value(&completion).unwrap();
        assert_eq!(again.get("usage"), received.as_ref(), "{again}");
    }
}

#[test]
fn a_required_scalar_a_server_leaves_out_or_sends_as_null_decodes_empty() {
    let json = json!({"object": "chat.completion", "created": 1, "model": "m", "choices": []});
    let completion = serde_json::from_value::<ChatCompletion>(json).unwrap();
    assert_eq!(completion.id, "");
    let json = json!({"id": null, "object": "chat.completion", "model": "m", "choices": []});
    let completion = serde_json::from_value::<ChatCompletion>(json).unwrap();
    assert_eq!((completion.id.as_str(), completion.created), ("", 0));
}

#[test]
fn a_required_list_a_server_leaves_out_or_sends_as_null_decodes_empty() {
    for choices in [None, Some(Value::Null)] {
        let mut json = json!({"id": "c", "object": "chat.completion", "created": 1, "model": "m"});
        if let Some(value) = choices {
            json["choices"] = value;
        }
        let completion: ChatCompletion = serde_json::from_value(json).unwrap();
        assert!(completion.choices.is_empty());
        // Re-encoded, it is sent as the spec requires it.
        assert_eq!(
            serde_json::to_value(&completion).unwrap()["choices"],
            json!([])
        );
    }
}

#[test]
fn generated_types_show_one_wire_line_per_field_with_its_mode() {
    let types = include_str!("../../generated/src/types.rs");
    for line in [
        "        \"model\" => model: default_if_missing,\n",
        "        \"content\" => content: required,\n",
        "        \"messages\" => messages: default_if_missing,\n",
        "        \"temperature\" => temperature: optional_nullable,\n",
        "        \"content\" => content: required_nullable,\n",
        "        const \"type\" = \"text\",\n",
        "        extra: keep_json,\n",
    ] {
        assert!(types.contains(line), "types.rs lacks {line:?}");
    }
    // The old, flowed form with its backwards mode names is gone.
    assert!(!types.contains("strict \""), "no `strict` mode left");
    assert!(
        !types.contains("fields {"),
        "no flowed `fields {{ ... }}` block left"
    );
}
