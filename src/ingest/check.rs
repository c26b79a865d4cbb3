//! The checks every importer shares, so whatever the JSON, scraped-text
//! and markup importers (and the wasm options) produce obeys the same
//! rules: the [`Limits`], no control characters or other dirt in text
//! (removed with a warning: [`clean`]), a BCP 47
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

/// Whether `c` is dirt rather than text: a C0 control other than tab and
/// line feed (carriage returns are line breaks: [`clean`] turns a lone one
/// into a line feed and drops the one before a line feed), DEL, a C1
/// control (mostly mojibake of Windows-1252 punctuation), a byte-order mark
/// inside text, or a noncharacter. The zero-width space is decided by its
/// neighbours ([`clean`]); joiners and non-joiners are text (Persian, Urdu
/// and emoji need them) and stay.
pub(crate) fn is_dirt(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// Whether `s` (UTF-8) holds a character [`clean`] may remove or replace:
/// a control character other than tab and line feed (carriage returns
/// included), U+007F–U+009F, U+200B, U+FEFF, U+FFFE or U+FFFF. One pass
/// over the bytes, no decoding: nearly every text is clean, and this is
/// all it costs (the character loop below is several times slower).
fn may_be_dirty(s: &[u8]) -> bool {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    (0..s.len()).any(|i| {
        let b = s[i];
        // Comparisons, not a `match` on the byte, which compiles to a
        // jump table of 240 entries in the wasm.
        if b < 0x20 {
            b != b'\t' && b != b'\n'
        } else if b == 0x7F {
            true
        } else if b == 0xC2 {
            // U+0080–U+009F.
            at(i + 1) < 0xA0
        } else if b == 0xE2 {
            // U+200B.
            at(i + 1) == 0x80 && at(i + 2) == 0x8B
        } else if b == 0xEF {
            // U+FEFF, U+FFFE, U+FFFF.
            let (x, y) = (at(i + 1), at(i + 2));
            x == 0xBB && y == 0xBF || x == 0xBF && y >= 0xBE
        } else {
            false
        }
    })
}

/// `s` without its dirt ([`is_dirt`]; a zero-width space inside a word,
/// between two word characters, or next to a space or an end, where it can
/// only break matching and searching) and the warning that says what was
/// removed and where, or `None` when it is clean (the common case: one
/// scan, no copy). With `lines`, `s` is a whole plain-text input whose
/// carriage returns are line breaks the importer reads itself, and the
/// warning names the line.
pub(crate) fn clean(s: &str, lines: bool) -> Option<(String, String)> {
    if !may_be_dirty(s.as_bytes()) {
        return None;
    }
    let dirty = |prev: Option<char>, c: char, next: Option<char>| match c {
        '\r' => !lines && next == Some('\n'),
        '\u{200B}' => {
            let letter = |c: Option<char>| c.is_some_and(crate::text::words::is_word_char);
            let gap = |c: Option<char>| c.is_none_or(char::is_whitespace);
            letter(prev) && letter(next) || gap(prev) || gap(next)
        }
        c => is_dirt(c),
    };
    let mut out = String::new();
    let mut first = None;
    let (mut changes, mut line, mut column) = (0, 1, 0);
    // The neighbours a zero-width space (or a carriage return) is judged
    // by are those left once the dirt around it is gone, so cleaning twice
    // changes nothing.
    let mut prev = None;
    for (i, c) in s.char_indices() {
        // Only these two look at their neighbours; each run of dirt is
        // skipped by the one character before it at most, so this stays
        // linear.
        let next = match c {
            '\u{200B}' | '\r' => s[i + c.len_utf8()..].chars().find(|&c| !is_dirt(c)),
            _ => None,
        };
        let remove = dirty(prev, c, next);
        // A lone carriage return is an old Mac line break.
        let replace = !remove && !lines && c == '\r';
        if remove || replace {
            changes += 1;
            if first.is_none() {
                first = Some((c, line, column, replace));
                out.reserve(s.len());
                out.push_str(&s[..i]);
            }
        }
        if replace {
            out.push('\n');
        } else if !remove && first.is_some() {
            out.push(c);
        }
        (line, column) = if c == '\n' { (line + 1, 0) } else { (line, column + 1) };
        if replace {
            prev = Some('\n');
        } else if !remove {
            prev = Some(c);
        }
    }
    let (c, line, column, replaced) = first?;
    let what = match c {
        '\u{200B}' => "zero-width space".to_string(),
        '\u{FEFF}' => "byte-order mark".to_string(),
        '\r' => "carriage return".to_string(),
        c => format!("control character U+{:04X}", c as u32),
    };
    let done = if replaced {
        "replaced with a line feed"
    } else {
        "removed"
    };
    let more = match changes {
        1 => String::new(),
        n => format!(" (and {} more)", n - 1),
    };
    let place = if lines { format!("line {line}: ") } else { String::new() };
    Some((out, format!("{place}{what} at character {column} {done}{more}")))
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
/// so its JSON form always imports back. Their dirt was removed on the way
/// in ([`clean`], the markup importer's inline builder): a control character
/// found here is a bug, refused.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> String {
        clean(s, false).map_or_else(|| s.to_string(), |c| c.0)
    }

    #[test]
    fn clean_text_is_not_copied() {
        for s in [
            "",
            "الرقة",
            "سطر\nوسطر\tوجدولة",
            "می\u{200c}خواهم",
            "👨\u{200d}👩",
            "a/\u{200b}b",
            "١٢٠\u{200b}%",
        ] {
            assert!(clean(s, false).is_none(), "{s:?}");
        }
    }

    #[test]
    fn zero_width_spaces_go_inside_words_and_next_to_spaces_only() {
        assert_eq!(cleaned("الر\u{200b}قة"), "الرقة");
        assert_eq!(cleaned("\u{200b}الرقة \u{200b}حلب\u{200b}"), "الرقة حلب");
        // A break opportunity next to punctuation stays.
        assert_eq!(cleaned("example.com/\u{200b}news"), "example.com/\u{200b}news");
    }

    #[test]
    fn cleaning_twice_changes_nothing() {
        // Found by the text_import fuzz target
        // (fuzz/corpus/text_import/regression-zwsp-beside-dirt.txt): a
        // zero-width space judged by a neighbour that was itself removed
        // survived the first cleaning and not the JSON round trip's.
        for s in [
            "نج\u{1a}\u{200b}وم",
            "نج\u{200b}\u{7}وم",
            "نج\u{7f}\u{200b}\u{1a}\u{1a}وم",
            " \u{1a}\u{200b}الرقة",
            "أ\r\u{7}\nب",
        ] {
            let once = cleaned(s);
            assert_eq!(cleaned(&once), once, "{s:?}");
        }
        assert_eq!(cleaned("نج\u{1a}\u{200b}وم"), "نجوم");
    }

    #[test]
    fn the_byte_scan_finds_every_character_clean_may_change() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let changed = is_dirt(c) || c == '\r' || c == '\u{200B}';
            let mut buf = [0; 4];
            let s = c.encode_utf8(&mut buf);
            assert_eq!(may_be_dirty(s.as_bytes()), changed, "U+{:04X}", c as u32);
            let framed = format!("ب{c}ب");
            assert_eq!(may_be_dirty(framed.as_bytes()), changed, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn warnings_say_what_where_and_how_many() {
        assert_eq!(
            clean("أ\u{200b}ب\u{1a}ج", false).unwrap(),
            (
                "أبج".into(),
                "zero-width space at character 1 removed (and 1 more)".into()
            )
        );
        assert_eq!(
            clean("أ\r\nب\rج", false).unwrap(),
            (
                "أ\nب\nج".into(),
                "carriage return at character 1 removed (and 1 more)".into()
            )
        );
        // Whole plain-text input: carriage returns are the importer's, lines are named.
        assert_eq!(
            clean("أ\r\nب\nجـ\u{7}", true).unwrap(),
            (
                "أ\r\nب\nجـ".into(),
                "line 3: control character U+0007 at character 2 removed".into()
            )
        );
    }
}
