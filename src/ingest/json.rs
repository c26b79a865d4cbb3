//! PLACEHOLDER — the ingest owner replaces this.
use crate::{Article, Error, Result};

/// Import an article from JSON.
pub fn import(input: &str) -> Result<Article> {
    let v: serde_json::Value = serde_json::from_str(input).map_err(|e| Error::new(crate::ErrorKind::Syntax, e.to_string()))?;
    let h = v.get("headline").and_then(|h| h.as_str()).ok_or_else(|| Error::invalid("headline", "expected a string"))?;
    Ok(Article::new(h))
}
