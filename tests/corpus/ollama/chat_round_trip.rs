//! Round trips of the chat types generated from the Ollama spec (`ollama/openapi.yaml`,
//! operation `chat`, `POST /api/chat`): request `ChatRequest`, response `ChatResponse`
//! (application/json) and the streamed line `ChatStreamEvent` (application/x-ndjson).
//!
//! The spec's own examples used: the JSON bodies of the six `x-codeSamples` (the text
//! between `-d '` and the last `'` of each cURL command) and the 200 application/json
//! `example`. The stream has no example, and no sample has a system, assistant or tool
//! message, so those documents are written by hand against `#/components/schemas/ChatRequest`,
//! `ChatResponse` and `ChatStreamEvent`, with values taken from the examples.
//!
//! Each test decodes the JSON into the generated type, re-encodes it and compares the
//! result with the input; the only difference allowed is that an integer sent for a
//! `number` (f64) property comes back as a float.

use corpus_ollama::*;
use serde::{de::DeserializeOwned, Serialize};
use serde_json::{Number, Value};

// ---------------------------------------------------------------- x-codeSamples, verbatim

/// `x-codeSamples[0]` ("Default").
const DEFAULT_REQUEST: &str = r#"{
  "model": "gemma4",
  "messages": [
    {
      "role": "user",
      "content": "why is the sky blue?"
    }
  ]
}"#;

/// `x-codeSamples[1]` ("Non-streaming").
const NON_STREAMING_REQUEST: &str = r#"{
  "model": "gemma4",
  "messages": [
    {
      "role": "user",
      "content": "why is the sky blue?"
    }
  ],
  "stream": false
}"#;

/// `x-codeSamples[2]` ("Structured outputs").
const STRUCTURED_OUTPUTS_REQUEST: &str = r#"{
  "model": "gemma4",
  "messages": [
    {
      "role": "user",
      "content": "What are the populations of the United States and Canada?"
    }
  ],
  "stream": false,
  "format": {
    "type": "object",
    "properties": {
      "countries": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "country": {"type": "string"},
            "population": {"type": "integer"}
          },
          "required": ["country", "population"]
        }
      }
    },
    "required": ["countries"]
  }
}"#;

/// `x-codeSamples[3]` ("Tool calling").
const TOOL_CALLING_REQUEST: &str = r#"{
  "model": "qwen3",
  "messages": [
    {
      "role": "user",
      "content": "What is the weather today in Paris?"
    }
  ],
  "stream": false,
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_current_weather",
        "description": "Get the current weather for a location",
        "parameters": {
          "type": "object",
          "properties": {
            "location": {
              "type": "string",
              "description": "The location to get the weather for, e.g. San Francisco, CA"
            },
            "format": {
              "type": "string",
              "description": "The format to return the weather in, e.g. 'celsius' or 'fahrenheit'",
              "enum": ["celsius", "fahrenheit"]
            }
          },
          "required": ["location", "format"]
        }
      }
    }
  ]
}"#;

/// `x-codeSamples[4]` ("Thinking").
const THINKING_REQUEST: &str = r#"{
  "model": "gpt-oss",
  "messages": [
    {
      "role": "user",
      "content": "What is 1+1?"
    }
  ],
  "think": "low"
}"#;

/// `x-codeSamples[5]` ("Images").
const IMAGES_REQUEST: &str = r#"{
  "model": "gemma4",
  "messages": [
    {
      "role": "user",
      "content": "What is in this image?",
      "images": [
        "iVBORw0KGgoAAAANSUhEUgAAAG0AAABmCAYAAADBPx+VAAAACXBIWXMAAAsTAAALEwEAmpwYAAAAAXNSR0IArs4c6QAAAARnQU1BAACxjwv8YQUAAA3VSURBVHgB7Z27r0zdG8fX743i1bi1ikMoFMQloXRpKFFIqI7LH4BEQ+NWIkjQuSWCRIEoULk0gsK1kCBI0IhrQVT7tz/7zZo888yz1r7MnDl7z5xvsjkzs2fP3uu71nNfa7lkAsm7d++Sffv2JbNmzUqcc8m0adOSzZs3Z+/XES4ZckAWJEGWPiCxjsQNLWmQsWjRIpMseaxcuTKpG/7HP27I8P79e7dq1ars/yL4/v27S0ejqwv+cUOGEGGpKHR37tzJCEpHV9tnT58+dXXCJDdECBE2Ojrqjh071hpNECjx4cMHVycM1Uhbv359B2F79+51586daxN/+pyRkRFXKyRDAqxEp4yMlDDzXG1NPnnyJKkThoK0VFd1ELZu3TrzXKxKfW7dMBQ6bcuWLW2v0VlHjx41z717927ba22U9APcw7Nnz1oGEPeL3m3p2mTAYYnFmMOMXybPPXv2bNIPpFZr1NHn4HMw0KRBjg9NuRw95s8PEcz/6DZELQd/09C9QGq5RsmSRybqkwHGjh07OsJSsYYm3ijPpyHzoiacg35MLdDSIS/O1yM778jOTwYUkKNHWUzUWaOsylE00MyI0fcnOwIdjvtNdW/HZwNLGg+sR1kMepSNJXmIwxBZiG8tDTpEZzKg0GItNsosY8USkxDhD0Rinuiko2gfL/RbiD2LZAjU9zKQJj8RDR0vJBR1/Phx9+PHj9Z7REF4nTZkxzX4LCXHrV271qXkBAPGfP/atWvu/PnzHe4C97F48eIsRLZ9+3a3f/9+87dwP1JxaF7/3r17ba+5l4EcaVo0lj3SBq5kGTJSQmLWMjgYNei2GPT1MuMqGTDEFHzeQSP2wi/jGnkmPJ/nhccs44jvDAxpVcxnq0F6eT8h4ni/iIWpR5lPyA6ETkNXoSukvpJAD3AsXLiwpZs49+fPn5ke4j10TqYvegSfn0OnafC+Tv9ooA/JPkgQysqQNBzagXY55nO/oa1F7qvIPWkRL12WRpMWUvpVDYmxAPehxWSe8ZEXL20sadYIozfmNch4QJPAfeJgW3rNsnzphBKNJM2KKODo1rVOMRYik5ETy3ix4qWNI81qAAirizgMIc+yhTytx0JWZuNI03qsrgWlGtwjoS9XwgUhWGyhUaRZZQNNIEwCiXD16tXcAHUs79co0vSD8rrJCIW98pzvxpAWyyo3HYwqS0+H0BjStClcZJT5coMm6D2LOF8TolGJtK9fvyZpyiC5ePFi9nc/oJU4eiEP0jVoAnHa9wyJycITMP78+eMeP37sXrx44d6+fdt6f82aNdkx1pg9e3Zb5W+RSRE+n+VjksQWifvVaTKFhn5O8my63K8Qabdv33b379/PiAP//vuvW7BggZszZ072/+TJk91YgkafPn166zXB1rQHFvouAWHq9z3SEevSUerqCn2/dDCeta2jxYbr69evk4MHDyY7d+7MjhMnTiTPnz9Pfv/+nfQT2ggpO2dMF8cghuoM7Ygj5iWCqRlGFml0QC/ftGmTmzt3rmsaKDsgBSPh0/8yPeLLBihLkOKJc0jp8H8vUzcxIA1k6QJ/c78tWEyj5P3o4u9+jywNPdJi5rAH9x0KHcl4Hg570eQp3+vHXGyrmEeigzQsQsjavXt38ujRo44LQuDDhw+TW7duRS1HGgMxhNXHgflaNTOsHyKvHK5Ijo2jbFjJBQK9YwFd6RVMzfgRBmEfP37suBBm/p49e1qjEP2mwTViNRo0VJWH1deMXcNK08uUjVUu7s/zRaL+oLNxz1bpANco4npUgX4G2eFbpDFyQoQxojBCpEGSytmOH8qrH5Q9vuzD6ofQylkCUmh8DBAr+q8JCyVNtWQIidKQE9wNtLSQnS4jDSsxNHogzFuQBw4cyM61UKVsjfr3ooBkPSqqQHesUPWVtzi9/vQi1T+rJj7WiTz4Pt/l3LxUkr5P2VYZaZ4URpsE+st/dujQoaBBYokbrz/8TJNQYLSonrPS9kUaSkPeZyj1AWSj+d+VBoy1pIWVNed8P0Ll/ee5HdGRhrHhR5GGN0r4LGZBaj8oFDJitBTJzIZgFcmU0Y8ytWMZMzJOaXUSrUs5RxKnrxmbb5YXO9VGUhtpXldhEUogFr3IzIsvlpmdosVcGVGXFWp2oU9kLFL3dEkSz6NHEY1sjSRdIuDFWEhd8KxFqsRi1uM/nz9/zpxnwlESONdg6dKlbsaMGS4EHFHtjFIDHwKOo46l4TxSuxgDzi+rE2jg+BaFruOX4HXa0Nnf1lwAPufZeF8/r6zD97WK2qFnGjBxTw5qNGPxT+5T/r7/7RawFC3j4vTp09koCxkeHjqbHJqArmH5UrFKKksnxrK7FuRIs8STfBZv+luugXZ2pR/pP9Ois4z+TiMzUUkUjD0iEi1fzX8GmXyuxUBRcaUfykV0YZnlJGKQpOiGB76x5GeWkWWJc3mOrK6S7xdND+W5N6XyaRgtWJFe13GkaZnKOsYqGdOVVVbGupsyA/l7emTLHi7vwTdirNEt0qxnzAvBFcnQF16xh/TMpUuXHDowhlA9vQVraQhkudRdzOnK+04ZSP3DUhVSP61YsaLtd/ks7ZgtPcXqPqEafHkdqa84X6aCeL7YWlv6edGFHb+ZFICPlljHhg0bKuk0CSvVznWsotRu433alNdFrqG45ejoaPCaUkWERpLXjzFL2Rpllp7PJU2a/v7Ab8N05/9t27Z16KUqoFGsxnI9EosS2niSYg9SpU6B4JgTrvVW1flt1sT+0ADIJU2maXzcUTraGCRaL1Wp9rUMk16PMom8QhruxzvZIegJjFU7LLCePfS8uaQdPny4jTTL0dbee5mYokQsXTIWNY46kuMbnt8Kmec+LGWtOVIl9cT1rCB0V8WqkjAsRwta93TbwNYoGKsUSChN44lgBNCoHLHzquYKrU6qZ8lolCIN0Rh6cP0Q3U6I6IXILYOQI513hJaSKAorFpuHXJNfVlpRtmYBk1Su1obZr5dnKAO+L10Hrj3WZW+E3qh6IszE37F6EB+68mGpvKm4eb9bFrlzrok7fvr0Kfv727dvWRmdVTJHw0qiiCUSZ6wCK+7XL/AcsgNyL74DQQ730sv78Su7+t/A36MdY0sW5o40ahslXr58aZ5HtZB8GH64m9EmMZ7FpYw4T6QnrZfgenrhFxaSiSGXtPnz57e9TkNZLvTjeqhr734CNtrK41L40sUQckmj1lGKQ0rC37x544r8eNXRpnVE3ZZY7zXo8NomiO0ZUCj2uHz58rbXoZ6gc0uA+F6ZeKS/jhRDUq8MKrTho9fEkihMmhxtBI1DxKFY9XLpVcSkfoi8JGnToZO5sU5aiDQIW716ddt7ZLYtMQlhECdBGXZZMWldY5BHm5xgAroWj4C0hbYkSc/jBmggIrXJWlZM6pSETsEPGqZOndr2uuuR5rF169a2HoHPdurUKZM4CO1WTPqaDaAd+GFGKdIQkxAn9RuEWcTRyN2KSUgiSgF5aWzPTeA/lN5rZubMmR2bE4SIC4nJoltgAV/dVefZm72AtctUCJU2CMJ327hxY9t7EHbkyJFseq+EJSY16RPo3Dkq1kkr7+q0bNmyDuLQcZBEPYmHVdOBiJyIlrRDq41YPWfXOxUysi5fvtyaj+2BpcnsUV/oSoEMOk2CQGlr4ckhBwaetBhjCwH0ZHtJROPJkyc7UjcYLDjmrH7ADTEBXFfOYmB0k9oYBOjJ8b4aOYSe7QkKcYhFlq3QYLQhSidNmtS2RATwy8YOM3EQJsUjKiaWZ+vZToUQgzhkHXudb/PW5YMHD9yZM2faPsMwoc7RciYJXbGuBqJ1UIGKKLv915jsvgtJxCZDubdXr165mzdvtr1Hz5LONA8jrUwKPqsmVesKa49S3Q4WxmRPUEYdTjgiUcfUwLx589ySJUva3oMkP6IYddq6HMS4o55xBJBUeRjzfa4Zdeg56QZ43LhxoyPo7Lf1kNt7oO8wWAbNwaYjIv5lhyS7kRf96dvm5Jah8vfvX3flyhX35cuX6HfzFHOToS1H4BenCaHvO8pr8iDuwoUL7tevX+b5ZdbBair0xkFIlFDlW4ZknEClsp/TzXyAKVOmmHWFVSbDNw1l1+4f90U6IY/q4V27dpnE9bJ+v87QEydjqx/UamVVPRG+mwkNTYN+9tjkwzEx+atCm/X9WvWtDtAb68Wy9LXa1UmvCDDIpPkyOQ5ZwSzJ4jMrvFcr0rSjOUh+GcT4LSg5ugkW1Io0/SCDQBojh0hPlaJdah+tkVYrnTZowP8iq1F1TgMBBauufyB33x1v+NWFYmT5KmppgHC+NkAgbmRkpD3yn9QIseXymoTQFGQmIOKTxiZIWpvAatenVqRVXf2nTrAWMsPnKrMZHz6bJq5jvce6QK8J1cQNgKxlJapMPdZSR64/UivS9NztpkVEdKcrs5alhhWP9NeqlfWopzhZScI6QxseegZRGeg5a8C3Re1Mfl1ScP36ddcUaMuv24iOJtz7sbUjTS4qBvKmstYJoUauiuD3k5qhyr7QdUHMeCgLa1Ear9NquemdXgmum4fvJ6w1lqsuDhNrg1qSpleJK7K3TF0Q2jSd94uSZ60kK1e3qyVpQK6PVWXp2/FC3mp6jBhKKOiY2h3gtUV64TWM6wDETRPLDfSakXmH3w8g9Jlug8ZtTt4kVF0kLUYYmCCtD/DrQ5YhMGbA9L3ucdjh0y8kOHW5gU/VEEmJTcL4Pz/f7mgoAbYkAAAAAElFTkSuQmCC"
      ]
    }
  ]
}"#;

/// `responses.200.content.application/json.example`, as JSON.
const RESPONSE_EXAMPLE: &str = r#"{
  "model": "gemma4",
  "created_at": "2025-10-17T23:14:07.414671Z",
  "message": {
    "role": "assistant",
    "content": "Hello! How can I help you today?"
  },
  "done": true,
  "done_reason": "stop",
  "total_duration": 174560334,
  "load_duration": 101397084,
  "prompt_eval_count": 11,
  "prompt_eval_duration": 13074791,
  "eval_count": 18,
  "eval_duration": 52479709
}"#;

// ---------------------------------------------------------------- written against the schemas

/// Every `ChatMessage` role, images, a tool call and a tool result, `format: "json"`,
/// every `ModelOptions` property plus one it leaves open (`repeat_penalty`,
/// `additionalProperties: true`), boolean `think` and string `keep_alive`. The tool
/// message carries Ollama's `tool_name`, which the schema does not list: it must land in
/// `extra`.
const REQUEST: &str = r#"{
  "model": "qwen3",
  "messages": [
    {"role": "system", "content": "You are a weather assistant."},
    {
      "role": "user",
      "content": "What is in this image, and what is the weather today in Paris?",
      "images": ["iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="]
    },
    {
      "role": "assistant",
      "content": "",
      "tool_calls": [
        {
          "function": {
            "name": "get_current_weather",
            "description": "Get the current weather for a location",
            "arguments": {"location": "Paris, FR", "format": "celsius"}
          }
        }
      ]
    },
    {"role": "tool", "content": "22 degrees celsius", "tool_name": "get_current_weather"},
    {"role": "assistant", "content": "It is 22 °C in Paris."}
  ],
  "tools": [
    {
      "type": "function",
      "function": {
        "name": "get_current_weather",
        "description": "Get the current weather for a location",
        "parameters": {
          "type": "object",
          "properties": {"location": {"type": "string"}, "format": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
          "required": ["location", "format"]
        }
      }
    }
  ],
  "format": "json",
  "options": {
    "seed": 42,
    "temperature": 0.7,
    "top_k": 40,
    "top_p": 0.9,
    "min_p": 0.05,
    "stop": ["\n\n", "User:"],
    "num_ctx": 4096,
    "num_predict": 128,
    "repeat_penalty": 1.1
  },
  "stream": true,
  "think": true,
  "keep_alive": "5m",
  "logprobs": true,
  "top_logprobs": 2
}"#;

/// The other arms of the request unions: `think: "max"`, numeric `keep_alive` (`0`
/// unloads the model; the `number` arm writes it back as `0.0`), and `options.stop` as
/// one string.
const REQUEST_OTHER_ARMS: &str = r#"{
  "model": "gpt-oss",
  "messages": [{"role": "user", "content": "What is 1+1?"}],
  "think": "max",
  "keep_alive": 0,
  "options": {"stop": "\n"}
}"#;

/// A non-streaming answer with thinking, a tool call and log probabilities. The tool call
/// has Ollama's `id` and `function.index`, which the schema does not list.
const RESPONSE: &str = r#"{
  "model": "qwen3",
  "created_at": "2025-10-17T23:14:07.414671Z",
  "message": {
    "role": "assistant",
    "content": "",
    "thinking": "The user wants the weather in Paris; call the tool.",
    "tool_calls": [
      {
        "id": "call_8c0bd0tm",
        "function": {"index": 0, "name": "get_current_weather", "arguments": {"location": "Paris, FR", "format": "celsius"}}
      }
    ],
    "images": []
  },
  "done": true,
  "done_reason": "stop",
  "total_duration": 174560334,
  "load_duration": 101397084,
  "prompt_eval_count": 11,
  "prompt_eval_duration": 13074791,
  "eval_count": 18,
  "eval_duration": 52479709,
  "logprobs": [
    {
      "token": "Hello",
      "logprob": -0.0123,
      "bytes": [72, 101, 108, 108, 111],
      "top_logprobs": [
        {"token": "Hello", "logprob": -0.0123, "bytes": [72, 101, 108, 108, 111]},
        {"token": "Hi", "logprob": -4, "bytes": [72, 105]}
      ]
    }
  ]
}"#;

/// NDJSON lines of a streamed answer (`ChatStreamEvent`): thinking, text, a tool call,
/// and the last line, which carries the statistics of `ChatResponse` (`done_reason`,
/// durations, counts) that `ChatStreamEvent` does not list: they must land in `extra`.
const STREAM_LINES: [&str; 4] = [
    r#"{"model":"gemma4","created_at":"2025-10-17T23:14:07.31Z","message":{"role":"assistant","content":"","thinking":"A greeting."},"done":false}"#,
    r#"{"model":"gemma4","created_at":"2025-10-17T23:14:07.33Z","message":{"role":"assistant","content":"Hello!"},"done":false}"#,
    r#"{"model":"gemma4","created_at":"2025-10-17T23:14:07.35Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"get_current_weather","arguments":{"location":"Paris, FR","format":"celsius"}}}]},"done":false}"#,
    r#"{"model":"gemma4","created_at":"2025-10-17T23:14:07.414671Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":174560334,"load_duration":101397084,"prompt_eval_count":11,"prompt_eval_duration":13074791,"eval_count":18,"eval_duration":52479709}"#,
];

// ---------------------------------------------------------------- requests

#[test]
fn code_sample_requests_round_trip() {
    let default: ChatRequest = round_trip(DEFAULT_REQUEST);
    assert_eq!(default.model, "gemma4");
    assert_eq!(default.messages[0].role, ChatMessageRole::User);
    assert_eq!(default.messages[0].content, "why is the sky blue?");
    assert_eq!(default.stream, None);

    let non_streaming: ChatRequest = round_trip(NON_STREAMING_REQUEST);
    assert_eq!(non_streaming.stream, Some(false));

    let structured: ChatRequest = round_trip(STRUCTURED_OUTPUTS_REQUEST);
    let Some(ChatRequestFormat::Map(schema)) = &structured.format else {
        panic!("a JSON schema format: {:?}", structured.format)
    };
    assert_eq!(schema["required"], serde_json::json!(["countries"]));

    let tools: ChatRequest = round_trip(TOOL_CALLING_REQUEST);
    let tool = &tools.tools.as_ref().expect("tools")[0];
    assert_eq!(tool.function.name, "get_current_weather");
    assert_eq!(
        tool.function.parameters["required"],
        serde_json::json!(["location", "format"])
    );

    let thinking: ChatRequest = round_trip(THINKING_REQUEST);
    assert_eq!(
        thinking.think,
        Some(RequestThink::String(
            RequestThinkString::Low
        ))
    );

    let images: ChatRequest = round_trip(IMAGES_REQUEST);
    let images = images.messages[0].images.as_ref().expect("images");
    assert_eq!(images.len(), 1);
    assert!(images[0].starts_with("iVBORw0KGgo"));
}

#[test]
fn request_with_every_role_and_option_round_trips() {
    let request: ChatRequest = round_trip(REQUEST);
    let roles: Vec<&ChatMessageRole> = request.messages.iter().map(|m| &m.role).collect();
    assert_eq!(
        roles,
        [
            &ChatMessageRole::System,
            &ChatMessageRole::User,
            &ChatMessageRole::Assistant,
            &ChatMessageRole::Tool,
            &ChatMessageRole::Assistant,
        ]
    );
    assert_eq!(request.messages[1].images.as_ref().map(Vec::len), Some(1));
    let call = &request.messages[2].tool_calls.as_ref().expect("tool calls")[0];
    let function = call.function.as_ref().expect("function");
    assert_eq!(function.name, "get_current_weather");
    assert_eq!(
        function.arguments.as_ref().expect("arguments")["location"],
        "Paris, FR"
    );
    assert_eq!(
        request.messages[3].extra["tool_name"],
        "get_current_weather"
    );

    assert_eq!(
        request.format,
        Some(ChatRequestFormat::String(ChatRequestFormatString::Json))
    );
    let options = request.options.as_ref().expect("options");
    assert_eq!(options.seed, Some(42));
    assert_eq!(options.temperature, Some(0.7));
    assert_eq!(options.num_ctx, Some(4096));
    assert_eq!(
        options.stop,
        Some(StringOrStringList::StringList(vec![
            "\n\n".to_string(),
            "User:".to_string()
        ]))
    );
    assert_eq!(options.extra["repeat_penalty"], 1.1);
    assert_eq!(request.think, Some(RequestThink::Bool(true)));
    assert_eq!(
        request.keep_alive,
        Some(RequestKeepAlive::String("5m".to_string()))
    );
    assert_eq!(request.top_logprobs, Some(2));
}

#[test]
fn request_with_the_other_union_arms_round_trips() {
    let request: ChatRequest = round_trip(REQUEST_OTHER_ARMS);
    assert_eq!(
        request.think,
        Some(RequestThink::String(
            RequestThinkString::Max
        ))
    );
    assert_eq!(
        request.keep_alive,
        Some(RequestKeepAlive::Number(0.0))
    );
    assert_eq!(
        request.options.as_ref().and_then(|o| o.stop.clone()),
        Some(StringOrStringList::String("\n".to_string()))
    );
}

// ---------------------------------------------------------------- responses

#[test]
fn example_response_round_trips() {
    let response: ChatResponse = round_trip(RESPONSE_EXAMPLE);
    assert_eq!(response.model.as_deref(), Some("gemma4"));
    assert_eq!(
        response.created_at.as_deref(),
        Some("2025-10-17T23:14:07.414671Z")
    );
    assert_eq!(
        response.message.as_ref().and_then(|m| m.content.as_deref()),
        Some("Hello! How can I help you today?")
    );
    assert_eq!(response.done, Some(true));
    assert_eq!(response.done_reason.as_deref(), Some("stop"));
    assert_eq!(response.total_duration, Some(174560334));
    assert_eq!(response.eval_count, Some(18));
    assert!(response.extra.is_empty(), "{:?}", response.extra);
}

#[test]
fn response_with_tool_calls_and_logprobs_round_trips() {
    let response: ChatResponse = round_trip(RESPONSE);
    let message = response.message.as_ref().expect("message");
    assert_eq!(
        message.thinking.as_deref(),
        Some("The user wants the weather in Paris; call the tool.")
    );
    let call = &message.tool_calls.as_ref().expect("tool calls")[0];
    assert_eq!(call.extra["id"], "call_8c0bd0tm");
    let function = call.function.as_ref().expect("function");
    assert_eq!(function.extra["index"], 0);
    assert_eq!(
        function.arguments.as_ref().expect("arguments")["format"],
        "celsius"
    );
    assert_eq!(message.images.as_deref(), Some(&[][..]));

    let logprobs = response.logprobs.as_ref().expect("logprobs");
    assert_eq!(logprobs[0].token.as_deref(), Some("Hello"));
    assert_eq!(logprobs[0].logprob, Some(-0.0123));
    let top = logprobs[0].top_logprobs.as_ref().expect("top_logprobs");
    assert_eq!(top[1].logprob, Some(-4.0));
    assert_eq!(top[1].bytes.as_deref(), Some(&[72, 105][..]));
}

// ---------------------------------------------------------------- stream

#[test]
fn stream_lines_round_trip() {
    let events: Vec<ChatStreamEvent> = STREAM_LINES.iter().map(|l| round_trip(l)).collect();

    let first = events[0].message.as_ref().expect("message");
    assert_eq!(first.role.as_deref(), Some("assistant"));
    assert_eq!(first.thinking.as_deref(), Some("A greeting."));
    assert_eq!(events[0].done, Some(false));
    assert_eq!(
        events[1]
            .message
            .as_ref()
            .and_then(|m| m.content.as_deref()),
        Some("Hello!")
    );
    let calls = events[2]
        .message
        .as_ref()
        .and_then(|m| m.tool_calls.as_ref())
        .expect("tool calls");
    assert_eq!(
        calls[0].function.as_ref().map(|f| f.name.as_str()),
        Some("get_current_weather")
    );

    let last = &events[3];
    assert_eq!(last.done, Some(true));
    assert_eq!(last.extra["done_reason"], "stop");
    assert_eq!(last.extra["eval_count"], 18);
    assert_eq!(last.extra.len(), 7);
}

/// What `client.api().chat().create_stream(..)` yields for an NDJSON body made of
/// [`STREAM_LINES`]: every line decodes and re-encodes unchanged.
#[tokio::test]
async fn ndjson_body_decodes_through_the_client_stream() {
    let body: String = STREAM_LINES.iter().map(|l| format!("{l}\n")).collect();
    let base_url = serve_once("application/x-ndjson", body);
    let client = Client::builder()
        .base_url(base_url)
        .max_retries(0)
        .build()
        .expect("client");
    let request: ChatRequest = serde_json::from_str(DEFAULT_REQUEST).expect("request");

    let mut stream = client
        .api()
        .chat()
        .create_stream(&request)
        .await
        .expect("the stream opens");
    let mut seen = 0;
    while let Some(item) = stream.next().await {
        let item = item.unwrap_or_else(|err| panic!("line {seen} does not decode: {err}"));
        let item = serde_json::to_value(&item).expect("re-encodes");
        let diffs = differences(&parse(STREAM_LINES[seen]), &item);
        assert!(diffs.is_empty(), "line {seen}: {}", diffs.join("\n"));
        seen += 1;
    }
    assert_eq!(seen, STREAM_LINES.len());
}

// ---------------------------------------------------------------- helpers

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("the test document is JSON")
}

/// Decodes `text` as `T`, re-encodes the value and asserts that the result is the same
/// JSON as `text` (see [`differences`]). Returns the decoded value for further checks.
#[track_caller]
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let original = parse(text);
    let name = std::any::type_name::<T>();
    let typed: T = match serde_json::from_value(original.clone()) {
        Ok(typed) => typed,
        Err(err) => panic!("{name} does not decode: {err}\n{text}"),
    };
    let reencoded = serde_json::to_value(&typed).expect("re-encodes");
    let diffs = differences(&original, &reencoded);
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
