//! Whole articles of other shapes than the seed, annotated end to end with
//! their own catalogs: every annotation listed, so a false positive fails
//! as surely as a miss.

use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::{Annotation, AnnotationKind, Annotator};
use rtl_article::date::Date;
use rtl_article::{ingest, Article};

/// One annotation as a line: where, the text it covers, and what it says.
fn describe(article: &Article, a: &Annotation) -> String {
    let text = &article.text(&a.text).expect("path exists").text;
    let covered = &text[a.start..a.end];
    let what = match &a.kind {
        AnnotationKind::Mention { id, .. } => format!("mention {id}"),
        AnnotationKind::Suggestion { entity_type } => format!("suggestion {}", entity_type.as_str()),
        AnnotationKind::Date {
            iso, hijri, resolved, ..
        } => format!(
            "date {}{}{}",
            iso.as_deref().unwrap_or("?"),
            hijri.as_deref().map(|h| format!(" hijri {h}")).unwrap_or_default(),
            if *resolved { "" } else { " unresolved" }
        ),
        AnnotationKind::Number { value, unit } => format!("number {value} {}", unit.as_deref().unwrap_or("-")),
        AnnotationKind::Quotation {
            speaker,
            speaker_id,
            direct,
        } => format!(
            "{} by {} ({})",
            if *direct { "quote" } else { "reported" },
            speaker.as_deref().unwrap_or("?"),
            speaker_id.as_deref().unwrap_or("-")
        ),
    };
    format!("{} | {covered} | {what}", article.path_of(&a.text).unwrap_or_default())
}

/// A Gulf business story: Arabic-Indic digits with ٫ and ٬, a Hijri date
/// beside its weekday, relative dates, guillemets, بحسب, an abbreviation in
/// parentheses, and clitics on names (بالرياض، وجدة، لمجلس).
#[test]
fn gulf_budget_story() {
    let article = ingest::text::import(include_str!("fixtures/annotate-gulf-budget.txt")).expect("imports");
    let catalog = Catalog::from_json(include_str!("fixtures/catalog-gulf.json")).expect("catalog");
    let annotations = Annotator::new()
        .gazetteer(false)
        .catalog(catalog)
        .published(Date::new(2024, 11, 21).unwrap())
        .annotate(&article);
    let got: Vec<String> = annotations.iter().map(|a| describe(&article, a)).collect();
    let want = [
        "headline | السعودية | mention saudi-arabia",
        "headline | ٨٪ | number 8 %",
        "body[0].text | وزارة المالية السعودية | mention mof-saudi",
        // Published Thursday 2024-11-21.
        "body[0].text | أمس | date 2024-11-20",
        "body[0].text | العام المقبل | date 2025",
        "body[0].text | ١٫١ تريليون ريال | number 1100000000000 ريال",
        "body[0].text | ٨٪ | number 8 %",
        "body[0].text | العام الماضي | date 2023",
        "body[1].text | محمد الجدعان | mention aljadaan",
        "body[1].text | الرياض | mention riyadh",
        "body[1].text | نتوقع نمو الاقتصاد بنسبة ٣٫٢٪ في ٢٠٢٥ | quote by وزير المالية محمد الجدعان (aljadaan)",
        "body[1].text | ٣٫٢٪ | number 3.2 %",
        // A bare year after في (issue 11): a date, no longer a number.
        "body[1].text | ٢٠٢٥ | date 2025",
        "body[2].text | مجلس الوزراء | suggestion organization",
        "body[2].text | يوم الثلاثاء الماضي | date 2024-11-19",
        // The same day in Umm al-Qura: 1 Jumada al-Ula 1446 = 2024-11-03.
        "body[2].text | ١٧ جمادى الأولى ١٤٤٦ هـ | date 2024-11-19 hijri 1446-05-17",
        "body[3].text | وكالة الأنباء السعودية | mention spa",
        "body[3].text | واس | mention spa",
        "body[3].text | بلغ عدد المشاريع ١٬٢٠٠ مشروع، تستمر حتى ٣١ ديسمبر ٢٠٢٥ | reported by وكالة الأنباء السعودية (spa)",
        "body[3].text | ١٬٢٠٠ مشروع | number 1200 مشروع",
        "body[3].text | ٣١ ديسمبر ٢٠٢٥ | date 2025-12-31",
        "body[4].text | مجلس التعاون الخليجي | mention gcc",
        // The secretary general speaks, not the council: no speaker id.
        "body[4].text | الرياض وجدة ستستضيفان 15 مؤتمرا خلال الشهر المقبل | reported by الأمين العام لمجلس التعاون الخليجي (-)",
        "body[4].text | الرياض | mention riyadh",
        "body[4].text | جدة | mention jeddah",
        "body[4].text | 15 مؤتمرا | number 15 مؤتمرا",
        "body[4].text | الشهر المقبل | date 2024-12",
    ];
    assert_eq!(got, want, "\n{}", got.join("\n"));
}

/// A paragraph that opens with a verb and no subject (وأضاف أن …) goes on
/// with the previous paragraph's speaker; one text annotated alone has
/// none to go on with.
#[test]
fn the_last_speaker_carries_to_the_next_paragraph() {
    let article = ingest::text::import(
        "أرباح الشركة\n\nقال المتحدث باسم الشركة إن الأرباح ارتفعت.\n\nوأضاف أن التوزيعات ستزيد.\n\nولم يذكر المتحدث موعدا.\n",
    )
    .expect("imports");
    let speakers: Vec<(String, Option<String>)> = Annotator::new()
        .annotate(&article)
        .into_iter()
        .filter_map(|a| match a.kind {
            AnnotationKind::Quotation { speaker, .. } => Some((article.path_of(&a.text).unwrap_or_default(), speaker)),
            _ => None,
        })
        .collect();
    let by = Some("المتحدث باسم الشركة".to_string());
    assert_eq!(
        speakers,
        [
            ("body[0].text".to_string(), by.clone()),
            ("body[1].text".to_string(), by)
        ]
    );
    let alone = Annotator::new().annotate_text("وأضاف أن التوزيعات ستزيد.");
    assert!(
        matches!(&alone[..], [f] if matches!(&f.kind, AnnotationKind::Quotation { speaker: None, .. })),
        "{alone:?}"
    );
}

/// A catalog name that is a word of a date (الأول in تشرين الأول, a bank
/// called الأول) no longer hides the date: the date is kept; a mention
/// that only overlaps a date, or is as long as it, still wins.
#[test]
fn a_catalog_name_inside_a_date_keeps_the_date() {
    let catalog = Catalog::from_json(
        r#"[{"id": "alawwal", "type": "organization", "names": ["الأول"]},
            {"id": "ayyar", "type": "person", "names": ["أيار الماضي"]}]"#,
    )
    .expect("catalog");
    let annotator = Annotator::new()
        .gazetteer(false)
        .catalog(catalog)
        .published(Date::new(2023, 5, 14).unwrap());
    let text = "عاد الفريق للمرة الأولى منذ تشرين الأول 2019، وتعاقد مع الأول في أيار الماضي.";
    let got: Vec<(&str, String)> = annotator
        .annotate_text(text)
        .iter()
        .filter_map(|f| {
            let what = match &f.kind {
                AnnotationKind::Date { iso, .. } => format!("date {}", iso.as_deref().unwrap_or("?")),
                AnnotationKind::Mention { id, .. } => format!("mention {id}"),
                _ => return None,
            };
            Some((&text[f.start..f.end], what))
        })
        .collect();
    // الأول is a common word: with no context (no cue, no description, not
    // named otherwise) neither use links, and the date keeps its words.
    let want = [("تشرين الأول 2019", "date 2019-10"), ("أيار الماضي", "mention ayyar")];
    let want: Vec<(&str, String)> = want.iter().map(|(c, w)| (*c, w.to_string())).collect();
    assert_eq!(got, want);
}
