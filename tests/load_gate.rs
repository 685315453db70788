//! `twingraph load` with licence, access level and `--shapes`: conforming data goes live,
//! data with violations goes to quarantine with its report, and nothing live is touched.

mod common;

use common::twingraph;
use std::path::{Path, PathBuf};
use std::process::Output;

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a SELECT and returns the TSV rows without the header.
fn rows(store: &Path, query: &str) -> Vec<String> {
    let out = twingraph(store, &["query", query, "--format", "tsv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

const SHAPES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:DwellingShape a sh:NodeShape ; sh:targetClass ex:Dwelling ;
  sh:property [ sh:path ex:uprn ; sh:minCount 1 ; sh:maxCount 1 ;
                sh:pattern \"^[0-9]{1,12}$\" ; sh:message \"UPRN must be 1-12 digits\" ] .
";
const GOOD: &str = "@prefix ex: <http://example.org/> .
ex:d1 a ex:Dwelling ; ex:uprn \"100070123456\" .
";
const BAD: &str = "@prefix ex: <http://example.org/> .
ex:d1 a ex:Dwelling ; ex:uprn \"100070123456\" .

ex:d2 a ex:Dwelling ;
   ex:uprn \"UPRN-12\" .
<http://example.org/d3> a ex:Dwelling .
";
const LICENCE_AND_ACCESS: &str =
    "SELECT ?g ?licence ?access WHERE { GRAPH <urn:twingraph:graph:meta> {
    ?g a <https://w3id.org/twingraph/def/governance#SourceGraph> ;
       <http://purl.org/dc/terms/license> ?licence ;
       <https://w3id.org/twingraph/def/governance#accessLevel> ?access } } ORDER BY ?g";

#[test]
fn conforming_data_goes_live_with_licence_and_access_level() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let shapes = write(dir.path(), "shapes.ttl", SHAPES);
    let good = write(dir.path(), "good.ttl", GOOD);
    let out = twingraph(
        &store,
        &[
            "load",
            "--shapes",
            shapes.to_str().unwrap(),
            "--licence",
            "ogl-3",
            "--access",
            "open",
            good.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 violation(s)"), "{}", stderr(&out));
    assert_eq!(
        rows(&store, LICENCE_AND_ACCESS),
        vec![
            "<urn:twingraph:graph:good.ttl>\t<http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>\t<https://w3id.org/twingraph/def/vocab/access-level#Open>"
        ]
    );
}

#[test]
fn violations_send_the_load_to_quarantine_with_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let shapes = write(dir.path(), "shapes.ttl", SHAPES);
    let bad = write(dir.path(), "bad.ttl", BAD);
    let report = dir.path().join("report.ttl");
    let out = twingraph(
        &store,
        &[
            "load",
            "--shapes",
            shapes.to_str().unwrap(),
            "--report",
            report.to_str().unwrap(),
            "--access",
            "restricted",
            bad.to_str().unwrap(),
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("2 violation(s)"), "{err}");
    // The offending records are located in the source, prefixed or full IRI.
    assert!(
        err.contains("bad.ttl:4: Violation <http://example.org/d2>"),
        "{err}"
    );
    assert!(
        err.contains("bad.ttl:6: Violation <http://example.org/d3>"),
        "{err}"
    );
    assert!(err.contains("QUARANTINED"), "{err}");
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("sh:ValidationReport")
    );

    // Nothing reached the live graph; all five triples are in quarantine.
    let graphs = rows(
        &store,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
         FILTER(?g != <urn:twingraph:graph:meta> && !STRSTARTS(STR(?g), \"urn:twingraph:report:\")) } GROUP BY ?g",
    );
    assert_eq!(
        graphs,
        vec!["<urn:twingraph:quarantine:urn:twingraph:graph:bad.ttl>\t5"]
    );
    // The report is stored, linked to the load, with one result per violation.
    let results = rows(
        &store,
        "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT ?focus WHERE { GRAPH ?r {
            ?r <http://www.w3.org/ns/prov#wasGeneratedBy> ?load .
            ?report a sh:ValidationReport ; sh:conforms false ; sh:result/sh:focusNode ?focus } } ORDER BY ?focus",
    );
    assert_eq!(
        results,
        vec!["<http://example.org/d2>", "<http://example.org/d3>"]
    );

    // Promoting the reviewed graph is one SPARQL update.
    let out = twingraph(
        &store,
        &[
            "update",
            "MOVE GRAPH <urn:twingraph:quarantine:urn:twingraph:graph:bad.ttl> TO <urn:twingraph:graph:bad.ttl>",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        rows(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:twingraph:graph:bad.ttl> { ?s ?p ?o } }"
        ),
        vec!["5"]
    );
}

#[test]
fn unknown_licence_or_access_level_is_bad_input_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let good = write(dir.path(), "good.ttl", GOOD);
    for args in [["--licence", "no-such-licence"], ["--access", "secret"]] {
        let out = twingraph(&store, &["load", args[0], args[1], good.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains(args[1]), "{}", stderr(&out));
    }
    assert!(rows(&store, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }").is_empty());
}

#[test]
fn config_file_gives_default_licence_access_and_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let shapes = write(dir.path(), "shapes.ttl", SHAPES);
    let bad = write(dir.path(), "bad.ttl", BAD);
    let config = write(
        dir.path(),
        "twingraph.toml",
        &format!(
            "[load]\nlicence = \"https://example.org/licence\"\naccess = \"closed\"\nshapes = [{:?}]\n",
            shapes.to_str().unwrap()
        ),
    );
    let out = twingraph(
        &store,
        &[
            "--config",
            config.to_str().unwrap(),
            "load",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        rows(&store, LICENCE_AND_ACCESS),
        vec![
            "<urn:twingraph:quarantine:urn:twingraph:graph:bad.ttl>\t<https://example.org/licence>\t<https://w3id.org/twingraph/def/vocab/access-level#Closed>"
        ]
    );
}
