//! Inference maintained by the server: materialised at start, kept up to date after updates
//! and Graph Store writes (additions and deletions), explained at `/explain`.

mod common;

use common::{TestServer, enc};
use twingraph_server::ServerConfig;
use twingraph_store::oxigraph::io::RdfFormat;
use twingraph_store::{LoadOptions, TwinStore};

const RULES: &str = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
RULE { ?x rdf:type ?c2 } WHERE { ?x rdf:type ?c1 . ?c1 rdfs:subClassOf ?c2 }
";
const DATA: &str = "@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Breaker rdfs:subClassOf ex:Switch . ex:Switch rdfs:subClassOf ex:Asset .
ex:b1 a ex:Breaker .
";

fn types(server: &TestServer, node: &str) -> Vec<String> {
    let query = format!(
        "SELECT ?c WHERE {{ GRAPH <urn:twingraph:inferred:sub> {{ <http://example.org/{node}> a ?c }} }} ORDER BY ?c"
    );
    let r = server.get(
        &format!("/sparql?query={}", enc(&query)),
        &[("Accept", "text/tab-separated-values")],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.text().lines().skip(1).map(str::to_owned).collect()
}

fn update(server: &TestServer, text: &str) {
    let r = server.post("/update", "application/sparql-update", text);
    assert_eq!(r.status, 204, "{}", r.text());
}

#[test]
fn inferred_graph_follows_updates_and_writes() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("sub.srl");
    std::fs::write(&rules, RULES).unwrap();
    let store = TwinStore::in_memory().unwrap();
    store
        .load_slice(
            DATA.as_bytes(),
            &LoadOptions::for_format(RdfFormat::Turtle)
                .with_graph("http://example.org/assets")
                .unwrap(),
        )
        .unwrap();
    let config = ServerConfig {
        rules: vec![rules],
        ..ServerConfig::default()
    };
    let server = TestServer::start(store, config);
    // Materialised at start.
    assert_eq!(
        types(&server, "b1"),
        vec!["<http://example.org/Asset>", "<http://example.org/Switch>"]
    );
    // An addition by SPARQL update is inferred over before the response.
    update(
        &server,
        "INSERT DATA { GRAPH <http://example.org/assets> { <http://example.org/b2> a <http://example.org/Switch> } }",
    );
    assert_eq!(types(&server, "b2"), vec!["<http://example.org/Asset>"]);
    // A deletion retracts what depended on it, and nothing else.
    update(
        &server,
        "DELETE DATA { GRAPH <http://example.org/assets> { <http://example.org/Switch> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://example.org/Asset> } }",
    );
    assert!(types(&server, "b2").is_empty());
    assert_eq!(types(&server, "b1"), vec!["<http://example.org/Switch>"]);
    // A Graph Store write is maintained too.
    let put = server.request(
        "PUT",
        &format!("/store?graph={}", enc("http://example.org/more")),
        &[("Content-Type", "text/turtle")],
        b"<http://example.org/Switch> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://example.org/Equipment> .",
    );
    assert_eq!(put.status, 201, "{}", put.text());
    assert_eq!(
        types(&server, "b1"),
        vec![
            "<http://example.org/Equipment>",
            "<http://example.org/Switch>"
        ]
    );

    // /explain shows the derivation, through derived premises.
    let triple = "<http://example.org/b1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Equipment>";
    let r = server.get(&format!("/explain?triple={}", enc(triple)), &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    let tree: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(tree["rule"]["index"], 1);
    assert_eq!(tree["rule"]["line"], 3);
    let premises = tree["premises"].as_array().unwrap();
    assert_eq!(premises.len(), 2);
    assert!(
        premises.iter().any(|p| p["rule"]["index"] == 1),
        "the Switch typing is itself derived: {tree}"
    );
    let base = "<http://example.org/b1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/Breaker>";
    let r = server.get(&format!("/explain?triple={}", enc(base)), &[]);
    assert_eq!(r.status, 404);
}

#[test]
fn explain_without_rules_is_not_found() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let r = server.get(
        "/explain?triple=%3Chttp%3A%2F%2Fa%3E%20%3Chttp%3A%2F%2Fb%3E%20%3Chttp%3A%2F%2Fc%3E",
        &[],
    );
    assert_eq!(r.status, 404);
    assert!(r.text().contains("--rules"), "{}", r.text());
}
