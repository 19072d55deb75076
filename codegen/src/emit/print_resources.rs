//! The resources files' operation methods printed straight to text: the tokens
//! `resources.rs` builds for one operation are read back as the small part of Rust they
//! use (`print_ast.rs`) and laid out as prettyplease would (`print_rust.rs`), which
//! skips `syn`'s full parse, prettyplease and dropping the trees: most of what the
//! resources files cost. Methods outside that part (`None`) go the token way.

use proc_macro2::TokenStream;

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
