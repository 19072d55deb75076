// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! An incremental newline-delimited JSON (`application/x-ndjson`,
//! JSON Lines) splitter.
//!
//! Lines end with `\n` (a preceding `\r` is dropped); blank lines are skipped;
//! a last line without a newline is accepted when the stream ends.
//!
//! ```
//! use unions_client::ndjson::NdjsonDecoder;
//!
//! let mut decoder = NdjsonDecoder::new();
//! decoder.feed(b"{\"a\":1}\n\n{\"a\"");
//! assert_eq!(decoder.next_line(), Some(&b"{\"a\":1}"[..]));
//! assert_eq!(decoder.next_line(), None); // waiting for the rest
//! decoder.feed(b":2}");
//! decoder.finish();
//! assert_eq!(decoder.next_line(), Some(&b"{\"a\":2}"[..]));
//! ```

/// Splits a byte stream into non-blank lines, without rescanning input.
#[derive(Debug, Default)]
pub struct NdjsonDecoder {
    buf: Vec<u8>,
    pos: usize,
    scanned: usize,
    finished: bool,
}

impl NdjsonDecoder {
    /// A decoder at the start of a stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends bytes read from the stream; any split is fine.
    pub fn feed(&mut self, chunk: &[u8]) {
        if self.pos > 0 {
            if self.pos >= self.buf.len() {
                self.buf.clear();
            } else {
                self.buf.drain(..self.pos);
            }
            self.pos = 0;
        }
        self.buf.extend_from_slice(chunk);
    }

    /// Marks the end of the stream, so that a last line without a trailing
    /// newline is returned by [`next_line`](Self::next_line).
    pub fn finish(&mut self) {
        self.finished = true;
    }

    /// The next non-blank line (without its line ending), or `None` when more
    /// input is needed (or, after [`finish`](Self::finish), when all lines
    /// were returned).
    pub fn next_line(&mut self) -> Option<&[u8]> {
        loop {
            let start = self.pos;
            if start >= self.buf.len() {
                return None;
            }
            let from = start + self.scanned;
            let end = match memchr::memchr(b'\n', &self.buf[from..]) {
                Some(off) => {
                    self.pos = from + off + 1;
                    from + off
                }
                None if self.finished => {
                    self.pos = self.buf.len();
                    self.buf.len()
                }
                None => {
                    self.scanned = self.buf.len() - start;
                    return None;
                }
            };
            self.scanned = 0;
            let (s, e) = trim_ascii(&self.buf, start, end);
            if s < e {
                return Some(&self.buf[s..e]);
            }
        }
    }
}

/// Narrows `buf[start..end]` to exclude surrounding ASCII whitespace.
fn trim_ascii(buf: &[u8], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && buf[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && buf[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    (start, end)
}
