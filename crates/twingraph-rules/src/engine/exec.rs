//! Execution of a compiled plan: nested-loop index joins with a binding vector.

use super::Record;
use super::index::{Delta, Fact, FactIndex, FxSet, Interner, UNBOUND};
use super::plan::{CompiledRule, HeadPos, Pos, Source, Step};
use oxigraph::model::{BlankNode, Term};

/// One evaluation of one plan of one rule.
pub(crate) struct Exec<'a> {
    pub(crate) all: &'a FactIndex,
    pub(crate) base: &'a FactIndex,
    pub(crate) delta: &'a Delta,
    pub(crate) interner: &'a mut Interner,
    pub(crate) rule: &'a CompiledRule,
    pub(crate) out: &'a mut Vec<(Fact, Option<Record>)>,
    pub(crate) seen_keys: &'a mut FxSet<Box<[u32]>>,
    pub(crate) explain: bool,
    /// Which head triples to emit.
    pub(crate) mode: EmitMode,
    /// The bindings of the first solution found by [`Exec::exists`].
    pub(crate) witness: Option<Box<[u32]>>,
    /// When set, scans of all facts see only the facts it accepts.
    pub(crate) allow: Option<&'a dyn Fn(&Fact) -> bool>,
}

/// Which head triples a run emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EmitMode {
    /// Triples not yet known (derivation).
    New,
    /// Triples already known (over-deletion of DRed).
    Existing,
}

#[inline]
fn value(p: Pos, binds: &[u32]) -> Option<u32> {
    match p {
        Pos::Const(c) => Some(c),
        Pos::In(v) => Some(binds[v]),
        Pos::Out(_) | Pos::Same(_) => None,
    }
}

/// Binds the free positions of `pat` to `f`; false when a repeated variable disagrees.
#[inline]
fn bind(pat: &[Pos; 3], f: &Fact, binds: &mut [u32]) -> bool {
    for k in 0..3 {
        match pat[k] {
            Pos::Out(v) => binds[v] = f[k],
            Pos::Same(v) => {
                if binds[v] != f[k] {
                    return false;
                }
            }
            Pos::Const(c) => {
                if c != f[k] {
                    return false;
                }
            }
            Pos::In(v) => {
                if binds[v] != f[k] {
                    return false;
                }
            }
        }
    }
    true
}

#[inline]
fn unbind(pat: &[Pos; 3], binds: &mut [u32]) {
    for p in pat {
        if let Pos::Out(v) = p {
            binds[*v] = UNBOUND;
        }
    }
}

impl Exec<'_> {
    /// Runs `steps[k..]`; in existence mode (`exists`) returns true at the first solution,
    /// otherwise emits the head for each solution and returns false.
    pub(crate) fn run(&mut self, steps: &[Step], k: usize, binds: &mut [u32]) -> bool {
        self.go(steps, k, binds, false)
    }

    /// Whether the plan has a solution extending `binds`; keeps it in `witness`.
    pub(crate) fn exists(&mut self, steps: &[Step], binds: &mut [u32]) -> bool {
        self.go(steps, 0, binds, true)
    }

    fn go(&mut self, steps: &[Step], k: usize, binds: &mut [u32], exists: bool) -> bool {
        let Some(step) = steps.get(k) else {
            if exists {
                if self.witness.is_none() {
                    self.witness = Some(Box::from(&*binds));
                }
                return true;
            }
            self.emit(binds);
            return false;
        };
        match step {
            Step::Fail => false,
            Step::Filter(expr) => {
                let interner = &*self.interner;
                let ok = expr.ebv(&|v| {
                    let id = binds[v];
                    (id != UNBOUND).then(|| interner.term(id))
                });
                if ok == Some(true) {
                    self.go(steps, k + 1, binds, exists)
                } else {
                    false
                }
            }
            Step::Set { slot, expr, check } => {
                let interner = &*self.interner;
                let Some(t) = expr.eval(&|v| {
                    let id = binds[v];
                    (id != UNBOUND).then(|| interner.term(id))
                }) else {
                    return false;
                };
                if *check {
                    if self.interner.get(&t) != Some(binds[*slot]) {
                        return false;
                    }
                    return self.go(steps, k + 1, binds, exists);
                }
                binds[*slot] = self.interner.intern_owned(t);
                let r = self.go(steps, k + 1, binds, exists);
                binds[*slot] = UNBOUND;
                r
            }
            Step::Not(inner) => {
                let mut local = binds.to_vec();
                let saved = self.witness.take();
                let found = self.go(inner, 0, &mut local, true);
                self.witness = saved;
                if found {
                    false
                } else {
                    self.go(steps, k + 1, binds, exists)
                }
            }
            Step::Scan { pat, src } => self.scan(steps, k, pat, *src, binds, exists),
        }
    }

    fn scan(
        &mut self,
        steps: &[Step],
        k: usize,
        pat: &[Pos; 3],
        src: Source,
        binds: &mut [u32],
        exists: bool,
    ) -> bool {
        if src == Source::Delta {
            let delta = self
                .delta
                .select(value(pat[1], binds), value(pat[2], binds));
            for f in delta {
                if bind(pat, f, binds) && self.go(steps, k + 1, binds, exists) {
                    unbind(pat, binds);
                    return true;
                }
                unbind(pat, binds);
            }
            return false;
        }
        let idx: &FactIndex = if src == Source::Base {
            self.base
        } else {
            self.all
        };
        let (s, p, o) = (
            value(pat[0], binds),
            value(pat[1], binds),
            value(pat[2], binds),
        );
        let dirty = idx.dirty();
        macro_rules! visit {
            ($f:expr) => {{
                let f: Fact = $f;
                if (!dirty || idx.set.contains(&f)) && self.allowed(&f) && bind(pat, &f, binds) {
                    if self.go(steps, k + 1, binds, exists) {
                        unbind(pat, binds);
                        return true;
                    }
                }
                unbind(pat, binds);
            }};
        }
        match (s, p, o) {
            (Some(s), Some(p), Some(o)) => {
                if idx.contains(&[s, p, o]) && self.allowed(&[s, p, o]) {
                    return self.go(steps, k + 1, binds, exists);
                }
            }
            (Some(s), Some(p), None) => {
                for &o in idx.objects(s, p) {
                    visit!([s, p, o]);
                }
            }
            (None, Some(p), Some(o)) => {
                for &s in idx.subjects(p, o) {
                    visit!([s, p, o]);
                }
            }
            (Some(s), None, _) => {
                for &[p, o] in idx.by_s(s) {
                    visit!([s, p, o]);
                }
            }
            (None, None, Some(o)) => {
                for &[s, p] in idx.by_o(o) {
                    visit!([s, p, o]);
                }
            }
            (None, Some(p), None) => {
                for &[s, o] in idx.by_p(p) {
                    visit!([s, p, o]);
                }
            }
            (None, None, None) => {
                for &f in idx.iter() {
                    visit!(f);
                }
            }
        }
        false
    }

    #[inline]
    fn allowed(&self, f: &Fact) -> bool {
        self.allow.is_none_or(|a| a(f))
    }

    fn emit(&mut self, binds: &[u32]) {
        let rule = self.rule;
        let mut blanks: Vec<(usize, u32)> = Vec::new();
        if rule.head_blanks && self.mode == EmitMode::New {
            let key: Box<[u32]> = rule.key_slots.iter().map(|s| binds[*s]).collect();
            if !self.seen_keys.insert(key) {
                return;
            }
        }
        for h in &rule.head {
            let mut f = [0u32; 3];
            for k in 0..3 {
                f[k] = match h[k] {
                    HeadPos::Const(c) => c,
                    HeadPos::Var(v) => binds[v],
                    HeadPos::Blank(v) => match blanks.iter().find(|(b, _)| *b == v) {
                        Some((_, id)) => *id,
                        None => {
                            let id = self
                                .interner
                                .intern_owned(Term::BlankNode(BlankNode::default()));
                            blanks.push((v, id));
                            id
                        }
                    },
                };
            }
            if f.contains(&UNBOUND) {
                continue;
            }
            // Only valid RDF triples: IRI or blank subject, IRI predicate.
            let subject_ok = matches!(
                self.interner.term(f[0]),
                Term::NamedNode(_) | Term::BlankNode(_)
            );
            let predicate_ok = matches!(self.interner.term(f[1]), Term::NamedNode(_));
            if !subject_ok
                || !predicate_ok
                || self.all.contains(&f) != (self.mode == EmitMode::Existing)
            {
                continue;
            }
            let rec = self.explain.then(|| (Some(rule.index), Box::from(binds)));
            self.out.push((f, rec));
        }
    }
}
