//! Folding streamed JSON chunks into one complete value.
//!
//! Streaming APIs send a response as many partial chunks. [`Accumulator`]
//! merges them back into one document using a few generic
//! [`AccumulateRules`], without knowing any field names of the API:
//!
//! * objects merge key by key; `null` never overwrites anything;
//! * arrays whose elements are objects carrying the index key (e.g. `index`)
//!   merge element-wise by that index; other arrays are replaced, except that
//!   an empty array never replaces a non-empty one;
//! * strings anywhere below a key listed in `concat_under` (e.g. `delta`) are
//!   appended to, except those under a key listed in `replace_keys` (e.g.
//!   `role`, `id`), which are replaced;
//! * everything else is replaced by the latest value.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::error::Error;

/// How streamed chunks are folded together; generated from the API's
/// streaming conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccumulateRules {
    /// Key that identifies an array element across chunks (e.g. `"index"`).
    pub index_key: &'static str,
    /// Strings found anywhere below one of these keys are concatenated.
    pub concat_under: &'static [&'static str],
    /// Below a `concat_under` key, strings under these keys are replaced
    /// instead of concatenated.
    pub replace_keys: &'static [&'static str],
}

impl AccumulateRules {
    /// The rules of the API this crate was generated for.
    pub fn for_this_api() -> Self {
        crate::settings::ACCUMULATE
    }
}

/// Folds a sequence of JSON chunks into one value.
///
/// ```
/// use auth_client::{AccumulateRules, Accumulator};
/// use serde_json::json;
///
/// let rules = AccumulateRules {
///     index_key: "index",
///     concat_under: &["delta"],
///     replace_keys: &["role"],
/// };
/// let mut acc = Accumulator::new(rules);
/// acc.push(json!({"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hel"}}]}));
/// acc.push(json!({"choices": [{"index": 0, "delta": {"content": "lo"}, "finish_reason": null}]}));
/// acc.push(json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}));
/// assert_eq!(
///     acc.value(),
///     &json!({"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Hello"}, "finish_reason": "stop"}]})
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Accumulator {
    rules: AccumulateRules,
    value: Value,
    chunks: usize,
}

impl Accumulator {
    /// An empty accumulator.
    pub fn new(rules: AccumulateRules) -> Self {
        Accumulator {
            rules,
            value: Value::Null,
            chunks: 0,
        }
    }

    /// Folds one chunk in.
    pub fn push(&mut self, chunk: Value) {
        self.chunks += 1;
        merge(&mut self.value, chunk, None, false, &self.rules);
    }

    /// How many chunks were folded in.
    pub fn chunks(&self) -> usize {
        self.chunks
    }

    /// The value accumulated so far (`null` before the first chunk).
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The accumulated value.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// Decodes the accumulated value into `T`.
    pub fn decode<T: DeserializeOwned>(self) -> Result<T, Error> {
        if self.chunks == 0 {
            return Err(Error::Stream {
                message: "the stream ended before any data was received".into(),
                event: None,
                body: None,
            });
        }
        super::decode::from_value(self.value)
    }
}

/// Merges `new` into `acc`. `key` is the key under which both live, and
/// `concat` whether some ancestor key is listed in `concat_under`.
fn merge(acc: &mut Value, new: Value, key: Option<&str>, concat: bool, rules: &AccumulateRules) {
    match (acc, new) {
        (_, Value::Null) => {}
        (acc @ Value::Null, new) => *acc = new,
        (Value::Object(acc), Value::Object(new)) => merge_objects(acc, new, concat, rules),
        (Value::String(acc), Value::String(new)) => {
            let replace = key.is_some_and(|k| rules.replace_keys.contains(&k));
            if concat && !replace {
                acc.push_str(&new);
            } else {
                *acc = new;
            }
        }
        (Value::Array(acc), Value::Array(new)) => {
            if new.is_empty() {
                return;
            }
            if is_indexed(&new, rules) && acc.iter().all(|v| index_of(v, rules).is_some()) {
                for item in new {
                    let idx = index_of(&item, rules);
                    match acc.iter_mut().find(|v| index_of(v, rules) == idx) {
                        Some(existing) => merge(existing, item, key, concat, rules),
                        None => acc.push(item),
                    }
                }
            } else {
                *acc = new;
            }
        }
        (acc, new) => *acc = new,
    }
}

fn merge_objects(
    acc: &mut Map<String, Value>,
    new: Map<String, Value>,
    concat: bool,
    rules: &AccumulateRules,
) {
    for (k, v) in new {
        let child_concat = concat || rules.concat_under.contains(&k.as_str());
        match acc.get_mut(&k) {
            Some(existing) => merge(existing, v, Some(&k), child_concat, rules),
            None => {
                acc.insert(k, v);
            }
        }
    }
}

fn index_of(v: &Value, rules: &AccumulateRules) -> Option<i64> {
    v.as_object()?.get(rules.index_key)?.as_i64()
}

fn is_indexed(items: &[Value], rules: &AccumulateRules) -> bool {
    items.iter().all(|v| index_of(v, rules).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RULES: AccumulateRules = AccumulateRules {
        index_key: "index",
        concat_under: &["delta"],
        replace_keys: &["role", "type", "id"],
    };

    fn fold(chunks: Vec<Value>) -> Value {
        let mut acc = Accumulator::new(RULES);
        for c in chunks {
            acc.push(c);
        }
        acc.into_value()
    }

    #[test]
    fn chat_style_chunks_fold_into_one_message() {
        let chunks = vec![
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"Think"},"finish_reason":null}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"reasoning_content":"ing."},"finish_reason":null}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":null}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"ci"}}]}}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\":\"Paris\"}"}}]}}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}),
            json!({"id":"c1","object":"chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":5}}),
        ];
        let out = fold(chunks);
        assert_eq!(
            out,
            json!({"id":"c1","object":"chunk","created":1,"model":"m",
                "choices":[{"index":0,"delta":{
                    "role":"assistant",
                    "content":"Hello",
                    "reasoning_content":"Thinking.",
                    "tool_calls":[
                        {"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                        {"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{}"}}
                    ]},
                    "finish_reason":"tool_calls"}],
                "usage":{"prompt_tokens":3,"completion_tokens":5}})
        );
    }

    #[test]
    fn multiple_choices_by_index_in_any_order() {
        let out = fold(vec![
            json!({"choices":[{"index":1,"delta":{"content":"B"}},{"index":0,"delta":{"content":"A"}}]}),
            json!({"choices":[{"index":0,"delta":{"content":"a"}}]}),
            json!({"choices":[{"index":1,"delta":{"content":"b"}}]}),
        ]);
        assert_eq!(
            out,
            json!({"choices":[{"index":1,"delta":{"content":"Bb"}},{"index":0,"delta":{"content":"Aa"}}]})
        );
    }

    #[test]
    fn null_never_overwrites() {
        let out = fold(vec![
            json!({"a":"x","d":{"delta":1}, "delta": {"refusal": "no"}}),
            json!({"a":null,"d":null,"delta":{"refusal":null},"n":null}),
        ]);
        assert_eq!(
            out,
            json!({"a":"x","d":{"delta":1},"delta":{"refusal":"no"},"n":null})
        );
    }

    #[test]
    fn strings_outside_concat_are_replaced() {
        let out = fold(vec![
            json!({"model":"a","delta":{"type":"text","id":"1","role":"r","x":{"y":"p"}}}),
            json!({"model":"b","delta":{"type":"text","id":"2","role":"r","x":{"y":"q"}}}),
        ]);
        assert_eq!(
            out,
            json!({"model":"b","delta":{"type":"text","id":"2","role":"r","x":{"y":"pq"}}})
        );
    }

    #[test]
    fn other_values_replaced() {
        let out = fold(vec![
            json!({"n":1,"b":true,"arr":[1,2],"obj":{"k":1},"s":"x"}),
            json!({"n":2,"b":false,"arr":[3],"obj":5,"s":{"now":"object"}}),
        ]);
        assert_eq!(
            out,
            json!({"n":2,"b":false,"arr":[3],"obj":5,"s":{"now":"object"}})
        );
        // Empty arrays keep what was there.
        let out = fold(vec![json!({"arr":[1]}), json!({"arr":[]})]);
        assert_eq!(out, json!({"arr":[1]}));
        // Indexed arrays against a plain one: replaced.
        let out = fold(vec![json!({"arr":[1]}), json!({"arr":[{"index":0}]})]);
        assert_eq!(out, json!({"arr":[{"index":0}]}));
    }

    #[test]
    fn top_level_non_objects() {
        assert_eq!(fold(vec![json!(1), json!(2)]), json!(2));
        assert_eq!(fold(vec![json!({"a":1}), json!(null)]), json!({"a":1}));
        assert_eq!(fold(vec![]), Value::Null);
    }

    #[test]
    fn decode_result() {
        #[derive(Debug, serde::Deserialize)]
        struct Out {
            delta: Inner,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Inner {
            content: String,
        }
        let mut acc = Accumulator::new(RULES);
        acc.push(json!({"delta":{"content":"a"}}));
        acc.push(json!({"delta":{"content":"b"}}));
        assert_eq!(acc.chunks(), 2);
        assert_eq!(acc.decode::<Out>().unwrap().delta.content, "ab");
        let err = Accumulator::new(RULES).decode::<Out>().unwrap_err();
        assert!(matches!(err, Error::Stream { .. }), "{err:?}");
        let mut acc = Accumulator::new(RULES);
        acc.push(json!({"delta":{"content":1}}));
        match acc.decode::<Out>().unwrap_err() {
            Error::Decode { path, .. } => assert_eq!(path, "delta.content"),
            other => panic!("{other:?}"),
        }
    }
}
