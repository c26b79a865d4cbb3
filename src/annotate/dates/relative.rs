//! Relative dates: أمس، اليوم، غدا، الشهر الماضي، الـ25 من الشهر الجاري،
//! and years (عام 2017، في 2015، 2012م، عام 1436هـ).

use super::named::{day_at, year_at};
use super::names::weekday_at;
use super::{placement, Match, Published, When};
use crate::annotate::tokens::{tag, Tok, TokKind};
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
    // The unit word, with its clitics (للشهر، والعام): `(start, unit)`.
    let unit_at = |t: &Tok<'_>| {
        t.splits().find_map(|split| {
            let unit = if split.is("الشهر") {
                Unit::Month
            } else if split.is("العام") || split.is("السنه") {
                Unit::Year
            } else if split.is("الاسبوع") {
                Unit::Week
            } else {
                return None;
            };
            Some((t.start_after(split.prefix), unit))
        })
    };
    let first = toks.get(j)?;
    if let Some(start) = first.word_with_clitics(lexicon::THIS) {
        let (_, unit) = unit_at(toks.get(j + 1)?)?;
        return Some((unit, 0, start, j + 2));
    }
    let (start, unit) = unit_at(first)?;
    let offset = placement(toks.get(j + 1))?.offset();
    Some((unit, offset, start, j + 2))
}

fn shift_month(p: Published, offset: i64) -> (i32, u32) {
    match When::from_month_index(i64::from(p.year) * 12 + i64::from(p.month) - 1 + offset) {
        When::Month(y, m) => (y, m),
        _ => (p.year, p.month),
    }
}

/// The words [`from_word`]'s rules start at (with their proclitics), with
/// [`lexicon::THIS`] and [`lexicon::YEAR_WORDS`]: [`tag::RELATIVE`] in the
/// tokens' lexicon, so the rules are asked of these words only.
pub(crate) const HEADS: &[&str] = &[
    "اول",
    "امس",
    "الامس",
    "غدا",
    "بعد",
    "غد",
    "يوم",
    "اليوم",
    "الشهر",
    "العام",
    "السنه",
    "الاسبوع",
];

/// The relative date from `start` to the token before `next`.
fn matched(toks: &[Tok<'_>], start: usize, next: usize, when: Option<When>, confidence: f32) -> Option<Match> {
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
}

/// أمس، أول أمس، اليوم، غدا، بعد غد (each with a weekday after it)، الشهر
/// الماضي، الـ25 من الشهر الجاري، عام 2017، في 2015.
pub(super) fn relative_date(toks: &[Tok<'_>], i: usize, published: Option<Published>) -> Option<Match> {
    let tok = toks.get(i)?;
    // الـ25 من الشهر الجاري.
    if let Some((day, start, after_day)) = day_at(toks, i) {
        if toks.get(after_day).is_some_and(|t| t.is_word(&["من"])) {
            if let Some((Unit::Month, offset, _, next)) = period_at(toks, after_day + 1) {
                let when = published.and_then(|p| {
                    let (y, m) = shift_month(p, offset);
                    date::is_valid(y, m, day).then_some(When::Day(y, m, day))
                });
                return matched(toks, start, next, when, 0.9);
            }
        }
    }
    // Every other rule starts at a year's digits or at one of [`HEADS`].
    if tok.kind == TokKind::Word && !tok.has_tag(tag::RELATIVE) {
        return None;
    }
    from_word(toks, i, published)
}

/// [`relative_date`] from token `i`, a year's digits or a word of
/// [`HEADS`] (any other answers `None`).
fn from_word(toks: &[Tok<'_>], i: usize, published: Option<Published>) -> Option<Match> {
    let tok = toks.get(i)?;
    let make =
        |start: usize, next: usize, when: Option<When>, confidence: f32| matched(toks, start, next, when, confidence);
    let day_offset = |offset: i64| published.map(|p| When::from_days(p.days + offset));

    // أمس الأحد، غداً الاثنين، غد الأربعاء: the weekday names the same day.
    let weekday_after = |k: usize| k + usize::from(toks.get(k).and_then(weekday_at).is_some());
    // أول أمس، أول من أمس.
    if let Some(start) = tok.word_with_clitics(&["اول"]) {
        let k = if toks.get(i + 1).is_some_and(|t| t.is_word(&["من"])) {
            i + 2
        } else {
            i + 1
        };
        if toks.get(k).is_some_and(|t| t.is_word(&["امس"])) {
            return make(start, weekday_after(k + 1), day_offset(-2), 0.9);
        }
    }
    if let Some(start) = tok.word_with_clitics(&["امس", "الامس"]) {
        return make(start, weekday_after(i + 1), day_offset(-1), 0.9);
    }
    if let Some(start) = tok.word_with_clitics(&["غدا"]) {
        return make(start, weekday_after(i + 1), day_offset(1), 0.9);
    }
    if let Some(start) = tok.word_with_clitics(&["بعد"]) {
        if toks.get(i + 1).is_some_and(|t| t.is_word(&["غد"])) {
            return make(start, weekday_after(i + 2), day_offset(2), 0.9);
        }
    }
    if let Some(start) = tok.word_with_clitics(&["غد"]) {
        // غد alone is also "the future" (بناء الغد); with a weekday it is tomorrow.
        let next = weekday_after(i + 1);
        if next > i + 1 {
            return make(start, next, day_offset(1), 0.9);
        }
    }
    if tok.is_word(&["يوم"]) && toks.get(i + 1).is_some_and(|t| t.is_word(&["غد"])) {
        return make(tok.start, weekday_after(i + 2), day_offset(1), 0.9);
    }
    if let Some(start) = tok.word_with_clitics(&["اليوم"]) {
        // "اليوم التالي" (the next day), "اليوم الأول", "اليوم الوطني" and
        // "ذلك اليوم" (that day) are narrative or a name, not the
        // publication day; "اليوم الجمعة" and "تحل اليوم الذكرى" are: an
        // adjective after it (a nisba or ordinal in ـي — not ـى, الذكرى —
        // or one of a few others) makes اليوم a noun.
        let narrative_after = toks.get(i + 1).is_some_and(|t| {
            t.kind == TokKind::Word
                && (t.folded.starts_with("ال") && t.folded.ends_with('ي') && !t.raw.ends_with('ى')
                    || lexicon::has(lexicon::NOT_TODAY_AFTER, t.folded))
        });
        let narrative_before = i
            .checked_sub(1)
            .and_then(|k| toks.get(k))
            .is_some_and(|t| t.is_word(lexicon::NARRATIVE_BEFORE_TODAY) || t.kind == TokKind::Digits);
        if !narrative_after && !narrative_before {
            return make(start, weekday_after(i + 1), day_offset(0), 0.8);
        }
    }

    // عام 2017، العام 2017، سنة 2017، عام 1436هـ.
    if let Some(start) = tok.word_with_clitics(lexicon::YEAR_WORDS) {
        if toks.get(i + 1).is_some_and(|t| t.kind == TokKind::Digits) {
            if let Some(m) = year_date(toks, start, i + 1, true, published) {
                return Some(m);
            }
        }
    }
    // في 2015، منذ ٢٠١١، بحلول 2027، 2012م، 1436هـ.
    if tok.kind == TokKind::Digits {
        return year_date(toks, tok.start, i, false, published);
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

/// The Gregorian year that holds 1 Muharram of the Hijri `year`
/// (عام 1441هـ → 2019).
fn hijri_year(year: i32) -> Option<When> {
    date::hijri::to_gregorian(year, 1, 1).map(|(y, _, _)| When::Year(y))
}

/// A four-digit year at `j` (a digit token), from `start`: after a year
/// word (`named`: عام 2017), with an era mark (2012م، 1436هـ), or bare
/// after a preposition or period word (في 2015، منذ 2011، بحلول 2027، شتاء
/// 2013) and before punctuation, the end or a function word, in a window
/// around publication (100 years back, 30 ahead; 1900–2099 without one): a
/// count (في 2000 منزل، منذ 1000 عام) has its noun after it. The second
/// year of a range (بين 2014 و2016، 2014 إلى 2016) follows the first.
fn year_date(toks: &[Tok<'_>], start: usize, j: usize, named: bool, published: Option<Published>) -> Option<Match> {
    let (year, era, next) = year_at(toks, j)?;
    let at = toks.get(j)?.start;
    let end = toks.get(next - 1)?.end;
    let hijri = era == Some(true);
    let (low, high) = published.map_or((1900, 2099), |p| (p.year - 100, p.year + 30));
    let year_in = |k: usize| {
        toks.get(k)
            .filter(|t| t.folded.len() == 4)
            .and_then(Tok::value)
            .is_some_and(|y| (low..=high).contains(&(y as i32)))
    };
    let before = toks.get(j.wrapping_sub(1));
    let ok = if named {
        (1000..=2999).contains(&year)
    } else if before.is_some_and(|t| t.end == at && t.kind != TokKind::Word) {
        false // 5/2015, 2014-2015
    } else if era.is_some() {
        hijri || (1000..=high).contains(&year)
    } else {
        let cue = before.is_some_and(|t| {
            let w = t.folded;
            t.kind == TokKind::Word
                && (lexicon::has(lexicon::YEAR_BEFORE, w)
                    || lexicon::has(lexicon::YEAR_BEFORE, w.strip_prefix('و').unwrap_or(w)))
        });
        let after = toks.get(next).is_none_or(|t| match t.kind {
            TokKind::Punct => true,
            TokKind::Word => lexicon::has(lexicon::YEAR_AFTER, t.folded),
            TokKind::Digits => false,
        });
        let second = before.is_some_and(|t| matches!(t.folded, "و" | "الي" | "حتي")) && year_in(j.wrapping_sub(2));
        year_in(j) && (cue && after || second)
    };
    ok.then(|| Match {
        start,
        end,
        next,
        when: if hijri {
            hijri_year(year)
        } else {
            Some(When::Year(year))
        },
        hijri,
        hijri_written: hijri.then(|| format!("{year:04}")),
        confidence: if named || era.is_some() { 1.0 } else { 0.8 },
    })
}

#[cfg(test)]
mod tests {
    use super::super::{each_lexicon_start, gate_test_published};
    use super::*;

    /// [`relative_date`] asks [`from_word`] of [`HEADS`] words only: no
    /// other word of the lexicon, with or without proclitics and before
    /// any of the words that make a relative date, starts one there.
    #[test]
    fn only_heads_start_a_relative_date() {
        let published = gate_test_published();
        let afters = [
            "",
            " الماضي",
            " المقبل",
            " 2015",
            " الاحد",
            " امس",
            " غد",
            " الشهر",
            " العام",
        ];
        let untagged = each_lexicon_start(&afters, &mut |text, toks| {
            if toks[0].has_tag(tag::RELATIVE) {
                return false;
            }
            assert!(
                from_word(toks, 0, published).is_none(),
                "{text:?} starts a relative date but its first word is not tagged (HEADS)"
            );
            true
        });
        assert!(untagged > 1000, "{untagged} untagged texts");
    }
}
