// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! How `json_object!` reads a field's value: text fields through a faster UTF-8 check,
//! every other type through its own `Deserialize`.
//!
//! serde_json checks a string's UTF-8 with the standard library, a byte at a time once it
//! meets a character that is not ASCII: most of the cost of decoding prose in other
//! languages (or an LLM's answer with one emoji in it). Asked for bytes instead, it hands
//! the string over unescaped but unchecked, and [`utf8`](super::utf8) checks it.

// An API without objects has no field to read.
#![allow(dead_code)]

use std::any::{Any, TypeId};
use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::nullable::Nullable;

thread_local! {
    /// A decode from a `&str` is running on this thread ([`from_text`]).
    static FROM_TEXT: Cell<bool> = const { Cell::new(false) };
}

/// Runs `decode`, which reads a `&str` (so text known to be UTF-8): strings are then read
/// as strings, which serde_json does not check again, rather than checked here.
pub(crate) fn from_text<R>(decode: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            FROM_TEXT.with(|flag| flag.set(self.0));
        }
    }
    let _restore = Restore(FROM_TEXT.with(|flag| flag.replace(true)));
    decode()
}

/// Reads the value of the current map entry as a `T`.
///
/// `T` is a field's type, known when the generated decoder is compiled, so the type test
/// folds away: each field is left with one of the two paths.
#[inline]
pub(crate) fn next_value<'de, A, T>(map: &mut A) -> Result<T, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de> + 'static,
{
    if let Some(shape) = Shape::of::<T>().filter(|_| !FROM_TEXT.with(Cell::get)) {
        let read = map.next_value_seed(TextSeed { shape })?;
        return shape
            .wrap::<T>(read)
            .ok_or_else(|| de::Error::custom("a text field was read as another type"));
    }
    map.next_value()
}

/// How a field holds its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `String`: `null` is an error.
    Plain,
    /// `Option<String>`: `null` is `None`.
    Optional,
    /// `Nullable<String>`: `null` is `Null`.
    Nullable,
}

impl Shape {
    /// The shape of `T` when it holds a `String`.
    #[inline]
    fn of<T: 'static>() -> Option<Shape> {
        let t = TypeId::of::<T>();
        if t == TypeId::of::<String>() {
            Some(Shape::Plain)
        } else if t == TypeId::of::<Option<String>>() {
            Some(Shape::Optional)
        } else if t == TypeId::of::<Nullable<String>>() {
            Some(Shape::Nullable)
        } else {
            None
        }
    }

    /// The field value for what was read (`None` for `null`); `None` when `T` is not of
    /// this shape, which [`Shape::of`] rules out.
    #[inline]
    fn wrap<T: 'static>(self, read: Option<String>) -> Option<T> {
        let mut slot: Option<T> = None;
        let any: &mut dyn Any = &mut slot;
        match self {
            Shape::Plain => *any.downcast_mut::<Option<String>>()? = read,
            Shape::Optional => *any.downcast_mut::<Option<Option<String>>>()? = Some(read),
            Shape::Nullable => *any.downcast_mut::<Option<Nullable<String>>>()? = Some(read.into()),
        }
        slot
    }
}

/// `bytes` as text, or an error like serde_json's own.
#[inline]
fn text<E: de::Error>(bytes: &[u8]) -> Result<&str, E> {
    super::utf8::from_utf8(bytes).ok_or_else(|| E::custom("invalid unicode code point"))
}

/// Reads a string (or `null`, when the shape allows it).
struct TextSeed {
    shape: Shape,
}

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Option<String>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match self.shape {
            Shape::Plain => deserializer.deserialize_bytes(StringVisitor).map(Some),
            Shape::Optional | Shape::Nullable => deserializer.deserialize_option(OptionVisitor),
        }
    }
}

/// `null` or a string.
struct OptionVisitor;

impl<'de> Visitor<'de> for OptionVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_bytes(StringVisitor).map(Some)
    }
}

/// A string, as bytes when the deserializer hands them over unchecked.
struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<String, E> {
        text(v).map(str::to_owned)
    }

    // Rare (a reader's string with escapes): one check, the standard library's.
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<String, E> {
        String::from_utf8(v).map_err(|_| E::custom("invalid unicode code point"))
    }

    // Deserializers other than serde_json's reader give strings as strings.
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    // A sequence is no string: the error names what was found, as `String`'s would.
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<String, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
    }
}
