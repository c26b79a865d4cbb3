//! Rendering: an [`Article`] to semantic, bidi-safe RTL HTML.
//!
//! All markup goes through [`html::HtmlWriter`], whose text and attribute
//! methods escape, so no input can produce a tag or attribute the renderer
//! did not choose. PLACEHOLDER — the render owner replaces this body.

use crate::model::Article;

pub mod html;

/// How quotation marks are displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteStyle {
    /// As the publisher typed them.
    #[default]
    Keep,
    /// “…” and "…" become «…» (Arabic, Persian convention).
    Guillemets,
}

/// How digits are displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DigitStyle {
    /// As the publisher typed them.
    #[default]
    Keep,
    /// 0-9 shown as Western digits (٠-٩ and ۰-۹ become 0-9).
    Western,
    /// 0-9 shown as Arabic-Indic digits ٠-٩.
    ArabicIndic,
}

/// Options for [`render`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RenderOptions {
    /// Quotation marks.
    pub quotes: QuoteStyle,
    /// Digits.
    pub digits: DigitStyle,
}

/// Render `article` as an HTML fragment: one `<article>` element.
pub fn render(article: &Article, _options: &RenderOptions) -> String {
    let mut w = html::HtmlWriter::new();
    w.text(&article.headline.text);
    w.finish()
}

/// An element the renderer wraps around `start..end` (bytes) of one text,
/// for annotations: `<a href>`, `<time datetime>`, `<data value>`, `<q>`,
/// `<span data-*>`. Tag and attribute names are `&'static str` — chosen by
/// code, never by input — and values are escaped (URL values checked against
/// the scheme allowlist) when written.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// Element name.
    pub tag: &'static str,
    /// Attributes, in order.
    pub attrs: Vec<(&'static str, String)>,
}
