// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Streamed downloads: a binary response read chunk by chunk instead of buffered whole.

// Only APIs with binary responses call into this; the others would warn about it.
#![allow(dead_code)]

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use super::error::Error;

/// The body of a binary response as a stream of chunks, for downloads too large to hold
/// in memory. Each wait for the next chunk is bounded by the request's timeout.
///
/// ```no_run
/// # async fn demo(mut download: unions_client::ByteStream) -> Result<(), unions_client::Error> {
/// use unions_client::StreamExt;
/// while let Some(chunk) = download.next().await {
///     let chunk = chunk?;
///     // write `chunk` to a file ...
/// #   let _ = chunk;
/// }
/// # Ok(()) }
/// ```
pub struct ByteStream {
    status: StatusCode,
    headers: HeaderMap,
    inner: Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>,
}

impl ByteStream {
    pub(crate) fn from_response(response: reqwest::Response, idle_timeout: Duration) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let chunks = response.bytes_stream();
        let inner = futures_util::stream::unfold(Some(Box::pin(chunks)), move |state| async move {
            let mut chunks = state?;
            match tokio::time::timeout(idle_timeout, chunks.next()).await {
                Err(_) => Some((
                    Err(Error::Timeout {
                        after: idle_timeout,
                        request: None,
                    }),
                    None,
                )),
                Ok(None) => None,
                Ok(Some(Err(e))) => Some((Err(Error::from_reqwest(e, idle_timeout)), None)),
                Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(chunks))),
            }
        });
        ByteStream {
            status,
            headers,
            inner: Box::pin(inner),
        }
    }

    /// The HTTP status code (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers (`content-type`, `content-length`, ...).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}
