// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The serde wiring of generated types, as declarative macros. Generated code states
//! what is particular to each type, one line per JSON property, and these macros write
//! the impls. Decoding is a single pass over the object, as fast as
//! `#[derive(Deserialize)]`, but unknown properties are kept, constants are checked and
//! written, and each field follows the wire mode it was given.

// Every generated crate carries both macros; an API may have no enums or no objects.
#![allow(unused_macros, unused_imports)]

/// `Serialize` and `Deserialize` for a struct with named JSON properties.
///
/// ```text
/// json_object! {
///     TextPart {
///         const "type" = "text",
///         "text" => text: required,
///         "cache_control" => cache_control: optional,
///         extra: keep_json,
///     }
/// }
/// ```
///
/// A `const` line is a property fixed to one value: always written, checked when read.
/// Field modes (chosen by the generator's `lower/wire_mode.rs`):
/// - `required`: a `T`; missing or `null` is an error; always written.
/// - `default_if_missing`: a `T` whose empty value means absence (a list, a map, an
///   object without required properties); missing or `null` gives that empty value.
/// - `required_nullable`: an `Option<T>`; always written, `None` as `null`.
/// - `optional`: an `Option<T>`, left out when `None`.
/// - `optional_with_default`: like `optional`; the server applies the spec's default.
/// - `optional_nullable`: a `Nullable<T>`; `Absent` is left out, `Null` written as `null`.
///
/// `extra` says what happens to properties the spec does not name: `keep_json` (kept as
/// JSON text in the `extra` field, an `Extra`, and sent back; a constant received with
/// another value is kept and sent back too), `keep_typed` (kept with the value type of the
/// `extra` map), `ignore` (dropped; the struct has no `extra` field).
macro_rules! json_object {
    (
        $name:ident {
            $( const $ckey:literal = $cvalue:literal, )*
            $( $key:literal => $field:ident: $mode:ident, )*
            extra: $extra:ident $(,)?
        }
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                #[allow(unused_mut)]
                let mut map = serializer.serialize_map(::core::option::Option::None)?;
                $( $crate::runtime::serde_support::json_object!(@constant $extra self map $ckey $cvalue); )*
                $( $crate::runtime::serde_support::json_object!(@write $mode self map $key $field); )*
                $crate::runtime::serde_support::json_object!(
                    @write_extra $extra self map [$( $ckey )*] [$( $key $field $mode )*]
                );
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
                        $( let mut $field = $crate::runtime::serde_support::json_object!(@start $mode); )*
                        #[allow(unused_mut)]
                        let mut extra = ::core::default::Default::default();
                        while let ::core::option::Option::Some(key) = map.next_key::<$crate::runtime::serde_support::Key<'de>>()? {
                            // Byte comparisons, in order, as a `match` on string patterns compiles to.
                            match key.as_bytes() {
                                $( k if k == $key.as_bytes() => $field = $crate::runtime::serde_support::json_object!(@read $mode map), )*
                                $( k if k == $ckey.as_bytes() => $crate::runtime::serde_support::json_object!(@read_constant $extra map extra key $cvalue), )*
                                _ => $crate::runtime::serde_support::json_object!(@unknown $extra map extra key),
                            }
                        }
                        $crate::runtime::serde_support::json_object!(
                            @build $extra $name extra [$( $key $field $mode )*]
                        )
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
    (@build ignore $name:ident $extra:ident [$( $key:literal $field:ident $mode:ident )*]) => {{
        let () = $extra;
        ::core::result::Result::Ok($name {
            $( $field: $crate::runtime::serde_support::json_object!(@init $mode $field $key), )*
        })
    }};
    (@build $kind:ident $name:ident $extra:ident [$( $key:literal $field:ident $mode:ident )*]) => {
        ::core::result::Result::Ok($name {
            $( $field: $crate::runtime::serde_support::json_object!(@init $mode $field $key), )*
            extra: $extra,
        })
    };
    (@unknown ignore $map:ident $extra:ident $key:ident) => {{
        $map.next_value::<::serde::de::IgnoredAny>()?;
    }};
    (@unknown $kind:ident $map:ident $extra:ident $key:ident) => {
        $crate::runtime::serde_support::ExtraMap::read_entry(&mut $extra, $key, &mut $map)?
    };
    (@write_extra ignore $self:ident $map:ident [$( $ckey:literal )*] [$( $key:literal $field:ident $mode:ident )*]) => {};
    (@write_extra $kind:ident $self:ident $map:ident [$( $ckey:literal )*] [$( $key:literal $field:ident $mode:ident )*]) => {
        for (key, value) in &$self.extra {
            $( if key == $ckey { continue; } )*
            $( $crate::runtime::serde_support::json_object!(@skip $mode $self key $key $field); )*
            $map.serialize_entry(key, value)?;
        }
    };
    (@write optional $self:ident $map:ident $key:literal $field:ident) => {
        if let ::core::option::Option::Some(value) = &$self.$field {
            $map.serialize_entry($key, value)?;
        }
    };
    (@write optional_with_default $self:ident $map:ident $key:literal $field:ident) => {
        $crate::runtime::serde_support::json_object!(@write optional $self $map $key $field)
    };
    (@write optional_nullable $self:ident $map:ident $key:literal $field:ident) => {
        if !$self.$field.is_absent() {
            $map.serialize_entry($key, &$self.$field)?;
        }
    };
    (@write $mode:ident $self:ident $map:ident $key:literal $field:ident) => {
        $map.serialize_entry($key, &$self.$field)?;
    };
    (@constant keep_json $self:ident $map:ident $key:literal $value:literal) => {
        match $self.extra.get($key) {
            ::core::option::Option::Some(value) => $map.serialize_entry($key, value)?,
            ::core::option::Option::None => $map.serialize_entry($key, &$value)?,
        }
    };
    (@constant $extra:ident $self:ident $map:ident $key:literal $value:literal) => {
        $map.serialize_entry($key, &$value)?;
    };
    (@read_constant keep_json $map:ident $extra:ident $key:ident $value:literal) => {{
        if let ::core::option::Option::Some(value) =
            $map.next_value_seed($crate::runtime::serde_support::Expect($value))?
        {
            $crate::runtime::extra::Extra::keep(&mut $extra, $key.into_owned()?, value);
        }
    }};
    (@read_constant $mode:ident $map:ident $extra:ident $key:ident $value:literal) => {{
        $map.next_value::<::serde::de::IgnoredAny>()?;
    }};
    // What a field's local starts as before its key is seen, and how its value is read.
    (@start optional_nullable) => { $crate::runtime::Nullable::Absent };
    (@start $mode:ident) => { ::core::option::Option::None };
    (@read required $map:ident) => {
        ::core::option::Option::Some($crate::runtime::field_read::next_value(&mut $map)?)
    };
    (@read $mode:ident $map:ident) => { $crate::runtime::field_read::next_value(&mut $map)? };
    // A property the struct writes itself is not written again from `extra`.
    (@skip optional $self:ident $name:ident $key:literal $field:ident) => {
        if $name == $key && $self.$field.is_some() {
            continue;
        }
    };
    (@skip optional_with_default $self:ident $name:ident $key:literal $field:ident) => {
        $crate::runtime::serde_support::json_object!(@skip optional $self $name $key $field)
    };
    (@skip optional_nullable $self:ident $name:ident $key:literal $field:ident) => {
        if $name == $key && !$self.$field.is_absent() {
            continue;
        }
    };
    (@skip $mode:ident $self:ident $name:ident $key:literal $field:ident) => {
        if $name == $key {
            continue;
        }
    };
    (@init required $local:ident $key:literal) => {
        $local.ok_or_else(|| ::serde::de::Error::missing_field($key))?
    };
    (@init default_if_missing $local:ident $key:literal) => { $local.unwrap_or_default() };
    (@init $mode:ident $local:ident $key:literal) => { $local };
}

/// `as_str`, `Display`, `From<&str>`, `Serialize` and `Deserialize` for an open string
/// enum, one line per known value and a catch-all variant (`Other(String)`) for the rest:
///
/// ```text
/// json_enum! {
///     CacheTtl {
///         "5m" => V5m,
///         "1h" => V1h,
///         _ => Other,
///     }
/// }
/// ```
macro_rules! json_enum {
    ($name:ident { $( $value:literal => $variant:ident, )* _ => $other:ident $(,)? }) => {
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
                    // serde_json gives a string's bytes unchecked when asked for bytes: a
                    // known value is compared as bytes, and only another value is checked
                    // to be UTF-8 before it is kept.
                    fn visit_bytes<E: ::serde::de::Error>(self, value: &[u8]) -> ::core::result::Result<$name, E> {
                        $( if value == $value.as_bytes() {
                            return ::core::result::Result::Ok($name::$variant);
                        } )*
                        match ::core::str::from_utf8(value) {
                            ::core::result::Result::Ok(text) => ::core::result::Result::Ok($name::$other(::std::string::ToString::to_string(text))),
                            ::core::result::Result::Err(_) => ::core::result::Result::Err(::serde::de::Error::invalid_value(
                                ::serde::de::Unexpected::Bytes(value),
                                &self,
                            )),
                        }
                    }
                }
                deserializer.deserialize_bytes(__Visitor)
            }
        }
    };
}

pub(crate) use json_enum;
pub(crate) use json_object;
