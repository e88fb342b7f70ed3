//! The document model: one dated news article as Dateline reads it.
//!
//! Every input format (the seed `.txt` format, JSON Lines) is parsed into an
//! [`Article`]; everything downstream (index, snippets, timelines, the reader)
//! works on this type only.

use chrono::NaiveDate;
use serde::Serialize;

/// One article, normalised.
///
/// Contract: `paragraphs` is never empty for an article that reached the
/// index (an empty body is a parse error); `title` is non-empty; `date` is
/// `None` only when the input had no valid date (the article is then shown as
/// undated, but still searchable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable identifier: the file stem for `.txt` files, the `id` field (or
    /// `<file stem>:<line>`) for JSON Lines.
    pub id: String,
    /// Publication date, if the input had a valid one.
    pub date: Option<NaiveDate>,
    /// Given title, or the first sentence of the text trimmed at a word boundary.
    pub title: String,
    /// Publisher named at the start of the text ("Islam Times - …") or given in the input.
    pub source: Option<String>,
    /// Body paragraphs, whitespace-normalised, in order.
    pub paragraphs: Vec<String>,
}

impl Article {
    /// The date as `YYYY-MM-DD`, or `None` when undated.
    pub fn date_string(&self) -> Option<String> {
        self.date.map(ymd)
    }
}

/// `YYYY-MM-DD`. (chrono's strftime machinery would cost the page ~20 KB of wasm.)
pub fn ymd(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// English month names, January first.
pub const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
