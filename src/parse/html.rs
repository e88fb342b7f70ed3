//! HTML article pages (a saved web page): date, title and source from the
//! page's metadata, the main text by content extraction ([`super::extract`]).
//!
//! - date: `<meta property="article:published_time">` (and the other meta
//!   names publishers use for it), JSON-LD `datePublished` (also inside
//!   `@graph` and arrays), the first `<time datetime>`, then a date in the
//!   page's URL (`og:url`, canonical link);
//! - title: `og:title`, JSON-LD `headline`, the article's `<h1>`, `<title>`,
//!   with a site-name suffix removed (" | Site", " - Site");
//! - source: `og:site_name`, the JSON-LD publisher's name, the URL's host.

use scraper::{Html, Node};
use serde_json::Value;

use super::assemble::{assemble, Parsed};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::extract::{main_text, nesting_cost, plain_text, Scope, MAX_NESTING_COST};
use super::text::{decode, strip_controls};
use super::webdate::{date_in_url, parse_web_date};

/// Meta names and properties that carry the publication time, most
/// specific first (Open Graph, schema.org microdata, Dublin Core, common CMS names).
const DATE_METAS: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
];

/// JSON-LD objects nested deeper than this are not looked at.
const MAX_JSON_DEPTH: usize = 16;

/// What the page says about itself, before its text.
#[derive(Default)]
struct Meta {
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    json_ld: Vec<Value>,
    time: Option<String>,
    h1: Option<String>,
    title: Option<String>,
}

impl Meta {
    fn get(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// The first value of `key` in any JSON-LD object (`@graph` and arrays
    /// included), a string or, for an object, its `name`.
    fn json(&self, key: &str) -> Option<String> {
        let mut stack: Vec<(&Value, usize)> = self.json_ld.iter().map(|v| (v, 0)).collect();
        stack.reverse();
        while let Some((v, depth)) = stack.pop() {
            if depth > MAX_JSON_DEPTH {
                continue;
            }
            match v {
                Value::Object(map) => {
                    if let Some(found) = map.get(key).and_then(name_of) {
                        return Some(found);
                    }
                    let mut children: Vec<_> = map.values().map(|c| (c, depth + 1)).collect();
                    children.reverse();
                    stack.extend(children);
                }
                Value::Array(items) => stack.extend(items.iter().rev().map(|c| (c, depth + 1))),
                _ => {}
            }
        }
        None
    }

    fn url(&self) -> Option<&str> {
        self.get("og:url").or(self.canonical.as_deref())
    }
}

/// A JSON-LD value as text: a string, an object's `name`, an array's first.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Object(map) => map.get("name").and_then(name_of),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

/// Text of an element's subtree, white space collapsed.
fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if let Node::Text(t) = n.value() {
            out.push_str(t);
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One walk over the page for its metadata.
fn read_meta(html: &Html) -> Meta {
    let mut meta = Meta::default();
    let mut article_h1 = None;
    for node in html.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        match e.name() {
            "meta" => {
                let key = e.attr("property").or(e.attr("name")).or(e.attr("itemprop"));
                if let (Some(k), Some(v)) = (key, e.attr("content")) {
                    meta.metas
                        .push((k.trim().to_ascii_lowercase(), v.to_string()));
                }
            }
            "link"
                if meta.canonical.is_none()
                    && e.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    }) =>
            {
                meta.canonical = e.attr("href").map(str::to_string);
            }
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                if let Ok(v) = serde_json::from_str::<Value>(&text_of(node)) {
                    meta.json_ld.push(v);
                }
            }
            "time" if meta.time.is_none() => {
                meta.time = e.attr("datetime").map(str::to_string);
            }
            "h1" => {
                let text = text_of(node);
                let in_article = node.ancestors().any(|a| {
                    matches!(a.value(), Node::Element(p) if matches!(p.name(), "article" | "main"))
                });
                if !text.is_empty() {
                    if in_article && article_h1.is_none() {
                        article_h1 = Some(text.clone());
                    }
                    meta.h1.get_or_insert(text);
                }
            }
            "title" if meta.title.is_none() => {
                let text = text_of(node);
                meta.title = (!text.is_empty()).then_some(text);
            }
            _ => {}
        }
    }
    if article_h1.is_some() {
        meta.h1 = article_h1;
    }
    meta
}

/// The host of a URL, without `www.`: `https://www.example.org/x` → `example.org`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// `title` without a trailing site name: " | Site", " - Site", " — Site"…
/// when the part after the last separator is `site` (or the site's host
/// name without its ending), or when the separator is a bar (" | ") and
/// that part is short beside the rest (the usual "Headline | Outlet").
pub(crate) fn strip_site_suffix(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let title = title.trim();
    let same = |part: &str| {
        let part = normal(part);
        site.is_some_and(|s| normal(s) == part)
            || host.is_some_and(|h| {
                normal(h) == part || h.split('.').next().is_some_and(|name| normal(name) == part)
            })
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " • "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let head = head.trim();
            if head.is_empty() {
                continue;
            }
            let short =
                tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if same(tail) || (sep == " | " && short) {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

/// Lower case, letters and digits only: how site names are compared.
fn normal(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The publication day: the first source of [`DATE_METAS`], JSON-LD,
/// `<time>`, URL that reads. Unreadable ones are reported only when no
/// other source gives a day (then the first is named).
fn page_date(
    meta: &Meta,
    file: &str,
    stem: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<chrono::NaiveDate> {
    let mut candidates: Vec<String> = DATE_METAS
        .iter()
        .filter_map(|k| meta.get(k).map(str::to_string))
        .collect();
    candidates.extend(meta.json("datePublished"));
    candidates.extend(meta.time.clone());
    let mut first_error = None;
    for c in &candidates {
        match parse_web_date(c) {
            Ok(d) => return Some(d),
            Err(why) => {
                first_error.get_or_insert(why);
            }
        }
    }
    if let Some(d) = meta.url().and_then(date_in_url) {
        return Some(d);
    }
    let kind = match first_error {
        Some(why) => DiagnosticKind::BadDate {
            article: Some(stem.to_string()),
            why,
        },
        None => DiagnosticKind::NoDate {
            article: stem.to_string(),
            looked_for:
                "article:published_time, JSON-LD datePublished, <time datetime>, a date in the URL",
        },
    };
    diags.push(Diagnostic::new(file, None, kind));
    None
}

/// Parse one HTML page. `file` names it in messages; `stem` is the article id.
pub fn parse_html(file: &str, stem: &str, bytes: &[u8]) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = decode(file, None, bytes, &mut diagnostics);
    // Line ends are HTML's own business.
    diagnostics.retain(|d| d.kind != DiagnosticKind::CrLineEnds);
    if nesting_cost(&text) > MAX_NESTING_COST {
        diagnostics.push(Diagnostic::new(
            file,
            None,
            DiagnosticKind::NestedTooDeep { article: None },
        ));
        return Parsed {
            articles: Vec::new(),
            diagnostics,
        };
    }
    let html = Html::parse_document(&text);
    let meta = read_meta(&html);
    let date = page_date(&meta, file, stem, &mut diagnostics);
    let host = meta.url().and_then(host_of);
    let source = meta
        .get("og:site_name")
        .map(str::to_string)
        .or_else(|| meta.json("publisher"))
        .or_else(|| host.clone())
        .map(|s| strip_controls(&s, false));
    let title = meta
        .get("og:title")
        .or(meta.get("twitter:title"))
        .map(str::to_string)
        .or_else(|| meta.json("headline"))
        .or_else(|| meta.h1.clone())
        .or_else(|| meta.title.clone())
        .map(|t| {
            if t.contains(['<', '&']) {
                plain_text(&t)
            } else {
                t
            }
        })
        .map(|t| strip_site_suffix(&t, source.as_deref(), host.as_deref()))
        .map(|t| strip_controls(&t, false))
        .filter(|t| !t.trim().is_empty());
    let paragraphs = main_text(&html, Scope::Page, title.as_deref());
    let body = paragraphs.join("\n\n");
    let article = assemble(
        file,
        None,
        stem.to_string(),
        date,
        title,
        source,
        &body,
        &mut diagnostics,
    );
    Parsed {
        articles: article.into_iter().collect(),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site_suffix(
                "Bridge closes for repairs | The Courier",
                Some("The Courier"),
                None
            ),
            "Bridge closes for repairs"
        );
        assert_eq!(
            strip_site_suffix(
                "Bridge closes for repairs - Courier",
                None,
                Some("courier.example")
            ),
            "Bridge closes for repairs"
        );
        assert_eq!(
            strip_site_suffix("Ukraine - what we know so far", Some("Courier"), None),
            "Ukraine - what we know so far"
        );
    }

    #[test]
    fn json_ld_in_a_graph() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"W"},
             {"@type":"NewsArticle","headline":"Graph headline","datePublished":"2022-03-04T08:00:00+01:00",
              "publisher":{"@type":"Organization","name":"Graph Times"}}]}
            </script></head><body><article><p>Body text long enough to be the article, with a comma, and more.</p></article></body></html>"#;
        let parsed = parse_html("p.html", "p", page.as_bytes());
        let a = &parsed.articles[0];
        assert_eq!(a.title, "Graph headline");
        assert_eq!(a.source.as_deref(), Some("Graph Times"));
        assert_eq!(a.date_string().as_deref(), Some("2022-03-04"));
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn url_date_and_host_source_when_nothing_else() {
        let page = r#"<html><head><link rel="canonical" href="https://www.courier.example/2021/11/05/story">
            <title>Story</title></head><body><p>Only text.</p></body></html>"#;
        let parsed = parse_html("p.html", "p", page.as_bytes());
        let a = &parsed.articles[0];
        assert_eq!(a.date_string().as_deref(), Some("2021-11-05"));
        assert_eq!(a.source.as_deref(), Some("courier.example"));
        assert_eq!(a.paragraphs, ["Only text."]);
    }
}
