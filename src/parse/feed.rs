//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: one article per `<item>` or
//! `<entry>`, read with quick-xml's pull parser.
//!
//! - date: `pubDate`, `published`, `dc:date`, `updated`, then a date in the link;
//! - text: `content:encoded`, `content`, `description`, `summary`, the first
//!   that is not empty, escaped HTML taken as HTML (the fragment extraction
//!   of [`super::extract`]: no page furniture to find in a feed item);
//! - source: the item's `<source>`, else the feed's own title.
//!
//! XML that breaks costs the item it is in: the error is named (byte, line,
//! item) and reading resumes at the next `<item>`/`<entry>`.

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use scraper::Html;

use super::assemble::{assemble, Parsed};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::extract::{main_text, nesting_cost, plain_text, Scope, MAX_NESTING_COST};
use super::text::{decode, strip_controls};
use super::webdate::{date_in_url, parse_web_date};

/// What one item's child elements hold (their text, entities resolved).
#[derive(Default)]
struct Item {
    /// Its number in the feed, from 1.
    number: usize,
    line: usize,
    title: Option<String>,
    link: Option<String>,
    id: Option<String>,
    /// Dates as written, with their field's rank (lower is better).
    dates: Vec<(u8, String)>,
    /// Candidate bodies, best first by field: (rank, text, is_html).
    bodies: Vec<(u8, String, bool)>,
    source: Option<String>,
}

/// The field a child element of an item fills.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Link,
    Id,
    /// A date, ranked: `pubDate`/`published` before `dc:date` before `updated`.
    Date(u8),
    /// A body, ranked: full content before a summary.
    Body(u8, bool),
    Source,
}

fn field_of(qname: &str, local: &str, start: &BytesStart<'_>) -> Option<Field> {
    let text_type = attr(start, "type").unwrap_or_default();
    let html = text_type != "text";
    Some(match (qname, local) {
        ("content:encoded", _) => Field::Body(0, true),
        (_, "content") => Field::Body(1, html),
        (_, "description") => Field::Body(2, true),
        (_, "summary") => Field::Body(3, html),
        (_, "pubDate" | "published") => Field::Date(0),
        ("dc:date", _) | (_, "issued") => Field::Date(1),
        (_, "updated" | "modified") => Field::Date(2),
        (_, "title") => Field::Title,
        (_, "link") => Field::Link,
        (_, "guid" | "id") => Field::Id,
        (_, "source") => Field::Source,
        _ => return None,
    })
}

/// An attribute's value, entities resolved.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.trim().to_string())
    })
}

/// Whether a feed is RSS (items) or Atom (entries).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Rss,
    Atom,
}

impl Kind {
    fn item(self) -> &'static str {
        match self {
            Kind::Rss => "item",
            Kind::Atom => "entry",
        }
    }
}

/// Reading state that lasts across a resumption after broken XML.
struct Feed<'a> {
    file: &'a str,
    stem: &'a str,
    text: &'a str,
    kind: Option<Kind>,
    /// The feed's own title: the source of items without one.
    title: Option<String>,
    items: usize,
    parsed: Parsed,
}

/// How a pass over (part of) the text ended.
enum Pass {
    Done,
    /// Broken XML at this byte of the whole text.
    Broken(usize),
}

/// Parse one feed file. `file` names it in messages; item ids are the
/// item's `guid`/`id`, else `<stem>:<n>` (n counts items from 1).
pub fn parse_feed(file: &str, stem: &str, bytes: &[u8]) -> Parsed {
    let mut diagnostics = Vec::new();
    let text = decode(file, None, bytes, &mut diagnostics);
    diagnostics.retain(|d| d.kind != DiagnosticKind::CrLineEnds);
    let mut feed = Feed {
        file,
        stem,
        text: &text,
        kind: None,
        title: None,
        items: 0,
        parsed: Parsed {
            articles: Vec::new(),
            diagnostics,
        },
    };
    let mut from = 0;
    while let Pass::Broken(at) = feed.pass(from) {
        let Some(kind) = feed.kind else { break };
        // The next item's start tag after the break, if any.
        let open = format!("<{}", kind.item());
        let next = text.get(at + 1..).and_then(|rest| {
            rest.match_indices(&open)
                .find(|(i, _)| {
                    rest[i + open.len()..].starts_with(|c: char| c == '>' || c.is_whitespace())
                })
                .map(|(i, _)| at + 1 + i)
        });
        match next {
            Some(n) => from = n,
            None => break,
        }
    }
    feed.parsed
}

/// 1-based line of byte `at` of `text`.
fn line_at(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Feed<'_> {
    fn diag(&mut self, line: Option<usize>, kind: DiagnosticKind) {
        self.parsed
            .diagnostics
            .push(Diagnostic::new(self.file, line, kind));
    }

    /// Read items from byte `from` (the document's start, or an item's start
    /// tag after a break) to the end or the next XML error.
    fn pass(&mut self, from: usize) -> Pass {
        let resumed = from > 0;
        let slice = &self.text[from..];
        let mut reader = Reader::from_str(slice);
        // After a resumption the feed's closing tags have no opening ones.
        reader.config_mut().allow_unmatched_ends = resumed;
        let mut depth = 0usize;
        let mut item: Option<Item> = None;
        // The field being read, the depth of its element, and its text so far.
        let mut field: Option<(Field, usize, String)> = None;
        let mut feed_title: Option<(usize, String)> = None;
        loop {
            let pos = from + reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    let at = from + reader.error_position() as usize;
                    let number = item.as_ref().map(|i| i.number);
                    self.diag(
                        Some(line_at(self.text, at)),
                        DiagnosticKind::MalformedXml {
                            byte: at as u64,
                            item: number,
                            reason: e.to_string(),
                        },
                    );
                    return Pass::Broken(at);
                }
            };
            match event {
                Event::Start(e) => {
                    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                    depth += 1;
                    if self.kind.is_none() {
                        if !self.root(&qname, &local) {
                            return Pass::Done;
                        }
                        continue;
                    }
                    let kind = self.kind.unwrap_or(Kind::Rss);
                    if local == kind.item() && item.is_none() {
                        self.items += 1;
                        item = Some(Item {
                            number: self.items,
                            line: line_at(self.text, pos),
                            ..Item::default()
                        });
                        field = None;
                        continue;
                    }
                    let Some(it) = item.as_mut() else {
                        if local == "title" && feed_title.is_none() && self.title.is_none() {
                            feed_title = Some((depth, String::new()));
                        }
                        continue;
                    };
                    if field.is_some() {
                        continue;
                    }
                    let Some(f) = field_of(&qname, &local, &e) else {
                        continue;
                    };
                    if f == Field::Link {
                        if let Some(href) = attr(&e, "href").filter(|_| is_alternate(&e)) {
                            it.link.get_or_insert(href);
                        }
                    }
                    if attr(&e, "type").as_deref() == Some("xhtml") {
                        // Atom XHTML content: its markup is the HTML.
                        let raw = reader
                            .read_text(e.name())
                            .map(|t| String::from_utf8_lossy(&t.into_inner()).into_owned());
                        depth -= 1;
                        if let Ok(raw) = raw {
                            store(it, f, raw);
                        }
                        continue;
                    }
                    field = Some((f, depth, String::new()));
                }
                Event::Empty(e) => {
                    if let Some(it) = item.as_mut() {
                        if e.local_name().as_ref() == b"link" && is_alternate(&e) {
                            if let Some(href) = attr(&e, "href") {
                                it.link.get_or_insert(href);
                            }
                        }
                    }
                }
                Event::Text(t) => {
                    let s = t.decode().map(|c| c.into_owned()).unwrap_or_default();
                    append(&mut field, &mut feed_title, &s);
                }
                Event::CData(t) => {
                    let s = String::from_utf8_lossy(&t.into_inner()).into_owned();
                    append(&mut field, &mut feed_title, &s);
                }
                Event::GeneralRef(r) => append(&mut field, &mut feed_title, &resolve(&r)),
                Event::End(e) => {
                    if let Some((f, d, text)) = field.take() {
                        if d == depth {
                            if let Some(it) = item.as_mut() {
                                store(it, f, text);
                            }
                        } else {
                            field = Some((f, d, text));
                        }
                    }
                    if let Some((d, text)) = feed_title.take() {
                        if d == depth {
                            self.title = Some(clean_line(&text)).filter(|t| !t.is_empty());
                        } else {
                            feed_title = Some((d, text));
                        }
                    }
                    depth = depth.saturating_sub(1);
                    let local = e.local_name();
                    if self
                        .kind
                        .is_some_and(|k| local.as_ref() == k.item().as_bytes())
                    {
                        if let Some(it) = item.take() {
                            self.finish(it);
                        }
                    }
                }
                Event::Eof => {
                    self.at_end(item);
                    return Pass::Done;
                }
                _ => {}
            }
        }
    }

    /// The root element says which feed this is: false (and a message) when neither.
    fn root(&mut self, qname: &str, local: &str) -> bool {
        self.kind = match local {
            "rss" | "RDF" => Some(Kind::Rss),
            "feed" => Some(Kind::Atom),
            _ => {
                self.diag(
                    None,
                    DiagnosticKind::NotAFeed {
                        root: strip_controls(qname, false),
                    },
                );
                return false;
            }
        };
        true
    }

    /// The end of the text: an item still open was cut off; no root at all is no feed.
    fn at_end(&mut self, item: Option<Item>) {
        if let Some(it) = item {
            self.diag(
                Some(it.line),
                DiagnosticKind::MalformedXml {
                    byte: self.text.len() as u64,
                    item: Some(it.number),
                    reason: "the file ends inside the item".to_string(),
                },
            );
        }
        if self.kind.is_none() {
            self.diag(
                None,
                DiagnosticKind::NotAFeed {
                    root: "(none)".to_string(),
                },
            );
        }
    }

    /// An item read whole: its article, or the messages that say why not.
    fn finish(&mut self, it: Item) {
        let id = it
            .id
            .clone()
            .map(|s| strip_controls(&s, false))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("{}:{}", self.stem, it.number));
        let mut date = None;
        let mut bad = None;
        let mut dates = it.dates.clone();
        // By rank: a `pubDate` read after `updated` still wins.
        crate::sort::sort_by_key(&mut dates[..], |(rank, _)| *rank);
        for (_, d) in &dates {
            match parse_web_date(d) {
                Ok(day) => {
                    date = Some(day);
                    break;
                }
                Err(why) => {
                    bad.get_or_insert(why);
                }
            }
        }
        if date.is_none() {
            date = it.link.as_deref().and_then(date_in_url);
        }
        if date.is_none() {
            let kind = match bad {
                Some(why) => DiagnosticKind::BadDate {
                    article: Some(id.clone()),
                    why,
                },
                None => DiagnosticKind::NoDate {
                    article: id.clone(),
                    looked_for: "pubDate, published, dc:date, updated, a date in the link",
                },
            };
            self.diag(Some(it.line), kind);
        }
        let title = it
            .title
            .as_deref()
            .map(|t| {
                if t.contains(['<', '&']) {
                    plain_text(t)
                } else {
                    clean_line(t)
                }
            })
            .map(|t| strip_controls(&t, false))
            .filter(|t| !t.is_empty());
        let mut too_deep = false;
        let body = it
            .bodies
            .iter()
            .filter(|(_, text, _)| !text.trim().is_empty())
            .min_by_key(|(rank, _, _)| *rank)
            .map(|(_, text, html)| {
                if *html && nesting_cost(text) > MAX_NESTING_COST {
                    too_deep = true;
                    String::new()
                } else if *html {
                    let fragment = Html::parse_fragment(text);
                    main_text(&fragment, Scope::Fragment, title.as_deref()).join("\n\n")
                } else {
                    strip_controls(text, true)
                }
            })
            .unwrap_or_default();
        if too_deep {
            self.diag(
                Some(it.line),
                DiagnosticKind::NestedTooDeep { article: Some(id) },
            );
            return;
        }
        let source = it
            .source
            .as_deref()
            .map(clean_line)
            .filter(|s| !s.is_empty())
            .or_else(|| self.title.clone());
        if let Some(article) = assemble(
            self.file,
            Some(it.line),
            id,
            date,
            title,
            source,
            &body,
            &mut self.parsed.diagnostics,
        ) {
            self.parsed.articles.push(article);
        }
    }
}

/// The text of an entity or character reference: XML's and HTML's named
/// ones (feeds use `&nbsp;` freely), numeric ones; an unknown one as written.
fn resolve(r: &quick_xml::events::BytesRef<'_>) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => {
            let name = String::from_utf8_lossy(r).into_owned();
            resolve_predefined_entity(&name).map_or_else(|| format!("&{name};"), str::to_string)
        }
    }
}

/// Whether a `<link>` is the item's own page (`rel` absent or `alternate`).
fn is_alternate(e: &BytesStart<'_>) -> bool {
    attr(e, "rel").is_none_or(|r| r == "alternate")
}

/// White space collapsed, controls removed: a one-line value.
fn clean_line(s: &str) -> String {
    strip_controls(s, false)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn append(
    field: &mut Option<(Field, usize, String)>,
    feed_title: &mut Option<(usize, String)>,
    s: &str,
) {
    if let Some((_, _, text)) = field.as_mut() {
        text.push_str(s);
    } else if let Some((_, text)) = feed_title.as_mut() {
        text.push_str(s);
    }
}

fn store(it: &mut Item, f: Field, text: String) {
    match f {
        Field::Title => {
            it.title.get_or_insert(text);
        }
        Field::Link => {
            if !text.trim().is_empty() {
                it.link.get_or_insert(text.trim().to_string());
            }
        }
        Field::Id => {
            it.id.get_or_insert(text.trim().to_string());
        }
        Field::Date(rank) => it.dates.push((rank, text.trim().to_string())),
        Field::Body(rank, html) => it.bodies.push((rank, text, html)),
        Field::Source => {
            it.source.get_or_insert(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_html_descriptions() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Courier</title>
<item><title>Bridge closes</title><pubDate>Thu, 24 Feb 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The bridge closes &amp;amp; reopens.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
<item><title>No date here</title><description><![CDATA[<p>Text &eacute;t&eacute;</p>]]></description></item>
</channel></rss>"#;
        let parsed = parse_feed("f.xml", "f", xml.as_bytes());
        assert_eq!(parsed.articles.len(), 2);
        let a = &parsed.articles[0];
        assert_eq!(a.title, "Bridge closes");
        assert_eq!(a.source.as_deref(), Some("The Courier"));
        assert_eq!(a.date_string().as_deref(), Some("2022-02-24"));
        assert_eq!(a.paragraphs, ["The bridge closes & reopens.", "Second."]);
        assert_eq!(parsed.articles[1].paragraphs, ["Text été"]);
        assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
        assert_eq!(parsed.diagnostics[0].line, Some(5));
    }

    #[test]
    fn broken_xml_costs_one_item() {
        let xml = "<rss><channel><title>C</title>\
            <item><title>One</title><pubDate>2022-01-01</pubDate><description>First.</description></item>\
            <item><title>Two</title><pubDate>2022-01-02</pubDate><description>Bad <b>x</i></description></item>\
            <item><title>Three</title><pubDate>2022-01-03</pubDate><description>Third.</description></item>\
            </channel></rss>";
        let parsed = parse_feed("f.xml", "f", xml.as_bytes());
        let titles: Vec<_> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["One", "Three"]);
        assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
        assert!(
            parsed.diagnostics[0].message().contains("item 2"),
            "{}",
            parsed.diagnostics[0]
        );
    }

    #[test]
    fn not_a_feed() {
        let parsed = parse_feed("f.xml", "f", b"<svg><g/></svg>");
        assert!(parsed.articles.is_empty());
        assert!(parsed.diagnostics[0].message().contains("<svg>"));
        let parsed = parse_feed("f.xml", "f", b"");
        assert_eq!(parsed.diagnostics.len(), 1);
    }
}
