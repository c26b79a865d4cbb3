//! The publisher's catalog of entities, compiled for finding their mentions.
//!
//! This module owns reading a catalog (JSON with precise errors, or the
//! compact binary form), compiling every name into one automaton over
//! [folded](crate::text::normalize) text, and the rules that decide whether
//! an occurrence of a name in an article is a mention:
//!
//! - **Longest match wins**, leftmost first: "قوات سوريا الديمقراطية" beats
//!   "سوريا" inside it.
//! - A name starts at a **word start**, or right after a noun
//!   **proclitic** (و ف ب ك ل and their combinations وب، فل…): "وداعش" →
//!   داعش, "لقوات سوريا الديمقراطية" → the name without the ل. A name that
//!   begins with the article also matches after بال/وال/كال ("بالرقة" →
//!   الرقة) and with its alef elided after ل ("للرقة" → ل + لرقة, the link
//!   on the article's ل and the noun). The article itself is not a
//!   proclitic of a name without it: "القوات" is not "قوات".
//! - A name ends at a **word end**. Only entries with `"enclitics": true`
//!   may end before an attached pronoun (قواته); the default is no,
//!   because for people and places a longer word is far more often another
//!   word (روسيا ≠ الروسية, an adjective; a name inside a longer word never
//!   matches).
//! - The mention covers the name as written — diacritics included — and
//!   never the clitics around it.
//!
//! Two entries may share a name; the first one listed keeps it.
//!
//! Reading a catalog from JSON is [`json`](self)'s job (`Catalog::from_json`),
//! its compact binary form `codec`'s (`Catalog::to_bytes`,
//! `Catalog::from_bytes`); this module compiles entries and matches them.
//!
//! ```
//! use rtl_article::annotate::catalog::Catalog;
//! use rtl_article::annotate::AnnotationKind;
//! let catalog = Catalog::from_json(r#"[
//!   {"id": "isis", "type": "organization", "names": ["داعش", "تنظيم الدولة"]},
//!   {"id": "raqqa", "type": "place", "names": ["الرقة"], "url": "https://example.com/raqqa"}
//! ]"#).unwrap();
//! let text = "اتفاق بين قسد وداعش بالرقة";
//! let found = catalog.find(text);
//! let names: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
//! assert_eq!(names, ["داعش", "الرقة"]);
//! assert!(matches!(&found[1].kind, AnnotationKind::Mention { id, .. } if id == "raqqa"));
//! ```

// BTreeMap, not HashMap: it shares the BTreeMap<String, usize> code the
// markup importer links; HashMap<String, usize> adds its own (measured
// +1.4 KB gzip of wasm). The maps serve catalog compilation and `get`.
use std::collections::BTreeMap;

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use super::{AnnotationKind, EntityType, Found};
use crate::error::{Error, ErrorKind, Result};
use crate::text::normalize::{fold, fold_str, Folded};
use crate::text::words;

mod codec;
mod json;

impl EntityType {
    /// Every type, in the order error messages list them.
    pub const ALL: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Place,
        EntityType::Organization,
        EntityType::Event,
        EntityType::Topic,
    ];

    /// The lowercase name used in JSON and in `data-entity-type`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Place => "place",
            EntityType::Organization => "organization",
            EntityType::Event => "event",
            EntityType::Topic => "topic",
        }
    }

    /// The type named `name` (as [`EntityType::as_str`] writes it).
    pub fn from_name(name: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// One catalog entry: a person, place, organisation, event or topic with
/// the names it is written under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The publisher's id, unique in the catalog (`"isis"`, `"geo:country:SY"`).
    pub id: String,
    /// What kind of entity it is.
    pub entity_type: EntityType,
    /// Its names and aliases as written (at least one).
    pub names: Vec<String>,
    /// Its page, when the publisher has one; mentions become links.
    pub url: Option<String>,
    /// A one-line description for popovers.
    pub description: Option<String>,
    /// Whether a name may be followed by an attached pronoun (قواته →
    /// قوات). Off unless the entry says so.
    pub enclitics: bool,
}

/// What one automaton pattern stands for.
#[derive(Debug, Clone, Copy, Default)]
struct Pattern {
    /// Entity whose name this is, as written (after folding).
    entity: Option<u32>,
    /// Entity whose article-initial name this is with the alef elided
    /// (`لرقه` for `الرقه`), valid only after ل.
    elided: Option<u32>,
}

/// A compiled catalog: entries plus the automaton that finds their names.
#[derive(Clone)]
pub struct Catalog {
    entities: Vec<Entity>,
    by_id: BTreeMap<String, usize>,
    patterns: Vec<Pattern>,
    automaton: Option<CharwiseDoubleArrayAhoCorasick<u32>>,
}

/// The one place catalog errors are made: kind [`ErrorKind::Catalog`].
pub(super) fn catalog_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Catalog, message)
}

impl Catalog {
    /// Compile `entities`. Errors name the entry: duplicate ids, an entry
    /// with no names, or a name that folds to nothing (only diacritics).
    pub fn new(entities: Vec<Entity>) -> Result<Catalog> {
        let mut by_id = BTreeMap::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (i, entity) in entities.iter().enumerate() {
            let label = json::entry_label(i, entity.names.first().map(String::as_str).unwrap_or(&entity.id));
            if entity.id.is_empty() {
                return Err(catalog_error(format!("{label}: id: must not be empty")));
            }
            if let Some(first) = by_id.insert(entity.id.clone(), i) {
                return Err(catalog_error(format!(
                    "{label}: id: \"{}\" is already used by entities[{first}]",
                    entity.id
                )));
            }
            if entity.names.is_empty() {
                return Err(catalog_error(format!("{label}: names: expected at least one name")));
            }
            let n = u32::try_from(i).map_err(|_| catalog_error("entities: more than 4294967295 entries"))?;
            for (j, name) in entity.names.iter().enumerate() {
                let key = fold_str(name.trim()).trim().to_string();
                if key.is_empty() {
                    return Err(catalog_error(format!(
                        "{label}: names[{j}]: must contain letters or digits"
                    )));
                }
                let mut add = |key: String, elided: bool| {
                    let slot = *index.entry(key.clone()).or_insert_with(|| {
                        keys.push(key);
                        patterns.push(Pattern::default());
                        patterns.len() - 1
                    });
                    if let Some(p) = patterns.get_mut(slot) {
                        let target = if elided { &mut p.elided } else { &mut p.entity };
                        target.get_or_insert(n);
                    }
                };
                if let Some(rest) = key.strip_prefix("ال") {
                    if rest.chars().count() >= 2 {
                        add(format!("ل{rest}"), true);
                    }
                }
                add(key, false);
            }
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            let values = keys.iter().enumerate().map(|(i, k)| (k.as_str(), i as u32));
            Some(
                CharwiseDoubleArrayAhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    // The 2-gram prefilter made matching slower on Arabic
                    // news (measured 35 vs 46 MB/s, 100k entries) and is a
                    // 64 KB table.
                    .use_prefilter(false)
                    .build_with_values(values)
                    .map_err(|e| catalog_error(format!("entities: cannot compile the names: {e}")))?,
            )
        };
        Ok(Catalog {
            entities,
            by_id,
            patterns,
            automaton,
        })
    }

    /// A catalog with no entries, which finds nothing.
    pub fn empty() -> Catalog {
        Catalog {
            entities: Vec::new(),
            by_id: BTreeMap::new(),
            patterns: Vec::new(),
            automaton: None,
        }
    }

    /// The entries, in catalog order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entry with id `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).and_then(|&i| self.entities.get(i))
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Mentions of catalog entities in `text`, in order, not overlapping,
    /// as byte ranges of `text`.
    pub fn find(&self, text: &str) -> Vec<Found> {
        self.find_folded(text, &fold(text))
    }

    /// [`Catalog::find`] over a text already folded (`folded` must be
    /// `fold(text)`), so several catalogs can share one fold.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Found> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let f = folded.text.as_str();
        // (start, end, entity) in folded bytes, every valid occurrence.
        let mut hits: Vec<(usize, usize, u32)> = Vec::new();
        for m in automaton.find_overlapping_iter(f) {
            let (start, end) = (m.start(), m.end());
            let Some(pattern) = self.patterns.get(m.value() as usize) else {
                continue;
            };
            let word_start = words::word_start_before(f, start);
            let prefix = f.get(word_start..start).unwrap_or("");
            let entity = if prefix.is_empty() {
                pattern.entity
            } else if words::is_eliding_proclitic(prefix) && pattern.elided.is_some() {
                pattern.elided
            } else if words::is_noun_proclitic(prefix)
                && f.get(start..end)
                    .is_some_and(|n| n.chars().count() >= words::MIN_STEM_CHARS)
            {
                pattern.entity
            } else {
                None
            };
            let Some(entity) = entity else { continue };
            let word_end = words::word_end_after(f, end);
            let ends_ok = word_end == end
                || self.entities.get(entity as usize).is_some_and(|e| e.enclitics)
                    && f.get(end..word_end).is_some_and(words::is_enclitic);
            if ends_ok {
                hits.push((start, end, entity));
            }
        }
        // Leftmost, then longest; greedy without overlap.
        crate::model::sort_stable_by_key(&mut hits, |h| (h.0, usize::MAX - h.1));
        let mut out = Vec::new();
        let mut taken_to = 0;
        for (start, end, entity) in hits {
            if start < taken_to {
                continue;
            }
            let Some(e) = self.entities.get(entity as usize) else {
                continue;
            };
            let (os, oe) = folded.to_original(start, end);
            if text.get(os..oe).is_none() {
                continue;
            }
            taken_to = end;
            out.push(Found {
                start: os,
                end: oe,
                kind: AnnotationKind::Mention {
                    id: e.id.clone(),
                    entity_type: e.entity_type,
                    url: e.url.clone(),
                },
                confidence: 1.0,
            });
        }
        out
    }
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("entities", &self.entities.len())
            .field("patterns", &self.patterns.len())
            .finish()
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A small catalog the matching and codec tests share.
    pub(crate) fn catalog() -> Catalog {
        Catalog::from_json(
            r#"{"entities": [
              {"id": "russia", "type": "place", "names": ["روسيا"]},
              {"id": "sdf", "type": "organization", "names": ["قوات سوريا الديمقراطية", "قسد"], "enclitics": true},
              {"id": "raqqa", "type": "place", "names": ["الرقة"]},
              {"id": "lebanon", "type": "place", "names": ["لبنان"]}
            ]}"#,
        )
        .unwrap()
    }

    /// `(covered text, id)` of every mention `c` finds in `text`.
    pub(crate) fn mentions(c: &Catalog, text: &str) -> Vec<(String, String)> {
        c.find(text)
            .into_iter()
            .map(|f| {
                let AnnotationKind::Mention { id, .. } = f.kind else {
                    panic!("not a mention")
                };
                (text[f.start..f.end].to_string(), id)
            })
            .collect()
    }

    #[test]
    fn clitics_stay_outside_the_mention() {
        let c = catalog();
        let m = mentions(&c, "وللرقة ولقوات سوريا الديمقراطية وبالرقة");
        assert_eq!(m[0].0, "لرقة");
        assert_eq!(m[1].0, "قوات سوريا الديمقراطية");
        assert_eq!(m[2].0, "الرقة");
    }

    #[test]
    fn enclitics_only_when_allowed() {
        let c = catalog();
        assert_eq!(mentions(&c, "قسدهم"), [("قسد".to_string(), "sdf".to_string())]);
        assert!(mentions(&c, "روسياها").is_empty());
    }

    #[test]
    fn no_match_inside_words() {
        let c = catalog();
        assert!(mentions(&c, "الروسية والروسي والقوات والرقيب").is_empty());
        assert!(mentions(&c, "اللبنانيون").is_empty());
        assert_eq!(mentions(&c, "لبنان")[0].0, "لبنان");
    }
}
