//! Boilerplate: text that is page furniture, not news.
//!
//! A web page carries lines that repeat from article to article of one
//! site ("CLICK HERE TO GET THE FOX NEWS APP", "ADVERTISEMENT", newsletter
//! and cookie banners, related-story boxes, photo credits); a wire feed
//! carries sign-offs. They are found from repetition across the collection,
//! never from a list of phrases:
//!
//! * words are compared folded (case, punctuation dropped, digits as `0`,
//!   so a copyright year or a photo number does not make a banner new);
//! * a paragraph of at most [`SHINGLE`] words is boilerplate when the
//!   same paragraph occurs in at least [`min_articles`] articles;
//! * in longer paragraphs, every run of [`SHINGLE`] words is counted by the
//!   articles holding it; a stretch of at least [`MIN_RUN`] words covered
//!   by such frequent runs is boilerplate (a banner with a varying name in
//!   it, "Sign up to First Edition … Privacy Notice: …"), while a phrase
//!   that merely recurs ("the United States and its allies") is too short;
//! * a paragraph at least half of whose words are boilerplate is
//!   boilerplate throughout (furniture comes in blocks);
//! * a sign-off is an article's last word when no punctuation follows it
//!   ("… the sources said. REUTER", "… <NCBO.OL> REUTER"); one shared by
//!   [`min_articles`] articles is boilerplate, and the word names no one
//!   elsewhere in the stories either ("a Reuter survey": the wire speaking
//!   of itself);
//! * a long stretch (more than [`SHINGLE`] words) that reads as news is
//!   kept: one whose articles all lie within [`NEWS_DAYS`] of each other (a
//!   story or explainer retold while it is news, as a live page is) and
//!   that does not address the reader (no second-person word outside
//!   quotation marks: "Sign up … you agree …"); furniture persists over
//!   months or speaks to the reader;
//! * an article three quarters of whose words are such stretches is a copy of
//!   another (a story filed twice), which is news: only its short
//!   paragraphs keep their boilerplate marks;
//! * a label is a paragraph's opening words before a colon (at most
//!   [`LABEL_WORDS`]: "Editor’s Note:", "Photo:", "Source:"); one that opens
//!   paragraphs of [`min_articles`] articles is the site's furniture, even
//!   when what follows it differs (the label only: the rest stays news).
//!
//! Runs are counted in a map of the runs that may be frequent: in a
//! collection of [`SKETCH_FROM`] articles or more, a first pass counts
//! every run coarsely ([`Sketch`]) and the map keeps only those the sketch
//! admits (every frequent run is among them), so that memory follows the
//! frequent runs, not the collection's size.
//!
//! Both index paths (the page's in-page build, fed by a recognition worker,
//! and the prebuilt `dateline build`) compute this where the whole
//! collection is known: when entity mentions are filed
//! ([`crate::index::entities`]), so boilerplate names no entity.

use std::hash::Hasher;

use chrono::Datelike;
use rustc_hash::{FxHashMap, FxHasher};

use crate::article::Article;
use crate::index::docs::Docs;

/// Words in a compared run.
pub const SHINGLE: usize = 8;

/// Fewest words a boilerplate stretch inside a long paragraph covers.
pub const MIN_RUN: usize = 12;

/// Paragraphs longer than this (in words) lose their marks in an article
/// that is mostly repeated text (a copy of a story).
pub const MAX_WORDS: usize = 40;

/// Longest span, in days, over which a repeated long stretch may still be
/// news retold (a live page's explainer, a story filed on several days).
pub const NEWS_DAYS: i32 = 14;

/// Collections of at least this many articles count their runs in two
/// passes, coarsely then exactly ([`Sketch`]); smaller ones in one, exactly
/// (the map of all their runs is small, and the page's build is spared a
/// pass over the text).
pub const SKETCH_FROM: usize = 50_000;

/// How many different articles must share a run for it to be boilerplate:
/// at least 3 (so a pair of near-identical articles, or a two-article
/// seed, loses nothing), and one in a thousand of a large collection
/// (where a phrase may recur by chance).
pub fn min_articles(collection: usize) -> usize {
    (collection / 1000).max(3)
}

/// Which stretches of a collection's paragraphs are boilerplate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Boilerplate {
    /// Per article, `(paragraph, start, end)` byte ranges in text order.
    spans: Vec<Vec<(u32, u32, u32)>>,
    /// The hashes ([`sign_off_hash`]) of the collection's sign-offs.
    sign_offs: Vec<u64>,
}

/// One folded word of a paragraph: its hash and byte range.
struct Word {
    hash: u64,
    start: usize,
    end: usize,
}

fn words(p: &str, out: &mut Vec<Word>) {
    out.clear();
    let mut at = None;
    let mut h = FxHasher::default();
    for (i, c) in p.char_indices().chain(std::iter::once((p.len(), ' '))) {
        if c.is_alphanumeric() {
            at.get_or_insert(i);
            if c.is_numeric() {
                h.write_u8(b'0');
            } else {
                for l in c.to_lowercase() {
                    h.write_u32(l as u32);
                }
            }
        } else if let Some(start) = at.take() {
            out.push(Word {
                hash: h.finish(),
                start,
                end: i,
            });
            h = FxHasher::default();
        }
    }
}

/// The hashes of a paragraph's compared runs: one per [`SHINGLE`] words,
/// or the whole paragraph when shorter.
fn shingles(w: &[Word], out: &mut Vec<u64>) {
    out.clear();
    let n = SHINGLE.min(w.len());
    if n == 0 {
        return;
    }
    for run in w.windows(n) {
        let mut h = FxHasher::default();
        h.write_usize(n);
        for x in run {
            h.write_u64(x.hash);
        }
        out.push(h.finish());
    }
}

/// Where an article's unpunctuated last word begins, when its last
/// paragraph ends in one and has words before it.
fn sign_off(p: &str) -> Option<usize> {
    if !p.ends_with(char::is_alphanumeric) {
        return None;
    }
    let (at, c) = p
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())?;
    Some(at + c.len_utf8())
}

/// Most words in a paragraph's label (see [`label`]).
pub const LABEL_WORDS: usize = 4;

/// Where a paragraph's label ends (the byte of its colon): at most
/// [`LABEL_WORDS`] words of letters (apostrophes within), then a colon and
/// a space ("Editor’s Note: Mark Hannah is …").
fn label(p: &str) -> Option<usize> {
    let colon = p.find(':')?;
    let head = &p[..colon];
    let rest = &p[colon + 1..];
    let words = head.split(' ').filter(|w| !w.is_empty());
    let ok = !head.trim().is_empty()
        && rest.starts_with(char::is_whitespace)
        && head
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '’' || c == '\'')
        && head.starts_with(char::is_alphabetic)
        && words.count() <= LABEL_WORDS;
    ok.then_some(colon)
}

/// The hash a label is counted by (folded, apart from runs and sign-offs).
fn label_hash(w: &[Word]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(0xfe);
    for x in w {
        h.write_u64(x.hash);
    }
    h.finish()
}

/// Day number of an undated article: far from every dated one, so a run
/// held by one is never news retold within [`NEWS_DAYS`].
const UNDATED: i32 = i32::MIN / 4;

/// What detection knows of one run: how many different articles hold it,
/// the last one counted, and the days of the earliest and latest.
#[derive(Clone, Copy)]
struct Seen {
    count: u32,
    doc: u32,
    first: i32,
    last: i32,
}

impl Default for Seen {
    fn default() -> Self {
        Seen {
            count: 0,
            doc: u32::MAX,
            first: i32::MAX,
            last: i32::MIN,
        }
    }
}

impl Seen {
    fn add(&mut self, doc: u32, day: i32) {
        if self.doc != doc {
            self.count += 1;
            self.doc = doc;
        }
        // An undated article spreads the run over all time.
        let (lo, hi) = if day == UNDATED {
            (UNDATED, -UNDATED)
        } else {
            (day, day)
        };
        self.first = self.first.min(lo);
        self.last = self.last.max(hi);
    }
}

/// Articles per run, counted coarsely in a table of fixed size (a
/// count-min sketch: two rows of saturating counters, each run counted in
/// one counter a row, once per article). Collisions only add, so a run's
/// smaller counter is never below the number of articles holding it: every
/// frequent run is admitted, and the exact counts are kept for the admitted
/// runs alone. Without it, detection held a map entry (about 40 bytes) for
/// every distinct run of the collection: about 80 million at a million
/// articles (`bench/growth.mjs`), most of such a build's 5 GB peak.
struct Sketch {
    rows: [Vec<u16>; 2],
    bits: u32,
}

impl Sketch {
    /// A sketch for `docs` articles: 64 counters an article a row, as a
    /// power of two between 2^16 and 2^25 (at most 128 MiB in all).
    fn new(docs: usize) -> Sketch {
        let bits = docs
            .saturating_mul(64)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(16, 25);
        Sketch {
            rows: [vec![0; 1 << bits], vec![0; 1 << bits]],
            bits,
        }
    }

    /// The counter of run `h` in each row (two independent multiplicative hashes).
    fn slots(&self, h: u64) -> [usize; 2] {
        let shift = 64 - self.bits;
        [
            (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize,
            (h.rotate_left(29).wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> shift) as usize,
        ]
    }

    /// Count one more article holding run `h`.
    fn add(&mut self, h: u64) {
        let slots = self.slots(h);
        for (row, i) in self.rows.iter_mut().zip(slots) {
            row[i] = row[i].saturating_add(1);
        }
    }

    /// At most how many articles hold run `h`: its smaller counter (a
    /// saturated one: any number).
    fn at_most(&self, h: u64) -> u32 {
        let slots = self.slots(h);
        (self.rows.iter().zip(slots))
            .map(|(row, i)| match row[i] {
                u16::MAX => u32::MAX,
                n => u32::from(n),
            })
            .min()
            .unwrap_or(u32::MAX)
    }
}

/// Every run hash of article `a`, paragraph by paragraph, to `f`: each
/// paragraph's shingles, the last paragraph's sign-off, each label.
fn runs_of(a: &Article, w: &mut Vec<Word>, sh: &mut Vec<u64>, f: &mut dyn FnMut(u64)) {
    for (k, p) in a.paragraphs.iter().enumerate() {
        words(p, w);
        shingles(w, sh);
        if let Some(at) = sign_off(p).filter(|_| k + 1 == a.paragraphs.len()) {
            words(&p[at..], w);
            sh.push(sign_off_hash(w));
        }
        if let Some(at) = label(p) {
            words(&p[..at], w);
            sh.push(label_hash(w));
        }
        for &h in sh.iter() {
            f(h);
        }
    }
}

/// Whether `words` of paragraph `p` address the reader: a second-person
/// word ("you", "your", …) outside quotation marks. News reports in the
/// third person and quotes people in quotation marks; page furniture
/// speaks to whoever reads it ("By submitting your email, you agree …").
fn addresses_reader(p: &str, words: &[Word]) -> bool {
    words.iter().any(|w| {
        let word = &p[w.start..w.end];
        let second = ["you", "your", "yours", "yourself", "yourselves"]
            .iter()
            .any(|y| word.eq_ignore_ascii_case(y));
        // Inside a quotation when an odd number of quotation marks precede.
        let quoted = p[..w.start]
            .chars()
            .filter(|c| matches!(c, '"' | '\u{201c}' | '\u{201d}'))
            .count()
            % 2
            == 1;
        second && !quoted
    })
}

/// The hash of a sign-off's words (apart from any run's hash).
fn sign_off_hash(w: &[Word]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(0xff);
    for x in w {
        h.write_u64(x.hash);
    }
    h.finish()
}

impl Boilerplate {
    /// Detect over `docs` (the whole collection, in document order).
    pub fn detect<D: Docs + ?Sized>(docs: &D) -> Boilerplate {
        Self::detect_counting(docs, docs.count() >= SKETCH_FROM)
    }

    /// [`Self::detect`], its runs counted through a [`Sketch`] first or not
    /// (the answer is the same: the sketch only keeps rare runs out of the map).
    fn detect_counting<D: Docs + ?Sized>(docs: &D, sketched: bool) -> Boilerplate {
        let (mut w, mut sh) = (Vec::new(), Vec::new());
        let min = min_articles(docs.count()) as u32;
        let sketch = sketched.then(|| {
            let mut sketch = Sketch::new(docs.count());
            let mut held = Vec::new();
            docs.each(&mut |_, a| {
                held.clear();
                runs_of(a, &mut w, &mut sh, &mut |h| held.push(h));
                // Once an article, however often it repeats a run.
                crate::sort::sort(&mut held[..]);
                held.dedup();
                held.iter().for_each(|&h| sketch.add(h));
            });
            sketch
        });
        // Different articles holding each run the sketch admits (every run
        // without one): count, last article counted, and the days of its
        // first and last article (undated: `UNDATED`).
        let mut seen: FxHashMap<u64, Seen> = FxHashMap::default();
        docs.each(&mut |doc, a| {
            let day = a.date.map_or(UNDATED, |d| d.num_days_from_ce());
            runs_of(a, &mut w, &mut sh, &mut |h| {
                if sketch.as_ref().is_none_or(|s| s.at_most(h) >= min) {
                    seen.entry(h).or_default().add(doc as u32, day);
                }
            });
        });
        let frequent = |h: &u64| seen.get(h).is_some_and(|e| e.count >= min);
        // The days between the first and last article holding any of the
        // frequent runs among `hs` (the rare ones between them do not
        // count: the map may not hold them).
        let spread = |hs: &[u64]| {
            let (lo, hi) = hs
                .iter()
                .filter_map(|h| seen.get(h).filter(|e| e.count >= min))
                .fold((i32::MAX, i32::MIN), |(lo, hi), e| {
                    (lo.min(e.first), hi.max(e.last))
                });
            hi.saturating_sub(lo)
        };
        let mut spans = Vec::with_capacity(docs.count());
        let mut sign_offs = Vec::new();
        docs.each(&mut |_, a| {
            let mut found = Vec::new();
            let (mut covered, mut total) = (0usize, 0usize);
            for (k, p) in a.paragraphs.iter().enumerate() {
                words(p, &mut w);
                shingles(&w, &mut sh);
                total += w.len();
                let (covered_before, found_before) = (covered, found.len());

                // Word runs covered by frequent shingles, merged.
                let mut run: Option<(usize, usize)> = None;
                let mut flush = |run: Option<(usize, usize)>, found: &mut Vec<_>| {
                    if let Some((from, to)) = run {
                        // A whole repeated paragraph, or a long stretch.
                        let whole = from == 0 && to == w.len();
                        let long = to - from > SHINGLE;
                        let news = long
                            && spread(&sh[from..=to - SHINGLE]) <= NEWS_DAYS
                            && !addresses_reader(p, &w[from..to]);
                        if (whole || to - from >= MIN_RUN) && !news {
                            covered += to - from;
                            found.push((k as u32, w[from].start as u32, w[to - 1].end as u32));
                        }
                    }
                };
                for (i, h) in sh.iter().enumerate() {
                    if !frequent(h) {
                        continue;
                    }
                    let to = i + SHINGLE.min(w.len());
                    run = match run {
                        Some((from, end)) if i <= end => Some((from, to)),
                        other => {
                            flush(other, &mut found);
                            Some((i, to))
                        }
                    };
                }
                flush(run, &mut found);
                // Furniture comes in blocks: a paragraph mostly made of
                // boilerplate is boilerplate throughout (the varying name
                // and "Sign up to …" of a newsletter banner).
                if (covered - covered_before) * 2 >= w.len() && found.len() > found_before {
                    found.truncate(found_before);
                    found.push((k as u32, 0, p.len() as u32));
                    covered = covered_before + w.len();
                }
                if let Some(at) = sign_off(p).filter(|_| k + 1 == a.paragraphs.len()) {
                    words(&p[at..], &mut w);
                    let h = sign_off_hash(&w);
                    if frequent(&h) && !sign_offs.contains(&h) {
                        sign_offs.push(h);
                    }
                    if frequent(&h)
                        && !found
                            .iter()
                            .any(|&(q, _, e)| q == k as u32 && e as usize == p.len())
                    {
                        found.push((k as u32, at as u32, p.len() as u32));
                    }
                }
            }
            if covered * 4 > total * 3 {
                // A copy of a story: keep only the marks of short paragraphs.
                found.retain(|&(k, _, _)| {
                    a.paragraphs
                        .get(k as usize)
                        .is_some_and(|p| p.split_whitespace().count() <= MAX_WORDS)
                });
            }
            for (k, p) in a.paragraphs.iter().enumerate() {
                let Some(at) = label(p) else { continue };
                words(&p[..at], &mut w);
                let covered = found
                    .iter()
                    .any(|&(q, s, e)| q == k as u32 && s == 0 && e as usize >= at);
                if frequent(&label_hash(&w)) && !covered {
                    found.push((k as u32, 0, at as u32));
                }
            }
            crate::sort::sort(&mut found[..]);
            spans.push(found);
        });
        Boilerplate { spans, sign_offs }
    }

    /// The boilerplate `(paragraph, start, end)` byte ranges of document
    /// `doc`, in text order (empty when out of range).
    pub fn of_doc(&self, doc: usize) -> &[(u32, u32, u32)] {
        self.spans.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Whether bytes `start..end` of paragraph `para` of document `doc`
    /// overlap boilerplate.
    pub fn overlaps(&self, doc: usize, para: usize, start: usize, end: usize) -> bool {
        self.of_doc(doc)
            .iter()
            .any(|&(k, s, e)| k as usize == para && (s as usize) < end && start < e as usize)
    }

    /// Whether paragraph `para` of document `doc` is mostly boilerplate
    /// (at least half its bytes): how the reader marks a paragraph.
    pub fn paragraph(&self, doc: usize, para: usize, len: usize) -> bool {
        let covered: usize = self
            .of_doc(doc)
            .iter()
            .filter(|&&(k, _, _)| k as usize == para)
            .map(|&(_, s, e)| (e - s) as usize)
            .sum();
        len > 0 && covered * 2 >= len
    }

    /// Whether `text` is one of the collection's sign-offs (compared
    /// folded): the wire's own name ("REUTER"), which names no one where it
    /// appears in its stories either ("a Reuter survey", "Reuter
    /// correspondents"): the feed speaking of itself.
    pub fn is_sign_off(&self, text: &str) -> bool {
        if self.sign_offs.is_empty() {
            return false;
        }
        let mut w = Vec::new();
        words(text, &mut w);
        !w.is_empty() && self.sign_offs.contains(&sign_off_hash(&w))
    }

    /// How many boilerplate stretches there are in all.
    pub fn count(&self) -> usize {
        self.spans.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use chrono::NaiveDate;

    fn article(id: usize, paragraphs: &[&str]) -> Article {
        Article {
            id: format!("a{id}"),
            date: None,
            title: "t".into(),
            source: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        }
    }

    fn folded(p: &str) -> Vec<u64> {
        let mut w = Vec::new();
        words(p, &mut w);
        w.iter().map(|w| w.hash).collect()
    }

    #[test]
    fn words_fold_case_punctuation_and_digits() {
        assert_eq!(
            folded("CLICK HERE to get the Fox News app!"),
            folded("Click here TO GET THE FOX NEWS APP")
        );
        assert_eq!(folded("Photo: AP, 2022"), folded("Photo - AP 2023"));
        assert!(folded("...").is_empty());
    }

    const NEWS: [&str; 4] = [
        "Kyiv said one thing.",
        "Moscow another.",
        "Paris a third.",
        "Rome none.",
    ];

    #[test]
    fn a_short_paragraph_in_enough_articles_is_boilerplate() {
        let docs: Vec<Article> = NEWS
            .iter()
            .enumerate()
            .map(|(i, n)| article(i, &[n, "ADVERTISEMENT", "Click here to get the app."]))
            .collect();
        let b = Boilerplate::detect(&docs);
        for (d, a) in docs.iter().enumerate() {
            assert_eq!(
                b.of_doc(d),
                [(1, 0, 13), (2, 0, a.paragraphs[2].len() as u32)],
                "article {d}"
            );
            assert!(!b.paragraph(d, 0, a.paragraphs[0].len()));
            assert!(b.paragraph(d, 1, 13) && b.paragraph(d, 2, a.paragraphs[2].len()));
        }
        assert!(!b.overlaps(9, 0, 0, 1));
    }

    #[test]
    fn a_banner_with_a_varying_name_is_found_inside_its_paragraph() {
        let tail = "Enter your email address Sign up Privacy Notice: Newsletters may \
                    contain info about charities and online ads.";
        let names = [
            "First Edition",
            "This is Europe",
            "Morning Mail",
            "Headlines UK",
        ];
        let docs: Vec<Article> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let banner = format!("Sign up to {n} Free newsletter {tail}");
                article(i, &[NEWS[i], &banner])
            })
            .collect();
        let b = Boilerplate::detect(&docs);
        for (d, a) in docs.iter().enumerate() {
            let p = &a.paragraphs[1];
            let at = p.find("Enter").expect("tail");
            assert!(
                b.overlaps(d, 1, at, p.len()),
                "article {d}: {:?}",
                b.of_doc(d)
            );
            assert!(!b.overlaps(d, 0, 0, a.paragraphs[0].len()));
        }
    }

    /// Four articles holding one long paragraph, dated `days` apart.
    fn repeated(paragraph: &str, days: i64) -> Vec<Article> {
        let first = NaiveDate::from_ymd_opt(2022, 2, 24).expect("a date");
        (0..4)
            .map(|i| Article {
                date: Some(first + chrono::Duration::days(i * days)),
                ..article(i as usize, &[NEWS[i as usize], paragraph])
            })
            .collect()
    }

    #[test]
    fn a_long_stretch_retold_within_days_is_news_unless_it_addresses_the_reader() {
        let explainer = "Mr Putin said the military operation was needed to protect \
                         civilians in eastern Ukraine, a claim the US had predicted.";
        let quoted = "Mr Putin warned that meddling would \"lead to consequences \
                      you have never seen in history\" in a televised address.";
        let promo = "You can track information about the defense of Ukraine \
                     around the clock in our live coverage of the war.";
        for (text, days, boiler) in [
            (explainer, 3, false),
            (quoted, 3, false),
            (explainer, 60, true),
            (promo, 3, true),
        ] {
            let docs = repeated(text, days);
            let b = Boilerplate::detect(&docs);
            for d in 0..docs.len() {
                assert_eq!(
                    b.overlaps(d, 1, 0, text.len()),
                    boiler,
                    "{text:?} every {days} days, article {d}"
                );
            }
        }
    }

    #[test]
    fn a_shared_sign_off_after_the_last_sentence_is_boilerplate() {
        let docs: Vec<Article> = NEWS
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let last = format!("{n} REUTER");
                article(i, &[NEWS[(i + 1) % 4], &last])
            })
            .collect();
        let b = Boilerplate::detect(&docs);
        for (d, a) in docs.iter().enumerate() {
            let p = &a.paragraphs[1];
            assert_eq!(b.of_doc(d), [(1, p.len() as u32 - 6, p.len() as u32)]);
        }
        assert!(b.is_sign_off("Reuter") && b.is_sign_off("REUTER"));
        assert!(!b.is_sign_off("Reuters") && !b.is_sign_off("Kyiv"));
        assert!(!Boilerplate::detect(&docs[..2]).is_sign_off("REUTER"));
        assert_eq!(sign_off("He said. Reuter"), Some(9));
        assert_eq!(sign_off("He said."), None);
        assert_eq!(sign_off("Alone"), None);
        assert_eq!(sign_off("Russia’s"), Some(9));
    }

    #[test]
    fn a_label_opening_paragraphs_of_enough_articles_is_boilerplate() {
        let docs: Vec<Article> = NEWS
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let first = format!("Editor’s Note: {n}");
                article(i, &[&first, NEWS[(i + 1) % 4]])
            })
            .collect();
        let b = Boilerplate::detect(&docs);
        for d in 0..docs.len() {
            assert_eq!(b.of_doc(d), [(0, 0, "Editor’s Note".len() as u32)]);
        }
        assert!(Boilerplate::detect(&docs[..2]).of_doc(0).is_empty());
        assert_eq!(label("Photo: AFP"), Some(5));
        assert_eq!(label("He said: no"), Some(7));
        for p in [
            "At 10:30 we",
            "A long list of five words: x",
            "Note:x",
            ": x",
            "Kyiv, 3: x",
        ] {
            assert_eq!(label(p), None, "{p}");
        }
    }

    #[test]
    fn two_articles_a_recurring_phrase_or_a_repeated_story_lose_nothing() {
        let pair: Vec<Article> = (0..2)
            .map(|i| article(i, &["ADVERTISEMENT", "Same words here."]))
            .collect();
        assert_eq!(Boilerplate::detect(&pair).count(), 0);
        let phrase: Vec<Article> = NEWS
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let p = format!("{n} It backs the United States and its allies in this, {i}x.");
                article(i, &[&p])
            })
            .collect();
        assert_eq!(Boilerplate::detect(&phrase).count(), 0);
        let long = "The minister said the talks would go on for a week. ".repeat(5);
        let copies: Vec<Article> = (0..5).map(|i| article(i, &[&long, "Share"])).collect();
        let b = Boilerplate::detect(&copies);
        for d in 0..5 {
            assert_eq!(b.of_doc(d), [(1, 0, 5)], "only the short line of a copy");
        }
    }

    #[test]
    fn repeats_within_one_article_count_once() {
        let docs = vec![
            article(0, &["Share", "Share", "Share", "Share"]),
            article(1, &["Share", "news"]),
            article(2, &["other"]),
        ];
        assert_eq!(Boilerplate::detect(&docs).count(), 0);
    }

    #[test]
    fn the_threshold_grows_with_large_collections() {
        assert_eq!(min_articles(2), 3);
        assert_eq!(min_articles(447), 3);
        assert_eq!(min_articles(21_578), 21);
    }

    /// Any collection of sentences from a small vocabulary, with banners,
    /// sign-offs and labels repeated across articles and days: counting
    /// through the sketch finds exactly what counting every run does.
    /// A sketch of the smallest size over a few thousand runs has
    /// collisions, which only admit more runs to the exact count.
    mod sketch {
        use super::*;
        use proptest::prelude::*;

        const WORDS: [&str; 12] = [
            "kyiv", "talks", "minister", "said", "the", "grain", "Sign", "up", "you", "news",
            "REUTER", "Photo:",
        ];

        fn collection() -> impl Strategy<Value = Vec<Article>> {
            let paragraph = prop::collection::vec(0..WORDS.len(), 1..24)
                .prop_map(|ws| ws.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" "));
            let article = (
                prop::collection::vec(paragraph, 1..5),
                0i64..60,
                any::<bool>(),
            );
            prop::collection::vec(article, 1..40).prop_map(|arts| {
                (arts.into_iter().enumerate())
                    .map(|(i, (paragraphs, day, dated))| Article {
                        id: format!("a{i}"),
                        date: dated.then(|| {
                            NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
                                + chrono::Duration::days(day)
                        }),
                        title: "t".into(),
                        source: None,
                        paragraphs,
                    })
                    .collect()
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]
            #[test]
            fn the_sketch_changes_nothing(docs in collection()) {
                let exact = Boilerplate::detect_counting(&docs[..], false);
                let sketched = Boilerplate::detect_counting(&docs[..], true);
                prop_assert_eq!(sketched, exact);
            }
        }

        #[test]
        fn a_runs_counter_is_never_below_its_articles() {
            let mut s = Sketch::new(1);
            for h in 0..50_000u64 {
                s.add(h.wrapping_mul(0x2545_F491_4F6C_DD1D));
            }
            // 50,000 runs in 65,536 counters a row: each still counts its one article.
            assert!((0..50_000u64).all(|h| s.at_most(h.wrapping_mul(0x2545_F491_4F6C_DD1D)) >= 1));
            let mut full = Sketch::new(1);
            for _ in 0..70_000 {
                full.add(7);
            }
            assert_eq!(
                full.at_most(7),
                u32::MAX,
                "a saturated counter admits any threshold"
            );
        }
    }
}
