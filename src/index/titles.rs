//! Titles chosen for the whole collection: the source's headline, or,
//! where it gave none, the article's lead, flagged as such.
//!
//! Parsing keeps a headline only when the source gives one (an empty title
//! otherwise: see [`crate::parse`]'s `assemble`). What stands in for a
//! missing one can only be chosen once the collection is known, because
//! page furniture is recognised by repetition ([`Boilerplate`]): the first
//! paragraph of a scraped page is often a banner ("Newsletter As news
//! happens", "NEW You can now listen to Fox News articles!") or a dateline
//! alone ("Moscow CNN —"), and neither is a title. So the lead is the first
//! sentence (after any dateline, see [`crate::parse::dateline`]) of the
//! first paragraph that is neither furniture nor too short to be prose (a
//! clock time, "VIEW VIDEO"). A headline that only names the outlet ("CNN"
//! as the title of a CNN page) is no headline either.

use super::boilerplate::Boilerplate;
use crate::article::Article;
use crate::parse::lead;
use crate::text::tokenizer::fold;

/// Fewest words a paragraph needs to give the lead: fewer is a label, a
/// time or a button ("16:14", "VIEW VIDEO"), not a sentence of news.
pub const LEAD_MIN_WORDS: usize = 5;

/// Give every article of `docs` (the collection in document order, with
/// its `boilerplate`) a title: its headline when it has one that is more
/// than its outlet's name, else its lead (see the module doc). An article
/// whose every paragraph is furniture gets an empty title (the page says it
/// has no headline). Which titles are leads is read back from the text
/// (`crate::engine::snippet::lead_of`), the same in-page and prebuilt.
pub fn choose(docs: &mut [Article], boilerplate: &Boilerplate) {
    choose_from(0, docs, boilerplate);
}

/// [`choose`] for a run of the collection whose first document is `first`
/// (a collection on disk is read a run at a time).
pub fn choose_from(first: usize, docs: &mut [Article], boilerplate: &Boilerplate) {
    for (i, a) in docs.iter_mut().enumerate() {
        let doc = first + i;
        if is_headline(a) {
            continue;
        }
        let furniture = |pi: usize, p: &str| boilerplate.paragraph(doc, pi, p.len());
        let prose = |pi: usize, p: &str| {
            !furniture(pi, p) && p.split_whitespace().count() >= LEAD_MIN_WORDS
        };
        // Prose first, then any paragraph that is not furniture.
        let news = |pi: usize, p: &str| !furniture(pi, p);
        let first_lead = |ok: &dyn Fn(usize, &str) -> bool| {
            (a.paragraphs.iter().enumerate())
                .filter(|&(pi, p)| ok(pi, p))
                .find_map(|(_, p)| lead(p).map(|(_, shown)| shown))
        };
        // Nothing but furniture: no title at all, not a banner.
        a.title = first_lead(&prose)
            .or_else(|| first_lead(&news))
            .unwrap_or_default();
    }
}

/// Whether `a`'s title is a headline: given, and more than its outlet's name.
fn is_headline(a: &Article) -> bool {
    let title = fold(a.title.trim());
    !title.is_empty() && a.source.as_deref().is_none_or(|s| fold(s.trim()) != title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, title: &str, paragraphs: &[&str]) -> Article {
        Article {
            id: id.into(),
            date: None,
            title: title.into(),
            source: Some("CNN".into()),
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn headlines_stay_and_leads_skip_datelines_furniture_and_labels() {
        let banner = "Newsletter As news happens";
        let mut docs: Vec<Article> = ["Oslo", "Paris", "Rome", "Kyiv"]
            .iter()
            .enumerate()
            .map(|(i, place)| {
                article(
                    &format!("d{i}"),
                    "",
                    &[
                        banner,
                        "16:14",
                        "Moscow CNN \u{2014}",
                        &format!("Talks in {place} ended without a deal on Friday. More text."),
                    ],
                )
            })
            .collect();
        docs.push(article("h", "A real headline", &["Body text here."]));
        docs.push(article(
            "o",
            "cnn",
            &["The outlet is no headline, so this lead is."],
        ));
        docs.push(article("f", "", &[banner]));
        let boilerplate = Boilerplate::detect(&docs);
        choose(&mut docs, &boilerplate);
        assert_eq!(
            docs[0].title,
            "Talks in Oslo ended without a deal on Friday"
        );
        assert_eq!(docs[4].title, "A real headline");
        assert_eq!(docs[5].title, "The outlet is no headline, so this lead is");
        assert_eq!(docs[6].title, "");
    }
}
