// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Hand-written, API-agnostic runtime shared by every generated client.
//!
//! This module is copied verbatim into each generated crate. It provides the
//! HTTP [`Client`], the single [`Error`] type, per-request [`RequestOptions`],
//! [`ApiResponse`], retries, and typed streaming over Server-Sent Events
//! ([`SseStream`]) and newline-delimited JSON ([`NdjsonStream`]).
//!
//! Nothing in here knows about a particular API: everything specific (servers,
//! security schemes and requirements, how streamed chunks are folded) comes from the
//! generated `settings` module.

mod accumulate;
// `pub(crate)`: the generated settings list the API's schemes and servers with these types.
pub(crate) mod auth;
pub(crate) mod body;
// The blocking client; `crate::blocking` re-exports it with the generated wrappers.
#[cfg(feature = "blocking")]
pub(crate) mod blocking;
#[cfg(feature = "blocking")]
mod blocking_stream;
mod client;
mod content_type;
// `pub`: users decode stored responses and webhook payloads with `decode::from_slice`.
pub mod decode;
mod download;
mod error;
// `pub`, not exported at the root: `Extra` is a common schema name, which a root export
// would push aside. Fields name it `crate::runtime::extra::Extra`.
pub mod extra;
// Used by `json_object!` to read each field.
pub(crate) mod field_read;
pub(crate) mod form;
mod json_macros;
mod json_object;
mod json_read;
mod json_unions;
pub(crate) mod multipart;
pub mod ndjson;
mod nullable;
mod options;
pub(crate) mod outcome;
pub(crate) mod params;
mod response;
mod retry;
pub(crate) mod serde_support;
pub(crate) mod servers;
pub mod sse;
mod stream;
mod stream_end;
pub(crate) mod typed_error;
mod utf8;
pub mod validate;

pub use accumulate::{AccumulateRules, Accumulator};
pub use auth::Auth;
pub use body::FilePart;
pub use client::{Client, ClientBuilder};
pub use download::ByteStream;
pub use error::{ApiError, Error};
pub use json_object::JsonObject;
pub use multipart::Multipart;
pub use nullable::Nullable;
pub use options::RequestOptions;
pub use outcome::Outcome;
pub use response::ApiResponse;
pub use stream::{NdjsonStream, SseStream};
pub use stream_end::StreamEnd;
// Only the trait at the root: `ValidationError` is a common schema name (FastAPI specs),
// which a root export would push aside; the rest is reached as `validate::...`.
pub use typed_error::{TypedError, Untyped};
pub use validate::Validate;

/// Used by the generated operation methods (`crate::runtime::Request`).
#[allow(unused_imports)]
pub(crate) use client::Request;

/// Re-exported so that `stream.next().await` works without adding
/// `futures-util` as a dependency.
pub use futures_util::StreamExt;

/// The HTTP client library this runtime is built on, re-exported so that a
/// custom `reqwest::Client` (see [`ClientBuilder::http_client`]) and header
/// types always come from the exact same version.
pub use reqwest;

/// HTTP status code, as returned by [`ApiError::status`] and
/// [`ApiResponse::status`].
pub use reqwest::StatusCode;
