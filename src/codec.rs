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

/// A string as its varint byte length and UTF-8 bytes.
#[cfg(feature = "inpage")]
pub(crate) fn put_vstr(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
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
        match self.at.checked_add(n).and_then(|end| self.bytes.get(self.at..end)) {
            Some(s) => {
                self.at += n;
                Ok(s)
            }
            None => err(
                self.offset(),
                format!("truncated: {what} needs {n} bytes, {} left", self.bytes.len() - self.at.min(self.bytes.len())),
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
        err(start, format!("{what}: variable-length integer longer than 10 bytes"))
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
            return err(at, format!("{what} is {n}, more than the {left} bytes left can hold"));
        }
        Ok(n)
    }

    fn utf8(&self, b: &'a [u8], at: usize, what: &str) -> Result<&'a str, FormatError> {
        std::str::from_utf8(b).or_else(|e| err(at + e.valid_up_to(), format!("{what} is not valid UTF-8")))
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
        assert_eq!(r.varint("doc gap").unwrap_err().to_string(), "truncated: doc gap needs 1 bytes, 0 left (at byte 12)");
        let mut r = Reader::new(&[0xFF; 12], 0);
        assert!(r.varint("x").unwrap_err().message.contains("longer than 10 bytes"));
        let mut r = Reader::new(&[200, 1], 0);
        assert_eq!(r.count("term count", 1).unwrap_err().message, "term count is 200, more than the 0 bytes left can hold");
        let mut r = Reader::new(&[2, 0xC3, 0x28], 4);
        assert_eq!(r.vstr("term").unwrap_err().to_string(), "term is not valid UTF-8 (at byte 5)");
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
