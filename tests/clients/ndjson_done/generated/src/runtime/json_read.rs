// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The JSON reader behind response bodies and streamed payloads.
//!
//! serde_json's reader spends most of a large response on small things: a small integer
//! in an array costs it about 250 instructions, and every string is checked as UTF-8 on
//! its own. This reader checks the whole text once up front (the caller hands it a
//! `&str`) and reads numbers, strings and punctuation inline, then hands values to the same
//! `Deserialize` impls serde_json would, with the same visitor calls.
//!
//! It is only ever a fast path. Anything it does not handle the way serde_json would, it
//! declines ([`Declined`]): a syntax error, a raw control character in a string, a lone
//! surrogate escape, nesting deeper than serde_json allows, a number out of range, a key
//! that is not read as a string, and every error a `Deserialize` impl reports. The caller
//! then decodes the text again with serde_json, which either succeeds or says where and
//! why it failed. So a document decodes to what serde_json gives, or to the error
//! serde_json gives; the one intended difference is that a float is always the nearest
//! `f64` to its text, where serde_json may be one unit off on long mantissas.

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The reader did not decode the text; decode it again with serde_json.
#[derive(Debug)]
pub(crate) struct Declined;

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("declined by the fast JSON reader")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    // Messages are not built: the error path decodes again with serde_json, which builds
    // its own.
    #[cold]
    fn custom<T: fmt::Display>(_: T) -> Self {
        Declined
    }
}

type Result<T> = std::result::Result<T, Declined>;

/// serde_json's nesting limit: deeper documents are left to it, and to its error.
const MAX_DEPTH: u32 = 128;

/// The name under which serde_json's `RawValue` protocol asks for a value's text.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// Decodes `text` as one JSON document (whitespace around it allowed).
#[inline]
pub(crate) fn decode<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader::new(text);
    let value = T::deserialize(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// A position in a JSON text, read as a serde `Deserializer`.
pub(crate) struct Reader<'de> {
    text: &'de str,
    at: usize,
    depth: u32,
    /// The unescaped text of the last string that held escapes.
    scratch: String,
}

/// A number as serde_json classifies it: non-negative integers are `u64`, negative ones
/// `i64`, everything else (and `-0`, and integers out of range) `f64`.
enum Number {
    U64(u64),
    I64(i64),
    F64(f64),
}

/// A string's text: borrowed from the document when it held no escapes.
enum Text<'de, 's> {
    Borrowed(&'de str),
    Copied(&'s str),
}

/// Powers of ten that an `f64` holds exactly: a mantissa of at most 2^53 times or over one
/// of them is rounded once, so correctly.
const EXACT_POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

impl<'de> Reader<'de> {
    pub(crate) fn new(text: &'de str) -> Self {
        Reader {
            text,
            at: 0,
            depth: 0,
            scratch: String::new(),
        }
    }

    /// Only whitespace is left.
    pub(crate) fn end(&mut self) -> Result<()> {
        match self.peek_token() {
            None => Ok(()),
            Some(_) => Err(Declined),
        }
    }

    #[inline]
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not whitespace, not consumed.
    #[inline]
    fn peek_token(&mut self) -> Option<u8> {
        let bytes = self.bytes();
        while let Some(&b) = bytes.get(self.at) {
            match b {
                b' ' | b'\n' | b'\t' | b'\r' => self.at += 1,
                _ => return Some(b),
            }
        }
        None
    }

    #[inline]
    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek_token() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Declined)
        }
    }

    /// Consumes `word` (`true`, `false`, `null`) at the current position.
    #[inline]
    fn literal(&mut self, word: &[u8]) -> Result<()> {
        if self.bytes()[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Declined)
        }
    }

    #[inline]
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Declined);
        }
        self.at += 1;
        Ok(())
    }

    // ---- strings ----------------------------------------------------------------------

    /// Reads a string whose opening quote is at the current position.
    #[inline]
    fn string(&mut self) -> Result<Text<'de, '_>> {
        self.at += 1;
        let start = self.at;
        let end = find_special(self.bytes(), start);
        match self.bytes().get(end) {
            Some(b'"') => {
                self.at = end + 1;
                Ok(Text::Borrowed(&self.text[start..end]))
            }
            Some(b'\\') => self.escaped_string(start, end),
            // A raw control character, or the end of the text.
            _ => Err(Declined),
        }
    }

    /// The rest of a string from its first escape, at `escape`.
    #[cold]
    fn escaped_string(&mut self, start: usize, mut escape: usize) -> Result<Text<'de, '_>> {
        let text = self.text;
        let bytes = self.bytes();
        self.scratch.clear();
        self.scratch.push_str(&text[start..escape]);
        loop {
            // `escape` is at a backslash.
            let (ch, after) = unescape(bytes, escape + 1)?;
            self.scratch.push(ch);
            let end = find_special(bytes, after);
            self.scratch.push_str(&text[after..end]);
            match bytes.get(end) {
                Some(b'"') => {
                    self.at = end + 1;
                    return Ok(Text::Copied(&self.scratch));
                }
                Some(b'\\') => escape = end,
                _ => return Err(Declined),
            }
        }
    }

    /// Skips a string whose opening quote is at the current position, checking its escapes.
    fn skip_string(&mut self) -> Result<()> {
        let bytes = self.bytes();
        let mut at = self.at + 1;
        loop {
            let end = find_special(bytes, at);
            match bytes.get(end) {
                Some(b'"') => {
                    self.at = end + 1;
                    return Ok(());
                }
                Some(b'\\') => at = skip_escape(bytes, end + 1)?,
                _ => return Err(Declined),
            }
        }
    }

    // ---- numbers ----------------------------------------------------------------------

    /// Reads a number at the current position (`-` or a digit).
    #[inline]
    fn number(&mut self) -> Result<Number> {
        let bytes = self.bytes();
        let start = self.at;
        let mut at = start;
        let negative = bytes[at] == b'-';
        if negative {
            at += 1;
        }
        let digits_start = at;
        let mut mantissa: u64 = 0;
        match bytes.get(at) {
            Some(b'0') => {
                at += 1;
                if let Some(b'0'..=b'9') = bytes.get(at) {
                    // A leading zero.
                    return Err(Declined);
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(&d @ b'0'..=b'9') = bytes.get(at) {
                    mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
                    at += 1;
                }
            }
            _ => return Err(Declined),
        }
        let int_digits = at - digits_start;
        let is_float = matches!(bytes.get(at), Some(b'.' | b'e' | b'E'));
        if !is_float {
            self.at = at;
            // 19 digits always fit; 20 might.
            if int_digits > 19 && !fits_u64(&bytes[digits_start..at]) {
                return self.float_from_text(start, at);
            }
            return Ok(if !negative {
                Number::U64(mantissa)
            } else {
                let neg = (mantissa as i64).wrapping_neg();
                if neg >= 0 {
                    // `-0`, or below `i64::MIN`: serde_json makes these floats.
                    Number::F64(-(mantissa as f64))
                } else {
                    Number::I64(neg)
                }
            });
        }
        self.decimal(start, at, negative, mantissa, int_digits)
    }

    /// The fraction and exponent of a number whose integer part ends at `at`.
    // Out of line: integers, the most numerous numbers, stay small enough to inline.
    #[inline(never)]
    fn decimal(
        &mut self,
        start: usize,
        mut at: usize,
        negative: bool,
        mut mantissa: u64,
        int_digits: usize,
    ) -> Result<Number> {
        let bytes = self.bytes();
        let mut digits = int_digits;
        let mut exponent: i64 = 0;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let frac_start = at;
            while let Some(&d @ b'0'..=b'9') = bytes.get(at) {
                mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
                at += 1;
            }
            if at == frac_start {
                return Err(Declined);
            }
            digits += at - frac_start;
            exponent -= (at - frac_start) as i64;
        }
        if let Some(b'e' | b'E') = bytes.get(at) {
            at += 1;
            let minus = match bytes.get(at) {
                Some(b'-') => {
                    at += 1;
                    true
                }
                Some(b'+') => {
                    at += 1;
                    false
                }
                _ => false,
            };
            let exp_start = at;
            let mut written: i64 = 0;
            while let Some(&d @ b'0'..=b'9') = bytes.get(at) {
                written = written
                    .saturating_mul(10)
                    .saturating_add(i64::from(d - b'0'));
                at += 1;
            }
            if at == exp_start {
                return Err(Declined);
            }
            exponent = if minus {
                exponent.saturating_sub(written)
            } else {
                exponent.saturating_add(written)
            };
        }
        self.at = at;
        if digits <= 19 && mantissa <= 1 << 53 && exponent.unsigned_abs() < 23 {
            let m = mantissa as f64;
            let value = if exponent >= 0 {
                m * EXACT_POW10[exponent as usize]
            } else {
                m / EXACT_POW10[exponent.unsigned_abs() as usize]
            };
            return Ok(Number::F64(if negative { -value } else { value }));
        }
        self.float_from_text(start, at)
    }

    /// A number the fast path cannot round exactly, parsed by the standard library (whose
    /// grammar covers JSON's, which was checked above).
    #[cold]
    fn float_from_text(&self, start: usize, end: usize) -> Result<Number> {
        match self.text[start..end].parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Number::F64(value)),
            _ => Err(Declined),
        }
    }

    fn visit_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.number()? {
            Number::U64(v) => visitor.visit_u64(v),
            Number::I64(v) => visitor.visit_i64(v),
            Number::F64(v) => visitor.visit_f64(v),
        }
    }

    // ---- skipping -----------------------------------------------------------------------

    /// Skips one value, checking its syntax as serde_json's `ignore_value` does.
    fn skip_value(&mut self) -> Result<()> {
        match self.peek_token().ok_or(Declined)? {
            b'"' => self.skip_string(),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            open @ (b'[' | b'{') => {
                self.enter()?;
                let close = if open == b'[' { b']' } else { b'}' };
                if self.peek_token() == Some(close) {
                    self.at += 1;
                } else {
                    loop {
                        if open == b'{' {
                            if self.peek_token() != Some(b'"') {
                                return Err(Declined);
                            }
                            self.skip_string()?;
                            self.expect(b':')?;
                        }
                        self.skip_value()?;
                        match self.peek_token() {
                            Some(b',') => self.at += 1,
                            Some(b) if b == close => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(Declined),
                        }
                    }
                }
                self.depth -= 1;
                Ok(())
            }
            _ => Err(Declined),
        }
    }

    /// The text of the next value, unparsed.
    fn raw_value(&mut self) -> Result<&'de str> {
        self.peek_token();
        let start = self.at;
        self.skip_value()?;
        Ok(&self.text[start..self.at])
    }

    /// Reads a string value and shows it to `visitor` as text.
    #[inline]
    fn visit_string<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Copied(s) => visitor.visit_str(s),
        }
    }

    /// Reads a string value and shows it to `visitor` as bytes.
    #[inline]
    fn visit_string_bytes<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Text::Borrowed(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            Text::Copied(s) => visitor.visit_bytes(s.as_bytes()),
        }
    }

    /// Runs `visit` on the array or object just entered, then expects its closing `close`.
    #[inline]
    fn nested<T>(&mut self, close: u8, visit: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.enter()?;
        let value = visit(self)?;
        self.depth -= 1;
        self.expect(close)?;
        Ok(value)
    }
}

/// The first byte from `from` on that ends a string's plain run: a quote, a backslash, or
/// a control character (`bytes.len()` if there is none).
#[inline]
fn find_special(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = from;
    // Eight bytes at a time: each test flags its lowest matching byte exactly (bytes above
    // it may be flagged falsely, which the lowest set bit ignores).
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let found = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (word.wrapping_sub(ONES * 0x20) & !word);
        let found = found & HIGHS;
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return at;
        }
        at += 1;
    }
    at
}

/// Whether 20 or more digits (no leading zero) fit in a `u64`.
fn fits_u64(digits: &[u8]) -> bool {
    digits.len() == 20 && digits <= b"18446744073709551615".as_slice()
}

/// The character of the escape whose letter is at `at`, and the position after it.
fn unescape(bytes: &[u8], at: usize) -> Result<(char, usize)> {
    let ch = match bytes.get(at).ok_or(Declined)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(bytes, at + 1)?;
            let after = at + 5;
            return match high {
                0xD800..=0xDBFF => {
                    // A surrogate pair, or a lone surrogate left to serde_json.
                    if bytes.get(after..after + 2) != Some(b"\\u".as_slice()) {
                        return Err(Declined);
                    }
                    let low = hex4(bytes, after + 2)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return Err(Declined);
                    }
                    let code =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    Ok((char::from_u32(code).ok_or(Declined)?, after + 6))
                }
                0xDC00..=0xDFFF => Err(Declined),
                _ => Ok((char::from_u32(u32::from(high)).ok_or(Declined)?, after)),
            };
        }
        _ => return Err(Declined),
    };
    Ok((ch, at + 1))
}

/// Checks the escape whose letter is at `at`; the position after it.
fn skip_escape(bytes: &[u8], at: usize) -> Result<usize> {
    match bytes.get(at).ok_or(Declined)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Ok(at + 1),
        // Whether the code point is valid is for whoever reads the value to say.
        b'u' => hex4(bytes, at + 1).map(|_| at + 5),
        _ => Err(Declined),
    }
}

/// Four hex digits at `at`.
fn hex4(bytes: &[u8], at: usize) -> Result<u16> {
    let digits = bytes.get(at..at + 4).ok_or(Declined)?;
    let mut value: u16 = 0;
    for &d in digits {
        let nibble = match d {
            b'0'..=b'9' => d - b'0',
            b'a'..=b'f' => d - b'a' + 10,
            b'A'..=b'F' => d - b'A' + 10,
            _ => return Err(Declined),
        };
        value = value << 4 | u16::from(nibble);
    }
    Ok(value)
}

/// The elements of an array.
struct Elements<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Declined;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.reader.peek_token() {
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => {
                self.reader.at += 1;
                if self.reader.peek_token() == Some(b']') {
                    // A trailing comma.
                    return Err(Declined);
                }
            }
            Some(_) if self.first => self.first = false,
            _ => return Err(Declined),
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// The entries of an object.
struct Entries<'r, 'de> {
    reader: &'r mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Declined;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.reader.peek_token() {
            Some(b'}') => return Ok(None),
            Some(b',') if !self.first => {
                self.reader.at += 1;
                self.reader.peek_token();
            }
            Some(_) if self.first => self.first = false,
            _ => return Err(Declined),
        }
        if self.reader.bytes().get(self.reader.at) != Some(&b'"') {
            return Err(Declined);
        }
        seed.deserialize(Key(&mut *self.reader)).map(Some)
    }

    #[inline]
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        seed.deserialize(&mut *self.reader)
    }
}

/// serde_json's answer to a raw-value request: one entry, the token as its key and the
/// value's text as its value.
struct RawEntry<'de> {
    text: Option<&'de str>,
}

impl<'de> MapAccess<'de> for RawEntry<'de> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.text.is_none() {
            return Ok(None);
        }
        seed.deserialize(BorrowedStrDeserializer::new(RAW_VALUE_TOKEN))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(BorrowedStrDeserializer::new(
            self.text.take().ok_or(Declined)?,
        ))
    }
}

/// An enum written as a string (a unit variant) or as a one-entry object.
struct Variant<'r, 'de> {
    reader: &'r mut Reader<'de>,
    /// Whether the variant is an object's key, so its content follows.
    keyed: bool,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Declined;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(Key(&mut *self.reader))?;
        if self.keyed {
            self.reader.expect(b':')?;
        }
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Declined;

    fn unit_variant(self) -> Result<()> {
        if self.keyed {
            de::Deserialize::deserialize(&mut *self.reader)
        } else {
            Ok(())
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        if !self.keyed {
            return Err(Declined);
        }
        seed.deserialize(&mut *self.reader)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        if !self.keyed {
            return Err(Declined);
        }
        self.reader.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if !self.keyed {
            return Err(Declined);
        }
        self.reader.deserialize_map(visitor)
    }
}

/// `Deserializer` methods that take only a visitor and share one body.
macro_rules! each_method {
    (($($method:ident)*) ($self:ident, $visitor:ident) => $body:expr) => {
        $(
            #[inline]
            fn $method<V: Visitor<'de>>($self, $visitor: V) -> Result<V::Value> {
                $body
            }
        )*
    };
}

impl<'de> Deserializer<'de> for &mut Reader<'de> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token().ok_or(Declined)? {
            b'"' => self.visit_string(visitor),
            b'-' | b'0'..=b'9' => self.visit_number(visitor),
            b'{' => self.nested(b'}', |r| {
                visitor.visit_map(Entries {
                    reader: r,
                    first: true,
                })
            }),
            b'[' => self.nested(b']', |r| {
                visitor.visit_seq(Elements {
                    reader: r,
                    first: true,
                })
            }),
            b't' => {
                self.literal(b"true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal(b"false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            _ => Err(Declined),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    each_method! {
        (deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_u8
         deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64)
        (self, visitor) => self.deserialize_number(visitor)
    }

    // serde_json reads 128-bit integers beyond 64 bits exactly; this reader leaves them to it.
    fn deserialize_i128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Declined)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(Declined)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'"') => self.visit_string(visitor),
            _ => Err(Declined),
        }
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'"') => self.visit_string_bytes(visitor),
            Some(b'[') => self.deserialize_seq(visitor),
            _ => Err(Declined),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    #[inline]
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'n') => {
                self.literal(b"null")?;
                visitor.visit_none()
            }
            Some(_) => visitor.visit_some(self),
            None => Err(Declined),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'n') => {
                self.literal(b"null")?;
                visitor.visit_unit()
            }
            _ => Err(Declined),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == RAW_VALUE_TOKEN {
            let text = self.raw_value()?;
            return visitor.visit_map(RawEntry { text: Some(text) });
        }
        visitor.visit_newtype_struct(self)
    }

    #[inline]
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'[') => self.nested(b']', |r| {
                visitor.visit_seq(Elements {
                    reader: r,
                    first: true,
                })
            }),
            _ => Err(Declined),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    #[inline]
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'{') => self.nested(b'}', |r| {
                visitor.visit_map(Entries {
                    reader: r,
                    first: true,
                })
            }),
            _ => Err(Declined),
        }
    }

    // serde_json also takes a struct written as an array of its fields.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'{') => self.deserialize_map(visitor),
            Some(b'[') => self.deserialize_seq(visitor),
            _ => Err(Declined),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'"') => visitor.visit_enum(Variant {
                reader: self,
                keyed: false,
            }),
            Some(b'{') => self.nested(b'}', |r| {
                if r.peek_token() != Some(b'"') {
                    return Err(Declined);
                }
                visitor.visit_enum(Variant {
                    reader: r,
                    keyed: true,
                })
            }),
            _ => Err(Declined),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_value()?;
        visitor.visit_unit()
    }
}

impl<'de> Reader<'de> {
    /// A number for a number type's visitor; anything else is declined (serde_json would
    /// report it as the wrong type).
    #[inline]
    fn deserialize_number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.peek_token() {
            Some(b'-' | b'0'..=b'9') => self.visit_number(visitor),
            _ => Err(Declined),
        }
    }
}

/// An object key (always a string in JSON), for keys read as text or bytes. Keys read as
/// numbers or other types are left to serde_json, which parses the key's text.
struct Key<'r, 'de>(&'r mut Reader<'de>);

impl<'de> Deserializer<'de> for Key<'_, 'de> {
    type Error = Declined;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.0.visit_string(visitor)
    }

    #[inline]
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.0.visit_string_bytes(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.0.visit_string_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant {
            reader: self.0,
            keyed: false,
        })
    }

    // Keys read as numbers or booleans: serde_json parses the key's text; left to it.
    each_method! {
        (deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
         deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
         deserialize_f64)
        (self, _visitor) => Err(Declined)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
