//! Term interning and in-memory triple indexes on integer ids.

use oxigraph::model::Term;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fact: interned subject, predicate, object.
pub(crate) type Fact = [u32; 3];

/// "No value" marker in binding vectors.
pub(crate) const UNBOUND: u32 = u32::MAX;

/// A small, fast multiplicative hasher (FxHash) for integer keys.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let mut rest = chunks.remainder();
        if rest.len() >= 4 {
            self.add(u64::from(u32::from_le_bytes(
                rest[..4].try_into().expect("4 bytes"),
            )));
            rest = &rest[4..];
        }
        for b in rest {
            self.add(u64::from(*b));
        }
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxMap<K, V> = HashMap<K, V, FxBuild>;
pub(crate) type FxSet<K> = HashSet<K, FxBuild>;

/// Two-way map between RDF terms and dense u32 ids.
#[derive(Default, Clone)]
pub(crate) struct Interner {
    terms: Vec<Term>,
    ids: HashMap<Term, u32>,
}

impl Interner {
    pub(crate) fn intern(&mut self, t: &Term) -> u32 {
        if let Some(id) = self.ids.get(t) {
            return *id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 2^32 terms");
        self.terms.push(t.clone());
        self.ids.insert(t.clone(), id);
        id
    }

    pub(crate) fn intern_owned(&mut self, t: Term) -> u32 {
        if let Some(id) = self.ids.get(&t) {
            return *id;
        }
        let id = u32::try_from(self.terms.len()).expect("fewer than 2^32 terms");
        self.terms.push(t.clone());
        self.ids.insert(t, id);
        id
    }

    pub(crate) fn get(&self, t: &Term) -> Option<u32> {
        self.ids.get(t).copied()
    }

    pub(crate) fn term(&self, id: u32) -> &Term {
        &self.terms[id as usize]
    }
}

/// A set of facts with the indexes the joins need.
///
/// Removal is lazy: [`FactIndex::remove`] drops the fact from `set` only and counts a
/// tombstone; while tombstones exist, scans check `set` membership ([`FactIndex::dirty`]).
/// [`FactIndex::compact`] rebuilds the lists when tombstones pile up.
#[derive(Default, Clone)]
pub(crate) struct FactIndex {
    pub(crate) set: FxSet<Fact>,
    sp: FxMap<(u32, u32), Vec<u32>>,
    po: FxMap<(u32, u32), Vec<u32>>,
    s: FxMap<u32, Vec<[u32; 2]>>,
    p: FxMap<u32, Vec<[u32; 2]>>,
    o: FxMap<u32, Vec<[u32; 2]>>,
    tombstones: usize,
}

static EMPTY1: [u32; 0] = [];
static EMPTY2: [[u32; 2]; 0] = [];

impl FactIndex {
    /// Inserts; returns whether the fact is new.
    pub(crate) fn insert(&mut self, f: Fact) -> bool {
        if !self.set.insert(f) {
            return false;
        }
        let [s, p, o] = f;
        self.sp.entry((s, p)).or_default().push(o);
        self.po.entry((p, o)).or_default().push(s);
        self.s.entry(s).or_default().push([p, o]);
        self.p.entry(p).or_default().push([s, o]);
        self.o.entry(o).or_default().push([s, p]);
        true
    }

    /// Removes (lazily); returns whether the fact was present.
    pub(crate) fn remove(&mut self, f: &Fact) -> bool {
        if self.set.remove(f) {
            self.tombstones += 1;
            true
        } else {
            false
        }
    }

    /// Whether scans must check membership (some facts were removed since the last compaction).
    #[inline]
    pub(crate) fn dirty(&self) -> bool {
        self.tombstones > 0
    }

    /// Rebuilds the lists when removed entries exceed an eighth of the facts.
    pub(crate) fn maybe_compact(&mut self) {
        if self.tombstones > 0 && self.tombstones * 8 > self.set.len() {
            self.compact();
        }
    }

    /// Rebuilds the lists from the set.
    pub(crate) fn compact(&mut self) {
        let set = std::mem::take(&mut self.set);
        *self = Self::default();
        for f in set {
            self.insert(f);
        }
    }

    pub(crate) fn contains(&self, f: &Fact) -> bool {
        self.set.contains(f)
    }

    pub(crate) fn len(&self) -> usize {
        self.set.len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &Fact> {
        self.set.iter()
    }

    pub(crate) fn objects(&self, s: u32, p: u32) -> &[u32] {
        self.sp.get(&(s, p)).map_or(&EMPTY1, Vec::as_slice)
    }

    pub(crate) fn subjects(&self, p: u32, o: u32) -> &[u32] {
        self.po.get(&(p, o)).map_or(&EMPTY1, Vec::as_slice)
    }

    /// (predicate, object) pairs of a subject.
    pub(crate) fn by_s(&self, s: u32) -> &[[u32; 2]] {
        self.s.get(&s).map_or(&EMPTY2, Vec::as_slice)
    }

    /// (subject, object) pairs of a predicate.
    pub(crate) fn by_p(&self, p: u32) -> &[[u32; 2]] {
        self.p.get(&p).map_or(&EMPTY2, Vec::as_slice)
    }

    /// (subject, predicate) pairs of an object.
    pub(crate) fn by_o(&self, o: u32) -> &[[u32; 2]] {
        self.o.get(&o).map_or(&EMPTY2, Vec::as_slice)
    }
}

/// Cardinality statistics of a [`FactIndex`] for the join planner: per predicate the number
/// of facts and of distinct subjects and objects, plus the totals; constant positions are
/// looked up exactly in the index.
pub(crate) struct PlanStats<'a> {
    idx: &'a FactIndex,
    /// predicate -> (facts, distinct subjects, distinct objects)
    per_pred: FxMap<u32, (f64, f64, f64)>,
    n: f64,
    subjects: f64,
    objects: f64,
    predicates: f64,
}

impl<'a> PlanStats<'a> {
    pub(crate) fn new(idx: &'a FactIndex) -> Self {
        let mut per_pred: FxMap<u32, (f64, f64, f64)> = FxMap::default();
        for (p, v) in &idx.p {
            per_pred.insert(*p, (v.len() as f64, 0.0, 0.0));
        }
        for (s_p, v) in &idx.sp {
            if !v.is_empty()
                && let Some(e) = per_pred.get_mut(&s_p.1)
            {
                e.1 += 1.0;
            }
        }
        for (p_o, v) in &idx.po {
            if !v.is_empty()
                && let Some(e) = per_pred.get_mut(&p_o.0)
            {
                e.2 += 1.0;
            }
        }
        Self {
            idx,
            per_pred,
            n: idx.set.len() as f64,
            subjects: idx.s.len().max(1) as f64,
            objects: idx.o.len().max(1) as f64,
            predicates: idx.p.len().max(1) as f64,
        }
    }

    /// Estimated number of index entries a scan of a pattern reads per binding of its bound
    /// positions. `Some(c)` is a constant, `None` with `bound` true a variable bound earlier,
    /// `None` with `bound` false a free variable.
    pub(crate) fn fanout(
        &self,
        s: (Option<u32>, bool),
        p: (Option<u32>, bool),
        o: (Option<u32>, bool),
    ) -> f64 {
        const CHECK: f64 = 0.5;
        let (sb, pb, ob) = (
            s.0.is_some() || s.1,
            p.0.is_some() || p.1,
            o.0.is_some() || o.1,
        );
        if sb && pb && ob {
            return CHECK;
        }
        match p.0 {
            Some(pc) => {
                let (n, ds, dobj) = self.per_pred.get(&pc).copied().unwrap_or((0.0, 0.0, 0.0));
                match (s.0, sb, o.0, ob) {
                    (Some(sc), _, _, false) => self.idx.objects(sc, pc).len() as f64,
                    (_, true, _, false) => n / ds.max(1.0),
                    (_, false, Some(oc), _) => self.idx.subjects(pc, oc).len() as f64,
                    (_, false, _, true) => n / dobj.max(1.0),
                    _ => n,
                }
            }
            None if pb => match (sb, ob) {
                (true, _) => self.n / self.subjects,
                (_, true) => self.n / self.objects,
                _ => self.n / self.predicates,
            },
            // A scan with a free predicate reads all facts of the subject (or object), even
            // when both are bound.
            None => match (s.0, sb, o.0, ob) {
                (Some(sc), _, _, _) => self.idx.by_s(sc).len() as f64,
                (_, true, _, _) => self.n / self.subjects,
                (_, _, Some(oc), _) => self.idx.by_o(oc).len() as f64,
                (_, _, _, true) => self.n / self.objects,
                _ => self.n,
            },
        }
    }
}

/// The facts of a semi-naive delta, sorted by (predicate, object, subject), with the range of
/// each predicate: a delta scan with a known predicate (and object) reads only its matches.
#[derive(Default)]
pub(crate) struct Delta {
    facts: Vec<Fact>,
    ranges: FxMap<u32, (usize, usize)>,
}

impl Delta {
    pub(crate) fn new(mut facts: Vec<Fact>) -> Self {
        facts.sort_unstable_by_key(|f| (f[1], f[2], f[0]));
        let mut ranges = FxMap::default();
        let mut start = 0;
        while start < facts.len() {
            let p = facts[start][1];
            let end = start + facts[start..].partition_point(|f| f[1] == p);
            ranges.insert(p, (start, end));
            start = end;
        }
        Self { facts, ranges }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    pub(crate) fn into_facts(self) -> Vec<Fact> {
        self.facts
    }

    /// The facts that can match a predicate and object (`None`: any).
    #[inline]
    pub(crate) fn select(&self, p: Option<u32>, o: Option<u32>) -> &[Fact] {
        let Some(p) = p else {
            return &self.facts;
        };
        let Some(&(a, b)) = self.ranges.get(&p) else {
            return &[];
        };
        let r = &self.facts[a..b];
        match o {
            None => r,
            Some(o) => {
                let lo = r.partition_point(|f| f[2] < o);
                let hi = lo + r[lo..].partition_point(|f| f[2] == o);
                &r[lo..hi]
            }
        }
    }
}
