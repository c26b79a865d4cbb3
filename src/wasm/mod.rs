//! The WebAssembly API: what JavaScript calls, and the only module that
//! touches the DOM. It owns the boundary — reading articles and options out
//! of JS values into the pure pipeline (`ingest` → `annotate` → `render`),
//! turning every [`Error`] into a JS `Error` with the same message, and the
//! live part of a mounted article: its event listeners, held in a [`Mount`]
//! handle and dropped with it.
//!
//! Each render crosses the boundary once: Rust builds the whole HTML string
//! and hands it to a `write(target, html)` callback, which the JS shell
//! implements with its Trusted Types policy (the string is escaped by
//! construction, so the policy passes it through). Without a callback the
//! HTML is assigned to `innerHTML` directly, which pages enforcing Trusted
//! Types refuse — with a JS error, not a crash.
//!
//! Articles arrive as a JS object (read through `JSON.stringify`, so error
//! paths are those of the JSON importer: `body[3].text: …`) or as a string
//! (JSON text, or scraped text with `{from: "text"}`). Nothing a caller
//! passes panics — the release build aborts on panic, which would kill the
//! module for every article on the page.

// wasm-bindgen's macros expand to `unsafe` glue code (ABI conversions);
// this module itself writes no unsafe code.
#![allow(unsafe_code)]

mod dom;
mod options;

// The allocator: talc instead of the default dlmalloc, ~3 KB gzip smaller
// (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use std::borrow::Cow;

use gloo::events::{EventListener, EventListenerOptions};
use js_sys::{Function, Object, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, Event, EventTarget, Node};

use crate::error::Error;
use crate::ingest::{self, Imported, Limits};
use crate::model::Article;
use crate::render;
use options::{Options, Source};

/// Render an article to an HTML fragment (one `<article>` element).
///
/// `article` is an article object in the documented JSON format, or its JSON
/// text, or — with `{from: "text"}` — text scraped from a news page.
/// `options` (may be `undefined`): `quotes` (`"keep"`, `"guillemets"`),
/// `digits` (`"keep"`, `"western"`, `"arabic-indic"`), `latinLang`,
/// `rtlLang`, `lang`, `dir`, `jsonld`, `annotate`, `catalog`, `published`,
/// `gazetteer`, `from`. Unknown options and wrong types are errors naming
/// the option (`options.quotes: expected "keep" or "guillemets", …`).
#[wasm_bindgen]
pub fn render(article: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(&options).map_err(js_error)?;
    let imported = import(&article, &options).map_err(js_error)?;
    Ok(html(&imported.article, &options).0)
}

/// Render an article as a complete HTML page (doctype, `<head>` with the
/// stylesheet inlined): what a server sends when the article is the page.
/// Takes the same arguments as [`render()`].
#[wasm_bindgen(js_name = renderPage)]
pub fn render_page(article: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(&options).map_err(js_error)?;
    let imported = import(&article, &options).map_err(js_error)?;
    let (render_options, _) = options.render_options(&imported.article);
    Ok(render::render_page(&imported.article, &render_options))
}

/// Import an article without rendering it: `{article, warnings}`, the
/// article in the documented JSON format (what `rtl-article import` prints).
/// Takes the same arguments as [`render()`]; `lang`/`dir` options apply.
#[wasm_bindgen(js_name = importArticle)]
pub fn import_article(article: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let options = read_options(&options).map_err(js_error)?;
    let imported = import(&article, &options).map_err(js_error)?;
    #[derive(Serialize)]
    struct Output<'a> {
        article: &'a Article,
        warnings: &'a [String],
    }
    to_js(&Output {
        article: &imported.article,
        warnings: &imported.warnings,
    })
    .map_err(js_error)
}

/// Annotate an article: the W3C Web Annotation JSON array the CLI's
/// `annotate` prints (mentions, dates, numbers, quotations, suggestions),
/// with `TextQuoteSelector` and `TextPositionSelector` per block. Takes the
/// same arguments as [`render()`]; `catalog`, `published` and `gazetteer`
/// apply, and annotation is implied.
#[wasm_bindgen]
pub fn annotate(article: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let mut options = read_options(&options).map_err(js_error)?;
    let imported = import(&article, &options).map_err(js_error)?;
    let annotator = options.annotator.take().unwrap_or_default();
    let found = annotator.annotate(&imported.article);
    to_js(&crate::annotate::w3c::to_w3c(&imported.article, &found)).map_err(js_error)
}

/// A compiled topic catalog: the publisher's entities (an array, or
/// `{entities: [...]}`, or its JSON text) as a matching automaton over
/// folded Arabic text. Compile once, match many texts; `toBytes()` gives
/// the compact binary form and `Catalog.fromBytes()` loads it back.
#[wasm_bindgen(js_name = Catalog)]
pub struct JsCatalog(crate::annotate::catalog::Catalog);

#[wasm_bindgen(js_class = Catalog)]
impl JsCatalog {
    /// Compile a catalog; errors name the entry (`entities[3].names: …`).
    #[wasm_bindgen(constructor)]
    pub fn new(entities: JsValue) -> Result<JsCatalog, JsError> {
        let json = match entities.as_string() {
            Some(json) => json,
            None => {
                stringify(&entities, "catalog", "an array of catalog entries or its JSON text").map_err(js_error)?
            }
        };
        crate::annotate::catalog::Catalog::from_json(&well_formed_json(&json))
            .map(JsCatalog)
            .map_err(js_error)
    }

    /// Load a catalog from [`toBytes`](JsCatalog::to_bytes) output.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: &[u8]) -> Result<JsCatalog, JsError> {
        crate::annotate::catalog::Catalog::from_bytes(bytes)
            .map(JsCatalog)
            .map_err(js_error)
    }

    /// The compact binary form.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes()
    }

    /// Number of entities.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.0.len()
    }

    /// Mentions in `text`: `[{id, start, end, text}]` with UTF-16 offsets
    /// (what `String.prototype.slice` takes), clitics outside the range.
    pub fn find(&self, text: &str) -> Result<JsValue, JsError> {
        #[derive(Serialize)]
        struct Hit<'a> {
            id: &'a str,
            start: usize,
            end: usize,
            text: &'a str,
        }
        let found = self.0.find(text);
        let mut hits = Vec::with_capacity(found.len());
        // Byte offsets to UTF-16 offsets, walking the text once.
        let (mut byte, mut unit) = (0, 0);
        let mut utf16 = |target: usize| {
            for ch in text.get(byte..target).unwrap_or_default().chars() {
                unit += ch.len_utf16();
            }
            byte = target.max(byte);
            unit
        };
        for f in &found {
            let crate::annotate::AnnotationKind::Mention { id, .. } = &f.kind else {
                continue;
            };
            let start = utf16(f.start);
            let end = utf16(f.end);
            hits.push(Hit {
                id,
                start,
                end,
                text: text.get(f.start..f.end).unwrap_or_default(),
            });
        }
        to_js(&hits).map_err(js_error)
    }

    /// How many mentions `text` has (what `find` returns, without building
    /// the objects): for benchmarks and quick checks.
    #[wasm_bindgen(js_name = matchCount)]
    pub fn match_count(&self, text: &str) -> usize {
        self.0.find(text).len()
    }
}

/// Render `article` into `element` — into its shadow root when it has one
/// (the JS shell attaches it and adopts the stylesheet first), else its
/// children — and return the live [`Mount`].
///
/// `write(target, html)` sets the HTML (the JS shell passes one that goes
/// through its Trusted Types policy); `undefined` assigns `innerHTML`.
/// Clicks on entity mentions are re-dispatched from `element` as
/// `rtl-article:mention` events (see [`Mount`]).
#[wasm_bindgen]
pub fn mount(element: Element, article: JsValue, options: JsValue, write: Option<Function>) -> Result<Mount, JsError> {
    let options = read_options(&options).map_err(js_error)?;
    let imported = import(&article, &options).map_err(js_error)?;
    Mount::rendered(element, write, options, &imported).map_err(js_error)
}

/// Read the publisher's article markup already inside `element` through the
/// DOM (the same allowlist as the native HTML importer: scripts, ads, share
/// bars and attributes never survive), render it into `element`'s shadow
/// root (or in place of that markup when it has none), and return the
/// [`Mount`]. `options` and `write` are as for [`mount()`]; `from` is not
/// accepted here.
#[wasm_bindgen]
pub fn enhance(element: Element, options: JsValue, write: Option<Function>) -> Result<Mount, JsError> {
    let options = read_options(&options).map_err(js_error)?;
    let imported = read_markup(&element, &options).map_err(js_error)?;
    Mount::rendered(element, write, options, &imported).map_err(js_error)
}

/// Attach to server-rendered markup (an `<article class="rtl-article">`, from
/// `renderToString` or the CLI) inside `element` without re-rendering it:
/// no HTML is written, so nothing moves; only the listeners are attached.
/// The handle's `meta` is read from that markup. A later `update` renders
/// into `element`, replacing its children; `unmount` leaves the markup.
#[wasm_bindgen]
pub fn hydrate(element: Element, options: JsValue, write: Option<Function>) -> Result<Mount, JsError> {
    let options = read_options(&options).map_err(js_error)?;
    let article = if element.matches("article.rtl-article").unwrap_or(false) {
        Some(element.clone())
    } else {
        element
            .query_selector("article.rtl-article")
            .ok()
            .flatten()
            .or_else(|| {
                element
                    .shadow_root()
                    .and_then(|root| root.query_selector("article.rtl-article").ok().flatten())
            })
    };
    let Some(article) = article else {
        return Err(JsError::new(
            "hydrate: no <article class=\"rtl-article\"> inside the element; server-render it with renderToString",
        ));
    };
    let meta = match crate::ingest::markup::import(&Node::from(article.clone()), &Limits::default()) {
        Ok(imported) => Meta::of(&imported, 0),
        // Unreadable markup still gets its listeners; the metadata is what
        // the attributes say.
        Err(_) => Meta {
            lang: article.get_attribute("lang").unwrap_or_default(),
            dir: article.get_attribute("dir").unwrap_or_default(),
            ..Meta::default()
        },
    };
    let target: Node = article.parent_node().unwrap_or_else(|| element.clone().into());
    let listeners = listen(&element, &target);
    Ok(Mount {
        host: element,
        target,
        write,
        options,
        meta,
        owns_markup: false,
        _listeners: listeners,
    })
}

/// A mounted (or hydrated) article: it re-renders on [`update`](Mount::update)
/// and holds the event listeners, which are removed when it is unmounted or
/// freed — nothing is leaked per mount.
///
/// While mounted, a click on an entity mention (`.mention[data-entity-id]`)
/// dispatches a bubbling, composed, cancelable `rtl-article:mention`
/// `CustomEvent` from the host element with `detail: {id, type, text,
/// href}`; cancelling it keeps a mention link from being followed (to show a
/// popover instead, say).
#[wasm_bindgen]
pub struct Mount {
    host: Element,
    target: Node,
    write: Option<Function>,
    options: Options,
    meta: Meta,
    /// False for hydrated markup, which `unmount` leaves in place.
    owns_markup: bool,
    _listeners: Vec<EventListener>,
}

#[wasm_bindgen]
impl Mount {
    /// Render `article` in place of the current one. `options` replaces the
    /// mount's options when given (`undefined` keeps them). On error the
    /// current rendering stays and nothing changes.
    pub fn update(&mut self, article: JsValue, options: JsValue) -> Result<(), JsError> {
        let options = if options.is_undefined() {
            self.options.clone()
        } else {
            read_options(&options).map_err(js_error)?
        };
        let imported = import(&article, &options).map_err(js_error)?;
        let (markup, annotations) = html(&imported.article, &options);
        if !self.owns_markup {
            // A hydrated mount now renders into the host element itself.
            self.target = self.host.clone().into();
            self.owns_markup = true;
        }
        write_html(&self.write, &self.target, &markup).map_err(js_error)?;
        self.meta = Meta::of(&imported, annotations);
        self.options = options;
        Ok(())
    }

    /// What the article is (the `rtl-article:ready` event's detail):
    /// `{id, headline, lang, dir, published, updated, section, byline, url,
    /// blocks, annotations, warnings}`.
    #[wasm_bindgen(getter)]
    pub fn meta(&self) -> Result<JsValue, JsError> {
        to_js(&self.meta).map_err(js_error)
    }

    /// Remove the listeners and, unless the markup was hydrated, the rendered
    /// article; the handle is freed and cannot be used again.
    pub fn unmount(self) -> Result<(), JsError> {
        if self.owns_markup {
            write_html(&self.write, &self.target, "").map_err(js_error)?;
        }
        Ok(())
    }
}

impl Mount {
    /// Renders into `host`'s shadow root when it has one, else its children.
    fn rendered(host: Element, write: Option<Function>, options: Options, imported: &Imported) -> Result<Mount, Error> {
        let target: Node = host.shadow_root().map_or_else(|| host.clone().into(), Into::into);
        let (markup, annotations) = html(&imported.article, &options);
        write_html(&write, &target, &markup)?;
        let listeners = listen(&host, &target);
        Ok(Mount {
            host,
            target,
            write,
            options,
            meta: Meta::of(imported, annotations),
            owns_markup: true,
            _listeners: listeners,
        })
    }
}

/// The ready event's detail: the article's metadata, not its text.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    id: Option<String>,
    headline: String,
    lang: String,
    dir: String,
    published: Option<String>,
    updated: Option<String>,
    section: Option<String>,
    byline: Option<String>,
    url: Option<String>,
    blocks: usize,
    annotations: usize,
    warnings: Vec<String>,
}

impl Meta {
    fn of(imported: &Imported, annotations: usize) -> Meta {
        let a = &imported.article;
        Meta {
            id: a.id.clone(),
            headline: a.headline.text.clone(),
            lang: a.lang.clone(),
            dir: a.dir.as_str().to_string(),
            published: a.published.clone(),
            updated: a.updated.clone(),
            section: a.section.clone(),
            byline: a.byline.clone(),
            url: a.url.clone(),
            blocks: a.body.len(),
            annotations,
            warnings: imported.warnings.clone(),
        }
    }
}

/// Listen for clicks on mentions under `target`, re-dispatched from `host`.
fn listen(host: &Element, target: &Node) -> Vec<EventListener> {
    let host = host.clone();
    let scope = target.clone();
    let click = EventListener::new_with_options(
        target.unchecked_ref::<EventTarget>(),
        "click",
        // Not passive: a cancelled mention event cancels the click.
        EventListenerOptions::enable_prevent_default(),
        move |event: &Event| {
            let Some(mention) = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest(".mention[data-entity-id]").ok().flatten())
                .filter(|m| scope.contains(Some(m)))
            else {
                return;
            };
            if !dispatch_mention(&host, &mention) {
                event.prevent_default();
            }
        },
    );
    vec![click]
}

/// Dispatch `rtl-article:mention` for `mention` from `host`; false when a
/// listener cancelled it.
fn dispatch_mention(host: &Element, mention: &Element) -> bool {
    let detail = Object::new();
    let fields = [
        ("id", mention.get_attribute("data-entity-id")),
        ("type", mention.get_attribute("data-entity-type")),
        ("text", mention.text_content()),
        ("href", mention.get_attribute("href")),
    ];
    for (key, value) in fields {
        let value = value.map_or(JsValue::NULL, |v| JsValue::from_str(&v));
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&detail, &JsValue::from_str(key), &value);
    }
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_cancelable(true);
    init.set_detail(&detail);
    match CustomEvent::new_with_event_init_dict("rtl-article:mention", &init) {
        Ok(event) => host.dispatch_event(&event).unwrap_or(true),
        Err(_) => true,
    }
}

/// Set `target`'s HTML: through `write` when given, else `innerHTML`.
/// Either may throw in JS (a Trusted Types refusal): that becomes an error.
fn write_html(write: &Option<Function>, target: &Node, markup: &str) -> Result<(), Error> {
    let markup = JsValue::from_str(markup);
    let result = match write {
        Some(write) => write.call2(&JsValue::NULL, target, &markup).map(drop),
        None => Reflect::set(target, &JsValue::from_str("innerHTML"), &markup).map(drop),
    };
    result.map_err(|e| Error::invalid("write", format_args!("setting the HTML failed: {}", js_message(&e))))
}

/// Render with the options' overlays; also the number of annotations.
fn html(article: &Article, options: &Options) -> (String, usize) {
    let (render_options, annotations) = options.render_options(article);
    (render::render(article, &render_options), annotations)
}

/// Import `article` (a JS value) with the importer `options.from` selects.
fn import(article: &JsValue, options: &Options) -> Result<Imported, Error> {
    let limits = Limits::default();
    let mut imported = if let Some(text) = article.as_string() {
        // `as_string` re-encodes the JS string as UTF-8, lone surrogates
        // becoming U+FFFD; escaped ones in JSON text are replaced below.
        match options.from {
            Source::Json => ingest::json::import_with(&well_formed_json(&text), &limits)?,
            Source::Text => ingest::text::import_with(&text, &limits)?,
        }
    } else {
        if options.from == Source::Text {
            return Err(Error::invalid(
                "article",
                format_args!(
                    "options.from is \"text\", so the article must be a string, found {}",
                    js_kind(article)
                ),
            ));
        }
        let json = stringify(article, "article", "an article object or its JSON text")?;
        ingest::json::import_with(&well_formed_json(&json), &limits)?
    };
    options.adjust(&mut imported.article);
    Ok(imported)
}

/// The article in `element`'s markup, for [`enhance()`].
fn read_markup(element: &Element, options: &Options) -> Result<Imported, Error> {
    if options.from != Source::Json {
        return Err(Error::invalid(
            "options.from",
            "enhance reads the element's markup; `from` does not apply",
        ));
    }
    let mut imported = crate::ingest::markup::import(&Node::from(element.clone()), &Limits::default())?;
    options.adjust(&mut imported.article);
    Ok(imported)
}

/// The options object, or every default for `undefined`/`null`.
fn read_options(value: &JsValue) -> Result<Options, Error> {
    if value.is_undefined() || value.is_null() {
        return Options::from_json(None);
    }
    let json = stringify(value, "options", "an object")?;
    Options::from_json(Some(&well_formed_json(&json)))
}

/// `JSON.stringify(value)` for an object; anything else (or an object JSON
/// cannot represent: cycles, BigInt) is an error at `path`.
fn stringify(value: &JsValue, path: &str, expected: &str) -> Result<String, Error> {
    if !value.is_object() {
        return Err(Error::invalid(
            path,
            format_args!("expected {expected}, found {}", js_kind(value)),
        ));
    }
    match JSON::stringify(value) {
        Ok(json) => json
            .as_string()
            .ok_or_else(|| Error::invalid(path, format_args!("expected {expected}, found {}", js_kind(value)))),
        Err(e) => Err(Error::invalid(
            path,
            format_args!("cannot be read as JSON: {}", js_message(&e)),
        )),
    }
}

/// What a JS value is, for "found …" in messages.
fn js_kind(value: &JsValue) -> String {
    if value.is_null() {
        return "null".to_string();
    }
    if js_sys::Array::is_array(value) {
        return "an array".to_string();
    }
    match value.js_typeof().as_string().as_deref() {
        Some("undefined") => "undefined".to_string(),
        Some("number") => "a number".to_string(),
        Some("boolean") => "a boolean".to_string(),
        Some("bigint") => "a BigInt".to_string(),
        Some("symbol") => "a symbol".to_string(),
        Some("function") => "a function".to_string(),
        Some("string") => "a string".to_string(),
        _ => "an object".to_string(),
    }
}

/// The message of a thrown JS value.
fn js_message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown JavaScript error".to_string())
}

/// JSON text with every unpaired surrogate escape (`\ud800` alone, which
/// `JSON.stringify` writes for a lone surrogate) replaced by `\ufffd`, so
/// broken UTF-16 reads as U+FFFD instead of failing the whole article.
fn well_formed_json(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let hex4 = |at: usize| -> Option<u32> {
        let digits = bytes.get(at..at + 4)?;
        let digits = std::str::from_utf8(digits).ok()?;
        u32::from_str_radix(digits, 16).ok()
    };
    let is_low = |unit: u32| (0xDC00..0xE000).contains(&unit);
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'\\') {
            i += 1;
            continue;
        }
        // Every escape is a backslash and one character; only \u has more.
        if bytes.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        let Some(unit) = hex4(i + 2) else {
            i += 2;
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&unit)
            && bytes.get(i + 6..i + 8) == Some(b"\\u".as_slice())
            && hex4(i + 8).is_some_and(is_low);
        if paired {
            i += 12;
            continue;
        }
        if (0xD800..0xE000).contains(&unit) {
            out.extend_from_slice(bytes.get(copied..i).unwrap_or_default());
            out.extend_from_slice(b"\\ufffd");
            copied = i + 6;
        }
        i += 6;
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    // Only ASCII escapes were replaced, so the text is still UTF-8.
    String::from_utf8(out).map_or(Cow::Borrowed(json), Cow::Owned)
}

/// A Rust value as a plain JS object (`None` as `null`, maps as objects).
/// serde-wasm-bindgen (a design requirement) builds the objects directly;
/// measured against `serde_json::to_string` + `JSON.parse`, it costs ~4 KB
/// gzip of wasm.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::invalid("output", e.to_string()))
}

/// Our error as a JS `Error` with the same message.
fn js_error(err: Error) -> JsError {
    JsError::new(err.message())
}
