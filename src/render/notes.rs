//! Editorial notes as markup: each note placed in the text it is anchored
//! to ([`crate::anchor`]) gets a numbered marker right after its words —
//! a `<button popovertarget>` opening the note as a popover, described by
//! it (`aria-describedby`), so it works with no script at all — and the
//! notes themselves follow the body in a labelled `<aside class="notes">`.
//! Notes on the whole article, and notes whose words are gone from the
//! text, are shown there as they are, never dropped. The collection is
//! written again as JSON-LD with each note's selector as it is now, for
//! the reader bundle (which highlights the noted words) and for anyone
//! importing the page.
//!
//! Everything here is outside the texts: markers and the aside carry
//! `data-added`, so offsets into the text containers are unchanged.
//!
//! A marker goes after the last character of its words, moved to the end
//! of the word when the range ends inside one (a button inside a word
//! would break its letters apart) and out of any element open there (a
//! button inside a link is invalid HTML).

use super::html::HtmlWriter;
use super::labels::Labels;
use crate::anchor::w3c::{self, Annotation, Motivation};
use crate::anchor::{Document, Resolution, Selector};
use crate::hash::{base32, fnv1a, FNV_OFFSET};
use crate::ingest::notes::kind;
use crate::model::Article;
use crate::text::offsets::Offsets;
use crate::text::words::is_word_char;

/// One note as it will be shown.
pub(super) struct Shown<'a> {
    pub note: &'a Annotation,
    /// The popover's element id (`note-…`).
    pub html_id: String,
    /// The marker's number, for notes placed in the text.
    pub number: Option<usize>,
    /// The selector of where it is now, when placed.
    pub selector: Option<Selector>,
    /// Anchored once, but its words are gone.
    pub orphan: bool,
}

/// The article's notes, placed.
pub(super) struct Notes<'a> {
    /// In display order: placed notes by number, then notes on the whole
    /// article, then orphans.
    pub shown: Vec<Shown<'a>>,
    /// By text id, in text order: `(byte offset of the marker, index into
    /// shown)`, sorted. A list, not a `BTreeMap`: few texts carry notes,
    /// and its instantiation for these types cost 0.9 KB gzip of wasm.
    pub markers: Vec<(String, Vec<(usize, usize)>)>,
}

/// Place `article`'s notes in its text.
pub(super) fn place<'a>(article: &'a Article, ids: &[String]) -> Notes<'a> {
    let mut notes = Notes {
        shown: Vec::new(),
        markers: Vec::new(),
    };
    if article.notes.is_empty() {
        return notes;
    }
    let document = Document::from_article_with_ids(article, ids);
    let texts = article.texts_with_ids(ids);
    let mut placed = Vec::new();
    let mut whole = Vec::new();
    let mut orphans = Vec::new();
    for note in &article.notes {
        let Some(selector) = &note.selector else {
            whole.push(note);
            continue;
        };
        match document.resolve(selector) {
            Resolution::Placed(p) => {
                let text = &texts[p.index].text.text;
                let mut offsets = Offsets::new(text);
                let end = offsets.chars(p.end).byte;
                placed.push((
                    p.index,
                    marker_byte(text, end),
                    p.start,
                    note,
                    document.describe(&p.text, p.start, p.end),
                ));
            }
            Resolution::Orphan(_) => orphans.push(note),
        }
    }
    // Reading order: by text, then where the marker goes (the shared sort).
    crate::model::sort_stable_by_key(&mut placed, |&(index, byte, ..)| (index, byte));
    let mut ids = Vec::new();
    for (n, (index, byte, _, note, selector)) in placed.into_iter().enumerate() {
        let at = notes.shown.len();
        let id = texts[index].id.to_string();
        // `placed` is sorted by text: a text's markers are consecutive.
        match notes.markers.last_mut() {
            Some((last, markers)) if *last == id => markers.push((byte, at)),
            _ => notes.markers.push((id, vec![(byte, at)])),
        }
        notes.shown.push(Shown {
            note,
            html_id: html_id(note, &mut ids),
            number: Some(n + 1),
            selector,
            orphan: false,
        });
    }
    for note in whole {
        notes.shown.push(Shown {
            note,
            html_id: html_id(note, &mut ids),
            number: None,
            selector: None,
            orphan: false,
        });
    }
    for note in orphans {
        notes.shown.push(Shown {
            note,
            html_id: html_id(note, &mut ids),
            number: None,
            selector: note.selector.clone(),
            orphan: true,
        });
    }
    notes
}

/// Warnings for the notes whose words are gone from `article`'s text.
pub fn warnings(article: &Article) -> Vec<String> {
    warnings_of(&place(article, &article.block_ids()))
}

/// [`warnings`] of notes already placed.
pub(super) fn warnings_of(notes: &Notes<'_>) -> Vec<String> {
    notes
        .shown
        .iter()
        .filter(|s| s.orphan)
        .map(|s| {
            let exact = s.selector.as_ref().map_or("", |sel| sel.exact.as_str());
            format!(
                "notes: the words of note {} («{}») are no longer in the text; it is listed without a marker",
                s.note.id.as_deref().unwrap_or("(no id)"),
                exact.chars().take(40).collect::<String>()
            )
        })
        .collect()
}

/// Where a marker for a range ending at byte `end` goes: the end of the
/// word when `end` falls inside one.
fn marker_byte(text: &str, end: usize) -> usize {
    let mut at = end;
    for c in text[end..].chars() {
        if is_word_char(c) || crate::text::normalize::is_diacritic(c) {
            at += c.len_utf8();
        } else {
            break;
        }
    }
    at
}

/// A page-unique element id for `note`, stable across renders.
fn html_id(note: &Annotation, taken: &mut Vec<String>) -> String {
    let key = match &note.id {
        Some(id) => id.clone(),
        None => format!(
            "{}\u{1f}{}",
            note.selector.as_ref().map_or("", |s| s.exact.as_str()),
            note.text_body().unwrap_or("")
        ),
    };
    let mut id = format!("note-{}", base32(fnv1a(FNV_OFFSET, key.as_bytes()), 8));
    let base = id.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

/// The id of the notes' heading, unique to the article.
pub(super) fn heading_id(article: &Article) -> String {
    let iri = crate::annotate::w3c::article_iri(article);
    format!("notes-{}", base32(fnv1a(FNV_OFFSET, iri.as_bytes()), 6))
}

/// The label of a note's kind.
fn kind_label(note: &Annotation, labels: &Labels) -> &'static str {
    match kind(note) {
        Motivation::Assessing => labels.notes.fact_check,
        Motivation::Editing => labels.notes.correction,
        Motivation::Describing => labels.notes.glossary,
        _ => labels.notes.footnote,
    }
}

/// The class of a note's kind.
fn kind_class(note: &Annotation) -> &'static str {
    match kind(note) {
        Motivation::Assessing => "fact-check",
        Motivation::Editing => "correction",
        Motivation::Describing => "glossary",
        _ => "footnote",
    }
}

/// The marker for `shown`: a numbered button that opens its note.
pub(super) fn marker(w: &mut HtmlWriter, shown: &Shown<'_>, labels: &Labels) {
    let number = shown.number.unwrap_or(0).to_string();
    w.open("button");
    w.attr("type", "button");
    w.attr("class", &format!("note-marker {}", kind_class(shown.note)));
    w.attr("data-added", "");
    w.attr("data-note", &shown.html_id);
    w.attr("popovertarget", &shown.html_id);
    w.attr("aria-describedby", &format!("{}-body", shown.html_id));
    w.attr("aria-label", &format!("{} {number}", kind_label(shown.note, labels)));
    w.text(&number);
    w.close("button");
}

/// The notes after the body: placed ones as popovers (hidden until their
/// marker opens them, shown in place where popovers are unsupported),
/// the others shown as they are.
pub(super) fn section(w: &mut HtmlWriter, notes: &Notes<'_>, labels: &Labels, heading_id: &str) {
    if notes.shown.is_empty() {
        return;
    }
    w.open("aside");
    w.attr("class", "notes");
    w.attr("data-added", "");
    w.attr("aria-labelledby", heading_id);
    w.newline();
    w.open("h2");
    w.attr("id", heading_id);
    w.text(labels.notes.heading);
    w.close("h2");
    w.newline();
    w.open("ol");
    w.attr("class", "notes-list");
    w.newline();
    for shown in &notes.shown {
        let note = shown.note;
        w.open("li");
        w.attr("id", &shown.html_id);
        w.attr("class", &format!("note {}", kind_class(note)));
        if shown.number.is_some() {
            w.attr("popover", "");
        }
        w.open("p");
        w.attr("class", "note-kind");
        if let Some(n) = shown.number {
            w.text(&format!("{} {n}", kind_label(note, labels)));
        } else {
            w.text(kind_label(note, labels));
            w.text(" · ");
            w.text(if shown.orphan {
                labels.notes.orphan
            } else {
                labels.notes.whole
            });
        }
        w.close("p");
        if let Some(selector) = shown
            .selector
            .as_ref()
            .filter(|_| shown.number.is_some() || shown.orphan)
        {
            w.open("p");
            w.attr("class", "note-quote");
            w.text(&selector.exact);
            w.close("p");
        }
        w.open("p");
        w.attr("id", &format!("{}-body", shown.html_id));
        w.attr("class", "note-body");
        if let Some(lang) = note.body.iter().find_map(|b| match b {
            w3c::Body::Text { language, .. } => language.as_deref(),
            w3c::Body::Link { .. } => None,
        }) {
            // A note's language comes from whoever wrote the note: written
            // only when it is a language tag (an escaped but meaningless
            // `lang` helps no one).
            if crate::ingest::check::is_language_tag(lang) {
                w.attr("lang", lang);
            }
        }
        w.text(note.text_body().unwrap_or(""));
        w.close("p");
        let links: Vec<&str> = note.links().collect();
        let by = note.creator.as_deref();
        if !links.is_empty() || by.is_some() {
            w.open("p");
            w.attr("class", "note-meta");
            if let Some(by) = by {
                w.open("span");
                w.attr("class", "note-creator");
                w.text(by);
                w.close("span");
            }
            for url in links.iter().filter_map(|l| crate::url::safe_url(l)) {
                w.open("a");
                w.attr("href", &url);
                w.text(labels.notes.source);
                w.close("a");
            }
            w.close("p");
        }
        w.close("li");
        w.newline();
    }
    w.close("ol");
    w.newline();
    w.close("aside");
    w.newline();
}

/// The notes as an `AnnotationCollection`, each with its selector as it
/// is now (orphans keep theirs, marked `orphan`).
pub(super) fn collection(article: &Article, notes: &Notes<'_>) -> serde_json::Value {
    let base = crate::annotate::w3c::article_iri(article);
    let items = notes
        .shown
        .iter()
        .map(|shown| {
            let mut note = shown.note.clone();
            note.source = Some(base.clone());
            if shown.selector.is_some() {
                note.selector = shown.selector.clone();
            }
            note.orphan = shown.orphan;
            if note.id.is_none() {
                note.id = Some(format!("{base}#{}", shown.html_id));
            }
            note.write::<serde_json::Value>(None)
        })
        .collect();
    w3c::write_collection(items, Some(&article.headline.text))
}
