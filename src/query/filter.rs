//! Query filters (`person:`, `org:`, `place:`, `entity:`, `mentions:`,
//! `after:`, `before:`, `title:`, `source:`): their names, how the page sees the ones a query
//! holds ([`QueryFilter`], with spans to cut them out), and how a filter
//! token is written ([`filter_token`]).
//!
//! The parser ([`super::parser`]) reads filters with this module's table;
//! the engine writes the token of each facet and entity with
//! [`entity_filter_token`]. Nothing else, in Rust or in the page, reads or
//! writes filter syntax: the page only adds the tokens written here and cuts
//! out the spans reported here.

use serde::Serialize;
use tsify::Tsify;

use crate::entity_type::EntityType;

/// What a filter restricts: serialised as its name in the query (`person`,
/// `org`, `place`, `entity`, `mentions`, `after`, `before`, `title`, `source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum FilterField {
    /// `person:` — a person the article names.
    Person,
    /// `org:` — an organisation the article names.
    Org,
    /// `place:` — a place the article names.
    Place,
    /// `entity:` — an entity of any type the article names.
    Entity,
    /// `mentions:` — a date (day, month or year) the article mentions.
    Mentions,
    /// `after:` — published on or after this date.
    After,
    /// `before:` — published before this date.
    Before,
    /// `title:` — a word or phrase the article's title holds.
    Title,
    /// `source:` — words of the article's source (its outlet), case and
    /// diacritics folded.
    Source,
}

impl FilterField {
    /// The entity filters, in the order the parser tries them.
    pub const ENTITY: [FilterField; 4] = [
        FilterField::Person,
        FilterField::Org,
        FilterField::Place,
        FilterField::Entity,
    ];

    /// The filter's name as typed, before its `:`.
    pub fn name(self) -> &'static str {
        match self {
            FilterField::Person => "person",
            FilterField::Org => "org",
            FilterField::Place => "place",
            FilterField::Entity => "entity",
            FilterField::Mentions => "mentions",
            FilterField::After => "after",
            FilterField::Before => "before",
            FilterField::Title => "title",
            FilterField::Source => "source",
        }
    }

    /// The entity type an entity filter restricts to (`None` for `entity:`
    /// and the date filters).
    pub fn kind(self) -> Option<EntityType> {
        match self {
            FilterField::Person => Some(EntityType::Person),
            FilterField::Org => Some(EntityType::Organization),
            FilterField::Place => Some(EntityType::Location),
            _ => None,
        }
    }

    /// The filter for entities of this type (`entity:` for MISC).
    pub fn of_kind(kind: EntityType) -> FilterField {
        match kind {
            EntityType::Person => FilterField::Person,
            EntityType::Organization => FilterField::Org,
            EntityType::Location => FilterField::Place,
            EntityType::Misc => FilterField::Entity,
        }
    }

    /// The entity filter whose `name:` starts `raw`, with the value after it.
    pub(crate) fn entity_prefix(raw: &str) -> Option<(FilterField, &str)> {
        Self::prefix_of(&FilterField::ENTITY, raw)
    }

    /// The field filter (`title:`, `source:`) whose `name:` starts `raw`,
    /// with the value after it.
    pub(crate) fn field_prefix(raw: &str) -> Option<(FilterField, &str)> {
        Self::prefix_of(&[FilterField::Title, FilterField::Source], raw)
    }

    fn prefix_of<'a>(fields: &[FilterField], raw: &'a str) -> Option<(FilterField, &'a str)> {
        fields.iter().find_map(|&f| {
            let rest = raw.strip_prefix(f.name())?.strip_prefix(':')?;
            Some((f, rest))
        })
    }
}

/// One filter of a query, as typed: what the page shows as a chip and can
/// remove with `q.slice(0, start) + q.slice(end)`.
///
/// `start..end` spans the whole token, a leading `-` and the quotes
/// included (and the `OR` before an entity filter it joins to the one
/// before, so that cutting it out leaves no dangling `OR`), in UTF-16 code
/// units of the query (JavaScript string indices), not bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct QueryFilter {
    pub field: FilterField,
    /// The value without its quotes (`Sergey Lavrov`, `2022-02`).
    pub value: String,
    /// Written with a leading `-` (or `NOT `, included in the span): it
    /// excludes the articles it would select (`title:`, `source:` and the
    /// entity filters; a date filter cannot be negated).
    pub negated: bool,
    /// The entity type of `person:`, `org:`, `place:`; `None` otherwise.
    pub kind: Option<EntityType>,
    /// First UTF-16 code unit of the token.
    pub start: usize,
    /// One past its last UTF-16 code unit.
    pub end: usize,
}

impl QueryFilter {
    /// The filter `field:value` typed at bytes `span` of `input`.
    pub(crate) fn at(
        input: &str,
        span: (usize, usize),
        field: FilterField,
        value: &str,
        negated: bool,
    ) -> QueryFilter {
        let (start, end) = utf16_span(input, span);
        QueryFilter {
            field,
            value: value.to_string(),
            negated,
            kind: field.kind(),
            start,
            end,
        }
    }
}

/// Bytes `span` of `input` in UTF-16 code units (JavaScript string indices).
pub(crate) fn utf16_span(input: &str, span: (usize, usize)) -> (usize, usize) {
    (utf16_len(&input[..span.0]), utf16_len(&input[..span.1]))
}

/// Length of `s` in UTF-16 code units (a JavaScript string's `length`).
pub(super) fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The token that filters by `field` for `value`, as the parser reads it:
/// `person:sergey-lavrov`, quoted when the value holds a space
/// (`place:"New York"`). Quotes inside the value cannot be written and are
/// dropped.
pub fn filter_token(field: FilterField, value: &str) -> String {
    let value: String = value.chars().filter(|&c| c != '"').collect();
    let value = value.trim();
    if value.chars().any(char::is_whitespace) {
        format!("{}:\"{value}\"", field.name())
    } else {
        format!("{}:{value}", field.name())
    }
}

/// The token that filters by the entity with this key and type
/// (`person:sergey-lavrov`; `entity:` for MISC).
pub fn entity_filter_token(kind: EntityType, key: &str) -> String {
    filter_token(FilterField::of_kind(kind), key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(
            entity_filter_token(EntityType::Person, "sergey-lavrov"),
            "person:sergey-lavrov"
        );
        assert_eq!(entity_filter_token(EntityType::Misc, "nato"), "entity:nato");
        assert_eq!(
            filter_token(FilterField::Place, "New York"),
            "place:\"New York\""
        );
        assert_eq!(filter_token(FilterField::Org, "a\"b"), "org:ab");
    }

    #[test]
    fn utf16_lengths() {
        assert_eq!(utf16_len("Genève"), 6);
        assert_eq!(utf16_len("😀"), 2);
    }
}
