//! The grammar: hand-written rules over the token stream, one file per family.
//!
//! [`Matcher::match_at`] tries every rule that can start at a token and
//! returns the longest resolved match. Rules are plain methods keyed on the
//! first token's class (in `dispatch`), so a non-temporal token costs one
//! `match` on an enum. Resolution happens here too, because the right value
//! depends on the words around the expression (tense cues) and on what the
//! article said before (the quarter it is talking about, the last date named).
//!
//! - `state`: the matcher's state and the token accessors all rules use;
//! - `dispatch`: the entry point, modifiers and the keyword rules' dispatch;
//! - `calendar`: dates, months, years, decades, quarters, halves, seasons, holidays;
//! - `relative`: today/this/last/next, weekdays, the reference time, rules after "the";
//! - `durations`: counted spans, "… ago", sets;
//! - `clock`: times of day;
//! - `named`: named days and periods the text dates ("Independence Day
//!   (August 24)", "the first day of the invasion");
//! - `cues`: tense cues and the vague references (now, recently, soon).
//!
//! Every family adds methods to [`Matcher`] in an `impl` block of its own;
//! only `state` defines types, so the families never import one another.

mod calendar;
mod clock;
mod cues;
mod dispatch;
mod durations;
mod named;
mod relative;
mod state;

pub use state::Matcher;
