//! Turning spec strings into Rust identifiers that are valid, idiomatic and unique.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::casing;

/// Words that cannot be plain identifiers (nor library names).
pub(crate) const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers.
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Type names that would shadow the prelude or std types the emitted code uses.
const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "Box",
    "String",
    "Default",
    "Value",
    "Map",
    "BTreeMap",
    "Serialize",
    "Deserialize",
    "Serializer",
    "Deserializer",
    "From",
    "Into",
    "Extend",
    "Iterator",
    "ToString",
    // Generic parameters of the emitted serde impls.
    "A",
    "D",
    "E",
    "S",
];

/// Replaces everything but ASCII letters and digits with word breaks, so the casing
/// (`casing.rs`) sees words.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `chat.completion` -> `ChatCompletion`; starts with a letter; never empty.
pub fn pascal(raw: &str) -> String {
    // The same words are cased again and again (every candidate name of every inline
    // schema); casing is slow enough for that to show, so each thread remembers
    // what it cased. Bounded by the spec's distinct words.
    thread_local! {
        static CASED: std::cell::RefCell<HashMap<String, String>> = Default::default();
    }
    if let Some(name) = CASED.with(|cased| cased.borrow().get(raw).cloned()) {
        return name;
    }
    let cased = casing::upper_camel(&ascii_words(raw));
    let name = match cased.chars().next() {
        None => String::new(),
        Some(c) if c.is_ascii_digit() => format!("V{cased}"),
        Some(_) => cased,
    };
    CASED.with(|cased| cased.borrow_mut().insert(raw.to_string(), name.clone()));
    name
}

/// A type name: PascalCase, not a keyword, not a prelude name.
pub fn type_name(raw: &str) -> String {
    let name = pascal(raw);
    if name.is_empty() {
        "Unnamed".to_string()
    } else if RESERVED_TYPES.contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    }
}

/// The type name `raw` asks for before any numbering; a name the emitted crate uses
/// itself (one of `reserved`) gets a `Type` suffix.
pub(crate) fn natural_type_name(raw: &str, reserved: &[String]) -> String {
    let name = type_name(raw);
    if reserved.contains(&name) {
        format!("{name}Type")
    } else {
        name
    }
}

/// An enum variant name.
pub fn variant_name(raw: &str) -> String {
    let name = pascal(raw);
    match name.as_str() {
        "" => "Empty".to_string(),
        "Self" => "SelfValue".to_string(),
        _ => name,
    }
}

/// A field, argument or method name: snake_case, keywords as raw identifiers.
pub fn snake(raw: &str) -> String {
    // Remembered per thread like `pascal`: every property name is snake-cased several
    // times (expected names, the claim, setters).
    thread_local! {
        static CASED: std::cell::RefCell<HashMap<String, String>> = Default::default();
    }
    if let Some(name) = CASED.with(|cased| cased.borrow().get(raw).cloned()) {
        return name;
    }
    let name = snake_uncached(raw);
    CASED.with(|cased| cased.borrow_mut().insert(raw.to_string(), name.clone()));
    name
}

fn snake_uncached(raw: &str) -> String {
    let name = casing::snake(&ascii_words(raw));
    let name = match name.chars().next() {
        None => "value".to_string(),
        Some(c) if c.is_ascii_digit() => format!("_{name}"),
        Some(_) => name,
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Hands out names, adding a number when one is already taken.
///
/// A numbered name can never be a name some other claimant wants: a stem ending in a
/// digit is numbered after a `_` (`C1` -> `C1_2`, never `C12`), and numbering skips every
/// name in the table's *expected* set, the natural names of claims still to come.
#[derive(Debug, Default, Clone)]
pub struct NameTable {
    used: HashSet<String>,
    /// Names later claims will ask for; numbering never hands them out.
    expected: HashSet<String>,
    /// For each numbered stem (with its separator), the number to try first: every
    /// lower one was taken or expected when last tried, and both sets only grow, so
    /// numbering `n` clashes costs `O(n)`, not `O(n^2)`.
    next_number: HashMap<String, usize>,
    /// How many numbered names were tried, for tests that bound the work.
    probes: usize,
}

impl NameTable {
    /// A table where `reserved` are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        NameTable {
            used: reserved.into_iter().map(str::to_string).collect(),
            expected: HashSet::default(),
            next_number: HashMap::default(),
            probes: 0,
        }
    }

    /// Announces names that later claims will ask for, so that numbering a clash
    /// before them never takes one (`user_id`, `userId`, `user_id_2` keep `user_id_2`
    /// for the third).
    pub fn expect<S: AsRef<str>>(&mut self, names: impl IntoIterator<Item = S>) {
        self.expected
            .extend(names.into_iter().map(|n| n.as_ref().to_string()));
    }

    /// `candidate`, or `candidate2`, `candidate3`, … whichever is free first (`_2`, `_3`
    /// for snake-case names and for stems ending in a digit).
    pub fn claim(&mut self, candidate: &str) -> String {
        if self.used.insert(candidate.to_string()) {
            return candidate.to_string();
        }
        let (stem, raw) = match candidate.strip_prefix("r#") {
            Some(stem) => (stem, true),
            None => (candidate, false),
        };
        // `self_` + 2 is `self_2`, not `self__2`.
        let stem = stem.trim_end_matches('_');
        let separator = if candidate.contains('_')
            || raw
            || is_lower(stem)
            || stem.ends_with(|c: char| c.is_ascii_digit())
        {
            "_"
        } else {
            ""
        };
        let prefix = format!("{stem}{separator}");
        let first = self.next_number.get(&prefix).copied().unwrap_or(2);
        let mut probes = 0;
        let (number, name) = (first..)
            .map(|n| (n, format!("{prefix}{n}")))
            .inspect(|_| probes += 1)
            .find(|(_, name)| !self.used.contains(name) && !self.expected.contains(name))
            .expect("an unused numbered name exists");
        self.probes += probes;
        self.next_number.insert(prefix, number + 1);
        self.used.insert(name.clone());
        name
    }

    /// How many numbered candidates all claims so far have tried: at most one per
    /// claim plus one per name taken or expected, however many names clash.
    pub fn probes(&self) -> usize {
        self.probes
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }
}

fn is_lower(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_idiomatic_identifiers() {
        assert_eq!(pascal("chat.completion"), "ChatCompletion");
        assert_eq!(pascal("5m"), "V5m");
        assert_eq!(type_name("option"), "OptionType");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("$ref"), "r#ref");
        assert_eq!(snake("topLogprobs"), "top_logprobs");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(variant_name(""), "Empty");
    }

    #[test]
    fn taken_names_get_a_number() {
        let mut table = NameTable::with_reserved(["Client"]);
        assert_eq!(table.claim("Client"), "Client2");
        assert_eq!(table.claim("user_id"), "user_id");
        assert_eq!(table.claim("user_id"), "user_id_2");
        assert_eq!(table.claim("r#type"), "r#type");
        assert_eq!(table.claim("r#type"), "type_2");
    }

    #[test]
    fn stems_ending_in_a_digit_are_numbered_after_an_underscore() {
        let mut table = NameTable::default();
        assert_eq!(table.claim("C1"), "C1");
        assert_eq!(table.claim("C1"), "C1_2");
        assert_eq!(table.claim("C12"), "C12");
        assert_eq!(table.claim("c1"), "c1");
        assert_eq!(table.claim("c1"), "c1_2");
    }

    #[test]
    fn numbering_many_clashes_resumes_where_it_stopped() {
        let mut table = NameTable::default();
        table.claim("Foo3");
        let names: Vec<String> = (0..5).map(|_| table.claim("Foo")).collect();
        assert_eq!(names, ["Foo", "Foo2", "Foo4", "Foo5", "Foo6"]);
        // A name claimed directly later is still skipped by numbering.
        table.claim("Foo8");
        assert_eq!(table.claim("Foo"), "Foo7");
        assert_eq!(table.claim("Foo"), "Foo9");
        // 20,000 clashes of one stem: one probe each (trying from 2 every time would
        // be 200 million).
        let before = table.probes();
        for _ in 0..20_000 {
            table.claim("bar");
        }
        assert_eq!(table.claim("bar"), "bar_20001");
        assert!(table.probes() - before <= 20_001, "{}", table.probes());
    }

    #[test]
    fn numbering_skips_expected_names() {
        let mut table = NameTable::default();
        table.expect(["user_id", "user_id_2", "Foo2"]);
        assert_eq!(table.claim("user_id"), "user_id");
        assert_eq!(table.claim("user_id"), "user_id_3");
        assert_eq!(table.claim("user_id_2"), "user_id_2");
        assert_eq!(table.claim("Foo"), "Foo");
        assert_eq!(table.claim("Foo"), "Foo3");
        assert_eq!(table.claim("Foo2"), "Foo2");
    }
}
