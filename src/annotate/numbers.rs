//! Numbers and quantities in Arabic news text: the value of a figure written
//! in Western or Arabic-Indic digits, with its scale word (ألف، مليون، مليار),
//! and its unit — a percentage, a currency as an ISO 4217 code, or the
//! counted noun (`32 سيارة`).
//!
//! # Rules
//!
//! - Separators: `,` and `٬` (U+066C) group thousands only when exactly three
//!   digits follow (`1,500` = 1500); otherwise a `,` is a decimal comma, as
//!   in Maghrebi and European usage (`1,5 مليون` = 1 500 000). `.` and `٫`
//!   (U+066B) are decimal points.
//! - Percentages: `45%`، `45 %`، `٪45`، `45٪`، `45 في المئة`، `45 بالمائة` →
//!   unit `%`.
//! - Currencies: `$`، `€`، `£` and the nouns دولار، يورو، ريال، جنيه، ليرة،
//!   دينار، درهم with their plurals. A currency becomes its ISO 4217 code when
//!   the text makes it unambiguous: دولار alone is `USD`, يورو `EUR`, and the
//!   others need their country adjective (`ريال سعودي` → `SAR`, `ليرة سورية`
//!   → `SYP`); an ambiguous one (`ريال` alone) keeps the noun as written.
//! - Counted nouns: the indefinite word right after the figure, kept **as
//!   written** (`عنصرا`, not the lemma عنصر — a lemma needs a morphological
//!   analyser this crate does not carry). Function words, verbs of
//!   attribution and words with the article are not counted nouns, and a
//!   figure that looks like a year (1900–2100) gets no counted noun.
//! - Not numbers: the digits of a date (see [`super::dates`]), of a time
//!   (`6:00`), of a phone number (a `+`, `00` or `0` prefix and at least seven
//!   digits), of a ratio or range glued with `/`, `-` or `:`, and of Latin
//!   identifiers (`H5N1`, `F-16`).
//! - The annotated range covers the figure and the words read with it
//!   (`32 سيارة`, `3 ملايين دولار`), not modifiers before it (`ما لا يقل عن`).

use super::dates;
use super::tokens::{tokens, Tok, TokKind};
use super::{AnnotationKind, Found};
use crate::lexicon;
use crate::text::normalize::fold;

/// Finds the numbers and quantities in `text`. See the
/// [module docs](self) for the rules.
///
/// ```
/// use rtl_article::annotate::{numbers, AnnotationKind};
///
/// let text = "قافلة مكونة من 32 سيارة بتكلفة 1.5 مليون دولار";
/// let found = numbers::find(text);
/// assert_eq!(&text[found[0].start..found[0].end], "32 سيارة");
/// assert_eq!(
///     found[1].kind,
///     AnnotationKind::Number { value: 1_500_000.0, unit: Some("USD".into()) }
/// );
/// ```
pub fn find(text: &str) -> Vec<Found> {
    let folded = fold(text);
    let toks = tokens(text, &folded);
    find_in(&toks, &dates::find_in(&toks, None))
}

/// [`find`] over a text already cut into tokens, whose `dates` are known
/// (the Annotator cuts each text once for every recognizer and passes the
/// dates it found; which digits a date covers does not depend on the
/// publication date that resolves it).
pub(crate) fn find_in(toks: &[Tok<'_>], dates: &[Found]) -> Vec<Found> {
    // Digits inside a date are not numbers. Dates are in text order and do
    // not overlap, so one cursor walks them alongside the tokens.
    let mut past = 0;
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        if tok.kind != TokKind::Digits {
            i += 1;
            continue;
        }
        while dates.get(past).is_some_and(|d| d.end <= tok.start) {
            past += 1;
        }
        let in_date = dates
            .get(past)
            .is_some_and(|d| tok.start >= d.start && tok.end <= d.end);
        if in_date {
            i += 1;
            continue;
        }
        match quantity(toks, i) {
            Ok((found, next)) => {
                out.push(found);
                i = next;
            }
            Err(next) => i = next.max(i + 1),
        }
    }
    out
}

/// A number as machine-readable text, for `<data value>` and W3C bodies:
/// integers without a fraction (`1500000`, not `1.5e6`), others with the
/// fewest decimals (at most nine) that give the value back (`0.5`, `2.25`).
/// The one copy of number formatting.
///
/// ```
/// use rtl_article::annotate::numbers::machine_value;
/// assert_eq!(machine_value(1_500_000.0), "1500000");
/// assert_eq!(machine_value(2.5), "2.5");
/// assert_eq!(machine_value(-0.125), "-0.125");
/// assert_eq!(machine_value(f64::NAN), "NaN");
/// ```
pub fn machine_value(v: f64) -> String {
    if v.is_nan() {
        return "NaN".to_string();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    // Integer arithmetic, not `Display`: the float printer is ~14 KB of
    // wasm, and the annotator's values come from decimal text with at most
    // nine decimals (see `decimal_value`).
    let sign = if v < 0.0 { "-" } else { "" };
    let a = v.abs();
    if a >= 1e15 {
        return format!("{sign}{}", a as u64);
    }
    let mut scale = 1u64;
    let mut decimals = 0;
    while decimals < 9 && (a * scale as f64).fract() != 0.0 && ((a * scale as f64).round() / scale as f64) != a {
        scale *= 10;
        decimals += 1;
    }
    let scaled = (a * scale as f64).round() as u64;
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if decimals == 0 || fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:0width$}", width = decimals);
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

fn adjacent(a: &Tok<'_>, b: &Tok<'_>) -> bool {
    a.end == b.start
}

fn prev<'t, 'a>(toks: &'t [Tok<'a>], i: usize) -> Option<&'t Tok<'a>> {
    i.checked_sub(1).and_then(|k| toks.get(k))
}

/// Whether a token is a Latin-script word (an identifier such as `H5N1`).
fn is_latin_word(t: &Tok<'_>) -> bool {
    t.kind == TokKind::Word && t.raw.chars().any(|c| c.is_ascii_alphabetic())
}

/// Reads the figure at digit token `i` and what follows it. `Err(next)`
/// skips to `next` when the digits are not a quantity (time, phone …).
fn quantity(toks: &[Tok<'_>], i: usize) -> Result<(Found, usize), usize> {
    let first = &toks[i];
    // A run of digit groups glued by punctuation, for the time/phone/range checks.
    let mut run_end = i;
    while let (Some(p), Some(d)) = (toks.get(run_end + 1), toks.get(run_end + 2)) {
        let glue = p.kind == TokKind::Punct && adjacent(&toks[run_end], p) && adjacent(p, d);
        if glue && d.kind == TokKind::Digits {
            run_end += 2;
        } else {
            break;
        }
    }
    let before = prev(toks, i).filter(|t| adjacent(t, first));
    let after = toks.get(run_end + 1).filter(|t| adjacent(&toks[run_end], t));
    if before.is_some_and(is_latin_word)
        || after.is_some_and(is_latin_word)
        || before
            .is_some_and(|t| t.is_punct('-') && prev(toks, i - 1).is_some_and(|w| adjacent(w, t) && is_latin_word(w)))
    {
        return Err(run_end + 1);
    }
    if is_phone(toks, i) {
        return Err(phone_end(toks, i));
    }
    let glued: Vec<&str> = (i..run_end)
        .step_by(2)
        .filter_map(|k| toks.get(k + 1))
        .map(|t| t.raw)
        .collect();
    if glued
        .iter()
        .any(|g| matches!(*g, ":" | "/" | "-" | "\u{2010}" | "\u{2011}"))
    {
        return Err(run_end + 1);
    }

    // The figure: thousands groups, then a decimal part.
    let mut digits = first.folded.to_string();
    let mut j = i + 1;
    let mut grouped = false;
    let mut fraction = String::new();
    while let (Some(sep), Some(group)) = (toks.get(j), toks.get(j + 1)) {
        let glued = adjacent(&toks[j - 1], sep) && adjacent(sep, group) && group.kind == TokKind::Digits;
        if !glued {
            break;
        }
        match sep.raw {
            "," | "٬" if group.folded.len() == 3 && first.folded.len() <= 3 => {
                digits.push_str(group.folded);
                grouped = true;
                j += 2;
            }
            "," if !grouped && fraction.is_empty() => {
                fraction = group.folded.to_string();
                j += 2;
                break;
            }
            "." | "٫" if fraction.is_empty() => {
                fraction = group.folded.to_string();
                j += 2;
                break;
            }
            _ => break,
        }
    }
    let mut value = decimal_value(&digits, &fraction).ok_or(j)?;
    let mut start = first.start;
    let mut end = toks[j - 1].end;
    let mut unit: Option<String> = None;
    let mut confidence = 1.0;

    // Prefix: ٪45, $45, € 45.
    if let Some(p) = prev(toks, i) {
        let symbol = match p.raw {
            "٪" | "%" if adjacent(p, first) => Some("%"),
            "$" => Some("USD"),
            "€" => Some("EUR"),
            "£" => Some("GBP"),
            _ => None,
        };
        if let Some(symbol) = symbol {
            unit = Some(symbol.to_string());
            start = p.start;
        }
    }

    // Suffixes: %, scale words, في المئة, currency, counted noun.
    if unit.is_none() {
        if let Some(p) = toks.get(j).filter(|t| t.raw == "%" || t.raw == "٪") {
            unit = Some("%".into());
            end = p.end;
            j += 1;
        }
    }
    while let Some(scale) = toks.get(j).and_then(scale_of) {
        value *= scale;
        end = toks[j].end;
        j += 1;
    }
    if unit.is_none() {
        if let Some(next) = percent_words(toks, j) {
            unit = Some("%".into());
            end = toks[next - 1].end;
            j = next;
        }
    }
    if unit.is_none() {
        if let Some((code, next)) = currency(toks, j) {
            unit = Some(code);
            end = toks[next - 1].end;
            j = next;
        }
    }
    let looks_like_year = !grouped && fraction.is_empty() && digits.len() == 4 && (1900.0..=2100.0).contains(&value);
    if unit.is_none() && !looks_like_year {
        if let Some(noun) = toks.get(j).filter(|t| is_counted_noun(t)) {
            unit = Some(noun.raw.to_string());
            end = noun.end;
            j += 1;
            confidence = 0.9;
        }
    }
    if !value.is_finite() {
        return Err(j);
    }
    Ok((
        Found {
            start,
            end,
            kind: AnnotationKind::Number { value, unit },
            confidence,
        },
        j,
    ))
}

/// The value of Western `digits` and `fraction` digits. Integer arithmetic
/// rather than `str::parse::<f64>`, whose float parser would add ~25 KB to
/// the wasm bundle; news figures have few significant digits, so the result
/// is the nearest double in practice.
fn decimal_value(digits: &str, fraction: &str) -> Option<f64> {
    let whole: u64 = digits.parse().ok()?;
    let fraction = fraction.get(..fraction.len().min(9)).unwrap_or_default();
    let part: u64 = if fraction.is_empty() { 0 } else { fraction.parse().ok()? };
    let scale = 10u64.pow(fraction.len() as u32);
    Some(whole as f64 + part as f64 / scale as f64)
}

/// `+963 11 2345678`, `00963…`, `0933123456`, `0933-123-456`: a `+` or
/// leading zero and at least seven digits in groups.
fn is_phone(toks: &[Tok<'_>], i: usize) -> bool {
    let plus = prev(toks, i).is_some_and(|p| p.is_punct('+') && adjacent(p, &toks[i]));
    plus || (toks[i].folded.starts_with('0') && phone_digits(toks, i) >= 7)
}

fn phone_digits(toks: &[Tok<'_>], i: usize) -> usize {
    let end = phone_end(toks, i);
    toks[i..end]
        .iter()
        .filter(|t| t.kind == TokKind::Digits)
        .map(|t| t.folded.len())
        .sum()
}

/// The token after a phone number's digit groups (joined by `-`, spaces or
/// nothing).
fn phone_end(toks: &[Tok<'_>], i: usize) -> usize {
    let mut k = i + 1;
    loop {
        match (toks.get(k), toks.get(k + 1)) {
            (Some(d), _) if d.kind == TokKind::Digits => k += 1,
            (Some(p), Some(d)) if p.is_punct('-') && d.kind == TokKind::Digits => k += 2,
            _ => return k,
        }
    }
}

fn scale_of(t: &Tok<'_>) -> Option<f64> {
    if t.kind != TokKind::Word {
        return None;
    }
    lexicon::SCALES
        .iter()
        .find(|(w, _)| *w == t.folded)
        .map(|&(_, scale)| scale)
}

/// `في المئة`، `في المائة`، `بالمئة`، `بالمائة`: the token after.
fn percent_words(toks: &[Tok<'_>], j: usize) -> Option<usize> {
    let t = toks.get(j)?;
    if t.is_word(lexicon::PERCENT_WORDS) {
        return Some(j + 1);
    }
    (t.is_word(&["في"]) && toks.get(j + 1)?.is_word(lexicon::HUNDRED)).then_some(j + 2)
}

/// A currency noun at `j`, with the country adjective after it when there
/// is one: `(ISO 4217 code or the noun as written, token after)`.
fn currency(toks: &[Tok<'_>], j: usize) -> Option<(String, usize)> {
    let noun = toks.get(j).filter(|t| t.kind == TokKind::Word)?;
    let bare = noun.folded.strip_prefix("ال").unwrap_or(noun.folded);
    let family = lexicon::CURRENCY_NOUNS.iter().find(|(w, _)| *w == bare)?.1;
    if let Some(adjective) = toks.get(j + 1).filter(|t| t.kind == TokKind::Word) {
        let stem = adjective.folded.strip_prefix("ال").unwrap_or(adjective.folded);
        // Feminine (سورية), accusative (مصريا) and plural endings.
        let stem = stem
            .strip_suffix('ه')
            .or_else(|| stem.strip_suffix('ا'))
            .unwrap_or(stem);
        let stem = stem
            .strip_suffix("ين")
            .or_else(|| stem.strip_suffix("ون"))
            .unwrap_or(stem);
        let by_country = lexicon::CURRENCY_COUNTRIES
            .iter()
            .find(|(f, country, _)| *f == family && *country == stem);
        if let Some((_, _, code)) = by_country {
            return Some((code.to_string(), j + 2));
        }
    }
    let unambiguous = lexicon::CURRENCY_DEFAULTS
        .iter()
        .find(|(f, _)| *f == family)
        .map(|c| c.1);
    Some((unambiguous.map_or_else(|| noun.raw.to_string(), str::to_string), j + 1))
}

fn is_counted_noun(t: &Tok<'_>) -> bool {
    if t.kind != TokKind::Word || t.folded.chars().count() < 2 || t.raw.chars().any(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let folded = t.folded;
    if folded.starts_with("ال") || lexicon::one_of(lexicon::NOT_COUNTED, folded) {
        return false;
    }
    // وقال، فإن: a conjunction and a function word, not a noun.
    let after_conjunction = folded.strip_prefix('و').or_else(|| folded.strip_prefix('ف'));
    !after_conjunction.is_some_and(|rest| lexicon::one_of(lexicon::NOT_COUNTED, rest) || rest.starts_with("ال"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    /// The Annotator hands numbers the dates it resolved against the
    /// publication date; `find` finds its own without one. Both must leave
    /// out the same digits, whatever the publication date.
    #[test]
    fn date_digits_do_not_depend_on_publication() {
        let seed = include_str!("../../tests/fixtures/seed-raqqa.txt");
        let extra = "الخميس، 15 مايو أعلن 3 مسؤولين، وفي 15/5/2017 قتل 4 عناصر، والـ25 من الشهر الجاري.";
        for text in [seed, extra] {
            let folded = fold(text);
            let toks = tokens(text, &folded);
            let alone = find(text);
            assert!(!alone.is_empty());
            for published in [None, Date::new(2017, 5, 31), Date::new(2016, 1, 1)] {
                let dates = dates::find_in(&toks, published);
                assert_eq!(find_in(&toks, &dates), alone, "published {published:?}");
            }
        }
    }
}
