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

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    fn now() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    #[test]
    fn retryable_statuses() {
        let h = HeaderMap::new();
        for s in [408, 409, 429, 500, 502, 503, 504, 599] {
            assert!(should_retry(StatusCode::from_u16(s).unwrap(), &h), "{s}");
        }
        for s in [400, 401, 403, 404, 422, 301] {
            assert!(!should_retry(StatusCode::from_u16(s).unwrap(), &h), "{s}");
        }
    }

    #[test]
    fn should_retry_header_overrides() {
        let yes = headers(&[("x-should-retry", "true")]);
        let no = headers(&[("x-should-retry", "FALSE")]);
        let junk = headers(&[("x-should-retry", "maybe")]);
        assert!(should_retry(StatusCode::BAD_REQUEST, &yes));
        assert!(!should_retry(StatusCode::TOO_MANY_REQUESTS, &no));
        assert!(!should_retry(StatusCode::INTERNAL_SERVER_ERROR, &no));
        assert!(should_retry(StatusCode::INTERNAL_SERVER_ERROR, &junk));
        assert!(!should_retry(StatusCode::BAD_REQUEST, &junk));
    }

    #[test]
    fn retry_after_ms() {
        let h = headers(&[("retry-after-ms", "1500"), ("retry-after", "30")]);
        assert_eq!(retry_delay(Some(&h), 0, now()), Duration::from_millis(1500));
        let h = headers(&[("retry-after-ms", "2.5")]);
        assert_eq!(retry_delay(Some(&h), 0, now()), Duration::from_micros(2500));
    }

    #[test]
    fn retry_after_seconds() {
        let h = headers(&[("retry-after", "3")]);
        assert_eq!(retry_delay(Some(&h), 3, now()), Duration::from_secs(3));
        let h = headers(&[("retry-after", "0.25")]);
        assert_eq!(retry_delay(Some(&h), 0, now()), Duration::from_millis(250));
        let h = headers(&[("retry-after", "60")]);
        assert_eq!(retry_delay(Some(&h), 0, now()), Duration::from_secs(60));
    }

    #[test]
    fn retry_after_http_date() {
        let at = httpdate::fmt_http_date(now() + Duration::from_secs(7));
        let h = headers(&[("retry-after", &at)]);
        assert_eq!(retry_delay(Some(&h), 0, now()), Duration::from_secs(7));
        // A date in the past falls back to back-off.
        let past = httpdate::fmt_http_date(now() - Duration::from_secs(7));
        let h = headers(&[("retry-after", &past)]);
        assert_backoff(retry_delay(Some(&h), 0, now()), 0);
    }

    #[test]
    fn unusable_server_delays_fall_back() {
        for v in ["0", "61", "-1", "abc", "NaN", "inf", "1e300", ""] {
            let h = headers(&[("retry-after", v)]);
            assert_backoff(retry_delay(Some(&h), 1, now()), 1);
        }
        for v in ["0", "60001", "-1", "abc", "NaN", "inf", "1e300", ""] {
            let h = headers(&[("retry-after-ms", v)]);
            assert_backoff(retry_delay(Some(&h), 1, now()), 1);
        }
        let far = httpdate::fmt_http_date(now() + Duration::from_secs(3600));
        let h = headers(&[("retry-after", &far)]);
        assert_backoff(retry_delay(Some(&h), 2, now()), 2);
    }

    fn assert_backoff(d: Duration, retries_done: u32) {
        let base = backoff(retries_done);
        assert!(d <= base && d >= base.mul_f64(0.75), "{d:?} vs {base:?}");
    }

    #[test]
    fn exponential_backoff() {
        assert_eq!(backoff(0), Duration::from_millis(500));
        assert_eq!(backoff(1), Duration::from_secs(1));
        assert_eq!(backoff(2), Duration::from_secs(2));
        assert_eq!(backoff(3), Duration::from_secs(4));
        assert_eq!(backoff(4), Duration::from_secs(8));
        assert_eq!(backoff(5), Duration::from_secs(8));
        assert_eq!(backoff(u32::MAX), Duration::from_secs(8));
        for n in 0..6 {
            assert_backoff(retry_delay(None, n, now()), n);
        }
    }

    #[test]
    fn jitter_in_range_and_varies() {
        let samples: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(samples.iter().all(|j| (0.0..1.0).contains(j)));
        let first = samples[0];
        assert!(samples.iter().any(|j| *j != first));
    }
}
