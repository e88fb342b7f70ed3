//! From parts to an [`Article`]: the size limit every format obeys, what
//! parsing a set of inputs produced ([`Parsed`]), and [`assemble`].

use super::diagnostic::{Diagnostic, DiagnosticKind, Severity};
use super::text::{split_paragraphs, split_source, title_from};
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

/// Build an article from its parts, reporting an empty body (no article then).
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
    let title = title.unwrap_or_else(|| title_from(&paragraphs[0]));
    Some(Article {
        id,
        date,
        title,
        source,
        paragraphs,
    })
}
