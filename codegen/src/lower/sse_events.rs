//! SSE streams whose events are told apart by the SSE `event:` field.
//!
//! Some APIs send one event name per event type (`event: message_start`, then
//! `event: content_delta`, ...), each with its own `data` shape. Specs describe the
//! item as a union of `{event: <const>, data: <schema>}` objects, which lowers to a
//! union tagged on `event`. The wire carries the name outside the JSON, so such a
//! stream is decoded from `{"event": <name>, "data": <data>}` (the runtime builds it);
//! this module recognises the shape from the lowered types.

use crate::load::Lookup;
use serde_yaml::Value;

use super::Lowerer;
use crate::ir::{TypeKind, TypeRef};
use crate::load::Location;

/// The properties an SSE event object can have.
const EVENT_FIELDS: &[&str] = &["event", "data", "id", "retry"];

/// The item of a stream described as one SSE event object (`{event?, id?, retry?, data}`):
/// its `data`, or the data's `contentSchema` when the data is JSON text described that way
/// (OpenAPI 3.2). Any other schema is the item itself.
pub(crate) fn event_data<'v>(
    lw: &Lowerer<'v>,
    loc: Location,
    schema: &'v Value,
) -> (Location, &'v Value) {
    let Ok((target_loc, target)) = lw.deref(&loc, schema) else {
        return (loc, schema);
    };
    let Some(Value::Mapping(props)) = target.key("properties") else {
        return (loc, schema);
    };
    let only_event_fields = props
        .keys()
        .all(|k| k.as_str().is_some_and(|k| EVENT_FIELDS.contains(&k)));
    let (true, Some(data)) = (only_event_fields, props.key("data")) else {
        return (loc, schema);
    };
    let data_loc = target_loc.child("properties").child("data");
    match data.key("contentSchema") {
        Some(content) => (data_loc.child("contentSchema"), content),
        None => (data_loc, data),
    }
}

/// Whether `item` is a union tagged on `event` whose every variant is an SSE event
/// object carrying `data`.
pub(crate) fn is_event_envelope(lw: &Lowerer, item: &TypeRef) -> bool {
    let Some(TypeKind::Tagged(union)) = named_kind(lw, item) else {
        return false;
    };
    union.tag == "event"
        && !union.variants.is_empty()
        && union.variants.iter().all(|variant| {
            let Some(TypeKind::Struct(s)) = lw.kind_of(&variant.ty) else {
                return false;
            };
            let names = s
                .fields
                .iter()
                .map(|f| f.json_name.as_str())
                .chain(s.constants.iter().map(|c| c.json_name.as_str()));
            let mut has_data = false;
            for name in names {
                has_data |= name == "data";
                if !EVENT_FIELDS.contains(&name) {
                    return false;
                }
            }
            has_data
        })
}

/// The kind behind a type expression, through aliases (bounded, as aliases can loop).
fn named_kind<'a>(lw: &'a Lowerer, ty: &TypeRef) -> Option<&'a TypeKind> {
    let TypeRef::Named(mut name) = ty.clone() else {
        return None;
    };
    for _ in 0..16 {
        match lw.kind_of(&name)? {
            TypeKind::Alias(TypeRef::Named(next)) => name = next.clone(),
            kind => return Some(kind),
        }
    }
    None
}
