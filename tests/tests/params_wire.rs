//! Parameters on the wire, against the `tests/clients/params` fixture client: where a
//! request goes (shadowing, dot segments, reserved characters, stray braces), header
//! and cookie parameters, and every query and path style, as the server saw them.

mod support;

use params_client::types::{Filter, FilterRange, GetVersionedParams, Point, QueryStylesQuery};
use params_client::{Client, Error};
use support::{Reply, TestServer};

async fn server(replies: usize) -> (TestServer, Client) {
    let script = (0..replies).map(|_| Reply::json(200, "{}")).collect();
    let server = TestServer::start(script).await;
    let client = Client::builder()
        .base_url(server.base_url())
        .api_key("k")
        .max_retries(0)
        .build()
        .unwrap();
    (server, client)
}

#[tokio::test]
async fn path_parameters_named_like_locals_keep_their_own_values() {
    let (server, client) = server(1).await;
    let query = params_client::types::ShadowedQuery::new("q-value", "q-item").params("q-p");
    let body = params_client::types::Thing::new();
    client
        .shadow()
        .update(
            "v-value",
            "v-path",
            "v-url",
            "v-options",
            "v-body",
            "v-request",
            "v-client",
            "v-query",
            "v-self",
            "v-params",
            &query,
            &body,
        )
        .await
        .unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.method, "POST");
    assert_eq!(
        req.path(),
        "/v1/shadow/v-value/v-path/v-url/v-options/v-body/v-request/v-client/v-query/v-self/v-params"
    );
    assert_eq!(req.query(), Some("value=q-value&item=q-item&__params=q-p"));
}

#[tokio::test]
async fn dot_segment_values_are_refused_before_anything_is_sent() {
    let (server, client) = server(0).await;
    for value in [".", ".."] {
        let err = client.files().retrieve(value).await.unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{value}: {err:?}");
        assert!(err.to_string().contains("segment"), "{err}");
    }
    let err = client
        .files()
        .raw_ext()
        .list("..", "json")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    // An empty value would name the parent (`/files/`), and an empty label list is `.`.
    let err = client.files().retrieve("").await.unwrap_err();
    assert!(err.to_string().contains("path parameter `id`"), "{err}");
    let err = client
        .styles()
        .path()
        .retrieve(
            vec!["a".into()],
            &Point::new(1, 2),
            Vec::new(),
            vec!["a".into()],
            "m",
            vec!["a".into()],
            &Point::new(3, 4),
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("path parameter `label`"), "{err}");
    assert_eq!(server.count(), 0, "nothing may reach the server");
}

#[tokio::test]
async fn reserved_characters_in_path_values_are_percent_encoded() {
    let cases = [
        ("../admin", "/v1/files/..%2Fadmin"),
        ("../../etc/passwd", "/v1/files/..%2F..%2Fetc%2Fpasswd"),
        ("a/b", "/v1/files/a%2Fb"),
        ("a?b=c", "/v1/files/a%3Fb%3Dc"),
        ("a#frag", "/v1/files/a%23frag"),
        ("100%", "/v1/files/100%25"),
        ("%2E%2E", "/v1/files/%252E%252E"),
        ("a.b", "/v1/files/a.b"),
        ("...", "/v1/files/%2E%2E%2E"),
        ("a b;c,d", "/v1/files/a%20b%3Bc%2Cd"),
    ];
    let (server, client) = server(cases.len()).await;
    for (value, _) in &cases {
        client.files().retrieve(value).await.unwrap();
    }
    let seen: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    let wanted: Vec<&str> = cases.iter().map(|(_, path)| *path).collect();
    assert_eq!(seen, wanted);
}

#[tokio::test]
async fn a_dot_value_inside_a_segment_is_sent() {
    let (server, client) = server(2).await;
    client.files().raw_ext().list("x", ".").await.unwrap();
    client.files().raw_ext().list("x", "..").await.unwrap();
    let seen: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(seen, ["/v1/files/x/raw.%2E", "/v1/files/x/raw.%2E%2E"]);
}

#[tokio::test]
async fn header_and_cookie_parameters_are_sent_typed() {
    let (server, client) = server(2).await;
    // Required header and cookie: the constructor takes them, so they cannot be forgotten.
    let params = GetVersionedParams::new("2024-10-01", "s 1;x")
        .x_trace_depth(3)
        .x_tags(vec!["a".into(), "b".into()])
        .prefs(vec!["dark".into(), "wide".into()])
        .limit(5);
    client.versioned().retrieve("7", &params).await.unwrap();
    let req = &server.requests()[0];
    assert_eq!(req.target, "/v1/versioned/7?limit=5");
    assert_eq!(req.header("x-api-version"), Some("2024-10-01"));
    assert_eq!(req.header("x-trace-depth"), Some("3"));
    assert_eq!(req.header("x-tags"), Some("a,b"));
    assert_eq!(
        req.header("cookie"),
        Some("session=s%201%3Bx; prefs=dark,wide")
    );

    // Optional ones left unset are not sent.
    let params = GetVersionedParams::new("2025-01-01", "s");
    client.versioned().retrieve("7", &params).await.unwrap();
    let req = &server.requests()[1];
    assert_eq!(req.target, "/v1/versioned/7");
    assert_eq!(req.header("x-api-version"), Some("2025-01-01"));
    assert_eq!(req.header("x-trace-depth"), None);
    assert_eq!(req.header("cookie"), Some("session=s"));
}

#[tokio::test]
async fn a_header_value_that_is_not_a_header_fails_the_call() {
    let (server, client) = server(0).await;
    let params = GetVersionedParams::new("bad\nvalue", "s");
    let err = client.versioned().retrieve("7", &params).await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn query_parameters_follow_their_styles() {
    let (server, client) = server(1).await;
    let filter = Filter::new()
        .status("open")
        .range(FilterRange::new().min(1).max(9));
    let query = QueryStylesQuery::new()
        .tags(vec!["a".into(), "b c".into()])
        .ids(vec![1, 2, 3])
        .spaced(vec!["x".into(), "y".into()])
        .piped(vec!["x".into(), "y".into()])
        .filter(filter)
        .point(Point::new(1, 2))
        .pt(Point::new(3, 4))
        .text("a b&c=d+e")
        .json(Point::new(5, 6));
    client.styles().query().list(&query).await.unwrap();
    let req = &server.requests()[0];
    let pairs: Vec<&str> = req.query().unwrap().split('&').collect();
    assert_eq!(
        pairs,
        [
            "tags=a",
            "tags=b%20c",
            "ids=1,2,3",
            "spaced=x%20y",
            "piped=x|y",
            "filter[range][max]=9",
            "filter[range][min]=1",
            "filter[status]=open",
            "x=1",
            "y=2",
            "pt=x,3,y,4",
            "text=a%20b%26c%3Dd%2Be",
            "json=%7B%22x%22%3A5%2C%22y%22%3A6%7D",
        ]
    );
}

#[tokio::test]
async fn path_parameters_follow_simple_label_and_matrix_styles() {
    let (server, client) = server(1).await;
    let ab = || vec!["a".to_string(), "b".to_string()];
    client
        .styles()
        .path()
        .retrieve(
            ab(),
            &Point::new(1, 2),
            ab(),
            ab(),
            "m",
            ab(),
            &Point::new(3, 4),
        )
        .await
        .unwrap();
    assert_eq!(
        server.requests()[0].path(),
        "/v1/styles/path/a,b/x=1,y=2/.a,b/.a.b/;matrix=m/;matrixEx=a;matrixEx=b/;x=3;y=4"
    );
}

#[tokio::test]
async fn stray_braces_in_a_path_template_are_sent_percent_encoded() {
    let (server, client) = server(3).await;
    client.b().x().list("7").await.unwrap();
    client.c().retrieve("7").await.unwrap();
    // A literal backslash is not a separator.
    client.bs_slash().retrieve("7").await.unwrap();
    let seen: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(seen, ["/v1/b/7/x%7D", "/v1/c/%7B7%7D", "/v1/bs%5Cslash/7"]);
}

#[tokio::test]
async fn openapi_3_2_query_method_and_additional_operations_are_generated() {
    let (server, client) = server(2).await;
    client.search().query(&Filter::new()).await.unwrap();
    client.search().link().await.unwrap();
    let reqs = server.requests();
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path()),
        ("QUERY", "/v1/search")
    );
    assert_eq!(reqs[0].json(), serde_json::json!({}));
    assert_eq!(
        (reqs[1].method.as_str(), reqs[1].path()),
        ("LINK", "/v1/search")
    );
}

#[tokio::test]
async fn a_path_item_ref_keeps_its_sibling_operations() {
    let (server, client) = server(2).await;
    client.merged().retrieve("1").await.unwrap();
    client.merged().update("2").await.unwrap();
    let reqs = server.requests();
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path()),
        ("GET", "/v1/merged/1")
    );
    assert_eq!(
        (reqs[1].method.as_str(), reqs[1].path()),
        ("POST", "/v1/merged/2")
    );
}

#[tokio::test]
async fn clashing_method_names_each_reach_their_own_operation() {
    let (server, client) = server(14).await;
    let things = client.things();
    things.list_things().await.unwrap();
    things.search_2().await.unwrap();
    things.archive_2().await.unwrap();
    things.create_stream_2("1").await.unwrap();
    things.list_with_options_2("2").await.unwrap();
    things.search().list().await.unwrap();
    things.archive().create().await.unwrap();
    things.list_with_options().list().await.unwrap();
    things.create_stream_with_options().list().await.unwrap();
    // Trait methods every resource has are never taken by an accessor or a method.
    things.clone_api().list().await.unwrap();
    // A segment named like an accessor that was renamed gets its own name.
    things.clone_api_api().list().await.unwrap();
    client.timeout_api().list().await.unwrap();
    client.timeout_api_api().list().await.unwrap();
    // `clone` is still `Clone::clone` (the test is that this type-checks).
    #[allow(clippy::clone_on_copy)]
    let _copy: params_client::resources::Things<'_> = things.clone();
    things
        .create_thing(&params_client::types::Thing::new())
        .await
        .unwrap();
    let seen: Vec<(String, String)> = server
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.path().to_string()))
        .collect();
    let wanted = [
        ("GET", "/v1/things"),
        ("PUT", "/v1/things"),
        ("PATCH", "/v1/things"),
        ("PUT", "/v1/things/1"),
        ("PATCH", "/v1/things/2"),
        ("GET", "/v1/things/search"),
        ("POST", "/v1/things/archive"),
        ("GET", "/v1/things/list_with_options"),
        ("GET", "/v1/things/create_stream_with_options"),
        ("GET", "/v1/things/clone"),
        ("GET", "/v1/things/clone_api"),
        ("GET", "/v1/timeout"),
        ("GET", "/v1/timeout_api"),
        ("POST", "/v1/things"),
    ];
    let wanted: Vec<(String, String)> = wanted
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(seen, wanted);
}

#[tokio::test]
async fn operation_ids_that_are_keywords_or_not_words_name_valid_methods() {
    let (server, client) = server(7).await;
    let ids = client.ids();
    ids.self_("a").await.unwrap();
    ids.self_2("a", "b").await.unwrap();
    ids.super_("a", "b", "c").await.unwrap();
    ids.crate_("a", "b", "c", "d").await.unwrap();
    ids.r_type("a", "b", "c", "d", "e").await.unwrap();
    ids._123go("a", "b", "c", "d", "e", "f").await.unwrap();
    ids.value("a", "b", "c", "d", "e", "f", "g").await.unwrap();
    let depths: Vec<usize> = server
        .requests()
        .iter()
        .map(|r| r.path().matches('/').count())
        .collect();
    assert_eq!(depths, [3, 4, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn a_form_querystring_parameter_writes_the_whole_query() {
    let (server, client) = server(1).await;
    let query = params_client::types::WholeQueryQuery::new().whole(Point::new(1, 2));
    client.qs().list(&query).await.unwrap();
    assert_eq!(server.requests()[0].target, "/v1/qs?x=1&y=2");
}
