//! Cargo features per resource group: how operations are grouped (path, tag, config
//! overrides), which groups each type needs (reachability through fields, union arms,
//! list items, map values, recursion, parameters, form parts, stream items), and how the
//! emitted crate gates its items. `cargo xtask features` builds the combinations.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use codegen::config::{FeaturesConfig, GroupBy};
use codegen::ir::Api;
use codegen::Config;
use support::{Reply, TestServer};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/features/openapi.yaml")
}

fn config(group_by: GroupBy, groups: &[(&str, &str)]) -> Config {
    let mut config = Config::named("features_client");
    config.features = FeaturesConfig {
        group_by,
        groups: groups
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    };
    config
}

#[track_caller]
fn ir(config: &Config) -> Api {
    codegen::build_ir(&fixture(), config).unwrap_or_else(|err| panic!("{err}"))
}

/// Each type's groups by feature name; `full` for types no operation reaches.
fn type_features(api: &Api) -> BTreeMap<String, Vec<String>> {
    api.types
        .iter()
        .map(|t| {
            let groups = api.features.groups_of_type(&t.name);
            let names = if groups.is_empty() {
                vec!["full".to_string()]
            } else {
                groups
                    .iter()
                    .map(|&g| api.features.groups[g].name.clone())
                    .collect()
            };
            (t.name.clone(), names)
        })
        .collect()
}

/// Each operation's feature, by operation id.
fn operation_features(api: &Api) -> BTreeMap<String, String> {
    api.operations
        .iter()
        .zip(&api.features.operation_groups)
        .map(|(op, &g)| (op.id.clone(), api.features.groups[g].name.clone()))
        .collect()
}

#[test]
fn groups_follow_the_first_path_segment_after_the_version_and_config_merges() {
    let api = ir(&config(GroupBy::Path, &[("status", "health")]));
    let groups: Vec<(&str, Vec<&str>)> = api
        .features
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.keys.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("chat", vec!["chat"]),
            ("files", vec!["files"]),
            ("health", vec!["health", "status"]),
            ("models", vec!["models"]),
        ]
    );
    let ops = operation_features(&api);
    assert_eq!(ops["createChatCompletion"], "chat");
    assert_eq!(ops["downloadFile"], "files");
    assert_eq!(ops["status"], "health");
    insta::assert_yaml_snapshot!("features_types", type_features(&api));
}

#[test]
fn a_type_belongs_to_every_group_that_reaches_it_and_unreached_types_to_full() {
    let api = ir(&config(GroupBy::Path, &[]));
    let types = type_features(&api);
    let of = |name: &str| types[name].join(",");
    // Shared by chat (through Message) and models (through Model): compiled once, for both.
    assert_eq!(of("Usage"), "chat,models");
    // Through a union arm, a struct field and its own recursion.
    assert_eq!(of("TreeNode"), "chat");
    assert_eq!(of("FunctionTool"), "chat");
    // Through a map's values, an enum field and a stream item.
    assert_eq!(of("MetaValue"), "chat");
    assert_eq!(of("Role"), "chat");
    assert_eq!(of("ChatChunk"), "chat");
    // Through a multipart part, and a query parameter struct.
    assert_eq!(of("Purpose"), "files");
    let query = api
        .operations
        .iter()
        .find(|op| op.id == "listModels")
        .and_then(|op| op.query.clone())
        .expect("listModels has a query struct");
    assert_eq!(of(&query), "models");
    // Used by no operation.
    assert_eq!(of("Orphan"), "full");
    assert_eq!(of("ModelName"), "full");
}

#[test]
fn group_by_tag_uses_the_first_tag_and_falls_back_to_the_path() {
    let api = ir(&config(GroupBy::Tag, &[]));
    let ops = operation_features(&api);
    assert_eq!(ops["createChatCompletion"], "chat");
    assert_eq!(ops["uploadFile"], "files");
    assert_eq!(ops["retrieveModel"], "models");
    // No tags: the path rule.
    assert_eq!(ops["health"], "health");
    assert_eq!(ops["status"], "status");
    let keys: Vec<&str> = api
        .features
        .groups
        .iter()
        .flat_map(|g| g.keys.iter().map(String::as_str))
        .collect();
    assert_eq!(keys, ["Chat", "Files", "health", "Models", "status"]);
}

#[test]
fn an_override_naming_no_group_is_an_error() {
    let err = codegen::build_ir(&fixture(), &config(GroupBy::Path, &[("chats", "chat")]))
        .expect_err("`chats` is no group");
    let message = err.to_string();
    assert!(
        message.contains("features.groups names the group `chats`"),
        "{message}"
    );
    assert!(message.contains("chat, files, health, models"), "{message}");
}

#[test]
fn every_emitted_type_and_resource_is_behind_its_features() {
    let api = ir(&config(GroupBy::Path, &[("status", "health")]));
    let krate =
        codegen::emit::emit(&api, &config(GroupBy::Path, &[("status", "health")])).expect("emits");
    let cargo = krate.file("Cargo.toml").unwrap();
    assert!(cargo.contains("default = [\"full\"]\n"), "{cargo}");
    assert!(
        cargo.contains("full = [\"chat\", \"files\", \"health\", \"models\"]\n"),
        "{cargo}"
    );
    assert!(
        cargo.contains("# from: health, status\nhealth = []\n"),
        "{cargo}"
    );
    for file in ["src/types.rs", "src/resources.rs"] {
        let text = krate.file(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let top_level_item = ["pub ", "impl", "crate::runtime::"]
                .iter()
                .any(|start| line.starts_with(start));
            if !top_level_item || *line == "impl crate::runtime::Client {" {
                continue;
            }
            // The item's attributes are the lines above it, up to the previous blank one.
            let attrs = lines[..i]
                .iter()
                .rev()
                .take_while(|l| !l.is_empty() && (l.starts_with("#") || l.starts_with("//")));
            assert!(
                attrs.clone().any(|l| l.starts_with("#[cfg(")),
                "{file}: ungated item `{line}`"
            );
        }
    }
    let types = krate.file("src/types.rs").unwrap();
    assert_eq!(
        gate_of(types, "pub struct Orphan"),
        "#[cfg(feature = \"full\")]"
    );
    assert_eq!(
        gate_of(types, "pub struct Usage"),
        "#[cfg(any(feature = \"chat\", feature = \"models\"))]"
    );
}

/// The `#[cfg(...)]` line among the attributes of the item starting with `item`.
#[track_caller]
fn gate_of<'a>(text: &'a str, item: &str) -> &'a str {
    let at = text
        .find(&format!("\n{item}"))
        .expect("the item is emitted");
    let block_start = text[..at].rfind("\n\n").unwrap_or(0);
    text[block_start..at]
        .lines()
        .find(|l| l.starts_with("#[cfg("))
        .expect("the item is gated")
}

#[test]
fn a_spec_without_operations_gates_nothing() {
    let spec = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("clients/types_only/openapi.yaml");
    let config = Config::named("types_only");
    let api = codegen::build_ir(&spec, &config).unwrap();
    assert!(!api.features.is_gated());
    let krate = codegen::emit::emit(&api, &config).unwrap();
    assert!(!krate.file("src/types.rs").unwrap().contains("#[cfg("));
    assert!(krate.file("Cargo.toml").unwrap().contains("full = []\n"));
}

#[test]
fn hostile_group_keys_become_valid_distinct_feature_names() {
    let dir = std::env::temp_dir().join(format!("features_hostile_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join("openapi.yaml");
    std::fs::write(
        &spec,
        r#"openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a: {get: {tags: ["Chat"], responses: {"204": {description: ok}}}}
  /b: {get: {tags: ["chat"], responses: {"204": {description: ok}}}}
  /c: {get: {tags: ["full"], responses: {"204": {description: ok}}}}
  /d: {get: {tags: ["serde"], responses: {"204": {description: ok}}}}
  /e: {get: {tags: ["\" = 1\n[x]"], responses: {"204": {description: ok}}}}
  /f: {get: {tags: ["  "], responses: {"204": {description: ok}}}}
"#,
    )
    .unwrap();
    let config = config(GroupBy::Tag, &[]);
    let api = codegen::build_ir(&spec, &config).unwrap();
    let names: Vec<&str> = api
        .features
        .groups
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    let mut unique = names.clone();
    unique.dedup();
    assert_eq!(unique.len(), 6, "{names:?}");
    for name in &names {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name}"
        );
        assert!(!["default", "full", "serde"].contains(name), "{name}");
    }
    // A blank tag falls back to the path.
    assert!(names.contains(&"f"), "{names:?}");
    let cargo = codegen::emit::emit(&api, &config).unwrap();
    let cargo = cargo.file("Cargo.toml").unwrap();
    assert!(!cargo.contains("\n[x]"), "{cargo}");
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn the_default_build_has_every_group() {
    let server = TestServer::start(vec![
        Reply::json(
            200,
            r#"{"id":"c1","choices":[{"role":"assistant","content":"hi"}]}"#,
        ),
        Reply::json(200, r#"{"id":"m1","usage":{"tokens":3}}"#),
        Reply::text(200, "fine"),
    ])
    .await;
    let client = features_client::Client::builder()
        .base_url(server.base_url())
        .build()
        .unwrap();
    let request = features_client::ChatRequest::new(
        "m",
        vec![features_client::Message::new(
            features_client::Role::User,
            "hello",
        )],
    );
    let reply = client.chat().completions().create(&request).await.unwrap();
    assert_eq!(reply.choices[0].content, "hi");
    let model = client.models().retrieve("m1").await.unwrap();
    assert_eq!(model.usage.and_then(|u| u.tokens), Some(3));
    assert_eq!(client.status().list().await.unwrap(), "fine");
    // Types no operation reaches come with `full`, the default.
    let _ = features_client::Orphan::default();
    let paths: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    assert!(paths[0].ends_with("/v1/chat/completions"), "{paths:?}");
    assert!(paths[1].ends_with("/v1/models/m1"), "{paths:?}");
    assert!(paths[2].ends_with("/status"), "{paths:?}");
}
