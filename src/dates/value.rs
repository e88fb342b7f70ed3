//! The TIMEX3 value format, both ways: writing values (what the tagger
//! produces) and reading them (the calendar span a value covers, its
//! granularity, a label and an HTML `datetime` for the page).
//!
//! This is the only place that knows how a value is spelled, so the page never
//! parses one: the engine sends [`granularity`], [`label`] and
//! [`html_datetime`] beside each value. Values as TimeML writes them:
//!
//! | value              | meaning                                  |
//! |--------------------|------------------------------------------|
//! | `2022-02-10`       | a day (`…T15:00`, `…TEV`: a time of it)  |
//! | `2022-W06`         | an ISO week (`…-WE`: its weekend)        |
//! | `2022-02`          | a month                                  |
//! | `2022-Q1`, `2022-H2` | a quarter, a half year                 |
//! | `2022-SP` (`SU`, `FA`, `WI`) | a season                       |
//! | `2022`, `199`, `19` | a year, a decade, a century             |
//! | `P4Y`, `PT3H`, `PXW` | durations                              |
//! | `XXXX-WXX-1`       | a recurrence (a set)                     |
//! | `PRESENT_REF`, `PAST_REF`, `FUTURE_REF` | vague references    |
//!
//! Compiled without the `inpage` feature too: a prebuilt site's reader shows
//! events with the same labels.

use chrono::{Datelike, NaiveDate};

/// The vague present ("now", "currently").
pub const PRESENT_REF: &str = "PRESENT_REF";
/// The vague past ("recently", "in the past").
pub const PAST_REF: &str = "PAST_REF";
/// The vague future ("soon", "in the near future").
pub const FUTURE_REF: &str = "FUTURE_REF";

/// Calendar units a duration counts (and a number or word can name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Parts of the day, as TIMEX3 writes them (`TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl DayPart {
    /// The two letters after the `T`: `MO`, `AF`, `EV`, `NI`.
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
        }
    }
}

// ---- writing values ----
//
// Years are written with at least four digits (`{:04}`); a year outside
// 0..=9999 is written as it is (the caller decides whether it is plausible).

/// A day: `2022-02-10`.
pub fn day(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A month (`month` 1..=12): `2022-02`.
pub fn month(year: i32, month: u32) -> String {
    format!("{:04}-{:02}", year, month)
}

/// A year: `2022`.
pub fn year(year: i32) -> String {
    format!("{:04}", year)
}

/// The ISO week holding `d`: `2022-W06` (the ISO week-year, which differs
/// from the calendar year around New Year).
pub fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

/// The weekend of the ISO week holding `d`: `2022-W06-WE`.
pub fn weekend(d: NaiveDate) -> String {
    format!("{}-WE", iso_week(d))
}

/// A quarter (`quarter` 1..=4): `2022-Q1`.
pub fn quarter(year: i32, quarter: u32) -> String {
    format!("{:04}-Q{}", year, quarter)
}

/// A half year (`half` 1 or 2): `2022-H1`.
pub fn half(year: i32, half: u32) -> String {
    format!("{:04}-H{}", year, half)
}

/// A season (`season` 1 spring, 2 summer, 3 fall, else winter): `2022-SP`.
/// Winter is the one that begins in December of `year`.
pub fn season(year: i32, season: u32) -> String {
    let code = match season {
        1 => "SP",
        2 => "SU",
        3 => "FA",
        _ => "WI",
    };
    format!("{:04}-{}", year, code)
}

/// The decade holding `year`: its first three digits, `199` for 1990..=1999.
pub fn decade(year: i64) -> String {
    format!("{:03}", year / 10)
}

/// A century by its first two digits (`19` is the 20th century: 1900..=1999).
pub fn century(first_digits: u32) -> String {
    format!("{:02}", first_digits)
}

/// The last day of `year`, written even where chrono has no such date
/// (an article dated at the edge of its range).
pub fn year_end(year: i32) -> String {
    format!("{year:04}-12-31")
}

/// A part of a day: `2022-02-10TEV`.
pub fn day_part(d: NaiveDate, part: DayPart) -> String {
    format!("{}T{}", day(d), part.code())
}

/// A clock time on a day: `2022-02-10T15:00` (`hour` 0..=24: noon is 12,
/// midnight 24).
pub fn clock(d: NaiveDate, hour: u32, minute: u32) -> String {
    format!("{}T{:02}:{:02}", day(d), hour, minute)
}

/// A set recurring on ISO weekday `weekday` (1 = Monday): `XXXX-WXX-1`,
/// or at a part of that day: `XXXX-WXX-1TMO`.
pub fn every_weekday(weekday: u32, part: Option<DayPart>) -> String {
    match part {
        Some(p) => format!("XXXX-WXX-{}T{}", weekday, p.code()),
        None => format!("XXXX-WXX-{}", weekday),
    }
}

/// A set recurring in month `month` of every year: `XXXX-03`.
pub fn every_month_of_year(month: u32) -> String {
    format!("XXXX-{:02}", month)
}

/// A set recurring at a part of every day: `XXXX-XX-XXTMO`.
pub fn every_day_part(part: DayPart) -> String {
    format!("XXXX-XX-XXT{}", part.code())
}

/// A duration of `n` units, `None` for an unspecified count (`PXW`). Decades
/// and centuries are counted in years (`P20Y`) unless unspecified (`PXE`, `PXC`).
pub fn duration(n: Option<u32>, unit: Unit) -> String {
    let ns = |k: u32| n.map_or_else(|| "X".to_string(), |v| (v as u64 * k as u64).to_string());
    match unit {
        Unit::Second => format!("PT{}S", ns(1)),
        Unit::Minute => format!("PT{}M", ns(1)),
        Unit::Hour => format!("PT{}H", ns(1)),
        Unit::Day => format!("P{}D", ns(1)),
        Unit::Week => format!("P{}W", ns(1)),
        Unit::Month => format!("P{}M", ns(1)),
        Unit::Quarter => format!("P{}Q", ns(1)),
        Unit::Year => format!("P{}Y", ns(1)),
        Unit::Decade => match n {
            Some(_) => format!("P{}Y", ns(10)),
            None => "PXE".into(),
        },
        Unit::Century => match n {
            Some(_) => format!("P{}Y", ns(100)),
            None => "PXC".into(),
        },
    }
}

/// `n` and a half units ("2 1/2 years": `P2Y6M`), for years, days, hours and
/// minutes; `None` for other units.
pub fn duration_and_a_half(n: u32, unit: Unit) -> Option<String> {
    Some(match unit {
        Unit::Year => format!("P{n}Y6M"),
        Unit::Day => format!("P{n}DT12H"),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Minute => format!("PT{n}M30S"),
        _ => return None,
    })
}

// ---- reading values ----

/// How finely a plain calendar value names its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// The day of a value that starts `YYYY-MM-DD` (anything may follow: a time,
/// a part of day), if it is a calendar date. Meant for values this module
/// wrote; it does not check the separators.
pub fn parse_day(value: &str) -> Option<NaiveDate> {
    let y = value.get(0..4)?.parse().ok()?;
    let m = value.get(5..7)?.parse().ok()?;
    let d = value.get(8..10)?.parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The first day of a plain calendar value and the precision it was written
/// at: `YYYY` (a year), `YYYY-MM` (a month), `YYYY-MM-DD` alone or with a
/// time (`…T15:00`, a day). Any other value (weeks, quarters…) is `None`.
pub fn calendar_date(value: &str) -> Option<(NaiveDate, Precision)> {
    let b = value.as_bytes();
    let dig = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if !dig(0..4) {
        return None;
    }
    let y: i32 = value[0..4].parse().ok()?;
    match b.len() {
        4 => Some((NaiveDate::from_ymd_opt(y, 1, 1)?, Precision::Year)),
        7 if b[4] == b'-' && dig(5..7) => Some((
            NaiveDate::from_ymd_opt(y, value[5..7].parse().ok()?, 1)?,
            Precision::Month,
        )),
        _ if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && dig(5..7) && dig(8..10) => {
            if b.len() > 10 && b[10] != b'T' {
                return None;
            }
            Some((parse_day(value)?, Precision::Day))
        }
        _ => None,
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The first day of month `m1` to the last day of month `m2` of year `y`
/// (both 1..=12). `None` when the month after `m2` falls past year 9999, the
/// last year a value can write in four digits.
fn months_span(y: i32, m1: u32, m2: u32) -> Option<(NaiveDate, NaiveDate)> {
    let a = NaiveDate::from_ymd_opt(y, m1, 1)?;
    let (ny, nm) = if m2 >= 12 { (y + 1, 1) } else { (y, m2 + 1) };
    if !(0..=9999).contains(&ny) {
        return None;
    }
    let b = NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()?;
    Some((a, b))
}

/// The calendar days a DATE or TIME value covers, inclusive: "2022-02" →
/// Feb 1..=Feb 28; "2022-W06" → that ISO week. Day (with or without a time),
/// ISO week and its weekend ("-WE"), month, quarter ("Qn"), half ("Hn"),
/// season ("SP"/"SU"/"FA"), year and decade ("199"). Everything else
/// (durations, sets, "PRESENT_REF", years outside 0..=9999) is `None`.
///
/// Winter ("2022-WI") is `None` too: the week arm reads it first ("W" then
/// no digits). That is how the events index has always treated it; the
/// winter arm below is what it should become (Dec 1 ..= end of February),
/// a change of the index to make on its own.
pub fn span(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    // Drop a time part: "2022-02-10T15:00", "2022-02-10TMO".
    let v = value.split('T').next()?;
    let mut parts = v.split('-');
    let y = parts.next()?;
    let rest: (Option<&str>, Option<&str>, Option<&str>) =
        (parts.next(), parts.next(), parts.next());
    if y.len() == 3 {
        let dec = digits(y)? as i32;
        if rest.0.is_some() {
            return None;
        }
        return Some((
            NaiveDate::from_ymd_opt(dec * 10, 1, 1)?,
            NaiveDate::from_ymd_opt(dec * 10 + 9, 12, 31)?,
        ));
    }
    if y.len() != 4 {
        return None;
    }
    let y = digits(y)? as i32;
    match rest {
        (None, ..) => months_span(y, 1, 12),
        (Some(p), None, _) if p.starts_with('W') => {
            let w = digits(&p[1..])?;
            let a = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            Some((a, a.checked_add_days(chrono::Days::new(6))?))
        }
        (Some(p), Some("WE"), None) if p.starts_with('W') => {
            let w = digits(&p[1..])?;
            let a = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Sat)?;
            Some((a, a.checked_add_days(chrono::Days::new(1))?))
        }
        (Some(p), None, _) if p.starts_with('Q') => {
            let q = digits(&p[1..])?;
            if !(1..=4).contains(&q) {
                return None;
            }
            months_span(y, q * 3 - 2, q * 3)
        }
        (Some(p), None, _) if p.starts_with('H') => match digits(&p[1..])? {
            1 => months_span(y, 1, 6),
            2 => months_span(y, 7, 12),
            _ => None,
        },
        (Some("SP"), None, _) => months_span(y, 3, 5),
        (Some("SU"), None, _) => months_span(y, 6, 8),
        (Some("FA"), None, _) => months_span(y, 9, 11),
        (Some("WI"), None, _) => {
            let a = NaiveDate::from_ymd_opt(y, 12, 1)?;
            let b = NaiveDate::from_ymd_opt(y + 1, 3, 1)?.pred_opt()?;
            Some((a, b))
        }
        (Some(m), None, _) => {
            let m = digits(m)?;
            months_span(y, m, m)
        }
        (Some(m), Some(d), None) => {
            let d = NaiveDate::from_ymd_opt(y, digits(m)?, digits(d)?)?;
            Some((d, d))
        }
        _ => None,
    }
}

// ---- for the page ----

/// How the page shows a value: the granularity the value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Year,
    Quarter,
    Half,
    Season,
    Month,
    Week,
    Day,
    /// Anything else: a weekend, a decade, a century, a duration…
    Span,
}

impl Granularity {
    /// The name the page sees (`"day"`, `"quarter"`…), as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Year => "year",
            Granularity::Quarter => "quarter",
            Granularity::Half => "half",
            Granularity::Season => "season",
            Granularity::Month => "month",
            Granularity::Week => "week",
            Granularity::Day => "day",
            Granularity::Span => "span",
        }
    }
}

/// `b` is exactly `shape`, where `9` in the shape stands for any ASCII digit
/// and every other byte for itself.
fn shaped(b: &[u8], shape: &[u8]) -> bool {
    b.len() == shape.len()
        && b.iter().zip(shape).all(|(&c, &s)| match s {
            b'9' => c.is_ascii_digit(),
            _ => c == s,
        })
}

/// The granularity of a value, from its shape alone: `YYYY` year,
/// `YYYY-Q1`..`Q4` quarter, `YYYY-H1`/`H2` half, `YYYY-SP|SU|FA|WI` season,
/// `YYYY-MM` month, `YYYY-Www` week, `YYYY-MM-DD` day (also with a time or a
/// part of day after it, as `YYYY-MM-DDT…`), anything else span.
pub fn granularity(value: &str) -> Granularity {
    let b = value.as_bytes();
    if shaped(b, b"9999") {
        return Granularity::Year;
    }
    if shaped(b, b"9999-Q9") && (b'1'..=b'4').contains(&b[6]) {
        return Granularity::Quarter;
    }
    if shaped(b, b"9999-H9") && (b'1'..=b'2').contains(&b[6]) {
        return Granularity::Half;
    }
    if b.len() == 7 && shaped(&b[..5], b"9999-") && matches!(&b[5..], b"SP" | b"SU" | b"FA" | b"WI")
    {
        return Granularity::Season;
    }
    if shaped(b, b"9999-W99") {
        return Granularity::Week;
    }
    if shaped(b, b"9999-99") {
        return Granularity::Month;
    }
    if b.len() >= 10 && shaped(&b[..10], b"9999-99-99") && (b.len() == 10 || b[10] == b'T') {
        return Granularity::Day;
    }
    Granularity::Span
}

/// Month abbreviations as the page's English (en-GB) dates write them.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
];

fn month_name(d: NaiveDate) -> &'static str {
    MONTHS[d.month0() as usize % 12]
}

/// `10 Feb 2022`.
fn day_label(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d), d.year())
}

/// `10 Feb – 9 Mar 2022`, `20 Dec 2021 – 9 Jan 2022`, or one day.
fn range_label(a: NaiveDate, b: NaiveDate) -> String {
    if a == b {
        day_label(a)
    } else if a.year() == b.year() {
        format!("{} {} – {}", a.day(), month_name(a), day_label(b))
    } else {
        format!("{} – {}", day_label(a), day_label(b))
    }
}

/// The value in words, in the page's English: `10 Feb 2022` (a day, also
/// with a time), `Feb 2022`, `2022`, `Q1 2022`, `First half of 2022`,
/// `Spring 2022`, `Week 6, 2022`, and a range of days for anything else with
/// a calendar span (`12 Feb – 13 Feb 2022` for a weekend, `1 Jan 1990 – 31
/// Dec 1999` for a decade). A value with no calendar span (a duration, a set,
/// `PRESENT_REF`) is returned as it is.
///
/// The same text as `formatEventDate` in `www/js/format.js` in an en-GB
/// locale (CLDR's "Sept" included).
pub fn label(value: &str) -> String {
    // The shapes were checked by `granularity`: bytes 0..4 are digits and the
    // slices below are ASCII.
    let y = || &value[..4];
    let text = match granularity(value) {
        Granularity::Day => parse_day(value).map(day_label),
        Granularity::Month => {
            span(value).map(|(first, _)| format!("{} {}", month_name(first), first.year()))
        }
        Granularity::Year => Some(value.to_string()),
        Granularity::Quarter => Some(format!("Q{} {}", &value[6..7], y())),
        Granularity::Half => {
            let which = if &value[5..7] == "H1" {
                "First"
            } else {
                "Second"
            };
            Some(format!("{which} half of {}", y()))
        }
        Granularity::Season => {
            let name = match &value[5..7] {
                "SP" => "Spring",
                "SU" => "Summer",
                "FA" => "Autumn",
                _ => "Winter",
            };
            Some(format!("{name} {}", y()))
        }
        Granularity::Week => value[6..8]
            .parse::<u32>()
            .ok()
            .map(|week| format!("Week {week}, {}", y())),
        Granularity::Span => span(value).map(|(first, last)| range_label(first, last)),
    };
    text.unwrap_or_else(|| value.to_string())
}

/// The value itself when it is also a valid HTML `datetime`: a year
/// (`2022`), a month (`2022-02`, month 01..=12), a calendar day
/// (`2022-02-10`) or an ISO week (`2022-W06`, week 01..=53). Times, parts of
/// day, quarters, durations and sets are `None`.
pub fn html_datetime(value: &str) -> Option<String> {
    let b = value.as_bytes();
    let two = |i: usize| (b[i] - b'0') as u32 * 10 + (b[i + 1] - b'0') as u32;
    let ok = if shaped(b, b"9999-W99") {
        (1..=53).contains(&two(6))
    } else if shaped(b, b"9999") {
        true
    } else if shaped(b, b"9999-99") {
        (1..=12).contains(&two(5))
    } else if shaped(b, b"9999-99-99") {
        parse_day(value).is_some()
    } else {
        false
    };
    ok.then(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::testing::d;

    #[test]
    fn spans() {
        assert_eq!(span("2022-02"), Some((d(2022, 2, 1), d(2022, 2, 28))));
        assert_eq!(span("2022-W06"), Some((d(2022, 2, 7), d(2022, 2, 13))));
        assert_eq!(span("2022-W06-WE"), Some((d(2022, 2, 12), d(2022, 2, 13))));
        assert_eq!(
            span("2022-02-10T15:00"),
            Some((d(2022, 2, 10), d(2022, 2, 10)))
        );
        assert_eq!(span("2021-Q4"), Some((d(2021, 10, 1), d(2021, 12, 31))));
        assert_eq!(span("2021-H2"), Some((d(2021, 7, 1), d(2021, 12, 31))));
        assert_eq!(span("2022"), Some((d(2022, 1, 1), d(2022, 12, 31))));
        assert_eq!(span("199"), Some((d(1990, 1, 1), d(1999, 12, 31))));
        for none in [
            "PRESENT_REF",
            "P4Y",
            "XXXX-WXX-1",
            "2022-Q5",
            "2022-13",
            "2022-W54",
            "",
        ] {
            assert_eq!(span(none), None, "{none}");
        }
    }

    #[test]
    fn written_values_read_back() {
        let dd = d(2022, 2, 10);
        assert_eq!(day(dd), "2022-02-10");
        assert_eq!(iso_week(d(2021, 1, 3)), "2020-W53");
        assert_eq!(weekend(dd), "2022-W06-WE");
        assert_eq!(clock(dd, 24, 0), "2022-02-10T24:00");
        assert_eq!(day_part(dd, DayPart::Evening), "2022-02-10TEV");
        assert_eq!(season(2022, 3), "2022-FA");
        assert_eq!(half(2022, 1), "2022-H1");
        assert_eq!(decade(1994), "199");
        assert_eq!(century(19), "19");
        assert_eq!(duration(None, Unit::Decade), "PXE");
        assert_eq!(duration(Some(2), Unit::Century), "P200Y");
        assert_eq!(duration_and_a_half(2, Unit::Year).as_deref(), Some("P2Y6M"));
        assert_eq!(every_weekday(1, Some(DayPart::Morning)), "XXXX-WXX-1TMO");
        assert_eq!(
            calendar_date("2022-02"),
            Some((d(2022, 2, 1), Precision::Month))
        );
        assert_eq!(calendar_date("2022-02-10TMO"), Some((dd, Precision::Day)));
        assert_eq!(calendar_date("2022-W06"), None);
    }

    /// (value, granularity, label, datetime): the labels are what
    /// `formatEventDate` in www/js/format.js gives in an en-GB locale (checked
    /// with `LANG=en_GB.UTF-8 node`), the datetimes what `isHtmlDatetime` accepts.
    const PAGE: &[(&str, &str, &str, Option<&str>)] = &[
        ("2022-02-10", "day", "10 Feb 2022", Some("2022-02-10")),
        ("2022-09-05", "day", "5 Sept 2022", Some("2022-09-05")),
        ("2022-02-10T15:00", "day", "10 Feb 2022", None),
        ("2022-02-10TEV", "day", "10 Feb 2022", None),
        ("2022-02", "month", "Feb 2022", Some("2022-02")),
        ("2022-12", "month", "Dec 2022", Some("2022-12")),
        ("2022", "year", "2022", Some("2022")),
        ("1989", "year", "1989", Some("1989")),
        ("2022-Q1", "quarter", "Q1 2022", None),
        ("2021-Q4", "quarter", "Q4 2021", None),
        ("2022-W06", "week", "Week 6, 2022", Some("2022-W06")),
        ("2020-W53", "week", "Week 53, 2020", Some("2020-W53")),
        ("2022-H1", "half", "First half of 2022", None),
        ("2022-H2", "half", "Second half of 2022", None),
        ("2022-SP", "season", "Spring 2022", None),
        ("2022-SU", "season", "Summer 2022", None),
        ("2022-FA", "season", "Autumn 2022", None),
        ("2021-WI", "season", "Winter 2021", None),
        ("2022-W06-WE", "span", "12 Feb – 13 Feb 2022", None),
        ("2020-W53-WE", "span", "2 Jan – 3 Jan 2021", None),
        ("199", "span", "1 Jan 1990 – 31 Dec 1999", None),
        ("P4Y", "span", "P4Y", None),
        ("PRESENT_REF", "span", "PRESENT_REF", None),
        ("XXXX-WXX-1", "span", "XXXX-WXX-1", None),
    ];

    #[test]
    fn page_fields_match_the_page_formatting() {
        for &(value, gran, text, datetime) in PAGE {
            assert_eq!(granularity(value).as_str(), gran, "{value}");
            assert_eq!(label(value), text, "{value}");
            assert_eq!(html_datetime(value).as_deref(), datetime, "{value}");
        }
    }

    #[test]
    fn ranges_across_years_name_both() {
        assert_eq!(
            range_label(d(2021, 12, 20), d(2022, 1, 9)),
            "20 Dec 2021 – 9 Jan 2022"
        );
        assert_eq!(range_label(d(2022, 1, 9), d(2022, 1, 9)), "9 Jan 2022");
    }

    #[test]
    fn html_datetime_is_strict() {
        for bad in [
            "2022-W00",
            "2022-W54",
            "2022-00",
            "2022-13",
            "2022-02-30",
            "2022-Q1",
            "P1Y",
            "202",
            "2022-1-05",
        ] {
            assert_eq!(html_datetime(bad), None, "{bad}");
        }
        assert_eq!(html_datetime("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(html_datetime("2022-W53").as_deref(), Some("2022-W53"));
    }

    #[test]
    fn granularity_of_odd_shapes() {
        for (value, gran) in [
            ("2022-Q5", "span"),
            ("2022-H3", "span"),
            ("2022-XX", "span"),
            ("2022-02-10X", "span"),
            ("20220", "span"),
            ("", "span"),
            ("2022-W5", "span"),
        ] {
            assert_eq!(granularity(value).as_str(), gran, "{value}");
        }
    }
}
