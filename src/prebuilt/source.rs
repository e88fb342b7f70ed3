//! [`Prebuilt`] as a [`Source`]: the look-ups query execution makes, each
//! answered from the files held and noting the file it lacks (see
//! [`Prebuilt::take_missing`]), so a dry run names every file a request needs.

use super::*;

impl Source for Prebuilt {
    fn doc_count(&self) -> usize {
        self.meta.docs
    }

    fn doc_range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Range<DocId> {
        doc_range(&self.days, self.meta.dated, from, to)
    }

    fn term_id(&self, term: &str) -> Option<TermId> {
        let shard = self.dict_for(term)?;
        shard.ordinal(term).map(|ord| shard.first + ord)
    }

    fn phrase_term_id(&self, term: &str) -> Option<TermId> {
        let Some(shard) = self.dict_for(term) else {
            self.need_postings_of(&[(term, false)], true);
            return None;
        };
        shard.ordinal(term).map(|ord| shard.first + ord)
    }

    fn term_text(&self, term: TermId) -> &str {
        self.dict_of_term(term)
            .and_then(|s| s.texts.get((term - s.first) as usize))
            .map_or("", |t| t)
    }

    fn doc_freq(&self, term: TermId) -> usize {
        self.dict_of_term(term)
            .and_then(|s| s.df.get((term - s.first) as usize))
            .map_or(0, |&d| d as usize)
    }

    fn stem_group(&self, term: &str) -> Vec<TermId> {
        let stem = self.stemmer.stem(term);
        let Some(shard) = self.dict_for(term) else {
            // A group's terms mostly start with its stem ("quarter",
            // "quarterly", "quarters"; "agre": agreed, agreement), and
            // the word itself is where it is.
            // Here, not in `term_id`: that also looks up every spelling a
            // correction tries ("japna" for "japan"), whose shards would be
            // fetched for nothing.
            self.need_postings_of(&[(term, false), (&stem, true)], false);
            return Vec::new();
        };
        let first = first_char(term);
        let Some(g) = shard.groups.find(&stem) else {
            return Vec::new();
        };
        (shard.groups.terms(g).iter())
            .filter(|&&ord| first_char(&shard.texts[ord as usize]) == first)
            .map(|&ord| shard.first + ord)
            .collect()
    }

    fn prefix_terms(&self, prefix: &str, limit: usize) -> Vec<TermId> {
        let Some(shard) = self.dict_for(prefix) else {
            self.need_postings_of(&[(prefix, true)], false);
            return Vec::new();
        };
        let found = shard
            .prefixed(prefix)
            .map(|o| shard.first + o as TermId)
            .collect();
        top_by_freq(found, limit, |t| self.doc_freq(t))
    }

    fn fuzzy_terms(&self, term: &str, distance: u32) -> Vec<TermId> {
        let Some(shard) = self.dict_for(term) else {
            return Vec::new();
        };
        let max = u8::try_from(distance).unwrap_or(u8::MAX);
        match WithinEdits::new(term, max) {
            Some(automaton) => {
                let ords = automaton.search_sorted(&shard.texts, first_char(term));
                let found = ords.iter().map(|&o| shard.first + o as TermId).collect();
                top_by_freq(found, MAX_FUZZY_TERMS, |t| self.doc_freq(t))
            }
            // Longer than any word worth correcting (or more edits than searched).
            None => Vec::new(),
        }
    }

    fn postings(&self, term: TermId) -> Postings<'_> {
        let n = Meta::shard_of(&self.meta.post_shards, term);
        match self.post.get(n) {
            Some(Some(s))
                if term >= s.first && ((term - s.first) as usize) + 1 < s.starts.len() =>
            {
                self.touch(FileKind::Postings, n);
                if matches!(self.pos.get(n), Some(None)) {
                    self.unread_positions.borrow_mut().insert(n);
                }
                let t = (term - s.first) as usize;
                let (a, b) = (s.starts[t] as usize, s.starts[t + 1] as usize);
                Postings {
                    first: a,
                    docs: &s.docs[a..b],
                    tf: &s.tf[a..b],
                }
            }
            Some(None) => {
                self.need(FileKind::Postings, n);
                Postings {
                    first: 0,
                    docs: &[],
                    tf: &[],
                }
            }
            _ => Postings {
                first: 0,
                docs: &[],
                tf: &[],
            },
        }
    }

    fn positions(&self, term: TermId, i: usize) -> &[u32] {
        let n = Meta::shard_of(&self.meta.post_shards, term);
        match self.pos.get(n) {
            Some(Some(s)) => {
                self.touch(FileKind::Positions, n);
                let t = term.wrapping_sub(s.first) as usize;
                let p = s.term_start.get(t).map(|&a| a as usize + i);
                let end = s.term_start.get(t + 1).map(|&e| e as usize);
                match (p, end) {
                    (Some(p), Some(end)) if p < end => {
                        &s.positions[s.pos_start[p] as usize..s.pos_start[p + 1] as usize]
                    }
                    _ => &[],
                }
            }
            Some(None) => {
                self.need(FileKind::Positions, n);
                &[]
            }
            None => &[],
        }
    }

    fn field_lengths(&self, doc: DocId) -> (u32, u32) {
        let d = doc as usize;
        (
            self.title_len.get(d).copied().unwrap_or(0),
            self.body_len.get(d).copied().unwrap_or(0),
        )
    }

    fn avg_field_lengths(&self) -> (f32, f32) {
        (self.meta.avg_title_len, self.meta.avg_body_len)
    }

    fn entity_docs(&self, filter: &EntityFilter) -> Vec<DocId> {
        // An index without entities names no one (as the page before
        // recognition); the entity list alone answers (exactly): the key's
        // shard (every key shard for a name's words), the types and the
        // records of the entities it names.
        if !self.has_entities() {
            return Vec::new();
        }
        self.docs_naming(filter.kind, &filter.value)
    }

    fn docs_mentioning(&self, lo: i32, hi: i32) -> Vec<DocId> {
        // Every document's events (`doc_times.rs`).
        if !self.has_events() {
            return Vec::new();
        }
        self.docs_with_events_in(lo, hi)
    }
}
