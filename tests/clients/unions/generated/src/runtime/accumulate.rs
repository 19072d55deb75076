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
//!
//! Chunks go in typed (`acc.push(&chunk)`) or as JSON. The folded value is
//! still shaped like a chunk; [`Accumulator::into_response`] reshapes it into
//! the operation's non-streaming response with the rules' `rename` and `set`
//! (e.g. `delta` becomes `message`), when the API's config gives them.

use serde::de::DeserializeOwned;
use serde::Serialize;
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
    /// For [`Accumulator::into_response`]: properties renamed at any depth
    /// (e.g. `("delta", "message")`).
    pub rename: &'static [(&'static str, &'static str)],
    /// For [`Accumulator::into_response`]: top-level properties set to these
    /// values, given as JSON text (e.g. `("object", "\"chat.completion\"")`).
    pub set: &'static [(&'static str, &'static str)],
    /// For [`Accumulator::into_response`]: properties removed anywhere below
    /// a `concat_under` key, where they only served folding (e.g. the
    /// `index` of each streamed list element).
    pub drop: &'static [&'static str],
}

impl AccumulateRules {
    /// No folding rules: objects merge, everything else is replaced.
    pub const NONE: AccumulateRules = AccumulateRules {
        index_key: "index",
        concat_under: &[],
        replace_keys: &[],
        rename: &[],
        set: &[],
        drop: &[],
    };

    /// The rules of the API this crate was generated for.
    pub fn for_this_api() -> Self {
        crate::settings::ACCUMULATE
    }
}

/// Folds a sequence of JSON chunks into one value.
///
/// ```
/// use unions_client::{AccumulateRules, Accumulator};
/// use serde_json::json;
///
/// let rules = AccumulateRules {
///     index_key: "index",
///     concat_under: &["delta"],
///     replace_keys: &["role"],
///     ..AccumulateRules::NONE
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
    /// The first chunk that could not be turned into JSON, reported by
    /// [`decode`](Self::decode) and [`into_response`](Self::into_response).
    failed: Option<String>,
}

impl Accumulator {
    /// An empty accumulator.
    pub fn new(rules: AccumulateRules) -> Self {
        Accumulator {
            rules,
            value: Value::Null,
            chunks: 0,
            failed: None,
        }
    }

    /// Folds one chunk in: a typed chunk as received from a stream
    /// (`acc.push(&chunk)`), or a `serde_json::Value`.
    pub fn push(&mut self, chunk: impl Serialize) {
        self.chunks += 1;
        match serde_json::to_value(chunk) {
            Ok(value) => merge(&mut self.value, value, None, false, &self.rules),
            Err(e) => {
                self.failed.get_or_insert_with(|| e.to_string());
            }
        }
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
        self.check()?;
        super::decode::from_value(self.value)
    }

    /// Reshapes the accumulated chunk into the non-streaming response (with
    /// the rules' `rename` and `set`) and decodes it as `R`, e.g. the type
    /// the operation's non-streaming method returns.
    pub fn into_response<R: DeserializeOwned>(self) -> Result<R, Error> {
        self.check()?;
        let mut value = self.value;
        drop_keys(&mut value, &self.rules, false, 0);
        rename_keys(&mut value, self.rules.rename, 0);
        if let Value::Object(map) = &mut value {
            for (key, json) in self.rules.set {
                let v = serde_json::from_str(json).unwrap_or(Value::Null);
                map.insert((*key).to_string(), v);
            }
        }
        super::decode::from_value(value)
    }

    fn check(&self) -> Result<(), Error> {
        if let Some(why) = &self.failed {
            return Err(Error::decode(
                "",
                format!("a chunk could not be folded: {why}"),
            ));
        }
        if self.chunks == 0 {
            return Err(Error::Stream {
                message: "the stream ended before any data was received".into(),
                event: None,
                body: None,
            });
        }
        Ok(())
    }
}

/// Removes the rules' `drop` keys below `concat_under` keys (`inside`: below one).
fn drop_keys(value: &mut Value, rules: &AccumulateRules, inside: bool, depth: usize) {
    if rules.drop.is_empty() || depth > 128 {
        return;
    }
    match value {
        Value::Object(map) => {
            if inside {
                map.retain(|k, _| !rules.drop.contains(&k.as_str()));
            }
            for (k, v) in map.iter_mut() {
                let below = inside || rules.concat_under.contains(&k.as_str());
                drop_keys(v, rules, below, depth + 1);
            }
        }
        Value::Array(items) => {
            for v in items {
                drop_keys(v, rules, inside, depth + 1);
            }
        }
        _ => {}
    }
}

/// Renames object keys at any depth (bounded, as the value came off the wire).
fn rename_keys(value: &mut Value, rename: &[(&str, &str)], depth: usize) {
    if rename.is_empty() || depth > 128 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (from, to) in rename {
                if let Some(v) = map.remove(*from) {
                    map.insert((*to).to_string(), v);
                }
            }
            for v in map.values_mut() {
                rename_keys(v, rename, depth + 1);
            }
        }
        Value::Array(items) => {
            for v in items {
                rename_keys(v, rename, depth + 1);
            }
        }
        _ => {}
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
