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
//! Two entries may share a name: context decides which one a mention is,
//! and the others stay in the mention as its `alternatives`; a name that
//! folds to a function word matches only as the catalog spells it, and a
//! one-word name that is a common word only with context (`resolve.rs`).
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

use std::sync::{Arc, OnceLock};

use super::{AnnotationKind, EntityType, Found};
use crate::error::{Error, ErrorKind, Result};
use crate::hash::word_hash;
use crate::text::normalize::{fold_cut, fold_str, Folded};

pub(crate) mod codec;
mod index;
mod json;
mod resolve;

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
    /// Whether its one-word names are common words that link only with
    /// context (a cue word, another of its names earlier in the text,
    /// guillemets; see `resolve.rs`). Names that fold to a function word
    /// or a common word need it anyway; this marks the others.
    pub context: bool,
}

/// A compiled catalog: entries plus the index that finds their names.
///
/// What matching reads per entry (type, enclitics) is a flat array; the
/// id and url a mention carries are made once per entry, when it is first
/// mentioned; a catalog loaded from its binary form keeps its entries
/// packed until [`Catalog::entities`] or [`Catalog::get`] asks for them.
/// So loading costs what matching needs, not what the catalog holds.
pub struct Catalog {
    store: codec::Store,
    /// Per entry: its type, whether it takes enclitics, whether its
    /// one-word names need context.
    kinds: Vec<(EntityType, bool, bool)>,
    /// `(node, resolve::EXACT | resolve::CONTEXT)` of the one-word names
    /// that are function or common words, sorted by node.
    guards: Vec<(u32, u8)>,
    /// Per trie node, whether the name ending there is guarded or shared.
    special: Vec<bool>,
    /// Per entry, what context reads of it, made at its first ambiguous
    /// mention.
    profiles: Vec<OnceLock<resolve::Profile>>,
    /// Per entry, the id and url its mentions share, made at its first
    /// mention.
    targets: Vec<OnceLock<Target>>,
    /// Entry index + 1 by id (0: a free slot), open addressing on
    /// [`word_hash`].
    ids: Vec<u32>,
    index: index::Index,
    /// How many distinct folded names the index holds.
    names: usize,
}

type Target = (Arc<str>, Option<Arc<str>>);

impl Clone for Catalog {
    fn clone(&self) -> Catalog {
        // The index is rebuilt rather than derived: cloning a catalog is
        // rare (share it in an `Arc` instead), and the index has no Clone
        // of its own to keep small.
        Catalog::new(self.entities().to_vec()).unwrap_or_else(|_| Catalog::empty())
    }
}

/// The one place catalog errors are made: kind [`ErrorKind::Catalog`].
pub(super) fn catalog_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Catalog, message)
}

/// The id table's size for `n` entries: a power of two, at most half full.
fn id_slots(n: usize) -> Vec<u32> {
    vec![0; (n * 2).next_power_of_two().max(16)]
}

/// Adds entry `i` under `id` to `slots`, or returns the entry that
/// already has it; `id_of` reads an entry's id.
fn insert_id<'a>(slots: &mut [u32], id: &str, i: u32, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
    let mask = slots.len() - 1;
    let mut slot = word_hash(id.as_bytes()) as usize & mask;
    loop {
        match slots[slot] {
            0 => {
                slots[slot] = i + 1;
                return None;
            }
            e if id_of(e - 1) == id => return Some(e - 1),
            _ => slot = (slot + 1) & mask,
        }
    }
}

/// Checks entry `i` of a catalog being read and records its id:
/// ids unique and not empty, at least one name.
pub(super) fn check_entry<'a>(
    slots: &mut [u32],
    i: usize,
    id: &str,
    first_name: Option<&str>,
    id_of: impl Fn(u32) -> &'a str,
) -> Result<u32> {
    let label = || json::entry_label(i, first_name.unwrap_or(id));
    let n = u32::try_from(i)
        .ok()
        .filter(|&n| n < u32::MAX >> 1)
        .ok_or_else(|| catalog_error("entities: more than 2147483646 entries"))?;
    if id.is_empty() {
        return Err(catalog_error(format!("{}: id: must not be empty", label())));
    }
    if first_name.is_none() {
        return Err(catalog_error(format!("{}: names: expected at least one name", label())));
    }
    if let Some(first) = insert_id(slots, id, n, id_of) {
        return Err(catalog_error(format!(
            "{}: id: \"{id}\" is already used by entities[{first}]",
            label()
        )));
    }
    Ok(n)
}

impl Catalog {
    /// Compile `entities`. Errors name the entry: duplicate ids, an entry
    /// with no names, or a name that folds to nothing (only diacritics).
    pub fn new(entities: Vec<Entity>) -> Result<Catalog> {
        let mut ids = id_slots(entities.len());
        let mut keys: Vec<(String, u32, bool)> = Vec::new();
        for (i, entity) in entities.iter().enumerate() {
            let first = entity.names.first().map(String::as_str);
            let n = check_entry(&mut ids, i, &entity.id, first, |e| {
                entities.get(e as usize).map_or("", |e| e.id.as_str())
            })?;
            for (j, name) in entity.names.iter().enumerate() {
                let key = fold_str(name.trim()).trim().to_string();
                if key.is_empty() {
                    return Err(catalog_error(format!(
                        "{}: names[{j}]: must contain letters or digits",
                        json::entry_label(i, first.unwrap_or(&entity.id))
                    )));
                }
                keys.push((key, n, entity.enclitics));
            }
        }
        let index = index::Index::new(keys.iter().map(|(k, n, e)| (k.as_str(), *n, *e)), keys.len());
        let kinds = entities
            .iter()
            .map(|e| (e.entity_type, e.enclitics, e.context))
            .collect();
        Ok(Catalog::assemble(codec::Store::Owned(entities), kinds, ids, index))
    }

    fn assemble(
        store: codec::Store,
        kinds: Vec<(EntityType, bool, bool)>,
        ids: Vec<u32>,
        index: index::Index,
    ) -> Catalog {
        let targets = (0..store.len()).map(|_| OnceLock::new()).collect();
        let mut profiles = Vec::with_capacity(store.len());
        for _ in 0..store.len() {
            profiles.push(OnceLock::new());
        }
        let guards = resolve::guards(&store, &kinds, &index);
        let mut special = vec![false; index.node_count()];
        for &(node, _) in &guards {
            if let Some(s) = special.get_mut(node as usize) {
                *s = true;
            }
        }
        for &(node, _) in &index.shared {
            if let Some(s) = special.get_mut(node as usize) {
                *s = true;
            }
        }
        Catalog {
            store,
            kinds,
            guards,
            special,
            profiles,
            targets,
            ids,
            names: index.names(),
            index,
        }
    }

    /// A catalog with no entries, which finds nothing.
    pub fn empty() -> Catalog {
        let index = index::Index::new(std::iter::empty(), 0);
        Catalog::assemble(codec::Store::Owned(Vec::new()), Vec::new(), id_slots(0), index)
    }

    /// The entries, in catalog order.
    pub fn entities(&self) -> &[Entity] {
        self.store.entities()
    }

    /// The entry with id `id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        let mask = self.ids.len() - 1;
        let mut slot = word_hash(id.as_bytes()) as usize & mask;
        loop {
            let e = *self.ids.get(slot)?;
            let i = e.checked_sub(1)?;
            if self.store.id(i as usize) == id {
                return self.entities().get(i as usize);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
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
        // Room for a mention per four tokens, so that a text dense with
        // names does not copy its mentions as they grow.
        let mut out = Vec::with_capacity(folded.tokens.len() / 4 + 1);
        self.each_mention(text, folded, &mut |start, end, m| {
            let Some(&(entity_type, ..)) = self.kinds.get(m.entity as usize) else {
                return;
            };
            let (id, url) = self.target(m.entity as usize);
            let mut alternatives = Vec::with_capacity(m.alternatives.len());
            for &e in &m.alternatives {
                alternatives.push(self.target(e as usize).0);
            }
            out.push(Found {
                start,
                end,
                kind: AnnotationKind::Mention {
                    id,
                    entity_type,
                    url,
                    alternatives,
                },
                confidence: m.confidence,
            });
        });
        out
    }

    /// Entry `entity`'s id and url, shared by its mentions.
    fn target(&self, entity: usize) -> Target {
        match self.targets.get(entity) {
            Some(t) => t
                .get_or_init(|| (Arc::from(self.store.id(entity)), self.store.url(entity).map(Arc::from)))
                .clone(),
            None => (Arc::from(""), None),
        }
    }

    /// How many mentions [`Catalog::find`] finds in `text`, without
    /// building them.
    pub fn count(&self, text: &str) -> usize {
        let mut n = 0;
        self.each_mention(text, &fold_cut(text), &mut |_, _, _| n += 1);
        n
    }

    /// Calls `f(start, end, mention)` for each mention, in order.
    fn each_mention(&self, text: &str, folded: &Folded, f: &mut dyn FnMut(usize, usize, &resolve::Mention)) {
        if self.names == 0 {
            return;
        }
        // Cut while folding (`fold_cut`), or now.
        let mut cut = Vec::new();
        let (toks, hashes) = if folded.tokens.is_empty() {
            index::tokens(&folded.text, &mut cut);
            (&cut, &[][..])
        } else {
            (&folded.tokens, &folded.hashes[..])
        };
        // A hit per five tokens or so with a catalog of frequent words
        // (more than an eighth, which grew the vector a step at a time).
        let mut hits = Vec::with_capacity(toks.len() / 4 + 1);
        let enclitic_ok = |e: u32| self.kinds.get(e as usize).is_some_and(|k| k.1);
        self.index.find(&folded.text, toks, hashes, &enclitic_ok, &mut hits);
        let mut cursor = 0;
        let mut spans = Vec::with_capacity(hits.len());
        for hit in &hits {
            spans.push(folded.to_original_from(hit.start, hit.end, &mut cursor));
        }
        let mentions = resolve::resolve(self, text, &folded.text, toks, hashes, &hits, &spans);
        for (m, &(os, oe)) in mentions.iter().zip(&spans) {
            if m.confidence > 0.0 && text.get(os..oe).is_some() {
                f(os, oe, m);
            }
        }
    }

    /// Problems a publisher should know about: names shared by several
    /// entries (context decides between them), and one-word names that
    /// are function words (linked only as spelled) or common words
    /// (linked only with context). The CLI's `catalog` command prints them.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut by_name: std::collections::BTreeMap<String, Vec<&str>> = Default::default();
        for e in self.entities() {
            for n in &e.names {
                let ids = by_name.entry(fold_str(n.trim()).trim().to_string()).or_default();
                if !ids.contains(&e.id.as_str()) {
                    ids.push(&e.id);
                }
            }
        }
        for (name, ids) in by_name.iter().filter(|(_, ids)| ids.len() > 1) {
            out.push(format!(
                "name \"{name}\" is shared by {}: context decides",
                ids.join(", ")
            ));
        }
        for (node, entity, name) in self.index.one_token_names() {
            let Ok(at) = self.guards.binary_search_by_key(&node, |g| g.0) else {
                continue;
            };
            let what = if self.guards[at].1 & resolve::EXACT != 0 {
                "folds to a function word: linked only as spelled"
            } else {
                "is a common word: linked only with context"
            };
            let name = String::from_utf8_lossy(name);
            out.push(format!("{}: name \"{name}\" {what}", self.store.id(entity as usize)));
        }
        out
    }
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("entities", &self.len())
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
