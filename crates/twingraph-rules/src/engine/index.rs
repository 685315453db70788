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
        for b in bytes {
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
