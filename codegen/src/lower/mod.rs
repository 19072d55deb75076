//! Stage 2: lower a loaded [`Spec`] into the IR ([`crate::ir::Api`]).
//!
//! Lowering decides every name and every type; it never builds tokens.
//! Split by concern: `schema` dispatches on a schema's form, `object` builds
//! structs (and merges `allOf`), `union` builds tagged and untagged unions,
//! `enums` builds string enums, `operations` walks paths, `cycles` boxes
//! recursive fields, `names` makes identifiers, `security` decides which credentials
//! go where (API-wide and per operation), `servers` reads server lists and variables.

mod cycles;
mod enums;
mod error;
mod names;
mod object;
mod operations;
mod schema;
mod security;
mod servers;
mod union;

pub use error::LowerError;
pub use names::{pascal, snake, type_name};

use std::collections::HashMap;

use serde_yaml::Value;

use crate::ir::{Api, TypeDef, TypeKind, TypeRef, Warning};
use crate::load::{Location, Spec};
pub use names::NameTable;

/// Choices the caller makes about lowering.
#[derive(Debug, Clone, Default)]
pub struct LowerOptions {
    /// Type names the emitted crate already uses for itself (its runtime's).
    pub reserved_type_names: Vec<String>,
    /// Method names the runtime's client and builder define; generated builder
    /// setters (one per security scheme) avoid them.
    pub reserved_method_names: Vec<String>,
}

/// Lowers `spec` into the IR. Parts that cannot be generated become [`Api::warnings`];
/// only a document without the basic OpenAPI structure is an error.
pub fn lower(spec: &Spec, options: &LowerOptions) -> Result<Api, LowerError> {
    let mut lowerer = Lowerer::new(spec, options);
    lowerer.reserve_component_names();
    lowerer.lower_components();
    let security = security::lower_security(&mut lowerer, &options.reserved_method_names);
    let mut servers = servers::api_servers(&mut lowerer);
    let mut operations = operations::lower_operations(&mut lowerer, &security)?;
    let taken = NameTable::with_reserved(
        options
            .reserved_method_names
            .iter()
            .map(String::as_str)
            .chain(
                security
                    .security
                    .schemes
                    .iter()
                    .map(|s| s.rust_name.as_str()),
            ),
    );
    servers::settle(&mut servers, &mut operations, taken);
    let info = spec.root().get("info");
    let text = |key: &str| {
        info.and_then(|i| i.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut types: Vec<TypeDef> = lowerer.slots.into_iter().flatten().collect();
    for source in cycles::box_recursive_references(&mut types) {
        lowerer.warnings.push(Warning {
            location: source,
            message: "schema only refers to itself through $refs; typed as a JSON value".into(),
        });
    }
    Ok(Api {
        title: text("title").unwrap_or_default(),
        description: text("description"),
        version: info
            .and_then(|i| i.get("version"))
            .map(scalar_string)
            .unwrap_or_default(),
        servers,
        security: security.security,
        types,
        operations,
        warnings: lowerer.warnings,
        source_digest: spec.digest(),
    })
}

/// What lowering a schema produced: a type expression, or a kind that needs a name.
pub(crate) enum Lowered {
    /// Usable as is.
    Ref(TypeRef),
    /// Must become a named type.
    Kind(TypeKind),
}

/// The state of one lowering run.
pub(crate) struct Lowerer<'a> {
    pub(crate) spec: &'a Spec,
    /// Named types in the order they were started; `None` while being built.
    slots: Vec<Option<TypeDef>>,
    /// Type (and whether it is nullable) of every named schema location seen.
    by_location: HashMap<Location, (TypeRef, bool)>,
    /// Name of each anonymous kind already emitted, keyed by its structure.
    by_structure: HashMap<String, String>,
    /// Kinds of finished named types, for union analysis.
    kinds: HashMap<String, TypeKind>,
    /// Names given to component schemas before anything else is named.
    component_names: HashMap<Location, String>,
    pub(crate) type_names: NameTable,
    /// Names the emitted crate uses itself; a schema wanting one gets a `Type` suffix.
    reserved: Vec<String>,
    pub(crate) warnings: Vec<Warning>,
}

impl<'a> Lowerer<'a> {
    fn new(spec: &'a Spec, options: &LowerOptions) -> Self {
        Lowerer {
            spec,
            slots: Vec::new(),
            by_location: HashMap::new(),
            by_structure: HashMap::new(),
            kinds: HashMap::new(),
            component_names: HashMap::new(),
            type_names: NameTable::with_reserved(
                options.reserved_type_names.iter().map(String::as_str),
            ),
            reserved: options.reserved_type_names.clone(),
            warnings: Vec::new(),
        }
    }

    /// Component schemas get their names first, so inline types never take them.
    fn reserve_component_names(&mut self) {
        for loc in self.component_locations() {
            let raw = loc.last_segment().unwrap_or_default();
            let name = self.claim_type_name(&raw);
            self.component_names.insert(loc, name);
        }
    }

    fn component_locations(&self) -> Vec<Location> {
        let base = self
            .spec
            .root_location()
            .child("components")
            .child("schemas");
        match self.spec.get(&base) {
            Some(Value::Mapping(map)) => map
                .keys()
                .filter_map(Value::as_str)
                .map(|key| base.child(key))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn lower_components(&mut self) {
        for loc in self.component_locations() {
            self.named(&loc);
        }
    }

    /// `file#/pointer` for messages.
    pub(crate) fn display(&self, loc: &Location) -> String {
        self.spec.display(loc)
    }

    /// An error at `loc`.
    pub(crate) fn error(&self, loc: &Location, message: impl Into<String>) -> LowerError {
        LowerError {
            location: self.display(loc),
            message: message.into(),
        }
    }

    /// Records that something at `loc` was skipped.
    pub(crate) fn warn(&mut self, loc: &Location, message: impl Into<String>) {
        let warning = Warning {
            location: self.display(loc),
            message: message.into(),
        };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// Follows `$ref`s from `loc` to the schema they end at.
    pub(crate) fn deref<'v>(
        &self,
        loc: &Location,
        schema: &'v Value,
    ) -> Result<(Location, &'v Value), LowerError>
    where
        'a: 'v,
    {
        let mut current = (loc.clone(), schema);
        for _ in 0..32 {
            let Some(reference) = reference_of(current.1) else {
                return Ok(current);
            };
            let target = self.resolve_ref(&current.0, reference)?;
            let spec: &'a Spec = self.spec;
            let node = spec.get(&target).ok_or_else(|| {
                self.error(&current.0, format!("$ref `{reference}` points to nothing"))
            })?;
            current = (target, node);
        }
        Err(self.error(
            loc,
            "$ref chain is longer than 32 steps (a cycle of references?)",
        ))
    }

    /// The location a `$ref` found at `loc` names.
    pub(crate) fn resolve_ref(
        &self,
        loc: &Location,
        reference: &str,
    ) -> Result<Location, LowerError> {
        if reference == "#" && loc.pointer.is_empty() {
            return Err(self.error(loc, "$ref `#` points to the document itself"));
        }
        let target = self.spec.target(loc.file, reference).ok_or_else(|| {
            self.error(
                loc,
                format!("$ref `{reference}` names a file that is not loaded"),
            )
        })?;
        if self.spec.get(&target).is_some() || target.file != loc.file {
            return Ok(target);
        }
        // `#/$defs/X` written inside an embedded schema means that schema's `$defs`
        // (JSON Schema resolves it against the enclosing schema resource).
        let mut ancestor = loc.clone();
        while let Some((parent, _)) = ancestor.pointer.rsplit_once('/') {
            ancestor.pointer = parent.to_string();
            let nested = Location {
                file: loc.file,
                pointer: format!("{}{}", ancestor.pointer, target.pointer),
            };
            if self.spec.get(&nested).is_some() {
                return Ok(nested);
            }
        }
        Ok(target)
    }

    /// The named type for the schema at `loc` (a component or a `$ref` target),
    /// lowering it the first time, and whether the schema admits `null`.
    pub(crate) fn named(&mut self, loc: &Location) -> (TypeRef, bool) {
        if let Some(found) = self.by_location.get(loc) {
            return found.clone();
        }
        let name = match self.component_names.get(loc) {
            Some(name) => name.clone(),
            None => {
                let raw = if loc.pointer.is_empty() {
                    file_stem(&self.spec.files[loc.file.0].name)
                } else {
                    ref_target_name(loc)
                };
                self.claim_type_name(&raw)
            }
        };
        let slot = self.slots.len();
        self.slots.push(None);
        let nullable = self.spec.get(loc).is_some_and(schema::admits_null);
        self.by_location
            .insert(loc.clone(), (TypeRef::Named(name.clone()), nullable));

        let spec: &'a Spec = self.spec;
        let schema = spec.get(loc).unwrap_or(&Value::Null);
        let docs = schema_docs(schema);
        let kind = match schema::lower_schema(self, loc, schema, &name) {
            Ok((Lowered::Kind(kind), _)) => kind,
            Ok((Lowered::Ref(ty), _)) => TypeKind::Alias(ty),
            Err(err) => {
                self.warn(
                    loc,
                    format!("schema replaced by an untyped JSON value: {}", err.message),
                );
                TypeKind::Alias(TypeRef::Any)
            }
        };
        self.kinds.insert(name.clone(), kind.clone());
        self.slots[slot] = Some(TypeDef {
            name: name.clone(),
            docs,
            source: self.display(loc),
            kind,
        });
        (TypeRef::Named(name), nullable)
    }

    /// A name for an anonymous kind, reusing the name of an identical one.
    pub(crate) fn intern(
        &mut self,
        hint: &str,
        loc: &Location,
        docs: Option<String>,
        kind: TypeKind,
    ) -> TypeRef {
        let key = structure_key(&kind);
        if let Some(name) = self.by_structure.get(&key) {
            return TypeRef::Named(name.clone());
        }
        let name = self.claim_type_name(hint);
        self.by_structure.insert(key, name.clone());
        self.kinds.insert(name.clone(), kind.clone());
        self.slots.push(Some(TypeDef {
            name: name.clone(),
            docs,
            source: self.display(loc),
            kind,
        }));
        TypeRef::Named(name)
    }

    /// Defines a named type that is not a schema (such as an operation's query parameters).
    pub(crate) fn define(
        &mut self,
        hint: &str,
        loc: &Location,
        docs: Option<String>,
        kind: TypeKind,
    ) -> String {
        let name = self.claim_type_name(hint);
        self.kinds.insert(name.clone(), kind.clone());
        self.slots.push(Some(TypeDef {
            name: name.clone(),
            docs,
            source: self.display(loc),
            kind,
        }));
        name
    }

    /// Claims a type name for `raw` (a schema key or a hint).
    pub(crate) fn claim_type_name(&mut self, raw: &str) -> String {
        let name = type_name(raw);
        if self.reserved.contains(&name) {
            return self.type_names.claim(&format!("{name}Type"));
        }
        self.type_names.claim(&name)
    }

    /// The kind of a finished named type.
    pub(crate) fn kind_of(&self, name: &str) -> Option<&TypeKind> {
        self.kinds.get(name)
    }
}

/// The `$ref` string of a schema, including the 2019-09 recursive forms.
pub(crate) fn reference_of(schema: &Value) -> Option<&str> {
    ["$ref", "$recursiveRef", "$dynamicRef"]
        .iter()
        .find_map(|key| schema.get(*key))
        .and_then(Value::as_str)
}

/// Rustdoc for a schema: its description, else its title.
pub(crate) fn schema_docs(schema: &Value) -> Option<String> {
    let text = |key| {
        schema
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    text("description")
        .or_else(|| text("title"))
        .map(str::to_string)
}

pub(crate) fn scalar_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A name for a `$ref` target that is not a component: its key, or its file's stem.
fn ref_target_name(loc: &Location) -> String {
    let segments = loc.segments();
    let meaningful = segments
        .iter()
        .rev()
        .find(|s| !s.is_empty() && s.parse::<usize>().is_err() && !is_schema_keyword(s));
    meaningful
        .cloned()
        .unwrap_or_else(|| format!("Schema{}", loc.file.0))
}

fn file_stem(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.split('.').next().unwrap_or(file).to_string()
}

fn is_schema_keyword(segment: &str) -> bool {
    matches!(
        segment,
        "schema"
            | "items"
            | "properties"
            | "content"
            | "allOf"
            | "oneOf"
            | "anyOf"
            | "$defs"
            | "definitions"
            | "additionalProperties"
    )
}

/// A key that is equal for kinds that differ only in documentation.
fn structure_key(kind: &TypeKind) -> String {
    let mut kind = kind.clone();
    if let TypeKind::Struct(s) = &mut kind {
        for field in &mut s.fields {
            field.docs = None;
        }
    }
    format!("{kind:?}")
}
