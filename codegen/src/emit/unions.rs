//! Unions: tagged ones dispatch on their tag property, untagged ones on the JSON kind
//! of the value (and required keys for objects). Both serialize by delegating.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::type_attrs;
use super::types::{ident, stored_tokens, TypeIndex};
use crate::ir::{Shape, TaggedUnion, TypeDef, TypeKind, TypeRef, UntaggedUnion};

/// A tagged union with a catch-all for unknown tags.
pub(crate) fn emit_tagged(def: &TypeDef, u: &TaggedUnion, index: &TypeIndex) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_attrs(def);
    let other = ident(&u.other_variant);
    let tag = &u.tag;
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = stored_tokens(&TypeRef::Named(v.ty.clone()), v.boxed);
        let doc = format!(
            " {}",
            super::text::code(&format!("{tag}: \"{}\"", v.tag_value))
        );
        quote! { #[doc = #doc] #variant(#ty), }
    });
    let serialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.tag_value;
        if v.inject_tag {
            quote! { Self::#variant(value) => crate::runtime::serde_support::serialize_tagged(serializer, #tag, #value, value), }
        } else {
            quote! { Self::#variant(value) => ::serde::Serialize::serialize(value, serializer), }
        }
    });
    let deserialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.tag_value;
        let label = format!("{tag} `{value}`");
        let wrap = if v.boxed {
            quote!(|v| Self::#variant(::std::boxed::Box::new(v)))
        } else {
            quote!(Self::#variant)
        };
        // A tag the union writes but the struct has no field for must not end up in `extra`.
        let has_field = matches!(
            index.get(&v.ty).map(|d| &d.kind),
            Some(TypeKind::Struct(s)) if s.fields.iter().any(|f| f.json_name == *tag)
        );
        let input = if v.inject_tag && !has_field {
            quote!(crate::runtime::serde_support::without_key(value, #tag))
        } else {
            quote!(value)
        };
        quote! { ::core::option::Option::Some(#value) => crate::runtime::serde_support::decode(#input, #label).map(#wrap), }
    });
    let from_impls = from_variants(
        &def.name,
        u.variants
            .iter()
            .map(|v| (&v.rust_name, TypeRef::Named(v.ty.clone()), v.boxed)),
        index,
    );
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            /// A variant this version of the crate does not know, kept as received.
            #other(::serde_json::Value),
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                    Self::#other(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match value.get(#tag).and_then(::serde_json::Value::as_str) {
                    #(#deserialize_arms)*
                    _ => ::core::result::Result::Ok(Self::#other(value)),
                }
            }
        }

        #from_impls
    }
}

/// An untagged union.
pub(crate) fn emit_untagged(def: &TypeDef, u: &UntaggedUnion, index: &TypeIndex) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_attrs(def);
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let ty = stored_tokens(&v.ty, v.boxed);
        let doc = format!(" {}", shape_words(&v.shape));
        quote! { #[doc = #doc] #variant(#ty), }
    });
    let serialize_arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        quote! { Self::#variant(value) => ::serde::Serialize::serialize(value, serializer), }
    });
    let (attempts, exhaustive) = dispatch(u);
    let expected = {
        let mut kinds: Vec<&str> = u.variants.iter().map(|v| shape_kind(&v.shape)).collect();
        kinds.dedup();
        format!("expected {} for {}", kinds.join(" or "), def.name)
    };
    let fallback = (!exhaustive)
        .then(|| quote!(::core::result::Result::Err(::serde::de::Error::custom(#expected))));
    let from_impls = from_variants(
        &def.name,
        u.variants
            .iter()
            .map(|v| (&v.rust_name, v.ty.clone(), v.boxed)),
        index,
    );
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(#serialize_arms)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                #(#attempts)*
                #fallback
            }
        }

        #from_impls
    }
}

/// One `if` per variant, in order: the last candidate of a JSON kind decodes directly
/// (so its error explains the failure); earlier ones of the same kind are tried. An object
/// that has none of the keys a variant requires still goes to the last object variant.
/// Also says whether the chain always returns (a variant accepts any value).
fn dispatch(u: &UntaggedUnion) -> (Vec<TokenStream>, bool) {
    let mut out = Vec::new();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for v in &u.variants {
        *by_kind.entry(shape_kind(&v.shape)).or_default() += 1;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut last_object = None;
    for v in &u.variants {
        let kind = shape_kind(&v.shape);
        let count = seen.entry(kind).or_default();
        *count += 1;
        let last_of_kind = *count == by_kind[kind];
        let variant = ident(&v.rust_name);
        let label = v.rust_name.clone();
        let wrap = if v.boxed {
            quote!(|v| Self::#variant(::std::boxed::Box::new(v)))
        } else {
            quote!(Self::#variant)
        };
        let decode = quote!(crate::runtime::serde_support::decode(value, #label).map(#wrap));
        let (condition, decisive) = match &v.shape {
            Shape::Bool => (quote!(value.is_boolean()), false),
            Shape::Integer => (quote!(value.is_i64() || value.is_u64()), false),
            Shape::Number => (quote!(value.is_number()), false),
            Shape::String => (quote!(value.is_string()), false),
            Shape::Array => (quote!(value.is_array()), false),
            Shape::Object { required } if !required.is_empty() => {
                last_object = Some(decode.clone());
                (
                    quote!(crate::runtime::serde_support::has_keys(&value, &[#(#required),*])),
                    true,
                )
            }
            Shape::Object { .. } => {
                last_object = None;
                (quote!(value.is_object()), false)
            }
            Shape::Any => {
                out.push(quote! { #decode });
                return (out, true);
            }
        };
        out.push(if last_of_kind || decisive {
            quote! {
                if #condition {
                    return #decode;
                }
            }
        } else {
            quote! {
                if #condition {
                    if let ::core::result::Result::Ok(decoded) = ::serde_json::from_value(::core::clone::Clone::clone(&value)) {
                        return ::core::result::Result::Ok(#wrap(decoded));
                    }
                }
            }
        });
    }
    if let Some(decode) = last_object {
        out.push(quote! {
            if value.is_object() {
                return #decode;
            }
        });
    }
    (out, false)
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

/// `From` each variant's type into the union, plus `&str` for a string variant and one
/// level through nested unions, skipping any conversion that would be ambiguous.
fn from_variants<'v>(
    union: &str,
    variants: impl Iterator<Item = (&'v String, TypeRef, bool)>,
    index: &TypeIndex,
) -> TokenStream {
    let direct: Vec<(TypeRef, TokenStream)> = variants
        .map(|(variant, ty, boxed)| {
            let variant = ident(variant);
            let wrap = if boxed {
                quote!(Self::#variant(::std::boxed::Box::new(value)))
            } else {
                quote!(Self::#variant(value))
            };
            (ty, wrap)
        })
        .collect();
    let convertible = convertible_types(union, direct.iter().map(|(ty, _)| ty.clone()), index);
    let mut taken: BTreeSet<TypeRef> = BTreeSet::new();
    let mut sources: Vec<(TypeRef, TokenStream)> = Vec::new();
    for (ty, wrap) in &direct {
        if convertible.contains(ty) && taken.insert(index.canonical(ty)) {
            sources.push((ty.clone(), wrap.clone()));
        }
    }
    // One level through nested unions: a `TextPart` into a `Content` that holds a `Part` union.
    let mut nested: BTreeMap<TypeRef, Vec<TokenStream>> = BTreeMap::new();
    for (ty, wrap) in &direct {
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
        let inner_ident = ident(inner_name);
        for inner in convertible_types(inner_name, inner_variants.into_iter(), index) {
            let via = quote! { { let value = <#inner_ident as ::core::convert::From<_>>::from(value); #wrap } };
            nested.entry(inner).or_default().push(via);
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
    let name = ident(union);
    let impls = sources.iter().map(|(ty, body)| {
        let source = super::types::type_tokens(ty);
        let string_list = TypeRef::List(Box::new(TypeRef::String));
        let str_impl = if *ty == TypeRef::String {
            quote! {
                impl ::core::convert::From<&str> for #name {
                    fn from(value: &str) -> Self {
                        <Self as ::core::convert::From<::std::string::String>>::from(::std::string::ToString::to_string(value))
                    }
                }
            }
        } else if index.canonical(ty) == string_list {
            quote! {
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
        } else {
            TokenStream::new()
        };
        quote! {
            impl ::core::convert::From<#source> for #name {
                fn from(value: #source) -> Self {
                    #body
                }
            }
            #str_impl
        }
    });
    quote! { #(#impls)* }
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
