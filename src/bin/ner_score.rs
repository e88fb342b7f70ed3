//! `ner-score`: CoNLL-style entity-level scoring of Dateline's recogniser.
//!
//! Runs on the token sequences of a CoNLL-2003 file directly (tokens joined by
//! single spaces, the file's sentence breaks kept), so spans compare exactly
//! with the gold chunks, as conlleval does: a hit needs the same first token,
//! last token and type. Prints precision, recall and F1 per type and overall
//! over PER+ORG+LOC (and over all four), for the full pipeline (what
//! `Recognizer::recognize` does after tokenising) and for the tagger alone.
//!
//! `--through-text spaced|detok` scores what the product gets instead: each
//! document rebuilt as an article's text, cut into paragraphs and joined as
//! the entity index does, recognised from text, and the predicted character
//! spans aligned back to the gold tokens (see `as_article_text`).
//!
//! `--bench FILE.jsonl` instead times `recognize` over the `text` field of
//! every line (the Reuters-21578 collection) and prints MB/s, then times the
//! page's whole entity pass over the parsed articles (model load, recognition
//! with per-article resolution, merging and filing), as `Engine::load_entities`.
use anyhow::Context;
use clap::Parser;
use dateline::entities::model::TrainDoc;
use dateline::entities::tokenize::Tok;
use dateline::entities::{conll, Cache, Mention, Recognizer};
use dateline::index::boilerplate::Boilerplate;
use dateline::index::entities::EntityIndexBuilder;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "ner-score", about = "Entity-level P/R/F1 on a CoNLL-2003 file")]
struct Cli {
    /// CoNLL-2003 file to score (e.g. ../shared/corpora/conll2003/eng.testa).
    file: Option<PathBuf>,
    /// Model file from `dateline train-ner`; without it the rule-based recogniser is scored.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Print, per document, mentions where the pipeline and the tagger disagree
    /// (`+` pipeline only, `-` tagger only; `ok`/`bad` against gold).
    #[arg(long)]
    diff: bool,
    /// Print the pipeline's errors: `FN` missed gold entities (with what was
    /// predicted over the same tokens), `FP` spurious predictions.
    #[arg(long)]
    errors: bool,
    /// Score through the product's text path: each document rebuilt as an
    /// article (`spaced`: tokens joined by spaces; `detok`: no space before
    /// `, . ; : ! ? ) 's n't` and none after `(`), its paragraphs cut by
    /// `parse::split_paragraphs` and joined as the entity index joins them,
    /// recognised by `Recognizer::recognize_with`, predicted character spans
    /// aligned back to the gold tokens.
    #[arg(long, value_enum)]
    through_text: Option<Detok>,
    /// With `--through-text`: one sentence per line (lines of one paragraph,
    /// as a plain-text file with single line breaks) instead of one sentence
    /// per paragraph.
    #[arg(long)]
    lines: bool,
    /// Time recognition over a JSON Lines corpus (field `text`) instead of scoring.
    #[arg(long)]
    bench: Option<PathBuf>,
}

/// How tokens are joined when a document is rebuilt as text.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Detok {
    /// Tokens joined by single spaces.
    Spaced,
    /// As written: no space before closing punctuation and clitics, none after `(`.
    Detok,
}

/// Whether no space goes between tokens `prev` and `next` when detokenising.
fn glue(prev: &str, next: &str) -> bool {
    matches!(
        next,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "'s" | "n't" | "'S" | "N'T"
    ) || prev == "("
}

/// A CoNLL document rebuilt as an article's recognised text, with each gold
/// token's span in it: sentences are paragraphs (or lines of one paragraph
/// with `lines`), cut by the parser the product uses for plain text and
/// joined as the entity index joins an article's paragraphs.
fn as_article_text(d: &TrainDoc, how: Detok, lines: bool) -> anyhow::Result<(String, Vec<Tok>)> {
    let mut body = String::new();
    let mut toks = Vec::with_capacity(d.toks.len());
    let mut prev = "";
    for t in &d.toks {
        let w = &d.text[t.start..t.end];
        if !body.is_empty() {
            if t.sent_start {
                body.push_str(if lines { "\n" } else { "\n\n" });
            } else if !(how == Detok::Detok && glue(prev, w)) {
                body.push(' ');
            }
        }
        let start = body.len();
        body.push_str(w);
        toks.push(Tok {
            start,
            end: body.len(),
            sent_start: t.sent_start,
        });
        prev = w;
    }
    // What an article made from this body holds, joined as `EntityIndexBuilder` joins it.
    let text = dateline::parse::split_paragraphs(&body).join("\n\n");
    // Paragraph cutting changes only white space: find each token in turn.
    let mut at = 0;
    for t in toks.iter_mut() {
        let w = &body[t.start..t.end];
        let found = text.get(at..).and_then(|rest| {
            let i = rest.find(w)?;
            rest[..i].chars().all(char::is_whitespace).then_some(at + i)
        });
        let Some(start) = found else {
            anyhow::bail!("token {w:?} not found in the article's text after byte {at}");
        };
        *t = Tok {
            start,
            end: start + w.len(),
            sent_start: t.sent_start,
        };
        at = t.end;
    }
    Ok((text, toks))
}

/// Entity-level counts through the text path (see [`as_article_text`]).
/// With `errors`, prints each missed gold entity (`FN`) and spurious prediction (`FP`).
fn score_text(
    rec: &Recognizer,
    docs: &[TrainDoc],
    how: Detok,
    lines: bool,
    errors: bool,
) -> anyhow::Result<[Counts; 4]> {
    let mut c = [Counts::default(); 4];
    let mut cache = Cache::new();
    for d in docs {
        let (text, toks) = as_article_text(d, how, lines)?;
        let ms = rec.recognize_with(&mut cache, &text);
        let (by_start, by_end) = token_edges(&toks);
        let pred: HashSet<(usize, usize, u8)> = ms
            .iter()
            .map(|m| {
                // A span that does not start and end on gold token edges is a miss.
                (
                    by_start.get(&m.start).copied().unwrap_or(usize::MAX),
                    by_end.get(&m.end).copied().unwrap_or(usize::MAX - m.start),
                    m.kind.index(),
                )
            })
            .collect();
        let gold: HashSet<(usize, usize, u8)> = conll::chunks(&d.gold).into_iter().collect();
        tally(&mut c, &pred, &gold);
        if errors {
            let name = |t: u8| ["PER", "ORG", "LOC", "MISC"][t as usize & 3];
            for g in gold.iter().filter(|g| !pred.contains(g)) {
                let (a, b) = (toks[g.0].start, toks[g.1 - 1].end);
                let over: Vec<String> = ms
                    .iter()
                    .filter(|m| m.start < b && a < m.end)
                    .map(|m| format!("{}:{}", m.kind.conll(), &text[m.start..m.end]))
                    .collect();
                println!("FN {:<4} {:?} <- {:?}", name(g.2), &text[a..b], over);
            }
            for m in ms.iter() {
                let key = (
                    by_start.get(&m.start).copied().unwrap_or(usize::MAX),
                    by_end.get(&m.end).copied().unwrap_or(usize::MAX - m.start),
                    m.kind.index(),
                );
                if !gold.contains(&key) {
                    println!("FP {:<4} {:?}", m.kind.conll(), &text[m.start..m.end]);
                }
            }
        }
    }
    Ok(c)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.pred += o.pred;
        self.gold += o.gold;
    }
}

/// Where each token starts (→ its index) and ends (→ its index + 1), by
/// byte offset: a predicted span maps back to tokens through these.
fn token_edges(toks: &[Tok]) -> (HashMap<usize, usize>, HashMap<usize, usize>) {
    let by_start = toks.iter().enumerate().map(|(i, t)| (t.start, i)).collect();
    let by_end = toks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.end, i + 1))
        .collect();
    (by_start, by_end)
}

/// Adds one document's predicted and gold chunks (first token, end token,
/// type index) to the per-type counts: exact span and type, as conlleval.
fn tally(
    c: &mut [Counts; 4],
    pred: &HashSet<(usize, usize, u8)>,
    gold: &HashSet<(usize, usize, u8)>,
) {
    for &(_, _, t) in pred {
        c[t as usize].pred += 1;
    }
    for g in gold {
        c[g.2 as usize].gold += 1;
        if pred.contains(g) {
            c[g.2 as usize].tp += 1;
        }
    }
}

fn score(
    rec: &Recognizer,
    docs: &[dateline::entities::model::TrainDoc],
    pipeline: bool,
) -> [Counts; 4] {
    let mut c = [Counts::default(); 4];
    let mut cache = Cache::new();
    for d in docs {
        let ms: Vec<Mention> = if pipeline {
            rec.recognize_tokens(&mut cache, &d.text, &d.toks)
        } else {
            rec.tag_tokens(&mut cache, &d.text, &d.toks)
        };
        let (by_start, by_end) = token_edges(&d.toks);
        let pred: HashSet<(usize, usize, u8)> = ms
            .iter()
            .filter_map(|m| {
                Some((
                    *by_start.get(&m.start)?,
                    *by_end.get(&m.end)?,
                    m.kind.index(),
                ))
            })
            .collect();
        let gold: HashSet<(usize, usize, u8)> = conll::chunks(&d.gold).into_iter().collect();
        tally(&mut c, &pred, &gold);
    }
    c
}

fn report(title: &str, c: &[Counts; 4]) {
    println!("{title}");
    println!(
        "  {:<14} {:>9} {:>9} {:>9} {:>7} {:>7}",
        "type", "precision", "recall", "F1", "gold", "pred"
    );
    let line = |name: &str, x: &Counts| {
        let (p, r, f) = x.prf();
        println!(
            "  {:<14} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
            name, p, r, f, x.gold, x.pred
        );
    };
    for (i, name) in ["PER", "ORG", "LOC", "MISC"].iter().enumerate() {
        line(name, &c[i]);
    }
    let mut three = Counts::default();
    for x in &c[..3] {
        three.add(*x);
    }
    let mut all = three;
    all.add(c[3]);
    line("PER+ORG+LOC", &three);
    line("all four", &all);
}

fn bench(rec: &Recognizer, model: Option<&[u8]>, path: &PathBuf) -> anyhow::Result<()> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t0 = std::time::Instant::now();
    let c0 = thread_cpu_ns();
    let mut n = 0usize;
    // A digest of every mention, so that a speed change can show it changed nothing.
    let mut digest = 0xcbf2_9ce4_8422_2325u64;
    let mut cache = Cache::new();
    for t in &texts {
        let ms = rec.recognize_with(&mut cache, t);
        n += ms.len();
        for m in &ms {
            for b in format!("{}:{}:{}:{}|", m.start, m.end, m.kind.conll(), m.canonical).bytes() {
                digest = (digest ^ b as u64).wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    let s = t0.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    let cpu = match (c0, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => format!(
            ", {:.2} s on CPU: {:.1} MB/s per core",
            (b - a) as f64 / 1e9,
            mb / ((b - a) as f64 / 1e9)
        ),
        _ => String::new(),
    };
    println!(
        "{} articles, {:.1} MB, {} mentions (digest {:016x}) in {:.2} s wall: {:.1} MB/s (single thread, {}){}",
        texts.len(),
        mb,
        n,
        digest,
        s,
        mb / s,
        if rec.has_model() { "model" } else { "rules" },
        cpu
    );
    // The page's whole entity pass over the same collection, phase by phase:
    // what `Engine::load_entities` does after indexing.
    let parsed = dateline::parse::load_paths(std::slice::from_ref(path));
    let docs = parsed.articles;
    let ms = |t: std::time::Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = std::time::Instant::now();
    let rec = match model {
        Some(b) => Recognizer::from_model_bytes(b)?,
        None => Recognizer::basic(),
    };
    let load = ms(t);
    let t = std::time::Instant::now();
    let mut builder = EntityIndexBuilder::new(rec);
    builder.step(&docs, usize::MAX);
    let step = ms(t);
    let t = std::time::Instant::now();
    let ix = builder.finish(&docs, &Boilerplate::detect(&docs));
    let finish = ms(t);
    let mut digest = 0xcbf2_9ce4_8422_2325u64;
    let mut eat = |s: String| {
        for b in s.bytes() {
            digest = (digest ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    };
    for e in 0..ix.len() as u32 {
        if let Some(r) = ix.record(e) {
            eat(format!(
                "{}|{}|{:?}|{:?}|{}|{:?}\n",
                r.key, r.name, r.kind, r.aliases, r.mentions, r.docs
            ));
        }
    }
    for d in 0..docs.len() as u32 {
        eat(format!("{:?}{:?}", ix.of_doc(d), ix.entities_of_doc(d)));
    }
    println!(
        "entity pass over {} articles: model load {load:.0} ms, recognition {step:.0} ms, merging and filing {finish:.0} ms; total {:.0} ms ({} entities, {} mentions, digest {digest:016x})",
        docs.len(),
        load + step + finish,
        ix.len(),
        ix.mention_count()
    );
    Ok(())
}

/// CPU time of this thread in ns (Linux), so that a busy machine does not
/// distort the throughput figure.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let model_bytes = match &cli.model {
        Some(p) => {
            Some(std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?)
        }
        None => None,
    };
    let rec = match &model_bytes {
        Some(bytes) => Recognizer::from_model_bytes(bytes)?,
        None => {
            eprintln!("ner-score: no --model given; scoring the rule-based recogniser (Recognizer::basic)");
            Recognizer::basic()
        }
    };
    if let Some(b) = &cli.bench {
        if !b.exists() {
            println!(
                "ner-score: skipped: {} not found (the corpora live in ../shared)",
                b.display()
            );
            return Ok(());
        }
        return bench(&rec, model_bytes.as_deref(), b);
    }
    let Some(file) = cli.file else {
        anyhow::bail!("give a CoNLL-2003 file to score, or --bench FILE.jsonl");
    };
    if !file.exists() {
        println!(
            "ner-score: skipped: {} not found (the corpora live in ../shared)",
            file.display()
        );
        return Ok(());
    }
    let text =
        std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
    let docs = conll::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    println!("ner-score: {} ({} documents), entity-level, exact span and type (conlleval), on the file's tokens", file.display(), docs.len());
    if let Some(how) = cli.through_text {
        let name = if how == Detok::Spaced {
            "spaced"
        } else {
            "detokenised"
        };
        let layout = if cli.lines {
            "a sentence per line"
        } else {
            "a sentence per paragraph"
        };
        report(
            &format!("through the text path ({name}, {layout}; Recognizer::recognize_with on the article's joined paragraphs):"),
            &score_text(&rec, &docs, how, cli.lines, cli.errors)?,
        );
        return Ok(());
    }
    let mut cache = Cache::new();
    if cli.errors {
        for d in &docs {
            let a = rec.recognize_tokens(&mut cache, &d.text, &d.toks);
            let gold: Vec<(usize, usize, u8)> = conll::chunks(&d.gold)
                .into_iter()
                .map(|(s, e, t)| (d.toks[s].start, d.toks[e - 1].end, t))
                .collect();
            let pred: Vec<(usize, usize, u8)> =
                a.iter().map(|m| (m.start, m.end, m.kind.index())).collect();
            let name = |t: u8| ["PER", "ORG", "LOC", "MISC"][t as usize & 3];
            // The chunks of `among` that overlap `x`, as "TYPE:text".
            let overlapping = |x: &(usize, usize, u8), among: &[(usize, usize, u8)]| {
                among
                    .iter()
                    .filter(|y| y.0 < x.1 && x.0 < y.1)
                    .map(|y| format!("{}:{}", name(y.2), &d.text[y.0..y.1]))
                    .collect::<Vec<String>>()
            };
            for g in gold.iter().filter(|g| !pred.contains(g)) {
                let over = overlapping(g, &pred);
                println!("FN {:<4} {:?} <- {:?}", name(g.2), &d.text[g.0..g.1], over);
            }
            for p in pred.iter().filter(|p| !gold.contains(p)) {
                let over = overlapping(p, &gold);
                println!(
                    "FP {:<4} {:?} gold {:?}",
                    name(p.2),
                    &d.text[p.0..p.1],
                    over
                );
            }
        }
        return Ok(());
    }
    if cli.diff {
        for d in &docs {
            let a = rec.recognize_tokens(&mut cache, &d.text, &d.toks);
            let b = rec.tag_tokens(&mut cache, &d.text, &d.toks);
            let gold: HashSet<(usize, usize, u8)> = conll::chunks(&d.gold)
                .into_iter()
                .map(|(s, e, t)| (d.toks[s].start, d.toks[e - 1].end, t))
                .collect();
            let key = |m: &Mention| (m.start, m.end, m.kind.index());
            let sa: HashSet<_> = a.iter().map(key).collect();
            let sb: HashSet<_> = b.iter().map(key).collect();
            for (sign, xs, other) in [("+", &a, &sb), ("-", &b, &sa)] {
                for m in xs.iter().filter(|m| !other.contains(&key(m))) {
                    let ok = if gold.contains(&key(m)) { "ok " } else { "bad" };
                    println!("{sign} {ok} {:<5} {:?}", m.kind.conll(), m.text);
                }
            }
        }
        return Ok(());
    }
    report(
        "full pipeline (Recognizer::recognize_tokens):",
        &score(&rec, &docs, true),
    );
    report(
        "tagger alone (Recognizer::tag_tokens):",
        &score(&rec, &docs, false),
    );
    Ok(())
}
