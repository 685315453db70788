//! Targets: which focus nodes a shape applies to.

use crate::util::{objects, subjects};
use crate::vocab::{rdf, rdfs};
use oxigraph::model::{Graph, NamedNode, Term};
use std::collections::HashSet;

/// A target declaration.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Node(Term),
    Class(Term),
    SubjectsOf(NamedNode),
    ObjectsOf(NamedNode),
    /// A SPARQL-based target (`sh:target` with `sh:select`), evaluated by the validator.
    Sparql(Box<crate::sparql::SparqlQuery>),
}

/// The focus nodes of a list of targets.
pub(crate) fn focus_nodes(targets: &[Target], data: &Graph) -> Vec<Term> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |t: Term| {
        if !seen.contains(&t) {
            seen.insert(t.clone());
            out.push(t);
        }
    };
    for t in targets {
        match t {
            Target::Node(n) => push(n.clone()),
            Target::Class(c) => {
                for class in subclasses(data, c) {
                    for i in subjects(data, rdf::TYPE, &class) {
                        push(i);
                    }
                }
            }
            Target::SubjectsOf(p) => {
                for tr in data.triples_for_predicate(p) {
                    push(tr.subject.into_owned().into());
                }
            }
            Target::ObjectsOf(p) => {
                for tr in data.triples_for_predicate(p) {
                    push(tr.object.into_owned());
                }
            }
            Target::Sparql(_) => {}
        }
    }
    out
}

/// `class` and all its transitive subclasses in `data`.
fn subclasses(data: &Graph, class: &Term) -> Vec<Term> {
    let mut seen = HashSet::new();
    let mut stack = vec![class.clone()];
    let mut out = Vec::new();
    while let Some(c) = stack.pop() {
        if seen.insert(c.clone()) {
            stack.extend(subjects(data, rdfs::SUB_CLASS_OF, &c));
            out.push(c);
        }
    }
    out
}

/// Whether `node` is a SHACL instance of `class` in `data`.
pub(crate) fn is_instance(data: &Graph, node: &Term, class: &Term) -> bool {
    let mut seen = HashSet::new();
    let mut stack = objects(data, node, rdf::TYPE);
    while let Some(c) = stack.pop() {
        if &c == class {
            return true;
        }
        if seen.insert(c.clone()) {
            stack.extend(objects(data, &c, rdfs::SUB_CLASS_OF));
        }
    }
    false
}
