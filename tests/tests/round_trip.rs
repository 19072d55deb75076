//! Round trips through the real generated crate (`gradient`): values built with the
//! generated constructors serialize to the exact JSON the API expects, and JSON the API
//! sends (including values and properties this version does not know) decodes and
//! re-encodes without loss.

use gradient::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};

/// The 200 example of `POST /chat/completions`, as in `spec/openapi.yaml` and the seed
/// documentation (`../shared/seed/000_8c539a84945ea8c3.txt`), copied verbatim.
const SEED_RESPONSE: &str = r#"{
"id": "id",
"choices": [
{
"finish_reason": "stop",
"index": 0,
"logprobs": {
"content": [
{
"token": "token",
"bytes": [
0
],
"logprob": 0,
"top_logprobs": [
{
"token": "token",
"bytes": [
0
],
"logprob": 0
}
]
}
],
"refusal": [
{
"token": "token",
"bytes": [
0
],
"logprob": 0,
"top_logprobs": [
{
"token": "token",
"bytes": [
0
],
"logprob": 0
}
]
}
]
},
"message": {
"content": "content",
"reasoning_content": "reasoning_content",
"refusal": "refusal",
"role": "assistant",
"tool_calls": [
{
"id": "id",
"function": {
"arguments": "arguments",
"name": "name"
},
"type": "function"
}
]
}
}
],
"created": 0,
"model": "model",
"object": "chat.completion",
"usage": {
"cache_created_input_tokens": 0,
"cache_creation": {
"ephemeral_1h_input_tokens": 0,
"ephemeral_5m_input_tokens": 0
},
"cache_read_input_tokens": 0,
"completion_tokens": 0,
"prompt_tokens": 0,
"total_tokens": 0
}
}"#;

// ---------------------------------------------------------------- helpers

/// Whether two JSON documents are equal as JSON: numbers compare by value, so an
/// integral `0` sent for a `number` property equals the `0.0` an `f64` writes back.
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(x), Some(y)) => x == y,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

#[track_caller]
fn assert_same_json(actual: &Value, expected: &Value) {
    assert!(
        same_json(actual, expected),
        "JSON differs\n--- actual\n{}\n--- expected\n{}",
        serde_json::to_string_pretty(actual).unwrap(),
        serde_json::to_string_pretty(expected).unwrap()
    );
}

/// Decodes `json` as `T`, then checks that re-encoding gives the same JSON back.
#[track_caller]
fn decode_and_reencode<T: Serialize + DeserializeOwned>(json: &Value) -> T {
    let decoded: T = serde_json::from_value(json.clone())
        .unwrap_or_else(|err| panic!("does not decode: {err}\n{json:#}"));
    let encoded = serde_json::to_value(&decoded).expect("re-encodes");
    assert_same_json(&encoded, json);
    decoded
}

/// Serializes `value`, checks it is exactly `expected`, and checks that `expected`
/// decodes back to a value equal to `value`.
#[track_caller]
fn encodes_exactly<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    value: &T,
    expected: Value,
) {
    let encoded = serde_json::to_value(value).expect("serializes");
    assert_same_json(&encoded, &expected);
    let decoded: T = serde_json::from_value(expected).expect("expected JSON decodes");
    assert_eq!(
        &decoded, value,
        "decoding the expected JSON gives another value"
    );
}

fn weather_parameters() -> serde_json::Map<String, Value> {
    let Value::Object(map) = json!({
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "City name"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
        },
        "required": ["city"],
        "additionalProperties": false
    }) else {
        unreachable!()
    };
    map
}

// ---------------------------------------------------------------- responses

#[test]
fn seed_example_response_decodes_and_reencodes_to_the_same_json() {
    let seed: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    let completion: ChatCompletion = decode_and_reencode(&seed);

    assert_eq!(completion.id, "id");
    assert_eq!(completion.choices.len(), 1);
    let choice = &completion.choices[0];
    assert_eq!(choice.finish_reason, FinishReason::Stop);
    let message = &choice.message;
    assert_eq!(message.content.as_deref(), Some("content"));
    assert_eq!(
        message.reasoning_content.as_deref(),
        Some("reasoning_content")
    );
    let calls = message.tool_calls.as_ref().expect("tool calls decoded");
    assert_eq!(calls[0].function.name, "name");
    let logprobs = choice.logprobs.get().expect("logprobs decoded");
    assert_eq!(
        logprobs.content.get().unwrap()[0].top_logprobs[0].bytes,
        Some(vec![0])
    );
    let usage = completion.usage.get().expect("usage decoded");
    assert_eq!(
        usage
            .cache_creation
            .as_ref()
            .unwrap()
            .ephemeral_5m_input_tokens,
        Some(0)
    );
    assert!(
        completion.extra.is_empty() && message.extra.is_empty(),
        "every property of the seed is described by the spec: {:?} {:?}",
        completion.extra,
        message.extra
    );
}

#[test]
fn seed_example_in_the_spec_matches_the_embedded_copy() {
    let spec_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(spec_path).unwrap()).unwrap();
    let example = &spec["paths"]["/chat/completions"]["post"]["responses"]["200"]["content"]
        ["application/json"]["example"];
    let seed: Value = serde_json::from_str(SEED_RESPONSE).unwrap();
    assert_same_json(example, &seed);
}

#[test]
fn unknown_enum_values_decode_into_the_catch_all_and_reencode_unchanged() {
    let json = json!({
        "id": "c1",
        "choices": [{
            "finish_reason": "eos",
            "index": 0,
            "message": {"role": "assistant", "content": "Hi"}
        }],
        "created": 1,
        "model": "m",
        "object": "chat.completion"
    });
    let completion: ChatCompletion = decode_and_reencode(&json);
    assert_eq!(
        completion.choices[0].finish_reason,
        FinishReason::Other("eos".into())
    );
    assert_eq!(completion.choices[0].finish_reason.as_str(), "eos");

    let delta: ChunkDelta = decode_and_reencode(&json!({"role": "critic"}));
    assert_eq!(delta.role, Some(ChunkDeltaRole::Other("critic".into())));

    let ttl: CacheTtl = decode_and_reencode(&json!("1d"));
    assert_eq!(ttl, CacheTtl::Other("1d".into()));
    assert_eq!(CacheTtl::from("5m"), CacheTtl::V5m);
}

#[test]
fn unknown_properties_at_every_level_are_kept_in_extra_and_reencoded() {
    let json = json!({
        "id": "c1",
        "x_root": {"nested": [1, 2]},
        "choices": [{
            "x_choice": true,
            "finish_reason": "tool_calls",
            "index": 0,
            "logprobs": {
                "x_logprobs": "l",
                "content": [{
                    "x_token": 1,
                    "token": "a",
                    "bytes": [97],
                    "logprob": -0.5,
                    "top_logprobs": [{"x_top": null, "token": "a", "bytes": null, "logprob": -0.5}]
                }]
            },
            "message": {
                "x_message": "m",
                "role": "assistant",
                "content": null,
                "tool_calls": [{
                    "x_call": [],
                    "id": "call_1",
                    "type": "function",
                    "function": {"x_function": {}, "name": "f", "arguments": "{}"}
                }]
            }
        }],
        "created": 1700000000,
        "model": "m",
        "object": "chat.completion",
        "usage": {
            "x_usage": 0.5,
            "prompt_tokens": 1,
            "completion_tokens": 2,
            "total_tokens": 3,
            "cache_creation": {"x_cache": "c"}
        }
    });
    let completion: ChatCompletion = decode_and_reencode(&json);

    assert_eq!(completion.extra["x_root"], json!({"nested": [1, 2]}));
    let choice = &completion.choices[0];
    assert_eq!(choice.extra["x_choice"], json!(true));
    let logprobs = choice.logprobs.get().unwrap();
    assert_eq!(logprobs.extra["x_logprobs"], json!("l"));
    let token = &logprobs.content.get().unwrap()[0];
    assert_eq!(token.extra["x_token"], json!(1));
    assert_eq!(token.top_logprobs[0].extra["x_top"], Value::Null);
    assert_eq!(choice.message.extra["x_message"], json!("m"));
    let call = &choice.message.tool_calls.as_ref().unwrap()[0];
    assert_eq!(call.extra["x_call"], json!([]));
    assert_eq!(call.function.extra["x_function"], json!({}));
    let usage = completion.usage.get().unwrap();
    assert_eq!(usage.extra["x_usage"], json!(0.5));
    assert_eq!(
        usage.cache_creation.as_ref().unwrap().extra["x_cache"],
        json!("c")
    );
}

#[test]
fn missing_optional_properties_decode_and_stay_absent() {
    let json = json!({
        "id": "c1",
        "choices": [{
            "finish_reason": "length",
            "index": 0,
            "message": {"role": "assistant", "content": "Hi"}
        }],
        "created": 1,
        "model": "m",
        "object": "chat.completion"
    });
    let completion: ChatCompletion = decode_and_reencode(&json);
    assert_eq!(completion.usage, Nullable::Absent);
    let choice = &completion.choices[0];
    assert_eq!(choice.logprobs, Nullable::Absent);
    assert_eq!(choice.message.tool_calls, None);
    assert_eq!(choice.message.refusal, Nullable::Absent);
    assert_eq!(choice.message.reasoning_content, Nullable::Absent);

    let usage: Usage = decode_and_reencode(&json!({
        "prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3
    }));
    assert_eq!(usage.cache_creation, None);
    assert_eq!(usage.cache_read_input_tokens, None);
}

#[test]
fn null_for_nullable_properties_decodes() {
    let json = json!({
        "id": "c1",
        "choices": [{
            "finish_reason": "stop",
            "index": 0,
            "logprobs": null,
            "message": {
                "role": "assistant",
                "content": null,
                "reasoning_content": null,
                "refusal": null
            }
        }],
        "created": 1,
        "model": "m",
        "object": "chat.completion",
        "usage": null
    });
    let completion: ChatCompletion = serde_json::from_value(json).expect("decodes");
    assert_eq!(completion.usage, Nullable::Null);
    let choice = &completion.choices[0];
    assert_eq!(choice.logprobs, Nullable::Null);
    assert_eq!(choice.message.content, None);
    assert_eq!(choice.message.refusal, Nullable::Null);

    let token: TokenLogprob = decode_and_reencode(&json!({
        "token": "t", "bytes": null, "logprob": -1.0, "top_logprobs": []
    }));
    assert_eq!(token.bytes, None);

    let error: ErrorResponse = serde_json::from_value(json!({
        "error": {"message": "bad", "code": null, "param": null}
    }))
    .expect("decodes");
    assert_eq!(error.error.code, Nullable::Null);
    assert_eq!(error.error.param, Nullable::Null);
}

#[test]
fn required_nullable_properties_serialize_null_and_unset_optional_ones_are_absent() {
    let message = ResponseMessage::new();
    assert_same_json(
        &serde_json::to_value(&message).unwrap(),
        &json!({"content": null, "role": "assistant"}),
    );

    let token = TokenLogprob::new("t", -1.0, vec![TopLogprob::new("t", -1.0)]);
    assert_same_json(
        &serde_json::to_value(&token).unwrap(),
        &json!({
            "token": "t",
            "bytes": null,
            "logprob": -1.0,
            "top_logprobs": [{"token": "t", "bytes": null, "logprob": -1.0}]
        }),
    );
}

#[test]
fn unknown_message_role_decodes_into_the_catch_all_and_reencodes_unchanged() {
    let json = json!({"role": "critic", "content": "Too long.", "score": 3});
    let message: Message = decode_and_reencode(&json);
    assert_eq!(message, Message::Other(json.clone()));

    let request: ChatCompletionRequest = decode_and_reencode(&json!({
        "messages": [{"role": "user", "content": "Hi"}, json],
        "model": "m"
    }));
    assert!(matches!(request.messages[0], Message::User(_)));
    assert!(matches!(request.messages[1], Message::Other(_)));
}

#[test]
fn unknown_content_part_type_decodes_into_the_catch_all_and_reencodes_unchanged() {
    let part = json!({"type": "audio_url", "audio_url": {"url": "https://example.com/a.wav"}});
    let message: Message = decode_and_reencode(&json!({"role": "user", "content": [part]}));
    let Message::User(user) = message else {
        panic!("a user message: {message:?}")
    };
    assert_eq!(
        user.content,
        UserContent::Parts(vec![UserContentPart::Other(part)])
    );
}

#[test]
fn streaming_chunk_with_tool_call_deltas_decodes() {
    let first = json!({
        "id": "chunk-1",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "llama3-8b-instruct",
        "choices": [{
            "index": 0,
            "delta": {
                "role": "assistant",
                "content": null,
                "tool_calls": [{
                    "index": 0,
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": "get_weather", "arguments": ""}
                }]
            },
            "finish_reason": null,
            "logprobs": null
        }],
        "usage": null
    });
    let chunk: ChatCompletionChunk = serde_json::from_value(first).expect("decodes");
    assert_eq!(chunk.id, "chunk-1");
    let choice = &chunk.choices[0];
    assert_eq!(choice.finish_reason, None);
    assert_eq!(choice.delta.role, Some(ChunkDeltaRole::Assistant));
    let call = &choice.delta.tool_calls.as_ref().unwrap()[0];
    assert_eq!(call.index, 0);
    assert_eq!(call.id.as_deref(), Some("call_1"));
    let function = call.function.as_ref().unwrap();
    assert_eq!(function.name.as_deref(), Some("get_weather"));
    assert_eq!(function.arguments.as_deref(), Some(""));

    // Later deltas carry only the index and a fragment of the arguments.
    let later = json!({
        "id": "chunk-1",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "llama3-8b-instruct",
        "choices": [{
            "index": 0,
            "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "{\"city\":"}}]},
            "finish_reason": null
        }]
    });
    let chunk: ChatCompletionChunk = serde_json::from_value(later).expect("decodes");
    let call = &chunk.choices[0].delta.tool_calls.as_ref().unwrap()[0];
    assert_eq!(call.id, None);
    assert_eq!(
        call.function.as_ref().unwrap().arguments.as_deref(),
        Some("{\"city\":")
    );

    // The last chunk carries the finish reason and the usage, with no choices left.
    let last = json!({
        "id": "chunk-1",
        "object": "chat.completion.chunk",
        "created": 1700000000,
        "model": "llama3-8b-instruct",
        "choices": [],
        "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12}
    });
    let chunk: ChatCompletionChunk = decode_and_reencode(&last);
    assert_eq!(chunk.usage.get().unwrap().total_tokens, 12);
}

// ---------------------------------------------------------------- requests

#[test]
fn minimal_request_has_only_its_required_properties() {
    let request = ChatCompletionRequest::new(
        "llama3-8b-instruct",
        vec![
            SystemMessage::new("Be terse.").into(),
            UserMessage::new("Hi").into(),
        ],
    );
    encodes_exactly(
        &request,
        json!({
            "messages": [
                {"role": "system", "content": "Be terse."},
                {"role": "user", "content": "Hi"}
            ],
            "model": "llama3-8b-instruct"
        }),
    );
}

#[test]
fn request_with_every_role_and_every_content_part_kind() {
    let request = ChatCompletionRequest::new(
        "llama3-8b-instruct",
        vec![
            // content as a string
            SystemMessage::new("Be terse.").into(),
            // content as a single part, with cache control
            DeveloperMessage::new(
                TextPart::new("Use metric units.")
                    .cache_control(CacheControl::new().ttl(CacheTtl::V5m)),
            )
            .into(),
            // content as an array of every part kind
            UserMessage::new(vec![
                UserContentPart::from(TextPart::new("What is in these?")),
                ImagePart::new(
                    ImageUrl::new("https://example.com/cat.png").detail(ImageDetail::High),
                )
                .into(),
                VideoPart::new(VideoUrl::new("https://example.com/cat.mp4")).into(),
            ])
            .into(),
            // a single non-text part
            UserMessage::new(ImagePart::new(ImageUrl::new("data:image/png;base64,AAAA"))).into(),
            AssistantMessage::new()
                .content("Let me check the weather.")
                .tool_calls(vec![ToolCall::new(
                    "call_1",
                    FunctionCall::new("get_weather", r#"{"city":"Paris"}"#),
                )])
                .into(),
            // content as an array of text parts
            ToolMessage::new(
                vec![TextPart::new("18°C").cache_control(CacheControl::new())],
                "call_1",
            )
            .into(),
            // an assistant message with nothing but its role
            AssistantMessage::new().into(),
        ],
    );
    encodes_exactly(
        &request,
        json!({
            "messages": [
                {"role": "system", "content": "Be terse."},
                {
                    "role": "developer",
                    "content": {
                        "type": "text",
                        "text": "Use metric units.",
                        "cache_control": {"type": "ephemeral", "ttl": "5m"}
                    }
                },
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "What is in these?"},
                        {
                            "type": "image_url",
                            "image_url": {"url": "https://example.com/cat.png", "detail": "high"}
                        },
                        {"type": "video_url", "video_url": {"url": "https://example.com/cat.mp4"}}
                    ]
                },
                {
                    "role": "user",
                    "content": {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}
                },
                {
                    "role": "assistant",
                    "content": "Let me check the weather.",
                    "tool_calls": [{
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": "{\"city\":\"Paris\"}"}
                    }]
                },
                {
                    "role": "tool",
                    "content": [{"type": "text", "text": "18°C", "cache_control": {"type": "ephemeral"}}],
                    "tool_call_id": "call_1"
                },
                {"role": "assistant"}
            ],
            "model": "llama3-8b-instruct"
        }),
    );
}

#[test]
fn request_with_every_optional_field_set() {
    let request = ChatCompletionRequest::new(
        "llama3-8b-instruct",
        vec![UserMessage::new("What is the weather in Paris?").into()],
    )
    .frequency_penalty(0.5)
    .logit_bias([("50256".to_string(), -100)].into_iter().collect())
    .logprobs(true)
    .max_completion_tokens(256)
    .max_tokens(512)
    .metadata(
        [("session".to_string(), "abc".to_string())]
            .into_iter()
            .collect(),
    )
    .n(2)
    .presence_penalty(-0.5)
    .reasoning_effort(ReasoningEffort::Low)
    .stop("\n\n")
    .stream(false)
    .stream_options(StreamOptions::new().include_usage(true))
    .temperature(0.2)
    .tool_choice(ToolChoiceMode::Auto)
    .tools(vec![Tool::new(
        FunctionDefinition::new("get_weather")
            .description("Current weather for a city.")
            .parameters(weather_parameters()),
    )])
    .top_logprobs(3)
    .top_p(0.9)
    .user("user-1234");
    encodes_exactly(
        &request,
        json!({
            "messages": [{"role": "user", "content": "What is the weather in Paris?"}],
            "model": "llama3-8b-instruct",
            "frequency_penalty": 0.5,
            "logit_bias": {"50256": -100},
            "logprobs": true,
            "max_completion_tokens": 256,
            "max_tokens": 512,
            "metadata": {"session": "abc"},
            "n": 2,
            "presence_penalty": -0.5,
            "reasoning_effort": "low",
            "stop": "\n\n",
            "stream": false,
            "stream_options": {"include_usage": true},
            "temperature": 0.2,
            "tool_choice": "auto",
            "tools": [{
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "description": "Current weather for a city.",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "city": {"type": "string", "description": "City name"},
                            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                        },
                        "required": ["city"],
                        "additionalProperties": false
                    }
                }
            }],
            "top_logprobs": 3,
            "top_p": 0.9,
            "user": "user-1234"
        }),
    );
}

#[test]
fn stop_as_a_string_and_as_an_array() {
    let base = || ChatCompletionRequest::new("m", vec![UserMessage::new("Hi").into()]);
    let one = base().stop("END");
    assert_eq!(one.stop, Nullable::Value(Stop::Text("END".into())));
    encodes_exactly(
        &one,
        json!({"messages": [{"role": "user", "content": "Hi"}], "model": "m", "stop": "END"}),
    );
    let many = base().stop(vec!["END".to_string(), "\n".to_string()]);
    assert_eq!(
        many.stop,
        Nullable::Value(Stop::List(vec!["END".into(), "\n".into()]))
    );
    encodes_exactly(
        &many,
        json!({"messages": [{"role": "user", "content": "Hi"}], "model": "m", "stop": ["END", "\n"]}),
    );
}

#[test]
fn tool_choice_as_a_string_and_as_an_object() {
    let base = || ChatCompletionRequest::new("m", vec![UserMessage::new("Hi").into()]);
    for (mode, text) in [
        (ToolChoiceMode::None, "none"),
        (ToolChoiceMode::Auto, "auto"),
        (ToolChoiceMode::Required, "required"),
    ] {
        encodes_exactly(
            &base().tool_choice(mode),
            json!({"messages": [{"role": "user", "content": "Hi"}], "model": "m", "tool_choice": text}),
        );
    }
    let named = base().tool_choice(NamedToolChoice::new(FunctionName::new("get_weather")));
    encodes_exactly(
        &named,
        json!({
            "messages": [{"role": "user", "content": "Hi"}],
            "model": "m",
            "tool_choice": {"type": "function", "function": {"name": "get_weather"}}
        }),
    );
    // A mode this crate does not know yet still goes through.
    let decoded: ToolChoice = decode_and_reencode(&json!("parallel"));
    assert_eq!(
        decoded,
        ToolChoice::Mode(ToolChoiceMode::Other("parallel".into()))
    );
}

#[test]
fn tools_with_free_form_parameters_round_trip() {
    let parameters = json!({
        "type": "object",
        "properties": {"q": {"type": "string"}, "filters": {"type": "array", "items": {}}},
        "$defs": {"x": {"anyOf": [{"type": "null"}, {"const": 1}]}}
    });
    let tool: Tool = decode_and_reencode(&json!({
        "type": "function",
        "function": {"name": "search", "parameters": parameters}
    }));
    assert_eq!(
        Value::from(tool.function.parameters.clone().unwrap()),
        parameters
    );
    // Without parameters the property is left out.
    encodes_exactly(
        &Tool::new(FunctionDefinition::new("noop")),
        json!({"type": "function", "function": {"name": "noop"}}),
    );
}

#[test]
fn constants_are_written_without_being_set() {
    let part = serde_json::to_value(TextPart::new("Hi")).unwrap();
    assert_eq!(part, json!({"type": "text", "text": "Hi"}));
    let message = serde_json::to_value(Message::from(UserMessage::new("Hi"))).unwrap();
    assert_eq!(message, json!({"role": "user", "content": "Hi"}));
    let cache = serde_json::to_value(CacheControl::new()).unwrap();
    assert_eq!(cache, json!({"type": "ephemeral"}));
    let completion = serde_json::to_value(ChatCompletion::new("c", vec![], 0, "m")).unwrap();
    assert_eq!(completion["object"], json!("chat.completion"));
    let chunk = serde_json::to_value(ChatCompletionChunk::new("c", vec![], 0, "m")).unwrap();
    assert_eq!(chunk["object"], json!("chat.completion.chunk"));
}

#[test]
fn content_decodes_into_the_variant_of_its_json_shape() {
    let text: UserContent = decode_and_reencode(&json!("Hi"));
    assert_eq!(text, UserContent::Text("Hi".into()));
    let one: UserContent = decode_and_reencode(&json!({"type": "text", "text": "Hi"}));
    assert_eq!(
        one,
        UserContent::Part(UserContentPart::Text(TextPart::new("Hi")))
    );
    let many: UserContent = decode_and_reencode(&json!([
        {"type": "video_url", "video_url": {"url": "u"}}
    ]));
    assert_eq!(
        many,
        UserContent::Parts(vec![VideoPart::new(VideoUrl::new("u")).into()])
    );
    let text_parts: TextContent = decode_and_reencode(&json!([{"type": "text", "text": "a"}]));
    assert_eq!(text_parts, TextContent::Parts(vec![TextPart::new("a")]));
}

#[test]
fn error_code_decodes_as_string_or_integer() {
    let text: ErrorResponse = decode_and_reencode(&json!({
        "error": {"message": "m", "type": "invalid_request_error", "code": "bad_model"}
    }));
    assert_eq!(
        text.error.code,
        Nullable::Value(ErrorObjectCode::String("bad_model".into()))
    );
    assert_eq!(text.error.r#type.as_deref(), Some("invalid_request_error"));
    let number: ErrorResponse =
        decode_and_reencode(&json!({"error": {"message": "m", "code": 429}}));
    assert_eq!(
        number.error.code,
        Nullable::Value(ErrorObjectCode::Integer(429))
    );
}

#[test]
fn constant_property_received_with_another_value_reencodes_as_received() {
    let json = json!({
        "id": "call_1",
        "type": "custom",
        "function": {"name": "f", "arguments": "{}"}
    });
    let call: ToolCall = serde_json::from_value(json.clone()).expect("decodes");
    assert_eq!(call.extra.get("type"), Some(&json!("custom")));
    let encoded = serde_json::to_value(&call).unwrap();
    assert_same_json(&encoded, &json);
}
