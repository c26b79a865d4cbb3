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
    // parse_document copes with fragments too (it supplies html/head/body),
    // and keeps <head> metadata when there is some.
    let document = Html::parse_document(input);
    markup::import(&ScraperNode::Element(document.root_element()), limits)
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
