// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! When to retry and how long to wait.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// First back-off delay.
const INITIAL_DELAY: Duration = Duration::from_millis(500);
/// Back-off never exceeds this.
const MAX_DELAY: Duration = Duration::from_secs(8);
/// A server-provided delay is honoured only up to this.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// Whether a response with this status and headers should be retried.
/// `x-should-retry: true|false` overrides the status-based rule.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    if let Some(v) = headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        let v = v.trim();
        if v.eq_ignore_ascii_case("true") {
            return true;
        }
        if v.eq_ignore_ascii_case("false") {
            return false;
        }
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// How long to wait before retry number `retries_done + 1`.
///
/// Honours `retry-after-ms` and `retry-after` (seconds or an HTTP date) when
/// they give a delay in (0, 60 s]; otherwise exponential back-off from 0.5 s,
/// doubling, capped at 8 s, minus up to 25 % jitter.
pub(crate) fn retry_delay(
    headers: Option<&HeaderMap>,
    retries_done: u32,
    now: SystemTime,
) -> Duration {
    if let Some(d) = headers.and_then(|h| server_delay(h, now)) {
        return d;
    }
    let base = backoff(retries_done);
    base.mul_f64(1.0 - 0.25 * jitter())
}

/// Exponential back-off without jitter.
fn backoff(retries_done: u32) -> Duration {
    let factor = 1u32 << retries_done.min(16);
    INITIAL_DELAY.saturating_mul(factor).min(MAX_DELAY)
}

/// The delay the server asked for, if it is usable.
fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    let delay = if let Some(ms) = header("retry-after-ms").and_then(parse_non_negative) {
        Some(Duration::from_secs_f64(ms / 1000.0))
    } else if let Some(v) = header("retry-after") {
        match parse_non_negative(v) {
            Some(secs) => Some(Duration::from_secs_f64(secs)),
            None => httpdate::parse_http_date(v)
                .ok()
                .and_then(|at| at.duration_since(now).ok()),
        }
    } else {
        None
    };
    delay.filter(|d| !d.is_zero() && *d <= MAX_RETRY_AFTER)
}

fn parse_non_negative(s: &str) -> Option<f64> {
    let v: f64 = s.parse().ok()?;
    (0.0..=1e9).contains(&v).then_some(v)
}

/// A number in [0, 1) from the standard library's randomly keyed hasher,
/// which is enough to spread out retries without a `rand` dependency.
fn jitter() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        h.write_u32(t.subsec_nanos());
    }
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}
