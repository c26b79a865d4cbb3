//! The scraped-text importer: the plain text a reader gets by copying a news
//! page (or a scraper's text dump) read into an [`Article`] by conservative,
//! documented heuristics. The publisher's words are kept verbatim: lines are
//! only trimmed, never rewritten.
//!
//! The expected shape is that of `tests/fixtures/seed-raqqa.txt`:
//!
//! 1. **Headline** — the first non-blank line.
//! 2. **Teaser** — if the next line ends in `...` or `…` and a paragraph
//!    within the next few lines starts with the same words (whitespace
//!    aside), the line is the page's teaser: it becomes the `standfirst`,
//!    verbatim *with* its ellipsis (it is a truncated sentence, and the
//!    ellipsis says so), and it does not become a paragraph, so the first
//!    paragraph is not duplicated. An ellipsis line that repeats nothing is an
//!    ordinary paragraph.
//! 3. **Captions and byline** — before the first paragraph, a line starting
//!    with `بقلم` is the byline; a *caption-like* line (at most 15 words and
//!    120 characters, no sentence-final punctuation — `. ! ? ؟ … : ؛ ، »` —,
//!    not opening with a quotation mark, and less than half as long as the
//!    first paragraph) is a figure caption with no image: the first becomes
//!    the `lead`, later ones `figure` blocks at the top of the body. A line
//!    starting with `تصوير` or `©` right after a caption is that figure's credit.
//! 4. **Body** — every other line is one paragraph, verbatim (blank lines
//!    only separate). Two or more consecutive lines starting with `- `, `• `,
//!    `* ` or `– ` make an unordered `list`; with `1. `, `١. `, `1) ` or `1- `
//!    (Western, Arabic-Indic or Persian digits) an ordered one; a single such
//!    line stays a paragraph. A caption-like line between a paragraph (or
//!    list) and a paragraph at least twice its length is a level-2
//!    `heading`. Quotations standing alone (`«…»`, `“…”`) stay paragraphs.
//! 5. **Page chrome** — the tail starting at a marker line (`أقسام`,
//!    `أخبار متعلقة`, `اقرأ أيضا`, `الوسوم` and their variants) is never body
//!    text, provided no long (paragraph-sized, over 200 characters) line
//!    follows the marker. Under `أقسام` the first name is the `section` and
//!    the others become `tags`; under the tag markers each line (split at
//!    commas) is a tag; under the related markers a line carrying an
//!    `http(s)` URL becomes a `related` link (the rest of the line is its
//!    title) and a bare title is dropped with a warning, since a link that
//!    goes nowhere helps no reader.
//!
//! Windows and old Mac line endings, a byte-order mark, trailing spaces and
//! no-break spaces, runs of blank lines and Arabic-Indic digits are all
//! accepted. Control characters other than tab are refused with their line.
//!
//! ```
//! use rtl_article::ingest::text;
//! let article = text::import("عنوان الخبر\r\n\r\nصورة من الموقع\r\nفقرة أولى طويلة بما يكفي لتكون فقرة حقيقية من الخبر.\r\n").unwrap();
//! assert_eq!(article.headline.text, "عنوان الخبر");
//! let caption = article.lead.and_then(|f| f.caption).unwrap();
//! assert_eq!(caption.text, "صورة من الموقع");
//! assert_eq!(article.body.len(), 1);
//! ```

use super::check::{check_article, check_block_count, check_input_size, check_text_size, clean};
use super::{Imported, Limits};
use crate::error::{Error, Result};
use crate::lexicon;
use crate::model::{Article, Block, BlockKind, Figure, Link, Text};
use crate::text::digits::is_digit;
use crate::text::normalize::fold_str;

/// Longest line, in characters, that may follow a chrome marker: related
/// headlines are short, paragraphs are not.
const MAX_CHROME_LINE_CHARS: usize = 200;
/// Caption-like lines are at most this many characters …
const MAX_SHORT_CHARS: usize = 120;
/// … and this many words.
const MAX_SHORT_WORDS: usize = 15;
/// How many lines after a teaser may hold the paragraph it repeats (the
/// caption and byline sit in between).
const TEASER_LOOKAHEAD: usize = 4;

/// Import scraped text with the default [`Limits`], dropping warnings.
///
/// ```
/// let article = rtl_article::ingest::text::import("عنوان\n\nفقرة أولى.\n\nأقسام\nأخبار\n").unwrap();
/// assert_eq!(article.section.as_deref(), Some("أخبار"));
/// assert_eq!(article.body.len(), 1);
/// ```
pub fn import(input: &str) -> Result<Article> {
    import_with(input, &Limits::default()).map(|imported| imported.article)
}

/// Import scraped text, enforcing `limits` (input size first, then each line
/// and the block count) and reporting what was dropped as warnings.
///
/// ```
/// use rtl_article::ingest::{text, Limits};
/// let input = "عنوان\n\nفقرة.\n\nأخبار متعلقة\nخبر بلا رابط\nخبر آخر https://example.com/a\n";
/// let imported = text::import_with(input, &Limits::default()).unwrap();
/// assert_eq!(imported.article.related[0].url, "https://example.com/a");
/// assert_eq!(imported.article.related[0].title, "خبر آخر");
/// assert_eq!(imported.warnings, ["line 6: related headline without a URL dropped: \"خبر بلا رابط\""]);
/// ```
pub fn import_with(input: &str, limits: &Limits) -> Result<Imported> {
    check_input_size(input.len(), limits)?;
    let mut warnings = Vec::new();
    // A byte-order mark in front is a file's, not dirt.
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let cleaned = clean(input, true).map(|(text, warning)| {
        warnings.push(warning);
        text
    });
    let input = cleaned.as_deref().unwrap_or(input);
    let lines = split_lines(input, limits)?;
    let Some((headline, rest)) = lines.split_first() else {
        return Err(Error::invalid("line 1", "expected a headline, found no text"));
    };
    let mut article = Article::new(headline.text);

    let chrome_start = find_chrome(rest).unwrap_or(rest.len());
    let (content, chrome) = rest.split_at(chrome_start);
    read_chrome(chrome, &mut article, &mut warnings);
    read_content(content, &mut article, limits)?;

    check_article(&article, limits)?;
    Ok(Imported { article, warnings })
}

/// One non-blank input line: its 1-based number and its trimmed text.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// The non-blank lines, trimmed (Unicode white space, which includes the
/// no-break space, and stray byte-order marks), with their line numbers.
fn split_lines<'a>(input: &'a str, limits: &Limits) -> Result<Vec<Line<'a>>> {
    let mut lines = Vec::new();
    for (i, raw) in input.split('\n').enumerate() {
        let number = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A lone CR is an old Mac line break.
        for part in raw.split('\r') {
            let text = part.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
            if text.is_empty() {
                continue;
            }
            check_text_size(&format!("line {number}"), text.len(), limits)?;
            lines.push(Line { number, text });
        }
    }
    Ok(lines)
}

/// Which list a chrome marker opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chrome {
    Sections,
    Related,
    Tags,
}

/// Which list a marker line opens, if it is one (compared folded, so
/// `اقرأ أيضاً` and `اقرا ايضا` are the same marker).
fn chrome_marker(line: &str) -> Option<Chrome> {
    let line = line.trim_end_matches([':', '：']).trim_end();
    if line.chars().count() > 30 {
        return None;
    }
    let folded = fold_str(line);
    let folded = folded.as_str();
    if lexicon::CHROME_SECTIONS.contains(&folded) {
        Some(Chrome::Sections)
    } else if lexicon::CHROME_RELATED.contains(&folded) {
        Some(Chrome::Related)
    } else if lexicon::CHROME_TAGS.contains(&folded) {
        Some(Chrome::Tags)
    } else {
        None
    }
}

/// Index of the first marker line after which only short lines follow.
fn find_chrome(lines: &[Line<'_>]) -> Option<usize> {
    // Scan from the end: the tail may start at a marker only while every
    // line below it is short.
    let mut start = None;
    for (i, line) in lines.iter().enumerate().rev() {
        if chrome_marker(line.text).is_some() {
            start = Some(i);
        } else if line.text.chars().count() > MAX_CHROME_LINE_CHARS {
            break;
        }
    }
    start
}

fn read_chrome(lines: &[Line<'_>], article: &mut Article, warnings: &mut Vec<String>) {
    let mut current = None;
    for line in lines {
        if let Some(kind) = chrome_marker(line.text) {
            current = Some(kind);
            continue;
        }
        match current {
            Some(Chrome::Sections) => {
                if article.section.is_none() {
                    article.section = Some(line.text.to_string());
                } else {
                    add_tag(article, line.text);
                }
            }
            Some(Chrome::Tags) => {
                for tag in line.text.split([',', '،']) {
                    add_tag(article, tag.trim());
                }
            }
            Some(Chrome::Related) => match related_link(line.text) {
                Some(link) => article.related.push(link),
                None => warnings.push(format!(
                    "line {}: related headline without a URL dropped: {:?}",
                    line.number, line.text
                )),
            },
            // find_chrome starts the tail at a marker, so this is unreachable;
            // dropping is the safe reading of chrome anyway.
            None => {}
        }
    }
}

fn add_tag(article: &mut Article, tag: &str) {
    if !tag.is_empty() && !article.tags.iter().any(|t| t == tag) && article.section.as_deref() != Some(tag) {
        article.tags.push(tag.to_string());
    }
}

/// `title - https://…`, `https://… title` or a bare URL (its own title).
fn related_link(line: &str) -> Option<Link> {
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))?;
    let title = line
        .replacen(url, "", 1)
        .trim_matches(|c: char| c.is_whitespace() || "-–—|:·•()[]<>".contains(c))
        .to_string();
    let title = if title.is_empty() { url.to_string() } else { title };
    Some(Link {
        title,
        url: url.to_string(),
    })
}

/// Whether the line ends a sentence (or a quotation).
fn ends_sentence(line: &str) -> bool {
    line.chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '؟' | '…' | ':' | '؛' | '،' | ',' | ';' | '»' | '”' | '"' | '۔'
        )
    })
}

/// Short, without final punctuation, not a quotation: a caption or heading.
fn is_caption_like(line: &str) -> bool {
    !ends_sentence(line)
        && !line.starts_with(['«', '“', '"', '„'])
        && line.chars().count() <= MAX_SHORT_CHARS
        && line.split_whitespace().count() <= MAX_SHORT_WORDS
        && list_item(line).is_none()
}

/// Whether `short` is less than half as long as `long` (in characters).
fn much_shorter(short: &str, long: &str) -> bool {
    short.chars().count() * 2 < long.chars().count()
}

/// A list-item line: whether it is numbered, and the item text.
fn list_item(line: &str) -> Option<(bool, &str)> {
    for bullet in ["- ", "• ", "* ", "– ", "▪ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            let rest = rest.trim_start();
            return (!rest.is_empty()).then_some((false, rest));
        }
    }
    let digits_len: usize = line.chars().take_while(|c| is_digit(*c)).map(char::len_utf8).sum();
    let digit_count = line[..digits_len].chars().count();
    if !(1..=3).contains(&digit_count) {
        return None;
    }
    let rest = &line[digits_len..];
    let rest = rest.strip_prefix(['.', ')', '-'])?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some((true, rest))
}

/// Whitespace-insensitive "does `text` start with `prefix`".
fn starts_with_words(text: &str, prefix: &str) -> bool {
    let mut text = text.split_whitespace();
    let prefix: Vec<&str> = prefix.split_whitespace().collect();
    let Some((last, whole)) = prefix.split_last() else {
        return false;
    };
    // Every word but the last must match exactly; the last may be cut off.
    whole.iter().all(|w| text.next() == Some(w)) && text.next().is_some_and(|w| w.starts_with(last))
}

fn read_content(lines: &[Line<'_>], article: &mut Article, limits: &Limits) -> Result<()> {
    let mut i = 0;
    // The teaser: an ellipsis line repeated by a paragraph just below.
    if let Some(first) = lines.first() {
        let stem = first.text.trim_end_matches(['.', '…']).trim_end();
        let truncated = first.text.ends_with("...") || first.text.ends_with('…');
        if truncated
            && stem.split_whitespace().count() >= 3
            && lines
                .iter()
                .skip(1)
                .take(TEASER_LOOKAHEAD)
                .any(|l| starts_with_words(l.text, stem))
        {
            article.standfirst = Some(Text::plain(first.text));
            i = 1;
        }
    }

    // Before the first paragraph: byline, captions and their credits.
    let first_paragraph = lines[i..]
        .iter()
        .position(|l| !(l.text.starts_with("بقلم") || is_caption_like(l.text) || is_credit(l.text)))
        .map(|p| p + i);
    let mut figures: Vec<Figure> = Vec::new();
    if let Some(p) = first_paragraph {
        let paragraph = lines[p].text;
        while i < p {
            let line = lines[i].text;
            if line.starts_with("بقلم") && article.byline.is_none() && line.chars().count() <= 80 {
                article.byline = Some(line.to_string());
            } else if is_credit(line) && figures.last().is_some_and(|f| f.credit.is_none()) {
                if let Some(f) = figures.last_mut() {
                    f.credit = Some(line.to_string());
                }
            } else if much_shorter(line, paragraph) {
                figures.push(Figure {
                    caption: Some(Text::plain(line)),
                    ..Figure::default()
                });
            } else {
                break;
            }
            i += 1;
        }
    }
    let mut figures = figures.into_iter();
    article.lead = figures.next();
    article.body.extend(figures.map(|f| Block::new(BlockKind::Figure(f))));

    // The body.
    while i < lines.len() {
        let line = lines[i].text;
        if let Some((ordered, _)) = list_item(line) {
            let run: Vec<&str> = lines[i..]
                .iter()
                .map_while(|l| list_item(l.text).filter(|(o, _)| *o == ordered).map(|(_, t)| t))
                .collect();
            if run.len() >= 2 {
                i += run.len();
                article.body.push(Block::new(BlockKind::List {
                    ordered,
                    items: run.into_iter().map(Text::plain).collect(),
                }));
                check_block_count(article.body.len(), limits)?;
                continue;
            }
        }
        let after_prose = matches!(
            article.body.last().map(|b| &b.kind),
            Some(BlockKind::Paragraph { .. } | BlockKind::List { .. })
        );
        let before_paragraph = lines
            .get(i + 1)
            .is_some_and(|next| !is_caption_like(next.text) && much_shorter(line, next.text));
        let block = if after_prose && before_paragraph && is_caption_like(line) && chrome_marker(line).is_none() {
            Block::heading(2, line)
        } else {
            Block::paragraph(line)
        };
        article.body.push(block);
        check_block_count(article.body.len(), limits)?;
        i += 1;
    }
    Ok(())
}

/// A photo credit line (`تصوير: …`, `© …`).
fn is_credit(line: &str) -> bool {
    (line.starts_with("تصوير") || line.starts_with('©')) && line.chars().count() <= 80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers() {
        assert_eq!(list_item("١. البند الأول"), Some((true, "البند الأول")));
        assert_eq!(list_item("12) بند"), Some((true, "بند")));
        assert_eq!(list_item("- بند"), Some((false, "بند")));
        assert_eq!(list_item("2017. عام"), None);
        assert_eq!(list_item("1.5 مليون"), None);
        assert_eq!(list_item("-"), None);
    }

    #[test]
    fn teaser_prefix_allows_a_cut_last_word() {
        assert!(starts_with_words("أعلن مصدر في وزارة الدفاع", "أعلن مصدر في وز"));
        assert!(!starts_with_words("أعلن مصدر في وزارة الدفاع", "قال مصدر"));
    }
}
