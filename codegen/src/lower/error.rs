use std::fmt;

/// A problem with the spec found while building the IR: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerError {
    /// `file#/json/pointer` of the offending node.
    pub location: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for LowerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for LowerError {}
