//! Stage 3: turn the IR into the files of a Rust crate.
//!
//! Emission reads only the IR and the config; it never looks at YAML.
//! `types` maps type expressions, `structs`, `enums` and `unions` emit named
//! types with their serde impls, `resources` emits the client's operations (`params` renders their
//! parameters),
//! `crate_files` emits `Cargo.toml`, `lib.rs` and settings (with `security` and
//! `servers` writing what the runtime needs of those), `docs` turns spec
//! prose into rustdoc, and `format` pretty-prints tokens.

mod bodies;
mod crate_files;
mod docs;
mod enums;
mod error;
mod format;
mod parallel;
mod params;
mod resource_tree;
mod resources;
mod security;
mod servers;
mod structs;
mod text;
mod types;
mod unions;

pub use error::EmitError;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, TypeKind};
use crate::Config;

include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// How the runtime's doc examples refer to the crate they end up in.
const RUNTIME_CRATE_PLACEHOLDER: &str = "my_api::";

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Path relative to the crate root, with `/` separators.
    pub path: String,
    /// Full contents.
    pub contents: String,
}

/// All files of a generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crate {
    /// Files sorted by path.
    pub files: Vec<File>,
}

impl Crate {
    /// The file at `path`, if generated.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.contents.as_str())
    }
}

/// Emits the crate for `api`.
pub fn emit(api: &Api, config: &Config) -> Result<Crate, EmitError> {
    let index = types::TypeIndex::new(api);
    let mut files = vec![
        File {
            path: "Cargo.toml".into(),
            contents: crate_files::cargo_toml(api, config),
        },
        File {
            path: "src/lib.rs".into(),
            contents: format::rust_file(crate_files::lib_rs(api, config), "src/lib.rs")?,
        },
        File {
            path: "src/settings.rs".into(),
            contents: format::rust_file(crate_files::settings_rs(api, config), "src/settings.rs")?,
        },
    ];
    let (types, resources) = types_and_resources(api, config, &index)?;
    files.push(File {
        path: "src/types.rs".into(),
        contents: types,
    });
    files.push(File {
        path: "src/resources.rs".into(),
        contents: resources,
    });
    for (name, contents) in &config.examples {
        files.push(File {
            path: format!("examples/{name}"),
            contents: contents.clone(),
        });
    }
    // Runtime doc examples name the crate `my_api`; they compile against the real one.
    let crate_path = format!("{}::", config.crate_name.replace('-', "_"));
    for (name, contents) in RUNTIME_FILES {
        files.push(File {
            path: format!("src/runtime/{name}"),
            contents: format!(
                "{}\n{}",
                format::RUNTIME_HEADER,
                without_unit_tests(contents).replace(RUNTIME_CRATE_PLACEHOLDER, &crate_path)
            ),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Crate { files })
}

/// `source` without its trailing `#[cfg(test)] mod tests`: the runtime's unit tests run
/// once, from `codegen/runtime_tests`, not in every generated crate.
fn without_unit_tests(source: &str) -> String {
    match source.find("\n#[cfg(test)]\nmod tests {") {
        Some(at) => format!("{}\n", source[..at].trim_end()),
        None => source.to_string(),
    }
}

/// Emits just the types of `api`, formatted: what snapshot tests look at.
pub fn emit_types(api: &Api) -> Result<String, EmitError> {
    let index = types::TypeIndex::new(api);
    let config = Config::named("types");
    Ok(types_and_resources(api, &config, &index)?.0)
}

/// `src/types.rs` and `src/resources.rs`, the bulk of any crate. Types and resource
/// structs are emitted and formatted in contiguous chunks, on all cores; chunks are
/// joined in order, so the output is the same as formatting each file whole, while
/// no job holds more than one chunk's tokens and syntax tree (memory and time stay
/// linear in the size of the API).
fn types_and_resources(
    api: &Api,
    config: &Config,
    index: &types::TypeIndex,
) -> Result<(String, String), EmitError> {
    const CHUNK: usize = 128;
    let chunks: Vec<&[crate::ir::TypeDef]> = api.types.chunks(CHUNK).collect();
    let tree = resource_tree::resource_tree(&api.operations, RUNTIME_CLIENT_METHODS);
    let resource_chunks = resource_chunks(&tree.resources);
    let jobs = chunks.len() + 1 + resource_chunks.len();
    let mut results = parallel::run(jobs, |job| {
        if let Some(chunk) = chunks.get(job) {
            return format::items(
                chunk.iter().map(|def| type_item(def, index)),
                "src/types.rs",
            );
        }
        match (job - chunks.len()).checked_sub(1) {
            None => format::rust_file(resources::resources_header(&tree), "src/resources.rs"),
            Some(at) => format::items(
                resource_chunks[at]
                    .iter()
                    .map(|r| resources::resource_item(r, config, index)),
                "src/resources.rs",
            ),
        }
    });
    let resource_results = results.split_off(chunks.len());
    let mut resource_results = resource_results.into_iter();
    let mut resources = resource_results.next().expect("the header job ran")?;
    join_chunks(&mut resources, resource_results)?;
    let header = quote! {
        //! Request and response types, one per schema.
    };
    let mut types = format::rust_file(header, "src/types.rs")?;
    join_chunks(&mut types, results.into_iter())?;
    let forms = bodies::form_items(&api.operations);
    if !forms.is_empty() {
        types.push('\n');
        types.push_str(&format::items(forms.into_iter(), "src/types.rs")?);
    }
    Ok((types, resources))
}

/// Appends formatted chunks to `file`. Chunks are formatted apart, so the blank line
/// between items is added at the seams.
fn join_chunks(
    file: &mut String,
    chunks: impl Iterator<Item = Result<String, EmitError>>,
) -> Result<(), EmitError> {
    for chunk in chunks {
        let chunk = chunk?;
        if !chunk.is_empty() {
            file.push('\n');
            file.push_str(&chunk);
        }
    }
    Ok(())
}

/// Contiguous runs of resource structs of about the same work (operations), so both
/// cores stay busy and each job's tokens stay small.
fn resource_chunks<'t, 'a>(
    resources: &'t [resource_tree::Resource<'a>],
) -> Vec<&'t [resource_tree::Resource<'a>]> {
    const OPERATIONS_PER_CHUNK: usize = 48;
    let mut chunks = Vec::new();
    let (mut start, mut weight) = (0, 0);
    for (i, resource) in resources.iter().enumerate() {
        // A struct without operations still costs its accessors.
        weight += resource.operations.len().max(1);
        if weight >= OPERATIONS_PER_CHUNK {
            chunks.push(&resources[start..=i]);
            (start, weight) = (i + 1, 0);
        }
    }
    if start < resources.len() {
        chunks.push(&resources[start..]);
    }
    chunks
}

/// The items for one named type.
fn type_item(def: &crate::ir::TypeDef, index: &types::TypeIndex) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => structs::emit_struct(def, s, index),
        TypeKind::Enum(e) => enums::emit_enum(def, e),
        TypeKind::Tagged(u) => unions::emit_tagged(def, u, index),
        TypeKind::Untagged(u) => unions::emit_untagged(def, u, index),
        TypeKind::Alias(ty) => {
            let docs = docs::type_attrs(def);
            let name = types::ident(&def.name);
            let ty = types::type_tokens(ty);
            quote! { #docs pub type #name = #ty; }
        }
    }
}
