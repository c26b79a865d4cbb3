//! Annotation throughput (MB/s) over ~5 MB of whole Arabic news articles
//! (one call per article) with catalogs of 1k, 10k and 100k entries whose
//! names are word n-grams of real news text (`scripts/bench-data.mjs`
//! writes both to `target/bench-data/`; this bench runs it when they are
//! missing), catalog compile time (JSON → automaton), `Catalog::from_bytes`
//! load time and the binary's size.
//!
//! Then each recognizer alone (dates, numbers, roles, quotes, catalog
//! matching) and the full Annotator, to show where a full pass spends its
//! time.
//!
//! Run: `cargo bench --profile cli --bench annotate` (prints Markdown
//! tables); `… --bench annotate -- recognizers` runs only the second table.

use std::time::Duration;

use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::{dates, gazetteer, numbers, quotes, roles, Annotator, Found};
use rtl_article::date::Date;
use rtl_article::text::normalize::fold;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/target/bench-data/");

/// A file of the benchmark data, made by `scripts/bench-data.mjs` first when
/// it is missing.
fn data(name: &str) -> String {
    let path = format!("{DATA}{name}");
    if !std::path::Path::new(&path).exists() {
        let status = std::process::Command::new("node")
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/bench-data.mjs"))
            .status()
            .expect("node runs scripts/bench-data.mjs");
        assert!(status.success(), "scripts/bench-data.mjs failed");
    }
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The catalog of `n` entries (1k, 10k, 100k), as JSON.
fn catalog_json(n: usize) -> String {
    data(&format!("catalog-{}k.json", n / 1000))
}

/// ~5 MB of whole articles.
fn corpus() -> Vec<String> {
    serde_json::from_str(&data("articles.json")).unwrap()
}

#[path = "support/mod.rs"]
mod support;
use support::time;

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument names the tables to
    // run (`catalog`, `recognizers`); none runs both.
    let tables: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wants = |name: &str| tables.is_empty() || tables.iter().any(|t| t == name);
    let paragraphs = corpus();
    let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
    let mb = bytes as f64 / 1_000_000.0;
    println!("corpus: {} articles, {:.2} MB\n", paragraphs.len(), mb);
    if wants("catalog") {
        catalog_table(&paragraphs, mb);
    }
    if wants("recognizers") {
        recognizer_table(&paragraphs, mb);
    }
}

/// Catalog sizes: compile, load and matching speed.
fn catalog_table(paragraphs: &[String], mb: f64) {
    println!("| catalog entries | names | compile from JSON (ms) | to_bytes size (KB) | from_bytes (ms) | find mentions (MB/s) | mentions |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    // RTL_BENCH_SIZES=1000,100000 runs only those catalogs.
    let sizes: Vec<usize> = std::env::var("RTL_BENCH_SIZES")
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![1_000, 10_000, 100_000]);
    for n in sizes {
        let json = catalog_json(n);
        let compile = time(|| Catalog::from_json(&json).unwrap());
        let catalog = Catalog::from_json(&json).unwrap();
        let blob = catalog.to_bytes();
        let load = time(|| Catalog::from_bytes(&blob).unwrap());
        let names: usize = catalog.entities().iter().map(|e| e.names.len()).sum();
        let mut found = 0;
        let find = time(|| {
            found = paragraphs.iter().map(|p| catalog.find(p).len()).sum::<usize>();
            found
        });
        println!(
            "| {n} | {names} | {} | {:.0} | {} | {:.1} | {found} |",
            ms(compile),
            blob.len() as f64 / 1024.0,
            ms(load),
            mb / find.as_secs_f64(),
        );
        // RTL_ANNOTATE_DUMP=path also writes every mention of each catalog
        // (`path.catalog-1k` …), to diff before and after a change.
        if let Some(path) = std::env::var_os("RTL_ANNOTATE_DUMP") {
            let mut dump = String::new();
            for p in paragraphs {
                for f in catalog.find(p) {
                    dump.push_str(&format!("{}..{} {:?} {}\n", f.start, f.end, f.kind, f.confidence));
                }
            }
            let mut path = path;
            path.push(format!(".catalog-{}k", n / 1000));
            std::fs::write(&path, dump).expect("RTL_ANNOTATE_DUMP is writable");
        }
    }
}

/// Each recognizer alone, then the whole Annotator, over the same corpus:
/// where a full pass spends its time.
fn recognizer_table(paragraphs: &[String], mb: f64) {
    const PUBLISHED_ON: Date = Date {
        year: 2017,
        month: 5,
        day: 27,
    };
    const PUBLISHED: Option<Date> = Some(PUBLISHED_ON);
    let catalog = Catalog::from_json(&catalog_json(1_000)).unwrap();
    let places = gazetteer::catalog();
    // Quotations take the mentions found before them, as in the Annotator.
    let mentions: Vec<Vec<Found>> = paragraphs
        .iter()
        .map(|p| {
            let folded = fold(p);
            let mut m = catalog.find_folded(p, &folded);
            m.extend(places.find_folded(p, &folded));
            m
        })
        .collect();
    let annotator = Annotator::new()
        .gazetteer(true)
        .catalog(catalog.clone())
        .published(PUBLISHED_ON);
    println!("\n| stage | MB/s | found |");
    println!("|---|---:|---:|");
    // RTL_BENCH_ROW=full runs only the rows whose name has that in it.
    let only = std::env::var("RTL_BENCH_ROW").unwrap_or_default();
    let row = |stage: &str, per_text: &dyn Fn(usize, &str) -> usize| {
        if !stage.contains(only.as_str()) {
            return;
        }
        let mut found = 0;
        let took = time(|| {
            found = paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| per_text(i, p))
                .sum::<usize>();
            found
        });
        println!("| {stage} | {:.1} | {found} |", mb / took.as_secs_f64());
    };
    row("fold (text::normalize)", &|_, p| fold(p).text.len());
    row("catalog 1k + gazetteer", &|_, p| {
        let folded = fold(p);
        catalog.find_folded(p, &folded).len() + places.find_folded(p, &folded).len()
    });
    row("dates", &|_, p| dates::find(p, PUBLISHED).len());
    row("numbers", &|_, p| numbers::find(p).len());
    row("roles", &|_, p| roles::find(p).len());
    row("quotes", &|i, p| quotes::find(p, &mentions[i]).len());
    row("full Annotator", &|_, p| annotator.annotate_text(p).len());

    // RTL_ANNOTATE_DUMP=path writes every finding, so an optimisation can
    // be checked to change no output (diff two dumps).
    if let Some(path) = std::env::var_os("RTL_ANNOTATE_DUMP") {
        let mut dump = String::new();
        for p in paragraphs {
            for f in annotator.annotate_text(p) {
                dump.push_str(&format!(
                    "{}..{} {:?} {:?} {}\n",
                    f.start,
                    f.end,
                    &p[f.start..f.end],
                    f.kind,
                    f.confidence
                ));
            }
            dump.push('\n');
        }
        std::fs::write(&path, dump).unwrap();
        println!("\nfindings written to {}", path.to_string_lossy());
    }
}
