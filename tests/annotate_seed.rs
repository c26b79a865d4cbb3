//! Catalog mentions on the seed article (tests/fixtures/seed-raqqa.txt) and
//! two more articles of other shapes, with exact boundaries.

use std::collections::BTreeMap;

use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::{Annotation, AnnotationKind, Annotator};
use rtl_article::{ingest, Article};

const SEED: &str = include_str!("fixtures/seed-raqqa.txt");

fn catalog() -> Catalog {
    Catalog::from_json(include_str!("fixtures/catalog-raqqa.json")).expect("fixture catalog")
}

fn seed() -> Article {
    ingest::text::import(SEED).expect("seed imports")
}

fn mentions(annotations: &[Annotation]) -> Vec<&Annotation> {
    annotations
        .iter()
        .filter(|a| matches!(a.kind, AnnotationKind::Mention { .. }))
        .collect()
}

fn id_of(a: &Annotation) -> &str {
    match &a.kind {
        AnnotationKind::Mention { id, .. } => id,
        _ => "",
    }
}

/// (path, byte start, the linked text, id) for every mention.
fn found(article: &Article, annotations: &[Annotation]) -> Vec<(String, usize, String, String)> {
    mentions(annotations)
        .into_iter()
        .map(|a| {
            let text = &article.text(&a.text).expect("path exists").text;
            (
                article.path_of(&a.text).unwrap_or_default(),
                a.start,
                text[a.start..a.end].to_string(),
                id_of(a).to_string(),
            )
        })
        .collect()
}

/// The byte where `name` starts inside the first `written` form in `text`
/// (e.g. "داعش" inside "وداعش").
fn offset(text: &str, written: &str, name: &str) -> usize {
    let at = text.find(written).unwrap_or_else(|| panic!("{written:?} not in text"));
    at + written
        .find(name)
        .unwrap_or_else(|| panic!("{name:?} not in {written:?}"))
}

fn has(found: &[(String, usize, String, String)], path: &str, start: usize, name: &str, id: &str) -> bool {
    found
        .iter()
        .any(|(p, s, n, i)| p == path && *s == start && n == name && i == id)
}

#[test]
fn seed_mentions_have_exact_boundaries() {
    let article = seed();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog()).annotate(&article);
    let f = found(&article, &annotations);
    let headline = &article.headline.text;
    // The headline: روسيا ترفض أي اتفاق بين قوات سوريا الديمقراطية وداعش في الرقة
    assert!(has(&f, "headline", 0, "روسيا", "russia"));
    assert!(has(
        &f,
        "headline",
        offset(headline, "بين قوات", "قوات"),
        "قوات سوريا الديمقراطية",
        "sdf"
    ));
    assert!(
        has(&f, "headline", offset(headline, "وداعش", "داعش"), "داعش", "isis"),
        "و stays outside the link"
    );
    assert!(has(
        &f,
        "headline",
        offset(headline, "في الرقة", "الرقة"),
        "الرقة",
        "raqqa"
    ));

    let caption = &article
        .lead
        .as_ref()
        .and_then(|l| l.caption.as_ref())
        .expect("caption")
        .text;
    assert!(has(
        &f,
        "lead.caption",
        offset(caption, "لتنظيم داعش", "داعش"),
        "داعش",
        "isis"
    ));

    let p1 = &article.text_at("body[1].text").unwrap().text;
    assert!(has(
        &f,
        "body[1].text",
        offset(p1, "وكالة إنترفاكس", "وكالة"),
        "وكالة إنترفاكس",
        "interfax"
    ));
    let p3 = &article.text_at("body[3].text").unwrap().text;
    assert!(has(
        &f,
        "body[3].text",
        offset(p3, "طلال سلو", "طلال"),
        "طلال سلو",
        "talal-silo"
    ));
    assert!(
        has(
            &f,
            "body[3].text",
            offset(p3, "لقوات سوريا", "قوات"),
            "قوات سوريا الديمقراطية",
            "sdf"
        ),
        "ل stays outside the link"
    );
    let p4 = &article.text_at("body[4].text").unwrap().text;
    assert!(
        has(&f, "body[4].text", offset(p4, "بالرقة", "الرقة"), "الرقة", "raqqa"),
        "ب stays outside the link"
    );
    let p6 = &article.text_at("body[6].text").unwrap().text;
    assert!(has(
        &f,
        "body[6].text",
        offset(p6, "وقوات النخبة", "قوات"),
        "قوات النخبة السورية",
        "syrian-elite-forces"
    ));
    assert!(has(
        &f,
        "body[6].text",
        offset(p6, "دير الزور", "دير"),
        "دير الزور",
        "deir-ez-zor"
    ));
    let p2 = &article.text_at("body[2].text").unwrap().text;
    assert!(has(
        &f,
        "body[2].text",
        offset(p2, "إلى تدمر", "تدمر"),
        "تدمر",
        "palmyra"
    ));
    // Every mention is exactly one of the catalog's names as written.
    let names = [
        "روسيا",
        "موسكو",
        "وزارة الدفاع الروسية",
        "قوات سوريا الديمقراطية",
        "داعش",
        "الرقة",
        "تدمر",
        "دير الزور",
        "وكالة إنترفاكس",
        "طلال سلو",
        "قوات النخبة السورية",
    ];
    for (path, start, name, _) in &f {
        assert!(
            names.contains(&name.as_str()),
            "{path}@{start}: unexpected mention {name:?}"
        );
    }
}

#[test]
fn seed_counts_per_entity_and_no_false_positives() {
    let article = seed();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog()).annotate(&article);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in mentions(&annotations) {
        *counts.entry(id_of(a)).or_default() += 1;
    }
    // Counted by reading the article: the standfirst repeats the first
    // paragraph's opening, so its mentions count too.
    let want: BTreeMap<&str, usize> = [
        ("russia", 1), // headline only: الروسية / الروسي are adjectives
        ("moscow", 3),
        ("mod-russia", 3),
        ("sdf", 8),
        ("isis", 9),
        ("raqqa", 10),  // incl. بالرقة
        ("palmyra", 2), // not تدمير
        ("deir-ez-zor", 1),
        ("interfax", 1),
        ("talal-silo", 1),
        ("syrian-elite-forces", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(counts, want);
    for a in mentions(&annotations) {
        let text = &article.text(&a.text).unwrap().text;
        let linked = &text[a.start..a.end];
        assert!(
            !["الروسية", "الروسي", "القوات", "تدمير", "والقوات"].contains(&linked),
            "false positive {linked}"
        );
    }
}

#[test]
fn seed_other_recognizers_do_not_overlap_mentions() {
    let article = seed();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog()).annotate(&article);
    let ms = mentions(&annotations);
    for a in &annotations {
        if matches!(a.kind, AnnotationKind::Suggestion { .. }) {
            assert!(
                !ms.iter()
                    .any(|m| m.text == a.text && m.start < a.end && a.start < m.end),
                "suggestion overlapping a mention at {}:{}",
                a.text,
                a.start
            );
        }
    }
    // The date 2017/5/15 is a date, and its parts are not numbers.
    let p5 = &article.text_at("body[5].text").unwrap().text;
    let at = p5.find("2017/5/15").unwrap();
    assert!(annotations
        .iter()
        .any(|a| article.path_of(&a.text).as_deref() == Some("body[5].text")
            && a.start == at
            && matches!(&a.kind, AnnotationKind::Date { iso: Some(iso), .. } if iso == "2017-05-15")));
    assert!(!annotations
        .iter()
        .any(|a| article.path_of(&a.text).as_deref() == Some("body[5].text")
            && matches!(a.kind, AnnotationKind::Number { .. })
            && a.start >= at
            && a.end <= at + "2017/5/15".len()));
}

#[cfg(feature = "gazetteer")]
#[test]
fn gazetteer_yields_to_the_catalog() {
    let article = seed();
    let with_catalog = Annotator::new().gazetteer(true).catalog(catalog()).annotate(&article);
    let ms = mentions(&with_catalog);
    // روسيا is in both: the publisher's entry wins, and سوريا inside
    // قوات سوريا الديمقراطية is not a second link.
    assert_eq!(id_of(ms[0]), "russia");
    assert!(
        ms.iter().all(|m| !id_of(m).starts_with("geo:")),
        "{:?}",
        ms.iter().map(|m| id_of(m)).collect::<Vec<_>>()
    );
    // Without a catalog the gazetteer alone finds Russia and Moscow.
    let alone = Annotator::new().gazetteer(true).annotate(&article);
    let ids: Vec<&str> = mentions(&alone).into_iter().map(id_of).collect();
    assert!(ids.contains(&"geo:country:RU"), "{ids:?}");
    assert!(
        ids.iter().filter(|i| i.starts_with("geo:city:")).count() >= 3,
        "موسكو ×3: {ids:?}"
    );
}

/// An article heavy with clitics, aliases and spelling variants.
const CLITICS: &str = "وبالرقة وللرقة قصف جديد\n\n\
قال مسؤول في قسد إن مقاتلي تنظيم الدولة الإسلامية انسحبوا من الرَّقَّة نحو تدمر، \
وإن وقسد ستلاحقهم. ونقلت انترفاكس ووكالة INTERFAX عن مصادر في موسكو أن لتنظيم الدولة \
خلايا في الرقه وفي دير الزور، وأن كداعش تنظيمات أخرى.\n";

#[test]
fn clitic_heavy_article() {
    let article = ingest::text::import(CLITICS).unwrap();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog()).annotate(&article);
    let f = found(&article, &annotations);
    let h = &article.headline.text;
    assert!(has(&f, "headline", offset(h, "وبالرقة", "الرقة"), "الرقة", "raqqa"));
    // ل + الرقة with the alef elided: the link starts at the article's ل.
    assert!(has(&f, "headline", offset(h, "وللرقة", "لرقة"), "لرقة", "raqqa"));
    let p = "body[0].text";
    let t = &article.text_at(p).unwrap().text;
    assert!(has(&f, p, offset(t, "في قسد", "قسد"), "قسد", "sdf"), "alias");
    // The longest alias wins over تنظيم الدولة.
    assert!(has(
        &f,
        p,
        offset(t, "تنظيم الدولة الإسلامية", "تنظيم"),
        "تنظيم الدولة الإسلامية",
        "isis"
    ));
    // Diacritics stay inside the link; ه for ة still matches.
    assert!(has(&f, p, offset(t, "الرَّقَّة", "الرَّقَّة"), "الرَّقَّة", "raqqa"));
    assert!(has(&f, p, offset(t, "الرقه", "الرقه"), "الرقه", "raqqa"));
    assert!(has(&f, p, offset(t, "وقسد", "قسد"), "قسد", "sdf"));
    assert!(
        has(&f, p, offset(t, "انترفاكس", "انترفاكس"), "انترفاكس", "interfax"),
        "hamza-less alef"
    );
    assert!(
        has(&f, p, offset(t, "ووكالة", "وكالة"), "وكالة INTERFAX", "interfax")
            || has(&f, p, offset(t, "INTERFAX", "INTERFAX"), "INTERFAX", "interfax")
    );
    assert!(has(&f, p, offset(t, "لتنظيم الدولة", "تنظيم"), "تنظيم الدولة", "isis"));
    assert!(has(&f, p, offset(t, "كداعش", "داعش"), "داعش", "isis"));
    assert!(has(&f, p, offset(t, "وفي دير", "دير"), "دير الزور", "deir-ez-zor"));
    let count = |id: &str| f.iter().filter(|x| x.3 == id).count();
    assert_eq!(
        (count("raqqa"), count("sdf"), count("isis"), count("interfax")),
        (4, 2, 3, 2)
    );
}

/// Catalog names that appear inside longer words, which are other words.
const INSIDE: &str = "الموقف الروسي من الداعشيين\n\n\
انتقدت الصحف الروسية والموسكوفية سياسة الروس، وتحدث الداعشيون عن تدمير مدينة تدمرية الطابع. \
وقال الرقيب إن الرقاويين عادوا، وإن قوات سوريا وحدها لا تكفي، وإن القوات الديمقراطية \
تختلف عن قوات سوريا الديمقراطيةِ. أما روسيا فصامتة.\n";

#[test]
fn names_inside_longer_words_are_not_mentions() {
    let article = ingest::text::import(INSIDE).unwrap();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog()).annotate(&article);
    let f = found(&article, &annotations);
    let t = &article.text_at("body[0].text").unwrap().text;
    // Only the two real mentions; the kasra after the name stays inside.
    assert_eq!(
        f,
        [
            (
                "body[0].text".to_string(),
                offset(t, "عن قوات", "قوات"),
                "قوات سوريا الديمقراطيةِ".to_string(),
                "sdf".to_string()
            ),
            (
                "body[0].text".to_string(),
                offset(t, "أما روسيا", "روسيا"),
                "روسيا".to_string(),
                "russia".to_string()
            ),
        ]
    );
}
