//! `import → JSON → import` is the identity for every fixture, whichever
//! importer read it first: the JSON format can carry everything the text and
//! HTML importers produce, inline marks included.

use rtl_article::ingest::{json, text, Limits};
use rtl_article::Article;

/// Fixture files named `{prefix}*.{ext}`: the folder is shared with other
/// kinds of fixture (catalogs), so each kind keeps to its prefix.
fn fixtures(prefix: &str, ext: &str) -> Vec<(String, String)> {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            )
        })
        .collect();
    out.sort();
    out
}

fn assert_round_trip(name: &str, article: &Article) {
    for json_text in [
        serde_json::to_string(article).unwrap(),
        serde_json::to_string_pretty(article).unwrap(),
    ] {
        let imported =
            json::import_with(&json_text, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e}\n{json_text}"));
        assert_eq!(&imported.article, article, "{name} changed in the round trip");
        assert!(imported.warnings.is_empty(), "{name}: {:?}", imported.warnings);
    }
}

#[test]
fn json_fixtures_round_trip() {
    let files = fixtures("article-", "json");
    assert!(files.len() >= 3, "json fixtures: {}", files.len());
    for (name, input) in files {
        let article = json::import(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_round_trip(&name, &article);
    }
}

#[test]
fn text_fixtures_round_trip() {
    let mut files = fixtures("seed-", "txt");
    files.extend(fixtures("scraped-", "txt"));
    assert!(files.len() >= 7, "text fixtures: {}", files.len());
    for (name, input) in files {
        let article = text::import(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_round_trip(&name, &article);
    }
}

#[cfg(feature = "html-import")]
#[test]
fn html_fixtures_round_trip() {
    let files = fixtures("", "html");
    // (Every .html fixture is an article page.)
    assert!(files.len() >= 2, "html fixtures: {}", files.len());
    for (name, input) in files {
        let article = rtl_article::ingest::html::import(&input).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The HTML fixtures carry nested and adjacent marks: the hard case.
        assert!(
            article.texts().iter().any(|t| t.text.spans.len() >= 2),
            "{name} has marks"
        );
        assert_round_trip(&name, &article);
    }
}
