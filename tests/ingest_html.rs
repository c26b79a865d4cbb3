//! The HTML importer on a realistic CMS page and on hostile markup:
//! everything on the allowlist survives (marks as spans), nothing else does.
#![cfg(feature = "html-import")]

use rtl_article::ingest::{html, Limits};
use rtl_article::{Article, Block, BlockKind, ErrorKind, Mark, Text};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every marked range of a text as (marked text, mark).
fn marks(text: &Text) -> Vec<(&str, &Mark)> {
    text.spans
        .iter()
        .map(|s| (&text.text[s.start..s.end], &s.mark))
        .collect()
}

fn all_text(article: &Article) -> String {
    let mut out: Vec<String> = article.texts().into_iter().map(|t| t.text.text.clone()).collect();
    for block in &article.body {
        if let BlockKind::Related { title, links } = &block.kind {
            out.extend(title.clone());
            out.extend(links.iter().map(|l| l.title.clone()));
        }
    }
    out.join("\n")
}

#[test]
fn cms_page_metadata() {
    let imported = html::import_with(&fixture("cms-article.html"), &Limits::default()).unwrap();
    let a = &imported.article;
    assert_eq!((a.lang.as_str(), a.dir.as_str()), ("ar", "rtl"));
    assert_eq!(a.headline.text, "قمة عربية طارئة في القاهرة لبحث الأزمة السودانية");
    assert_eq!(marks(&a.headline), [("القاهرة", &Mark::Emphasis)]);
    assert_eq!(
        a.standfirst,
        Some(Text::plain(
            "القادة العرب يدعون إلى وقف فوري لإطلاق النار وفتح ممرات إنسانية آمنة"
        ))
    );
    assert_eq!(a.byline.as_deref(), Some("بقلم هدى سالم"));
    // <time datetime> in the header wins over the meta tag.
    assert_eq!(
        a.published.as_ref().map(|t| t.as_str()),
        Some("2023-05-19T09:30:00+03:00")
    );
    assert_eq!(
        a.updated.as_ref().map(|t| t.as_str()),
        Some("2023-05-19T14:10:00+03:00")
    );
    assert_eq!(a.section.as_deref(), Some("أخبار"));
    assert_eq!(a.tags, ["السودان", "الجامعة العربية"]);
    assert_eq!(
        a.url.as_deref(),
        Some("https://example.com/news/2023/05/19/arab-summit")
    );
    assert_eq!(a.publisher.as_ref().map(|p| p.name.as_str()), Some("أخبار المثال"));
    let lead = a.lead.as_ref().expect("lead figure");
    assert_eq!(lead.src.as_deref(), Some("https://example.com/images/summit.jpg"));
    assert_eq!(lead.alt.as_deref(), Some("القادة العرب في قاعة المؤتمرات"));
    assert_eq!((lead.width, lead.height), (Some(1200), Some(675)));
    assert_eq!(lead.caption, Some(Text::plain("جانب من الجلسة الافتتاحية للقمة")));
    assert_eq!(lead.credit.as_deref(), Some("تصوير: رويترز"));
    // The sidebar outside the article fills `related`.
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].url, "/news/most-read-1");
}

#[test]
fn cms_page_body_keeps_the_allowlist_and_nothing_else() {
    let imported = html::import_with(&fixture("cms-article.html"), &Limits::default()).unwrap();
    let a = &imported.article;
    let types: Vec<&str> = a.body.iter().map(Block::type_name).collect();
    assert_eq!(
        types,
        [
            "paragraph",
            "paragraph",
            "heading",
            "paragraph",
            "list",
            "blockquote",
            "paragraph",
            "related"
        ]
    );

    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!()
    };
    // Source line breaks and runs of spaces collapse to one space.
    assert_eq!(
        text.text,
        "افتتح القادة العرب قمتهم الطارئة في القاهرة صباح الجمعة، وسط دعوات متزايدة لوقف فوري لإطلاق النار في السودان."
    );
    let cairo = Mark::Link {
        href: "https://example.com/topics/cairo".into(),
        title: Some("القاهرة".into()),
    };
    assert_eq!(marks(text), [("القاهرة", &cairo), ("فوري", &Mark::Strong)]);

    let BlockKind::List { ordered: false, items } = &a.body[4].kind else {
        panic!("list")
    };
    assert_eq!(items.len(), 3);
    assert_eq!(marks(&items[0]), [("72 ساعة", &Mark::Emphasis)]);
    // The javascript: link is gone, its text stays.
    assert_eq!(items[1], Text::plain("ضمان وصول المساعدات إلى دارفور والخرطوم"));

    let BlockKind::Blockquote {
        text,
        attribution,
        cite,
    } = &a.body[5].kind
    else {
        panic!("blockquote")
    };
    assert_eq!(text.text, "لن نقف مكتوفي الأيدي أمام معاناة أشقائنا في السودان");
    assert_eq!(
        attribution.as_ref().map(|t| t.text.as_str()),
        Some("— البيان الختامي للقمة")
    );
    assert_eq!(cite.as_deref(), Some("https://example.com/statements/summit-2023"));

    let BlockKind::Paragraph { text } = &a.body[6].kind else {
        panic!()
    };
    assert!(
        text.text.contains("خلال شهر.\nللتواصل"),
        "<br> is a line feed: {:?}",
        text.text
    );
    assert_eq!(
        marks(text),
        [(
            "newsroom@example.com",
            &Mark::Link {
                href: "mailto:newsroom@example.com".into(),
                title: None
            }
        )]
    );

    let BlockKind::Related { title, links } = &a.body[7].kind else {
        panic!("related")
    };
    assert_eq!(title.as_deref(), Some("اقرأ أيضا"));
    assert_eq!(
        links.iter().map(|l| l.url.as_str()).collect::<Vec<_>>(),
        ["/news/sudan-talks", "/news/aid-convoys"]
    );

    let everything = all_text(a);
    for chrome in [
        "الرئيسية",
        "رياضة",
        "الخصوصية",
        "شارك",
        "انسخ الرابط",
        "اشترك في النشرة",
        "نص مخفي",
        "© 2023",
        "١٩ مايو",
        "dataLayer",
        "track(",
    ] {
        assert!(!everything.contains(chrome), "{chrome} leaked into the article");
    }
    assert_eq!(
        imported.warnings,
        [
            "html: dropped 2 <div> (ad, widget or hidden)",
            "html: dropped 1 <iframe>",
            "html: dropped 1 <p> (ad, widget or hidden)",
            "html: removed 1 link(s) with a disallowed URL scheme (text kept)",
        ]
    );
}

#[test]
fn hostile_markup_keeps_text_and_marks_only() {
    let imported = html::import_with(&fixture("hostile.html"), &Limits::default()).unwrap();
    let a = &imported.article;
    assert_eq!(a.headline, Text::plain("عنوان سليم"));
    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!()
    };
    assert_eq!(text.text, "نص مهم جدا ورابط وخبيث وبيانات.");
    assert_eq!(
        marks(text),
        [
            ("مهم جدا", &Mark::Strong),
            ("مهم جدا", &Mark::Emphasis),
            (
                "رابط",
                &Mark::Link {
                    href: "https://example.com/a".into(),
                    title: None
                }
            ),
        ]
    );
    let paragraphs: Vec<&str> = a
        .body
        .iter()
        .filter_map(|b| {
            if let BlockKind::Paragraph { text } = &b.kind {
                Some(text.text.as_str())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        paragraphs,
        [
            "نص مهم جدا ورابط وخبيث وبيانات.",
            "نص ملون قديم",
            "سطر آخر",
            "كتلة داخل رابط",
            "نص حر بلا فقرة غامق",
            // Escaped markup in the source is text, and stays text.
            "<script>alert(1)</script> يبقى نصا",
        ]
    );
    let json = serde_json::to_string(a).unwrap();
    for gone in [
        "onmouseover",
        "onclick",
        "onerror",
        "javascript",
        "data:text",
        "srcdoc",
        "style",
        "مرسوم",
        "فلاش",
        "قالب",
        "حقل",
        "مخفي",
        "فعّل",
    ] {
        assert!(!json.to_lowercase().contains(gone), "{gone} survived: {json}");
    }
    assert!(imported.warnings.contains(&"html: dropped 1 <script>".to_string()));
    assert!(imported
        .warnings
        .contains(&"html: removed 2 link(s) with a disallowed URL scheme (text kept)".to_string()));
}

#[test]
fn page_without_article_element_uses_body_and_title() {
    let page = r#"<html lang="ar"><head><title>انخفاض أسعار النفط | موقع المثال</title>
        <meta name="description" content="تراجع خام برنت إلى أدنى مستوى منذ شهرين"></head>
        <body><header><a href="/">موقع المثال</a></header>
        <nav><a href="/a">اقتصاد</a><a href="/b">رياضة</a></nav>
        <div class="content"><p>تراجعت أسعار النفط في التعاملات الآسيوية صباح الاثنين.</p></div>
        <footer>جميع الحقوق محفوظة</footer></body></html>"#;
    let imported = html::import_with(page, &Limits::default()).unwrap();
    let a = &imported.article;
    assert_eq!(a.headline.text, "انخفاض أسعار النفط");
    assert_eq!(
        a.standfirst,
        Some(Text::plain("تراجع خام برنت إلى أدنى مستوى منذ شهرين"))
    );
    assert_eq!(
        a.body,
        [Block::paragraph("تراجعت أسعار النفط في التعاملات الآسيوية صباح الاثنين.")]
    );
    assert!(
        imported
            .warnings
            .contains(&"html: dropped 1 <nav> (site chrome)".to_string()),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn limits_and_failures() {
    let e = html::import("<p>نص بلا عنوان</p>").unwrap_err();
    assert_eq!(
        e.to_string(),
        "html: no headline found (looked for <h1>, og:title and <title>)"
    );

    let deep = format!(
        "<article><h1>عنوان</h1>{}نص{}</article>",
        "<div>".repeat(400),
        "</div>".repeat(400)
    );
    let e = html::import(&deep).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert_eq!(
        e.to_string(),
        "html: elements nested more than 256 deep; the limit is 256"
    );

    let small = Limits {
        max_input_bytes: 1000,
        ..Limits::default()
    };
    let e = html::import_with(&fixture("cms-article.html"), &small).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("bytes; the limit is 1000 bytes (Limits::max_input_bytes)"),
        "{e}"
    );

    let many = format!("<article><h1>عنوان</h1>{}</article>", "<p>فقرة</p>".repeat(20));
    let few = Limits {
        max_blocks: 10,
        ..Limits::default()
    };
    assert_eq!(
        html::import_with(&many, &few).unwrap_err().to_string(),
        "body: 11 blocks; the limit is 10"
    );

    let imported = html::import_with(r#"<article lang="arabic"><h1>عنوان</h1></article>"#, &Limits::default()).unwrap();
    assert_eq!(imported.article.lang, "ar");
    assert_eq!(
        imported.warnings,
        ["html: lang \"arabic\" is not a BCP 47 language tag; using \"ar\""]
    );
}

#[test]
fn main_root_keeps_its_own_header() {
    let page = r#"<body><header class="site"><a href="/">الموقع</a></header>
        <main lang="ar"><header><h1>افتتاح معرض الكتاب في الرياض</h1><p>مشاركة 1800 دار نشر من 32 دولة</p></header>
        <p>افتتح معرض الرياض الدولي للكتاب أبوابه أمام الزوار مساء الخميس.</p></main></body>"#;
    let a = html::import(page).unwrap();
    assert_eq!(a.headline.text, "افتتاح معرض الكتاب في الرياض");
    assert_eq!(a.standfirst, Some(Text::plain("مشاركة 1800 دار نشر من 32 دولة")));
    assert_eq!(a.body.len(), 1);
    assert!(!all_text(&a).contains("الموقع"));
}

#[test]
fn block_ids_come_from_data_block_or_id_and_tel_links_stay() {
    let imported = html::import_with(
        r#"<article><h1>عنوان</h1>
        <p data-block="p-intro">أولى <a href="tel:+963112345678">اتصل</a></p>
        <p id="par-2">ثانية</p>
        <p id="par 3">ثالثة</p>
        <p id="par-2">رابعة</p>
        <figure data-block="f-1"><img src="/a.jpg" alt="صورة"><figcaption>تعليق</figcaption></figure>
        <p>خامسة <a href="javascript:x">رابط</a></p>
        </article>"#,
        &Limits::default(),
    )
    .unwrap();
    let a = &imported.article;
    let ids: Vec<Option<&str>> = a.body.iter().map(|b| b.id.as_deref()).collect();
    // An invalid id and a repeated one are derived instead; the figure (in
    // the body, after paragraphs) keeps its own.
    assert_eq!(ids, [Some("p-intro"), Some("par-2"), None, None, Some("f-1"), None]);
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.contains(r#""par 3" is not usable as a block id"#)),
        "{:?}",
        imported.warnings
    );
    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!("paragraph")
    };
    assert!(matches!(&text.spans[0].mark, Mark::Link { href, .. } if href == "tel:+963112345678"));
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.contains("removed 1 link(s) with a disallowed URL scheme")));
}

#[test]
fn the_renderers_own_markup_reads_back_as_the_same_article() {
    use rtl_article::render::{render, RenderOptions};
    let original = rtl_article::ingest::json::import(
        r#"{"headline": "عنوان", "standfirst": "مقدمة", "body": [
          {"type": "paragraph", "text": ["قال ", {"strong": "المصدر"}, " أمس"]},
          {"type": "blockquote", "text": "لن نسمح", "attribution": "الوزير", "cite": "https://example.com/q"},
          {"type": "pull_quote", "text": "عبارة", "attribution": "قائلها"},
          {"type": "list", "items": ["أ", "ب"]},
          {"type": "figure", "src": "/a.jpg", "alt": "صورة", "caption": "تعليق", "credit": "رويترز"}
        ], "related": [{"title": "خبر", "url": "https://example.com/r"}]}"#,
    )
    .unwrap();
    let markup = render(&original, &[], &RenderOptions::default());
    let back = html::import(&markup).unwrap();
    assert_eq!(back.headline, original.headline);
    assert_eq!(back.standfirst, original.standfirst);
    assert_eq!(back.related, original.related);
    assert_eq!(back.body.len(), original.body.len(), "{:#?}", back.body);
    for (b, o) in back.body.iter().zip(&original.body) {
        assert_eq!(b.kind, o.kind);
    }
    // Block ids come back from data-block: the same names for the same texts.
    assert_eq!(back.block_ids(), original.block_ids());
}

#[test]
fn dirty_cms_text_is_cleaned_marks_moved_with_a_warning() {
    let page = "<html lang=\"ar\"><body><article><h1>قمة\u{1a} عربية</h1>\
        <p>وصل الوفد إلى <strong>الر\u{200b}قة</strong> أمس\u{7}.</p><p>\u{1a}</p><p>فقرة</p></article></body></html>";
    let imported = html::import_with(page, &Limits::default()).unwrap();
    let a = &imported.article;
    assert_eq!(a.headline.text, "قمة عربية");
    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!("{:?}", a.body)
    };
    assert_eq!(text.text, "وصل الوفد إلى الرقة أمس.");
    // A paragraph of nothing but dirt is gone.
    assert_eq!(a.body.len(), 2, "{:?}", a.body);
    assert_eq!(marks(text), [("الرقة", &Mark::Strong)]);
    assert_eq!(
        imported.warnings,
        ["html: removed 4 control character(s), stray byte-order mark(s) or zero-width space(s) inside words"]
    );
    // A zero-width space that is not inside a word stays.
    let kept = html::import("<html><body><article><h1>خبر</h1><p>example.com/\u{200b}news</p></article></body></html>")
        .unwrap();
    let BlockKind::Paragraph { text } = &kept.body[0].kind else {
        panic!()
    };
    assert_eq!(text.text, "example.com/\u{200b}news");
}

#[test]
fn markup_too_deep_for_the_parser_is_refused_before_parsing() {
    // The HTML5 tree builder's scope checks walk the stack of open elements:
    // 100,000 nested elements would take minutes. Refused by a linear scan.
    let deep = |n: usize| {
        format!(
            "<html><body><article><h1>خبر</h1>{}<p>نص</p>{}</article></body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        )
    };
    let err = html::import(&deep(100_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Invalid);
    assert!(
        err.to_string()
            .starts_with("html: elements nested at least 4097 deep; the limit is 4096"),
        "{err}"
    );
    // Deep but not that deep reaches the importer's own limit, as before.
    let err = html::import(&deep(1_000)).unwrap_err();
    assert!(err.to_string().contains("nested more than 256 deep"), "{err}");
    // What does not nest does not count: thousands of unclosed paragraphs,
    // list items, void elements, comments and scripts full of tags.
    let flat = format!(
        "<html><body><article><h1>خبر</h1>{}<ul>{}</ul>{}<!-- {} --><script>{}</script></article></body></html>",
        "<p>فقرة".repeat(3_000),
        "<li>بند".repeat(5_000),
        "<br><hr/><wbr>".repeat(5_000),
        "<div>".repeat(5_000),
        "<div>".repeat(5_000)
    );
    let result = html::import_with(&flat, &Limits::default());
    assert!(result.is_ok(), "{:?}", result.err());
}

#[test]
fn a_related_box_whose_links_were_all_refused_reads_back_as_one() {
    // Found by the render fuzz target (fuzz/corpus/render/regression-empty-related.json):
    // its title came back as a paragraph.
    use rtl_article::render::{render, RenderOptions};
    let original = rtl_article::ingest::json::import(
        r#"{"headline": "عنوان", "body": [{"type": "paragraph", "text": "نص"},
           {"type": "related", "title": "اقرأ أيضا", "links": [{"title": "خبر", "url": "javascript:x()"}]}]}"#,
    )
    .unwrap();
    let markup = render(&original, &[], &RenderOptions::default());
    let back = html::import(&markup).unwrap();
    assert_eq!(back.body.len(), 2, "{:?}", back.body);
    assert_eq!(back.body[1].kind, original.body[1].kind, "{markup}");
}
