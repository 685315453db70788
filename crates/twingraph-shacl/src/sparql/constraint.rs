//! SPARQL-based constraints (`sh:sparql` with `sh:select`), SHACL §5.

use super::{Answer, Solution, SparqlQuery, exec, fill_message, is_failure, parse_query};
use crate::ShaclError;
use crate::path::Path;
use crate::report::ValidationResult;
use crate::shapes::Shape;
use crate::util::{is_true, object, objects};
use crate::validator::Ctx;
use crate::vocab::sh;
use oxigraph::model::{Graph, Literal, Term, Variable};

/// One `sh:sparql` constraint of a shape.
#[derive(Debug)]
pub(crate) struct SparqlConstraint {
    /// The constraint node (`sh:sourceConstraint`).
    pub node: Term,
    pub query: SparqlQuery,
    pub messages: Vec<Term>,
}

/// Reads the active `sh:sparql` constraints of shape `id` (with path `path`).
pub(crate) fn parse(
    g: &Graph,
    id: &Term,
    path: Option<&Path>,
) -> Result<Vec<SparqlConstraint>, ShaclError> {
    let mut out = Vec::new();
    for node in objects(g, id, sh::SPARQL) {
        if is_true(g, &node, sh::DEACTIVATED) {
            continue;
        }
        let Some(Term::Literal(select)) = object(g, &node, sh::SELECT) else {
            return Err(ShaclError::Sparql {
                node: node.to_string(),
                message: "a SPARQL-based constraint needs exactly one literal sh:select".into(),
            });
        };
        let query = parse_query(g, &node, select.value(), path, &["this"])?;
        if !matches!(query.query, spargebra::Query::Select { .. }) {
            return Err(ShaclError::Sparql {
                node: node.to_string(),
                message: "sh:select must be a SELECT query".into(),
            });
        }
        out.push(SparqlConstraint {
            messages: objects(g, &node, sh::MESSAGE),
            node,
            query,
        });
    }
    Ok(out)
}

/// Evaluates a SPARQL-based constraint for one focus node.
pub(crate) fn evaluate(
    c: &SparqlConstraint,
    cx: &Ctx<'_>,
    shape: &Shape,
    focus: &Term,
    out: &mut Vec<ValidationResult>,
) {
    let mut bindings = super::standard_bindings(&c.query, &shape.id);
    bindings.push((Variable::new_unchecked("this"), focus.clone()));
    let Some(solutions) = run(cx, &c.query, &bindings) else {
        return;
    };
    for s in solutions {
        if is_failure(&s) {
            cx.fail(ShaclError::Failure {
                node: c.node.to_string(),
                reason: format!("?failure is true for focus node {focus}"),
            });
            continue;
        }
        out.push(result(
            shape,
            focus,
            &s,
            &c.messages,
            sh::SPARQL_CC.into_owned(),
            Some(c.node.clone()),
        ));
    }
}

/// Runs a SELECT query, recording a failure in `cx` when it cannot run.
pub(crate) fn run(
    cx: &Ctx<'_>,
    q: &SparqlQuery,
    bindings: &[(Variable, Term)],
) -> Option<Vec<Solution>> {
    let store = match cx.store() {
        Ok(s) => s,
        Err(e) => {
            cx.fail(e);
            return None;
        }
    };
    match exec(store, q, bindings) {
        Ok(Answer::Solutions(s)) => Some(s),
        Ok(Answer::Boolean(_)) => {
            cx.fail(ShaclError::Sparql {
                node: q.node.to_string(),
                message: "expected a SELECT query".into(),
            });
            None
        }
        Err(e) => {
            cx.fail(e);
            None
        }
    }
}

/// The validation result for one solution of a SELECT-based constraint or validator (§5.3.2).
pub(crate) fn result(
    shape: &Shape,
    focus: &Term,
    s: &Solution,
    templates: &[Term],
    component: oxigraph::model::NamedNode,
    source_constraint: Option<Term>,
) -> ValidationResult {
    let focus_node = s.get("this").cloned().unwrap_or_else(|| focus.clone());
    let result_path = match s.get("path") {
        Some(Term::NamedNode(p)) => Some(Path::Predicate(p.clone())),
        _ => shape.path.clone(),
    };
    let value = s.get("value").cloned().or_else(|| Some(focus_node.clone()));
    let messages = if let Some(m) = s.get("message") {
        vec![m.clone()]
    } else if !templates.is_empty() {
        templates.iter().map(|t| fill_message(t, s)).collect()
    } else if !shape.messages.is_empty() {
        shape.messages.iter().map(|t| fill_message(t, s)).collect()
    } else {
        vec![
            Literal::new_simple_literal(format!(
                "{focus_node} violates the SPARQL-based constraint {}",
                source_constraint
                    .as_ref()
                    .unwrap_or(&component.clone().into())
            ))
            .into(),
        ]
    };
    ValidationResult {
        focus_node,
        result_path,
        value,
        source_shape: shape.id.clone(),
        source_constraint_component: component,
        source_constraint,
        severity: shape.severity.clone(),
        messages,
    }
}
