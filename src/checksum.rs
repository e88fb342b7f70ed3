//! The checksums Dateline reads and writes. CRC-32 (IEEE, as zlib) is the
//! one checksum of every file format Dateline writes (article packs, index
//! files, the entity model). CRC-32C, masked, is the `fst` crate's own
//! checksum at the end of every FST (the prebuilt index's dictionaries),
//! computed here rather than by `fst::raw::Fst::verify`, whose 16 KB of
//! slicing tables would be the largest table in the reader core.
//!
//! In wasm each is computed byte-wise with one 1 KB table (the page checks a
//! few megabytes per load, and a faster variant's tables would cost 16 KB of
//! wasm each); natively, where `dateline build` checksums the whole index,
//! 16 bytes at a time. Both give the same values.

#[cfg(target_arch = "wasm32")]
type Table = crc::Table<1>;
#[cfg(not(target_arch = "wasm32"))]
type Table = crc::Table<16>;

const CRC32: crc::Crc<u32, Table> = crc::Crc::<u32, Table>::new(&crc::CRC_32_ISO_HDLC);
const CRC32C: crc::Crc<u32, Table> = crc::Crc::<u32, Table>::new(&crc::CRC_32_ISCSI);

/// CRC-32 (IEEE) of `data`.
pub fn crc32(data: &[u8]) -> u32 {
    CRC32.checksum(data)
}

/// Does the FST `bytes` (as `fst::raw::Fst::as_bytes` holds it, its header
/// already accepted by `fst::Map::new`) end with the checksum of the rest,
/// as `fst` ≥ 0.4 writes it (format version 3)? The same answer as
/// `Fst::verify` (whose error says only "FST error"; this one says which
/// checksum was expected): an FST of an older version has no checksum and
/// fails.
pub fn verify_fst(bytes: &[u8]) -> Result<(), String> {
    let (Some(version), Some((body, stored))) =
        (bytes.first_chunk::<8>(), bytes.split_last_chunk::<4>())
    else {
        return Err(NO_FST_CHECKSUM.to_string());
    };
    if u64::from_le_bytes(*version) < 3 {
        return Err(NO_FST_CHECKSUM.to_string());
    }
    let expected = u32::from_le_bytes(*stored);
    // fst's mask (as Snappy's frames): rotated and offset, so that a
    // checksum over data holding checksums stays robust.
    let got = CRC32C
        .checksum(body)
        .rotate_right(15)
        .wrapping_add(0xA282_EAD8);
    if got == expected {
        Ok(())
    } else {
        Err(format!(
            "FST verification failed: expected checksum of {expected} but got {got}"
        ))
    }
}

const NO_FST_CHECKSUM: &str = "FST verification failed: FST does not contain a checksum";

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(super::crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(super::crc32(b""), 0);
        assert_eq!(super::CRC32C.checksum(b"123456789"), 0xe306_9283);
    }

    /// An FST of `keys` as `fst` writes it.
    fn fst_of(keys: &std::collections::BTreeSet<Vec<u8>>) -> Vec<u8> {
        let mut b = fst::MapBuilder::memory();
        for (i, k) in keys.iter().enumerate() {
            b.insert(k, i as u64).expect("keys in order");
        }
        b.into_inner().expect("in memory")
    }

    proptest! {
        /// The same verdict as the fst crate's own `verify` on whole and
        /// damaged FSTs (one byte changed anywhere, or cut short).
        #[test]
        fn verify_fst_agrees_with_fst(
            keys in proptest::collection::btree_set(proptest::collection::vec(any::<u8>(), 0..12), 0..40),
            at in any::<prop::sample::Index>(),
            flip in 0u8..=255,
            cut in 0usize..8,
        ) {
            let whole = fst_of(&keys);
            let mut damaged = whole.clone();
            let i = at.index(damaged.len());
            damaged[i] ^= flip;
            let short = whole[..whole.len().saturating_sub(cut)].to_vec();
            for bytes in [whole, damaged, short] {
                // fst's own error says only "FST error"; ours says which.
                if let Ok(theirs) = fst::raw::Fst::new(bytes.clone()) {
                    prop_assert_eq!(super::verify_fst(&bytes).is_ok(), theirs.verify().is_ok());
                }
            }
        }
    }

    #[test]
    fn an_fst_without_checksum_fails() {
        let mut bytes = fst_of(&[b"a".to_vec()].into_iter().collect());
        bytes[..8].copy_from_slice(&2u64.to_le_bytes());
        assert!(super::verify_fst(&bytes)
            .unwrap_err()
            .contains("does not contain a checksum"));
        assert!(super::verify_fst(&[1, 2]).is_err());
    }
}
