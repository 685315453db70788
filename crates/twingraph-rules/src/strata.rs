//! Rule dependency graph and stratification.
//!
//! Rule `r` depends on rule `q` when a head template of `q` can match a triple pattern of
//! `r`'s body (positively, or negatively inside `NOT`). Patterns of `WHERE DATA` and
//! `NOT DATA` match the base graph only and create no dependency. A rule set is stratifiable
//! when no negative dependency lies on a cycle and no rule that generates triple terms is
//! recursive. Strata are numbered so that a rule's stratum is at least that of the rules it
//! depends on, and greater for negative dependencies.

use crate::ast::{Atom, Element, Node, Rule};
use crate::error::RuleError;

/// Whether a head template can produce a triple matched by a body pattern.
pub(crate) fn unifies(head: &Atom, body: &Atom) -> bool {
    node_unifies(&head.s, &body.s)
        && node_unifies(&head.p, &body.p)
        && node_unifies(&head.o, &body.o)
}

fn node_unifies(h: &Node, b: &Node) -> bool {
    match (h, b) {
        (Node::Unrepresentable(_), _) | (_, Node::Unrepresentable(_)) => false,
        (Node::Var(_), _) | (_, Node::Var(_)) => true,
        (Node::Term(x), Node::Term(y)) => x == y,
        (Node::TripleTerm(x), Node::TripleTerm(y)) => {
            x.iter().zip(y.iter()).all(|(a, c)| node_unifies(a, c))
        }
        _ => false,
    }
}

/// Positive and negative body patterns of a rule that read inferred triples.
pub(crate) fn body_patterns(rule: &Rule) -> (Vec<&Atom>, Vec<&Atom>, bool) {
    let mut pos = Vec::new();
    let mut neg = Vec::new();
    let mut has_path = false;
    if !rule.base_only {
        collect(&rule.body, false, &mut pos, &mut neg, &mut has_path);
    }
    (pos, neg, has_path)
}

fn collect<'a>(
    body: &'a [Element],
    negated: bool,
    pos: &mut Vec<&'a Atom>,
    neg: &mut Vec<&'a Atom>,
    has_path: &mut bool,
) {
    for e in body {
        match e {
            Element::Atom(a) => {
                if negated {
                    neg.push(a);
                } else {
                    pos.push(a);
                }
            }
            Element::Path(_) => *has_path = true,
            Element::Not { body, base_only } => {
                if !base_only {
                    collect(body, true, pos, neg, has_path);
                }
            }
            Element::Filter(_) | Element::Set(..) => {}
        }
    }
}

/// Whether a rule's head creates triple terms from variables (a source of infinitely many
/// new terms when recursive).
fn generates_terms(rule: &Rule) -> bool {
    rule.head.iter().any(|a| {
        [&a.s, &a.p, &a.o].iter().any(
            |n| matches!(n, Node::TripleTerm(t) if t.iter().any(|x| !matches!(x, Node::Term(_)))),
        )
    })
}

/// Computes the strata (lists of rule indexes, lowest first).
pub(crate) fn stratify(rules: &[Rule]) -> Result<Vec<Vec<usize>>, RuleError> {
    let n = rules.len();
    // edges[r] = (q, negative): r depends on q.
    let mut edges: Vec<Vec<(usize, bool)>> = vec![Vec::new(); n];
    for (r, rule) in rules.iter().enumerate() {
        let (pos, neg, has_path) = body_patterns(rule);
        for (q, other) in rules.iter().enumerate() {
            let p_dep = has_path && !other.head.is_empty()
                || other.head.iter().any(|h| pos.iter().any(|b| unifies(h, b)));
            let n_dep = other.head.iter().any(|h| neg.iter().any(|b| unifies(h, b)));
            if n_dep {
                edges[r].push((q, true));
            } else if p_dep {
                edges[r].push((q, false));
            }
        }
    }
    let comp = tarjan(n, &edges);
    let ncomp = comp.iter().copied().max().map_or(0, |m| m + 1);
    let mut comp_size = vec![0usize; ncomp];
    for &c in &comp {
        comp_size[c] += 1;
    }
    for (r, rule) in rules.iter().enumerate() {
        for &(q, negative) in &edges[r] {
            if comp[q] == comp[r] && negative {
                return Err(RuleError::NotStratifiable {
                    rule: rule.number(),
                    line: rule.line,
                    message: format!(
                        "negates a pattern that rule {} (line {}) derives, and the two are in a recursive cycle",
                        rules[q].number(),
                        rules[q].line
                    ),
                });
            }
        }
        let recursive = comp_size[comp[r]] > 1 || edges[r].iter().any(|&(q, _)| q == r);
        if recursive && generates_terms(rule) {
            return Err(RuleError::NotStratifiable {
                rule: rule.number(),
                line: rule.line,
                message:
                    "creates triple terms in its head and is recursive (infinitely many triples)"
                        .to_owned(),
            });
        }
    }
    // Tarjan numbers components in reverse topological order of the dependency edges
    // (a component's dependencies get smaller numbers), so increasing order is topological.
    let mut level = vec![0usize; ncomp];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&r| comp[r]);
    for _ in 0..2 {
        for &r in &order {
            for &(q, negative) in &edges[r] {
                let need = level[comp[q]] + usize::from(negative);
                if need > level[comp[r]] {
                    level[comp[r]] = need;
                }
            }
        }
    }
    let max = level.iter().copied().max().unwrap_or(0);
    let mut strata = vec![Vec::new(); if n == 0 { 0 } else { max + 1 }];
    for r in 0..n {
        strata[level[comp[r]]].push(r);
    }
    strata.retain(|s| !s.is_empty());
    Ok(strata)
}

/// Strongly connected components (iterative Tarjan); returns the component of each node,
/// numbered so that dependencies come first.
fn tarjan(n: usize, edges: &[Vec<(usize, bool)>]) -> Vec<usize> {
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut ei)) = call.last_mut() {
            if *ei < edges[v].len() {
                let w = edges[v][*ei].0;
                *ei += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                call.pop();
                if let Some(&(parent, _)) = call.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        comp[w] = next_comp;
                        if w == v {
                            break;
                        }
                    }
                    next_comp += 1;
                }
            }
        }
    }
    comp
}
