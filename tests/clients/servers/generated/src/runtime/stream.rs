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
    /// use servers_client::StreamExt;
    /// # async fn demo(mut stream: servers_client::SseStream<serde_json::Value>) -> Result<(), servers_client::Error> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Chunk {
        n: u32,
    }

    fn chunks(parts: &[&str]) -> impl Stream<Item = Result<Bytes, Error>> + Send + 'static {
        let owned: Vec<Result<Bytes, Error>> = parts
            .iter()
            .map(|p| Ok(Bytes::copy_from_slice(p.as_bytes())))
            .collect();
        futures_util::stream::iter(owned)
    }

    async fn collect_sse(parts: &[&str]) -> Vec<Result<Chunk, String>> {
        SseStream::<Chunk>::from_byte_stream(chunks(parts))
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
            .await
    }

    #[tokio::test]
    async fn sse_typed_items_and_done() {
        let items = collect_sse(&[
            ": hi\n\ndata: {\"n\":1}\n\n",
            "data: {\"n\"",
            ":2}\n\ndata: [DONE]\n\ndata: {\"n\":3}\n\n",
        ])
        .await;
        assert_eq!(items, vec![Ok(Chunk { n: 1 }), Ok(Chunk { n: 2 })]);
    }

    #[tokio::test]
    async fn sse_every_split_position() {
        let input = "data: {\"n\":1}\r\n\r\nevent: update\ndata: {\"n\":\r\ndata: 2}\r\r: x\ndata: [DONE]\n\n";
        for i in 0..=input.len() {
            let (a, b) = input.as_bytes().split_at(i);
            let parts: Vec<Result<Bytes, Error>> =
                vec![Ok(Bytes::copy_from_slice(a)), Ok(Bytes::copy_from_slice(b))];
            let items: Vec<_> =
                SseStream::<Chunk>::from_byte_stream(futures_util::stream::iter(parts))
                    .map(|r| r.unwrap())
                    .collect()
                    .await;
            assert_eq!(items, vec![Chunk { n: 1 }, Chunk { n: 2 }], "split at {i}");
        }
    }

    #[tokio::test]
    async fn sse_error_event_and_payload() {
        let items =
            collect_sse(&["data: {\"n\":1}\n\nevent: error\ndata: {\"error\":{\"message\":\"overloaded\"}}\n\ndata: {\"n\":2}\n\n"]).await;
        assert_eq!(items.len(), 2);
        assert_eq!(items[1], Err("error received in stream: overloaded".into()));

        let mut s = SseStream::<Chunk>::from_byte_stream(chunks(&[
            "data: {\"error\":{\"message\":\"boom\",\"code\":500}}\n\n",
        ]));
        match s.next().await {
            Some(Err(Error::Stream {
                message,
                event,
                body,
            })) => {
                assert_eq!(message, "boom");
                assert_eq!(event, None);
                assert_eq!(body.unwrap()["error"]["code"], 500);
            }
            other => panic!("{other:?}"),
        }
        assert!(s.next().await.is_none());

        // Non-JSON error event data.
        let items = collect_sse(&["event: error\ndata: upstream failed\n\n"]).await;
        assert_eq!(
            items,
            vec![Err("error received in stream: upstream failed".into())]
        );
    }

    #[tokio::test]
    async fn sse_decode_error_continues() {
        let items = collect_sse(&["data: {\"n\":\"x\"}\n\ndata: {\"n\":4}\n\n"]).await;
        assert_eq!(items.len(), 2);
        assert!(
            items[0].as_ref().unwrap_err().contains("at `n`"),
            "{items:?}"
        );
        assert_eq!(items[1], Ok(Chunk { n: 4 }));
    }

    #[tokio::test]
    async fn sse_partial_event_discarded_and_blank_skipped() {
        let items = collect_sse(&["data: {\"n\":1}\n\ndata:\n\ndata: {\"n\":2}\n"]).await;
        assert_eq!(items, vec![Ok(Chunk { n: 1 })]);
        let items = collect_sse(&["data: {\"n\":1}\n\ndata: {\"n\":2}"]).await;
        assert_eq!(items, vec![Ok(Chunk { n: 1 })]);
    }

    #[tokio::test]
    async fn sse_body_error_ends_stream() {
        let parts: Vec<Result<Bytes, Error>> = vec![
            Ok(Bytes::from_static(b"data: {\"n\":1}\n\n")),
            Err(Error::connection("reset")),
            Ok(Bytes::from_static(b"data: {\"n\":2}\n\n")),
        ];
        let items: Vec<_> = SseStream::<Chunk>::from_byte_stream(futures_util::stream::iter(parts))
            .collect()
            .await;
        assert_eq!(items.len(), 2);
        assert!(items[1].as_ref().unwrap_err().is_connection());
    }

    #[tokio::test]
    async fn sse_idle_timeout() {
        let body = futures_util::stream::once(async {
            Ok::<_, Error>(Bytes::from_static(b"data: {\"n\":1}\n\n"))
        })
        .chain(futures_util::stream::pending());
        let mut s = SseStream::<Chunk> {
            engine: Engine::new(
                StatusCode::OK,
                HeaderMap::new(),
                Body::new(Box::pin(body), Some(Duration::from_millis(50))),
            ),
            _item: PhantomData,
        };
        assert_eq!(s.next().await.unwrap().unwrap(), Chunk { n: 1 });
        assert!(s.next().await.unwrap().unwrap_err().is_timeout());
        assert!(s.next().await.is_none());
    }

    #[tokio::test]
    async fn many_empty_chunks_do_not_block_the_executor() {
        let mut parts: Vec<Result<Bytes, Error>> = (0..1000)
            .map(|_| Ok(Bytes::from_static(b": ping\n\n")))
            .collect();
        parts.push(Ok(Bytes::from_static(b"data: {\"n\":9}\n\n")));
        let mut s = SseStream::<Chunk>::from_byte_stream(futures_util::stream::iter(parts));
        let mut pendings = 0;
        let item = std::future::poll_fn(|cx| match Pin::new(&mut s).poll_next(cx) {
            Poll::Pending => {
                pendings += 1;
                Poll::Pending
            }
            ready => ready,
        })
        .await;
        assert_eq!(item.unwrap().unwrap(), Chunk { n: 9 });
        assert!(pendings >= 10, "{pendings}");
    }

    #[tokio::test]
    async fn ndjson_stream() {
        let s = NdjsonStream::<Chunk>::from_byte_stream(chunks(&[
            "{\"n\":1}\n\n{\"n\"",
            ":2}\r\n{\"n\":\"bad\"}\n{\"n\":3}",
        ]));
        let items: Vec<_> = s.map(|r| r.map_err(|e| e.to_string())).collect().await;
        assert_eq!(items.len(), 4);
        assert_eq!(items[0], Ok(Chunk { n: 1 }));
        assert_eq!(items[1], Ok(Chunk { n: 2 }));
        assert!(items[2].is_err());
        assert_eq!(items[3], Ok(Chunk { n: 3 }));

        let items: Vec<_> = NdjsonStream::<Chunk>::from_byte_stream(chunks(&[
            "{\"n\":1}\n{\"error\":\"model not found\"}\n{\"n\":2}\n",
        ]))
        .map(|r| r.map_err(|e| e.to_string()))
        .collect()
        .await;
        assert_eq!(
            items,
            vec![
                Ok(Chunk { n: 1 }),
                Err("error received in stream: model not found".into())
            ]
        );
    }

    #[tokio::test]
    async fn accumulate_sse() {
        #[derive(Debug, Deserialize)]
        struct Out {
            choices: Vec<Choice>,
            extra: Option<String>,
        }
        #[derive(Debug, Deserialize)]
        struct Choice {
            delta: Delta,
        }
        #[derive(Debug, Deserialize)]
        struct Delta {
            role: String,
            content: String,
        }
        let s = SseStream::<Out>::from_byte_stream(chunks(&[
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"He\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"llo\"}}],\"extra\":\"x\"}\n\n",
            "data: [DONE]\n\n",
        ]));
        let rules = AccumulateRules {
            index_key: "index",
            concat_under: &["delta"],
            replace_keys: &["role"],
        };
        let out = s.accumulate_with(rules).await.unwrap();
        assert_eq!(out.choices[0].delta.role, "assistant");
        assert_eq!(out.choices[0].delta.content, "Hello");
        assert_eq!(out.extra.as_deref(), Some("x"));

        let s = SseStream::<Out>::from_byte_stream(chunks(&[
            "data: {\"choices\":[]}\n\nevent: error\ndata: {\"message\":\"nope\"}\n\n",
        ]));
        assert!(matches!(s.accumulate().await, Err(Error::Stream { .. })));
        let s = SseStream::<Out>::from_byte_stream(chunks(&["data: [DONE]\n\n"]));
        assert!(matches!(s.accumulate().await, Err(Error::Stream { .. })));
    }

    #[test]
    fn streams_are_send_and_unpin() {
        fn check<T: Send + Unpin + 'static>() {}
        check::<SseStream<Value>>();
        check::<NdjsonStream<Value>>();
        // Even for an item type that is neither Send nor Sync.
        check::<SseStream<std::rc::Rc<()>>>();
    }
}
