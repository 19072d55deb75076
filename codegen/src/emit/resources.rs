//! The client's operations: one accessor per path segment, one method per operation,
//! plus `_with_options` forms that take per-request options and return headers too.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::rustdoc_lines;
use super::format::Emitted;
use super::types::{ident, type_tokens_in, TypeIndex};
use crate::ir::{Api, Operation, Resource, ResponseKind, StreamFraming, StreamResponse, TypeRef};
use crate::Config;

use super::Layout;

/// Which client the resource structs hang off: the same tree, names and arguments
/// serve both, so the blocking methods are the async ones by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// `crate::runtime::Client`, methods `async`.
    Async,
    /// `crate::runtime::blocking::Client`, each method waiting for its async form.
    Blocking,
}

impl Flavor {
    fn client(self) -> TokenStream {
        match self {
            Flavor::Async => quote!(crate::runtime::Client),
            Flavor::Blocking => quote!(crate::runtime::blocking::Client),
        }
    }
}

/// `src/resources.rs`, or with [`Flavor::Blocking`] `src/blocking/resources.rs`,
/// formatted. With [`Layout::Direct`] each operation's methods are printed straight to
/// text where `print_resources.rs` can (the rest go through prettyplease).
pub(crate) fn resources_file(
    api: &Api,
    config: &Config,
    (index, plan): (&TypeIndex, &super::validate::Plan),
    flavor: Flavor,
    layout: Layout,
) -> Result<String, super::EmitError> {
    let gates = super::features::Gates::new(api);
    let mut items = Vec::new();
    // The client's accessors as text, while each of them can be printed directly.
    let mut printed: Option<Vec<String>> = (layout == Layout::Direct).then(Vec::new);
    let accessors: Vec<TokenStream> = api
        .resources
        .iter()
        .map(|resource| {
            let chain = Chain {
                segments: vec![resource.segment.clone()],
                accessors: vec![resource.accessor.clone()],
                flavor,
            };
            let groups = emit_node(
                &chain,
                resource,
                (api, config, index, plan, &gates),
                layout,
                &mut items,
            );
            let gate = gates.union_cfg(&groups);
            if let Some(texts) = &mut printed {
                let doc = format!(" Operations under `{}`.", resource.segment);
                let text = super::print_resources::accessor(
                    (&doc, gate.as_ref()),
                    &ident(&resource.accessor).to_string(),
                    (&ident(&resource.struct_name).to_string(), "'_"),
                    "self",
                );
                match text {
                    Some(text) => texts.push(text),
                    None => printed = None,
                }
            }
            let accessor = client_accessor(resource);
            quote!(#gate #accessor)
        })
        .collect();
    let header = match flavor {
        Flavor::Async => quote! {
            //! Operations, grouped by resource: one accessor per path segment, one method per operation.
        },
        Flavor::Blocking => super::blocking::resources_header(),
    };
    let client = flavor.client();
    let path = match flavor {
        Flavor::Async => "src/resources.rs",
        Flavor::Blocking => "src/blocking/resources.rs",
    };
    let header_text = format!("impl {}", client.to_string().replace(' ', ""));
    let client_impl = match printed
        .and_then(|texts| super::print_resources::accessor_impl(&header_text, &texts))
    {
        Some(text) => Emitted::Text(vec![text]),
        None => Emitted::Tokens(quote! {
            impl #client {
                #(#accessors)*
            }
        }),
    };
    let mut file = super::format::rust_file(header, path)?;
    file.push('\n');
    file.push_str(&super::format::gated_items(
        std::iter::once((client_impl, None)).chain(items),
        path,
    )?);
    Ok(file)
}

/// Where a resource struct is: the path segments from the client down, and the
/// accessor method that reaches each one.
struct Chain {
    segments: Vec<String>,
    accessors: Vec<String>,
    flavor: Flavor,
}

impl Chain {
    fn child(&self, segment: &str, accessor: &str) -> Chain {
        let mut child = Chain {
            segments: self.segments.clone(),
            accessors: self.accessors.clone(),
            flavor: self.flavor,
        };
        child.segments.push(segment.to_string());
        child.accessors.push(accessor.to_string());
        child
    }
}

fn client_accessor(resource: &Resource) -> TokenStream {
    let method = ident(&resource.accessor);
    let ty = ident(&resource.struct_name);
    let doc = format!(" Operations under `{}`.", resource.segment);
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> #ty<'_> {
            #ty { client: self }
        }
    }
}

/// Emits the resource struct for `node` and those below it; returns the feature
/// groups of the operations in the subtree, which the struct and its accessor need.
fn emit_node(
    chain: &Chain,
    resource: &Resource,
    (api, config, index, plan, gates): (
        &Api,
        &Config,
        &TypeIndex,
        &super::validate::Plan,
        &super::features::Gates,
    ),
    layout: Layout,
    items: &mut Vec<(Emitted, Option<TokenStream>)>,
) -> BTreeSet<usize> {
    let mut groups = BTreeSet::new();
    let struct_name = &resource.struct_name;
    let ty = ident(struct_name);
    let path = format!(" Operations under `/{}`.", chain.segments.join("/"));
    let mut methods = Vec::new();
    for child in &resource.children {
        let child_chain = chain.child(&child.segment, &child.accessor);
        let child_groups = emit_node(
            &child_chain,
            child,
            (api, config, index, plan, gates),
            layout,
            items,
        );
        groups.extend(child_groups.iter().copied());
        let child_ty = ident(&child.struct_name);
        let method = ident(&child.accessor);
        let doc = format!(" Operations under `/{}`.", child_chain.segments.join("/"));
        let tokens = quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #child_ty<'a> {
                #child_ty { client: self.client }
            }
        };
        methods.push((child_groups, tokens, (doc, method, child_ty)));
    }
    // Each operation's methods are an impl block of their own, behind its feature.
    let mut operations = Vec::new();
    for op in resource.operations.iter().map(|&i| &api.operations[i]) {
        groups.extend(gates.group_of(op));
        let gate = gates.operation_cfg(op);
        let methods = || operation_methods(op, config, (index, plan), chain, struct_name);
        let printed = match layout {
            Layout::Direct => super::print_resources::impl_block(struct_name, methods()),
            Layout::Prettyplease => None,
        };
        // A block that cannot be printed directly (rare) has its tokens built again.
        let item = match printed {
            Some(text) => Emitted::Text(vec![text]),
            None => {
                let op_methods = methods();
                Emitted::Tokens(quote! {
                    impl<'a> #ty<'a> {
                        #op_methods
                    }
                })
            }
        };
        operations.push((item, gate));
    }
    let client = chain.flavor.client();
    let gate = gates.union_cfg(&groups);
    // An accessor needs its own gate only when its subtree has fewer groups than this one.
    let child_gate = |child_groups: &BTreeSet<usize>| {
        (*child_groups != groups)
            .then(|| gates.union_cfg(child_groups))
            .flatten()
    };
    let printed = match layout {
        Layout::Direct => (|| {
            let accessors = methods
                .iter()
                .map(|(child_groups, _, (doc, method, child_ty))| {
                    super::print_resources::accessor(
                        (doc, child_gate(child_groups).as_ref()),
                        &method.to_string(),
                        (&child_ty.to_string(), "'a"),
                        "self.client",
                    )
                })
                .collect::<Option<Vec<String>>>()?;
            let definition = super::print_resources::resource_struct(
                &path,
                gate.as_ref(),
                &ty.to_string(),
                &client.to_string().replace(' ', ""),
            )?;
            let accessors = match accessors.is_empty() {
                true => None,
                false => Some(super::print_resources::accessor_impl(
                    &format!("impl<'a> {ty}<'a>"),
                    &accessors,
                )?),
            };
            Some((definition, accessors))
        })(),
        Layout::Prettyplease => None,
    };
    if let Some((definition, accessors)) = printed {
        items.push((Emitted::Text(vec![definition]), None));
        if let Some(accessors) = accessors {
            items.push((Emitted::Text(vec![accessors]), gate));
        }
        items.extend(operations);
        return groups;
    }
    let methods = methods.into_iter().map(|(child_groups, method, _)| {
        let child_gate = child_gate(&child_groups);
        quote!(#child_gate #method)
    });
    let methods: Vec<TokenStream> = methods.collect();
    let accessors = (!methods.is_empty()).then(|| {
        quote! {
            #gate
            impl<'a> #ty<'a> {
                #(#methods)*
            }
        }
    });
    let definition = quote! {
        #[doc = #path]
        #[derive(Debug, Clone, Copy)]
        #gate
        pub struct #ty<'a> {
            client: &'a #client,
        }

        #accessors
    };
    items.push((definition.into(), None));
    items.extend(operations);
    groups
}

/// The arguments an operation's methods take, in order: path parameters, query, body.
pub(super) struct Arguments {
    pub(super) params: Vec<TokenStream>,
    pub(super) names: Vec<TokenStream>,
    doc_params: Vec<String>,
    /// The accessor methods from the client down to the operation's resource.
    pub(super) accessors: Vec<String>,
    /// The resource struct the methods are on.
    pub(super) struct_name: String,
    flavor: Flavor,
    /// Runs `validate()` on the body and parameters when validation is on.
    check: TokenStream,
}

fn arguments(op: &Operation, config: &Config) -> Arguments {
    let types_prefix = quote!(crate::types::);
    let krate = ident(&config.crate_name.replace('-', "_"));
    let doc_prefix = quote!(#krate::types::);
    let mut out = Arguments {
        params: Vec::new(),
        names: Vec::new(),
        doc_params: Vec::new(),
        accessors: Vec::new(),
        check: TokenStream::new(),
        struct_name: String::new(),
        flavor: Flavor::Async,
    };
    let mut push = |name: &str, ty: TokenStream, doc_ty: TokenStream| {
        let arg = ident(name);
        out.params.push(quote!(#arg: #ty));
        out.names.push(quote!(#arg));
        out.doc_params
            .push(format!("{name}: {}", doc_type(&doc_ty)));
    };
    for param in &op.path_params {
        match &param.ty {
            TypeRef::String => push(&param.rust_name, quote!(&str), quote!(&str)),
            ty @ TypeRef::Named(_) => {
                let (ty, doc) = (
                    type_tokens_in(ty, &types_prefix),
                    type_tokens_in(ty, &doc_prefix),
                );
                push(&param.rust_name, quote!(&#ty), quote!(&#doc))
            }
            ty => push(
                &param.rust_name,
                type_tokens_in(ty, &types_prefix),
                type_tokens_in(ty, &doc_prefix),
            ),
        }
    }
    if let (Some(query), Some(argument)) = (&op.query, &op.query_argument) {
        let ty = TypeRef::Named(query.clone());
        let (ty, doc) = (
            type_tokens_in(&ty, &types_prefix),
            type_tokens_in(&ty, &doc_prefix),
        );
        push(argument, quote!(&#ty), quote!(&#doc));
    }
    if let Some(body) = &op.body {
        let (ty, doc) = super::bodies::argument_types(body, &quote!(#krate::));
        push("body", ty, doc);
    }
    out
}

/// A type as a reader would write it in a doc example: no token spacing
/// (`&my_api::types::X`, not `& my_api :: types :: X`), and std types by their prelude
/// names, which a doctest (a crate of its own) cannot have shadowed.
fn doc_type(tokens: &TokenStream) -> String {
    let mut text = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        ("& ", "&"),
        (" <", "<"),
        ("< ", "<"),
        (" >", ">"),
        (" ,", ","),
    ] {
        text = text.replace(from, to);
    }
    for long in [
        "::std::string::",
        "::std::vec::",
        "::std::boxed::",
        "::core::option::",
    ] {
        text = text.replace(long, "");
    }
    text.replace("::std::", "std::")
        .replace("::serde_json::", "serde_json::")
}

fn operation_methods(
    op: &Operation,
    config: &Config,
    (index, plan): (&TypeIndex, &super::validate::Plan),
    chain: &Chain,
    struct_name: &str,
) -> TokenStream {
    let mut args = arguments(op, config);
    args.accessors = chain.accessors.clone();
    args.struct_name = struct_name.to_string();
    args.flavor = chain.flavor;
    args.check = super::validate::request_check(op, index, plan);
    let mut out = TokenStream::new();
    if let (Some(response), Some(with_options)) = (&op.response, &op.with_options_method) {
        out.extend(plain_methods(op, &args, response, with_options, config));
    }
    if let (Some(name), Some(with_options)) =
        (&op.download_method, &op.download_with_options_method)
    {
        out.extend(download_methods(op, &args, (name, with_options), config));
    }
    if let (Some(stream), Some(name), Some(with_options)) = (
        &op.stream,
        &op.stream_method,
        &op.stream_with_options_method,
    ) {
        out.extend(stream_methods(
            op,
            &args,
            (name, with_options),
            stream,
            config,
            index,
        ));
    }
    out
}

fn request_tokens(op: &Operation, stream_flag: Option<&str>) -> TokenStream {
    let method = super::params::method_tokens(op);
    let params = super::params::params_tokens(op);
    let (body, payload) = super::bodies::request_fields(op);
    // Only what this operation sets is written; the rest comes from `Request::new`.
    let set: Vec<TokenStream> = [
        stream_flag.map(|flag| quote!(stream_flag: ::core::option::Option::Some(#flag))),
        payload.map(|payload| quote!(payload: #payload)),
        super::security::request_security(op).map(|security| quote!(security: #security)),
        super::servers::request_server(op).map(|server| quote!(server: #server)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let new = quote!(crate::runtime::Request::new(#method, __params, #body, options));
    let request = if set.is_empty() {
        new
    } else {
        quote!(crate::runtime::Request { #(#set,)* ..#new })
    };
    quote! {
        #params
        let __request = #request;
    }
}

/// `#[allow(clippy::too_many_arguments)]` for the plain and the `_with_options` method,
/// where `self`, the parameters (and the options) are more than clippy's limit of 7.
pub(super) fn many_arguments(args: &Arguments) -> (Option<TokenStream>, Option<TokenStream>) {
    let allow = || quote!(#[allow(clippy::too_many_arguments)]);
    let count = args.params.len() + 1;
    ((count > 7).then(allow), (count + 1 > 7).then(allow))
}

fn method_docs(
    op: &Operation,
    name: &str,
    args: &Arguments,
    config: &Config,
    extra: &str,
) -> TokenStream {
    let krate = config.crate_name.replace('-', "_");
    let mut lines: Vec<String> = op.docs.as_deref().map(rustdoc_lines).unwrap_or_default();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        " {}{extra}",
        super::text::code(&format!("{} {}", op.method, op.path))
    ));
    if let Some(line) = op.body.as_ref().and_then(super::bodies::body_doc) {
        lines.push(String::new());
        lines.push(line);
    }
    lines.push(String::new());
    lines.push(" ```no_run".to_string());
    if op.deprecated {
        lines.push(" # #[allow(deprecated)]".to_string());
    }
    let mut params = vec![format!("client: {krate}::Client")];
    params.extend(args.doc_params.iter().cloned());
    lines.push(format!(
        " # async fn example({}) -> Result<(), {krate}::Error> {{",
        params.join(", ")
    ));
    let call_args: Vec<String> = args.names.iter().map(ToString::to_string).collect();
    let chain: String = args
        .accessors
        .iter()
        .map(|accessor| format!(".{accessor}()"))
        .collect();
    lines.push(format!(
        " let _response = client{chain}.{name}({}).await?;",
        call_args.join(", ")
    ));
    lines.push(" # Ok(())".to_string());
    lines.push(" # }".to_string());
    lines.push(" ```".to_string());
    let deprecated = super::docs::deprecated_attr(op.deprecated);
    quote! { #( #[doc = #lines] )* #deprecated }
}

fn plain_methods(
    op: &Operation,
    args: &Arguments,
    response: &ResponseKind,
    options_name: &str,
    config: &Config,
) -> TokenStream {
    let types_prefix = quote!(crate::types::);
    let name = ident(&op.method_name);
    let with_options = ident(options_name);
    let params = &args.params;
    let names = &args.names;
    let (allow_plain, allow_options) = many_arguments(args);
    let (output, call) = match response {
        ResponseKind::Json(ty) => {
            let ty = type_tokens_in(ty, &types_prefix);
            (ty, quote!(self.client.execute(__request).await))
        }
        ResponseKind::Text => (
            quote!(String),
            quote!(self.client.execute_text(__request).await),
        ),
        ResponseKind::Bytes => (
            quote!(::bytes::Bytes),
            quote!(self.client.execute_bytes(__request).await),
        ),
        ResponseKind::Outcomes(outcomes) => {
            let ty = ident(&outcomes.name);
            (
                quote!(crate::outcomes::#ty),
                quote!(self.client.execute_outcome(__request).await),
            )
        }
        ResponseKind::Empty => (
            quote!(()),
            quote!(self
                .client
                .execute_bytes(__request)
                .await
                .map(|response| response.map(|_| ()))),
        ),
    };
    let with_options_ok = quote!(crate::runtime::ApiResponse<#output>);
    if args.flavor == Flavor::Blocking {
        let ok = super::blocking::Returns::Value(&output, &with_options_ok);
        return super::blocking::wrappers(op, args, (&op.method_name, options_name), ok);
    }
    let request = request_tokens(op, None);
    let check = &args.check;
    let error = super::errors::method_error(op);
    let docs = method_docs(op, &op.method_name, args, config, "");
    let deprecated = super::docs::deprecated_attr(op.deprecated);
    let options_doc = format!(
        " Like [`Self::{}`], with per-request options; also returns the status and headers.",
        op.method_name.trim_start_matches("r#")
    );
    let body = super::errors::method_body(op, quote!(#check #request), call);
    quote! {
        #docs
        #allow_plain
        pub async fn #name(&self, #(#params),*) -> ::core::result::Result<#output, #error> {
            self.#with_options(#(#names,)* &crate::runtime::RequestOptions::new())
                .await
                .map(crate::runtime::ApiResponse::into_body)
        }

        #[doc = #options_doc]
        #deprecated
        #allow_options
        pub async fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<crate::runtime::ApiResponse<#output>, #error> {
            #body
        }
    }
}

/// `{name}_download`: a binary response as a stream of chunks, for large files.
fn download_methods(
    op: &Operation,
    args: &Arguments,
    (name, options_name): (&str, &str),
    config: &Config,
) -> TokenStream {
    let method = ident(name);
    let with_options = ident(options_name);
    let params = &args.params;
    let names = &args.names;
    let (allow_plain, allow_options) = many_arguments(args);
    let stream_ty = quote!(crate::runtime::ByteStream);
    if args.flavor == Flavor::Blocking {
        return super::blocking::wrappers(
            op,
            args,
            (name, options_name),
            super::blocking::Returns::Stream(&stream_ty),
        );
    }
    let request = request_tokens(op, None);
    let check = &args.check;
    let error = super::errors::method_error(op);
    let docs = method_docs(op, name, args, config, ", streamed as chunks of bytes");
    let options_doc = format!(" Like [`Self::{name}`], with per-request options.");
    let body = super::errors::method_body(
        op,
        quote!(#check #request),
        quote!(self.client.execute_download(__request).await),
    );
    quote! {
        #docs
        #allow_plain
        pub async fn #method(&self, #(#params),*) -> ::core::result::Result<crate::runtime::ByteStream, #error> {
            self.#with_options(#(#names,)* &crate::runtime::RequestOptions::new()).await
        }

        #[doc = #options_doc]
        #allow_options
        pub async fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<crate::runtime::ByteStream, #error> {
            #body
        }
    }
}

fn stream_methods(
    op: &Operation,
    args: &Arguments,
    (name, options_name): (&str, &str),
    stream: &StreamResponse,
    config: &Config,
    index: &TypeIndex,
) -> TokenStream {
    let (framing, item, alongside_json) = (stream.framing, &stream.item, stream.alongside_json);
    let method = ident(name);
    let with_options = ident(options_name);
    let params = &args.params;
    let names = &args.names;
    let (allow_plain, allow_options) = many_arguments(args);
    let item = type_tokens_in(item, &quote!(crate::types::));
    let (stream_ty, execute) = match framing {
        StreamFraming::Sse => (
            quote!(crate::runtime::SseStream<#item>),
            quote!(execute_sse),
        ),
        StreamFraming::Ndjson => (
            quote!(crate::runtime::NdjsonStream<#item>),
            quote!(execute_ndjson),
        ),
    };
    if args.flavor == Flavor::Blocking {
        return super::blocking::wrappers(
            op,
            args,
            (name, options_name),
            super::blocking::Returns::Stream(&stream_ty),
        );
    }
    // The flag is only sent to an operation whose body declares it as a boolean.
    let body_has_flag = |flag: &str| {
        let body = match op.body.as_ref().map(|b| &b.kind) {
            Some(crate::ir::BodyKind::Json(ty)) => Some(index.canonical(ty)),
            _ => None,
        };
        let Some(TypeRef::Named(name)) = body else {
            return false;
        };
        matches!(
            index.get(&name).map(|d| &d.kind),
            Some(crate::ir::TypeKind::Struct(s))
                if s.fields.iter().any(|f| f.json_name == flag && f.ty == TypeRef::Bool)
        )
    };
    let flag = if alongside_json {
        config
            .stream
            .request_flag
            .as_deref()
            .filter(|flag| body_has_flag(flag))
    } else {
        None
    };
    // Events told apart by their SSE name are decoded together with that name.
    let envelope = if stream.events {
        quote!(.map(crate::runtime::SseStream::with_event_envelope))
    } else {
        quote!()
    };
    let request = request_tokens(op, flag);
    let check = &args.check;
    let error = super::errors::method_error(op);
    let extra = match flag {
        Some(flag) => format!(", streamed (sends `\"{flag}\": true`)"),
        None => ", streamed".to_string(),
    };
    let mut docs = method_docs(op, name, args, config, &extra);
    docs.extend(accumulate_doc(op, config));
    let deprecated = super::docs::deprecated_attr(op.deprecated);
    let options_doc = format!(
        " Like [`Self::{}`], with per-request options.",
        name.trim_start_matches("r#")
    );
    let body = super::errors::method_body(
        op,
        quote!(#check #request),
        quote!(self.client.#execute(__request).await #envelope),
    );
    quote! {
        #docs
        #allow_plain
        pub async fn #method(&self, #(#params),*) -> ::core::result::Result<#stream_ty, #error> {
            self.#with_options(#(#names,)* &crate::runtime::RequestOptions::new()).await
        }

        #[doc = #options_doc]
        #deprecated
        #allow_options
        pub async fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<#stream_ty, #error> {
            #body
        }
    }
}

/// Where the config says how a folded chunk becomes the non-streaming response, the
/// stream method's docs say how to get that response from the stream.
fn accumulate_doc(op: &Operation, config: &Config) -> TokenStream {
    let into = &config.stream.accumulate.into;
    if into.rename.is_empty() && into.set.is_empty() {
        return TokenStream::new();
    }
    let Some(ResponseKind::Json(TypeRef::Named(ty))) = &op.response else {
        return TokenStream::new();
    };
    let lines = [
        String::new(),
        format!(
            " `.accumulate_into::<types::{ty}>()` on the stream folds its chunks into the \
             [`{ty}`](crate::types::{ty}) that [`Self::{}`] returns.",
            op.method_name.trim_start_matches("r#")
        ),
    ];
    quote! { #( #[doc = #lines] )* }
}
