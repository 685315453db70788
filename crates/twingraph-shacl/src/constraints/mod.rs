//! Constraint components, grouped by family.

mod cardinality;
mod logical;
mod other;
mod property_pair;
mod shape_based;
pub(crate) mod string;
mod value_range;
mod value_type;

use crate::path::Path;
use crate::report::ValidationResult;
use crate::shapes::Shape;
use crate::validator::Ctx;
use oxigraph::model::{Literal, NamedNode, NamedNodeRef, Term};

/// One constraint of a shape.
#[derive(Debug)]
pub(crate) enum Constraint {
    Class(Term),
    Datatype(NamedNode),
    NodeKind(NamedNode),
    MinCount(u64),
    MaxCount(u64),
    MinExclusive(Term),
    MinInclusive(Term),
    MaxExclusive(Term),
    MaxInclusive(Term),
    MinLength(u64),
    MaxLength(u64),
    Pattern(Box<regex::Regex>),
    LanguageIn(Vec<String>),
    UniqueLang,
    Equals(NamedNode),
    Disjoint(NamedNode),
    LessThan(NamedNode),
    LessThanOrEquals(NamedNode),
    Not(Term),
    And(Vec<Term>),
    Or(Vec<Term>),
    Xone(Vec<Term>),
    Node(Term),
    Property(Term),
    Qualified {
        shape: Term,
        min: Option<u64>,
        max: Option<u64>,
        siblings: Vec<Term>,
    },
    Closed(Vec<NamedNode>),
    HasValue(Term),
    In(Vec<Term>),
    Sparql(Box<crate::sparql::constraint::SparqlConstraint>),
    Component(Box<crate::sparql::component::ComponentConstraint>),
}

/// A failed check, before it becomes a validation result.
pub(crate) struct Violation {
    pub value: Option<Term>,
    pub path: Option<Path>,
    pub component: NamedNodeRef<'static>,
    pub message: String,
}

impl Violation {
    pub fn new(value: Option<Term>, component: NamedNodeRef<'static>, message: String) -> Self {
        Self {
            value,
            path: None,
            component,
            message,
        }
    }
}

/// Evaluates one constraint for a focus node and its value nodes.
pub(crate) fn evaluate(
    c: &Constraint,
    cx: &Ctx<'_>,
    shape: &Shape,
    focus: &Term,
    values: &[Term],
    depth: usize,
    out: &mut Vec<ValidationResult>,
) {
    let v = match c {
        Constraint::Class(_) | Constraint::Datatype(_) | Constraint::NodeKind(_) => {
            value_type::check(c, cx.data, values)
        }
        Constraint::MinCount(_) | Constraint::MaxCount(_) => cardinality::check(c, values),
        Constraint::MinExclusive(_)
        | Constraint::MinInclusive(_)
        | Constraint::MaxExclusive(_)
        | Constraint::MaxInclusive(_) => value_range::check(c, values),
        Constraint::MinLength(_)
        | Constraint::MaxLength(_)
        | Constraint::Pattern(_)
        | Constraint::LanguageIn(_)
        | Constraint::UniqueLang => string::check(c, values),
        Constraint::Equals(_)
        | Constraint::Disjoint(_)
        | Constraint::LessThan(_)
        | Constraint::LessThanOrEquals(_) => property_pair::check(c, cx.data, focus, values),
        Constraint::Not(_) | Constraint::And(_) | Constraint::Or(_) | Constraint::Xone(_) => {
            logical::check(c, cx, values, depth)
        }
        Constraint::Property(p) => {
            if let Some(ps) = cx.shapes.get(p) {
                for val in values {
                    cx.validate_shape(ps, val, depth + 1, out);
                }
            }
            return;
        }
        Constraint::Sparql(sc) => {
            return crate::sparql::constraint::evaluate(sc, cx, shape, focus, out);
        }
        Constraint::Component(cc) => {
            return crate::sparql::component::evaluate(cc, cx, shape, focus, values, out);
        }
        Constraint::Node(_) | Constraint::Qualified { .. } => {
            shape_based::check(c, cx, values, depth)
        }
        Constraint::Closed(_) | Constraint::HasValue(_) | Constraint::In(_) => {
            other::check(c, cx.data, values)
        }
    };
    for viol in v {
        let messages = if shape.messages.is_empty() {
            vec![Literal::new_simple_literal(viol.message).into()]
        } else {
            shape.messages.clone()
        };
        out.push(ValidationResult {
            focus_node: focus.clone(),
            result_path: viol.path.or_else(|| shape.path.clone()),
            value: viol.value,
            source_shape: shape.id.clone(),
            source_constraint_component: viol.component.into_owned(),
            source_constraint: None,
            severity: shape.severity.clone(),
            messages,
        });
    }
}

/// Short display of a term for messages.
pub(crate) fn show(t: &Term) -> String {
    t.to_string()
}
