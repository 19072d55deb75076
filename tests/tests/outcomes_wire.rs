//! Success outcomes (`codegen/src/lower/outcomes.rs`, `emit/outcomes.rs`,
//! `runtime/outcome.rs`), on the fixture client `tests/clients/outcomes/`: when the
//! success statuses return different shapes, the method returns an enum whose variant
//! is chosen by the status that arrives (bodiless statuses included); when they return
//! the same shape, the method returns just that type.

mod support;

use outcomes_client::outcomes::CreateJobResponse;
use outcomes_client::Client;
use support::{Reply, TestServer};

async fn create(
    reply: Reply,
) -> Result<CreateJobResponse, outcomes_client::Error<outcomes_client::errors::CreateJobError>> {
    let server = TestServer::start(vec![reply]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    client.jobs().create().await
}

#[tokio::test]
async fn each_status_decodes_its_own_shape() {
    match create(Reply::json(201, r#"{"id":"j1"}"#)).await.unwrap() {
        CreateJobResponse::Created(job) => assert_eq!(job.id, "j1"),
        other => panic!("{other:?}"),
    }
    match create(Reply::json(200, r#"{"previous":"j0"}"#))
        .await
        .unwrap()
    {
        CreateJobResponse::Ok(existing) => assert_eq!(existing.previous, "j0"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn bodiless_statuses_are_variants_without_payload() {
    let accepted = create(Reply::json(202, "")).await.unwrap();
    assert!(
        matches!(accepted, CreateJobResponse::Accepted),
        "{accepted:?}"
    );
    let none = create(Reply::json(204, "")).await.unwrap();
    assert!(matches!(none, CreateJobResponse::NoContent), "{none:?}");
}

#[tokio::test]
async fn an_undeclared_success_status_is_a_decode_error_naming_it() {
    let err = create(Reply::json(206, r#"{"id":"j1"}"#))
        .await
        .unwrap_err();
    assert!(err.is_decode(), "{err:?}");
    assert!(err.to_string().contains("206 Partial Content"), "{err}");
}

#[tokio::test]
async fn errors_stay_typed_beside_outcomes() {
    let err = create(Reply::json(404, r#"{"message":"no queue"}"#))
        .await
        .unwrap_err();
    match err.typed() {
        Some(outcomes_client::errors::CreateJobError::NotFound(p)) => {
            assert_eq!(p.message, "no queue")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn one_shape_over_several_statuses_is_just_the_type() {
    let server = TestServer::start(vec![Reply::json(203, r#"{"id":"j9"}"#)]).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap();
    let job: outcomes_client::types::Job = client.jobs().list().await.unwrap();
    assert_eq!(job.id, "j9");
}

#[test]
fn the_outcomes_module_is_snapshotted() {
    let code = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("clients/outcomes/generated/src/outcomes.rs"),
    )
    .unwrap();
    insta::assert_snapshot!("outcomes_module", code);
}
