//! Adversarial inputs at 1× and 10× their size: the time must grow
//! linearly (no more than 12× for 10× the input). Each case runs the whole
//! pipeline a hostile article would go through (import, annotate with a
//! catalog, render) or the one stage it targets, with limits raised where
//! the default [`Limits`] would refuse the 10× input at once (the refusal
//! is measured too: it must not copy or parse first).
//!
//! Run: `cargo bench --profile cli --bench adversarial` (prints a Markdown
//! table; BENCHMARKS.md keeps the latest).

use std::time::Duration;

use rtl_article::anchor::{Document, Selector};
use rtl_article::annotate::catalog::Catalog;
use rtl_article::ingest::Limits;
use rtl_article::{Builder, Format};

#[path = "support/mod.rs"]
mod support;
use support::time;

const WIDE: Limits = Limits {
    max_input_bytes: usize::MAX,
    max_blocks: usize::MAX,
    max_text_bytes: usize::MAX,
};

/// An article of `paragraphs` as JSON.
fn article(paragraphs: &[String]) -> String {
    let body: Vec<serde_json::Value> = paragraphs
        .iter()
        .map(|p| serde_json::json!({"type": "paragraph", "text": p}))
        .collect();
    serde_json::json!({"headline": "خبر", "body": body}).to_string()
}

/// A catalog of `n` names sharing their first words (وزارة الدفاع 1 …).
fn shared_prefix_catalog(n: usize) -> Catalog {
    let entries: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("e{i}"),
                "type": "organization",
                "names": [format!("وزارة الدفاع والشؤون العامة {i}"), format!("وزارة الدفاع {i} الكبرى")],
            })
        })
        .collect();
    Catalog::from_json(&serde_json::Value::Array(entries).to_string()).unwrap()
}

fn pipeline(limits: Limits) -> Builder {
    Builder::new().limits(limits).annotate(true)
}

fn main() {
    let small_catalog = std::sync::Arc::new(shared_prefix_catalog(100));
    let run = |json: &str| {
        pipeline(WIDE)
            .catalog(small_catalog.clone())
            .run(json)
            .map(|o| o.html.len())
    };
    let mut rows: Vec<(String, String, Duration, Duration)> = Vec::new();
    // `cargo bench --bench adversarial -- NAME` runs the cases whose name
    // contains NAME.
    let only: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let mut case = |name: &str, unit: &str, f: &mut dyn FnMut(usize) -> Duration, n: usize| {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            return;
        }
        let one = f(n);
        eprintln!("{name}: {n} {unit} in {:.1} ms", one.as_secs_f64() * 1e3);
        let ten = f(10 * n);
        eprintln!("{name}: {} {unit} in {:.1} ms", 10 * n, ten.as_secs_f64() * 1e3);
        rows.push((name.to_string(), format!("{n} / {} {unit}", 10 * n), one, ten));
    };

    // A word of 1 MB / 10 MB with no space (Arabic letters, then Latin):
    // smaller ones fit in the cache and make the ratio say more about it
    // than about the code.
    case(
        "one word with no space, import + annotate + render",
        "bytes",
        &mut |n| {
            let word: String = "بسم".chars().chain("abc".chars()).cycle().take(n / 2).collect();
            let json = article(&[word]);
            time(|| run(&json).unwrap())
        },
        1_000_000,
    );
    // 10k / 100k tiny paragraphs.
    case(
        "tiny paragraphs, import + annotate + render",
        "paragraphs",
        &mut |n| {
            let json = article(&vec!["في الرقة.".to_string(); n]);
            time(|| run(&json).unwrap())
        },
        10_000,
    );
    // 1k / 10k nested quotation marks, in one paragraph.
    case(
        "nested quotation marks «« … »», annotate + render",
        "levels",
        &mut |n| {
            let text = format!("قال الوزير {}كلام{}", "«".repeat(n), "»".repeat(n));
            let json = article(&[text]);
            time(|| run(&json).unwrap())
        },
        1_000,
    );
    // Unbalanced too: 1k / 10k opening marks and quotation verbs.
    case(
        "unclosed quotation marks and speech verbs, annotate + render",
        "marks",
        &mut |n| {
            let text = "وقال إن «".repeat(n);
            let json = article(&[text]);
            time(|| run(&json).unwrap())
        },
        1_000,
    );
    // 1k / 10k nested elements through the markup importer (the walker
    // refuses past its depth limit: the time is that of finding out).
    case(
        "nested elements, CMS HTML import (refused past the depth limit)",
        "levels",
        &mut |n| {
            let html = format!(
                "<html><body><article><h1>خبر</h1>{}<p>نص</p>{}</article></body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            );
            time(|| {
                Builder::new()
                    .format(Format::Html)
                    .limits(WIDE)
                    .run(&html)
                    .map(|o| o.html.len())
            })
        },
        1_000,
    );
    // A 100k / 1M-entry catalog of names sharing prefixes (at 10k the index
    // fits in the cache): its compile, then matching an article with it.
    let text = "أعلنت وزارة الدفاع والشؤون العامة 17 أن وزارة الدفاع 42 الكبرى ".repeat(50);
    let mut catalogs: Vec<Catalog> = Vec::new();
    case(
        "catalog of names sharing prefixes: compile",
        "entries",
        &mut |n| {
            let t = time(|| shared_prefix_catalog(n).len());
            catalogs.push(shared_prefix_catalog(n));
            t
        },
        100_000,
    );
    let mut k = 0;
    case(
        "catalog of names sharing prefixes: match a 5.5 KB article",
        "entries",
        &mut |_| {
            let c = &catalogs[k.min(catalogs.len() - 1)];
            k += 1;
            time(|| c.find(&text).len())
        },
        100_000,
    );
    // A quote selector of 1k / 10k characters resolved after an edit, in
    // the same article (40k characters): the quote is the hostile input.
    let base: String = "قال المصدر إن القوات دخلت مدينة الرقة صباح اليوم. "
        .chars()
        .cycle()
        .take(40_000)
        .collect();
    let edited = base.replacen("دخلت", "وصلت", 1);
    let after = Document::new([("p1", edited.as_str())]);
    case(
        "quote selector resolved after an edit (a 40k-character text)",
        "characters",
        &mut |n| {
            let selector = Selector {
                text: "p1".into(),
                index: Some(0),
                start: 7,
                end: n + 7,
                exact: base.chars().skip(7).take(n).collect(),
                prefix: String::new(),
                suffix: String::new(),
            };
            time(|| after.resolve(&selector))
        },
        1_000,
    );
    // 1k / 10k stored notes re-anchored against the same edited article
    // (100 paragraphs).
    let paragraphs: Vec<(String, String)> = (0..100)
        .map(|i| {
            (
                format!("p{i}"),
                format!("الفقرة {i}: قال المصدر إن القوات دخلت مدينة الرقة صباح اليوم وسط اشتباكات متقطعة."),
            )
        })
        .collect();
    let doc = Document::new(paragraphs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
    let edited: Vec<(String, String)> = paragraphs
        .iter()
        .map(|(a, b)| (a.clone(), format!("في تطور جديد، {b}")))
        .collect();
    let after = Document::new(edited.iter().map(|(a, b)| (a.as_str(), b.as_str())));
    case(
        "stored notes re-anchored after an edit (100 paragraphs)",
        "notes",
        &mut |n| {
            let selectors: Vec<Selector> = (0..n)
                .filter_map(|k| doc.describe(&paragraphs[k % 100].0, 12 + k % 20, 30 + k % 20))
                .collect();
            time(|| {
                selectors
                    .iter()
                    .filter(|s| matches!(after.resolve(s), rtl_article::anchor::Resolution::Placed(_)))
                    .count()
            })
        },
        1_000,
    );
    // Oversize input is refused before anything is parsed.
    case(
        "oversize input refused (default limits)",
        "MB",
        &mut |n| {
            let json = format!("{{\"headline\": \"{}\"}}", "ع".repeat(n * 512 * 1024));
            time(|| Builder::new().run(&json).is_err())
        },
        5,
    );

    println!("| input | sizes | 1× (ms) | 10× (ms) | ratio |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for (name, sizes, one, ten) in rows {
        let ratio = ten.as_secs_f64() / one.as_secs_f64().max(1e-9);
        let flag = if ratio > 12.0 { " **over 12×**" } else { "" };
        println!(
            "| {name} | {sizes} | {:.2} | {:.2} | {ratio:.1}×{flag} |",
            one.as_secs_f64() * 1e3,
            ten.as_secs_f64() * 1e3
        );
    }
}
