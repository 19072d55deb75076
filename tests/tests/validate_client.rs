//! Opt-in request validation, against the `tests/clients/validate` fixture client: every
//! keyword (ranges, exclusive bounds, `multipleOf`, lengths in characters, item counts,
//! `pattern`), on nested items, map values, union arms and query parameters; every
//! violation is listed with its JSON pointer; it is off by default, on per client or per
//! request, and a request that fails it never reaches the server.

mod support;

use std::collections::BTreeMap;

use support::{Reply, TestServer};
use validate_client::types::{
    CreateMessage, CreateMessageQuery, FunctionTool, Message, MessageRole, Tool,
};
use validate_client::validate::ValidationError;
use validate_client::{Client, Error, RequestOptions, Validate};

/// A valid request: every bounded field set to a value inside its bounds.
fn valid() -> CreateMessage {
    CreateMessage::new(vec![Message::new(MessageRole::User, "héllo")], 1.5)
        .top_p(0.5)
        .n(4)
        .step(1.5)
        .stop(vec!["end".into()])
        .user("user-42")
        .metadata(BTreeMap::from([("k".to_string(), "12345678".to_string())]))
        .tool(Tool::Function(FunctionTool::new("ab")))
        .nickname("al")
        .grid(vec![vec![1, 9], vec![]])
}

fn violations(e: &ValidationError) -> Vec<(String, String)> {
    e.violations()
        .iter()
        .map(|v| (v.path().to_string(), v.message().to_string()))
        .collect()
}

fn paths(e: &ValidationError) -> Vec<String> {
    violations(e).into_iter().map(|(p, _)| p).collect()
}

#[test]
fn a_request_inside_every_bound_passes() {
    assert_eq!(valid().validate(), Ok(()));
    // Lengths count characters, not bytes: "éé" is two.
    let edge = CreateMessage::new(vec![Message::new(MessageRole::User, "é".repeat(10))], 0.0)
        .nickname("éé");
    assert_eq!(edge.validate(), Ok(()));
}

#[test]
fn numeric_bounds_inclusive_and_exclusive() {
    let e = CreateMessage::new(vec![Message::new(MessageRole::User, "x")], 2.5)
        .top_p(1.0)
        .validate()
        .unwrap_err();
    assert_eq!(
        violations(&e),
        [
            ("/temperature".into(), "must be at most 2, is 2.5".into()),
            ("/top_p".into(), "must be less than 1, is 1".into()),
        ]
    );
    let e = CreateMessage::new(vec![Message::new(MessageRole::User, "x")], -0.1)
        .top_p(0.0)
        .validate()
        .unwrap_err();
    assert_eq!(
        violations(&e),
        [
            ("/temperature".into(), "must be at least 0, is -0.1".into()),
            ("/top_p".into(), "must be more than 0, is 0".into()),
        ]
    );
}

#[test]
fn multiple_of_integer_and_float() {
    let e = valid().n(3).step(0.7).validate().unwrap_err();
    assert_eq!(
        violations(&e),
        [
            ("/n".into(), "must be a multiple of 2, is 3".into()),
            ("/step".into(), "must be a multiple of 0.5, is 0.7".into()),
        ]
    );
}

#[test]
fn lengths_items_and_patterns() {
    let e = CreateMessage::new(vec![], 1.0)
        .user("admin")
        .nickname("a")
        .validate()
        .unwrap_err();
    assert_eq!(
        violations(&e),
        [
            (
                "/messages".into(),
                "must have at least 1 items, has 0".into()
            ),
            (
                "/user".into(),
                "must match the pattern `^user-\\d+$`".into()
            ),
            (
                "/nickname".into(),
                "must be at least 2 characters long, is 1".into()
            ),
        ]
    );
    // ECMA-262 `\d` is ASCII digits only, so an Arabic-Indic digit does not match.
    assert!(valid().user("user-٣").validate().is_err());
}

#[test]
fn every_violation_is_listed_with_its_json_pointer() {
    let mut metadata = BTreeMap::new();
    metadata.insert("a/b".to_string(), "123456789".to_string());
    let request = CreateMessage::new(
        vec![
            Message::new(MessageRole::User, "ok"),
            Message::new(MessageRole::Assistant, ""),
            Message::new(MessageRole::User, "much too long"),
            Message::new(MessageRole::User, "four"),
        ],
        3.0,
    )
    .stop(vec!["ok".into(), "toolong".into()])
    .metadata(metadata)
    .tool(Tool::Function(FunctionTool::new("sixsix")))
    .grid(vec![vec![1], vec![1, 2, 10]]);
    let e = request.validate().unwrap_err();
    assert_eq!(
        paths(&e),
        [
            "/messages",
            "/messages/1/content",
            "/messages/2/content",
            "/temperature",
            "/stop/1",
            "/metadata/a~1b",
            "/tool/name",
            "/grid/1",
            "/grid/1/2",
        ]
    );
    let text = e.to_string();
    assert!(
        text.starts_with("the request breaks 9 constraints of the API's spec: body `/messages`: must have at most 3 items, has 4; body `/messages/1/content`: must be at least 1 characters long, is 0;"),
        "{text}"
    );
}

async fn server() -> (TestServer, Client) {
    let server = TestServer::start(vec![Reply::json(200, "{}"), Reply::json(200, "{}")]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key("k")
        .max_retries(0)
        .validate_requests(true)
        .build()
        .unwrap();
    (server, client)
}

fn bad() -> CreateMessage {
    CreateMessage::new(vec![Message::new(MessageRole::User, "")], 9.0)
}

#[tokio::test]
async fn validation_is_off_by_default() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key("k")
        .max_retries(0)
        .build()
        .unwrap();
    let query = CreateMessageQuery::new().limit(200);
    client.messages().create(&query, &bad()).await.unwrap();
    assert_eq!(server.count(), 1, "the server decides");
    // A request option turns it on for one call.
    let options = RequestOptions::new().validate(true);
    let e = client
        .messages()
        .create_with_options(&query, &bad(), &options)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Validation(_)), "{e:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_failed_validation_sends_nothing() {
    let (server, client) = server().await;
    let query = CreateMessageQuery::new().limit(0).tag("Upper");
    let e = client.messages().create(&query, &bad()).await.unwrap_err();
    assert_eq!(server.count(), 0);
    let Error::Validation(v) = &e else {
        panic!("expected a validation error, got {e:?}");
    };
    let found: Vec<(&str, &str)> = v
        .violations()
        .iter()
        .map(|v| (v.part(), v.path()))
        .collect();
    assert_eq!(
        found,
        [
            ("body", "/messages/0/content"),
            ("body", "/temperature"),
            ("parameters", "/limit"),
            ("parameters", "/tag"),
        ]
    );
    assert!(
        e.to_string()
            .contains("parameters `/tag`: must match the pattern `^[a-z]+$`"),
        "{e}"
    );

    // A top-level array body is checked item by item.
    let e = client
        .batches()
        .create(&vec![Message::new(MessageRole::User, "")])
        .await
        .unwrap_err();
    let Error::Validation(v) = &e else {
        panic!("expected a validation error, got {e:?}");
    };
    assert_eq!(paths(v), ["/0/content"]);
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_valid_request_is_sent_and_options_can_turn_validation_off() {
    let (server, client) = server().await;
    let query = CreateMessageQuery::new().limit(100).tag("abc");
    client.messages().create(&query, &valid()).await.unwrap();
    assert_eq!(server.count(), 1);
    let options = RequestOptions::new().validate(false);
    client
        .messages()
        .create_with_options(&CreateMessageQuery::new(), &bad(), &options)
        .await
        .unwrap();
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn path_parameters_are_checked_too() {
    let (server, client) = server().await;
    let note = validate_client::types::Note::new();
    let e = client.notes().update("x12345", 0, &note).await.unwrap_err();
    let Error::Validation(v) = &e else {
        panic!("expected a validation error, got {e:?}");
    };
    let found: Vec<(&str, &str, &str)> = v
        .violations()
        .iter()
        .map(|v| (v.part(), v.path(), v.message()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "path",
                "/note_id",
                "must be at most 4 characters long, is longer"
            ),
            ("path", "/note_id", "must match the pattern `^n[0-9]+$`"),
            ("path", "/page", "must be at least 1, is 0"),
        ]
    );
    assert_eq!(server.count(), 0);
    client.notes().update("n12", 1, &note).await.unwrap();
    assert_eq!(server.count(), 1);
}
