//! The client's operations: one accessor per path segment, one method per operation,
//! plus `_with_options` forms that take per-request options and return headers too.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::rustdoc_lines;
use super::resource_tree::{Resource, ResourceTree};
use super::types::{ident, type_tokens_in, TypeIndex};
use crate::ir::{Operation, ResponseKind, StreamFraming, StreamResponse, TypeRef};
use crate::Config;

/// The module docs and the client's accessors for the top-level resources: the first
/// item of `src/resources.rs`.
pub(crate) fn resources_header(tree: &ResourceTree) -> TokenStream {
    let accessors = tree
        .top
        .iter()
        .map(|a| client_accessor(&a.segment, &a.method, &a.struct_name));
    quote! {
        //! Operations, grouped by resource: one accessor per path segment, one method per operation.

        impl crate::runtime::Client {
            #(#accessors)*
        }
    }
}

fn client_accessor(segment: &str, accessor: &str, struct_name: &str) -> TokenStream {
    let method = ident(accessor);
    let ty = ident(struct_name);
    let doc = format!(" Operations under `{segment}`.");
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> #ty<'_> {
            #ty { client: self }
        }
    }
}

/// One resource struct with its accessors and operation methods.
pub(crate) fn resource_item(
    resource: &Resource,
    config: &Config,
    index: &TypeIndex,
) -> TokenStream {
    let ty = ident(&resource.struct_name);
    let path = format!(" Operations under `/{}`.", resource.path);
    let mut methods = Vec::new();
    for child in &resource.children {
        let child_ty = ident(&child.struct_name);
        let method = ident(&child.method);
        let doc = format!(" Operations under `/{}`.", child.path);
        methods.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #child_ty<'a> {
                #child_ty { client: self.client }
            }
        });
    }
    for op in &resource.operations {
        methods.push(operation_methods(op, config, index, &resource.accessors));
    }
    quote! {
        #[doc = #path]
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            client: &'a crate::runtime::Client,
        }

        impl<'a> #ty<'a> {
            #(#methods)*
        }
    }
}

/// The arguments an operation's methods take, in order: path parameters, query, body.
struct Arguments {
    params: Vec<TokenStream>,
    names: Vec<TokenStream>,
    doc_params: Vec<String>,
    /// The accessor methods from the client down to the operation's resource.
    accessors: Vec<String>,
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
    if let Some(query) = &op.query {
        let ty = TypeRef::Named(query.clone());
        let (ty, doc) = (
            type_tokens_in(&ty, &types_prefix),
            type_tokens_in(&ty, &doc_prefix),
        );
        push(
            super::params::struct_argument(op),
            quote!(&#ty),
            quote!(&#doc),
        );
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
    index: &TypeIndex,
    accessors: &[String],
) -> TokenStream {
    let mut args = arguments(op, config);
    args.accessors = accessors.to_vec();
    let mut out = TokenStream::new();
    if let Some(response) = &op.response {
        out.extend(plain_methods(op, &args, response, config));
        if *response == ResponseKind::Bytes {
            out.extend(download_methods(op, &args, config));
        }
    }
    if let Some(stream) = &op.stream {
        let name = crate::lower::stream_method_name(&op.method_name, op.response.is_some());
        out.extend(stream_methods(op, &args, &name, stream, config, index));
    }
    out
}

fn request_tokens(op: &Operation, stream_flag: Option<&str>) -> TokenStream {
    let method = super::params::method_tokens(op);
    let params = super::params::params_tokens(op);
    let (body, payload) = super::bodies::request_fields(op);
    let flag = match stream_flag {
        Some(flag) => quote!(::core::option::Option::Some(#flag)),
        None => quote!(::core::option::Option::None),
    };
    let security = super::security::request_security(op);
    let server = super::servers::request_server(op);
    quote! {
        #params
        let __request = crate::runtime::Request {
            method: #method,
            params: __params,
            body: #body,
            options,
            stream_flag: #flag,
            payload: #payload,
            security: #security,
            server: #server,
        };
    }
}

/// `#[allow(clippy::too_many_arguments)]` for the plain and the `_with_options` method,
/// where `self`, the parameters (and the options) are more than clippy's limit of 7.
fn many_arguments(args: &Arguments) -> (Option<TokenStream>, Option<TokenStream>) {
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
    config: &Config,
) -> TokenStream {
    let types_prefix = quote!(crate::types::);
    let name = ident(&op.method_name);
    let with_options = ident(&crate::lower::suffixed(&op.method_name, "with_options"));
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
        ResponseKind::Empty => (
            quote!(()),
            quote!(self
                .client
                .execute_bytes(__request)
                .await
                .map(|response| response.map(|_| ()))),
        ),
    };
    let request = request_tokens(op, None);
    let docs = method_docs(op, &op.method_name, args, config, "");
    let deprecated = super::docs::deprecated_attr(op.deprecated);
    let options_doc = format!(
        " Like [`Self::{}`], with per-request options; also returns the status and headers.",
        op.method_name.trim_start_matches("r#")
    );
    quote! {
        #docs
        #allow_plain
        pub async fn #name(&self, #(#params),*) -> ::core::result::Result<#output, crate::runtime::Error> {
            self.#with_options(#(#names,)* &crate::runtime::RequestOptions::new())
                .await
                .map(crate::runtime::ApiResponse::into_body)
        }

        #[doc = #options_doc]
        #deprecated
        #allow_options
        pub async fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<crate::runtime::ApiResponse<#output>, crate::runtime::Error> {
            #request
            #call
        }
    }
}

/// `{name}_download`: a binary response as a stream of chunks, for large files.
fn download_methods(op: &Operation, args: &Arguments, config: &Config) -> TokenStream {
    let name = format!("{}_download", op.method_name.trim_start_matches("r#"));
    let method = ident(&name);
    let with_options = ident(&crate::lower::suffixed(&name, "with_options"));
    let params = &args.params;
    let names = &args.names;
    let (allow_plain, allow_options) = many_arguments(args);
    let request = request_tokens(op, None);
    let docs = method_docs(op, &name, args, config, ", streamed as chunks of bytes");
    let options_doc = format!(" Like [`Self::{name}`], with per-request options.");
    quote! {
        #docs
        #allow_plain
        pub async fn #method(&self, #(#params),*) -> ::core::result::Result<crate::runtime::ByteStream, crate::runtime::Error> {
            self.#with_options(#(#names,)* &crate::runtime::RequestOptions::new()).await
        }

        #[doc = #options_doc]
        #allow_options
        pub async fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<crate::runtime::ByteStream, crate::runtime::Error> {
            #request
            self.client.execute_download(__request).await
        }
    }
}

fn stream_methods(
    op: &Operation,
    args: &Arguments,
    name: &str,
    stream: &StreamResponse,
    config: &Config,
    index: &TypeIndex,
) -> TokenStream {
    let (framing, item, alongside_json) = (stream.framing, &stream.item, stream.alongside_json);
    let method = ident(name);
    let with_options = ident(&crate::lower::suffixed(name, "with_options"));
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
    quote! {
        #docs
        #allow_plain
        pub async fn #method(&self, #(#params),*) -> ::core::result::Result<#stream_ty, crate::runtime::Error> {
            self.#with_options(#(#names,)* &crate::runtime::RequestOptions::new()).await
        }

        #[doc = #options_doc]
        #deprecated
        #allow_options
        pub async fn #with_options(&self, #(#params,)* options: &crate::runtime::RequestOptions) -> ::core::result::Result<#stream_ty, crate::runtime::Error> {
            #request
            self.client.#execute(__request).await #envelope
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
