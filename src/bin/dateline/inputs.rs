//! What the subcommands that read documents share: the `DOCS…` argument,
//! reading it, and writing the collection's `manifest.json`.
use std::path::{Path, PathBuf};

use dateline::manifest::Manifest;
use dateline::parse::{load_paths, Parsed};

/// The documents to read (flattened into a subcommand's arguments).
#[derive(clap::Args)]
pub struct Docs {
    /// Files or folders: `.txt` in the seed format, `.jsonl` JSON Lines.
    #[arg(required = true)]
    pub docs: Vec<PathBuf>,
}

impl Docs {
    /// Parse every document, printing each problem on stderr; what is
    /// readable is returned whatever the problems.
    pub fn load_reporting(&self) -> Parsed {
        let parsed = load_paths(&self.docs);
        for d in &parsed.diagnostics {
            eprintln!("{d}");
        }
        parsed
    }
}

/// Write `manifest` as `dir/manifest.json` (pretty JSON, as the page reads it).
pub fn write_manifest(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_vec_pretty(manifest)?,
    )?;
    Ok(())
}
