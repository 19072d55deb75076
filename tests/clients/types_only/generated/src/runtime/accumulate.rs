// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
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
/// use types_only_client::{AccumulateRules, Accumulator};
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
