// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The serde wiring of generated types, as declarative macros: generated code states
//! what is particular to each type (its JSON names, which fields are required, its
//! constants) and these macros write the impls. Decoding is a single pass over the
//! object, as fast as `#[derive(Deserialize)]`, but unknown properties are kept,
//! constants are checked and written, and missing or `null` values are tolerated where
//! the type has a natural default.

// Every generated crate carries both macros; an API may have no enums or no objects.
#![allow(unused_macros, unused_imports)]

/// `Serialize` and `Deserialize` for a struct with named JSON properties.
///
/// ```text
/// json_object! {
///     Name {
///         constants { "type" = "text" }
///         fields { required "text" => text, optional "cache_control" => cache_control }
///         extra any
///     }
/// }
/// ```
///
/// Field modes: `optional` (an `Option`, left out when `None`), `nullable` (required,
/// may be `null`), `required` (defaults when missing or `null`), `strict` (required, no
/// default). Extra modes: `any` (unknown properties kept as JSON; a constant received
/// with another value is kept and sent back), `typed` (unknown properties kept with the
/// map's value type, `typed (T)`), `none` (unknown properties ignored).
macro_rules! json_object {
    (
        $name:ident {
            constants { $( $ckey:literal = $cvalue:literal ),* $(,)? }
            fields { $( $mode:ident $key:literal => $field:ident ),* $(,)? }
            extra none
        }
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                #[allow(unused_mut)]
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                $( map.serialize_entry($ckey, &$cvalue)?; )*
                $( $crate::runtime::serde_support::json_object!(@write $mode self map $key $field); )*
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("an object for `", stringify!($name), "`"))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<$name, A::Error> {
                        $( let mut $field = ::core::option::Option::None; )*
                        while let ::core::option::Option::Some(key) = map.next_key::<$crate::runtime::serde_support::Key<'de>>()? {
                            match key.as_str() {
                                $( $key => $field = map.next_value()?, )*
                                _ => {
                                    map.next_value::<::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $( $field: $crate::runtime::serde_support::json_object!(@init $mode $field $key), )*
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
    ($name:ident { constants $constants:tt fields $fields:tt extra any }) => {
        $crate::runtime::serde_support::json_object! {
            $name {
                constants $constants
                fields $fields
                extra @full any (::serde_json::Map<::std::string::String, ::serde_json::Value>)
            }
        }
    };
    ($name:ident { constants $constants:tt fields $fields:tt extra typed ($value:ty) }) => {
        $crate::runtime::serde_support::json_object! {
            $name {
                constants $constants
                fields $fields
                extra @full typed (::std::collections::BTreeMap<::std::string::String, $value>)
            }
        }
    };
    (
        $name:ident {
            constants { $( $ckey:literal = $cvalue:literal ),* $(,)? }
            fields { $( $mode:ident $key:literal => $field:ident ),* $(,)? }
            extra @full $extra:ident ($extra_ty:ty)
        }
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                $( $crate::runtime::serde_support::json_object!(@constant $extra self map $ckey $cvalue); )*
                $( $crate::runtime::serde_support::json_object!(@write $mode self map $key $field); )*
                for (key, value) in &self.extra {
                    $( if key == $ckey { continue; } )*
                    $( $crate::runtime::serde_support::json_object!(@skip $mode self key $key $field); )*
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("an object for `", stringify!($name), "`"))
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<$name, A::Error> {
                        $( let mut $field = ::core::option::Option::None; )*
                        let mut extra: $extra_ty = ::core::default::Default::default();
                        while let ::core::option::Option::Some(key) = map.next_key::<$crate::runtime::serde_support::Key<'de>>()? {
                            match key.as_str() {
                                $( $key => $crate::runtime::serde_support::json_object!(@read $extra $mode map extra key $field), )*
                                $( $ckey => $crate::runtime::serde_support::json_object!(@read_constant $extra map extra key $cvalue), )*
                                _ => {
                                    extra.insert(key.into_owned(), map.next_value()?);
                                }
                            }
                        }
                        ::core::result::Result::Ok($name {
                            $( $field: $crate::runtime::serde_support::json_object!(@init $mode $field $key), )*
                            extra,
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
    (@write optional $self:ident $map:ident $key:literal $field:ident) => {
        if let ::core::option::Option::Some(value) = &$self.$field {
            $map.serialize_entry($key, value)?;
        }
    };
    (@write $mode:ident $self:ident $map:ident $key:literal $field:ident) => {
        $map.serialize_entry($key, &$self.$field)?;
    };
    (@constant any $self:ident $map:ident $key:literal $value:literal) => {
        match $self.extra.get($key) {
            ::core::option::Option::Some(value) => $map.serialize_entry($key, value)?,
            ::core::option::Option::None => $map.serialize_entry($key, &$value)?,
        }
    };
    (@constant $extra:ident $self:ident $map:ident $key:literal $value:literal) => {
        $map.serialize_entry($key, &$value)?;
    };
    (@read_constant any $map:ident $extra:ident $key:ident $value:literal) => {{
        if let ::core::option::Option::Some(value) =
            $map.next_value_seed($crate::runtime::serde_support::Expect($value))?
        {
            $extra.insert($key.into_owned(), value);
        }
    }};
    (@read_constant $mode:ident $map:ident $extra:ident $key:ident $value:literal) => {{
        $map.next_value::<::serde::de::IgnoredAny>()?;
    }};
    (@read $extra_mode:ident $mode:ident $map:ident $extra:ident $key:ident $field:ident) => {{
        $field = $map.next_value()?;
    }};
    // A property the struct writes itself is not written again from `extra`.
    (@skip optional $self:ident $name:ident $key:literal $field:ident) => {
        if $name == $key && $self.$field.is_some() {
            continue;
        }
    };
    (@skip $mode:ident $self:ident $name:ident $key:literal $field:ident) => {
        if $name == $key {
            continue;
        }
    };
    (@init optional $local:ident $key:literal) => { $local };
    (@init nullable $local:ident $key:literal) => { $local };
    (@init required $local:ident $key:literal) => { $local.unwrap_or_default() };
    (@init strict $local:ident $key:literal) => {
        $local.ok_or_else(|| ::serde::de::Error::missing_field($key))?
    };
}

/// `as_str`, `Display`, `From<&str>`, `Serialize` and `Deserialize` for an open string
/// enum: `json_enum! { Name { Variant = "value", ... } Other }`, where `Other(String)`
/// holds values the spec does not list.
macro_rules! json_enum {
    ($name:ident { $( $variant:ident = $value:literal ),* $(,)? } $other:ident) => {
        impl $name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::$other(value) => value,
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )*
                    other => Self::$other(::std::string::ToString::to_string(other)),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;
                impl ::serde::de::Visitor<'_> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a string for `", stringify!($name), "`"))
                    }
                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<$name, E> {
                        ::core::result::Result::Ok($name::from(value))
                    }
                }
                deserializer.deserialize_str(__Visitor)
            }
        }
    };
}

pub(crate) use json_enum;
pub(crate) use json_object;
