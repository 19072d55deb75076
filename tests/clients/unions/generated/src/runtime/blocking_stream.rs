// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The blocking client's streams: the async streams, read as [`Iterator`]s.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;

use super::accumulate::AccumulateRules;
use super::blocking::Runtime;
use super::error::Error;

/// An async stream of the client read as an [`Iterator`]: each `next()` waits for the
/// next item. After an error item the server has usually closed the stream, so a
/// `for` loop should stop at the first `Err` (`?` does).
///
/// ```no_run
/// # fn demo(stream: unions_client::blocking::SseStream<serde_json::Value>) -> Result<(), unions_client::Error> {
/// for item in stream {
///     let item = item?;
///     println!("{item}");
/// }
/// # Ok(()) }
/// ```
pub struct BlockingStream<S> {
    inner: S,
    runtime: Arc<Runtime>,
}

/// A Server-Sent Events response as an [`Iterator`] of `T`
/// (the blocking form of [`SseStream`](crate::SseStream)).
pub type SseStream<T> = BlockingStream<crate::runtime::SseStream<T>>;

/// A newline-delimited JSON response as an [`Iterator`] of `T`
/// (the blocking form of [`NdjsonStream`](crate::NdjsonStream)).
pub type NdjsonStream<T> = BlockingStream<crate::runtime::NdjsonStream<T>>;

/// A binary response as an [`Iterator`] of chunks
/// (the blocking form of [`ByteStream`](crate::ByteStream)).
pub type ByteStream = BlockingStream<crate::runtime::ByteStream>;

impl<S> BlockingStream<S> {
    pub(crate) fn new(inner: S, runtime: Arc<Runtime>) -> Self {
        BlockingStream { inner, runtime }
    }

    /// The async stream underneath (its status, headers, ...).
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Hands the async stream to `read` and waits for what it returns.
    fn wait_for<T, F>(self, read: impl FnOnce(S) -> F) -> Result<T, Error>
    where
        F: std::future::Future<Output = Result<T, Error>>,
    {
        self.runtime.block_on(read(self.inner))?
    }
}

impl<S: Stream + Unpin> Iterator for BlockingStream<S> {
    type Item = S::Item;

    fn next(&mut self) -> Option<S::Item> {
        // A stream exists only once its call ran, so the runtime has started and
        // `block_on` cannot fail here.
        self.runtime.block_on(self.inner.next()).unwrap_or(None)
    }
}

impl ByteStream {
    /// The HTTP status code (2xx).
    pub fn status(&self) -> StatusCode {
        self.inner.status()
    }

    /// The response headers (`content-type`, `content-length`, ...).
    pub fn headers(&self) -> &HeaderMap {
        self.inner.headers()
    }

    /// Reads the rest of the body into memory.
    pub fn collect_bytes(self) -> Result<Bytes, Error> {
        let mut out = Vec::new();
        for chunk in self {
            out.extend_from_slice(&chunk?);
        }
        Ok(Bytes::from(out))
    }
}

/// The methods of a typed stream, in blocking form: one definition for both framings.
macro_rules! blocking_typed_stream {
    ($alias:ident) => {
        impl<T> $alias<T> {
            /// The HTTP status of the response.
            pub fn status(&self) -> StatusCode {
                self.inner.status()
            }

            /// The response headers.
            pub fn headers(&self) -> &HeaderMap {
                self.inner.headers()
            }

            /// The server's request id (`x-request-id`, `request-id`, ...).
            pub fn request_id(&self) -> Option<&str> {
                self.inner.request_id()
            }

            /// Whether the stream ended with its end marker (always `false`
            /// before the end).
            pub fn is_complete(&self) -> bool {
                self.inner.is_complete()
            }

            /// Stops reading and closes the connection. Later calls to `next()`
            /// return `None`. Dropping the stream has the same effect.
            pub fn close(&mut self) {
                self.inner.close();
            }
        }

        impl<T: DeserializeOwned> $alias<T> {
            /// Blocking form of the async stream's `accumulate`: reads the rest of
            /// the stream and folds all chunks into one `T`.
            pub fn accumulate(self) -> Result<T, Error> {
                self.wait_for(|s| s.accumulate())
            }

            /// Like [`Self::accumulate`], with folding rules other than this API's.
            pub fn accumulate_with(self, rules: AccumulateRules) -> Result<T, Error> {
                self.wait_for(|s| s.accumulate_with(rules))
            }

            /// Blocking form of the async stream's `accumulate_into`: the folded
            /// stream as the operation's non-streaming response `R`.
            pub fn accumulate_into<R: DeserializeOwned>(self) -> Result<R, Error> {
                self.wait_for(|s| s.accumulate_into())
            }
        }
    };
}

blocking_typed_stream!(SseStream);
blocking_typed_stream!(NdjsonStream);

impl<S: fmt::Debug> fmt::Debug for BlockingStream<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BlockingStream").field(&self.inner).finish()
    }
}
