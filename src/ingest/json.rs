//! The JSON importer: the documented article format (`schema/article.schema.json`,
//! `docs/input-format.md`) read into an [`Article`], with an error that names
//! the JSON path and what was expected whenever the input is wrong.
//!
//! It is a hand-written walker over [`serde_json::Value`] rather than a serde
//! derive because derive errors lose the path inside internally-tagged enums
//! (`body[3]`), and because unknown fields must become warnings, not errors.
//! The checks every importer shares live in [`super::check`], so whatever
//! the text and HTML importers produce is accepted here too: the round trip
//! `import(to_json(article)) == article` holds for all of them.
//!
//! URLs follow the [URL policy](crate::url): one the policy refuses is
//! dropped with a warning naming its field (a link keeps its text), so a
//! CMS export with one `javascript:` link still imports.
//!
//! ```
//! use rtl_article::ingest::json;
//! let article = json::import(r#"{
//!     "headline": "روسيا ترفض أي اتفاق",
//!     "body": [{"type": "paragraph", "text": ["قال ", {"strong": "المصدر"}, " أمس"]}]
//! }"#).unwrap();
//! assert_eq!(article.lang, "ar");
//! assert_eq!(article.body[0].type_name(), "paragraph");
//!
//! let err = json::import(r#"{"headline": "عنوان", "body": [{"type": "video"}]}"#).unwrap_err();
//! assert!(err.to_string().starts_with(r#"body[0].type: unknown block type "video""#));
//! ```

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::check::{
    check_block_count, check_block_id, check_block_ids, check_input_size, check_text_size, clean, control_problem,
    is_language_tag, quoted,
};
use super::{Imported, Limits};
use crate::date::Timestamp;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Article, Block, BlockKind, Dir, Figure, Link, Mark, Publisher, Span, Text};

/// How deeply inline mark objects may nest (`{"strong": [{"em": …}]}` is 2).
/// Real articles use two or three; the bound keeps hostile input from
/// exhausting the stack.
pub const MAX_INLINE_DEPTH: usize = 32;

/// Largest accepted figure `width`/`height`, in CSS pixels.
pub const MAX_DIMENSION: u64 = 100_000;

/// The block `type`s the format knows, in documentation order.
pub const BLOCK_TYPES: [&str; 7] = [
    "paragraph",
    "heading",
    "blockquote",
    "pull_quote",
    "list",
    "figure",
    "related",
];

const ARTICLE_FIELDS: &[&str] = &[
    "id",
    "lang",
    "dir",
    "headline",
    "standfirst",
    "byline",
    "published",
    "updated",
    "section",
    "tags",
    "url",
    "publisher",
    "lead",
    "body",
    "related",
    "notes",
];
const PUBLISHER_FIELDS: &[&str] = &["name", "url", "logo"];
const FIGURE_FIELDS: &[&str] = &["src", "alt", "caption", "credit", "width", "height"];
const LINK_FIELDS: &[&str] = &["title", "url"];

/// Import an article from JSON with the default [`Limits`], dropping warnings.
///
/// ```
/// let err = rtl_article::ingest::json::import(r#"{"body": []}"#).unwrap_err();
/// assert_eq!(err.to_string(), "headline: missing (required)");
/// ```
pub fn import(input: &str) -> Result<Article> {
    import_with(input, &Limits::default()).map(|imported| imported.article)
}

/// Import an article from JSON text, enforcing `limits` (the input size is
/// checked before parsing) and collecting warnings such as unknown fields.
///
/// ```
/// use rtl_article::ingest::{json, Limits};
/// let imported = json::import_with(
///     r#"{"headline": "عنوان", "body": [{"type": "paragraph", "text": "نص", "colour": "red"}]}"#,
///     &Limits::default(),
/// ).unwrap();
/// assert_eq!(imported.warnings, ["body[0].colour: unknown field, ignored"]);
///
/// let err = json::import_with("{\n  \"headline\": \"عنوان\"\n  \"body\": []\n}", &Limits::default()).unwrap_err();
/// assert_eq!(err.to_string(), "line 3, column 3: expected ',' or '}'");
/// ```
pub fn import_with(input: &str, limits: &Limits) -> Result<Imported> {
    check_input_size(input.len(), limits)?;
    // A byte-order mark in front is a file's, not part of the JSON.
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let repaired = repair_json(input);
    let value: Value = serde_json::from_str(repaired.as_ref().map_or(input, |r| &r.0)).map_err(syntax_error)?;
    let mut imported = import_value(&value, limits)?;
    if let Some((_, Some(warning))) = repaired {
        // First, without `Vec::insert` (its index check formats a panic
        // message: wasm bytes).
        let rest = std::mem::take(&mut imported.warnings);
        imported.warnings.push(warning);
        imported.warnings.extend(rest);
    }
    Ok(imported)
}

/// `json` with what [`repair_json`] repairs repaired, silently (catalogs and
/// options, whose readers have no warnings to give).
#[cfg_attr(
    not(any(all(target_arch = "wasm32", feature = "full"), feature = "fuzzing")),
    allow(dead_code)
)]
pub(crate) fn well_formed(json: &str) -> Cow<'_, str> {
    repair_json(json).map_or(Cow::Borrowed(json), |(repaired, _)| Cow::Owned(repaired))
}

/// Repairs two kinds of JSON text that serde_json refuses whole, though
/// only a character is wrong: half of a UTF-16 surrogate pair escaped
/// (`"\ud83d"`, what a JavaScript string cut in the middle of an emoji
/// serialises to), which no Rust string can hold, becomes `\ufffd` (U+FFFD,
/// the replacement character), with a warning naming the first; a raw
/// control character inside a string (JSON wants them escaped) is escaped,
/// so the field's own cleaning removes it and names the field (or keeps it,
/// for a tab). `None` when there is nothing to repair (the common case:
/// one scan, no copy).
fn repair_json(input: &str) -> Option<(String, Option<String>)> {
    let b = input.as_bytes();
    let hex = |at: usize| -> Option<u32> {
        b.get(at..at + 4)?
            .iter()
            .try_fold(0, |v, &d| Some(v << 4 | (d as char).to_digit(16)?))
    };
    let escape_at = |at: usize| (b.get(at..at + 2) == Some(b"\\u")).then(|| hex(at + 2)).flatten();
    // (offset, bytes replaced, whether it is half a pair)
    let mut fixes: Vec<(usize, usize, bool)> = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while i < b.len() {
        match b[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                let step = match escape_at(i) {
                    Some(0xD800..=0xDBFF) if matches!(escape_at(i + 6), Some(0xDC00..=0xDFFF)) => 12,
                    Some(0xD800..=0xDFFF) => {
                        fixes.push((i, 6, true));
                        6
                    }
                    Some(_) => 6,
                    None => 2,
                };
                i += step;
                continue;
            }
            c if in_string && c < 0x20 => fixes.push((i, 1, false)),
            _ => {}
        }
        i += 1;
    }
    if fixes.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(input.len() + 5 * fixes.len());
    let mut from = 0;
    for &(at, len, half) in &fixes {
        out.push_str(&input[from..at]);
        out.push_str(if half { "\\ufffd" } else { "\\u00" });
        if !half {
            let digit = |d: u8| char::from(b"0123456789abcdef"[usize::from(d)]);
            out.extend([digit(b[at] >> 4), digit(b[at] & 15)]);
        }
        from = at + len;
    }
    out.push_str(&input[from..]);
    let halves = fixes.iter().filter(|f| f.2).count();
    let warning = fixes.iter().find(|f| f.2).map(|&(first, ..)| {
        let more = match halves {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        format!(
            "byte {first}: half a surrogate pair ({}) replaced with U+FFFD{more}",
            &input[first..first + 6]
        )
    });
    Some((out, warning))
}

/// Import an article from an already-parsed JSON value (the wasm layer hands
/// JavaScript objects over this way). Every check of [`import_with`] applies
/// except the whole-input size, which only the caller can know.
///
/// ```
/// use rtl_article::ingest::{json, Limits};
/// let value = serde_json::json!({"headline": "عنوان", "lang": "en"});
/// let imported = json::import_value(&value, &Limits::default()).unwrap();
/// assert_eq!(imported.article.dir.as_str(), "ltr");
/// ```
pub fn import_value(value: &Value, limits: &Limits) -> Result<Imported> {
    let mut walker = Walker {
        limits,
        warnings: Vec::new(),
    };
    let article = walker.article(value)?;
    Ok(Imported {
        article,
        warnings: walker.warnings,
    })
}

/// serde_json says "expected `,` or `}` at line 3 column 7"; we put the
/// position first, as every other error names its place first.
fn syntax_error(err: serde_json::Error) -> Error {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let what = full.strip_suffix(&suffix).unwrap_or(&full);
    let what = what.replace('`', "'").replace("EOF", "unexpected end of input");
    if err.line() == 0 {
        Error::new(ErrorKind::Syntax, what)
    } else {
        Error::new(
            ErrorKind::Syntax,
            format!("line {}, column {}: {what}", err.line(), err.column()),
        )
    }
}

/// What a value is, for "found …" in messages.
fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(_) => "a number".to_string(),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// The validating walker: the limits, and the warnings met so far.
struct Walker<'l> {
    limits: &'l Limits,
    warnings: Vec<String>,
}

/// `path.key`, or `key` at the root.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// A field's value, treating `null` as absent (CMS exports write `null` for
/// "not set").
fn field<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    map.get(key).filter(|v| !v.is_null())
}

impl Walker<'_> {
    fn warn_unknown(&mut self, map: &Map<String, Value>, path: &str, known: &[&str]) {
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.warnings
                    .push(format!("{}: unknown field, ignored", join(path, key)));
            }
        }
    }

    fn object<'v>(&self, value: &'v Value, path: &str, what: &str) -> Result<&'v Map<String, Value>> {
        value
            .as_object()
            .ok_or_else(|| Error::invalid(path, format!("expected {what}, found {}", found(value))))
    }

    fn array<'v>(&self, value: &'v Value, path: &str, what: &str) -> Result<&'v Vec<Value>> {
        value
            .as_array()
            .ok_or_else(|| Error::invalid(path, format!("expected {what}, found {}", found(value))))
    }

    /// A plain string field: type, size, dirt removed with a warning
    /// ([`clean`]).
    fn string(&mut self, value: &Value, path: &str) -> Result<String> {
        let s = value
            .as_str()
            .ok_or_else(|| Error::invalid(path, format!("expected a string, found {}", found(value))))?;
        check_text_size(path, s.len(), self.limits)?;
        Ok(self.clean(s, path).into_owned())
    }

    /// `s` without its dirt, a warning naming `path` when there was some.
    fn clean<'s>(&mut self, s: &'s str, path: &str) -> Cow<'s, str> {
        match clean(s, false) {
            None => Cow::Borrowed(s),
            Some((cleaned, warning)) => {
                self.warnings.push(format!("{path}: {warning}"));
                Cow::Owned(cleaned)
            }
        }
    }

    fn opt_string(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Result<Option<String>> {
        field(map, key).map(|v| self.string(v, &join(path, key))).transpose()
    }

    fn required<'v>(&self, map: &'v Map<String, Value>, path: &str, key: &str) -> Result<&'v Value> {
        field(map, key).ok_or_else(|| Error::invalid(join(path, key), "missing (required)"))
    }

    /// A URL: a string, within the size limit, without control characters,
    /// that the [URL policy](crate::url) allows — else `None` and a warning
    /// naming the field and why (the article still imports; a URL is not
    /// repaired, since removing a character can change where it leads).
    fn url(&mut self, value: &Value, path: &str) -> Result<Option<String>> {
        let s = value
            .as_str()
            .ok_or_else(|| Error::invalid(path, format!("expected a URL string, found {}", found(value))))?;
        check_text_size(path, s.len(), self.limits)?;
        if let Some(problem) = control_problem(s, true) {
            self.warnings
                .push(format!("{path}: {problem}; the URL {} was dropped", quoted(s)));
            return Ok(None);
        }
        match crate::url::check(s) {
            Ok(url) => Ok(Some(url)),
            Err(why) => {
                self.warnings
                    .push(format!("{path}: {why}; the URL {} was dropped", quoted(s)));
                Ok(None)
            }
        }
    }

    fn opt_url(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Result<Option<String>> {
        match field(map, key) {
            Some(v) => self.url(v, &join(path, key)),
            None => Ok(None),
        }
    }

    fn opt_date(&self, map: &Map<String, Value>, key: &str) -> Result<Option<Timestamp>> {
        let Some(value) = field(map, key) else {
            return Ok(None);
        };
        let expected = "expected an ISO 8601 date or date-time";
        let s = value
            .as_str()
            .ok_or_else(|| Error::invalid(key, format!("{expected}, found {}", found(value))))?;
        Timestamp::parse(s)
            .map(Some)
            .ok_or_else(|| Error::invalid(key, format!("{expected}, found {}", quoted(s))))
    }

    fn whole_number(&self, value: &Value, path: &str, min: u64, max: u64) -> Result<u64> {
        let expected = format!("expected a whole number from {min} to {max}");
        match value.as_u64() {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            Some(n) => Err(Error::invalid(path, format!("{expected}, found {n}"))),
            None => {
                let what = if value.is_number() {
                    serde_json::to_string(value).unwrap_or_default()
                } else {
                    found(value)
                };
                Err(Error::invalid(path, format!("{expected}, found {what}")))
            }
        }
    }

    fn article(&mut self, value: &Value) -> Result<Article> {
        let map = value.as_object().ok_or_else(|| {
            Error::invalid(
                "input",
                format!("expected a JSON object (the article), found {}", found(value)),
            )
        })?;
        self.warn_unknown(map, "", ARTICLE_FIELDS);
        let headline = self.inline(self.required(map, "", "headline")?, "headline")?;
        if headline.text.trim().is_empty() {
            return Err(Error::invalid("headline", "must not be empty"));
        }
        let lang = match field(map, "lang") {
            None => "ar".to_string(),
            Some(v) => {
                let s = self.string(v, "lang")?;
                if !is_language_tag(&s) {
                    return Err(Error::invalid(
                        "lang",
                        format!(
                            "expected a BCP 47 language tag such as \"ar\" or \"ar-EG\", found {}",
                            quoted(&s)
                        ),
                    ));
                }
                s
            }
        };
        let dir = match field(map, "dir") {
            None => Dir::for_lang(&lang),
            Some(v) => match v.as_str() {
                Some("rtl") => Dir::Rtl,
                Some("ltr") => Dir::Ltr,
                Some("auto") => Dir::Auto,
                other => {
                    let what = other.map(quoted).unwrap_or_else(|| found(v));
                    return Err(Error::invalid(
                        "dir",
                        format!("expected one of \"rtl\", \"ltr\", \"auto\", found {what}"),
                    ));
                }
            },
        };
        let standfirst = field(map, "standfirst")
            .map(|v| self.inline(v, "standfirst"))
            .transpose()?;
        let tags = match field(map, "tags") {
            None => Vec::new(),
            Some(v) => {
                let items = self.array(v, "tags", "an array of strings")?;
                items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| self.string(t, &format!("tags[{i}]")))
                    .collect::<Result<_>>()?
            }
        };
        let publisher = field(map, "publisher").map(|v| self.publisher(v)).transpose()?;
        let lead = field(map, "lead")
            .map(|v| self.figure(v, "lead", FIGURE_FIELDS))
            .transpose()?;
        let body = match field(map, "body") {
            None => Vec::new(),
            Some(v) => {
                let items = self.array(v, "body", "an array of blocks")?;
                check_block_count(items.len(), self.limits)?;
                let mut body = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    body.push(self.block(item, &format!("body[{i}]"))?);
                }
                body
            }
        };
        let related = match field(map, "related") {
            None => Vec::new(),
            Some(v) => self.links(v, "related")?,
        };
        let notes = match field(map, "notes") {
            None => Vec::new(),
            Some(v) => super::notes::read(v, "notes", &mut self.warnings)?,
        };
        let article = Article {
            id: self.opt_string(map, "", "id")?,
            lang,
            dir,
            headline,
            standfirst,
            byline: self.opt_string(map, "", "byline")?,
            published: self.opt_date(map, "published")?,
            updated: self.opt_date(map, "updated")?,
            section: self.opt_string(map, "", "section")?,
            tags,
            url: self.opt_url(map, "", "url")?,
            publisher,
            lead,
            body,
            related,
            notes,
        };
        check_block_ids(&article)?;
        Ok(article)
    }

    fn publisher(&mut self, value: &Value) -> Result<Publisher> {
        let map = self.object(value, "publisher", "an object with a name")?;
        self.warn_unknown(map, "publisher", PUBLISHER_FIELDS);
        Ok(Publisher {
            name: self.string(self.required(map, "publisher", "name")?, "publisher.name")?,
            url: self.opt_url(map, "publisher", "url")?,
            logo: self.opt_url(map, "publisher", "logo")?,
        })
    }

    /// A figure's fields from `map`; `known` lists the fields allowed there
    /// (a body figure block also has `type`).
    fn figure(&mut self, value: &Value, path: &str, known: &[&str]) -> Result<Figure> {
        let map = self.object(value, path, "an object (a figure)")?;
        self.warn_unknown(map, path, known);
        let dimension = |key: &str| -> Result<Option<u32>> {
            field(map, key)
                .map(|v| {
                    self.whole_number(v, &join(path, key), 1, MAX_DIMENSION)
                        .map(|n| n as u32)
                })
                .transpose()
        };
        let (width, height) = (dimension("width")?, dimension("height")?);
        Ok(Figure {
            src: self.opt_url(map, path, "src")?,
            alt: self.opt_string(map, path, "alt")?,
            caption: field(map, "caption")
                .map(|v| self.inline(v, &join(path, "caption")))
                .transpose()?,
            credit: self.opt_string(map, path, "credit")?,
            width,
            height,
        })
    }

    fn links(&mut self, value: &Value, path: &str) -> Result<Vec<Link>> {
        let items = self.array(value, path, "an array of links ({\"title\": …, \"url\": …})")?;
        let mut links = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let map = self.object(item, &item_path, "an object with a title and a url")?;
            self.warn_unknown(map, &item_path, LINK_FIELDS);
            let title = self.string(self.required(map, &item_path, "title")?, &join(&item_path, "title"))?;
            // A link whose URL the policy refuses goes nowhere: dropped (warned).
            if let Some(url) = self.url(self.required(map, &item_path, "url")?, &join(&item_path, "url"))? {
                links.push(Link { title, url });
            }
        }
        Ok(links)
    }

    fn block(&mut self, value: &Value, path: &str) -> Result<Block> {
        let map = self.object(value, path, "an object (a block with a \"type\")")?;
        let type_path = join(path, "type");
        let kind = self.required(map, path, "type")?;
        let kind = kind.as_str().ok_or_else(|| {
            Error::invalid(
                &type_path,
                format!("expected a string (the block type), found {}", found(kind)),
            )
        })?;
        let id = match field(map, "id") {
            None => None,
            Some(v) => {
                let id = self.string(v, &join(path, "id"))?;
                check_block_id(&join(path, "id"), &id)?;
                Some(id)
            }
        };
        let text = |w: &mut Self| w.inline(w.required(map, path, "text")?, &join(path, "text"));
        let attribution = |w: &mut Self| {
            field(map, "attribution")
                .map(|v| w.inline(v, &join(path, "attribution")))
                .transpose()
        };
        let kind = match kind {
            "paragraph" => {
                self.warn_unknown(map, path, &["type", "id", "text"]);
                BlockKind::Paragraph { text: text(self)? }
            }
            "heading" => {
                self.warn_unknown(map, path, &["type", "id", "level", "text"]);
                let level = self.whole_number(self.required(map, path, "level")?, &join(path, "level"), 2, 6)? as u8;
                BlockKind::Heading {
                    level,
                    text: text(self)?,
                }
            }
            "blockquote" => {
                self.warn_unknown(map, path, &["type", "id", "text", "attribution", "cite"]);
                BlockKind::Blockquote {
                    text: text(self)?,
                    attribution: attribution(self)?,
                    cite: self.opt_url(map, path, "cite")?,
                }
            }
            "pull_quote" => {
                self.warn_unknown(map, path, &["type", "id", "text", "attribution"]);
                BlockKind::PullQuote {
                    text: text(self)?,
                    attribution: attribution(self)?,
                }
            }
            "list" => {
                self.warn_unknown(map, path, &["type", "id", "ordered", "items"]);
                let ordered = match field(map, "ordered") {
                    None => false,
                    Some(v) => v.as_bool().ok_or_else(|| {
                        Error::invalid(
                            join(path, "ordered"),
                            format!("expected true or false, found {}", found(v)),
                        )
                    })?,
                };
                let items_path = join(path, "items");
                let values = self.array(
                    self.required(map, path, "items")?,
                    &items_path,
                    "an array of inline texts",
                )?;
                if values.is_empty() {
                    return Err(Error::invalid(items_path, "expected at least one item"));
                }
                let mut items = Vec::with_capacity(values.len());
                for (i, v) in values.iter().enumerate() {
                    items.push(self.inline(v, &format!("{items_path}[{i}]"))?);
                }
                BlockKind::List { ordered, items }
            }
            "figure" => {
                let mut known = FIGURE_FIELDS.to_vec();
                known.extend(["type", "id"]);
                BlockKind::Figure(self.figure(value, path, &known)?)
            }
            "related" => {
                self.warn_unknown(map, path, &["type", "id", "title", "links"]);
                BlockKind::Related {
                    title: self.opt_string(map, path, "title")?,
                    links: self.links(self.required(map, path, "links")?, &join(path, "links"))?,
                }
            }
            other => {
                return Err(Error::invalid(
                    type_path,
                    format!(
                        "unknown block type {} (expected one of {})",
                        quoted(other),
                        BLOCK_TYPES.join(", ")
                    ),
                ))
            }
        };
        Ok(Block { id, kind })
    }

    /// The content of mark object `map` under `key`, added without a mark.
    fn runs_of(
        &mut self,
        text: &mut Text,
        map: &Map<String, Value>,
        key: &str,
        path: &str,
        depth: usize,
    ) -> Result<()> {
        let content_path = join(path, key);
        match map.get(key) {
            Some(Value::String(s)) => self.push_run_str(text, s, &content_path),
            Some(Value::Array(runs)) => {
                for (i, run) in runs.iter().enumerate() {
                    self.run(text, run, &format!("{content_path}[{i}]"), depth + 1)?;
                }
                Ok(())
            }
            Some(other) => Err(Error::invalid(
                content_path,
                format!("expected a string or an array of inline runs, found {}", found(other)),
            )),
            None => Ok(()),
        }
    }

    /// An inline text: a string, or an array of runs flattened into one
    /// `Text` with byte-offset spans.
    fn inline(&mut self, value: &Value, path: &str) -> Result<Text> {
        let mut text = Text::default();
        match value {
            Value::String(s) => self.push_run_str(&mut text, s, path)?,
            Value::Array(runs) => {
                for (i, run) in runs.iter().enumerate() {
                    self.run(&mut text, run, &format!("{path}[{i}]"), 1)?;
                }
            }
            other => {
                return Err(Error::invalid(
                    path,
                    format!("expected a string or an array of inline runs, found {}", found(other)),
                ))
            }
        }
        check_text_size(path, text.text.len(), self.limits)?;
        text.normalize_spans();
        Ok(text)
    }

    fn push_run_str(&mut self, text: &mut Text, s: &str, path: &str) -> Result<()> {
        // Checked as we go so a long array of runs cannot grow past the limit.
        check_text_size(path, text.text.len() + s.len(), self.limits)?;
        let s = self.clean(s, path);
        text.push_str(&s);
        Ok(())
    }

    /// One run: a string, or a mark object whose content is again inline.
    fn run(&mut self, text: &mut Text, value: &Value, path: &str, depth: usize) -> Result<()> {
        const EXPECTED: &str =
            "expected a string or a mark object ({\"strong\": …}, {\"em\": …} or {\"link\": …, \"href\": …})";
        let map = match value {
            Value::String(s) => return self.push_run_str(text, s, path),
            Value::Object(map) => map,
            other => return Err(Error::invalid(path, format!("{EXPECTED}, found {}", found(other)))),
        };
        if depth > MAX_INLINE_DEPTH {
            return Err(Error::invalid(
                path,
                format!("inline marks nested more than {MAX_INLINE_DEPTH} deep"),
            ));
        }
        let marks: Vec<&str> = ["strong", "em", "link"]
            .into_iter()
            .filter(|k| map.contains_key(*k))
            .collect();
        let key = match marks.as_slice() {
            [key] => *key,
            [] => {
                return Err(Error::invalid(
                    path,
                    format!("{EXPECTED}, found an object without \"strong\", \"em\" or \"link\""),
                ))
            }
            _ => {
                return Err(Error::invalid(
                    path,
                    format!(
                        "a mark object has exactly one of \"strong\", \"em\", \"link\", found {}",
                        marks.join(" and ")
                    ),
                ))
            }
        };
        let mark = match key {
            "strong" => {
                self.warn_unknown(map, path, &["strong"]);
                Mark::Strong
            }
            "em" => {
                self.warn_unknown(map, path, &["em"]);
                Mark::Emphasis
            }
            _ => {
                self.warn_unknown(map, path, &["link", "href", "title"]);
                let href = self.url(self.required(map, path, "href")?, &join(path, "href"))?;
                let title = self.opt_string(map, path, "title")?;
                match href {
                    Some(href) => Mark::Link { href, title },
                    // A refused URL: the link's text stays, unlinked.
                    None => return self.runs_of(text, map, key, path, depth),
                }
            }
        };
        // Reserve the span's place before its children so that equal ranges
        // keep outer-before-inner order through the stable sort.
        let index = text.spans.len();
        let start = text.text.len();
        text.spans.push(Span {
            start,
            end: start,
            mark,
        });
        self.runs_of(text, map, key, path, depth)?;
        let end = text.text.len();
        if let Some(span) = text.spans.get_mut(index) {
            span.end = end;
        }
        Ok(())
    }
}
