//! Generators shared by the property tests: small random collections over
//! a vocabulary built to collide (stems, prefixes, near-typos), and random
//! queries in the full query language.
#![allow(dead_code)]

use chrono::NaiveDate;
use dateline::article::Article;
use proptest::prelude::*;

pub const WORDS: &[&str] = &[
    "meet",
    "meets",
    "meeting",
    "meetings",
    "Lavrov",
    "Zakharová",
    "Geneva",
    "general",
    "generous",
    "security",
    "guarantees",
    "Russia’s",
    "NATO",
    "talks",
    "the",
    "in",
    "Blinken",
    "Truss",
    "trust",
    "2022",
];

pub fn word() -> impl Strategy<Value = String> {
    prop::sample::select(WORDS).prop_map(str::to_string)
}

pub fn article(i: usize) -> impl Strategy<Value = Article> {
    (
        prop::collection::vec(word(), 1..4),
        prop::collection::vec(prop::collection::vec(word(), 1..12), 1..3),
        prop::option::of(0i64..20),
    )
        .prop_map(move |(title, paras, day)| Article {
            id: format!("doc{i}"),
            date: day
                .map(|d| NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Duration::days(d)),
            title: title.join(" "),
            source: None,
            paragraphs: paras.into_iter().map(|p| p.join(" ")).collect(),
        })
}

pub fn corpus() -> impl Strategy<Value = Vec<Article>> {
    (1usize..10).prop_flat_map(|n| (0..n).map(article).collect::<Vec<_>>())
}

/// A query piece: a word (maybe misspelt, cut short or starred), a phrase, an
/// exclusion, OR, or a date bound.
pub fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => word(),
        1 => word().prop_map(|w| format!("{w}*")),
        1 => word().prop_map(|w| w.chars().take(3).collect::<String>() + "*"),
        2 => (word(), 0usize..8).prop_map(|(w, at)| {
            // one edit: drop a character
            let mut c: Vec<char> = w.chars().collect();
            if c.len() > 1 { let at = at % c.len(); c.remove(at); }
            c.into_iter().collect()
        }),
        1 => (word(), 0usize..8).prop_map(|(w, at)| {
            // one slip: swap two neighbouring characters
            let mut c: Vec<char> = w.chars().collect();
            if c.len() > 1 { let at = at % (c.len() - 1); c.swap(at, at + 1); }
            c.into_iter().collect()
        }),
        1 => (word(), word()).prop_map(|(a, b)| format!("\"{a} {b}\"")),
        1 => word().prop_map(|w| format!("-{w}")),
        1 => Just("OR".to_string()),
        1 => (0u32..20).prop_map(|d| format!("after:2022-01-{:02}", d + 1)),
        1 => (0u32..20).prop_map(|d| format!("before:2022-01-{:02}", d + 1)),
    ]
}

pub fn query() -> impl Strategy<Value = (String, bool)> {
    (prop::collection::vec(piece(), 0..5), any::<bool>())
        .prop_map(|(p, typing)| (p.join(" "), typing))
}
