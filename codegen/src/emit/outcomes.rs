//! `src/outcomes.rs`: the success outcome enums ([`crate::ir::Outcomes`]) of operations
//! whose 2xx responses differ in shape, each decoded by the status that arrives.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::rustdoc_lines;
use super::error::EmitError;
use super::features::Gates;
use super::text::code;
use super::types::{ident, type_tokens_in};
use crate::ir::{Api, OutcomeVariant, Outcomes, ResponseKind, StatusKey};

/// `src/outcomes.rs`, or `None` when every operation has one success shape. Each enum
/// is behind its operation's cargo feature.
pub(crate) fn outcomes_file(api: &Api, gates: &Gates) -> Result<Option<String>, EmitError> {
    let items: Vec<(TokenStream, Option<TokenStream>)> = api
        .operations
        .iter()
        .filter_map(|op| match &op.response {
            Some(ResponseKind::Outcomes(outcomes)) => Some((
                outcome_type(outcomes, &code(&format!("{} {}", op.method, op.path))),
                gates.operation_cfg(op),
            )),
            _ => None,
        })
        .collect();
    if items.is_empty() {
        return Ok(None);
    }
    let header = quote! {
        //! Success outcomes: for operations whose success statuses return different
        //! bodies, one variant per status, chosen by the status the server sent.
    };
    let path = "src/outcomes.rs";
    let mut file = super::format::rust_file(header, path)?;
    file.push('\n');
    file.push_str(&super::format::gated_items(
        items.into_iter().map(|(t, g)| (t.into(), g)),
        path,
    )?);
    Ok(Some(file))
}

/// Whether the crate has an `outcomes` module.
pub(crate) fn has_outcomes(api: &Api) -> bool {
    api.operations
        .iter()
        .any(|op| matches!(op.response, Some(ResponseKind::Outcomes(_))))
}

fn outcome_type(outcomes: &Outcomes, route: &str) -> TokenStream {
    let name = ident(&outcomes.name);
    let doc = format!(" The successful responses of {route}, by status.");
    let prefix = quote!(crate::types::);
    let variants = outcomes.variants.iter().map(|v| {
        let variant = ident(&v.name);
        let mut lines = vec![format!(" {}", status_text(v.status))];
        if let Some(docs) = &v.docs {
            lines.push(String::new());
            lines.extend(rustdoc_lines(docs));
        }
        match &v.body {
            Some(body) => {
                let body = type_tokens_in(body, &prefix);
                quote! { #( #[doc = #lines] )* #variant(#body), }
            }
            None => quote! { #( #[doc = #lines] )* #variant, },
        }
    });
    let arms = outcomes.variants.iter().map(|v| {
        let pattern = super::errors::status_pattern(v.status);
        let value = variant_value(v);
        quote!(#pattern => #value,)
    });
    let fallback = (!outcomes
        .variants
        .iter()
        .any(|v| v.status == StatusKey::Default))
    .then(|| quote!(_ => ::core::result::Result::Err(crate::runtime::outcome::undeclared(status, body)),));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub enum #name {
            #(#variants)*
        }

        impl crate::runtime::Outcome for #name {
            fn from_response(
                status: crate::runtime::StatusCode,
                body: &[u8],
            ) -> ::core::result::Result<Self, crate::runtime::Error> {
                match status.as_u16() {
                    #(#arms)*
                    #fallback
                }
            }
        }
    }
}

/// The variant a status gives: decoded from the body when it has a JSON one.
fn variant_value(v: &OutcomeVariant) -> TokenStream {
    let variant = ident(&v.name);
    match v.body {
        Some(_) => quote!(crate::runtime::outcome::decode_json(body).map(Self::#variant)),
        None => quote!(::core::result::Result::Ok(Self::#variant)),
    }
}

fn status_text(status: StatusKey) -> String {
    match status {
        StatusKey::Code(code) => format!("Status `{code}`."),
        StatusKey::Range(digit) => format!("Any `{digit}XX` status not listed above."),
        StatusKey::Default => "Any other status.".to_string(),
    }
}
