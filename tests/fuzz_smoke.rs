//! The fuzz targets on stable, bounded (`npm test` runs it through
//! `cargo test --all-features`): each target over its committed corpus
//! (`fuzz/corpus/<target>/`), then over mutations of it — byte flips,
//! splices of two inputs, Arabic letters, diacritics, bidi controls and
//! dirt inserted, cuts and repeats — from a seeded generator, until its
//! time budget is spent. The seed is printed; a failing input is written to
//! `target/fuzz-smoke/<target>-failure` and replayed with
//! `FUZZ_REPLAY=that-file cargo test --all-features --test fuzz_smoke <target>`.
//! `FUZZ_SEED` and `FUZZ_SECS` (per target; default 6 optimised, 3 in a
//! debug build) change the run. `fuzz/README.md` says more.

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rtl_article::fuzzing::Rand;

/// Pieces worth inserting: what breaks text handling in Arabic news.
const PIECES: &[&str] = &[
    "ال",
    "الرقة",
    "قال ",
    "\u{0651}",
    "\u{064E}",
    "\u{0640}",
    "ـ",
    "ة",
    "ى",
    "أ",
    "١٢٣",
    "٫",
    "،",
    "؟",
    "«",
    "»",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{200E}",
    "\u{200F}",
    "\u{202A}",
    "\u{202B}",
    "\u{202E}",
    "\u{202C}",
    "\u{2066}",
    "\u{2067}",
    "\u{2068}",
    "\u{2069}",
    "\u{061C}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\u{FFFF}",
    "\u{FDD0}",
    "\u{85}",
    "\u{2028}",
    "\u{A0}",
    "\r",
    "\r\n",
    "\n",
    "\n\n",
    "\t",
    "\0",
    "\u{7}",
    "\u{1A}",
    "<",
    ">",
    "&",
    "&amp;",
    "&#x202e;",
    "\"",
    "\\",
    "\\ud83d",
    "\\u0000",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "<p>",
    "</p>",
    "<b>",
    "<a href=\"javascript:x\">",
    "<script>",
    "<!--",
    "...",
    "…",
    "- ",
    "1. ",
    "١. ",
    "بقلم ",
    "أقسام\n",
    "أخبار متعلقة\n",
    "https://e.com/a",
    "iPhone 15",
    "2017/5/15",
    "19 شعبان 1438",
    "45%",
    "😀",
    "\u{1F1F8}\u{1F1E6}",
    "e\u{301}",
];

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let inputs: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(inputs.len() >= 10, "{target}: {} seeds", inputs.len());
    inputs
}

/// A byte offset in `v`, moved to a UTF-8 boundary most of the time (a
/// mutation that keeps the text valid reaches deeper than one that does not).
fn offset(rand: &mut Rand, v: &[u8]) -> usize {
    let mut at = rand.below(v.len() + 1);
    if rand.below(8) != 0 {
        while at < v.len() && (v[at] & 0xC0) == 0x80 {
            at += 1;
        }
    }
    at
}

/// One to four mutations of a corpus input (sometimes spliced with another).
fn mutate(rand: &mut Rand, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut v = seeds[rand.below(seeds.len())].clone();
    for _ in 0..1 + rand.below(4) {
        match rand.below(8) {
            0 if !v.is_empty() => {
                let at = rand.below(v.len());
                v[at] ^= 1 << rand.below(8);
            }
            1..=3 => {
                let at = offset(rand, &v);
                let piece = PIECES[rand.below(PIECES.len())].as_bytes();
                v.splice(at..at, piece.iter().copied());
            }
            4 if !v.is_empty() => {
                let at = offset(rand, &v);
                let end = (at + rand.below(64)).min(v.len());
                v.drain(at..end);
            }
            5 => {
                let other = &seeds[rand.below(seeds.len())];
                let at = offset(rand, &v);
                let from = rand.below(other.len() + 1);
                let to = (from + rand.below(256)).min(other.len());
                v.splice(at..at, other[from..to].iter().copied());
            }
            6 if !v.is_empty() => {
                let at = offset(rand, &v);
                let end = (at + rand.below(32)).min(v.len());
                let piece = v[at..end].to_vec();
                v.splice(at..at, piece);
            }
            _ => {
                // Random bytes, for the binary codec and the anchor's choices.
                let at = rand.below(v.len() + 1);
                let bytes: Vec<u8> = (0..1 + rand.below(8)).map(|_| rand.next() as u8).collect();
                v.splice(at..at, bytes);
            }
        }
    }
    v
}

fn budget() -> Duration {
    let default = if cfg!(debug_assertions) { 3.0 } else { 6.0 };
    let secs = std::env::var("FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(default);
    Duration::from_secs_f64(secs)
}

/// Run `target` on `input`; on a failure, keep the input for replay.
fn run_one(name: &str, target: bodies::Target, input: &[u8], what: &str) {
    if let Err(panic) = std::panic::catch_unwind(|| target(input)) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-smoke");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{name}-failure"));
        let _ = std::fs::write(&file, input);
        eprintln!(
            "{name}: {what} failed; input saved to {} ({} bytes); replay with FUZZ_REPLAY={} cargo test --all-features --test fuzz_smoke {name}",
            file.display(),
            input.len(),
            file.display()
        );
        std::panic::resume_unwind(panic);
    }
}

fn smoke(name: &str) {
    let target = bodies::TARGETS.iter().find(|(n, _)| *n == name).unwrap().1;
    if let Ok(file) = std::env::var("FUZZ_REPLAY") {
        let input = std::fs::read(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        target(&input);
        return;
    }
    let seeds = corpus(name);
    for (i, seed) in seeds.iter().enumerate() {
        run_one(name, target, seed, &format!("corpus file {i}"));
    }
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x2545_F491_4F6C_DD1D_u64 ^ name.len() as u64);
    let mut rand = Rand::new(seed);
    let (started, budget) = (Instant::now(), budget());
    let mut runs = 0;
    while started.elapsed() < budget {
        let input = mutate(&mut rand, &seeds);
        run_one(name, target, &input, &format!("mutation {runs} of FUZZ_SEED={seed}"));
        runs += 1;
    }
    eprintln!(
        "{name}: {} corpus inputs, {runs} mutations in {:.1} s (FUZZ_SEED={seed})",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
}

#[test]
fn json_import() {
    smoke("json_import");
}

#[test]
fn text_import() {
    smoke("text_import");
}

#[test]
fn html_import() {
    smoke("html_import");
}

#[test]
fn annotate() {
    smoke("annotate");
}

#[test]
fn render() {
    smoke("render");
}

#[test]
fn catalog_bytes() {
    smoke("catalog_bytes");
}

#[test]
fn anchor() {
    smoke("anchor");
}

/// Every target has a test here and a cargo-fuzz target.
#[test]
fn every_target_is_driven() {
    let here = include_str!("fuzz_smoke.rs");
    for (name, _) in bodies::TARGETS {
        assert!(
            here.contains(&format!("fn {name}() {{\n    smoke(\"{name}\");")),
            "{name}"
        );
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("fuzz/fuzz_targets/{name}.rs"));
        assert!(target.exists(), "{}", target.display());
    }
}

/// Writes the compiled form of the JSON catalogs among catalog_bytes'
/// seeds beside them (`tools/fuzz-corpus/generate.py` writes the rest).
#[test]
#[ignore]
fn write_catalog_seeds() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/catalog_bytes");
    for input in [
        "tests-fixtures-catalog-gulf.json",
        "tests-fixtures-catalog-raqqa.json",
        "eval-00.json",
        "eval-03.json",
    ] {
        let json = std::fs::read_to_string(dir.join(input)).unwrap();
        let catalog = rtl_article::annotate::catalog::Catalog::from_json(&json).unwrap();
        std::fs::write(dir.join(input.replace(".json", ".bin")), catalog.to_bytes()).unwrap();
    }
}
