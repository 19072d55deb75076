//! Union items written straight to text: the enum and its `From` conversions, laid out
//! exactly as prettyplease lays out the tokens `unions.rs` builds for them
//! (`tests/tests/print_matches_prettyplease.rs` compares the two). A line this printer
//! cannot be sure of makes the item return `None`, and it goes the token way.

use std::fmt::Write as _;

use super::print::{fits, push_docs, type_header, type_text, whole};
use super::unions::{Conversion, ConversionKind, UnionEnum};

/// The union's enum, without its feature gate.
pub(crate) fn definition(shape: &UnionEnum<'_>) -> Option<String> {
    let def = shape.def;
    let mut out = type_header(def)?;
    out.push_str("#[derive(Debug, Clone, PartialEq)]\n");
    let _ = writeln!(out, "pub enum {} {{", def.name);
    for variant in &shape.variants {
        push_docs(&mut out, "    ", std::slice::from_ref(&variant.doc))?;
        let ty = if variant.boxed {
            format!("::std::boxed::Box<{}>", type_text(&variant.ty))
        } else {
            type_text(&variant.ty)
        };
        out.push_str(&whole(format!("    {}({ty}),", variant.name))?);
        out.push('\n');
    }
    if let Some(other) = shape.other {
        out.push_str(
            "    /// A variant this version of the crate does not know, kept as received.\n",
        );
        let _ = writeln!(out, "    {other}(::serde_json::Value),");
    }
    out.push_str("}\n");
    Some(out)
}

/// One `From` impl, without its feature gate; `None` for the `&str` forms, whose
/// bodies prettyplease breaks over many lines.
pub(crate) fn conversion(union: &str, conversion: &Conversion) -> Option<String> {
    let source = type_text(&conversion.source);
    let wrap = |variant: &str, boxed: bool| {
        if boxed {
            format!("Self::{variant}(::std::boxed::Box::new(value))")
        } else {
            format!("Self::{variant}(value)")
        }
    };
    let body = match &conversion.kind {
        ConversionKind::Wrap { variant, boxed } => {
            format!("{}\n", whole(format!("        {}", wrap(variant, *boxed)))?)
        }
        ConversionKind::Via {
            inner,
            variant,
            boxed,
        } => {
            let bind = whole(format!(
                "            let value = <{inner} as ::core::convert::From<_>>::from(value);"
            ))?;
            let wrap = whole(format!("            {}", wrap(variant, *boxed)))?;
            format!("        {{\n{bind}\n{wrap}\n        }}\n")
        }
        ConversionKind::Str | ConversionKind::StrList => return None,
    };
    let mut out = String::new();
    let header = format!("impl ::core::convert::From<{source}> for {union} {{");
    if fits(header.len()) {
        out.push_str(&header);
    } else {
        // prettyplease breaks an impl header before `for`, at the item's indentation.
        out.push_str(&whole(format!("impl ::core::convert::From<{source}>"))?);
        out.push('\n');
        out.push_str(&whole(format!("for {union} {{"))?);
    }
    out.push('\n');
    out.push_str(&whole(format!("    fn from(value: {source}) -> Self {{"))?);
    out.push('\n');
    out.push_str(&body);
    out.push_str("    }\n}\n");
    Some(out)
}
