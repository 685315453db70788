//! SHACL-SPARQL beyond the W3C suite: blank-node pre-binding, `$PATH` with complex paths,
//! SPARQL-based targets, message templates and `?failure`.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, Term, TripleRef};
use twingraph_shacl::{Shapes, ValidationReport, try_validate, validate};

const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
    @prefix ex: <http://example.org/> .\n\
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";

fn graph(ttl: &str) -> Graph {
    let text = format!("{PREFIXES}{ttl}");
    let mut g = Graph::new();
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        let q = q.unwrap();
        g.insert(TripleRef::new(&q.subject, &q.predicate, &q.object));
    }
    g
}

fn run(shapes: &str, data: &str) -> ValidationReport {
    let shapes = Shapes::from_graph(&graph(shapes)).unwrap();
    assert!(
        shapes.unsupported().is_empty(),
        "{:?}",
        shapes.unsupported()
    );
    try_validate(&shapes, &graph(data)).unwrap()
}

fn text(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_string(),
        other => other.to_string(),
    }
}

#[test]
fn blank_node_focus_nodes_are_pre_bound() {
    let shapes = r#"ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:sparql [ sh:message "too big: {?value}" ; sh:select """
            PREFIX ex: <http://example.org/>
            SELECT $this ?value WHERE { $this ex:p ?value . FILTER (?value > 1) }""" ] ."#;
    let r = run(
        shapes,
        "[] a ex:T ; ex:p 5 . ex:a a ex:T ; ex:p 0 . ex:b ex:p 7 .",
    );
    assert_eq!(r.results().len(), 1, "{}", r.summary());
    let res = &r.results()[0];
    assert!(matches!(res.focus_node, Term::BlankNode(_)));
    assert_eq!(text(&res.messages[0]), "too big: 5");
    assert!(res.source_constraint.is_some());
    assert!(
        res.source_constraint_component
            .as_str()
            .ends_with("SPARQLConstraintComponent")
    );
}

#[test]
fn path_is_substituted_as_a_sparql_property_path() {
    let shapes = r#"ex:S a sh:NodeShape ; sh:targetNode ex:a ;
        sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ;
            sh:sparql [ sh:select """
                SELECT $this ?value WHERE { $this $PATH ?value . FILTER (isIRI(?value)) }""" ] ] ."#;
    let r = run(shapes, "ex:a ex:p ex:x . ex:y ex:q ex:x . _:b ex:q ex:x .");
    assert_eq!(r.results().len(), 1, "{}", r.summary());
    assert_eq!(
        text(&r.results()[0].value.clone().unwrap()),
        "<http://example.org/y>"
    );
    assert_eq!(
        r.results()[0].result_path.as_ref().unwrap().to_sparql(),
        "(<http://example.org/p>/^(<http://example.org/q>))"
    );
}

#[test]
fn sparql_targets_select_focus_nodes() {
    let shapes = r#"ex:S a sh:NodeShape ;
        sh:target [ a sh:SPARQLTarget ; sh:prefixes ex:decl ; sh:select """
            SELECT ?this WHERE { ?this ex:flag true }""" ] ;
        sh:property [ sh:path ex:name ; sh:minCount 1 ] .
        ex:decl sh:declare [ sh:prefix "ex" ; sh:namespace "http://example.org/"^^xsd:anyURI ] ."#;
    let r = run(
        shapes,
        "ex:a ex:flag true . ex:b ex:flag false . ex:c ex:flag true ; ex:name \"c\" .",
    );
    assert_eq!(r.results().len(), 1, "{}", r.summary());
    assert_eq!(text(&r.results()[0].focus_node), "<http://example.org/a>");
}

#[test]
fn ask_validators_pre_bind_blank_value_nodes_and_parameters() {
    let shapes = r#"ex:NoKind a sh:ConstraintComponent ;
            sh:parameter [ sh:path ex:forbiddenKind ] ;
            sh:validator [ a sh:SPARQLAskValidator ; sh:message "{$value} has kind {$forbiddenKind}" ;
                sh:ask "ASK { FILTER NOT EXISTS { $value <http://example.org/kind> $forbiddenKind } }" ] .
        ex:S a sh:NodeShape ; sh:targetNode ex:a ;
            sh:property [ sh:path ex:child ; ex:forbiddenKind ex:bad ] ."#;
    let r = run(
        shapes,
        "ex:a ex:child [ ex:kind ex:bad ], [ ex:kind ex:good ], ex:c . ex:c ex:kind ex:bad .",
    );
    assert_eq!(r.results().len(), 2, "{}", r.summary());
    assert_eq!(
        r.results()
            .iter()
            .filter(|x| matches!(x.value, Some(Term::BlankNode(_))))
            .count(),
        1
    );
    assert!(
        r.results()
            .iter()
            .all(|x| x.source_constraint_component.as_str() == "http://example.org/NoKind")
    );
    assert!(text(&r.results()[0].messages[0]).contains("has kind http://example.org/bad"));
}

#[test]
fn failure_variable_reports_a_failure() {
    let shapes_ttl = r#"ex:S a sh:NodeShape ; sh:targetNode ex:a ;
        sh:sparql [ sh:select "SELECT $this (true AS ?failure) WHERE { }" ] ."#;
    let shapes = Shapes::from_graph(&graph(shapes_ttl)).unwrap();
    let data = graph("ex:a ex:p 1 .");
    assert!(try_validate(&shapes, &data).is_err());
    let report = validate(&shapes, &data);
    assert!(report.failure().is_some());
    assert!(!report.conforms());
}

#[test]
fn forbidden_constructs_are_errors_when_reading_shapes() {
    for (query, what) in [
        (
            "SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 1 } }",
            "MINUS",
        ),
        ("SELECT $this WHERE { BIND (1 AS $this) }", "AS ?this"),
        (
            "SELECT $this WHERE { { SELECT ?o WHERE { ?s ?p ?o } } }",
            "nested SELECT",
        ),
    ] {
        let ttl = format!(
            "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql [ sh:select \"{query}\" ] ."
        );
        let err = Shapes::from_graph(&graph(&ttl)).unwrap_err().to_string();
        assert!(err.contains(what), "{err}");
    }
}
