//! Casing: how the collection itself writes each word, as evidence of what
//! is a name.
//!
//! A name is written capitalised wherever case carries meaning. Where it
//! carries none (an all-capitals line: a wire's "****** … 6.7 BILLION DLRS"
//! flash, "CLICK HERE TO READ MORE FROM …", even when the parser joined it
//! to the story's first line; a table row opening "Payable
//! April 1"; the first word of a sentence: "Sign up"), the recogniser can
//! only guess, and guesses "BILLION", "WILL", "CLICK HERE", "Payable",
//! "Sign". The collection answers it: those words are written in lower case
//! mid-sentence far more often than capitalised. So a mention all of whose
//! words the collection mostly writes in lower case names nothing; no list
//! of words is involved.
//!
//! Only evidence where case means something is counted: a word right
//! after a letter, digit or comma on the same line (not a sentence's,
//! line's or quotation's first word), and not shouted (in a run of
//! [`SHOUTED`] all-capital words; "NATO" and the "US" of "the US said"
//! count as capitalised).

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

use crate::index::docs::Docs;

/// Fewest mid-sentence lower-case uses before a word counts as a common
/// word: one or two may be a typo ("the kremlin").
pub const MIN_LOWER: u32 = 3;

/// How often the collection writes each word (folded) in lower case and
/// capitalised, mid-sentence.
#[derive(Debug, Clone, Default)]
pub struct Casing {
    /// Folded word hash → (lower-case uses, capitalised uses).
    counts: FxHashMap<u64, (u32, u32)>,
}

/// The hash of a word folded to lower case.
fn folded(word: &str) -> u64 {
    let mut h = FxHasher::default();
    for c in word.chars().flat_map(char::to_lowercase) {
        h.write_u32(c as u32);
    }
    h.finish()
}

/// Fewest all-capital words in a row that make a shouted stretch (a flash
/// headline, a call to action) rather than acronyms side by side.
pub const SHOUTED: usize = 3;

/// One word of a text: its byte range, whether it is mid-sentence (right
/// after a letter, digit or comma on its line) and whether it is shouted
/// (in a run of at least [`SHOUTED`] all-capital words of two or more
/// letters, where capitals mean nothing).
struct Word {
    start: usize,
    end: usize,
    mid: bool,
    shouted: bool,
}

/// The words (runs of letters and digits) of `text`, into `out`.
fn words(text: &str, out: &mut Vec<Word>) {
    out.clear();
    let mut start = None;
    // The last character that was not a space ('\n' after a line break).
    let mut prev = '\n';
    let mut before = '\n';
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
                before = prev;
            }
        } else if let Some(s) = start.take() {
            out.push(Word {
                start: s,
                end: i,
                mid: before.is_alphanumeric() || before == ',',
                shouted: false,
            });
        }
        if c == '\n' || !c.is_whitespace() {
            prev = c;
        }
    }
    // Runs of all-capital words; words without two letters neither count
    // nor break a run ("6.7", the "U" and "S" of "U.S.").
    let caps = |w: &Word| {
        let t = &text[w.start..w.end];
        match t.chars().filter(|c| c.is_alphabetic()).count() {
            0 | 1 => None,
            _ => Some(!t.chars().any(char::is_lowercase)),
        }
    };
    let mut run: Vec<usize> = Vec::new();
    for k in 0..=out.len() {
        let c = out.get(k).map_or(Some(false), caps);
        match c {
            Some(true) => run.push(k),
            Some(false) => {
                if run.len() >= SHOUTED {
                    let (a, b) = (run[0], run[run.len() - 1]);
                    for w in &mut out[a..=b] {
                        w.shouted = true;
                    }
                }
                run.clear();
            }
            None => {}
        }
    }
}

/// Whether a word's case carries meaning where it stands, and if so
/// whether it is capitalised: `None` at a sentence's start or shouted,
/// and for a word that does not begin with a letter.
fn written_case(text: &str, w: &Word) -> Option<bool> {
    let first = text.get(w.start..w.end)?.chars().next()?;
    (w.mid && !w.shouted && first.is_alphabetic()).then(|| first.is_uppercase())
}

impl Casing {
    /// Count over `docs` (the whole collection).
    pub fn of<D: Docs + ?Sized>(docs: &D) -> Casing {
        let mut counts: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        let mut ws = Vec::new();
        docs.each(&mut |_, a| {
            for p in &a.paragraphs {
                words(p, &mut ws);
                for w in &ws {
                    if let Some(upper) = written_case(p, w) {
                        let e = counts.entry(folded(&p[w.start..w.end])).or_default();
                        if upper {
                            e.1 += 1;
                        } else {
                            e.0 += 1;
                        }
                    }
                }
            }
        });
        Casing { counts }
    }

    /// Whether the collection writes `word` mostly in lower case: at least
    /// [`MIN_LOWER`] lower-case uses and more than capitalised ones.
    pub fn is_common_word(&self, word: &str) -> bool {
        self.counts
            .get(&folded(word))
            .is_some_and(|&(lower, upper)| lower >= MIN_LOWER && lower > upper)
    }

    /// Whether the mention at bytes `start..end` of paragraph `p` names
    /// nothing: none of its words (of two or more letters) is capitalised
    /// where case carries meaning, at least one is a common word
    /// ([`is_common_word`](Self::is_common_word)), and no other one is
    /// capitalised at least as often as not where case means something. "BILLION" in an
    /// all-capitals flash, "CLICK HERE" in a call to action, "Payable"
    /// opening a table row and "Sign" opening "Sign up" name nothing;
    /// "Standard and Poor's", "N.Z.", the "US" of "the US said" and
    /// "JERRY MORAN" stand.
    pub fn names_nothing(&self, p: &str, start: usize, end: usize) -> bool {
        let mut ws = Vec::new();
        words(p, &mut ws);
        let (mut common, mut named) = (false, false);
        for w in ws.iter().filter(|w| w.start >= start && w.end <= end) {
            let word = &p[w.start..w.end];
            if word.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                continue;
            }
            // Capitalised at least as often as not, where case counts.
            let capitalised = self
                .counts
                .get(&folded(word))
                .is_some_and(|&(lower, upper)| upper > 0 && upper >= lower);
            if written_case(p, w) == Some(true) || capitalised {
                named = true;
            } else if self.is_common_word(word) {
                common = true;
            }
        }
        common && !named
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn docs(paragraphs: &[&str]) -> Vec<Article> {
        vec![Article {
            id: "a".into(),
            date: None,
            title: "t".into(),
            source: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        }]
    }

    #[test]
    fn words_written_in_lower_case_mid_sentence_name_nothing() {
        let c = Casing::of(&docs(&[
            "Exports rose 6.7 billion dlrs, and imports fell 2 billion dlrs. \
             Payments rose a billion dlrs, payable on demand, all payable later, \
             and payable now.",
            "Jerry Moran said Moran would sign the bill. Officials sign, clerks \
             sign, and Moran will not sign.",
            "****** U.S. EXPORTS ROSE 6.7 BILLION DLRS\nPayable April 1",
            "CLICK HERE TO READ MORE FROM SEN. JERRY MORAN",
        ]));
        let at = |p: &str, m: &str| {
            let s = p.find(m).expect("the mention");
            c.names_nothing(p, s, s + m.len())
        };
        let flash = "****** U.S. EXPORTS ROSE 6.7 BILLION DLRS\nPayable April 1";
        assert!(at(flash, "BILLION"));
        assert!(at(flash, "Payable"));
        assert!(!at(flash, "U.S."));
        // The parser may join the flash to the story's first line.
        let joined = "****** U.S. EXPORTS ROSE 6.7 BILLION DLRS Blah blah blah.";
        assert!(at(joined, "BILLION"));
        assert!(at("Sign up now.", "Sign"));
        // Capitalised mid-sentence: the writer's own word.
        assert!(!at("Pay by Payable Corp, they said.", "Payable"));
        let cta = "CLICK HERE TO READ MORE FROM SEN. JERRY MORAN";
        assert!(!at(cta, "JERRY MORAN"));
        // A word never written where case counts leaves the others to decide.
        assert!(!at(cta, "CLICK"));
        let c2 = Casing::of(&docs(&["Read it here, then here and here."]));
        assert!(c2.names_nothing(cta, 0, "CLICK HERE".len()));
        // No evidence either way, or too short to count: a name stands.
        assert!(!at("Talks in N.Z. ended.", "N.Z."));
        assert!(!at("BILLION MORAN", "BILLION MORAN"));
    }

    #[test]
    fn only_mid_sentence_mixed_case_words_count() {
        let c = Casing::of(&docs(&[
            "Sign here. Sign there. Sign now.",
            "SIGN SIGN SIGN SIGN",
            "The LINE IS OURS, but Sign Corp and sign makers sign here.",
            "\"sign\" (sign) - sign",
        ]));
        assert!(!c.is_common_word("sign"), "two lower-case uses against one");
        let c = Casing::of(&docs(&[
            "They sign, we sign, all sign, but SIGN Corp, Sign Co and SIGN Ltd.",
        ]));
        assert!(
            !c.is_common_word("sign"),
            "capitals that are not shouted count"
        );
    }
}
