//! Editorial notes: the W3C annotations a publisher attaches to an
//! article — fact-checks (`assessing`), corrections (`editing`),
//! footnotes (`commenting`) and glossary entries (`describing`) — read
//! from the JSON format's `notes` field, from an `AnnotationCollection` in
//! a page's `<script type="application/ld+json">`, or given on their own
//! ([`Builder::notes`](crate::Builder::notes), the CLI's `--notes`).
//!
//! Every note must say something (a textual body); links among its bodies
//! follow the [URL policy](crate::url) (a refused one is dropped with a
//! warning); a motivation that is not one of the four is shown as a
//! footnote, with a warning. Where the notes land is decided when the
//! article is rendered ([`crate::render`]): they are anchored to the text
//! then, so an article edited after its notes were written still gets them
//! in the right place, or lists them as no longer placed.
//!
//! ```
//! use rtl_article::ingest::notes;
//! let json = serde_json::json!([{
//!     "motivation": "assessing",
//!     "body": [{"type": "TextualBody", "value": "الرقم الموثق 118"}, "javascript:alert(1)"],
//!     "target": {"source": "https://example.com/a#p-ab2c3d4e",
//!                "selector": {"type": "TextQuoteSelector", "exact": "120 عنصرا"}},
//! }]);
//! let mut warnings = Vec::new();
//! let read = notes::read(&json, "notes", &mut warnings).unwrap();
//! assert_eq!(read[0].text_body(), Some("الرقم الموثق 118"));
//! assert_eq!(read[0].links().count(), 0);
//! assert!(warnings[0].starts_with("notes[0].body[1]: "));
//! ```

use crate::anchor::w3c::{self, Annotation, Body, Motivation, Tree};
use crate::error::{Error, Result};

/// The most notes one article may carry.
pub const MAX_NOTES: usize = 500;

/// The editorial kinds, by motivation.
pub const EDITORIAL: [Motivation; 4] = [
    Motivation::Assessing,
    Motivation::Editing,
    Motivation::Commenting,
    Motivation::Describing,
];

/// Read the editorial notes in `value` (an `AnnotationCollection`, a page,
/// an array or one annotation) named `path` in messages, pushing warnings.
pub fn read<T: Tree>(value: &T, path: &str, warnings: &mut Vec<String>) -> Result<Vec<Annotation>> {
    let read = w3c::read_collection(value, path)?;
    if read.len() > MAX_NOTES {
        return Err(Error::too_large(
            path,
            format!("{} notes; the limit is {MAX_NOTES}", read.len()),
        ));
    }
    let many = value.items().is_some() || value.field("items").is_some() || value.field("first").is_some();
    let items_path = if value.field("first").is_some() {
        format!("{path}.first.items")
    } else if value.field("items").is_some() {
        format!("{path}.items")
    } else {
        path.to_string()
    };
    let mut out = Vec::with_capacity(read.len());
    for (i, (note, _)) in read.into_iter().enumerate() {
        let at = if many {
            format!("{items_path}[{i}]")
        } else {
            path.to_string()
        };
        out.push(check(note, &at, warnings)?);
    }
    Ok(out)
}

/// One note checked: it says something, its links are allowed, its
/// motivation is editorial.
pub fn check(mut note: Annotation, path: &str, warnings: &mut Vec<String>) -> Result<Annotation> {
    if note.text_body().is_none_or(|t| t.trim().is_empty()) {
        return Err(Error::invalid(
            format!("{path}.body"),
            "an editorial note needs a textual body (what the note says)",
        ));
    }
    if let Some(m) = note.motivation.iter().find(|m| !EDITORIAL.contains(m)) {
        if !note.motivation.iter().any(|m| EDITORIAL.contains(m)) {
            warnings.push(format!(
                "{path}.motivation: {:?} is not a note kind (assessing, editing, commenting, describing); shown as a footnote",
                m.as_str()
            ));
        }
    }
    let mut kept = Vec::with_capacity(note.body.len());
    let many = note.body.len() > 1;
    for (i, body) in std::mem::take(&mut note.body).into_iter().enumerate() {
        match body {
            Body::Link { iri, purpose } => match crate::url::check(&iri) {
                Ok(iri) => kept.push(Body::Link { iri, purpose }),
                Err(why) => {
                    let at = if many {
                        format!("{path}.body[{i}]")
                    } else {
                        format!("{path}.body")
                    };
                    warnings.push(format!("{at}: {why}; the link was dropped"));
                }
            },
            text => kept.push(text),
        }
    }
    note.body = kept;
    Ok(note)
}

/// The note's kind for display: the first editorial motivation, else
/// `commenting` (a footnote).
pub fn kind(note: &Annotation) -> &Motivation {
    note.motivation
        .iter()
        .find(|m| EDITORIAL.contains(m))
        .unwrap_or(&Motivation::Commenting)
}
