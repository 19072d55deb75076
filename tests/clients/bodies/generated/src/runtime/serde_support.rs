// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Small helpers the generated `Serialize`/`Deserialize` impls share.

// Not every API needs every helper (no tagged variants without their tag, no path
// parameters, ...), and the runtime is the same for all of them.
#![allow(dead_code)]

#[allow(unused_imports)]
pub(crate) use super::json_macros::{json_enum, json_object};
#[allow(unused_imports)]
pub(crate) use super::json_unions::{json_tagged, json_untagged};

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};

use super::extra::Extra;
use serde::ser::{Error as _, SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a struct keeps the properties its spec does not name: [`Extra`] (JSON text), or a
/// map of the spec's `additionalProperties` type. A trait so that the generated decoder need
/// not spell the map's type: it follows from the struct's `extra` field.
pub(crate) trait ExtraMap<'de>: Default {
    /// Reads the value of the unknown property `key` from `map` and keeps it.
    fn read_entry<A: MapAccess<'de>>(&mut self, key: Key<'de>, map: &mut A)
        -> Result<(), A::Error>;
}

impl<'de> ExtraMap<'de> for Extra {
    fn read_entry<A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        Extra::read_entry(self, key.to_str()?, map)
    }
}

impl<'de, T: Deserialize<'de>> ExtraMap<'de> for std::collections::BTreeMap<String, T> {
    fn read_entry<A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        self.insert(key.into_owned()?, map.next_value()?);
        Ok(())
    }
}

/// An object key, borrowed from the input when it has no escapes.
///
/// Read as bytes, not as a string: serde_json then hands over the key's (unescaped) bytes
/// without checking that they are UTF-8, which is most of the cost of reading a short key.
/// A known key is compared byte for byte, so only an unknown key, kept in `extra`, needs
/// the check ([`Key::into_owned`]).
pub(crate) struct Key<'de>(Cow<'de, [u8]>);

impl Key<'_> {
    /// The key's bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The key as an owned string, for storing unknown properties; an error when the key is
    /// not UTF-8 (a lone surrogate escape, say), as reading it as a string would have been.
    pub(crate) fn into_owned<E: de::Error>(self) -> Result<String, E> {
        let bytes = self.0.into_owned();
        String::from_utf8(bytes).map_err(|_| E::custom("an object key is not valid UTF-8"))
    }

    /// The key as a string slice, with the same check as [`Key::into_owned`].
    pub(crate) fn to_str<E: de::Error>(&self) -> Result<&str, E> {
        std::str::from_utf8(&self.0).map_err(|_| E::custom("an object key is not valid UTF-8"))
    }
}

/// How many decodes are running with keys read as strings ([`with_str_keys`]). A global
/// counter, not a thread-local, because reading it costs one load per key: a decode on
/// another thread that sees it set reads its keys as strings too, which is slower but
/// gives the same result.
static STR_KEYS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Runs `decode` with object keys read as strings, not bytes: `serde_path_to_error`, which
/// finds where a document failed, records only keys it sees as strings.
pub(crate) fn with_str_keys<R>(decode: impl FnOnce() -> R) -> R {
    use std::sync::atomic::Ordering::Relaxed;
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            STR_KEYS.fetch_sub(1, Relaxed);
        }
    }
    STR_KEYS.fetch_add(1, Relaxed);
    let _restore = Restore;
    decode()
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object key")
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_vec())))
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
    // Deserializers other than serde_json's reader (a `Value`, buffered content) give
    // keys as strings.
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v.as_bytes())))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.as_bytes().to_vec())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.into_bytes())))
    }
}

/// A key read as a string, for [`with_str_keys`]; kept out of line so that the common
/// path stays small.
#[cold]
#[inline(never)]
fn str_key<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Key<'de>, D::Error> {
    deserializer.deserialize_str(KeyVisitor)
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if STR_KEYS.load(std::sync::atomic::Ordering::Relaxed) != 0 {
            return str_key(deserializer);
        }
        deserializer.deserialize_bytes(KeyVisitor)
    }
}

/// Reads the value of a constant property: `None` when it is the expected value (a
/// matching string is compared where it lies, without allocating), otherwise the value
/// that was received, to be kept.
pub(crate) struct Expect<T>(pub T);

impl<'de> de::DeserializeSeed<'de> for Expect<&str> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        struct ExpectStr<'a>(&'a str);
        impl<'de> Visitor<'de> for ExpectStr<'_> {
            type Value = Option<Value>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:?}", self.0)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Value>, E> {
                Ok((v != self.0).then(|| Value::String(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Value>, E> {
                Ok(Some(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Value>, E> {
                Ok(Some(Value::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Value>, E> {
                Ok(Some(Value::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Value>, E> {
                Ok(Some(Value::from(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<Value>, E> {
                Ok(Some(Value::Null))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Option<Value>, A::Error> {
                Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Some)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Option<Value>, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
            }
        }
        deserializer.deserialize_any(ExpectStr(self.0))
    }
}

macro_rules! expect_scalar {
    ($($ty:ty),*) => {$(
        impl<'de> de::DeserializeSeed<'de> for Expect<$ty> {
            type Value = Option<Value>;

            fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
                let value = Value::deserialize(deserializer)?;
                Ok((value != self.0).then_some(value))
            }
        }
    )*};
}

expect_scalar!(i64, bool);

/// Decodes a buffered JSON value as one variant of a union, naming the variant on failure.
pub(crate) fn decode<T: DeserializeOwned, E: de::Error>(
    value: Value,
    variant: &str,
) -> Result<T, E> {
    serde_json::from_value(value).map_err(|err| E::custom(format_args!("as {variant}: {err}")))
}

/// `value` without the property `key` (when it is an object).
pub(crate) fn without_key(mut value: Value, key: &str) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.remove(key);
    }
    value
}

/// Whether `value` is an object holding every one of `keys`.
pub(crate) fn has_keys(value: &Value, keys: &[&str]) -> bool {
    value
        .as_object()
        .is_some_and(|object| keys.iter().all(|key| object.contains_key(*key)))
}

/// Serializes `value` (an object) with `tag: tag_value` added, for union variants whose
/// own type does not carry the tag.
pub(crate) fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    tag_value: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let Value::Object(object) = serde_json::to_value(value).map_err(S::Error::custom)? else {
        return Err(S::Error::custom(
            "a tagged union variant must serialize as an object",
        ));
    };
    let mut map = serializer.serialize_map(Some(object.len() + 1))?;
    map.serialize_entry(tag, tag_value)?;
    for (key, value) in &object {
        if key != tag {
            map.serialize_entry(key, value)?;
        }
    }
    map.end()
}

/// Renders a parameter value for a URL: strings as they are, arrays comma-joined.
pub(crate) fn param_text<T: Serialize + ?Sized>(value: &T) -> String {
    fn text(value: &Value) -> String {
        match value {
            Value::String(s) => s.clone(),
            Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
    serde_json::to_value(value)
        .map(|v| text(&v))
        .unwrap_or_default()
}
