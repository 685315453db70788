//! Fast non-cryptographic hashing: a 128-bit fingerprint for deduplicating quads (a hash set
//! of fingerprints instead of the quads themselves) and a fast hasher for small maps.

use std::hash::{BuildHasherDefault, Hash, Hasher};

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
        let mut chunks = bytes.chunks_exact(8);
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

/// 128-bit fingerprint of a value.
pub(crate) fn fingerprint<T: Hash>(v: &T) -> u128 {
    let mut h = FastHasher::default();
    v.hash(&mut h);
    h.finish128()
}

/// A hasher for already-random `u128` fingerprints (uses their low bits).
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u128(&mut self, i: u128) {
        self.0 = i as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Hash builder for sets of fingerprints.
pub(crate) type IdBuild = BuildHasherDefault<IdHasher>;
