//! Round trips of the chat types generated from the Mistral spec
//! (`mistral/openapi-public-doc.yaml`, operation `POST /v1/chat/completions`): request
//! `ChatCompletionRequest`, response `ChatCompletionResponse` (application/json) and the
//! stream element (text/event-stream), whose schema is `CompletionEvent`
//! (`{data: CompletionChunk}`).
//!
//! The spec's own examples used: `ChatCompletionRequest.properties.model.examples` and
//! `.messages.examples`, the three `ResponseFormat.examples`, and the two 200 examples
//! whose schema is (or is `allOf`) `ChatCompletionResponse`: those of
//! `POST /v1/agents/completions` and `POST /v1/fim/completions` (the chat operation has
//! none). Everything else (every message role and content chunk, tools, the SSE chunks)
//! is written by hand against `#/components/schemas/ChatCompletionRequest`,
//! `ChatCompletionResponse` and `CompletionChunk`.
//!
//! Each test decodes the JSON into the generated type, re-encodes it and compares the
//! result with the input; the only difference allowed is that an integer sent for a
//! `number` (f64) property comes back as a float.

use corpus_mistral::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Number, Value};

// ---------------------------------------------------------------- the spec's examples

/// `ChatCompletionRequest.properties.model.examples[0]`.
const MODEL_EXAMPLE: &str = "mistral-large-latest";

/// `ChatCompletionRequest.properties.messages.examples[0]`.
const MESSAGES_EXAMPLE: &str = r#"[{"role": "user", "content": "Who is the best French painter? Answer in one short sentence."}]"#;

/// `ResponseFormat.examples`.
const RESPONSE_FORMAT_EXAMPLES: [&str; 3] = [
    r#"{"type": "text"}"#,
    r#"{"type": "json_object"}"#,
    r#"{
      "type": "json_schema",
      "json_schema": {
        "schema": {
          "properties": {
            "name": {"title": "Name", "type": "string"},
            "authors": {"items": {"type": "string"}, "title": "Authors", "type": "array"}
          },
          "required": ["name", "authors"],
          "title": "Book",
          "type": "object",
          "additionalProperties": false
        },
        "name": "book",
        "strict": true
      }
    }"#,
];

/// `paths./v1/fim/completions.post.responses.200.content.application/json.examples.userExample`
/// (schema `FIMCompletionResponse`, `allOf: [ChatCompletionResponse, ...]`), as JSON.
const FIM_RESPONSE_EXAMPLE: &str = r#"{
  "id": "447e3e0d457e42e98248b5d2ef52a2a3",
  "object": "chat.completion",
  "model": "codestral-2508",
  "usage": {"prompt_tokens": 8, "completion_tokens": 91, "total_tokens": 99},
  "created": 1759496862,
  "choices": [
    {
      "index": 0,
      "message": {
        "content": "add_numbers(a: int, b: int) -> int:\n    \"\"\"\n    You are given two integers `a` and `b`. Your task is to write a function that\n    returns the sum of these two integers. The function should be implemented in a\n    way that it can handle very large integers (up to 10^18). As a reminder, your\n    code has to be in python\n    \"\"\"\n",
        "tool_calls": null,
        "prefix": false,
        "role": "assistant"
      },
      "finish_reason": "stop"
    }
  ]
}"#;

/// `paths./v1/agents/completions.post.responses.200.content.application/json.examples.userExample`
/// (schema `ChatCompletionResponse`), as JSON. Its `usage.prompt_audio_seconds: {}` is
/// not what `UsageInfo` allows (`anyOf: [integer, null]`); the tests drop it.
const AGENTS_RESPONSE_EXAMPLE: &str = r#"{
  "id": "cf79f7daaee244b1a0ae5c7b1444424a",
  "object": "chat.completion",
  "model": "mistral-medium-latest",
  "usage": {"prompt_tokens": 24, "completion_tokens": 27, "total_tokens": 51, "prompt_audio_seconds": {}},
  "created": 1759500534,
  "choices": [
    {
      "index": 0,
      "message": {
        "content": "Arrr, the scallywag Claude Monet be the finest French painter to ever splash colors on a canvas, savvy?",
        "tool_calls": null,
        "prefix": false,
        "role": "assistant"
      },
      "finish_reason": "stop"
    }
  ]
}"#;

// ---------------------------------------------------------------- written against the schemas

/// Every message role (`SystemMessage`, `UserMessage`, `AssistantMessage`, `ToolMessage`)
/// with string and chunk-list content, every `ContentChunk` kind, tool calls with string
/// and object arguments, a function and a built-in tool, and most request options.
/// (`ChatCompletionRequest` and the messages are `additionalProperties: false`, so there
/// is no unknown property here.)
const REQUEST: &str = r#"{
  "model": "mistral-large-latest",
  "messages": [
    {"role": "system", "content": "You are an art historian."},
    {
      "role": "system",
      "content": [
        {"type": "text", "text": "Answer in one short sentence."},
        {"type": "thinking", "thinking": [{"type": "text", "text": "Keep it short."}], "closed": true}
      ]
    },
    {
      "role": "user",
      "content": [
        {"type": "text", "text": "Who painted these, and who is the best French painter?"},
        {"type": "image_url", "image_url": "data:image/png;base64,iVBORw0"},
        {"type": "image_url", "image_url": {"url": "https://example.com/water-lilies.jpg", "detail": "high"}},
        {"type": "document_url", "document_url": "https://example.com/catalogue.pdf", "document_name": "catalogue.pdf"},
        {"type": "file", "file_id": "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
        {"type": "input_audio", "input_audio": "UklGRiQAAABXQVZF"},
        {"type": "reference", "reference_ids": [1, "doc-2"]}
      ]
    },
    {
      "role": "assistant",
      "content": "",
      "tool_calls": [
        {
          "id": "D681PevKs",
          "type": "function",
          "function": {"name": "get_painter", "arguments": "{\"country\": \"France\"}"},
          "index": 0
        },
        {
          "id": "E792QfwLt",
          "type": "function",
          "function": {"name": "get_painter", "arguments": {"country": "Spain"}},
          "index": 1
        }
      ],
      "prefix": false
    },
    {"role": "tool", "tool_call_id": "D681PevKs", "name": "get_painter", "content": "Claude Monet"},
    {"role": "tool", "tool_call_id": "E792QfwLt", "name": "get_painter", "content": [{"type": "text", "text": "Pablo Picasso"}]},
    {"role": "assistant", "content": [{"type": "text", "text": "Arrr,"}], "prefix": true}
  ],
  "temperature": 0.3,
  "top_p": 1,
  "max_tokens": 256,
  "stream": false,
  "stop": ["\n\n", "END"],
  "random_seed": 42,
  "metadata": {"project": "painters", "attempt": 2},
  "response_format": {"type": "json_object"},
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_painter",
        "description": "The best-known painter of a country.",
        "strict": false,
        "parameters": {
          "type": "object",
          "properties": {"country": {"type": "string"}},
          "required": ["country"]
        }
      }
    },
    {"type": "web_search"}
  ],
  "tool_choice": {"type": "function", "function": {"name": "get_painter"}},
  "presence_penalty": 0,
  "frequency_penalty": 0.1,
  "n": 1,
  "prediction": {"type": "content", "content": "Claude Monet"},
  "parallel_tool_calls": true,
  "reasoning_effort": "high",
  "prompt_mode": "reasoning",
  "guardrails": [{"block_on_error": true}],
  "prompt_cache_key": "painters",
  "service_tier": "standard_only",
  "safe_prompt": false
}"#;

/// A response with a text answer, a tool call and a chunk-list answer (thinking + text),
/// and an unknown top-level property (`x_request_id`) for `extra`. `prompt_audio_seconds`
/// and `tool_calls` are left out rather than null (see the ignored tests below).
const RESPONSE: &str = r#"{
  "id": "cmpl-e5cc70bb28c444948073e77776eb30ef",
  "object": "chat.completion",
  "model": "mistral-small-latest",
  "created": 1702256327,
  "usage": {"prompt_tokens": 16, "completion_tokens": 34, "total_tokens": 50, "service_tier": "standard"},
  "choices": [
    {
      "index": 0,
      "finish_reason": "stop",
      "message": {"role": "assistant", "content": "Claude Monet.", "prefix": false}
    },
    {
      "index": 1,
      "finish_reason": "tool_calls",
      "message": {
        "role": "assistant",
        "content": "",
        "tool_calls": [
          {
            "id": "D681PevKs",
            "type": "function",
            "function": {"name": "get_painter", "arguments": "{\"country\": \"France\"}"},
            "index": 0
          }
        ]
      }
    },
    {
      "index": 2,
      "finish_reason": "model_length",
      "message": {
        "role": "assistant",
        "content": [
          {"type": "thinking", "thinking": [{"type": "text", "text": "Monet or Manet?"}], "signature": "c2ln"},
          {"type": "text", "text": "Claude Monet."}
        ]
      }
    }
  ],
  "x_request_id": "req-0001"
}"#;

/// SSE `data:` payloads (`CompletionChunk`): the role, a thinking delta, a text delta with
/// an unknown property (`p`, padding), and the tool call with the finish reason and usage.
const CHUNKS: [&str; 4] = [
    r#"{"id":"cmpl-e5cc70bb28c444948073e77776eb30ef","object":"chat.completion.chunk","created":1702256327,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}"#,
    r#"{"id":"cmpl-e5cc70bb28c444948073e77776eb30ef","object":"chat.completion.chunk","created":1702256327,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":[{"type":"thinking","thinking":[{"type":"text","text":"Monet or Manet?"}]}]},"finish_reason":null}]}"#,
    r#"{"id":"cmpl-e5cc70bb28c444948073e77776eb30ef","object":"chat.completion.chunk","created":1702256327,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"content":"Claude Monet."},"finish_reason":null}],"p":"abcd"}"#,
    r#"{"id":"cmpl-e5cc70bb28c444948073e77776eb30ef","object":"chat.completion.chunk","created":1702256327,"model":"mistral-small-latest","choices":[{"index":0,"delta":{"tool_calls":[{"id":"D681PevKs","type":"function","function":{"name":"get_painter","arguments":"{\"country\": \"France\"}"},"index":0}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":16,"completion_tokens":34,"total_tokens":50}}"#,
];

// ---------------------------------------------------------------- requests

#[test]
fn example_request_round_trips() {
    let example = json!({"model": MODEL_EXAMPLE, "messages": parse(MESSAGES_EXAMPLE)});
    let request: ChatCompletionRequest = round_trip_value(&example);
    assert_eq!(request.model, "mistral-large-latest");
    let InstructRequestMessagesItem::User(user) = &request.messages[0] else {
        panic!("a user message: {:?}", request.messages[0])
    };
    assert_eq!(
        user.content,
        Some(MessageContent::String(
            "Who is the best French painter? Answer in one short sentence.".to_string()
        ))
    );
}

#[test]
fn response_format_examples_round_trip() {
    let kinds = [
        ResponseFormats::Text,
        ResponseFormats::JsonObject,
        ResponseFormats::JsonSchema,
    ];
    for (text, kind) in RESPONSE_FORMAT_EXAMPLES.iter().zip(kinds) {
        let example = json!({
            "model": MODEL_EXAMPLE,
            "messages": parse(MESSAGES_EXAMPLE),
            "response_format": parse(text)
        });
        let request: ChatCompletionRequest = round_trip_value(&example);
        let format = request.response_format.expect("response_format");
        assert_eq!(format.r#type, Some(kind));
    }
    let format: ResponseFormat = round_trip(RESPONSE_FORMAT_EXAMPLES[2]);
    let schema = format.json_schema.expect("json_schema");
    assert_eq!(schema.name, "book");
    assert_eq!(schema.strict, Some(true));
    assert_eq!(schema.schema["title"], "Book");
}

#[test]
fn request_with_every_role_and_chunk_round_trips() {
    let request: ChatCompletionRequest = round_trip(REQUEST);
    let m = &request.messages;

    assert!(matches!(
        &m[0],
        InstructRequestMessagesItem::System(s)
            if s.content == SystemMessageContent::String("You are an art historian.".to_string())
    ));
    let InstructRequestMessagesItem::System(system) = &m[1] else {
        panic!("a system message: {:?}", m[1])
    };
    let SystemMessageContent::ChunksList(chunks) = &system.content else {
        panic!("system chunks: {:?}", system.content)
    };
    assert!(
        matches!(&chunks[0], SystemMessageContentChunks::Text(t) if t.text == "Answer in one short sentence.")
    );
    assert!(
        matches!(&chunks[1], SystemMessageContentChunks::Thinking(t) if t.closed == Some(true))
    );

    let InstructRequestMessagesItem::User(user) = &m[2] else {
        panic!("a user message: {:?}", m[2])
    };
    let Some(MessageContent::ContentChunkList(parts)) = &user.content else {
        panic!("user chunks: {:?}", user.content)
    };
    assert!(matches!(parts[0], ContentChunk::Text(_)));
    assert!(matches!(
        &parts[1],
        ContentChunk::ImageUrl(i) if i.image_url == ImageUrlChunkImageUrl::String("data:image/png;base64,iVBORw0".to_string())
    ));
    let ContentChunk::ImageUrl(image) = &parts[2] else {
        panic!("an image chunk: {:?}", parts[2])
    };
    let ImageUrlChunkImageUrl::ImageUrl(url) = &image.image_url else {
        panic!("an image URL object: {:?}", image.image_url)
    };
    assert_eq!(url.detail, Some(ImageDetail::High));
    assert!(
        matches!(&parts[3], ContentChunk::DocumentUrl(d) if d.document_name.as_deref() == Some("catalogue.pdf"))
    );
    assert!(
        matches!(&parts[4], ContentChunk::File(f) if f.file_id == "3fa85f64-5717-4562-b3fc-2c963f66afa6")
    );
    assert!(
        matches!(&parts[5], ContentChunk::InputAudio(a) if a.input_audio == "UklGRiQAAABXQVZF")
    );
    let ContentChunk::Reference(reference) = &parts[6] else {
        panic!("a reference chunk: {:?}", parts[6])
    };
    assert_eq!(
        reference.reference_ids,
        [
            IntegerOrString::Integer(1),
            IntegerOrString::String("doc-2".to_string())
        ]
    );

    let InstructRequestMessagesItem::Assistant(assistant) = &m[3] else {
        panic!("an assistant message: {:?}", m[3])
    };
    assert_eq!(assistant.prefix, Some(false));
    let calls = assistant.tool_calls.as_ref().expect("tool calls");
    assert_eq!(calls[0].id.as_deref(), Some("D681PevKs"));
    assert_eq!(
        calls[0].function.arguments,
        FunctionCallArguments::String("{\"country\": \"France\"}".to_string())
    );
    assert!(matches!(
        &calls[1].function.arguments,
        FunctionCallArguments::Map(arguments) if arguments["country"] == "Spain"
    ));
    assert_eq!(calls[1].index, Some(1));

    assert!(matches!(
        &m[4],
        InstructRequestMessagesItem::Tool(t) if t.tool_call_id.as_deref() == Some("D681PevKs")
            && t.content == Some(MessageContent::String("Claude Monet".to_string()))
    ));
    assert!(matches!(
        &m[5],
        InstructRequestMessagesItem::Tool(t)
            if matches!(t.content, Some(MessageContent::ContentChunkList(_)))
    ));
    assert!(matches!(
        &m[6],
        InstructRequestMessagesItem::Assistant(a) if a.prefix == Some(true)
    ));

    let tools = request.tools.as_ref().expect("tools");
    assert!(matches!(
        &tools[0],
        CompletionRequestToolsItem::Function(t) if t.function.name == "get_painter"
            && t.function.parameters["required"] == json!(["country"])
    ));
    assert!(matches!(
        tools[1],
        CompletionRequestToolsItem::WebSearch(_)
    ));
    assert!(matches!(
        &request.tool_choice,
        Some(CompletionRequestToolChoice::ToolChoice(c)) if c.function.name == "get_painter"
    ));
    assert_eq!(
        request.stop,
        Some(StringOrStringList::StringList(vec![
            "\n\n".to_string(),
            "END".to_string()
        ]))
    );
    assert_eq!(request.metadata.as_ref().expect("metadata")["attempt"], 2);
    assert_eq!(request.top_p, Some(1.0));
    assert_eq!(request.reasoning_effort, Some(ReasoningEffort::High));
    assert_eq!(request.prompt_mode, Some(MistralPromptMode::Reasoning));
    assert_eq!(
        request.service_tier,
        Some(RequestedServiceTier::StandardOnly)
    );
    assert_eq!(
        request
            .prediction
            .as_ref()
            .and_then(|p| p.content.as_deref()),
        Some("Claude Monet")
    );
    assert_eq!(
        request
            .guardrails
            .as_ref()
            .and_then(|g| g[0].block_on_error),
        Some(true)
    );
}

#[test]
fn request_with_string_tool_choice_and_stop_round_trips() {
    let example = json!({
        "model": MODEL_EXAMPLE,
        "messages": parse(MESSAGES_EXAMPLE),
        "tool_choice": "any",
        "stop": "END"
    });
    let request: ChatCompletionRequest = round_trip_value(&example);
    assert_eq!(
        request.tool_choice,
        Some(CompletionRequestToolChoice::ToolChoiceEnum(
            ToolChoiceEnum::Any
        ))
    );
    assert_eq!(
        request.stop,
        Some(StringOrStringList::String("END".to_string()))
    );
}

// ---------------------------------------------------------------- responses

#[test]
fn response_round_trips() {
    let response: ChatCompletionResponse = round_trip(RESPONSE);
    assert_eq!(response.id, "cmpl-e5cc70bb28c444948073e77776eb30ef");
    assert_eq!(response.object, "chat.completion");
    assert_eq!(response.created, 1702256327);
    assert_eq!(response.usage.total_tokens, 50);
    assert_eq!(response.usage.service_tier.as_deref(), Some("standard"));
    assert_eq!(response.extra["x_request_id"], "req-0001");

    let c = &response.choices;
    assert_eq!(c[0].finish_reason, ChatCompletionChoiceFinishReason::Stop);
    assert_eq!(
        c[0].message.as_ref().and_then(|m| m.content.clone().value()),
        Some(MessageContent::String("Claude Monet.".to_string()))
    );
    assert_eq!(
        c[1].finish_reason,
        ChatCompletionChoiceFinishReason::ToolCalls
    );
    let calls = c[1]
        .message
        .as_ref()
        .and_then(|m| m.tool_calls.get())
        .expect("tool calls");
    assert_eq!(calls[0].function.name, "get_painter");
    assert_eq!(
        c[2].finish_reason,
        ChatCompletionChoiceFinishReason::ModelLength
    );
    let Some(MessageContent::ContentChunkList(parts)) =
        c[2].message.as_ref().and_then(|m| m.content.get())
    else {
        panic!("chunk-list content: {:?}", c[2].message)
    };
    assert!(
        matches!(&parts[0], ContentChunk::Thinking(t) if t.signature.as_deref() == Some("c2ln"))
    );
    assert!(matches!(&parts[1], ContentChunk::Text(t) if t.text == "Claude Monet."));
}

#[test]
fn fim_example_response_round_trips() {
    let response: ChatCompletionResponse = round_trip(FIM_RESPONSE_EXAMPLE);
    assert_eq!(response.model, "codestral-2508");
    assert_eq!(response.usage.completion_tokens, 91);
    let choice = &response.choices[0];
    assert_eq!(choice.finish_reason, ChatCompletionChoiceFinishReason::Stop);
    let message = choice.message.as_ref().expect("message");
    assert!(message.tool_calls.is_none());
    assert_eq!(message.prefix, Some(false));
}

/// The agents example with `usage.prompt_audio_seconds: {}` (not an integer or null, so
/// the response does not decode at all) removed.
#[test]
fn agents_example_response_round_trips() {
    let mut example = parse(AGENTS_RESPONSE_EXAMPLE);
    example["usage"]
        .as_object_mut()
        .unwrap()
        .remove("prompt_audio_seconds");
    let response: ChatCompletionResponse = round_trip_value(&example);
    assert_eq!(response.model, "mistral-medium-latest");
    let message = response.choices[0].message.as_ref().expect("message");
    assert!(matches!(
        &message.content,
        Nullable::Value(MessageContent::String(s)) if s.starts_with("Arrr")
    ));
}

// ---------------------------------------------------------------- stream

#[test]
fn stream_chunks_round_trip() {
    let chunks: Vec<CompletionChunk> = CHUNKS.iter().map(|c| round_trip(c)).collect();

    let first = &chunks[0];
    assert_eq!(first.object.as_deref(), Some("chat.completion.chunk"));
    assert_eq!(first.created, Some(1702256327));
    assert_eq!(first.choices[0].delta.role.as_deref(), Some("assistant"));
    assert_eq!(first.choices[0].finish_reason, None);

    assert!(matches!(
        &chunks[1].choices[0].delta.content,
        Nullable::Value(MessageContent::ContentChunkList(parts))
            if matches!(parts[0], ContentChunk::Thinking(_))
    ));
    assert_eq!(chunks[2].extra["p"], "abcd");

    let last = &chunks[3];
    assert_eq!(
        last.choices[0].finish_reason,
        Some(ResponseStreamChoiceFinishReason::ToolCalls)
    );
    let calls = last.choices[0]
        .delta
        .tool_calls
        .as_ref()
        .expect("tool calls");
    assert_eq!(calls[0].function.name, "get_painter");
    assert_eq!(last.usage.as_ref().map(|u| u.total_tokens), Some(50));
}

/// `CompletionEvent` as a JSON object, as the schema describes it.
#[test]
fn completion_event_round_trips() {
    let event = json!({"data": parse(CHUNKS[2])});
    let event: CompletionEvent = round_trip_value(&event);
    assert_eq!(event.data.id, "cmpl-e5cc70bb28c444948073e77776eb30ef");
}

/// What `client.chat().completions().create_stream(..)` yields for a real SSE body: each
/// `data:` line is a `CompletionChunk` (the `data` of the spec's `CompletionEvent`). The
/// stream item, whatever its type, must carry that chunk unchanged.
#[tokio::test]
async fn sse_body_decodes_through_the_client_stream() {
    let mut body: String = CHUNKS.iter().map(|c| format!("data: {c}\n\n")).collect();
    body.push_str("data: [DONE]\n\n");
    let base_url = serve_once("text/event-stream", body);
    let client = Client::builder()
        .api_key("test-key")
        .base_url(base_url)
        .max_retries(0)
        .build()
        .expect("client");
    let request: ChatCompletionRequest = serde_json::from_value(json!({
        "model": MODEL_EXAMPLE,
        "messages": parse(MESSAGES_EXAMPLE)
    }))
    .expect("request");

    let mut stream = client
        .chat()
        .completions()
        .create_stream(&request)
        .await
        .expect("the stream opens");
    let mut seen = 0;
    while let Some(item) = stream.next().await {
        let item = item.unwrap_or_else(|err| panic!("chunk {seen} does not decode: {err}"));
        let mut item = serde_json::to_value(&item).expect("re-encodes");
        if let Some(data) = item.get_mut("data") {
            item = data.take();
        }
        let diffs = differences(&parse(CHUNKS[seen]), &item);
        assert!(diffs.is_empty(), "chunk {seen}: {}", diffs.join("\n"));
        seen += 1;
    }
    assert_eq!(seen, CHUNKS.len());
}

// ---------------------------------------------------------------- helpers

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the test document is JSON")
}

/// Decodes `text` as `T`, re-encodes the value and asserts that the result is the same
/// JSON as `text` (see [`differences`]). Returns the decoded value for further checks.
#[track_caller]
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    round_trip_value(&parse(text))
}

/// Like [`round_trip`], for a document already parsed.
#[track_caller]
fn round_trip_value<T: DeserializeOwned + Serialize>(original: &Value) -> T {
    let name = std::any::type_name::<T>();
    let typed: T = match serde_json::from_value(original.clone()) {
        Ok(typed) => typed,
        Err(err) => panic!("{name} does not decode: {err}\n{original:#}"),
    };
    let reencoded = serde_json::to_value(&typed).expect("re-encodes");
    let diffs = differences(original, &reencoded);
    assert!(
        diffs.is_empty(),
        "{name} does not round-trip:\n  {}\n--- re-encoded\n{reencoded:#}",
        diffs.join("\n  ")
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

/// Serves one HTTP/1.1 response (`200`, `content_type`, `body`) on a loopback port to the
/// first connection, after reading its request; returns the base URL.
fn serve_once(content_type: &'static str, body: String) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().expect("accept");
        let mut request = Vec::new();
        let mut buffer = [0u8; 8192];
        loop {
            let n = socket.read(&mut buffer).expect("read");
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buffer[..n]);
            let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
                continue;
            };
            let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .map_or(0, |value| value.trim().parse().expect("content-length"));
            if request.len() >= end + 4 + length {
                break;
            }
        }
        let head = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        socket.write_all(head.as_bytes()).expect("write");
        socket.write_all(body.as_bytes()).expect("write");
    });
    format!("http://{address}")
}
