//! Success outcomes: an operation whose 2xx responses carry JSON bodies of different
//! shapes returns an enum with one variant per success status, chosen at run time by
//! the status that arrives, instead of one shape and a decode error for the others.
//! Statuses without a JSON body (`202` accepted, `204`) are variants without payload.
//! The decision is made in `responses.rs`; this file builds and names the enums.

use super::errors::status_name;
use super::names::{pascal, NameTable};
use crate::ir::Operation;
use crate::ir::{OutcomeVariant, Outcomes, ResponseKind, StatusKey, TypeRef};

/// One success status of an operation in outcome form: its key (`200`, `2XX`,
/// `DEFAULT`, upper-cased), JSON body type and description.
pub(super) struct Success {
    pub(super) code: String,
    pub(super) body: Option<TypeRef>,
    pub(super) docs: Option<String>,
}

/// The outcome enum for `successes` (already in status order); named later by
/// [`name_outcomes`].
pub(super) fn outcomes(successes: Vec<Success>) -> ResponseKind {
    let mut names = NameTable::with_reserved(["Self"]);
    let variants = successes
        .into_iter()
        .map(|s| {
            let status = status_key(&s.code);
            OutcomeVariant {
                name: names.claim(&status_name(status)),
                status,
                body: s.body,
                docs: s.docs,
            }
        })
        .collect();
    ResponseKind::Outcomes(Outcomes {
        name: String::new(),
        variants,
    })
}

/// `200` -> a code, `2XX` -> a range, anything else -> `default`.
fn status_key(code: &str) -> StatusKey {
    if let Ok(n) = code.parse() {
        return StatusKey::Code(n);
    }
    match code.as_bytes() {
        [d @ b'1'..=b'5', b'X', b'X'] => StatusKey::Range(d - b'0'),
        _ => StatusKey::Default,
    }
}

/// Names each outcome enum `{Operation}Response`, unique within the `outcomes` module.
pub(crate) fn name_outcomes(operations: &mut [Operation]) {
    let mut names = NameTable::with_reserved(["Self"]);
    for op in operations.iter_mut() {
        if let Some(ResponseKind::Outcomes(outcomes)) = &mut op.response {
            outcomes.name = names.claim(&format!("{}Response", pascal(&op.id)));
        }
    }
}
