//! Reading one file safely: only regular files, at most [`MAX_FILE_BYTES`], UTF-8 with an
//! optional byte-order mark, parsed as JSON or YAML.

use std::io::Read;
use std::path::Path;

use serde_yaml::Value;

use super::limits::MAX_FILE_BYTES;
use super::tree::ParseWarning;
use super::{json, yaml, LoadError};

/// A parsed file.
pub struct Parsed {
    /// The tree.
    pub value: Value,
    /// Duplicate keys and other lenient fix-ups.
    pub warnings: Vec<ParseWarning>,
    /// Fingerprint of the file's bytes.
    pub digest: u64,
}

/// Why a file could not be used, before parsing: the message for a `$ref` error.
pub fn check_regular_file(path: &Path) -> Result<u64, String> {
    // `metadata` follows symlinks and never opens the file, so a fifo or a device is
    // refused without blocking on it.
    let meta = std::fs::metadata(path).map_err(|err| err.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file (only regular files are read)".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(meta.len())
}

fn too_large() -> String {
    format!(
        "larger than {} MiB, the loader's limit",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Reads and parses the file at `path`; `name` is how messages call it.
pub fn read(path: &Path, name: &str) -> Result<Parsed, LoadError> {
    let io = |message: String| LoadError::Io {
        file: name.to_string(),
        message,
    };
    let size = check_regular_file(path).map_err(io)?;
    let file = std::fs::File::open(path).map_err(|err| io(err.to_string()))?;
    let mut bytes = Vec::with_capacity(size as usize);
    // The size may grow between the check and the read: never read past the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| io(err.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(io(too_large()));
    }
    let digest = crate::digest::fnv1a(crate::digest::START, &bytes);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = std::str::from_utf8(body).map_err(|err| LoadError::Parse {
        file: name.to_string(),
        message: format!("not UTF-8 text (bad byte at offset {})", err.valid_up_to()),
    })?;
    let (value, warnings) = parse_text(text, path).map_err(|message| LoadError::Parse {
        file: name.to_string(),
        message,
    })?;
    Ok(Parsed {
        value,
        warnings,
        digest,
    })
}

/// JSON for `.json` files; for others JSON when the text looks like a JSON object and
/// parses as one, else YAML (JSON is not quite YAML: surrogate-pair escapes differ).
fn parse_text(text: &str, path: &Path) -> Result<(Value, Vec<ParseWarning>), String> {
    let is_json = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    if is_json {
        return json::parse(text);
    }
    if text.trim_start().starts_with('{') {
        if let Ok(parsed) = json::parse(text) {
            return Ok(parsed);
        }
    }
    yaml::parse(text)
}
