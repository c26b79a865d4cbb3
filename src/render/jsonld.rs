//! Structured data: the article as a schema.org `NewsArticle` in JSON-LD,
//! which search engines and social previews read instead of microdata.
//!
//! The value is built with `serde_json` (so quoting is never hand-made) and
//! written by [`HtmlWriter::json_ld`](super::html::HtmlWriter::json_ld),
//! which escapes `<`, `>`, `&` and U+2028/2029 so no field can end the
//! `<script>`. URLs go through the same scheme allowlist as links.
//!
//! ```
//! use rtl_article::model::Article;
//! use rtl_article::render::jsonld::news_article;
//! let mut article = Article::new("روسيا ترفض أي اتفاق");
//! article.byline = Some("بقلم سامر الأحمد".into());
//! article.published = "2017-05-27".parse().ok();
//! let ld = news_article(&article);
//! assert_eq!(ld["@type"], "NewsArticle");
//! assert_eq!(ld["author"]["name"], "سامر الأحمد");
//! assert_eq!(ld["datePublished"], "2017-05-27");
//! ```

use serde_json::{Map, Value};

use crate::annotate::catalog::Catalog;
use crate::annotate::{Annotation, AnnotationKind, EntityType};
use crate::lexicon::BYLINE_PREFIXES;
use crate::model::Article;
use crate::text::normalize::fold;
use crate::url::safe_url;

/// The schema.org `NewsArticle` for `article`: headline, description
/// (standfirst), dates, author (a `Person` named by the byline, without a
/// leading "بقلم"/"By"), language, lead image, section, keywords (tags),
/// publisher (an `Organization` with a logo `ImageObject`) and the page it
/// is the main entity of. Absent fields are left out.
pub fn news_article(article: &Article) -> Value {
    let mut ld = Map::new();
    ld.insert("@context".into(), "https://schema.org".into());
    ld.insert("@type".into(), "NewsArticle".into());
    ld.insert("headline".into(), article.headline.text.as_str().into());
    if let Some(s) = &article.standfirst {
        ld.insert("description".into(), s.text.as_str().into());
    }
    if let Some(id) = &article.id {
        ld.insert("identifier".into(), id.as_str().into());
    }
    if let Some(d) = &article.published {
        ld.insert("datePublished".into(), d.as_str().into());
    }
    if let Some(d) = &article.updated {
        ld.insert("dateModified".into(), d.as_str().into());
    }
    if let Some(name) = article.byline.as_deref().map(author_name).filter(|n| !n.is_empty()) {
        ld.insert(
            "author".into(),
            object([("@type", "Person".into()), ("name", name.into())]),
        );
    }
    ld.insert("inLanguage".into(), article.lang.as_str().into());
    if let Some(src) = article.lead.as_ref().and_then(|f| f.src.as_deref()).and_then(safe_url) {
        ld.insert("image".into(), src.into());
    }
    if let Some(section) = &article.section {
        ld.insert("articleSection".into(), section.as_str().into());
    }
    if !article.tags.is_empty() {
        ld.insert("keywords".into(), article.tags.clone().into());
    }
    if let Some(p) = &article.publisher {
        let mut org = Map::new();
        org.insert("@type".into(), "Organization".into());
        org.insert("name".into(), p.name.as_str().into());
        if let Some(url) = p.url.as_deref().and_then(safe_url) {
            org.insert("url".into(), url.into());
        }
        if let Some(logo) = p.logo.as_deref().and_then(safe_url) {
            org.insert(
                "logo".into(),
                object([("@type", "ImageObject".into()), ("url", logo.into())]),
            );
        }
        ld.insert("publisher".into(), Value::Object(org));
    }
    if let Some(url) = article.url.as_deref().and_then(safe_url) {
        ld.insert(
            "mainEntityOfPage".into(),
            object([("@type", "WebPage".into()), ("@id", url.as_str().into())]),
        );
        ld.insert("url".into(), url.into());
    }
    Value::Object(ld)
}

/// A JSON object with these fields. The JSON-LD and W3C writers build
/// their values directly, not with `json!`, which converts every value
/// (literals too) through `to_value(..).unwrap()`: an instantiation per
/// type, a check per field, and the error's `Debug` in the bundle
/// (1.2 KB gzip of wasm).
pub(crate) fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    let mut map = Map::new();
    for (key, value) in fields {
        map.insert(key.to_string(), value);
    }
    Value::Object(map)
}

/// The entities `annotations` mention, in order of first mention, as
/// schema.org things for the `NewsArticle`'s `mentions`: `@type` (Person,
/// Place, Organization), `name` (the catalog's first name, else the words
/// of the first mention), `description`, `url` and `identifier` (the
/// catalog id). The reader bundle's entity cards are made from these.
///
/// ```
/// use rtl_article::annotate::catalog::Catalog;
/// use rtl_article::annotate::{Annotation, AnnotationKind, EntityType};
/// use rtl_article::model::{Article, Block, TextId};
/// use rtl_article::render::jsonld::mentions;
/// let catalog = Catalog::from_json(r#"[{"id": "raqqa", "type": "place", "names": ["الرقة"], "description": "مدينة سورية"}]"#).unwrap();
/// let mut article = Article::new("عنوان");
/// article.body.push(Block::paragraph("دخلوا بالرقة").with_id("p1"));
/// let found = [Annotation {
///     text: TextId::main("p1"), start: 11, end: 21, confidence: 1.0,
///     kind: AnnotationKind::Mention { id: "raqqa".into(), entity_type: EntityType::Place, url: None, alternatives: vec![] },
/// }];
/// let things = mentions(&article, &found, Some(&catalog));
/// assert_eq!(things[0]["@type"], "Place");
/// assert_eq!(things[0]["name"], "الرقة");
/// assert_eq!(things[0]["description"], "مدينة سورية");
/// ```
pub fn mentions(article: &Article, annotations: &[Annotation], catalog: Option<&Catalog>) -> Vec<Value> {
    mentions_with_ids(article, annotations, catalog, &article.block_ids())
}

/// [`mentions`] with the body's ids already computed.
pub(crate) fn mentions_with_ids(
    article: &Article,
    annotations: &[Annotation],
    catalog: Option<&Catalog>,
    ids: &[String],
) -> Vec<Value> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    // The texts only when a mention's name must be read from them.
    let mut texts = None;
    for a in annotations {
        let AnnotationKind::Mention {
            id, entity_type, url, ..
        } = &a.kind
        else {
            continue;
        };
        if seen.contains(&&**id) {
            continue;
        }
        seen.push(id);
        let entity = catalog.and_then(|c| c.get(id));
        let said = || {
            texts
                .get_or_insert_with(|| article.texts_with_ids(ids))
                .iter()
                .find(|t| t.id == a.text)
                .and_then(|t| t.text.text.get(a.start..a.end))
                .unwrap_or("")
                .to_string()
        };
        let name = entity.and_then(|e| e.names.first().cloned()).unwrap_or_else(said);
        let mut thing = Map::new();
        let kind = match entity_type {
            EntityType::Person => "Person",
            EntityType::Place => "Place",
            EntityType::Organization => "Organization",
            EntityType::Event => "Event",
            EntityType::Topic => "Thing",
        };
        thing.insert("@type".into(), kind.into());
        thing.insert("name".into(), name.into());
        if let Some(d) = entity.and_then(|e| e.description.as_deref()) {
            thing.insert("description".into(), d.into());
        }
        if let Some(url) = url
            .as_deref()
            .or(entity.and_then(|e| e.url.as_deref()))
            .and_then(safe_url)
        {
            thing.insert("url".into(), url.into());
        }
        thing.insert("identifier".into(), (**id).into());
        out.push(Value::Object(thing));
    }
    out
}

/// The author's name from a printed byline: "بقلم: سامر" → "سامر". The
/// introducing word is compared folded (بِقلم, BY), the name kept as written.
fn author_name(byline: &str) -> String {
    let trimmed = byline.trim();
    let folded = fold(trimmed);
    for prefix in BYLINE_PREFIXES {
        if let Some(rest) = folded.text.strip_prefix(prefix) {
            if rest.starts_with(|c: char| c.is_whitespace() || c == ':') {
                let (_, end) = folded.to_original(0, prefix.len());
                return trimmed[end..]
                    .trim_start_matches(|c: char| c.is_whitespace() || c == ':')
                    .trim_end()
                    .to_string();
            }
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Publisher, Text};
    use serde_json::json;

    #[test]
    fn full_article() {
        let mut a = Article::new("روسيا ترفض أي اتفاق");
        a.standfirst = Some(Text::plain("موسكو لن تسمح"));
        a.byline = Some("بقلم: سامر الأحمد".into());
        a.published = "2017-05-27T10:00:00+03:00".parse().ok();
        a.updated = "2017-05-28".parse().ok();
        a.section = Some("أخبار".into());
        a.tags = vec!["سوريا".into(), "الرقة".into()];
        a.url = Some("https://example.com/news/1".into());
        a.lead = Some(Figure {
            src: Some("https://example.com/a.jpg".into()),
            ..Figure::default()
        });
        a.publisher = Some(Publisher {
            name: "أخبار الآن".into(),
            url: Some("https://example.com".into()),
            logo: Some("https://example.com/logo.png".into()),
        });
        let ld = news_article(&a);
        assert_eq!(ld["headline"], "روسيا ترفض أي اتفاق");
        assert_eq!(ld["description"], "موسكو لن تسمح");
        assert_eq!(ld["author"], json!({"@type": "Person", "name": "سامر الأحمد"}));
        assert_eq!(ld["dateModified"], "2017-05-28");
        assert_eq!(ld["inLanguage"], "ar");
        assert_eq!(ld["image"], "https://example.com/a.jpg");
        assert_eq!(ld["articleSection"], "أخبار");
        assert_eq!(ld["keywords"], json!(["سوريا", "الرقة"]));
        assert_eq!(
            ld["publisher"]["logo"],
            json!({"@type": "ImageObject", "url": "https://example.com/logo.png"})
        );
        assert_eq!(ld["mainEntityOfPage"]["@id"], "https://example.com/news/1");
    }

    #[test]
    fn unsafe_urls_are_left_out() {
        let mut a = Article::new("عنوان");
        a.url = Some("javascript:alert(1)".into());
        a.lead = Some(Figure {
            src: Some("data:image/svg+xml,<svg onload=alert(1)>".into()),
            ..Figure::default()
        });
        let ld = news_article(&a);
        assert!(ld.get("url").is_none() && ld.get("mainEntityOfPage").is_none() && ld.get("image").is_none());
    }

    #[test]
    fn byline_without_prefix_is_the_name() {
        assert_eq!(author_name("سامر الأحمد"), "سامر الأحمد");
        assert_eq!(author_name("By Jane Doe"), "Jane Doe");
        // "كتبي" is a name, not the prefix "كتب".
        assert_eq!(author_name("كتبي علي"), "كتبي علي");
    }
}
