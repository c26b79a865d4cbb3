//! The publisher's catalog of entities, compiled for finding their mentions.
//!
//! This module owns reading a catalog (JSON with precise errors, or the
//! compact binary form), indexing every name by its
//! [folded](crate::text::normalize) tokens (`index.rs`: a vocabulary and a
//! trie of tokens, walked from each token of a text), and the rules that
//! decide whether an occurrence of a name in an article is a mention:
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
//! assert!(matches!(&found[1].kind, AnnotationKind::Mention { id, .. } if &**id == "raqqa"));
//! ```

// BTreeMap, not HashMap: it shares the BTreeMap<String, usize> code the
// markup importer links; HashMap<String, usize> adds its own (measured
// +1.4 KB gzip of wasm). The maps serve catalog compilation and `get`.
use std::collections::BTreeMap;
use std::sync::Arc;

use super::{AnnotationKind, EntityType, Found};
use crate::error::{Error, ErrorKind, Result};
use crate::text::normalize::{fold_cut, fold_str, Folded};

mod codec;
mod index;
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

/// A compiled catalog: entries plus the index that finds their names.
pub struct Catalog {
    entities: Vec<Entity>,
    /// Per entry, the id and url its mentions share.
    targets: Vec<(Arc<str>, Option<Arc<str>>)>,
    by_id: BTreeMap<String, usize>,
    index: index::Index,
    /// How many distinct folded names the index holds.
    names: usize,
}

impl Clone for Catalog {
    fn clone(&self) -> Catalog {
        // The index is rebuilt rather than derived: cloning a catalog is
        // rare (share it in an `Arc` instead), and the index has no Clone
        // of its own to keep small.
        Catalog::new(self.entities.clone()).unwrap_or_else(|_| Catalog::empty())
    }
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
        let mut keys: Vec<(String, u32, bool)> = Vec::new();
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
            let n = u32::try_from(i)
                .ok()
                .filter(|&n| n < u32::MAX >> 1)
                .ok_or_else(|| catalog_error("entities: more than 2147483646 entries"))?;
            for (j, name) in entity.names.iter().enumerate() {
                let key = fold_str(name.trim()).trim().to_string();
                if key.is_empty() {
                    return Err(catalog_error(format!(
                        "{label}: names[{j}]: must contain letters or digits"
                    )));
                }
                keys.push((key, n, entity.enclitics));
            }
        }
        let index = index::Index::new(keys.iter().map(|(k, n, e)| (k.as_str(), *n, *e)), keys.len());
        let targets = entities
            .iter()
            .map(|e| (Arc::from(e.id.as_str()), e.url.as_deref().map(Arc::from)))
            .collect();
        Ok(Catalog {
            entities,
            targets,
            by_id,
            names: index.names(),
            index,
        })
    }

    /// A catalog with no entries, which finds nothing.
    pub fn empty() -> Catalog {
        Catalog {
            entities: Vec::new(),
            targets: Vec::new(),
            by_id: BTreeMap::new(),
            index: index::Index::new(std::iter::empty(), 0),
            names: 0,
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
        self.find_folded(text, &fold_cut(text))
    }

    /// [`Catalog::find`] over a text already folded (`folded` must be
    /// `fold(text)`, or better `fold_cut(text)`, which cuts its tokens
    /// too), so several catalogs can share one fold.
    pub fn find_folded(&self, text: &str, folded: &Folded) -> Vec<Found> {
        let mut out = Vec::new();
        self.each_mention(text, folded, |start, end, entity| {
            let (Some(e), Some((id, url))) = (self.entities.get(entity), self.targets.get(entity)) else {
                return;
            };
            out.push(Found {
                start,
                end,
                kind: AnnotationKind::Mention {
                    id: Arc::clone(id),
                    entity_type: e.entity_type,
                    url: url.clone(),
                },
                confidence: 1.0,
            });
        });
        out
    }

    /// How many mentions [`Catalog::find`] finds in `text`, without
    /// building them.
    pub fn count(&self, text: &str) -> usize {
        let mut n = 0;
        self.each_mention(text, &fold_cut(text), |_, _, _| n += 1);
        n
    }

    /// Calls `f(start, end, entity index)` for each mention, in order.
    fn each_mention(&self, text: &str, folded: &Folded, mut f: impl FnMut(usize, usize, usize)) {
        if self.names == 0 {
            return;
        }
        // Cut while folding (`fold_cut`), or now.
        let mut cut = Vec::new();
        let toks = if folded.tokens.is_empty() {
            index::tokens(&folded.text, &mut cut);
            &cut
        } else {
            &folded.tokens
        };
        let mut hits = Vec::new();
        let enclitic_ok = |e: u32| self.entities.get(e as usize).is_some_and(|e| e.enclitics);
        self.index.find(&folded.text, toks, &enclitic_ok, &mut hits);
        let mut cursor = 0;
        for hit in hits {
            let (os, oe) = folded.to_original_from(hit.start, hit.end, &mut cursor);
            if text.get(os..oe).is_some() {
                f(os, oe, hit.entity as usize);
            }
        }
    }
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("entities", &self.entities.len())
            .field("names", &self.names)
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
                (text[f.start..f.end].to_string(), id.to_string())
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
