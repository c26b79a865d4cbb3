//! Month and weekday names, read from `data/months.json` (CLDR's regional
//! Gregorian series, the Hijri months and the weekdays), folded for matching.

use std::sync::OnceLock;

use serde_json::Value;

use crate::annotate::tokens::{built, Lexicon, Tok, TokKind};
use crate::text::normalize::fold_str;

pub(super) struct MonthName {
    /// Folded words (كانون الثاني is two).
    pub(super) words: Vec<String>,
    pub(super) month: u32,
    pub(super) hijri: bool,
}

pub(super) struct Names {
    pub(super) months: Vec<MonthName>,
    /// Indexes into `months` by their first folded word, in `months` order
    /// (a list of a few dozen heads: a `HashMap` cost kilobytes of wasm).
    pub(super) by_head: Vec<(String, Vec<usize>)>,
    /// Folded weekday names (with the article) and their Sunday-based index.
    pub(super) weekdays: Vec<(String, i64)>,
}

pub(super) fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        // The file is compiled in and checked by a unit test; an unreadable
        // file would only mean no month names, never a panic. It is walked
        // as a `Value` rather than derived structs: serde's derived
        // deserializers are ~7 KB of wasm beside the `Value` one the crate
        // already carries.
        let file: Value = serde_json::from_str(include_str!("../../../data/months.json")).unwrap_or_default();
        let list =
            |v: &Value, key: &str| -> Vec<Value> { v.get(key).and_then(Value::as_array).cloned().unwrap_or_default() };
        let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let number = |v: &Value, key: &str| v.get(key).and_then(Value::as_i64).unwrap_or(-1);
        let mut months = Vec::new();
        let mut add = |name: &str, month: i64, hijri: bool| {
            let words: Vec<String> = name.split_whitespace().map(fold_str).collect();
            let duplicate = months.iter().any(|m: &MonthName| m.words == words && m.hijri == hijri);
            if !words.is_empty() && (1..=12).contains(&month) && !duplicate {
                months.push(MonthName {
                    words,
                    month: month as u32,
                    hijri,
                });
            }
        };
        let supplement = file.get("supplement").cloned().unwrap_or_default();
        for series in list(&file, "gregorian") {
            for (i, name) in list(&series, "months").iter().enumerate() {
                add(&text(name), i as i64 + 1, false);
            }
        }
        for extra in list(&supplement, "gregorian") {
            add(
                &text(extra.get("name").unwrap_or(&Value::Null)),
                number(&extra, "month"),
                false,
            );
        }
        for series in list(&file, "hijri") {
            for (i, name) in series.as_array().into_iter().flatten().enumerate() {
                add(&text(name), i as i64 + 1, true);
            }
        }
        for extra in list(&supplement, "hijri") {
            add(
                &text(extra.get("name").unwrap_or(&Value::Null)),
                number(&extra, "month"),
                true,
            );
        }
        let mut by_head: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, name) in months.iter().enumerate() {
            if let Some(head) = name.words.first() {
                match by_head.iter_mut().find(|(h, _)| h == head) {
                    Some((_, list)) => list.push(index),
                    None => by_head.push((head.clone(), vec![index])),
                }
            }
        }
        let weekdays = list(&file, "weekdays")
            .iter()
            .map(|w| {
                (
                    fold_str(&text(w.get("name").unwrap_or(&Value::Null))),
                    number(w, "sunday0"),
                )
            })
            .collect();
        Names {
            months,
            by_head,
            weekdays,
        }
    })
}

/// A month name at token `i` (with proclitics on its first word): the token
/// after it, the byte where the name starts, and the name.
pub(super) fn month_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, usize, &'static MonthName)> {
    let first = toks.get(i).filter(|t| t.kind == TokKind::Word)?;
    let names = names();
    // The heads as a set: asked of every word that may start a date.
    static HEADS: OnceLock<Lexicon> = OnceLock::new();
    let heads = built(&HEADS, || {
        let mut heads = Vec::new();
        for (head, _) in &self::names().by_head {
            heads.push(head.as_str());
        }
        Lexicon::new(heads)
    });
    let mut best: Option<(usize, usize, &MonthName)> = None;
    for split in first.splits() {
        let Some((_, candidates)) = split.position_in(heads).and_then(|k| names.by_head.get(k)) else {
            continue;
        };
        for name in candidates.iter().filter_map(|&k| names.months.get(k)) {
            let tail = name.words.get(1..).unwrap_or_default();
            let tail_matches = tail.iter().enumerate().all(|(k, w)| {
                toks.get(i + 1 + k)
                    .is_some_and(|t| t.kind == TokKind::Word && t.folded == w)
            });
            if tail_matches && best.is_none_or(|b| b.0 < i + name.words.len()) {
                best = Some((i + name.words.len(), first.start_after(split.prefix), name));
            }
        }
    }
    best
}

pub(super) fn weekday_at(tok: &Tok<'_>) -> Option<(usize, i64)> {
    tok.splits().find_map(|split| {
        names()
            .weekdays
            .iter()
            .find(|(name, _)| split.is(name))
            .map(|&(_, index)| (tok.start_after(split.prefix), index))
    })
}
