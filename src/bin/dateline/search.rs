//! `dateline search DOCS… QUERY`: search from the terminal, in documents
//! (indexed here, as the page indexes them) or in a site `dateline build`
//! wrote (read as its page reads it: see [`built`]).
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline::engine::snippet::Segment;
use dateline::engine::{Engine, Hit, SearchRequest, SearchResponse, Sort};
use dateline::parse::load_paths;
use dateline::query::{searched_part, SearchNotes};

use crate::built;

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to search, then the query. The documents are the
    /// leading arguments that name something on disk; the words after them
    /// are the query, joined by spaces (`dateline search DOCS Lavrov -Blinken`
    /// as well as `"Lavrov -Blinken"`). The query may start with `-` (an
    /// excluded word: `dateline search DOCS -Blinken`): `main` puts these
    /// after a `--` for that.
    #[arg(required = true, num_args = 2.., value_name = "DOCS… QUERY")]
    args: Vec<String>,
    /// Print the response as JSON.
    #[arg(long)]
    json: bool,
    /// Mark query words in bold yellow: `auto` when the output is a
    /// terminal and `NO_COLOR` is unset, `always`, or `never`.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorArg,
    #[arg(long, value_enum, default_value = "relevance")]
    sort: SortArg,
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    /// Skip tagging time expressions (no event timeline; `mentions:` matches nothing).
    #[arg(long)]
    no_events: bool,
    /// Recognize people, organisations and places with this model (from
    /// `dateline train-ner`), for `person:`/`org:`/`place:` filters and facets.
    #[arg(long)]
    ner_model: Option<PathBuf>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

impl ColorArg {
    /// Whether escapes go out: never into a file or a pipe unless asked,
    /// so `dateline search … > hits.txt` holds plain text.
    fn on(self) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

/// `s` as safe to print: control characters (escape sequences, NUL) are
/// dropped, so no article text can drive the terminal. The parser already
/// strips them; this is the last guard before the terminal.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The query as the header line shows it: the part the search read (a
/// query past the budget is cut, as the budget note below says), cleaned.
fn shown_query(query: &str) -> String {
    let read = searched_part(query);
    let more = if read.len() < query.len() { "…" } else { "" };
    format!("{}{more}", clean(read))
}

fn render(segments: &[Segment], color: bool) -> String {
    segments
        .iter()
        .map(|s| {
            if s.hit && color {
                format!("\x1b[1;33m{}\x1b[0m", clean(&s.text))
            } else {
                clean(&s.text)
            }
        })
        .collect()
}

/// A `--from`/`--to` day, checked: a wrong one is an error, not ignored.
fn date_arg(flag: &str, value: Option<String>) -> anyhow::Result<Option<String>> {
    match value {
        Some(v) => match dateline::parse::parse_date(&v) {
            Ok(_) => Ok(Some(v)),
            Err(why) => anyhow::bail!("invalid --{flag} {v:?}: {why}"),
        },
        None => Ok(None),
    }
}

/// What the search tells the reader about its reading of the query, one
/// line each (the page shows the same notes).
fn note_lines(notes: &SearchNotes) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(r) = &notes.relaxed {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        lines.push(if r.with_all == 0 {
            format!(
                "no article has all {} words; showing those with at least {}",
                r.words, r.min_words
            )
        } else {
            format!(
                "only {} article{} {} all {} words; then those with at least {}",
                r.with_all,
                plural(r.with_all),
                if r.with_all == 1 { "has" } else { "have" },
                r.words,
                r.min_words
            )
        });
    }
    for a in &notes.also_searched {
        lines.push(format!("also searched: {} → {}", a.word, a.also.join(", ")));
    }
    for p in &notes.problems {
        lines.push(format!("query: {}: {}", p.text, p.message));
    }
    for l in &notes.limits {
        lines.push(format!("query budget: {:?} limited to {}", l.kind, l.limit).to_lowercase());
    }
    lines
}

/// The documents and the query of `dateline search`'s positionals: the
/// documents are the leading arguments that exist on disk, the query the
/// rest joined by spaces, so an unquoted query of several words reads as
/// typed. The last argument is always query; when not even the first names
/// anything on disk, every argument but the last is a document path, so the
/// loader names the missing file rather than searching for it.
fn docs_and_query(args: &[String]) -> anyhow::Result<(Vec<PathBuf>, String)> {
    let Some((_, leading)) = args.split_last() else {
        anyhow::bail!("give documents and a query");
    };
    let on_disk = |a: &String| std::fs::symlink_metadata(a).is_ok();
    let docs = match leading.iter().take_while(|a| on_disk(a)).count() {
        0 => leading.len(),
        n => n,
    };
    let (docs, query) = args.split_at(docs);
    Ok((docs.iter().map(PathBuf::from).collect(), query.join(" ")))
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let (docs, query) = docs_and_query(&args.args)?;
    let query = &query;
    let req = SearchRequest {
        q: query.clone(),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        offset: args.offset,
        limit: Some(args.limit),
        from: date_arg("from", args.from.clone())?,
        to: date_arg("to", args.to.clone())?,
        ..Default::default()
    };
    // A built site (or its corpus folder) is read as its page reads it.
    let site = match docs.as_slice() {
        [one] => built::corpus_of(one),
        _ => None,
    };
    let answer = match site {
        Some(corpus) => from_site(&corpus, &req, &args)?,
        None => from_documents(&docs, &req, &args)?,
    };
    let Answer {
        response,
        took,
        source,
        entities,
    } = answer;
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&response)?)?;
        return Ok(());
    }
    let color = args.color.on();
    writeln!(
        out,
        "{} for {:?} ({:.2} ms; {source})\n",
        count_line(response.total, response.listed),
        shown_query(query),
        took.as_secs_f64() * 1e3,
    )?;
    for line in note_lines(&response.notes) {
        writeln!(out, "{line}")?;
    }
    if !response.notes.is_empty() {
        writeln!(out)?;
    }
    if let Some(entities) = entities {
        writeln!(out, "{entities}")?;
        for (label, facet) in [
            ("people", &response.facets.people),
            ("organisations", &response.facets.organizations),
            ("places", &response.facets.places),
        ] {
            let top: Vec<String> = facet
                .iter()
                .take(6)
                .map(|f| format!("{} ({})", clean(&f.name), f.count))
                .collect();
            writeln!(out, "  {label}: {}", top.join(", "))?;
        }
        writeln!(out)?;
    }
    for (i, hit) in response.hits.iter().enumerate() {
        writeln!(
            out,
            "{:>3}. {}  {}  [{}]",
            args.offset + i + 1,
            hit.date.as_deref().unwrap_or("undated   "),
            title_line(hit, color),
            clean(&hit.id)
        )?;
        writeln!(out, "     {}", render(&hit.snippet, color))?;
        if let Some(also) = also_line(hit) {
            writeln!(out, "     {also}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A search's response and what to say of where it came from.
struct Answer {
    response: SearchResponse,
    /// The search itself (the index already built or opened).
    took: Duration,
    /// The header's note: "447 articles indexed in 60 ms".
    source: String,
    /// Where the facets' entities came from, when there are facets.
    entities: Option<String>,
}

/// Search documents (files and folders), indexed here as the page does.
fn from_documents(docs: &[PathBuf], req: &SearchRequest, args: &Args) -> anyhow::Result<Answer> {
    let started = Instant::now();
    let parsed = load_paths(docs);
    for d in parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity() == dateline::parse::Severity::Error)
    {
        eprintln!("{d}");
    }
    if parsed.articles.is_empty() {
        // Nothing to search is a failed search, not "0 results": the
        // messages above say why each input gave no article.
        anyhow::bail!("no articles to search in the documents given");
    }
    let engine = Engine::with_events(parsed.articles, !args.no_events);
    let model = args.ner_model.as_deref().map(model_file).transpose()?;
    in_page(engine, started, model, req)
}

/// `--ner-model`'s file: its name as messages give it, and its bytes.
fn model_file(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok((path.display().to_string(), bytes))
}

impl Answer {
    /// Run `search`, timed, and say `source` and `entities` of it.
    fn timed(
        search: impl FnOnce() -> SearchResponse,
        source: String,
        entities: Option<String>,
    ) -> Answer {
        let t = Instant::now();
        let response = search();
        Answer {
            response,
            took: t.elapsed(),
            source,
            entities,
        }
    }
}

/// Index `engine`'s articles' entities with `model` (named by its file)
/// when one is given, then search: the in-page index, as the page has it.
fn in_page(
    mut engine: Engine,
    started: Instant,
    model: Option<(String, Vec<u8>)>,
    req: &SearchRequest,
) -> anyhow::Result<Answer> {
    let loaded = started.elapsed();
    let mut entities = None;
    if let Some((name, bytes)) = model {
        let t = Instant::now();
        engine
            .load_entities(Some(&bytes))
            .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        entities = Some(format!(
            "entities recognized in {:.0} ms",
            t.elapsed().as_secs_f64() * 1e3
        ));
    }
    let source = format!(
        "{} articles indexed in {:.0} ms",
        engine.index().len(),
        loaded.as_secs_f64() * 1e3
    );
    Ok(Answer::timed(|| engine.search(req), source, entities))
}

/// Search a built site (`corpus` its corpus folder): a prebuilt index read
/// file by file as the search needs them, or its packs indexed here with
/// the entity model the site ships (`--ner-model` instead, when given).
fn from_site(corpus: &Path, req: &SearchRequest, args: &Args) -> anyhow::Result<Answer> {
    let started = Instant::now();
    let mut site = match built::open(corpus)? {
        built::Built::Prebuilt(site) => site,
        built::Built::Packs { articles, model } => {
            let engine = Engine::with_events(articles, !args.no_events);
            let model = match args.ner_model.as_deref() {
                Some(path) => Some(model_file(path)?),
                None => model.map(|m| (format!("{}'s model", corpus.display()), m)),
            };
            return in_page(engine, started, model, req);
        }
    };
    if args.ner_model.is_some() || args.no_events {
        eprintln!(
            "dateline search: {} has a prebuilt index, with its events and entities as it was built: --ner-model and --no-events change nothing",
            corpus.display()
        );
    }
    let has_entities = site.engine.stats().features.entities;
    if has_entities {
        site.complete(|e| e.needs_entities())?;
    }
    site.complete(|e| e.needs_search(req))?;
    let (engine, files, bytes) = (&site.engine, site.files, site.bytes);
    let loaded = started.elapsed();
    let source = format!(
        "{} articles, a prebuilt index: {files} files read ({:.0} KB) in {:.0} ms",
        engine.stats().articles,
        bytes as f64 / 1e3,
        loaded.as_secs_f64() * 1e3
    );
    let entities = has_entities.then(|| "entities from the prebuilt index".to_string());
    Ok(Answer::timed(|| engine.search(req), source, entities))
}

/// `n` and the noun, plural when `n` is not one (the page's `plural`).
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The header's count, as the page words it: rows, a reprinted story being
/// one, and how many copies were folded into them.
fn count_line(total: usize, listed: usize) -> String {
    if total == 0 {
        return "No results".into();
    }
    match total.saturating_sub(listed) {
        0 => plural(listed, "result"),
        folded => format!(
            "{} ({} folded in)",
            plural(listed, "result"),
            plural(folded, "reprint")
        ),
    }
}

/// A row's title: the headline, or, when the source gave none, the lead
/// said to be one (the page sets it in italics after a hidden "No
/// headline; the article begins:"), so a first sentence never reads as a
/// headline.
fn title_line(hit: &Hit, color: bool) -> String {
    let title = render(&hit.title_marked, color);
    match (hit.lead, title.is_empty()) {
        (_, true) => "(no headline: only page furniture)".into(),
        (true, false) => format!("(no headline) {title}"),
        (false, false) => title,
    }
}

/// "Also in N sources: …": a reprinted story's other copies, each with what
/// opens it (source, day, id), as the page lists them under the row.
fn also_line(hit: &Hit) -> Option<String> {
    if hit.also.is_empty() {
        return None;
    }
    let copies: Vec<String> = (hit.also.iter())
        .map(|r| {
            let source = r.source.as_deref().map(clean).unwrap_or_default();
            let date = r.date.as_deref().unwrap_or("undated");
            format!("{} {date} [{}]", source, clean(&r.id))
                .trim_start()
                .to_string()
        })
        .collect();
    Some(format!(
        "also in {}: {}",
        plural(hit.also.len(), "source"),
        copies.join("; ")
    ))
}
