//! Arabic words and their clitics: where words start and end, and the one
//! clitic grammar every matcher uses.
//!
//! This module owns word segmentation (runs of letters, digits and their
//! marks; spaces, punctuation — including ، ؛ ؟ — and symbols split) and
//! the grammar of the particles written joined to a word, on FOLDED text
//! (see [`normalize`](crate::text::normalize), where ة is already ه and أ
//! إ آ are ا):
//!
//! ```text
//! word     = conjunction? preposition? rest enclitic?
//! conjunction = و | ف
//! preposition = ب | ك | ل          (ل + the article ال is written لل)
//! enclitic = ه ها هم هن هما كم كن كما نا ي ك
//! ```
//!
//! Catalog matching ([`is_noun_proclitic`], [`is_eliding_proclitic`],
//! [`is_enclitic`]) and the token readings of the rule-based recognizers
//! ([`proclitic_readings`]) both read words through it, so "وبالرقة" is
//! split the same way everywhere. Readings are *candidates*: the catalog
//! or the recognizer decides whether the rest names something, so
//! "بريطانيا" is first read whole and "ريطانيا" is only a reading no
//! catalog holds.
//!
//! **Why not a stemmer.** We tried the Snowball Arabic stemmer
//! (`rust-stemmers` 1.2, +15 KB of wasm) on every word of the seed
//! article. It conflates exactly what entity linking must keep apart and
//! splits what it must keep whole: روسيا → روسي and الروسية → روس (the
//! country and the adjective meet), موسكو → موسك, بريطانيا → ريطاني, بيان →
//! يان, وجود → جود, الفرات → الفر; it is inconsistent on the names we need
//! (الرقة → الرق but بالرقة → بالرق; لقوات → لقوا keeps the ل), and it
//! returns a string, not offsets, so a link could not be placed on the
//! name without the clitic. Light, offset-preserving clitic analysis that
//! proposes candidates and lets the catalog decide is both smaller and
//! right more often.
//!
//! ```
//! use rtl_article::text::words::{proclitic_readings, words};
//! let text = "وداعش، بالرقه؟";
//! let found: Vec<&str> = words(text).map(|w| w.text).collect();
//! assert_eq!(found, ["وداعش", "بالرقه"]);
//! let rests: Vec<&str> = proclitic_readings("وبالرقه").map(|r| &"وبالرقه"[r.len..]).collect();
//! assert_eq!(rests, ["بالرقه", "الرقه"]);
//! ```

/// Fewest letters a catalog name keeps after proclitics are split off:
/// shorter remainders (ب+ها, ل+نا) are more often a false split than a name.
pub const MIN_STEM_CHARS: usize = 3;

/// Conjunctions written joined to the next word.
pub const CONJUNCTIONS: [char; 2] = ['و', 'ف'];

/// Prepositions written joined to the next word.
pub const PREPOSITIONS: [char; 3] = ['ب', 'ك', 'ل'];

/// Enclitic pronouns, longest first, in folded form.
pub const ENCLITICS: &[&str] = &["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ي", "ك"];

/// Whether `c` belongs to a word: letters and digits of any script, Arabic
/// diacritics, tatweel and zero-width joiners. Spaces, punctuation
/// (، ؛ ؟ . , …) and symbols split words.
#[inline]
pub fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if let Some(k) = u.checked_sub(0x600).filter(|&k| k < 0x100) {
        // Unicode's table lookup is slow; the Arabic block is a bitmap.
        return is_arabic_word_offset(k as usize);
    }
    c.is_alphanumeric() || crate::text::normalize::is_diacritic(c) || matches!(c, '\u{200C}' | '\u{200D}')
}

/// The characters of U+0600–U+06FF that belong to a word (letters,
/// digits, diacritics, tatweel), bit `c - 0x600`: what [`is_word_char`]'s
/// general rule gives for the block (a test checks every one).
const ARABIC_WORD: [u64; 4] = [
    0xffff_ffff_07ff_0000,
    0xffff_c3ff_ffff_ffff,
    0xffff_ffff_ffff_ffff,
    0x9fff_fdff_9fef_ffff,
];

/// Whether U+0600 + `k` (`k` < 256) belongs to a word.
#[inline]
pub(crate) fn is_arabic_word_offset(k: usize) -> bool {
    ARABIC_WORD.get(k >> 6).is_some_and(|bits| bits >> (k & 63) & 1 == 1)
}

/// One word of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// The word's characters.
    pub text: &'a str,
}

/// The words of `text`, in order, with their byte ranges.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// The length of the character at byte `i` of `text` (a char boundary)
/// and whether it belongs to a word ([`is_word_char`]), read from the
/// bytes for ASCII and the Arabic block (most of a text).
#[inline(always)]
pub(crate) fn word_char_at(text: &str, i: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    match bytes.get(i) {
        None => (1, false),
        Some(&b) if b < 0x80 => (1, b.is_ascii_alphanumeric()),
        Some(&b) if b & 0xFC == 0xD8 => {
            // U+0600–U+06FF.
            let k = usize::from(b & 3) << 6 | usize::from(bytes.get(i + 1).map_or(0, |c| c & 0x3F));
            (2, is_arabic_word_offset(k))
        }
        Some(_) => other_char_at(text, i),
    }
}

/// [`word_char_at`] beyond ASCII and the Arabic block.
#[cold]
#[inline(never)]
fn other_char_at(text: &str, i: usize) -> (usize, bool) {
    text.get(i..)
        .and_then(|rest| rest.chars().next())
        .map_or((1, false), |c| (c.len_utf8(), is_word_char(c)))
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let n = self.text.len();
        let mut i = self.at;
        loop {
            if i >= n {
                self.at = n;
                return None;
            }
            let (len, word) = word_char_at(self.text, i);
            if word {
                break;
            }
            i += len;
        }
        let start = i;
        while i < n {
            let (len, word) = word_char_at(self.text, i);
            if !word {
                break;
            }
            i += len;
        }
        let end = i.min(n);
        self.at = end;
        Some(Word {
            start,
            end,
            text: self.text.get(start..end)?,
        })
    }
}

/// Whether byte `at` of `text` starts a word (a word char not preceded by one).
pub fn is_word_start(text: &str, at: usize) -> bool {
    let Some(rest) = text.get(at..) else {
        return false;
    };
    rest.chars().next().is_some_and(is_word_char) && !text[..at].chars().next_back().is_some_and(is_word_char)
}

/// Whether byte `at` of `text` ends a word (preceded by a word char, not followed by one).
pub fn is_word_end(text: &str, at: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..at), text.get(at..)) else {
        return false;
    };
    before.chars().next_back().is_some_and(is_word_char) && !after.chars().next().is_some_and(is_word_char)
}

/// Where the word containing byte `at` starts (`at` itself when the
/// character before it is not a word char).
pub fn word_start_before(text: &str, at: usize) -> usize {
    let Some(before) = text.get(..at) else {
        return at;
    };
    before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c))
        .last()
        .map_or(at, |(i, _)| i)
}

/// Where the word containing byte `at` ends (`at` itself when the
/// character at it is not a word char).
pub fn word_end_after(text: &str, at: usize) -> usize {
    let Some(after) = text.get(at..) else {
        return at;
    };
    at + after
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(after.len(), |(i, _)| i)
}

/// Whether `prefix` (folded) is exactly a sequence of proclitics that may
/// precede a noun: a conjunction, a preposition, or both (`و`, `ب`, `وب`,
/// `فل`). The article is not a proclitic here: a name without it does not
/// take one (القوات is not قوات سوريا الديمقراطية).
pub fn is_noun_proclitic(prefix: &str) -> bool {
    let rest = prefix.strip_prefix(CONJUNCTIONS).unwrap_or(prefix);
    let rest = rest.strip_prefix(PREPOSITIONS).unwrap_or(rest);
    rest.is_empty() && !prefix.is_empty()
}

/// Whether `prefix` (folded) ends in the preposition ل before a noun whose
/// article lost its alef (للرقه = ل + الرقه): `ل`, `ول`, `فل`.
pub fn is_eliding_proclitic(prefix: &str) -> bool {
    let rest = prefix.strip_prefix(CONJUNCTIONS).unwrap_or(prefix);
    rest == "ل"
}

/// Whether `suffix` (folded) is one enclitic pronoun.
pub fn is_enclitic(suffix: &str) -> bool {
    ENCLITICS.contains(&suffix)
}

/// One reading of a folded word as proclitics + rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Proclitics {
    /// Bytes of the word taken as proclitics.
    pub len: usize,
    /// The rest is a definite noun whose article lost its alef after ل
    /// (للشهر = ل + الشهر): read it with ا before it.
    pub article_elided: bool,
}

/// The proclitic readings of a folded word, fewest particles first: after
/// a conjunction, after a conjunction and a preposition, and — where the
/// preposition is ل and the rest starts with ل — with the article's alef
/// restored. Each rest keeps at least two letters. The unsplit word is not
/// among them.
pub fn proclitic_readings(word: &str) -> impl Iterator<Item = Proclitics> {
    // Bytes, not chars: this runs for every word of every text matched.
    // The particles are all two-byte letters (و ف ب ك ل).
    const WAW: &[u8] = "و".as_bytes();
    const FA: &[u8] = "ف".as_bytes();
    const BA: &[u8] = "ب".as_bytes();
    const KAF: &[u8] = "ك".as_bytes();
    const LAM: &[u8] = "ل".as_bytes();
    let b = word.as_bytes();
    let mut out = [Proclitics::default(); 3];
    let mut n = 0;
    let mut push = |len: usize, article_elided: bool| {
        if let Some(slot) = out.get_mut(n) {
            *slot = Proclitics { len, article_elided };
            n += 1;
        }
    };
    // Whether the rest from `at` keeps two characters.
    let long_enough = |at: usize| b.get(at).is_some_and(|&c| b.len() > at + utf8_len(c));
    let mut at = 0;
    if b.starts_with(WAW) || b.starts_with(FA) {
        at = 2;
        if long_enough(at) {
            push(at, false);
        }
    }
    let particle = b.get(at..at + 2);
    if particle == Some(BA) || particle == Some(KAF) || particle == Some(LAM) {
        at += 2;
        if long_enough(at) {
            push(at, false);
        }
        if particle == Some(LAM) && b.get(at..).is_some_and(|r| r.starts_with(LAM)) {
            push(at, true);
        }
    }
    out.into_iter().take(n)
}

/// Whether a folded word starts with a letter that may be a proclitic
/// (و ف ب ك ل): a cheap test before [`proclitic_readings`].
#[inline]
pub fn may_have_proclitics(word: &str) -> bool {
    matches!(
        word.as_bytes(),
        [0xD9, 0x88 | 0x81 | 0x83 | 0x84, ..] | [0xD8, 0xA8, ..]
    )
}

/// The length of the UTF-8 sequence that byte `b` starts.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold_str;

    /// Every rest a word can be read as, the article restored where elided.
    fn readings(word: &str) -> Vec<String> {
        let w = fold_str(word);
        proclitic_readings(&w)
            .map(|p| {
                let rest = &w[p.len..];
                if p.article_elided {
                    format!("ا{rest}")
                } else {
                    rest.to_string()
                }
            })
            .collect()
    }

    #[test]
    fn the_arabic_bitmap_is_the_general_rule() {
        for u in 0x600..0x700u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let general = c.is_alphanumeric()
                || crate::text::normalize::is_diacritic(c)
                || matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}');
            assert_eq!(is_word_char(c), general, "U+{u:04X}");
        }
    }

    #[test]
    fn splits_on_spaces_and_arabic_punctuation() {
        let text = "قال: «داعش»، ثم بالرقة؛ لماذا؟ 2017/5/15 الـ25";
        let got: Vec<&str> = words(text).map(|w| w.text).collect();
        assert_eq!(
            got,
            ["قال", "داعش", "ثم", "بالرقة", "لماذا", "2017", "5", "15", "الـ25"]
        );
        for w in words(text) {
            assert_eq!(&text[w.start..w.end], w.text);
        }
    }

    #[test]
    fn diacritics_stay_inside_words() {
        let got: Vec<&str> = words("قُوّاتُ سوريا").map(|w| w.text).collect();
        assert_eq!(got, ["قُوّاتُ", "سوريا"]);
    }

    #[test]
    fn proclitic_combinations() {
        let cases: &[(&str, &str)] = &[
            ("وداعش", "داعش"),
            ("بالرقة", "الرقه"),
            ("وبالرقة", "الرقه"),
            ("فبالرقة", "الرقه"),
            ("للرقة", "الرقه"),
            ("وللرقة", "الرقه"),
            ("والتنظيم", "التنظيم"),
            ("كالتنظيم", "التنظيم"),
            ("لقوات", "قوات"),
            ("وموسكو", "موسكو"),
            ("فتدمر", "تدمر"),
            ("للشهر", "الشهر"),
        ];
        for (word, stem) in cases {
            assert!(
                readings(word).contains(&stem.to_string()),
                "{word} → {:?}",
                readings(word)
            );
        }
        // The article is never split off, and rests keep two letters.
        assert!(readings("الرقة").is_empty());
        assert_eq!(readings("بها"), ["ها"]);
        assert!(readings("وب").is_empty());
    }

    #[test]
    fn proclitic_sequences() {
        for p in ["و", "ف", "ب", "ك", "ل", "وب", "فب", "وك", "فك", "ول", "فل"] {
            assert!(is_noun_proclitic(p), "{p}");
        }
        for p in ["", "ال", "وال", "بال", "لل", "س", "وت", "بب", "وو"] {
            assert!(!is_noun_proclitic(p), "{p}");
        }
        for p in ["ل", "ول", "فل"] {
            assert!(is_eliding_proclitic(p), "{p}");
        }
        for p in ["ب", "وب", "", "لل"] {
            assert!(!is_eliding_proclitic(p), "{p}");
        }
        assert!(is_enclitic("هم") && !is_enclitic("هو"));
    }

    #[test]
    fn word_edges() {
        let t = "في الرقة، اليوم";
        let at = t.find("الرقة").unwrap();
        assert!(is_word_start(t, at));
        assert!(is_word_end(t, at + "الرقة".len()));
        assert!(!is_word_start(t, at + "ال".len()));
        assert_eq!(word_start_before(t, at + "ال".len()), at);
        assert_eq!(word_end_after(t, at + 2), at + "الرقة".len());
    }

    /// The byte-level `words` against the plain rule on every character,
    /// over random texts of Arabic, Latin, digits, marks, joiners, symbols
    /// and other scripts.
    #[test]
    fn words_agree_with_the_character_rule() {
        let alphabet: Vec<char> =
            "اب ةى٣5a،.\u{064E}\u{0640}\u{200C}\u{200D}é²½中😀\u{06F5}\u{0660}\u{FEFB}\u{0610}\u{061C} \n-"
                .chars()
                .collect();
        let mut rand = crate::test_rand::Rand::new(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let text = rand.text(&alphabet, 24);
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (start, i < text.len() && is_word_char(c)) {
                    (None, true) => start = Some(i),
                    (Some(s), false) => {
                        expected.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            let got: Vec<(usize, usize)> = words(&text).map(|w| (w.start, w.end)).collect();
            assert_eq!(got, expected, "{text:?}");
        }
    }
}
