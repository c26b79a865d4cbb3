//! Rendering: an [`Article`] to semantic, accessible, bidi-safe HTML with
//! schema.org structured data.
//!
//! This module owns the markup: which elements an article becomes
//! (`<article>`, `<header>`, `<h1>`, `<time>`, `<figure>`, `<blockquote>`,
//! `<nav>` …), what each [annotation](crate::annotate::Annotation) becomes
//! ([`annotations`]), how each text's marks, annotations and bidi isolates
//! nest, and the display-only typography options. All markup goes through
//! [`html::HtmlWriter`], whose text and attribute methods escape and whose
//! URL attributes pass the [URL policy](crate::url), so no input can
//! produce a tag or attribute the renderer did not choose. With default
//! options the visible text is exactly the publisher's text.
//!
//! # Hooks for the reader bundle
//!
//! Every body block element carries `data-block="<block id>"`, and every
//! **text container** — the element whose text is exactly one
//! [`Text`] of the model — carries `data-text="<text id>"`
//! ([`TextId`]: `headline`, `p-kd3mq2xa`, `q-ab2c3d4e/attribution`,
//! `l-a2b3c4d5/1`). The text content of a container is the model's text,
//! character for character (the typography options substitute one
//! character for one, so offsets still agree), so a DOM range maps back to
//! text offsets exactly. Text the renderer writes itself — labels, display
//! dates, the heading of the related links — is outside every container
//! and inside an element marked `data-added`.
//!
//! ```
//! use rtl_article::model::{Article, Block};
//! use rtl_article::render::{render, RenderOptions};
//! let mut article = Article::new("روسيا ترفض أي اتفاق");
//! article.published = "2017-05-27".parse().ok();
//! article.body.push(Block::paragraph("نقلت وكالة Interfax عن المصدر").with_id("p1"));
//! let html = render(&article, &[], &RenderOptions::default());
//! assert!(html.starts_with(r#"<article dir="rtl" lang="ar" class="rtl-article">"#));
//! assert!(html.contains(r#"<h1 data-text="headline">روسيا ترفض أي اتفاق</h1>"#));
//! assert!(html.contains(r#"<time datetime="2017-05-27">27 مايو 2017</time>"#));
//! assert!(html.contains(r#"<p data-block="p1" data-text="p1">نقلت وكالة <bdi dir="ltr" lang="en">Interfax</bdi>"#));
//! ```

use crate::annotate::catalog::Catalog;
use crate::annotate::Annotation;
use crate::model::{Article, Block, BlockKind, Dir, Figure, Link, Mark, Part, Text, TextId};
use crate::text::bidi::{self, RunScript};
use crate::url::safe_url;

pub mod annotations;
pub mod html;
pub mod inline;
pub mod jsonld;
pub mod labels;
pub mod notes;
pub mod typography;

pub use annotations::LinkPolicy;
use annotations::Overlay;
use html::HtmlWriter;
use inline::Event;
use labels::Labels;
use typography::Substitutions;

/// The stylesheet, inlined by [`render_page`] and adopted by the browser
/// shell; also usable on its own (`www/rtl-article.css`).
pub const STYLESHEET: &str = include_str!("../../www/rtl-article.css");

/// How quotation marks are displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteStyle {
    /// As the publisher typed them.
    #[default]
    Keep,
    /// “…” and balanced straight "…" become «…» (Arabic, Persian
    /// convention); apostrophes and unbalanced marks are left alone.
    Guillemets,
}

/// How digits are displayed (attribute values such as `datetime` never change).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DigitStyle {
    /// As the publisher typed them.
    #[default]
    Keep,
    /// Shown as Western digits 0-9 (٠-٩ and ۰-۹ become 0-9).
    Western,
    /// Shown as Arabic-Indic digits ٠-٩, except inside URLs, e-mail
    /// addresses, words with Latin letters and Latin names ("iPhone 15").
    ArabicIndic,
}

/// Options for [`render`] and [`render_page`].
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Quotation marks.
    pub quotes: QuoteStyle,
    /// Digits.
    pub digits: DigitStyle,
    /// The `lang` given to isolated runs of Latin letters in a right-to-left
    /// article (screen readers switch voice on it). Default `en`.
    pub latin_lang: String,
    /// The `lang` given to isolated runs of Arabic letters in a
    /// left-to-right article. Default `ar`. (Hebrew runs get `he`.)
    pub rtl_lang: String,
    /// Which mentions of a catalog entity become links.
    pub links: LinkPolicy,
    /// Include a schema.org `NewsArticle` JSON-LD script. Default true.
    pub jsonld: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            quotes: QuoteStyle::Keep,
            digits: DigitStyle::Keep,
            latin_lang: "en".to_string(),
            rtl_lang: "ar".to_string(),
            links: LinkPolicy::FirstMention,
            jsonld: true,
        }
    }
}

/// Render `article` as an HTML fragment: one `<article>` element, with
/// `annotations` (from [`Annotator::annotate`](crate::annotate::Annotator::annotate))
/// marked up in the texts they name.
pub fn render(article: &Article, annotations: &[Annotation], options: &RenderOptions) -> String {
    Render::new(article, options).annotations(annotations).fragment()
}

/// One render of an article: its annotations and the catalog they were
/// found with (for the entity cards' names and descriptions in the
/// JSON-LD `mentions`), as a fragment ([`render`]) or a page
/// ([`render_page`]).
///
/// ```
/// use rtl_article::annotate::catalog::Catalog;
/// use rtl_article::model::{Article, Block};
/// use rtl_article::render::{Render, RenderOptions};
/// let catalog = Catalog::from_json(r#"[{"id": "raqqa", "type": "place", "names": ["الرقة"], "description": "مدينة سورية"}]"#).unwrap();
/// let mut article = Article::new("عنوان");
/// article.body.push(Block::paragraph("دخلت القوات الرقة").with_id("p1"));
/// let found = rtl_article::annotate::Annotator::new().catalog(catalog.clone()).annotate(&article);
/// let options = RenderOptions::default();
/// let html = Render::new(&article, &options).annotations(&found).catalog(Some(&catalog)).fragment();
/// assert!(html.contains(r#""description":"مدينة سورية""#));
/// ```
#[derive(Clone, Copy)]
pub struct Render<'a> {
    article: &'a Article,
    annotations: &'a [Annotation],
    catalog: Option<&'a Catalog>,
    options: &'a RenderOptions,
    /// The body's ids, when the caller has them already.
    ids: Option<&'a [String]>,
}

impl<'a> Render<'a> {
    /// A render of `article` with `options`, no annotations.
    pub fn new(article: &'a Article, options: &'a RenderOptions) -> Self {
        Render {
            article,
            annotations: &[],
            catalog: None,
            options,
            ids: None,
        }
    }

    /// The annotations to mark up.
    pub fn annotations(mut self, annotations: &'a [Annotation]) -> Self {
        self.annotations = annotations;
        self
    }

    /// The catalog the annotations' mentions link to.
    pub fn catalog(mut self, catalog: Option<&'a Catalog>) -> Self {
        self.catalog = catalog;
        self
    }

    /// The body's ids, computed already ([`Article::block_ids`]): deriving
    /// them hashes every block.
    pub(crate) fn block_ids(mut self, ids: &'a [String]) -> Self {
        self.ids = Some(ids);
        self
    }

    /// The `<article>` element.
    pub fn fragment(&self) -> String {
        self.html_and_note_warnings(false).0
    }

    /// The `<article>` element (or with `page`, the page), and the
    /// warnings of [`notes::warnings`] from the same placing of the
    /// notes: the pipeline asks for both, and placing is most of what
    /// notes cost.
    pub(crate) fn html_and_note_warnings(&self, page: bool) -> (String, Vec<String>) {
        let derived;
        let ids = match self.ids {
            Some(ids) => ids,
            None => {
                derived = self.article.block_ids();
                &derived
            }
        };
        let notes = notes::place(self.article, ids);
        let html = if page {
            self.write_page(&notes, ids)
        } else {
            let mut w = HtmlWriter::new();
            self.write_article(&mut w, &notes, ids);
            w.finish()
        };
        (html, notes::warnings_of(&notes))
    }

    fn write_article(&self, w: &mut HtmlWriter, notes: &notes::Notes<'_>, ids: &[String]) {
        let overlays = annotations::overlays(self.annotations, self.options.links);
        let mentions = if self.options.jsonld {
            jsonld::mentions_with_ids(self.article, self.annotations, self.catalog, ids)
        } else {
            Vec::new()
        };
        Renderer::new(w, self.article, &overlays, ids, self.options, notes, mentions).article();
    }
}

/// Render `article` as a complete HTML page (`<!doctype html>`, `<html dir
/// lang>`, `<meta charset>`, viewport, `<title>`, the stylesheet inlined) —
/// what the CLI writes with `--standalone`.
///
/// ```
/// use rtl_article::model::Article;
/// use rtl_article::render::{render_page, RenderOptions};
/// let page = render_page(&Article::new("عنوان <الخبر>"), &[], &RenderOptions::default());
/// assert!(page.starts_with("<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">"));
/// assert!(page.contains("<title>عنوان &lt;الخبر&gt;</title>"));
/// ```
pub fn render_page(article: &Article, annotations: &[Annotation], options: &RenderOptions) -> String {
    Render::new(article, options).annotations(annotations).page()
}

impl Render<'_> {
    /// A complete HTML page ([`render_page`]).
    pub fn page(&self) -> String {
        self.html_and_note_warnings(true).0
    }

    fn write_page(&self, notes: &notes::Notes<'_>, ids: &[String]) -> String {
        let article = self.article;
        let mut w = HtmlWriter::new();
        w.raw_static("<!doctype html>\n");
        w.open("html");
        w.attr("dir", article.dir.as_str());
        w.attr("lang", &article.lang);
        w.newline();
        w.open("head");
        w.newline();
        w.void("meta");
        w.attr("charset", "utf-8");
        w.newline();
        w.void("meta");
        w.attr("name", "viewport");
        w.attr("content", "width=device-width, initial-scale=1");
        w.newline();
        // The page canvas follows the stylesheet's dark scheme too.
        w.void("meta");
        w.attr("name", "color-scheme");
        w.attr("content", "light dark");
        w.newline();
        w.open("title");
        w.text(&article.headline.text);
        w.close("title");
        w.newline();
        if let Some(s) = &article.standfirst {
            w.void("meta");
            w.attr("name", "description");
            w.attr("content", &s.text);
            w.newline();
        }
        if let Some(url) = article.url.as_deref().and_then(safe_url) {
            w.void("link");
            w.attr("rel", "canonical");
            w.attr("href", &url);
            w.newline();
        }
        w.open("style");
        w.raw_static(STYLESHEET);
        w.close("style");
        w.newline();
        w.close("head");
        w.newline();
        w.open("body");
        w.newline();
        w.open("main");
        w.newline();
        self.write_article(&mut w, notes, ids);
        w.newline();
        w.close("main");
        w.newline();
        w.close("body");
        w.newline();
        w.close("html");
        w.newline();
        w.finish()
    }
}

/// What one inline range becomes.
enum Wrap<'a> {
    Link { href: String, title: Option<&'a str> },
    Emphasis,
    Strong,
    Annotation(&'a Overlay),
    Isolate { dir: &'static str, lang: Option<&'a str> },
}

impl Wrap<'_> {
    fn tag(&self) -> &'static str {
        match self {
            Wrap::Link { .. } => "a",
            Wrap::Emphasis => "em",
            Wrap::Strong => "strong",
            Wrap::Annotation(o) => o.tag,
            Wrap::Isolate { .. } => "bdi",
        }
    }
}

struct Renderer<'w, 'a> {
    w: &'w mut HtmlWriter,
    article: &'a Article,
    options: &'a RenderOptions,
    labels: &'static Labels,
    /// Whether the text flows right to left (decides which runs to isolate).
    rtl: bool,
    /// The annotations' elements, by text.
    overlays: &'a annotations::Overlays,
    /// The body blocks' ids.
    ids: &'a [String],
    /// The editorial notes, placed.
    notes: &'a notes::Notes<'a>,
    /// The JSON-LD `mentions`.
    mentions: Vec<serde_json::Value>,
}

impl<'w, 'a> Renderer<'w, 'a> {
    fn new(
        w: &'w mut HtmlWriter,
        article: &'a Article,
        overlays: &'a annotations::Overlays,
        ids: &'a [String],
        options: &'a RenderOptions,
        notes: &'a notes::Notes<'a>,
        mentions: Vec<serde_json::Value>,
    ) -> Self {
        let rtl = match article.dir {
            Dir::Rtl => true,
            Dir::Ltr => false,
            Dir::Auto => Dir::for_lang(&article.lang) == Dir::Rtl,
        };
        Renderer {
            w,
            article,
            options,
            labels: labels::labels(&article.lang),
            rtl,
            overlays,
            ids,
            notes,
            mentions,
        }
    }

    fn article(&mut self) {
        let a = self.article;
        self.w.open("article");
        self.w.attr("dir", a.dir.as_str());
        self.w.attr("lang", &a.lang);
        self.w.attr("class", "rtl-article");
        self.w.newline();
        self.header();
        if let Some(lead) = &a.lead {
            self.figure(lead, "lead", None, "lead", true);
        }
        if !a.body.is_empty() {
            self.w.open("div");
            self.w.attr("class", "article-body");
            self.w.newline();
            for (block, id) in a.body.iter().zip(self.ids) {
                self.block(block, id);
            }
            self.w.close("div");
            self.w.newline();
        }
        if !self.notes.shown.is_empty() {
            notes::section(self.w, self.notes, self.labels, &notes::heading_id(a));
        }
        self.tags();
        self.related();
        if self.options.jsonld {
            let mut ld = jsonld::news_article(a);
            if !self.mentions.is_empty() {
                ld["mentions"] = serde_json::Value::Array(std::mem::take(&mut self.mentions));
            }
            self.w.json_ld(&ld);
            self.w.newline();
            if !self.notes.shown.is_empty() {
                self.w.json_ld(&notes::collection(a, self.notes));
                self.w.newline();
            }
        }
        self.w.close("article");
    }

    fn header(&mut self) {
        let a = self.article;
        self.w.open("header");
        self.w.newline();
        if let Some(section) = &a.section {
            self.w.open("p");
            self.w.attr("class", "section");
            self.plain(section);
            self.w.close("p");
            self.w.newline();
        }
        self.w.open("h1");
        self.text(&a.headline, TextId::main("headline"));
        self.w.close("h1");
        self.w.newline();
        if let Some(standfirst) = &a.standfirst {
            self.w.open("p");
            self.w.attr("class", "standfirst");
            self.text(standfirst, TextId::main("standfirst"));
            self.w.close("p");
            self.w.newline();
        }
        if let Some(byline) = &a.byline {
            self.w.open("p");
            self.w.attr("class", "byline");
            self.plain(byline);
            self.w.close("p");
            self.w.newline();
        }
        if a.published.is_some() || a.updated.is_some() {
            // Labels and display dates are the renderer's words.
            self.w.open("p");
            self.w.attr("class", "dates");
            self.w.attr("data-added", "");
            let dates = [(&a.published, self.labels.published), (&a.updated, self.labels.updated)];
            let mut first = true;
            for (value, label) in dates {
                let Some(value) = value.as_ref() else { continue };
                if !first {
                    self.w.text(" ");
                }
                first = false;
                self.w.open("span");
                self.w.attr("class", "label");
                self.w.text(label);
                self.w.close("span");
                self.w.text(" ");
                self.date(value);
            }
            self.w.close("p");
            self.w.newline();
        }
        self.w.close("header");
        self.w.newline();
    }

    /// `<time datetime>` with the date as people write it.
    fn date(&mut self, value: &crate::date::Timestamp) {
        let shown = labels::display_date(value.date(), &self.article.lang);
        self.w.open("time");
        self.w.attr("datetime", value.as_str());
        let subs = Substitutions::new(&shown, QuoteStyle::Keep, self.options.digits);
        self.w.text(&subs.apply(&shown, 0));
        self.w.close("time");
    }

    fn block(&mut self, block: &Block, id: &str) {
        let text_id = |part: Part| TextId {
            block: id.to_string(),
            part,
        };
        match &block.kind {
            BlockKind::Paragraph { text } => {
                self.w.open("p");
                self.w.attr("data-block", id);
                self.text(text, text_id(Part::Main));
                self.w.close("p");
            }
            BlockKind::Heading { level, text } => {
                let tag = match level {
                    0..=2 => "h2",
                    3 => "h3",
                    4 => "h4",
                    5 => "h5",
                    _ => "h6",
                };
                self.w.open(tag);
                self.w.attr("data-block", id);
                self.text(text, text_id(Part::Main));
                self.w.close(tag);
            }
            BlockKind::Blockquote {
                text,
                attribution,
                cite,
            } => {
                // The attribution goes outside the quotation (HTML spec):
                // figure > blockquote + figcaption.
                if attribution.is_some() {
                    self.w.open("figure");
                    self.w.attr("class", "quote");
                    self.w.attr("data-block", id);
                }
                self.w.open("blockquote");
                if attribution.is_none() {
                    self.w.attr("data-block", id);
                }
                if let Some(cite) = cite {
                    self.w.url_attr("cite", cite);
                }
                self.w.open("p");
                self.text(text, text_id(Part::Main));
                self.w.close("p");
                self.w.close("blockquote");
                if let Some(attribution) = attribution {
                    self.w.open("figcaption");
                    self.w.attr("class", "attribution");
                    self.text(attribution, text_id(Part::Attribution));
                    self.w.close("figcaption");
                    self.w.close("figure");
                }
            }
            BlockKind::PullQuote { text, attribution } => {
                // A labelled aside: screen readers can tell (and skip) the
                // repeated phrase instead of reading it as body text.
                self.w.open("aside");
                self.w.attr("class", "pull-quote");
                self.w.attr("data-block", id);
                self.w.attr("aria-label", self.labels.pull_quote);
                self.w.open("p");
                self.text(text, text_id(Part::Main));
                self.w.close("p");
                if let Some(attribution) = attribution {
                    self.w.open("p");
                    self.w.attr("class", "attribution");
                    self.text(attribution, text_id(Part::Attribution));
                    self.w.close("p");
                }
                self.w.close("aside");
            }
            BlockKind::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                self.w.open(tag);
                self.w.attr("data-block", id);
                for (j, item) in items.iter().enumerate() {
                    self.w.open("li");
                    self.text(item, text_id(Part::Item(j)));
                    self.w.close("li");
                }
                self.w.close(tag);
            }
            BlockKind::Figure(figure) => {
                self.figure(figure, "figure", Some(id), id, false);
                return;
            }
            BlockKind::Related { title, links } => {
                self.w.open("aside");
                self.w.attr("class", "related-box");
                self.w.attr("data-block", id);
                self.w
                    .attr("aria-label", title.as_deref().unwrap_or(self.labels.read_also));
                if let Some(title) = title {
                    self.w.open("p");
                    self.w.attr("class", "related-title");
                    self.plain(title);
                    self.w.close("p");
                }
                self.links(links);
                self.w.close("aside");
            }
        }
        self.w.newline();
    }

    /// A figure: the image only when its `src` passes the URL policy, then
    /// the caption (a text container of its own) and the credit. Nothing
    /// at all when there is nothing to show. `block` is the body block's
    /// id (`None` for the lead); `text` names the caption.
    fn figure(&mut self, figure: &Figure, class: &'static str, block: Option<&str>, text: &str, lead: bool) {
        let src = figure.src.as_deref().and_then(safe_url);
        let caption = figure.caption.as_ref().filter(|c| !c.is_empty());
        let credit = figure.credit.as_deref().filter(|c| !c.trim().is_empty());
        if src.is_none() && caption.is_none() && credit.is_none() {
            return;
        }
        self.w.open("figure");
        self.w.attr("class", class);
        if let Some(block) = block {
            self.w.attr("data-block", block);
        }
        if let Some(src) = &src {
            self.w.void("img");
            self.w.attr("src", src);
            match (&figure.alt, caption) {
                (Some(alt), _) => self.w.attr("alt", alt),
                // A figcaption describes an image without alt; with neither,
                // alt="" rather than the file name read aloud.
                (None, Some(_)) => {}
                (None, None) => self.w.attr("alt", ""),
            }
            if let Some(width) = figure.width {
                self.w.attr("width", &width.to_string());
            }
            if let Some(height) = figure.height {
                self.w.attr("height", &height.to_string());
            }
            // The lead image is usually the largest above the fold: load it now.
            self.w.attr("loading", if lead { "eager" } else { "lazy" });
            self.w.attr("decoding", "async");
        }
        if caption.is_some() || credit.is_some() {
            self.w.open("figcaption");
            if let Some(caption) = caption {
                self.w.open("span");
                self.w.attr("class", "caption");
                self.text(caption, TextId::main(text));
                self.w.close("span");
            }
            if let Some(credit) = credit {
                self.w.open("small");
                self.w.attr("class", "credit");
                // The space that separates it from the caption is the
                // credit's, so the caption's container holds the caption only.
                if caption.is_some() {
                    self.w.text(" ");
                }
                self.plain(credit);
                self.w.close("small");
            }
            self.w.close("figcaption");
        }
        self.w.close("figure");
        self.w.newline();
    }

    fn tags(&mut self) {
        if self.article.tags.is_empty() {
            return;
        }
        self.w.open("footer");
        self.w.attr("class", "article-footer");
        self.w.open("ul");
        self.w.attr("class", "tags");
        self.w.attr("aria-label", self.labels.tags);
        for tag in &self.article.tags {
            self.w.open("li");
            self.plain(tag);
            self.w.close("li");
        }
        self.w.close("ul");
        self.w.close("footer");
        self.w.newline();
    }

    fn related(&mut self) {
        if self.article.related.is_empty() {
            return;
        }
        self.w.open("nav");
        self.w.attr("class", "related");
        self.w.attr("aria-label", self.labels.related);
        self.w.open("h2");
        self.w.attr("data-added", "");
        self.w.text(self.labels.related);
        self.w.close("h2");
        self.links(&self.article.related);
        self.w.close("nav");
        self.w.newline();
    }

    /// A list of links; a link whose URL fails the allowlist is plain text.
    fn links(&mut self, links: &[Link]) {
        self.w.open("ul");
        for link in links {
            self.w.open("li");
            match safe_url(&link.url) {
                Some(url) => {
                    self.w.open("a");
                    self.w.attr("href", &url);
                    self.plain(&link.title);
                    self.w.close("a");
                }
                None => self.plain(&link.title),
            }
            self.w.close("li");
        }
        self.w.close("ul");
    }

    /// A string without marks or overlays (byline, section, credit, link
    /// titles): isolated and typeset like any text.
    fn plain(&mut self, s: &str) {
        self.inline(&Text::plain(s), None);
    }

    /// A text container's content: the `data-text` attribute on the element
    /// just opened, then the text with its marks and annotations.
    fn text(&mut self, text: &Text, id: TextId) {
        self.w.attr("data-text", &id.to_string());
        self.inline(text, Some(&id));
    }

    /// A text with its marks, the annotations of text `id` and bidi
    /// isolates, nested by [`inline::nest`].
    fn inline(&mut self, text: &Text, id: Option<&TextId>) {
        let options = self.options;
        let mut wraps: Vec<Wrap<'_>> = Vec::new();
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        // Nested <a> is invalid HTML: keep the first link over any stretch.
        let mut links: Vec<(usize, usize)> = Vec::new();
        let overlaps = |links: &[(usize, usize)], s: usize, e: usize| links.iter().any(|&(ls, le)| s < le && ls < e);

        for span in &text.spans {
            let wrap = match &span.mark {
                Mark::Link { href, title } => match safe_url(href) {
                    Some(href) if !overlaps(&links, span.start, span.end) => {
                        links.push((span.start, span.end));
                        Wrap::Link {
                            href,
                            title: title.as_deref(),
                        }
                    }
                    _ => continue,
                },
                Mark::Emphasis => Wrap::Emphasis,
                Mark::Strong => Wrap::Strong,
            };
            wraps.push(wrap);
            ranges.push((span.start, span.end));
        }
        let all: &'a annotations::Overlays = self.overlays;
        let overlays = id.and_then(|id| all.get(id)).map(Vec::as_slice).unwrap_or_default();
        for overlay in overlays {
            if overlay.tag == "a" {
                if overlaps(&links, overlay.start, overlay.end) {
                    continue;
                }
                links.push((overlay.start, overlay.end));
            }
            wraps.push(Wrap::Annotation(overlay));
            ranges.push((overlay.start, overlay.end));
        }
        let runs = if self.rtl {
            bidi::ltr_runs(&text.text)
        } else {
            bidi::rtl_runs(&text.text)
        };
        let latin_runs: Vec<(usize, usize)> = runs
            .iter()
            .filter(|r| r.script == RunScript::Latin)
            .map(|r| (r.start, r.end))
            .collect();
        let first_isolate = wraps.len();
        for run in runs {
            let lang = match run.script {
                RunScript::Latin if self.rtl => Some(options.latin_lang.as_str()),
                RunScript::Arabic if !self.rtl => Some(options.rtl_lang.as_str()),
                RunScript::Hebrew if !self.rtl => Some("he"),
                _ => None,
            };
            let dir = if self.rtl { "ltr" } else { "rtl" };
            wraps.push(Wrap::Isolate {
                dir,
                lang: lang.filter(|l| !l.is_empty()),
            });
            ranges.push((run.start, run.end));
        }

        // Note markers go where no element is open (see `notes`).
        let notes: &'a notes::Notes<'a> = self.notes;
        let markers: &[(usize, usize)] = match id {
            Some(id) if !notes.markers.is_empty() => {
                let id = id.to_string();
                notes.markers.iter().find(|(t, _)| *t == id).map(|(_, m)| m.as_slice())
            }
            _ => None,
        }
        .unwrap_or_default();
        if wraps.is_empty() && markers.is_empty() {
            // Nothing to nest: the text as one segment.
            let subs = Substitutions::with_latin_runs(&text.text, options.quotes, options.digits, &[]);
            self.segment(&text.text, &subs, 0..text.text.len());
            return;
        }

        // Isolates must stay whole (a split isolate reorders its pieces):
        // split the marks and overlays that cross one instead.
        // Isolates were pushed last, so they start at `first_isolate`.
        let (others, isolates) = ranges.split_at(first_isolate);
        let pieces = inline::split_crossing(others, isolates);
        let owners: Vec<usize> = pieces.iter().map(|p| p.2).chain(first_isolate..wraps.len()).collect();
        let nested: Vec<(usize, usize)> = pieces
            .iter()
            .map(|p| (p.0, p.1))
            .chain(isolates.iter().copied())
            .collect();

        let subs = Substitutions::with_latin_runs(&text.text, options.quotes, options.digits, &latin_runs);
        // `depth` counts the open elements, `at` is how far the text has
        // been written.
        let mut next = 0;
        let mut depth = 0usize;
        let mut at = 0;
        for event in inline::nest(&text.text, &nested) {
            match event {
                Event::Open(i) => {
                    if depth == 0 {
                        self.markers_up_to(markers, &mut next, at);
                    }
                    depth += 1;
                    self.open_wrap(&wraps[owners[i]]);
                }
                Event::Close(i) => {
                    depth = depth.saturating_sub(1);
                    self.w.close(wraps[owners[i]].tag());
                }
                Event::Text(r) => {
                    let mut from = r.start;
                    if depth == 0 {
                        self.markers_up_to(markers, &mut next, from);
                        while let Some(&(byte, _)) = markers.get(next).filter(|m| m.0 < r.end) {
                            self.segment(&text.text, &subs, from..byte.max(from));
                            from = byte.max(from);
                            self.markers_up_to(markers, &mut next, from);
                        }
                    }
                    self.segment(&text.text, &subs, from..r.end);
                    at = r.end;
                }
            }
        }
        self.markers_up_to(markers, &mut next, usize::MAX);
    }

    /// Text bytes `r` of `text`, with the display substitutions.
    fn segment(&mut self, text: &str, subs: &Substitutions, r: std::ops::Range<usize>) {
        if r.is_empty() {
            return;
        }
        let segment = &text[r.clone()];
        if subs.is_empty() {
            self.w.text(segment);
        } else {
            self.w.text(&subs.apply(segment, r.start));
        }
    }

    /// The note markers from `next` on that sit at or before byte `at`.
    fn markers_up_to(&mut self, markers: &[(usize, usize)], next: &mut usize, at: usize) {
        while let Some(&(byte, shown)) = markers.get(*next) {
            if byte > at {
                break;
            }
            notes::marker(self.w, &self.notes.shown[shown], self.labels);
            *next += 1;
        }
    }

    fn open_wrap(&mut self, wrap: &Wrap<'_>) {
        self.w.open(wrap.tag());
        match wrap {
            Wrap::Link { href, title } => {
                self.w.attr("href", href);
                if let Some(title) = title {
                    self.w.attr("title", title);
                }
            }
            Wrap::Emphasis | Wrap::Strong => {}
            Wrap::Annotation(overlay) => {
                for (name, value) in &overlay.attrs {
                    if *name == "href" {
                        self.w.url_attr(name, value);
                    } else {
                        self.w.attr(name, value);
                    }
                }
            }
            Wrap::Isolate { dir, lang } => {
                self.w.attr("dir", dir);
                if let Some(lang) = lang {
                    self.w.attr("lang", lang);
                }
            }
        }
    }
}
