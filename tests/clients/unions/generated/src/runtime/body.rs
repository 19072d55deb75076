// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Request bodies other than JSON: the bytes (or files) sent, and the file parts users
//! hand in.
//!
//! A [`Payload`] is a content type plus chunks. It is kept by the prepared request and
//! turned into a fresh HTTP body for every attempt, so a retried request sends exactly
//! the same body again. A file given by path is re-opened and streamed on each attempt,
//! so a large upload is never loaded into memory and is still safe to retry (as long
//! as the file does not change in between).

// Only APIs with such bodies call into this; the others would warn about it.
#![allow(dead_code)]

use std::fmt;
use std::path::{Path, PathBuf};

use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, Stream, StreamExt};

use super::error::Error;

/// What is sent as a request body.
#[derive(Clone, Debug)]
pub(crate) struct Payload {
    pub(crate) content_type: String,
    chunks: Vec<Chunk>,
    /// Total size of a streamed body, known once files are checked; sent as
    /// `Content-Length` because many upload endpoints refuse chunked bodies.
    streamed_length: Option<u64>,
}

#[derive(Clone, Debug)]
enum Chunk {
    Bytes(Bytes),
    File(PathBuf),
}

impl Payload {
    /// A body held in memory.
    pub(crate) fn bytes(content_type: impl Into<String>, data: Bytes) -> Self {
        Payload {
            content_type: content_type.into(),
            chunks: vec![Chunk::Bytes(data)],
            streamed_length: None,
        }
    }

    /// A raw body from a [`FilePart`]; its own content type wins over `default_type`.
    pub(crate) fn file(part: FilePart, default_type: &str) -> Self {
        let content_type = part
            .content_type
            .unwrap_or_else(|| default_type.to_string());
        let chunk = match part.source {
            Source::Bytes(b) => Chunk::Bytes(b),
            Source::Path(p) => Chunk::File(p),
        };
        Payload {
            content_type,
            chunks: vec![chunk],
            streamed_length: None,
        }
    }

    /// A body assembled from pieces; adjacent in-memory pieces are joined once here.
    pub(crate) fn from_pieces(content_type: String, pieces: Vec<Piece>) -> Self {
        let mut chunks = Vec::new();
        let mut pending = BytesMut::new();
        for piece in pieces {
            match piece {
                Piece::Bytes(b) => pending.extend_from_slice(&b),
                Piece::File(path) => {
                    if !pending.is_empty() {
                        chunks.push(Chunk::Bytes(pending.split().freeze()));
                    }
                    chunks.push(Chunk::File(path));
                }
            }
        }
        if !pending.is_empty() || chunks.is_empty() {
            chunks.push(Chunk::Bytes(pending.freeze()));
        }
        Payload {
            content_type,
            chunks,
            streamed_length: None,
        }
    }

    /// Fails early, with the path, when a file to upload cannot be read, and works
    /// out the length of a streamed body.
    pub(crate) fn check(&mut self) -> Result<(), Error> {
        let mut total: u64 = 0;
        for chunk in &self.chunks {
            match chunk {
                Chunk::Bytes(b) => total += b.len() as u64,
                Chunk::File(path) => match std::fs::metadata(path) {
                    Ok(meta) if meta.is_file() => total += meta.len(),
                    Ok(_) => {
                        return Err(Error::config(format!(
                            "cannot upload `{}`: it is not a file",
                            path.display()
                        )))
                    }
                    Err(e) => {
                        return Err(Error::config(format!(
                            "cannot upload `{}`: {e}",
                            path.display()
                        )))
                    }
                },
            }
        }
        let streamed = !matches!(self.chunks.as_slice(), [Chunk::Bytes(_)]);
        self.streamed_length = streamed.then_some(total);
        Ok(())
    }

    /// The `Content-Length` to send with a streamed body (`None` when in memory).
    pub(crate) fn streamed_length(&self) -> Option<u64> {
        self.streamed_length
    }

    /// A new HTTP body for one attempt.
    pub(crate) fn to_body(&self) -> reqwest::Body {
        if let [Chunk::Bytes(bytes)] = self.chunks.as_slice() {
            return reqwest::Body::from(bytes.clone());
        }
        let chunks = self.chunks.clone();
        let stream = stream::iter(chunks).flat_map(|chunk| match chunk {
            Chunk::Bytes(b) => stream::once(async move { Ok(b) }).left_stream(),
            Chunk::File(path) => file_stream(path).right_stream(),
        });
        reqwest::Body::wrap_stream(stream)
    }
}

/// A piece of a body being assembled (see `multipart`).
pub(crate) enum Piece {
    Bytes(Bytes),
    File(PathBuf),
}

/// Reads a file in 64 KiB chunks, opening it when the first chunk is wanted.
fn file_stream(path: PathBuf) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    use tokio::io::AsyncReadExt;
    enum State {
        Start(PathBuf),
        Reading(tokio::fs::File),
        Done,
    }
    stream::unfold(State::Start(path), |state| async move {
        let mut file = match state {
            State::Start(path) => match tokio::fs::File::open(&path).await {
                Ok(file) => file,
                Err(e) => return Some((Err(e), State::Done)),
            },
            State::Reading(file) => file,
            State::Done => return None,
        };
        let mut buf = vec![0u8; 64 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(Bytes::from(buf)), State::Reading(file)))
            }
            Err(e) => Some((Err(e), State::Done)),
        }
    })
}

/// A file to upload: a multipart file part, or a raw binary request body.
///
/// Build one from bytes in memory (`Vec<u8>`, [`Bytes`], `&'static [u8]`), or from a
/// path with [`FilePart::path`]: the file is then streamed from disk when the request
/// is sent (never loaded whole), and re-read if the request is retried.
///
/// ```no_run
/// use unions_client::FilePart;
/// let in_memory = FilePart::bytes(b"hello".to_vec())
///     .file_name("hello.txt")
///     .content_type("text/plain");
/// let from_disk = FilePart::path("audio.mp3").content_type("audio/mpeg");
/// # let _ = (in_memory, from_disk);
/// ```
#[derive(Clone)]
pub struct FilePart {
    source: Source,
    pub(crate) file_name: Option<String>,
    pub(crate) content_type: Option<String>,
}

#[derive(Clone)]
enum Source {
    Bytes(Bytes),
    Path(PathBuf),
}

impl FilePart {
    /// A file held in memory, without a file name or content type.
    pub fn bytes(data: impl Into<Bytes>) -> Self {
        FilePart {
            source: Source::Bytes(data.into()),
            file_name: None,
            content_type: None,
        }
    }

    /// A file on disk, streamed when the request is sent. Its file name defaults to the
    /// last component of `path`. A missing file fails the call with
    /// [`Error::Config`](crate::Error::Config) before anything is sent.
    pub fn path(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref().to_path_buf();
        let file_name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        FilePart {
            source: Source::Path(path),
            file_name,
            content_type: None,
        }
    }

    /// The file name sent in the part's `Content-Disposition`.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// The part's `Content-Type` (default: the spec's, else `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    pub(crate) fn piece(&self) -> Piece {
        match &self.source {
            Source::Bytes(b) => Piece::Bytes(b.clone()),
            Source::Path(p) => Piece::File(p.clone()),
        }
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("FilePart");
        match &self.source {
            Source::Bytes(b) => s.field("bytes", &b.len()),
            Source::Path(p) => s.field("path", p),
        };
        s.field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl PartialEq for FilePart {
    fn eq(&self, other: &Self) -> bool {
        let same_source = match (&self.source, &other.source) {
            (Source::Bytes(a), Source::Bytes(b)) => a == b,
            (Source::Path(a), Source::Path(b)) => a == b,
            _ => false,
        };
        same_source && self.file_name == other.file_name && self.content_type == other.content_type
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(data: Vec<u8>) -> Self {
        FilePart::bytes(data)
    }
}

impl From<Bytes> for FilePart {
    fn from(data: Bytes) -> Self {
        FilePart::bytes(data)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(data: &'static [u8]) -> Self {
        FilePart::bytes(data)
    }
}

impl super::client::Client {
    /// Sends a request whose successful response is text, returned as a `String`.
    pub(crate) async fn execute_text<B: serde::Serialize + ?Sized>(
        &self,
        req: super::client::Request<'_, B>,
    ) -> Result<super::response::ApiResponse<String>, Error> {
        let response = self.execute_bytes(req).await?;
        let text = String::from_utf8(response.body.to_vec())
            .map_err(|e| Error::decode("", format!("the text response is not UTF-8: {e}")))?;
        Ok(super::response::ApiResponse {
            status: response.status,
            headers: response.headers,
            body: text,
        })
    }
}
