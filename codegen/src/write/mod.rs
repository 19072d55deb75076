//! Stage 4: put a generated crate on disk, all or nothing, or compare it with what is there.

mod error;
mod target;

pub use error::WriteError;

use std::path::{Path, PathBuf};

use crate::emit::Crate;

/// Writes `krate` to `out`, replacing what was there. Files are first written to a
/// sibling folder, which then takes `out`'s place, so a failure leaves `out` as it was
/// and no staging folder behind. `out` must be a new or empty folder or a crate this
/// generator wrote, and may not hold the current directory.
pub fn write_crate(krate: &Crate, out: &Path) -> Result<(), WriteError> {
    write_crate_protecting(krate, out, &[])
}

/// [`write_crate`], refusing also an `out` that is or holds one of `protect` (the spec,
/// its config, the workspace root), before anything is written or moved.
pub fn write_crate_protecting(
    krate: &Crate,
    out: &Path,
    protect: &[&Path],
) -> Result<(), WriteError> {
    let out = &target::check(out, protect)?;
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".into());
    std::fs::create_dir_all(parent).map_err(|e| WriteError::io(parent, e))?;
    let staging = parent.join(format!(".{name}.staging"));
    let previous = parent.join(format!(".{name}.previous"));
    for stale in [&staging, &previous] {
        if stale.exists() {
            std::fs::remove_dir_all(stale).map_err(|e| WriteError::io(stale, e))?;
        }
    }
    if let Err(err) = swap_in(krate, out, &staging, &previous) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(err);
    }
    if previous.exists() {
        std::fs::remove_dir_all(&previous).map_err(|e| WriteError::io(&previous, e))?;
    }
    Ok(())
}

/// Writes `staging`, moves `out` to `previous` and `staging` to `out`; puts `out` back
/// when the second move fails.
fn swap_in(krate: &Crate, out: &Path, staging: &Path, previous: &Path) -> Result<(), WriteError> {
    write_files(krate, staging)?;
    let had_out = out.exists();
    if had_out {
        std::fs::rename(out, previous).map_err(|e| WriteError::io(out, e))?;
    }
    if let Err(err) = std::fs::rename(staging, out) {
        if had_out {
            let _ = std::fs::rename(previous, out);
        }
        return Err(WriteError::io(out, err));
    }
    Ok(())
}

fn write_files(krate: &Crate, root: &Path) -> Result<(), WriteError> {
    for file in &krate.files {
        let path = root.join(&file.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| WriteError::io(dir, e))?;
        }
        std::fs::write(&path, &file.contents).map_err(|e| WriteError::io(&path, e))?;
    }
    Ok(())
}

/// Differences between `krate` and the files under `out`: changed, missing and extra
/// files (build output such as `target/` and `Cargo.lock` is ignored).
pub fn compare(krate: &Crate, out: &Path) -> Result<Vec<String>, WriteError> {
    let mut differences = Vec::new();
    for file in &krate.files {
        match std::fs::read_to_string(out.join(&file.path)) {
            Ok(existing) if existing == file.contents => {}
            Ok(_) => differences.push(format!("changed: {}", file.path)),
            Err(_) => differences.push(format!("missing: {}", file.path)),
        }
    }
    let mut present = Vec::new();
    list_files(out, out, &mut present)?;
    for path in present {
        if krate.file(&path).is_none() {
            differences.push(format!("not generated: {path}"));
        }
    }
    Ok(differences)
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), WriteError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let relative = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "target" || relative == "Cargo.lock" {
            continue;
        }
        if path.is_dir() {
            list_files(root, &path, out)?;
        } else {
            out.push(relative);
        }
    }
    Ok(())
}
