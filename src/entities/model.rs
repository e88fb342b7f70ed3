//! The statistical tagger: a greedy left-to-right averaged perceptron over
//! hashed features, its training, and its file format.
//!
//! File format, version [`FORMAT_VERSION`]: a [`codec::Frame`](crate::codec)
//! (magic `DLNNER\0\0`, the version, the kind [`MODEL_KIND`], the payload's
//! length and CRC-32), then the payload (integers little-endian; offsets
//! from the payload's start):
//!
//! | bytes | field |
//! |---|---|
//! | 0..4 | log2 of the bucket count (u32, 10..=24) |
//! | 4..8 | tag count (u32, must be 9) |
//! | 8..12 | weight scale (f32): weight = stored i16 × scale; every stored value lies in ±[`WMAX`] |
//! | 12..16 | gazetteer length in bytes (u32) |
//! | 16..20 | weight table length in bytes (u32, = buckets × 8 × 2) |
//! | 20.. | gazetteer TSV (UTF-8), then the weight table (i16, bucket-major) |
//!
//! Versions 1 to 3 had a header of their own (magic `DNER`); they are
//! refused with [`ModelErrorKind::OldFormat`] (retrain with `dateline
//! train-ner`).
//!
//! Each bucket's row holds 8 weights, for tags 1..=8 (B-PER .. I-MISC): the
//! O tag's weight of every feature was subtracted from the others at the end
//! of training, so O always scores 0 and only the differences are stored.
//! Why: the argmax is unchanged, and a 16-byte row is one aligned load that
//! never straddles two cache lines (version 1 stored 9 × 2 bytes).
//!
//! Why ±511 (10 bits, version 3; version 2 used the whole i16 range): on
//! CoNLL testa, over two training seeds, F1 was the same at ±32767, ±4095,
//! ±2047, ±1023 and ±511 (0.9141–0.9155 and 0.9168–0.9173), and fell at ±255
//! (0.9124, 0.9158), ±127 (0.9081, 0.9121) and ±63 (0.9036, 0.8935) —
//! measured 2026-11-21. At ±511 a biased weight fits in 10 bits, so four of
//! them share a `u64` in 16-bit lanes and up to 64 rows add up with plain
//! 64-bit additions, no carry crossing a lane (see [`pack_rows`]): the
//! tagger's inner loop is two loads and two adds per feature.

use super::doc::{flag, DocCtx};
use super::features::{
    extract_context, extract_static, is_candidate, static_key, DocHint, TokAt, MAX_FEATS,
};
use super::gazetteer::Gazetteer;
use super::hash::mix;
use super::tags::{i_tag, tag_type, N_TAGS};
use super::tokenize::Tok;
use crate::codec::{self, FormatError, Frame, FRAME_LEN};
use std::fmt;

/// Current model file format version (4: in a [`codec::Frame`](crate::codec);
/// 3 had its own header, rows of 8 weights, O subtracted, each within ±[`WMAX`]).
pub const FORMAT_VERSION: u32 = 4;
/// The frame's kind field for a model: an averaged perceptron with rows of
/// [`ROW`] packed weights (the only kind so far).
pub const MODEL_KIND: u32 = 1;
/// Largest weight magnitude a model holds (see the module docs).
pub const WMAX: i16 = 511;
/// Weights stored per bucket: one per tag but O (see the module docs).
pub const ROW: usize = N_TAGS - 1;
/// The frame's magic bytes for a model file.
pub const MAGIC: [u8; 8] = *b"DLNNER\0\0";
/// The magic of the model files before version 4.
const OLD_MAGIC: &[u8; 4] = b"DNER";
/// Bytes of the payload's fixed fields, before the gazetteer.
const FIELDS: usize = 20;

/// Why model bytes were rejected: what ([`ModelErrorKind`]) and at which
/// byte of the file (as rust-csv's `Error` pairs a kind with a position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    kind: ModelErrorKind,
    offset: usize,
}

/// What is wrong with model bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelErrorKind {
    /// The frame is wrong: not a model file (magic bytes), truncated,
    /// trailing bytes, or a checksum mismatch (the codec's error).
    Frame(FormatError),
    /// A model file from before version 4 (its own header, magic `DNER`).
    OldFormat {
        /// The version it states.
        version: u32,
    },
    /// A format version this build cannot read.
    Version {
        /// Found in the file.
        found: u32,
        /// What this build reads.
        expected: u32,
    },
    /// The frame's kind is not [`MODEL_KIND`].
    Kind(u32),
    /// The payload ends before its fields say it does.
    Truncated {
        /// Bytes the fields need.
        need: usize,
    },
    /// log2 of the bucket count outside 10..=24.
    BucketBits(u32),
    /// A tag count other than 9.
    TagCount(u32),
    /// A weight scale (its bits) that is not a positive finite number.
    Scale(u32),
    /// A weight table of the wrong size for the bucket count.
    WeightTable {
        /// Bytes the file declares.
        found: usize,
        /// Bytes the bucket count needs.
        expected: usize,
    },
    /// Bytes after the weight table.
    TrailingBytes(usize),
    /// The gazetteer is not UTF-8.
    GazetteerNotUtf8,
    /// A weight beyond ±[`WMAX`].
    WeightRange(i16),
}

impl ModelError {
    fn at(offset: usize, kind: ModelErrorKind) -> ModelError {
        ModelError { kind, offset }
    }

    /// What is wrong.
    pub fn kind(&self) -> &ModelErrorKind {
        &self.kind
    }

    /// The byte of the file where it is wrong.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl From<FormatError> for ModelError {
    fn from(e: FormatError) -> ModelError {
        ModelError::at(e.offset, ModelErrorKind::Frame(e))
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModelErrorKind as K;
        let at = self.offset;
        match &self.kind {
            // The codec's message names its byte already.
            K::Frame(e) => return write!(f, "ner model: {e}"),
            K::OldFormat { version } => write!(f, "ner model: an old model file (format {version}, header \"DNER\"); this build reads format {FORMAT_VERSION}: retrain it with `dateline train-ner`"),
            K::Version { found, expected } => write!(f, "ner model: format version {found}, expected {expected}"),
            K::Kind(k) => write!(f, "ner model: model kind {k}, expected {MODEL_KIND}"),
            K::Truncated { need } => write!(f, "ner model: truncated: the payload's fields need {need} bytes"),
            K::BucketBits(b) => write!(f, "ner model: bucket bits {b} out of range 10..=24"),
            K::TagCount(n) => write!(f, "ner model: tag count {n}, expected {N_TAGS}"),
            K::Scale(bits) => write!(f, "ner model: weight scale (bits {bits:#010x}) is not a positive number"),
            K::WeightTable { found, expected } => write!(f, "ner model: weight table of {found} bytes, expected {expected}"),
            K::TrailingBytes(n) => write!(f, "ner model: {n} trailing bytes"),
            K::GazetteerNotUtf8 => write!(f, "ner model: gazetteer is not UTF-8"),
            K::WeightRange(w) => write!(f, "ner model: weight {w} outside ±{WMAX}"),
        }?;
        write!(f, " (at byte {at})")
    }
}

impl std::error::Error for ModelError {}

/// A trained tagger: quantised weights plus the gazetteer it was trained with.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) log2: u32,
    /// [`ROW`] weights per bucket, bucket-major (as in the file).
    pub(crate) weights: Vec<i16>,
    pub(crate) scale: f32,
    /// Extra gazetteer TSV (cities, regions) that the features were trained with.
    pub(crate) gaz_tsv: String,
    /// The same weights packed for summing (see [`pack_rows`]).
    rows: Vec<[u64; 2]>,
    /// A hash of the packed weights (see [`fingerprint`]): what a
    /// [`Cache`](super::Cache)'s weight sums are keyed by, so that a cache
    /// used with another model starts afresh. Equal models share it, and may
    /// share sums.
    fingerprint: u64,
}

/// A content hash of packed rows, never 0 (0 marks a cache that holds no
/// model's sums). Why content, not a counter: the identity is then the
/// model's own, with no global state, and it survives a reload.
fn fingerprint(rows: &[[u64; 2]]) -> u64 {
    let h = rows
        .iter()
        .fold(mix(0x6d6f_6465_6c00, rows.len() as u64), |h, r| {
            mix(mix(h, r[0]), r[1])
        });
    h | 1
}

/// Bias added to each weight so that it is a 10-bit unsigned lane value
/// (0..=1022).
const BIAS: u64 = WMAX as u64;
/// Rows that may be added up in packed form: 64 × 1022 < 2^16, so no lane
/// carries into the next.
const MAX_PACKED_ROWS: u32 = 64;
const _: () = assert!(MAX_FEATS as u32 <= MAX_PACKED_ROWS);

/// Rows of [`ROW`] weights as two `u64`s of four biased 16-bit lanes each
/// (weight `k` at bits `16 × (k mod 4)` of word `k / 4`). Why: the tagger's
/// inner loop then adds a row with two loads and two 64-bit additions (the
/// wasm build has no SIMD), instead of eight loads and adds; see [`Packed`].
/// Weights must lie within ±[`WMAX`].
fn pack_rows(weights: &[i16]) -> Vec<[u64; 2]> {
    weights
        .chunks_exact(ROW)
        .map(|r| {
            let word = |q: &[i16]| {
                q.iter().enumerate().fold(0u64, |acc, (k, &w)| {
                    acc | ((w as i64 + BIAS as i64) as u64) << (16 * k)
                })
            };
            [word(&r[..4]), word(&r[4..])]
        })
        .collect()
}

/// A sum of packed rows (see [`pack_rows`]) and how many were added: valid
/// while `n` ≤ [`MAX_PACKED_ROWS`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Packed {
    words: [u64; 2],
    n: u32,
}

impl Packed {
    #[inline]
    fn add(self, o: Packed) -> Packed {
        Packed {
            words: [self.words[0] + o.words[0], self.words[1] + o.words[1]],
            n: self.n + o.n,
        }
    }

    /// Per-tag sums (tags 1..=8), the biases taken off.
    #[inline]
    fn unpack(self) -> [i32; ROW] {
        let off = (self.n as u64 * BIAS) as i32;
        let lane = |w: u64, k: u32| ((w >> (16 * k)) & 0xffff) as i32 - off;
        let [a, b] = self.words;
        [
            lane(a, 0),
            lane(a, 1),
            lane(a, 2),
            lane(a, 3),
            lane(b, 0),
            lane(b, 1),
            lane(b, 2),
            lane(b, 3),
        ]
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

impl Model {
    /// A model from its parts: `weights` holds [`ROW`] weights per bucket for
    /// `2^log2` buckets (the rest is ignored, a shortfall padded with zeros;
    /// weights beyond ±[`WMAX`] are clamped to it).
    pub fn new(log2: u32, mut weights: Vec<i16>, scale: f32, gaz_tsv: String) -> Model {
        weights.resize((1usize << log2) * ROW, 0);
        for w in &mut weights {
            *w = (*w).clamp(-WMAX, WMAX);
        }
        let rows = pack_rows(&weights);
        let fingerprint = fingerprint(&rows);
        Model {
            log2,
            weights,
            scale,
            gaz_tsv,
            rows,
            fingerprint,
        }
    }

    /// Serialise to the file format above.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::with_capacity(FIELDS + self.gaz_tsv.len() + self.weights.len() * 2);
        payload.extend_from_slice(&self.log2.to_le_bytes());
        payload.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        payload.extend_from_slice(&self.scale.to_le_bytes());
        payload.extend_from_slice(&(self.gaz_tsv.len() as u32).to_le_bytes());
        payload.extend_from_slice(&((self.weights.len() * 2) as u32).to_le_bytes());
        payload.extend_from_slice(self.gaz_tsv.as_bytes());
        for w in &self.weights {
            payload.extend_from_slice(&w.to_le_bytes());
        }
        codec::frame(&MAGIC, FORMAT_VERSION, MODEL_KIND, &payload)
    }

    /// Parse and validate model bytes. Never panics.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        use ModelErrorKind as K;
        if b.len() >= 8 && &b[..4] == OLD_MAGIC {
            return Err(ModelError::at(
                4,
                K::OldFormat {
                    version: u32_at(b, 4),
                },
            ));
        }
        let frame = Frame::read(b, &MAGIC, "a Dateline NER model")?;
        if frame.version != FORMAT_VERSION {
            return Err(ModelError::at(
                8,
                K::Version {
                    found: frame.version,
                    expected: FORMAT_VERSION,
                },
            ));
        }
        if frame.tag != MODEL_KIND {
            return Err(ModelError::at(12, K::Kind(frame.tag)));
        }
        let p = frame.payload()?;
        // Offsets in errors are the file's: the payload starts after the frame.
        let base = FRAME_LEN;
        if p.len() < FIELDS {
            return Err(ModelError::at(
                base + p.len(),
                K::Truncated { need: FIELDS },
            ));
        }
        let log2 = u32_at(p, 0);
        if !(10..=24).contains(&log2) {
            return Err(ModelError::at(base, K::BucketBits(log2)));
        }
        let ntags = u32_at(p, 4);
        if ntags as usize != N_TAGS {
            return Err(ModelError::at(base + 4, K::TagCount(ntags)));
        }
        let scale = f32::from_bits(u32_at(p, 8));
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::at(base + 8, K::Scale(scale.to_bits())));
        }
        let gaz_len = u32_at(p, 12) as usize;
        let w_len = u32_at(p, 16) as usize;
        let expect_w = (1usize << log2) * ROW * 2;
        if w_len != expect_w {
            return Err(ModelError::at(
                base + 16,
                K::WeightTable {
                    found: w_len,
                    expected: expect_w,
                },
            ));
        }
        let need = FIELDS + gaz_len + w_len;
        if p.len() < need {
            return Err(ModelError::at(base + p.len(), K::Truncated { need }));
        }
        if p.len() > need {
            return Err(ModelError::at(
                base + need,
                K::TrailingBytes(p.len() - need),
            ));
        }
        let gaz = &p[FIELDS..FIELDS + gaz_len];
        let gaz_tsv = std::str::from_utf8(gaz)
            .map_err(|e| ModelError::at(base + FIELDS + e.valid_up_to(), K::GazetteerNotUtf8))?
            .to_string();
        let weights: Vec<i16> = p[FIELDS + gaz_len..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        if let Some(k) = weights.iter().position(|w| !(-WMAX..=WMAX).contains(w)) {
            return Err(ModelError::at(
                base + FIELDS + gaz_len + 2 * k,
                K::WeightRange(weights[k]),
            ));
        }
        Ok(Model::new(log2, weights, scale, gaz_tsv))
    }

    pub(crate) fn mask(&self) -> u64 {
        (1u64 << self.log2) - 1
    }
}

/// One step of greedy decoding: score features, then see the choice.
pub(crate) trait Step {
    /// Whether the summed weights of the static features under `key` (see
    /// [`static_key`]) are at hand, so they need not be extracted.
    fn has_static(&mut self, _key: u64) -> bool {
        false
    }
    /// Scores per tag of `feats`, whose first `n_static` are the static
    /// features of `key` (none when [`has_static`](Self::has_static) said yes).
    fn scores(&mut self, key: u64, feats: &[u32], n_static: usize, out: &mut [i64; N_TAGS]);
    fn observe(&mut self, _tok: usize, _feats: &[u32], _pred: u8) {}
}

/// Inference: sums packed rows (see [`pack_rows`]), with static sums cached.
struct Infer<'a> {
    rows: &'a [[u64; 2]],
    model: u64,
    cache: &'a mut StaticCache,
}

impl Infer<'_> {
    /// Sum of the rows of `feats` (at most [`MAX_FEATS`]), packed.
    #[inline]
    fn sum(&self, feats: &[u32]) -> Packed {
        let (mut a, mut b, mut n) = (0u64, 0u64, 0u32);
        for &f in feats {
            let Some(r) = self.rows.get(f as usize) else {
                continue;
            };
            a += r[0];
            b += r[1];
            n += 1;
        }
        Packed { words: [a, b], n }
    }
}

impl Step for Infer<'_> {
    #[inline]
    fn has_static(&mut self, key: u64) -> bool {
        self.cache.get(self.model, key).is_some()
    }

    #[inline]
    fn scores(&mut self, key: u64, feats: &[u32], n_static: usize, out: &mut [i64; N_TAGS]) {
        let (stat, rest) = feats.split_at(n_static.min(feats.len()));
        let base = match self.cache.get(self.model, key) {
            Some(sums) if n_static == 0 => sums,
            _ => {
                let sums = self.sum(stat);
                self.cache.put(self.model, key, sums);
                sums
            }
        };
        let sums = base.add(self.sum(rest)).unpack();
        out[0] = 0;
        for (o, &x) in out[1..].iter_mut().zip(&sums) {
            *o = x as i64;
        }
    }
}

/// Summed weights of static features by [`static_key`], across documents
/// (kept in the caller's [`Cache`](super::Cache) with the decoder state). Why: a
/// capitalised word's own features (its word, affixes, shape, gazetteer bits,
/// capitalised run) recur in article after article ("Reuters", "Inc", "Shr",
/// company and country names); on Reuters-21578 about 70% of the tagger's
/// calls find them here and skip about half their weight-row look-ups.
/// Direct-mapped: a newer key simply overwrites an older one in its slot.
#[derive(Default)]
pub(crate) struct StaticCache {
    /// The fingerprint of the model the sums were taken from (0: none yet);
    /// another model clears the cache.
    model: u64,
    slots: Vec<(u64, Packed)>,
}

const CACHE_BITS: u32 = 15;

impl StaticCache {
    #[inline]
    fn slot(key: u64) -> usize {
        (key >> (64 - CACHE_BITS)) as usize
    }

    fn prepare(&mut self, model: u64) {
        if self.model != model || self.slots.is_empty() {
            self.slots.clear();
            // Key 0 marks an empty slot; a real key of 0 is merely never cached.
            self.slots.resize(1 << CACHE_BITS, (0, Packed::default()));
            self.model = model;
        }
    }

    #[inline]
    fn get(&self, model: u64, key: u64) -> Option<Packed> {
        if self.model != model || key == 0 {
            return None;
        }
        match self.slots.get(Self::slot(key)) {
            Some(&(k, sums)) if k == key => Some(sums),
            _ => None,
        }
    }

    #[inline]
    fn put(&mut self, model: u64, key: u64, sums: Packed) {
        if self.model == model && key != 0 {
            if let Some(slot) = self.slots.get_mut(Self::slot(key)) {
                *slot = (key, sums);
            }
        }
    }
}

/// Per-document state of the decoder, reusable across documents.
#[derive(Default)]
pub(crate) struct DecodeState {
    /// Per capitalised word (by [`TokInfo::word`](super::doc::TokInfo::word)
    /// − 1), over the first pass: its last label (0 = unseen, 1 = O, 2 + type),
    /// and its label counts (O, PER, ORG, LOC, MISC).
    words: Vec<(u8, [u16; 5])>,
    /// Per word: 1 + its most frequent label (0 = O, 1 + type) when the first
    /// pass labelled it in more than one way, else 0.
    mixed: Vec<u8>,
    /// Static feature sums across documents (inference only).
    cache: StaticCache,
}

fn major(c: &[u16; 5]) -> u8 {
    (0..5).max_by_key(|&k| (c[k], 5 - k)).unwrap_or(0) as u8
}

/// Tag a whole document greedily, in two passes. The first pass reads left
/// to right, remembering the last label given to each capitalised word. The
/// second pass re-reads only the sentences holding a word that the first pass
/// labelled inconsistently ("Magna" PER here, ORG in "Magna International"
/// there), now with features saying what the whole document thought of it.
/// Why only those: they are where the document-level view can change
/// anything, and re-reading everything would double the cost.
pub(crate) fn decode<S: Step>(
    step: &mut S,
    mask: u64,
    text: &str,
    toks: &[Tok],
    ctx: &DocCtx,
    tags: &mut Vec<u8>,
    st: &mut DecodeState,
) {
    tags.clear();
    tags.resize(toks.len(), 0);
    st.words.clear();
    st.words.resize(ctx.words, (0, [0; 5]));
    st.mixed.clear();
    st.mixed.resize(ctx.words, 0);
    for &(s, e) in &ctx.sents {
        decode_sentence(step, mask, text, toks, ctx, s, e, tags, st, false);
    }
    // Most documents label every word consistently: then there is no second pass.
    let mut any = false;
    for ((_, c), m) in st.words.iter().zip(st.mixed.iter_mut()) {
        if c.iter().filter(|&&n| n > 0).count() >= 2 {
            *m = major(c) + 1;
            any = true;
        }
    }
    if !any {
        return;
    }
    for &(s, e) in &ctx.sents {
        let mixed = (s..e).any(|i| {
            // Only capitalised words were counted: a lower-case "oil" is no
            // occurrence of the "Oil" the first pass labelled two ways.
            if ctx.info[i].flags & flag::HAS_UPPER == 0 {
                return false;
            }
            let major = match st.mixed.get((ctx.info[i].word as usize).wrapping_sub(1)) {
                Some(&m) if m > 0 => m - 1,
                _ => return false,
            };
            // Only where this occurrence is in the minority can the whole
            // document's view change it.
            let own = tag_type(tags[i]).map_or(0, |t| t + 1);
            own != major
        });
        if mixed {
            decode_sentence(step, mask, text, toks, ctx, s, e, tags, st, true);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn decode_sentence<S: Step>(
    step: &mut S,
    mask: u64,
    text: &str,
    toks: &[Tok],
    ctx: &DocCtx,
    s: usize,
    e: usize,
    tags: &mut [u8],
    st: &mut DecodeState,
    second: bool,
) {
    let mut feats = [0u32; MAX_FEATS];
    let mut prev = 0u8;
    let mut i = s;
    let ups = ctx.upper_tokens();
    let mut up = ups.partition_point(|&k| (k as usize) < s);
    while i < e {
        // Outside an entity only capitalised tokens can be candidates (see
        // `is_candidate`): skip straight to the next one.
        // (From the list of such tokens, not by reading every token's facts.)
        if prev == 0 && ctx.info[i].flags & flag::HAS_UPPER == 0 {
            while up < ups.len() && (ups[up] as usize) <= i {
                up += 1;
            }
            let next = ups.get(up).map_or(e, |&k| (k as usize).min(e));
            tags[i..next].fill(0);
            i = next;
            continue;
        }
        let pred = if is_candidate(&ctx.info, i, e, prev) {
            let word = (ctx.info[i].word as usize).wrapping_sub(1);
            let known = st.words.get(word).copied().filter(|k| k.0 != 0);
            let hint = if second {
                let c = known.map_or([0; 5], |k| k.1);
                let seen = c
                    .iter()
                    .enumerate()
                    .fold(0u8, |m, (k, &n)| if n > 0 { m | 1 << k } else { m });
                DocHint {
                    mem: 0,
                    seen: seen.max(1),
                    major: major(&c),
                }
            } else {
                DocHint {
                    mem: known.map_or(0, |k| k.0),
                    seen: 0,
                    major: 0,
                }
            };
            let key = static_key(&ctx.info[i]);
            let n_static = if step.has_static(key) {
                0
            } else {
                extract_static(text, toks, ctx, i, mask, &mut feats)
            };
            let n = extract_context(ctx, TokAt { i, s, e }, hint, mask, &mut feats, n_static);
            let mut sc = [0i64; N_TAGS];
            step.scores(key, &feats[..n], n_static, &mut sc);
            let mut best = 0u8;
            let mut best_score = i64::MIN;
            for (t, &v) in sc.iter().enumerate() {
                let t = t as u8;
                // IOB2: I-X only continues B-X or I-X.
                if let Some(ty) = tag_type(t) {
                    if t == i_tag(ty) && tag_type(prev) != Some(ty) {
                        continue;
                    }
                }
                if v > best_score {
                    best_score = v;
                    best = t;
                }
            }
            step.observe(i, &feats[..n], best);
            if !second && ctx.info[i].flags & flag::HAS_UPPER != 0 {
                let label = tag_type(best).map_or(0, |t| t + 1);
                if let Some(w) = st.words.get_mut(word) {
                    w.0 = label + 1;
                    if let Some(c) = w.1.get_mut(label as usize) {
                        *c = c.saturating_add(1);
                    }
                }
            }
            best
        } else {
            0
        };
        tags[i] = pred;
        prev = pred;
        i += 1;
    }
}

impl Model {
    /// Tag a tokenised document (gazetteer context already in `ctx`).
    pub(crate) fn tag(
        &self,
        text: &str,
        toks: &[Tok],
        ctx: &DocCtx,
        tags: &mut Vec<u8>,
        st: &mut DecodeState,
    ) {
        // The cache travels in `st` but is used by the step: take it out for the call.
        let mut cache = std::mem::take(&mut st.cache);
        cache.prepare(self.fingerprint);
        decode(
            &mut Infer {
                rows: &self.rows,
                model: self.fingerprint,
                cache: &mut cache,
            },
            self.mask(),
            text,
            toks,
            ctx,
            tags,
            st,
        );
        st.cache = cache;
    }
}

/// One training document: text, tokens and gold IOB2 tags.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// Tokens joined by spaces.
    pub text: String,
    /// Token spans into `text`.
    pub toks: Vec<Tok>,
    /// Gold tag per token.
    pub gold: Vec<u8>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// log2 of the hashed bucket count.
    pub log2_buckets: u32,
    /// Shuffle seed (training is deterministic for a given seed).
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 8,
            log2_buckets: 16,
            seed: 7,
        }
    }
}

struct Trainer<'a> {
    w: Vec<i32>,
    wa: Vec<i64>,
    c: i64,
    gold: &'a [u8],
    errors: usize,
    seen: usize,
}

impl Step for Trainer<'_> {
    fn scores(&mut self, _key: u64, feats: &[u32], _n_static: usize, out: &mut [i64; N_TAGS]) {
        for &f in feats {
            let base = f as usize * N_TAGS;
            for (o, &w) in out.iter_mut().zip(&self.w[base..base + N_TAGS]) {
                *o += w as i64;
            }
        }
    }
    fn observe(&mut self, tok: usize, feats: &[u32], pred: u8) {
        self.c += 1;
        self.seen += 1;
        let gold = self.gold.get(tok).copied().unwrap_or(0);
        if gold != pred {
            self.errors += 1;
            for &f in feats {
                let base = f as usize * N_TAGS;
                self.w[base + gold as usize] += 1;
                self.wa[base + gold as usize] += self.c;
                self.w[base + pred as usize] -= 1;
                self.wa[base + pred as usize] -= self.c;
            }
        }
    }
}

/// Train a model. `gaz` must be the full gazetteer the model will run with
/// (built-in plus `extra_gaz_tsv`, which is stored in the model).
/// `progress(epoch, token_accuracy)` is called after each pass.
pub fn train(
    docs: &[TrainDoc],
    extra_gaz_tsv: &str,
    cfg: TrainConfig,
    mut progress: impl FnMut(usize, f64),
) -> Model {
    let mut gaz = Gazetteer::builtin();
    gaz.add_tsv(extra_gaz_tsv);
    let log2 = cfg.log2_buckets.clamp(10, 24);
    let size = (1usize << log2) * N_TAGS;
    let mut tr = Trainer {
        w: vec![0; size],
        wa: vec![0; size],
        c: 1,
        gold: &[],
        errors: 0,
        seen: 0,
    };
    let ctxs: Vec<DocCtx> = docs
        .iter()
        .map(|d| {
            let mut c = DocCtx::default();
            c.fill(&d.text, &d.toks, &gaz);
            c
        })
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng = cfg.seed | 1;
    let mut tags = Vec::new();
    let mut st = DecodeState::default();
    let mask = (1u64 << log2) - 1;
    for epoch in 0..cfg.epochs {
        // Fisher-Yates with xorshift: deterministic, no rand dependency.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        tr.errors = 0;
        tr.seen = 0;
        for &d in &order {
            let doc = &docs[d];
            tr.gold = &doc.gold;
            // Safe: `gold` borrows `docs`, which outlives the trainer loop.
            decode(
                &mut tr, mask, &doc.text, &doc.toks, &ctxs[d], &mut tags, &mut st,
            );
        }
        let acc = if tr.seen == 0 {
            1.0
        } else {
            1.0 - tr.errors as f64 / tr.seen as f64
        };
        progress(epoch + 1, acc);
    }
    // Averaged weights, less each feature's O weight (see the module docs),
    // quantised linearly to i16 against the largest magnitude.
    let c = tr.c as f64;
    let avg: Vec<f64> =
        tr.w.iter()
            .zip(&tr.wa)
            .map(|(&w, &wa)| w as f64 - wa as f64 / c)
            .collect();
    let rel: Vec<f32> = avg
        .chunks_exact(N_TAGS)
        .flat_map(|r| r[1..].iter().map(move |&x| (x - r[0]) as f32))
        .collect();
    let max = rel.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
    let scale = max / WMAX as f32;
    let weights = rel
        .iter()
        .map(|&x| (x / scale).round().clamp(-(WMAX as f32), WMAX as f32) as i16)
        .collect();
    Model::new(log2, weights, scale, extra_gaz_tsv.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        Model::new(
            10,
            (0..(1 << 10) * ROW).map(|i| (i % 7) as i16 - 3).collect(),
            0.5,
            "city\tGeneva\tGeneva\n".into(),
        )
    }

    #[test]
    fn round_trip() {
        let m = tiny();
        let b = m.to_bytes();
        let r = Model::from_bytes(&b).expect("valid");
        assert_eq!(r.weights, m.weights);
        assert_eq!(r.gaz_tsv, m.gaz_tsv);
        assert_eq!(r.scale, m.scale);
    }

    #[test]
    fn truncated_and_corrupt_bytes_are_named() {
        let b = tiny().to_bytes();
        let e = Model::from_bytes(&b[..1000]).unwrap_err();
        assert!(matches!(e.kind(), ModelErrorKind::Frame(_)), "{e}");
        assert_eq!(e.offset(), 1000);
        assert!(e.to_string().starts_with("ner model: truncated"), "{e}");
        let e = Model::from_bytes(&b[..10]).unwrap_err();
        assert_eq!(e.offset(), 10);
        assert!(e.to_string().contains("truncated"), "{e}");
        let mut v = b.clone();
        v[8] = 2;
        let e = Model::from_bytes(&v).unwrap_err();
        assert_eq!(
            (e.kind(), e.offset()),
            (
                &ModelErrorKind::Version {
                    found: 2,
                    expected: FORMAT_VERSION
                },
                8
            )
        );
        assert_eq!(
            e.to_string(),
            "ner model: format version 2, expected 4 (at byte 8)"
        );
        let mut v = b.clone();
        let last = v.len() - 1;
        v[last] ^= 0x55;
        let e = Model::from_bytes(&v).unwrap_err();
        assert!(matches!(e.kind(), ModelErrorKind::Frame(_)), "{e}");
        assert!(e.to_string().contains("checksum mismatch"));
        let e = Model::from_bytes(b"GIF89a-not-a-model-at-all-xxxxxxxxxx").unwrap_err();
        assert!(matches!(e.kind(), ModelErrorKind::Frame(_)), "{e}");
        assert!(e.to_string().contains("not a Dateline NER model"), "{e}");
        assert!(Model::from_bytes(&[]).is_err());
        let mut v = b.clone();
        v.push(0);
        assert!(Model::from_bytes(&v).is_err());
        let mut v = b.clone();
        v[12] = 7;
        assert_eq!(
            Model::from_bytes(&v).unwrap_err().kind(),
            &ModelErrorKind::Kind(7)
        );
    }

    #[test]
    fn old_model_files_are_refused_clearly() {
        // A version 3 header: magic, version, then the rest.
        let mut old = b"DNER".to_vec();
        old.extend_from_slice(&3u32.to_le_bytes());
        old.extend_from_slice(&[0; 40]);
        let e = Model::from_bytes(&old).unwrap_err();
        assert_eq!(e.kind(), &ModelErrorKind::OldFormat { version: 3 });
        assert!(
            e.to_string()
                .contains("retrain it with `dateline train-ner`"),
            "{e}"
        );
    }

    #[test]
    fn packed_sums_equal_plain_sums_at_the_extremes() {
        // Rows at +WMAX, -WMAX and mixed, summed MAX_FEATS times over: no lane
        // may carry into its neighbour.
        let weights: Vec<i16> = (0..(1 << 10) * ROW)
            .map(|i| [WMAX, -WMAX, (i % 1023) as i16 - WMAX, 0][(i / ROW) % 4])
            .collect();
        let m = Model::new(10, weights.clone(), 1.0, String::new());
        let mut cache = StaticCache::default();
        let infer = Infer {
            rows: &m.rows,
            model: m.fingerprint,
            cache: &mut cache,
        };
        for pick in 0..4u32 {
            let feats: Vec<u32> = (0..MAX_FEATS as u32)
                .map(|k| (k * 4 + pick) % (1 << 10))
                .collect();
            let plain: Vec<i32> = (0..ROW)
                .map(|t| {
                    feats
                        .iter()
                        .map(|&f| weights[f as usize * ROW + t] as i32)
                        .sum()
                })
                .collect();
            assert_eq!(
                infer.sum(&feats).unpack().to_vec(),
                plain,
                "rows {pick} mod 4"
            );
            let (x, y) = feats.split_at(13);
            assert_eq!(infer.sum(x).add(infer.sum(y)).unpack().to_vec(), plain);
        }
    }

    #[test]
    fn weights_beyond_the_range_are_refused_and_clamped() {
        let m = tiny();
        let mut b = m.to_bytes();
        let at = b.len() - 2;
        b[at..].copy_from_slice(&600i16.to_le_bytes());
        let body = crate::checksum::crc32(&b[FRAME_LEN..]);
        b[FRAME_LEN - 4..FRAME_LEN].copy_from_slice(&body.to_le_bytes());
        assert_eq!(
            Model::from_bytes(&b).unwrap_err().to_string(),
            format!("ner model: weight 600 outside ±511 (at byte {at})")
        );
        let c = Model::new(10, vec![i16::MIN, i16::MAX, 5], 1.0, String::new());
        assert_eq!(&c.weights[..3], &[-WMAX, WMAX, 5]);
    }

    #[test]
    fn learns_a_toy_pattern() {
        // "Minister X Y" -> X Y is a person; "in Z" -> Z is a place.
        let mk = |s: &str, gold: &[u8]| {
            let mut toks = Vec::new();
            crate::entities::tokenize::tokenize(s, &mut toks);
            TrainDoc {
                text: s.to_string(),
                toks,
                gold: gold.to_vec(),
            }
        };
        let docs = vec![
            mk("Minister Abc Defg met in Hijk .", &[0, 1, 2, 0, 0, 5, 0]),
            mk("Minister Lmn Opq spoke in Rstu .", &[0, 1, 2, 0, 0, 5, 0]),
        ];
        let m = train(
            &docs,
            "",
            TrainConfig {
                epochs: 5,
                log2_buckets: 12,
                seed: 1,
            },
            |_, _| {},
        );
        let m = Model::from_bytes(&m.to_bytes()).expect("round trip");
        let d = mk("Minister Xyz Wvu met in Qrs .", &[]);
        let mut ctx = DocCtx::default();
        ctx.fill(&d.text, &d.toks, &Gazetteer::builtin());
        let mut tags = Vec::new();
        m.tag(
            &d.text,
            &d.toks,
            &ctx,
            &mut tags,
            &mut DecodeState::default(),
        );
        assert_eq!(tags, vec![0, 1, 2, 0, 0, 5, 0]);
    }
}
