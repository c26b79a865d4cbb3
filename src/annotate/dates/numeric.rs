//! Numeric dates: `2017/5/15`, `15-5-2017`, `15.5.2017`, `٢٠١٧/٥/١٥`, `١٤٣٨/٨/١٩هـ`.

use super::{adjacent, era_marker, Match, When};
use crate::annotate::tokens::{Tok, TokKind};
use crate::date;

/// `2017/5/15`, `15-5-2017`, `15.5.2017`, `٢٠١٧/٥/١٥`, `١٤٣٨/٨/١٩هـ`.
pub(super) fn numeric_date(toks: &[Tok<'_>], i: usize) -> Option<Match> {
    let parts = toks.get(i..i + 5)?;
    let sep = parts[1].raw;
    let shape_ok = parts[0].kind == TokKind::Digits
        && parts[2].kind == TokKind::Digits
        && parts[4].kind == TokKind::Digits
        && matches!(sep, "/" | "-" | "." | "\u{2010}" | "\u{2011}")
        && parts[3].raw == sep
        && parts.windows(2).all(|w| adjacent(&w[0], &w[1]));
    if !shape_ok {
        return None;
    }
    // Not a piece of a longer run such as a version or phone number.
    let glued_before = i.checked_sub(1).and_then(|k| toks.get(k)).is_some_and(|t| {
        adjacent(t, &parts[0])
            && (t.kind == TokKind::Digits || t.is_punct('/') || t.is_punct('-') || t.is_punct('.') || t.is_punct('+'))
    });
    let glued_after = toks.get(i + 5).is_some_and(|t| {
        adjacent(&parts[4], t)
            && (t.kind == TokKind::Digits
                || (matches!(t.raw, "/" | "-" | "." | ":")
                    && toks
                        .get(i + 6)
                        .is_some_and(|d| d.kind == TokKind::Digits && adjacent(t, d))))
    });
    if glued_before || glued_after {
        return None;
    }
    let lens = [parts[0].folded.len(), parts[2].folded.len(), parts[4].folded.len()];
    let [a, b, c] = [parts[0].value()?, parts[2].value()?, parts[4].value()?];
    let (y, m, d) = match lens {
        [4, 1..=2, 1..=2] => (a as i32, b, c),
        [1..=2, 1..=2, 4] => (c as i32, b, a),
        _ => return None,
    };
    let (marker, next) = match era_marker(toks, i + 5) {
        Some((hijri, next)) => (Some(hijri), next),
        None => (None, i + 5),
    };
    let end = toks.get(next - 1).map_or(parts[4].end, |t| t.end);
    let hijri_year = (1300..=1500).contains(&y);
    let hijri = marker.unwrap_or(hijri_year);
    if hijri {
        let (gy, gm, gd) = date::hijri::to_gregorian(y, m, d)?;
        Some(Match {
            start: parts[0].start,
            end,
            next,
            when: Some(When::Day(gy, gm, gd)),
            hijri: true,
            hijri_written: Some(format!("{y:04}-{m:02}-{d:02}")),
            confidence: if marker.is_some() { 1.0 } else { 0.8 },
        })
    } else {
        if !date::is_valid(y, m, d) || y < 1000 {
            return None;
        }
        Some(Match {
            start: parts[0].start,
            end,
            next,
            when: Some(When::Day(y, m, d)),
            hijri: false,
            hijri_written: None,
            confidence: 1.0,
        })
    }
}
