//! The scraped-text importer on the seed page and on six other page shapes.

use rtl_article::ingest::{text, Limits};
use rtl_article::{Article, BlockKind, ErrorKind, Text};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The non-blank lines of a fixture, trimmed, as the importer numbers them.
fn lines(input: &str) -> Vec<String> {
    input
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn paragraphs(article: &Article) -> Vec<&str> {
    article
        .body
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Paragraph { text } => Some(text.text.as_str()),
            _ => None,
        })
        .collect()
}

/// No text of the body contains a chrome marker line.
fn assert_no_chrome(article: &Article) {
    for t in article.texts() {
        for marker in ["أقسام", "أخبار متعلقة", "اقرأ أيضا", "الوسوم"] {
            assert_ne!(t.text.text, marker, "{} is page chrome", t.path);
        }
    }
}

#[test]
fn seed_golden() {
    let input = fixture("seed-raqqa.txt");
    let raw: Vec<&str> = input.lines().collect();
    let article = text::import(&input).unwrap();
    assert_eq!(
        article.headline.text,
        "روسيا ترفض أي اتفاق بين قوات سوريا الديمقراطية وداعش في الرقة"
    );
    assert_eq!(article.lang, "ar");
    assert_eq!(article.dir.as_str(), "rtl");

    // The teaser is the standfirst, verbatim with its ellipsis, and only there.
    let standfirst = article.standfirst.as_ref().expect("standfirst").text.as_str();
    assert_eq!(standfirst, raw[2]);
    assert!(standfirst.ends_with("..."));
    let stem = standfirst.trim_end_matches('.');
    let mentions = article.texts().iter().filter(|t| t.text.text == standfirst).count();
    assert_eq!(mentions, 1, "the teaser appears once");

    let caption = article
        .lead
        .as_ref()
        .and_then(|f| f.caption.as_ref())
        .expect("lead caption");
    assert_eq!(caption.text, "رتل لتنظيم داعش الإرهابي");
    assert!(article.lead.as_ref().is_some_and(|f| f.src.is_none()));

    // Seven paragraphs, each byte-equal to its line of the file.
    let expected: Vec<&str> = [6, 8, 10, 12, 14, 16, 18].iter().map(|n| raw[n - 1]).collect();
    assert_eq!(article.body.len(), 7);
    assert_eq!(paragraphs(&article), expected);
    // The first paragraph is the full sentence the teaser cut short.
    assert!(expected[0].starts_with(stem) && expected[0].len() > standfirst.len());

    assert_eq!(article.section.as_deref(), Some("أخبار"));
    assert!(article.tags.is_empty());
    assert!(article.related.is_empty());
    assert_no_chrome(&article);
}

/// Body items as (type, text) pairs, list items each on their own.
fn outline(article: &Article) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for block in &article.body {
        match &block.kind {
            BlockKind::Paragraph { text } => out.push(("p".into(), text.text.clone())),
            BlockKind::Heading { level, text } => out.push((format!("h{level}"), text.text.clone())),
            BlockKind::List { ordered, items } => {
                let kind = if *ordered { "ol" } else { "ul" };
                out.extend(items.iter().map(|t| (kind.to_string(), t.text.clone())));
            }
            BlockKind::Figure(f) => out.push((
                "figure".into(),
                f.caption.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
            )),
            other => out.push((other.type_name().into(), String::new())),
        }
    }
    out
}

fn p(lines: &[String], n: usize) -> (String, String) {
    ("p".into(), lines[n].clone())
}

#[test]
fn no_teaser_related_links_and_dropped_titles() {
    let input = fixture("scraped-no-teaser.txt");
    let l = lines(&input);
    let imported = text::import_with(&input, &Limits::default()).unwrap();
    let a = &imported.article;
    assert_eq!(a.headline.text, l[0]);
    assert_eq!(a.standfirst, None);
    assert_eq!(a.lead, None);
    assert_eq!(outline(a), vec![p(&l, 1), p(&l, 2), p(&l, 3), p(&l, 4)]);
    assert_eq!(a.section.as_deref(), Some("اقتصاد"));
    assert_eq!(a.tags, ["أسواق", "مصر"]);
    let related: Vec<(&str, &str)> = a.related.iter().map(|r| (r.title.as_str(), r.url.as_str())).collect();
    assert_eq!(
        related,
        [
            (
                "الجنيه المصري يستقر أمام الدولار في التعاملات الصباحية",
                "https://example.com/economy/pound-stable"
            ),
            (
                "تراجع التضخم السنوي في المدن المصرية",
                "https://example.com/economy/inflation-may"
            ),
        ]
    );
    // The headline without a URL is reported, with its line, not invented.
    assert_eq!(imported.warnings.len(), 1);
    assert!(imported.warnings[0].starts_with("line 19: related headline without a URL dropped"));
    assert!(imported.warnings[0].contains("صندوق النقد"));
    assert_no_chrome(a);
}

#[test]
fn two_captions_credit_and_a_heading() {
    let input = fixture("scraped-two-captions.txt");
    let l = lines(&input);
    let a = text::import(&input).unwrap();
    assert_eq!(a.headline.text, l[0]);
    assert_eq!(a.standfirst.as_ref().map(|s| s.text.as_str()), Some(l[1].as_str()));
    let lead = a.lead.as_ref().expect("lead");
    assert_eq!(
        lead.caption,
        Some(Text::plain("عائلات نازحة في طريق العودة إلى ريف حماة"))
    );
    assert_eq!(lead.credit.as_deref(), Some("تصوير: وكالة الأنباء المحلية"));
    assert_eq!(
        outline(&a),
        vec![
            ("figure".into(), l[4].clone()),
            p(&l, 5),
            p(&l, 6),
            ("h2".into(), "مخاوف من الألغام".into()),
            p(&l, 8),
            p(&l, 9),
            // A quotation standing alone stays a paragraph, not a heading.
            p(&l, 10),
            p(&l, 11),
        ]
    );
    assert_eq!(a.section.as_deref(), Some("أخبار"));
    assert_eq!(a.tags, ["سوريا"]);
    assert_no_chrome(&a);
}

#[test]
fn lists_quotes_and_tags() {
    let input = fixture("scraped-list.txt");
    let l = lines(&input);
    let a = text::import(&input).unwrap();
    assert_eq!(a.headline.text, "الحكومة الأردنية تعلن حزمة إجراءات لدعم قطاع السياحة");
    assert_eq!(a.standfirst, None);
    let ul = |s: &str| ("ul".to_string(), s.to_string());
    let ol = |s: &str| ("ol".to_string(), s.to_string());
    assert_eq!(
        outline(&a),
        vec![
            p(&l, 1),
            p(&l, 2),
            ul("تخفيض رسوم دخول المواقع الأثرية بنسبة النصف حتى نهاية العام"),
            ul("تأجيل أقساط القروض المستحقة على المنشآت السياحية لمدة ستة أشهر"),
            ul("إعفاء الرحلات الجوية العارضة من رسوم الهبوط في مطار العقبة"),
            p(&l, 6),
            ol("حملة ترويجية في الأسواق الأوروبية خلال الربيع"),
            ol("فتح خطوط طيران جديدة مع دول الخليج العربي"),
            ol("تطوير مسارات سياحية تربط البتراء بوادي رم والعقبة"),
            p(&l, 10),
            p(&l, 11),
            // A lone dash line is not a list: it stays verbatim.
            p(&l, 12),
        ]
    );
    assert_eq!(a.body.iter().filter(|b| b.type_name() == "list").count(), 2);
    assert_eq!(a.section, None);
    assert_eq!(a.tags, ["سياحة", "الأردن", "البتراء", "اقتصاد"]);
    assert_no_chrome(&a);
}

#[test]
fn english_fragments_stay_verbatim() {
    let input = fixture("scraped-english.txt");
    let l = lines(&input);
    let a = text::import(&input).unwrap();
    assert_eq!(a.headline.text, "شركة Careem تطلق خدمة توصيل جديدة في دبي والرياض");
    assert_eq!(outline(&a), vec![p(&l, 1), p(&l, 2), p(&l, 3), p(&l, 4)]);
    let all: String = paragraphs(&a).join("\n");
    for fragment in [
        "Mudassir Sheikha",
        "6:00",
        "09:00-18:00",
        "support@example.com",
        "+44 20 7946 0958",
        "45%",
        "https://www.example.com/ar/delivery",
        "iPhone",
    ] {
        assert!(all.contains(fragment), "{fragment} kept");
    }
    assert_eq!(a.section.as_deref(), Some("تكنولوجيا"));
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].title, "Uber تستكمل صفقة الاستحواذ على Careem");
    assert_eq!(a.related[0].url, "https://example.com/tech/uber-careem");
    assert_no_chrome(&a);
}

#[test]
fn arabic_indic_digits_byline_and_numbered_list() {
    let input = fixture("scraped-arabic-digits.txt");
    let l = lines(&input);
    let a = text::import(&input).unwrap();
    assert_eq!(
        a.headline.text,
        "ارتفاع عدد المسجلين في امتحانات الثانوية العامة إلى ٧٥٠ ألف طالب"
    );
    assert_eq!(a.byline.as_deref(), Some("بقلم: سارة المصري"));
    let ol = |s: &str| ("ol".to_string(), s.to_string());
    assert_eq!(
        outline(&a),
        vec![
            p(&l, 2),
            p(&l, 3),
            p(&l, 4),
            ol("اللغة العربية يوم ١٥ يونيو"),
            ol("اللغة الإنجليزية يوم ١٨ يونيو"),
            ol("الرياضيات يوم ٢٢ يونيو"),
            p(&l, 8),
        ]
    );
    assert!(paragraphs(&a)[3].contains("٧٨٫٥٪"));
    assert_eq!(a.section.as_deref(), Some("تعليم"));
    assert_no_chrome(&a);
}

#[test]
fn windows_line_endings_bom_and_no_break_spaces() {
    let input = fixture("scraped-windows-crlf.txt");
    assert!(
        input.starts_with('\u{FEFF}') && input.contains("\r\n"),
        "the fixture keeps its BOM and CRLF"
    );
    let a = text::import(&input).unwrap();
    assert_eq!(a.headline.text, "المغرب يستضيف قمة أفريقية للمناخ في مراكش");
    let standfirst = a.standfirst.as_ref().expect("standfirst");
    assert_eq!(
        standfirst.text,
        "تستضيف مدينة مراكش المغربية الأسبوع المقبل قمة أفريقية حول التغير المناخي بمشاركة..."
    );
    assert_eq!(
        a.lead
            .as_ref()
            .and_then(|f| f.caption.as_ref())
            .map(|c| c.text.as_str()),
        Some("مشاركون في قمة سابقة للمناخ")
    );
    let ps = paragraphs(&a);
    assert_eq!(ps.len(), 3);
    for para in &ps {
        assert!(!para.contains(['\r', '\t', '\u{A0}', '\u{FEFF}']), "trimmed: {para:?}");
        assert!(input.contains(para), "verbatim");
    }
    assert!(ps[0].ends_with("والتصحر."));
    assert_eq!(a.section.as_deref(), Some("بيئة"));
    assert_eq!(a.tags, ["المغرب"]);
    // CRLF and LF give the same article.
    assert_eq!(text::import(&input.replace("\r\n", "\n")).unwrap(), a);
    assert_no_chrome(&a);
}

#[test]
fn a_marker_followed_by_paragraphs_is_body_text() {
    // "اقرأ أيضا" in mid-article, followed by long paragraphs, is not the chrome tail.
    let long = "وأضاف المتحدث أن الحكومة ستواصل العمل مع الشركاء الدوليين لضمان وصول المساعدات إلى جميع المناطق المتضررة دون استثناء، وأن فرق الإغاثة تعمل على مدار الساعة منذ اللحظة الأولى للكارثة، رغم صعوبة الوصول إلى بعض القرى الجبلية النائية بسبب الطرق المقطوعة والأمطار.";
    let input = format!("عنوان الخبر\n\nفقرة أولى من الخبر.\n\nاقرأ أيضا\n\n{long}\n\nأقسام\nأخبار\n");
    let a = text::import(&input).unwrap();
    assert_eq!(paragraphs(&a), ["فقرة أولى من الخبر.", "اقرأ أيضا", long]);
    assert_eq!(a.section.as_deref(), Some("أخبار"));
}

#[test]
fn errors_name_the_line_and_the_limit() {
    // A stray control character is dirt, not an error: removed, the line named.
    let imported = text::import_with(
        "عنوان\n\nفقرة فيها \u{7} جرس\u{1a}.\n\nو\u{0}فقرة\n",
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        imported.warnings,
        ["line 3: control character U+0007 at character 10 removed (and 2 more)"]
    );
    assert_eq!(paragraphs(&imported.article), ["فقرة فيها  جرس.", "وفقرة"]);
    // Windows line breaks and a byte-order mark in front are the file's: no warning.
    let imported = text::import_with("\u{feff}عنوان\r\n\r\nفقرة.\r\n", &Limits::default()).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);

    let err = text::import(" \n\u{A0}\r\n").unwrap_err();
    assert_eq!(err.to_string(), "line 1: expected a headline, found no text");

    let small = Limits {
        max_input_bytes: 100,
        ..Limits::default()
    };
    let err = text::import_with(&fixture("seed-raqqa.txt"), &small).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge);
    assert_eq!(
        err.to_string(),
        "input is 4134 bytes; the limit is 100 bytes (Limits::max_input_bytes)"
    );

    let short_texts = Limits {
        max_text_bytes: 200,
        ..Limits::default()
    };
    let err = text::import_with(&fixture("seed-raqqa.txt"), &short_texts).unwrap_err();
    let teaser_bytes = fixture("seed-raqqa.txt").lines().nth(2).map_or(0, str::len);
    assert_eq!(
        err.to_string(),
        format!("line 3: {teaser_bytes} bytes; the limit is 200")
    );

    let few_blocks = Limits {
        max_blocks: 3,
        ..Limits::default()
    };
    let err = text::import_with(&fixture("seed-raqqa.txt"), &few_blocks).unwrap_err();
    assert_eq!(err.to_string(), "body: 4 blocks; the limit is 3");
}
