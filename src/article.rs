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
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A `YYYY-MM-DD` date, or `None`: [`parse_date`] without the explanation,
/// for date parameters (URLs, requests), where a bad date is just ignored.
/// It formats nothing, so the reader wasm carries no formatting for it.
pub fn date_of(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |at: std::ops::Range<usize>| {
        b[at].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// Parse a `YYYY-MM-DD` date, explaining what is wrong when it is not one
/// ("impossible date 2022-02-30: February 2022 has 28 days").
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let well_formed = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return Err(format!("malformed date {s:?}: expected YYYY-MM-DD"));
    }
    let (y, m, d): (i32, u32, u32) = match (parts[0].parse(), parts[1].parse(), parts[2].parse()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(format!("malformed date {s:?}: expected YYYY-MM-DD")),
    };
    if !(1..=12).contains(&m) {
        return Err(format!(
            "impossible date {s}: month {m} is not between 1 and 12"
        ));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        let days = days_in_month(y, m);
        let month = crate::article::MONTHS[(m - 1) as usize];
        format!("impossible date {s}: {month} {y} has {days} days")
    })
}

fn days_in_month(y: i32, m: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(y, m, d).is_some())
        .unwrap_or(28)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_of_is_parse_date_without_the_message() {
        let mut cases: Vec<String> = [
            "2022-02-09",
            "2024-02-29",
            "2023-02-29",
            "2022-13-01",
            "2022-00-10",
            "2022-01-00",
            "0000-01-01",
            "9999-12-31",
            "22-1-1",
            "2022-1-01",
            "2022-01-1",
            "2022/01/01",
            "+022-01-01",
            "2022-01-01 ",
            " 2022-01-01",
            "2022-01-0x",
            "２０２２-01-01",
            "2022--01-01",
            "",
            "-",
            "2022-01-01-01",
            "20220-1-01",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every day, month and year shape around the edges of the calendar.
        for y in ["0000", "0001", "1999", "2000", "2100", "2400", "9999"] {
            for m in 0..=13 {
                for d in 0..=32 {
                    cases.push(format!("{y}-{m:02}-{d:02}"));
                }
            }
        }
        for s in &cases {
            assert_eq!(date_of(s), parse_date(s).ok(), "{s:?}");
        }
    }
}
