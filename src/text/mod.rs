//! Arabic text: folding for matching with an offset map back to the
//! original, word and clitic analysis, digit systems, bidi runs, and
//! offsets in bytes, code points and UTF-16.

pub mod bidi;
mod bidi_classes;
pub mod digits;
pub mod normalize;
pub mod offsets;
pub mod words;
