//! `timex-score DIR [--errors]`: score `dateline::dates::tag` against TimeML gold
//! (TempEval-3 task A figures).
//!
//! Every `*.tml` file under DIR is read; the input text is the `<TEXT>` content
//! with tags stripped, the article date is the document creation time, and the
//! DCT itself is not scored (it lies outside `<TEXT>`). Figures:
//! - strict span P/R/F1: exact offsets;
//! - relaxed span P/R/F1: any overlap, matched one-to-one in text order;
//! - type and value F1: TE3 "attribute F1" = relaxed F1 × attribute accuracy over
//!   the relaxed matches (values compared as strings, exactly).
//!
//! A missing DIR is skipped with a message (exit 0) so CI without the corpus passes.
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dateline::dates::{tag, timeml, Timex};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let p = e?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

#[derive(Default)]
struct Counts {
    gold: usize,
    sys: usize,
    strict: usize,
    relaxed: usize,
    type_ok: usize,
    value_ok: usize,
}

fn prf(hit: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 {
        0.0
    } else {
        hit as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        hit as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

fn snippet(text: &str, s: usize, e: usize) -> String {
    text.get(s..e).unwrap_or("?").replace('\n', " ")
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        anyhow::bail!("usage: timex-score DIR [--errors]");
    };
    let dir = Path::new(dir);
    if !dir.is_dir() {
        println!(
            "timex-score: gold directory {} not found; skipping",
            dir.display()
        );
        return Ok(());
    }
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        println!(
            "timex-score: no .tml files under {}; skipping",
            dir.display()
        );
        return Ok(());
    }
    let mut c = Counts::default();
    let mut bytes = 0usize;
    let mut secs = 0f64;
    for f in &files {
        let xml = std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?;
        let doc = timeml::parse(&xml).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
        let t0 = std::time::Instant::now();
        let sys: Vec<Timex> = tag(&doc.text, doc.dct);
        secs += t0.elapsed().as_secs_f64();
        bytes += doc.text.len();
        let gold = &doc.timexes;
        c.gold += gold.len();
        c.sys += sys.len();
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let mut gold_used = vec![false; gold.len()];
        for s in &sys {
            let hit = gold
                .iter()
                .enumerate()
                .find(|(k, g)| !gold_used[*k] && g.start < s.end && s.start < g.end);
            match hit {
                Some((k, g)) => {
                    gold_used[k] = true;
                    c.relaxed += 1;
                    let strict = g.start == s.start && g.end == s.end;
                    if strict {
                        c.strict += 1;
                    }
                    let type_ok = g.kind == Some(s.kind);
                    let value_ok = g.value == s.value;
                    c.type_ok += type_ok as usize;
                    c.value_ok += value_ok as usize;
                    if errors && (!strict || !type_ok || !value_ok) {
                        println!(
                            "MISMATCH {name} dct={} gold={:?} {:?} {} | sys={:?} {:?} {}",
                            doc.dct,
                            snippet(&doc.text, g.start, g.end),
                            g.kind,
                            g.value,
                            snippet(&doc.text, s.start, s.end),
                            s.kind,
                            s.value
                        );
                    }
                }
                None if errors => {
                    let head = format!("SPURIOUS {name}");
                    print_unmatched(&head, &doc.text, s.start, s.end, &s.kind, &s.value);
                }
                None => {}
            }
        }
        if errors {
            for (k, g) in gold.iter().enumerate() {
                if !gold_used[k] {
                    let head = format!("MISSED {name}");
                    print_unmatched(&head, &doc.text, g.start, g.end, &g.kind, &g.value);
                }
            }
        }
    }
    let (sp, sr, sf) = prf(c.strict, c.sys, c.gold);
    let (rp, rr, rf) = prf(c.relaxed, c.sys, c.gold);
    let acc = |k: usize| {
        if c.relaxed == 0 {
            0.0
        } else {
            k as f64 / c.relaxed as f64
        }
    };
    println!(
        "TempEval-3 task A over {} documents in {}",
        files.len(),
        dir.display()
    );
    println!(
        "gold timexes {}  system timexes {}  relaxed matches {}",
        c.gold, c.sys, c.relaxed
    );
    println!("strict span   P {:.4}  R {:.4}  F1 {:.4}", sp, sr, sf);
    println!("relaxed span  P {:.4}  R {:.4}  F1 {:.4}", rp, rr, rf);
    println!(
        "type          accuracy {:.4}  F1 {:.4}",
        acc(c.type_ok),
        rf * acc(c.type_ok)
    );
    println!(
        "value         accuracy {:.4}  F1 {:.4}",
        acc(c.value_ok),
        rf * acc(c.value_ok)
    );
    println!("tagging time {:.3}s for {} bytes", secs, bytes);
    Ok(())
}

/// One `--errors` line for a timex on one side only: `head` (what and
/// where), the timex's text, `kind` and `value`, then its [`context`].
fn print_unmatched(
    head: &str,
    text: &str,
    start: usize,
    end: usize,
    kind: &dyn std::fmt::Debug,
    value: &str,
) {
    let (cs, ce) = context(text, start, end);
    println!(
        "{head} {:?} {kind:?} {value} | …{}…",
        snippet(text, start, end),
        snippet(text, cs, ce)
    );
}

/// Byte range of some context around `start..end` (40 characters before, 30 after), for error listings.
fn context(text: &str, start: usize, end: usize) -> (usize, usize) {
    let cs = text[..start]
        .char_indices()
        .rev()
        .nth(40)
        .map_or(0, |x| x.0);
    let ce = text[end..]
        .char_indices()
        .nth(30)
        .map_or(text.len(), |x| end + x.0);
    (cs, ce)
}
