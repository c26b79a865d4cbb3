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
//! Nothing here imports, renders or recognizes: those live in the full
//! bundle, so a reader of a server-rendered article downloads only this.

use gloo::events::{EventListener, EventListenerOptions};
use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, Event, EventTarget, Node};

use super::{js_error, js_kind, OPTION_NAMES};
use crate::error::Error;
use crate::text::offsets::Offsets;

/// Attach to server-rendered markup (an `<article class="rtl-article">`
/// inside `element`, or in its shadow root, or `element` itself) without
/// re-rendering it: no HTML is written, so nothing moves. Mention clicks
/// are re-dispatched from `element` as `rtl-article:mention` events. The
/// handle's `meta` is read from the markup and its JSON-LD.
#[wasm_bindgen]
pub fn hydrate(element: Element, options: JsValue) -> Result<Hydrated, JsError> {
    check_reader_options(&options).map_err(js_error)?;
    let Some(article) = find_article(&element) else {
        return Err(JsError::new(
            "hydrate: no <article class=\"rtl-article\"> inside the element; server-render it with renderToString",
        ));
    };
    let meta = read_meta(&article);
    let scope: Node = article.parent_node().unwrap_or_else(|| element.clone().into());
    let live = Live::attach(&element, &scope);
    Ok(Hydrated {
        host: element,
        meta,
        _live: live,
    })
}

/// Listen for mention clicks in the article rendered inside `element` (in
/// its shadow root when it has one), re-dispatched from `element`: the live
/// layer the shell adds to what the full bundle's `mount` and `enhance`
/// rendered. Drop the handle (`unmount`) with the article.
#[wasm_bindgen]
pub fn listen(element: Element) -> Listeners {
    let scope: Node = element.shadow_root().map_or_else(|| element.clone().into(), Into::into);
    Listeners {
        _live: Live::attach(&element, &scope),
    }
}

/// The live layer of an article rendered in the page.
#[wasm_bindgen]
pub struct Listeners {
    _live: Live,
}

#[wasm_bindgen]
impl Listeners {
    /// Remove the listeners; the handle is freed.
    pub fn unmount(self) {}
}

/// A hydrated article: it holds the event listeners, which go when it is
/// unmounted or freed. The markup stays on the page either way.
#[wasm_bindgen]
pub struct Hydrated {
    host: Element,
    meta: Object,
    _live: Live,
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

    /// Remove the listeners; the markup stays. The handle is freed.
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
    let Some(container) = container_of(node) else {
        return JsValue::NULL;
    };
    let Some(id) = container.get_attribute("data-text") else {
        return JsValue::NULL;
    };
    let Some(prefix) = text_before(&container, node, offset) else {
        return JsValue::NULL;
    };
    let out = Object::new();
    set(&out, "text", &JsValue::from_str(&id));
    set(&out, "offset", &JsValue::from_f64(prefix.chars().count() as f64));
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
    let mut left = offset as usize;
    let mut last: Option<(Node, usize)> = None;
    for node in text_nodes(&container) {
        let data = node.node_value().unwrap_or_default();
        let chars = data.chars().count();
        if left < chars {
            let utf16 = Offsets::new(&data).chars(left).utf16;
            return node_offset(&node, utf16);
        }
        left -= chars;
        last = Some((node, data.encode_utf16().count()));
    }
    match last {
        Some((node, len)) if left == 0 => node_offset(&node, len),
        _ => JsValue::NULL,
    }
}

fn node_offset(node: &Node, offset: usize) -> JsValue {
    let out = Object::new();
    set(&out, "node", node);
    set(&out, "offset", &JsValue::from_f64(offset as f64));
    out.into()
}

/// The text nodes under `root`, in document order (iterative: no depth
/// limit on the stack).
fn text_nodes(root: &Element) -> Vec<Node> {
    let mut out = Vec::new();
    let root: &Node = root.as_ref();
    let mut next = root.first_child();
    while let Some(node) = next {
        if node.node_type() == Node::TEXT_NODE {
            out.push(node.clone());
        }
        next = match node.first_child() {
            Some(child) => Some(child),
            None => {
                let mut up = Some(node);
                let mut found = None;
                while let Some(n) = up {
                    if n.is_same_node(Some(root)) {
                        break;
                    }
                    if let Some(sibling) = n.next_sibling() {
                        found = Some(sibling);
                        break;
                    }
                    up = n.parent_node();
                }
                found
            }
        };
    }
    out
}

/// The text of `container` before the DOM position `(node, offset)`.
fn text_before(container: &Element, node: &Node, offset: u32) -> Option<String> {
    let document = container.owner_document()?;
    let range = document.create_range().ok()?;
    range.set_start(container, 0).ok()?;
    range.set_end(node, offset).ok()?;
    range.to_string().as_string()
}

/// The `data-text` container around `node` (itself or an ancestor).
fn container_of(node: &Node) -> Option<Element> {
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    element.closest("[data-text]").ok().flatten()
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

/// The article's JSON-LD object, when it has a readable one.
fn json_ld(article: &Element) -> Option<JsValue> {
    let script = article
        .query_selector(r#"script[type="application/ld+json"]"#)
        .ok()
        .flatten()?;
    JSON::parse(&script.text_content()?).ok().filter(JsValue::is_object)
}

fn set(object: &Object, key: &str, value: &JsValue) {
    // Setting a property on a plain object we made cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
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
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(Error::invalid(
                format!("options.{key}"),
                format!("unknown option; the options are {}", OPTION_NAMES.join(", ")),
            ));
        }
    }
    Ok(())
}

/// The live part of an article on the page: its event listeners, removed
/// when this is dropped (with the handle that owns it). Shared by hydrated
/// and mounted articles.
pub(crate) struct Live {
    _listeners: Vec<EventListener>,
}

impl Live {
    /// Listen for clicks on mentions under `scope`, re-dispatched from `host`.
    pub(crate) fn attach(host: &Element, scope: &Node) -> Live {
        let host = host.clone();
        let inside = scope.clone();
        let click = EventListener::new_with_options(
            scope.unchecked_ref::<EventTarget>(),
            "click",
            // Not passive: a cancelled mention event cancels the click.
            EventListenerOptions::enable_prevent_default(),
            move |event: &Event| {
                let Some(mention) = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| el.closest(".mention[data-entity-id]").ok().flatten())
                    .filter(|m| inside.contains(Some(m)))
                else {
                    return;
                };
                if !dispatch_mention(&host, &mention) {
                    event.prevent_default();
                }
            },
        );
        Live {
            _listeners: vec![click],
        }
    }
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
        set(&detail, key, &value);
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
