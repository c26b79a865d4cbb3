//! PLACEHOLDER — the ingest owner replaces this.
use crate::{Article, Result};

/// Import CMS HTML.
pub fn import(_input: &str) -> Result<Article> {
    Ok(Article::new(""))
}
