// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! A free-form JSON object (a schema that allows any properties), which can be
//! built from a `serde_json::Value` as well as from a `serde_json::Map`.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// A JSON object with any properties, e.g. a JSON Schema handed to the API.
///
/// Derefs to `serde_json::Map`, so it reads like one (`obj["type"]`,
/// `obj.get(..)`, `obj.iter()`). Setters taking one accept a `Map` or a
/// `serde_json::Value` directly:
///
/// ```
/// use unions_client::JsonObject;
/// let schema: JsonObject = serde_json::json!({"type": "object"}).into();
/// assert_eq!(schema["type"], "object");
/// ```
///
/// A `Value` that is not an object (an array, a string, ...) cannot be sent
/// as one: the request then fails with
/// [`Error::Config`](crate::Error::Config) naming the property, before
/// anything is sent. [`JsonObject::is_object`] tells beforehand.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct JsonObject {
    map: Map<String, Value>,
    /// The value given, when it was not an object.
    not_object: Option<Value>,
}

impl JsonObject {
    /// An empty object.
    pub fn new() -> Self {
        Self::default()
    }

    /// `false` when built from a `Value` that is not a JSON object.
    pub fn is_object(&self) -> bool {
        self.not_object.is_none()
    }

    /// The properties (none, when built from a non-object value).
    pub fn into_map(self) -> Map<String, Value> {
        self.map
    }
}

impl From<Map<String, Value>> for JsonObject {
    fn from(map: Map<String, Value>) -> Self {
        JsonObject {
            map,
            not_object: None,
        }
    }
}

impl From<Value> for JsonObject {
    fn from(value: Value) -> Self {
        match value {
            Value::Object(map) => map.into(),
            other => JsonObject {
                map: Map::new(),
                not_object: Some(other),
            },
        }
    }
}

impl From<JsonObject> for Value {
    fn from(object: JsonObject) -> Self {
        match object.not_object {
            Some(value) => value,
            None => Value::Object(object.map),
        }
    }
}

impl FromIterator<(String, Value)> for JsonObject {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Map::from_iter(iter).into()
    }
}

impl PartialEq<Map<String, Value>> for JsonObject {
    fn eq(&self, other: &Map<String, Value>) -> bool {
        self.is_object() && &self.map == other
    }
}

impl Deref for JsonObject {
    type Target = Map<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.map
    }
}

impl DerefMut for JsonObject {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.map
    }
}

impl fmt::Debug for JsonObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.not_object {
            Some(value) => f.debug_tuple("NotAnObject").field(value).finish(),
            None => fmt::Debug::fmt(&self.map, f),
        }
    }
}

impl Serialize for JsonObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.not_object {
            Some(value) => Err(serde::ser::Error::custom(format!(
                "expected a JSON object, but the value given is {}",
                kind(value)
            ))),
            None => self.map.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for JsonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Map::deserialize(deserializer).map(Into::into)
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
