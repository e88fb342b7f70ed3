//! Turning matches into what the page shows, the same for the in-page and
//! the prebuilt engine: a sorted page of hits with snippets and the
//! timeline ([`respond`]), and an article for the reader ([`article_view`]).

use super::snippet::{
    hit_marks, lead_of, link_marks, list_title, marked_plain, segments, snippet_after, Mark,
    Segment,
};
use super::timeline;
use super::types::{
    date_param, ArticleView, Facets, Hit, Reprint, SearchRequest, SearchResponse, Sort,
};
use super::types::{DEFAULT_LIMIT, MAX_LIMIT};
use crate::article::Article;
use crate::index::{DocId, UNDATED};
use crate::prebuilt::Card;
use crate::query::{self, Execution, Highlight, Match, Query, Source};

/// Parse `q` and run it on `index`: matches by document, what to
/// highlight, notes on the reading, and the parsed query. The first step of
/// every request of both engines. Through `dyn Source`, so that the query
/// code is compiled once for both (the collection's views call it so too);
/// only the ranking-only call runs it on the in-memory index directly.
pub(crate) fn run(index: &dyn Source, q: &str) -> (Execution, Query) {
    let parsed = query::parse(q);
    let execution = query::execute(index, &parsed);
    (execution, parsed)
}

/// What a row is made from: the article, or (when nothing is marked in its
/// text) its card, which shows the same (see `crate::prebuilt::cards`).
#[derive(Clone, Copy)]
pub(crate) enum Row<'a> {
    Text(&'a Article),
    Card(&'a Card),
}

impl Row<'_> {
    fn id(&self) -> &str {
        match self {
            Row::Text(a) => &a.id,
            Row::Card(c) => &c.id,
        }
    }

    fn date_string(&self) -> Option<String> {
        match self {
            Row::Text(a) => a.date_string(),
            Row::Card(c) => c.date.map(crate::article::ymd),
        }
    }

    fn title(&self) -> &str {
        match self {
            Row::Text(a) => &a.title,
            Row::Card(c) => &c.title,
        }
    }

    fn source(&self) -> Option<String> {
        match self {
            Row::Text(a) => a.source.clone(),
            Row::Card(c) => c.source.clone(),
        }
    }

    /// Whether the title is the text's lead, and the snippet under it.
    fn snippet(
        &self,
        highlight: &Highlight,
        furniture: impl Fn(usize) -> bool,
    ) -> (bool, Vec<Segment>) {
        match self {
            Row::Text(a) => {
                let lead = lead_of(a);
                (lead.is_some(), snippet_after(a, highlight, furniture, lead))
            }
            Row::Card(c) => (
                c.lead,
                c.opening.iter().map(|t| Segment::plain(t)).collect(),
            ),
        }
    }
}

/// What an index knows of its documents beyond their text, for the rows of
/// a result list.
pub(crate) struct Rows<C> {
    /// The copies of the story a document tells, itself among them, in
    /// document order; empty when it is not reprinted (see `crate::index::dedup`).
    pub copies: C,
}

/// Over which results a search's facets were counted: those it was given
/// (the first `top`), or every result (counted before, at build time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Counted {
    Top,
    All,
}

/// Sort the matches of `execution` as `req` asks, restrict them to its date
/// range, and present one page of them with the timeline and the
/// execution's notes; shared by the in-page and the prebuilt engine. `days`
/// is every document's day;
/// `facets` summarises the first `req.top` results in the list's order (all
/// when `None`; `Facets.over` says when that left some out), given them and
/// how many results there are in all, unless it says it counted all
/// ([`Counted::All`]);
/// `row` gives what a document's row is made from, its text when the
/// second argument says the row marks words in it (else its card will do);
/// a hit whose row is not at hand is left out of the page; `furniture` tells a document's boilerplate
/// paragraphs (no snippet shows them).
/// Reprints are listed once (`rows`):
/// among the results, the first copy of a story in the sort order (the
/// best ranked, or the earliest or latest by date) makes its row, and its
/// row names every other copy in the collection (`Hit.also`). `total`
/// still counts articles; `listed` counts rows, and pages are of rows.
pub(crate) fn respond<'a, 'c, C>(
    req: &SearchRequest,
    execution: &Execution,
    days: &[i32],
    row: impl Fn(DocId, bool) -> Option<Row<'a>>,
    furniture: impl Fn(DocId, usize) -> bool,
    facets: impl FnOnce(&[Match], usize) -> (Facets, Counted),
    rows: Rows<C>,
) -> SearchResponse
where
    C: Fn(DocId) -> &'c [DocId],
{
    let (all, highlight) = (&execution.matches, &execution.highlight);
    let mut results = in_range(req, execution, days);
    sort_results(req.sort, &mut results, days);
    // One row per story: a copy whose story already has a row is left out.
    let mut listed_stories = rustc_hash::FxHashSet::default();
    let listed: Vec<&Match> = (results.iter())
        .filter(|m| {
            (rows.copies)(m.doc)
                .first()
                .is_none_or(|&story| listed_stories.insert(story))
        })
        .collect();
    let limit = req.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let hits = listed
        .iter()
        .skip(req.offset)
        .take(limit)
        .filter_map(|m| {
            // The copies first: a prebuilt index then names their cards in
            // the same round as the row's own file.
            let also = (rows.copies)(m.doc)
                .iter()
                .filter(|&&d| d != m.doc)
                .filter_map(|&d| row(d, false))
                .map(|c| Reprint {
                    id: c.id().to_string(),
                    date: c.date_string(),
                    source: c.source(),
                })
                .collect();
            let a = row(m.doc, !highlight.is_empty())?;
            let (lead, snippet) = a.snippet(highlight, |pi| furniture(m.doc, pi));
            Some(Hit {
                id: a.id().to_string(),
                date: a.date_string(),
                title: a.title().to_string(),
                title_marked: list_title(a.title(), highlight),
                lead,
                source: a.source(),
                score: m.score,
                all_words: m.all_words,
                snippet,
                also,
            })
        })
        .collect();
    let hit_docs: Vec<DocId> = all.iter().map(|m| m.doc).collect();
    let view = date_param(&req.view_from).zip(date_param(&req.view_to));
    SearchResponse {
        total: results.len(),
        listed: listed.len(),
        offset: req.offset,
        limit,
        hits,
        timeline: timeline::build(days, &hit_docs, view),
        facets: {
            // Over the top `req.top` results in the list's order (all by default).
            let n = req.top.map_or(results.len(), |t| t.min(results.len()));
            let (mut f, counted) = facets(&results[..n], results.len());
            f.over = match counted {
                Counted::Top => req.top.filter(|&t| t < results.len()),
                Counted::All => None,
            };
            f
        },
        filters: query::parse(&req.q).filters,
        notes: {
            let mut notes = execution.notes.clone();
            notes.locate(&req.q);
            notes
        },
    }
}

/// The list's relevance order over documents whose days are `days`: those
/// holding every deciding word first, then by score, dated before undated,
/// newer before older (a total order: no two matches compare equal). The
/// one definition, read by a search's sort and by ranking only
/// ([`super::rank`]).
pub(crate) fn by_relevance(days: &[i32]) -> impl Fn(&Match, &Match) -> std::cmp::Ordering + '_ {
    let undated = |doc: DocId| days.get(doc as usize).is_none_or(|&d| d == UNDATED);
    move |a, b| {
        (b.all_words.cmp(&a.all_words))
            .then(b.score.total_cmp(&a.score))
            .then(undated(a.doc).cmp(&undated(b.doc)))
            .then(b.doc.cmp(&a.doc))
    }
}

/// The matches of `execution` published within `req`'s `from..=to`: the
/// results a search lists (and its facets count), ordered by document.
pub(crate) fn in_range(req: &SearchRequest, execution: &Execution, days: &[i32]) -> Vec<Match> {
    in_dates(&execution.matches, days, &req.from, &req.to)
}

/// The `matches` published within `from..=to` (dates as requests give
/// them; one that does not parse bounds nothing), ordered by document.
pub(crate) fn in_dates(
    matches: &[Match],
    days: &[i32],
    from: &Option<String>,
    to: &Option<String>,
) -> Vec<Match> {
    let (from, to) = (date_param(from), date_param(to));
    let dated = days.partition_point(|&d| d != crate::index::UNDATED);
    let range = crate::index::doc_range(days, dated, from, to);
    (matches.iter())
        .copied()
        .filter(|m| range.contains(&m.doc))
        .collect()
}

/// An article for the reader: query words highlighted, links made safe, and
/// whatever else `marks` adds per paragraph (its index, text and the marks so far);
/// `furniture` tells its boilerplate paragraphs (kept, flagged for dimming).
pub(crate) fn article_view(
    a: &Article,
    highlight: &Highlight,
    furniture: impl Fn(usize) -> bool,
    mut marks: impl FnMut(usize, &str, &mut Vec<(usize, usize, Mark)>),
) -> ArticleView {
    let paragraphs = a
        .paragraphs
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let mut m = hit_marks(p, highlight);
            m.extend(link_marks(p));
            marks(pi, p, &mut m);
            segments(p, &m)
        })
        .collect();
    ArticleView {
        id: a.id.clone(),
        date: a.date_string(),
        title: a.title.clone(),
        title_marked: marked_plain(&a.title, highlight),
        source: a.source.clone(),
        paragraphs,
        boilerplate: (0..a.paragraphs.len()).map(furniture).collect(),
    }
}

/// Sort `results` as a list of results shows them (`sort`): by relevance
/// (every word first, then score; ties undated last, then newest), newest
/// or oldest first (undated last). `days`: every document's day.
pub(crate) fn sort_results(sort: Sort, results: &mut [Match], days: &[i32]) {
    let undated = |doc: DocId| days.get(doc as usize).is_none_or(|&d| d == UNDATED);
    match sort {
        Sort::Relevance => crate::sort::sort_unstable_by(results, by_relevance(days)),
        Sort::Newest => crate::sort::sort_unstable_by(results, |a, b| {
            undated(a.doc).cmp(&undated(b.doc)).then(b.doc.cmp(&a.doc))
        }),
        Sort::Oldest => crate::sort::sort_unstable_by_key(results, |m| m.doc), // date order, undated last
    }
}

/// The documents an answer over the top `top` of `sorted` (results in the
/// list's order) reads, in document order, and `Some(top)` when that left
/// some out (the answer is then over the top `top`, not every result).
/// `None`: every result.
pub(crate) fn top_docs(sorted: &[Match], top: Option<usize>) -> (Vec<DocId>, Option<usize>) {
    top_stories(sorted, top, |_| &[])
}

/// [`top_docs`] with each reprinted story read once: of the copies among the
/// top `top` results (`copies`: a document's group, [`Notes::copies`]), only
/// the first in the list's order, the one its row shows. What a story says
/// (its events) is then listed once, not once per outlet that filed it.
///
/// [`Notes::copies`]: super::collection::Notes::copies
pub(crate) fn top_stories<'c>(
    sorted: &[Match],
    top: Option<usize>,
    copies: impl Fn(DocId) -> &'c [DocId],
) -> (Vec<DocId>, Option<usize>) {
    let n = top.map_or(sorted.len(), |t| t.min(sorted.len()));
    // A group is named by its first document.
    let mut told = std::collections::HashSet::new();
    let mut docs: Vec<DocId> = sorted[..n]
        .iter()
        .map(|m| m.doc)
        .filter(|&d| copies(d).first().is_none_or(|&g| told.insert(g)))
        .collect();
    crate::sort::sort(&mut docs[..]);
    (docs, top.filter(|&t| t < sorted.len()))
}
