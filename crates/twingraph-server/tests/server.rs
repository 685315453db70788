//! End-to-end tests of the HTTP server over real sockets.

mod common;

use common::{TestServer, enc, sample_store};
use std::time::{Duration, Instant};
use twingraph_server::ServerConfig;
use twingraph_store::TwinStore;
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput,
};

const SELECT: &str = "SELECT ?s ?o WHERE { ?s <http://ex/p> ?o } ORDER BY ?o";

fn count_solutions(format: QueryResultsFormat, body: &[u8]) -> usize {
    if format == QueryResultsFormat::Csv {
        // CSV results cannot be parsed back: count the lines after the header.
        let text = String::from_utf8(body.to_vec()).expect("UTF-8");
        return text.lines().filter(|l| !l.is_empty()).count() - 1;
    }
    match QueryResultsParser::from_format(format)
        .for_slice(body)
        .expect("parse results")
    {
        SliceQueryResultsParserOutput::Solutions(s) => {
            s.collect::<Result<Vec<_>, _>>().expect("solution").len()
        }
        SliceQueryResultsParserOutput::Boolean(_) => panic!("boolean"),
    }
}

fn boolean(format: QueryResultsFormat, body: &[u8]) -> bool {
    match QueryResultsParser::from_format(format)
        .for_slice(body)
        .expect("parse results")
    {
        SliceQueryResultsParserOutput::Boolean(b) => b,
        SliceQueryResultsParserOutput::Solutions(_) => panic!("solutions"),
    }
}

fn count_triples(format: RdfFormat, body: &[u8]) -> usize {
    RdfParser::from_format(format)
        .for_slice(body)
        .collect::<Result<Vec<_>, _>>()
        .expect("valid RDF")
        .len()
}

#[test]
fn select_in_all_result_formats() {
    let server = TestServer::with_store(sample_store(5));
    let path = format!("/sparql?query={}", enc(SELECT));
    for (accept, format, media) in [
        (
            "application/sparql-results+json",
            QueryResultsFormat::Json,
            "application/sparql-results+json",
        ),
        (
            "application/sparql-results+xml",
            QueryResultsFormat::Xml,
            "application/sparql-results+xml",
        ),
        ("text/csv", QueryResultsFormat::Csv, "text/csv"),
        (
            "text/tab-separated-values",
            QueryResultsFormat::Tsv,
            "text/tab-separated-values",
        ),
    ] {
        let r = server.get(&path, &[("Accept", accept)]);
        assert_eq!(r.status, 200, "{accept}: {}", r.text());
        assert!(
            r.content_type().starts_with(media),
            "{accept} -> {}",
            r.content_type()
        );
        assert_eq!(count_solutions(format, &r.body), 5, "{accept}");
    }
    // No Accept: JSON. `format` overrides Accept.
    let r = server.get(&path, &[]);
    assert_eq!(r.content_type(), "application/sparql-results+json");
    let r = server.get(
        &format!("{path}&format=csv"),
        &[("Accept", "application/sparql-results+json")],
    );
    assert!(r.content_type().starts_with("text/csv"));
    // q-values
    let r = server.get(
        &path,
        &[(
            "Accept",
            "text/csv;q=0.2, application/sparql-results+xml;q=0.8",
        )],
    );
    assert_eq!(r.content_type(), "application/sparql-results+xml");
    // Impossible Accept: 406 with a message.
    let r = server.get(&path, &[("Accept", "image/png")]);
    assert_eq!(r.status, 406);
    assert!(r.content_type().starts_with("text/plain"));
    assert!(r.text().contains("SELECT"), "{}", r.text());
}

#[test]
fn query_via_post_form_and_direct() {
    let server = TestServer::with_store(sample_store(3));
    let r = server.post(
        "/sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}", enc(SELECT)),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 3);
    let r = server.post("/query", "application/sparql-query", SELECT);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 3);
    // /query refuses updates, /update refuses queries.
    let r = server.post("/query", "application/sparql-update", "CLEAR ALL");
    assert_eq!(r.status, 415);
    let r = server.post("/update", "application/sparql-query", SELECT);
    assert_eq!(r.status, 415);
    let r = server.post(
        "/update",
        "application/x-www-form-urlencoded",
        &format!("query={}", enc(SELECT)),
    );
    assert_eq!(r.status, 400);
}

#[test]
fn ask_and_construct() {
    let server = TestServer::with_store(sample_store(3));
    let ask = format!("/sparql?query={}", enc("ASK { <http://ex/s1> ?p ?o }"));
    let r = server.get(&ask, &[]);
    assert_eq!(r.status, 200);
    assert!(boolean(QueryResultsFormat::Json, &r.body));
    let r = server.get(&ask, &[("Accept", "application/sparql-results+xml")]);
    assert!(boolean(QueryResultsFormat::Xml, &r.body));

    let construct = format!(
        "/sparql?query={}",
        enc("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    );
    let r = server.get(&construct, &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "text/turtle; charset=utf-8");
    assert_eq!(count_triples(RdfFormat::Turtle, &r.body), 3);
    let r = server.get(&construct, &[("Accept", "application/n-triples")]);
    assert_eq!(r.content_type(), "application/n-triples");
    assert_eq!(count_triples(RdfFormat::NTriples, &r.body), 3);
    let r = server.get(&construct, &[("Accept", "application/rdf+xml")]);
    assert_eq!(count_triples(RdfFormat::RdfXml, &r.body), 3);
    let r = server.get(&construct, &[("Accept", "application/sparql-results+json")]);
    assert_eq!(r.status, 406, "{}", r.text());
    // SPARQLWrapper style: format=xml on a CONSTRUCT means RDF/XML.
    let r = server.get(
        &format!("{construct}&format=xml&output=xml&results=xml"),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.content_type(), "application/rdf+xml");
}

#[test]
fn updates_via_both_content_types() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let r = server.post(
        "/sparql",
        "application/sparql-update",
        "INSERT DATA { <http://ex/x> <http://ex/y> 1 }",
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let r = server.post(
        "/update",
        "application/x-www-form-urlencoded",
        &format!(
            "update={}",
            enc("INSERT DATA { <http://ex/x> <http://ex/y> 2 }")
        ),
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let r = server.get(
        &format!("/query?query={}", enc("SELECT * { ?s ?p ?o }")),
        &[],
    );
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 2);
    // Update via GET is refused.
    let r = server.get(&format!("/sparql?update={}", enc("CLEAR ALL")), &[]);
    assert_eq!(r.status, 400);
}

#[test]
fn dataset_parameters() {
    let server = TestServer::with_store(sample_store(2));
    let q = "SELECT ?o WHERE { ?s ?p ?o }";
    // default-graph-uri makes <http://ex/g> the default graph.
    let r = server.get(
        &format!(
            "/sparql?query={}&default-graph-uri={}",
            enc(q),
            enc("http://ex/g")
        ),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 1);
    // named-graph-uri restricts GRAPH ?g.
    let q = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }";
    let r = server.get(
        &format!(
            "/sparql?query={}&named-graph-uri={}",
            enc(q),
            enc("http://ex/none")
        ),
        &[],
    );
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 0);
    let r = server.get(
        &format!(
            "/sparql?query={}&named-graph-uri={}",
            enc(q),
            enc("http://ex/g")
        ),
        &[],
    );
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 1);
    // using-graph-uri for updates
    let r = server.post(
        &format!("/sparql?using-graph-uri={}", enc("http://ex/g")),
        "application/sparql-update",
        "INSERT { GRAPH <http://ex/copy> { ?s ?p ?o } } WHERE { ?s ?p ?o }",
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let r = server.get(
        &format!(
            "/sparql?query={}",
            enc("ASK { GRAPH <http://ex/copy> { <http://ex/a> ?p ?o } }")
        ),
        &[],
    );
    assert!(boolean(QueryResultsFormat::Json, &r.body));
    // invalid IRI
    let r = server.get(
        &format!("/sparql?query={}&default-graph-uri=not%20an%20iri", enc(q)),
        &[],
    );
    assert_eq!(r.status, 400);
    // unknown parameter
    let r = server.get(&format!("/sparql?query={}&bogus=1", enc(q)), &[]);
    assert_eq!(r.status, 400);
    assert!(r.text().contains("bogus"));
}

#[test]
fn union_default_graph_option() {
    let config = ServerConfig {
        union_default_graph: true,
        ..ServerConfig::default()
    };
    let server = TestServer::start(sample_store(0), config);
    let r = server.get(
        &format!("/sparql?query={}", enc("ASK { <http://ex/a> ?p ?o }")),
        &[],
    );
    assert!(boolean(QueryResultsFormat::Json, &r.body));
    let r = server.get("/sparql", &[]);
    assert!(r.text().contains("UnionDefaultGraph"), "{}", r.text());
}

#[test]
fn graph_store_protocol_named_graph() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let g = format!("/store?graph={}", enc("http://ex/graph1"));
    assert_eq!(server.get(&g, &[]).status, 404);
    assert_eq!(server.request("HEAD", &g, &[], b"").status, 404);
    let ttl = "@prefix ex: <http://ex/> . ex:a ex:b ex:c , ex:d .";
    let r = server.request(
        "PUT",
        &g,
        &[("Content-Type", "text/turtle")],
        ttl.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let r = server.request(
        "PUT",
        &g,
        &[("Content-Type", "text/turtle")],
        ttl.as_bytes(),
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let r = server.get(&g, &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "text/turtle; charset=utf-8");
    assert_eq!(count_triples(RdfFormat::Turtle, &r.body), 2);
    let r = server.get(&g, &[("Accept", "application/n-triples")]);
    assert_eq!(count_triples(RdfFormat::NTriples, &r.body), 2);
    let r = server.request("HEAD", &g, &[], b"");
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());
    let r = server.request(
        "POST",
        &g,
        &[("Content-Type", "application/n-triples")],
        b"<http://ex/e> <http://ex/f> <http://ex/g> .\n",
    );
    assert_eq!(r.status, 204, "{}", r.text());
    assert_eq!(
        count_triples(RdfFormat::Turtle, &server.get(&g, &[]).body),
        3
    );
    // The load is recorded in provenance.
    let q = "ASK { GRAPH <urn:twingraph:graph:meta> { ?load <http://www.w3.org/ns/prov#generated> <http://ex/graph1> } }";
    assert!(boolean(
        QueryResultsFormat::Json,
        &server.get(&format!("/sparql?query={}", enc(q)), &[]).body
    ));
    // Bad RDF: 400 with position, nothing changed.
    let r = server.request(
        "PUT",
        &g,
        &[("Content-Type", "text/turtle")],
        b"<http://ex/a> <http://ex/b> .\n",
    );
    assert_eq!(r.status, 400);
    assert!(r.text().contains("1:"), "{}", r.text());
    assert_eq!(
        count_triples(RdfFormat::Turtle, &server.get(&g, &[]).body),
        3
    );
    // Unsupported media type
    let r = server.request("PUT", &g, &[("Content-Type", "image/png")], b"xx");
    assert_eq!(r.status, 415);
    let r = server.request("DELETE", &g, &[], b"");
    assert_eq!(r.status, 204);
    assert_eq!(server.request("DELETE", &g, &[], b"").status, 404);
    assert_eq!(server.get(&g, &[]).status, 404);
}

#[test]
fn graph_store_protocol_default_graph_and_post() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let r = server.request(
        "PUT",
        "/store?default",
        &[("Content-Type", "application/n-triples")],
        b"<http://ex/a> <http://ex/b> <http://ex/c> .\n",
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let r = server.get("/store?default", &[("Accept", "application/n-triples")]);
    assert_eq!(r.status, 200);
    assert_eq!(count_triples(RdfFormat::NTriples, &r.body), 1);
    // POST without a graph creates a new graph.
    let r = server.request(
        "POST",
        "/store",
        &[("Content-Type", "text/turtle")],
        b"<http://ex/x> <http://ex/y> <http://ex/z> .",
    );
    assert_eq!(r.status, 201, "{}", r.text());
    // Its IRI, in `Location`, is a URL under /store/: readable directly or with `?graph=`.
    let location = r.header("location").expect("Location").to_owned();
    let prefix = format!("http://{}/store/post-", server.addr);
    assert!(location.starts_with(&prefix), "{location}");
    let path = location
        .strip_prefix(&format!("http://{}", server.addr))
        .unwrap();
    let r = server.get(path, &[]);
    assert_eq!(r.status, 200);
    assert_eq!(count_triples(RdfFormat::Turtle, &r.body), 1);
    let r = server.get(&format!("/store?graph={}", enc(&location)), &[]);
    assert_eq!(r.status, 200);
    assert_eq!(count_triples(RdfFormat::Turtle, &r.body), 1);
    // Whole dataset
    let r = server.get("/store", &[("Accept", "application/n-quads")]);
    assert_eq!(r.status, 200);
    assert!(count_triples(RdfFormat::NQuads, &r.body) >= 2);
    let r = server.request("DELETE", "/store?default", &[], b"");
    assert_eq!(r.status, 204);
    let r = server.get("/store?default", &[("Accept", "application/n-triples")]);
    assert_eq!(count_triples(RdfFormat::NTriples, &r.body), 0);
}

#[test]
fn graph_store_protocol_direct_identification() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let path = "/store/person/1.ttl";
    let iri = format!("http://{}{path}", server.addr);
    let indirect = format!("/store?graph={}", enc(&iri));
    assert_eq!(server.get(path, &[]).status, 404);
    assert_eq!(server.request("HEAD", path, &[], b"").status, 404);
    // `<>` is the graph's own IRI.
    let ttl = "@prefix ex: <http://ex/> . <> a ex:Doc . ex:a ex:b [ ex:c 1 ] .";
    let put = |body: &str| {
        server.request(
            "PUT",
            path,
            &[("Content-Type", "text/turtle; charset=utf-8")],
            body.as_bytes(),
        )
    };
    let r = put(ttl);
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(put(ttl).status, 204);
    let r = server.get(path, &[("Accept", "application/n-triples")]);
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "application/n-triples");
    assert!(
        r.text().contains(&format!(
            "<{iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex/Doc>"
        )),
        "{}",
        r.text()
    );
    assert_eq!(count_triples(RdfFormat::NTriples, &r.body), 3);
    // The same graph, identified indirectly.
    let r = server.get(&indirect, &[]);
    assert_eq!(r.status, 200);
    assert_eq!(count_triples(RdfFormat::Turtle, &r.body), 3);
    let r = server.request("HEAD", path, &[], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "text/turtle; charset=utf-8");
    // The format override is the only accepted parameter.
    let r = server.get(&format!("{path}?format=nt"), &[]);
    assert_eq!(r.content_type(), "application/n-triples");
    assert_eq!(
        server.get(&format!("{path}?graph=http://ex/g"), &[]).status,
        400
    );
    assert_eq!(server.get(&format!("{path}?default"), &[]).status, 400);
    // POST merges, including a multipart body (one document per part).
    let r = server.request(
        "POST",
        path,
        &[("Content-Type", "application/n-triples")],
        b"<http://ex/e> <http://ex/f> <http://ex/g> .\n",
    );
    assert_eq!(r.status, 204, "{}", r.text());
    let multipart = "--BOUND\r\nContent-Disposition: form-data; name=\"a\"; filename=\"a.ttl\"\r\nContent-Type: text/turtle\r\n\r\n<http://ex/m> <http://ex/n> 1 .\r\n--BOUND\r\nContent-Disposition: form-data; name=\"b\"; filename=\"b.nt\"\r\n\r\n<http://ex/m> <http://ex/n> \"2\" .\n\r\n--BOUND--\r\n";
    let r = server.request(
        "POST",
        path,
        &[("Content-Type", "multipart/form-data; boundary=BOUND")],
        multipart.as_bytes(),
    );
    assert_eq!(r.status, 204, "{}", r.text());
    assert_eq!(
        count_triples(RdfFormat::Turtle, &server.get(path, &[]).body),
        6
    );
    // Multipart is for POST only; a bad part changes nothing.
    let r = server.request(
        "PUT",
        path,
        &[("Content-Type", "multipart/form-data; boundary=BOUND")],
        multipart.as_bytes(),
    );
    assert_eq!(r.status, 415);
    let r = server.request(
        "POST",
        path,
        &[("Content-Type", "multipart/form-data; boundary=BOUND")],
        multipart.replace("\"2\" .", "\"2\"").as_bytes(),
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert_eq!(
        count_triples(RdfFormat::Turtle, &server.get(path, &[]).body),
        6
    );
    // Another path is another graph; the path is kept percent-encoded as sent.
    let r = server.request(
        "PUT",
        "/store/a%20b",
        &[("Content-Type", "text/turtle")],
        b"<http://ex/x> <http://ex/y> <http://ex/z> .",
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let other = format!("http://{}/store/a%20b", server.addr);
    assert_eq!(
        server
            .get(&format!("/store?graph={}", enc(&other)), &[])
            .status,
        200
    );
    assert_eq!(
        count_triples(RdfFormat::Turtle, &server.get(path, &[]).body),
        6
    );
    // The graph IRI follows the Host header.
    let r = server.request_to_host(
        "www.example",
        "PUT",
        path,
        &[("Content-Type", "text/turtle")],
        b"<http://ex/h> <http://ex/i> <http://ex/j> .",
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let r = server.get(
        &format!(
            "/store?graph={}",
            enc("http://www.example/store/person/1.ttl")
        ),
        &[],
    );
    assert_eq!(count_triples(RdfFormat::Turtle, &r.body), 1);
    let r = server.request_to_host("ex{ample", "GET", path, &[], b"");
    assert_eq!(r.status, 400, "{}", r.text());
    // DELETE
    assert_eq!(server.request("DELETE", path, &[], b"").status, 204);
    assert_eq!(server.get(path, &[]).status, 404);
    assert_eq!(server.get(&indirect, &[]).status, 404);
    assert_eq!(server.request("DELETE", path, &[], b"").status, 404);
    // OPTIONS lists the methods.
    let r = server.request("OPTIONS", path, &[], b"");
    assert!(r.status < 300, "{}", r.status);
}

#[test]
fn graph_store_protocol_direct_read_only() {
    let config = ServerConfig {
        read_only: true,
        ..ServerConfig::default()
    };
    let server = TestServer::start(sample_store(1), config);
    let r = server.request(
        "PUT",
        "/store/g",
        &[("Content-Type", "text/turtle")],
        b"<http://ex/x> <http://ex/y> <http://ex/z> .",
    );
    assert_eq!(r.status, 403);
    assert_eq!(server.request("DELETE", "/store/g", &[], b"").status, 403);
    assert_eq!(server.get("/store/g", &[]).status, 404);
}

#[test]
fn query_timeout_cancels() {
    let config = ServerConfig {
        query_timeout: Some(Duration::from_millis(100)),
        ..ServerConfig::default()
    };
    let server = TestServer::start(sample_store(300), config);
    let q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let start = Instant::now();
    let r = server.get(&format!("/sparql?query={}", enc(q)), &[]);
    let elapsed = start.elapsed();
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(r.text().contains("0.1 s"), "{}", r.text());
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    // Updates are cancelled too, and leave the store unchanged.
    let start = Instant::now();
    let r = server.post(
        "/update",
        "application/sparql-update",
        "INSERT { GRAPH <http://ex/out> { ?a ?b ?i } } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    );
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(start.elapsed() < Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(300));
    let r = server.get("/store?graph=http%3A%2F%2Fex%2Fout", &[]);
    assert_eq!(r.status, 404, "the cancelled update left data behind");
    // The server still answers, quickly.
    let r = server.get(&format!("/sparql?query={}", enc("ASK {}")), &[]);
    assert_eq!(r.status, 200);
}

#[test]
fn max_result_rows_truncates() {
    let config = ServerConfig {
        max_result_rows: Some(2),
        ..ServerConfig::default()
    };
    let server = TestServer::start(sample_store(5), config);
    let r = server.get(&format!("/sparql?query={}", enc(SELECT)), &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-twingraph-results-truncated"), Some("2"));
    assert_eq!(count_solutions(QueryResultsFormat::Json, &r.body), 2);
}

#[test]
fn body_limit_gives_413() {
    let config = ServerConfig {
        max_body_bytes: 1024,
        ..ServerConfig::default()
    };
    let server = TestServer::start(TwinStore::in_memory().unwrap(), config);
    // Declared length over the limit: refused before the body is read.
    let raw = "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n";
    let r = server.raw(raw.as_bytes(), false).expect("response");
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.text().contains("1024"));
    // Chunked body over the limit.
    let chunk = "x".repeat(1500);
    let raw = format!(
        "POST /store?default HTTP/1.1\r\nHost: x\r\nContent-Type: text/turtle\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n{chunk}\r\n0\r\n\r\n",
        chunk.len()
    );
    let r = server.raw(raw.as_bytes(), false).expect("response");
    assert_eq!(r.status, 413, "{}", r.text());
    // Under the limit is fine.
    assert_eq!(
        server
            .post("/sparql", "application/sparql-query", "ASK {}")
            .status,
        200
    );
}

#[test]
fn bad_sparql_gives_400_with_position() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let r = server.get(
        &format!("/sparql?query={}", enc("SELECT * WHERE { ?s ?p }")),
        &[],
    );
    assert_eq!(r.status, 400);
    assert!(r.content_type().starts_with("text/plain; charset=utf-8"));
    let text = r.text();
    assert!(text.contains("1:"), "no position in: {text}");
    let r = server.post(
        "/sparql",
        "application/sparql-update",
        "INSERT DATA { <a> }",
    );
    assert_eq!(r.status, 400);
    assert!(r.text().contains("1:"), "{}", r.text());
}

#[test]
fn read_only_refuses_writes() {
    let config = ServerConfig {
        read_only: true,
        ..ServerConfig::default()
    };
    let server = TestServer::start(sample_store(1), config);
    let r = server.post("/sparql", "application/sparql-update", "CLEAR ALL");
    assert_eq!(r.status, 403);
    let r = server.request(
        "PUT",
        "/store?default",
        &[("Content-Type", "text/turtle")],
        b"",
    );
    assert_eq!(r.status, 403);
    assert_eq!(
        server.request("DELETE", "/store?default", &[], b"").status,
        403
    );
    let r = server.get(&format!("/sparql?query={}", enc("ASK { ?s ?p ?o }")), &[]);
    assert!(boolean(QueryResultsFormat::Json, &r.body));
    let sd = server.get("/sparql", &[]).text();
    assert!(
        sd.contains("SPARQL11Query") && !sd.contains("SPARQL11Update"),
        "{sd}"
    );
}

#[test]
fn service_description() {
    let server = TestServer::with_store(sample_store(1));
    let r = server.get("/sparql", &[]);
    assert_eq!(r.status, 200);
    assert_eq!(r.content_type(), "text/turtle; charset=utf-8");
    let graph: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&r.body)
        .collect::<Result<_, _>>()
        .expect("service description is valid Turtle");
    let text = r.text();
    for needle in [
        "sd:Service",
        "SPARQL11Query",
        "SPARQL11Update",
        "SPARQL_Results_JSON",
        "http://ex/g",
    ] {
        assert!(text.contains(needle), "missing {needle} in {text}");
    }
    let endpoint = format!("http://{}/sparql", server.addr);
    assert!(
        graph
            .iter()
            .any(|q| q.object.to_string() == format!("<{endpoint}>")),
        "{text}"
    );
    let r = server.get("/sparql", &[("Accept", "application/rdf+xml")]);
    assert_eq!(r.content_type(), "application/rdf+xml");
    assert!(count_triples(RdfFormat::RdfXml, &r.body) > 5);
    let r = server.get("/update", &[]);
    assert!(!r.text().contains("SPARQL11Query"));
}

#[test]
fn methods_and_misc_routes() {
    let server = TestServer::with_store(TwinStore::in_memory().unwrap());
    let r = server.request("PUT", "/sparql?query=ASK%7B%7D", &[], b"");
    assert_eq!(r.status, 405);
    assert!(r.header("allow").is_some());
    assert_eq!(server.request("DELETE", "/health", &[], b"").status, 405);
    let r = server.get("/health", &[]);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("ok"));
    let r = server.get("/", &[]);
    assert!(r.content_type().starts_with("text/html"));
    assert!(r.text().contains("/sparql"));
    let r = server.get("/nowhere", &[]);
    assert_eq!(r.status, 404);
    assert!(r.content_type().starts_with("text/plain"));
    // Wrong content types
    assert_eq!(server.post("/sparql", "text/plain", "ASK {}").status, 415);
    assert_eq!(
        server.request("POST", "/sparql", &[], b"ASK {}").status,
        415
    );
    assert_eq!(
        server
            .post(
                "/sparql",
                "application/sparql-query; charset=UTF-16",
                "ASK {}"
            )
            .status,
        415
    );
}

#[test]
fn metrics_endpoint() {
    let server = TestServer::with_store(sample_store(4));
    let _ = server.get(&format!("/sparql?query={}", enc("ASK {}")), &[]);
    let r = server.get("/metrics", &[]);
    assert_eq!(r.status, 200);
    let text = r.text();
    assert!(
        text.contains(
            "twingraph_http_requests_total{route=\"/sparql\",method=\"GET\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("twingraph_http_request_duration_seconds_bucket"),
        "{text}"
    );
    assert!(text.contains("twingraph_store_quads 5"), "{text}");
    assert!(text.contains("twingraph_store_named_graphs 1"), "{text}");
}

#[test]
fn cors_when_enabled() {
    let config = ServerConfig {
        cors: true,
        ..ServerConfig::default()
    };
    let server = TestServer::start(TwinStore::in_memory().unwrap(), config);
    let r = server.get("/health", &[("Origin", "http://example.org")]);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = server.request(
        "OPTIONS",
        "/sparql",
        &[
            ("Origin", "http://example.org"),
            ("Access-Control-Request-Method", "POST"),
        ],
        b"",
    );
    assert!(r.status < 300, "{}", r.status);
}

#[test]
fn serve_binds_and_shuts_down() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        // Port taken: a typed bind error.
        let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let config = ServerConfig {
            bind: taken.local_addr().unwrap(),
            ..ServerConfig::default()
        };
        let err = twingraph_server::serve(TwinStore::in_memory().unwrap(), config, async {})
            .await
            .unwrap_err();
        assert!(
            matches!(err, twingraph_server::ServerError::Bind { .. }),
            "{err}"
        );
        // Immediate shutdown returns Ok.
        let config = ServerConfig {
            bind: "127.0.0.1:0".parse().unwrap(),
            ..ServerConfig::default()
        };
        twingraph_server::serve(TwinStore::in_memory().unwrap(), config, async {})
            .await
            .unwrap();
    });
}

fn ontology_config() -> ServerConfig {
    ServerConfig {
        ontology_dir: Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontology")),
        ..ServerConfig::default()
    }
}

#[test]
fn def_serves_the_ontology_with_content_negotiation() {
    let server = TestServer::start(sample_store(0), ontology_config());
    // The index.
    let r = server.get("/def/", &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.content_type().starts_with("text/html"));
    assert!(r.text().contains("href=\"energy.html\""));
    assert!(r.text().contains("href=\"vocab/epc-band.html\""));
    let r = server.get("/def", &[]);
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/def/"));
    // A module: HTML for browsers, with an anchor per term.
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    let r = server.get("/def/energy", &[("Accept", browser)]);
    assert_eq!(r.status, 200);
    assert!(r.content_type().starts_with("text/html"));
    assert_eq!(r.header("vary"), Some("Accept"));
    assert!(r.text().contains("id=\"EnergyPerformanceCertificate\""));
    // Turtle, and the other RDF syntaxes, parse back to the same number of triples.
    let r = server.get("/def/energy", &[("Accept", "text/turtle")]);
    assert_eq!(r.status, 200);
    assert!(r.content_type().starts_with("text/turtle"));
    let triples = count_triples(RdfFormat::Turtle, &r.body);
    assert!(triples > 50, "{triples}");
    for (accept, format) in [
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
        (
            "application/ld+json",
            RdfFormat::JsonLd {
                profile: twingraph_store::oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let r = server.get("/def/energy", &[("Accept", accept)]);
        assert_eq!(r.status, 200, "{accept}: {}", r.text());
        assert!(r.content_type().starts_with(accept), "{}", r.content_type());
        assert_eq!(count_triples(format, &r.body), triples, "{accept}");
    }
    // Code lists and alignments dereference too; the files of `ontology docs` are there.
    let r = server.get("/def/vocab/epc-band", &[("Accept", "text/turtle")]);
    assert_eq!(r.status, 200);
    assert!(count_triples(RdfFormat::Turtle, &r.body) > 7);
    let r = server.get("/def/alignments/bot", &[]);
    assert_eq!(r.status, 200);
    assert!(r.content_type().starts_with("text/html"));
    let r = server.get("/def/energy.ttl", &[]);
    assert!(r.content_type().starts_with("text/turtle"));
    let r = server.get("/def/vocab/epc-band.html", &[]);
    assert!(r.text().contains("href=\"../index.html\""));
    // Nothing acceptable: 406; unknown module: 404; writes: 405.
    let r = server.get("/def/energy", &[("Accept", "image/png")]);
    assert_eq!(r.status, 406);
    assert!(r.text().contains("text/turtle"));
    let r = server.get("/def/nonsense", &[("Accept", "text/turtle")]);
    assert_eq!(r.status, 404);
    assert!(r.text().contains("nonsense"));
    let r = server.post("/def/energy", "text/turtle", "");
    assert_eq!(r.status, 405);
    // The landing page links to it.
    assert!(server.get("/", &[]).text().contains("href=\"/def/\""));
}

#[test]
fn def_answers_404_without_an_ontology() {
    let server = TestServer::with_store(sample_store(0));
    let r = server.get("/def/energy", &[]);
    assert_eq!(r.status, 404);
    assert!(
        r.text().contains("no ontology is configured"),
        "{}",
        r.text()
    );
    let r = server.get("/def/", &[]);
    assert_eq!(r.status, 404);
}
