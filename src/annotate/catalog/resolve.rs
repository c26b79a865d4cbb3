//! What a name found in a text stands for, when the name alone cannot say:
//! one pass over a text's hits, after the trie has found them.
//!
//! - A one-word name that **folds to a function word** (علي/على، إمام/أمام)
//!   matches only as the catalog spells it (diacritics and tatweel aside);
//!   spelled as the function word itself (a name من) it also needs context.
//! - A one-word name that is a **common word** (`lexicon::COMMON_WORDS`,
//!   the recognizers' words such as month names, an entry marked
//!   `"context": true`, or — for an organization, event or work — a name
//!   shaped like a common plural: الوحدات، موازين) needs context: a cue next to it (a word of its
//!   kind's cues, `lexicon::KINDS`, or of its own description and names,
//!   directly or behind a preposition), guillemets around it, or — when it
//!   is not an adjective after a definite noun (الربع الأول), the head of a
//!   construct (أحد أبرز) or a noun with its own adjective (الشعب الجزائري)
//!   — the same entity named earlier in the text, or another entity of its
//!   kind in it. Titles of works need their cue or guillemets every time.
//!   A cue of its kind two to four words before it in its clause counts
//!   as one next to it (فريق الكرة الأول في العربي; for a channel or paper
//!   after ل, a verb of saying: أكد مصدر للعربية; right before إن/أن, ل
//!   alone or a noun of a statement before it: للوطن إن، في تصريح للشروق
//!   إن, or في after a verb of saying: كتب الناقد … في الصباح أن), unless the name heads a
//!   construct or partitive (أحد المسؤولين، أحد من، تداول الأسهم); then the
//!   words after it are its complement, no cue, and an adjective (الحلقة
//!   الأولى) takes none at all: the word before it is the noun it qualifies.
//!   Another name right after it (ويستضيف الرائد النصر) or a preposition's
//!   phrase (قالت أمل للصحفيين) is no adjective of it. A cue word may
//!   carry an enclitic (فوزه، فريقه).
//!   A one-word first name followed by a nisba or بن/أبو is another man
//!   (علي الساعدي).
//! - A **shared name** goes to the candidate with the most evidence, the
//!   name's surroundings first: a cue next to it (8, and 8 more when it
//!   is a head noun of the kind right before it: مدينة العين), one two to four words
//!   before it in its clause (7), one up to eight words after it (3; the
//!   words of other names are no cue); then the text: the entity named
//!   elsewhere in it (2), another entity of its kind (1), entities named in
//!   it whose descriptions share a word with its own that a rival's lacks —
//!   the paragraph's country or city (1 each, up to 2) — and words of its
//!   description in the text (1 each, up to 3). A common word among them
//!   needs evidence of its kind (a cue in its clause, itself or its kind
//!   named). The others stay as alternatives; the confidence says by how
//!   much it won (0.9, 0.75, 0.5 for a tie, which keeps catalog order).
//!
//! - A name of two words or more followed by a nationality its entry does
//!   not have (الهلال الأحمر السوداني for the Emirati one) is another
//!   country's body, and no mention.
//!
//! An entry's kind is read from the first word of its description (نادٍ،
//! قناة، مدينة، عملة …). Everything here is linear in the text: the text's
//! words go into one hash table (the fold's own hashes), only when a shared
//! name needs them, and a candidate's overlap is counted once per text.
//!
//! Written for the size of the wasm bundle: plain loops over indices
//! rather than iterator chains collected into new vectors, word lists as
//! single strings, every sort the crate's one (`model::sort_keys`, on
//! `(key, key, value)` triples) and the hash tables flat arrays of
//! integers (each generic instantiation costs bytes in the full bundle).

use super::codec::Store;
use super::index::{Hit, Index, Token};
use super::{Catalog, EntityType};
use crate::annotate::tokens::Lexicon;
use crate::hash::word_hash;
use crate::lexicon::{
    has, one_of, ATTRIBUTION_VERBS, COMMON_WORDS, CUE_PREPOSITIONS, FUNCTION_EXTRA, FUNCTION_SPELLINGS, FUNCTION_WORDS,
    KINDS, NATIONALITIES, OTHER_PERSON, OUTLET_KINDS, STATEMENT_NOUNS,
};
use crate::model::sort_keys;
use crate::text::normalize::fold_str;

/// A guard bit: the name matches only as the catalog spells it.
pub(super) const EXACT: u8 = 1;
/// A guard bit: the name needs context.
pub(super) const CONTEXT: u8 = 2;

/// A hit once resolved: confidence 0 drops it.
pub(super) struct Mention {
    pub entity: u32,
    pub confidence: f32,
    pub alternatives: Vec<u32>,
}

/// What context reads of an entry: its kind (index + 1 into
/// `lexicon::KINDS`, 0 for none) and the words of its names and
/// description: the hashes of the forms each may take in a text (with
/// or without proclitics, a nisba or feminine ending), sorted, with the
/// word's number.
pub(super) struct Profile {
    kind: u8,
    forms: Vec<(u64, u8)>,
    /// The description's words, one bit each (the others are the names').
    described: u64,
    /// One bit per form (bits of its hash): most words of a text are no
    /// form, and most of those are told so without a search.
    bloom: [u64; 4],
}

impl Profile {
    /// The number of the profile word the folded word whose
    /// [`word_hash`] is `h` is a form of.
    #[inline]
    fn word_hashed(&self, h: u64) -> Option<u8> {
        if self.bloom[(h >> 62) as usize] & 1 << (h >> 56 & 63) == 0 {
            return None;
        }
        let (mut lo, mut hi) = (0, self.forms.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.forms[mid].0 < h {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        match self.forms.get(lo) {
            Some(f) if f.0 == h => Some(f.1),
            _ => None,
        }
    }

    /// Whether folded-word hash `h` is one of the profile's forms.
    fn has_form(&self, h: u64) -> bool {
        self.word_hashed(h).is_some()
    }

    /// The profile words among the name's own words (tokens `t..end` of
    /// `cx`), one bit each.
    fn own(&self, cx: &Text, t: usize, end: usize) -> u64 {
        let mut m = 0;
        for k in t..end {
            if let Some(g) = cx.hash(k).and_then(|h| self.word_hashed(h)) {
                m |= 1 << (g & 63);
            }
        }
        m
    }
}

/// The guards of a catalog's one-word names, sorted by node.
pub(super) fn guards(store: &Store, kinds: &[(EntityType, bool, bool)], index: &Index) -> Vec<(u32, u8)> {
    let mut keys = Vec::new();
    let mut buf = String::new();
    // The word lists read for every one-word name by hash, not scanned:
    // scanning them per name was most of loading a 1k or 10k catalog of
    // common words in wasm (BENCHMARKS.md, "Loading a catalog"). The
    // function words are in the cue table already; the common words get a
    // set per call (a few microseconds: a catalog is built once).
    let common_words = Lexicon::spaced(COMMON_WORDS);
    for (node, entity, name) in index.one_token_names() {
        let Ok(word) = std::str::from_utf8(name) else {
            continue;
        };
        let mut guard = 0;
        if cue_bits(word, word_hash(name)) & FUNCTION != 0 || has(FUNCTION_EXTRA, word) {
            guard |= EXACT;
            store.texts(entity as usize, &mut |n, description| {
                if !description && has(FUNCTION_SPELLINGS, bare(n, &mut buf)) {
                    guard |= CONTEXT;
                }
            });
        }
        let noun = word.strip_prefix("ال").filter(|r| !r.is_empty()).unwrap_or(word);
        if common_words.contains(noun, false)
            || kinds
                .get(entity as usize)
                .is_some_and(|k| k.0 != EntityType::Person && k.0 != EntityType::Place)
                && common_shape(word, noun)
            || crate::annotate::tokens::is_lexicon_word(word)
            || kinds.get(entity as usize).is_some_and(|k| k.2)
        {
            guard |= CONTEXT;
        }
        if guard != 0 {
            // One name per node: sorted by node.
            keys.push((node as usize, guard as usize, 0));
        }
    }
    sort_keys(&mut keys);
    let mut out = Vec::with_capacity(keys.len());
    for &(node, guard, _) in &keys {
        out.push((node as u32, guard as u8));
    }
    out
}

/// Whether a one-word name of an organization, event or work has the
/// shape of an ordinary noun rather than a proper one: a definite sound
/// feminine plural (الوحدات "units", الاتصالات) or a broken plural of the
/// pattern مفاعيل (موازين "balances", مواعيد). Such a name needs context
/// like a listed common word.
fn common_shape(word: &str, noun: &str) -> bool {
    let c: Vec<char> = noun.chars().collect();
    word.len() > noun.len() && c.len() >= 5 && noun.ends_with("ات")
        || c.len() == 6 && c[0] == 'م' && c[2] == 'ا' && c[4] == 'ي'
}

/// The size of an open-addressing table for `n` entries.
fn table_size(n: usize) -> usize {
    (n * 2).next_power_of_two().max(16)
}

/// `s` without diacritics and tatweel, trimmed, written into `buf`.
fn bare<'a>(s: &str, buf: &'a mut String) -> &'a str {
    buf.clear();
    for c in s.trim().chars() {
        if !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}') {
            buf.push(c);
        }
    }
    buf
}

/// Whether `w` has at least `n + 1` characters.
#[inline]
fn longer(w: &str, n: usize) -> bool {
    w.chars().nth(n).is_some()
}

/// `w` without the proclitics و/ف, then ب/ل/ك or the article (and لل).
fn strip_proclitics(w: &str) -> &str {
    let mut w = w;
    if let Some(r) = w.strip_prefix(['و', 'ف']).filter(|r| longer(r, 1)) {
        w = r;
    }
    // Arrays, not a split string: this runs for every neighbour of a hit.
    for p in ["بال", "كال", "لل", "ال", "ب", "ل"] {
        if let Some(r) = w.strip_prefix(p).filter(|r| longer(r, 1)) {
            return r;
        }
    }
    w
}

/// `w` without an attached pronoun.
fn strip_enclitic(w: &str) -> &str {
    for s in ["هما", "ها", "هم", "ه"] {
        if let Some(r) = w.strip_suffix(s).filter(|r| longer(r, 1)) {
            return r;
        }
    }
    w
}

/// The endings a profile word may be written with in a text (مصر، مصري،
/// المصرية، إسبانيا، إسباني …), the first none.
const ENDINGS: &str = " ي يه ه يا ا";

/// The proclitics a profile word may be written with in a text, the first
/// none.
const PROCLITICS: &str = " ال و وال بال لل";

/// Folded word `w` without its clitics and ending.
fn core(w: &str) -> &str {
    let w = strip_proclitics(w);
    for e in ENDINGS[1..].split(' ') {
        if let Some(r) = w.strip_suffix(e).filter(|r| longer(r, 2)) {
            return r;
        }
    }
    w
}

/// A token's cue marks (`Text::marks`): known; the word is a cue
/// preposition; it is one without its proclitics. The low bits are the
/// kinds (bit `k` for `KINDS[k]`) it is a cue for, with or without its
/// clitics.
const KNOWN: u32 = 1 << 31;
const PREPOSITION: u32 = 1 << 30;
const BARE_PREPOSITION: u32 = 1 << 29;
/// In [`cue_words`] only: the word is one of `FUNCTION_WORDS`.
const FUNCTION: u32 = 1 << 28;

/// Every cue word (`KINDS`' cues, `CUE_PREPOSITIONS`) with the kinds it
/// is a cue for and [`PREPOSITION`], and every function word with
/// [`FUNCTION`], open addressing on its
/// [`word_hash`]: a text's words are looked up once each, not scanned
/// against every list for every candidate of every hit.
fn cue_words() -> &'static [(u64, &'static str, u32)] {
    static TABLE: std::sync::OnceLock<Vec<(u64, &'static str, u32)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![(0, "", 0); 512];
        let mut add = |w: &'static str, bit: u32| {
            let h = word_hash(w.as_bytes());
            let mut slot = h as usize & 511;
            while !table[slot].1.is_empty() && table[slot].1 != w {
                slot = (slot + 1) & 511;
            }
            table[slot] = (h, w, table[slot].2 | bit);
        };
        for (k, (_, cues)) in KINDS.iter().enumerate() {
            for w in cues.split(' ') {
                add(w, 1 << k);
            }
        }
        for w in CUE_PREPOSITIONS.split(' ') {
            add(w, PREPOSITION);
        }
        for &w in FUNCTION_WORDS {
            add(w, FUNCTION);
        }
        table
    })
}

/// The [`Text::marks`] bit of kind `kind` (index + 1; none for 0).
#[inline]
fn kind_bit(kind: u8) -> u32 {
    (kind as u32).checked_sub(1).map_or(0, |k| 1 << k)
}

/// The [`cue_words`] bits of folded word `w` (hash `h`).
fn cue_bits(w: &str, h: u64) -> u32 {
    let table = cue_words();
    let mut slot = h as usize & 511;
    loop {
        match table[slot] {
            (_, "", _) => return 0,
            (th, tw, bits) if th == h && tw == w => return bits,
            _ => slot = (slot + 1) & 511,
        }
    }
}

/// An entry's profile, from its names and description.
fn profile(store: &Store, entity: usize) -> Profile {
    let mut kind = 0;
    // (hash's high half, low half, word number), sorted below.
    let mut keys = Vec::new();
    let mut n = 0u8;
    let mut described = 0u64;
    let mut buf = String::new();
    let mut cut = Vec::new();
    // The words' cores so far, space-separated: the `g`-th is word `g`.
    let mut cores = String::new();
    store.texts(entity, &mut |text, description| {
        let folded = fold_str(text);
        super::index::tokens(&folded, &mut cut);
        let mut first = true;
        for t in &cut {
            let Some(w) = folded.get(t.start as usize..t.end as usize).filter(|_| t.word) else {
                continue;
            };
            if description && first {
                let head = strip_proclitics(w);
                for (k, (heads, _)) in KINDS.iter().enumerate() {
                    if has(heads, head) || has(heads, w) {
                        kind = k as u8 + 1;
                        break;
                    }
                }
            }
            first = false;
            if longer(w, 1) && !FUNCTION_WORDS.contains(&w) && n < 64 {
                let c = core(w);
                // A word in a name and in the description is one word.
                if let Some(g) = (!cores.is_empty())
                    .then(|| cores.split(' ').position(|k| k == c))
                    .flatten()
                {
                    described |= u64::from(description) << g;
                    continue;
                }
                if !cores.is_empty() {
                    cores.push(' ');
                }
                cores.push_str(c);
                for p in PROCLITICS.split(' ') {
                    for e in ENDINGS.split(' ') {
                        buf.clear();
                        buf.push_str(p);
                        buf.push_str(c);
                        buf.push_str(e);
                        let h = word_hash(buf.as_bytes());
                        keys.push(((h >> 32) as usize, h as u32 as usize, n as usize));
                    }
                }
                described |= u64::from(description) << n;
                n += 1;
            }
        }
    });
    // By hash, then word: of two words with a form in common, the first.
    sort_keys(&mut keys);
    let mut forms: Vec<(u64, u8)> = Vec::with_capacity(keys.len());
    let mut bloom = [0; 4];
    for &(high, low, g) in &keys {
        let h = (high as u64) << 32 | low as u64;
        bloom[(h >> 62) as usize] |= 1 << (h >> 56 & 63);
        if forms.last().is_none_or(|f| f.0 != h) {
            forms.push((h, g as u8));
        }
    }
    Profile {
        kind,
        forms,
        described,
        bloom,
    }
}

/// [`sort_keys`] for a shared name's candidates, most often a few: an
/// insertion in place (stable, as the merge sort is) up to 16, without its
/// two copies. Here, not in `sort_keys`: the reader bundle, which sorts
/// only offsets, would carry it too.
fn sort_few(keys: &mut [(usize, usize, usize)]) {
    if keys.len() > 16 {
        return sort_keys(keys);
    }
    for k in 1..keys.len() {
        let mut i = k;
        while i > 0 && keys[i - 1] > keys[i] {
            keys.swap(i - 1, i);
            i -= 1;
        }
    }
}

const OPENING: &str = "« \" “";
const CLOSING: &str = "» \" ”";

/// Entry `e`'s profile, made at its first use (an empty one past the
/// entries).
fn profile_of(catalog: &Catalog, e: u32) -> &Profile {
    match catalog.profiles.get(e as usize) {
        Some(p) => p.get_or_init(|| profile(&catalog.store, e as usize)),
        None => {
            static NONE: Profile = Profile {
                kind: 0,
                forms: Vec::new(),
                described: 0,
                bloom: [0; 4],
            };
            &NONE
        }
    }
}

/// The hits of one text and what is known of it so far.
struct Text<'a> {
    catalog: &'a Catalog,
    folded: &'a str,
    toks: &'a [Token],
    /// Each token's [`word_hash`] (empty when the text was not cut while
    /// folding: then computed when needed).
    hashes: &'a [u64],
    /// Each token's cue marks ([`KNOWN`] once computed).
    marks: Vec<u32>,
    /// The hashes of the text's words, open addressing (made when first
    /// needed; 0 is free).
    words: Vec<u64>,
    /// The entities accepted so far (+ 1; 0 is free), open addressing on
    /// the entity, sized for every hit of the text; `first` beside it
    /// the folded start of each one's first mention.
    accepted: Vec<u32>,
    first: Vec<usize>,
    /// `entity + 1, node, overlap` already counted, three to a slot, open
    /// addressing (the same name of the same entity scores the same in a
    /// text).
    overlaps: Vec<u32>,
    /// Whether each token is part of a name found (the words of ريال
    /// مدريد are no cue for a currency, a name after a name is no
    /// adjective of it).
    taken: Vec<bool>,
    /// The entities accepted so far that have a description, once each
    /// (`related` reads only those).
    described: Vec<u32>,
    /// Per kind, the first entity of that kind accepted (+ 1), or
    /// `u32::MAX` once two different ones are.
    kinds: [u32; KINDS.len() + 1],
}

impl<'a> Text<'a> {
    #[inline]
    fn profile(&self, e: u32) -> &'a Profile {
        profile_of(self.catalog, e)
    }

    fn accept(&mut self, e: u32, at: usize) {
        // One entry per entity, its first mention (texts name few).
        let slot = self.slot(e);
        self.first[slot] = if self.accepted[slot] == 0 {
            at
        } else {
            self.first[slot].min(at)
        };
        if self.accepted[slot] == 0 && self.profile(e).described != 0 {
            self.described.push(e);
        }
        self.accepted[slot] = e + 1;
        let kind = self.profile(e).kind as usize;
        if let Some(k) = self.kinds.get_mut(kind).filter(|_| kind > 0) {
            *k = if *k == 0 || *k == e + 1 { e + 1 } else { u32::MAX };
        }
    }

    /// The slot of entity `e` in `accepted`: its own, or the free one it
    /// would take.
    #[inline]
    fn slot(&self, e: u32) -> usize {
        let mask = self.accepted.len() - 1;
        let mut slot = (e.wrapping_mul(0x9E37_79B9) >> 7) as usize & mask;
        while self.accepted[slot] != 0 && self.accepted[slot] != e + 1 {
            slot = (slot + 1) & mask;
        }
        slot
    }

    /// Where `e` was first accepted, if it was.
    #[inline]
    fn first(&self, e: u32) -> Option<usize> {
        let slot = self.slot(e);
        (self.accepted[slot] != 0).then_some(self.first[slot])
    }

    /// Whether an entity other than `e` of `e`'s kind was accepted.
    fn kin(&self, e: u32) -> bool {
        let kind = self.profile(e).kind as usize;
        kind > 0 && self.kinds.get(kind).is_some_and(|&k| k != 0 && k != e + 1)
    }

    #[inline]
    fn word(&self, t: usize) -> Option<&'a str> {
        let tok = self.toks.get(t).filter(|k| k.word)?;
        self.folded.get(tok.start as usize..tok.end as usize)
    }

    /// Word token `t`'s [`word_hash`].
    #[inline]
    fn hash(&self, t: usize) -> Option<u64> {
        let w = self.word(t)?;
        Some(self.hashes.get(t).copied().unwrap_or_else(|| word_hash(w.as_bytes())))
    }

    /// Word token `t`'s cue marks (0 for none, or no word), computed once.
    fn marks(&mut self, t: usize) -> u32 {
        let Some(w) = self.word(t) else {
            return 0;
        };
        if let Some(&m) = self.marks.get(t).filter(|&&m| m & KNOWN != 0) {
            return m;
        }
        let Some(h) = self.hash(t) else {
            return 0;
        };
        let own = cue_bits(w, h) & !FUNCTION;
        let bare = strip_proclitics(w);
        let mut m = KNOWN | own;
        if bare.len() != w.len() {
            let b = cue_bits(bare, word_hash(bare.as_bytes())) & !FUNCTION;
            m |= b & !PREPOSITION | if b & PREPOSITION != 0 { BARE_PREPOSITION } else { 0 };
        }
        let stem = strip_enclitic(bare);
        if stem.len() != bare.len() {
            m |= cue_bits(stem, word_hash(stem.as_bytes())) & !(PREPOSITION | FUNCTION);
        }
        // فوزه، فريقه: the first letter may be the word's own, not و/ف.
        let whole = strip_enclitic(w);
        if bare.len() != w.len() && whole.len() != w.len() {
            m |= cue_bits(whole, word_hash(whole.as_bytes())) & !(PREPOSITION | FUNCTION);
        }
        if own & PREPOSITION != 0 {
            m |= BARE_PREPOSITION;
        }
        if let Some(slot) = self.marks.get_mut(t) {
            *slot = m;
        }
        m
    }

    /// Whether token `t` is one of the space-separated `marks`.
    fn is(&self, t: usize, marks: &str) -> bool {
        let tok = self.toks.get(t).filter(|k| !k.word);
        tok.and_then(|k| self.folded.get(k.start as usize..k.end as usize))
            .is_some_and(|m| has(marks, m))
    }

    /// The word tokens that may be a cue before token `t` (the one before
    /// it, past an opening quotation mark, and the one before a
    /// preposition) and after token `end` (likewise), each with its hash
    /// and cue marks; or, when guillemets or quotation marks enclose the
    /// name, none: that is its cue.
    fn neighbours(&mut self, t: usize, end: usize) -> Option<[Option<(u64, u32)>; 4]> {
        if t > 0 && self.is(t - 1, OPENING) && self.is(end, CLOSING) {
            return None;
        }
        Some(self.around(t, end))
    }

    /// [`Text::neighbours`], quotation marks or not.
    fn around(&mut self, t: usize, end: usize) -> [Option<(u64, u32)>; 4] {
        let mut at = [None; 4];
        let mut b = t.checked_sub(1);
        if b.is_some_and(|b| self.is(b, OPENING)) {
            b = b.and_then(|b| b.checked_sub(1));
        }
        if let Some(b) = b.filter(|&b| self.word(b).is_some()) {
            at[0] = Some(b);
            if self.marks(b) & BARE_PREPOSITION != 0 {
                at[1] = b.checked_sub(1);
            }
        }
        if self.word(end).is_some() {
            at[2] = Some(end);
            if self.marks(end) & PREPOSITION != 0 {
                at[3] = Some(end + 1);
            }
        }
        let mut out = [None; 4];
        for (o, a) in out.iter_mut().zip(at) {
            if let Some(a) = a.filter(|&a| self.word(a).is_some()) {
                *o = self.hash(a).map(|h| (h, self.marks(a)));
            }
        }
        out
    }

    /// Whether a cue next to tokens `t..end` points to entity `e`.
    fn cue(&mut self, e: u32, t: usize, end: usize) -> bool {
        let around = self.neighbours(t, end);
        self.cue_among(e, t, end, around)
    }

    /// [`Text::cue`], given the name's [`Text::neighbours`].
    fn cue_among(&self, e: u32, t: usize, end: usize, around: Option<[Option<(u64, u32)>; 4]>) -> bool {
        let Some(around) = around else {
            return true;
        };
        // Titles of works take only a cue before them.
        let title = self.profile(e).kind as usize == KINDS.len();
        self.cue_in(e, t, end, &around[..if title { 2 } else { 4 }])
    }

    /// Whether one of the words `around` tokens `t..end` is a cue for `e`:
    /// a cue of its kind, or a word of its profile not in the name.
    fn cue_in(&self, e: u32, t: usize, end: usize, around: &[Option<(u64, u32)>]) -> bool {
        let p = self.profile(e);
        // The name's own words, when a neighbour is a word of the profile.
        let mut own = None;
        let kind = kind_bit(p.kind);
        for &w in around {
            let Some((h, marks)) = w else {
                continue;
            };
            if marks & kind != 0 {
                return true;
            }
            if let Some(g) = p.word_hashed(h) {
                if *own.get_or_insert_with(|| p.own(self, t, end)) & 1 << (g & 63) == 0 {
                    return true;
                }
            }
        }
        false
    }

    /// Whether a cue next to tokens `t..end` points to `e` from before the
    /// name (the head of a construct, تداول الأسهم, takes no cue after it).
    fn cue_before(&mut self, e: u32, t: usize, end: usize) -> bool {
        let around = self.around(t, end);
        self.cue_in(e, t, end, &around[..2])
    }

    /// Whether word token `k` is a cue for kind `kind` (index + 1).
    fn is_cue(&mut self, kind: u8, k: usize) -> bool {
        self.marks(k) & kind_bit(kind) != 0
    }

    /// How far context in the name's clause points to `e`: a cue of its
    /// kind two to four words before (فريق الكرة الأول في العربي، حوار
    /// أجرته معه الجزيرة; for an outlet written with ل, a verb of saying:
    /// أكد مصدر برلماني للعربية) gives 2, one up to eight words after
    /// (عرضت الجزيرة مساء أمس الحلقة الأولى من برنامج) 1; punctuation ends
    /// the clause, and the words of other names found (`hits`) are no cue.
    /// Titles of works take only the cue next to them.
    fn near(&mut self, e: u32, t: usize, end: usize, prefixed: bool) -> u32 {
        let kind = self.profile(e).kind;
        if kind as usize == KINDS.len() {
            return 0;
        }
        let outlet = OUTLET_KINDS.contains(&kind);
        let told = prefixed && outlet && self.word(t).is_some_and(|w| w.starts_with('ل'));
        let before = t.checked_sub(1).and_then(|b| self.word(b));
        // An outlet right before إن/أن: whom it was told to (قال مدير
        // فندق للوطن إن، في تصريح للشروق إن), or where it was written
        // after a verb of saying earlier in the clause (وكتب الناقد … في
        // الصباح أن).
        if outlet && self.word(end).is_some_and(|n| matches!(n, "ان" | "بان")) {
            let said = || {
                (2..=8)
                    .map_while(|d| t.checked_sub(d).and_then(|b| self.word(b)))
                    .any(|w| one_of(ATTRIBUTION_VERBS, w.strip_prefix(['و', 'ف']).unwrap_or(w)))
            };
            if told || before == Some("في") && said() {
                return 2;
            }
        }
        if told && before.is_some_and(|w| has(STATEMENT_NOUNS, w)) {
            return 2;
        }
        for d in 1..=4 {
            let Some(w) = t.checked_sub(d).and_then(|b| self.word(b)) else {
                break;
            };
            if d == 1 || self.taken[t - d] {
                continue;
            }
            let verb = w.strip_prefix(['و', 'ف']).unwrap_or(w);
            if told && (one_of(ATTRIBUTION_VERBS, verb) || one_of(ATTRIBUTION_VERBS, w)) || self.is_cue(kind, t - d) {
                return 2;
            }
        }
        for a in end..end + 8 {
            if self.word(a).is_none() {
                break;
            }
            if !self.taken[a] && self.is_cue(kind, a) {
                return 1;
            }
        }
        0
    }

    /// How many entities named in the text (up to 2) share with `e` a word
    /// of their descriptions that `e`'s rivals `others` do not have: the
    /// country or city of the paragraph (البصرة، مدينة في جنوب العراق, for
    /// البرلمان العراقي).
    fn related(&self, e: u32, others: &[u32]) -> u32 {
        let p = self.profile(e);
        let mut n = 0;
        // Only an entity with a description can share a word of it.
        for &a in &self.described {
            if a == e || others.contains(&a) {
                continue;
            }
            let q = self.profile(a);
            let shared = q.forms.iter().any(|&(h, g)| {
                q.described & 1 << (g & 63) != 0
                    && p.has_form(h)
                    && others.iter().any(|&o| o != e && !self.profile(o).has_form(h))
            });
            n += u32::from(shared);
        }
        n.min(2)
    }

    /// How many words of `e`'s profile the text has, beside the name's own
    /// (tokens `t..end`).
    fn overlap(&mut self, e: u32, node: u32, t: usize, end: usize, hashes: &[u64]) -> u32 {
        let mask = self.overlaps.len() / 3 - 1;
        let mut slot = (e ^ node.rotate_left(16)).wrapping_mul(0x9E37_79B9) as usize >> 3 & mask;
        loop {
            let k = self.overlaps[3 * slot];
            if k == 0 {
                break;
            }
            if k == e + 1 && self.overlaps[3 * slot + 1] == node {
                return self.overlaps[3 * slot + 2];
            }
            slot = (slot + 1) & mask;
        }
        let v = self.count_overlap(e, t, end, hashes);
        self.overlaps[3 * slot] = e + 1;
        self.overlaps[3 * slot + 1] = node;
        self.overlaps[3 * slot + 2] = v;
        v
    }

    fn count_overlap(&mut self, e: u32, t: usize, end: usize, hashes: &[u64]) -> u32 {
        let p = self.profile(e);
        let own = p.own(self, t, end);
        if p.described & !own == 0 {
            return 0;
        }
        if self.words.is_empty() {
            let mut table = vec![0u64; table_size(self.toks.len())];
            let mask = table.len() - 1;
            for k in 0..self.toks.len() {
                let Some(w) = self.word(k) else {
                    continue;
                };
                let h = hashes.get(k).copied().unwrap_or_else(|| word_hash(w.as_bytes())) | 1;
                let mut slot = h as usize & mask;
                while table[slot] != 0 && table[slot] != h {
                    slot = (slot + 1) & mask;
                }
                table[slot] = h;
            }
            self.words = table;
        }
        let mask = self.words.len() - 1;
        let wanted = p.described & !own;
        let mut found = 0u64;
        for &(form, g) in &p.forms {
            let bit = 1 << (g & 63);
            if wanted & bit == 0 {
                continue;
            }
            let h = form | 1;
            let mut slot = h as usize & mask;
            loop {
                match self.words[slot] {
                    0 => break,
                    v if v == h => {
                        found |= bit;
                        break;
                    }
                    _ => slot = (slot + 1) & mask,
                }
            }
        }
        found.count_ones().min(3)
    }

    /// Whether the word right before the name at `t` is a head noun of
    /// its entity's kind (مدينة العين، نادي العين، قناة الجزيرة): the
    /// strongest cue there is, above the rest of the text.
    fn headed(&self, e: u32, t: usize) -> bool {
        let kind = self.profile(e).kind as usize;
        let (Some(k), Some(w)) = (
            kind.checked_sub(1).and_then(|k| KINDS.get(k)),
            t.checked_sub(1).and_then(|b| self.word(b)),
        ) else {
            return false;
        };
        let w = w
            .strip_prefix(['و', 'ف', 'ب', 'ل'])
            .filter(|r| r.chars().count() > 2)
            .unwrap_or(w);
        has(k.0, w)
    }

    /// Whether a definite name at token `t` reads as an adjective of the
    /// definite noun before it (الربع الأول، القمة العربية).
    fn adjective(&self, t: usize, prefixed: bool) -> bool {
        if prefixed || !self.word(t).is_some_and(|w| w.starts_with("ال")) {
            return false;
        }
        // إلى folds to الي: a preposition, not a definite noun.
        let Some((before, h)) = t.checked_sub(1).and_then(|b| Some((self.word(b)?, self.hash(b)?))) else {
            return false;
        };
        if cue_bits(before, h) & FUNCTION != 0 {
            return false;
        }
        let w = before.strip_prefix(['و', 'ف']).unwrap_or(before);
        let w = w
            .strip_prefix(['ب', 'ل', 'ك'])
            .filter(|r| r.starts_with("ال"))
            .unwrap_or(w);
        w.starts_with("ال") || w.starts_with("لل")
    }

    /// Whether the word after a name at `t..end` makes the name a common
    /// word: a noun after an indefinite one (أحد أبرز), an adjective after
    /// a definite one (الشعب الجزائري) that is not one of the entity's.
    fn followed(&self, e: u32, t: usize, end: usize) -> bool {
        let Some(next) = self.word(end) else {
            return false;
        };
        // Another name (ويستضيف الرائد النصر: host and guest), or a
        // preposition's phrase (قالت أمل للصحفيين), is neither.
        if self.taken[end] || ["لل", "بال", "كال"].iter().any(|p| next.starts_with(p)) {
            return false;
        }
        let definite = self.word(t).is_some_and(|w| strip_proclitics(w) != w);
        // أحد من المدافعين: a partitive after an indefinite word.
        if !definite && next == "من" {
            return true;
        }
        let Some(h) = self.hash(end) else {
            return false;
        };
        if cue_bits(next, h) & (FUNCTION | PREPOSITION) != 0 || self.profile(e).word_hashed(h).is_some() {
            return false;
        }
        definite == next.starts_with("ال") || self.construct(e, t, end)
    }

    /// Whether an indefinite name at `t..end` heads a construct with the
    /// definite noun after it (أحد المسؤولين، تداول الأسهم): then that noun
    /// is its complement, no cue. Before a nisba it is a name with its
    /// adjective or its head's (مدرب أحد التونسي).
    fn construct(&self, e: u32, t: usize, end: usize) -> bool {
        let (Some(w), Some(next)) = (self.word(t), self.word(end)) else {
            return false;
        };
        let nisba = next.ends_with('ي') || next.ends_with("يه");
        strip_proclitics(w) == w
            && next.starts_with("ال")
            && !nisba
            && self.hash(end).is_none_or(|h| self.profile(e).word_hashed(h).is_none())
    }
}

/// Whether hit `h`, a one-word name of person `e` without the article
/// (علي), is followed by another man's family name: a nisba (علي الساعدي)
/// or بن/أبو (علي بن سالم). The entity's own full name would have matched
/// as the longer name.
fn other_person(catalog: &Catalog, toks: &[Token], folded: &str, h: &Hit, e: u32) -> bool {
    if catalog.kinds.get(e as usize).is_none_or(|k| k.0 != EntityType::Person) {
        return false;
    }
    let (t, end, _) = place(toks, h);
    let word = |k: usize| {
        toks.get(k)
            .filter(|x| x.word)
            .and_then(|x| folded.get(x.start as usize..x.end as usize))
    };
    if end != t + 1 || word(t).is_none_or(|w| w.starts_with("ال")) {
        return false;
    }
    word(end).is_some_and(|n| has(OTHER_PERSON, n) || n.starts_with("ال") && n.ends_with('ي') && longer(n, 4))
}

/// Whether hit `h`, a name of organization `e`, is followed by a
/// nationality its entry does not have (الهلال الأحمر السوداني for the
/// Emirati one; names of two words or more): a body of another country with the same name.
fn other_country(catalog: &Catalog, toks: &[Token], folded: &str, hashes: &[u64], h: &Hit, e: u32) -> bool {
    let end = h.last as usize;
    let next = toks
        .get(end)
        .filter(|x| x.word)
        .and_then(|x| folded.get(x.start as usize..x.end as usize));
    // Not after a one-word name: there the nationality may be its head's
    // (مدرب أحد التونسي).
    let Some(n) = next.filter(|n| n.ends_with('ي') && NATIONALITIES.contains(n)) else {
        return false;
    };
    if catalog
        .kinds
        .get(e as usize)
        .is_none_or(|k| k.0 != EntityType::Organization)
    {
        return false;
    }
    let p = profile_of(catalog, e);
    !p.has_form(hashes.get(end).copied().unwrap_or_else(|| word_hash(n.as_bytes())))
}

/// Hit `h`'s tokens `t..end`, and whether a proclitic starts token `t`.
fn place(toks: &[Token], h: &Hit) -> (usize, usize, bool) {
    let (t, end) = (h.first as usize, h.last as usize);
    let prefixed = toks.get(t).is_some_and(|k| (k.start as usize) < h.start);
    (t, end, prefixed)
}

/// Resolves `hits` of folded `folded` (cut into `toks`; `spans` are their
/// ranges in `text`), one [`Mention`] per hit.
pub(super) fn resolve(
    catalog: &Catalog,
    text: &str,
    folded: &str,
    toks: &[Token],
    hashes: &[u64],
    hits: &[Hit],
    spans: &[(usize, usize)],
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(hits.len());
    for h in hits {
        let other = h.last > h.first + 1
            && other_country(catalog, toks, folded, hashes, h, h.entity)
            && catalog.index.shared_with(h.node).is_empty();
        out.push(Mention {
            entity: h.entity,
            confidence: if other { 0.0 } else { 1.0 },
            alternatives: Vec::new(),
        });
    }
    if catalog.guards.is_empty() && catalog.index.shared.is_empty() {
        return out;
    }
    // First the hits that need nothing, and the spelling of those that
    // must be spelled as the catalog spells them.
    let mut pending: Vec<(usize, u8)> = Vec::with_capacity(hits.len());
    let (mut written, mut name) = (String::new(), String::new());
    for (k, h) in hits.iter().enumerate() {
        if catalog.special.get(h.node as usize).is_none_or(|&b| !b) {
            continue;
        }
        let guard = catalog
            .guards
            .binary_search_by_key(&h.node, |g| g.0)
            .map_or(0, |i| catalog.guards[i].1);
        let shared = catalog.index.shared_with(h.node);
        if guard == 0 && shared.is_empty() {
            continue;
        }
        if guard & EXACT != 0 {
            bare(text.get(spans[k].0..spans[k].1).unwrap_or_default(), &mut written);
        }
        let m = &mut out[k];
        m.alternatives.reserve_exact(shared.len());
        let mut first = None;
        for j in 0..=shared.len() {
            let e = if j == 0 { h.entity } else { shared[j - 1].1 };
            if guard & EXACT != 0 {
                let mut same = false;
                catalog.store.texts(e as usize, &mut |n, description| {
                    same |= !description && bare(n, &mut name) == written;
                });
                if !same {
                    continue;
                }
            }
            if first.is_none() {
                first = Some(e);
            } else {
                m.alternatives.push(e);
            }
        }
        let Some(first) = first else {
            m.confidence = 0.0;
            continue;
        };
        m.entity = first;
        if other_person(catalog, toks, folded, h, first) {
            m.confidence = 0.0;
            continue;
        }
        if guard & CONTEXT != 0 || !m.alternatives.is_empty() {
            m.confidence = -1.0;
            pending.push((k, guard));
        }
    }
    if pending.is_empty() {
        return out;
    }
    let mut pending_candidates = 0;
    for &(k, _) in &pending {
        pending_candidates += out[k].alternatives.len() + 1;
    }
    let slots = table_size(hits.len());
    let mut cx = Text {
        catalog,
        folded,
        toks,
        hashes,
        marks: vec![0; toks.len()],
        words: Vec::new(),
        overlaps: vec![0; 3 * table_size(pending_candidates)],
        accepted: vec![0; slots],
        first: vec![0; slots],
        kinds: [0; KINDS.len() + 1],
        taken: vec![false; toks.len() + 1],
        described: Vec::new(),
    };
    for h in hits {
        let (a, b, _) = place(toks, h);
        for k in a..b.min(toks.len()) {
            cx.taken[k] = true;
        }
    }
    for k in 0..hits.len() {
        if out[k].confidence == 1.0 {
            cx.accept(out[k].entity, hits[k].start);
        }
    }
    // Names with a cue of their own first: they are context for the rest.
    for &(k, _) in &pending {
        if !out[k].alternatives.is_empty() {
            continue;
        }
        let (t, end, prefixed) = place(toks, &hits[k]);
        let e = out[k].entity;
        // An adjective's word before it is the noun it qualifies (الحلقة
        // الأولى), a construct's word after it its complement: no cue.
        let adjective = cx.adjective(t, prefixed);
        let cued = if adjective {
            false
        } else if cx.construct(e, t, end) {
            cx.cue_before(e, t, end)
        } else {
            cx.cue(e, t, end) || !cx.followed(e, t, end) && cx.near(e, t, end, prefixed) == 2
        };
        if cued {
            out[k].confidence = 0.9;
            cx.accept(out[k].entity, hits[k].start);
        }
    }
    let mut scored = Vec::new();
    let mut rivals: Vec<u32> = Vec::new();
    for &(k, guard) in &pending {
        if out[k].confidence >= 0.0 {
            continue;
        }
        let h = &hits[k];
        let (t, end, prefixed) = place(toks, h);
        let m = &mut out[k];
        if m.alternatives.is_empty() {
            let e = m.entity;
            let p = cx.profile(e);
            let seen = cx.first(e).is_some_and(|at| at < h.start) || cx.kin(e);
            let ok = p.kind as usize != KINDS.len() && !cx.adjective(t, prefixed) && !cx.followed(e, t, end) && seen;
            m.confidence = if ok { 0.8 } else { 0.0 };
            if ok {
                cx.accept(e, h.start);
            }
            continue;
        }
        // A shared name: score every candidate; `(u32::MAX - score, its
        // place, entity)`, sorted: a tie keeps catalog order.
        scored.clear();
        let mut any_cue = false;
        let mut kind_seen = false;
        let adjective = cx.adjective(t, prefixed);
        rivals.clear();
        rivals.push(m.entity);
        rivals.extend_from_slice(&m.alternatives);
        // The neighbours are the same for every candidate: read once.
        let around = cx.neighbours(t, end);
        for j in 0..rivals.len() {
            let e = rivals[j];
            let cue = if adjective {
                false
            } else if cx.construct(e, t, end) {
                cx.cue_before(e, t, end)
            } else {
                cx.cue_among(e, t, end, around)
            };
            let near = if adjective || cx.followed(e, t, end) {
                0
            } else {
                cx.near(e, t, end, prefixed)
            };
            let (seen, kin) = (cx.first(e).is_some(), cx.kin(e));
            any_cue |= cue || near == 2;
            kind_seen |= near > 0 || seen || kin;
            let score = 8 * u32::from(cue)
                + 8 * u32::from(cue && cx.headed(e, t))
                + [0, 3, 7][near as usize]
                + 2 * u32::from(seen)
                + u32::from(kin)
                + cx.related(e, &rivals)
                + cx.overlap(e, h.node, t, end, hashes);
            scored.push((u32::MAX as usize - score as usize, j, e as usize));
        }
        sort_few(&mut scored);
        let score = |i: usize| scored.get(i).map_or(0, |s| (u32::MAX as usize - s.0) as u32);
        let (best, second) = (score(0), score(1));
        // A common word needs evidence of its kind, not only of its
        // description's places (الوحدة in a paragraph on Abu Dhabi politics).
        let common = guard & CONTEXT != 0 && (best == 0 || !kind_seen || cx.followed(m.entity, t, end));
        let rejected = !any_cue && (adjective || common);
        m.entity = scored[0].2 as u32;
        m.alternatives.clear();
        for s in &scored[1..] {
            m.alternatives.push(s.2 as u32);
        }
        m.confidence = match best - second {
            _ if rejected => 0.0,
            0 => 0.5,
            1 => 0.75,
            _ => 0.9,
        };
        if !rejected {
            cx.accept(m.entity, h.start);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sort_few;
    use crate::annotate::catalog::Catalog;
    use crate::annotate::{AnnotationKind, Annotator};

    /// `(covered text, id, confidence, alternatives)` of every mention.
    fn found(c: &Catalog, text: &str) -> Vec<(String, String, f32, Vec<String>)> {
        c.find(text)
            .into_iter()
            .map(|f| {
                let AnnotationKind::Mention { id, alternatives, .. } = f.kind else {
                    panic!("not a mention")
                };
                let alternatives = alternatives.iter().map(|a| a.to_string()).collect();
                (
                    text[f.start..f.end].to_string(),
                    id.to_string(),
                    f.confidence,
                    alternatives,
                )
            })
            .collect()
    }

    fn names(c: &Catalog, text: &str) -> Vec<(String, String)> {
        found(c, text).into_iter().map(|m| (m.0, m.1)).collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    fn catalog(json: &str) -> Catalog {
        Catalog::from_json(json).unwrap()
    }

    #[test]
    fn the_cue_table_reads_as_the_word_lists_do() {
        use super::{cue_bits, cue_words, strip_enclitic, strip_proclitics, FUNCTION, PREPOSITION};
        use crate::hash::word_hash;
        use crate::lexicon::{has, CUE_PREPOSITIONS, FUNCTION_WORDS, KINDS};
        // Room to spare in the open-addressing table.
        assert!(cue_words().iter().filter(|e| !e.1.is_empty()).count() < 256);
        // Every cue word with clitics around it: the table's bits are the
        // lists' answers, with and without the clitics.
        let mut words: Vec<String> = Vec::new();
        for (_, cues) in KINDS {
            for w in cues.split(' ') {
                for p in ["", "و", "ف", "ب", "ل", "ال", "بال", "لل", "وال", "كال"] {
                    for e in ["", "ه", "ها", "هم", "هما"] {
                        words.push(format!("{p}{w}{e}"));
                    }
                }
            }
        }
        words.extend(CUE_PREPOSITIONS.split(' ').map(String::from));
        words.extend(FUNCTION_WORDS.iter().map(|w| format!("و{w}")));
        words.extend(FUNCTION_WORDS.iter().map(|&w| String::from(w)));
        words.extend(["قال", "على", "السوق", "مدرسة", "والي"].map(String::from));
        for w in &words {
            let bits = |w: &str| cue_bits(w, word_hash(w.as_bytes()));
            let bare = strip_proclitics(w);
            let stem = strip_enclitic(bare);
            for (k, (_, cues)) in KINDS.iter().enumerate() {
                let listed = has(cues, w) || has(cues, bare) || has(cues, stem);
                let table = (bits(w) | bits(bare) | bits(stem)) & 1 << k != 0;
                assert_eq!(listed, table, "{w} kind {k}");
            }
            assert_eq!(has(CUE_PREPOSITIONS, w), bits(w) & PREPOSITION != 0, "{w}");
            assert_eq!(FUNCTION_WORDS.contains(&w.as_str()), bits(w) & FUNCTION != 0, "{w}");
        }
    }

    #[test]
    fn a_name_that_folds_to_a_function_word_links_only_as_spelled() {
        let c = catalog(
            r#"[{"id": "ali", "type": "person", "names": ["علي", "علي حسن"]},
                {"id": "imam", "type": "person", "names": ["إمام"], "description": "لاعب وسط"}]"#,
        );
        let text = "اعتمد المدرب على علي في الهجوم، وعلى الجميع دعم علي حسن. ووقف إمام أمام المرمى وأمامه المدافعون.";
        assert_eq!(
            names(&c, text),
            [pair("علي", "ali"), pair("علي حسن", "ali"), pair("إمام", "imam")]
        );
        // Diacritics do not change the spelling.
        assert_eq!(names(&c, "سجّل عليٌّ هدفين"), [pair("عليٌّ", "ali")]);
    }

    #[test]
    fn a_name_spelled_as_a_function_word_needs_context() {
        let c = catalog(r#"[{"id": "show", "type": "topic", "names": ["أمام"], "description": "برنامج حواري"}]"#);
        assert!(names(&c, "وقف أمام المحكمة أمام الصحفيين").is_empty());
        assert_eq!(names(&c, "حلقة جديدة من «أمام» الليلة"), [pair("أمام", "show")]);
    }

    #[test]
    fn a_common_word_links_after_its_full_name_and_not_as_an_adjective() {
        let c = catalog(
            r#"[{"id": "bank", "type": "organization", "names": ["البنك الأول", "الأول"], "description": "بنك تجاري"}]"#,
        );
        let text = "أعلن البنك الأول أرباح الربع الأول، وصعد سهم الأول إلى المركز الأول، وقال محلل إن نتائج الأول جيدة.";
        let m = found(&c, text);
        let got: Vec<&str> = m.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(got, ["البنك الأول", "الأول", "الأول"]);
        assert!(m[1].2 < 1.0 && m[1].2 > 0.0, "{m:?}");
        // Without its full name, no cue: the ordinal.
        assert!(names(&c, "فاز الفريق في الدور الأول وكان الأول في مجموعته").is_empty());
        // The full name after does not reach back.
        assert_eq!(names(&c, "جاء الأول ثم البنك الأول").len(), 1);
    }

    #[test]
    fn a_cue_before_or_after_a_common_word_makes_it_a_name() {
        let c = catalog(
            r#"[{"id": "paper", "type": "organization", "names": ["الفجر"], "description": "جريدة يومية جزائرية"},
                {"id": "club", "type": "organization", "names": ["الساحل"], "description": "نادٍ تونسي لكرة القدم", "context": true},
                {"id": "one", "type": "organization", "names": ["أحد"], "description": "نادٍ سعودي لكرة القدم"}]"#,
        );
        assert_eq!(
            names(&c, "استيقظ الصحفي عند الفجر ليقرأ ما نشرته يومية الفجر"),
            [pair("الفجر", "paper")]
        );
        // A cue behind a preposition.
        assert_eq!(names(&c, "كان الوزير قد كتب في الفجر مقالا"), [pair("الفجر", "paper")]);
        // Marked by the catalog: a common word only with context.
        assert_eq!(
            names(&c, "تنزه على الساحل ثم تابع مدرب الساحل"),
            [pair("الساحل", "club")]
        );
        // A word of its description after it; a pronoun otherwise.
        assert_eq!(names(&c, "لعب مع أحد السعودي"), [pair("أحد", "one")]);
        assert!(names(&c, "هو أحد أبرز اللاعبين ولم يحضر أحد").is_empty());
    }

    #[test]
    fn a_title_needs_its_cue_or_guillemets_each_time() {
        let c = catalog(r#"[{"id": "series", "type": "topic", "names": ["الأمل"], "description": "مسلسل تلفزيوني"}]"#);
        let text = "يعرض مسلسل «الأمل» الليلة، وقال مخرجه إن الأمل كبير في نجاح «الأمل»";
        let m = found(&c, text);
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m.iter().all(|m| m.1 == "series"));
        assert!(names(&c, "يبقى الأمل في التهدئة قائما").is_empty());
    }

    #[test]
    fn a_shared_name_goes_to_the_candidate_context_points_to() {
        let c = catalog(
            r#"[{"id": "city", "type": "place", "names": ["برشلونة"], "description": "مدينة إسبانية"},
                {"id": "club", "type": "organization", "names": ["برشلونة", "نادي برشلونة"], "description": "نادٍ إسباني لكرة القدم"},
                {"id": "ahly-eg", "type": "organization", "names": ["الأهلي"], "description": "نادٍ مصري مقره القاهرة"},
                {"id": "ahli-sa", "type": "organization", "names": ["الأهلي"], "description": "نادٍ سعودي مقره جدة"}]"#,
        );
        let m = found(&c, "انضم إلى برشلونة لاعب شاب، وقال مدرب برشلونة إنه موهوب");
        assert_eq!(m[1].1, "club");
        assert_eq!(m[1].3, ["city"]);
        assert!(m[1].2 >= 0.9);
        assert_eq!(names(&c, "ازدحمت شوارع برشلونة بالسياح")[0].1, "city");
        // Nothing to tell them apart: catalog order, and it says so.
        let tie = found(&c, "وصل الوفد إلى برشلونة أمس");
        assert_eq!((tie[0].1.as_str(), tie[0].2), ("city", 0.5));
        assert_eq!(tie[0].3, ["club"]);
        // The description's words in the text.
        assert_eq!(names(&c, "فاز الأهلي على ضيفه في جدة")[0].1, "ahli-sa");
        assert_eq!(names(&c, "فاز الأهلي على ضيفه في القاهرة")[0].1, "ahly-eg");
        // An adjective of a definite noun is not the name.
        assert!(names(&c, "رفع البنك الأهلي أسعار الفائدة").is_empty());
    }

    #[test]
    fn a_cue_in_the_clause_reaches_a_common_word_and_a_complement_is_no_cue() {
        let c = catalog(
            r#"[{"id": "club", "type": "organization", "names": ["العربي"], "description": "نادٍ كويتي لكرة القدم"},
                {"id": "tv", "type": "organization", "names": ["العربية"], "description": "قناة إخبارية"},
                {"id": "bourse", "type": "organization", "names": ["تداول"], "description": "البورصة السعودية"},
                {"id": "bank", "type": "organization", "names": ["الأول"], "description": "بنك سعودي"}]"#,
        );
        // A cue a few words before, in the same clause.
        assert_eq!(names(&c, "فاز فريق الكرة الأول في العربي"), [pair("العربي", "club")]);
        assert!(names(&c, "قالت الجامعة، في العربي من الكلام").is_empty());
        // ل + an outlet after a verb of saying; the adjective otherwise.
        assert_eq!(
            names(&c, "أكد مصدر برلماني للعربية أن الجلسة تأجلت"),
            [pair("لعربية", "tv")]
        );
        assert!(names(&c, "ترجم الكتاب للعربية ونشر").is_empty());
        // A masdar's complement or an adjective's following words are no cue.
        assert_eq!(
            names(&c, "ارتفع مؤشر تداول وقال إن تداول الأسهم ضعيف"),
            [pair("تداول", "bourse")]
        );
        assert!(names(&c, "تراجعت أرباح الربع الأول من العام في البنوك").is_empty());
        // Nor is the noun an adjective qualifies (شاشة is a cue of channels).
        assert!(names(&c, "ظهرت على الشاشة العربية وجوه جديدة").is_empty());
        assert_eq!(names(&c, "قال في حديث إلى العربية إن"), [pair("العربية", "tv")]);
        // An outlet right before إن/أن: told to it (after ل, with no verb
        // near, or after a noun of a statement), or written in it (after
        // في and a verb of saying); the common word otherwise.
        let papers = catalog(
            r#"[{"id": "watan", "type": "organization", "names": ["الوطن"], "description": "جريدة يومية مصرية"},
                {"id": "nahda", "type": "organization", "names": ["النهضة"], "description": "نادٍ عماني لكرة القدم"},
                {"id": "raed", "type": "organization", "names": ["الرائد"], "description": "نادٍ سعودي لكرة القدم"},
                {"id": "nassr", "type": "organization", "names": ["النصر"], "description": "نادٍ سعودي لكرة القدم"},
                {"id": "amal", "type": "person", "names": ["أمل الحداد", "أمل"], "description": "مطربة لبنانية"}]"#,
        );
        assert_eq!(
            names(&papers, "وقال مدير فندق على الكورنيش للوطن إن الحجوزات مكتملة"),
            [pair("لوطن", "watan")]
        );
        assert_eq!(
            names(&papers, "وقال المدير في تصريح للوطن إن الشبكة صمدت"),
            [pair("لوطن", "watan")]
        );
        assert_eq!(
            names(&papers, "وكتب الناقد هشام العياري في الوطن أن العرض جريء"),
            [pair("الوطن", "watan")]
        );
        assert!(names(&papers, "لا يكفي حب الوطن وحده لإقناع الشباب").is_empty());
        assert!(names(&papers, "وبقي في الوطن أن يعمل الشباب").is_empty());
        // A cue word with an enclitic whose first letter could be a
        // proclitic (فوزه is فوز + ه, not ف + وزه).
        assert_eq!(
            names(&papers, "تصدر الفريق بعد فوزه على النهضة بثلاثية"),
            [pair("النهضة", "nahda")]
        );
        assert!(names(&papers, "في عصر النهضة الأوروبية").is_empty());
        // A name right after a name is no adjective of it (host and guest),
        // nor is a preposition's phrase after a first name.
        let found = names(&papers, "وقال مدرب الرائد إن الفريق جاهز. ويستضيف الرائد النصر الخميس");
        assert_eq!(found[..2], [pair("الرائد", "raed"), pair("الرائد", "raed")]);
        assert_eq!(
            names(
                &papers,
                "أحيت المطربة أمل الحداد حفلا. وقالت أمل للصحفيين إن الجمهور رائع"
            ),
            [pair("أمل الحداد", "amal"), pair("أمل", "amal")]
        );
        assert!(names(&papers, "وقال إن الأمل الوحيد هو الحوار").is_empty());
    }

    #[test]
    fn one_of_and_another_man_of_the_same_name_are_not_the_name() {
        let c = catalog(
            r#"[{"id": "ohod", "type": "organization", "names": ["أحد"], "description": "نادٍ سعودي لكرة القدم"},
                {"id": "ali", "type": "person", "names": ["علي", "علي الكعبي"], "description": "مهاجم"}]"#,
        );
        let m = names(
            &c,
            "فاز نادي أحد ولم يتمكن أحد من المدافعين من إيقافه، وقال أحد المسؤولين إن مدرب أحد سعيد",
        );
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(
            names(&c, "سجل علي الكعبي ثم علي ثم أضاف علي المنصوري وعلي بن سالم هدفين"),
            [pair("علي الكعبي", "ali"), pair("علي", "ali")]
        );
    }

    #[test]
    fn context_around_a_shared_name_outweighs_the_rest_of_the_text() {
        let c = catalog(
            r#"[{"id": "state", "type": "place", "names": ["الجزيرة", "ولاية الجزيرة"], "description": "ولاية في وسط السودان عاصمتها ود مدني"},
                {"id": "tv", "type": "organization", "names": ["الجزيرة"], "description": "قناة إخبارية قطرية"},
                {"id": "eg", "type": "organization", "names": ["مجلس النواب"], "description": "البرلمان المصري"},
                {"id": "iq", "type": "organization", "names": ["مجلس النواب"], "description": "البرلمان العراقي"},
                {"id": "basra", "type": "place", "names": ["البصرة"], "description": "مدينة في جنوب العراق"},
                {"id": "wahda", "type": "organization", "names": ["الوحدة"], "description": "نادٍ إماراتي مقره أبوظبي"},
                {"id": "wahda-sy", "type": "organization", "names": ["الوحدة"], "description": "نادٍ سوري مقره دمشق"},
                {"id": "abudhabi", "type": "place", "names": ["أبوظبي"], "description": "عاصمة الإمارات"}]"#,
        );
        let text = "قال الوزير في حوار أجرته معه الجزيرة إن قواته ستدخل ولاية الجزيرة وعاصمتها ود مدني";
        assert_eq!(names(&c, text)[0], pair("الجزيرة", "tv"));
        // Another entity of the paragraph's country.
        assert_eq!(
            names(&c, "صوت مجلس النواب على موازنة البصرة")[0],
            pair("مجلس النواب", "iq")
        );
        // A common word needs evidence of its kind, not only of its places.
        assert_eq!(
            names(&c, "اجتمع الوزراء في أبوظبي ودعوا إلى الوحدة في مواجهة التحديات"),
            [pair("أبوظبي", "abudhabi")]
        );
    }

    #[test]
    fn a_date_wins_over_a_name_that_needed_context() {
        let c = catalog(
            r#"[{"id": "tishreen", "type": "organization", "names": ["تشرين"], "description": "نادٍ سوري"},
                {"id": "wahda", "type": "organization", "names": ["الوحدة"], "description": "نادٍ سوري"}]"#,
        );
        let a = Annotator::new().catalog(c);
        let found = a.annotate_text("فاز الوحدة على تشرين في المباراة التي أقيمت في تشرين الأول 2019");
        let mentions: Vec<_> = found
            .iter()
            .filter_map(|f| match &f.kind {
                AnnotationKind::Mention { id, .. } => Some(id.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(mentions, ["wahda", "tishreen"]);
        assert!(found
            .iter()
            .any(|f| matches!(&f.kind, AnnotationKind::Date { iso: Some(iso), .. } if iso == "2019-10")));
    }

    #[test]
    fn a_name_shaped_like_a_common_noun_needs_context() {
        let c = catalog(
            r#"[{"id": "wehdat", "type": "organization", "names": ["الوحدات"], "description": "نادٍ أردني لكرة القدم"},
                {"id": "fest", "type": "event", "names": ["مهرجان موازين", "موازين"], "description": "مهرجان موسيقي في الرباط"},
                {"id": "city", "type": "place", "names": ["الخيرات"], "description": "مدينة ساحلية"}]"#,
        );
        // A plural in ات and a plural of the pattern مفاعيل: nouns, unless a
        // cue says otherwise.
        assert!(names(&c, "سلمت الحكومة الوحدات السكنية للنازحين").is_empty());
        assert_eq!(
            names(&c, "تعادل الوحدات مع ضيفه وقال مدرب الوحدات إن فريقه تعب").len(),
            2
        );
        assert!(names(&c, "تغيرت موازين الأسعار في السوق").is_empty());
        assert_eq!(names(&c, "افتتح مهرجان موازين أمس")[0].1, "fest");
        // A place keeps its proper name.
        assert_eq!(names(&c, "وصل الوفد إلى الخيرات")[0].1, "city");
        assert!(c
            .warnings()
            .iter()
            .any(|w| w.contains("wehdat") && w.contains("common word")));
    }

    #[test]
    fn a_head_noun_of_its_kind_decides_a_shared_name_and_a_nationality_rules_one_out() {
        let c = catalog(
            r#"[{"id": "club", "type": "organization", "names": ["العين", "نادي العين"], "description": "نادٍ إماراتي لكرة القدم"},
                {"id": "city", "type": "place", "names": ["العين"], "description": "مدينة إماراتية"},
                {"id": "erc", "type": "organization", "names": ["الهلال الأحمر", "الهلال الأحمر الإماراتي"], "description": "هيئة إماراتية"}]"#,
        );
        let m = names(&c, "فاز العين على ضيفه في الدوري مساء أمس في مدينة العين أمام جماهيره");
        assert_eq!((m[0].1.as_str(), m[1].1.as_str()), ("club", "city"));
        let m = names(&c, "أعلنت بلدية العين أن سكان الأحياء القديمة سيحصلون على مياه جديدة");
        assert_eq!(m[0].1, "city");
        // الهلال الأحمر السوداني is another country's.
        assert!(names(&c, "وزع الهلال الأحمر السوداني المساعدات").is_empty());
        assert_eq!(names(&c, "وزع الهلال الأحمر المساعدات")[0].1, "erc");
    }

    /// [`sort_few`] sorts as the standard sort does, on both sides of its
    /// 16-key switch, with many equal first keys.
    #[test]
    fn a_few_candidates_sort_as_the_standard_sort() {
        let mut rand = crate::test_rand::Rand::new(11);
        for _ in 0..2_000 {
            let mut keys: Vec<(usize, usize, usize)> = (0..rand.below(40))
                .map(|_| (rand.below(5), rand.below(4), rand.below(9)))
                .collect();
            let mut want = keys.clone();
            want.sort();
            sort_few(&mut keys);
            assert_eq!(keys, want);
        }
    }
}
