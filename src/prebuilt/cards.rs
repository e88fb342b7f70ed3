//! Cards: what a result row shows of a document without its text (`cards-*`).
//!
//! A list with no word to mark (the opening list, a list of dates or of
//! entity filters alone) and the copies a reprinted row names need an
//! article's id, date, title, source and opening words, not its text: a
//! card chunk holds exactly that for the documents of one document chunk
//! (`docs-*`), a fraction of its bytes. The opening snippet is computed when
//! the index is written, by the same function the page's list uses
//! (`engine::snippet::snippet_after` with nothing to mark, boilerplate passed
//! over), so a row made from a card is the row made from the article.
//! A list whose words mark the text still reads the document chunks: its
//! snippets are centred on the words found.
//!
//! Payload (see [`super::format`]): `v chunk, v first doc`, then per
//! document `vstr id, vstr title, u8 flags (CARD_SOURCE, CARD_LEAD),
//! [vstr source], v n, n × vstr segment`.

use std::ops::Range;

use chrono::NaiveDate;

use super::format::{expect_end, expect_var, unframe, FileKind};
use crate::codec::{below, FormatError};
#[cfg(feature = "inpage")]
use crate::codec::{put_varint, put_vstr};

/// A card's flag: it names a source.
const CARD_SOURCE: u8 = 1;
/// A card's flag: its title is the text's lead (see `engine::snippet::lead_of`).
const CARD_LEAD: u8 = 2;

/// What a result row shows of a document when no word is marked in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub id: String,
    /// Publication date (from the metadata's days, not stored in the card).
    pub date: Option<NaiveDate>,
    pub title: String,
    pub source: Option<String>,
    /// The title is the text's opening (`lead_of` found it), so the list
    /// shows it as a lead.
    pub lead: bool,
    /// The snippet of a row with nothing to mark: the texts of its plain
    /// segments, in order ("…" segments included).
    pub opening: Vec<String>,
}

impl Card {
    /// The card of `a` as the list shows it: `furniture` tells its
    /// boilerplate paragraphs (the opening passes over them).
    #[cfg(feature = "inpage")]
    pub fn of(a: &crate::article::Article, furniture: impl Fn(usize) -> bool) -> Card {
        use crate::engine::snippet::{lead_of, snippet_after};
        let lead = lead_of(a);
        let nothing = crate::query::Highlight::default();
        Card {
            id: a.id.clone(),
            date: a.date,
            title: a.title.clone(),
            source: a.source.clone(),
            lead: lead.is_some(),
            opening: (snippet_after(a, &nothing, furniture, lead).into_iter())
                .map(|s| s.text)
                .collect(),
        }
    }

    /// Decoded bytes held (heap: the strings and the list).
    pub(super) fn heap_bytes(&self) -> usize {
        let opening: usize = self.opening.iter().map(String::len).sum();
        std::mem::size_of::<Card>()
            + self.id.len()
            + self.title.len()
            + self.source.as_ref().map_or(0, String::len)
            + self.opening.len() * std::mem::size_of::<String>()
            + opening
    }
}

/// The payload of card chunk `n`, whose first document is `first`.
#[cfg(feature = "inpage")]
pub(super) fn encode_cards(n: usize, first: u32, cards: &[Card]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, n as u64);
    put_varint(&mut out, u64::from(first));
    for c in cards {
        put_vstr(&mut out, &c.id);
        put_vstr(&mut out, &c.title);
        let flags =
            if c.source.is_some() { CARD_SOURCE } else { 0 } | if c.lead { CARD_LEAD } else { 0 };
        out.push(flags);
        if let Some(s) = &c.source {
            put_vstr(&mut out, s);
        }
        put_varint(&mut out, c.opening.len() as u64);
        c.opening.iter().for_each(|s| put_vstr(&mut out, s));
    }
    out
}

/// Card chunk `n`, holding documents `range`, whose publication dates are
/// `dates` (one per document of the range).
pub(super) fn decode_cards(
    n: usize,
    range: Range<usize>,
    dates: impl Fn(usize) -> Option<NaiveDate>,
    bytes: &[u8],
) -> Result<Vec<Card>, FormatError> {
    let mut r = unframe(bytes, FileKind::Cards)?;
    expect_var(&mut r, "chunk number", n as u64)?;
    expect_var(&mut r, "first document", range.start as u64)?;
    let mut cards = Vec::with_capacity(range.len());
    for doc in range {
        let id = r.vstr("article id")?.to_string();
        let title = r.vstr("title")?.to_string();
        let at = r.offset();
        let flags = r.u8("card flags")?;
        // The flags are the low bits, so any other bit makes them too large.
        let limit = u64::from(CARD_SOURCE | CARD_LEAD) + 1;
        below(at, "card flags", u64::from(flags), limit)?;
        let source = if flags & CARD_SOURCE != 0 {
            Some(r.vstr("source")?.to_string())
        } else {
            None
        };
        let n = r.count("opening segment count", 1)?;
        let mut opening = Vec::with_capacity(n);
        for _ in 0..n {
            opening.push(r.vstr("opening segment")?.to_string());
        }
        cards.push(Card {
            id,
            date: dates(doc),
            title,
            source,
            lead: flags & CARD_LEAD != 0,
            opening,
        });
    }
    expect_end(&r, "card chunk")?;
    Ok(cards)
}

/// Rows without text: the reader's half of the card chunks.
impl super::Prebuilt {
    /// The card of `doc`, if its chunk is added (read); else `None`, and
    /// the chunk noted as missing (unless the page forwent it: then
    /// `None` alone, and rows read the document, see [`Self::forgo`]).
    pub fn card(&self, doc: u32) -> Option<&Card> {
        if doc as usize >= self.meta.docs {
            return None;
        }
        let n = self.meta.doc_chunks.of(doc);
        match self.cards.get(n) {
            Some(cards) => {
                self.touch(FileKind::Cards, n);
                cards.get(self.meta.doc_chunks.place(doc))
            }
            None => {
                if !self.forgone.contains(&n) {
                    self.need(FileKind::Cards, n);
                }
                None
            }
        }
    }

    /// Whether the card chunk of `doc` was forgone ([`Self::forgo`]): its
    /// rows are made from the document chunk instead.
    pub fn card_forgone(&self, doc: u32) -> bool {
        self.forgone.contains(&self.meta.doc_chunks.of(doc))
    }

    /// The page could not have the file at `path` (missing, damaged): for
    /// a card chunk, rows are made from its documents from now on, as the
    /// cards would make them, and for a stem group facets file, its groups'
    /// facets from the document entity chunks (neither is asked for again);
    /// other files are asked for again by the next request that needs them.
    pub fn forgo(&mut self, path: &str) {
        match FileKind::parse_name(path) {
            Some((FileKind::Cards, n)) if n < self.cards.len() => {
                self.forgone.insert(n);
            }
            // Its words' facets are counted from `dents-*` instead.
            Some((FileKind::GroupFacets, n)) if n < self.group_facets.len() => {
                self.forgone_facets.insert(n);
            }
            // Facets read its documents' entities from `dents-*` instead.
            Some((FileKind::Notes, n)) if n < self.meta.doc_chunks.count() => {
                self.forgone_notes.insert(n);
            }
            // Events read its documents' notes chunks instead.
            Some((FileKind::DocTimes, n)) if n < self.doc_times.len() => {
                self.forgone_times.insert(n);
            }
            _ => {}
        }
    }

    pub(super) fn decode_cards(&self, n: usize, bytes: &[u8]) -> Result<Vec<Card>, FormatError> {
        let range = self.meta.doc_chunks.range(n);
        let dates = |doc: usize| {
            self.days
                .get(doc)
                .and_then(|&d| crate::index::date_of_day(d))
        };
        decode_cards(n, range, dates, bytes)
    }
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;
    use crate::article::Article;

    fn article(title: &str, paragraphs: &[&str]) -> Article {
        Article {
            id: "a-1".into(),
            date: NaiveDate::from_ymd_opt(2022, 2, 24),
            title: title.into(),
            source: Some("Reuters".into()),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn cards_round_trip_and_refuse_damage() {
        let a = article(
            "Shelling",
            &["Banner", "Kyiv was shelled overnight, officials said."],
        );
        let cards = vec![
            Card::of(&a, |pi| pi == 0),
            Card::of(&article("Talks", &["Talks went on."]), |_| false),
        ];
        assert_eq!(
            cards[0].opening.concat(),
            "Kyiv was shelled overnight, officials said."
        );
        let file = crate::prebuilt::format::frame(FileKind::Cards, &encode_cards(3, 7, &cards));
        let date = |_| NaiveDate::from_ymd_opt(2022, 2, 24);
        assert_eq!(decode_cards(3, 7..9, date, &file).unwrap(), cards);
        assert!(
            decode_cards(2, 7..9, date, &file).is_err(),
            "another chunk's number"
        );
        assert!(decode_cards(3, 7..10, date, &file).is_err(), "a card short");
        assert!(
            decode_cards(3, 7..8, date, &file).is_err(),
            "a card left over"
        );
        for cut in 0..file.len() {
            assert!(
                decode_cards(3, 7..9, date, &file[..cut]).is_err(),
                "cut at {cut}"
            );
        }
    }
}
