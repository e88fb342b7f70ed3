//! `dateline entities`: tag entities; `dateline train-ner`: build the model file.
use anyhow::Context;
use dateline::engine::Engine;
use dateline::entities::{conll, model, EntityType, Recognizer};
use std::io::{Read, Write};
use std::path::PathBuf;

/// Print people, organisations and places in UTF-8 text as JSON lines; with
/// `--top N`, a collection's N entities of each type named in most articles.
#[derive(clap::Args)]
pub struct Args {
    /// Input file (UTF-8); standard input when absent. With `--top`: the
    /// collection's files or folders (as `dateline search` reads them).
    pub inputs: Vec<PathBuf>,
    /// Trained model file (from `dateline train-ner`). Without it, rules and
    /// the built-in gazetteer only.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Recognise and merge the whole collection as the page does, and list
    /// the N entities of each type named in most articles (the page's facets
    /// for an empty query are the first ten of each).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// With `--top`: print JSON (`{"people": […], "organizations": […],
    /// "places": […]}`) instead of a table.
    #[arg(long, requires = "top")]
    pub json: bool,
}

/// One line of `dateline entities --top`.
#[derive(serde::Serialize)]
struct TopEntity {
    key: String,
    name: String,
    /// Articles naming it.
    articles: u32,
    mentions: usize,
    /// Surface forms, most frequent first.
    aliases: Vec<String>,
}

/// `dateline entities --top N --json`: the entities of each type, most
/// articles first (ties as the page's facets).
#[derive(serde::Serialize, Default)]
struct Top {
    people: Vec<TopEntity>,
    organizations: Vec<TopEntity>,
    places: Vec<TopEntity>,
}

/// Load a recognizer: the model when given, else the rule-based one.
pub fn load_recognizer(model: Option<&PathBuf>) -> anyhow::Result<Recognizer> {
    match model {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?;
            Recognizer::from_model_bytes(&bytes)
                .with_context(|| format!("loading model {}", p.display()))
        }
        None => {
            eprintln!("dateline entities: no --model given: rules and the built-in gazetteer only (build the model with `dateline train-ner`, see eval/NER.md)");
            Ok(Recognizer::basic())
        }
    }
}

/// Run `dateline entities`.
pub fn run(args: Args) -> anyhow::Result<()> {
    if let Some(n) = args.top {
        return top(&args, n);
    }
    if args.inputs.len() > 1 {
        anyhow::bail!(
            "give one text file (or none, for standard input); a collection takes --top N"
        );
    }
    let rec = load_recognizer(args.model.as_ref())?;
    let mut text = String::new();
    match args.inputs.first() {
        Some(p) => {
            text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        None => {
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading standard input")?;
        }
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for m in rec.recognize(&text) {
        serde_json::to_writer(&mut out, &m)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// `dateline entities --top N DOCS…`: recognise and merge through the
/// engine the page runs (the same recogniser, filing and merging), then list.
fn top(args: &Args, n: usize) -> anyhow::Result<()> {
    if args.inputs.is_empty() {
        anyhow::bail!("--top needs the collection's files or folders");
    }
    let parsed = crate::inputs::Docs {
        docs: args.inputs.clone(),
    }
    .load_reporting();
    let model = match &args.model {
        Some(p) => {
            Some(std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?)
        }
        None => {
            eprintln!("dateline entities: no --model given: rules and the built-in gazetteer only");
            None
        }
    };
    let mut engine = Engine::with_events(parsed.articles, false);
    engine
        .load_entities(model.as_deref())
        .map_err(|e| anyhow::anyhow!("loading the model: {e}"))?;
    let index = engine.index();
    let mut top = Top::default();
    if let Some(ents) = index.entities() {
        for (e, articles) in ents.counts(0..index.len() as u32, n) {
            let Some(r) = ents.record(e) else { continue };
            let list = match r.kind {
                EntityType::Person => &mut top.people,
                EntityType::Organization => &mut top.organizations,
                EntityType::Location => &mut top.places,
                EntityType::Misc => continue,
            };
            list.push(TopEntity {
                key: r.key.clone(),
                name: r.name.clone(),
                articles,
                mentions: r.mentions,
                aliases: r.aliases.clone(),
            });
        }
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &top)?;
        out.write_all(b"\n")?;
    } else {
        for (label, list) in [
            ("people", &top.people),
            ("organisations", &top.organizations),
            ("places", &top.places),
        ] {
            writeln!(out, "{label} (articles, mentions, name, aliases):")?;
            for (i, t) in list.iter().enumerate() {
                let shown: Vec<&str> = t.aliases.iter().take(6).map(String::as_str).collect();
                writeln!(
                    out,
                    "{:>4}. {:>5} {:>6}  {}  [{}]",
                    i + 1,
                    t.articles,
                    t.mentions,
                    t.name,
                    shown.join(" | ")
                )?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Train the NER model from CoNLL-2003 data and write the model file.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// CoNLL-2003 training file (IOB1), e.g. ../shared/corpora/conll2003/eng.train.
    #[arg(long)]
    pub conll: PathBuf,
    /// Output model file, e.g. dist/models/ner.bin.
    #[arg(long)]
    pub out: PathBuf,
    /// Extra gazetteer (cities, regions, first names) shipped inside the model,
    /// generated by tools/ner/make_gazetteer.py.
    #[arg(long, default_value = "tools/ner/data/extra.tsv")]
    pub gazetteer: PathBuf,
    /// Training passes.
    #[arg(long, default_value_t = model::TrainConfig::default().epochs)]
    pub epochs: usize,
    /// log2 of the hashed feature table size.
    #[arg(long, default_value_t = model::TrainConfig::default().log2_buckets)]
    pub bits: u32,
    /// Shuffle seed (training is deterministic for a given seed).
    #[arg(long, default_value_t = model::TrainConfig::default().seed)]
    pub seed: u64,
}

/// Run `dateline train-ner`.
pub fn train(args: TrainArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.conll)
        .with_context(|| format!("reading {}", args.conll.display()))?;
    let docs = conll::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", args.conll.display()))?;
    let extra = std::fs::read_to_string(&args.gazetteer)
        .with_context(|| format!("reading {}", args.gazetteer.display()))?;
    let cfg = model::TrainConfig {
        epochs: args.epochs,
        log2_buckets: args.bits,
        seed: args.seed,
    };
    let t0 = std::time::Instant::now();
    let m = model::train(&docs, &extra, cfg, |e, acc| {
        eprintln!(
            "epoch {e}: candidate-token accuracy {acc:.4} ({:.1}s)",
            t0.elapsed().as_secs_f64()
        )
    });
    let bytes = m.to_bytes();
    if let Some(dir) = args.out.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) from {} documents",
        args.out.display(),
        bytes.len(),
        docs.len()
    );
    Ok(())
}
