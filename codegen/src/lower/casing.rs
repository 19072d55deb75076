//! PascalCase and snake_case of ASCII text, splitting words exactly as heck 0.5 does.
//!
//! `names.rs` first maps every character that is not an ASCII letter or digit to a
//! space, so the text is ASCII. heck's casing goes through `fmt` one character at a
//! time (a `ToLowercase` formatter per character), about 7,000 instructions per
//! name, which was the largest single cost of naming; this does the same split with
//! byte tests. The unit tests compare both on every short text and on real names.

/// The letter case of the previous character within a word, as heck tracks it.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Boundary,
    Lower,
    Upper,
}

/// Calls `word` with each word of `text`: runs of ASCII letters and digits, split
/// further before an uppercase letter that follows a lowercase one (`userId`) and
/// before the last of several uppercase letters that a lowercase one follows
/// (`HTTPServer` -> `HTTP`, `Server`). A digit keeps the case of what precedes it.
fn words(text: &str, mut word: impl FnMut(&str)) {
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let bytes = part.as_bytes();
        let mut start = 0;
        let mut mode = Mode::Boundary;
        for i in 0..bytes.len() {
            let c = bytes[i];
            let Some(&next) = bytes.get(i + 1) else {
                word(&part[start..]);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                word(&part[start..=i]);
                start = i + 1;
                mode = Mode::Boundary;
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                word(&part[start..i]);
                start = i;
                mode = Mode::Boundary;
            } else {
                mode = next_mode;
            }
        }
    }
}

/// heck's `to_upper_camel_case` of ASCII text: each word capitalized, joined.
pub(crate) fn upper_camel(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    words(text, |word| {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    });
    out
}

/// heck's `to_snake_case` of ASCII text: each word lowercased, joined by `_`.
pub(crate) fn snake(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut first = true;
    words(text, |word| {
        if !first {
            out.push('_');
        }
        first = false;
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    });
    out
}

#[cfg(test)]
mod tests {
    use heck::{ToSnakeCase, ToUpperCamelCase};

    use super::*;

    #[track_caller]
    fn same_as_heck(text: &str) {
        assert_eq!(
            upper_camel(text),
            text.to_upper_camel_case(),
            "pascal of {text:?}"
        );
        assert_eq!(snake(text), text.to_snake_case(), "snake of {text:?}");
    }

    #[test]
    fn casing_matches_heck_on_every_short_text() {
        // Every text of up to 6 characters over lower, upper, digit and separator.
        let alphabet = ['a', 'B', '1', ' ', 'z', 'Q'];
        let mut texts = vec![String::new()];
        for _ in 0..6 {
            let mut longer = Vec::new();
            for text in &texts {
                same_as_heck(text);
                for c in alphabet {
                    let mut next = text.clone();
                    next.push(c);
                    longer.push(next);
                }
            }
            texts = longer;
        }
        texts.iter().for_each(|text| same_as_heck(text));
    }

    #[test]
    fn casing_matches_heck_on_real_names() {
        for text in [
            "HTTPServer",
            "getHTTPResponseCode",
            "v1Beta2",
            "ABC",
            "X Rate Limit",
            "chat completion",
            "user id",
            "userID",
            "_links",
            "  leading and trailing  ",
            "OAuth2Client",
            "a1B2c3",
            "S3Bucket",
            "ÄB",
        ] {
            same_as_heck(&text.replace(|c: char| !c.is_ascii_alphanumeric(), " "));
        }
    }
}
