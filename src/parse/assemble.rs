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

    pub(super) fn extend(&mut self, other: Parsed) {
        self.articles.extend(other.articles);
        self.diagnostics.extend(other.diagnostics);
    }

    /// Make ids unique: a later duplicate gets a `~2`, `~3`… suffix and a warning,
    /// because the reader and permalinks address articles by id.
    pub(super) fn dedupe_ids(&mut self) {
        let mut seen = std::collections::HashMap::<String, usize>::new();
        for a in &mut self.articles {
            let n = seen.entry(a.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                let new_id = format!("{}~{}", a.id, n);
                self.diagnostics.push(Diagnostic::new(
                    a.id.clone(),
                    None,
                    DiagnosticKind::DuplicateId {
                        id: a.id.clone(),
                        renamed: new_id.clone(),
                    },
                ));
                a.id = new_id;
            }
        }
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
