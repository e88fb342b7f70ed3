//! The formats of the `formats` feature, by extension and by sniffing the
//! content: HTML pages, RSS/Atom feeds, CSV/TSV tables. One entry,
//! [`parse_document`], for every caller that has a file's name and bytes
//! (the command line through [`super::load_paths`], the page's import later).

use super::assemble::{Parsed, MAX_ARTICLE_BYTES};
use super::diagnostic::{Diagnostic, DiagnosticKind};
use super::feed::parse_feed;
use super::html::parse_html;
use super::jsonl::parse_jsonl;
use super::seed::parse_seed;
use super::table::parse_table;
use super::text::strip_controls;

/// Files of these formats larger than this are not read: a feed or table
/// holds many articles, and a saved page carries scripts and styles, so
/// the one-article limit is too small; this one still bounds memory.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// A format of the `formats` feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Web {
    Html,
    Feed,
    /// A table; the separator when the extension says it (`.tsv`).
    Table(Option<u8>),
}

/// The format an extension (lower case, no dot) names.
pub(crate) fn web_format(ext: &str) -> Option<Web> {
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Web::Html,
        "xml" | "rss" | "atom" => Web::Feed,
        "csv" => Web::Table(None),
        "tsv" | "tab" => Web::Table(Some(b'\t')),
        _ => return None,
    })
}

/// What the first element of a markup file says it is: a feed (`<rss>`,
/// `<feed>`, `<rdf:RDF>`) or HTML (anything else), whatever the extension
/// (a feed saved as `.html`, a page saved as `.xml`).
fn sniff_markup(bytes: &[u8]) -> Web {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let mut rest: &str = &head;
    loop {
        let Some(i) = rest.find('<') else {
            return Web::Html;
        };
        rest = &rest[i + 1..];
        // Declarations, comments, doctypes and processing instructions come first.
        if rest.starts_with(['?', '!']) {
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
            .collect();
        let local = name.rsplit(':').next().unwrap_or(&name);
        return match local {
            "rss" | "feed" | "RDF" => Web::Feed,
            _ => Web::Html,
        };
    }
}

/// Parse one file of a format of the `formats` feature; markup is sniffed
/// (feed or page) whatever its extension says.
pub(crate) fn parse_web(file: &str, stem: &str, format: Web, bytes: &[u8]) -> Parsed {
    match format {
        Web::Html | Web::Feed => match sniff_markup(bytes) {
            Web::Feed => parse_feed(file, stem, bytes),
            _ => parse_html(file, stem, bytes),
        },
        Web::Table(delimiter) => parse_table(file, stem, bytes, delimiter),
    }
}

/// Parse a document from its file name and bytes, by the name's extension
/// (`.txt` seed, `.jsonl`/`.ndjson`, `.html`/`.htm`, `.xml`/`.rss`/`.atom`,
/// `.csv`/`.tsv`), markup sniffed as feed or page. `None` when the
/// extension is none of these. The article id (or its prefix, for files of
/// several articles) is the name's stem.
pub fn parse_document(name: &str, bytes: &[u8]) -> Option<Parsed> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = base.rsplit_once('.')?;
    let stem = strip_controls(stem, false);
    let ext = ext.to_ascii_lowercase();
    Some(match ext.as_str() {
        "txt" => parse_seed(name, &stem, bytes),
        "jsonl" | "ndjson" => parse_jsonl(name, &stem, bytes),
        other => parse_web(name, &stem, web_format(other)?, bytes),
    })
}

/// The size rule for a caller that holds a whole file in memory (the
/// page's import): a seed file over [`MAX_ARTICLE_BYTES`] (one article),
/// any other over [`MAX_FILE_BYTES`] (a JSON Lines file too, since it is
/// held whole here), as the diagnostic that skips it; `None` within the limit.
pub fn oversized(name: &str, len: usize) -> Option<Diagnostic> {
    let seed = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("txt"));
    let bytes = u64::try_from(len).unwrap_or(u64::MAX);
    let kind = if seed {
        (len > MAX_ARTICLE_BYTES).then_some(DiagnosticKind::FileTooLarge {
            bytes,
            limit: MAX_ARTICLE_BYTES,
        })
    } else {
        (len > MAX_FILE_BYTES).then_some(DiagnosticKind::CollectionTooLarge {
            bytes,
            limit: MAX_FILE_BYTES,
        })
    };
    kind.map(|k| Diagnostic::new(name, None, k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_feeds_behind_declarations() {
        assert_eq!(
            sniff_markup(b"<?xml version='1.0'?>\n<!-- c --><rss>"),
            Web::Feed
        );
        assert_eq!(sniff_markup(b"<rdf:RDF xmlns:rdf='x'>"), Web::Feed);
        assert_eq!(sniff_markup(b"<!DOCTYPE html><html>"), Web::Html);
        assert_eq!(sniff_markup(b"plain"), Web::Html);
    }

    #[test]
    fn dispatch_by_extension() {
        let p = parse_document("dir/x.CSV", b"date,text\n2022-01-01,Hi.\n").unwrap();
        assert_eq!(p.articles[0].id, "x:2");
        assert!(parse_document("x.pdf", b"").is_none());
    }

    #[test]
    fn oversized_by_format() {
        assert!(oversized("a.txt", MAX_ARTICLE_BYTES).is_none());
        let d = oversized("d/a.TXT", MAX_ARTICLE_BYTES + 1).unwrap();
        assert_eq!(d.file, "d/a.TXT");
        assert!(matches!(d.kind, DiagnosticKind::FileTooLarge { .. }));
        assert!(oversized("a.html", MAX_ARTICLE_BYTES + 1).is_none());
        assert!(matches!(
            oversized("a.jsonl", MAX_FILE_BYTES + 1).map(|d| d.kind),
            Some(DiagnosticKind::CollectionTooLarge { .. })
        ));
    }
}
