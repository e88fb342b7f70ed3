//! Byte-level encoding shared by the storage formats ([`crate::store`]'s
//! article packs and [`crate::prebuilt`]'s index files): little-endian
//! integers, LEB128 variable-length integers, length-prefixed UTF-8, and a
//! bounds-checked reader whose every failure names the byte and what was
//! expected there.

use std::fmt;

/// Bytes that cannot be decoded: what is wrong, and at which byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.offset)
    }
}

impl std::error::Error for FormatError {}

pub(crate) fn err<T>(offset: usize, message: String) -> Result<T, FormatError> {
    Err(FormatError { offset, message })
}

/// LEB128: seven bits a byte, low bits first. (Writing is for building
/// indexes: the reader-only build leaves it out.)
#[cfg(feature = "inpage")]
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A string as its `u32` byte length and UTF-8 bytes (article packs; read
/// back by [`Reader::str`]).
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A string as its varint byte length and UTF-8 bytes.
#[cfg(feature = "inpage")]
pub(crate) fn put_vstr(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Bytes in the header every Dateline file starts with (little-endian):
/// 8 magic bytes, a `u32` version, a `u32` the format defines (a count, a
/// kind), the `u64` payload length and the payload's `u32` CRC-32.
pub(crate) const FRAME_LEN: usize = 8 + 4 + 4 + 8 + 4;

/// `payload` behind a header (see [`FRAME_LEN`]).
pub(crate) fn frame(magic: &[u8; 8], version: u32, tag: u32, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(FRAME_LEN + payload.len());
    out.extend_from_slice(magic);
    out.extend_from_slice(&version.to_le_bytes());
    out.extend_from_slice(&tag.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crate::checksum::crc32(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// A file's header, read but not yet checked against its payload.
pub(crate) struct Frame<'a> {
    pub version: u32,
    pub tag: u32,
    len: u64,
    crc: u32,
    bytes: &'a [u8],
}

impl<'a> Frame<'a> {
    /// Read the header of `bytes`, which must start with `magic`; `what`
    /// names the kind of file in messages ("a Dateline article pack").
    pub fn read(bytes: &'a [u8], magic: &[u8; 8], what: &str) -> Result<Frame<'a>, FormatError> {
        if bytes.len() < FRAME_LEN {
            if !bytes.is_empty() && !magic.starts_with(&bytes[..bytes.len().min(8)]) {
                return err(0, format!("not {what} (wrong magic bytes)"));
            }
            return err(
                bytes.len(),
                format!(
                    "truncated: {} bytes, shorter than the {FRAME_LEN}-byte header",
                    bytes.len()
                ),
            );
        }
        if bytes[..8] != magic[..] {
            return err(
                0,
                format!(
                    "not {what}: magic bytes {:02x?}, expected {:02x?}",
                    &bytes[..8],
                    magic
                ),
            );
        }
        let mut h = Reader::new(&bytes[8..FRAME_LEN], 8);
        let (version, tag) = (h.u32("version")?, h.u32("header field")?);
        let len = u64::from(h.u32("length")?) | u64::from(h.u32("length")?) << 32;
        Ok(Frame {
            version,
            tag,
            len,
            crc: h.u32("checksum")?,
            bytes,
        })
    }

    /// The payload, once its length and checksum agree with the header.
    pub fn payload(&self) -> Result<&'a [u8], FormatError> {
        let (len, payload) = (self.len, &self.bytes[FRAME_LEN..]);
        if (payload.len() as u64) < len {
            return err(
                self.bytes.len(),
                format!(
                    "truncated: header says {len} payload bytes, found {}",
                    payload.len()
                ),
            );
        }
        if (payload.len() as u64) > len {
            return err(
                FRAME_LEN + len as usize,
                format!(
                    "{} unexpected bytes after the payload",
                    payload.len() as u64 - len
                ),
            );
        }
        let crc = crate::checksum::crc32(payload);
        if crc != self.crc {
            return err(24, format!("checksum mismatch: stored {:#010x}, computed {crc:#010x} (the file is corrupted)", self.crc));
        }
        Ok(payload)
    }
}

/// A cursor over `bytes`, which start at byte `base` of their file (for messages).
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
    pub base: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8], base: usize) -> Self {
        Reader { bytes, at: 0, base }
    }

    /// Offset in the file of the next byte.
    pub fn offset(&self) -> usize {
        self.base + self.at
    }

    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], FormatError> {
        match self
            .at
            .checked_add(n)
            .and_then(|end| self.bytes.get(self.at..end))
        {
            Some(s) => {
                self.at += n;
                Ok(s)
            }
            None => err(
                self.offset(),
                format!(
                    "truncated: {what} needs {n} bytes, {} left",
                    self.bytes.len() - self.at.min(self.bytes.len())
                ),
            ),
        }
    }

    pub fn u8(&mut self, what: &str) -> Result<u8, FormatError> {
        Ok(self.take(1, what)?[0])
    }

    pub fn u32(&mut self, what: &str) -> Result<u32, FormatError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn i32(&mut self, what: &str) -> Result<i32, FormatError> {
        Ok(self.u32(what)? as i32)
    }

    pub fn f32(&mut self, what: &str) -> Result<f32, FormatError> {
        Ok(f32::from_bits(self.u32(what)?))
    }

    pub fn varint(&mut self, what: &str) -> Result<u64, FormatError> {
        let start = self.offset();
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        err(
            start,
            format!("{what}: variable-length integer longer than 10 bytes"),
        )
    }

    /// A varint that must fit in a `u32`.
    pub fn var32(&mut self, what: &str) -> Result<u32, FormatError> {
        let at = self.offset();
        let v = self.varint(what)?;
        u32::try_from(v).or_else(|_| err(at, format!("{what}: {v} does not fit in 32 bits")))
    }

    /// A count of items that each take at least `min_bytes` bytes: checked
    /// against the bytes left, so a corrupt count cannot reserve absurd memory.
    pub fn count(&mut self, what: &str, min_bytes: usize) -> Result<usize, FormatError> {
        let at = self.offset();
        let n = self.var32(what)? as usize;
        let left = self.bytes.len() - self.at;
        if n.saturating_mul(min_bytes.max(1)) > left {
            return err(
                at,
                format!("{what} is {n}, more than the {left} bytes left can hold"),
            );
        }
        Ok(n)
    }

    fn utf8(&self, b: &'a [u8], at: usize, what: &str) -> Result<&'a str, FormatError> {
        std::str::from_utf8(b)
            .or_else(|e| err(at + e.valid_up_to(), format!("{what} is not valid UTF-8")))
    }

    /// A string with a `u32` length (article packs).
    pub fn str(&mut self, what: &str) -> Result<String, FormatError> {
        let len = self.u32(what)? as usize;
        let at = self.offset();
        let b = self.take(len, what)?;
        Ok(self.utf8(b, at, what)?.to_string())
    }

    /// A string with a varint length (index files).
    pub fn vstr(&mut self, what: &str) -> Result<&'a str, FormatError> {
        let len = self.var32(what)? as usize;
        let at = self.offset();
        let b = self.take(len, what)?;
        self.utf8(b, at, what)
    }

    /// A byte string with a varint length.
    pub fn vbytes(&mut self, what: &str) -> Result<&'a [u8], FormatError> {
        let len = self.var32(what)? as usize;
        self.take(len, what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn varints_round_trip_at_the_edges() {
        for v in [0u64, 1, 127, 128, 16_383, 16_384, u32::MAX as u64, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let mut r = Reader::new(&out, 0);
            assert_eq!(r.varint("v").unwrap(), v);
            assert!(r.is_done());
        }
    }

    #[test]
    fn errors_name_the_byte_and_the_field() {
        let mut r = Reader::new(&[0x80, 0x80], 10);
        assert_eq!(
            r.varint("doc gap").unwrap_err().to_string(),
            "truncated: doc gap needs 1 bytes, 0 left (at byte 12)"
        );
        let mut r = Reader::new(&[0xFF; 12], 0);
        assert!(r
            .varint("x")
            .unwrap_err()
            .message
            .contains("longer than 10 bytes"));
        let mut r = Reader::new(&[200, 1], 0);
        assert_eq!(
            r.count("term count", 1).unwrap_err().message,
            "term count is 200, more than the 0 bytes left can hold"
        );
        let mut r = Reader::new(&[2, 0xC3, 0x28], 4);
        assert_eq!(
            r.vstr("term").unwrap_err().to_string(),
            "term is not valid UTF-8 (at byte 5)"
        );
    }

    proptest! {
        #[test]
        fn any_varint_round_trips(v in any::<u64>()) {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            prop_assert!(out.len() <= 10);
            prop_assert_eq!(Reader::new(&out, 0).varint("v").unwrap(), v);
        }
    }
}
