//! Scores the annotator against the labelled evaluation set in `tests/eval/`
//! (`npm run eval`; see tests/eval/README.md for how the labels were made).
//!
//! ```text
//! cargo run --release --example eval                 # the dev split
//! cargo run --release --example eval -- --errors     # … and every miss and false find
//! cargo run --release --example eval -- --split test # the held-out split (score only at the end)
//! cargo run --release --example eval -- --split fresh # the third split, written later (scored once, at the very end)
//! cargo run --release --example eval -- --split fresh2 # the fourth split, written after fresh was scored (scored once, at the very end)
//! cargo run --release --example eval -- --split fresh3 # the fifth split, written after fresh2 was scored (scored once, at the very end)
//! cargo run --release --example eval -- --split fresh4 # the sixth split, written after fresh3 (scored once, at the very end)
//! cargo run --release --example eval -- --split all
//! ```
//!
//! What counts as a hit:
//! - **mentions**: same catalog id and the same last byte (a clitic in front
//!   may be inside or outside the span, as in `للرقة` → `لرقة`);
//! - **dates**: the same span exactly; *value accuracy* is the share of those
//!   with the labelled ISO value (and the Hijri value, when labelled);
//!   *overlap* counts a date found over any part of a labelled one;
//! - **quotations**: a found quotation over at least half of a labelled one;
//!   *speaker accuracy* is the share of those whose speaker is the labelled
//!   text (both none when no speaker is labelled), *speaker id* the share
//!   whose catalog id is right.
//!
//! Exits 1 when the set cannot be read; the figures themselves never fail
//! (they are measurements: BENCHMARKS.md keeps them).

use std::collections::HashSet;
use std::process::ExitCode;

use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::{AnnotationKind, Annotator, Found};
use rtl_article::date::Date;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/eval/");

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Count {
    fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[derive(Default)]
struct Scores {
    mentions: Count,
    dates: Count,
    dates_overlap: Count,
    date_values: (usize, usize),
    quotes: Count,
    speakers: (usize, usize),
    speaker_ids: (usize, usize),
    paragraphs: usize,
    bytes: usize,
}

/// The byte span of the `occurrence`-th (1-based) occurrence of `needle`,
/// overlapping occurrences counted, as the labels count them.
fn span(text: &str, needle: &str, occurrence: u64) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut at = None;
    for _ in 0..occurrence {
        let i = from + text.get(from..)?.find(needle)?;
        at = Some(i);
        from = i + text[i..].chars().next()?.len_utf8();
    }
    at.map(|i| (i, i + needle.len()))
}

fn trimmed(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "،,:؛.".contains(c))
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn score(paragraph: &Value, annotator: &Annotator, errors: bool, s: &mut Scores) -> Result<(), String> {
    let id = str_of(paragraph, "id").ok_or("a paragraph has no id")?;
    let text = str_of(paragraph, "text").ok_or_else(|| format!("{id}: no text"))?;
    let published = str_of(paragraph, "published").ok_or_else(|| format!("{id}: no published"))?;
    let date = {
        let p: Vec<u32> = published.split('-').filter_map(|x| x.parse().ok()).collect();
        match p[..] {
            [y, m, d] => Date::new(y as i32, m, d).ok_or_else(|| format!("{id}: bad published {published}"))?,
            _ => return Err(format!("{id}: bad published {published}")),
        }
    };
    let found = annotator.clone().published(date).annotate_text(text);
    s.paragraphs += 1;
    s.bytes += text.len();
    let labels = |key: &str| {
        paragraph
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let gold_span = |l: &Value| -> Result<(usize, usize), String> {
        let t = str_of(l, "text").ok_or_else(|| format!("{id}: a label has no text"))?;
        let n = l.get("occurrence").and_then(Value::as_u64).unwrap_or(1);
        span(text, t, n).ok_or_else(|| format!("{id}: «{t}» #{n} is not in the text"))
    };
    let show = |what: &str, (a, b): (usize, usize), more: String| {
        if errors {
            println!("  {id} {what} «{}» {more}", &text[a..b]);
        }
    };

    // Mentions.
    let mut used = HashSet::new();
    for l in labels("mentions") {
        let (a, b) = gold_span(&l)?;
        let want = str_of(&l, "id").unwrap_or_default();
        let hit = found.iter().enumerate().position(|(k, f)| {
            !used.contains(&k)
                && matches!(&f.kind, AnnotationKind::Mention { id, .. } if &**id == want)
                && f.end == b
                && f.start < b
                && a < f.end
        });
        match hit {
            Some(k) => {
                used.insert(k);
                s.mentions.tp += 1;
            }
            None => {
                s.mentions.fn_ += 1;
                let got: Vec<String> = found
                    .iter()
                    .filter(|f| f.start < b && a < f.end)
                    .filter_map(|f| match &f.kind {
                        AnnotationKind::Mention { id, .. } => Some(id.to_string()),
                        _ => None,
                    })
                    .collect();
                show("missed mention", (a, b), format!("{want} (found: {got:?})"));
            }
        }
    }
    for (k, f) in found.iter().enumerate() {
        if let AnnotationKind::Mention { id: got, .. } = &f.kind {
            if !used.contains(&k) {
                s.mentions.fp += 1;
                show(
                    "false mention",
                    (f.start, f.end),
                    format!("{got} ({:.2})", f.confidence),
                );
            }
        }
    }

    // Dates.
    let dates: Vec<&Found> = found
        .iter()
        .filter(|f| matches!(f.kind, AnnotationKind::Date { .. }))
        .collect();
    let mut exact = HashSet::new();
    let mut overlapped = HashSet::new();
    for l in labels("dates") {
        let (a, b) = gold_span(&l)?;
        let iso = str_of(&l, "iso");
        let hijri = str_of(&l, "hijri");
        if let Some(k) = dates.iter().position(|f| f.start < b && a < f.end) {
            s.dates_overlap.tp += 1;
            overlapped.insert(k);
        } else {
            s.dates_overlap.fn_ += 1;
        }
        match dates.iter().position(|f| f.start == a && f.end == b) {
            Some(k) => {
                exact.insert(k);
                s.dates.tp += 1;
                let AnnotationKind::Date {
                    iso: got, hijri: got_h, ..
                } = &dates[k].kind
                else {
                    unreachable!()
                };
                let right = got.as_deref() == iso && (hijri.is_none() || got_h.as_deref() == hijri);
                s.date_values.1 += 1;
                if right {
                    s.date_values.0 += 1;
                } else {
                    show(
                        "wrong date value",
                        (a, b),
                        format!("want {iso:?} {hijri:?}, got {got:?} {got_h:?}"),
                    );
                }
            }
            None => {
                s.dates.fn_ += 1;
                let near: Vec<&str> = dates
                    .iter()
                    .filter(|f| f.start < b && a < f.end)
                    .map(|f| &text[f.start..f.end])
                    .collect();
                show("missed date", (a, b), format!("{iso:?} (found: {near:?})"));
            }
        }
    }
    for (k, f) in dates.iter().enumerate() {
        if !exact.contains(&k) {
            s.dates.fp += 1;
            if !overlapped.contains(&k) {
                let AnnotationKind::Date { iso, .. } = &f.kind else {
                    unreachable!()
                };
                show("false date", (f.start, f.end), format!("{iso:?}"));
            }
        }
        if !overlapped.contains(&k) {
            s.dates_overlap.fp += 1;
        }
    }

    // Quotations.
    let quotes: Vec<&Found> = found
        .iter()
        .filter(|f| matches!(f.kind, AnnotationKind::Quotation { .. }))
        .collect();
    let mut used = HashSet::new();
    for l in labels("quotes") {
        let (a, b) = gold_span(&l)?;
        let speaker = str_of(&l, "speaker");
        let speaker_id = str_of(&l, "speaker_id");
        let hit = quotes
            .iter()
            .enumerate()
            .position(|(k, f)| !used.contains(&k) && f.end.min(b).saturating_sub(f.start.max(a)) * 2 >= b - a);
        let Some(k) = hit else {
            s.quotes.fn_ += 1;
            show("missed quotation", (a, b), format!("(speaker {speaker:?})"));
            continue;
        };
        used.insert(k);
        s.quotes.tp += 1;
        let AnnotationKind::Quotation {
            speaker: got,
            speaker_id: got_id,
            ..
        } = &quotes[k].kind
        else {
            unreachable!()
        };
        s.speakers.1 += 1;
        if got.as_deref().map(trimmed) == speaker.map(trimmed) {
            s.speakers.0 += 1;
        } else {
            show("wrong speaker", (a, b), format!("want {speaker:?}, got {got:?}"));
        }
        s.speaker_ids.1 += 1;
        if got_id.as_deref() == speaker_id {
            s.speaker_ids.0 += 1;
        }
    }
    for (k, f) in quotes.iter().enumerate() {
        if !used.contains(&k) {
            s.quotes.fp += 1;
            show("false quotation", (f.start, f.end), String::new());
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut split = "dev".to_string();
    let mut errors = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--split" => split = args.next().unwrap_or_default(),
            "--errors" => errors = true,
            _ => {
                eprintln!("usage: eval [--split dev|test|fresh|fresh2|fresh3|fresh4|all] [--errors]");
                return ExitCode::from(2);
            }
        }
    }
    if !["dev", "test", "fresh", "fresh2", "fresh3", "fresh4", "all"].contains(&split.as_str()) {
        eprintln!("--split is dev, test, fresh, fresh2, fresh3, fresh4 or all, not {split:?}");
        return ExitCode::from(2);
    }
    match run(&split, errors) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(split: &str, errors: bool) -> Result<(), String> {
    let read = |f: &str| std::fs::read_to_string(format!("{DIR}{f}")).map_err(|e| format!("{DIR}{f}: {e}"));
    let catalog = Catalog::from_json(&read("catalog.json")?).map_err(|e| format!("catalog.json: {e}"))?;
    let paragraphs: Value =
        serde_json::from_str(&read("paragraphs.json")?).map_err(|e| format!("paragraphs.json: {e}"))?;
    let annotator = Annotator::new().catalog(catalog);
    let mut s = Scores::default();
    let started = std::time::Instant::now();
    for p in paragraphs.as_array().ok_or("paragraphs.json is not a list")? {
        if split == "all" || str_of(p, "split") == Some(split) {
            score(p, &annotator, errors, &mut s)?;
        }
    }
    let took = started.elapsed();
    println!(
        "split {split}: {} paragraphs, {} KB, annotated in {:.1} ms\n",
        s.paragraphs,
        s.bytes / 1024,
        took.as_secs_f64() * 1e3
    );
    println!("| category | tp | fp | fn | precision | recall | F1 |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (name, c) in [
        ("mentions (catalog links)", s.mentions),
        ("dates (exact span)", s.dates),
        ("dates (overlapping span)", s.dates_overlap),
        ("quotations", s.quotes),
    ] {
        println!(
            "| {name} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
            c.tp,
            c.fp,
            c.fn_,
            c.p(),
            c.r(),
            c.f1()
        );
    }
    println!();
    for (name, (right, of)) in [
        ("date value accuracy (ISO, and Hijri when labelled)", s.date_values),
        ("speaker accuracy (as written)", s.speakers),
        ("speaker catalog id accuracy", s.speaker_ids),
    ] {
        println!("{name}: {:.3} ({right} of {of})", ratio(right, of));
    }
    Ok(())
}
