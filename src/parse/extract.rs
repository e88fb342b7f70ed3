//! The main text of an HTML page or fragment, as paragraphs: readability-style
//! content extraction over html5ever's tree (scraper).
//!
//! Three passes over the tree, each an iterative walk (a page nested a
//! hundred thousand levels deep costs no stack):
//! 1. statistics per element: its text length, the part of it inside links,
//!    whether it holds form controls;
//! 2. blocks: runs of text owned by their nearest block-level element
//!    (paragraphs stay paragraphs), never inside a dropped subtree: non-content
//!    elements (scripts, styles, forms…), navigation and page furniture by
//!    structure (`nav`, `aside`, page-level `header`/`footer`, landmark roles,
//!    hidden elements), widgets (a box of form controls with little text:
//!    cookie banners, subscribe boxes), link lists (most of the text inside
//!    links: related links, menus), and, as a secondary signal, class/id names
//!    that say so when the structure agrees (short or linky);
//! 3. on a page, the container whose blocks score highest (text length and
//!    commas, discounted by link density, class/id hints) is the article, with
//!    its siblings that score nearly as well; a fragment (a feed item's
//!    content) is all article, so this pass is skipped.
//!
//! Nothing here knows a site: every rule is about structure or words any
//! site's markup uses.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node};

/// Whether the tree is a whole page (navigation and furniture around one
/// article) or a fragment that is all content (a feed item).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Scope {
    Page,
    Fragment,
}

/// Elements whose content is never text to read, in either scope.
const NON_CONTENT: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
    "canvas", "video", "audio", "button", "select", "textarea", "input", "form", "dialog", "label",
    "nav", "figure", "menu",
];

/// Landmark roles that are never the article.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
];

/// Elements that end a paragraph: text on either side is another block.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "td",
    "th",
    "tr",
    "table",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "address",
    "center",
    "header",
    "footer",
    "details",
    "summary",
    "aside",
    "hr",
];

/// Class/id words of page furniture (a word starting with one counts).
const NEGATIVE_HINTS: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "promo",
    "newsletter",
    "subscri",
    "signup",
    "cookie",
    "consent",
    "gdpr",
    "banner",
    "sidebar",
    "footer",
    "masthead",
    "nav",
    "menu",
    "breadcrumb",
    "popup",
    "modal",
    "advert",
    "sponsor",
    "widget",
    "toolbar",
    "trending",
    "popular",
    "most-read",
];

/// Class/id words of the article's container.
const POSITIVE_HINTS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "prose",
];

/// A block of text shorter than this (in characters) gives its containers
/// no score: captions, labels and bylines are not what makes an article.
const MIN_SCORED_CHARS: usize = 25;

/// The most work [`nesting_cost`] allows before a document is parsed. The
/// HTML tree builder checks the stack of open elements at each start tag,
/// so parsing costs the sum of the nesting depths of all start tags: about
/// 10 ms a million. A real page (tens of thousands of elements, a few
/// dozen deep) sums to a few million; a hostile one (`<div>` a million times)
/// to 10^12.
pub(crate) const MAX_NESTING_COST: u64 = 20_000_000;

/// Elements that never hold others (no depth added) or that the next
/// sibling closes (`<p>`, `<li>`… left open do not nest).
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "option", "tr", "td", "th", "!doctype",
];

/// An estimate, without parsing, of the work of building `html`'s tree:
/// the sum over start tags of how deep they open (see
/// [`MAX_NESTING_COST`]). Script and style contents and comments are skipped.
pub(crate) fn nesting_cost(html: &str) -> u64 {
    let b = html.as_bytes();
    let mut depth = 0u64;
    let mut cost = 0u64;
    let mut i = 0;
    while let Some(at) = b.get(i..).and_then(|r| r.iter().position(|&c| c == b'<')) {
        i += at + 1;
        if b[i..].starts_with(b"!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
            .count();
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        i = start + len;
        if FLAT.contains(&name.as_str()) {
            cost += depth;
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
            continue;
        }
        let self_closing = html[i..]
            .find('>')
            .is_some_and(|e| html[..i + e].ends_with('/'));
        if self_closing {
            cost += depth;
            continue;
        }
        depth += 1;
        cost += depth;
        if cost > MAX_NESTING_COST {
            return cost;
        }
        if name == "script" || name == "style" {
            let end = format!("</{name}");
            let lower = |j: usize| {
                html.get(j..j + end.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(&end))
            };
            match (i..b.len()).find(|&j| b[j] == b'<' && lower(j)) {
                Some(j) => i = j,
                None => break,
            }
        }
    }
    cost
}

/// Text, link text (characters) and form controls under one element.
#[derive(Clone, Copy, Default)]
struct Stats {
    chars: usize,
    link_chars: usize,
    controls: bool,
}

impl Stats {
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// One run of text and the block-level element it belongs to.
struct Block {
    text: String,
    chars: usize,
    link_chars: usize,
    owner: NodeId,
}

/// The paragraphs of the main text of `html`, in document order, with
/// entities decoded and white space collapsed. A block equal to `title` (the
/// page's own headline repeated in the article) is left out.
pub(crate) fn main_text(html: &Html, scope: Scope, title: Option<&str>) -> Vec<String> {
    let root = html.tree.root();
    let stats = element_stats(root);
    let total = stats.get(&root.id()).map_or(0, |s| s.chars);
    let blocks = collect_blocks(root, &stats, scope, total);
    let keep: Option<HashSet<NodeId>> = match scope {
        Scope::Page => article_roots(html, &blocks, &stats),
        Scope::Fragment => None,
    };
    let title = title.map(normalized);
    blocks
        .into_iter()
        .filter(|b| keep.as_ref().is_none_or(|k| within(html, b.owner, k)))
        .filter(|b| b.chars > 0 && (b.link_chars as f64) <= 0.5 * b.chars as f64)
        .filter(|b| title.as_deref() != Some(normalized(&b.text).as_str()))
        .map(|b| b.text)
        .collect()
}

/// Plain text of an HTML fragment (a feed's title, say): every text node,
/// white space collapsed, entities decoded.
pub(crate) fn plain_text(fragment: &str) -> String {
    if nesting_cost(fragment) > MAX_NESTING_COST {
        // Too deep to parse in bounded time: the text between tags, as it is.
        let mut out = String::new();
        for part in fragment.split('<') {
            push_collapsed(&mut out, part.split_once('>').map_or(part, |(_, t)| t));
        }
        return out.trim().to_string();
    }
    let html = Html::parse_fragment(fragment);
    let mut out = String::new();
    for node in html.tree.root().descendants() {
        if let Node::Text(t) = node.value() {
            push_collapsed(&mut out, t);
        }
    }
    out.trim().to_string()
}

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn element(node: NodeRef<'_, Node>) -> Option<&Element> {
    match node.value() {
        Node::Element(e) => Some(e),
        _ => None,
    }
}

fn is_link(e: &Element) -> bool {
    e.name() == "a" && e.attr("href").is_some()
}

/// Append `text` to `out` with white space collapsed to single spaces;
/// returns the characters added (not counting spaces at a run's start).
fn push_collapsed(out: &mut String, text: &str) -> usize {
    let mut added = 0;
    if text.starts_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    let mut words = text.split_whitespace().peekable();
    while let Some(w) = words.next() {
        out.push_str(w);
        added += w.chars().count();
        if words.peek().is_some() {
            out.push(' ');
            added += 1;
        }
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
    added
}

/// Whether a walk that passes over the subtree `skip` (when set) passes
/// over the closing edge of `node` too: inside that subtree, or its own end,
/// which ends the skipping. Both passes skip subtrees so.
fn passed_over(skip: &mut Option<NodeId>, node: NodeId) -> bool {
    if *skip == Some(node) {
        *skip = None;
        return true;
    }
    skip.is_some()
}

/// Pass 1: [`Stats`] for every element, bottom up (one walk, a stack of
/// open elements). Non-content subtrees count nothing.
fn element_stats(root: NodeRef<'_, Node>) -> HashMap<NodeId, Stats> {
    let mut done = HashMap::new();
    let mut open: Vec<Stats> = vec![Stats::default()];
    let mut skip: Option<NodeId> = None;
    let mut in_link = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        if matches!(
                            e.name(),
                            "button" | "input" | "select" | "textarea" | "form"
                        ) {
                            if let Some(top) = open.last_mut() {
                                top.controls = true;
                            }
                        }
                        if NON_CONTENT.contains(&e.name()) && e.name() != "nav" {
                            skip = Some(node.id());
                            continue;
                        }
                        in_link += usize::from(is_link(e));
                        open.push(Stats::default());
                    }
                    Node::Text(t) => {
                        let n: usize = t.split_whitespace().map(|w| w.chars().count() + 1).sum();
                        if let Some(top) = open.last_mut() {
                            top.chars += n;
                            if in_link > 0 {
                                top.link_chars += n;
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if passed_over(&mut skip, node.id()) {
                    continue;
                }
                let Some(e) = element(node) else {
                    if node.parent().is_none() {
                        if let Some(s) = open.pop() {
                            done.insert(node.id(), s);
                        }
                    }
                    continue;
                };
                in_link = in_link.saturating_sub(usize::from(is_link(e)));
                let Some(s) = open.pop() else { continue };
                done.insert(node.id(), s);
                if let Some(parent) = open.last_mut() {
                    parent.chars += s.chars;
                    parent.link_chars += s.link_chars;
                    parent.controls |= s.controls;
                }
            }
        }
    }
    done
}

/// The words of an element's class and id, lower-cased.
fn hint_words(e: &Element) -> impl Iterator<Item = String> + '_ {
    e.attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|s| s.split(|c: char| c.is_whitespace() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

/// +1 when an element's class/id says it is the article, -1 when it says it
/// is furniture (a word starting with a negative hint; "ad"/"ads" whole), 0 otherwise.
fn class_hint(e: &Element) -> i32 {
    let mut negative = false;
    let mut positive = false;
    for w in hint_words(e) {
        for part in w.split('-') {
            if part == "ad" || part == "ads" {
                negative = true;
            }
            if POSITIVE_HINTS.contains(&part) {
                positive = true;
            }
        }
        if NEGATIVE_HINTS.iter().any(|n| {
            w.starts_with(n)
                || w.split('-')
                    .any(|part| part.starts_with(n) && part.len() > 2)
        }) {
            negative = true;
        }
    }
    match (positive, negative) {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    }
}

/// Whether an element is hidden from readers (attribute or inline style).
fn hidden(e: &Element) -> bool {
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Whether the subtree at `e` is not article text (see the module doc).
/// `in_article`: an `article`/`main` element is an ancestor (its own
/// header and footer are then the article's, not the page's).
fn dropped(e: &Element, s: Stats, scope: Scope, in_article: bool, total: usize) -> bool {
    let name = e.name();
    if NON_CONTENT.contains(&name) || hidden(e) {
        return true;
    }
    if e.attr("role").is_some_and(|r| {
        r.split_whitespace()
            .any(|r| FURNITURE_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    }) || e.attr("aria-modal") == Some("true")
    {
        return true;
    }
    let structural = matches!(name, "html" | "body" | "main" | "article");
    if scope == Scope::Page
        && (name == "aside" || (!in_article && matches!(name, "header" | "footer")))
    {
        return true;
    }
    if structural {
        return false;
    }
    // A box of form controls with little text: a cookie banner, a
    // subscribe or search box, a share bar.
    if s.controls && s.chars < 400 && s.chars * 2 < total {
        return true;
    }
    let density = s.link_density();
    if s.chars > 0
        && density > 0.5
        && matches!(
            name,
            "div" | "section" | "ul" | "ol" | "table" | "dl" | "p" | "span"
        )
    {
        return true;
    }
    class_hint(e) < 0 && (density > 0.25 || s.chars < 300 || s.controls)
}

/// Pass 2: the blocks of text outside dropped subtrees, in document order.
fn collect_blocks(
    root: NodeRef<'_, Node>,
    stats: &HashMap<NodeId, Stats>,
    scope: Scope,
    total: usize,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut run = Run::default();
    let mut owners: Vec<NodeId> = vec![root.id()];
    let mut skip: Option<NodeId> = None;
    let mut in_link = 0usize;
    let mut in_article = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e) => {
                        let s = stats.get(&node.id()).copied().unwrap_or_default();
                        if dropped(e, s, scope, in_article > 0, total) {
                            skip = Some(node.id());
                            continue;
                        }
                        let name = e.name();
                        if BLOCK_LEVEL.contains(&name) {
                            run.flush(owners.last().copied(), &mut blocks);
                            owners.push(node.id());
                        } else if name == "br" {
                            // Two line breaks in a row end a paragraph; one is a space.
                            if run.after_br {
                                run.flush(owners.last().copied(), &mut blocks);
                            } else {
                                run.push(" ", in_link > 0);
                                run.after_br = true;
                            }
                            continue;
                        }
                        in_link += usize::from(is_link(e));
                        in_article += usize::from(matches!(name, "article" | "main"));
                    }
                    Node::Text(t) => {
                        run.push(t, in_link > 0);
                        if !t.trim().is_empty() {
                            run.after_br = false;
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if passed_over(&mut skip, node.id()) {
                    continue;
                }
                let Some(e) = element(node) else { continue };
                let name = e.name();
                if BLOCK_LEVEL.contains(&name) {
                    run.flush(owners.last().copied(), &mut blocks);
                    owners.pop();
                } else if name != "br" {
                    in_link = in_link.saturating_sub(usize::from(is_link(e)));
                    in_article =
                        in_article.saturating_sub(usize::from(matches!(name, "article" | "main")));
                }
            }
        }
    }
    run.flush(owners.last().copied(), &mut blocks);
    blocks
}

/// The text being gathered for the next block.
#[derive(Default)]
struct Run {
    text: String,
    chars: usize,
    link_chars: usize,
    after_br: bool,
}

impl Run {
    fn push(&mut self, text: &str, in_link: bool) {
        let n = push_collapsed(&mut self.text, text);
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
    }

    fn flush(&mut self, owner: Option<NodeId>, blocks: &mut Vec<Block>) {
        let text = self.text.trim();
        if let (false, Some(owner)) = (text.is_empty(), owner) {
            blocks.push(Block {
                text: text.to_string(),
                chars: self.chars.max(1),
                link_chars: self.link_chars,
                owner,
            });
        }
        *self = Run::default();
    }
}

/// Whether `id` is, or is inside, one of `roots`.
fn within(html: &Html, id: NodeId, roots: &HashSet<NodeId>) -> bool {
    let Some(node) = html.tree.get(id) else {
        return false;
    };
    roots.contains(&id) || node.ancestors().any(|a| roots.contains(&a.id()))
}

/// A container's own weight before its blocks: by what the tag usually holds.
fn tag_weight(name: &str) -> f64 {
    match name {
        "article" => 10.0,
        "div" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Pass 3 (pages): the article's container and its siblings that score
/// nearly as well; `None` when no block is long enough to judge by (then
/// every block that survived pass 2 is kept).
fn article_roots(
    html: &Html,
    blocks: &[Block],
    stats: &HashMap<NodeId, Stats>,
) -> Option<HashSet<NodeId>> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    let base = |node: NodeRef<'_, Node>| {
        element(node).map_or(0.0, |e| {
            tag_weight(e.name()) + 25.0 * f64::from(class_hint(e))
        })
    };
    for b in blocks.iter().filter(|b| b.chars >= MIN_SCORED_CHARS) {
        let commas = b.text.matches([',', '，', '、']).count() as f64;
        let score = 1.0 + commas + (b.chars as f64 / 100.0).min(3.0);
        let Some(owner) = html.tree.get(b.owner) else {
            continue;
        };
        for (level, anc) in owner
            .ancestors()
            .filter(|a| a.value().is_element())
            .take(3)
            .enumerate()
        {
            let share = match level {
                0 => 1.0,
                1 => 0.5,
                _ => 1.0 / (level as f64 * 3.0),
            };
            *scores.entry(anc.id()).or_insert_with(|| base(anc)) += score * share;
        }
    }
    let density = |id: &NodeId| stats.get(id).map_or(0.0, Stats::link_density);
    let final_score = |id: &NodeId, raw: f64| raw * (1.0 - density(id));
    let (top, top_score) = scores
        .iter()
        .map(|(id, raw)| (*id, final_score(id, *raw)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
    let mut roots = HashSet::from([top]);
    let threshold = (top_score * 0.2).max(10.0);
    let Some(top_node) = html.tree.get(top) else {
        return Some(roots);
    };
    if let Some(parent) = top_node.parent() {
        for sibling in parent.children().filter(|c| c.id() != top) {
            let s = scores
                .get(&sibling.id())
                .map(|raw| final_score(&sibling.id(), *raw));
            let text = stats.get(&sibling.id()).copied().unwrap_or_default();
            let paragraph = element(sibling).is_some_and(|e| e.name() == "p")
                && text.chars > 80
                && text.link_density() < 0.25;
            if s.is_some_and(|s| s >= threshold) || paragraph {
                roots.insert(sibling.id());
            }
        }
    }
    Some(roots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Vec<String> {
        main_text(&Html::parse_document(body), Scope::Page, None)
    }

    const ARTICLE: &str = "<p>The council voted on Tuesday to close the old bridge, which carries \
        twelve thousand cars a day, for repairs that will last until spring.</p>\
        <p>Engineers said the steel, corroded by salt, could no longer bear heavy trucks, \
        and that a temporary crossing would open downstream within a month.</p>";

    #[test]
    fn keeps_paragraphs_and_drops_furniture() {
        let html = format!(
            "<html><head><title>T</title><script>var tracker = 1;</script></head><body>\
             <nav><a href='/'>Home</a> <a href='/w'>World</a></nav>\
             <div class='cookie-notice'><p>We use cookies to improve things.</p><button>Accept</button></div>\
             <div id='main'>{ARTICLE}\
             <div class='related'><h3>Related stories</h3><ul><li><a href='/a'>Something else entirely</a></li>\
             <li><a href='/b'>Another unrelated headline here</a></li></ul></div></div>\
             <footer>Copyright footer words</footer></body></html>"
        );
        let paras = page(&html);
        assert_eq!(paras.len(), 2, "{paras:?}");
        assert!(paras[0].starts_with("The council voted"));
        let all = paras.join(" ");
        for word in [
            "tracker",
            "Home",
            "cookies",
            "Related",
            "Copyright",
            "Accept",
        ] {
            assert!(!all.contains(word), "{word} in {all}");
        }
    }

    #[test]
    fn entities_are_decoded_and_breaks_split_paragraphs() {
        let paras = main_text(
            &Html::parse_fragment(
                "<div>Fish &amp; chips &eacute;t&eacute;<br><br>Second part</div>",
            ),
            Scope::Fragment,
            None,
        );
        assert_eq!(paras, ["Fish & chips été", "Second part"]);
    }

    #[test]
    fn text_without_a_container_and_sibling_columns() {
        // Paragraphs straight under <body>, between a menu list and a footer.
        let bare = format!(
            "<body><ul><li><a href='/1'>Menu one</a></li><li><a href='/2'>Menu two</a></li></ul>\
             {ARTICLE}<p>Short closing line.</p></body>"
        );
        let paras = page(&bare);
        assert_eq!(paras.len(), 3, "{paras:?}");
        assert!(!paras.join(" ").contains("Menu"));
        // The article split over two sibling containers: both are kept.
        let split = format!("<body><div>{ARTICLE}</div><div>{ARTICLE}</div><div><a href='/x'>Login here please</a></div></body>");
        let paras = page(&split);
        assert_eq!(paras.len(), 4, "{paras:?}");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}text{}", "<div>".repeat(3_000), "</div>".repeat(3_000));
        assert!(nesting_cost(&html) < MAX_NESTING_COST);
        let paras = page(&html);
        assert_eq!(paras, ["text"]);
    }

    #[test]
    fn nesting_cost_is_estimated_without_parsing() {
        let flat = "<p>a<p>b<br><img src=x><li>c".repeat(10_000);
        assert_eq!(nesting_cost(&flat), 0);
        let deep = "<div><b>".repeat(100_000);
        assert!(nesting_cost(&deep) > MAX_NESTING_COST);
        let scripted = format!("<script>{}</script><div></div>", "<div>".repeat(100_000));
        assert_eq!(nesting_cost(&scripted), 2);
    }
}
