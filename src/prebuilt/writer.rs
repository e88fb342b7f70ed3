//! Writing an [`Index`] as prebuilt index files (see [`super::format`]).
//!
//! Shard sizes grow with the collection so that the number of files stays in
//! the low thousands even at a million articles, while a small collection
//! still gets small shards (a query then downloads little).

use fst::MapBuilder;

use super::annotations::{encode_entities, encode_events_meta, encode_notes, DocNotes, EventsMeta};
use super::format::{
    frame, put_gaps, FileKind, FEATURE_ENTITIES, FEATURE_EVENTS, FEATURE_EVENT_META,
    FEATURE_REPRINTS,
};
use super::id_shard;
use crate::codec::{put_varint, put_vstr};
use crate::index::{first_char, DocId, Index, TermId};

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
    /// Document chunks: at least this many bytes of text, at most about `max_chunks`.
    pub chunk_bytes: usize,
    pub max_chunks: usize,
    /// Articles per id shard.
    pub ids_per_shard: usize,
    /// Write the events, boilerplate flags and entities (`notes-*`,
    /// `ents-0000`). Without them the meta file's feature flags are 0 and
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
        annotations: true,
    };
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            dict_bytes: 12 * 1024,
            post_bytes: 32 * 1024,
            max_post_shards: 600,
            chunk_bytes: 16 * 1024,
            max_chunks: 2000,
            ids_per_shard: 8192,
            annotations: true,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct WriteSummary {
    /// Files and bytes per kind, in [`FileKind::ALL`] order.
    pub files: [usize; 8],
    pub bytes: [u64; 8],
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
    mut sink: impl FnMut(&str, Vec<u8>) -> Result<(), E>,
) -> Result<WriteSummary, E> {
    let mut summary = WriteSummary::default();
    let mut emit = |kind: FileKind, n: usize, payload: &[u8]| -> Result<(), E> {
        let file = frame(kind, payload);
        summary.add(kind, file.len());
        sink(&kind.name(n), file)
    };

    let dict_shards = write_dicts(index, opts, &mut emit)?;
    let post_shards = write_postings(index, opts, &mut emit)?;
    let doc_chunks = write_docs(index, opts, &mut emit)?;
    let id_shards = write_ids(index, opts, &mut emit)?;
    let (features, events) = if opts.annotations {
        write_annotations(index, &doc_chunks, &mut emit)?
    } else {
        (0, None)
    };

    let mut meta = Vec::new();
    let dated = index.dated();
    put_varint(&mut meta, index.len() as u64);
    put_varint(&mut meta, dated as u64);
    put_varint(&mut meta, index.term_count() as u64);
    meta.extend_from_slice(&index.avg_title_len.to_le_bytes());
    meta.extend_from_slice(&index.avg_body_len.to_le_bytes());
    let reprints = index.reprints().groups();
    meta.push(
        features
            | if reprints.is_empty() {
                0
            } else {
                FEATURE_REPRINTS
            },
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
    for list in [&post_shards, &doc_chunks] {
        put_varint(&mut meta, list.len() as u64);
        list.iter()
            .for_each(|&f| put_varint(&mut meta, u64::from(f)));
    }
    put_varint(&mut meta, id_shards as u64);
    if let Some(events) = &events {
        encode_events_meta(&mut meta, events);
    }
    if !reprints.is_empty() {
        put_varint(&mut meta, reprints.len() as u64);
        for group in reprints {
            put_varint(&mut meta, group.len() as u64);
            put_gaps(&mut meta, group.iter().copied());
        }
    }
    emit(FileKind::Meta, 0, &meta)?;
    Ok(summary)
}

type Emit<'a, E> = dyn FnMut(FileKind, usize, &[u8]) -> Result<(), E> + 'a;

/// Dictionary shards by first character; returns each shard's first character and first term.
fn write_dicts<E>(
    index: &Index,
    opts: &WriteOptions,
    emit: &mut Emit<'_, E>,
) -> Result<Vec<(String, TermId)>, E> {
    let n = index.term_count();
    let mut shards: Vec<(String, TermId)> = Vec::new();
    let mut start = 0usize;
    while start < n {
        // Whole first-character groups until the shard is big enough.
        let mut end = start;
        let mut bytes = 0usize;
        while end < n && (end == start || bytes < opts.dict_bytes) {
            let c = first_char(index.term_text(end as TermId)).to_string();
            while end < n && first_char(index.term_text(end as TermId)) == c {
                bytes += index.term_text(end as TermId).len() + 1;
                end += 1;
            }
        }
        let first_c = first_char(index.term_text(start as TermId)).to_string();
        emit(
            FileKind::Dict,
            shards.len(),
            &dict_payload(index, shards.len(), start, end),
        )?;
        shards.push((first_c, start as TermId));
        start = end;
    }
    Ok(shards)
}

fn dict_payload(index: &Index, shard: usize, start: usize, end: usize) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, shard as u64);
    put_varint(&mut out, start as u64);
    put_varint(&mut out, (end - start) as u64);
    let mut terms = MapBuilder::memory();
    for t in start..end {
        // Terms come in byte order and are unique, so insertion cannot fail.
        let _ = terms.insert(index.term_text(t as TermId), (t - start) as u64);
    }
    put_vbytes(&mut out, &terms.into_inner().unwrap_or_default());
    for t in start..end {
        put_varint(&mut out, index.doc_freq(t as TermId) as u64);
    }
    let mut pairs: Vec<(String, u32)> = (start..end)
        .map(|t| {
            (
                index
                    .stemmer
                    .stem(index.term_text(t as TermId))
                    .into_owned(),
                (t - start) as u32,
            )
        })
        .collect();
    pairs.sort_unstable();
    let mut stems = MapBuilder::memory();
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut last: Option<String> = None;
    for (stem, ord) in pairs {
        match groups.last_mut() {
            Some(g) if last.as_deref() == Some(stem.as_str()) => g.push(ord),
            _ => {
                // Stems come sorted and each opens one group: insertion cannot fail.
                let _ = stems.insert(stem.as_bytes(), groups.len() as u64);
                groups.push(vec![ord]);
                last = Some(stem);
            }
        }
    }
    put_vbytes(&mut out, &stems.into_inner().unwrap_or_default());
    put_varint(&mut out, groups.len() as u64);
    for g in groups {
        put_varint(&mut out, g.len() as u64);
        g.into_iter()
            .for_each(|o| put_varint(&mut out, u64::from(o)));
    }
    out
}

fn put_vbytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Postings and positions shards over consecutive term ranges; returns each shard's first term.
fn write_postings<E>(
    index: &Index,
    opts: &WriteOptions,
    emit: &mut Emit<'_, E>,
) -> Result<Vec<TermId>, E> {
    let n = index.term_count();
    // About five bytes a posting: doc gap, tf and two lengths.
    let estimate = index.post_doc.len() * 5;
    let target = opts.post_bytes.max(estimate / opts.max_post_shards.max(1));
    let mut firsts = Vec::new();
    let (mut post, mut pos) = (Vec::new(), Vec::new());
    let mut shard_start = 0usize;
    let flush = |firsts: &mut Vec<TermId>,
                 start: usize,
                 end: usize,
                 post: &mut Vec<u8>,
                 pos: &mut Vec<u8>,
                 emit: &mut Emit<'_, E>| {
        let shard = firsts.len();
        firsts.push(start as TermId);
        for (kind, body) in [
            (FileKind::Postings, &mut *post),
            (FileKind::Positions, &mut *pos),
        ] {
            let mut payload = Vec::with_capacity(body.len() + 12);
            put_varint(&mut payload, shard as u64);
            put_varint(&mut payload, start as u64);
            put_varint(&mut payload, (end - start) as u64);
            payload.extend_from_slice(body);
            body.clear();
            emit(kind, shard, &payload)?;
        }
        Ok(())
    };
    for t in 0..n {
        let p = index.postings(t as TermId);
        put_varint(&mut post, p.docs.len() as u64);
        put_varint(&mut pos, p.docs.len() as u64);
        let mut prev: DocId = 0;
        for (i, &doc) in p.docs.iter().enumerate() {
            put_varint(&mut post, u64::from(doc - prev));
            prev = doc;
            put_varint(&mut post, u64::from(p.tf[i]));
            put_varint(&mut post, u64::from(index.title_len[doc as usize]));
            put_varint(&mut post, u64::from(index.body_len[doc as usize]));
            let positions = index.positions(p.first + i);
            put_varint(&mut pos, positions.len() as u64);
            put_gaps(&mut pos, positions.iter().copied());
        }
        if post.len() >= target {
            flush(&mut firsts, shard_start, t + 1, &mut post, &mut pos, emit)?;
            shard_start = t + 1;
        }
    }
    if shard_start < n {
        flush(&mut firsts, shard_start, n, &mut post, &mut pos, emit)?;
    }
    Ok(firsts)
}

/// Document chunks in date order; returns each chunk's first document.
fn write_docs<E>(
    index: &Index,
    opts: &WriteOptions,
    emit: &mut Emit<'_, E>,
) -> Result<Vec<DocId>, E> {
    let size = |a: &crate::article::Article| {
        a.id.len() + a.title.len() + a.paragraphs.iter().map(|p| p.len() + 4).sum::<usize>() + 32
    };
    let total: usize = index.docs().iter().map(size).sum();
    let target = opts.chunk_bytes.max(total / opts.max_chunks.max(1));
    let mut firsts = Vec::new();
    let docs = index.docs();
    let mut start = 0usize;
    while start < docs.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < docs.len() && (end == start || bytes < target) {
            bytes += size(&docs[end]);
            end += 1;
        }
        let mut payload = Vec::with_capacity(bytes + 16);
        put_varint(&mut payload, firsts.len() as u64);
        put_varint(&mut payload, start as u64);
        put_vbytes(&mut payload, &crate::store::write_pack(&docs[start..end]));
        emit(FileKind::Docs, firsts.len(), &payload)?;
        firsts.push(start as DocId);
        start = end;
    }
    Ok(firsts)
}

/// The events, boilerplate flags and entity mentions of each document chunk
/// (`doc_chunks`: each one's first document), and the entity list when the
/// index has entities; returns the feature flags of what was written and
/// the events part of the metadata.
fn write_annotations<E>(
    index: &Index,
    doc_chunks: &[DocId],
    emit: &mut Emit<'_, E>,
) -> Result<(u8, Option<EventsMeta>), E> {
    let ents = index.entities();
    let mut notes_first = Vec::with_capacity(doc_chunks.len());
    for (n, &first) in doc_chunks.iter().enumerate() {
        notes_first.push(index.events().first_id(first));
        let end = doc_chunks.get(n + 1).map_or(index.len(), |&e| e as usize);
        let notes: Vec<DocNotes> = (first as usize..end)
            .map(|d| {
                let doc = d as DocId;
                let paragraphs = index.doc(doc).paragraphs.len();
                DocNotes {
                    boilerplate: (0..paragraphs)
                        .filter(|&p| index.is_boilerplate(doc, p))
                        .map(|p| p as u32)
                        .collect(),
                    times: index.events().of_doc(doc).to_vec(),
                    entities: ents.map_or_else(Vec::new, |e| e.of_doc(doc).to_vec()),
                }
            })
            .collect();
        emit(FileKind::Notes, n, &encode_notes(n, first, &notes))?;
    }
    let mut features = FEATURE_EVENTS | FEATURE_EVENT_META;
    if let Some(ents) = ents {
        emit(FileKind::Entities, 0, &encode_entities(ents.records()))?;
        features |= FEATURE_ENTITIES;
    }
    let events = EventsMeta {
        notes_first,
        summary: index.events().summary(&index.days),
    };
    Ok((features, Some(events)))
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
        bucket.sort_unstable();
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
