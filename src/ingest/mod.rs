//! Importers: turn JSON, scraped plain text or a CMS's HTML into an [`Article`].
//!
//! Each importer validates its input against [`Limits`] and returns an
//! [`Error`](crate::Error) naming the field or line at fault.

use crate::model::Article;

pub mod check;
#[cfg(feature = "html-import")]
pub mod html;
pub mod json;
pub mod markup;
pub mod notes;
pub mod text;

/// Size limits every importer enforces; input past a limit is refused with
/// the limit in the message, never truncated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest whole input, in bytes.
    pub max_input_bytes: usize,
    /// Most body blocks.
    pub max_blocks: usize,
    /// Longest single text (headline, paragraph, list item …), in bytes.
    pub max_text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 4 * 1024 * 1024,
            max_blocks: 5_000,
            max_text_bytes: 256 * 1024,
        }
    }
}

/// An imported article with the warnings met on the way (unknown fields,
/// dropped elements) — things worth telling the user that do not stop import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The article.
    pub article: Article,
    /// One line per warning, each naming its path or line.
    pub warnings: Vec<String>,
}
