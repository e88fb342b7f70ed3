//! The tagger's test tables: each rule family with the text, the span and
//! the value TimeML expects, plus invariants over arbitrary input.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::testing::d;
use super::{tag, Timex, TimexType};

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

/// A table row: the text with its one timex in `[brackets]`, then the type
/// and value expected for it.
type Case = (&'static str, TimexType, &'static str);

/// [`check`] every row of `cases`, each tagged relative to `dct`.
fn check_all(dct: NaiveDate, cases: &[Case]) {
    for &(marked, kind, value) in cases {
        let open = marked.find('[').expect("a [ in the case");
        let close = marked.find(']').expect("a ] in the case");
        let span = &marked[open + 1..close];
        let text = format!("{}{span}{}", &marked[..open], &marked[close + 1..]);
        check(&text, dct, span, kind, value);
    }
}

#[test]
fn explicit_dates() {
    let dct = d(2022, 1, 20);
    check_all(
        dct,
        &[
            ("It happened on [January 21].", Date, "2022-01-21"),
            ("Signed [Jan. 21, 2022] in Paris", Date, "2022-01-21"),
            ("Born [21 January 2022].", Date, "2022-01-21"),
            ("Filed [2022-01-21] late", Date, "2022-01-21"),
            ("submitted on [December 15, 2021].", Date, "2021-12-15"),
            ("posted [Feb. 4]", Date, "2022-02-04"),
            ("Trade fell on [Feb 26]", Date, "2022-02-26"),
        ],
    );
}

#[test]
fn month_year() {
    let dct = d(2022, 1, 20);
    check_all(
        dct,
        &[
            ("in [March 2021] they", Date, "2021-03"),
            ("He will go in [March].", Date, "2022-03"),
            ("They met in [December].", Date, "2021-12"),
            ("They met in [2021].", Date, "2021"),
        ],
    );
}

#[test]
fn year_not_counts() {
    assert!(run("It cost 1990 dlrs and 2000 tonnes.", d(1987, 1, 1)).is_empty());
    assert!(run("You may go. May I?", d(1987, 1, 1)).is_empty());
}

#[test]
fn weekdays_forward_back_same_day_by_tense() {
    let wed = d(2022, 2, 9);
    check_all(
        wed,
        &[
            ("Lavrov will meet Truss on [Thursday].", Date, "2022-02-10"),
            ("Lavrov met Truss on [Thursday].", Date, "2022-02-03"),
            ("She confirmed on [Wednesday].", Date, "2022-02-09"),
            ("She will speak on [Wednesday].", Date, "2022-02-09"),
            ("They met [last Wednesday].", Date, "2022-02-02"),
            ("Talks resume [next Monday].", Date, "2022-02-14"),
        ],
    );
    // A weekday's morning or night is the plain day (TE3 gold); evening keeps its part.
    check_all(
        wed,
        &[
            ("Stocks fell [Friday morning].", Date, "2022-02-04"),
            ("He was shot [Friday night].", Date, "2022-02-04"),
            ("They met [Friday evening].", Date, "2022-02-04TEV"),
        ],
    );
    // Without a weekday the part of day stays.
    check_all(wed, &[("[this morning]", Time, "2022-02-09TMO")]);
}

#[test]
fn the_previous_weekday_counts_from_the_day_the_text_is_at() {
    // A Monday article: "Friday" is the 27th, the previous Friday the 20th.
    let v = run(
        "Stocks fell Friday, Oct. 27. The previous Friday they rose.",
        d(1989, 10, 30),
    );
    let last = v.last().map(|(s, _, v)| (s.as_str(), v.as_str()));
    assert_eq!(last, Some(("The previous Friday", "1989-10-20")), "{v:?}");
    // With no day named before, the last Friday before the article.
    check_all(
        d(1989, 10, 30),
        &[("They rose [the previous Friday].", Date, "1989-10-27")],
    );
}

#[test]
fn dates3_rules() {
    let dct = d(1989, 10, 26);
    // "recent years" is the vague past; other units stay durations.
    check_all(
        dct,
        &[
            ("Sales grew in [recent years].", Date, "PAST_REF"),
            ("Sales grew in [recent weeks].", Duration, "PXW"),
        ],
    );
    // "soon" after a modal or in a future sentence; not "as soon as", "soon after",
    // nor a past "soon became".
    check_all(
        dct,
        &[
            (
                "Prosecutors may [soon] seek an indictment.",
                Date,
                "FUTURE_REF",
            ),
            ("It expects sales to [soon] grow.", Date, "FUTURE_REF"),
        ],
    );
    assert!(run("They will leave as soon as possible.", dct).is_empty());
    assert!(run("He died soon after being captured.", dct).is_empty());
    assert!(run("The trickle soon became a flood.", dct).is_empty());
    // "annually" after a rate is not a recurrence; after an amount it is.
    assert!(run("Revenue will rise 20% annually.", dct).is_empty());
    assert!(run("Revenue will rise 20 percent annually.", dct).is_empty());
    check_all(dct, &[("It pays C$17.9 million [annually].", Set, "P1Y")]);
    // An index level with decimals is not a year.
    assert!(run("The index closed at 2082.1, down 4.5%.", dct).is_empty());
    check_all(dct, &[("It closed in [1982].", Date, "1982")]);
    // A quoted, capitalised "60 Minutes" is a title; "60 minutes" is not.
    assert!(run("He said on CBS's ''60 Minutes.''", dct).is_empty());
    check_all(dct, &[("It took [60 minutes].", Duration, "PT60M")]);
    // Generic "today's world" (nowadays) is left out; "today's editions" is the day.
    assert!(run("It matters in today's world.", dct).is_empty());
    check_all(
        dct,
        &[("It ran in [today]'s editions.", Date, "1989-10-26")],
    );
}

#[test]
fn day_before_after_a_named_day() {
    let dct = d(2000, 2, 24);
    check_all(
        dct,
        &[
            (
                "[The day before last Tuesday]'s hearing, he spoke.",
                Date,
                "2000-02-21",
            ),
            ("They met [the day after March 3].", Date, "2000-03-04"),
        ],
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
    check_all(
        dct,
        &[
            ("It will close the deal by [year-end].", Date, "1989-12-31"),
            ("It should be in place by [year's end].", Date, "1989-12-31"),
            ("The change is since [year-end].", Date, "1988-12-31"),
        ],
    );
    // An adjective ("year-end net") or no preposition: not the date.
    assert!(run("When year-end net was lower.", dct).is_empty());
    assert!(run("It paid by year-end results.", dct).is_empty());
}

#[test]
fn year_inference_for_month_day() {
    let dct = d(2022, 1, 20);
    check_all(
        dct,
        &[(
            "On [December 17], the ministry released a draft.",
            Date,
            "2021-12-17",
        )],
    );
    let dec = d(2021, 12, 20);
    check_all(
        dec,
        &[
            ("They will meet on [January 10].", Date, "2022-01-10"),
            ("They met on [December 1].", Date, "2021-12-01"),
        ],
    );
}

#[test]
fn relative_expressions() {
    let dct = d(2022, 2, 9);
    check_all(
        dct,
        &[
            ("He said [today].", Date, "2022-02-09"),
            ("He left [yesterday]", Date, "2022-02-08"),
            ("due [tomorrow]", Date, "2022-02-10"),
            ("sales [last week] rose", Date, "2022-W05"),
            ("[next month]", Date, "2022-03"),
            ("[this year]", Date, "2022"),
            ("[two days ago]", Date, "2022-02-07"),
            ("[earlier this month]", Date, "2022-02"),
            ("[early next year]", Date, "2023"),
            ("[last year]", Date, "2021"),
            ("profit in [the third quarter] rose", Date, "2021-Q3"),
            ("profit in [the first quarter] will rise", Date, "2022-Q1"),
            ("in [the 1990s]", Date, "199"),
            ("[fiscal 1987] results", Date, "1987"),
            ("[last summer]", Date, "2021-SU"),
        ],
    );
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
    check_all(
        dct,
        &[
            ("the first visit in [more than four years]", Duration, "P4Y"),
            ("for [three months]", Duration, "P3M"),
            ("for [10 days]", Duration, "P10D"),
            ("a [five-year] low", Duration, "P5Y"),
            ("over [the past two years]", Duration, "P2Y"),
            ("in [the next few days]", Duration, "PXD"),
            ("the [24-hour] strike", Duration, "PT24H"),
            ("[the first nine months]", Duration, "P9M"),
            ("for [two decades]", Duration, "P20Y"),
        ],
    );
}

#[test]
fn sets() {
    let dct = d(2022, 2, 9);
    check_all(
        dct,
        &[
            ("They meet [every Monday].", Set, "XXXX-WXX-1"),
            ("published [weekly]", Set, "P1W"),
            ("reviewed [annually]", Set, "P1Y"),
            ("[each month]", Set, "P1M"),
            ("twice [a year]", Set, "P1Y"),
        ],
    );
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
    check_all(
        dct,
        &[
            ("[Now] the talks", Date, "PRESENT_REF"),
            ("is [currently]", Date, "PRESENT_REF"),
            ("he [recently] said", Date, "PAST_REF"),
            ("in [the future]", Date, "FUTURE_REF"),
            ("in [the past]", Date, "PAST_REF"),
        ],
    );
}

#[test]
fn times() {
    let dct = d(2022, 2, 9);
    check_all(
        dct,
        &[
            ("at [3 p.m.] on", Time, "2022-02-09T15:00"),
            ("at [3:30 pm]", Time, "2022-02-09T15:30"),
            ("at [noon]", Time, "2022-02-09T12:00"),
            ("[this morning]", Time, "2022-02-09TMO"),
            ("[tonight]", Time, "2022-02-09TNI"),
            ("at [15:00 GMT]", Time, "2022-02-09T15:00"),
            ("at [10 p.m. Tuesday]", Time, "2022-02-08T22:00"),
        ],
    );
    assert!(run("the score was 3:30", dct).is_empty());
}

#[test]
fn tense_cues_both_directions() {
    let wed = d(2022, 2, 9);
    // "next" points forward only before a time word.
    check_all(
        wed,
        &[(
            "A bomb went off next to the embassy on [Friday].",
            Date,
            "2022-02-04",
        )],
    );
    let v = run("They meet next week and again on Friday.", wed);
    assert_eq!(v[0].2, "2022-W07", "{v:?}");
    assert_eq!(v[1].2, "2022-02-11", "{v:?}");
    // "plan to", "effective" look forward; "since" looks back.
    check_all(
        wed,
        &[(
            "The team planned to leave on [Thursday].",
            Date,
            "2022-02-10",
        )],
    );
    check_all(
        d(2021, 10, 26),
        &[("The rule becomes effective [Feb. 1].", Date, "2022-02-01")],
    );
    check_all(
        d(2022, 5, 6),
        &[(
            "Police have searched for him since the [Oct. 23] slaying.",
            Date,
            "2021-10-23",
        )],
    );
    // A plan seen from the past: "had been scheduled to expire".
    check_all(
        d(2022, 2, 14),
        &[
            (
                "It had been scheduled to expire [Friday evening].",
                Date,
                "2022-02-11TEV",
            ),
            (
                "It is scheduled to expire [Friday evening].",
                Date,
                "2022-02-18TEV",
            ),
        ],
    );
    // A passive is future only after will/would/to: "could be located" is not.
    check_all(
        d(2022, 2, 10),
        &[
            ("He could not be located [Wednesday].", Date, "2022-02-09"),
            ("He will be named [Wednesday].", Date, "2022-02-16"),
        ],
    );
    // A decimal point does not end the sentence the tense cue is in.
    check_all(
        d(1989, 10, 30),
        &[(
            "Shares rose to $42.875 from $29.75 in [March].",
            Date,
            "1989-03",
        )],
    );
}

#[test]
fn the_year_is_a_date_unless_a_fiscal_length() {
    let dct = d(1989, 10, 30);
    check_all(dct, &[("a high for [the year] of $42", Date, "1989")]);
    let v = run("revenue for the year ended March 31", dct);
    assert_eq!(v[0], ("the year".to_string(), Duration, "P1Y".to_string()));
    let v = run("Sales were delayed earlier in the year by rain.", dct);
    assert_eq!(
        v,
        [("earlier in the year".to_string(), Date, "1989".to_string())]
    );
    check_all(dct, &[("in [the past year]", Date, "1988")]);
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
    check_all(
        dct,
        &[
            ("about [5 1/2 hours] in Nairobi", Duration, "PT5H30M"),
            ("camps for [2 1/2 years].", Duration, "P2Y6M"),
            ("a [20th century] democrat", Date, "19"),
            ("the fabled [11th century] temple", Date, "10"),
            ("[current] market conditions", Date, "PRESENT_REF"),
            ("[the current quarter]", Date, "1998-Q3"),
        ],
    );
    check_all(
        d(1989, 10, 26),
        &[("demand well into [the summer].", Date, "1989-SU")],
    );
    check_all(
        d(1998, 2, 6),
        &[("it will get beaten up in [the spring].", Date, "1998-SP")],
    );
    check_all(dct, &[("[the winter of 1994] was cold", Date, "1994-WI")]);
    check_all(
        d(2000, 2, 24),
        &[("in [the week of March 6]", Date, "2000-W10")],
    );
    assert!(run(r#"Baker said on ABC's "This Week" that"#, dct).is_empty());
    check_all(dct, &[("[This week] he left.", Date, "1998-W34")]);
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
