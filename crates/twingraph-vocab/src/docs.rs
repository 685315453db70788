//! A self-contained HTML reference of the ontology, in the manner of pyLODE and Widoco: an
//! index page listing the modules, one page per module (header metadata, classes, object
//! and datatype properties, SKOS concepts, other axioms), and each module's Turtle beside
//! its page. Every term has an anchor named by its local name, so
//! `https://w3id.org/twingraph/def/energy#EpcCertificate` is `energy.html#EpcCertificate`.
//! Pages use relative links only, inline CSS and no JavaScript.

use crate::ontology::{OntologyFile, literal};
use crate::{Ontology, VocabError, ns};
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

/// One file of the reference.
#[derive(Debug, Clone)]
pub struct DocPage {
    /// Path relative to the output folder, with `/` separators (`index.html`, `vocab/fuel.ttl`).
    pub path: String,
    /// Media type of the content (`text/html; charset=utf-8` or `text/turtle; charset=utf-8`).
    pub media_type: &'static str,
    /// The content.
    pub content: String,
}

/// The rendered reference.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    pages: Vec<DocPage>,
    modules: usize,
    terms: usize,
}

/// Media type of the HTML pages.
pub const HTML: &str = "text/html; charset=utf-8";
/// Media type of the Turtle copies.
pub const TURTLE: &str = "text/turtle; charset=utf-8";

impl Docs {
    /// Every file: `index.html`, then per module its `.html` page and `.ttl` copy.
    pub fn pages(&self) -> &[DocPage] {
        &self.pages
    }

    /// The file at `path` (relative, e.g. `energy.html`).
    pub fn page(&self, path: &str) -> Option<&DocPage> {
        self.pages.iter().find(|p| p.path == path)
    }

    /// Number of modules (ontology files) documented.
    pub fn modules(&self) -> usize {
        self.modules
    }

    /// Number of terms documented with an anchor.
    pub fn terms(&self) -> usize {
        self.terms
    }

    /// Writes every file under `out` (created if missing); returns the number of files.
    pub fn write_to(&self, out: &Path) -> Result<usize, VocabError> {
        for page in &self.pages {
            let path = out.join(&page.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|source| VocabError::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            std::fs::write(&path, &page.content)
                .map_err(|source| VocabError::Io { path, source })?;
        }
        Ok(self.pages.len())
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The anchor of a term: its local name after `#` (or after the last `/`).
pub fn anchor(iri: &str) -> &str {
    iri.rsplit_once('#')
        .or_else(|| iri.rsplit_once('/'))
        .map_or(iri, |(_, local)| local)
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}\
code{background:#f2f2f2;padding:0 .2em;word-break:break-all}table{border-collapse:collapse;width:100%}\
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #ddd;padding:.3em .5em}th{width:12rem}\
section.term{border:1px solid #ccc;border-radius:4px;padding:.2rem 1rem;margin:1rem 0}\
section.term h3{margin:.5rem 0}.iri{font-size:.9em;color:#555}nav ul{columns:3}a{color:#0645ad}";

fn page(title: &str, up: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{}</title>\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <style>{STYLE}</style></head>\n<body>\n<p><a href=\"{up}index.html\">TwinGraph ontology</a></p>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// Groups of terms on a module page, in order.
const GROUPS: [(&str, &str, &[&str]); 7] = [
    ("classes", "Classes", &[ns::OWL_CLASS, ns::RDFS_CLASS]),
    (
        "object-properties",
        "Object properties",
        &[ns::OWL_OBJECT_PROPERTY],
    ),
    (
        "datatype-properties",
        "Datatype properties",
        &[ns::OWL_DATATYPE_PROPERTY],
    ),
    (
        "annotation-properties",
        "Annotation properties",
        &[
            ns::OWL_ANNOTATION_PROPERTY,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
        ],
    ),
    (
        "concept-schemes",
        "Concept schemes",
        &[ns::SKOS_CONCEPT_SCHEME],
    ),
    ("concepts", "Concepts", &[ns::SKOS_CONCEPT]),
    ("individuals", "Named individuals and other terms", &[]),
];

struct Renderer<'a> {
    ontology: &'a Ontology,
    modules: BTreeSet<&'a str>,
}

fn nn(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

fn named_objects<'g>(graph: &'g Graph, s: &str, p: &str) -> Vec<&'g str> {
    let mut out: Vec<&str> = graph
        .objects_for_subject_predicate(nn(s), nn(p))
        .filter_map(|o| match o {
            TermRef::NamedNode(n) => Some(n.as_str()),
            _ => None,
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn anonymous_objects(graph: &Graph, s: &str, p: &str) -> usize {
    graph
        .objects_for_subject_predicate(nn(s), nn(p))
        .filter(|o| matches!(o, TermRef::BlankNode(_)))
        .count()
}

fn named_subjects<'g>(graph: &'g Graph, p: &str, o: &str) -> Vec<&'g str> {
    let mut out: Vec<&str> = graph
        .subjects_for_predicate_object(nn(p), nn(o))
        .filter_map(|s| match s {
            NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
            NamedOrBlankNodeRef::BlankNode(_) => None,
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Renderer<'_> {
    /// A relative link from the page of module `from` to `iri`.
    fn href(&self, from: &str, iri: &str) -> String {
        if let Some((module, local)) = ns::split(iri) {
            if self.modules.contains(module) {
                let up = "../".repeat(from.matches('/').count());
                return if local.is_empty() {
                    format!("{up}{module}.html")
                } else {
                    format!("{up}{module}.html#{local}")
                };
            }
        }
        iri.to_owned()
    }

    fn short(iri: &str) -> String {
        ns::compact(iri)
            .or_else(|| iri.strip_prefix(ns::DEF).map(str::to_owned))
            .unwrap_or_else(|| iri.to_owned())
    }

    fn link(&self, from: &str, iri: &str) -> String {
        let label = literal(self.ontology.graph(), nn(iri), ns::RDFS_LABEL);
        let title = label
            .map(|l| format!(" title=\"{}\"", escape(&l)))
            .unwrap_or_default();
        format!(
            "<a href=\"{}\"{title}><code>{}</code></a>",
            escape(&self.href(from, iri)),
            escape(&Self::short(iri))
        )
    }

    fn links(&self, from: &str, iris: &[&str], anonymous: usize) -> String {
        let mut parts: Vec<String> = iris.iter().map(|i| self.link(from, i)).collect();
        if anonymous > 0 {
            parts.push(format!("{anonymous} anonymous class expression(s)"));
        }
        parts.join(", ")
    }

    fn term_value(&self, from: &str, t: TermRef<'_>) -> String {
        match t {
            TermRef::NamedNode(n) => self.link(from, n.as_str()),
            TermRef::BlankNode(_) => "anonymous node".to_owned(),
            TermRef::Literal(l) => match l.language() {
                Some(lang) => format!(
                    "{} <span class=\"iri\">@{}</span>",
                    escape(l.value()),
                    escape(lang)
                ),
                None => escape(l.value()),
            },
            #[allow(unreachable_patterns)]
            _ => escape(&t.to_string()),
        }
    }

    fn row(out: &mut String, name: &str, value: &str) {
        if !value.is_empty() {
            let _ = writeln!(out, "<tr><th>{name}</th><td>{value}</td></tr>");
        }
    }

    fn render_module(&self, file: &OntologyFile) -> (String, usize) {
        let graph = self.ontology.graph();
        let from = file.module.as_str();
        let headers = file.headers();
        let header = headers.first().copied();
        let title = header
            .and_then(|h| file.literal(h, ns::DCTERMS_TITLE))
            .unwrap_or_else(|| file.module.clone());
        let mut body = format!("<h1>{}</h1>\n<table class=\"meta\">\n", escape(&title));
        if let Some(h) = header {
            Self::row(
                &mut body,
                "IRI",
                &format!("<code>{}</code>", escape(h.as_str())),
            );
            for (p, name) in [
                (ns::OWL_VERSION_IRI, "Version IRI"),
                (ns::OWL_VERSION_INFO, "Version"),
                (ns::DCTERMS_LICENSE, "Licence"),
                (ns::DCTERMS_DESCRIPTION, "Description"),
                (ns::OWL_IMPORTS, "Imports"),
            ] {
                let values: Vec<String> = file
                    .graph
                    .objects_for_subject_predicate(h, nn(p))
                    .map(|o| self.term_value(from, o))
                    .collect();
                Self::row(&mut body, name, &values.join(", "));
            }
        }
        let name = file.module.rsplit('/').next().unwrap_or(&file.module);
        Self::row(
            &mut body,
            "Source",
            &format!(
                "<a href=\"{}.ttl\">{}.ttl</a> (Turtle)",
                escape(name),
                escape(name)
            ),
        );
        body.push_str("</table>\n");

        // The terms this file declares.
        let header_iri = header.map(|h| h.as_str());
        let mut declared: BTreeSet<&str> = BTreeSet::new();
        for t in file.graph.triples_for_predicate(nn(ns::RDF_TYPE)) {
            if let NamedOrBlankNodeRef::NamedNode(s) = t.subject {
                if ns::is_ours(s.as_str()) && Some(s.as_str()) != header_iri {
                    declared.insert(s.as_str());
                }
            }
        }
        let types = |iri: &str| named_objects(&file.graph, iri, ns::RDF_TYPE);
        let mut placed: BTreeSet<&str> = BTreeSet::new();
        let mut groups: Vec<(&str, &str, Vec<&str>)> = Vec::new();
        for (id, heading, kinds) in GROUPS {
            let members: Vec<&str> = declared
                .iter()
                .copied()
                .filter(|t| !placed.contains(t))
                .filter(|t| kinds.is_empty() || types(t).iter().any(|k| kinds.contains(k)))
                .collect();
            placed.extend(members.iter().copied());
            if !members.is_empty() {
                groups.push((id, heading, members));
            }
        }
        let count = placed.len();
        if !groups.is_empty() {
            body.push_str("<nav><h2>Contents</h2>\n");
            for (id, heading, members) in &groups {
                let _ = write!(
                    body,
                    "<h3><a href=\"#{id}\">{heading}</a> ({})</h3>\n<ul>\n",
                    members.len()
                );
                for m in members {
                    let _ = writeln!(
                        body,
                        "<li><a href=\"#{}\">{}</a></li>",
                        escape(anchor(m)),
                        escape(&Self::short(m))
                    );
                }
                body.push_str("</ul>\n");
            }
            body.push_str("</nav>\n");
        }
        for (id, heading, members) in &groups {
            let _ = writeln!(body, "<h2 id=\"{id}\">{heading}</h2>");
            for term in members {
                body.push_str(&self.render_term(from, term, graph));
            }
        }

        // Statements about terms that are not declared here (alignment axioms and the like).
        let mut axioms = String::new();
        for t in file.graph.iter() {
            let NamedOrBlankNodeRef::NamedNode(s) = t.subject else {
                continue;
            };
            if declared.contains(s.as_str()) || Some(s.as_str()) == header_iri {
                continue;
            }
            let _ = writeln!(
                axioms,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                self.link(from, s.as_str()),
                self.link(from, t.predicate.as_str()),
                self.term_value(from, t.object)
            );
        }
        if !axioms.is_empty() {
            let _ = write!(
                body,
                "<h2 id=\"axioms\">Axioms</h2>\n<table class=\"axioms\">\n<tr><th>Subject</th><th>Predicate</th><th>Object</th></tr>\n{axioms}</table>\n"
            );
        }
        let up = "../".repeat(from.matches('/').count());
        (page(&title, &up, &body), count)
    }

    fn render_term(&self, from: &str, term: &str, graph: &Graph) -> String {
        let label = literal(graph, nn(term), ns::RDFS_LABEL)
            .or_else(|| literal(graph, nn(term), ns::SKOS_PREF_LABEL))
            .unwrap_or_else(|| anchor(term).to_owned());
        let mut out = format!(
            "<section class=\"term\" id=\"{}\">\n<h3>{}</h3>\n<p class=\"iri\"><code>{}</code></p>\n<table>\n",
            escape(anchor(term)),
            escape(&label),
            escape(term)
        );
        let objs = |p: &str| named_objects(graph, term, p);
        let subs = |p: &str| named_subjects(graph, p, term);
        Self::row(
            &mut out,
            "Definition",
            &literal(graph, nn(term), ns::SKOS_DEFINITION)
                .map(|d| escape(&d))
                .unwrap_or_default(),
        );
        Self::row(&mut out, "Type", &self.links(from, &objs(ns::RDF_TYPE), 0));
        for (p, name) in [
            (ns::RDFS_SUBCLASSOF, "Superclasses"),
            (ns::OWL_EQUIVALENT_CLASS, "Equivalent classes"),
            (ns::RDFS_SUBPROPERTYOF, "Super-properties"),
            (ns::OWL_INVERSE_OF, "Inverse of"),
            (ns::RDFS_DOMAIN, "Domain"),
            (ns::RDFS_RANGE, "Range"),
        ] {
            Self::row(
                &mut out,
                name,
                &self.links(from, &objs(p), anonymous_objects(graph, term, p)),
            );
        }
        Self::row(
            &mut out,
            "Subclasses",
            &self.links(from, &subs(ns::RDFS_SUBCLASSOF), 0),
        );
        Self::row(
            &mut out,
            "Sub-properties",
            &self.links(from, &subs(ns::RDFS_SUBPROPERTYOF), 0),
        );
        Self::row(
            &mut out,
            "Properties with this domain",
            &self.links(from, &subs(ns::RDFS_DOMAIN), 0),
        );
        Self::row(
            &mut out,
            "Properties with this range",
            &self.links(from, &subs(ns::RDFS_RANGE), 0),
        );
        if let Some(pref) = literal(graph, nn(term), ns::SKOS_PREF_LABEL) {
            Self::row(&mut out, "Preferred label", &escape(&pref));
        }
        if let Some(notation) = literal(graph, nn(term), ns::SKOS_NOTATION) {
            Self::row(
                &mut out,
                "Notation",
                &format!("<code>{}</code>", escape(&notation)),
            );
        }
        let mut schemes = objs(ns::SKOS_IN_SCHEME);
        schemes.extend(objs("http://www.w3.org/2004/02/skos/core#topConceptOf"));
        schemes.sort_unstable();
        schemes.dedup();
        Self::row(&mut out, "Scheme", &self.links(from, &schemes, 0));
        Self::row(
            &mut out,
            "Broader",
            &self.links(from, &objs(ns::SKOS_BROADER), 0),
        );
        Self::row(
            &mut out,
            "Narrower",
            &self.links(from, &subs(ns::SKOS_BROADER), 0),
        );
        Self::row(
            &mut out,
            "Concepts",
            &self.links(from, &subs(ns::SKOS_IN_SCHEME), 0),
        );
        out.push_str("</table>\n</section>\n");
        out
    }

    fn render_index(&self, counts: &[(String, usize)]) -> String {
        let mut body = String::from(
            "<h1>TwinGraph ontology</h1>\n<p>The common ontology of TwinGraph: every adapter maps into it and every use-case query is written against it. \
             Term IRIs are <code>https://w3id.org/twingraph/def/{module}#{Term}</code>; each module below documents its terms, and its Turtle is beside it.</p>\n",
        );
        for (heading, filter) in [
            ("Modules", 0u8),
            ("Code lists (SKOS)", 1),
            ("Alignments", 2),
        ] {
            let rows: Vec<&OntologyFile> = self
                .ontology
                .files()
                .iter()
                .filter(|f| match filter {
                    0 => !f.module.contains('/'),
                    1 => f.module.starts_with("vocab/"),
                    _ => f.module.contains('/') && !f.module.starts_with("vocab/"),
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            let _ = write!(
                body,
                "<h2>{heading}</h2>\n<table>\n<tr><th>Module</th><th>Title</th><th>Version</th><th>Terms</th><th>Description</th></tr>\n"
            );
            for f in rows {
                let h = f.headers().first().copied();
                let get = |p: &str| h.and_then(|h| f.literal(h, p)).unwrap_or_default();
                let count = counts
                    .iter()
                    .find(|(m, _)| *m == f.module)
                    .map_or(0, |(_, c)| *c);
                let _ = writeln!(
                    body,
                    "<tr><td><a href=\"{m}.html\"><code>{m}</code></a> (<a href=\"{m}.ttl\">ttl</a>)</td><td>{}</td><td>{}</td><td>{count}</td><td>{}</td></tr>",
                    escape(&get(ns::DCTERMS_TITLE)),
                    escape(&get(ns::OWL_VERSION_INFO)),
                    escape(&get(ns::DCTERMS_DESCRIPTION)),
                    m = escape(&f.module),
                );
            }
            body.push_str("</table>\n");
        }
        page("TwinGraph ontology", "", &body)
    }
}

impl Ontology {
    /// Renders the HTML reference in memory.
    pub fn docs(&self) -> Docs {
        let renderer = Renderer {
            ontology: self,
            modules: self.files().iter().map(|f| f.module.as_str()).collect(),
        };
        let mut pages = Vec::new();
        let mut counts = Vec::new();
        let mut terms = 0;
        for file in self.files() {
            let (html, count) = renderer.render_module(file);
            terms += count;
            counts.push((file.module.clone(), count));
            pages.push(DocPage {
                path: format!("{}.html", file.module),
                media_type: HTML,
                content: html,
            });
            pages.push(DocPage {
                path: format!("{}.ttl", file.module),
                media_type: TURTLE,
                content: file.text.clone(),
            });
        }
        pages.insert(
            0,
            DocPage {
                path: "index.html".to_owned(),
                media_type: HTML,
                content: renderer.render_index(&counts),
            },
        );
        Docs {
            pages,
            modules: self.files().len(),
            terms,
        }
    }
}
