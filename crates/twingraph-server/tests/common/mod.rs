//! Test helpers: a server on 127.0.0.1:0 running in its own thread, and a tiny raw HTTP/1.1
//! client (so tests can also send malformed requests).
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;
use twingraph_server::{ServerConfig, router};
use twingraph_store::TwinStore;

/// A running server; stops when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    pub fn start(store: TwinStore, config: ServerConfig) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let app = router(store, &config);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                axum::serve(listener, app)
                    .with_graceful_shutdown(async {
                        let _ = rx.await;
                    })
                    .await
                    .expect("serve");
            });
            runtime.shutdown_timeout(Duration::from_millis(100));
        });
        Self {
            addr,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn with_store(store: TwinStore) -> Self {
        Self::start(store, ServerConfig::default())
    }

    /// Sends a request with `Content-Length` and `Connection: close`.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        self.request_to_host(&self.addr.to_string(), method, path, headers, body)
    }

    /// [`Self::request`] with another `Host` header than the server's socket address.
    pub fn request_to_host(
        &self,
        host: &str,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut raw = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        for (k, v) in headers {
            raw.push_str(&format!("{k}: {v}\r\n"));
        }
        if !body.is_empty() || matches!(method, "POST" | "PUT") {
            raw.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        raw.push_str("\r\n");
        let mut bytes = raw.into_bytes();
        bytes.extend_from_slice(body);
        self.send(&bytes, method == "HEAD", false)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        self.request("GET", path, headers, b"")
    }

    pub fn post(&self, path: &str, content_type: &str, body: &str) -> Response {
        self.request(
            "POST",
            path,
            &[("Content-Type", content_type)],
            body.as_bytes(),
        )
    }

    /// Sends raw bytes, half-closes the connection and reads the whole response.
    pub fn raw(&self, bytes: &[u8], head: bool) -> Result<Response, String> {
        self.send(bytes, head, true)
    }

    fn send(&self, bytes: &[u8], head: bool, half_close: bool) -> Result<Response, String> {
        let mut stream = TcpStream::connect(self.addr).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        stream.write_all(bytes).map_err(|e| format!("write: {e}"))?;
        if half_close {
            let _ = stream.shutdown(std::net::Shutdown::Write);
        }
        let mut data = Vec::new();
        let read = stream.read_to_end(&mut data);
        if data.is_empty() {
            return Err(format!("no response ({read:?})"));
        }
        Response::parse(&data, head)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A parsed HTTP response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    fn parse(data: &[u8], head: bool) -> Result<Self, String> {
        let end = data
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or("no end of headers")?;
        let head_text = std::str::from_utf8(&data[..end]).map_err(|e| e.to_string())?;
        let mut lines = head_text.split("\r\n");
        let status_line = lines.next().ok_or("empty response")?;
        let status = status_line
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {status_line}"))?;
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        let mut body = data[end + 4..].to_vec();
        if head {
            body.clear();
        } else if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"))
        {
            body = dechunk(&body)?;
        }
        Ok(Self {
            status,
            headers,
            body,
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let line_end = data
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or("bad chunk")?;
        let size_text = std::str::from_utf8(&data[..line_end]).map_err(|e| e.to_string())?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|e| format!("bad chunk size {size_text}: {e}"))?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size + 2 {
            return Err("truncated chunk".into());
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size + 2..];
    }
}

/// Percent-encodes a query-string component.
pub fn enc(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// A store with `n` triples `<http://ex/s{i}> <http://ex/p> i` in the default graph and a
/// named graph `<http://ex/g>` holding `<http://ex/a> <http://ex/b> "in g"`.
pub fn sample_store(n: usize) -> TwinStore {
    let store = TwinStore::in_memory().expect("store");
    let mut update = String::from("INSERT DATA {\n");
    for i in 0..n {
        update.push_str(&format!("<http://ex/s{i}> <http://ex/p> {i} .\n"));
    }
    update.push_str("GRAPH <http://ex/g> { <http://ex/a> <http://ex/b> \"in g\" }\n}");
    store.update(&update, &Default::default()).expect("insert");
    store
}
