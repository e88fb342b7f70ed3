//! `dateline build` and `dateline pack` never take a site down (`build`
//! replaces the whole site folder, `pack` the corpus folder): each is
//! stopped (the CLI's `DATELINE_TEST_ABORT_AT` test hook, an abort as a kill
//! would) at every checkpoint of a rebuild, and the corpus folder must then
//! load completely, every pack checked against the manifest's lengths and
//! checksums and every index file read from the folder the manifest names
//! (named by its build), as the old collection (or, once swapped, the new
//! one); never a mix, never nothing. A run stopped between its two renames is repaired by
//! the next run, and a normal run removes every leftover.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline::manifest::{check_file, Manifest};
use dateline::prebuilt::Prebuilt;
use dateline::store::read_pack;

/// The checkpoints, in order (as `src/bin/dateline/publish.rs` lists them).
const CHECKPOINTS: [&str; 5] = ["parsed", "writing", "written", "swapping", "swapped"];

/// A JSONL collection of `n` articles whose ids start with `tag`.
fn docs(dir: &Path, tag: &str, n: usize) -> PathBuf {
    let path = dir.join(format!("{tag}.jsonl"));
    let lines: Vec<String> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("{tag}-{i}"),
                "date": format!("2022-03-{:02}", i % 28 + 1),
                "title": format!("Report {i} of {tag}"),
                "text": format!("Talks in Geneva, round {i}. Ministers of {tag} met again."),
            })
            .to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).expect("writes the documents");
    path
}

fn ids(tag: &str, n: usize) -> Vec<String> {
    let mut ids: Vec<String> = (0..n).map(|i| format!("{tag}-{i}")).collect();
    ids.sort();
    ids
}

/// Run `dateline pack|build` on `docs` into `site` (stopped at `abort`).
fn run(cmd: &str, docs: &Path, site: &Path, abort: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dateline"));
    c.arg(cmd).arg(docs);
    match cmd {
        "pack" => c.arg("--out").arg(site.join("corpus")),
        _ => c.arg("--out").arg(site).arg("--quiet"),
    };
    c.env_remove("DATELINE_TEST_ABORT_AT");
    if let Some(at) = abort {
        c.env("DATELINE_TEST_ABORT_AT", at);
    }
    c.output().expect("runs dateline")
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The article ids of the collection in `corpus`, every file checked
/// against the manifest as the page checks it, then read.
fn load(corpus: &Path) -> Result<Vec<String>, String> {
    let json = read(&corpus.join("manifest.json"))?;
    let m = Manifest::from_deserializer(&mut serde_json::Deserializer::from_slice(&json))
        .map_err(|e| e.to_string())?;
    let mut ids = Vec::new();
    for p in &m.packs {
        let bytes = read(&corpus.join(&p.file))?;
        let crc = p.crc32.ok_or("a pack without a checksum")?;
        check_file(&p.file, &bytes, Some(p.bytes), crc).map_err(|e| e.to_string())?;
        let articles = read_pack(&bytes).map_err(|e| e.to_string())?;
        ids.extend(articles.into_iter().map(|a| a.id));
    }
    if let (Some(ix), Some(folder)) = (&m.index, m.index_folder()) {
        let meta = read(&corpus.join(&ix.meta))?;
        let mut index = Prebuilt::open(&meta).map_err(|e| e.to_string())?;
        for name in index.file_names() {
            let stored = read(&corpus.join(folder.path(&name)))?;
            // As the page reads it: inflated when gzipped, then checked.
            let bytes = dateline::prebuilt::packed::unpack(&stored).map_err(|e| e.to_string())?;
            index.add_file(&name, &bytes).map_err(|e| e.to_string())?;
        }
        for doc in 0..index.meta().docs {
            let a = index.article(doc as u32).ok_or("an article missing")?;
            ids.push(a.id.clone());
        }
    }
    ids.sort();
    Ok(ids)
}

/// What `run` left beside the folder it replaces: the corpus folder for
/// `pack`, the whole site for `build`.
fn leftovers(cmd: &str, site: &Path) -> Vec<String> {
    let (dir, prefix) = match cmd {
        "pack" => (site.to_path_buf(), ".corpus-".to_string()),
        _ => {
            let name = site.file_name().expect("a site name").to_string_lossy();
            (
                site.parent().expect("a parent").to_path_buf(),
                format!(".{name}-"),
            )
        }
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("reads the site's folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with(&prefix))
        .collect();
    names.sort();
    names
}

fn stopped_at_every_checkpoint(cmd: &str) {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (a, b, c) = (
        docs(tmp.path(), "a", 40),
        docs(tmp.path(), "b", 25),
        docs(tmp.path(), "c", 3),
    );
    for at in CHECKPOINTS {
        let site = tmp.path().join(format!("site-{cmd}-{at}"));
        let corpus = site.join("corpus");
        let out = run(cmd, &a, &site, None);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(load(&corpus), Ok(ids("a", 40)));

        // Rebuilt as B, and stopped.
        let out = run(cmd, &b, &site, Some(at));
        assert!(!out.status.success(), "{cmd} ran past checkpoint {at}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!("checkpoint {at}")), "{stderr}");
        let expected = match at {
            "swapped" => ids("b", 25),
            _ => ids("a", 40),
        };
        if at == "swapping" {
            // The one instant without a corpus folder: the next run (here
            // itself stopped once it has written, so only its repair shows)
            // finishes the swap.
            assert!(!corpus.exists(), "{cmd} at {at}");
            let out = run(cmd, &c, &site, Some("written"));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("restored it from"), "{stderr}");
            assert_eq!(load(&corpus), Ok(ids("b", 25)), "{cmd} repaired after {at}");
        } else {
            assert_eq!(load(&corpus), Ok(expected), "{cmd} stopped at {at}");
        }

        // A normal run cleans up whatever was left, and says so.
        let had = leftovers(cmd, &site);
        let out = run(cmd, &a, &site, None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert_eq!(
            !had.is_empty(),
            stderr.contains("left by an interrupted run"),
            "{cmd} after {at}: {had:?}\n{stderr}"
        );
        assert_eq!(
            leftovers(cmd, &site),
            Vec::<String>::new(),
            "{cmd} after {at}"
        );
        assert_eq!(load(&corpus), Ok(ids("a", 40)));
    }
}

#[test]
fn pack_stopped_at_every_checkpoint_leaves_a_whole_collection() {
    stopped_at_every_checkpoint("pack");
}

#[test]
fn build_stopped_at_every_checkpoint_leaves_a_whole_collection() {
    stopped_at_every_checkpoint("build");
}

#[test]
fn a_pack_of_another_build_is_named() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (a, b) = (docs(tmp.path(), "a", 40), docs(tmp.path(), "b", 25));
    let (one, two) = (tmp.path().join("1"), tmp.path().join("2"));
    assert!(run("pack", &a, &one, None).status.success());
    assert!(run("pack", &b, &two, None).status.success());
    let file = "articles-000.pack";
    std::fs::copy(two.join("corpus").join(file), one.join("corpus").join(file))
        .expect("copies a file over");
    let e = load(&one.join("corpus")).unwrap_err();
    assert!(
        e.starts_with(&format!("{file} is from another build (length ")),
        "{e}"
    );
}

/// The folder of a prebuilt index: where the manifest says, named by the
/// build's content. Another collection's index is in another folder (a
/// page that loaded one manifest never finds the other build's file under
/// a name it knows), the same collection rebuilt in the same one.
fn index_dir(site: &Path) -> String {
    let json = read(&site.join("corpus/manifest.json")).expect("a manifest");
    let m = Manifest::from_deserializer(&mut serde_json::Deserializer::from_slice(&json))
        .expect("reads");
    assert_eq!(m.format, dateline::manifest::FORMAT);
    let dir = m.index_folder().expect("an index folder").dir().to_string();
    let listed: Vec<String> = std::fs::read_dir(site.join("corpus"))
        .expect("the corpus folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with("index"))
        .collect();
    assert_eq!(listed, vec![dir.clone()], "the index's one folder");
    dir
}

#[test]
fn an_index_is_in_a_folder_named_by_its_build() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let (a, b) = (docs(tmp.path(), "a", 40), docs(tmp.path(), "b", 25));
    let sites = ["1", "2", "3"].map(|n| tmp.path().join(n));
    for (docs, site) in [(&a, &sites[0]), (&b, &sites[1]), (&a, &sites[2])] {
        assert!(run("build", docs, site, None).status.success());
    }
    let dirs = sites.each_ref().map(|s| index_dir(s));
    assert!(
        dirs[0].starts_with("index-") && dirs[0].len() == "index-".len() + 16,
        "{}",
        dirs[0]
    );
    assert_ne!(dirs[0], dirs[1], "another collection, another folder");
    assert_eq!(dirs[0], dirs[2], "the same collection, the same folder");
    // A page holding the first site's manifest, served the second site,
    // finds none of its files: nothing of a mix is read.
    let old = std::fs::read(sites[0].join("corpus/manifest.json")).expect("a manifest");
    std::fs::write(sites[1].join("corpus/manifest.json"), old).expect("writes");
    let e = load(&sites[1].join("corpus")).unwrap_err();
    assert!(e.contains(&format!("{}/meta.bin", dirs[0])), "{e}");
}

#[test]
fn a_folder_that_is_no_collection_is_not_replaced() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let a = docs(tmp.path(), "a", 3);
    let site = tmp.path().join("site");
    std::fs::create_dir_all(site.join("corpus")).expect("makes a folder");
    std::fs::write(site.join("corpus/notes.txt"), "mine").expect("writes a file");
    let out = run("pack", &a, &site, None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a Dateline collection"), "{stderr}");
    assert!(site.join("corpus/notes.txt").exists());
    assert_eq!(leftovers("pack", &site), Vec::<String>::new());
}

/// Leftovers of a stopped run go; the folder of a run still going (here:
/// named after this test's own, running, process) stays.
#[test]
fn a_running_build_keeps_its_folder() {
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let a = docs(tmp.path(), "a", 3);
    let site = tmp.path().join("site");
    let running = format!(".corpus-new-{}", std::process::id());
    // No process has an id this large (Linux caps them at 2^22).
    let stopped = ".corpus-old-4294967295".to_string();
    for dir in [&running, &stopped] {
        std::fs::create_dir_all(site.join(dir)).expect("makes a folder");
    }
    let out = run("pack", &a, &site, None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(leftovers("pack", &site), vec![running]);
    assert_eq!(load(&site.join("corpus")), Ok(ids("a", 3)));
}

/// Sites built before format 2 (no checksums) still load.
#[test]
fn a_format_1_site_still_loads() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prebuilt-v8/corpus");
    let json = read(&corpus.join("manifest.json")).expect("the fixture");
    let m = Manifest::from_deserializer(&mut serde_json::Deserializer::from_slice(&json))
        .expect("format 1 is read");
    assert_eq!(m.format, 1);
    assert_eq!(m.index_folder().expect("its folder").dir(), "index");
}

/// The page finds a file's checksum by its position in the index's order,
/// computed from its name alone: the same order `file_names` lists.
#[test]
fn file_positions_follow_the_index_order() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prebuilt-v8/corpus");
    let index =
        Prebuilt::open(&read(&corpus.join("index/meta.bin")).expect("the fixture")).expect("opens");
    let names = index.file_names();
    assert_eq!(index.file_count(), names.len() + 1);
    assert_eq!(index.file_position("index/meta.bin"), Some(0));
    for (i, name) in names.iter().enumerate() {
        assert_eq!(index.file_position(name), Some(i + 1), "{name}");
    }
    for stray in ["index/post-0099.bin", "index/x.bin", "articles-000.pack"] {
        assert_eq!(index.file_position(stray), None, "{stray}");
    }
}
