//! `pattern` keywords: ECMA-262 regular expressions, as the `regex` crate reads them.
//!
//! Both dialects agree on most patterns specs use. Where they differ in meaning, the
//! pattern is rewritten to mean what ECMA-262 says (`\d` and `\w` are ASCII-only there,
//! a `[` inside a class is literal, `a{` is a literal brace); what the `regex` crate
//! cannot express at all (lookaround, backreferences, `\cX`) gives `None`, and the
//! pattern is then documented but not checked.

/// `pattern` in the `regex` crate's syntax, or `None` when that crate cannot express it.
/// The result is checked with `regex-syntax`, the parser the `regex` crate uses, so a
/// generated crate never meets a pattern it cannot compile for syntax reasons.
pub(crate) fn to_rust_regex(pattern: &str) -> Option<String> {
    let translated = translate(pattern);
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(&translated)
        .ok()
        .map(|_| translated)
}

/// The ASCII word characters ECMA-262's `\w` means.
const WORD: &str = "0-9A-Za-z_";

fn translate(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let next = chars[i + 1];
                i += 2;
                match (next, in_class) {
                    ('d', false) => out.push_str("[0-9]"),
                    ('d', true) => out.push_str("0-9"),
                    ('D', false) => out.push_str("[^0-9]"),
                    ('w', false) => out.push_str(&format!("[{WORD}]")),
                    ('w', true) => out.push_str(WORD),
                    ('W', false) => out.push_str(&format!("[^{WORD}]")),
                    _ => {
                        out.push('\\');
                        out.push(next);
                    }
                }
                continue;
            }
            '[' if in_class => out.push_str("\\["),
            '[' => {
                in_class = true;
                out.push('[');
                // A leading `^` and a leading `]` belong to the class syntax.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            // `&&`, `--` and `~~` are set operations in the `regex` crate, literal in ECMA.
            '&' | '-' | '~' if in_class && chars.get(i + 1) == Some(&c) => {
                out.push(c);
                out.push('\\');
                out.push(c);
                i += 2;
                continue;
            }
            '{' if !in_class => match quantifier_len(&chars[i..]) {
                Some(len) => {
                    out.extend(&chars[i..i + len]);
                    i += len;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' if !in_class => out.push_str("\\}"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// The length of a `{n}`, `{n,}` or `{n,m}` quantifier at the start of `chars`.
fn quantifier_len(chars: &[char]) -> Option<usize> {
    let mut i = 1;
    let digits = |i: &mut usize| {
        let start = *i;
        while chars.get(*i).is_some_and(char::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return None;
    }
    if chars.get(i) == Some(&',') {
        i += 1;
        digits(&mut i);
    }
    (chars.get(i) == Some(&'}')).then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::to_rust_regex;

    #[test]
    fn ecma_classes_become_ascii() {
        assert_eq!(to_rust_regex(r"^\d+$").unwrap(), "^[0-9]+$");
        assert_eq!(to_rust_regex(r"[\w.-]+").unwrap(), "[0-9A-Za-z_.-]+");
        assert_eq!(to_rust_regex(r"\W").unwrap(), "[^0-9A-Za-z_]");
    }

    #[test]
    fn ecma_literals_stay_literal() {
        assert_eq!(to_rust_regex("a{b}").unwrap(), r"a\{b\}");
        assert_eq!(to_rust_regex("a{2,3}b{4}").unwrap(), "a{2,3}b{4}");
        assert_eq!(to_rust_regex("[a[]").unwrap(), r"[a\[]");
        assert_eq!(to_rust_regex("[a&&b]").unwrap(), r"[a&\&b]");
        assert_eq!(to_rust_regex(r"^\/v1\/.+$").unwrap(), r"^\/v1\/.+$");
    }

    #[test]
    fn what_regex_cannot_express_is_none() {
        assert_eq!(to_rust_regex("^(?!abc).*$"), None);
        assert_eq!(to_rust_regex(r"(?<=a)b"), None);
        assert_eq!(to_rust_regex(r"(a)\1"), None);
        assert_eq!(to_rust_regex("(unclosed"), None);
    }
}
