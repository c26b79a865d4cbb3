//! The reading of the article root into blocks: headline, standfirst,
//! byline and dates from the header; paragraphs, headings, quotations,
//! lists, figures and related boxes from the body.

use std::collections::BTreeMap;

use super::inline::{collapse, InlineBuilder};
use super::survey::Survey;
use super::tags::{
    class_words, dimension, is_byline, is_json_ld, is_pull_quote, is_standfirst, is_widget_or_hidden, BLOCK_LEVEL,
    DROPPED,
};
use super::{reversed_children, text_content, MarkupNode, MAX_DEPTH};
use crate::date::Timestamp;
use crate::error::{Error, ErrorKind, Result};
use crate::ingest::check::{check_block_count, check_text_size};
use crate::ingest::Limits;
use crate::model::{is_block_id, Block, BlockKind, Figure, Link, Mark, Text};

/// Where in the article the walker is.
#[derive(Clone, Copy)]
pub(super) struct Ctx {
    /// Inside an `<article>` element (so `nav` is the article's own).
    pub(super) in_article: bool,
    /// Inside the article's `<header>`.
    pub(super) in_header: bool,
    /// A direct child of the root (site chrome lives here when the root is
    /// `<body>` or `<main>`).
    pub(super) top: bool,
}

/// The reading of the article root into blocks.
pub(super) struct Walker<'l> {
    pub(super) limits: &'l Limits,
    pub(super) headline: Option<Text>,
    pub(super) standfirst: Option<Text>,
    /// The section label in the header.
    pub(super) section: Option<String>,
    pub(super) byline: Option<String>,
    pub(super) published: Option<Timestamp>,
    pub(super) updated: Option<Timestamp>,
    pub(super) lead: Option<Figure>,
    pub(super) body: Vec<Block>,
    pub(super) related: Vec<Link>,
    /// Running text not yet inside a block element (text loose in a `div`).
    pub(super) loose: InlineBuilder,
    /// Images met inside running text, placed after its block.
    pub(super) pending_figures: Vec<Figure>,
    /// Whether a paragraph has been read (figures before it are the lead).
    pub(super) seen_paragraph: bool,
    /// How many `<header>`s of the article enclose the walk: loose text
    /// there is the standfirst or metadata (a date as printed), not body.
    pub(super) header_depth: usize,
    pub(super) dropped: BTreeMap<String, usize>,
    /// Dirt the inline builders removed (`InlineBuilder::finish`).
    pub(super) dirt: usize,
    pub(super) unsafe_links: usize,
    /// Block ids taken from the markup so far (later repeats are derived),
    /// with the block that took each.
    pub(super) block_ids: BTreeMap<String, usize>,
    pub(super) warnings: Vec<String>,
}

impl<'l> Walker<'l> {
    pub(super) fn new(limits: &'l Limits) -> Self {
        Walker {
            limits,
            headline: None,
            standfirst: None,
            section: None,
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
            dirt: 0,
            unsafe_links: 0,
            block_ids: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }

    pub(super) fn drop_element(&mut self, name: &str, why: &str) {
        *self.dropped.entry(format!("<{name}>{why}")).or_insert(0) += 1;
    }

    /// Add a block with the id its element gave ([`Walker::block_id`]).
    pub(super) fn push_block(&mut self, id: Option<String>, kind: BlockKind) -> Result<()> {
        let path = format!("body[{}]", self.body.len());
        let mut texts = Vec::new();
        match &kind {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => texts.push(text),
            BlockKind::Blockquote { text, attribution, .. } | BlockKind::PullQuote { text, attribution } => {
                texts.push(text);
                texts.extend(attribution.iter());
            }
            BlockKind::List { items, .. } => texts.extend(items.iter()),
            BlockKind::Figure(f) => texts.extend(f.caption.iter()),
            BlockKind::Related { .. } => {}
        }
        for t in texts {
            check_text_size(&path, t.text.len(), self.limits)?;
        }
        if matches!(
            kind,
            BlockKind::Paragraph { .. }
                | BlockKind::Heading { .. }
                | BlockKind::List { .. }
                | BlockKind::Blockquote { .. }
        ) {
            self.seen_paragraph = true;
        }
        self.body.push(Block { id, kind });
        check_block_count(self.body.len(), self.limits)
    }

    /// The id a block element names itself by: `data-block` (the
    /// renderer's own markup), else `id`, when it is a valid block id that
    /// no earlier block took.
    pub(super) fn block_id<N: MarkupNode>(&mut self, node: &N) -> Option<String> {
        let raw = node.attr("data-block").or_else(|| node.attr("id"))?;
        let id = raw.trim();
        if !is_block_id(id) {
            self.warnings.push(format!(
                "html: {:?} is not usable as a block id; one is derived from the content",
                id.chars().take(40).collect::<String>()
            ));
            return None;
        }
        if self.block_ids.contains_key(id) {
            return None;
        }
        self.block_ids.insert(id.to_string(), self.body.len());
        Some(id.to_string())
    }

    pub(super) fn place_figure(&mut self, id: Option<String>, figure: Figure) -> Result<()> {
        if !self.seen_paragraph && self.lead.is_none() {
            self.lead = Some(figure);
            Ok(())
        } else {
            self.push_block(id, BlockKind::Figure(figure))
        }
    }

    /// End the loose running text: it becomes a paragraph.
    pub(super) fn flush(&mut self) -> Result<()> {
        let loose = std::mem::take(&mut self.loose);
        if !loose.is_blank() {
            if self.header_depth == 0 {
                let text = loose.finish(&mut self.dirt);
                self.push_block(None, BlockKind::Paragraph { text })?;
            } else if self.standfirst.is_none() && !self.seen_paragraph {
                self.standfirst = Some(loose.finish(&mut self.dirt));
            }
        }
        for figure in std::mem::take(&mut self.pending_figures) {
            self.place_figure(None, figure)?;
        }
        Ok(())
    }

    pub(super) fn too_deep() -> Error {
        Error::new(
            ErrorKind::TooLarge,
            format!("html: elements nested more than {MAX_DEPTH} deep; the limit is {MAX_DEPTH}"),
        )
    }

    /// Walk the children of a block container.
    pub(super) fn blocks<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<()> {
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

    pub(super) fn block_element<N: MarkupNode>(&mut self, node: &N, name: &str, ctx: Ctx, depth: usize) -> Result<()> {
        if node.attr("data-added").is_some() {
            // What our renderer wrote around the texts (the dates line, the
            // notes): not article text. Its dates still count.
            return self.scan_times(node, depth + 1);
        }
        if is_json_ld(node, name) {
            return Ok(());
        }
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
                    let id = self.block_id(node);
                    self.push_block(id, BlockKind::Heading { level, text })?;
                }
            }
            "p" if ctx.in_header && self.section.is_none() && class_words(node).iter().any(|w| w == "section") => {
                // The section label above the headline (the renderer writes
                // `<p class="section">`), not the standfirst.
                let text = collapse(&text_content(node));
                self.section = Some(text).filter(|t| !t.is_empty());
            }
            "p" => {
                let text = self.inline_text(node, ctx, depth)?;
                if text.is_empty() {
                    // Nothing to keep.
                } else if (ctx.in_header || is_standfirst(node)) && self.standfirst.is_none() && !self.seen_paragraph {
                    self.standfirst = Some(text);
                } else {
                    let id = self.block_id(node);
                    self.push_block(id, BlockKind::Paragraph { text })?;
                }
            }
            "blockquote" => self.blockquote(node, None, None, ctx, depth)?,
            "ul" | "ol" => {
                let mut items = Vec::new();
                self.list_items(node, ctx, depth, &mut items)?;
                if !items.is_empty() {
                    let id = self.block_id(node);
                    self.push_block(
                        id,
                        BlockKind::List {
                            ordered: name == "ol",
                            items,
                        },
                    )?;
                }
            }
            "figure" => {
                // figure > blockquote + figcaption is a quotation with its
                // attribution (the renderer writes one so).
                let children = node.children();
                let quote = children
                    .iter()
                    .find(|c| c.element_name().as_deref() == Some("blockquote"));
                match quote {
                    Some(quote) => {
                        let caption = children
                            .iter()
                            .find(|c| c.element_name().as_deref() == Some("figcaption"));
                        self.blockquote(quote, caption, Some(node), ctx, depth + 1)?
                    }
                    None => self.figure(node, ctx, depth)?,
                }
            }
            "img" => {
                if let Some(f) = self.image(node) {
                    self.place_figure(None, f)?;
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
    pub(super) fn scan_times<N: MarkupNode>(&mut self, node: &N, depth: usize) -> Result<()> {
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

    pub(super) fn note_time<N: MarkupNode>(&mut self, node: &N) {
        let Some(written) = node.attr("datetime") else {
            return;
        };
        let Some(datetime) = Timestamp::parse(&written) else {
            self.warnings.push(format!(
                "html: <time datetime={:?}> is not an ISO 8601 date; ignored",
                written.trim()
            ));
            return;
        };
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
    pub(super) fn inline_text<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<Text> {
        let mut builder = InlineBuilder::default();
        self.inline_children(node, &mut builder, ctx, depth)?;
        Ok(builder.finish(&mut self.dirt))
    }

    pub(super) fn inline_children<N: MarkupNode>(
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

    pub(super) fn inline_element<N: MarkupNode>(
        &mut self,
        node: &N,
        name: &str,
        builder: &mut InlineBuilder,
        ctx: Ctx,
        depth: usize,
    ) -> Result<()> {
        if node.attr("data-added").is_some() {
            // A note marker our renderer put in the text.
            return Ok(());
        }
        if is_json_ld(node, name) {
            return Ok(());
        }
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
                Some(href) => match crate::url::safe_url(&href) {
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

    pub(super) fn image<N: MarkupNode>(&mut self, node: &N) -> Option<Figure> {
        let src = match node.attr("src").or_else(|| node.attr("data-src")) {
            Some(src) => match crate::url::safe_url(&src) {
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

    pub(super) fn figure<N: MarkupNode>(&mut self, node: &N, ctx: Ctx, depth: usize) -> Result<()> {
        let mut figure = Figure::default();
        self.figure_parts(node, &mut figure, ctx, depth)?;
        if figure.src.is_some() || figure.caption.is_some() {
            let id = self.block_id(node);
            self.place_figure(id, figure)?;
        }
        Ok(())
    }

    pub(super) fn figure_parts<N: MarkupNode>(
        &mut self,
        node: &N,
        figure: &mut Figure,
        ctx: Ctx,
        depth: usize,
    ) -> Result<()> {
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
                    let caption = builder.finish(&mut self.dirt);
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

    /// A `<blockquote>`; `caption` is the attribution given outside it
    /// (`<figure><blockquote>…</blockquote><figcaption>…</figcaption></figure>`,
    /// as the renderer writes one), `id_node` the element naming the block.
    pub(super) fn blockquote<N: MarkupNode>(
        &mut self,
        node: &N,
        caption: Option<&N>,
        id_node: Option<&N>,
        ctx: Ctx,
        depth: usize,
    ) -> Result<()> {
        let mut text = InlineBuilder::default();
        let mut attribution = InlineBuilder::default();
        if let Some(caption) = caption {
            self.inline_children(caption, &mut attribution, ctx, depth + 1)?;
        }
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
        let text = text.finish(&mut self.dirt);
        let attribution = Some(attribution.finish(&mut self.dirt)).filter(|a| !a.is_empty());
        let kind = if is_pull_quote(node) {
            BlockKind::PullQuote { text, attribution }
        } else {
            let cite = node.attr("cite").and_then(|c| crate::url::safe_url(&c));
            BlockKind::Blockquote {
                text,
                attribution,
                cite,
            }
        };
        let id = self.block_id(id_node.unwrap_or(node));
        self.push_block(id, kind)
    }

    pub(super) fn list_items<N: MarkupNode>(
        &mut self,
        node: &N,
        ctx: Ctx,
        depth: usize,
        items: &mut Vec<Text>,
    ) -> Result<()> {
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
            let item = builder.finish(&mut self.dirt);
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
    pub(super) fn links_in<N: MarkupNode>(&mut self, node: &N, depth: usize, links: &mut Vec<Link>) -> Result<()> {
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
                match child.attr("href").map(|h| crate::url::safe_url(&h)) {
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

    /// The heading of a box of links: its first `h2`–`h6` or
    /// `.related-title`, else `aria-label`.
    pub(super) fn box_title<N: MarkupNode>(node: &N) -> Option<String> {
        let mut stack = reversed_children(node);
        while let Some(n) = stack.pop() {
            if let Some(name) = n.element_name() {
                let titled = class_words(&n).iter().any(|w| w == "related-title");
                if titled || matches!(name.as_str(), "h2" | "h3" | "h4" | "h5" | "h6") {
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
    pub(super) fn aside<N: MarkupNode>(&mut self, node: &N, name: &str, ctx: Ctx, depth: usize) -> Result<()> {
        if name == "aside" && is_pull_quote(node) {
            // An `.attribution` child is who said it (the renderer's markup).
            let mut builder = InlineBuilder::default();
            let mut attribution = InlineBuilder::default();
            for child in node.children() {
                let target = if class_words(&child).iter().any(|w| w == "attribution") {
                    &mut attribution
                } else {
                    &mut builder
                };
                match child.element_name() {
                    Some(_) => {
                        target.boundary();
                        self.inline_children(&child, target, ctx, depth + 1)?;
                    }
                    None => {
                        if let Some(t) = child.text() {
                            target.push_text(&t);
                        }
                    }
                }
            }
            if !builder.is_blank() {
                let id = self.block_id(node);
                let attribution = Some(attribution.finish(&mut self.dirt)).filter(|a| !a.is_empty());
                let text = builder.finish(&mut self.dirt);
                self.push_block(id, BlockKind::PullQuote { text, attribution })?;
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
        // The renderer's own box is one even when it lists no links (an
        // article whose related links were all refused), so its title is
        // not read back as a paragraph.
        let own_box = name == "aside" && class_words(node).iter().any(|w| w == "related-box");
        let is_box = own_box
            || !links.is_empty()
                && link_text * 2 >= all_text.saturating_sub(Self::box_title(node).map_or(0, |t| t.chars().count()));
        if is_box && name == "nav" && class_words(node).iter().any(|w| w == "related") {
            // The article's own list of related articles (the renderer's
            // `<nav class="related">`), not a box in the body.
            for link in links {
                if !self.related.contains(&link) {
                    self.related.push(link);
                }
            }
            Ok(())
        } else if is_box {
            let id = self.block_id(node);
            self.push_block(
                id,
                BlockKind::Related {
                    title: Self::box_title(node),
                    links,
                },
            )
        } else if name == "nav" {
            self.drop_element(name, "");
            Ok(())
        } else {
            self.blocks(node, Ctx { top: false, ..ctx }, depth)
        }
    }

    /// Related links from asides outside the article root.
    pub(super) fn related_outside<N: MarkupNode>(
        &mut self,
        survey: &Survey<N>,
        start: usize,
        end: usize,
    ) -> Result<()> {
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
