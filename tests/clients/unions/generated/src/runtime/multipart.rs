// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! `multipart/form-data` bodies (RFC 7578): parts in order, text, JSON or files.

// Only APIs with such bodies call into this; the others would warn about it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde::Serialize;

use super::body::{FilePart, Payload, Piece};
use super::error::Error;

/// The parts of a `multipart/form-data` request body, sent in the order added.
///
/// Generated form types build one for you; operations whose spec does not describe
/// the parts take one directly.
///
/// ```no_run
/// use unions_client::{FilePart, Multipart};
/// let form = Multipart::new()
///     .text("purpose", "fine-tune")
///     .file("file", FilePart::path("train.jsonl"));
/// # let _ = form;
/// ```
#[derive(Clone, Debug, Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

#[derive(Clone, Debug)]
struct Part {
    name: String,
    content_type: Option<String>,
    file_name: Option<String>,
    data: PartData,
}

#[derive(Clone, Debug)]
enum PartData {
    Bytes(Bytes),
    File(FilePart),
}

impl Multipart {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text part (no `Content-Type`, which means `text/plain`).
    pub fn text(self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.text_as(name, value, None)
    }

    /// Adds a text part with the given `Content-Type`.
    pub(crate) fn text_as(
        mut self,
        name: impl Into<String>,
        value: impl Into<String>,
        content_type: Option<&str>,
    ) -> Self {
        self.parts.push(Part {
            name: name.into(),
            content_type: content_type.map(str::to_string),
            file_name: None,
            data: PartData::Bytes(Bytes::from(value.into())),
        });
        self
    }

    /// Adds a part holding `value` as JSON (`Content-Type: application/json`).
    pub fn json<T: Serialize + ?Sized>(
        mut self,
        name: impl Into<String>,
        value: &T,
    ) -> Result<Self, Error> {
        let data = serde_json::to_vec(value).map_err(|e| {
            Error::config(format!("could not serialize a multipart JSON part: {e}"))
        })?;
        self.parts.push(Part {
            name: name.into(),
            content_type: Some("application/json".into()),
            file_name: None,
            data: PartData::Bytes(Bytes::from(data)),
        });
        Ok(self)
    }

    /// Adds a file part. Without a file name of its own, the part is sent with the
    /// name `file` so that servers treat it as a file.
    pub fn file(self, name: impl Into<String>, file: impl Into<FilePart>) -> Self {
        self.file_as(name, file.into(), None)
    }

    /// Adds a file part whose content type defaults to `default_type`.
    pub(crate) fn file_as(
        mut self,
        name: impl Into<String>,
        file: FilePart,
        default_type: Option<&str>,
    ) -> Self {
        let content_type = file
            .content_type
            .clone()
            .or_else(|| default_type.map(str::to_string))
            .or_else(|| Some("application/octet-stream".into()));
        let file_name = file.file_name.clone().or_else(|| Some("file".into()));
        self.parts.push(Part {
            name: name.into(),
            content_type,
            file_name,
            data: PartData::File(file),
        });
        self
    }

    /// The encoded body, with a boundary that does not occur in any in-memory part.
    pub(crate) fn payload(&self) -> Payload {
        let boundary = self.boundary();
        let mut pieces = Vec::with_capacity(self.parts.len() * 3 + 1);
        for part in &self.parts {
            let mut head = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
                quote(&part.name)
            );
            if let Some(file_name) = &part.file_name {
                head.push_str(&format!("; filename=\"{}\"", quote(file_name)));
            }
            head.push_str("\r\n");
            if let Some(content_type) = &part.content_type {
                head.push_str(&format!(
                    "Content-Type: {}\r\n",
                    content_type.replace(['\r', '\n'], " ")
                ));
            }
            head.push_str("\r\n");
            pieces.push(Piece::Bytes(Bytes::from(head)));
            pieces.push(match &part.data {
                PartData::Bytes(b) => Piece::Bytes(b.clone()),
                PartData::File(file) => file.piece(),
            });
            pieces.push(Piece::Bytes(Bytes::from_static(b"\r\n")));
        }
        pieces.push(Piece::Bytes(Bytes::from(format!("--{boundary}--\r\n"))));
        Payload::from_pieces(format!("multipart/form-data; boundary={boundary}"), pieces)
    }

    fn boundary(&self) -> String {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        let mut seed = nanos ^ COUNTER.fetch_add(1, Ordering::Relaxed).rotate_left(32);
        loop {
            let candidate = format!("----form-boundary-{seed:016x}");
            let clash = self.parts.iter().any(|p| match &p.data {
                PartData::Bytes(b) => contains(b, candidate.as_bytes()),
                PartData::File(_) => false,
            });
            if !clash {
                return candidate;
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        }
    }
}

/// Escapes a name for a quoted `Content-Disposition` parameter, as browsers do.
fn quote(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
