//! Lays out the wire-mapping macros (`json_object!`, `json_enum!`) one property per
//! line. Prettyplease knows nothing of a macro's grammar and reflows its body into
//! paragraphs; these invocations are the one place a reader looks to see how each field
//! is sent and received, so they are printed here instead and spliced into its output.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The macros laid out here, by their last path segment.
const WIRE_MACROS: &[&str] = &["json_object", "json_enum"];

/// The line that stands in for a laid-out macro while prettyplease prints the rest. No
/// spec text can produce it: spec text only reaches the output in literals and comments,
/// never as a whole line of code.
pub(crate) const PLACEHOLDER: &str = "__wire_layout! {}";

/// The placeholder item prettyplease prints as [`PLACEHOLDER`].
pub(crate) fn placeholder() -> syn::Item {
    syn::parse_quote!(__wire_layout! {})
}

/// Whether `item` is the [`placeholder`].
pub(crate) fn is_placeholder(item: &syn::Item) -> bool {
    matches!(item, syn::Item::Macro(mac) if mac.mac.path.is_ident("__wire_layout"))
}

/// `item` laid out one entry per line, if it is a wire macro of the expected shape
/// (`path! { Name { entry, entry, ... } }`); `None` leaves it to prettyplease.
pub(crate) fn layout(item: &syn::Item) -> Option<String> {
    let syn::Item::Macro(mac) = item else {
        return None;
    };
    let path = &mac.mac.path;
    let last = path.segments.last()?.ident.to_string();
    if !WIRE_MACROS.contains(&last.as_str()) || mac.ident.is_some() {
        return None;
    }
    if !matches!(mac.mac.delimiter, syn::MacroDelimiter::Brace(_)) {
        return None;
    }
    let mut tokens = mac.mac.tokens.clone().into_iter();
    let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body)), None) =
        (tokens.next(), tokens.next(), tokens.next())
    else {
        return None;
    };
    if body.delimiter() != Delimiter::Brace {
        return None;
    }
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let leading = if path.leading_colon.is_some() {
        "::"
    } else {
        ""
    };
    let path = format!("{leading}{}", segments.join("::"));
    let mut out = attributes(&mac.attrs);
    out.push_str(&invocation(
        &path,
        &name.to_string(),
        entries(body.stream()),
    ));
    Some(out)
}

/// A wire macro invocation `path! { name { entry, ... } }`, one entry per line: the
/// layout every wire macro gets, whether laid out from tokens here or printed directly
/// (`print.rs`).
pub(crate) fn invocation(
    path: &str,
    name: &str,
    entries: impl IntoIterator<Item = String>,
) -> String {
    let mut out = format!("{path}! {{\n    {name} {{\n");
    for entry in entries {
        out.push_str("        ");
        out.push_str(&entry);
        out.push_str(",\n");
    }
    out.push_str("    }\n}\n");
    out
}

/// Outer attributes (a feature `cfg`) as prettyplease prints them, one per line.
pub(crate) fn attributes(attrs: &[syn::Attribute]) -> String {
    if attrs.is_empty() {
        return String::new();
    }
    let carrier: syn::Item = syn::parse_quote!(#(#attrs)* struct __Attributes;);
    let file = syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![carrier],
    };
    prettyplease::unparse(&file)
        .lines()
        .take_while(|line| !line.starts_with("struct __Attributes"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The comma-separated entries of a macro body, each as one line of text.
fn entries(stream: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    for tt in stream {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == ',' => {
                out.push(line(std::mem::take(&mut current)));
            }
            _ => current.push(tt),
        }
    }
    if !current.is_empty() {
        out.push(line(current));
    }
    out
}

/// Tokens as text: one space between tokens, none before `:` or inside a joint
/// operator (`=>`), groups printed whole.
fn line(tokens: Vec<TokenTree>) -> String {
    let mut text = String::new();
    let mut joint = false;
    for tt in tokens {
        let glue = text.is_empty()
            || joint
            || matches!(&tt, TokenTree::Punct(p) if p.as_char() == ':' && p.spacing() == Spacing::Alone);
        if !glue {
            text.push(' ');
        }
        joint = matches!(&tt, TokenTree::Punct(p) if p.spacing() == Spacing::Joint);
        match tt {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                text.push_str(open);
                text.push_str(&entries(group.stream()).join(", "));
                text.push_str(close);
            }
            other => text.push_str(&other.to_string()),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_macro_gets_one_line_per_entry() {
        let item: syn::Item = syn::parse_quote! {
            crate::runtime::serde_support::json_object! {
                TextPart {
                    const "type" = "text",
                    "text" => text: required,
                    "r#type" => r#type: optional_nullable,
                    extra: keep_json,
                }
            }
        };
        assert_eq!(
            layout(&item).unwrap(),
            "crate::runtime::serde_support::json_object! {\n    TextPart {\n        \
             const \"type\" = \"text\",\n        \"text\" => text: required,\n        \
             \"r#type\" => r#type: optional_nullable,\n        extra: keep_json,\n    }\n}\n"
        );
    }

    #[test]
    fn a_gated_wire_macro_keeps_its_cfg_on_a_line_above() {
        let item: syn::Item = syn::parse_quote! {
            #[cfg(any(feature = "a", feature = "b"))]
            json_enum! { Mode { "x" => X, _ => Other } }
        };
        assert_eq!(
            layout(&item).unwrap(),
            "#[cfg(any(feature = \"a\", feature = \"b\"))]\njson_enum! {\n    Mode {\n        \
             \"x\" => X,\n        _ => Other,\n    }\n}\n"
        );
    }

    #[test]
    fn other_macros_and_other_shapes_are_left_to_prettyplease() {
        let other: syn::Item = syn::parse_quote!(some_macro! { Name { a, b } });
        assert!(layout(&other).is_none());
        let shape: syn::Item = syn::parse_quote!(json_object! { Name });
        assert!(layout(&shape).is_none());
    }
}
