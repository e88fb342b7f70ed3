//! Writes the fuzz targets' starting corpora (`dateline::fuzzing::seeds`):
//! `fuzz_seeds OUT_DIR [INPUT_FILE]...` → `OUT_DIR/<target>/<name>`.
//! Run by `./build.sh fuzz`; the corpora are not committed.

use std::path::PathBuf;

use dateline::fuzzing::{seeds, Fixture};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "fuzz/corpus".into()));
    let mut inputs = Vec::new();
    for path in args.map(PathBuf::from) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        inputs.push((name.unwrap_or_default(), std::fs::read(&path)?));
    }
    for (target, name, bytes) in seeds(&Fixture::new(), &inputs) {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join(format!("seed-{name}")), bytes)?;
    }
    Ok(())
}
