//! `dateline check DOCS…`: parse and report.
use std::io::Write;

use dateline::parse::{load_paths, Severity};

use crate::inputs::Docs;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    docs: Docs,
    /// Print only errors, not warnings.
    #[arg(long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let parsed = load_paths(&args.docs.docs);
    let mut out = std::io::stdout().lock();
    for d in &parsed.diagnostics {
        if !(args.quiet && d.severity() == Severity::Warning) {
            writeln!(out, "{d}")?;
        }
    }
    drop(out);
    let errors = parsed.errors();
    let warnings = parsed.diagnostics.len() - errors;
    let undated = parsed.articles.iter().filter(|a| a.date.is_none()).count();
    eprintln!(
        "{} articles ({} undated), {} errors, {} warnings",
        parsed.articles.len(),
        undated,
        errors,
        warnings
    );
    if errors > 0 {
        std::process::exit(1);
    }
    Ok(())
}
