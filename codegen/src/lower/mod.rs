//! Stage 2: lower a loaded [`Spec`] into the IR ([`crate::ir::Api`]).
//!
//! Lowering decides every name and every type; it never builds tokens.
//! Split by concern: `schema` dispatches on a schema's form, `object` builds
//! structs (and merges `allOf`), `union` builds tagged and untagged unions,
//! `enums` builds string enums, `operations` walks paths (`path_items` reads
//! one path item, `params` its parameters, `naming` names the methods), `cycles` boxes
//! recursive fields, `names` makes identifiers, `security` decides which credentials
//! go where (API-wide and per operation), `servers` reads server lists and variables.

mod all_of_union;
mod bodies;
mod casing;
mod constraints;
mod cycles;
mod enums;
mod error;
mod errors;
mod features;
mod inline_names;
mod media;
mod names;
mod naming;
mod object;
mod operations;
mod outcomes;
mod params;
mod path_items;
pub(crate) mod patterns;
mod polymorphism;
mod ref_cache;
mod rename;
mod reserved;
mod resource_names;
mod responses;
mod schema;
mod security;
mod servers;
mod sse_events;
mod union;
mod wire_mode;

pub use error::LowerError;
pub use features::check_feature_groups;
pub use names::{pascal, snake, type_name};

use crate::load::Lookup;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde_yaml::Value;

use crate::ir::{Api, TypeDef, TypeKind, TypeRef, Warning};
use crate::load::{Location, Spec};
pub use names::NameTable;
pub(crate) use names::KEYWORDS;
pub use reserved::{is_reserved_method, setter_names, TRAIT_METHODS};

/// Choices the caller makes about lowering.
#[derive(Debug, Clone, Default)]
pub struct LowerOptions {
    /// Type names the emitted crate already uses for itself (its runtime's).
    pub reserved_type_names: Vec<String>,
    /// Method names the runtime's client and builder define; generated builder
    /// setters (one per security scheme) avoid them.
    pub reserved_method_names: Vec<String>,
    /// How operations are grouped into cargo features.
    pub features: crate::config::FeaturesConfig,
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
    lowerer.drain();
    if let Some(err) = lowerer.fatal.take() {
        return Err(err);
    }
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
    let final_names = lowerer.inline.assign(
        &mut lowerer.slots,
        &mut lowerer.type_names,
        &lowerer.reserved,
    );
    let info = spec.root().key("info");
    let text = |key: &str| {
        info.and_then(|i| i.key(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut types: Vec<TypeDef> = lowerer.slots.into_iter().flatten().collect();
    // Shapes look types up by name, so names are final first.
    rename::rename_types(&mut types, &mut operations, &final_names);
    union::finish_untagged(&mut types);
    for source in cycles::box_recursive_references(&mut types) {
        lowerer.warnings.push(Warning {
            location: source,
            message: "schema only refers to itself through $refs; typed as a JSON value".into(),
        });
    }
    // Modes look at the final types (which objects can be empty), so they come last.
    wire_mode::assign(&mut types);
    reserved::assign_setters(&mut types);
    let error_types = errors::error_types(&mut operations);
    outcomes::name_outcomes(&mut operations);
    let resources = resource_names::resource_tree(
        operations.iter().map(|op| op.resource.as_slice()),
        &options.reserved_method_names,
    );
    let features = features::assign(
        &types,
        &operations,
        &lowerer.operation_tags,
        &options.features,
    );
    Ok(Api {
        features,
        title: text("title").unwrap_or_default(),
        description: text("description"),
        version: info
            .and_then(|i| i.key("version"))
            .map(scalar_string)
            .unwrap_or_default(),
        servers,
        security: security.security,
        types,
        operations,
        resources,
        error_types,
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
    /// Where each pure-`$ref` schema seen so far ends up ([`Lowerer::alias_target`]).
    alias_ends: HashMap<Location, Location>,
    /// Names given to component schemas before anything else is named.
    component_names: HashMap<Location, String>,
    pub(crate) type_names: NameTable,
    /// Names the emitted crate uses itself; a schema wanting one gets a `Type` suffix.
    reserved: Vec<String>,
    /// Provisional names of inline types and the hints of their users.
    inline: inline_names::InlineNames,
    pub(crate) warnings: Vec<Warning>,
    /// Each operation's tags, for grouping operations into cargo features.
    pub(crate) operation_tags: features::OperationTags,
    /// `(location, message)` of every warning in `warnings`, so dropping a repeat costs
    /// constant time however many warnings a wide spec gives.
    warned: HashSet<(String, String)>,
    /// Named schemas given a name and a slot but not lowered yet: `$ref` targets met
    /// past [`IN_PLACE_BUDGET`], so chains of any length need bounded stack.
    pending: Vec<(Location, usize, String)>,
    /// How many inline schemas enclose the one being lowered (see [`MAX_INLINE_DEPTH`]).
    pub(crate) depth: usize,
    /// How many schemas of any kind are being lowered at once (the recursion's depth).
    pub(crate) stack_depth: usize,
    /// For each schema that component `allOf`s name, those components (built on first use).
    subtypes: Option<HashMap<Location, Vec<Location>>>,
    /// An error that makes the output wrong wherever it is met; `lower` returns it.
    fatal: Option<LowerError>,
    /// `$ref`s already resolved, with their nodes ([`Lowerer::resolve_ref_to`]).
    refs: ref_cache::RefCache,
}

/// Inline schemas nested deeper than this are an error naming the pointer. Depth that
/// comes from `$ref`s costs bounded stack (see [`IN_PLACE_BUDGET`]); only inline
/// nesting recurses, and generation runs on a thread with a stack sized for this depth.
pub(crate) const MAX_INLINE_DEPTH: usize = 1000;

/// A `$ref` target is lowered in place (the order, and so the names of shared inline
/// types, of a depth-first walk) while fewer schemas than this are being lowered;
/// deeper, it is queued for [`Lowerer::drain`], so chains of any length need no
/// more stack than this.
const IN_PLACE_BUDGET: usize = 128;

impl<'a> Lowerer<'a> {
    fn new(spec: &'a Spec, options: &LowerOptions) -> Self {
        Lowerer {
            spec,
            slots: Vec::new(),
            by_location: HashMap::default(),
            by_structure: HashMap::default(),
            kinds: HashMap::default(),
            alias_ends: HashMap::default(),
            component_names: HashMap::default(),
            type_names: NameTable::with_reserved(
                options.reserved_type_names.iter().map(String::as_str),
            ),
            reserved: options.reserved_type_names.clone(),
            // What loading let pass (duplicate keys, ...) comes first.
            warnings: spec.warnings.clone(),
            operation_tags: features::OperationTags::new(),
            warned: spec
                .warnings
                .iter()
                .map(|w| (w.location.clone(), w.message.clone()))
                .collect(),
            pending: Vec::new(),
            depth: 0,
            stack_depth: 0,
            subtypes: None,
            fatal: None,
            refs: ref_cache::RefCache::default(),
            inline: inline_names::InlineNames::default(),
        }
    }

    /// Component schemas get their names first, so inline types never take them.
    fn reserve_component_names(&mut self) {
        let wanted: Vec<String> = self
            .component_locations()
            .iter()
            .map(|loc| {
                names::natural_type_name(&loc.last_segment().unwrap_or_default(), &self.reserved)
            })
            .collect();
        self.type_names.expect(wanted);
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
            self.drain();
        }
    }

    /// Lowers every named schema that has a name but no type yet, most recent first
    /// (close to the order a recursive walk would take, without its stack).
    pub(crate) fn drain(&mut self) {
        while let Some((loc, slot, name)) = self.pending.pop() {
            self.lower_named(&loc, slot, name);
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

    /// Records an error that would make the output wrong (not merely incomplete):
    /// lowering goes on, for the sake of other messages, but fails at the end.
    pub(crate) fn fail(&mut self, err: LowerError) {
        self.fatal.get_or_insert(err);
    }

    /// Records that something at `loc` was skipped.
    pub(crate) fn warn(&mut self, loc: &Location, message: impl Into<String>) {
        let warning = Warning {
            location: self.display(loc),
            message: message.into(),
        };
        let key = (warning.location.clone(), warning.message.clone());
        if self.warned.insert(key) {
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
        let mut seen = HashSet::default();
        while let Some(reference) = reference_of(current.1) {
            if !seen.insert(current.0.clone()) {
                return Err(self.error(loc, "$refs lead back to themselves (a cycle of $refs)"));
            }
            let target = self.resolve_ref(&current.0, reference)?;
            let spec: &'a Spec = self.spec;
            let node = spec.get(&target).ok_or_else(|| {
                self.error(&current.0, format!("$ref `{reference}` points to nothing"))
            })?;
            current = (target, node);
        }
        Ok(current)
    }

    /// Follows `$ref`s from `loc` while the schema is nothing but a `$ref` (annotations
    /// aside), to the first schema with content of its own. Iterative, so alias chains of
    /// any length are fine; a loop of pure `$ref`s is an error.
    pub(crate) fn alias_target(&mut self, loc: &Location) -> Result<Location, LowerError> {
        let mut current = loc.clone();
        let mut seen = HashSet::default();
        let mut walked = Vec::new();
        let end = loop {
            if let Some(end) = self.alias_ends.get(&current) {
                break end.clone();
            }
            let Some(schema) = self.spec.get(&current) else {
                break current;
            };
            let Some(reference) = reference_of(schema).filter(|_| schema::is_pure_ref(schema))
            else {
                break current;
            };
            if !seen.insert(current.clone()) {
                return Err(self.error(loc, "$refs lead back to themselves (a cycle of $refs)"));
            }
            let (target, exists) = self.resolve_ref_to(&current, reference)?;
            if !exists {
                return Err(self.error(&current, format!("$ref `{reference}` points to nothing")));
            }
            walked.push(current);
            current = target;
        };
        // Remembered, so a chain walked from each of its links costs linear time.
        for link in walked {
            self.alias_ends.insert(link, end.clone());
        }
        Ok(end)
    }

    /// The location a `$ref` found at `loc` names.
    pub(crate) fn resolve_ref(
        &self,
        loc: &Location,
        reference: &str,
    ) -> Result<Location, LowerError> {
        self.resolve_ref_to(loc, reference)
            .map(|(target, _)| target)
    }

    /// [`Lowerer::resolve_ref`] and whether a node is there.
    /// Remembered where the answer depends only on the file and the reference.
    pub(crate) fn resolve_ref_to(
        &self,
        loc: &Location,
        reference: &str,
    ) -> Result<ref_cache::Resolved, LowerError> {
        // `#` means the schema resource around `loc`, so it is never remembered.
        let cacheable = reference != "#";
        if cacheable {
            if let Some(resolved) = self.refs.get(loc.file, reference) {
                return Ok(resolved);
            }
        }
        if reference == "#" && loc.pointer.is_empty() {
            return Err(self.error(loc, "$ref `#` points to the document itself"));
        }
        let target = self.spec.resolve(loc, reference).ok_or_else(|| {
            let why = self
                .spec
                .unread_reason(loc.file, reference)
                .map(|why| format!(": {why}"))
                .unwrap_or_default();
            self.error(
                loc,
                format!("$ref `{reference}` names a file that is not loaded{why}"),
            )
        })?;
        let exists = self.spec.get(&target).is_some();
        if exists || target.file != loc.file {
            let resolved = (target, exists);
            if cacheable {
                self.refs.put(loc.file, reference, &resolved);
            }
            return Ok(resolved);
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
                return Ok((nested, true));
            }
        }
        Ok((target, false))
    }

    /// The named type for the schema at `loc` (a component or a `$ref` target), and
    /// whether the schema admits `null`. The first call names it and lowers it, in
    /// place or, past [`IN_PLACE_BUDGET`], from the queue ([`Lowerer::drain`]).
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
        self.inline.add_named(&name);
        let slot = self.slots.len();
        self.slots.push(None);
        let nullable = self.spec.get(loc).is_some_and(schema::admits_null);
        self.by_location
            .insert(loc.clone(), (TypeRef::Named(name.clone()), nullable));
        if self.stack_depth < IN_PLACE_BUDGET {
            self.lower_named(loc, slot, name.clone());
        } else {
            self.pending.push((loc.clone(), slot, name.clone()));
        }
        (TypeRef::Named(name), nullable)
    }

    /// Lowers the named schema at `loc` into its reserved `slot`.
    fn lower_named(&mut self, loc: &Location, slot: usize, name: String) {
        // Inline depth starts again below a named schema.
        let inline_depth = std::mem::take(&mut self.depth);
        self.lower_named_here(loc, slot, name);
        self.depth = inline_depth;
    }

    fn lower_named_here(&mut self, loc: &Location, slot: usize, name: String) {
        let spec: &'a Spec = self.spec;
        let schema = spec.get(loc).unwrap_or(&Value::Null);
        let docs = schema_docs(schema);
        let lowered = if schema::is_pure_ref(schema) {
            // An alias names the end of its chain, so aliases never stack up.
            self.alias_target(loc)
                .map(|target| (Lowered::Ref(self.named(&target).0), false))
        } else {
            schema::lower_schema(self, loc, schema, &name)
        };
        let kind = match lowered {
            Ok((Lowered::Kind(kind), _)) => kind,
            Ok((Lowered::Ref(ty), _)) => TypeKind::Alias(ty),
            Err(err) => {
                // The error may be deeper than the schema: say where.
                let at = if err.location == self.display(loc) {
                    String::new()
                } else {
                    format!("{}: ", err.location)
                };
                self.warn(
                    loc,
                    format!(
                        "schema replaced by an untyped JSON value: {at}{}",
                        err.message
                    ),
                );
                TypeKind::Alias(TypeRef::Any)
            }
        };
        self.kinds.insert(name.clone(), kind.clone());
        self.slots[slot] = Some(TypeDef {
            name,
            docs,
            source: self.display(loc),
            kind,
            deprecated: schema.key("deprecated").and_then(Value::as_bool) == Some(true),
        });
    }

    /// The kind of a finished named type (`None` while it is being lowered or queued).
    pub(crate) fn kind_of(&self, name: &str) -> Option<&TypeKind> {
        self.kinds.get(name)
    }

    /// Whether keywords beside a `$ref` count (OpenAPI 3.1 and later; 3.0 ignores them).
    pub(crate) fn ref_siblings_apply(&self) -> bool {
        let version = self.spec.root().key("openapi").map(scalar_string);
        version.is_some_and(|v| !v.starts_with("3.0") && !v.starts_with('2'))
    }

    /// A name for an anonymous kind, reusing the name of an identical one. The name is
    /// provisional until lowering ends: the final one depends on all users' `hint`s.
    pub(crate) fn intern(
        &mut self,
        hint: &str,
        loc: &Location,
        docs: Option<String>,
        kind: TypeKind,
    ) -> TypeRef {
        let key = structure_key(&kind);
        let title = self
            .spec
            .get(loc)
            .and_then(|s| s.key("title"))
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(name) = self.by_structure.get(&key) {
            self.inline.add_use(name, hint, title);
            return TypeRef::Named(name.clone());
        }
        let name = self.inline.add(self.slots.len(), hint, title);
        self.by_structure.insert(key, name.clone());
        self.kinds.insert(name.clone(), kind.clone());
        self.slots.push(Some(TypeDef {
            name: name.clone(),
            docs,
            source: self.display(loc),
            kind,
            deprecated: false,
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
        self.inline.add_named(&name);
        self.kinds.insert(name.clone(), kind.clone());
        self.slots.push(Some(TypeDef {
            name: name.clone(),
            docs,
            source: self.display(loc),
            kind,
            deprecated: false,
        }));
        name
    }

    /// Claims a type name for `raw` (a schema key or a hint).
    pub(crate) fn claim_type_name(&mut self, raw: &str) -> String {
        let name = names::natural_type_name(raw, &self.reserved);
        self.type_names.claim(&name)
    }

    /// `ty` as its users see it while lowering: an inline type's provisional name is
    /// replaced by the hint it was last used under (to derive variant names from).
    pub(crate) fn provisional(&self, ty: &TypeRef) -> TypeRef {
        self.inline.provisional(ty)
    }
}

/// The `$ref` string of a schema, including the 2019-09 recursive forms.
pub(crate) fn reference_of(schema: &Value) -> Option<&str> {
    ["$ref", "$recursiveRef", "$dynamicRef"]
        .iter()
        .find_map(|key| schema.key(key))
        .and_then(Value::as_str)
}

/// Rustdoc for a schema: its description, else its title.
pub(crate) fn schema_docs(schema: &Value) -> Option<String> {
    let text = |key| {
        schema
            .key(key)
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

/// A key that is equal for kinds that differ only in documentation (descriptions,
/// defaults, bounds, deprecation: what rustdoc shows, not what Rust types).
fn structure_key(kind: &TypeKind) -> String {
    let mut kind = kind.clone();
    if let TypeKind::Struct(s) = &mut kind {
        for field in &mut s.fields {
            field.docs = None;
            field.deprecated = false;
            field.constraints = Default::default();
        }
    }
    format!("{kind:?}")
}
