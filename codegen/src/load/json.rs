//! JSON reading: a small iterative parser feeding [`Builder`], so JSON gets JSON's
//! rules (surrogate-pair escapes such as `"\ud83d\ude80"` work) and the same depth
//! limit, duplicate-key warnings and line numbers as YAML.

use serde_yaml::Value;

use super::tree::{Builder, Container, ParseWarning};
use super::yaml::resolve_plain;

/// What the parser expects next.
#[derive(Clone, Copy)]
enum State {
    Value,
    FirstValueOrEnd,
    FirstKeyOrEnd,
    Key,
    AfterValue,
}

struct Cursor<'t> {
    bytes: &'t [u8],
    text: &'t str,
    at: usize,
    line: usize,
}

/// Parses one JSON value. Errors carry a line number.
pub fn parse(text: &str) -> Result<(Value, Vec<ParseWarning>), String> {
    let mut cur = Cursor {
        bytes: text.as_bytes(),
        text,
        at: 0,
        line: 1,
    };
    let mut builder = Builder::new();
    let mut open: Vec<u8> = Vec::new();
    let mut state = State::Value;
    loop {
        cur.skip_whitespace();
        let line = cur.line;
        let Some(&byte) = cur.bytes.get(cur.at) else {
            if matches!(state, State::AfterValue) && open.is_empty() {
                return builder.finish();
            }
            return Err(format!("line {line}: unexpected end of input"));
        };
        state = match state {
            State::Value => match byte {
                b'{' => {
                    cur.at += 1;
                    builder.start(Container::Map, 0, line)?;
                    open.push(b'}');
                    State::FirstKeyOrEnd
                }
                b'[' => {
                    cur.at += 1;
                    builder.start(Container::Seq, 0, line)?;
                    open.push(b']');
                    State::FirstValueOrEnd
                }
                b'"' => {
                    let text = cur.string()?;
                    builder.scalar(Value::String(text), String::new(), false, 0, line)?;
                    State::AfterValue
                }
                _ => {
                    let value = cur.literal()?;
                    builder.scalar(value, String::new(), false, 0, line)?;
                    State::AfterValue
                }
            },
            State::FirstValueOrEnd if byte == b']' => close(&mut cur, &mut builder, &mut open)?,
            State::FirstValueOrEnd => State::Value,
            State::FirstKeyOrEnd if byte == b'}' => close(&mut cur, &mut builder, &mut open)?,
            State::FirstKeyOrEnd | State::Key => {
                if byte != b'"' {
                    return Err(format!("line {line}: expected a string key"));
                }
                let key = cur.string()?;
                builder.key(key, false, line)?;
                cur.skip_whitespace();
                if cur.bytes.get(cur.at) != Some(&b':') {
                    return Err(format!("line {}: expected `:` after a key", cur.line));
                }
                cur.at += 1;
                State::Value
            }
            State::AfterValue => match (byte, open.last()) {
                (b',', Some(b'}')) => {
                    cur.at += 1;
                    State::Key
                }
                (b',', Some(_)) => {
                    cur.at += 1;
                    State::Value
                }
                (b'}' | b']', Some(&expected)) if byte == expected => {
                    close(&mut cur, &mut builder, &mut open)?
                }
                (_, None) => return Err(format!("line {line}: unexpected text after the value")),
                _ => {
                    return Err(format!(
                        "line {line}: expected `,` or `{}`",
                        *open.last().unwrap_or(&b'}') as char
                    ))
                }
            },
        };
    }
}

fn close(cur: &mut Cursor, builder: &mut Builder, open: &mut Vec<u8>) -> Result<State, String> {
    cur.at += 1;
    open.pop();
    builder.end(cur.line)?;
    Ok(State::AfterValue)
}

impl Cursor<'_> {
    fn skip_whitespace(&mut self) {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.at += 1;
        }
    }

    /// A number, `true`, `false` or `null`.
    fn literal(&mut self) -> Result<Value, String> {
        let start = self.at;
        while self
            .bytes
            .get(self.at)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
        {
            self.at += 1;
        }
        let word = &self.text[start..self.at];
        let value = match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            _ if is_json_number(word) => resolve_plain(word),
            _ => {
                let shown: String = self.text[start..].chars().take(20).collect();
                return Err(format!("line {}: unexpected `{shown}`", self.line));
            }
        };
        Ok(value)
    }

    /// A string, opening quote at the cursor.
    fn string(&mut self) -> Result<String, String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while self
                .bytes
                .get(self.at)
                .is_some_and(|&b| b != b'"' && b != b'\\' && b >= 0x20)
            {
                self.at += 1;
            }
            out.push_str(&self.text[start..self.at]);
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let escaped = self.escape()?;
                    out.push(escaped);
                }
                Some(_) => {
                    return Err(format!("line {}: control character in a string", self.line))
                }
                None => return Err(format!("line {}: unterminated string", self.line)),
            }
        }
    }

    /// One escape sequence, backslash at the cursor.
    fn escape(&mut self) -> Result<char, String> {
        let line = self.line;
        let code = *self
            .bytes
            .get(self.at + 1)
            .ok_or_else(|| format!("line {line}: unterminated string"))?;
        self.at += 2;
        Ok(match code {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4()?;
                if (0xD800..0xDC00).contains(&high) {
                    // A UTF-16 surrogate pair: `\ud83d\ude80` is one character.
                    if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                        return Err(format!(
                            "line {line}: unpaired surrogate escape in a string"
                        ));
                    }
                    self.at += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(format!(
                            "line {line}: unpaired surrogate escape in a string"
                        ));
                    }
                    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    char::from_u32(code).ok_or_else(|| format!("line {line}: invalid escape"))?
                } else {
                    char::from_u32(high).ok_or_else(|| {
                        format!("line {line}: unpaired surrogate escape in a string")
                    })?
                }
            }
            _ => return Err(format!("line {line}: invalid escape `\\{}`", code as char)),
        })
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| format!("line {}: invalid `\\u` escape", self.line))?;
        self.at += 4;
        Ok(digits)
    }
}

/// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_json_number(word: &str) -> bool {
    let bytes = word.strip_prefix('-').unwrap_or(word).as_bytes();
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    let mut i = 0;
    if bytes.first() == Some(&b'0') {
        i = 1;
    } else if !digits(&mut i) {
        return false;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogate_pairs_decode_to_one_character() {
        let (value, _) = parse(r#"{"a": "\ud83d\ude80 \u00e9"}"#).unwrap();
        assert_eq!(value["a"], Value::String("\u{1F680} é".into()));
    }

    #[test]
    fn numbers_follow_json_grammar() {
        let (value, _) = parse("[0, -1, 1.5, 2e3, 18446744073709551616]").unwrap();
        let items = value.as_sequence().unwrap();
        assert_eq!(items[0], Value::Number(0.into()));
        assert_eq!(items[3], Value::Number(2000.0.into()));
        assert!(items[4].is_f64());
        assert!(parse("[01]").is_err());
        assert!(parse("[1,]").is_err());
        assert!(parse("{} x").is_err());
    }

    #[test]
    fn duplicate_keys_warn_with_line_and_keep_the_later_value() {
        let (value, warnings) = parse("{\"a\": {\n \"b\": 1,\n \"b\": 2}}").unwrap();
        assert_eq!(value["a"]["b"], Value::Number(2.into()));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].pointer, "/a");
        assert_eq!(warnings[0].line, 3);
    }
}
