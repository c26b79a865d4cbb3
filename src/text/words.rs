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
pub fn is_word_char(c: char) -> bool {
    // Arabic letters and ASCII first: Unicode's table lookup is slow.
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
        || c.is_ascii_alphanumeric()
        || !c.is_ascii() && c.is_alphanumeric()
        || crate::text::normalize::is_diacritic(c)
        || matches!(c, '\u{0640}' | '\u{200C}' | '\u{200D}')
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

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let rest = self.text.get(self.at..)?;
        let (skip, _) = rest.char_indices().find(|&(_, c)| is_word_char(c))?;
        let start = self.at + skip;
        let tail = self.text.get(start..)?;
        let len = tail
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(tail.len(), |(i, _)| i);
        let end = start + len;
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
    let mut out = [Proclitics::default(); 3];
    let mut n = 0;
    let mut push = |len: usize, article_elided: bool| {
        if let Some(slot) = out.get_mut(n) {
            *slot = Proclitics { len, article_elided };
            n += 1;
        }
    };
    let long_enough = |at: usize| word.get(at..).is_some_and(|r| r.chars().nth(1).is_some());
    let mut at = 0;
    if let Some(c) = word.chars().next().filter(|c| CONJUNCTIONS.contains(c)) {
        at = c.len_utf8();
        if long_enough(at) {
            push(at, false);
        }
    }
    if let Some(c) = word
        .get(at..)
        .and_then(|r| r.chars().next())
        .filter(|c| PREPOSITIONS.contains(c))
    {
        at += c.len_utf8();
        if long_enough(at) {
            push(at, false);
        }
        if c == 'ل' && word.get(at..).is_some_and(|r| r.starts_with('ل')) {
            push(at, true);
        }
    }
    out.into_iter().take(n)
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
}
