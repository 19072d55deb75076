//! Multipart and form-urlencoded bodies validated by Prism (`@stainless-api/prism-cli`)
//! against `tests/clients/bodies/openapi.yaml`: a request Prism accepts comes back 2xx
//! and decodes; a request that breaks the spec comes back 422, which shows Prism really
//! checks those bodies. Prism is installed by `scripts/prism-install` (or given with
//! `PRISM_BIN`); without it these tests fail, they never skip.

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bodies_client::types::*;
use bodies_client::{Client, FilePart, Multipart};

const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate lives inside the workspace")
        .to_path_buf()
}

fn prism_bin() -> PathBuf {
    let bin = std::env::var_os("PRISM_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/prism/node_modules/.bin/prism"));
    assert!(
        bin.is_file(),
        "Prism is not installed at {}: run `scripts/prism-install` or set PRISM_BIN",
        bin.display()
    );
    bin
}

/// A running `prism mock`, killed when dropped (also while unwinding).
struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    fn start() -> Prism {
        let spec = workspace_root().join("tests/clients/bodies/openapi.yaml");
        let port = TcpListener::bind(("127.0.0.1", 0))
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port on 127.0.0.1");
        let log = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("prism-bodies-{port}.log"));
        let out = File::create(&log).expect("create the Prism log");
        let err = out.try_clone().expect("clone the log handle");
        let child = Command::new(prism_bin())
            .arg("mock")
            .arg(&spec)
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "--dynamic=false",
            ])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .expect("run prism (is Node.js installed?)");
        let mut prism = Prism { child, port, log };
        prism.wait_ready();
        prism
    }

    fn wait_ready(&mut self) {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let listening = format!("Prism is listening on http://{addr}");
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prism exited ({status}):\n{}", self.log_text());
            }
            if std::fs::read_to_string(&self.log).is_ok_and(|l| l.contains(&listening))
                && TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "Prism did not start:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn client(&self) -> Client {
        // Prism serves the paths as written, without the server URL's `/v1`.
        Client::builder()
            .base_url(format!("http://127.0.0.1:{}", self.port))
            .timeout(Duration::from_secs(30))
            .max_retries(0)
            .build()
            .unwrap()
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

fn describe(err: &bodies_client::Error) -> String {
    match err.as_api() {
        Some(api) => format!(
            "HTTP {}: sl-violations {:?}; body {:?} {:?}",
            api.status(),
            api.headers().get("sl-violations"),
            api.body(),
            api.text()
        ),
        None => format!("{err:?}"),
    }
}

#[tokio::test]
async fn prism_accepts_the_multipart_file_upload_and_transcription() {
    let prism = Prism::start();
    let client = prism.client();
    let upload = CreateFileForm::new(
        FilePart::bytes(b"{\"prompt\":\"a\"}\n".to_vec()).file_name("train.jsonl"),
        CreateFilePurpose::FineTune,
    );
    let stored = client.files().create(&upload).await;
    assert!(
        stored.is_ok(),
        "file upload: {}",
        describe(&stored.unwrap_err())
    );

    let audio = std::env::temp_dir().join(format!("prism-bodies-{}.mp3", std::process::id()));
    std::fs::write(&audio, vec![7u8; 50_000]).unwrap();
    let form = CreateTranscriptionForm::new(
        FilePart::path(&audio).content_type("audio/mpeg"),
        "whisper-1",
    )
    .temperature(0.2)
    .language("en");
    // Left out for Prism, which reads repeated parts as one string and does not decode
    // JSON parts: it reports "timestamp_granularities must be array" and
    // "chunking_strategy must be object" for parts RFC 7578 and OpenAPI allow. The
    // loopback test in `bodies_wire.rs` checks those parts with a multipart parser.
    let transcription = client.audio().transcriptions().create(&form).await;
    assert!(
        transcription.is_ok(),
        "transcription: {}",
        describe(&transcription.unwrap_err())
    );
}

#[tokio::test]
async fn prism_rejects_an_upload_without_its_parts_and_accepts_caller_built_parts() {
    let prism = Prism::start();
    let client = prism.client();
    // Through the untyped escape hatch: the typed form cannot leave `purpose` out.
    let form = Multipart::new().file("file", FilePart::bytes(b"x".to_vec()));
    let response = client
        .request_bytes::<()>(
            bodies_client::reqwest::Method::POST,
            "/files",
            None,
            &bodies_client::RequestOptions::new(),
        )
        .await;
    let err = response.expect_err("a body-less upload is invalid");
    assert_eq!(
        err.as_api().map(|a| a.status().as_u16()),
        Some(422),
        "{}",
        describe(&err)
    );
    // The raw form itself is accepted where the spec allows any parts.
    let raw = client.uploads().raw().create(&form).await;
    assert!(raw.is_ok(), "{}", describe(&raw.unwrap_err()));
}

#[tokio::test]
async fn prism_accepts_the_form_body_with_nested_keys() {
    let prism = Prism::start();
    let client = prism.client();
    let mut metadata = std::collections::BTreeMap::new();
    metadata.insert("order".to_string(), "6735".to_string());
    let params = CustomerParams::new()
        .email("a@example.test")
        .metadata(metadata)
        .items(vec![CustomerParamsItemsItem::new().price("p").quantity(1)])
        .expand(vec!["invoice".into()]);
    let customer = client.customers().create(&params).await;
    assert!(
        customer.is_ok(),
        "form body: {}",
        describe(&customer.unwrap_err())
    );
}
