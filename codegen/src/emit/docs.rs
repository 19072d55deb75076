//! Spec prose to rustdoc that renders well and never turns into a doctest.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for `text`, one per line; nothing for `None`.
pub(crate) fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = rustdoc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// The lines of `text` made safe for rustdoc: code fences are marked `text` (so they are
/// not compiled), indentation that would start an indented code block is removed, and
/// each line starts with a space as `///` comments do.
pub(crate) fn rustdoc_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            let opening = !in_fence;
            in_fence = !in_fence;
            out.push(if opening { " ```text" } else { " ```" }.to_string());
            continue;
        }
        let line = if in_fence {
            line.trim_end()
        } else {
            trimmed.trim_end()
        };
        out.push(if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        });
    }
    if in_fence {
        out.push(" ```".to_string());
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
