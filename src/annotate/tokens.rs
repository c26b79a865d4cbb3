//! Tokens for the rule-based recognizers (dates, numbers, roles, quotes):
//! a text cut into letter runs, digit runs and punctuation marks, each with
//! its folded form for matching.
//!
//! This module owns how those recognizers see a text. Words come from
//! [`text::words`](crate::text::words) and their folded forms are slices of
//! one [`normalize::fold`](crate::text::normalize::fold) of the whole text —
//! the same folding the catalog matches with — so the [`Annotator`]
//! folds and cuts each text once and every recognizer reads the same
//! tokens. A word is further cut where letters meet digits (`الـ25` is `الـ`
//! then `25`), as dates and numbers read the two apart. When the fold cut
//! the text as it went (`fold_cut`, whenever a catalog runs), the words it
//! found to be letters only are taken from it as they are, and only the
//! rest is cut again. Nothing here allocates per token: folded forms and
//! clitic readings borrow from the folded text.
//!
//! Most words of a text are in no recognizer's word lists. Each word is
//! looked up once, when it is cut, in the set of every word a recognizer
//! compares tokens with ([`lexicon::token_words`], plus month and weekday
//! names); a word none of whose readings is there answers every
//! comparison (`is_word`, `word_with_clitics`, `splits`) at once, without
//! walking the lists.
//!
//! [`Annotator`]: super::Annotator

use std::sync::OnceLock;

use crate::hash::{same_bytes, word_hash};
use crate::lexicon;

use crate::text::digits::digit_value;
use crate::text::normalize::Folded;
use crate::text::words::{may_have_proclitics, proclitic_readings, word_char_at, words};

/// What a [`Tok`] is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with their diacritics, tatweel and joiners).
    Word,
    /// Decimal digits of one of the three digit systems.
    Digits,
    /// Any other single visible character.
    Punct,
}

/// A word, digit run or punctuation mark of a text, with its byte range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    /// First byte in the text, inclusive.
    pub start: usize,
    /// Last byte in the text, exclusive.
    pub end: usize,
    /// Letters, digits or punctuation.
    pub kind: TokKind,
    /// The token as written.
    pub raw: &'a str,
    /// Words: folded for matching. Digits: as Western digits. Punct: as is.
    pub folded: &'a str,
    /// Where `folded` starts in the folded text (words and digits; 0 for
    /// punctuation).
    folded_at: usize,
    /// The text's folding, to map clitic boundaries back to the text.
    map: &'a Folded,
    /// Words: the unsplit word, then its readings with proclitics split
    /// off ([`readings`]).
    readings: Readings,
    /// Words: which of `readings` are in the [`Lexicon`], bit i reading i,
    /// found when it is cut: a reading outside it equals none of the words
    /// compared, so [`Tok::splits`] skips it; 0, none is, for most words.
    lex: u8,
    /// Words: the [`tag`]s of each reading in the [`Lexicon`], read by the
    /// same probe as `lex`, so [`Split::tags`] asks the lexicon nothing
    /// again.
    tags: [u8; 4],
}

impl<'a> Tok<'a> {
    /// The digits' value, when this is a digit run of at most 9 digits.
    pub fn value(&self) -> Option<u32> {
        if self.kind != TokKind::Digits || self.folded.len() > 9 {
            return None;
        }
        self.folded.parse().ok()
    }

    /// Whether this is a word that is, or reads after its proclitics as, a
    /// word of the [`Lexicon`]: the only words `is_word`,
    /// `word_with_clitics` and `splits` can say yes to, so a recognizer
    /// whose rules all start with one of those may skip the others.
    pub fn in_lexicon(&self) -> bool {
        self.lex != 0
    }

    /// Whether one of this word's readings has one of the [`tag`] bits
    /// `bits`: a rule asking for the words so tagged may skip the others.
    pub fn has_tag(&self, bits: u8) -> bool {
        u32::from_ne_bytes(self.tags) & (u32::from(bits) * 0x0101_0101) != 0
    }

    /// Whether this is the punctuation mark `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct && self.raw.starts_with(c)
    }

    /// Whether this is a mark that ends a sentence (. ! ? ؟ …).
    pub fn is_sentence_mark(&self) -> bool {
        self.kind == TokKind::Punct && matches!(self.raw, "." | "!" | "?" | "؟" | "…")
    }

    /// Whether this is a word whose folded form is one of `words` (each
    /// in the [`Lexicon`]).
    pub fn is_word(&self, words: &[&str]) -> bool {
        debug_assert_in_lexicon(words);
        self.lex & 1 != 0 && lexicon::one_of(words, self.folded)
    }

    /// Ways to read this word as proclitics + rest, the unsplit word first
    /// (none for digits and punctuation) — only those in the [`Lexicon`],
    /// so none for most words: a split is only ever compared with lexicon
    /// words ([`Split::is`] checks it in debug builds).
    pub fn splits(&self) -> Splits<'a, '_> {
        Splits {
            tok: self,
            left: self.lex,
        }
    }

    /// The byte of the text where this word starts once the first `prefix`
    /// bytes of its folded form (proclitics) are taken off; diacritics after
    /// the proclitics stay with them.
    pub fn start_after(&self, prefix: usize) -> usize {
        if self.kind == TokKind::Punct {
            return self.start;
        }
        self.map
            .original_start(self.folded_at + prefix)
            .clamp(self.start, self.end)
    }

    /// Whether this word, possibly with proclitics, is one of `words`;
    /// returns the byte where the matched word starts.
    pub fn word_with_clitics(&self, words: &[&str]) -> Option<usize> {
        debug_assert_in_lexicon(words);
        self.splits()
            .find(|s| words.iter().any(|w| s.is(w)))
            .map(|s| self.start_after(s.prefix))
    }
}

/// The iterator of [`Tok::splits`]: one small `next` for every rule that
/// reads splits (an adapter chain was copied into each, +0.5 KB of wasm).
pub(crate) struct Splits<'a, 't> {
    tok: &'t Tok<'a>,
    /// The readings not yet given, bit i reading i.
    left: u8,
}

impl<'a> Iterator for Splits<'a, '_> {
    type Item = Split<'a>;

    fn next(&mut self) -> Option<Split<'a>> {
        // 8 once none is left: past the readings.
        let i = self.left.trailing_zeros() as usize;
        let &(prefix, alef) = self.tok.readings.get(i)?;
        self.left &= self.left - 1;
        let prefix = usize::from(prefix);
        Some(Split {
            prefix,
            rest: self.tok.folded.get(prefix..).unwrap_or_default(),
            alef,
            tags: self.tok.tags.get(i).copied().unwrap_or_default(),
        })
    }
}

/// One reading of a folded word as proclitics + rest.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Split<'a> {
    /// Bytes of the folded word taken as proclitics.
    pub prefix: usize,
    /// The rest of the word, as written after the proclitics.
    rest: &'a str,
    /// The rest is read with an alef before it: لل + x is ل + ال + x,
    /// the article's alef dropped after the preposition.
    alef: bool,
    /// The rest's [`tag`]s, when the split came from [`Tok::splits`].
    tags: u8,
}

impl Split<'_> {
    /// Whether the rest reads as the folded `word` (a [`Lexicon`] word).
    pub fn is(&self, word: &str) -> bool {
        debug_assert_in_lexicon(&[word]);
        let word = if self.alef {
            match word.strip_prefix('ا') {
                Some(w) => w,
                None => return false,
            }
        } else {
            word
        };
        same_bytes(word.as_bytes(), self.rest.as_bytes())
    }

    /// The [`tag`]s of the rest, read as a folded word (found when the
    /// word was cut).
    pub fn tags(&self) -> u8 {
        self.tags
    }

    /// Where the rest, read as a folded word, is in `set`
    /// ([`Lexicon::position`]).
    pub fn position_in(&self, set: &Lexicon) -> Option<usize> {
        set.position(self.rest, self.alef)
    }
}

/// The set of words the recognizers compare tokens with
/// ([`lexicon::token_words`], month and weekday names): open addressing
/// over [`word_hash`].
pub(crate) struct Lexicon {
    words: Vec<&'static str>,
    /// Index + 1 into `words` (0: empty).
    slots: Vec<u32>,
    /// Per word, the bits of the lists it is in ([`Lexicon::tag_all`]:
    /// the [`lexicon`]'s [`tag`]s; empty otherwise).
    tags: Vec<u8>,
}

impl Lexicon {
    /// The set of `words` (catalog resolution keeps its own word lists in
    /// this form too).
    pub(crate) fn new(all: Vec<&'static str>) -> Lexicon {
        // Repeats are dropped by the table itself (no sort: the standard
        // one costs kilobytes of wasm).
        let mut slots = vec![0u32; (all.len() * 4).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        let mut words: Vec<&'static str> = Vec::with_capacity(all.len());
        'words: for w in all {
            let mut at = word_hash(w.as_bytes()) as usize & mask;
            while slots[at] != 0 {
                if words.get(slots[at] as usize - 1) == Some(&w) {
                    continue 'words;
                }
                at = (at + 1) & mask;
            }
            words.push(w);
            slots[at] = words.len() as u32;
        }
        Lexicon {
            words,
            slots,
            tags: Vec::new(),
        }
    }

    /// The set of the space-separated words of `list`.
    pub(crate) fn spaced(list: &'static str) -> Lexicon {
        let mut all = Vec::new();
        for w in list.split(' ') {
            all.push(w);
        }
        Lexicon::new(all)
    }

    /// Tags every word of `list` found in the set with `bit`.
    fn tag_all(&mut self, list: &[&str], bit: u8) {
        self.tags.resize(self.words.len(), 0);
        for w in list {
            if let Some(at) = self.position(w, false) {
                self.tags[at] |= bit;
            }
        }
    }

    /// The tag bits of the word at `position` (0 for none).
    pub(crate) fn tag(&self, position: usize) -> u8 {
        self.tags.get(position).copied().unwrap_or_default()
    }

    /// Whether `word` is in the set; with `alef`, whether ا + `word` is.
    pub(crate) fn contains(&self, word: &str, alef: bool) -> bool {
        self.position(word, alef).is_some()
    }

    /// Where `word` (with `alef`, ا + `word`) is among the words the set
    /// was made of, repeats left out.
    pub(crate) fn position(&self, word: &str, alef: bool) -> Option<usize> {
        if !alef {
            return self.probe(word.as_bytes(), word_hash(word.as_bytes()));
        }
        // Lexicon words are short: a longer one is in no list.
        let mut buf = [0u8; 64];
        let rest = buf.get_mut(2..2 + word.len())?;
        rest.copy_from_slice(word.as_bytes());
        buf[..2].copy_from_slice("ا".as_bytes());
        let key = &buf[..2 + word.len()];
        self.probe(key, word_hash(key))
    }

    /// Where `key`, whose [`word_hash`] is `hash`, is in the set.
    fn probe(&self, key: &[u8], hash: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let i = self.slots[at].checked_sub(1)? as usize;
            if same_bytes(self.words.get(i)?.as_bytes(), key) {
                return Some(i);
            }
            at = (at + 1) & mask;
        }
    }
}

/// The [`Lexicon`] `make` builds, built into `cell` on first use: for a
/// list asked of many words (a hash probe instead of a walk along the
/// list). A function, not a closure, so every such set shares one copy of
/// the lazy cell's code (each set's vector is made by a loop, not
/// `collect`, for the same reason: bytes of the wasm bundles).
pub(crate) fn built(cell: &'static OnceLock<Lexicon>, make: fn() -> Lexicon) -> &'static Lexicon {
    cell.get_or_init(make)
}

/// The recognizers' [`Lexicon`], built on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    built(&LEXICON, || {
        let mut set = Lexicon::new(lexicon::token_words().chain(super::dates::lexicon_words()).collect());
        set.tag_all(lexicon::ATTRIBUTION_VERBS, tag::SAYS);
        set.tag_all(lexicon::ATTRIBUTION_PARTICIPLES, tag::SAYING);
        set.tag_all(lexicon::RELAY_VERBS, tag::RELAYS);
        set.tag_all(lexicon::ACCORDING_TO, tag::ACCORDING);
        for heads in [super::dates::RELATIVE_HEADS, lexicon::THIS, lexicon::YEAR_WORDS] {
            set.tag_all(heads, tag::RELATIVE);
        }
        set.tag_all(&super::dates::named_heads(), tag::NAMED);
        for title in lexicon::TITLES {
            set.tag_all(title.get(..1).unwrap_or_default(), tag::TITLE_HEAD);
        }
        set
    })
}

/// Tags of the [`lexicon`]'s words: the lists asked of nearly every word
/// ([`Split::tags`] answers them all with the one probe; a walk along
/// each list, or a set of its own, cost more time or more bytes).
pub(crate) mod tag {
    /// [`lexicon::ATTRIBUTION_VERBS`](crate::lexicon::ATTRIBUTION_VERBS).
    pub(crate) const SAYS: u8 = 1;
    /// [`lexicon::ATTRIBUTION_PARTICIPLES`](crate::lexicon::ATTRIBUTION_PARTICIPLES).
    pub(crate) const SAYING: u8 = 2;
    /// [`lexicon::RELAY_VERBS`](crate::lexicon::RELAY_VERBS).
    pub(crate) const RELAYS: u8 = 4;
    /// [`lexicon::ACCORDING_TO`](crate::lexicon::ACCORDING_TO).
    pub(crate) const ACCORDING: u8 = 8;
    /// The first word of one of [`lexicon::TITLES`](crate::lexicon::TITLES).
    pub(crate) const TITLE_HEAD: u8 = 16;
    /// A word relative dates start at
    /// ([`dates::RELATIVE_HEADS`](crate::annotate::dates::RELATIVE_HEADS)).
    pub(crate) const RELATIVE: u8 = 32;
    /// A word weekday and month-name dates start at
    /// ([`dates::named_heads`](crate::annotate::dates::named_heads)).
    pub(crate) const NAMED: u8 = 64;
}

/// Whether folded `word` is one of the recognizers' words (month and
/// weekday names, titles, speech verbs …): a catalog name that is one
/// needs context.
pub(crate) fn is_lexicon_word(word: &str) -> bool {
    lexicon().contains(word, false)
}

/// In debug builds (the tests), that every word compared is in the
/// [`Lexicon`]: a word left out would silently never match in a release.
fn debug_assert_in_lexicon(words: &[&str]) {
    if cfg!(debug_assertions) {
        for w in words {
            assert!(
                lexicon().contains(w, false),
                "{w:?} is compared with tokens but is not in lexicon::token_words"
            );
        }
    }
}

/// A word's readings, computed once when the word is cut: `(prefix
/// bytes, alef restored)`, the unsplit word `(0, false)` first, then the
/// readings with proclitics split off ([`proclitic_readings`], at most
/// three); how many in the second value.
type Readings = [(u8, bool); 4];

fn readings(word: &str) -> (Readings, usize) {
    let mut out = [(0, false); 4];
    let mut n = 1;
    // Most words start with no letter a proclitic is.
    if !may_have_proclitics(word) {
        return (out, n);
    }
    for reading in proclitic_readings(word) {
        let (Ok(prefix), Some(slot)) = (u8::try_from(reading.len), out.get_mut(n)) else {
            continue;
        };
        *slot = (prefix, reading.article_elided);
        n += 1;
    }
    (out, n)
}

/// Ways to read a folded word as proclitics + rest, the unsplit word first.
#[cfg(test)]
pub(crate) fn clitic_splits(word: &str) -> Vec<Split<'_>> {
    let (readings, n) = readings(word);
    let split = |&(prefix, alef): &(u8, bool)| Split {
        prefix: usize::from(prefix),
        rest: word.get(usize::from(prefix)..).unwrap_or_default(),
        alef,
        tags: 0,
    };
    readings.iter().take(n).map(split).collect()
}

/// Zero-width (non-)joiners: inside a word, but never start a token.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Whether a character of a word is a letter (or a mark or tatweel on one),
/// as opposed to a digit, a joiner or another numeric character (², ½).
fn is_letter(c: char) -> bool {
    match c {
        // The common cases first: Unicode's table lookup is slow.
        'a'..='z' | 'A'..='Z' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => true,
        c if c.is_ascii() => false,
        // Word characters that are neither alphabetic nor numeric are the
        // Arabic marks and tatweel.
        c => c.is_alphabetic() || !c.is_numeric() && !is_joiner(c),
    }
}

/// Whether `word` (a word of `text::words`) is letters only — Latin or
/// Arabic letters, Arabic marks and tatweel, no digit, joiner or other
/// character — read from its bytes: what [`is_letter`] says of each of its
/// characters, for the words that are nothing else.
fn all_letters(word: &str) -> bool {
    let bytes = word.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !b.is_ascii_alphabetic() {
                return false;
            }
            i += 1;
        } else if b & 0xFC == 0xD8 {
            // U+0600–U+06FF: in a word, everything but the digits is a
            // letter, a mark or tatweel.
            let k = u32::from(b & 3) << 6 | bytes.get(i + 1).map_or(0, |c| u32::from(c & 0x3F));
            if matches!(k, 0x60..=0x69 | 0xF0..=0xF9) {
                return false;
            }
            i += 2;
        } else {
            return false;
        }
    }
    true
}

/// Invisible characters that separate tokens without being one.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{061C}' | '\u{FEFF}')
}

/// Cuts `text`, whose folding is `folded` (`normalize::fold(text)` or
/// `fold_cut(text)`), into words, digit runs and punctuation marks.
///
/// When the fold was cut as it went ([`fold_cut`]), its plain words
/// ([`Token::orig`]: letters only, found by the fold's byte loop) are
/// taken as they are — most words of a text — and only what lies between
/// them is cut again from the text. The tokens are the same either way (a
/// test compares them on every kind of character).
///
/// [`fold_cut`]: crate::text::normalize::fold_cut
/// [`Token::orig`]: crate::text::normalize::Token
pub(crate) fn tokens<'a>(text: &'a str, folded: &'a Folded) -> Vec<Tok<'a>> {
    let mut cut = cutter(text, folded);
    let mut at = 0;
    for (token, &hash) in folded.tokens.iter().zip(&folded.hashes) {
        let (os, oe) = (token.orig[0] as usize, token.orig[1] as usize);
        // Not plain (`NONE`), or a word character on either side in the
        // text: a diacritic or tatweel before its first letter, or (none
        // the fold makes today: the isolated forms of marks it turns into
        // a space drop marks too, which unmakes the plain word) a word
        // character it turned into a space or a mark after it. Such a
        // word is left to the general cut.
        if oe > text.len() || !word_boundary(text, os) || word_char_at(text, oe).1 {
            continue;
        }
        cut.range(at, os);
        cut.push_word(os, oe, token.start as usize, token.end as usize, Some(hash));
        at = oe;
    }
    cut.range(at, text.len());
    cut.out
}

/// Whether the character before byte `at` of `text` (a char boundary) is
/// not a word character, or there is none, read from the bytes for ASCII
/// and the Arabic block; false for any other character (the word is then
/// left to the general cut, which reads it whole).
fn word_boundary(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match at.checked_sub(1).map(|i| bytes.get(i)) {
        None => true,
        Some(None) => false,
        Some(Some(&b)) if b < 0x80 => !b.is_ascii_alphanumeric(),
        Some(Some(_)) => {
            at >= 2 && bytes.get(at - 2).is_some_and(|&b| b & 0xFC == 0xD8) && !word_char_at(text, at - 2).1
        }
    }
}

/// The general cut alone, over the whole text (what [`tokens`] gives,
/// for the test that compares them).
#[cfg(test)]
fn tokens_general<'a>(text: &'a str, folded: &'a Folded) -> Vec<Tok<'a>> {
    let mut cut = cutter(text, folded);
    cut.range(0, text.len());
    cut.out
}

fn cutter<'a>(text: &'a str, folded: &'a Folded) -> Cutter<'a> {
    Cutter {
        text,
        map: folded,
        cursor: 0,
        // About a token per eight bytes of Arabic news (a word of four or
        // five letters and its space, and the punctuation): a sixth is
        // enough for nearly every text, so the tokens are not copied as
        // they grow (they were 2 % of the full pass).
        out: Vec::with_capacity(text.len() / 6 + 8),
    }
}

struct Cutter<'a> {
    text: &'a str,
    map: &'a Folded,
    /// Where the last lookup ended in the folding's map: tokens come in
    /// text order, so the folded positions are found by walking forward.
    cursor: usize,
    out: Vec<Tok<'a>>,
}

impl<'a> Cutter<'a> {
    /// The first folded byte that comes from original byte `original` or
    /// later (the folded length when none does).
    fn folded_at(&mut self, original: usize) -> usize {
        self.map.folded_from(original, &mut self.cursor)
    }

    fn push(&mut self, start: usize, end: usize, kind: TokKind) {
        // Punctuation has no folded position: it never takes clitics.
        let (fs, fe) = if kind == TokKind::Punct {
            (0, 0)
        } else {
            (self.folded_at(start), self.folded_at(end))
        };
        if kind == TokKind::Word {
            return self.push_word(start, end, fs, fe, None);
        }
        let raw = self.text.get(start..end).unwrap_or_default();
        self.out.push(Tok {
            start,
            end,
            kind,
            raw,
            folded: if kind == TokKind::Punct {
                raw
            } else {
                self.map.text.get(fs..fe).unwrap_or_default()
            },
            folded_at: fs,
            map: self.map,
            readings: Readings::default(),
            lex: 0,
            tags: [0; 4],
        });
    }

    /// A word token: text bytes `start..end`, folded bytes `fs..fe`, the
    /// folded form's [`word_hash`] when the fold has it.
    fn push_word(&mut self, start: usize, end: usize, fs: usize, fe: usize, hash: Option<u64>) {
        let folded = self.map.text.get(fs..fe).unwrap_or_default();
        let (readings, n) = readings(folded);
        let lexicon = lexicon();
        let mut lex = 0;
        let mut tags = [0; 4];
        for (i, (&(prefix, alef), slot)) in readings.iter().zip(&mut tags).take(n).enumerate() {
            let rest = folded.get(usize::from(prefix)..).unwrap_or_default();
            let at = match hash {
                // The unsplit word, hashed by the fold.
                Some(hash) if i == 0 => lexicon.probe(rest.as_bytes(), hash),
                _ => lexicon.position(rest, alef),
            };
            if let Some(at) = at {
                lex |= 1 << i;
                *slot = lexicon.tag(at);
            }
        }
        self.out.push(Tok {
            start,
            end,
            kind: TokKind::Word,
            raw: self.text.get(start..end).unwrap_or_default(),
            folded,
            folded_at: fs,
            map: self.map,
            readings,
            lex,
            tags,
        });
    }

    /// Cuts text bytes `from..to`, which start and end between words.
    fn range(&mut self, from: usize, to: usize) {
        let gap = self.text.get(from..to).unwrap_or_default();
        // Between two words, most often one space.
        if gap.bytes().all(|b| b == b' ') {
            return;
        }
        let mut at = from;
        for word in words(gap) {
            self.punctuation(at, from + word.start);
            self.word(from + word.start, from + word.end);
            at = from + word.end;
        }
        self.punctuation(at, to);
    }

    /// Every visible character between two words is a punctuation mark.
    fn punctuation(&mut self, from: usize, to: usize) {
        let gap = self.text.get(from..to).unwrap_or_default();
        for (i, c) in gap.char_indices() {
            if !is_invisible(c) {
                self.push(from + i, from + i + c.len_utf8(), TokKind::Punct);
            }
        }
    }

    /// One word of `text::words`: its letter runs, digit runs and other
    /// numeric characters (as punctuation).
    fn word(&mut self, from: usize, to: usize) {
        let word = self.text.get(from..to).unwrap_or_default();
        if all_letters(word) {
            // Most words: one run of letters.
            self.push(from, to, TokKind::Word);
            return;
        }
        let mut chars = word.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let kind = if digit_value(c).is_some() {
                TokKind::Digits
            } else if is_joiner(c) {
                continue;
            } else if is_letter(c) {
                TokKind::Word
            } else {
                TokKind::Punct
            };
            let mut end = i + c.len_utf8();
            if kind != TokKind::Punct {
                while let Some(&(k, next)) = chars.peek() {
                    let same = match kind {
                        TokKind::Digits => digit_value(next).is_some(),
                        _ => digit_value(next).is_none() && (is_letter(next) || is_joiner(next)),
                    };
                    if !same {
                        break;
                    }
                    end = k + next.len_utf8();
                    chars.next();
                }
            }
            self.push(from + i, from + end, kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::{fold, fold_str};

    #[test]
    fn cuts_letters_digits_and_punctuation() {
        let text = "في الـ25 من أيار/مايو ٢٠١٧، قال: «نعم»";
        let folded = fold(text);
        let toks = tokens(text, &folded);
        let got: Vec<(&str, &str, TokKind)> = toks.iter().map(|t| (t.raw, t.folded, t.kind)).collect();
        use TokKind::*;
        assert_eq!(
            got,
            [
                ("في", "في", Word),
                ("الـ", "ال", Word),
                ("25", "25", Digits),
                ("من", "من", Word),
                ("أيار", "ايار", Word),
                ("/", "/", Punct),
                ("مايو", "مايو", Word),
                ("٢٠١٧", "2017", Digits),
                ("،", "،", Punct),
                ("قال", "قال", Word),
                (":", ":", Punct),
                ("«", "«", Punct),
                ("نعم", "نعم", Word),
                ("»", "»", Punct),
            ]
        );
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.raw);
        }
    }

    #[test]
    fn folded_forms_are_the_crate_folding() {
        let seed = include_str!("../../tests/fixtures/seed-raqqa.txt");
        let folded = fold(seed);
        for t in tokens(seed, &folded).iter().filter(|t| t.kind != TokKind::Punct) {
            assert_eq!(t.folded, fold_str(t.raw), "{:?}", t.raw);
        }
    }

    #[test]
    fn clitics_map_back_past_diacritics() {
        let text = "وَبِمايو";
        let folded = fold(text);
        let toks = tokens(text, &folded);
        let start = toks[0].word_with_clitics(&["مايو"]).unwrap();
        assert_eq!(&text[start..], "مايو");
        let splits = clitic_splits("للشهر");
        assert!(splits.iter().any(|s| s.prefix == "ل".len() && s.is("الشهر")));
    }

    /// `all_letters` says yes only to words whose every character the
    /// general rule reads as a letter (so the word is one token), over
    /// every character of the Arabic block and Latin-1 and some others.
    #[test]
    fn the_letters_fast_path_is_the_general_rule() {
        let chars = (0x20..0x250u32)
            .chain(0x600..0x700)
            .chain([0x200C, 0x200D, 0xFEFB, 0x1F600]);
        for c in chars.filter_map(char::from_u32) {
            let word = format!("ب{c}ا");
            let general = [c]
                .iter()
                .all(|&c| is_letter(c) && digit_value(c).is_none() && !is_joiner(c));
            if all_letters(&word) {
                assert!(general, "U+{:04X}", c as u32);
            }
            if general && crate::text::words::is_word_char(c) && (c.is_ascii() || ('\u{600}'..='\u{6FF}').contains(&c))
            {
                assert!(
                    all_letters(&word),
                    "U+{:04X} is a letter the fast path misses",
                    c as u32
                );
            }
        }
    }

    /// Every field of every token, for comparing two cuts.
    type Fields<'a> = (usize, usize, TokKind, &'a str, &'a str, usize, Readings, u8, [u8; 4]);

    fn fields<'a>(toks: &[Tok<'a>]) -> Vec<Fields<'a>> {
        toks.iter()
            .map(|t| {
                (
                    t.start,
                    t.end,
                    t.kind,
                    t.raw,
                    t.folded,
                    t.folded_at,
                    t.readings,
                    t.lex,
                    t.tags,
                )
            })
            .collect()
    }

    /// The cut that takes the fold's plain words as they are gives the
    /// same tokens as the general cut of the whole text: on the project's
    /// texts, and on random strings of the characters where the two could
    /// differ (diacritics and tatweel before, inside and after letters,
    /// joiners and bidi marks the fold drops, digits of three systems,
    /// capitals, presentation forms, white space of every kind).
    #[test]
    fn the_fold_s_words_are_the_general_cut() {
        use crate::text::normalize::fold_cut;
        let texts = [
            include_str!("../../tests/fixtures/seed-raqqa.txt"),
            include_str!("../../tests/fixtures/annotate-gulf-budget.txt"),
            include_str!("../../tests/fixtures/scraped-arabic-digits.txt"),
            include_str!("../../tests/fixtures/scraped-english.txt"),
            include_str!("../../tests/fixtures/scraped-windows-crlf.txt"),
        ];
        let mut plain = 0;
        for text in texts {
            let folded = fold_cut(text);
            plain += folded.tokens.iter().filter(|t| t.orig[0] != u32::MAX).count();
            assert_eq!(fields(&tokens(text, &folded)), fields(&tokens_general(text, &folded)));
        }
        assert!(plain > 500, "{plain} plain words");
        // `|` between pieces (none is one).
        let pieces: Vec<&str> = "ب|ا|أ|إ|آ|ة|ى|ک|ی|ال|و|ل|قال|يوم|مايو|الرقه|\u{64E}|\u{651}|\u{670}|\u{640}|\u{200C}|\u{200D}|\u{200E}|\u{200F}|\u{61C}|\u{200B}|\u{202B}|\u{FEFF}|1|25|٢|۳|A|z|Éa|é|\u{301}| | |  |\t|\n|\r\n|\u{A0}|\u{2009}|،|؟|.|:|«|»|\"|(|)|/|-|ﻻ|ﷺ|ﺑ|😀|²|½|٫|%|ـ25|x|\u{FC5E}|\u{FE70}"
            .split('|')
            .collect();
        let mut rand = crate::test_rand::Rand::new(10);
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..rand.below(12) {
                text.push_str(pieces[rand.below(pieces.len())]);
            }
            let folded = fold_cut(&text);
            assert_eq!(
                fields(&tokens(&text, &folded)),
                fields(&tokens_general(&text, &folded)),
                "{text:?}"
            );
        }
    }
}
