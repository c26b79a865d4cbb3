//! Arabic text: folding for matching with an offset map back to the
//! original, word and clitic analysis, digit systems, and bidi runs.

pub mod bidi;
pub mod digits;
pub mod normalize;
pub mod words;
