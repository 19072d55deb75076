//! Spec prose to rustdoc that renders well and never turns into a doctest.

use proc_macro2::TokenStream;
use quote::quote;

use super::text;
use super::text::code;
use crate::ir::{Constraints, Field, TypeDef};

/// `#[doc]` attributes for `text`, one per line; nothing for `None`.
pub(crate) fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = rustdoc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// Rustdoc and attributes of a named type: its docs, and `#[deprecated]` when marked so.
pub(crate) fn type_attrs(def: &TypeDef) -> TokenStream {
    let docs = doc_attrs(def.docs.as_deref());
    let deprecated = deprecated_attr(def.deprecated);
    quote! { #docs #deprecated }
}

/// Rustdoc and attributes of a struct field: its docs (or its JSON name), a line with
/// what the spec says beyond the type, and `#[deprecated]` when marked so.
pub(crate) fn field_attrs(field: &Field) -> TokenStream {
    let lines = field_doc_lines(field);
    let deprecated = deprecated_attr(field.deprecated);
    quote! { #( #[doc = #lines] )* #deprecated }
}

/// The doc lines of a struct field (see [`field_attrs`]), each starting with a space.
pub(crate) fn field_doc_lines(field: &Field) -> Vec<String> {
    let mut text = field
        .docs
        .clone()
        .unwrap_or_else(|| format!("`{}`", field.json_name));
    if let Some(line) = constraint_line(&field.constraints) {
        text.push_str("\n\n");
        text.push_str(&line);
    }
    rustdoc_lines(&text)
}

/// `#[deprecated]`, or nothing. The generated crate allows `deprecated` for its own uses,
/// so only the user's uses warn.
pub(crate) fn deprecated_attr(deprecated: bool) -> TokenStream {
    if deprecated {
        quote!(#[deprecated])
    } else {
        TokenStream::new()
    }
}

/// One short line of what the spec says about a value beyond its type, e.g.
/// "Default: `0.7`. Range: 0 ..= 2."; `None` when it says nothing.
pub(crate) fn constraint_line(c: &Constraints) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    if let Some(default) = &c.default {
        parts.push(format!("Default: {}.", code(default)));
    }
    let range = match (
        &c.minimum,
        &c.exclusive_minimum,
        &c.maximum,
        &c.exclusive_maximum,
    ) {
        (Some(lo), None, Some(hi), None) => Some(format!("{lo} ..= {hi}")),
        (Some(lo), None, None, Some(hi)) => Some(format!("{lo} .. {hi}")),
        (None, None, None, None) => None,
        (min, xmin, max, xmax) => {
            let words: Vec<String> = [
                min.map(|n| format!("at least {n}")),
                xmin.map(|n| format!("more than {n}")),
                max.map(|n| format!("at most {n}")),
                xmax.map(|n| format!("less than {n}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            Some(words.join(", "))
        }
    };
    if let Some(range) = range {
        parts.push(format!("Range: {range}."));
    }
    if let Some(step) = &c.multiple_of {
        parts.push(format!("Multiple of {step}."));
    }
    if let Some(length) = count_range(c.min_length, c.max_length) {
        parts.push(format!("Length: {length}."));
    }
    if let Some(items) = count_range(c.min_items, c.max_items) {
        parts.push(format!("Items: {items}."));
    }
    if let Some(pattern) = &c.pattern {
        parts.push(format!("Pattern: {}.", code(pattern)));
    }
    if let Some(format) = &c.format {
        parts.push(format!("Format: {}.", code(format)));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

fn count_range(min: Option<u64>, max: Option<u64>) -> Option<String> {
    match (min, max) {
        (Some(lo), Some(hi)) => Some(format!("{lo} ..= {hi}")),
        (Some(lo), None) => Some(format!("at least {lo}")),
        (None, Some(hi)) => Some(format!("at most {hi}")),
        (None, None) => None,
    }
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
    use super::{constraint_line, rustdoc_lines};
    use crate::ir::{Constraints, Number};

    #[test]
    fn constraints_read_as_one_short_line() {
        let c = Constraints {
            default: Some("0.7".into()),
            minimum: Some(Number::Integer(0)),
            maximum: Some(Number::Integer(2)),
            ..Default::default()
        };
        assert_eq!(
            constraint_line(&c).unwrap(),
            "Default: `0.7`. Range: 0 ..= 2."
        );
        let c = Constraints {
            exclusive_minimum: Some(Number::Float(0.5)),
            max_length: Some(64),
            pattern: Some("^a`b$".into()),
            format: Some("uuid".into()),
            ..Default::default()
        };
        assert_eq!(
            constraint_line(&c).unwrap(),
            "Range: more than 0.5. Length: at most 64. Pattern: ``^a`b$``. Format: `uuid`."
        );
        assert_eq!(constraint_line(&Constraints::default()), None);
    }

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
