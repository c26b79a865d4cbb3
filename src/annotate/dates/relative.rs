//! Relative dates: أمس، اليوم، غدا، الشهر الماضي، نهاية العام، الـ25 من الشهر
//! الجاري، and years named as such (عام 2017).

use super::named::{day_at, year_at};
use super::names::weekday_at;
use super::{placement, Match, Published, When};
use crate::annotate::tokens::{Tok, TokKind};
use crate::date;
use crate::lexicon;

/// The unit a relative phrase counts in.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Unit {
    Month,
    Year,
    Week,
}

/// `الشهر الماضي`، `هذا العام`، `السنة المقبلة`: `(unit, offset, start, next)`.
pub(super) fn period_at(toks: &[Tok<'_>], j: usize) -> Option<(Unit, i64, usize, usize)> {
    let unit_of = |t: &Tok<'_>| match t.folded {
        "الشهر" => Some(Unit::Month),
        "العام" | "السنه" => Some(Unit::Year),
        "الاسبوع" => Some(Unit::Week),
        _ => None,
    };
    let first = toks.get(j)?;
    if let Some(start) = first.word_with_clitics(lexicon::THIS) {
        let unit = toks.get(j + 1).and_then(unit_of)?;
        return Some((unit, 0, start, j + 2));
    }
    let (start, unit) = first.splits().find_map(|split| {
        let unit = if split.is("الشهر") {
            Unit::Month
        } else if split.is("العام") || split.is("السنه") {
            Unit::Year
        } else if split.is("الاسبوع") {
            Unit::Week
        } else {
            return None;
        };
        Some((first.start_after(split.prefix), unit))
    })?;
    let offset = placement(toks.get(j + 1))?.offset();
    Some((unit, offset, start, j + 2))
}

fn shift_month(p: Published, offset: i64) -> (i32, u32) {
    match When::from_month_index(i64::from(p.year) * 12 + i64::from(p.month) - 1 + offset) {
        When::Month(y, m) => (y, m),
        _ => (p.year, p.month),
    }
}

/// أمس، أول أمس، اليوم، غدا، بعد غد، الشهر الماضي، نهاية العام الماضي، الـ25
/// من الشهر الجاري، عام 2017.
pub(super) fn relative_date(toks: &[Tok<'_>], i: usize, published: Option<Published>) -> Option<Match> {
    let tok = toks.get(i)?;
    let make = |start: usize, next: usize, when: Option<When>, confidence: f32| {
        let end = toks.get(next - 1).map_or(start, |t| t.end);
        Some(Match {
            start,
            end,
            next,
            when,
            hijri: false,
            hijri_written: None,
            confidence,
        })
    };
    let day_offset = |offset: i64| published.map(|p| When::from_days(p.days + offset));

    // الـ25 من الشهر الجاري.
    if let Some((day, start, after_day)) = day_at(toks, i) {
        if toks.get(after_day).is_some_and(|t| t.is_word(&["من"])) {
            if let Some((Unit::Month, offset, _, next)) = period_at(toks, after_day + 1) {
                let when = published.and_then(|p| {
                    let (y, m) = shift_month(p, offset);
                    date::is_valid(y, m, day).then_some(When::Day(y, m, day))
                });
                return make(start, next, when, 0.9);
            }
        }
    }

    // أول أمس، أول من أمس (before أول as a boundary word).
    if let Some(start) = tok.word_with_clitics(&["اول"]) {
        let k = if toks.get(i + 1).is_some_and(|t| t.is_word(&["من"])) {
            i + 2
        } else {
            i + 1
        };
        if toks.get(k).is_some_and(|t| t.is_word(&["امس"])) {
            return make(start, k + 1, day_offset(-2), 0.9);
        }
    }
    if let Some(start) = tok.word_with_clitics(&["امس", "الامس"]) {
        return make(start, i + 1, day_offset(-1), 0.9);
    }
    if let Some(start) = tok.word_with_clitics(&["غدا"]) {
        return make(start, i + 1, day_offset(1), 0.9);
    }
    if let Some(start) = tok.word_with_clitics(&["بعد"]) {
        if toks.get(i + 1).is_some_and(|t| t.is_word(&["غد"])) {
            return make(start, i + 2, day_offset(2), 0.9);
        }
    }
    if tok.is_word(&["يوم"]) && toks.get(i + 1).is_some_and(|t| t.is_word(&["غد"])) {
        return make(tok.start, i + 2, day_offset(1), 0.9);
    }
    if let Some(start) = tok.word_with_clitics(&["اليوم"]) {
        // "اليوم التالي" (the next day) and "ذلك اليوم" (that day) are
        // narrative, not the publication day; "اليوم الجمعة" is.
        let narrative_after = toks
            .get(i + 1)
            .is_some_and(|t| t.kind == TokKind::Word && t.folded.starts_with("ال") && weekday_at(t).is_none());
        let narrative_before = i
            .checked_sub(1)
            .and_then(|k| toks.get(k))
            .is_some_and(|t| t.is_word(lexicon::NARRATIVE_BEFORE_TODAY) || t.kind == TokKind::Digits);
        if !narrative_after && !narrative_before {
            // "اليوم الأربعاء": the weekday names the same day.
            let next = if toks.get(i + 1).and_then(weekday_at).is_some() {
                i + 2
            } else {
                i + 1
            };
            return make(start, next, day_offset(0), 0.8);
        }
    }

    // عام 2017، العام 2017، سنة 2017.
    if let Some(start) = tok.word_with_clitics(lexicon::YEAR_WORDS) {
        if let Some((year, era, next)) = year_at(toks, i + 1) {
            let in_word = toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Digits);
            if in_word && era == Some(true) {
                return Some(Match {
                    start,
                    end: toks.get(next - 1).map_or(start, |t| t.end),
                    next,
                    when: None,
                    hijri: true,
                    hijri_written: Some(format!("{year:04}")),
                    confidence: 1.0,
                });
            }
            if in_word && (1000..=2999).contains(&year) {
                return make(start, next, Some(When::Year(year)), 1.0);
            }
        }
    }

    // نهاية الشهر الجاري، مطلع العام المقبل، منتصف هذا الشهر.
    for (words, edge) in [
        (lexicon::PERIOD_END, 1u8),
        (lexicon::PERIOD_START, 0),
        (lexicon::PERIOD_MIDDLE, 2),
    ] {
        if let Some(start) = tok.word_with_clitics(words) {
            let Some((unit, offset, _, next)) = period_at(toks, i + 1) else {
                continue;
            };
            let when = published.and_then(|p| match unit {
                Unit::Month => {
                    let (y, m) = shift_month(p, offset);
                    let d = match edge {
                        1 => date::days_in_month(y, m),
                        0 => 1,
                        _ => 15,
                    };
                    Some(When::Day(y, m, d))
                }
                Unit::Year => {
                    let y = p.year + offset as i32;
                    Some(When::Month(y, [1, 12, 6][usize::from(edge)]))
                }
                Unit::Week => None,
            });
            // A week's end or start has no agreed day: annotate, unresolved.
            return make(start, next, when, 0.9);
        }
    }

    if tok.kind != TokKind::Word {
        return None;
    }
    // الشهر الماضي، هذا العام، الأسبوع المقبل.
    if let Some((unit, offset, start, next)) = period_at(toks, i) {
        let when = published.map(|p| match unit {
            Unit::Month => {
                let (y, m) = shift_month(p, offset);
                When::Month(y, m)
            }
            Unit::Year => When::Year(p.year + offset as i32),
            Unit::Week => When::week_of(p.days + 7 * offset),
        });
        return make(start, next, when, 0.9);
    }
    None
}
