//! What an OpenAPI node is, from where it stands: `#/paths/~1a/get` is an operation,
//! `.../schema/properties/x` a schema, `.../example` plain data.
//!
//! The loader uses this to follow only `$ref`s that are references (never those inside
//! `example`, `examples`, `default`, `enum`, `const` or `x-*` extensions), to check that a
//! `$ref` points at the kind of object its place needs, and to check shapes.

/// The role of a node in an OpenAPI document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The root of an OpenAPI document.
    Document,
    /// `info`.
    Info,
    /// A `servers` list.
    Servers,
    /// `paths`, `webhooks`: path items by path.
    Paths,
    /// A path item.
    PathItem,
    /// An operation.
    Operation,
    /// A `parameters` list.
    Parameters,
    /// A parameter.
    Parameter,
    /// A request body.
    RequestBody,
    /// `responses`: responses by status.
    Responses,
    /// A response.
    Response,
    /// `content`: media types by name.
    Content,
    /// A media type object.
    MediaType,
    /// A schema.
    Schema,
    /// `allOf`, `oneOf`, `anyOf`, `prefixItems`: a list of schemas.
    SchemaList,
    /// A header.
    Header,
    /// An example object.
    Example,
    /// A link.
    Link,
    /// A callback: path items by expression.
    Callback,
    /// A security scheme.
    SecurityScheme,
    /// `components`.
    Components,
    /// An encoding object.
    Encoding,
    /// A map from names to nodes of one kind (`properties`, `components/schemas`, ...).
    MapOf(&'static Kind),
    /// Example or default values, enums, extensions: data, never references.
    Data,
    /// Anything else: references inside are followed, nothing is checked.
    Other,
}

use Kind::*;

const OPERATION_KEYS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

impl Kind {
    /// The kind of the value under `key` in a mapping of this kind.
    pub fn child(self, key: &str) -> Kind {
        match self {
            Data => return Data,
            MapOf(item) => return *item,
            _ if key.starts_with("x-") => return Data,
            _ => {}
        }
        match (self, key) {
            (Document, "info") => Info,
            (Document, "servers") | (PathItem | Operation, "servers") => Servers,
            (Document, "paths" | "webhooks") => Paths,
            (Document, "components") => Components,
            (Paths, _) | (Callback, _) => PathItem,
            (PathItem, k) if OPERATION_KEYS.contains(&k) => Operation,
            (PathItem, "additionalOperations") => MapOf(&Operation),
            (PathItem | Operation, "parameters") => Parameters,
            (Operation, "requestBody") => RequestBody,
            (Operation, "responses") => Responses,
            (Operation, "callbacks") => MapOf(&Callback),
            (Parameter | Header, "schema") => Schema,
            (Parameter | Header | RequestBody | Response, "content") => Content,
            (Parameter | Header | MediaType, "example" | "examples") => Data,
            (Content, _) => MediaType,
            (MediaType, "schema" | "itemSchema") => Schema,
            (MediaType, "encoding") => MapOf(&Encoding),
            (Encoding | Response, "headers") => MapOf(&Header),
            (Responses, _) => Response,
            (Response, "links") => MapOf(&Link),
            (Example, _) => Data,
            (Components, "schemas") => MapOf(&Schema),
            (Components, "responses") => MapOf(&Response),
            (Components, "parameters") => MapOf(&Parameter),
            (Components, "examples") => MapOf(&Example),
            (Components, "requestBodies") => MapOf(&RequestBody),
            (Components, "headers") => MapOf(&Header),
            (Components, "securitySchemes") => MapOf(&SecurityScheme),
            (Components, "links") => MapOf(&Link),
            (Components, "callbacks") => MapOf(&Callback),
            (Components, "pathItems") => MapOf(&PathItem),
            (Components, "mediaTypes") => MapOf(&MediaType),
            (Schema, k) => schema_child(k),
            // Unknown context (a file reached by a fragment, an unknown keyword): the
            // keywords that always mean the same thing.
            (Other, "example" | "examples") => Data,
            (Other, "schema") => Schema,
            (Other, "properties") => MapOf(&Schema),
            _ => Other,
        }
    }

    /// The kind of element `index` in a sequence of this kind.
    pub fn element(self) -> Kind {
        match self {
            Data => Data,
            Parameters => Parameter,
            SchemaList | Schema => Schema,
            _ => Other,
        }
    }

    /// Whether the generated code needs what a `$ref` in this place names, so a file
    /// that cannot be read is an error (rather than left unread).
    pub fn needed(self) -> bool {
        !matches!(self, Example | Link | Other | Data)
    }

    /// How messages name this kind.
    pub fn describe(self) -> &'static str {
        match self {
            Document => "the whole document",
            Info => "the `info` object",
            Servers => "a `servers` list",
            Paths => "the paths object",
            PathItem => "a path item",
            Operation => "an operation",
            Parameters => "a parameter list",
            Parameter => "a parameter",
            RequestBody => "a request body",
            Responses => "a responses object",
            Response => "a response",
            Content => "a content map",
            MediaType => "a media type object",
            Schema => "a schema",
            SchemaList => "a list of schemas",
            Header => "a header",
            Example => "an example",
            Link => "a link",
            Callback => "a callback",
            SecurityScheme => "a security scheme",
            Components => "the components object",
            Encoding => "an encoding object",
            MapOf(_) => "a map of named objects",
            Data => "example or default data",
            Other => "an object",
        }
    }
}

fn schema_child(key: &str) -> Kind {
    match key {
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
            MapOf(&Schema)
        }
        "items"
        | "additionalItems"
        | "not"
        | "if"
        | "then"
        | "else"
        | "additionalProperties"
        | "unevaluatedProperties"
        | "unevaluatedItems"
        | "contains"
        | "propertyNames"
        | "contentSchema" => Schema,
        "allOf" | "anyOf" | "oneOf" | "prefixItems" => SchemaList,
        "example" | "examples" | "default" | "enum" | "const" => Data,
        _ => Other,
    }
}

/// Whether a `$ref` found where `expected` belongs may point at a node of kind `found`.
pub fn compatible(expected: Kind, found: Kind) -> bool {
    matches!(expected, Other | Data) || matches!(found, Other | Data) || expected == found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_name_maps_are_not_keywords() {
        let props = Schema.child("properties");
        assert_eq!(props.child("default"), Schema);
        assert_eq!(props.child("x-rate"), Schema);
        assert_eq!(Schema.child("default"), Data);
        assert_eq!(Operation.child("responses").child("default"), Response);
        assert_eq!(Paths.child("x-ext"), Data);
    }
}
