//! Output paths a crate may not replace are refused before anything is written or moved,
//! with a message that names the path and says why; nothing is left beside them.

use std::path::{Path, PathBuf};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile_out_paths")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn small_crate() -> codegen::emit::Crate {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hostile/components_only.yaml");
    codegen::generate(&spec, &codegen::Config::named("small")).unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[track_caller]
fn refused(out: &Path, protect: &[&Path], words: &[&str]) -> String {
    let err = codegen::write::write_crate_protecting(&small_crate(), out, protect)
        .expect_err("the path is refused")
        .to_string();
    for word in words {
        assert!(err.contains(word), "{err:?} lacks {word:?}");
    }
    err
}

#[test]
fn a_regular_file_is_refused_and_left_alone() {
    let dir = scratch("file");
    let out = dir.join("crate");
    std::fs::write(&out, "mine").unwrap();
    refused(&out, &[], &["crate", "is a file"]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    assert_eq!(names(&dir), ["crate"], "nothing moved or left beside it");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_is_refused() {
    let dir = scratch("symlink");
    std::fs::write(dir.join("target"), "mine").unwrap();
    std::os::unix::fs::symlink(dir.join("target"), dir.join("crate")).unwrap();
    refused(&dir.join("crate"), &[], &["is a file"]);
    assert_eq!(names(&dir), ["crate", "target"]);
}

#[test]
fn the_current_directory_and_its_parents_are_refused() {
    let cwd = std::env::current_dir().unwrap();
    let parent = cwd.parent().unwrap().to_path_buf();
    let before = names(&parent);
    for out in [
        cwd.clone(),
        PathBuf::from("."),
        PathBuf::from(".."),
        cwd.join("x/.."),
    ] {
        refused(&out, &[], &["current directory"]);
    }
    assert_eq!(names(&parent), before, "no staging folder was left");
}

#[test]
fn a_folder_holding_a_protected_path_is_refused() {
    let dir = scratch("protected");
    let spec = dir.join("api/openapi.yaml");
    std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
    std::fs::write(&spec, "openapi: 3.1.0\n").unwrap();
    for out in [dir.join("api"), dir.clone()] {
        refused(&out, &[&spec], &["openapi.yaml", "would remove"]);
    }
    assert!(spec.is_file());
    assert_eq!(names(&dir), ["api"]);
}

#[test]
fn a_folder_that_is_not_a_generated_crate_is_refused() {
    let dir = scratch("foreign");
    let out = dir.join("crate");
    std::fs::create_dir_all(out.join("src")).unwrap();
    std::fs::write(out.join("src/lib.rs"), "// my own code\n").unwrap();
    refused(&out, &[], &["neither empty nor a generated crate"]);
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).unwrap(),
        "// my own code\n"
    );
    assert_eq!(names(&dir), ["crate"]);
}

#[test]
fn new_empty_and_generated_folders_are_written() {
    let dir = scratch("allowed");
    let krate = small_crate();
    let fresh = dir.join("fresh");
    codegen::write::write_crate(&krate, &fresh).unwrap();
    // A generated crate is replaced.
    codegen::write::write_crate(&krate, &fresh).unwrap();
    let empty = dir.join("empty");
    std::fs::create_dir(&empty).unwrap();
    codegen::write::write_crate(&krate, &empty).unwrap();
    // `a/b/..` is `a`, written in place, not beside a folder called `..`.
    codegen::write::write_crate(&krate, &dir.join("fresh/src/..")).unwrap();
    assert_eq!(names(&dir), ["empty", "fresh"]);
    assert_eq!(
        codegen::write::compare(&krate, &fresh).unwrap(),
        Vec::<String>::new()
    );
}
