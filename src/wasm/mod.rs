//! The WebAssembly API: what JavaScript calls, and the only module that
//! touches the DOM. One crate builds two bundles, chosen by cargo feature:
//!
//! - **reader** ([`reader`], feature `reader`): what the live layer
//!   (`www/layer.js`: entity cards, editorial notes, highlights, the panel)
//!   needs of the core. `hydrate` attaches to the markup `renderToString`
//!   wrote — reading its metadata from the article's attributes and
//!   JSON-LD, never re-importing it; `locate`/`position` map DOM positions
//!   to text offsets and back; [`anchors`] describes, resolves and
//!   re-anchors W3C selectors over the article's texts; [`store`] keeps the
//!   reader's highlights in `localStorage`. No importers, renderer or
//!   recognizers: the bundle stays small (BENCHMARKS.md).
//! - **full** (`full`, feature `full`, which includes `reader`): render,
//!   annotate, import, the `Catalog` class, `mount` and `enhance`, for pages
//!   that render in the browser, and for Node and the edge. `mount` writes
//!   markup and nothing else; the shell attaches the same live layer a
//!   hydrated article gets, so the interactive code has one home and a page
//!   that renders loads one module, not two.
//!
//! Every error becomes a JS `Error` with the same message; nothing a caller
//! passes panics — the release build aborts on panic, which would kill the
//! module for every article on the page.

// wasm-bindgen's macros expand to `unsafe` glue code (ABI conversions);
// this module itself writes no unsafe code.
#![allow(unsafe_code)]

#[cfg(feature = "reader")]
pub mod anchors;
#[cfg(feature = "full")]
mod dom;
#[cfg(feature = "full")]
pub mod full;
#[cfg(feature = "reader")]
mod js;
#[cfg(feature = "full")]
mod options;
#[cfg(feature = "reader")]
pub mod reader;
#[cfg(feature = "reader")]
pub mod store;
#[cfg(feature = "reader")]
mod texts;

#[cfg(feature = "reader")]
pub use anchors::*;
#[cfg(feature = "full")]
pub use full::*;
#[cfg(feature = "reader")]
pub use reader::*;
#[cfg(feature = "reader")]
pub use store::*;

// The allocator: talc instead of the default dlmalloc, ~3 KB gzip smaller
// (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use wasm_bindgen::prelude::*;

use crate::error::Error;

/// Option names every entry point knows. The reader ignores the rendering
/// ones (the markup was rendered with them) but refuses names it does not
/// know, as the full bundle does: a misspelt option is a mistake to report.
pub(crate) const OPTION_NAMES: &[&str] = &[
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
    "links",
    "notes",
];

/// What a JS value is, for "found …" in messages.
pub(crate) fn js_kind(value: &JsValue) -> String {
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
#[cfg(feature = "full")]
pub(crate) fn js_message(value: &JsValue) -> String {
    use wasm_bindgen::JsCast;
    value
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown JavaScript error".to_string())
}

/// Our error as a JS `Error` with the same message.
pub(crate) fn js_error(err: Error) -> JsError {
    JsError::new(err.message())
}
