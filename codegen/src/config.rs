//! What a spec cannot say about the crate to generate: its name, environment
//! variables, and how streams are requested and folded.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// Settings for one generated crate, read from a YAML file beside the spec.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Cargo package and library name.
    pub crate_name: String,
    /// Cargo package version.
    #[serde(default = "default_version")]
    pub crate_version: String,
    /// Cargo package description.
    #[serde(default)]
    pub description: Option<String>,
    /// Environment variable holding the API key.
    #[serde(default)]
    pub api_key_env: Option<String>,
    /// Environment variable holding each security scheme's credential, by scheme name
    /// (`auth_env: {apiKey: MY_KEY}`); `api_key_env` covers the main scheme.
    #[serde(default)]
    pub auth_env: BTreeMap<String, String>,
    /// Environment variable overriding the base URL.
    #[serde(default)]
    pub base_url_env: Option<String>,
    /// Streaming behaviour.
    #[serde(default)]
    pub stream: StreamConfig,
    /// Response headers that carry the server's request id, most preferred first.
    #[serde(default = "default_request_id_headers")]
    pub request_id_headers: Vec<String>,
    /// Rust code for the crate-level quick start (compiled as a doctest).
    #[serde(default)]
    pub quick_start: Option<String>,
    /// Treat every warning (skipped operation or schema) as an error.
    #[serde(default)]
    pub strict: bool,
    /// How operations are grouped into cargo features.
    #[serde(default)]
    pub features: FeaturesConfig,
    /// Folder (relative to the config file) of example programs for the crate's `examples/`.
    #[serde(default)]
    pub examples_dir: Option<String>,
    /// Let `$ref`s read files outside the spec's folder (off: a spec cannot make the
    /// generator read arbitrary files on the machine).
    #[serde(default)]
    pub allow_refs_outside_spec_dir: bool,
    /// The example programs, read from `examples_dir`: file name and source.
    #[serde(skip)]
    pub examples: Vec<(String, String)>,
    /// Fingerprint of the config file's text and the examples (0 when not read from a file).
    #[serde(skip)]
    pub digest: u64,
    /// The config file's name, for errors (empty when not read from a file).
    #[serde(skip)]
    pub file: String,
}

/// How streaming operations are requested and how their chunks fold together.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamConfig {
    /// Body property set to `true` to ask an operation that also answers JSON to stream.
    #[serde(default)]
    pub request_flag: Option<String>,
    /// How chunks fold into one value.
    #[serde(default)]
    pub accumulate: AccumulateConfig,
    /// SSE `data` that marks the end of a complete stream (e.g. `[DONE]`). When this,
    /// `last_item` or `last_event` is set, a stream that ends without its marker is an error.
    #[serde(default)]
    pub terminator: Option<String>,
    /// Top-level property values that mark the last item of a stream (e.g. `done: true`
    /// for NDJSON); SSE and NDJSON alike.
    #[serde(default)]
    pub last_item: std::collections::BTreeMap<String, serde_yaml::Value>,
    /// SSE event names whose event is the last one of a complete stream.
    #[serde(default)]
    pub last_event: Vec<String>,
}

/// Rules for folding stream chunks into one value.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccumulateConfig {
    /// Property that says which array element a delta belongs to.
    #[serde(default = "default_index_key")]
    pub index_key: String,
    /// Strings below these properties are appended rather than replaced.
    #[serde(default)]
    pub concat_under: Vec<String>,
    /// Properties that are replaced even below `concat_under`.
    #[serde(default)]
    pub replace_keys: Vec<String>,
    /// How a folded chunk becomes the operation's non-streaming response.
    #[serde(default)]
    pub into: IntoConfig,
}

/// Turns a folded chunk into the shape of the non-streaming response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntoConfig {
    /// Properties renamed at any depth, e.g. `delta: message`.
    #[serde(default)]
    pub rename: std::collections::BTreeMap<String, String>,
    /// Top-level properties set to these values, e.g. `object: chat.completion`.
    #[serde(default)]
    pub set: std::collections::BTreeMap<String, serde_yaml::Value>,
    /// Properties removed below `concat_under` keys, where they only served folding
    /// (e.g. `index` of streamed list elements).
    #[serde(default)]
    pub drop: Vec<String>,
}

/// How operations are grouped into cargo features (one feature per group, plus `full`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeaturesConfig {
    /// What makes a group: the resource (first static path segment after a version
    /// segment, the default) or the operation's first tag.
    #[serde(default)]
    pub group_by: GroupBy,
    /// Group key (resource segment as the client names it, or tag as written) to feature
    /// name: renames a group, or merges several into one feature.
    #[serde(default)]
    pub groups: BTreeMap<String, String>,
}

/// What decides an operation's feature group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// The first element of the resource chain (`/v1/chat/completions` -> `chat`).
    #[default]
    Path,
    /// The operation's first tag; operations without tags fall back to the path rule.
    Tag,
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            request_flag: Some("stream".to_string()),
            accumulate: AccumulateConfig::default(),
            terminator: None,
            last_item: Default::default(),
            last_event: Vec::new(),
        }
    }
}

impl Default for AccumulateConfig {
    fn default() -> Self {
        AccumulateConfig {
            index_key: default_index_key(),
            concat_under: Vec::new(),
            replace_keys: Vec::new(),
            into: IntoConfig::default(),
        }
    }
}

/// The `.rs` files of `dir`, sorted by name.
fn read_examples(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut examples = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            examples.push((name, std::fs::read_to_string(&path)?));
        }
    }
    examples.sort();
    Ok(examples)
}

fn default_version() -> String {
    "0.1.0".to_string()
}

/// Where servers, gateways and proxies commonly put a request id, most specific first.
pub fn default_request_id_headers() -> Vec<String> {
    [
        "x-request-id",
        "request-id",
        "x-amzn-requestid",
        "x-amz-request-id",
        "apim-request-id",
        "x-ms-request-id",
        "x-litellm-call-id",
        "x-correlation-id",
        "x-trace-id",
        "cf-ray",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn default_index_key() -> String {
    "index".to_string()
}

/// A YAML value as JSON text; the config's values are handed to the runtime this way.
/// Fails for what JSON cannot say (non-string keys, infinite numbers, tags).
pub fn json_text(value: &serde_yaml::Value) -> Result<String, String> {
    use serde_yaml::Value as Y;
    fn string(out: &mut String, s: &str) {
        out.push('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    fn walk(out: &mut String, v: &Y, depth: usize) -> Result<(), String> {
        if depth > 64 {
            return Err("nested too deeply".into());
        }
        match v {
            Y::Null => out.push_str("null"),
            Y::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Y::Number(n) => {
                if n.as_f64().is_some_and(|f| !f.is_finite()) {
                    return Err(format!("`{n}` is not a JSON number"));
                }
                out.push_str(&n.to_string());
            }
            Y::String(s) => string(out, s),
            Y::Sequence(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    walk(out, item, depth + 1)?;
                }
                out.push(']');
            }
            Y::Mapping(map) => {
                out.push('{');
                for (i, (k, item)) in map.iter().enumerate() {
                    let Some(k) = k.as_str() else {
                        return Err("object keys must be strings".into());
                    };
                    if i > 0 {
                        out.push(',');
                    }
                    string(out, k);
                    out.push(':');
                    walk(out, item, depth + 1)?;
                }
                out.push('}');
            }
            Y::Tagged(_) => return Err("YAML tags are not supported".into()),
        }
        Ok(())
    }
    let mut out = String::new();
    walk(&mut out, value, 0)?;
    Ok(out)
}

/// Why a config could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The config file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// A config with defaults for everything but the crate name.
    pub fn named(crate_name: &str) -> Config {
        Config {
            crate_name: crate_name.to_string(),
            crate_version: default_version(),
            description: None,
            api_key_env: None,
            auth_env: BTreeMap::new(),
            base_url_env: None,
            stream: StreamConfig::default(),
            request_id_headers: default_request_id_headers(),
            quick_start: None,
            strict: false,
            features: FeaturesConfig::default(),
            examples_dir: None,
            allow_refs_outside_spec_dir: false,
            examples: Vec::new(),
            digest: 0,
            file: String::new(),
        }
    }

    /// Checks everything that goes into `Cargo.toml` or code as text: crate name, version,
    /// environment variable names. Run before anything is generated or written.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let fail = |message: String| ConfigError {
            file: self.shown_file(),
            message,
        };
        crate::config_check::crate_name(&self.crate_name).map_err(fail)?;
        crate::config_check::version(&self.crate_version).map_err(fail)?;
        let envs = [
            ("api_key_env", &self.api_key_env),
            ("base_url_env", &self.base_url_env),
        ];
        for (key, name) in envs {
            if let Some(name) = name {
                crate::config_check::env_name(key, name).map_err(fail)?;
            }
        }
        for (scheme, name) in &self.auth_env {
            crate::config_check::env_name(&format!("auth_env.{scheme}"), name).map_err(fail)?;
        }
        self.check_runtime_values().map_err(fail)?;
        Ok(())
    }

    /// Checks the config against the API it is for: `auth_env` names only schemes the
    /// client can send, `features.groups` only group keys some operation has.
    pub fn check_api(&self, api: &crate::ir::Api) -> Result<(), ConfigError> {
        crate::lower::check_feature_groups(&self.features, &api.features).map_err(|message| {
            ConfigError {
                file: self.shown_file(),
                message,
            }
        })?;
        for scheme in self.auth_env.keys() {
            if !api.security.schemes.iter().any(|s| &s.name == scheme) {
                let known: Vec<&str> = api
                    .security
                    .schemes
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect();
                return Err(ConfigError {
                    file: self.shown_file(),
                    message: format!(
                        "auth_env names the security scheme `{scheme}`, which the spec does not \
                         define as a scheme the client can send (known: {})",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    ),
                });
            }
        }
        Ok(())
    }

    fn shown_file(&self) -> String {
        if self.file.is_empty() {
            "config".to_string()
        } else {
            self.file.clone()
        }
    }

    /// Reads a config file.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).map_err(|err| ConfigError {
            file: file.clone(),
            message: format!("cannot read: {err}"),
        })?;
        let mut config: Config = serde_yaml::from_str(&text).map_err(|err| ConfigError {
            file: file.clone(),
            message: err.to_string(),
        })?;
        config.digest = crate::digest::fnv1a(crate::digest::START, text.as_bytes());
        if let Some(dir) = &config.examples_dir {
            let dir = path.parent().unwrap_or(Path::new(".")).join(dir);
            config.examples = read_examples(&dir).map_err(|err| ConfigError {
                file: file.clone(),
                message: format!("examples_dir: {err}"),
            })?;
        }
        config.file = file;
        config.validate()?;
        Ok(config)
    }

    /// Checks the values the runtime is handed verbatim.
    fn check_runtime_values(&self) -> Result<(), String> {
        let stream = &self.stream;
        let values = stream
            .last_item
            .iter()
            .map(|(k, v)| (format!("stream.last_item.{k}"), v))
            .chain(
                stream
                    .accumulate
                    .into
                    .set
                    .iter()
                    .map(|(k, v)| (format!("stream.accumulate.into.set.{k}"), v)),
            );
        for (at, value) in values {
            json_text(value).map_err(|why| format!("{at}: {why}"))?;
        }
        for name in &self.request_id_headers {
            let ok = !name.trim().is_empty()
                && name
                    .trim()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
            if !ok {
                return Err(format!(
                    "request_id_headers: `{name}` is not a valid header name"
                ));
            }
        }
        if stream
            .terminator
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            return Err("stream.terminator: must not be blank".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        let config: Config = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
        config.check_runtime_values()?;
        Ok(config)
    }

    #[test]
    fn stream_end_and_into_rules() {
        let c = parse(
            "crate_name: x\nstream:\n  terminator: '[DONE]'\n  last_item: {done: true, n: 1.5}\n  \
             last_event: [stop]\n  accumulate:\n    into:\n      rename: {delta: message}\n      \
             set: {object: \"a\\\"b\"}\n      drop: [index]\n",
        )
        .unwrap();
        assert_eq!(c.stream.terminator.as_deref(), Some("[DONE]"));
        let texts: Vec<String> = c
            .stream
            .last_item
            .values()
            .map(|v| json_text(v).unwrap())
            .collect();
        assert_eq!(texts, vec!["true", "1.5"]);
        assert_eq!(
            json_text(&c.stream.accumulate.into.set["object"]).unwrap(),
            r#""a\"b""#
        );
        assert_eq!(c.stream.accumulate.into.drop, vec!["index"]);
        assert_eq!(c.request_id_headers, default_request_id_headers());
    }

    #[test]
    fn values_the_runtime_cannot_use_are_refused() {
        let err = parse("crate_name: x\nstream:\n  last_item: {done: .inf}\n").unwrap_err();
        assert_eq!(err, "stream.last_item.done: `.inf` is not a JSON number");
        let err = parse("crate_name: x\nrequest_id_headers: ['x id']\n").unwrap_err();
        assert!(err.contains("`x id` is not a valid header name"), "{err}");
        let err = parse("crate_name: x\nstream:\n  terminator: ' '\n").unwrap_err();
        assert!(err.contains("must not be blank"), "{err}");
        let yaml: serde_yaml::Value = serde_yaml::from_str("{1: a}").unwrap();
        assert!(json_text(&yaml).is_err());
        let yaml: serde_yaml::Value = serde_yaml::from_str("[null, \"x\\n\", {a: [1]}]").unwrap();
        assert_eq!(json_text(&yaml).unwrap(), r#"[null,"x\u000a",{"a":[1]}]"#);
    }
}
