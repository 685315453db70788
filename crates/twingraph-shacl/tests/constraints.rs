//! Small unit tests of individual constraint components.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, TripleRef};
use twingraph_shacl::{Shapes, validate};

const PREFIXES: &str = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n\
    @prefix ex: <http://example.org/> .\n\
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\
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

fn run(shapes: &str, data: &str) -> twingraph_shacl::ValidationReport {
    let shapes = Shapes::from_graph(&graph(shapes)).unwrap();
    validate(&shapes, &graph(data))
}

fn components(r: &twingraph_shacl::ValidationReport) -> Vec<String> {
    r.results()
        .iter()
        .map(|r| {
            r.source_constraint_component
                .as_str()
                .trim_start_matches("http://www.w3.org/ns/shacl#")
                .to_string()
        })
        .collect()
}

#[test]
fn min_count_and_datatype() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetClass ex:T ;
        sh:property [ sh:path ex:age ; sh:minCount 1 ; sh:datatype xsd:integer ] .";
    let ok = run(shapes, "ex:a a ex:T ; ex:age 3 .");
    assert!(ok.conforms(), "{}", ok.summary());
    let bad = run(shapes, "ex:a a ex:T ; ex:age \"x\" . ex:b a ex:T .");
    assert!(!bad.conforms());
    let mut c = components(&bad);
    c.sort();
    assert_eq!(
        c,
        ["DatatypeConstraintComponent", "MinCountConstraintComponent"]
    );
}

#[test]
fn class_uses_subclass_closure() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetNode ex:a, ex:b ; sh:class ex:Animal .";
    let r = run(
        shapes,
        "ex:Dog rdfs:subClassOf ex:Animal . ex:a a ex:Dog . ex:b a ex:Rock .",
    );
    assert_eq!(r.results().len(), 1);
    assert_eq!(
        r.results()[0].focus_node,
        NamedNodeRef::new_unchecked("http://example.org/b").into()
    );
}

#[test]
fn pattern_with_flags_and_path_sequence() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetNode ex:a ;
        sh:property [ sh:path ( ex:p ex:q ) ; sh:pattern \"^ab\" ; sh:flags \"i\" ] .";
    let r = run(shapes, "ex:a ex:p ex:x . ex:x ex:q \"ABc\", \"zz\" .");
    assert_eq!(components(&r), ["PatternConstraintComponent"]);
    let report = r.to_graph();
    assert!(report.len() > 8);
    let summary = r.summary();
    assert!(summary.contains("PatternConstraintComponent"), "{summary}");
    assert!(
        summary.contains("focus=<http://example.org/a>"),
        "{summary}"
    );
}

#[test]
fn logical_or_and_closed() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:closed true ;
        sh:ignoredProperties ( ex:ignored ) ;
        sh:or ( [ sh:property [ sh:path ex:p ; sh:minCount 1 ] ]
                [ sh:property [ sh:path ex:q ; sh:minCount 1 ] ] ) ;
        sh:property [ sh:path ex:p ] , [ sh:path ex:q ] .";
    assert!(run(shapes, "ex:a ex:q 1 ; ex:ignored 2 .").conforms());
    let r = run(shapes, "ex:a ex:other 1 .");
    let mut c = components(&r);
    c.sort();
    assert_eq!(c, ["ClosedConstraintComponent", "OrConstraintComponent"]);
}

#[test]
fn less_than_and_unique_lang() {
    let shapes = "ex:S a sh:NodeShape ; sh:targetNode ex:a ;
        sh:property [ sh:path ex:start ; sh:lessThan ex:end ] ;
        sh:property [ sh:path ex:label ; sh:uniqueLang true ] .";
    assert!(
        run(
            shapes,
            "ex:a ex:start 1 ; ex:end 2 ; ex:label \"a\"@en, \"b\"@de ."
        )
        .conforms()
    );
    let r = run(
        shapes,
        "ex:a ex:start 3 ; ex:end 2 ; ex:label \"a\"@en, \"b\"@en .",
    );
    let mut c = components(&r);
    c.sort();
    assert_eq!(
        c,
        [
            "LessThanConstraintComponent",
            "UniqueLangConstraintComponent"
        ]
    );
}

#[test]
fn bad_pattern_is_an_error() {
    let g = graph("ex:S a sh:NodeShape ; sh:pattern \"(\" .");
    assert!(Shapes::from_graph(&g).is_err());
}

#[test]
fn advanced_features_are_reported_as_unsupported() {
    let shapes = Shapes::from_graph(&graph(
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ;
         sh:rule [ a sh:SPARQLRule ; sh:construct \"CONSTRUCT { $this ex:p 1 } WHERE {}\" ] .",
    ))
    .unwrap();
    assert_eq!(shapes.unsupported().len(), 1, "{:?}", shapes.unsupported());
    assert!(shapes.unsupported()[0].contains("sh:rule"));
}
