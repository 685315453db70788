//! What the W3C HTTP test runners (`w3c_protocol`, `w3c_graph_store`) share: reading a
//! Turtle manifest, walking it, and the committed expected-failures lists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use twingraph_store::oxigraph::io::{RdfFormat, RdfParser};
use twingraph_store::oxigraph::model::vocab::rdf;
use twingraph_store::oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple,
};

/// The test-manifest vocabulary.
pub const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
/// The RDF vocabulary.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// A parsed manifest graph.
pub struct Manifest {
    /// The manifest's triples.
    pub graph: Graph,
}

impl Manifest {
    /// Reads a Turtle manifest; returns it with its `mf:entries` in order.
    pub fn load(path: &Path) -> Result<(Self, Vec<Term>), String> {
        let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let base = format!(
            "file://{}",
            std::fs::canonicalize(path)
                .map_err(|e| e.to_string())?
                .display()
        );
        let graph: Graph = RdfParser::from_format(RdfFormat::Turtle)
            .with_base_iri(base.clone())
            .map_err(|e| e.to_string())?
            .for_reader(file)
            .map(|q| q.map(Triple::from).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        let m = Self { graph };
        let root = Term::NamedNode(NamedNode::new(base).map_err(|e| e.to_string())?);
        let entries = m.list(m.object(&root, MF, "entries").ok_or("no mf:entries")?);
        Ok((m, entries))
    }

    /// Objects of `s` for the predicate `ns` + `local`.
    pub fn objects(&self, s: &Term, ns: &str, local: &str) -> Vec<Term> {
        let subject: NamedOrBlankNode = match s {
            Term::NamedNode(n) => n.clone().into(),
            Term::BlankNode(b) => b.clone().into(),
            _ => return Vec::new(),
        };
        let p = format!("{ns}{local}");
        self.graph
            .objects_for_subject_predicate(&subject, NamedNodeRef::new_unchecked(&p))
            .map(|t| t.into_owned())
            .collect()
    }

    /// The first object of `s` for the predicate `ns` + `local`.
    pub fn object(&self, s: &Term, ns: &str, local: &str) -> Option<Term> {
        self.objects(s, ns, local).into_iter().next()
    }

    /// That object as a string (literal value or IRI).
    pub fn string(&self, s: &Term, ns: &str, local: &str) -> Option<String> {
        match self.object(s, ns, local)? {
            Term::Literal(l) => Some(l.value().to_owned()),
            Term::NamedNode(n) => Some(n.as_str().to_owned()),
            _ => None,
        }
    }

    /// The members of an RDF list.
    pub fn list(&self, mut node: Term) -> Vec<Term> {
        let mut out = Vec::new();
        while node != Term::NamedNode(rdf::NIL.into_owned()) {
            let Some(first) = self.object(&node, RDF, "first") else {
                break;
            };
            out.push(first);
            match self.object(&node, RDF, "rest") {
                Some(rest) => node = rest,
                None => break,
            }
        }
        out
    }
}

/// The shared data folder beside the repository (`../shared/data`).
pub fn shared_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// Reads `tests/<file>`: one test name a line, `# reason` after it.
pub fn expected_failures(file: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(file);
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once('#') {
            Some((name, reason)) => (name.trim().to_owned(), reason.trim().to_owned()),
            None => (l.to_owned(), String::new()),
        })
        .collect()
}

/// Counts of a runner and the failures not on its expected-failures list.
#[derive(Default)]
pub struct Tally {
    /// Tests that passed.
    pub passed: usize,
    /// Tests that failed.
    pub failed: usize,
    /// Names of failed tests that are not expected to fail.
    pub unexpected: Vec<String>,
}

impl Tally {
    /// Records and prints the outcome of the test `test`, given the expected failures.
    pub fn record(
        &mut self,
        test: &Term,
        result: Result<(), String>,
        allowed: &BTreeMap<String, String>,
    ) {
        let name = match test {
            Term::NamedNode(n) => n
                .as_str()
                .rsplit('#')
                .next()
                .unwrap_or(n.as_str())
                .to_owned(),
            other => other.to_string(),
        };
        match result {
            Ok(()) => {
                self.passed += 1;
                if allowed.contains_key(&name) {
                    println!("PASS {name} (listed as expected failure: remove it from the list)");
                } else {
                    println!("PASS {name}");
                }
            }
            Err(e) => {
                self.failed += 1;
                match allowed.get(&name) {
                    Some(reason) => println!("FAIL {name} (expected: {reason}): {e}"),
                    None => {
                        println!("FAIL {name}: {e}");
                        self.unexpected.push(name);
                    }
                }
            }
        }
    }
}
