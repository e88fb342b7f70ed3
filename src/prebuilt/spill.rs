//! A prebuilt index written from files on disk, so that neither the text
//! nor the postings of the whole collection are ever in memory at once
//! (`dateline build --memory`).
//!
//! The documents come spilled in input order ([`super::doc_spill`]: the
//! CLI appends each article as it is parsed). [`Spilled::build_from`]
//! sorts them into date order on disk, runs the collection-wide steps of
//! [`IndexBuilder::finish`] over them a run at a time through
//! [`crate::index::docs::Docs`] (furniture, titles written back, reprints,
//! time mentions), and indexes them in runs of consecutive documents (a
//! *segment*: at most a given number of bytes of text), each written to
//! its own file as its terms in byte order with their postings and
//! positions (document ids of the whole collection) and then dropped.
//! [`Spilled::write`] merges the segments k-way by term (as Lucene and
//! tantivy merge segments): a term's postings are its segments' postings
//! one after the other, since segments are runs of documents in order; and
//! hands each term straight to the writer's dictionary and postings shards
//! ([`super::writer`]), which hold one shard each, and the documents, read
//! back a run at a time, to its document, card and notes chunks. What it
//! writes equals [`super::write_index`] of the in-memory index, file for
//! file (`tests/spill.rs`).
//!
//! What stays in memory, per document: its id (by id, for `ids-*`), day,
//! two field lengths, offset and text size, furniture ranges, reprint
//! group, time mentions and entity mentions (see ARCHITECTURE.md, "Memory
//! of `dateline build`", for the bytes); besides that one run of documents
//! (16 MB of text, [`crate::index::docs::EACH_RUN_BYTES`]) or one
//! segment's documents and postings while it is indexed, and while
//! merging one decoded term per segment and one open shard.
//!
//! A segment file is this build's scratch, read back by the same binary:
//! the magic [`MAGIC`], then per term a record (a `u32` length, then the
//! term, its posting count, and per posting the document gap, frequencies
//! and position gaps as varints).

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::doc_spill::{DocSpill, DocSpillWriter};
pub use super::scratch::{ScratchError, ScratchErrorKind};
use super::writer::{write_index_with, DictShards, PostShards, TermShards};
use super::{WriteOptions, WriteSummary};
use crate::article::Article;
use crate::codec::{put_varint, put_vstr, FormatError, FormatErrorKind, Reader};
use crate::index::boilerplate::Boilerplate;
use crate::index::dedup::Reprints;
use crate::index::docs::{Docs, EACH_RUN_BYTES};
use crate::index::entities::{EntityIndex, EntityIndexBuilder};
use crate::index::events::{article_mentions, EventIndex};
use crate::index::{
    index_in_segments, index_without_docs, DocId, Index, IndexBuilder, Progress, TermAcc,
};

/// The first bytes of a segment file.
pub const MAGIC: [u8; 8] = *b"DLSEG001";

/// What stopped [`Spilled::write`]: the sink, or a segment.
#[derive(Debug)]
pub enum WriteError<E> {
    Sink(E),
    Segment(ScratchError),
}

/// One segment file: its terms and postings.
struct Segment {
    file: PathBuf,
    terms: usize,
    postings: usize,
}

/// An index whose documents and postings wait in files (see the module
/// docs). The files are removed when it is dropped.
pub struct Spilled {
    index: Index,
    docs: DocSpill,
    segments: Vec<Segment>,
    /// Whether time mentions are tagged (as the documents are written).
    events: bool,
}

impl Spilled {
    /// [`Spilled::build_from`] over `builder`'s articles, spilled first
    /// (the tests hold this to the in-memory build).
    pub fn build(
        builder: IndexBuilder,
        segment_bytes: usize,
        dir: &Path,
        progress: &Progress<'_>,
    ) -> Result<Spilled, ScratchError> {
        let (articles, events) = builder.into_parts();
        let mut docs = DocSpillWriter::create(dir)?;
        for a in &articles {
            docs.add(a)?;
        }
        drop(articles);
        Spilled::build_from(docs, events, segment_bytes, dir, progress)
    }

    /// Sort the spilled articles `docs` into date order, then run
    /// [`crate::index::IndexBuilder::finish`]'s collection-wide steps over
    /// them a run at a time (furniture, titles, written back, reprints),
    /// index them in segments of at most `segment_bytes` bytes of text (at
    /// least one document each), written into the existing folder `dir` as
    /// `seg-NNNNN.bin`. The time mentions (when `events`) are tagged as
    /// [`Spilled::write`] writes the documents. `progress`: articles
    /// indexed so far.
    pub fn build_from(
        docs: DocSpillWriter,
        events: bool,
        segment_bytes: usize,
        dir: &Path,
        progress: &Progress<'_>,
    ) -> Result<Spilled, ScratchError> {
        let (mut docs, ids, days) = docs.finish()?;
        let boilerplate = Boilerplate::detect(&docs);
        docs.check()?;
        // Titles are chosen once the furniture is known, and indexed.
        docs.rewrite(EACH_RUN_BYTES, &mut |first, run| {
            crate::index::titles::choose_from(first, run, &boilerplate);
        })?;
        let reprints = Reprints::detect(&docs, &boilerplate);
        docs.check()?;
        let mut segments = Vec::new();
        let lens = index_in_segments(&docs, segment_bytes, progress.indexed, |terms| {
            let file = dir.join(format!("seg-{:05}.bin", segments.len()));
            let at = |kind| ScratchError {
                file: file.clone(),
                kind,
            };
            let postings = terms.iter().map(|(_, acc)| acc.docs.len()).sum();
            let count = terms.len();
            write_segment(&file, terms).map_err(|e| at(ScratchErrorKind::Io(e)))?;
            segments.push(Segment {
                file,
                terms: count,
                postings,
            });
            Ok(())
        });
        let lens = lens.and_then(|lens| docs.check().map(|()| lens));
        // A failed build leaves no scratch behind.
        let (title_len, body_len) = lens.inspect_err(|_| remove(&segments))?;
        // The time mentions are tagged as the documents are written
        // (`write`), so that they are never all in memory.
        let n = docs.count();
        let index = index_without_docs(
            ids,
            days,
            boilerplate,
            reprints,
            EventIndex::empty(n),
            title_len,
            body_len,
        );
        Ok(Spilled {
            index,
            docs,
            segments,
            events,
        })
    }

    /// The documents in document (date) order, titles chosen, on disk.
    pub fn docs(&self) -> &DocSpill {
        &self.docs
    }

    /// How many segment files hold the postings.
    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// As [`Index::install_entities`]: merge and file what `builder`
    /// recognized (recognizing the documents it has not reached: the
    /// whole collection's entities).
    pub fn install_entities(
        &mut self,
        builder: EntityIndexBuilder,
    ) -> Result<&EntityIndex, ScratchError> {
        let ents = builder.finish(&self.docs, &self.index.boilerplate);
        self.docs.check()?;
        Ok(self.index.entities.insert(ents))
    }

    /// Merge the segments and write the prebuilt index through `sink`, as
    /// [`super::write_index`] writes the in-memory index: the same files,
    /// byte for byte. `progress`: postings merged so far, of `postings()`.
    pub fn write<E>(
        &self,
        opts: &WriteOptions,
        mut sink: impl FnMut(&str, Vec<u8>) -> Result<(), E>,
        progress: &dyn Fn(usize),
    ) -> Result<WriteSummary, WriteError<E>> {
        let index = &self.index;
        let sink = |name: &str, bytes| sink(name, bytes).map_err(WriteError::Sink);
        // Each document's time mentions, tagged as the page tags them.
        let boilerplate = &index.boilerplate;
        let times = |doc, a: &Article| match self.events {
            true => article_mentions(doc, a, boilerplate),
            false => Vec::new(),
        };
        let summary = write_index_with(index, &self.docs, &times, opts, sink, |emit| {
            let mut dicts = DictShards::new(opts, index.entities());
            let mut posts =
                PostShards::new(opts, self.postings(), &index.title_len, &index.body_len);
            let mut merge = Merge::open(&self.segments).map_err(WriteError::Segment)?;
            let mut count = 0usize;
            let mut done = 0usize;
            while let Some((text, acc)) = merge.next_term().map_err(WriteError::Segment)? {
                dicts.term(&text, &acc.docs, emit)?;
                let positions = positions_of(&acc);
                posts.term(&text, &acc.docs, &acc.tf, positions, emit)?;
                count += 1;
                done += acc.docs.len();
                progress(done);
            }
            let (dict, facets) = dicts.finish(emit)?;
            Ok(TermShards {
                dict,
                post: posts.finish(emit)?,
                count,
                facets,
            })
        });
        // A document that could not be read back fails the write (its
        // files are incomplete: the CLI publishes nothing then).
        let summary = summary?;
        self.docs.check().map_err(WriteError::Segment)?;
        Ok(summary)
    }

    /// Postings in all segments: what [`Spilled::write`]'s progress counts to.
    pub fn postings(&self) -> usize {
        self.segments.iter().map(|s| s.postings).sum()
    }
}

impl Drop for Spilled {
    fn drop(&mut self) {
        remove(&self.segments);
    }
}

/// Remove segment files; one already gone is no matter (scratch).
fn remove(segments: &[Segment]) {
    for s in segments {
        let _ = std::fs::remove_file(&s.file);
    }
}

/// Each posting's positions, cut from `acc`'s flat list.
fn positions_of(acc: &TermAcc) -> impl Iterator<Item = &[u32]> {
    acc.pos_len.iter().scan(0usize, |at, &n| {
        let start = *at;
        *at += n as usize;
        acc.positions.get(start..*at)
    })
}

fn write_segment(file: &Path, terms: Vec<(String, TermAcc)>) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(file)?);
    out.write_all(&MAGIC)?;
    let mut rec = Vec::new();
    for (text, acc) in terms {
        rec.clear();
        encode_term(&mut rec, &text, &acc);
        let len = u32::try_from(rec.len()).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "a term over 4 GiB")
        })?;
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&rec)?;
    }
    out.flush()
}

fn encode_term(out: &mut Vec<u8>, text: &str, acc: &TermAcc) {
    put_vstr(out, text);
    put_varint(out, acc.docs.len() as u64);
    let mut prev: DocId = 0;
    let mut positions = positions_of(acc);
    for (&doc, &tf) in acc.docs.iter().zip(&acc.tf) {
        put_varint(out, u64::from(doc - prev));
        prev = doc;
        put_varint(out, u64::from(tf));
        let ps = positions.next().unwrap_or(&[]);
        put_varint(out, ps.len() as u64);
        let mut last = 0u32;
        for &p in ps {
            put_varint(out, u64::from(p - last));
            last = p;
        }
    }
}

fn decode_term(rec: &[u8], base: usize) -> Result<(String, TermAcc), FormatError> {
    let mut r = Reader::new(rec, base);
    let text = r.vstr("term")?.to_string();
    let n = r.count("postings", 3)?;
    let mut acc = TermAcc {
        docs: Vec::with_capacity(n),
        tf: Vec::with_capacity(n),
        pos_len: Vec::with_capacity(n),
        positions: Vec::new(),
    };
    let mut doc = 0u32;
    for _ in 0..n {
        let at = r.offset();
        doc = doc.checked_add(r.var32("doc gap")?).ok_or(FormatError {
            offset: at,
            kind: FormatErrorKind::Over32Bits {
                field: "doc gap",
                value: u64::from(doc),
            },
        })?;
        acc.docs.push(doc);
        acc.tf.push(r.var32("frequencies")?);
        let k = r.count("positions", 1)?;
        acc.pos_len.push(k as u32);
        let mut p = 0u32;
        for _ in 0..k {
            p = p.wrapping_add(r.var32("position gap")?);
            acc.positions.push(p);
        }
    }
    if !r.is_done() {
        let kind = FormatErrorKind::TrailingBytes {
            extra: (rec.len() - r.at) as u64,
        };
        return Err(FormatError {
            offset: r.offset(),
            kind,
        });
    }
    Ok((text, acc))
}

/// One segment read term by term.
struct SegmentReader<'s> {
    segment: &'s Segment,
    input: BufReader<std::fs::File>,
    /// Bytes read so far (for error offsets) and terms still to read.
    offset: usize,
    left: usize,
    rec: Vec<u8>,
}

impl<'s> SegmentReader<'s> {
    fn open(segment: &'s Segment) -> Result<Self, ScratchError> {
        let file = std::fs::File::open(&segment.file).map_err(|e| segment.io(e))?;
        let mut input = BufReader::with_capacity(1 << 16, file);
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic).map_err(|e| segment.io(e))?;
        if magic != MAGIC {
            let kind = FormatErrorKind::WrongMagic {
                file: "a segment file",
                found: magic,
                expected: MAGIC,
            };
            return Err(segment.format(FormatError { offset: 0, kind }));
        }
        Ok(SegmentReader {
            segment,
            input,
            offset: MAGIC.len(),
            left: segment.terms,
            rec: Vec::new(),
        })
    }

    /// The next term and its postings, `None` after the last.
    fn next(&mut self) -> Result<Option<(String, TermAcc)>, ScratchError> {
        if self.left == 0 {
            return Ok(None);
        }
        let mut len = [0u8; 4];
        let seg = self.segment;
        self.input.read_exact(&mut len).map_err(|e| seg.io(e))?;
        self.rec.resize(u32::from_le_bytes(len) as usize, 0);
        self.input
            .read_exact(&mut self.rec)
            .map_err(|e| seg.io(e))?;
        let term = decode_term(&self.rec, self.offset + 4).map_err(|e| seg.format(e))?;
        self.offset += 4 + self.rec.len();
        self.left -= 1;
        Ok(Some(term))
    }
}

impl Segment {
    fn io(&self, e: std::io::Error) -> ScratchError {
        ScratchError {
            file: self.file.clone(),
            kind: ScratchErrorKind::Io(e),
        }
    }

    fn format(&self, e: FormatError) -> ScratchError {
        ScratchError {
            file: self.file.clone(),
            kind: ScratchErrorKind::Format(e),
        }
    }
}

/// The k-way merge: every segment's next term, least text first.
struct Merge<'s> {
    readers: Vec<SegmentReader<'s>>,
    /// Each segment's current term, taken when merged.
    heads: Vec<Option<TermAcc>>,
    /// (term, segment) of every segment with a current term.
    heap: BinaryHeap<Reverse<(String, usize)>>,
}

impl<'s> Merge<'s> {
    fn open(segments: &'s [Segment]) -> Result<Self, ScratchError> {
        let mut m = Merge {
            readers: Vec::with_capacity(segments.len()),
            heads: Vec::with_capacity(segments.len()),
            heap: BinaryHeap::new(),
        };
        for s in segments {
            m.readers.push(SegmentReader::open(s)?);
            m.heads.push(None);
            m.advance(m.readers.len() - 1)?;
        }
        Ok(m)
    }

    fn advance(&mut self, seg: usize) -> Result<(), ScratchError> {
        if let Some(reader) = self.readers.get_mut(seg) {
            if let Some((text, acc)) = reader.next()? {
                self.heads[seg] = Some(acc);
                self.heap.push(Reverse((text, seg)));
            }
        }
        Ok(())
    }

    /// The next term in byte order with the postings of every segment that
    /// has it, in segment (= document) order.
    fn next_term(&mut self) -> Result<Option<(String, TermAcc)>, ScratchError> {
        let Some(Reverse((text, first))) = self.heap.pop() else {
            return Ok(None);
        };
        let mut segs = vec![first];
        while let Some(Reverse((t, s))) = self.heap.peek() {
            if *t != text {
                break;
            }
            segs.push(*s);
            self.heap.pop();
        }
        crate::sort::sort(&mut segs[..]);
        let mut acc = TermAcc::default();
        for &s in &segs {
            if let Some(part) = self.heads.get_mut(s).and_then(Option::take) {
                acc.docs.extend_from_slice(&part.docs);
                acc.tf.extend_from_slice(&part.tf);
                acc.pos_len.extend_from_slice(&part.pos_len);
                acc.positions.extend_from_slice(&part.positions);
            }
            self.advance(s)?;
        }
        Ok(Some((text, acc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_round_trips_and_a_cut_record_is_named() {
        let acc = TermAcc {
            docs: vec![3, 9, 200],
            tf: vec![1 << 16 | 2, 1, 0],
            pos_len: vec![3, 1, 0],
            positions: vec![0, 12, 40, 7],
        };
        let mut rec = Vec::new();
        encode_term(&mut rec, "moscow", &acc);
        assert_eq!(decode_term(&rec, 0), Ok(("moscow".to_string(), acc)));
        let cut = decode_term(&rec[..rec.len() - 1], 100);
        assert!(matches!(
            cut,
            Err(FormatError { offset, kind: FormatErrorKind::Truncated { .. } }) if offset >= 100
        ));
    }
}
