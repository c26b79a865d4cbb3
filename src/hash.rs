//! The one hash the crate uses: 64-bit FNV-1a, for catalog checksums,
//! derived block ids and deterministic annotation ids. Not for security:
//! it only has to be stable across builds and platforms, and small.

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
