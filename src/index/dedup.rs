//! Reprints: the same story filed by several outlets (a wire story run
//! again and again), found when the index is built, so a search lists it
//! once with its other copies.
//!
//! Two articles are copies when the sets of their [`SHINGLE`]-word runs
//! (folded words) overlap by a Jaccard similarity of at least
//! [`MIN_SIMILARITY`]. Comparing every pair is quadratic, so each article
//! gets a MinHash signature of [`HASHES`] values (the least of each of
//! [`HASHES`] hash functions over its runs: two signatures agree in a slot
//! with probability equal to the Jaccard similarity), cut into [`BANDS`]
//! bands; articles sharing a whole band are candidates (locality-sensitive
//! hashing: at a similarity of 0.8 a pair shares a band with probability
//! above 0.99, at 0.3 below 0.13), and a candidate pair is kept when its
//! signatures agree in at least [`MIN_SIMILARITY`] of their slots. Kept
//! pairs join their groups (union–find), so a story with ten copies is one
//! group.
//!
//! The text compared is the article's news: paragraphs that are page
//! furniture ([`Boilerplate`]) are left out, so two different stories under
//! the same long banner are not copies; an article that is nothing but
//! furniture is compared whole (the same empty page scraped twice). Texts
//! of fewer than [`MIN_WORDS`] words are never grouped: too short to tell a
//! reprint from a shared formula.

#[cfg(feature = "inpage")]
use std::hash::Hasher;

#[cfg(feature = "inpage")]
use rustc_hash::{FxHashMap, FxHasher};

#[cfg(feature = "inpage")]
use super::boilerplate::Boilerplate;
use super::DocId;
#[cfg(feature = "inpage")]
use crate::article::Article;
#[cfg(feature = "inpage")]
use crate::index::docs::Docs;

/// Words in a compared run.
pub const SHINGLE: usize = 5;
/// Slots of a signature.
pub const HASHES: usize = 64;
/// Bands of the signature looked up together.
pub const BANDS: usize = 16;
/// Slots per band.
#[cfg(feature = "inpage")]
const ROWS: usize = HASHES / BANDS;
/// Least similarity of two copies (the share of agreeing slots).
pub const MIN_SIMILARITY: f64 = 0.8;
/// Fewest words an article needs to be compared.
pub const MIN_WORDS: usize = 40;

/// The groups of copies of a collection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reprints {
    /// Per document: its group's index in `groups`, or `u32::MAX`.
    group_of: Vec<u32>,
    /// Each group's documents, in document order (two or more).
    groups: Vec<Vec<DocId>>,
}

impl Reprints {
    #[cfg(feature = "inpage")]
    /// Find the copies among `docs` (the collection in document order; its
    /// `boilerplate` tells the furniture left out of the comparison).
    pub fn detect<D: Docs + ?Sized>(docs: &D, boilerplate: &Boilerplate) -> Reprints {
        let mut words = Vec::new();
        let mut runs = Vec::new();
        let n = docs.count();
        let mut signatures: Vec<Option<[u32; HASHES]>> = Vec::with_capacity(n);
        docs.each(&mut |doc, a| {
            news_words(
                a,
                |pi, p| boilerplate.paragraph(doc, pi, p.len()),
                &mut words,
            );
            signatures.push((words.len() >= MIN_WORDS).then(|| {
                shingles(&words, &mut runs);
                signature(&runs)
            }));
        });
        let mut parent: Vec<usize> = (0..n).collect();
        // One band's buckets at a time: a sixteenth of the memory of all
        // bands' at once, and the same groups (the candidate pairs are the
        // same, and the groups are the connected similar pairs, whatever
        // the order they are met in).
        let mut buckets: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for band in 0..BANDS {
            buckets.clear();
            for (doc, sig) in signatures.iter().enumerate() {
                let Some(sig) = sig else { continue };
                let mut h = FxHasher::default();
                for &v in &sig[band * ROWS..(band + 1) * ROWS] {
                    h.write_u32(v);
                }
                let bucket = buckets.entry(h.finish()).or_default();
                for &other in bucket.iter() {
                    if find(&mut parent, other) == find(&mut parent, doc) {
                        continue;
                    }
                    if let Some(o) = &signatures[other] {
                        if similarity(sig, o) >= MIN_SIMILARITY {
                            let (x, y) = (find(&mut parent, other), find(&mut parent, doc));
                            parent[x.max(y)] = x.min(y);
                        }
                    }
                }
                bucket.push(doc);
            }
        }
        let mut group_of = vec![u32::MAX; n];
        let mut groups: Vec<Vec<DocId>> = Vec::new();
        let mut root_group: FxHashMap<usize, u32> = FxHashMap::default();
        let sizes = (0..n).fold(vec![0u32; n], |mut sizes, d| {
            sizes[find(&mut parent, d)] += 1;
            sizes
        });
        for (doc, group) in group_of.iter_mut().enumerate() {
            let root = find(&mut parent, doc);
            if sizes[root] < 2 {
                continue;
            }
            let g = *root_group.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                (groups.len() - 1) as u32
            });
            groups[g as usize].push(doc as DocId);
            *group = g;
        }
        Reprints { group_of, groups }
    }

    /// The copies of the story `doc` tells, itself among them, in document
    /// order; empty when it has none (or `doc` is out of range).
    pub fn group(&self, doc: DocId) -> &[DocId] {
        match self.group_of.get(doc as usize) {
            Some(&g) if g != u32::MAX => &self.groups[g as usize],
            _ => &[],
        }
    }

    /// Every group of copies, each in document order.
    pub fn groups(&self) -> &[Vec<DocId>] {
        &self.groups
    }

    /// The groups of a collection of `docs` documents as stored (a prebuilt
    /// index's meta file): `None` when a group has fewer than two
    /// documents, is not in ascending order, names a document past `docs`
    /// or one already in another group.
    pub fn from_groups(docs: usize, groups: Vec<Vec<DocId>>) -> Option<Reprints> {
        let mut group_of = vec![u32::MAX; docs];
        for (g, group) in groups.iter().enumerate() {
            if group.len() < 2 || group.windows(2).any(|w| w[0] >= w[1]) {
                return None;
            }
            for &d in group {
                let slot = group_of.get_mut(d as usize)?;
                if *slot != u32::MAX {
                    return None;
                }
                *slot = u32::try_from(g).ok()?;
            }
        }
        Some(Reprints { group_of, groups })
    }

    /// The bytes it holds on the heap (a prebuilt index counts them).
    pub fn heap_bytes(&self) -> usize {
        let each: usize = self.groups.iter().map(|g| g.len() * 4 + 24).sum();
        self.group_of.len() * 4 + each
    }
}

#[cfg(feature = "inpage")]
/// The root of `x`'s set, halving paths on the way.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

#[cfg(feature = "inpage")]
/// The hashes of the folded words of `a`'s news paragraphs (those that are
/// not `furniture`), or of all its paragraphs when every one is.
fn news_words(a: &Article, furniture: impl Fn(usize, &str) -> bool, out: &mut Vec<u64>) {
    out.clear();
    let news: Vec<bool> = (a.paragraphs.iter().enumerate())
        .map(|(pi, p)| !furniture(pi, p))
        .collect();
    let all = !news.contains(&true);
    for (p, _) in a.paragraphs.iter().zip(&news).filter(|(_, &n)| n || all) {
        word_hashes(p, out);
    }
}

#[cfg(feature = "inpage")]
/// Append the hash of each folded word of `text` (letters and digits;
/// case folded) to `out`.
pub fn word_hashes(text: &str, out: &mut Vec<u64>) {
    let mut h: Option<FxHasher> = None;
    for c in text.chars() {
        if c.is_alphanumeric() {
            let hasher = h.get_or_insert_with(FxHasher::default);
            for l in c.to_lowercase() {
                hasher.write_u32(l as u32);
            }
        } else if let Some(done) = h.take() {
            out.push(done.finish());
        }
    }
    if let Some(done) = h {
        out.push(done.finish());
    }
}

#[cfg(feature = "inpage")]
/// The hashes of every run of [`SHINGLE`] words (the whole text when shorter),
/// well mixed, sorted and without repeats: the set the similarity is of.
pub fn shingles(words: &[u64], out: &mut Vec<u64>) {
    out.clear();
    for run in words.windows(SHINGLE.min(words.len()).max(1)) {
        let mut h = FxHasher::default();
        for &w in run {
            h.write_u64(w);
        }
        out.push(mix(h.finish()));
    }
    crate::sort::sort(&mut out[..]);
    out.dedup();
}

#[cfg(feature = "inpage")]
/// SplitMix64's finaliser: every input bit moves every output bit, so the
/// multiply–shift hashes of [`signature`] behave as independent ones.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(feature = "inpage")]
/// The MinHash signature of a set of run hashes: per slot `i`, the least of
/// `(a_i * x + b_i) >> 32` over the set (multiply–shift hashing with fixed
/// odd multipliers drawn from SplitMix64).
pub fn signature(runs: &[u64]) -> [u32; HASHES] {
    let mut sig = [u32::MAX; HASHES];
    let mut params = [(0u64, 0u64); HASHES];
    for (i, p) in params.iter_mut().enumerate() {
        *p = (mix(2 * i as u64 + 1) | 1, mix(2 * i as u64 + 2));
    }
    for &x in runs {
        for (slot, &(a, b)) in sig.iter_mut().zip(&params) {
            let v = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
            *slot = (*slot).min(v);
        }
    }
    sig
}

#[cfg(feature = "inpage")]
/// The share of slots in which two signatures agree: an estimate of the
/// Jaccard similarity of their sets.
pub fn similarity(a: &[u32; HASHES], b: &[u32; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn runs(text: &str) -> Vec<u64> {
        let (mut w, mut r) = (Vec::new(), Vec::new());
        word_hashes(text, &mut w);
        shingles(&w, &mut r);
        r
    }

    fn exact(a: &[u64], b: &[u64]) -> f64 {
        let inter = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
        inter as f64 / (a.len() + b.len() - inter) as f64
    }

    /// A text of `n` words drawn from a vocabulary of `vocab` words.
    fn text(seed: u64, n: usize, vocab: u64) -> Vec<String> {
        (0..n as u64)
            .map(|i| format!("w{}", mix(seed.wrapping_mul(1000).wrapping_add(i)) % vocab))
            .collect()
    }

    proptest! {
        /// The signature's estimate is near the exact Jaccard similarity
        /// `j`, on pairs from unrelated to almost the same. The count of
        /// agreeing slots is binomial (64 trials, success `j`), so the
        /// bound is six standard deviations, `sqrt(j(1-j)/64)`, plus two
        /// slots for the skew of the tails near 0 and 1: a right signature
        /// misses it about once in 10^8 cases (a sweep of 12,000 pairs
        /// reached 4.6 deviations, which a bound of 0.2 had failed on),
        /// while a hash family with correlated slots or a biased minimum
        /// lands far outside it.
        #[test]
        fn signatures_estimate_exact_jaccard(seed in 0u64..10_000, n in 20usize..400, edits in 0usize..200, vocab in 20u64..5000) {
            let a = text(seed, n, vocab);
            let mut b = a.clone();
            let other = text(seed + 1, edits, vocab);
            for (i, w) in other.into_iter().enumerate() {
                let at = (mix(seed + i as u64) % b.len() as u64) as usize;
                b[at] = w;
            }
            let (ra, rb) = (runs(&a.join(" ")), runs(&b.join(" ")));
            let truth = exact(&ra, &rb);
            let estimate = similarity(&signature(&ra), &signature(&rb));
            let bound = 6.0 * (truth * (1.0 - truth) / HASHES as f64).sqrt() + 2.0 / HASHES as f64;
            prop_assert!((truth - estimate).abs() <= bound, "exact {truth}, estimated {estimate}, bound {bound}");
        }
    }

    #[test]
    fn estimates_are_unbiased_over_many_pairs() {
        // Mean error over 200 pairs of one similarity: near zero.
        let mut err = 0.0;
        for seed in 0..200u64 {
            let a = text(seed, 200, 3000);
            let mut b = a.clone();
            for i in 0..20 {
                b[(i * 10) as usize] = format!("x{seed}_{i}");
            }
            let (ra, rb) = (runs(&a.join(" ")), runs(&b.join(" ")));
            err += similarity(&signature(&ra), &signature(&rb)) - exact(&ra, &rb);
        }
        assert!((err / 200.0).abs() < 0.02, "mean error {}", err / 200.0);
    }

    fn article(id: &str, paragraphs: &[String]) -> Article {
        Article {
            id: id.into(),
            date: None,
            title: String::new(),
            source: None,
            paragraphs: paragraphs.to_vec(),
        }
    }

    #[test]
    fn copies_group_and_others_do_not() {
        let story = text(1, 120, 5000).join(" ");
        let other = text(2, 120, 5000).join(" ");
        let mut edited = story.clone();
        edited.push_str(" An editor's note at the end.");
        let docs = vec![
            article("a", std::slice::from_ref(&story)),
            article("b", std::slice::from_ref(&other)),
            article("c", &["Reuters".into(), edited]),
            article("d", &[story]),
            article("short", &["Too short to tell.".into()]),
            article("short2", &["Too short to tell.".into()]),
        ];
        let r = Reprints::detect(&docs, &Boilerplate::default());
        assert_eq!(r.group(0), [0, 2, 3]);
        assert_eq!(r.group(2), [0, 2, 3]);
        assert!(r.group(1).is_empty());
        assert!(r.group(4).is_empty() && r.group(5).is_empty());
        assert_eq!(r.groups().len(), 1);
        // Stored and read back (a prebuilt index's meta file), the same.
        let stored = Reprints::from_groups(6, r.groups().to_vec());
        assert_eq!(stored.as_ref(), Some(&r));
    }

    #[test]
    fn stored_groups_are_checked() {
        let ok = Reprints::from_groups(5, vec![vec![0, 3], vec![1, 2, 4]]).unwrap();
        assert_eq!(ok.group(3), [0, 3]);
        assert_eq!(ok.group(2), [1, 2, 4]);
        assert!(
            Reprints::from_groups(5, vec![vec![0]]).is_none(),
            "a group of one"
        );
        assert!(
            Reprints::from_groups(5, vec![vec![3, 1]]).is_none(),
            "out of order"
        );
        assert!(
            Reprints::from_groups(5, vec![vec![1, 5]]).is_none(),
            "past the last document"
        );
        assert!(
            Reprints::from_groups(5, vec![vec![0, 1], vec![1, 2]]).is_none(),
            "a document in two groups"
        );
    }
}
