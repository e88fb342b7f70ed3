//! What the subcommands that read documents share: the `DOCS…` argument,
//! reading it, and writing the collection's `manifest.json`.
use std::path::{Path, PathBuf};

use dateline::article::Article;
use dateline::manifest::Manifest;
use dateline::parse::{load_paths, load_paths_each, Parsed};

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
        self.load_reporting_after(|| {})
    }

    /// [`Docs::load_reporting`], calling `parsed` once parsing is done,
    /// before any problem is printed (a progress spinner clears itself).
    fn load_reporting_after(&self, parsed: impl FnOnce()) -> Parsed {
        let loaded = load_paths(&self.docs);
        parsed();
        let parsed = loaded;
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
        self.load_for_publishing_after(keep_going, || {})
    }

    /// [`Docs::load_for_publishing`], calling `parsed` once parsing is
    /// done, before any problem is printed.
    pub fn load_for_publishing_after(
        &self,
        keep_going: bool,
        parsed: impl FnOnce(),
    ) -> anyhow::Result<Parsed> {
        let parsed = self.load_reporting_after(parsed);
        let count = parsed.articles.len();
        publishable(parsed, count, keep_going)
    }

    /// [`Docs::load_for_publishing_after`] handing each article to `each`
    /// as it is parsed (`dateline build` spills them to disk) rather than
    /// collecting them; returns the messages and how many articles.
    pub fn load_each_for_publishing_after(
        &self,
        keep_going: bool,
        parsed: impl FnOnce(),
        each: &mut dyn FnMut(Article),
    ) -> anyhow::Result<(Parsed, usize)> {
        let mut count = 0usize;
        let loaded = load_paths_each(&self.docs, &mut |a| {
            count += 1;
            each(a);
        });
        parsed();
        for d in &loaded.diagnostics {
            eprintln!("{d}");
        }
        Ok((publishable(loaded, count, keep_going)?, count))
    }
}

/// `parsed` (of `count` articles) when it may be published: an error when
/// nothing is readable, and when any input has an error unless `keep_going`.
fn publishable(parsed: Parsed, count: usize, keep_going: bool) -> anyhow::Result<Parsed> {
    {
        let errors = parsed.errors();
        if count == 0 {
            anyhow::bail!("no articles to publish; nothing written");
        }
        if errors > 0 && !keep_going {
            anyhow::bail!(
                "{errors} input error{} (above); nothing written. Fix {}, or pass --keep-going to publish the {} readable articles anyway",
                if errors == 1 { "" } else { "s" },
                if errors == 1 { "it" } else { "them" },
                count
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
