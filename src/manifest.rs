//! `corpus/manifest.json`: what the page reads first to know how the
//! collection is stored (article packs to index, or a prebuilt index), and
//! the one definition of it. The command-line tool writes it
//! (`dateline pack`, `dateline build`); the page hands the parsed JSON to the
//! wasm core (`parse_manifest`, src/wasm/manifest.rs), which reads it into
//! these types, checks it with [`Manifest::validate`]
//! and returns it typed, or an error naming the field that is wrong.
//!
//! Format 2 records every article pack's length and CRC-32, as its frame
//! header states it: the page compares each pack it fetches with the
//! manifest it loaded ([`check_file`]) and refuses a pack of another build
//! (a site rebuilt while the page was open, or a half-copied folder)
//! instead of serving a mixed collection. Format 3 does the same for a
//! prebuilt index by where it is, not by a list: `dateline build` puts it
//! in a folder named by the build (`index.meta` is
//! `index-0123456789abcdef/meta.bin`, see [`IndexFolder`]),
//! so no file of another build is ever at a path this manifest leads to.
//! (Format 2 listed every index file's checksum instead: 55 KB gzipped of
//! the start-up at Reuters-21578, and growing with the collection; such a
//! list is no longer read.) Format 1 (no checksums) is still read.

use std::fmt;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::parse::DiagnosticRecord;

/// The manifest's format number, as the CLI writes it.
pub const FORMAT: u32 = 3;

/// The oldest format still read: format 1 has no checksums, so its files
/// are not checked against the manifest (older sites keep working).
pub const OLDEST_FORMAT: u32 = 1;

/// Model files shipped with the collection, relative to the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Models {
    /// The entity model (`ner.bin`), when one is shipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub ner: Option<String>,
}

/// One article pack the page fetches and indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PackEntry {
    /// Relative to the manifest (`articles-000.pack`).
    pub file: String,
    #[serde(default)]
    pub articles: usize,
    /// The file's length in bytes.
    #[serde(default)]
    pub bytes: usize,
    /// The CRC-32 its frame header states (format 2; required there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub crc32: Option<u32>,
}

/// Where a prebuilt index starts, and its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct IndexEntry {
    /// The meta file, relative to the manifest: `meta.bin` in the index's
    /// folder, where all its files are (`index-0123456789abcdef/meta.bin`;
    /// `index/meta.bin` before format 3).
    pub meta: String,
    /// How many files the index has, and their total size.
    #[serde(default)]
    pub files: usize,
    #[serde(default)]
    pub bytes: u64,
}

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[tsify(missing_as_null)]
pub struct Manifest {
    /// [`FORMAT`]; anything else is refused.
    pub format: u32,
    #[serde(default)]
    pub articles: usize,
    /// Article packs the page indexes itself (none with a prebuilt index).
    pub packs: Vec<PackEntry>,
    /// Present: the page reads this prebuilt index, not packs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub index: Option<IndexEntry>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub models: Option<Models>,
    /// Problems found in the inputs when the collection was built; the page
    /// lists them in its footer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<DiagnosticRecord>,
    /// The page's own files, relative to the site (`index.html`,
    /// `js/main.js`, `pkg/dateline_bg.wasm`…), as `dateline build` wrote
    /// them beside `corpus/` (packs sites; empty otherwise): what the page's
    /// "Save as site" copies, so the page never lists its own files by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shell: Vec<String>,
}

/// What is wrong with a manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestErrorKind {
    /// Not the shape of a manifest (a missing field, a wrong type): serde's words.
    Shape(String),
    /// A format this reader does not know.
    Format(u32),
    /// An empty file name.
    EmptyPath,
    /// A file name that is not a plain relative path under the corpus folder.
    UnsafePath(String),
    /// A manifest of format 2 or later without a pack's checksum.
    MissingChecksum,
    /// `index.meta` that is not `meta.bin` in a folder.
    NotInAFolder(String),
}

/// A manifest error and the field it is in (`index.meta`, `packs[2].file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The field's path (`index.meta`, `packs[2].file`) for the checks
    /// beyond shape; `manifest` for shape errors (their message names the field).
    pub field: String,
    pub kind: ManifestErrorKind,
}

impl fmt::Display for ManifestError {
    /// Always starts with the field's path and a colon.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.kind {
            ManifestErrorKind::Shape(what) => write!(f, "{field}: {what}"),
            ManifestErrorKind::Format(n) => {
                write!(
                    f,
                    "{field}: format {n}; this page reads formats {OLDEST_FORMAT} to {FORMAT}"
                )
            }
            ManifestErrorKind::EmptyPath => write!(f, "{field}: empty file name"),
            ManifestErrorKind::UnsafePath(p) => {
                write!(f, "{field}: {p:?} is not a plain relative path")
            }
            ManifestErrorKind::MissingChecksum => write!(
                f,
                "{field}: missing; a format-{FORMAT} manifest lists every pack's checksum"
            ),
            ManifestErrorKind::NotInAFolder(p) => {
                write!(f, "{field}: {p:?} is not a folder's meta.bin")
            }
        }
    }
}

impl std::error::Error for ManifestError {}

/// A plain relative path: `/`-separated names of letters, digits, `.`, `_`
/// and `-`, none starting with `.` (so no `..`), none empty.
pub fn is_plain_path(p: &str) -> bool {
    !p.is_empty()
        && p.split('/').all(|part| {
            part.bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        })
        && !p.contains("..")
}

/// Where an index's files are, relative to the corpus folder: the folder of
/// its metadata as the manifest names it (`index.meta`). `dateline build`
/// names the folder by the build (`index-` and 16 hex digits of its files'
/// checksums), so that a page never reads a file of another build under a
/// name it knows; manifests before format 3 name `index/meta.bin`.
///
/// The readers name files as `FileKind::name` (`crate::prebuilt::format`) does (`index/post-0003.bin`),
/// whatever the folder: [`IndexFolder::path`] maps those names to the paths
/// fetched, [`IndexFolder::name`] back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFolder {
    /// The folder, without a trailing `/` (`index-0123456789abcdef`).
    dir: String,
}

impl IndexFolder {
    /// The folder of `meta` (`index-…/meta.bin`); `None` when `meta` is not
    /// a plain relative path to a file `meta.bin` in a folder.
    pub fn of_meta(meta: &str) -> Option<IndexFolder> {
        let dir = meta.strip_suffix("/meta.bin")?;
        is_plain_path(dir).then(|| IndexFolder {
            dir: dir.to_string(),
        })
    }

    /// The folder itself (`index-0123456789abcdef`).
    pub fn dir(&self) -> &str {
        &self.dir
    }

    /// The path of the file the readers name `name` (`index/post-0003.bin`
    /// → `index-…/post-0003.bin`); other names are returned as they are.
    pub fn path(&self, name: &str) -> String {
        match name.strip_prefix("index/") {
            Some(file) => format!("{}/{file}", self.dir),
            None => name.to_string(),
        }
    }

    /// The readers' name of the file at `path`; `None` for a path outside
    /// this folder (or in a folder below it).
    pub fn name(&self, path: &str) -> Option<String> {
        let file = path.strip_prefix(self.dir.as_str())?.strip_prefix('/')?;
        (!file.contains('/')).then(|| format!("index/{file}"))
    }
}

impl Manifest {
    /// Deserialize a manifest from any serde source (natively: the page's
    /// core reads the object `JSON.parse` made with `wasm::parse_manifest`,
    /// which names the path of a wrong field), then [`Manifest::validate`] it.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(
        de: D,
    ) -> Result<Manifest, ManifestError> {
        // The shape error names the field where serde does ("missing field
        // `file`"), not the path to it.
        let m = Manifest::deserialize(de).map_err(|e| ManifestError {
            field: "manifest".to_string(),
            kind: ManifestErrorKind::Shape(e.to_string()),
        })?;
        m.validate()?;
        Ok(m)
    }

    /// The checks beyond shape: the format, and file names a page can fetch
    /// (every pack's, the index's and the model's a plain relative path
    /// under the corpus folder, as the index names its own files).
    pub fn validate(&self) -> Result<(), ManifestError> {
        if !(OLDEST_FORMAT..=FORMAT).contains(&self.format) {
            return Err(ManifestError {
                field: "format".into(),
                kind: ManifestErrorKind::Format(self.format),
            });
        }
        // Every file the page will fetch must stay inside the corpus folder:
        // a manifest naming `../../etc/passwd` (or an absolute URL) must not
        // make the page request it.
        let packs = self.packs.iter().enumerate();
        let mut files: Vec<(String, &str)> = packs
            .map(|(i, p)| (format!("packs[{i}].file"), p.file.as_str()))
            .collect();
        if let Some(ix) = &self.index {
            files.push(("index.meta".into(), &ix.meta));
        }
        if let Some(ner) = self.models.as_ref().and_then(|m| m.ner.as_deref()) {
            // An empty name means no model (see `ner_model`).
            if !ner.is_empty() {
                files.push(("models.ner".into(), ner));
            }
        }
        // The page's files too: relative to the site, never outside it.
        let shell = self.shell.iter().enumerate();
        files.extend(shell.map(|(i, f)| (format!("shell[{i}]"), f.as_str())));
        for (field, file) in files {
            let kind = if file.is_empty() {
                ManifestErrorKind::EmptyPath
            } else if !is_plain_path(file) {
                ManifestErrorKind::UnsafePath(file.to_string())
            } else {
                continue;
            };
            return Err(ManifestError { field, kind });
        }
        if let Some(ix) = &self.index {
            if IndexFolder::of_meta(&ix.meta).is_none() {
                return Err(ManifestError {
                    field: "index.meta".into(),
                    kind: ManifestErrorKind::NotInAFolder(ix.meta.clone()),
                });
            }
        }
        if self.format >= 2 {
            self.validate_checksums()?;
        }
        Ok(())
    }

    /// Where the prebuilt index's files are (the folder of `index.meta`),
    /// when there is one; checked by [`Manifest::validate`].
    pub fn index_folder(&self) -> Option<IndexFolder> {
        let ix = self.index.as_ref()?;
        IndexFolder::of_meta(&ix.meta)
    }

    /// Format 2 and later: every pack has its checksum.
    fn validate_checksums(&self) -> Result<(), ManifestError> {
        if let Some(i) = self.packs.iter().position(|p| p.crc32.is_none()) {
            return Err(ManifestError {
                field: format!("packs[{i}].crc32"),
                kind: ManifestErrorKind::MissingChecksum,
            });
        }
        Ok(())
    }

    /// The entity model's file, when one is shipped (an empty name is none).
    pub fn ner_model(&self) -> Option<&str> {
        self.models
            .as_ref()
            .and_then(|m| m.ner.as_deref())
            .filter(|n| !n.is_empty())
    }
}

/// A file whose length or checksum differs from what the manifest lists:
/// it belongs to another build of the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherBuild {
    /// The file as the page names it (`corpus/articles-003.pack`).
    pub file: String,
    /// Its length and the CRC-32 its header states (`None`: no header at all).
    pub found: (usize, Option<u32>),
    /// What the manifest lists (the length when it lists one).
    pub expected: (Option<usize>, u32),
}

impl fmt::Display for OtherBuild {
    /// "corpus/articles-003.pack is from another build (length 10, checksum
    /// 0x…; the manifest lists length 12, checksum 0x…): reload in a minute,
    /// or rebuild the site".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (len, crc) = self.found;
        let (want_len, want_crc) = self.expected;
        write!(
            f,
            "{} is from another build (length {len}, checksum ",
            self.file
        )?;
        match crc {
            Some(c) => write!(f, "{c:#010x}")?,
            None => f.write_str("none")?,
        }
        f.write_str("; the manifest lists ")?;
        if let Some(l) = want_len {
            write!(f, "length {l}, ")?;
        }
        write!(
            f,
            "checksum {want_crc:#010x}): reload in a minute, or rebuild the site"
        )
    }
}

impl std::error::Error for OtherBuild {}

/// Is `bytes` (the file `file`) the file the manifest lists, of that
/// length (when listed) and checksum? Cheap: it compares the checksum and
/// length the file's header states, which the file's reader then checks
/// against the payload. Only a file whose header disagrees is hashed, to
/// tell an intact file of another build (an error here) from a damaged one
/// (passed on: its reader names the damage).
pub fn check_file(
    file: &str,
    bytes: &[u8],
    len: Option<usize>,
    crc32: u32,
) -> Result<(), OtherBuild> {
    let Some((stated_len, stated_crc)) = crate::codec::frame_sum(bytes) else {
        return Ok(());
    };
    let whole = stated_len.saturating_add(crate::codec::FRAME_LEN as u64);
    if stated_crc == crc32 && len.is_none_or(|l| l as u64 == whole) {
        return Ok(());
    }
    let payload = &bytes[crate::codec::FRAME_LEN..];
    let intact = bytes.len() as u64 == whole && crate::checksum::crc32(payload) == stated_crc;
    if !intact {
        return Ok(());
    }
    Err(OtherBuild {
        file: file.to_string(),
        found: (bytes.len(), Some(stated_crc)),
        expected: (len, crc32),
    })
}

#[cfg(all(test, feature = "inpage"))]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Manifest, ManifestError> {
        Manifest::from_deserializer(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn reads_what_the_tool_writes() {
        let m = Manifest {
            format: FORMAT,
            articles: 3,
            packs: vec![PackEntry {
                file: "articles-000.pack".into(),
                articles: 3,
                bytes: 100,
                crc32: Some(7),
            }],
            index: None,
            models: Some(Models {
                ner: Some("ner.bin".into()),
            }),
            diagnostics: Vec::new(),
            shell: vec!["index.html".into(), "js/main.js".into()],
        };
        let json = serde_json::to_string(&m).expect("serializes");
        assert_eq!(read(&json), Ok(m));
    }

    #[test]
    fn the_page_files_stay_inside_the_site() {
        let e =
            read(r#"{"format": 1, "packs": [], "shell": ["index.html", "../x.js"]}"#).unwrap_err();
        assert_eq!(e.field, "shell[1]");
        assert_eq!(e.kind, ManifestErrorKind::UnsafePath("../x.js".into()));
    }

    #[test]
    fn errors_name_the_field() {
        let e = read(r#"{"format": 1, "packs": [{"file": "a"}, {"files": "b"}]}"#).unwrap_err();
        // Shape errors name the field serde names, not the path to it.
        assert_eq!(e.field, "manifest");
        assert!(e.to_string().contains("missing field `file`"), "{e}");
        let e = read(r#"{"format": 4, "packs": []}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "format: format 4; this page reads formats 1 to 3"
        );
        let e = read(r#"{"format": 1, "packs": [], "index": {"meta": "../x.bin"}}"#).unwrap_err();
        assert_eq!(e.field, "index.meta");
        let e = read(r#"{"format": 1, "packs": [{"file": ""}]}"#).unwrap_err();
        assert_eq!(e.to_string(), "packs[0].file: empty file name");
        let e = read(r#"{"format": "1", "packs": []}"#).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
        assert_eq!(read("3").unwrap_err().field, "manifest");
        // Files outside the corpus folder are refused wherever they are named.
        for (json, field) in [
            (
                r#"{"format": 1, "packs": [{"file": "../../etc/passwd"}]}"#,
                "packs[0].file",
            ),
            (
                r#"{"format": 1, "packs": [{"file": "https://evil.example/x.pack"}]}"#,
                "packs[0].file",
            ),
            (
                r#"{"format": 1, "packs": [], "models": {"ner": "/etc/passwd"}}"#,
                "models.ner",
            ),
        ] {
            let e = read(json).unwrap_err();
            assert_eq!(e.field, field, "{json}");
            assert!(
                matches!(e.kind, ManifestErrorKind::UnsafePath(_)),
                "{json}: {e}"
            );
        }
        // No model is written as an empty name, and that is fine.
        assert!(read(r#"{"format": 1, "packs": [], "models": {"ner": ""}}"#).is_ok());
    }

    #[test]
    fn packs_list_their_checksums_and_an_index_its_folder() {
        let e =
            read(r#"{"format": 2, "packs": [{"file": "a.pack", "crc32": 1}, {"file": "b.pack"}]}"#)
                .unwrap_err();
        assert_eq!(e.field, "packs[1].crc32");
        assert_eq!(e.kind, ManifestErrorKind::MissingChecksum);
        let index = |meta: &str| {
            format!(r#"{{"format": 3, "packs": [], "index": {{"meta": "{meta}", "files": 2}}}}"#)
        };
        let m = read(&index("index-0123456789abcdef/meta.bin")).expect("format 3");
        let folder = m.index_folder().expect("its folder");
        assert_eq!(folder.dir(), "index-0123456789abcdef");
        for bad in ["meta.bin", "index/other.bin"] {
            let e = read(&index(bad)).unwrap_err();
            assert_eq!(e.field, "index.meta");
            assert!(matches!(e.kind, ManifestErrorKind::NotInAFolder(_)), "{e}");
        }
        // Format 2's list of index checksums is no longer read; its index
        // is where the manifest says.
        let old = r#"{"format": 2, "packs": [], "index": {"meta": "index/meta.bin", "files": 2, "checksums": "0000000a0000000b"}}"#;
        assert_eq!(
            read(old)
                .expect("format 2")
                .index_folder()
                .expect("a folder")
                .dir(),
            "index"
        );
        // Format 1 has no checksums, and is still read.
        assert!(read(
            r#"{"format": 1, "packs": [{"file": "a.pack"}], "index": {"meta": "index/meta.bin"}}"#
        )
        .is_ok());
    }

    #[test]
    fn files_of_another_build_are_named() {
        let pack = crate::store::write_pack(&[]);
        let (_, crc) = crate::codec::frame_sum(&pack).expect("a header");
        assert_eq!(check_file("p", &pack, Some(pack.len()), crc), Ok(()));
        assert_eq!(check_file("p", &pack, None, crc), Ok(()));
        let e = check_file("corpus/articles-003.pack", &pack, Some(99), crc).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("corpus/articles-003.pack is from another build (length 28, checksum"),
            "{e}"
        );
        assert!(check_file("p", &pack, None, crc ^ 1).is_err());
        // Damage is left to the file's reader, which names it.
        assert!(check_file("p", b"short", None, crc).is_ok());
        assert!(check_file("p", &pack[..pack.len() - 1], Some(pack.len()), crc).is_ok());
        let mut garbage = pack.clone();
        garbage[10] ^= 1;
        assert!(
            check_file("p", &garbage, None, crc ^ 1).is_err(),
            "an intact header of another build"
        );
        garbage[24] ^= 1;
        assert!(
            check_file("p", &garbage, None, crc).is_ok(),
            "a damaged checksum"
        );
    }

    #[test]
    fn index_folders_map_names_both_ways() {
        let folder = IndexFolder::of_meta("index-00ff/meta.bin").expect("a folder");
        assert_eq!(folder.dir(), "index-00ff");
        assert_eq!(
            folder.path("index/post-0003.bin"),
            "index-00ff/post-0003.bin"
        );
        assert_eq!(folder.path("index/meta.bin"), "index-00ff/meta.bin");
        assert_eq!(
            folder.name("index-00ff/post-0003.bin").as_deref(),
            Some("index/post-0003.bin")
        );
        for stray in [
            "index/post-0003.bin",
            "index-00ff/a/b.bin",
            "index-00ffx/meta.bin",
            "post.bin",
        ] {
            assert_eq!(folder.name(stray), None, "{stray}");
        }
        let old = IndexFolder::of_meta("index/meta.bin").expect("format 1's folder");
        assert_eq!(old.path("index/dict-0000.bin"), "index/dict-0000.bin");
        for bad in ["meta.bin", "index/other.bin", "../x/meta.bin", "/meta.bin"] {
            assert_eq!(IndexFolder::of_meta(bad), None, "{bad}");
        }
    }

    #[test]
    fn plain_paths() {
        assert!(is_plain_path("index/meta.bin"));
        for bad in ["", "/a", "a//b", "../a", "a/..", ".a", "a b", "a\\b"] {
            assert!(!is_plain_path(bad), "{bad:?}");
        }
    }
}
