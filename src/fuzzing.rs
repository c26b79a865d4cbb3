//! What the fuzz targets (`fuzz/bodies.rs`, driven by `cargo fuzz` on
//! nightly and by `tests/fuzz_smoke.rs` on stable) check their properties
//! against: the crate's own definitions of dirt, JSON repair and the
//! resolver's error bound, so a target states "the visible text is the
//! input's text after the documented cleaning" with the one cleaning, not a
//! copy. Feature `fuzzing` only: never in a bundle.

pub use crate::test_rand::Rand;

/// `s` after the importers' dirt cleaning ([`crate::ingest::check`]'s
/// `clean`): control characters, stray byte-order marks, noncharacters and
/// misplaced zero-width spaces removed; with `lines` (a whole plain-text
/// input) carriage returns are left for the line splitter.
pub fn clean(s: &str, lines: bool) -> String {
    crate::ingest::check::clean(s, lines).map_or_else(|| s.to_string(), |(cleaned, _)| cleaned)
}

/// JSON text as the JSON importer parses it: half surrogate pairs and raw
/// controls in strings repaired.
pub fn well_formed_json(json: &str) -> String {
    crate::ingest::json::well_formed(json).into_owned()
}

/// The most errors (edits of folded characters) the resolver allows between
/// a quote of `m` folded characters and the place it puts it.
pub fn max_errors(m: usize) -> usize {
    crate::anchor::max_errors(m)
}

/// `bytes` with the catalog checksum recomputed over its payload, when it
/// has a catalog header: a mutated catalog then reaches the checks behind
/// the checksum instead of failing it.
pub fn seal_catalog(bytes: &mut [u8]) {
    use crate::annotate::catalog::codec::{HEADER_LEN, MAGIC};
    if bytes.len() >= HEADER_LEN && bytes.starts_with(MAGIC) {
        let sum = crate::hash::checksum(&bytes[HEADER_LEN..]);
        bytes[MAGIC.len() + 1..HEADER_LEN].copy_from_slice(&sum.to_le_bytes());
    }
}
