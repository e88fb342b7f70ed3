//! What the event timeline, the facets and the entity views read, the same
//! for both engines: the collection's documents and days, each document's
//! annotations ([`Notes`]: its time and entity mentions), the collection's
//! event summary and entity list, and its articles. The in-page
//! [`Engine`](super::Engine) lends its in-memory index; the
//! [`PrebuiltEngine`](super::PrebuiltEngine) lends its notes chunks and
//! document entity chunks (`dents-*`) as far as they are fetched (a missing
//! one is noted by the prebuilt index, so a dry run lists what to fetch:
//! only the chunks of the documents an answer reads). `events.rs` and `entities.rs` answer from this alone, so the two
//! engines cannot answer differently.
//!
//! Events, facets and the entity view read the notes (facets and
//! co-occurrences only each document's entities) of at most `top`
//! documents (`respond::top_docs`): the first `top` results in the order the list
//! shows them. A prebuilt site asks for [`DEFAULT_TOP`] when the request
//! names no bound, so what it fetches grows with the bound, not with the
//! collection; the in-page engine answers over every result unless asked.

use std::borrow::Cow;

use super::respond::article_view;
use super::snippet::{EntityMark, Mark};
use super::types::ArticleView;
use crate::article::Article;
use crate::index::entities::{EntityList, EntityMention};
use crate::index::events::{EventSummary, TimeMention};
use crate::index::DocId;
use crate::query::Highlight;
use crate::query::Source;
use crate::text::sentence::sentence_at;

/// How many results events, facets and entity views read on a prebuilt
/// site when the request names no bound (`top`): the answer is exact when
/// a query has at most this many, and exact over the first this many in
/// the list's order when it has more (the response says so: `over`).
pub const DEFAULT_TOP: usize = 1000;

/// One document's annotations, as an engine holds them.
pub(crate) trait Notes {
    /// The time mentions of `doc`, in text order, with the id of the first
    /// (a document's ids are consecutive; ids number every mention of the
    /// collection in document order, the same in both engines). Empty while
    /// they are not at hand (a prebuilt index notes the chunk as missing).
    fn times(&self, doc: DocId) -> (u32, &[TimeMention]);
    /// The time mentions of each of `docs` (in that order), as
    /// [`Notes::times`] gives them, of which the answer may show `shown`
    /// in full (whose notes it reads anyway). All at once, so that a
    /// prebuilt index chooses which files to read them from; `None` while
    /// some are not at hand (noted).
    fn times_of_docs(&self, docs: &[DocId], shown: usize) -> Option<Vec<(u32, &[TimeMention])>>;
    /// The entity mentions of `doc`, in text order (empty likewise).
    fn entity_mentions(&self, doc: DocId) -> &[EntityMention];
    /// The distinct entities each of `docs` names, in that order (in-page
    /// in order of first mention, prebuilt ascending: only counted, so the
    /// order changes no answer). All at once, so that a prebuilt index
    /// chooses which files to read them from; `None` while some are not at
    /// hand (noted).
    fn entities_of_docs(&self, docs: &[DocId]) -> Option<Vec<&[u32]>>;
    /// What the events view reads of the whole collection.
    fn summary(&self) -> Cow<'_, EventSummary>;
    /// The copies of the story `doc` tells, itself among them, in document
    /// order (empty: not reprinted; see [`crate::index::dedup::Reprints`]).
    fn copies(&self, doc: DocId) -> &[DocId];
}

/// The in-memory index's annotations: all at hand.
#[cfg(feature = "inpage")]
impl Notes for crate::index::Index {
    fn times(&self, doc: DocId) -> (u32, &[TimeMention]) {
        (self.events().first_id(doc), self.events().of_doc(doc))
    }

    fn times_of_docs(&self, docs: &[DocId], _: usize) -> Option<Vec<(u32, &[TimeMention])>> {
        Some(docs.iter().map(|&d| Notes::times(self, d)).collect())
    }

    fn entity_mentions(&self, doc: DocId) -> &[EntityMention] {
        self.entities().map_or(&[], |e| e.of_doc(doc))
    }

    fn entities_of_docs(&self, docs: &[DocId]) -> Option<Vec<&[u32]>> {
        let of = |d| self.entities().map_or(&[][..], |e| e.entities_of_doc(d));
        Some(docs.iter().map(|&d| of(d)).collect())
    }

    fn summary(&self) -> Cow<'_, EventSummary> {
        Cow::Owned(self.events().summary(&self.days))
    }

    fn copies(&self, doc: DocId) -> &[DocId] {
        crate::index::Index::copies(self, doc)
    }
}

pub(crate) struct Collection<'a> {
    /// What queries run against.
    pub source: &'a dyn Source,
    /// Publication day of every document ([`crate::index::UNDATED`] last).
    pub days: &'a [i32],
    /// Every document's time and entity mentions, and the event summary.
    pub notes: &'a dyn Notes,
    /// The entity list (records, keys, types, each entity's documents);
    /// `None` before entities are recognized (or in an index without them).
    /// Its per-document mentions are read through `notes`.
    pub entities: Option<&'a dyn EntityList>,
    /// A document's article; `None` while it is not at hand.
    pub article: &'a dyn Fn(DocId) -> Option<&'a Article>,
}

impl Collection<'_> {
    /// Document `doc`'s article for the reader: query words highlighted,
    /// its time expressions marked with their values, its entities with
    /// their keys, its boilerplate flagged (`furniture`), and, when `focus`
    /// names one of its time mentions (an event row's `event`), that
    /// sentence marked. `None` while the article is not at hand.
    pub fn article(
        &self,
        doc: DocId,
        highlight: &Highlight,
        focus: Option<u32>,
        furniture: impl Fn(usize) -> bool,
    ) -> Option<ArticleView> {
        let (first, mentions) = self.notes.times(doc);
        let focus = focus
            .and_then(|f| f.checked_sub(first))
            .and_then(|k| mentions.get(k as usize));
        Some(article_view(
            (self.article)(doc)?,
            highlight,
            furniture,
            |pi, p, marks| {
                for m in mentions.iter().filter(|m| m.para as usize == pi) {
                    marks.push((
                        m.start as usize,
                        m.end as usize,
                        Mark::Time(m.value.to_string()),
                    ));
                }
                if let Some(ents) = self.entities {
                    let of_doc = self.notes.entity_mentions(doc);
                    for m in of_doc.iter().filter(|m| m.para as usize == pi) {
                        if let Some(r) = ents.record(m.entity) {
                            let mark = EntityMark {
                                key: r.key.clone(),
                                kind: r.kind,
                            };
                            marks.push((m.start as usize, m.end as usize, Mark::Entity(mark)));
                        }
                    }
                }
                if let Some(f) = focus.filter(|f| f.para as usize == pi) {
                    let (s, e) = sentence_at(p, f.start as usize);
                    marks.push((s, e, Mark::Focus));
                }
            },
        ))
    }
}
