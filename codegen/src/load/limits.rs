//! Hard limits that keep loading linear and the stack bounded, whatever a file contains.
//!
//! Real specs nest about 30 levels deep (the 3 MB OpenAI spec reaches 21-30); 200 leaves
//! a wide margin while keeping every recursive walk over the tree (including dropping a
//! `serde_yaml::Value`, which recurses) far from the stack's end, even on a 2 MiB thread.

/// Deepest nesting of mappings and sequences a file may have (the root container is 1).
pub const MAX_DEPTH: usize = 200;

/// Largest file a spec or a `$ref` may name (256 MiB), so nothing is read until memory runs out.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Most nodes that YAML aliases (`*name`) may copy in one file, against alias bombs.
pub const MAX_ALIAS_NODES: usize = 1_000_000;
