//! Writing an [`Index`] as prebuilt index files (see [`super::format`]).
//!
//! Shard sizes grow with the collection so that the number of term files
//! stays in the hundreds even at a million articles, while a small
//! collection still gets small shards (a query then downloads little);
//! document chunks stay small at any size, up to 100,000 of them
//! (`super::chunking`).

use fst::MapBuilder;

use super::annotations::{
    encode_doc_times, encode_events_meta, encode_notes, DocNotes, EventsMeta,
};
use super::cards::{encode_cards, Card};
use super::chunking::Chunking;
use super::dict::{self, StemGroups};
use super::entity_list::{self, EntitiesMeta};
use super::format::{
    frame, put_gaps, FileKind, FEATURE_COLLECTION_FACETS, FEATURE_DOC_TIMES, FEATURE_ENTITIES,
    FEATURE_EVENTS, FEATURE_EVENT_META, FEATURE_GROUP_FACETS, FEATURE_POST_KEYS, FEATURE_REPRINTS,
};
use super::group_facets::{FacetsMeta, FacetsWriter};
use super::id_shard;
use crate::article::Article;
use crate::codec::{put_varint, put_vstr};
use crate::index::docs::Docs;
use crate::index::entities::EntityIndex;
use crate::index::events::{SummaryOf, TimeMention};
use crate::index::{first_char, DocId, Index, TermId};
use crate::text::tokenizer::Stemmer;

/// Shard sizing. The defaults suit collections from a handful of articles to
/// millions; tests shrink them to get many shards from little text.
#[derive(Debug, Clone, Copy)]
pub struct WriteOptions {
    /// A dictionary shard closes once its terms' text reaches this many bytes
    /// (a first character's terms never split).
    pub dict_bytes: usize,
    /// Postings shards: at least this many bytes, and at most about
    /// `max_post_shards` shards.
    pub post_bytes: usize,
    pub max_post_shards: usize,
    /// Document chunks (and their cards and notes): a fixed count of
    /// documents each, the one that makes about this many bytes of text,
    /// and at most about `max_chunks` chunks ([`Chunking::for_sizes`]).
    pub chunk_bytes: usize,
    pub max_chunks: usize,
    /// Articles per id shard.
    pub ids_per_shard: usize,
    /// Entities per document list shard (`ents-*`) and per name shard
    /// (`enames-*`), keys per key shard (`ekeys-*`, on average), documents
    /// per document entity chunk (`dents-*`): see `super::entity_list`.
    pub entities_per_shard: usize,
    pub names_per_shard: usize,
    pub keys_per_shard: usize,
    pub docs_per_dents: usize,
    /// Facets per stem group (`gfacets-*`): for each group whose terms'
    /// document frequencies add up to at least `facets_min_docs`, in files
    /// of about `facets_bytes`.
    pub facets_min_docs: u32,
    pub facets_bytes: usize,
    /// Write the events, boilerplate flags and entities (`notes-*`,
    /// `enames-*`, `ents-*`, `ekeys-*`, `ekinds-0000`, `dents-*`). Without them the meta file's feature flags are 0 and
    /// the page offers search only (snippets no longer pass over
    /// boilerplate): what `dateline build --no-annotations` writes, which
    /// the benchmark compares to measure what they cost.
    pub annotations: bool,
}

impl WriteOptions {
    /// Shards as small as they go: one first character, one term, one
    /// article each, so that a query crosses many files (the property
    /// tests and the fuzz harnesses write their indexes so).
    pub const TINY: WriteOptions = WriteOptions {
        dict_bytes: 1,
        post_bytes: 1,
        max_post_shards: usize::MAX,
        chunk_bytes: 1,
        max_chunks: usize::MAX,
        ids_per_shard: 2,
        entities_per_shard: 2,
        names_per_shard: 3,
        keys_per_shard: 2,
        docs_per_dents: 2,
        facets_min_docs: 1,
        facets_bytes: 1,
        annotations: true,
    };
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            dict_bytes: 12 * 1024,
            // A cold one-word search reads whole postings shards (its
            // word's is guessed before the dictionary comes, see
            // format::FEATURE_POST_KEYS): at 32 KB, Reuters-21578's cold
            // query median was 96 KB gzipped; at 16 KB (400 shards, the
            // metadata +1 KB gzipped), 83 KB, typed to results the same.
            post_bytes: 16 * 1024,
            // At most 600 until format 7 (shards of 50 KB at 200,000
            // articles, 350 KB at a million, read whole by a search of
            // one rare word): at 4,000, 16 KB at 200,000 articles, where
            // a cold query in the page fell from 177 to 104 KB gzipped
            // (median, bench/network.mjs), typed to results 632 ms, for a
            // metadata file 6.6 KB gzipped larger (the shards' keys and
            // first terms). More of a word's other spellings then lie in
            // another shard, fetched once its dictionary names them.
            max_post_shards: 4000,
            // A result row reads its document's whole chunk (snippets,
            // boilerplate flags): at 16 KB a chunk, a cold query at
            // Reuters-21578 read 58 KB of them; at 4 KB, 20 KB, for a
            // metadata file 12 KB larger (its table of chunks). At 2 KB
            // (in the page, bench/network.mjs: 20 rows of a cold query's
            // documents and notes 56 -> 37 KB; its median 116 -> 96 KB),
            // 5,908 chunks, the metadata 2.1 KB gzipped larger. Since format
            // 7 a chunk is a count of documents and the metadata holds no
            // table of them; the cap bounds the files of a collection of
            // millions (three per chunk), where chunks grow past 2 KB: at a
            // million Reuters articles, 10 documents (about 3 KB gzipped)
            // a chunk, not 126 (42 KB) as under the 8,000 chunks before.
            chunk_bytes: 2 * 1024,
            max_chunks: 100_000,
            ids_per_shard: 8192,
            entities_per_shard: entity_list::ENTITIES_PER_SHARD,
            names_per_shard: entity_list::NAMES_PER_SHARD,
            keys_per_shard: entity_list::KEYS_PER_SHARD,
            docs_per_dents: entity_list::DOCS_PER_DENTS,
            // A word in two articles reads one small file for its facets
            // instead of their `dents-*` chunks and one name shard per
            // entity shown (at Reuters-21578, 5 articles read 37 KB so).
            facets_min_docs: 2,
            facets_bytes: 8 * 1024,
            annotations: true,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct WriteSummary {
    /// Files and bytes per kind, in [`FileKind::ALL`] order.
    pub files: [usize; FileKind::ALL.len()],
    pub bytes: [u64; FileKind::ALL.len()],
}

impl WriteSummary {
    pub fn total_files(&self) -> usize {
        self.files.iter().sum()
    }
    pub fn total_bytes(&self) -> u64 {
        self.bytes.iter().sum()
    }
    fn add(&mut self, kind: FileKind, len: usize) {
        let i = kind as usize - 1;
        self.files[i] += 1;
        self.bytes[i] += len as u64;
    }
}

/// Encode `index` and hand each file to `sink` (path relative to the corpus
/// folder, bytes), the metadata last. Stops at the first error of `sink`.
pub fn write_index<E>(
    index: &Index,
    opts: &WriteOptions,
    sink: impl FnMut(&str, Vec<u8>) -> Result<(), E>,
) -> Result<WriteSummary, E> {
    let times = |doc, _: &Article| index.events().of_doc(doc).to_vec();
    write_index_with(index, index.docs(), &times, opts, sink, |emit| {
        let mut dicts = DictShards::new(opts, index.entities());
        let mut posts = PostShards::new(
            opts,
            index.post_doc.len(),
            &index.title_len,
            &index.body_len,
        );
        for t in 0..index.term_count() {
            let term = t as TermId;
            let p = index.postings(term);
            let text = index.term_text(term);
            dicts.term(text, p.docs, emit)?;
            let positions = (0..p.docs.len()).map(|i| index.positions(p.first + i));
            posts.term(text, p.docs, p.tf, positions, emit)?;
        }
        let (dict, facets) = dicts.finish(emit)?;
        Ok(TermShards {
            dict,
            post: posts.finish(emit)?,
            count: index.term_count(),
            facets,
        })
    })
}

/// What the term files (dictionary, postings, positions) came to: the
/// metadata lists them.
pub(crate) struct TermShards {
    /// Each dictionary shard's first character and first term.
    pub dict: Vec<(String, TermId)>,
    /// Each postings shard's first term and key.
    pub post: PostFirsts,
    /// Terms in all.
    pub count: usize,
    /// With entities: the facets counted per stem group.
    pub facets: Option<FacetsMeta>,
}

/// Where the postings shards start: each one's first term, and its key
/// (the shortest start of its first term's text that sorts after the term
/// before it; empty for the first shard).
pub(crate) struct PostFirsts {
    pub terms: Vec<TermId>,
    pub keys: Vec<Box<[u8]>>,
}

/// Each document's time mentions (document, article), for its notes:
/// the in-memory index's own, or tagged as the documents are written (a
/// prebuilt build never holds the collection's mentions).
pub(crate) type Times<'a> = dyn Fn(DocId, &Article) -> Vec<TimeMention> + Sync + 'a;

/// [`write_index`] with the term files written by `terms` (through the
/// `emit` it is given: kind, shard number, payload), the documents read
/// from `docs` (a run at a time) with their time mentions from `times`,
/// the rest from `index`, whose own terms, postings, documents and time
/// mentions are not read: the one writer of the in-memory index and of
/// the merge of segments ([`super::spill`]).
pub(crate) fn write_index_with<E, D: Docs + ?Sized>(
    index: &Index,
    docs: &D,
    times: &Times<'_>,
    opts: &WriteOptions,
    mut sink: impl FnMut(&str, Vec<u8>) -> Result<(), E>,
    terms: impl FnOnce(&mut Emit<'_, E>) -> Result<TermShards, E>,
) -> Result<WriteSummary, E> {
    let mut summary = WriteSummary::default();
    let mut emit = |kind: FileKind, n: usize, payload: &[u8]| -> Result<(), E> {
        let file = frame(kind, payload);
        summary.add(kind, file.len());
        sink(&kind.name(n), file)
    };

    let TermShards {
        dict: dict_shards,
        post: post_shards,
        count: term_count,
        facets,
    } = terms(&mut emit)?;
    let (doc_chunks, notes) = write_docs(index, docs, times, opts, &mut emit)?;
    let id_shards = write_ids(index, opts, &mut emit)?;
    let (features, events, entities) = if opts.annotations {
        write_annotations(index, opts, notes, &mut emit)?
    } else {
        (0, None, None)
    };
    // Facets per stem group only beside the entity list they name.
    let facets = facets.filter(|_| entities.is_some());

    let mut meta = Vec::new();
    let dated = index.dated();
    put_varint(&mut meta, index.len() as u64);
    put_varint(&mut meta, dated as u64);
    put_varint(&mut meta, term_count as u64);
    meta.extend_from_slice(&index.avg_title_len.to_le_bytes());
    meta.extend_from_slice(&index.avg_body_len.to_le_bytes());
    let reprints = index.reprints().groups();
    // The whole collection's facets, beside the entity list they name.
    let collection = (entities.as_ref())
        .and(index.entities())
        .map(|ents| super::group_facets::collection_record(ents, index.len() as DocId));
    let flag = |on: bool, flag: u8| if on { flag } else { 0 };
    meta.push(
        features
            | flag(!reprints.is_empty(), FEATURE_REPRINTS)
            | flag(facets.is_some(), FEATURE_GROUP_FACETS)
            | FEATURE_POST_KEYS
            | flag(collection.is_some(), FEATURE_COLLECTION_FACETS),
    );
    let mut runs: Vec<(i32, u32)> = Vec::new();
    for &d in &index.days[..dated] {
        match runs.last_mut() {
            Some((day, n)) if *day == d => *n += 1,
            _ => runs.push((d, 1)),
        }
    }
    put_varint(&mut meta, runs.len() as u64);
    let mut prev = 0i64;
    for (d, n) in runs {
        put_varint(&mut meta, (i64::from(d) - prev) as u64);
        put_varint(&mut meta, u64::from(n));
        prev = i64::from(d);
    }
    put_varint(&mut meta, dict_shards.len() as u64);
    for (c, first) in &dict_shards {
        put_vstr(&mut meta, c);
        put_varint(&mut meta, u64::from(*first));
    }
    // Gaps, not the values: up to 4,000 shards' first terms.
    put_varint(&mut meta, post_shards.terms.len() as u64);
    super::format::put_gaps(&mut meta, post_shards.terms.iter().copied());
    put_varint(&mut meta, u64::from(doc_chunks.per()));
    put_varint(&mut meta, id_shards as u64);
    if let Some(events) = &events {
        encode_events_meta(&mut meta, events);
    }
    if let Some(entities) = &entities {
        entity_list::encode_meta(&mut meta, entities);
    }
    if !reprints.is_empty() {
        put_varint(&mut meta, reprints.len() as u64);
        for group in reprints {
            put_varint(&mut meta, group.len() as u64);
            put_gaps(&mut meta, group.iter().copied());
        }
    }
    if let Some(facets) = &facets {
        facets.encode(&mut meta);
    }
    super::format::put_keys(&mut meta, &post_shards.keys);
    if let Some(record) = &collection {
        meta.extend_from_slice(record);
    }
    emit(FileKind::Meta, 0, &meta)?;
    Ok(summary)
}

pub(crate) type Emit<'a, E> = dyn FnMut(FileKind, usize, &[u8]) -> Result<(), E> + 'a;

/// Each dictionary shard's first character and first term.
type DictFirsts = Vec<(String, TermId)>;

/// Dictionary shards, fed terms in id order: whole first-character groups
/// until a shard's terms reach `dict_bytes`. Holds one shard's terms (and,
/// to count their stem groups' facets, their documents).
pub(crate) struct DictShards<'a> {
    dict_bytes: usize,
    /// The open shard's terms with their document frequencies.
    open: Vec<(Box<str>, usize)>,
    /// With facets: the open shard's terms' documents.
    open_docs: Vec<Vec<DocId>>,
    bytes: usize,
    next: TermId,
    shards: Vec<(String, TermId)>,
    stemmer: Stemmer,
    facets: Option<FacetsWriter<'a>>,
}

impl<'a> DictShards<'a> {
    /// With `ents` (an annotated index's entities), each shard's stem
    /// groups get their facets counted (`gfacets-*`).
    pub(crate) fn new(opts: &WriteOptions, ents: Option<&'a EntityIndex>) -> DictShards<'a> {
        let facets = ents
            .filter(|_| opts.annotations)
            .map(|e| FacetsWriter::new(e, opts.facets_min_docs, opts.facets_bytes));
        DictShards {
            dict_bytes: opts.dict_bytes,
            open: Vec::new(),
            open_docs: Vec::new(),
            bytes: 0,
            next: 0,
            shards: Vec::new(),
            stemmer: Stemmer::default(),
            facets,
        }
    }

    /// The next term (in byte order) and its documents.
    pub(crate) fn term<E>(
        &mut self,
        text: &str,
        docs: &[DocId],
        emit: &mut Emit<'_, E>,
    ) -> Result<(), E> {
        // A first character's terms never split: a shard closes only
        // where a new first character starts.
        let new_group = self
            .open
            .last()
            .is_some_and(|(last, _)| first_char(last) != first_char(text));
        if new_group && self.bytes >= self.dict_bytes {
            self.flush(emit)?;
        }
        self.bytes += text.len() + 1;
        self.open.push((text.into(), docs.len()));
        if self.facets.is_some() {
            self.open_docs.push(docs.to_vec());
        }
        self.next += 1;
        Ok(())
    }

    /// Close the last shard; returns each shard's first character and
    /// first term, and what the metadata says of the facets.
    pub(crate) fn finish<E>(
        mut self,
        emit: &mut Emit<'_, E>,
    ) -> Result<(DictFirsts, Option<FacetsMeta>), E> {
        if !self.open.is_empty() {
            self.flush(emit)?;
        }
        let facets = match self.facets {
            Some(f) => Some(f.finish(emit)?),
            None => None,
        };
        Ok((self.shards, facets))
    }

    fn flush<E>(&mut self, emit: &mut Emit<'_, E>) -> Result<(), E> {
        let start = self.next - self.open.len() as TermId;
        let shard = self.shards.len();
        // The records first: the shard states how many documents each counts.
        let mut record_docs = Vec::new();
        if let Some(f) = &mut self.facets {
            // The groups the reader finds in the shard, in the same order.
            let texts = self.open.iter().map(|(t, _)| &**t);
            let groups = StemGroups::of(&self.stemmer, texts);
            let docs = &self.open_docs;
            let lists = (0..groups.len()).map(|g| {
                (groups.terms(g).iter())
                    .map(|&o| &docs[o as usize][..])
                    .collect()
            });
            record_docs = f.shard(lists, emit)?;
        }
        emit(
            FileKind::Dict,
            shard,
            &self.payload(shard, start, &record_docs),
        )?;
        let first_c = first_char(self.open.first().map_or("", |(t, _)| t)).to_string();
        self.shards.push((first_c, start));
        self.open.clear();
        self.open_docs.clear();
        self.bytes = 0;
        Ok(())
    }

    /// The open shard's file after its frame: header, then its terms
    /// ([`super::dict`]).
    fn payload(&self, shard: usize, start: TermId, record_docs: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, shard as u64);
        put_varint(&mut out, u64::from(start));
        put_varint(&mut out, self.open.len() as u64);
        let texts = self.open.iter().map(|(t, _)| &**t);
        dict::encode_terms(&mut out, texts, self.open.iter().map(|&(_, df)| df));
        put_varint(&mut out, record_docs.len() as u64);
        record_docs
            .iter()
            .for_each(|&d| put_varint(&mut out, u64::from(d)));
        out
    }
}

fn put_vbytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Postings and positions shards over consecutive term ranges, fed terms
/// in id order; a shard closes once its postings reach the target size.
/// Holds one shard's bytes.
pub(crate) struct PostShards<'a> {
    target: usize,
    title_len: &'a [u32],
    body_len: &'a [u32],
    post: Vec<u8>,
    pos: Vec<u8>,
    shard_start: usize,
    next: usize,
    firsts: Vec<TermId>,
    /// Each shard's key ([`super::format::separator`]): what the reader
    /// finds a word's shard by before it has the dictionary.
    keys: Vec<Box<[u8]>>,
    /// The last term's text (the separator's lower side).
    last: Vec<u8>,
}

impl<'a> PostShards<'a> {
    /// `postings`: how many the collection has in all (shards grow with
    /// it, see [`WriteOptions`]); `title_len`, `body_len`: every document's
    /// field lengths, stored with each posting.
    pub(crate) fn new(
        opts: &WriteOptions,
        postings: usize,
        title_len: &'a [u32],
        body_len: &'a [u32],
    ) -> PostShards<'a> {
        // About five bytes a posting: doc gap, tf and two lengths.
        let estimate = postings * 5;
        PostShards {
            target: opts.post_bytes.max(estimate / opts.max_post_shards.max(1)),
            title_len,
            body_len,
            post: Vec::new(),
            pos: Vec::new(),
            shard_start: 0,
            next: 0,
            firsts: Vec::new(),
            keys: Vec::new(),
            last: Vec::new(),
        }
    }

    /// The next term (`text`, after every term before it in byte order)
    /// with its postings: its documents (ascending), frequencies and each
    /// document's positions.
    pub(crate) fn term<'p, E>(
        &mut self,
        text: &str,
        docs: &[DocId],
        tf: &[u32],
        positions: impl Iterator<Item = &'p [u32]>,
        emit: &mut Emit<'_, E>,
    ) -> Result<(), E> {
        if self.next == self.shard_start {
            let key = match self.next {
                0 => &[][..],
                _ => super::format::separator(&self.last, text.as_bytes()),
            };
            self.keys.push(key.into());
        }
        self.last.clear();
        self.last.extend_from_slice(text.as_bytes());
        put_varint(&mut self.post, docs.len() as u64);
        put_varint(&mut self.pos, docs.len() as u64);
        let mut prev: DocId = 0;
        for ((&doc, &tf), positions) in docs.iter().zip(tf).zip(positions) {
            put_varint(&mut self.post, u64::from(doc - prev));
            prev = doc;
            put_varint(&mut self.post, u64::from(tf));
            let len = |l: &[u32]| l.get(doc as usize).copied().unwrap_or(0);
            put_varint(&mut self.post, u64::from(len(self.title_len)));
            put_varint(&mut self.post, u64::from(len(self.body_len)));
            put_varint(&mut self.pos, positions.len() as u64);
            put_gaps(&mut self.pos, positions.iter().copied());
        }
        self.next += 1;
        if self.post.len() >= self.target {
            self.flush(emit)?;
        }
        Ok(())
    }

    /// Close the last shard; returns each shard's first term and key.
    pub(crate) fn finish<E>(mut self, emit: &mut Emit<'_, E>) -> Result<PostFirsts, E> {
        if self.shard_start < self.next {
            self.flush(emit)?;
        }
        Ok(PostFirsts {
            terms: self.firsts,
            keys: self.keys,
        })
    }

    fn flush<E>(&mut self, emit: &mut Emit<'_, E>) -> Result<(), E> {
        let shard = self.firsts.len();
        self.firsts.push(self.shard_start as TermId);
        for (kind, body) in [
            (FileKind::Postings, &mut self.post),
            (FileKind::Positions, &mut self.pos),
        ] {
            let mut payload = Vec::with_capacity(body.len() + 12);
            put_varint(&mut payload, shard as u64);
            put_varint(&mut payload, self.shard_start as u64);
            put_varint(&mut payload, (self.next - self.shard_start) as u64);
            payload.extend_from_slice(body);
            body.clear();
            emit(kind, shard, &payload)?;
        }
        self.shard_start = self.next;
        Ok(())
    }
}

/// Document chunks in date order, each with its cards and (with
/// annotations) its notes: chunks of a fixed count of documents, about
/// `opts.chunk_bytes` of text each (see [`Chunking`]); returns the
/// chunking and what the notes add up to.
fn write_docs<E, D: Docs + ?Sized>(
    index: &Index,
    docs: &D,
    times: &Times<'_>,
    opts: &WriteOptions,
    emit: &mut Emit<'_, E>,
) -> Result<(Chunking, Notes), E> {
    let size = |a: &Article| {
        a.id.len() + a.title.len() + a.paragraphs.iter().map(|p| p.len() + 4).sum::<usize>() + 32
    };
    let mut total = 0usize;
    docs.each(&mut |_, a| total += size(a));
    let chunking = Chunking::for_sizes(total, index.len(), opts.chunk_bytes, opts.max_chunks);
    // Each document's time mentions again, in chunks as `dents-*`, beside
    // the entities those chunks go with (`super::doc_times`).
    let event_chunks = (opts.annotations && index.entities().is_some()).then(|| EventChunks {
        per: opts.docs_per_dents.max(1),
        ..EventChunks::default()
    });
    let mut chunks = Chunks {
        written: 0,
        notes: Notes::default(),
        event_chunks,
        open: Vec::new(),
        start: 0,
        failed: None,
    };
    docs.each(&mut |d, a| {
        if chunks.failed.is_some() {
            return;
        }
        if chunks.open.is_empty() {
            chunks.start = d;
        }
        chunks.open.push(a.clone());
        if chunks.open.len() == chunking.per() as usize {
            chunks.flush(index, times, opts, emit);
        }
    });
    if !chunks.open.is_empty() {
        chunks.flush(index, times, opts, emit);
    }
    if let (Some(ec), None) = (&mut chunks.event_chunks, &chunks.failed) {
        chunks.failed = ec.flush(emit).err();
        chunks.notes.event_chunks = true;
    }
    match chunks.failed {
        Some(e) => Err(e),
        None => Ok((chunking, chunks.notes)),
    }
}

/// Document event chunks (`dtimes-*`), fed each document's time mentions
/// in document order; holds one chunk's.
#[derive(Default)]
struct EventChunks {
    /// Documents a chunk.
    per: usize,
    /// How many chunks were written.
    written: usize,
    /// The open chunk's first document, the id of its first mention, and
    /// each document's mentions.
    first: DocId,
    first_mention: u32,
    open: Vec<Vec<TimeMention>>,
}

impl EventChunks {
    /// The next document's mentions, the first numbered `first_mention`.
    fn push<E>(
        &mut self,
        (doc, first_mention): (DocId, u32),
        times: &[TimeMention],
        emit: &mut Emit<'_, E>,
    ) -> Result<(), E> {
        if self.open.is_empty() {
            self.first = doc;
            self.first_mention = first_mention;
        }
        self.open.push(times.to_vec());
        if self.open.len() == self.per {
            self.flush(emit)?;
        }
        Ok(())
    }

    /// Write the open chunk, if any.
    fn flush<E>(&mut self, emit: &mut Emit<'_, E>) -> Result<(), E> {
        if self.open.is_empty() {
            return Ok(());
        }
        let n = self.written;
        let payload = encode_doc_times(n, self.first, self.first_mention, &self.open);
        self.open.clear();
        self.written += 1;
        emit(FileKind::DocTimes, n, &payload)
    }
}

/// What the notes chunks add up to: how many time mentions so far (the
/// next chunk's first id) and the collection's events (for the metadata);
/// whether the document event chunks were written too.
#[derive(Default)]
struct Notes {
    mentions: u32,
    summary: SummaryOf,
    event_chunks: bool,
}

/// The document chunks written so far and the one being filled.
struct Chunks<E> {
    /// How many chunks were written.
    written: usize,
    notes: Notes,
    /// With annotations and entities: the document event chunks.
    event_chunks: Option<EventChunks>,
    open: Vec<Article>,
    start: usize,
    failed: Option<E>,
}

impl<E> Chunks<E> {
    /// Write the open chunk: its documents, cards and notes.
    fn flush(
        &mut self,
        index: &Index,
        times: &Times<'_>,
        opts: &WriteOptions,
        emit: &mut Emit<'_, E>,
    ) {
        let n = self.written;
        let first = self.start as DocId;
        let docs = std::mem::take(&mut self.open);
        let mut payload = Vec::new();
        put_varint(&mut payload, n as u64);
        put_varint(&mut payload, first as u64);
        put_vbytes(&mut payload, &crate::store::write_pack(&docs));
        let written = emit(FileKind::Docs, n, &payload)
            .and_then(|()| write_cards(index, opts, n, first, &docs, emit))
            .and_then(|()| {
                if !opts.annotations {
                    return Ok(());
                }
                let tagged = tag(times, first, &docs);
                let notes = &mut self.notes;
                let first_mention = notes.mentions;
                for (doc, t) in (first..).zip(&tagged) {
                    if let Some(ec) = &mut self.event_chunks {
                        ec.push((doc, notes.mentions), t, emit)?;
                    }
                    notes.mentions += t.len() as u32;
                    notes.summary.add(t);
                }
                write_notes(index, (n, first, first_mention), &docs, tagged, emit)
            });
        self.written += 1;
        if let Err(e) = written {
            self.failed = Some(e);
        }
    }
}

/// Whether paragraph `pi` of document `doc` (`a`) is mostly boilerplate
/// (the index's documents may be on disk: the paragraph is `a`'s).
fn furniture(index: &Index, doc: DocId, a: &Article, pi: usize) -> bool {
    let len = a.paragraphs.get(pi).map_or(0, String::len);
    index.boilerplate.paragraph(doc as usize, pi, len)
}

/// The cards of `docs` (document chunk `n`'s, from document `first`), their
/// openings passing over boilerplate as the page's list does (none
/// without annotations).
fn write_cards<E>(
    index: &Index,
    opts: &WriteOptions,
    n: usize,
    first: DocId,
    docs: &[Article],
    emit: &mut Emit<'_, E>,
) -> Result<(), E> {
    let cards: Vec<Card> = (docs.iter().zip(first..))
        .map(|(a, d)| Card::of(a, |pi| opts.annotations && furniture(index, d, a, pi)))
        .collect();
    emit(FileKind::Cards, n, &encode_cards(n, first, &cards))
}

/// The time mentions of `docs` (from document `first`), on every core
/// when they are tagged now.
fn tag(times: &Times<'_>, first: DocId, docs: &[Article]) -> Vec<Vec<TimeMention>> {
    let one = |(i, a): (usize, &Article)| times(first + i as DocId, a);
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        docs.par_iter().enumerate().map(one).collect()
    }
    #[cfg(not(feature = "parallel"))]
    docs.iter().enumerate().map(one).collect()
}

/// The events (`times`), boilerplate flags and entity mentions of `docs`
/// (document chunk `n`'s, from document `first`, its time mentions
/// numbered from `first_mention`).
fn write_notes<E>(
    index: &Index,
    (n, first, first_mention): (usize, DocId, u32),
    docs: &[Article],
    times: Vec<Vec<TimeMention>>,
    emit: &mut Emit<'_, E>,
) -> Result<(), E> {
    let ents = index.entities();
    let notes: Vec<DocNotes> = (docs.iter().zip(first..).zip(times))
        .map(|((a, doc), times)| DocNotes {
            boilerplate: (0..a.paragraphs.len())
                .filter(|&p| furniture(index, doc, a, p))
                .map(|p| p as u32)
                .collect(),
            times,
            entities: ents.map_or_else(Vec::new, |e| e.of_doc(doc).to_vec()),
        })
        .collect();
    emit(
        FileKind::Notes,
        n,
        &encode_notes(n, first, first_mention, &notes),
    )
}

/// The entity list when the index has entities (its files:
/// `super::entity_list`); returns the feature flags of what was written
/// and the events (from the `notes` written) and entities parts of the
/// metadata.
fn write_annotations<E>(
    index: &Index,
    opts: &WriteOptions,
    notes: Notes,
    emit: &mut Emit<'_, E>,
) -> Result<(u8, Option<EventsMeta>, Option<EntitiesMeta>), E> {
    let ents = index.entities();
    let mut features = FEATURE_EVENTS | FEATURE_EVENT_META;
    let mut entities = None;
    if let Some(ents) = ents {
        let sharding = entity_list::EntitySharding {
            per_shard: opts.entities_per_shard,
            names_per_shard: opts.names_per_shard,
            per_key_shard: opts.keys_per_shard,
            docs_per_chunk: opts.docs_per_dents,
        };
        let (files, meta) = entity_list::encode_files(ents.records(), sharding);
        for (kind, n, payload) in files {
            emit(kind, n, &payload)?;
        }
        // Each document's entities, for facets over a query's top results.
        let dents = meta.dents(index.len());
        for n in 0..dents.count() {
            let range = dents.range(n);
            let range = range.start as DocId..range.end as DocId;
            let payload =
                entity_list::encode_doc_entities(&meta, n, range, |d| ents.entities_of_doc(d));
            emit(FileKind::DocEntities, n, &payload)?;
        }
        entities = Some(meta);
        features |= FEATURE_ENTITIES;
        if notes.event_chunks {
            features |= FEATURE_DOC_TIMES;
        }
    }
    let events = EventsMeta {
        summary: notes.summary.finish(&index.days),
    };
    Ok((features, Some(events), entities))
}

/// Article id → document, hashed into shards; returns the shard count.
fn write_ids<E>(index: &Index, opts: &WriteOptions, emit: &mut Emit<'_, E>) -> Result<usize, E> {
    if index.is_empty() {
        return Ok(0);
    }
    let shards = index.len().div_ceil(opts.ids_per_shard.max(1));
    let mut buckets: Vec<Vec<(&str, DocId)>> = vec![Vec::new(); shards];
    for (id, &doc) in &index.by_id {
        buckets[id_shard(id, shards)].push((id.as_str(), doc));
    }
    for (n, mut bucket) in buckets.into_iter().enumerate() {
        crate::sort::sort(&mut bucket[..]);
        let mut ids = MapBuilder::memory();
        for (id, doc) in bucket {
            // Sorted, unique ids (the index's id map has no duplicates).
            let _ = ids.insert(id, u64::from(doc));
        }
        let mut payload = Vec::new();
        put_varint(&mut payload, n as u64);
        put_vbytes(&mut payload, &ids.into_inner().unwrap_or_default());
        emit(FileKind::Ids, n, &payload)?;
    }
    Ok(shards)
}
