//! Typed errors per operation (`codegen/src/lower/errors.rs`, `emit/errors.rs`,
//! `runtime/typed_error.rs`), on the fixture client `tests/clients/errors/`: each
//! declared status, range and `default` reaches its typed body through
//! `Error::typed`, exact codes win over ranges and ranges over `default`, operations
//! declaring the same responses share one enum, and undeclared statuses or bodies that
//! do not decode keep the raw body.

mod support;

use errors_client::errors::{CreatePetError, GetPetError, ListPetsError};
use errors_client::{Client, Error};
use support::{Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap()
}

async fn get_pet(reply: Reply) -> Error<GetPetError> {
    let server = TestServer::start(vec![reply]).await;
    client(&server).pets().retrieve("p1").await.unwrap_err()
}

#[tokio::test]
async fn an_exact_status_decodes_into_its_own_schema() {
    let err = get_pet(Reply::json(404, r#"{"missing":"p1"}"#)).await;
    match err.typed() {
        Some(GetPetError::NotFound(body)) => assert_eq!(body.missing, "p1"),
        other => panic!("{other:?}"),
    }
    // The plain error API is still there.
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.as_api().unwrap().body().unwrap()["missing"], "p1");
}

#[tokio::test]
async fn a_bodiless_status_is_a_variant_without_payload() {
    let err = get_pet(Reply::json(409, "")).await;
    assert!(
        matches!(err.typed(), Some(GetPetError::Conflict)),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_range_covers_the_codes_not_listed_and_default_the_rest() {
    let err = get_pet(Reply::json(418, r#"{"code":7,"message":"teapot"}"#)).await;
    match err.typed() {
        Some(GetPetError::ClientError(p)) => {
            assert_eq!((p.code, p.message.as_str()), (7, "teapot"))
        }
        other => panic!("{other:?}"),
    }
    let err = get_pet(Reply::text(503, "down for maintenance")).await;
    assert!(
        matches!(err.typed(), Some(GetPetError::ServerError)),
        "{err:?}"
    );
    assert_eq!(err.as_api().unwrap().text(), Some("down for maintenance"));
    let err = get_pet(Reply::json(302, r#"{"code":1,"message":"moved"}"#)).await;
    match err.typed() {
        Some(GetPetError::Default(p)) => assert_eq!(p.message, "moved"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_does_not_decode_keeps_the_raw_body() {
    // 404 is declared as `NotFound`; this body is not one, and is not tried as `4XX`.
    let err = get_pet(Reply::json(404, r#"[{"message":"m"}]"#)).await;
    assert!(err.typed().is_none(), "{err:?}");
    let api = err.as_api().unwrap();
    assert_eq!(api.body().unwrap()[0]["message"], "m");
    assert_eq!(api.message(), "m");
    let err = get_pet(Reply::text(400, "<html>bad</html>")).await;
    assert!(err.typed().is_none());
    assert_eq!(err.as_api().unwrap().text(), Some("<html>bad</html>"));
}

#[tokio::test]
async fn an_undeclared_status_stays_untyped() {
    let server = TestServer::start(vec![Reply::json(500, r#"{"code":1,"message":"x"}"#)]).await;
    let err = client(&server).pets().create().await.unwrap_err();
    assert!(err.typed().is_none());
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn a_media_type_in_any_case_with_json_suffix_is_decoded() {
    let server = TestServer::start(vec![Reply::json(422, r#"{"fields":["name"]}"#)]).await;
    let err = client(&server).pets().create().await.unwrap_err();
    match err.typed() {
        Some(CreatePetError::UnprocessableEntity(body)) => assert_eq!(body.fields, ["name"]),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn default_alone_types_every_error_status() {
    let server = TestServer::start(vec![Reply::json(429, r#"{"code":2,"message":"slow"}"#)]).await;
    let err = client(&server).pets().list().await.unwrap_err();
    let Some(ListPetsError::Default(problem)) = err.typed() else {
        panic!("{err:?}");
    };
    assert_eq!(problem.code, 2);
}

#[tokio::test]
async fn operations_declaring_the_same_responses_share_one_enum() {
    let server = TestServer::start(vec![Reply::json(404, r#"{"missing":"p2"}"#)]).await;
    let err: Error<errors_client::errors::DeletePetError> =
        client(&server).pets().delete("p2").await.unwrap_err();
    // The alias is the same type: its variants are `GetPetError`'s.
    let typed: Option<&GetPetError> = err.typed();
    assert!(matches!(typed, Some(GetPetError::NotFound(b)) if b.missing == "p2"));
}

#[tokio::test]
async fn question_mark_turns_a_typed_error_into_the_plain_error() {
    async fn both(client: &Client) -> Result<(), Error> {
        client.pets().retrieve("p1").await?;
        client.health().list().await?;
        Ok(())
    }
    let server = TestServer::start(vec![
        Reply::json(404, r#"{"missing":"p1"}"#).header("x-request-id", "req-9")
    ])
    .await;
    let err = both(&client(&server)).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(err.request_id(), Some("req-9"));
    assert!(err.to_string().contains("HTTP 404"), "{err}");
    // Into a boxed error too, for applications that do not care about the type.
    let server = TestServer::start(vec![Reply::json(404, r#"{"missing":"p1"}"#)]).await;
    let boxed: Box<dyn std::error::Error + Send + Sync> =
        Box::new(client(&server).pets().retrieve("p1").await.unwrap_err());
    assert!(boxed.to_string().contains("404"));
}

#[test]
fn the_error_module_is_snapshotted() {
    let code = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("clients/errors/generated/src/errors.rs"),
    )
    .unwrap();
    insta::assert_snapshot!("errors_module", code);
}

#[tokio::test]
async fn an_operation_whose_request_building_can_fail_still_types_its_errors() {
    // The multipart body is built with `?` (plain errors) before the call.
    let server =
        TestServer::start(vec![Reply::json(413, r#"{"code":3,"message":"too big"}"#)]).await;
    let form = errors_client::types::UploadPhotoForm::new(errors_client::FilePart::bytes(
        b"jpeg".to_vec(),
    ));
    let err = client(&server)
        .pets()
        .photo()
        .create("p1", &form)
        .await
        .unwrap_err();
    match err.typed() {
        Some(errors_client::errors::UploadPhotoError::ContentTooLarge(p)) => {
            assert_eq!(p.message, "too big")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_stream_that_is_refused_types_its_error() {
    let server = TestServer::start(vec![Reply::json(429, r#"{"code":4,"message":"slow"}"#)]).await;
    let Err(err) = client(&server).events().list().await else {
        panic!("the 429 was not an error");
    };
    match err.typed() {
        Some(errors_client::errors::WatchEventsError::TooManyRequests(p)) => {
            assert_eq!(p.code, 4)
        }
        other => panic!("{other:?}"),
    }
}
