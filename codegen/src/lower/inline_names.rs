//! Final names of inline (anonymous) schemas, chosen once every user is known.
//!
//! While lowering, an inline kind gets a provisional name and records the hint of each
//! use (`Parent` + `Property`). At the end each gets its final name:
//! - one user: the nearest named parent's *final* name plus the property, with any words
//!   that repeat the parent's tail dropped (`ChunkingStrategyStatic` + `Static` is not
//!   `…StaticStatic`); beyond 40 characters the parent's leading words are dropped, and
//!   longer forms are the fallback when the short one is taken;
//! - several users: what their names have in common (common leading and trailing words),
//!   else the schema's own `title` or enum values, else the smallest user's name, so the
//!   name never depends on which user was met first.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::names::{natural_type_name, NameTable};
use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Names above this length are shortened (when the spec did not choose them).
const MAX_LEN: usize = 40;

/// The first character of every provisional name: never part of a Rust identifier,
/// so a provisional name that leaked would be noticed at once.
const PROVISIONAL: char = '\u{1}';

/// Words too vague to name a shared type on their own.
const GENERIC: &[&str] = &[
    "Item", "Items", "Value", "Object", "Type", "Data", "Request", "Response", "Body", "Content",
    "String", "List", "Inner",
];

/// Who owns a hint: the prefix of a child's hint tells its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner<'n> {
    Named(&'n str),
    Inline(usize),
}

/// One inline type and everything known about its users.
#[derive(Debug)]
struct Inline {
    slot: usize,
    /// The hint of each use, once each, in the order first met.
    hints: Vec<String>,
    /// The same hints, to keep each once in constant time.
    seen: HashSet<String>,
    /// The hint of the latest use.
    latest: String,
    /// The title every use gives (`None` when any use differs or has none): a title that
    /// differs per user labels the user (as FastAPI's do), not the shape.
    title: Option<String>,
    /// Whether uses so far gave different titles (or some none).
    titles_differ: bool,
    /// Whether any use was recorded yet.
    used: bool,
}

/// The provisional names and hints of a lowering run.
#[derive(Debug, Default)]
pub(crate) struct InlineNames {
    types: Vec<Inline>,
    by_name: HashMap<String, usize>,
    /// Hints of named types (components, `$ref` targets): their names.
    named: HashSet<String>,
    /// Hints of inline types, first owner wins.
    inline_hints: HashMap<String, usize>,
}

impl InlineNames {
    /// A provisional name for a new inline type stored at `slot`, used first under `hint`.
    pub(crate) fn add(&mut self, slot: usize, hint: &str, title: Option<String>) -> String {
        let index = self.types.len();
        let name = format!("{PROVISIONAL}{index}");
        self.types.push(Inline {
            slot,
            hints: Vec::new(),
            seen: HashSet::default(),
            latest: String::new(),
            title: None,
            titles_differ: false,
            used: false,
        });
        self.by_name.insert(name.clone(), index);
        self.add_use(&name, hint, title);
        name
    }

    /// Records another use of the inline type called `name`.
    pub(crate) fn add_use(&mut self, name: &str, hint: &str, title: Option<String>) {
        let Some(&index) = self.by_name.get(name) else {
            return;
        };
        let inline = &mut self.types[index];
        if inline.seen.insert(hint.to_string()) {
            inline.hints.push(hint.to_string());
        }
        hint.clone_into(&mut inline.latest);
        if !inline.used {
            inline.used = true;
            inline.title = title;
        } else if inline.title != title {
            inline.titles_differ = true;
        }
        if inline.titles_differ {
            inline.title = None;
        }
        self.inline_hints.entry(hint.to_string()).or_insert(index);
    }

    /// Records that children of the named type `name` are hinted `name` + property.
    pub(crate) fn add_named(&mut self, name: &str) {
        self.named.insert(name.to_string());
    }

    /// `ty` with each provisional name replaced by the hint of its latest use, for
    /// deriving other names (variant names) from the type while lowering.
    pub(crate) fn provisional(&self, ty: &TypeRef) -> TypeRef {
        match ty {
            TypeRef::Named(name) => match self.by_name.get(name) {
                Some(&i) => TypeRef::Named(self.types[i].latest.clone()),
                None => ty.clone(),
            },
            TypeRef::List(inner) => TypeRef::List(Box::new(self.provisional(inner))),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(self.provisional(inner))),
            TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(self.provisional(inner))),
            other => other.clone(),
        }
    }

    /// Chooses the final name of every inline type, claiming it in `table`, and renames
    /// the definitions in `slots`. Returns provisional -> final, to rename the uses.
    pub(crate) fn assign(
        &self,
        slots: &mut [Option<TypeDef>],
        table: &mut NameTable,
        reserved: &[String],
    ) -> HashMap<String, String> {
        let mut namer = Namer {
            names: self,
            finals: vec![None; self.types.len()],
            in_progress: vec![false; self.types.len()],
            slots,
            table,
            reserved,
            hint_names: self
                .types
                .iter()
                .flat_map(|t| &t.hints)
                .map(|h| natural_type_name(h, reserved))
                .collect(),
        };
        for index in 0..self.types.len() {
            namer.final_name(index, 0);
        }
        let finals = namer.finals;
        let mut map = HashMap::default();
        for (index, name) in finals.into_iter().enumerate() {
            let name = name.expect("every inline type is named");
            if let Some(def) = slots[self.types[index].slot].as_mut() {
                def.name.clone_from(&name);
            }
            map.insert(format!("{PROVISIONAL}{index}"), name);
        }
        map
    }

    /// The parent of a use hinted `hint` and the rest of the hint, when some named or
    /// other inline type owns a leading part of it.
    fn parent_of<'h>(&'h self, hint: &'h str, own: usize) -> Option<(Owner<'h>, &'h str)> {
        let boundaries = hint
            .char_indices()
            .skip(1)
            .filter(|(_, c)| c.is_ascii_uppercase())
            .map(|(i, _)| i)
            .collect::<Vec<_>>();
        boundaries.into_iter().rev().find_map(|i| {
            let (head, rest) = hint.split_at(i);
            if let Some(name) = self.named.get(head) {
                return Some((Owner::Named(name.as_str()), rest));
            }
            match self.inline_hints.get(head) {
                Some(&index) if index != own => Some((Owner::Inline(index), rest)),
                _ => None,
            }
        })
    }
}

/// The state of one [`InlineNames::assign`].
struct Namer<'a> {
    names: &'a InlineNames,
    finals: Vec<Option<String>>,
    in_progress: Vec<bool>,
    slots: &'a [Option<TypeDef>],
    table: &'a mut NameTable,
    reserved: &'a [String],
    /// The full (unshortened) name of every use of every inline type.
    hint_names: HashSet<String>,
}

impl Namer<'_> {
    fn final_name(&mut self, index: usize, depth: usize) -> Option<String> {
        if let Some(name) = &self.finals[index] {
            return Some(name.clone());
        }
        if self.in_progress[index] || depth > 64 {
            return None;
        }
        self.in_progress[index] = true;
        let (names, slots) = (self.names, self.slots);
        let inline = &names.types[index];
        let uses: Vec<(Vec<String>, Vec<String>)> = inline
            .hints
            .iter()
            .map(|hint| self.use_words(index, hint, depth))
            .collect();
        let kind = slots[inline.slot].as_ref().map(|d| &d.kind);
        let candidates = match uses.as_slice() {
            [(parent, segment)] => forms(parent, segment, kind),
            _ => {
                let joined: Vec<Vec<String>> = uses
                    .iter()
                    .map(|(p, s)| join(p, &own_segment(p, s, kind)).0)
                    .collect();
                if joined.windows(2).all(|w| w[0] == w[1]) {
                    forms(&uses[0].0, &uses[0].1, kind)
                } else {
                    let mut all = Vec::new();
                    for words in shared_words(&joined, inline.title.as_deref(), kind) {
                        let split = words.len().saturating_sub(1);
                        for form in forms(&words[..split], &words[split..], kind) {
                            if !all.contains(&form) {
                                all.push(form);
                            }
                        }
                    }
                    all
                }
            }
        };
        let natural: Vec<String> = candidates
            .iter()
            .map(|c| natural_type_name(c, self.reserved))
            .collect();
        // A shortened form must not be the full name another inline type asks for.
        let own: Vec<String> = inline
            .hints
            .iter()
            .map(|h| natural_type_name(h, self.reserved))
            .collect();
        let free = |c: &&String| {
            !self.table.contains(c) && (own.contains(c) || !self.hint_names.contains(*c))
        };
        let name = match natural.iter().find(free) {
            Some(free) => self.table.claim(free),
            None => self.table.claim(&natural[0]),
        };
        self.in_progress[index] = false;
        self.finals[index] = Some(name.clone());
        Some(name)
    }

    /// The parent's final name and the words this use adds, as words.
    fn use_words(&mut self, own: usize, hint: &str, depth: usize) -> (Vec<String>, Vec<String>) {
        let names = self.names;
        let parent = names.parent_of(hint, own).and_then(|(owner, rest)| {
            let parent = match owner {
                Owner::Named(name) => Some(name.to_string()),
                Owner::Inline(index) => self.final_name(index, depth + 1),
            }?;
            Some((words(&parent), words(rest)))
        });
        parent.unwrap_or_else(|| {
            let mut all = words(hint);
            let last = all.pop().into_iter().collect();
            (all, last)
        })
    }
}

/// `name` split before each capital letter (`C1_2Foo` -> `C1_2`, `Foo`).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in name.chars() {
        match out.last_mut() {
            Some(word) if !c.is_ascii_uppercase() => word.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

/// `parent` + `segment` without the words of `segment` that repeat the parent's tail;
/// also says whether nothing of `segment` was left.
fn join(parent: &[String], segment: &[String]) -> (Vec<String>, bool) {
    let overlap = (1..=parent.len().min(segment.len()))
        .rev()
        .find(|&k| parent[parent.len() - k..] == segment[..k])
        .unwrap_or(0);
    let rest = &segment[overlap..];
    let mut out = parent.to_vec();
    out.extend_from_slice(rest);
    (out, rest.is_empty() && !segment.is_empty())
}

/// `segment`, or a word for the type's kind when all of it repeats the parent's tail
/// (`InputAudio.input_audio` is `InputAudioDetails`, not `InputAudioInputAudio`).
fn own_segment(parent: &[String], segment: &[String], kind: Option<&TypeKind>) -> Vec<String> {
    if !join(parent, segment).1 {
        return segment.to_vec();
    }
    let word = match kind {
        Some(TypeKind::Struct(_)) => "Details",
        _ => "Value",
    };
    vec![word.to_string()]
}

/// Candidate names, preferred first: the longest form within [`MAX_LEN`] (leading parent
/// words dropped; one kept unless the segment has three words), then forms that keep the
/// parent's first word, then shorter and finally longer forms up to the full one.
fn forms(parent: &[String], segment: &[String], kind: Option<&TypeKind>) -> Vec<String> {
    let segment = own_segment(parent, segment, kind);
    // A segment of three words or more reads on its own; a shorter one keeps a parent word.
    let longest_cut = if segment.len() >= 3 {
        parent.len()
    } else {
        parent.len().saturating_sub(1)
    };
    let cut: Vec<String> = (0..=longest_cut)
        .map(|cut| join(&parent[cut..], &segment).0.concat())
        .collect();
    // Keeping the parent's first word as well tells apart families such as `Beta…`.
    let headed: Vec<String> = (2..=longest_cut)
        .map(|cut| {
            let mut words = vec![parent[0].clone()];
            words.extend_from_slice(&parent[cut..]);
            join(&words, &segment).0.concat()
        })
        .collect();
    let fits = |name: &&String| name.len() <= MAX_LEN;
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: &String| {
        if !name.is_empty() && !out.contains(name) {
            out.push(name.clone());
        }
    };
    cut.iter().filter(fits).take(1).for_each(&mut push);
    headed.iter().filter(fits).for_each(&mut push);
    cut.iter().filter(fits).for_each(&mut push);
    cut.iter().rev().for_each(&mut push);
    if out.is_empty() {
        out.push("Unnamed".to_string());
    }
    out
}

/// Names for a type several users share, preferred first: what their names have in
/// common (leading and trailing words; some trailing words are needed), its title, its
/// enum values, its single property, its union variants, and last the smallest user's name.
fn shared_words(
    joined: &[Vec<String>],
    title: Option<&str>,
    kind: Option<&TypeKind>,
) -> Vec<Vec<String>> {
    let shortest = joined.iter().map(Vec::len).min().unwrap_or(0);
    let suffix = (0..shortest)
        .take_while(|&i| {
            let word = &joined[0][joined[0].len() - 1 - i];
            joined.iter().all(|w| &w[w.len() - 1 - i] == word)
        })
        .count();
    let prefix = (0..shortest - suffix)
        .take_while(|&i| joined.iter().all(|w| w[i] == joined[0][i]))
        .count();
    let tail = &joined[0][joined[0].len() - suffix..];
    let vague = tail.iter().all(|w| GENERIC.contains(&w.as_str()));
    let mut out = Vec::new();
    if suffix > 0 && (!vague || prefix > 0) {
        out.push(joined[0][..prefix].iter().chain(tail).cloned().collect());
    }
    if let Some(title) = title.map(super::names::pascal).filter(|t| !t.is_empty()) {
        out.push(words(&title));
    }
    match kind {
        Some(TypeKind::Enum(e)) if (1..=4).contains(&e.values.len()) => {
            let values: String = e.values.iter().map(|v| v.rust_name.as_str()).collect();
            if values.len() <= MAX_LEN {
                out.push(words(&values));
            }
        }
        Some(TypeKind::Struct(s)) if s.fields.len() == 1 && s.constants.is_empty() => {
            let field = super::names::pascal(&s.fields[0].json_name);
            out.push(join(&words(&field), &words("Object")).0);
        }
        // `StringOrStringList`: what the union holds.
        Some(TypeKind::Untagged(u)) if (2..=3).contains(&u.variants.len()) => {
            let name = u
                .variants
                .iter()
                .map(|v| v.rust_name.as_str())
                .collect::<Vec<_>>()
                .join("Or");
            if name.len() <= MAX_LEN {
                out.push(words(&name));
            }
        }
        _ => {}
    }
    out.extend(
        joined
            .iter()
            .min_by_key(|w| (w.concat().len(), w.concat()))
            .cloned(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(name: &str) -> Vec<String> {
        words(name)
    }

    #[test]
    fn a_property_repeating_the_parent_tail_is_not_repeated() {
        assert_eq!(
            join(&w("ChunkingStrategyStatic"), &w("Static")).0.concat(),
            "ChunkingStrategyStatic"
        );
        assert_eq!(
            join(&w("GroupMemberUser"), &w("UserType")).0.concat(),
            "GroupMemberUserType"
        );
        assert_eq!(
            forms(&w("InputAudio"), &w("InputAudio"), None)[0],
            "InputAudioValue"
        );
    }

    #[test]
    fn long_names_drop_leading_parent_words_first() {
        let forms = forms(
            &w("RunStepDetailsToolCallsCodeObject"),
            &w("CodeInterpreterOutputs"),
            None,
        );
        assert!(forms[0].len() <= MAX_LEN, "{forms:?}");
        assert_eq!(forms[0], "CallsCodeObjectCodeInterpreterOutputs");
        assert_eq!(forms[1], "RunCallsCodeObjectCodeInterpreterOutputs");
        assert_eq!(
            forms.last().unwrap(),
            "RunStepDetailsToolCallsCodeObjectCodeInterpreterOutputs"
        );
    }

    #[test]
    fn shared_types_are_named_after_what_their_users_share() {
        let users = [
            w("ChatRequestUserMessageContent"),
            w("ChatRequestSystemMessageContent"),
        ];
        assert_eq!(
            shared_words(&users, None, None)[0].concat(),
            "ChatRequestMessageContent"
        );
        let users = [w("FooTagsItem"), w("BarNamesItem")];
        assert_eq!(
            shared_words(&users, Some("label"), None)[0].concat(),
            "Label"
        );
        assert_eq!(shared_words(&users, None, None)[0].concat(), "FooTagsItem");
    }
}
