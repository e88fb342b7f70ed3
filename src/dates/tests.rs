//! The tagger's test tables: each rule family with the text, the span and
//! the value TimeML expects, plus invariants over arbitrary input.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::{tag, Timex, TimexType};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

/// (text, type, value) of every timex.
fn run(text: &str, dct: NaiveDate) -> Vec<(String, TimexType, String)> {
    tag(text, dct)
        .into_iter()
        .map(|t| (text[t.start..t.end].to_string(), t.kind, t.value))
        .collect()
}

fn one(text: &str, dct: NaiveDate) -> (String, TimexType, String) {
    let v = run(text, dct);
    assert_eq!(v.len(), 1, "{text:?} gave {v:?}");
    v.into_iter().next().unwrap()
}

use TimexType::*;

fn check(text: &str, dct: NaiveDate, span: &str, kind: TimexType, value: &str) {
    assert_eq!(
        one(text, dct),
        (span.to_string(), kind, value.to_string()),
        "in {text:?}"
    );
}

#[test]
fn explicit_dates() {
    let dct = d(2022, 1, 20);
    check(
        "It happened on January 21.",
        dct,
        "January 21",
        Date,
        "2022-01-21",
    );
    check(
        "Signed Jan. 21, 2022 in Paris",
        dct,
        "Jan. 21, 2022",
        Date,
        "2022-01-21",
    );
    check(
        "Born 21 January 2022.",
        dct,
        "21 January 2022",
        Date,
        "2022-01-21",
    );
    check(
        "Filed 2022-01-21 late",
        dct,
        "2022-01-21",
        Date,
        "2022-01-21",
    );
    check(
        "submitted on December 15, 2021.",
        dct,
        "December 15, 2021",
        Date,
        "2021-12-15",
    );
    check("posted Feb. 4", dct, "Feb. 4", Date, "2022-02-04");
    check("Trade fell on Feb 26", dct, "Feb 26", Date, "2022-02-26");
}

#[test]
fn month_year() {
    let dct = d(2022, 1, 20);
    check("in March 2021 they", dct, "March 2021", Date, "2021-03");
    check("He will go in March.", dct, "March", Date, "2022-03");
    check("They met in December.", dct, "December", Date, "2021-12");
    check("They met in 2021.", dct, "2021", Date, "2021");
}

#[test]
fn year_not_counts() {
    assert!(run("It cost 1990 dlrs and 2000 tonnes.", d(1987, 1, 1)).is_empty());
    assert!(run("You may go. May I?", d(1987, 1, 1)).is_empty());
}

#[test]
fn weekdays_forward_back_same_day_by_tense() {
    let wed = d(2022, 2, 9);
    check(
        "Lavrov will meet Truss on Thursday.",
        wed,
        "Thursday",
        Date,
        "2022-02-10",
    );
    check(
        "Lavrov met Truss on Thursday.",
        wed,
        "Thursday",
        Date,
        "2022-02-03",
    );
    check(
        "She confirmed on Wednesday.",
        wed,
        "Wednesday",
        Date,
        "2022-02-09",
    );
    check(
        "She will speak on Wednesday.",
        wed,
        "Wednesday",
        Date,
        "2022-02-09",
    );
    check(
        "They met last Wednesday.",
        wed,
        "last Wednesday",
        Date,
        "2022-02-02",
    );
    check(
        "Talks resume next Monday.",
        wed,
        "next Monday",
        Date,
        "2022-02-14",
    );
    // A weekday's morning or night is the plain day (TE3 gold); evening keeps its part.
    check(
        "Stocks fell Friday morning.",
        wed,
        "Friday morning",
        Date,
        "2022-02-04",
    );
    check(
        "He was shot Friday night.",
        wed,
        "Friday night",
        Date,
        "2022-02-04",
    );
    check(
        "They met Friday evening.",
        wed,
        "Friday evening",
        Date,
        "2022-02-04TEV",
    );
    // Without a weekday the part of day stays.
    check("this morning", wed, "this morning", Time, "2022-02-09TMO");
}

#[test]
fn dates3_rules() {
    let dct = d(1989, 10, 26);
    // "recent years" is the vague past; other units stay durations.
    check(
        "Sales grew in recent years.",
        dct,
        "recent years",
        Date,
        "PAST_REF",
    );
    check(
        "Sales grew in recent weeks.",
        dct,
        "recent weeks",
        Duration,
        "PXW",
    );
    // "soon" after a modal or in a future sentence; not "as soon as", "soon after",
    // nor a past "soon became".
    check(
        "Prosecutors may soon seek an indictment.",
        dct,
        "soon",
        Date,
        "FUTURE_REF",
    );
    check(
        "It expects sales to soon grow.",
        dct,
        "soon",
        Date,
        "FUTURE_REF",
    );
    assert!(run("They will leave as soon as possible.", dct).is_empty());
    assert!(run("He died soon after being captured.", dct).is_empty());
    assert!(run("The trickle soon became a flood.", dct).is_empty());
    // "annually" after a rate is not a recurrence; after an amount it is.
    assert!(run("Revenue will rise 20% annually.", dct).is_empty());
    assert!(run("Revenue will rise 20 percent annually.", dct).is_empty());
    check(
        "It pays C$17.9 million annually.",
        dct,
        "annually",
        Set,
        "P1Y",
    );
    // An index level with decimals is not a year.
    assert!(run("The index closed at 2082.1, down 4.5%.", dct).is_empty());
    check("It closed in 1982.", dct, "1982", Date, "1982");
    // A quoted, capitalised "60 Minutes" is a title; "60 minutes" is not.
    assert!(run("He said on CBS's ''60 Minutes.''", dct).is_empty());
    check("It took 60 minutes.", dct, "60 minutes", Duration, "PT60M");
    // Generic "today's world" (nowadays) is left out; "today's editions" is the day.
    assert!(run("It matters in today's world.", dct).is_empty());
    check(
        "It ran in today's editions.",
        dct,
        "today",
        Date,
        "1989-10-26",
    );
}

#[test]
fn day_before_after_a_named_day() {
    let dct = d(2000, 2, 24);
    check(
        "The day before last Tuesday's hearing, he spoke.",
        dct,
        "The day before last Tuesday",
        Date,
        "2000-02-21",
    );
    check(
        "They met the day after March 3.",
        dct,
        "the day after March 3",
        Date,
        "2000-03-04",
    );
    // Without a named day it is not a date: "the day before authorities issued".
    assert!(run("He was seen the day before police came.", dct).is_empty());
}

#[test]
fn day_ranges_and_year_end() {
    let dct = d(1999, 2, 10);
    assert_eq!(
        run("The summit is on April 24 and 25.", dct),
        vec![
            ("April 24".to_string(), Date, "1999-04-24".to_string()),
            ("25".to_string(), Date, "1999-04-25".to_string()),
        ]
    );
    // Not a day: a count after "and", or a number not right after the date.
    assert_eq!(run("On April 24 and 25 percent.", dct).len(), 1);
    assert_eq!(run("On April 24, then 25 people came.", dct).len(), 1);
    assert_eq!(run("April 24 and 3 p.m.", dct)[1].2, "1999-02-10T15:00");
    let dct = d(1989, 10, 30);
    check(
        "It will close the deal by year-end.",
        dct,
        "year-end",
        Date,
        "1989-12-31",
    );
    check(
        "It should be in place by year's end.",
        dct,
        "year's end",
        Date,
        "1989-12-31",
    );
    check(
        "The change is since year-end.",
        dct,
        "year-end",
        Date,
        "1988-12-31",
    );
    // An adjective ("year-end net") or no preposition: not the date.
    assert!(run("When year-end net was lower.", dct).is_empty());
    assert!(run("It paid by year-end results.", dct).is_empty());
}

#[test]
fn year_inference_for_month_day() {
    let dct = d(2022, 1, 20);
    check(
        "On December 17, the ministry released a draft.",
        dct,
        "December 17",
        Date,
        "2021-12-17",
    );
    let dec = d(2021, 12, 20);
    check(
        "They will meet on January 10.",
        dec,
        "January 10",
        Date,
        "2022-01-10",
    );
    check(
        "They met on December 1.",
        dec,
        "December 1",
        Date,
        "2021-12-01",
    );
}

#[test]
fn relative_expressions() {
    let dct = d(2022, 2, 9);
    check("He said today.", dct, "today", Date, "2022-02-09");
    check("He left yesterday", dct, "yesterday", Date, "2022-02-08");
    check("due tomorrow", dct, "tomorrow", Date, "2022-02-10");
    check("sales last week rose", dct, "last week", Date, "2022-W05");
    check("next month", dct, "next month", Date, "2022-03");
    check("this year", dct, "this year", Date, "2022");
    check("two days ago", dct, "two days ago", Date, "2022-02-07");
    check(
        "earlier this month",
        dct,
        "earlier this month",
        Date,
        "2022-02",
    );
    check("early next year", dct, "early next year", Date, "2023");
    check("last year", dct, "last year", Date, "2021");
    check(
        "profit in the third quarter rose",
        dct,
        "the third quarter",
        Date,
        "2021-Q3",
    );
    check(
        "profit in the first quarter will rise",
        dct,
        "the first quarter",
        Date,
        "2022-Q1",
    );
    check("in the 1990s", dct, "the 1990s", Date, "199");
    check("fiscal 1987 results", dct, "fiscal 1987", Date, "1987");
    check("last summer", dct, "last summer", Date, "2021-SU");
}

#[test]
fn year_ago_follows_the_quarter_in_focus() {
    let dct = d(1989, 10, 26);
    let v = run("Net rose in the third quarter from a year earlier.", dct);
    assert_eq!(v[0].2, "1989-Q3");
    assert_eq!(
        v[1],
        ("a year earlier".to_string(), Date, "1988-Q3".to_string())
    );
    let v = run("Sales rose from a year ago.", dct);
    assert_eq!(v[0].2, "1988");
}

#[test]
fn durations() {
    let dct = d(2022, 2, 9);
    check(
        "the first visit in more than four years",
        dct,
        "more than four years",
        Duration,
        "P4Y",
    );
    check("for three months", dct, "three months", Duration, "P3M");
    check("for 10 days", dct, "10 days", Duration, "P10D");
    check("a five-year low", dct, "five-year", Duration, "P5Y");
    check(
        "over the past two years",
        dct,
        "the past two years",
        Duration,
        "P2Y",
    );
    check(
        "in the next few days",
        dct,
        "the next few days",
        Duration,
        "PXD",
    );
    check("the 24-hour strike", dct, "24-hour", Duration, "PT24H");
    check(
        "the first nine months",
        dct,
        "the first nine months",
        Duration,
        "P9M",
    );
    check("for two decades", dct, "two decades", Duration, "P20Y");
}

#[test]
fn sets() {
    let dct = d(2022, 2, 9);
    check(
        "They meet every Monday.",
        dct,
        "every Monday",
        Set,
        "XXXX-WXX-1",
    );
    check("published weekly", dct, "weekly", Set, "P1W");
    check("reviewed annually", dct, "annually", Set, "P1Y");
    check("each month", dct, "each month", Set, "P1M");
    check("twice a year", dct, "a year", Set, "P1Y");
    // A rate ("$5 million a year", "four flights a week") is not a timex in TE3.
    assert!(run(
        "It saves $5 million a year and runs four flights a week.",
        dct
    )
    .is_empty());
}

#[test]
fn vague_refs() {
    let dct = d(2022, 2, 9);
    check("Now the talks", dct, "Now", Date, "PRESENT_REF");
    check("is currently", dct, "currently", Date, "PRESENT_REF");
    check("he recently said", dct, "recently", Date, "PAST_REF");
    check("in the future", dct, "the future", Date, "FUTURE_REF");
    check("in the past", dct, "the past", Date, "PAST_REF");
}

#[test]
fn times() {
    let dct = d(2022, 2, 9);
    check("at 3 p.m. on", dct, "3 p.m.", Time, "2022-02-09T15:00");
    check("at 3:30 pm", dct, "3:30 pm", Time, "2022-02-09T15:30");
    check("at noon", dct, "noon", Time, "2022-02-09T12:00");
    check("this morning", dct, "this morning", Time, "2022-02-09TMO");
    check("tonight", dct, "tonight", Time, "2022-02-09TNI");
    check("at 15:00 GMT", dct, "15:00 GMT", Time, "2022-02-09T15:00");
    check(
        "at 10 p.m. Tuesday",
        dct,
        "10 p.m. Tuesday",
        Time,
        "2022-02-08T22:00",
    );
    assert!(run("the score was 3:30", dct).is_empty());
}

#[test]
fn tense_cues_both_directions() {
    let wed = d(2022, 2, 9);
    // "next" points forward only before a time word.
    check(
        "A bomb went off next to the embassy on Friday.",
        wed,
        "Friday",
        Date,
        "2022-02-04",
    );
    let v = run("They meet next week and again on Friday.", wed);
    assert_eq!(v[0].2, "2022-W07", "{v:?}");
    assert_eq!(v[1].2, "2022-02-11", "{v:?}");
    // "plan to", "effective" look forward; "since" looks back.
    check(
        "The team planned to leave on Thursday.",
        wed,
        "Thursday",
        Date,
        "2022-02-10",
    );
    check(
        "The rule becomes effective Feb. 1.",
        d(2021, 10, 26),
        "Feb. 1",
        Date,
        "2022-02-01",
    );
    check(
        "Police have searched for him since the Oct. 23 slaying.",
        d(2022, 5, 6),
        "Oct. 23",
        Date,
        "2021-10-23",
    );
    // A plan seen from the past: "had been scheduled to expire".
    check(
        "It had been scheduled to expire Friday evening.",
        d(2022, 2, 14),
        "Friday evening",
        Date,
        "2022-02-11TEV",
    );
    check(
        "It is scheduled to expire Friday evening.",
        d(2022, 2, 14),
        "Friday evening",
        Date,
        "2022-02-18TEV",
    );
    // A passive is future only after will/would/to: "could be located" is not.
    check(
        "He could not be located Wednesday.",
        d(2022, 2, 10),
        "Wednesday",
        Date,
        "2022-02-09",
    );
    check(
        "He will be named Wednesday.",
        d(2022, 2, 10),
        "Wednesday",
        Date,
        "2022-02-16",
    );
    // A decimal point does not end the sentence the tense cue is in.
    check(
        "Shares rose to $42.875 from $29.75 in March.",
        d(1989, 10, 30),
        "March",
        Date,
        "1989-03",
    );
}

#[test]
fn the_year_is_a_date_unless_a_fiscal_length() {
    let dct = d(1989, 10, 30);
    check("a high for the year of $42", dct, "the year", Date, "1989");
    let v = run("revenue for the year ended March 31", dct);
    assert_eq!(v[0], ("the year".to_string(), Duration, "P1Y".to_string()));
    let v = run("Sales were delayed earlier in the year by rain.", dct);
    assert_eq!(
        v,
        [("earlier in the year".to_string(), Date, "1989".to_string())]
    );
    check("in the past year", dct, "the past year", Date, "1988");
}

#[test]
fn reference_time() {
    let dct = d(2000, 1, 28);
    let v = run(
        "He came to Florida in June 1998 and returned to Cuba later that year.",
        dct,
    );
    assert_eq!(
        v[1],
        ("later that year".to_string(), Date, "1998".to_string())
    );
    let v = run(
        "In March, the company got an offer. The following month, it put itself up for sale.",
        d(1989, 10, 27),
    );
    assert_eq!(
        v[1],
        (
            "The following month".to_string(),
            Date,
            "1989-04".to_string()
        )
    );
    let v = run(
        "He was killed on Oct. 23, 1998. Earlier that day, the family left.",
        dct,
    );
    assert_eq!(
        v[1],
        (
            "Earlier that day".to_string(),
            Date,
            "1998-10-23".to_string()
        )
    );
    let v = run(
        "On May 22, 1995, he was promoted, and the following year he moved.",
        dct,
    );
    assert_eq!(v[1].2, "1996");
    let v = run("Imports that year rose, an aide said of 1988.", dct);
    // No reference yet: "that year" is left alone rather than guessed.
    assert_eq!(v, [("1988".to_string(), Date, "1988".to_string())]);
}

#[test]
fn earnings_focus() {
    let dct = d(1989, 11, 1);
    // An indefinite quarter mention is background, not the quarter reported.
    let v = run(
        "Net rose in the third quarter. After a flat second quarter, results improved \
         from a year ago. In the 1989 period, costs fell.",
        dct,
    );
    let vals: Vec<&str> = v.iter().map(|x| x.2.as_str()).collect();
    assert_eq!(vals, ["1989-Q3", "1989-Q2", "1988-Q3", "1989-Q3"], "{v:?}");
    // After "the nine months", "a year earlier" is the year before.
    let v = run(
        "Net rose in the third quarter. For the nine months, net fell from a year earlier.",
        dct,
    );
    assert_eq!(
        v[2],
        ("a year earlier".to_string(), Date, "1988".to_string())
    );
    assert!(run("The quarter-to-quarter comparison improved.", dct).is_empty());
}

#[test]
fn misc_new_forms() {
    let dct = d(1998, 8, 17);
    check(
        "about 5 1/2 hours in Nairobi",
        dct,
        "5 1/2 hours",
        Duration,
        "PT5H30M",
    );
    check(
        "camps for 2 1/2 years.",
        dct,
        "2 1/2 years",
        Duration,
        "P2Y6M",
    );
    check("a 20th century democrat", dct, "20th century", Date, "19");
    check(
        "the fabled 11th century temple",
        dct,
        "11th century",
        Date,
        "10",
    );
    check(
        "current market conditions",
        dct,
        "current",
        Date,
        "PRESENT_REF",
    );
    check(
        "the current quarter",
        dct,
        "the current quarter",
        Date,
        "1998-Q3",
    );
    check(
        "demand well into the summer.",
        d(1989, 10, 26),
        "the summer",
        Date,
        "1989-SU",
    );
    check(
        "it will get beaten up in the spring.",
        d(1998, 2, 6),
        "the spring",
        Date,
        "1998-SP",
    );
    check(
        "the winter of 1994 was cold",
        dct,
        "the winter of 1994",
        Date,
        "1994-WI",
    );
    check(
        "in the week of March 6",
        d(2000, 2, 24),
        "the week of March 6",
        Date,
        "2000-W10",
    );
    assert!(run(r#"Baker said on ABC's "This Week" that"#, dct).is_empty());
    check("This week he left.", dct, "This week", Date, "1998-W34");
}

#[test]
fn spans() {
    let t = |v: &str| Timex {
        start: 0,
        end: 0,
        kind: Date,
        value: v.into(),
    };
    assert_eq!(t("2022-02").span(), Some((d(2022, 2, 1), d(2022, 2, 28))));
    assert_eq!(t("2022-W06").span(), Some((d(2022, 2, 7), d(2022, 2, 13))));
    assert_eq!(
        t("2022-02-10T15:00").span(),
        Some((d(2022, 2, 10), d(2022, 2, 10)))
    );
    assert_eq!(t("2021-Q4").span(), Some((d(2021, 10, 1), d(2021, 12, 31))));
    assert_eq!(t("2022").span(), Some((d(2022, 1, 1), d(2022, 12, 31))));
    assert_eq!(t("199").span(), Some((d(1990, 1, 1), d(1999, 12, 31))));
    assert_eq!(t("PRESENT_REF").span(), None);
    assert_eq!(
        Timex {
            kind: Duration,
            ..t("P4Y")
        }
        .span(),
        None
    );
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_sane(s in "\\PC{0,200}", y in 1i32..9999, doy in 1u32..365) {
        let dct = NaiveDate::from_yo_opt(y, doy).unwrap();
        check_invariants(&s, dct);
    }

    #[test]
    fn never_panics_on_temporal_soup(words in proptest::collection::vec(prop_oneof![
        Just("the"), Just("last"), Just("next"), Just("3"), Just("2022"), Just("9999"), Just("4294967295"),
        Just("January"), Just("Jan."), Just("Friday"), Just(","), Just("-"), Just(":"), Just("p.m."),
        Just("years"), Just("ago"), Just("a"), Just("year"), Just("earlier"), Just("quarter"), Just("third"),
        Just("more"), Just("than"), Just("é"), Just("’s"), Just("31"), Just("/"), Just("every"), Just("99999999")
    ], 0..30), y in prop_oneof![Just(-262000i32), Just(1i32), Just(2022), Just(262000)]) {
        let s = words.join(" ");
        let dct = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        check_invariants(&s, dct);
        check_invariants(&words.concat(), dct);
    }
}

fn check_invariants(s: &str, dct: NaiveDate) {
    let v = tag(s, dct);
    let mut last_end = 0;
    for t in &v {
        assert!(t.start < t.end && t.end <= s.len());
        assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
        assert!(t.start >= last_end, "overlap in {s:?}: {v:?}");
        last_end = t.end;
    }
}
