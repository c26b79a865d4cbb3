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
//! use rtl_article::date::Date;
//! use rtl_article::render::labels::display_date;
//! let day = Date::new(2017, 5, 15).unwrap();
//! assert_eq!(display_date(day, "ar"), "15 مايو 2017");
//! assert_eq!(display_date(Date::new(2017, 1, 31).unwrap(), "ar-SY"), "31 كانون الثاني 2017");
//! assert_eq!(display_date(day, "en"), "15 May 2017");
//! assert_eq!(display_date(day, "fa"), "2017-05-15");
//! ```

use crate::date::Date;

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
    /// Editorial notes.
    pub notes: NoteLabels,
}

/// The words of editorial notes ([`crate::ingest::notes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoteLabels {
    /// Heading of the notes after the body.
    pub heading: &'static str,
    /// A fact-check (`assessing`).
    pub fact_check: &'static str,
    /// A correction (`editing`).
    pub correction: &'static str,
    /// A footnote (`commenting`).
    pub footnote: &'static str,
    /// A glossary entry (`describing`).
    pub glossary: &'static str,
    /// Before a note's source link.
    pub source: &'static str,
    /// Under a note whose passage is gone.
    pub orphan: &'static str,
    /// A note on the whole article.
    pub whole: &'static str,
}

const AR: Labels = Labels {
    related: "أخبار متعلقة",
    read_also: "اقرأ أيضا",
    published: "نُشر",
    updated: "آخر تحديث",
    tags: "الوسوم",
    pull_quote: "اقتباس",
    notes: NoteLabels {
        heading: "ملاحظات التحرير",
        fact_check: "تدقيق",
        correction: "تصحيح",
        footnote: "حاشية",
        glossary: "تعريف",
        source: "المصدر",
        orphan: "لم يعد المقطع الذي تشير إليه هذه الملاحظة في المقال.",
        whole: "عن المقال",
    },
};
const HE: Labels = Labels {
    related: "כתבות קשורות",
    read_also: "קראו עוד",
    published: "פורסם",
    updated: "עודכן",
    tags: "תגיות",
    pull_quote: "ציטוט",
    notes: NoteLabels {
        heading: "הערות המערכת",
        fact_check: "בדיקת עובדות",
        correction: "תיקון",
        footnote: "הערה",
        glossary: "מונח",
        source: "מקור",
        orphan: "הקטע שאליו מתייחסת הערה זו אינו מופיע עוד בכתבה.",
        whole: "על הכתבה",
    },
};
const FA: Labels = Labels {
    related: "مطالب مرتبط",
    read_also: "بیشتر بخوانید",
    published: "منتشر شده",
    updated: "به‌روزرسانی",
    tags: "برچسب‌ها",
    pull_quote: "نقل قول",
    notes: NoteLabels {
        heading: "یادداشت‌های تحریریه",
        fact_check: "راستی‌آزمایی",
        correction: "اصلاحیه",
        footnote: "پانویس",
        glossary: "واژه‌نامه",
        source: "منبع",
        orphan: "بخشی که این یادداشت به آن اشاره دارد دیگر در مقاله نیست.",
        whole: "دربارهٔ مقاله",
    },
};
const UR: Labels = Labels {
    related: "متعلقہ خبریں",
    read_also: "یہ بھی پڑھیں",
    published: "شائع",
    updated: "تازہ ترین",
    tags: "ٹیگز",
    pull_quote: "اقتباس",
    notes: NoteLabels {
        heading: "ادارتی نوٹس",
        fact_check: "حقائق کی جانچ",
        correction: "تصحیح",
        footnote: "حاشیہ",
        glossary: "فرہنگ",
        source: "ماخذ",
        orphan: "جس حصے کی طرف یہ نوٹ اشارہ کرتا ہے وہ اب مضمون میں نہیں ہے۔",
        whole: "مضمون کے بارے میں",
    },
};
const EN: Labels = Labels {
    related: "Related articles",
    read_also: "Read also",
    published: "Published",
    updated: "Updated",
    tags: "Tags",
    pull_quote: "Pull quote",
    notes: NoteLabels {
        heading: "Editor’s notes",
        fact_check: "Fact check",
        correction: "Correction",
        footnote: "Note",
        glossary: "Glossary",
        source: "Source",
        orphan: "The passage this note refers to is no longer in the article.",
        whole: "On this article",
    },
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

/// `date` as people write it in `lang`.
pub fn display_date(date: Date, lang: &str) -> String {
    let index = (date.month.clamp(1, 12) - 1) as usize;
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
        _ => return date.iso(),
    };
    format!("{} {name} {}", date.day, date.year)
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_has_a_name() {
        for m in 1..=12 {
            let d = display_date(Date::new(2017, m, 1).unwrap(), "ar");
            assert!(d.starts_with("1 ") && d.ends_with(" 2017") && d.len() > 8, "{d}");
        }
        assert_eq!(
            display_date(Date::new(2017, 12, 31).unwrap(), "ar-LB"),
            "31 كانون الأول 2017"
        );
    }

    #[test]
    fn labels_by_language() {
        assert_eq!(labels("ar-EG").related, "أخبار متعلقة");
        assert_eq!(labels("he").related, "כתבות קשורות");
        assert_eq!(labels("de").related, "Related articles");
    }
}
