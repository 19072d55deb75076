//! Fixtures for the benchmarks in `benches/compare.rs` (run them with
//! `cargo xtask bench`).
//!
//! Everything here is deterministic: the same call always builds the same
//! bytes, so two runs (and the two sides of one comparison) measure the same
//! input. The JSON is shaped so that both `gradient`'s types and
//! async-openai's accept it (async-openai requires `object` on completions and
//! chunks, and `role` on response messages).

pub mod harness;

use serde_json::{json, Value};

/// A small deterministic pseudo-random generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed` (any value, zero included).
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const WORDS: &[&str] = &[
    "the",
    "model",
    "returns",
    "a",
    "stream",
    "of",
    "tokens",
    "and",
    "each",
    "one",
    "is",
    "decoded",
    "into",
    "typed",
    "chunks",
    "while",
    "latency",
    "matters",
    "café",
    "naïve",
    "résumé",
    "über",
    "日本",
    "😀",
    "\"quoted\"",
    "back\\slash",
    "tab\there",
    "new\nline",
    "json",
    "rust",
    "client",
    "generator",
    "openapi",
    "schema",
    "union",
    "request",
    "response",
    "fast",
];

/// `n` words of text drawn from a fixed vocabulary (with some non-ASCII and
/// characters that JSON must escape).
pub fn words(rng: &mut Rng, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    out
}

fn token_logprob(rng: &mut Rng, top: usize) -> Value {
    let token = format!(" {}", WORDS[rng.below(WORDS.len() as u64) as usize]);
    let bytes: Vec<u8> = token.as_bytes().to_vec();
    let top_logprobs: Vec<Value> = (0..top)
        .map(|_| {
            let t = format!(" {}", WORDS[rng.below(WORDS.len() as u64) as usize]);
            json!({
                "token": t,
                "logprob": -(rng.unit() * 12.0),
                "bytes": t.as_bytes(),
            })
        })
        .collect();
    json!({
        "token": token,
        "logprob": -(rng.unit() * 4.0),
        "bytes": bytes,
        "top_logprobs": top_logprobs,
    })
}

fn completion_value(choices: Vec<Value>) -> Value {
    json!({
        "id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
        "object": "chat.completion",
        "created": 1_741_569_952,
        "model": "llama3.3-70b-instruct",
        "system_fingerprint": "fp_b376dfbbd5",
        "service_tier": "default",
        "choices": choices,
        "usage": {
            "prompt_tokens": 1117,
            "completion_tokens": 46,
            "total_tokens": 1163,
            "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
            "completion_tokens_details": {
                "reasoning_tokens": 0,
                "audio_tokens": 0,
                "accepted_prediction_tokens": 0,
                "rejected_prediction_tokens": 0
            }
        }
    })
}

/// A chat completion of about 1 KB: one choice with a text answer.
pub fn small_completion() -> String {
    let mut rng = Rng::new(1);
    let choice = json!({
        "index": 0,
        "message": {
            "role": "assistant",
            "content": words(&mut rng, 80),
            "refusal": null,
            "annotations": []
        },
        "logprobs": null,
        "finish_reason": "stop"
    });
    serde_json::to_string(&completion_value(vec![choice])).expect("serializes")
}

/// A chat completion of at least `min_bytes`: as many choices as needed, each
/// with 200 tokens of logprobs (5 alternatives per token).
pub fn large_completion(min_bytes: usize) -> String {
    let mut rng = Rng::new(2);
    let mut choices = Vec::new();
    let mut size = serde_json::to_string(&completion_value(Vec::new()))
        .expect("serializes")
        .len();
    loop {
        let tokens: Vec<Value> = (0..200).map(|_| token_logprob(&mut rng, 5)).collect();
        let text: String = tokens
            .iter()
            .map(|t| t["token"].as_str().unwrap_or_default())
            .collect();
        choices.push(json!({
            "index": choices.len(),
            "message": {"role": "assistant", "content": text, "refusal": null},
            "logprobs": {"content": tokens, "refusal": null},
            "finish_reason": if choices.len() % 3 == 0 { "length" } else { "stop" }
        }));
        size += serde_json::to_string(&choices[choices.len() - 1])
            .expect("serializes")
            .len()
            + 1;
        if size >= min_bytes {
            return serde_json::to_string(&completion_value(choices)).expect("serializes");
        }
    }
}

/// `n` `chat.completion.chunk` payloads as an OpenAI-compatible server sends
/// them: a role delta, content deltas (every 50th a tool-call delta), a
/// finish chunk and a usage chunk with no choices.
pub fn chunk_payloads(n: usize) -> Vec<String> {
    let mut rng = Rng::new(3);
    let base = |choices: Value, usage: Value| {
        json!({
            "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
            "object": "chat.completion.chunk",
            "created": 1_741_570_283,
            "model": "llama3.3-70b-instruct",
            "system_fingerprint": "fp_b376dfbbd5",
            "choices": choices,
            "usage": usage,
        })
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let value = if i == 0 {
            base(
                json!([{"index": 0, "delta": {"role": "assistant", "content": "", "refusal": null}, "logprobs": null, "finish_reason": null}]),
                Value::Null,
            )
        } else if i == n - 1 {
            base(
                json!([]),
                json!({"prompt_tokens": 1117, "completion_tokens": n, "total_tokens": 1117 + n}),
            )
        } else if i == n - 2 {
            base(
                json!([{"index": 0, "delta": {}, "logprobs": null, "finish_reason": "stop"}]),
                Value::Null,
            )
        } else if i % 50 == 0 {
            let call = if i % 100 == 0 {
                json!({"index": 0, "id": format!("call_{i}"), "type": "function", "function": {"name": "get_weather", "arguments": ""}})
            } else {
                json!({"index": 0, "function": {"arguments": "{\"location\": \"Paris\"}"}})
            };
            base(
                json!([{"index": 0, "delta": {"tool_calls": [call]}, "logprobs": null, "finish_reason": null}]),
                Value::Null,
            )
        } else {
            let n_words = 1 + rng.below(3) as usize;
            let text = format!(" {}", words(&mut rng, n_words));
            base(
                json!([{"index": 0, "delta": {"content": text}, "logprobs": null, "finish_reason": null}]),
                Value::Null,
            )
        };
        out.push(serde_json::to_string(&value).expect("serializes"));
    }
    out
}

/// An SSE body carrying `payloads` as `data:` events (with an occasional
/// keep-alive comment), ended by `data: [DONE]`.
pub fn sse_body(payloads: &[String]) -> Vec<u8> {
    let mut body = Vec::new();
    for (i, payload) in payloads.iter().enumerate() {
        if i % 500 == 0 {
            body.extend_from_slice(b": keep-alive\n\n");
        }
        body.extend_from_slice(b"data: ");
        body.extend_from_slice(payload.as_bytes());
        body.extend_from_slice(b"\n\n");
    }
    body.extend_from_slice(b"data: [DONE]\n\n");
    body
}

/// Cuts `len` bytes into reads of 1 byte to 16 KiB, with sizes spread evenly
/// on a log scale (so 1-16 byte reads are as common as 1-16 KiB reads).
pub fn read_sizes(len: usize, seed: u64) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    let mut sizes = Vec::new();
    let mut left = len;
    while left > 0 {
        // 2^(0..=14): 1 byte to 16 KiB.
        let size = (2f64.powf(rng.unit() * 14.0)).round() as usize;
        let size = size.clamp(1, 16 * 1024).min(left);
        sizes.push(size);
        left -= size;
    }
    sizes
}

/// A chat completion request with `n` messages of every role (system,
/// developer, user with text, image and video-free content parts, assistant
/// with tool calls, tool results), two tools and a few sampling options: the
/// same JSON is decoded into each client's request type.
pub fn request_value(n: usize) -> Value {
    let mut rng = Rng::new(4);
    let mut messages =
        vec![json!({"role": "system", "content": "You are a helpful assistant. Answer briefly."})];
    let mut i = 1;
    while messages.len() < n {
        let msg = match i % 6 {
            0 => json!({"role": "developer", "content": [
                {"type": "text", "text": words(&mut rng, 12)}
            ]}),
            1 => json!({"role": "user", "content": words(&mut rng, 30)}),
            2 => json!({"role": "user", "content": [
                {"type": "text", "text": words(&mut rng, 20)},
                {"type": "image_url", "image_url": {"url": format!("https://example.com/img/{i}.png"), "detail": "high"}},
                {"type": "text", "text": words(&mut rng, 5)}
            ]}),
            3 => json!({"role": "assistant", "content": null, "tool_calls": [
                {"id": format!("call_{i}"), "type": "function", "function": {"name": "get_weather", "arguments": "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"}}
            ]}),
            4 => {
                json!({"role": "tool", "tool_call_id": format!("call_{}", i - 1), "content": "{\"temperature\":21,\"sky\":\"clear\"}"})
            }
            _ => json!({"role": "assistant", "content": words(&mut rng, 40)}),
        };
        messages.push(msg);
        i += 1;
    }
    json!({
        "model": "llama3.3-70b-instruct",
        "messages": messages,
        "temperature": 0.5,
        "top_p": 0.75,
        "max_completion_tokens": 512,
        "stream": true,
        "stream_options": {"include_usage": true},
        "tools": [
            {"type": "function", "function": {
                "name": "get_weather",
                "description": "Current weather for a city.",
                "parameters": {"type": "object", "properties": {
                    "location": {"type": "string"},
                    "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}
                }, "required": ["location"]}
            }},
            {"type": "function", "function": {
                "name": "search",
                "description": "Web search.",
                "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}
            }}
        ],
        "tool_choice": "auto"
    })
}

/// Removes `null` members from every object (so that two encoders that differ
/// only in writing or skipping absent optional fields compare equal).
pub fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

/// The spec `yaml` keeping its first `percent`% of `paths` (at least one) and
/// everything else (all of `components`) whole, with the number of paths kept.
///
/// Works on the text, so the rest of the document is kept byte for byte (a
/// YAML library would fail on, or rewrite, what the generator's lenient
/// loader accepts, e.g. integers beyond 64 bits). `paths` must be a block
/// mapping at the top level.
pub fn cut_spec(yaml: &str, percent: usize) -> Result<(String, usize), String> {
    let lines: Vec<&str> = yaml.split_inclusive('\n').collect();
    let top_level =
        |line: &str| !line.starts_with([' ', '\t', '#', '\n', '\r']) && !line.trim().is_empty();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == "paths:")
        .ok_or("no top-level `paths:` block mapping")?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| top_level(l))
        .map_or(lines.len(), |i| start + 1 + i);
    let body = &lines[start + 1..end];
    let indent_of = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let is_entry_line = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    };
    let indent = body
        .iter()
        .find(|l| is_entry_line(l))
        .map(|l| indent_of(l))
        .ok_or("`paths` is empty")?;
    // Line numbers (in `body`) where each path entry starts.
    let entries: Vec<usize> = body
        .iter()
        .enumerate()
        .filter(|(_, l)| is_entry_line(l) && indent_of(l) == indent)
        .map(|(i, _)| i)
        .collect();
    let keep = (entries.len() * percent)
        .div_ceil(100)
        .clamp(1, entries.len());
    let cut = entries.get(keep).copied().unwrap_or(body.len());
    let mut out = String::with_capacity(yaml.len());
    lines[..=start].iter().for_each(|l| out.push_str(l));
    body[..cut].iter().for_each(|l| out.push_str(l));
    lines[end..].iter().for_each(|l| out.push_str(l));
    Ok((out, keep))
}

/// The floor for generation: the file parsed by serde_yaml into a
/// `serde_yaml::Value` tree. `serde_yaml::Value` itself rejects integers beyond
/// 64 bits (the OpenAI spec has `minimum: -9223372036854776000`), so this
/// builds the same tree through a visitor that takes those as floats, as the
/// generator's loader must too.
pub struct YamlTree(pub serde_yaml::Value);

impl<'de> serde::Deserialize<'de> for YamlTree {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor).map(YamlTree)
    }
}

struct TreeVisitor;

impl<'de> serde::de::Visitor<'de> for TreeVisitor {
    type Value = serde_yaml::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok((v as f64).into())
    }
    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok((v as f64).into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(YamlTree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_yaml::Value::Sequence(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_yaml::Mapping::with_capacity(map.size_hint().unwrap_or(0));
        while let Some((YamlTree(k), YamlTree(v))) = map.next_entry()? {
            out.insert(k, v);
        }
        Ok(serde_yaml::Value::Mapping(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        use serde::de::VariantAccess as _;
        let (YamlTree(_tag), variant) = data.variant()?;
        variant.newtype_variant::<YamlTree>().map(|t| t.0)
    }
}

/// A spec of `operations` small operations, for the width series: half of them are
/// top-level resources of their own, half sit under 50 shared groups; each has a path
/// and a query parameter and returns a small inline object. Deterministic.
pub fn wide_spec(operations: usize) -> String {
    let mut out = String::from("openapi: 3.0.0\ninfo: {title: wide, version: '1'}\npaths:\n");
    for i in 0..operations {
        let path = if i % 2 == 0 {
            format!("res{i}")
        } else {
            format!("grp{}/op{i}", i % 50)
        };
        out.push_str(&format!(
            "  /{path}/{{id}}:\n    get:\n      operationId: getThing{i}\n      \
             parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}, \
             {{name: limit, in: query, schema: {{type: integer}}}}]\n      \
             responses: {{'200': {{description: ok, content: {{application/json: {{schema: \
             {{type: object, properties: {{name: {{type: string}}, n{i}: {{type: integer}}}}}}}}}}}}}}\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let small = small_completion();
        assert!((700..1500).contains(&small.len()), "{}", small.len());
        let large = large_completion(1 << 20);
        assert!((1 << 20..(1 << 20) + 200_000).contains(&large.len()));
        let sizes = read_sizes(100_000, 7);
        assert_eq!(sizes.iter().sum::<usize>(), 100_000);
        assert!(sizes.iter().all(|&s| (1..=16384).contains(&s)));
        assert!(sizes.contains(&1));
        assert_eq!(
            request_value(100)["messages"].as_array().unwrap().len(),
            100
        );
    }

    #[test]
    fn cut() {
        let spec = "openapi: 3.1.0\npaths:\n  # c\n  /a: {}\n  /b:\n    get: {}\n  /c: {}\n  /d: {}\ncomponents:\n  schemas:\n    X: {type: string}\n";
        let (text, n) = cut_spec(spec, 50).unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            text,
            "openapi: 3.1.0\npaths:\n  # c\n  /a: {}\n  /b:\n    get: {}\ncomponents:\n  schemas:\n    X: {type: string}\n"
        );
        assert_eq!(cut_spec(spec, 10).unwrap().1, 1);
        assert_eq!(cut_spec(spec, 100).unwrap(), (spec.to_string(), 4));
    }
}
