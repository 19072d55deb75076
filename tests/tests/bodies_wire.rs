//! Request bodies on the wire, checked by real parsers: multipart by `multer`, form
//! bodies by `form_urlencoded`, raw bodies byte for byte. The client is the fixture
//! crate generated from `tests/clients/bodies/openapi.yaml` (OpenAI-like file upload
//! and audio transcription, a payments-style form API, text and binary bodies).

mod support;

use bodies_client::types::*;
use bodies_client::{Client, Error, FilePart, Multipart};
use support::{Recorded, Reply, TestServer};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .api_key("k")
        .build()
        .unwrap()
}

/// One part as a multipart parser sees it.
#[derive(Debug, PartialEq)]
struct Part {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Vec<u8>,
}

/// Parses a recorded multipart body with `multer`, using the boundary the client sent.
async fn parts(request: &Recorded) -> Vec<Part> {
    let content_type = request.header("content-type").expect("a content type");
    let boundary = multer::parse_boundary(content_type).expect("a multipart boundary");
    let body = bytes::Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut out = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("a well-formed body") {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(ToString::to_string);
        let data = field.bytes().await.unwrap().to_vec();
        out.push(Part {
            name,
            file_name,
            content_type,
            data,
        });
    }
    out
}

fn part<'p>(parts: &'p [Part], name: &str) -> &'p Part {
    parts
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no part `{name}` in {parts:#?}"))
}

fn text(parts: &[Part], name: &str) -> String {
    String::from_utf8(part(parts, name).data.clone()).unwrap()
}

const STORED: &str = r#"{"id":"file-1","filename":"train.jsonl","bytes":5}"#;

#[tokio::test]
async fn file_upload_sends_a_file_part_and_a_text_part_a_multipart_parser_accepts() {
    let server = TestServer::start(vec![Reply::json(200, STORED)]).await;
    let form = CreateFileForm::new(
        FilePart::bytes(b"{\"a\":1}\n".to_vec())
            .file_name("train.jsonl")
            .content_type("application/jsonl"),
        CreateFilePurpose::FineTune,
    );
    let stored = client(&server).files().create(&form).await.unwrap();
    assert_eq!(stored.id, "file-1");

    let request = &server.requests()[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path(), "/v1/files");
    assert!(request
        .header("content-type")
        .unwrap()
        .starts_with("multipart/form-data; boundary="));
    let parts = parts(request).await;
    assert_eq!(
        parts,
        vec![
            Part {
                name: "file".into(),
                file_name: Some("train.jsonl".into()),
                content_type: Some("application/jsonl".into()),
                data: b"{\"a\":1}\n".to_vec(),
            },
            Part {
                name: "purpose".into(),
                file_name: None,
                content_type: None,
                data: b"fine-tune".to_vec(),
            },
        ]
    );
}

#[tokio::test]
async fn a_file_part_without_a_name_or_type_gets_defaults_servers_treat_as_a_file() {
    let server = TestServer::start(vec![Reply::json(200, STORED)]).await;
    let form = CreateFileForm::new(vec![1u8, 2, 3], "batch");
    client(&server).files().create(&form).await.unwrap();
    let parts = parts(&server.requests()[0]).await;
    let file = part(&parts, "file");
    assert_eq!(file.file_name.as_deref(), Some("file"));
    assert_eq!(
        file.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(file.data, [1, 2, 3]);
    assert_eq!(text(&parts, "purpose"), "batch");
}

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("bodies-wire-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[tokio::test]
async fn transcription_streams_the_file_from_disk_and_a_retry_sends_the_same_body() {
    // Larger than one read chunk, so the file really is streamed in pieces.
    let audio: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let path = temp_file("speech.mp3", &audio);
    let server = TestServer::start(vec![
        Reply::json(500, r#"{"error":{"message":"try again"}}"#),
        Reply::json(200, r#"{"text":"hello"}"#),
    ])
    .await;
    let form = CreateTranscriptionForm::new(
        FilePart::path(&path).content_type("audio/mpeg"),
        "whisper-1",
    )
    .language("en")
    .temperature(0.5)
    .timestamp_granularities(vec![
        TranscriptionTimestampGranularitiesItem::Word,
        TranscriptionTimestampGranularitiesItem::Segment,
    ])
    .chunking_strategy(CreateTranscriptionChunkingStrategy::new().r#type("server_vad"));
    let client = Client::builder()
        .base_url(server.base_url())
        .max_retries(1)
        .build()
        .unwrap();
    let transcription = client.audio().transcriptions().create(&form).await.unwrap();
    assert_eq!(transcription.text, "hello");

    let requests = server.requests();
    assert_eq!(requests.len(), 2, "one retry");
    let first = parts(&requests[0]).await;
    let second = parts(&requests[1]).await;
    assert_eq!(first, second, "the retried request carries the same parts");
    // A streamed body still declares its length (many upload endpoints require it).
    assert_eq!(
        requests[1].header("content-length"),
        Some(requests[1].body.len().to_string().as_str())
    );

    let file = part(&second, "file");
    assert_eq!(file.file_name.as_deref(), Some("speech.mp3"));
    assert_eq!(file.content_type.as_deref(), Some("audio/mpeg"));
    assert!(file.data == audio, "the file's bytes, unchanged");
    assert_eq!(text(&second, "model"), "whisper-1");
    assert_eq!(text(&second, "language"), "en");
    assert_eq!(text(&second, "temperature"), "0.5");
    let granularities: Vec<String> = second
        .iter()
        .filter(|p| p.name == "timestamp_granularities")
        .map(|p| String::from_utf8(p.data.clone()).unwrap())
        .collect();
    assert_eq!(granularities, ["word", "segment"], "one text part per item");
    let strategy = part(&second, "chunking_strategy");
    assert_eq!(strategy.content_type.as_deref(), Some("application/json"));
    let strategy: serde_json::Value = serde_json::from_slice(&strategy.data).unwrap();
    assert_eq!(strategy, serde_json::json!({"type": "server_vad"}));
}

#[tokio::test]
async fn a_missing_file_fails_before_anything_is_sent_naming_the_path() {
    let server = TestServer::start(vec![Reply::json(200, STORED)]).await;
    let missing = std::env::temp_dir().join("bodies-wire-no-such-file.bin");
    let form = CreateFileForm::new(FilePart::path(&missing), "batch");
    let err = client(&server).files().create(&form).await.unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    assert!(
        err.to_string().contains("bodies-wire-no-such-file.bin"),
        "{err}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn arrays_of_files_repeat_the_part_and_a_31_file_defaults_to_its_content_media_type() {
    let server = TestServer::start(vec![Reply::json(200, STORED)]).await;
    let mut metadata = std::collections::BTreeMap::new();
    metadata.insert("k".to_string(), "v".to_string());
    let form = EditImagesForm::new(vec![
        FilePart::bytes(b"one".to_vec()).file_name("a.png"),
        FilePart::bytes(b"two".to_vec()).file_name("b.png"),
    ])
    .mask(FilePart::bytes(b"mask".to_vec()).file_name("m.png"))
    .metadata(metadata)
    .n(2);
    client(&server)
        .images()
        .edits()
        .create(&form)
        .await
        .unwrap();
    let parts = parts(&server.requests()[0]).await;
    let images: Vec<(Option<&str>, &[u8])> = parts
        .iter()
        .filter(|p| p.name == "image")
        .map(|p| (p.file_name.as_deref(), p.data.as_slice()))
        .collect();
    assert_eq!(
        images,
        [
            (Some("a.png"), b"one".as_slice()),
            (Some("b.png"), b"two".as_slice())
        ]
    );
    assert_eq!(
        part(&parts, "mask").content_type.as_deref(),
        Some("image/png")
    );
    let metadata = part(&parts, "metadata");
    assert_eq!(metadata.content_type.as_deref(), Some("application/json"));
    assert_eq!(metadata.data, br#"{"k":"v"}"#);
    assert_eq!(text(&parts, "n"), "2");
}

#[tokio::test]
async fn an_undescribed_multipart_body_takes_caller_built_parts() {
    let server = TestServer::start(vec![Reply::text(204, "")]).await;
    let form = Multipart::new()
        .text("note", "a \"quoted\" value")
        .json("meta", &serde_json::json!({"x": 1}))
        .unwrap()
        .file("blob", FilePart::bytes(b"xyz".to_vec()).file_name("x.bin"));
    client(&server).uploads().raw().create(&form).await.unwrap();
    let parts = parts(&server.requests()[0]).await;
    assert_eq!(text(&parts, "note"), "a \"quoted\" value");
    assert_eq!(part(&parts, "meta").data, br#"{"x":1}"#);
    assert_eq!(part(&parts, "blob").file_name.as_deref(), Some("x.bin"));
}

#[tokio::test]
async fn form_bodies_use_bracket_keys_a_real_decoder_reads_back() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"id":"cus_1"}"#)]).await;
    let mut metadata = std::collections::BTreeMap::new();
    metadata.insert("order".to_string(), "6735".to_string());
    let params = CustomerParams::new()
        .email("a+b@example.test")
        .metadata(metadata)
        .items(vec![
            CustomerParamsItemsItem::new().price("price_1").quantity(2),
            CustomerParamsItemsItem::new().price("price_2"),
        ])
        .address(CustomerParamsAddress::new().city("Paris & Lyon"))
        .expand(vec!["customer".into(), "invoice".into()])
        .tags(vec!["x".into(), "y".into()]);
    let customer = client(&server).customers().create(&params).await.unwrap();
    assert_eq!(customer.id, "cus_1");

    let request = &server.requests()[0];
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    let expected = [
        ("address[city]", "Paris & Lyon"),
        ("email", "a+b@example.test"),
        ("expand[]", "customer"),
        ("expand[]", "invoice"),
        ("items[0][price]", "price_1"),
        ("items[0][quantity]", "2"),
        ("items[1][price]", "price_2"),
        ("metadata[order]", "6735"),
        // `style: form, explode: false`: one comma-joined value.
        ("tags", "x,y"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn an_empty_form_body_adds_no_argument_and_sends_no_body() {
    let server = TestServer::start(vec![
        Reply::json(200, r#"[{"id":"cus_1"}]"#),
        Reply::text(204, ""),
    ])
    .await;
    let client = client(&server);
    let customers = client.customers().list().await.unwrap();
    assert_eq!(customers.len(), 1);
    client.customers().delete("cus_1").await.unwrap();
    for request in server.requests() {
        assert!(request.body.is_empty(), "{request:?}");
        assert_eq!(request.header("content-type"), None);
    }
}

#[tokio::test]
async fn text_bodies_and_text_responses_are_strings() {
    let server = TestServer::start(vec![Reply::text(201, "stored: héllo")]).await;
    let reply = client(&server).notes().create("héllo").await.unwrap();
    assert_eq!(reply, "stored: héllo");
    let request = &server.requests()[0];
    assert_eq!(request.header("content-type"), Some("text/plain"));
    assert_eq!(request.body, "héllo".as_bytes());
}

#[tokio::test]
async fn binary_bodies_send_bytes_with_the_declared_or_chosen_content_type() {
    let server = TestServer::start(vec![
        Reply::text(204, ""),
        Reply::text(204, ""),
        Reply::json(200, STORED),
        Reply::json(200, STORED),
    ])
    .await;
    let client = client(&server);
    client.blobs().update("b1", vec![0u8, 1, 2]).await.unwrap();
    let path = temp_file("blob.bin", b"from disk");
    client
        .blobs()
        .update("b2", FilePart::path(&path).content_type("image/png"))
        .await
        .unwrap();
    // `*/*`: the caller chooses the content type; without one it is octet-stream.
    client
        .anything()
        .create(FilePart::bytes("a,b\n1,2\n").content_type("text/csv"))
        .await
        .unwrap();
    let stored = client.anything().create(b"raw".as_slice()).await.unwrap();
    assert_eq!(
        stored.id, "file-1",
        "an `Application/JSON` response decodes"
    );

    let requests = server.requests();
    assert_eq!(requests[0].path(), "/v1/blobs/b1");
    assert_eq!(
        requests[0].header("content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(requests[0].body, [0, 1, 2]);
    assert_eq!(requests[1].header("content-type"), Some("image/png"));
    assert_eq!(requests[1].body, b"from disk");
    assert_eq!(requests[2].header("content-type"), Some("text/csv"));
    assert_eq!(requests[2].body, b"a,b\n1,2\n");
    assert_eq!(
        requests[3].header("content-type"),
        Some("application/octet-stream")
    );
}

#[tokio::test]
async fn binary_responses_are_bytes() {
    let server = TestServer::start(vec![Reply::text(200, "\u{0}\u{1}binary")]).await;
    let bytes = client(&server).blobs().retrieve("b1").await.unwrap();
    assert_eq!(&bytes[..], b"\x00\x01binary");
}

#[tokio::test]
async fn with_several_media_types_json_is_sent_and_the_json_2xx_is_returned() {
    let server = TestServer::start(vec![
        Reply::json(200, r#"{"name":"picked"}"#),
        Reply::json(500, r#"{"name":"default response"}"#).status(200),
    ])
    .await;
    let client = client(&server);
    let choice = client.choices().create(&Choice::new("a")).await.unwrap();
    assert_eq!(choice.name, "picked");
    let request = &server.requests()[0];
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.json(), serde_json::json!({"name": "a"}));
    let status = client.status().list().await.unwrap();
    assert_eq!(status.name, "default response");
}

#[tokio::test]
async fn part_names_that_clash_with_rust_names_keep_their_wire_names() {
    let server = TestServer::start(vec![Reply::text(204, "")]).await;
    let form = HostilePartsForm::new("t", "q")
        .new_2("n")
        .form(3)
        .r#type(true)
        .values(vec![FilePart::bytes(b"v".to_vec())]);
    client(&server)
        .hostile()
        .parts()
        .create(&form)
        .await
        .unwrap();
    let parts = parts(&server.requests()[0]).await;
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    // A quote in a part name is sent percent-encoded, as browsers do.
    assert_eq!(
        names,
        ["to_multipart", "new", "form", "type", "na%22me", "values"]
    );
    assert_eq!(text(&parts, "type"), "true");
}
