// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Typed error responses: how an operation's declared error bodies reach the caller.
//!
//! Every call runs untyped (`Error`); an operation that declares error responses
//! turns its error into `Error<E>` on the way out ([`Error::into_typed`]), where `E`
//! is its generated enum in the crate's `errors` module. The raw body stays on the
//! [`ApiError`] either way, so nothing is lost when a body does not match the spec.

use std::fmt;

use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{ApiError, Error};

/// The typed error of operations that declare no error responses: there is never a
/// value of it, so [`Error::typed`] is always `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Untyped {}

impl fmt::Display for Untyped {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

/// An operation's declared error responses, decoded from an error status and body.
/// Implemented by the enums of the crate's `errors` module.
pub trait TypedError: Sized {
    /// The declared response for `status` (exact code, else range, else `default`)
    /// decoded from `body`; `None` when no declared response covers the status or
    /// the body does not decode as its schema.
    fn from_response(status: StatusCode, body: Option<&Value>) -> Option<Self>;
}

/// Decodes an error body as `T`; `None` when there is no JSON body or it does not fit.
// Only APIs that declare error responses call this.
#[allow(dead_code)]
pub(crate) fn decode_body<T: DeserializeOwned>(body: Option<&Value>) -> Option<T> {
    T::deserialize(body?).ok()
}

impl Error {
    /// The same error, with an API error's body decoded as `E` says for its status.
    // Only APIs that declare error responses call this.
    #[allow(dead_code)]
    pub(crate) fn into_typed<E: TypedError>(self) -> Error<E> {
        map_api(self, ApiError::into_typed)
    }
}

impl<E> Error<E> {
    /// The same error as a plain [`Error`], without its typed body.
    pub fn untyped(self) -> Error {
        map_api(self, ApiError::untyped)
    }
}

/// Lets `?` turn an operation's `Error<E>` into the plain `Error` that functions
/// calling several operations return.
impl<E: TypedError> From<Error<E>> for Error {
    fn from(err: Error<E>) -> Self {
        err.untyped()
    }
}

/// Rebuilds `err` with another typed error, converting only the API error.
fn map_api<A, B>(err: Error<A>, f: impl FnOnce(ApiError<A>) -> ApiError<B>) -> Error<B> {
    match err {
        Error::Api(e) => Error::Api(f(e)),
        Error::Timeout { after, request } => Error::Timeout { after, request },
        Error::Connection {
            message,
            source,
            request,
        } => Error::Connection {
            message,
            source,
            request,
        },
        Error::Decode {
            path,
            message,
            body_start,
        } => Error::Decode {
            path,
            message,
            body_start,
        },
        Error::Stream {
            message,
            event,
            body,
        } => Error::Stream {
            message,
            event,
            body,
        },
        Error::IncompleteStream { items, expected } => Error::IncompleteStream { items, expected },
        Error::Config { message } => Error::Config { message },
        Error::Validation(e) => Error::Validation(e),
    }
}
