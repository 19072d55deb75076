//! Struct and enum items written straight to text. A struct's definition, builder
//! methods and wire mapping are most of any crate, and their layout (like an open enum's)
//! is plain, so they skip the tokens → `syn` → prettyplease round trip that costs most of
//! emission's time.
//!
//! The text is exactly what prettyplease prints for the same items
//! (`tests/tests/print_matches_prettyplease.rs` compares the two on every fixture and
//! real spec). A line that would have to break in a way not modelled here (a type
//! broken twice, a doc line prettyplease prints as an attribute) makes the item return
//! `None`, and it goes the token way.

use std::fmt::Write as _;

use super::docs::{field_doc_lines, rustdoc_lines};
use super::types::constructor_fields;
use super::wire_layout::invocation;
use crate::ir::{Extra, Field, IntFormat, StringEnum, Struct, TypeDef, TypeRef, WireMode};

/// prettyplease's margin: the longest line it keeps whole.
pub(super) const MARGIN: usize = 89;

/// prettyplease keeps a struct literal on one line only up to this width, its closing
/// brace not counted.
pub(super) const STRUCT_LITERAL_WIDTH: usize = 34;

/// Whether prettyplease keeps the struct literal `literal` (`Name { .. }`) on one line.
pub(super) fn literal_on_one_line(literal: &str) -> bool {
    literal.len() - 1 <= STRUCT_LITERAL_WIDTH
}

/// Whether a line of `len` characters stays whole within the margin.
pub(super) fn fits(len: usize) -> bool {
    len <= MARGIN
}

/// A line that must stay whole: `None` when it would not.
pub(super) fn whole(line: String) -> Option<String> {
    fits(line.len()).then_some(line)
}

/// The struct's items as text, each without its feature gate: the definition, the
/// `impl` with `new` and the setters, and the `json_object!` wiring. `None` when some
/// part is not plain.
pub(crate) fn struct_items(def: &TypeDef, s: &Struct) -> Option<[String; 3]> {
    Some([definition(def, s)?, builder(def, s)?, wire_mapping(def, s)])
}

/// Whether a line's trailing comma counts toward its width. prettyplease counts the
/// separator before a next item, and ends struct fields (and a struct literal's fields)
/// with a break one space wide; the comma after the last parameter or generic argument
/// of a broken list is only printed because the list broke, and takes no width.
#[derive(Clone, Copy)]
enum Comma {
    Counted,
    Trailing,
}

impl Comma {
    fn of(is_last: bool) -> Self {
        if is_last {
            Comma::Trailing
        } else {
            Comma::Counted
        }
    }

    /// The width that decides whether `line` (ending in this comma) fits.
    fn width(self, line: &str) -> usize {
        match self {
            Comma::Counted => line.len(),
            Comma::Trailing => line.len() - 1,
        }
    }
}

/// A line ending in `comma` that must stay whole: `None` when it might not.
fn whole_item(line: String, comma: Comma) -> Option<String> {
    fits(comma.width(&line)).then_some(line)
}

/// An open string enum's items as text, each without its feature gate: the enum and
/// its `json_enum!` wiring. `None` when a doc line is not plain.
pub(crate) fn enum_items(def: &TypeDef, e: &StringEnum) -> Option<[String; 2]> {
    let mut out = type_header(def)?;
    out.push_str("#[derive(Debug, Clone, PartialEq, Eq, Hash)]\n");
    let _ = writeln!(out, "pub enum {} {{", def.name);
    for value in &e.values {
        push_docs(
            &mut out,
            "    ",
            &[format!(" {}", super::text::code(&value.json))],
        )?;
        let _ = writeln!(out, "    {},", value.rust_name);
    }
    out.push_str("    /// A value this version of the crate does not know, kept as received.\n");
    let _ = writeln!(out, "    {}(::std::string::String),\n}}", e.other_variant);
    let entries = e
        .values
        .iter()
        .map(|value| {
            format!(
                "{} => {}",
                proc_macro2::Literal::string(&value.json),
                value.rust_name
            )
        })
        .chain([format!("_ => {}", e.other_variant)]);
    let wiring = invocation(
        "crate::runtime::serde_support::json_enum",
        &def.name,
        entries,
    );
    Some([out, wiring])
}

/// `{indent}{prefix}{ty},` on one line, or, when that is too long, with the outermost
/// generic arguments of `ty` one per line as prettyplease breaks them.
fn push_typed(out: &mut String, indent: &str, prefix: &str, ty: &str, comma: Comma) -> Option<()> {
    let line = format!("{indent}{prefix}{ty},");
    if fits(comma.width(&line)) {
        out.push_str(&line);
        out.push('\n');
        return Some(());
    }
    let open = ty.find('<')?;
    let inner = ty[open + 1..].strip_suffix('>')?;
    out.push_str(&whole(format!("{indent}{prefix}{}", &ty[..=open]))?);
    out.push('\n');
    let args = top_level_args(inner);
    for (i, arg) in args.iter().enumerate() {
        let line = format!("{indent}    {arg},");
        out.push_str(&whole_item(line, Comma::of(i + 1 == args.len()))?);
        out.push('\n');
    }
    let _ = writeln!(out, "{indent}>,");
    Some(())
}

/// The comma-separated arguments of a generic argument list, nested lists kept whole.
fn top_level_args(list: &str) -> Vec<&str> {
    let (mut args, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in list.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                args.push(list[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(list[start..].trim());
    args
}

/// A named type's doc lines and `#[deprecated]`, as `docs::type_attrs` writes them.
pub(super) fn type_header(def: &TypeDef) -> Option<String> {
    let mut out = String::new();
    push_docs(
        &mut out,
        "",
        &def.docs.as_deref().map(rustdoc_lines).unwrap_or_default(),
    )?;
    if def.deprecated {
        out.push_str("#[deprecated]\n");
    }
    Some(out)
}

/// `///` lines for doc strings as `#[doc = ...]` holds them, or `None` for a string
/// prettyplease would print as an attribute or a block comment.
pub(super) fn push_docs(out: &mut String, indent: &str, lines: &[String]) -> Option<()> {
    for line in lines {
        if line.contains('\n') || line.starts_with('/') {
            return None;
        }
        let _ = writeln!(out, "{indent}///{}", line.trim_end_matches(' '));
    }
    Some(())
}

fn definition(def: &TypeDef, s: &Struct) -> Option<String> {
    if s.fields.is_empty() && s.extra == Extra::Forbidden {
        return None;
    }
    let mut out = type_header(def)?;
    if !s.constants.is_empty() {
        let list: Vec<String> = s
            .constants
            .iter()
            .map(|c| {
                super::text::code(&format!(
                    "\"{}\": {}",
                    c.json_name,
                    super::structs::literal_json(&c.value)
                ))
            })
            .collect();
        push_docs(
            &mut out,
            "",
            &[
                String::new(),
                format!(" Always sent with {}.", list.join(", ")),
            ],
        )?;
    }
    let default = if constructor_fields(s.fields.iter()).next().is_none() {
        ", Default"
    } else {
        ""
    };
    let _ = writeln!(out, "#[derive(Debug, Clone, PartialEq{default})]");
    let _ = writeln!(out, "pub struct {} {{", def.name);
    for field in &s.fields {
        push_docs(&mut out, "    ", &field_doc_lines(field))?;
        if field.deprecated {
            out.push_str("    #[deprecated]\n");
        }
        push_typed(
            &mut out,
            "    ",
            &format!("pub {}: ", field.rust_name),
            &field_type(field),
            Comma::Counted,
        )?;
    }
    if let Some(ty) = extra_type(&s.extra) {
        out.push_str(
            "    /// Properties the spec does not describe, kept as received and sent back as given.\n",
        );
        push_typed(&mut out, "    ", "pub extra: ", &ty, Comma::Counted)?;
    }
    out.push_str("}\n");
    Some(out)
}

fn builder(def: &TypeDef, s: &Struct) -> Option<String> {
    let required: Vec<&Field> = constructor_fields(s.fields.iter()).collect();
    let mut out = format!("impl {} {{\n", def.name);
    if required.is_empty() {
        let _ = writeln!(
            out,
            "    /// Creates an empty `{}`; set what you need with the methods below.",
            def.name
        );
        out.push_str("    pub fn new() -> Self {\n");
        out.push_str("        <Self as ::core::default::Default>::default()\n");
        out.push_str("    }\n");
    } else {
        let _ = writeln!(
            out,
            "    /// Creates `{}` from its required fields.",
            def.name
        );
        if required.len() > 7 {
            out.push_str("    #[allow(clippy::too_many_arguments)]\n");
        }
        let params: Vec<(String, String)> = required
            .iter()
            .map(|f| (format!("{}: ", f.rust_name), argument(&f.ty).0))
            .collect();
        signature(&mut out, "new", &params)?;
        let inits: Vec<String> = s
            .fields
            .iter()
            .map(|f| {
                let name = &f.rust_name;
                if required.iter().any(|r| r.rust_name == f.rust_name) {
                    let into = argument(&f.ty).1;
                    match (into, f.boxed) {
                        (false, false) => name.clone(),
                        (true, false) => format!("{name}: ::core::convert::Into::into({name})"),
                        (false, true) => format!("{name}: ::std::boxed::Box::new({name})"),
                        (true, true) => format!(
                            "{name}: ::std::boxed::Box::new(::core::convert::Into::into({name}))"
                        ),
                    }
                } else if f.wire == WireMode::OptionalNullable {
                    format!("{name}: crate::runtime::Nullable::Absent")
                } else {
                    format!("{name}: ::core::option::Option::None")
                }
            })
            .chain(
                (s.extra != Extra::Forbidden)
                    .then(|| "extra: ::core::default::Default::default()".to_string()),
            )
            .collect();
        let literal = format!("Self {{ {} }}", inits.join(", "));
        let one_line = format!("        {literal}");
        if literal_on_one_line(&literal) {
            out.push_str(&one_line);
            out.push('\n');
        } else {
            out.push_str("        Self {\n");
            for init in &inits {
                let line = format!("            {init},");
                out.push_str(&whole_item(line, Comma::Counted)?);
                out.push('\n');
            }
            out.push_str("        }\n");
        }
        out.push_str("    }\n");
    }
    // Lowering names a setter for each field that is not an argument of `new`.
    for (field, setter) in s
        .fields
        .iter()
        .filter_map(|f| Some((f, f.setter.as_deref()?)))
    {
        let (ty, into) = argument(&field.ty);
        let mut value = if into {
            "::core::convert::Into::into(value)".to_string()
        } else {
            "value".to_string()
        };
        if field.boxed {
            value = format!("::std::boxed::Box::new({value})");
        }
        let (doc, wrapper) = if field.wire == WireMode::OptionalNullable {
            (
                format!(
                    " Sets {} to a value (to send `null`, set the field to `Nullable::Null`).",
                    super::text::code(&field.json_name)
                ),
                "crate::runtime::Nullable::Value",
            )
        } else {
            (
                format!(" Sets {}.", super::text::code(&field.json_name)),
                "::core::option::Option::Some",
            )
        };
        out.push('\n');
        push_docs(&mut out, "    ", &[doc])?;
        signature(
            &mut out,
            setter,
            &[
                ("mut self".to_string(), String::new()),
                ("value: ".to_string(), ty),
            ],
        )?;
        let assign = format!("        self.{} = {wrapper}({value});", field.rust_name);
        if fits(assign.len()) {
            out.push_str(&assign);
        } else {
            out.push_str(&whole(format!(
                "        self.{} = {wrapper}(",
                field.rust_name
            ))?);
            out.push('\n');
            out.push_str(&whole_item(
                format!("            {value},"),
                Comma::Trailing,
            )?);
            out.push_str("\n        );");
        }
        out.push_str("\n        self\n    }\n");
    }
    out.push_str("}\n");
    Some(out)
}

/// `    pub fn name(params) -> Self {` on one line, or with one parameter per line.
/// Each parameter is its pattern (with `: `) and its type.
fn signature(out: &mut String, name: &str, params: &[(String, String)]) -> Option<()> {
    let joined: Vec<String> = params.iter().map(|(p, ty)| format!("{p}{ty}")).collect();
    let one_line = format!("    pub fn {name}({}) -> Self {{", joined.join(", "));
    if fits(one_line.len()) {
        out.push_str(&one_line);
        out.push('\n');
    } else {
        let _ = writeln!(out, "    pub fn {name}(");
        for (i, (pattern, ty)) in params.iter().enumerate() {
            push_typed(
                out,
                "        ",
                pattern,
                ty,
                Comma::of(i + 1 == params.len()),
            )?;
        }
        out.push_str("    ) -> Self {\n");
    }
    Some(())
}

/// The `json_object!` invocation, laid out as `wire_layout.rs` lays it out.
fn wire_mapping(def: &TypeDef, s: &Struct) -> String {
    let constants = s.constants.iter().map(|c| {
        format!(
            "const {} = {}",
            proc_macro2::Literal::string(&c.json_name),
            super::structs::literal_tokens(&c.value)
        )
    });
    let fields = s.fields.iter().map(|f| {
        format!(
            "{} => {}: {}",
            proc_macro2::Literal::string(&f.json_name),
            f.rust_name,
            super::structs::mode_word(f.wire)
        )
    });
    let extra = format!("extra: {}", super::structs::extra_word(&s.extra));
    let entries = constants.chain(fields).chain([extra]);
    invocation(
        "crate::runtime::serde_support::json_object",
        &def.name,
        entries,
    )
}

/// The field's type, as `types::field_tokens` spells it.
fn field_type(field: &Field) -> String {
    let stored = if field.boxed {
        format!("::std::boxed::Box<{}>", type_text(&field.ty))
    } else {
        type_text(&field.ty)
    };
    match field.wire {
        WireMode::Required | WireMode::DefaultIfMissing => stored,
        WireMode::OptionalNullable => format!("crate::runtime::Nullable<{stored}>"),
        WireMode::RequiredNullable | WireMode::Optional | WireMode::OptionalWithDefault => {
            format!("::core::option::Option<{stored}>")
        }
    }
}

fn extra_type(extra: &Extra) -> Option<String> {
    match extra {
        Extra::Forbidden => None,
        Extra::Any => Some("crate::runtime::extra::Extra".into()),
        Extra::Typed(ty) => Some(format!(
            "::std::collections::BTreeMap<::std::string::String, {}>",
            type_text(ty)
        )),
    }
}

/// A constructor or setter argument, as `types::argument` spells it, and whether the
/// value goes through `Into`.
fn argument(ty: &TypeRef) -> (String, bool) {
    match ty {
        TypeRef::String | TypeRef::Named(_) => (
            format!("impl ::core::convert::Into<{}>", type_text(ty)),
            true,
        ),
        TypeRef::Map(inner) if **inner == TypeRef::Any => {
            (format!("impl Into<{}>", type_text(ty)), true)
        }
        other => (type_text(other), false),
    }
}

/// A type expression, as `types::type_tokens` spells it.
pub(super) fn type_text(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "::std::string::String".into(),
        TypeRef::Integer(IntFormat::U8) => "u8".into(),
        TypeRef::Integer(IntFormat::I32) => "i32".into(),
        TypeRef::Integer(IntFormat::I64) => "i64".into(),
        TypeRef::Integer(IntFormat::U32) => "u32".into(),
        TypeRef::Integer(IntFormat::U64) => "u64".into(),
        TypeRef::Number => "f64".into(),
        TypeRef::Bool => "bool".into(),
        TypeRef::Any => "::serde_json::Value".into(),
        TypeRef::List(inner) => format!("::std::vec::Vec<{}>", type_text(inner)),
        TypeRef::Map(inner) if **inner == TypeRef::Any => "crate::runtime::JsonObject".into(),
        TypeRef::Map(inner) => format!(
            "::std::collections::BTreeMap<::std::string::String, {}>",
            type_text(inner)
        ),
        TypeRef::Nullable(inner) => format!("::core::option::Option<{}>", type_text(inner)),
    }
}
