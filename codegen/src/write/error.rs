use std::fmt;
use std::path::Path;

/// A file or folder could not be written, or the output path was refused.
#[derive(Debug)]
pub struct WriteError {
    /// The path concerned.
    pub path: String,
    /// The I/O error, or (kind `InvalidInput`) why the path was refused.
    pub source: std::io::Error,
}

impl WriteError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        WriteError {
            path: path.display().to_string(),
            source,
        }
    }

    /// The output path `path` is not one the crate may replace, for `reason`.
    pub(crate) fn refused(path: &Path, reason: String) -> Self {
        WriteError {
            path: path.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidInput, reason),
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
