//! How security schemes, requirements and servers are read from a spec (IR level), and
//! what is refused: every scheme that cannot be sent is a warning naming its pointer and
//! never becomes a header; undefined schemes too; strict mode makes them errors.

use std::path::PathBuf;

use codegen::ir::{Api, KeyLocation, Operation, Requirement, SchemeKind};
use codegen::{Config, Error};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn ir(name: &str) -> Api {
    codegen::build_ir(&fixture(name), &Config::named("fixture")).expect("builds")
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.id == id)
        .expect("operation")
}

fn req(schemes: &[&str]) -> Requirement {
    Requirement {
        schemes: schemes.iter().map(|s| s.to_string()).collect(),
    }
}

#[track_caller]
fn assert_warning(api: &Api, pointer: &str, text: &str) {
    assert!(
        api.warnings
            .iter()
            .any(|w| w.location.ends_with(pointer) && w.message.contains(text)),
        "no warning at {pointer} about {text:?}: {:#?}",
        api.warnings
    );
}

#[test]
fn unsendable_schemes_are_warnings_and_only_sendable_ones_remain() {
    let api = ir("auth_unsendable.yaml");
    let names: Vec<&str> = api
        .security
        .schemes
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, ["key"]);
    assert_eq!(
        api.security.schemes[0].kind,
        SchemeKind::ApiKey {
            location: KeyLocation::Header,
            param: "X-Key".into()
        }
    );
    assert_warning(
        &api,
        "/components/securitySchemes/digest/scheme",
        "`digest`",
    );
    assert_warning(
        &api,
        "/components/securitySchemes/negotiate/scheme",
        "`negotiate`",
    );
    assert_warning(&api, "/components/securitySchemes/weird/in", "`body`");
    // The API-wide list drops the digest alternative and keeps the key.
    assert_eq!(api.security.default, [req(&["key"])]);
    assert_warning(&api, "/security/0/digest", "cannot be sent");
}

#[test]
fn an_operation_needing_only_digest_sends_nothing_rather_than_a_wrong_header() {
    let api = ir("auth_unsendable.yaml");
    assert_eq!(op(&api, "getDigest").security, Some(Vec::new()));
    assert_warning(&api, "/paths/~1digest/get/security", "no alternative");
    let krate = codegen::generate(&fixture("auth_unsendable.yaml"), &Config::named("fixture"))
        .expect("generates");
    let settings = krate.file("src/settings.rs").unwrap();
    assert!(!settings.contains("digest"), "{settings}");
    assert!(!settings.contains("Bearer"), "{settings}");
}

#[test]
fn mutual_tls_is_left_to_the_tls_layer_and_the_other_schemes_are_still_sent() {
    let api = ir("auth_unsendable.yaml");
    assert_eq!(op(&api, "getMtls").security, Some(vec![req(&["key"])]));
    assert_warning(&api, "/paths/~1mtls/get/security/0/mtls", "mutual TLS");
}

#[test]
fn an_undefined_scheme_is_a_warning_and_its_alternative_is_skipped() {
    let api = ir("auth_unsendable.yaml");
    assert_eq!(op(&api, "getUndefined").security, Some(vec![req(&["key"])]));
    assert_warning(
        &api,
        "/paths/~1undefined/get/security/0/nowhere",
        "not defined",
    );
    let mut strict = Config::named("fixture");
    strict.strict = true;
    let err = codegen::build_ir(&fixture("auth_unsendable.yaml"), &strict).unwrap_err();
    assert!(matches!(err, Error::Strict(_)), "{err}");
    assert!(
        err.to_string()
            .contains("auth_unsendable.yaml#/paths/~1undefined/get/security/0/nowhere"),
        "{err}"
    );
}

#[test]
fn servers_keep_every_variable_and_warn_about_undeclared_ones() {
    let api = ir("servers_variables.yaml");
    let server = &api.servers[0];
    let vars: Vec<(&str, Option<&str>)> = server
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.default.as_deref()))
        .collect();
    assert_eq!(
        vars,
        [
            ("tenant", None),
            ("region", Some("eu")),
            ("version", Some("v9"))
        ]
    );
    assert_eq!(server.variables[1].choices, ["eu", "us"]);
    assert_eq!(server.variables[0].rust_name, "server_tenant");
    assert_warning(&api, "/servers/0/url", "`{tenant}` is not declared");
    assert_warning(&api, "/servers/0/variables/version/default", "not one of");
    // An operation repeating the API-wide server uses the base URL like the others;
    // the path-level server applies to the path's other operation.
    assert!(op(&api, "listThings").servers.is_empty());
    assert_eq!(
        op(&api, "createThing").servers[0].url,
        "https://api.example.test/other"
    );
}

#[test]
fn a_spec_without_servers_has_the_relative_server_slash() {
    let api = ir("operation.yaml");
    assert!(!api.servers[0].relative);
    let api = ir("all_of.yaml");
    assert_eq!(api.servers.len(), 1);
    assert_eq!(api.servers[0].url, "/");
    assert!(api.servers[0].relative);
}
