//! The client's resource tree: one struct per path segment, its name and the accessor
//! method that reaches it. Struct names are unique across the resources module;
//! accessor names avoid the trait methods every resource struct has, their siblings
//! and, at the top, the methods the runtime's client already defines.

use std::collections::BTreeMap;

use super::names::{pascal, NameTable};
use super::naming::accessor_names;
use crate::ir::Resource;

/// Names no resource struct may take: `Self`, and the runtime's items the generated
/// crate re-exports at its root beside the resources (a struct of the same name would
/// be confusing in docs, and ambiguous for a reader).
const RESERVED_STRUCT_NAMES: &[&str] = &[
    "Self",
    "Client",
    "Error",
    "Request",
    "RequestOptions",
    "ApiResponse",
    "SseStream",
    "NdjsonStream",
];

/// A node of the segment tree while it is being built.
#[derive(Default)]
struct Node {
    children: BTreeMap<String, Node>,
    operations: Vec<usize>,
}

/// The resource tree of the operations whose resource chains (see
/// [`crate::ir::Operation::resource`]) are `chains`, in order: top-level resources in segment
/// order, accessors on the client avoiding `client_methods`.
///
/// Struct names are claimed depth first, a parent before its children: a top-level
/// resource is its segment in PascalCase, a sub-resource its parent's name plus its own
/// segment, numbered where that is taken.
pub(crate) fn resource_tree<'a>(
    chains: impl IntoIterator<Item = &'a [String]>,
    client_methods: &[String],
) -> Vec<Resource> {
    let mut root = Node::default();
    for (index, chain) in chains.into_iter().enumerate() {
        let mut node = &mut root;
        for segment in chain {
            node = node.children.entry(segment.clone()).or_default();
        }
        node.operations.push(index);
    }
    let mut names = NameTable::with_reserved(RESERVED_STRUCT_NAMES.iter().copied());
    let reserved: Vec<&str> = client_methods.iter().map(String::as_str).collect();
    children(root.children, None, &reserved, &mut names)
}

/// The resources for `nodes`, the children of the struct named `parent` (`None` for the
/// client), whose accessors also avoid `reserved`.
fn children(
    nodes: BTreeMap<String, Node>,
    parent: Option<&str>,
    reserved: &[&str],
    names: &mut NameTable,
) -> Vec<Resource> {
    let accessors = accessor_names(nodes.keys(), reserved);
    nodes
        .into_iter()
        .zip(accessors)
        .map(|((segment, node), accessor)| {
            let wanted = format!("{}{}", parent.unwrap_or_default(), pascal(&segment));
            let struct_name = names.claim(&wanted);
            let children = children(node.children, Some(&struct_name), &[], names);
            Resource {
                segment,
                struct_name,
                accessor,
                children,
                operations: node.operations,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The structs' and accessors' names of a tree, flattened depth first.
    fn flatten(resources: &[Resource], out: &mut Vec<(String, String)>) {
        for r in resources {
            out.push((r.struct_name.clone(), r.accessor.clone()));
            flatten(&r.children, out);
        }
    }

    fn names_of(chains: &[&[&str]], client_methods: &[&str]) -> Vec<(String, String)> {
        let chains: Vec<Vec<String>> = chains
            .iter()
            .map(|chain| chain.iter().map(|s| s.to_string()).collect())
            .collect();
        let methods: Vec<String> = client_methods.iter().map(|m| m.to_string()).collect();
        let mut out = Vec::new();
        flatten(
            &resource_tree(chains.iter().map(Vec::as_slice), &methods),
            &mut out,
        );
        out
    }

    #[test]
    fn struct_names_are_unique_and_accessors_avoid_client_methods() {
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            names_of(
                &[
                    &["chat", "completions"],
                    &["chat_completions"],
                    &["client"],
                    &["timeout"]
                ],
                &["timeout"],
            ),
            pairs(&[
                ("Chat", "chat"),
                ("ChatCompletions", "completions"),
                ("ChatCompletions2", "chat_completions"),
                ("Client2", "client"),
                ("Timeout", "timeout_api"),
            ])
        );
    }
}
