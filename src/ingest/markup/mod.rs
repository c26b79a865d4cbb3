//! The markup walker: a CMS page's element tree read into an [`Article`]
//! through an allowlist, independent of any HTML parser. It is generic over
//! [`MarkupNode`], so the native HTML importer ([`crate::ingest::html`], over
//! `scraper`) and the browser layer (over live DOM nodes, for `enhance`)
//! share one reading of markup.
//!
//! What is kept (everything else is dropped, and counted in the warnings):
//!
//! * **Root** — the first `<article>` (outside `aside`/`nav`/`footer`) that
//!   holds an `<h1>`, else the first such `<article>`, else `<main>`, else
//!   `<body>`, else the node given. When the root is `<body>` (or the node
//!   given), a `<header>`, `<footer>` or `<nav>` directly in it is site chrome
//!   and dropped.
//! * **Head** — `<html lang dir>` (overridden by the root's own `lang`/`dir`),
//!   `<title>`, and `<meta>` `og:title`, `description`/`og:description`,
//!   `article:published_time`, `article:modified_time`, `article:section`,
//!   `article:tag`, `og:url` (or `<link rel=canonical>`), `og:site_name`.
//! * **Headline** — the first `<h1>`; else `og:title`; else `<title>` (minus
//!   a trailing `| site name`). Later `<h1>`s become level-2 headings.
//! * **Header** — inside `<header>`: the first `<p>`/`<h2>`–`<h6>` is the
//!   standfirst, `<time datetime>` gives `published` (then `updated`; a
//!   `time` marked `dateModified`/`updated` is always `updated`). An element
//!   with class `standfirst`/`dek`/`summary`/`excerpt`/`subtitle` is the
//!   standfirst anywhere before the first paragraph. Failing all that, the
//!   `description` meta is, unless the first paragraph merely starts with it.
//! * **Byline** — `.byline`, `.author`, `[rel=author]`, `[itemprop=author]` or
//!   `<address>`: its text, whitespace collapsed.
//! * **Blocks** — `h2`–`h6`, `p`, `blockquote` (`cite` attribute; a `footer`
//!   or `cite` inside is the attribution; class `pullquote` makes a pull
//!   quote), `ul`/`ol`/`li` (nested lists become following items),
//!   `figure` with `img` (`src`, `alt`, `width`, `height`) and `figcaption`
//!   (a `.credit` or `small` inside is the credit). A figure or image before
//!   the first paragraph is the `lead`. `<aside>` (and, inside an
//!   `<article>`, `<nav>`) whose text is mostly links becomes a `related`
//!   block (its heading is the title); a pull-quote `aside` a pull quote.
//!   Related asides outside the root fill `related`. Text loose in `div`s and
//!   `section`s becomes paragraphs, as a browser shows it.
//! * **Inline** — `a[href]` (URLs the [URL policy](crate::url) allows;
//!   other links lose the link but keep the text, with a warning),
//!   `em`/`i`, `strong`/`b`, `br` (a line feed). Any other inline element
//!   is unwrapped: its text stays.
//! * **Block ids** — a block element's `data-block` (the renderer's own
//!   markup) or `id` attribute, when it is a valid block id not used
//!   before; otherwise the block's id is derived from its content.
//! * **Dropped** — `script`, `style`, `iframe`, forms and their controls,
//!   media and embeds, `template`, `noscript`, `svg`, `table`, elements that are
//!   `hidden`, `aria-hidden`, `display:none`, or whose class or id names an
//!   ad, share bar, newsletter, comments or similar widget. Attributes are
//!   never copied, so event handlers and inline styles cannot survive.
//!
//! White space collapses as a browser would (runs of spaces, tabs and line
//! breaks become one space; no-break spaces stay), and control characters
//! and other dirt are removed with a warning naming the text
//! (`check::clean`).
//!
//! ```
//! use rtl_article::ingest::markup::{self, MarkupNode};
//! use rtl_article::ingest::Limits;
//!
//! /// A toy tree, standing in for a DOM or a parser's nodes.
//! enum Node { Element(&'static str, Vec<(&'static str, &'static str)>, Vec<Node>), Text(&'static str) }
//!
//! impl MarkupNode for &Node {
//!     fn element_name(&self) -> Option<String> {
//!         match self { Node::Element(name, ..) => Some(name.to_string()), Node::Text(_) => None }
//!     }
//!     fn text(&self) -> Option<String> {
//!         match self { Node::Text(t) => Some(t.to_string()), Node::Element(..) => None }
//!     }
//!     fn attr(&self, name: &str) -> Option<String> {
//!         match self {
//!             Node::Element(_, attrs, _) => attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()),
//!             Node::Text(_) => None,
//!         }
//!     }
//!     fn children(&self) -> Vec<Self> {
//!         match self { Node::Element(_, _, children) => children.iter().collect(), Node::Text(_) => Vec::new() }
//!     }
//! }
//!
//! use Node::{Element as E, Text as T};
//! let page = E("article", vec![("lang", "ar")], vec![
//!     E("h1", vec![], vec![T("عنوان الخبر")]),
//!     E("p", vec![("onclick", "steal()")], vec![T("قال "), E("strong", vec![], vec![T("المصدر")]), T("  أمس.")]),
//!     E("script", vec![], vec![T("track()")]),
//! ]);
//! let imported = markup::import(&&page, &Limits::default()).unwrap();
//! assert_eq!(imported.article.headline.text, "عنوان الخبر");
//! assert_eq!(serde_json::to_string(&imported.article.body[0]).unwrap(),
//!            r#"{"type":"paragraph","text":["قال ",{"strong":"المصدر"}," أمس."]}"#);
//! assert_eq!(imported.warnings, ["html: dropped 1 <script>"]);
//! ```
//!
//! The walker is split by job: `tags` holds the tag tables and the
//! classifiers (widget, byline, standfirst, pull quote), `survey` the first
//! pass over the whole page (head metadata, candidate roots), `inline` the
//! builder of one [`Text`] from running markup, and `walker` the reading
//! of the root into blocks.

mod inline;
mod survey;
mod tags;
mod walker;

use super::check::{check_article, is_language_tag};
use super::{Imported, Limits};
use crate::date::Timestamp;
use crate::error::{Error, Result};
use crate::model::{Article, Block, BlockKind, Dir, Publisher, Text};
use survey::Survey;
use tags::DROPPED;
use walker::{Ctx, Walker};

/// One node of a markup tree, as the walker needs to see it. Implemented for
/// `scraper` nodes by the HTML importer and for DOM nodes by the browser layer.
/// Nodes are cheap handles (`Clone` copies a reference, not a subtree).
///
/// Elements answer [`element_name`](MarkupNode::element_name) and
/// [`attr`](MarkupNode::attr); text nodes answer [`text`](MarkupNode::text);
/// comments, doctypes and the like answer neither and are skipped. A
/// document (or fragment) node is neither but has children.
pub trait MarkupNode: Sized + Clone {
    /// The element's local name in lowercase (`"p"`, `"h1"`), or `None` for
    /// anything that is not an element.
    fn element_name(&self) -> Option<String>;
    /// The character data of a text node, or `None` for anything else.
    fn text(&self) -> Option<String>;
    /// The value of attribute `name` (lowercase) on an element.
    fn attr(&self, name: &str) -> Option<String>;
    /// The child nodes, in document order.
    fn children(&self) -> Vec<Self>;
}

/// Deepest element nesting the walker follows. Real pages stay far below;
/// the bound keeps hostile markup from exhausting the stack.
pub const MAX_DEPTH: usize = 256;

/// Read the article in the tree under `root` (a document, `<html>`, or the
/// `<article>` element itself), enforcing `limits` on blocks and texts.
/// Fails when no headline can be found or a limit is passed.
pub fn import<N: MarkupNode>(root: &N, limits: &Limits) -> Result<Imported> {
    let survey = Survey::take(root);
    let (root_node, start, end) = survey.root(root);
    let mut walker = Walker::new(limits);
    let mut article = Article::new("");

    let lang = root_node
        .attr("lang")
        .or_else(|| survey.html_lang.clone())
        .map(|l| l.trim().to_string());
    if let Some(lang) = lang.filter(|l| !l.is_empty()) {
        if is_language_tag(&lang) {
            article.lang = lang;
        } else {
            walker.warnings.push(format!(
                "html: lang {lang:?} is not a BCP 47 language tag; using \"ar\""
            ));
        }
    }
    let dir = root_node.attr("dir").or_else(|| survey.html_dir.clone());
    article.dir = match dir.map(|d| d.trim().to_ascii_lowercase()).as_deref() {
        Some("rtl") => Dir::Rtl,
        Some("ltr") => Dir::Ltr,
        Some("auto") => Dir::Auto,
        _ => Dir::for_lang(&article.lang),
    };

    let root_name = root_node.element_name();
    let in_article = root_name.as_deref() == Some("article");
    // Site chrome sits directly in <body>; a <main>'s own header is content.
    let top = !matches!(root_name.as_deref(), Some("article" | "main"));
    let ctx = Ctx {
        in_article,
        in_header: false,
        top,
    };
    walker.blocks(&root_node, ctx, 0)?;
    walker.flush()?;
    walker.related_outside(&survey, start, end)?;

    let Walker {
        headline,
        standfirst,
        byline,
        published,
        updated,
        lead,
        body,
        related,
        warnings,
        section,
        ..
    } = &mut walker;
    article.headline = match headline.take() {
        Some(h) if !h.text.is_empty() => h,
        _ => Text::plain(
            survey
                .fallback_headline()
                .ok_or_else(|| Error::invalid("html", "no headline found (looked for <h1>, og:title and <title>)"))?,
        ),
    };
    article.byline = byline.take();
    article.lead = lead.take();
    article.body = std::mem::take(body);
    article.related = std::mem::take(related);
    article.standfirst = standfirst.take().or_else(|| {
        let description = survey.meta("description").or_else(|| survey.meta("og:description"))?;
        let first = article.body.iter().find_map(|b| match b {
            Block {
                kind: BlockKind::Paragraph { text },
                ..
            } => Some(text.text.as_str()),
            _ => None,
        });
        let stem = description.trim_end_matches(['.', '…']).trim_end();
        let repeats = first.is_some_and(|p| p.starts_with(stem));
        (!repeats && !description.is_empty()).then(|| Text::plain(description))
    });
    let mut warnings = std::mem::take(warnings);
    // A <time datetime> in the article first, then the page's meta.
    let mut meta_date = |name: &str, key: &str| {
        let value = survey.meta(key)?;
        let parsed = Timestamp::parse(&value);
        if parsed.is_none() {
            warnings.push(format!("html: {name} date {value:?} is not ISO 8601; ignored"));
        }
        parsed
    };
    article.published = published
        .take()
        .or_else(|| meta_date("published", "article:published_time"));
    article.updated = updated.take().or_else(|| meta_date("updated", "article:modified_time"));
    article.section = section.take().or_else(|| survey.meta("article:section"));
    for tag in survey.metas("article:tag") {
        if !article.tags.contains(&tag) {
            article.tags.push(tag);
        }
    }
    article.url = survey
        .canonical
        .clone()
        .or_else(|| survey.meta("og:url"))
        .and_then(|u| crate::url::safe_url(&u));
    article.publisher = survey.meta("og:site_name").map(|name| Publisher {
        name,
        url: None,
        logo: None,
    });

    article.notes = notes_in(&survey.json_ld, &mut warnings);
    for (name, count) in &walker.dropped {
        warnings.push(format!("html: dropped {count} {name}"));
    }
    if walker.unsafe_links > 0 {
        warnings.push(format!(
            "html: removed {} link(s) with a disallowed URL scheme (text kept)",
            walker.unsafe_links
        ));
    }
    if walker.dirt > 0 {
        warnings.push(format!(
            "html: removed {} control character(s), stray byte-order mark(s) or zero-width space(s) inside words",
            walker.dirt
        ));
    }
    check_article(&article, limits)?;
    Ok(Imported { article, warnings })
}

/// The editorial notes in the page's JSON-LD: every script that holds an
/// `AnnotationCollection`, an `AnnotationPage` or annotations
/// ([`crate::ingest::notes`]). A script of notes that cannot be read is a
/// warning; scripts of other JSON-LD (a `NewsArticle`) are not notes.
fn notes_in(scripts: &[String], warnings: &mut Vec<String>) -> Vec<crate::anchor::w3c::Annotation> {
    use crate::anchor::w3c::Tree;
    let mut notes = Vec::new();
    for (i, script) in scripts.iter().enumerate() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(script) else {
            continue;
        };
        let names = |v: &serde_json::Value| -> Vec<String> {
            match v.field("type") {
                Some(serde_json::Value::String(s)) => vec![s],
                Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
                _ => Vec::new(),
            }
        };
        let is_notes = |v: &serde_json::Value| {
            names(v)
                .iter()
                .any(|n| matches!(n.as_str(), "AnnotationCollection" | "AnnotationPage" | "Annotation"))
        };
        let annotations = match &value {
            serde_json::Value::Array(items) => !items.is_empty() && items.iter().all(is_notes),
            v => is_notes(v),
        };
        if !annotations {
            continue;
        }
        match super::notes::read(&value, &format!("html: JSON-LD script {}", i + 1), warnings) {
            Ok(read) => notes.extend(read),
            Err(err) => warnings.push(format!("{err}; these notes were not imported")),
        }
    }
    notes
}

/// The concatenated text of a subtree, skipping dropped elements
/// (iterative: deep trees are no danger).
pub(super) fn text_content<N: MarkupNode>(node: &N) -> String {
    let mut out = String::new();
    let mut stack = vec![reversed_children(node)];
    while let Some(frame) = stack.last_mut() {
        let Some(n) = frame.pop() else {
            stack.pop();
            continue;
        };
        if let Some(t) = n.text() {
            out.push_str(&t);
        } else if !n.element_name().is_some_and(|e| DROPPED.contains(&e.as_str())) {
            stack.push(reversed_children(&n));
        }
    }
    out
}

pub(super) fn reversed_children<N: MarkupNode>(node: &N) -> Vec<N> {
    let mut children = node.children();
    children.reverse();
    children
}
