//! Anchoring in the page: [`crate::anchor`] over the article's texts, for
//! the live layer (`www/layer.js`), which reads the texts from the DOM and
//! maps places to ranges. One `Anchors` holds an article's texts; it
//! describes ranges as W3C selectors, resolves selectors after the text
//! changed, and re-anchors whole W3C annotations — whatever shape their
//! target has, read by the same parser the CLI and the renderer use.
//!
//! Selectors cross the boundary as plain objects `{text, index, start, end,
//! exact, prefix, suffix}` (code points); places as `{text, index, start,
//! end, method, score}`.

use js_sys::Object;
use wasm_bindgen::prelude::*;

use super::js::{get, object, set, strings};
use super::js_error;
use crate::anchor::w3c;
use crate::anchor::{Document, Method, Orphaned, Place, Resolution, Selector};
use crate::hash::{base32, fnv1a, FNV_OFFSET};

/// Most texts an [`Anchors`] takes: an article's texts are its headline,
/// standfirst, caption and blocks' parts, far fewer
/// ([`Limits::max_blocks`](crate::ingest::Limits) is 5,000 blocks).
pub const MAX_TEXTS: usize = 100_000;

/// The texts of one rendered article, ready for anchoring.
#[wasm_bindgen]
pub struct Anchors {
    document: Document,
    version: String,
}

#[wasm_bindgen]
impl Anchors {
    /// An article's texts: `ids[i]` names `texts[i]`, in reading order
    /// (arrays of strings, at most [`MAX_TEXTS`] of each).
    #[wasm_bindgen(constructor)]
    pub fn new(ids: JsValue, texts: JsValue) -> Result<Anchors, JsValue> {
        let ids = strings(&ids, "ids", MAX_TEXTS)?;
        let texts = strings(&texts, "texts", MAX_TEXTS)?;
        let mut h = FNV_OFFSET;
        for (id, text) in ids.iter().zip(&texts) {
            h = fnv1a(h, id.as_bytes());
            h = fnv1a(h, &[0x1f]);
            h = fnv1a(h, text.as_bytes());
            h = fnv1a(h, &[0x1e]);
        }
        Ok(Anchors {
            document: Document::new(ids.iter().map(String::as_str).zip(texts.iter().map(String::as_str))),
            version: base32(h, 8),
        })
    }

    /// A short hash of the texts: it changes when the text does.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.version.clone()
    }

    /// Describe code points `start..end` of text `text`: a selector, or
    /// `null` when the text is not in the article or the range is outside it.
    pub fn describe(&self, text: &str, start: u32, end: u32) -> JsValue {
        self.document
            .describe(text, start as usize, end as usize)
            .map_or(JsValue::NULL, |s| selector_js(&s))
    }

    /// Where `selector` is now: a place, or `{orphan: "not-found" |
    /// "weak" | "ambiguous" | "empty"}`.
    pub fn resolve(&self, selector: &JsValue) -> JsValue {
        match self.document.resolve(&selector_rs(selector)) {
            Resolution::Placed(p) => place_js(&p),
            Resolution::Orphan(why) => object(&[("orphan", JsValue::from_str(orphan_name(why)))]),
        }
    }

    /// Anchor W3C `annotation` in this article again: `{target, orphan,
    /// place}` — its target described afresh where its words are now (the
    /// source kept), or its old target with `orphan: true`; `place` is
    /// `null` for orphans and notes on the whole article. Throws with the
    /// field at fault when the target cannot be read.
    pub fn reanchor(&self, annotation: &JsValue) -> Result<JsValue, JsError> {
        let (source, selector) = target_of(annotation)?;
        let old_target = get(annotation, "target");
        let Some(selector) = selector else {
            return Ok(object(&[
                ("target", old_target),
                ("orphan", JsValue::FALSE),
                ("place", JsValue::NULL),
            ]));
        };
        Ok(match self.document.resolve(&selector) {
            Resolution::Placed(p) => {
                let fresh = self.document.describe(&p.text, p.start, p.end).unwrap_or(selector);
                object(&[
                    ("target", write_target(source.as_deref(), &fresh)),
                    ("orphan", JsValue::FALSE),
                    ("place", place_js(&p)),
                ])
            }
            Resolution::Orphan(_) => object(&[
                ("target", old_target),
                ("orphan", JsValue::TRUE),
                ("place", JsValue::NULL),
            ]),
        })
    }

    /// Where W3C `annotation`'s words are now: the place [`reanchor`]
    /// finds, or `null` (an orphan, a note on the whole article), without
    /// describing its target afresh — for what is only painted (editorial
    /// notes), never stored. Throws as `reanchor` does when the target
    /// cannot be read.
    ///
    /// [`reanchor`]: Anchors::reanchor
    pub fn place(&self, annotation: &JsValue) -> Result<JsValue, JsError> {
        let (_, selector) = target_of(annotation)?;
        Ok(match selector.map(|s| self.document.resolve(&s)) {
            Some(Resolution::Placed(p)) => place_js(&p),
            _ => JsValue::NULL,
        })
    }

    /// The W3C target for `selector` in the article `source` (its IRI).
    pub fn target(&self, selector: &JsValue, source: &str) -> JsValue {
        write_target(Some(source), &selector_rs(selector))
    }
}

/// The target of annotation `value`, read by [`w3c::target_of`]: over the
/// JavaScript value itself in the reader bundle; through `serde_json` in the
/// full bundle, which has that parser already (one instantiation of the
/// reader, not two).
#[cfg(not(feature = "full"))]
fn target_of(value: &JsValue) -> Result<(Option<String>, Option<Selector>), JsError> {
    w3c::target_of(value, "annotation").map_err(js_error)
}

#[cfg(feature = "full")]
fn target_of(value: &JsValue) -> Result<(Option<String>, Option<Selector>), JsError> {
    let json = super::full::stringify(value, "annotation", "an annotation object").map_err(js_error)?;
    let parsed: serde_json::Value =
        serde_json::from_str(&json).map_err(|e| JsError::new(&format!("annotation: cannot be read: {e}")))?;
    w3c::target_of(&parsed, "annotation").map_err(js_error)
}

/// A W3C target for `selector` in article `source`, as a JS value.
#[cfg(not(feature = "full"))]
fn write_target(source: Option<&str>, selector: &Selector) -> JsValue {
    w3c::write_target::<JsValue>(source, Some(selector), None)
}

#[cfg(feature = "full")]
fn write_target(source: Option<&str>, selector: &Selector) -> JsValue {
    let value = w3c::write_target::<serde_json::Value>(source, Some(selector), None);
    // `serde_json::to_string`, not `Value`'s `Display`: the same text, but
    // `Display` instantiates the serializer twice more (compact and pretty,
    // for another writer), 0.8 KB gzip of wasm.
    js_sys::JSON::parse(&serde_json::to_string(&value).unwrap_or_default()).unwrap_or(JsValue::NULL)
}

fn selector_js(s: &Selector) -> JsValue {
    let o: JsValue = Object::new().into();
    set(&o, "text", &JsValue::from_str(&s.text));
    set(
        &o,
        "index",
        &s.index.map_or(JsValue::NULL, |i| JsValue::from_f64(i as f64)),
    );
    set(&o, "start", &JsValue::from_f64(s.start as f64));
    set(&o, "end", &JsValue::from_f64(s.end as f64));
    set(&o, "exact", &JsValue::from_str(&s.exact));
    set(&o, "prefix", &JsValue::from_str(&s.prefix));
    set(&o, "suffix", &JsValue::from_str(&s.suffix));
    o
}

/// A selector from its object (missing fields empty or zero).
fn selector_rs(v: &JsValue) -> Selector {
    let string = |k: &'static str| get(v, k).as_string().unwrap_or_default();
    let number = |k: &'static str| {
        get(v, k)
            .as_f64()
            .filter(|n| *n >= 0.0 && n.is_finite())
            .map(|n| n as usize)
    };
    let (start, end) = (number("start").unwrap_or(0), number("end").unwrap_or(0));
    Selector {
        text: string("text"),
        index: number("index"),
        start,
        end: end.max(start),
        exact: string("exact"),
        prefix: string("prefix"),
        suffix: string("suffix"),
    }
}

fn place_js(p: &Place) -> JsValue {
    let method = match p.method {
        Method::Position => "position",
        Method::Exact => "exact",
        Method::Fuzzy => "fuzzy",
    };
    object(&[
        ("text", JsValue::from_str(&p.text)),
        ("index", JsValue::from_f64(p.index as f64)),
        ("start", JsValue::from_f64(p.start as f64)),
        ("end", JsValue::from_f64(p.end as f64)),
        ("method", JsValue::from_str(method)),
        ("score", JsValue::from_f64(f64::from(p.score))),
    ])
}

fn orphan_name(why: Orphaned) -> &'static str {
    match why {
        Orphaned::NotFound => "not-found",
        Orphaned::Weak => "weak",
        Orphaned::Ambiguous => "ambiguous",
        Orphaned::Empty => "empty",
    }
}
