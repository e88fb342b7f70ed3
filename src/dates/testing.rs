//! What the dates tests share (compiled for tests only).

use chrono::NaiveDate;

/// The date `y`-`m`-`dd`; panics when there is no such day (test tables
/// name real days only).
pub(crate) fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).expect("a real calendar day")
}
