//! Index files as published: gzipped whole where that saves bytes.
//!
//! `dateline build` writes every index file but `meta.bin` through [`pack`]:
//! the whole framed file, gzipped (RFC 1952), when that makes it at least
//! an eighth smaller (document, card and notes chunks, postings, positions,
//! dictionaries: text and varints compress by a third to a half; a tiny or
//! incompressible file stays as it is). A static host that does not
//! compress then still sends few bytes; one that does gains little more
//! and loses a few bytes a file (gzip of gzip). A reader tells the two
//! apart by the first bytes (gzip `1f 8b`, a frame `DLNIDX`): the page
//! inflates with the browser's `DecompressionStream` (`www/js/engine.js`
//! `unpacked`), native readers with [`unpack`]. The frames' checksums (the
//! build names the index folder by them) are inside the gzip, so a file is
//! checked once inflated;
//! `meta.bin` stays plain, its header readable as the manifest's reader
//! and `dateline build` read it back.

use std::borrow::Cow;
use std::io::{Read, Write};

use super::format::FileKind;

/// gzip's magic bytes.
const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `file` (a framed index file of `kind`) as published: gzipped when that
/// saves at least an eighth of its bytes, else unchanged.
pub fn pack(kind: FileKind, file: Vec<u8>) -> Vec<u8> {
    if kind == FileKind::Meta {
        return file;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let packed = gz.write_all(&file).and_then(|()| gz.finish());
    match packed {
        Ok(packed) if packed.len() <= file.len() - file.len() / 8 => packed,
        _ => file,
    }
}

/// A published index file's frame: inflated when gzipped, else as it is.
/// A damaged gzip stream is an error.
pub fn unpack(bytes: &[u8]) -> std::io::Result<Cow<'_, [u8]>> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prebuilt::format::frame;

    #[test]
    fn packs_what_compresses_and_unpacks_it() {
        let text = "Kyiv was shelled overnight, officials said. ".repeat(50);
        let file = frame(FileKind::Docs, text.as_bytes());
        let packed = pack(FileKind::Docs, file.clone());
        assert!(packed.starts_with(&GZIP_MAGIC) && packed.len() < file.len() / 4);
        assert_eq!(unpack(&packed).unwrap(), file);
        // Plain frames pass through; meta stays plain; noise is not grown.
        assert_eq!(unpack(&file).unwrap(), file);
        let meta = frame(FileKind::Meta, text.as_bytes());
        assert_eq!(pack(FileKind::Meta, meta.clone()), meta);
        // xorshift64: bytes gzip cannot shorten.
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let noise: Vec<u8> = (0..4000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 32) as u8
            })
            .collect();
        let noisy = frame(FileKind::Docs, &noise);
        assert_eq!(pack(FileKind::Docs, noisy.clone()), noisy);
        // Damage is an error, not a short file.
        assert!(unpack(&packed[..packed.len() / 2]).is_err());
        let mut flipped = packed.clone();
        let at = flipped.len() - 6;
        flipped[at] ^= 0x40;
        assert!(unpack(&flipped).is_err());
    }
}
