//! Editorial notes in the rendered article: markers after their words,
//! popovers described by them, notes on the whole article and orphans
//! listed, the texts unchanged, the collection written back as JSON-LD,
//! and the notes read again from that markup.

#[path = "common/render.rs"]
mod common;

use common::{seed_article, tokenize, Token};
use rtl_article::anchor::w3c::{self, Motivation};
use rtl_article::anchor::Document;
use rtl_article::ingest::notes;
use rtl_article::model::Article;
use rtl_article::render::{render, RenderOptions};
use serde_json::{json, Value};

/// The seed with three notes: a fact-check on "120 عنصرا", a glossary
/// entry whose range ends inside a word, a footnote on the whole article,
/// and a correction whose words are not in the text.
fn annotated_seed() -> (Article, Value) {
    let mut article = seed_article();
    let doc = Document::from_article(&article);
    let texts = article.texts();
    let find = |needle: &str| {
        texts
            .iter()
            .find_map(|t| {
                t.text.text.find(needle).map(|b| {
                    let start = t.text.text[..b].chars().count();
                    (t.id.to_string(), start, start + needle.chars().count())
                })
            })
            .unwrap()
    };
    let (text, start, end) = find("120 عنصرا");
    let fact = doc.describe(&text, start, end).unwrap();
    // "قوات سوريا الديمقراطي" ends inside "الديمقراطية".
    let (text, start, end) = find("قوات سوريا الديمقراطي");
    let glossary = doc.describe(&text, start, end).unwrap();
    let target = |s: &rtl_article::anchor::Selector| {
        json!({
            "source": format!("https://example.com/raqqa#{}", s.text),
            "selector": [
                {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
                {"type": "TextPositionSelector", "start": s.start, "end": s.end},
            ]
        })
    };
    let collection = json!({
        "type": "AnnotationCollection",
        "first": {"type": "AnnotationPage", "items": [
            {"id": "https://example.com/notes/1", "type": "Annotation", "motivation": "assessing",
             "creator": {"name": "فريق التحقق"},
             "body": [{"type": "TextualBody", "value": "وثّقت مصادر مستقلة 118 قتيلا.", "language": "ar"},
                      "https://example.com/fact-check/120"],
             "target": target(&fact)},
            {"motivation": "describing", "bodyValue": "تحالف عسكري تأسس عام 2015.", "target": target(&glossary)},
            {"motivation": "commenting", "bodyValue": "حُدّث هذا الخبر بعد نشره.", "target": "https://example.com/raqqa"},
            {"motivation": "editing", "bodyValue": "صُحّح اسم المدينة.",
             "target": {"source": "https://example.com/raqqa#p-aaaaaaaa",
                        "selector": {"type": "TextQuoteSelector", "exact": "كلمات لم تعد في النص إطلاقا"}}},
        ]}
    });
    let mut warnings = Vec::new();
    article.notes = notes::read(&collection, "notes", &mut warnings).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    (article, collection)
}

/// Text of each `data-text` container, skipping `data-added` subtrees.
fn container_texts(html: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut stack: Vec<(String, bool, Option<usize>)> = Vec::new();
    for token in tokenize(html) {
        match token {
            Token::Start(tag) => {
                let void = matches!(tag.name.as_str(), "img" | "br" | "meta" | "link" | "hr" | "wbr");
                let added = tag.attr("data-added").is_some() || stack.last().is_some_and(|f| f.1);
                let container = tag.attr("data-text").map(|id| {
                    out.push((id.to_string(), String::new()));
                    out.len() - 1
                });
                let container = container.or(stack.last().and_then(|f| f.2));
                if !void {
                    stack.push((tag.name.clone(), added, container));
                }
            }
            Token::End(_) => {
                stack.pop();
            }
            Token::Text(t) => {
                if let Some((_, false, Some(i))) = stack.last() {
                    out[*i].1.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn markers_follow_their_words_and_open_their_notes() {
    let (article, _) = annotated_seed();
    let html = render(&article, &[], &RenderOptions::default());
    // Two notes are placed: two markers, numbered in reading order.
    assert_eq!(html.matches(r#"class="note-marker"#).count(), 2, "{html}");
    let fact_marker = html.find(r#"class="note-marker fact-check""#).unwrap();
    let before = &html[..fact_marker];
    assert!(
        before.ends_with("120 عنصرا<button type=\"button\" "),
        "{}",
        &before[before.len() - 80..]
    );
    // The glossary marker waits for the end of the word.
    let glossary = html.find(r#"class="note-marker glossary""#).unwrap();
    assert!(html[..glossary].ends_with("الديمقراطية<button type=\"button\" "));
    // Each marker opens a popover and is described by its body.
    for token in tokenize(&html) {
        if let Token::Start(tag) = token {
            if tag.attr("class").is_some_and(|c| c.starts_with("note-marker")) {
                let target = tag.attr("popovertarget").unwrap();
                assert!(html.contains(&format!(r#"<li id="{target}" class="note "#)));
                let described = tag.attr("aria-describedby").unwrap();
                assert!(html.contains(&format!(r#"id="{described}""#)));
                assert!(tag.attr("data-added").is_some());
            }
        }
    }
    // Numbered in reading order: the glossary's words are in the headline.
    assert!(html.contains(r#"aria-label="تعريف 1">1</button>"#), "{html}");
    assert!(html.contains(r#"aria-label="تدقيق 2">2</button>"#));
    // The notes follow the body, labelled; the source link passed the policy.
    assert!(html.contains(r#"<aside class="notes" data-added="" aria-labelledby="notes-"#));
    assert!(html.contains("<h2 id=\"notes-"));
    assert!(html.contains(r#"<a href="https://example.com/fact-check/120">المصدر</a>"#));
    assert!(html.contains(r#"<span class="note-creator">فريق التحقق</span>"#));
    assert!(html.contains(r#"<p id="note-"#) && html.contains(r#"lang="ar">وثّقت مصادر مستقلة 118 قتيلا.</p>"#));
}

#[test]
fn whole_article_notes_and_orphans_are_listed_not_dropped() {
    let (article, _) = annotated_seed();
    let html = render(&article, &[], &RenderOptions::default());
    assert!(html.contains("حاشية · عن المقال"), "{html}");
    assert!(html.contains("تصحيح · لم يعد المقطع"));
    assert!(html.contains("<p class=\"note-quote\">كلمات لم تعد في النص إطلاقا</p>"));
    // Only placed notes are popovers; the others show in place.
    assert_eq!(html.matches(" popover=\"\"").count(), 2);
    let warnings = rtl_article::render::notes::warnings(&article);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("كلمات لم تعد"), "{warnings:?}");
}

#[test]
fn the_texts_are_unchanged_by_markers() {
    let (article, _) = annotated_seed();
    let html = render(&article, &[], &RenderOptions::default());
    let rendered = container_texts(&html);
    for t in article.texts() {
        let got = rendered.iter().find(|(id, _)| *id == t.id.to_string()).unwrap();
        assert_eq!(got.1, t.text.text, "{}", t.id);
    }
}

#[test]
fn the_collection_is_written_back_with_current_selectors() {
    let (article, _) = annotated_seed();
    let html = render(&article, &[], &RenderOptions::default());
    let scripts: Vec<String> = tokenize(&html)
        .into_iter()
        .filter_map(|t| match t {
            Token::Raw(r) => Some(r),
            _ => None,
        })
        .collect();
    assert_eq!(scripts.len(), 2, "NewsArticle and the notes");
    let collection: Value = serde_json::from_str(&scripts[1]).unwrap();
    assert_eq!(collection["type"], "AnnotationCollection");
    assert_eq!(collection["total"], 4);
    let items = collection["first"]["items"].as_array().unwrap();
    // Placed notes in reading order, then the whole-article note, then the orphan.
    assert_eq!(items[0]["motivation"], "describing");
    assert_eq!(
        items[0]["target"]["source"]["id"],
        "urn:uuid:0ad163b2-a4f7-81e2-9edf-7b226059fa87#headline"
    );
    assert_eq!(items[1]["id"], "https://example.com/notes/1");
    assert_eq!(items[1]["target"]["selector"][0]["exact"], "120 عنصرا");
    assert!(items[1]["target"]["source"]["id"].as_str().unwrap().contains("#p-"));
    assert_eq!(items[1]["creator"], "فريق التحقق");
    assert_eq!(items[2]["target"], "urn:uuid:0ad163b2-a4f7-81e2-9edf-7b226059fa87");
    assert_eq!(items[3]["orphan"], true);
    assert!(items.iter().all(|i| i["id"].is_string()));
    // Read back: the same notes.
    let mut warnings = Vec::new();
    let back = notes::read(&collection, "notes", &mut warnings).unwrap();
    assert_eq!(back.len(), 4);
    assert_eq!(back[1].motivation, [Motivation::Assessing]);
    assert_eq!(back[0].text_body(), article.notes[1].text_body());
    assert!(back[3].orphan);
}

#[test]
fn notes_survive_an_edit_of_the_article() {
    let (mut article, _) = annotated_seed();
    // A sentence inserted before the fact-checked words, in a paragraph
    // whose derived id changes with it.
    for block in &mut article.body {
        if let rtl_article::BlockKind::Paragraph { text } = &mut block.kind {
            if let Some(at) = text.text.find("وأضاف أنه") {
                text.text.insert_str(at, "وفي تطور لاحق، ");
            }
        }
    }
    let html = render(&article, &[], &RenderOptions::default());
    let marker = html.find(r#"class="note-marker fact-check""#).unwrap();
    assert!(html[..marker].ends_with("120 عنصرا<button type=\"button\" "));
}

#[test]
fn bad_notes_are_refused_with_their_field() {
    let mut warnings = Vec::new();
    let err = notes::read(
        &json!([{"motivation": "assessing", "target": "https://e.com/a"}]),
        "notes",
        &mut warnings,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "notes[0].body: an editorial note needs a textual body (what the note says)"
    );
    let err = notes::read(&json!({"type": "AnnotationCollection"}), "notes", &mut warnings).unwrap_err();
    assert!(
        err.to_string().starts_with("notes: expected an AnnotationCollection"),
        "{err}"
    );
    let err = notes::read(
        &json!([{"bodyValue": "x", "target": {"selector": {"type": "TextPositionSelector", "start": 5, "end": 2}}}]),
        "notes",
        &mut warnings,
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "notes[0].target.selector.end: 2 is before start 5");
    let many: Vec<Value> = (0..notes::MAX_NOTES + 1)
        .map(|_| json!({"bodyValue": "x", "target": "https://e.com/a"}))
        .collect();
    let err = notes::read(&Value::Array(many), "notes", &mut warnings).unwrap_err();
    assert!(err.to_string().contains("the limit is 500"), "{err}");
    // An unknown motivation is shown as a footnote, with a warning.
    let read = notes::read(
        &json!([{"motivation": "tagging", "bodyValue": "x", "target": "https://e.com/a"}]),
        "notes",
        &mut warnings,
    )
    .unwrap();
    assert_eq!(read.len(), 1);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("notes[0].motivation: \"tagging\"")),
        "{warnings:?}"
    );
    // W3C shapes other tools write are read.
    let css = json!({"bodyValue": "x", "target": {"selector": {"type": "CssSelector", "value": "[data-text=\"p-abcdefgh\"]",
        "refinedBy": {"type": "TextQuoteSelector", "exact": "كلمة"}}}});
    let read = w3c::Annotation::read(&css, "n").unwrap();
    assert_eq!(read.selector.unwrap().text, "p-abcdefgh");
}

#[cfg(feature = "html-import")]
#[test]
fn the_page_gives_its_notes_back_when_imported() {
    let (article, _) = annotated_seed();
    let html = rtl_article::render::render_page(&article, &[], &RenderOptions::default());
    let imported = rtl_article::ingest::html::import_with(&html, &Default::default()).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let back = &imported.article;
    // Markers and the notes aside are not article text.
    assert_eq!(back.body.len(), article.body.len());
    for (a, b) in back.texts().iter().zip(article.texts().iter()) {
        assert_eq!(a.text.text, b.text.text);
    }
    assert_eq!(back.notes.len(), 4);
    assert_eq!(back.notes[1].text_body(), Some("وثّقت مصادر مستقلة 118 قتيلا."));
    // Rendered again, the same markers.
    let again = render(back, &[], &RenderOptions::default());
    assert_eq!(again.matches("class=\"note-marker").count(), 2);
}

#[test]
fn a_notes_language_is_written_only_when_it_is_a_language_tag() {
    let (mut article, mut collection) = annotated_seed();
    collection["first"]["items"][0]["body"][0]["language"] = json!("\"><script>alert(1)</script>");
    let mut warnings = Vec::new();
    article.notes = notes::read(&collection, "notes", &mut warnings).unwrap();
    let html = render(&article, &[], &RenderOptions::default());
    assert!(
        html.contains(r#"class="note-body">وثّقت مصادر مستقلة 118 قتيلا.</p>"#),
        "{html}"
    );
    // (It is kept, escaped, in the notes' JSON-LD: the data is the note's.)
    assert!(!html.contains(r#"lang="&quot;"#), "{html}");
}
