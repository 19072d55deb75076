//! Open string enums: known values as variants, anything else kept in a catch-all.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::type_attrs;
use super::types::ident;
use crate::ir::{StringEnum, TypeDef};

/// The enum, `as_str`, `Display`, `From<&str>`, and serde impls.
pub(crate) fn emit_enum(def: &TypeDef, e: &StringEnum) -> TokenStream {
    let name = ident(&def.name);
    let docs = type_attrs(def);
    let other = ident(&e.other_variant);
    let variants: Vec<_> = e.values.iter().map(|v| ident(&v.rust_name)).collect();
    let values: Vec<&String> = e.values.iter().map(|v| &v.json).collect();
    let variant_docs = values.iter().map(|v| format!(" {}", super::text::code(v)));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this version of the crate does not know, kept as received.
            #other(::std::string::String),
        }

        crate::runtime::serde_support::json_enum! {
            #name {
                #( #values => #variants, )*
                _ => #other,
            }
        }
    }
}
