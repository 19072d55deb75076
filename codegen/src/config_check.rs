//! Checks on config text that ends up in `Cargo.toml` or in code: crate names, versions,
//! environment variable names. Each returns why a value is unusable, so the caller can
//! name the file and key before anything is written.

/// Crates the generated crate depends on; a package of the same name could not use them.
const DEPENDENCIES: &[&str] = &[
    "bytes",
    "futures-core",
    "futures-util",
    "httpdate",
    "reqwest",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "tokio",
];

/// Names Cargo or rustc reserve for themselves.
const RESERVED: &[&str] = &["test", "core", "std", "alloc", "proc_macro", "proc-macro"];

/// A Cargo package name that is also a usable library name: ASCII letters, digits, `-`
/// and `_`, starting with a letter, at most 64 characters, not a keyword or reserved name.
pub fn crate_name(name: &str) -> Result<(), String> {
    let shown = format!("crate name {name:?}");
    if name.is_empty() {
        return Err(format!("{shown} is empty"));
    }
    if name.len() > 64 {
        return Err(format!("{shown} is longer than 64 characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "{shown} contains {c:?}; use ASCII letters, digits, `-` and `_`"
        ));
    }
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Err(format!("{shown} must start with a letter"));
    }
    let lib = name.replace('-', "_");
    if crate::lower::KEYWORDS.contains(&lib.as_str()) {
        return Err(format!("{shown} is a Rust keyword"));
    }
    if RESERVED.contains(&name)
        || DEPENDENCIES.contains(&name)
        || DEPENDENCIES.contains(&lib.as_str())
    {
        return Err(format!(
            "{shown} is reserved (Rust's own crates and the client's dependencies)"
        ));
    }
    Ok(())
}

/// A semantic version (`MAJOR.MINOR.PATCH`, optional `-pre` and `+build`), as Cargo needs.
pub fn version(text: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "crate_version {text:?} is not a semantic version (like `1.2.3`): {why}"
        ))
    };
    let (rest, build) = match text.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (text, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let numbers: Vec<&str> = core.split('.').collect();
    if numbers.len() != 3 {
        return bad("it needs exactly three dot-separated numbers");
    }
    for n in numbers {
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
            return bad("each of the three parts must be a number");
        }
        if n.len() > 1 && n.starts_with('0') {
            return bad("numbers must not have leading zeros");
        }
        if n.parse::<u64>().is_err() {
            return bad("a number is too large");
        }
    }
    let identifiers_ok = |part: &str, numeric_rule: bool| {
        part.split('.').all(|id| {
            !id.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !(numeric_rule
                    && id.len() > 1
                    && id.starts_with('0')
                    && id.chars().all(|c| c.is_ascii_digit()))
        })
    };
    if pre.is_some_and(|p| !identifiers_ok(p, true)) {
        return bad("the pre-release part must be dot-separated letters, digits and `-`");
    }
    if build.is_some_and(|b| !identifiers_ok(b, false)) {
        return bad("the build part must be dot-separated letters, digits and `-`");
    }
    Ok(())
}

/// An environment variable name a process can set: non-empty, no `=`, no NUL.
pub fn env_name(key: &str, name: &str) -> Result<(), String> {
    if name.is_empty() || name.contains(['=', '\0']) || name.chars().any(char::is_whitespace) {
        return Err(format!(
            "{key} {name:?} is not a usable environment variable name"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_names() {
        for good in ["my-crate", "gradient", "a", "my_crate2", "types"] {
            assert_eq!(crate_name(good), Ok(()), "{good}");
        }
        for bad in [
            "my crate",
            "1password",
            "",
            "9lives",
            "-x",
            "_x",
            "fn",
            "self",
            "serde",
            "test",
            "a\"b",
            "é",
        ] {
            assert!(crate_name(bad).is_err(), "{bad}");
        }
        assert!(crate_name("1password")
            .unwrap_err()
            .contains("start with a letter"));
    }

    #[test]
    fn versions() {
        for good in [
            "0.1.0",
            "1.2.3",
            "1.0.0-alpha.1",
            "1.0.0+build.5",
            "10.20.30-rc-1+x",
        ] {
            assert_eq!(version(good), Ok(()), "{good}");
        }
        for bad in [
            "2024-10-01",
            "1.0",
            "1.0.0.0",
            "01.0.0",
            "1.0.0-",
            "1.0.0-01",
            "1.0.0\"\nx = 1",
            "v1.0.0",
            "",
        ] {
            assert!(version(bad).is_err(), "{bad}");
        }
    }
}
