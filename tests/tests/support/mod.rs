//! A scripted HTTP/1.1 server on 127.0.0.1 for the runtime's integration
//! tests. Each incoming request is recorded and answered with the next
//! scripted [`Reply`] (or a 404 once the script is exhausted).
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// Upper bounds so that no loop in the server can run away.
const MAX_CONNECTIONS: usize = 1000;
const MAX_REQUESTS_PER_CONNECTION: usize = 1000;
const MAX_HEADER_BYTES: usize = 64 * 1024;

/// How a streamed body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `Transfer-Encoding: chunked`, one HTTP chunk per scripted chunk.
    Chunked,
    /// No length: the body ends when the server closes the connection.
    Close,
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response with `Content-Length`.
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// A response whose body is written piece by piece, `gap` apart.
    Stream {
        status: u16,
        headers: Vec<(String, String)>,
        chunks: Vec<Vec<u8>>,
        gap: Duration,
        framing: Framing,
        /// Close the connection without finishing the body (for chunked
        /// framing: no terminating zero-size chunk).
        truncate: bool,
        /// Keep the connection open (without writing) for this long after
        /// the last chunk.
        stall: Duration,
    },
    /// Read the request, then send nothing for this long, then close.
    Hang(Duration),
    /// Read the request, then close the connection without answering.
    Drop,
}

impl Reply {
    /// A JSON response.
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A plain-text response.
    pub fn text(status: u16, body: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("content-type".into(), "text/plain".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// An event-stream response, sent in the given pieces.
    pub fn sse(chunks: &[&str]) -> Reply {
        Reply::Stream {
            status: 200,
            headers: vec![("content-type".into(), "text/event-stream".into())],
            chunks: chunks.iter().map(|c| c.as_bytes().to_vec()).collect(),
            gap: Duration::from_millis(2),
            framing: Framing::Chunked,
            truncate: false,
            stall: Duration::ZERO,
        }
    }

    /// An event-stream response cut into pieces of the given sizes (cycled).
    pub fn sse_split(body: &str, sizes: &[usize]) -> Reply {
        let bytes = body.as_bytes();
        let mut chunks = Vec::new();
        let mut at = 0;
        let mut i = 0;
        while at < bytes.len() {
            let n = sizes[i % sizes.len()].max(1).min(bytes.len() - at);
            chunks.push(bytes[at..at + n].to_vec());
            at += n;
            i += 1;
        }
        let mut reply = Reply::sse(&[]);
        if let Reply::Stream { chunks: c, .. } = &mut reply {
            *c = chunks;
        }
        reply
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        match &mut self {
            Reply::Full { headers, .. } | Reply::Stream { headers, .. } => {
                headers.push((name.to_string(), value.to_string()))
            }
            _ => panic!("header on a reply without headers"),
        }
        self
    }

    /// Sets the status of a streamed reply.
    pub fn status(mut self, code: u16) -> Reply {
        match &mut self {
            Reply::Full { status, .. } | Reply::Stream { status, .. } => *status = code,
            _ => panic!("status on a reply without status"),
        }
        self
    }

    /// For streamed replies: the body framing.
    pub fn framing(mut self, f: Framing) -> Reply {
        if let Reply::Stream { framing, .. } = &mut self {
            *framing = f;
        }
        self
    }

    /// For streamed replies: close the connection before the body is complete.
    pub fn truncated(mut self) -> Reply {
        if let Reply::Stream { truncate, .. } = &mut self {
            *truncate = true;
        }
        self
    }

    /// For streamed replies: wait this long after the last chunk.
    pub fn stall(mut self, d: Duration) -> Reply {
        if let Reply::Stream { stall, .. } = &mut self {
            *stall = d;
        }
        self
    }
}

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// Path and query, as sent.
    pub target: String,
    /// Header names lower-cased, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The query string, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The body parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

#[derive(Default)]
struct State {
    script: VecDeque<Reply>,
    requests: Vec<Recorded>,
}

/// The server; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
    task: JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    /// Starts a server that answers with `script`, in order.
    pub async fn start(script: Vec<Reply>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            script: script.into(),
            requests: Vec::new(),
        }));
        let st = state.clone();
        let task = tokio::spawn(async move {
            for _ in 0..MAX_CONNECTIONS {
                let Ok((sock, _)) = listener.accept().await else {
                    return;
                };
                let _ = sock.set_nodelay(true);
                tokio::spawn(serve_connection(sock, st.clone()));
            }
        });
        TestServer { addr, state, task }
    }

    /// The base URL of this server, with a `/v1` prefix.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// Appends replies to the script.
    pub fn push(&self, reply: Reply) {
        self.state.lock().unwrap().script.push_back(reply);
    }

    /// All requests received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The number of requests received so far.
    pub fn count(&self) -> usize {
        self.state.lock().unwrap().requests.len()
    }
}

/// A local address on which nothing listens.
pub async fn closed_port_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}/v1")
}

async fn serve_connection(mut sock: TcpStream, state: Arc<Mutex<State>>) {
    let mut buf = Vec::new();
    for _ in 0..MAX_REQUESTS_PER_CONNECTION {
        let Some(req) = read_request(&mut sock, &mut buf).await else {
            return;
        };
        let reply = {
            let mut st = state.lock().unwrap();
            st.requests.push(req);
            st.script
                .pop_front()
                .unwrap_or_else(|| Reply::json(404, r#"{"error":{"message":"no scripted reply"}}"#))
        };
        let keep_going = write_reply(&mut sock, reply).await;
        if !keep_going {
            return;
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

fn head(status: u16, headers: &[(String, String)], extra: &str) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str(extra);
    out.push_str("\r\n");
    out.into_bytes()
}

/// Writes a reply; returns whether the connection can serve another request.
async fn write_reply(sock: &mut TcpStream, reply: Reply) -> bool {
    match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut out = head(
                status,
                &headers,
                &format!("content-length: {}\r\n", body.len()),
            );
            out.extend_from_slice(&body);
            sock.write_all(&out).await.is_ok() && sock.flush().await.is_ok()
        }
        Reply::Stream {
            status,
            headers,
            chunks,
            gap,
            framing,
            truncate,
            stall,
        } => {
            let extra = match framing {
                Framing::Chunked => "transfer-encoding: chunked\r\n",
                Framing::Close => "connection: close\r\n",
            };
            if sock
                .write_all(&head(status, &headers, extra))
                .await
                .is_err()
            {
                return false;
            }
            for chunk in &chunks {
                let data = match framing {
                    Framing::Chunked => {
                        let mut d = format!("{:x}\r\n", chunk.len()).into_bytes();
                        d.extend_from_slice(chunk);
                        d.extend_from_slice(b"\r\n");
                        d
                    }
                    Framing::Close => chunk.clone(),
                };
                if sock.write_all(&data).await.is_err() || sock.flush().await.is_err() {
                    return false;
                }
                tokio::time::sleep(gap).await;
            }
            tokio::time::sleep(stall).await;
            if truncate || framing == Framing::Close {
                return false;
            }
            sock.write_all(b"0\r\n\r\n").await.is_ok() && sock.flush().await.is_ok()
        }
        Reply::Hang(d) => {
            tokio::time::sleep(d).await;
            false
        }
        Reply::Drop => false,
    }
}

/// Reads one request (headers and `Content-Length` body) from the socket.
async fn read_request(sock: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Recorded> {
    let mut tmp = [0u8; 8192];
    let header_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_HEADER_BYTES {
            return None;
        }
        let n = sock.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_string();
    let target = request_line.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let body_start = header_end + 4;
    while buf.len() < body_start + len {
        let n = sock.read(&mut tmp).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&tmp[..n]);
    }
    let body = buf[body_start..body_start + len].to_vec();
    buf.drain(..body_start + len);
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}
