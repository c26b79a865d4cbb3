//! The options object JavaScript passes to `render`, `mount` and friends,
//! read into a pipeline [`Builder`] with an error naming the option at
//! fault.
//!
//! Options arrive as JSON (the caller's object through `JSON.stringify`), so
//! `undefined` members are simply absent and the same value always parses
//! the same way in the browser, in Node and at the edge. Unknown options are
//! refused rather than ignored: a misspelt `digit: "western"` would
//! otherwise be a silent no-op. Every default is the pipeline's.

use serde_json::{Map, Value};
use wasm_bindgen::JsValue;

use super::full::{stringify, JsCatalog};
use super::OPTION_NAMES;
use crate::annotate::catalog::Catalog;
use crate::date::Timestamp;
use crate::error::{Error, Result};
use crate::ingest::check::is_language_tag;
use crate::model::Dir;
use crate::render::{DigitStyle, LinkPolicy, QuoteStyle};
use crate::{Builder, Format};

/// The builder for `options` (`undefined` or `null`: every default), with
/// the compiled `catalog` when one is given (it wins over a `catalog`
/// option).
pub(crate) fn read_options(options: &JsValue, catalog: Option<JsCatalog>) -> Result<Builder> {
    let mut builder = if options.is_undefined() || options.is_null() {
        Builder::new()
    } else {
        let json = stringify(options, "options", "an object")?;
        let value: Value = serde_json::from_str(&crate::ingest::json::well_formed(&json))
            .map_err(|e| Error::invalid("options", format_args!("cannot be read: {e}")))?;
        match &value {
            Value::Object(map) => from_map(map)?,
            other => {
                return Err(Error::invalid(
                    "options",
                    format_args!("expected an object, found {}", kind(other)),
                ))
            }
        }
    };
    if let Some(catalog) = catalog {
        builder = builder.catalog(catalog);
    }
    builder.check()?;
    Ok(builder)
}

fn from_map(map: &Map<String, Value>) -> Result<Builder> {
    let mut b = Builder::new();
    for (key, value) in map {
        let path = format!("options.{key}");
        b = match key.as_str() {
            "from" => b.format(match one_of(value, &path, &["json", "text"])? {
                "text" => Format::Text,
                _ => Format::Json,
            }),
            "quotes" => b.quotes(match one_of(value, &path, &["keep", "guillemets"])? {
                "guillemets" => QuoteStyle::Guillemets,
                _ => QuoteStyle::Keep,
            }),
            "digits" => b.digits(match one_of(value, &path, &["keep", "western", "arabic-indic"])? {
                "western" => DigitStyle::Western,
                "arabic-indic" => DigitStyle::ArabicIndic,
                _ => DigitStyle::Keep,
            }),
            "links" => b.links(match one_of(value, &path, &["first", "every"])? {
                "every" => LinkPolicy::Every,
                _ => LinkPolicy::FirstMention,
            }),
            "latinLang" => b.latin_lang(language(value, &path)?),
            "rtlLang" => b.rtl_lang(language(value, &path)?),
            "lang" => b.lang(language(value, &path)?),
            "dir" => b.dir(match one_of(value, &path, &["rtl", "ltr", "auto"])? {
                "ltr" => Dir::Ltr,
                "auto" => Dir::Auto,
                _ => Dir::Rtl,
            }),
            "jsonld" => b.jsonld(boolean(value, &path)?),
            "annotate" => b.annotate(boolean(value, &path)?),
            "gazetteer" => b.gazetteer(boolean(value, &path)?),
            "published" => b.published(date(value, &path)?),
            "catalog" => b.catalog(catalog(value, &path)?),
            "notes" => b.notes_json(value, &path)?,
            // The live layer's (reader bundle) options: not the renderer's.
            name if super::reader::READER_OPTIONS.contains(&name) => b,
            _ => {
                return Err(Error::invalid(
                    path,
                    format_args!(
                        "unknown option; the options are {}, {}",
                        OPTION_NAMES.join(", "),
                        super::reader::READER_OPTIONS.join(", ")
                    ),
                ))
            }
        };
    }
    if map.get("gazetteer") == Some(&Value::Bool(true)) && !cfg!(feature = "gazetteer") {
        return Err(Error::invalid(
            "options.gazetteer",
            "this build has no gazetteer; build the wasm with the `gazetteer` cargo feature (see README)",
        ));
    }
    Ok(b)
}

/// What a JSON value is, for "found …" in messages.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) => format!("the number {}", crate::annotate::numbers::machine_value(f)),
            None => "a number".to_string(),
        },
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

/// A date (`2017-05-27`, or a date-time whose date is used).
fn date(value: &Value, path: &str) -> Result<crate::date::Date> {
    value
        .as_str()
        .and_then(Timestamp::parse)
        .map(|t| t.date())
        .ok_or_else(|| {
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
