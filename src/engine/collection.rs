//! What the event timeline, the facets and the entity views read, the same
//! for both engines: the collection's documents and days, its events and
//! entities, and its articles. The in-page [`Engine`](super::Engine) lends
//! its in-memory index; the [`PrebuiltEngine`](super::PrebuiltEngine) lends
//! the indexes rebuilt from its files, and its articles as far as they are
//! fetched (a missing one is noted by the prebuilt index, so a dry run lists
//! what to fetch). `events.rs` and `entities.rs` answer from this alone, so
//! the two engines cannot answer differently.

use super::respond::article_view;
use super::snippet::{EntityMark, Mark};
use super::types::ArticleView;
use crate::article::Article;
use crate::index::entities::EntityIndex;
use crate::index::events::EventIndex;
use crate::index::DocId;
use crate::query::Highlight;
use crate::query::Source;
use crate::text::sentence::sentence_at;

pub(crate) struct Collection<'a> {
    /// What queries run against.
    pub source: &'a dyn Source,
    /// Publication day of every document ([`crate::index::UNDATED`] last).
    pub days: &'a [i32],
    pub events: &'a EventIndex,
    /// `None` before entities are recognized (or in an index without them).
    pub entities: Option<&'a EntityIndex>,
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
        let events = self.events;
        let mentions = events.of_doc(doc);
        let focus = focus
            .and_then(|f| events.mention(f))
            .filter(|m| m.doc == doc);
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
                    for m in ents.of_doc(doc).iter().filter(|m| m.para as usize == pi) {
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
