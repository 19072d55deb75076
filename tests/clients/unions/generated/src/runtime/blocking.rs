// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! The blocking client (cargo feature `blocking`): the async [`Client`](crate::Client)
//! driven to completion on the calling thread, so requests, retries, errors and
//! streams are the async client's own, not a second implementation.
//!
//! Each call enters a small runtime of the client's own (one worker thread, started on
//! the first call) and waits for the async call on the calling thread. The worker
//! drives sockets and timers, so this works from any thread: one without a Tokio
//! runtime, a `spawn_blocking` thread, or even an async task (where it blocks that
//! task's thread, as any blocking call does; prefer the async client there).

use std::fmt;
use std::future::Future;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::Error;
use super::options::RequestOptions;
use super::response::ApiResponse;

pub use super::blocking_stream::{BlockingStream, ByteStream, NdjsonStream, SseStream};

/// The blocking forms of the async client's raw requests, which take the same arguments.
macro_rules! raw_requests {
    ($($(#[$doc:meta])* $name:ident<$($t:ident: $bound:path)?> -> $wait:ident $ok:ty;)*) => {$(
        $(#[$doc])*
        pub fn $name<B: Serialize + ?Sized $(, $t: $bound)?>(&self, method: Method, path: &str, body: Option<&B>, options: &RequestOptions) -> Result<$ok, Error> {
            $wait(self, self.inner.$name(method, path, body, options))
        }
    )*};
}

/// The blocking API client: the same operations as the async [`Client`](crate::Client),
/// under the same names, returning their results instead of futures; streams are
/// [`Iterator`]s.
///
/// Cheap to clone; clones share the connection pool and the runtime.
///
/// ```no_run
/// # fn demo() -> Result<(), unions_client::Error> {
/// // Key (and optionally base URL) from the environment:
/// let client = unions_client::blocking::Client::from_env()?;
///
/// // Or from a configured async client (the same builder):
/// let client = unions_client::blocking::Client::from(
///     unions_client::Client::builder()
///         .api_key("my-key")
///         .base_url("http://127.0.0.1:8080/v1")
///         .build()?,
/// );
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    /// The async client whose methods the generated blocking ones wait for.
    pub(crate) inner: crate::runtime::Client,
    pub(crate) runtime: Arc<Runtime>,
}

impl Client {
    /// A client with the given API key and default settings, as
    /// [`Client::new`](crate::Client::new).
    ///
    /// # Panics
    ///
    /// As [`Client::new`](crate::Client::new).
    pub fn new(api_key: impl Into<String>) -> Self {
        crate::runtime::Client::new(api_key).into()
    }

    /// A client configured from the environment, as
    /// [`Client::from_env`](crate::Client::from_env).
    pub fn from_env() -> Result<Self, Error> {
        crate::runtime::Client::from_env().map(Self::from)
    }

    /// The base URL requests are sent to (without a trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.base_url()
    }

    /// The default per-attempt timeout.
    pub fn timeout(&self) -> std::time::Duration {
        self.inner.timeout()
    }

    /// The default number of retries.
    pub fn max_retries(&self) -> u32 {
        self.inner.max_retries()
    }

    raw_requests! {
        /// Blocking [`Client::request_json`](crate::Client::request_json).
        request_json<T: DeserializeOwned> -> wait ApiResponse<T>;
        /// Blocking [`Client::request_bytes`](crate::Client::request_bytes).
        request_bytes<> -> wait ApiResponse<Bytes>;
        /// Blocking [`Client::request_sse`](crate::Client::request_sse).
        request_sse<T: DeserializeOwned> -> wait_stream SseStream<T>;
        /// Blocking [`Client::request_ndjson`](crate::Client::request_ndjson).
        request_ndjson<T: DeserializeOwned> -> wait_stream NdjsonStream<T>;
    }
}

/// Wraps a configured async client; both share one connection pool.
impl From<crate::runtime::Client> for Client {
    fn from(inner: crate::runtime::Client) -> Self {
        Client {
            inner,
            runtime: Arc::new(Runtime::default()),
        }
    }
}

/// The async client behind this one, for code that mixes both.
impl AsRef<crate::runtime::Client> for Client {
    fn as_ref(&self) -> &crate::runtime::Client {
        &self.inner
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner)
            .finish()
    }
}

/// The runtime could not start (the only way `block_on` fails), as the error type of
/// the operation being called.
fn start_failed<E>(error: Error) -> Error<E> {
    let message = match error {
        Error::Config { message } => message,
        other => other.to_string(),
    };
    Error::Config { message }
}

/// Waits for one of the async client's calls: what every generated blocking method does.
pub(crate) fn wait<T, E>(
    client: &Client,
    call: impl Future<Output = Result<T, Error<E>>>,
) -> Result<T, Error<E>> {
    client.runtime.block_on(call).map_err(start_failed)?
}

/// Waits for a call that returns a stream, and makes the stream an [`Iterator`].
pub(crate) fn wait_stream<S, E>(
    client: &Client,
    call: impl Future<Output = Result<S, Error<E>>>,
) -> Result<BlockingStream<S>, Error<E>> {
    let stream = wait(client, call)?;
    Ok(BlockingStream::new(stream, client.runtime.clone()))
}

/// A dedicated Tokio runtime, started on first use. Its one worker drives the I/O and
/// timers of the calls the caller's thread is waiting for, and the connections'
/// background tasks between calls.
#[derive(Default)]
pub(crate) struct Runtime {
    started: OnceLock<Result<tokio::runtime::Runtime, String>>,
}

impl Runtime {
    /// Runs `future` to completion on this thread, inside this runtime's context.
    /// Never panics for being called inside another runtime: the future is polled
    /// here, not by `Runtime::block_on`, so no runtime is entered twice.
    pub(crate) fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Error> {
        let started = self.started.get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("blocking-client")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        });
        let runtime = started.as_ref().map_err(|e| {
            Error::config(format!(
                "could not start the blocking client's runtime: {e}"
            ))
        })?;
        let _context = runtime.enter();
        // Called from an async task, the task's cooperative budget would apply, and
        // once spent it stays spent while this call holds the task: opt out of it.
        Ok(park_until_ready(tokio::task::unconstrained(future)))
    }
}

impl Drop for Runtime {
    /// Dropping a Tokio runtime waits for its worker, which panics inside async code;
    /// the last clone of a blocking client may well be dropped there.
    fn drop(&mut self) {
        if let Some(Ok(runtime)) = self.started.take() {
            runtime.shutdown_background();
        }
    }
}

/// Polls `future` on the current thread, parking between polls until its waker fires.
fn park_until_ready<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A wake-up that came before this park makes it return at once.
        std::thread::park();
    }
}

/// Wakes the thread waiting in [`park_until_ready`].
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}
