//! The resources files' operation methods printed straight to text: the tokens
//! `resources.rs` builds for one operation are read back as the small part of Rust they
//! use (`print_ast.rs`) and laid out as prettyplease would (`print_rust.rs`), which
//! skips `syn`'s full parse, prettyplease and dropping the trees: most of what the
//! resources files cost. Methods outside that part (`None`) go the token way.

use proc_macro2::TokenStream;

use super::print::{fits, literal_on_one_line, push_docs};

/// An operation's `impl` block of `methods` on the resource struct `name`, as text, or
/// `None` when some method is not plain. The tokens are consumed: reading tokens no
/// one else holds does not copy them.
pub(crate) fn impl_block(name: &str, methods: TokenStream) -> Option<String> {
    let printed = super::print_ast::methods(methods)
        .and_then(|methods| super::print_rust::impl_block(name, &methods));
    #[cfg(test)]
    tests::count(printed.is_some());
    printed
}

/// A gate of one feature, `#[cfg(feature = "x")]`, as its line of text; `None` for
/// any other attribute (a gate of several features goes the token way).
fn single_feature_gate(gate: &TokenStream) -> Option<String> {
    use proc_macro2::{Delimiter, TokenTree};
    let mut outer = gate.clone().into_iter();
    let (Some(TokenTree::Punct(hash)), Some(TokenTree::Group(attr)), None) =
        (outer.next(), outer.next(), outer.next())
    else {
        return None;
    };
    if hash.as_char() != '#' || attr.delimiter() != Delimiter::Bracket {
        return None;
    }
    let mut attr = attr.stream().into_iter();
    let (Some(TokenTree::Ident(cfg)), Some(TokenTree::Group(list)), None) =
        (attr.next(), attr.next(), attr.next())
    else {
        return None;
    };
    let mut list = list.stream().into_iter();
    match (list.next(), list.next(), list.next(), list.next()) {
        (
            Some(TokenTree::Ident(feature)),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Literal(name)),
            None,
        ) if cfg == "cfg" && feature == "feature" && eq.as_char() == '=' => {
            Some(format!("#[cfg(feature = {name})]"))
        }
        _ => None,
    }
}

/// The gate's line with its line break, or nothing for no gate.
fn gate_line(gate: Option<&TokenStream>) -> Option<String> {
    match gate {
        Some(gate) => Some(format!("{}\n", single_feature_gate(gate)?)),
        None => Some(String::new()),
    }
}

/// A doc line as prettyplease prints a `#[doc]` of `text`, at `indent`.
fn doc_line(indent: &str, text: &str) -> Option<String> {
    let mut out = String::new();
    push_docs(&mut out, indent, &[text.to_string()])?;
    Some(out)
}

/// A resource struct: its doc, derive, gate and the client it borrows.
pub(crate) fn resource_struct(
    doc: &str,
    gate: Option<&TokenStream>,
    name: &str,
    client: &str,
) -> Option<String> {
    let head = format!("pub struct {name}<'a> {{");
    let field = format!("    client: &'a {client},");
    if !fits(head.len()) || !fits(field.len()) {
        return None;
    }
    Some(format!(
        "{}#[derive(Debug, Clone, Copy)]\n{}{head}\n{field}\n}}\n",
        doc_line("", doc)?,
        gate_line(gate)?
    ))
}

/// An accessor method inside an impl block: `pub fn {method}(&self) -> {ty}<{lifetime}>`
/// returning `{ty} { client: {client} }`, behind its own gate if it has one.
pub(crate) fn accessor(
    (doc, gate): (&str, Option<&TokenStream>),
    method: &str,
    (ty, lifetime): (&str, &str),
    client: &str,
) -> Option<String> {
    let gate = gate_line(gate)?;
    let signature = format!("    pub fn {method}(&self) -> {ty}<{lifetime}> {{");
    let literal = format!("{ty} {{ client: {client} }}");
    let body = if literal_on_one_line(&literal) {
        format!("        {literal}\n")
    } else {
        format!("        {ty} {{\n            client: {client},\n        }}\n")
    };
    let widest = body.lines().map(str::len).max().unwrap_or(0);
    // The gate line ends in its line break; indented, it must fit too.
    if !fits(signature.len()) || !fits(widest) || !fits(gate.len() + 3) {
        return None;
    }
    let gate = match gate.is_empty() {
        true => gate,
        false => format!("    {gate}"),
    };
    Some(format!(
        "{gate}{}{signature}\n{body}    }}\n",
        doc_line("    ", doc)?
    ))
}

/// `{header} {` with the accessors as its items, closed.
pub(crate) fn accessor_impl(header: &str, accessors: &[String]) -> Option<String> {
    let head = format!("{header} {{");
    (fits(head.len()) && !accessors.is_empty())
        .then(|| format!("{head}\n{}}}\n", accessors.concat()))
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    thread_local! {
        /// Impl blocks printed directly and ones that fell back, on this thread.
        static COUNTS: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    }

    pub(super) fn count(printed: bool) {
        COUNTS.with(|c| {
            let (ok, fallback) = c.get();
            c.set(match printed {
                true => (ok + 1, fallback),
                false => (ok, fallback + 1),
            });
        });
    }

    /// A one-feature gate is printed as prettyplease prints it; a gate of several
    /// features is left to prettyplease (it may break a long `any(..)`).
    #[test]
    fn only_one_feature_gates_are_printed_directly() {
        let one = quote::quote!(#[cfg(feature = "chat")]);
        assert_eq!(
            super::single_feature_gate(&one).as_deref(),
            Some("#[cfg(feature = \"chat\")]")
        );
        let many = quote::quote!(#[cfg(any(feature = "a", feature = "b"))]);
        assert_eq!(super::single_feature_gate(&many), None);
        assert_eq!(
            super::accessor(("doc", Some(&many)), "a", ("A", "'_"), "self"),
            None
        );
    }

    /// A struct literal wider than 34 columns breaks, one field per line.
    #[test]
    fn long_accessor_literals_break() {
        let short = super::accessor((" Doc.", None), "chat", ("Chat", "'_"), "self");
        assert_eq!(
            short.as_deref(),
            Some("    /// Doc.\n    pub fn chat(&self) -> Chat<'_> {\n        Chat { client: self }\n    }\n")
        );
        let long = super::accessor(
            (" Doc.", None),
            "x",
            ("ContentProvenanceChecks", "'_"),
            "self",
        )
        .expect("prints");
        assert!(long.contains("ContentProvenanceChecks {\n            client: self,\n        }\n"));
    }

    /// Every operation of the fixture clients (plain, streamed, downloads, forms,
    /// multipart, typed errors, validation, security and server overrides) is printed
    /// without prettyplease, but for path parameters with checked bounds.
    #[test]
    fn fixture_client_methods_are_printed_directly() {
        let clients =
            std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/clients"));
        let mut dirs: Vec<_> = std::fs::read_dir(clients)
            .expect("fixture clients")
            .flatten()
            .map(|e| e.path())
            .collect();
        dirs.sort();
        let mut report = Vec::new();
        let (mut printed, mut fell_back) = (0, 0);
        for dir in dirs {
            let config = crate::Config::read(&dir.join("config.yaml")).expect("config reads");
            let Ok(api) = crate::build_ir(&dir.join("openapi.yaml"), &config) else {
                continue;
            };
            COUNTS.with(|c| c.set((0, 0)));
            crate::emit::emit_resources(&api, &config, false).expect("resources emit");
            let (ok, fallback) = COUNTS.with(Cell::get);
            report.push(format!("{}: {ok} printed, {fallback} not", dir.display()));
            printed += ok;
            fell_back += fallback;
        }
        let report = report.join("\n");
        assert!(printed > 100, "{report}");
        assert!(fell_back * 50 <= printed, "{report}");
    }
}
