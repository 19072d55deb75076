//! What a generated crate's `settings` module says, with neutral values.

/// The first server in the spec.
pub(crate) const DEFAULT_BASE_URL: &str = "http://127.0.0.1:1";
/// Environment variable holding the API key.
pub(crate) const API_KEY_ENV: Option<&str> = Some("RUNTIME_TESTS_API_KEY");
/// Environment variable overriding the base URL.
pub(crate) const BASE_URL_ENV: Option<&str> = Some("RUNTIME_TESTS_BASE_URL");
/// Sent as `User-Agent`.
pub(crate) const USER_AGENT: &str = concat!("runtime_tests/", env!("CARGO_PKG_VERSION"));
/// How the API key is sent.
pub(crate) const AUTH: crate::runtime::Auth = crate::runtime::Auth::Bearer;
/// How streamed chunks fold into one value.
pub(crate) const ACCUMULATE: crate::runtime::AccumulateRules = crate::runtime::AccumulateRules {
    index_key: "index",
    concat_under: &["delta"],
    replace_keys: &["role", "type", "id"],
    rename: &[],
    set: &[],
    drop: &[],
};
/// How a complete stream ends: nothing is expected, so a clean close ends it.
pub(crate) const STREAM_END: crate::runtime::StreamEnd = crate::runtime::StreamEnd {
    terminator: None,
    last_item: &[],
    last_event: &[],
};
/// Response headers that carry the request id, most preferred first.
pub(crate) const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "request-id"];
