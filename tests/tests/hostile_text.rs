//! Text a spec may hold (lone `\r`, bidi controls, control characters, brackets that look
//! like intra-doc links, HTML, comment terminators, unbalanced or `~~~` fences, odd
//! backticks) never breaks the build or the docs. The fixture client
//! `tests/clients/hostile_text/` is full of it; it builds warning-free as a workspace
//! member, its doctests run with the workspace's, and `cargo doc` on it is warning-free
//! even with `--force-warn rustdoc::all`. These tests check the text where it landed.

use hostile_text::types;

/// Every Rust file of the fixture client's generated crate.
const SOURCES: &[(&str, &str)] = &[
    (
        "lib.rs",
        include_str!("../clients/hostile_text/generated/src/lib.rs"),
    ),
    (
        "types.rs",
        include_str!("../clients/hostile_text/generated/src/types.rs"),
    ),
    (
        "resources.rs",
        include_str!("../clients/hostile_text/generated/src/resources.rs"),
    ),
];

/// The doc comment lines of `code`, without their `///` or `//!`.
fn doc_lines(code: &str) -> impl Iterator<Item = &str> {
    code.lines().filter_map(|line| {
        let line = line.trim_start();
        line.strip_prefix("///")
            .or_else(|| line.strip_prefix("//!"))
    })
}

#[test]
fn generated_sources_hold_no_carriage_return_bidi_or_control_character() {
    for (name, code) in SOURCES {
        for (n, line) in code.lines().enumerate() {
            let bad = line.chars().find(|&c| {
                matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
                    || (c.is_control() && c != '\t')
            });
            assert_eq!(bad, None, "{name}:{}: {line:?}", n + 1);
        }
    }
}

#[test]
fn spec_code_fences_are_never_doctests() {
    for (name, code) in SOURCES {
        let mut fences = 0;
        for line in doc_lines(code) {
            let line = line.trim();
            let marker: String = line.chars().take_while(|&c| c == '`' || c == '~').collect();
            if marker.len() >= 3 && line.len() > marker.len() {
                // Only our own examples (`no_run`) may be compiled.
                assert!(
                    line.ends_with("text") || line.ends_with("no_run"),
                    "{name}: fence {line:?}"
                );
            }
            if marker.len() >= 3 {
                fences += 1;
            }
        }
        assert_eq!(fences % 2, 0, "{name}: an unbalanced fence is left open");
    }
}

#[test]
fn brackets_and_html_in_prose_are_escaped() {
    let types = SOURCES[1].1;
    assert!(types.contains(r"Links: \[Foo\], \[runtime\], \[crate::Client\], \[Self\]"));
    assert!(types.contains("[ok](https://example.com/x)"));
    assert!(types.contains("&lt;script>alert(1)&lt;/script>"));
    assert!(!types.contains("<script>"));
    assert!(types.contains(r"Comments: *\/"));
}

#[test]
fn json_names_with_hostile_text_round_trip_exactly() {
    let json = serde_json::json!({
        "a\rb": "cr",
        "x\u{202e}y": "bidi",
        "quote\"d": "q",
        "back\\slash": "b",
        "tick`s": "t",
        "": "empty",
    });
    let weird: types::Weird = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(weird.a_b, "cr");
    assert_eq!(weird.x_y.as_deref(), Some("bidi"));
    assert_eq!(weird.quote_d.as_deref(), Some("q"));
    assert_eq!(weird.back_slash.as_deref(), Some("b"));
    assert_eq!(weird.tick_s.as_deref(), Some("t"));
    assert_eq!(serde_json::to_value(&weird).unwrap(), json);
}

#[test]
fn tags_and_enum_values_with_hostile_text_round_trip_exactly() {
    let json = serde_json::json!({"k\u{202e}`ind": "l\r`eft\u{2066}", "v": 1});
    let tagged: types::Tagged = serde_json::from_value(json.clone()).unwrap();
    assert!(matches!(tagged, types::Tagged::LEft(_)), "{tagged:?}");
    assert_eq!(serde_json::to_value(&tagged).unwrap(), json);
    let choice: types::Choice = serde_json::from_value(serde_json::json!("x\u{202e}y")).unwrap();
    assert_eq!(choice.as_str(), "x\u{202e}y");
    assert!(!matches!(choice, types::Choice::Other(_)));
}
