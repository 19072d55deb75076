//! The resources files' operation methods printed straight to text: the tokens
//! `resources.rs` builds for one operation are read back as the small part of Rust they
//! use (`print_ast.rs`) and laid out as prettyplease would (`print_rust.rs`), which
//! skips `syn`'s full parse, prettyplease and dropping the trees: most of what the
//! resources files cost. Methods outside that part (`None`) go the token way.

use proc_macro2::TokenStream;

/// An operation's `impl` block of `methods` on the resource struct `name`, as text, or
/// `None` when some method is not plain.
pub(crate) fn impl_block(name: &str, methods: &TokenStream) -> Option<String> {
    let methods = super::print_ast::methods(methods.clone())?;
    super::print_rust::impl_block(name, &methods)
}
