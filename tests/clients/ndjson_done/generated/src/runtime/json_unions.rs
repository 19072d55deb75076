// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The serde wiring of generated unions, as declarative macros: one line per variant
//! says which JSON values become that variant, so a reader sees the dispatch at a
//! glance, and the generator prints a few lines instead of two hand-written impls.

// Every generated crate carries both macros; an API may have no unions of a kind.
#![allow(unused_macros, unused_imports)]

/// `Serialize` and `Deserialize` for a union told apart by a tag property.
///
/// ```text
/// json_tagged! {
///     Part {
///         tag "type",
///         "text" => Text: tag_in_variant,
///         "image" => Image: tag_added,
///         "file" => File: tag_added_to_field,
///         _ => Other,
///     }
/// }
/// ```
///
/// The variant's mode says who writes the tag:
/// - `tag_in_variant`: the variant's type holds the tag as a constant, and writes and
///   checks it itself;
/// - `tag_added`: the union writes the tag before the variant's properties, and takes it
///   out before the variant reads the rest (so it does not land in `extra`);
/// - `tag_added_to_field`: the union writes the tag, and the variant also reads it into
///   a field of its own.
///
/// A value with another tag, or none, is kept whole in the last variant (`Other`).
macro_rules! json_tagged {
    (
        $name:ident {
            tag $tag:literal,
            $( $value:literal => $variant:ident: $mode:ident, )*
            _ => $other:ident $(,)?
        }
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $( Self::$variant(value) => $crate::runtime::serde_support::json_tagged!(@write $mode serializer $tag $value value), )*
                    Self::$other(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                match value.get($tag).and_then(::serde_json::Value::as_str) {
                    $( ::core::option::Option::Some($value) => $crate::runtime::serde_support::decode(
                        $crate::runtime::serde_support::json_tagged!(@read $mode value $tag),
                        concat!($tag, " `", $value, "`"),
                    )
                    .map(Self::$variant), )*
                    _ => ::core::result::Result::Ok(Self::$other(value)),
                }
            }
        }
    };
    (@write tag_in_variant $serializer:ident $tag:literal $value:literal $inner:ident) => {
        ::serde::Serialize::serialize($inner, $serializer)
    };
    (@write $mode:ident $serializer:ident $tag:literal $value:literal $inner:ident) => {
        $crate::runtime::serde_support::serialize_tagged($serializer, $tag, $value, $inner)
    };
    (@read tag_added $value:ident $tag:literal) => {
        $crate::runtime::serde_support::without_key($value, $tag)
    };
    (@read $mode:ident $value:ident $tag:literal) => { $value };
}

/// `Serialize` and `Deserialize` for a union told apart by the JSON kind of the value
/// (and, for objects, by the keys a variant requires).
///
/// ```text
/// json_untagged! {
///     Content {
///         string => Text: decide,
///         object ["url"] => Link: decide,
///         object => Fields: try_next,
///         object => Parts: decide,
///         _ => "expected a string or an object for Content",
///     }
/// }
/// ```
///
/// Lines are tried in order. A line's test is the value's kind (`boolean`, `integer`,
/// `number`, `string`, `array`, `object`, or `any`, which holds for every value), and for `object [keys]` that every
/// key is present. When it holds, `decide` decodes the variant and returns (its error,
/// if any, is the union's), while `try_next` keeps the variant only if it decodes and
/// otherwise goes on. The `_` line is the error when no line decides; a union with an
/// `any` line has none, and the variants after it are marked `never`: no value reaches
/// them, though they can still be built and sent.
///
/// Decoding looks at the value's first token (`deserialize_any`). When the first line that
/// can hold for a value of that kind is a plain `decide` (no keys) or `any`, the variant is
/// decoded straight from the deserializer; otherwise the value is buffered as a `Value`
/// and every line runs on it, in order, as described above. Both give the same result.
macro_rules! json_untagged {
    (
        $name:ident {
            $( $kind:ident $([ $($key:literal),* ])? => $variant:ident: $how:ident, )*
            $( _ => $expected:literal $(,)? )?
        }
    ) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                // A variant can have two lines (its keys, then the fallback for other
                // objects); its first arm serves.
                #[allow(unreachable_patterns)]
                match self {
                    $( Self::$variant(value) => ::serde::Serialize::serialize(value, serializer), )*
                }
            }
        }

        impl $name {
            // All lines in order, on a buffered value: for what the first token cannot
            // settle (keys to look at, a variant to try).
            #[allow(unreachable_code, dead_code)]
            fn __decode_buffered<E: ::serde::de::Error>(value: ::serde_json::Value) -> ::core::result::Result<Self, E> {
                $( $crate::runtime::serde_support::json_untagged!(@line $kind value [$( $($key),* )?] $how $variant); )*
                $( ::core::result::Result::Err(::serde::de::Error::custom($expected)) )?
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                struct __Visitor;
                impl<'de> ::serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("a value for `", stringify!($name), "`"))
                    }
                    fn visit_bool<E: ::serde::de::Error>(self, v: bool) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name boolean
                            (::serde::de::value::BoolDeserializer::<E>::new(v))
                            ($name::__decode_buffered(::serde_json::Value::Bool(v)));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name integer
                            (::serde::de::value::I64Deserializer::<E>::new(v))
                            ($name::__decode_buffered(::serde_json::Value::from(v)));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name integer
                            (::serde::de::value::U64Deserializer::<E>::new(v))
                            ($name::__decode_buffered(::serde_json::Value::from(v)));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name number
                            (::serde::de::value::F64Deserializer::<E>::new(v))
                            ($name::__decode_buffered(::serde_json::Value::from(v)));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name string
                            (::serde::de::value::StrDeserializer::<E>::new(v))
                            ($name::__decode_buffered(::serde_json::Value::from(v)));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name string
                            (::serde::de::value::BorrowedStrDeserializer::<E>::new(v))
                            ($name::__decode_buffered(::serde_json::Value::from(v)));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_string<E: ::serde::de::Error>(self, v: ::std::string::String) -> ::core::result::Result<$name, E> {
                        self.visit_str(&v)
                    }
                    fn visit_unit<E: ::serde::de::Error>(self) -> ::core::result::Result<$name, E> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name null
                            (::serde::de::value::UnitDeserializer::<E>::new())
                            ($name::__decode_buffered(::serde_json::Value::Null));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_none<E: ::serde::de::Error>(self) -> ::core::result::Result<$name, E> {
                        self.visit_unit()
                    }
                    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> ::core::result::Result<$name, A::Error> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name array
                            (::serde::de::value::SeqAccessDeserializer::new(seq))
                            ($name::__decode_buffered(<::serde_json::Value as ::serde::Deserialize>::deserialize(
                                ::serde::de::value::SeqAccessDeserializer::new(seq),
                            )?));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<$name, A::Error> {
                        $crate::runtime::serde_support::json_untagged!(@pick $name object
                            (::serde::de::value::MapAccessDeserializer::new(map))
                            ($name::__decode_buffered(<::serde_json::Value as ::serde::Deserialize>::deserialize(
                                ::serde::de::value::MapAccessDeserializer::new(map),
                            )?));
                            $( $kind [$( $($key),* )?] $variant $how; )*)
                    }
                }
                deserializer.deserialize_any(__Visitor)
            }
        }
    };
    // Dispatch on the first token: the first line that can hold for a value of this kind
    // settles it. A plain `decide` line (or `any`) decodes straight from the deserializer;
    // one with keys or `try_next` needs the value buffered, and all lines run on it.
    (@pick $name:ident $want:ident $de:tt $buffer:tt ;) => { $buffer };
    (@pick $name:ident $want:ident $de:tt $buffer:tt ; $kind:ident [$($key:literal),*] $variant:ident never; $($rest:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@pick $name $want $de $buffer ; $($rest)*)
    };
    (@pick $name:ident $want:ident $de:tt $buffer:tt ; any [] $variant:ident $how:ident; $($rest:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@direct $name $de $variant)
    };
    // A line for this kind (an `integer` value also fits a `number` line) settles it.
    (@pick $name:ident boolean $de:tt $buffer:tt ; boolean $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    (@pick $name:ident integer $de:tt $buffer:tt ; integer $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    (@pick $name:ident integer $de:tt $buffer:tt ; number $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    (@pick $name:ident number $de:tt $buffer:tt ; number $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    (@pick $name:ident string $de:tt $buffer:tt ; string $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    (@pick $name:ident array $de:tt $buffer:tt ; array $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    (@pick $name:ident object $de:tt $buffer:tt ; object $($line:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@settle $name $de $buffer ; $($line)*)
    };
    // A line for another kind.
    (@pick $name:ident $want:ident $de:tt $buffer:tt ; $kind:ident [$($key:literal),*] $variant:ident $how:ident; $($rest:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@pick $name $want $de $buffer ; $($rest)*)
    };
    // The settling line: decoded straight when it is a plain `decide`, else on the buffer.
    (@settle $name:ident $de:tt $buffer:tt ; [] $variant:ident decide; $($rest:tt)*) => {
        $crate::runtime::serde_support::json_untagged!(@direct $name $de $variant)
    };
    (@settle $name:ident $de:tt $buffer:tt ; $($line:tt)*) => { $buffer };
    (@direct $name:ident ($de:expr) $variant:ident) => {
        ::serde::Deserialize::deserialize($de).map($name::$variant)
    };
    (@line $kind:ident $value:ident [$($key:literal),*] never $variant:ident) => {};
    // Only `never` lines follow an `any` line: it decides whatever the value.
    (@line any $value:ident [] $how:ident $variant:ident) => {
        return $crate::runtime::serde_support::decode($value, stringify!($variant)).map(Self::$variant)
    };
    (@line $kind:ident $value:ident [$($key:literal),*] $how:ident $variant:ident) => {
        if $crate::runtime::serde_support::json_untagged!(@test $kind $value [$($key),*]) {
            $crate::runtime::serde_support::json_untagged!(@decode $how $value $variant);
        }
    };
    (@test boolean $value:ident []) => { $value.is_boolean() };
    (@test integer $value:ident []) => { $value.is_i64() || $value.is_u64() };
    (@test number $value:ident []) => { $value.is_number() };
    (@test string $value:ident []) => { $value.is_string() };
    (@test array $value:ident []) => { $value.is_array() };
    (@test object $value:ident []) => { $value.is_object() };
    (@test object $value:ident [$($key:literal),+]) => {
        $crate::runtime::serde_support::has_keys(&$value, &[$($key),+])
    };
    (@decode decide $value:ident $variant:ident) => {
        return $crate::runtime::serde_support::decode($value, stringify!($variant)).map(Self::$variant)
    };
    (@decode try_next $value:ident $variant:ident) => {
        if let ::core::result::Result::Ok(decoded) = ::serde_json::from_value(::core::clone::Clone::clone(&$value)) {
            return ::core::result::Result::Ok(Self::$variant(decoded));
        }
    };
}

pub(crate) use json_tagged;
pub(crate) use json_untagged;
