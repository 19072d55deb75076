//! The client's operations: one accessor per path segment, one method per operation,
//! plus `_with_options` forms that take per-request options and return headers too.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::rustdoc_lines;
use super::types::{ident, type_tokens_in, TypeIndex};
use crate::ir::{Api, Operation, ResponseKind, StreamFraming, StreamResponse, TypeRef};
use crate::lower::pascal;
use crate::Config;

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

/// A node in the tree of path segments.
#[derive(Default)]
struct Node<'a> {
    children: BTreeMap<String, Node<'a>>,
    operations: Vec<&'a Operation>,
}

/// `src/resources.rs`.
pub(crate) fn resources_file(api: &Api, config: &Config, index: &TypeIndex) -> TokenStream {
    let mut root = Node::default();
    for op in &api.operations {
        let mut node = &mut root;
        for segment in &op.resource {
            node = node.children.entry(segment.clone()).or_default();
        }
        node.operations.push(op);
    }
    let mut names = crate::lower::NameTable::with_reserved(IMPORTED.iter().copied());
    let mut items = Vec::new();
    let accessors: Vec<TokenStream> = root
        .children
        .iter()
        .map(|(segment, child)| {
            let struct_name = names.claim(&pascal(segment));
            emit_node(
                std::slice::from_ref(segment),
                &struct_name,
                child,
                config,
                index,
                &mut names,
                &mut items,
            );
            client_accessor(segment, &struct_name)
        })
        .collect();
    quote! {
        //! Operations, grouped by resource: one accessor per path segment, one method per operation.
        #[allow(unused_imports)]
        use crate::runtime::{ApiResponse, Client, Error, NdjsonStream, Request, RequestOptions, SseStream};
        #[allow(unused_imports)]
        use crate::types;

        impl Client {
            #(#accessors)*
        }

        #(#items)*
    }
}

/// The method on `Client` that reaches the top-level resource `segment`, renamed when
/// the runtime's `Client` already has a method of that name.
fn client_accessor_name(segment: &str) -> String {
    let name = crate::lower::snake(segment);
    if super::RUNTIME_CLIENT_METHODS.contains(&name.as_str()) {
        format!("{name}_api")
    } else {
        name
    }
}

fn client_accessor(segment: &str, struct_name: &str) -> TokenStream {
    let method = ident(&client_accessor_name(segment));
    let ty = ident(struct_name);
    let doc = format!(" Operations under `{segment}`.");
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> #ty<'_> {
            #ty { client: self }
        }
    }
}

fn emit_node(
    chain: &[String],
    struct_name: &str,
    node: &Node,
    config: &Config,
    index: &TypeIndex,
    names: &mut crate::lower::NameTable,
    items: &mut Vec<TokenStream>,
) {
    let ty = ident(struct_name);
    let path = format!(" Operations under `/{}`.", chain.join("/"));
    let mut methods = Vec::new();
    for (segment, child) in &node.children {
        let mut child_chain = chain.to_vec();
        child_chain.push(segment.clone());
        let child_name = names.claim(&format!("{struct_name}{}", pascal(segment)));
        emit_node(
            &child_chain,
            &child_name,
            child,
            config,
            index,
            names,
            items,
        );
        let child_ty = ident(&child_name);
        let method = ident(&crate::lower::snake(segment));
        let doc = format!(" Operations under `/{}`.", child_chain.join("/"));
        methods.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #child_ty<'a> {
                #child_ty { client: self.client }
            }
        });
    }
    for op in &node.operations {
        methods.push(operation_methods(op, config, index));
    }
    items.push(quote! {
        #[doc = #path]
        #[derive(Debug, Clone, Copy)]
        pub struct #ty<'a> {
            client: &'a Client,
        }

        impl<'a> #ty<'a> {
            #(#methods)*
        }
    });
}

/// The arguments an operation's methods take, in order: path parameters, query, body.
struct Arguments {
    params: Vec<TokenStream>,
    names: Vec<TokenStream>,
    doc_params: Vec<String>,
}

fn arguments(op: &Operation, config: &Config) -> Arguments {
    let types_prefix = quote!(types::);
    let krate = ident(&config.crate_name.replace('-', "_"));
    let doc_prefix = quote!(#krate::types::);
    let mut out = Arguments {
        params: Vec::new(),
        names: Vec::new(),
        doc_params: Vec::new(),
    };
    let mut push = |name: &str, ty: TokenStream, doc_ty: TokenStream| {
        let arg = ident(name);
        out.params.push(quote!(#arg: #ty));
        out.names.push(quote!(#arg));
        out.doc_params.push(format!("{name}: {doc_ty}"));
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
        push("query", quote!(&#ty), quote!(&#doc));
    }
    if let Some(body) = &op.body {
        let (ty, doc) = (
            type_tokens_in(&body.ty, &types_prefix),
            type_tokens_in(&body.ty, &doc_prefix),
        );
        push("body", quote!(&#ty), quote!(&#doc));
    }
    out
}

fn operation_methods(op: &Operation, config: &Config, index: &TypeIndex) -> TokenStream {
    let args = arguments(op, config);
    let mut out = TokenStream::new();
    if let Some(response) = &op.response {
        out.extend(plain_methods(op, &args, response, config, index));
    }
    if let Some(stream) = &op.stream {
        let name = if op.response.is_some() {
            format!("{}_stream", op.method_name)
        } else {
            op.method_name.clone()
        };
        out.extend(stream_methods(op, &args, &name, stream, config, index));
    }
    out
}

fn request_tokens(op: &Operation, index: &TypeIndex, stream_flag: Option<&str>) -> TokenStream {
    let method = format_ident!("{}", op.method);
    let path = if op.path_params.is_empty() {
        let path = &op.path;
        quote!(#path.to_string())
    } else {
        let mut template = op.path.clone();
        for param in &op.path_params {
            template = template.replace(&format!("{{{}}}", param.name), "{}");
        }
        let values = op.path_params.iter().map(|p| {
            let name = ident(&p.rust_name);
            quote!(crate::runtime::serde_support::path_segment(&#name))
        });
        quote!(format!(#template, #(#values),*))
    };
    let fixed = op
        .fixed_query
        .iter()
        .map(|(k, v)| quote!((#k, #v.to_string())));
    let mut pushes = Vec::new();
    let query_fields = query_fields(op, index);
    let query_fields = query_fields.iter().map(|(json, rust, required, list)| {
        let field = ident(rust);
        // Arrays are sent as OpenAPI's default (form, explode): the key once per item.
        let push = if *list {
            quote! {
                for item in value {
                    query_pairs.push((#json, crate::runtime::serde_support::param_text(item)));
                }
            }
        } else {
            quote! { query_pairs.push((#json, crate::runtime::serde_support::param_text(value))); }
        };
        if *required {
            quote! { let value = &query.#field; #push }
        } else {
            quote! {
                if let Some(value) = &query.#field {
                    #push
                }
            }
        }
    });
    pushes.extend(query_fields);
    let query_init = if pushes.is_empty() {
        quote! { let query_pairs = vec![#(#fixed),*]; }
    } else {
        quote! {
            #[allow(clippy::vec_init_then_push)]
            let mut query_pairs: Vec<(&'static str, String)> = vec![#(#fixed),*];
            #(#pushes)*
        }
    };
    let body = if op.body.is_some() {
        quote!(Some(body))
    } else {
        quote!(None::<&()>)
    };
    let flag = match stream_flag {
        Some(flag) => quote!(Some(#flag)),
        None => quote!(None),
    };
    let security = super::security::request_security(op);
    let server = super::servers::request_server(op);
    quote! {
        #query_init
        let request = Request {
            method: reqwest::Method::#method,
            path: #path,
            query: query_pairs,
            body: #body,
            options,
            stream_flag: #flag,
            security: #security,
            server: #server,
        };
    }
}

/// `(json name, field name, required)` of each query parameter.
fn query_fields(op: &Operation, index: &TypeIndex) -> Vec<(String, String, bool, bool)> {
    let Some(crate::ir::TypeKind::Struct(query)) = op
        .query
        .as_deref()
        .and_then(|q| index.get(q))
        .map(|d| &d.kind)
    else {
        return Vec::new();
    };
    query
        .fields
        .iter()
        .map(|f| {
            let list = matches!(index.canonical(&f.ty), TypeRef::List(_));
            (f.json_name.clone(), f.rust_name.clone(), f.required, list)
        })
        .collect()
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
    lines.push(format!(" `{} {}`{extra}", op.method, op.path));
    lines.push(String::new());
    lines.push(" ```no_run".to_string());
    let mut params = vec![format!("client: {krate}::Client")];
    params.extend(args.doc_params.iter().cloned());
    lines.push(format!(
        " # async fn example({}) -> Result<(), {krate}::Error> {{",
        params.join(", ")
    ));
    let call_args: Vec<String> = args.names.iter().map(ToString::to_string).collect();
    let chain: String = op
        .resource
        .iter()
        .enumerate()
        .map(|(i, s)| match i {
            0 => format!(".{}()", client_accessor_name(s)),
            _ => format!(".{}()", crate::lower::snake(s)),
        })
        .collect();
    lines.push(format!(
        " let _response = client{chain}.{name}({}).await?;",
        call_args.join(", ")
    ));
    lines.push(" # Ok(())".to_string());
    lines.push(" # }".to_string());
    lines.push(" ```".to_string());
    quote! { #( #[doc = #lines] )* }
}

fn plain_methods(
    op: &Operation,
    args: &Arguments,
    response: &ResponseKind,
    config: &Config,
    index: &TypeIndex,
) -> TokenStream {
    let types_prefix = quote!(types::);
    let name = ident(&op.method_name);
    let with_options = format_ident!("{}_with_options", op.method_name.trim_start_matches("r#"));
    let params = &args.params;
    let names = &args.names;
    let (output, call) = match response {
        ResponseKind::Json(ty) => {
            let ty = type_tokens_in(ty, &types_prefix);
            (ty, quote!(self.client.execute(request).await))
        }
        ResponseKind::Bytes => (
            quote!(bytes::Bytes),
            quote!(self.client.execute_bytes(request).await),
        ),
        ResponseKind::Empty => (
            quote!(()),
            quote!(self
                .client
                .execute_bytes(request)
                .await
                .map(|response| response.map(|_| ()))),
        ),
    };
    let request = request_tokens(op, index, None);
    let docs = method_docs(op, &op.method_name, args, config, "");
    let options_doc = format!(
        " Like [`Self::{}`], with per-request options; also returns the status and headers.",
        op.method_name.trim_start_matches("r#")
    );
    quote! {
        #docs
        pub async fn #name(&self, #(#params),*) -> Result<#output, Error> {
            self.#with_options(#(#names,)* &RequestOptions::default()).await.map(ApiResponse::into_body)
        }

        #[doc = #options_doc]
        pub async fn #with_options(&self, #(#params,)* options: &RequestOptions) -> Result<ApiResponse<#output>, Error> {
            #request
            #call
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
    let with_options = format_ident!("{}_with_options", name.trim_start_matches("r#"));
    let params = &args.params;
    let names = &args.names;
    let item = type_tokens_in(item, &quote!(types::));
    let (stream_ty, execute) = match framing {
        StreamFraming::Sse => (quote!(SseStream<#item>), quote!(execute_sse)),
        StreamFraming::Ndjson => (quote!(NdjsonStream<#item>), quote!(execute_ndjson)),
    };
    // The flag is only sent to an operation whose body declares it as a boolean.
    let body_has_flag = |flag: &str| {
        let body = op.body.as_ref().map(|b| index.canonical(&b.ty));
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
    let request = request_tokens(op, index, flag);
    let extra = match flag {
        Some(flag) => format!(", streamed (sends `\"{flag}\": true`)"),
        None => ", streamed".to_string(),
    };
    let docs = method_docs(op, name, args, config, &extra);
    let options_doc = format!(
        " Like [`Self::{}`], with per-request options.",
        name.trim_start_matches("r#")
    );
    quote! {
        #docs
        pub async fn #method(&self, #(#params),*) -> Result<#stream_ty, Error> {
            self.#with_options(#(#names,)* &RequestOptions::default()).await
        }

        #[doc = #options_doc]
        pub async fn #with_options(&self, #(#params,)* options: &RequestOptions) -> Result<#stream_ty, Error> {
            #request
            self.client.#execute(request).await
        }
    }
}
