// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The single error type returned by every client call.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::response::find_request_id;
use super::typed_error::{TypedError, Untyped};

/// Everything that can go wrong while calling the API.
///
/// Match on the variant to tell failure classes apart:
///
/// ```no_run
/// # async fn demo(result: Result<(), unions_client::Error>) {
/// match result {
///     Ok(()) => {}
///     Err(unions_client::Error::Api(e)) if e.is_rate_limited() => {
///         eprintln!("slow down: {}", e.message());
///     }
///     Err(unions_client::Error::Api(e)) => {
///         eprintln!("HTTP {}: {} (request id {:?})", e.status(), e.message(), e.request_id());
///     }
///     Err(other) => eprintln!("{other}"),
/// }
/// # }
/// ```
///
/// `E` is the operation's typed error (an enum in the crate's `errors` module, one
/// variant per error response the operation declares), reached with
/// [`Error::typed`] or [`ApiError::typed`]. Operations that declare none return
/// plain `Error` ([`Untyped`]). `?` turns any `Error<E>` into a plain `Error`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = Untyped> {
    /// The server answered with a non-success HTTP status (after retries, if
    /// the status was retryable).
    Api(ApiError<E>),
    /// An attempt did not complete within the configured timeout, and no
    /// retries were left.
    #[non_exhaustive]
    Timeout {
        /// The per-attempt timeout that elapsed.
        after: Duration,
        /// The request, as `METHOD URL` (without the query string).
        request: Option<String>,
    },
    /// The connection failed (refused, reset, TLS failure, body cut short, too
    /// many redirects, ...) and no retries were left.
    #[non_exhaustive]
    Connection {
        /// Human-readable description, including the underlying causes.
        message: String,
        /// The underlying HTTP client error, if any (its URL is removed so that
        /// no credential carried in a query string can leak).
        source: Option<reqwest::Error>,
        /// The request, as `METHOD URL` (without the query string).
        request: Option<String>,
    },
    /// A response body (or a streamed chunk) was not the JSON the caller asked
    /// for.
    #[non_exhaustive]
    Decode {
        /// Where in the JSON document decoding failed, e.g.
        /// `choices[0].message.role`; empty when the failure is at the root.
        path: String,
        /// The decoder's explanation, including line and column.
        message: String,
        /// The first bytes of the body that failed to decode (at most 200,
        /// invalid UTF-8 replaced), when known.
        body_start: Option<String>,
    },
    /// The server reported an error in the middle of a stream (an SSE event
    /// named `error`, or a chunk that is a JSON object with a top-level `error`
    /// key), or a stream ended without any data to accumulate.
    #[non_exhaustive]
    Stream {
        /// Readable message extracted from the payload.
        message: String,
        /// The SSE event name, when the error arrived as a named event.
        event: Option<String>,
        /// The error payload, when it was JSON.
        body: Option<Value>,
    },
    /// The stream ended without the API's end marker (e.g. `data: [DONE]`,
    /// or a last item with `"done": true`): the connection closed cleanly,
    /// but the answer is most likely cut off. Yielded as the stream's last
    /// item, after every item that did arrive. Only raised when the crate's
    /// config names the marker (`stream.terminator`, `stream.last_item`,
    /// `stream.last_event`); without one, a clean close ends the stream.
    #[non_exhaustive]
    IncompleteStream {
        /// How many items the stream yielded before it ended.
        items: usize,
        /// The marker that was expected, e.g. `` `data: [DONE]` ``.
        expected: String,
    },
    /// The client or a request is misconfigured (missing API key, invalid base
    /// URL, invalid header, ...). Never retried.
    #[non_exhaustive]
    Config {
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The request breaks constraints its spec declares; nothing was sent. Only
    /// raised when validation is on (see
    /// [`ClientBuilder::validate_requests`](crate::ClientBuilder::validate_requests)).
    Validation(super::validate::ValidationError),
}

impl<E> Error<E> {
    /// The HTTP status, for [`Error::Api`].
    pub fn status(&self) -> Option<StatusCode> {
        self.as_api().map(ApiError::status)
    }

    /// The [`ApiError`], if this is an HTTP error response.
    pub fn as_api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The error response decoded as the operation declares it: `None` unless this
    /// is an [`Error::Api`] whose status the operation declares (an exact code, else
    /// a range such as `4XX`, else `default`) and whose body decoded as that
    /// response's schema. The raw body is always on [`ApiError::body`] /
    /// [`ApiError::text`].
    pub fn typed(&self) -> Option<&E> {
        self.as_api().and_then(ApiError::typed)
    }

    /// The server's request id, for [`Error::Api`].
    pub fn request_id(&self) -> Option<&str> {
        self.as_api().and_then(ApiError::request_id)
    }

    /// The request that failed, as `METHOD URL` (the URL without its query
    /// string, which may carry a key), for API, connection and timeout errors.
    pub fn request(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.0.request.as_deref(),
            Error::Timeout { request, .. } | Error::Connection { request, .. } => {
                request.as_deref()
            }
            _ => None,
        }
    }

    /// `true` for [`Error::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// `true` for [`Error::Connection`].
    pub fn is_connection(&self) -> bool {
        matches!(self, Error::Connection { .. })
    }

    /// `true` for [`Error::IncompleteStream`]: a stream that was cut off.
    pub fn is_incomplete(&self) -> bool {
        matches!(self, Error::IncompleteStream { .. })
    }

    /// `true` for [`Error::Decode`].
    pub fn is_decode(&self) -> bool {
        matches!(self, Error::Decode { .. })
    }
}

impl Error {
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    pub(crate) fn decode(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Decode {
            path: path.into(),
            message: message.into(),
            body_start: None,
        }
    }

    /// Adds the first bytes of the body to a decode error.
    pub(crate) fn with_body(mut self, body: &[u8]) -> Self {
        if let Error::Decode { body_start, .. } = &mut self {
            *body_start = Some(body_start_of(body));
        }
        self
    }

    /// Adds the request (`METHOD URL`, query string dropped) to API,
    /// connection and timeout errors, and says what to check when the host
    /// could not be resolved or the base URL is the API's default.
    pub(crate) fn with_request(
        mut self,
        method: &str,
        url: &reqwest::Url,
        base: BaseHint<'_>,
    ) -> Self {
        let mut url = url.clone();
        url.set_query(None);
        url.set_fragment(None);
        let line = format!("{method} {url}");
        match &mut self {
            Error::Api(e) => e.0.request = Some(line),
            Error::Timeout { request, .. } => *request = Some(line),
            Error::Connection {
                request, message, ..
            } => {
                *request = Some(line);
                if let Some(hint) = connection_hint(message, &url, base) {
                    message.push_str("; ");
                    message.push_str(&hint);
                }
            }
            _ => {}
        }
        self
    }

    pub(crate) fn connection(message: impl Into<String>) -> Self {
        Error::Connection {
            message: message.into(),
            source: None,
            request: None,
        }
    }

    /// Wraps an error from `reqwest`, dropping its URL (which may carry an API
    /// key in the query string).
    pub(crate) fn from_reqwest(err: reqwest::Error, timeout: Duration) -> Self {
        if err.is_timeout() {
            return Error::Timeout {
                after: timeout,
                request: None,
            };
        }
        let err = err.without_url();
        let mut message = String::new();
        let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(&err);
        let mut depth = 0;
        while let Some(e) = cur {
            let text = e.to_string();
            if !text.is_empty() && !message.contains(&text) {
                if !message.is_empty() {
                    message.push_str(": ");
                }
                message.push_str(&text);
            }
            cur = e.source();
            depth += 1;
            if depth > 8 {
                break;
            }
        }
        Error::Connection {
            message,
            source: Some(err),
            request: None,
        }
    }

    pub(crate) fn stream_error(event: Option<&str>, body: Option<Value>, raw: &str) -> Self {
        let message = body
            .as_ref()
            .and_then(extract_message)
            .unwrap_or_else(|| truncate(raw.trim(), 500));
        let message = if message.is_empty() {
            "the server sent an error event".to_string()
        } else {
            message
        };
        Error::Stream {
            message,
            event: event.map(str::to_string),
            body,
        }
    }

    /// Whether the retry loop may try again after this error: timeouts and
    /// transport failures, but not redirect problems (which carry no
    /// underlying transport error and would fail the same way again).
    pub(crate) fn is_transient(&self) -> bool {
        matches!(
            self,
            Error::Timeout { .. }
                | Error::Connection {
                    source: Some(_),
                    ..
                }
        )
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(request) = self.request() {
            write!(f, "{request}: ")?;
        }
        match self {
            Error::Api(e) => e.fmt_without_request(f),
            Error::Timeout { after, .. } => {
                write!(f, "request timed out after {}", DisplayDuration(*after))
            }
            Error::Connection { message, .. } => write!(f, "connection error: {message}"),
            Error::Decode {
                path,
                message,
                body_start,
            } => {
                if path.is_empty() || path == "." {
                    write!(f, "failed to decode JSON: {message}")?;
                } else {
                    write!(f, "failed to decode JSON at `{path}`: {message}")?;
                }
                if let Some(start) = body_start {
                    write!(f, "; the body starts with {start:?}")?;
                }
                Ok(())
            }
            Error::Stream { message, .. } => write!(f, "error received in stream: {message}"),
            Error::IncompleteStream { items, expected } => write!(
                f,
                "the stream ended after {items} item{} without {expected}: the response is incomplete (cut off by the server or a proxy)",
                if *items == 1 { "" } else { "s" }
            ),
            Error::Config { message } => write!(f, "configuration error: {message}"),
            Error::Validation(e) => write!(f, "{e}"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connection {
                source: Some(s), ..
            } => Some(s),
            Error::Validation(e) => Some(e),
            _ => None,
        }
    }
}

impl<E> From<super::validate::ValidationError> for Error<E> {
    fn from(e: super::validate::ValidationError) -> Self {
        Error::Validation(e)
    }
}

impl<E> From<ApiError<E>> for Error<E> {
    fn from(e: ApiError<E>) -> Self {
        Error::Api(e)
    }
}

struct DisplayDuration(Duration);

impl fmt::Display for DisplayDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        if d.subsec_millis() == 0 {
            write!(f, "{}s", d.as_secs())
        } else {
            write!(f, "{}ms", d.as_millis())
        }
    }
}

/// A non-success HTTP response.
///
/// Keeps the status, the response headers and the body: decoded as JSON when
/// it is JSON ([`body`](Self::body)), as text otherwise ([`text`](Self::text)).
///
/// `E` is the operation's typed error; see [`typed`](Self::typed).
#[derive(Clone)]
pub struct ApiError<E = Untyped>(Box<ApiErrorInner<E>>);

#[derive(Debug, Clone)]
struct ApiErrorInner<E> {
    status: StatusCode,
    headers: HeaderMap,
    body: Option<Value>,
    text: Option<String>,
    /// `METHOD URL` of the request, without the query string.
    request: Option<String>,
    /// The body decoded as the operation's declared response for this status.
    typed: Option<E>,
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.0.status)
            .field("headers", &self.0.headers)
            .field("body", &self.0.body)
            .field("text", &self.0.text)
            .field("typed", &self.0.typed)
            .finish()
    }
}

impl ApiError {
    /// Builds the error from a response. `secret`, when given, is scrubbed from
    /// the body in case the server echoes the credential back.
    pub(crate) fn from_response(
        status: StatusCode,
        headers: HeaderMap,
        bytes: &[u8],
        secret: Option<&str>,
    ) -> Self {
        let raw = String::from_utf8_lossy(bytes);
        let raw = match secret {
            Some(s) if s.len() >= 8 && raw.contains(s) => raw.replace(s, "[REDACTED]").into(),
            _ => raw,
        };
        let trimmed = raw.trim();
        let (body, text) = if trimmed.is_empty() {
            (None, None)
        } else {
            match serde_json::from_str::<Value>(trimmed) {
                Ok(v) => (Some(v), None),
                Err(_) => (None, Some(raw.into_owned())),
            }
        };
        ApiError(Box::new(ApiErrorInner {
            status,
            headers,
            body,
            text,
            request: None,
            typed: None,
        }))
    }

    /// The same error with its body decoded as `E` says for its status.
    // Only APIs that declare error responses call this.
    #[allow(dead_code)]
    pub(crate) fn into_typed<E: TypedError>(self) -> ApiError<E> {
        let typed = E::from_response(self.0.status, self.0.body.as_ref());
        self.with_typed(typed)
    }
}

impl<E> ApiError<E> {
    /// The body decoded as the error response the operation declares for this
    /// status (exact code, else range, else `default`); `None` when the status is
    /// not declared or the body did not decode as declared.
    pub fn typed(&self) -> Option<&E> {
        self.0.typed.as_ref()
    }

    /// Takes the typed body out; see [`typed`](Self::typed).
    pub fn into_typed_body(self) -> Option<E> {
        self.0.typed
    }

    /// The same error without its typed body, as a plain [`ApiError`].
    pub fn untyped(self) -> ApiError {
        self.with_typed(None)
    }

    /// The same error with `typed` as its typed body.
    fn with_typed<F>(self, typed: Option<F>) -> ApiError<F> {
        let inner = *self.0;
        ApiError(Box::new(ApiErrorInner {
            status: inner.status,
            headers: inner.headers,
            body: inner.body,
            text: inner.text,
            request: inner.request,
            typed,
        }))
    }

    /// The HTTP status code.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.0.headers
    }

    /// The response body, if it was valid JSON.
    pub fn body(&self) -> Option<&Value> {
        self.0.body.as_ref()
    }

    /// The raw response body, if it was not empty and not valid JSON.
    pub fn text(&self) -> Option<&str> {
        self.0.text.as_deref()
    }

    /// The server's request id (`x-request-id`, `request-id`, ...), useful
    /// when reporting a problem to the API provider.
    pub fn request_id(&self) -> Option<&str> {
        find_request_id(&self.0.headers)
    }

    /// A readable message: taken from common body shapes (`error.message`,
    /// `error` as a string, `message`, `detail`, ...), else the raw text, else
    /// the status's reason phrase.
    pub fn message(&self) -> String {
        if let Some(m) = self.0.body.as_ref().and_then(extract_message) {
            return m;
        }
        if let Some(t) = &self.0.text {
            let t = t.trim();
            if !t.is_empty() {
                return truncate(t, 500);
            }
        }
        self.0
            .status
            .canonical_reason()
            .unwrap_or("unknown status")
            .to_string()
    }

    /// A machine-readable error code, if the body carries one
    /// (`error.code`, `error.type`, `code` or `type`, as a string).
    pub fn code(&self) -> Option<&str> {
        let body = self.0.body.as_ref()?;
        let inner = body.get("error").filter(|v| v.is_object());
        for obj in inner.into_iter().chain(std::iter::once(body)) {
            for key in ["code", "type"] {
                if let Some(s) = obj.get(key).and_then(Value::as_str) {
                    return Some(s);
                }
            }
        }
        None
    }

    /// Decodes the JSON body into a typed error shape from the API's schema.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, Error> {
        match &self.0.body {
            Some(v) => super::decode::from_value(v.clone()),
            None => Err(Error::decode("", "the error response body is not JSON")),
        }
    }

    /// 400 Bad Request.
    pub fn is_bad_request(&self) -> bool {
        self.0.status == StatusCode::BAD_REQUEST
    }

    /// 401 Unauthorized: the API key is missing or invalid.
    pub fn is_authentication(&self) -> bool {
        self.0.status == StatusCode::UNAUTHORIZED
    }

    /// 403 Forbidden.
    pub fn is_permission_denied(&self) -> bool {
        self.0.status == StatusCode::FORBIDDEN
    }

    /// 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.0.status == StatusCode::NOT_FOUND
    }

    /// 409 Conflict.
    pub fn is_conflict(&self) -> bool {
        self.0.status == StatusCode::CONFLICT
    }

    /// 422 Unprocessable Entity.
    pub fn is_unprocessable(&self) -> bool {
        self.0.status == StatusCode::UNPROCESSABLE_ENTITY
    }

    /// 429 Too Many Requests.
    pub fn is_rate_limited(&self) -> bool {
        self.0.status == StatusCode::TOO_MANY_REQUESTS
    }

    /// Any 5xx status.
    pub fn is_server_error(&self) -> bool {
        self.0.status.is_server_error()
    }
}

impl<E> fmt::Display for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(request) = &self.0.request {
            write!(f, "{request}: ")?;
        }
        self.fmt_without_request(f)
    }
}

impl<E> ApiError<E> {
    /// The request that failed, as `METHOD URL` (without the query string).
    pub fn request(&self) -> Option<&str> {
        self.0.request.as_deref()
    }

    fn fmt_without_request(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.0.status.as_u16())?;
        if let Some(reason) = self.0.status.canonical_reason() {
            write!(f, " {reason}")?;
        }
        let message = self.message();
        if Some(message.as_str()) != self.0.status.canonical_reason() {
            write!(f, ": {message}")?;
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id: {id})")?;
        }
        Ok(())
    }
}

impl<E: fmt::Debug> std::error::Error for ApiError<E> {}

/// Finds a human-readable message in an error payload of unknown shape.
pub(crate) fn extract_message(body: &Value) -> Option<String> {
    fn non_empty(s: &str) -> Option<String> {
        let s = s.trim();
        (!s.is_empty()).then(|| truncate(s, 2000))
    }
    fn from_obj(v: &Value, depth: u8) -> Option<String> {
        match v {
            Value::String(s) => non_empty(s),
            Value::Object(map) => {
                for key in ["message", "msg", "error_description", "detail", "title"] {
                    if let Some(m) = map.get(key).and_then(|v| from_obj(v, depth + 1)) {
                        return Some(m);
                    }
                }
                if depth < 3 {
                    for key in ["error", "errors"] {
                        if let Some(m) = map.get(key).and_then(|v| from_obj(v, depth + 1)) {
                            return Some(m);
                        }
                    }
                }
                None
            }
            // e.g. FastAPI validation errors: [{"loc": [...], "msg": "...", ...}]
            Value::Array(items) if depth < 3 => {
                let parts: Vec<String> = items
                    .iter()
                    .filter_map(|item| {
                        let msg = from_obj(item, depth + 1)?;
                        match item.get("loc").and_then(Value::as_array) {
                            Some(loc) if !loc.is_empty() => {
                                let loc: Vec<String> = loc
                                    .iter()
                                    .map(|p| match p {
                                        Value::String(s) => s.clone(),
                                        other => other.to_string(),
                                    })
                                    .collect();
                                Some(format!("{}: {msg}", loc.join(".")))
                            }
                            _ => Some(msg),
                        }
                    })
                    .collect();
                (!parts.is_empty()).then(|| parts.join("; "))
            }
            _ => None,
        }
    }
    match body {
        Value::Object(map) => {
            // Prefer the nested `error` object, as most APIs nest the details.
            if let Some(m) = map.get("error").and_then(|v| from_obj(v, 1)) {
                return Some(m);
            }
            from_obj(body, 0)
        }
        other => from_obj(other, 0),
    }
}

/// What the client knows about its base URL, for connection error hints.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BaseHint<'a> {
    /// The base URL in use.
    pub url: &'a str,
    /// It is the API's default server (none was configured).
    pub is_default: bool,
}

/// A hint for a connection failure that is most likely a wrong base URL.
fn connection_hint(message: &str, url: &reqwest::Url, base: BaseHint<'_>) -> Option<String> {
    let lower = message.to_ascii_lowercase();
    let host = url.host_str().unwrap_or_default();
    let what = if lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
        || lower.contains("no such host")
    {
        format!("the host `{host}` could not be resolved")
    } else if lower.contains("connection refused") {
        format!("nothing accepted the connection at `{host}`")
    } else {
        return None;
    };
    let how = match crate::settings::BASE_URL_ENV {
        Some(var) => {
            format!("`Client::builder().base_url(..)` or the environment variable `{var}`")
        }
        None => "`Client::builder().base_url(..)`".to_string(),
    };
    Some(if base.is_default {
        format!(
            "{what}; the base URL `{}` is the API's default, set another with {how}",
            base.url
        )
    } else {
        format!("{what}; check the base URL `{}` (set with {how})", base.url)
    })
}

/// The first bytes of a body, for error messages: at most 200 bytes, cut at a
/// character boundary, invalid UTF-8 replaced.
pub(crate) fn body_start_of(body: &[u8]) -> String {
    const MAX: usize = 200;
    let text = String::from_utf8_lossy(&body[..body.len().min(MAX + 4)]);
    let text = text.trim_start();
    if body.len() <= MAX {
        return text.to_string();
    }
    truncate(text, MAX)
}

pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
