//! What the tagger finds: a time expression's place in the text, its TIMEX3
//! type and value.

use chrono::NaiveDate;

use super::value;

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

/// One tagged time expression.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Timex {
    /// Byte offset into the input, inclusive; always on a char boundary.
    pub start: usize,
    /// Byte offset, exclusive; always on a char boundary.
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value: "2022-02-10", "2022-02", "2022-W06", "2022", "P4Y",
    /// "PRESENT_REF", "2022-02-10T15:00", "XXXX-WXX-1"… (see [`value`]).
    pub value: String,
}

impl Timex {
    /// The calendar span a DATE/TIME value covers, inclusive, when it resolves to one
    /// ("2022-02" → Feb 1..=Feb 28; "2022-W06" → that ISO week; "PRESENT_REF"/durations → None).
    /// Supported granularities: those of [`value::span`].
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        if !matches!(self.kind, TimexType::Date | TimexType::Time) {
            return None;
        }
        value::span(&self.value)
    }
}
