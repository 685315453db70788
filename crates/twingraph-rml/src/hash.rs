//! Fast non-cryptographic hashing: a 128-bit fingerprint for deduplicating quads (a hash set
//! of fingerprints instead of the quads themselves) and a fast hasher for small maps.

use std::hash::{BuildHasherDefault, Hasher};

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;

fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// Two-lane 64-bit hasher; `finish128` gives a 128-bit fingerprint.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher {
    a: u64,
    b: u64,
    len: u64,
}

impl FastHasher {
    #[inline]
    fn word(&mut self, w: u64) {
        self.a = (self.a ^ w).wrapping_mul(K1).rotate_left(31);
        self.b = (self.b ^ w.rotate_left(17))
            .wrapping_mul(K2)
            .rotate_left(29)
            ^ self.a;
    }

    /// Two words at once, one per lane: the lanes' multiply chains run in parallel. (Each
    /// step is a bijection of the lane state for a given word, so inputs of the same length
    /// that differ in one word never collide.)
    #[inline]
    fn pair(&mut self, w0: u64, w1: u64) {
        self.a = (self.a ^ w0).wrapping_mul(K1).rotate_left(31);
        self.b = (self.b ^ w1.rotate_left(17))
            .wrapping_mul(K2)
            .rotate_left(29);
    }

    /// A string preceded by a tag word holding its kind and length (so that the boundaries
    /// between the terms of a quad are unambiguous).
    #[inline]
    fn tagged(&mut self, tag: u64, s: &str) {
        self.word((tag << 56) ^ s.len() as u64);
        self.write(s.as_bytes());
    }

    pub(crate) fn finish128(&self) -> u128 {
        let a = fmix(self.a ^ self.len);
        let b = fmix(self.b.wrapping_add(a) ^ self.len.rotate_left(32));
        (u128::from(a) << 64) | u128::from(b)
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        self.len = self.len.wrapping_add(bytes.len() as u64);
        let mut pairs = bytes.chunks_exact(16);
        for c in &mut pairs {
            let (w0, w1) = c.split_at(8);
            self.pair(
                u64::from_le_bytes(w0.try_into().unwrap_or_default()),
                u64::from_le_bytes(w1.try_into().unwrap_or_default()),
            );
        }
        let mut chunks = pairs.remainder().chunks_exact(8);
        for c in &mut chunks {
            self.word(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.word(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.word(u64::from(i) | 0x100);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.word(i as u64);
    }

    fn finish(&self) -> u64 {
        fmix(self.a ^ self.b.rotate_left(7) ^ self.len)
    }
}

/// Hash builder for maps keyed by strings.
pub(crate) type FastBuild = BuildHasherDefault<FastHasher>;

/// 128-bit fingerprint of a quad: the kind and string of each term (a literal's value and
/// datatype, or its whole N-Triples form when it has a language), each with its length.
pub(crate) fn fingerprint_quad(q: &oxrdf::Quad) -> u128 {
    use oxrdf::{GraphName, NamedOrBlankNode, Term};
    let mut h = FastHasher::default();
    match &q.subject {
        NamedOrBlankNode::NamedNode(n) => h.tagged(1, n.as_str()),
        NamedOrBlankNode::BlankNode(b) => h.tagged(2, b.as_str()),
    }
    h.tagged(3, q.predicate.as_str());
    match &q.object {
        Term::NamedNode(n) => h.tagged(1, n.as_str()),
        Term::BlankNode(b) => h.tagged(2, b.as_str()),
        Term::Literal(l) if l.language().is_none() => {
            h.tagged(4, l.value());
            h.tagged(5, l.datatype().as_str());
        }
        #[allow(unreachable_patterns)] // quoted triples exist with oxrdf's `rdf-12` feature
        other => h.tagged(6, &other.to_string()),
    }
    match &q.graph_name {
        GraphName::DefaultGraph => h.word(7 << 56),
        GraphName::NamedNode(n) => h.tagged(8, n.as_str()),
        GraphName::BlankNode(b) => h.tagged(9, b.as_str()),
    }
    h.finish128()
}

/// 128-bit fingerprint of a value.
#[cfg(test)]
pub(crate) fn fingerprint<T: std::hash::Hash>(v: &T) -> u128 {
    let mut h = FastHasher::default();
    v.hash(&mut h);
    h.finish128()
}

/// A set of 128-bit fingerprints for deduplication: open addressing with linear probing,
/// one 16-byte slot per entry and no separate control bytes, so an insert usually touches a
/// single cache line. [`FingerprintSet::touch`] loads the home slots of a batch of
/// fingerprints before they are inserted: the loads do not depend on each other, so their
/// cache misses overlap instead of being paid one after the other (the set outgrows the CPU
/// caches after a few hundred thousand quads, and then a miss per quad dominated the run).
#[derive(Default)]
pub(crate) struct FingerprintSet {
    /// Power-of-two number of slots; 0 marks an empty slot.
    slots: Vec<u128>,
    /// Non-zero fingerprints stored.
    len: usize,
    /// Whether the fingerprint 0 (which cannot be stored in a slot) was inserted.
    has_zero: bool,
}

impl FingerprintSet {
    #[inline]
    fn home(&self, fp: u128) -> usize {
        // The low bits of a fingerprint are already well mixed.
        (fp as u64 as usize) & (self.slots.len() - 1)
    }

    /// Makes room for `extra` more fingerprints (load factor at most 5/8).
    pub(crate) fn reserve(&mut self, extra: usize) {
        let needed = self.len + extra;
        if needed * 8 <= self.slots.len() * 5 {
            return;
        }
        let mut cap = self.slots.len().max(1024);
        while needed * 8 > cap * 5 {
            cap *= 2;
        }
        let old = std::mem::replace(&mut self.slots, vec![0; cap]);
        let mask = cap - 1;
        for fp in old.into_iter().filter(|fp| *fp != 0) {
            let mut i = self.home(fp);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = fp;
        }
    }

    /// Adds a fingerprint; false when it was already there.
    #[inline]
    pub(crate) fn insert(&mut self, fp: u128) -> bool {
        if fp == 0 {
            return !std::mem::replace(&mut self.has_zero, true);
        }
        self.reserve(1);
        let mask = self.slots.len() - 1;
        let mut i = self.home(fp);
        loop {
            let s = self.slots[i];
            if s == fp {
                return false;
            }
            if s == 0 {
                self.slots[i] = fp;
                self.len += 1;
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /// Loads the home slot of each fingerprint (a prefetch without `unsafe`); call it after
    /// [`Self::reserve`] for the batch, so that inserting does not move the slots.
    #[inline]
    pub(crate) fn touch(&self, fps: &[u128]) {
        if self.slots.is_empty() {
            return;
        }
        let mut acc = 0u128;
        for fp in fps {
            acc ^= self.slots[self.home(*fp)];
        }
        std::hint::black_box(acc);
    }

    /// Inserts a batch of fingerprints, writing whether each was new into `fresh`.
    pub(crate) fn insert_batch(&mut self, fps: &[u128], fresh: &mut Vec<bool>) {
        fresh.clear();
        self.reserve(fps.len());
        self.touch(fps);
        fresh.extend(fps.iter().map(|fp| self.insert(*fp)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quad_fingerprints_distinguish_terms() {
        use oxrdf::{BlankNode, GraphName, Literal, NamedNode, Quad};
        let s = NamedNode::new_unchecked("http://ex/s");
        let p = NamedNode::new_unchecked("http://ex/p");
        let objects: Vec<oxrdf::Term> = vec![
            NamedNode::new_unchecked("http://ex/o").into(),
            BlankNode::new_unchecked("o").into(),
            Literal::new_simple_literal("http://ex/o").into(),
            Literal::new_simple_literal("o").into(),
            Literal::new_typed_literal("o", NamedNode::new_unchecked("http://ex/t")).into(),
            Literal::new_language_tagged_literal_unchecked("o", "en").into(),
            Literal::new_language_tagged_literal_unchecked("o", "fr").into(),
        ];
        let graphs = [
            GraphName::DefaultGraph,
            NamedNode::new_unchecked("http://ex/o").into(),
            BlankNode::new_unchecked("o").into(),
        ];
        let mut seen = std::collections::HashSet::new();
        for o in &objects {
            for g in &graphs {
                let q = Quad::new(s.clone(), p.clone(), o.clone(), g.clone());
                assert!(seen.insert(fingerprint_quad(&q)), "{q}");
                assert_eq!(fingerprint_quad(&q), fingerprint_quad(&q.clone()));
            }
        }
        // term boundaries: the same concatenated text split differently
        let a = Quad::new(
            NamedNode::new_unchecked("http://ex/ab"),
            NamedNode::new_unchecked("http://ex/c"),
            Literal::new_simple_literal("d"),
            GraphName::DefaultGraph,
        );
        let b = Quad::new(
            NamedNode::new_unchecked("http://ex/a"),
            NamedNode::new_unchecked("bhttp://ex/c"),
            Literal::new_simple_literal("d"),
            GraphName::DefaultGraph,
        );
        assert_ne!(fingerprint_quad(&a), fingerprint_quad(&b));
    }

    #[test]
    fn fingerprint_set() {
        let mut set = FingerprintSet::default();
        let mut fresh = Vec::new();
        let fps: Vec<u128> = (0..10_000u128).map(|i| fingerprint(&(i % 7_000))).collect();
        for chunk in fps.chunks(13) {
            set.insert_batch(chunk, &mut fresh);
        }
        assert_eq!(set.len, 7_000);
        assert!(!set.insert(fps[3]));
        assert!(set.insert(0));
        assert!(!set.insert(0));
        // colliding home slots probe onwards
        let mut set = FingerprintSet::default();
        for k in 1..=100u128 {
            assert!(set.insert(k << 64));
        }
        for k in 1..=100u128 {
            assert!(!set.insert(k << 64));
        }
    }
}
