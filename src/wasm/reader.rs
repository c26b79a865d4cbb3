//! The reader bundle: what a server-rendered page needs in the browser.
//!
//! [`hydrate()`] attaches to an `<article class="rtl-article">` that
//! `renderToString` (or the CLI, or the edge) wrote, without writing any
//! HTML. What it needs it takes from that markup: `lang` and `dir` from the
//! article element, headline, section, byline and dates from the header,
//! the id and url from the JSON-LD block, the blocks from their
//! `data-block` hooks. [`locate()`] and [`position()`] map between DOM
//! positions and text offsets through the `data-text` containers (see
//! [`crate::render`]), in code points, the unit of W3C selectors.
//!
//! The live layer itself — entity cards, editorial notes' highlights,
//! reader highlights with notes, the notes panel — is `www/layer.js`, over
//! [`super::anchors`] (anchoring in the page) and [`super::store`]
//! (`localStorage`).
//!
//! Nothing here imports, renders or recognizes: those live in the full
//! bundle, so a reader of a server-rendered article downloads only this.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use super::js::{get, set};
use super::texts;
use super::{js_error, js_kind, OPTION_NAMES};
use crate::error::Error;

/// The live layer's option names (`www/layer.js`), accepted with the
/// render options (which the reader ignores: the markup was rendered with
/// them).
pub(crate) const READER_OPTIONS: &[&str] = &["storage", "highlights", "cards", "user", "previousIds"];

/// Attach to server-rendered markup (an `<article class="rtl-article">`
/// inside `element`, or in its shadow root, or `element` itself) without
/// re-rendering it: no HTML is written, so nothing moves. The handle's
/// `meta` is read from the markup and its JSON-LD; `article` is the
/// article element, for the live layer.
#[wasm_bindgen]
pub fn hydrate(element: Element, options: JsValue) -> Result<Hydrated, JsError> {
    check_reader_options(&options).map_err(js_error)?;
    let Some(article) = find_article(&element) else {
        return Err(JsError::new(
            "hydrate: no <article class=\"rtl-article\"> inside the element; server-render it with renderToString",
        ));
    };
    Ok(Hydrated {
        host: element,
        meta: read_meta(&article),
        article,
    })
}

/// A hydrated article: its metadata and elements. The markup stays on the
/// page when it is unmounted or freed.
#[wasm_bindgen]
pub struct Hydrated {
    host: Element,
    meta: Object,
    article: Element,
}

#[wasm_bindgen]
impl Hydrated {
    /// What the article is: `{id, headline, lang, dir, published, updated,
    /// section, byline, url, blocks, annotations, warnings}`, read from the
    /// markup.
    #[wasm_bindgen(getter)]
    pub fn meta(&self) -> JsValue {
        self.meta.clone().into()
    }

    /// The element the article was hydrated in.
    #[wasm_bindgen(getter)]
    pub fn host(&self) -> Element {
        self.host.clone()
    }

    /// The `<article class="rtl-article">` element.
    #[wasm_bindgen(getter)]
    pub fn article(&self) -> Element {
        self.article.clone()
    }

    /// Let go of the handle; the markup stays.
    pub fn unmount(self) {}
}

/// Where a DOM position falls in the article's texts: `{text, offset}`
/// with `text` the [`TextId`](crate::model::TextId) of the `data-text`
/// container around it and `offset` in Unicode code points from the
/// container's start; `null` when the position is outside every container
/// (labels, dates the renderer wrote, markup around the article).
/// `offset` counts UTF-16 units in a text node, children in an element,
/// as DOM ranges do.
#[wasm_bindgen]
pub fn locate(node: &Node, offset: u32) -> JsValue {
    let Some((_, id, at)) = texts::locate(node, offset) else {
        return JsValue::NULL;
    };
    let out = Object::new();
    set(&out, "text", &JsValue::from_str(&id));
    set(&out, "offset", &JsValue::from_f64(at as f64));
    out.into()
}

/// The DOM position of code point `offset` of text `text` under `root`:
/// `{node, offset}` with `node` a text node and `offset` in its UTF-16
/// units (what `Range.setStart` takes); `null` when the text is not there
/// or is shorter. The end of the text is a valid position.
#[wasm_bindgen]
pub fn position(root: &Node, text: &str, offset: u32) -> JsValue {
    let Some(container) = find_container(root, text) else {
        return JsValue::NULL;
    };
    match texts::point(&container, offset as usize, true) {
        Some((node, at)) => {
            let out = Object::new();
            set(&out, "node", &node);
            set(&out, "offset", &JsValue::from_f64(f64::from(at)));
            out.into()
        }
        None => JsValue::NULL,
    }
}

/// The container of text `id` under `root` (compared, not put in a
/// selector: ids come from callers).
fn find_container(root: &Node, id: &str) -> Option<Element> {
    let list = match root.dyn_ref::<Element>() {
        Some(e) => e.query_selector_all("[data-text]").ok()?,
        None => root
            .dyn_ref::<web_sys::DocumentFragment>()?
            .query_selector_all("[data-text]")
            .ok()?,
    };
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|e| e.get_attribute("data-text").as_deref() == Some(id))
}

/// The article element: `element` itself, inside it, or in its shadow root.
fn find_article(element: &Element) -> Option<Element> {
    const SELECTOR: &str = "article.rtl-article";
    if element.matches(SELECTOR).unwrap_or(false) {
        return Some(element.clone());
    }
    element.query_selector(SELECTOR).ok().flatten().or_else(|| {
        element
            .shadow_root()
            .and_then(|root| root.query_selector(SELECTOR).ok().flatten())
    })
}

/// The ready event's detail, from the markup: the article element's
/// `lang`/`dir`, the header's texts and `<time>`s, the body's blocks and
/// annotation elements, and the JSON-LD's id and url.
fn read_meta(article: &Element) -> Object {
    let meta = Object::new();
    let text_of = |selector: &str| -> JsValue {
        article
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.text_content())
            .map_or(JsValue::NULL, |t| JsValue::from_str(&t))
    };
    let attr_of = |selector: &str, name: &str| -> JsValue {
        article
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute(name))
            .map_or(JsValue::NULL, |t| JsValue::from_str(&t))
    };
    let count = |selector: &str| -> JsValue {
        let n = article.query_selector_all(selector).map_or(0, |l| l.length());
        JsValue::from_f64(f64::from(n))
    };
    let ld = json_ld(article);
    let ld_string = |key: &str| -> JsValue {
        ld.as_ref()
            .and_then(|v| Reflect::get(v, &JsValue::from_str(key)).ok())
            .filter(JsValue::is_string)
            .unwrap_or(JsValue::NULL)
    };
    let lang = article.get_attribute("lang").unwrap_or_default();
    let dir = article.get_attribute("dir").unwrap_or_default();
    set(&meta, "id", &ld_string("identifier"));
    set(&meta, "headline", &text_of("header h1"));
    set(&meta, "lang", &JsValue::from_str(&lang));
    set(&meta, "dir", &JsValue::from_str(&dir));
    set(&meta, "published", &ld_string("datePublished"));
    set(&meta, "updated", &ld_string("dateModified"));
    set(&meta, "section", &text_of("header .section"));
    set(&meta, "byline", &text_of("header .byline"));
    set(&meta, "url", &ld_string("url"));
    set(&meta, "blocks", &count(".article-body > [data-block]"));
    set(
        &meta,
        "annotations",
        &count(
            "[data-text] .mention, [data-text] .suggestion, [data-text] .quote, [data-text] .date, \
             [data-text] time, [data-text] data",
        ),
    );
    set(&meta, "warnings", &js_sys::Array::new());
    if meta_is_empty(&meta, "published") {
        set(&meta, "published", &attr_of("header time", "datetime"));
    }
    meta
}

fn meta_is_empty(meta: &Object, key: &str) -> bool {
    Reflect::get(meta, &JsValue::from_str(key)).map_or(true, |v| v.is_null())
}

/// The article's JSON-LD `NewsArticle`: the first readable script that is
/// not the notes' `AnnotationCollection`.
fn json_ld(article: &Element) -> Option<JsValue> {
    let list = article
        .query_selector_all(r#"script[type="application/ld+json"]"#)
        .ok()?;
    (0..list.length())
        .filter_map(|i| list.get(i))
        .filter_map(|n| n.text_content())
        .filter_map(|t| js_sys::JSON::parse(&t).ok())
        .find(|v| v.is_object() && get(v, "type").as_string().as_deref() != Some("AnnotationCollection"))
}

/// The options object of [`hydrate()`]: `undefined`, `null` or an object
/// whose keys are options of the library.
fn check_reader_options(options: &JsValue) -> Result<(), Error> {
    if options.is_undefined() || options.is_null() {
        return Ok(());
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(Error::invalid(
            "options",
            format!("expected an object, found {}", js_kind(options)),
        ));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_NAMES.contains(&key.as_str()) && !READER_OPTIONS.contains(&key.as_str()) {
            return Err(Error::invalid(
                format!("options.{key}"),
                format!(
                    "unknown option; the options are {}, {}",
                    OPTION_NAMES.join(", "),
                    READER_OPTIONS.join(", ")
                ),
            ));
        }
    }
    Ok(())
}
