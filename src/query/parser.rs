//! Parsing query strings into a [`Query`].

use chrono::{Datelike, Duration, NaiveDate};

use super::budget::{length_limit, searched_part, LimitKind, QueryLimit, MAX_TERMS};
use super::filter::{utf16_span, FilterField, QueryFilter};
use super::notes::QueryProblem;
use super::stopwords::is_stopword;
use crate::entity_type::EntityType;
use crate::text::tokenizer::tokenize;

/// How a term may be extended at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// Whole words only.
    No,
    /// `word*`: any completion, ranked like the word.
    Explicit,
}

/// One thing to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// A folded word. `exact` (a quoted single word) disables stems and typos.
    Term {
        term: String,
        prefix: Prefix,
        exact: bool,
    },
    /// Folded words that must be adjacent, in order.
    Phrase(Vec<String>),
}

impl Atom {
    /// What the atom costs of the query's [`MAX_TERMS`]: its words.
    fn cost(&self) -> usize {
        match self {
            Atom::Term { .. } => 1,
            Atom::Phrase(words) => words.len(),
        }
    }

    /// The folded term of a plain word: neither quoted nor starred, so open
    /// to stems, corrections and stopword handling.
    pub fn plain_term(&self) -> Option<&str> {
        match self {
            Atom::Term {
                term,
                prefix: Prefix::No,
                exact: false,
            } => Some(term),
            _ => None,
        }
    }
}

/// A parsed query.
///
/// Word groups (a group matches when any of its atoms does) decide which
/// articles match, except the `optional` ones (stopwords), which only add
/// to the score; how many deciding groups an article must hold is
/// [`super::execute`]'s choice (all of them, unless too few articles have
/// all). Everything else is strict: no excluded atom may match, the date
/// must lie in `after..=until` (both optional, inclusive), and the
/// `mentions:`, entity, `title:` and `source:` filters must all hold.
///
/// Entity filters combine like words: `org:nato OR org:eu` is one group (an
/// article naming either), `-org:eu` an exclusion. An `OR` joins entity
/// filters with entity filters and words with words; between a word and a
/// filter it means nothing (both are wanted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Atom>>,
    /// Indices into `groups` of the optional groups, ascending: each a plain
    /// (unquoted, unstarred) English stopword ([`super::stopwords`]), or an
    /// `OR` of them, not typed in capitals as an acronym (`US`, `WHO`) in a
    /// query with lower-case letters. Empty when every group is a stopword:
    /// a query of stopwords only keeps them all.
    pub optional: Vec<usize>,
    pub excluded: Vec<Atom>,
    pub after: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// `mentions:` — the article must mention a date in this range (inclusive).
    pub mentions: Option<(NaiveDate, NaiveDate)>,
    /// `person:`, `org:`, `place:`, `entity:` — groups of filters joined by
    /// `OR`: the article must name an entity of each group.
    pub entities: Vec<Vec<EntityFilter>>,
    /// `-person:` and the like: the article must name none of these.
    pub excluded_entities: Vec<EntityFilter>,
    /// `title:` — atoms the article's title must hold (each also scores as a word).
    pub title: Vec<Atom>,
    /// `-title:` — atoms the article's title must not hold.
    pub excluded_title: Vec<Atom>,
    /// `source:` — for each filter, the folded words the article's source must all hold.
    pub sources: Vec<Vec<String>>,
    /// `-source:` — for each filter, folded words an article's source must not all hold.
    pub excluded_sources: Vec<Vec<String>>,
    /// Every filter as typed, in query order, with its span: what the page
    /// shows as chips (negated filters included, see [`QueryFilter`]).
    pub filters: Vec<QueryFilter>,
    /// Parts of the query not used as typed (a date bound that is not a
    /// date), in query order; [`super::execute`] passes them on in its notes.
    pub problems: Vec<QueryProblem>,
    /// Limits of the query budget ([`super::budget`]) that left a part of
    /// the query out: its length, its number of terms.
    pub limits: Vec<QueryLimit>,
}

/// An entity an article must name: a key (`sergey-lavrov`) or words of a
/// name (`lavrov`, `"Sergey Lavrov"`), of one type or any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFilter {
    pub kind: Option<EntityType>,
    pub value: String,
}

impl Query {
    /// True when the query places no condition on words (it may still have
    /// dates, entities and sources): every article in bounds matches, unscored.
    pub fn is_match_all(&self) -> bool {
        self.groups.is_empty()
            && self.excluded.is_empty()
            && self.title.is_empty()
            && self.excluded_title.is_empty()
    }

    /// Is group `g` optional (a stopword)?
    pub fn is_optional(&self, g: usize) -> bool {
        self.optional.binary_search(&g).is_ok()
    }

    /// The one plain word (neither quoted nor starred) that alone decides
    /// which articles match, when the query is that word and at most
    /// stopwords: no phrase, exclusion, date, filter or part left unread.
    /// Such a query matches the articles of the word's index terms as
    /// execution expands them (the word, its stems, corrections).
    pub fn single_word(&self) -> Option<&str> {
        let mut deciding = (0..self.groups.len()).filter(|&g| !self.is_optional(g));
        let (Some(g), None) = (deciding.next(), deciding.next()) else {
            return None;
        };
        match &self.groups[g][..] {
            [atom] if self.has_no_conditions() => atom.plain_term(),
            _ => None,
        }
    }

    /// Does the query match every article: no word, phrase, exclusion,
    /// date, filter or part left unread (an empty query)?
    pub fn matches_everything(&self) -> bool {
        self.groups.is_empty() && self.has_no_conditions()
    }

    /// Nothing but the word groups decides what matches.
    fn has_no_conditions(&self) -> bool {
        self.excluded.is_empty()
            && self.after.is_none()
            && self.until.is_none()
            && self.mentions.is_none()
            && self.entities.is_empty()
            && self.excluded_entities.is_empty()
            && self.title.is_empty()
            && self.excluded_title.is_empty()
            && self.sources.is_empty()
            && self.excluded_sources.is_empty()
            && self.problems.is_empty()
    }
}

enum Lexeme {
    /// `span`: its bytes in the input, a leading `-` (or `NOT `) included.
    Word {
        raw: String,
        negated: bool,
        span: (usize, usize),
    },
    /// `start`: the byte its quote (or its `-`) starts at.
    Quoted {
        raw: String,
        negated: bool,
        start: usize,
    },
    /// A word after an unterminated quote (never syntax), starting at this byte.
    Plain(String, usize),
    /// `OR`, starting at this byte of the input.
    Or(usize),
}

fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        let mut start = i;
        if c == '-' {
            chars.next();
            match chars.peek() {
                Some(&(j, n)) if !n.is_whitespace() && n != '-' => {
                    negated = true;
                    start = j;
                }
                _ => continue, // a lone or doubled dash is punctuation
            }
        }
        if input[start..].starts_with('"') {
            chars.next();
            let body_start = start + 1;
            match input[body_start..].find('"') {
                Some(len) => {
                    out.push(Lexeme::Quoted {
                        raw: input[body_start..body_start + len].to_string(),
                        negated,
                        start: i,
                    });
                    while chars.peek().is_some_and(|&(k, _)| k <= body_start + len) {
                        chars.next();
                    }
                }
                None => {
                    // Unterminated quote: the rest is plain words.
                    let mut at = body_start;
                    for chunk in input[body_start..].split_inclusive(char::is_whitespace) {
                        let word = chunk.trim_end();
                        if !word.is_empty() {
                            out.push(Lexeme::Plain(word.to_string(), at));
                        }
                        at += chunk.len();
                    }
                    break;
                }
            }
            continue;
        }
        let mut end = input.len();
        while let Some(&(k, ch)) = chars.peek() {
            if ch == '"' && k > start && input[start..k].ends_with(':') {
                // `person:"Sergey Lavrov"`: the quoted value belongs to the key.
                if let Some(len) = input[k + 1..].find('"') {
                    let close = k + 1 + len;
                    while chars.peek().is_some_and(|&(j, _)| j <= close) {
                        chars.next();
                    }
                    end = close + 1;
                    break;
                }
            }
            if ch.is_whitespace() || (ch == '"' && k > start) {
                end = k;
                break;
            }
            chars.next();
        }
        let raw = &input[start..end];
        if raw == "OR" && !negated {
            out.push(Lexeme::Or(start));
        } else {
            // A dash run before the word (`--word`) is punctuation that goes with it.
            let from = input[..i].trim_end_matches('-').len();
            out.push(Lexeme::Word {
                raw: raw.to_string(),
                negated,
                span: (from, end),
            });
        }
    }
    operators(out)
}

/// Upper-case `NOT` before a word, phrase or filter negates it, as `-` does
/// (its span then starts at `NOT`); upper-case `AND` means nothing (words
/// are all wanted anyway). Lower-case `not` and `and` are words, and so is
/// a `NOT` with nothing to negate after it.
fn operators(lexemes: Vec<Lexeme>) -> Vec<Lexeme> {
    let mut out = Vec::with_capacity(lexemes.len());
    let mut it = lexemes.into_iter().peekable();
    while let Some(lexeme) = it.next() {
        if let Lexeme::Word {
            raw,
            negated: false,
            span,
        } = &lexeme
        {
            if raw == "AND" {
                continue;
            }
            if raw == "NOT" {
                match it.peek_mut() {
                    Some(Lexeme::Word {
                        negated, span: s, ..
                    }) => {
                        *negated = true;
                        s.0 = span.0;
                        continue;
                    }
                    Some(Lexeme::Quoted { negated, start, .. }) => {
                        *negated = true;
                        *start = span.0;
                        continue;
                    }
                    _ => {}
                }
            }
        }
        out.push(lexeme);
    }
    out
}

/// A date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as (first day, last day).
fn date_bound(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = value.split('-').collect();
    if parts.is_empty()
        || parts.len() > 3
        || parts[0].len() != 4
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let nums: Vec<u32> = parts[1..]
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match nums.as_slice() {
        [] => Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        )),
        [m] => {
            let first = NaiveDate::from_ymd_opt(y, *m, 1)?;
            let next = if *m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)?
            };
            Some((first, next - Duration::days(1)))
        }
        [m, d] => {
            let day = NaiveDate::from_ymd_opt(y, *m, *d)?;
            Some((day, day))
        }
        _ => None,
    }
}

/// Read words as atoms: one word is a term, several (as in `Russia-NATO`) a phrase.
fn atom_of(raw: &str, quoted: bool) -> Option<Atom> {
    let (text, star) = match raw.strip_suffix('*') {
        Some(t) if !quoted => (t, true),
        _ => (raw, false),
    };
    let mut terms: Vec<String> = tokenize(text).into_iter().map(|t| t.term).collect();
    match terms.len() {
        0 => None,
        1 => {
            let term = terms.pop()?;
            let prefix = if star { Prefix::Explicit } else { Prefix::No };
            Some(Atom::Term {
                term,
                prefix,
                exact: quoted,
            })
        }
        _ => Some(Atom::Phrase(terms)),
    }
}

/// Is `raw` (a plain word as typed) a stopword? Not when typed in capitals
/// (`US`, `WHO`) in a query that has lower-case letters (`lower`): an acronym.
fn stopword(lower: bool, raw: &str, atom: &Atom) -> bool {
    let Some(term) = atom.plain_term() else {
        return false;
    };
    // ASCII is enough (every stopword is ASCII) and keeps Unicode case
    // tables out of the reader's WebAssembly.
    let acronym = raw.bytes().filter(u8::is_ascii_uppercase).count() >= 2
        && !raw.bytes().any(|b| b.is_ascii_lowercase())
        && lower;
    is_stopword(term) && !acronym
}

/// What the last wanted item of a query was: what an `OR` after it joins.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    /// A word or phrase: the next word joins its group.
    Words,
    /// An entity filter: the next entity filter joins its group.
    Entities,
}

/// The query being read, and where word groups go.
struct Reader<'a> {
    input: &'a str,
    /// The input has an ASCII lower-case letter (see [`stopword`]).
    lower: bool,
    /// Terms read so far, of [`MAX_TERMS`].
    terms: usize,
    q: Query,
    /// Per group: is it made of stopwords only?
    stop: Vec<bool>,
    /// The previous lexeme was `OR`: the next atom (or entity filter) joins
    /// the last group of its own kind, when that kind was the last wanted.
    join_next: bool,
    /// The kind of the last wanted atom or filter (`None` after any other filter).
    last: Option<Last>,
    /// Where the `OR` just read starts: an entity filter it joins owns it
    /// (its span starts there), so that removing the filter's chip leaves
    /// no dangling `OR`.
    or_at: Option<usize>,
}

impl Reader<'_> {
    fn problem(&mut self, raw: &str, span: (usize, usize), message: String) {
        let (start, end) = utf16_span(self.input, span);
        self.q.problems.push(QueryProblem {
            text: raw.to_string(),
            message,
            start,
            end,
        });
    }

    /// A date filter (`after:`, `before:`, `mentions:`): applied, or named
    /// as a problem when its value is not a date. False when `raw` is not one.
    fn date_filter(&mut self, raw: &str, span: (usize, usize)) -> bool {
        let Some((field, v)) = [
            FilterField::After,
            FilterField::Before,
            FilterField::Mentions,
        ]
        .into_iter()
        .find_map(|f| Some((f, raw.strip_prefix(f.name())?.strip_prefix(':')?))) else {
            return false;
        };
        let Some((first, last)) = date_bound(v) else {
            let message = if v.is_empty() {
                format!(
                    "{}: needs a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    field.name()
                )
            } else {
                format!("{v} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
            };
            self.problem(raw, span, message);
            return true;
        };
        self.last = None;
        let q = &mut self.q;
        q.filters
            .push(QueryFilter::at(self.input, span, field, v, false));
        match field {
            FilterField::After => q.after = Some(q.after.map_or(first, |a| a.max(first))),
            FilterField::Before => {
                let until = first.pred_opt().unwrap_or(first);
                q.until = Some(q.until.map_or(until, |u| u.min(until)));
            }
            _ => {
                q.mentions = Some(match q.mentions {
                    Some((a, b)) => (a.max(first), b.min(last)),
                    None => (first, last),
                })
            }
        }
        true
    }

    /// A `title:` or `source:` filter, negated or not. False when `raw` is
    /// not one (or its value has no word): it is then read as words.
    fn field_filter(&mut self, raw: &str, negated: bool, span: (usize, usize)) -> bool {
        let Some((field, rest)) = FilterField::field_prefix(raw) else {
            return false;
        };
        let quoted = rest.starts_with('"');
        let value = rest.trim_matches('"').trim();
        let last = self.last.take();
        let q = &mut self.q;
        if field == FilterField::Title {
            let Some(atom) = atom_of(value, quoted) else {
                self.last = last;
                return false;
            };
            match negated {
                false => q.title.push(atom),
                true => q.excluded_title.push(atom),
            }
        } else {
            let words: Vec<String> = tokenize(value).into_iter().map(|t| t.term).collect();
            if words.is_empty() {
                self.last = last;
                return false;
            }
            match negated {
                false => q.sources.push(words),
                true => q.excluded_sources.push(words),
            }
        }
        q.filters
            .push(QueryFilter::at(self.input, span, field, value, negated));
        true
    }

    /// An entity filter, wanted (joining the last entity group after `OR`)
    /// or excluded. False when `raw` is not one (it is then read as words).
    fn entity_filter(&mut self, raw: &str, negated: bool, span: (usize, usize)) -> bool {
        let Some((field, rest)) = FilterField::entity_prefix(raw) else {
            return false;
        };
        let value = rest.trim_matches('"').trim();
        if value.is_empty() {
            return false;
        }
        let filter = EntityFilter {
            kind: field.kind(),
            value: value.to_string(),
        };
        if negated {
            self.q
                .filters
                .push(QueryFilter::at(self.input, span, field, value, true));
            self.q.excluded_entities.push(filter);
            return true;
        }
        let mut span = span;
        match (self.join_next, self.last, self.q.entities.last_mut()) {
            (true, Some(Last::Entities), Some(group)) => {
                group.push(filter);
                span.0 = self.or_at.unwrap_or(span.0);
            }
            _ => self.q.entities.push(vec![filter]),
        }
        self.q
            .filters
            .push(QueryFilter::at(self.input, span, field, value, false));
        self.last = Some(Last::Entities);
        true
    }

    /// A wanted or excluded atom typed as `raw`.
    fn atom(&mut self, atom: Atom, negated: bool, stop: bool) {
        let join = self.join_next && self.last == Some(Last::Words);
        if negated {
            self.q.excluded.push(atom);
        } else if let (true, Some(group)) = (join, self.q.groups.last_mut()) {
            group.push(atom);
            if let Some(s) = self.stop.last_mut() {
                *s &= stop;
            }
        } else {
            self.q.groups.push(vec![atom]);
            self.stop.push(stop);
        }
        if !negated {
            self.last = Some(Last::Words);
        }
        self.join_next = false;
    }

    fn finish(mut self) -> Query {
        if self.stop.iter().any(|s| !s) {
            self.q.optional = (0..self.stop.len()).filter(|&g| self.stop[g]).collect();
        }
        self.q
    }
}

/// Parse `input`. Never fails: malformed syntax degrades to plain words,
/// and a date bound that is not a date is named in [`Query::problems`].
/// Linear in the input: only its [`searched_part`] is read, and of that
/// only the first [`MAX_TERMS`] words and filters are kept; what is left
/// out is named in [`Query::limits`].
pub fn parse(input: &str) -> Query {
    let kept = searched_part(input);
    let mut r = Reader {
        input: kept,
        lower: kept.bytes().any(|b| b.is_ascii_lowercase()),
        terms: 0,
        q: Query::default(),
        stop: Vec::new(),
        join_next: false,
        last: None,
        or_at: None,
    };
    let mut cut: Option<usize> = None;
    for lexeme in lex(kept) {
        // An `OR` is owned only by the lexeme right after it.
        let or_at = r.or_at.take();
        let (start, atom) = match &lexeme {
            Lexeme::Or(at) => (*at, None),
            Lexeme::Word { raw, span, .. } => (span.0, atom_of(raw, false)),
            Lexeme::Plain(raw, at) => (*at, atom_of(raw, false)),
            Lexeme::Quoted { raw, start, .. } => (*start, atom_of(raw, true)),
        };
        // Every item costs a term at least; an atom its words.
        let cost = atom.as_ref().map_or(1, Atom::cost);
        if !matches!(lexeme, Lexeme::Or(_)) && r.terms + cost > MAX_TERMS {
            cut = Some(start);
            break;
        }
        match lexeme {
            Lexeme::Or(at) => {
                r.join_next = r.last.is_some();
                r.or_at = Some(at);
            }
            Lexeme::Word { raw, negated, span } => {
                r.or_at = or_at;
                let filter = (!negated && r.date_filter(&raw, span))
                    || r.field_filter(&raw, negated, span)
                    || r.entity_filter(&raw, negated, span);
                r.or_at = None;
                if filter {
                    r.terms += 1;
                    r.join_next = false;
                    continue;
                }
                if let Some(atom) = atom {
                    let stop = stopword(r.lower, &raw, &atom);
                    r.terms += cost;
                    r.atom(atom, negated, stop);
                }
            }
            Lexeme::Plain(raw, _) => {
                if let Some(atom) = atom {
                    let stop = stopword(r.lower, &raw, &atom);
                    r.terms += cost;
                    r.atom(atom, false, stop);
                }
            }
            Lexeme::Quoted { negated, .. } => {
                if let Some(atom) = atom {
                    r.terms += cost;
                    r.atom(atom, negated, false);
                }
            }
        }
    }
    let mut q = r.finish();
    q.limits.extend(length_limit(input, kept.len()));
    if let Some(at) = cut {
        let (start, end) = utf16_span(input, (at, input.len()));
        q.limits.push(QueryLimit {
            kind: LimitKind::Terms,
            limit: MAX_TERMS,
            start,
            end,
        });
    }
    // A year before 0 or after 9999 cannot be typed in the bounds above, but
    // keep the invariant explicit for callers that compare with article dates.
    debug_assert!(q.after.is_none_or(|d| d.year() >= 0));
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Atom {
        Atom::Term {
            term: t.into(),
            prefix: Prefix::No,
            exact: false,
        }
    }
    fn p(s: &str) -> Query {
        parse(s)
    }
    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn plain_words_are_folded_groups() {
        assert_eq!(
            p("Lavrov  GENÈVE").groups,
            vec![vec![term("lavrov")], vec![term("geneve")]]
        );
    }

    #[test]
    fn phrases_and_exclusions() {
        let q = p("\"security guarantees\" -Blinken -\"draft agreement\"");
        assert_eq!(
            q.groups,
            vec![vec![Atom::Phrase(vec![
                "security".into(),
                "guarantees".into()
            ])]]
        );
        assert_eq!(
            q.excluded,
            vec![
                term("blinken"),
                Atom::Phrase(vec!["draft".into(), "agreement".into()])
            ]
        );
    }

    #[test]
    fn or_joins_neighbours() {
        let q = p("Truss OR Blinken Geneva");
        assert_eq!(
            q.groups,
            vec![vec![term("truss"), term("blinken")], vec![term("geneva")]]
        );
        assert_eq!(p("OR Truss OR").groups, vec![vec![term("truss")]]);
        assert_eq!(
            p("truss or blinken").groups.len(),
            3,
            "lower-case or is a word"
        );
    }

    #[test]
    fn explicit_prefixes_only() {
        let q = p("gen*");
        assert_eq!(
            q.groups,
            vec![vec![Atom::Term {
                term: "gen".into(),
                prefix: Prefix::Explicit,
                exact: false
            }]]
        );
        // One meaning: the last word is a word, however the query arrives.
        assert_eq!(p("lavrov gene").groups[1], vec![term("gene")]);
        assert_eq!(
            p("\"gene\"").groups[0],
            vec![Atom::Term {
                term: "gene".into(),
                prefix: Prefix::No,
                exact: true
            }]
        );
    }

    #[test]
    fn date_bounds() {
        let q = p("after:2022-01-15 before:2022-02 lavrov");
        assert_eq!((q.after, q.until), (d("2022-01-15"), d("2022-01-31")));
        assert_eq!(p("after:2021").after, d("2021-01-01"));
        assert_eq!(p("before:2022-03-01").until, d("2022-02-28"));
        assert_eq!(
            p("mentions:2022-02").mentions,
            d("2022-02-01").zip(d("2022-02-28"))
        );
        assert_eq!(
            p("mentions:2022 mentions:2022-03-04").mentions,
            d("2022-03-04").zip(d("2022-03-04"))
        );
    }

    #[test]
    fn entity_filters() {
        let q =
            p("person:sergey-lavrov org:\"Russia-NATO Council\" place:Geneva entity:nato talks");
        let f: Vec<(Option<EntityType>, &str)> = q
            .entities
            .iter()
            .flatten()
            .map(|e| (e.kind, e.value.as_str()))
            .collect();
        assert!(q.entities.iter().all(|g| g.len() == 1), "no OR: all wanted");
        assert_eq!(
            f,
            [
                (Some(EntityType::Person), "sergey-lavrov"),
                (Some(EntityType::Organization), "Russia-NATO Council"),
                (Some(EntityType::Location), "Geneva"),
                (None, "nato")
            ]
        );
        assert_eq!(q.groups, vec![vec![term("talks")]]);
        assert_eq!(p("person:").groups, vec![vec![term("person")]]);
    }

    #[test]
    fn invalid_date_bounds_are_problems_not_words() {
        for (q, message) in [
            (
                "after:2022-13-01",
                "2022-13-01 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
            ),
            (
                "before:2022-02-30",
                "2022-02-30 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
            ),
            (
                "mentions:20222",
                "20222 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)",
            ),
            (
                "after:",
                "after: needs a date (YYYY, YYYY-MM or YYYY-MM-DD)",
            ),
        ] {
            let parsed = p(&format!("Genève {q} lavrov"));
            assert_eq!(
                parsed.groups,
                vec![vec![term("geneve")], vec![term("lavrov")]],
                "{q}"
            );
            assert_eq!(
                (parsed.after, parsed.until, parsed.mentions),
                (None, None, None)
            );
            assert!(parsed.filters.is_empty());
            let problem = &parsed.problems[0];
            assert_eq!(problem.text, q);
            assert_eq!(problem.message, message);
            // "Genève " is 7 UTF-16 units.
            assert_eq!((problem.start, problem.end), (7, 7 + q.len()));
        }
        assert!(p("after:2022 lavrov").problems.is_empty());
    }

    #[test]
    fn upper_case_not_and_and() {
        let q = p("NOT Putin Lavrov AND Blinken");
        assert_eq!(q.excluded, vec![term("putin")]);
        assert_eq!(q.groups, vec![vec![term("lavrov")], vec![term("blinken")]]);
        assert_eq!(
            p("talks NOT \"peace talks\"").excluded,
            vec![Atom::Phrase(vec!["peace".into(), "talks".into()])]
        );
        // Lower case: words. A NOT with nothing after it: a word.
        assert_eq!(p("not putin and").groups.len(), 3);
        assert_eq!(
            p("putin NOT").groups,
            vec![vec![term("putin")], vec![term("not")]]
        );
        // NOT before a filter negates it; its span starts at NOT.
        assert_eq!(
            spans("a NOT source:fox"),
            [(FilterField::Source, "fox".into(), true, 2, 16)]
        );
    }

    #[test]
    fn stopwords_are_optional_unless_alone() {
        let q = p("what did Lavrov say about NATO");
        assert_eq!(q.groups.len(), 6);
        assert_eq!(q.optional, [0, 1, 4]);
        assert!(p("the who").optional.is_empty(), "only stopwords: all kept");
        // A phrase, a quoted or starred word, an acronym typed in capitals: not optional.
        assert!(p("\"the\" \"of the\" the* lavrov").optional.is_empty());
        assert!(p("WHO says US sanctions").optional.is_empty());
        assert_eq!(p("The lavrov OR the").optional, [0]);
        assert!(p("the OR lavrov the").optional == [1]);
    }

    #[test]
    fn title_and_source_fields() {
        let q = p(
            "title:sanctions title:\"peace talks\" -title:oil source:\"Fox News\" NOT source:RT x",
        );
        assert_eq!(
            q.title,
            vec![
                term("sanctions"),
                Atom::Phrase(vec!["peace".into(), "talks".into()])
            ]
        );
        assert_eq!(q.excluded_title, vec![term("oil")]);
        assert_eq!(q.sources, vec![vec!["fox".to_string(), "news".to_string()]]);
        assert_eq!(q.excluded_sources, vec![vec!["rt".to_string()]]);
        assert_eq!(q.groups, vec![vec![term("x")]]);
        assert!(q.excluded.is_empty());
        let f: Vec<_> = q
            .filters
            .iter()
            .map(|f| (f.field, f.value.as_str(), f.negated))
            .collect();
        assert_eq!(
            f,
            [
                (FilterField::Title, "sanctions", false),
                (FilterField::Title, "peace talks", false),
                (FilterField::Title, "oil", true),
                (FilterField::Source, "Fox News", false),
                (FilterField::Source, "RT", true),
            ]
        );
        // An empty value is words, as for entity filters.
        assert_eq!(p("title:").groups, vec![vec![term("title")]]);
    }

    #[test]
    fn malformed_syntax_degrades_to_words() {
        assert_eq!(
            p("\"unterminated phrase").groups,
            vec![vec![term("unterminated")], vec![term("phrase")]]
        );
        assert_eq!(p("- -- * \"\" -\"\"").groups, Vec::<Vec<Atom>>::new());
        assert_eq!(
            p("Russia-NATO").groups,
            vec![vec![Atom::Phrase(vec!["russia".into(), "nato".into()])]]
        );
    }

    /// (field, value, negated, start, end) of each filter.
    fn spans(q: &str) -> Vec<(FilterField, String, bool, usize, usize)> {
        p(q).filters
            .into_iter()
            .map(|f| (f.field, f.value, f.negated, f.start, f.end))
            .collect()
    }

    #[test]
    fn filter_spans() {
        let q = "talks person:\"Sergey Lavrov\"";
        assert_eq!(
            spans(q),
            [(FilterField::Person, "Sergey Lavrov".into(), false, 6, 28)]
        );
        assert_eq!(p(q).filters[0].kind, Some(EntityType::Person));
        assert_eq!(
            spans("org:nato mentions:2022-02 after:2022 before:2022-03-01 entity:x"),
            [
                (FilterField::Org, "nato".into(), false, 0, 8),
                (FilterField::Mentions, "2022-02".into(), false, 9, 25),
                (FilterField::After, "2022".into(), false, 26, 36),
                (FilterField::Before, "2022-03-01".into(), false, 37, 54),
                (FilterField::Entity, "x".into(), false, 55, 63),
            ]
        );
        // Not filters: an empty value, a bad date, a key inside a word.
        assert!(p("person: after:2022-13 xperson:a").filters.is_empty());
    }

    #[test]
    fn filter_spans_count_utf16_units() {
        // "Genève " is 8 bytes but 7 UTF-16 units; "😀 " is 5 bytes, 3 units.
        let q = "Genève 😀 place:\"Genève\"";
        let f = &p(q).filters[0];
        assert_eq!((f.start, f.end), (10, 24));
        assert_eq!(f.value, "Genève");
        let units: Vec<u16> = q.encode_utf16().collect();
        assert_eq!(
            String::from_utf16_lossy(&units[f.start..f.end]),
            "place:\"Genève\""
        );
    }

    #[test]
    fn negated_filters_are_listed_and_exclude_entities() {
        let q = "talks -person:\"Sergey Lavrov\" --org:nato";
        assert_eq!(
            spans(q),
            [
                (FilterField::Person, "Sergey Lavrov".into(), true, 6, 29),
                (FilterField::Org, "nato".into(), true, 30, 40),
            ]
        );
        let parsed = p(q);
        assert!(parsed.entities.is_empty(), "nothing wanted");
        assert!(parsed.excluded.is_empty(), "no excluded words");
        let ex: Vec<(Option<EntityType>, &str)> = (parsed.excluded_entities.iter())
            .map(|e| (e.kind, e.value.as_str()))
            .collect();
        assert_eq!(
            ex,
            [
                (Some(EntityType::Person), "Sergey Lavrov"),
                (Some(EntityType::Organization), "nato")
            ]
        );
        // A negated date filter is excluded words, not a filter.
        assert!(p("-after:2022").filters.is_empty());
    }

    #[test]
    fn entity_filters_join_by_or_like_words() {
        let groups = |q: &str| -> Vec<Vec<String>> {
            (p(q).entities.iter())
                .map(|g| g.iter().map(|f| f.value.clone()).collect())
                .collect()
        };
        assert_eq!(groups("org:nato OR org:eu"), [vec!["nato", "eu"]]);
        assert_eq!(
            groups("person:putin OR NOT person:x OR person:vladimir-putin"),
            [vec!["putin", "vladimir-putin"]]
        );
        assert_eq!(groups("org:nato org:eu"), [vec!["nato"], vec!["eu"]]);
        // An OR between a word and a filter joins nothing: both are wanted.
        let q = p("talks OR org:nato OR org:eu OR summit");
        assert_eq!(q.groups, vec![vec![term("talks")], vec![term("summit")]]);
        assert_eq!(q.entities.len(), 1);
        let q = p("org:nato title:x OR org:eu");
        assert_eq!(q.entities.len(), 2, "another filter between: no join");
        // A filter joined by OR owns the OR: removing its chip leaves none dangling.
        let typed = "talks org:nato OR org:eu OR  -org:un";
        let cut: Vec<&str> = (p(typed).filters.iter())
            .map(|f| &typed[f.start..f.end])
            .collect();
        assert_eq!(cut, ["org:nato", "OR org:eu", "-org:un"]);
        let q = p("talks OR summit org:eu OR geneva");
        assert_eq!(
            q.groups,
            vec![vec![term("talks"), term("summit")], vec![term("geneva")]]
        );
    }

    #[test]
    fn written_tokens_parse_back() {
        for (field, value) in [
            (FilterField::Person, "sergey-lavrov"),
            (FilterField::Place, "New York"),
            (FilterField::Entity, "Genève"),
        ] {
            let token = crate::query::filter_token(field, value);
            let f = &p(&format!("a {token} b")).filters[0];
            assert_eq!((f.field, f.value.as_str()), (field, value));
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// Words, phrases, exclusions and filters (valid or not). `OR` is
        /// left out: `a OR person:x b` joins `a` with `b` only once the
        /// filter between them is gone.
        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                "[a-zA-Zé😀]{1,6}",
                "-?\"[a-z ]{0,8}\"",
                "-?(person|org|place|entity):[a-zé-]{0,6}",
                "-?(person|org|place|entity):\"[a-zé ]{0,8}\"",
                "-?(after|before|mentions):(2022|2022-0[1-9]|2022-13)",
                "-?(title|source):[a-zé-]{0,6}",
                "-?(title|source):\"[a-zé ]{0,8}\"",
                Just("NOT".to_string()),
                Just("AND".to_string()),
                Just("-".to_string()),
                Just("*".to_string()),
            ]
        }

        fn query() -> impl Strategy<Value = String> {
            prop::collection::vec(
                (piece(), prop_oneof![Just(" "), Just("  "), Just("")]),
                0..8,
            )
            .prop_map(|v| v.into_iter().map(|(p, s)| p + s).collect())
        }

        proptest! {
            #[test]
            fn removing_every_filter_span_leaves_the_words(q in query()) {
                let before = p(&q);
                let units: Vec<u16> = q.encode_utf16().collect();
                let mut rest = Vec::new();
                let mut at = 0;
                for f in &before.filters {
                    prop_assert!(at <= f.start && f.start < f.end && f.end <= units.len());
                    // Cut as the page does: `q.slice(0, start) + q.slice(end)`.
                    rest.extend_from_slice(&units[at..f.start]);
                    at = f.end;
                }
                rest.extend_from_slice(&units[at..]);
                let removed = String::from_utf16(&rest).expect("cut at char boundaries");
                let after = p(&removed);
                prop_assert!(after.filters.is_empty(), "{removed:?}: {:?}", after.filters);
                prop_assert!(after.entities.is_empty() && after.excluded_entities.is_empty());
                prop_assert!(after.title.is_empty() && after.sources.is_empty());
                prop_assert!(after.excluded_title.is_empty() && after.excluded_sources.is_empty());
                // Problems are not filters: they stay, named by the same text.
                let texts = |q: &Query| q.problems.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
                prop_assert_eq!(texts(&after), texts(&before));
                prop_assert_eq!((after.after, after.until, after.mentions), (None, None, None));
                prop_assert_eq!(&after.groups, &before.groups, "{:?}", removed);
                // Excluded words are not filters: they stay.
                prop_assert_eq!(&after.excluded, &before.excluded);
            }
        }
    }
}
