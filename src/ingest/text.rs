//! PLACEHOLDER — the ingest owner replaces this.
use crate::{Article, Result};

/// Import scraped text.
pub fn import(input: &str) -> Result<Article> {
    Ok(Article::new(input.lines().next().unwrap_or("")))
}
