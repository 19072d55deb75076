// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Typed streams of decoded chunks over a streaming HTTP response body.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt as _;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::time::{Instant, Sleep};

use super::accumulate::{AccumulateRules, Accumulator};
use super::decode::decode_payload;
use super::error::Error;
use super::ndjson::NdjsonDecoder;
use super::response::find_request_id;
use super::sse::SseDecoder;

type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>;

/// The response body, with an idle timeout between reads.
struct Body {
    inner: Option<ByteStream>,
    idle: Option<(Duration, Pin<Box<Sleep>>)>,
}

impl Body {
    fn new(inner: ByteStream, idle_timeout: Option<Duration>) -> Self {
        Body {
            inner: Some(inner),
            idle: idle_timeout.map(|d| (d, Box::pin(tokio::time::sleep(d)))),
        }
    }

    fn poll_chunk(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Bytes, Error>>> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        match inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                if let Some((d, sleep)) = self.idle.as_mut() {
                    sleep.as_mut().reset(Instant::now() + *d);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                self.close();
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => {
                self.close();
                Poll::Ready(None)
            }
            Poll::Pending => {
                if let Some((d, sleep)) = self.idle.as_mut() {
                    if sleep.as_mut().poll(cx).is_ready() {
                        let after = *d;
                        self.close();
                        return Poll::Ready(Some(Err(Error::Timeout { after })));
                    }
                }
                Poll::Pending
            }
        }
    }

    /// Drops the connection.
    fn close(&mut self) {
        self.inner = None;
        self.idle = None;
    }
}

/// One unit of a stream, borrowed from the framing decoder.
enum Frame<'a> {
    /// A JSON payload to decode.
    Payload(&'a str, Option<&'a str>),
    /// A payload that is not UTF-8.
    NotUtf8,
    /// An explicit error event.
    ErrorEvent(&'a str, &'a str),
    /// The end-of-stream sentinel.
    Done,
    /// Nothing to decode (e.g. an event with blank data).
    Skip,
}

/// How a body is cut into payloads.
trait Framing: Default + Unpin + Send {
    fn feed(&mut self, chunk: &[u8]);
    fn finish(&mut self);
    fn next_frame(&mut self) -> Option<Frame<'_>>;
}

#[derive(Default)]
struct SseFraming(SseDecoder);

impl Framing for SseFraming {
    fn feed(&mut self, chunk: &[u8]) {
        self.0.feed(chunk);
    }

    fn finish(&mut self) {
        self.0.finish();
    }

    #[inline]
    fn next_frame(&mut self) -> Option<Frame<'_>> {
        let ev = self.0.next_event_ref()?;
        Some(if ev.event == "error" {
            Frame::ErrorEvent(ev.event, ev.data)
        } else {
            let data = ev.data.trim_ascii();
            if data.is_empty() {
                Frame::Skip
            } else if data == "[DONE]" {
                Frame::Done
            } else {
                let event = (ev.event != "message").then_some(ev.event);
                Frame::Payload(data, event)
            }
        })
    }
}

#[derive(Default)]
struct NdjsonFraming(NdjsonDecoder);

impl Framing for NdjsonFraming {
    fn feed(&mut self, chunk: &[u8]) {
        self.0.feed(chunk);
    }

    fn finish(&mut self) {
        self.0.finish();
    }

    #[inline]
    fn next_frame(&mut self) -> Option<Frame<'_>> {
        self.0
            .next_line()
            .map(|line| match std::str::from_utf8(line) {
                Ok(text) => Frame::Payload(text, None),
                Err(_) => Frame::NotUtf8,
            })
    }
}

/// The machinery shared by [`SseStream`] and [`NdjsonStream`].
struct Engine<F> {
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
    framing: F,
    eof: bool,
    done: bool,
}

impl<F: Framing> Engine<F> {
    fn new(status: StatusCode, headers: HeaderMap, body: Body) -> Self {
        Engine {
            status,
            headers,
            body,
            framing: F::default(),
            eof: false,
            done: false,
        }
    }

    fn from_response(response: reqwest::Response, idle_timeout: Option<Duration>) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let timeout = idle_timeout.unwrap_or(Duration::MAX);
        let bytes = response
            .bytes_stream()
            .map(move |r| r.map_err(|e| Error::from_reqwest(e, timeout)));
        Self::new(status, headers, Body::new(Box::pin(bytes), idle_timeout))
    }

    fn stop(&mut self) {
        self.done = true;
        self.body.close();
        self.framing.finish();
    }

    /// Polls for the next payload, decoded by `decode`.
    fn poll_with<R>(
        &mut self,
        cx: &mut Context<'_>,
        decode: impl Fn(&str, Option<&str>) -> Result<R, Error>,
    ) -> Poll<Option<Result<R, Error>>> {
        // Yield to the executor after this many body chunks without an item
        // (e.g. a flood of keep-alive comments), so one stream cannot starve
        // other tasks.
        let mut budget = 64u32;
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            match self.framing.next_frame() {
                Some(Frame::Payload(data, event)) => {
                    let result = decode(data, event);
                    if matches!(result, Err(Error::Stream { .. })) {
                        self.stop();
                    }
                    return Poll::Ready(Some(result));
                }
                Some(Frame::ErrorEvent(event, data)) => {
                    let body = serde_json::from_str::<Value>(data).ok();
                    let err = Error::stream_error(Some(event), body, data);
                    self.stop();
                    return Poll::Ready(Some(Err(err)));
                }
                Some(Frame::NotUtf8) => {
                    return Poll::Ready(Some(Err(Error::decode(
                        "",
                        "the line is not valid UTF-8",
                    ))));
                }
                Some(Frame::Done) => {
                    self.stop();
                    return Poll::Ready(None);
                }
                Some(Frame::Skip) => continue,
                None if self.eof => {
                    self.done = true;
                    return Poll::Ready(None);
                }
                None => {}
            }
            if budget == 0 {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            budget -= 1;
            match self.body.poll_chunk(cx) {
                Poll::Ready(Some(Ok(chunk))) => self.framing.feed(&chunk),
                Poll::Ready(Some(Err(e))) => {
                    self.stop();
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) => {
                    self.framing.finish();
                    self.eof = true;
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    async fn accumulate<T: DeserializeOwned>(mut self, rules: AccumulateRules) -> Result<T, Error> {
        let mut acc = Accumulator::new(rules);
        while let Some(chunk) =
            std::future::poll_fn(|cx| self.poll_with(cx, decode_payload::<Value>)).await
        {
            acc.push(chunk?);
        }
        acc.decode()
    }
}

macro_rules! typed_stream {
    ($(#[$doc:meta])* $name:ident, $framing:ty) => {
        $(#[$doc])*
        pub struct $name<T> {
            engine: Engine<$framing>,
            _item: PhantomData<fn() -> T>,
        }

        impl<T> $name<T> {
            pub(crate) fn from_response(
                response: reqwest::Response,
                idle_timeout: Option<Duration>,
            ) -> Self {
                $name {
                    engine: Engine::from_response(response, idle_timeout),
                    _item: PhantomData,
                }
            }

            /// Builds a stream over any source of byte chunks (e.g. a
            /// recorded response, or a body obtained elsewhere).
            pub fn from_byte_stream<S>(stream: S) -> Self
            where
                S: Stream<Item = Result<Bytes, Error>> + Send + 'static,
            {
                $name {
                    engine: Engine::new(
                        StatusCode::OK,
                        HeaderMap::new(),
                        Body::new(Box::pin(stream), None),
                    ),
                    _item: PhantomData,
                }
            }

            /// The HTTP status of the response.
            pub fn status(&self) -> StatusCode {
                self.engine.status
            }

            /// The response headers.
            pub fn headers(&self) -> &HeaderMap {
                &self.engine.headers
            }

            /// The server's request id (`x-request-id`, `request-id`, ...).
            pub fn request_id(&self) -> Option<&str> {
                find_request_id(&self.engine.headers)
            }

            /// Stops reading and closes the connection. Later polls return
            /// `None`. Dropping the stream has the same effect.
            pub fn close(&mut self) {
                self.engine.stop();
            }
        }

        impl<T: DeserializeOwned> $name<T> {
            /// Reads the rest of the stream and folds all chunks into one
            /// value (see [`Accumulator`](crate::Accumulator) for the rules),
            /// decoded as `T`.
            ///
            /// Chunks are folded as raw JSON, so fields that `T` does not
            /// know are not lost along the way. Chunks already taken with
            /// `next()` are not included. Fails on the first error item, or
            /// if the stream carried no data.
            pub async fn accumulate(self) -> Result<T, Error> {
                self.engine.accumulate(crate::settings::ACCUMULATE).await
            }

            /// Like [`Self::accumulate`], with folding rules other than this API's.
            pub async fn accumulate_with(self, rules: AccumulateRules) -> Result<T, Error> {
                self.engine.accumulate(rules).await
            }
        }

        impl<T: DeserializeOwned> Stream for $name<T> {
            type Item = Result<T, Error>;

            fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
                self.get_mut().engine.poll_with(cx, decode_payload::<T>)
            }
        }

        impl<T> std::fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("status", &self.engine.status)
                    .field("done", &self.engine.done)
                    .finish_non_exhaustive()
            }
        }
    };
}

typed_stream!(
    /// A stream of `T` decoded from a Server-Sent Events response.
    ///
    /// Each event's `data` is decoded as JSON into `T`. A `data: [DONE]`
    /// event ends the stream. An event named `error`, or data that is a JSON
    /// object with a top-level `error` key, is yielded as
    /// [`Error::Stream`] and ends the stream. A chunk that does not decode as
    /// `T` is yielded as [`Error::Decode`] (with the JSON path) and the stream
    /// goes on. Events with blank data are skipped. If the connection closes
    /// in the middle of an event, that partial event is discarded.
    ///
    /// The client's timeout applies to each wait for more data.
    ///
    /// ```no_run
    /// use types_only_client::StreamExt;
    /// # async fn demo(mut stream: types_only_client::SseStream<serde_json::Value>) -> Result<(), types_only_client::Error> {
    /// while let Some(chunk) = stream.next().await {
    ///     let chunk = chunk?;
    ///     println!("{chunk}");
    /// }
    /// # Ok(()) }
    /// ```
    SseStream,
    SseFraming
);

typed_stream!(
    /// A stream of `T` decoded from a newline-delimited JSON
    /// (`application/x-ndjson`) response: one JSON value per line.
    ///
    /// Blank lines are skipped and a last line without a newline is accepted.
    /// A line that is a JSON object with a top-level `error` key is yielded as
    /// [`Error::Stream`] and ends the stream; a line that does not decode as
    /// `T` is yielded as [`Error::Decode`] and the stream goes on.
    ///
    /// The client's timeout applies to each wait for more data.
    NdjsonStream,
    NdjsonFraming
);
