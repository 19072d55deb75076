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
    /// The document is structurally wrong: each entry is `file#/pointer: what`.
    Invalid { problems: Vec<String> },
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
            LoadError::Invalid { problems } => match problems.as_slice() {
                [one] => f.write_str(one),
                many => {
                    write!(f, "{} problems in the spec:", many.len())?;
                    for problem in many {
                        write!(f, "\n  {problem}")?;
                    }
                    Ok(())
                }
            },
        }
    }
}

impl std::error::Error for LoadError {}
