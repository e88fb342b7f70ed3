//! What recognition finds: a [`Mention`] (owned, for callers) and its
//! borrowing twin [`Found`] (for callers that only file mentions).

use crate::entity_type::EntityType;
use serde::Serialize;
use std::borrow::Cow;

/// One mention in one text.
///
/// Contract: `start < end` are byte offsets on char boundaries of the text
/// given to [`Recognizer::recognize`](super::Recognizer::recognize), `text` is exactly that slice, and
/// `canonical` is the entity's name within the article (whitespace-normalised).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Canonical name of the entity it refers to.
    pub canonical: String,
}

/// A [`Mention`] borrowing its strings (see
/// [`Recognizer::recognize_each`](super::Recognizer::recognize_each)).
#[derive(Debug, Clone)]
pub(crate) struct Found<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub kind: EntityType,
    pub canonical: Cow<'a, str>,
}

impl Found<'_> {
    /// As an owned [`Mention`].
    pub fn to_mention(&self) -> Mention {
        Mention {
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            kind: self.kind,
            canonical: self.canonical.to_string(),
        }
    }
}
