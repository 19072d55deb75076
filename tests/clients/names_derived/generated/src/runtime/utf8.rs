// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The UTF-8 check of text read from the wire (string values, event data, lines).
//!
//! The standard library's check goes a word at a time through ASCII but a byte at a time
//! from the first other character on, so prose in most languages (or an answer with one
//! emoji) costs several instructions a byte. `simdutf8` checks 32 or 64 bytes a step
//! whatever they hold; below a few dozen bytes its set-up costs more than it saves.

/// Below this many bytes the standard library's check is the faster one.
const SIMD_FROM: usize = 64;

/// `bytes` as text, when they are UTF-8.
#[inline]
pub(crate) fn from_utf8(bytes: &[u8]) -> Option<&str> {
    if bytes.len() < SIMD_FROM {
        std::str::from_utf8(bytes).ok()
    } else {
        simdutf8::basic::from_utf8(bytes).ok()
    }
}
