//! The one checksum of every file format Dateline writes (article packs, the
//! entity model): CRC-32 (IEEE, as zlib), computed byte-wise with one 1 KB
//! table — the page checks a few megabytes once per load, and the larger
//! tables of faster variants would cost 16 KB of wasm.

const CRC32: crc::Crc<u32, crc::Table<1>> = crc::Crc::<u32, crc::Table<1>>::new(&crc::CRC_32_ISO_HDLC);

/// CRC-32 (IEEE) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    CRC32.checksum(data)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(super::crc32(b""), 0);
    }
}
