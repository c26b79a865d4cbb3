//! What a reader (and a screen reader) gets from `render`: the elements,
//! dates, isolates and typography of rendered articles.

#[path = "common/render.rs"]
mod common;

use common::{assert_texts_in_order, rich_article, seed_article, start_tags, without_hooks};
use rtl_article::annotate::{Annotation, AnnotationKind, EntityType};
use rtl_article::model::{Article, BlockKind, Dir, Text};
use rtl_article::render::{render, render_page, DigitStyle, QuoteStyle, RenderOptions};

fn default_html(article: &Article) -> String {
    plain(article, &RenderOptions::default())
}

/// Rendered without annotations, the reader-bundle hooks left out.
fn plain(article: &Article, options: &RenderOptions) -> String {
    without_hooks(&render(article, &[], options))
}

#[test]
fn seed_renders_as_a_semantic_arabic_article() {
    let html = default_html(&seed_article());
    assert!(
        html.starts_with(r#"<article dir="rtl" lang="ar" class="rtl-article">"#),
        "{html}"
    );
    assert!(html.ends_with("</article>"));
    assert!(html.contains("<h1>روسيا ترفض أي اتفاق بين قوات سوريا الديمقراطية وداعش في الرقة</h1>"));
    assert!(html.contains(r#"<p class="standfirst">أعلن مصدر في وزارة الدفاع الروسية"#));
    assert!(html.contains(r#"<p class="section">أخبار</p>"#));
    // The orphaned caption becomes a figure without an image.
    assert!(html.contains(
        r#"<figure class="lead"><figcaption><span class="caption">رتل لتنظيم داعش الإرهابي</span></figcaption></figure>"#
    ));
    assert!(!html.contains("<img"));
    assert!(html.contains(r#"<time datetime="2017-05-27T09:30:00+03:00">27 مايو 2017</time>"#));
    // Dates in the body are isolated; the bare counts 32 and 120 are not.
    assert!(html.contains(r#"بتاريخ <bdi dir="ltr">2017/5/15</bdi> والذي"#));
    assert!(html.contains(r#"الشهر <bdi dir="ltr">2017/5/31</bdi>”."#));
    assert!(html.contains("مكونة من 32 سيارة “بيك أب”"));
    assert!(html.contains("يقل عن 120 عنصرا"));
    assert_eq!(html.matches("<p>").count(), 7);
    assert_texts_in_order(&seed_article(), &html);
}

#[test]
fn header_has_byline_dates_and_lead_image() {
    let html = default_html(&rich_article());
    assert!(html.contains(r#"<p class="byline">بقلم سامر الأحمد</p>"#));
    assert!(html.contains(r#"<span class="label">نُشر</span> <time datetime="2023-09-12">12 سبتمبر 2023</time>"#));
    assert!(html.contains(
        r#"<span class="label">آخر تحديث</span> <time datetime="2023-09-13T08:00:00Z">13 سبتمبر 2023</time>"#
    ));
    assert!(html.contains(
        r#"<img src="https://example.com/img/iphone.jpg" alt="هاتف iPhone 15 على طاولة" width="1200" height="675" loading="eager" decoding="async">"#
    ));
    assert!(
        html.contains(r#"<small class="credit"> رويترز/<bdi dir="ltr" lang="en">Reuters</bdi></small></figcaption>"#)
    );
    // A body image without alt relies on its figcaption and loads lazily.
    assert!(html.contains(r#"<figure class="figure"><img src="/img/camera.jpg" loading="lazy" decoding="async"><figcaption><span class="caption">الكاميرا الخلفية</span></figcaption></figure>"#));
}

#[test]
fn latin_names_urls_numbers_are_isolated() {
    let html = default_html(&rich_article());
    for expected in [
        r#"<h1>أبل تطلق <bdi dir="ltr" lang="en">iPhone 15</bdi> في <bdi dir="ltr">2023/9/12</bdi> بسعر <bdi dir="ltr">799$</bdi></h1>"#,
        r#"قال <bdi dir="ltr" lang="en">Tim Cook</bdi> إن"#,
        r#"بنسبة <bdi dir="ltr">45%</bdi> خلال"#,
        r#"<bdi dir="ltr">1,250.5</bdi> مليون"#,
        r#"<bdi dir="ltr">+44 20 7946 0958</bdi> أو <bdi dir="ltr" lang="en">info@example.com</bdi>"#,
        r#"متجر <bdi dir="ltr" lang="en">Apple (Fifth Avenue)</bdi>"#,
        r#"من <bdi dir="ltr">09:00-18:00</bdi> يوميا"#,
    ] {
        assert!(html.contains(expected), "missing {expected}\nin {html}");
    }
}

#[test]
fn marks_and_isolates_nest() {
    let html = default_html(&rich_article());
    // The link and the run cover the same words: one inside the other.
    assert!(html.contains(
        r#"<a href="https://www.bbc.com/arabic" title="بي بي سي"><bdi dir="ltr" lang="en">BBC News</bdi></a> أن <strong>الشركة</strong>"#
    ));
    // Emphasis over "المتجر Apple" crosses the run "Apple Store": the run
    // stays whole (split, it would display "Store Apple"); the emphasis splits.
    assert!(
        html.contains(r#"<em>المتجر </em><bdi dir="ltr" lang="en"><em>Apple</em> Store</bdi>"#),
        "{html}"
    );
}

#[test]
fn blocks_use_accessible_markup() {
    let html = default_html(&rich_article());
    assert!(html.contains("<h2>الأسعار في 2023</h2>"));
    assert!(html.contains(
        r#"<figure class="quote"><blockquote cite="https://example.com/keynote"><p>“نحن فخورون بهذا الجهاز”</p></blockquote><figcaption class="attribution"><bdi dir="ltr" lang="en">Tim Cook</bdi>، الرئيس التنفيذي</figcaption></figure>"#
    ));
    assert!(html.contains(r#"<aside class="pull-quote" aria-label="اقتباس"><p>"أفضل هاتف صنعناه"</p></aside>"#));
    assert!(html.contains(r#"<ol><li>شاشة <bdi dir="ltr">6.1</bdi> بوصة</li><li>كاميرا 48 ميغابكسل</li></ol>"#));
    assert!(html.contains("<ul><li>اللون الأزرق</li><li>اللون الأسود</li></ul>"));
    assert!(html.contains(r#"<aside class="related-box" aria-label="اقرأ أيضا"><p class="related-title">اقرأ أيضا</p><ul><li><a href="/ar/tech/ios-17">"#));
    assert!(html.contains(r#"<nav class="related" aria-label="أخبار متعلقة"><h2>أخبار متعلقة</h2><ul><li><a href="https://example.com/ar/tech/s24">سامسونج ترد بهاتف <bdi dir="ltr" lang="en">Galaxy S24</bdi></a></li>"#));
    assert!(html.contains(
        r#"<ul class="tags" aria-label="الوسوم"><li>أبل</li><li><bdi dir="ltr" lang="en">iPhone</bdi></li></ul>"#
    ));
    assert_texts_in_order(&rich_article(), &html);
}

#[test]
fn related_heading_is_localized() {
    let mut a = rich_article();
    for (lang, heading) in [
        ("he", "כתבות קשורות"),
        ("fa", "مطالب مرتبط"),
        ("ur", "متعلقہ خبریں"),
        ("en", "Related articles"),
    ] {
        a.lang = lang.into();
        a.dir = Dir::for_lang(lang);
        let html = default_html(&a);
        assert!(
            html.contains(&format!(
                r#"<nav class="related" aria-label="{heading}"><h2>{heading}</h2>"#
            )),
            "{lang}"
        );
    }
}

#[test]
fn jsonld_is_included_and_can_be_turned_off() {
    let html = default_html(&rich_article());
    let start = html
        .find(r#"<script type="application/ld+json">"#)
        .expect("JSON-LD script");
    let json =
        &html[start + r#"<script type="application/ld+json">"#.len()..html.rfind("</script>").unwrap_or(html.len())];
    let ld: serde_json::Value = serde_json::from_str(json).expect("valid JSON-LD");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "أبل تطلق iPhone 15 في 2023/9/12 بسعر 799$");
    assert_eq!(ld["author"]["name"], "سامر الأحمد");
    assert_eq!(ld["publisher"]["logo"]["url"], "https://example.com/logo.png");
    let off = render(
        &rich_article(),
        &[],
        &RenderOptions {
            jsonld: false,
            ..RenderOptions::default()
        },
    );
    assert!(!off.contains("<script"));
}

#[test]
fn typography_options_change_display_only() {
    let options = RenderOptions {
        quotes: QuoteStyle::Guillemets,
        digits: DigitStyle::ArabicIndic,
        ..RenderOptions::default()
    };
    let html = plain(&seed_article(), &options);
    assert!(html.contains("مكونة من ٣٢ سيارة «بيك أب» كانت"), "{html}");
    assert!(html.contains(r#"بتاريخ <bdi dir="ltr">٢٠١٧/٥/١٥</bdi> والذي"#));
    // Attribute values never change.
    assert!(html.contains(r#"<time datetime="2017-05-27T09:30:00+03:00">٢٧ مايو ٢٠١٧</time>"#));

    let html = plain(&rich_article(), &options);
    // Latin words, e-mails and URLs keep their digits.
    assert!(
        html.contains(r#"<bdi dir="ltr" lang="en">iPhone 15</bdi> في <bdi dir="ltr">٢٠٢٣/٩/١٢</bdi>"#),
        "{html}"
    );
    assert!(html.contains(r#"<bdi dir="ltr" lang="en">Galaxy S24</bdi>"#));
    assert!(html.contains("<p>«أفضل هاتف صنعناه»</p>"));
    assert!(
        html.contains(r#"<a href="https://example.com/ar/economy/apple">أسهم أبل ترتفع <bdi dir="ltr">٣%</bdi></a>"#),
        "{html}"
    );
}

#[test]
fn annotations_wrap_their_ranges() {
    let article = seed_article();
    let t = article
        .texts()
        .into_iter()
        .find(|t| t.path == "body[5].text")
        .expect("paragraph");
    let text = &t.text.text;
    let date = text.find("2017/5/15").expect("date in seed");
    let name = text.find("قوات سوريا الديمقراطية").expect("entity in seed");
    let at = |start: usize, end: usize, kind: AnnotationKind| Annotation {
        text: t.id.clone(),
        start,
        end,
        kind,
        confidence: 1.0,
    };
    let sdf = || AnnotationKind::Mention {
        id: "sdf".into(),
        entity_type: EntityType::Organization,
        url: Some("/topics/sdf".into()),
        alternatives: Vec::new(),
    };
    let annotations = [
        at(
            date,
            date + "2017/5/15".len(),
            AnnotationKind::Date {
                iso: Some("2017-05-15".into()),
                calendar: "gregorian",
                resolved: true,
                hijri: None,
            },
        ),
        at(name, name + "قوات سوريا الديمقراطية".len(), sdf()),
        // Off a char boundary: ignored, not a panic.
        at(name + 1, name + 5, sdf()),
        // Out of range: ignored.
        at(text.len() + 10, text.len() + 20, sdf()),
    ];
    let html = render(&article, &annotations, &RenderOptions::default());
    assert!(
        html.contains(
            r#"<a href="/topics/sdf" class="mention" data-entity-id="sdf" data-entity-type="organization">قوات سوريا الديمقراطية</a>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"<time datetime="2017-05-15"><bdi dir="ltr">2017/5/15</bdi></time>"#),
        "{html}"
    );
    assert_eq!(html.matches("data-entity-id").count(), 1, "{html}");
}

#[test]
fn every_text_container_names_its_text_and_block() {
    let article = rich_article();
    let html = render(&article, &[], &RenderOptions::default());
    for t in article.texts() {
        let attr = format!(r#"data-text="{}""#, t.id);
        assert_eq!(html.matches(&attr).count(), 1, "{attr} in {html}");
    }
    for id in article.block_ids() {
        assert_eq!(html.matches(&format!(r#"data-block="{id}""#)).count(), 1, "{id}");
    }
    // The renderer's own words are marked.
    assert!(html.contains(r#"<p class="dates" data-added="">"#), "{html}");
}

#[test]
fn ltr_article_isolates_rtl_runs() {
    let mut a = Article::new("Raqqa: the Syrian Democratic Forces (قوات سوريا الديمقراطية) advance");
    a.lang = "en".into();
    a.dir = Dir::Ltr;
    a.published = "2017-05-27".parse().ok();
    a.body.push(
        BlockKind::Paragraph {
            text: Text::plain("Interfax quoted the ministry on 2017/5/15."),
        }
        .into(),
    );
    let html = default_html(&a);
    assert!(html.starts_with(r#"<article dir="ltr" lang="en" class="rtl-article">"#));
    // The brackets around the whole Arabic phrase are its own (text::bidi).
    assert!(html.contains(r#"<bdi dir="rtl" lang="ar">(قوات سوريا الديمقراطية)</bdi>"#));
    assert!(html.contains("<p>Interfax quoted the ministry on 2017/5/15.</p>"));
    assert!(html.contains(r#"<time datetime="2017-05-27">27 May 2017</time>"#));
    assert!(html.contains(r#"<span class="label">Published</span>"#));
}

#[test]
fn page_is_complete_and_styled() {
    let page = without_hooks(&render_page(&rich_article(), &[], &RenderOptions::default()));
    assert!(page.starts_with("<!doctype html>\n<html dir=\"rtl\" lang=\"ar\">"));
    assert!(page.contains(r#"<meta charset="utf-8">"#));
    assert!(page.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#));
    assert!(page.contains("<title>أبل تطلق iPhone 15 في 2023/9/12 بسعر 799$</title>"));
    assert!(page.contains(r#"<link rel="canonical" href="https://example.com/ar/tech/iphone-15">"#));
    assert!(page.contains("<style>") && page.contains("max-inline-size"));
    assert!(page.contains("<main>\n<article dir=\"rtl\""));
    assert!(page.trim_end().ends_with("</html>"));
    // Every element the page opens is closed.
    let opened = start_tags(&page)
        .iter()
        .filter(|t| !matches!(t.name.as_str(), "meta" | "link" | "img"))
        .count();
    assert_eq!(opened, page.matches("</").count());
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    let mut a = Article::new("");
    a.published = "أمس".parse().ok();
    a.lead = Some(Default::default());
    a.body.push(
        BlockKind::Heading {
            level: 9,
            text: Text::plain(""),
        }
        .into(),
    );
    a.body.push(
        BlockKind::List {
            ordered: false,
            items: vec![],
        }
        .into(),
    );
    a.body.push(
        BlockKind::Related {
            title: None,
            links: vec![],
        }
        .into(),
    );
    let html = default_html(&a);
    // A date that is not ISO 8601 never reaches the model: no dates line.
    assert!(a.published.is_none() && !html.contains(r#"class="dates""#));
    assert!(html.contains("<h6></h6>"));
    assert!(!html.contains("<figure"));
}

/// Every case of the bidi-edges table (tests/fixtures/bidi-edges.json) and
/// of the held-out ones (bidi-unseen.json … bidi-unseen4.json), all also
/// checked on screen by
/// tests/browser/bidi-edges.test.mjs: a token of the
/// other direction is one isolate exactly — its leading `#`/`@`/`.`, trailing
/// `+`/`°`/`™`, brackets around it inside, the sentence's punctuation and
/// quotation marks outside — and a token of the article's own direction
/// (an Arabic hashtag in Arabic) or of digits alone is in none.
#[test]
fn bidi_edges_table_isolates_each_token_whole() {
    use rtl_article::text::bidi::{ltr_runs, rtl_runs};
    let tables = [
        include_str!("fixtures/bidi-edges.json"),
        include_str!("fixtures/bidi-unseen.json"),
        include_str!("fixtures/bidi-unseen2.json"),
        include_str!("fixtures/bidi-unseen3.json"),
        include_str!("fixtures/bidi-unseen4.json"),
    ];
    let tables: Vec<serde_json::Value> = tables
        .iter()
        .map(|t| serde_json::from_str(t).expect("bidi table"))
        .collect();
    let cases: Vec<&serde_json::Value> = tables
        .iter()
        .flat_map(|t| t["cases"].as_array().expect("cases"))
        .collect();
    assert!(cases.len() >= 140);
    for case in cases {
        let id = case["id"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let rtl = case["dir"] == "rtl";
        let runs = if rtl { ltr_runs(text) } else { rtl_runs(text) };
        let mut a = Article::new(if rtl { "اختبار" } else { "Test" });
        if !rtl {
            a.lang = "en".into();
            a.dir = Dir::Ltr;
        }
        a.body.push(
            BlockKind::Paragraph {
                text: Text::plain(text),
            }
            .into(),
        );
        let html = default_html(&a);
        for token in case["tokens"].as_array().unwrap() {
            let token = token.as_str().unwrap();
            let at = text
                .find(token)
                .unwrap_or_else(|| panic!("{id}: {token:?} not in the text"));
            let arabic = token
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| ('\u{590}'..'\u{900}').contains(&c));
            if arabic == rtl || token.chars().all(char::is_numeric) {
                // The article's own direction, or digits alone: no isolate touches it.
                assert!(
                    runs.iter().all(|r| r.end <= at || at + token.len() <= r.start),
                    "{id}: {token:?} is in an isolate"
                );
                continue;
            }
            assert!(
                runs.iter().any(|r| r.start == at && r.end == at + token.len()),
                "{id}: {token:?} is not one run: {:?}",
                runs.iter().map(|r| &text[r.start..r.end]).collect::<Vec<_>>()
            );
            let escaped = token.replace('&', "&amp;");
            assert!(
                html.contains(&format!(">{escaped}</bdi>")),
                "{id}: {token:?} not isolated in\n{html}"
            );
        }
    }
}
