//! Annotations as markup: the elements the renderer wraps around the
//! ranges [`crate::annotate`] found. The annotator produces data; this
//! module alone decides what markup each kind becomes, so the visible text
//! never changes:
//!
//! | annotation | element |
//! |---|---|
//! | mention with a url | `<a href class="mention" data-entity-id data-entity-type>` for the first mention of an entity (outside the headline), a `<span>` with the same data for the others ([`LinkPolicy`]) |
//! | mention without a url (gazetteer) | `<span class="mention" data-entity-id data-entity-type>` |
//! | resolved date | `<time datetime="2017-05-15">` (+ `data-calendar="hijri"`) |
//! | unresolved date | `<span class="date">` |
//! | number | `<data value="120">` (+ `data-unit`) |
//! | quotation | `<span class="quote" data-speaker data-speaker-id>` |
//! | role suggestion | `<span class="suggestion" data-entity-type>` |
//!
//! Quotations are a `<span>`, not `<q>`: browsers insert quotation marks
//! around `<q>` through CSS, and the publisher's text already has its own —
//! a reader would see them twice. A mention's url goes through the
//! [URL policy](crate::url) again when it is written.

use crate::annotate::numbers::machine_value;
use crate::annotate::{Annotation, AnnotationKind};
use crate::model::TextId;

/// Which mentions of a catalog entity become links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkPolicy {
    /// Only the first mention of each entity outside the headline is an
    /// `<a>`; the others are `<span class="mention">` with the same data
    /// attributes (newsroom style: a paragraph full of links is noise).
    #[default]
    FirstMention,
    /// Every mention with a url is a link.
    Every,
}

/// An element the renderer wraps around `start..end` (bytes) of one text.
/// Tag and attribute names are chosen here, by code; values are escaped
/// when written, and an `href` passes the URL policy.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Overlay {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// Element name.
    pub tag: &'static str,
    /// Attributes, in order.
    pub attrs: Vec<(&'static str, String)>,
}

/// The overlays for `annotations` (in reading order, as
/// [`Annotator::annotate`](crate::annotate::Annotator::annotate) returns
/// them), by text, with `policy` deciding which mentions become links.
/// Within a text they are sorted by start, the enclosing one first.
pub(super) fn overlays(annotations: &[Annotation], policy: LinkPolicy) -> Overlays {
    let mut out = Overlays(Vec::new());
    // The ids linked so far (a list: an article links few, and a
    // `BTreeSet` of them cost kilobytes of wasm).
    let mut linked: Vec<&str> = Vec::new();
    for a in annotations {
        if a.start >= a.end {
            continue;
        }
        // Only a mention that may be a link has its url checked: the
        // others are `<span>`s without an `href` whatever their url.
        let may_link = match (&a.kind, policy) {
            (AnnotationKind::Mention { id, .. }, LinkPolicy::FirstMention) => {
                a.text.block != "headline" && !linked.contains(&&**id) && {
                    linked.push(id);
                    true
                }
            }
            _ => true,
        };
        let Some(o) = overlay(a, may_link) else { continue };
        // Annotations come text by text: the last text first.
        let at = match out.0.iter().rposition(|(id, _)| *id == a.text) {
            Some(at) => at,
            None => {
                out.0.push((a.text.clone(), Vec::new()));
                out.0.len() - 1
            }
        };
        out.0[at].1.push(o);
    }
    for (_, list) in &mut out.0 {
        crate::model::sort_stable_by_key(list, |o| (o.start, usize::MAX - o.end));
    }
    out
}

/// The overlays of each text, by text id (a list searched from the end,
/// not a `BTreeMap`, whose instantiation for these types cost kilobytes of
/// wasm).
pub(super) struct Overlays(Vec<(TextId, Vec<Overlay>)>);

impl Overlays {
    /// The overlays of text `id`.
    pub(super) fn get(&self, id: &TextId) -> Option<&Vec<Overlay>> {
        self.0.iter().rev().find(|(k, _)| k == id).map(|(_, v)| v)
    }

    #[cfg(test)]
    fn values(&self) -> impl Iterator<Item = &Vec<Overlay>> {
        self.0.iter().map(|(_, v)| v)
    }
}

#[cfg(test)]
impl std::ops::Index<&TextId> for Overlays {
    type Output = Vec<Overlay>;

    fn index(&self, id: &TextId) -> &Vec<Overlay> {
        self.get(id).expect("no overlays for the text")
    }
}

/// The overlay for one annotation (`None` for an empty range); a mention
/// is a link only when `may_link` and its url passes the URL policy.
fn overlay(a: &Annotation, may_link: bool) -> Option<Overlay> {
    if a.start >= a.end {
        return None;
    }
    let (tag, attrs): (&'static str, Vec<(&'static str, String)>) = match &a.kind {
        AnnotationKind::Mention {
            id, entity_type, url, ..
        } => {
            let mut attrs = Vec::with_capacity(4);
            let url = url.as_deref().filter(|_| may_link).and_then(crate::url::safe_url);
            if let Some(url) = &url {
                attrs.push(("href", url.clone()));
            }
            attrs.push(("class", "mention".to_string()));
            attrs.push(("data-entity-id", id.to_string()));
            attrs.push(("data-entity-type", entity_type.as_str().to_string()));
            if url.is_some() {
                ("a", attrs)
            } else {
                ("span", attrs)
            }
        }
        AnnotationKind::Date {
            iso: Some(iso),
            resolved: true,
            calendar,
            ..
        } => {
            let mut attrs = vec![("datetime", iso.clone())];
            if *calendar != "gregorian" {
                attrs.push(("data-calendar", calendar.to_string()));
            }
            ("time", attrs)
        }
        AnnotationKind::Date { calendar, hijri, .. } => {
            let mut attrs = vec![("class", "date".to_string())];
            if *calendar != "gregorian" {
                attrs.push(("data-calendar", calendar.to_string()));
            }
            if let Some(h) = hijri {
                attrs.push(("data-hijri", h.clone()));
            }
            ("span", attrs)
        }
        AnnotationKind::Number { value, unit } => {
            let mut attrs = vec![("value", machine_value(*value))];
            if let Some(u) = unit {
                attrs.push(("data-unit", u.clone()));
            }
            ("data", attrs)
        }
        AnnotationKind::Quotation {
            speaker,
            speaker_id,
            direct,
        } => {
            let class = if *direct { "quote" } else { "quote quote-reported" };
            let mut attrs = vec![("class", class.to_string())];
            if let Some(s) = speaker {
                attrs.push(("data-speaker", s.clone()));
            }
            if let Some(id) = speaker_id {
                attrs.push(("data-speaker-id", id.clone()));
            }
            ("span", attrs)
        }
        AnnotationKind::Suggestion { entity_type } => (
            "span",
            vec![
                ("class", "suggestion".to_string()),
                ("data-entity-type", entity_type.as_str().to_string()),
            ],
        ),
    };
    Some(Overlay {
        start: a.start,
        end: a.end,
        tag,
        attrs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::EntityType;

    fn mention(block: &str, start: usize, url: &str) -> Annotation {
        Annotation {
            text: TextId::main(block),
            start,
            end: start + 4,
            confidence: 1.0,
            kind: AnnotationKind::Mention {
                id: "isis".into(),
                entity_type: EntityType::Organization,
                url: Some(url.into()),
                alternatives: Vec::new(),
            },
        }
    }

    #[test]
    fn the_first_mention_outside_the_headline_is_the_link() {
        let found = [
            mention("headline", 0, "/isis"),
            mention("p1", 0, "/isis"),
            mention("p1", 10, "/isis"),
        ];
        let map = overlays(&found, LinkPolicy::FirstMention);
        assert_eq!(map[&TextId::main("headline")][0].tag, "span");
        let body = &map[&TextId::main("p1")];
        assert_eq!((body[0].tag, body[1].tag), ("a", "span"));
        assert!(!body[1].attrs.iter().any(|(n, _)| *n == "href"));
        let every = overlays(&found, LinkPolicy::Every);
        assert!(every.values().flatten().all(|o| o.tag == "a"));
    }

    #[test]
    fn a_url_the_policy_refuses_makes_no_link() {
        let map = overlays(&[mention("p1", 0, "javascript:alert(1)")], LinkPolicy::Every);
        let o = &map[&TextId::main("p1")][0];
        assert_eq!(o.tag, "span");
        assert!(o.attrs.iter().all(|(_, v)| !v.contains("javascript")));
    }
}
