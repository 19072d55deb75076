//! What the generator writes for the blocking client: behind the `blocking` feature (so
//! the default build never compiles it), the same resources and method names as the
//! async client, and examples that use it built only with the feature.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every checked-in generated crate: `generated/` and each fixture client.
fn generated_crates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut crates = vec![root.join("generated")];
    let clients = root.join("tests/clients");
    for entry in std::fs::read_dir(&clients).unwrap() {
        let dir = entry.unwrap().path().join("generated");
        if dir.join("Cargo.toml").is_file() {
            crates.push(dir);
        }
    }
    crates.sort();
    assert!(crates.len() > 5, "{crates:?}");
    crates
}

/// `(struct, method)` for each `pub fn` / `pub async fn` in an `impl<'a> Struct<'a>` block,
/// and `("Client", accessor)` for the client's accessors.
fn methods(source: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut owner = String::new();
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("impl<'a> ") {
            owner = rest.split('<').next().unwrap().to_string();
        } else if line.starts_with("impl crate::runtime::") {
            owner = "Client".to_string();
        }
        let line = line.trim_start();
        let rest = line
            .strip_prefix("pub async fn ")
            .or_else(|| line.strip_prefix("pub fn "));
        if let Some(rest) = rest {
            let name = rest.split(['(', '<']).next().unwrap();
            out.insert((owner.clone(), name.to_string()));
        }
    }
    out
}

#[test]
fn blocking_resources_have_the_async_resources_and_method_names() {
    let mut compared = 0;
    for krate in generated_crates() {
        let read = |path: &str| std::fs::read_to_string(krate.join(path)).unwrap();
        let asynchronous = methods(&read("src/resources.rs"));
        let blocking = methods(&read("src/blocking/resources.rs"));
        assert_eq!(asynchronous, blocking, "{}", krate.display());
        compared += blocking.len();
        assert!(
            !read("src/blocking/resources.rs").contains("async fn"),
            "{}",
            krate.display()
        );
    }
    assert!(compared > 50, "only {compared} methods compared");
}

#[test]
fn the_blocking_client_is_compiled_only_with_its_feature() {
    for krate in generated_crates() {
        let read = |path: &str| std::fs::read_to_string(krate.join(path)).unwrap();
        let manifest = read("Cargo.toml");
        assert!(
            manifest.contains("[features]\n")
                && manifest.contains("\nblocking = [\"tokio/rt-multi-thread\"]\n"),
            "{}",
            krate.display()
        );
        assert!(
            !manifest.contains("default = [\"blocking\""),
            "blocking is off by default: {}",
            krate.display()
        );
        assert!(
            read("src/lib.rs")
                .contains("#[cfg(feature = \"blocking\")]\n#[rustfmt::skip]\npub mod blocking;"),
            "{}",
            krate.display()
        );
        let runtime = read("src/runtime/mod.rs");
        assert!(runtime.contains("#[cfg(feature = \"blocking\")]\npub(crate) mod blocking;"));
        assert!(runtime.contains("#[cfg(feature = \"blocking\")]\nmod blocking_stream;"));
    }
}

#[test]
fn an_example_that_uses_the_blocking_client_requires_the_feature() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = std::env::temp_dir().join(format!("blocking_emit_{}", std::process::id()));
    std::fs::create_dir_all(dir.join("examples")).unwrap();
    std::fs::write(
        dir.join("config.yaml"),
        "crate_name: my-api\nexamples_dir: examples\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("examples/sync.rs"),
        "fn main() { let _ = my_api::blocking::Client::from_env(); }\n",
    )
    .unwrap();
    std::fs::write(dir.join("examples/plain.rs"), "fn main() {}\n").unwrap();
    let config = codegen::Config::read(&dir.join("config.yaml")).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let spec = root.join("tests/clients/example/openapi.yaml");
    let krate = codegen::generate(&spec, &config).unwrap();
    let manifest = krate.file("Cargo.toml").unwrap();
    // Every example needs the `full` feature (it may call any operation); only the one
    // naming `blocking` needs that feature too.
    assert!(
        manifest.contains(
            "\n[[example]]\nname = \"sync\"\nrequired-features = [\"full\", \"blocking\"]\n"
        ),
        "{manifest}"
    );
    assert!(
        manifest.contains("\n[[example]]\nname = \"plain\"\nrequired-features = [\"full\"]\n"),
        "{manifest}"
    );
    assert!(krate.file("examples/plain.rs").is_some());
}
