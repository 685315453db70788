//! The W3C SPARQL 1.1 Protocol tests (`sparql11/protocol/manifest.ttl`), run as real HTTP
//! requests against a server on 127.0.0.1:0.
//!
//! The manifest describes each test as HTTP requests (`ht:Request`: method, path, headers,
//! body) with expected status classes, result formats and ASK answers; this runner reads it
//! with oxigraph and replays it. Data lives in `../shared/data` next to the repository; when
//! absent the suite is reported as skipped. Tests listed in
//! `w3c_protocol_expected_failures.txt` may fail; any other failure fails this test.

mod common;
#[path = "common/w3c.rs"]
mod w3c;

use common::TestServer;
use std::path::PathBuf;
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::oxigraph::model::Term;
use twingraph_store::oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};
use twingraph_store::{LoadOptions, TwinStore};
use w3c::{MF, Manifest, Tally, expected_failures, shared_data};

const HT: &str = "http://www.w3.org/2011/http#";
const HTS: &str = "http://www.w3.org/2011/http-statusCodes#";
const CNT: &str = "http://www.w3.org/2011/content#";
const UT: &str = "http://www.w3.org/2009/sparql/tests/test-update#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";

fn data_dir() -> PathBuf {
    shared_data().join("conformance/sparql/sparql/sparql11/protocol")
}

fn file_path(iri: &str) -> PathBuf {
    PathBuf::from(iri.strip_prefix("file://").unwrap_or(iri))
}

fn run_test(m: &Manifest, test: &Term) -> Result<(), String> {
    let store = TwinStore::in_memory().map_err(|e| e.to_string())?;
    for data in m.objects(test, UT, "graphData") {
        let file = m
            .string(&data, UT, "graph")
            .ok_or("graphData without ut:graph")?;
        let name = m
            .string(&data, RDFS, "label")
            .ok_or("graphData without label")?;
        let options = LoadOptions::for_format(RdfFormat::NTriples)
            .with_graph(&name)
            .map_err(|e| e.to_string())?;
        store
            .load_file(&file_path(&file), &options, |_| ())
            .map_err(|e| format!("loading {file}: {e}"))?;
    }
    let server = TestServer::start(store, ServerConfig::default());
    let action = m.object(test, MF, "action").ok_or("no mf:action")?;
    let requests = m.object(&action, HT, "requests").ok_or("no ht:requests")?;
    for (i, request) in m.list(requests).iter().enumerate() {
        let method = m.string(request, HT, "methodName").ok_or("no method")?;
        let path = m.string(request, HT, "absolutePath").ok_or("no path")?;
        let path = match path.strip_prefix("/sparql/") {
            Some(rest) => format!("/sparql{rest}"),
            None => path,
        };
        let headers: Vec<(String, String)> = m
            .object(request, HT, "headers")
            .map(|h| m.list(h))
            .unwrap_or_default()
            .iter()
            .filter_map(|h| {
                Some((
                    m.string(h, HT, "fieldName")?,
                    m.string(h, HT, "fieldValue")?,
                ))
            })
            .collect();
        let body = m
            .object(request, HT, "body")
            .and_then(|b| m.string(&b, CNT, "chars"))
            .unwrap_or_default();
        let header_refs: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let response = server.request(&method, &path, &header_refs, body.as_bytes());
        let context = format!(
            "request {} ({method} {path}) -> {} {}",
            i + 1,
            response.status,
            response.text().trim()
        );
        let expected = m.object(request, HT, "resp").ok_or("no ht:resp")?;
        let classes: Vec<u16> = m
            .objects(&expected, MF, "expectedStatus")
            .iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => n
                    .as_str()
                    .strip_prefix(HTS)?
                    .strip_prefix("StatusCode")?
                    .chars()
                    .next()?
                    .to_digit(10)
                    .map(|d| d as u16),
                _ => None,
            })
            .collect();
        if !classes.is_empty() && !classes.contains(&(response.status / 100)) {
            return Err(format!("status not in {classes:?}xx: {context}"));
        }
        let media = response
            .content_type()
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let results_format = QueryResultsFormat::from_media_type(&media);
        if let Some(format) = m.string(&expected, MF, "expectedFormat") {
            let ok = match format.as_str() {
                "boolean" => matches!(
                    results_format,
                    Some(QueryResultsFormat::Json | QueryResultsFormat::Xml)
                ),
                "tabular" => results_format.is_some(),
                "RDF" => RdfFormat::from_media_type(&media).is_some_and(|f| {
                    RdfParser::from_format(f)
                        .for_slice(&response.body)
                        .all(|q| q.is_ok())
                }),
                other => return Err(format!("unknown expected format {other}")),
            };
            if !ok {
                return Err(format!(
                    "expected {format} results, got Content-Type {media}: {context}"
                ));
            }
        }
        if let Some(Term::Literal(expected_bool)) = m.object(&expected, MF, "expectedBoolean") {
            let format = results_format.ok_or_else(|| format!("no results format: {context}"))?;
            let value = match QueryResultsParser::from_format(format)
                .for_slice(&response.body)
                .map_err(|e| format!("bad results ({e}): {context}"))?
            {
                SliceQueryResultsParserOutput::Boolean(b) => b,
                SliceQueryResultsParserOutput::Solutions(_) => {
                    return Err(format!("not a boolean: {context}"));
                }
            };
            if value.to_string() != expected_bool.value() {
                return Err(format!("expected {}: {context}", expected_bool.value()));
            }
        }
    }
    Ok(())
}

#[test]
fn w3c_protocol_suite() {
    let dir = data_dir();
    let manifest_path = dir.join("manifest.ttl");
    if !manifest_path.exists() {
        println!(
            "W3C protocol suite skipped: {} not found",
            manifest_path.display()
        );
        // The W3C protocol manifest is frozen (2013) and has 34 tests.
        println!("protocol: 0 passed, 0 failed, 34 skipped");
        return;
    }
    let (m, entries) = Manifest::load(&manifest_path).expect("read the protocol manifest");
    let allowed = expected_failures("w3c_protocol_expected_failures.txt");
    let mut tally = Tally::default();
    for test in &entries {
        tally.record(test, run_test(&m, test), &allowed);
    }
    println!(
        "protocol: {} passed, {} failed, 0 skipped",
        tally.passed, tally.failed
    );
    assert!(!entries.is_empty(), "no tests found in the manifest");
    let unexpected = &tally.unexpected;
    assert!(unexpected.is_empty(), "unexpected failures: {unexpected:?}");
}
