// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! JSON decoding with useful errors.
//!
//! Decoding first runs the crate's own JSON reader (`runtime/json_read.rs`, fast);
//! only when it declines is the document decoded again, through serde_json and
//! `serde_path_to_error`, which either decodes it or says *where* it failed. Streamed
//! payloads are also checked for a top-level `error` key while they are decoded, without
//! parsing them twice.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::error::Error;
use super::json_read::{self, Reader};
use super::serde_support::with_str_keys;

fn clean_path(path: String) -> String {
    if path == "." {
        String::new()
    } else {
        path
    }
}

/// Decodes a document the fast reader declined: serde_json either decodes it (the reader
/// declines some valid documents) or says where it failed.
#[cold]
fn slow_path<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    // Keys as bytes first, as the generated decoders read them: what serde_json alone
    // accepts (a raw control character in a key, say) still decodes.
    let first = tracked::<T>(bytes);
    if first.is_ok() {
        return first;
    }
    // Keys as strings, which `serde_path_to_error` records, for the path to the fault.
    match with_str_keys(|| tracked::<T>(bytes)) {
        Err(located) => Err(located),
        Ok(_) => first,
    }
}

/// serde_json's decode of `bytes`, with the path to the value at fault when it fails.
fn tracked<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => Err(Error::decode(
            clean_path(e.path().to_string()),
            e.inner().to_string(),
        )),
        Ok(value) => match de.end() {
            Err(e) => Err(Error::decode("", e.to_string())),
            Ok(()) => Ok(value),
        },
    }
}

/// Decodes a JSON document the way the client decodes a response body: a webhook's
/// payload, say, or a response that was stored.
///
/// An empty body decodes like `null`, so `()` and `Option<_>` work for responses without
/// content. A document that is not a `T` gives [`Error::Decode`] with the path to the
/// value at fault.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    // The whole text is checked as UTF-8 once, so strings are then read as text.
    if let Some(text) = super::utf8::from_utf8(bytes) {
        if let Ok(value) = super::field_read::from_text(|| json_read::decode(text)) {
            return Ok(value);
        }
    }
    slow_path(bytes)
}

/// Decodes an already parsed JSON value into `T`, with a path on failure.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, Error> {
    with_str_keys(|| serde_path_to_error::deserialize::<_, T>(value))
        .map_err(|e| Error::decode(clean_path(e.path().to_string()), e.inner().to_string()))
}

/// Whether a parsed payload is an error report: a JSON object whose
/// top-level `error` key is present and not `null`.
pub(crate) fn is_error_payload(value: &Value) -> bool {
    value.get("error").is_some_and(|e| !e.is_null())
}

/// Decodes one streamed payload (an SSE event's data or an NDJSON line).
///
/// A JSON object with a non-null top-level `error` key becomes
/// [`Error::Stream`], whether or not it would also decode as `T`.
pub(crate) fn decode_payload<T: DeserializeOwned>(
    data: &str,
    event: Option<&str>,
) -> Result<T, Error> {
    let saw_error_key = Cell::new(false);
    // `from_text`: the text is known to be UTF-8, so the text fields do not check it again.
    let mut reader = Reader::new(data);
    let result = super::field_read::from_text(|| {
        T::deserialize(TopLevel {
            de: &mut reader,
            saw: &saw_error_key,
        })
    })
    .and_then(|v| reader.end().map(|()| v));
    match result {
        Ok(v) if !saw_error_key.get() => Ok(v),
        result => {
            // Rare path: an error report, or a payload that is not a `T`.
            if let Ok(value) = serde_json::from_str::<Value>(data) {
                if is_error_payload(&value) {
                    return Err(Error::stream_error(event, Some(value), data));
                }
            }
            result.or_else(|_| slow_path(data.as_bytes()).map_err(|e| e.with_body(data.as_bytes())))
        }
    }
}

// ---------------------------------------------------------------------------
// A transparent deserializer wrapper that notes whether the top-level object
// has a key named `error`. Everything is forwarded unchanged; only the keys of
// the outermost map are looked at.

struct TopLevel<'s, D> {
    de: D,
    saw: &'s Cell<bool>,
}

struct KeyOf<'s, D> {
    de: D,
    saw: &'s Cell<bool>,
}

struct TopVisitor<'s, V> {
    inner: V,
    saw: &'s Cell<bool>,
}

struct KeyVisitor<'s, V> {
    inner: V,
    saw: &'s Cell<bool>,
}

struct TopMap<'s, A> {
    map: A,
    saw: &'s Cell<bool>,
}

struct KeySeed<'s, K> {
    seed: K,
    saw: &'s Cell<bool>,
}

macro_rules! forward_deserialize {
    ($wrap:ident) => {
        forward_deserialize!(@methods $wrap;
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16();
            deserialize_i32(); deserialize_i64(); deserialize_i128(); deserialize_u8();
            deserialize_u16(); deserialize_u32(); deserialize_u64(); deserialize_u128();
            deserialize_f32(); deserialize_f64(); deserialize_char(); deserialize_str();
            deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
            deserialize_option(); deserialize_unit(); deserialize_seq(); deserialize_map();
            deserialize_identifier(); deserialize_ignored_any();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        );
    };
    (@methods $wrap:ident; $($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            #[inline]
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.de.$method($($arg,)* $wrap { inner: visitor, saw: self.saw })
            }
        )*
        fn is_human_readable(&self) -> bool {
            self.de.is_human_readable()
        }
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TopLevel<'_, D> {
    type Error = D::Error;
    forward_deserialize!(TopVisitor);
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyOf<'_, D> {
    type Error = D::Error;
    forward_deserialize!(KeyVisitor);
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty);)*) => {
        $(
            #[inline]
            fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
                self.inner.$method(v)
            }
        )*
    };
}

macro_rules! forward_visit_common {
    () => {
        forward_visit! {
            visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
            visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
            visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        }
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.inner.expecting(f)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.inner.visit_none()
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.inner.visit_unit()
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            self.inner.visit_some(d)
        }
        fn visit_newtype_struct<D2: Deserializer<'de>>(
            self,
            d: D2,
        ) -> Result<Self::Value, D2::Error> {
            self.inner.visit_newtype_struct(d)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            self.inner.visit_seq(seq)
        }
        fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
            self.inner.visit_enum(data)
        }
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TopVisitor<'_, V> {
    type Value = V::Value;
    forward_visit_common!();
    forward_visit! { visit_str(&str); visit_borrowed_str(&'de str); visit_string(String); }
    forward_visit! { visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>); }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(TopMap { map, saw: self.saw })
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;
    forward_visit_common!();

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.note(v);
        self.inner.visit_str(v)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        self.note(v);
        self.inner.visit_borrowed_str(v)
    }

    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.note(&v);
        self.inner.visit_string(v)
    }

    // Generated types read keys as bytes (`serde_support::Key`), so these are noted too.
    #[inline]
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        self.note_bytes(v);
        self.inner.visit_bytes(v)
    }

    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        self.note_bytes(v);
        self.inner.visit_borrowed_bytes(v)
    }

    #[inline]
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Self::Value, E> {
        self.note_bytes(&v);
        self.inner.visit_byte_buf(v)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(map)
    }
}

impl<V> KeyVisitor<'_, V> {
    #[inline]
    fn note(&self, key: &str) {
        self.note_bytes(key.as_bytes());
    }

    #[inline]
    fn note_bytes(&self, key: &[u8]) {
        if key == b"error" {
            self.saw.set(true);
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for TopMap<'_, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(KeySeed {
            seed,
            saw: self.saw,
        })
    }

    #[inline]
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<K::Value, D::Error> {
        self.seed.deserialize(KeyOf { de, saw: self.saw })
    }
}
