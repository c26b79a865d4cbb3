//! The fuzz targets' bodies, once: `fuzz/fuzz_targets/*.rs` (cargo fuzz,
//! nightly) and `tests/fuzz_smoke.rs` (stable, bounded, in `npm test`)
//! include this file and call the same functions. Each takes arbitrary
//! bytes and panics when a property fails — not only on a crash:
//!
//! - importers (`json_import`, `text_import`, `html_import`): on `Ok`, every
//!   text of the article is what the input says it is, and the JSON round
//!   trip `import(to_json(article)) == article` holds;
//! - `annotate`: every range inside its text, on character boundaries, in
//!   the documented order; deterministic;
//! - `render`: deterministic; the visible text of the HTML is the article's
//!   texts, in order; the HTML importer reads it back as the same texts;
//! - `catalog_bytes`: `Catalog::from_bytes` of any bytes is an error or a
//!   catalog that re-encodes to itself and finds the same mentions;
//! - `anchor`: describe then resolve on the same text gives the same range;
//!   after an edit, a placed note's words are within the resolver's error
//!   bound of its quote (edit distance computed here, independently).
#![allow(dead_code)]

#[path = "../tests/common/render.rs"]
mod html_text;

use std::sync::OnceLock;

use rtl_article::anchor::{Document, Resolution};
use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::Annotator;
use rtl_article::fuzzing::{clean, max_errors, seal_catalog, well_formed_json};
use rtl_article::ingest::{self, Limits};
use rtl_article::render::{render as render_html, DigitStyle, QuoteStyle, RenderOptions};
use rtl_article::text::normalize::fold;
use rtl_article::{Article, Text};
use serde_json::Value;

/// A target: a function of arbitrary bytes that panics when a property fails.
pub type Target = fn(&[u8]);

/// The targets by name, for the drivers.
pub const TARGETS: [(&str, Target); 7] = [
    ("json_import", json_import),
    ("text_import", text_import),
    ("html_import", html_import),
    ("annotate", annotate),
    ("render", render),
    ("catalog_bytes", catalog_bytes),
    ("anchor", anchor),
];

/// The input as the importers see it (the CLI replaces bytes that are not
/// UTF-8 the same way).
fn text_of(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Small limits, so the targets also reach the limit checks.
fn limits() -> Limits {
    Limits {
        max_input_bytes: 64 * 1024,
        max_blocks: 200,
        max_text_bytes: 8 * 1024,
    }
}

/// Properties every imported article has, whatever read it: spans inside
/// their text on character boundaries, no control character, the JSON
/// round trip.
fn check_article(article: &Article, what: &str) {
    for t in article.texts() {
        let s = &t.text.text;
        for span in &t.text.spans {
            assert!(
                span.start < span.end && span.end <= s.len(),
                "{what}: {} span {span:?} outside {s:?}",
                t.path
            );
            assert!(
                s.is_char_boundary(span.start) && s.is_char_boundary(span.end),
                "{what}: {} span {span:?} not on characters of {s:?}",
                t.path
            );
        }
        assert!(
            !s.chars().any(|c| (c as u32) < 0x20 && c != '\n' && c != '\t'),
            "{what}: control character left in {}: {s:?}",
            t.path
        );
    }
    let json = serde_json::to_string(article).expect("an article serialises");
    let back = ingest::json::import_with(&json, &Limits::default())
        .unwrap_or_else(|e| panic!("{what}: its JSON does not import back: {e}\n{json}"));
    assert_eq!(&back.article, article, "{what}: changed in the JSON round trip\n{json}");
}

/// The value at a text's JSON path (`headline`, `lead.caption`,
/// `body[3].items[1]`).
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = value;
    for segment in path.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, Some(rest.trim_end_matches(']').parse::<usize>().ok()?)),
            None => (segment, None),
        };
        v = v.get(name)?;
        if let Some(i) = index {
            v = v.get(i)?;
        }
    }
    Some(v)
}

/// The characters an inline JSON value says: its strings, each cleaned of
/// dirt, concatenated through arrays and mark objects.
fn inline_text(value: &Value, out: &mut String) {
    match value {
        Value::String(s) => out.push_str(&clean(s, false)),
        Value::Array(runs) => runs.iter().for_each(|r| inline_text(r, out)),
        Value::Object(map) => {
            for key in ["strong", "em", "link"] {
                if let Some(inner) = map.get(key) {
                    inline_text(inner, out);
                }
            }
        }
        _ => panic!("an imported text came from {value}"),
    }
}

/// JSON: on `Ok`, each text equals its JSON path's strings after the
/// documented dirt cleaning (`ingest::check::clean`, string by string).
pub fn json_import(data: &[u8]) {
    let input = text_of(data);
    let Ok(imported) = ingest::json::import_with(&input, &limits()) else {
        return;
    };
    let article = &imported.article;
    let raw = input.strip_prefix('\u{FEFF}').unwrap_or(&input);
    let value: Value = serde_json::from_str(&well_formed_json(raw)).expect("the importer parsed it");
    for t in article.texts() {
        let source = at_path(&value, &t.path).unwrap_or_else(|| panic!("{} is not in the input", t.path));
        let mut expected = String::new();
        inline_text(source, &mut expected);
        assert_eq!(t.text.text, expected, "{} is not the input's text", t.path);
    }
    check_article(article, "json");
}

/// Scraped text: the input's non-blank lines after cleaning, trimmed.
fn lines_of(input: &str) -> Vec<String> {
    let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
    let cleaned = clean(input, true);
    let mut out = Vec::new();
    for raw in cleaned.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        for part in raw.split('\r') {
            let line = part.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
            if !line.is_empty() {
                out.push(line.to_string());
            }
        }
    }
    out
}

/// Scraped text: on `Ok`, the headline is the first line and every text,
/// in order, is a kept line (paragraphs and headings whole, list items
/// without their marker, a teaser with its ellipsis), one text per line.
pub fn text_import(data: &[u8]) {
    let input = text_of(data);
    let Ok(imported) = ingest::text::import_with(&input, &limits()) else {
        return;
    };
    let article = &imported.article;
    let lines = lines_of(&input);
    assert_eq!(article.headline.text, lines[0], "the headline is not the first line");
    let mut next = 0;
    for t in article.texts() {
        let whole = t.path.ends_with(".text") || t.path == "headline" || t.path == "standfirst";
        let s = &t.text.text;
        let found = lines[next..]
            .iter()
            .position(|l| if whole { l == s } else { l.ends_with(s.as_str()) })
            .unwrap_or_else(|| panic!("{} {s:?} is not a line after line {next}: {lines:?}", t.path));
        next += found + 1;
    }
    check_article(article, "text");
}

/// CMS HTML: on `Ok`, the article's own properties, and its render reads
/// back through the same importer as the same texts.
pub fn html_import(data: &[u8]) {
    let input = text_of(data);
    let Ok(imported) = ingest::html::import_with(&input, &limits()) else {
        return;
    };
    check_article(&imported.article, "html");
    check_render(&imported.article);
}

/// An article from any input: JSON when it reads as JSON, else scraped text.
fn article_of(data: &[u8]) -> Option<Article> {
    let input = text_of(data);
    ingest::json::import_with(&input, &limits())
        .or_else(|_| ingest::text::import_with(&input, &limits()))
        .ok()
        .map(|i| i.article)
}

/// The fixtures' catalogs, compiled once.
fn catalog() -> &'static std::sync::Arc<Catalog> {
    static CATALOG: OnceLock<std::sync::Arc<Catalog>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let gulf: Value = serde_json::from_str(include_str!("../tests/fixtures/catalog-gulf.json")).unwrap();
        let raqqa: Value = serde_json::from_str(include_str!("../tests/fixtures/catalog-raqqa.json")).unwrap();
        let mut all = Vec::new();
        for v in [gulf, raqqa] {
            all.extend(v["entities"].as_array().cloned().unwrap_or_default());
        }
        let json = serde_json::json!({ "entities": all }).to_string();
        std::sync::Arc::new(Catalog::from_json(&json).expect("the fixture catalogs compile"))
    })
}

fn annotator() -> Annotator {
    Annotator::new()
        .catalog(std::sync::Arc::clone(catalog()))
        .gazetteer(true)
        .published(rtl_article::date::Date::new(2017, 5, 27).unwrap())
}

/// Annotate (the fixtures' catalogs, the gazetteer, a publication date):
/// every annotation names a text of the article, lies inside it on
/// character boundaries, and they come in text order, then by start;
/// twice the same.
pub fn annotate(data: &[u8]) {
    let Some(article) = article_of(data) else {
        return;
    };
    let annotator = annotator();
    let found = annotator.annotate(&article);
    let texts = article.texts();
    let mut last = (0, 0);
    for a in &found {
        let index = texts
            .iter()
            .position(|t| t.id == a.text)
            .unwrap_or_else(|| panic!("{a:?} names no text"));
        let s = &texts[index].text.text;
        assert!(a.start <= a.end && a.end <= s.len(), "{a:?} outside {s:?}");
        assert!(
            s.is_char_boundary(a.start) && s.is_char_boundary(a.end),
            "{a:?} not on characters of {s:?}"
        );
        assert!((0.0..=1.0).contains(&a.confidence), "{a:?}");
        assert!((index, a.start) >= last, "{a:?} out of order");
        last = (index, a.start);
    }
    assert_eq!(annotator.annotate(&article), found, "annotate is not deterministic");
}

/// The render properties of one article.
fn check_render(article: &Article) {
    let options = RenderOptions::default();
    let html = render_html(article, &[], &options);
    assert_eq!(render_html(article, &[], &options), html, "render is not deterministic");
    html_text::assert_texts_in_order(article, &html);
    let back = ingest::html::import(&html).unwrap_or_else(|e| panic!("the render does not read back: {e}\n{html}"));
    // HTML white space (tab, line feed, space runs) reads back as one space;
    // a text without such runs reads back whole, marks included — as far
    // as markup can tell them: a mark the renderer splits around an
    // isolated run (`<strong>…<bdi><strong>…</strong></bdi>`) reads back as
    // adjacent spans of the same mark (a known difference, fuzz/README.md).
    let collapsed = |s: &str| {
        s.split(['\t', '\n', '\r', '\u{C}', ' '])
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A link's title, an attribute, reads back with its white space
    // collapsed too.
    let merged = |t: &Text| -> Text {
        let mut t = t.clone();
        for span in &mut t.spans {
            if let rtl_article::Mark::Link { title: Some(title), .. } = &mut span.mark {
                *title = collapsed(title);
            }
        }
        let mut i = 0;
        while i < t.spans.len() {
            // Joined across nothing, or across the one space the importer
            // keeps out of a mark's start.
            let (end, text) = (t.spans[i].end, &t.text);
            let next = (0..t.spans.len()).find(|&j| {
                let gap = text.get(end..t.spans[j].start);
                j != i && matches!(gap, Some("" | " ")) && t.spans[j].mark == t.spans[i].mark
            });
            match next {
                Some(j) => {
                    t.spans[i].end = t.spans[j].end;
                    t.spans.remove(j);
                    i = 0;
                }
                None => i += 1,
            }
        }
        t.spans.sort_by_key(|s| (s.start, usize::MAX - s.end));
        t
    };
    let texts = |a: &Article| -> Vec<(String, Option<Text>)> {
        a.texts()
            .into_iter()
            .map(|t| {
                let c = collapsed(&t.text.text);
                let whole = (c == t.text.text).then(|| merged(t.text));
                (c, whole)
            })
            .collect()
    };
    let (got, want) = (texts(&back), texts(article));
    let strings = |v: &[(String, Option<Text>)]| v.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    assert_eq!(
        strings(&got),
        strings(&want),
        "the render reads back as other texts\n{html}"
    );
    for ((_, g_whole), (_, w_whole)) in got.iter().zip(&want) {
        if w_whole.is_some() && g_whole.is_some() {
            assert_eq!(g_whole, w_whole, "the render reads back with other marks\n{html}");
        }
    }
}

/// Render: with default options, deterministic, every text visible in
/// order, read back as the same texts; annotated and with the typographic
/// options, deterministic.
pub fn render(data: &[u8]) {
    let Some(article) = article_of(data) else {
        return;
    };
    check_render(&article);
    let annotations = annotator().annotate(&article);
    let options = RenderOptions {
        quotes: QuoteStyle::Guillemets,
        digits: if data.len().is_multiple_of(2) {
            DigitStyle::ArabicIndic
        } else {
            DigitStyle::Western
        },
        ..RenderOptions::default()
    };
    let once = render_html(&article, &annotations, &options);
    assert_eq!(
        render_html(&article, &annotations, &options),
        once,
        "annotated render is not deterministic"
    );
}

/// A text naming every entity of `catalog` (its first two names), between
/// ordinary words, for comparing what two catalogs find.
fn sample(catalog: &Catalog) -> String {
    let mut out = String::from("قال المصدر إن ");
    for e in catalog.entities().iter().take(200) {
        for name in e.names.iter().take(2) {
            out.push_str(name);
            out.push_str(" و");
            out.push_str(name);
            out.push_str(" في ");
        }
    }
    out
}

/// The catalog codec: any bytes are an error or a catalog (the bytes as
/// they are, and with their checksum sealed again, to reach the checks
/// behind it); a catalog (decoded, or compiled from JSON when the input
/// starts with `{` or `[`) re-encodes to bytes that decode to a catalog
/// finding the same mentions.
pub fn catalog_bytes(data: &[u8]) {
    if matches!(data.first(), Some(b'{' | b'[')) {
        if let Ok(catalog) = Catalog::from_json(&text_of(data)) {
            check_catalog(&catalog);
        }
        return;
    }
    if let Ok(catalog) = Catalog::from_bytes(data) {
        check_catalog(&catalog);
    }
    let mut sealed = data.to_vec();
    seal_catalog(&mut sealed);
    if let Ok(catalog) = Catalog::from_bytes(&sealed) {
        check_catalog(&catalog);
    }
}

fn check_catalog(catalog: &Catalog) {
    let bytes = catalog.to_bytes();
    let back = Catalog::from_bytes(&bytes).unwrap_or_else(|e| panic!("its own bytes do not decode: {e}"));
    assert_eq!(back.to_bytes(), bytes, "decode then encode changed the bytes");
    assert_eq!(back.len(), catalog.len());
    assert_eq!(back.entities(), catalog.entities());
    let text = sample(catalog);
    assert_eq!(
        back.find(&text),
        catalog.find(&text),
        "the decoded catalog finds other mentions"
    );
    assert_eq!(back.count(&text), catalog.find(&text).len());
}

/// Edit distance by plain dynamic programming (its own, not the crate's).
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitute.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Anchoring. The input: five bytes of choices, then text whose lines are
/// the document's texts. A range of one text is described and resolved on
/// the same document (the same range back); then a slice of one text is
/// replaced by a piece of the input and the selector resolved on the
/// edited document: an orphan, or a place whose folded words are within
/// the resolver's error bound of the folded quote.
pub fn anchor(data: &[u8]) {
    let Some((choices, rest)) = data.split_first_chunk::<5>() else {
        return;
    };
    let [which, a, b, c, d] = choices.map(usize::from);
    let input = text_of(rest);
    let texts: Vec<String> = input.split('\n').take(16).map(str::to_string).collect();
    let ids: Vec<String> = (0..texts.len()).map(|i| format!("t{i}")).collect();
    let document = Document::new(ids.iter().map(String::as_str).zip(texts.iter().map(String::as_str)));
    let t = which % texts.len();
    let chars: Vec<char> = texts[t].chars().collect();
    let n = chars.len();
    let start = (a * 7 + b) % (n + 1);
    let end = start + (b * 3 + c) % (n + 1 - start);
    let selector = document
        .describe(&ids[t], start, end)
        .unwrap_or_else(|| panic!("{start}..{end} of {n} characters not described"));
    assert!(
        selector.start <= start && selector.end >= end && selector.end <= n,
        "{selector:?}"
    );
    match document.resolve(&selector) {
        Resolution::Placed(place) => assert!(
            (place.index, place.start, place.end) == (t, selector.start, selector.end),
            "resolved on its own text elsewhere: {place:?} for {selector:?}"
        ),
        Resolution::Orphan(why) => panic!("orphaned on its own text ({why:?}): {selector:?}"),
    }

    // The edit: characters at..at+cut of text `d % len` replaced by a piece
    // of the input.
    let e = d % texts.len();
    let mut edited = texts.clone();
    let target: Vec<char> = edited[e].chars().collect();
    let at = (c * 5 + a) % (target.len() + 1);
    let cut = (b % 9).min(target.len() - at);
    let all: Vec<char> = input.chars().filter(|&c| c != '\n').collect();
    let from = (a + d) % (all.len() + 1);
    let piece: String = all[from..(from + c % 7).min(all.len())].iter().collect();
    edited[e] = target[..at]
        .iter()
        .chain(piece.chars().collect::<Vec<_>>().iter())
        .chain(&target[at + cut..])
        .collect();
    let after = Document::new(ids.iter().map(String::as_str).zip(edited.iter().map(String::as_str)));
    if let Resolution::Placed(place) = after.resolve(&selector) {
        let len = edited[place.index].chars().count();
        assert!(
            place.start <= place.end && place.end <= len,
            "{place:?} outside its text"
        );
        let quote: Vec<char> = fold(&selector.exact).text.chars().collect();
        let words: Vec<char> = fold(&after.slice(&place)).text.chars().collect();
        let errors = distance(&quote, &words);
        assert!(
            errors <= max_errors(quote.len()),
            "placed {:?} for the quote {:?}: {errors} errors, {} allowed ({place:?})",
            after.slice(&place),
            selector.exact,
            max_errors(quote.len())
        );
    }
}
