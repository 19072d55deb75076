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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Three text fields, decoded the way generated structs are: through `next_value`.
    #[derive(Debug, PartialEq)]
    struct Texts {
        plain: String,
        optional: Option<String>,
        nullable: Nullable<String>,
        number: i64,
    }

    impl<'de> Deserialize<'de> for Texts {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Texts;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("texts")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Texts, A::Error> {
                    let mut out = Texts {
                        plain: String::new(),
                        optional: None,
                        nullable: Nullable::Absent,
                        number: 0,
                    };
                    while let Some(key) = map.next_key::<String>()? {
                        match key.as_str() {
                            "plain" => out.plain = next_value(&mut map)?,
                            "optional" => out.optional = next_value(&mut map)?,
                            "nullable" => out.nullable = next_value(&mut map)?,
                            "number" => out.number = next_value(&mut map)?,
                            _ => {
                                map.next_value::<de::IgnoredAny>()?;
                            }
                        }
                    }
                    Ok(out)
                }
            }
            d.deserialize_map(V)
        }
    }

    fn long(text: &str) -> String {
        text.repeat(40)
    }

    #[test]
    fn text_fields_decode_alike_from_text_bytes_readers_and_values() {
        let cases = [
            (
                format!(
                    r#"{{"plain":"{}","optional":"café","nullable":null,"number":7}}"#,
                    long("naïve 日本 😀 ")
                ),
                Texts {
                    plain: long("naïve 日本 😀 "),
                    optional: Some("café".into()),
                    nullable: Nullable::Null,
                    number: 7,
                },
            ),
            (
                r#"{"plain":"tab\there \"q\" \u00e9 \ud83d\ude00","optional":null,"nullable":"x"}"#
                    .to_string(),
                Texts {
                    plain: "tab\there \"q\" é 😀".into(),
                    optional: None,
                    nullable: Nullable::Value("x".into()),
                    number: 0,
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(serde_json::from_str::<Texts>(&text).unwrap(), expected);
            assert_eq!(
                serde_json::from_slice::<Texts>(text.as_bytes()).unwrap(),
                expected
            );
            assert_eq!(
                serde_json::from_reader::<_, Texts>(text.as_bytes()).unwrap(),
                expected
            );
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(serde_json::from_value::<Texts>(value).unwrap(), expected);
        }
    }

    #[test]
    fn text_input_reads_strings_as_strings_with_the_same_result() {
        let text = format!(
            r#"{{"plain":"{}","optional":"\u00e9","nullable":null}}"#,
            long("naïve 😀 ")
        );
        let checked: Texts = serde_json::from_str(&text).unwrap();
        let unchecked: Texts = from_text(|| serde_json::from_str(&text)).unwrap();
        assert_eq!(checked, unchecked);
        assert_eq!(unchecked.optional.as_deref(), Some("é"));
        // The flag is back to what it was, after a panic too.
        assert!(!FROM_TEXT.with(Cell::get));
        let _ = std::panic::catch_unwind(|| from_text(|| panic!("in a decode")));
        assert!(!FROM_TEXT.with(Cell::get));
        let err = from_text(|| serde_json::from_str::<Texts>(r#"{"plain":5}"#)).unwrap_err();
        assert!(err.to_string().contains("expected a string"), "{err}");
    }

    #[test]
    fn a_raw_control_character_in_a_text_field_is_kept() {
        // Not valid JSON, but its meaning is plain: serde_json's bytes path lets it through,
        // and it is written back escaped.
        let texts: Texts = serde_json::from_slice(b"{\"plain\":\"a\tb\"}").unwrap();
        assert_eq!(texts.plain, "a\tb");
        assert_eq!(serde_json::to_string(&texts.plain).unwrap(), r#""a\tb""#);
    }

    #[test]
    fn what_is_not_text_is_an_error_as_with_serde() {
        for (text, expected) in [
            (r#"{"plain":null}"#, "invalid type: null, expected a string"),
            (
                r#"{"plain":5}"#,
                "invalid type: integer `5`, expected a string",
            ),
            (
                r#"{"plain":[1]}"#,
                "invalid type: sequence, expected a string",
            ),
            (r#"{"optional":{}}"#, "invalid type: map, expected a string"),
            // serde_json hands the escape over as the bytes of a lone surrogate.
            (r#"{"plain":"\ud800"}"#, "invalid unicode code point"),
        ] {
            let err = serde_json::from_str::<Texts>(text).unwrap_err().to_string();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.contains("at line 1 column"), "{text}: {err}");
        }
        // Bytes that are not UTF-8, short and long.
        for junk in [
            b"\xff\xfe".to_vec(),
            [b"a".repeat(100), b"\xc3".to_vec()].concat(),
        ] {
            let doc = [br#"{"plain":""#.to_vec(), junk, br#""}"#.to_vec()].concat();
            let err = serde_json::from_slice::<Texts>(&doc)
                .unwrap_err()
                .to_string();
            assert!(err.contains("invalid unicode code point"), "{err}");
        }
    }
}
