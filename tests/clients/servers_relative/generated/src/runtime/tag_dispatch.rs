// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Decoding a tagged union without a `serde_json::Value` tree: the object is kept as
//! JSON text, its tag is found by a scan that skips every other value, and the variant
//! is decoded from the text directly. Building a `Value` first (a map, a string per key
//! and per string value) and decoding again from it cost about as much as the decode.

// An API may have no tagged unions.
#![allow(dead_code)]

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde_json::value::RawValue;

use super::serde_support::Key;

/// The object's text, as received (one copy, no parse tree).
pub(crate) fn object_text<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Box<RawValue>, D::Error> {
    <Box<RawValue> as de::Deserialize>::deserialize(deserializer)
}

/// The string value of the top-level property `tag` of the JSON text `raw`, or `None`
/// when `raw` is not an object, has no such property, or its value is not a string.
pub(crate) fn find_tag<'a>(raw: &'a RawValue, tag: &str) -> Option<Cow<'a, str>> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    de::Deserializer::deserialize_any(&mut de, FindTag { tag }).unwrap_or(None)
}

/// Decodes the variant `T` from `raw`; `skip` names a property the variant must not see
/// (a tag the union writes, which would otherwise land in the variant's `extra`).
pub(crate) fn decode_variant<T: DeserializeOwned, E: de::Error>(
    raw: &RawValue,
    label: &str,
    skip: Option<&str>,
) -> Result<T, E> {
    let mut de = serde_json::Deserializer::from_str(raw.get());
    let decoded = match skip {
        Some(key) => T::deserialize(WithoutKey {
            inner: &mut de,
            key,
        }),
        None => T::deserialize(&mut de),
    };
    decoded.map_err(|err| E::custom(format_args!("as {label}: {err}")))
}

/// A value with an unknown tag, kept whole.
pub(crate) fn unknown_variant<E: de::Error>(raw: &RawValue) -> Result<serde_json::Value, E> {
    serde_json::from_str(raw.get()).map_err(E::custom)
}

struct FindTag<'t> {
    tag: &'t str,
}

impl<'de> Visitor<'de> for FindTag<'_> {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if found.is_none() && key.as_bytes() == self.tag.as_bytes() {
                found = map.next_value::<TagValue<'de>>()?.0;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    // Any other JSON value has no tag.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A tag's value: the string, borrowed when it has no escapes; `None` for a non-string.
struct TagValue<'de>(Option<Cow<'de, str>>);

impl<'de> de::Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TagValue<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a tag")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Owned(v.to_string()))))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A deserializer that hides one top-level property of an object from what it decodes.
struct WithoutKey<'k, D> {
    inner: D,
    key: &'k str,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for WithoutKey<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let key = self.key;
        self.inner.deserialize_any(Hide { visitor, key })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let key = self.key;
        self.inner.deserialize_map(Hide { visitor, key })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct struct enum identifier
        ignored_any
    }
}

struct Hide<'k, V> {
    visitor: V,
    key: &'k str,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Hide<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(HiddenKey { map, key: self.key })
    }
}

struct HiddenKey<'k, A> {
    map: A,
    key: &'k str,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for HiddenKey<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            if key.as_bytes() == self.key.as_bytes() {
                self.map.next_value::<IgnoredAny>()?;
                continue;
            }
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
