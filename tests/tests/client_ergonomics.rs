//! Free-form JSON object fields (a tool's `parameters`) take a `serde_json::Value`
//! directly; a value that is not an object fails the call with a configuration error
//! naming the property, and nothing is sent.

mod support;

use gradient::{
    ChatCompletionRequest, Client, Error, FunctionDefinition, JsonObject, Tool, UserMessage,
};
use serde_json::json;
use support::{Reply, TestServer};

fn request(parameters: serde_json::Value) -> ChatCompletionRequest {
    ChatCompletionRequest::new("m", vec![UserMessage::new("hi").into()]).tools(vec![Tool::new(
        FunctionDefinition::new("get_weather").parameters(parameters),
    )])
}

const COMPLETION: &str =
    r#"{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[]}"#;

#[tokio::test]
async fn a_value_object_is_sent_as_the_parameters() {
    let server = TestServer::start(vec![Reply::json(200, COMPLETION)]).await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let schema = json!({"type": "object", "properties": {"city": {"type": "string"}}});
    client
        .chat()
        .completions()
        .create(&request(schema.clone()))
        .await
        .unwrap();
    assert_eq!(
        server.requests()[0].json()["tools"][0]["function"]["parameters"],
        schema
    );
    // A `Map` still works, and reads back like one.
    let map = schema.as_object().cloned().unwrap();
    let def = FunctionDefinition::new("f").parameters(map.clone());
    let params: &JsonObject = def.parameters.as_ref().unwrap();
    assert_eq!(params["type"], "object");
    assert_eq!(*params, map);
}

#[tokio::test]
async fn a_non_object_value_is_a_clear_error_and_nothing_is_sent() {
    let server = TestServer::start(vec![Reply::json(200, COMPLETION)]).await;
    let client = Client::builder()
        .api_key("k")
        .base_url(server.base_url())
        .build()
        .unwrap();
    let err = client
        .chat()
        .completions()
        .create(&request(json!(["not", "an", "object"])))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "configuration error: could not serialize the request body at \
         `tools[0].function.parameters`: expected a JSON object, but the value given is an array"
    );
    assert_eq!(server.count(), 0);
}
