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
//! * **Inline** — `a[href]` (http, https, mailto, tel or relative; other
//!   schemes lose the link but keep the text), `em`/`i`, `strong`/`b`, `br`
//!   (a line feed). Any other inline element is unwrapped: its text stays.
//! * **Dropped** — `script`, `style`, `iframe`, forms and their controls,
//!   media and embeds, `template`, `noscript`, `svg`, `table`, elements that are
//!   `hidden`, `aria-hidden`, `display:none`, or whose class or id names an
//!   ad, share bar, newsletter, comments or similar widget. Attributes are
//!   never copied, so event handlers and inline styles cannot survive.
//!
//! White space collapses as a browser would (runs of spaces, tabs and line
//! breaks become one space; no-break spaces stay), and C0 control
//! characters are removed.
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

use std::collections::BTreeMap;

use super::json::{check_article, check_block_count, check_text_size, is_iso_date, is_language_tag};
use super::{Imported, Limits};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Article, Block, Dir, Figure, Link, Mark, Publisher, Span, Text};

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
            Block::Paragraph { text } => Some(text.text.as_str()),
            _ => None,
        });
        let stem = description.trim_end_matches(['.', '…']).trim_end();
        let repeats = first.is_some_and(|p| p.starts_with(stem));
        (!repeats && !description.is_empty()).then(|| Text::plain(description))
    });
    let mut warnings = std::mem::take(warnings);
    for (name, what) in [("published", published.take()), ("updated", updated.take())] {
        let meta = if name == "published" {
            "article:published_time"
        } else {
            "article:modified_time"
        };
        let value = what.or_else(|| survey.meta(meta));
        match value {
            Some(v) if is_iso_date(&v) => {
                if name == "published" {
                    article.published = Some(v);
                } else {
                    article.updated = Some(v);
                }
            }
            Some(v) => warnings.push(format!("html: {name} date {v:?} is not ISO 8601; ignored")),
            None => {}
        }
    }
    article.section = survey.meta("article:section");
    for tag in survey.metas("article:tag") {
        if !article.tags.contains(&tag) {
            article.tags.push(tag);
        }
    }
    article.url = survey
        .canonical
        .clone()
        .or_else(|| survey.meta("og:url"))
        .filter(|u| url_is_clean(u));
    article.publisher = survey.meta("og:site_name").map(|name| Publisher {
        name,
        url: None,
        logo: None,
    });

    for (name, count) in &walker.dropped {
        warnings.push(format!("html: dropped {count} {name}"));
    }
    if walker.unsafe_links > 0 {
        warnings.push(format!(
            "html: removed {} link(s) with a disallowed URL scheme (text kept)",
            walker.unsafe_links
        ));
    }
    check_article(&article, limits)?;
    Ok(Imported { article, warnings })
}

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "form", "input", "button", "select", "textarea", "option",
    "label", "fieldset", "noscript", "template", "object", "embed", "applet", "svg", "math", "canvas", "video",
    "audio", "source", "track", "map", "area", "dialog", "link", "meta", "head", "title", "base", "table", "ins",
    "marquee", "slot", "portal",
];

/// Elements that start a new block when met in running text.
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "dd",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "center",
];

/// Words in a class or id that mark a page widget rather than article text.
const WIDGET_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adsbygoogle",
    "sponsor",
    "sponsored",
    "promo",
    "banner",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "comments",
    "comment",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "outbrain",
    "taboola",
];

/// Class words that mark a standfirst.
const STANDFIRST_WORDS: &[&str] = &[
    "standfirst",
    "dek",
    "summary",
    "excerpt",
    "subtitle",
    "strapline",
    "sub-title",
];

/// A candidate root: the node, its depth-first index range, and whether an
/// `<h1>` lies inside.
struct Candidate<N> {
    node: N,
    start: usize,
    end: usize,
    has_h1: bool,
}

/// What one pass over the whole tree learns before the article is read.
struct Survey<N> {
    html_lang: Option<String>,
    html_dir: Option<String>,
    title: Option<String>,
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    articles: Vec<Candidate<N>>,
    main: Option<Candidate<N>>,
    body: Option<Candidate<N>>,
    /// Outermost `<aside>`s with their depth-first index.
    asides: Vec<(usize, N)>,
}

/// Which candidate a stack frame's element is, so its end can be recorded.
#[derive(Clone, Copy)]
enum Owner {
    Nothing,
    Article(usize),
    Main,
    Body,
}

/// One level of the iterative depth-first walk.
struct Frame<N> {
    /// Children still to visit, last first.
    nodes: Vec<N>,
    /// Inside `aside`, `nav` or `footer`: articles there are teasers.
    in_chrome: bool,
    /// The innermost enclosing candidate article.
    article: Option<usize>,
    /// The element whose children these are.
    owner: Owner,
}

/// Collapse white space as a browser shows it and drop control characters.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_collapsible) {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{000C}')
}

/// The concatenated text of a subtree, skipping dropped elements
/// (iterative: deep trees are no danger).
fn text_content<N: MarkupNode>(node: &N) -> String {
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

fn reversed_children<N: MarkupNode>(node: &N) -> Vec<N> {
    let mut children = node.children();
    children.reverse();
    children
}

impl<N: MarkupNode> Survey<N> {
    /// One depth-first pass over everything under `root` (inclusive).
    fn take(root: &N) -> Survey<N> {
        let mut survey = Survey {
            html_lang: None,
            html_dir: None,
            title: None,
            metas: Vec::new(),
            canonical: None,
            articles: Vec::new(),
            main: None,
            body: None,
            asides: Vec::new(),
        };
        let mut index = 0usize;
        let mut stack = vec![Frame {
            nodes: vec![root.clone()],
            in_chrome: false,
            article: None,
            owner: Owner::Nothing,
        }];
        while let Some(frame) = stack.last_mut() {
            let Some(node) = frame.nodes.pop() else {
                let owner = frame.owner;
                stack.pop();
                survey.close(owner, index);
                continue;
            };
            let (in_chrome, article) = (frame.in_chrome, frame.article);
            let this = index;
            index += 1;
            let Some(name) = node.element_name() else {
                if node.text().is_none() {
                    // A document or fragment node: look inside.
                    let nodes = reversed_children(&node);
                    stack.push(Frame {
                        nodes,
                        in_chrome,
                        article,
                        owner: Owner::Nothing,
                    });
                }
                continue;
            };
            if name == "h1" {
                if let Some(a) = article.and_then(|a| survey.articles.get_mut(a)) {
                    a.has_h1 = true;
                }
            }
            let owner = survey.note(&node, &name, this, in_chrome);
            // Look inside <head> for metadata, but not into scripts and the like.
            if name == "title" || (name != "head" && DROPPED.contains(&name.as_str())) {
                continue;
            }
            let nodes = reversed_children(&node);
            let article = if let Owner::Article(a) = owner {
                Some(a)
            } else {
                article
            };
            let in_chrome = in_chrome || matches!(name.as_str(), "aside" | "nav" | "footer");
            stack.push(Frame {
                nodes,
                in_chrome,
                article,
                owner,
            });
        }
        survey
    }

    fn close(&mut self, owner: Owner, end: usize) {
        let candidate = match owner {
            Owner::Nothing => None,
            Owner::Article(i) => self.articles.get_mut(i),
            Owner::Main => self.main.as_mut(),
            Owner::Body => self.body.as_mut(),
        };
        if let Some(c) = candidate {
            c.end = end;
        }
    }

    /// Record what an element tells about the page.
    fn note(&mut self, node: &N, name: &str, index: usize, in_chrome: bool) -> Owner {
        let candidate = |node: &N| Candidate {
            node: node.clone(),
            start: index,
            end: usize::MAX,
            has_h1: false,
        };
        match name {
            "html" if self.html_lang.is_none() && self.html_dir.is_none() => {
                self.html_lang = node
                    .attr("lang")
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty());
                self.html_dir = node.attr("dir");
            }
            "title" if self.title.is_none() => {
                self.title = Some(collapse(&text_content(node))).filter(|t| !t.is_empty());
            }
            "meta" => {
                let key = node.attr("property").or_else(|| node.attr("name"));
                if let (Some(key), Some(content)) = (key, node.attr("content")) {
                    let content = collapse(&content);
                    if !content.is_empty() {
                        self.metas.push((key.trim().to_ascii_lowercase(), content));
                    }
                }
            }
            "link" if self.canonical.is_none() => {
                let rel = node.attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    self.canonical = node.attr("href").map(|h| h.trim().to_string());
                }
            }
            "article" if !in_chrome => {
                self.articles.push(candidate(node));
                return Owner::Article(self.articles.len() - 1);
            }
            "main" if self.main.is_none() && !in_chrome => {
                self.main = Some(candidate(node));
                return Owner::Main;
            }
            "body" if self.body.is_none() => {
                self.body = Some(candidate(node));
                return Owner::Body;
            }
            "aside" if !in_chrome => self.asides.push((index, node.clone())),
            _ => {}
        }
        Owner::Nothing
    }

    /// The article root and its index range.
    fn root(&self, given: &N) -> (N, usize, usize) {
        let chosen = self
            .articles
            .iter()
            .find(|a| a.has_h1)
            .or(self.articles.first())
            .or(self.main.as_ref())
            .or(self.body.as_ref());
        match chosen {
            Some(c) => (c.node.clone(), c.start, c.end),
            None => (given.clone(), 0, usize::MAX),
        }
    }

    fn meta(&self, key: &str) -> Option<String> {
        self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    fn metas(&self, key: &str) -> Vec<String> {
        self.metas
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    fn fallback_headline(&self) -> Option<String> {
        if let Some(t) = self.meta("og:title") {
            return Some(t);
        }
        let title = self.title.clone()?;
        // "Headline | Site" or "Headline - Site": drop the site name.
        for sep in [" | ", " - ", " — ", " – "] {
            if let Some((head, _site)) = title.rsplit_once(sep) {
                if !head.trim().is_empty() {
                    return Some(head.trim().to_string());
                }
            }
        }
        Some(title)
    }
}

/// Where in the article the walker is.
#[derive(Clone, Copy)]
struct Ctx {
    /// Inside an `<article>` element (so `nav` is the article's own).
    in_article: bool,
    /// Inside the article's `<header>`.
    in_header: bool,
    /// A direct child of the root (site chrome lives here when the root is
    /// `<body>` or `<main>`).
    top: bool,
}

/// Builds one [`Text`] from running markup: collapses white space as a
/// browser does and records marks as byte spans.
#[derive(Default)]
struct InlineBuilder {
    text: Text,
    /// Collapsed white space seen but not yet written (written only if more
    /// text follows, so blocks never start or end with a space).
    pending_space: bool,
}

impl InlineBuilder {
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if is_collapsible(c) {
                if !self.text.text.is_empty() && !self.text.text.ends_with('\n') {
                    self.pending_space = true;
                }
            } else if c.is_control() {
                // C0/C1 controls have no visible form; a browser shows nothing.
            } else {
                if self.pending_space {
                    self.text.text.push(' ');
                    self.pending_space = false;
                }
                self.text.text.push(c);
            }
        }
    }

    /// A block boundary inside running text (a `<p>` in an `<li>`): a space.
    fn boundary(&mut self) {
        if !self.text.text.is_empty() && !self.text.text.ends_with('\n') {
            self.pending_space = true;
        }
    }

    fn line_break(&mut self) {
        if !self.text.text.is_empty() {
            self.text.text.push('\n');
        }
        self.pending_space = false;
    }

    /// Start a mark; returns the handle for [`InlineBuilder::close`].
    fn open(&mut self, mark: Mark) -> usize {
        let start = self.text.text.len();
        self.text.spans.push(Span {
            start,
            end: start,
            mark,
        });
        self.text.spans.len() - 1
    }

    fn close(&mut self, handle: usize) {
        let end = self.text.text.len();
        let text = &self.text.text;
        if let Some(span) = self.text.spans.get_mut(handle) {
            // A space written at the start belongs before the mark.
            while span.start < end && text.as_bytes().get(span.start) == Some(&b' ') {
                span.start += 1;
            }
            span.end = end;
        }
    }

    fn is_blank(&self) -> bool {
        self.text.text.trim().is_empty()
    }

    fn finish(self) -> Text {
        let mut text = self.text;
        let trimmed = text.text.trim_end_matches([' ', '\n']).len();
        text.text.truncate(trimmed);
        for span in &mut text.spans {
            span.end = span.end.min(trimmed);
            span.start = span.start.min(span.end);
        }
        text.normalize_spans();
        text
    }
}

/// The split words of an element's `class` and `id`.
fn class_words<N: MarkupNode>(node: &N) -> Vec<String> {
    let mut words = Vec::new();
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            for token in value.split_whitespace() {
                let token = token.to_ascii_lowercase();
                words.extend(token.split(['-', '_']).filter(|w| !w.is_empty()).map(str::to_string));
                words.push(token);
            }
        }
    }
    words
}

/// Hidden, or a widget (ad, share bar, newsletter box …) by its class or id.
fn is_widget_or_hidden<N: MarkupNode>(node: &N) -> bool {
    if node.attr("hidden").is_some() || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if node.attr("style").is_some_and(|s| {
        s.replace(char::is_whitespace, "")
            .to_ascii_lowercase()
            .contains("display:none")
    }) {
        return true;
    }
    class_words(node).iter().any(|w| WIDGET_WORDS.contains(&w.as_str()))
}

fn is_byline<N: MarkupNode>(node: &N, name: &str) -> bool {
    name == "address"
        || node
            .attr("rel")
            .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case("author")))
        || node.attr("itemprop").is_some_and(|p| p.trim() == "author")
        || node.attr("class").is_some_and(|c| {
            c.split_whitespace().any(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("byline") || t == "author" || t.ends_with("__author") || t.ends_with("-author")
            })
        })
}

fn is_standfirst<N: MarkupNode>(node: &N) -> bool {
    node.attr("class").is_some_and(|c| {
        c.split_whitespace().any(|t| {
            STANDFIRST_WORDS
                .iter()
                .any(|w| t.eq_ignore_ascii_case(w) || t.to_ascii_lowercase().ends_with(&format!("__{w}")))
        })
    })
}

fn is_pull_quote<N: MarkupNode>(node: &N) -> bool {
    class_words(node)
        .iter()
        .any(|w| matches!(w.as_str(), "pullquote" | "pull"))
}

/// Whether a URL has no control characters (we never pass them on).
fn url_is_clean(url: &str) -> bool {
    !url.is_empty() && !url.chars().any(|c| c.is_control())
}

/// The URL, trimmed, if its scheme is one a reader can follow safely:
/// http, https, mailto, tel, or none (relative).
fn safe_url(raw: &str) -> Option<String> {
    let url = raw.trim();
    if !url_is_clean(url) {
        return None;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']).unwrap_or(url.len());
    match scheme_end {
        Some(i) if i < path_start => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel").then(|| url.to_string())
        }
        _ => Some(url.to_string()),
    }
}

fn dimension<N: MarkupNode>(node: &N, name: &str) -> Option<u32> {
    let value: u64 = node.attr(name)?.trim().parse().ok()?;
    (1..=super::json::MAX_DIMENSION)
        .contains(&value)
        .then_some(value as u32)
}

/// The reading of the article root into blocks.
struct Walker<'l> {
    limits: &'l Limits,
    headline: Option<Text>,
    standfirst: Option<Text>,
    byline: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    lead: Option<Figure>,
    body: Vec<Block>,
    related: Vec<Link>,
    /// Running text not yet inside a block element (text loose in a `div`).
    loose: InlineBuilder,
    /// Images met inside running text, placed after its block.
    pending_figures: Vec<Figure>,
    /// Whether a paragraph has been read (figures before it are the lead).
    seen_paragraph: bool,
    /// How many `<header>`s of the article enclose the walk: loose text
    /// there is the standfirst or metadata (a date as printed), not body.
    header_depth: usize,
    dropped: BTreeMap<String, usize>,
    unsafe_links: usize,
    warnings: Vec<String>,
}

impl<'l> Walker<'l> {
    fn new(limits: &'l Limits) -> Self {
        Walker {
            limits,
            headline: None,
            standfirst: None,
            byline: None,
            published: None,
            updated: None,
            lead: None,
            body: Vec::new(),
            related: Vec::new(),
            loose: InlineBuilder::default(),
            pending_figures: Vec::new(),
            seen_paragraph: false,
            header_depth: 0,
            dropped: BTreeMap::new(),
            unsafe_links: 0,
            warnings: Vec::new(),
        }
    }

    fn drop_element(&mut self, name: &str, why: &str) {
        *self.dropped.entry(format!("<{name}>{why}")).or_insert(0) += 1;
    }

    fn push_block(&mut self, block: Block) -> Result<()> {
        let path = format!("body[{}]", self.body.len());
        let mut texts = Vec::new();
        match &block {
            Block::Paragraph { text } | Block::Heading { text, .. } => texts.push(text),
            Block::Blockquote { text, attribution, .. } | Block::PullQuote { text, attribution } => {
                texts.push(text);
                texts.extend(attribution.iter());
            }
            Block::List { items, .. } => texts.extend(items.iter()),
            Block::Figure(f) => texts.extend(f.caption.iter()),
            Block::Related { .. } => {}
        }
        for t in texts {
            check_text_size(&path, t.text.len(), self.limits)?;
        }
        if matches!(
            block,
            Block::Paragraph { .. } | Block::Heading { .. } | Block::List { .. } | Block::Blockquote { .. }
        ) {
            self.seen_paragraph = true;
        }
        self.body.push(block);
        check_block_count(self.body.len(), self.limits)
    }

    fn place_figure(&mut self, figure: Figure) -> Result<()> {
        if !self.seen_paragraph && self.lead.is_none() {
            self.lead = Some(figure);
            Ok(())
        } else {
            self.push_block(Block::Figure(figure))
        }
    }

    /// End the loose running text: it becomes a paragraph.
    fn flush(&mut self) -> Result<()> {
        let loose = std::mem::take(&mut self.loose);
        if !loose.is_blank() {
            if self.header_depth == 0 {
                self.push_block(Block::Paragraph { text: loose.finish() })?;
            } else if self.standfirst.is_none() && !self.seen_paragraph {
                self.standfirst = Some(loose.finish());
            }
        }
        for figure in std::mem::take(&mut self.pending_figures) {
            self.place_figure(figure)?;
        }
        Ok(())
    }

    fn too_deep() -> Error {
        Error::new(
            ErrorKind::TooLarge,
            format!("html: elements nested more than {MAX_DEPTH} deep; the limit is {MAX_DEPTH}"),
        )
    }

    /// Walk the children of a block container.
    fn blocks<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        for child in node.children() {
            let Some(name) = child.element_name() else {
                if let Some(t) = child.text() {
                    let mut loose = std::mem::take(&mut self.loose);
                    loose.push_text(&t);
                    self.loose = loose;
                }
                continue;
            };
            self.block_element(&child, &name, ctx, depth + 1)?;
        }
        Ok(())
    }

    fn block_element<N: MarkupNode>(&mut self, node: &N, name: &str, ctx: Ctx, depth: usize) -> Result<()> {
        if DROPPED.contains(&name) {
            self.drop_element(name, "");
            return Ok(());
        }
        if is_widget_or_hidden(node) {
            self.drop_element(name, " (ad, widget or hidden)");
            return Ok(());
        }
        if is_byline(node, name) {
            self.flush()?;
            let text = collapse(&text_content(node));
            if self.byline.is_none() && !text.is_empty() {
                self.byline = Some(text);
            }
            self.scan_times(node, depth)?;
            return Ok(());
        }
        if !BLOCK_LEVEL.contains(&name) && !matches!(name, "img" | "picture") {
            // Inline content loose in a container; an inline element that
            // holds blocks (a `<span>` around `<p>`s) is a container.
            let holds_blocks = node
                .children()
                .iter()
                .any(|c| c.element_name().is_some_and(|n| BLOCK_LEVEL.contains(&n.as_str())));
            if holds_blocks {
                return self.blocks(node, Ctx { top: false, ..ctx }, depth);
            }
            let mut loose = std::mem::take(&mut self.loose);
            let result = self.inline_element(node, name, &mut loose, ctx, depth);
            self.loose = loose;
            return result;
        }
        self.flush()?;
        let inner = Ctx { top: false, ..ctx };
        match name {
            "header" | "footer" | "nav" if ctx.top && !ctx.in_article => self.drop_element(name, " (site chrome)"),
            "header" => {
                self.header_depth += 1;
                let walked = self.blocks(
                    node,
                    Ctx {
                        in_header: true,
                        ..inner
                    },
                    depth,
                );
                let flushed = self.flush();
                self.header_depth -= 1;
                walked?;
                flushed?;
            }
            "footer" => {
                // An article footer holds bylines, dates, tags and share
                // bars: keep the byline and dates, drop the rest.
                self.scan_times(node, depth)?;
                self.drop_element(name, "");
            }
            "h1" if self.headline.is_none() => {
                let text = self.inline_text(node, ctx, depth)?;
                if !text.is_empty() {
                    self.headline = Some(text);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<u8>().unwrap_or(2).max(2);
                let text = self.inline_text(node, ctx, depth)?;
                if text.is_empty() {
                    // Nothing to keep.
                } else if (ctx.in_header || is_standfirst(node)) && self.standfirst.is_none() && !self.seen_paragraph {
                    self.standfirst = Some(text);
                } else {
                    self.push_block(Block::Heading { level, text })?;
                }
            }
            "p" => {
                let text = self.inline_text(node, ctx, depth)?;
                if text.is_empty() {
                    // Nothing to keep.
                } else if (ctx.in_header || is_standfirst(node)) && self.standfirst.is_none() && !self.seen_paragraph {
                    self.standfirst = Some(text);
                } else {
                    self.push_block(Block::Paragraph { text })?;
                }
            }
            "blockquote" => self.blockquote(node, ctx, depth)?,
            "ul" | "ol" => {
                let mut items = Vec::new();
                self.list_items(node, ctx, depth, &mut items)?;
                if !items.is_empty() {
                    self.push_block(Block::List {
                        ordered: name == "ol",
                        items,
                    })?;
                }
            }
            "figure" => self.figure(node, ctx, depth)?,
            "img" => {
                if let Some(f) = self.image(node) {
                    self.place_figure(f)?;
                }
            }
            "aside" | "nav" => self.aside(node, name, ctx, depth)?,
            "hr" => {}
            "pre" | "address" | "details" | "summary" | "dl" | "dt" | "dd" | "li" | "figcaption" => {
                // Treated as plain containers of running text.
                self.blocks(node, inner, depth)?;
            }
            "div" | "section" | "article" | "main" | "center" => {
                let inner = Ctx {
                    in_article: ctx.in_article || name == "article",
                    ..inner
                };
                if is_standfirst(node) && self.standfirst.is_none() && !self.seen_paragraph {
                    let text = self.inline_text(node, ctx, depth)?;
                    if !text.is_empty() {
                        self.standfirst = Some(text);
                    }
                } else {
                    self.blocks(node, inner, depth)?;
                }
            }
            _ => self.blocks(node, inner, depth)?,
        }
        self.flush()
    }

    /// Dates from `<time datetime>` anywhere under `node`.
    fn scan_times<N: MarkupNode>(&mut self, node: &N, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        for child in node.children() {
            if child.element_name().as_deref() == Some("time") {
                self.note_time(&child);
            } else {
                self.scan_times(&child, depth + 1)?;
            }
        }
        Ok(())
    }

    fn note_time<N: MarkupNode>(&mut self, node: &N) {
        let Some(datetime) = node.attr("datetime").map(|d| d.trim().to_string()) else {
            return;
        };
        if !is_iso_date(&datetime) {
            self.warnings.push(format!(
                "html: <time datetime={datetime:?}> is not an ISO 8601 date; ignored"
            ));
            return;
        }
        let marked_updated = node.attr("itemprop").is_some_and(|p| p.trim() == "dateModified")
            || class_words(node)
                .iter()
                .any(|w| matches!(w.as_str(), "updated" | "modified"));
        if marked_updated || self.published.is_some() {
            if self.updated.is_none() {
                self.updated = Some(datetime);
            }
        } else {
            self.published = Some(datetime);
        }
    }

    /// The running text inside `node` as one [`Text`]; images met are queued.
    fn inline_text<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<Text> {
        let mut builder = InlineBuilder::default();
        self.inline_children(node, &mut builder, ctx, depth)?;
        Ok(builder.finish())
    }

    fn inline_children<N: MarkupNode>(
        &mut self,
        node: &N,
        builder: &mut InlineBuilder,
        ctx: Ctx,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        for child in node.children() {
            match child.element_name() {
                Some(name) => self.inline_element(&child, &name, builder, ctx, depth + 1)?,
                None => {
                    if let Some(t) = child.text() {
                        builder.push_text(&t);
                    }
                }
            }
        }
        Ok(())
    }

    fn inline_element<N: MarkupNode>(
        &mut self,
        node: &N,
        name: &str,
        builder: &mut InlineBuilder,
        ctx: Ctx,
        depth: usize,
    ) -> Result<()> {
        if DROPPED.contains(&name) {
            self.drop_element(name, "");
            return Ok(());
        }
        if is_widget_or_hidden(node) {
            self.drop_element(name, " (ad, widget or hidden)");
            return Ok(());
        }
        let mark = match name {
            "a" => match node.attr("href") {
                Some(href) => match safe_url(&href) {
                    Some(href) => {
                        let title = node.attr("title").map(|t| collapse(&t)).filter(|t| !t.is_empty());
                        Some(Mark::Link { href, title })
                    }
                    None => {
                        self.unsafe_links += 1;
                        None
                    }
                },
                None => None,
            },
            "em" | "i" => Some(Mark::Emphasis),
            "strong" | "b" => Some(Mark::Strong),
            "br" => {
                builder.line_break();
                return Ok(());
            }
            "img" => {
                if let Some(f) = self.image(node) {
                    self.pending_figures.push(f);
                }
                return Ok(());
            }
            "time" if ctx.in_header => {
                self.note_time(node);
                None
            }
            _ => None,
        };
        let block = BLOCK_LEVEL.contains(&name);
        if block {
            builder.boundary();
        }
        let handle = mark.map(|m| builder.open(m));
        self.inline_children(node, builder, ctx, depth)?;
        if let Some(h) = handle {
            builder.close(h);
        }
        if block {
            builder.boundary();
        }
        Ok(())
    }

    fn image<N: MarkupNode>(&mut self, node: &N) -> Option<Figure> {
        let src = match node.attr("src").or_else(|| node.attr("data-src")) {
            Some(src) => match safe_url(&src) {
                Some(src) => src,
                None => {
                    self.drop_element("img", " (disallowed URL scheme)");
                    return None;
                }
            },
            None => return None,
        };
        let alt = node.attr("alt").map(|a| collapse(&a));
        Some(Figure {
            src: Some(src),
            alt,
            width: dimension(node, "width"),
            height: dimension(node, "height"),
            ..Figure::default()
        })
    }

    fn figure<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<()> {
        let mut figure = Figure::default();
        self.figure_parts(node, &mut figure, ctx, depth)?;
        if figure.src.is_some() || figure.caption.is_some() {
            self.place_figure(figure)?;
        }
        Ok(())
    }

    fn figure_parts<N: MarkupNode>(&mut self, node: &N, figure: &mut Figure, ctx: Ctx, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        for child in node.children() {
            let Some(name) = child.element_name() else {
                continue;
            };
            match name.as_str() {
                "img" if figure.src.is_none() => {
                    if let Some(img) = self.image(&child) {
                        figure.src = img.src;
                        figure.alt = img.alt;
                        figure.width = img.width;
                        figure.height = img.height;
                    }
                }
                "figcaption" => {
                    let mut builder = InlineBuilder::default();
                    for part in child.children() {
                        let part_name = part.element_name();
                        let is_credit = part_name.as_deref() == Some("small")
                            || class_words(&part)
                                .iter()
                                .any(|w| matches!(w.as_str(), "credit" | "copyright" | "source"));
                        if is_credit {
                            let credit = collapse(&text_content(&part));
                            if !credit.is_empty() {
                                figure.credit = Some(credit);
                            }
                        } else if let Some(n) = part_name {
                            self.inline_element(&part, &n, &mut builder, ctx, depth + 1)?;
                        } else if let Some(t) = part.text() {
                            builder.push_text(&t);
                        }
                    }
                    let caption = builder.finish();
                    if !caption.is_empty() {
                        figure.caption = Some(caption);
                    }
                }
                n if DROPPED.contains(&n) => self.drop_element(n, ""),
                _ => self.figure_parts(&child, figure, ctx, depth + 1)?,
            }
        }
        Ok(())
    }

    fn blockquote<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<()> {
        let mut text = InlineBuilder::default();
        let mut attribution = InlineBuilder::default();
        for child in node.children() {
            match child.element_name() {
                Some(n) if n == "footer" || n == "cite" => {
                    attribution.boundary();
                    self.inline_children(&child, &mut attribution, ctx, depth + 1)?;
                }
                Some(n) => self.inline_element(&child, &n, &mut text, ctx, depth + 1)?,
                None => {
                    if let Some(t) = child.text() {
                        text.push_text(&t);
                    }
                }
            }
        }
        if text.is_blank() {
            return Ok(());
        }
        let text = text.finish();
        let attribution = Some(attribution.finish()).filter(|a| !a.is_empty());
        let block = if is_pull_quote(node) {
            Block::PullQuote { text, attribution }
        } else {
            let cite = node.attr("cite").and_then(|c| safe_url(&c));
            Block::Blockquote {
                text,
                attribution,
                cite,
            }
        };
        self.push_block(block)
    }

    fn list_items<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize, items: &mut Vec<Text>) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        for child in node.children() {
            let Some(name) = child.element_name() else {
                continue;
            };
            if name != "li" {
                if DROPPED.contains(&name.as_str()) {
                    self.drop_element(&name, "");
                }
                continue;
            }
            if is_widget_or_hidden(&child) {
                self.drop_element(&name, " (ad, widget or hidden)");
                continue;
            }
            let mut builder = InlineBuilder::default();
            let mut nested = Vec::new();
            for part in child.children() {
                match part.element_name() {
                    Some(n) if n == "ul" || n == "ol" => nested.push(part),
                    Some(n) => self.inline_element(&part, &n, &mut builder, ctx, depth + 1)?,
                    None => {
                        if let Some(t) = part.text() {
                            builder.push_text(&t);
                        }
                    }
                }
            }
            let item = builder.finish();
            if !item.is_empty() {
                items.push(item);
            }
            for list in nested {
                self.list_items(&list, ctx, depth + 1, items)?;
            }
        }
        Ok(())
    }

    /// The links under `node`, and how much of its text they make up.
    fn links_in<N: MarkupNode>(&mut self, node: &N, depth: usize, links: &mut Vec<Link>) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Self::too_deep());
        }
        for child in node.children() {
            let Some(name) = child.element_name() else {
                continue;
            };
            if DROPPED.contains(&name.as_str()) || is_widget_or_hidden(&child) {
                continue;
            }
            if name == "a" {
                let title = collapse(&text_content(&child));
                match child.attr("href").map(|h| safe_url(&h)) {
                    Some(Some(url)) if !title.is_empty() => links.push(Link { title, url }),
                    Some(None) => self.unsafe_links += 1,
                    _ => {}
                }
            } else {
                self.links_in(&child, depth + 1, links)?;
            }
        }
        Ok(())
    }

    /// The heading of a box of links: its first `h2`–`h6`, else `aria-label`.
    fn box_title<N: MarkupNode>(node: &N) -> Option<String> {
        let mut stack = reversed_children(node);
        while let Some(n) = stack.pop() {
            if let Some(name) = n.element_name() {
                if matches!(name.as_str(), "h2" | "h3" | "h4" | "h5" | "h6") {
                    return Some(collapse(&text_content(&n))).filter(|t| !t.is_empty());
                }
                if name != "a" {
                    let mut children = reversed_children(&n);
                    stack.append(&mut children);
                }
            }
        }
        node.attr("aria-label").map(|l| collapse(&l)).filter(|l| !l.is_empty())
    }

    /// An `aside` or `nav` inside the article: a related box, a pull quote,
    /// or a plain container.
    fn aside<N: MarkupNode>(&mut self, node: &N, name: &str, ctx: Ctx, depth: usize) -> Result<()> {
        if name == "aside" && is_pull_quote(node) {
            let mut builder = InlineBuilder::default();
            self.inline_children(node, &mut builder, ctx, depth)?;
            if !builder.is_blank() {
                self.push_block(Block::PullQuote {
                    text: builder.finish(),
                    attribution: None,
                })?;
            }
            return Ok(());
        }
        if name == "nav" && !ctx.in_article {
            self.drop_element(name, " (site navigation)");
            return Ok(());
        }
        let mut links = Vec::new();
        self.links_in(node, depth, &mut links)?;
        let all_text = collapse(&text_content(node)).chars().count();
        let link_text: usize = links.iter().map(|l| l.title.chars().count()).sum();
        if !links.is_empty()
            && link_text * 2 >= all_text.saturating_sub(Self::box_title(node).map_or(0, |t| t.chars().count()))
        {
            self.push_block(Block::Related {
                title: Self::box_title(node),
                links,
            })
        } else if name == "nav" {
            self.drop_element(name, "");
            Ok(())
        } else {
            self.blocks(node, Ctx { top: false, ..ctx }, depth)
        }
    }

    /// Related links from asides outside the article root.
    fn related_outside<N: MarkupNode>(&mut self, survey: &Survey<N>, start: usize, end: usize) -> Result<()> {
        for (index, aside) in &survey.asides {
            if (start..end).contains(index) || is_widget_or_hidden(aside) {
                continue;
            }
            let mut links = Vec::new();
            self.links_in(aside, 0, &mut links)?;
            for link in links {
                if !self.related.contains(&link) {
                    self.related.push(link);
                }
            }
        }
        Ok(())
    }
}
