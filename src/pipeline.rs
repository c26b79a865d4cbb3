//! The pipeline entry: one [`Builder`] for import → annotate → render,
//! with one set of defaults that the CLI, the wasm API, Node and the edge
//! entry all use, so the same article gives byte-identical HTML through
//! every door.
//!
//! The defaults: the JSON input format; the default [`Limits`]; the
//! article's own language and direction; quotation marks and digits as
//! published; Latin runs tagged `en`; JSON-LD on; no annotation unless a
//! catalog, a publication date or the gazetteer is given (or
//! [`Builder::annotate`] says so); the first mention of each entity
//! linked; an `<article>` fragment rather than a whole page.

use std::sync::Arc;

use crate::annotate::catalog::Catalog;
use crate::annotate::{Annotation, Annotator};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::ingest::{self, Imported, Limits};
use crate::model::{Article, Dir};
use crate::render::{self, DigitStyle, LinkPolicy, QuoteStyle, RenderOptions};

/// Which importer reads the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// The documented JSON format (`docs/input-format.md`).
    #[default]
    Json,
    /// Text scraped from a news page ([`ingest::text`]).
    Text,
    /// A CMS page or fragment, through a real HTML5 parser ([`ingest::html`];
    /// native builds with the `html-import` feature).
    Html,
}

impl Format {
    /// The format's name as the CLI and the JS options write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Text => "text",
            Format::Html => "html",
        }
    }
}

/// Builds and runs the pipeline. Setters consume and return the builder,
/// so it can be kept and reused (a compiled catalog is shared, never
/// copied).
///
/// ```
/// use rtl_article::{Builder, Format};
/// let out = Builder::new()
///     .format(Format::Text)
///     .quotes(rtl_article::render::QuoteStyle::Guillemets)
///     .run("عنوان\n\nقال المصدر “لن نسمح بذلك أبدا”.\n")
///     .unwrap();
/// assert!(out.html.contains("«لن نسمح بذلك أبدا»"));
/// assert!(out.annotations.is_empty()); // nothing asked annotation for
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder {
    format: Format,
    limits: Limits,
    lang: Option<String>,
    dir: Option<Dir>,
    render: RenderOptions,
    annotate: Option<bool>,
    catalog: Option<Arc<Catalog>>,
    gazetteer: bool,
    published: Option<Date>,
    page: bool,
    notes: Vec<crate::anchor::w3c::Annotation>,
    /// What reading `notes` warned about.
    note_warnings: Vec<String>,
}

/// What the pipeline made of one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The HTML: an `<article>` fragment, or a whole page with [`Builder::page`].
    pub html: String,
    /// The annotations found (empty when annotation is off).
    pub annotations: Vec<Annotation>,
    /// What the importer dropped or could not read, one line each, naming
    /// the field or line.
    pub warnings: Vec<String>,
    /// The article as imported (with the `lang`/`dir` overrides applied).
    pub article: Article,
}

impl std::fmt::Display for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.html)
    }
}

impl Builder {
    /// Every default (see the [module docs](self)).
    pub fn new() -> Builder {
        Builder::default()
    }

    /// The input format.
    pub fn format(mut self, format: Format) -> Self {
        self.format = format;
        self
    }

    /// The size limits the importer enforces.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Replace the article's language (and, unless [`Builder::dir`] is
    /// given, its direction). Must be a BCP 47 tag.
    pub fn lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Replace the article's direction.
    pub fn dir(mut self, dir: Dir) -> Self {
        self.dir = Some(dir);
        self
    }

    /// How quotation marks are shown.
    pub fn quotes(mut self, quotes: QuoteStyle) -> Self {
        self.render.quotes = quotes;
        self
    }

    /// How digits are shown.
    pub fn digits(mut self, digits: DigitStyle) -> Self {
        self.render.digits = digits;
        self
    }

    /// The `lang` of isolated Latin runs in a right-to-left article.
    pub fn latin_lang(mut self, lang: impl Into<String>) -> Self {
        self.render.latin_lang = lang.into();
        self
    }

    /// The `lang` of isolated Arabic runs in a left-to-right article.
    pub fn rtl_lang(mut self, lang: impl Into<String>) -> Self {
        self.render.rtl_lang = lang.into();
        self
    }

    /// Whether to write the schema.org JSON-LD block (default true).
    pub fn jsonld(mut self, on: bool) -> Self {
        self.render.jsonld = on;
        self
    }

    /// Which mentions become links (default: the first of each entity).
    pub fn links(mut self, policy: LinkPolicy) -> Self {
        self.render.links = policy;
        self
    }

    /// Annotate or not. Without this call, the article is annotated when
    /// a catalog, a publication date or the gazetteer is given.
    pub fn annotate(mut self, on: bool) -> Self {
        self.annotate = Some(on);
        self
    }

    /// Link mentions of the publisher's catalog (compiled once; the
    /// builder and its clones share it).
    pub fn catalog(mut self, catalog: impl Into<Arc<Catalog>>) -> Self {
        self.catalog = Some(catalog.into());
        self
    }

    /// Also find countries and major cities from the built-in gazetteer
    /// (needs the `gazetteer` cargo feature; [`Builder::check`] says so
    /// when it is missing).
    pub fn gazetteer(mut self, on: bool) -> Self {
        self.gazetteer = on;
        self
    }

    /// Resolve relative dates against this day instead of the article's
    /// `published`.
    pub fn published(mut self, date: Date) -> Self {
        self.published = Some(date);
        self
    }

    /// A whole HTML page (doctype, `<head>` with the stylesheet) instead of
    /// an `<article>` fragment.
    pub fn page(mut self, on: bool) -> Self {
        self.page = on;
        self
    }

    /// Editorial notes to show with the article, after any it carries
    /// itself (read them with [`ingest::notes::read`]).
    pub fn notes(mut self, notes: Vec<crate::anchor::w3c::Annotation>) -> Self {
        self.notes = notes;
        self
    }

    /// Editorial notes from their W3C JSON (an `AnnotationCollection`, an
    /// array, one annotation), `path` naming them in errors; warnings are
    /// reported with the output's.
    pub fn notes_json(mut self, value: &serde_json::Value, path: &str) -> Result<Self> {
        let mut warnings = Vec::new();
        self.notes = ingest::notes::read(value, path, &mut warnings)?;
        self.note_warnings = warnings;
        Ok(self)
    }

    /// The limits imports are checked against.
    pub fn input_limits(&self) -> &Limits {
        &self.limits
    }

    /// The input format set.
    pub fn input_format(&self) -> Format {
        self.format
    }

    /// The options as set, for callers that render in several steps.
    pub fn render_options(&self) -> &RenderOptions {
        &self.render
    }

    /// The catalog, when one is set.
    pub fn catalog_ref(&self) -> Option<&Arc<Catalog>> {
        self.catalog.as_ref()
    }

    /// Whether the article will be annotated.
    pub fn annotates(&self) -> bool {
        self.annotate
            .unwrap_or(self.catalog.is_some() || self.published.is_some() || self.gazetteer)
    }

    /// Refuse settings this build cannot honour: a language that is not a
    /// BCP 47 tag, the gazetteer without the `gazetteer` feature, HTML input
    /// without `html-import`.
    pub fn check(&self) -> Result<()> {
        for (name, lang) in [
            ("lang", self.lang.as_deref()),
            ("latinLang", Some(self.render.latin_lang.as_str())),
            ("rtlLang", Some(self.render.rtl_lang.as_str())),
        ] {
            if let Some(lang) = lang.filter(|l| !ingest::check::is_language_tag(l)) {
                return Err(Error::invalid(
                    name,
                    format!("expected a BCP 47 language tag such as \"ar\" or \"ar-EG\", found {lang:?}"),
                ));
            }
        }
        if self.gazetteer && !cfg!(feature = "gazetteer") {
            return Err(Error::invalid(
                "gazetteer",
                "this build has no gazetteer (the `gazetteer` cargo feature is off)",
            ));
        }
        if self.format == Format::Html && !cfg!(feature = "html-import") {
            return Err(Error::invalid(
                "format",
                "this build reads no HTML (the `html-import` cargo feature is off); in the browser, use enhance()",
            ));
        }
        Ok(())
    }

    /// Import `input` in the chosen format, apply the `lang`/`dir`
    /// overrides, annotate when asked, and render.
    pub fn run(&self, input: &str) -> Result<Output> {
        let imported = self.import(input)?;
        Ok(self.finish(imported))
    }

    /// Import only (with the overrides applied).
    pub fn import(&self, input: &str) -> Result<Imported> {
        self.check()?;
        let mut imported = match self.format {
            Format::Json => ingest::json::import_with(input, &self.limits)?,
            Format::Text => ingest::text::import_with(input, &self.limits)?,
            #[cfg(feature = "html-import")]
            Format::Html => ingest::html::import_with(input, &self.limits)?,
            #[cfg(not(feature = "html-import"))]
            Format::Html => unreachable_html()?,
        };
        self.adjust(&mut imported.article);
        Ok(imported)
    }

    /// Annotate and render an article already imported (the browser reads
    /// a page's markup through the DOM, then hands the article here). The
    /// `lang`/`dir` overrides are applied.
    pub fn run_imported(&self, mut imported: Imported) -> Result<Output> {
        self.check()?;
        self.adjust(&mut imported.article);
        Ok(self.finish(imported))
    }

    /// [`Builder::run_imported`] without the rendering: the article (notes
    /// added), its annotations and the warnings, with `html` left empty —
    /// for callers that want the annotations only (`annotate` in the CLI
    /// and the JS API).
    pub fn annotate_imported(&self, mut imported: Imported) -> Result<Output> {
        self.check()?;
        self.adjust(&mut imported.article);
        let (article, annotations, mut warnings, _) = self.prepare(imported);
        warnings.extend(render::notes::warnings(&article));
        Ok(Output {
            html: String::new(),
            annotations,
            warnings,
            article,
        })
    }

    /// The annotator these settings make (`None` when annotation is off).
    pub fn annotator(&self) -> Option<Annotator> {
        if !self.annotates() {
            return None;
        }
        let mut annotator = Annotator::new().gazetteer(self.gazetteer);
        if let Some(catalog) = &self.catalog {
            annotator = annotator.catalog(Arc::clone(catalog));
        }
        if let Some(date) = self.published {
            annotator = annotator.published(date);
        }
        Some(annotator)
    }

    fn adjust(&self, article: &mut Article) {
        if let Some(lang) = &self.lang {
            article.lang = lang.clone();
            article.dir = Dir::for_lang(lang);
        }
        if let Some(dir) = self.dir {
            article.dir = dir;
        }
    }

    /// The article with the notes added, its annotations, the warnings,
    /// and the body's ids (derived once: annotating and rendering read
    /// the texts by them).
    fn prepare(&self, imported: Imported) -> (Article, Vec<Annotation>, Vec<String>, Vec<String>) {
        let Imported {
            mut article,
            mut warnings,
        } = imported;
        article.notes.extend(self.notes.iter().cloned());
        warnings.extend(self.note_warnings.iter().cloned());
        // The notes' own warnings (orphans) come from placing them, which
        // rendering does too: `finish` takes them from its render, and
        // `annotate_imported` places them for them alone.
        let ids = article.block_ids();
        let annotations = self
            .annotator()
            .map(|a| a.annotate_with_ids(&article, &ids))
            .unwrap_or_default();
        (article, annotations, warnings, ids)
    }

    fn finish(&self, imported: Imported) -> Output {
        let (article, annotations, mut warnings, ids) = self.prepare(imported);
        let render = render::Render::new(&article, &self.render)
            .annotations(&annotations)
            .catalog(self.catalog.as_deref())
            .block_ids(&ids);
        let (html, note_warnings) = render.html_and_note_warnings(self.page);
        warnings.extend(note_warnings);
        Output {
            html,
            annotations,
            warnings,
            article,
        }
    }
}

/// [`Builder::check`] refuses HTML input in builds without `html-import`
/// before import is reached; this keeps the match exhaustive.
#[cfg(not(feature = "html-import"))]
fn unreachable_html() -> Result<Imported> {
    Err(Error::invalid("format", "this build reads no HTML"))
}

/// Render an article in the JSON format with every default: the common
/// case in one call.
///
/// ```
/// let html = rtl_article::to_html(r#"{"headline": "روسيا ترفض أي اتفاق", "body": []}"#).unwrap();
/// assert!(html.starts_with(r#"<article dir="rtl" lang="ar" class="rtl-article">"#));
/// ```
pub fn to_html(input: &str) -> Result<String> {
    Builder::new().run(input).map(|out| out.html)
}
