// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The HTTP client: configuration, request building, redirects, retries.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE,
    COOKIE, LOCATION, PROXY_AUTHORIZATION, USER_AGENT,
};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::auth::{Auth, Credential, Credentials, Requirement, Secret};
use super::body::Payload;
use super::content_type;
use super::decode;
use super::download::ByteStream;
use super::error::{ApiError, BaseHint, Error};
use super::options::RequestOptions;
use super::params::Params;
use super::response::ApiResponse;
use super::retry::{retry_delay, should_retry};
use super::servers::{check_variables, on_origin, ServerDef};
use super::stream::{NdjsonStream, SseStream};

const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
const DEFAULT_MAX_RETRIES: u32 = 2;
const MAX_REDIRECTS: usize = 10;

/// One API call, as emitted by the generated operation methods.
pub(crate) struct Request<'a, B: ?Sized> {
    pub method: Method,
    /// Path (relative to the base URL), query pairs, headers and cookies, rendered.
    pub params: Params,
    /// JSON body.
    pub body: Option<&'a B>,
    pub options: &'a RequestOptions,
    /// For stream methods: this body property is set to `true` before sending.
    pub stream_flag: Option<&'static str>,
    /// A body that is not JSON (form, multipart, text, bytes); replaces `body`.
    pub payload: Option<Payload>,
    /// The operation's own security requirement; `None` uses the API-wide one.
    pub security: Option<Requirement>,
    /// The operation's own server; `None` uses the client's base URL.
    pub server: Option<&'static ServerDef>,
}

impl<'a, B: ?Sized> Request<'a, B> {
    /// A request with a JSON body (or none) that follows the API-wide security and the
    /// client's base URL; generated methods set the other fields where they differ.
    pub(crate) fn new(
        method: Method,
        params: Params,
        body: Option<&'a B>,
        options: &'a RequestOptions,
    ) -> Self {
        Request {
            method,
            params,
            body,
            options,
            stream_flag: None,
            payload: None,
            security: None,
            server: None,
        }
    }

    fn raw(method: Method, path: &str, body: Option<&'a B>, options: &'a RequestOptions) -> Self {
        Self::new(method, Params::with_path(path), body, options)
    }
}

/// The API client.
///
/// Cheap to clone (the configuration and connection pool are shared), and
/// safe to use from many tasks at once. Calls must run on a Tokio runtime
/// with its time driver enabled (as `#[tokio::main]` sets up), which timeouts
/// and retry delays use.
///
/// ```no_run
/// # async fn demo() -> Result<(), unions_client::Error> {
/// // Key (and optionally base URL) from the environment:
/// let client = unions_client::Client::from_env()?;
///
/// // Or configured explicitly, e.g. for an OpenAI-compatible local server:
/// let client = unions_client::Client::builder()
///     .api_key("my-key")
///     .base_url("http://127.0.0.1:8080/v1")
///     .timeout(std::time::Duration::from_secs(30))
///     .max_retries(3)
///     .build()?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Normalised: no trailing slash, no query, no fragment.
    base_url: Url,
    base_str: String,
    base_query: Vec<(String, String)>,
    /// No base URL was configured: the API's default server is used.
    base_is_default: bool,
    /// Values for server URL variables, for operations with their own servers.
    server_variables: BTreeMap<String, String>,
    /// Operations with their own servers go to the base URL too.
    base_url_for_all: bool,
    credentials: Credentials,
    timeout: Duration,
    max_retries: u32,
    headers: HeaderMap,
    /// Requests are checked against the spec's constraints before they are sent.
    validate: bool,
}

impl Client {
    /// A client with the given API key and default settings. The base URL
    /// comes from the environment variable named in the crate docs if set,
    /// else the API's default server.
    ///
    /// # Panics
    ///
    /// If the base URL from the environment is invalid, the key is empty or
    /// contains characters that cannot be sent in a header, or the TLS backend cannot
    /// be initialised. Use [`Client::builder`] to handle these as errors.
    pub fn new(api_key: impl Into<String>) -> Self {
        match Self::builder().api_key(api_key).build() {
            Ok(client) => client,
            Err(e) => panic!("unions_client::Client::new: {e}"),
        }
    }

    /// A client configured from the environment: credentials from their
    /// environment variables (an error naming the variables if the API needs
    /// credentials and none of its alternatives is set), and the base URL from
    /// its variable if set.
    pub fn from_env() -> Result<Self, Error> {
        let client = Self::builder().build()?;
        let default = crate::settings::SECURITY;
        if !client.inner.credentials.satisfies(default) {
            let schemes = crate::settings::SCHEMES;
            // The first alternative that environment variables could satisfy.
            let missing = default.iter().find_map(|alt| {
                alt.iter()
                    .map(|name| schemes.iter().find(|s| s.name == *name)?.env)
                    .collect::<Option<Vec<&str>>>()
            });
            if let Some(vars) = missing {
                let vars: Vec<String> = vars.iter().map(|v| format!("`{v}`")).collect();
                return Err(Error::config(format!(
                    "the environment variable {} is not set; set it to your credential, \
                     or pass the key with `Client::new` / `Client::builder()`",
                    vars.join(" and ")
                )));
            }
        }
        Ok(client)
    }

    /// A builder to configure the client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The base URL requests are sent to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        &self.inner.base_str
    }

    /// The default per-attempt timeout.
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// The default number of retries.
    pub fn max_retries(&self) -> u32 {
        self.inner.max_retries
    }

    /// Sends a request and decodes the JSON response body into `T`.
    pub(crate) async fn execute<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        req: Request<'_, B>,
    ) -> Result<ApiResponse<T>, Error> {
        let (status, headers, bytes) = self.execute_raw(req, "application/json").await?;
        content_type::expect_not_stream(&headers, &bytes)?;
        let body = decode::from_slice(&bytes).map_err(|e| e.with_body(&bytes))?;
        Ok(ApiResponse {
            status,
            headers,
            body,
        })
    }

    /// Sends a request whose response is not JSON, returning the raw body.
    pub(crate) async fn execute_bytes<B: Serialize + ?Sized>(
        &self,
        req: Request<'_, B>,
    ) -> Result<ApiResponse<Bytes>, Error> {
        let (status, headers, body) = self.execute_raw(req, "*/*").await?;
        Ok(ApiResponse {
            status,
            headers,
            body,
        })
    }

    /// Sends a request and returns its binary body as a stream of chunks.
    // Only APIs with binary responses call this.
    #[allow(dead_code)]
    pub(crate) async fn execute_download<B: Serialize + ?Sized>(
        &self,
        req: Request<'_, B>,
    ) -> Result<ByteStream, Error> {
        let prepared = self.prepare(req, "*/*")?;
        let response = self.send(&prepared, |r| async move { Ok(r) }).await?;
        Ok(ByteStream::from_response(response, prepared.timeout))
    }

    /// Sends a request and returns its Server-Sent Events body as a typed
    /// stream. An error status is returned as `Err` here, not in the stream.
    pub(crate) async fn execute_sse<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        req: Request<'_, B>,
    ) -> Result<SseStream<T>, Error> {
        let prepared = self.prepare(req, "text/event-stream")?;
        let timeout = prepared.timeout;
        let response = self
            .send(&prepared, |r| content_type::expect_event_stream(r, timeout))
            .await?;
        Ok(SseStream::from_response(response, Some(prepared.timeout)))
    }

    /// Sends a request and returns its newline-delimited JSON body as a typed
    /// stream. An error status is returned as `Err` here, not in the stream.
    pub(crate) async fn execute_ndjson<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        req: Request<'_, B>,
    ) -> Result<NdjsonStream<T>, Error> {
        let prepared = self.prepare(req, "application/x-ndjson")?;
        let response = self.send(&prepared, |r| async move { Ok(r) }).await?;
        Ok(NdjsonStream::from_response(
            response,
            Some(prepared.timeout),
        ))
    }

    /// Sends a JSON request to any path under the base URL and decodes the
    /// JSON response, with the client's auth, retries and error handling.
    /// For endpoints or variants the generated methods do not cover.
    ///
    /// ```no_run
    /// # async fn demo(client: unions_client::Client) -> Result<(), unions_client::Error> {
    /// use unions_client::{reqwest::Method, RequestOptions};
    /// let models: serde_json::Value = client
    ///     .request_json::<(), _>(Method::GET, "/models", None, &RequestOptions::new())
    ///     .await?
    ///     .into_body();
    /// # Ok(()) }
    /// ```
    pub async fn request_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        options: &RequestOptions,
    ) -> Result<ApiResponse<T>, Error> {
        self.execute(Request::raw(method, path, body, options))
            .await
    }

    /// Like [`request_json`](Self::request_json), returning the raw response
    /// body (for audio, files and other non-JSON responses).
    pub async fn request_bytes<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        options: &RequestOptions,
    ) -> Result<ApiResponse<Bytes>, Error> {
        self.execute_bytes(Request::raw(method, path, body, options))
            .await
    }

    /// Like [`request_json`](Self::request_json), for a Server-Sent Events
    /// response. The body is sent as given: include the API's streaming flag
    /// (e.g. with [`RequestOptions::body_field`]) if it needs one.
    pub async fn request_sse<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        options: &RequestOptions,
    ) -> Result<SseStream<T>, Error> {
        self.execute_sse(Request::raw(method, path, body, options))
            .await
    }

    /// Like [`request_sse`](Self::request_sse), for a newline-delimited JSON
    /// response.
    pub async fn request_ndjson<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        options: &RequestOptions,
    ) -> Result<NdjsonStream<T>, Error> {
        self.execute_ndjson(Request::raw(method, path, body, options))
            .await
    }

    pub(crate) async fn execute_raw<B: Serialize + ?Sized>(
        &self,
        req: Request<'_, B>,
        accept: &'static str,
    ) -> Result<(StatusCode, HeaderMap, Bytes), Error> {
        let prepared = self.prepare(req, accept)?;
        let timeout = prepared.timeout;
        self.send(&prepared, |r| async move {
            let status = r.status();
            let headers = r.headers().clone();
            let body = r
                .bytes()
                .await
                .map_err(|e| Error::from_reqwest(e, timeout))?;
            Ok((status, headers, body))
        })
        .await
    }

    /// Whether a request with `options` is checked against its spec's constraints
    /// before it is sent; the generated operation methods ask.
    #[allow(dead_code)]
    pub(crate) fn validates(&self, options: &RequestOptions) -> bool {
        options.validate.unwrap_or(self.inner.validate)
    }

    /// Everything about a request that does not change between attempts.
    fn prepare<B: Serialize + ?Sized>(
        &self,
        req: Request<'_, B>,
        accept: &'static str,
    ) -> Result<Prepared, Error> {
        let inner = &*self.inner;
        let opts = req.options;

        let own_base = match req.server {
            Some(server) if !inner.base_url_for_all => Some(self.operation_base(server)?),
            _ => None,
        };
        let (origin, base_str, base_query) = match &own_base {
            Some((url, text, query)) => (url, text, query),
            None => (&inner.base_url, &inner.base_str, &inner.base_query),
        };
        req.params.check_path()?;
        let path = req.params.path.trim_start_matches('/');
        let mut url = Url::parse(&format!("{base_str}/{path}")).map_err(|e| {
            Error::config(format!("invalid request path `{}`: {e}", req.params.path))
        })?;
        {
            // The base URL's own pairs first, then the spec's (already encoded), then
            // the caller's extra ones.
            if !base_query.is_empty() {
                url.query_pairs_mut().extend_pairs(base_query);
            }
            if !req.params.query.is_empty() {
                let mut query = url.query().unwrap_or_default().to_string();
                for pair in &req.params.query {
                    if !query.is_empty() {
                        query.push('&');
                    }
                    query.push_str(pair);
                }
                url.set_query(Some(&query));
            }
            if !opts.query.is_empty() {
                url.query_pairs_mut().extend_pairs(&opts.query);
            }
            if url.query() == Some("") {
                url.set_query(None);
            }
        }

        let body = match req.payload {
            Some(payload) => Some(non_json_body(payload, &opts.body)?),
            None => encode_body(req.body, req.stream_flag, &opts.body)?
                .map(|json| Payload::bytes("application/json", json)),
        };

        let mut headers = inner.headers.clone();
        if !headers.contains_key(ACCEPT) {
            headers.insert(ACCEPT, HeaderValue::from_static(accept));
        }
        if let Some(body) = body
            .as_ref()
            .filter(|_| !headers.contains_key(CONTENT_TYPE))
        {
            let value = HeaderValue::from_str(&body.content_type).map_err(|_| {
                Error::config(format!("invalid content type `{}`", body.content_type))
            })?;
            headers.insert(CONTENT_TYPE, value);
        }
        if let Some(length) = body.as_ref().and_then(Payload::streamed_length) {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
        }
        // Header and cookie parameters replace the client's default headers of the
        // same name; the caller's extra headers still override them.
        for (name, value) in parse_headers(&req.params.headers)? {
            if let Some(name) = name {
                headers.insert(name, value);
            }
        }
        if !req.params.cookies.is_empty() {
            let mut value = HeaderValue::from_str(&req.params.cookies.join("; "))
                .map_err(|_| Error::config("invalid cookie parameter"))?;
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }
        let extra_headers = parse_headers(&opts.headers)?;

        let security = req.security.unwrap_or(crate::settings::SECURITY);
        Ok(Prepared {
            method: req.method,
            origin: origin.clone(),
            security,
            url,
            body,
            headers,
            extra_headers,
            timeout: opts.timeout.unwrap_or(inner.timeout),
            max_retries: opts.max_retries.unwrap_or(inner.max_retries),
        })
    }

    /// The base URL of an operation with its own server: its variables filled in, and a
    /// relative one put on the client's origin.
    fn operation_base(&self, server: &ServerDef) -> Result<BaseUrl, Error> {
        let url = server.render(&self.inner.server_variables)?;
        let url = if server.relative {
            on_origin(&self.inner.base_url.origin().ascii_serialization(), &url)
        } else {
            url
        };
        parse_base_url(&url)
    }

    /// Runs attempts until one succeeds, fails for good, or retries run out.
    /// `on_success` runs inside the attempt's timeout, so reading a buffered
    /// body is covered by it (and retried if the connection drops).
    async fn send<R, F, Fut>(&self, p: &Prepared, on_success: F) -> Result<R, Error>
    where
        F: Fn(reqwest::Response) -> Fut,
        Fut: Future<Output = Result<R, Error>>,
    {
        let mut retries_done: u32 = 0;
        loop {
            let can_retry = retries_done < p.max_retries;
            let attempt = async {
                let response = self.send_following_redirects(p, retries_done).await?;
                let status = response.status();
                if status.is_success() {
                    return on_success(response).await.map(Attempt::Done);
                }
                if can_retry && should_retry(status, response.headers()) {
                    return Ok(Attempt::Retry(response.headers().clone()));
                }
                let headers = response.headers().clone();
                let body = response
                    .bytes()
                    .await
                    .map_err(|e| Error::from_reqwest(e, p.timeout))?;
                let key = self.inner.credentials.redaction();
                Err(Error::Api(ApiError::from_response(
                    status, headers, &body, key,
                )))
            };
            let result = match tokio::time::timeout(p.timeout, attempt).await {
                Ok(result) => result,
                Err(_elapsed) => Err(Error::Timeout {
                    after: p.timeout,
                    request: None,
                }),
            };
            let delay = match result {
                Ok(Attempt::Done(value)) => return Ok(value),
                Ok(Attempt::Retry(headers)) => {
                    retry_delay(Some(&headers), retries_done, SystemTime::now())
                }
                Err(e) if can_retry && e.is_transient() => {
                    retry_delay(None, retries_done, SystemTime::now())
                }
                Err(e) => return Err(self.in_context(e, p)),
            };
            tokio::time::sleep(delay).await;
            retries_done += 1;
        }
    }

    /// Names the request (method and URL, no query) in a final error.
    fn in_context(&self, e: Error, p: &Prepared) -> Error {
        let base = BaseHint {
            url: &self.inner.base_str,
            is_default: self.inner.base_is_default,
        };
        e.with_request(p.method.as_str(), &p.url, base)
    }

    /// One attempt, following redirects itself so that credentials are only
    /// ever sent to the base URL's origin.
    async fn send_following_redirects(
        &self,
        p: &Prepared,
        retry_count: u32,
    ) -> Result<reqwest::Response, Error> {
        let mut url = p.url.clone();
        let mut method = p.method.clone();
        let mut body = p.body.clone();
        for _ in 0..=MAX_REDIRECTS {
            let trusted = same_origin(&url, &p.origin);
            let request =
                self.build_request(p, &method, &url, body.as_ref(), retry_count, trusted)?;
            let response = self
                .inner
                .http
                .execute(request)
                .await
                .map_err(|e| Error::from_reqwest(e, p.timeout))?;
            let status = response.status();
            if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
                return Ok(response);
            }
            let Some(location) = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
            else {
                return Ok(response);
            };
            let next = url
                .join(location)
                .map_err(|_| Error::connection("redirected to an invalid location"))?;
            if !matches!(next.scheme(), "http" | "https") {
                return Err(Error::connection(format!(
                    "redirected to an unsupported scheme `{}`",
                    next.scheme()
                )));
            }
            let to_get = status == StatusCode::SEE_OTHER
                || (matches!(status.as_u16(), 301 | 302) && method == Method::POST);
            if to_get {
                if method != Method::HEAD {
                    method = Method::GET;
                }
                body = None;
            }
            url = next;
        }
        Err(Error::connection(format!(
            "too many redirects (more than {MAX_REDIRECTS})"
        )))
    }

    fn build_request(
        &self,
        p: &Prepared,
        method: &Method,
        url: &Url,
        body: Option<&Payload>,
        retry_count: u32,
        trusted: bool,
    ) -> Result<reqwest::Request, Error> {
        let inner = &*self.inner;
        let mut url = url.clone();
        let mut headers = p.headers.clone();
        if body.is_none() {
            headers.remove(CONTENT_TYPE);
            headers.remove(CONTENT_LENGTH);
        }
        if trusted {
            let mut query = Vec::new();
            inner
                .credentials
                .apply(p.security, &mut headers, &mut query);
            if !query.is_empty() {
                let mut pairs = url.query_pairs_mut();
                for (k, v) in &query {
                    pairs.append_pair(k, v);
                }
            }
        }
        for name in p.extra_headers.keys() {
            headers.remove(name);
        }
        for (name, value) in &p.extra_headers {
            headers.append(name.clone(), value.clone());
        }
        if !trusted {
            headers.remove(PROXY_AUTHORIZATION);
            for name in inner.credentials.header_names() {
                headers.remove(name);
            }
        }
        headers.insert("x-retry-count", HeaderValue::from(retry_count));

        let mut builder = inner.http.request(method.clone(), url).headers(headers);
        if let Some(body) = body {
            builder = builder.body(body.to_body());
        }
        builder
            .build()
            .map_err(|e| Error::config(format!("could not build the request: {}", e.without_url())))
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_str)
            .field("credentials", &inner.credentials)
            .field("timeout", &inner.timeout)
            .field("max_retries", &inner.max_retries)
            .finish_non_exhaustive()
    }
}

struct Prepared {
    method: Method,
    /// The base URL the request was built on: credentials go only to its origin.
    origin: Url,
    /// Which credentials to send.
    security: Requirement,
    /// Without credentials.
    url: Url,
    body: Option<Payload>,
    headers: HeaderMap,
    extra_headers: HeaderMap,
    timeout: Duration,
    max_retries: u32,
}

enum Attempt<R> {
    Done(R),
    Retry(HeaderMap),
}

fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// A non-JSON body, checked once; extra JSON fields cannot be merged into it.
fn non_json_body(mut payload: Payload, extra: &Map<String, Value>) -> Result<Payload, Error> {
    if !extra.is_empty() {
        return Err(Error::config(format!(
            "extra body fields need a JSON request body, not `{}`",
            payload.content_type
        )));
    }
    payload.check()?;
    Ok(payload)
}

/// Serialises the body once, applying the stream flag and extra fields.
fn encode_body<B: Serialize + ?Sized>(
    body: Option<&B>,
    stream_flag: Option<&str>,
    extra: &Map<String, Value>,
) -> Result<Option<Bytes>, Error> {
    let fail = |b: &B, e: serde_json::Error| serialize_error(b, e);
    if stream_flag.is_none() && extra.is_empty() {
        return body
            .map(|b| {
                serde_json::to_vec(b)
                    .map(Bytes::from)
                    .map_err(|e| fail(b, e))
            })
            .transpose();
    }
    let mut value = match body {
        Some(b) => serde_json::to_value(b).map_err(|e| fail(b, e))?,
        None => Value::Object(Map::new()),
    };
    let Some(object) = value.as_object_mut() else {
        return Err(Error::config(
            "extra body fields and streaming need a request body that is a JSON object",
        ));
    };
    if let Some(flag) = stream_flag {
        object.insert(flag.to_string(), Value::Bool(true));
    }
    for (k, v) in extra {
        object.insert(k.clone(), v.clone());
    }
    serde_json::to_vec(&value)
        .map(|v| Some(Bytes::from(v)))
        .map_err(|e| serialize_error(&value, e))
}

/// A body that cannot be serialized, with the path of the failing property
/// (found by serializing once more, only on this rare path).
#[cold]
fn serialize_error<B: Serialize + ?Sized>(body: &B, e: serde_json::Error) -> Error {
    let mut sink = Vec::new();
    let mut serializer = serde_json::Serializer::new(&mut sink);
    let path = match serde_path_to_error::serialize(body, &mut serializer) {
        Err(e) => e.path().to_string(),
        Ok(()) => String::new(),
    };
    let at = if path.is_empty() || path == "." {
        String::new()
    } else {
        format!(" at `{path}`")
    };
    Error::config(format!("could not serialize the request body{at}: {e}"))
}

fn parse_headers(pairs: &[(String, String)]) -> Result<HeaderMap, Error> {
    let mut map = HeaderMap::with_capacity(pairs.len());
    for (name, value) in pairs {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::config(format!("invalid header name `{name}`")))?;
        let mut value = HeaderValue::from_str(value)
            .map_err(|_| Error::config(format!("invalid value for header `{name}`")))?;
        if is_sensitive_header(&name) {
            value.set_sensitive(true);
        }
        map.append(name, value);
    }
    Ok(map)
}

fn is_sensitive_header(name: &HeaderName) -> bool {
    let n = name.as_str();
    name == AUTHORIZATION
        || name == PROXY_AUTHORIZATION
        || name == COOKIE
        || n.contains("key")
        || n.contains("token")
        || n.contains("secret")
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The API key from its environment variable. Set but blank is an error (a
/// key was meant, and sending none would only fail later, at the server).
fn key_from_env() -> Result<Option<Secret>, Error> {
    let primary = crate::settings::PRIMARY_SCHEME.map(|i| &crate::settings::SCHEMES[i]);
    let Some(var) = primary.and_then(|scheme| scheme.env) else {
        return Ok(None);
    };
    match std::env::var(var) {
        Ok(value) if value.trim().is_empty() => Err(Error::config(format!(
            "the environment variable `{var}` is set but empty; set it to your API key, \
             or unset it for a server that needs none"
        ))),
        Ok(value) if !value.trim().is_empty() => Ok(Some(Secret::new(value.trim()))),
        _ => Ok(None),
    }
}

/// Configures a [`Client`]. Obtained from [`Client::builder`].
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<Secret>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    headers: Vec<(String, String)>,
    header_map: HeaderMap,
    http: Option<reqwest::Client>,
    auth: Option<Auth>,
    credentials: Vec<(&'static str, Credential)>,
    server_index: Option<usize>,
    server_variables: BTreeMap<String, String>,
    base_url_for_all: bool,
    validate: bool,
}

impl ClientBuilder {
    /// The API key: the credential of the API's main security scheme (the first
    /// one it asks for). Defaults to that scheme's environment variable, if set.
    /// APIs with several schemes also have one setter per scheme.
    /// An empty or whitespace-only key makes [`build`](Self::build) fail.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(Secret::new(key));
        self
    }

    /// The key or token for the security scheme the spec calls `scheme`; the
    /// generated per-scheme setters call this.
    #[allow(dead_code)]
    pub(crate) fn scheme_token(mut self, scheme: &'static str, token: impl Into<String>) -> Self {
        self.credentials
            .push((scheme, Credential::Token(Secret::new(token))));
        self
    }

    /// User and password for the basic-authentication scheme `scheme`.
    #[allow(dead_code)]
    pub(crate) fn scheme_basic(
        mut self,
        scheme: &'static str,
        user: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.credentials.push((
            scheme,
            Credential::Basic(Secret::new(user), Secret::new(password)),
        ));
        self
    }

    /// The base URL, e.g. `http://127.0.0.1:8080/v1` for an OpenAI-compatible
    /// local server. A trailing slash is ignored; query parameters in it are
    /// sent with every request. Defaults to the base URL environment
    /// variable if set, else the API's default server. It replaces the
    /// API-wide server; operations the spec sends to their own servers still
    /// go there (see [`base_url_for_all_operations`](Self::base_url_for_all_operations)).
    /// When the spec's server URL is relative, a base URL is required: a bare
    /// origin (`https://host`) gets the spec's path appended, one with a path
    /// is used as is.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Sends every operation to `url`, including those the spec sends to their
    /// own servers (e.g. uploads to another host); for proxies and test servers.
    pub fn base_url_for_all_operations(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self.base_url_for_all = true;
        self
    }

    /// Chooses the API-wide server by its position in the spec's `servers`
    /// (default 0, the first). Ignored when a base URL is given.
    pub fn server_index(mut self, index: usize) -> Self {
        self.server_index = Some(index);
        self
    }

    /// Sets a server URL variable (`{region}` in `https://{region}.example.com`).
    /// Unset variables take their defaults; a value outside the spec's `enum`,
    /// or a name no server has, makes [`build`](Self::build) fail.
    pub fn server_variable(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.server_variables.insert(name.into(), value.into());
        self
    }

    /// Timeout of each attempt (default 60 s). For streams, it bounds the wait
    /// for the response headers and then each wait for more data.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many times a failed request is retried (default 2). Retried:
    /// connection errors, timeouts, and statuses 408, 409, 429 and 5xx, unless
    /// the server says otherwise with `x-should-retry`.
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = Some(max_retries);
        self
    }

    /// A header sent with every request. An invalid name or value makes
    /// [`build`](Self::build) fail.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Headers sent with every request.
    pub fn default_headers(mut self, headers: HeaderMap) -> Self {
        for name in headers.keys() {
            self.header_map.remove(name);
        }
        for (name, value) in &headers {
            self.header_map.append(name.clone(), value.clone());
        }
        self
    }

    /// Overrides how the API key is sent (by default, as the API's spec
    /// says), e.g. `Auth::Header("api-key")` for a gateway that expects it
    /// there. It replaces the spec's schemes: the API key (from
    /// [`api_key`](Self::api_key) or the main scheme's environment variable) is
    /// sent this way to every operation that asks for authentication, and
    /// operations declaring `security: []` still get nothing.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = Some(auth);
        self
    }

    /// Checks every request against the constraints its spec declares (`minimum`,
    /// `maxLength`, `pattern`, ...) before sending it; a request that breaks any fails
    /// with [`Error::Validation`] listing them all, and nothing is sent. Off by
    /// default: the server is the authority, and specs can be stricter than their
    /// servers. [`RequestOptions::validate`] overrides it per request.
    pub fn validate_requests(mut self, validate: bool) -> Self {
        self.validate = validate;
        self
    }

    /// Uses a caller-supplied `reqwest` client (proxies, custom TLS roots,
    /// connection pool settings, ...).
    ///
    /// To keep the guarantee that the API key is never sent to another origin
    /// on a redirect, build it with
    /// `.redirect(reqwest::redirect::Policy::none())`: the runtime then
    /// follows redirects itself and drops credentials when the origin
    /// changes. With reqwest's default policy, reqwest follows redirects
    /// before the runtime sees them; it drops the `Authorization` header
    /// across hosts, but not custom headers such as `api-key`.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    ///
    /// Fails with [`Error::Config`] for a missing or invalid base URL, an
    /// empty API key (given, or from a set but empty environment variable),
    /// an invalid header, or if the HTTP client cannot be created.
    pub fn build(self) -> Result<Client, Error> {
        let api_key = match self.api_key {
            Some(key) => Some(key),
            None => key_from_env()?,
        };
        if api_key
            .as_ref()
            .is_some_and(|k| k.expose().trim().is_empty())
        {
            return Err(Error::config(
                "the API key is empty (or only whitespace); pass the real key, \
                 or leave it unset for a server that needs none",
            ));
        }
        let credentials = Credentials::new(
            crate::settings::SCHEMES,
            crate::settings::PRIMARY_SCHEME,
            self.credentials,
            api_key,
            self.auth,
            env_var,
        )?;

        let servers = crate::settings::SERVERS;
        let all: Vec<&ServerDef> = servers
            .iter()
            .chain(crate::settings::OPERATION_SERVERS)
            .collect();
        check_variables(&self.server_variables, &all)?;
        let index = self.server_index.unwrap_or(0);
        let server = match servers.get(index) {
            Some(server) => Some(server),
            None if servers.is_empty() && index == 0 => None,
            None => {
                return Err(Error::config(format!(
                    "server index {index} is out of range: the API has {} server(s)",
                    servers.len()
                )))
            }
        };
        let user_base = self
            .base_url
            .or_else(|| crate::settings::BASE_URL_ENV.and_then(env_var));
        let base_is_default = user_base.is_none();
        if user_base.as_ref().is_some_and(|url| url.trim().is_empty()) {
            return Err(Error::config(
                "no base URL: the base URL given is empty; set one with \
                 `ClientBuilder::base_url`",
            ));
        }
        let raw_base = match (user_base, server) {
            (Some(user), Some(server)) if server.relative => {
                let path = server.render(&self.server_variables)?;
                match Url::parse(user.trim()) {
                    Ok(mut url) if url.path().trim_matches('/').is_empty() => {
                        url.set_path(&format!("/{}", path.trim_start_matches('/')));
                        url.to_string()
                    }
                    _ => user,
                }
            }
            (Some(user), _) => user,
            (None, Some(server)) if !server.relative => server.render(&self.server_variables)?,
            (None, _) => {
                let var = match crate::settings::BASE_URL_ENV {
                    Some(var) => format!(" or the environment variable `{var}`"),
                    None => String::new(),
                };
                return Err(Error::config(format!(
                    "this API's spec names no absolute server URL; set the base URL with \
                     `ClientBuilder::base_url`{var}"
                )));
            }
        };
        let (base_url, base_str, base_query) = parse_base_url(&raw_base)?;

        let mut headers = HeaderMap::new();
        headers.insert(
            USER_AGENT,
            HeaderValue::from_static(crate::settings::USER_AGENT),
        );
        let extra = parse_headers(&self.headers)?;
        for map in [self.header_map, extra] {
            for name in map.keys() {
                headers.remove(name);
            }
            for (name, value) in &map {
                headers.append(name.clone(), value.clone());
            }
        }

        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|e| Error::config(format!("could not create the HTTP client: {e}")))?,
        };

        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                base_str,
                base_query,
                base_is_default,
                server_variables: self.server_variables,
                base_url_for_all: self.base_url_for_all,
                credentials,
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                max_retries: self.max_retries.unwrap_or(DEFAULT_MAX_RETRIES),
                headers,
                validate: self.validate,
            }),
        })
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self
            .headers
            .iter()
            .map(|(n, _)| n.as_str())
            .chain(self.header_map.keys().map(HeaderName::as_str))
            .collect();
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("default_headers", &header_names)
            .field("auth", &self.auth)
            .field("credentials", &self.credentials)
            .field("server_index", &self.server_index)
            .field("server_variables", &self.server_variables)
            .field("custom_http_client", &self.http.is_some())
            .finish()
    }
}

/// A validated base URL: the URL, its string form without trailing slash,
/// and the query parameters it carried.
type BaseUrl = (Url, String, Vec<(String, String)>);

/// Validates and normalises a base URL.
fn parse_base_url(raw: &str) -> Result<BaseUrl, Error> {
    let raw = raw.trim();
    let invalid = |why: &str| Error::config(format!("invalid base URL `{raw}`: {why}"));
    let mut url = Url::parse(raw).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid("the scheme must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it has no host"));
    }
    if url.password().is_some() || !url.username().is_empty() {
        return Err(invalid(
            "credentials in the URL are not supported; use the API key",
        ));
    }
    let query: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    url.set_query(None);
    url.set_fragment(None);
    let trimmed = url.as_str().trim_end_matches('/').to_string();
    Ok((url, trimmed, query))
}
