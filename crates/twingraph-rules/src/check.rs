//! Well-formedness checks of a rule (safety of variables).
//!
//! The body is read as a conjunction: a variable is *bound* when it occurs in a triple pattern
//! outside `NOT` or is assigned by a `SET` whose inputs are bound. The conditions:
//! - every head variable is bound;
//! - every variable of a `FILTER` is bound (inside `NOT`: bound there or outside);
//! - the inputs of every `SET` are bound (no cyclic assignments), and a `SET` does not assign a
//!   variable already bound by a triple pattern before it or by another `SET`;
//! - a variable that occurs only inside `NOT` is local to it: it may not be used in the head.

use crate::ast::{Element, Node, Rule, VarId, VarKind};
use crate::error::RuleError;
use std::collections::HashSet;

/// Checks one rule.
pub(crate) fn check_rule(rule: &Rule) -> Result<(), RuleError> {
    let bound = bound_vars(rule, &rule.body, &HashSet::new())?;
    for atom in &rule.head {
        for node in [&atom.s, &atom.p, &atom.o] {
            let mut vars = Vec::new();
            node_vars(node, &mut vars);
            for v in vars {
                if rule.vars[v].kind != VarKind::HeadBlank && !bound.contains(&v) {
                    return Err(err(
                        rule,
                        v,
                        "is used in the head but not bound in the body",
                    ));
                }
            }
        }
    }
    check_filters(rule, &rule.body, &bound)
}

fn err(rule: &Rule, v: VarId, what: &str) -> RuleError {
    RuleError::NotWellFormed {
        rule: rule.number(),
        line: rule.line,
        variable: Some(rule.vars[v].name.clone()),
        message: format!("variable {} {what}", rule.var_name(v)),
    }
}

/// Variables of a node (including inside triple terms).
pub(crate) fn node_vars(node: &Node, out: &mut Vec<VarId>) {
    match node {
        Node::Var(v) => out.push(*v),
        Node::TripleTerm(t) => t.iter().for_each(|n| node_vars(n, out)),
        Node::Term(_) | Node::Unrepresentable(_) => {}
    }
}

/// The variables bound by `body` given those bound `outer`; checks the SET conditions.
fn bound_vars(
    rule: &Rule,
    body: &[Element],
    outer: &HashSet<VarId>,
) -> Result<HashSet<VarId>, RuleError> {
    let mut bound: HashSet<VarId> = outer.clone();
    let mut assigned: HashSet<VarId> = HashSet::new();
    // Triple patterns first, remembering which SET came after which pattern.
    let mut seen_in_patterns: HashSet<VarId> = HashSet::new();
    for e in body {
        match e {
            Element::Atom(a) => {
                let mut vars = Vec::new();
                for n in [&a.s, &a.p, &a.o] {
                    node_vars(n, &mut vars);
                }
                seen_in_patterns.extend(vars.iter().copied());
                bound.extend(vars);
            }
            Element::Path(p) => {
                let mut vars = Vec::new();
                node_vars(&p.s, &mut vars);
                node_vars(&p.o, &mut vars);
                seen_in_patterns.extend(vars.iter().copied());
                bound.extend(vars);
            }
            Element::Set(v, _) => {
                if seen_in_patterns.contains(v) || outer.contains(v) || !assigned.insert(*v) {
                    return Err(err(rule, *v, "is assigned by SET but is already bound"));
                }
            }
            Element::Filter(_) | Element::Not { .. } => {}
        }
    }
    // SETs: fixpoint over their inputs.
    let sets: Vec<(VarId, Vec<VarId>)> = body
        .iter()
        .filter_map(|e| match e {
            Element::Set(v, expr) => {
                let mut vars = Vec::new();
                expr.vars(&mut vars);
                Some((*v, vars))
            }
            _ => None,
        })
        .collect();
    let mut done = vec![false; sets.len()];
    loop {
        let mut progress = false;
        for (k, (v, inputs)) in sets.iter().enumerate() {
            if !done[k] && inputs.iter().all(|x| bound.contains(x)) {
                done[k] = true;
                bound.insert(*v);
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    if let Some(k) = done.iter().position(|d| !d) {
        let (v, inputs) = &sets[k];
        let missing = inputs
            .iter()
            .find(|x| !bound.contains(x))
            .copied()
            .unwrap_or(*v);
        return Err(err(
            rule,
            missing,
            &format!(
                "is used in SET ( {} := … ) but is not bound in the body",
                rule.var_name(*v)
            ),
        ));
    }
    // NOT bodies: their own SET conditions.
    for e in body {
        if let Element::Not { body: inner, .. } = e {
            bound_vars(rule, inner, &bound)?;
        }
    }
    Ok(bound)
}

fn check_filters(rule: &Rule, body: &[Element], bound: &HashSet<VarId>) -> Result<(), RuleError> {
    for e in body {
        match e {
            Element::Filter(expr) => {
                let mut vars = Vec::new();
                expr.vars(&mut vars);
                if let Some(v) = vars.into_iter().find(|v| !bound.contains(v)) {
                    return Err(err(
                        rule,
                        v,
                        "is used in FILTER but is not bound in the body",
                    ));
                }
            }
            Element::Not { body: inner, .. } => {
                let inner_bound = bound_vars(rule, inner, bound)?;
                check_filters(rule, inner, &inner_bound)?;
            }
            _ => {}
        }
    }
    Ok(())
}
