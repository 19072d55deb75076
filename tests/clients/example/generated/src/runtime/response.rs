// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! A successful response together with its HTTP metadata.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// Response headers that commonly carry the server-assigned request id, in
/// order of preference.
const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "apim-request-id",
    "x-ms-request-id",
    "x-correlation-id",
];

pub(crate) fn find_request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .filter(|s| !s.is_empty())
}

/// A successful response: the decoded body plus the status and headers it
/// came with.
///
/// Returned by the `*_with_options` operation methods, for when rate-limit
/// headers or the request id matter.
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    /// The HTTP status code (2xx).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The decoded body.
    pub body: T,
}

impl<T> ApiResponse<T> {
    /// The server's request id (`x-request-id`, `request-id`, ...).
    pub fn request_id(&self) -> Option<&str> {
        find_request_id(&self.headers)
    }

    /// Discards the metadata and returns the body.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Transforms the body, keeping the metadata.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ApiResponse<U> {
        ApiResponse {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}
