//! Text encodings other than UTF-8: UTF-16 and UTF-32 named by a byte order
//! mark are decoded (by hand: a few dozen lines, where a general decoder
//! crate would add tens of kilobytes to the page's wasm), and bytes that are
//! not UTF-8 are named with the encoding they look like.

use std::io::Read;

/// A wide encoding, told by its byte order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wide {
    Utf16Le,
    Utf16Be,
    Utf32Le,
    Utf32Be,
}

impl Wide {
    /// Its usual name, as messages show it.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Wide::Utf16Le => "UTF-16LE",
            Wide::Utf16Be => "UTF-16BE",
            Wide::Utf32Le => "UTF-32LE",
            Wide::Utf32Be => "UTF-32BE",
        }
    }

    fn unit(self) -> usize {
        match self {
            Wide::Utf16Le | Wide::Utf16Be => 2,
            Wide::Utf32Le | Wide::Utf32Be => 4,
        }
    }
}

/// The wide encoding `bytes` start with the byte order mark of, and the
/// mark's length. UTF-32LE's mark begins with UTF-16LE's, so it is tried first.
pub(crate) fn sniff_bom(bytes: &[u8]) -> Option<(Wide, usize)> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) {
        Some((Wide::Utf32Le, 4))
    } else if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        Some((Wide::Utf32Be, 4))
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Some((Wide::Utf16Le, 2))
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Some((Wide::Utf16Be, 2))
    } else {
        None
    }
}

/// Bytes read from this many at a time: the reader holds at most this much
/// input and its UTF-8 (up to twice as long) at once.
const CHUNK: usize = 8 * 1024;

/// Reads UTF-8 from a stream in a wide encoding (after its byte order mark),
/// a chunk at a time, so a large file never has to fit in memory. Units that
/// are not characters (half a surrogate pair, a UTF-32 value past U+10FFFF,
/// a cut-off last unit) become U+FFFD; [`WideReader::first_bad`] says where
/// the first one was.
pub(crate) struct WideReader<R> {
    inner: R,
    wide: Wide,
    /// Input bytes not yet decoded (less than a unit, or a high surrogate's unit).
    pending: Vec<u8>,
    out: Vec<u8>,
    out_at: usize,
    /// Input bytes consumed before `pending`, counted from after the byte order mark.
    offset: usize,
    first_bad: Option<usize>,
    done: bool,
}

impl<R: Read> WideReader<R> {
    pub(crate) fn new(inner: R, wide: Wide) -> WideReader<R> {
        WideReader {
            inner,
            wide,
            pending: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            offset: 0,
            first_bad: None,
            done: false,
        }
    }

    /// The byte offset (after the byte order mark) of the first unit that was
    /// not a character, if any.
    pub(crate) fn first_bad(&self) -> Option<usize> {
        self.first_bad
    }

    fn bad(&mut self, at: usize) {
        self.first_bad.get_or_insert(at);
        self.push('\u{FFFD}');
    }

    fn push(&mut self, c: char) {
        let mut b = [0; 4];
        self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }

    fn unit_at(&self, i: usize) -> u32 {
        let b = &self.pending[i..i + self.wide.unit()];
        match self.wide {
            Wide::Utf16Le => u16::from_le_bytes([b[0], b[1]]) as u32,
            Wide::Utf16Be => u16::from_be_bytes([b[0], b[1]]) as u32,
            Wide::Utf32Le => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
            Wide::Utf32Be => u32::from_be_bytes([b[0], b[1], b[2], b[3]]),
        }
    }

    /// Decode the whole units in `pending`; at the end of input, what is left too.
    fn decode_pending(&mut self, at_end: bool) {
        let unit = self.wide.unit();
        let mut i = 0;
        while i + unit <= self.pending.len() {
            let u = self.unit_at(i);
            let at = self.offset + i;
            if unit == 4 {
                match char::from_u32(u) {
                    Some(c) => self.push(c),
                    None => self.bad(at),
                }
                i += 4;
                continue;
            }
            if (0xD800..0xDC00).contains(&u) {
                // A high surrogate needs the next unit: wait for it unless at the end.
                if i + 4 > self.pending.len() {
                    if !at_end {
                        break;
                    }
                    self.bad(at);
                    i += 2;
                    continue;
                }
                let low = self.unit_at(i + 2);
                if (0xDC00..0xE000).contains(&low) {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                    self.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    i += 4;
                } else {
                    self.bad(at);
                    i += 2;
                }
                continue;
            }
            match char::from_u32(u) {
                Some(c) if !(0xDC00..0xE000).contains(&u) => self.push(c),
                _ => self.bad(at),
            }
            i += 2;
        }
        if at_end && i < self.pending.len() {
            self.bad(self.offset + i);
            i = self.pending.len();
        }
        self.pending.drain(..i);
        self.offset += i;
    }
}

impl<R: Read> Read for WideReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.out_at == self.out.len() && !self.done {
            self.out.clear();
            self.out_at = 0;
            let mut chunk = [0u8; CHUNK];
            let n = self.inner.read(&mut chunk)?;
            self.done = n == 0;
            self.pending.extend_from_slice(&chunk[..n]);
            self.decode_pending(self.done);
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

/// Decode a whole wide-encoded text (after its byte order mark): the text,
/// and where its first bad unit was.
pub(crate) fn decode_wide(bytes: &[u8], wide: Wide) -> (String, Option<usize>) {
    let mut reader = WideReader::new(bytes, wide);
    let mut out = Vec::with_capacity(bytes.len());
    // Reading from a slice cannot fail, and the reader writes only whole UTF-8 characters.
    let _ = reader.read_to_end(&mut out);
    let text = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    (text, reader.first_bad())
}

/// What bytes that are not UTF-8 look like, when something stands out:
/// many NUL bytes mean UTF-16 without its byte order mark (which half
/// holds them says the byte order); otherwise a lone high byte is the mark
/// of a single-byte encoding.
pub(crate) fn guess(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| b == 0 && i % 2 == parity)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    if (even + odd) * 4 >= head.len() && !head.is_empty() {
        let order = if odd >= even { "LE" } else { "BE" };
        return Some(format!("UTF-16{order} without a byte order mark"));
    }
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len() == Some(1) => {
            Some("a single-byte encoding such as Windows-1252 (Latin-1)".to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        v.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        v
    }

    #[test]
    fn utf16_and_utf32_with_marks_decode() {
        let text = "date 2022-02-24 Kyiv \u{1F600} Київ";
        let le = utf16le(text);
        let (w, n) = sniff_bom(&le).unwrap();
        assert_eq!((w, n), (Wide::Utf16Le, 2));
        assert_eq!(decode_wide(&le[n..], w), (text.to_string(), None));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode_wide(&be[2..], Wide::Utf16Be).0, text);
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        le32.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        assert_eq!(sniff_bom(&le32).unwrap().0, Wide::Utf32Le);
        assert_eq!(decode_wide(&le32[4..], Wide::Utf32Le).0, text);
        let mut be32 = vec![0, 0, 0xFE, 0xFF];
        be32.extend(text.chars().flat_map(|c| (c as u32).to_be_bytes()));
        assert_eq!(decode_wide(&be32[4..], Wide::Utf32Be).0, text);
    }

    #[test]
    fn bad_units_are_replaced_and_located() {
        // "a", a lone low surrogate, "b", then a cut-off unit.
        let bytes = [b'a', 0, 0x00, 0xDC, b'b', 0, 0x41];
        let (s, bad) = decode_wide(&bytes, Wide::Utf16Le);
        assert_eq!(s, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(bad, Some(2));
    }

    #[test]
    fn surrogate_pairs_split_across_chunks_decode() {
        let text = "\u{1F600}".repeat(CHUNK);
        let le = utf16le(&text);
        assert_eq!(decode_wide(&le[2..], Wide::Utf16Le), (text, None));
    }

    #[test]
    fn guesses_name_the_likely_encoding() {
        let no_bom: Vec<u8> = "date 2022"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            guess(&no_bom).unwrap(),
            "UTF-16LE without a byte order mark"
        );
        assert!(guess(b"caf\xe9 au lait").unwrap().contains("Windows-1252"));
    }
}
