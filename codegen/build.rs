//! Embeds the hand-written runtime (`runtime/*.rs`) that every generated crate carries,
//! and lists the names the runtime exports so generated types never collide with them.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    // Read at run time: a build-script binary reused from another checkout (a copied
    // `target/`) must still embed this checkout's runtime.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("runtime");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("codegen/runtime exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs"))
        .collect();
    names.sort();
    let mut out = String::from(
        "/// The runtime's files, copied into `src/runtime/` of every generated crate.\n",
    );
    out.push_str("pub const RUNTIME_FILES: &[(&str, &str)] = &[\n");
    for name in &names {
        println!("cargo:rerun-if-changed={}", dir.join(name).display());
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            dir.join(name).display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");

    let module = std::fs::read_to_string(dir.join("mod.rs")).expect("runtime/mod.rs exists");
    let exported = exported_names(&module);
    out.push_str("/// Names the runtime exports at the crate root; generated types avoid them.\n");
    writeln!(
        out,
        "pub const RUNTIME_TYPE_NAMES: &[&str] = &{exported:?};"
    )
    .unwrap();
    let client = std::fs::read_to_string(dir.join("client.rs")).expect("runtime/client.rs exists");
    let methods = method_names(&client);
    out.push_str(
        "/// Functions of the runtime's `client.rs`; accessors on `Client` avoid their names.\n",
    );
    writeln!(
        out,
        "pub const RUNTIME_CLIENT_METHODS: &[&str] = &{methods:?};"
    )
    .unwrap();
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set")).join("runtime_files.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}

/// Names of the visible functions defined in a file (`pub` or `pub(crate)`, async or not).
fn method_names(source: &str) -> Vec<String> {
    let mut names: Vec<String> = [
        "pub fn ",
        "pub(crate) fn ",
        "pub async fn ",
        "pub(crate) async fn ",
    ]
    .iter()
    .flat_map(|marker| source.split(marker).skip(1))
    .filter_map(|rest| {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        (!name.is_empty()).then_some(name)
    })
    .collect();
    names.extend(["clone", "fmt"].map(String::from));
    names.sort();
    names.dedup();
    names
}

/// Identifiers named by `pub use` and `pub mod` lines.
fn exported_names(module: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in module.lines().map(str::trim) {
        let Some(rest) = line
            .strip_prefix("pub use ")
            .or_else(|| line.strip_prefix("pub mod "))
        else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let list = match rest.split_once('{') {
            Some((_, inner)) => inner.trim_end_matches('}').to_string(),
            None => rest.rsplit("::").next().unwrap_or(rest).to_string(),
        };
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let name = name.rsplit(" as ").next().unwrap_or(name).trim();
            names.push(name.to_string());
        }
    }
    names.sort();
    names.dedup();
    names
}
