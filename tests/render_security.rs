//! Hostile input in every field cannot produce a tag, attribute or URL the
//! renderer did not choose, and cannot break out of the JSON-LD script.

#[path = "common/render.rs"]
mod common;

use common::{assert_texts_in_order, start_tags, tokenize, Token};
use rtl_article::annotate::{Annotation, AnnotationKind, EntityType};
use rtl_article::model::{Article, Block, BlockKind, Figure, Link, Mark, Publisher, Text};
use rtl_article::render::{render, render_page, RenderOptions};

const HOSTILE_TEXT: &[&str] = &[
    "<script>alert(1)</script>",
    r#""><img src=x onerror=alert(1)>"#,
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!-- تعليق --> &amp; &lt;b&gt;",
    "نص\u{2028}عربي\u{2029}",
];

const HOSTILE_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java&#x09;script:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "\u{1}javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    r#"https://example.com/"><script>alert(1)</script>"#,
];

const TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "style",
    "body",
    "main",
    "article",
    "header",
    "footer",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "time",
    "data",
    "span",
    "figure",
    "img",
    "figcaption",
    "small",
    "div",
    "blockquote",
    "aside",
    "ol",
    "ul",
    "li",
    "nav",
    "a",
    "em",
    "strong",
    "bdi",
    "script",
];

const ATTRS: &[&str] = &[
    "dir",
    "lang",
    "class",
    "datetime",
    "src",
    "alt",
    "width",
    "height",
    "loading",
    "decoding",
    "cite",
    "aria-label",
    "href",
    "title",
    "type",
    "charset",
    "name",
    "content",
    "rel",
    // The reader-bundle hooks and the annotation data.
    "data-block",
    "data-text",
    "data-added",
    "data-entity-id",
    "data-entity-type",
    "data-calendar",
    "data-hijri",
    "data-unit",
    "data-speaker",
    "data-speaker-id",
    "value",
];

/// An article with `text` in every text field and `url` in every URL field.
fn hostile_article(text: &str, url: &str) -> Article {
    let plain = || Text::plain(format!("قال {text} أمس"));
    let mut linked = Text::plain("اقرأ ");
    linked.push_marked(
        text,
        Mark::Link {
            href: url.into(),
            title: Some(text.into()),
        },
    );
    linked.push_str(" و");
    linked.push_marked(text, Mark::Strong);
    let mut a = Article::new(format!("عنوان {text}"));
    a.lang = format!("ar\"{text}");
    a.standfirst = Some(plain());
    a.byline = Some(text.into());
    // Dates are typed (rtl_article::date::Timestamp): no text reaches them.
    a.published = "2017-05-27".parse().ok();
    a.updated = "2017-05-28T10:00Z".parse().ok();
    a.section = Some(text.into());
    a.tags = vec![text.into(), url.into()];
    a.url = Some(url.into());
    a.publisher = Some(Publisher {
        name: text.into(),
        url: Some(url.into()),
        logo: Some(url.into()),
    });
    a.lead = Some(Figure {
        src: Some(url.into()),
        alt: Some(text.into()),
        caption: Some(plain()),
        credit: Some(text.into()),
        width: Some(10),
        height: Some(10),
    });
    let kinds = vec![
        BlockKind::Paragraph { text: linked },
        BlockKind::Heading {
            level: 3,
            text: plain(),
        },
        BlockKind::Blockquote {
            text: plain(),
            attribution: Some(plain()),
            cite: Some(url.into()),
        },
        BlockKind::PullQuote {
            text: plain(),
            attribution: Some(plain()),
        },
        BlockKind::List {
            ordered: true,
            items: vec![plain(), plain()],
        },
        BlockKind::Figure(Figure {
            src: Some(url.into()),
            alt: Some(text.into()),
            caption: Some(plain()),
            ..Figure::default()
        }),
        BlockKind::Related {
            title: Some(text.into()),
            links: vec![Link {
                title: text.into(),
                url: url.into(),
            }],
        },
    ];
    a.body = kinds.into_iter().map(Block::from).collect();
    a.related = vec![Link {
        title: text.into(),
        url: url.into(),
    }];
    a
}

fn url_is_allowed(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let head_end = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    match lower[..head_end].find(':') {
        None => true,
        Some(i) => matches!(&lower[..i], "http" | "https" | "mailto" | "tel"),
    }
}

fn check(html: &str) {
    for tag in start_tags(html) {
        assert!(
            TAGS.contains(&tag.name.as_str()),
            "unexpected <{}> in\n{html}",
            tag.name
        );
        for (name, value) in &tag.attrs {
            assert!(
                ATTRS.contains(&name.as_str()),
                "unexpected attribute {name} on <{}>",
                tag.name
            );
            assert!(!name.starts_with("on"));
            if matches!(name.as_str(), "href" | "src" | "cite") {
                assert!(url_is_allowed(value), "{name}={value:?}");
                assert!(!value.chars().any(char::is_control), "{name}={value:?}");
            }
        }
        if tag.name == "script" {
            assert_eq!(tag.attr("type"), Some("application/ld+json"));
        }
    }
    let tokens = tokenize(html);
    assert!(
        !tokens.iter().any(|t| matches!(t, Token::Comment(_))),
        "a comment opened in\n{html}"
    );
    let scripts: Vec<&String> = tokens
        .iter()
        .filter_map(|t| if let Token::Raw(s) = t { Some(s) } else { None })
        .collect();
    for raw in scripts {
        if raw.trim_start().starts_with('{') {
            assert!(!raw.contains('<') && !raw.contains('>') && !raw.contains('&'));
            assert!(!raw.contains('\u{2028}') && !raw.contains('\u{2029}'));
            let ld: serde_json::Value = serde_json::from_str(raw).expect("JSON-LD stays valid");
            assert_eq!(ld["@type"], "NewsArticle");
        }
    }
}

#[test]
fn hostile_text_and_urls_in_every_field() {
    for text in HOSTILE_TEXT {
        for url in HOSTILE_URLS {
            let article = hostile_article(text, url);
            let html = render(&article, &[], &RenderOptions::default());
            check(&html);
            check(&render_page(&article, &[], &RenderOptions::default()));
            // Hostile text is shown, escaped — not dropped.
            assert_texts_in_order(&article, &html);
            if url.starts_with("https:") {
                // Allowed scheme, hostile path: kept, with its quotes escaped.
                assert!(html.contains(r#"<a href="https://example.com/&quot;&gt;&lt;script&gt;"#));
            } else {
                // A link with a refused URL renders as its text.
                assert!(!html.contains("<a "), "{url:?} produced a link");
                assert!(!html.contains("<img"), "{url:?} produced an image");
                assert!(!html.contains(" cite="), "{url:?} produced a cite");
            }
        }
    }
}

#[test]
fn jsonld_keeps_hostile_strings_as_data() {
    let text = "</script><script>alert(1)</script><!--";
    let article = hostile_article(text, "https://example.com/a");
    let html = render(&article, &[], &RenderOptions::default());
    check(&html);
    let open = r#"<script type="application/ld+json">"#;
    let start = html.find(open).map(|i| i + open.len()).expect("script");
    let end = start + html[start..].find("</script>").expect("end of script");
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).expect("valid JSON");
    for field in [
        &ld["headline"],
        &ld["author"]["name"],
        &ld["articleSection"],
        &ld["publisher"]["name"],
    ] {
        assert!(field.as_str().is_some_and(|s| s.contains(text)), "{field}");
    }
    assert_eq!(ld["image"], "https://example.com/a");
    assert_eq!(html.matches("</script>").count(), 1);
}

#[test]
fn allowed_urls_are_kept() {
    let article = hostile_article("خبر", "https://example.com/ar/news?id=1&page=2");
    let html = render(&article, &[], &RenderOptions::default());
    check(&html);
    assert!(html.contains(r#"<a href="https://example.com/ar/news?id=1&amp;page=2" title="خبر">خبر</a>"#));
    assert!(html.contains(r#"<blockquote cite="https://example.com/ar/news?id=1&amp;page=2">"#));
    assert!(html.contains(r#"<img src="https://example.com/ar/news?id=1&amp;page=2" alt="خبر""#));
}

#[test]
fn annotation_data_cannot_inject_elements_attributes_or_urls() {
    let article = hostile_article("خبر", "/a");
    let t = article
        .texts()
        .into_iter()
        .find(|t| t.path == "body[1].text")
        .expect("heading");
    let len = t.text.text.len();
    let hostile = r#""><script>alert(1)</script>"#;
    let at = |end: usize, kind: AnnotationKind| Annotation {
        text: t.id.clone(),
        start: 0,
        end,
        kind,
        confidence: 1.0,
    };
    let annotations = [
        at(
            len,
            AnnotationKind::Mention {
                id: hostile.into(),
                entity_type: EntityType::Person,
                url: Some("javascript:alert(1)".into()),
                alternatives: Vec::new(),
            },
        ),
        at(
            6,
            AnnotationKind::Quotation {
                speaker: Some(hostile.into()),
                speaker_id: Some(hostile.into()),
                direct: true,
            },
        ),
        at(
            6,
            AnnotationKind::Number {
                value: f64::NAN,
                unit: Some(hostile.into()),
            },
        ),
        at(
            6,
            AnnotationKind::Date {
                iso: Some(hostile.into()),
                calendar: "hijri",
                resolved: true,
                hijri: Some(hostile.into()),
            },
        ),
    ];
    let html = render(&article, &annotations, &RenderOptions::default());
    check(&html);
    let tags = start_tags(&html);
    assert_eq!(tags.iter().filter(|t| t.name == "script").count(), 1);
    assert!(
        html.contains(r#"data-speaker="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#),
        "{html}"
    );
    assert!(!html.contains("javascript:"));
}
