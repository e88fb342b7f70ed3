//! Dates as the web writes them: ISO 8601 timestamps (HTML metadata, Atom,
//! JSON-LD), RFC 822/2822 (RSS `pubDate`), and a date inside a URL
//! (`/2022/02/24/`). Only the calendar day is kept, as the source wrote it
//! (an offset is not applied), like [`parse_timestamp`].

use chrono::NaiveDate;

use super::text::parse_timestamp;
use crate::article::MONTHS;

/// The day of a web date: `YYYY-MM-DD` with or without a time (any time and
/// offset after the `T` are accepted: metadata writes `+0000`, `.000Z`…), or
/// RFC 2822 as RSS writes it, leniently (`Thu, 24 Feb 2022 10:00:00 EST`,
/// a missing weekday, a full month name). The error says what was found.
pub(crate) fn parse_web_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty date".to_string());
    }
    if s.as_bytes().first().is_some_and(u8::is_ascii_digit) && s.len() >= 10 {
        if let Ok(d) = parse_timestamp(s) {
            return Ok(d);
        }
        // The day is what matters: a time or offset in a shape the strict
        // JSON Lines reader refuses is fine after a valid day.
        if let (Some(day), Some(rest)) = (s.get(..10), s.get(10..)) {
            if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
                return parse_timestamp(day).map_err(|why| format!("unreadable date {s:?}: {why}"));
            }
        }
    }
    rfc2822_day(s).unwrap_or_else(|| {
        let shown: String = s.chars().take(40).collect();
        Err(format!(
            "unreadable date {shown:?}: expected an ISO 8601 or RFC 2822 date"
        ))
    })
}

/// `[Weekday,] D Month YYYY [time zone]`: the day, month name (three letters
/// or whole, any case) and four-digit year, checked as a calendar day (an
/// impossible one is an error saying why). `None` when it has not that shape.
fn rfc2822_day(s: &str) -> Option<Result<NaiveDate, String>> {
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut words = s.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?.to_ascii_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| month.len() >= 3 && m.to_ascii_lowercase().starts_with(&month))?;
    let year = words.next()?;
    let year: i32 = match year.len() {
        4 => year.parse().ok()?,
        // RFC 822 allowed two digits.
        2 => 2000 + year.parse::<i32>().ok()?,
        _ => return None,
    };
    let month = month as u32 + 1;
    Some(
        parse_timestamp(&format!("{year:04}-{month:02}-{day:02}"))
            .map_err(|why| format!("unreadable date {s:?}: {why}", s = s.trim())),
    )
}

/// A date written in a URL's path: `/2022/02/24/`, `/2022-02-24`,
/// `/20220224/`, the year 1990–2099. `None` when there is none.
pub(crate) fn date_in_url(url: &str) -> Option<NaiveDate> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let b = path.as_bytes();
    let digits = |i: usize, n: usize| -> Option<u32> {
        let part = b.get(i..i + n)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| std::str::from_utf8(part).ok()?.parse().ok())?
    };
    for i in 0..b.len() {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(i, 4).filter(|y| (1990..=2099).contains(y)) else {
            continue;
        };
        let sep = b.get(i + 4).copied();
        let found = match sep {
            Some(c @ (b'/' | b'-' | b'_')) => digits(i + 5, 2)
                .filter(|_| b.get(i + 7) == Some(&c))
                .zip(digits(i + 8, 2)),
            _ => digits(i + 4, 2)
                .zip(digits(i + 6, 2))
                .filter(|_| !b.get(i + 8).is_some_and(u8::is_ascii_digit)),
        };
        if let Some((month, day)) = found {
            if let Some(d) = NaiveDate::from_ymd_opt(year as i32, month, day) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn web_dates() {
        assert_eq!(
            parse_web_date("2022-02-24T10:00:00.000Z"),
            Ok(ymd(2022, 2, 24))
        );
        assert_eq!(
            parse_web_date("2022-02-24T10:00:00+0000"),
            Ok(ymd(2022, 2, 24))
        );
        assert_eq!(parse_web_date("2022-02-24"), Ok(ymd(2022, 2, 24)));
        assert_eq!(
            parse_web_date("Thu, 24 Feb 2022 10:00:00 GMT"),
            Ok(ymd(2022, 2, 24))
        );
        assert_eq!(parse_web_date("24 February 2022"), Ok(ymd(2022, 2, 24)));
        assert!(parse_web_date("2022-02-30T10:00").is_err());
        assert!(parse_web_date("yesterday").is_err());
        assert!(parse_web_date("Mon, 31 Feb 2022 10:00 GMT").is_err());
    }

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            date_in_url("https://x.org/world/2022/02/24/story"),
            Some(ymd(2022, 2, 24))
        );
        assert_eq!(
            date_in_url("https://x.org/news-2022-03-01-slug"),
            Some(ymd(2022, 3, 1))
        );
        assert_eq!(
            date_in_url("https://x.org/a/20220305/b"),
            Some(ymd(2022, 3, 5))
        );
        assert_eq!(date_in_url("https://x.org/a/12345678901/b"), None);
        assert_eq!(date_in_url("https://2022.org/about"), None);
    }
}
