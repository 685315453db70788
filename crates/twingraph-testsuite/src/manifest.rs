//! Generic reader of W3C test manifests (the `mf:` vocabulary), shared by all suites.
//!
//! Test suites name their files with canonical `http://www.w3.org/...` IRIs; an
//! [`IriMapper`] maps those IRI prefixes to local folders so that test IRIs, base IRIs and
//! graph names are the official ones (and stable across machines) while files are read locally.

use crate::error::TestsuiteError;
use crate::vocab::{dawgt, mf};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs};
use oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef, Triple,
};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Maps IRI prefixes to local folders.
#[derive(Debug, Clone, Default)]
pub struct IriMapper {
    rules: Vec<(String, PathBuf)>,
}

impl IriMapper {
    /// An empty mapper.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a rule: IRIs starting with `iri_prefix` are files under `dir`.
    pub fn with(mut self, iri_prefix: impl Into<String>, dir: impl Into<PathBuf>) -> Self {
        self.rules.push((iri_prefix.into(), dir.into()));
        self
    }

    /// The local path of an IRI (its fragment, if any, is ignored).
    pub fn to_path(&self, iri: &str) -> Result<PathBuf, TestsuiteError> {
        let iri = iri.split_once('#').map_or(iri, |(before, _)| before);
        self.rules
            .iter()
            .find_map(|(prefix, dir)| iri.strip_prefix(prefix.as_str()).map(|rest| dir.join(rest)))
            .ok_or_else(|| TestsuiteError::Unmapped(iri.to_owned()))
    }

    /// Opens the file of an IRI.
    pub fn open(&self, iri: &str) -> Result<BufReader<File>, TestsuiteError> {
        let path = self.to_path(iri)?;
        File::open(&path)
            .map(BufReader::new)
            .map_err(|source| TestsuiteError::Read { path, source })
    }

    /// Reads the file of an IRI as bytes.
    pub fn read(&self, iri: &str) -> Result<Vec<u8>, TestsuiteError> {
        let mut buf = Vec::new();
        self.open(iri)?
            .read_to_end(&mut buf)
            .map_err(|source| TestsuiteError::Read {
                path: self.to_path(iri).unwrap_or_default(),
                source,
            })?;
        Ok(buf)
    }

    /// Reads the file of an IRI as UTF-8 text.
    pub fn read_to_string(&self, iri: &str) -> Result<String, TestsuiteError> {
        let bytes = self.read(iri)?;
        String::from_utf8(bytes).map_err(|e| TestsuiteError::Read {
            path: self.to_path(iri).unwrap_or_default(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        })
    }

    /// Parses an RDF file into a graph (its named graphs, if any, are merged), with the IRI as base.
    pub fn parse_graph(&self, iri: &str) -> Result<Graph, TestsuiteError> {
        let format = rdf_format_of(iri)?;
        let parser = RdfParser::from_format(format)
            .with_base_iri(iri)
            .map_err(|e| rdf_error(iri, e))?
            .rename_blank_nodes();
        let mut graph = Graph::new();
        for quad in parser.for_reader(self.open(iri)?) {
            let quad = quad.map_err(|e| rdf_error(iri, e))?;
            graph.insert(&Triple::from(quad));
        }
        Ok(graph)
    }
}

/// The RDF syntax of a file, from the extension of its IRI.
pub fn rdf_format_of(iri: &str) -> Result<RdfFormat, TestsuiteError> {
    Path::new(iri)
        .extension()
        .and_then(|e| e.to_str())
        .and_then(RdfFormat::from_extension)
        .ok_or_else(|| TestsuiteError::Rdf {
            iri: iri.to_owned(),
            message: "unknown RDF syntax (file extension)".to_owned(),
        })
}

fn rdf_error(iri: &str, e: impl std::fmt::Display) -> TestsuiteError {
    TestsuiteError::Rdf {
        iri: iri.to_owned(),
        message: e.to_string(),
    }
}

/// One test listed in a manifest's `mf:entries`, with the generic `mf:` properties read.
///
/// Suite-specific properties are read from [`ManifestEntry::graph`] with the helper methods.
#[derive(Debug, Clone)]
pub struct ManifestEntry {
    /// The test IRI (blank-node tests get `<manifest>#_:<id>`).
    pub id: String,
    /// The test node in the manifest graph.
    pub node: NamedOrBlankNode,
    /// IRI of the manifest file that lists the test.
    pub manifest: String,
    /// `rdf:type` values.
    pub types: Vec<NamedNode>,
    /// `mf:name`.
    pub name: Option<String>,
    /// `dawgt:approval`, when given.
    pub approval: Option<NamedNode>,
    /// `mf:action`.
    pub action: Option<Term>,
    /// `mf:result`.
    pub result: Option<Term>,
    /// The whole manifest graph, for suite-specific properties.
    pub graph: Arc<Graph>,
}

impl ManifestEntry {
    /// Whether the test has this `rdf:type`.
    pub fn has_type(&self, iri: NamedNodeRef<'_>) -> bool {
        self.types.iter().any(|t| t.as_ref() == iri)
    }

    /// The first value of `predicate` on `subject` in the manifest graph.
    pub fn object(&self, subject: &Term, predicate: NamedNodeRef<'_>) -> Option<Term> {
        let subject = as_subject(subject)?;
        self.graph
            .object_for_subject_predicate(subject, predicate)
            .map(TermRef::into_owned)
    }

    /// All values of `predicate` on `subject`, in a stable (sorted) order.
    pub fn objects(&self, subject: &Term, predicate: NamedNodeRef<'_>) -> Vec<Term> {
        let Some(subject) = as_subject(subject) else {
            return Vec::new();
        };
        let mut values: Vec<Term> = self
            .graph
            .objects_for_subject_predicate(subject, predicate)
            .map(TermRef::into_owned)
            .collect();
        values.sort_by_key(ToString::to_string);
        values
    }

    /// A property of the test node itself.
    pub fn property(&self, predicate: NamedNodeRef<'_>) -> Option<Term> {
        self.object(&self.node.clone().into(), predicate)
    }
}

fn as_subject(term: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match term {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        _ => None,
    }
}

/// The IRI of a term, when it is a named node.
pub fn iri_of(term: &Term) -> Option<&str> {
    match term {
        Term::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// The lexical value of a term when it is a literal.
pub fn literal_of(term: &Term) -> Option<&str> {
    match term {
        Term::Literal(l) => Some(l.value()),
        _ => None,
    }
}

/// Reads a manifest and, recursively, the manifests it includes (`mf:include`); returns the
/// tests of `mf:entries` in manifest order. A manifest included twice is read once.
pub fn read_manifest(
    mapper: &IriMapper,
    manifest_iri: &str,
) -> Result<Vec<ManifestEntry>, TestsuiteError> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    read_into(mapper, manifest_iri, &mut out, &mut seen)?;
    Ok(out)
}

fn read_into(
    mapper: &IriMapper,
    manifest_iri: &str,
    out: &mut Vec<ManifestEntry>,
    seen: &mut HashSet<String>,
) -> Result<(), TestsuiteError> {
    if !seen.insert(manifest_iri.to_owned()) {
        return Ok(());
    }
    let graph = Arc::new(mapper.parse_graph(manifest_iri)?);
    let mut manifests: Vec<NamedOrBlankNode> = graph
        .subjects_for_predicate_object(rdf::TYPE, mf::MANIFEST)
        .map(NamedOrBlankNodeRef::into_owned)
        .collect();
    if manifests.is_empty() {
        manifests.push(NamedNode::new_unchecked(manifest_iri).into());
    }
    for manifest in &manifests {
        for entries in graph.objects_for_subject_predicate(manifest, mf::ENTRIES) {
            for test in rdf_list(&graph, entries.into_owned(), manifest_iri)? {
                out.push(entry(&graph, test, manifest_iri)?);
            }
        }
        let mut includes = Vec::new();
        for include in graph.objects_for_subject_predicate(manifest, mf::INCLUDE) {
            match include {
                TermRef::NamedNode(n)
                    if graph.object_for_subject_predicate(n, rdf::FIRST).is_none() =>
                {
                    includes.push(n.as_str().to_owned());
                }
                other => {
                    for item in rdf_list(&graph, other.into_owned(), manifest_iri)? {
                        match item {
                            Term::NamedNode(n) => includes.push(n.into_string()),
                            other => {
                                return Err(TestsuiteError::Manifest {
                                    test: manifest_iri.to_owned(),
                                    message: format!("mf:include item {other} is not an IRI"),
                                });
                            }
                        }
                    }
                }
            }
        }
        for include in includes {
            read_into(mapper, &include, out, seen)?;
        }
    }
    Ok(())
}

fn entry(graph: &Arc<Graph>, test: Term, manifest: &str) -> Result<ManifestEntry, TestsuiteError> {
    let node = match test {
        Term::NamedNode(n) => NamedOrBlankNode::NamedNode(n),
        Term::BlankNode(b) => NamedOrBlankNode::BlankNode(b),
        other => {
            return Err(TestsuiteError::Manifest {
                test: manifest.to_owned(),
                message: format!("entry {other} is not a node"),
            });
        }
    };
    let id = match &node {
        NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
        NamedOrBlankNode::BlankNode(b) => format!("{manifest}#_:{}", b.as_str()),
    };
    let get = |p: NamedNodeRef<'_>| {
        graph
            .object_for_subject_predicate(&node, p)
            .map(TermRef::into_owned)
    };
    Ok(ManifestEntry {
        types: graph
            .objects_for_subject_predicate(&node, rdf::TYPE)
            .filter_map(|t| match t {
                TermRef::NamedNode(n) => Some(n.into_owned()),
                _ => None,
            })
            .collect(),
        name: get(mf::NAME)
            .as_ref()
            .and_then(literal_of)
            .map(str::to_owned),
        approval: match get(dawgt::APPROVAL) {
            Some(Term::NamedNode(n)) => Some(n),
            _ => None,
        },
        action: get(mf::ACTION),
        result: get(mf::RESULT),
        manifest: manifest.to_owned(),
        graph: Arc::clone(graph),
        node,
        id,
    })
}

/// The label (`rdfs:label`) of a node of the manifest graph.
pub fn label(graph: &Graph, node: &Term) -> Option<String> {
    let subject = as_subject(node)?;
    match graph.object_for_subject_predicate(subject, rdfs::LABEL)? {
        TermRef::Literal(l) => Some(l.value().to_owned()),
        _ => None,
    }
}

/// The items of an RDF collection (`rdf:first`/`rdf:rest`) starting at `head`.
pub fn rdf_list(graph: &Graph, head: Term, context: &str) -> Result<Vec<Term>, TestsuiteError> {
    let mut items = Vec::new();
    let mut current = head;
    let mut seen = HashSet::new();
    loop {
        if current == Term::NamedNode(rdf::NIL.into_owned()) {
            return Ok(items);
        }
        let bad = |message: &str| TestsuiteError::Manifest {
            test: context.to_owned(),
            message: message.to_owned(),
        };
        if !seen.insert(current.clone()) {
            return Err(bad("cyclic RDF list"));
        }
        let subject = as_subject(&current).ok_or_else(|| bad("RDF list node is a literal"))?;
        let first = graph
            .object_for_subject_predicate(subject, rdf::FIRST)
            .ok_or_else(|| bad("RDF list node without rdf:first"))?
            .into_owned();
        let rest = graph
            .object_for_subject_predicate(subject, rdf::REST)
            .ok_or_else(|| bad("RDF list node without rdf:rest"))?
            .into_owned();
        items.push(first);
        current = rest;
    }
}
