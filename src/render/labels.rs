//! Words the renderer itself adds — headings, landmark labels, dates — in
//! the article's language (Arabic, Hebrew, Persian, Urdu, English; English
//! for anything else).
//!
//! Dates are shown as day, month name, year. Arabic uses the month names
//! most pan-Arab outlets and CLDR's `ar` locale use (يناير … ديسمبر); the
//! Levantine and Iraqi series (كانون الثاني … كانون الأول) is used for
//! `ar-SY`, `ar-LB`, `ar-JO`, `ar-PS` and `ar-IQ`, as in CLDR. English gets
//! English month names; other languages get the ISO date, which is never
//! wrong.
//!
//! ```
//! use rtl_article::render::labels::display_date;
//! assert_eq!(display_date("2017-05-15T10:00:00+03:00", "ar").as_deref(), Some("15 مايو 2017"));
//! assert_eq!(display_date("2017-01-31", "ar-SY").as_deref(), Some("31 كانون الثاني 2017"));
//! assert_eq!(display_date("2017-05-15", "en").as_deref(), Some("15 May 2017"));
//! assert_eq!(display_date("2017-05-15", "fa").as_deref(), Some("2017-05-15"));
//! assert_eq!(display_date("أمس", "ar"), None);
//! ```

/// The renderer's own words in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    /// Heading of the related-articles list after the body.
    pub related: &'static str,
    /// Default label of a related box inside the body.
    pub read_also: &'static str,
    /// Before the publication date.
    pub published: &'static str,
    /// Before the update date.
    pub updated: &'static str,
    /// Label of the tag list.
    pub tags: &'static str,
    /// Label of a pull quote.
    pub pull_quote: &'static str,
}

const AR: Labels = Labels {
    related: "أخبار متعلقة",
    read_also: "اقرأ أيضا",
    published: "نُشر",
    updated: "آخر تحديث",
    tags: "الوسوم",
    pull_quote: "اقتباس",
};
const HE: Labels = Labels {
    related: "כתבות קשורות",
    read_also: "קראו עוד",
    published: "פורסם",
    updated: "עודכן",
    tags: "תגיות",
    pull_quote: "ציטוט",
};
const FA: Labels = Labels {
    related: "مطالب مرتبط",
    read_also: "بیشتر بخوانید",
    published: "منتشر شده",
    updated: "به‌روزرسانی",
    tags: "برچسب‌ها",
    pull_quote: "نقل قول",
};
const UR: Labels = Labels {
    related: "متعلقہ خبریں",
    read_also: "یہ بھی پڑھیں",
    published: "شائع",
    updated: "تازہ ترین",
    tags: "ٹیگز",
    pull_quote: "اقتباس",
};
const EN: Labels = Labels {
    related: "Related articles",
    read_also: "Read also",
    published: "Published",
    updated: "Updated",
    tags: "Tags",
    pull_quote: "Pull quote",
};

/// The labels for a BCP 47 language tag (by its primary subtag).
pub fn labels(lang: &str) -> &'static Labels {
    match primary(lang).as_str() {
        "ar" => &AR,
        "he" | "iw" => &HE,
        "fa" | "prs" => &FA,
        "ur" => &UR,
        _ => &EN,
    }
}

const AR_MONTHS: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
const AR_LEVANT_MONTHS: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Year, month and day of an ISO 8601 date or date-time, if it starts with a
/// valid `YYYY-MM-DD`.
pub fn parse_iso_date(value: &str) -> Option<(u32, u32, u32)> {
    let bytes = value.trim().as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = bytes.get(r)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        part.iter().try_fold(0u32, |n, d| Some(n * 10 + u32::from(d - b'0')))
    };
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    if bytes.get(10).is_some_and(|b| !matches!(b, b'T' | b't' | b' ')) {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month).contains(&day).then_some((year, month, day))
}

/// `value` (ISO 8601) as a human date in `lang`, or `None` if it is not a
/// valid ISO date.
pub fn display_date(value: &str, lang: &str) -> Option<String> {
    let (year, month, day) = parse_iso_date(value)?;
    let index = (month - 1) as usize;
    let lower = lang.to_ascii_lowercase().replace('_', "-");
    let name = match primary(lang).as_str() {
        "ar" => {
            let levant = ["ar-sy", "ar-lb", "ar-jo", "ar-ps", "ar-iq"]
                .iter()
                .any(|t| lower.starts_with(t));
            if levant {
                AR_LEVANT_MONTHS[index]
            } else {
                AR_MONTHS[index]
            }
        }
        "en" => EN_MONTHS[index],
        _ => return Some(format!("{year:04}-{month:02}-{day:02}")),
    };
    Some(format!("{day} {name} {year}"))
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso_date("2017-05-15"), Some((2017, 5, 15)));
        assert_eq!(parse_iso_date("2016-02-29T00:00Z"), Some((2016, 2, 29)));
        for bad in [
            "2017-02-29",
            "2017-13-01",
            "2017-5-15",
            "2017-05-15x",
            "",
            "٢٠١٧-٠٥-١٥",
            "2017-00-10",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_month_has_a_name() {
        for m in 1..=12 {
            let d = display_date(&format!("2017-{m:02}-01"), "ar").unwrap_or_default();
            assert!(d.starts_with("1 ") && d.ends_with(" 2017") && d.len() > 8, "{d}");
        }
        assert_eq!(
            display_date("2017-12-31", "ar-LB").as_deref(),
            Some("31 كانون الأول 2017")
        );
    }

    #[test]
    fn labels_by_language() {
        assert_eq!(labels("ar-EG").related, "أخبار متعلقة");
        assert_eq!(labels("he").related, "כתבות קשורות");
        assert_eq!(labels("de").related, "Related articles");
    }
}
