//! The catalog's compact binary form: `RTLCAT`, a format version, a
//! checksum of the rest, then the entries (LEB128 lengths and UTF-8
//! strings) and the compiled index (`index.rs`: its vocabulary and trie,
//! without the hash tables, which are rebuilt at load). Every length is
//! checked against the bytes that hold it, so a truncated or crafted file
//! is refused with what is wrong, never a panic or a huge allocation.
//!
//! Loading does not compile: no name is folded or cut again. The entries
//! stay packed in the bytes they came in ([`Store::Packed`]) — checked,
//! their ids indexed — and become [`Entity`] values only when
//! [`Catalog::entities`] or [`Catalog::get`] is first called.

use std::sync::OnceLock;

use super::{catalog_error, check_entry, id_slots, index, Catalog, Entity};
use crate::annotate::EntityType;
use crate::error::{Error, Result};
use crate::hash::checksum;

/// Where a catalog's entries live.
pub(super) enum Store {
    /// Compiled from values.
    Owned(Vec<Entity>),
    /// Loaded from bytes: the bytes as loaded (header included), where
    /// each entry's record starts in them, and the entries once decoded.
    Packed {
        payload: Box<[u8]>,
        records: Vec<u32>,
        decoded: OnceLock<Vec<Entity>>,
    },
}

/// One entry's record, read in place.
struct Record<'a> {
    id: &'a str,
    entity_type: EntityType,
    enclitics: bool,
    context: bool,
    first_name: Option<&'a str>,
    /// The names' count and where they start.
    names: (usize, usize),
    url: Option<&'a str>,
    description: Option<&'a str>,
}

impl Store {
    pub(super) fn len(&self) -> usize {
        match self {
            Store::Owned(entities) => entities.len(),
            Store::Packed { records, .. } => records.len(),
        }
    }

    pub(super) fn entities(&self) -> &[Entity] {
        match self {
            Store::Owned(entities) => entities,
            Store::Packed {
                payload,
                records,
                decoded,
            } => decoded.get_or_init(|| records.iter().filter_map(|&at| decode(payload, at as usize)).collect()),
        }
    }

    /// Entry `i`'s id ("" past the end).
    pub(super) fn id(&self, i: usize) -> &str {
        match self {
            Store::Owned(entities) => entities.get(i).map_or("", |e| e.id.as_str()),
            Store::Packed { payload, records, .. } => records
                .get(i)
                .and_then(|&at| Reader::at(payload, at as usize).string_ref(&String::new).ok())
                .unwrap_or(""),
        }
    }

    /// Calls `f` with each of entry `i`'s names and, last, its
    /// description (`None` for an entry without), read in place.
    pub(super) fn texts(&self, i: usize, f: &mut dyn FnMut(&str, bool)) {
        match self {
            Store::Owned(entities) => {
                if let Some(e) = entities.get(i) {
                    e.names.iter().for_each(|n| f(n, false));
                    if let Some(d) = &e.description {
                        f(d, true);
                    }
                }
            }
            Store::Packed { payload, records, .. } => {
                let Some(record) = records
                    .get(i)
                    .and_then(|&at| Reader::at(payload, at as usize).record(i).ok())
                else {
                    return;
                };
                let mut names = Reader::at(payload, record.names.1);
                for _ in 0..record.names.0 {
                    if let Ok(n) = names.string_ref(&String::new) {
                        f(n, false);
                    }
                }
                if let Some(d) = record.description {
                    f(d, true);
                }
            }
        }
    }

    /// Entry `i`'s url.
    pub(super) fn url(&self, i: usize) -> Option<&str> {
        match self {
            Store::Owned(entities) => entities.get(i)?.url.as_deref(),
            Store::Packed { payload, records, .. } => {
                let at = *records.get(i)? as usize;
                Reader::at(payload, at).record(i).ok()?.url
            }
        }
    }
}

/// The entry whose record starts at `at` (checked when loaded).
fn decode(payload: &[u8], at: usize) -> Option<Entity> {
    let mut r = Reader::at(payload, at);
    let record = r.record(0).ok()?;
    let mut names = Reader::at(payload, record.names.1);
    let names = (0..record.names.0)
        .map(|_| names.string_ref(&String::new).map(str::to_string))
        .collect::<Result<Vec<_>>>()
        .ok()?;
    Some(Entity {
        id: record.id.to_string(),
        entity_type: record.entity_type,
        names,
        url: record.url.map(str::to_string),
        description: record.description.map(str::to_string),
        enclitics: record.enclitics,
        context: record.context,
    })
}

impl Catalog {
    /// The catalog in a compact, versioned binary form for shipping with an
    /// app: `RTLCAT`, a format version, a checksum of the rest, then the
    /// entries and the compiled index. [`Catalog::from_bytes`] reads it
    /// back without parsing JSON or compiling.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::new();
        put_len(&mut payload, self.len());
        match &self.store {
            Store::Packed {
                payload: p, records, ..
            } => {
                // The records, as they came.
                if let (Some(&first), Some(end)) = (records.first(), self.entities_end()) {
                    payload.extend_from_slice(p.get(first as usize..end).unwrap_or(&[]));
                }
            }
            Store::Owned(entities) => {
                for e in entities {
                    put_str(&mut payload, &e.id);
                    let kind = EntityType::ALL.iter().position(|t| *t == e.entity_type).unwrap_or(0) as u8;
                    payload.push(kind);
                    let flags = u8::from(e.url.is_some())
                        | u8::from(e.description.is_some()) << 1
                        | u8::from(e.enclitics) << 2
                        | u8::from(e.context) << 3;
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
            }
        }
        self.index.write(&mut payload, put_len);
        let mut out = Vec::with_capacity(payload.len() + HEADER_LEN);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Where a packed catalog's last record ends.
    fn entities_end(&self) -> Option<usize> {
        let Store::Packed { payload, records, .. } = &self.store else {
            return None;
        };
        let &last = records.last()?;
        let mut r = Reader::at(payload, last as usize);
        r.record(records.len() - 1).ok()?;
        Some(r.at)
    }

    /// Read the form written by [`Catalog::to_bytes`]. Truncated, corrupted
    /// or foreign bytes are an [`Error`] naming the problem, never a panic.
    ///
    /// ```
    /// use rtl_article::annotate::catalog::Catalog;
    /// let c = Catalog::from_json(r#"[{"id": "m", "type": "place", "names": ["موسكو"]}]"#).unwrap();
    /// let bytes = c.to_bytes();
    /// assert_eq!(Catalog::from_bytes(&bytes).unwrap().entities(), c.entities());
    /// assert!(Catalog::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Catalog> {
        Catalog::from_byte_vec(bytes.to_vec())
    }

    /// [`Catalog::from_bytes`] of bytes the catalog may keep: the entries
    /// are read in place, with no copy of the payload (the wasm API hands
    /// over the copy it made of a `Uint8Array`; a 100k catalog is ~8 MB).
    pub fn from_byte_vec(bytes: Vec<u8>) -> Result<Catalog> {
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
        if checksum(bytes.get(HEADER_LEN..).unwrap_or(&[])) != u64::from_le_bytes(sum) {
            return Err(bad("checksum mismatch (truncated or corrupted)"));
        }
        // The payload stays where it is, header and all: records and reads
        // are at positions in the whole buffer.
        let payload = &bytes[..];
        let mut r = Reader::at(payload, HEADER_LEN);
        // A record takes at least 7 bytes (id, type, flags, one name).
        let count = r.count(7, &|| "entity count".into())?;
        let mut records = Vec::with_capacity(count);
        let mut kinds = Vec::with_capacity(count);
        let mut ids = id_slots(count);
        for i in 0..count {
            let at = r.at;
            let record = r.record(i)?;
            // Ids are checked against the records read so far.
            let id_of = |e: u32| {
                records
                    .get(e as usize)
                    .and_then(|&at: &u32| Reader::at(payload, at as usize).string_ref(&String::new).ok())
                    .unwrap_or("")
            };
            check_entry(&mut ids, i, record.id, record.first_name, id_of)?;
            if let Some(url) = record.url.filter(|u| !plainly_safe(u)) {
                // The URL policy, as for a catalog read from JSON.
                match crate::url::check(url) {
                    Ok(clean) if clean == url => {}
                    Ok(_) => return Err(bad(&format!("entities[{i}].url: not in its checked form"))),
                    Err(why) => return Err(bad(&format!("entities[{i}].url: {why}"))),
                }
            }
            kinds.push((record.entity_type, record.enclitics, record.context));
            records.push(at as u32);
        }
        let index = index::Index::read(&mut r, count)?;
        if r.at != payload.len() {
            return Err(bad("trailing bytes after the index"));
        }
        let store = Store::Packed {
            payload: bytes.into_boxed_slice(),
            records,
            decoded: OnceLock::new(),
        };
        Ok(Catalog::assemble(store, kinds, ids, index))
    }
}

/// Whether `url` is one the URL policy takes as it is, seen without
/// running it: `https://` or `http://` then printable ASCII (most catalog
/// pages; the policy's check allocates, and a catalog has 100k of them).
pub(super) fn plainly_safe(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| r.bytes().all(|b| b.is_ascii_graphic()))
}

pub(crate) const MAGIC: &[u8] = b"RTLCAT";
/// 3: the shared names and the entries' `context` flag (2: the index is
/// stored; 1 held only the entries).
const FORMAT_VERSION: u8 = 3;
pub(crate) const HEADER_LEN: usize = 6 + 1 + 8;

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

/// Reads the payload from `at`; every read is checked.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn at(bytes: &'a [u8], at: usize) -> Reader<'a> {
        Reader { bytes, at }
    }

    // `what` names the field for an error message; built only on error.
    pub(super) fn byte(&mut self, what: &dyn Fn() -> String) -> Result<u8> {
        let b = *self.bytes.get(self.at).ok_or_else(|| truncated(what))?;
        self.at += 1;
        Ok(b)
    }

    /// A LEB128 length, checked. Its one-byte case is inlined: a 100k
    /// catalog reads ~2M lengths at load, and in the size-built wasm
    /// `byte` and `len` were a quarter of `fromBytes`.
    #[inline(always)]
    pub(super) fn len(&mut self, what: &dyn Fn() -> String) -> Result<usize> {
        match self.bytes.get(self.at) {
            Some(&b) if b < 0x80 && usize::from(b) <= self.bytes.len() => {
                self.at += 1;
                Ok(usize::from(b))
            }
            _ => self.long_len(what),
        }
    }

    /// [`Reader::len`] of any length, checked.
    fn long_len(&mut self, what: &dyn Fn() -> String) -> Result<usize> {
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

    /// A count of items that take at least `min` bytes each: refused when
    /// the bytes left cannot hold them.
    pub(super) fn count(&mut self, min: usize, what: &dyn Fn() -> String) -> Result<usize> {
        let n = self.len(what)?;
        let left = self.bytes.len().saturating_sub(self.at);
        if n.saturating_mul(min) > left {
            return Err(catalog_error(format!(
                "catalog bytes: {}: {n} items cannot fit in the {left} bytes left",
                what()
            )));
        }
        Ok(n)
    }

    fn take(&mut self, n: usize, what: &dyn Fn() -> String) -> Result<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let raw = end
            .and_then(|e| self.bytes.get(self.at..e))
            .ok_or_else(|| truncated(what))?;
        self.at += n;
        Ok(raw)
    }

    /// A length and that many bytes.
    pub(super) fn bytes(&mut self, what: &dyn Fn() -> String) -> Result<&'a [u8]> {
        let n = self.len(what)?;
        self.take(n, what)
    }

    fn string_ref(&mut self, what: &dyn Fn() -> String) -> Result<&'a str> {
        let raw = self.bytes(what)?;
        std::str::from_utf8(raw).map_err(|_| catalog_error(format!("catalog bytes: {}: not UTF-8", what())))
    }

    /// Entry `i`'s record, every string checked.
    fn record(&mut self, i: usize) -> Result<Record<'a>> {
        let id = self.string_ref(&|| format!("entities[{i}].id"))?;
        let kind = self.byte(&|| format!("entities[{i}].type"))?;
        let entity_type = *EntityType::ALL
            .get(kind as usize)
            .ok_or_else(|| catalog_error(format!("catalog bytes: entities[{i}].type: unknown type code {kind}")))?;
        let flags = self.byte(&|| format!("entities[{i}] flags"))?;
        let n = self.len(&|| format!("entities[{i}].names"))?;
        let names_at = self.at;
        let mut first_name = None;
        for j in 0..n {
            let name = self.string_ref(&|| format!("entities[{i}].names[{j}]"))?;
            first_name.get_or_insert(name);
        }
        let url = if flags & 1 != 0 {
            Some(self.string_ref(&|| format!("entities[{i}].url"))?)
        } else {
            None
        };
        let description = if flags & 2 != 0 {
            Some(self.string_ref(&|| format!("entities[{i}].description"))?)
        } else {
            None
        };
        Ok(Record {
            id,
            entity_type,
            enclitics: flags & 4 != 0,
            context: flags & 8 != 0,
            first_name,
            names: (n, names_at),
            url,
            description,
        })
    }
}

fn truncated(what: &dyn Fn() -> String) -> Error {
    catalog_error(format!("catalog bytes: {}: truncated", what()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{catalog, mentions};
    use super::*;

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
            out.extend_from_slice(&checksum(payload).to_le_bytes());
            out.extend_from_slice(payload);
            out
        };
        let err = |bytes: &[u8]| Catalog::from_bytes(bytes).unwrap_err().to_string();
        // One entity "a" (place, no url or description) named "ab", and
        // its index: one token "ab", one node under the root ending entity 0.
        let entity = [1, b'a', 1, 0, 1, 2, b'a', b'b'];
        let index = [1, 2, b'a', b'b', 1, 1, 0, 2, 0, 0];
        let one = [&[1][..], &entity, &index].concat();
        let c = Catalog::from_bytes(&seal(&one, 3)).unwrap();
        assert_eq!(c.find("ab").len(), 1);
        assert_eq!(c.get("a").map(|e| e.names.clone()), Some(vec!["ab".to_string()]));
        assert!(err(&seal(&one, 1)).contains("format version 1 is not supported"));
        assert!(err(&seal(&[&one[..], &[7]].concat(), 3)).contains("trailing bytes"));
        let bad_type = [&[1, 1, b'a', 9][..], &entity[4..], &index].concat();
        assert!(err(&seal(&bad_type, 3)).contains("entities[0].type: unknown type code 9"));
        let twice = [&[2][..], &entity, &entity, &index].concat();
        assert!(err(&seal(&twice, 3)).contains("\"a\" is already used by entities[0]"));
        let long = [1, 1, b'a', 1, 0, 1, 0x7f, b'x'];
        assert!(
            err(&seal(&long, 3)).contains("entities[0].names[0]: length 127 past the end"),
            "{}",
            err(&seal(&long, 3))
        );
        let js = [1, 1, b'a', 1, 1, 1, 2, b'a', b'b', 13];
        let js = [&js[..], b"javascript:x;", &index].concat();
        assert!(err(&seal(&js, 3)).contains("entities[0].url: scheme \"javascript:\" is not allowed"));
        let many = [&[3][..], &entity, &index].concat();
        assert!(err(&seal(&many, 3)).contains("entity count: 3 items cannot fit"));
        // The index: a token twice, a node under itself, a token or an
        // entity that does not exist, an edge twice.
        let with = |index: &[u8]| seal(&[&[1][..], &entity, index].concat(), 3);
        assert!(err(&with(&[2, 1, b'a', 1, b'a', 0, 0])).contains("token 1 is empty or repeated"));
        assert!(err(&with(&[1, 1, b'a', 1, 0, 0, 2, 0])).contains("node 1: bad parent"));
        assert!(err(&with(&[1, 1, b'a', 1, 1, 2, 2, 0])).contains("node 1: bad parent, token"));
        assert!(err(&with(&[1, 1, b'a', 1, 1, 0, 4, 0])).contains("node 1: bad parent, token or entity"));
        assert!(err(&with(&[1, 1, b'a', 2, 1, 0, 2, 2, 0, 2, 0])).contains("node 2: a first token twice"));
        assert!(err(&with(&[1, 1, b'a', 3, 1, 0, 0, 1, 0, 2, 2, 0, 2, 0])).contains("node 3: an edge twice"));
        assert!(err(&with(&[1, 1, b'a', 5, 0, 0, 0])).contains("node count: 5 items cannot fit"));
        // Shared names: on a node that ends a name, another entity than
        // its terminal's, in order.
        let two = [&[2][..], &entity, &[1, b'b', 1, 0, 1, 2, b'a', b'b']].concat();
        let shared = |tail: &[u8]| seal(&[&two[..], &index[..9], tail].concat(), 3);
        let c = Catalog::from_bytes(&shared(&[1, 1, 1])).unwrap();
        assert_eq!(c.index.alternatives(1).collect::<Vec<_>>(), [1]);
        assert!(err(&shared(&[1, 1, 0])).contains("shared 0: bad node or entity"));
        assert!(err(&shared(&[1, 2, 1])).contains("shared 0: bad node or entity"));
        assert!(err(&shared(&[1, 1, 5])).contains("shared 0: bad node or entity"));
        assert!(err(&shared(&[2, 1, 1, 0, 1])).contains("shared 1: bad node or entity"));
    }

    /// A loaded catalog finds what the compiled one finds, and gives its
    /// entries back, from the packed bytes.
    #[test]
    fn loaded_catalogs_match_and_decode_lazily() {
        let c = catalog();
        let back = Catalog::from_bytes(&c.to_bytes()).unwrap();
        let text = "قالت قسد إن قواتها في الرقة ولبنان، وقوات سوريا الديمقراطية قواته";
        assert_eq!(back.find(text), c.find(text));
        assert_eq!(back.count(text), c.count(text));
        assert_eq!(back.len(), 4);
        assert!(back.get("nobody").is_none());
        assert_eq!(back.get("lebanon"), c.get("lebanon"));
        assert_eq!(back.clone().find(text), c.find(text));
    }

    /// Any byte of a valid catalog changed, the checksum sealed again (a
    /// crafted file): loading refuses it or gives a catalog that matches,
    /// decodes and saves without a panic.
    #[test]
    fn resealed_mutations_never_panic() {
        let bytes = catalog().to_bytes();
        let text = "وللرقة ولقوات سوريا الديمقراطية وبالرقة وقواته في روسيا ولبنان";
        resealed_mutations(&bytes, 0x2545_f491_4f6c_dd1d, 8, |c| {
            let _ = (c.find(text), c.count(text), c.get("sdf"), c.entities().len());
        });
    }

    /// Every byte of `bytes`' payload set to `per_byte` random values, the
    /// checksum sealed again: whatever loads is used (`exercise`) and its
    /// bytes load again; nothing panics.
    fn resealed_mutations(bytes: &[u8], seed: u64, per_byte: usize, exercise: impl Fn(&Catalog)) {
        let payload = &bytes[HEADER_LEN..];
        let mut rand = crate::test_rand::Rand::new(seed);
        for i in 0..payload.len() {
            for _ in 0..per_byte {
                let mut p = payload.to_vec();
                p[i] = rand.next() as u8;
                let mut crafted = bytes[..HEADER_LEN - 8].to_vec();
                crafted.extend_from_slice(&checksum(&p).to_le_bytes());
                crafted.extend_from_slice(&p);
                if let Ok(c) = Catalog::from_bytes(&crafted) {
                    exercise(&c);
                    assert!(Catalog::from_bytes(&c.to_bytes()).is_ok(), "byte {i}");
                }
            }
        }
    }

    /// A catalog with shared and guarded names survives its bytes, and
    /// every resealed mutation of them, like the plain one.
    #[test]
    fn shared_names_round_trip() {
        let c = Catalog::from_json(
            r#"[
              {"id": "club", "type": "organization", "names": ["الجزيرة"], "description": "نادٍ لكرة القدم"},
              {"id": "tv", "type": "organization", "names": ["الجزيرة", "قناة الجزيرة"], "description": "قناة إخبارية", "context": true},
              {"id": "ali", "type": "person", "names": ["علي"]}
            ]"#,
        )
        .unwrap();
        let bytes = c.to_bytes();
        let back = Catalog::from_bytes(&bytes).unwrap();
        assert_eq!(back.entities(), c.entities());
        let text = "قال مدرب الجزيرة لقناة الجزيرة إن علي جاهز، وبثت الجزيرة اللقاء على الهواء";
        assert_eq!(back.find(text), c.find(text));
        assert_eq!(back.to_bytes(), bytes);
        resealed_mutations(&bytes, 0x9e37_79b9_7f4a_7c15, 4, |c| {
            let _ = (c.find(text), c.warnings(), c.entities().len());
        });
    }

    /// What `plainly_safe` takes, the URL policy takes unchanged.
    #[test]
    fn plainly_safe_urls_pass_the_policy_unchanged() {
        for url in [
            "https://example.com/topics/1",
            "http://x.org/a?b=c#d",
            "https://example.com/&#106;avascript:",
            "https://a:b@c/",
            "https://",
        ] {
            assert!(plainly_safe(url), "{url}");
            assert_eq!(crate::url::check(url).as_deref(), Ok(url));
        }
        for url in [
            "https://x.org/ a",
            "https://x.org/\t",
            "javascript:x",
            "https://x.org/أ",
            " https://x",
        ] {
            assert!(!plainly_safe(url), "{url}");
        }
    }
}
