//! Byte-level encoding shared by the storage formats ([`crate::store`]'s
//! article packs and [`crate::prebuilt`]'s index files): little-endian
//! integers, LEB128 variable-length integers, length-prefixed UTF-8, and a
//! bounds-checked reader whose every failure names the byte and what was
//! expected there.

use std::fmt;

/// Bytes that cannot be decoded: what is wrong ([`FormatErrorKind`]), and
/// at which byte of the file. Displays as "what is wrong (at byte N)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Offset in the file of the first byte at fault.
    pub offset: usize,
    pub kind: FormatErrorKind,
}

/// Every way a Dateline file (an article pack, a prebuilt index file) can
/// be wrong. `field` names what was being read ("article title", "doc gap").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatErrorKind {
    /// Shorter than a header, and not starting like this kind of `file`.
    NotThisFile { file: &'static str },
    /// Another file's magic bytes.
    WrongMagic {
        file: &'static str,
        found: [u8; 8],
        expected: [u8; 8],
    },
    /// Shorter than the header.
    ShortHeader { len: usize },
    /// Fewer payload bytes than the header says.
    ShortPayload { expected: u64, found: usize },
    /// More payload bytes than the header says.
    TrailingBytes { extra: u64 },
    /// The payload's CRC-32 differs from the header's.
    Checksum { stored: u32, computed: u32 },
    /// An article pack of another format version.
    PackVersion { found: u32, expected: u32 },
    /// A prebuilt index file of another format version.
    IndexVersion { found: u32, expected: u32 },
    /// A prebuilt index file of another kind (`found` is `None` for an unknown kind number).
    WrongKind {
        expected: &'static str,
        found: Option<&'static str>,
        tag: u32,
    },
    /// The bytes end inside `field`.
    Truncated {
        field: &'static str,
        needed: usize,
        left: usize,
    },
    /// A varint of more than 10 bytes.
    LongVarint { field: &'static str },
    /// A varint that must fit in 32 bits does not.
    Over32Bits { field: &'static str, value: u64 },
    /// A count larger than the bytes left could hold.
    CountTooLarge {
        field: &'static str,
        count: usize,
        left: usize,
    },
    /// A string that is not UTF-8.
    NotUtf8 { field: &'static str },
    /// Bytes left after the last item (`after`: "3 articles", "the id shard").
    BytesLeft { left: usize, after: String },
    /// A day number that is no date (of article `article`, id `id`, in a pack).
    NotADate {
        day: i64,
        article: Option<(usize, String)>,
    },
    /// A source flag other than 0 or 1 (article `article`, id `id`).
    SourceFlag {
        article: usize,
        id: String,
        flag: u8,
    },
    /// A value that disagrees with the index metadata.
    Mismatch {
        field: &'static str,
        found: u64,
        expected: u64,
    },
    /// Values that must ascend below `limit` do not (`value`: the first wrong one, when known).
    OutOfOrder {
        field: &'static str,
        value: Option<u64>,
        limit: u64,
    },
    /// A number that must be below `limit` is not.
    NotBelow {
        field: &'static str,
        value: u64,
        limit: u64,
    },
    /// A size or count that must be at least 1 (a divisor) is 0.
    Zero { field: &'static str },
    /// The publication days' article counts disagree with the totals.
    DayRuns {
        counted: u64,
        dated: usize,
        docs: usize,
    },
    /// The shard counts cannot cover the documents and terms.
    ShardCounts { docs: usize, terms: usize },
    /// A dictionary that is not a valid FST (`error`: the fst crate's words).
    BadFst {
        dictionary: &'static str,
        error: String,
    },
    /// A term dictionary entry that is not UTF-8 or out of order.
    BadTerm { index: usize },
    /// A shard holding another number of items than the metadata says.
    ShardSize {
        shard: &'static str,
        items: &'static str,
        found: usize,
        expected: usize,
    },
    /// An article id in the wrong shard, or of no document.
    StrayId { id: String, doc: u64 },
}

impl fmt::Display for FormatErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FormatErrorKind as K;
        match self {
            K::NotThisFile { file } => write!(f, "not {file} (wrong magic bytes)"),
            K::WrongMagic {
                file,
                found,
                expected,
            } => write!(f, "not {file}: magic bytes {found:02x?}, expected {expected:02x?}"),
            K::ShortHeader { len } => write!(
                f,
                "truncated: {len} bytes, shorter than the {FRAME_LEN}-byte header"
            ),
            K::ShortPayload { expected, found } => write!(
                f,
                "truncated: header says {expected} payload bytes, found {found}"
            ),
            K::TrailingBytes { extra } => write!(f, "{extra} unexpected bytes after the payload"),
            K::Checksum { stored, computed } => write!(
                f,
                "checksum mismatch: stored {stored:#010x}, computed {computed:#010x} (the file is corrupted)"
            ),
            K::PackVersion { found, expected } => {
                write!(f, "pack format version {found}, expected {expected}")
            }
            K::IndexVersion { found, expected } => write!(
                f,
                "index format version {found}, this reader reads version {expected}: rebuild the index with this version of `dateline build`"
            ),
            K::WrongKind {
                expected,
                found: Some(found),
                ..
            } => write!(f, "expected a {expected}, found a {found}"),
            K::WrongKind {
                expected,
                found: None,
                tag,
            } => write!(f, "expected a {expected}, found unknown kind {tag}"),
            K::Truncated {
                field,
                needed,
                left,
            } => write!(f, "truncated: {field} needs {needed} bytes, {left} left"),
            K::LongVarint { field } => {
                write!(f, "{field}: variable-length integer longer than 10 bytes")
            }
            K::Over32Bits { field, value } => write!(f, "{field}: {value} does not fit in 32 bits"),
            K::CountTooLarge { field, count, left } => write!(
                f,
                "{field} is {count}, more than the {left} bytes left can hold"
            ),
            K::NotUtf8 { field } => write!(f, "{field} is not valid UTF-8"),
            K::BytesLeft { left, after } => write!(f, "{left} bytes left after {after}"),
            K::NotADate { day, article: None } => write!(f, "day number {day} is not a date"),
            K::NotADate {
                day,
                article: Some((i, id)),
            } => write!(f, "article {i} ({id:?}): day number {day} is not a date"),
            K::SourceFlag { article, id, flag } => write!(
                f,
                "article {article} ({id:?}): source flag {flag}, expected 0 or 1"
            ),
            K::Mismatch {
                field,
                found,
                expected,
            } => write!(f, "{field} is {found}, the index metadata says {expected}"),
            K::OutOfOrder {
                field,
                value: Some(v),
                limit,
            } => write!(f, "{field} {v} is out of order or not below {limit}"),
            K::OutOfOrder {
                field,
                value: None,
                limit,
            } => write!(f, "{field} do not start at 0 and ascend below {limit}"),
            K::NotBelow {
                field,
                value,
                limit,
            } => write!(f, "{field} {value} is not below {limit}"),
            K::Zero { field } => write!(f, "{field} is 0 (at least 1 is written)"),
            K::DayRuns {
                counted,
                dated,
                docs,
            } => write!(
                f,
                "publication days count {counted} articles, expected {dated} dated of {docs}"
            ),
            K::ShardCounts { docs, terms } => write!(
                f,
                "shard counts do not fit {docs} documents and {terms} terms"
            ),
            K::BadFst { dictionary, error } => {
                write!(f, "{dictionary} is not a valid FST: {error}")
            }
            K::BadTerm { index } => write!(f, "term dictionary entry {index} is not valid"),
            K::ShardSize {
                shard,
                items,
                found,
                expected,
            } => write!(f, "{shard} holds {found} {items}, expected {expected}"),
            K::StrayId { id, doc } => write!(
                f,
                "article id {id:?} (document {doc}) is not a document of this index or in the wrong shard"
            ),
        }
    }
}

impl FormatError {
    /// What is wrong, without the byte (the Display adds "(at byte N)").
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The same error `base` bytes further into an enclosing file.
    pub(crate) fn shifted(self, base: usize) -> FormatError {
        FormatError {
            offset: base + self.offset,
            kind: self.kind,
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.kind, self.offset)
    }
}

impl std::error::Error for FormatError {}

pub(crate) fn err<T>(offset: usize, kind: FormatErrorKind) -> Result<T, FormatError> {
    Err(FormatError { offset, kind })
}

/// `Ok` when `value < limit`; otherwise a [`FormatErrorKind::NotBelow`] at
/// `offset` naming `field` (a count or size read from the bytes that a
/// reader must bound before it allocates or indexes by it).
pub(crate) fn below(
    offset: usize,
    field: &'static str,
    value: u64,
    limit: u64,
) -> Result<(), FormatError> {
    if value < limit {
        Ok(())
    } else {
        err(
            offset,
            FormatErrorKind::NotBelow {
                field,
                value,
                limit,
            },
        )
    }
}

/// `Ok` when `1 <= value < limit` (a size a reader divides by); otherwise
/// [`FormatErrorKind::Zero`] or [`FormatErrorKind::NotBelow`] at `offset`.
pub(crate) fn positive_below(
    offset: usize,
    field: &'static str,
    value: u64,
    limit: u64,
) -> Result<(), FormatError> {
    if value == 0 {
        return err(offset, FormatErrorKind::Zero { field });
    }
    below(offset, field, value, limit)
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

/// The payload length and CRC-32 a file's header states (without reading
/// or checking the payload): what a manifest compares a fetched file with.
/// `None` for bytes shorter than a header.
pub fn frame_sum(bytes: &[u8]) -> Option<(u64, u32)> {
    let header = bytes.get(16..FRAME_LEN)?;
    let mut len = [0u8; 8];
    len.copy_from_slice(&header[..8]);
    let mut crc = [0u8; 4];
    crc.copy_from_slice(&header[8..12]);
    Some((u64::from_le_bytes(len), u32::from_le_bytes(crc)))
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
    pub fn read(
        bytes: &'a [u8],
        magic: &[u8; 8],
        what: &'static str,
    ) -> Result<Frame<'a>, FormatError> {
        if bytes.len() < FRAME_LEN {
            if !bytes.is_empty() && !magic.starts_with(&bytes[..bytes.len().min(8)]) {
                return err(0, FormatErrorKind::NotThisFile { file: what });
            }
            let len = bytes.len();
            return err(len, FormatErrorKind::ShortHeader { len });
        }
        let mut found = [0u8; 8];
        found.copy_from_slice(&bytes[..8]);
        if found != *magic {
            let kind = FormatErrorKind::WrongMagic {
                file: what,
                found,
                expected: *magic,
            };
            return err(0, kind);
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
        let found = payload.len();
        if (found as u64) < len {
            let kind = FormatErrorKind::ShortPayload {
                expected: len,
                found,
            };
            return err(self.bytes.len(), kind);
        }
        if (found as u64) > len {
            let extra = found as u64 - len;
            return err(
                FRAME_LEN + len as usize,
                FormatErrorKind::TrailingBytes { extra },
            );
        }
        let computed = crate::checksum::crc32(payload);
        if computed != self.crc {
            let stored = self.crc;
            return err(24, FormatErrorKind::Checksum { stored, computed });
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

    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], FormatError> {
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
                FormatErrorKind::Truncated {
                    field: what,
                    needed: n,
                    left: self.bytes.len() - self.at.min(self.bytes.len()),
                },
            ),
        }
    }

    pub fn u8(&mut self, what: &'static str) -> Result<u8, FormatError> {
        Ok(self.take(1, what)?[0])
    }

    pub fn u32(&mut self, what: &'static str) -> Result<u32, FormatError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn i32(&mut self, what: &'static str) -> Result<i32, FormatError> {
        Ok(self.u32(what)? as i32)
    }

    pub fn f32(&mut self, what: &'static str) -> Result<f32, FormatError> {
        Ok(f32::from_bits(self.u32(what)?))
    }

    pub fn varint(&mut self, what: &'static str) -> Result<u64, FormatError> {
        let start = self.offset();
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8(what)?;
            v |= u64::from(b & 0x7F) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        err(start, FormatErrorKind::LongVarint { field: what })
    }

    /// A varint that must fit in a `u32`.
    pub fn var32(&mut self, what: &'static str) -> Result<u32, FormatError> {
        let at = self.offset();
        let v = self.varint(what)?;
        u32::try_from(v).or_else(|_| {
            let kind = FormatErrorKind::Over32Bits {
                field: what,
                value: v,
            };
            err(at, kind)
        })
    }

    /// A count of items that each take at least `min_bytes` bytes: checked
    /// against the bytes left, so a corrupt count cannot reserve absurd memory.
    pub fn count(&mut self, what: &'static str, min_bytes: usize) -> Result<usize, FormatError> {
        let at = self.offset();
        let n = self.var32(what)? as usize;
        let left = self.bytes.len() - self.at;
        if n.saturating_mul(min_bytes.max(1)) > left {
            let kind = FormatErrorKind::CountTooLarge {
                field: what,
                count: n,
                left,
            };
            return err(at, kind);
        }
        Ok(n)
    }

    fn utf8(&self, b: &'a [u8], at: usize, what: &'static str) -> Result<&'a str, FormatError> {
        std::str::from_utf8(b).or_else(|e| {
            err(
                at + e.valid_up_to(),
                FormatErrorKind::NotUtf8 { field: what },
            )
        })
    }

    /// A string with a `u32` length (article packs).
    pub fn str(&mut self, what: &'static str) -> Result<String, FormatError> {
        let len = self.u32(what)? as usize;
        let at = self.offset();
        let b = self.take(len, what)?;
        Ok(self.utf8(b, at, what)?.to_string())
    }

    /// A string with a varint length (index files).
    pub fn vstr(&mut self, what: &'static str) -> Result<&'a str, FormatError> {
        let len = self.var32(what)? as usize;
        let at = self.offset();
        let b = self.take(len, what)?;
        self.utf8(b, at, what)
    }

    /// A byte string with a varint length.
    pub fn vbytes(&mut self, what: &'static str) -> Result<&'a [u8], FormatError> {
        let len = self.var32(what)? as usize;
        self.take(len, what)
    }
}

// Without `inpage` there is nothing to test against: the tests write what they read, and writing is `inpage`.
#[cfg(all(test, feature = "inpage"))]
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
            .message()
            .contains("longer than 10 bytes"));
        let mut r = Reader::new(&[200, 1], 0);
        assert_eq!(
            r.count("term count", 1).unwrap_err().message(),
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
