//! Annotations rendered as markup: links, spans, <time>, <data>, with the
//! reader's visible text unchanged.

use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::Annotator;
use rtl_article::ingest;
use rtl_article::render::{render, LinkPolicy, RenderOptions};

fn visible_text(html: &str) -> String {
    // Drop tags and the JSON-LD script; unescape the few entities the writer uses.
    let body = html.split("<script").next().unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[test]
fn seed_renders_links_times_and_numbers_without_changing_text() {
    let article = ingest::text::import(include_str!("fixtures/seed-raqqa.txt")).unwrap();
    let catalog = Catalog::from_json(include_str!("fixtures/catalog-raqqa.json")).unwrap();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog).annotate(&article);
    let plain = render(
        &article,
        &[],
        &RenderOptions {
            jsonld: false,
            ..RenderOptions::default()
        },
    );
    let options = RenderOptions {
        // Every mention a link, so each clitic case below is checked as a link.
        links: LinkPolicy::Every,
        jsonld: false,
        ..RenderOptions::default()
    };
    let html = render(&article, &annotations, &options);
    assert!(
        html.contains(r#"و<a href="https://example.com/topics/isis" class="mention" data-entity-id="isis" data-entity-type="organization">داعش</a>"#),
        "وداعش links داعش only"
    );
    assert!(html.contains(r#"ب<a href="https://example.com/topics/raqqa" class="mention" data-entity-id="raqqa" data-entity-type="place">الرقة</a>"#));
    assert!(html.contains(r#"<span class="mention" data-entity-id="syrian-elite-forces" data-entity-type="organization">قوات النخبة السورية</span>"#));
    let time = html
        .split(r#"<time datetime="2017-05-15">"#)
        .nth(1)
        .expect("a <time> for 2017/5/15");
    let time = time.split("</time>").next().unwrap_or("");
    assert_eq!(visible_text(time), "2017/5/15", "the <time> wraps the date as written");
    assert!(html.contains(r#"<data value="120""#), "the number 120");
    assert_eq!(
        visible_text(&html),
        visible_text(&plain),
        "annotations add markup, never text"
    );
}

#[test]
fn only_the_first_mention_of_an_entity_outside_the_headline_is_a_link() {
    let article = ingest::text::import(include_str!("fixtures/seed-raqqa.txt")).unwrap();
    let catalog = Catalog::from_json(include_str!("fixtures/catalog-raqqa.json")).unwrap();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog).annotate(&article);
    let options = |links| RenderOptions {
        jsonld: false,
        links,
        ..RenderOptions::default()
    };
    let html = render(&article, &annotations, &options(LinkPolicy::FirstMention));
    let headline = html
        .split(r#"<h1 data-text="headline">"#)
        .nth(1)
        .unwrap()
        .split("</h1>")
        .next()
        .unwrap();
    assert!(!headline.contains("<a "), "no links in the headline: {headline}");
    assert!(
        headline.contains(r#"<span class="mention" data-entity-id="raqqa""#),
        "{headline}"
    );
    // الرقة appears ten times; one link, nine spans that keep the entity data.
    assert_eq!(html.matches(r#"href="https://example.com/topics/raqqa""#).count(), 1);
    assert!(html.matches(r#"data-entity-id="raqqa""#).count() >= 10);
    // The first link is in the standfirst, where الرقة is first read.
    let standfirst = html
        .split(r#"<p class="standfirst" data-text="standfirst">"#)
        .nth(1)
        .unwrap()
        .split("</p>")
        .next()
        .unwrap();
    assert!(standfirst.contains(r#"href="https://example.com/topics/raqqa""#));

    let every = render(&article, &annotations, &options(LinkPolicy::Every));
    assert!(every.matches(r#"href="https://example.com/topics/raqqa""#).count() >= 10);
    assert_eq!(visible_text(&html), visible_text(&every));
}
