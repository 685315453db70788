//! Pre-binding of variables (SHACL §5.6 / Appendix A): the syntax restrictions that make it
//! well-defined, and the substitution of pre-bound values into the query algebra.
//!
//! A pre-bound IRI or literal is substituted as a constant (every occurrence of the variable
//! becomes the term and `bound(?v)` becomes `true`), which is what joining every basic graph
//! pattern, path and `GRAPH ?v` with the binding amounts to once the restrictions hold; it also
//! lets oxigraph's optimiser plan with the constant. Blank nodes cannot be written as
//! constants in the algebra, so those are passed to oxigraph as initial bindings instead (see
//! `super::exec`).

use oxigraph::model::{Literal, Term, Variable};
use spargebra::algebra::{AggregateExpression, Expression, GraphPattern, OrderExpression};
use spargebra::term::{NamedNodePattern, TermPattern};
use std::collections::HashMap;

/// Checks the pre-binding restrictions: no `MINUS`, `VALUES` or `SERVICE`, no `AS ?v` for a
/// potentially pre-bound variable `?v`, and nested `SELECT`s project every potentially
/// pre-bound variable. Returns what is wrong.
pub(crate) fn check(query: &spargebra::Query, prebound: &[&str]) -> Result<(), String> {
    let pattern = match query {
        spargebra::Query::Select { pattern, .. } | spargebra::Query::Ask { pattern, .. } => pattern,
        spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. } => pattern,
    };
    // The outermost projection of a SELECT is not a nested SELECT.
    let mut root = pattern;
    loop {
        match root {
            GraphPattern::Distinct { inner }
            | GraphPattern::Reduced { inner }
            | GraphPattern::Slice { inner, .. } => root = inner,
            GraphPattern::Project { inner, .. } => {
                return check_pattern(inner, prebound);
            }
            _ => return check_pattern(root, prebound),
        }
    }
}

fn check_pattern(p: &GraphPattern, prebound: &[&str]) -> Result<(), String> {
    let rebinds = |v: &Variable| {
        if prebound.contains(&v.as_str()) {
            Err(format!("AS ?{} re-binds a pre-bound variable", v.as_str()))
        } else {
            Ok(())
        }
    };
    match p {
        GraphPattern::Bgp { .. } | GraphPattern::Path { .. } => Ok(()),
        GraphPattern::Minus { .. } => Err("MINUS".into()),
        GraphPattern::Values { .. } => Err("VALUES".into()),
        GraphPattern::Service { .. } => Err("SERVICE".into()),
        GraphPattern::Join { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Lateral { left, right } => {
            check_pattern(left, prebound)?;
            check_pattern(right, prebound)
        }
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => {
            check_pattern(left, prebound)?;
            check_pattern(right, prebound)?;
            match expression {
                Some(e) => check_expr(e, prebound),
                None => Ok(()),
            }
        }
        GraphPattern::Filter { expr, inner } => {
            check_expr(expr, prebound)?;
            check_pattern(inner, prebound)
        }
        GraphPattern::Graph { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. } => check_pattern(inner, prebound),
        GraphPattern::OrderBy { inner, expression } => {
            for e in expression {
                match e {
                    OrderExpression::Asc(e) | OrderExpression::Desc(e) => check_expr(e, prebound)?,
                }
            }
            check_pattern(inner, prebound)
        }
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => {
            rebinds(variable)?;
            check_expr(expression, prebound)?;
            check_pattern(inner, prebound)
        }
        GraphPattern::Group {
            inner, aggregates, ..
        } => {
            for (v, a) in aggregates {
                rebinds(v)?;
                if let AggregateExpression::FunctionCall { expr, .. } = a {
                    check_expr(expr, prebound)?;
                }
            }
            check_pattern(inner, prebound)
        }
        GraphPattern::Project { inner, variables } => {
            if let Some(missing) = prebound
                .iter()
                .find(|p| !variables.iter().any(|v| v.as_str() == **p))
            {
                return Err(format!(
                    "a nested SELECT that does not project the pre-bound variable ?{missing}"
                ));
            }
            check_pattern(inner, prebound)
        }
    }
}

fn check_expr(e: &Expression, prebound: &[&str]) -> Result<(), String> {
    let mut result = Ok(());
    visit_expr(e, &mut |p| {
        if result.is_ok() {
            result = check_pattern(p, prebound);
        }
    });
    result
}

/// Calls `f` on every graph pattern nested in `e` (EXISTS / NOT EXISTS).
fn visit_expr(e: &Expression, f: &mut dyn FnMut(&GraphPattern)) {
    match e {
        Expression::NamedNode(_)
        | Expression::Literal(_)
        | Expression::Variable(_)
        | Expression::Bound(_) => {}
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => {
            visit_expr(a, f);
            visit_expr(b, f);
        }
        Expression::In(a, list) => {
            visit_expr(a, f);
            for x in list {
                visit_expr(x, f);
            }
        }
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => {
            visit_expr(a, f)
        }
        Expression::Exists(p) => f(p),
        Expression::If(a, b, c) => {
            visit_expr(a, f);
            visit_expr(b, f);
            visit_expr(c, f);
        }
        Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
            for x in list {
                visit_expr(x, f);
            }
        }
    }
}

/// Pre-bound values that can be written as constants (IRIs and literals).
pub(crate) type Constants = HashMap<Variable, Term>;

/// A pattern that has no solutions (an empty `VALUES` table, built here, never parsed).
fn nothing() -> GraphPattern {
    GraphPattern::Values {
        variables: Vec::new(),
        bindings: Vec::new(),
    }
}

fn term_pattern(t: &mut TermPattern, m: &Constants) {
    if let TermPattern::Variable(v) = t {
        match m.get(v) {
            Some(Term::NamedNode(n)) => *t = TermPattern::NamedNode(n.clone()),
            Some(Term::Literal(l)) => *t = TermPattern::Literal(l.clone()),
            _ => {}
        }
    }
}

/// Substitutes into a `NamedNodePattern`; false if the value is not an IRI (no match).
fn named_node_pattern(n: &mut NamedNodePattern, m: &Constants) -> bool {
    if let NamedNodePattern::Variable(v) = n {
        match m.get(v) {
            Some(Term::NamedNode(iri)) => *n = NamedNodePattern::NamedNode(iri.clone()),
            Some(_) => return false,
            None => {}
        }
    }
    true
}

/// Substitutes the constants `m` into `p`.
pub(crate) fn substitute(p: &mut GraphPattern, m: &Constants) {
    match p {
        GraphPattern::Bgp { patterns } => {
            for t in patterns.iter_mut() {
                term_pattern(&mut t.subject, m);
                term_pattern(&mut t.object, m);
                if !named_node_pattern(&mut t.predicate, m) {
                    *p = nothing();
                    return;
                }
            }
        }
        GraphPattern::Path {
            subject, object, ..
        } => {
            term_pattern(subject, m);
            term_pattern(object, m);
        }
        GraphPattern::Join { left, right }
        | GraphPattern::Union { left, right }
        | GraphPattern::Lateral { left, right }
        | GraphPattern::Minus { left, right } => {
            substitute(left, m);
            substitute(right, m);
        }
        GraphPattern::LeftJoin {
            left,
            right,
            expression,
        } => {
            substitute(left, m);
            substitute(right, m);
            if let Some(e) = expression {
                substitute_expr(e, m);
            }
        }
        GraphPattern::Filter { expr, inner } => {
            substitute_expr(expr, m);
            substitute(inner, m);
        }
        GraphPattern::Graph { name, inner } => {
            if !named_node_pattern(name, m) {
                *p = nothing();
                return;
            }
            substitute(inner, m);
        }
        GraphPattern::Service { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::Project { inner, .. } => substitute(inner, m),
        GraphPattern::Extend {
            inner, expression, ..
        } => {
            substitute_expr(expression, m);
            substitute(inner, m);
        }
        GraphPattern::Values { .. } => {}
        GraphPattern::OrderBy { inner, expression } => {
            for e in expression.iter_mut() {
                match e {
                    OrderExpression::Asc(e) | OrderExpression::Desc(e) => substitute_expr(e, m),
                }
            }
            substitute(inner, m);
        }
        GraphPattern::Group {
            inner, aggregates, ..
        } => {
            for (_, a) in aggregates.iter_mut() {
                if let AggregateExpression::FunctionCall { expr, .. } = a {
                    substitute_expr(expr, m);
                }
            }
            substitute(inner, m);
        }
    }
}

fn substitute_expr(e: &mut Expression, m: &Constants) {
    match e {
        Expression::Variable(v) => match m.get(v) {
            Some(Term::NamedNode(n)) => *e = Expression::NamedNode(n.clone()),
            Some(Term::Literal(l)) => *e = Expression::Literal(l.clone()),
            _ => {}
        },
        Expression::Bound(v) => {
            if m.contains_key(v) {
                *e = Expression::Literal(Literal::from(true));
            }
        }
        Expression::NamedNode(_) | Expression::Literal(_) => {}
        Expression::Or(a, b)
        | Expression::And(a, b)
        | Expression::Equal(a, b)
        | Expression::SameTerm(a, b)
        | Expression::Greater(a, b)
        | Expression::GreaterOrEqual(a, b)
        | Expression::Less(a, b)
        | Expression::LessOrEqual(a, b)
        | Expression::Add(a, b)
        | Expression::Subtract(a, b)
        | Expression::Multiply(a, b)
        | Expression::Divide(a, b) => {
            substitute_expr(a, m);
            substitute_expr(b, m);
        }
        Expression::In(a, list) => {
            substitute_expr(a, m);
            for x in list.iter_mut() {
                substitute_expr(x, m);
            }
        }
        Expression::UnaryPlus(a) | Expression::UnaryMinus(a) | Expression::Not(a) => {
            substitute_expr(a, m)
        }
        Expression::Exists(p) => substitute(p, m),
        Expression::If(a, b, c) => {
            substitute_expr(a, m);
            substitute_expr(b, m);
            substitute_expr(c, m);
        }
        Expression::Coalesce(list) | Expression::FunctionCall(_, list) => {
            for x in list.iter_mut() {
                substitute_expr(x, m);
            }
        }
    }
}

/// Whether `p` mentions the variable `name` anywhere (so a pre-binding matters).
pub(crate) fn mentions(q: &spargebra::Query, name: &str) -> bool {
    // The algebra's Display writes variables as `?name`; a query text check is enough here
    // because the text is only used to decide whether to bind optional variables.
    let text = q.to_string();
    let needle = format!("?{name}");
    text.match_indices(&needle).any(|(i, _)| {
        !text[i + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}
