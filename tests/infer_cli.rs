//! `twingraph rules check` and `twingraph infer` (files and store), exit codes 0/1/2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn twingraph(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twingraph"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("TWINGRAPH_CONFIG")
        .output()
        .expect("run twingraph")
}

fn write(dir: &Path, name: &str, content: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const RULES: &str = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
RULE { ?x rdf:type ?c2 } WHERE { ?x rdf:type ?c1 . ?c1 rdfs:subClassOf ?c2 }
";
const DATA: &str = "@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Breaker rdfs:subClassOf ex:Switch . ex:Switch rdfs:subClassOf ex:Asset .
ex:b1 a ex:Breaker .
";
const TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

#[test]
fn rules_check_accepts_good_sets_and_names_the_rule_and_variable_of_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let good = write(dir.path(), "good.srl", RULES);
    let out = twingraph(&store, &["rules", "check", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("1 rule(s) in 1 stratum"),
        "{}",
        stdout(&out)
    );

    let unbound = write(
        dir.path(),
        "unbound.srl",
        "PREFIX : <http://example.org/>\nRULE { ?x a :Asset } WHERE { ?y a :Breaker }\n",
    );
    let out = twingraph(&store, &["rules", "check", unbound.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("unbound.srl") && err.contains("rule 1") && err.contains("?x"),
        "{err}"
    );

    let syntax = write(dir.path(), "syntax.srl", "RULE { ?x a ?y } WHERE {\n");
    let out = twingraph(&store, &["rules", "check", syntax.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line"), "{}", stderr(&out));
}

#[test]
fn infer_on_files_writes_only_the_derived_triples() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let rules = write(dir.path(), "sub.srl", RULES);
    let data = write(dir.path(), "data.ttl", DATA);
    let out_file = dir.path().join("derived.nt");
    let out = twingraph(
        &store,
        &[
            "infer",
            "--rules",
            rules.to_str().unwrap(),
            data.to_str().unwrap(),
            "--out",
            out_file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("inferred 2 triples from 3 base triples"),
        "{}",
        stderr(&out)
    );
    let mut lines: Vec<String> = std::fs::read_to_string(&out_file)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        vec![
            format!("<http://example.org/b1> <{TYPE}> <http://example.org/Asset> ."),
            format!("<http://example.org/b1> <{TYPE}> <http://example.org/Switch> ."),
        ]
    );
    assert!(!store.exists(), "file mode must not create a store");
}

#[test]
fn explain_shows_the_rule_and_premises_recursively() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let rules = write(dir.path(), "sub.srl", RULES);
    let data = write(dir.path(), "data.ttl", DATA);
    let triple = format!("<http://example.org/b1> <{TYPE}> <http://example.org/Asset>");
    let out = twingraph(
        &store,
        &[
            "infer",
            "--rules",
            rules.to_str().unwrap(),
            data.to_str().unwrap(),
            "--explain",
            &triple,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("{triple} .   <- rule 1")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "  <http://example.org/b1> <{TYPE}> <http://example.org/Switch> .   <- rule 1"
        )),
        "{text}"
    );
    assert!(text.contains("<http://example.org/Breaker> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <http://example.org/Switch> .   (base data)"), "{text}");

    let base = format!("<http://example.org/b1> <{TYPE}> <http://example.org/Breaker>");
    let out = twingraph(
        &store,
        &[
            "infer",
            "--rules",
            rules.to_str().unwrap(),
            data.to_str().unwrap(),
            "--explain",
            &base,
        ],
    );
    assert_eq!(out.status.code(), Some(1), "a base triple is not derived");
}

#[test]
fn infer_into_the_store_rewrites_the_inferred_graph_with_the_strictest_access_level() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let rules = write(dir.path(), "sub.srl", RULES);
    let open = write(
        dir.path(),
        "classes.ttl",
        "@prefix ex: <http://example.org/> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\nex:Breaker rdfs:subClassOf ex:Switch .\n",
    );
    let restricted = write(
        dir.path(),
        "assets.ttl",
        "@prefix ex: <http://example.org/> .\nex:b1 a ex:Breaker .\n",
    );
    for (file, access) in [(&open, "open"), (&restricted, "restricted")] {
        let out = twingraph(
            &store,
            &[
                "load",
                "--licence",
                "ogl-3",
                "--access",
                access,
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    for _ in 0..2 {
        let out = twingraph(&store, &["infer", "--rules", rules.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("into graph <urn:twingraph:inferred:sub>"),
            "{}",
            stderr(&out)
        );
    }
    let query = |q: &str| {
        let out = twingraph(&store, &["query", q, "--format", "tsv"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    // Running twice leaves one copy of the derived triple and one description of the graph.
    assert_eq!(
        query("SELECT ?s ?o WHERE { GRAPH <urn:twingraph:inferred:sub> { ?s ?p ?o } }"),
        vec!["<http://example.org/b1>\t<http://example.org/Switch>"]
    );
    assert_eq!(
        query(
            "SELECT ?level WHERE { GRAPH <urn:twingraph:graph:meta> { <urn:twingraph:inferred:sub> <https://w3id.org/twingraph/def/governance#accessLevel> ?level } }"
        ),
        vec!["<https://w3id.org/twingraph/def/vocab/access-level#Restricted>"]
    );
    // The inputs' common licence is carried, and the inputs are recorded.
    assert_eq!(
        query(
            "SELECT ?l WHERE { GRAPH <urn:twingraph:graph:meta> { <urn:twingraph:inferred:sub> <http://purl.org/dc/terms/license> ?l } }"
        ),
        vec!["<http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/>"]
    );
    assert_eq!(
        query(
            "SELECT ?g WHERE { GRAPH <urn:twingraph:graph:meta> { <urn:twingraph:inferred:sub> <http://www.w3.org/ns/prov#wasDerivedFrom> ?g } } ORDER BY ?g"
        ),
        vec![
            "<urn:twingraph:graph:assets.ttl>",
            "<urn:twingraph:graph:classes.ttl>"
        ]
    );
    // Base graphs are not modified.
    assert_eq!(
        query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:twingraph:graph:assets.ttl> { ?s ?p ?o } }"
        ),
        vec!["1"]
    );
}
