//! Error reporting: HTTP statuses, bodies, decoding, configuration.

mod support;

use gradient::reqwest::Method;
use gradient::{Client, Error, RequestOptions};
use serde::Deserialize;
use serde_json::{json, Value};
use support::{Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .api_key("sk-secret-value-123")
        .base_url(server.base_url())
        .max_retries(0)
        .build()
        .unwrap()
}

async fn get<T: serde::de::DeserializeOwned>(c: &Client) -> Result<T, Error> {
    c.request_json::<(), T>(Method::GET, "/x", None, &RequestOptions::new())
        .await
        .map(|r| r.into_body())
}

#[tokio::test]
async fn every_error_status_maps_to_its_helper() {
    type Check = fn(&gradient::ApiError) -> bool;
    let cases: &[(u16, Check)] = &[
        (400, gradient::ApiError::is_bad_request),
        (401, gradient::ApiError::is_authentication),
        (403, gradient::ApiError::is_permission_denied),
        (404, gradient::ApiError::is_not_found),
        (409, gradient::ApiError::is_conflict),
        (422, gradient::ApiError::is_unprocessable),
        (429, gradient::ApiError::is_rate_limited),
        (500, gradient::ApiError::is_server_error),
        (502, gradient::ApiError::is_server_error),
        (503, gradient::ApiError::is_server_error),
    ];
    let server = TestServer::start(
        cases
            .iter()
            .map(|(status, _)| {
                Reply::json(
                    *status,
                    &format!(
                        r#"{{"error":{{"message":"failed with {status}","type":"t{status}"}}}}"#
                    ),
                )
                .header("x-request-id", &format!("req-{status}"))
            })
            .collect(),
    )
    .await;
    let c = client(&server);
    for (status, check) in cases {
        let err = get::<Value>(&c).await.unwrap_err();
        let Error::Api(api) = &err else {
            panic!("expected Api error, got {err:?}");
        };
        assert_eq!(api.status().as_u16(), *status);
        assert!(check(api), "helper for {status}");
        assert_eq!(api.message(), format!("failed with {status}"));
        assert_eq!(api.request_id(), Some(format!("req-{status}").as_str()));
        assert_eq!(err.request_id(), api.request_id());
        assert_eq!(api.code(), Some(format!("t{status}").as_str()));
        assert_eq!(
            api.body().unwrap()["error"]["type"],
            json!(format!("t{status}"))
        );
        let text = err.to_string();
        assert!(
            text.starts_with(&format!("GET {}/x: HTTP {status}", server.base_url())),
            "{text}"
        );
        assert!(text.contains(&format!("failed with {status}")), "{text}");
        assert!(text.contains(&format!("req-{status}")), "{text}");
        // Exactly one helper is true for 4xx.
        let all: [Check; 7] = [
            gradient::ApiError::is_bad_request,
            gradient::ApiError::is_authentication,
            gradient::ApiError::is_permission_denied,
            gradient::ApiError::is_not_found,
            gradient::ApiError::is_conflict,
            gradient::ApiError::is_unprocessable,
            gradient::ApiError::is_rate_limited,
        ];
        let hits = all.iter().filter(|f| f(api)).count();
        assert_eq!(hits, usize::from(*status < 500), "{status}");
    }
}

#[tokio::test]
async fn typed_error_body_and_raw_text() {
    #[derive(Debug, Deserialize)]
    struct ErrorBody {
        error: Detail,
    }
    #[derive(Debug, Deserialize)]
    struct Detail {
        message: String,
        param: Option<String>,
    }
    let server = TestServer::start(vec![
        Reply::json(
            400,
            r#"{"error":{"message":"bad temperature","param":"temperature"}}"#,
        ),
        Reply::text(502, "<html>Bad gateway</html>"),
        Reply::json(
            422,
            r#"{"detail":[{"loc":["body","model"],"msg":"field required"}]}"#,
        ),
    ])
    .await;
    let c = client(&server);

    let err = get::<Value>(&c).await.unwrap_err();
    let typed: ErrorBody = err.as_api().unwrap().decode().unwrap();
    assert_eq!(typed.error.message, "bad temperature");
    assert_eq!(typed.error.param.as_deref(), Some("temperature"));

    let err = get::<Value>(&c).await.unwrap_err();
    let api = err.as_api().unwrap();
    assert!(api.body().is_none());
    assert_eq!(api.text(), Some("<html>Bad gateway</html>"));
    assert_eq!(api.message(), "<html>Bad gateway</html>");
    assert!(api.decode::<ErrorBody>().is_err());

    let err = get::<Value>(&c).await.unwrap_err();
    assert_eq!(
        err.as_api().unwrap().message(),
        "body.model: field required"
    );
}

#[tokio::test]
async fn decode_error_names_the_json_path() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Completion {
        choices: Vec<Choice>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Choice {
        message: Message,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Message {
        role: Role,
    }
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Role {
        Assistant,
    }
    let server = TestServer::start(vec![
        Reply::json(
            200,
            r#"{"choices":[{"message":{"role":"assistant"}},{"message":{"role":"wizard"}}]}"#,
        ),
        Reply::text(200, "not json"),
    ])
    .await;
    let c = client(&server);
    let err = get::<Completion>(&c).await.unwrap_err();
    match &err {
        Error::Decode { path, message, .. } => {
            assert_eq!(path, "choices[1].message.role");
            assert!(message.contains("unknown variant `wizard`"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(err
        .to_string()
        .starts_with("failed to decode JSON at `choices[1].message.role`: unknown variant"));

    let err = get::<Completion>(&c).await.unwrap_err();
    assert!(err.is_decode(), "{err:?}");
}

#[tokio::test]
async fn echoed_key_is_redacted_from_errors() {
    let server = TestServer::start(vec![Reply::json(
        401,
        r#"{"error":{"message":"Incorrect API key provided: sk-secret-value-123"}}"#,
    )])
    .await;
    let err = get::<Value>(&client(&server)).await.unwrap_err();
    let shown = format!("{err} | {err:?} | {}", err.as_api().unwrap().message());
    assert!(!shown.contains("sk-secret-value-123"), "{shown}");
    assert!(err.as_api().unwrap().is_authentication());
}

#[tokio::test]
async fn key_in_query_never_appears_in_connection_errors() {
    let url = support::closed_port_url().await;
    let c = Client::builder()
        .api_key("sk-query-secret-456")
        .auth(gradient::Auth::Query("key"))
        .base_url(url)
        .max_retries(0)
        .build()
        .unwrap();
    let err = get::<Value>(&c).await.unwrap_err();
    assert!(err.is_connection());
    let mut shown = format!("{err} | {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        shown.push_str(&format!(" | {s} | {s:?}"));
        source = s.source();
    }
    assert!(!shown.contains("sk-query-secret-456"), "{shown}");
}

#[test]
fn configuration_errors() {
    for bad in [
        "",
        "not a url",
        "ftp://example.com",
        "http://user:pw@example.com",
    ] {
        let err = Client::builder().base_url(bad).build().unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{bad}: {err:?}");
        assert!(err.to_string().contains("base URL"), "{err}");
    }
    let err = Client::builder()
        .default_header("bad header", "v")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
    let err = Client::builder()
        .api_key("line\nbreak")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
    assert!(!err.to_string().contains("line\nbreak"));
}

#[test]
fn from_env_names_the_missing_variable() {
    // The only test that touches these variables.
    std::env::remove_var("GRADIENT_MODEL_ACCESS_KEY");
    let err = Client::from_env().unwrap_err();
    assert!(matches!(err, Error::Config { .. }));
    assert!(
        err.to_string().contains("GRADIENT_MODEL_ACCESS_KEY"),
        "{err}"
    );
    std::env::set_var("GRADIENT_MODEL_ACCESS_KEY", "  from-env-key \n");
    let c = Client::from_env().unwrap();
    assert!(!format!("{c:?}").contains("from-env-key"));
    std::env::remove_var("GRADIENT_MODEL_ACCESS_KEY");
}

#[tokio::test]
async fn error_is_send_sync_and_static() {
    fn check<T: std::error::Error + Send + Sync + 'static>() {}
    check::<Error>();
    // Futures of client calls can be spawned.
    let c = Client::builder()
        .base_url("http://127.0.0.1:9/v1")
        .build()
        .unwrap();
    fn spawnable<F: std::future::Future + Send + 'static>(_: &F) {}
    let fut = async move {
        let opts = RequestOptions::new();
        let _ = c
            .request_json::<Value, Value>(Method::POST, "/x", Some(&json!({})), &opts)
            .await;
    };
    spawnable(&fut);
}
