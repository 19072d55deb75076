//! How parameters, path templates, path items and method names are lowered: targeted
//! checks of the IR (every dropped parameter is a warning naming its pointer), and IR
//! and code snapshots of the parameters fixtures.

use std::path::PathBuf;

use codegen::ir::{Api, Operation, ParamLocation, ParamStyle, PathPart};

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

#[track_caller]
fn ir(name: &str) -> Api {
    codegen::build_ir(&path(name), &codegen::Config::named("fixture"))
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

#[track_caller]
fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

/// `(pointer after the file's `#`, message)` of every warning.
fn warnings(api: &Api) -> Vec<(String, String)> {
    api.warnings
        .iter()
        .map(|w| {
            let pointer = w.location.split_once('#').map_or("", |(_, p)| p);
            (pointer.to_string(), w.message.clone())
        })
        .collect()
}

const ITEMS: &str = "/paths/~1items~1{id}";

#[track_caller]
fn assert_warns(api: &Api, pointer: &str, needle: &str) {
    let all = warnings(api);
    assert!(
        all.iter().any(|(p, m)| p == pointer && m.contains(needle)),
        "no warning at {pointer} containing {needle:?}; got {all:#?}"
    );
}

#[test]
fn every_parameter_not_sent_is_a_warning_naming_its_pointer() {
    let api = ir("fixtures/params_warnings.yaml");
    let post = |i: usize| format!("{ITEMS}/post/parameters/{i}");
    assert_warns(&api, &post(0), "header parameter `Accept` is ignored");
    assert_warns(&api, &post(1), "header parameter `content-type` is ignored");
    assert_warns(
        &api,
        &post(2),
        "header parameter `AUTHORIZATION` is ignored",
    );
    assert_warns(
        &api,
        &post(3),
        "`in: querystring` parameter `raw` is not supported",
    );
    // `in: body`, a parameter that is not an object and a non-string path-item `$ref` are
    // structure errors of the loader (tests/tests/load_structure.rs).
    assert_warns(
        &api,
        &post(5),
        "`ghost` is not in the path `/items/{id}`; not sent",
    );
    assert_warns(&api, &format!("{}/style", post(6)), "sent as `form`");
    assert_warns(&api, &format!("{}/style", post(7)), "sent as `simple`");
    // A parameter without `name` or `in` is a structure error of the loader too.
    assert_warns(
        &api,
        &format!("{}/content/application~1xml", post(11)),
        "sent as plain text",
    );
    assert_warns(
        &api,
        &post(13),
        "`Not A Header` is not a valid header name; not sent",
    );
    // What is kept: the required header, the misplaced styles (as the default), the
    // parameter without `in` (as a query parameter).
    let kept: Vec<(&str, ParamLocation, ParamStyle)> = op(&api, "siblingPost")
        .params
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.style))
        .collect();
    assert_eq!(
        kept,
        [
            ("legacy", ParamLocation::Query, ParamStyle::Form),
            ("shaped", ParamLocation::Query, ParamStyle::Form),
            ("headerStyle", ParamLocation::Header, ParamStyle::Simple),
            ("plain", ParamLocation::Query, ParamStyle::Form),
            ("unnamed", ParamLocation::Query, ParamStyle::Form),
            ("noWhere", ParamLocation::Query, ParamStyle::Form),
            ("xml", ParamLocation::Query, ParamStyle::Form),
            ("kept", ParamLocation::Header, ParamStyle::Simple),
        ]
    );
    assert_eq!(
        op(&api, "siblingPost").query.as_deref(),
        Some("SiblingPostParams")
    );
}

#[test]
fn a_path_item_ref_is_merged_with_its_siblings() {
    let api = ir("fixtures/params_warnings.yaml");
    let ids: Vec<&str> = api
        .operations
        .iter()
        .filter(|o| o.path == "/items/{id}")
        .map(|o| o.id.as_str())
        .collect();
    // The sibling `get` wins over the referenced one, with a warning; the referenced
    // `delete` and the path-level parameter are kept.
    assert_eq!(ids, ["siblingGet", "siblingPost", "purgeItem", "refDelete"]);
    assert_warns(
        &api,
        "/components/pathItems/Items/get",
        "defines `GET` twice; the one at params_warnings.yaml#/paths/~1items~1{id}/get is used",
    );
    let delete = op(&api, "refDelete");
    assert_eq!(delete.path_params[0].name, "id");
    assert!(delete
        .source
        .ends_with("#/components/pathItems/Items/delete"));
    assert_eq!(op(&api, "oddRef").method, "GET");
}

#[test]
fn additional_operations_keep_their_method_or_warn() {
    let api = ir("fixtures/params_warnings.yaml");
    let purge = op(&api, "purgeItem");
    assert_eq!(
        (purge.method.as_str(), purge.method_name.as_str()),
        ("PURGE", "purge")
    );
    assert_warns(
        &api,
        &format!("{ITEMS}/additionalOperations/GET"),
        "must be written as a fixed field",
    );
    assert_warns(
        &api,
        &format!("{ITEMS}/additionalOperations/BAD METHOD"),
        "not an HTTP method name",
    );
    assert!(api
        .operations
        .iter()
        .all(|o| o.id != "notAToken" && o.id != "fixedAsAdditional"));
}

#[test]
fn stray_braces_are_literal_path_text_percent_encoded() {
    let api = ir("clients/params/openapi.yaml");
    let parts = |id: &str| op(&api, id).path_parts.clone();
    let lit = |s: &str| PathPart::Literal(s.to_string());
    assert_eq!(
        parts("strayClose"),
        [lit("/b/"), PathPart::Param(0), lit("/x%7D")]
    );
    assert_eq!(
        parts("doubled"),
        [lit("/c/%7B"), PathPart::Param(0), lit("%7D")]
    );
    // The generated code passes spec text only as string literals, never as a format string.
    let krate = codegen::generate(
        &path("clients/params/openapi.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    let resources = krate.file("src/resources.rs").unwrap();
    assert!(!resources.contains("format!("), "resources.rs formats text");
    assert!(resources.contains(r#"__params.literal("/x%7D");"#));
}

#[test]
fn path_parameters_never_take_the_name_of_a_method_argument() {
    let api = ir("clients/params/openapi.yaml");
    let names: Vec<&str> = op(&api, "shadowed")
        .path_params
        .iter()
        .map(|p| p.rust_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "value",
            "path",
            "url",
            "options_2",
            "body_2",
            "request",
            "client_2",
            "query_2",
            "self_2",
            "params_2"
        ]
    );
}

#[test]
fn method_names_avoid_every_emitted_name_and_accessor() {
    let api = ir("clients/params/openapi.yaml");
    let mut names: Vec<(&str, &str)> = api
        .operations
        .iter()
        .filter(|o| o.resource == ["things"] || o.resource == ["ids"])
        .map(|o| (o.id.as_str(), o.method_name.as_str()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("--", "value"),
            ("123go", "_123go"),
            ("Self", "self_2"),
            ("archive", "archive_2"),
            ("async", "create"),
            ("clone", "clone_2"),
            ("crate", "crate_"),
            ("createThing", "create_thing"),
            ("create_stream", "create_stream_2"),
            ("fmt", "fmt_2"),
            ("listThings", "list_things"),
            ("list_with_options", "list_with_options_2"),
            ("r#type", "r_type"),
            ("search", "search_2"),
            ("self", "self_"),
            ("super", "super_"),
            ("type", "list"),
        ]
    );
    assert!(api.warnings.is_empty(), "{:#?}", api.warnings);
}

#[test]
fn ir_snapshots() {
    insta::assert_yaml_snapshot!("params_client_ir", ir("clients/params/openapi.yaml"));
    insta::assert_yaml_snapshot!("params_warnings_ir", ir("fixtures/params_warnings.yaml"));
}

#[test]
fn code_snapshot() {
    let krate = codegen::generate(
        &path("fixtures/params_warnings.yaml"),
        &codegen::Config::named("fixture"),
    )
    .unwrap();
    insta::assert_snapshot!(
        "params_warnings_resources",
        krate.file("src/resources.rs").unwrap()
    );
}
