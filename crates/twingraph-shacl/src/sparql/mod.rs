//! SHACL-SPARQL: SPARQL-based constraints (`sh:sparql`), SPARQL-based constraint components
//! (`sh:ConstraintComponent`) and SPARQL-based targets (`sh:SPARQLTarget`), evaluated with
//! oxigraph's own SPARQL engine.
//!
//! The data graph is copied once per validation, lazily (only when a SPARQL query actually
//! runs), into an in-memory oxigraph `Store` as its default graph. When a query mentions
//! `$shapesGraph`, the shapes graph is added to that store as the named graph
//! [`SHAPES_GRAPH`] and `$shapesGraph` is pre-bound to that IRI.

pub(crate) mod component;
pub(crate) mod constraint;
pub(crate) mod prebind;

use crate::ShaclError;
use crate::path::Path;
use crate::util::{object, objects};
use crate::vocab::{owl, sh};
use oxigraph::model::{Graph, Literal, NamedNode, Quad, Term, Variable};
use oxigraph::sparql::QueryResults;
use oxigraph::store::Store;
use spargebra::algebra::GraphPattern;
use std::collections::HashMap;

/// The IRI of the named graph holding the shapes graph in the validation store; the value
/// pre-bound to `$shapesGraph`.
pub const SHAPES_GRAPH: &str = "urn:twingraph:shacl:shapes-graph";

/// A parsed SHACL-SPARQL query (`$PATH` already substituted), with the node that declares it.
#[derive(Debug, Clone)]
pub(crate) struct SparqlQuery {
    /// The node holding `sh:select`/`sh:ask` (for error messages).
    pub node: Term,
    pub query: spargebra::Query,
    /// Whether the query mentions `$shapesGraph` / `$currentShape`.
    pub uses_shapes_graph: bool,
    pub uses_current_shape: bool,
}

/// One solution: variable name to value.
pub(crate) type Solution = HashMap<String, Term>;

/// The prefix declarations of the `sh:prefixes` values of `node` (following `owl:imports`
/// of those values, as TopBraid does), as SPARQL `PREFIX` lines.
fn prefixes(g: &Graph, node: &Term) -> Result<String, ShaclError> {
    let mut seen: Vec<Term> = Vec::new();
    let mut stack = objects(g, node, sh::PREFIXES);
    let mut decls: Vec<(String, String)> = Vec::new();
    while let Some(p) = stack.pop() {
        if seen.contains(&p) {
            continue;
        }
        seen.push(p.clone());
        stack.extend(objects(g, &p, owl::IMPORTS));
        for d in objects(g, &p, sh::DECLARE) {
            let (Some(Term::Literal(prefix)), Some(Term::Literal(ns))) =
                (object(g, &d, sh::PREFIX), object(g, &d, sh::NAMESPACE))
            else {
                return Err(ShaclError::Sparql {
                    node: d.to_string(),
                    message: "a prefix declaration needs literal sh:prefix and sh:namespace".into(),
                });
            };
            let (prefix, ns) = (prefix.value().to_string(), ns.value().to_string());
            match decls.iter().find(|(p, _)| *p == prefix) {
                Some((_, other)) if *other != ns => {
                    return Err(ShaclError::Sparql {
                        node: node.to_string(),
                        message: format!(
                            "prefix {prefix}: is declared as both <{other}> and <{ns}>"
                        ),
                    });
                }
                Some(_) => {}
                None => decls.push((prefix, ns)),
            }
        }
    }
    Ok(decls
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect())
}

/// Replaces every `$PATH` token of `text` with `path` written as a SPARQL property path.
fn substitute_path(text: &str, path: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("$PATH") {
        let after = &rest[i + 5..];
        let ends = !after
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        out.push_str(&rest[..i]);
        out.push_str(if ends { path } else { "$PATH" });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Reads and parses the query of `node` (`sh:select` or `sh:ask`), with its prefixes and, for
/// property shapes, `$PATH` replaced by `path`; `prebound` are the potentially pre-bound
/// variables whose restrictions are checked (none for SPARQL-based targets, which are run
/// without pre-binding `$this`).
pub(crate) fn parse_query(
    g: &Graph,
    node: &Term,
    text: &str,
    path: Option<&Path>,
    prebound: &[&str],
) -> Result<SparqlQuery, ShaclError> {
    let text = match path {
        Some(p) => substitute_path(text, &p.to_sparql()),
        None => {
            if substitute_path(text, "") != text {
                return Err(ShaclError::Sparql {
                    node: node.to_string(),
                    message: "$PATH is used in a query of a node shape".into(),
                });
            }
            text.to_string()
        }
    };
    let full = format!("{}{text}", prefixes(g, node)?);
    let query = spargebra::SparqlParser::new()
        .parse_query(&full)
        .map_err(|e| ShaclError::Sparql {
            node: node.to_string(),
            message: e.to_string(),
        })?;
    // Queries without pre-bound variables (SPARQL-based targets) need no restrictions.
    if !prebound.is_empty() {
        prebind::check(&query, prebound).map_err(|reason| ShaclError::PreBinding {
            node: node.to_string(),
            reason,
        })?;
    }
    Ok(SparqlQuery {
        node: node.clone(),
        uses_shapes_graph: prebind::mentions(&query, "shapesGraph"),
        uses_current_shape: prebind::mentions(&query, "currentShape"),
        query,
    })
}

/// Builds the validation store: the data graph as default graph, plus the shapes graph as
/// [`SHAPES_GRAPH`] when given.
pub(crate) fn build_store(data: &Graph, shapes: Option<&Graph>) -> Result<Store, ShaclError> {
    let store = Store::new().map_err(|e| ShaclError::Store(e.to_string()))?;
    let mut quads: Vec<Quad> = data
        .iter()
        .map(|t| {
            t.into_owned()
                .in_graph(oxigraph::model::GraphName::DefaultGraph)
        })
        .collect();
    if let Some(s) = shapes {
        let g = NamedNode::new_unchecked(SHAPES_GRAPH);
        quads.extend(s.iter().map(|t| t.into_owned().in_graph(g.clone())));
    }
    store
        .extend(quads)
        .map_err(|e| ShaclError::Store(e.to_string()))?;
    Ok(store)
}

/// The standard pre-bound variables of a query run for `shape`.
pub(crate) fn standard_bindings(q: &SparqlQuery, shape: &Term) -> Vec<(Variable, Term)> {
    let mut out = Vec::new();
    if q.uses_shapes_graph {
        out.push((
            Variable::new_unchecked("shapesGraph"),
            NamedNode::new_unchecked(SHAPES_GRAPH).into(),
        ));
    }
    if q.uses_current_shape {
        out.push((Variable::new_unchecked("currentShape"), shape.clone()));
    }
    out
}

/// The query result: solutions of a SELECT, or the boolean of an ASK.
pub(crate) enum Answer {
    Solutions(Vec<Solution>),
    Boolean(bool),
}

/// Runs `q` on `store` with the pre-bound `bindings`.
pub(crate) fn exec(
    store: &Store,
    q: &SparqlQuery,
    bindings: &[(Variable, Term)],
) -> Result<Answer, ShaclError> {
    let mut query = q.query.clone();
    let mut constants = prebind::Constants::new();
    let mut blanks = Vec::new();
    for (v, t) in bindings {
        match t {
            Term::BlankNode(_) => blanks.push((v.clone(), t.clone())),
            _ => {
                constants.insert(v.clone(), t.clone());
            }
        }
    }
    let pattern = match &mut query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Ask { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. } => pattern,
    };
    prebind::substitute(pattern, &constants);
    // With the GeoSPARQL functions, as every other query of TwinGraph.
    let mut evaluator = twingraph_geo::evaluator();
    if !blanks.is_empty() {
        // Blank nodes are passed as initial bindings of the outermost projection; the
        // optimiser would treat those variables as unbound, so it is switched off.
        expose(pattern, &blanks);
        evaluator = evaluator.without_optimizations();
    }
    let mut prepared = evaluator.for_query(query).on_store(store);
    for (v, t) in &blanks {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    let err = |e: &dyn std::fmt::Display| ShaclError::Sparql {
        node: q.node.to_string(),
        message: e.to_string(),
    };
    match prepared.execute().map_err(|e| err(&e))? {
        QueryResults::Boolean(b) => Ok(Answer::Boolean(b)),
        QueryResults::Solutions(solutions) => {
            let mut out = Vec::new();
            for s in solutions {
                let s = s.map_err(|e| err(&e))?;
                let mut row: Solution = s
                    .iter()
                    .map(|(v, t)| (v.as_str().to_string(), t.clone()))
                    .collect();
                for (v, t) in bindings {
                    row.entry(v.as_str().to_string())
                        .or_insert_with(|| t.clone());
                }
                out.push(row);
            }
            Ok(Answer::Solutions(out))
        }
        QueryResults::Graph(_) => Err(err(&"CONSTRUCT/DESCRIBE queries are not validators")),
    }
}

/// Makes the blank-node bound variables part of the outermost projection, so oxigraph accepts
/// them as initial bindings (ASK patterns get a projection of their own).
fn expose(pattern: &mut GraphPattern, blanks: &[(Variable, Term)]) {
    let mut root = pattern;
    loop {
        match root {
            GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => root = inner,
            GraphPattern::Project { variables, .. } => {
                for (v, _) in blanks {
                    if !variables.contains(v) {
                        variables.push(v.clone());
                    }
                }
                return;
            }
            other => {
                let inner = std::mem::replace(
                    other,
                    GraphPattern::Bgp {
                        patterns: Vec::new(),
                    },
                );
                *other = GraphPattern::Project {
                    inner: Box::new(inner),
                    variables: blanks.iter().map(|(v, _)| v.clone()).collect(),
                };
                return;
            }
        }
    }
}

/// Fills a message template: `{$var}` and `{?var}` become the value of `var`.
pub(crate) fn fill_message(template: &Term, values: &Solution) -> Term {
    let Term::Literal(l) = template else {
        return template.clone();
    };
    let mut text = l.value().to_string();
    for (name, value) in values {
        let shown = match value {
            Term::Literal(v) => v.value().to_string(),
            Term::NamedNode(n) => n.as_str().to_string(),
            other => other.to_string(),
        };
        for sigil in ['$', '?'] {
            text = text.replace(&format!("{{{sigil}{name}}}"), &shown);
        }
    }
    match l.language() {
        Some(lang) => Literal::new_language_tagged_literal_unchecked(text, lang).into(),
        None => Literal::new_simple_literal(text).into(),
    }
}

/// Whether a solution asks to report a failure (`?failure` is `true`).
pub(crate) fn is_failure(s: &Solution) -> bool {
    matches!(s.get("failure"), Some(Term::Literal(l)) if l.value() == "true" || l.value() == "1")
}
