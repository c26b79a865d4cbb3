//! The wasm API in a real browser (Chromium through ChromeDriver), called
//! from Rust the way the JS shell calls it: `render`, `mount` → `update` →
//! `unmount`, `enhance` of publisher markup read through the DOM, `hydrate`
//! of server-rendered markup, `annotate`, the `Catalog` class, and bad input
//! of every JS type coming back as an `Error`, never a panic.
//!
//!   CHROMEDRIVER=/usr/bin/chromedriver \
//!   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!   cargo test --target wasm32-unknown-unknown --no-default-features --features full --test wasm
//!
//! (`npm test` runs it so; webdriver.json holds the Chromium flags.)
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Reflect, JSON};
use rtl_article::wasm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

const ARTICLE: &str = r#"{
  "lang": "ar",
  "headline": "قوات سوريا الديمقراطية تتقدم في الرقة",
  "published": "2017-05-27",
  "body": [
    {"type": "paragraph", "text": "قال المتحدث باسم قوات سوريا الديمقراطية طلال سلو إن 120 عنصرا غادروا بالرقة يوم 2017/5/15."},
    {"type": "paragraph", "text": ["صرح ", {"strong": "Donald Trump"}, " للصحفيين"]}
  ]
}"#;

const CATALOG: &str = r#"[
  {"id": "sdf", "type": "organization", "names": ["قوات سوريا الديمقراطية", "قسد"], "url": "https://news.example/topics/sdf"},
  {"id": "raqqa", "type": "place", "names": ["الرقة"], "url": "https://news.example/topics/raqqa"}
]"#;

fn document() -> Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh `<div>` in the page's body.
fn host() -> Element {
    let doc = document();
    let div = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&div).expect("append");
    div
}

fn parse(json: &str) -> JsValue {
    JSON::parse(json).expect("valid JSON")
}

fn options(json: &str) -> JsValue {
    parse(json)
}

/// The message of an error that crossed the boundary.
fn message(err: wasm_bindgen::JsError) -> String {
    let value: JsValue = err.into();
    value
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .expect("a JS Error with a message")
}

#[wasm_bindgen_test]
fn render_takes_an_object_or_its_json_text() {
    let from_object = wasm::render(parse(ARTICLE), JsValue::UNDEFINED, None).expect("renders");
    let from_text = wasm::render(JsValue::from_str(ARTICLE), JsValue::UNDEFINED, None).expect("renders");
    assert_eq!(from_object, from_text);
    assert!(from_object.starts_with("<article"), "{from_object}");
    assert!(from_object.contains(r#"lang="ar""#) && from_object.contains(r#"dir="rtl""#));
    assert!(
        from_object.contains(r#"<bdi dir="ltr" lang="en">Donald Trump</bdi>"#),
        "{from_object}"
    );
}

#[wasm_bindgen_test]
fn render_from_scraped_text() {
    let text = "عنوان الخبر\nفقرة أولى من النص تكفي لتكون فقرة.\nفقرة ثانية من النص.";
    let html = wasm::render(JsValue::from_str(text), options(r#"{"from": "text"}"#), None).expect("renders");
    assert!(html.contains("<h1"), "{html}");
    assert!(html.contains("فقرة ثانية من النص."), "{html}");
}

#[wasm_bindgen_test]
fn options_apply_and_unknown_ones_are_named() {
    let html = wasm::render(parse(ARTICLE), options(r#"{"digits": "arabic-indic"}"#), None).expect("renders");
    assert!(html.contains("١٢٠"), "{html}");
    let err = wasm::render(parse(ARTICLE), options(r#"{"digit": "western"}"#), None).expect_err("unknown option");
    assert!(message(err).starts_with("options.digit: unknown option"));
    let err = wasm::render(parse(ARTICLE), options(r#"{"quotes": 3}"#), None).expect_err("wrong type");
    assert_eq!(
        message(err),
        r#"options.quotes: expected "keep" or "guillemets", found the number 3"#
    );
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_naming_the_field_never_a_panic() {
    let cases: Vec<(JsValue, &str)> = vec![
        (
            JsValue::NULL,
            "article: expected an article object or its JSON text, found null",
        ),
        (JsValue::UNDEFINED, "found undefined"),
        (JsValue::from_f64(1e308), "found a number"),
        (JsValue::from_bool(true), "found a boolean"),
        (Array::new().into(), "found an array"),
        (
            parse(r#"{"headline": "x", "body": [{"type": "paragraph", "text": 5}]}"#),
            "body[0].text",
        ),
        (JsValue::from_str("{\"headline\": "), "line 1"),
    ];
    for (input, expected) in cases {
        let err = wasm::render(input, JsValue::UNDEFINED, None).expect_err("bad input");
        let message = message(err);
        assert!(message.contains(expected), "{message:?} does not contain {expected:?}");
    }
    // The module still works afterwards.
    assert!(wasm::render(parse(ARTICLE), JsValue::UNDEFINED, None).is_ok());
}

#[wasm_bindgen_test]
fn lone_surrogates_become_replacement_characters() {
    // A JS string with an unpaired high surrogate in the headline.
    let article = js_sys::eval(r#"({headline: "عنوان \uD800 الخبر", body: []})"#).expect("eval");
    let html = wasm::render(article, JsValue::UNDEFINED, None).expect("renders");
    assert!(html.contains("عنوان \u{FFFD} الخبر"), "{html}");
}

#[wasm_bindgen_test]
fn oversized_input_is_refused_with_the_limit() {
    let big = format!(
        r#"{{"headline": "x", "body": [{{"type": "paragraph", "text": "{}"}}]}}"#,
        "ب".repeat(3_000_000)
    );
    let err = wasm::render(JsValue::from_str(&big), JsValue::UNDEFINED, None).expect_err("too big");
    let message = message(err);
    assert!(
        message.contains("MiB") || message.contains("KiB") || message.contains("bytes"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn mount_update_unmount() {
    let host = host();
    let mut handle = wasm::mount(host.clone(), parse(ARTICLE), JsValue::UNDEFINED, None, None).expect("mounts");
    assert_eq!(
        host.query_selector_all("article.rtl-article").expect("query").length(),
        1
    );
    let Ok(meta) = handle.meta() else { panic!("meta") };
    assert_eq!(
        Reflect::get(&meta, &"lang".into())
            .ok()
            .and_then(|v| v.as_string())
            .as_deref(),
        Some("ar")
    );
    assert_eq!(
        Reflect::get(&meta, &"blocks".into()).ok().and_then(|v| v.as_f64()),
        Some(2.0)
    );

    handle
        .update(
            parse(r#"{"headline": "عنوان جديد", "body": []}"#),
            JsValue::UNDEFINED,
            None,
        )
        .expect("updates");
    let h1 = host.query_selector("h1").expect("query").expect("h1");
    assert_eq!(h1.text_content().as_deref(), Some("عنوان جديد"));

    // A bad update is an error and leaves the current rendering.
    assert!(handle.update(JsValue::NULL, JsValue::UNDEFINED, None).is_err());
    assert_eq!(
        host.query_selector("h1")
            .expect("query")
            .expect("h1")
            .text_content()
            .as_deref(),
        Some("عنوان جديد")
    );

    handle.unmount().expect("unmounts");
    assert_eq!(host.child_element_count(), 0);
}

#[wasm_bindgen_test]
fn mount_uses_the_write_callback_once() {
    let host = host();
    let calls = js_sys::eval("globalThis.__writes = 0; (t, h) => { globalThis.__writes++; t.innerHTML = h; }")
        .expect("eval")
        .unchecked_into::<js_sys::Function>();
    let handle = wasm::mount(host.clone(), parse(ARTICLE), JsValue::UNDEFINED, Some(calls), None).expect("mounts");
    let writes = Reflect::get(&js_sys::global(), &"__writes".into()).expect("count");
    assert_eq!(writes.as_f64(), Some(1.0), "one boundary crossing per render");
    handle.unmount().expect("unmounts");
}

#[wasm_bindgen_test]
fn enhance_reads_publisher_markup_through_the_dom() {
    let host = host();
    host.set_inner_html(
        r#"<div class="story"><h1>عنوان <b>الخبر</b></h1>
        <div class="share">شارك</div><script>window.__pwned = 1</script>
        <p onclick="alert(1)">فقرة من <a href="javascript:alert(1)">الخبر</a> و<a href="https://example.com/x">رابط</a>.</p></div>"#,
    );
    let handle = wasm::enhance(host.clone(), JsValue::UNDEFINED, None, None).expect("enhances");
    let html = host.inner_html();
    assert!(html.contains("<h1"), "{html}");
    assert!(
        !html.contains("onclick") && !html.contains("javascript:") && !html.contains("__pwned"),
        "{html}"
    );
    // The only script is the renderer's own JSON-LD.
    assert_eq!(
        html.matches("<script").count(),
        html.matches(r#"<script type="application/ld+json">"#).count()
    );
    assert!(html.contains(r#"href="https://example.com/x""#), "{html}");
    assert!(!html.contains("شارك"), "share bar kept: {html}");
    handle.unmount().expect("unmounts");
}

#[wasm_bindgen_test]
fn hydrate_attaches_without_rewriting() {
    let host = host();
    let ssr = wasm::render(parse(ARTICLE), JsValue::UNDEFINED, None).expect("renders");
    host.set_inner_html(&ssr);
    let article = host.query_selector("article").expect("query").expect("article");
    let handle = wasm::hydrate(host.clone(), JsValue::UNDEFINED).expect("hydrates");
    // The very same node: nothing was re-rendered.
    let after = host.query_selector("article").expect("query").expect("article");
    assert!(article.is_same_node(Some(&after)));
    let meta = handle.meta();
    assert_eq!(
        Reflect::get(&meta, &"dir".into())
            .ok()
            .and_then(|v| v.as_string())
            .as_deref(),
        Some("rtl")
    );
    handle.unmount();
    // Hydrated markup stays after unmount.
    assert!(host.query_selector("article").expect("query").is_some());

    let empty = self::host();
    let Err(err) = wasm::hydrate(empty, JsValue::UNDEFINED) else {
        panic!("nothing to hydrate")
    };
    assert!(message(err).contains("no <article class=\"rtl-article\">"));
}

#[wasm_bindgen_test]
fn annotate_gives_w3c_annotations() {
    let opts = js_sys::Object::new();
    Reflect::set(&opts, &"catalog".into(), &JsValue::from_str(CATALOG)).expect("set");
    let annotations: Array = wasm::annotate(parse(ARTICLE), opts.into(), None)
        .expect("annotates")
        .unchecked_into();
    let json = JSON::stringify(&annotations)
        .expect("stringify")
        .as_string()
        .expect("string");
    assert!(
        json.contains("\"TextQuoteSelector\"") && json.contains("\"TextPositionSelector\""),
        "{json}"
    );
    assert!(json.contains("https://news.example/topics/raqqa"), "{json}");
    assert!(json.contains("2017-05-15"), "{json}");
    assert!(json.contains(r#""textDirection":"rtl""#), "{json}");
}

#[wasm_bindgen_test]
fn catalog_matches_with_clitics_and_utf16_offsets() {
    let catalog = wasm::JsCatalog::new(JsValue::from_str(CATALOG)).expect("compiles");
    assert_eq!(catalog.size(), 2);
    // "😀" is two UTF-16 units: offsets must be what String.slice takes.
    let text = "😀 غادروا بالرقة وقسد";
    let hits: Array = catalog.find(text.into()).expect("finds").unchecked_into();
    assert_eq!(hits.length(), 2);
    let first = hits.get(0);
    let id = Reflect::get(&first, &"id".into()).expect("id").as_string();
    let start = Reflect::get(&first, &"start".into())
        .expect("start")
        .as_f64()
        .expect("number") as u32;
    let end = Reflect::get(&first, &"end".into())
        .expect("end")
        .as_f64()
        .expect("number") as u32;
    assert_eq!(id.as_deref(), Some("raqqa"));
    let js_text = js_sys::JsString::from(text);
    assert_eq!(String::from(js_text.slice(start, end)), "الرقة");
    assert_eq!(catalog.match_count(text.into()).ok(), Some(2));
    // A text that is not a string is an error, not a trap.
    assert!(catalog.find(JsValue::from_f64(3.0)).is_err());

    let bytes = catalog.to_bytes();
    let loaded = wasm::JsCatalog::from_bytes(js_sys::Uint8Array::from(&bytes[..]).into()).expect("loads");
    assert_eq!(loaded.match_count(text.into()).ok(), Some(2));
    assert!(wasm::JsCatalog::from_bytes(js_sys::Uint8Array::from(&bytes[..bytes.len() / 2]).into()).is_err());
    // Bytes must be a Uint8Array: a string is refused before it is read.
    assert!(wasm::JsCatalog::from_bytes(JsValue::from_str("RTLCAT")).is_err());

    let Err(err) = wasm::JsCatalog::new(parse(r#"[{"id": "x", "type": "planet", "names": ["س"]}]"#)) else {
        panic!("a bad type compiled")
    };
    let message = message(err);
    assert!(message.contains("[0]") && message.contains("type"), "{message}");
}

/// Every character of every text container maps to its text and code-point
/// offset, and back (a 😀 outside the BMP included).
#[wasm_bindgen_test]
fn locate_and_position_map_dom_positions_to_text_offsets() {
    let host = host();
    let article = r#"{"headline": "😀 عنوان", "body": [
        {"type": "paragraph", "id": "p1", "text": ["قال ", {"strong": "Donald 😀 Trump"}, " أمس"]},
        {"type": "list", "items": ["أ", "ب 😀"]}
    ]}"#;
    host.set_inner_html(&wasm::render(JsValue::from_str(article), JsValue::UNDEFINED, None).expect("renders"));
    let containers = host.query_selector_all("[data-text]").expect("query");
    assert_eq!(containers.length(), 4, "headline, paragraph, two items");
    for i in 0..containers.length() {
        let container: Element = containers.get(i).expect("node").unchecked_into();
        let id = container.get_attribute("data-text").expect("id");
        let text = container.text_content().unwrap_or_default();
        let chars = text.chars().count() as u32;
        for offset in 0..=chars {
            let at = wasm::position(&host, &id, offset);
            assert!(!at.is_null(), "{id}@{offset}");
            let node: web_sys::Node = Reflect::get(&at, &"node".into()).expect("node").unchecked_into();
            let unit = Reflect::get(&at, &"offset".into())
                .expect("offset")
                .as_f64()
                .expect("number") as u32;
            let back = wasm::locate(&node, unit);
            let back_id = Reflect::get(&back, &"text".into()).ok().and_then(|v| v.as_string());
            let back_offset = Reflect::get(&back, &"offset".into()).ok().and_then(|v| v.as_f64());
            assert_eq!(back_id.as_deref(), Some(id.as_str()), "{id}@{offset}");
            assert_eq!(back_offset, Some(f64::from(offset)), "{id}@{offset}");
        }
        assert!(wasm::position(&host, &id, chars + 1).is_null());
    }
    assert!(wasm::position(&host, "p-missing", 0).is_null());
    // Outside every container: the dates line the renderer wrote, the article element.
    let article_el = host.query_selector("article").expect("query").expect("article");
    assert!(wasm::locate(&article_el, 0).is_null());
}

/// A compiled catalog is shared, not copied, and `update` without options
/// keeps it.
#[wasm_bindgen_test]
fn a_compiled_catalog_is_reused_by_mount_and_update() {
    let catalog = wasm::JsCatalog::new(JsValue::from_str(CATALOG)).expect("compiles");
    let host = host();
    let mut handle = wasm::mount(
        host.clone(),
        parse(ARTICLE),
        JsValue::UNDEFINED,
        None,
        Some(catalog.share()),
    )
    .expect("mounts");
    assert!(host.inner_html().contains("https://news.example/topics/raqqa"));
    handle
        .update(parse(ARTICLE), JsValue::UNDEFINED, None)
        .expect("updates");
    assert!(
        host.inner_html().contains("https://news.example/topics/raqqa"),
        "the catalog stays"
    );
    // The caller's handle still works: only a share was given away.
    assert_eq!(catalog.size(), 2);
    let html = wasm::render(parse(ARTICLE), JsValue::UNDEFINED, Some(catalog.share())).expect("renders");
    assert!(html.contains(r#"class="mention""#));
    handle.unmount().expect("unmounts");
}

/// `Anchors`: describe a range, find it again after an edit, re-anchor a
/// W3C annotation written by another tool; orphans say so.
#[wasm_bindgen_test]
fn anchors_describe_resolve_and_reanchor() {
    let strings = |items: &[&str]| -> JsValue { items.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into() };
    let ids = strings(&["p1"]);
    let before = wasm::Anchors::new(
        ids.clone(),
        strings(&["قال المصدر إن القوات دخلت مدينة الرقة صباح اليوم."]),
    )
    .expect("two arrays of strings");
    // Anything but arrays of strings is an error, never a trap.
    assert!(wasm::Anchors::new(JsValue::from_str("p1"), strings(&["نص"])).is_err());
    assert!(wasm::Anchors::new(ids.clone(), Array::of1(&JsValue::from_f64(3.0)).into()).is_err());
    let selector = before.describe("p1", 14, 37);
    let get = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).expect("get");
    assert_eq!(
        get(&selector, "exact").as_string().as_deref(),
        Some("القوات دخلت مدينة الرقة")
    );
    assert!(before.describe("nope", 0, 1).is_null());

    let after = wasm::Anchors::new(
        ids,
        strings(&["وفي تطور جديد، قال المصدر إن القوّاتِ دخلت مدينة الرقة صباح اليوم."]),
    )
    .expect("two arrays of strings");
    assert_ne!(before.version(), after.version());
    let place = after.resolve(&selector);
    assert_eq!(get(&place, "start").as_f64(), Some(29.0));
    assert_eq!(get(&place, "method").as_string().as_deref(), Some("exact"));

    // A W3C annotation in another tool's shape: a CssSelector refined by a quote.
    let annotation = parse(
        r#"{"type": "Annotation", "target": {"source": "https://example.com/a",
            "selector": {"type": "CssSelector", "value": "[data-text=\"p1\"]",
                         "refinedBy": {"type": "TextQuoteSelector", "exact": "مدينة الرقة"}}}}"#,
    );
    let out = after.reanchor(&annotation).expect("reads");
    assert_eq!(get(&out, "orphan"), JsValue::FALSE);
    let target = get(&out, "target");
    let source = get(&get(&target, "source"), "id").as_string().unwrap_or_default();
    assert_eq!(source, "https://example.com/a#p1");
    let gone = parse(r#"{"target": {"selector": {"type": "TextQuoteSelector", "exact": "كلمات ليست هنا أبدا"}}}"#);
    assert_eq!(get(&after.reanchor(&gone).expect("reads"), "orphan"), JsValue::TRUE);
    let Err(err) = after.reanchor(&parse(
        r#"{"target": {"selector": {"type": "TextQuoteSelector", "exact": 3}}}"#,
    )) else {
        panic!("a bad selector is an error")
    };
    assert!(message(err).contains("annotation.target.selector.exact: expected a string"));
}

/// The default store: what `localSave` wrote, `localLoad` reads back, the
/// current key first; `localRemove` removes only what it is given.
#[wasm_bindgen_test]
fn local_store_round_trip() {
    let prefix = "rtl-article:test-article:";
    wasm::local_save(&format!("{prefix}old"), r#"{"total": 1}"#).expect("saves");
    wasm::local_save(&format!("{prefix}new"), r#"{"total": 2}"#).expect("saves");
    wasm::local_save("rtl-article:other:v", "{}").expect("saves");
    let loaded = wasm::local_load(prefix, &format!("{prefix}new")).expect("loads");
    assert_eq!(loaded.length(), 2);
    let first: Array = loaded.get(0).unchecked_into();
    assert_eq!(first.get(0).as_string(), Some(format!("{prefix}new")));
    assert_eq!(first.get(1).as_string().as_deref(), Some(r#"{"total": 2}"#));
    let keys = |items: &[String]| -> JsValue { items.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into() };
    wasm::local_remove(keys(&[format!("{prefix}old")])).expect("removes");
    assert_eq!(
        wasm::local_load(prefix, &format!("{prefix}new"))
            .expect("loads")
            .length(),
        1
    );
    wasm::local_remove(keys(&[format!("{prefix}new"), "rtl-article:other:v".into()])).expect("removes");
    assert!(
        wasm::local_remove(JsValue::from_str("rtl-article:x")).is_err(),
        "a string is not a list of keys"
    );
}
