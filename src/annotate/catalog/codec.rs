//! The catalog's compact binary form: `RTLCAT`, a format version, a
//! checksum of the rest (FNV-1a, [`crate::hash`]), then the entries as
//! LEB128 lengths and UTF-8 strings. Every length is checked against the
//! bytes that hold it, so a truncated or crafted file is refused with what
//! is wrong, never a panic or a huge allocation.

use super::{catalog_error, Catalog, Entity};
use crate::annotate::EntityType;
use crate::error::{Error, Result};
use crate::hash::{fnv1a, FNV_OFFSET};

impl Catalog {
    /// The catalog in a compact, versioned binary form for shipping with an
    /// app: `RTLCAT`, a format version, an FNV-1a checksum of the rest, then
    /// the entries. [`Catalog::from_bytes`] reads it back without parsing
    /// JSON and compiles it.
    ///
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
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
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
        if checksum(payload) != u64::from_le_bytes(sum) {
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

const MAGIC: &[u8] = b"RTLCAT";
const FORMAT_VERSION: u8 = 1;
const HEADER_LEN: usize = 6 + 1 + 8;

/// The checksum: FNV-1a, enough to catch truncation and bit rot.
fn checksum(bytes: &[u8]) -> u64 {
    fnv1a(FNV_OFFSET, bytes)
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
