//! Dates written with month and weekday names: `15 مايو 2017`،
//! `الـ25 من أيار/مايو`، `19 شعبان 1438 هـ`، `الخميس الماضي`.

use super::names::{month_at, weekday_at};
use super::numeric::numeric_date;
use super::{adjacent, era_marker, placement, Match, Placement, Published, When};
use crate::annotate::tokens::{Tok, TokKind};
use crate::date;
use crate::lexicon;

/// A day number at `j`: `25`, `الـ25`, `ال25`; `(day, start byte, next)`.
pub(super) fn day_at(toks: &[Tok<'_>], j: usize) -> Option<(u32, usize, usize)> {
    let tok = toks.get(j)?;
    let (digits, next) = if tok.is_word(&["ال"]) {
        let digits = toks.get(j + 1).filter(|d| adjacent(tok, d))?;
        (digits, j + 2)
    } else {
        (tok, j + 1)
    };
    if digits.kind != TokKind::Digits || digits.folded.len() > 2 {
        return None;
    }
    // Not the first part of 12:30 or 5/15.
    let glued = toks
        .get(next)
        .is_some_and(|t| adjacent(digits, t) && t.kind == TokKind::Punct && !t.is_punct('،') && !t.is_punct(','));
    let day = digits.value()?;
    ((1..=31).contains(&day) && !glued).then_some((day, tok.start, next))
}

/// A four-digit year at `j`, optionally after من / عام / العام / سنة, and an
/// optional era marker: `(year, era is hijri?, next)`.
pub(super) fn year_at(toks: &[Tok<'_>], mut j: usize) -> Option<(i32, Option<bool>, usize)> {
    if toks.get(j).is_some_and(|t| t.is_word(&["من"])) {
        j += 1;
    }
    if toks.get(j).is_some_and(|t| t.is_word(lexicon::YEAR_WORDS)) {
        j += 1;
    }
    let tok = toks
        .get(j)
        .filter(|t| t.kind == TokKind::Digits && t.folded.len() == 4)?;
    // Not the start of 2017/5/15 or 2017-2018.
    if toks.get(j + 1).is_some_and(|t| {
        adjacent(tok, t) && t.kind == TokKind::Punct && toks.get(j + 2).is_some_and(|d| d.kind == TokKind::Digits)
    }) {
        return None;
    }
    let year = tok.value()? as i32;
    match era_marker(toks, j + 1) {
        Some((hijri, next)) => Some((year, Some(hijri), next)),
        None => Some((year, None, j + 1)),
    }
}

/// A relative year after a month: `من العام الجاري`، `من هذا العام`,
/// `من العام الماضي`: `(year offset, next)`.
fn relative_year_at(toks: &[Tok<'_>], j: usize) -> Option<(i64, usize)> {
    if !toks.get(j)?.is_word(&["من"]) {
        return None;
    }
    let tok = toks.get(j + 1)?;
    if tok.is_word(lexicon::THIS) && toks.get(j + 2)?.is_word(&["العام", "السنه"]) {
        return Some((0, j + 3));
    }
    if tok.is_word(&["العام", "السنه"]) {
        let offset = placement(toks.get(j + 2))?.offset();
        return Some((offset, j + 3));
    }
    None
}

/// `15 مايو 2017`، `الـ25 من أيار/مايو`، `مايو 2017`، `في أيار الماضي`،
/// `19 شعبان 1438 هـ`، `شهر رمضان`.
pub(super) fn month_name_date(toks: &[Tok<'_>], i: usize, published: Option<Published>) -> Option<Match> {
    let mut j = i;
    let mut start = None;
    let day = day_at(toks, j).map(|(day, s, next)| {
        start = Some(s);
        j = next;
        if toks.get(j).is_some_and(|t| t.is_word(&["من"])) {
            j += 1;
        }
        day
    });
    let mut month_word = false;
    if let Some(s) = toks.get(j).and_then(|t| t.word_with_clitics(&["شهر"])) {
        start.get_or_insert(s);
        month_word = true;
        j += 1;
    }
    let (after_name, name_start, name) = month_at(toks, j)?;
    let start = start.unwrap_or(name_start);
    j = after_name;
    // أيار/مايو, أيار (مايو): the same month in a second series.
    let same = |k: usize| month_at(toks, k).filter(|(_, _, n)| n.month == name.month && n.hijri == name.hijri);
    if toks.get(j).is_some_and(|t| t.is_punct('/')) {
        if let Some((after, _, _)) = same(j + 1) {
            j = after;
        }
    } else if toks.get(j).is_some_and(|t| t.is_punct('(')) {
        if let Some((after, _, _)) =
            same(j + 1).filter(|(after, _, _)| toks.get(*after).is_some_and(|t| t.is_punct(')')))
        {
            j = after + 1;
        }
    }
    let month = name.month;

    let mut year = None;
    let mut marker = None;
    let mut place = Placement::Nearest;
    let mut year_offset = None;
    if let Some((y, era, next)) = year_at(toks, j) {
        let plausible = if name.hijri {
            (1300..=1600).contains(&y)
        } else {
            (1000..=2999).contains(&y)
        };
        if plausible && era != Some(!name.hijri) {
            year = Some(y);
            marker = era;
            j = next;
        }
    }
    if year.is_none() {
        if let Some(p) = placement(toks.get(j)) {
            place = p;
            j += 1;
        } else if let Some((offset, next)) = relative_year_at(toks, j) {
            year_offset = Some(offset);
            j = next;
        }
    }
    let qualified = place != Placement::Nearest || year_offset.is_some();
    // A Gregorian month alone after a word of time (في غشت، منذ أيار،
    // حتى نهاية يونيو) is that month, the nearest one.
    let timed = day.is_none()
        && !month_word
        && i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|t| {
            let w = t.folded;
            lexicon::has(lexicon::YEAR_BEFORE, w)
                || lexicon::has(lexicon::YEAR_BEFORE, w.strip_prefix('و').unwrap_or(w))
        });
    // A Hijri month with neither day nor year (شهر رمضان، رمضان المقبل)
    // names the month as a season, not a date.
    if day.is_none() && year.is_none() && (name.hijri || !qualified && !month_word && !timed) {
        return None;
    }
    // ملعب 5 جويلية، شارع 26 يوليو: a name, not a date.
    let named_place = i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|t| {
        let w = t.folded;
        lexicon::has(lexicon::NOT_DATE_BEFORE, w.strip_prefix(['ب', 'و']).unwrap_or(w))
    });
    if year.is_none() && named_place {
        return None;
    }
    let end = toks.get(j.checked_sub(1)?)?.end;
    let confidence = if year.is_some() || marker.is_some() { 1.0 } else { 0.9 };

    let (when, hijri_written) = if name.hijri {
        resolve_hijri(day, month, year, place, year_offset, published)
    } else {
        (resolve_gregorian(day, month, year, place, year_offset, published), None)
    };
    if year.is_some() && day.is_some() && when.is_none() {
        return None; // 31 April 2017, 30 Shaban 1438: not a date.
    }
    Some(Match {
        start,
        end,
        next: j,
        when,
        hijri: name.hijri,
        hijri_written,
        confidence,
    })
}

fn resolve_gregorian(
    day: Option<u32>,
    month: u32,
    year: Option<i32>,
    place: Placement,
    year_offset: Option<i64>,
    published: Option<Published>,
) -> Option<When> {
    let year = match (year, year_offset, published) {
        (Some(y), _, _) => Some(y),
        (None, Some(offset), Some(p)) => Some(p.year + offset as i32),
        _ => None,
    };
    match (day, year) {
        (Some(d), Some(y)) => date::is_valid(y, month, d).then_some(When::Day(y, month, d)),
        (None, Some(y)) => Some(When::Month(y, month)),
        (Some(d), None) => {
            let p = published?;
            let candidates: Vec<(i32, i64)> = (p.year - 1..=p.year + 1)
                .filter(|&y| date::is_valid(y, month, d))
                .map(|y| (y, date::days_from_civil(y, month, d)))
                .collect();
            place.pick(&candidates, p.year, p.days).map(When::from_days)
        }
        (None, None) => {
            let p = published?;
            let now = i64::from(p.year) * 12 + i64::from(p.month) - 1;
            let candidates: Vec<(i32, i64)> = (p.year - 1..=p.year + 1)
                .map(|y| (y, i64::from(y) * 12 + i64::from(month) - 1))
                .collect();
            place.pick(&candidates, p.year, now).map(When::from_month_index)
        }
    }
}

fn resolve_hijri(
    day: Option<u32>,
    month: u32,
    year: Option<i32>,
    place: Placement,
    year_offset: Option<i64>,
    published: Option<Published>,
) -> (Option<When>, Option<String>) {
    let today_hijri = published.and_then(|p| {
        let (y, m, d) = date::civil_from_days(p.days);
        date::hijri::from_gregorian(y, m, d)
    });
    let year = match (year, year_offset, today_hijri) {
        (Some(y), _, _) => Some(y),
        (None, Some(offset), Some((hy, _, _))) => Some(hy + offset as i32),
        _ => None,
    };
    match (day, year) {
        (Some(d), Some(y)) => (
            date::hijri::to_gregorian(y, month, d).map(|(gy, gm, gd)| When::Day(gy, gm, gd)),
            Some(format!("{y:04}-{month:02}-{d:02}")),
        ),
        (None, Some(y)) => (None, Some(format!("{y:04}-{month:02}"))),
        (Some(d), None) => {
            let (Some(p), Some((hy, _, _))) = (published, today_hijri) else {
                return (None, None);
            };
            let candidates: Vec<(i32, i64)> = (hy - 1..=hy + 1)
                .filter_map(|y| {
                    let (gy, gm, gd) = date::hijri::to_gregorian(y, month, d)?;
                    Some((y, date::days_from_civil(gy, gm, gd)))
                })
                .collect();
            let current = if place == Placement::Current { hy } else { p.year };
            let days = place.pick(&candidates, current, p.days);
            let written = days.and_then(|days| {
                candidates
                    .iter()
                    .find(|c| c.1 == days)
                    .map(|c| format!("{:04}-{month:02}-{d:02}", c.0))
            });
            (days.map(When::from_days), written)
        }
        (None, None) => {
            let Some((hy, hm, _)) = today_hijri else {
                return (None, None);
            };
            let now = i64::from(hy) * 12 + i64::from(hm) - 1;
            let candidates: Vec<(i32, i64)> = (hy - 1..=hy + 1)
                .map(|y| (y, i64::from(y) * 12 + i64::from(month) - 1))
                .collect();
            let written = place
                .pick(&candidates, hy, now)
                .map(|index| format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1));
            (None, written)
        }
    }
}

/// Whether the clause before token `i` is in the future tense, read back
/// from the day over its clause: up to twelve words with no punctuation
/// between (a verb's objects and places come between it and the day:
/// سيفتتح الوزير المعرض الدولي للكتاب في مدينة الرياض يوم الأحد). A weekday
/// alone there is the next such day, not the last. What makes a clause
/// future:
/// - a verb with the future prefix س (سيعود، ستبقى، سنعلن) or سوف, or a
///   marker of what is planned or expected (من المقرر، المرتقب، مباراته
///   المقبلة، توقعت);
/// - an imperfect verb of the clause itself, which in news is a scheduled
///   event (يستضيف الفريق نظيره الخميس، تنطلق البطولة السبت), unless لم or
///   كان make it past (لم يحضر الاجتماع الخميس، كان يستعد) or an إن/أن
///   lies between (يذكر أن الفريق فاز الجمعة: the day is the complement's);
/// - قبل + the verbal noun of an event (قبل مواجهة النصر يوم الجمعة);
/// - a decision or a call whose object is an act (قررت الحكومة تعطيل
///   المدارس يوم الخميس، دعت النقابة إلى الإضراب الأحد), not the day the
///   decision was taken (قررت المحكمة الثلاثاء …: nothing between).
///
/// `منذ` right before the day makes it past whatever the tense (يعاني منذ
/// الأحد).
fn future_before(toks: &[Tok<'_>], i: usize) -> bool {
    fn word<'a>(t: &Tok<'a>) -> Option<&'a str> {
        (t.kind == TokKind::Word).then(|| {
            t.folded
                .strip_prefix(['و', 'ف'])
                .filter(|r| r.chars().count() >= 3)
                .unwrap_or(t.folded)
        })
    }
    if i > 0 && word(&toks[i - 1]) == Some("منذ") {
        return false;
    }
    let from = i.saturating_sub(12);
    let clause_start = toks[from..i]
        .iter()
        .rposition(|t| t.kind != TokKind::Word)
        .map_or(from, |k| from + k + 1);
    let mut subordinate = false; // an إن/أن lies between the word and the day
    let mut act_between = false; // an act or إلى lies between the word and the day
    for k in (clause_start..i).rev() {
        let t = &toks[k];
        let Some(f) = word(t) else { break };
        let is_future_verb = f.strip_prefix('س').is_some_and(|r| {
            r.starts_with(['ي', 'ت', 'ن', 'ا'])
                && r.chars().count() >= 3
                && !t.raw.ends_with('ة')
                && !r.ends_with("ات")
                && !lexicon::one_of(lexicon::FUTURE_NOT, f)
        });
        if lexicon::one_of(lexicon::FUTURE_MARKERS, f) || is_future_verb {
            return true;
        }
        if !subordinate {
            // لم or كان one or two words before the verb make it past.
            let past = || {
                toks[clause_start..k]
                    .iter()
                    .rev()
                    .take(2)
                    .filter_map(word)
                    .any(|w| lexicon::one_of(lexicon::PAST_BEFORE_IMPERFECT, w))
            };
            if imperfect(t, f) && !past() {
                return true;
            }
            if act_between && lexicon::one_of(lexicon::DECISION_VERBS, f) {
                return true;
            }
            // قبل مواجهة النصر يوم الجمعة، قبل انطلاق البطولة السبت: the
            // day of an event still ahead.
            if f == "قبل" && toks.get(k + 1).and_then(word).is_some_and(verbal_noun) {
                return true;
            }
        }
        act_between |= f == "الي" || f.starts_with("موعد") || verbal_noun(f);
        subordinate |= matches!(f, "ان" | "بان" | "لان");
    }
    false
}

/// An imperfect verb by its shape: ي + at least three letters (يستضيف،
/// يلتقي), or ت/ن + the stem of a verb of scheduled events (تنطلق، تقام،
/// نلتقي), since ت also begins verbal nouns (تعطيل، توزيع).
fn imperfect(t: &Tok<'_>, f: &str) -> bool {
    if t.raw.ends_with('ة') || f.ends_with("ات") {
        return false;
    }
    match f.strip_prefix('ي') {
        Some(rest) => rest.chars().count() >= 3 && !lexicon::one_of(lexicon::NOT_IMPERFECT, f),
        None => f
            .strip_prefix(['ت', 'ن'])
            .is_some_and(|rest| lexicon::one_of(lexicon::EVENT_STEMS, rest)),
    }
}

/// A verbal noun of the derived forms, by its shape once the article is
/// gone: تفعيل (تعطيل، تأجيل)، إفعال (إغلاق)، افتعال/انفعال (افتتاح، انطلاق)،
/// استفعال (استئناف) and مفاعلة (مواجهة، مباراة، مشاركة).
fn verbal_noun(f: &str) -> bool {
    let f = ["وال", "بال", "فال", "ال"]
        .iter()
        .find_map(|a| f.strip_prefix(a))
        .filter(|r| r.chars().count() >= 4)
        .unwrap_or(f);
    let c: Vec<char> = f.chars().collect();
    match c.len() {
        5 => (c[0] == 'ت' && c[3] == 'ي') || (c[0] == 'ا' && c[3] == 'ا'),
        6 => (c[0] == 'ا' && c[4] == 'ا') || (c[0] == 'م' && c[2] == 'ا' && c[5] == 'ه'),
        7 => f.starts_with("است") && c[5] == 'ا',
        _ => false,
    }
}

/// `يوم الخميس الماضي`، `الأحد المقبل`، `الجمعة`; a weekday directly before
/// an explicit date (`الخميس 15 مايو 2017`) joins that date.
pub(super) fn weekday_date(toks: &[Tok<'_>], i: usize, published: Option<Published>) -> Option<Match> {
    let mut j = i;
    let mut start = None;
    if let Some(s) = toks.get(j).and_then(|t| t.word_with_clitics(&["يوم"])) {
        start = Some(s);
        j += 1;
    }
    let Some((weekday_start, index)) = weekday_at(toks.get(j)?) else {
        // يوم 6 فيفري المقبل: يوم before a day and month joins the date.
        let day = start.filter(|_| toks[j].kind == TokKind::Digits)?;
        let date = numeric_date(toks, j).or_else(|| month_name_date(toks, j, published))?;
        return date.when.is_some().then_some(Match { start: day, ..date });
    };
    let start = start.unwrap_or(weekday_start);
    let prayer = i
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .is_some_and(|t| t.word_with_clitics(lexicon::NOT_WEEKDAY_BEFORE).is_some());
    if prayer {
        return None;
    }
    j += 1;
    let mut after = j;
    if toks.get(after).is_some_and(|t| t.is_punct('،') || t.is_punct(',')) {
        after += 1;
    }
    if let Some(date) = numeric_date(toks, after).or_else(|| month_name_date(toks, after, published)) {
        if date.when.is_some() || date.hijri_written.is_some() {
            return Some(Match { start, ..date });
        }
    }
    let place = placement(toks.get(j));
    if place.is_some() {
        j += 1;
    }
    let end = toks.get(j - 1)?.end;
    let when = published.map(|p| {
        let back = (date::weekday(p.days) - index).rem_euclid(7);
        let days = match place {
            Some(Placement::Past) => p.days - if back == 0 { 7 } else { back },
            Some(Placement::Next) => p.days + (index - date::weekday(p.days) - 1).rem_euclid(7) + 1,
            _ if future_before(toks, i) => p.days + (index - date::weekday(p.days) - 1).rem_euclid(7) + 1,
            _ => p.days - back,
        };
        When::from_days(days)
    });
    let confidence = if place.is_some() || start != weekday_start {
        0.9
    } else {
        0.7
    };
    Some(Match {
        start,
        end,
        next: j,
        when,
        hijri: false,
        hijri_written: None,
        confidence,
    })
}
