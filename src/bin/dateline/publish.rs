//! Publishing a collection folder (`dateline pack --out DIR`) or a whole
//! site (`dateline build --out SITE`: the page and its `corpus/`) so that a
//! reader never sees half of it: the new folder is written into
//! `.NAME-new-PID` beside the target (same filesystem), its manifest last
//! (`manifest.json`, or `corpus/manifest.json` for a site: the commit point), then swapped in
//! with two renames (old → `.NAME-old-PID`, new → `NAME`) and the old one
//! deleted. At every instant `NAME` is the complete old collection, the
//! complete new one, or (for the microseconds between the renames) absent;
//! a run stopped in that gap is repaired by the next run ([`Staging::begin`]),
//! which also removes what earlier interrupted runs left behind (not the
//! folders of a run still going: their process id is alive, where `/proc`
//! tells). Two runs at once on one target both finish; the last one wins.
//!
//! A single-file page (`dateline build --single-file OUT.html`, see
//! [`SingleFile`]) is written the same way: into `.NAME-new-PID` beside it,
//! then renamed over it (one rename: a file is replaced in one step), so
//! `OUT.html` is always the whole old page or the whole new one.
//!
//! Test hook: with `DATELINE_TEST_ABORT_AT=NAME` in the environment the
//! process aborts at the checkpoint `NAME` (see [`CHECKPOINTS`]), as a kill
//! would; tests/atomic.rs stops `build` and `pack` at each. Only for tests.
use std::path::{Path, PathBuf};

use anyhow::Context;

/// Every checkpoint, in the order a run reaches them: inputs parsed; one
/// file of the new collection written (of several); all written, before
/// the swap; the old collection moved aside, the new one not yet in place;
/// swapped, the old one not yet deleted.
pub const CHECKPOINTS: [&str; 5] = ["parsed", "writing", "written", "swapping", "swapped"];

/// Abort the process here when the test hook asks for this checkpoint.
pub fn checkpoint(name: &str) {
    debug_assert!(CHECKPOINTS.contains(&name), "unknown checkpoint {name}");
    if std::env::var_os("DATELINE_TEST_ABORT_AT").is_some_and(|v| v == name) {
        eprintln!("dateline: stopping at checkpoint {name} (DATELINE_TEST_ABORT_AT)");
        std::process::abort();
    }
}

/// A new collection (or site) being written beside its target.
pub struct Staging {
    target: PathBuf,
    /// Where the new collection is written (`.NAME-new-PID`).
    pub dir: PathBuf,
}

/// `(parent, NAME)` of `target`.
fn split(target: &Path) -> anyhow::Result<(PathBuf, String)> {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .with_context(|| format!("{}: not a folder name", target.display()))?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name.to_string()))
}

/// Is the run that made the leftover `path` (`.NAME-new-PID`) still going?
/// Where there is no `/proc` to ask, it is taken as stopped.
fn owner_running(path: &Path) -> bool {
    let pid = path
        .file_name()
        .and_then(|f| f.to_str())
        .and_then(|f| f.rsplit('-').next())
        .and_then(|pid| pid.parse::<u32>().ok());
    pid.is_some_and(|pid| pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists())
}

/// A folder holding a collection or site: its `marker` (the manifest,
/// written last) is there.
fn is_complete(dir: &Path, marker: &str) -> bool {
    dir.join(marker).is_file()
}

/// What marks a collection folder (`dateline pack --out`) as complete.
pub const COLLECTION: &str = "manifest.json";
/// What marks a site folder (`dateline build --out`) as complete.
pub const SITE: &str = "corpus/manifest.json";

impl Staging {
    /// Repair and clean up after earlier interrupted runs, then make an
    /// empty `.NAME-new-PID` beside `target`. Refuses a `target` that exists
    /// but is not a collection or site (no `marker`, not empty): replacing
    /// it whole would delete what is not ours. `marker` is [`COLLECTION`]
    /// or [`SITE`].
    pub fn begin(target: &Path, marker: &'static str) -> anyhow::Result<Staging> {
        let (parent, name) = split(target)?;
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let mut leftovers: Vec<PathBuf> = Vec::new();
        for entry in
            std::fs::read_dir(&parent).with_context(|| format!("reading {}", parent.display()))?
        {
            let entry = entry?;
            let file = entry.file_name();
            let file = file.to_string_lossy();
            let ours = [format!(".{name}-new-"), format!(".{name}-old-")];
            let path = entry.path();
            if ours.iter().any(|p| file.starts_with(p.as_str()))
                && path.is_dir()
                && !owner_running(&path)
            {
                leftovers.push(path);
            }
        }
        if !target.exists() {
            // Stopped between the renames: the complete new one (written
            // before the first rename) wins, else the old one comes back.
            let new = format!(".{name}-new-");
            leftovers.sort_by_key(|p| {
                let file = p.file_name().map(|f| f.to_string_lossy().into_owned());
                !file.is_some_and(|f| f.starts_with(&new))
            });
            if let Some(i) = leftovers.iter().position(|p| is_complete(p, marker)) {
                let found = leftovers.remove(i);
                eprintln!(
                    "dateline: {} was missing (an earlier run stopped while swapping it in); restored it from {}",
                    target.display(),
                    found.display()
                );
                std::fs::rename(&found, target)
                    .with_context(|| format!("restoring {}", target.display()))?;
            }
        }
        for old in leftovers {
            eprintln!(
                "dateline: removing {}, left by an interrupted run",
                old.display()
            );
            std::fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
        }
        if target.is_dir() && !is_complete(target, marker) {
            let empty = std::fs::read_dir(target)
                .with_context(|| format!("reading {}", target.display()))?
                .next()
                .is_none();
            anyhow::ensure!(
                empty,
                "{} is not a Dateline {} (it has no {marker}) and is not empty: refusing to replace it",
                target.display(),
                if marker == SITE { "site" } else { "collection" }
            );
        } else if target.exists() && !target.is_dir() {
            anyhow::bail!("{} is not a folder", target.display());
        }
        let dir = parent.join(format!(".{name}-new-{}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
        })
    }

    /// Swap the new collection (complete: its manifest written) in for the
    /// old one, then delete the old one.
    pub fn commit(self) -> anyhow::Result<()> {
        checkpoint("written");
        let (parent, name) = split(&self.target)?;
        let old = parent.join(format!(".{name}-old-{}", std::process::id()));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)
                .with_context(|| format!("moving the old {} aside", self.target.display()))?;
        }
        checkpoint("swapping");
        std::fs::rename(&self.dir, &self.target)
            .with_context(|| format!("moving the new collection to {}", self.target.display()))?;
        checkpoint("swapped");
        if had_old {
            std::fs::remove_dir_all(&old)
                .with_context(|| format!("removing the old collection {}", old.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// A run that fails (rather than being killed) leaves nothing behind.
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A single-file page being made beside its target `OUT.html`: the corpus
/// is written into a work folder (`.NAME-work-PID`), the page into
/// `.NAME-new-PID`, which [`SingleFile::commit`] renames over the target.
pub struct SingleFile {
    target: PathBuf,
    /// Where the corpus folder is written, to be read back into the page.
    pub work: PathBuf,
    file: PathBuf,
}

impl SingleFile {
    /// Remove what interrupted runs left beside `target` (their process
    /// gone), then make the work folder. Refuses a `target` that is a
    /// folder.
    pub fn begin(target: &Path) -> anyhow::Result<SingleFile> {
        let (parent, name) = split(target)?;
        anyhow::ensure!(
            !target.is_dir(),
            "{} is a folder: --single-file writes one HTML file (--out writes a site folder)",
            target.display()
        );
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let ours = [format!(".{name}-new-"), format!(".{name}-work-")];
        for entry in
            std::fs::read_dir(&parent).with_context(|| format!("reading {}", parent.display()))?
        {
            let entry = entry?;
            let file = entry.file_name();
            let file = file.to_string_lossy();
            let path = entry.path();
            if ours.iter().any(|p| file.starts_with(p.as_str())) && !owner_running(&path) {
                eprintln!(
                    "dateline: removing {}, left by an interrupted run",
                    path.display()
                );
                if path.is_dir() {
                    std::fs::remove_dir_all(&path)
                } else {
                    std::fs::remove_file(&path)
                }
                .with_context(|| format!("removing {}", path.display()))?;
            }
        }
        let pid = std::process::id();
        let work = parent.join(format!(".{name}-work-{pid}"));
        std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
        Ok(SingleFile {
            target: target.to_path_buf(),
            work,
            file: parent.join(format!(".{name}-new-{pid}")),
        })
    }

    /// Write `page` beside the target, then rename it over the target.
    pub fn commit(self, page: &[u8]) -> anyhow::Result<()> {
        checkpoint("writing");
        std::fs::write(&self.file, page)
            .with_context(|| format!("writing {}", self.file.display()))?;
        checkpoint("written");
        std::fs::rename(&self.file, &self.target)
            .with_context(|| format!("moving the new page to {}", self.target.display()))?;
        checkpoint("swapped");
        Ok(())
    }
}

impl Drop for SingleFile {
    /// The work folder always goes; the new page too when the run failed.
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.work);
        if self.file.exists() {
            let _ = std::fs::remove_file(&self.file);
        }
    }
}
