//! From parts to an [`Article`]: the size limit every format obeys, what
//! parsing a set of inputs produced ([`Parsed`]), and [`assemble`].

use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::text::{dateline, headline, split_paragraphs, split_source};
use crate::article::Article;

/// Files larger than this are not read: no news article is this long, and a
/// multi-gigabyte file would exhaust the page's memory. JSON Lines files are
/// exempt (they are read line by line); their lines obey the same limit.
pub const MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// What parsing a set of inputs produced.
#[derive(Debug, Default)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    /// Number of error-severity diagnostics.
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count()
    }
}

/// The ids a collection has given out so far, so that every article keeps
/// one of its own: the one rule for a clash, used when a set of inputs is
/// parsed ([`Parsed`]) and when the page adds packs to one index (the site's
/// and the reader's own files, `InPageEngine::add_pack`), where an imported
/// article must not shadow a site article of the same id.
#[derive(Debug, Default)]
pub struct UniqueIds {
    /// Every id given out, with the last suffix tried for it as a base.
    seen: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// Take `id` for the next article: when it is taken already, rename it
    /// to the first free `id~2`, `id~3`… and return the warning naming
    /// both, located at `file` (the input or pack the article came from).
    pub fn claim(&mut self, file: &str, id: &mut String) -> Option<Diagnostic> {
        let Some(n) = self.seen.get(id.as_str()).copied() else {
            self.seen.insert(id.clone(), 1);
            return None;
        };
        let mut n = n;
        let renamed = loop {
            n += 1;
            let candidate = format!("{id}~{n}");
            if !self.seen.contains_key(&candidate) {
                break candidate;
            }
        };
        self.seen.insert(id.clone(), n);
        self.seen.insert(renamed.clone(), 1);
        let original = std::mem::replace(id, renamed.clone());
        Some(Diagnostic::new(
            file,
            None,
            DiagnosticKind::DuplicateId {
                id: original,
                renamed,
            },
        ))
    }
}

/// Build an article from its parts, reporting an empty body (no article
/// then). `title` is the source's headline, if it gives one (see
/// [`headline`]); the article's title is empty otherwise. A source not given
/// is the publisher opening the text ([`split_source`]) or the outlet its
/// [`dateline`] names.
#[allow(clippy::too_many_arguments)]
pub(crate) fn assemble(
    file: &str,
    line: Option<usize>,
    id: String,
    date: Option<chrono::NaiveDate>,
    title: Option<String>,
    source: Option<String>,
    body: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let mut paragraphs = split_paragraphs(body);
    let mut source = source;
    if source.is_none() {
        if let Some((name, rest)) = paragraphs.first().and_then(|p| split_source(p)) {
            source = Some(name);
            paragraphs[0] = rest;
        }
    }
    if paragraphs.is_empty() {
        diags.push(Diagnostic::new(
            file,
            line,
            DiagnosticKind::EmptyBody { article: id },
        ));
        return None;
    }
    // An outlet named only in the dateline ("Moscow CNN —") is the source.
    if source.is_none() {
        source = (paragraphs.iter().take(2))
            .find_map(|p| dateline(p).and_then(|d| d.outlet))
            .map(str::to_string);
    }
    // No headline is invented: without one the title stays empty and the
    // index shows the lead in its place (`crate::index::titles`).
    let title = title.as_deref().and_then(headline).unwrap_or_default();
    Some(Article {
        id,
        date,
        title,
        source,
        paragraphs,
    })
}

#[cfg(test)]
mod unique_ids_tests {
    use super::*;

    #[test]
    fn a_clash_gets_the_first_free_suffix_and_a_located_warning() {
        let mut ids = UniqueIds::default();
        let mut claim = |file: &str, id: &str| {
            let mut id = id.to_string();
            let d = ids.claim(file, &mut id);
            (id, d.map(|d| (d.file.clone(), d.to_string())))
        };
        assert_eq!(claim("site", "a"), ("a".into(), None));
        assert_eq!(claim("site", "a~2"), ("a~2".into(), None));
        let (id, d) = claim("mine.rss", "a");
        assert_eq!(id, "a~3", "a~2 is taken by an article of its own");
        let (file, message) = d.unwrap();
        assert_eq!(file, "mine.rss");
        assert!(
            message.contains("\"a\"") && message.contains("\"a~3\""),
            "{message}"
        );
        assert_eq!(claim("other.csv", "a").0, "a~4");
        assert_eq!(claim("other.csv", "b").0, "b");
    }
}
