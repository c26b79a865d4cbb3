//! Dates in Arabic news text: numeric (`2017/5/15`, `١٥-٥-٢٠١٧`), Arabic month
//! names of every regional series, Hijri dates, weekdays, relative phrases
//! (أمس الأحد، الشهر الماضي، العام المقبل) and years in context (في 2015،
//! 1436هـ), each turned into an ISO 8601 value; the spans follow
//! tests/eval/README.md ("Dates").
//!
//! Relative and year-less dates are resolved against the article's
//! publication date when it is known; otherwise they are still annotated,
//! with `iso: None` and `resolved: false`, so a reader can be shown the phrase
//! is a date even when the day cannot be named.
//!
//! # Rules (what is and is not a date)
//!
//! - **Numeric** dates need three parts joined by the same separator
//!   (`/ - .`). A four-digit first part is `y/m/d`; a four-digit last part is
//!   `d/m/y` — Arabic news write the day first, never `m/d/y`, so
//!   `5/6/2017` is 5 June. Impossible dates (`2017/13/45`, 31 April) are not
//!   annotated. A `هـ` after the date, or a year in 1300–1500 without it
//!   (lower confidence), makes it Hijri.
//! - **Month names** come from `data/months.json` (CLDR: Egyptian/Gulf
//!   يناير…، Levantine/Iraqi كانون الثاني…، Moroccan يوليوز…، Algerian/Tunisian
//!   جانفي…، Mauritanian، and the Hijri محرم…ذو الحجة) and are matched
//!   after the crate's folding ([`crate::text::normalize`]: hamza forms, ta
//!   marbuta, alef maksura, Persian letters, diacritics, tatweel) and
//!   proclitics (و، ف، ب، ل، ك: `بمايو`، `وفي 3 آذار`). Many month names
//!   are also ordinary words (مارس "exerted", صفر "zero", رجب and رمضان are
//!   names), so a month name alone is a date only with a day (`15 مايو`,
//!   `الـ25 من مايو`), a year (`مايو 2017`), the word `شهر` before it, a
//!   qualifier after it (`أيار الماضي`), or — a Gregorian month — a word of
//!   time before it (`في غشت`، `حتى نهاية يونيو`: the words before a bare
//!   year, `lexicon::YEAR_BEFORE`; the nearest such month). `أيار/مايو` and
//!   `أيار (مايو)` are one date.
//! - **Year-less** dates resolve to the year that makes them nearest to the
//!   publication date; with `الماضي` to the latest one strictly before it, with
//!   `المقبل`/`القادم` to the earliest one strictly after it.
//! - **Weekdays**: `الخميس الماضي` is the latest Thursday strictly before
//!   publication, `الأحد المقبل` the next Sunday strictly after it, and a bare
//!   `الجمعة`/`يوم الجمعة` the latest Friday on or before it (news report the
//!   past) — unless its clause is in the future (a verb with the prefix س,
//!   سوف, من المقرر, المقبلة: `سيعود … يوم الأحد`، `ستبقى … حتى الجمعة`;
//!   an imperfect verb of its own clause: `يستضيف … الخميس`; a decision
//!   about an act: `قررت الحكومة تعطيل المدارس يوم الخميس`; قبل + the verbal
//!   noun of an event: `قبل مواجهة النصر يوم الجمعة`), then the next one;
//!   لم/كان before the imperfect, an إن/أن between and `منذ` keep it past.
//!   `يوم` before a day and month joins the date (`يوم 6 فيفري المقبل`). `صلاة الجمعة`, `خطبة الجمعة` and `ليلة الجمعة` are not dates.
//! - **Relative** phrases: `أمس`، `أول أمس`، `اليوم`، `غدا`، `بعد غد`،
//!   `الشهر/العام/الأسبوع الماضي/الجاري/المقبل`، `هذا الشهر`، `الـ25 من الشهر
//!   الجاري`. A weekday written after `أمس`/`غداً`/`غد`/`اليوم` is part of
//!   the date (`أمس الأحد`). A boundary word stays outside the period it
//!   qualifies, and the date is the period: `مطلع العام المقبل` gives
//!   `العام المقبل` (`2018`), `نهاية الشهر الجاري` gives `الشهر الجاري`.
//!   Weeks are ISO weeks (`2017-W21`). `اليوم` before an adjective
//!   (`اليوم التالي`، `اليوم الوطني`، `اليوم الأول`) is not today.
//! - **Years**: `عام 2017`، `العام 2017`، `سنة 2017` are the date `2017`, and
//!   so is a year with an era mark (`2012م`). A bare year is a date after a
//!   preposition or period word (`في 2015`، `منذ ٢٠١١`، `بحلول 2027`، `قبل
//!   نهاية 2030`، `شتاء 2013`, the word left out of the span) when
//!   punctuation, the end or a function word follows and the year lies
//!   from 100 years before publication to 30 after: `في 2000 منزل` and
//!   `منذ 1000 عام` are counts, `في 2017 قال` stays unannotated; the second
//!   year of a range (`بين 2014 و2016`) follows the first. A Hijri year
//!   (`عام 1436هـ`، `1436هـ`) has the Gregorian year of its 1 Muharram as
//!   its value and the year in `hijri`.
//! - A Hijri month with neither day nor year (`شهر رمضان`، `رمضان المقبل`)
//!   is a season, not a date; a day and month after a place noun (`ملعب 5
//!   جويلية`، `شارع 26 يوليو`) are a name.
//! - A Hijri month with a year but no day (`شعبان 1438`) spans two Gregorian
//!   months, so it has no single ISO value: `iso: None`, `resolved: false`,
//!   and the Hijri original in `hijri` (`1438-08`).
//!
//! The recognizer is split by the shape of what it reads: [`numeric`]
//! (`2017/5/15`), [`named`] (month and weekday names, with their days and
//! years), [`relative`] (أمس، الشهر الماضي، عام 2017); month and weekday
//! names come from [`names`]. Calendar arithmetic and the Hijri calendar
//! are [`crate::date`]'s.

mod named;
mod names;
mod numeric;
mod relative;
pub(crate) use relative::HEADS as RELATIVE_HEADS;

use super::tokens::{tag, tokens, Tok, TokKind};
use super::{AnnotationKind, Found};
use crate::date::{self, Date};
use crate::lexicon;
use crate::text::normalize::fold;

/// A resolved date at the precision the text gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum When {
    Day(i32, u32, u32),
    Month(i32, u32),
    Year(i32),
    /// ISO week-numbering year and week.
    Week(i32, u32),
}

impl When {
    pub(super) fn from_days(days: i64) -> When {
        let (y, m, d) = date::civil_from_days(days);
        When::Day(y, m, d)
    }

    pub(super) fn from_month_index(index: i64) -> When {
        When::Month(index.div_euclid(12) as i32, (index.rem_euclid(12) + 1) as u32)
    }

    pub(super) fn week_of(days: i64) -> When {
        // The ISO week belongs to the year of its Thursday.
        let iso_weekday = (date::weekday(days) + 6) % 7 + 1;
        let thursday = days - iso_weekday + 4;
        let (year, _, _) = date::civil_from_days(thursday);
        let week = (thursday - date::days_from_civil(year, 1, 1)) / 7 + 1;
        When::Week(year, week as u32)
    }

    /// `2017-05-15`, `2017-05`, `2017`, `2017-W22`; none outside years
    /// 1–9999. Written digit by digit: `format!` cost about a thousand
    /// instructions a date (1 % of the full pass).
    fn iso(self) -> Option<String> {
        let (When::Day(y, ..) | When::Month(y, _) | When::Year(y) | When::Week(y, _)) = self;
        let year = u32::try_from(y).ok().filter(|y| (1..=9999).contains(y))?;
        let mut out = String::with_capacity(10);
        push_digits(&mut out, year, 4);
        // Months, days and weeks are 1–53: two digits each.
        let parts = match self {
            When::Day(_, m, d) => [("-", m), ("-", d)],
            When::Month(_, m) => [("-", m), ("", 0)],
            When::Week(_, w) => [("-W", w), ("", 0)],
            When::Year(_) => [("", 0); 2],
        };
        for (sep, n) in parts {
            if !sep.is_empty() {
                out.push_str(sep);
                push_digits(&mut out, n, 2);
            }
        }
        Some(out)
    }
}

/// `n`'s last `places` decimal digits, zeros in front.
fn push_digits(out: &mut String, n: u32, places: u32) {
    for place in (0..places).rev() {
        out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
    }
}

/// How a qualifier word places a year-less date relative to publication.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Placement {
    /// No qualifier: the nearest.
    Nearest,
    /// الماضي: the latest strictly before.
    Past,
    /// الجاري/الحالي: in the current year (month/year units: offset 0).
    Current,
    /// المقبل/القادم: the earliest strictly after.
    Next,
}

/// Whether `tok` is الماضي، المقبل، الجاري … (a speaker phrase ends before
/// a time it qualifies).
pub(crate) fn is_placement(tok: &Tok<'_>) -> bool {
    placement(Some(tok)).is_some()
}

pub(super) fn placement(tok: Option<&Tok<'_>>) -> Option<Placement> {
    let tok = tok?;
    if tok.is_word(lexicon::DATE_PAST) {
        Some(Placement::Past)
    } else if tok.is_word(lexicon::DATE_CURRENT) {
        Some(Placement::Current)
    } else if tok.is_word(lexicon::DATE_NEXT) {
        Some(Placement::Next)
    } else {
        None
    }
}

impl Placement {
    pub(super) fn offset(self) -> i64 {
        match self {
            Placement::Past => -1,
            Placement::Nearest | Placement::Current => 0,
            Placement::Next => 1,
        }
    }

    /// Picks among `(year, ordinal)` candidates the one this placement
    /// means, given the publication's year and ordinal on the same scale.
    pub(super) fn pick(self, candidates: &[(i32, i64)], now_year: i32, now: i64) -> Option<i64> {
        let mut best: Option<i64> = None;
        for &(year, value) in candidates {
            let better = match self {
                Placement::Past => value < now && best.is_none_or(|b| value > b),
                Placement::Next => value > now && best.is_none_or(|b| value < b),
                Placement::Current => year == now_year,
                Placement::Nearest => best.is_none_or(|b| (value - now).abs() < (b - now).abs()),
            };
            if better {
                best = Some(value);
            }
        }
        best
    }
}

/// One recognised date, before it becomes a [`Found`].
pub(super) struct Match {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Index of the first token after the date.
    pub(super) next: usize,
    pub(super) when: Option<When>,
    pub(super) hijri: bool,
    /// The Hijri date as written, ISO-like (`1438-08-19`, `1438-08`).
    pub(super) hijri_written: Option<String>,
    pub(super) confidence: f32,
}

impl Match {
    fn found(self) -> Found {
        let iso = self.when.and_then(When::iso);
        Found {
            start: self.start,
            end: self.end,
            kind: AnnotationKind::Date {
                resolved: iso.is_some(),
                iso,
                calendar: if self.hijri { "hijri" } else { "gregorian" },
                hijri: self.hijri_written,
            },
            confidence: self.confidence,
        }
    }
}

/// The publication date, as days since 1970-01-01, when valid.
#[derive(Clone, Copy)]
pub(super) struct Published {
    pub(super) year: i32,
    pub(super) month: u32,
    pub(super) days: i64,
}

/// Finds the dates in `text`; `published` is the article's publication date
/// `(year, month, day)`, against which relative and year-less dates are
/// resolved. See the [module docs](self) for the rules.
///
/// ```
/// use rtl_article::annotate::{dates, AnnotationKind};
/// use rtl_article::date::Date;
///
/// let text = "تعهدت يوم الخميس الماضي، وأصدرت بيانا بتاريخ 2017/5/15";
/// let found = dates::find(text, Date::new(2017, 5, 31));
/// let isos: Vec<_> = found
///     .iter()
///     .map(|f| match &f.kind {
///         AnnotationKind::Date { iso, .. } => iso.clone(),
///         _ => None,
///     })
///     .collect();
/// assert_eq!(isos, [Some("2017-05-25".into()), Some("2017-05-15".into())]);
/// assert_eq!(&text[found[0].start..found[0].end], "يوم الخميس الماضي");
/// ```
pub fn find(text: &str, published: Option<Date>) -> Vec<Found> {
    let folded = fold(text);
    find_in(&tokens(text, &folded), published)
}

/// [`find`] over a text already cut into tokens (the Annotator cuts each
/// text once for every recognizer).
pub(crate) fn find_in(toks: &[Tok<'_>], published: Option<Date>) -> Vec<Found> {
    let published = published.map(|d| Published {
        year: d.year,
        month: d.month,
        days: d.days(),
    });
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        // Every date starts at digits or at a lexicon word (a month or
        // weekday name, يوم، أمس، عام، الـ…): the rules would reject any
        // other token with their first test, so it is skipped without
        // asking them (`Tok::in_lexicon`).
        if tok.kind != TokKind::Digits && !tok.in_lexicon() {
            i += 1;
            continue;
        }
        // A weekday or month-name date starts at digits or at a word of
        // [`named_heads`] (tagged [`tag::NAMED`]): most lexicon words are
        // none, and those rules are not asked of them.
        let named = tok.kind == TokKind::Digits || tok.has_tag(tag::NAMED);
        let found = numeric::numeric_date(toks, i)
            .or_else(|| named.then(|| named::weekday_date(toks, i, published)).flatten())
            .or_else(|| named.then(|| named::month_name_date(toks, i, published)).flatten())
            .or_else(|| relative::relative_date(toks, i, published));
        match found {
            Some(m) if m.next > i => {
                i = m.next;
                out.push(m.found());
            }
            _ => i += 1,
        }
    }
    out
}

/// The words a weekday or month-name date can start at, besides digits:
/// the first word of every month name, the weekdays, شهر and يوم (with
/// proclitics: their readings carry the tag), and the الـ of الـ25 — what
/// [`named::weekday_date`] and [`named::month_name_date`] test their first
/// token for (a test runs them over every other lexicon word).
pub(crate) fn named_heads() -> Vec<&'static str> {
    let names = names::names();
    let mut heads = vec!["شهر", "يوم", "ال"];
    for (head, _) in &names.by_head {
        heads.push(head.as_str());
    }
    for (weekday, _) in &names.weekdays {
        heads.push(weekday.as_str());
    }
    heads
}

/// Every word of a month or weekday name, for the tokens' lexicon
/// (`annotate::tokens`).
pub(crate) fn lexicon_words() -> impl Iterator<Item = &'static str> {
    let names = names::names();
    let months = names.months.iter().flat_map(|m| m.words.iter().map(String::as_str));
    months.chain(names.weekdays.iter().map(|(w, _)| w.as_str()))
}

pub(super) fn adjacent(a: &Tok<'_>, b: &Tok<'_>) -> bool {
    a.end == b.start
}

/// A Hijri era marker (هـ، ه، هجري، هجرية، للهجرة) or Gregorian one (م،
/// ميلادي) at token `j`: `(is_hijri, token after)`.
pub(super) fn era_marker(toks: &[Tok<'_>], j: usize) -> Option<(bool, usize)> {
    let tok = toks.get(j)?;
    if tok.is_word(lexicon::ERA_HIJRI) {
        Some((true, j + 1))
    } else if tok.is_word(lexicon::ERA_GREGORIAN) {
        Some((false, j + 1))
    } else {
        None
    }
}

/// For the tests of a gate on a rule's first word: the publication date
/// they resolve against.
#[cfg(test)]
fn gate_test_published() -> Option<Published> {
    Some(Published {
        year: 2017,
        month: 5,
        days: date::days_from_civil(2017, 5, 15),
    })
}

/// For the tests of a gate on a rule's first word: every lexicon word,
/// bare and after each of a few proclitics, before each of `afters`, cut
/// into tokens and given to `check`, which says whether it tested them
/// (no, for a first word the gate lets through); how many it tested.
#[cfg(test)]
fn each_lexicon_start(afters: &[&str], check: &mut dyn FnMut(&str, &[Tok<'_>]) -> bool) -> usize {
    let mut tested = 0;
    for word in lexicon::token_words().chain(lexicon_words()) {
        for prefix in ["", "و", "ب", "ل", "ف", "وب", "ال"] {
            for after in afters {
                let text = format!("{prefix}{word}{after}");
                let folded = fold(&text);
                if check(&text, &tokens(&text, &folded)) {
                    tested += 1;
                }
            }
        }
    }
    tested
}

#[cfg(test)]
mod tests {
    use super::names::names;
    use super::*;
    use crate::annotate::tokens::clitic_splits;

    #[test]
    fn months_file_parses_with_every_series() {
        let names = names();
        // 5 CLDR Gregorian series + supplement + Hijri, deduplicated.
        assert!(names.months.len() > 40, "{}", names.months.len());
        assert_eq!(names.weekdays.len(), 7);
        for m in 1..=12 {
            assert!(names.months.iter().any(|n| n.month == m && n.hijri));
        }
    }

    #[test]
    fn iso_weeks_belong_to_their_thursday() {
        assert_eq!(When::week_of(date::days_from_civil(2021, 1, 3)), When::Week(2020, 53));
        assert_eq!(When::week_of(date::days_from_civil(2017, 5, 31)), When::Week(2017, 22));
    }

    #[test]
    fn clitics_read_assimilated_article() {
        let splits = clitic_splits("للشهر");
        assert!(splits.iter().any(|s| s.prefix == "ل".len() && s.is("الشهر")));
        assert!(clitic_splits("وبمايو")
            .iter()
            .any(|s| s.prefix == "وب".len() && s.is("مايو")));
    }

    /// Each `(text, covered, iso)`: one date in `text`, over `covered`,
    /// with value `iso`.
    fn one_date_each(published: Option<Date>, cases: &[(&str, &str, &str)]) {
        for &(text, covered, want) in cases {
            let found = find(text, published);
            let [date] = found.as_slice() else {
                panic!("{text}: {found:?}");
            };
            assert_eq!(&text[date.start..date.end], covered);
            assert!(
                matches!(&date.kind, AnnotationKind::Date { iso: Some(iso), .. } if iso == want),
                "{text}: {:?}",
                date.kind
            );
        }
    }

    #[test]
    fn month_names_match_through_the_crate_folding() {
        // Persian-keyboard letters (ک، ی) and Arabic presentation forms, as
        // pasted from old PDFs, are the same month.
        let published = Date::new(2017, 5, 31);
        one_date_each(
            published,
            &[
                ("في 3 کانون الثانی 2017", "3 کانون الثانی 2017", "2017-01-03"),
                ("في 15 ﺃﻳﺎﺭ 2017", "15 ﺃﻳﺎﺭ 2017", "2017-05-15"),
                ("وَفِي 15 أَيّار 2017", "15 أَيّار 2017", "2017-05-15"),
            ],
        );
    }

    #[test]
    fn a_weekday_alone_follows_the_tense_of_its_clause() {
        // Published on Tuesday 12 November 2024.
        let published = Date::new(2024, 11, 12);
        one_date_each(
            published,
            &[
                ("وقال إن الطريق سيعود إلى العمل يوم الأحد.", "يوم الأحد", "2024-11-17"),
                ("وستبقى الشوارع مغلقة حتى الجمعة.", "الجمعة", "2024-11-15"),
                ("وسوف يزور الوزير الموقع الخميس.", "الخميس", "2024-11-14"),
                (
                    "ويلتقي الفريق في مباراته المقبلة نظيره يوم السبت.",
                    "يوم السبت",
                    "2024-11-16",
                ),
                // Past tense, and nouns shaped like a future verb: the last one.
                ("وافتتح الوزير المعرض يوم الأحد.", "يوم الأحد", "2024-11-10"),
                (
                    "وأقيمت المباراة على ستاد المدينة يوم الجمعة.",
                    "يوم الجمعة",
                    "2024-11-08",
                ),
                ("ووصلت السيارة يوم الأحد.", "يوم الأحد", "2024-11-10"),
                // The verb far back in its clause, a forecast; a comma ends it.
                (
                    "سيفتتح الوزير المعرض الدولي للكتاب في قاعة المدينة الكبرى يوم الأحد.",
                    "يوم الأحد",
                    "2024-11-17",
                ),
                (
                    "يتوقع المزارعون وصول الأمطار الغزيرة إلى السهول الجمعة.",
                    "الجمعة",
                    "2024-11-15",
                ),
                ("وقال إنه سيعود، ووصل يوم الأحد.", "يوم الأحد", "2024-11-10"),
                // An imperfect verb is a scheduled event; لم، كان and an
                // إن/أن between make it past.
                ("ويستضيف النادي نظيره الكويتي على ملعبه الخميس.", "الخميس", "2024-11-14"),
                ("وتنطلق البطولة في العاصمة يوم السبت.", "يوم السبت", "2024-11-16"),
                ("ولم يحضر الوزير الاجتماع الخميس.", "الخميس", "2024-11-07"),
                ("وكان الفريق يتدرب في الملعب يوم السبت.", "يوم السبت", "2024-11-09"),
                ("يذكر أن الفريق فاز على ضيفه الجمعة.", "الجمعة", "2024-11-08"),
                ("ويعاني الحي من انقطاع الكهرباء منذ الأحد.", "الأحد", "2024-11-10"),
                // A decision about an act is for a day to come, the day it
                // was taken is not.
                (
                    "وقررت الحكومة تعطيل الدوائر الرسمية والمدارس يوم الخميس.",
                    "يوم الخميس",
                    "2024-11-14",
                ),
                ("ودعت النقابة إلى الإضراب العام الأحد.", "الأحد", "2024-11-17"),
                ("وقررت المحكمة الأربعاء الإفراج عنه.", "الأربعاء", "2024-11-06"),
                // قبل an event still ahead; قبل a time of day is no event.
                (
                    "وتدرب اللاعبون في الملعب قبل مواجهة النصر يوم الجمعة.",
                    "يوم الجمعة",
                    "2024-11-15",
                ),
                ("ووقعت الحادثة قبل منتصف ليل الخميس.", "الخميس", "2024-11-07"),
                // يوم before a day and month is part of the date.
                (
                    "وقال إن الأشغال ستنطلق يوم 6 فيفري المقبل.",
                    "يوم 6 فيفري المقبل",
                    "2025-02-06",
                ),
            ],
        );
    }

    /// [`find_in`] asks the weekday and month-name rules only of digits
    /// and [`named_heads`] words: no other word of the lexicon, with or
    /// without proclitics and before what makes such a date, starts one.
    #[test]
    fn only_named_heads_start_a_named_date() {
        let published = gate_test_published();
        let afters = [
            "",
            "25",
            " 25",
            " 25 مايو",
            " من مايو",
            " مايو 2017",
            " الاحد",
            " رمضان",
            " الماضي",
            " 2015",
        ];
        let untagged = each_lexicon_start(&afters, &mut |text, toks| {
            if toks[0].kind != TokKind::Word || toks[0].has_tag(tag::NAMED) {
                return false;
            }
            assert!(
                named::weekday_date(toks, 0, published).is_none()
                    && named::month_name_date(toks, 0, published).is_none(),
                "{text:?} starts a named date but its first word is not tagged (named_heads)"
            );
            true
        });
        assert!(untagged > 1000, "{untagged} untagged texts");
    }
}
