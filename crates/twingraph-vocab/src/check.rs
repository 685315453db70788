//! The checks of `twingraph ontology check`.
//!
//! Over the ontology: one `owl:Ontology` header per file, inside our namespace, with
//! `owl:versionInfo`, `dcterms:license`, `dcterms:title` and `dcterms:description`; our
//! `owl:imports` resolve; every class, property, named individual, SKOS concept and scheme
//! of our namespace has an English `rdfs:label` and `skos:definition`; no `rdfs:subClassOf`
//! cycle within our namespace; every term of ours that is used is declared. Over extra files
//! (mappings, queries, shapes): every term of ours they use is declared. Turtle files are
//! parsed; `.rq`, `.sparql`, `.yml` and `.yaml` files are scanned as text for full IRIs of
//! our namespace and for prefixed names whose prefix is declared with one of our namespaces.

use crate::ontology::{is_english, parse_turtle, read, walk};
use crate::{Ontology, VocabError, ns};
use oxigraph::model::{NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// Extensions of the extra files that are checked.
pub const EXTRA_EXTENSIONS: &[&str] = &["ttl", "rq", "sparql", "yml", "yaml"];

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// A file has no, or several, `owl:Ontology` headers, or a header lacks a required field.
    Header,
    /// An `owl:imports` of our namespace names no ontology defined in the folder.
    Import,
    /// A term of ours has no English `rdfs:label`.
    MissingLabel,
    /// A term of ours has no English `skos:definition`.
    MissingDefinition,
    /// `rdfs:subClassOf` forms a cycle within our namespace.
    SubclassCycle,
    /// A term of our namespace is used but declared nowhere in the ontology.
    Undeclared,
}

impl FindingKind {
    /// All kinds, in report order.
    pub const ALL: [Self; 6] = [
        Self::Header,
        Self::Import,
        Self::MissingLabel,
        Self::MissingDefinition,
        Self::SubclassCycle,
        Self::Undeclared,
    ];

    /// A short, stable name (`missing-label`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Header => "header",
            Self::Import => "import",
            Self::MissingLabel => "missing-label",
            Self::MissingDefinition => "missing-definition",
            Self::SubclassCycle => "subclass-cycle",
            Self::Undeclared => "undeclared",
        }
    }

    /// A heading for a group of findings.
    pub fn title(self) -> &'static str {
        match self {
            Self::Header => "ontology header problems",
            Self::Import => "imports of undefined ontologies",
            Self::MissingLabel => "terms without an English rdfs:label",
            Self::MissingDefinition => "terms without an English skos:definition",
            Self::SubclassCycle => "rdfs:subClassOf cycles",
            Self::Undeclared => "terms used but not declared in the ontology",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One problem found by [`Ontology::check`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// What kind of problem.
    pub kind: FindingKind,
    /// The file (ontology files relative to the ontology folder, extra files as given).
    pub file: String,
    /// The line in `file`, when known (text scans of extra files).
    pub line: Option<usize>,
    /// The term concerned, when there is one (an IRI, or a cycle `A ⊑ B ⊑ A`).
    pub term: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The result of [`Ontology::check`].
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Ontology files checked.
    pub files: usize,
    /// Extra files checked.
    pub extra_files: usize,
    /// Terms of our namespace that need a label and definition.
    pub terms: usize,
    /// The problems, sorted by kind, file and line.
    pub findings: Vec<Finding>,
    /// Extra files that could not be read or parsed (not findings: the input is broken).
    pub errors: Vec<VocabError>,
}

impl CheckReport {
    /// Whether there is neither a finding nor an error.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty() && self.errors.is_empty()
    }

    /// The findings of one kind.
    pub fn of_kind(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }
}

fn iri_of(n: NamedOrBlankNodeRef<'_>) -> Option<&str> {
    match n {
        NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
        NamedOrBlankNodeRef::BlankNode(_) => None,
    }
}

fn term_iri(t: TermRef<'_>) -> Option<&str> {
    match t {
        TermRef::NamedNode(n) => Some(n.as_str()),
        _ => None,
    }
}

/// Whether a used IRI names a term (not a bare namespace like `…/def/energy#`).
fn is_term(iri: &str) -> bool {
    ns::is_ours(iri) && !iri.ends_with('#') && !iri.ends_with('/')
}

impl Ontology {
    /// Runs every check; `extra_files` (files or folders, searched recursively for
    /// [`EXTRA_EXTENSIONS`]) are checked for undeclared terms of ours.
    pub fn check(&self, extra_files: &[PathBuf]) -> CheckReport {
        let mut report = CheckReport {
            files: self.files().len(),
            ..CheckReport::default()
        };
        let mut findings = BTreeSet::new();
        self.check_headers(&mut findings);
        let terms = self.terms();
        report.terms = terms.len();
        self.check_labels(&terms, &mut findings);
        self.check_cycles(&mut findings);
        let declared = self.declared();
        for file in self.files() {
            for t in file.graph.iter() {
                let used = [
                    iri_of(t.subject),
                    Some(t.predicate.as_str()),
                    term_iri(t.object),
                ];
                for u in used.into_iter().flatten() {
                    if is_term(u) && !declared.contains(u) {
                        findings.insert(undeclared(&file.rel, None, u));
                    }
                }
            }
        }
        let mut paths = Vec::new();
        for p in extra_files {
            if let Err(e) = walk(p, EXTRA_EXTENSIONS, &mut paths) {
                report.errors.push(e);
            }
        }
        report.extra_files = paths.len();
        for path in &paths {
            match used_in_extra(path) {
                Ok(used) => {
                    let shown = path.display().to_string();
                    for (iri, line) in used {
                        if is_term(&iri) && !declared.contains(&iri) {
                            findings.insert(undeclared(&shown, line, &iri));
                        }
                    }
                }
                Err(e) => report.errors.push(e),
            }
        }
        report.findings = findings.into_iter().collect();
        report
    }

    fn check_headers(&self, findings: &mut BTreeSet<Finding>) {
        let header = |file: &str, term: Option<&str>, message: String| Finding {
            kind: FindingKind::Header,
            file: file.to_owned(),
            line: None,
            term: term.map(str::to_owned),
            message,
        };
        let mut defined = BTreeSet::new();
        for file in self.files() {
            defined.extend(file.headers().iter().map(|h| h.as_str().to_owned()));
        }
        for file in self.files() {
            let headers = file.headers();
            if headers.len() != 1 {
                findings.insert(header(
                    &file.rel,
                    None,
                    format!("{} owl:Ontology headers, expected 1", headers.len()),
                ));
            }
            if let [ont] = headers[..] {
                if !ns::is_ours(ont.as_str()) {
                    findings.insert(header(
                        &file.rel,
                        Some(ont.as_str()),
                        format!(
                            "ontology IRI <{ont}> is outside {}",
                            ns::DEF,
                            ont = ont.as_str()
                        ),
                    ));
                }
                for (needed, name) in [
                    (ns::OWL_VERSION_INFO, "owl:versionInfo"),
                    (ns::DCTERMS_LICENSE, "dcterms:license"),
                    (ns::DCTERMS_TITLE, "dcterms:title"),
                    (ns::DCTERMS_DESCRIPTION, "dcterms:description"),
                ] {
                    let present = file
                        .graph
                        .object_for_subject_predicate(ont, NamedNodeRef::new_unchecked(needed))
                        .is_some();
                    if !present {
                        findings.insert(header(
                            &file.rel,
                            Some(ont.as_str()),
                            format!("<{}> has no {name}", ont.as_str()),
                        ));
                    }
                }
            }
            for t in file
                .graph
                .triples_for_predicate(NamedNodeRef::new_unchecked(ns::OWL_IMPORTS))
            {
                if let Some(target) = term_iri(t.object).filter(|i| ns::is_ours(i)) {
                    if !defined.contains(target) {
                        findings.insert(Finding {
                            kind: FindingKind::Import,
                            file: file.rel.clone(),
                            line: None,
                            term: Some(target.to_owned()),
                            message: format!("imports <{target}>, which no file defines"),
                        });
                    }
                }
            }
        }
    }

    fn check_labels(&self, terms: &BTreeSet<String>, findings: &mut BTreeSet<Finding>) {
        let graph = self.graph();
        for term in terms {
            let node = NamedNodeRef::new_unchecked(term);
            let file = self.defining_file(term);
            let has = |p: &str| {
                graph
                    .objects_for_subject_predicate(node, NamedNodeRef::new_unchecked(p))
                    .any(|o| matches!(o, TermRef::Literal(l) if is_english(l.language())))
            };
            for (predicate, kind, name) in [
                (ns::RDFS_LABEL, FindingKind::MissingLabel, "rdfs:label"),
                (
                    ns::SKOS_DEFINITION,
                    FindingKind::MissingDefinition,
                    "skos:definition",
                ),
            ] {
                if !has(predicate) {
                    findings.insert(Finding {
                        kind,
                        file: file.clone(),
                        line: None,
                        term: Some(term.clone()),
                        message: format!("<{term}> has no {name} in English"),
                    });
                }
            }
        }
    }

    /// The file declaring `term` (the first with an `rdf:type` for it).
    fn defining_file(&self, term: &str) -> String {
        let node = NamedNodeRef::new_unchecked(term);
        self.files()
            .iter()
            .find(|f| {
                f.graph
                    .object_for_subject_predicate(node, NamedNodeRef::new_unchecked(ns::RDF_TYPE))
                    .is_some()
            })
            .map(|f| f.rel.clone())
            .unwrap_or_default()
    }

    fn check_cycles(&self, findings: &mut BTreeSet<Finding>) {
        let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for t in self
            .graph()
            .triples_for_predicate(NamedNodeRef::new_unchecked(ns::RDFS_SUBCLASSOF))
        {
            if let (Some(s), Some(o)) = (iri_of(t.subject), term_iri(t.object)) {
                if ns::is_ours(s) && ns::is_ours(o) {
                    edges.entry(s).or_default().insert(o);
                }
            }
        }
        let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
        let mut cycles = BTreeSet::new();
        for n in edges.keys() {
            if !colour.contains_key(n) {
                visit(n, &edges, &mut colour, &mut Vec::new(), &mut cycles);
            }
        }
        for cycle in cycles {
            let file = self.defining_file(&cycle[0]);
            let text = cycle
                .iter()
                .map(|c| format!("<{c}>"))
                .collect::<Vec<_>>()
                .join(" ⊑ ");
            findings.insert(Finding {
                kind: FindingKind::SubclassCycle,
                file,
                line: None,
                term: Some(cycle[0].clone()),
                message: format!("rdfs:subClassOf cycle {text}"),
            });
        }
    }
}

/// Depth-first search with colours (1 grey, 2 black); reaching a grey node closes a cycle,
/// recorded rotated so that it starts at its smallest IRI (each cycle once).
fn visit<'a>(
    n: &'a str,
    edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
    colour: &mut BTreeMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
    cycles: &mut BTreeSet<Vec<String>>,
) {
    colour.insert(n, 1);
    stack.push(n);
    for &m in edges.get(n).into_iter().flatten() {
        match colour.get(m).copied().unwrap_or(0) {
            0 => visit(m, edges, colour, stack, cycles),
            1 => {
                let from = stack.iter().position(|x| *x == m).unwrap_or(0);
                let mut ring: Vec<String> = stack[from..].iter().map(|s| (*s).to_owned()).collect();
                let min = ring
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, s)| s.as_str())
                    .map_or(0, |(i, _)| i);
                ring.rotate_left(min);
                let first = ring[0].clone();
                ring.push(first);
                cycles.insert(ring);
            }
            _ => {}
        }
    }
    stack.pop();
    colour.insert(n, 2);
}

fn undeclared(file: &str, line: Option<usize>, iri: &str) -> Finding {
    Finding {
        kind: FindingKind::Undeclared,
        file: file.to_owned(),
        line,
        term: Some(iri.to_owned()),
        message: format!("<{iri}> is used but not declared in the ontology"),
    }
}

/// The IRIs of our namespace used in an extra file, with the line when scanned as text.
fn used_in_extra(path: &Path) -> Result<Vec<(String, Option<usize>)>, VocabError> {
    let text = read(path)?;
    if path.extension().is_some_and(|x| x == "ttl") {
        let graph = parse_turtle(path, &text)?;
        let mut used = BTreeSet::new();
        for t in graph.iter() {
            for u in [
                iri_of(t.subject),
                Some(t.predicate.as_str()),
                term_iri(t.object),
            ]
            .into_iter()
            .flatten()
            {
                if ns::is_ours(u) {
                    used.insert(u.to_owned());
                }
            }
        }
        Ok(used.into_iter().map(|u| (u, None)).collect())
    } else {
        Ok(scan_text(&text)
            .into_iter()
            .map(|(iri, line)| (iri, Some(line)))
            .collect())
    }
}

fn is_iri_end(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>'
                | '"'
                | '\''
                | '{'
                | '}'
                | '|'
                | '^'
                | '`'
                | '\\'
                | ','
                | ';'
                | ')'
                | '('
                | '['
                | ']'
        )
}

fn is_local_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.')
}

/// Scans SPARQL or YAML text: full IRIs of our namespace, and `prefix:local` names whose
/// prefix is declared (SPARQL `PREFIX p: <…>`, Turtle `@prefix`, YAML `p: "…"` or
/// `p: …`) with one of our namespaces. Returns (IRI, 1-based line) in order of appearance.
pub fn scan_text(text: &str) -> Vec<(String, usize)> {
    let mut prefixes: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines() {
        if let Some((name, iri)) = prefix_declaration(line) {
            if ns::is_ours(&iri) {
                prefixes.insert(name, iri);
            }
        }
    }
    let mut used = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let number = number + 1;
        let mut rest = line;
        let mut offset = 0;
        while let Some(at) = rest.find(ns::DEF) {
            let tail = &rest[at..];
            let end = tail.find(is_iri_end).unwrap_or(tail.len());
            let iri = tail[..end].trim_end_matches('.');
            used.push((iri.to_owned(), number));
            offset += at + end.max(1);
            rest = &line[offset..];
        }
        if prefix_declaration(line).is_some() {
            continue;
        }
        for (name, ns_iri) in &prefixes {
            let pattern = format!("{name}:");
            let mut from = 0;
            while let Some(at) = line[from..].find(&pattern) {
                let start = from + at;
                from = start + pattern.len();
                let before = line[..start].chars().next_back();
                if before.is_some_and(|c| {
                    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '/' | '#')
                }) {
                    continue;
                }
                let tail = &line[from..];
                let end = tail.find(|c: char| !is_local_char(c)).unwrap_or(tail.len());
                let local = tail[..end].trim_end_matches('.');
                if !local.is_empty() {
                    used.push((format!("{ns_iri}{local}"), number));
                }
            }
        }
    }
    used
}

/// `PREFIX p: <iri>`, `@prefix p: <iri> .` or a YAML `p: "iri"` line.
fn prefix_declaration(line: &str) -> Option<(String, String)> {
    let trimmed = line.trim_start().trim_start_matches("- ");
    let lower = trimmed.to_ascii_lowercase();
    let body = if lower.starts_with("prefix ") || lower.starts_with("@prefix ") {
        trimmed.split_once(' ')?.1.trim_start()
    } else {
        trimmed
    };
    let (name, value) = body.split_once(':')?;
    let name = name.trim().trim_matches(|c| c == '"' || c == '\'');
    if !name.chars().all(is_local_char) {
        return None;
    }
    let value = value
        .trim()
        .trim_end_matches('.')
        .trim()
        .trim_matches(|c| matches!(c, '<' | '>' | '"' | '\''));
    (ns::is_ours(value) || value.starts_with("http")).then(|| (name.to_owned(), value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_sparql_and_yaml() {
        let rq = "PREFIX energy: <https://w3id.org/twingraph/def/energy#>\n\
                  SELECT * WHERE { ?s a energy:Meter ; <https://w3id.org/twingraph/def/core#uprn> ?u .\n\
                  ?s energy:ratedPowerKW ?k . FILTER(?x != \"a:b\") }";
        let used = scan_text(rq);
        assert_eq!(
            used,
            vec![
                ("https://w3id.org/twingraph/def/energy#".to_owned(), 1),
                ("https://w3id.org/twingraph/def/core#uprn".to_owned(), 2),
                ("https://w3id.org/twingraph/def/energy#Meter".to_owned(), 2),
                (
                    "https://w3id.org/twingraph/def/energy#ratedPowerKW".to_owned(),
                    3
                ),
            ]
        );
        let yml = "prefixes:\n  place: \"https://w3id.org/twingraph/def/place#\"\n  ex: http://example.org/\nmappings:\n  x:\n    po:\n      - [a, place:Street]\n      - [place:usrn, $(USRN)]\n";
        let used = scan_text(yml);
        assert!(used.contains(&("https://w3id.org/twingraph/def/place#Street".to_owned(), 7)));
        assert!(used.contains(&("https://w3id.org/twingraph/def/place#usrn".to_owned(), 8)));
        assert!(!used.iter().any(|(i, _)| i.contains("example")));
    }
}
