// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! How a stream says it is complete, so that a cut-off stream is told apart
//! from a finished one.
//!
//! A connection that closes cleanly looks the same whether the server was
//! done or was stopped halfway (a proxy timeout, a crashed worker). Many APIs
//! therefore end a complete stream with a marker: a sentinel `data:` line
//! (`[DONE]`), a last item with a flag (`"done": true`), or a last named
//! event. When the API's marker is known, a stream that ends without it
//! yields [`Error::IncompleteStream`](crate::Error::IncompleteStream).

use serde_json::Value;

/// The end marker of a complete stream, from the crate's config.
///
/// With every field empty ([`StreamEnd::NONE`]), no marker is expected and a
/// clean close ends the stream as complete (a `data: [DONE]` event still
/// ends it early).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StreamEnd {
    /// SSE `data` that ends a complete stream, e.g. `[DONE]`.
    pub terminator: Option<&'static str>,
    /// Top-level properties and their values (as JSON text) that mark the
    /// last item, e.g. `("done", "true")`. All must match. The item is
    /// yielded, then the stream ends.
    pub last_item: &'static [(&'static str, &'static str)],
    /// SSE event names whose event is the last one. The item is yielded,
    /// then the stream ends.
    pub last_event: &'static [&'static str],
}

impl StreamEnd {
    /// No end marker: a clean close means the stream is complete.
    pub const NONE: StreamEnd = StreamEnd {
        terminator: None,
        last_item: &[],
        last_event: &[],
    };

    /// The end marker of the API this crate was generated for.
    pub fn for_this_api() -> Self {
        crate::settings::STREAM_END
    }

    /// Whether an SSE stream must end with a marker.
    pub(crate) fn required_for_sse(&self) -> bool {
        self.terminator.is_some() || !self.last_item.is_empty() || !self.last_event.is_empty()
    }

    /// Whether an NDJSON stream must end with a marker (only an item can mark it).
    pub(crate) fn required_for_ndjson(&self) -> bool {
        !self.last_item.is_empty()
    }

    /// Whether this payload is the stream's last item.
    pub(crate) fn is_last(&self, data: &str, event: Option<&str>) -> bool {
        if event.is_some_and(|e| self.last_event.contains(&e)) {
            return true;
        }
        if self.last_item.is_empty() {
            return false;
        }
        // Cheap pre-check before parsing the payload a second time.
        let mentions_all = self
            .last_item
            .iter()
            .all(|(key, _)| data.contains(&format!("\"{key}\"")));
        if !mentions_all {
            return false;
        }
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(data) else {
            return false;
        };
        self.last_item.iter().all(|(key, want)| {
            let want = serde_json::from_str::<Value>(want).unwrap_or(Value::Null);
            map.get(*key) == Some(&want)
        })
    }

    /// The marker, as shown in [`Error::IncompleteStream`](crate::Error::IncompleteStream).
    pub(crate) fn describe(&self, sse: bool) -> String {
        let mut parts = Vec::new();
        if sse {
            if let Some(t) = self.terminator {
                parts.push(format!("`data: {t}`"));
            }
            for e in self.last_event {
                parts.push(format!("an `event: {e}`"));
            }
        }
        if !self.last_item.is_empty() {
            let props: Vec<String> = self
                .last_item
                .iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            parts.push(format!("an item with {}", props.join(", ")));
        }
        parts.join(" or ")
    }
}
