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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_lookup() {
        let names = &["x-request-id", "request-id", "cf-ray"];
        let mut h = HeaderMap::new();
        assert_eq!(find_in(&h, names), None);
        h.insert("cf-ray", "c".parse().unwrap());
        assert_eq!(find_in(&h, names), Some("c"));
        h.insert("request-id", "b".parse().unwrap());
        assert_eq!(find_in(&h, names), Some("b"));
        h.insert("x-request-id", " ".parse().unwrap());
        assert_eq!(find_in(&h, names), Some("b"));
        h.insert("x-request-id", "a".parse().unwrap());
        assert_eq!(find_in(&h, names), Some("a"));
        let r = ApiResponse {
            status: StatusCode::OK,
            headers: h,
            body: 5,
        };
        assert_eq!(r.request_id(), Some("a"));
        assert_eq!(r.map(|b| b * 2).into_body(), 10);
    }
}
