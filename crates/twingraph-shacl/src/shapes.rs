//! Reading shapes from a shapes graph.

use crate::ShaclError;
use crate::constraints::Constraint;
use crate::path::Path;
use crate::sparql::{component, constraint};
use crate::targets::Target;
use crate::util::{is_true, object, objects, read_list, subjects};
use crate::vocab::{rdf, rdfs, sh};
use oxigraph::model::{Graph, NamedNode, NamedNodeRef, Term, TermRef};
use std::collections::HashMap;

/// One SHACL shape (node or property shape).
#[derive(Debug)]
pub(crate) struct Shape {
    pub id: Term,
    pub path: Option<Path>,
    pub targets: Vec<Target>,
    pub deactivated: bool,
    pub severity: NamedNode,
    pub messages: Vec<Term>,
    pub constraints: Vec<Constraint>,
}

/// The shapes of a shapes graph, ready for validation.
#[derive(Debug, Default)]
pub struct Shapes {
    pub(crate) shapes: Vec<Shape>,
    pub(crate) index: HashMap<Term, usize>,
    unsupported: Vec<String>,
    /// A copy of the shapes graph, kept only when a SPARQL query mentions `$shapesGraph`.
    pub(crate) shapes_graph: Option<Graph>,
}

/// Features beyond SHACL Core and SHACL-SPARQL (from SHACL Advanced Features and SHACL-JS)
/// that this validator does not evaluate; shapes using them are still read, but those parts
/// are not applied, and [`Shapes::unsupported`] says so.
const UNSUPPORTED: [(&str, &str); 4] = [
    (
        "http://www.w3.org/ns/shacl#SPARQLTargetType",
        "SPARQL-based target types (sh:SPARQLTargetType)",
    ),
    ("http://www.w3.org/ns/shacl#rule", "rules (sh:rule)"),
    (
        "http://www.w3.org/ns/shacl#SPARQLFunction",
        "SPARQL functions (sh:SPARQLFunction)",
    ),
    (
        "http://www.w3.org/ns/shacl#js",
        "SHACL-JS constraints (sh:js)",
    ),
];

impl Shapes {
    /// Reads every shape declared or referenced in `graph`.
    pub fn from_graph(graph: &Graph) -> Result<Self, ShaclError> {
        let mut work: Vec<Term> = Vec::new();
        for class in [sh::NODE_SHAPE, sh::PROPERTY_SHAPE] {
            work.extend(subjects(graph, rdf::TYPE, &class.into()));
        }
        for p in [
            sh::TARGET_CLASS,
            sh::TARGET_NODE,
            sh::TARGET_SUBJECTS_OF,
            sh::TARGET_OBJECTS_OF,
            sh::TARGET,
        ] {
            work.extend(
                graph
                    .triples_for_predicate(p)
                    .map(|t| t.subject.into_owned().into()),
            );
        }
        let mut out = Shapes::default();
        for (iri, feature) in UNSUPPORTED {
            let node = NamedNodeRef::new_unchecked(iri);
            let uses =
                graph.triples_for_predicate(node).count() + graph.triples_for_object(node).count();
            if uses > 0 {
                out.unsupported.push(format!(
                    "{feature}: {uses} use(s) in the shapes graph are not applied (SHACL Advanced Features and SHACL-JS are not supported)"
                ));
            }
        }
        let components = component::find(graph)?;
        let mut i = 0;
        while i < work.len() {
            let id = work[i].clone();
            i += 1;
            if out.index.contains_key(&id) {
                continue;
            }
            let shape = parse_shape(graph, &components, &id, &mut work)?;
            out.index.insert(id, out.shapes.len());
            out.shapes.push(shape);
        }
        let mentions_shapes_graph = [sh::SELECT, sh::ASK].into_iter().any(|p| {
            graph.triples_for_predicate(p).any(
                |t| matches!(t.object, TermRef::Literal(l) if l.value().contains("shapesGraph")),
            )
        });
        if mentions_shapes_graph {
            out.shapes_graph = Some(graph.clone());
        }
        Ok(out)
    }

    /// Number of shapes read.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Features of the shapes graph that are not evaluated, one sentence each (empty when
    /// every constraint is checked).
    pub fn unsupported(&self) -> &[String] {
        &self.unsupported
    }

    /// Whether no shape was read.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }

    pub(crate) fn get(&self, id: &Term) -> Option<&Shape> {
        self.index.get(id).map(|&i| &self.shapes[i])
    }
}

fn bad(shape: &Term, p: NamedNodeRef<'_>, reason: &str) -> ShaclError {
    ShaclError::InvalidParameter {
        shape: shape.to_string(),
        parameter: p.to_string(),
        reason: reason.to_string(),
    }
}

fn iri(shape: &Term, p: NamedNodeRef<'_>, t: Term) -> Result<NamedNode, ShaclError> {
    match t {
        Term::NamedNode(n) => Ok(n),
        _ => Err(bad(shape, p, "expected an IRI")),
    }
}

fn int(shape: &Term, p: NamedNodeRef<'_>, t: &Term) -> Result<u64, ShaclError> {
    match t {
        Term::Literal(l) => l
            .value()
            .parse()
            .map_err(|_| bad(shape, p, "expected a non-negative integer")),
        _ => Err(bad(shape, p, "expected a literal")),
    }
}

fn parse_shape(
    g: &Graph,
    components: &[component::Component],
    id: &Term,
    work: &mut Vec<Term>,
) -> Result<Shape, ShaclError> {
    let path = match object(g, id, sh::PATH) {
        Some(p) => Some(Path::parse(g, &p)?),
        None => None,
    };
    let is_property = path.is_some();
    let mut targets = Vec::new();
    for t in objects(g, id, sh::TARGET_NODE) {
        targets.push(Target::Node(t));
    }
    for t in objects(g, id, sh::TARGET_CLASS) {
        targets.push(Target::Class(t));
    }
    for t in objects(g, id, sh::TARGET_SUBJECTS_OF) {
        targets.push(Target::SubjectsOf(iri(id, sh::TARGET_SUBJECTS_OF, t)?));
    }
    for t in objects(g, id, sh::TARGET_OBJECTS_OF) {
        targets.push(Target::ObjectsOf(iri(id, sh::TARGET_OBJECTS_OF, t)?));
    }
    for t in objects(g, id, sh::TARGET) {
        if let Some(Term::Literal(select)) = object(g, &t, sh::SELECT) {
            let q = crate::sparql::parse_query(g, &t, select.value(), None, &[])?;
            targets.push(Target::Sparql(Box::new(q)));
        }
    }
    let types = objects(g, id, rdf::TYPE);
    if types.contains(&rdfs::CLASS.into())
        && (types.contains(&sh::NODE_SHAPE.into()) || types.contains(&sh::PROPERTY_SHAPE.into()))
    {
        targets.push(Target::Class(id.clone()));
    }
    let severity = match object(g, id, sh::SEVERITY) {
        Some(Term::NamedNode(n)) => n,
        _ => sh::VIOLATION.into_owned(),
    };
    let mut c = Vec::new();
    for o in objects(g, id, sh::CLASS) {
        c.push(Constraint::Class(o));
    }
    for o in objects(g, id, sh::DATATYPE) {
        c.push(Constraint::Datatype(iri(id, sh::DATATYPE, o)?));
    }
    for o in objects(g, id, sh::NODE_KIND) {
        c.push(Constraint::NodeKind(iri(id, sh::NODE_KIND, o)?));
    }
    if is_property {
        for o in objects(g, id, sh::MIN_COUNT) {
            c.push(Constraint::MinCount(int(id, sh::MIN_COUNT, &o)?));
        }
        for o in objects(g, id, sh::MAX_COUNT) {
            c.push(Constraint::MaxCount(int(id, sh::MAX_COUNT, &o)?));
        }
        if let Some(o) = object(g, id, sh::UNIQUE_LANG) {
            if matches!(&o, Term::Literal(l) if l.value() == "true") {
                c.push(Constraint::UniqueLang);
            }
        }
    }
    for o in objects(g, id, sh::MIN_EXCLUSIVE) {
        c.push(Constraint::MinExclusive(o));
    }
    for o in objects(g, id, sh::MIN_INCLUSIVE) {
        c.push(Constraint::MinInclusive(o));
    }
    for o in objects(g, id, sh::MAX_EXCLUSIVE) {
        c.push(Constraint::MaxExclusive(o));
    }
    for o in objects(g, id, sh::MAX_INCLUSIVE) {
        c.push(Constraint::MaxInclusive(o));
    }
    for o in objects(g, id, sh::MIN_LENGTH) {
        c.push(Constraint::MinLength(int(id, sh::MIN_LENGTH, &o)?));
    }
    for o in objects(g, id, sh::MAX_LENGTH) {
        c.push(Constraint::MaxLength(int(id, sh::MAX_LENGTH, &o)?));
    }
    let flags = match object(g, id, sh::FLAGS) {
        Some(Term::Literal(l)) => l.value().to_string(),
        _ => String::new(),
    };
    for o in objects(g, id, sh::PATTERN) {
        let Term::Literal(l) = &o else {
            return Err(bad(id, sh::PATTERN, "expected a literal"));
        };
        let re = crate::constraints::string::compile(l.value(), &flags)
            .map_err(|e| bad(id, sh::PATTERN, &e.to_string()))?;
        c.push(Constraint::Pattern(Box::new(re)));
    }
    for o in objects(g, id, sh::LANGUAGE_IN) {
        let langs = read_list(g, &o)?
            .into_iter()
            .filter_map(|t| match t {
                Term::Literal(l) => Some(l.value().to_ascii_lowercase()),
                _ => None,
            })
            .collect();
        c.push(Constraint::LanguageIn(langs));
    }
    for (p, mk) in [
        (
            sh::EQUALS,
            Constraint::Equals as fn(NamedNode) -> Constraint,
        ),
        (sh::DISJOINT, Constraint::Disjoint),
        (sh::LESS_THAN, Constraint::LessThan),
        (sh::LESS_THAN_OR_EQUALS, Constraint::LessThanOrEquals),
    ] {
        for o in objects(g, id, p) {
            c.push(mk(iri(id, p, o)?));
        }
    }
    for o in objects(g, id, sh::NOT) {
        work.push(o.clone());
        c.push(Constraint::Not(o));
    }
    for (p, mk) in [
        (sh::AND, Constraint::And as fn(Vec<Term>) -> Constraint),
        (sh::OR, Constraint::Or),
        (sh::XONE, Constraint::Xone),
    ] {
        for o in objects(g, id, p) {
            let members = read_list(g, &o)?;
            work.extend(members.iter().cloned());
            c.push(mk(members));
        }
    }
    for o in objects(g, id, sh::NODE) {
        work.push(o.clone());
        c.push(Constraint::Node(o));
    }
    for o in objects(g, id, sh::PROPERTY) {
        work.push(o.clone());
        c.push(Constraint::Property(o));
    }
    if is_property {
        for q in objects(g, id, sh::QUALIFIED_VALUE_SHAPE) {
            work.push(q.clone());
            let min = match object(g, id, sh::QUALIFIED_MIN_COUNT) {
                Some(o) => Some(int(id, sh::QUALIFIED_MIN_COUNT, &o)?),
                None => None,
            };
            let max = match object(g, id, sh::QUALIFIED_MAX_COUNT) {
                Some(o) => Some(int(id, sh::QUALIFIED_MAX_COUNT, &o)?),
                None => None,
            };
            let mut siblings = Vec::new();
            if is_true(g, id, sh::QUALIFIED_VALUE_SHAPES_DISJOINT) {
                for parent in subjects(g, sh::PROPERTY, id) {
                    for sib in objects(g, &parent, sh::PROPERTY) {
                        for s in objects(g, &sib, sh::QUALIFIED_VALUE_SHAPE) {
                            if s != q && !siblings.contains(&s) {
                                siblings.push(s);
                            }
                        }
                    }
                }
            }
            c.push(Constraint::Qualified {
                shape: q,
                min,
                max,
                siblings,
            });
        }
    }
    if is_true(g, id, sh::CLOSED) {
        let mut allowed: Vec<NamedNode> = match object(g, id, sh::IGNORED_PROPERTIES) {
            Some(l) => read_list(g, &l)?
                .into_iter()
                .filter_map(|t| match t {
                    Term::NamedNode(n) => Some(n),
                    _ => None,
                })
                .collect(),
            None => Vec::new(),
        };
        for p in objects(g, id, sh::PROPERTY) {
            if let Some(Term::NamedNode(n)) = object(g, &p, sh::PATH) {
                allowed.push(n);
            }
        }
        c.push(Constraint::Closed(allowed));
    }
    for o in objects(g, id, sh::HAS_VALUE) {
        c.push(Constraint::HasValue(o));
    }
    for o in objects(g, id, sh::IN) {
        c.push(Constraint::In(read_list(g, &o)?));
    }
    for sc in constraint::parse(g, id, path.as_ref())? {
        c.push(Constraint::Sparql(Box::new(sc)));
    }
    for cc in component::parse(g, components, id, path.as_ref())? {
        c.push(Constraint::Component(Box::new(cc)));
    }
    Ok(Shape {
        id: id.clone(),
        path,
        targets,
        deactivated: is_true(g, id, sh::DEACTIVATED),
        severity,
        messages: objects(g, id, sh::MESSAGE),
        constraints: c,
    })
}
