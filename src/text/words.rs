//! Arabic words and their clitics: where words start and end, and which
//! stems a written word may carry under its attached particles.
//!
//! This module owns word segmentation (runs of letters, digits and their
//! marks; spaces, punctuation — including ، ؛ ؟ — and symbols split) and
//! the clitic grammar that catalog matching relies on: proclitics (و ف
//! conjunctions, ب ك ل prepositions, the article ال, future س) stacked in
//! their fixed order (وبال، فلل، وس…), and enclitic pronouns (ه ها هم هن
//! هما كم كن نا ي ك). It works on FOLDED text (see
//! [`normalize`](crate::text::normalize)), where ة is already ه and أ إ آ are ا.
//!
//! Stems are *candidates*: [`stems`] lists every reading with a stem of at
//! least [`MIN_STEM_CHARS`] letters, the unsplit word first, and the
//! catalog decides which one names something. So "بريطانيا" yields
//! "بريطانيا" first and "ريطانيا" only as a later candidate that no catalog
//! holds; "لبنان" yields "لبنان" before "بنان"; the article stays on its
//! noun ("بالرقه" → "بالرقه", "الرقه" — never "رقه").
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
//! use rtl_article::text::words::{stems, words};
//! let text = "وداعش، بالرقه؟";
//! let found: Vec<&str> = words(text).map(|w| w.text).collect();
//! assert_eq!(found, ["وداعش", "بالرقه"]);
//! let readings: Vec<String> = stems("وداعش").iter().map(|s| s.text("وداعش")).collect();
//! assert_eq!(readings, ["وداعش", "داعش"]);
//! ```

/// Fewest letters a stem keeps after a clitic is split off: shorter
/// remainders (ب+ها, ل+نا) are more often a false split than a word.
pub const MIN_STEM_CHARS: usize = 3;

/// Proclitic sequences that may precede a noun, longest first, in folded
/// form. `لل` is ل + ال with the alef of the article dropped.
pub const NOUN_PROCLITICS: &[&str] = &[
    "وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "وب", "فب", "وك", "فك", "ول", "فل",
    "ال", "و", "ف", "ب", "ك", "ل",
];

/// Proclitic sequences that may precede a verb: the future particle س,
/// after a conjunction or not.
pub const VERB_PROCLITICS: &[&str] = &["وس", "فس", "س"];

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

/// Whether `prefix` (folded) is a whole proclitic sequence that may precede
/// a noun or name: `"و"`, `"بال"`, `"ولل"` — not `"ال"` alone when
/// `allow_article` is false (a name without the article does not take one:
/// القوات is not قوات سوريا الديمقراطية).
pub fn is_noun_proclitic(prefix: &str, allow_article: bool) -> bool {
    NOUN_PROCLITICS.contains(&prefix) && (allow_article || !prefix.ends_with("ال") && !prefix.ends_with("لل"))
}

/// Whether `suffix` (folded) is one enclitic pronoun.
pub fn is_enclitic(suffix: &str) -> bool {
    ENCLITICS.contains(&suffix)
}

/// One reading of a word: the stem at `start..end` (bytes of the word),
/// with the clitics around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stem {
    /// First byte of the stem in the word.
    pub start: usize,
    /// Last byte of the stem in the word, exclusive.
    pub end: usize,
    /// The stem is a definite noun whose article lost its alef after ل
    /// (للرقه = ل + الرقه): `start` is at the article's ل.
    pub article_elided: bool,
}

impl Stem {
    /// The stem as a catalog would spell it (the article restored when it
    /// was elided).
    pub fn text(&self, word: &str) -> String {
        let body = word.get(self.start..self.end).unwrap_or("");
        if self.article_elided {
            format!("ا{body}")
        } else {
            body.to_string()
        }
    }

    /// Whether a clitic was split off either side.
    pub fn is_split(&self, word: &str) -> bool {
        self.start > 0 || self.end < word.len()
    }
}

/// Candidate stems of a folded `word`: the unsplit word first, then
/// readings with a proclitic, an enclitic, or both removed, each stem at
/// least [`MIN_STEM_CHARS`] letters. The article ال stays on its noun.
///
/// ```
/// use rtl_article::text::words::stems;
/// let texts = |w: &str| stems(w).iter().map(|s| s.text(w)).collect::<Vec<_>>();
/// assert_eq!(texts("بالرقه"), ["بالرقه", "الرقه"]);
/// assert_eq!(texts("للرقه"), ["للرقه", "الرقه"]);
/// assert_eq!(texts("بريطانيا")[0], "بريطانيا");
/// assert!(!texts("الرقه").contains(&"رقه".to_string()));
/// ```
pub fn stems(word: &str) -> Vec<Stem> {
    let mut out = vec![Stem {
        start: 0,
        end: word.len(),
        article_elided: false,
    }];
    let chars = |s: &str| s.chars().count();
    let push = |stem: Stem, out: &mut Vec<Stem>| {
        let long_enough =
            word.get(stem.start..stem.end).map(chars).unwrap_or(0) + usize::from(stem.article_elided) >= MIN_STEM_CHARS;
        if long_enough && !out.contains(&stem) {
            out.push(stem);
        }
    };
    // Proclitic readings: the article stays with the stem, so a prefix
    // ending in ال contributes only the letters before it.
    let mut starts = Vec::new();
    for p in NOUN_PROCLITICS.iter().chain(VERB_PROCLITICS) {
        if !word.starts_with(p) || p.len() >= word.len() {
            continue;
        }
        if let Some(conj) = p.strip_suffix("لل") {
            // ل + the article's ل: the stem starts at the second ل.
            starts.push((conj.len() + "ل".len(), true));
        } else if let Some(before) = p.strip_suffix("ال") {
            if !before.is_empty() {
                starts.push((before.len(), false));
            }
        } else {
            starts.push((p.len(), false));
        }
    }
    // ل + the article's ل reads as the definite noun, not as ل + a noun
    // starting with ل.
    let elided: Vec<usize> = starts.iter().filter(|s| s.1).map(|s| s.0).collect();
    starts.retain(|&(start, e)| e || !elided.contains(&start));
    // Enclitic readings. A definite noun takes no possessive pronoun, so a
    // stem keeping the article keeps its last letters (الرقه is not الرق + ه).
    let mut ends = vec![word.len()];
    for e in ENCLITICS {
        if word.ends_with(e) && e.len() < word.len() {
            ends.push(word.len() - e.len());
        }
    }
    let definite_word = NOUN_PROCLITICS
        .iter()
        .any(|p| (p.ends_with("ال") || p.ends_with("لل")) && word.starts_with(p));
    let definite =
        |start: usize, elided: bool| definite_word || elided || word.get(start..).is_some_and(|s| s.starts_with("ال"));
    for &end in &ends {
        if end < word.len() && !definite(0, false) {
            push(
                Stem {
                    start: 0,
                    end,
                    article_elided: false,
                },
                &mut out,
            );
        }
    }
    for &(start, elided) in &starts {
        for &end in &ends {
            if start < end && (end == word.len() || !definite(start, elided)) {
                push(
                    Stem {
                        start,
                        end,
                        article_elided: elided,
                    },
                    &mut out,
                );
            }
        }
    }
    // Unsplit first, then the fewest letters removed.
    crate::model::sort_stable_by_key(&mut out, |s| {
        (usize::from(s.is_split(word)), word.len() - (s.end - s.start))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::fold_str;

    fn readings(word: &str) -> Vec<String> {
        let w = fold_str(word);
        stems(&w).iter().map(|s| s.text(&w)).collect()
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
            ("ستمنع", "تمنع"),
        ];
        for (word, stem) in cases {
            assert!(
                readings(word).contains(&stem.to_string()),
                "{word} → {:?}",
                readings(word)
            );
        }
    }

    #[test]
    fn enclitics() {
        assert!(readings("قواته").contains(&"قوات".to_string()));
        assert!(readings("لقواتنا").contains(&"قوات".to_string()));
        assert!(readings("أسلحتهم").contains(&"اسلحت".to_string()));
    }

    #[test]
    fn unsplit_form_comes_first_and_short_stems_are_refused() {
        assert_eq!(readings("بريطانيا")[0], "بريطانيا");
        assert_eq!(readings("لبنان")[0], "لبنان");
        assert_eq!(readings("الرقة"), ["الرقه"]);
        // ب + ها would leave one letter: no split.
        assert_eq!(readings("بها"), ["بها"]);
        assert!(!readings("لها").iter().any(|r| r.chars().count() < MIN_STEM_CHARS));
    }

    #[test]
    fn noun_proclitics_without_article() {
        assert!(is_noun_proclitic("و", false));
        assert!(is_noun_proclitic("ل", false));
        assert!(!is_noun_proclitic("ال", false));
        assert!(!is_noun_proclitic("وال", false));
        assert!(is_noun_proclitic("بال", true));
        assert!(!is_noun_proclitic("س", true));
        assert!(!is_noun_proclitic("وت", true));
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
