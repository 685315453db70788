//! The server never answers 5xx (other than 503 for time limits) and keeps serving,
//! whatever it is sent.

mod common;

use common::{TestServer, sample_store};
use std::time::Duration;
use twingraph_server::ServerConfig;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

const ROUTES: [&str; 9] = [
    "/", "/sparql", "/query", "/update", "/store", "/health", "/metrics", "/nowhere", "//",
];
const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "FOO",
];

fn check(status: u16, what: &str) {
    assert!(status < 500 || status == 503, "{what} -> {status}");
}

#[test]
fn garbage_never_causes_server_errors() {
    let config = ServerConfig {
        query_timeout: Some(Duration::from_secs(2)),
        max_body_bytes: 64 * 1024,
        ..ServerConfig::default()
    };
    let server = TestServer::start(sample_store(20), config);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let content_types = [
        "",
        "application/sparql-query",
        "application/sparql-update",
        "application/x-www-form-urlencoded",
        "text/turtle",
        "application/n-quads",
        "application/rdf+xml",
        "application/ld+json",
        "text/plain",
        "application/sparql-query; charset=latin1",
        "\u{1}garbage/\u{7f}",
        "multipart/form-data; boundary=x",
        ";;;",
    ];
    let queries = [
        "",
        "?query=",
        "?query=%",
        "?query=%zz%",
        "?query=%FF%FE",
        "?query=SELECT%20*%20%7B",
        "?update=CLEAR%20ALL",
        "?query=ASK%7B%7D&query=ASK%7B%7D",
        "?graph=",
        "?graph=%20nope",
        "?graph=http%3A%2F%2Fex%2Fg",
        "?default",
        "?default&graph=http%3A%2F%2Fex%2Fg",
        "?default=x",
        "?format=zzz",
        "?format=csv&query=CONSTRUCT%7B%3Fs%20%3Fp%20%3Fo%7DWHERE%7B%3Fs%20%3Fp%20%3Fo%7D",
        "?&&&=&=",
        "?default-graph-uri=%00",
    ];
    let mut n = 0;
    for route in ROUTES {
        for method in METHODS {
            for (i, query) in queries.iter().enumerate() {
                let content_type = content_types[(i + n) % content_types.len()];
                let body: Vec<u8> = match (i + n) % 4 {
                    0 => Vec::new(),
                    1 => rng.bytes(200),
                    2 => b"query=ASK%7B%7D&update=CLEAR%20ALL&query=%".to_vec(),
                    _ => b"@prefix : <http://x/> . :a :b \"\xC3\xA9\xFF".to_vec(),
                };
                let mut headers =
                    vec![("Accept", ["*/*", "image/png", "text/csv;q=abc", ""][n % 4])];
                if !content_type.is_empty() {
                    headers.push(("Content-Type", content_type));
                }
                let path = format!("{route}{query}");
                let r = server.request(method, &path, &headers, &body);
                check(r.status, &format!("{method} {path} ({content_type})"));
                n += 1;
            }
        }
    }
    // Raw garbage and protocol abuse: either no response or a non-5xx one.
    let long_header = format!(
        "GET /sparql HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(200_000)
    );
    let many_headers = format!(
        "GET /sparql HTTP/1.1\r\nHost: x\r\n{}\r\n",
        (0..500)
            .map(|i| format!("X-H{i}: v\r\n"))
            .collect::<String>()
    );
    let mut raws: Vec<Vec<u8>> = vec![
        long_header.into_bytes(),
        many_headers.into_bytes(),
        b"GET /sparql?query=\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /sparql HTTP/1.1\r\nHost: \xff\xfe\r\nAccept: \xff\r\n\r\n".to_vec(),
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 6\r\n\r\n\xff\xfe\xfd\xfc\xfb\xfa".to_vec(),
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: -1\r\n\r\n".to_vec(),
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(),
        b"POST /store?default HTTP/1.1\r\nHost: x\r\nContent-Type: text/turtle\r\nContent-Length: 10\r\n\r\nabc".to_vec(),
        b"\x00\x01\x02\x03\r\n\r\n".to_vec(),
        b"GET http://evil/ HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET * HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /sparql HTTP/9.9\r\n\r\n".to_vec(),
    ];
    for _ in 0..20 {
        let len = (rng.next() % 3000) as usize;
        raws.push(rng.bytes(len));
    }
    for raw in &raws {
        if let Ok(r) = server.raw(raw, false) {
            check(
                r.status,
                &format!(
                    "raw {:?}",
                    String::from_utf8_lossy(&raw[..raw.len().min(60)])
                ),
            );
        }
    }
    // Still alive and correct.
    let r = server.get("/sparql?query=ASK%7B%7D", &[]);
    assert_eq!(r.status, 200);
    let r = server.get("/health", &[]);
    assert_eq!(r.status, 200);
}
