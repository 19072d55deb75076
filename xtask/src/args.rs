//! Command-line options shared by `generate` and `check`.

use std::path::PathBuf;

use codegen::{ir::Warning, Config};

use crate::workspace_root;

/// Where to read the spec and config and where the crate goes.
pub(crate) struct Args {
    pub spec: PathBuf,
    pub config: Option<PathBuf>,
    pub out: PathBuf,
    pub crate_name: Option<String>,
}

impl Args {
    pub(crate) fn parse(argv: &[String]) -> Result<Args, String> {
        let root = workspace_root();
        let mut args = Args {
            spec: root.join("spec/openapi.yaml"),
            config: None,
            out: root.join("generated"),
            crate_name: None,
        };
        let mut spec_given = false;
        let mut iter = argv.iter();
        while let Some(flag) = iter.next() {
            let mut value = || {
                iter.next()
                    .cloned()
                    .ok_or_else(|| format!("{flag} needs a value"))
            };
            match flag.as_str() {
                "--spec" => {
                    args.spec = PathBuf::from(value()?);
                    spec_given = true;
                }
                "--config" => args.config = Some(PathBuf::from(value()?)),
                "--out" => args.out = PathBuf::from(value()?),
                "--crate-name" => args.crate_name = Some(value()?),
                other => return Err(format!("unknown option {other}\n{}", super::USAGE)),
            }
        }
        if args.config.is_none() {
            let beside = args.spec.with_file_name("config.yaml");
            if !spec_given || beside.exists() {
                args.config = Some(beside);
            }
        }
        Ok(args)
    }

    /// What writing to `out` must never remove: the spec, the config and `root`, the
    /// workspace (so `--out .`, `--out ..` or `--out spec` are refused).
    pub(crate) fn protected<'a>(&'a self, root: &'a std::path::Path) -> Vec<&'a std::path::Path> {
        let mut paths = vec![self.spec.as_path(), root];
        paths.extend(self.config.as_deref());
        paths
    }

    /// The config from `--config` (or beside the spec), with `--crate-name` applied.
    pub(crate) fn config(&self) -> Result<Config, String> {
        let mut config = match &self.config {
            Some(path) => Config::read(path).map_err(|e| e.to_string())?,
            None => Config::named(&default_crate_name(&self.spec)),
        };
        if let Some(name) = &self.crate_name {
            config.crate_name = name.clone();
        }
        Ok(config)
    }
}

/// Every crate kept in the repository: `spec/` -> `generated/`, then each fixture client
/// `tests/clients/NAME/{openapi.yaml, config.yaml}` -> `tests/clients/NAME/generated/`.
pub(crate) fn checked_in_targets() -> Result<Vec<Args>, String> {
    let root = workspace_root();
    let mut targets = vec![Args::parse(&[])?];
    let clients = root.join("tests/clients");
    let mut folders: Vec<PathBuf> = match std::fs::read_dir(&clients) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("openapi.yaml").is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    folders.sort();
    for folder in folders {
        targets.push(Args {
            spec: folder.join("openapi.yaml"),
            config: Some(folder.join("config.yaml")),
            out: folder.join("generated"),
            crate_name: None,
        });
    }
    Ok(targets)
}

fn default_crate_name(spec: &std::path::Path) -> String {
    let folder = spec
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned());
    let name = folder.unwrap_or_else(|| "client".into());
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api_{name}")
    } else {
        name
    }
}

/// Runs the pipeline up to (not including) writing.
pub(crate) fn build(args: &Args) -> Result<(codegen::emit::Crate, Vec<Warning>), String> {
    let config = args.config()?;
    let api = codegen::build_ir(&args.spec, &config).map_err(|e| e.to_string())?;
    let krate = codegen::emit::emit(&api, &config).map_err(|e| e.to_string())?;
    Ok((krate, api.warnings))
}
