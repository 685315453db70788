//! Loading the `ontology/` folder: every `.ttl` file, recursively, parsed with oxigraph.

use crate::VocabError;
use crate::ns;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One parsed Turtle file of the ontology.
#[derive(Debug, Clone)]
pub struct OntologyFile {
    /// Path of the file on disk.
    pub path: PathBuf,
    /// Path relative to the ontology folder, with `/` separators (`vocab/fuel.ttl`).
    pub rel: String,
    /// The module path: `rel` without `.ttl` (`energy`, `vocab/fuel`, `alignments/bot`).
    pub module: String,
    /// The Turtle text as read.
    pub text: String,
    /// The triples.
    pub graph: Graph,
}

impl OntologyFile {
    /// The IRIs of the `owl:Ontology` headers of the file (there should be exactly one).
    pub fn headers(&self) -> Vec<NamedNodeRef<'_>> {
        self.graph
            .subjects_for_predicate_object(
                NamedNodeRef::new_unchecked(ns::RDF_TYPE),
                NamedNodeRef::new_unchecked(ns::OWL_ONTOLOGY),
            )
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .collect()
    }

    /// The first literal value of `predicate` on `subject`, preferring English.
    pub fn literal(&self, subject: NamedNodeRef<'_>, predicate: &str) -> Option<String> {
        literal(&self.graph, subject, predicate)
    }
}

/// The first literal value of `predicate` on `subject` in `graph`, preferring English.
pub(crate) fn literal(graph: &Graph, subject: NamedNodeRef<'_>, predicate: &str) -> Option<String> {
    let mut fallback = None;
    for o in graph.objects_for_subject_predicate(subject, NamedNodeRef::new_unchecked(predicate)) {
        if let TermRef::Literal(l) = o {
            if is_english(l.language()) {
                return Some(l.value().to_owned());
            }
            fallback.get_or_insert_with(|| l.value().to_owned());
        }
    }
    fallback
}

/// Whether a language tag is English (`en`, `en-GB`…).
pub(crate) fn is_english(lang: Option<&str>) -> bool {
    lang.is_some_and(|l| l.eq_ignore_ascii_case("en") || l.to_ascii_lowercase().starts_with("en-"))
}

/// The whole ontology folder, parsed.
#[derive(Debug, Clone)]
pub struct Ontology {
    dir: PathBuf,
    files: Vec<OntologyFile>,
    all: Graph,
}

impl Ontology {
    /// Reads and parses every `.ttl` file under `dir` (recursively, in path order).
    ///
    /// Fails on the first unreadable file or syntax error (reported as `file:line:column`),
    /// or when there is no `.ttl` file at all.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Self, VocabError> {
        let dir = dir.as_ref().to_path_buf();
        let mut paths = Vec::new();
        walk(&dir, &["ttl"], &mut paths)?;
        if paths.is_empty() {
            return Err(VocabError::Empty { path: dir });
        }
        let mut files = Vec::new();
        let mut all = Graph::new();
        for path in paths {
            let text = read(&path)?;
            let graph = parse_turtle(&path, &text)?;
            all.extend(graph.iter());
            let rel = path
                .strip_prefix(&dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let module = rel.strip_suffix(".ttl").unwrap_or(&rel).to_owned();
            files.push(OntologyFile {
                path,
                rel,
                module,
                text,
                graph,
            });
        }
        Ok(Self { dir, files, all })
    }

    /// The folder the ontology was read from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The files, in path order.
    pub fn files(&self) -> &[OntologyFile] {
        &self.files
    }

    /// The file of a module path (`energy`, `vocab/fuel`, `alignments/bot`).
    pub fn file(&self, module: &str) -> Option<&OntologyFile> {
        self.files.iter().find(|f| f.module == module)
    }

    /// The union of all files' triples.
    pub fn graph(&self) -> &Graph {
        &self.all
    }

    /// Every IRI of our namespace that is declared: the subject of an `rdf:type` statement,
    /// or the `owl:versionIRI` of a declared ontology.
    pub fn declared(&self) -> BTreeSet<String> {
        let mut declared = BTreeSet::new();
        for t in self.all.iter() {
            if t.predicate.as_str() == ns::RDF_TYPE {
                if let NamedOrBlankNodeRef::NamedNode(n) = t.subject {
                    declared.insert(n.as_str().to_owned());
                }
            } else if t.predicate.as_str() == ns::OWL_VERSION_IRI {
                if let TermRef::NamedNode(n) = t.object {
                    declared.insert(n.as_str().to_owned());
                }
            }
        }
        declared.retain(|i| ns::is_ours(i));
        declared
    }

    /// The terms of our namespace that must carry a label and a definition: every IRI typed
    /// as a class, property, named individual, SKOS concept or concept scheme.
    pub fn terms(&self) -> BTreeSet<String> {
        let kinds = [
            ns::OWL_CLASS,
            ns::RDFS_CLASS,
            ns::OWL_OBJECT_PROPERTY,
            ns::OWL_DATATYPE_PROPERTY,
            ns::OWL_ANNOTATION_PROPERTY,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
            ns::OWL_NAMED_INDIVIDUAL,
            ns::SKOS_CONCEPT,
            ns::SKOS_CONCEPT_SCHEME,
        ];
        let mut terms = BTreeSet::new();
        for kind in kinds {
            for s in self.all.subjects_for_predicate_object(
                NamedNodeRef::new_unchecked(ns::RDF_TYPE),
                NamedNodeRef::new_unchecked(kind),
            ) {
                if let NamedOrBlankNodeRef::NamedNode(n) = s {
                    if ns::is_ours(n.as_str()) {
                        terms.insert(n.as_str().to_owned());
                    }
                }
            }
        }
        terms
    }
}

pub(crate) fn read(path: &Path) -> Result<String, VocabError> {
    std::fs::read_to_string(path).map_err(|source| VocabError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses Turtle text; a syntax error carries its 1-based line and column.
pub(crate) fn parse_turtle(path: &Path, text: &str) -> Result<Graph, VocabError> {
    let mut graph = Graph::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes()) {
        match quad {
            Ok(q) => {
                graph.insert(oxigraph::model::TripleRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                ));
            }
            Err(e) => {
                let (line, column) = e
                    .location()
                    .map(|l| (l.start.line + 1, l.start.column + 1))
                    .unwrap_or((0, 0));
                return Err(VocabError::Syntax {
                    path: path.to_path_buf(),
                    line,
                    column,
                    message: e.to_string(),
                });
            }
        }
    }
    Ok(graph)
}

/// Collects the files under `path` (a file or a folder, recursively) whose extension is in
/// `extensions`, sorted. A file given directly is kept whatever its extension.
pub(crate) fn walk(
    path: &Path,
    extensions: &[&str],
    out: &mut Vec<PathBuf>,
) -> Result<(), VocabError> {
    let io = |source| VocabError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries = std::fs::read_dir(path)
        .map_err(io)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, extensions, out)?;
        } else if entry
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| extensions.contains(&x))
        {
            out.push(entry);
        }
    }
    Ok(())
}
