// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! [`Nullable`]: a field the spec makes both optional and nullable, where leaving it out
//! and sending `null` mean different things (a PATCH that clears a field, a response that
//! says "no value" rather than "not told").

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional, nullable value: [`Absent`](Nullable::Absent) (not sent, or not received),
/// [`Null`](Nullable::Null) (sent or received as `null`) or a [`Value`](Nullable::Value).
///
/// Only fields the spec marks optional *and* nullable have this type; every other
/// optional field is an `Option`. A new request starts with every such field `Absent`,
/// so nothing is sent that the user did not set:
///
/// ```
/// use unions_client::Nullable;
///
/// let mut description: Nullable<String> = Nullable::Absent;
/// assert!(description.is_absent());
/// description = Nullable::Null; // sent as `"description": null`, clearing it
/// description = "new text".to_string().into(); // sent as `"description": "new text"`
/// assert_eq!(description.get(), Some(&"new text".to_string()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Nullable<T> {
    /// Left out: not sent in a request, not present in a response.
    #[default]
    Absent,
    /// An explicit JSON `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the field is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// A reference to the value, if there is one (absent and `null` both give `None`).
    pub fn get(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// Whether there is a value (neither absent nor `null`).
    pub fn is_some(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// Whether there is no value (absent or `null`).
    pub fn is_none(&self) -> bool {
        !self.is_some()
    }

    /// The value; panics with `message` when absent or `null`, like `Option::expect`.
    #[track_caller]
    pub fn expect(self, message: &str) -> T {
        self.value().expect(message)
    }

    /// The value; panics when absent or `null`, like `Option::unwrap`.
    #[track_caller]
    pub fn unwrap(self) -> T {
        self.value().unwrap()
    }

    /// `f` of the value, or `None` when absent or `null`, like `Option::and_then`.
    pub fn and_then<U>(self, f: impl FnOnce(T) -> Option<U>) -> Option<U> {
        self.value().and_then(f)
    }

    /// The value dereferenced (`&str` for a `String`), like `Option::as_deref`; absent
    /// and `null` both give `None`.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.get().map(|value| &**value)
    }

    /// The value, if there is one (absent and `null` both give `None`).
    pub fn value(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, or `T`'s default when absent or `null`.
    pub fn unwrap_or_default(self) -> T
    where
        T: Default,
    {
        self.value().unwrap_or_default()
    }

    /// A `Nullable` of a reference to the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// A `Nullable` of a mutable reference to the value.
    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(f(value)),
        }
    }

    /// `None` when absent, `Some(None)` for `null`, `Some(Some(value))` for a value.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Nullable::Absent => None,
            Nullable::Null => Some(None),
            Nullable::Value(value) => Some(Some(value)),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` is an explicit `null`: to leave a field out, use [`Nullable::Absent`].
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        }
    }
}

impl<T> From<Nullable<T>> for Option<T> {
    /// The value, if any: absent and `null` both become `None`.
    fn from(value: Nullable<T>) -> Self {
        value.value()
    }
}

/// Compares the value with an `Option`'s: `None` matches both absent and `null`.
impl<T: PartialEq<U>, U> PartialEq<Option<U>> for Nullable<T> {
    fn eq(&self, other: &Option<U>) -> bool {
        match (self.get(), other) {
            (Some(a), Some(b)) => a == b,
            (None, None) => true,
            _ => false,
        }
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// `null` for both `Absent` and `Null`: a struct leaves an absent field out before
    /// it gets here.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(serializer),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// `null` is `Null`, anything else a `Value`; a struct keeps a missing field `Absent`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}
