//! Where an operation lives on the client and what its methods are called.
//!
//! A resource struct holds sub-resource accessors and, per operation, up to four
//! methods (`name`, `name_with_options`, `name_stream`, `name_stream_with_options`).
//! Names are checked against every one of those, as emitted, so no two items of one
//! resource ever share a name.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::names::snake;
use super::reserved::{suffixed, TRAIT_METHODS};
use crate::ir::{Operation, ResponseKind};

/// `/v1/threads/{id}/runs` -> `["threads", "runs"]`: static segments, without a leading version.
pub(crate) fn resource_chain(path: &str) -> Vec<String> {
    let mut segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    if segments.first().is_some_and(|s| is_version(s)) && segments.len() > 1 {
        segments.remove(0);
    }
    let chain: Vec<String> = segments
        .iter()
        .map(|s| snake(s).trim_start_matches("r#").to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if chain.is_empty() {
        vec!["root".to_string()]
    } else {
        chain
    }
}

fn is_version(segment: &str) -> bool {
    let mut chars = segment.chars();
    chars.next() == Some('v') && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// The accessor methods for sibling sub-resources `segments` (chain elements, in
/// sorted order): each one's snake name, or with `_api` (then a number) added when that
/// is taken by a trait method every resource struct has, by `reserved`, or by an
/// earlier sibling.
pub fn accessor_names<'s>(
    segments: impl IntoIterator<Item = &'s String>,
    reserved: &[&str],
) -> Vec<String> {
    let mut taken = trait_methods();
    taken.extend(reserved.iter().map(|r| r.to_string()));
    segments
        .into_iter()
        .map(|segment| {
            let base = snake(segment);
            let api = suffixed(&base, "api");
            let chosen = [base.clone(), api.clone()]
                .into_iter()
                .chain((2..).map(|n| format!("{api}_{n}")))
                .find(|name| !taken.contains(&bare(name)))
                .expect("a free numbered name exists");
            taken.insert(bare(&chosen));
            chosen
        })
        .collect()
}

/// The method name an operation gets when nothing clashes: from the HTTP method and
/// whether the path ends in a parameter.
pub(crate) fn default_method_name(method: &str, path: &str) -> String {
    let ends_with_param = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .is_some_and(|s| s.starts_with('{'));
    let method = method.to_ascii_lowercase();
    match (method.as_str(), ends_with_param) {
        ("get", true) => "retrieve".to_string(),
        ("get", false) => "list".to_string(),
        ("post", true) => "update".to_string(),
        ("post", false) => "create".to_string(),
        ("put" | "patch", _) => "update".to_string(),
        ("delete", _) => "delete".to_string(),
        (other, _) => snake(other),
    }
}

/// Which methods an operation gets besides its name: a plain pair when it has a
/// non-streaming response, a download pair when that response is bytes, a stream pair
/// when it can stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Forms {
    response: bool,
    download: bool,
    stream: bool,
}

impl Forms {
    fn of(op: &Operation) -> Forms {
        Forms {
            response: op.response.is_some(),
            download: op.response == Some(ResponseKind::Bytes),
            stream: op.stream.is_some(),
        }
    }
}

/// The methods of an operation named `base`, as the IR records them.
#[derive(Debug, Default, PartialEq, Eq)]
struct Methods {
    plain: Option<String>,
    with_options: Option<String>,
    download: Option<String>,
    download_with_options: Option<String>,
    stream: Option<String>,
    stream_with_options: Option<String>,
}

impl Methods {
    /// `base`, `base_with_options`, `base_download`, `base_download_with_options`,
    /// `base_stream` and `base_stream_with_options`, those `forms` asks for; an
    /// operation that only streams streams under `base` itself.
    fn of(base: &str, forms: Forms) -> Methods {
        let pair = |name: String| {
            let options = suffixed(&name, "with_options");
            (Some(name), Some(options))
        };
        let mut methods = Methods::default();
        if forms.response {
            (methods.plain, methods.with_options) = pair(base.to_string());
            if forms.download {
                (methods.download, methods.download_with_options) =
                    pair(suffixed(base, "download"));
            }
        }
        if forms.stream {
            let stream = if forms.response {
                suffixed(base, "stream")
            } else {
                base.to_string()
            };
            (methods.stream, methods.stream_with_options) = pair(stream);
        }
        methods
    }

    /// Every name, in a fixed order.
    fn all(&self) -> impl Iterator<Item = &String> {
        [
            &self.plain,
            &self.with_options,
            &self.download,
            &self.download_with_options,
            &self.stream_with_options,
            &self.stream,
        ]
        .into_iter()
        .flatten()
    }
}

/// Every method emitted for an operation named `base`.
#[cfg(test)]
fn emitted_method_names(base: &str, forms: Forms) -> Vec<String> {
    Methods::of(base, forms).all().cloned().collect()
}

fn trait_methods() -> HashSet<String> {
    TRAIT_METHODS.iter().map(|m| m.to_string()).collect()
}

/// The identifier `name` denotes (`r#type` and `type` are the same name).
fn bare(name: &str) -> String {
    name.trim_start_matches("r#").to_string()
}

/// Where two operations of a resource would get the same default name, both use their
/// operation ids instead. Then each operation takes the first name whose emitted
/// methods are all free in its resource (sub-resource accessors included), numbering
/// it if need be.
pub(crate) fn name_methods(operations: &mut [Operation]) {
    let mut seen: BTreeMap<(Vec<String>, String), usize> = BTreeMap::new();
    for op in operations.iter() {
        *seen
            .entry((op.resource.clone(), op.method_name.clone()))
            .or_default() += 1;
    }
    let mut taken: BTreeMap<Vec<String>, HashSet<String>> = BTreeMap::new();
    let children: BTreeSet<(Vec<String>, String)> = operations
        .iter()
        .flat_map(|op| {
            (1..op.resource.len()).map(|i| (op.resource[..i].to_vec(), op.resource[i].clone()))
        })
        .collect();
    let mut siblings: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for (parent, child) in children {
        siblings.entry(parent).or_default().push(child);
    }
    for (parent, children) in siblings {
        let table = taken.entry(parent).or_insert_with(trait_methods);
        for name in accessor_names(&children, &[]) {
            table.insert(bare(&name));
        }
    }
    // The number to try first per (resource, stem, emitted forms): lower ones were
    // not free when last tried, and a resource's taken names only grow, so numbering
    // many clashing operations stays linear.
    let mut next_number: HashMap<(Vec<String>, String, Forms), usize> = HashMap::new();
    for op in operations.iter_mut() {
        let key = (op.resource.clone(), op.method_name.clone());
        let table = taken
            .entry(op.resource.clone())
            .or_insert_with(trait_methods);
        let forms = Forms::of(op);
        let free = |table: &HashSet<String>, name: &str| {
            Methods::of(name, forms)
                .all()
                .all(|n| !table.contains(&bare(n)))
        };
        let by_id = snake(&op.id);
        let mut candidates = Vec::new();
        if seen[&key] == 1 {
            candidates.push(op.method_name.clone());
        }
        candidates.push(by_id.clone());
        let stem = by_id
            .trim_start_matches("r#")
            .trim_end_matches('_')
            .to_string();
        let chosen = match candidates.into_iter().find(|name| free(table, name)) {
            Some(name) => name,
            None => {
                let memo = (op.resource.clone(), stem.clone(), forms);
                let first = next_number.get(&memo).copied().unwrap_or(2);
                let (number, name) = (first..)
                    .map(|n| (n, format!("{stem}_{n}")))
                    .find(|(_, name)| free(table, name))
                    .expect("a free numbered name exists");
                next_number.insert(memo, number + 1);
                name
            }
        };
        let methods = Methods::of(&chosen, forms);
        table.extend(methods.all().map(|name| bare(name)));
        op.with_options_method = methods.with_options;
        op.download_method = methods.download;
        op.download_with_options_method = methods.download_with_options;
        op.stream_method = methods.stream;
        op.stream_with_options_method = methods.stream_with_options;
        op.method_name = chosen;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_avoid_trait_and_taken_methods() {
        let one =
            |segment: &str, taken: &[&str]| accessor_names([&segment.to_string()], taken).remove(0);
        assert_eq!(one("into", &[]), "into_api");
        assert_eq!(one("files", &["files"]), "files_api");
        assert_eq!(one("files", &[]), "files");
    }

    #[test]
    fn suffixes_never_double_underscores() {
        assert_eq!(suffixed("self_", "with_options"), "self_with_options");
        assert_eq!(suffixed("r#type", "stream"), "type_stream");
        assert_eq!(suffixed("_2fa", "stream"), "_2fa_stream");
        let forms = |response, download, stream| Forms {
            response,
            download,
            stream,
        };
        assert_eq!(
            emitted_method_names("list", forms(true, false, true)),
            [
                "list",
                "list_with_options",
                "list_stream_with_options",
                "list_stream"
            ]
        );
        assert_eq!(
            emitted_method_names("self_", forms(true, true, false)),
            [
                "self_",
                "self_with_options",
                "self_download",
                "self_download_with_options"
            ]
        );
        assert_eq!(
            emitted_method_names("events", forms(false, false, true)),
            ["events_with_options", "events"]
        );
    }
}
