//! `$ref` resolutions remembered per file and reference text.
//!
//! A spec names each component from many places, and lowering asks for the same
//! `$ref` again and again (to lower it, to read its constants, its shape, its
//! constraints). Resolving one walked the tree twice (canonicalizing the pointer,
//! then checking it exists); now the first resolution is kept, with whether the
//! target exists (the node itself is not kept: a reference in a `RefCell` would make
//! the `Lowerer`'s lifetime invariant). Only answers that depend on nothing but
//! the file and the reference text are kept: not `#` (which depends on the schema
//! resource around it) and not a `$defs` pointer resolved against an enclosing
//! schema (which depends on where the `$ref` sits).

use std::cell::RefCell;

use crate::load::{FileId, Location};
use rustc_hash::FxHashMap;

/// Remembered resolutions: for each file, reference text to target.
#[derive(Default)]
pub(crate) struct RefCache {
    by_file: RefCell<Vec<FxHashMap<Box<str>, Resolved>>>,
}

/// A resolved `$ref`: where it points, and whether a node is there (a target in
/// another file may not exist).
pub(crate) type Resolved = (Location, bool);

impl RefCache {
    /// The remembered resolution of `reference` written in `file`.
    pub(crate) fn get(&self, file: FileId, reference: &str) -> Option<Resolved> {
        let by_file = self.by_file.borrow();
        let (target, exists) = by_file.get(file.0)?.get(reference)?;
        Some((target.clone(), *exists))
    }

    /// Remembers the resolution of `reference` written in `file`.
    pub(crate) fn put(&self, file: FileId, reference: &str, resolved: &Resolved) {
        let mut by_file = self.by_file.borrow_mut();
        if by_file.len() <= file.0 {
            by_file.resize_with(file.0 + 1, FxHashMap::default);
        }
        by_file[file.0].insert(reference.into(), resolved.clone());
    }
}
