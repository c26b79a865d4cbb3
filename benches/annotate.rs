//! Annotation throughput (MB/s) over ~5 MB of Arabic news text with
//! catalogs of 1k, 10k and 100k entries, catalog compile time (JSON →
//! automaton), `Catalog::from_bytes` load time, and — for comparison — what
//! loading a serialized daachorse automaton would cost.
//!
//! Then each recognizer alone (dates, numbers, roles, quotes, catalog
//! matching) and the full Annotator, to show where a full pass spends its
//! time.
//!
//! Run: `cargo bench --profile cli --bench annotate` (prints Markdown
//! tables); `… --bench annotate -- recognizers` runs only the second table.

use std::hint::black_box;
use std::time::{Duration, Instant};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::{dates, gazetteer, numbers, quotes, roles, Annotator, Found};
use rtl_article::date::Date;
use rtl_article::text::normalize::{fold, fold_str};

const SEED: &str = include_str!("../tests/fixtures/seed-raqqa.txt");
const REAL: &str = include_str!("../tests/fixtures/catalog-raqqa.json");
const TARGET_BYTES: usize = 5 * 1024 * 1024;

/// Deterministic pseudo-random numbers (xorshift), so every run measures
/// the same text and catalog.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] = &[
    "با", "تي", "سو", "مر", "كا", "لي", "نو", "ها", "دا", "رو", "زي", "فا", "قو", "جي", "طا", "شو", "عا", "غي", "خو",
    "صا", "ضي", "ثو", "ذا", "ظي", "وا", "يو", "لا", "مي", "نا", "سي",
];

fn synthetic_name(rng: &mut Rng) -> String {
    let words = 1 + rng.next() % 3;
    let mut name = String::new();
    for w in 0..words {
        if w > 0 {
            name.push(' ');
        }
        if rng.next().is_multiple_of(3) {
            name.push_str("ال");
        }
        for _ in 0..2 + rng.next() % 3 {
            name.push_str(rng.pick(SYLLABLES));
        }
    }
    name
}

/// The real fixture entries plus synthetic ones, `n` in all, as JSON.
fn catalog_json(n: usize) -> String {
    let real: serde_json::Value = serde_json::from_str(REAL).unwrap();
    let mut entries: Vec<serde_json::Value> = real["entities"].as_array().unwrap().clone();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let types = ["person", "place", "organization", "event", "topic"];
    while entries.len() < n {
        let i = entries.len();
        let names: Vec<String> = (0..1 + rng.next() % 2).map(|_| synthetic_name(&mut rng)).collect();
        entries.push(serde_json::json!({
            "id": format!("e{i}"), "type": types[i % types.len()], "names": names,
            "url": format!("https://example.com/e/{i}"),
        }));
    }
    serde_json::to_string(&entries).unwrap()
}

/// ~5 MB of paragraphs: the seed's paragraphs, shuffled, with some
/// synthetic names and clitics mixed in so the big catalogs have hits.
fn corpus() -> Vec<String> {
    let paragraphs: Vec<&str> = SEED.split("\n\n").filter(|p| p.trim().len() > 40).collect();
    let mut rng = Rng(42);
    let mut out = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        let mut p = rng.pick(&paragraphs).to_string();
        let mut gen = Rng(1 + rng.next() % 5000);
        p.push_str(" وقال ");
        p.push_str(&synthetic_name(&mut gen));
        p.push_str(" إن ب");
        p.push_str(&synthetic_name(&mut gen));
        p.push('.');
        total += p.len();
        out.push(p);
    }
    out
}

fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    // Best of three: the machine is shared.
    (0..3)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

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
    println!("corpus: {} paragraphs, {:.2} MB\n", paragraphs.len(), mb);
    if wants("catalog") {
        catalog_table(&paragraphs, mb);
    }
    if wants("recognizers") {
        recognizer_table(&paragraphs, mb);
    }
}

/// Catalog sizes: compile, load and matching speed.
fn catalog_table(paragraphs: &[String], mb: f64) {
    println!("| catalog entries | patterns | compile from JSON (ms) | to_bytes size (KB) | from_bytes (ms) | daachorse build (ms) | daachorse deserialize (ms) | find mentions (MB/s) | mentions |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in [1_000, 10_000, 100_000] {
        let json = catalog_json(n);
        let compile = time(|| Catalog::from_json(&json).unwrap());
        let catalog = Catalog::from_json(&json).unwrap();
        let blob = catalog.to_bytes();
        let load = time(|| Catalog::from_bytes(&blob).unwrap());
        // The automaton alone, built vs deserialized (what shipping
        // daachorse's own serialization would save).
        let mut keys: Vec<String> = catalog
            .entities()
            .iter()
            .flat_map(|e| e.names.iter().map(|n| fold_str(n)))
            .collect();
        keys.sort();
        keys.dedup();
        let build = || -> CharwiseDoubleArrayAhoCorasick<u32> {
            CharwiseDoubleArrayAhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build_with_values(keys.iter().enumerate().map(|(i, k)| (k.as_str(), i as u32)))
                .unwrap()
        };
        let da_build = time(build);
        let da_bytes = build().serialize();
        let da_load = time(|| CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(&da_bytes).unwrap().0);
        let mut found = 0;
        let find = time(|| {
            found = paragraphs.iter().map(|p| catalog.find(p).len()).sum::<usize>();
            found
        });
        println!(
            "| {n} | {} | {} | {:.0} | {} | {} | {} | {:.1} | {found} |",
            keys.len(),
            ms(compile),
            blob.len() as f64 / 1024.0,
            ms(load),
            ms(da_build),
            ms(da_load),
            mb / find.as_secs_f64(),
        );
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
    let row = |stage: &str, per_text: &dyn Fn(usize, &str) -> usize| {
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
