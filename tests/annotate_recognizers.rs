//! The recognizers on real Arabic news text: dates, numbers, quotations and
//! role suggestions, called directly as the Annotator calls them.

use rtl_article::annotate::{dates, numbers, quotes, roles, AnnotationKind, EntityType, Found};
use rtl_article::date::{hijri, Date};

const SEED: &str = include_str!("fixtures/seed-raqqa.txt");
/// The seed has no date of its own; the tests publish it on 31 May 2017.
const PUBLISHED: Option<(i32, u32, u32)> = Some((2017, 5, 31));

/// `(covered text, iso)` of every date in `text`.
fn dates_in(text: &str, published: Option<(i32, u32, u32)>) -> Vec<(String, Option<String>)> {
    dates::find(text, published.and_then(|(y, m, d)| Date::new(y, m, d)))
        .into_iter()
        .map(|f| {
            let covered = text[f.start..f.end].to_string();
            match f.kind {
                AnnotationKind::Date { iso, .. } => (covered, iso),
                other => panic!("dates::find returned {other:?}"),
            }
        })
        .collect()
}

#[test]
fn dates_every_form_resolves_to_iso() {
    // (text, the date phrase as covered, expected ISO)
    let table: &[(&str, &str, &str)] = &[
        // numeric, day first in d/m/y
        ("صدر البيان بتاريخ 2017/5/15 في الرقة", "2017/5/15", "2017-05-15"),
        ("صدر البيان بتاريخ 15/5/2017 في الرقة", "15/5/2017", "2017-05-15"),
        ("في 15-5-2017 أعلن", "15-5-2017", "2017-05-15"),
        ("في 15.5.2017 أعلن", "15.5.2017", "2017-05-15"),
        ("في 2017-05-15 أعلن", "2017-05-15", "2017-05-15"),
        ("بتاريخ ٢٠١٧/٥/١٥ أعلن", "٢٠١٧/٥/١٥", "2017-05-15"),
        ("وقع في 5/6/2017 هجوم", "5/6/2017", "2017-06-05"),
        ("في 29/2/2016 كان", "29/2/2016", "2016-02-29"),
        // month names: Egyptian/Gulf, Levantine, Maghrebi, Algerian/Tunisian
        ("وقع الهجوم في 15 مايو 2017 قرب الرقة", "15 مايو 2017", "2017-05-15"),
        (
            "وقع الهجوم في 15 أيار/مايو 2017 قرب الرقة",
            "15 أيار/مايو 2017",
            "2017-05-15",
        ),
        ("وقع الهجوم في 15 أيار (مايو) 2017", "15 أيار (مايو) 2017", "2017-05-15"),
        ("في 3 كانون الثاني 2017", "3 كانون الثاني 2017", "2017-01-03"),
        ("في 3 تشرين الأول 2016", "3 تشرين الأول 2016", "2016-10-03"),
        ("في 9 يوليوز 2017 بالرباط", "9 يوليوز 2017", "2017-07-09"),
        ("في 9 غشت 2017", "9 غشت 2017", "2017-08-09"),
        ("يوم 9 جويلية 2017 بالجزائر", "يوم 9 جويلية 2017", "2017-07-09"),
        ("في 1 جانفي 2018", "1 جانفي 2018", "2018-01-01"),
        ("في 12 ديسمبر 2016", "12 ديسمبر 2016", "2016-12-12"),
        ("في 12 يونيه 2016", "12 يونيه 2016", "2016-06-12"),
        ("في 12 ابريل 2016", "12 ابريل 2016", "2016-04-12"),
        ("مايو 2017 شهد", "مايو 2017", "2017-05"),
        ("في شباط 2017", "شباط 2017", "2017-02"),
        ("الـ25 من مايو 2017", "الـ25 من مايو 2017", "2017-05-25"),
        ("15 مايو من عام 2017", "15 مايو من عام 2017", "2017-05-15"),
        // clitics
        ("وفي 3 آذار 2017 بدأت", "3 آذار 2017", "2017-03-03"),
        ("اجتمعوا بمايو 2017", "مايو 2017", "2017-05"),
        // year-less, resolved against publication (31 May 2017)
        ("وفي 3 آذار بدأت الحملة", "3 آذار", "2017-03-03"),
        ("في 2 حزيران يبدأ", "2 حزيران", "2017-06-02"),
        ("في 20 ديسمبر أعلن", "20 ديسمبر", "2016-12-20"),
        ("في أيار الماضي", "أيار الماضي", "2016-05"),
        ("في آذار الماضي", "آذار الماضي", "2017-03"),
        ("في حزيران المقبل", "حزيران المقبل", "2017-06"),
        ("في شهر أيلول", "شهر أيلول", "2017-09"),
        ("في 15 مايو من العام الماضي", "15 مايو من العام الماضي", "2016-05-15"),
        // weekdays (31 May 2017 was a Wednesday)
        ("تعهدت يوم الخميس الماضي بألا", "يوم الخميس الماضي", "2017-05-25"),
        ("يبدأ الأحد المقبل", "الأحد المقبل", "2017-06-04"),
        ("قال الجمعة إن", "الجمعة", "2017-05-26"),
        ("أعلن الأربعاء أن", "الأربعاء", "2017-05-31"),
        ("اجتمعوا يوم الاثنين", "يوم الاثنين", "2017-05-29"),
        ("يعقد الأربعاء المقبل", "الأربعاء المقبل", "2017-06-07"),
        ("الخميس 15 مايو 2017", "الخميس 15 مايو 2017", "2017-05-15"),
        // relative
        ("قال أمس إن", "أمس", "2017-05-30"),
        ("قال بالأمس إن", "الأمس", "2017-05-30"),
        ("وصل أول أمس", "أول أمس", "2017-05-29"),
        ("وصل أول من أمس", "أول من أمس", "2017-05-29"),
        ("يجتمع اليوم الأربعاء", "اليوم الأربعاء", "2017-05-31"),
        ("يصل غداً", "غداً", "2017-06-01"),
        ("يصل بعد غد", "بعد غد", "2017-06-02"),
        ("في الـ25 من الشهر الجاري", "الـ25 من الشهر الجاري", "2017-05-25"),
        ("في العاشر ثم في 3 من الشهر المقبل", "3 من الشهر المقبل", "2017-06-03"),
        // مطلع/نهاية/منتصف stay outside the date, which is the period itself
        ("إذا استسلموا نهاية الشهر الجاري", "الشهر الجاري", "2017-05"),
        ("لغاية نهاية هذا الشهر", "هذا الشهر", "2017-05"),
        ("في مطلع الشهر المقبل", "الشهر المقبل", "2017-06"),
        ("منذ نهاية العام الماضي", "العام الماضي", "2016"),
        // أمس/غداً/غد/اليوم with the weekday they name (31 May 2017: Wednesday)
        ("قال أمس الثلاثاء إن", "أمس الثلاثاء", "2017-05-30"),
        ("يصل غداً الخميس", "غداً الخميس", "2017-06-01"),
        ("يبدأ مساء غد الخميس", "غد الخميس", "2017-06-01"),
        ("وصل أول أمس الاثنين", "أول أمس الاثنين", "2017-05-29"),
        // bare years after a preposition or period word, before punctuation
        // or a function word
        ("تراجعت الأرباح خلال 2016 بنحو 5 في المئة", "2016", "2016"),
        ("وهو الأدنى منذ ١٩٩٨.", "١٩٩٨", "1998"),
        ("يرتفع الإنتاج بحلول 2030، وفق الخطة", "2030", "2030"),
        ("وبدأ العمل في 2009 على مراحل", "2009", "2009"),
        ("الأقوى منذ شتاء 2010.", "2010", "2010"),
        // era marks: a year with م or هـ needs no cue
        ("تأسس النادي 1962م بالعاصمة", "1962م", "1962"),
        ("تأسست الجمعية عام ١٤٣٠هـ", "عام ١٤٣٠هـ", "2008"),
        ("صدر الكتاب 1425هـ في الرياض", "1425هـ", "2004"),
        ("في الشهر الماضي", "الشهر الماضي", "2017-04"),
        ("خلال العام المقبل", "العام المقبل", "2018"),
        ("خلال هذا العام", "هذا العام", "2017"),
        ("في السنة المقبلة", "السنة المقبلة", "2018"),
        ("الأسبوع الماضي", "الأسبوع الماضي", "2017-W21"),
        ("في عام 2017", "عام 2017", "2017"),
        ("في العام ٢٠١٦", "العام ٢٠١٦", "2016"),
        // Hijri (Umm al-Qura)
        ("في 19 شعبان 1438 هـ", "19 شعبان 1438 هـ", "2017-05-15"),
        ("في ١٤٣٨/٨/١٩هـ", "١٤٣٨/٨/١٩هـ", "2017-05-15"),
        ("في 1 رمضان 1438", "1 رمضان 1438", "2017-05-27"),
        ("في 1 ذي القعدة 1438هـ", "1 ذي القعدة 1438هـ", "2017-07-24"),
        ("في 10 رمضان", "10 رمضان", "2017-06-05"),
    ];
    let mut failures = Vec::new();
    for &(text, covered, iso) in table {
        let got = dates_in(text, PUBLISHED);
        let want = vec![(covered.to_string(), Some(iso.to_string()))];
        if got != want {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    no_failures(&failures);
}

#[test]
fn dates_seed_article() {
    let got = dates_in(SEED, PUBLISHED);
    let want: Vec<(String, Option<String>)> = [
        ("الـ25 من الشهر الجاري", "2017-05-25"),
        ("يوم الخميس الماضي", "2017-05-25"),
        ("الشهر الجاري", "2017-05"),
        ("2017/5/15", "2017-05-15"),
        ("هذا الشهر", "2017-05"),
        ("2017/5/31", "2017-05-31"),
        ("العام الماضي", "2016"),
    ]
    .iter()
    .map(|(c, i)| (c.to_string(), Some(i.to_string())))
    .collect();
    assert_eq!(got, want);
}

#[test]
fn dates_without_publication_are_found_but_unresolved() {
    let text = "وقالت الوزارة أمس إن الهجوم وقع في الـ25 من الشهر الجاري، أي يوم الخميس الماضي، وفي 3 آذار";
    let found = dates::find(text, None);
    let covered: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
    assert_eq!(covered, ["أمس", "الـ25 من الشهر الجاري", "يوم الخميس الماضي", "3 آذار"]);
    for f in &found {
        assert!(
            matches!(
                &f.kind,
                AnnotationKind::Date {
                    iso: None,
                    resolved: false,
                    ..
                }
            ),
            "{:?}",
            f.kind
        );
    }
    // An explicit date needs no publication date.
    assert_eq!(
        dates_in("في 2017/5/15", None),
        [("2017/5/15".to_string(), Some("2017-05-15".to_string()))]
    );
}

#[test]
fn dates_hijri_keeps_the_written_date() {
    let text = "صدر في 19 شعبان 1438 هـ، وفي شعبان 1438";
    let found = dates::find(text, None);
    let kinds: Vec<_> = found.iter().map(|f| (&text[f.start..f.end], f.kind.clone())).collect();
    assert_eq!(
        kinds,
        [
            (
                "19 شعبان 1438 هـ",
                AnnotationKind::Date {
                    iso: Some("2017-05-15".into()),
                    calendar: "hijri",
                    resolved: true,
                    hijri: Some("1438-08-19".into()),
                }
            ),
            // A Hijri month spans two Gregorian months: no single ISO value.
            (
                "شعبان 1438",
                AnnotationKind::Date {
                    iso: None,
                    calendar: "hijri",
                    resolved: false,
                    hijri: Some("1438-08".into())
                }
            ),
        ]
    );
}

#[test]
fn hijri_conversions_match_umm_al_qura_tables() {
    // Checked against the Umm al-Qura calendar as published by KACST. The
    // brief's 19 Sha'ban 1438 = 2017-05-16 is a day off: Sha'ban 1438 began
    // on 27 April 2017 and had 30 days (Ramadan began on 27 May).
    let table = [
        ((1438, 9, 1), (2017, 5, 27)),  // 1 Ramadan 1438
        ((1438, 8, 19), (2017, 5, 15)), // 19 Sha'ban 1438
        ((1445, 1, 1), (2023, 7, 19)),  // 1 Muharram 1445
        ((1444, 10, 1), (2023, 4, 21)), // 1 Shawwal 1444 (Eid al-Fitr)
        ((1446, 9, 1), (2025, 3, 1)),   // 1 Ramadan 1446
    ];
    for (h, g) in table {
        assert_eq!(hijri::to_gregorian(h.0, h.1, h.2), Some(g), "{h:?}");
        assert_eq!(hijri::from_gregorian(g.0, g.1, g.2), Some(h), "{g:?}");
    }
    assert_eq!(hijri::to_gregorian(1438, 8, 1), Some((2017, 4, 27)));
    assert_eq!(hijri::to_gregorian(1438, 9, 30), None, "Ramadan 1438 had 29 days");
}

#[test]
fn dates_years_in_ranges_and_today() {
    let pairs = |text: &str| -> Vec<(String, String)> {
        dates_in(text, PUBLISHED)
            .into_iter()
            .map(|(c, i)| (c, i.unwrap_or_default()))
            .collect()
    };
    let want = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(c, i)| (c.to_string(), i.to_string())).collect()
    };
    assert_eq!(
        pairs("بين 2014 و2016 تضاعف الإنتاج، وتراجع خلال 2010 إلى 2012 بقليل"),
        want(&[("2014", "2014"), ("2016", "2016"), ("2010", "2010"), ("2012", "2012")])
    );
    // An amount range is not a year range.
    assert_eq!(pairs("ارتفع من 2000 إلى 3000"), want(&[]));
    // اليوم before its subject (verb, اليوم, subject) is today; before an
    // adjective it is a noun.
    assert_eq!(
        pairs(
            "تنطلق اليوم البطولة، وفي اليوم الثاني مباراة، ويحتفل اليوم الوطني، وتحل اليوم الذكرى، ونشر اليوم السابع"
        ),
        want(&[("اليوم", "2017-05-31"), ("اليوم", "2017-05-31")])
    );
    // A month name of two words (the Annotator keeps it over a catalog
    // name inside it: tests/annotate_articles.rs).
    assert_eq!(pairs("منذ تشرين الأول 2016."), want(&[("تشرين الأول 2016", "2016-10")]));
}

#[test]
fn dates_negatives() {
    let none: &[&str] = &[
        "رقم الهاتف 0933-123-456 للاستفسار",
        "الساعة 6:00 صباحا",
        "بلغ العدد 15 شخصا",
        "في 2017 قال",
        "موعد 2017/13/45 خاطئ",
        "في 31/4/2017 خطأ",
        "مارس الضغط على الحكومة",
        "رجب طيب أردوغان",
        "صلاة الجمعة في المسجد",
        "في اليوم التالي وصلوا",
        "الأمين العام للأمم المتحدة",
        "الإصدار 1.2.3.4 من البرنامج",
        // counts and amounts, not years
        "بنى في 2000 منزل",
        "منذ 1500 عام",
        "خلال 2014 ساعة عمل",
        "يرتفع من 2000 إلى 3000",
        // a year too far from publication, or a number in a range
        "في 1850 قال",
        "نقل في 1200 شاحنة.",
        "بين 2014-2015 وقع",
        // Hijri months with neither day nor year; names holding a date
        "قبل حلول شهر رمضان المبارك",
        "خلال رمضان المقبل",
        "المباراة على ملعب 5 جويلية الأولمبي",
        "في ميدان 6 أكتوبر بالقاهرة",
        // غد alone is the future, not tomorrow
        "من أجل بناء غد أفضل",
    ];
    for text in none {
        assert_eq!(dates_in(text, PUBLISHED), [], "{text}");
    }
}

/// `(covered text, value, unit)` of every number in `text`.
fn numbers_in(text: &str) -> Vec<(String, f64, Option<String>)> {
    numbers::find(text)
        .into_iter()
        .map(|f| match f.kind {
            AnnotationKind::Number { value, unit } => (text[f.start..f.end].to_string(), value, unit),
            other => panic!("numbers::find returned {other:?}"),
        })
        .collect()
}

#[test]
fn numbers_seed_quantities_with_exact_ranges() {
    let found = numbers::find(SEED);
    let cars = SEED.find("32 سيارة").expect("seed has 32 سيارة");
    let fighters = SEED.find("120 عنصرا").expect("seed has 120 عنصرا");
    let summary: Vec<_> = found.iter().map(|f| (f.start, f.end, f.kind.clone())).collect();
    assert_eq!(
        summary,
        [
            (
                cars,
                cars + "32 سيارة".len(),
                AnnotationKind::Number {
                    value: 32.0,
                    unit: Some("سيارة".into())
                }
            ),
            (
                fighters,
                fighters + "120 عنصرا".len(),
                AnnotationKind::Number {
                    value: 120.0,
                    unit: Some("عنصرا".into())
                }
            ),
        ],
        "the seed's dates (الـ25، 2017/5/15، 2017/5/31) are not numbers"
    );
}

#[test]
fn numbers_table() {
    let table: &[(&str, &str, f64, Option<&str>)] = &[
        ("قتل ما لا يقل عن 120 عنصرا", "120 عنصرا", 120.0, Some("عنصرا")),
        ("قتل ١٢٠ عنصرا", "١٢٠ عنصرا", 120.0, Some("عنصرا")),
        ("نزح 1,500 شخص", "1,500 شخص", 1500.0, Some("شخص")),
        ("نزح ١٬٥٠٠ شخص", "١٬٥٠٠ شخص", 1500.0, Some("شخص")),
        ("نزح 1,250,000 شخص", "1,250,000 شخص", 1_250_000.0, Some("شخص")),
        ("بلغ النمو 2.5 في المئة", "2.5 في المئة", 2.5, Some("%")),
        ("بلغ النمو ٢٫٥ بالمئة", "٢٫٥ بالمئة", 2.5, Some("%")),
        ("بلغ النمو 3 في المائة", "3 في المائة", 3.0, Some("%")),
        ("صوت 45% من الناخبين", "45%", 45.0, Some("%")),
        ("صوت ٪45 من الناخبين", "٪45", 45.0, Some("%")),
        ("صوت 45٪ من الناخبين", "45٪", 45.0, Some("%")),
        ("بلغت 1,5 مليون نسمة", "1,5 مليون نسمة", 1_500_000.0, Some("نسمة")),
        ("نزح 3 ملايين", "3 ملايين", 3_000_000.0, None),
        ("بتكلفة 2 مليار دولار", "2 مليار دولار", 2e9, Some("USD")),
        ("بتكلفة 500 دولار", "500 دولار", 500.0, Some("USD")),
        ("بتكلفة $500 فقط", "$500", 500.0, Some("USD")),
        ("بتكلفة 20 ألف يورو", "20 ألف يورو", 20_000.0, Some("EUR")),
        ("بسعر 100 ريال سعودي", "100 ريال سعودي", 100.0, Some("SAR")),
        ("بسعر 100 ريال", "100 ريال", 100.0, Some("ريال")),
        ("بسعر 5000 ليرة سورية", "5000 ليرة سورية", 5000.0, Some("SYP")),
        ("بسعر 50 جنيها مصريا", "50 جنيها مصريا", 50.0, Some("EGP")),
        ("بسعر 7 دنانير كويتية", "7 دنانير كويتية", 7.0, Some("KWD")),
        ("بسعر 10 دراهم مغربية", "10 دراهم مغربية", 10.0, Some("MAD")),
        ("بلغ عددهم 15", "15", 15.0, None),
        ("في 2017 قال", "2017", 2017.0, None),
        ("دمرت 4 دبابات", "4 دبابات", 4.0, Some("دبابات")),
    ];
    let mut failures = Vec::new();
    for &(text, covered, value, unit) in table {
        let got = numbers_in(text);
        let want = vec![(covered.to_string(), value, unit.map(str::to_string))];
        if got != want {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    no_failures(&failures);
}

#[test]
fn numbers_negatives() {
    let none: &[&str] = &[
        "الساعة 6:00 صباحا",
        "اتصلوا على 0933123456 للاستفسار",
        "اتصلوا على +963 11 2345678",
        "اتصلوا على 0933-123-456",
        "صدر في 2017/5/15 بيان",
        "في عام 2017 بدأت",
        "في 15 مايو 2017 بدأت",
        "طائرة F-16 وفيروس H5N1",
    ];
    for text in none {
        assert_eq!(numbers_in(text), [], "{text}");
    }
}

/// `(covered text, entity type)` of every suggestion in `text`.
fn roles_in(text: &str) -> Vec<(String, EntityType)> {
    roles::find(text)
        .into_iter()
        .map(|f| match f.kind {
            AnnotationKind::Suggestion { entity_type } => {
                assert!((0.5..=0.7).contains(&f.confidence), "{}", f.confidence);
                (text[f.start..f.end].to_string(), entity_type)
            }
            other => panic!("roles::find returned {other:?}"),
        })
        .collect()
}

#[test]
fn roles_seed_people_and_organisations() {
    let found = roles_in(SEED);
    let person = |s: &str| (s.to_string(), EntityType::Person);
    let org = |s: &str| (s.to_string(), EntityType::Organization);
    assert!(found.contains(&person("طلال سلو")), "{found:?}");
    let people: Vec<_> = found.iter().filter(|f| f.1 == EntityType::Person).collect();
    assert_eq!(people, [&person("طلال سلو")], "one titled person in the seed");
    let orgs: std::collections::BTreeSet<_> = found
        .iter()
        .filter(|f| f.1 == EntityType::Organization)
        .map(|f| f.0.as_str())
        .collect();
    let want: std::collections::BTreeSet<_> = [
        "قوات سوريا الديمقراطية",
        "وزارة الدفاع الروسية",
        "وزارة الدفاع",
        "تنظيم داعش",
        "وكالة إنترفاكس",
        "قوات النخبة السورية",
    ]
    .into_iter()
    .collect();
    assert_eq!(orgs, want);
    // "لقوات سوريا الديمقراطية": the preposition is not part of the name.
    assert!(found.contains(&org("قوات سوريا الديمقراطية")));
}

#[test]
fn roles_table() {
    use EntityType::{Organization as O, Person as P};
    let table: &[(&str, &[(&str, EntityType)])] = &[
        ("أكد العقيد طلال سلو الناطق الرسمي", &[("طلال سلو", P)]),
        ("التقى الرئيس بشار الأسد وفدا", &[("بشار الأسد", P)]),
        ("قال الرئيس السوري بشار الأسد إن", &[("بشار الأسد", P)]),
        ("وصرح اللواء إيغور كوناشينكوف بأن", &[("إيغور كوناشينكوف", P)]),
        ("وقال الشيخ محمد بن راشد آل مكتوم", &[("محمد بن راشد", P)]),
        ("وأعلن الأمين العام أنطونيو غوتيريش", &[("أنطونيو غوتيريش", P)]),
        (
            "قال المتحدث باسم الجيش الروسي العقيد سيرغي رودسكوي إن",
            &[("سيرغي رودسكوي", P)],
        ),
        ("وقال الوزير الخميس إن", &[]),
        ("قال الرئيس إن الوضع", &[]),
        ("الرئيس التنفيذي للشركة", &[]),
        ("أعلنت وزارة الخارجية الأمريكية", &[("وزارة الخارجية الأمريكية", O)]),
        ("ونقلت وكالة رويترز", &[("وكالة رويترز", O)]),
        ("عضو مجلس الأمن الدولي", &[("مجلس الأمن الدولي", O)]),
        ("وقالت حركة حماس", &[("حركة حماس", O)]),
        ("رتل لتنظيم داعش الإرهابي", &[("تنظيم داعش", O)]),
        ("سيطرت هيئة تحرير الشام", &[("هيئة تحرير الشام", O)]),
        ("بسبب حركة المرور", &[]),
        ("شهدت المنطقة حركة نزوح", &[]),
        ("دخلت قوات كبيرة", &[]),
        ("تنظيم الانتخابات المقبلة", &[]),
        ("القوات الخاصة الروسية", &[]),
    ];
    let mut failures = Vec::new();
    for &(text, want) in table {
        let got = roles_in(text);
        let want: Vec<_> = want.iter().map(|&(s, t)| (s.to_string(), t)).collect();
        if got != want {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    no_failures(&failures);
}

/// A catalog mention of `name` (its first occurrence in `text`).
fn mention(text: &str, name: &str, id: &str) -> Found {
    let start = text.find(name).expect("name in text");
    Found {
        start,
        end: start + name.len(),
        kind: AnnotationKind::Mention {
            id: id.into(),
            entity_type: EntityType::Organization,
            url: None,
            alternatives: Vec::new(),
        },
        confidence: 1.0,
    }
}

/// `(quoted text, speaker, speaker id, direct)` of every quotation.
fn quotes_in(text: &str, mentions: &[Found]) -> Vec<(String, Option<String>, Option<String>, bool)> {
    quotes::find(text, mentions)
        .into_iter()
        .map(|f| match f.kind {
            AnnotationKind::Quotation {
                speaker,
                speaker_id,
                direct,
            } => (text[f.start..f.end].to_string(), speaker, speaker_id, direct),
            other => panic!("quotes::find returned {other:?}"),
        })
        .collect()
}

#[test]
fn quotes_seed_statement_is_attributed_to_sdf() {
    // Every occurrence of the SDF's name is a catalog mention.
    let sdf = "قوات سوريا الديمقراطية";
    let mentions: Vec<Found> = SEED
        .match_indices(sdf)
        .map(|(start, _)| Found {
            start,
            end: start + sdf.len(),
            kind: AnnotationKind::Mention {
                id: "sdf".into(),
                entity_type: EntityType::Organization,
                url: None,
                alternatives: Vec::new(),
            },
            confidence: 1.0,
        })
        .collect();
    let found = quotes_in(SEED, &mentions);
    let direct: Vec<_> = found.iter().filter(|q| q.3).collect();
    assert_eq!(direct.len(), 1, "“بيك أب” is a term, not a quotation: {direct:?}");
    let statement = direct[0];
    assert!(statement.0.starts_with("نظرا للنتائج الإيجابية"), "{}", statement.0);
    assert!(statement.0.ends_with("2017/5/31"), "{}", statement.0);
    assert_eq!(statement.1.as_deref(), Some(sdf));
    assert_eq!(statement.2.as_deref(), Some("sdf"));

    let reported: Vec<_> = found
        .iter()
        .filter(|q| !q.3)
        .map(|q| (q.0.split(' ').take(3).collect::<Vec<_>>().join(" "), q.1.clone()))
        .collect();
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        reported,
        [
            ("موسكو لن تسمح".to_string(), some("مصدر في وزارة الدفاع الروسية")),
            ("موسكو لن تسمح".to_string(), some("مصدر في وزارة الدفاع الروسية")),
            ("موسكو لن تسمح".to_string(), some("المصدر الروسي في وزارة الدفاع")),
            (
                "سلاح الطيران الروسي".to_string(),
                some("المصدر العسكري في وزارة الدفاع الروسية")
            ),
            // وأضاف أنه: the pronoun is the previous speaker.
            (
                "تم تدمير القافلة".to_string(),
                some("المصدر العسكري في وزارة الدفاع الروسية")
            ),
            (
                "لا يوجد أي".to_string(),
                some("العقيد طلال سلو الناطق الرسمي لقوات سوريا الديمقراطية")
            ),
            // مضيفا أن: the same speaker.
            (
                "قواته بدأت المعارك".to_string(),
                some("العقيد طلال سلو الناطق الرسمي لقوات سوريا الديمقراطية")
            ),
        ]
    );
}

/// Fails with every line of `failures`, when there are any (a table test
/// reports all its rows at once).
fn no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A quotation as the tables write it: `(quoted text, speaker, direct)`.
type Row<'a> = (&'a str, Option<&'a str>, bool);

/// Every text of `table` gives exactly its quotations (no mentions, so no
/// speaker ids); all failures reported at once.
fn check_quotes(table: &[(&str, &[Row<'_>])]) {
    let mut failures = Vec::new();
    for &(text, want) in table {
        let got = quotes_in(text, &[]);
        let want: Vec<_> = want
            .iter()
            .map(|&(q, s, d)| (q.to_string(), s.map(str::to_string), None, d))
            .collect();
        if got != want {
            failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
        }
    }
    no_failures(&failures);
}

#[test]
fn quotes_table() {
    let table: &[(&str, &[Row<'_>])] = &[
        (
            "قال الوزير: «سنرد على الهجوم بقوة».",
            &[("سنرد على الهجوم بقوة", Some("الوزير"), true)],
        ),
        (
            "“سنرد على الهجوم بقوة”، قال المتحدث العسكري.",
            &[("سنرد على الهجوم بقوة", Some("المتحدث العسكري"), true)],
        ),
        (
            "“الوضع تحت السيطرة تماما”، بحسب وكالة رويترز.",
            &[("الوضع تحت السيطرة تماما", Some("وكالة رويترز"), true)],
        ),
        (
            "وأكدت الوزارة أن الهجوم فشل. وأضافت: \"لن نتراجع\".",
            &[
                ("الهجوم فشل", Some("الوزارة"), false),
                ("لن نتراجع", Some("الوزارة"), true),
            ],
        ),
        ("وقال أنه لن يتراجع.", &[("لن يتراجع", None, false)]),
        ("وصلت سيارات “بيك أب” إلى المدينة.", &[]),
        (
            "رفعوا شعار «الشعب يريد إسقاط النظام» في الساحة.",
            &[("الشعب يريد إسقاط النظام", None, true)],
        ),
        ("نفت الوزارة هذه الأنباء.", &[]),
        // بحسب/وفقا around a sentence: the source reports the clause.
        (
            "وبحسب وكالة الأنباء السعودية (واس)، بلغ عدد المشاريع 1200 مشروع.",
            &[("بلغ عدد المشاريع 1200 مشروع", Some("وكالة الأنباء السعودية"), false)],
        ),
        (
            "قتل خمسة مدنيين في القصف، بحسب مصادر محلية. وعاد الهدوء.",
            &[("قتل خمسة مدنيين في القصف", Some("مصادر محلية"), false)],
        ),
        (
            "وعاد الهدوء. ووفقا للمرصد السوري، قتل خمسة مدنيين",
            &[("قتل خمسة مدنيين", Some("المرصد السوري"), false)],
        ),
        // Not a source: a law, a plan, or no clause.
        ("وبحسب القانون، يحق للمتهم الاستئناف.", &[]),
        ("توزع المساعدات بحسب الحاجة.", &[]),
        ("وزعت المساعدات، بحسب الخطة الموضوعة.", &[]),
        ("بحسب مصادر محلية", &[]),
    ];
    check_quotes(table);
}

#[test]
fn quotes_link_the_speaker_mention() {
    // The organisation that speaks is the speaker; its spokesman is not it.
    let text = "وقالت وزارة الدفاع الروسية إن الطائرات دمرت القافلة. وقال المتحدث باسم وزارة الدفاع الروسية إن الطيارين عادوا.";
    let mentions = [
        mention(text, "وزارة الدفاع الروسية", "mod-ru"),
        Found {
            start: text.rfind("وزارة الدفاع").unwrap(),
            end: text.rfind("الروسية").unwrap() + "الروسية".len(),
            ..mention(text, "وزارة الدفاع الروسية", "mod-ru")
        },
    ];
    let found = quotes_in(text, &mentions);
    let ids: Vec<_> = found.iter().map(|q| (q.1.as_deref(), q.2.as_deref())).collect();
    assert_eq!(
        ids,
        [
            (Some("وزارة الدفاع الروسية"), Some("mod-ru")),
            (Some("المتحدث باسم وزارة الدفاع الروسية"), None),
        ]
    );
}

/// A person mention of `name` (its first occurrence in `text`).
fn person(text: &str, name: &str, id: &str) -> Found {
    let mut m = mention(text, name, id);
    if let AnnotationKind::Mention { entity_type, .. } = &mut m.kind {
        *entity_type = EntityType::Person;
    }
    m
}

#[test]
fn quotes_speaker_ids_through_chains_and_antecedents() {
    // A person named inside a chain of titles is the speaker, and the
    // verb with no subject after it; the coach of a club is not the club.
    let text = "وقال وزير الصحة خالد منصور أمس إن المستشفيات ستتوسع. \
                وأوضح أن التمويل مؤمن. وقال مدرب النادي إن الفريق جاهز. وأعلن النادي أن الملعب سيغلق.";
    let mentions = [person(text, "خالد منصور", "mansour"), mention(text, "النادي", "club")];
    let mut mentions = mentions.to_vec();
    let second = text.rfind("النادي").unwrap();
    mentions.push(Found {
        start: second,
        end: second + "النادي".len(),
        ..mention(text, "النادي", "club")
    });
    let found = quotes_in(text, &mentions);
    let ids: Vec<_> = found.iter().map(|q| (q.1.as_deref(), q.2.as_deref())).collect();
    assert_eq!(
        ids,
        [
            (Some("وزير الصحة خالد منصور"), Some("mansour")),
            (Some("وزير الصحة خالد منصور"), Some("mansour")),
            (Some("مدرب النادي"), None),
            (Some("النادي"), Some("club")),
        ]
    );
}

#[test]
fn quotes_speakers_table() {
    let table: &[(&str, &[Row<'_>])] = &[
        // A chain of titles, role and name, up to the setting.
        (
            "وقال أمينها العام الدكتور خالد بن سعيد في كلمة ألقاها إن المنظمة ستفتتح مكتبين.",
            &[(
                "المنظمة ستفتتح مكتبين",
                Some("أمينها العام الدكتور خالد بن سعيد"),
                false,
            )],
        ),
        // An affiliation stays with the role; a setting, a time, a
        // recipient end it.
        (
            "وقال مسؤول في البلدية لوكالة الأنباء إن الطريق سيفتح.",
            &[("الطريق سيفتح", Some("مسؤول في البلدية"), false)],
        ),
        (
            "وقال نائب عن كتلة مستقلة في حديث إلى إذاعة محلية إن الجلسة ألغيت.",
            &[("الجلسة ألغيت", Some("نائب عن كتلة مستقلة"), false)],
        ),
        (
            "وقال رئيس النادي في ختام الاجتماع إن المدرب باق.",
            &[("المدرب باق", Some("رئيس النادي"), false)],
        ),
        (
            "وقال مدرب الفريق عقب اللقاء إن الحكم أخطأ.",
            &[("الحكم أخطأ", Some("مدرب الفريق"), false)],
        ),
        // ل before an organisation is part of the role.
        (
            "وقال الرئيس التنفيذي لهيئة الاتصالات إن الشبكة توسعت.",
            &[("الشبكة توسعت", Some("الرئيس التنفيذي لهيئة الاتصالات"), false)],
        ),
        (
            "وقال أحد السكان للصحفيين: «المياه لم تصل منذ أسبوع».",
            &[("المياه لم تصل منذ أسبوع", Some("أحد السكان"), true)],
        ),
        ("«سنعود أقوى»، قال علي للصحفيين.", &[("سنعود أقوى", Some("علي"), true)]),
        // A setting between commas before إن, a clause between commas
        // before the quote.
        (
            "قال وزير النقل سامي يوسف، في مقابلة مع إذاعة محلية بثت مساء الأحد، إن القطار سيعمل قريبا.",
            &[("القطار سيعمل قريبا", Some("وزير النقل سامي يوسف"), false)],
        ),
        (
            "وقالت أم خالد، وهي معلمة تقيم في المخيم منذ سنوات: «لا نريد إلا العودة».",
            &[("لا نريد إلا العودة", Some("أم خالد"), true)],
        ),
        // المصدر نفسه is the source named before.
        (
            "وقال مصدر أمني إن الهجوم أحبط. وأضاف المصدر نفسه أن ثلاثة اعتقلوا.",
            &[
                ("الهجوم أحبط", Some("مصدر أمني"), false),
                ("ثلاثة اعتقلوا", Some("مصدر أمني"), false),
            ],
        ),
        // With nothing to refer back to, المصدر نفسه stays as written.
        (
            "وأضاف المصدر نفسه أن ثلاثة اعتقلوا.",
            &[("ثلاثة اعتقلوا", Some("المصدر نفسه"), false)],
        ),
        // نقل with no عن: the reporter says it; كتب.
        (
            "ونقلت صحف محلية أن الحكومة ستستقيل.",
            &[("الحكومة ستستقيل", Some("صحف محلية"), false)],
        ),
        (
            "وكتب الصحفي سمير حداد في مقاله أن الأزمة ستطول.",
            &[("الأزمة ستطول", Some("الصحفي سمير حداد"), false)],
        ),
        // A subject before its verb is not the previous speaker: none
        // rather than a guess.
        (
            "وقال الوزير إن الأسعار ستنخفض. لكن موظفا في الشركة قال إن الرواتب تأخرت.",
            &[("الأسعار ستنخفض", Some("الوزير"), false), ("الرواتب تأخرت", None, false)],
        ),
        // The subject of a verb that is no speech is not looked for.
        (
            "افتتح رئيس البلدية أمس الحديقة الجديدة، وقال إن حدائق أخرى ستفتح.",
            &[("حدائق أخرى ستفتح", None, false)],
        ),
        // The clause runs past a decimal point and a title in guillemets.
        (
            "وقال البنك المركزي إن التضخم بلغ 2.5 في المئة في مايو. وعاد الهدوء.",
            &[("التضخم بلغ 2.5 في المئة في مايو", Some("البنك المركزي"), false)],
        ),
        (
            "وقالت الممثلة إن مسلسل «البيت» سيعرض في رمضان.",
            &[("مسلسل «البيت» سيعرض في رمضان", Some("الممثلة"), false)],
        ),
        // أن after a word that is no speech: no report.
        ("وقال الوزير للصحفيين قبل أن يغادر القاعة.", &[]),
        ("أعلنت الشركة عن مشروع جديد من شأنه أن يخلق ألف وظيفة.", &[]),
        ("ويرى خبراء أن الأسعار سترتفع.", &[]),
    ];
    check_quotes(table);
}

#[test]
fn dates_a_month_alone_after_a_word_of_time() {
    // PUBLISHED is 2017-05-31: the nearest such month.
    let got = dates_in(
        "اشتد الحر في غشت وتواصل حتى نهاية شتنبر، وقال إنه مارس ضغوطا",
        PUBLISHED,
    );
    let want: Vec<(String, Option<String>)> = vec![
        ("غشت".into(), Some("2017-08".into())),
        ("شتنبر".into(), Some("2017-09".into())),
    ];
    assert_eq!(got, want);
    // With no word of time before it, a month name alone is no date.
    assert!(dates_in("وقال إن مارس كان ممطرا", PUBLISHED).is_empty());
}

#[test]
fn quotes_speakers_end_before_whom_and_where_they_spoke() {
    let speaker = |text: &str, mentions: &[Found]| quotes_in(text, mentions)[0].1.clone();
    let text = "وأكد مصدر برلماني للعربية أن الجلسة تأجلت.";
    let tv = mention(text, "عربية", "alarabiya");
    assert_eq!(speaker(text, &[tv]).as_deref(), Some("مصدر برلماني"));
    // A role takes ل + an organization as its complement.
    let text = "وقال الرئيس التنفيذي لأرامكو إن الإنتاج ارتفع.";
    let aramco = mention(text, "أرامكو", "aramco");
    assert_eq!(speaker(text, &[aramco]).as_deref(), Some("الرئيس التنفيذي لأرامكو"));
    assert_eq!(
        speaker("وأوضح بلعيد في حوار مع القناة أن النيران خمدت.", &[]).as_deref(),
        Some("بلعيد")
    );
    assert_eq!(
        speaker("فقال لها رئيس اللجنة إن النص يحمي المواطنين.", &[]).as_deref(),
        Some("رئيس اللجنة")
    );
    // إمام, the name; أمام, the preposition.
    assert_eq!(
        speaker("وقال إمام في تصريحات إن الهدف مهدى إلى الجماهير.", &[]).as_deref(),
        Some("إمام")
    );
    assert_eq!(speaker("وقال أمام الصحفيين إن الهدف مهدى إلى الجماهير.", &[]), None);
}

#[test]
fn quotes_speakers_end_before_a_publication_or_a_time() {
    let speaker = |text: &str, mentions: &[Found]| quotes_in(text, mentions)[0].1.clone();
    // في + a noun of publication or communication, with or without a pronoun.
    for (text, want) in [
        ("وقالت الولاية في بلاغ إن الأشغال ستنطلق قريبا.", "الولاية"),
        ("وقال البنك المركزي في نشرته اليومية إن السيولة تحسنت.", "البنك المركزي"),
        ("وأكدت الهيئة في نشرتها أن الأسعار استقرت.", "الهيئة"),
        ("وكتب الوزير في تدوينة أن الاتفاق قريب.", "الوزير"),
        ("وقال المسؤول في منشور على صفحته إن الطريق مغلق.", "المسؤول"),
        ("وأعلنت المنظمة الشهر الماضي أن الأسر عادت.", "المنظمة"),
    ] {
        assert_eq!(speaker(text, &[]).as_deref(), Some(want), "{text}");
    }
    // في + an affiliation stays (مسؤول في الوزارة), and الشهر with no
    // qualifier is no time (مدير الشهر العقاري).
    assert_eq!(
        speaker("وقال مسؤول في وزارة الدفاع إن القوات انسحبت.", &[]).as_deref(),
        Some("مسؤول في وزارة الدفاع")
    );
    assert_eq!(
        speaker("وقال مدير الشهر العقاري إن الرسوم ثابتة.", &[]).as_deref(),
        Some("مدير الشهر العقاري")
    );
    // `(text, the organization the catalog names in it, its id, speaker)`.
    let cases = [
        // في + it after a personal name (a family name with the article
        // too): where it was written; after a role, an affiliation.
        (
            "وكتب الناقد الموسيقي سامر عيتاني في الأخبار أن الحفل نجح.",
            "الأخبار",
            "al-akhbar-lb",
            "الناقد الموسيقي سامر عيتاني",
        ),
        (
            "وكتب الناقد المسرحي هشام العياري في الصباح أن العرض جريء.",
            "الصباح",
            "assabah-tn",
            "الناقد المسرحي هشام العياري",
        ),
        (
            "وقال المدير الإقليمي في أرامكو إن الإنتاج ارتفع.",
            "أرامكو",
            "aramco",
            "المدير الإقليمي في أرامكو",
        ),
        (
            "وقال مدير العلاقات العامة في أرامكو إن الإنتاج ارتفع.",
            "أرامكو",
            "aramco",
            "مدير العلاقات العامة في أرامكو",
        ),
        // ل + it after an affiliation: whom it was told to, even after a
        // role (right after the role it is the role's complement: الرئيس
        // التنفيذي لأرامكو, in the test above).
        (
            "وقال مدير شركة سياحية في المدينة للوطن إن الحجوزات مكتملة.",
            "لوطن",
            "alwatan-eg",
            "مدير شركة سياحية في المدينة",
        ),
    ];
    for (text, name, id, want) in cases {
        let org = mention(text, name, id);
        assert_eq!(speaker(text, &[org]).as_deref(), Some(want), "{text}");
    }
    // النائب عن كتلة: a definite role takes عن + its bloc.
    assert_eq!(
        speaker(
            "قال النائب عن كتلة معارضة في البرلمان حيدر الموسوي إن الحكومة تأخرت.",
            &[]
        )
        .as_deref(),
        Some("النائب عن كتلة معارضة في البرلمان حيدر الموسوي")
    );
    // A preposition with a pronoun is never the speaker: a sign.
    let found = quotes_in(
        "علقت لافتات كتب عليها «الرجاء احترام مواعيد الإغلاق والحفاظ على النظافة».",
        &[],
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, None);
}
