//! SHACL property paths: parsing, evaluation and serialisation.

use crate::ShaclError;
use crate::util::{as_subject, object, objects, read_list, subjects};
use crate::vocab::{rdf, sh};
use oxigraph::model::{BlankNode, Graph, NamedNode, Term, TripleRef};
use std::collections::HashSet;
use std::fmt;

/// A SHACL property path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Path {
    /// A predicate IRI.
    Predicate(NamedNode),
    /// `sh:inversePath`.
    Inverse(Box<Path>),
    /// A sequence path (RDF list).
    Sequence(Vec<Path>),
    /// `sh:alternativePath`.
    Alternative(Vec<Path>),
    /// `sh:zeroOrMorePath`.
    ZeroOrMore(Box<Path>),
    /// `sh:oneOrMorePath`.
    OneOrMore(Box<Path>),
    /// `sh:zeroOrOnePath`.
    ZeroOrOne(Box<Path>),
}

impl Path {
    /// Parses the path rooted at `node` in the shapes graph.
    pub(crate) fn parse(g: &Graph, node: &Term) -> Result<Self, ShaclError> {
        Self::parse_depth(g, node, 0)
    }

    fn parse_depth(g: &Graph, node: &Term, depth: usize) -> Result<Self, ShaclError> {
        let err = || ShaclError::InvalidPath(node.to_string());
        if depth > 64 {
            return Err(err());
        }
        let sub = |p| -> Result<Box<Path>, ShaclError> {
            let o = object(g, node, p).ok_or_else(err)?;
            Ok(Box::new(Self::parse_depth(g, &o, depth + 1)?))
        };
        match node {
            Term::NamedNode(n) => Ok(Path::Predicate(n.clone())),
            Term::BlankNode(_) => {
                if object(g, node, rdf::FIRST).is_some() {
                    let items = read_list(g, node)?
                        .iter()
                        .map(|i| Self::parse_depth(g, i, depth + 1))
                        .collect::<Result<Vec<_>, _>>()?;
                    if items.len() < 2 {
                        return Err(err());
                    }
                    Ok(Path::Sequence(items))
                } else if let Some(l) = object(g, node, sh::ALTERNATIVE_PATH) {
                    let items = read_list(g, &l)?
                        .iter()
                        .map(|i| Self::parse_depth(g, i, depth + 1))
                        .collect::<Result<Vec<_>, _>>()?;
                    if items.len() < 2 {
                        return Err(err());
                    }
                    Ok(Path::Alternative(items))
                } else if object(g, node, sh::INVERSE_PATH).is_some() {
                    Ok(Path::Inverse(sub(sh::INVERSE_PATH)?))
                } else if object(g, node, sh::ZERO_OR_MORE_PATH).is_some() {
                    Ok(Path::ZeroOrMore(sub(sh::ZERO_OR_MORE_PATH)?))
                } else if object(g, node, sh::ONE_OR_MORE_PATH).is_some() {
                    Ok(Path::OneOrMore(sub(sh::ONE_OR_MORE_PATH)?))
                } else if object(g, node, sh::ZERO_OR_ONE_PATH).is_some() {
                    Ok(Path::ZeroOrOne(sub(sh::ZERO_OR_ONE_PATH)?))
                } else {
                    Err(err())
                }
            }
            _ => Err(err()),
        }
    }

    /// The predicate IRI if this is a simple predicate path.
    pub fn as_predicate(&self) -> Option<&NamedNode> {
        match self {
            Path::Predicate(p) => Some(p),
            _ => None,
        }
    }

    /// This path as a SPARQL property path (used to substitute `$PATH`).
    pub fn to_sparql(&self) -> String {
        let join = |items: &[Path], sep: &str| {
            let parts: Vec<String> = items.iter().map(Path::to_sparql).collect();
            format!("({})", parts.join(sep))
        };
        match self {
            Path::Predicate(p) => p.to_string(),
            Path::Inverse(p) => format!("^({})", p.to_sparql()),
            Path::Sequence(items) => join(items, "/"),
            Path::Alternative(items) => join(items, "|"),
            Path::ZeroOrMore(p) => format!("({})*", p.to_sparql()),
            Path::OneOrMore(p) => format!("({})+", p.to_sparql()),
            Path::ZeroOrOne(p) => format!("({})?", p.to_sparql()),
        }
    }

    /// The value nodes reached from `focus` in `data`.
    pub fn eval(&self, data: &Graph, focus: &Term) -> Vec<Term> {
        self.eval_dir(data, std::slice::from_ref(focus), false)
    }

    fn eval_dir(&self, g: &Graph, from: &[Term], inv: bool) -> Vec<Term> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut add = |out: &mut Vec<Term>, t: Term| {
            if seen.insert(t.clone()) {
                out.push(t);
            }
        };
        match self {
            Path::Predicate(p) => {
                for f in from {
                    let next = if inv {
                        subjects(g, p.as_ref(), f)
                    } else {
                        objects(g, f, p.as_ref())
                    };
                    for t in next {
                        add(&mut out, t);
                    }
                }
            }
            Path::Inverse(p) => return p.eval_dir(g, from, !inv),
            Path::Sequence(items) => {
                let mut cur = from.to_vec();
                let ordered: Vec<&Path> = if inv {
                    items.iter().rev().collect()
                } else {
                    items.iter().collect()
                };
                for p in ordered {
                    cur = p.eval_dir(g, &cur, inv);
                }
                return cur;
            }
            Path::Alternative(items) => {
                for p in items {
                    for t in p.eval_dir(g, from, inv) {
                        add(&mut out, t);
                    }
                }
            }
            Path::ZeroOrOne(p) => {
                for t in from.iter().cloned().chain(p.eval_dir(g, from, inv)) {
                    add(&mut out, t);
                }
            }
            Path::ZeroOrMore(p) | Path::OneOrMore(p) => {
                let mut frontier = if matches!(self, Path::ZeroOrMore(_)) {
                    from.to_vec()
                } else {
                    p.eval_dir(g, from, inv)
                };
                while !frontier.is_empty() {
                    let mut fresh = Vec::new();
                    for t in frontier {
                        if seen.insert(t.clone()) {
                            out.push(t.clone());
                            fresh.push(t);
                        }
                    }
                    frontier = p.eval_dir(g, &fresh, inv);
                }
            }
        }
        out
    }

    /// Writes this path as RDF into `g`, returning its root node.
    pub fn write(&self, g: &mut Graph) -> Term {
        let bnode = |g: &mut Graph, p, o: &Term| -> Term {
            let b = Term::from(BlankNode::default());
            g.insert(TripleRef::new(as_subject(&b).unwrap(), p, o.as_ref()));
            b
        };
        match self {
            Path::Predicate(p) => p.clone().into(),
            Path::Inverse(p) => {
                let o = p.write(g);
                bnode(g, sh::INVERSE_PATH, &o)
            }
            Path::ZeroOrMore(p) => {
                let o = p.write(g);
                bnode(g, sh::ZERO_OR_MORE_PATH, &o)
            }
            Path::OneOrMore(p) => {
                let o = p.write(g);
                bnode(g, sh::ONE_OR_MORE_PATH, &o)
            }
            Path::ZeroOrOne(p) => {
                let o = p.write(g);
                bnode(g, sh::ZERO_OR_ONE_PATH, &o)
            }
            Path::Sequence(items) => write_list(g, items),
            Path::Alternative(items) => {
                let l = write_list(g, items);
                bnode(g, sh::ALTERNATIVE_PATH, &l)
            }
        }
    }
}

fn write_list(g: &mut Graph, items: &[Path]) -> Term {
    let mut head = Term::from(rdf::NIL);
    for p in items.iter().rev() {
        let first = p.write(g);
        let b = Term::from(BlankNode::default());
        let s = as_subject(&b).unwrap();
        g.insert(TripleRef::new(s, rdf::FIRST, first.as_ref()));
        g.insert(TripleRef::new(s, rdf::REST, head.as_ref()));
        head = b;
    }
    head
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let join = |f: &mut fmt::Formatter<'_>, items: &[Path], sep: &str| {
            write!(f, "(")?;
            for (i, p) in items.iter().enumerate() {
                if i > 0 {
                    write!(f, "{sep}")?;
                }
                write!(f, "{p}")?;
            }
            write!(f, ")")
        };
        match self {
            Path::Predicate(p) => write!(f, "{p}"),
            Path::Inverse(p) => write!(f, "^{p}"),
            Path::Sequence(items) => join(f, items, "/"),
            Path::Alternative(items) => join(f, items, "|"),
            Path::ZeroOrMore(p) => write!(f, "{p}*"),
            Path::OneOrMore(p) => write!(f, "{p}+"),
            Path::ZeroOrOne(p) => write!(f, "{p}?"),
        }
    }
}
