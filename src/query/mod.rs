//! The query language and its execution.
//!
//! - plain words: articles with all of them come first (stemmed forms match
//!   too, ranked lower; words of 5+ letters absent from the collection match
//!   with one typo (a wrong, missing or extra letter, or two letters
//!   swapped), 9+ letters with two when one finds nothing, 4 letters with a letter put back; a
//!   word of 5+ letters in at most [`scoring::RARE_MAX_DF`] articles also
//!   matches a one-typo neighbour found in [`scoring::LIKELIER_RATIO`] times
//!   as many; the first letter is taken as typed; what was searched besides
//!   is in [`SearchNotes::also_searched`]).
//!   When no article has them all (two words or more), or fewer than
//!   [`scoring::RELAX_BELOW`] do (three or more), articles with most of them
//!   follow, ranked by BM25F × the share of words they hold
//!   ([`SearchNotes::relaxed`] says so). English stopwords (`the`, `what`,
//!   `about`: [`stopwords`]) never decide a match, only add to the score,
//!   unless the query has nothing else; in a phrase they count;
//! - `"exact phrase"`: the words, in order, adjacent;
//! - `a OR b`: either; `a AND b` (upper case): the same as `a b`;
//! - `-word`, `-"a phrase"`, `NOT word` (upper case): must not match;
//! - `prefix*`: any word starting so (only when written: a query means the
//!   same typed, reloaded, shared or run from the command line);
//! - `after:2022-01-15`, `before:2022-02` (a day, month or year): publication
//!   date bounds (`after:` inclusive, `before:` exclusive);
//! - `mentions:2022-02`: the article mentions a date in that day, month or
//!   year (see [`crate::index::events`]);
//! - `person:sergey-lavrov`, `org:nato`, `place:"New York"`, `entity:lavrov`:
//!   the article names that entity (a key, or words of its name);
//! - `title:sanctions`, `title:"peace talks"`: the article's title holds the
//!   word (its stems and typos as above) or phrase;
//! - `source:reuters`, `source:"Fox News"`: the article's source holds these
//!   words (case and diacritics folded);
//! - `-title:…`, `-source:…` (or `NOT title:…`): the opposite.
//!
//! Exclusions, date bounds and the filters are strict: they never relax.
//! Every string is a valid query: what does not parse as syntax is read as
//! plain words, except a date bound that is not a date (`after:2022-13-01`),
//! which is left out and named in [`SearchNotes::problems`]. [`parse`] never
//! fails and never panics.
//!
//! What one query may ask of the index is bounded ([`budget`]): its length,
//! its terms, its corrections and completions; a limit that applied is in
//! [`SearchNotes::limits`].

pub mod blocks;
pub mod budget;
mod expand;
mod filter;
mod group;
mod lists;
mod notes;
mod parser;
pub mod scoring;
mod search;
mod source;
pub mod stopwords;

pub use blocks::BlockMaxima;
pub use budget::{searched_part, LimitKind, QueryLimit};
pub use expand::transpositions;
pub use filter::{entity_filter_token, filter_token, FilterField, QueryFilter};
#[cfg(feature = "inpage")]
pub(crate) use lists::bm25f_idf;
pub use notes::{AlsoSearched, QueryProblem, Relaxed, SearchNotes};
pub use parser::{parse, Atom, EntityFilter, Prefix, Query};
#[cfg(feature = "inpage")]
pub(crate) use search::lone_word;
pub use search::{execute, proximity_pairs, reads_positions, Execution, Highlight, Match};
pub use source::Source;
