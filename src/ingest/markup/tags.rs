//! The markup walker's tables and classifiers: which elements are dropped,
//! which start a block, and which classes or attributes mark a widget, a
//! byline, a standfirst or a pull quote.

use super::MarkupNode;

/// Elements dropped with everything inside them.
pub(super) const DROPPED: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "form", "input", "button", "select", "textarea", "option",
    "label", "fieldset", "noscript", "template", "object", "embed", "applet", "svg", "math", "canvas", "video",
    "audio", "source", "track", "map", "area", "dialog", "link", "meta", "head", "title", "base", "table", "ins",
    "marquee", "slot", "portal",
];

/// Elements that start a new block when met in running text.
pub(super) const BLOCK_LEVEL: &[&str] = &[
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
pub(super) const WIDGET_WORDS: &[&str] = &[
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
pub(super) const STANDFIRST_WORDS: &[&str] = &[
    "standfirst",
    "dek",
    "summary",
    "excerpt",
    "subtitle",
    "strapline",
    "sub-title",
];

/// The split words of an element's `class` and `id`.
pub(super) fn class_words<N: MarkupNode>(node: &N) -> Vec<String> {
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

/// A `<script type="application/ld+json">`: structured data the survey
/// reads (the notes), not content to report as dropped.
pub(super) fn is_json_ld<N: MarkupNode>(node: &N, name: &str) -> bool {
    name == "script"
        && node
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// Hidden, or a widget (ad, share bar, newsletter box …) by its class or id.
pub(super) fn is_widget_or_hidden<N: MarkupNode>(node: &N) -> bool {
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

pub(super) fn is_byline<N: MarkupNode>(node: &N, name: &str) -> bool {
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

pub(super) fn is_standfirst<N: MarkupNode>(node: &N) -> bool {
    node.attr("class").is_some_and(|c| {
        c.split_whitespace().any(|t| {
            STANDFIRST_WORDS
                .iter()
                .any(|w| t.eq_ignore_ascii_case(w) || t.to_ascii_lowercase().ends_with(&format!("__{w}")))
        })
    })
}

pub(super) fn is_pull_quote<N: MarkupNode>(node: &N) -> bool {
    class_words(node)
        .iter()
        .any(|w| matches!(w.as_str(), "pullquote" | "pull"))
}

pub(super) fn dimension<N: MarkupNode>(node: &N, name: &str) -> Option<u32> {
    let value: u64 = node.attr(name)?.trim().parse().ok()?;
    (1..=crate::ingest::json::MAX_DIMENSION)
        .contains(&value)
        .then_some(value as u32)
}
