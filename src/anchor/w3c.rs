//! Anchored annotations as W3C Web Annotations: reading them from whatever
//! shape a publisher's tool or an annotation server writes, and writing
//! them in one shape — the one [`crate::annotate::w3c`] uses for the
//! annotator's output.
//!
//! ```json
//! {
//!   "@context": ["http://www.w3.org/ns/anno.jsonld", {"rtl": "urn:x-rtl-article:", "orphan": "rtl:orphan", "textIndex": "rtl:textIndex"}],
//!   "id": "urn:uuid:…",
//!   "type": "Annotation",
//!   "motivation": "commenting",
//!   "body": {"type": "TextualBody", "value": "…", "format": "text/plain", "language": "ar", "purpose": "commenting"},
//!   "target": {
//!     "source": {"id": "https://example.com/raqqa#p-kd3mq2xa", "type": "Text", "textIndex": 3},
//!     "selector": [
//!       {"type": "TextQuoteSelector", "exact": "…", "prefix": "…", "suffix": "…"},
//!       {"type": "TextPositionSelector", "start": 14, "end": 37}
//!     ]
//!   }
//! }
//! ```
//!
//! The target's `source` is the text (its [`TextId`](crate::model::TextId)
//! as the fragment of the article's IRI, and its place among the article's
//! texts as `textIndex`), and the selectors are within that text, positions
//! in code points. Read as well: a `target` that is a plain IRI (a note on
//! the whole article), an array of targets, a `CssSelector` naming the
//! text (`[data-text="p-…"]`) refined by quote or position selectors, a
//! `bodyValue`, bodies that are IRIs; other selector types are skipped.
//! `orphan: true` marks an annotation [`Document::resolve`] could not
//! place; it keeps its last selector.
//!
//! The format is read and written through [`Tree`], implemented for
//! `serde_json::Value` here and for JavaScript values in the reader
//! bundle, so one parser serves the CLI, the renderer and the browser, and
//! fields this module does not know are kept when an annotation is written
//! back over the one it was read from.
//!
//! ```
//! use rtl_article::anchor::w3c::{self, Annotation};
//! let json = serde_json::json!({
//!     "type": "Annotation",
//!     "motivation": "assessing",
//!     "bodyValue": "الرقم الصحيح 120",
//!     "generator": {"name": "CMS"},
//!     "target": {"source": "https://example.com/a#p-ab2c3d4e",
//!                "selector": {"type": "TextQuoteSelector", "exact": "مئة"}},
//! });
//! let note = Annotation::read(&json, "notes[0]").unwrap();
//! assert_eq!(note.selector.as_ref().unwrap().text, "p-ab2c3d4e");
//! assert_eq!(note.text_body(), Some("الرقم الصحيح 120"));
//! let back: serde_json::Value = note.write(Some(&json));
//! assert_eq!(back["generator"]["name"], "CMS");
//!
//! let err = Annotation::read(&serde_json::json!({"target": {"selector": {"type": "TextQuoteSelector", "exact": 3}}}), "notes[0]").unwrap_err();
//! assert_eq!(err.to_string(), "notes[0].target.selector.exact: expected a string, found a number");
//! ```
//!
//! [`Document::resolve`]: super::Document::resolve

use super::Selector;
use crate::error::{Error, Result};

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The terms this crate adds to the context.
pub const EXTENSION_NAMESPACE: &str = "urn:x-rtl-article:";

/// How deeply `refinedBy` selectors are followed.
const MAX_REFINEMENT: usize = 4;

/// The most annotations one collection may hold.
pub const MAX_ANNOTATIONS: usize = 10_000;

/// The longest `exact`, `prefix`, `suffix` or body value accepted, in bytes.
pub const MAX_STRING: usize = 64 * 1024;

/// A JSON-like value the W3C format is read from and written to.
pub trait Tree: Sized {
    /// The value of field `key` of an object (a name the format defines:
    /// `'static`, so that JS values can make each name once).
    fn field(&self, key: &'static str) -> Option<Self>;
    /// The items of an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// A string's value.
    fn string(&self) -> Option<String>;
    /// A number's value.
    fn number(&self) -> Option<f64>;
    /// A boolean's value.
    fn boolean(&self) -> Option<bool>;
    /// An object's fields, in order (empty for anything else).
    fn entries(&self) -> Vec<(String, Self)>;
    /// What the value is, for "found …" in messages.
    fn kind(&self) -> &'static str;
    /// A string value.
    fn from_string(s: &str) -> Self;
    /// A number value.
    fn from_number(n: f64) -> Self;
    /// A boolean value.
    fn from_bool(b: bool) -> Self;
    /// An array value.
    fn from_items(items: Vec<Self>) -> Self;
    /// An object value with these fields, in order.
    fn from_entries(entries: Vec<(String, Self)>) -> Self;
}

/// What an annotation is for (the W3C motivations this crate acts on; any
/// other is kept as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Motivation {
    /// A reader's highlight.
    Highlighting,
    /// A note: a reader's, or an editorial footnote.
    Commenting,
    /// A fact-check.
    Assessing,
    /// A correction.
    Editing,
    /// A glossary entry.
    Describing,
    /// Another motivation, as written.
    Other(String),
}

impl Motivation {
    /// The W3C name.
    pub fn as_str(&self) -> &str {
        match self {
            Motivation::Highlighting => "highlighting",
            Motivation::Commenting => "commenting",
            Motivation::Assessing => "assessing",
            Motivation::Editing => "editing",
            Motivation::Describing => "describing",
            Motivation::Other(s) => s,
        }
    }

    /// The motivation named `name` (`oa:` prefixes allowed).
    pub fn from_name(name: &str) -> Motivation {
        let name = name.strip_prefix("oa:").unwrap_or(name);
        match name {
            "highlighting" => Motivation::Highlighting,
            "commenting" => Motivation::Commenting,
            "assessing" => Motivation::Assessing,
            "editing" => Motivation::Editing,
            "describing" => Motivation::Describing,
            other => Motivation::Other(other.to_string()),
        }
    }
}

/// One body of an annotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// A `TextualBody`.
    Text {
        /// The text.
        value: String,
        /// Its language, when given.
        language: Option<String>,
        /// Its media type, when given (`text/plain` is assumed).
        format: Option<String>,
        /// Its purpose, when given.
        purpose: Option<String>,
    },
    /// A resource by IRI (a source, a related page).
    Link {
        /// The IRI.
        iri: String,
        /// Its purpose, when given.
        purpose: Option<String>,
    },
}

/// A W3C annotation anchored to an article's text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Annotation {
    /// Its IRI, when it has one.
    pub id: Option<String>,
    /// What it is for, in order; at least one once read.
    pub motivation: Vec<Motivation>,
    /// Its bodies.
    pub body: Vec<Body>,
    /// The article it is on (the target source without its fragment).
    pub source: Option<String>,
    /// Where it is anchored; `None` for a note on the whole article.
    pub selector: Option<Selector>,
    /// It could not be placed in the current text.
    pub orphan: bool,
    /// Creation time, as written.
    pub created: Option<String>,
    /// Last modification time, as written.
    pub modified: Option<String>,
    /// Who made it: a name, or an IRI.
    pub creator: Option<String>,
}

impl Annotation {
    /// The first motivation (`commenting` when none was given).
    pub fn motivation(&self) -> &Motivation {
        self.motivation.first().unwrap_or(&Motivation::Commenting)
    }

    /// Whether any motivation is `m`.
    pub fn has(&self, m: &Motivation) -> bool {
        self.motivation.contains(m)
    }

    /// The first textual body's value.
    pub fn text_body(&self) -> Option<&str> {
        self.body.iter().find_map(|b| match b {
            Body::Text { value, .. } => Some(value.as_str()),
            Body::Link { .. } => None,
        })
    }

    /// The IRIs among the bodies.
    pub fn links(&self) -> impl Iterator<Item = &str> {
        self.body.iter().filter_map(|b| match b {
            Body::Link { iri, .. } => Some(iri.as_str()),
            Body::Text { .. } => None,
        })
    }

    /// Read one annotation; `path` names it in errors (`notes[2]`).
    pub fn read<T: Tree>(value: &T, path: &str) -> Result<Annotation> {
        if value.kind() != "an object" {
            return Err(Error::invalid(
                path,
                format!("expected an annotation object, found {}", value.kind()),
            ));
        }
        if let Some(kind) = value.field("type") {
            let names = strings(&kind, &format!("{path}.type"))?;
            if !names.iter().any(|n| n == "Annotation" || n == "oa:Annotation") {
                return Err(Error::invalid(
                    format!("{path}.type"),
                    format!("expected \"Annotation\", found {}", quoted_list(&names)),
                ));
            }
        }
        let mut out = Annotation {
            id: optional_string(value, "id", path)?,
            created: optional_string(value, "created", path)?,
            modified: optional_string(value, "modified", path)?,
            ..Annotation::default()
        };
        if let Some(m) = value.field("motivation") {
            out.motivation = strings(&m, &format!("{path}.motivation"))?
                .iter()
                .map(|s| Motivation::from_name(s))
                .collect();
        }
        if let Some(creator) = value.field("creator") {
            out.creator = creator
                .string()
                .or_else(|| creator.field("name").and_then(|n| n.string()))
                .or_else(|| creator.field("id").and_then(|n| n.string()));
        }
        if let Some(orphan) = value.field("orphan") {
            out.orphan = orphan.boolean().unwrap_or(false);
        }
        if let Some(v) = value.field("bodyValue") {
            let value = bounded(&v, path, "bodyValue")?;
            out.body.push(Body::Text {
                value,
                language: None,
                format: None,
                purpose: None,
            });
        }
        if let Some(body) = value.field("body") {
            for (i, b) in one_or_many(body).iter().enumerate() {
                let bpath = if value.field("body").and_then(|b| b.items()).is_some() {
                    format!("{path}.body[{i}]")
                } else {
                    format!("{path}.body")
                };
                out.body.push(read_body(b, &bpath)?);
            }
        }
        let (source, selector) = target_of(value, path)?;
        out.source = source;
        out.selector = selector;
        if out.motivation.is_empty() {
            out.motivation.push(if out.body.is_empty() {
                Motivation::Highlighting
            } else {
                Motivation::Commenting
            });
        }
        Ok(out)
    }

    /// This annotation in the crate's shape, over `base` (the value it was
    /// read from) when given: fields this module does not write are kept.
    pub fn write<T: Tree>(&self, base: Option<&T>) -> T {
        let mut fields: Vec<(String, T)> = vec![("@context".into(), context())];
        if let Some(id) = &self.id {
            fields.push(("id".into(), T::from_string(id)));
        }
        fields.push(("type".into(), T::from_string("Annotation")));
        let motivations: Vec<T> = self.motivation.iter().map(|m| T::from_string(m.as_str())).collect();
        fields.push((
            "motivation".into(),
            if motivations.len() == 1 {
                motivations
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| T::from_string("commenting"))
            } else {
                T::from_items(motivations)
            },
        ));
        for (key, value) in [("created", &self.created), ("modified", &self.modified)] {
            if let Some(v) = value {
                fields.push((key.into(), T::from_string(v)));
            }
        }
        if let Some(creator) = &self.creator {
            let creator_kept = base.and_then(|b| b.field("creator"));
            let unchanged = creator_kept.as_ref().is_some_and(|c| {
                c.string()
                    .or_else(|| c.field("name").and_then(|n| n.string()))
                    .as_deref()
                    == Some(creator)
                    || c.field("id").and_then(|n| n.string()).as_deref() == Some(creator)
            });
            fields.push((
                "creator".into(),
                match creator_kept {
                    Some(c) if unchanged => c,
                    _ => T::from_string(creator),
                },
            ));
        }
        let bodies: Vec<T> = self.body.iter().map(write_body).collect();
        match bodies.len() {
            0 => {}
            1 => fields.push((
                "body".into(),
                bodies.into_iter().next().unwrap_or_else(|| T::from_items(Vec::new())),
            )),
            _ => fields.push(("body".into(), T::from_items(bodies))),
        }
        fields.push((
            "target".into(),
            write_target(self.source.as_deref(), self.selector.as_ref(), None),
        ));
        if self.orphan {
            fields.push(("orphan".into(), T::from_bool(true)));
        }
        if let Some(base) = base {
            const WRITTEN: &[&str] = &[
                "@context",
                "id",
                "type",
                "motivation",
                "created",
                "modified",
                "creator",
                "body",
                "bodyValue",
                "target",
                "orphan",
            ];
            for (key, value) in base.entries() {
                if !WRITTEN.contains(&key.as_str()) {
                    fields.push((key, value));
                }
            }
        }
        T::from_entries(fields)
    }
}

/// The `@context` this crate writes: the W3C context and its own terms.
pub fn context<T: Tree>() -> T {
    T::from_items(vec![
        T::from_string(CONTEXT),
        T::from_entries(vec![
            ("rtl".into(), T::from_string(EXTENSION_NAMESPACE)),
            ("orphan".into(), T::from_string("rtl:orphan")),
            ("textIndex".into(), T::from_string("rtl:textIndex")),
        ]),
    ])
}

/// A target: the text as `source` (`<article>#<text id>` with its
/// `textIndex` and `extra` fields such as language) and the selectors
/// within it; just the article IRI when there is no selector.
pub fn write_target<T: Tree>(article: Option<&str>, selector: Option<&Selector>, extra: Option<Vec<(String, T)>>) -> T {
    let article = article.unwrap_or("");
    let Some(s) = selector else {
        return T::from_string(article);
    };
    let mut source = vec![
        (
            "id".into(),
            T::from_string(&format!("{article}#{}", encode_fragment(&s.text))),
        ),
        ("type".into(), T::from_string("Text")),
    ];
    if let Some(i) = s.index {
        source.push(("textIndex".into(), T::from_number(i as f64)));
    }
    source.extend(extra.unwrap_or_default());
    T::from_entries(vec![
        ("source".into(), T::from_entries(source)),
        (
            "selector".into(),
            T::from_items(vec![
                T::from_entries(vec![
                    ("type".into(), T::from_string("TextQuoteSelector")),
                    ("exact".into(), T::from_string(&s.exact)),
                    ("prefix".into(), T::from_string(&s.prefix)),
                    ("suffix".into(), T::from_string(&s.suffix)),
                ]),
                T::from_entries(vec![
                    ("type".into(), T::from_string("TextPositionSelector")),
                    ("start".into(), T::from_number(s.start as f64)),
                    ("end".into(), T::from_number(s.end as f64)),
                ]),
            ]),
        ),
    ])
}

/// Every annotation of a collection: an `AnnotationCollection` (its
/// `first` page's items, or `items`), an `AnnotationPage`, an array, or a
/// single annotation. `path` names the value in errors. Each is returned
/// with the value it was read from.
pub fn read_collection<T: Tree>(value: &T, path: &str) -> Result<Vec<(Annotation, T)>> {
    let (items, items_path) = if let Some(items) = value.items() {
        (items, path.to_string())
    } else if let Some(first) = value.field("first") {
        match first.field("items").and_then(|i| i.items()) {
            Some(items) => (items, format!("{path}.first.items")),
            None if first.string().is_some() => {
                return Err(Error::invalid(
                    format!("{path}.first"),
                    "pages by IRI are not fetched: give the items inline",
                ))
            }
            None => {
                return Err(Error::invalid(
                    format!("{path}.first.items"),
                    "missing: expected an array",
                ))
            }
        }
    } else if let Some(items) = value.field("items") {
        match items.items() {
            Some(list) => (list, format!("{path}.items")),
            None => {
                return Err(Error::invalid(
                    format!("{path}.items"),
                    format!("expected an array, found {}", items.kind()),
                ))
            }
        }
    } else if value.kind() == "an object" && value.field("target").is_some() {
        return Annotation::read(value, path).map(|a| vec![(a, T::from_entries(value.entries()))]);
    } else {
        return Err(Error::invalid(
            path,
            format!(
                "expected an AnnotationCollection, an AnnotationPage, an array of annotations or an annotation, found {}",
                value.kind()
            ),
        ));
    };
    if items.len() > MAX_ANNOTATIONS {
        return Err(Error::too_large(
            &items_path,
            format!("{} annotations; the limit is {MAX_ANNOTATIONS}", items.len()),
        ));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| Annotation::read(&item, &format!("{items_path}[{i}]")).map(|a| (a, item)))
        .collect()
}

/// An `AnnotationCollection` of `items` (already written), with `label`.
pub fn write_collection<T: Tree>(items: Vec<T>, label: Option<&str>) -> T {
    let total = items.len();
    let mut fields = vec![
        ("@context".into(), context()),
        ("type".into(), T::from_string("AnnotationCollection")),
    ];
    if let Some(label) = label {
        fields.push(("label".into(), T::from_string(label)));
    }
    fields.push(("total".into(), T::from_number(total as f64)));
    fields.push((
        "first".into(),
        T::from_entries(vec![
            ("type".into(), T::from_string("AnnotationPage")),
            ("items".into(), T::from_items(items)),
        ]),
    ));
    T::from_entries(fields)
}

fn read_body<T: Tree>(b: &T, path: &str) -> Result<Body> {
    if let Some(iri) = b.string() {
        return Ok(Body::Link { iri, purpose: None });
    }
    if b.kind() != "an object" {
        return Err(Error::invalid(
            path,
            format!("expected a body object or an IRI, found {}", b.kind()),
        ));
    }
    let purpose = optional_string(b, "purpose", path)?;
    if let Some(v) = b.field("value") {
        return Ok(Body::Text {
            value: bounded(&v, path, "value")?,
            language: optional_string(b, "language", path)?,
            format: optional_string(b, "format", path)?,
            purpose,
        });
    }
    let iri = optional_string(b, "source", path)?.or(optional_string(b, "id", path)?);
    match iri {
        Some(iri) => Ok(Body::Link { iri, purpose }),
        None => Err(Error::invalid(
            path,
            "expected a TextualBody with a value, or a resource with an id",
        )),
    }
}

fn write_body<T: Tree>(b: &Body) -> T {
    match b {
        Body::Text {
            value,
            language,
            format,
            purpose,
        } => {
            let mut f = vec![
                ("type".into(), T::from_string("TextualBody")),
                ("value".into(), T::from_string(value)),
                (
                    "format".into(),
                    T::from_string(format.as_deref().unwrap_or("text/plain")),
                ),
            ];
            if let Some(l) = language {
                f.push(("language".into(), T::from_string(l)));
            }
            if let Some(p) = purpose {
                f.push(("purpose".into(), T::from_string(p)));
            }
            T::from_entries(f)
        }
        Body::Link { iri, purpose } => {
            let mut f = vec![("id".into(), T::from_string(iri))];
            if let Some(p) = purpose {
                f.push(("purpose".into(), T::from_string(p)));
            }
            T::from_entries(f)
        }
    }
}

/// The article IRI and selector of annotation `value`'s target (the first
/// of several targets that has a selector); `path` names it in errors.
pub fn target_of<T: Tree>(value: &T, path: &str) -> Result<(Option<String>, Option<Selector>)> {
    let Some(target) = value.field("target") else {
        return Err(Error::invalid(format!("{path}.target"), "missing (required)"));
    };
    let targets = one_or_many(target);
    let many = targets.len() > 1;
    let mut source = None;
    for (i, t) in targets.iter().enumerate() {
        let tpath = if many {
            format!("{path}.target[{i}]")
        } else {
            format!("{path}.target")
        };
        let (s, selector) = read_target(t, &tpath)?;
        source = source.or(s);
        if selector.is_some() {
            return Ok((source, selector));
        }
    }
    Ok((source, None))
}

/// A target's article IRI and selector.
fn read_target<T: Tree>(t: &T, path: &str) -> Result<(Option<String>, Option<Selector>)> {
    if let Some(iri) = t.string() {
        // A bare `…#p-abc` IRI names a text but no range in it: a note on
        // the article.
        return Ok((Some(split_iri(&iri).0), None));
    }
    if t.kind() != "an object" {
        return Err(Error::invalid(
            path,
            format!("expected a target object or an IRI, found {}", t.kind()),
        ));
    }
    let mut found = Found::default();
    if let Some(source) = t.field("source") {
        let iri = match source.string() {
            Some(iri) => Some(iri),
            None => source.field("id").and_then(|i| i.string()),
        };
        if let Some(iri) = iri {
            let (article, text) = split_iri(&iri);
            found.article = Some(article);
            found.text = text;
        }
        if let Some(i) = source.field("textIndex").and_then(|i| i.number()) {
            if i >= 0.0 && i.fract() == 0.0 && i < 1e9 {
                found.index = Some(i as usize);
            }
        }
    }
    if let Some(selector) = t.field("selector") {
        let many = selector.items().is_some();
        for (i, s) in one_or_many(selector).iter().enumerate() {
            let spath = if many {
                format!("{path}.selector[{i}]")
            } else {
                format!("{path}.selector")
            };
            read_selector(s, &spath, &mut found, 0)?;
        }
    }
    let article = found.article.clone();
    let Some(exact) = found.exact else {
        return Ok((article, None));
    };
    let (start, end) = found.position.unwrap_or((0, 0));
    Ok((
        article,
        Some(Selector {
            text: found.text.unwrap_or_default(),
            index: found.index,
            start,
            end,
            exact,
            prefix: found.prefix,
            suffix: found.suffix,
        }),
    ))
}

#[derive(Default)]
struct Found {
    article: Option<String>,
    text: Option<String>,
    index: Option<usize>,
    exact: Option<String>,
    prefix: String,
    suffix: String,
    position: Option<(usize, usize)>,
}

fn read_selector<T: Tree>(s: &T, path: &str, found: &mut Found, depth: usize) -> Result<()> {
    if depth > MAX_REFINEMENT {
        return Err(Error::invalid(
            path,
            format!("refinedBy nested deeper than {MAX_REFINEMENT}"),
        ));
    }
    let kind = s.field("type").and_then(|t| t.string()).unwrap_or_default();
    match kind.as_str() {
        "TextQuoteSelector" => {
            let Some(exact) = s.field("exact") else {
                return Err(Error::invalid(format!("{path}.exact"), "missing (required)"));
            };
            found.exact = Some(bounded(&exact, path, "exact")?);
            for (key, slot) in [("prefix", &mut found.prefix), ("suffix", &mut found.suffix)] {
                if let Some(v) = s.field(key) {
                    *slot = bounded(&v, path, key)?;
                }
            }
        }
        "TextPositionSelector" => {
            let start = offset(s, "start", path)?;
            let end = offset(s, "end", path)?;
            if end < start {
                return Err(Error::invalid(
                    format!("{path}.end"),
                    format!("{end} is before start {start}"),
                ));
            }
            found.position = Some((start, end));
        }
        "CssSelector" => {
            if let Some(id) = s.field("value").and_then(|v| v.string()).and_then(|v| css_text_id(&v)) {
                found.text = Some(id);
            }
        }
        _ => {}
    }
    if let Some(refined) = s.field("refinedBy") {
        for r in one_or_many(refined) {
            read_selector(&r, &format!("{path}.refinedBy"), found, depth + 1)?;
        }
    }
    Ok(())
}

/// `[data-text="p-abc"]` → `p-abc`.
fn css_text_id(value: &str) -> Option<String> {
    let inner = value.trim().strip_prefix("[data-text=")?.strip_suffix(']')?;
    let inner = inner.trim_matches(|c| c == '"' || c == '\'');
    Some(inner.to_string()).filter(|s| !s.is_empty())
}

/// An IRI's article part and, when its fragment is a text id, the text.
fn split_iri(iri: &str) -> (String, Option<String>) {
    match iri.split_once('#') {
        Some((article, fragment)) => {
            let text = decode_fragment(fragment);
            (article.to_string(), looks_like_text_id(&text).then_some(text))
        }
        None => (iri.to_string(), None),
    }
}

/// Whether `s` can be a [`TextId`](crate::model::TextId): a block id, then
/// optionally `/` and a part. The parser proper is not needed to tell a text
/// from another fragment, and its messages would cost the reader bundle.
fn looks_like_text_id(s: &str) -> bool {
    use crate::model::{is_block_id, RESERVED_BLOCK_IDS};
    match s.split_once('/') {
        None => is_block_id(s) || RESERVED_BLOCK_IDS.contains(&s),
        Some((block, part)) => {
            is_block_id(block)
                && (part == "attribution" || (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())))
        }
    }
}

/// Percent-encode everything but unreserved characters and `.`, `:`, `/`
/// so a text id such as `q-ab2c3d4e/attribution` is a valid IRI fragment.
pub fn encode_fragment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'/') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

fn decode_fragment(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_default()
}

fn one_or_many<T: Tree>(value: T) -> Vec<T> {
    match value.items() {
        Some(items) => items,
        None => vec![value],
    }
}

fn strings<T: Tree>(value: &T, path: &str) -> Result<Vec<String>> {
    let expected = |at: String, v: &T| Error::invalid(at, format!("expected a string, found {}", v.kind()));
    match value.items() {
        Some(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| v.string().ok_or_else(|| expected(format!("{path}[{i}]"), v)))
            .collect(),
        None => value
            .string()
            .map(|s| vec![s])
            .ok_or_else(|| expected(path.to_string(), value)),
    }
}

fn optional_string<T: Tree>(value: &T, key: &'static str, path: &str) -> Result<Option<String>> {
    match value.field(key) {
        None => Ok(None),
        Some(v) if v.kind() == "null" => Ok(None),
        Some(v) => bounded(&v, path, key).map(Some),
    }
}

/// The string at field `key` of the value at `path` (the path is written
/// only for an error: this runs for every field of every annotation read).
fn bounded<T: Tree>(v: &T, path: &str, key: &str) -> Result<String> {
    let at = || format!("{path}.{key}");
    let s = v
        .string()
        .ok_or_else(|| Error::invalid(at(), format!("expected a string, found {}", v.kind())))?;
    if s.len() > MAX_STRING {
        return Err(Error::too_large(
            at(),
            format!("{} bytes; the limit is {MAX_STRING}", s.len()),
        ));
    }
    Ok(s)
}

fn offset<T: Tree>(s: &T, key: &'static str, path: &str) -> Result<usize> {
    let at = || format!("{path}.{key}");
    let Some(v) = s.field(key) else {
        return Err(Error::invalid(at(), "missing (required)"));
    };
    match v.number() {
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n < 1e12 => Ok(n as usize),
        Some(n) => Err(Error::invalid(
            at(),
            format!(
                "expected a non-negative integer, found {}",
                crate::annotate::numbers::machine_value(n)
            ),
        )),
        None => Err(Error::invalid(
            at(),
            format!("expected a non-negative integer, found {}", v.kind()),
        )),
    }
}

fn quoted_list(names: &[String]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

impl Tree for serde_json::Value {
    fn field(&self, key: &'static str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn entries(&self) -> Vec<(String, Self)> {
        self.as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }
    fn kind(&self) -> &'static str {
        match self {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        }
    }
    fn from_string(s: &str) -> Self {
        serde_json::Value::String(s.to_string())
    }
    fn from_number(n: f64) -> Self {
        if n.fract() == 0.0 && n.abs() < 9e15 {
            serde_json::Value::from(n as i64)
        } else {
            serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
        }
    }
    fn from_bool(b: bool) -> Self {
        serde_json::Value::Bool(b)
    }
    fn from_items(items: Vec<Self>) -> Self {
        serde_json::Value::Array(items)
    }
    fn from_entries(entries: Vec<(String, Self)>) -> Self {
        // One insert at a time, not `collect` (whose stable sort costs
        // kilobytes of wasm); a repeated key keeps its last value either way.
        let mut map = serde_json::Map::new();
        for (k, v) in entries {
            map.insert(k, v);
        }
        serde_json::Value::Object(map)
    }
}
