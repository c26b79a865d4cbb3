//! The article's texts in the live DOM: the `data-text` containers the
//! renderer writes ([`crate::render`]), their text — skipping what the
//! renderer added inside them (`data-added`: note markers) — and the
//! mapping between DOM positions (node, UTF-16 offset) and text offsets in
//! code points, the unit of W3C selectors and of [`crate::anchor`].
//!
//! Walks are iterative (no stack depth to exhaust), and every DOM call that
//! can throw is treated as "no position".

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::text::offsets::Offsets;

/// The text nodes under `root` in document order, not inside an element
/// marked `data-added`.
pub(crate) fn text_nodes(root: &Element) -> Vec<Node> {
    let mut out = Vec::new();
    let root: &Node = root.as_ref();
    let mut next = root.first_child();
    while let Some(node) = next {
        let added = node.dyn_ref::<Element>().is_some_and(|e| e.has_attribute("data-added"));
        if node.node_type() == Node::TEXT_NODE {
            out.push(node.clone());
        }
        next = match node.first_child().filter(|_| !added) {
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

/// The DOM point of code point `offset` of `container`'s text: a text node
/// and a UTF-16 offset. At a boundary between two text nodes, `forward`
/// picks the start of the next (for a range's start) rather than the end
/// of the previous (for its end). `None` past the end.
pub(crate) fn point(container: &Element, offset: usize, forward: bool) -> Option<(Node, u32)> {
    let mut left = offset;
    let mut last: Option<(Node, usize)> = None;
    for node in text_nodes(container) {
        let data = node.node_value().unwrap_or_default();
        let chars = data.chars().count();
        if left < chars || (left == chars && !forward && chars > 0) {
            let utf16 = Offsets::new(&data).chars(left).utf16;
            return Some((node, utf16 as u32));
        }
        left -= chars;
        last = Some((node, data.encode_utf16().count()));
    }
    match last {
        Some((node, len)) if left == 0 => Some((node, len as u32)),
        _ => None,
    }
}

/// Where DOM position `(node, offset)` falls: the `data-text` container
/// around it, its text id and the code-point offset from the container's
/// start (text inside `data-added` elements not counted).
pub(crate) fn locate(node: &Node, offset: u32) -> Option<(Element, String, usize)> {
    let element = match node.dyn_ref::<Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    let container = element.closest("[data-text]").ok().flatten()?;
    let id = container.get_attribute("data-text")?;
    let document = container.owner_document()?;
    let boundary = document.create_range().ok()?;
    boundary.set_start(node, offset).ok()?;
    let mut count = 0;
    for t in text_nodes(&container) {
        let data = t.node_value().unwrap_or_default();
        if t.is_same_node(Some(node)) {
            let units = offset as usize;
            count += Offsets::new(&data).utf16(units.min(data.encode_utf16().count())).chars;
            return Some((container, id, count));
        }
        let len = data.encode_utf16().count() as u32;
        // The whole node lies before the boundary point.
        match boundary.compare_point(&t, len) {
            Ok(n) if n <= 0 => count += data.chars().count(),
            Ok(_) => break,
            Err(_) => return None,
        }
    }
    Some((container, id, count))
}
