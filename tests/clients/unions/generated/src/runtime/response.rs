// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! A successful response together with its HTTP metadata.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// The server's request id: the first non-empty value among the response
/// headers the crate's config lists (`request_id_headers`; by default
/// `x-request-id`, `request-id`, `x-amzn-requestid`, `x-litellm-call-id`,
/// `cf-ray` and other common ones), most preferred first.
pub(crate) fn find_request_id(headers: &HeaderMap) -> Option<&str> {
    find_in(headers, crate::settings::REQUEST_ID_HEADERS)
}

fn find_in<'h>(headers: &'h HeaderMap, names: &[&str]) -> Option<&'h str> {
    names.iter().find_map(|name| {
        headers
            .get(*name)?
            .to_str()
            .ok()
            .map(str::trim)
            .filter(|s| !s.is_empty())
    })
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
    /// The server's request id, from the first of the API's request-id
    /// headers that is present (`x-request-id`, `request-id`, ...).
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
