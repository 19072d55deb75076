//! Type expressions and identifiers.

use std::collections::HashMap;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Api, Field, IntFormat, TypeDef, TypeKind, TypeRef, WireMode};

/// Lookups over the API's named types.
pub(crate) struct TypeIndex<'a> {
    by_name: HashMap<&'a str, &'a TypeDef>,
}

impl<'a> TypeIndex<'a> {
    pub(crate) fn new(api: &'a Api) -> Self {
        let by_name: HashMap<&str, &TypeDef> =
            api.types.iter().map(|t| (t.name.as_str(), t)).collect();
        TypeIndex { by_name }
    }

    /// The named type `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.by_name.get(name).copied()
    }

    /// `ty` with aliases expanded, to compare what Rust will see.
    pub(crate) fn canonical(&self, ty: &TypeRef) -> TypeRef {
        let mut current = ty.clone();
        for _ in 0..16 {
            match &current {
                TypeRef::Named(name) => match self.get(name).map(|d| &d.kind) {
                    Some(TypeKind::Alias(target)) => current = target.clone(),
                    _ => return current,
                },
                _ => return current,
            }
        }
        current
    }
}

/// Fields the constructor takes: those whose wire mode makes them a plain `T`.
pub(crate) fn constructor_fields<'f>(
    fields: impl Iterator<Item = &'f Field>,
) -> impl Iterator<Item = &'f Field> {
    fields.filter(|f| f.wire.is_constructor_argument())
}

/// An identifier, raw (`r#type`) where the name says so.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type of a type expression, as written inside the `types` module.
pub(crate) fn type_tokens(ty: &TypeRef) -> TokenStream {
    type_tokens_in(ty, &TokenStream::new())
}

/// The Rust type of a type expression, with named types behind `prefix` (e.g. `types::`).
pub(crate) fn type_tokens_in(ty: &TypeRef, prefix: &TokenStream) -> TokenStream {
    let type_tokens = |ty: &TypeRef| type_tokens_in(ty, prefix);
    match ty {
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#prefix #name)
        }
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer(IntFormat::U8) => quote!(u8),
        TypeRef::Integer(IntFormat::I32) => quote!(i32),
        TypeRef::Integer(IntFormat::I64) => quote!(i64),
        TypeRef::Integer(IntFormat::U32) => quote!(u32),
        TypeRef::Integer(IntFormat::U64) => quote!(u64),
        TypeRef::Number => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::Any => quote!(::serde_json::Value),
        TypeRef::List(inner) => {
            let inner = type_tokens(inner);
            quote!(::std::vec::Vec<#inner>)
        }
        // Free-form objects: built from a `Map` or a `Value` (see the runtime's `JsonObject`).
        TypeRef::Map(inner) if **inner == TypeRef::Any => quote!(crate::runtime::JsonObject),
        TypeRef::Map(inner) => {
            let inner = type_tokens(inner);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = type_tokens(inner);
            quote!(::core::option::Option<#inner>)
        }
    }
}

/// `ty` as stored in a field or variant: boxed when it closes a cycle.
pub(crate) fn stored_tokens(ty: &TypeRef, boxed: bool) -> TokenStream {
    let inner = type_tokens(ty);
    if boxed {
        quote!(::std::boxed::Box<#inner>)
    } else {
        inner
    }
}

/// The type of a struct field, from its wire mode: the stored type when the field is
/// always there, `Nullable` when absent and `null` differ, else `Option`.
pub(crate) fn field_tokens(field: &Field) -> TokenStream {
    let stored = stored_tokens(&field.ty, field.boxed);
    match field.wire {
        WireMode::Required | WireMode::DefaultIfMissing => stored,
        WireMode::OptionalNullable => quote!(crate::runtime::Nullable<#stored>),
        WireMode::RequiredNullable | WireMode::Optional | WireMode::OptionalWithDefault => {
            quote!(::core::option::Option<#stored>)
        }
    }
}

/// How a constructor or setter takes a value of `ty`: `impl Into<T>` where that helps
/// (strings, named types), the plain type where inference would otherwise fail (`Vec`).
pub(crate) fn argument(ty: &TypeRef) -> (TokenStream, bool) {
    match ty {
        TypeRef::String | TypeRef::Named(_) => {
            let ty = type_tokens(ty);
            (quote!(impl ::core::convert::Into<#ty>), true)
        }
        // A free-form object takes a `serde_json::Value` as well as a `Map`.
        TypeRef::Map(inner) if **inner == TypeRef::Any => {
            let ty = type_tokens(ty);
            (quote!(impl Into<#ty>), true)
        }
        other => (type_tokens(other), false),
    }
}
