//! Hashing, the bottom layer of the recogniser: every word, shape and
//! feature is a 64-bit hash, so that the model needs no dictionary (it ships
//! to the browser) and the per-token work is integer mixing.

use std::hash::{BuildHasherDefault, Hasher};

const K: u64 = 0x517c_c1b7_2722_0a95;

/// Combine a running hash with a value (order-sensitive).
#[inline]
pub const fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// FNV-1a over the lower-cased text, with ASCII digits folded to '0' so that
/// numbers generalise. Equal for "NATO", "Nato" and "nato".
pub fn hash_lower(s: &str) -> u64 {
    let mut h: u64 = FNV_INIT;
    for c in s.chars() {
        h = fnv_char(h, c);
    }
    h
}

/// [`hash_lower`] of an ASCII string, at compile time if need be (for
/// tables of words built as constants). Equal to [`hash_lower`] for ASCII.
pub const fn hash_ascii(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = FNV_INIT;
    let mut i = 0;
    while i < b.len() {
        h = (h ^ FOLD[b[i] as usize] as u64).wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

pub(crate) const FNV_INIT: u64 = 0xcbf2_9ce4_8422_2325;
pub(crate) const FNV_PRIME: u64 = 0x100_0000_01b3;

/// Each byte as [`hash_lower`] folds it:
/// ASCII letters lower-cased, digits to '0'.
pub(crate) const FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            b'0'
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    t
};

/// One character into a running [`hash_lower`].
#[inline]
pub(crate) fn fnv_char(mut h: u64, c: char) -> u64 {
    if c.is_ascii() {
        let mut b = (c as u8).to_ascii_lowercase();
        if b.is_ascii_digit() {
            b = b'0';
        }
        (h ^ b as u64).wrapping_mul(FNV_PRIME)
    } else {
        for l in c.to_lowercase() {
            h = (h ^ l as u64).wrapping_mul(FNV_PRIME);
        }
        h
    }
}

/// Identity hasher for maps keyed by hashes already mixed.
#[derive(Default)]
pub struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
/// HashMap keyed by pre-hashed u64.
pub type IdMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_hash_is_hash_lower() {
        for w in ["nato", "NATO", "Mr", "1996", "co-op", ""] {
            assert_eq!(hash_ascii(w), hash_lower(w), "{w}");
        }
    }

    #[test]
    fn hashing_is_case_insensitive_and_folds_digits() {
        assert_eq!(hash_lower("NATO"), hash_lower("nato"));
        assert_eq!(hash_lower("1996"), hash_lower("2022"));
        assert_ne!(hash_lower("Lavrov"), hash_lower("Lavrova"));
        assert_eq!(hash_lower("Ärzte"), hash_lower("äRZTE"));
    }
}
