//! The statistical tagger: a greedy left-to-right averaged perceptron over
//! hashed features, its training, and its file format.
//!
//! File format (all integers little-endian), version [`FORMAT_VERSION`]:
//!
//! | bytes | field |
//! |---|---|
//! | 0..4 | magic `DNER` |
//! | 4..8 | format version (u32) |
//! | 8..12 | log2 of the bucket count (u32, 10..=24) |
//! | 12..16 | tag count (u32, must be 9) |
//! | 16..20 | weight scale (f32): weight = stored i16 × scale |
//! | 20..24 | gazetteer length in bytes (u32) |
//! | 24..28 | weight table length in bytes (u32, = buckets × tags × 2) |
//! | 28..32 | CRC-32 of everything after the header |
//! | 32.. | gazetteer TSV (UTF-8), then the weight table (i16, bucket-major) |
//!
//! Why 16 bits: 8-bit codes, linear or logarithmic, cost 1 to 15 points of
//! F1 (averaged-perceptron weights span four orders of magnitude, and both
//! the largest and the many small ones matter); zeros dominate and gzip well.

use super::features::{extract, i_tag, is_candidate, tag_type, DocCtx, DocHint, IdMap, MAX_FEATS, N_TAGS};
use super::gazetteer::Gazetteer;
use super::tokenize::Tok;
use std::fmt;

/// Current model file format version.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &[u8; 4] = b"DNER";
const HEADER: usize = 32;

/// Why model bytes were rejected. The message names what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// Fewer bytes than the header or the header's declared lengths need.
    Truncated {
        /// Bytes present.
        got: usize,
        /// Bytes needed.
        need: usize,
    },
    /// The first four bytes are not `DNER`.
    BadMagic([u8; 4]),
    /// A format version this build cannot read.
    Version {
        /// Found in the file.
        found: u32,
        /// What this build reads.
        expected: u32,
    },
    /// CRC-32 of the body differs from the header's.
    Checksum {
        /// Stored in the header.
        stored: u32,
        /// Computed over the body.
        computed: u32,
    },
    /// A header field out of range, or a non-UTF-8 gazetteer, or trailing bytes.
    Invalid(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Truncated { got, need } => write!(f, "ner model: truncated at byte {got} of {need}"),
            ModelError::BadMagic(m) => write!(f, "ner model: bad magic {m:02x?} at byte 0, expected \"DNER\" (not a Dateline NER model)"),
            ModelError::Version { found, expected } => write!(f, "ner model: format version {found}, expected {expected}"),
            ModelError::Checksum { stored, computed } => {
                write!(f, "ner model: checksum mismatch: header says {stored:#010x}, body hashes to {computed:#010x}")
            }
            ModelError::Invalid(m) => write!(f, "ner model: {m}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// A trained tagger: quantised weights plus the gazetteer it was trained with.
#[derive(Debug, Clone)]
pub struct Model {
    pub(crate) log2: u32,
    pub(crate) weights: Vec<i16>,
    pub(crate) scale: f32,
    /// Extra gazetteer TSV (cities, regions) that the features were trained with.
    pub(crate) gaz_tsv: String,
}

use crate::checksum::crc32;

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

impl Model {
    /// Serialise to the file format above.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(self.gaz_tsv.len() + self.weights.len());
        body.extend_from_slice(self.gaz_tsv.as_bytes());
        for w in &self.weights {
            body.extend_from_slice(&w.to_le_bytes());
        }
        let mut out = Vec::with_capacity(HEADER + body.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&self.log2.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.gaz_tsv.len() as u32).to_le_bytes());
        out.extend_from_slice(&((self.weights.len() * 2) as u32).to_le_bytes());
        out.extend_from_slice(&crc32(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Parse and validate model bytes. Never panics.
    pub fn from_bytes(b: &[u8]) -> Result<Model, ModelError> {
        if b.len() >= 4 && &b[..4] != MAGIC {
            let mut m = [0u8; 4];
            m.copy_from_slice(&b[..4]);
            return Err(ModelError::BadMagic(m));
        }
        if b.len() < HEADER {
            return Err(ModelError::Truncated { got: b.len(), need: HEADER });
        }
        let version = u32_at(b, 4);
        if version != FORMAT_VERSION {
            return Err(ModelError::Version { found: version, expected: FORMAT_VERSION });
        }
        let log2 = u32_at(b, 8);
        if !(10..=24).contains(&log2) {
            return Err(ModelError::Invalid(format!("bucket bits {log2} at byte 8 out of range 10..=24")));
        }
        let ntags = u32_at(b, 12);
        if ntags as usize != N_TAGS {
            return Err(ModelError::Invalid(format!("tag count {ntags} at byte 12, expected {N_TAGS}")));
        }
        let scale = f32::from_le_bytes([b[16], b[17], b[18], b[19]]);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Invalid(format!("weight scale (bits {:#010x}) at byte 16 is not a positive number", scale.to_bits())));
        }
        let gaz_len = u32_at(b, 20) as usize;
        let w_len = u32_at(b, 24) as usize;
        let expect_w = (1usize << log2) * N_TAGS * 2;
        if w_len != expect_w {
            return Err(ModelError::Invalid(format!("weight table of {w_len} bytes at byte 24, expected {expect_w}")));
        }
        let need = HEADER + gaz_len + w_len;
        if b.len() < need {
            return Err(ModelError::Truncated { got: b.len(), need });
        }
        if b.len() > need {
            return Err(ModelError::Invalid(format!("{} trailing bytes after byte {need}", b.len() - need)));
        }
        let stored = u32_at(b, 28);
        let computed = crc32(&b[HEADER..]);
        if stored != computed {
            return Err(ModelError::Checksum { stored, computed });
        }
        let gaz_tsv = std::str::from_utf8(&b[HEADER..HEADER + gaz_len])
            .map_err(|e| ModelError::Invalid(format!("gazetteer is not UTF-8 at byte {}", HEADER + e.valid_up_to())))?
            .to_string();
        let weights = b[HEADER + gaz_len..].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        Ok(Model { log2, weights, scale, gaz_tsv })
    }

    pub(crate) fn mask(&self) -> u64 {
        (1u64 << self.log2) - 1
    }
}

/// One step of greedy decoding: score features, then see the choice.
pub(crate) trait Step {
    fn scores(&mut self, feats: &[u32], out: &mut [i64; N_TAGS]);
    fn observe(&mut self, _tok: usize, _feats: &[u32], _pred: u8) {}
}

struct Infer<'a>(&'a [i16]);
impl Step for Infer<'_> {
    #[inline]
    fn scores(&mut self, feats: &[u32], out: &mut [i64; N_TAGS]) {
        // Nine named accumulators over one contiguous row per feature: the
        // adds stay in registers, with one bounds check per row (this is the
        // innermost loop of tagging).
        let w = self.0;
        let (mut a0, mut a1, mut a2, mut a3, mut a4, mut a5, mut a6, mut a7, mut a8) = (0i32, 0i32, 0i32, 0i32, 0i32, 0i32, 0i32, 0i32, 0i32);
        for &f in feats {
            let base = f as usize * N_TAGS;
            let Some(r) = w.get(base..base + N_TAGS) else { continue };
            let r: &[i16; N_TAGS] = match r.try_into() {
                Ok(r) => r,
                Err(_) => continue,
            };
            a0 += r[0] as i32;
            a1 += r[1] as i32;
            a2 += r[2] as i32;
            a3 += r[3] as i32;
            a4 += r[4] as i32;
            a5 += r[5] as i32;
            a6 += r[6] as i32;
            a7 += r[7] as i32;
            a8 += r[8] as i32;
        }
        *out = [a0 as i64, a1 as i64, a2 as i64, a3 as i64, a4 as i64, a5 as i64, a6 as i64, a7 as i64, a8 as i64];
    }
}

/// Per-document state of the decoder, reusable across documents.
#[derive(Default)]
pub(crate) struct DecodeState {
    /// Per capitalised word (by hash), over the first pass: its last label
    /// (0 = unseen, 1 = O, 2 + type), and its label counts (O, PER, ORG, LOC, MISC).
    words: IdMap<(u8, [u16; 5])>,
    /// Words the first pass labelled in more than one way, with their most
    /// frequent label (0 = O, 1 + type).
    mixed: IdMap<u8>,
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
pub(crate) fn decode<S: Step>(step: &mut S, mask: u64, text: &str, toks: &[Tok], ctx: &DocCtx, tags: &mut Vec<u8>, st: &mut DecodeState) {
    tags.clear();
    tags.resize(toks.len(), 0);
    st.words.clear();
    st.mixed.clear();
    for &(s, e) in &ctx.sents {
        decode_sentence(step, mask, text, toks, ctx, s, e, tags, st, false);
    }
    // Most documents label every word consistently: then there is no second pass.
    for (&w, (_, c)) in &st.words {
        if c.iter().filter(|&&n| n > 0).count() >= 2 {
            st.mixed.insert(w, major(c));
        }
    }
    if st.mixed.is_empty() {
        return;
    }
    for &(s, e) in &ctx.sents {
        let mixed = (s..e).any(|i| {
            // Only capitalised words were counted: a lower-case "oil" is no
            // occurrence of the "Oil" the first pass labelled two ways.
            if ctx.info[i].flags & super::features::flag::HAS_UPPER == 0 {
                return false;
            }
            let Some(&major) = st.mixed.get(&ctx.info[i].lower) else { return false };
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

#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
fn decode_sentence<S: Step>(step: &mut S, mask: u64, text: &str, toks: &[Tok], ctx: &DocCtx, s: usize, e: usize, tags: &mut [u8], st: &mut DecodeState, second: bool) {
    let mut feats = [0u32; MAX_FEATS];
    let (mut prev, mut prev2) = (0u8, 0u8);
    for i in s..e {
        let pred = if is_candidate(&ctx.info, i, e, prev) {
            let lower = ctx.info[i].lower;
            let known = st.words.get(&lower).copied();
            let hint = if second {
                let c = known.map_or([0; 5], |k| k.1);
                let seen = c.iter().enumerate().fold(0u8, |m, (k, &n)| if n > 0 { m | 1 << k } else { m });
                DocHint { mem: 0, seen: seen.max(1), major: major(&c) }
            } else {
                DocHint { mem: known.map_or(0, |k| k.0), seen: 0, major: 0 }
            };
            let n = extract(text, toks, ctx, i, s, e, prev, prev2, hint, mask, &mut feats);
            let mut sc = [0i64; N_TAGS];
            step.scores(&feats[..n], &mut sc);
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
            if !second && ctx.info[i].flags & super::features::flag::HAS_UPPER != 0 {
                let label = tag_type(best).map_or(0, |t| t + 1);
                let w = st.words.entry(lower).or_default();
                w.0 = label + 1;
                if let Some(c) = w.1.get_mut(label as usize) {
                    *c = c.saturating_add(1);
                }
            }
            best
        } else {
            0
        };
        tags[i] = pred;
        prev2 = prev;
        prev = pred;
    }
}

impl Model {
    /// Tag a tokenised document (gazetteer context already in `ctx`).
    pub(crate) fn tag(&self, text: &str, toks: &[Tok], ctx: &DocCtx, tags: &mut Vec<u8>, st: &mut DecodeState) {
        decode(&mut Infer(&self.weights), self.mask(), text, toks, ctx, tags, st);
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
        TrainConfig { epochs: 8, log2_buckets: 17, seed: 7 }
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
    fn scores(&mut self, feats: &[u32], out: &mut [i64; N_TAGS]) {
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
pub fn train(docs: &[TrainDoc], extra_gaz_tsv: &str, cfg: TrainConfig, mut progress: impl FnMut(usize, f64)) -> Model {
    let mut gaz = Gazetteer::builtin();
    gaz.add_tsv(extra_gaz_tsv);
    let log2 = cfg.log2_buckets.clamp(10, 24);
    let size = (1usize << log2) * N_TAGS;
    let mut tr = Trainer { w: vec![0; size], wa: vec![0; size], c: 1, gold: &[], errors: 0, seen: 0 };
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
            decode(&mut tr, mask, &doc.text, &doc.toks, &ctxs[d], &mut tags, &mut st);
        }
        let acc = if tr.seen == 0 { 1.0 } else { 1.0 - tr.errors as f64 / tr.seen as f64 };
        progress(epoch + 1, acc);
    }
    // Averaged weights, quantised linearly to i16 against the largest magnitude.
    let c = tr.c as f64;
    let avg: Vec<f32> = tr.w.iter().zip(&tr.wa).map(|(&w, &wa)| (w as f64 - wa as f64 / c) as f32).collect();
    let max = avg.iter().fold(0f32, |m, &x| m.max(x.abs())).max(1e-6);
    let scale = max / 32767.0;
    let weights = avg.iter().map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16).collect();
    Model { log2, weights, scale, gaz_tsv: extra_gaz_tsv.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        Model { log2: 10, weights: (0..(1 << 10) * N_TAGS).map(|i| (i % 7) as i16 - 3).collect(), scale: 0.5, gaz_tsv: "city\tGeneva\tGeneva\n".into() }
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
        assert_eq!(e.to_string(), format!("ner model: truncated at byte 1000 of {}", b.len()));
        let e = Model::from_bytes(&b[..10]).unwrap_err();
        assert_eq!(e.to_string(), "ner model: truncated at byte 10 of 32");
        let mut v = b.clone();
        v[4] = 3;
        assert_eq!(Model::from_bytes(&v).unwrap_err().to_string(), "ner model: format version 3, expected 1");
        let mut v = b.clone();
        let last = v.len() - 1;
        v[last] ^= 0x55;
        let e = Model::from_bytes(&v).unwrap_err();
        assert!(matches!(e, ModelError::Checksum { .. }), "{e}");
        assert!(e.to_string().contains("checksum mismatch"));
        assert!(matches!(Model::from_bytes(b"GIF89a-not-a-model-at-all-xxxxxxxxxx"), Err(ModelError::BadMagic(_))));
        assert!(Model::from_bytes(&[]).is_err());
        let mut v = b.clone();
        v.push(0);
        assert!(matches!(Model::from_bytes(&v), Err(ModelError::Invalid(_))));
    }

    #[test]
    fn learns_a_toy_pattern() {
        // "Minister X Y" -> X Y is a person; "in Z" -> Z is a place.
        let mk = |s: &str, gold: &[u8]| {
            let mut toks = Vec::new();
            crate::entities::tokenize::tokenize(s, &mut toks);
            TrainDoc { text: s.to_string(), toks, gold: gold.to_vec() }
        };
        let docs = vec![
            mk("Minister Abc Defg met in Hijk .", &[0, 1, 2, 0, 0, 5, 0]),
            mk("Minister Lmn Opq spoke in Rstu .", &[0, 1, 2, 0, 0, 5, 0]),
        ];
        let m = train(&docs, "", TrainConfig { epochs: 5, log2_buckets: 12, seed: 1 }, |_, _| {});
        let m = Model::from_bytes(&m.to_bytes()).expect("round trip");
        let d = mk("Minister Xyz Wvu met in Qrs .", &[]);
        let mut ctx = DocCtx::default();
        ctx.fill(&d.text, &d.toks, &Gazetteer::builtin());
        let mut tags = Vec::new();
        m.tag(&d.text, &d.toks, &ctx, &mut tags, &mut DecodeState::default());
        assert_eq!(tags, vec![0, 1, 2, 0, 0, 5, 0]);
    }
}
