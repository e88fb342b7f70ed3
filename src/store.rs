//! Storage format: article packs, the files the page downloads.
//!
//! A pack holds a run of articles in a compact binary form, so the page fetches
//! a handful of files rather than one per article, and decodes them without a
//! JSON parser. Layout (integers little-endian):
//!
//! ```text
//! magic    8 bytes  "DLNPACK\0"
//! version  u32      PACK_VERSION
//! count    u32      number of articles
//! length   u64      payload bytes
//! crc32    u32      CRC-32 (IEEE) of the payload
//! payload  count × article
//! article  str id, i32 day (days from CE; i32::MAX = undated), str title,
//!          u8 has_source [str source], u32 n, n × str paragraph
//! str      u32 byte length, UTF-8 bytes
//! ```

use crate::article::Article;
use crate::index::{date_of_day, day_number, UNDATED};

pub const PACK_MAGIC: [u8; 8] = *b"DLNPACK\0";
pub const PACK_VERSION: u32 = 1;

use crate::codec::{err, frame, put_str, Frame, Reader, FRAME_LEN as HEADER_LEN};
pub use crate::codec::{FormatError, FormatErrorKind};

/// Encode `articles` as one pack.
pub fn write_pack(articles: &[Article]) -> Vec<u8> {
    let mut payload = Vec::new();
    for a in articles {
        put_article(&mut payload, a);
    }
    frame(&PACK_MAGIC, PACK_VERSION, articles.len() as u32, &payload)
}

/// One article as a pack stores it (also how `dateline build` spills its
/// documents to disk: `crate::prebuilt::doc_spill`).
pub(crate) fn put_article(payload: &mut Vec<u8>, a: &Article) {
    put_str(payload, &a.id);
    payload.extend_from_slice(&a.date.map_or(UNDATED, day_number).to_le_bytes());
    put_str(payload, &a.title);
    match &a.source {
        Some(s) => {
            payload.push(1);
            put_str(payload, s);
        }
        None => payload.push(0),
    }
    payload.extend_from_slice(&(a.paragraphs.len() as u32).to_le_bytes());
    for p in &a.paragraphs {
        put_str(payload, p);
    }
}

/// The article [`put_article`] wrote at `r`'s position (article number
/// `i`, for messages); `r`'s offsets are the file's (its `base`).
pub(crate) fn read_article(r: &mut Reader<'_>, i: usize) -> Result<Article, FormatError> {
    let id = r.str("article id")?;
    let day = r.i32("article date")?;
    let date = date_of_day(day);
    if day != UNDATED && date.is_none() {
        let (day, article) = (i64::from(day), Some((i, id)));
        return err(r.offset() - 4, FormatErrorKind::NotADate { day, article });
    }
    let title = r.str("article title")?;
    let source = match r.u8("source flag")? {
        0 => None,
        1 => Some(r.str("article source")?),
        flag => {
            let kind = FormatErrorKind::SourceFlag {
                article: i,
                id,
                flag,
            };
            return err(r.offset() - 1, kind);
        }
    };
    let n = r.u32("paragraph count")? as usize;
    let mut paragraphs = Vec::with_capacity(n.min(r.bytes.len() / 4));
    for _ in 0..n {
        paragraphs.push(r.str("paragraph")?);
    }
    Ok(Article {
        id,
        date,
        title,
        source,
        paragraphs,
    })
}

/// Decode a pack made by [`write_pack`]. Every kind of damage (wrong magic,
/// other version, truncation, checksum mismatch, bad field) is an error
/// naming the byte and what was expected.
pub fn read_pack(bytes: &[u8]) -> Result<Vec<Article>, FormatError> {
    let frame = Frame::read(bytes, &PACK_MAGIC, "a Dateline article pack")?;
    if frame.version != PACK_VERSION {
        let kind = FormatErrorKind::PackVersion {
            found: frame.version,
            expected: PACK_VERSION,
        };
        return err(8, kind);
    }
    let count = frame.tag as usize;
    let payload = frame.payload()?;
    let mut r = Reader::new(payload, HEADER_LEN);
    // Each article takes at least 17 bytes: a bound that keeps a corrupt
    // count from reserving absurd memory.
    let mut articles = Vec::with_capacity(count.min(payload.len() / 17 + 1));
    for i in 0..count {
        articles.push(read_article(&mut r, i)?);
    }
    if r.at != payload.len() {
        let kind = FormatErrorKind::BytesLeft {
            left: payload.len() - r.at,
            after: format!("{count} articles"),
        };
        return err(HEADER_LEN + r.at, kind);
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn sample() -> Vec<Article> {
        vec![
            Article {
                id: "a".into(),
                date: NaiveDate::from_ymd_opt(2022, 2, 9),
                title: "Zakharová’s note".into(),
                source: Some("Islam Times".into()),
                paragraphs: vec!["One.".into(), "Two.".into()],
            },
            Article {
                id: "b".into(),
                date: None,
                title: "t".into(),
                source: None,
                paragraphs: vec!["x".into()],
            },
        ]
    }

    #[test]
    fn round_trip() {
        assert_eq!(read_pack(&write_pack(&sample())).unwrap(), sample());
        assert_eq!(read_pack(&write_pack(&[])).unwrap(), vec![]);
    }

    #[test]
    fn every_truncation_is_an_error() {
        let bytes = write_pack(&sample());
        for n in 0..bytes.len() {
            let e = read_pack(&bytes[..n]).unwrap_err();
            assert!(e.message().contains("truncated"), "at {n}: {e}");
        }
    }

    #[test]
    fn corruption_and_version_are_reported() {
        let mut bytes = write_pack(&sample());
        let last = bytes.len() - 1;
        bytes[last] ^= 0xFF;
        assert!(read_pack(&bytes)
            .unwrap_err()
            .message()
            .starts_with("checksum mismatch: stored 0x"));
        let mut v2 = write_pack(&sample());
        v2[8] = 2;
        assert_eq!(
            read_pack(&v2).unwrap_err().to_string(),
            "pack format version 2, expected 1 (at byte 8)"
        );
        assert!(read_pack(b"<!DOCTYPE html><html>not found</html>")
            .unwrap_err()
            .message()
            .contains("magic"));
    }

    proptest! {
        #[test]
        fn round_trips_any_article(id in ".*", title in ".*", paras in proptest::collection::vec(".*", 0..4), day in 700_000i32..760_000, src in proptest::option::of(".*")) {
            let a = Article { id, date: date_of_day(day), title, source: src, paragraphs: paras };
            prop_assert_eq!(read_pack(&write_pack(std::slice::from_ref(&a))).unwrap(), vec![a]);
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = read_pack(&bytes);
        }
    }
}
