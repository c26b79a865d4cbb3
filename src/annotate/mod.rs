//! Annotation: what an article mentions, as ranges over its texts.
//!
//! This module owns the annotation vocabulary ([`Annotation`],
//! [`AnnotationKind`], [`Found`]) and the [`Annotator`], which runs every
//! recognizer over an article's texts and resolves their overlaps: catalog
//! mentions ([`catalog`]) and the built-in gazetteer (the
//! publisher's catalog wins where they overlap), dates, numbers, role
//! suggestions and quotations. Annotations are data: [`w3c`] writes them
//! as W3C Web Annotations, and the renderer ([`crate::render`]) decides
//! what markup each becomes.
//!
//! ```
//! use rtl_article::annotate::{catalog::Catalog, Annotator, AnnotationKind};
//! use rtl_article::ingest;
//!
//! let article = ingest::text::import("روسيا ترفض أي اتفاق\n\nقتل 120 عنصرا من داعش في الرقة.\n").unwrap();
//! let catalog = Catalog::from_json(r#"[{"id": "isis", "type": "organization", "names": ["داعش"]}]"#).unwrap();
//! let found = Annotator::new().catalog(catalog).annotate(&article);
//! assert!(found.iter().any(|a| matches!(&a.kind, AnnotationKind::Mention { id, .. } if &**id == "isis")));
//! assert!(found.iter().any(|a| matches!(a.kind, AnnotationKind::Number { value, .. } if value == 120.0)));
//! ```

use std::sync::Arc;

use serde::Serialize;

use crate::date::Date;
use crate::model::TextId;

pub mod catalog;
pub mod dates;
#[cfg(feature = "gazetteer")]
pub mod gazetteer;
pub mod numbers;
pub mod quotes;
pub mod roles;
mod tokens;
pub mod w3c;

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

/// One finding over `start..end` (bytes) of the text named `text`
/// (a [`TextId`] from [`crate::Article::texts`]: `headline`, `p-kd3mq2xa`,
/// `l-a2b3c4d5/1`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotation {
    /// The text it is in.
    pub text: TextId,
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
        /// Catalog id, shared with the catalog (a mention does not copy it).
        id: Arc<str>,
        /// Entity kind.
        entity_type: EntityType,
        /// The entity's page, when the catalog has one.
        url: Option<Arc<str>>,
        /// The other entities of the catalog this name may mean, most
        /// likely first, when several share it (the confidence says how
        /// sure the choice is); empty, and not serialized, when none do.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        alternatives: Vec<Arc<str>>,
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
        /// For Hijri dates, the date as written in the Hijri calendar
        /// (`1438-08-19`, `1438-08`): a Hijri month has no single ISO value.
        hijri: Option<String>,
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

/// Runs every recognizer over an article and resolves their overlaps.
///
/// Built with chained setters; [`Annotator::new`] has no catalog and no
/// gazetteer, and takes the publication date from the article. Most users
/// reach it through the pipeline ([`crate::Builder`]).
///
/// The catalog is shared ([`Arc`]): cloning an annotator, or building one
/// per article from the same catalog, never copies the automaton.
#[derive(Debug, Clone)]
pub struct Annotator {
    catalog: Option<Arc<catalog::Catalog>>,
    gazetteer: bool,
    published: Option<Date>,
}

impl Default for Annotator {
    fn default() -> Self {
        Annotator::new()
    }
}

impl Annotator {
    /// No catalog, no gazetteer; relative dates resolved against the
    /// article's `published`.
    pub fn new() -> Self {
        Annotator {
            catalog: None,
            gazetteer: false,
            published: None,
        }
    }

    /// Link mentions of the publisher's `catalog`.
    pub fn catalog(mut self, catalog: impl Into<Arc<catalog::Catalog>>) -> Self {
        self.catalog = Some(catalog.into());
        self
    }

    /// Also find countries and major cities from the built-in gazetteer
    /// (off by default; ignored when the `gazetteer` cargo feature is off).
    pub fn gazetteer(mut self, on: bool) -> Self {
        self.gazetteer = on;
        self
    }

    /// Resolve relative dates (أمس، الشهر الماضي) against this date
    /// instead of the article's `published`.
    pub fn published(mut self, date: Date) -> Self {
        self.published = Some(date);
        self
    }

    /// Every annotation over `article.texts()`, in text order, then by
    /// position (an enclosing quotation before what it contains).
    pub fn annotate(&self, article: &crate::Article) -> Vec<Annotation> {
        self.annotate_with_ids(article, &article.block_ids())
    }

    /// [`Annotator::annotate`] with the body's ids already computed
    /// ([`Article::block_ids`](crate::Article::block_ids)).
    pub(crate) fn annotate_with_ids(&self, article: &crate::Article, ids: &[String]) -> Vec<Annotation> {
        let published = self.published.or_else(|| article.published.as_ref().map(|t| t.date()));
        let mut out = Vec::new();
        // The last speaker carries from one text to the next (a paragraph
        // that opens وأضاف أن …).
        let mut speaker = None;
        for t in article.texts_with_ids(ids) {
            for f in self.annotate_text_at(&t.text.text, published, &mut speaker) {
                out.push(Annotation {
                    text: t.id.clone(),
                    start: f.start,
                    end: f.end,
                    kind: f.kind,
                    confidence: f.confidence,
                });
            }
        }
        out
    }

    /// The findings in one text, as [`Annotator::annotate`] makes them.
    pub fn annotate_text(&self, text: &str) -> Vec<Found> {
        self.annotate_text_at(text, self.published, &mut None)
    }

    fn annotate_text_at(
        &self,
        text: &str,
        published: Option<Date>,
        speaker: &mut Option<quotes::Previous>,
    ) -> Vec<Found> {
        // One fold for every recognizer, cut into the catalogs' tokens as it
        // goes when a catalog will read them.
        let catalogs = self.catalog.is_some() || cfg!(feature = "gazetteer") && self.gazetteer;
        let folded = if catalogs {
            crate::text::normalize::fold_cut(text)
        } else {
            crate::text::normalize::fold(text)
        };
        #[cfg_attr(not(feature = "gazetteer"), allow(unused_mut))]
        let mut mentions = match &self.catalog {
            Some(c) => c.find_folded(text, &folded),
            None => Vec::new(),
        };
        #[cfg(feature = "gazetteer")]
        if self.gazetteer {
            let places = gazetteer::catalog().find_folded(text, &folded);
            // Both lists are in text order: one merge keeps the places the
            // publisher's catalog does not cover.
            let from_catalog = std::mem::take(&mut mentions);
            let mut k = 0;
            let mut kept = Vec::new();
            for place in places {
                while from_catalog.get(k).is_some_and(|m| m.end <= place.start) {
                    k += 1;
                }
                let covered = from_catalog[k..]
                    .iter()
                    .take_while(|m| m.start < place.end)
                    .any(|m| overlaps(m, &place));
                if !covered {
                    kept.push(place);
                }
            }
            // Neither list overlaps itself or the other: no two start
            // together, so their order is by start alone.
            mentions = in_order(vec![kept, from_catalog]);
        }
        // One cut into tokens, over the same folding, for every recognizer.
        let toks = tokens::tokens(text, &folded);
        let all_dates = dates::find_in(&toks, published);
        // A date's number is not also a number.
        let numbers = numbers::find_in(&toks, &all_dates);
        // A mention that needed context gives way to a date (تشرين الأول).
        // (A loop, not `retain`: one generic instantiation fewer in wasm.)
        let mut kept = Vec::with_capacity(mentions.len());
        for m in mentions {
            if m.confidence >= 1.0 || !all_dates.iter().any(|d| overlaps(&m, d)) {
                kept.push(m);
            }
        }
        let mentions = kept;
        // A date that a mention overlaps is the mention, unless the mention
        // is a word inside it (الأول in تشرين الأول 2019).
        let dates: Vec<Found> = all_dates
            .into_iter()
            .filter(|d| {
                !mentions.iter().any(|m| {
                    overlaps(m, d) && (m.start < d.start || m.end > d.end || m.end - m.start == d.end - d.start)
                })
            })
            .collect();
        let numbers = numbers
            .into_iter()
            .filter(|n| !dates.iter().chain(&mentions).any(|d| overlaps(d, n)))
            .collect();
        // A role suggestion that overlaps a catalog mention is the mention.
        let roles = roles::find_in(&toks)
            .into_iter()
            .filter(|r| !mentions.iter().any(|m| overlaps(m, r)))
            .collect();
        // Quotations enclose mentions (and name their speaker from them).
        let quotes = quotes::find_in(text, &toks, &mentions, speaker);
        in_order(vec![quotes, dates, numbers, roles, mentions])
    }
}

/// Where a finding sorts: by start, outer ranges first where two start
/// together, so they nest.
fn order_key(f: &Found) -> (usize, usize) {
    (f.start, usize::MAX - f.end)
}

/// The findings of every list by [`order_key`], those with equal keys in
/// the order of the lists (a stable sort of the lists one after the
/// other). Each recognizer's list is in that order already, so they are
/// merged, without sorting or moving each finding twice (the sort was 4 %
/// of the full pass).
fn in_order(lists: Vec<Vec<Found>>) -> Vec<Found> {
    let total = lists.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(total);
    let sorted = |l: &Vec<Found>| l.windows(2).all(|w| order_key(&w[0]) <= order_key(&w[1]));
    if !lists.iter().all(sorted) {
        for l in lists {
            out.extend(l);
        }
        crate::model::sort_stable_by_key(&mut out, order_key);
        return out;
    }
    let mut lists: Vec<_> = lists.into_iter().map(Vec::into_iter).collect();
    loop {
        // The list whose next finding comes first (the earlier list on a
        // tie), and the key of the next one in any other list.
        let mut first: Option<(usize, (usize, usize))> = None;
        let mut second: Option<(usize, (usize, usize))> = None;
        for (i, l) in lists.iter().enumerate() {
            if let Some(f) = l.as_slice().first() {
                let key = order_key(f);
                if first.is_none_or(|(_, k)| key < k) {
                    second = first;
                    first = Some((i, key));
                } else if second.is_none_or(|(_, k)| key < k) {
                    second = Some((i, key));
                }
            }
        }
        let Some((i, _)) = first else {
            return out;
        };
        // Its findings up to the other list's next one, in one run: most
        // findings are mentions between a few dates and numbers.
        let list = &mut lists[i];
        while let Some(f) = list.as_slice().first() {
            let key = order_key(f);
            if second.is_some_and(|(j, k)| key > k || key == k && j < i) {
                break;
            }
            out.extend(list.next());
        }
    }
}

fn overlaps(a: &Found, b: &Found) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`in_order`] gives what a stable sort of the lists one after the
    /// other gives, ties between lists and runs of one list included.
    #[test]
    fn merging_is_a_stable_sort() {
        let mut rand = crate::test_rand::Rand::new(7);
        for _ in 0..2_000 {
            let lists: Vec<Vec<Found>> = (0..rand.below(6))
                .map(|list| {
                    let mut starts: Vec<usize> = (0..rand.below(12)).map(|_| rand.below(20)).collect();
                    starts.sort_unstable();
                    let mut l: Vec<Found> = starts
                        .into_iter()
                        .enumerate()
                        .map(|(k, start)| Found {
                            start,
                            end: start + 1 + rand.below(3),
                            kind: AnnotationKind::Number {
                                value: (list * 100 + k) as f64,
                                unit: None,
                            },
                            confidence: 1.0,
                        })
                        .collect();
                    crate::model::sort_stable_by_key(&mut l, order_key);
                    l
                })
                .collect();
            let mut sorted: Vec<Found> = lists.iter().flatten().cloned().collect();
            crate::model::sort_stable_by_key(&mut sorted, order_key);
            assert_eq!(in_order(lists), sorted);
        }
    }
}
