//! What a generated crate's `settings` module says, with neutral values.

/// The spec's top-level servers; the first is the default base URL.
pub(crate) const SERVERS: &[crate::runtime::servers::ServerDef] =
    &[crate::runtime::servers::ServerDef {
        url: "http://127.0.0.1:1",
        variables: &[],
        relative: false,
    }];
/// The servers operations of their own use.
pub(crate) const OPERATION_SERVERS: &[crate::runtime::servers::ServerDef] = &[];
/// One bearer scheme, its token from an environment variable.
pub(crate) const SCHEMES: &[crate::runtime::auth::Scheme] = &[crate::runtime::auth::Scheme {
    name: "bearer",
    env: Some("RUNTIME_TESTS_API_KEY"),
    kind: crate::runtime::auth::SchemeKind::Bearer,
}];
/// The scheme `ClientBuilder::api_key` supplies.
pub(crate) const PRIMARY_SCHEME: Option<usize> = Some(0);
/// The API-wide security requirement.
pub(crate) const SECURITY: crate::runtime::auth::Requirement = &[&["bearer"]];
/// Environment variable overriding the base URL.
pub(crate) const BASE_URL_ENV: Option<&str> = Some("RUNTIME_TESTS_BASE_URL");
/// Sent as `User-Agent`.
pub(crate) const USER_AGENT: &str = concat!("runtime_tests/", env!("CARGO_PKG_VERSION"));
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
