// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Per-request overrides.

use std::fmt;
use std::time::Duration;

use serde_json::{Map, Value};

/// Per-request settings, passed to the `*_with_options` operation methods.
///
/// Everything is optional; `RequestOptions::default()` changes nothing.
///
/// ```no_run
/// use std::time::Duration;
/// let opts = unions_client::RequestOptions::new()
///     .header("x-trace", "abc")
///     .query("api-version", "2024-10-01")
///     .body_field("vendor_flag", true)
///     .timeout(Duration::from_secs(5))
///     .max_retries(0);
/// ```
#[derive(Clone, Default)]
pub struct RequestOptions {
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Map<String, Value>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) max_retries: Option<u32>,
    pub(crate) validate: Option<bool>,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends an extra header, replacing any default header of the same name.
    /// An invalid name or value makes the request fail with
    /// [`Error::Config`](crate::Error::Config).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Appends an extra query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Sets a top-level field of the JSON body, overriding the typed request's
    /// field of the same name. Useful for vendor parameters the spec lacks.
    /// For a request without a body, the extra fields become the body.
    pub fn body_field(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.body.insert(name.into(), value.into());
        self
    }

    /// Overrides the per-attempt timeout of the client.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Overrides how many times the request is retried.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// Overrides whether the request is checked against its spec's constraints
    /// before it is sent (see
    /// [`ClientBuilder::validate_requests`](crate::ClientBuilder::validate_requests)).
    pub fn validate(mut self, validate: bool) -> Self {
        self.validate = Some(validate);
        self
    }
}

impl fmt::Debug for RequestOptions {
    // Header values may be credentials: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &header_names)
            .field("query", &self.query)
            .field("body", &self.body)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("validate", &self.validate)
            .finish()
    }
}
