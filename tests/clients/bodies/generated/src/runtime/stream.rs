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
use super::stream_end::StreamEnd;

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
                        return Poll::Ready(Some(Err(Error::Timeout {
                            after,
                            request: None,
                        })));
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
    /// Server-Sent Events (as opposed to NDJSON).
    const SSE: bool;
    fn feed(&mut self, chunk: &[u8]);
    fn finish(&mut self);
    /// At the end of the body: the data of a trailing event that lacks its
    /// closing blank line (discarded, as the standard requires), so that a
    /// terminator sent without it still counts. `None` for NDJSON.
    fn trailing_data(&mut self) -> Option<String> {
        None
    }
    fn next_frame(&mut self) -> Option<Frame<'_>>;
}

#[derive(Default)]
struct SseFraming(SseDecoder);

impl Framing for SseFraming {
    const SSE: bool = true;

    fn feed(&mut self, chunk: &[u8]) {
        self.0.feed(chunk);
    }

    fn finish(&mut self) {
        self.0.finish();
    }

    fn trailing_data(&mut self) -> Option<String> {
        // Ending the last line and the event dispatches what was pending.
        self.0.feed(b"\n\n");
        let data = self.0.next_event_ref().map(|ev| ev.data.trim().to_string());
        self.0.finish();
        data
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
    const SSE: bool = false;

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
            .map(|line| match super::utf8::from_utf8(line) {
                Some(text) => Frame::Payload(text, None),
                None => Frame::NotUtf8,
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
    /// The end marker a complete stream carries.
    end: StreamEnd,
    /// The end marker was seen.
    complete: bool,
    /// Items yielded so far (decoded or not).
    items: usize,
    /// SSE: decode `{"event": <name>, "data": <data>}` rather than the data.
    envelope: bool,
}

impl<F: Framing> Engine<F> {
    fn new(status: StatusCode, headers: HeaderMap, body: Body, end: StreamEnd) -> Self {
        Engine {
            status,
            headers,
            body,
            framing: F::default(),
            eof: false,
            done: false,
            end,
            complete: false,
            items: 0,
            envelope: false,
        }
    }

    fn from_response(response: reqwest::Response, idle_timeout: Option<Duration>) -> Self {
        let status = response.status();
        let headers = response.headers().clone();
        let timeout = idle_timeout.unwrap_or(Duration::MAX);
        let bytes = response
            .bytes_stream()
            .map(move |r| r.map_err(|e| Error::from_reqwest(e, timeout)));
        Self::new(
            status,
            headers,
            Body::new(Box::pin(bytes), idle_timeout),
            crate::settings::STREAM_END,
        )
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
                Some(Frame::Payload(data, _)) if F::SSE && self.end.terminator == Some(data) => {
                    self.complete = true;
                    self.stop();
                    return Poll::Ready(None);
                }
                Some(Frame::Payload(data, event)) => {
                    let last = self.end.is_last(data, event);
                    let result = if self.envelope {
                        decode(&envelope(data, event), event)
                    } else {
                        decode(data, event)
                    };
                    self.items += 1;
                    if matches!(result, Err(Error::Stream { .. })) {
                        self.stop();
                    } else if last {
                        self.complete = true;
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
                    self.complete = true;
                    self.stop();
                    return Poll::Ready(None);
                }
                Some(Frame::Skip) => continue,
                None if self.eof => {
                    self.done = true;
                    let required = if F::SSE {
                        self.end.required_for_sse()
                    } else {
                        self.end.required_for_ndjson()
                    };
                    if required && !self.complete {
                        return Poll::Ready(Some(Err(Error::IncompleteStream {
                            items: self.items,
                            expected: self.end.describe(F::SSE),
                        })));
                    }
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
                    if let Some(data) = self.framing.trailing_data() {
                        if data == "[DONE]" || Some(data.as_str()) == self.end.terminator {
                            self.complete = true;
                        }
                    }
                    self.framing.finish();
                    self.eof = true;
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }

    /// Reads the rest of the stream, folding every chunk (as raw JSON).
    async fn fold(mut self, rules: AccumulateRules) -> Result<Accumulator, Error> {
        let mut acc = Accumulator::new(rules);
        while let Some(chunk) =
            std::future::poll_fn(|cx| self.poll_with(cx, decode_payload::<Value>)).await
        {
            acc.push(chunk?);
        }
        Ok(acc)
    }
}

/// An SSE event as one JSON object, `{"event": name, "data": data}`, for item
/// types that tell events apart by their SSE event name. JSON data is
/// embedded as is; other data as a string.
fn envelope(data: &str, event: Option<&str>) -> String {
    let name = Value::String(event.unwrap_or("message").to_string());
    let is_json = serde_json::from_str::<serde::de::IgnoredAny>(data).is_ok();
    let data = if is_json {
        data.to_string()
    } else {
        Value::String(data.to_string()).to_string()
    };
    format!("{{\"event\":{name},\"data\":{data}}}")
}

impl<T> SseStream<T> {
    /// Decodes each event as the JSON object `{"event": <SSE event name>,
    /// "data": <the event's data>}` instead of its data alone: for an item
    /// type that is a union tagged on `event`, so each event's data decodes
    /// as the variant its event name selects. Events without an `event:`
    /// field are named `message`; event names the type does not know are
    /// kept by its catch-all variant, not errors. Generated stream methods
    /// turn this on when the spec describes events this way.
    pub fn with_event_envelope(mut self) -> Self {
        self.engine.envelope = true;
        self
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
            /// recorded response, or a body obtained elsewhere). No end
            /// marker is expected unless set with [`Self::with_end`].
            pub fn from_byte_stream<S>(stream: S) -> Self
            where
                S: Stream<Item = Result<Bytes, Error>> + Send + 'static,
            {
                $name {
                    engine: Engine::new(
                        StatusCode::OK,
                        HeaderMap::new(),
                        Body::new(Box::pin(stream), None),
                        StreamEnd::NONE,
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

            /// Sets the end marker a complete stream carries (by default the
            /// API's, from the crate's config); [`StreamEnd::NONE`] accepts
            /// a clean close as the end.
            pub fn with_end(mut self, end: StreamEnd) -> Self {
                self.engine.end = end;
                self
            }

            /// Whether the stream ended with its end marker (always `false`
            /// before the end).
            pub fn is_complete(&self) -> bool {
                self.engine.complete
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
                self.accumulate_with(crate::settings::ACCUMULATE).await
            }

            /// Like [`Self::accumulate`], with folding rules other than this API's.
            pub async fn accumulate_with(self, rules: AccumulateRules) -> Result<T, Error> {
                self.engine.fold(rules).await?.decode()
            }

            /// Reads the rest of the stream, folds all chunks, and returns the
            /// result as the operation's non-streaming response `R` (reshaped
            /// by the API's `rename`/`set` rules, see
            /// [`Accumulator::into_response`](crate::Accumulator::into_response)):
            /// the same value the non-streaming method returns for the same
            /// answer. A cut-off stream is an error
            /// ([`Error::IncompleteStream`]), never a short response.
            pub async fn accumulate_into<R: DeserializeOwned>(self) -> Result<R, Error> {
                self.engine
                    .fold(crate::settings::ACCUMULATE)
                    .await?
                    .into_response()
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
    /// event ends the stream. When the API's config names an end marker
    /// (see [`StreamEnd`](crate::StreamEnd)), a stream that closes without
    /// it yields [`Error::IncompleteStream`] as its last item, so a cut-off
    /// answer never looks complete. An event named `error`, or data that is a JSON
    /// object with a top-level `error` key, is yielded as
    /// [`Error::Stream`] and ends the stream. A chunk that does not decode as
    /// `T` is yielded as [`Error::Decode`] (with the JSON path) and the stream
    /// goes on. Events with blank data are skipped. If the connection closes
    /// in the middle of an event, that partial event is discarded.
    ///
    /// The client's timeout applies to each wait for more data.
    ///
    /// ```no_run
    /// use bodies_client::StreamExt;
    /// # async fn demo(mut stream: bodies_client::SseStream<serde_json::Value>) -> Result<(), bodies_client::Error> {
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
    /// When the API's config names a last item (e.g. `"done": true`), the
    /// stream ends after it, and a stream that closes before it yields
    /// [`Error::IncompleteStream`] as its last item.
    /// A line that is a JSON object with a top-level `error` key is yielded as
    /// [`Error::Stream`] and ends the stream; a line that does not decode as
    /// `T` is yielded as [`Error::Decode`] and the stream goes on.
    ///
    /// The client's timeout applies to each wait for more data.
    NdjsonStream,
    NdjsonFraming
);
