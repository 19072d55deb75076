// @generated: copied by `cargo xtask generate` from `codegen/runtime/`. Do not edit.
//! Opt-in checks of a request against the bounds its spec declares (`minimum`,
//! `maxLength`, `pattern`, ...), run before anything is sent.
//!
//! Off by default: the server is the authority, and specs are sometimes stricter than
//! the servers they describe. Turn it on with
//! [`ClientBuilder::validate_requests`](crate::ClientBuilder::validate_requests) or per
//! request with [`RequestOptions::validate`](crate::RequestOptions::validate), or call
//! [`Validate::validate`] yourself.

use std::collections::BTreeMap;
use std::fmt;

/// A value that can be checked against its spec's constraints. Request types whose
/// schema (or a schema they contain) declares a bound implement it.
///
/// ```no_run
/// # fn demo(request: impl unions_client::Validate) {
/// if let Err(e) = request.validate() {
///     for violation in e.violations() {
///         eprintln!("{}: {}", violation.path(), violation.message());
///     }
/// }
/// # }
/// ```
pub trait Validate {
    /// Adds every violation in `self` to `out`, at `out`'s current path.
    fn validate_into(&self, out: &mut Violations);

    /// Every violation in `self`, or `Ok(())`.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Violations::new();
        self.validate_into(&mut out);
        out.into_result()
    }
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_into(&self, out: &mut Violations) {
        (**self).validate_into(out);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, out: &mut Violations) {
        (**self).validate_into(out);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, out: &mut Violations) {
        if let Some(value) = self {
            value.validate_into(out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, out: &mut Violations) {
        for (i, item) in self.iter().enumerate() {
            out.enter_index(i);
            item.validate_into(out);
            out.leave();
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_into(&self, out: &mut Violations) {
        for (key, value) in self {
            out.enter(key);
            value.validate_into(out);
            out.leave();
        }
    }
}

/// One broken constraint: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    part: &'static str,
    path: String,
    message: String,
}

impl Violation {
    /// Which part of the request holds the value: `"body"`, `"path"` (path
    /// parameters) or `"parameters"` (query, header and cookie parameters).
    pub fn part(&self) -> &str {
        self.part
    }

    /// The value's JSON pointer within its part, e.g. `/messages/0/content` (`""` for
    /// the whole part; parameters are addressed by their name, `/limit`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, e.g. "must be at most 2, is 3".
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(root)"
        } else {
            &self.path
        };
        write!(f, "{} `{path}`: {}", self.part, self.message)
    }
}

/// A request that breaks its spec's constraints: every violation found, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Every violation, in the order the request's fields are declared.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(
            f,
            "the request breaks {n} constraint{} of the API's spec",
            if n == 1 { "" } else { "s" }
        )?;
        for (i, violation) in self.violations.iter().enumerate() {
            write!(f, "{}{violation}", if i == 0 { ": " } else { "; " })?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A bound from the spec, as written: integers stay exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// A whole number.
    Int(i128),
    /// A number with a fraction.
    Float(f64),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Int(n) => write!(f, "{n}"),
            Bound::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A number a bound can be compared with.
pub trait Numeric: Copy + fmt::Display {
    /// The value, when it is a whole number.
    fn as_int(self) -> Option<i128>;
    /// The value as a float.
    fn as_float(self) -> f64;
}

macro_rules! integer_numeric {
    ($($t:ty),*) => {$(
        impl Numeric for $t {
            fn as_int(self) -> Option<i128> {
                Some(i128::from(self))
            }
            fn as_float(self) -> f64 {
                self as f64
            }
        }
    )*};
}
integer_numeric!(u8, i32, i64, u32, u64);

impl Numeric for f64 {
    fn as_int(self) -> Option<i128> {
        None
    }
    fn as_float(self) -> f64 {
        self
    }
}

/// `value` compared with `bound`, exactly for two integers.
fn compare(value: impl Numeric, bound: Bound) -> Option<std::cmp::Ordering> {
    match (value.as_int(), bound) {
        (Some(v), Bound::Int(b)) => Some(v.cmp(&b)),
        (_, Bound::Int(b)) => value.as_float().partial_cmp(&(b as f64)),
        (_, Bound::Float(b)) => value.as_float().partial_cmp(&b),
    }
}

/// Collects violations while a value is walked; generated `validate_into` impls call
/// its checks. Paths are JSON pointers.
#[derive(Debug)]
pub struct Violations {
    part: &'static str,
    path: Vec<String>,
    found: Vec<Violation>,
}

impl Default for Violations {
    fn default() -> Self {
        Violations::new()
    }
}

impl Violations {
    /// An empty collection, for the request's body.
    pub fn new() -> Self {
        Violations {
            part: "body",
            path: Vec::new(),
            found: Vec::new(),
        }
    }

    /// Later violations are in `part` of the request (`"body"`, `"path"`,
    /// `"parameters"`).
    pub fn part(&mut self, part: &'static str) {
        self.part = part;
    }

    /// Steps into the property `key`.
    pub fn enter(&mut self, key: &str) {
        self.path.push(key.replace('~', "~0").replace('/', "~1"));
    }

    /// Steps into the array item at `index`.
    pub fn enter_index(&mut self, index: usize) {
        self.path.push(index.to_string());
    }

    /// Steps back out of the last [`enter`](Self::enter) or
    /// [`enter_index`](Self::enter_index).
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Records a violation at the current path.
    pub fn report(&mut self, message: impl Into<String>) {
        let mut path = String::new();
        for segment in &self.path {
            path.push('/');
            path.push_str(segment);
        }
        self.found.push(Violation {
            part: self.part,
            path,
            message: message.into(),
        });
    }

    /// `minimum` (inclusive) or `exclusiveMinimum`.
    pub fn minimum(&mut self, value: impl Numeric, bound: Bound, exclusive: bool) {
        use std::cmp::Ordering::{Equal, Less};
        match compare(value, bound) {
            Some(Less) => self.report(format!("must be at least {bound}, is {value}")),
            Some(Equal) if exclusive => {
                self.report(format!("must be more than {bound}, is {value}"))
            }
            None => self.report(format!("must be a number at least {bound}, is {value}")),
            _ => {}
        }
    }

    /// `maximum` (inclusive) or `exclusiveMaximum`.
    pub fn maximum(&mut self, value: impl Numeric, bound: Bound, exclusive: bool) {
        use std::cmp::Ordering::{Equal, Greater};
        match compare(value, bound) {
            Some(Greater) => self.report(format!("must be at most {bound}, is {value}")),
            Some(Equal) if exclusive => {
                self.report(format!("must be less than {bound}, is {value}"))
            }
            None => self.report(format!("must be a number at most {bound}, is {value}")),
            _ => {}
        }
    }

    /// `multipleOf`; floats within a relative rounding error of a multiple pass.
    pub fn multiple_of(&mut self, value: impl Numeric, step: Bound) {
        let fits = match (value.as_int(), step) {
            (_, Bound::Int(0)) => true,
            (Some(v), Bound::Int(s)) => v % s == 0,
            (_, step) => {
                let step = match step {
                    Bound::Int(s) => s as f64,
                    Bound::Float(s) => s,
                };
                let quotient = value.as_float() / step;
                step == 0.0
                    || !quotient.is_finite()
                    || (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0)
            }
        };
        if !fits {
            self.report(format!("must be a multiple of {step}, is {value}"));
        }
    }

    /// `minLength` / `maxLength`, counted in characters (Unicode scalar values), as
    /// JSON Schema counts them.
    pub fn length(&mut self, value: &str, min: Option<u64>, max: Option<u64>) {
        // Only counted as far as the bounds need.
        let limit = max.map_or(min.unwrap_or(0), |m| m.saturating_add(1));
        let count = value
            .chars()
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .count() as u64;
        if min.is_some_and(|min| count < min) {
            self.report(format!(
                "must be at least {} characters long, is {count}",
                min.unwrap_or_default()
            ));
        }
        if let Some(max) = max.filter(|max| count > *max) {
            self.report(format!("must be at most {max} characters long, is longer"));
        }
    }

    /// `minItems` / `maxItems`.
    pub fn items(&mut self, count: usize, min: Option<u64>, max: Option<u64>) {
        let count = count as u64;
        if let Some(min) = min.filter(|min| count < *min) {
            self.report(format!("must have at least {min} items, has {count}"));
        }
        if let Some(max) = max.filter(|max| count > *max) {
            self.report(format!("must have at most {max} items, has {count}"));
        }
    }

    /// `pattern`: `matched` is whether the value matches it, `None` when the pattern
    /// could not be compiled (then nothing is checked).
    pub fn pattern(&mut self, matched: Option<bool>, pattern: &str) {
        if matched == Some(false) {
            self.report(format!("must match the pattern `{pattern}`"));
        }
    }

    /// `Ok(())` when nothing was found, else the error listing every violation.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.found.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.found,
            })
        }
    }
}
