use std::fmt;

/// Code could not be produced for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitError {
    /// The generated file.
    pub file: String,
    /// What went wrong (a bug in the generator: emitted tokens that do not parse).
    pub message: String,
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for EmitError {}
