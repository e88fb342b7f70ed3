//! Embeds the built page in the crate: every file under the shell folder
//! (`DATELINE_SHELL_DIR`, else `../target/shell`, which `./build.sh build`
//! fills with the minified page and both wasm cores) becomes an
//! `include_bytes!` entry of `FILES`, in path order.
//!
//! The folder is created empty when missing, so that cargo can watch it:
//! a watched path that does not exist would rerun this script on every
//! build. An empty folder gives an empty `FILES`, which the CLI reports as
//! "built without the page" rather than failing to compile: `cargo build`
//! and `cargo test` work before the wasm cores were ever built.
use std::path::{Path, PathBuf};

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=DATELINE_SHELL_DIR");
    let manifest_dir = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    let dir = match std::env::var_os("DATELINE_SHELL_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => manifest_dir.join("../target/shell"),
    };
    if !dir.exists() {
        // Best effort: a read-only checkout just rebuilds this crate each time.
        let _ = std::fs::create_dir_all(&dir);
    }
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    if dir.is_dir() {
        walk(&dir, &mut files).expect("reads the shell folder");
    }
    files.sort();
    let mut code = String::from("/// The page's files: (path relative to the site, bytes).\npub static FILES: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let rel = file
            .strip_prefix(&dir)
            .expect("a file under the shell folder");
        let rel: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let rel = rel.join("/");
        let abs = std::fs::canonicalize(file).expect("a shell file's path");
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    code.push_str(&format!(
        "/// The folder the page was embedded from.\npub const FROM: &str = {:?};\n",
        dir.display().to_string()
    ));
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("files.rs");
    std::fs::write(out, code).expect("writes files.rs");
}
