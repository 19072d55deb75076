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
    /// Rust code for the crate-level quick start (compiled as a doctest).
    #[serde(default)]
    pub quick_start: Option<String>,
    /// Treat every warning (skipped operation or schema) as an error.
    #[serde(default)]
    pub strict: bool,
    /// Folder (relative to the config file) of example programs for the crate's `examples/`.
    #[serde(default)]
    pub examples_dir: Option<String>,
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
}

impl Default for StreamConfig {
    fn default() -> Self {
        StreamConfig {
            request_flag: Some("stream".to_string()),
            accumulate: AccumulateConfig::default(),
        }
    }
}

impl Default for AccumulateConfig {
    fn default() -> Self {
        AccumulateConfig {
            index_key: default_index_key(),
            concat_under: Vec::new(),
            replace_keys: Vec::new(),
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

fn default_index_key() -> String {
    "index".to_string()
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
            quick_start: None,
            strict: false,
            examples_dir: None,
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
        Ok(())
    }

    /// Checks the config against the API it is for: `auth_env` names only schemes the
    /// client can send.
    pub fn check_api(&self, api: &crate::ir::Api) -> Result<(), ConfigError> {
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
}
