//! The XSS suite (issue 12): every vector of `tests/fixtures/xss-vectors.json`
//! in every string field of the article, the catalog, the editorial notes,
//! scraped text and CMS HTML, through the JSON, text and HTML importers and
//! the CLI; each output parsed by html5ever (`scraper`) and walked for
//! anything that could run: a `<script>` other than the JSON-LD block, an
//! `on*` or `style` attribute, a `javascript:`/`vbscript:`/`data:` URL after
//! the browser's URL normalisation, or an element that should never be
//! there (style, iframe, object, embed, form, base, meta, svg, math, link,
//! frame, frameset, applet, template …). The JSON-LD block must parse as
//! JSON and hold no `</script` or `<!--`.
//!
//! The browser (canary in Chromium, with and without the strict CSP) and the
//! edge have their own halves: `tests/browser/xss.test.mjs`,
//! `tests/edge/xss.test.mjs`.
#![cfg(feature = "html-import")]

use std::sync::Arc;

use rtl_article::annotate::catalog::Catalog;
use rtl_article::{Builder, Format};
use scraper::{ElementRef, Html};
use serde_json::{json, Value};

#[path = "common/cli.rs"]
mod common_cli;

const FIXTURE: &str = include_str!("fixtures/xss-vectors.json");
const ARTICLE: &str = include_str!("fixtures/article-full.json");
const CMS: &str = include_str!("fixtures/cms-article.html");

fn vectors() -> Vec<String> {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let list: Vec<String> = fixture["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["vector"].as_str().unwrap().to_string())
        .collect();
    assert!(list.len() >= 150, "the corpus has {} vectors", list.len());
    list
}

// ---------------------------------------------------------------- the check

/// Elements the output must never hold, whatever the input.
const FORBIDDEN: &[&str] = &[
    "style",
    "iframe",
    "object",
    "embed",
    "form",
    "base",
    "meta",
    "svg",
    "math",
    "link",
    "frame",
    "frameset",
    "applet",
    "template",
    "noscript",
    "input",
    "textarea",
    "select",
    "video",
    "audio",
    "source",
    "portal",
    "isindex",
    "keygen",
    "plaintext",
    "xmp",
    "noembed",
    "noframes",
    "marquee",
    "title",
];

/// Attributes that hold a URL.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "srcset",
    "data",
    "cite",
    "background",
    "codebase",
    "longdesc",
    "ping",
    "manifest",
    "icon",
    "usemap",
    "profile",
    "lowsrc",
    "dynsrc",
];

/// What a browser makes of a URL attribute before reading its scheme:
/// leading and trailing C0 controls and spaces stripped, tabs and newlines
/// removed anywhere, the scheme compared case-insensitively.
fn dangerous_url(value: &str) -> bool {
    let trimmed = value.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let lower = cleaned.to_ascii_lowercase();
    lower.starts_with("javascript:") || lower.starts_with("vbscript:") || lower.starts_with("data:")
}

/// A `srcset`: any of its candidates.
fn dangerous_srcset(value: &str) -> bool {
    value
        .split(',')
        .any(|c| dangerous_url(c.trim_matches(|c: char| c <= ' ').split(' ').next().unwrap_or("")))
}

/// Every problem in `html` (a fragment or, with `page`, a whole page).
fn problems(html: &str, page: bool) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    let mut jsonld = 0;
    for node in doc.tree.root().descendants() {
        let Some(el) = ElementRef::wrap(node) else { continue };
        let e = el.value();
        let name = e.name();
        let in_head = el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "head");
        let ns = &*e.name.ns;
        if ns != "http://www.w3.org/1999/xhtml" {
            found.push(format!("foreign element <{name}> ({ns})"));
        }
        for (attr, value) in e.attrs() {
            let a = attr.to_ascii_lowercase();
            if a.starts_with("on") {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
            if matches!(
                a.as_str(),
                "style" | "srcdoc" | "formaction" | "form" | "http-equiv" | "is"
            ) {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
            let url_attr = URL_ATTRS.contains(&a.as_str()) || a.ends_with(":href");
            if (url_attr && dangerous_url(value)) || (a == "srcset" && dangerous_srcset(value)) {
                found.push(format!("<{name} {attr}=\"{value}\">: a script URL"));
            }
        }
        if name == "script" {
            if e.attr("type") != Some("application/ld+json") || e.attrs().count() != 1 {
                found.push(format!("a <script> that is not JSON-LD: {}", el.html()));
                continue;
            }
            jsonld += 1;
            let text: String = el.text().collect();
            if text.contains("</script") || text.contains("<!--") || text.contains("<script") {
                found.push(format!("JSON-LD holds a script-context breakout: {text}"));
            }
            if let Err(err) = serde_json::from_str::<Value>(&text) {
                found.push(format!("JSON-LD is not JSON ({err}): {text}"));
            }
            continue;
        }
        if page && in_head {
            // The renderer's own page head: metas by name, the title, the
            // canonical link and the inlined stylesheet.
            let ok = match name {
                "meta" => {
                    e.attrs().all(|(a, _)| matches!(a, "charset" | "name" | "content"))
                        && (e.attr("charset").is_some()
                            || matches!(e.attr("name"), Some("viewport" | "color-scheme" | "description")))
                }
                "link" => e.attr("rel") == Some("canonical") && e.attrs().count() == 2,
                "style" => e.attrs().count() == 0,
                "title" => true,
                _ => !FORBIDDEN.contains(&name),
            };
            if !ok {
                found.push(format!("in the page head: {}", el.html()));
            }
            continue;
        }
        // The renderer's note markers are buttons that open a popover, and
        // nothing else.
        let marker = name == "button"
            && e.attr("type") == Some("button")
            && e.attr("class").is_some_and(|c| c.starts_with("note-marker"))
            && e.attrs().all(|(a, _)| {
                matches!(a, "type" | "class" | "popovertarget") || a.starts_with("aria-") || a.starts_with("data-")
            });
        if name == "button" && !marker {
            found.push(format!("a button the renderer did not write: {}", el.html()));
        }
        if FORBIDDEN.contains(&name) {
            found.push(format!("forbidden element: {}", el.html()));
        }
    }
    // The article's NewsArticle and, with editorial notes, their collection.
    if jsonld > 2 {
        found.push(format!("{jsonld} JSON-LD blocks"));
    }
    found
}

/// Check one output; the panic message says which vector, where and how.
fn assert_clean(html: &str, page: bool, what: &dyn Fn() -> String) {
    let found = problems(html, page);
    if !found.is_empty() {
        let body = html.find("<article").map_or(html, |at| &html[at..]);
        let shown: String = body.chars().take(4000).collect();
        panic!("{}:\n  {}\n--- output:\n{shown}", what(), found.join("\n  "));
    }
}

#[test]
fn the_check_finds_what_it_looks_for() {
    // The checker itself: each of these must be caught.
    for bad in [
        "<script>x</script>",
        "<img src=x onerror=y>",
        "<a href=' java\tscript:x'>a</a>",
        "<a href='\u{1}JavaScript:x'>a</a>",
        "<a href='DATA:text/html,x'>a</a>",
        "<img srcset='a 1x, javascript:x 2x'>",
        "<svg></svg>",
        "<math></math>",
        "<p style='x'>",
        "<iframe></iframe>",
        "<base href=x>",
        "<meta http-equiv=refresh content='0;url=javascript:x'>",
        "<form></form>",
        "<template></template>",
        "<script type=application/ld+json>{\"a\": \"<!--\"}</script>",
        "<script type=application/ld+json>{bad</script>",
    ] {
        assert!(!problems(bad, false).is_empty(), "the check missed {bad:?}");
    }
    assert!(problems(
        "<article><p>x</p><a href='https://e.com/'>y</a><script type=\"application/ld+json\">{}</script></article>",
        false
    )
    .is_empty());
}

// ---------------------------------------------------------------- inputs

/// article-full.json with ids, editorial notes (one anchored, one on the
/// whole article, one orphan), and a link title: the base every vector is
/// put into.
fn base_article() -> Value {
    let mut a: Value = serde_json::from_str(ARTICLE).unwrap();
    // Block ids from the input (they become data-block attributes).
    a["body"][0]["id"] = json!("p-first");
    a["body"][3]["id"] = json!("q-statement");
    a["body"][5]["id"] = json!("l-sides");
    a["notes"] = json!([
        {"id": "https://example.com/notes/1", "type": "Annotation", "motivation": "assessing",
         "creator": {"name": "فريق التحقق", "id": "https://example.com/team"},
         "body": [{"type": "TextualBody", "value": "وثّقت مصادر مستقلة.", "language": "ar", "purpose": "assessing"},
                  "https://example.com/fact-check/120"],
         "target": {"source": "https://example.com/news/2017/05/28/raqqa",
                    "selector": [{"type": "TextQuoteSelector", "exact": "قافلة من 32 سيارة", "prefix": "", "suffix": ""}]}},
        {"motivation": "commenting", "bodyValue": "حُدّث هذا الخبر بعد نشره.", "creator": "المحرر",
         "target": "https://example.com/news/2017/05/28/raqqa"},
        {"motivation": "editing", "bodyValue": "صُحّح اسم المدينة.",
         "target": {"source": "https://example.com/raqqa#p-aaaaaaaa",
                    "selector": {"type": "TextQuoteSelector", "exact": "كلمات لم تعد في النص"}}}
    ]);
    a
}

/// JSON pointers of every string leaf of `v`.
fn string_leaves(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::String(_) => out.push(at),
        Value::Array(list) => {
            for (i, item) in list.iter().enumerate() {
                string_leaves(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                string_leaves(item, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// Fields whose value is not free text: a vector there is refused (an
/// error) or dropped, never rendered, and would mask the others in an
/// all-fields article.
fn strict_field(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap();
    matches!(
        last,
        "lang" | "dir" | "published" | "updated" | "type" | "motivation" | "language" | "purpose"
    ) || path == "/id"
        || (path.starts_with("/body/") && last == "id")
}

fn catalog_for(vector: &str, rotation: usize) -> Catalog {
    // Every string field of an entry holds the vector: its id, names,
    // description (the url and type must pass, or the catalog is refused;
    // they are tried with the vector on their own below).
    let entries = json!([
        {"id": vector, "type": "place", "names": [vector, "روسيا"], "url": "https://example.com/topics/russia",
         "description": vector},
        {"id": format!("{vector}-{rotation}"), "type": "person", "names": ["موسكو"], "description": vector},
    ]);
    let catalog = Catalog::from_json(&entries.to_string()).unwrap();
    // Every other one through the binary form (`--catalog FILE.bin`,
    // `Catalog.fromBytes`), which is read back with its own checks.
    if rotation % 2 == 1 {
        Catalog::from_bytes(&catalog.to_bytes()).unwrap()
    } else {
        catalog
    }
}

fn json_builder() -> Builder {
    Builder::new().format(Format::Json)
}

// ---------------------------------------------------------------- JSON

#[test]
fn every_vector_in_every_article_field_through_the_json_importer() {
    let vectors = vectors();
    let base = base_article();
    let mut leaves = Vec::new();
    string_leaves(&base, String::new(), &mut leaves);
    assert!(leaves.len() > 50, "{} string fields", leaves.len());
    let (mut rendered, mut refused, mut mentions) = (0usize, 0usize, 0usize);
    for (i, vector) in vectors.iter().enumerate() {
        // All free-text fields at once: as the whole value, and inside
        // Arabic text (a note's quote still anchors on its words).
        for embed in [false, true] {
            let mut article = base.clone();
            for leaf in leaves.iter().filter(|l| !strict_field(l)) {
                let slot = article.pointer_mut(leaf).unwrap();
                let old = slot.as_str().unwrap().to_string();
                *slot = Value::String(if embed {
                    format!("{old} {vector} ")
                } else {
                    vector.clone()
                });
            }
            let input = article.to_string();
            let page = i % 6 == 0;
            let catalog = catalog_for(vector, i);
            let builder = json_builder()
                .page(page)
                .catalog(Arc::new(catalog))
                .published(rtl_article::date::Date::new(2017, 5, 31).unwrap());
            let out = builder
                .run(&input)
                .unwrap_or_else(|e| panic!("vector {i} {vector:?} (all fields, embed {embed}) refused: {e}"));
            assert_clean(&out.html, page, &|| {
                format!("vector {i} {vector:?} in every field (embed {embed})")
            });
            rendered += 1;
            mentions += usize::from(out.html.contains("class=\"mention\""));
        }
        // Each field on its own, so that a field that refuses or drops a
        // value masks no other, rotated: a third of the strict ones (ids,
        // lang, dir, dates, types) per vector, so each meets 69 vectors, and
        // a sixteenth of the free-text ones, so each meets 12 or 13, spread
        // over the families (the vectors are grouped by family).
        for (j, leaf) in leaves.iter().enumerate() {
            let share = if strict_field(leaf) { 3 } else { 16 };
            if (j + i) % share != 0 {
                continue;
            }
            let mut article = base.clone();
            *article.pointer_mut(leaf).unwrap() = Value::String(vector.clone());
            match json_builder().run(&article.to_string()) {
                Ok(out) => {
                    assert_clean(&out.html, false, &|| format!("vector {i} {vector:?} in {leaf}"));
                    rendered += 1;
                }
                Err(_) => refused += 1,
            }
        }
    }
    eprintln!("JSON: {rendered} renders checked, {refused} refused inputs, {mentions} with catalog mentions");
    // The catalog's entries (named by the vectors themselves and by Arabic
    // words the embedded texts keep) were found: their ids, descriptions
    // and urls reached the output.
    assert!(mentions > vectors.len(), "{mentions} renders with mentions");
}

#[test]
fn catalog_urls_and_types_with_vectors_are_refused() {
    for vector in vectors() {
        for entry in [
            json!({"id": "a", "type": "place", "names": ["روسيا"], "url": vector}),
            json!({"id": "a", "type": vector, "names": ["روسيا"]}),
        ] {
            let Ok(catalog) = Catalog::from_json(&json!([entry]).to_string()) else {
                continue;
            };
            // A vector that is a harmless URL (relative, https) may pass:
            // what it renders must still be clean.
            let out = json_builder()
                .catalog(Arc::new(catalog))
                .run(r#"{"headline": "روسيا", "body": [{"type": "paragraph", "text": "قالت روسيا اليوم"}]}"#)
                .unwrap();
            assert_clean(&out.html, false, &|| format!("catalog entry {entry}"));
        }
    }
}

#[test]
fn notes_given_apart_from_the_article_with_vectors() {
    // Builder::notes_json, as the CLI's --notes and the JS `notes` option.
    let base = base_article();
    let notes = base["notes"].clone();
    let mut article = base.clone();
    article.as_object_mut().unwrap().remove("notes");
    let mut leaves = Vec::new();
    string_leaves(&notes, String::new(), &mut leaves);
    for (i, vector) in vectors().iter().enumerate() {
        let mut n = notes.clone();
        for leaf in &leaves {
            *n.pointer_mut(leaf).unwrap() = Value::String(vector.clone());
        }
        // The first note quotes the vector, which the headline holds.
        let mut a = article.clone();
        a["headline"] = Value::String(format!("عنوان {vector}"));
        n[0]["target"]["selector"][0]["exact"] = Value::String(vector.clone());
        let Ok(builder) = json_builder().notes_json(&n, "notes") else {
            continue;
        };
        let out = builder.run(&a.to_string()).unwrap();
        assert_clean(&out.html, i % 3 == 0, &|| format!("vector {i} {vector:?} in the notes"));
    }
}

// ---------------------------------------------------------------- text

fn scraped(vector: &str) -> String {
    format!(
        "{vector}\n\n{vector}\nتعليق الصورة {vector}\n\nفقرة أولى {vector} في الرقة.\n\n{vector}\n\n\
         - {vector}\n- بند ثان\n\n“{vector}” قال المتحدث.\n\nhttps://example.com/{vector}\n\n\
         أخبار متعلقة\n\n{vector}\n\nأقسام\n{vector}\n"
    )
}

#[test]
fn every_vector_in_scraped_text() {
    for (i, vector) in vectors().iter().enumerate() {
        let page = i % 3 == 0;
        let catalog = catalog_for(vector, i);
        let out = Builder::new()
            .format(Format::Text)
            .page(page)
            .catalog(Arc::new(catalog))
            .run(&scraped(vector))
            .unwrap_or_else(|e| panic!("vector {i} {vector:?}: {e}"));
        assert_clean(&out.html, page, &|| format!("vector {i} {vector:?} in scraped text"));
    }
}

// ---------------------------------------------------------------- CMS HTML

/// The vector put raw (as markup) into the places of a realistic CMS page
/// the importer reads: headline, standfirst, byline, a paragraph, link
/// href and text, image src and alt, caption, quotation and its cite,
/// list items, the page's metas and canonical link, and the JSON-LD block
/// (as a JSON string) where the importer finds editorial notes.
fn cms_page(vector: &str, slot: usize) -> String {
    // As a CMS writes JSON-LD: `<` escaped, so a `</script>` in a value
    // does not end the block.
    let json_string = serde_json::to_string(vector).unwrap().replace('<', "\\u003c");
    let v = vector;
    let places: [(&str, String); 8] = [
        ("<h1 itemprop=\"headline\">", format!("<h1 itemprop=\"headline\">{v} ")),
        (
            "<p class=\"story__standfirst\">",
            format!("<p class=\"story__standfirst\">{v}"),
        ),
        ("href=\"/authors/huda\"", format!("href=\"{v}\"")),
        ("<time datetime=\"", format!("{v}<time datetime=\"")),
        ("content=\"قمة عربية", format!("content=\"{v}")),
        (
            "href=\"https://example.com/news/2023/05/19/arab-summit\"",
            format!("href=\"{v}\""),
        ),
        ("<title>", format!("<title>{v}")),
        (
            "<article class=\"story\"",
            format!("<img src=\"{v}\" alt=\"{v}\">{v}<article class=\"story\""),
        ),
    ];
    let mut page = CMS.to_string();
    for (k, (from, to)) in places.iter().enumerate() {
        if k % 2 == slot % 2 || slot % 4 == 3 {
            page = page.replacen(from, to, 1);
        }
    }
    // Inside the article body.
    let body = format!(
        "<p>فقرة {v} أولى.</p><p><a href=\"{v}\">{v}</a> <a href='{v}'>رابط</a> <strong>{v}</strong></p>\
         <figure><img src=\"{v}\" alt=\"{v}\"><figcaption>{v}</figcaption></figure>\
         <blockquote cite=\"{v}\"><p>{v}</p><footer>{v}</footer></blockquote>\
         <ul><li>{v}</li><li><em>{v}</em></li></ul><h2>{v}</h2>\
         <script type=\"application/ld+json\">{{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \
         \"headline\": {json_string}, \"url\": {json_string}, \"identifier\": {json_string}, \
         \"comment\": [{{\"type\": \"Annotation\", \"motivation\": \"commenting\", \"bodyValue\": {json_string}, \
         \"creator\": {{\"name\": {json_string}}}, \"target\": {json_string}}}]}}</script>\
         <script type=\"application/ld+json\">{{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \
         \"type\": \"AnnotationCollection\", \"label\": {json_string}, \"first\": {{\"type\": \"AnnotationPage\", \"items\": [\
         {{\"id\": {json_string}, \"type\": \"Annotation\", \"motivation\": \"commenting\", \"bodyValue\": {json_string}, \
         \"creator\": {{\"name\": {json_string}, \"id\": {json_string}}}, \"target\": {json_string}}}, \
         {{\"type\": \"Annotation\", \"motivation\": \"assessing\", \"body\": [{{\"type\": \"TextualBody\", \"value\": {json_string}}}, {json_string}], \
         \"target\": {{\"selector\": {{\"type\": \"TextQuoteSelector\", \"exact\": \"قمة عربية طارئة\"}}}}}}]}}}}</script>"
    );
    page.replacen("</h1>", &format!("</h1>{body}"), 1)
        .replacen("</article>", &format!("{body}</article>"), 1)
}

#[test]
fn every_vector_in_cms_html() {
    assert!(CMS.contains("<article class=\"story\""), "the CMS fixture changed");
    let mut notes = 0;
    for (i, vector) in vectors().iter().enumerate() {
        for slot in [i % 4, (i + 2) % 4] {
            let page = (i + slot) % 3 == 0;
            let html = cms_page(vector, slot);
            match Builder::new().format(Format::Html).page(page).run(&html) {
                Ok(out) => {
                    assert_clean(&out.html, page, &|| {
                        format!("vector {i} {vector:?} in CMS HTML slot {slot}")
                    });
                    notes += usize::from(out.html.contains("class=\"notes\""));
                }
                // A vector that breaks the page so that no article is left
                // is refused; that is fine (nothing rendered).
                Err(e) => eprintln!("vector {i} slot {slot}: refused: {e}"),
            }
        }
    }
    // The page's editorial notes (its JSON-LD) were read and rendered.
    assert!(notes > 300, "notes rendered from the CMS page's JSON-LD: {notes}");
}

// ---------------------------------------------------------------- the CLI

fn cli(args: &[&str], stdin: &str) -> (bool, String, String) {
    let out = common_cli::run(args, Some(stdin));
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_cli_on_every_vector_as_json_text_and_html() {
    // One process per format over JSON Lines / a file holding all vectors,
    // so the run stays short: the JSON batch renders one article per vector
    // (every free-text field holding it); text and HTML one file each.
    let vectors = vectors();
    let base = base_article();
    let mut leaves = Vec::new();
    string_leaves(&base, String::new(), &mut leaves);
    let mut lines = String::new();
    for vector in &vectors {
        let mut article = base.clone();
        for leaf in leaves.iter().filter(|l| !strict_field(l)) {
            *article.pointer_mut(leaf).unwrap() = Value::String(vector.clone());
        }
        lines.push_str(&article.to_string());
        lines.push('\n');
    }
    let catalog = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/catalog-raqqa.json");
    let (ok, out, err) = cli(
        &["render", "--jsonl", "--from", "json", "--catalog", catalog, "-"],
        &lines,
    );
    assert!(ok, "{err}");
    let outputs: Vec<&str> = out.lines().collect();
    assert_eq!(outputs.len(), vectors.len(), "{err}");
    for (i, line) in outputs.iter().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let html = v
            .as_str()
            .or(v["html"].as_str())
            .unwrap_or_else(|| panic!("line {i}: {line}"));
        assert_clean(html, false, &|| format!("CLI JSON, vector {i} {:?}", vectors[i]));
    }

    let dir = std::env::temp_dir().join(format!("rtl-article-xss-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text: String = vectors
        .iter()
        .map(|v| format!("{v}\n\nفقرة {v} في الرقة.\n\n"))
        .collect();
    let text_path = dir.join("vectors.txt");
    std::fs::write(&text_path, format!("عنوان\n\n{text}")).unwrap();
    let (ok, out, err) = cli(&["render", "--standalone", text_path.to_str().unwrap()], "");
    assert!(ok, "{err}");
    assert_clean(&out, true, &|| "CLI, every vector in one scraped text".into());

    for (i, chunk) in vectors.chunks(16).enumerate() {
        let html: String = chunk.iter().map(|v| cms_page(v, i % 4)).collect::<Vec<_>>().join("\n");
        let path = dir.join(format!("vectors-{i}.html"));
        let body: String = chunk
            .iter()
            .map(|v| format!("<p>فقرة {v}</p><a href=\"{v}\">{v}</a>"))
            .collect();
        std::fs::write(&path, html.replacen("</h1>", &format!("</h1>{body}"), 1)).unwrap();
        let (ok, out, err) = cli(&["render", "--from", "html", path.to_str().unwrap()], "");
        if ok {
            assert_clean(&out, false, &|| format!("CLI HTML chunk {i}"));
        } else {
            eprintln!("CLI HTML chunk {i} refused: {err}");
        }
    }
    // --notes: editorial notes with the vectors in every string, beside an
    // article whose headline holds them (the first note quotes it).
    let notes: Vec<Value> = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            json!({"id": v, "type": "Annotation", "motivation": if i % 2 == 0 { "assessing" } else { "commenting" },
                   "creator": {"name": v, "id": v}, "label": v,
                   "body": [{"type": "TextualBody", "value": v, "purpose": v}, v],
                   "target": if i % 3 == 0 { json!(v) } else {
                       json!({"source": v, "selector": [{"type": "TextQuoteSelector", "exact": "قافلة من 32 سيارة", "prefix": v}]})
                   }})
        })
        .collect();
    let notes_path = dir.join("notes.json");
    std::fs::write(&notes_path, Value::Array(notes).to_string()).unwrap();
    let article_path = dir.join("article.json");
    std::fs::write(&article_path, ARTICLE).unwrap();
    let render_with_notes = || {
        cli(
            &[
                "render",
                "--notes",
                notes_path.to_str().unwrap(),
                article_path.to_str().unwrap(),
            ],
            "",
        )
    };
    let (ok, out, err) = render_with_notes();
    if ok {
        assert!(out.contains("class=\"notes\""), "{err}");
        assert_clean(&out, false, &|| "CLI --notes with every vector".into());
    } else {
        // A note the reader refuses refuses the file: then each on its own.
        let mut rendered = 0;
        for (i, v) in vectors.iter().enumerate().step_by(3) {
            let one = json!([{"motivation": "commenting", "bodyValue": v, "creator": {"name": v}, "target": v}]);
            std::fs::write(&notes_path, one.to_string()).unwrap();
            let (ok, out, _) = render_with_notes();
            if ok {
                assert_clean(&out, false, &|| format!("CLI --notes, vector {i} {v:?}"));
                rendered += 1;
            }
        }
        assert!(rendered > 0, "every --notes file was refused: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
