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
use serde_json::Value;

use super::{AnnotationKind, EntityType, Found};
use crate::error::{Error, ErrorKind, Result};
use crate::text::normalize::{fold, fold_str, Folded};
use crate::text::words;

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
fn catalog_error(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Catalog, message)
}

/// Proclitic sequences after which an article-initial name may appear with
/// its alef elided (ل + ال → لل).
const ELIDING_PROCLITICS: &[&str] = &["ل", "ول", "فل"];

impl Catalog {
    /// Compile `entities`. Errors name the entry: duplicate ids, an entry
    /// with no names, or a name that folds to nothing (only diacritics).
    pub fn new(entities: Vec<Entity>) -> Result<Catalog> {
        let mut by_id = BTreeMap::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        for (i, entity) in entities.iter().enumerate() {
            let label = entry_label(i, entity.names.first().map(String::as_str).unwrap_or(&entity.id));
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

    /// Read a catalog from JSON: an array of entries, or `{"entities": [...]}`.
    /// Each entry has `id`, `type` (person, place, organization, event,
    /// topic), `names` (non-empty), and optionally `url`, `description` and
    /// `enclitics` (bool).
    ///
    /// ```
    /// use rtl_article::annotate::catalog::Catalog;
    /// let err = Catalog::from_json(r#"[{"id": "r", "type": "city", "names": ["الرقة"]}]"#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"entities[0] ("الرقة"): type: expected one of person, place, organization, event, topic, found "city""#
    /// );
    /// ```
    pub fn from_json(json: &str) -> Result<Catalog> {
        let value: Value = serde_json::from_str(json).map_err(|e| {
            Error::new(
                ErrorKind::Syntax,
                format!("catalog: line {} column {}: {e}", e.line(), e.column()),
            )
        })?;
        let list = match &value {
            Value::Array(list) => list,
            Value::Object(map) => match map.get("entities") {
                Some(Value::Array(list)) => list,
                Some(other) => {
                    return Err(catalog_error(format!(
                        "entities: expected an array, found {}",
                        kind_of(other)
                    )))
                }
                None => {
                    return Err(catalog_error(
                        "catalog: expected an array of entries or {\"entities\": [...]}",
                    ))
                }
            },
            other => {
                return Err(catalog_error(format!(
                    "catalog: expected an array of entries or {{\"entities\": [...]}}, found {}",
                    kind_of(other)
                )))
            }
        };
        let entities = list
            .iter()
            .enumerate()
            .map(|(i, v)| parse_entry(i, v))
            .collect::<Result<Vec<_>>>()?;
        Catalog::new(entities)
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
            } else if ELIDING_PROCLITICS.contains(&prefix) && pattern.elided.is_some() {
                pattern.elided
            } else if words::is_noun_proclitic(prefix, false)
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

    /// The catalog in a compact, versioned binary form for shipping with an
    /// app: `RTLCAT`, a format version, an FNV-1a checksum of the rest, then
    /// the entries. [`Catalog::from_bytes`] reads it back without parsing
    /// JSON and compiles it.
    ///
    /// The automaton itself is not stored: daachorse's serialization of it
    /// measured 6x the bytes of these entries (8x the catalog's JSON after
    /// gzip: 1.6 MB for 10k entries) to save about half of the load time
    /// (BENCHMARKS.md).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::new();
        put_len(&mut payload, self.entities.len());
        for e in &self.entities {
            put_str(&mut payload, &e.id);
            let kind = EntityType::ALL.iter().position(|t| *t == e.entity_type).unwrap_or(0) as u8;
            payload.push(kind);
            let flags = u8::from(e.url.is_some()) | u8::from(e.description.is_some()) << 1 | u8::from(e.enclitics) << 2;
            payload.push(flags);
            put_len(&mut payload, e.names.len());
            for n in &e.names {
                put_str(&mut payload, n);
            }
            if let Some(url) = &e.url {
                put_str(&mut payload, url);
            }
            if let Some(d) = &e.description {
                put_str(&mut payload, d);
            }
        }
        let mut out = Vec::with_capacity(payload.len() + HEADER_LEN);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.extend_from_slice(&fnv1a(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Read the form written by [`Catalog::to_bytes`] and compile it.
    /// Truncated, corrupted or foreign bytes are an [`Error`] naming the
    /// problem, never a panic.
    ///
    /// ```
    /// use rtl_article::annotate::catalog::Catalog;
    /// let c = Catalog::from_json(r#"[{"id": "m", "type": "place", "names": ["موسكو"]}]"#).unwrap();
    /// let bytes = c.to_bytes();
    /// assert_eq!(Catalog::from_bytes(&bytes).unwrap().entities(), c.entities());
    /// assert!(Catalog::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog> {
        let bad = |what: &str| catalog_error(format!("catalog bytes: {what}"));
        let magic = bytes.get(..MAGIC.len()).ok_or_else(|| bad("too short for a header"))?;
        if magic != MAGIC {
            return Err(bad("not a catalog (wrong magic number)"));
        }
        let version = *bytes.get(MAGIC.len()).ok_or_else(|| bad("too short for a header"))?;
        if version != FORMAT_VERSION {
            return Err(bad(&format!(
                "format version {version} is not supported (expected {FORMAT_VERSION}; compile the catalog again)"
            )));
        }
        let sum: [u8; 8] = bytes
            .get(MAGIC.len() + 1..HEADER_LEN)
            .and_then(|s| s.try_into().ok())
            .ok_or_else(|| bad("too short for a header"))?;
        let payload = bytes.get(HEADER_LEN..).unwrap_or(&[]);
        if fnv1a(payload) != u64::from_le_bytes(sum) {
            return Err(bad("checksum mismatch (truncated or corrupted)"));
        }
        let mut r = Reader { bytes: payload, at: 0 };
        let count = r.len(&|| "entity count".into())?;
        let mut entities = Vec::with_capacity(count.min(payload.len() / 4));
        for i in 0..count {
            let id = r.string(&|| format!("entities[{i}].id"))?;
            let kind = r.byte(&|| format!("entities[{i}].type"))?;
            let entity_type = *EntityType::ALL
                .get(kind as usize)
                .ok_or_else(|| bad(&format!("entities[{i}].type: unknown type code {kind}")))?;
            let flags = r.byte(&|| format!("entities[{i}] flags"))?;
            let n = r.len(&|| format!("entities[{i}].names"))?;
            let mut names = Vec::with_capacity(n.min(64));
            for j in 0..n {
                names.push(r.string(&|| format!("entities[{i}].names[{j}]"))?);
            }
            let url = if flags & 1 != 0 {
                Some(r.string(&|| format!("entities[{i}].url"))?)
            } else {
                None
            };
            let description = if flags & 2 != 0 {
                Some(r.string(&|| format!("entities[{i}].description"))?)
            } else {
                None
            };
            entities.push(Entity {
                id,
                entity_type,
                names,
                url,
                description,
                enclitics: flags & 4 != 0,
            });
        }
        if r.at != payload.len() {
            return Err(bad("trailing bytes after the last entry"));
        }
        Catalog::new(entities)
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

const MAGIC: &[u8] = b"RTLCAT";
const FORMAT_VERSION: u8 = 1;
const HEADER_LEN: usize = 6 + 1 + 8;

/// FNV-1a, 64 bit: enough to catch truncation and bit rot, with no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    // LEB128.
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    // `what` names the field for an error message; built only on error.
    fn byte(&mut self, what: &dyn Fn() -> String) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or_else(|| truncated(what))?;
        self.at += 1;
        Ok(b)
    }

    fn len(&mut self, what: &dyn Fn() -> String) -> Result<usize> {
        let mut n: usize = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte(what)?;
            n |= usize::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                if n > self.bytes.len() {
                    // No count or length can exceed the bytes that hold it.
                    return Err(catalog_error(format!(
                        "catalog bytes: {}: length {n} past the end",
                        what()
                    )));
                }
                return Ok(n);
            }
        }
        Err(catalog_error(format!("catalog bytes: {}: bad length", what())))
    }

    fn take(&mut self, n: usize, what: &dyn Fn() -> String) -> Result<&[u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let raw = end
            .and_then(|e| self.bytes.get(self.at..e))
            .ok_or_else(|| truncated(what))?;
        self.at += n;
        Ok(raw)
    }

    fn string(&mut self, what: &dyn Fn() -> String) -> Result<String> {
        let n = self.len(what)?;
        let raw = self.take(n, what)?;
        let s = std::str::from_utf8(raw).map_err(|_| catalog_error(format!("catalog bytes: {}: not UTF-8", what())))?;
        Ok(s.to_string())
    }
}

fn truncated(what: &dyn Fn() -> String) -> Error {
    catalog_error(format!("catalog bytes: {}: truncated", what()))
}

/// `entities[3] ("الرقة")`: how errors name an entry.
fn entry_label(i: usize, name: &str) -> String {
    format!("entities[{i}] (\"{name}\")")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_entry(i: usize, v: &Value) -> Result<Entity> {
    let Value::Object(map) = v else {
        return Err(catalog_error(format!(
            "entities[{i}]: expected an object, found {}",
            kind_of(v)
        )));
    };
    // The label names the entry by its first name, else its id, so the
    // publisher can find it in a long file.
    let first_name = map.get("names").and_then(|n| n.get(0)).and_then(Value::as_str);
    let id_str = map.get("id").and_then(Value::as_str);
    let label = match first_name.or(id_str) {
        Some(name) => entry_label(i, name),
        None => format!("entities[{i}]"),
    };
    let err = |field: &str, what: String| catalog_error(format!("{label}: {field}: {what}"));
    let string = |field: &str, required: bool| -> Result<Option<String>> {
        match map.get(field) {
            None | Some(Value::Null) if !required => Ok(None),
            None => Err(err(field, "missing".into())),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(err(field, format!("expected a string, found {}", kind_of(other)))),
        }
    };
    let id = string("id", true)?.unwrap_or_default();
    if id.trim().is_empty() {
        return Err(err("id", "must not be empty".into()));
    }
    let entity_type = match map.get("type") {
        Some(Value::String(t)) => EntityType::from_name(t).ok_or_else(|| {
            err(
                "type",
                format!("expected one of person, place, organization, event, topic, found \"{t}\""),
            )
        })?,
        Some(other) => return Err(err("type", format!("expected a string, found {}", kind_of(other)))),
        None => return Err(err("type", "missing".into())),
    };
    let names = match map.get("names") {
        Some(Value::Array(list)) if list.is_empty() => {
            return Err(err("names", "expected at least one name".into()));
        }
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(j, n)| match n {
                Value::String(s) if !s.trim().is_empty() => Ok(s.clone()),
                Value::String(_) => Err(err(&format!("names[{j}]"), "must not be empty".into())),
                other => Err(err(
                    &format!("names[{j}]"),
                    format!("expected a string, found {}", kind_of(other)),
                )),
            })
            .collect::<Result<Vec<_>>>()?,
        Some(other) => return Err(err("names", format!("expected an array, found {}", kind_of(other)))),
        None => return Err(err("names", "missing".into())),
    };
    let url = string("url", false)?;
    if let Some(u) = &url {
        check_url(u).map_err(|what| err("url", what))?;
    }
    let description = string("description", false)?;
    let enclitics = match map.get("enclitics") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            return Err(err(
                "enclitics",
                format!("expected a boolean, found {}", kind_of(other)),
            ))
        }
    };
    Ok(Entity {
        id,
        entity_type,
        names,
        url,
        description,
        enclitics,
    })
}

/// An entity page must be http(s) or relative: a catalog is input, and its
/// URLs become links.
fn check_url(url: &str) -> std::result::Result<(), String> {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), p) if p.is_none_or(|p| c < p) => {
            let scheme = url[..c].to_ascii_lowercase();
            if scheme == "http" || scheme == "https" {
                Ok(())
            } else {
                Err(format!(
                    "scheme \"{scheme}:\" is not allowed (use https:, http: or a relative URL)"
                ))
            }
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
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

    fn mentions(c: &Catalog, text: &str) -> Vec<(String, String)> {
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

    #[test]
    fn errors_name_the_entry() {
        let cases = [
            (
                r#"[{"id": "a", "type": "place", "names": []}]"#,
                "entities[0] (\"a\"): names: expected at least one name",
            ),
            (
                r#"[{"id": "a", "type": "place", "names": ["x"]}, {"id": "a", "type": "place", "names": ["y"]}]"#,
                "entities[1] (\"y\"): id: \"a\" is already used by entities[0]",
            ),
            (r#"[{"id": "a", "names": ["x"]}]"#, "entities[0] (\"x\"): type: missing"),
            (
                r#"[{"id": "a", "type": "place", "names": ["  "]}]"#,
                "entities[0] (\"  \"): names[0]: must not be empty",
            ),
            (
                r#"[{"id": "a", "type": "place", "names": ["َ"]}]"#,
                "entities[0] (\"َ\"): names[0]: must contain letters or digits",
            ),
            (
                r#"[{"id": "a", "type": "place", "names": ["x"], "url": "javascript:alert(1)"}]"#,
                "entities[0] (\"x\"): url: scheme \"javascript:\" is not allowed (use https:, http: or a relative URL)",
            ),
            (r#"{"entities": 3}"#, "entities: expected an array, found a number"),
        ];
        for (json, want) in cases {
            assert_eq!(Catalog::from_json(json).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn bytes_round_trip_and_reject_corruption() {
        let c = catalog();
        let bytes = c.to_bytes();
        let back = Catalog::from_bytes(&bytes).unwrap();
        assert_eq!(back.entities(), c.entities());
        let text = "وللرقة ولقوات سوريا الديمقراطية وبالرقة وقواته في روسيا ولبنان";
        assert_eq!(mentions(&back, text), mentions(&c, text));
        assert_eq!(back.get("sdf").map(|e| e.id.as_str()), Some("sdf"));
        assert_eq!(back.to_bytes(), bytes, "loading and saving again changes nothing");
        let empty = Catalog::from_bytes(&Catalog::empty().to_bytes()).unwrap();
        assert!(empty.is_empty() && empty.find("روسيا").is_empty());
        for cut in 0..bytes.len() {
            assert!(Catalog::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x5a;
            assert!(Catalog::from_bytes(&bad).is_err(), "flip at {i}");
        }
    }

    /// Bytes with a correct checksum around a bad payload, as a crafted
    /// file would be: each is refused with what is wrong.
    #[test]
    fn crafted_bytes_name_what_is_wrong() {
        let seal = |payload: &[u8], version: u8| {
            let mut out = MAGIC.to_vec();
            out.push(version);
            out.extend_from_slice(&fnv1a(payload).to_le_bytes());
            out.extend_from_slice(payload);
            out
        };
        let err = |bytes: &[u8]| Catalog::from_bytes(bytes).unwrap_err().to_string();
        // One entity "a" (place, no url or description) named "ab".
        let entity = [b'a', 1, 0, 1, 2, b'a', b'b'];
        let one = [&[1, 1][..], &entity].concat();
        assert!(Catalog::from_bytes(&seal(&one, 1)).is_ok());
        assert!(err(&seal(&one, 2)).contains("format version 2 is not supported"));
        assert!(err(&seal(&[&one[..], &[7]].concat(), 1)).contains("trailing bytes"));
        let bad_type = [&[1, 1, b'a', 9][..], &entity[2..]].concat();
        assert!(err(&seal(&bad_type, 1)).contains("entities[0].type: unknown type code 9"));
        let twice = [&[2, 1][..], &entity, &[1], &entity].concat();
        assert!(err(&seal(&twice, 1)).contains("\"a\" is already used by entities[0]"));
        let long = [1, 1, b'a', 1, 0, 1, 0x7f];
        assert!(err(&seal(&long, 1)).contains("entities[0].names[0]: length 127 past the end"));
    }
}
