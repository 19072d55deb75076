// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! [`Extra`]: the properties of an object that its spec does not name. Decoding keeps them
//! as the JSON text they arrived in (copied, not parsed into `Value`s, which cost an
//! allocation per string, array and object, and as much again to drop); the text is parsed
//! into a map the first time the properties are looked at.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// Properties the spec does not describe, kept as received and sent back as given.
///
/// Reads and changes like the `serde_json::Map` it derefs to:
///
/// ```
/// use hostile_names::extra::Extra;
///
/// let mut extra = Extra::new();
/// extra.insert("vendor_flag".into(), serde_json::json!(true));
/// assert_eq!(extra["vendor_flag"], true);
/// assert_eq!(extra.get("other"), None);
/// ```
///
/// A decoded value holds the properties as JSON text until it is first looked at; that
/// first look parses it once.
#[derive(Default)]
pub struct Extra(Option<Box<Inner>>);

#[derive(Default, Clone)]
struct Inner {
    /// `{"key":value,...}` as received, while `map` is not set yet; empty when there is none.
    raw: Vec<u8>,
    /// The properties, once parsed; from then on the only copy.
    map: OnceLock<Map<String, Value>>,
}

/// The name under which serde_json hands over a value's text unparsed (its `RawValue`
/// protocol). With another deserializer, or a serde_json without that feature, the value
/// is transcoded to JSON text instead ([`Transcode`]), which gives the same text.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

impl Extra {
    /// No properties.
    pub fn new() -> Self {
        Extra(None)
    }

    /// Whether there are no properties (without parsing them).
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            None => true,
            Some(inner) => match inner.map.get() {
                Some(map) => map.is_empty(),
                None => inner.raw.is_empty(),
            },
        }
    }

    /// The properties as a map.
    pub fn as_map(&self) -> &Map<String, Value> {
        match &self.0 {
            None => empty(),
            Some(inner) => inner.map.get_or_init(|| parse(&inner.raw)),
        }
    }

    /// The properties as a map that can be changed.
    pub fn as_map_mut(&mut self) -> &mut Map<String, Value> {
        let inner = self.0.get_or_insert_with(Box::default);
        if inner.map.get().is_none() {
            let _ = inner.map.set(parse(&inner.raw));
            inner.raw = Vec::new();
        }
        inner.map.get_mut().expect("the map was set just above")
    }

    /// The properties, as a map of their own.
    pub fn into_map(self) -> Map<String, Value> {
        match self.0 {
            None => Map::new(),
            Some(inner) => {
                let Inner { raw, map } = *inner;
                map.into_inner().unwrap_or_else(|| parse(&raw))
            }
        }
    }

    /// Reads the value of the property `key` from `map` and keeps it as JSON text.
    // Not inlined: unknown properties are the rare path, and inlining it into every
    // generated decoder made the common path slower.
    #[inline(never)]
    pub(crate) fn read_entry<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let inner = self.0.get_or_insert_with(Box::default);
        if let Some(parsed) = inner.map.get_mut() {
            parsed.insert(key.to_owned(), map.next_value()?);
            return Ok(());
        }
        let raw = &mut inner.raw;
        open_entry(raw, key);
        map.next_value_seed(Capture(raw))?;
        raw.push(b'}');
        Ok(())
    }

    /// Keeps `value` under `key` (a constant property received with another value).
    // Only APIs with constant properties use it.
    #[allow(dead_code)]
    pub(crate) fn keep(&mut self, key: String, value: Value) {
        let inner = self.0.get_or_insert_with(Box::default);
        if let Some(parsed) = inner.map.get_mut() {
            parsed.insert(key, value);
            return;
        }
        let raw = &mut inner.raw;
        open_entry(raw, &key);
        // Writing a `Value` into a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut *raw, &value);
        raw.push(b'}');
    }
}

/// Appends `"key":` to the object text in `raw`, reopening it if it is closed.
fn open_entry(raw: &mut Vec<u8>, key: &str) {
    if raw.is_empty() {
        // Room for a few typical properties, so that appending rarely reallocates.
        raw.reserve(256);
        raw.push(b'{');
    } else {
        raw.pop(); // the closing `}`
        raw.push(b',');
    }
    if !needs_escape(key.as_bytes()) {
        // Nothing to escape (the usual key): copied as it is.
        raw.push(b'"');
        raw.extend_from_slice(key.as_bytes());
        raw.push(b'"');
    } else {
        // Writing a string into a `Vec` cannot fail.
        let _ = serde_json::to_writer(&mut *raw, key);
    }
    raw.push(b':');
}

/// Whether JSON must escape some byte of `text` (a control character, `"` or `\\`).
/// Eight bytes at a time: unknown keys are checked on every decode that keeps them.
fn needs_escape(text: &[u8]) -> bool {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    // A byte of `x` is zero: its high bit is set in `has_zero(x)` (no false positives
    // below the first zero byte, which is all an any-test needs).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = text.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        if control
            | has_zero(x ^ (ONES * u64::from(b'"')))
            | has_zero(x ^ (ONES * u64::from(b'\\')))
            != 0
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// The map `raw` holds. `raw` is JSON this module wrote, from values the deserializer
/// accepted, so it always parses; the empty map is only a fallback for the impossible case.
fn parse(raw: &[u8]) -> Map<String, Value> {
    if raw.is_empty() {
        return Map::new();
    }
    serde_json::from_slice(raw).unwrap_or_default()
}

fn empty() -> &'static Map<String, Value> {
    static EMPTY: OnceLock<Map<String, Value>> = OnceLock::new();
    EMPTY.get_or_init(Map::new)
}

/// Whether `text` may hold a `\u` escape of a UTF-16 surrogate (`\uD800`–`\uDFFF`): one
/// that is not part of a pair cannot be a Rust string, and must fail as `Value` would.
fn may_hold_surrogate(text: &[u8]) -> bool {
    // Most kept values are short and have no escape at all: a loop without an early exit
    // (which the compiler runs many bytes at a time) tells sooner than `memchr` is set up.
    if text.len() < 64 && !text.iter().fold(false, |found, &b| found | (b == b'\\')) {
        return false;
    }
    memchr::memchr_iter(b'\\', text).any(|at| {
        matches!(
            text.get(at + 1..at + 4),
            Some([b'u', b'd' | b'D', b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F'])
        )
    })
}

/// The scalar visits, shared by [`RawVisitor`] (a deserializer that ignores the raw-value
/// request) and [`Transcode`].
macro_rules! forward_scalars {
    () => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
            Transcode(self.0).visit_bool(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
            Transcode(self.0).visit_i64(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
            Transcode(self.0).visit_u64(v)
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<(), E> {
            Transcode(self.0).visit_i128(v)
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<(), E> {
            Transcode(self.0).visit_u128(v)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
            Transcode(self.0).visit_f64(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            Transcode(self.0).visit_str(v)
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
            Transcode(self.0).visit_bytes(v)
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Transcode(self.0).visit_unit()
        }
        fn visit_none<E: de::Error>(self) -> Result<(), E> {
            Transcode(self.0).visit_none()
        }
        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_any(Transcode(self.0))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
            Transcode(self.0).visit_seq(seq)
        }
    };
}

/// Reads one value and appends its JSON text to the buffer.
struct Capture<'a>(&'a mut Vec<u8>);

impl<'de> DeserializeSeed<'de> for Capture<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawVisitor(self.0))
    }
}

/// Takes serde_json's unparsed text of a value; any other answer is transcoded.
struct RawVisitor<'a>(&'a mut Vec<u8>);

impl<'de> Visitor<'de> for RawVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // serde_json's answer to the raw-value request: one entry, the token as its key and
        // the text as its value. A deserializer that answered with an actual object instead
        // goes on with that object's entries.
        let first = match map.next_key_seed(FirstKey)? {
            None => {
                self.0.extend_from_slice(b"{}");
                return Ok(());
            }
            Some(FirstKeyIs::Other(key)) => key,
            Some(FirstKeyIs::RawValueToken) => {
                let text: std::borrow::Cow<'de, str> = map.next_value_seed(Text)?;
                if may_hold_surrogate(text.as_bytes()) {
                    serde_json::from_str::<Value>(&text).map_err(de::Error::custom)?;
                }
                self.0.extend_from_slice(text.as_bytes());
                return Ok(());
            }
        };
        Transcode(self.0).map_rest(first, map)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(Transcode(self.0))
    }

    forward_scalars!();
}

/// The first key of a map: serde_json's raw-value token, or an actual key.
enum FirstKeyIs {
    RawValueToken,
    Other(String),
}

/// Reads the first key without allocating when it is the raw-value token.
struct FirstKey;

impl<'de> DeserializeSeed<'de> for FirstKey {
    type Value = FirstKeyIs;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FirstKeyIs, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = FirstKeyIs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FirstKeyIs, E> {
                Ok(if v == RAW_VALUE_TOKEN {
                    FirstKeyIs::RawValueToken
                } else {
                    FirstKeyIs::Other(v.to_owned())
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A string value, borrowed when the deserializer can lend it.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = std::borrow::Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = std::borrow::Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON text")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(std::borrow::Cow::Borrowed(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(std::borrow::Cow::Owned(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(std::borrow::Cow::Owned(v))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// Writes whatever value it is shown as JSON text, the way `Value` would serialize it.
struct Transcode<'a>(&'a mut Vec<u8>);

impl Transcode<'_> {
    fn write<T: Serialize + ?Sized>(&mut self, value: &T) {
        // Writing into a `Vec` cannot fail; numbers that JSON cannot hold become `null`, as
        // they do in a `Value`.
        let _ = serde_json::to_writer(&mut *self.0, value);
    }

    /// The rest of an object whose first key, `first`, was already read.
    fn map_rest<'de, A: MapAccess<'de>>(
        mut self,
        first: String,
        mut map: A,
    ) -> Result<(), A::Error> {
        self.0.push(b'{');
        self.write(first.as_str());
        self.0.push(b':');
        map.next_value_seed(Seed(self.0))?;
        while let Some(key) = map.next_key::<String>()? {
            self.0.push(b',');
            self.write(key.as_str());
            self.0.push(b':');
            map.next_value_seed(Seed(self.0))?;
        }
        self.0.push(b'}');
        Ok(())
    }
}

/// [`Transcode`] for a nested value.
struct Seed<'a>(&'a mut Vec<u8>);

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(Transcode(self.0))
    }
}

impl<'de> Visitor<'de> for Transcode<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(mut self, v: bool) -> Result<(), E> {
        self.write(&v);
        Ok(())
    }
    fn visit_i64<E: de::Error>(mut self, v: i64) -> Result<(), E> {
        self.write(&v);
        Ok(())
    }
    fn visit_u64<E: de::Error>(mut self, v: u64) -> Result<(), E> {
        self.write(&v);
        Ok(())
    }
    fn visit_i128<E: de::Error>(mut self, v: i128) -> Result<(), E> {
        self.write(&v);
        Ok(())
    }
    fn visit_u128<E: de::Error>(mut self, v: u128) -> Result<(), E> {
        self.write(&v);
        Ok(())
    }
    fn visit_f64<E: de::Error>(mut self, v: f64) -> Result<(), E> {
        self.write(&v);
        Ok(())
    }
    fn visit_str<E: de::Error>(mut self, v: &str) -> Result<(), E> {
        self.write(v);
        Ok(())
    }
    fn visit_bytes<E: de::Error>(mut self, v: &[u8]) -> Result<(), E> {
        self.write(v);
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.extend_from_slice(b"null");
        Ok(())
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.push(b'[');
        let mut first = true;
        loop {
            let at = self.0.len();
            if !first {
                self.0.push(b',');
            }
            if seq.next_element_seed(Seed(self.0))?.is_none() {
                self.0.truncate(at);
                break;
            }
            first = false;
        }
        self.0.push(b']');
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        match map.next_key::<String>()? {
            None => {
                self.0.extend_from_slice(b"{}");
                Ok(())
            }
            Some(first) => self.map_rest(first, map),
        }
    }
}

impl Deref for Extra {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Map<String, Value> {
        self.as_map()
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.as_map_mut()
    }
}

impl<'a> IntoIterator for &'a Extra {
    type Item = (&'a String, &'a Value);
    type IntoIter = serde_json::map::Iter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_map().iter()
    }
}

impl Clone for Extra {
    fn clone(&self) -> Self {
        Extra(self.0.clone())
    }
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.as_map() == other.as_map()
    }
}

impl Eq for Extra {}

impl PartialEq<Map<String, Value>> for Extra {
    fn eq(&self, other: &Map<String, Value>) -> bool {
        self.as_map() == other
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_map(), f)
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(map: Map<String, Value>) -> Self {
        Extra(Some(Box::new(Inner {
            raw: Vec::new(),
            map: OnceLock::from(map),
        })))
    }
}

impl From<Extra> for Map<String, Value> {
    fn from(extra: Extra) -> Self {
        extra.into_map()
    }
}

impl FromIterator<(String, Value)> for Extra {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Map::from_iter(iter).into()
    }
}

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_map().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Into::into)
    }
}
