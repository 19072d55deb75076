//! Round trips of the chat types generated from the DigitalOcean serverless-inference
//! spec (`digitalocean-chat/openapi.yaml`, operation `POST /v1/chat/completions`):
//! request `ChatCompletionRequest`, response `ChatCompletionResponse` (application/json)
//! and the SSE chunk `ChatCompletionChunk` (text/event-stream).
//!
//! The spec has no request or response examples beyond the cURL sample (one user
//! message) and per-property `example` values, so the documents below are written by
//! hand from `specification/resources/inference/models/*.yml`, using those `example`
//! values wherever the schema gives one. Each test decodes the JSON into the generated
//! type, re-encodes it and compares the result with the input; the only difference
//! allowed is that an integer sent for a `number` (f64) property comes back as a float.

use corpus_digitalocean_chat::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{Number, Value};

// ---------------------------------------------------------------- documents

/// The request body of the spec's cURL/Python/JavaScript code samples
/// (`examples/curl/inference_create_chat_completion.yml`), verbatim.
const CURL_SAMPLE_REQUEST: &str = r#"{"messages": [{"role": "user", "content": "What is the capital of Portugal?"}], "model": "meta-llama/Meta-Llama-3.1-8B-Instruct"}"#;

/// A conversation with every message role the schema lists (`chat_message.yml`), a tool
/// round trip, a forced tool choice (the object arm of `tool_choice`) and every other
/// request property of `chat_completion_request.yml`.
const REQUEST: &str = r#"{
  "model": "llama3-8b-instruct",
  "messages": [
    {"role": "system", "content": "You are a helpful assistant."},
    {"role": "developer", "content": "Answer in one short sentence."},
    {"role": "user", "content": "What is the weather like in Boston?"},
    {
      "role": "assistant",
      "content": "",
      "tool_calls": [
        {
          "id": "call_abc123",
          "type": "function",
          "function": {"name": "get_weather", "arguments": "{\"location\": \"Boston\"}"}
        }
      ]
    },
    {"role": "tool", "tool_call_id": "call_abc123", "content": "{\"temperature_c\": 22}"},
    {
      "role": "assistant",
      "content": "It is 22 °C in Boston.",
      "refusal": "",
      "reasoning_content": "The tool reported 22 degrees."
    },
    {"role": "user", "content": "Hello, how are you?", "name": "alice"}
  ],
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_weather",
        "description": "Get the current weather for a location.",
        "parameters": {
          "type": "object",
          "properties": {"location": {"type": "string"}},
          "required": ["location"]
        }
      }
    }
  ],
  "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
  "max_tokens": 512,
  "max_completion_tokens": 256,
  "frequency_penalty": 0,
  "presence_penalty": 0.5,
  "top_logprobs": 2,
  "stream": true,
  "stop": ["\n\n", "END"],
  "logit_bias": {"50256": -100, "198": 5},
  "logprobs": true,
  "n": 1,
  "stream_options": {"include_usage": true},
  "reasoning_effort": "low",
  "seed": 1234,
  "metadata": {"session": "s-1", "team": "inference"},
  "temperature": 1,
  "top_p": 0.9,
  "user": "user-1234"
}"#;

/// The other arms of the two request unions: `tool_choice` as a string and `stop` as a
/// single string.
const REQUEST_STRING_ARMS: &str = r#"{
  "model": "llama3-8b-instruct",
  "messages": [{"role": "user", "content": "Hello, how are you?"}],
  "tools": [{"type": "function", "function": {"name": "get_weather"}}],
  "tool_choice": "required",
  "stop": "END",
  "reasoning_effort": "xhigh"
}"#;

/// A non-streaming response (`chat_completion_response.yml`) with two choices: a plain
/// answer and a tool call with log probabilities. `system_fingerprint` is not in the
/// schema (OpenAI-compatible servers send it); it must survive in `extra`.
const RESPONSE: &str = r#"{
  "id": "chatcmpl-abc123",
  "object": "chat.completion",
  "created": 1677649420,
  "model": "llama3-8b-instruct",
  "choices": [
    {
      "index": 0,
      "finish_reason": "stop",
      "logprobs": null,
      "message": {
        "role": "assistant",
        "content": "Hello! How can I help you today?",
        "refusal": null,
        "reasoning_content": null
      }
    },
    {
      "index": 1,
      "finish_reason": "tool_calls",
      "logprobs": {
        "content": [
          {
            "token": "Hello",
            "logprob": -1.2345,
            "bytes": [72, 101, 108, 108, 111],
            "top_logprobs": [
              {"token": "Hello", "logprob": -1.2345, "bytes": [72, 101, 108, 108, 111]},
              {"token": "<|eot_id|>", "logprob": -9999, "bytes": null}
            ]
          }
        ],
        "refusal": null
      },
      "message": {
        "role": "assistant",
        "content": null,
        "refusal": "",
        "reasoning_content": "",
        "tool_calls": [
          {
            "id": "call_abc123",
            "type": "function",
            "function": {"name": "get_weather", "arguments": "{\"location\": \"Boston\"}"}
          }
        ]
      }
    }
  ],
  "usage": {
    "prompt_tokens": 10,
    "completion_tokens": 20,
    "total_tokens": 30,
    "cache_created_input_tokens": 0,
    "cache_read_input_tokens": 0,
    "cache_creation": {"ephemeral_5m_input_tokens": 0, "ephemeral_1h_input_tokens": 0}
  },
  "system_fingerprint": "fp_44709d6fcb"
}"#;

/// SSE `data:` payloads (`chat_completion_chunk.yml`) of a streamed tool call, in order,
/// leaving out the optional nullable properties (`usage`, `logprobs`): the first delta
/// with the role, the start of a tool call, the finish reason, and the usage-only chunk
/// sent with `stream_options.include_usage`.
const CHUNKS: [&str; 5] = [
    r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
    r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[{"index":0,"delta":{"content":"Hello","reasoning_content":"The user greets me.","refusal":""},"finish_reason":null}]}"#,
    r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_abc123","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}"#,
    r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"system_fingerprint":"fp_44709d6fcb"}"#,
    r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30,"cache_created_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0}}}"#,
];

/// A later delta of the same tool call: per `chat_completion_tool_call_chunk.yml` only
/// `index` is needed and `type` (optional, `enum: [function]`) is left out, as servers do
/// after the first delta of a call.
const CHUNK_CONTINUING_TOOL_CALL: &str = r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\": \"Boston\"}"}}]},"finish_reason":null}]}"#;

/// A chunk as the spec describes it when `include_usage` is set: "When present, it
/// contains a null value except for the last chunk" (`usage`), plus `logprobs: null`
/// (`type: object, nullable: true`).
const CHUNK_WITH_NULLS: &str = r#"{"id":"chatcmpl-abc123","object":"chat.completion.chunk","created":1677649420,"model":"llama3-8b-instruct","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null}"#;

// ---------------------------------------------------------------- tests

#[test]
fn curl_sample_request_round_trips() {
    let request: ChatCompletionRequest = round_trip(CURL_SAMPLE_REQUEST);
    assert_eq!(request.model, "meta-llama/Meta-Llama-3.1-8B-Instruct");
    assert_eq!(request.messages.len(), 1);
    assert_eq!(request.messages[0].role, ChatMessageRole::User);
    assert_eq!(
        request.messages[0].content.as_deref(),
        Some("What is the capital of Portugal?")
    );
}

#[test]
fn request_with_every_role_and_tools_round_trips() {
    let request: ChatCompletionRequest = round_trip(REQUEST);

    let roles: Vec<&ChatMessageRole> = request.messages.iter().map(|m| &m.role).collect();
    assert_eq!(
        roles,
        [
            &ChatMessageRole::System,
            &ChatMessageRole::Developer,
            &ChatMessageRole::User,
            &ChatMessageRole::Assistant,
            &ChatMessageRole::Tool,
            &ChatMessageRole::Assistant,
            &ChatMessageRole::User,
        ]
    );
    let calls = request.messages[3].tool_calls.as_ref().expect("tool calls");
    assert_eq!(calls[0].id, "call_abc123");
    assert_eq!(calls[0].function.name, "get_weather");
    assert_eq!(
        request.messages[4].tool_call_id.as_deref(),
        Some("call_abc123")
    );
    assert_eq!(
        request.messages[5].reasoning_content.as_deref(),
        Some("The tool reported 22 degrees.")
    );
    // `name` is not a property of `chat_message.yml`: kept as an unknown property.
    assert_eq!(request.messages[6].extra["name"], "alice");

    let tools = request.tools.as_ref().expect("tools");
    assert_eq!(tools[0].function.name, "get_weather");
    assert_eq!(
        tools[0].function.parameters.as_ref().expect("parameters")["required"],
        serde_json::json!(["location"])
    );
    let Some(ChatCompletionRequestToolChoice::Object(choice)) = &request.tool_choice else {
        panic!(
            "tool_choice decodes as the object arm: {:?}",
            request.tool_choice
        )
    };
    assert_eq!(choice.function.name, "get_weather");
    assert_eq!(
        request.stop,
        Some(ChatCompletionRequestStop::StringList(vec![
            "\n\n".to_string(),
            "END".to_string()
        ]))
    );
    assert_eq!(
        request.reasoning_effort,
        Some(ChatCompletionRequestReasoningEffort::Low)
    );
    assert_eq!(
        request.logit_bias.as_ref().expect("logit_bias")["50256"],
        -100
    );
    assert_eq!(request.frequency_penalty, Some(0.0));
    assert_eq!(
        request
            .stream_options
            .as_ref()
            .and_then(|o| o.include_usage),
        Some(true)
    );
    assert!(request.extra.is_empty(), "{:?}", request.extra);
}

#[test]
fn request_with_string_arms_of_the_unions_round_trips() {
    let request: ChatCompletionRequest = round_trip(REQUEST_STRING_ARMS);
    assert_eq!(
        request.tool_choice,
        Some(ChatCompletionRequestToolChoice::String(
            ChatCompletionRequestToolChoiceString::Required
        ))
    );
    assert_eq!(
        request.stop,
        Some(ChatCompletionRequestStop::String("END".to_string()))
    );
    assert_eq!(
        request.reasoning_effort,
        Some(ChatCompletionRequestReasoningEffort::Xhigh)
    );
}

#[test]
fn response_round_trips() {
    let response: ChatCompletionResponse = round_trip(RESPONSE);
    assert_eq!(response.id, "chatcmpl-abc123");
    assert_eq!(response.created, 1677649420);
    assert_eq!(response.extra["system_fingerprint"], "fp_44709d6fcb");

    let first = &response.choices[0];
    assert_eq!(
        first.finish_reason,
        ChatCompletionChoicesItemFinishReason::Stop
    );
    assert_eq!(first.logprobs, None);
    assert_eq!(
        first.message.content.as_deref(),
        Some("Hello! How can I help you today?")
    );
    assert_eq!(first.message.refusal, None);

    let second = &response.choices[1];
    assert_eq!(
        second.finish_reason,
        ChatCompletionChoicesItemFinishReason::ToolCalls
    );
    assert_eq!(second.message.content, None);
    let call = &second.message.tool_calls.as_ref().expect("tool calls")[0];
    assert_eq!(call.function.arguments, "{\"location\": \"Boston\"}");
    let logprobs = second.logprobs.as_ref().expect("logprobs");
    let token = &logprobs.content.as_ref().expect("content")[0];
    assert_eq!(token.logprob, -1.2345);
    assert_eq!(token.bytes.as_deref(), Some(&[72, 101, 108, 108, 111][..]));
    assert_eq!(token.top_logprobs[1].bytes, None);
    assert_eq!(token.top_logprobs[1].logprob, -9999.0);
    assert_eq!(logprobs.refusal, None);

    let usage = response.usage.as_ref().expect("usage");
    assert_eq!(usage.total_tokens, 30);
    assert_eq!(usage.cache_creation.ephemeral_1h_input_tokens, 0);
}

#[test]
fn stream_chunks_round_trip() {
    let chunks: Vec<ChatCompletionChunk> = CHUNKS.iter().map(|c| round_trip(c)).collect();

    let first = &chunks[0].choices[0];
    assert_eq!(
        first.delta.role,
        Some(ChatCompletionStreamResponseDeltaRole::Assistant)
    );
    assert_eq!(first.delta.content.as_deref(), Some(""));
    assert_eq!(first.finish_reason, None);

    assert_eq!(
        chunks[1].choices[0].delta.reasoning_content.as_deref(),
        Some("The user greets me.")
    );

    let call = &chunks[2].choices[0]
        .delta
        .tool_calls
        .as_ref()
        .expect("tool calls")[0];
    assert_eq!(call.index, Some(0));
    assert_eq!(call.id.as_deref(), Some("call_abc123"));
    let function = call.function.as_ref().expect("function");
    assert_eq!(function.name.as_deref(), Some("get_weather"));
    assert_eq!(function.arguments.as_deref(), Some(""));

    assert_eq!(
        chunks[3].choices[0].finish_reason,
        Some(ChatCompletionChoicesItemFinishReason::ToolCalls)
    );
    assert_eq!(chunks[3].extra["system_fingerprint"], "fp_44709d6fcb");

    assert!(chunks[4].choices.is_empty());
    assert_eq!(chunks[4].usage.as_ref().map(|u| u.total_tokens), Some(30));
}

#[test]
fn stream_chunk_continuing_a_tool_call_round_trips() {
    let chunk: ChatCompletionChunk = round_trip(CHUNK_CONTINUING_TOOL_CALL);
    let call = &chunk.choices[0]
        .delta
        .tool_calls
        .as_ref()
        .expect("tool calls")[0];
    assert_eq!(call.index, Some(0));
    assert_eq!(call.id, None);
}

#[test]
fn stream_chunk_with_null_usage_and_logprobs_round_trips() {
    let chunk: ChatCompletionChunk = round_trip(CHUNK_WITH_NULLS);
    assert_eq!(chunk.usage, None);
    assert_eq!(chunk.choices[0].logprobs, None);
}

// ---------------------------------------------------------------- helpers

/// Decodes `text` as `T`, re-encodes the value and asserts that the result is the same
/// JSON as `text` (see [`differences`]). Returns the decoded value for further checks.
#[track_caller]
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let original: Value = serde_json::from_str(text).expect("the test document is JSON");
    let name = std::any::type_name::<T>();
    let typed: T = match serde_json::from_value(original.clone()) {
        Ok(typed) => typed,
        Err(err) => panic!("{name} does not decode: {err}\n{text}"),
    };
    let reencoded = serde_json::to_value(&typed).expect("re-encodes");
    let diffs = differences(&original, &reencoded);
    assert!(
        diffs.is_empty(),
        "{name} does not round-trip:\n  {}\n--- re-encoded\n{}",
        diffs.join("\n  "),
        serde_json::to_string_pretty(&reencoded).unwrap()
    );
    typed
}

/// Where `actual` differs from `expected`, as JSON pointers. Numbers compare by value, so
/// the integer `1` equals the `1.0` an `f64` field writes back.
fn differences(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    diff("", expected, actual, &mut out);
    out
}

fn diff(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Number(x), Value::Number(y)) if same_number(x, y) => {}
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                diff(&format!("{path}/{i}"), x, y, out);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for (key, x) in x {
                let at = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
                match y.get(key) {
                    Some(y) => diff(&at, x, y, out),
                    // By design an optional property sent as `null` decodes to `None`,
                    // like an absent one, and is left out when re-encoded.
                    None if x.is_null() => {}
                    None => out.push(format!("{at}: {x} was dropped")),
                }
            }
            for (key, y) in y {
                if !x.contains_key(key) {
                    out.push(format!("{path}/{key}: {y} was added"));
                }
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("{path}: {expected} became {actual}")),
    }
}

fn same_number(x: &Number, y: &Number) -> bool {
    match (x.as_i64(), y.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => match (x.as_u64(), y.as_u64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
    }
}
