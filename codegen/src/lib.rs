//! An OpenAPI 3.0/3.1 to Rust client generator.
//!
//! The pipeline has four stages, each with one entry point and its own error:
//! [`load::load`] reads the spec and the files it references, [`lower::lower`]
//! builds the [`ir::Api`] model, [`emit::emit`] turns the model into formatted
//! Rust files, and [`write::write_crate`] puts them on disk atomically.

pub mod config;
mod config_check;
pub mod digest;
pub mod emit;
pub mod ir;
pub mod load;
pub mod lower;
mod stack;
pub mod write;

use std::fmt;
use std::path::Path;

pub use config::Config;

/// Any failure of the pipeline, tagged by stage.
#[derive(Debug)]
pub enum Error {
    /// The config file is unusable.
    Config(config::ConfigError),
    /// The spec could not be read.
    Load(load::LoadError),
    /// The spec could not be lowered.
    Lower(lower::LowerError),
    /// In strict mode, parts of the spec would have been skipped.
    Strict(Vec<ir::Warning>),
    /// Code could not be produced.
    Emit(emit::EmitError),
    /// The crate could not be written.
    Write(write::WriteError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(err) => write!(f, "{err}"),
            Error::Load(err) => write!(f, "load: {err}"),
            Error::Lower(err) => write!(f, "spec: {err}"),
            Error::Strict(warnings) => {
                write!(
                    f,
                    "spec: {} part(s) cannot be generated (strict mode):",
                    warnings.len()
                )?;
                for warning in warnings {
                    write!(f, "\n  {}: {}", warning.location, warning.message)?;
                }
                Ok(())
            }
            Error::Emit(err) => write!(f, "emit: {err}"),
            Error::Write(err) => write!(f, "write: {err}"),
        }
    }
}

impl std::error::Error for Error {}

/// Loads and lowers the spec at `spec_path`: the IR, as tests and tools see it.
/// Runs on a thread with a large stack (see `stack.rs`), whatever the caller's.
pub fn build_ir(spec_path: &Path, config: &Config) -> Result<ir::Api, Error> {
    config.validate().map_err(Error::Config)?;
    let load_options = load::LoadOptions {
        allow_refs_outside_spec_dir: config.allow_refs_outside_spec_dir,
    };
    stack::with_large_stack(|| {
        let spec = load::load_with(spec_path, &load_options).map_err(Error::Load)?;
        lower_spec(&spec, config)
    })
}

/// Lowers an already loaded spec, on a thread with a large stack like [`build_ir`].
pub fn lower_loaded(spec: &load::Spec, config: &Config) -> Result<ir::Api, Error> {
    stack::with_large_stack(|| lower_spec(spec, config))
}

fn lower_spec(spec: &load::Spec, config: &Config) -> Result<ir::Api, Error> {
    let options = lower::LowerOptions {
        reserved_type_names: emit::RUNTIME_TYPE_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect(),
        reserved_method_names: emit::RUNTIME_CLIENT_METHODS
            .iter()
            .map(|s| s.to_string())
            .collect(),
        features: config.features.clone(),
    };
    let api = lower::lower(spec, &options).map_err(Error::Lower)?;
    config.check_api(&api).map_err(Error::Config)?;
    if config.strict && !api.warnings.is_empty() {
        return Err(Error::Strict(api.warnings));
    }
    Ok(api)
}

/// Runs load, lower and emit: the files of the crate, not yet written.
pub fn generate(spec_path: &Path, config: &Config) -> Result<emit::Crate, Error> {
    let api = build_ir(spec_path, config)?;
    // Emission formats on worker threads that have large stacks of their own.
    emit::emit(&api, config).map_err(Error::Emit)
}
