use std::fmt;

/// Why a spec could not be loaded. Every variant names the file it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read.
    Io { file: String, message: String },
    /// The file is not valid YAML or JSON.
    Parse { file: String, message: String },
    /// The root document is not OpenAPI 3.x (for example Swagger 2.0).
    UnsupportedVersion { file: String, found: String },
    /// A `$ref` names a file that could not be loaded.
    BrokenFileRef {
        at: String,
        reference: String,
        message: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { file, message } => write!(f, "{file}: cannot read: {message}"),
            LoadError::Parse { file, message } => write!(f, "{file}: invalid YAML/JSON: {message}"),
            LoadError::UnsupportedVersion { file, found } => write!(
                f,
                "{file}: unsupported document version {found}; only OpenAPI 3.0 and 3.1 are supported"
            ),
            LoadError::BrokenFileRef { at, reference, message } => {
                write!(f, "{at}: $ref `{reference}` cannot be loaded: {message}")
            }
        }
    }
}

impl std::error::Error for LoadError {}
