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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_lookup() {
        let mut h = HeaderMap::new();
        assert_eq!(find_request_id(&h), None);
        h.insert("request-id", "b".parse().unwrap());
        assert_eq!(find_request_id(&h), Some("b"));
        h.insert("x-request-id", "a".parse().unwrap());
        assert_eq!(find_request_id(&h), Some("a"));
        let r = ApiResponse {
            status: StatusCode::OK,
            headers: h,
            body: 5,
        };
        assert_eq!(r.request_id(), Some("a"));
        assert_eq!(r.map(|b| b * 2).into_body(), 10);
    }
}
