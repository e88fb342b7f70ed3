//! Reading CoNLL-2003 files (IOB1: `WORD POS CHUNK NER`) for training and scoring.
//!
//! Each `-DOCSTART-` article becomes one [`TrainDoc`]: tokens joined by single
//! spaces (sentences by newlines) so that byte spans can be mapped back to
//! token indices exactly, and gold tags converted to IOB2.

use super::model::TrainDoc;
use super::tags::{b_tag, i_tag, tag_type};
use super::tokenize::Tok;

/// Type index of a CoNLL type name.
pub fn type_index(name: &str) -> Option<u8> {
    Some(match name {
        "PER" => 0,
        "ORG" => 1,
        "LOC" => 2,
        "MISC" => 3,
        _ => return None,
    })
}

/// Why a CoNLL file could not be read: what, and on which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConllError {
    /// The line, counted from 1.
    pub line: usize,
    /// What is wrong with it.
    pub kind: ConllErrorKind,
}

/// What is wrong with a line of a CoNLL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConllErrorKind {
    /// Fewer than the two columns needed (the word and, last, its tag):
    /// the line as found.
    TooFewColumns(String),
}

impl std::fmt::Display for ConllError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            ConllErrorKind::TooFewColumns(got) => write!(
                f,
                "line {}: expected `WORD POS CHUNK NER`, got {got:?}",
                self.line
            ),
        }
    }
}

impl std::error::Error for ConllError {}

/// Parse a CoNLL-2003 file. Lines that do not have four columns are an error
/// (with the line number); unknown tags count as O.
pub fn parse(text: &str) -> Result<Vec<TrainDoc>, ConllError> {
    let mut docs = Vec::new();
    let mut cur = TrainDoc {
        text: String::new(),
        toks: Vec::new(),
        gold: Vec::new(),
    };
    let mut sent_start = true;
    let mut prev: Option<(u8, bool)> = None; // (type, was entity)
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.starts_with("-DOCSTART-") {
            if !cur.toks.is_empty() {
                docs.push(std::mem::replace(
                    &mut cur,
                    TrainDoc {
                        text: String::new(),
                        toks: Vec::new(),
                        gold: Vec::new(),
                    },
                ));
            }
            sent_start = true;
            prev = None;
            continue;
        }
        if line.trim().is_empty() {
            sent_start = true;
            prev = None;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() < 2 {
            return Err(ConllError {
                line: ln + 1,
                kind: ConllErrorKind::TooFewColumns(line.to_string()),
            });
        }
        let word = cols[0];
        let ner = cols[cols.len() - 1];
        if !cur.text.is_empty() {
            cur.text.push(if sent_start { '\n' } else { ' ' });
        }
        let start = cur.text.len();
        cur.text.push_str(word);
        cur.toks.push(Tok {
            start,
            end: cur.text.len(),
            sent_start,
        });
        sent_start = false;
        // IOB1 -> IOB2: an I- tag opens a new entity unless it continues one of the same type.
        let tag = match ner.split_once('-') {
            Some((bio, ty)) => match type_index(ty) {
                Some(t) => {
                    let cont = bio == "I" && prev == Some((t, true));
                    prev = Some((t, true));
                    if cont {
                        i_tag(t)
                    } else {
                        b_tag(t)
                    }
                }
                None => {
                    prev = None;
                    0
                }
            },
            None => {
                prev = None;
                0
            }
        };
        cur.gold.push(tag);
    }
    if !cur.toks.is_empty() {
        docs.push(cur);
    }
    Ok(docs)
}

/// Entity chunks (start token, end token exclusive, type) from IOB2 tags.
pub fn chunks(tags: &[u8]) -> Vec<(usize, usize, u8)> {
    let mut out = Vec::new();
    let n = tags.len();
    let mut i = 0;
    while i < n {
        // Outside names (most tokens): O tags skipped eight at a time.
        while i + 8 <= n && tags[i..i + 8].iter().fold(0u8, |a, &t| a | t) == 0 {
            i += 8;
        }
        if i >= n {
            break;
        }
        let Some(ty) = tag_type(tags[i]) else {
            i += 1;
            continue;
        };
        // Any tag of a type opens a chunk; its I- tags continue it.
        let s = i;
        i += 1;
        while i < n && tags[i] == i_tag(ty) {
            i += 1;
        }
        out.push((s, i, ty));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tag by tag, as `chunks` was first written.
    fn chunks_slow(tags: &[u8]) -> Vec<(usize, usize, u8)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, u8)> = None;
        for (i, &t) in tags.iter().enumerate() {
            let ty = super::tag_type(t);
            let is_begin = ty.is_some_and(|ty| t == b_tag(ty));
            let continues = matches!((open, ty), (Some((_, o)), Some(ty)) if o == ty && !is_begin);
            if !continues {
                if let Some((s, o)) = open.take() {
                    out.push((s, i, o));
                }
                if let Some(ty) = ty {
                    open = Some((i, ty));
                }
            }
        }
        if let Some((s, o)) = open {
            out.push((s, tags.len(), o));
        }
        out
    }

    #[test]
    fn chunks_match_the_tag_by_tag_reading() {
        let mut x: u32 = 7;
        for len in 0..200 {
            let tags: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    // Mostly O, as in text; now and then an out-of-range tag.
                    if x % 3 != 0 {
                        0
                    } else {
                        (x / 3 % 11) as u8
                    }
                })
                .collect();
            assert_eq!(chunks(&tags), chunks_slow(&tags), "{tags:?}");
        }
    }

    #[test]
    fn parses_iob1_into_iob2_docs() {
        let f = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nJohn NNP I-NP B-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n";
        let d = parse(f).expect("parses");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].gold, vec![3, 0, 7, 1, 2, 1]);
        assert_eq!(&d[0].text[d[0].toks[3].start..d[0].toks[3].end], "Peter");
        assert!(d[0].toks[3].sent_start && !d[0].toks[4].sent_start);
        assert_eq!(
            chunks(&d[0].gold),
            vec![(0, 1, 1), (2, 3, 3), (3, 5, 0), (5, 6, 0)]
        );
        assert!(parse("justoneword\n").is_err());
    }
}
