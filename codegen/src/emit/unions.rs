//! Unions: tagged ones dispatch on their tag property, untagged ones on the JSON kind
//! of the value (and required keys for objects), each wired by one line per variant in
//! the runtime's `json_tagged!` / `json_untagged!`. Both serialize by delegating.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::type_attrs;
use super::format::Emitted;
use super::types::{ident, stored_tokens, TypeIndex};
use super::wire_layout::invocation;
use crate::ir::{Shape, TaggedUnion, TaggedVariant, TypeDef, TypeKind, TypeRef, UntaggedUnion};

/// What an emitter needs to print one variant of a union's enum.
pub(crate) struct VariantLine {
    /// The doc line: the tag value, or the JSON shape the variant takes.
    pub doc: String,
    /// The Rust variant name.
    pub name: String,
    /// The stored type (boxed when it breaks a type cycle).
    pub ty: TypeRef,
    pub boxed: bool,
}

/// A union's enum: its variants, and the catch-all for unknown tags, if it has one.
pub(crate) struct UnionEnum<'a> {
    pub def: &'a TypeDef,
    pub variants: Vec<VariantLine>,
    pub other: Option<&'a str>,
}

/// A tagged union: the enum (with a catch-all for unknown tags), its `json_tagged!`
/// wiring and its `From` conversions.
pub(crate) fn tagged_items(
    def: &TypeDef,
    u: &TaggedUnion,
    index: &TypeIndex,
    direct: bool,
) -> Vec<Emitted> {
    let tag = &u.tag;
    let shape = UnionEnum {
        def,
        variants: u
            .variants
            .iter()
            .map(|v| VariantLine {
                doc: format!(
                    " {}",
                    super::text::code(&format!("{tag}: \"{}\"", v.tag_value))
                ),
                name: v.rust_name.clone(),
                ty: TypeRef::Named(v.ty.clone()),
                boxed: v.boxed,
            })
            .collect(),
        other: Some(&u.other_variant),
    };
    let entries = std::iter::once(format!("tag {}", string_literal(tag)))
        .chain(u.variants.iter().map(|v| {
            format!(
                "{} => {}: {}",
                string_literal(&v.tag_value),
                v.rust_name,
                tagged_mode(u, v, index)
            )
        }))
        .chain([format!("_ => {}", u.other_variant)]);
    let wiring = invocation(
        "crate::runtime::serde_support::json_tagged",
        &def.name,
        entries,
    );
    let conversions = conversions(
        &def.name,
        u.variants
            .iter()
            .map(|v| (&v.rust_name, TypeRef::Named(v.ty.clone()), v.boxed)),
        index,
    );
    union_items(&shape, wiring, &conversions, direct)
}

/// Who writes a variant's tag (see the runtime's `json_tagged!`).
fn tagged_mode(u: &TaggedUnion, v: &TaggedVariant, index: &TypeIndex) -> &'static str {
    if !v.inject_tag {
        return "tag_in_variant";
    }
    // A tag the union writes but the struct has no field for must not end up in `extra`.
    let has_field = matches!(
        index.get(&v.ty).map(|d| &d.kind),
        Some(TypeKind::Struct(s)) if s.fields.iter().any(|f| f.json_name == u.tag)
    );
    if has_field {
        "tag_added_to_field"
    } else {
        "tag_added"
    }
}

/// An untagged union: the enum, its `json_untagged!` wiring and its `From` conversions.
pub(crate) fn untagged_items(
    def: &TypeDef,
    u: &UntaggedUnion,
    index: &TypeIndex,
    direct: bool,
) -> Vec<Emitted> {
    let shape = UnionEnum {
        def,
        variants: u
            .variants
            .iter()
            .map(|v| VariantLine {
                doc: format!(" {}", shape_words(&v.shape)),
                name: v.rust_name.clone(),
                ty: v.ty.clone(),
                boxed: v.boxed,
            })
            .collect(),
        other: None,
    };
    let mut entries = dispatch(u);
    if !entries.exhaustive {
        let mut kinds: Vec<&str> = u.variants.iter().map(|v| shape_kind(&v.shape)).collect();
        kinds.dedup();
        let expected = format!("expected {} for {}", kinds.join(" or "), def.name);
        entries
            .lines
            .push(format!("_ => {}", string_literal(&expected)));
    }
    let wiring = invocation(
        "crate::runtime::serde_support::json_untagged",
        &def.name,
        entries.lines,
    );
    let conversions = conversions(
        &def.name,
        u.variants
            .iter()
            .map(|v| (&v.rust_name, v.ty.clone(), v.boxed)),
        index,
    );
    union_items(&shape, wiring, &conversions, direct)
}

/// The enum, the wiring (always text: it is laid out one line per variant), and each
/// conversion: printed as text when `direct` and the printer is sure of the layout,
/// else as tokens for prettyplease.
fn union_items(
    shape: &UnionEnum<'_>,
    wiring: String,
    conversions: &[Conversion],
    direct: bool,
) -> Vec<Emitted> {
    let mut items = Vec::with_capacity(conversions.len() + 2);
    items.push(
        direct
            .then(|| super::print_unions::definition(shape))
            .flatten()
            .map_or_else(
                || Emitted::Tokens(enum_tokens(shape)),
                |text| Emitted::Text(vec![text]),
            ),
    );
    items.push(Emitted::Text(vec![wiring]));
    let union = &shape.def.name;
    for conversion in conversions {
        items.push(
            direct
                .then(|| super::print_unions::conversion(union, conversion))
                .flatten()
                .map_or_else(
                    || Emitted::Tokens(conversion_tokens(union, conversion)),
                    |text| Emitted::Text(vec![text]),
                ),
        );
    }
    items
}

fn string_literal(text: &str) -> String {
    proc_macro2::Literal::string(text).to_string()
}

/// The enum's definition as tokens.
fn enum_tokens(shape: &UnionEnum<'_>) -> TokenStream {
    let name = ident(&shape.def.name);
    let docs = type_attrs(shape.def);
    let variants = shape.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let ty = stored_tokens(&v.ty, v.boxed);
        let doc = &v.doc;
        quote! { #[doc = #doc] #variant(#ty), }
    });
    let other = shape.other.map(|other| {
        let other = ident(other);
        quote! {
            /// A variant this version of the crate does not know, kept as received.
            #other(::serde_json::Value),
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            #other
        }
    }
}

/// The dispatch lines of `json_untagged!`, and whether they decide every value (a
/// variant takes any value), so that no error line is needed.
struct Dispatch {
    lines: Vec<String>,
    exhaustive: bool,
}

/// One line per variant, in order: the last candidate of a JSON kind decides (so its
/// error explains the failure); earlier ones of the same kind are tried. An object
/// that has none of the keys a variant requires still goes to the last object variant.
fn dispatch(u: &UntaggedUnion) -> Dispatch {
    let mut lines = Vec::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &u.variants {
        *by_kind.entry(shape_kind(&v.shape)).or_default() += 1;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut last_object = None;
    for (at, v) in u.variants.iter().enumerate() {
        let kind = shape_kind(&v.shape);
        let count = seen.entry(kind).or_default();
        *count += 1;
        let last_of_kind = *count == by_kind[kind];
        let test = test_words(&v.shape);
        let decisive = match &v.shape {
            Shape::Object { required } if !required.is_empty() => {
                last_object = Some(&v.rust_name);
                true
            }
            Shape::Object { .. } => {
                last_object = None;
                false
            }
            Shape::Any => {
                lines.push(format!("any => {}: decide", v.rust_name));
                // Every value stops at `any`; the variants after it still need their
                // line, for `Serialize`.
                for later in &u.variants[at + 1..] {
                    let test = test_words(&later.shape);
                    lines.push(format!("{test} => {}: never", later.rust_name));
                }
                return Dispatch {
                    lines,
                    exhaustive: true,
                };
            }
            _ => false,
        };
        let how = if last_of_kind || decisive {
            "decide"
        } else {
            "try_next"
        };
        lines.push(format!("{test} => {}: {how}", v.rust_name));
    }
    if let Some(variant) = last_object {
        lines.push(format!("object => {variant}: decide"));
    }
    Dispatch {
        lines,
        exhaustive: false,
    }
}

/// The test of a `json_untagged!` line for a variant of this shape.
fn test_words(shape: &Shape) -> String {
    match shape {
        Shape::Bool => "boolean".into(),
        Shape::Integer => "integer".into(),
        Shape::Number => "number".into(),
        Shape::String => "string".into(),
        Shape::Array => "array".into(),
        Shape::Object { required } if !required.is_empty() => {
            let keys: Vec<String> = required.iter().map(|k| string_literal(k)).collect();
            format!("object [{}]", keys.join(", "))
        }
        Shape::Object { .. } => "object".into(),
        Shape::Any => "any".into(),
    }
}

fn shape_kind(shape: &Shape) -> &'static str {
    match shape {
        Shape::Bool => "a boolean",
        Shape::Integer | Shape::Number => "a number",
        Shape::String => "a string",
        Shape::Array => "an array",
        Shape::Object { .. } => "an object",
        Shape::Any => "any value",
    }
}

fn shape_words(shape: &Shape) -> String {
    match shape {
        Shape::Object { required } if !required.is_empty() => {
            let keys: Vec<String> = required.iter().map(|k| super::text::code(k)).collect();
            format!("An object with {}.", keys.join(", "))
        }
        other => {
            let kind = shape_kind(other);
            let mut chars = kind.chars();
            let first = chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .unwrap_or_default();
            format!("{first}{}.", chars.as_str())
        }
    }
}

/// One `From` impl of a union.
pub(crate) struct Conversion {
    /// The type converted from (for the `&str` forms, the type they go through).
    pub source: TypeRef,
    pub kind: ConversionKind,
}

/// How a [`Conversion`] builds the union.
pub(crate) enum ConversionKind {
    /// `Self::Variant(value)`, boxed when the variant is.
    Wrap { variant: String, boxed: bool },
    /// Into the nested union `inner` first, then into its variant.
    Via {
        inner: String,
        variant: String,
        boxed: bool,
    },
    /// From `&str`, through `String`.
    Str,
    /// From `Vec<&str>` and `[&str; N]`, through the list of strings `source`.
    StrList,
}

/// `From` each variant's type into the union, plus `&str` for a string variant and one
/// level through nested unions, skipping any conversion that would be ambiguous.
fn conversions<'v>(
    union: &str,
    variants: impl Iterator<Item = (&'v String, TypeRef, bool)>,
    index: &TypeIndex,
) -> Vec<Conversion> {
    let direct: Vec<(TypeRef, &String, bool)> = variants
        .map(|(variant, ty, boxed)| (ty, variant, boxed))
        .collect();
    let convertible = convertible_types(union, direct.iter().map(|(ty, ..)| ty.clone()), index);
    let mut taken: BTreeSet<TypeRef> = BTreeSet::new();
    let mut sources: Vec<(TypeRef, ConversionKind)> = Vec::new();
    for (ty, variant, boxed) in &direct {
        if convertible.contains(ty) && taken.insert(index.canonical(ty)) {
            let kind = ConversionKind::Wrap {
                variant: (*variant).clone(),
                boxed: *boxed,
            };
            sources.push((ty.clone(), kind));
        }
    }
    // One level through nested unions: a `TextPart` into a `Content` that holds a `Part` union.
    let mut nested: BTreeMap<TypeRef, Vec<ConversionKind>> = BTreeMap::new();
    for (ty, variant, boxed) in &direct {
        let TypeRef::Named(inner_name) = ty else {
            continue;
        };
        if !convertible.contains(ty) {
            continue;
        }
        let inner_variants: Vec<TypeRef> = match index.get(inner_name).map(|d| &d.kind) {
            Some(TypeKind::Tagged(t)) => t
                .variants
                .iter()
                .map(|v| TypeRef::Named(v.ty.clone()))
                .collect(),
            Some(TypeKind::Untagged(t)) => t.variants.iter().map(|v| v.ty.clone()).collect(),
            _ => continue,
        };
        for inner in convertible_types(inner_name, inner_variants.into_iter(), index) {
            nested.entry(inner).or_default().push(ConversionKind::Via {
                inner: inner_name.clone(),
                variant: (*variant).clone(),
                boxed: *boxed,
            });
        }
    }
    for (ty, vias) in nested {
        let canonical = index.canonical(&ty);
        if vias.len() == 1 && ty != TypeRef::Named(union.to_string()) && !taken.contains(&canonical)
        {
            taken.insert(canonical);
            sources.push((ty, vias.into_iter().next().expect("one way")));
        }
    }
    let string_list = TypeRef::List(Box::new(TypeRef::String));
    let mut out = Vec::with_capacity(sources.len());
    for (source, kind) in sources {
        let also = if source == TypeRef::String {
            Some(ConversionKind::Str)
        } else if index.canonical(&source) == string_list {
            Some(ConversionKind::StrList)
        } else {
            None
        };
        out.push(Conversion {
            source: source.clone(),
            kind,
        });
        if let Some(kind) = also {
            out.push(Conversion { source, kind });
        }
    }
    out
}

/// A conversion's impl (two for [`ConversionKind::StrList`]) as tokens.
fn conversion_tokens(union: &str, conversion: &Conversion) -> TokenStream {
    let name = ident(union);
    let source = super::types::type_tokens(&conversion.source);
    let wrap = |variant: &str, boxed: bool| {
        let variant = ident(variant);
        if boxed {
            quote!(Self::#variant(::std::boxed::Box::new(value)))
        } else {
            quote!(Self::#variant(value))
        }
    };
    let body = match &conversion.kind {
        ConversionKind::Wrap { variant, boxed } => wrap(variant, *boxed),
        ConversionKind::Via {
            inner,
            variant,
            boxed,
        } => {
            let inner = ident(inner);
            let wrap = wrap(variant, *boxed);
            quote! { { let value = <#inner as ::core::convert::From<_>>::from(value); #wrap } }
        }
        ConversionKind::Str => {
            return quote! {
                impl ::core::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        <Self as ::core::convert::From<::std::string::String>>::from(::std::string::ToString::to_string(value))
                    }
                }
            }
        }
        ConversionKind::StrList => {
            return quote! {
                impl ::core::convert::From<::std::vec::Vec<&str>> for #name {
                    fn from(value: ::std::vec::Vec<&str>) -> Self {
                        <Self as ::core::convert::From<#source>>::from(::core::iter::Iterator::collect(::core::iter::Iterator::map(::core::iter::IntoIterator::into_iter(value), ::std::string::ToString::to_string)))
                    }
                }
                impl<const N: usize> ::core::convert::From<[&str; N]> for #name {
                    fn from(value: [&str; N]) -> Self {
                        <Self as ::core::convert::From<#source>>::from(::core::iter::Iterator::collect(::core::iter::Iterator::map(::core::iter::IntoIterator::into_iter(value), ::std::string::ToString::to_string)))
                    }
                }
            }
        }
    };
    quote! {
        impl ::core::convert::From<#source> for #name {
            fn from(value: #source) -> Self {
                #body
            }
        }
    }
}

/// The variant types a union can convert from unambiguously: each appears once (after
/// aliases are expanded), is not the union itself, and is not a catch-all JSON value.
fn convertible_types(
    union: &str,
    types: impl Iterator<Item = TypeRef>,
    index: &TypeIndex,
) -> BTreeSet<TypeRef> {
    let types: Vec<TypeRef> = types.collect();
    let mut counts: BTreeMap<TypeRef, usize> = BTreeMap::new();
    for ty in &types {
        *counts.entry(index.canonical(ty)).or_default() += 1;
    }
    types
        .into_iter()
        .filter(|ty| {
            let canonical = index.canonical(ty);
            counts[&canonical] == 1
                && canonical != TypeRef::Named(union.to_string())
                && !matches!(canonical, TypeRef::Nullable(_) | TypeRef::Any)
        })
        .collect()
}
