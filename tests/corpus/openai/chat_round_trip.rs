//! Round trips of the chat types generated from the OpenAI spec (`openai/openapi.yaml`,
//! operation `createChatCompletion`, `POST /chat/completions`): request
//! `CreateChatCompletionRequest`, response `CreateChatCompletionResponse`
//! (application/json) and the SSE chunk `CreateChatCompletionStreamResponse`
//! (text/event-stream).
//!
//! The documents are the spec's own examples, verbatim: the five `x-oaiMeta.examples` of
//! the operation (the JSON of each cURL `-d` request body and the response) and the
//! `x-oaiMeta.example` of the response and chunk schemas. The spec has no example with
//! assistant or tool messages, custom tools or most request options, so one more
//! request (and the chunks of a streamed tool call) are written by hand against
//! `#/components/schemas/CreateChatCompletionRequest` and the schemas it references.
//!
//! Each test decodes the JSON into the generated type, re-encodes it and compares the
//! result with the input; the only difference allowed is that an integer sent for a
//! `number` (f64) property comes back as a float.

use corpus_openai::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{Number, Value};

// ------------------------------------------------- x-oaiMeta examples, verbatim

/// `x-oaiMeta.examples[0]` ("Default"), request body.
const DEFAULT_REQUEST: &str = r#"{
    "model": "VAR_chat_model_id",
    "messages": [
      {
        "role": "developer",
        "content": "You are a helpful assistant."
      },
      {
        "role": "user",
        "content": "Hello!"
      }
    ]
  }"#;

/// `x-oaiMeta.examples[0]` ("Default"), response.
const DEFAULT_RESPONSE: &str = r#"{
  "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
  "object": "chat.completion",
  "created": 1741569952,
  "model": "gpt-5.4",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": "Hello! How can I assist you today?",
        "refusal": null,
        "annotations": []
      },
      "logprobs": null,
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 19,
    "completion_tokens": 10,
    "total_tokens": 29,
    "prompt_tokens_details": {
      "cached_tokens": 0,
      "audio_tokens": 0
    },
    "completion_tokens_details": {
      "reasoning_tokens": 0,
      "audio_tokens": 0,
      "accepted_prediction_tokens": 0,
      "rejected_prediction_tokens": 0
    }
  },
  "service_tier": "default"
}"#;

/// `x-oaiMeta.examples[1]` ("Image input"), request body.
const IMAGE_INPUT_REQUEST: &str = r#"{
    "model": "gpt-5.4",
    "messages": [
      {
        "role": "user",
        "content": [
          {
            "type": "text",
            "text": "What is in this image?"
          },
          {
            "type": "image_url",
            "image_url": {
              "url": "https://upload.wikimedia.org/wikipedia/commons/thumb/d/dd/Gfp-wisconsin-madison-the-nature-boardwalk.jpg/2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg"
            }
          }
        ]
      }
    ],
    "max_tokens": 300
  }"#;

/// `x-oaiMeta.examples[1]` ("Image input"), response.
const IMAGE_INPUT_RESPONSE: &str = r#"{
  "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
  "object": "chat.completion",
  "created": 1741570283,
  "model": "gpt-5.4",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": "The image shows a wooden boardwalk path running through a lush green field or meadow. The sky is bright blue with some scattered clouds, giving the scene a serene and peaceful atmosphere. Trees and shrubs are visible in the background.",
        "refusal": null,
        "annotations": []
      },
      "logprobs": null,
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 1117,
    "completion_tokens": 46,
    "total_tokens": 1163,
    "prompt_tokens_details": {
      "cached_tokens": 0,
      "audio_tokens": 0
    },
    "completion_tokens_details": {
      "reasoning_tokens": 0,
      "audio_tokens": 0,
      "accepted_prediction_tokens": 0,
      "rejected_prediction_tokens": 0
    }
  },
  "service_tier": "default"
}"#;

/// `x-oaiMeta.examples[2]` ("Streaming"), request body.
const STREAMING_REQUEST: &str = r#"{
    "model": "VAR_chat_model_id",
    "messages": [
      {
        "role": "developer",
        "content": "You are a helpful assistant."
      },
      {
        "role": "user",
        "content": "Hello!"
      }
    ],
    "stream": true
  }"#;

/// `x-oaiMeta.examples[2]` ("Streaming"), the three chunks of the response.
const STREAMING_CHUNKS: [&str; 3] = [
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}]}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}"#,
];

/// `x-oaiMeta.examples[3]` ("Functions"), request body.
const FUNCTIONS_REQUEST: &str = r#"{
  "model": "gpt-5.4",
  "messages": [
    {
      "role": "user",
      "content": "What is the weather like in Boston today?"
    }
  ],
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
          "type": "object",
          "properties": {
            "location": {
              "type": "string",
              "description": "The city and state, e.g. San Francisco, CA"
            },
            "unit": {
              "type": "string",
              "enum": ["celsius", "fahrenheit"]
            }
          },
          "required": ["location"]
        }
      }
    }
  ],
  "tool_choice": "auto"
}"#;

/// `x-oaiMeta.examples[3]` ("Functions"), response.
const FUNCTIONS_RESPONSE: &str = r#"{
  "id": "chatcmpl-abc123",
  "object": "chat.completion",
  "created": 1699896916,
  "model": "gpt-4o-mini",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": null,
        "tool_calls": [
          {
            "id": "call_abc123",
            "type": "function",
            "function": {
              "name": "get_current_weather",
              "arguments": "{\n\"location\": \"Boston, MA\"\n}"
            }
          }
        ]
      },
      "logprobs": null,
      "finish_reason": "tool_calls"
    }
  ],
  "usage": {
    "prompt_tokens": 82,
    "completion_tokens": 17,
    "total_tokens": 99,
    "completion_tokens_details": {
      "reasoning_tokens": 0,
      "accepted_prediction_tokens": 0,
      "rejected_prediction_tokens": 0
    }
  }
}"#;

/// `x-oaiMeta.examples[4]` ("Logprobs"), request body.
const LOGPROBS_REQUEST: &str = r#"{
    "model": "VAR_chat_model_id",
    "messages": [
      {
        "role": "user",
        "content": "Hello!"
      }
    ],
    "logprobs": true,
    "top_logprobs": 2
  }"#;

/// `x-oaiMeta.examples[4]` ("Logprobs"), response.
const LOGPROBS_RESPONSE: &str = r#"{
  "id": "chatcmpl-123",
  "object": "chat.completion",
  "created": 1702685778,
  "model": "gpt-4o-mini",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": "Hello! How can I assist you today?"
      },
      "logprobs": {
        "content": [
          {
            "token": "Hello",
            "logprob": -0.31725305,
            "bytes": [72, 101, 108, 108, 111],
            "top_logprobs": [
              {
                "token": "Hello",
                "logprob": -0.31725305,
                "bytes": [72, 101, 108, 108, 111]
              },
              {
                "token": "Hi",
                "logprob": -1.3190403,
                "bytes": [72, 105]
              }
            ]
          },
          {
            "token": "!",
            "logprob": -0.02380986,
            "bytes": [
              33
            ],
            "top_logprobs": [
              {
                "token": "!",
                "logprob": -0.02380986,
                "bytes": [33]
              },
              {
                "token": " there",
                "logprob": -3.787621,
                "bytes": [32, 116, 104, 101, 114, 101]
              }
            ]
          },
          {
            "token": " How",
            "logprob": -0.000054669687,
            "bytes": [32, 72, 111, 119],
            "top_logprobs": [
              {
                "token": " How",
                "logprob": -0.000054669687,
                "bytes": [32, 72, 111, 119]
              },
              {
                "token": "<|end|>",
                "logprob": -10.953937,
                "bytes": null
              }
            ]
          },
          {
            "token": " can",
            "logprob": -0.015801601,
            "bytes": [32, 99, 97, 110],
            "top_logprobs": [
              {
                "token": " can",
                "logprob": -0.015801601,
                "bytes": [32, 99, 97, 110]
              },
              {
                "token": " may",
                "logprob": -4.161023,
                "bytes": [32, 109, 97, 121]
              }
            ]
          },
          {
            "token": " I",
            "logprob": -3.7697225e-6,
            "bytes": [
              32,
              73
            ],
            "top_logprobs": [
              {
                "token": " I",
                "logprob": -3.7697225e-6,
                "bytes": [32, 73]
              },
              {
                "token": " assist",
                "logprob": -13.596657,
                "bytes": [32, 97, 115, 115, 105, 115, 116]
              }
            ]
          },
          {
            "token": " assist",
            "logprob": -0.04571125,
            "bytes": [32, 97, 115, 115, 105, 115, 116],
            "top_logprobs": [
              {
                "token": " assist",
                "logprob": -0.04571125,
                "bytes": [32, 97, 115, 115, 105, 115, 116]
              },
              {
                "token": " help",
                "logprob": -3.1089056,
                "bytes": [32, 104, 101, 108, 112]
              }
            ]
          },
          {
            "token": " you",
            "logprob": -5.4385737e-6,
            "bytes": [32, 121, 111, 117],
            "top_logprobs": [
              {
                "token": " you",
                "logprob": -5.4385737e-6,
                "bytes": [32, 121, 111, 117]
              },
              {
                "token": " today",
                "logprob": -12.807695,
                "bytes": [32, 116, 111, 100, 97, 121]
              }
            ]
          },
          {
            "token": " today",
            "logprob": -0.0040071653,
            "bytes": [32, 116, 111, 100, 97, 121],
            "top_logprobs": [
              {
                "token": " today",
                "logprob": -0.0040071653,
                "bytes": [32, 116, 111, 100, 97, 121]
              },
              {
                "token": "?",
                "logprob": -5.5247097,
                "bytes": [63]
              }
            ]
          },
          {
            "token": "?",
            "logprob": -0.0008108172,
            "bytes": [63],
            "top_logprobs": [
              {
                "token": "?",
                "logprob": -0.0008108172,
                "bytes": [63]
              },
              {
                "token": "?\n",
                "logprob": -7.184561,
                "bytes": [63, 10]
              }
            ]
          }
        ]
      },
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 9,
    "completion_tokens": 9,
    "total_tokens": 18,
    "completion_tokens_details": {
      "reasoning_tokens": 0,
      "accepted_prediction_tokens": 0,
      "rejected_prediction_tokens": 0
    }
  },
  "system_fingerprint": null
}"#;

/// `#/components/schemas/CreateChatCompletionResponse/x-oaiMeta/example`.
const RESPONSE_SCHEMA_EXAMPLE: &str = r#"{
  "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
  "object": "chat.completion",
  "created": 1741570283,
  "model": "gpt-4o-2024-08-06",
  "choices": [
    {
      "index": 0,
      "message": {
        "role": "assistant",
        "content": "The image shows a wooden boardwalk path running through a lush green field or meadow. The sky is bright blue with some scattered clouds, giving the scene a serene and peaceful atmosphere. Trees and shrubs are visible in the background.",
        "refusal": null,
        "annotations": []
      },
      "logprobs": null,
      "finish_reason": "stop"
    }
  ],
  "usage": {
    "prompt_tokens": 1117,
    "completion_tokens": 46,
    "total_tokens": 1163,
    "prompt_tokens_details": {
      "cached_tokens": 0,
      "audio_tokens": 0
    },
    "completion_tokens_details": {
      "reasoning_tokens": 0,
      "audio_tokens": 0,
      "accepted_prediction_tokens": 0,
      "rejected_prediction_tokens": 0
    }
  },
  "service_tier": "default",
  "system_fingerprint": "fp_fc9f1d7035"
}"#;

/// `#/components/schemas/CreateChatCompletionStreamResponse/x-oaiMeta/example`, the three
/// chunks.
const CHUNK_SCHEMA_EXAMPLES: [&str; 3] = [
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],"obfuscation":"r4N7vQ2m"}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"obfuscation":"p9K3xT6w"}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini", "system_fingerprint": "fp_44709d6fcb", "choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"obfuscation":""}"#,
];

// ------------------------------------------------- written against the schemas

/// Every message role with both content forms where the schema has them, every user
/// content part (text, image, audio, file), assistant text and refusal parts, function
/// and custom tool calls and tools, and most request options.
/// `x_request_tag` is not a property of the schema and must land in `extra`.
const CONVERSATION_REQUEST: &str = r#"{
  "model": "gpt-4o",
  "messages": [
    {"role": "developer", "content": [{"type": "text", "text": "You are a weather assistant."}], "name": "ops"},
    {"role": "system", "content": "Answer in one short sentence."},
    {
      "role": "user",
      "name": "alice",
      "content": [
        {"type": "text", "text": "What is the weather where this photo was taken?"},
        {"type": "image_url", "image_url": {"url": "https://example.com/boardwalk.jpg", "detail": "low"}},
        {"type": "input_audio", "input_audio": {"data": "UklGRiQAAABXQVZF", "format": "wav"}},
        {"type": "file", "file": {"filename": "notes.txt", "file_data": "data:text/plain;base64,SGVsbG8="}},
        {"type": "file", "file": {"file_id": "file-abc123"}, "prompt_cache_breakpoint": {"mode": "explicit"}}
      ]
    },
    {
      "role": "assistant",
      "content": [
        {"type": "text", "text": "Let me look that up."},
        {"type": "refusal", "refusal": "I cannot identify the people in the photo."}
      ],
      "tool_calls": [
        {
          "id": "call_abc123",
          "type": "function",
          "function": {"name": "get_current_weather", "arguments": "{\"location\": \"Madison, WI\"}"}
        },
        {"id": "call_def456", "type": "custom", "custom": {"name": "run_sql", "input": "SELECT 1"}}
      ]
    },
    {"role": "tool", "tool_call_id": "call_abc123", "content": "{\"temperature\": 22, \"unit\": \"celsius\"}"},
    {"role": "tool", "tool_call_id": "call_def456", "content": [{"type": "text", "text": "1"}]},
    {"role": "assistant", "content": "It is 22 °C and sunny in Madison.", "refusal": "", "name": "weather-bot"},
    {"role": "assistant", "audio": {"id": "audio_abc123"}},
    {"role": "function", "name": "get_current_weather", "content": "{\"temperature\": 22}"}
  ],
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {
          "type": "object",
          "properties": {
            "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
          },
          "required": ["location"]
        },
        "strict": true
      }
    },
    {
      "type": "custom",
      "custom": {
        "name": "run_sql",
        "description": "Runs a read-only SQL query.",
        "format": {"type": "grammar", "grammar": {"definition": "start: \"SELECT \" NUMBER", "syntax": "lark"}}
      }
    },
    {"type": "custom", "custom": {"name": "echo", "format": {"type": "text"}}}
  ],
  "tool_choice": {"type": "function", "function": {"name": "get_current_weather"}},
  "parallel_tool_calls": false,
  "response_format": {
    "type": "json_schema",
    "json_schema": {
      "name": "weather_report",
      "description": "A one-line weather report.",
      "schema": {"type": "object", "properties": {"summary": {"type": "string"}}, "required": ["summary"]},
      "strict": true
    }
  },
  "temperature": 1,
  "top_p": 0.5,
  "n": 1,
  "stop": ["\n\n", "END"],
  "max_completion_tokens": 1024,
  "frequency_penalty": 0,
  "presence_penalty": 0.25,
  "logit_bias": {"50256": -100},
  "logprobs": true,
  "top_logprobs": 2,
  "seed": 42,
  "store": true,
  "metadata": {"project": "weather"},
  "service_tier": "flex",
  "modalities": ["text", "audio"],
  "audio": {"voice": "alloy", "format": "mp3"},
  "reasoning_effort": "low",
  "verbosity": "low",
  "prediction": {"type": "content", "content": [{"type": "text", "text": "It is 22 °C"}]},
  "stream": true,
  "stream_options": {"include_usage": true, "include_obfuscation": false},
  "web_search_options": {
    "search_context_size": "low",
    "user_location": {
      "type": "approximate",
      "approximate": {"country": "US", "region": "Wisconsin", "city": "Madison", "timezone": "America/Chicago"}
    }
  },
  "user": "user-1234",
  "safety_identifier": "safety-identifier-1234",
  "prompt_cache_key": "prompt-cache-key-1234",
  "prompt_cache_retention": "24h",
  "prompt_cache_options": {"ttl": "30m", "mode": "explicit"},
  "x_request_tag": "round-trip-test"
}"#;

/// The remaining arms of the request unions: `tool_choice` as `allowed_tools`,
/// `response_format` `json_object`, `stop` as one string, `audio.voice` as a custom
/// voice object, `prediction.content` as a string, and the deprecated `functions` /
/// `function_call` (object arm).
const OTHER_ARMS_REQUEST: &str = r#"{
  "model": "gpt-4o-audio-preview",
  "messages": [{"role": "user", "content": "What is the weather like in Boston today?"}],
  "tools": [{"type": "function", "function": {"name": "get_current_weather"}}],
  "tool_choice": {
    "type": "allowed_tools",
    "allowed_tools": {"mode": "required", "tools": [{"type": "function", "function": {"name": "get_current_weather"}}]}
  },
  "response_format": {"type": "json_object"},
  "stop": "END",
  "audio": {"voice": {"id": "voice_1234"}, "format": "pcm16"},
  "prediction": {"type": "content", "content": "It is sunny"},
  "functions": [{"name": "get_current_weather", "description": "Get the weather", "parameters": {"type": "object"}}],
  "function_call": {"name": "get_current_weather"}
}"#;

/// SSE `data:` payloads of a streamed tool call with `include_usage`, leaving out the
/// optional nullable properties (`logprobs`, `usage`, `delta.content`, `delta.refusal`
/// as null): the role, a refusal delta, the start of the call (with an unknown chunk
/// property, `x_shard`), the finish reason, and the usage-only last chunk.
const TOOL_CALL_CHUNKS: [&str; 5] = [
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","system_fingerprint":"fp_44709d6fcb","service_tier":"default","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"obfuscation":"r4N7"}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"refusal":"I can't help with that."},"finish_reason":null}]}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_abc123","type":"function","function":{"name":"get_current_weather","arguments":""}}]},"finish_reason":null}],"x_shard":7}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
    r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[],"usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,"completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}"#,
];

/// A later delta of the same call: `ChatCompletionMessageToolCallChunk` requires only
/// `index`; `type` (optional, `enum: [function]`) is left out, as the API does after the
/// first delta of a call.
const CHUNK_CONTINUING_TOOL_CALL: &str = r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"location\": \"Boston, MA\"}"}}]},"finish_reason":null}]}"#;

/// A chunk sent with `stream_options: {"include_usage": true}` before the last one:
/// "All other chunks will also include a `usage` field, but with a null value"
/// (`ChatCompletionStreamOptions`); `usage` is `nullable: true` and not required, and so
/// are `delta.content` and `delta.refusal` (`anyOf: [string, null]`), null in the first
/// delta of a tool call.
const CHUNK_WITH_NULLS: &str = r#"{"id":"chatcmpl-123","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":null,"refusal":null},"finish_reason":null}],"usage":null}"#;

// ---------------------------------------------------------------- requests

#[test]
fn example_requests_round_trip() {
    let default: CreateChatCompletionRequest = round_trip(DEFAULT_REQUEST);
    assert_eq!(
        default.model,
        ModelIdsShared::Other("VAR_chat_model_id".to_string())
    );
    let ChatCompletionRequestMessage::Developer(developer) = &default.messages[0] else {
        panic!("a developer message: {:?}", default.messages[0])
    };
    assert_eq!(
        developer.content,
        TextContentOrArrayOfContentParts::TextContent(
            "You are a helpful assistant.".to_string()
        )
    );
    let ChatCompletionRequestMessage::User(user) = &default.messages[1] else {
        panic!("a user message: {:?}", default.messages[1])
    };
    assert_eq!(
        user.content,
        ChatCompletionRequestUserMessageContent::TextContent("Hello!".to_string())
    );

    let image: CreateChatCompletionRequest = round_trip(IMAGE_INPUT_REQUEST);
    assert_eq!(image.model, ModelIdsShared::Gpt54);
    assert_eq!(image.max_tokens, Some(300));
    let ChatCompletionRequestMessage::User(user) = &image.messages[0] else {
        panic!("a user message: {:?}", image.messages[0])
    };
    let ChatCompletionRequestUserMessageContent::ArrayOfContentParts(parts) = &user.content else {
        panic!("content parts: {:?}", user.content)
    };
    let ChatCompletionRequestUserMessageContentPart::Text(text) = &parts[0] else {
        panic!("a text part: {:?}", parts[0])
    };
    assert_eq!(text.text, "What is in this image?");
    let ChatCompletionRequestUserMessageContentPart::ImageUrl(image_part) = &parts[1] else {
        panic!("an image part: {:?}", parts[1])
    };
    assert!(image_part
        .image_url
        .url
        .ends_with("2560px-Gfp-wisconsin-madison-the-nature-boardwalk.jpg"));
    assert_eq!(image_part.image_url.detail, None);

    let streaming: CreateChatCompletionRequest = round_trip(STREAMING_REQUEST);
    assert_eq!(streaming.stream, Some(true));

    let functions: CreateChatCompletionRequest = round_trip(FUNCTIONS_REQUEST);
    let tools = functions.tools.as_ref().expect("tools");
    let CreateChatCompletionRequestToolsItem::Function(tool) = &tools[0] else {
        panic!("a function tool: {:?}", tools[0])
    };
    assert_eq!(tool.function.name, "get_current_weather");
    assert_eq!(
        tool.function.parameters.as_ref().expect("parameters")["required"],
        serde_json::json!(["location"])
    );
    assert_eq!(
        functions.tool_choice,
        Some(ChatCompletionToolChoiceOption::ToolChoiceMode(
            NoneAutoRequired::Auto
        ))
    );

    let logprobs: CreateChatCompletionRequest = round_trip(LOGPROBS_REQUEST);
    assert_eq!(logprobs.logprobs, Some(true));
    assert_eq!(logprobs.top_logprobs, Some(2));
}

#[test]
fn conversation_request_round_trips() {
    let request: CreateChatCompletionRequest = round_trip(CONVERSATION_REQUEST);
    assert_eq!(request.model, ModelIdsShared::Gpt4o);
    assert_eq!(request.extra["x_request_tag"], "round-trip-test");

    let m = &request.messages;
    let ChatCompletionRequestMessage::Developer(developer) = &m[0] else {
        panic!("a developer message: {:?}", m[0])
    };
    assert_eq!(developer.name.as_deref(), Some("ops"));
    assert!(matches!(
        &developer.content,
        TextContentOrArrayOfContentParts::ArrayOfContentParts(parts)
            if parts[0].text == "You are a weather assistant."
    ));
    assert!(matches!(
        &m[1],
        ChatCompletionRequestMessage::System(system)
            if system.content == CompletionRequestSystemMessageContent::TextContent(
                "Answer in one short sentence.".to_string()
            )
    ));

    let ChatCompletionRequestMessage::User(user) = &m[2] else {
        panic!("a user message: {:?}", m[2])
    };
    let ChatCompletionRequestUserMessageContent::ArrayOfContentParts(parts) = &user.content else {
        panic!("content parts: {:?}", user.content)
    };
    assert!(matches!(
        parts[0],
        ChatCompletionRequestUserMessageContentPart::Text(_)
    ));
    let ChatCompletionRequestUserMessageContentPart::ImageUrl(image) = &parts[1] else {
        panic!("an image part: {:?}", parts[1])
    };
    assert_eq!(
        image.image_url.detail,
        Some(Detail::Low)
    );
    let ChatCompletionRequestUserMessageContentPart::InputAudio(audio) = &parts[2] else {
        panic!("an audio part: {:?}", parts[2])
    };
    assert_eq!(
        audio.input_audio.format,
        MessageContentPartAudioInputAudioFormat::Wav
    );
    let ChatCompletionRequestUserMessageContentPart::File(file) = &parts[3] else {
        panic!("a file part: {:?}", parts[3])
    };
    assert_eq!(file.file.filename.as_deref(), Some("notes.txt"));
    let ChatCompletionRequestUserMessageContentPart::File(file) = &parts[4] else {
        panic!("a file part: {:?}", parts[4])
    };
    assert_eq!(file.file.file_id.as_deref(), Some("file-abc123"));
    assert!(file.prompt_cache_breakpoint.is_some());

    let ChatCompletionRequestMessage::Assistant(assistant) = &m[3] else {
        panic!("an assistant message: {:?}", m[3])
    };
    let Nullable::Value(CompletionRequestAssistantMessageContent::ArrayOfContentParts(parts)) =
        &assistant.content
    else {
        panic!("content parts: {:?}", assistant.content)
    };
    assert!(matches!(
        parts[0],
        ChatCompletionRequestAssistantMessageContentPart::Text(_)
    ));
    assert!(matches!(
        &parts[1],
        ChatCompletionRequestAssistantMessageContentPart::Refusal(r)
            if r.refusal == "I cannot identify the people in the photo."
    ));
    let calls = assistant.tool_calls.as_ref().expect("tool calls");
    let ChatCompletionMessageToolCallsItem::Function(call) = &calls[0] else {
        panic!("a function call: {:?}", calls[0])
    };
    assert_eq!(call.function.arguments, "{\"location\": \"Madison, WI\"}");
    let ChatCompletionMessageToolCallsItem::Custom(call) = &calls[1] else {
        panic!("a custom call: {:?}", calls[1])
    };
    assert_eq!(call.custom.input, "SELECT 1");

    assert!(matches!(
        &m[4],
        ChatCompletionRequestMessage::Tool(tool) if tool.tool_call_id == "call_abc123"
    ));
    assert!(matches!(
        &m[5],
        ChatCompletionRequestMessage::Tool(tool)
            if matches!(tool.content, ChatCompletionRequestToolMessageContent::ArrayOfContentParts(_))
    ));
    assert!(matches!(
        &m[7],
        ChatCompletionRequestMessage::Assistant(a)
            if a.content.is_none() && a.audio.as_ref().map(|x| x.id.as_str()) == Some("audio_abc123")
    ));
    assert!(matches!(
        &m[8],
        ChatCompletionRequestMessage::Function(f) if f.name == "get_current_weather"
    ));

    let tools = request.tools.as_ref().expect("tools");
    assert!(matches!(
        &tools[0],
        CreateChatCompletionRequestToolsItem::Function(t) if t.function.strict == Some(true)
    ));
    let CreateChatCompletionRequestToolsItem::Custom(sql) = &tools[1] else {
        panic!("a custom tool: {:?}", tools[1])
    };
    let Some(CustomToolChatCompletionsCustomFormat::Grammar(grammar)) = &sql.custom.format else {
        panic!("a grammar format: {:?}", sql.custom.format)
    };
    assert_eq!(
        grammar.grammar.syntax,
        CustomFormatGrammarDetailsSyntax::Lark
    );
    assert!(matches!(
        &tools[2],
        CreateChatCompletionRequestToolsItem::Custom(t)
            if matches!(t.custom.format, Some(CustomToolChatCompletionsCustomFormat::Text(_)))
    ));

    assert!(matches!(
        &request.tool_choice,
        Some(ChatCompletionToolChoiceOption::ChatCompletionNamedToolChoice(c))
            if c.function.name == "get_current_weather"
    ));
    assert!(matches!(
        &request.response_format,
        Some(ResponseFormat::JsonSchema(f))
            if f.json_schema.name == "weather_report"
    ));
    assert_eq!(
        request.stop,
        Some(StopConfiguration::StringList(vec![
            "\n\n".to_string(),
            "END".to_string()
        ]))
    );
    assert_eq!(request.service_tier, Some(ServiceTier::Flex));
    assert_eq!(
        request.modalities,
        Some(vec![
            ModalitiesItem::Text,
            ModalitiesItem::Audio
        ])
    );
    let audio = request.audio.as_ref().expect("audio");
    assert_eq!(
        audio.voice,
        VoiceIdsOrCustomVoice::VoiceIdsShared(VoiceIdsShared::Alloy)
    );
    assert_eq!(audio.format, CreateChatCompletionRequestAudioFormat::Mp3);
    assert_eq!(request.reasoning_effort, Some(ReasoningEffort::Low));
    assert_eq!(request.verbosity, Some(Verbosity::Low));
    assert_eq!(
        request.prompt_cache_retention,
        Some(PromptCacheRetention::V24h)
    );
    assert_eq!(request.temperature, Some(1.0));
    assert_eq!(request.parallel_tool_calls, Some(false));
    let location = request
        .web_search_options
        .as_ref()
        .and_then(|w| w.user_location.get())
        .expect("user_location");
    assert_eq!(location.approximate.city.as_deref(), Some("Madison"));
}

#[test]
fn request_with_the_other_union_arms_round_trips() {
    let request: CreateChatCompletionRequest = round_trip(OTHER_ARMS_REQUEST);
    assert_eq!(request.model, ModelIdsShared::Gpt4oAudioPreview);
    assert!(matches!(
        &request.tool_choice,
        Some(ChatCompletionToolChoiceOption::ChatCompletionAllowedToolsChoice(c))
            if c.allowed_tools.mode == Mode::Required
    ));
    assert!(matches!(
        request.response_format,
        Some(ResponseFormat::JsonObject(_))
    ));
    assert_eq!(
        request.stop,
        Some(StopConfiguration::String("END".to_string()))
    );
    let audio = request.audio.as_ref().expect("audio");
    assert!(matches!(
        &audio.voice,
        VoiceIdsOrCustomVoice::Object(voice) if voice.id == "voice_1234"
    ));
    assert_eq!(audio.format, CreateChatCompletionRequestAudioFormat::Pcm16);
    assert!(matches!(
        &request.prediction,
        Nullable::Value(p) if p.content == TextContentOrArrayOfContentParts::TextContent("It is sunny".to_string())
    ));
    assert!(matches!(
        &request.function_call,
        Some(CreateChatCompletionRequestFunctionCall::ChatCompletionFunctionCallOption(o))
            if o.name == "get_current_weather"
    ));
    assert_eq!(
        request.functions.as_ref().map(|f| f[0].name.as_str()),
        Some("get_current_weather")
    );
}

// ---------------------------------------------------------------- responses

#[test]
fn example_responses_round_trip() {
    for text in [
        DEFAULT_RESPONSE,
        IMAGE_INPUT_RESPONSE,
        RESPONSE_SCHEMA_EXAMPLE,
    ] {
        let response: CreateChatCompletionResponse = round_trip(text);
        let choice = &response.choices[0];
        assert_eq!(
            choice.finish_reason,
            ResponseChoicesItemFinishReason::Stop
        );
        assert_eq!(choice.logprobs, None);
        assert_eq!(choice.message.refusal, None);
        assert_eq!(choice.message.annotations.as_deref(), Some(&[][..]));
        assert!(choice.message.content.is_some());
        let usage = response.usage.as_ref().expect("usage");
        let details = usage.completion_tokens_details.as_ref().expect("details");
        assert_eq!(details.rejected_prediction_tokens, Some(0));
        assert_eq!(
            usage
                .prompt_tokens_details
                .as_ref()
                .and_then(|d| d.cached_tokens),
            Some(0)
        );
    }

    let default: CreateChatCompletionResponse = round_trip(DEFAULT_RESPONSE);
    assert_eq!(default.id, "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assert_eq!(default.created, 1741569952);
    assert_eq!(default.service_tier, Some(ServiceTier::Default));
    assert_eq!(
        default.choices[0].message.content.as_deref(),
        Some("Hello! How can I assist you today?")
    );
    let schema_example: CreateChatCompletionResponse = round_trip(RESPONSE_SCHEMA_EXAMPLE);
    assert_eq!(
        schema_example.system_fingerprint.as_deref(),
        Some("fp_fc9f1d7035")
    );
}

/// The "Functions" example leaves out `choices[0].message.refusal`, which
/// `ChatCompletionResponseMessage` requires (`required: [role, content, refusal]`,
/// nullable): the type writes it back as `null`, as it must for a required property.
#[test]
fn functions_example_response_round_trips_with_the_required_refusal_written() {
    let mut expected = parse(FUNCTIONS_RESPONSE);
    insert(&mut expected, "/choices/0/message", "refusal", Value::Null);
    let response: CreateChatCompletionResponse = round_trip_to(FUNCTIONS_RESPONSE, &expected);

    let choice = &response.choices[0];
    assert_eq!(
        choice.finish_reason,
        ResponseChoicesItemFinishReason::ToolCalls
    );
    assert_eq!(choice.message.content, None);
    let calls = choice.message.tool_calls.as_ref().expect("tool calls");
    let ChatCompletionMessageToolCallsItem::Function(call) = &calls[0] else {
        panic!("a function call: {:?}", calls[0])
    };
    assert_eq!(call.id, "call_abc123");
    assert_eq!(call.function.name, "get_current_weather");
    assert_eq!(
        call.function.arguments,
        "{\n\"location\": \"Boston, MA\"\n}"
    );
    assert_eq!(response.usage.as_ref().map(|u| u.total_tokens), Some(99));
}

/// The "Logprobs" example leaves out two required nullable properties
/// (`choices[0].message.refusal`, `choices[0].logprobs.refusal`), written back as `null`,
/// and sends `"system_fingerprint": null` although the schema says `type: string`
/// (not nullable): that null decodes as "absent" and is not written back.
#[test]
fn logprobs_example_response_round_trips_with_required_nulls_written() {
    let mut expected = parse(LOGPROBS_RESPONSE);
    insert(&mut expected, "/choices/0/message", "refusal", Value::Null);
    insert(&mut expected, "/choices/0/logprobs", "refusal", Value::Null);
    expected
        .as_object_mut()
        .unwrap()
        .remove("system_fingerprint");
    let response: CreateChatCompletionResponse = round_trip_to(LOGPROBS_RESPONSE, &expected);

    assert_eq!(response.system_fingerprint, None);
    let logprobs = response.choices[0].logprobs.as_ref().expect("logprobs");
    assert_eq!(logprobs.refusal, None);
    let tokens = logprobs.content.as_ref().expect("content");
    assert_eq!(tokens.len(), 9);
    assert_eq!(tokens[0].token, "Hello");
    assert_eq!(tokens[0].logprob, -0.31725305);
    assert_eq!(
        tokens[0].bytes.as_deref(),
        Some(&[72, 101, 108, 108, 111][..])
    );
    assert_eq!(tokens[2].top_logprobs[1].token, "<|end|>");
    assert_eq!(tokens[2].top_logprobs[1].bytes, None);
    assert_eq!(tokens[4].logprob, -3.7697225e-6);
}

// ---------------------------------------------------------------- stream chunks

#[test]
fn tool_call_chunks_round_trip() {
    let chunks: Vec<CreateChatCompletionStreamResponse> =
        TOOL_CALL_CHUNKS.iter().map(|c| round_trip(c)).collect();

    let first = &chunks[0];
    assert_eq!(first.obfuscation.as_deref(), Some("r4N7"));
    assert_eq!(first.service_tier, Some(ServiceTier::Default));
    let delta = &first.choices[0].delta;
    assert_eq!(
        delta.role,
        Some(ChatCompletionStreamResponseDeltaRole::Assistant)
    );
    assert_eq!(delta.content.as_deref(), Some(""));
    assert_eq!(first.choices[0].finish_reason, None);

    assert_eq!(
        chunks[1].choices[0].delta.refusal.as_deref(),
        Some("I can't help with that.")
    );

    assert_eq!(chunks[2].extra["x_shard"], 7);
    let call = &chunks[2].choices[0]
        .delta
        .tool_calls
        .as_ref()
        .expect("tool calls")[0];
    assert_eq!(call.index, 0);
    assert_eq!(call.id.as_deref(), Some("call_abc123"));
    assert_eq!(
        call.function.as_ref().and_then(|f| f.name.as_deref()),
        Some("get_current_weather")
    );

    assert_eq!(
        chunks[3].choices[0].finish_reason,
        Some(ResponseChoicesItemFinishReason::ToolCalls)
    );

    assert!(chunks[4].choices.is_empty());
    assert_eq!(chunks[4].usage.as_ref().map(|u| u.total_tokens), Some(99));
}

#[test]
fn example_chunks_round_trip() {
    for text in STREAMING_CHUNKS.iter().chain(&CHUNK_SCHEMA_EXAMPLES) {
        let chunk: CreateChatCompletionStreamResponse = round_trip(text);
        assert_eq!(chunk.id, "chatcmpl-123");
        assert_eq!(chunk.system_fingerprint.as_deref(), Some("fp_44709d6fcb"));
        assert_eq!(chunk.choices[0].logprobs, None);
    }
    let first: CreateChatCompletionStreamResponse = round_trip(CHUNK_SCHEMA_EXAMPLES[0]);
    assert_eq!(first.obfuscation.as_deref(), Some("r4N7vQ2m"));
    assert_eq!(
        first.choices[0].delta.role,
        Some(ChatCompletionStreamResponseDeltaRole::Assistant)
    );
    let last: CreateChatCompletionStreamResponse = round_trip(STREAMING_CHUNKS[2]);
    assert_eq!(
        last.choices[0].finish_reason,
        Some(ResponseChoicesItemFinishReason::Stop)
    );
}

#[test]
fn chunk_continuing_a_tool_call_round_trips() {
    let chunk: CreateChatCompletionStreamResponse = round_trip(CHUNK_CONTINUING_TOOL_CALL);
    let call = &chunk.choices[0]
        .delta
        .tool_calls
        .as_ref()
        .expect("tool calls")[0];
    assert_eq!(call.index, 0);
    assert_eq!(call.id, None);
}

#[test]
fn chunk_with_null_usage_and_delta_content_round_trips() {
    let chunk: CreateChatCompletionStreamResponse = round_trip(CHUNK_WITH_NULLS);
    assert_eq!(chunk.usage, None);
    assert!(chunk.choices[0].delta.content.is_none());
}

// ---------------------------------------------------------------- helpers

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the test document is JSON")
}

/// Sets `key` to `value` in the object at `pointer`.
fn insert(document: &mut Value, pointer: &str, key: &str, value: Value) {
    document
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("an object at {pointer}"))
        .insert(key.to_string(), value);
}

/// Decodes `text` as `T`, re-encodes the value and asserts that the result is the same
/// JSON as `text` (see [`differences`]). Returns the decoded value for further checks.
#[track_caller]
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    round_trip_to(text, &parse(text))
}

/// Like [`round_trip`], comparing the re-encoded value with `expected`.
#[track_caller]
fn round_trip_to<T: DeserializeOwned + Serialize>(text: &str, expected: &Value) -> T {
    let name = std::any::type_name::<T>();
    let typed: T = match serde_json::from_str(text) {
        Ok(typed) => typed,
        Err(err) => panic!("{name} does not decode: {err}\n{text}"),
    };
    let reencoded = serde_json::to_value(&typed).expect("re-encodes");
    let diffs = differences(expected, &reencoded);
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
