//! The HTML writer: the one way the renderer produces markup.
//!
//! Tag and attribute names are `&'static str`, so they are always chosen by
//! code and never by input; [`HtmlWriter::text`] and [`HtmlWriter::attr`]
//! escape everything they are given, and URL attributes go through
//! [`safe_url`], the [URL policy](crate::url). There is no method that writes an
//! input string as markup: the only raw content accepted is `&'static str`
//! (the compiled-in stylesheet) and JSON made safe for `<script>`.
//!
//! ```
//! use rtl_article::render::html::HtmlWriter;
//! let mut w = HtmlWriter::new();
//! w.open("a");
//! let linked = w.url_attr("href", " JaVaScRiPt:alert(1)");
//! w.text("<b>خبر</b>");
//! w.close("a");
//! assert!(!linked);
//! assert_eq!(w.finish(), "<a>&lt;b&gt;خبر&lt;/b&gt;</a>");
//! ```

use crate::url::safe_url;

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr",
];

/// Builds HTML, escaping all text and attribute values.
///
/// Start tags stay open after [`open`](Self::open) and [`void`](Self::void)
/// until the next text, element or end tag, so attributes can be added in
/// between. Elements still open at [`finish`](Self::finish) are closed.
#[derive(Debug, Default)]
pub struct HtmlWriter {
    out: String,
    /// A start tag is written up to its attributes; `>` is still due.
    in_start_tag: bool,
    /// Open elements, innermost last.
    stack: Vec<&'static str>,
}

impl HtmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Start element `tag`; follow with [`attr`](Self::attr) calls, content,
    /// then [`close`](Self::close). For a void element (`img`, `meta`, `br`
    /// …) use [`void`](Self::void) instead, or this behaves like it.
    pub fn open(&mut self, tag: &'static str) {
        self.end_start_tag();
        self.out.push('<');
        self.out.push_str(tag);
        self.in_start_tag = true;
        if !VOID.contains(&tag) {
            self.stack.push(tag);
        }
    }

    /// Start void element `tag` (no content, no end tag); attributes may follow.
    pub fn void(&mut self, tag: &'static str) {
        debug_assert!(VOID.contains(&tag), "<{tag}> is not a void element");
        self.end_start_tag();
        self.out.push('<');
        self.out.push_str(tag);
        self.in_start_tag = true;
    }

    /// Add `name="value"` to the start tag just opened, escaping
    /// `& < > " '` in the value. Ignored when no start tag is open.
    pub fn attr(&mut self, name: &'static str, value: &str) {
        if !self.in_start_tag {
            debug_assert!(false, "attribute {name} outside a start tag");
            return;
        }
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(&mut self.out, value, true);
        self.out.push('"');
    }

    /// Add a URL attribute (`href`, `src`, `cite`) if [`safe_url`] accepts
    /// the value; returns whether it was written. Callers rendering a link
    /// show plain text instead when it was not.
    pub fn url_attr(&mut self, name: &'static str, value: &str) -> bool {
        match safe_url(value) {
            Some(url) => {
                self.attr(name, &url);
                true
            }
            None => false,
        }
    }

    /// Text content, escaping `& < >`.
    pub fn text(&mut self, s: &str) {
        self.end_start_tag();
        escape_into(&mut self.out, s, false);
    }

    /// One character of text content, escaped.
    pub fn text_char(&mut self, c: char) {
        self.end_start_tag();
        let mut buf = [0u8; 4];
        escape_into(&mut self.out, c.encode_utf8(&mut buf), false);
    }

    /// A line break between block elements, for readable output. Only call it
    /// where white space is not significant.
    pub fn newline(&mut self) {
        self.end_start_tag();
        self.out.push('\n');
    }

    /// End element `tag`, which must be the innermost open element.
    pub fn close(&mut self, tag: &'static str) {
        self.end_start_tag();
        let top = self.stack.pop();
        debug_assert_eq!(top, Some(tag), "closing <{tag}> out of order");
        self.out.push_str("</");
        self.out.push_str(top.unwrap_or(tag));
        self.out.push('>');
    }

    /// Compiled-in content written as is: the stylesheet inside `<style>`.
    /// Only `&'static str` is accepted, so input can never reach it.
    pub fn raw_static(&mut self, markup: &'static str) {
        self.end_start_tag();
        self.out.push_str(markup);
    }

    /// A `<script type="application/ld+json">` element holding `value`,
    /// serialized with [`script_safe_json`] so no string inside it can end
    /// the script or open a comment.
    pub fn json_ld(&mut self, value: &serde_json::Value) {
        self.open("script");
        self.attr("type", "application/ld+json");
        self.end_start_tag();
        self.out.push_str(&script_safe_json(value));
        self.close("script");
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    /// Whether nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// The HTML, with any elements still open closed.
    pub fn finish(mut self) -> String {
        self.end_start_tag();
        while let Some(tag) = self.stack.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
        self.out
    }

    fn end_start_tag(&mut self) {
        if self.in_start_tag {
            self.out.push('>');
            self.in_start_tag = false;
        }
    }
}

fn escape_into(out: &mut String, s: &str, in_attr: bool) {
    // Copy the stretches between the characters to escape whole: they are
    // all ASCII, so a byte scan finds them and the cuts are char boundaries.
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if in_attr => "&quot;",
            b'\'' if in_attr => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(escaped);
        from = i + 1;
    }
    out.push_str(&s[from..]);
}

/// `value` as JSON text that is safe inside `<script>`: `<`, `>` and `&` are
/// written as `\u003c`, `\u003e`, `\u0026`, and U+2028/U+2029 as escapes, so
/// neither `</script>` nor `<!--` can appear. These characters only occur
/// inside JSON strings, where the escapes mean the same thing.
///
/// ```
/// use rtl_article::render::html::script_safe_json;
/// let json = script_safe_json(&serde_json::json!({"headline": "</script><!--"}));
/// assert_eq!(json, r#"{"headline":"\u003c/script\u003e\u003c!--"}"#);
/// ```
pub fn script_safe_json(value: &serde_json::Value) -> String {
    // Not `value.to_string()`: `Display` is a second serializer
    // instantiation (~3 KB of wasm) beside the `serde_json::to_string` one.
    // A `Value` always serializes (its keys are strings).
    let json = serde_json::to_string(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    // As in `escape_into`: whole stretches between the characters to
    // escape, found by their first byte (U+2028 and U+2029 are E2 80 A8/A9).
    let bytes = json.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (escaped, len) = match bytes[i] {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA8) => ("\\u2028", 3),
            0xE2 if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA9) => ("\\u2029", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&json[from..i]);
        out.push_str(escaped);
        i += len;
        from = i;
    }
    out.push_str(&json[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut w = HtmlWriter::new();
        w.open("p");
        w.attr("title", r#""><img src=x onerror='alert(1)'>&"#);
        w.text("<script>قال & مضى</script>");
        w.close("p");
        assert_eq!(
            w.finish(),
            "<p title=\"&quot;&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt;&amp;\">&lt;script&gt;قال &amp; مضى&lt;/script&gt;</p>"
        );
    }

    #[test]
    fn void_elements_have_no_end_tag_and_finish_closes_the_rest() {
        let mut w = HtmlWriter::new();
        w.open("figure");
        w.void("img");
        w.url_attr("src", "/a.jpg");
        w.attr("alt", "رتل");
        assert_eq!(w.finish(), r#"<figure><img src="/a.jpg" alt="رتل"></figure>"#);
    }

    #[test]
    fn json_ld_cannot_break_out_of_script() {
        let mut w = HtmlWriter::new();
        w.json_ld(&serde_json::json!({"headline": "</script><script>alert(1)</script>\u{2028}&"}));
        let html = w.finish();
        assert_eq!(html.matches("</script>").count(), 1);
        assert!(html.ends_with("</script>"));
        assert!(!html.contains("<!--") && !html.contains('\u{2028}'));
        let inner = &html[html.find('>').map_or(0, |i| i + 1)..html.len() - "</script>".len()];
        let back: serde_json::Value = serde_json::from_str(inner).expect("valid JSON");
        assert_eq!(back["headline"], "</script><script>alert(1)</script>\u{2028}&");
    }
}
