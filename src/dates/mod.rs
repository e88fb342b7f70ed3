//! Time expressions: find TIMEX3 expressions in text and resolve them against the article's date.
