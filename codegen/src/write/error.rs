use std::fmt;
use std::path::Path;

/// A file or folder could not be written.
#[derive(Debug)]
pub struct WriteError {
    /// The path concerned.
    pub path: String,
    /// The I/O error.
    pub source: std::io::Error,
}

impl WriteError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        WriteError {
            path: path.display().to_string(),
            source,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.source)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}
