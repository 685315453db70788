//! The common ontology in `ontology/` parses and is well formed.
//!
//! Every `.ttl` under `ontology/` (modules, `alignments/`, `vocab/`) must parse as Turtle;
//! every class, property and SKOS concept in the TwinGraph namespace has an English label
//! and an English `skos:definition`; every file has an `owl:Ontology` header with version,
//! licence, title and description; `rdfs:subClassOf` has no cycle within our namespace;
//! and every TwinGraph term used in the ontology or in the bundled TEED example is
//! declared somewhere in `ontology/`. Each check fails with the full list of offenders.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::oxigraph::model::{Term, Triple};

/// Everything under this prefix is ours and must be declared in `ontology/`.
const NS: &str = "https://w3id.org/twingraph/def/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_SUBCLASSOF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
const SKOS_DEFINITION: &str = "http://www.w3.org/2004/02/skos/core#definition";
const SKOS_CONCEPT: &str = "http://www.w3.org/2004/02/skos/core#Concept";
const OWL: &str = "http://www.w3.org/2002/07/owl#";
const DCTERMS: &str = "http://purl.org/dc/terms/";

/// Data files outside `ontology/` whose TwinGraph terms must be declared in the ontology.
const DATA_FILES: &[&str] = &["examples/teed/teed-sample.ttl"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn ttl_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            ttl_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "ttl") {
            out.push(path);
        }
    }
}

/// Parses one Turtle file; a syntax error is reported as `file:line:column: message`.
fn parse(path: &Path) -> Result<Vec<Triple>, String> {
    let rel = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{rel}: {e}"))?;
    let mut triples = Vec::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(&bytes) {
        match quad {
            Ok(q) => triples.push(Triple::new(q.subject, q.predicate, q.object)),
            Err(e) => {
                let at = e
                    .location()
                    .map(|l| format!("{}:{}", l.start.line + 1, l.start.column + 1))
                    .unwrap_or_else(|| "?:?".into());
                return Err(format!("{rel}:{at}: {e}"));
            }
        }
    }
    Ok(triples)
}

struct Corpus {
    /// Ontology files (relative path) with their triples.
    files: Vec<(String, Vec<Triple>)>,
    /// Data files checked for undeclared terms.
    data: Vec<(String, Vec<Triple>)>,
}

fn load() -> Corpus {
    let mut paths = Vec::new();
    ttl_files(&root().join("ontology"), &mut paths);
    assert!(!paths.is_empty(), "no .ttl files under ontology/");
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in &paths {
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        match parse(path) {
            Ok(t) => files.push((rel, t)),
            Err(e) => errors.push(e),
        }
    }
    let mut data = Vec::new();
    for rel in DATA_FILES {
        match parse(&root().join(rel)) {
            Ok(t) => data.push((rel.to_string(), t)),
            Err(e) => errors.push(e),
        }
    }
    assert!(
        errors.is_empty(),
        "{} file(s) do not parse:\n  {}",
        errors.len(),
        errors.join("\n  ")
    );
    Corpus { files, data }
}

fn iri(t: &Term) -> Option<&str> {
    match t {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

fn all_triples(c: &Corpus) -> impl Iterator<Item = &Triple> {
    c.files.iter().flat_map(|(_, t)| t.iter())
}

fn is_en(t: &Term) -> bool {
    matches!(t, Term::Literal(l) if l.language().is_some_and(|lang| lang == "en" || lang.starts_with("en-")))
}

fn fail_with(what: &str, offenders: &BTreeSet<String>) {
    assert!(
        offenders.is_empty(),
        "{} {what}:\n  {}",
        offenders.len(),
        offenders.iter().cloned().collect::<Vec<_>>().join("\n  ")
    );
}

#[test]
fn every_file_parses_and_has_an_ontology_header() {
    let c = load();
    let mut offenders = BTreeSet::new();
    for (file, triples) in &c.files {
        let headers: Vec<&str> = triples
            .iter()
            .filter(|t| {
                t.predicate.as_str() == RDF_TYPE
                    && iri(&t.object) == Some(&format!("{OWL}Ontology"))
            })
            .filter_map(|t| match &t.subject {
                twingraph_store::oxigraph::model::NamedOrBlankNode::NamedNode(n) => {
                    Some(n.as_str())
                }
                _ => None,
            })
            .collect();
        if headers.len() != 1 {
            offenders.insert(format!(
                "{file}: {} owl:Ontology headers, expected 1",
                headers.len()
            ));
            continue;
        }
        let ont = headers[0];
        if !ont.starts_with(NS) {
            offenders.insert(format!("{file}: ontology IRI <{ont}> is outside {NS}"));
        }
        for needed in [
            format!("{OWL}versionInfo"),
            format!("{DCTERMS}license"),
            format!("{DCTERMS}title"),
            format!("{DCTERMS}description"),
        ] {
            if !triples.iter().any(|t| {
                t.subject.to_string() == format!("<{ont}>") && t.predicate.as_str() == needed
            }) {
                offenders.insert(format!("{file}: <{ont}> has no <{needed}>"));
            }
        }
    }
    // Our own owl:imports must resolve to an ontology defined in one of the files.
    let defined: BTreeSet<String> = all_triples(&c)
        .filter(|t| {
            t.predicate.as_str() == RDF_TYPE && iri(&t.object) == Some(&format!("{OWL}Ontology"))
        })
        .map(|t| t.subject.to_string())
        .collect();
    for (file, triples) in &c.files {
        for t in triples {
            if t.predicate.as_str() == format!("{OWL}imports") {
                if let Some(target) = iri(&t.object).filter(|i| i.starts_with(NS)) {
                    if !defined.contains(&format!("<{target}>")) {
                        offenders
                            .insert(format!("{file}: imports <{target}>, which no file defines"));
                    }
                }
            }
        }
    }
    fail_with("ontology header problem(s)", &offenders);
}

#[test]
fn every_term_has_an_english_label_and_definition() {
    let c = load();
    let kinds: Vec<String> = [
        "Class",
        "ObjectProperty",
        "DatatypeProperty",
        "AnnotationProperty",
    ]
    .iter()
    .map(|k| format!("{OWL}{k}"))
    .chain([SKOS_CONCEPT.to_string()])
    .collect();
    let mut terms = BTreeSet::new();
    for t in all_triples(&c) {
        if t.predicate.as_str() == RDF_TYPE
            && iri(&t.object).is_some_and(|o| kinds.iter().any(|k| k == o))
            && t.subject.to_string().starts_with(&format!("<{NS}"))
        {
            terms.insert(t.subject.to_string());
        }
    }
    assert!(
        terms.len() > 50,
        "suspiciously few terms declared: {}",
        terms.len()
    );
    let mut offenders = BTreeSet::new();
    for term in &terms {
        let has = |p: &str| {
            all_triples(&c).any(|t| {
                t.subject.to_string() == *term && t.predicate.as_str() == p && is_en(&t.object)
            })
        };
        if !has(RDFS_LABEL) {
            offenders.insert(format!("{term}: no rdfs:label in English"));
        }
        if !has(SKOS_DEFINITION) {
            offenders.insert(format!("{term}: no skos:definition in English"));
        }
    }
    fail_with("term(s) without label or definition", &offenders);
}

#[test]
fn no_subclass_cycle_in_our_namespace() {
    let c = load();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for t in all_triples(&c) {
        let s = t.subject.to_string();
        if t.predicate.as_str() == RDFS_SUBCLASSOF && s.starts_with(&format!("<{NS}")) {
            if let Some(o) = iri(&t.object).filter(|o| o.starts_with(NS)) {
                edges.entry(s).or_default().insert(format!("<{o}>"));
            }
        }
    }
    // Depth-first search with colours; a grey node reached again closes a cycle.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        colour: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        cycles: &mut BTreeSet<String>,
    ) {
        colour.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match colour.get(m).copied().unwrap_or(0) {
                0 => visit(m, edges, colour, stack, cycles),
                1 => {
                    let from = stack.iter().position(|x| x == m).unwrap();
                    let mut path = stack[from..].to_vec();
                    path.push(m.clone());
                    cycles.insert(path.join(" ⊑ "));
                }
                _ => {}
            }
        }
        stack.pop();
        colour.insert(n.to_string(), 2);
    }
    let mut colour = BTreeMap::new();
    let mut cycles = BTreeSet::new();
    for n in edges.keys() {
        if colour.get(n).copied().unwrap_or(0) == 0 {
            visit(n, &edges, &mut colour, &mut Vec::new(), &mut cycles);
        }
    }
    fail_with("rdfs:subClassOf cycle(s)", &cycles);
}

#[test]
fn every_twingraph_term_used_is_declared() {
    let c = load();
    let mut declared: BTreeSet<String> = BTreeSet::new();
    for t in all_triples(&c) {
        if t.predicate.as_str() == RDF_TYPE {
            declared.insert(t.subject.to_string());
        }
        // A version IRI names a release of a declared ontology.
        if t.predicate.as_str() == format!("{OWL}versionIRI") {
            declared.insert(t.object.to_string());
        }
    }
    let mut offenders = BTreeSet::new();
    for (file, triples) in c.files.iter().chain(c.data.iter()) {
        for t in triples {
            let used = [
                t.subject.to_string(),
                format!("<{}>", t.predicate.as_str()),
                t.object.to_string(),
            ];
            for u in used {
                if u.starts_with(&format!("<{NS}")) && !declared.contains(&u) {
                    offenders.insert(format!("{file}: {u}"));
                }
            }
        }
    }
    fail_with(
        "TwinGraph term(s) used but not declared in ontology/",
        &offenders,
    );
}

#[test]
fn the_library_check_agrees() {
    let ontology = twingraph_vocab::Ontology::load_dir(root().join("ontology"))
        .unwrap_or_else(|e| panic!("{e}"));
    let extra: Vec<PathBuf> = DATA_FILES.iter().map(|f| root().join(f)).collect();
    let report = ontology.check(&extra);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.extra_files, DATA_FILES.len());
    assert!(report.terms > 50, "{}", report.terms);
    let offenders: BTreeSet<String> = report.findings.iter().map(ToString::to_string).collect();
    fail_with("finding(s) of `twingraph ontology check`", &offenders);
}
