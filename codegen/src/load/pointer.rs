use std::fmt;

use super::FileId;

/// A node in the loaded spec: a file and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file holding the node.
    pub file: FileId,
    /// RFC 6901 JSON pointer, `""` for the whole file.
    pub pointer: String,
}

impl Location {
    /// The location of the child `segment` (unescaped) below this one.
    pub fn child(&self, segment: &str) -> Location {
        Location {
            file: self.file,
            pointer: format!("{}/{}", self.pointer, escape_segment(segment)),
        }
    }

    /// The location of array element `index` below this one.
    pub fn index(&self, index: usize) -> Location {
        Location {
            file: self.file,
            pointer: format!("{}/{index}", self.pointer),
        }
    }

    /// The unescaped last segment of the pointer, if any.
    pub fn last_segment(&self) -> Option<String> {
        let (_, last) = self.pointer.rsplit_once('/')?;
        Some(unescape_segment(last))
    }

    /// The unescaped segments of the pointer.
    pub fn segments(&self) -> Vec<String> {
        self.pointer
            .split('/')
            .skip(1)
            .map(unescape_segment)
            .collect()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.pointer)
    }
}

/// Escapes one pointer segment (`~` -> `~0`, `/` -> `~1`, and `%` -> `%25`, since
/// pointers are read back as URI fragments, which percent-decode).
pub fn escape_segment(segment: &str) -> String {
    if !segment.contains(['~', '/', '%']) {
        return segment.to_string();
    }
    segment
        .replace('~', "~0")
        .replace('/', "~1")
        .replace('%', "%25")
}

/// Undoes only the JSON-pointer escapes of a segment, for a key whose name really
/// contains `%XX` text that a `$ref` wrote as is.
pub(crate) fn unescape_tildes(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Undoes [`escape_segment`] and the percent-encoding that URI fragments allow.
pub(crate) fn unescape_segment(segment: &str) -> String {
    percent_decode(segment)
        .replace("~1", "/")
        .replace("~0", "~")
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let decoded = (bytes[i] == b'%' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match decoded {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip_through_escaping() {
        let loc = Location {
            file: FileId(0),
            pointer: String::new(),
        };
        let child = loc.child("paths").child("/a/{b}~c");
        assert_eq!(child.pointer, "/paths/~1a~1{b}~0c");
        assert_eq!(child.last_segment().as_deref(), Some("/a/{b}~c"));
    }

    #[test]
    fn percent_escapes_in_fragments_are_decoded() {
        assert_eq!(unescape_segment("~1a~1%7Bb%7D"), "/a/{b}");
        assert_eq!(unescape_segment("100%"), "100%");
        assert_eq!(unescape_segment(&escape_segment("a%41~/")), "a%41~/");
    }
}
