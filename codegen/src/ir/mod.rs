//! Stage 2's output: the intermediate model of an API.
//!
//! Plain data, independent of YAML and of Rust tokens: lowering builds it,
//! emission reads it, and tests snapshot it. Names in here are already final
//! Rust identifiers (type names in PascalCase, fields in snake_case).

use serde::Serialize;

mod features;
mod name_stats;
pub use features::{FeatureGroup, Features};
pub use name_stats::NameStats;

/// Everything the emitter needs to know about an API.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`.
    pub version: String,
    /// The top-level `servers`, in order; the first is the default base URL.
    pub servers: Vec<Server>,
    /// The security schemes the client can send and the API-wide requirement.
    pub security: Security,
    /// Named types in a stable order.
    pub types: Vec<TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// The client's resource structs, by path segment: the top-level ones hang off the
    /// client, each with its sub-resources and the operations it carries.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// The typed error enums, one per distinct set of declared error responses
    /// (operations declaring the same set share one; see [`Operation::error_type`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub error_types: Vec<ErrorType>,
    /// Things that were skipped, with where and why.
    pub warnings: Vec<Warning>,
    /// The cargo features: each operation's group and the groups each type needs
    /// (derived from the rest, so left out when the IR is printed).
    #[serde(skip_serializing)]
    pub features: Features,
    /// Fingerprint of the spec files this was lowered from (not a modelling decision,
    /// so it is left out when the IR is printed).
    #[serde(skip_serializing)]
    pub source_digest: u64,
}

/// A resource struct of the client: the operations under one path segment. Its names
/// are final (decided by `lower/resource_names.rs`); emission only prints them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resource {
    /// The element of [`Operation::resource`] it stands for, e.g. `completions`.
    pub segment: String,
    /// The struct's name, unique among the resources module's items.
    pub struct_name: String,
    /// The method on the parent (the client, for a top-level resource) that returns it.
    pub accessor: String,
    /// Sub-resources, in segment order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Resource>,
    /// Indices into [`Api::operations`] of the operations on this struct, in document order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<usize>,
}

/// A part of the spec that was not generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// `file#/pointer` of the node.
    pub location: String,
    /// What was skipped and why.
    pub message: String,
}

/// A named Rust type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust type name.
    pub name: String,
    /// Rustdoc, from the schema's `description` (or `title`).
    pub docs: Option<String>,
    /// `file#/pointer` of the schema this came from.
    pub source: String,
    /// What the type is.
    pub kind: TypeKind,
    /// The schema is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
}

/// The shapes a named type can take.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// An object with known properties.
    Struct(Struct),
    /// A string enum that keeps values it does not know.
    Enum(StringEnum),
    /// A union told apart by a property's value.
    Tagged(TaggedUnion),
    /// A union told apart by the JSON shape of the value.
    Untagged(UntaggedUnion),
    /// Another name for a type expression (`type X = Vec<Y>`).
    Alias(TypeRef),
}

/// An object type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Struct {
    /// Properties the user sees, in document order.
    pub fields: Vec<Field>,
    /// Properties whose value is fixed; written by serde, never by the user.
    pub constants: Vec<Constant>,
    /// What happens to properties the schema does not name.
    pub extra: Extra,
}

/// A property of a struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The JSON property name.
    pub json_name: String,
    /// The Rust field name (may be a raw identifier such as `r#type`).
    pub rust_name: String,
    /// Rustdoc for the field.
    pub docs: Option<String>,
    /// The value's type, without the `Option` that `required`/`nullable` add.
    pub ty: TypeRef,
    /// The property is listed in `required`.
    pub required: bool,
    /// The property may be `null`.
    pub nullable: bool,
    /// The value is stored in a `Box` to break a type cycle.
    pub boxed: bool,
    /// How the field is sent and received, decided from the facts above by
    /// `lower/wire_mode.rs` once every type is known.
    pub wire: WireMode,
    /// The builder method that sets it (its own name, or `with_…` where that would
    /// shadow a trait method); `None` for a constructor argument.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
    /// The property is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// What the spec says about the value beyond its type (default, bounds, format).
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

/// How a struct field is sent and received. One policy decides it (`lower/wire_mode.rs`);
/// emission prints it as the field's line in the struct's wire mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WireMode {
    /// Listed in `required`, never `null`: a plain `T`; decoding fails without it.
    Required,
    /// Listed in `required` but may be `null`: an `Option<T>`, always sent (`None` as `null`).
    RequiredNullable,
    /// Not required: an `Option<T>`, left out when `None`.
    #[default]
    Optional,
    /// Not required and may be `null`: a `Nullable<T>` telling absent, `null` and a value
    /// apart, so a request can clear a field and a decoded `null` is sent back as `null`.
    OptionalNullable,
    /// Not required, with a `default` in the spec: an `Option<T>` like `Optional` (the
    /// server applies its default; the client never sends one the user did not set).
    OptionalWithDefault,
    /// Listed in `required`, but of a type whose empty value means the same as absence
    /// (lists, maps, objects without required properties): a plain `T` that decodes to
    /// its empty value when a server leaves it out or sends `null`.
    DefaultIfMissing,
}

impl WireMode {
    /// Whether the field is a plain `T` that the constructor takes.
    pub fn is_constructor_argument(self) -> bool {
        matches!(self, WireMode::Required | WireMode::DefaultIfMissing)
    }
}

/// What a schema says about a value beyond its type: shown in rustdoc, kept typed so
/// that values can be checked against it.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Constraints {
    /// The spec's `default`, as JSON text (`0.7`, `"auto"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// `minimum` (inclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Number>,
    /// `exclusiveMinimum` (3.1 number, or 3.0 `true` beside `minimum`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_minimum: Option<Number>,
    /// `maximum` (inclusive).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Number>,
    /// `exclusiveMaximum` (3.1 number, or 3.0 `true` beside `maximum`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_maximum: Option<Number>,
    /// `multipleOf`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple_of: Option<Number>,
    /// `minLength` of a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// `maxLength` of a string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// `minItems` of an array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// `maxItems` of an array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// `pattern`, an ECMA-262 regular expression.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// String `format` (`date-time`, `uuid`, `uri`, `email`, ...); a number's `format`
    /// is not kept here, it chose the Rust type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// `pattern` uses ECMA-262 syntax the `regex` crate lacks (lookaround,
    /// backreferences): it is documented but not checked by `validate()`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pattern_unchecked: bool,
    /// The constraints of an array's items (`items`), when they say anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Constraints>>,
    /// The constraints of a map's values (`additionalProperties`), when they say anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Box<Constraints>>,
}

impl Constraints {
    /// Whether the spec says nothing beyond the type.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// A number as the spec wrote it: integers stay exact.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Number {
    /// A whole number.
    Integer(i128),
    /// A number with a fraction (or beyond the integer range).
    Float(f64),
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Integer(n) => write!(f, "{n}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A property whose only allowed value is fixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constant {
    /// The JSON property name.
    pub json_name: String,
    /// The fixed value.
    pub value: Literal,
}

/// A JSON scalar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Literal {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A boolean.
    Bool(bool),
}

/// Properties beyond the named ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Extra {
    /// `additionalProperties: false`: none are kept.
    Forbidden,
    /// Kept as JSON values (the default, so nothing a server sends is lost).
    Any,
    /// `additionalProperties: <schema>`: kept with this value type.
    Typed(TypeRef),
}

/// A string enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StringEnum {
    /// Known values.
    pub values: Vec<EnumValue>,
    /// Name of the variant holding unknown values.
    pub other_variant: String,
}

/// One known value of a string enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The JSON string.
    pub json: String,
    /// The Rust variant name.
    pub rust_name: String,
}

/// A union whose variants are told apart by a property's value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedUnion {
    /// The property holding the tag.
    pub tag: String,
    /// One variant per tag value.
    pub variants: Vec<TaggedVariant>,
    /// Name of the variant holding values with an unknown tag.
    pub other_variant: String,
}

/// A variant of a [`TaggedUnion`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaggedVariant {
    /// The tag value.
    pub tag_value: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// The struct carried by the variant.
    pub ty: String,
    /// The struct does not write the tag itself, so the union adds it.
    pub inject_tag: bool,
    /// The struct is stored in a `Box` to break a type cycle.
    pub boxed: bool,
}

/// A union whose variants are told apart by JSON shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UntaggedUnion {
    /// Variants in the order they are tried within one JSON kind.
    pub variants: Vec<UntaggedVariant>,
}

/// A variant of an [`UntaggedUnion`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UntaggedVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// The carried type.
    pub ty: TypeRef,
    /// The JSON kind this variant accepts.
    pub shape: Shape,
    /// The value is stored in a `Box` to break a type cycle.
    pub boxed: bool,
}

/// The JSON kind of a value, used to pick an untagged variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Shape {
    /// `true`/`false`.
    Bool,
    /// A number without a fraction.
    Integer,
    /// Any number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object; these keys must be present for this variant to be chosen.
    Object { required: Vec<String> },
    /// Anything.
    Any,
}

/// A type expression.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum TypeRef {
    /// A named type from [`Api::types`].
    Named(String),
    /// `String`.
    String,
    /// An integer of the given width.
    Integer(IntFormat),
    /// A floating-point number (`f64`; `float` too, so values survive a round trip).
    Number,
    /// `bool`.
    Bool,
    /// Any JSON value.
    Any,
    /// A JSON array.
    List(Box<TypeRef>),
    /// A JSON object with string keys.
    Map(Box<TypeRef>),
    /// A value that may be `null` (only below fields; fields carry `nullable`).
    Nullable(Box<TypeRef>),
}

/// Integer widths from `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum IntFormat {
    /// `uint8`, or no format with bounds inside `0..=255` (bytes).
    U8,
    /// `int32`.
    I32,
    /// `int64` or unspecified.
    I64,
    /// `uint32`.
    U32,
    /// `uint64`.
    U64,
}

/// An HTTP operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// `operationId`, or one made from method and path.
    pub id: String,
    /// HTTP method as sent: upper case for the standard ones, as written for others
    /// (OpenAPI 3.2 `additionalOperations`).
    pub method: String,
    /// The path template without any query string, e.g. `/models/{model}`.
    pub path: String,
    /// The path template cut into literal text (ready to send) and parameters.
    pub path_parts: Vec<PathPart>,
    /// Fixed query pairs that were part of the path key (`/x?beta=true`).
    pub fixed_query: Vec<(String, String)>,
    /// Resource chain for the client, e.g. `["chat", "completions"]`.
    pub resource: Vec<String>,
    /// Rust method name within the resource, e.g. `create`.
    pub method_name: String,
    /// The form of the plain method taking per-request options, e.g. `create_with_options`;
    /// `None` when the operation only streams.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with_options_method: Option<String>,
    /// The streaming method, e.g. `create_stream` (or [`Operation::method_name`] when the
    /// operation only streams); `None` when it cannot stream.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_method: Option<String>,
    /// The streaming method taking per-request options, e.g. `create_stream_with_options`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_with_options_method: Option<String>,
    /// The method reading a binary response as a stream of chunks, e.g.
    /// `retrieve_download`; `None` unless the response is bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub download_method: Option<String>,
    /// The download method taking per-request options, e.g. `retrieve_download_with_options`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub download_with_options_method: Option<String>,
    /// Rustdoc from `summary` and `description`.
    pub docs: Option<String>,
    /// Path parameters, each once, in path order.
    pub path_params: Vec<Param>,
    /// Name of the struct in [`Api::types`] holding the query, header and cookie
    /// parameters, if any. Its fields are [`Operation::params`], by `rust_name`.
    pub query: Option<String>,
    /// The methods' argument that takes the [`Operation::query`] struct: `query`, or
    /// `params` when it holds headers or cookies too; `None` without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query_argument: Option<String>,
    /// Query, header and cookie parameters, in document order.
    pub params: Vec<Param>,
    /// The request body, if the operation takes one.
    pub body: Option<Body>,
    /// What a successful non-streaming call returns; `None` when the operation only streams.
    pub response: Option<ResponseKind>,
    /// The streamed response, when the operation can stream.
    pub stream: Option<StreamResponse>,
    /// `file#/pointer` of the operation.
    pub source: String,
    /// The operation is marked `deprecated: true`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The operation's own security requirement (`security` on the operation), replacing
    /// [`Security::default`]; `None` when it inherits the API-wide one.
    pub security: Option<Vec<Requirement>>,
    /// The operation's own servers (operation- or path-level `servers`); empty when it
    /// uses the API-wide ones.
    pub servers: Vec<Server>,
    /// The error responses the operation declares, most specific first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorResponse>,
    /// The name its typed error goes by in the `errors` module: an [`ErrorType`] or one
    /// of its aliases. `None` when it declares no error responses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
}

/// Which statuses a response key stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum StatusKey {
    /// One status code, e.g. `404`.
    Code(u16),
    /// A range by its first digit: `4` for `4XX`.
    Range(u8),
    /// `default`: every status no other entry names.
    Default,
}

/// One declared error response of an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorResponse {
    /// The statuses it covers.
    pub status: StatusKey,
    /// Its JSON body type; `None` when it declares no JSON body.
    pub body: Option<TypeRef>,
    /// The response's `description`.
    pub docs: Option<String>,
}

/// A typed error enum: one variant per declared error response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorType {
    /// Rust name in the `errors` module.
    pub name: String,
    /// Other names for the same enum, one per further operation that declares the same
    /// responses (emitted as `type` aliases, so each operation has its own name).
    pub aliases: Vec<String>,
    /// Variants, most specific status first (codes, then ranges, then `default`): the
    /// order a status is matched in.
    pub variants: Vec<ErrorVariant>,
}

/// A variant of an [`ErrorType`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorVariant {
    /// Rust variant name, e.g. `NotFound`.
    pub name: String,
    /// The declared response.
    pub response: ErrorResponse,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathPart {
    /// Text sent as is (already safe for a URL path: stray braces are percent-encoded).
    Literal(String),
    /// The path parameter at this index of [`Operation::path_params`].
    Param(usize),
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// Name on the wire.
    pub name: String,
    /// Rust argument name (path parameters) or field name in the parameters struct.
    pub rust_name: String,
    /// Rustdoc.
    pub docs: Option<String>,
    /// Value type.
    pub ty: TypeRef,
    /// Must be given.
    pub required: bool,
    /// Where the parameter goes.
    pub location: ParamLocation,
    /// How the value is written (OpenAPI `style`, defaulted by location).
    pub style: ParamStyle,
    /// OpenAPI `explode` (defaulted by style).
    pub explode: bool,
    /// What the parameter's schema says beyond its type (bounds, pattern, default).
    #[serde(skip_serializing_if = "Constraints::is_empty")]
    pub constraints: Constraints,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParamLocation {
    /// A part of the URL path.
    Path,
    /// A query pair.
    Query,
    /// A request header.
    Header,
    /// A pair in the `Cookie` header.
    Cookie,
}

/// OpenAPI serialization styles (RFC 6570 expansions for path parameters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParamStyle {
    /// `blue,black` (path and header default).
    Simple,
    /// `.blue.black` (path).
    Label,
    /// `;color=blue` (path).
    Matrix,
    /// `color=blue&color=black` (query and cookie default).
    Form,
    /// `color=blue%20black` (query).
    SpaceDelimited,
    /// `color=blue|black` (query).
    PipeDelimited,
    /// `color[R]=100` (query objects).
    DeepObject,
    /// The value as JSON text (a parameter described by `content` with a JSON media type).
    Json,
}

/// A request body: how it is encoded, and whether it must be sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    /// How the body is encoded; decides the argument's type.
    pub kind: BodyKind,
    /// The body must be sent.
    pub required: bool,
    /// The media type sent as `Content-Type` (lower case, without parameters); for a
    /// wildcard such as `*/*` the caller chooses it.
    pub media_type: String,
}

/// Request body encodings (`lower/bodies.rs` picks one per operation).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum BodyKind {
    /// A JSON value of this type.
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: the value of this type, flattened into
    /// key/value pairs (nested keys in bracket style).
    Form {
        /// The value's type (the same serde type a JSON body would use).
        ty: TypeRef,
        /// Per-property serialization rules from the media type's `encoding`.
        encoding: Vec<FormEncoding>,
    },
    /// `multipart/form-data` with a typed struct of parts.
    Multipart(MultipartForm),
    /// `multipart/form-data` whose parts the spec does not describe: the caller builds them.
    MultipartRaw,
    /// Text (`text/plain` and other text types), sent as given.
    Text,
    /// Raw bytes (`application/octet-stream` and other binary types), from memory or a file.
    Bytes,
}

/// How one property of a form-urlencoded body is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormEncoding {
    /// The property's JSON name.
    pub json_name: String,
    /// `encoding.<name>.style`.
    pub style: FormStyle,
    /// `encoding.<name>.explode`.
    pub explode: bool,
}

/// OpenAPI serialization styles that apply to form fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FormStyle {
    /// `form` (the default): arrays as repeated keys, or comma-joined without explode.
    Form,
    /// `spaceDelimited`: arrays joined by spaces.
    SpaceDelimited,
    /// `pipeDelimited`: arrays joined by `|`.
    PipeDelimited,
    /// `deepObject`: nested keys in brackets (`a[b]=v`, `a[]=v`, `a[0][b]=v`).
    DeepObject,
}

/// The typed parts of a `multipart/form-data` body: a struct the user fills in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MultipartForm {
    /// The Rust struct name (claimed among the API's type names).
    pub name: String,
    /// Rustdoc from the schema.
    pub docs: Option<String>,
    /// One field per part, in document order.
    pub fields: Vec<PartField>,
}

/// One part (or repeated part) of a multipart body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartField {
    /// The part's name on the wire.
    pub json_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Rustdoc.
    pub docs: Option<String>,
    /// The part must be sent.
    pub required: bool,
    /// The builder method that sets an optional part; `None` for a required part (an
    /// argument of `new`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setter: Option<String>,
    /// What the part carries.
    pub kind: PartKind,
    /// `encoding.<name>.contentType`, when the spec gives one.
    pub content_type: Option<String>,
}

/// What a multipart part carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PartKind {
    /// A file: bytes or a file on disk, with optional file name and content type.
    File,
    /// Several files under the same part name.
    Files,
    /// A scalar (or list of scalars, one part each) sent as text.
    Text(TypeRef),
    /// A value sent as a JSON part.
    Json(TypeRef),
}

/// The successful response of a call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ResponseKind {
    /// A JSON body of this type.
    Json(TypeRef),
    /// A text body (`text/plain` and other text types), returned as a `String`.
    Text,
    /// A body that is not JSON (audio, files), returned as bytes.
    Bytes,
    /// No body.
    Empty,
    /// Several success statuses with different bodies: an enum with one variant per
    /// status, chosen by the status that arrives.
    Outcomes(Outcomes),
}

/// The success outcomes of an operation whose 2xx responses differ in shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcomes {
    /// Rust name in the `outcomes` module, e.g. `CreateJobResponse`.
    pub name: String,
    /// One variant per declared success status, most specific first.
    pub variants: Vec<OutcomeVariant>,
}

/// A variant of [`Outcomes`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeVariant {
    /// Rust variant name, e.g. `Accepted`.
    pub name: String,
    /// The status it stands for (a code, a range, or `default`).
    pub status: StatusKey,
    /// Its JSON body type; `None` for a status without a JSON body.
    pub body: Option<TypeRef>,
    /// The response's `description`.
    pub docs: Option<String>,
}

/// A streamed response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamResponse {
    /// How items are framed.
    pub framing: StreamFraming,
    /// The type of each item.
    pub item: TypeRef,
    /// The operation also answers non-streaming; the stream needs a body flag.
    pub alongside_json: bool,
    /// SSE only: `item` is a union tagged on `event` whose variants carry the event's
    /// `data`, so each event is decoded as `{"event": <SSE event name>, "data": ...}`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub events: bool,
}

/// How stream items are framed on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum StreamFraming {
    /// `text/event-stream`.
    Sse,
    /// `application/x-ndjson`: one JSON value per line.
    Ndjson,
}

impl Body {
    /// The serde type of a JSON or form body (`None` for multipart, text and bytes).
    pub fn value_type(&self) -> Option<&TypeRef> {
        match &self.kind {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } => Some(ty),
            _ => None,
        }
    }
}

/// How requests are authenticated: the schemes and which of them the API asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Security {
    /// The schemes the client can send, in document order.
    pub schemes: Vec<SecurityScheme>,
    /// The API-wide requirement: alternatives, tried in order; the first whose
    /// credentials the user supplied is sent. Empty: no authentication.
    pub default: Vec<Requirement>,
}

/// One entry of a `security` list: every named scheme is sent together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Names of schemes in [`Security::schemes`]; empty means "no authentication".
    pub schemes: Vec<String>,
}

/// A security scheme the client can send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecurityScheme {
    /// The key in `components/securitySchemes`.
    pub name: String,
    /// Snake-case name for the builder's setter.
    pub rust_name: String,
    /// Rustdoc from the scheme's `description`.
    pub docs: Option<String>,
    /// What is sent.
    pub kind: SchemeKind,
}

/// How one scheme's credential goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SchemeKind {
    /// `type: apiKey`: the key as the value of a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes.
        location: KeyLocation,
        /// The header, parameter or cookie name.
        param: String,
    },
    /// `type: http, scheme: basic`: user and password, base64-encoded.
    Basic,
    /// `Authorization: Bearer <token>`: `http bearer`, and OAuth2 / OpenID Connect with a
    /// token the caller obtained.
    Bearer,
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// A server URL template with its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Server {
    /// The URL as written, with `{variable}` placeholders.
    pub url: String,
    /// `description`.
    pub description: Option<String>,
    /// Every `{name}` in the URL, in order of first appearance.
    pub variables: Vec<ServerVariable>,
    /// The URL (after substitution) has no scheme and host: it is resolved against
    /// the base URL the user gives.
    pub relative: bool,
}

/// A `{name}` placeholder in a server URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerVariable {
    /// The placeholder's name.
    pub name: String,
    /// Snake-case name for the builder's setter.
    pub rust_name: String,
    /// The declared default; `None` for an undeclared placeholder, which the user must set.
    pub default: Option<String>,
    /// Allowed values (`enum`); empty means any value.
    pub choices: Vec<String>,
    /// `description`.
    pub docs: Option<String>,
}

impl Api {
    /// The named type called `name`.
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}
