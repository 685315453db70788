//! SHACL validation over HTTP: `/validate` on stored graphs and posted documents, and the
//! Graph Store upload gate that sends writes with violations to quarantine.

mod common;

use common::{TestServer, enc};
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::{LoadOptions, TwinStore};

const SHAPES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:DwellingShape a sh:NodeShape ; sh:targetClass ex:Dwelling ;
  sh:property [ sh:path ex:uprn ; sh:minCount 1 ; sh:pattern \"^[0-9]{1,12}$\" ] .
";
const GOOD: &str = "<http://example.org/d1> a <http://example.org/Dwelling> ; <http://example.org/uprn> \"100070123456\" .\n";
const BAD: &str = "<http://example.org/d2> a <http://example.org/Dwelling> ; <http://example.org/uprn> \"x-1\" .\n";

fn server(validate_uploads: bool) -> (TestServer, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let shapes = dir.path().join("shapes.ttl");
    std::fs::write(&shapes, SHAPES).unwrap();
    let store = TwinStore::in_memory().unwrap();
    store
        .load_slice(
            GOOD.as_bytes(),
            &LoadOptions::for_format(RdfFormat::Turtle)
                .with_graph("http://example.org/good")
                .unwrap(),
        )
        .unwrap();
    store
        .load_slice(
            BAD.as_bytes(),
            &LoadOptions::for_format(RdfFormat::Turtle)
                .with_graph("http://example.org/bad")
                .unwrap(),
        )
        .unwrap();
    let config = ServerConfig {
        shapes: vec![shapes],
        validate_uploads,
        ..ServerConfig::default()
    };
    (TestServer::start(store, config), dir)
}

fn json(body: &[u8]) -> serde_json::Value {
    serde_json::from_slice(body).expect("JSON body")
}

#[test]
fn stored_graphs_are_validated_one_by_one_or_all_together() {
    let (server, _dir) = server(false);
    let good = server.get(
        &format!("/validate?graph={}", enc("http://example.org/good")),
        &[("Accept", "application/json")],
    );
    assert_eq!(good.status, 200, "{}", good.text());
    assert_eq!(good.header("x-twingraph-conforms"), Some("true"));
    assert_eq!(json(&good.body)["conforms"], true);

    let all = server.get("/validate?format=json", &[]);
    assert_eq!(all.header("x-twingraph-conforms"), Some("false"));
    let summary = json(&all.body);
    assert_eq!(summary["results"], 1);
    assert_eq!(summary["details"][0]["focusNode"], "http://example.org/d2");
    assert_eq!(summary["details"][0]["value"], "x-1");
    assert_eq!(summary["bySeverity"]["Violation"], 1);

    // RDF by default: a standard sh:ValidationReport in Turtle.
    let rdf = server.get("/validate", &[]);
    assert_eq!(rdf.status, 200);
    assert!(
        rdf.content_type().starts_with("text/turtle"),
        "{}",
        rdf.content_type()
    );
    let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&rdf.body)
        .collect::<Result<_, _>>()
        .expect("Turtle report");
    assert!(
        triples
            .iter()
            .any(|q| q.object.to_string() == "<http://www.w3.org/ns/shacl#ValidationReport>")
    );

    let missing = server.get(
        &format!("/validate?graph={}", enc("http://example.org/none")),
        &[],
    );
    assert_eq!(missing.status, 404);
}

#[test]
fn posted_documents_are_validated_without_being_stored() {
    let (server, _dir) = server(false);
    let r = server.request(
        "POST",
        "/validate",
        &[
            ("Content-Type", "text/turtle"),
            ("Accept", "application/json"),
        ],
        BAD.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(json(&r.body)["conforms"], false);
    let broken = server.request(
        "POST",
        "/validate",
        &[("Content-Type", "text/turtle")],
        b"<http://example.org/d3> a \n <oops",
    );
    assert_eq!(broken.status, 400);
    assert!(broken.text().contains("line 2"), "{}", broken.text());
    // Nothing was stored by validating.
    let ask = server.get(
        &format!(
            "/sparql?query={}",
            enc("ASK { GRAPH ?g { <http://example.org/d3> ?p ?o } }")
        ),
        &[("Accept", "application/sparql-results+json")],
    );
    assert!(ask.text().contains("false"), "{}", ask.text());
}

#[test]
fn without_shapes_validate_is_not_found() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let r = server.get("/validate", &[]);
    assert_eq!(r.status, 404);
    assert!(r.text().contains("--shapes"), "{}", r.text());
}

#[test]
fn upload_gate_quarantines_writes_with_violations() {
    let (server, _dir) = server(true);
    let put = server.request(
        "PUT",
        &format!("/store?graph={}", enc("http://example.org/new")),
        &[
            ("Content-Type", "text/turtle"),
            ("Accept", "application/json"),
        ],
        BAD.as_bytes(),
    );
    assert_eq!(put.status, 422, "{}", put.text());
    assert_eq!(
        put.header("x-twingraph-quarantine"),
        Some("urn:twingraph:quarantine:http://example.org/new")
    );
    assert_eq!(json(&put.body)["conforms"], false);
    let live = server.get(
        &format!("/store?graph={}", enc("http://example.org/new")),
        &[],
    );
    assert_eq!(live.status, 404, "the live graph must not exist");
    let quarantined = server.get(
        &format!(
            "/store?graph={}",
            enc("urn:twingraph:quarantine:http://example.org/new")
        ),
        &[("Accept", "application/n-triples")],
    );
    assert_eq!(quarantined.status, 200);
    assert_eq!(quarantined.text().lines().count(), 2);

    let ok = server.request(
        "PUT",
        &format!("/store?graph={}", enc("http://example.org/new")),
        &[("Content-Type", "text/turtle")],
        GOOD.as_bytes(),
    );
    assert_eq!(ok.status, 201, "{}", ok.text());
}
