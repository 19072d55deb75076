//! Stage 1: read an OpenAPI document and every file its `$ref`s reach.
//!
//! The result is a [`Spec`]: parsed YAML/JSON trees addressed by file and JSON
//! pointer, so later stages can name any node as `file.yaml#/a/b` in errors.
//!
//! `read` reads one file safely (`json`/`yaml` parse it through the non-recursive
//! `tree` builder, under the `limits`); `scan` walks it once, using `kind` to know what
//! each node is, collecting `$ref`s and anchors and running the `structure` checks;
//! `source` follows the `$ref`s to other files and checks what each points at.

mod error;
mod json;
mod kind;
pub mod limits;
mod lookup;
mod pointer;
mod read;
mod scan;
mod source;
mod structure;
mod tree;
mod yaml;

pub use error::LoadError;
pub use lookup::Lookup;
pub use pointer::{escape_segment, Location};
pub use source::{FileId, SourceFile, Spec};

use std::path::Path;

/// Choices the caller makes about loading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Let `$ref`s read files outside the root spec's folder (off by default, so a
    /// spec cannot make the generator read arbitrary files).
    pub allow_refs_outside_spec_dir: bool,
}

/// Loads the document at `path` (YAML or JSON) and all files referenced from it.
pub fn load(path: &Path) -> Result<Spec, LoadError> {
    load_with(path, &LoadOptions::default())
}

/// [`load`] with options.
pub fn load_with(path: &Path, options: &LoadOptions) -> Result<Spec, LoadError> {
    source::load_spec(path, options)
}
