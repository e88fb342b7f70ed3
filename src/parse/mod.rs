//! Parsing input documents into [`Article`]s, with diagnostics.
//!
//! Two input formats always:
//! - the seed format (`.txt`): optional leading whitespace, `date YYYY-MM-DD`,
//!   a space, then the text; paragraphs separated by blank lines;
//! - JSON Lines (`.jsonl`, `.ndjson`): one object a line with `date`, `text`,
//!   and optional `id`, `title`, `source`;
//!
//! and with the `formats` feature (the command line has it): HTML article
//! pages (`.html`, `.htm`), RSS/Atom feeds (`.xml`, `.rss`, `.atom`) and
//! CSV/TSV tables (`.csv`, `.tsv`); see [`parse_document`].
//!
//! Bad input never stops the rest: every problem becomes one [`Diagnostic`]
//! naming the file (and line) and what is wrong, and whatever is readable is
//! still returned (an article with a bad date is kept as undated).

// What a problem is, and how it is written out: the reader core reads the
// manifest's diagnostics too, so this part is built without `inpage`.
mod diagnostic;
pub use diagnostic::{Diagnostic, DiagnosticKind, DiagnosticRecord, Severity};

#[cfg(feature = "inpage")]
mod assemble;
#[cfg(feature = "inpage")]
mod encoding;
#[cfg(feature = "inpage")]
mod jsonl;
#[cfg(feature = "inpage")]
mod load;
#[cfg(feature = "inpage")]
mod seed;
#[cfg(feature = "inpage")]
mod text;

#[cfg(feature = "formats")]
mod extract;
#[cfg(feature = "formats")]
mod feed;
#[cfg(feature = "formats")]
mod formats;
#[cfg(feature = "formats")]
mod html;
#[cfg(feature = "formats")]
mod table;
#[cfg(feature = "formats")]
mod webdate;

#[cfg(feature = "formats")]
pub use {
    feed::parse_feed,
    formats::{oversized, parse_document, MAX_FILE_BYTES},
    html::parse_html,
    table::parse_table,
};

#[cfg(feature = "inpage")]
pub use {
    assemble::{Parsed, UniqueIds, MAX_ARTICLE_BYTES},
    jsonl::parse_jsonl,
    load::{load_paths, load_paths_each},
    seed::parse_seed,
    text::{
        dateline, headline, lead, parse_date, split_paragraphs, title_from, Dateline,
        LEAD_MAX_CHARS,
    },
};
