//! Runs the W3C SHACL Core test suite (data-shapes-test-suite/tests/core).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::graph::CanonicalizationAlgorithm;
use oxigraph::model::{
    BlankNode, Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TripleRef,
};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const SHT: &str = "http://www.w3.org/ns/shacl-test#";
const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

fn iri(ns: &str, local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{ns}{local}"))
}

fn subject(t: &Term) -> Option<NamedOrBlankNode> {
    match t {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

fn objects(g: &Graph, s: &Term, p: &NamedNode) -> Vec<Term> {
    match subject(s) {
        Some(s) => g
            .objects_for_subject_predicate(&s, p)
            .map(|o| o.into_owned())
            .collect(),
        None => Vec::new(),
    }
}

fn object(g: &Graph, s: &Term, p: &NamedNode) -> Option<Term> {
    objects(g, s, p).into_iter().next()
}

fn list(g: &Graph, head: &Term) -> Vec<Term> {
    let mut out = Vec::new();
    let mut cur = head.clone();
    let nil = Term::from(iri(RDF, "nil"));
    while cur != nil {
        let Some(f) = object(g, &cur, &iri(RDF, "first")) else {
            break;
        };
        out.push(f);
        match object(g, &cur, &iri(RDF, "rest")) {
            Some(r) => cur = r,
            None => break,
        }
    }
    out
}

fn file_iri(p: &Path) -> String {
    format!("file://{}", p.display())
}

fn iri_path(t: &Term) -> Option<PathBuf> {
    match t {
        Term::NamedNode(n) => n.as_str().strip_prefix("file://").map(PathBuf::from),
        _ => None,
    }
}

fn parse(path: &Path) -> Graph {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut g = Graph::new();
    let parser = RdfParser::from_format(RdfFormat::Turtle)
        .with_base_iri(file_iri(path))
        .unwrap();
    for q in parser.for_slice(&bytes) {
        let q = q.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        g.insert(TripleRef::new(&q.subject, &q.predicate, &q.object));
    }
    g
}

/// Copies `t` and, for blank nodes, everything reachable from it.
fn deep_copy(src: &Graph, t: &Term, dst: &mut Graph, depth: usize) {
    if depth > 32 {
        return;
    }
    if let Term::BlankNode(b) = t {
        let triples: Vec<_> = src.triples_for_subject(b).map(|t| t.into_owned()).collect();
        for tr in triples {
            dst.insert(&tr);
            deep_copy(src, &tr.object, dst, depth + 1);
        }
    }
}

/// The comparable core of a report: conforms + result keys.
fn normalize(g: &Graph, report: &Term) -> Graph {
    let mut out = Graph::new();
    let root = NamedNode::new_unchecked("urn:report");
    for c in objects(g, report, &iri(SH, "conforms")) {
        let v = match &c {
            Term::Literal(l) => l.value() == "true",
            _ => false,
        };
        let lit = oxigraph::model::Literal::from(v);
        out.insert(TripleRef::new(&root, &iri(SH, "conforms"), &lit));
    }
    for r in objects(g, report, &iri(SH, "result")) {
        let node = BlankNode::default();
        out.insert(TripleRef::new(&root, &iri(SH, "result"), &node));
        for p in [
            "focusNode",
            "value",
            "sourceShape",
            "sourceConstraintComponent",
            "resultSeverity",
        ] {
            for o in objects(g, &r, &iri(SH, p)) {
                out.insert(TripleRef::new(&node, &iri(SH, p), &o));
            }
        }
        for o in objects(g, &r, &iri(SH, "resultPath")) {
            out.insert(TripleRef::new(&node, &iri(SH, "resultPath"), &o));
            deep_copy(g, &o, &mut out, 0);
        }
    }
    out.canonicalize(CanonicalizationAlgorithm::Unstable);
    out
}

enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

fn run_test(manifest: &Graph, entry: &Term, cache: &mut HashMap<PathBuf, Graph>) -> Outcome {
    let types = objects(manifest, entry, &iri(RDF, "type"));
    if !types.contains(&iri(SHT, "Validate").into()) {
        return Outcome::Skip("not an sht:Validate test".into());
    }
    let Some(action) = object(manifest, entry, &iri(MF, "action")) else {
        return Outcome::Skip("no mf:action".into());
    };
    let (Some(data), Some(shapes)) = (
        object(manifest, &action, &iri(SHT, "dataGraph")).and_then(|t| iri_path(&t)),
        object(manifest, &action, &iri(SHT, "shapesGraph")).and_then(|t| iri_path(&t)),
    ) else {
        return Outcome::Skip("unresolvable graphs".into());
    };
    for p in [&data, &shapes] {
        if !cache.contains_key(p) {
            let g = parse(p);
            cache.insert(p.clone(), g);
        }
    }
    let shapes_g = &cache[&shapes];
    let data_g = &cache[&data];
    let Some(expected) = object(manifest, entry, &iri(MF, "result")) else {
        return Outcome::Skip("no mf:result".into());
    };
    let shapes = match twingraph_shacl::Shapes::from_graph(shapes_g) {
        Ok(s) => s,
        Err(e) => return Outcome::Fail(format!("shapes error: {e}")),
    };
    let report = twingraph_shacl::validate(&shapes, data_g);
    let actual_g = report.to_graph();
    let report_type: NamedNodeRef<'_> =
        NamedNodeRef::new_unchecked("http://www.w3.org/ns/shacl#ValidationReport");
    let Some(actual_root) = actual_g
        .subjects_for_predicate_object(&iri(RDF, "type"), report_type)
        .next()
        .map(|s| Term::from(s.into_owned()))
    else {
        return Outcome::Fail("no report node".into());
    };
    let exp = normalize(manifest, &expected);
    let act = normalize(&actual_g, &actual_root);
    if exp == act {
        Outcome::Pass
    } else {
        Outcome::Fail(format!(
            "expected {} results, got {}",
            objects(manifest, &expected, &iri(SH, "result")).len(),
            report.results().len()
        ))
    }
}

fn walk(
    path: &Path,
    sparql: bool,
    out: &mut Vec<(String, Outcome)>,
    cache: &mut HashMap<PathBuf, Graph>,
    root: &Path,
) {
    let g = parse(path);
    let me = Term::from(NamedNode::new_unchecked(file_iri(path)));
    for inc in objects(&g, &me, &iri(MF, "include")) {
        if let Some(p) = iri_path(&inc) {
            walk(
                &p,
                sparql || p.to_string_lossy().contains("/sparql/"),
                out,
                cache,
                root,
            );
        }
    }
    for entries in objects(&g, &me, &iri(MF, "entries")) {
        for entry in list(&g, &entries) {
            let name = match &entry {
                Term::NamedNode(n) => n
                    .as_str()
                    .strip_prefix(&file_iri(root))
                    .unwrap_or(n.as_str())
                    .trim_start_matches('/')
                    .to_string(),
                other => other.to_string(),
            };
            let outcome = if sparql {
                Outcome::Skip("SHACL-SPARQL is out of scope".into())
            } else {
                run_test(&g, &entry, cache)
            };
            out.push((name, outcome));
        }
    }
}

#[test]
fn w3c_shacl_core() {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tests =
        manifest_dir.join("../../../shared/data/conformance/shacl/data-shapes-test-suite/tests");
    let Ok(tests) = tests.canonicalize() else {
        println!("shacl-core: SKIPPED (test suite not found)");
        return;
    };
    let mut results = Vec::new();
    let mut cache = HashMap::new();
    walk(
        &tests.join("manifest.ttl"),
        false,
        &mut results,
        &mut cache,
        &tests,
    );
    let (mut passed, mut failed, mut skipped) = (BTreeSet::new(), Vec::new(), Vec::new());
    for (name, o) in &results {
        match o {
            Outcome::Pass => {
                passed.insert(name.clone());
            }
            Outcome::Fail(why) => failed.push(format!("{name}: {why}")),
            Outcome::Skip(why) => skipped.push(format!("{name}: {why}")),
        }
    }
    println!(
        "shacl-core: {} passed, {} failed, {} skipped",
        passed.len(),
        failed.len(),
        skipped.len()
    );
    for f in &failed {
        println!("FAILED {f}");
    }
    let mut reasons: HashMap<&str, usize> = HashMap::new();
    for s in &skipped {
        *reasons
            .entry(s.split_once(": ").map_or("", |x| x.1))
            .or_default() += 1;
    }
    for (why, n) in reasons {
        println!("SKIPPED {n}: {why}");
    }
    let expected_file = manifest_dir.join("tests/w3c_shacl_expected_pass.txt");
    if std::env::var("TWINGRAPH_UPDATE_EXPECTED").as_deref() == Ok("1") {
        let body: String = passed.iter().map(|n| format!("{n}\n")).collect();
        std::fs::write(&expected_file, body).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
    let regressions: Vec<&str> = expected
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !passed.contains(*l))
        .collect();
    assert!(
        regressions.is_empty(),
        "tests in the expected-pass list no longer pass: {regressions:?}"
    );
}
