//! Runs the W3C SHACL test suite (data-shapes-test-suite/tests: SHACL Core and SHACL-SPARQL),
//! prints per-test outcomes and totals, guards against regressions, and checks (or, with
//! `TWINGRAPH_WRITE_EARL=1`, writes) the EARL report `tests/conformance/shacl-earl.ttl`.

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
            "sourceConstraint",
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
    let expects_failure = expected == Term::from(iri(SHT, "Failure"));
    let report = match twingraph_shacl::Shapes::from_graph(shapes_g)
        .and_then(|shapes| twingraph_shacl::try_validate(&shapes, data_g))
    {
        Ok(_) if expects_failure => {
            return Outcome::Fail("expected a failure, validation succeeded".into());
        }
        Ok(r) => r,
        Err(e) if expects_failure => {
            println!("  expected failure: {e}");
            return Outcome::Pass;
        }
        Err(e) => return Outcome::Fail(format!("failure: {e}")),
    };
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
    out: &mut Vec<(String, Outcome)>,
    cache: &mut HashMap<PathBuf, Graph>,
    root: &Path,
) {
    let g = parse(path);
    let me = Term::from(NamedNode::new_unchecked(file_iri(path)));
    for inc in objects(&g, &me, &iri(MF, "include")) {
        if let Some(p) = iri_path(&inc) {
            walk(&p, out, cache, root);
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
            let outcome = run_test(&g, &entry, cache);
            out.push((name, outcome));
        }
    }
}

/// The EARL report, committed as `tests/conformance/shacl-earl.ttl` at the workspace root.
const EARL_FILE: &str = "../../tests/conformance/shacl-earl.ttl";
/// The conventional IRI base of the SHACL test suite's tests in EARL reports.
const TEST_BASE: &str = "urn:x-shacl-test:/";
const PROJECT: &str = "https://github.com/twingraph/twingraph";
/// Test files of the suite that no manifest includes (so 98 + 23 = 121 tests are run).
const EXTRA_TESTS: [&str; 1] = ["sparql/component/nodeValidator-001.ttl"];

fn earl(results: &[(String, Outcome)]) -> String {
    let mut s = String::from(
        "# EARL 1.0 report of TwinGraph (twingraph-shacl) on the W3C SHACL test suite.\n\
         # Written by `TWINGRAPH_WRITE_EARL=1 cargo test --release -p twingraph-shacl --test w3c_shacl`;\n\
         # the w3c_shacl test fails when it no longer matches a run.\n\
         @prefix earl: <http://www.w3.org/ns/earl#> .\n\
         @prefix doap: <http://usefulinc.com/ns/doap#> .\n\
         @prefix foaf: <http://xmlns.com/foaf/0.1/> .\n\n",
    );
    s.push_str(&format!(
        "<{PROJECT}> a doap:Project, earl:TestSubject, earl:Software ;\n\
         \tdoap:name \"TwinGraph\" ;\n\
         \tdoap:description \"Knowledge-graph engine for city digital twins; SHACL Core and SHACL-SPARQL validation in the twingraph-shacl crate\" ;\n\
         \tdoap:programming-language \"Rust\" ;\n\
         \tdoap:release [ doap:revision \"{}\" ] .\n\n",
        env!("CARGO_PKG_VERSION")
    ));
    let mut sorted: Vec<&(String, Outcome)> = results.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (name, outcome) in sorted {
        let o = match outcome {
            Outcome::Pass => "earl:passed",
            Outcome::Fail(_) => "earl:failed",
            Outcome::Skip(_) => "earl:untested",
        };
        s.push_str(&format!(
            "[] a earl:Assertion ;\n\
             \tearl:assertedBy <{PROJECT}> ;\n\
             \tearl:subject <{PROJECT}> ;\n\
             \tearl:test <{TEST_BASE}{name}> ;\n\
             \tearl:mode earl:automatic ;\n\
             \tearl:result [ a earl:TestResult ; earl:outcome {o} ] .\n\n"
        ));
    }
    s
}

/// The outcome (local name) of every test in an EARL report.
fn earl_outcomes(text: &str) -> HashMap<String, String> {
    let mut g = Graph::new();
    for t in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        let t = t.expect("the EARL report is valid Turtle");
        g.insert(TripleRef::new(&t.subject, &t.predicate, &t.object));
    }
    let earl = |l: &str| NamedNode::new_unchecked(format!("http://www.w3.org/ns/earl#{l}"));
    let mut out = HashMap::new();
    for a in g.subjects_for_predicate_object(&iri(RDF, "type"), &earl("Assertion")) {
        let a = Term::from(a.into_owned());
        let (Some(Term::NamedNode(test)), Some(result)) = (
            object(&g, &a, &earl("test")),
            object(&g, &a, &earl("result")),
        ) else {
            continue;
        };
        if let Some(Term::NamedNode(o)) = object(&g, &result, &earl("outcome")) {
            let name = test.as_str().trim_start_matches(TEST_BASE).to_string();
            let outcome = o.as_str().rsplit('#').next().unwrap_or("").to_string();
            out.insert(name, outcome);
        }
    }
    out
}

#[test]
fn w3c_shacl() {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tests =
        manifest_dir.join("../../../shared/data/conformance/shacl/data-shapes-test-suite/tests");
    let Ok(tests) = tests.canonicalize() else {
        println!("shacl-core: SKIPPED (test suite not found)");
        println!("shacl-sparql: SKIPPED (test suite not found)");
        return;
    };
    let mut results = Vec::new();
    let mut cache = HashMap::new();
    walk(
        &tests.join("manifest.ttl"),
        &mut results,
        &mut cache,
        &tests,
    );
    for extra in EXTRA_TESTS {
        println!(
            "note: also running {extra} (status proposed; not included by the suite's manifests)"
        );
        walk(&tests.join(extra), &mut results, &mut cache, &tests);
    }
    let (mut passed, mut failed, mut skipped) = (BTreeSet::new(), Vec::new(), Vec::new());
    for (name, o) in &results {
        match o {
            Outcome::Pass => {
                println!("PASS {name}");
                passed.insert(name.clone());
            }
            Outcome::Fail(why) => failed.push(format!("{name}: {why}")),
            Outcome::Skip(why) => skipped.push(format!("{name}: {why}")),
        }
    }
    let mut totals = (0, 0, 0);
    for section in ["core", "sparql"] {
        let prefix = format!("{section}/");
        let count = |v: &Vec<String>| v.iter().filter(|n| n.starts_with(&prefix)).count();
        let p = passed.iter().filter(|n| n.starts_with(&prefix)).count();
        let (f, s) = (count(&failed), count(&skipped));
        println!("shacl-{section}: {p} passed, {f} failed, {s} skipped");
        totals = (totals.0 + p, totals.1 + f, totals.2 + s);
    }
    println!(
        "shacl-total: {} passed, {} failed, {} skipped (of {} tests)",
        totals.0,
        totals.1,
        totals.2,
        results.len()
    );
    assert_eq!(
        totals.0 + totals.1 + totals.2,
        results.len(),
        "every test belongs to the core or sparql section"
    );
    for f in &failed {
        println!("shacl-FAILED {f}");
    }
    let mut reasons: HashMap<&str, usize> = HashMap::new();
    for s in &skipped {
        *reasons
            .entry(s.split_once(": ").map_or("", |x| x.1))
            .or_default() += 1;
    }
    for (why, n) in reasons {
        println!("  SKIPPED {n}: {why}");
    }
    let earl_path = manifest_dir.join(EARL_FILE);
    if std::env::var("TWINGRAPH_WRITE_EARL").as_deref() == Ok("1") {
        std::fs::write(&earl_path, earl(&results)).unwrap();
    }
    // The committed EARL report must match this run, test by test.
    let committed = std::fs::read_to_string(&earl_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (write it with TWINGRAPH_WRITE_EARL=1)",
            earl_path.display()
        )
    });
    let committed = earl_outcomes(&committed);
    let run: HashMap<String, String> = earl_outcomes(&earl(&results));
    let committed_passed = committed.values().filter(|o| *o == "passed").count();
    assert_eq!(
        (committed_passed, committed.len()),
        (passed.len(), results.len()),
        "{} is stale (passed, tests); rewrite it with TWINGRAPH_WRITE_EARL=1",
        earl_path.display()
    );
    assert_eq!(committed, run, "{} is stale", earl_path.display());
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
