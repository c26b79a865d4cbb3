//! The default store of a reader's highlights: `localStorage`, through
//! `gloo-storage`. One key per article and version —
//! `rtl-article:<article id>:<version>`, the version a hash of the
//! article's text — holding the W3C `AnnotationCollection` as JSON. The live
//! layer (`www/layer.js`) loads what every version of the article left,
//! re-anchors it, saves it under the current key, and only then removes
//! the older keys it read: nothing is dropped on the way, and a key it
//! could not read is left alone.
//!
//! A store that fails — blocked (sandboxed frames, privacy settings: the
//! `localStorage` getter throws), full (`QuotaExceededError`) — throws a JS
//! error with the reason; the layer reports it with an `rtl-article:error`
//! event and keeps the highlights on the page.

use gloo::storage::{LocalStorage, Storage as _};
use js_sys::Array;
use wasm_bindgen::prelude::*;

/// The text stored under every key of article `prefix`
/// (`rtl-article:<id>:`): `key`'s first, then the older versions', as
/// `[key, text]` pairs.
#[wasm_bindgen(js_name = localLoad)]
pub fn local_load(prefix: &str, key: &str) -> Result<Array, JsError> {
    let storage = local()?;
    let out = Array::new();
    for k in std::iter::once(key.to_string()).chain(older_keys(&storage, prefix, key)) {
        let text = storage
            .get_item(&k)
            .map_err(|e| JsError::new(&format!("localStorage cannot be read: {}", message(&e))))?;
        if let Some(text) = text {
            out.push(&Array::of2(&JsValue::from_str(&k), &JsValue::from_str(&text)));
        }
    }
    Ok(out)
}

/// Store `text` under `key`.
#[wasm_bindgen(js_name = localSave)]
pub fn local_save(key: &str, text: &str) -> Result<(), JsError> {
    local()?
        .set_item(key, text)
        .map_err(|e| JsError::new(&format!("localStorage is full or blocked: {}", message(&e))))
}

/// Remove `keys` (the older versions' keys, once their highlights are
/// saved under the current one).
#[wasm_bindgen(js_name = localRemove)]
pub fn local_remove(keys: JsValue) -> Result<(), JsValue> {
    // Keys of one article's versions and former ids: a handful.
    let keys = super::js::strings(&keys, "keys", 10_000)?;
    let storage = local()?;
    for key in keys {
        let _ = storage.remove_item(&key);
    }
    Ok(())
}

/// `localStorage`, checked before gloo's handle is taken (gloo throws when
/// the page may not use it).
fn local() -> Result<web_sys::Storage, JsError> {
    let available = web_sys::window()
        .and_then(|w| w.local_storage().ok())
        .flatten()
        .is_some();
    if !available {
        return Err(JsError::new("localStorage is not available on this page"));
    }
    Ok(LocalStorage::raw())
}

/// Keys under `prefix` other than `current`.
fn older_keys(storage: &web_sys::Storage, prefix: &str, current: &str) -> Vec<String> {
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix) && k != current)
        .collect()
}

fn message(e: &JsValue) -> String {
    super::js::message(e)
}
