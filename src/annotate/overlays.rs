//! Annotations as markup: the [`Overlay`]s the renderer wraps around text.
//!
//! This module owns the HTML vocabulary of annotations, so the renderer
//! needs no knowledge of them and the visible text never changes:
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
//! a reader would see them twice.
//!
//! ```
//! use rtl_article::annotate::{overlays::overlays, Annotation, AnnotationKind, EntityType};
//! let a = Annotation {
//!     path: "body[0].text".into(), start: 0, end: 8, confidence: 1.0,
//!     kind: AnnotationKind::Mention { id: "isis".into(), entity_type: EntityType::Organization, url: None },
//! };
//! let map = overlays(&[a]);
//! let o = &map["body[0].text"][0];
//! assert_eq!(o.tag, "span");
//! assert_eq!(o.attrs[0], ("class", "mention".to_string()));
//! ```

use std::collections::BTreeMap;

use super::{Annotation, AnnotationKind};
use crate::render::Overlay;

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

/// The overlays for `annotations` (in reading order, as
/// [`Annotator::annotate`](super::Annotator::annotate) returns them), by text
/// path, ready for [`RenderOptions::overlays`](crate::render::RenderOptions::overlays),
/// linking the first mention of each entity ([`LinkPolicy::FirstMention`]).
/// Within a path they are sorted by start, the enclosing one first.
pub fn overlays(annotations: &[Annotation]) -> BTreeMap<String, Vec<Overlay>> {
    overlays_with(annotations, LinkPolicy::default())
}

/// [`overlays`] with a choice of which mentions become links.
pub fn overlays_with(annotations: &[Annotation], policy: LinkPolicy) -> BTreeMap<String, Vec<Overlay>> {
    let mut out: BTreeMap<String, Vec<Overlay>> = BTreeMap::new();
    let mut linked: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for a in annotations {
        let Some(mut o) = overlay(a) else { continue };
        if let (AnnotationKind::Mention { id, .. }, LinkPolicy::FirstMention) = (&a.kind, policy) {
            let first = a.path != "headline" && linked.insert(id.as_str());
            if o.tag == "a" && !first {
                o.tag = "span";
                o.attrs.retain(|(name, _)| *name != "href");
            }
        }
        out.entry(a.path.clone()).or_default().push(o);
    }
    for list in out.values_mut() {
        crate::model::sort_stable_by_key(list, |o| (o.start, usize::MAX - o.end));
    }
    out
}

/// The overlay for one annotation (`None` for an empty range).
pub fn overlay(a: &Annotation) -> Option<Overlay> {
    if a.start >= a.end {
        return None;
    }
    let (tag, attrs): (&'static str, Vec<(&'static str, String)>) = match &a.kind {
        AnnotationKind::Mention { id, entity_type, url } => {
            let mut attrs = Vec::with_capacity(4);
            if let Some(url) = url {
                attrs.push(("href", url.clone()));
            }
            attrs.push(("class", "mention".to_string()));
            attrs.push(("data-entity-id", id.clone()));
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
            let mut attrs = vec![("value", number_value(*value))];
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

/// A machine-readable number for `<data value>`: integers without a
/// fraction, others as Rust prints them (`0.5`, `1500000`).
fn number_value(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}
