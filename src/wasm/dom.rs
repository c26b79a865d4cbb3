//! Live DOM nodes as [`MarkupNode`]s, so `enhance` reads a publisher's
//! existing article markup through exactly the allowlist the native HTML
//! importer uses ([`crate::ingest::markup`]): the browser has already parsed
//! the page, so no HTML parser ships in the wasm.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use crate::ingest::markup::MarkupNode;

impl MarkupNode for Node {
    fn element_name(&self) -> Option<String> {
        // `local_name` is lowercase for HTML elements; SVG/MathML keep their
        // case, which the walker treats as unknown (dropped or unwrapped).
        self.dyn_ref::<Element>().map(|e| e.local_name().to_ascii_lowercase())
    }

    fn text(&self) -> Option<String> {
        match self.node_type() {
            Node::TEXT_NODE | Node::CDATA_SECTION_NODE => self.node_value(),
            _ => None,
        }
    }

    fn attr(&self, name: &str) -> Option<String> {
        self.dyn_ref::<Element>()?.get_attribute(name)
    }

    fn children(&self) -> Vec<Self> {
        let list = self.child_nodes();
        (0..list.length()).filter_map(|i| list.get(i)).collect()
    }
}
