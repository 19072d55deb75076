//! The Rust emitted for each fixture: a snapshot of the formatted types (and of the
//! operations for the operation fixture), a few targeted checks of what the code must
//! say, and a `cargo check` of every fixture's generated crate.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

#[track_caller]
fn types_of(name: &str) -> String {
    let api = codegen::build_ir(&fixture(name), &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"));
    codegen::emit::emit_types(&api).unwrap_or_else(|err| panic!("{name}: {err}"))
}

/// `code` with the fully qualified paths the generator writes (so that no spec name can
/// shadow them) shortened to what a reader would write, to keep the checks readable.
fn plain(code: &str) -> String {
    const PREFIXES: &[(&str, &str)] = &[
        ("::core::option::Option::", ""),
        ("::core::result::Result::", ""),
        ("::core::option::", ""),
        ("::core::result::", ""),
        ("::core::convert::", ""),
        ("::core::default::", ""),
        ("::std::string::", ""),
        ("::std::vec::", ""),
        ("::std::boxed::", ""),
        ("::std::collections::", "std::collections::"),
        ("::serde_json::", "serde_json::"),
        ("::serde::", "serde::"),
        ("crate::types::", "types::"),
        ("crate::runtime::", ""),
    ];
    let mut code = code.to_string();
    for (long, short) in PREFIXES {
        code = code.replace(long, short);
    }
    code
}

/// Undoes the formatter's line breaks inside `<...>` once whitespace is collapsed.
fn unwrap_generics(text: &str) -> String {
    text.replace("< ", "<")
        .replace(" >", ">")
        .replace(",>", ">")
}

#[track_caller]
fn assert_has(code: &str, needles: &[&str]) {
    // Macro invocations are flowed by the formatter, so compare with runs of whitespace
    // collapsed to one space.
    let flat = |text: &str| unwrap_generics(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    let code = flat(&plain(code));
    for needle in needles {
        assert!(
            code.contains(&flat(needle)),
            "emitted code lacks {needle:?}"
        );
    }
}

#[track_caller]
fn assert_lacks(code: &str, needles: &[&str]) {
    let code = plain(code);
    for needle in needles {
        assert!(!code.contains(needle), "emitted code has {needle:?}");
    }
}

/// The lines of the definition of `item` (`pub struct Name {` ... `}`), trimmed.
#[track_caller]
fn definition(code: &str, item: &str) -> Vec<String> {
    let code = plain(code);
    let start = code
        .find(&format!("{item} {{"))
        .unwrap_or_else(|| panic!("no `{item}` in the emitted code"));
    code[start..]
        .lines()
        .take_while(|line| *line != "}")
        .map(|line| line.trim().to_string())
        .filter(|line| !line.starts_with("///") && !line.starts_with("#["))
        .skip(1)
        .fold(Vec::<String>::new(), |mut lines, line| {
            // A field the formatter broke over several lines is put back on one.
            let open = |l: &str| l.matches('<').count() > l.replace("->", "").matches('>').count();
            match lines.last_mut() {
                Some(last) if open(last) => {
                    *last = unwrap_generics(&format!("{last} {line}"));
                }
                _ => lines.push(line),
            }
            lines
        })
}

// ---------------------------------------------------------------- snapshots

#[test]
fn discriminator_with_mapping() {
    let code = types_of("discriminator_mapping.yaml");
    assert_eq!(
        definition(&code, "pub enum Pet"),
        [
            "Cat(Feline),",
            "Dog(Dog),",
            "Lizard(Lizard),",
            "Gecko(Lizard),",
            "Other(serde_json::Value),"
        ]
    );
    // Two variants carry `Lizard`, so `From<Lizard>` would be ambiguous.
    assert_lacks(&code, &["impl From<Lizard> for Pet"]);
    assert_has(
        &code,
        &["impl From<Feline> for Pet", "impl From<Dog> for Pet"],
    );
    insta::assert_snapshot!("discriminator_mapping", code);
}

#[test]
fn discriminator_without_mapping() {
    let code = types_of("discriminator_no_mapping.yaml");
    assert_lacks(&code, &["pub kind:"]);
    insta::assert_snapshot!("discriminator_no_mapping", code);
}

#[test]
fn tag_inferred_without_discriminator() {
    let code = types_of("inferred_tag.yaml");
    assert_lacks(&code, &["pub object:", "pub r#type:"]);
    insta::assert_snapshot!("inferred_tag", code);
}

#[test]
fn untagged_string_array_object() {
    let code = types_of("untagged.yaml");
    assert_has(
        &code,
        &[
            "impl From<&str> for Input",
            "impl From<Vec<String>> for Input",
        ],
    );
    insta::assert_snapshot!("untagged", code);
}

#[test]
fn union_in_array_in_union() {
    let code = types_of("nested_unions.yaml");
    // A part converts straight into the outer union, through the inner one.
    assert_has(
        &code,
        &[
            "impl From<TextPart> for Content",
            "impl From<Vec<Part>> for Content",
        ],
    );
    insta::assert_snapshot!("nested_unions", code);
}

#[test]
fn all_of_merging() {
    let code = types_of("all_of.yaml");
    assert_eq!(
        definition(&code, "pub struct Deep"),
        [
            "pub id: String,",
            "pub created: Option<i64>,",
            "pub name: String,",
            "pub updated: i64,",
            "pub archived: Option<bool>,",
            "pub extra: extra::Extra,"
        ]
    );
    insta::assert_snapshot!("all_of", code);
}

#[test]
fn nullable_openapi_3_0() {
    let code = types_of("nullable_30.yaml");
    // Required and nullable: always written, `null` when unset.
    assert_has(
        &code,
        &["\"req_nullable\" => req_nullable: required_nullable,"],
    );
    // Optional and nullable: absent, `null` and a value kept apart.
    assert_has(
        &code,
        &[
            "\"opt_nullable\" => opt_nullable: optional_nullable,",
            "pub opt_nullable: Nullable<i64>,",
        ],
    );
    insta::assert_snapshot!("nullable_30", code);
}

#[test]
fn nullable_openapi_3_1() {
    let code = types_of("nullable_31.yaml");
    assert_has(
        &code,
        &[
            "\"any_of_null\" => any_of_null: required_nullable,",
            "\"opt_any_of_null\" => opt_any_of_null: optional_nullable,",
            "pub items_nullable: Option<Vec<Option<i64>>>,",
        ],
    );
    insta::assert_snapshot!("nullable_31", code);
}

#[test]
fn nullable_mixed_3_0_and_3_1() {
    let code = types_of("mixed_nullability.yaml");
    insta::assert_snapshot!("mixed_nullability", code);
}

#[test]
fn additional_properties() {
    let code = types_of("additional_properties.yaml");
    assert_has(
        &code,
        &[
            "pub type TypedMap = std::collections::BTreeMap<String, i32>;",
            "pub type AnyMap = JsonObject;",
        ],
    );
    assert_eq!(
        definition(&code, "pub struct Closed"),
        ["pub a: Option<String>,"],
        "additionalProperties: false keeps no extra field"
    );
    assert_eq!(
        definition(&code, "pub struct TypedExtra"),
        [
            "pub a: Option<i64>,",
            "pub extra: std::collections::BTreeMap<String, String>,"
        ]
    );
    insta::assert_snapshot!("additional_properties", code);
}

#[test]
fn recursion() {
    let code = types_of("recursion.yaml");
    assert_eq!(
        definition(&code, "pub struct Node"),
        [
            "pub value: String,",
            "pub parent: Option<Box<Node>>,",
            "pub children: Option<Vec<Node>>,",
            "pub by_name: Option<std::collections::BTreeMap<String, Node>>,",
            "pub extra: extra::Extra,"
        ]
    );
    assert_has(
        &code,
        &[
            "pub next: Option<Box<ListNode>>,",
            "pub children: Vec<Tree>,",
        ],
    );
    insta::assert_snapshot!("recursion", code);
}

#[test]
fn integer_formats() {
    let code = types_of("integer_formats.yaml");
    assert_has(
        &code,
        &["pub i32: i32,", "pub u64: u64,", "pub float: Option<f64>,"],
    );
    insta::assert_snapshot!("integer_formats", code);
}

#[test]
fn constants() {
    let code = types_of("constants.yaml");
    // Required constants are not fields; optional single-value properties are.
    assert_eq!(
        definition(&code, "pub struct Completion"),
        [
            "pub id: String,",
            "pub version: Option<i64>,",
            "pub beta: Option<bool>,",
            "pub kind: Option<FixedKind>,",
            "pub role: Option<CompletionRole>,",
            "pub extra: extra::Extra,"
        ]
    );
    assert_has(
        &code,
        &["Completion { const \"object\" = \"chat.completion\", const \"type\" = \"text\","],
    );
    insta::assert_snapshot!("constants", code);
}

#[test]
fn name_collisions() {
    let code = types_of("name_collisions.yaml");
    assert_lacks(
        &code,
        &[
            "pub struct Option ",
            "pub struct Client ",
            "pub struct Error ",
            "pub enum Result ",
        ],
    );
    insta::assert_snapshot!("name_collisions", code);
}

#[test]
fn keywords() {
    let code = types_of("keywords.yaml");
    assert_has(
        &code,
        &[
            "pub r#type: String,",
            "pub self_: String,",
            "pub r#match: Option<String>,",
            "pub r#fn: Option<String>,",
            "pub fn with_new(",
            "\"5m\" => V5m,",
            "\"\" => Empty,",
        ],
    );
    insta::assert_snapshot!("keywords", code);
}

#[test]
fn any_of_string_and_enum() {
    let code = types_of("open_enum.yaml");
    assert_eq!(
        definition(&code, "pub enum Model"),
        ["Gpt4o,", "Gpt4oMini,", "Other(String),"]
    );
    insta::assert_snapshot!("open_enum", code);
}

#[test]
fn multi_file() {
    let code = types_of("multi/api.yaml");
    assert_has(
        &code,
        &["pub species: Species,", "pub owner: Option<Owner>,"],
    );
    insta::assert_snapshot!("multi", code);
}

#[test]
fn operation() {
    let code = types_of("operation.yaml");
    insta::assert_snapshot!("operation_types", code);
    let krate = codegen::generate(
        &fixture("operation.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    let resources = krate.file("src/resources.rs").expect("resources.rs");
    assert_has(
        resources,
        &[
            // the fixed query of the path key is sent, not part of the path
            "\"beta\"",
            "SseStream<types::StepEvent>",
            "Result<types::Step, Error>",
        ],
    );
    assert_lacks(resources, &["?beta=true"]);
    insta::assert_snapshot!("operation_resources", resources);
}

// ---------------------------------------------------------------- compiling

/// Fixtures whose generated crates must compile.
const COMPILED: &[&str] = &[
    "discriminator_mapping.yaml",
    "discriminator_no_mapping.yaml",
    "inferred_tag.yaml",
    "untagged.yaml",
    "nested_unions.yaml",
    "all_of.yaml",
    "nullable_30.yaml",
    "nullable_31.yaml",
    "mixed_nullability.yaml",
    "additional_properties.yaml",
    "recursion.yaml",
    "integer_formats.yaml",
    "constants.yaml",
    "name_collisions.yaml",
    "keywords.yaml",
    "open_enum.yaml",
    "multi/api.yaml",
    "operation.yaml",
];

/// Outcome of `cargo check` over a workspace of generated crates.
struct Checked {
    success: bool,
    /// `file:line:col: level: message` lines from the generated crates.
    diagnostics: Vec<String>,
    output: String,
}

/// Generates each fixture into its own crate of one workspace and runs `cargo check`
/// on it, offline, with the workspace's lock file (the crates use the same
/// dependencies as `generated/`, so nothing needs downloading).
fn cargo_check(group: &str, fixtures: &[&str]) -> Checked {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture_crates");
    let dir = base.join(group);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    let mut members = Vec::new();
    for name in fixtures {
        let crate_name = format!(
            "fixture_{}",
            name.trim_end_matches(".yaml").replace(['/', '-'], "_")
        );
        let krate = codegen::generate(&fixture(name), &codegen::Config::named(&crate_name))
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        codegen::write::write_crate(&krate, &dir.join(&crate_name)).unwrap();
        members.push(format!("{crate_name:?}"));
    }
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "check",
            "--offline",
            "--workspace",
            // Every feature, so the blocking resources of each fixture are checked too.
            "--all-features",
            "--quiet",
            "--message-format",
            "short",
        ])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", base.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    let success = output.status.success();
    let output = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
    .replace(&format!("{}/", dir.display()), "");
    let diagnostics = output
        .lines()
        .filter(|line| line.starts_with("fixture_") && line.contains(": "))
        .map(str::to_string)
        .collect();
    Checked {
        success,
        diagnostics,
        output,
    }
}

fn fixture_crates() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| cargo_check("all", COMPILED))
}

#[test]
fn every_fixture_crate_compiles() {
    let checked = fixture_crates();
    assert!(
        checked.success,
        "generated crates do not compile:\n{}",
        checked.output
    );
}

#[test]
fn every_fixture_crate_compiles_without_warnings() {
    let checked = fixture_crates();
    assert!(checked.success, "{}", checked.output);
    assert!(
        checked.diagnostics.is_empty(),
        "warnings in generated code:\n{}",
        checked.diagnostics.join("\n")
    );
}

#[test]
fn schemas_named_like_serde_helpers_compile() {
    let checked = cargo_check("helper_names", &["helper_names.yaml"]);
    assert!(
        checked.success,
        "generated crate does not compile:\n{}",
        checked.output
    );
}

/// Exploded form style (the default for query parameters) repeats the key for each item:
/// `include[]=a&include[]=b`, not `include[]=a,b`.
#[test]
fn exploded_array_query_parameters_repeat_the_key() {
    let krate = codegen::generate(
        &fixture("operation.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    let resources = krate.file("src/resources.rs").expect("resources.rs");
    let joined: Vec<&str> = resources
        .lines()
        .filter(|line| line.contains("(\"include[]\", ") && line.contains("param_text(value)"))
        .collect();
    assert!(
        joined.is_empty(),
        "the whole list is rendered as one value: {joined:?}"
    );
}

// ---------------------------------------------------------------- behaviour

/// One check of how a fixture's generated types behave at run time: the types are
/// compiled (with the runtime's serde helpers, without the HTTP client) into a crate
/// whose only test is `source`.
struct Behaviour {
    name: &'static str,
    fixture: &'static str,
    source: &'static str,
}

const BEHAVIOURS: &[Behaviour] = &[
    Behaviour {
        name: "constants",
        fixture: "constants.yaml",
        source: r#"
            // Required constants are written without being asked for; optional
            // single-value properties stay optional, so a decoded value is re-sent as it came.
            let value = Completion::new("c1");
            let json = serde_json::to_value(&value).unwrap();
            assert_eq!(json, serde_json::json!({"object": "chat.completion", "type": "text", "id": "c1"}));
            let back: Completion = serde_json::from_value(json).unwrap();
            assert_eq!(back, value);
            let full = serde_json::json!({
                "object": "chat.completion", "type": "text", "id": "c1",
                "version": 2, "beta": true, "kind": "fixed", "role": "assistant"
            });
            let decoded: Completion = serde_json::from_value(full.clone()).unwrap();
            assert_eq!(decoded.role.as_ref().map(|r| r.as_str()), Some("assistant"));
            assert_eq!(serde_json::to_value(&decoded).unwrap(), full);
        "#,
    },
    Behaviour {
        name: "recursion",
        fixture: "recursion.yaml",
        source: r#"
            let mut node = Node::new("child").parent(Node::new("root"));
            node.children = Some(vec![Node::new("leaf")]);
            let json = serde_json::to_value(&node).unwrap();
            assert_eq!(json, serde_json::json!({
                "value": "child", "parent": {"value": "root"}, "children": [{"value": "leaf"}]
            }));
            assert_eq!(serde_json::from_value::<Node>(json).unwrap(), node);

            let expr = Expr::from(Not::new(Not::new(Literal::new(true))));
            let json = serde_json::to_value(&expr).unwrap();
            assert_eq!(json, serde_json::json!({
                "op": "not", "operand": {"op": "not", "operand": {"op": "literal", "value": true}}
            }));
            assert_eq!(serde_json::from_value::<Expr>(json).unwrap(), expr);

            let tree: Json = serde_json::from_value(serde_json::json!({"a": [1.5, "x", {"b": []}]})).unwrap();
            assert!(matches!(tree, Json::Map(_)));
            assert_eq!(
                serde_json::to_value(&tree).unwrap(),
                serde_json::json!({"a": [1.5, "x", {"b": []}]})
            );
        "#,
    },
    Behaviour {
        name: "nullable",
        fixture: "nullable_31.yaml",
        source: r#"
            let record = Record::new();
            assert_eq!(serde_json::to_value(&record).unwrap(), serde_json::json!({
                "type_list": null, "any_of_null": null, "one_of_null": null,
                "enum_null": null, "union_or_null": null
            }));
            let json = serde_json::json!({
                "type_list": "a", "any_of_null": {"a": "b"}, "one_of_null": 1,
                "enum_null": "high", "union_or_null": ["x"], "opt_type_list": null,
                "items_nullable": [1, null]
            });
            let record: Record = serde_json::from_value(json).unwrap();
            assert_eq!(record.type_list.as_deref(), Some("a"));
            // An explicit `null` in an optional, nullable field is kept and sent back.
            assert_eq!(record.opt_type_list, Nullable::Null);
            assert_eq!(serde_json::to_value(&record).unwrap()["opt_type_list"], serde_json::Value::Null);
            assert_eq!(record.items_nullable, Some(vec![Some(1), None]));
        "#,
    },
    Behaviour {
        name: "untagged",
        fixture: "untagged.yaml",
        source: r#"
            let decode = |json: serde_json::Value| -> Input { serde_json::from_value(json).unwrap() };
            assert_eq!(decode(serde_json::json!("s")), Input::from("s"));
            assert_eq!(decode(serde_json::json!(["a"])), Input::from(vec!["a".to_string()]));
            assert_eq!(decode(serde_json::json!({"text": "t"})), Input::from(InputObject::new("t")));
            assert!(serde_json::from_value::<Input>(serde_json::json!(1)).is_err());

            let objects = |json: serde_json::Value| -> Objects { serde_json::from_value(json).unwrap() };
            assert_eq!(objects(serde_json::json!({"id": 1, "version": 2})), Objects::from(ById::new(1, 2)));
            assert_eq!(objects(serde_json::json!({"name": "n"})), Objects::from(ByName::new("n")));

            let scalar = |json: serde_json::Value| -> Scalar { serde_json::from_value(json).unwrap() };
            assert_eq!(scalar(serde_json::json!(1)), Scalar::from(1i64));
            assert_eq!(scalar(serde_json::json!(1.5)), Scalar::from(1.5f64));
            assert_eq!(scalar(serde_json::json!(true)), Scalar::from(true));
            assert_eq!(scalar(serde_json::json!("1")), Scalar::from("1"));
        "#,
    },
    Behaviour {
        name: "nested_unions",
        fixture: "nested_unions.yaml",
        source: r#"
            let one = Content::from(TextPart::new("hi"));
            assert_eq!(serde_json::to_value(&one).unwrap(), serde_json::json!({"type": "text", "text": "hi"}));
            let json = serde_json::json!([{"type": "image", "url": "u"}, {"type": "text", "text": "t"}]);
            let many: Content = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(many, Content::from(vec![Part::from(ImagePart::new("u")), TextPart::new("t").into()]));
            assert_eq!(serde_json::to_value(&many).unwrap(), json);
            let prompt: Prompt = serde_json::from_value(serde_json::json!(["a", [1, 2]])).unwrap();
            assert_eq!(serde_json::to_value(&prompt).unwrap(), serde_json::json!(["a", [1, 2]]));
        "#,
    },
    Behaviour {
        name: "inferred_tag",
        fixture: "inferred_tag.yaml",
        source: r#"
            let json = serde_json::json!({"object": "event", "type": "event.deleted", "id": "x"});
            let event: Event = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(event, Event::from(Deleted::new("x")));
            assert_eq!(serde_json::to_value(&event).unwrap(), json);
            let unknown = serde_json::json!({"object": "event", "type": "event.moved", "to": 1});
            let event: Event = serde_json::from_value(unknown.clone()).unwrap();
            assert!(matches!(event, Event::Other(_)));
            assert_eq!(serde_json::to_value(&event).unwrap(), unknown);
        "#,
    },
    Behaviour {
        name: "keywords",
        fixture: "keywords.yaml",
        source: r#"
            let value = Keywords::new("t", "s").r#match("m").extra_2("e").with_new("n");
            let json = serde_json::to_value(&value).unwrap();
            assert_eq!(json, serde_json::json!({"type": "t", "self": "s", "match": "m", "extra": "e", "new": "n"}));
            let back: Keywords = serde_json::from_value(serde_json::json!({
                "type": "t", "self": "s", "extra": "e", "unknown": 1
            })).unwrap();
            assert_eq!(back.extra_2.as_deref(), Some("e"));
            assert_eq!(back.extra.get("unknown"), Some(&serde_json::json!(1)));
            for (text, value) in [("", Values::Empty), ("Other", Values::Other), ("5m", Values::V5m)] {
                assert_eq!(Values::from(text), value);
                assert_eq!(value.as_str(), text);
            }
            assert_eq!(Values::from("zzz").as_str(), "zzz");
        "#,
    },
    Behaviour {
        name: "additional_properties",
        fixture: "additional_properties.yaml",
        source: r#"
            let typed: TypedExtra = serde_json::from_value(serde_json::json!({"a": 1, "b": "x"})).unwrap();
            assert_eq!(typed.extra.get("b").map(String::as_str), Some("x"));
            assert!(serde_json::from_value::<TypedExtra>(serde_json::json!({"a": 1, "b": 2})).is_err());
            let open: Open = serde_json::from_value(serde_json::json!({"z": [1]})).unwrap();
            assert_eq!(serde_json::to_value(&open).unwrap(), serde_json::json!({"z": [1]}));
        "#,
    },
    Behaviour {
        name: "all_of",
        fixture: "all_of.yaml",
        source: r#"
            let deep = Deep::new("i", "n", 5).archived(true);
            let json = serde_json::to_value(&deep).unwrap();
            assert_eq!(json, serde_json::json!({"id": "i", "name": "n", "updated": 5, "archived": true}));
            assert_eq!(serde_json::from_value::<Deep>(json).unwrap(), deep);
        "#,
    },
    Behaviour {
        name: "open_enum",
        fixture: "open_enum.yaml",
        source: r#"
            assert_eq!(Model::from("gpt-4o"), Model::Gpt4o);
            let custom: Model = serde_json::from_value(serde_json::json!("my-model")).unwrap();
            assert_eq!(custom.as_str(), "my-model");
            let number: ModelOrNumber = serde_json::from_value(serde_json::json!(3)).unwrap();
            assert_eq!(number, ModelOrNumber::from(3i64));
        "#,
    },
    // Generator bugs (see the ignored tests below).
    Behaviour {
        name: "injected_tag",
        fixture: "discriminator_mapping.yaml",
        source: r#"
            let pet = Pet::Gecko(Lizard::new(3));
            let json = serde_json::to_value(&pet).unwrap();
            assert_eq!(json, serde_json::json!({"pet_type": "gecko", "scales": 3}));
            let back: Pet = serde_json::from_value(json).unwrap();
            assert_eq!(back, pet, "the tag must not end up in Lizard's `extra`");
        "#,
    },
    Behaviour {
        name: "declared_tag",
        fixture: "discriminator_mapping.yaml",
        source: r#"
            let mut dog = Dog::new("dog", "Rex");
            dog.pet_type = "cat".into();
            let json = serde_json::to_value(Pet::Dog(dog)).unwrap();
            assert_eq!(json["pet_type"], "dog");
            assert!(matches!(serde_json::from_value::<Pet>(json).unwrap(), Pet::Dog(_)));
        "#,
    },
];

/// The workspace of behaviour crates, created once per test run.
fn behaviour_workspace() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixture_crates");
        let dir = base.join("behaviour");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        let mut members = Vec::new();
        for behaviour in BEHAVIOURS {
            let crate_name = format!("behaviour_{}", behaviour.name);
            let krate =
                codegen::generate(&fixture(behaviour.fixture), &codegen::Config::named(&crate_name))
                    .unwrap_or_else(|err| panic!("{}: {err}", behaviour.fixture));
            let files = [
                (
                    "Cargo.toml",
                    format!(
                        "[package]\nname = {crate_name:?}\nversion = \"0.0.0\"\nedition = \"2021\"\n\
                         publish = false\n\n[dependencies]\nmemchr = \"2\"\nserde = \"1\"\nsimdutf8 = \"0.1\"\n\
                         serde_json = {{ version = \"1\", features = [\"raw_value\"] }}\n"
                    ),
                ),
                (
                    "src/lib.rs",
                    "#![allow(dead_code)]\nmod runtime {\n    pub mod extra;\n    pub(crate) mod field_read;\n    mod json_macros;\n    mod json_object;\n    mod json_unions;\n    mod nullable;\n    \
                     pub(crate) mod serde_support;\n    mod utf8;\n    pub use json_object::JsonObject;\n    \
                     pub use nullable::Nullable;\n}\n\
                     pub mod types;\npub use runtime::{extra, JsonObject, Nullable};\npub use types::*;\n"
                        .to_string(),
                ),
                (
                    "src/runtime/serde_support.rs",
                    krate.file("src/runtime/serde_support.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/extra.rs",
                    krate.file("src/runtime/extra.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/field_read.rs",
                    krate.file("src/runtime/field_read.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/json_macros.rs",
                    krate.file("src/runtime/json_macros.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/json_object.rs",
                    krate.file("src/runtime/json_object.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/json_unions.rs",
                    krate.file("src/runtime/json_unions.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/nullable.rs",
                    krate.file("src/runtime/nullable.rs").unwrap().to_string(),
                ),
                (
                    "src/runtime/utf8.rs",
                    krate.file("src/runtime/utf8.rs").unwrap().to_string(),
                ),
                ("src/types.rs", krate.file("src/types.rs").unwrap().to_string()),
                (
                    "tests/behaviour.rs",
                    format!(
                        "use {crate_name}::*;\n\n#[test]\nfn behaves() {{{}}}\n",
                        behaviour.source
                    ),
                ),
            ];
            for (path, contents) in files {
                let path = dir.join(&crate_name).join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, contents).unwrap();
            }
            members.push(format!("{crate_name:?}"));
        }
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
                members.join(", ")
            ),
        )
        .unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
        dir
    })
}

/// Runs the behaviour crate `name`'s test; fails with the compiler's or test's output.
#[track_caller]
fn assert_behaves(name: &str) {
    assert!(
        BEHAVIOURS.iter().any(|b| b.name == name),
        "no behaviour {name}"
    );
    let dir = behaviour_workspace();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "test",
            "--offline",
            "--quiet",
            "--message-format",
            "short",
            "-p",
            &format!("behaviour_{name}"),
        ])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.parent().unwrap().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "behaviour {name} fails:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn constants_are_written_and_read_back() {
    assert_behaves("constants");
}

#[test]
fn recursive_types_round_trip() {
    assert_behaves("recursion");
}

#[test]
fn nullable_fields_serialize_null_when_required_and_decode_null() {
    assert_behaves("nullable");
}

#[test]
fn untagged_unions_decode_by_shape() {
    assert_behaves("untagged");
}

#[test]
fn nested_unions_convert_and_round_trip() {
    assert_behaves("nested_unions");
}

#[test]
fn inferred_tag_dispatches_and_keeps_unknown_tags() {
    assert_behaves("inferred_tag");
}

#[test]
fn keyword_fields_use_their_json_names() {
    assert_behaves("keywords");
}

#[test]
fn additional_properties_are_kept_with_their_type() {
    assert_behaves("additional_properties");
}

#[test]
fn merged_all_of_round_trips() {
    assert_behaves("all_of");
}

#[test]
fn open_enums_keep_unknown_values() {
    assert_behaves("open_enum");
}

#[test]
fn injected_tag_variant_round_trips_to_an_equal_value() {
    assert_behaves("injected_tag");
}

#[test]
fn declared_tag_variant_is_written_with_the_union_tag() {
    assert_behaves("declared_tag");
}
