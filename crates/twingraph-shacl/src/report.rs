//! Validation reports: results, RDF serialisation and summaries.

use crate::path::Path;
use crate::util::as_subject;
use crate::vocab::{rdf, sh, xsd};
use oxigraph::model::{BlankNode, Graph, Literal, NamedNode, NamedNodeRef, Term, TripleRef};
use std::fmt::Write;

/// One `sh:ValidationResult`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ValidationResult {
    /// `sh:focusNode`.
    pub focus_node: Term,
    /// `sh:resultPath`.
    pub result_path: Option<Path>,
    /// `sh:value`.
    pub value: Option<Term>,
    /// `sh:sourceShape`.
    pub source_shape: Term,
    /// `sh:sourceConstraintComponent`.
    pub source_constraint_component: NamedNode,
    /// `sh:sourceConstraint`: the `sh:sparql` constraint node of SPARQL-based constraints.
    pub source_constraint: Option<Term>,
    /// `sh:resultSeverity`.
    pub severity: NamedNode,
    /// `sh:resultMessage` values.
    pub messages: Vec<Term>,
}

/// A `sh:ValidationReport`.
#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    results: Vec<ValidationResult>,
    failure: Option<String>,
}

fn local(n: &NamedNode) -> &str {
    n.as_str().rsplit(['#', '/']).next().unwrap_or(n.as_str())
}

impl ValidationReport {
    pub(crate) fn new(results: Vec<ValidationResult>, failure: Option<String>) -> Self {
        Self { results, failure }
    }

    /// `sh:conforms`: true iff there are no results and validation did not fail.
    pub fn conforms(&self) -> bool {
        self.results.is_empty() && self.failure.is_none()
    }

    /// The validation failure, if one happened (e.g. a SPARQL query could not be evaluated or
    /// reported `?failure`); the results are then incomplete.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// The validation results.
    pub fn results(&self) -> &[ValidationResult] {
        &self.results
    }

    /// The report in the W3C SHACL report vocabulary.
    pub fn to_graph(&self) -> Graph {
        let mut g = Graph::new();
        let report = Term::from(BlankNode::default());
        let rs = as_subject(&report).unwrap().into_owned();
        g.insert(TripleRef::new(&rs, rdf::TYPE, sh::VALIDATION_REPORT));
        let conforms = Literal::new_typed_literal(self.conforms().to_string(), xsd::BOOLEAN);
        g.insert(TripleRef::new(&rs, sh::CONFORMS, &conforms));
        for r in &self.results {
            let node = Term::from(BlankNode::default());
            let n = as_subject(&node).unwrap().into_owned();
            g.insert(TripleRef::new(&rs, sh::RESULT, &node));
            g.insert(TripleRef::new(&n, rdf::TYPE, sh::VALIDATION_RESULT));
            g.insert(TripleRef::new(&n, sh::FOCUS_NODE, &r.focus_node));
            if let Some(p) = &r.result_path {
                let pt = p.write(&mut g);
                g.insert(TripleRef::new(&n, sh::RESULT_PATH, &pt));
            }
            if let Some(v) = &r.value {
                g.insert(TripleRef::new(&n, sh::VALUE, v));
            }
            g.insert(TripleRef::new(&n, sh::SOURCE_SHAPE, &r.source_shape));
            let comp: NamedNodeRef<'_> = r.source_constraint_component.as_ref();
            g.insert(TripleRef::new(&n, sh::SOURCE_CONSTRAINT_COMPONENT, comp));
            if let Some(c) = &r.source_constraint {
                g.insert(TripleRef::new(&n, sh::SOURCE_CONSTRAINT, c));
            }
            g.insert(TripleRef::new(&n, sh::RESULT_SEVERITY, r.severity.as_ref()));
            for m in &r.messages {
                g.insert(TripleRef::new(&n, sh::RESULT_MESSAGE, m));
            }
        }
        g
    }

    /// A readable summary, grouped by source shape.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        if let Some(f) = &self.failure {
            let _ = writeln!(s, "Validation failure (results are incomplete): {f}");
        }
        if self.conforms() {
            s.push_str("Conforms: no validation results.\n");
            return s;
        }
        let _ = writeln!(s, "Does not conform: {} result(s).", self.results.len());
        let mut shapes: Vec<&Term> = Vec::new();
        for r in &self.results {
            if !shapes.contains(&&r.source_shape) {
                shapes.push(&r.source_shape);
            }
        }
        for shape in shapes {
            let group: Vec<_> = self
                .results
                .iter()
                .filter(|r| &r.source_shape == shape)
                .collect();
            let _ = writeln!(s, "\nShape {shape} ({} result(s)):", group.len());
            for r in group {
                let _ = write!(
                    s,
                    "  [{}] {} focus={}",
                    local(&r.severity),
                    local(&r.source_constraint_component),
                    r.focus_node
                );
                if let Some(p) = &r.result_path {
                    let _ = write!(s, " path={p}");
                }
                if let Some(v) = &r.value {
                    let _ = write!(s, " value={v}");
                }
                for m in &r.messages {
                    let text = match m {
                        Term::Literal(l) => l.value().to_string(),
                        other => other.to_string(),
                    };
                    let _ = write!(s, " — {text}");
                }
                s.push('\n');
            }
        }
        s
    }
}
