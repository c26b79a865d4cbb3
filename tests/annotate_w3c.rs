//! W3C Web Annotation output checked against the MUST assertions of the W3C
//! test suite (web-platform-tests `annotation-model/`): the checks below
//! mirror, by file name,
//! - annotations/3.1-annotationContextValidated.json (@context present,
//!   the anno.jsonld IRI, first key),
//! - annotations/3.1-annotationIdValidated.json (id: one string IRI),
//! - annotations/3.1-annotationTypeValidated.json (type includes Annotation),
//! - annotations/3.1-targetKeyFound.json and 3.2-targetObjectsRecognized.json
//!   (target present; a Specific Resource with a source),
//! - annotations/3.2-bodyObjectsRecognized.json and 3.2.5-notBodyBodyValue.json
//!   (bodies are TextualBody with value or SpecificResource with source,
//!   never both body and bodyValue),
//! - definitions/annotations.json#motivationList (motivation and purpose
//!   from the vocabulary),
//! - definitions/specificResource.json#textQuoteSelectorDetected /
//!   textPositionSelectorDetected (exact is a string; start/end integers
//!   >= 0; we also require start <= end),
//! - definitions/textDirectionDetected.json (ltr | rtl | auto, only on
//!   TextualBody and External Web Resources).

use rtl_article::annotate::catalog::Catalog;
use rtl_article::annotate::{w3c, Annotator};
use rtl_article::ingest;
use rtl_article::model::TextId;
use serde_json::Value;

const MOTIVATIONS: &[&str] = &[
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
];

fn is_iri(s: &str) -> bool {
    // scheme ":" then no spaces or angle brackets (RFC 3987, coarse).
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !s.chars().any(|c| c.is_whitespace() || "<>\"{}|\\^`[]".contains(c))
}

fn check_annotation(a: &Value, text_of: &dyn Fn(&str) -> Option<String>) {
    let obj = a.as_object().expect("an annotation is an object");
    // 3.1-annotationContextValidated
    assert_eq!(
        obj.keys().next().map(String::as_str),
        Some("@context"),
        "@context first"
    );
    assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld");
    // 3.1-annotationIdValidated
    assert!(a["id"].as_str().is_some_and(is_iri), "id is one IRI: {}", a["id"]);
    // 3.1-annotationTypeValidated
    assert_eq!(a["type"], "Annotation");
    // motivationList
    assert!(
        a["motivation"].as_str().is_some_and(|m| MOTIVATIONS.contains(&m)),
        "motivation {}",
        a["motivation"]
    );
    // 3.2.5-notBodyBodyValue
    assert!(!(obj.contains_key("body") && obj.contains_key("bodyValue")));
    // 3.2-bodyObjectsRecognized
    let mut bodies: Vec<&Value> = Vec::new();
    for b in a["body"].as_array().expect("body array") {
        // A Choice (a name several entities share): its items are bodies.
        match b["items"].as_array().filter(|_| b["type"] == "Choice") {
            Some(items) => bodies.extend(items),
            None => bodies.push(b),
        }
    }
    for b in bodies {
        match b["type"].as_str() {
            Some("TextualBody") => assert!(b["value"].is_string(), "TextualBody value"),
            Some("SpecificResource") => {
                assert!(b["source"].as_str().is_some_and(is_iri), "source IRI {}", b["source"]);
                assert!(b.get("value").is_none(), "a SpecificResource has no value");
                if let Some(id) = b.get("id") {
                    assert!(id.as_str().is_some_and(is_iri), "body id IRI {id}");
                }
            }
            other => panic!("unexpected body type {other:?}"),
        }
        if let Some(p) = b.get("purpose") {
            assert!(p.as_str().is_some_and(|p| MOTIVATIONS.contains(&p)), "purpose {p}");
        }
        if let Some(d) = b.get("textDirection") {
            assert_eq!(b["type"], "TextualBody");
            assert!(["ltr", "rtl", "auto"].contains(&d.as_str().unwrap_or("")));
        }
    }
    // 3.1-targetKeyFound, 3.2-targetObjectsRecognized
    let target = &a["target"];
    let source = &target["source"];
    let source_id = source["id"].as_str().expect("target source id");
    assert!(is_iri(source_id), "target source IRI {source_id}");
    assert!(["ltr", "rtl", "auto"].contains(&source["textDirection"].as_str().unwrap_or("")));
    let selectors = target["selector"].as_array().expect("selector list");
    assert_eq!(selectors.len(), 2);
    let quote = &selectors[0];
    let pos = &selectors[1];
    assert_eq!(quote["type"], "TextQuoteSelector");
    let exact = quote["exact"].as_str().expect("exact is a string");
    assert!(quote["prefix"].is_string() && quote["suffix"].is_string());
    assert_eq!(pos["type"], "TextPositionSelector");
    let (start, end) = (
        pos["start"].as_u64().expect("start >= 0"),
        pos["end"].as_u64().expect("end >= 0"),
    );
    assert!(start <= end);
    // Both selectors select the same characters, counted in code points.
    let id = source_id.rsplit_once('#').map(|(_, f)| f.to_string()).unwrap();
    let text = text_of(&id).expect("the fragment names a text");
    let chars: String = text.chars().skip(start as usize).take((end - start) as usize).collect();
    assert_eq!(chars, exact);
    let prefix: String = text.chars().take(start as usize).collect();
    assert!(prefix.ends_with(quote["prefix"].as_str().unwrap()));
}

#[test]
fn seed_annotations_pass_the_w3c_musts() {
    let article = ingest::text::import(include_str!("fixtures/seed-raqqa.txt")).unwrap();
    let catalog = Catalog::from_json(include_str!("fixtures/catalog-raqqa.json")).unwrap();
    let annotations = Annotator::new().gazetteer(true).catalog(catalog).annotate(&article);
    let json = w3c::to_w3c(&article, &annotations);
    assert_eq!(json.len(), annotations.len());
    let text_of = |id: &str| {
        let id: TextId = id.parse().ok()?;
        article.text(&id).map(|t| t.text.clone())
    };
    for a in &json {
        check_annotation(a, &text_of);
    }
    // Without an article url, ids are urn:uuid and stable across runs.
    let again = w3c::to_w3c(&article, &annotations);
    assert_eq!(json, again);
    assert!(json[0]["id"].as_str().unwrap().starts_with("urn:uuid:"));
    let ids: std::collections::BTreeSet<&str> = json.iter().filter_map(|a| a["id"].as_str()).collect();
    assert_eq!(ids.len(), json.len(), "ids are unique");
    // A mention with a url links to it.
    let isis = json
        .iter()
        .find(|a| a["target"]["selector"][0]["exact"] == "داعش")
        .expect("a داعش mention");
    assert_eq!(isis["motivation"], "linking");
    assert_eq!(isis["body"][0]["source"], "https://example.com/topics/isis");
    // The catalog id travels in the body too.
    assert_eq!(isis["body"][0]["id"], "urn:x-rtl-article:entity:isis");
    // An entity without a page is identified by its id alone.
    let elite = json
        .iter()
        .find(|a| a["target"]["selector"][0]["exact"] == "قوات النخبة السورية")
        .expect("a قوات النخبة السورية mention");
    assert_eq!(elite["motivation"], "identifying");
    assert_eq!(
        elite["body"][0]["source"],
        "urn:x-rtl-article:entity:syrian-elite-forces"
    );
}

#[test]
fn article_url_gives_fragment_ids_and_code_point_offsets() {
    let mut article = ingest::text::import("عنوان\n\nقُتل 120 عنصراً من داعش بالرقة\n").unwrap();
    article.url = Some("https://news.example/raqqa#top".into());
    let catalog = Catalog::from_json(r#"[{"id": "raqqa", "type": "place", "names": ["الرقة"]}]"#).unwrap();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog).annotate(&article);
    let json = w3c::to_w3c(&article, &annotations);
    let raqqa = json
        .iter()
        .find(|a| a["target"]["selector"][0]["exact"] == "الرقة")
        .unwrap();
    assert!(raqqa["id"]
        .as_str()
        .unwrap()
        .starts_with("https://news.example/raqqa#anno-"));
    // The fragment is the block's stable id, as rendered in data-text.
    let block = &article.block_ids()[0];
    assert_eq!(
        raqqa["target"]["source"]["id"],
        format!("https://news.example/raqqa#{block}").as_str()
    );
    assert_eq!(raqqa["motivation"], "identifying");
    // "قُتل 120 عنصراً من داعش ب" is 25 code points (bytes would say 45).
    assert_eq!(raqqa["target"]["selector"][1]["start"], 25);
    assert_eq!(raqqa["target"]["selector"][1]["end"], 30);
    let text_of = |id: &str| {
        let id: TextId = id.parse().ok()?;
        article.text(&id).map(|t| t.text.clone())
    };
    for a in &json {
        check_annotation(a, &text_of);
    }
}

#[test]
fn a_shared_name_is_a_choice_the_chosen_entity_first() {
    let article =
        ingest::text::import("عنوان\n\nفاز نادي برشلونة على ضيفه، وفي برشلونة نفسها احتفل السكان.\n").unwrap();
    let catalog = Catalog::from_json(
        r#"[{"id": "city", "type": "place", "names": ["برشلونة"], "description": "مدينة إسبانية"},
            {"id": "club", "type": "organization", "names": ["برشلونة"], "description": "نادٍ لكرة القدم"}]"#,
    )
    .unwrap();
    let annotations = Annotator::new().gazetteer(false).catalog(catalog).annotate(&article);
    let json = w3c::to_w3c(&article, &annotations);
    let first = json
        .iter()
        .find(|a| a["target"]["selector"][0]["exact"] == "برشلونة")
        .expect("a mention");
    let choice = &first["body"][0];
    assert_eq!(choice["type"], "Choice", "{first}");
    let sources: Vec<&str> = choice["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["source"].as_str().unwrap())
        .collect();
    assert!(
        sources[0].ends_with("club") && sources[1].ends_with("city"),
        "{sources:?}"
    );
    let text_of = |id: &str| {
        let id: TextId = id.parse().ok()?;
        article.text(&id).map(|t| t.text.clone())
    };
    for a in &json {
        check_annotation(a, &text_of);
    }
}
