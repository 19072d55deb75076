use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::kind::{compatible, Kind};
use super::lookup::Lookup;
use super::pointer::{escape_segment, unescape_segment, unescape_tildes};
use super::read::{check_regular_file, read};
use super::scan::{scan, FoundRef};
use super::{LoadError, LoadOptions, Location};
use crate::ir::Warning;

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
    /// The parsed tree; mapping keys are always strings (their source text).
    pub value: Value,
    /// Fingerprint of the file's text.
    pub digest: u64,
    /// `$anchor` names and the pointers of their schemas.
    pub anchors: HashMap<String, String>,
    /// `$dynamicAnchor` names and the pointers of their schemas.
    pub dynamic_anchors: HashMap<String, String>,
    /// Where a `$ref: '#'` inside a schema points (its schema resource), by the
    /// pointer of the object holding it.
    pub self_refs: HashMap<String, String>,
}

/// A loaded spec: the root document (file 0) and every file its `$ref`s reach.
#[derive(Debug)]
pub struct Spec {
    /// All files, the root first.
    pub files: Vec<SourceFile>,
    /// What loading let pass with a fix-up (duplicate keys, ...), for `Api::warnings`.
    pub warnings: Vec<Warning>,
    /// Files named only where nothing generated needs them, that could not be read:
    /// path on disk and why.
    pub unread: Vec<(PathBuf, String)>,
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
        // The same walk as `find`, without writing the canonical pointer nobody reads.
        self.walk(location, None)
    }

    /// The node at `location` and its pointer written canonically (so two spellings of
    /// one node, `%41` and `A`, give one location). A segment is looked up
    /// percent-decoded first, then as written (a key may really contain `%XX`).
    fn find(&self, location: &Location) -> Option<(String, &Value)> {
        let mut canonical = String::with_capacity(location.pointer.len());
        let node = self.walk(location, Some(&mut canonical))?;
        Some((canonical, node))
    }

    /// The node at `location`, writing its canonical pointer into `canonical` when
    /// asked (see [`Spec::find`]).
    fn walk(&self, location: &Location, mut canonical: Option<&mut String>) -> Option<&Value> {
        let mut node = &self.files.get(location.file.0)?.value;
        if location.pointer.is_empty() {
            return Some(node);
        }
        let rest = location.pointer.strip_prefix('/')?;
        for raw in rest.split('/') {
            node = match node {
                // Most segments hold no escapes: they are the key and their own
                // canonical form.
                Value::Mapping(map) if !raw.contains(['~', '%']) => {
                    if let Some(canonical) = canonical.as_deref_mut() {
                        canonical.push('/');
                        canonical.push_str(raw);
                    }
                    map.key(raw)?
                }
                Value::Mapping(map) => {
                    let mut key = unescape_segment(raw);
                    let child = match map.key(key.as_str()) {
                        Some(found) => found,
                        None => {
                            key = unescape_tildes(raw);
                            map.key(key.as_str())?
                        }
                    };
                    if let Some(canonical) = canonical.as_deref_mut() {
                        canonical.push('/');
                        canonical.push_str(&escape_segment(&key));
                    }
                    child
                }
                Value::Sequence(items) => {
                    let index = unescape_segment(raw).parse::<usize>().ok()?;
                    if let Some(canonical) = canonical.as_deref_mut() {
                        canonical.push('/');
                        let _ = write!(canonical, "{index}");
                    }
                    items.get(index)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// Where `reference` (a `$ref` value found in `from`'s file) points.
    /// `None` when it names a file that was not loaded (an external URL, or a file
    /// that could not be read: see [`Spec::unread_reason`]).
    pub fn target(&self, from: FileId, reference: &str) -> Option<Location> {
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if file_part.is_empty() {
            from
        } else {
            let wanted = resolve_path(&self.files[from.0].path, file_part);
            FileId(self.files.iter().position(|f| f.path == wanted)?)
        };
        let pointer = if fragment.is_empty() || fragment.starts_with('/') {
            fragment.to_string()
        } else {
            // A plain-name fragment names an `$anchor` (or a `$dynamicAnchor`); an
            // unknown one points nowhere rather than at the whole file.
            let name = unescape_segment(fragment);
            let source = &self.files[file.0];
            match source
                .anchors
                .get(&name)
                .or_else(|| source.dynamic_anchors.get(&name))
            {
                Some(pointer) => pointer.clone(),
                None => format!("#{fragment}"),
            }
        };
        let location = Location { file, pointer };
        Some(match self.find(&location) {
            Some((pointer, _)) => Location { file, pointer },
            None => location,
        })
    }

    /// Where `reference`, the `$ref` of the object at `at`, points: [`Spec::target`],
    /// except that `#` inside a schema means its schema resource, not the document.
    pub fn resolve(&self, at: &Location, reference: &str) -> Option<Location> {
        if reference == "#" {
            if let Some(root) = self.files.get(at.file.0)?.self_refs.get(&at.pointer) {
                return Some(Location {
                    file: at.file,
                    pointer: root.clone(),
                });
            }
        }
        self.target(at.file, reference)
    }

    /// Why the file `reference` (found in `from`'s file) names was not loaded, if it
    /// was tried.
    pub fn unread_reason(&self, from: FileId, reference: &str) -> Option<&str> {
        let file_part = reference.split('#').next().unwrap_or_default();
        let wanted = resolve_path(&self.files[from.0].path, file_part);
        self.unread
            .iter()
            .find(|(path, _)| *path == wanted)
            .map(|(_, why)| why.as_str())
    }
}

/// Loads the root and, breadth-first, every file referenced by a relative `$ref`.
pub(super) fn load_spec(path: &Path, options: &LoadOptions) -> Result<Spec, LoadError> {
    let root_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let root_real = std::fs::canonicalize(if root_dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &root_dir
    })
    .ok();
    let root_name = file_name(path);
    let parsed = read(path, &root_name)?;
    check_version(&parsed.value, &root_name)?;

    let mut spec = Spec {
        files: Vec::new(),
        warnings: Vec::new(),
        unread: Vec::new(),
    };
    let mut kinds = vec![Kind::Document];
    push_file(&mut spec, root_name, normalize(path), parsed);
    let mut refs: Vec<(FileId, FoundRef)> = Vec::new();
    let mut problems = Vec::new();
    let mut next = 0;
    while next < spec.files.len() {
        let found = scan(&spec.files[next].value, kinds[next]);
        let from = FileId(next);
        for problem in found.problems {
            problems.push(format!(
                "{}#{}: {}",
                spec.files[next].name, problem.pointer, problem.message
            ));
        }
        spec.files[next].anchors = found.anchors;
        spec.files[next].dynamic_anchors = found.dynamic_anchors;
        spec.files[next].self_refs = found.self_refs;
        for reference in found.refs {
            let (file_part, fragment) = reference
                .reference
                .split_once('#')
                .unwrap_or((reference.reference.as_str(), ""));
            if !file_part.is_empty() && !is_url(file_part) {
                let target = resolve_path(&spec.files[next].path, file_part);
                let known = spec.files.iter().any(|f| f.path == target)
                    || spec.unread.iter().any(|(p, _)| *p == target);
                if !known {
                    let name = relative_name(&root_dir, &target);
                    match open_ref(&target, &name, root_real.as_deref(), options) {
                        Ok(parsed) => {
                            kinds.push(if fragment.is_empty() {
                                reference.expected
                            } else {
                                Kind::Other
                            });
                            push_file(&mut spec, name, target, parsed);
                        }
                        Err(message) if reference.expected.needed() => {
                            return Err(LoadError::BrokenFileRef {
                                at: format!("{}#{}", spec.files[next].name, reference.at),
                                reference: reference.reference.clone(),
                                message,
                            });
                        }
                        Err(message) => spec.unread.push((target, message)),
                    }
                }
            }
            refs.push((from, reference));
        }
        next += 1;
    }
    for (from, reference) in &refs {
        if let Some(problem) = check_ref_target(&spec, &kinds, *from, reference) {
            problems.push(problem);
        }
    }
    if !problems.is_empty() {
        problems.truncate(50);
        return Err(LoadError::Invalid { problems });
    }
    Ok(spec)
}

fn push_file(spec: &mut Spec, name: String, path: PathBuf, parsed: super::read::Parsed) {
    for warning in parsed.warnings {
        spec.warnings.push(Warning {
            location: format!("{name}#{}", warning.pointer),
            message: format!("line {}: {}", warning.line, warning.message),
        });
    }
    spec.files.push(SourceFile {
        name,
        path,
        value: parsed.value,
        digest: parsed.digest,
        anchors: HashMap::new(),
        dynamic_anchors: HashMap::new(),
        self_refs: HashMap::new(),
    });
}

/// Reads a file a `$ref` names, if it may be read: a regular file, under the root
/// spec's folder unless the options allow more. The error is the message for the `$ref`.
fn open_ref(
    target: &Path,
    name: &str,
    root_real: Option<&Path>,
    options: &LoadOptions,
) -> Result<super::read::Parsed, String> {
    let outside = || {
        format!(
            "{name} is outside the root spec's folder \
             (set `allow_refs_outside_spec_dir: true` in the config to allow it)"
        )
    };
    // Lexically outside: refused before the file system is asked anything about it.
    if !options.allow_refs_outside_spec_dir && (name == ".." || name.starts_with("../")) {
        return Err(outside());
    }
    check_regular_file(target).map_err(|why| format!("{name}: {why}"))?;
    if !options.allow_refs_outside_spec_dir {
        let real = std::fs::canonicalize(target).map_err(|err| format!("{name}: {err}"))?;
        // Inside by name, outside through a link.
        if !root_real.is_some_and(|root| real.starts_with(root)) {
            return Err(outside());
        }
    }
    read(target, name).map_err(|err| err.to_string())
}

/// A `$ref` pointing at the wrong kind of node (`#/info` as a schema, a schema as a
/// response, `#` itself): the message, naming the `$ref`'s own place.
fn check_ref_target(spec: &Spec, kinds: &[Kind], from: FileId, found: &FoundRef) -> Option<String> {
    let at = Location {
        file: from,
        pointer: found.at.clone(),
    };
    let target = spec.resolve(&at, &found.reference)?;
    spec.get(&target)?;
    let mut kind = kinds[target.file.0];
    let mut node = &spec.files[target.file.0].value;
    for segment in target.segments() {
        (kind, node) = match node {
            Value::Sequence(items) => (kind.element(), items.get(segment.parse::<usize>().ok()?)?),
            _ => (kind.child(&segment), node.get(segment.as_str())?),
        };
    }
    if compatible(found.expected, kind) {
        return None;
    }
    Some(format!(
        "{}#{}: $ref `{}` points at {}, where {} is expected",
        spec.files[from.0].name,
        found.at,
        found.reference,
        kind.describe(),
        found.expected.describe()
    ))
}

fn is_url(file_part: &str) -> bool {
    // `scheme:` (http:, https:, urn:, ...), but not a Windows drive letter.
    file_part.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
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
        Value::Null => "null".to_string(),
        _ => "(not a scalar)".to_string(),
    }
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
            // `..` undoes a name before it; above a relative start it stays (`../..` is
            // two steps up, not none), and above the root there is nothing (`/..` is `/`).
            std::path::Component::ParentDir => match out.components().next_back() {
                Some(std::path::Component::Normal(_)) => {
                    out.pop();
                }
                Some(std::path::Component::RootDir | std::path::Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other),
        }
    }
    out
}

/// `path` relative to the root spec's folder, with `..` steps when it lies outside.
fn relative_name(root_dir: &Path, path: &Path) -> String {
    let root_dir = normalize(root_dir);
    let root: Vec<_> = root_dir.components().collect();
    let target: Vec<_> = path.components().collect();
    let common = root.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); root.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_keeps_every_step_above_a_relative_start() {
        let cases = [
            ("a/b/../c", "a/c"),
            ("./a/./b", "a/b"),
            ("a/../../../x", "../../x"),
            ("../../x", "../../x"),
            ("a/b/../../..", ".."),
            ("/a/../../x", "/x"),
            ("/..", "/"),
        ];
        for (path, want) in cases {
            assert_eq!(normalize(Path::new(path)), PathBuf::from(want), "{path}");
        }
    }

    #[test]
    fn a_relative_name_counts_each_step_out_of_the_root_folder() {
        let target = resolve_path(
            Path::new("specs/api/openapi.yaml"),
            "../../../shared/x.yaml",
        );
        assert_eq!(target, PathBuf::from("../shared/x.yaml"));
        assert_eq!(
            relative_name(Path::new("specs/api"), &target),
            "../../../shared/x.yaml"
        );
    }
}
