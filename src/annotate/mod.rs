//! Annotation: what an article mentions, as ranges over its texts.
//!
//! PLACEHOLDER body — the annotation owners replace it; the types below are
//! the agreed vocabulary (extend, don't rename, without telling the others).

use serde::Serialize;

/// The kind of a catalog entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organisation.
    Organization,
    /// An event.
    Event,
    /// A topic.
    Topic,
}

/// One finding over `start..end` (bytes) of the text at `path`
/// (a path from [`crate::Article::texts`], e.g. `body[2].text`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    /// The text's path.
    pub path: String,
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// What was found.
    pub kind: AnnotationKind,
    /// 0.0–1.0: 1.0 for catalog matches and unambiguous forms, lower for
    /// suggestions.
    pub confidence: f32,
}

/// What an [`Annotation`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AnnotationKind {
    /// A catalog entity mentioned by one of its names.
    Mention {
        /// Catalog id.
        id: String,
        /// Entity kind.
        entity_type: EntityType,
        /// The entity's page, when the catalog has one.
        url: Option<String>,
    },
    /// A person or organisation not in the catalog, found by a title or head
    /// noun (العقيد …، وزارة …).
    Suggestion {
        /// Entity kind.
        entity_type: EntityType,
    },
    /// A date.
    Date {
        /// ISO 8601 (`2017-05-15`, `2017-05`), when resolved.
        iso: Option<String>,
        /// Calendar the text was written in: `gregorian` or `hijri`.
        calendar: &'static str,
        /// Relative or partial and could not be resolved.
        resolved: bool,
    },
    /// A number or quantity.
    Number {
        /// The value.
        value: f64,
        /// `%`, an ISO 4217 currency code, or the counted noun as written.
        unit: Option<String>,
    },
    /// A quotation.
    Quotation {
        /// Who said it, as written, when found.
        speaker: Option<String>,
        /// The catalog id of the speaker's mention, when there is one.
        speaker_id: Option<String>,
        /// In quotation marks (direct) or reported speech.
        direct: bool,
    },
}

/// A finding over `start..end` (bytes) of one text, before it is given the
/// text's path: what every recognizer returns.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// What was found.
    pub kind: AnnotationKind,
    /// 0.0–1.0.
    pub confidence: f32,
}
