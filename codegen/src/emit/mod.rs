//! Stage 3: turn the IR into the files of a Rust crate.
//!
//! Emission reads only the IR and the config; it never looks at YAML.
//! `types` maps type expressions, `structs`, `enums` and `unions` emit named
//! types with their serde impls, `resources` emits the client's operations (`params` renders their
//! parameters),
//! `crate_files` emits `Cargo.toml`, `lib.rs` and settings (with `security` and
//! `servers` writing what the runtime needs of those), `docs` turns spec
//! prose into rustdoc, `format` pretty-prints tokens, and `print` writes the plainest
//! items (structs) straight to text.

mod blocking;
mod bodies;
mod crate_files;
mod docs;
mod enums;
mod error;
mod errors;
mod features;
mod format;
mod outcomes;
mod parallel;
mod params;
mod print;
mod print_ast;
mod print_engine;
mod print_resources;
mod print_rust;
mod print_unions;
mod resources;
mod security;
mod servers;
mod structs;
mod text;
mod types;
mod unions;
mod validate;
mod wire_layout;

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
    let plan = validate::Plan::new(api, &index);
    let mut lib = crate_files::lib_rs(api, config);
    lib.extend(validate::lib_items(&plan));
    let mut files = vec![
        File {
            path: "Cargo.toml".into(),
            contents: validate::with_regex(crate_files::cargo_toml(api, config), &plan),
        },
        File {
            path: "src/lib.rs".into(),
            contents: format::rust_file(lib, "src/lib.rs")?,
        },
        File {
            path: "src/settings.rs".into(),
            contents: format::rust_file(crate_files::settings_rs(api, config), "src/settings.rs")?,
        },
    ];
    let bulk = bulk_files(api, config, &index, &plan, Layout::Direct, Files::All)?;
    for (path, contents) in [
        ("src/types.rs", Some(bulk.types)),
        ("src/resources.rs", bulk.resources),
        ("src/blocking/resources.rs", bulk.blocking_resources),
        ("src/validation.rs", bulk.validation),
        ("src/errors.rs", bulk.errors),
        ("src/outcomes.rs", bulk.outcomes),
    ] {
        if let Some(contents) = contents {
            files.push(File {
                path: path.into(),
                contents,
            });
        }
    }
    files.push(File {
        path: "src/blocking.rs".into(),
        contents: format::rust_file(blocking::module_file(), "src/blocking.rs")?,
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
    let plan = validate::Plan::new(api, &index);
    Ok(bulk_files(api, &config, &index, &plan, Layout::Direct, Files::Types)?.types)
}

/// [`emit_types`] with every item laid out by prettyplease, none printed directly: what
/// the direct printing (`print.rs`) must match byte for byte.
#[doc(hidden)]
pub fn emit_types_through_prettyplease(api: &Api) -> Result<String, EmitError> {
    let index = types::TypeIndex::new(api);
    let config = Config::named("types");
    let plan = validate::Plan::new(api, &index);
    Ok(bulk_files(
        api,
        &config,
        &index,
        &plan,
        Layout::Prettyplease,
        Files::Types,
    )?
    .types)
}

/// `src/resources.rs` and `src/blocking/resources.rs`, laid out by prettyplease alone
/// (`through_prettyplease`) or as [`emit`] lays them out: what tests compare.
#[doc(hidden)]
pub fn emit_resources(
    api: &Api,
    config: &Config,
    through_prettyplease: bool,
) -> Result<[String; 2], EmitError> {
    let index = types::TypeIndex::new(api);
    let plan = validate::Plan::new(api, &index);
    let layout = match through_prettyplease {
        true => Layout::Prettyplease,
        false => Layout::Direct,
    };
    let flavor = |flavor| resources::resources_file(api, config, (&index, &plan), flavor, layout);
    Ok([
        flavor(resources::Flavor::Async)?,
        flavor(resources::Flavor::Blocking)?,
    ])
}

/// Whether plain items are printed straight to text or all go through prettyplease.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Direct,
    Prettyplease,
}

/// Which of the bulk files to emit: all, or (for snapshot tests) only the types.
#[derive(Clone, Copy, PartialEq)]
enum Files {
    All,
    Types,
}

/// The files that hold the bulk of any crate; each is `None` when the API has nothing
/// for it (or it was not asked for).
struct Bulk {
    types: String,
    resources: Option<String>,
    blocking_resources: Option<String>,
    validation: Option<String>,
    errors: Option<String>,
    outcomes: Option<String>,
}

/// The jobs before the type chunks, largest first, so that no core waits on one of
/// them at the end.
const FILE_JOBS: usize = 6;

/// `src/types.rs`, the resources files, validation, errors and outcomes: one job queue
/// on all cores. Types are emitted and formatted in contiguous chunks, joined in order,
/// so the output is the same as formatting the file whole.
fn bulk_files(
    api: &Api,
    config: &Config,
    index: &types::TypeIndex,
    plan: &validate::Plan,
    layout: Layout,
    files: Files,
) -> Result<Bulk, EmitError> {
    const CHUNK: usize = 128;
    let chunks: Vec<&[crate::ir::TypeDef]> = api.types.chunks(CHUNK).collect();
    let jobs = chunks.len() + FILE_JOBS;
    let gates = features::Gates::new(api);
    let all = files == Files::All;
    let mut results = parallel::run(jobs, |job| match job {
        0 if all => {
            resources::resources_file(api, config, (index, plan), resources::Flavor::Async, layout)
                .map(Some)
        }
        1 if all => resources::resources_file(
            api,
            config,
            (index, plan),
            resources::Flavor::Blocking,
            layout,
        )
        .map(Some),
        2 if all => validate::validation_file(api, index, plan, &gates)
            .map(|tokens| format::rust_file(tokens, "src/validation.rs"))
            .transpose(),
        3 if all => errors::errors_file(api, &gates),
        4 if all => outcomes::outcomes_file(api, &gates),
        5 => form_structs(api, &gates).map(Some),
        0..FILE_JOBS => Ok(None),
        _ => format::gated_items(
            chunks[job - FILE_JOBS].iter().flat_map(|def| {
                let gate = gates.type_cfg(&def.name);
                type_items(def, index, layout)
                    .into_iter()
                    .map(move |item| (item, gate.clone()))
            }),
            "src/types.rs",
        )
        .map(Some),
    })
    .into_iter();
    let mut next = || results.next().expect("every job ran");
    let resources = next()?;
    let blocking_resources = next()?;
    let validation = next()?;
    let errors = next()?;
    let outcomes = next()?;
    let forms = next()?.unwrap_or_default();
    let header = quote! {
        //! Request and response types, one per schema.
    };
    let mut types = format::rust_file(header, "src/types.rs")?;
    // Chunks are formatted apart, so the blank line between items is added at the seams.
    for chunk in results {
        let chunk = chunk?.unwrap_or_default();
        if !chunk.is_empty() {
            types.push('\n');
            types.push_str(&chunk);
        }
    }
    if !forms.is_empty() {
        types.push('\n');
        types.push_str(&forms);
    }
    Ok(Bulk {
        types,
        resources,
        blocking_resources,
        validation,
        errors,
        outcomes,
    })
}

/// The form structs of `multipart` and urlencoded bodies, at the end of `types.rs`, each
/// behind its operation's group; empty when no operation has one.
fn form_structs(api: &Api, gates: &features::Gates) -> Result<String, EmitError> {
    let forms: Vec<(format::Emitted, Option<TokenStream>)> = api
        .operations
        .iter()
        .flat_map(|op| {
            let gate = gates.operation_cfg(op);
            bodies::form_items(std::slice::from_ref(op))
                .into_iter()
                .map(move |form| (form.into(), gate.clone()))
        })
        .collect();
    if forms.is_empty() {
        return Ok(String::new());
    }
    format::gated_items(forms.into_iter(), "src/types.rs")
}

/// The items for one named type.
fn type_items(
    def: &crate::ir::TypeDef,
    index: &types::TypeIndex,
    layout: Layout,
) -> Vec<format::Emitted> {
    let direct = layout == Layout::Direct;
    if direct {
        let printed = match &def.kind {
            TypeKind::Struct(s) => print::struct_items(def, s).map(Vec::from),
            TypeKind::Enum(e) => print::enum_items(def, e).map(Vec::from),
            _ => None,
        };
        if let Some(items) = printed {
            return vec![format::Emitted::Text(items)];
        }
    }
    let tokens = match &def.kind {
        TypeKind::Struct(s) => structs::emit_struct(def, s),
        TypeKind::Enum(e) => enums::emit_enum(def, e),
        TypeKind::Tagged(u) => return unions::tagged_items(def, u, index, direct),
        TypeKind::Untagged(u) => return unions::untagged_items(def, u, index, direct),
        TypeKind::Alias(ty) => {
            let docs = docs::type_attrs(def);
            let name = types::ident(&def.name);
            let ty = types::type_tokens(ty);
            quote! { #docs pub type #name = #ty; }
        }
    };
    vec![format::Emitted::Tokens(tokens)]
}
