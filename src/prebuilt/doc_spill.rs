//! The documents of a prebuilt build on disk, in date order, so that
//! `dateline build` never holds the collection's text: parsing appends each
//! article to a scratch file as it comes ([`DocSpillWriter`]), keeping only
//! its sort key; [`DocSpillWriter::finish`] sorts the keys (date, id, input
//! position: the in-memory build's stable order) and copies the articles
//! into a second file in that order ([`DocSpill`]). Every collection-wide
//! step then reads it a run at a time through [`Docs`] (furniture,
//! reprints, segments, time mentions, entities, the writer's document
//! chunks), and the chosen titles are written back in one pass
//! ([`DocSpill::rewrite`]).
//!
//! What stays in memory per article: its key while parsing (id, day, input
//! position, offset: about 70 bytes), then its offset and text size (12
//! bytes). The files are this build's scratch, read back by the same
//! binary: the magic [`MAGIC`], then each article as a pack stores it
//! ([`crate::store`]), back to back. A read that fails is kept (the
//! [`Docs`] steps cannot return errors) and stops the runs: callers ask
//! [`DocSpill::check`] after each step.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::scratch::{ScratchError, ScratchErrorKind};
use crate::article::Article;
use crate::codec::{FormatError, FormatErrorKind, Reader};
use crate::index::docs::{run_ends, text_bytes, Docs};
use crate::index::{day_number, UNDATED};
use crate::store::{put_article, read_article};

/// The first bytes of a document spill file.
pub const MAGIC: [u8; 8] = *b"DLDOCS01";

fn io_error(file: &Path) -> impl Fn(std::io::Error) -> ScratchError + '_ {
    move |e| ScratchError {
        file: file.to_path_buf(),
        kind: ScratchErrorKind::Io(e),
    }
}

/// Where an article sorts: as `IndexBuilder` sorts (undated last, then by
/// date, then id), input position last, as a stable sort keeps ties.
struct Key {
    day: i32,
    id: Box<str>,
    input: u32,
    offset: u64,
    len: u32,
}

/// Articles in input order on their way to a [`DocSpill`].
pub struct DocSpillWriter {
    file: PathBuf,
    out: BufWriter<File>,
    at: u64,
    keys: Vec<Key>,
    buf: Vec<u8>,
}

impl DocSpillWriter {
    /// Start `dir/docs-in.bin` (`dir` exists).
    pub fn create(dir: &Path) -> Result<DocSpillWriter, ScratchError> {
        let file = dir.join("docs-in.bin");
        let mut out = BufWriter::new(File::create(&file).map_err(io_error(&file))?);
        out.write_all(&MAGIC).map_err(io_error(&file))?;
        Ok(DocSpillWriter {
            file,
            out,
            at: MAGIC.len() as u64,
            keys: Vec::new(),
            buf: Vec::new(),
        })
    }

    /// Articles added so far.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Append the next article (in input order).
    pub fn add(&mut self, a: &Article) -> Result<(), ScratchError> {
        self.buf.clear();
        put_article(&mut self.buf, a);
        let len = u32::try_from(self.buf.len()).map_err(|_| {
            io_error(&self.file)(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "an article over 4 GiB",
            ))
        })?;
        self.out
            .write_all(&self.buf)
            .map_err(io_error(&self.file))?;
        self.keys.push(Key {
            day: a.date.map_or(UNDATED, day_number),
            id: a.id.as_str().into(),
            input: self.keys.len() as u32,
            offset: self.at,
            len,
        });
        self.at += u64::from(len);
        Ok(())
    }

    /// Sort the articles into date order in `dir/docs.bin` (the input file
    /// is removed); also returns every document's id and day, in order.
    pub fn finish(self) -> Result<(DocSpill, Vec<String>, Vec<i32>), ScratchError> {
        let DocSpillWriter {
            file: input,
            out,
            mut keys,
            ..
        } = self;
        out.into_inner()
            .map_err(|e| io_error(&input)(e.into_error()))?;
        crate::sort::sort_unstable_by(&mut keys[..], |a, b| {
            (a.day, &a.id, a.input).cmp(&(b.day, &b.id, b.input))
        });
        let file = input.with_file_name("docs.bin");
        let copied = copy_in_order(&input, &file, &keys);
        let _ = std::fs::remove_file(&input);
        let (offsets, sizes) = copied?;
        let mut ids = Vec::with_capacity(keys.len());
        let mut days = Vec::with_capacity(keys.len());
        for k in keys {
            ids.push(String::from(k.id));
            days.push(k.day);
        }
        let spill = DocSpill {
            file,
            offsets,
            sizes,
            error: Mutex::new(None),
        };
        Ok((spill, ids, days))
    }
}

/// Copy the articles of `input` at `keys` into `output` in that order;
/// returns each one's offset there (and the end), and its text bytes.
fn copy_in_order(
    input: &Path,
    output: &Path,
    keys: &[Key],
) -> Result<(Vec<u64>, Vec<u32>), ScratchError> {
    let mut from = File::open(input).map_err(io_error(input))?;
    let mut out = BufWriter::new(File::create(output).map_err(io_error(output))?);
    out.write_all(&MAGIC).map_err(io_error(output))?;
    let mut offsets = Vec::with_capacity(keys.len() + 1);
    let mut sizes = Vec::with_capacity(keys.len());
    let mut at = MAGIC.len() as u64;
    let mut buf = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        buf.resize(k.len as usize, 0);
        from.seek(SeekFrom::Start(k.offset))
            .and_then(|_| from.read_exact(&mut buf))
            .map_err(io_error(input))?;
        // Decoded for its text size (the runs are cut by it), which also
        // checks the record before it is relied on.
        let mut r = Reader::new(&buf, k.offset as usize);
        let a = read_article(&mut r, i).map_err(|e| format_error(input, e))?;
        sizes.push(text_bytes(&a) as u32);
        offsets.push(at);
        out.write_all(&buf).map_err(io_error(output))?;
        at += u64::from(k.len);
    }
    offsets.push(at);
    out.flush().map_err(io_error(output))?;
    Ok((offsets, sizes))
}

fn format_error(file: &Path, e: FormatError) -> ScratchError {
    ScratchError {
        file: file.to_path_buf(),
        kind: ScratchErrorKind::Format(e),
    }
}

/// The documents on disk in document (date) order (see the module docs).
/// The file is removed when it is dropped.
pub struct DocSpill {
    file: PathBuf,
    /// Each document's offset in the file, and the file's end.
    offsets: Vec<u64>,
    /// Each document's text bytes ([`text_bytes`]).
    sizes: Vec<u32>,
    /// The first read that failed, if any (see the module docs).
    error: Mutex<Option<ScratchError>>,
}

impl DocSpill {
    /// Documents `range`, read from the file.
    pub fn read(&self, range: std::ops::Range<usize>) -> Result<Vec<Article>, ScratchError> {
        let (Some(&start), Some(&end)) =
            (self.offsets.get(range.start), self.offsets.get(range.end))
        else {
            return Ok(Vec::new());
        };
        let mut buf = vec![0u8; (end - start) as usize];
        let mut f = File::open(&self.file).map_err(io_error(&self.file))?;
        f.seek(SeekFrom::Start(start))
            .and_then(|_| f.read_exact(&mut buf))
            .map_err(io_error(&self.file))?;
        let mut r = Reader::new(&buf, start as usize);
        let mut docs = Vec::with_capacity(range.len());
        for i in range {
            docs.push(read_article(&mut r, i).map_err(|e| format_error(&self.file, e))?);
        }
        if !r.is_done() {
            let kind = FormatErrorKind::TrailingBytes {
                extra: (buf.len() - r.at) as u64,
            };
            let e = FormatError {
                offset: r.offset(),
                kind,
            };
            return Err(format_error(&self.file, e));
        }
        Ok(docs)
    }

    /// The first read that failed since the last check, if any.
    pub fn check(&self) -> Result<(), ScratchError> {
        match self.error.lock().ok().and_then(|mut e| e.take()) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Rewrite every document through `f` (a run at a time, with the
    /// first's document number): how the titles chosen after the
    /// furniture is found are written back. The order stays.
    pub fn rewrite(
        &mut self,
        max_bytes: usize,
        f: &mut dyn FnMut(usize, &mut [Article]),
    ) -> Result<(), ScratchError> {
        let file = self.file.with_file_name("docs-new.bin");
        let mut out = BufWriter::new(File::create(&file).map_err(io_error(&file))?);
        out.write_all(&MAGIC).map_err(io_error(&file))?;
        let mut offsets = Vec::with_capacity(self.offsets.len());
        let mut sizes = Vec::with_capacity(self.sizes.len());
        let mut at = MAGIC.len() as u64;
        let mut buf = Vec::new();
        let mut start = 0;
        for end in run_ends(&self.sizes, max_bytes) {
            let mut run = self.read(start..end)?;
            f(start, &mut run);
            for a in &run {
                buf.clear();
                put_article(&mut buf, a);
                out.write_all(&buf).map_err(io_error(&file))?;
                offsets.push(at);
                sizes.push(text_bytes(a) as u32);
                at += buf.len() as u64;
            }
            start = end;
        }
        offsets.push(at);
        out.flush().map_err(io_error(&file))?;
        drop(out);
        std::fs::rename(&file, &self.file).map_err(io_error(&self.file))?;
        self.offsets = offsets;
        self.sizes = sizes;
        Ok(())
    }

    /// Bytes on disk.
    pub fn bytes(&self) -> u64 {
        self.offsets.last().copied().unwrap_or(0)
    }
}

impl Docs for DocSpill {
    fn count(&self) -> usize {
        self.sizes.len()
    }

    fn sizes(&self) -> Vec<u32> {
        self.sizes.clone()
    }

    fn runs(&self, max_bytes: usize, f: &mut dyn FnMut(usize, &[Article])) {
        let mut start = 0;
        for end in run_ends(&self.sizes, max_bytes) {
            match self.read(start..end) {
                Ok(run) => f(start, &run),
                Err(e) => {
                    if let Ok(mut slot) = self.error.lock() {
                        slot.get_or_insert(e);
                    }
                    return;
                }
            }
            start = end;
        }
    }
}

impl Drop for DocSpill {
    fn drop(&mut self) {
        // Scratch: one already gone is no matter.
        let _ = std::fs::remove_file(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, day: Option<u32>, text: &str) -> Article {
        Article {
            id: id.into(),
            date: day.and_then(|d| chrono::NaiveDate::from_ymd_opt(2022, 3, d)),
            title: String::new(),
            source: None,
            paragraphs: vec![text.into()],
        }
    }

    #[test]
    fn articles_come_back_in_date_order_then_id_then_input() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = DocSpillWriter::create(dir.path()).unwrap();
        let input = [
            article("b", Some(2), "second"),
            article("z", None, "undated"),
            article("a", Some(2), "first of the 2nd"),
            article("c", Some(1), "the 1st"),
            article("a", Some(2), "a duplicate id, later in the input"),
        ];
        input.iter().for_each(|a| w.add(a).unwrap());
        let (mut spill, ids, days) = w.finish().unwrap();
        assert_eq!(ids, ["c", "a", "a", "b", "z"]);
        assert_eq!(days.last(), Some(&UNDATED));
        let all = spill.read(0..5).unwrap();
        assert_eq!(all[1].paragraphs, ["first of the 2nd"]);
        assert_eq!(all[2].paragraphs, ["a duplicate id, later in the input"]);
        let mut seen = Vec::new();
        spill.runs(1, &mut |first, run| seen.push((first, run.len())));
        assert_eq!(seen, [(0, 1), (1, 1), (2, 1), (3, 1), (4, 1)]);

        spill
            .rewrite(10, &mut |first, run| {
                run.iter_mut()
                    .enumerate()
                    .for_each(|(i, a)| a.title = format!("t{}", first + i));
            })
            .unwrap();
        let titles: Vec<String> = spill
            .read(0..5)
            .unwrap()
            .into_iter()
            .map(|a| a.title)
            .collect();
        assert_eq!(titles, ["t0", "t1", "t2", "t3", "t4"]);
        spill.check().unwrap();
        drop(spill);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_damaged_file_is_named_and_stops_the_runs() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = DocSpillWriter::create(dir.path()).unwrap();
        (0..3).for_each(|i| w.add(&article(&format!("d{i}"), Some(1), "text")).unwrap());
        let (spill, _, _) = w.finish().unwrap();
        let path = dir.path().join("docs.bin");
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes.truncate(last);
        std::fs::write(&path, bytes).unwrap();
        let mut runs = 0;
        spill.runs(usize::MAX, &mut |_, _| runs += 1);
        assert_eq!(runs, 0);
        let e = spill.check().unwrap_err();
        assert_eq!(e.file, path);
        assert!(matches!(e.kind, ScratchErrorKind::Io(_)), "{e}");
        assert!(spill.check().is_ok(), "an error is reported once");
    }
}
