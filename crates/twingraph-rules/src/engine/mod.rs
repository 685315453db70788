//! Stratified, semi-naive forward chaining over interned triples, with incremental
//! maintenance (DRed).
//!
//! Terms are interned to `u32` ids; facts live in hash indexes (SP→O, PO→S, S, P, O). Each
//! rule body is compiled to a join plan ([`plan`]); per stratum, the first round evaluates
//! every rule on all facts and later rounds evaluate, for each body pattern that can match a
//! triple derived in the stratum, a variant reading that pattern from the previous round's
//! new triples only (semi-naive). The delta of a round is sorted by predicate and object, so a
//! delta pattern with a known predicate reads only its matches. FILTER/SET expressions use the
//! crate's own evaluator.
//!
//! Join orders come from cardinality statistics of the facts (per predicate: facts, distinct
//! subjects and objects; exact index sizes for constants): the rules are re-planned when a
//! materialisation starts and whenever the number of facts has changed by more than a third.
//!
//! [`Materialisation::update`] maintains the result after base triples are added or removed:
//! deletions by DRed (over-delete what is derivable from a removed triple, re-derive what
//! still has a derivation, propagate), additions by semi-naive propagation. Over-deletion
//! stops at a triple that one rule instance derives from remaining base triples (or from
//! triples kept that way before), which keeps a small deletion from cascading through
//! everything that has other derivations. Rule sets with negation, `WHERE DATA`/`NOT DATA`
//! or blank nodes in heads are recomputed instead.

mod exec;
mod index;
mod plan;

use crate::RuleSet;
use crate::ast::Element;
use crate::error::RuleError;
use crate::strata::unifies;
use exec::{EmitMode, Exec};
use index::{Delta, Fact, FactIndex, FxMap, FxSet, Interner, PlanStats, UNBOUND};
use oxigraph::model::{NamedOrBlankNode, Term, Triple};
use plan::{CompiledRule, HeadPos, Step, compile};
use std::time::{Duration, Instant};

/// Compiles one rule of `rules` (`stratum_of`: each rule's stratum), with join orders from
/// `stats` when given.
fn compile_rule(
    rules: &RuleSet,
    stratum_of: &[usize],
    rule: &crate::ast::Rule,
    interner: &mut Interner,
    stats: Option<&PlanStats<'_>>,
) -> Result<CompiledRule, RuleError> {
    let heads: Vec<&crate::ast::Atom> = rules.strata[stratum_of[rule.index]]
        .iter()
        .flat_map(|r| rules.ast.rules[*r].head.iter())
        .collect();
    let recursive = |a: &crate::ast::Atom| heads.iter().any(|h| unifies(h, a));
    compile(rule, interner, &recursive, stats)
}

/// One derivation of `f` from the facts of `all` (restricted to those `allow` accepts), if any:
/// the rule and its bindings.
fn derive_one(
    compiled: &[CompiledRule],
    all: &FactIndex,
    base: &FactIndex,
    interner: &mut Interner,
    f: &Fact,
    allow: Option<&dyn Fn(&Fact) -> bool>,
) -> Option<Record> {
    let empty = Delta::default();
    let mut binds = Vec::new();
    for cr in compiled {
        for (h, steps) in cr.head.iter().zip(&cr.rederive) {
            binds.clear();
            binds.resize(cr.nslots, UNBOUND);
            let mut ok = true;
            for k in 0..3 {
                match h[k] {
                    HeadPos::Const(c) => ok &= c == f[k],
                    HeadPos::Var(v) => {
                        if binds[v] == UNBOUND || binds[v] == f[k] {
                            binds[v] = f[k];
                        } else {
                            ok = false;
                        }
                    }
                    HeadPos::Blank(_) => ok = false,
                }
            }
            if !ok {
                continue;
            }
            let mut sink = Vec::new();
            let mut ex = Exec {
                all,
                base,
                delta: &empty,
                interner,
                rule: cr,
                out: &mut sink,
                seen_keys: &mut FxSet::default(),
                explain: false,
                mode: EmitMode::New,
                witness: None,
                allow,
            };
            if ex.exists(steps, &mut binds) {
                let w = ex.witness.take().unwrap_or_default();
                return Some((Some(cr.index), w));
            }
        }
    }
    None
}

/// Counters of one materialisation or update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Number of strata evaluated.
    pub strata: usize,
    /// Rounds (semi-naive iterations) over all strata.
    pub rounds: usize,
    /// Derived triples not in the base data (the size of [`Inference::derived`]).
    pub derived: usize,
    /// Base triples.
    pub base: usize,
    /// Triples over-deleted by the last update (DRed), 0 for a full materialisation.
    pub overdeleted: usize,
    /// Triples re-derived by the last update (DRed).
    pub rederived: usize,
    /// Whether the last update was incremental (false: full recomputation).
    pub incremental: bool,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// How a derived triple was obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The derived triple.
    pub triple: Triple,
    /// 0-based index of the rule that derived it; `None` for a `DATA` block triple.
    pub rule: Option<usize>,
    /// The body triples (positive patterns instantiated) the rule matched.
    pub premises: Vec<Triple>,
}

/// The result of [`Engine::materialise`]: the inference graph and counters.
#[derive(Debug, Clone)]
pub struct Inference {
    /// Derived triples that are not in the base data, in derivation order.
    pub derived: Vec<Triple>,
    /// Counters.
    pub stats: Stats,
    explanations: Option<Vec<Explanation>>,
}

impl Inference {
    /// The derivation of `triple` (rule and premises), when explanations were recorded
    /// ([`Engine::with_explanations`]) and the triple was derived.
    pub fn explain(&self, triple: &Triple) -> Option<&Explanation> {
        self.explanations
            .as_ref()?
            .iter()
            .find(|e| &e.triple == triple)
    }

    /// The derived triples as an oxigraph [`oxigraph::model::Graph`].
    pub fn graph(&self) -> oxigraph::model::Graph {
        self.derived.iter().collect()
    }
}

/// The forward-chaining engine (configuration).
#[derive(Debug, Clone, Default)]
pub struct Engine {
    explain: bool,
    max_derived: Option<usize>,
}

/// Per-derived-fact record for explanations: (rule, bindings).
type Record = (Option<usize>, Box<[u32]>);

impl Engine {
    /// An engine with default options (no explanations, no limit).
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one derivation (rule and premises) per derived triple, for
    /// [`Inference::explain`] and [`Materialisation::explain`].
    pub fn with_explanations(mut self, on: bool) -> Self {
        self.explain = on;
        self
    }

    /// Stops with [`RuleError::Limit`] when more than `max` triples are derived (guards
    /// against rules that create blank nodes or literals without end).
    pub fn with_limit(mut self, max: usize) -> Self {
        self.max_derived = Some(max);
        self
    }

    /// Computes the inference graph of `rules` over `base`: the triples derived by the rules
    /// (and the rule set's `DATA` blocks) that are not in `base`. `base` is not modified.
    pub fn materialise(
        &self,
        rules: &RuleSet,
        base: impl IntoIterator<Item = Triple>,
    ) -> Result<Inference, RuleError> {
        Ok(self.start(rules, base)?.inference())
    }

    /// Materialises and keeps the state, for [`Materialisation::update`].
    pub fn start(
        &self,
        rules: &RuleSet,
        base: impl IntoIterator<Item = Triple>,
    ) -> Result<Materialisation, RuleError> {
        let start = Instant::now();
        let mut m = Materialisation::new(self, rules)?;
        for t in base {
            let f = m.intern_triple(&t);
            m.base_set.insert(f);
        }
        m.recompute()?;
        m.stats.elapsed = start.elapsed();
        Ok(m)
    }
}

/// The state of a materialisation: base and derived triples, kept up to date by
/// [`Materialisation::update`].
pub struct Materialisation {
    rules: RuleSet,
    stratum_of: Vec<usize>,
    /// Number of facts when the plans were last made from statistics.
    planned_at: Option<usize>,
    explain: bool,
    max_derived: Option<usize>,
    strata: Vec<Vec<usize>>,
    compiled: Vec<CompiledRule>,
    incremental: bool,
    needs_base_index: bool,
    interner: Interner,
    base_set: FxSet<Fact>,
    base_index: FactIndex,
    data: Vec<Fact>,
    all: FactIndex,
    order: Vec<Fact>,
    records: FxMap<Fact, Record>,
    seen_keys: Vec<FxSet<Box<[u32]>>>,
    stats: Stats,
}

impl Materialisation {
    fn new(engine: &Engine, rules: &RuleSet) -> Result<Self, RuleError> {
        let mut interner = Interner::default();
        let mut compiled = Vec::new();
        let mut stratum_of = vec![0; rules.ast.rules.len()];
        for (k, s) in rules.strata.iter().enumerate() {
            for &r in s {
                stratum_of[r] = k;
            }
        }
        for rule in &rules.ast.rules {
            compiled.push(compile_rule(rules, &stratum_of, rule, &mut interner, None)?);
        }
        fn has_not(body: &[Element]) -> bool {
            body.iter().any(|e| matches!(e, Element::Not { .. }))
        }
        let incremental = rules
            .ast
            .rules
            .iter()
            .all(|r| !r.base_only && !has_not(&r.body))
            && compiled.iter().all(|c| !c.head_blanks);
        let mut m = Self {
            rules: rules.clone(),
            stratum_of,
            planned_at: None,
            explain: engine.explain,
            max_derived: engine.max_derived,
            strata: rules.strata.clone(),
            seen_keys: vec![FxSet::default(); compiled.len()],
            compiled,
            incremental,
            needs_base_index: rules.uses_base_only(),
            interner,
            base_set: FxSet::default(),
            base_index: FactIndex::default(),
            data: Vec::new(),
            all: FactIndex::default(),
            order: Vec::new(),
            records: FxMap::default(),
            stats: Stats::default(),
        };
        for t in &rules.ast.data {
            let f = m.intern_triple(t);
            m.data.push(f);
        }
        Ok(m)
    }

    /// Re-plans every rule from the statistics of the current facts when their number
    /// changed by more than a third since the last planning (or `force`).
    fn replan(&mut self, force: bool) -> Result<(), RuleError> {
        let n = self.all.len();
        if !force
            && let Some(at) = self.planned_at
            && n * 3 <= at * 4
            && at * 3 <= n * 4
        {
            return Ok(());
        }
        let stats = PlanStats::new(&self.all);
        for rule in &self.rules.ast.rules {
            self.compiled[rule.index] = compile_rule(
                &self.rules,
                &self.stratum_of,
                rule,
                &mut self.interner,
                Some(&stats),
            )?;
        }
        self.planned_at = Some(n);
        Ok(())
    }

    fn intern_triple(&mut self, t: &Triple) -> Fact {
        [
            self.interner.intern_owned(t.subject.clone().into()),
            self.interner.intern_owned(t.predicate.clone().into()),
            self.interner.intern(&t.object),
        ]
    }

    fn lookup_triple(&self, t: &Triple) -> Option<Fact> {
        Some([
            self.interner.get(&t.subject.clone().into())?,
            self.interner.get(&t.predicate.clone().into())?,
            self.interner.get(&t.object)?,
        ])
    }

    /// Full evaluation from the base triples.
    fn recompute(&mut self) -> Result<(), RuleError> {
        self.all = FactIndex::default();
        self.order.clear();
        self.records.clear();
        self.seen_keys.iter_mut().for_each(FxSet::clear);
        for f in &self.base_set {
            self.all.insert(*f);
        }
        self.base_index = if self.needs_base_index {
            self.all.clone()
        } else {
            FactIndex::default()
        };
        for f in self.data.clone() {
            if self.all.insert(f) {
                self.order.push(f);
                if self.explain {
                    self.records.insert(f, (None, Box::new([])));
                }
            }
        }
        let mut stats = Stats {
            base: self.base_set.len(),
            incremental: false,
            ..Stats::default()
        };
        self.replan(true)?;
        for k in 0..self.strata.len() {
            stats.strata += 1;
            let rules = self.strata[k].clone();
            stats.rounds += self.fixpoint(&rules, None, true)?;
        }
        stats.derived = self.derived_count();
        self.stats = stats;
        Ok(())
    }

    /// Runs `rules` to a fixpoint. With `delta: None` the first round uses the full plans;
    /// otherwise rounds start from `delta`. `recursive_only` restricts delta variants to the
    /// patterns that can match a head of the same stratum. Returns the number of rounds.
    fn fixpoint(
        &mut self,
        rules: &[usize],
        delta: Option<Vec<Fact>>,
        recursive_only: bool,
    ) -> Result<usize, RuleError> {
        let mut first = delta.is_none();
        let mut delta = Delta::new(delta.unwrap_or_default());
        let mut rounds = 0;
        loop {
            if !first && delta.is_empty() {
                return Ok(rounds);
            }
            rounds += 1;
            self.replan(false)?;
            let mut new: Vec<(Fact, Option<Record>)> = Vec::new();
            for &r in rules {
                let cr = &self.compiled[r];
                let plans: Vec<&Vec<Step>> = if first {
                    vec![&cr.full]
                } else {
                    cr.variants
                        .iter()
                        .filter(|(rec, _)| *rec || !recursive_only)
                        .map(|(_, p)| p)
                        .collect()
                };
                for steps in plans {
                    let mut ex = Exec {
                        all: &self.all,
                        base: &self.base_index,
                        delta: &delta,
                        interner: &mut self.interner,
                        rule: cr,
                        out: &mut new,
                        seen_keys: &mut self.seen_keys[r],
                        explain: self.explain,
                        mode: EmitMode::New,
                        witness: None,
                        allow: None,
                    };
                    let mut binds = vec![UNBOUND; cr.nslots];
                    ex.run(steps, 0, &mut binds);
                }
            }
            first = false;
            let mut next = delta.into_facts();
            next.clear();
            for (f, rec) in new {
                if self.all.insert(f) {
                    next.push(f);
                    self.order.push(f);
                    if let Some(rec) = rec {
                        self.records.insert(f, rec);
                    }
                }
            }
            if let Some(max) = self.max_derived
                && self.all.len().saturating_sub(self.base_set.len()) > max
            {
                return Err(RuleError::Limit(format!("more than {max} triples derived")));
            }
            delta = Delta::new(next);
        }
    }

    /// Adds and removes base triples and brings the derived triples up to date: DRed when
    /// the rule set allows it, else a full recomputation. Removing a triple that is not in
    /// the base and adding one that is are no-ops.
    pub fn update(
        &mut self,
        add: impl IntoIterator<Item = Triple>,
        remove: impl IntoIterator<Item = Triple>,
    ) -> Result<Stats, RuleError> {
        let start = Instant::now();
        let candidates: Vec<Fact> = remove
            .into_iter()
            .filter_map(|t| self.lookup_triple(&t))
            .collect();
        let removed: Vec<Fact> = candidates
            .into_iter()
            .filter(|f| self.base_set.remove(f))
            .collect();
        let mut added = Vec::new();
        for t in add {
            let f = self.intern_triple(&t);
            if self.base_set.insert(f) {
                added.push(f);
            }
        }
        if !self.incremental {
            self.recompute()?;
            self.stats.elapsed = start.elapsed();
            return Ok(self.stats);
        }
        let mut stats = Stats {
            incremental: true,
            ..Stats::default()
        };
        let all_rules: Vec<usize> = (0..self.compiled.len()).collect();
        if !removed.is_empty() {
            // 1. Over-delete: everything with a derivation using a deleted triple (old state).
            let data: FxSet<Fact> = self.data.iter().copied().collect();
            let mut od: FxSet<Fact> = FxSet::default();
            let mut frontier: Vec<Fact> = removed
                .iter()
                .copied()
                .filter(|f| !data.contains(f))
                .collect();
            od.extend(frontier.iter().copied());
            let mut safe: FxSet<Fact> = FxSet::default();
            while !frontier.is_empty() {
                stats.rounds += 1;
                let delta = Delta::new(frontier);
                let mut found: Vec<(Fact, Option<Record>)> = Vec::new();
                for cr in &self.compiled {
                    for (_, steps) in &cr.variants {
                        let mut ex = Exec {
                            all: &self.all,
                            base: &self.base_index,
                            delta: &delta,
                            interner: &mut self.interner,
                            rule: cr,
                            out: &mut found,
                            seen_keys: &mut FxSet::default(),
                            explain: false,
                            mode: EmitMode::Existing,
                            witness: None,
                            allow: None,
                        };
                        let mut binds = vec![UNBOUND; cr.nslots];
                        ex.run(steps, 0, &mut binds);
                    }
                }
                frontier = Vec::new();
                for (f, _) in found {
                    if self.base_set.contains(&f)
                        || data.contains(&f)
                        || od.contains(&f)
                        || safe.contains(&f)
                    {
                        continue;
                    }
                    // Kept when one rule instance derives it from facts that surely remain:
                    // base triples, DATA triples and triples kept this way before (so every
                    // kept triple has a derivation grounded in the remaining base, even on
                    // cycles); then nothing derived from it needs over-deleting.
                    let allow = |g: &Fact| {
                        self.base_set.contains(g) || data.contains(g) || safe.contains(g)
                    };
                    if let Some(rec) = derive_one(
                        &self.compiled,
                        &self.all,
                        &self.base_index,
                        &mut self.interner,
                        &f,
                        Some(&allow),
                    ) {
                        if self.explain {
                            self.records.insert(f, rec);
                        }
                        safe.insert(f);
                        continue;
                    }
                    od.insert(f);
                    frontier.push(f);
                }
            }
            for f in &od {
                self.all.remove(f);
                self.records.remove(f);
            }
            stats.overdeleted = od.len();
            // 2. Re-derive: over-deleted triples that still have a one-step derivation.
            let mut rederived: Vec<Fact> = Vec::new();
            for f in &od {
                if self.base_set.contains(f) {
                    rederived.push(*f);
                    continue;
                }
                if let Some(rec) = self.rederive(f) {
                    rederived.push(*f);
                    if self.explain {
                        self.records.insert(*f, rec);
                    }
                }
            }
            stats.rederived = rederived.len();
            for f in &rederived {
                self.all.insert(*f);
                // A removed base triple that is still derived now belongs to the output.
                self.order.push(*f);
            }
            // 3. Propagate the re-derived triples.
            stats.rounds += self.fixpoint(&all_rules, Some(rederived), false)?;
        }
        if !added.is_empty() {
            let mut delta = Vec::new();
            for f in added {
                if self.all.insert(f) {
                    delta.push(f);
                }
            }
            stats.rounds += self.fixpoint(&all_rules, Some(delta), false)?;
        }
        self.all.maybe_compact();
        stats.base = self.base_set.len();
        stats.derived = self.derived_count();
        stats.strata = self.strata.len();
        stats.elapsed = start.elapsed();
        self.stats = stats;
        Ok(stats)
    }

    /// One derivation of `f` in the current state, if any.
    fn rederive(&mut self, f: &Fact) -> Option<Record> {
        derive_one(
            &self.compiled,
            &self.all,
            &self.base_index,
            &mut self.interner,
            f,
            None,
        )
    }

    fn derived_facts(&self) -> Vec<Fact> {
        let mut seen = FxSet::default();
        self.order
            .iter()
            .filter(|&&f| self.all.contains(&f) && !self.base_set.contains(&f) && seen.insert(f))
            .copied()
            .collect()
    }

    fn derived_count(&self) -> usize {
        self.all.len() - self.base_set.len()
    }

    fn to_triple(&self, f: &Fact) -> Option<Triple> {
        let s = match self.interner.term(f[0]) {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            _ => return None,
        };
        let Term::NamedNode(p) = self.interner.term(f[1]) else {
            return None;
        };
        Some(Triple::new(s, p.clone(), self.interner.term(f[2]).clone()))
    }

    /// The derived triples not in the base, in derivation order.
    pub fn derived(&self) -> Vec<Triple> {
        self.derived_facts()
            .iter()
            .filter_map(|f| self.to_triple(f))
            .collect()
    }

    /// Counters of the last materialisation or update.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Whether [`Materialisation::update`] maintains this rule set incrementally.
    pub fn is_incremental(&self) -> bool {
        self.incremental
    }

    /// The derivation of a derived triple (needs [`Engine::with_explanations`]).
    pub fn explain(&self, triple: &Triple) -> Option<Explanation> {
        let f = self.lookup_triple(triple)?;
        if !self.all.contains(&f) || self.base_set.contains(&f) {
            return None;
        }
        let (rule, binds) = self.records.get(&f)?.clone();
        let mut premises = Vec::new();
        if let Some(r) = rule {
            for pat in &self.compiled[r].premises {
                let val = |h: &HeadPos| match h {
                    HeadPos::Const(c) => Some(*c),
                    HeadPos::Var(v) | HeadPos::Blank(v) => {
                        binds.get(*v).copied().filter(|x| *x != UNBOUND)
                    }
                };
                if let (Some(s), Some(p), Some(o)) = (val(&pat[0]), val(&pat[1]), val(&pat[2]))
                    && let Some(t) = self.to_triple(&[s, p, o])
                {
                    premises.push(t);
                }
            }
        }
        Some(Explanation {
            triple: triple.clone(),
            rule,
            premises,
        })
    }

    /// The current inference graph as an [`Inference`].
    pub fn inference(&self) -> Inference {
        let facts = self.derived_facts();
        let derived: Vec<Triple> = facts.iter().filter_map(|f| self.to_triple(f)).collect();
        let explanations = self
            .explain
            .then(|| derived.iter().filter_map(|t| self.explain(t)).collect());
        let mut stats = self.stats;
        stats.derived = derived.len();
        Inference {
            derived,
            stats,
            explanations,
        }
    }
}
