//! The `rtl-article` command line as a newsroom uses it: files in, JSON or
//! HTML out, one-line errors and non-zero exits on bad input, JSON Lines
//! batches that skip bad lines without losing the others.

use std::process::Output;

#[path = "common/cli.rs"]
mod common_cli;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seed-raqqa.txt");
const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/catalog-raqqa.json");

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    common_cli::run(args, stdin)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rtl-article-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn import_guesses_text_from_the_extension_and_prints_json() {
    let out = cli(&["import", SEED], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json["headline"],
        "روسيا ترفض أي اتفاق بين قوات سوريا الديمقراطية وداعش في الرقة"
    );
    assert_eq!(json["lead"]["caption"], "رتل لتنظيم داعش الإرهابي");
    assert_eq!(json["body"].as_array().unwrap().len(), 7);
}

#[test]
fn imported_json_imports_again_to_the_same_json() {
    let first = stdout(&cli(&["import", SEED], None));
    let again = cli(&["import", "--from", "json", "-"], Some(&first));
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), first);
}

#[test]
fn render_standalone_gives_a_whole_rtl_page() {
    let out = cli(&["render", SEED, "--standalone"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(
        html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..80]
    );
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#) || html.contains(r#"<html dir="rtl" lang="ar">"#));
    assert!(html.contains("<style>"));
    assert!(html.contains(r#"<h1 data-text="headline">"#));
}

#[test]
fn render_options_change_quotes_and_digits_for_display() {
    let out = cli(
        &[
            "render",
            SEED,
            "--quotes",
            "guillemets",
            "--digits",
            "arabic-indic",
            "--no-annotate",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.contains("«بيك أب»"), "guillemets");
    assert!(!html.contains('“'));
    assert!(html.contains("٣٢ سيارة"), "Arabic-Indic digits");
    assert!(html.contains("١٢٠ عنصرا"));
}

#[test]
fn render_with_a_catalog_links_mentions_and_dates() {
    let out = cli(
        &["render", SEED, "--catalog", CATALOG, "--published", "2017-05-31"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.contains(r#"data-entity-id="raqqa""#));
    assert!(
        html.contains(r#"<time datetime="2017-05-15"><bdi dir="ltr">2017/5/15</bdi></time>"#),
        "dates become <time>, still isolated"
    );
    assert!(
        html.contains(r#"نهاية <time datetime="2016">العام الماضي</time>"#),
        "relative dates resolve"
    );
}

#[test]
fn annotate_prints_w3c_annotations() {
    let out = cli(
        &["annotate", SEED, "--catalog", CATALOG, "--published", "2017-05-31"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let annotations: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(!annotations.is_empty());
    assert!(annotations.iter().all(|a| a["type"] == "Annotation"));
    let raqqa = annotations
        .iter()
        .filter(|a| a.to_string().contains("https://example.com/topics/raqqa"))
        .count();
    assert!(raqqa >= 5, "الرقة is mentioned many times, found {raqqa}");
}

#[test]
fn bad_json_exits_non_zero_with_one_line_naming_the_field() {
    let path = temp_file(
        "bad.json",
        r#"{"headline": "عنوان", "body": [{"type": "paragraph", "text": 3}]}"#,
    );
    let out = cli(&["render", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("body[0].text"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn unknown_extension_asks_for_from() {
    let path = temp_file("article.md", "عنوان\n\nفقرة.\n");
    let out = cli(&["import", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--from"), "{}", stderr(&out));
    let ok = cli(&["import", "--from", "text", path.to_str().unwrap()], None);
    assert!(ok.status.success(), "{}", stderr(&ok));
}

#[test]
fn missing_file_and_bad_published_date_are_clear_errors() {
    let out = cli(&["import", "/nonexistent/article.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/article.json"));
    let out = cli(&["annotate", SEED, "--published", "31/5/2017"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--published"), "{}", stderr(&out));
    let out = cli(&["annotate", SEED, "--published", "2017-02-30"], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bad_catalog_names_the_file_and_entry() {
    let path = temp_file("catalog.json", r#"[{"id": "x", "type": "planet", "names": ["الرقة"]}]"#);
    let out = cli(&["annotate", SEED, "--catalog", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("catalog.json") && err.contains("type"), "{err}");
}

#[test]
fn non_utf8_input_is_refused() {
    let dir = std::env::temp_dir().join(format!("rtl-article-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"\xe9t\xe9\n").unwrap();
    let out = cli(&["import", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("UTF-8"));
}

#[test]
fn jsonl_batch_keeps_order_and_skips_bad_lines_with_their_numbers() {
    let mut lines = Vec::new();
    for i in 0..40 {
        lines.push(format!(
            r#"{{"headline": "خبر رقم {i}", "body": [{{"type": "paragraph", "text": "وصل الوفد إلى دمشق"}}]}}"#
        ));
    }
    lines[4] = "{not json".to_string();
    lines[9] = r#"{"headline": 12}"#.to_string();
    lines.insert(20, String::new()); // blank lines are not articles
    let input = lines.join("\n");

    let out = cli(&["annotate", "--jsonl", "-", "--gazetteer"], Some(&input));
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    let err = stderr(&out);
    assert!(err.contains("line 5:"), "{err}");
    assert!(err.contains("line 10: headline"), "{err}");
    assert!(err.contains("38 articles written, 2 lines skipped"), "{err}");
    let outputs: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(outputs.len(), 38);
    for line in &outputs {
        let annotations: Vec<serde_json::Value> = serde_json::from_str(line).unwrap();
        assert!(line.contains("geo:"), "the gazetteer finds دمشق: {line}");
        assert!(annotations.iter().all(|a| a["type"] == "Annotation"));
    }

    let out = cli(&["render", "--jsonl", "-", "--no-annotate"], Some(&input));
    let html: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<String>(l).unwrap())
        .collect();
    assert_eq!(html.len(), 38);
    assert!(html[0].contains("خبر رقم 0"));
    assert!(html[4].contains("خبر رقم 5"), "order is kept around skipped lines");
    assert!(html[37].contains("خبر رقم 39"));
}

#[test]
fn a_jsonl_batch_repairs_dirty_articles_and_says_so_instead_of_losing_them() {
    // What loses articles in a real archive: a stray U+001A (escaped or raw),
    // half a surrogate pair, a line that is not UTF-8.
    let line = |text: &str| format!(r#"{{"headline": "خبر", "body": [{{"type": "paragraph", "text": "{text}"}}]}}"#);
    let mut input = [
        line("وصل الوفد\\u001a إلى دمشق"),
        line("وصل \\ud83d الوفد"),
        line("وصل\u{1a} الوفد"),
    ]
    .join("\n")
    .into_bytes();
    input.extend_from_slice(b"\n");
    input.extend_from_slice(line("وصل الوفد X").replace('X', "\u{1}").as_bytes());
    let bad_utf8 = input.len() - 5;
    input[bad_utf8] = 0xff; // the last line's raw U+0001 becomes a byte that is not UTF-8
    let file = temp_file("dirty.jsonl", std::str::from_utf8(&input[..bad_utf8]).unwrap());
    std::fs::write(&file, &input).unwrap();
    let out = cli(&["render", "--jsonl", file.to_str().unwrap(), "--no-annotate"], None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("4 articles written, 0 lines skipped"), "{err}");
    assert!(
        err.contains("line 1: warning: body[0].text: control character U+001A at character 9 removed"),
        "{err}"
    );
    assert!(
        err.contains("line 2: warning: byte 70: half a surrogate pair (\\ud83d) replaced with U+FFFD"),
        "{err}"
    );
    assert!(
        err.contains("line 3: warning: body[0].text: control character U+001A at character 3 removed"),
        "{err}"
    );
    assert!(
        err.contains("line 4: warning: not UTF-8: the bad bytes were replaced with U+FFFD"),
        "{err}"
    );
    let html: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<String>(l).unwrap())
        .collect();
    assert!(html[0].contains("وصل الوفد إلى دمشق"), "{}", html[0]);
    assert!(html[1].contains("وصل \u{fffd} الوفد"), "{}", html[1]);
}

#[test]
fn a_jsonl_batch_of_many_chunks_keeps_order_from_a_file_and_from_stdin() {
    // More lines than the batch reads at once (its chunks are hundreds of
    // lines), with bad lines on either side of chunk boundaries and an
    // article in Latin script among the Arabic ones.
    let count = 2600;
    let bad = [1, 511, 512, 513, 1024, 1025, 2048, 2600];
    let lines: Vec<String> = (1..=count)
        .map(|n| {
            if bad.contains(&n) {
                format!(r#"{{"headline": {n}}}"#)
            } else if n % 7 == 0 {
                format!(r#"{{"headline": "BBC {n}", "lang": "en", "body": [{{"type": "paragraph", "text": "The source said قال المصدر {n}"}}]}}"#)
            } else {
                format!(r#"{{"headline": "خبر {n}", "body": [{{"type": "paragraph", "text": "وصل الوفد إلى دمشق في 2017/5/{n}"}}]}}"#)
            }
        })
        .collect();
    let input = lines.join("\n") + "\n";
    let file = temp_file("many.jsonl", &input);
    let from_file = cli(&["render", "--jsonl", file.to_str().unwrap(), "--gazetteer"], None);
    let from_stdin = cli(&["render", "--jsonl", "-", "--gazetteer"], Some(&input));
    for out in [&from_file, &from_stdin] {
        assert_eq!(out.status.code(), Some(1), "some lines failed");
        let err = stderr(out);
        let numbers: Vec<usize> = err
            .lines()
            .filter_map(|l| l.strip_prefix("rtl-article: line ")?.split(':').next()?.parse().ok())
            .collect();
        assert_eq!(numbers, bad, "every bad line reported, in order: {err}");
        let written = count - bad.len();
        assert!(
            err.contains(&format!("{written} articles written, {} lines skipped", bad.len())),
            "{err}"
        );
        let html: Vec<String> = stdout(out)
            .lines()
            .map(|l| serde_json::from_str::<String>(l).unwrap())
            .collect();
        let expected: Vec<usize> = (1..=count).filter(|n| !bad.contains(n)).collect();
        assert_eq!(html.len(), expected.len());
        for (html, n) in html.iter().zip(&expected) {
            // The headline's number, marked up (`<data value="n">n</data>`) or not.
            assert!(
                html.contains(&format!(">{n}<")) || html.contains(&format!(" {n}<")),
                "line {n}: {html}"
            );
            assert!(html.starts_with("<article"), "line {n}");
        }
    }
    assert_eq!(from_file.stdout, from_stdin.stdout);
    // One article alone renders as it does in the batch.
    let one = cli(&["render", "--jsonl", "-", "--gazetteer"], Some(&lines[6]));
    assert_eq!(stdout(&one).trim_end(), stdout(&from_file).lines().nth(5).unwrap());
}

#[test]
fn oversized_input_is_refused_with_the_limit() {
    let big = format!("عنوان\n\n{}\n", "ا".repeat(3 * 1024 * 1024));
    let out = cli(&["import", "--from", "text", "-"], Some(&big));
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("4194304"), "{}", stderr(&out));
}

#[test]
fn a_compiled_catalog_annotates_like_its_json() {
    let bin = temp_file("catalog.bin", "");
    let out = cli(&["catalog", CATALOG, "-o", bin.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("11 entities"), "{}", stderr(&out));
    let from_json = stdout(&cli(&["annotate", SEED, "--catalog", CATALOG], None));
    let from_bin = cli(&["annotate", SEED, "--catalog", bin.to_str().unwrap()], None);
    assert!(from_bin.status.success(), "{}", stderr(&from_bin));
    assert_eq!(stdout(&from_bin), from_json);
    assert!(from_json.contains("https://example.com/topics/raqqa"));

    // A truncated binary is an error naming the file, not a crash.
    let bytes = std::fs::read(&bin).unwrap();
    let cut = temp_file("cut.bin", "");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let bad = cli(&["annotate", SEED, "--catalog", cut.to_str().unwrap()], None);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("cut.bin"), "{}", stderr(&bad));
}

#[test]
fn compiling_a_catalog_reports_shared_and_common_names() {
    let json = temp_file(
        "shared.json",
        r#"[
          {"id": "club", "type": "organization", "names": ["النجمة"], "description": "نادٍ لكرة القدم"},
          {"id": "paper", "type": "organization", "names": ["النجمة", "جريدة النجمة"], "description": "جريدة يومية"},
          {"id": "ali", "type": "person", "names": ["علي", "علي حسن"]},
          {"id": "bank", "type": "organization", "names": ["الأول", "البنك الأول"]}
        ]"#,
    );
    let bin = temp_file("shared.bin", "");
    let out = cli(&["catalog", json.to_str().unwrap(), "-o", bin.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("name \"النجمه\" is shared by club, paper"), "{err}");
    assert!(err.contains("ali: name \"علي\" folds to a function word"), "{err}");
    assert!(err.contains("bank: name \"الاول\" is a common word"), "{err}");
    assert!(!err.contains("البنك"), "{err}");
}

/// The seed as JSON, with the paragraph holding "120 عنصرا" given `edit`.
fn seed_json(edit: impl Fn(&str) -> String) -> String {
    let out = cli(&["import", SEED], None);
    let mut article: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    for block in article["body"].as_array_mut().unwrap() {
        if let Some(text) = block["text"].as_str().filter(|t| t.contains("120 عنصرا")) {
            block["text"] = serde_json::Value::String(edit(text));
        }
    }
    article.to_string()
}

#[test]
fn reanchor_updates_selectors_and_marks_orphans() {
    let before = temp_file("reanchor-before.json", &seed_json(|t| t.to_string()));
    let after = temp_file(
        "reanchor-after.json",
        &seed_json(|t| {
            t.replacen("وأضاف أنه", "وفي تطور لاحق، وأضاف أنه", 1)
                .replace(" كانت متجهة من الرقة إلى تدمر", "")
        }),
    );
    // Annotations made on the article before the edit, as the annotate
    // command writes them, plus one whose words the edit removed.
    let saved = cli(&["annotate", &before.display().to_string()], None);
    let mut annotations: serde_json::Value = serde_json::from_str(&stdout(&saved)).unwrap();
    let mut wanted = None;
    for (i, a) in annotations.as_array_mut().unwrap().iter_mut().enumerate() {
        a["generator"] = serde_json::json!({"name": "test"});
        if a["target"]["selector"][0]["exact"] == "120 عنصرا" {
            wanted = Some(i);
        }
    }
    let collection = serde_json::json!({
        "type": "AnnotationCollection", "label": "saved",
        "first": {"type": "AnnotationPage", "items": [
            annotations[wanted.unwrap()].clone(),
            {"type": "Annotation", "motivation": "highlighting",
             "target": {"source": "urn:x#p-aaaaaaaa", "selector": [
                {"type": "TextQuoteSelector", "exact": "من الرقة إلى تدمر", "prefix": "متجهة ", "suffix": "."}]}},
        ]}
    });
    let saved = temp_file("reanchor-saved.json", &collection.to_string());
    let out = cli(
        &[
            "reanchor",
            "--article",
            &after.display().to_string(),
            "--annotations",
            &saved.display().to_string(),
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 placed, 1 orphaned"), "{}", stderr(&out));
    let back: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(back["label"], "saved");
    let items = back["first"]["items"].as_array().unwrap();
    // The number moved with the inserted words; what we did not write is kept.
    assert_eq!(items[0]["target"]["selector"][0]["exact"], "120 عنصرا");
    let edited: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&after).unwrap()).unwrap();
    let paragraph = edited["body"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|b| b["text"].as_str().filter(|t| t.contains("120 عنصرا")))
        .unwrap();
    let at = paragraph[..paragraph.find("120 عنصرا").unwrap()].chars().count() as u64;
    assert_eq!(items[0]["target"]["selector"][1]["start"].as_u64().unwrap(), at);
    assert_ne!(
        items[0]["target"]["selector"][1]["start"],
        collection["first"]["items"][0]["target"]["selector"][1]["start"]
    );
    assert_eq!(items[0]["generator"]["name"], "test");
    assert!(items[0].get("orphan").is_none());
    // The words that are gone: an orphan, with its selector kept.
    assert_eq!(items[1]["orphan"], true);
    assert_eq!(items[1]["target"]["selector"][0]["exact"], "من الرقة إلى تدمر");
}

#[test]
fn reanchor_refuses_bad_annotations_naming_the_field() {
    let article = temp_file("reanchor-article.json", &seed_json(|t| t.to_string()));
    let bad = temp_file(
        "reanchor-bad.json",
        r#"[{"target": {"selector": {"type": "TextPositionSelector", "start": "3"}}}]"#,
    );
    let out = cli(
        &[
            "reanchor",
            "--article",
            &article.display().to_string(),
            "--annotations",
            &bad.display().to_string(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("[0].target.selector.start: expected a non-negative integer, found a string"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn render_shows_editorial_notes_from_a_file() {
    let notes = temp_file(
        "notes.json",
        r#"[{"motivation": "assessing", "bodyValue": "وثّقت مصادر مستقلة 118 قتيلا.",
             "target": {"selector": {"type": "TextQuoteSelector", "exact": "120 عنصرا"}}},
            {"motivation": "editing", "bodyValue": "صُحّح.", "target": {"selector": {"type": "TextQuoteSelector", "exact": "ليست في النص"}}}]"#,
    );
    let out = cli(&["render", SEED, "--notes", &notes.display().to_string()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(
        html.contains("120 عنصرا<button type=\"button\" class=\"note-marker fact-check\""),
        "{html}"
    );
    assert!(stderr(&out).contains("are no longer in the text"), "{}", stderr(&out));
}
