//! What the subcommands that read documents share: the `DOCS…` argument,
//! reading it, and writing the collection's `manifest.json`.
use std::path::{Path, PathBuf};

use dateline::manifest::Manifest;
use dateline::parse::{load_paths, Parsed};

/// The documents to read (flattened into a subcommand's arguments).
#[derive(clap::Args)]
pub struct Docs {
    /// Files or folders: `.txt` in the seed format, `.jsonl` JSON Lines,
    /// `.html`/`.htm` web pages, `.xml`/`.rss`/`.atom` feeds, `.csv`/`.tsv` tables.
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

    /// [`Docs::load_reporting`] for a command that publishes (`pack`,
    /// `build`): an error when nothing is readable, and when any input has an
    /// error unless `keep_going` (the site then lists the problems), so that
    /// a broken input never replaces a working site unnoticed.
    pub fn load_for_publishing(&self, keep_going: bool) -> anyhow::Result<Parsed> {
        let parsed = self.load_reporting();
        let errors = parsed.errors();
        if parsed.articles.is_empty() {
            anyhow::bail!("no articles to publish; nothing written");
        }
        if errors > 0 && !keep_going {
            anyhow::bail!(
                "{errors} input error{} (above); nothing written. Fix {}, or pass --keep-going to publish the {} readable articles anyway",
                if errors == 1 { "" } else { "s" },
                if errors == 1 { "it" } else { "them" },
                parsed.articles.len()
            );
        }
        Ok(parsed)
    }
}

/// Whether a command that publishes goes on despite input errors.
#[derive(clap::Args)]
pub struct Publish {
    /// Publish even when some inputs have errors: the readable articles are
    /// written and the problems listed in the manifest (the page shows them).
    /// Without it, any input error stops the command before it writes anything.
    #[arg(long)]
    pub keep_going: bool,
}

/// Write `manifest` as `dir/manifest.json` (pretty JSON, as the page reads it).
pub fn write_manifest(dir: &Path, manifest: &Manifest) -> anyhow::Result<()> {
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_vec_pretty(manifest)?,
    )?;
    Ok(())
}
