//! The HTML importer (native only, feature `html-import`): a CMS page or
//! fragment parsed by a real HTML5 parser (`scraper`/html5ever, so broken
//! markup is repaired exactly as a browser would) and read by the shared
//! allowlist walker in [`crate::ingest::markup`], which documents what is
//! kept and what is dropped.
//!
//! ```
//! let article = rtl_article::ingest::html::import(r#"<!doctype html>
//!   <html lang="ar" dir="rtl"><head><title>عنوان | الموقع</title>
//!   <script>track()</script></head>
//!   <body><nav><a href="/">الرئيسية</a></nav>
//!   <article><h1>روسيا ترفض أي اتفاق</h1>
//!   <p onclick="x()">قال <b>المصدر</b> إن الاتفاق <a href="javascript:alert(1)">مرفوض</a>.</p>
//!   </article></body></html>"#).unwrap();
//! assert_eq!(article.headline.text, "روسيا ترفض أي اتفاق");
//! let rtl_article::BlockKind::Paragraph { text } = &article.body[0].kind else { panic!() };
//! assert_eq!(text.text, "قال المصدر إن الاتفاق مرفوض.");
//! assert_eq!(text.spans.len(), 1); // the bold; the javascript: link is gone
//! ```

use scraper::{ElementRef, Html, Node};

use super::check::check_input_size;
use super::markup::{self, MarkupNode};
use super::{Imported, Limits};
use crate::error::Result;
use crate::model::Article;

/// Import an HTML page or fragment with the default [`Limits`], dropping warnings.
pub fn import(input: &str) -> Result<Article> {
    import_with(input, &Limits::default()).map(|imported| imported.article)
}

/// Import an HTML page or fragment, enforcing `limits` (the input size is
/// checked before parsing) and reporting what was dropped, counted by
/// element, as warnings.
///
/// ```
/// use rtl_article::ingest::{html, Limits};
/// let imported = html::import_with(
///     "<article><h1>عنوان</h1><p>نص.</p><script>x()</script><script>y()</script></article>",
///     &Limits::default(),
/// ).unwrap();
/// assert_eq!(imported.warnings, ["html: dropped 2 <script>"]);
/// ```
pub fn import_with(input: &str, limits: &Limits) -> Result<Imported> {
    check_input_size(input.len(), limits)?;
    // The HTML5 tree builder checks "in scope" by walking the stack of open
    // elements, so its time grows with the square of the nesting: refuse
    // what no article needs before parsing (100,000 nested <div>s took
    // minutes; see BENCHMARKS.md).
    if let Some(depth) = too_deep(input, MAX_PARSE_DEPTH) {
        return Err(crate::Error::invalid(
            "html",
            format!("elements nested at least {depth} deep; the limit is {MAX_PARSE_DEPTH}"),
        ));
    }
    // parse_document copes with fragments too (it supplies html/head/body),
    // and keeps <head> metadata when there is some.
    let document = Html::parse_document(input);
    markup::import(&ScraperNode::Element(document.root_element()), limits)
}

/// Deepest nesting the HTML parser is given (the importer itself reads
/// [`markup::MAX_DEPTH`] levels; a browser's parser stops nesting at 512).
pub const MAX_PARSE_DEPTH: usize = 4096;

/// Whether `html` opens more than `limit` elements inside each other, by a
/// linear scan of its tags: start tags count up and end tags down, except
/// void elements, self-closed tags, elements whose end tag is optional
/// (`<p>`, `<li>`, `<td>` … a browser closes them itself) and whatever is
/// inside comments, `<script>`, `<style>`, `<textarea>` and `<title>`. It
/// errs towards less depth, never more: a page it passes may still be deep,
/// and the importer's own limit then applies.
fn too_deep(html: &str, limit: usize) -> Option<usize> {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "p",
        "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rp", "html", "head", "body", "!doctype",
    ];
    const RAW: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];
    let b = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(at) = b.get(i..).and_then(|rest| rest.iter().position(|&c| c == b'<')) {
        i += at + 1;
        if b.get(i..i + 3) == Some(b"!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let end = start
            + b[start.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!')
                .count();
        let name = html[start..end].to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let tag_end = html[end..].find('>').map_or(b.len(), |e| end + e);
        let self_closed = tag_end > 0 && b.get(tag_end - 1) == Some(&b'/');
        i = tag_end;
        if NOT_NESTING.contains(&name.as_str()) || self_closed {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if RAW.contains(&name.as_str()) {
            // Skip to its end tag, any case, without copying the rest.
            let mut j = i;
            i = loop {
                match html[j..].find("</") {
                    None => break b.len(),
                    Some(e)
                        if b[j + e + 2..].len() >= name.len()
                            && b[j + e + 2..j + e + 2 + name.len()].eq_ignore_ascii_case(name.as_bytes()) =>
                    {
                        break j + e
                    }
                    Some(e) => j += e + 2,
                }
            };
            continue;
        }
        depth += 1;
        if depth > limit {
            return Some(depth);
        }
    }
    None
}

/// A `scraper` node seen through [`MarkupNode`].
#[derive(Clone, Copy)]
enum ScraperNode<'a> {
    /// An element.
    Element(ElementRef<'a>),
    /// A text node.
    Text(&'a str),
    /// A comment, doctype or processing instruction: skipped.
    Other,
}

impl MarkupNode for ScraperNode<'_> {
    fn element_name(&self) -> Option<String> {
        match self {
            ScraperNode::Element(e) => Some(e.value().name().to_ascii_lowercase()),
            _ => None,
        }
    }

    fn text(&self) -> Option<String> {
        match self {
            ScraperNode::Text(t) => Some((*t).to_string()),
            _ => None,
        }
    }

    fn attr(&self, name: &str) -> Option<String> {
        match self {
            ScraperNode::Element(e) => e.value().attr(name).map(str::to_string),
            _ => None,
        }
    }

    fn children(&self) -> Vec<Self> {
        let ScraperNode::Element(e) = self else {
            return Vec::new();
        };
        e.children()
            .map(|child| match child.value() {
                Node::Element(_) => ElementRef::wrap(child).map_or(ScraperNode::Other, ScraperNode::Element),
                Node::Text(t) => ScraperNode::Text(t),
                _ => ScraperNode::Other,
            })
            .collect()
    }
}
