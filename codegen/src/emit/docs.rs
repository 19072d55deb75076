//! Spec prose to rustdoc that renders well and never turns into a doctest.

use proc_macro2::TokenStream;
use quote::quote;

use super::text;

/// `#[doc]` attributes for `text`, one per line; nothing for `None`.
pub(crate) fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = rustdoc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// The lines of `text` made safe for rustdoc: code fences (``` or ~~~) are marked `text`
/// (so they are not compiled) and closed if left open, indentation that would start an
/// indented code block is removed, prose is escaped by [`text::prose`], characters a
/// comment cannot hold are dropped by [`text::clean`], and each line starts with a space
/// as `///` comments do.
pub(crate) fn rustdoc_lines(text: &str) -> Vec<String> {
    let text = text::clean(text);
    let mut out = Vec::new();
    // The fence's character and length while inside one.
    let mut fence: Option<(char, usize)> = None;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        let marker = ['`', '~']
            .into_iter()
            .map(|c| (c, trimmed.chars().take_while(|&x| x == c).count()))
            .find(|&(_, n)| n >= 3);
        match (fence, marker) {
            (None, Some((c, n))) => {
                fence = Some((c, n));
                out.push(format!(" {}text", c.to_string().repeat(n)));
                continue;
            }
            (Some((open, len)), Some((c, n)))
                if c == open && n >= len && trimmed.trim_end().len() == n * c.len_utf8() =>
            {
                fence = None;
                out.push(format!(" {}", c.to_string().repeat(len)));
                continue;
            }
            _ => {}
        }
        let line = if fence.is_some() {
            line.trim_end().to_string()
        } else {
            text::prose(trimmed.trim_end())
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    if let Some((c, len)) = fence {
        out.push(format!(" {}", c.to_string().repeat(len)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rustdoc_lines;

    #[test]
    fn code_fences_never_become_doctests() {
        let lines = rustdoc_lines("Example:\n```json\n{\"a\": 1}\n```\n    indented");
        assert_eq!(
            lines,
            vec![" Example:", " ```text", " {\"a\": 1}", " ```", " indented"]
        );
    }

    #[test]
    fn unclosed_fences_are_closed() {
        assert_eq!(
            rustdoc_lines("```\ncode"),
            vec![" ```text", " code", " ```"]
        );
    }
}
