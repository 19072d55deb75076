//! Looking a key up in a loaded tree's mapping without hashing it.
//!
//! `serde_yaml`'s `Mapping` hashes every key it is asked for with SipHash, which was
//! the largest single cost of lowering (a schema is asked for a dozen keywords,
//! most of them absent). Schema objects hold a handful of keys, so comparing the
//! key with each entry's text is cheaper; large mappings (components, paths) still
//! use the hash index. The answer is the same either way: every key of a loaded
//! tree is a string (its source text) and a mapping has no duplicate keys.

use serde_yaml::{Mapping, Value};

/// Up to this many entries a mapping is scanned; above it, hashed.
const SCAN_LIMIT: usize = 12;

/// [`Value::get`] for a string key, faster on small mappings.
pub trait Lookup {
    /// The value under `key` when `self` is a mapping that has it.
    fn key(&self, key: &str) -> Option<&Value>;
}

impl Lookup for Value {
    #[inline]
    fn key(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Mapping(map) => map.key(key),
            Value::Tagged(tagged) => tagged.value.key(key),
            _ => None,
        }
    }
}

impl Lookup for Mapping {
    #[inline]
    fn key(&self, key: &str) -> Option<&Value> {
        if self.len() > SCAN_LIMIT {
            return self.get(key);
        }
        self.iter().find_map(|(k, v)| match k {
            Value::String(k) if k == key => Some(v),
            // A key that is not a string never equals a string key (the hash
            // index treats it the same way).
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(n: usize) -> Value {
        let mut map = Mapping::new();
        for i in 0..n {
            map.insert(Value::String(format!("k{i}")), Value::from(i as u64));
        }
        map.insert(Value::from(7u64), Value::from("number key"));
        Value::Mapping(map)
    }

    #[test]
    fn key_agrees_with_get_on_small_and_large_mappings() {
        for n in [0, 1, SCAN_LIMIT - 1, SCAN_LIMIT, SCAN_LIMIT + 1, 40] {
            let value = mapping(n);
            for probe in ["k0", "k5", "k11", "k12", "k39", "missing", "7", ""] {
                assert_eq!(
                    value.key(probe),
                    value.get(probe),
                    "{n} entries, key {probe}"
                );
            }
        }
    }

    #[test]
    fn key_of_a_non_mapping_is_none() {
        assert_eq!(Value::from("text").key("a"), None);
        assert_eq!(Value::Null.key("a"), None);
        assert_eq!(Value::Sequence(vec![]).key("0"), None);
    }
}
