//! Open string enums: known values as variants, anything else kept in a catch-all.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc_attrs;
use super::types::ident;
use crate::ir::{StringEnum, TypeDef};

/// The enum, `as_str`, `Display`, `From<&str>`, and serde impls.
pub(crate) fn emit_enum(def: &TypeDef, e: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let docs = doc_attrs(def.docs.as_deref());
    let other = ident(&e.other_variant);
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<&String> = e.values.iter().map(|v| &v.json).collect();
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    let expecting = format!("a string for `{}`", def.name);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this version of the crate does not know, kept as received.
            #other(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#other(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #values => Self::#variants, )*
                    other => Self::#other(other.to_string()),
                }
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct __Visitor;
                impl serde::de::Visitor<'_> for __Visitor {
                    type Value = #name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<#name, E> {
                        Ok(#name::from(value))
                    }
                }
                deserializer.deserialize_str(__Visitor)
            }
        }
    }
}
