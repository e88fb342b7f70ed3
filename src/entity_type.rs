//! The type of a named entity (person, organisation, place, other).
//!
//! Kept apart from [`crate::entities`] (the recognizer) because query parsing
//! (`person:`), snippets and facets name types too, and they are part of the
//! reader-only build, which recognizes nothing.

use serde::Serialize;
use tsify::Tsify;

/// Entity type, serialised as `PERSON`, `ORGANIZATION`, `LOCATION`, `MISC`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Tsify)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// A company, institution, agency, team, party...
    Organization,
    /// A place: country, city, region.
    Location,
    /// Other names: nationalities, events, products (CoNLL's MISC).
    Misc,
}

impl EntityType {
    /// From the tagger's type index (0 PER, 1 ORG, 2 LOC, 3 MISC).
    pub fn from_index(i: u8) -> EntityType {
        match i {
            0 => EntityType::Person,
            1 => EntityType::Organization,
            2 => EntityType::Location,
            _ => EntityType::Misc,
        }
    }
    /// The tagger's type index.
    pub fn index(self) -> u8 {
        self as u8
    }
    /// CoNLL tag name (PER, ORG, LOC, MISC).
    pub fn conll(self) -> &'static str {
        ["PER", "ORG", "LOC", "MISC"][self as usize]
    }
}
