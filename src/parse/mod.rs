//! Parsing input documents into [`Article`]s, with diagnostics.
//!
//! Two input formats:
//! - the seed format (`.txt`): optional leading whitespace, `date YYYY-MM-DD`,
//!   a space, then the text; paragraphs separated by blank lines;
//! - JSON Lines (`.jsonl`, `.ndjson`): one object a line with `date`, `text`,
//!   and optional `id`, `title`, `source`.
//!
//! Bad input never stops the rest: every problem becomes one [`Diagnostic`]
//! naming the file (and line) and what is wrong, and whatever is readable is
//! still returned (an article with a bad date is kept as undated).

mod assemble;
mod diagnostic;
mod jsonl;
mod load;
mod seed;
mod text;

pub use assemble::{Parsed, MAX_ARTICLE_BYTES};
pub use diagnostic::{Diagnostic, DiagnosticKind, DiagnosticRecord, Severity};
pub use jsonl::parse_jsonl;
pub use load::load_paths;
pub use seed::parse_seed;
pub use text::{parse_date, split_paragraphs, title_from};
