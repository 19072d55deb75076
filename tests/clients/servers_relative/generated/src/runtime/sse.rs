// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! An incremental Server-Sent Events decoder.
//!
//! Follows the WHATWG HTML "event stream" interpretation rules: `\n`, `\r\n`
//! and `\r` line endings (a `\r\n` split across two reads counts once),
//! comments (lines starting with `:`), fields without a colon, one optional
//! space after the colon, multi-line `data` joined with `\n`, `event`, `id`
//! (ignored when it contains NUL), `retry` (digits only), dispatch on a blank
//! line, no dispatch when no `data` field was seen, a UTF-8 byte order mark at
//! the start skipped, and UTF-8 characters split across reads anywhere.
//! Invalid UTF-8 is replaced with U+FFFD, as the standard requires.
//!
//! The decoder is usable on its own, independent of any HTTP client:
//!
//! ```
//! use servers_relative_client::sse::SseDecoder;
//!
//! let mut decoder = SseDecoder::new();
//! decoder.feed(b"event: greeting\ndata: hel");
//! assert!(decoder.next_event().is_none()); // incomplete
//! decoder.feed(b"lo\ndata: world\n\n");
//! let event = decoder.next_event().unwrap();
//! assert_eq!(event.event, "greeting");
//! assert_eq!(event.data, "hello\nworld");
//! ```
//!
//! It never rescans bytes it has already looked at, copies each input byte at
//! most twice, and, through [`SseDecoder::next_event_ref`], hands out events
//! without allocating.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A dispatched event, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event type: the last `event` field, or `"message"` by default.
    pub event: String,
    /// The `data` fields of the event, joined with `\n`.
    pub data: String,
    /// The last event id seen on the stream so far (it persists across
    /// events), or `None` if no `id` was set or it was reset to empty.
    pub id: Option<String>,
}

/// A dispatched event, borrowed from the decoder (no allocation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRef<'a> {
    /// The event type: the last `event` field, or `"message"` by default.
    pub event: &'a str,
    /// The `data` fields of the event, joined with `\n`.
    pub data: &'a str,
    /// The last event id seen on the stream so far, if any.
    pub id: Option<&'a str>,
}

impl EventRef<'_> {
    /// Copies the event out of the decoder.
    pub fn to_owned(&self) -> Event {
        Event {
            event: self.event.to_string(),
            data: self.data.to_string(),
            id: self.id.map(str::to_string),
        }
    }
}

/// Fields of the event being assembled, kept apart from the input buffer so
/// that lines can be borrowed from one while the other is updated.
#[derive(Debug, Default)]
struct EventState {
    /// The event's data, once it is more than one line.
    data: String,
    /// While the event has exactly one data line: where its value sits in
    /// the input buffer (handed out without copying).
    span: Option<(usize, usize)>,
    has_data: bool,
    event: String,
    last_id: String,
    retry: Option<Duration>,
    /// The previous call returned an event borrowing `data`/`event`; they are
    /// cleared lazily at the next call.
    dispatched: bool,
}

impl EventState {
    /// Applies the line `buf[start..end]` (without its terminator). Returns
    /// `true` when the line dispatches an event.
    #[inline]
    fn process_line(&mut self, buf: &[u8], start: usize, end: usize) -> bool {
        let line = &buf[start..end];
        if line.is_empty() {
            if self.has_data {
                return true;
            }
            self.event.clear();
            return false;
        }
        // Fast path for the overwhelmingly common line.
        if let Some(rest) = line.strip_prefix(b"data:") {
            let value_start = end - rest.len() + usize::from(rest.first() == Some(&b' '));
            self.push_data(buf, value_start, end);
            return false;
        }
        if line[0] == b':' {
            return false;
        }
        let (field, value_start) = match line.iter().position(|&b| b == b':') {
            Some(c) => {
                let v = start + c + 1;
                (
                    &line[..c],
                    v + usize::from(buf.get(v) == Some(&b' ') && v < end),
                )
            }
            None => (line, end),
        };
        let value = &buf[value_start..end];
        match field {
            b"data" => self.push_data(buf, value_start, end),
            b"event" => {
                self.event.clear();
                push_lossy(&mut self.event, value);
            }
            b"id" if !value.contains(&0) => {
                self.last_id.clear();
                push_lossy(&mut self.last_id, value);
            }
            b"retry" if !value.is_empty() && value.iter().all(u8::is_ascii_digit) => {
                let ms = value.iter().fold(0u64, |acc, d| {
                    acc.saturating_mul(10).saturating_add(u64::from(d - b'0'))
                });
                self.retry = Some(Duration::from_millis(ms));
            }
            _ => {}
        }
        false
    }

    #[inline]
    fn push_data(&mut self, buf: &[u8], start: usize, end: usize) {
        if !self.has_data {
            self.has_data = true;
            self.span = Some((start, end));
            return;
        }
        if let Some((s, e)) = self.span.take() {
            push_lossy(&mut self.data, &buf[s..e]);
        }
        self.data.push('\n');
        push_lossy(&mut self.data, &buf[start..end]);
    }

    fn reset_event(&mut self) {
        self.data.clear();
        self.span = None;
        self.event.clear();
        self.has_data = false;
        self.dispatched = false;
    }
}

#[inline]
fn push_lossy(out: &mut String, bytes: &[u8]) {
    match super::utf8::from_utf8(bytes) {
        Some(s) => out.push_str(s),
        None => out.push_str(&String::from_utf8_lossy(bytes)),
    }
}

/// Finds the first `\n` or `\r`: `memchr2` scans with SIMD where the CPU has it
/// (measured against a hand-written eight-bytes-at-a-time scan: see BENCHMARKS.md).
#[inline]
fn find_eol(hay: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', hay)
}

/// Incremental event-stream decoder: [`feed`](Self::feed) it bytes as they
/// arrive, then take events with [`next_event`](Self::next_event) (or
/// [`next_event_ref`](Self::next_event_ref)) until it returns `None`.
#[derive(Debug, Default)]
pub struct SseDecoder {
    /// Unprocessed input; bytes before `pos` are consumed.
    buf: Vec<u8>,
    pos: usize,
    /// Bytes after `pos` already known to hold no line terminator.
    scanned: usize,
    /// The last line ended with `\r` at the very end of the input: a `\n`
    /// at the start of the next read belongs to it.
    skip_lf: bool,
    /// Past the point where a byte order mark could appear.
    bom_checked: bool,
    state: EventState,
}

impl SseDecoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends bytes read from the stream. Any split is fine: in the middle of
    /// a line, of a `\r\n`, or of a UTF-8 character.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.state.dispatched {
            self.state.reset_event();
        }
        // Drop consumed input, but keep a pending single-line data value.
        let keep_from = match self.state.span {
            Some((s, _)) => s.min(self.pos),
            None => self.pos,
        };
        if keep_from > 0 {
            if keep_from >= self.buf.len() {
                self.buf.clear();
                if self.buf.capacity() > (1 << 20) && chunk.len() < (1 << 16) {
                    self.buf.shrink_to(1 << 16);
                }
            } else {
                self.buf.drain(..keep_from);
            }
            self.pos -= keep_from;
            if let Some((s, e)) = self.state.span.as_mut() {
                *s -= keep_from;
                *e -= keep_from;
            }
        }
        self.buf.extend_from_slice(chunk);
    }

    /// The next complete event, borrowed from the decoder, or `None` when more
    /// input is needed.
    pub fn next_event_ref(&mut self) -> Option<EventRef<'_>> {
        if self.state.dispatched {
            self.state.reset_event();
        }
        if !self.bom_checked {
            let avail = &self.buf[self.pos..];
            if avail.len() < BOM.len() && BOM.starts_with(avail) {
                return None; // could still become a BOM
            }
            if avail.starts_with(BOM) {
                self.pos += BOM.len();
            }
            self.bom_checked = true;
        }
        if self.skip_lf {
            if self.pos == self.buf.len() {
                return None;
            }
            if self.buf[self.pos] == b'\n' {
                self.pos += 1;
            }
            self.skip_lf = false;
        }
        loop {
            let start = self.pos;
            let from = start + self.scanned;
            let Some(off) = find_eol(&self.buf[from..]) else {
                self.scanned = self.buf.len() - start;
                return None;
            };
            let end = from + off;
            self.scanned = 0;
            self.pos = end + 1;
            if self.buf[end] == b'\r' {
                match self.buf.get(end + 1) {
                    Some(b'\n') => self.pos += 1,
                    Some(_) => {}
                    None => self.skip_lf = true,
                }
            }
            if self.state.process_line(&self.buf, start, end) {
                self.state.dispatched = true;
                let state = &mut self.state;
                let data = match state.span {
                    Some((s, e)) => match super::utf8::from_utf8(&self.buf[s..e]) {
                        Some(data) => data,
                        None => {
                            state.span = None;
                            push_lossy(&mut state.data, &self.buf[s..e]);
                            &state.data
                        }
                    },
                    None => &state.data,
                };
                return Some(EventRef {
                    event: if state.event.is_empty() {
                        "message"
                    } else {
                        &state.event
                    },
                    data,
                    id: (!state.last_id.is_empty()).then_some(state.last_id.as_str()),
                });
            }
        }
    }

    /// The next complete event, or `None` when more input is needed.
    pub fn next_event(&mut self) -> Option<Event> {
        self.next_event_ref().map(|e| e.to_owned())
    }

    /// Ends the stream: an incomplete trailing event is discarded, as the
    /// standard requires. The decoder can then be reused for a new stream
    /// (the last event id and reconnection time are kept).
    pub fn finish(&mut self) {
        self.buf.clear();
        self.pos = 0;
        self.scanned = 0;
        self.skip_lf = false;
        self.bom_checked = false;
        self.state.reset_event();
    }

    /// The last event id received (the value a reconnecting client sends as
    /// `Last-Event-ID`), if any.
    pub fn last_event_id(&self) -> Option<&str> {
        (!self.state.last_id.is_empty()).then_some(self.state.last_id.as_str())
    }

    /// The reconnection time set by the last valid `retry` field, if any.
    pub fn reconnection_time(&self) -> Option<Duration> {
        self.state.retry
    }
}

/// Adapts a stream of byte chunks (for example `reqwest::Response::bytes_stream()`)
/// into a stream of [`Event`]s. Errors from the byte stream are passed
/// through; an incomplete event at the end is discarded.
///
/// ```no_run
/// # async fn demo(response: servers_relative_client::reqwest::Response) {
/// use servers_relative_client::StreamExt;
/// let mut events = servers_relative_client::sse::EventStream::new(response.bytes_stream());
/// while let Some(event) = events.next().await {
///     println!("{:?}", event);
/// }
/// # }
/// ```
#[derive(Debug)]
pub struct EventStream<S> {
    inner: Option<S>,
    decoder: SseDecoder,
}

impl<S> EventStream<S> {
    /// Wraps a stream of byte chunks.
    pub fn new(inner: S) -> Self {
        EventStream {
            inner: Some(inner),
            decoder: SseDecoder::new(),
        }
    }

    /// The decoder, e.g. for its last event id.
    pub fn decoder(&self) -> &SseDecoder {
        &self.decoder
    }
}

impl<S, B, E> Stream for EventStream<S>
where
    S: Stream<Item = Result<B, E>> + Unpin,
    B: AsRef<[u8]>,
{
    type Item = Result<Event, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        // Yield to the executor now and then on a flood of eventless chunks.
        let mut budget = 64u32;
        loop {
            if let Some(event) = this.decoder.next_event() {
                return Poll::Ready(Some(Ok(event)));
            }
            if budget == 0 {
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            budget -= 1;
            let Some(inner) = this.inner.as_mut() else {
                return Poll::Ready(None);
            };
            match Pin::new(inner).poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => this.decoder.feed(chunk.as_ref()),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(None) => {
                    this.decoder.finish();
                    this.inner = None;
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}
