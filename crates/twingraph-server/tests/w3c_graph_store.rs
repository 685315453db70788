//! The W3C SPARQL 1.1 Graph Store HTTP Protocol tests
//! (`sparql11/graph-store-protocol/manifest-direct.ttl` and `manifest-indirect.ttl`), run as
//! real HTTP requests against a server on 127.0.0.1:0.
//!
//! Each test is a connection (`ht:Connection`, with the `ht:connectionAuthority` sent as the
//! `Host` header) of `ht:Request`s run in order on a fresh, empty store. Request paths start
//! with `/gsp`, the endpoint's place holder, replaced by `/store`. Each response is checked
//! against the `ht:Response`: `mf:expectedStatus` (any of the listed codes or classes),
//! `mf:expectedLocation` (a `Location` header must be there; its value replaces the template
//! variable in later requests), the expected headers (`Content-Type` compared by media type;
//! a `charset` is only compared when the server sends one) and the expected body, parsed
//! with oxigraph and compared with the returned graph by isomorphism.
//!
//! Data lives in `../shared/data` next to the repository; when absent the suite is reported
//! as skipped. Tests listed in `w3c_graph_store_expected_failures.txt` may fail; any other
//! failure fails this test.

mod common;
#[path = "common/w3c.rs"]
mod w3c;

use common::TestServer;
use std::path::PathBuf;
use twingraph_server::ServerConfig;
use twingraph_store::TwinStore;
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use twingraph_store::oxigraph::model::dataset::CanonicalizationAlgorithm;
use twingraph_store::oxigraph::model::{Graph, Term, Triple};
use w3c::{MF, Manifest, Tally, expected_failures, shared_data};

const HT: &str = "http://www.w3.org/2011/http#";
const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
const CNT: &str = "http://www.w3.org/2011/content#";

/// The manifests run, in order.
const MANIFESTS: [&str; 2] = ["manifest-direct.ttl", "manifest-indirect.ttl"];
/// Tests in those manifests (frozen W3C data): 4 direct + 9 indirect.
const TEST_COUNT: usize = 13;
/// The path prefix of the manifests' requests, and ours.
const MANIFEST_ENDPOINT: &str = "/gsp";
const ENDPOINT: &str = "/store";

impl Manifest {
    /// `(field name, field value)` of an `ht:headers` list.
    fn headers(&self, s: &Term) -> Vec<(String, String)> {
        self.object(s, HT, "headers")
            .map(|h| self.list(h))
            .unwrap_or_default()
            .iter()
            .filter_map(|h| {
                Some((
                    self.string(h, HT, "fieldName")?,
                    self.string(h, HT, "fieldValue")?,
                ))
            })
            .collect()
    }
}

fn suite_dir() -> PathBuf {
    shared_data().join("conformance/sparql/sparql/sparql11/graph-store-protocol")
}

/// The numeric code of an `hts:` status individual.
fn status_code(name: &str) -> Option<u16> {
    Some(match name {
        "Continue" => 100,
        "OK" => 200,
        "Created" => 201,
        "Accepted" => 202,
        "NoContent" => 204,
        "MovedPermanently" => 301,
        "Found" => 302,
        "SeeOther" => 303,
        "NotModified" => 304,
        "BadRequest" => 400,
        "Unauthorized" => 401,
        "Forbidden" => 403,
        "NotFound" => 404,
        "MethodNotAllowed" => 405,
        "NotAcceptable" => 406,
        "Conflict" => 409,
        "Gone" => 410,
        "LengthRequired" => 411,
        "RequestEntityTooLarge" => 413,
        "UnsupportedMediaType" => 415,
        "InternalServerError" => 500,
        "NotImplemented" => 501,
        "ServiceUnavailable" => 503,
        _ => return None,
    })
}

/// Whether `status` matches one of the expected statuses (codes or `StatusCodeNxx` classes).
fn status_matches(expected: &[Term], status: u16) -> Result<bool, String> {
    for term in expected {
        let Term::NamedNode(n) = term else {
            return Err(format!("bad expected status {term}"));
        };
        let name = n
            .as_str()
            .strip_prefix(HTS)
            .ok_or_else(|| format!("unknown status {n}"))?;
        let ok = match name
            .strip_prefix("StatusCode")
            .and_then(|c| c.strip_suffix("xx"))
        {
            Some(class) => class.parse::<u16>().ok() == Some(status / 100),
            None => status_code(name).ok_or_else(|| format!("unknown status {n}"))? == status,
        };
        if ok {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `type/subtype` and `charset` of a media type, lower-cased.
fn media_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_ascii_lowercase())
    });
    (essence, charset)
}

fn parse_graph(format: RdfFormat, base: &str, body: &[u8]) -> Result<Graph, String> {
    RdfParser::from_format(format)
        .with_base_iri(base)
        .map_err(|e| e.to_string())?
        .for_slice(body)
        .map(|q| q.map(Triple::from).map_err(|e| e.to_string()))
        .collect()
}

fn to_ntriples(graph: &Graph) -> String {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    for t in graph {
        serializer.serialize_triple(t).expect("serialize");
    }
    let text = String::from_utf8(serializer.finish().expect("serialize")).expect("UTF-8");
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

fn isomorphic(expected: &Graph, actual: &Graph) -> bool {
    if expected.len() != actual.len() {
        return false;
    }
    let (mut e, mut a) = (expected.clone(), actual.clone());
    e.canonicalize(CanonicalizationAlgorithm::Unstable);
    a.canonicalize(CanonicalizationAlgorithm::Unstable);
    e == a
}

fn run_test(m: &Manifest, test: &Term) -> Result<(), String> {
    let server = TestServer::start(
        TwinStore::in_memory().map_err(|e| e.to_string())?,
        ServerConfig::default(),
    );
    let action = m.object(test, MF, "action").ok_or("no mf:action")?;
    let authority = m
        .string(&action, HT, "connectionAuthority")
        .unwrap_or_else(|| server.addr.to_string());
    let requests = m.object(&action, HT, "requests").ok_or("no ht:requests")?;
    // Template variables set by `mf:expectedLocation`.
    let mut variables: Vec<(String, String)> = Vec::new();
    let substitute = |text: &str, variables: &[(String, String)]| {
        variables
            .iter()
            .fold(text.to_owned(), |t, (k, v)| t.replace(k, v))
    };
    for (i, request) in m.list(requests).iter().enumerate() {
        let method = m.string(request, HT, "methodName").ok_or("no method")?;
        let path = m.string(request, HT, "absolutePath").ok_or("no path")?;
        let path = match path.strip_prefix(MANIFEST_ENDPOINT) {
            Some(rest) => format!("{ENDPOINT}{rest}"),
            None => return Err(format!("path {path} is not under {MANIFEST_ENDPOINT}")),
        };
        let path = substitute(&path, &variables);
        let headers = m.headers(request);
        let body = m
            .object(request, HT, "body")
            .and_then(|b| m.string(&b, CNT, "chars"))
            .map(|b| substitute(&b, &variables))
            .unwrap_or_default();
        let header_refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let response =
            server.request_to_host(&authority, &method, &path, &header_refs, body.as_bytes());
        let context = format!(
            "request {} ({method} {path}) -> {} {}",
            i + 1,
            response.status,
            response.text().trim()
        );
        let expected = m.object(request, HT, "resp").ok_or("no ht:resp")?;
        let statuses = m.objects(&expected, MF, "expectedStatus");
        if !statuses.is_empty() && !status_matches(&statuses, response.status)? {
            let names: Vec<String> = statuses
                .iter()
                .map(|s| match s {
                    Term::NamedNode(n) => n.as_str().replace(HTS, "hts:"),
                    other => other.to_string(),
                })
                .collect();
            return Err(format!("status not in {}: {context}", names.join(", ")));
        }
        if let Some(variable) = m.string(&expected, MF, "expectedLocation") {
            let location = response
                .header("location")
                .ok_or_else(|| format!("no Location header: {context}"))?;
            variables.push((variable, location.to_owned()));
        }
        let expected_headers = m.headers(&expected);
        for (name, value) in &expected_headers {
            let actual = response
                .header(name)
                .ok_or_else(|| format!("no {name} header: {context}"))?;
            let ok = if name.eq_ignore_ascii_case("content-type") {
                let (e_type, e_charset) = media_type(value);
                let (a_type, a_charset) = media_type(actual);
                e_type == a_type
                    && match (e_charset, a_charset) {
                        (Some(e), Some(a)) => e == a,
                        _ => true,
                    }
            } else {
                actual.trim().eq_ignore_ascii_case(value.trim())
            };
            if !ok {
                return Err(format!(
                    "{name} is `{actual}`, expected `{value}`: {context}"
                ));
            }
        }
        let expected_body = m
            .object(&expected, HT, "body")
            .and_then(|b| m.string(&b, CNT, "chars"));
        if let (Some(expected_body), false) = (expected_body, method == "HEAD") {
            let expected_body = substitute(&expected_body, &variables);
            let e_type = expected_headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map_or_else(|| "text/turtle".to_owned(), |(_, v)| media_type(v).0);
            let e_format = RdfFormat::from_media_type(&e_type)
                .ok_or_else(|| format!("unknown expected format {e_type}"))?;
            let a_type = media_type(response.content_type()).0;
            let a_format = RdfFormat::from_media_type(&a_type)
                .ok_or_else(|| format!("response is not RDF ({a_type}): {context}"))?;
            let base = format!("http://{authority}{path}");
            let e_graph = parse_graph(e_format, &base, expected_body.as_bytes())
                .map_err(|e| format!("expected body does not parse: {e}"))?;
            let a_graph = parse_graph(a_format, &base, &response.body)
                .map_err(|e| format!("response body does not parse ({e}): {context}"))?;
            if !isomorphic(&e_graph, &a_graph) {
                return Err(format!(
                    "graphs differ for request {} ({method} {path})\nexpected:\n{}\nactual:\n{}",
                    i + 1,
                    to_ntriples(&e_graph),
                    to_ntriples(&a_graph)
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn w3c_graph_store_suite() {
    let dir = suite_dir();
    if !shared_data().is_dir() {
        println!(
            "W3C graph store protocol suite SKIPPED: {} not found",
            shared_data().display()
        );
        println!("graph-store-protocol: 0 passed, 0 failed, {TEST_COUNT} skipped");
        return;
    }
    let allowed = expected_failures("w3c_graph_store_expected_failures.txt");
    let mut tally = Tally::default();
    let mut skipped = 0;
    let mut seen = 0;
    for file in MANIFESTS {
        let path = dir.join(file);
        let (m, entries) = match Manifest::load(&path) {
            Ok(loaded) => loaded,
            Err(e) if !path.exists() => {
                println!("SKIPPED {file}: {e}");
                skipped += 1;
                continue;
            }
            Err(e) => panic!("cannot read {file}: {e}"),
        };
        for test in &entries {
            seen += 1;
            tally.record(test, run_test(&m, test), &allowed);
        }
    }
    if skipped > 0 {
        // A missing manifest: count what cannot be run so the total stays meaningful.
        skipped = TEST_COUNT.saturating_sub(seen);
    }
    println!(
        "graph-store-protocol: {} passed, {} failed, {skipped} skipped",
        tally.passed, tally.failed
    );
    assert!(seen > 0 || skipped > 0, "no tests found in the manifests");
    let unexpected = &tally.unexpected;
    assert!(unexpected.is_empty(), "unexpected failures: {unexpected:?}");
}
