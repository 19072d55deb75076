use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::pointer::unescape_segment;
use super::{LoadError, Location};

/// Index of a file in [`Spec::files`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// One parsed document of the spec.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the root document's folder, used in messages.
    pub name: String,
    /// Path on disk, used to resolve relative `$ref`s.
    pub path: PathBuf,
    /// The parsed tree; mapping keys are always strings.
    pub value: Value,
    /// Fingerprint of the file's text.
    pub digest: u64,
}

/// A loaded spec: the root document (file 0) and every file its `$ref`s reach.
#[derive(Debug)]
pub struct Spec {
    /// All files, the root first.
    pub files: Vec<SourceFile>,
}

impl Spec {
    /// Fingerprint of every file's name and text.
    pub fn digest(&self) -> u64 {
        self.files.iter().fold(crate::digest::START, |hash, file| {
            let hash = crate::digest::fnv1a(hash, file.name.as_bytes());
            crate::digest::fnv1a(hash, &file.digest.to_le_bytes())
        })
    }

    /// The root document.
    pub fn root(&self) -> &Value {
        &self.files[0].value
    }

    /// The location of the root document's top.
    pub fn root_location(&self) -> Location {
        Location {
            file: FileId(0),
            pointer: String::new(),
        }
    }

    /// `file.yaml#/json/pointer`, for messages.
    pub fn display(&self, location: &Location) -> String {
        format!("{}{}", self.files[location.file.0].name, location)
    }

    /// The node at `location`, if it exists.
    pub fn get(&self, location: &Location) -> Option<&Value> {
        let mut node = &self.files.get(location.file.0)?.value;
        for segment in location.segments() {
            node = match node {
                Value::Mapping(map) => map.get(segment.as_str())?,
                Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Where `reference` (a `$ref` value found in `from`'s file) points.
    /// `None` when it names a file that was not loaded (an external URL).
    pub fn target(&self, from: FileId, reference: &str) -> Option<Location> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if file_part.is_empty() {
            from
        } else {
            let wanted = resolve_path(&self.files[from.0].path, file_part);
            FileId(self.files.iter().position(|f| f.path == wanted)?)
        };
        Some(Location {
            file,
            pointer: fragment.to_string(),
        })
    }
}

/// Loads the root and, breadth-first, every file referenced by a relative `$ref`.
pub(super) fn load_spec(path: &Path) -> Result<Spec, LoadError> {
    let root_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root_name = file_name(path);
    let (root, digest) = read_document(path, &root_name)?;
    check_version(&root, &root_name)?;

    let mut spec = Spec {
        files: vec![SourceFile {
            name: root_name,
            path: normalize(path),
            value: root,
            digest,
        }],
    };
    let mut next = 0;
    while next < spec.files.len() {
        let mut refs = BTreeMap::new();
        collect_file_refs(&spec.files[next].value, &mut Vec::new(), &mut refs);
        for (reference, at) in refs {
            let target = resolve_path(&spec.files[next].path, &reference);
            if spec.files.iter().any(|f| f.path == target) {
                continue;
            }
            let name = relative_name(&root_dir, &target);
            let (value, digest) =
                read_document(&target, &name).map_err(|err| LoadError::BrokenFileRef {
                    at: format!("{}#{}", spec.files[next].name, at),
                    reference: reference.clone(),
                    message: err.to_string(),
                })?;
            spec.files.push(SourceFile {
                name,
                path: target,
                value,
                digest,
            });
        }
        next += 1;
    }
    Ok(spec)
}

fn read_document(path: &Path, name: &str) -> Result<(Value, u64), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|err| LoadError::Io {
        file: name.to_string(),
        message: err.to_string(),
    })?;
    let node: Node = serde_yaml::from_str(&text).map_err(|err| LoadError::Parse {
        file: name.to_string(),
        message: err.to_string(),
    })?;
    Ok((
        node.0,
        crate::digest::fnv1a(crate::digest::START, text.as_bytes()),
    ))
}

/// A YAML/JSON tree read leniently: integers beyond 64 bits become floats (OpenAPI
/// documents write `-9223372036854776000` as a minimum), and non-string keys (`200:`)
/// become strings, as OpenAPI means them.
struct Node(Value);

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor).map(Node)
    }
}

struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML or JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number((v as f64).into()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number((v as f64).into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Node(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Mapping::with_capacity(map.size_hint().unwrap_or(0));
        while let Some(Node(key)) = map.next_key()? {
            let Node(value) = map.next_value()?;
            out.insert(Value::String(scalar_text(&key)), value);
        }
        Ok(Value::Mapping(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A YAML `!tag value`: keep the value, drop the tag.
        use serde::de::VariantAccess;
        let (_tag, variant): (Node, _) = data.variant()?;
        variant.newtype_variant::<Node>().map(|node| node.0)
    }
}

fn check_version(root: &Value, file: &str) -> Result<(), LoadError> {
    let version = |key: &str| root.get(key).map(scalar_text);
    match (version("openapi"), version("swagger")) {
        (Some(v), _) if v.starts_with("3.") => Ok(()),
        (Some(found), _) | (None, Some(found)) => Err(LoadError::UnsupportedVersion {
            file: file.to_string(),
            found,
        }),
        (None, None) => Err(LoadError::UnsupportedVersion {
            file: file.to_string(),
            found: "(no `openapi` field)".to_string(),
        }),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// Collects `$ref`s that name another file (relative paths, not URLs), with where they were seen.
fn collect_file_refs<'v>(
    value: &'v Value,
    at: &mut Vec<Segment<'v>>,
    out: &mut BTreeMap<String, String>,
) {
    match value {
        Value::Mapping(map) => {
            for (key, child) in map {
                let key = key.as_str().unwrap_or_default();
                if key == "$ref" {
                    if let Some(reference) = child.as_str() {
                        let file = reference.split('#').next().unwrap_or_default();
                        if !file.is_empty() && !file.contains("://") {
                            out.entry(file.to_string()).or_insert_with(|| pointer(at));
                        }
                    }
                    continue;
                }
                if matches!(child, Value::Mapping(_) | Value::Sequence(_)) {
                    at.push(Segment::Key(key));
                    collect_file_refs(child, at, out);
                    at.pop();
                }
            }
        }
        Value::Sequence(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Segment::Index(i));
                collect_file_refs(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// One step of the path to a node; the pointer text is only built for a `$ref` found.
enum Segment<'v> {
    Key(&'v str),
    Index(usize),
}

fn pointer(at: &[Segment]) -> String {
    at.iter()
        .map(|segment| match segment {
            Segment::Key(key) => format!("/{}", super::escape_segment(key)),
            Segment::Index(i) => format!("/{i}"),
        })
        .collect()
}

fn resolve_path(from_file: &Path, reference: &str) -> PathBuf {
    let base = from_file.parent().unwrap_or(Path::new(""));
    normalize(&base.join(unescape_segment(reference)))
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn relative_name(root_dir: &Path, path: &Path) -> String {
    let root_dir = normalize(root_dir);
    path.strip_prefix(&root_dir)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_else(|_| file_name(path))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
