//! The checks every importer shares, so whatever the JSON, scraped-text
//! and markup importers (and the wasm options) produce obeys the same
//! rules: the [`Limits`], no control characters in text, a BCP 47
//! language tag, valid and unique block ids. The JSON importer's round
//! trip `import(to_json(article)) == article` holds for every importer
//! because they all end in [`check_article`].

use super::Limits;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{is_block_id, Article, RESERVED_BLOCK_IDS};

/// Refuse input larger than [`Limits::max_input_bytes`]; every importer calls
/// this before it parses anything.
pub(crate) fn check_input_size(len: usize, limits: &Limits) -> Result<()> {
    if len > limits.max_input_bytes {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "input is {len} bytes; the limit is {} bytes (Limits::max_input_bytes)",
                limits.max_input_bytes
            ),
        ));
    }
    Ok(())
}

/// A string value quoted for a message, shortened so a huge value cannot
/// flood the error.
pub(crate) fn quoted(s: &str) -> String {
    const MAX_CHARS: usize = 40;
    let mut out: String = s.chars().take(MAX_CHARS).collect();
    if s.chars().nth(MAX_CHARS).is_some() {
        out.push('…');
    }
    format!("{out:?}")
}

/// Why `s` may not appear in article text: the first C0 control other than
/// tab and line feed (or any control, for URLs), as a message.
pub(crate) fn control_problem(s: &str, in_url: bool) -> Option<String> {
    let (pos, c) = s.chars().enumerate().find(|&(_, c)| {
        let code = c as u32;
        if in_url {
            code < 0x20 || code == 0x7f
        } else {
            code < 0x20 && c != '\n' && c != '\t'
        }
    })?;
    let allowed = if in_url {
        "URLs may not contain control characters"
    } else {
        "only tab and line feed are allowed"
    };
    Some(format!(
        "control character U+{:04X} at character {pos} is not allowed ({allowed})",
        c as u32
    ))
}

/// Check the size of one text against [`Limits::max_text_bytes`].
pub(crate) fn check_text_size(path: &str, len: usize, limits: &Limits) -> Result<()> {
    if len > limits.max_text_bytes {
        return Err(Error::too_large(
            path,
            format!("{len} bytes; the limit is {}", limits.max_text_bytes),
        ));
    }
    Ok(())
}

/// Check the number of body blocks against [`Limits::max_blocks`].
pub(crate) fn check_block_count(count: usize, limits: &Limits) -> Result<()> {
    if count > limits.max_blocks {
        return Err(Error::too_large(
            "body",
            format!("{count} blocks; the limit is {}", limits.max_blocks),
        ));
    }
    Ok(())
}

/// Whether `tag` looks like a BCP 47 language tag: a 2–3 letter ISO 639
/// primary subtag, then `-`-separated subtags of 1–8 letters or digits.
/// Grammar-level only; the registry is not consulted (new subtags keep
/// arriving). Words like `arabic` are refused: they are a common mistake.
///
/// ```
/// use rtl_article::ingest::check::is_language_tag;
/// assert!(is_language_tag("ar"));
/// assert!(is_language_tag("ar-EG"));
/// assert!(is_language_tag("az-Arab-IR"));
/// assert!(!is_language_tag("arabic"));
/// assert!(!is_language_tag("ar_EG"));
/// ```
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Check an article built by another importer against the same rules the
/// JSON importer applies (limits, control characters, language tag, dates),
/// so its JSON form always imports back.
pub(crate) fn check_article(article: &Article, limits: &Limits) -> Result<()> {
    check_block_count(article.body.len(), limits)?;
    if article.headline.text.trim().is_empty() {
        return Err(Error::invalid("headline", "must not be empty"));
    }
    if !is_language_tag(&article.lang) {
        return Err(Error::invalid(
            "lang",
            format!(
                "expected a BCP 47 language tag such as \"ar\" or \"ar-EG\", found {}",
                quoted(&article.lang)
            ),
        ));
    }
    check_block_ids(article)?;
    for t in article.texts() {
        check_text_size(&t.path, t.text.text.len(), limits)?;
        if let Some(problem) = control_problem(&t.text.text, false) {
            return Err(Error::invalid(t.path, problem));
        }
    }
    Ok(())
}

/// Check the ids the input gave its blocks: each a valid id
/// ([`is_block_id`]) and none given twice.
pub(crate) fn check_block_ids(article: &Article) -> Result<()> {
    let mut seen: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for (i, block) in article.body.iter().enumerate() {
        let Some(id) = block.id.as_deref() else { continue };
        check_block_id(&format!("body[{i}].id"), id)?;
        if let Some(&first) = seen.get(id) {
            return Err(Error::invalid(
                format!("body[{i}].id"),
                format!("{} is already the id of body[{first}]", quoted(id)),
            ));
        }
        seen.insert(id.to_string(), i);
    }
    Ok(())
}

/// Check one block id.
pub(crate) fn check_block_id(path: &str, id: &str) -> Result<()> {
    if is_block_id(id) {
        return Ok(());
    }
    let why = if RESERVED_BLOCK_IDS.contains(&id) {
        "is reserved for the article's header"
    } else {
        "must be 1 to 64 ASCII letters, digits, '_', '-', '.' or ':'"
    };
    Err(Error::invalid(path, format!("{} {why}", quoted(id))))
}
