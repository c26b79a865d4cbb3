//! The crate's hashes: 64-bit FNV-1a, for derived block ids and
//! deterministic annotation ids, [`word_hash`], for looking up every word
//! of a text, and [`checksum`], for the catalog's binary form. Not for security: they only have to be stable
//! across builds and platforms, and small.

/// The standard FNV-1a offset basis.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a (64 bit) of `bytes`, starting from `seed` (use [`FNV_OFFSET`]
/// for the standard hash; another seed gives an independent second hash).
pub(crate) fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `n` base-32 characters (`a`–`z`, `2`–`7`, RFC 4648's alphabet in lower
/// case) of `hash`, high bits first: short ids that are safe in HTML
/// attributes, URLs and CSS selectors.
pub(crate) fn base32(hash: u64, n: usize) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    (0..n.min(12))
        .map(|i| char::from(ALPHABET[((hash >> (59 - 5 * i)) & 31) as usize]))
        .collect()
}

/// A fast hash of a word's bytes, the same on every platform (catalog
/// matching and the recognizers' lexicon look up every word of a text
/// with it; FNV-1a, a multiplication per byte, is too slow there): eight
/// bytes at a
/// time, the last eight read overlapping the ones before (no byte-wise
/// tail), so a word of up to 16 bytes — most Arabic words — costs two
/// multiplications before the finish.
#[inline]
pub(crate) fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    const M: u64 = 0xFF51_AFD7_ED55_8CCD;
    let n = bytes.len();
    let mix = |h: u64, v: u64| (h ^ v).wrapping_mul(K).rotate_left(31);
    let mut h = K ^ (n as u64).wrapping_mul(M);
    if n >= 8 {
        let mut i = 0;
        while i + 8 < n {
            h = mix(h, read8(bytes, i));
            i += 8;
        }
        h = mix(h, read8(bytes, n - 8));
    } else if n >= 4 {
        h = mix(h, u64::from(read4(bytes, 0)) << 32 | u64::from(read4(bytes, n - 4)));
    } else if n > 0 {
        h = mix(
            h,
            u64::from(bytes[0]) << 16 | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]),
        );
    }
    h = (h ^ (h >> 33)).wrapping_mul(M);
    h ^ (h >> 33)
}

/// `a == b`, without a call to `memcmp` for the short words most tokens
/// are (overlapping reads, as in [`word_hash`]).
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        8..=16 => read8(a, 0) == read8(b, 0) && read8(a, n - 8) == read8(b, n - 8),
        4..=7 => read4(a, 0) == read4(b, 0) && read4(a, n - 4) == read4(b, n - 4),
        _ => a == b,
    }
}

/// The checksum, enough to catch truncation and bit rot: four lanes of
/// eight bytes, each a multiply-rotate, then the tail and the length
/// (about 8 GB/s, where byte-wise FNV-1a ran at 1).
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    const K: [u64; 4] = [
        0x9E37_79B9_7F4A_7C15,
        0xC2B2_AE3D_27D4_EB4F,
        0x1656_67B1_9E37_79F9,
        0x85EB_CA77_C2B2_AE63,
    ];
    let mix = |h: u64, v: u64, k: u64| (h ^ v).wrapping_mul(k).rotate_left(29);
    let mut lanes = K;
    let blocks = bytes.chunks_exact(32);
    let tail = blocks.remainder();
    for block in blocks {
        for (j, word) in block.chunks_exact(8).enumerate() {
            let v = word.try_into().map_or(0, u64::from_le_bytes);
            lanes[j] = mix(lanes[j], v, K[j]);
        }
    }
    let mut h = (bytes.len() as u64).wrapping_mul(K[0]);
    for (j, lane) in lanes.iter().enumerate() {
        h = mix(h, *lane, K[j]);
    }
    for (j, &b) in tail.iter().enumerate() {
        h = mix(h, u64::from(b) | (j as u64) << 8, K[1]);
    }
    h ^= h >> 31;
    h.wrapping_mul(K[2]) ^ (h >> 29)
}

#[inline]
fn read8(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at + 8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

#[inline]
fn read4(bytes: &[u8], at: usize) -> u32 {
    bytes
        .get(at..at + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Published FNV-1a test vectors.
        assert_eq!(fnv1a(FNV_OFFSET, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(base32(0, 4), "aaaa");
        assert_eq!(base32(u64::MAX, 3), "777");
    }
}
