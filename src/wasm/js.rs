//! JavaScript values for the reader bundle without serde: reading and
//! writing W3C targets through [`Tree`] (the same parser the CLI and the
//! renderer use on `serde_json` values), and small `Reflect` helpers.
//!
//! Values from callers may be anything — getters that throw, proxies,
//! cyclic objects: reads that fail are "absent", and nothing here recurses
//! into a value beyond what the annotation format names.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::anchor::w3c::Tree;

#[wasm_bindgen]
extern "C" {
    /// A plain object we made.
    type Made;
    /// `object[key] = value` on an object we made, which cannot throw:
    /// without `Reflect.set`'s try/catch in the glue, which made a closure
    /// and an `arguments` object for every field.
    #[wasm_bindgen(method, structural, indexing_setter)]
    fn set(this: &Made, key: &JsValue, value: &JsValue);
}

/// `name` as a JavaScript string, made once: the objects read and written
/// at the boundary use the same few dozen field names, and
/// `JsValue::from_str` decodes its bytes in the glue every time (re-anchoring
/// an annotation reads and writes some 40). Found by the name's address and
/// length, so only for `'static` names: another string could be allocated
/// where a freed one was.
fn name(name: &'static str) -> JsValue {
    type Names = RefCell<Vec<(usize, usize, JsValue)>>;
    thread_local! {
        static NAMES: Names = const { RefCell::new(Vec::new()) };
    }
    let at = (name.as_ptr() as usize, name.len());
    NAMES.with(|names| {
        let Ok(mut names) = names.try_borrow_mut() else {
            return JsValue::from_str(name);
        };
        if let Some((.., v)) = names.iter().find(|n| (n.0, n.1) == at) {
            return v.clone();
        }
        let v = JsValue::from_str(name);
        if names.len() < 64 {
            names.push((at.0, at.1, v.clone()));
        }
        v
    })
}

/// Field `key` of `value` (`undefined` when absent or unreadable).
pub(crate) fn get(value: &JsValue, key: &'static str) -> JsValue {
    read(value, &name(key))
}

/// Field `key` of `value`, any key.
fn read(value: &JsValue, key: &JsValue) -> JsValue {
    if !value.is_object() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(value, key).unwrap_or(JsValue::UNDEFINED)
}

/// An array of at most `max` strings, read element by element (a
/// `Vec<String>` parameter would have wasm-bindgen's glue put every element
/// of whatever it is given — a 50 MB string's 25 million characters — in
/// the module's table first, and a table that cannot grow traps).
pub(crate) fn strings(value: &JsValue, path: &str, max: usize) -> Result<Vec<String>, JsValue> {
    let fail = |what: String| JsValue::from(js_sys::Error::new(&format!("{path}: {what}")));
    let Some(array) = value.dyn_ref::<Array>().filter(|_| Array::is_array(value)) else {
        return Err(fail(format!(
            "expected an array of strings, found {}",
            super::js_kind(value)
        )));
    };
    let n = array.length() as usize;
    if n > max {
        return Err(fail(format!("{n} items; the limit is {max}")));
    }
    (0..n as u32)
        .map(|i| {
            array
                .get(i)
                .as_string()
                .ok_or_else(|| fail(format!("[{i}] expected a string")))
        })
        .collect()
}

/// Set field `key` of an object we made.
pub(crate) fn set(object: &JsValue, key: &'static str, value: &JsValue) {
    object.unchecked_ref::<Made>().set(&name(key), value);
}

/// A plain object with these fields.
pub(crate) fn object(fields: &[(&'static str, JsValue)]) -> JsValue {
    let o: JsValue = Object::new().into();
    for (k, v) in fields {
        set(&o, k, v);
    }
    o
}

/// The message of a thrown value.
pub(crate) fn message(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "unknown JavaScript error".to_string())
}

impl Tree for JsValue {
    fn field(&self, key: &'static str) -> Option<Self> {
        // `get` answers undefined for what is not an object; an array is
        // asked only when it has the field (each check crosses the
        // boundary, and this runs for every field of every annotation).
        let v = get(self, key);
        (!v.is_undefined() && !Array::is_array(self)).then_some(v)
    }

    fn items(&self) -> Option<Vec<Self>> {
        Array::is_array(self).then(|| self.unchecked_ref::<Array>().iter().collect())
    }

    fn string(&self) -> Option<String> {
        self.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn entries(&self) -> Vec<(String, Self)> {
        if !self.is_object() || Array::is_array(self) {
            return Vec::new();
        }
        Object::keys(self.unchecked_ref::<Object>())
            .iter()
            .filter_map(|k| k.as_string())
            .map(|k| {
                let v = read(self, &JsValue::from_str(&k));
                (k, v)
            })
            .collect()
    }

    fn kind(&self) -> &'static str {
        if self.is_null() {
            "null"
        } else if Array::is_array(self) {
            "an array"
        } else if self.is_string() {
            "a string"
        } else if self.as_f64().is_some() {
            "a number"
        } else if self.as_bool().is_some() {
            "a boolean"
        } else if self.is_function() {
            "a function"
        } else if self.is_object() {
            "an object"
        } else {
            "undefined"
        }
    }

    fn from_string(s: &str) -> Self {
        JsValue::from_str(s)
    }

    fn from_number(n: f64) -> Self {
        JsValue::from_f64(n)
    }

    fn from_bool(b: bool) -> Self {
        JsValue::from_bool(b)
    }

    fn from_items(items: Vec<Self>) -> Self {
        items.into_iter().collect::<Array>().into()
    }

    fn from_entries(entries: Vec<(String, Self)>) -> Self {
        let o: JsValue = Object::new().into();
        for (k, v) in entries {
            o.unchecked_ref::<Made>().set(&JsValue::from_str(&k), &v);
        }
        o
    }
}
