//! The catalog's compact binary form: `RTLCAT`, a format version, a
//! checksum of the rest, then the entry count, the entries' strings in
//! two UTF-8 heaps (ids and urls, then names and descriptions: each
//! checked once at load, not string by string — a 100k catalog has ~320k
//! of them — and the first, mostly ASCII, at the speed of ASCII), the
//! entries' records (LEB128 lengths, type and flags) and the compiled index (`index.rs`: its vocabulary and trie,
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
    /// the two string heaps lie in them, where each entry's record starts
    /// in them and its strings in each heap, and the entries once decoded.
    Packed {
        payload: Box<[u8]>,
        heaps: [(usize, usize); 2],
        records: Vec<[u32; 3]>,
        decoded: OnceLock<Vec<Entity>>,
    },
}

/// One entry's record, read in place. Its strings are bytes, UTF-8 (as
/// checked at load: `text` makes them `&str`).
struct Record<'a> {
    id: &'a [u8],
    entity_type: EntityType,
    enclitics: bool,
    context: bool,
    first_name: Option<&'a [u8]>,
    /// The names' count, where their lengths start and where the first
    /// starts in the heap of names.
    names: (usize, usize, usize),
    url: Option<&'a [u8]>,
    description: Option<&'a [u8]>,
}

/// A string of the heaps as `&str` (`None` only for bytes a crafted
/// catalog got past the load's check, which cannot happen: see
/// [`utf8_prefix`]).
fn text(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
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
                heaps,
                records,
                decoded,
            } => decoded.get_or_init(|| records.iter().filter_map(|&at| decode(payload, *heaps, at)).collect()),
        }
    }

    /// Entry `i`'s id ("" past the end).
    pub(super) fn id(&self, i: usize) -> &str {
        match self {
            Store::Owned(entities) => entities.get(i).map_or("", |e| e.id.as_str()),
            Store::Packed {
                payload,
                heaps,
                records,
                ..
            } => records
                .get(i)
                .and_then(|&at| entry(payload, *heaps, at).string_ref(PLAIN, &String::new).ok())
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
            Store::Packed {
                payload,
                heaps,
                records,
                ..
            } => {
                let Some(record) = records.get(i).and_then(|&at| entry(payload, *heaps, at).record(i).ok()) else {
                    return;
                };
                let mut names = names_of(payload, *heaps, &record);
                for _ in 0..record.names.0 {
                    if let Ok(n) = names.string_ref(TEXT, &String::new) {
                        f(n, false);
                    }
                }
                if let Some(d) = record.description.and_then(text) {
                    f(d, true);
                }
            }
        }
    }

    /// Entry `i`'s url.
    pub(super) fn url(&self, i: usize) -> Option<&str> {
        match self {
            Store::Owned(entities) => entities.get(i)?.url.as_deref(),
            Store::Packed {
                payload,
                heaps,
                records,
                ..
            } => text(entry(payload, *heaps, *records.get(i)?).record(i).ok()?.url?),
        }
    }
}

/// A reader of the entry whose record and strings start at `at` (checked
/// when loaded).
fn entry(payload: &[u8], heaps: [(usize, usize); 2], at: [u32; 3]) -> Reader<'_> {
    let mut r = Reader::at(payload, at[0] as usize);
    for (h, (&(start, end), &at)) in r.heaps.iter_mut().zip(heaps.iter().zip(&at[1..])) {
        h.bytes = payload.get(start..end).unwrap_or_default();
        h.at = at as usize;
    }
    r
}

/// A reader of `record`'s names.
fn names_of<'a>(payload: &'a [u8], heaps: [(usize, usize); 2], record: &Record<'_>) -> Reader<'a> {
    entry(payload, heaps, [record.names.1 as u32, 0, record.names.2 as u32])
}

/// The entry whose record and strings start at `at`.
fn decode(payload: &[u8], heaps: [(usize, usize); 2], at: [u32; 3]) -> Option<Entity> {
    let record = entry(payload, heaps, at).record(0).ok()?;
    let mut names = names_of(payload, heaps, &record);
    let names = (0..record.names.0)
        .map(|_| names.string_ref(TEXT, &String::new).map(str::to_string))
        .collect::<Result<Vec<_>>>()
        .ok()?;
    // An absent string is `Some(None)`, one that is not UTF-8 `None`.
    let string = |s: Option<&[u8]>| s.map_or(Some(None), |s| text(s).map(|t| Some(t.to_string())));
    Some(Entity {
        id: text(record.id)?.to_string(),
        entity_type: record.entity_type,
        names,
        url: string(record.url)?,
        description: string(record.description)?,
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
                payload: p,
                heaps,
                records,
                ..
            } => {
                // The strings and the records, as they came.
                for &(start, end) in heaps {
                    put_len(&mut payload, end - start);
                    payload.extend_from_slice(p.get(start..end).unwrap_or(&[]));
                }
                if let (Some(&[first, ..]), Some(end)) = (records.first(), self.entities_end()) {
                    payload.extend_from_slice(p.get(first as usize..end).unwrap_or(&[]));
                }
            }
            Store::Owned(entities) => {
                let mut heaps = [Vec::new(), Vec::new()];
                let mut records = Vec::new();
                let mut put = |records: &mut Vec<u8>, heap: usize, s: &str| {
                    put_len(records, s.len());
                    heaps[heap].extend_from_slice(s.as_bytes());
                };
                for e in entities {
                    put(&mut records, PLAIN, &e.id);
                    let kind = EntityType::ALL.iter().position(|t| *t == e.entity_type).unwrap_or(0) as u8;
                    records.push(kind);
                    let flags = u8::from(e.url.is_some())
                        | u8::from(e.description.is_some()) << 1
                        | u8::from(e.enclitics) << 2
                        | u8::from(e.context) << 3;
                    records.push(flags);
                    put_len(&mut records, e.names.len());
                    for n in &e.names {
                        put(&mut records, TEXT, n);
                    }
                    if let Some(url) = &e.url {
                        put(&mut records, PLAIN, url);
                    }
                    if let Some(d) = &e.description {
                        put(&mut records, TEXT, d);
                    }
                }
                for heap in &heaps {
                    put_len(&mut payload, heap.len());
                    payload.extend_from_slice(heap);
                }
                payload.extend_from_slice(&records);
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
        let Store::Packed {
            payload,
            heaps,
            records,
            ..
        } = &self.store
        else {
            return None;
        };
        let &last = records.last()?;
        let mut r = entry(payload, *heaps, last);
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
        // The strings, each heap checked as UTF-8 once: a string then only
        // has to start and end on a character boundary. Past a bad byte,
        // the string over it is the error.
        let mut heaps = [(0, 0); 2];
        for (k, heap) in heaps.iter_mut().enumerate() {
            let strings = r.bytes(&|| "strings".into())?;
            *heap = (r.at - strings.len(), r.at);
            r.heaps[k] = Heap {
                bytes: strings,
                at: 0,
                checked: Some(utf8_prefix(strings)),
            };
        }
        let mut records = Vec::with_capacity(count);
        let mut kinds = Vec::with_capacity(count);
        let mut ids = id_slots(count);
        for i in 0..count {
            let at = [r.at as u32, r.heaps[0].at as u32, r.heaps[1].at as u32];
            let record = r.record(i)?;
            // Ids are checked against the records read so far.
            let id_of = |e: u32| {
                records
                    .get(e as usize)
                    .and_then(|&at| entry(payload, heaps, at).raw(PLAIN, &String::new).ok())
                    .unwrap_or_default()
            };
            check_entry(&mut ids, i, record.id, record.first_name, id_of)?;
            if let Some(url) = record.url.filter(|u| !plainly_safe(u)) {
                // The URL policy, as for a catalog read from JSON.
                let url = text(url).unwrap_or_default();
                match crate::url::check(url) {
                    Ok(clean) if clean == url => {}
                    Ok(_) => return Err(bad(&format!("entities[{i}].url: not in its checked form"))),
                    Err(why) => return Err(bad(&format!("entities[{i}].url: {why}"))),
                }
            }
            kinds.push((record.entity_type, record.enclitics, record.context));
            records.push(at);
        }
        if r.heaps.iter().any(|h| h.at != h.bytes.len()) {
            return Err(bad("strings: bytes that no entry reads"));
        }
        let index = index::Index::read(&mut r, count)?;
        if r.at != payload.len() {
            return Err(bad("trailing bytes after the index"));
        }
        let store = Store::Packed {
            payload: bytes.into_boxed_slice(),
            heaps,
            records,
            decoded: OnceLock::new(),
        };
        Ok(Catalog::assemble(store, kinds, ids, index))
    }
}

/// Whether `url` is one the URL policy takes as it is, seen without
/// running it: `https://` or `http://` then printable ASCII (most catalog
/// pages; the policy's check allocates, and a catalog has 100k of them).
pub(super) fn plainly_safe(url: &[u8]) -> bool {
    let rest = url.strip_prefix(b"https://").or_else(|| url.strip_prefix(b"http://"));
    rest.is_some_and(graphic)
}

/// How many of the first bytes of `bytes` are UTF-8 (what
/// `std::str::from_utf8` gives as `valid_up_to`, or all of them), read
/// for the size-built wasm, where `from_utf8` checks the 2.8 MB of names
/// of a 100k catalog at ~575 MB/s: ASCII a word at a time after the first
/// byte, two-byte characters (Arabic, Hebrew, Persian) here, three- and
/// four-byte ones by `from_utf8`, one character each. A mistake here could
/// not be unsafe, only late: every string becomes `&str` through
/// `from_utf8` when it is read.
fn utf8_prefix(bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            i += 1;
            while let Some(w) = bytes.get(i..i + 8) {
                if u64::from_le_bytes(w.try_into().unwrap_or([0x80; 8])) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
        } else if (0xC2..0xE0).contains(&b) {
            match bytes.get(i + 1) {
                Some(&c) if c & 0xC0 == 0x80 => i += 2,
                _ => return i,
            }
        } else {
            // A valid string that starts with a byte of 0xE0 or above
            // starts with a character of 3 (below 0xF0) or 4 bytes.
            let w = if b < 0xF0 { 3 } else { 4 };
            match bytes.get(i..i + w) {
                Some(c) if std::str::from_utf8(c).is_ok() => i += w,
                _ => return i,
            }
        }
    }
    i
}

/// Whether every byte of `bytes` is printable ASCII (`!` to `~`), read
/// eight at a time: a byte below 0x21 borrows into its top bit, one above
/// 0x7E carries into it or has it (a borrow or carry reaching the next
/// byte comes only from a byte that fails itself). A 100k catalog's urls
/// are 3 MB, and byte by byte this was an eighth of `from_bytes`.
fn graphic(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let fails = |w: u64| {
        let below = w.wrapping_sub(ONES * 0x21) & !w;
        let above = w.wrapping_add(ONES) | w;
        (below | above) & (ONES * 0x80) != 0
    };
    let mut words = bytes.chunks_exact(8);
    let whole = words
        .by_ref()
        .all(|c| !fails(u64::from_le_bytes(c.try_into().unwrap_or_default())));
    whole && words.remainder().iter().all(u8::is_ascii_graphic)
}

pub(crate) const MAGIC: &[u8] = b"RTLCAT";
/// 4: the strings in two heaps (3: the shared names and the entries'
/// `context` flag; 2: the index is stored; 1 held only the entries).
const FORMAT_VERSION: u8 = 4;
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

/// The heap of ids and urls.
const PLAIN: usize = 0;
/// The heap of names and descriptions.
const TEXT: usize = 1;

/// Reads the payload from `at`, and strings from the two heaps; every read
/// is checked.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    heaps: [Heap<'a>; 2],
}

/// A string heap and where its next string starts.
#[derive(Default)]
struct Heap<'a> {
    bytes: &'a [u8],
    at: usize,
    /// At load, how many of the heap's first bytes are UTF-8 (strings
    /// read later are checked one by one).
    checked: Option<usize>,
}

impl<'a> Reader<'a> {
    fn at(bytes: &'a [u8], at: usize) -> Reader<'a> {
        Reader {
            bytes,
            at,
            heaps: Default::default(),
        }
    }

    // `what` names the field for an error message; built only on error.
    #[inline]
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
        // A plain loop, no `step_by` (a call per step in the size-built
        // wasm; most node fields of a large index take two or three bytes).
        let mut shift = 0;
        while shift < 64 {
            let b = *self.bytes.get(self.at).ok_or_else(|| truncated(what))?;
            self.at += 1;
            n |= usize::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
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

    /// A length and that many bytes of heap `heap`, a string: at load,
    /// checked to lie in the heap's UTF-8 and to start and end on a
    /// character boundary (then it is UTF-8 too).
    fn raw(&mut self, heap: usize, what: &dyn Fn() -> String) -> Result<&'a [u8]> {
        let n = self.len(what)?;
        let h = &mut self.heaps[heap];
        let (start, end) = (h.at, h.at.saturating_add(n));
        h.at = end;
        let raw = h.bytes.get(start..end).ok_or_else(|| truncated(what))?;
        if let Some(valid) = h.checked {
            let boundary = |i: usize| i == valid || h.bytes.get(i).is_some_and(|&b| (b as i8) >= -0x40);
            if end > valid || !boundary(start) || !boundary(end) {
                return Err(catalog_error(format!("catalog bytes: {}: not UTF-8", what())));
            }
        }
        Ok(raw)
    }

    /// [`Reader::raw`] as `&str`.
    fn string_ref(&mut self, heap: usize, what: &dyn Fn() -> String) -> Result<&'a str> {
        let raw = self.raw(heap, what)?;
        text(raw).ok_or_else(|| catalog_error(format!("catalog bytes: {}: not UTF-8", what())))
    }

    /// Entry `i`'s record.
    fn record(&mut self, i: usize) -> Result<Record<'a>> {
        let id = self.raw(PLAIN, &|| format!("entities[{i}].id"))?;
        let kind = self.byte(&|| format!("entities[{i}].type"))?;
        let entity_type = *EntityType::ALL
            .get(kind as usize)
            .ok_or_else(|| catalog_error(format!("catalog bytes: entities[{i}].type: unknown type code {kind}")))?;
        let flags = self.byte(&|| format!("entities[{i}] flags"))?;
        let n = self.len(&|| format!("entities[{i}].names"))?;
        let names_at = (self.at, self.heaps[TEXT].at);
        let mut first_name = None;
        for j in 0..n {
            let name = self.raw(TEXT, &|| format!("entities[{i}].names[{j}]"))?;
            first_name.get_or_insert(name);
        }
        let url = if flags & 1 != 0 {
            Some(self.raw(PLAIN, &|| format!("entities[{i}].url"))?)
        } else {
            None
        };
        let description = if flags & 2 != 0 {
            Some(self.raw(TEXT, &|| format!("entities[{i}].description"))?)
        } else {
            None
        };
        Ok(Record {
            id,
            entity_type,
            enclitics: flags & 4 != 0,
            context: flags & 8 != 0,
            first_name,
            names: (n, names_at.0, names_at.1),
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
        // A payload: the entries, each its record, its id and url, its
        // names and description; then the index.
        type Entry<'a> = (&'a [u8], &'a [u8], &'a [u8]);
        let payload = |entries: &[Entry], index: &[u8]| {
            let mut p = vec![entries.len() as u8];
            for k in 0..2 {
                let heap: Vec<u8> = entries
                    .iter()
                    .flat_map(|e| if k == 0 { e.1 } else { e.2 })
                    .copied()
                    .collect();
                p.push(heap.len() as u8);
                p.extend_from_slice(&heap);
            }
            entries.iter().for_each(|e| p.extend_from_slice(e.0));
            p.extend_from_slice(index);
            p
        };
        // One entity "a" (place, no url or description) named "ab", and
        // its index: one token "ab", one node under the root ending entity 0.
        let entity: Entry = (&[1, 1, 0, 1, 2], b"a", b"ab");
        let index = [1, 2, b'a', b'b', 1, 1, 0, 2, 0, 0];
        let one = payload(&[entity], &index);
        let c = Catalog::from_bytes(&seal(&one, 4)).unwrap();
        assert_eq!(c.find("ab").len(), 1);
        assert_eq!(c.get("a").map(|e| e.names.clone()), Some(vec!["ab".to_string()]));
        assert!(err(&seal(&one, 3)).contains("format version 3 is not supported (expected 4"));
        assert!(err(&seal(&[&one[..], &[7]].concat(), 4)).contains("trailing bytes"));
        let bad_type = payload(&[(&[1, 9, 0, 1, 2], b"a", b"ab")], &index);
        assert!(err(&seal(&bad_type, 4)).contains("entities[0].type: unknown type code 9"));
        let twice = payload(&[entity, entity], &index);
        assert!(err(&seal(&twice, 4)).contains("\"a\" is already used by entities[0]"));
        let long = payload(&[(&[1, 1, 0, 1, 0x7f], b"a", b"x")], &[]);
        assert!(err(&seal(&long, 4)).contains("entities[0].names[0]: length 127 past the end"));
        let short = payload(&[(&[1, 1, 0, 1, 3], b"a", b"ab")], &index);
        assert!(err(&seal(&short, 4)).contains("entities[0].names[0]: truncated"));
        let js = payload(&[(&[1, 1, 1, 1, 2, 13], b"ajavascript:x;", b"ab")], &index);
        assert!(err(&seal(&js, 4)).contains("entities[0].url: scheme \"javascript:\" is not allowed"));
        let many = [&[3][..], &one[1..]].concat();
        assert!(err(&seal(&many, 4)).contains("entity count: 3 items cannot fit"));
        // The strings: a byte that is not UTF-8, a string that ends inside
        // a character, bytes no entry reads.
        let invalid = payload(&[(&[1, 1, 0, 1, 2], b"a", b"\xd8b")], &index);
        assert!(err(&seal(&invalid, 4)).contains("entities[0].names[0]: not UTF-8"));
        let invalid = payload(&[(&[1, 1, 0, 1, 2], b"\xff", b"ab")], &index);
        assert!(err(&seal(&invalid, 4)).contains("entities[0].id: not UTF-8"));
        let cut = payload(&[(&[1, 1, 0, 2, 1, 1], b"a", "ب".as_bytes())], &index);
        assert!(err(&seal(&cut, 4)).contains("entities[0].names[0]: not UTF-8"));
        for (plain, text) in [(&b"az"[..], &b"ab"[..]), (b"a", b"abz")] {
            let unread = payload(&[(&[1, 1, 0, 1, 2], plain, text)], &index);
            assert!(err(&seal(&unread, 4)).contains("strings: bytes that no entry reads"));
        }
        // The index: a token twice, a node under itself, a token or an
        // entity that does not exist, an edge twice.
        let with = |index: &[u8]| seal(&payload(&[entity], index), 4);
        assert!(err(&with(&[2, 1, b'a', 1, b'a', 0, 0])).contains("token 1 is empty or repeated"));
        assert!(err(&with(&[1, 1, b'a', 1, 0, 0, 2, 0])).contains("node 1: bad parent"));
        assert!(err(&with(&[1, 1, b'a', 1, 1, 2, 2, 0])).contains("node 1: bad parent, token"));
        assert!(err(&with(&[1, 1, b'a', 1, 1, 0, 4, 0])).contains("node 1: bad parent, token or entity"));
        assert!(err(&with(&[1, 1, b'a', 2, 1, 0, 2, 2, 0, 2, 0])).contains("node 2: a first token twice"));
        assert!(err(&with(&[1, 1, b'a', 3, 1, 0, 0, 1, 0, 2, 2, 0, 2, 0])).contains("node 3: an edge twice"));
        assert!(err(&with(&[1, 1, b'a', 5, 0, 0, 0])).contains("node count: 5 items cannot fit"));
        // Shared names: on a node that ends a name, another entity than
        // its terminal's, in order.
        let shared = |tail: &[u8]| {
            let index = [&index[..9], tail].concat();
            seal(&payload(&[entity, (&[1, 1, 0, 1, 2], b"b", b"ab")], &index), 4)
        };
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

    /// `graphic` reads eight bytes at a time as `is_ascii_graphic` reads one.
    #[test]
    fn graphic_is_the_byte_test() {
        for n in 0..20 {
            for at in 0..n {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; n];
                    bytes[at] = b;
                    assert_eq!(graphic(&bytes), b.is_ascii_graphic(), "{b:#x} at {at} of {n}");
                }
            }
        }
        assert!(graphic(b"") && graphic(b"!~!~!~!~!~!~!~!~!"));
    }

    /// `utf8_prefix` is `std::str::from_utf8`'s `valid_up_to`: on every
    /// string of up to two bytes, on three and four bytes with the edge
    /// values of each position, each also between ASCII runs (the word
    /// loop), and on random strings of valid and broken pieces.
    #[test]
    fn utf8_prefix_is_the_standard_check() {
        let std = |b: &[u8]| std::str::from_utf8(b).map_or_else(|e| e.valid_up_to(), |s| s.len());
        let check = |b: &[u8]| {
            for (before, after) in [(0, 0), (1, 3), (9, 17), (16, 8)] {
                let s = [&vec![b'a'; before][..], b, &vec![b'z'; after]].concat();
                assert_eq!(utf8_prefix(&s), std(&s), "{s:x?}");
            }
        };
        check(b"");
        for a in 0..=255u8 {
            check(&[a]);
            for b in 0..=255u8 {
                check(&[a, b]);
            }
        }
        let edges = [
            0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xe0, 0xf4, 0xff,
        ];
        for a in 0x80..=0xffu8 {
            for &b in &edges {
                for &c in &edges {
                    check(&[a, b, c]);
                    for &d in &edges {
                        check(&[a, b, c, d]);
                    }
                }
            }
        }
        let pieces: [&[u8]; 14] = [
            b"a",
            b" ",
            b"abcdefgh",
            "ب".as_bytes(),
            "الرقة".as_bytes(),
            "€".as_bytes(),
            "😀".as_bytes(),
            "\u{10FFFF}".as_bytes(),
            &[0xed, 0xa0, 0x80],
            &[0xe0, 0x80, 0x80],
            &[0xf4, 0x90, 0x80, 0x80],
            &[0xc1, 0xbf],
            &[0xd8],
            &[0x80],
        ];
        let mut rand = crate::test_rand::Rand::new(0x7f4a_7c15_9e37_79b9);
        for _ in 0..20_000 {
            let mut s = Vec::new();
            for _ in 0..rand.next() % 12 {
                s.extend_from_slice(pieces[rand.next() as usize % pieces.len()]);
            }
            check(&s);
        }
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
            assert!(plainly_safe(url.as_bytes()), "{url}");
            assert_eq!(crate::url::check(url).as_deref(), Ok(url));
        }
        for url in [
            "https://x.org/ a",
            "https://x.org/\t",
            "javascript:x",
            "https://x.org/أ",
            " https://x",
        ] {
            assert!(!plainly_safe(url.as_bytes()), "{url}");
        }
    }
}
