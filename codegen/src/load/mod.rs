//! Stage 1: read an OpenAPI document and every file its `$ref`s reach.
//!
//! The result is a [`Spec`]: parsed YAML/JSON trees addressed by file and JSON
//! pointer, so later stages can name any node as `file.yaml#/a/b` in errors.

mod error;
mod pointer;
mod source;

pub use error::LoadError;
pub use pointer::{escape_segment, Location};
pub use source::{FileId, SourceFile, Spec};

use std::path::Path;

/// Loads the document at `path` (YAML or JSON) and all files referenced from it.
pub fn load(path: &Path) -> Result<Spec, LoadError> {
    source::load_spec(path)
}
