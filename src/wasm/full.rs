//! The full bundle: render, annotate and import in the browser (and in
//! Node and at the edge, which load this bundle), the `Catalog` class, and
//! `mount`/`enhance` for articles rendered in the page.
//!
//! Every call goes through the pipeline ([`crate::Builder`]) with the
//! options read by [`super::options`], so the HTML is byte for byte what
//! the CLI writes. Each render crosses the boundary once: Rust builds the
//! whole HTML string and hands it to a `write(target, html)` callback,
//! which the JS shell implements with its Trusted Types policy (the string
//! is escaped by construction, so the policy passes it through). Without a
//! callback the HTML is assigned to `innerHTML` directly, which pages
//! enforcing Trusted Types refuse — with a JS error, not a crash.
//!
//! Articles arrive as a JS object (read through `JSON.stringify`, so error
//! paths are those of the JSON importer: `body[3].text: …`) or as a string
//! (JSON text, or scraped text with `{from: "text"}`). A compiled catalog
//! comes as its own argument (the shell passes `catalog.share()`, a handle
//! to the same automaton), so it is compiled once and never copied.

use std::cell::OnceCell;
use std::sync::Arc;

use js_sys::{Function, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node};

use super::options::read_options;
use super::{js_error, js_kind, js_message};
use crate::annotate::catalog::Catalog;
use crate::error::Error;
use crate::ingest::{Imported, Limits};
use crate::model::Article;
use crate::{Builder, Format, Output};

/// Render an article to an HTML fragment (one `<article>` element).
///
/// `article` is an article object in the documented JSON format, or its JSON
/// text, or — with `{from: "text"}` — text scraped from a news page.
/// `options` (may be `undefined`): `quotes` (`"keep"`, `"guillemets"`),
/// `digits` (`"keep"`, `"western"`, `"arabic-indic"`), `latinLang`,
/// `rtlLang`, `lang`, `dir`, `jsonld`, `links` (`"first"`, `"every"`),
/// `annotate`, `catalog` (its JSON), `published`, `gazetteer`, `from`.
/// `catalog` is a compiled catalog (`catalog.share()`), used instead of
/// the option. Unknown options and wrong types are errors naming the
/// option (`options.quotes: expected "keep" or "guillemets", …`).
#[wasm_bindgen]
pub fn render(article: JsValue, options: JsValue, catalog: Option<JsCatalog>) -> Result<String, JsError> {
    run(&article, &options, catalog, false).map(|out| out.html)
}

/// Render an article as a complete HTML page (doctype, `<head>` with the
/// stylesheet inlined): what a server sends when the article is the page.
/// Takes the same arguments as [`render()`].
#[wasm_bindgen(js_name = renderPage)]
pub fn render_page(article: JsValue, options: JsValue, catalog: Option<JsCatalog>) -> Result<String, JsError> {
    run(&article, &options, catalog, true).map(|out| out.html)
}

/// [`render()`] with the HTML as UTF-16 code units, for the server module
/// only (`www/server.js` decodes it with `TextDecoder("utf-16le")`). Node
/// decodes a string's UTF-8 from wasm memory slowly when it is not ASCII
/// (Node 20: 7.7 µs for the seed's 4.2 KB, where its UTF-16 decodes in
/// 0.4 µs); encoding it here costs less than that. Chromium decodes both
/// alike, so the browser bundles leave this out.
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = renderUtf16)]
pub fn render_utf16(article: JsValue, options: JsValue, catalog: Option<JsCatalog>) -> Result<Vec<u16>, JsError> {
    run(&article, &options, catalog, false).map(|out| out.html.encode_utf16().collect())
}

/// [`render_page()`] with the HTML as UTF-16 code units (see
/// [`render_utf16()`]).
#[cfg(feature = "server")]
#[wasm_bindgen(js_name = renderPageUtf16)]
pub fn render_page_utf16(article: JsValue, options: JsValue, catalog: Option<JsCatalog>) -> Result<Vec<u16>, JsError> {
    run(&article, &options, catalog, true).map(|out| out.html.encode_utf16().collect())
}

/// Import an article without rendering it: `{article, warnings, texts}`,
/// the article in the documented JSON format (what `rtl-article import`
/// prints) and every text with its id (what `data-text` and annotation
/// targets name) and JSON path: `[{id, path, text}]`. Takes the same
/// arguments as [`render()`]; `lang`/`dir` options apply.
#[wasm_bindgen(js_name = importArticle)]
pub fn import_article(article: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let builder = read_options(&options, None).map_err(js_error)?;
    let imported = import(&article, &builder).map_err(js_error)?;
    #[derive(Serialize)]
    struct TextOut<'a> {
        id: String,
        path: String,
        text: &'a str,
    }
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a Article,
        warnings: &'a [String],
        texts: Vec<TextOut<'a>>,
    }
    let texts = imported
        .article
        .texts()
        .into_iter()
        .map(|t| TextOut {
            id: t.id.to_string(),
            path: t.path,
            text: &t.text.text,
        })
        .collect();
    to_js(&Out {
        article: &imported.article,
        warnings: &imported.warnings,
        texts,
    })
    .map_err(js_error)
}

/// Annotate an article: the W3C Web Annotation JSON array the CLI's
/// `annotate` prints (mentions, dates, numbers, quotations, suggestions),
/// with `TextQuoteSelector` and `TextPositionSelector` per text. Takes the
/// same arguments as [`render()`]; annotation is implied.
#[wasm_bindgen]
pub fn annotate(article: JsValue, options: JsValue, catalog: Option<JsCatalog>) -> Result<JsValue, JsError> {
    let builder = read_options(&options, catalog).map_err(js_error)?.annotate(true);
    let imported = import(&article, &builder).map_err(js_error)?;
    let out = builder.annotate_imported(imported).map_err(js_error)?;
    to_js(&crate::annotate::w3c::to_w3c(&out.article, &out.annotations)).map_err(js_error)
}

/// A compiled topic catalog: the publisher's entities (an array, or
/// `{entities: [...]}`, or its JSON text) as a matching automaton over
/// folded Arabic text. Compile once, match many texts; `toBytes()` gives
/// the compact binary form and `Catalog.fromBytes()` loads it back.
#[wasm_bindgen(js_name = Catalog)]
pub struct JsCatalog(Arc<Catalog>);

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
        Catalog::from_json(&crate::ingest::json::well_formed(&json))
            .map(|c| JsCatalog(Arc::new(c)))
            .map_err(js_error)
    }

    /// Load a catalog from [`toBytes`](JsCatalog::to_bytes) output: a
    /// `Uint8Array` (anything else is refused before it is copied: the glue
    /// of a `&[u8]` parameter would convert a string character by character).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(bytes: JsValue) -> Result<JsCatalog, JsError> {
        let Some(bytes) = bytes.dyn_ref::<js_sys::Uint8Array>() else {
            return Err(js_error(Error::invalid(
                "bytes",
                format_args!(
                    "expected a Uint8Array (Catalog.toBytes output), found {}",
                    js_kind(&bytes)
                ),
            )));
        };
        Catalog::from_byte_vec(bytes.to_vec())
            .map(|c| JsCatalog(Arc::new(c)))
            .map_err(js_error)
    }

    /// The compact binary form.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.to_bytes()
    }

    /// A second handle to the same compiled catalog (nothing is copied):
    /// what the JS shell passes into `render`, `mount` and `update`, which
    /// take ownership of the handle they are given.
    pub fn share(&self) -> JsCatalog {
        JsCatalog(Arc::clone(&self.0))
    }

    /// Number of entities.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.0.len()
    }

    /// Mentions in `text`: `[{id, start, end, text}]` with UTF-16 offsets
    /// (what `String.prototype.slice` takes), clitics outside the range.
    pub fn find(&self, text: JsValue) -> Result<JsValue, JsError> {
        let text = &text_within(&text)?;
        #[derive(Serialize)]
        struct Hit<'a> {
            id: &'a str,
            start: usize,
            end: usize,
            text: &'a str,
        }
        let found = self.0.find(text);
        let mut offsets = crate::text::offsets::Offsets::new(text);
        let mut hits = Vec::with_capacity(found.len());
        for f in &found {
            let crate::annotate::AnnotationKind::Mention { id, .. } = &f.kind else {
                continue;
            };
            hits.push(Hit {
                id,
                start: offsets.byte(f.start).utf16,
                end: offsets.byte(f.end).utf16,
                text: text.get(f.start..f.end).unwrap_or_default(),
            });
        }
        to_js(&hits).map_err(js_error)
    }

    /// How many mentions `text` has (what `find` returns, without building
    /// the objects): for benchmarks and quick checks.
    #[wasm_bindgen(js_name = matchCount)]
    pub fn match_count(&self, text: JsValue) -> Result<usize, JsError> {
        Ok(self.0.count(&text_within(&text)?))
    }
}

/// Every approximate match of `pattern` in `text` with at most
/// `maxErrors` edits, as flat `[start, end, errors, …]` triples in code
/// points ([`crate::anchor::approximate_matches`]): the anchoring's
/// bit-parallel search, for benchmarks against `approx-string-match`.
#[cfg(feature = "bench-exports")]
#[wasm_bindgen(js_name = approximateMatches)]
pub fn approximate_matches(text: &str, pattern: &str, max_errors: u32) -> Vec<u32> {
    crate::anchor::approximate_matches(text, pattern, max_errors as usize)
        .into_iter()
        .flat_map(|(s, e, k)| [s as u32, e as u32, k as u32])
        .collect()
}

/// A text held in wasm memory for [`ApproxText::matches`]: the same search
/// as [`approximate_matches`] without passing the text in on every call —
/// as the resolver searches the texts an `Anchors` holds. Benchmarks only.
#[cfg(feature = "bench-exports")]
#[wasm_bindgen(js_name = ApproxText)]
pub struct ApproxText(String);

#[cfg(feature = "bench-exports")]
#[wasm_bindgen(js_class = ApproxText)]
impl ApproxText {
    /// Hold `text`.
    #[wasm_bindgen(constructor)]
    pub fn new(text: String) -> ApproxText {
        ApproxText(text)
    }

    /// [`approximate_matches`] over the held text.
    pub fn matches(&self, pattern: &str, max_errors: u32) -> Vec<u32> {
        approximate_matches(&self.0, pattern, max_errors)
    }
}

/// Render `article` into `element` — into its shadow root when it has one
/// (the JS shell attaches it and adopts the stylesheet first), else its
/// children — and return the [`Mount`].
///
/// `write(target, html)` sets the HTML (the JS shell passes one that goes
/// through its Trusted Types policy); `undefined` assigns `innerHTML`. The
/// shell attaches the live layer (`www/layer.js`) to what was rendered.
#[wasm_bindgen]
pub fn mount(
    element: Element,
    article: JsValue,
    options: JsValue,
    write: Option<Function>,
    catalog: Option<JsCatalog>,
) -> Result<Mount, JsError> {
    let builder = read_options(&options, catalog).map_err(js_error)?;
    let imported = import(&article, &builder).map_err(js_error)?;
    Mount::rendered(element, write, builder, imported).map_err(js_error)
}

/// Read the publisher's article markup already inside `element` through the
/// DOM (the same allowlist as the native HTML importer: scripts, ads, share
/// bars and attributes never survive), render it into `element`'s shadow
/// root (or in place of that markup when it has none), and return the
/// [`Mount`]. `options`, `write` and `catalog` are as for [`mount()`];
/// `from` is not accepted here.
#[wasm_bindgen]
pub fn enhance(
    element: Element,
    options: JsValue,
    write: Option<Function>,
    catalog: Option<JsCatalog>,
) -> Result<Mount, JsError> {
    let builder = read_options(&options, catalog).map_err(js_error)?;
    if builder_reads_text(&options) {
        return Err(js_error(Error::invalid(
            "options.from",
            "enhance reads the element's markup; `from` does not apply",
        )));
    }
    let imported = crate::ingest::markup::import(&Node::from(element.clone()), &Limits::default()).map_err(js_error)?;
    Mount::rendered(element, write, builder, imported).map_err(js_error)
}

/// A mounted article: it re-renders on [`update`](Mount::update), and
/// `unmount` removes what it rendered; nothing is leaked per mount.
#[wasm_bindgen]
pub struct Mount {
    target: Node,
    write: Option<Function>,
    builder: Builder,
    meta: Meta,
    /// `meta` as a JS object, made when first read (a mount whose metadata
    /// nobody reads never builds it).
    js_meta: OnceCell<JsValue>,
}

#[wasm_bindgen]
impl Mount {
    /// Render `article` in place of the current one. `options` replaces the
    /// mount's options when given (`undefined` keeps them, and its catalog);
    /// `catalog` replaces the catalog. On error the current rendering stays
    /// and nothing changes.
    pub fn update(&mut self, article: JsValue, options: JsValue, catalog: Option<JsCatalog>) -> Result<(), JsError> {
        let builder = if options.is_undefined() {
            match catalog {
                Some(c) => self.builder.clone().catalog(c.0),
                None => self.builder.clone(),
            }
        } else {
            read_options(&options, catalog).map_err(js_error)?
        };
        let imported = import(&article, &builder).map_err(js_error)?;
        let out = builder.run_imported(imported).map_err(js_error)?;
        write_html(&self.write, &self.target, &out.html).map_err(js_error)?;
        self.meta = Meta::of(out);
        self.js_meta = OnceCell::new();
        self.builder = builder;
        Ok(())
    }

    /// What the article is (the `rtl-article:ready` event's detail):
    /// `{id, headline, lang, dir, published, updated, section, byline, url,
    /// blocks, annotations, warnings}` — the same object until the next
    /// update.
    #[wasm_bindgen(getter)]
    pub fn meta(&self) -> Result<JsValue, JsError> {
        if let Some(meta) = self.js_meta.get() {
            return Ok(meta.clone());
        }
        let meta = to_js(&self.meta).map_err(js_error)?;
        Ok(self.js_meta.get_or_init(|| meta).clone())
    }

    /// Remove the rendered article; the handle is freed and cannot be used
    /// again.
    pub fn unmount(self) -> Result<(), JsError> {
        write_html(&self.write, &self.target, "").map_err(js_error)
    }
}

impl Mount {
    /// Renders into `host`'s shadow root when it has one, else its children.
    fn rendered(host: Element, write: Option<Function>, builder: Builder, imported: Imported) -> Result<Mount, Error> {
        let target: Node = host.shadow_root().map_or_else(|| host.clone().into(), Into::into);
        let out = builder.run_imported(imported)?;
        write_html(&write, &target, &out.html)?;
        Ok(Mount {
            target,
            write,
            builder,
            meta: Meta::of(out),
            js_meta: OnceCell::new(),
        })
    }
}

/// The ready event's detail: the article's metadata, not its text. Kept in
/// Rust, and crossing the boundary only when `meta` is read.
#[derive(Serialize)]
struct Meta {
    id: Option<String>,
    headline: String,
    lang: String,
    dir: &'static str,
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
    fn of(out: Output) -> Meta {
        let a = out.article;
        Meta {
            published: a.published.as_ref().map(|t| t.as_str().to_string()),
            updated: a.updated.as_ref().map(|t| t.as_str().to_string()),
            blocks: a.body.len(),
            dir: a.dir.as_str(),
            id: a.id,
            headline: a.headline.text,
            lang: a.lang,
            section: a.section,
            byline: a.byline,
            url: a.url,
            annotations: out.annotations.len(),
            warnings: out.warnings,
        }
    }
}

/// Import, annotate and render with `builder` (the whole-page form when `page`).
fn run(article: &JsValue, options: &JsValue, catalog: Option<JsCatalog>, page: bool) -> Result<Output, JsError> {
    let builder = read_options(options, catalog).map_err(js_error)?.page(page);
    let imported = import(article, &builder).map_err(js_error)?;
    builder.run_imported(imported).map_err(js_error)
}

/// Whether `options.from` asks for scraped text (a string check, for
/// [`enhance()`], which refuses `from`).
fn builder_reads_text(options: &JsValue) -> bool {
    options.is_object() && Reflect::has(options, &JsValue::from_str("from")).unwrap_or(false)
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

/// Import `article` (a JS value) with the importer the builder's format
/// selects (the overrides are applied when the builder runs).
fn import(article: &JsValue, builder: &Builder) -> Result<Imported, Error> {
    let format = builder.input_format();
    let limit = builder.input_limits().max_input_bytes;
    // Refused before it is copied into wasm memory: UTF-8 has at least one
    // byte per UTF-16 code unit, so a string longer than the limit in code
    // units is over it in bytes too (a 50 MB string is refused at once).
    within(article, limit, "article")?;
    let text = match article.as_string() {
        // `as_string` re-encodes the JS string as UTF-8, lone surrogates
        // becoming U+FFFD; the JSON importer repairs escaped ones.
        Some(text) => text,
        None if format == Format::Text => {
            return Err(Error::invalid(
                "article",
                format_args!(
                    "options.from is \"text\", so the article must be a string, found {}",
                    js_kind(article)
                ),
            ))
        }
        None => {
            let json = stringify_js(article, "article", "an article object or its JSON text")?;
            within(&json, limit, "article")?;
            json.as_string().ok_or_else(|| {
                Error::invalid(
                    "article",
                    format_args!(
                        "expected an article object or its JSON text, found {}",
                        js_kind(article)
                    ),
                )
            })?
        }
    };
    builder.import(&text)
}

/// Refuse a JS string longer than `limit` UTF-16 code units (so more than
/// `limit` bytes of UTF-8) without copying it; anything else passes.
fn within(value: &JsValue, limit: usize, path: &str) -> Result<(), Error> {
    let units = value.dyn_ref::<js_sys::JsString>().map_or(0, |s| s.length() as usize);
    if units > limit {
        return Err(Error::too_large(
            path,
            format_args!("is at least {units} bytes ({units} UTF-16 code units); the limit is {limit} bytes (Limits::max_input_bytes)"),
        ));
    }
    Ok(())
}

/// A text to search: a JS string of at most
/// [`Limits::max_input_bytes`](crate::ingest::Limits), refused before it is
/// copied into wasm memory when it is longer.
fn text_within(text: &JsValue) -> Result<String, JsError> {
    within(text, crate::ingest::Limits::default().max_input_bytes, "text").map_err(js_error)?;
    text.as_string().ok_or_else(|| {
        js_error(Error::invalid(
            "text",
            format_args!("expected a string, found {}", js_kind(text)),
        ))
    })
}

/// [`stringify`] as a JS string, not yet copied into wasm memory.
fn stringify_js(value: &JsValue, path: &str, expected: &str) -> Result<JsValue, Error> {
    if !value.is_object() {
        return Err(Error::invalid(
            path,
            format_args!("expected {expected}, found {}", js_kind(value)),
        ));
    }
    JSON::stringify(value)
        .map(JsValue::from)
        .map_err(|e| Error::invalid(path, format_args!("cannot be read as JSON: {}", js_message(&e))))
}

/// `JSON.stringify(value)` for an object; anything else (or an object JSON
/// cannot represent: cycles, BigInt) is an error at `path`.
pub(super) fn stringify(value: &JsValue, path: &str, expected: &str) -> Result<String, Error> {
    stringify_js(value, path, expected)?
        .as_string()
        .ok_or_else(|| Error::invalid(path, format_args!("expected {expected}, found {}", js_kind(value))))
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

impl From<JsCatalog> for Arc<Catalog> {
    fn from(c: JsCatalog) -> Arc<Catalog> {
        c.0
    }
}
