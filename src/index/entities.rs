//! The collection's people, organisations and places: which articles mention
//! which entity, and where, for facets, `person:`/`org:`/`place:` filters, the
//! reader's marks and each entity's own view.
//!
//! Built after the search index, when the recognizer's model has arrived, so
//! search never waits for it. Recognition and merging are [`crate::entities`]'s;
//! this module only files the results by document.

use rustc_hash::FxHashMap;

use super::DocId;
use crate::article::Article;
use crate::entities::resolve::{normalize, normalized};
use crate::entities::{EntityType, Recognizer, Resolver};
use crate::tokenizer::tokenize;

/// Paragraphs are joined with this to recognize an article as one text (so
/// "Lavrov" in a later paragraph resolves to the "Sergey Lavrov" of the first).
const JOIN: &str = "\n\n";

/// One entity of the collection.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRecord {
    /// URL-safe key from the folded canonical name: `sergey-lavrov`.
    pub key: String,
    pub name: String,
    pub kind: EntityType,
    /// Surface forms, most frequent first.
    pub aliases: Vec<String>,
    pub mentions: usize,
    /// Articles mentioning it, ascending.
    pub docs: Vec<DocId>,
}

/// One mention: a byte range of a paragraph, and its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention {
    pub para: u32,
    pub start: u32,
    pub end: u32,
    pub entity: u32,
}

#[derive(Debug, Default)]
pub struct EntityIndex {
    records: Vec<EntityRecord>,
    by_key: FxHashMap<String, u32>,
    doc_start: Vec<u32>,
    mentions: Vec<EntityMention>,
    /// Distinct entities per document (offsets as `doc_start`).
    doc_entity_start: Vec<u32>,
    doc_entities: Vec<u32>,
}

/// The key of a name: its folded words joined by `-`.
pub fn entity_key(name: &str) -> String {
    // Fast path, the common case: ASCII letters and digits between spaces.
    // Each such word is one word to the tokenizer and folds to its lower case.
    let b = name.as_bytes();
    if b.iter().all(|&c| c.is_ascii_alphanumeric() || c == b' ') && name.split(' ').all(|w| w.len() <= crate::tokenizer::MAX_WORD_BYTES) {
        let mut out = String::with_capacity(name.len());
        for w in name.split(' ').filter(|w| !w.is_empty()) {
            if !out.is_empty() {
                out.push('-');
            }
            out.extend(w.bytes().map(|c| c.to_ascii_lowercase() as char));
        }
        return out;
    }
    tokenize(name).into_iter().map(|t| t.term).collect::<Vec<_>>().join("-")
}

/// Recognition in slices, so the page can stay responsive: [`step`] a few
/// hundred articles at a time, then [`finish`].
///
/// [`step`]: EntityIndexBuilder::step
/// [`finish`]: EntityIndexBuilder::finish
pub struct EntityIndexBuilder {
    recognizer: Recognizer,
    /// Every mention kept so far, in document order, with its names interned.
    filed: Vec<Filed>,
    /// End of each recognized document's mentions in `filed`.
    doc_end: Vec<u32>,
    /// Interned (type, string) pairs: canonical names and surface texts.
    strings: Interner,
    /// The joined text of the article being recognized (reused).
    text: String,
}

/// A mention awaiting filing: its byte range in the joined text, and the
/// interned ids of its (type, canonical name) and (type, text as written).
#[derive(Clone, Copy)]
struct Filed {
    start: usize,
    end: usize,
    name: u32,
    text: u32,
}

/// Strings by type, each given a dense id once. Why: mentions repeat their
/// names, so the final entity is looked up once per name, not per mention,
/// and the mentions' own strings are freed as soon as they are recognized.
#[derive(Default)]
struct Interner {
    maps: [FxHashMap<String, u32>; 4],
    len: u32,
}

impl Interner {
    fn id(&mut self, kind: EntityType, s: &str) -> u32 {
        let map = &mut self.maps[kind.index() as usize & 3];
        if let Some(&id) = map.get(s) {
            return id;
        }
        let id = self.len;
        self.len += 1;
        map.insert(s.to_string(), id);
        id
    }

    /// (type, string) of every id, indexed by id.
    fn table(&self) -> Vec<(EntityType, &str)> {
        let mut out = vec![(EntityType::Misc, ""); self.len as usize];
        for (k, map) in self.maps.iter().enumerate() {
            for (s, &id) in map {
                out[id as usize] = (EntityType::from_index(k as u8), s.as_str());
            }
        }
        out
    }
}

impl EntityIndexBuilder {
    pub fn new(recognizer: Recognizer) -> Self {
        EntityIndexBuilder { recognizer, filed: Vec::new(), doc_end: Vec::new(), strings: Interner::default(), text: String::new() }
    }

    /// Articles recognized so far (they are taken in id order).
    pub fn done(&self) -> usize {
        self.doc_end.len()
    }

    pub fn has_model(&self) -> bool {
        self.recognizer.has_model()
    }

    /// Recognize up to `max_docs` more of `docs` (the same slice every call);
    /// returns how many are done. MISC mentions (nationalities, events) are
    /// left out: they are no one's facet.
    pub fn step(&mut self, docs: &[Article], max_docs: usize) -> usize {
        let start = self.doc_end.len();
        for a in docs.iter().skip(start).take(max_docs) {
            let text = &mut self.text;
            text.clear();
            for (k, p) in a.paragraphs.iter().enumerate() {
                if k > 0 {
                    text.push_str(JOIN);
                }
                text.push_str(p);
            }
            let (strings, filed) = (&mut self.strings, &mut self.filed);
            self.recognizer.recognize_each(text, |m| {
                if m.kind == EntityType::Misc {
                    return;
                }
                let name = strings.id(m.kind, &m.canonical);
                // Mostly the text is its own canonical name: one look-up then.
                let text = if m.text == m.canonical { name } else { strings.id(m.kind, m.text) };
                filed.push(Filed { start: m.start, end: m.end, name, text });
            });
            self.doc_end.push(self.filed.len() as u32);
        }
        self.doc_end.len()
    }

    /// Merge across the collection and file every mention by document.
    /// Recognizes whatever [`step`](Self::step) has not reached yet.
    pub fn finish(mut self, docs: &[Article]) -> EntityIndex {
        self.step(docs, usize::MAX);
        let EntityIndexBuilder { filed, doc_end, strings, .. } = self;
        let table = strings.table();
        let entities = resolve(&filed, &doc_end, &table);

        // Which final entity each (type, per-article canonical name) landed in:
        // the one of that name, or else the one holding the surface form as an
        // alias and this document (the resolver merges "Lavrov" into "Sergey Lavrov").
        let mut by_name: FxHashMap<(EntityType, &str), u32> = FxHashMap::default();
        for (i, e) in entities.iter().enumerate() {
            by_name.insert((e.kind, e.canonical.as_str()), i as u32);
        }
        // The entity each interned canonical name lands in.
        let by_id: Vec<Option<u32>> = table.iter().map(|&(kind, s)| by_name.get(&(kind, s)).copied()).collect();
        // Only surface forms whose canonical name found no entity are looked
        // up as aliases: index just those (by normalised form), then collect
        // the entities holding each, in entity order.
        const NONE: u32 = u32::MAX;
        let mut alias_slot: Vec<u32> = vec![NONE; table.len()];
        let mut wanted: [FxHashMap<String, u32>; 4] = Default::default();
        let mut cands: Vec<Vec<u32>> = Vec::new();
        for m in &filed {
            if by_id[m.name as usize].is_none() && alias_slot[m.text as usize] == NONE {
                let (kind, text) = table[m.text as usize];
                let map = &mut wanted[kind.index() as usize & 3];
                let slot = *map.entry(normalize(text)).or_insert_with(|| {
                    cands.push(Vec::new());
                    (cands.len() - 1) as u32
                });
                alias_slot[m.text as usize] = slot;
            }
        }
        if !cands.is_empty() {
            for (i, e) in entities.iter().enumerate() {
                let map = &wanted[e.kind.index() as usize & 3];
                if map.is_empty() {
                    continue;
                }
                for alias in &e.aliases {
                    if let Some(&slot) = map.get(alias.text.as_str()) {
                        cands[slot as usize].push(i as u32);
                    }
                }
            }
        }

        let mut mentions = Vec::with_capacity(filed.len());
        let mut doc_start = Vec::with_capacity(docs.len() + 1);
        let mut doc_entity_start = Vec::with_capacity(docs.len() + 1);
        let mut doc_entities = Vec::new();
        let mut starts = Vec::new();
        let mut from = 0usize;
        for (doc, &end) in doc_end.iter().enumerate() {
            let found = &filed[from..end as usize];
            from = end as usize;
            doc_start.push(mentions.len() as u32);
            doc_entity_start.push(doc_entities.len() as u32);
            // Paragraph starts in the joined text.
            starts.clear();
            let mut at = 0usize;
            for p in &docs[doc].paragraphs {
                starts.push(at);
                at += p.len() + JOIN.len();
            }
            let first_of_doc = doc_entities.len();
            for m in found {
                let entity = by_id[m.name as usize].or_else(|| {
                    let c = cands.get(alias_slot[m.text as usize] as usize)?;
                    c.iter().copied().find(|&e| entities[e as usize].docs.binary_search(&(doc as u32)).is_ok())
                });
                let Some(entity) = entity else { continue };
                let para = starts.partition_point(|&s| s <= m.start).saturating_sub(1);
                let base = starts.get(para).copied().unwrap_or(0);
                let plen = docs[doc].paragraphs.get(para).map_or(0, String::len);
                if m.end - base > plen {
                    continue; // a mention across paragraphs cannot be drawn
                }
                mentions.push(EntityMention { para: para as u32, start: (m.start - base) as u32, end: (m.end - base) as u32, entity });
                if !doc_entities[first_of_doc..].contains(&entity) {
                    doc_entities.push(entity);
                }
            }
        }
        doc_start.push(mentions.len() as u32);
        doc_entity_start.push(doc_entities.len() as u32);

        let records: Vec<EntityRecord> = entities
            .into_iter()
            .map(|e| EntityRecord {
                key: entity_key(&e.canonical),
                name: e.canonical,
                kind: e.kind,
                aliases: e.aliases.into_iter().map(|a| a.text).collect(),
                mentions: e.mentions,
                docs: e.docs,
            })
            .collect();
        let mut by_key = FxHashMap::default();
        for (i, r) in records.iter().enumerate() {
            // Two entities of different types can share a name ("Washington"):
            // the more mentioned (earlier) keeps the plain key.
            by_key.entry(r.key.clone()).or_insert(i as u32);
        }
        EntityIndex { records, by_key, doc_start, mentions, doc_entity_start, doc_entities }
    }
}

/// Merge the filed mentions across the collection: each interned canonical
/// name's documents and surface forms are counted here, then given to the
/// [`Resolver`] once per name (not once per mention).
fn resolve(filed: &[Filed], doc_end: &[u32], table: &[(EntityType, &str)]) -> Vec<crate::entities::Entity> {
    const NONE: u32 = u32::MAX;
    let n = table.len();
    // Documents per name, in document order (each document once).
    let mut last_doc = vec![NONE; n];
    let mut n_docs = vec![0u32; n];
    let mut same = vec![0usize; n]; // mentions written as the name itself
    let mut other: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    let mut from = 0usize;
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(filed.len()); // (name, doc), first per doc
    for (doc, &end) in doc_end.iter().enumerate() {
        for m in &filed[from..end as usize] {
            let k = m.name as usize;
            if last_doc[k] != doc as u32 {
                last_doc[k] = doc as u32;
                n_docs[k] += 1;
                pairs.push((m.name, doc as u32));
            }
            if m.text == m.name {
                same[k] += 1;
            } else {
                *other.entry((m.name, m.text)).or_insert(0) += 1;
            }
        }
        from = end as usize;
    }
    // Group the (name, doc) pairs by name (stable, so documents stay ascending).
    let mut start = vec![0u32; n + 1];
    for (k, &c) in n_docs.iter().enumerate() {
        start[k + 1] = start[k] + c;
    }
    let mut docs = vec![0u32; pairs.len()];
    let mut at = start.clone();
    for &(name, doc) in &pairs {
        docs[at[name as usize] as usize] = doc;
        at[name as usize] += 1;
    }
    let mut others: Vec<((u32, u32), usize)> = other.into_iter().collect();
    others.sort_unstable();
    let mut resolver = Resolver::new();
    let mut o = 0;
    for (k, &(kind, name)) in table.iter().enumerate() {
        let (a, b) = (start[k] as usize, start[k + 1] as usize);
        if a == b {
            continue; // a surface text only, or a MISC name
        }
        let mut list: Vec<(std::borrow::Cow<'_, str>, usize)> = Vec::new();
        if same[k] > 0 {
            list.push((normalized(name), same[k]));
        }
        while o < others.len() && (others[o].0 .0 as usize) < k {
            o += 1;
        }
        while o < others.len() && others[o].0 .0 as usize == k {
            list.push((normalized(table[others[o].0 .1 as usize].1), others[o].1));
            o += 1;
        }
        let aliases: Vec<(&str, usize)> = list.iter().map(|(s, c)| (&**s, *c)).collect();
        resolver.add_counted(kind, name, &aliases, &docs[a..b]);
    }
    resolver.finish()
}

impl EntityIndex {
    /// Recognize and resolve the entities of `docs` (in id order) in one go.
    pub fn build(docs: &[Article], recognizer: Recognizer) -> EntityIndex {
        EntityIndexBuilder::new(recognizer).finish(docs)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Total mentions filed.
    pub fn mention_count(&self) -> usize {
        self.mentions.len()
    }

    pub fn record(&self, entity: u32) -> Option<&EntityRecord> {
        self.records.get(entity as usize)
    }

    /// The entity with this key.
    pub fn by_key(&self, key: &str) -> Option<u32> {
        self.by_key.get(key).copied()
    }

    /// Entities a filter value names: the entity with that key, else those
    /// (of `kind`, when given) whose name holds all the value's words
    /// (`person:lavrov` finds Sergey Lavrov).
    pub fn lookup(&self, kind: Option<EntityType>, value: &str) -> Vec<u32> {
        let key = entity_key(value);
        if key.is_empty() {
            return Vec::new();
        }
        if let Some(&e) = self.by_key.get(&key) {
            if kind.is_none_or(|k| self.records[e as usize].kind == k) {
                return vec![e];
            }
        }
        let words: Vec<&str> = key.split('-').collect();
        self.records
            .iter()
            .enumerate()
            .filter(|(_, r)| kind.is_none_or(|k| r.kind == k))
            .filter(|(_, r)| {
                let have: Vec<&str> = r.key.split('-').collect();
                words.iter().all(|w| have.contains(w))
            })
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Mentions in `doc`, in text order.
    pub fn of_doc(&self, doc: DocId) -> &[EntityMention] {
        let d = doc as usize;
        match (self.doc_start.get(d), self.doc_start.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.mentions[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Distinct entities of `doc`.
    pub fn entities_of_doc(&self, doc: DocId) -> &[u32] {
        let d = doc as usize;
        match (self.doc_entity_start.get(d), self.doc_entity_start.get(d + 1)) {
            (Some(&a), Some(&b)) => &self.doc_entities[a as usize..b as usize],
            _ => &[],
        }
    }

    /// How many of `docs` mention each entity, the `n` most frequent of each type.
    pub fn counts(&self, docs: impl Iterator<Item = DocId>, n: usize) -> Vec<(u32, u32)> {
        let mut counts: FxHashMap<u32, u32> = FxHashMap::default();
        for doc in docs {
            for &e in self.entities_of_doc(doc) {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        let mut all: Vec<(u32, u32)> = counts.into_iter().collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut per_type = [0usize; 4];
        all.retain(|&(e, _)| {
            let t = self.records[e as usize].kind.index() as usize;
            per_type[t.min(3)] += 1;
            per_type[t.min(3)] <= n
        });
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article { id: "a".into(), date: None, title: "t".into(), source: None, paragraphs: crate::parse::split_paragraphs(text) }
    }

    #[test]
    fn keys_are_folded_slugs() {
        assert_eq!(entity_key("Sergey Lavrov"), "sergey-lavrov");
        assert_eq!(entity_key("Russia-NATO Council"), "russia-nato-council");
        assert_eq!(entity_key("Zakharová"), "zakharova");
        for name in ["Sergey Lavrov", "3M Co", "  A  b 1987 ", "", "X", "Bank of England", "U.S. Steel"] {
            let slow = tokenize(name).into_iter().map(|t| t.term).collect::<Vec<_>>().join("-");
            assert_eq!(entity_key(name), slow, "{name:?}");
        }
    }

    #[test]
    fn mentions_are_filed_by_paragraph_and_merged() {
        let docs = vec![
            article("Russian Foreign Minister Sergey Lavrov met officials in Geneva.\n\nLater, Lavrov flew to Moscow."),
            article("Lavrov spoke again in Geneva."),
        ];
        let ix = EntityIndex::build(&docs, Recognizer::basic());
        let lavrov = ix.by_key("sergey-lavrov").expect("Sergey Lavrov");
        let r = ix.record(lavrov).unwrap();
        assert_eq!(r.kind, EntityType::Person);
        assert!(r.docs.contains(&0));
        let second = ix.of_doc(0).iter().find(|m| m.para == 1 && m.entity == lavrov).expect("Lavrov in paragraph 2");
        assert_eq!(&docs[0].paragraphs[1][second.start as usize..second.end as usize], "Lavrov");
        assert_eq!(ix.lookup(Some(EntityType::Person), "lavrov"), vec![lavrov]);
        assert!(ix.lookup(Some(EntityType::Location), "lavrov").is_empty());
        let mut stepped = EntityIndexBuilder::new(Recognizer::basic());
        assert_eq!(stepped.step(&docs, 1), 1);
        assert_eq!(stepped.step(&docs, 5), 2);
        assert_eq!(stepped.finish(&docs).len(), ix.len(), "slices give the same index");
        let geneva = ix.by_key("geneva").unwrap();
        assert_eq!(ix.record(geneva).unwrap().docs, [0, 1]);
        let counts = ix.counts([0u32, 1].into_iter(), 10);
        assert!(counts.contains(&(geneva, 2)));
    }
}
