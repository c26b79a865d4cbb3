//! With default options the renderer shows the publisher's text exactly:
//! strip the tags, decode the entities, drop what the renderer adds itself
//! (JSON-LD, `<time>` dates, labels), and every text of the article is
//! there verbatim and in reading order.

#[path = "common/render.rs"]
mod common;

use common::{article_text, assert_texts_in_order, rich_article, seed_article};
use rtl_article::model::{Article, BlockKind, Mark, Span, Text};
use rtl_article::render::{render, render_page, RenderOptions};
use rtl_article::{ingest, Error};

#[test]
fn built_articles_keep_every_text() {
    for article in [seed_article(), rich_article()] {
        assert_texts_in_order(&article, &render(&article, &[], &RenderOptions::default()));
        assert_texts_in_order(&article, &render_page(&article, &[], &RenderOptions::default()));
    }
}

/// Every fixture an importer can read: `.txt` through the scraped-text
/// importer, `.json` through the JSON importer.
#[test]
fn every_importable_fixture_keeps_every_text() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut rendered = 0;
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let input = std::fs::read_to_string(&path).expect("readable fixture");
        let imported: Result<Article, Error> = match path.extension().and_then(|e| e.to_str()) {
            Some("txt") => ingest::text::import(&input),
            Some("json") => ingest::json::import(&input),
            _ => continue,
        };
        // Fixtures that are meant to be refused are the importers' business.
        let Ok(article) = imported else { continue };
        let html = render(&article, &[], &RenderOptions::default());
        assert_texts_in_order(&article, &html);
        rendered += 1;
    }
    assert!(rendered >= 1, "the seed fixture must import");
}

#[test]
fn escaped_characters_and_marks_round_trip() {
    let mut text = Text::plain("قال <المصدر> & \"الناطق\" 'الرسمي' ");
    text.push_marked(
        "Donald Trump",
        Mark::Link {
            href: "https://example.com/t".into(),
            title: None,
        },
    );
    text.push_str(" في 2017/5/15 ");
    let start = text.text.len();
    text.push_str("وزير الدفاع BBC");
    // Crosses the Latin run at its end.
    text.spans.push(Span {
        start,
        end: start + "وزير الدفاع BB".len(),
        mark: Mark::Emphasis,
    });
    text.normalize_spans();
    let mut article = Article::new("عنوان & <خبر>");
    article.body.push(BlockKind::Paragraph { text }.into());
    let html = render(&article, &[], &RenderOptions::default());
    assert_texts_in_order(&article, &html);
    assert!(
        article_text(&html).contains("قال <المصدر> & \"الناطق\" 'الرسمي' Donald Trump في 2017/5/15 وزير الدفاع BBC")
    );
}
