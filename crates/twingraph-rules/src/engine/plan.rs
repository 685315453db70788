//! Compilation of rules into join plans over interned ids.

use super::index::{Interner, PlanStats};
use crate::ast::{Atom, Element, Node, Rule, VarId, VarKind};
use crate::check::node_vars;
use crate::error::RuleError;
use crate::expr::Expr;

/// A position of a compiled triple pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    /// A constant term id.
    Const(u32),
    /// A variable bound before this step.
    In(usize),
    /// A variable this step binds.
    Out(usize),
    /// A variable bound by an earlier position of the same pattern.
    Same(usize),
}

/// Which facts a scan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// Base and inferred facts.
    All,
    /// The facts new in the previous round (semi-naive delta).
    Delta,
    /// The base data graph only (`WHERE DATA`, `NOT DATA`).
    Base,
}

/// One step of a plan.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    Scan {
        pat: [Pos; 3],
        src: Source,
    },
    Filter(Expr),
    Set {
        slot: usize,
        expr: Expr,
        check: bool,
    },
    Not(Vec<Step>),
    /// A pattern that can never match (e.g. an RDF 1.2 triple term in this build).
    Fail,
}

/// A head position.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HeadPos {
    Const(u32),
    Var(usize),
    Blank(usize),
}

/// A rule compiled for evaluation.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    pub(crate) index: usize,
    pub(crate) nslots: usize,
    pub(crate) head: Vec<[HeadPos; 3]>,
    /// Slots of the named body variables (a solution's identity for head blank nodes).
    pub(crate) key_slots: Vec<usize>,
    pub(crate) head_blanks: bool,
    pub(crate) full: Vec<Step>,
    /// Semi-naive variants, one per top-level positive pattern: (whether the pattern can match
    /// a head of the rule's stratum, plan reading that pattern from the delta).
    pub(crate) variants: Vec<(bool, Vec<Step>)>,
    /// Per head template: the body plan with the template's variables bound (rederivation).
    pub(crate) rederive: Vec<Vec<Step>>,
    /// The positive top-level patterns (for explanations), as constants or slots.
    pub(crate) premises: Vec<[HeadPos; 3]>,
}

fn unsupported(rule: &Rule, message: impl Into<String>) -> RuleError {
    RuleError::Unsupported {
        rule: rule.number(),
        line: rule.line,
        message: message.into(),
    }
}

fn head_pos(rule: &Rule, n: &Node, interner: &mut Interner) -> Result<HeadPos, RuleError> {
    match n {
        Node::Var(v) if rule.vars[*v].kind == VarKind::HeadBlank => Ok(HeadPos::Blank(*v)),
        Node::Var(v) => Ok(HeadPos::Var(*v)),
        Node::Term(t) => Ok(HeadPos::Const(interner.intern(t))),
        Node::TripleTerm(_) => Err(unsupported(
            rule,
            "triple terms in rule heads need RDF 1.2 support",
        )),
        Node::Unrepresentable(s) => {
            Err(unsupported(rule, format!("term {s} needs RDF 1.2 support")))
        }
    }
}

/// Compiles a rule. `recursive(atom)` tells whether a top-level positive pattern can match
/// triples derived in the rule's own stratum (it then gets a semi-naive delta variant).
/// With `stats`, join orders follow the estimated fan-out of each pattern in the current
/// facts; without, the pattern with the most bound positions goes first.
pub(crate) fn compile(
    rule: &Rule,
    interner: &mut Interner,
    recursive: &dyn Fn(&Atom) -> bool,
    stats: Option<&PlanStats<'_>>,
) -> Result<CompiledRule, RuleError> {
    let mut head = Vec::new();
    for a in &rule.head {
        head.push([
            head_pos(rule, &a.s, interner)?,
            head_pos(rule, &a.p, interner)?,
            head_pos(rule, &a.o, interner)?,
        ]);
    }
    for e in &rule.body {
        if let Element::Path(p) = e {
            return Err(unsupported(
                rule,
                format!("property path '{}' in a rule body", p.path),
            ));
        }
    }
    let src = if rule.base_only {
        Source::Base
    } else {
        Source::All
    };
    let atoms: Vec<&Atom> = rule
        .body
        .iter()
        .filter_map(|e| match e {
            Element::Atom(a) => Some(a),
            _ => None,
        })
        .collect();
    let mut premises = Vec::new();
    for a in &atoms {
        let mut ok = true;
        let mut out = [HeadPos::Const(0); 3];
        for (k, n) in [&a.s, &a.p, &a.o].into_iter().enumerate() {
            out[k] = match n {
                Node::Var(v) => HeadPos::Var(*v),
                Node::Term(t) => HeadPos::Const(interner.intern(t)),
                _ => {
                    ok = false;
                    HeadPos::Const(0)
                }
            };
        }
        if ok {
            premises.push(out);
        }
    }
    let planner = Planner { rule, stats };
    let full = planner.plan(
        &rule.body,
        src,
        None,
        &mut vec![false; rule.vars.len()],
        interner,
    );
    let mut variants = Vec::new();
    if !rule.base_only {
        for (k, a) in atoms.iter().enumerate() {
            variants.push((
                recursive(a),
                planner.plan(
                    &rule.body,
                    src,
                    Some(k),
                    &mut vec![false; rule.vars.len()],
                    interner,
                ),
            ));
        }
    }
    let mut rederive = Vec::new();
    for h in &head {
        let mut bound = vec![false; rule.vars.len()];
        for p in h {
            if let HeadPos::Var(v) = p {
                bound[*v] = true;
            }
        }
        rederive.push(planner.plan(&rule.body, src, None, &mut bound, interner));
    }
    let key_slots = (0..rule.vars.len())
        .filter(|v| rule.vars[*v].kind == VarKind::Named)
        .collect();
    let head_blanks = rule.vars.iter().any(|v| v.kind == VarKind::HeadBlank);
    Ok(CompiledRule {
        index: rule.index,
        nslots: rule.vars.len(),
        head,
        key_slots,
        head_blanks,
        full,
        variants,
        rederive,
        premises,
    })
}

struct Planner<'a> {
    rule: &'a Rule,
    stats: Option<&'a PlanStats<'a>>,
}

fn atom_vars(a: &Atom) -> Vec<VarId> {
    let mut v = Vec::new();
    for n in [&a.s, &a.p, &a.o] {
        node_vars(n, &mut v);
    }
    v
}

/// Variables bound by a group (patterns and SETs).
fn group_binds(body: &[Element], out: &mut [bool]) {
    for e in body {
        match e {
            Element::Atom(a) => atom_vars(a).into_iter().for_each(|v| out[v] = true),
            Element::Set(v, _) => out[*v] = true,
            _ => {}
        }
    }
}

fn element_vars(e: &Element, out: &mut Vec<VarId>) {
    match e {
        Element::Atom(a) => out.extend(atom_vars(a)),
        Element::Path(p) => {
            node_vars(&p.s, out);
            node_vars(&p.o, out);
        }
        Element::Filter(x) => x.vars(out),
        Element::Set(v, x) => {
            out.push(*v);
            x.vars(out);
        }
        Element::Not { body, .. } => body.iter().for_each(|e| element_vars(e, out)),
    }
}

impl Planner<'_> {
    /// Plans a group: the delta atom first (when given), then greedily the pattern with the
    /// most bound positions; FILTER/SET/NOT as soon as their variables are bound.
    fn plan(
        &self,
        body: &[Element],
        src: Source,
        delta: Option<usize>,
        bound: &mut [bool],
        interner: &mut Interner,
    ) -> Vec<Step> {
        let mut final_bound = bound.to_vec();
        group_binds(body, &mut final_bound);
        let atoms: Vec<&Atom> = body
            .iter()
            .filter_map(|e| match e {
                Element::Atom(a) => Some(a),
                _ => None,
            })
            .collect();
        let others: Vec<&Element> = body
            .iter()
            .filter(|e| !matches!(e, Element::Atom(_)))
            .collect();
        let mut atom_done = vec![false; atoms.len()];
        let mut other_done = vec![false; others.len()];
        let mut steps = Vec::new();
        let mut first = delta;
        loop {
            self.place_ready(
                &others,
                &mut other_done,
                src,
                bound,
                &final_bound,
                &mut steps,
                interner,
                false,
            );
            let next = match first.take() {
                Some(k) => Some(k),
                None => {
                    let mut best: Option<(usize, f64, u32)> = None;
                    for k in (0..atoms.len()).filter(|k| !atom_done[*k]) {
                        let cost = self.fanout(atoms[k], bound, interner);
                        let sc = score(atoms[k], bound);
                        let better = match best {
                            None => true,
                            Some((_, c, s)) => cost < c || (cost == c && sc > s),
                        };
                        if better {
                            best = Some((k, cost, sc));
                        }
                    }
                    best.map(|(k, _, _)| k)
                }
            };
            let Some(k) = next else { break };
            atom_done[k] = true;
            let step_src = if Some(k) == delta { Source::Delta } else { src };
            steps.push(self.scan(atoms[k], step_src, bound, interner));
        }
        self.place_ready(
            &others,
            &mut other_done,
            src,
            bound,
            &final_bound,
            &mut steps,
            interner,
            true,
        );
        steps
    }

    #[allow(clippy::too_many_arguments)]
    fn place_ready(
        &self,
        others: &[&Element],
        done: &mut [bool],
        src: Source,
        bound: &mut [bool],
        final_bound: &[bool],
        steps: &mut Vec<Step>,
        interner: &mut Interner,
        force: bool,
    ) {
        loop {
            let mut progress = false;
            for (k, e) in others.iter().enumerate() {
                if done[k] {
                    continue;
                }
                let ready = force || {
                    let mut vars = Vec::new();
                    match e {
                        Element::Set(_, x) | Element::Filter(x) => x.vars(&mut vars),
                        Element::Not { body, .. } => {
                            body.iter().for_each(|e| element_vars(e, &mut vars));
                            vars.retain(|v| final_bound[*v]);
                        }
                        _ => {}
                    }
                    vars.iter().all(|v| bound[*v])
                };
                if !ready {
                    continue;
                }
                done[k] = true;
                progress = true;
                match e {
                    Element::Filter(x) => steps.push(Step::Filter(x.clone())),
                    Element::Set(v, x) => {
                        steps.push(Step::Set {
                            slot: *v,
                            expr: x.clone(),
                            check: bound[*v],
                        });
                        bound[*v] = true;
                    }
                    Element::Not { body, base_only } => {
                        let inner_src = if *base_only { Source::Base } else { src };
                        let mut inner_bound = bound.to_vec();
                        let inner = self.plan(body, inner_src, None, &mut inner_bound, interner);
                        steps.push(Step::Not(inner));
                    }
                    Element::Path(_) | Element::Atom(_) => steps.push(Step::Fail),
                }
            }
            if !progress {
                return;
            }
        }
    }

    /// Estimated matches of `a` per binding of its bound variables (0 without statistics).
    fn fanout(&self, a: &Atom, bound: &[bool], interner: &mut Interner) -> f64 {
        let Some(stats) = self.stats else {
            return 0.0;
        };
        let mut pos = [(None, false); 3];
        for (k, n) in [&a.s, &a.p, &a.o].into_iter().enumerate() {
            pos[k] = match n {
                Node::Term(t) => (Some(interner.intern(t)), true),
                Node::Var(v) => (None, bound[*v]),
                // Never matches: cheapest.
                _ => return 0.0,
            };
        }
        stats.fanout(pos[0], pos[1], pos[2])
    }

    fn scan(&self, a: &Atom, src: Source, bound: &mut [bool], interner: &mut Interner) -> Step {
        let mut pat = [Pos::Const(0); 3];
        let mut this_atom: Vec<VarId> = Vec::new();
        for (k, n) in [&a.s, &a.p, &a.o].into_iter().enumerate() {
            pat[k] = match n {
                Node::Term(t) => Pos::Const(interner.intern(t)),
                Node::Var(v) if bound[*v] => Pos::In(*v),
                Node::Var(v) if this_atom.contains(v) => Pos::Same(*v),
                Node::Var(v) => {
                    this_atom.push(*v);
                    Pos::Out(*v)
                }
                _ => {
                    let _ = self.rule;
                    return Step::Fail;
                }
            };
        }
        for v in this_atom {
            bound[v] = true;
        }
        Step::Scan { pat, src }
    }
}

fn score(a: &Atom, bound: &[bool]) -> u32 {
    let b = |n: &Node| match n {
        Node::Var(v) => bound[*v],
        _ => true,
    };
    match (b(&a.s), b(&a.p), b(&a.o)) {
        (true, true, true) => 10,
        (true, true, false) => 9,
        (false, true, true) => 8,
        (true, false, true) => 6,
        (true, false, false) => 5,
        (false, false, true) => 4,
        (false, true, false) => 2,
        (false, false, false) => 0,
    }
}
