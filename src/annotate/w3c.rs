//! Annotations as W3C Web Annotations (JSON-LD), for annotation servers,
//! Hypothesis-style clients and archives.
//!
//! This module owns the mapping from [`Annotation`] to the [Web Annotation
//! Data Model](https://www.w3.org/TR/annotation-model/):
//!
//! - `id`: `<article url>#anno-N`, or a deterministic `urn:uuid:` (UUID
//!   version 8 from a hash of the article, the path and the range) when the
//!   article has no url — the same input always gets the same ids.
//! - `motivation`: `linking` for a mention with a url, `identifying` for one
//!   without; `tagging` for dates, numbers and role suggestions;
//!   `describing` for quotations.
//! - `body`: a `SpecificResource` (`purpose: identifying`) whose `source`
//!   is the entity's url or `urn:x-rtl-article:entity:<id>`, plus a
//!   `TextualBody` tag (entity type, ISO date, value); Arabic `TextualBody`
//!   values carry `language` and `textDirection`.
//! - `target`: `source` is an External Web Resource — the text, named by
//!   its [`TextId`](crate::model::TextId) (`<article>#p-kd3mq2xa`, the
//!   block's stable id) with `language` and `textDirection`, where the
//!   model allows them — and `selector` lists two alternatives: a
//!   `TextQuoteSelector` (exact, prefix, suffix) and a
//!   `TextPositionSelector` in Unicode code points, the spec's unit.
//!
//! ```
//! use rtl_article::annotate::{w3c, Annotation, AnnotationKind};
//! use rtl_article::model::{Article, Block};
//! use rtl_article::model::TextId;
//! let mut article = Article::new("عنوان");
//! article.url = Some("https://example.com/raqqa".into());
//! article.body.push(Block::paragraph("قتل 120 عنصرا").with_id("p1"));
//! let a = Annotation {
//!     text: TextId::main("p1"), start: 7, end: 10, confidence: 1.0,
//!     kind: AnnotationKind::Number { value: 120.0, unit: None },
//! };
//! let json = w3c::to_w3c(&article, &[a]);
//! assert_eq!(json[0]["id"], "https://example.com/raqqa#anno-1");
//! assert_eq!(json[0]["target"]["selector"][1]["start"], 4);
//! assert_eq!(json[0]["target"]["selector"][0]["exact"], "120");
//! assert_eq!(json[0]["target"]["source"]["id"], "https://example.com/raqqa#p1");
//! ```

use serde_json::{Map, Value};

use crate::render::jsonld::object;

use super::numbers::machine_value;
use super::{Annotation, AnnotationKind};
use crate::hash::{fnv1a, FNV_OFFSET};
use crate::model::Article;
use crate::text::offsets::Offsets;

/// The Web Annotation JSON-LD context.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Characters of context kept in `TextQuoteSelector` prefix and suffix.
const QUOTE_CONTEXT_CHARS: usize = 32;

/// Every annotation as a W3C Web Annotation, in order. Annotations whose
/// path or range does not fit the article are left out.
pub fn to_w3c(article: &Article, annotations: &[Annotation]) -> Vec<Value> {
    let base = article_iri(article);
    let texts = article.texts();
    let mut out = Vec::with_capacity(annotations.len());
    for (i, a) in annotations.iter().enumerate() {
        let Some(t) = texts.iter().find(|t| t.id == a.text) else {
            continue;
        };
        if let Some(v) = annotation(article, &base, i + 1, a, &t.text.text) {
            out.push(v);
        }
    }
    out
}

/// The IRI the annotations' targets hang off: the article's url without a
/// fragment, else a `urn:uuid:` derived from its headline, date and text.
pub fn article_iri(article: &Article) -> String {
    if let Some(url) = &article.url {
        let url = url.split('#').next().unwrap_or(url);
        if !url.is_empty() {
            return url.to_string();
        }
    }
    let mut key = String::new();
    for t in article.texts() {
        key.push_str(&t.id.to_string());
        key.push('\u{1f}');
        key.push_str(&t.text.text);
        key.push('\u{1e}');
    }
    key.push_str(article.published.as_ref().map_or("", |p| p.as_str()));
    format!("urn:uuid:{}", uuid_v8(key.as_bytes()))
}

fn annotation(article: &Article, base: &str, n: usize, a: &Annotation, text: &str) -> Option<Value> {
    let exact = text.get(a.start..a.end)?;
    let before = text.get(..a.start)?;
    let after = text.get(a.end..)?;
    let mut offsets = Offsets::new(text);
    let start = offsets.byte(a.start).chars;
    let end = offsets.byte(a.end).chars;
    let prefix: String = {
        let skip = start.saturating_sub(QUOTE_CONTEXT_CHARS);
        before.chars().skip(skip).collect()
    };
    let suffix: String = after.chars().take(QUOTE_CONTEXT_CHARS).collect();

    let id = if base.starts_with("urn:") {
        format!(
            "urn:uuid:{}",
            uuid_v8(format!("{base}\u{1f}{}\u{1f}{}\u{1f}{}", a.text, a.start, a.end).as_bytes())
        )
    } else {
        format!("{base}#anno-{n}")
    };
    let lang = article.lang.as_str();
    let dir = article.dir.as_str();
    let arabic_text = |value: &str, purpose: &str| {
        object([
            ("type", "TextualBody".into()),
            ("value", value.into()),
            ("purpose", purpose.into()),
            ("language", lang.into()),
            ("textDirection", dir.into()),
            ("format", "text/plain".into()),
        ])
    };
    let tag = |value: String| {
        object([
            ("type", "TextualBody".into()),
            ("value", value.into()),
            ("purpose", "tagging".into()),
            ("format", "text/plain".into()),
        ])
    };
    let identifying = |source: String| {
        object([
            ("type", "SpecificResource".into()),
            ("source", source.into()),
            ("purpose", "identifying".into()),
        ])
    };

    let (motivation, body): (&str, Vec<Value>) = match &a.kind {
        AnnotationKind::Mention {
            id,
            entity_type,
            url,
            alternatives,
        } => {
            // The catalog id is always in the body: as the resource's own
            // IRI when the entity has a page (the `source`), else as the
            // source itself.
            let entity = match url {
                Some(url) => object([
                    ("type", "SpecificResource".into()),
                    ("id", entity_urn(id).into()),
                    ("source", Value::from(&**url)),
                    ("purpose", "identifying".into()),
                ]),
                None => identifying(entity_urn(id)),
            };
            // A name several entries share: a W3C Choice, the chosen entity
            // first (the default), the others after it, most likely first.
            let entity = if alternatives.is_empty() {
                entity
            } else {
                let mut items = vec![entity];
                for alt in alternatives {
                    items.push(identifying(entity_urn(alt)));
                }
                object([("type", "Choice".into()), ("items", Value::Array(items))])
            };
            (
                if url.is_some() { "linking" } else { "identifying" },
                vec![entity, tag(entity_type.as_str().to_string())],
            )
        }
        AnnotationKind::Suggestion { entity_type } => ("tagging", vec![tag(entity_type.as_str().to_string())]),
        AnnotationKind::Date { iso, .. } => {
            let mut body = vec![tag("date".to_string())];
            if let Some(iso) = iso {
                body.push(tag(iso.clone()));
            }
            ("tagging", body)
        }
        AnnotationKind::Number { value, unit } => {
            let mut body = vec![tag(machine_value(*value))];
            if let Some(u) = unit {
                body.push(arabic_text(u, "tagging"));
            }
            ("tagging", body)
        }
        AnnotationKind::Quotation {
            speaker,
            speaker_id,
            direct,
        } => {
            let mut body = vec![tag(if *direct { "quotation" } else { "reported speech" }.to_string())];
            if let Some(s) = speaker {
                body.push(arabic_text(s, "describing"));
            }
            if let Some(sid) = speaker_id {
                body.push(identifying(entity_urn(sid)));
            }
            ("describing", body)
        }
    };

    let mut target = Map::new();
    target.insert(
        "source".into(),
        object([
            ("id", format!("{base}#{}", encode_fragment(&a.text.to_string())).into()),
            ("type", "Text".into()),
            ("format", "text/plain".into()),
            ("language", lang.into()),
            ("textDirection", dir.into()),
        ]),
    );
    target.insert(
        "selector".into(),
        Value::Array(vec![
            object([
                ("type", "TextQuoteSelector".into()),
                ("exact", exact.into()),
                ("prefix", prefix.into()),
                ("suffix", suffix.into()),
            ]),
            object([
                ("type", "TextPositionSelector".into()),
                ("start", start.into()),
                ("end", end.into()),
            ]),
        ]),
    );

    // serde_json keeps insertion order only with preserve_order; build the
    // object so "@context" is first either way by writing it into a fresh map.
    let mut anno = Map::new();
    anno.insert("@context".into(), Value::String(CONTEXT.into()));
    anno.insert("id".into(), Value::String(id));
    anno.insert("type".into(), Value::String("Annotation".into()));
    anno.insert("motivation".into(), Value::String(motivation.into()));
    anno.insert("body".into(), Value::Array(body));
    anno.insert("target".into(), Value::Object(target));
    Some(Value::Object(anno))
}

/// An IRI for a catalog id that has no page.
fn entity_urn(id: &str) -> String {
    format!("urn:x-rtl-article:entity:{}", encode_fragment(id))
}

/// Percent-encode everything but unreserved characters and `.`, `:`, `/`
/// so a text id such as `q-ab2c3d4e/attribution` is a valid IRI fragment.
fn encode_fragment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A UUID (version 8, RFC 9562 "custom") from two FNV-1a hashes of `key`:
/// deterministic, so re-annotating the same article gives the same ids.
fn uuid_v8(key: &[u8]) -> String {
    let hi = fnv1a(FNV_OFFSET, key);
    let lo = fnv1a(0x8422_2325_cbf2_9ce4, key);
    let hi = (hi & !0xF000) | 0x8000; // version 8 in bits 48..52
    let lo = (lo & !(0b11 << 62)) | (0b10 << 62); // RFC variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}
