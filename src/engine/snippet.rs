//! Marked text for display: highlighted query matches, safe links, and the
//! best passage of an article for a result snippet.
//!
//! What the result list shows is bounded whatever the article holds
//! ([`list_title`], [`snippet`]): at most [`MAX_TITLE_CHARS`] of a title,
//! [`MAX_SNIPPET_CHARS`] of a snippet, and [`MAX_WORD_CHARS`] of any one
//! word (a run without whitespace), each cut marked with "…". The reader
//! shows the article whole.
//!
//! Text crosses to the page as [`Segment`]s, never as markup: the page turns
//! each into a text node (inside `<mark>` or `<a>` when flagged), so no
//! document content is ever parsed as HTML.

use serde::Serialize;
use tsify::Tsify;

use crate::article::Article;
use crate::entity_type::EntityType;
use crate::query::Highlight;
use crate::text::sentence::sentence_at;
use crate::text::tokenizer::{tokenize, Token};

/// Words in a snippet window.
const SNIPPET_WORDS: usize = 32;
/// Words of context kept before the first hit in a snippet.
const LEAD_WORDS: usize = 6;

/// Characters of a title shown in the result list.
pub const MAX_TITLE_CHARS: usize = 300;
/// Characters of a result snippet.
pub const MAX_SNIPPET_CHARS: usize = 600;
/// Characters of one word (a run without whitespace) in a listed title or snippet.
pub const MAX_WORD_CHARS: usize = 48;
const ELLIPSIS: char = '\u{2026}';

/// A run of text with how to show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Segment {
    pub text: String,
    /// Part of a query match.
    pub hit: bool,
    /// An `http(s)` URL to link this text to (never any other scheme).
    pub link: Option<String>,
    /// Part of a time expression: its resolved TIMEX3 value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// `time` when it is also a valid HTML `datetime` (a day, month, year or
    /// ISO week), for the page's `<time datetime>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// Part of the sentence the reader was opened at.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[tsify(optional, type = "true")]
    pub focus: bool,
    /// Part of a mention of a person, organisation or place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityMark>,
}

/// Which entity a mention names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct EntityMark {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
}

impl Segment {
    pub(crate) fn plain(text: &str) -> Segment {
        Segment {
            text: text.to_string(),
            hit: false,
            link: None,
            time: None,
            datetime: None,
            focus: false,
            entity: None,
        }
    }
}

/// How a byte range of a text is to be shown; ranges of different kinds may
/// overlap (a query match inside a time expression inside the focused sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Hit,
    Link(String),
    Time(String),
    Focus,
    Entity(EntityMark),
}

/// Byte ranges of `text` to highlight: words among `h.terms`, and whole
/// occurrences of `h.phrases`. Sorted and disjoint.
pub fn hit_ranges(text: &str, h: &Highlight) -> Vec<(usize, usize)> {
    if h.is_empty() {
        return Vec::new();
    }
    token_hit_ranges(&tokenize(text), h)
}

/// [`hit_ranges`] over the tokens of a text.
fn token_hit_ranges(
    tokens: &[crate::text::tokenizer::Token],
    h: &Highlight,
) -> Vec<(usize, usize)> {
    if h.is_empty() {
        return Vec::new();
    }
    let mut ranges: Vec<(usize, usize)> = tokens
        .iter()
        .filter(|t| h.terms.contains(&t.term))
        .map(|t| (t.start, t.end))
        .collect();
    for phrase in &h.phrases {
        let n = phrase.len();
        if n == 0 || tokens.len() < n {
            continue;
        }
        for w in tokens.windows(n) {
            if w.iter().zip(phrase).all(|(t, p)| &t.term == p) {
                ranges.push((w[0].start, w[n - 1].end));
            }
        }
    }
    crate::sort::sort(&mut ranges[..]);
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

/// `http://` and `https://` URLs in `text`, as byte ranges. Trailing
/// punctuation is left out, as a reader would expect.
pub fn link_ranges(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower[from..].find("http") {
        let start = from + rel;
        let rest = &lower[start..];
        let scheme = if rest.starts_with("https://") {
            8
        } else if rest.starts_with("http://") {
            7
        } else {
            from = start + 4;
            continue;
        };
        let preceded_by_word = text[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let mut end = text[start..]
            .find(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '<' | '>'
                            | '"'
                            | '\''
                            | '\u{201C}'
                            | '\u{201D}'
                            | '\u{2018}'
                            | '\u{2019}'
                            | '`'
                    )
            })
            .map_or(text.len(), |e| start + e);
        while end > start + scheme
            && text[..end].ends_with(['.', ',', ';', ':', '!', '?', ')', ']', '}'])
        {
            end -= 1;
        }
        if !preceded_by_word && end > start + scheme {
            out.push((start, end));
        }
        from = end.max(start + scheme);
    }
    out
}

/// Cut `text` into segments at the edges of `marks` (byte ranges, any order).
pub fn segments(text: &str, marks: &[(usize, usize, Mark)]) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (s, e, _) in marks {
        cuts.push(*s);
        cuts.push(*e);
    }
    crate::sort::sort(&mut cuts[..]);
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let (s, e) = (w[0], w[1]);
        if s >= e || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let mut seg = Segment::plain("");
        for (a, b, mark) in marks {
            if *a <= s && e <= *b {
                match mark {
                    Mark::Hit => seg.hit = true,
                    Mark::Link(url) => seg.link = Some(url.clone()),
                    Mark::Time(value) => {
                        seg.datetime = crate::dates::value::html_datetime(value);
                        seg.time = Some(value.clone());
                    }
                    Mark::Focus => seg.focus = true,
                    Mark::Entity(e) => seg.entity = Some(e.clone()),
                }
            }
        }
        match out.last_mut() {
            Some(last)
                if (last.hit, &last.link, &last.time, last.focus, &last.entity)
                    == (seg.hit, &seg.link, &seg.time, seg.focus, &seg.entity) =>
            {
                last.text.push_str(&text[s..e])
            }
            _ => {
                seg.text = text[s..e].to_string();
                out.push(seg)
            }
        }
    }
    out
}

/// Query matches as marks.
pub fn hit_marks(text: &str, h: &Highlight) -> Vec<(usize, usize, Mark)> {
    hit_ranges(text, h)
        .into_iter()
        .map(|(s, e)| (s, e, Mark::Hit))
        .collect()
}

/// Links as marks.
pub fn link_marks(text: &str) -> Vec<(usize, usize, Mark)> {
    link_ranges(text)
        .into_iter()
        .map(|(s, e)| (s, e, Mark::Link(text[s..e].to_string())))
        .collect()
}

/// A whole text, highlighted, with its links.
pub fn marked(text: &str, h: &Highlight) -> Vec<Segment> {
    let mut marks = hit_marks(text, h);
    marks.extend(link_marks(text));
    segments(text, &marks)
}

/// A highlighted text without links (for titles and snippets, which sit inside a link already).
pub fn marked_plain(text: &str, h: &Highlight) -> Vec<Segment> {
    segments(text, &hit_marks(text, h))
}

/// `segments` cut for the list: a word longer than [`MAX_WORD_CHARS`] keeps
/// its first characters and "…", and the whole stops at `max_chars`
/// characters with "…". Marks and links stay on what is kept. Linear in the
/// text passed over.
pub fn capped(segments: Vec<Segment>, max_chars: usize) -> Vec<Segment> {
    let (mut total, mut word) = (0usize, 0usize);
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    for mut seg in segments {
        let mut text = String::new();
        let mut full = false;
        for c in seg.text.chars() {
            if c.is_whitespace() {
                word = 0;
            } else {
                word += 1;
                if word > MAX_WORD_CHARS {
                    if word == MAX_WORD_CHARS + 1 {
                        text.push(ELLIPSIS);
                        total += 1;
                    }
                    continue;
                }
            }
            if total >= max_chars {
                text.push(ELLIPSIS);
                full = true;
                break;
            }
            text.push(c);
            total += 1;
        }
        seg.text = text;
        if !seg.text.is_empty() {
            out.push(seg);
        }
        if full {
            break;
        }
    }
    out
}

/// The first `n` characters of `text` and one more when there are more (so
/// that [`capped`] sees the cut): what of a long text is worth marking.
fn head(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n + 1)
        .map_or(text, |(i, _)| &text[..i])
}

/// Where an article's title, when it is the opening of its text, ends:
/// `(paragraph, byte)`. So it is when the source gave no headline (the
/// index then shows the lead, see `crate::index::titles`: an empty title
/// when there was nothing but page furniture, `(0, 0)`) or gave one its
/// text opens with. Read from the text, so the in-page and the prebuilt
/// index answer alike with nothing stored: the title (without the
/// ellipsis of a cut one) found within the first [`LEAD_AT`] bytes of a
/// paragraph (after a dateline at most).
pub fn lead_of(a: &Article) -> Option<(usize, usize)> {
    let core = a.title.strip_suffix('\u{2026}').unwrap_or(&a.title).trim();
    if core.is_empty() {
        return Some((0, 0));
    }
    a.paragraphs.iter().enumerate().find_map(|(pi, p)| {
        let window = &p[..floor_boundary(p, LEAD_AT + core.len())];
        window.find(core).map(|at| (pi, at + core.len()))
    })
}

/// A paragraph whose first sentence opens with a title's first this many
/// words restates the title (a summary atop a story, then the story's own
/// first sentence): the snippet passes over that sentence as it does over
/// the lead. Titles of fewer words are not looked for.
const RESTATED_WORDS: usize = 6;

/// How far into a paragraph a lead shown as a title may begin: past a
/// dateline ("WASHINGTON, March 3 (Reuters) -"), not further.
pub const LEAD_AT: usize = 120;

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// An article's title as the result list shows it: marked, at most
/// [`MAX_TITLE_CHARS`] characters (see [`capped`]).
pub fn list_title(title: &str, h: &Highlight) -> Vec<Segment> {
    capped(
        marked_plain(head(title, MAX_TITLE_CHARS), h),
        MAX_TITLE_CHARS,
    )
}

/// Can `text` hold a match at all? Tokenizing (Unicode word boundaries) is
/// the costly part of a snippet, so ASCII paragraphs that contain none of the
/// highlighted terms, even as a substring ignoring case, are passed over.
fn may_hit(text: &str, h: &Highlight) -> bool {
    if h.is_empty() {
        return false;
    }
    if !text.is_ascii() {
        return true;
    }
    // Folded terms of ASCII words are their lower case.
    let lower = text.to_ascii_lowercase();
    let contains = |term: &str| !term.is_empty() && lower.contains(term);
    h.terms.iter().any(|t| contains(t)) || h.phrases.iter().any(|p| p.iter().all(|w| contains(w)))
}

/// The passage of `article`'s body that best shows the query: the window of
/// about 32 words with the most distinct matched words (then the most
/// matches), starting a few words before its first match. Without matches in
/// the body, the opening words. Paragraphs for which `furniture` holds
/// (boilerplate: "ADVERTISEMENT", a newsletter banner) are passed over, unless
/// every paragraph is. At most [`MAX_SNIPPET_CHARS`] characters (see
/// [`capped`]).
pub fn snippet(
    article: &Article,
    h: &Highlight,
    furniture: impl Fn(usize) -> bool,
) -> Vec<Segment> {
    snippet_after(article, h, furniture, None)
}

/// [`snippet`], for an article whose title is its lead (the source gave no
/// headline, or one its text opens with): `lead` is where the lead ends
/// (`(paragraph, byte)`), and the snippet never repeats it: a passage with
/// the query's words is taken from the text after it (the title shows the
/// words it holds, marked), and without one the opening words go on from
/// there (the next paragraph when nothing follows it in its own; no snippet
/// when nothing follows at all).
pub fn snippet_after(
    article: &Article,
    h: &Highlight,
    furniture: impl Fn(usize) -> bool,
    lead: Option<(usize, usize)>,
) -> Vec<Segment> {
    capped(passage(article, h, furniture, lead), MAX_SNIPPET_CHARS)
}

/// The snippet's passage, uncut.
fn passage(
    article: &Article,
    h: &Highlight,
    furniture: impl Fn(usize) -> bool,
    lead: Option<(usize, usize)>,
) -> Vec<Segment> {
    // (paragraph, first word, score)
    let mut best: Option<(usize, usize, (usize, usize))> = None;
    let title_words: Vec<String> = (tokenize(&article.title).into_iter())
        .take(RESTATED_WORDS)
        .map(|t| t.term)
        .collect();
    // Where the text after the title begins in paragraph `pi` (its first
    // token there): after the lead, and after a sentence restating the
    // title (a summary atop the story and the story's own first sentence:
    // the same words twice); 0 elsewhere.
    let lead_floor = |pi: usize, tokens: &[Token]| {
        let after = |end: usize| {
            (tokens.iter())
                .position(|t| t.start >= end)
                .unwrap_or(tokens.len())
        };
        match lead {
            Some((lp, end)) if lp == pi => return after(end),
            _ => {}
        }
        let restates = title_words.len() == RESTATED_WORDS
            && tokens.len() >= RESTATED_WORDS
            && tokens.iter().zip(&title_words).all(|(t, w)| t.term == *w);
        match (restates, article.paragraphs.get(pi)) {
            (true, Some(p)) => after(sentence_at(p, tokens[0].start).1),
            _ => 0,
        }
    };
    let mut per_para = Vec::with_capacity(article.paragraphs.len());
    let shown: Vec<bool> = (0..article.paragraphs.len())
        .map(|pi| !furniture(pi))
        .collect();
    let all_furniture = !shown.contains(&true);
    let opening = shown.iter().position(|&s| s).unwrap_or(0);
    for (pi, para) in article.paragraphs.iter().enumerate() {
        if !may_hit(para, h) || !(shown[pi] || all_furniture) {
            per_para.push(None);
            continue;
        }
        let tokens = tokenize(para);
        let floor = lead_floor(pi, &tokens);
        let hits = token_hit_ranges(&tokens, h);
        // Which hit each token lies in (both lists are in text order).
        let mut hit_of: Vec<Option<usize>> = Vec::with_capacity(tokens.len());
        let mut k = 0;
        for t in &tokens {
            while k < hits.len() && hits[k].1 <= t.start {
                k += 1;
            }
            hit_of.push(
                hits.get(k)
                    .filter(|&&(s, e)| s <= t.start && t.end <= e)
                    .map(|_| k),
            );
        }
        // Candidate windows begin at a hit after the lead (the lead itself
        // is the title, shown above the snippet).
        for start in (floor..tokens.len()).filter(|&i| hit_of[i].is_some()) {
            let end = (start + SNIPPET_WORDS).min(tokens.len());
            let mut terms: Vec<&str> = (start..end)
                .filter(|&i| hit_of[i].is_some())
                .map(|i| tokens[i].term.as_str())
                .collect();
            let count = terms.len();
            crate::sort::sort(&mut terms[..]);
            terms.dedup();
            let score = (terms.len(), count);
            if best.as_ref().is_none_or(|b| score > b.2) {
                best = Some((pi, start, score));
            }
        }
        per_para.push(Some((tokens, hits)));
    }
    // Where the window starts: a few words before the best hit, or the
    // opening words (after the lead when the title shows it, and after a
    // sentence restating the title): of the lead's paragraph or the
    // opening one, else of the next shown paragraph with words after its
    // floor.
    let base = lead.map_or(opening, |(lp, _)| lp);
    let words_after_floor = |i: usize| {
        let tokens = tokenize(&article.paragraphs[i]);
        let floor = lead_floor(i, &tokens);
        (floor < tokens.len()).then_some(floor)
    };
    let (pi, first_hit, back) = match best {
        Some((pi, start, _)) => (pi, start, LEAD_WORDS),
        None => {
            let next = (base..article.paragraphs.len())
                .filter(|&i| i == base || shown[i] || all_furniture)
                .find_map(|i| Some((i, words_after_floor(i)?)));
            match (next, lead) {
                (Some((i, floor)), _) => (i, floor, 0),
                // Nothing after the lead: no snippet rather than the title again.
                (None, Some(_)) => return Vec::new(),
                (None, None) => (opening, 0, 0),
            }
        }
    };
    let Some(para) = article.paragraphs.get(pi) else {
        return Vec::new();
    };
    let (tokens, hits) = match per_para.swap_remove(pi) {
        Some(tokenized) => tokenized,
        None => (tokenize(para), Vec::new()),
    };
    let (tokens, hits) = (&tokens, &hits);
    if tokens.is_empty() {
        return vec![Segment::plain(head(para, MAX_SNIPPET_CHARS))];
    }
    // The window never reaches back into the lead (or its restatement).
    let floor = lead_floor(pi, tokens);
    if floor >= tokens.len() {
        return Vec::new();
    }
    let mut start = first_hit.saturating_sub(back).max(floor);
    if back > 0 && start <= floor + back / 2 {
        start = floor;
    }
    let end = (start + SNIPPET_WORDS).min(tokens.len());
    let from = if start == 0 { 0 } else { tokens[start].start };
    let to = if end == tokens.len() {
        para.len()
    } else {
        tokens[end - 1].end
    };
    let window_hits: Vec<(usize, usize, Mark)> = hits
        .iter()
        .filter(|&&(s, e)| s < to && e > from)
        .map(|&(s, e)| (s.max(from) - from, e.min(to) - from, Mark::Hit))
        .collect();
    let mut out = Vec::new();
    // Going on from the lead (from `floor`), the text is not cut.
    if from > 0 && start > floor {
        out.push(Segment::plain("\u{2026}"));
    }
    out.extend(segments(&para[from..to], &window_hits));
    if to < para.len() {
        out.push(Segment::plain("\u{2026}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl(terms: &[&str], phrases: &[&[&str]]) -> Highlight {
        Highlight {
            terms: terms.iter().map(|s| s.to_string()).collect(),
            phrases: phrases
                .iter()
                .map(|p| p.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    fn marks(segs: &[Segment]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect()
    }

    #[test]
    fn terms_and_phrases_are_marked_in_original_case() {
        let segs = marked(
            "Security guarantees, not security alone. GENEVA talks",
            &hl(&["geneva"], &[&["security", "guarantees"]]),
        );
        assert_eq!(marks(&segs), ["Security guarantees", "GENEVA"]);
        let text: String = segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            text,
            "Security guarantees, not security alone. GENEVA talks"
        );
    }

    #[test]
    fn only_http_links_are_links() {
        let segs = marked(
            "See https://example.org/x. Or javascript:alert(1) or (http://a.b/c).",
            &Highlight::default(),
        );
        let links: Vec<_> = segs.iter().filter_map(|s| s.link.as_deref()).collect();
        assert_eq!(links, ["https://example.org/x", "http://a.b/c"]);
        assert!(link_ranges("xhttp://evil").is_empty());
        assert!(link_ranges("https://").is_empty());
    }

    #[test]
    fn snippet_centres_on_best_passage() {
        let article = Article {
            id: "a".into(),
            date: None,
            title: "t".into(),
            source: None,
            paragraphs: vec![
                "Opening words with nothing of interest at all.".into(),
                format!(
                    "{} Lavrov met Blinken in Geneva on Friday. {}",
                    "filler ".repeat(40),
                    "tail ".repeat(40)
                ),
            ],
        };
        let segs = snippet(&article, &hl(&["geneva", "lavrov"], &[]), |_| false);
        assert_eq!(segs.first().map(|s| s.text.as_str()), Some("\u{2026}"));
        assert_eq!(marks(&segs), ["Lavrov", "Geneva"]);
        assert!(segs.iter().map(|s| s.text.len()).sum::<usize>() < 300);
    }

    #[test]
    fn passing_over_paragraphs_never_loses_a_hit() {
        // The paragraph filter reads ASCII text by substring; hits in any
        // case, possessives and phrases must all survive it.
        let h = hl(&["russia", "nato"], &[&["security", "guarantees"]]);
        for (text, hit) in [
            ("RUSSIA'S talks", true),
            ("The Nato summit", true),
            ("Security Guarantees now", true),
            ("Prussian art", true),
            ("None here", false),
        ] {
            assert_eq!(may_hit(text, &h), hit, "{text}");
        }
        let a = Article {
            id: "a".into(),
            date: None,
            title: "t".into(),
            source: None,
            paragraphs: vec![
                "Nothing to see.".into(),
                "Still nothing.".into(),
                "Then Russia's envoy spoke.".into(),
            ],
        };
        assert_eq!(
            marks(&snippet(&a, &hl(&["russia"], &[]), |_| false)),
            ["Russia's"]
        );
        assert!(
            may_hit("Zakharová said", &hl(&["zakharova"], &[])),
            "non-ASCII text is always tokenized"
        );
    }

    #[test]
    fn long_words_titles_and_snippets_are_cut_for_the_list() {
        let word = "x".repeat(1_000_032);
        let a = Article {
            id: "a".into(),
            date: None,
            title: format!("Geneva {}", "t".repeat(100_000)),
            source: None,
            paragraphs: vec![format!("Talks in Geneva {word} ended."), "€".repeat(50_000)],
        };
        let h = hl(&["geneva"], &[]);
        let snip = snippet(&a, &h, |_| false);
        let text: String = snip.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(marks(&snip), ["Geneva"]);
        assert!(
            text.chars().count() <= MAX_SNIPPET_CHARS + 1,
            "{}",
            text.len()
        );
        assert!(text.contains(&format!("{}\u{2026} ended.", "x".repeat(MAX_WORD_CHARS))));
        let title: String = list_title(&a.title, &h)
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert!(title.starts_with("Geneva t") && title.ends_with('\u{2026}'));
        assert!(title.chars().count() <= MAX_TITLE_CHARS + 1);
        let none = hl(&[], &[]);
        let b = Article {
            paragraphs: vec!["!".repeat(100_000)],
            ..a
        };
        let opening: String = snippet(&b, &none, |_| false)
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert!(
            opening.chars().count() <= MAX_WORD_CHARS + 1,
            "{}",
            opening.len()
        );
        let short = list_title("Short title", &none);
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].text, "Short title");
    }

    #[test]
    fn snippet_without_hits_is_the_opening() {
        let article = Article {
            id: "a".into(),
            date: None,
            title: "t".into(),
            source: None,
            paragraphs: vec!["Short text.".into()],
        };
        assert_eq!(
            snippet(&article, &hl(&["zzz"], &[]), |_| false),
            vec![Segment::plain("Short text.")]
        );
    }

    /// A title that is the text's first sentence (a lead, or a headline
    /// the text opens with) is never repeated by the snippet, with a query
    /// or without: hits in it are marked in the title, the snippet is taken
    /// after it, and an article that is only its title has no snippet.
    #[test]
    fn snippets_never_repeat_the_lead() {
        let title = "Zelensky has called on Western countries to ban all Russian visitors";
        let article = |paragraphs: &[&str]| Article {
            id: "a".into(),
            date: None,
            title: title.into(),
            source: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        };
        let text = |a: &Article, terms: &[&str]| {
            let lead = lead_of(a);
            assert!(lead.is_some(), "the title is the lead");
            (snippet_after(a, &hl(terms, &[]), |_| false, lead).into_iter())
                .map(|s| s.text)
                .collect::<String>()
        };
        let one = article(&[
            "Zelensky has called on Western countries to ban all Russian visitors - and the Kremlin has responded with scorn.",
            "Officials in Moscow said the call showed Kyiv's weakness.",
        ]);
        for terms in [&[][..], &["zelensky"], &["russian", "visitors"], &["zzz"]] {
            assert_eq!(
                text(&one, terms),
                "and the Kremlin has responded with scorn.",
                "{terms:?}"
            );
        }
        // A hit after the lead: the window starts after it, not before.
        assert_eq!(
            text(&one, &["kremlin"]),
            "and the Kremlin has responded with scorn."
        );
        assert_eq!(
            text(&one, &["moscow"]),
            "Officials in Moscow said the call showed Kyiv's weakness."
        );
        // The title is the whole first paragraph: the next one.
        let two = article(&[
            title,
            "Officials in Moscow said the call showed Kyiv's weakness.",
        ]);
        assert_eq!(
            text(&two, &["zelensky"]),
            "Officials in Moscow said the call showed Kyiv's weakness."
        );
        // Nothing but the title: no snippet.
        assert_eq!(text(&article(&[title]), &["zelensky"]), "");
        assert_eq!(text(&article(&[title]), &[]), "");
    }

    /// A summary atop the story, then the story's first sentence restating
    /// the title in other words: the snippet passes over that sentence too.
    #[test]
    fn snippets_pass_over_a_sentence_restating_the_title() {
        let title = "Putin will not be invited to the D-Day anniversary, organizers say";
        let a = Article {
            id: "a".into(),
            date: None,
            title: title.into(),
            source: None,
            paragraphs: vec![
                title.to_string(),
                "Some Russian representatives will be welcomed.".into(),
                "Putin will not be invited to the D-Day anniversary, the French organizers said. President Putin is waging war.".into(),
            ],
        };
        let text = |terms: &[&str]| {
            (snippet_after(&a, &hl(terms, &[]), |_| false, lead_of(&a)).into_iter())
                .map(|s| s.text)
                .collect::<String>()
        };
        assert_eq!(text(&["putin"]), "President Putin is waging war.");
        assert_eq!(
            text(&["french"]),
            "Some Russian representatives will be welcomed."
        );
        assert_eq!(text(&[]), "Some Russian representatives will be welcomed.");
        // A headline the text does not open with: the restating opening
        // sentence is passed over all the same.
        let b = Article {
            paragraphs: a.paragraphs[2..].to_vec(),
            ..a.clone()
        };
        assert_eq!(lead_of(&b), None);
        let opening = (snippet(&b, &hl(&[], &[]), |_| false).into_iter())
            .map(|s| s.text)
            .collect::<String>();
        assert_eq!(opening, "President Putin is waging war.");
    }

    #[test]
    fn snippets_pass_over_boilerplate() {
        let article = Article {
            id: "a".into(),
            date: None,
            title: "t".into(),
            source: None,
            paragraphs: vec![
                "ADVERTISEMENT".into(),
                "Talks in Geneva ended.".into(),
                "Sign up for our Geneva newsletter.".into(),
            ],
        };
        let furniture = |pi: usize| pi != 1;
        let text = |segs: Vec<Segment>| segs.into_iter().map(|s| s.text).collect::<String>();
        assert_eq!(
            text(snippet(&article, &hl(&["zzz"], &[]), furniture)),
            "Talks in Geneva ended."
        );
        assert_eq!(
            text(snippet(&article, &hl(&["newsletter"], &[]), furniture)),
            "Talks in Geneva ended."
        );
        // An article that is nothing but furniture still shows its opening.
        assert_eq!(
            text(snippet(&article, &hl(&["zzz"], &[]), |_| true)),
            "ADVERTISEMENT"
        );
    }
}
