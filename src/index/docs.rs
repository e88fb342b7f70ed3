//! The collection in document order as the collection-wide steps read it
//! (furniture, reprints, casing, time mentions, entities, the prebuilt
//! writer's document chunks): runs of consecutive documents, one after the
//! other, never the whole collection at once.
//!
//! Two kinds of collection implement [`Docs`]: the articles in memory (a
//! slice: the page, the tests, `IndexBuilder::finish`) and the articles
//! spilled to disk in date order (`crate::prebuilt::doc_spill`, what
//! `dateline build` reads), which holds one run in memory at a time. Every
//! step reads both the same way, so both builds find the same furniture,
//! reprints, mentions and entities.

use crate::article::Article;

/// Bytes of text a run of [`Docs::each`] holds: large enough that a run
/// keeps every core busy, small beside the collection.
pub const EACH_RUN_BYTES: usize = 16 << 20;

/// The documents of a collection in document (date) order.
pub trait Docs: Sync {
    /// How many documents.
    fn count(&self) -> usize;

    /// Every document's text bytes ([`text_bytes`]), in order.
    fn sizes(&self) -> Vec<u32>;

    /// Call `f` with consecutive runs of documents, in order, every
    /// document once: the first's document number and the run, of at most
    /// `max_bytes` bytes of text ([`text_bytes`]; at least one document).
    fn runs(&self, max_bytes: usize, f: &mut dyn FnMut(usize, &[Article]));

    /// Call `f` with every document and its number, in order.
    fn each(&self, f: &mut dyn FnMut(usize, &Article)) {
        self.runs(EACH_RUN_BYTES, &mut |first, run| {
            for (i, a) in run.iter().enumerate() {
                f(first + i, a);
            }
        });
    }
}

/// Bytes of an article's text (title and paragraphs): what runs and index
/// segments are measured in.
pub fn text_bytes(a: &Article) -> usize {
    a.title.len() + a.paragraphs.iter().map(String::len).sum::<usize>()
}

/// Where each run of documents of these text `sizes` ends: documents are
/// added until a run reaches `max_bytes` (at least one each).
pub fn run_ends<T: Copy + Into<u64>>(
    sizes: &[T],
    max_bytes: usize,
) -> impl Iterator<Item = usize> + '_ {
    let mut end = 0usize;
    std::iter::from_fn(move || {
        let start = end;
        let mut bytes = 0u64;
        while end < sizes.len() && (end == start || bytes < max_bytes as u64) {
            bytes += sizes[end].into();
            end += 1;
        }
        (end > start).then_some(end)
    })
}

impl Docs for [Article] {
    fn count(&self) -> usize {
        self.len()
    }

    fn sizes(&self) -> Vec<u32> {
        self.iter().map(|a| text_bytes(a) as u32).collect()
    }

    fn runs(&self, max_bytes: usize, f: &mut dyn FnMut(usize, &[Article])) {
        let sizes = self.sizes();
        let mut start = 0;
        for end in run_ends(&sizes, max_bytes) {
            f(start, &self[start..end]);
            start = end;
        }
    }

    // In memory there is nothing to cut into runs.
    fn each(&self, f: &mut dyn FnMut(usize, &Article)) {
        for (i, a) in self.iter().enumerate() {
            f(i, a);
        }
    }
}

impl Docs for Vec<Article> {
    fn count(&self) -> usize {
        self.len()
    }

    fn sizes(&self) -> Vec<u32> {
        self[..].sizes()
    }

    fn runs(&self, max_bytes: usize, f: &mut dyn FnMut(usize, &[Article])) {
        self[..].runs(max_bytes, f);
    }

    fn each(&self, f: &mut dyn FnMut(usize, &Article)) {
        self[..].each(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_every_document_once_in_order() {
        let docs: Vec<Article> = (0..10)
            .map(|i| Article {
                id: format!("d{i}"),
                date: None,
                title: "t".repeat(i),
                source: None,
                paragraphs: vec!["abc".into()],
            })
            .collect();
        for max in [1, 5, 20, usize::MAX] {
            let mut seen = Vec::new();
            docs.runs(max, &mut |first, run| {
                assert!(!run.is_empty());
                assert!(
                    run.len() == 1
                        || run[..run.len() - 1].iter().map(text_bytes).sum::<usize>() < max
                );
                seen.extend((first..first + run.len()).zip(run.iter().map(|a| a.id.clone())));
            });
            let want: Vec<_> = (0..10).map(|i| (i, format!("d{i}"))).collect();
            assert_eq!(seen, want, "runs of {max}");
        }
        assert_eq!(run_ends(&[5u32, 5, 5, 5], 10).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(run_ends::<u32>(&[], 1).count(), 0);
    }
}
