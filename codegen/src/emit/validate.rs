//! `validate()` for request types: `impl Validate` for each type a request body or a
//! parameters struct reaches that (itself or through what it holds) carries a bound,
//! in a private `src/validation.rs`, and the check an operation runs before sending.
//!
//! Types without any bound get no impl, so specs that declare few bounds pay little;
//! the check is emitted only where the request can break one. Patterns are compiled
//! once each, on first use, by the `regex` crate, which only crates with a pattern
//! check depend on.

use std::collections::{BTreeMap, HashMap, HashSet};

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::types::{ident, TypeIndex};
use crate::ir::{Api, Constraints, Extra, Field, Number, Operation, TypeDef, TypeKind, TypeRef};

/// Which types get an impl, decided once per crate.
pub(crate) struct Plan {
    /// Named types (structs and unions) with a `Validate` impl.
    validated: HashSet<String>,
    /// Whether any impl checks a pattern (the crate then depends on `regex`).
    uses_regex: bool,
}

/// Alias chains and nested type expressions are followed at most this deep.
const MAX_DEPTH: usize = 32;

impl Plan {
    /// The types reachable from a request that hold a bound, directly or below.
    pub(crate) fn new(api: &Api, index: &TypeIndex) -> Plan {
        let reachable = request_types(api, index);
        // Reverse edges among request types, so "holds a validated type" spreads from
        // the types with bounds of their own in one pass.
        let mut users: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut work: Vec<&str> = Vec::new();
        let nothing = Plan {
            validated: HashSet::new(),
            uses_regex: false,
        };
        let mut uses_regex = false;
        for &name in &reachable {
            let Some(def) = index.get(name) else { continue };
            let mut held = Vec::new();
            children(def, index, &mut held);
            for child in held {
                users.entry(child).or_default().push(name);
            }
            let mut ctx = Ctx::new(index, &nothing);
            if !type_body(def, &mut ctx).is_empty() {
                uses_regex |= !ctx.patterns.is_empty();
                work.push(name);
            }
        }
        // Path parameters are checked in the operation itself.
        for param in api.operations.iter().flat_map(|op| &op.path_params) {
            let mut ctx = Ctx::new(index, &nothing);
            value_checks(&param.ty, &param.constraints, &mut ctx, 0);
            uses_regex |= !ctx.patterns.is_empty();
        }
        let mut validated: HashSet<String> = HashSet::new();
        while let Some(name) = work.pop() {
            if validated.insert(name.to_string()) {
                work.extend(users.get(name).into_iter().flatten().copied());
            }
        }
        Plan {
            validated,
            uses_regex,
        }
    }

    /// Whether a value of `ty` has something to check.
    fn covers(&self, ty: &TypeRef, index: &TypeIndex, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return false;
        }
        match index.canonical(ty) {
            TypeRef::Named(name) => self.validated.contains(&name),
            TypeRef::List(inner) | TypeRef::Nullable(inner) | TypeRef::Map(inner) => {
                self.covers(&inner, index, depth + 1)
            }
            _ => false,
        }
    }
}

/// The type names a request body or parameters struct reaches (structs and unions).
fn request_types<'a>(api: &'a Api, index: &TypeIndex<'a>) -> Vec<&'a str> {
    let mut work: Vec<&'a str> = Vec::new();
    for op in &api.operations {
        if let Some(ty) = op.body.as_ref().and_then(crate::ir::Body::value_type) {
            named_in(ty, index, &mut work, 0);
        }
        if let Some(query) = &op.query {
            named_in(&TypeRef::Named(query.clone()), index, &mut work, 0);
        }
    }
    let mut seen: HashSet<&'a str> = HashSet::new();
    let mut out = Vec::new();
    while let Some(name) = work.pop() {
        if !seen.insert(name) {
            continue;
        }
        out.push(name);
        if let Some(def) = index.get(name) {
            children(def, index, &mut work);
        }
    }
    out.sort_unstable();
    out
}

/// The structs and unions a named type holds, directly or through aliases.
fn children<'a>(def: &TypeDef, index: &TypeIndex<'a>, out: &mut Vec<&'a str>) {
    match &def.kind {
        TypeKind::Struct(s) => {
            for field in &s.fields {
                named_in(&field.ty, index, out, 0);
            }
            if let Extra::Typed(ty) = &s.extra {
                named_in(ty, index, out, 0);
            }
        }
        TypeKind::Untagged(u) => u
            .variants
            .iter()
            .for_each(|v| named_in(&v.ty, index, out, 0)),
        TypeKind::Tagged(u) => {
            for v in &u.variants {
                named_in(&TypeRef::Named(v.ty.clone()), index, out, 0);
            }
        }
        TypeKind::Alias(ty) => named_in(ty, index, out, 0),
        TypeKind::Enum(_) => {}
    }
}

/// The structs and unions named in `ty`, with aliases followed.
fn named_in<'a>(ty: &TypeRef, index: &TypeIndex<'a>, out: &mut Vec<&'a str>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match ty {
        TypeRef::Named(name) => {
            if let Some(def) = index.get(name) {
                match &def.kind {
                    TypeKind::Alias(target) => named_in(target, index, out, depth + 1),
                    TypeKind::Enum(_) => {}
                    _ => out.push(def.name.as_str()),
                }
            }
        }
        TypeRef::List(inner) | TypeRef::Nullable(inner) | TypeRef::Map(inner) => {
            named_in(inner, index, out, depth + 1)
        }
        _ => {}
    }
}

/// What emission of one impl needs: the plan, and the patterns met so far.
struct Ctx<'p, 'a> {
    index: &'p TypeIndex<'a>,
    plan: &'p Plan,
    /// Pattern (in `regex` syntax) -> its number, in order of first use.
    patterns: BTreeMap<String, usize>,
}

impl<'p, 'a> Ctx<'p, 'a> {
    fn new(index: &'p TypeIndex<'a>, plan: &'p Plan) -> Self {
        Ctx {
            index,
            plan,
            patterns: BTreeMap::new(),
        }
    }

    fn pattern_fn(&mut self, regex: String) -> proc_macro2::Ident {
        let next = self.patterns.len();
        let n = *self.patterns.entry(regex).or_insert(next);
        ident(&format!("pattern_{n}"))
    }
}

/// `src/validation.rs`, or `None` when no request type has anything to check.
pub(crate) fn validation_file(
    api: &Api,
    index: &TypeIndex,
    plan: &Plan,
    gates: &super::features::Gates,
) -> Option<TokenStream> {
    if plan.validated.is_empty() {
        return None;
    }
    let mut ctx = Ctx::new(index, plan);
    let mut impls = Vec::new();
    for def in &api.types {
        if !plan.validated.contains(&def.name) {
            continue;
        }
        let body = type_body(def, &mut ctx);
        let name = ident(&def.name);
        // Behind the same cargo features as the type it is for.
        let gate = gates.type_cfg(&def.name);
        impls.push(quote! {
            #gate
            impl crate::runtime::Validate for crate::types::#name {
                fn validate_into(&self, __v: &mut crate::runtime::validate::Violations) {
                    #body
                }
            }
        });
    }
    let mut patterns: Vec<(String, usize)> = ctx.patterns.into_iter().collect();
    patterns.sort_by_key(|(_, n)| *n);
    let pattern_fns = patterns.iter().map(|(regex, n)| {
        let name = ident(&format!("pattern_{n}"));
        quote! {
            // Unused when the cargo features leave out every type that checks it.
            #[allow(dead_code)]
            fn #name() -> ::core::option::Option<&'static ::regex::Regex> {
                static PATTERN: ::std::sync::OnceLock<::core::option::Option<::regex::Regex>> =
                    ::std::sync::OnceLock::new();
                PATTERN.get_or_init(|| ::regex::Regex::new(#regex).ok()).as_ref()
            }
        }
    });
    Some(quote! {
        //! `Validate` for the request types whose spec declares bounds (see
        //! `runtime::validate`). Each pattern is compiled once, on first use.

        #(#impls)*

        #(#pattern_fns)*
    })
}

/// The statements of `validate_into` for `def`.
fn type_body(def: &TypeDef, ctx: &mut Ctx) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => {
            let mut out: TokenStream = s.fields.iter().map(|f| field_checks(f, ctx)).collect();
            if let Extra::Typed(ty) = &s.extra {
                let none = Constraints::default();
                if let Some(checks) = value_checks(ty, &none, ctx, 0) {
                    out.extend(quote! {
                        for (key, value) in &self.extra {
                            __v.enter(key);
                            #checks
                            __v.leave();
                        }
                    });
                }
            }
            out
        }
        TypeKind::Tagged(u) => {
            let arms: Vec<TokenStream> = u
                .variants
                .iter()
                .filter(|v| ctx.plan.validated.contains(&v.ty))
                .map(|v| {
                    let variant = ident(&v.rust_name);
                    quote!(Self::#variant(value) => crate::runtime::Validate::validate_into(value, __v),)
                })
                .collect();
            match_arms(arms)
        }
        TypeKind::Untagged(u) => {
            let none = Constraints::default();
            let arms: Vec<TokenStream> = u
                .variants
                .iter()
                .filter_map(|v| {
                    let checks = value_checks(&v.ty, &none, ctx, 0)?;
                    let variant = ident(&v.rust_name);
                    let bind = v.boxed.then(|| quote!(let value = &**value;));
                    Some(quote!(Self::#variant(value) => { #bind #checks }))
                })
                .collect();
            match_arms(arms)
        }
        TypeKind::Enum(_) | TypeKind::Alias(_) => TokenStream::new(),
    }
}

fn match_arms(arms: Vec<TokenStream>) -> TokenStream {
    if arms.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[allow(unreachable_patterns, clippy::single_match)]
        match self {
            #(#arms)*
            _ => {}
        }
    }
}

/// The checks of one field, at its JSON name.
fn field_checks(field: &Field, ctx: &mut Ctx) -> TokenStream {
    let Some(checks) = value_checks(&field.ty, &field.constraints, ctx, 0) else {
        return TokenStream::new();
    };
    let name = ident(&field.rust_name);
    let key = &field.json_name;
    let inner = quote! {
        __v.enter(#key);
        #checks
        __v.leave();
    };
    if field.wire == crate::ir::WireMode::OptionalNullable {
        // `Nullable<T>`: only a value is checked, never absent or `null`.
        return quote!(if let crate::runtime::Nullable::Value(value) = &self.#name { #inner });
    }
    match (field.required && !field.nullable, field.boxed) {
        (true, false) => quote!({ let value = &self.#name; #inner }),
        (true, true) => quote!({ let value = &*self.#name; #inner }),
        (false, false) => {
            quote!(if let ::core::option::Option::Some(value) = &self.#name { #inner })
        }
        (false, true) => {
            quote!(if let ::core::option::Option::Some(value) = self.#name.as_deref() { #inner })
        }
    }
}

/// Checks of `value` (a `&T` for `ty`), or `None` when there is nothing to check.
fn value_checks(ty: &TypeRef, c: &Constraints, ctx: &mut Ctx, depth: usize) -> Option<TokenStream> {
    if depth > MAX_DEPTH {
        return None;
    }
    let ty = ctx.index.canonical(ty);
    let mut out = TokenStream::new();
    match &ty {
        TypeRef::String => {
            if c.min_length.is_some() || c.max_length.is_some() {
                let (min, max) = (count(c.min_length), count(c.max_length));
                out.extend(quote!(__v.length(value, #min, #max);));
            }
            if let Some(pattern) = c.pattern.as_ref().filter(|_| !c.pattern_unchecked) {
                if let Some(regex) = crate::lower::patterns::to_rust_regex(pattern) {
                    let f = ctx.pattern_fn(regex);
                    out.extend(quote!(__v.pattern(#f().map(|re| re.is_match(value)), #pattern);));
                }
            }
        }
        TypeRef::Integer(_) | TypeRef::Number => {
            let bounds = [
                (&c.minimum, quote!(minimum), false),
                (&c.exclusive_minimum, quote!(minimum), true),
                (&c.maximum, quote!(maximum), false),
                (&c.exclusive_maximum, quote!(maximum), true),
            ];
            for (bound, check, exclusive) in bounds {
                if let Some(bound) = bound.as_ref().and_then(bound_tokens) {
                    out.extend(quote!(__v.#check(*value, #bound, #exclusive);));
                }
            }
            if let Some(step) = c.multiple_of.as_ref().and_then(bound_tokens) {
                out.extend(quote!(__v.multiple_of(*value, #step);));
            }
        }
        TypeRef::List(inner) => {
            if c.min_items.is_some() || c.max_items.is_some() {
                let (min, max) = (count(c.min_items), count(c.max_items));
                out.extend(quote!(__v.items(value.len(), #min, #max);));
            }
            let none = Constraints::default();
            let items = c.items.as_deref().unwrap_or(&none);
            if let Some(checks) = value_checks(inner, items, ctx, depth + 1) {
                out.extend(quote! {
                    for (i, value) in value.iter().enumerate() {
                        __v.enter_index(i);
                        #checks
                        __v.leave();
                    }
                });
            }
        }
        TypeRef::Map(inner) if **inner != TypeRef::Any => {
            let none = Constraints::default();
            let values = c.values.as_deref().unwrap_or(&none);
            if let Some(checks) = value_checks(inner, values, ctx, depth + 1) {
                out.extend(quote! {
                    for (key, value) in value {
                        __v.enter(key);
                        #checks
                        __v.leave();
                    }
                });
            }
        }
        TypeRef::Nullable(inner) => {
            let checks = value_checks(inner, c, ctx, depth + 1)?;
            out.extend(quote!(if let ::core::option::Option::Some(value) = value { #checks }));
        }
        TypeRef::Named(_) if ctx.plan.covers(&ty, ctx.index, depth) => {
            out.extend(quote!(crate::runtime::Validate::validate_into(value, __v);));
        }
        _ => {}
    }
    (!out.is_empty()).then_some(out)
}

fn count(n: Option<u64>) -> TokenStream {
    match n {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    }
}

/// A bound as a runtime `Bound`; `None` for a non-finite float, which no value breaks
/// in a way JSON can carry.
fn bound_tokens(n: &Number) -> Option<TokenStream> {
    match *n {
        Number::Integer(i) => {
            let lit = Literal::i128_suffixed(i);
            Some(quote!(crate::runtime::validate::Bound::Int(#lit)))
        }
        Number::Float(x) if x.is_finite() => {
            let lit = Literal::f64_suffixed(x);
            Some(quote!(crate::runtime::validate::Bound::Float(#lit)))
        }
        Number::Float(_) => None,
    }
}

/// The items `src/lib.rs` gains: the private module of `Validate` impls, if any.
pub(crate) fn lib_items(plan: &Plan) -> TokenStream {
    if plan.validated.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[rustfmt::skip]
        mod validation;
    }
}

/// `Cargo.toml` with the `regex` dependency when a pattern is checked (in the
/// dependencies' alphabetical place, before `reqwest`). Without default features but
/// with `unicode`, so every pattern the generator accepted compiles.
pub(crate) fn with_regex(cargo_toml: String, plan: &Plan) -> String {
    if !plan.uses_regex {
        return cargo_toml;
    }
    let line = "regex = { version = \"1\", default-features = false, features = [\"std\", \"unicode\"] }\n";
    match cargo_toml.find("\nreqwest = ") {
        Some(at) => format!("{}\n{line}{}", &cargo_toml[..at], &cargo_toml[at + 1..]),
        None => cargo_toml.replacen("[dependencies]\n", &format!("[dependencies]\n{line}"), 1),
    }
}

/// What an operation method runs before it sends: its body's and parameters' checks
/// when validation is on; nothing when neither has anything to check.
pub(crate) fn request_check(op: &Operation, index: &TypeIndex, plan: &Plan) -> TokenStream {
    let mut checks = TokenStream::new();
    if let Some(ty) = op.body.as_ref().and_then(crate::ir::Body::value_type) {
        if plan.covers(ty, index, 0) {
            checks
                .extend(quote!(crate::runtime::Validate::validate_into(body, &mut __violations);));
        }
    }
    let mut path_checks = TokenStream::new();
    // One set of pattern functions per operation: they live in its method, compiled
    // once each where they are checked.
    let mut ctx = Ctx::new(index, plan);
    for param in &op.path_params {
        let Some(param_checks) = value_checks(&param.ty, &param.constraints, &mut ctx, 0) else {
            continue;
        };
        let arg = ident(&param.rust_name);
        let key = &param.name;
        // Path arguments are `&str`, `&T` for named types, or a number by value.
        let bind = match &param.ty {
            TypeRef::String | TypeRef::Named(_) => quote!(let value = #arg;),
            _ => quote!(let value = &#arg;),
        };
        path_checks.extend(quote!({
            #bind
            __violations.enter(#key);
            { let __v = &mut __violations; #param_checks }
            __violations.leave();
        }));
    }
    if !path_checks.is_empty() {
        let regexes = ctx.patterns.keys();
        let fns = ctx
            .patterns
            .values()
            .map(|n| ident(&format!("pattern_{n}")));
        checks.extend(quote! {
            __violations.part("path");
            #(
                fn #fns() -> ::core::option::Option<&'static ::regex::Regex> {
                    static PATTERN: ::std::sync::OnceLock<::core::option::Option<::regex::Regex>> =
                        ::std::sync::OnceLock::new();
                    PATTERN.get_or_init(|| ::regex::Regex::new(#regexes).ok()).as_ref()
                }
            )*
            #path_checks
        });
    }
    if let (Some(query), Some(argument)) = (&op.query, &op.query_argument) {
        if plan.covers(&TypeRef::Named(query.clone()), index, 0) {
            let arg = ident(argument);
            checks.extend(quote! {
                __violations.part("parameters");
                crate::runtime::Validate::validate_into(#arg, &mut __violations);
            });
        }
    }
    if checks.is_empty() {
        return checks;
    }
    quote! {
        if self.client.validates(options) {
            let mut __violations = crate::runtime::validate::Violations::new();
            #checks
            __violations.into_result()?;
        }
    }
}
