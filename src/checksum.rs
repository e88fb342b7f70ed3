//! The one checksum of every file format Dateline writes (article packs,
//! index files, the entity model): CRC-32 (IEEE, as zlib). In wasm it is
//! computed byte-wise with one 1 KB table (the page checks a few megabytes
//! per load, and a faster variant's tables would cost 16 KB of wasm);
//! natively, where `dateline build` checksums the whole index, 16 bytes at a
//! time. Both give the same values.

#[cfg(target_arch = "wasm32")]
type Table = crc::Table<1>;
#[cfg(not(target_arch = "wasm32"))]
type Table = crc::Table<16>;

const CRC32: crc::Crc<u32, Table> = crc::Crc::<u32, Table>::new(&crc::CRC_32_ISO_HDLC);

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
