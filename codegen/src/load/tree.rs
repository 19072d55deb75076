//! Builds a `serde_yaml::Value` from a stream of parse events, without recursion.
//!
//! Both the YAML and the JSON reader feed this builder, so both share one set of rules:
//! nesting deeper than [`MAX_DEPTH`] is refused as it is seen (before any deep tree
//! exists), keys are kept as their source text, a duplicate key warns and the later
//! value wins, and YAML merge keys (`<<`) are applied.

use std::collections::{HashMap, HashSet};

use serde_yaml::mapping::Entry;
use serde_yaml::{Mapping, Value};

use super::limits::{MAX_ALIAS_NODES, MAX_DEPTH};
use super::pointer::escape_segment;

/// A duplicate key or other lenient fix-up: where (pointer in the file, line) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    /// JSON pointer of the mapping concerned.
    pub pointer: String,
    /// 1-based line of the event that caused it.
    pub line: usize,
    /// What happened.
    pub message: String,
}

/// Which container an event opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A sequence (`[...]`, `- item`).
    Seq,
    /// A mapping (`{...}`, `key: value`).
    Map,
}

/// A key read but not yet given its value.
struct PendingKey {
    text: String,
    merge: bool,
}

enum Body {
    Seq(Vec<Value>),
    Map {
        map: Mapping,
        key: Option<PendingKey>,
        /// Merge sources (`<<`) with the number of explicit entries before them.
        merges: Vec<(usize, Vec<Mapping>)>,
    },
}

/// An open container. Its pointer segment is not stored: while it is open, its
/// parent still holds the pending key (or the item count) that names it.
struct Frame {
    body: Body,
    anchor: usize,
    /// Height of the tallest child (0 for none or only scalars).
    height: usize,
    /// Nodes in this subtree so far, itself included.
    nodes: usize,
}

/// A finished anchored node, kept for its aliases.
struct Anchored {
    value: Value,
    /// Source text, for a scalar used as a key through an alias.
    text: Option<String>,
    height: usize,
    nodes: usize,
}

/// The event sink. Errors are plain messages; the caller adds the file name.
pub struct Builder {
    frames: Vec<Frame>,
    root: Option<Value>,
    anchors: HashMap<usize, Anchored>,
    alias_nodes: usize,
    /// Lenient fix-ups, in document order.
    pub warnings: Vec<ParseWarning>,
}

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder {
            frames: Vec::new(),
            root: None,
            anchors: HashMap::new(),
            alias_nodes: 0,
            warnings: Vec::new(),
        }
    }

    /// Opens a container at `line`, refusing it when it would nest too deep.
    pub fn start(
        &mut self,
        container: Container,
        anchor: usize,
        line: usize,
    ) -> Result<(), String> {
        if self.frames.len() >= MAX_DEPTH {
            return Err(too_deep(line));
        }
        self.check_child(line)?;
        let body = match container {
            Container::Seq => Body::Seq(Vec::new()),
            Container::Map => Body::Map {
                map: Mapping::new(),
                key: None,
                merges: Vec::new(),
            },
        };
        self.frames.push(Frame {
            body,
            anchor,
            height: 0,
            nodes: 1,
        });
        Ok(())
    }

    /// A scalar. `text` is its source text, used when it is a mapping key; `merge` says
    /// it is the YAML merge key (a plain `<<`).
    pub fn scalar(
        &mut self,
        value: Value,
        text: String,
        merge: bool,
        anchor: usize,
        line: usize,
    ) -> Result<(), String> {
        if anchor != 0 {
            let anchored = Anchored {
                value: value.clone(),
                text: Some(text.clone()),
                height: 0,
                nodes: 1,
            };
            self.anchors.insert(anchor, anchored);
        }
        if self.expects_key() {
            self.set_key(text, merge);
            return Ok(());
        }
        self.push(value, 0, 1, line)
    }

    /// A scalar that is a mapping key when one is expected (the only place a
    /// reader calls this, so no value is built for it), else a string value.
    pub fn key(&mut self, text: String, merge: bool, line: usize) -> Result<(), String> {
        if self.expects_key() {
            self.set_key(text, merge);
            return Ok(());
        }
        self.push(Value::String(text), 0, 1, line)
    }

    /// A YAML alias (`*name`) of an earlier anchor.
    pub fn alias(&mut self, anchor: usize, line: usize) -> Result<(), String> {
        let Some(found) = self.anchors.get(&anchor) else {
            return Err(format!(
                "line {line}: alias of an anchor that is not defined before it"
            ));
        };
        if self.expects_key() {
            let Some(text) = found.text.clone() else {
                return Err(format!("line {line}: a mapping key must be a scalar"));
            };
            self.set_key(text, false);
            return Ok(());
        }
        if self.frames.len() + found.height > MAX_DEPTH {
            return Err(too_deep(line));
        }
        self.alias_nodes += found.nodes;
        if self.alias_nodes > MAX_ALIAS_NODES {
            return Err(format!(
                "line {line}: aliases copy more than {MAX_ALIAS_NODES} nodes (an alias bomb?)"
            ));
        }
        let (value, height, nodes) = (found.value.clone(), found.height, found.nodes);
        self.push(value, height, nodes, line)
    }

    /// Closes the innermost container.
    pub fn end(&mut self, line: usize) -> Result<(), String> {
        let frame = self
            .frames
            .pop()
            .ok_or_else(|| format!("line {line}: unbalanced end"))?;
        let value = match frame.body {
            Body::Seq(items) => Value::Sequence(items),
            Body::Map { map, merges, .. } => Value::Mapping(apply_merges(map, merges)),
        };
        let height = frame.height + 1;
        if frame.anchor != 0 {
            self.anchors.insert(
                frame.anchor,
                Anchored {
                    value: value.clone(),
                    text: None,
                    height,
                    nodes: frame.nodes,
                },
            );
        }
        self.push(value, height, frame.nodes, line)
    }

    /// The finished document (`Null` for an empty one).
    pub fn finish(self) -> Result<(Value, Vec<ParseWarning>), String> {
        if !self.frames.is_empty() {
            return Err("unexpected end of input".to_string());
        }
        Ok((self.root.unwrap_or(Value::Null), self.warnings))
    }

    /// Whether the next scalar is a mapping key.
    pub fn expects_key(&self) -> bool {
        matches!(
            self.frames.last(),
            Some(Frame {
                body: Body::Map { key: None, .. },
                ..
            })
        )
    }

    fn set_key(&mut self, text: String, merge: bool) {
        if let Some(Frame {
            body: Body::Map { key, .. },
            ..
        }) = self.frames.last_mut()
        {
            *key = Some(PendingKey { text, merge });
        }
    }

    /// Refuses a container where a mapping key is expected (keys must be scalars).
    fn check_child(&self, line: usize) -> Result<(), String> {
        match self.frames.last() {
            Some(Frame {
                body: Body::Map { key: None, .. },
                ..
            }) => Err(format!("line {line}: a mapping key must be a scalar")),
            _ => Ok(()),
        }
    }

    /// JSON pointer of the innermost open container: each open container is named
    /// by its parent's pending key or item count.
    fn pointer(&self) -> String {
        let mut out = String::new();
        for parent in self.frames.iter().rev().skip(1).rev() {
            out.push('/');
            match &parent.body {
                Body::Seq(items) => out.push_str(&items.len().to_string()),
                Body::Map { key: Some(key), .. } => out.push_str(&escape_segment(&key.text)),
                Body::Map { key: None, .. } => {}
            }
        }
        out
    }

    fn push(
        &mut self,
        value: Value,
        height: usize,
        nodes: usize,
        line: usize,
    ) -> Result<(), String> {
        let Some(frame) = self.frames.last_mut() else {
            self.root = Some(value);
            return Ok(());
        };
        frame.height = frame.height.max(height);
        frame.nodes += nodes;
        match &mut frame.body {
            Body::Seq(items) => items.push(value),
            Body::Map { map, key, merges } => {
                let key = key.take().expect("a value in a mapping follows its key");
                if key.merge {
                    let sources = merge_sources(value).ok_or_else(|| {
                        format!(
                            "line {line}: a merge key `<<` needs a mapping or a list of mappings"
                        )
                    })?;
                    merges.push((map.len(), sources));
                    return Ok(());
                }
                // One hash per entry; the key is cloned only for a duplicate.
                match map.entry(Value::String(key.text)) {
                    Entry::Vacant(vacant) => {
                        vacant.insert(value);
                    }
                    Entry::Occupied(mut occupied) => {
                        let name = occupied.key().as_str().unwrap_or_default().to_string();
                        occupied.insert(value);
                        let pointer = self.pointer();
                        self.warnings.push(ParseWarning {
                            pointer,
                            line,
                            message: format!("duplicate key `{name}`; the later value is kept"),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// The message for nesting past [`MAX_DEPTH`] at `line`.
pub fn too_deep(line: usize) -> String {
    format!("line {line}: nested deeper than {MAX_DEPTH} levels (the loader's limit)")
}

/// The mappings a `<<` value names: one mapping, or a list of them.
fn merge_sources(value: Value) -> Option<Vec<Mapping>> {
    match value {
        Value::Mapping(map) => Some(vec![map]),
        Value::Sequence(items) => items
            .into_iter()
            .map(|item| match item {
                Value::Mapping(map) => Some(map),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// Splices merged entries in where `<<` stood. Explicit keys win over merged ones, and
/// an earlier merge source wins over a later one (YAML's merge-key rules).
fn apply_merges(map: Mapping, merges: Vec<(usize, Vec<Mapping>)>) -> Mapping {
    if merges.is_empty() {
        return map;
    }
    let explicit: HashSet<String> = map
        .keys()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    let mut out = Mapping::with_capacity(map.len());
    let mut pending = merges.into_iter().peekable();
    let splice = |out: &mut Mapping, sources: Vec<Mapping>| {
        for source in sources {
            for (key, value) in source {
                let taken = key.as_str().is_some_and(|k| explicit.contains(k));
                if !taken && !out.contains_key(&key) {
                    out.insert(key, value);
                }
            }
        }
    };
    for (index, (key, value)) in map.into_iter().enumerate() {
        while let Some((_, sources)) = pending.next_if(|(at, _)| *at <= index) {
            splice(&mut out, sources);
        }
        out.insert(key, value);
    }
    for (_, sources) in pending {
        splice(&mut out, sources);
    }
    out
}
