//! The options object JavaScript passes to `render`, `mount` and friends,
//! read into Rust with an error naming the option at fault.
//!
//! Options arrive as JSON (the caller's object through `JSON.stringify`), so
//! `undefined` members are simply absent and the same value always parses
//! the same way in the browser and in Node. Unknown options are refused
//! rather than ignored: a misspelt `digit: "western"` would otherwise be a
//! silent no-op.

use serde_json::{Map, Value};

use crate::annotate::catalog::Catalog;
use crate::annotate::{overlays::overlays, Annotator};
use crate::error::{Error, Result};
use crate::ingest::json::{is_iso_date, is_language_tag};
use crate::model::{Article, Dir};
use crate::render::{DigitStyle, QuoteStyle, RenderOptions};

/// Every option name, in the order the error message lists them.
const KNOWN: &[&str] = &[
    "from",
    "quotes",
    "digits",
    "latinLang",
    "rtlLang",
    "lang",
    "dir",
    "jsonld",
    "annotate",
    "catalog",
    "published",
    "gazetteer",
];

/// Which importer reads the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Source {
    /// The documented JSON format (an object or JSON text).
    #[default]
    Json,
    /// Text scraped from a news page (a string).
    Text,
}

/// Parsed options: what to import with, what to override, how to render
/// and whether to annotate.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// The importer.
    pub(crate) from: Source,
    /// Replaces the article's language (and, unless `dir` is given, its direction).
    pub(crate) lang: Option<String>,
    /// Replaces the article's direction.
    pub(crate) dir: Option<Dir>,
    /// Passed to the renderer.
    pub(crate) render: RenderOptions,
    /// Annotate before rendering: present when `annotate` is true, or a
    /// catalog or `published` date is given and `annotate` is not false. Built (catalog parsed)
    /// once, so a mount's re-renders reuse it.
    pub(crate) annotator: Option<Annotator>,
}

impl Options {
    /// Read options from their JSON text (`None` when the caller passed
    /// `undefined` or `null`: every default).
    pub(crate) fn from_json(json: Option<&str>) -> Result<Options> {
        let Some(json) = json else {
            return Ok(Options::default());
        };
        let value: Value =
            serde_json::from_str(json).map_err(|e| Error::invalid("options", format_args!("cannot be read: {e}")))?;
        match &value {
            Value::Object(map) => Options::from_map(map),
            other => Err(Error::invalid(
                "options",
                format_args!("expected an object, found {}", kind(other)),
            )),
        }
    }

    fn from_map(map: &Map<String, Value>) -> Result<Options> {
        let mut options = Options::default();
        let mut annotate = None;
        let mut catalog_option = None;
        let mut published = None;
        let mut gazetteer = None;
        for (key, value) in map {
            let path = format!("options.{key}");
            match key.as_str() {
                "from" => {
                    options.from = match one_of(value, &path, &["json", "text"])? {
                        "text" => Source::Text,
                        _ => Source::Json,
                    }
                }
                "quotes" => {
                    options.render.quotes = match one_of(value, &path, &["keep", "guillemets"])? {
                        "guillemets" => QuoteStyle::Guillemets,
                        _ => QuoteStyle::Keep,
                    }
                }
                "digits" => {
                    options.render.digits = match one_of(value, &path, &["keep", "western", "arabic-indic"])? {
                        "western" => DigitStyle::Western,
                        "arabic-indic" => DigitStyle::ArabicIndic,
                        _ => DigitStyle::Keep,
                    }
                }
                "latinLang" => options.render.latin_lang = language(value, &path)?,
                "rtlLang" => options.render.rtl_lang = language(value, &path)?,
                "lang" => options.lang = Some(language(value, &path)?),
                "dir" => {
                    options.dir = Some(match one_of(value, &path, &["rtl", "ltr", "auto"])? {
                        "ltr" => Dir::Ltr,
                        "auto" => Dir::Auto,
                        _ => Dir::Rtl,
                    })
                }
                "jsonld" => options.render.jsonld = boolean(value, &path)?,
                "annotate" => annotate = Some(boolean(value, &path)?),
                "gazetteer" => gazetteer = Some(boolean(value, &path)?),
                "published" => published = Some(date(value, &path)?),
                "catalog" => catalog_option = Some(catalog(value, &path)?),
                _ => {
                    return Err(Error::invalid(
                        path,
                        format_args!("unknown option; the options are {}", KNOWN.join(", ")),
                    ))
                }
            }
        }
        if gazetteer == Some(true) && !cfg!(feature = "gazetteer") {
            return Err(Error::invalid(
                "options.gazetteer",
                "this build has no gazetteer; build the wasm with the `gazetteer` cargo feature (see README)",
            ));
        }
        if annotate.unwrap_or(catalog_option.is_some() || published.is_some()) {
            let mut annotator = Annotator::new();
            if let Some(on) = gazetteer {
                annotator = annotator.gazetteer(on);
            }
            if let Some(catalog) = catalog_option {
                annotator = annotator.catalog(catalog);
            }
            if let Some(date) = published {
                annotator = annotator.published(date);
            }
            options.annotator = Some(annotator);
        }
        Ok(options)
    }

    /// Apply the `lang`/`dir` overrides to an imported article.
    pub(crate) fn adjust(&self, article: &mut Article) {
        if let Some(lang) = &self.lang {
            article.lang = lang.clone();
            article.dir = Dir::for_lang(lang);
        }
        if let Some(dir) = self.dir {
            article.dir = dir;
        }
    }

    /// Render options for `article`, with annotation overlays when asked for;
    /// also the number of annotations found.
    pub(crate) fn render_options(&self, article: &Article) -> (RenderOptions, usize) {
        let Some(annotator) = &self.annotator else {
            return (self.render.clone(), 0);
        };
        let found = annotator.annotate(article);
        let mut render = self.render.clone();
        render.overlays = overlays(&found);
        (render, found.len())
    }
}

/// What a JSON value is, for "found …" in messages.
pub(crate) fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("{:?}", shorten(s)),
        Value::Array(_) => "an array".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// At most 40 characters of `s`, for messages (cut on a char boundary).
fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s.to_string(),
    }
}

/// The value, when it is one of the strings in `allowed`.
fn one_of<'a>(value: &Value, path: &str, allowed: &[&'a str]) -> Result<&'a str> {
    if let Value::String(s) = value {
        if let Some(found) = allowed.iter().find(|a| **a == s.as_str()) {
            return Ok(found);
        }
    }
    let quoted: Vec<String> = allowed.iter().map(|a| format!("{a:?}")).collect();
    let expected = match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    Err(Error::invalid(
        path,
        format_args!("expected {expected}, found {}", kind(value)),
    ))
}

fn boolean(value: &Value, path: &str) -> Result<bool> {
    value
        .as_bool()
        .ok_or_else(|| Error::invalid(path, format_args!("expected true or false, found {}", kind(value))))
}

fn language(value: &Value, path: &str) -> Result<String> {
    match value {
        Value::String(s) if is_language_tag(s.trim()) => Ok(s.trim().to_string()),
        other => Err(Error::invalid(
            path,
            format_args!(
                "expected a BCP 47 language tag such as \"en\" or \"ar-EG\", found {}",
                kind(other)
            ),
        )),
    }
}

/// A date (`2017-05-27`, or a date-time whose date part is used).
fn date(value: &Value, path: &str) -> Result<(i32, u32, u32)> {
    let parsed = value.as_str().filter(|s| is_iso_date(s)).and_then(|s| {
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Some((year, month, day))
    });
    parsed.ok_or_else(|| {
        Error::invalid(
            path,
            format_args!(
                "expected an ISO 8601 date such as \"2017-05-27\", found {}",
                kind(value)
            ),
        )
    })
}

/// A catalog: its entries (array or `{"entities": […]}`) or their JSON text.
fn catalog(value: &Value, path: &str) -> Result<Catalog> {
    let parsed = match value {
        Value::String(json) => Catalog::from_json(json),
        Value::Array(_) | Value::Object(_) => Catalog::from_json(&serde_json::to_string(value).unwrap_or_default()),
        other => {
            return Err(Error::invalid(
                path,
                format_args!(
                    "expected an array of catalog entries (or its JSON text), found {}",
                    kind(other)
                ),
            ))
        }
    };
    parsed.map_err(|e| Error::new(e.kind(), format!("{path}: {}", e.message())))
}
