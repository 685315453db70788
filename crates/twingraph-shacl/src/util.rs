//! Small graph helpers shared by the modules.

use crate::ShaclError;
use crate::vocab::rdf;
use oxigraph::model::{Graph, NamedNodeRef, NamedOrBlankNodeRef, Term};

/// The term as a subject, if it can be one.
pub fn as_subject(t: &Term) -> Option<NamedOrBlankNodeRef<'_>> {
    match t {
        Term::NamedNode(n) => Some(n.as_ref().into()),
        Term::BlankNode(b) => Some(b.as_ref().into()),
        _ => None,
    }
}

/// All objects of `s p ?o`.
pub fn objects(g: &Graph, s: &Term, p: NamedNodeRef<'_>) -> Vec<Term> {
    match as_subject(s) {
        Some(s) => g
            .objects_for_subject_predicate(s, p)
            .map(|o| o.into_owned())
            .collect(),
        None => Vec::new(),
    }
}

/// One object of `s p ?o`.
pub fn object(g: &Graph, s: &Term, p: NamedNodeRef<'_>) -> Option<Term> {
    objects(g, s, p).into_iter().next()
}

/// All subjects of `?s p o`.
pub fn subjects(g: &Graph, p: NamedNodeRef<'_>, o: &Term) -> Vec<Term> {
    g.subjects_for_predicate_object(p, o.as_ref())
        .map(|s| Term::from(s.into_owned()))
        .collect()
}

/// Whether `s p true` holds.
pub fn is_true(g: &Graph, s: &Term, p: NamedNodeRef<'_>) -> bool {
    objects(g, s, p)
        .iter()
        .any(|o| matches!(o, Term::Literal(l) if l.value() == "true" || l.value() == "1"))
}

/// Reads an RDF list.
pub fn read_list(g: &Graph, head: &Term) -> Result<Vec<Term>, ShaclError> {
    let mut out = Vec::new();
    let mut cur = head.clone();
    let mut guard = 0;
    while cur != Term::from(rdf::NIL) {
        guard += 1;
        let first = object(g, &cur, rdf::FIRST);
        let rest = object(g, &cur, rdf::REST);
        match (first, rest) {
            (Some(f), Some(r)) if guard < 100_000 => {
                out.push(f);
                cur = r;
            }
            _ => return Err(ShaclError::InvalidList(head.to_string())),
        }
    }
    Ok(out)
}

/// Pushes `t` if it is not already in `v`.
pub fn push_unique(v: &mut Vec<Term>, t: Term) {
    if !v.contains(&t) {
        v.push(t);
    }
}
