//! The client's resource tree, named before any tokens are built: which resource
//! structs exist, what each is called and reaches, and in which order they are
//! emitted. Deciding this first lets `resources.rs` build and format the structs in
//! independent chunks (`parallel.rs`), so emission holds one chunk's tokens at a time
//! and its cost stays linear in the number of operations.

use std::collections::BTreeMap;

use crate::ir::Operation;
use crate::lower::{accessor_names, pascal, NameTable};

/// Names the resources module imports (and `Self`, which no struct may take).
const IMPORTED: &[&str] = &[
    "Self",
    "Client",
    "Error",
    "Request",
    "RequestOptions",
    "ApiResponse",
    "SseStream",
    "NdjsonStream",
];

/// A method that returns a sub-resource (or, on the client, a top-level resource).
pub(crate) struct Accessor {
    /// The path segment it stands for.
    pub(crate) segment: String,
    /// The method's name.
    pub(crate) method: String,
    /// The resource struct it returns.
    pub(crate) struct_name: String,
    /// The static path from the client down to that resource (`a/b`).
    pub(crate) path: String,
}

/// One resource struct and what it holds.
pub(crate) struct Resource<'a> {
    /// The struct's name.
    pub(crate) struct_name: String,
    /// The static path from the client down to it (`a/b`).
    pub(crate) path: String,
    /// The accessor methods from the client down to it.
    pub(crate) accessors: Vec<String>,
    /// Its sub-resources.
    pub(crate) children: Vec<Accessor>,
    /// Its operations, in IR order.
    pub(crate) operations: Vec<&'a Operation>,
}

/// Every resource struct, named.
pub(crate) struct ResourceTree<'a> {
    /// The client's accessors for the top-level resources.
    pub(crate) top: Vec<Accessor>,
    /// The resource structs, each after its sub-resources (the order they are emitted in).
    pub(crate) resources: Vec<Resource<'a>>,
}

/// A node in the tree of path segments.
#[derive(Default)]
struct Node<'a> {
    children: BTreeMap<String, Node<'a>>,
    operations: Vec<&'a Operation>,
}

/// The tree of `operations`; accessors on the client avoid `client_methods`.
pub(crate) fn resource_tree<'a>(
    operations: &'a [Operation],
    client_methods: &[&str],
) -> ResourceTree<'a> {
    let mut root = Node::default();
    for op in operations {
        let mut node = &mut root;
        for segment in &op.resource {
            node = node.children.entry(segment.clone()).or_default();
        }
        node.operations.push(op);
    }
    let mut names = NameTable::with_reserved(IMPORTED.iter().copied());
    let mut resources = Vec::new();
    let methods = accessor_names(root.children.keys(), client_methods);
    let top = root
        .children
        .into_iter()
        .zip(methods)
        .map(|((segment, child), method)| {
            let struct_name = names.claim(&pascal(&segment));
            let chain = Chain {
                segments: vec![segment.clone()],
                accessors: vec![method.clone()],
            };
            let path = chain.segments.join("/");
            plan(
                chain,
                struct_name.clone(),
                child,
                &mut names,
                &mut resources,
            );
            Accessor {
                segment,
                method,
                struct_name,
                path,
            }
        })
        .collect();
    ResourceTree { top, resources }
}

/// Where a resource struct is: the path segments from the client down, and the
/// accessor method that reaches each one.
struct Chain {
    segments: Vec<String>,
    accessors: Vec<String>,
}

impl Chain {
    fn child(&self, segment: &str, accessor: &str) -> Chain {
        let mut child = Chain {
            segments: self.segments.clone(),
            accessors: self.accessors.clone(),
        };
        child.segments.push(segment.to_string());
        child.accessors.push(accessor.to_string());
        child
    }
}

/// Names `node`'s sub-resources (depth first, each before its own children) and adds
/// them, then `node`, to `out`.
fn plan<'a>(
    chain: Chain,
    struct_name: String,
    node: Node<'a>,
    names: &mut NameTable,
    out: &mut Vec<Resource<'a>>,
) {
    let methods = accessor_names(node.children.keys(), &[]);
    let mut children = Vec::new();
    for ((segment, child), method) in node.children.into_iter().zip(methods) {
        let child_chain = chain.child(&segment, &method);
        let child_name = names.claim(&format!("{struct_name}{}", pascal(&segment)));
        let path = child_chain.segments.join("/");
        plan(child_chain, child_name.clone(), child, names, out);
        children.push(Accessor {
            segment,
            method,
            struct_name: child_name,
            path,
        });
    }
    out.push(Resource {
        struct_name,
        path: chain.segments.join("/"),
        accessors: chain.accessors,
        children,
        operations: node.operations,
    });
}
