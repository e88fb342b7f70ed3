//! `dateline check DOCS…`: parse and report.
use std::path::PathBuf;

use dateline::parse::{load_paths, Severity};

#[derive(clap::Args)]
pub struct Args {
    /// Files or folders: `.txt` in the seed format, `.jsonl` JSON Lines.
    #[arg(required = true)]
    docs: Vec<PathBuf>,
    /// Print only errors, not warnings.
    #[arg(long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let parsed = load_paths(&args.docs);
    for d in &parsed.diagnostics {
        if !(args.quiet && d.severity() == Severity::Warning) {
            println!("{d}");
        }
    }
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
