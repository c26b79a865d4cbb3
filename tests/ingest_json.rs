//! The JSON importer: fixtures, inline runs, and an error for every way the
//! input can be wrong, each naming its JSON path.

use rtl_article::ingest::{json, Limits};
use rtl_article::{Block, BlockKind, Dir, ErrorKind, Mark};
use serde_json::json;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn err(input: &str) -> String {
    json::import(input).unwrap_err().to_string()
}

fn err_value(value: serde_json::Value) -> String {
    json::import_value(&value, &Limits::default()).unwrap_err().to_string()
}

#[test]
fn full_fixture_reads_every_field() {
    let imported = json::import_with(&fixture("article-full.json"), &Limits::default()).unwrap();
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let a = imported.article;
    assert_eq!(a.id.as_deref(), Some("raqqa-2017-05-28"));
    assert_eq!(
        a.headline.text,
        "روسيا ترفض أي اتفاق بين قوات سوريا الديمقراطية وداعش في الرقة"
    );
    let standfirst = a.standfirst.as_ref().unwrap();
    assert_eq!(
        standfirst.text,
        "موسكو تقول إن سلاح الطيران الروسي سيمنع خروج مقاتلي التنظيم من المدينة"
    );
    let s = &standfirst.spans[0];
    assert_eq!(
        (&standfirst.text[s.start..s.end], &s.mark),
        ("سلاح الطيران الروسي", &Mark::Strong)
    );
    assert_eq!(
        a.published.as_ref().map(|t| t.as_str()),
        Some("2017-05-28T09:30:00+03:00")
    );
    assert_eq!(a.updated.as_ref().map(|t| t.as_str()), Some("2017-05-28T14:05Z"));
    assert_eq!(a.tags, ["سوريا", "الرقة", "روسيا"]);
    assert_eq!(a.publisher.as_ref().map(|p| p.name.as_str()), Some("أخبار المثال"));
    let lead = a.lead.as_ref().unwrap();
    assert_eq!((lead.width, lead.height), (Some(1200), Some(675)));
    assert_eq!(
        lead.caption.as_ref().map(|c| c.text.as_str()),
        Some("رتل لتنظيم داعش الإرهابي")
    );
    let types: Vec<&str> = a.body.iter().map(Block::type_name).collect();
    assert_eq!(
        types,
        [
            "paragraph",
            "heading",
            "paragraph",
            "blockquote",
            "pull_quote",
            "list",
            "list",
            "figure",
            "related",
            "paragraph"
        ]
    );
    assert_eq!(a.related.len(), 2);
    assert_eq!(a.related[0].url, "/news/raqqa-battle");
}

#[test]
fn nested_runs_flatten_to_byte_spans() {
    let a = json::import(&fixture("article-full.json")).unwrap();
    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!("paragraph")
    };
    assert_eq!(text.text, "أعلن مصدر في وزارة الدفاع الروسية أن موسكو لن تسمح بأي اتفاق تبرمه قوات سوريا الديمقراطية وتنظيم داعش في الرقة.");
    let marked: Vec<(&str, &Mark)> = text
        .spans
        .iter()
        .map(|s| (&text.text[s.start..s.end], &s.mark))
        .collect();
    let link = Mark::Link {
        href: "/topics/russian-defence-ministry".into(),
        title: Some("وزارة الدفاع الروسية".into()),
    };
    assert_eq!(
        marked,
        [
            ("وزارة الدفاع الروسية", &link),
            ("الروسية", &Mark::Strong),
            ("قوات سوريا الديمقراطية", &Mark::Emphasis)
        ]
    );
    // Tabs survive; they are allowed in text.
    let Some(BlockKind::Paragraph { text }) = a.body.last().map(|b| &b.kind) else {
        panic!("paragraph")
    };
    assert!(text.text.contains("newsroom@example.com\tأو"));
}

#[test]
fn defaults_and_null_fields() {
    let a = json::import(&fixture("article-minimal.json")).unwrap();
    assert_eq!((a.lang.as_str(), a.dir), ("ar", Dir::Rtl));
    assert!(a.body.is_empty());

    let imported = json::import_with(&fixture("article-ltr.json"), &Limits::default()).unwrap();
    let a = imported.article;
    assert_eq!((a.lang.as_str(), a.dir), ("en-GB", Dir::Ltr));
    assert_eq!(a.byline, None, "null means absent");
    assert!(matches!(&a.body[1].kind, BlockKind::List { ordered: false, items } if items.len() == 3));
    assert!(imported.warnings.is_empty());

    let a = json::import(r#"{"headline": "שלום", "lang": "he", "dir": "auto"}"#).unwrap();
    assert_eq!(a.dir, Dir::Auto);
}

#[test]
fn unknown_fields_warn_with_their_path() {
    let imported = json::import_with(
        r#"{"headline": "عنوان", "colour": "red",
            "lead": {"caption": "صورة", "focus": "center"},
            "body": [{"type": "paragraph", "text": "نص"},
                     {"type": "paragraph", "text": ["أ", {"em": "ب", "class": "x"}], "colour": "blue"}]}"#,
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(
        imported.warnings,
        [
            "colour: unknown field, ignored",
            "lead.focus: unknown field, ignored",
            "body[1].colour: unknown field, ignored",
            "body[1].text[1].class: unknown field, ignored",
        ]
    );
}

#[test]
fn wrong_types_name_path_and_expectation() {
    assert_eq!(
        err(r#"{"headline": 3}"#),
        "headline: expected a string or an array of inline runs, found a number"
    );
    assert_eq!(err(r#"{"body": []}"#), "headline: missing (required)");
    assert_eq!(err(r#"{"headline": "  "}"#), "headline: must not be empty");
    assert_eq!(
        err(
            r#"{"headline": "ع", "body": [{"type": "paragraph", "text": "أ"}, {"type": "paragraph", "text": "ب"},
                {"type": "paragraph", "text": "ج"}, {"type": "paragraph", "text": 7}]}"#
        ),
        "body[3].text: expected a string or an array of inline runs, found a number"
    );
    assert_eq!(
        err(
            r#"{"headline": "ع", "body": [{"type": "paragraph", "text": "أ"}, {"type": "list", "items": []}, {"type": "video"}]}"#
        ),
        "body[1].items: expected at least one item"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"type": "paragraph", "text": "أ"}, {"type": "paragraph", "text": "ب"}, {"type": "video"}]}"#),
        "body[2].type: unknown block type \"video\" (expected one of paragraph, heading, blockquote, pull_quote, list, figure, related)"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"text": "أ"}]}"#),
        "body[0].type: missing (required)"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": ["نص"]}"#),
        "body[0]: expected an object (a block with a \"type\"), found a string"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": {}}"#),
        "body: expected an array of blocks, found an object"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "published": "15/5/2017"}"#),
        "published: expected an ISO 8601 date or date-time, found \"15/5/2017\""
    );
    assert_eq!(
        err(r#"{"headline": "ع", "updated": 2017}"#),
        "updated: expected an ISO 8601 date or date-time, found a number"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "lead": {"width": 0}}"#),
        "lead.width: expected a whole number from 1 to 100000, found 0"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "lead": {"height": 640.5}}"#),
        "lead.height: expected a whole number from 1 to 100000, found 640.5"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"type": "heading", "level": 1, "text": "x"}]}"#),
        "body[0].level: expected a whole number from 2 to 6, found 1"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "lang": "arabic"}"#),
        "lang: expected a BCP 47 language tag such as \"ar\" or \"ar-EG\", found \"arabic\""
    );
    assert_eq!(
        err(r#"{"headline": "ع", "dir": "up"}"#),
        "dir: expected one of \"rtl\", \"ltr\", \"auto\", found \"up\""
    );
    assert_eq!(
        err(r#"{"headline": "ع", "tags": ["أ", 2]}"#),
        "tags[1]: expected a string, found a number"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "publisher": {}}"#),
        "publisher.name: missing (required)"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "related": [{"title": "خبر"}]}"#),
        "related[0].url: missing (required)"
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"type": "list", "ordered": "yes", "items": ["أ"]}]}"#),
        "body[0].ordered: expected true or false, found a string"
    );
    assert_eq!(
        err("[1, 2]"),
        "input: expected a JSON object (the article), found an array"
    );
}

#[test]
fn inline_run_errors() {
    assert_eq!(
        err(r#"{"headline": ["قال ", 5]}"#),
        "headline[1]: expected a string or a mark object ({\"strong\": …}, {\"em\": …} or {\"link\": …, \"href\": …}), found a number"
    );
    assert_eq!(
        err(r#"{"headline": [{"strong": "أ", "em": "ب"}]}"#),
        "headline[0]: a mark object has exactly one of \"strong\", \"em\", \"link\", found strong and em"
    );
    assert_eq!(
        err(r#"{"headline": [{"link": "الوزارة"}]}"#),
        "headline[0].href: missing (required)"
    );
    assert_eq!(
        err(r#"{"headline": [{"strong": 3}]}"#),
        "headline[0].strong: expected a string or an array of inline runs, found a number"
    );
    // 33 nested marks are refused; 32 are fine.
    let nest = |n: usize| {
        let mut v = json!("نص");
        for _ in 0..n {
            v = json!([{ "em": v }]);
        }
        json!({ "headline": v })
    };
    assert!(json::import_value(&nest(32), &Limits::default()).is_ok());
    let message = err_value(nest(33));
    assert!(message.ends_with("inline marks nested more than 32 deep"), "{message}");
    assert!(message.starts_with("headline[0].em[0].em[0]"), "{message}");
}

fn warnings(input: &str) -> (rtl_article::Article, Vec<String>) {
    let imported = json::import_with(input, &Limits::default()).unwrap();
    (imported.article, imported.warnings)
}

#[test]
fn dirty_text_is_cleaned_with_a_warning_naming_its_path() {
    // A stray control character (the U+001A that a real archive's CMS left
    // in 0.3 % of its articles) is removed, the article kept.
    let (a, w) = warnings("{\"headline\": \"ع\", \"body\": [{\"type\": \"paragraph\", \"text\": [\"أ\", {\"strong\": \"ب\\u001a\\u0000ج\"}]}]}");
    assert_eq!(
        w,
        ["body[0].text[1].strong: control character U+001A at character 1 removed (and 1 more)"]
    );
    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!()
    };
    assert_eq!(text.text, "أبج");
    assert_eq!(&text.text[text.spans[0].start..text.spans[0].end], "بج");
    // A carriage return is a line break: before a line feed it goes, alone it becomes one.
    let (a, w) = warnings("{\"headline\": \"ع\", \"byline\": \"بقلم\\r\\nفلان\", \"standfirst\": \"سطر\\rسطر\"}");
    assert_eq!(a.byline.as_deref(), Some("بقلم\nفلان"));
    assert_eq!(a.standfirst.unwrap().text, "سطر\nسطر");
    assert_eq!(
        w,
        [
            "standfirst: carriage return at character 3 replaced with a line feed",
            "byline: carriage return at character 4 removed"
        ]
    );
    // C1 controls, byte-order marks inside text, noncharacters, and a zero-width
    // space inside a word or next to a space; a joiner or non-joiner is text.
    let (a, w) = warnings("{\"headline\": \"الر\\u200bقة \\u200b\\ufeffو\\u0085\\uffffحلب\", \"standfirst\": \"می\\u200cخواهم 👨\\u200d👩\"}");
    assert_eq!(a.headline.text, "الرقة وحلب");
    assert_eq!(a.standfirst.unwrap().text, "می\u{200c}خواهم 👨\u{200d}👩");
    assert_eq!(w, ["headline: zero-width space at character 3 removed (and 4 more)"]);
    // Tab and line feed are text; a clean article has no warning.
    assert_eq!(
        warnings("{\"headline\": \"سطر\\nوسطر\\tوجدولة\"}").1,
        Vec::<String>::new()
    );
    // A URL is not repaired (removing a character can change where it
    // leads): it is dropped, with a warning, and the article kept.
    let (a, w) = warnings(
        r#"{"headline": ["أ", {"em": ["ب", {"link": "ج", "href": "https://example.com/\nx"}]}], "url": "https://example.com/\u001a"}"#,
    );
    assert_eq!(a.url, None);
    assert_eq!(a.headline.text, "أبج");
    assert_eq!(
        w,
        [
            "headline[1].em[1].href: control character U+000A at character 20 is not allowed (URLs may not contain control characters); the URL \"https://example.com/\\nx\" was dropped",
            "url: control character U+001A at character 20 is not allowed (URLs may not contain control characters); the URL \"https://example.com/\\u{1a}\" was dropped"
        ]
    );
}

#[test]
fn half_a_surrogate_pair_is_replaced_with_a_warning() {
    // What JSON.stringify writes for a JavaScript string cut inside an emoji.
    let (a, w) = warnings("{\n  \"headline\": \"عاجل \\ud83d\",\n  \"byline\": \"\\udc4d \\ud83d\\udc4d\"\n}");
    assert_eq!(a.headline.text, "عاجل \u{fffd}");
    assert_eq!(a.byline.as_deref(), Some("\u{fffd} 👍"));
    assert_eq!(
        w,
        ["byte 26: half a surrogate pair (\\ud83d) replaced with U+FFFD (and 1 more)"]
    );
    // An escaped backslash before "u" is not an escape; a pair is a pair.
    let (a, w) = warnings(r#"{"headline": "\\ud83d \ud83d\ude00"}"#);
    assert_eq!(a.headline.text, "\\ud83d 😀");
    assert!(w.is_empty(), "{w:?}");
    // A raw control character inside a string (JSON wants it escaped) is
    // cleaned like an escaped one, naming its field; a raw tab is kept.
    let (a, w) = warnings("{\"headline\": \"خبر\u{1a} عاجل\", \"byline\": \"أ\tب\"}");
    assert_eq!(
        (a.headline.text.as_str(), a.byline.as_deref()),
        ("خبر عاجل", Some("أ\tب"))
    );
    assert_eq!(w, ["headline: control character U+001A at character 3 removed"]);
    // Outside strings it is still a syntax error.
    assert!(json::import("{\"headline\":\u{1}\"ع\"}").is_err());
    // A byte-order mark in front of the document is the file's.
    assert!(warnings("\u{feff}{\"headline\": \"ع\"}").1.is_empty());
}

#[test]
fn syntax_errors_give_line_and_column() {
    let e = json::import("{\n  \"headline\": \"عنوان\",\n  \"body\": [}\n}").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Syntax);
    assert_eq!(e.to_string(), "line 3, column 12: expected value");
    assert_eq!(
        err("{\"headline\": \"ع\""),
        "line 1, column 17: unexpected end of input while parsing an object"
    );
    assert_eq!(
        err(""),
        "line 1, column 0: unexpected end of input while parsing a value"
    );
}

#[test]
fn limits_are_enforced_with_the_limit_in_the_message() {
    let big = format!("{{\"headline\": \"{}\"}}", "ع".repeat(3_000_000));
    let e = json::import(&big).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert_eq!(
        e.to_string(),
        format!(
            "input is {} bytes; the limit is 4194304 bytes (Limits::max_input_bytes)",
            big.len()
        )
    );

    let blocks: Vec<_> = (0..6000)
        .map(|_| json!({"type": "paragraph", "text": "فقرة"}))
        .collect();
    assert_eq!(
        err_value(json!({"headline": "ع", "body": blocks})),
        "body: 6000 blocks; the limit is 5000"
    );

    let mut body: Vec<_> = (0..7).map(|_| json!({"type": "paragraph", "text": "فقرة"})).collect();
    body.push(json!({"type": "paragraph", "text": "ن".repeat(150_000)}));
    let e = json::import_value(&json!({"headline": "ع", "body": body}), &Limits::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::TooLarge);
    assert_eq!(e.to_string(), "body[7].text: 300000 bytes; the limit is 262144");
    // Runs are counted together, and the run that passes the limit is named.
    let runs = json!({"headline": "ع", "body": [{"type": "paragraph", "text": ["ن".repeat(100_000), {"em": "ن".repeat(100_000)}]}]});
    assert_eq!(err_value(runs), "body[0].text[1].em: 400000 bytes; the limit is 262144");

    let tight = Limits {
        max_text_bytes: 10,
        ..Limits::default()
    };
    let e = json::import_with(r#"{"headline": "عنوان طويل"}"#, &tight).unwrap_err();
    assert_eq!(e.to_string(), "headline: 19 bytes; the limit is 10");
}

#[test]
fn dates_accept_iso_8601_forms_only() {
    for ok in [
        "2017-05-31",
        "2017-05-31T09:30",
        "2017-05-31T09:30:15",
        "2017-05-31T09:30:15.5Z",
        "2024-02-29T00:00+05:30",
    ] {
        assert!(
            json::import_value(&json!({"headline": "ع", "published": ok}), &Limits::default()).is_ok(),
            "{ok}"
        );
    }
    for bad in [
        "2017/05/31",
        "31-05-2017",
        "2017-13-01",
        "2023-02-29",
        "2017-05-31 09:30",
        "٢٠١٧-٠٥-٣١",
        "2017-05-31T25:00",
    ] {
        let message = err_value(json!({"headline": "ع", "published": bad}));
        assert!(
            message.starts_with("published: expected an ISO 8601 date or date-time, found"),
            "{bad}: {message}"
        );
    }
}

/// The schema, compiled by the `jsonschema` crate (draft 2020-12).
fn schema() -> jsonschema::Validator {
    let path = format!("{}/schema/article.schema.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    jsonschema::draft202012::new(&value).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn every_json_fixture_validates_against_the_schema() {
    let validator = schema();
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        // Article fixtures only (other fixtures, such as catalogs, share the folder).
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !(name.starts_with("article-") && name.ends_with(".json")) {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        // And what the importer makes of it serializes to valid JSON too.
        let article = json::import_value(&value, &Limits::default()).unwrap().article;
        assert!(
            validator.is_valid(&serde_json::to_value(&article).unwrap()),
            "{} re-serialized",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 3);
}

#[test]
fn schema_and_importer_agree_on_what_is_wrong() {
    let validator = schema();
    // Each of these is refused by both; the schema must not be looser.
    for bad in [
        json!({"body": []}),
        json!({"headline": 3}),
        json!({"headline": "ع", "published": "15/5/2017"}),
        json!({"headline": "ع", "published": "2017-05-31T25:00"}),
        json!({"headline": "ع", "lang": "arabic"}),
        json!({"headline": "ع", "dir": "up"}),
        json!({"headline": "ع", "lead": {"width": 0}}),
        json!({"headline": "ع", "body": [{"type": "video"}]}),
        json!({"headline": "ع", "body": [{"type": "heading", "level": 7, "text": "x"}]}),
        json!({"headline": "ع", "body": [{"type": "list", "items": []}]}),
        json!({"headline": "ع", "body": [{"type": "paragraph", "text": [{"strong": "a", "em": "b"}]}]}),
        json!({"headline": "ع", "body": [{"type": "paragraph", "text": [{"link": "a"}]}]}),
        json!({"headline": "ع", "related": [{"title": "t"}]}),
    ] {
        assert!(
            json::import_value(&bad, &Limits::default()).is_err(),
            "importer accepts {bad}"
        );
        assert!(!validator.is_valid(&bad), "schema accepts {bad}");
    }
    // Dirt the importer cleans with a warning and the schema refuses: the
    // schema describes clean input.
    for dirty in [
        json!({"headline": "ع", "byline": "a\u{0}b"}),
        json!({"headline": "ع", "url": "https://example.com/\n"}),
    ] {
        let imported = json::import_value(&dirty, &Limits::default()).unwrap();
        assert_eq!(imported.warnings.len(), 1, "{dirty}");
        assert!(!validator.is_valid(&dirty), "schema accepts {dirty}");
    }
    // Every field the importer knows is in the schema: a document using all
    // of them (the full fixture) raises no unknown-field warning and validates,
    // and an unknown field is flagged by both.
    let full: serde_json::Value = serde_json::from_str(&fixture("article-full.json")).unwrap();
    assert!(validator.is_valid(&full));
    let mut extra = full.clone();
    extra["colour"] = json!("red");
    assert!(!validator.is_valid(&extra));
    let imported = json::import_value(&extra, &Limits::default()).unwrap();
    assert_eq!(imported.warnings, ["colour: unknown field, ignored"]);
    // Null means absent for optional fields, in both.
    let nulls = json!({"headline": "ع", "byline": null, "lead": null, "tags": null, "body": [{"type": "list", "ordered": null, "items": ["أ"]}]});
    assert!(validator.is_valid(&nulls));
    assert!(json::import_value(&nulls, &Limits::default()).is_ok());
}

#[test]
fn block_ids_are_read_checked_and_kept() {
    let a = json::import(
        r#"{"headline": "عنوان", "body": [
            {"type": "paragraph", "id": "intro", "text": "أولى"},
            {"type": "paragraph", "text": "ثانية"}
        ]}"#,
    )
    .unwrap();
    assert_eq!(a.body[0].id.as_deref(), Some("intro"));
    assert_eq!(a.body[1].id, None);
    let ids = a.block_ids();
    assert_eq!(ids[0], "intro");
    assert!(ids[1].starts_with("p-"), "{ids:?}");
    // The id survives the round trip through the JSON format.
    let again = json::import(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(again, a);

    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"type": "paragraph", "id": "a b", "text": "x"}]}"#),
        r#"body[0].id: "a b" must be 1 to 64 ASCII letters, digits, '_', '-', '.' or ':'"#
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"type": "paragraph", "id": "headline", "text": "x"}]}"#),
        r#"body[0].id: "headline" is reserved for the article's header"#
    );
    assert_eq!(
        err(
            r#"{"headline": "ع", "body": [{"type": "paragraph", "id": "x", "text": "أ"}, {"type": "heading", "level": 2, "id": "x", "text": "ب"}]}"#
        ),
        r#"body[1].id: "x" is already the id of body[0]"#
    );
    assert_eq!(
        err(r#"{"headline": "ع", "body": [{"type": "paragraph", "id": 3, "text": "x"}]}"#),
        "body[0].id: expected a string, found a number"
    );
}

#[test]
fn urls_follow_the_one_policy_refused_ones_dropped_with_a_warning() {
    let imported = json::import_with(
        r#"{"headline": "عنوان", "url": "javascript:alert(1)",
            "lead": {"src": "data:image/png;base64,AAAA", "caption": "صورة"},
            "body": [
              {"type": "paragraph", "text": ["اتصلوا ", {"link": "بالخط الساخن", "href": "tel:+963112345678"}, " أو ", {"link": "هنا", "href": "vbscript:x"}]},
              {"type": "blockquote", "text": "قول", "cite": "javascript:x"}
            ],
            "related": [{"title": "خبر", "url": "javascript:x"}, {"title": "آخر", "url": "https://example.com/a"}]}"#,
        &Limits::default(),
    )
    .unwrap();
    let a = &imported.article;
    assert_eq!(a.url, None);
    assert_eq!(a.lead.as_ref().and_then(|f| f.src.clone()), None);
    let BlockKind::Paragraph { text } = &a.body[0].kind else {
        panic!("paragraph")
    };
    // The tel: link stays a link; the vbscript: one keeps its text, unlinked.
    assert_eq!(text.text, "اتصلوا بالخط الساخن أو هنا");
    assert_eq!(text.spans.len(), 1);
    assert!(matches!(&text.spans[0].mark, Mark::Link { href, .. } if href == "tel:+963112345678"));
    assert!(matches!(&a.body[1].kind, BlockKind::Blockquote { cite: None, .. }));
    assert_eq!(a.related.len(), 1);
    assert_eq!(
        imported.warnings,
        [
            r#"lead.src: scheme "data:" is not allowed (allowed: http, https, mailto, tel, or a relative URL); the URL "data:image/png;base64,AAAA" was dropped"#,
            r#"body[0].text[3].href: scheme "vbscript:" is not allowed (allowed: http, https, mailto, tel, or a relative URL); the URL "vbscript:x" was dropped"#,
            r#"body[1].cite: scheme "javascript:" is not allowed (allowed: http, https, mailto, tel, or a relative URL); the URL "javascript:x" was dropped"#,
            r#"related[0].url: scheme "javascript:" is not allowed (allowed: http, https, mailto, tel, or a relative URL); the URL "javascript:x" was dropped"#,
            r#"url: scheme "javascript:" is not allowed (allowed: http, https, mailto, tel, or a relative URL); the URL "javascript:alert(1)" was dropped"#,
        ]
    );
    // The tel: link is rendered as a link, as every importer keeps it.
    let html = rtl_article::render::render(a, &[], &rtl_article::render::RenderOptions::default());
    assert!(
        html.contains(r#"<a href="tel:+963112345678">بالخط الساخن</a>"#),
        "{html}"
    );
}

#[test]
fn equal_paragraphs_get_numbered_ids_in_linear_time() {
    // The same paragraph again and again (a CMS that repeats a line), with an
    // id given that a derived one would take: each derived id is the next
    // free suffix, as before, and 20,000 of them take linear time (the
    // suffix search once restarted at 2 for every copy: quadratic).
    let mut body: Vec<serde_json::Value> = (0..20_000)
        .map(|_| json!({"type": "paragraph", "text": "في الرقة."}))
        .collect();
    let ids_of = |body: &[serde_json::Value]| {
        let limits = Limits {
            max_blocks: 50_000,
            ..Limits::default()
        };
        json::import_value(&json!({"headline": "خبر", "body": body}), &limits)
            .unwrap()
            .article
            .block_ids()
    };
    let ids = ids_of(&body);
    let base = ids[0].clone();
    assert_eq!(ids[1], format!("{base}-2"));
    assert_eq!(ids[19_999], format!("{base}-20000"));
    body[0]["id"] = json!(format!("{base}-3"));
    let ids = ids_of(&body);
    assert_eq!(
        &ids[..5],
        [
            format!("{base}-3"),
            base.clone(),
            format!("{base}-2"),
            format!("{base}-4"),
            format!("{base}-5")
        ]
    );
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
}
