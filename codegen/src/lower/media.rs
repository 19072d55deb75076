//! Media types: what kind of content a `content` key names, and which of several wins.
//!
//! Media types are compared case-insensitively and without parameters
//! (`Application/JSON; charset=utf-8` is `application/json`), so the choice never
//! depends on how a spec spells them or in which order it lists them.

use crate::ir::StreamFraming;

/// The kinds of content the client can send or receive, best first: when a body or
/// response offers several, the lowest kind wins (then the alphabetically first name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum MediaKind {
    /// `application/json`, `application/*+json`, `text/json`.
    Json,
    /// `text/event-stream`, NDJSON / JSON Lines.
    Stream(StreamFraming),
    /// `multipart/form-data` (and other `multipart/*`).
    Multipart,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `text/*`, XML: returned and sent as a `String`.
    Text,
    /// Anything else: bytes.
    Binary,
}

/// `Application/JSON; charset=utf-8` -> `application/json`.
pub(crate) fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase()
}

/// The kind of content `media` names.
pub(crate) fn kind(media: &str) -> MediaKind {
    let media = essence(media);
    let (top, sub) = media.split_once('/').unwrap_or((media.as_str(), ""));
    match (top, sub) {
        (_, "event-stream") => MediaKind::Stream(StreamFraming::Sse),
        (_, "x-ndjson" | "ndjson" | "jsonl" | "x-jsonlines" | "jsonlines" | "json-seq") => {
            MediaKind::Stream(StreamFraming::Ndjson)
        }
        ("application" | "text", "json") => MediaKind::Json,
        (_, sub) if sub.ends_with("+json") => MediaKind::Json,
        ("multipart", _) => MediaKind::Multipart,
        ("application", "x-www-form-urlencoded") => MediaKind::Form,
        ("text", _) => MediaKind::Text,
        (_, "xml") => MediaKind::Text,
        (_, sub) if sub.ends_with("+xml") => MediaKind::Text,
        _ => MediaKind::Binary,
    }
}

/// Rank of a media type among those of one body or response: kind first, then the
/// plain form of the kind (`application/json` before a vendor `+json`), then the name.
pub(crate) fn rank(media: &str) -> (MediaKind, bool, String) {
    let essence = essence(media);
    let plain = matches!(
        essence.as_str(),
        "application/json" | "multipart/form-data" | "text/plain" | "application/octet-stream"
    );
    (kind(media), !plain, essence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_ignore_case_and_parameters() {
        assert_eq!(kind("Application/JSON; charset=utf-8"), MediaKind::Json);
        assert_eq!(kind("application/vnd.api+json"), MediaKind::Json);
        assert_eq!(kind("multipart/form-data"), MediaKind::Multipart);
        assert_eq!(kind("application/x-www-form-urlencoded"), MediaKind::Form);
        assert_eq!(kind("text/plain"), MediaKind::Text);
        assert_eq!(kind("*/*"), MediaKind::Binary);
        assert_eq!(kind("audio/mpeg"), MediaKind::Binary);
    }

    #[test]
    fn json_outranks_everything() {
        let mut media = vec![
            "text/plain",
            "application/vnd.x+json",
            "application/json",
            "*/*",
        ];
        media.sort_by_key(|m| rank(m));
        assert_eq!(
            media,
            [
                "application/json",
                "application/vnd.x+json",
                "text/plain",
                "*/*"
            ]
        );
    }
}
