//! Spec text made safe for rustdoc. Descriptions are written for other renderers and may
//! hold anything: a lone `\r` or a bidi control is a compile error in a doc comment,
//! other control characters upset tools, `[Foo]` becomes an intra-doc link that rustdoc
//! warns about, `<script>` is raw HTML, and a fence would become a doctest. Every piece of
//! spec text that lands in a doc comment goes through [`clean`] and then [`prose`] or
//! [`code`].

/// `text` without characters a Rust comment cannot hold or should not: line breaks of
/// every kind become `\n`, bidi controls (U+202A–U+202E, U+2066–U+2069) and other
/// control characters except tab are dropped.
pub(crate) fn clean(text: &str) -> String {
    // Most text has nothing to clean: no control character but `\n`/`\t`, nothing
    // outside ASCII (where the other line breaks and bidi controls live).
    if text
        .bytes()
        .all(|b| (b' '..0x7f).contains(&b) || b == b'\n' || b == b'\t')
    {
        return text.to_string();
    }
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// `text` as an inline code span on one line, with a backtick fence longer than any run
/// of backticks inside it. Empty text is shown as `""`.
pub(crate) fn code(text: &str) -> String {
    let text = clean(text).replace('\n', " ");
    if text.is_empty() {
        return "`\"\"`".to_string();
    }
    let longest = longest_run(&text, '`');
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space to be read as one.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn longest_run(text: &str, of: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// One line of markdown prose (outside code fences) made safe: brackets are escaped so
/// they never form intra-doc links (links to `http(s)` URLs are kept), `<` is escaped so
/// no raw HTML gets through (autolinks `<https://...>` are kept), and `*/` cannot end a
/// block comment. Code spans are copied as they are.
pub(crate) fn prose(line: &str) -> String {
    // A line without markup characters is its own safe form.
    if !line.contains(['`', '[', ']', '<', '*']) {
        return line.to_string();
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' => {
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                match closing_run(&chars, i + run, run) {
                    Some(end) => {
                        out.extend(&chars[i..end + run]);
                        i = end + run;
                    }
                    None => {
                        // An unmatched run is literal text; escaped so it stays so.
                        for _ in 0..run {
                            out.push_str("\\`");
                        }
                        i += run;
                    }
                }
                continue;
            }
            '[' => match url_link_end(&chars, i) {
                Some(end) => {
                    out.extend(&chars[i..end]);
                    i = end;
                    continue;
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            '<' if starts_with(&chars[i + 1..], "http://")
                || starts_with(&chars[i + 1..], "https://") =>
            {
                out.push('<')
            }
            '<' => out.push_str("&lt;"),
            '*' if chars.get(i + 1) == Some(&'/') => out.push_str("*\\"),
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Where a run of exactly `len` backticks starts at or after `from`.
fn closing_run(chars: &[char], from: usize, len: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        if chars[i] == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            if run == len {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// The end (exclusive) of `[text](http...)` starting at `start`, when the text holds no
/// brackets and the target is a web URL: such a link is kept as the author wrote it.
fn url_link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = start + 1 + chars[start + 1..].iter().position(|&c| c == ']')?;
    if chars[start + 1..close]
        .iter()
        .any(|&c| matches!(c, '[' | '`'))
    {
        return None;
    }
    let target = &chars[close + 1..];
    if !(starts_with(target, "(http://") || starts_with(target, "(https://")) {
        return None;
    }
    let end = target.iter().position(|&c| c == ')')?;
    let inner = &target[1..end];
    if inner
        .iter()
        .any(|&c| c.is_whitespace() || matches!(c, '(' | '<' | '['))
    {
        return None;
    }
    Some(close + 1 + end + 1)
}

fn starts_with(chars: &[char], prefix: &str) -> bool {
    let mut it = chars.iter();
    prefix.chars().all(|p| it.next() == Some(&p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_never_see_carriage_returns_bidi_or_control_characters() {
        assert_eq!(
            clean("a\rb\r\nc\u{202E}d\u{2066}e\u{0}f\u{7}g\u{2028}h\ti"),
            "a\nb\ncdefg\nh\ti"
        );
    }

    #[test]
    fn brackets_and_html_never_become_links_or_tags() {
        assert_eq!(
            prose("see [Foo] and [x][y]"),
            "see \\[Foo\\] and \\[x\\]\\[y\\]"
        );
        assert_eq!(
            prose("[docs](https://example.com/a) <https://x.y> <b>"),
            "[docs](https://example.com/a) <https://x.y> &lt;b>"
        );
        assert_eq!(prose("[Foo](Bar)"), "\\[Foo\\](Bar)");
        assert_eq!(prose("a */ b"), "a *\\/ b");
    }

    #[test]
    fn code_spans_are_kept_and_lone_backticks_escaped() {
        assert_eq!(prose("use `[T]` or `<b>`"), "use `[T]` or `<b>`");
        assert_eq!(prose("a ` b [c]"), "a \\` b \\[c\\]");
        assert_eq!(prose("``a`b``"), "``a`b``");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("plain"), "`plain`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code("a\rb\u{202E}"), "`a b`");
    }
}
