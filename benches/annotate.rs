//! Annotation throughput (MB/s) over ~5 MB of Arabic news text with
//! catalogs of 1k, 10k and 100k entries, catalog compile time (JSON →
//! automaton), `Catalog::from_bytes` load time, and — for comparison — what
//! loading a serialized daachorse automaton would cost.
//!
//! Run: `cargo bench --profile cli --bench annotate` (prints a Markdown table).

use std::hint::black_box;
use std::time::{Duration, Instant};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::Annotator;
use rtl_article::text::normalize::fold_str;

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
    "با", "تي", "سو", "مر", "كا", "لي", "نو", "ها", "دا", "رو", "زي", "فا", "قو", "جي", "طا", "شو",
    "عا", "غي", "خو", "صا", "ضي", "ثو", "ذا", "ظي", "وا", "يو", "لا", "مي", "نا", "سي",
];

fn synthetic_name(rng: &mut Rng) -> String {
    let words = 1 + rng.next() % 3;
    let mut name = String::new();
    for w in 0..words {
        if w > 0 {
            name.push(' ');
        }
        if rng.next() % 3 == 0 {
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
        let names: Vec<String> = (0..1 + rng.next() % 2)
            .map(|_| synthetic_name(&mut rng))
            .collect();
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
    let paragraphs = corpus();
    let bytes: usize = paragraphs.iter().map(|p| p.len()).sum();
    let mb = bytes as f64 / 1_000_000.0;
    println!("corpus: {} paragraphs, {:.2} MB\n", paragraphs.len(), mb);
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
        let da_load = time(|| {
            CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(&da_bytes)
                .unwrap()
                .0
        });
        let mut found = 0;
        let find = time(|| {
            found = paragraphs
                .iter()
                .map(|p| catalog.find(p).len())
                .sum::<usize>();
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
    // The whole Annotator (catalog + gazetteer + dates, numbers, roles).
    let catalog = Catalog::from_json(&catalog_json(1_000)).unwrap();
    let annotator = Annotator::new()
        .gazetteer(true)
        .catalog(catalog)
        .published((2017, 5, 27));
    let mut count = 0;
    let full = time(|| {
        count = paragraphs
            .iter()
            .map(|p| annotator.annotate_text(p).len())
            .sum::<usize>();
        count
    });
    println!(
        "\nfull Annotator (1k catalog + gazetteer + dates/numbers/roles): {:.1} MB/s, {count} annotations",
        mb / full.as_secs_f64()
    );
}
