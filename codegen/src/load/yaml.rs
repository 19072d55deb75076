//! YAML reading: saphyr's event parser, pulled one event at a time into [`Builder`].
//!
//! Pulling (rather than letting the parser build a tree) is what keeps hostile input
//! cheap: the builder refuses excessive nesting at the first event past the limit, so
//! the parser never scans the rest of a deeply nested file.

use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use serde_yaml::Value;

use super::tree::{too_deep, Builder, Container, ParseWarning};

/// Parses one YAML document. Errors carry a line number.
pub fn parse(text: &str) -> Result<(Value, Vec<ParseWarning>), String> {
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder::new();
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|err| {
            let mark = err.marker();
            if err.info() == "recursion limit exceeded" {
                // The scanner's own flow-nesting cap, met while looking ahead.
                return too_deep(mark.line());
            }
            format!(
                "line {}, column {}: {}",
                mark.line(),
                mark.col() + 1,
                err.info()
            )
        })?;
        let line = span.start.line();
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(format!(
                        "line {line}: more than one YAML document in the file"
                    ));
                }
            }
            Event::SequenceStart(anchor, _) => builder.start(Container::Seq, anchor, line)?,
            Event::MappingStart(anchor, _) => builder.start(Container::Map, anchor, line)?,
            Event::SequenceEnd | Event::MappingEnd => builder.end(line)?,
            Event::Alias(anchor) => builder.alias(anchor, line)?,
            Event::Scalar(text, style, anchor, tag) => {
                let merge = style == ScalarStyle::Plain && tag.is_none() && text == "<<";
                if anchor == 0 && builder.expects_key() {
                    // A key is kept as its text: no typed value is built for it.
                    builder.key(text.into_owned(), merge, line)?;
                } else {
                    let value = scalar_value(&text, style, tag.as_deref());
                    // The text is needed only for an anchored scalar used as a key.
                    let text = if anchor == 0 {
                        String::new()
                    } else {
                        text.into_owned()
                    };
                    builder.scalar(value, text, merge, anchor, line)?;
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
    }
    builder.finish()
}

/// The value of a scalar under the YAML 1.2 core schema (as serde_yaml read it before):
/// only plain scalars are typed; `!!str` and friends override.
fn scalar_value(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(tag) = tag.filter(|tag| tag.is_yaml_core_schema()) {
        return match tag.suffix.as_str() {
            "str" | "binary" | "timestamp" => Value::String(text.to_string()),
            _ => resolve_plain(text),
        };
    }
    match style {
        ScalarStyle::Plain => resolve_plain(text),
        _ => Value::String(text.to_string()),
    }
}

/// Null, bool, integer (decimal, `0x`, `0o`, `0b`; beyond 64 bits a float) or float;
/// anything else is a string. Leading zeros (`010`) make a string, as YAML 1.2 says.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(int) = parse_int(text) {
        return match (u64::try_from(int), i64::try_from(int)) {
            (Ok(u), _) => Value::Number(u.into()),
            (_, Ok(i)) => Value::Number(i.into()),
            _ => Value::Number((int as f64).into()),
        };
    }
    if !leading_zero_digits(text) {
        if let Some(float) = parse_float(text) {
            return Value::Number(float.into());
        }
    }
    Value::String(text.to_string())
}

fn parse_int(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(rest) = unsigned.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0b") {
        (2, rest)
    } else {
        (10, unsigned)
    };
    if digits.is_empty()
        || digits.starts_with(['+', '-'])
        || (radix == 10 && leading_zero_digits(text))
    {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if unsigned.starts_with(['+', '-']) && text.starts_with('+') {
        return None;
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    // Rust also accepts `inf`, `nan` and `infinity`, which YAML does not.
    let float: f64 = unsigned.parse().ok()?;
    float.is_finite().then_some(float)
}

/// `0123`, `-007`: digits after a leading zero, a string in YAML 1.2.
fn leading_zero_digits(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_resolve_like_the_core_schema() {
        assert_eq!(resolve_plain("~"), Value::Null);
        assert_eq!(resolve_plain("True"), Value::Bool(true));
        assert_eq!(resolve_plain("0x10"), Value::Number(16.into()));
        assert_eq!(resolve_plain("-12"), Value::Number((-12).into()));
        assert_eq!(resolve_plain("010"), Value::String("010".into()));
        assert_eq!(resolve_plain("1e3"), Value::Number(1000.0.into()));
        assert_eq!(resolve_plain("inf"), Value::String("inf".into()));
        assert_eq!(resolve_plain("yes"), Value::String("yes".into()));
        assert_eq!(
            resolve_plain("-9223372036854775809"),
            Value::Number((-9223372036854775809i128 as f64).into())
        );
    }

    #[test]
    fn keys_keep_their_source_text() {
        let (value, _) =
            parse("1.10: a\n0x10: b\n1e3: c\n010: d\ntrue: e\nnull: f\n~: g\n").unwrap();
        let keys: Vec<&str> = value
            .as_mapping()
            .unwrap()
            .keys()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(keys, ["1.10", "0x10", "1e3", "010", "true", "null", "~"]);
    }
}
