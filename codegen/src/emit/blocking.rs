//! The blocking client's files (cargo feature `blocking`): `src/blocking.rs`, which
//! re-exports the runtime's blocking client and streams, and `src/blocking/resources.rs`,
//! the resource tree of `resources.rs` again (same walk, same names, see
//! [`super::resources::Flavor`]) with each method one line that waits for its async form.

use proc_macro2::TokenStream;
use quote::quote;

use super::resources::Arguments;
use super::types::ident;
use crate::ir::Operation;
use crate::Config;

/// What an async method pair returns on success, and so what its blocking pair returns.
pub(super) enum Returns<'a> {
    /// A value: the plain method's type, and the `_with_options` one's.
    Value(&'a TokenStream, &'a TokenStream),
    /// A stream (both methods): read as an `Iterator` by the blocking form.
    Stream(&'a TokenStream),
}

/// `src/blocking.rs`: the blocking client and its streams, and the resources module.
pub(super) fn module_file() -> TokenStream {
    quote! {
        //! The blocking client (cargo feature `blocking`): the same operations, options,
        //! retries and errors as the async [`Client`](crate::Client), without `async` at
        //! the call site; streams are [`Iterator`]s.
        //!
        //! Each method waits for the async method of the same name, on a small runtime
        //! the client starts on its first call, so no Tokio runtime is needed.

        pub use crate::runtime::blocking::{BlockingStream, ByteStream, Client, NdjsonStream, SseStream};

        // Generated modules are laid out by prettyplease, not rustfmt.
        #[rustfmt::skip]
        pub mod resources;
    }
}

/// Whether an example's source uses the blocking client, so needs its feature.
pub(super) fn example_uses_blocking(config: &Config, source: &str) -> bool {
    let module = format!("{}::blocking", config.crate_name.replace('-', "_"));
    source.contains(&module)
}

/// The inner doc comment of `src/blocking/resources.rs`.
pub(super) fn resources_header() -> TokenStream {
    quote! {
        //! The blocking client's operations: the resources and methods of
        //! [`crate::resources`], under the same names, each waiting for its async form.
    }
}

/// The blocking forms of one async method and its `_with_options` form, named as the
/// async ones are (`name`, `options_name`).
pub(super) fn wrappers(
    op: &Operation,
    args: &Arguments,
    (name, options_name): (&str, &str),
    returns: Returns,
) -> TokenStream {
    let method = ident(name);
    let with_options = ident(options_name);
    let params = &args.params;
    let names = &args.names;
    let (allow_plain, allow_options) = super::resources::many_arguments(args);
    let deprecated = super::docs::deprecated_attr(op.deprecated);
    let chain = args.accessors.iter().map(|accessor| ident(accessor));
    let on_async = quote!(self.client.inner #(.#chain())*);
    let (plain_ok, options_ok, wait) = match returns {
        Returns::Value(plain, options) => (quote!(#plain), quote!(#options), quote!(wait)),
        Returns::Stream(stream) => {
            let ty = quote!(crate::runtime::blocking::BlockingStream<#stream>);
            (ty.clone(), ty, quote!(wait_stream))
        }
    };
    let doc = |method: &str| {
        let method = method.trim_start_matches("r#");
        format!(
            " Blocking [`{ty}::{method}`](crate::resources::{ty}::{method}): {}.",
            super::text::code(&format!("{} {}", op.method, op.path)),
            ty = args.struct_name,
        )
    };
    let (plain_doc, options_doc) = (doc(name), doc(options_name));
    let error = super::errors::method_error(op);
    quote! {
        #[doc = #plain_doc]
        #deprecated
        #allow_plain
        pub fn #method(&self, #(#params),*) -> ::core::result::Result<#plain_ok, #error> {
            crate::runtime::blocking::#wait(self.client, #on_async.#method(#(#names),*))
        }

        #[doc = #options_doc]
        #deprecated
        #allow_options
        pub fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<#options_ok, #error> {
            crate::runtime::blocking::#wait(self.client, #on_async.#with_options(#(#names,)* options))
        }
    }
}

#[cfg(test)]
mod tests {
    /// The blocking `Client` shares accessor names with the async one, so each of its
    /// methods must be one the accessor naming already avoids.
    #[test]
    fn blocking_client_methods_are_ones_accessors_avoid() {
        let source = super::super::RUNTIME_FILES
            .iter()
            .find(|(name, _)| *name == "blocking.rs")
            .expect("runtime/blocking.rs is embedded")
            .1;
        let start = source
            .find("\nimpl Client {")
            .expect("an `impl Client` block");
        let block = &source[start..];
        let block = &block[..block.find("\n}\n").expect("the block ends")];
        let mut methods: Vec<&str> = block
            .split("pub fn ")
            .skip(1)
            .map(|rest| rest.split(['(', '<']).next().unwrap_or_default())
            .collect();
        // Methods the `raw_requests!` macro defines: `name<...> -> ...;` lines.
        methods.extend(
            block
                .lines()
                .map(str::trim)
                .filter(|line| !line.starts_with("//") && line.contains("> -> "))
                .filter_map(|line| line.split('<').next()),
        );
        assert!(methods.len() >= 9, "{methods:?}");
        for method in methods {
            assert!(
                super::super::RUNTIME_CLIENT_METHODS.contains(&method),
                "blocking::Client::{method} is not among the async client's methods"
            );
        }
    }
}
