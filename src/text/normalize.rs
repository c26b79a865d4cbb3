//! Arabic folding for MATCHING, with a map from folded offsets back to the
//! publisher's original text.
//!
//! This module owns the one definition of "the same letters" used when
//! catalog names are looked up in an article: two spellings that a reader
//! would take for the same word fold to the same string. The folded text is
//! never shown; every match is mapped back with [`Folded::to_original`] so
//! the reader sees the publisher's characters, unchanged.
//!
//! The rules, in the order they apply to each character:
//!
//! | rule | from | to | why |
//! |---|---|---|---|
//! | presentation forms | U+FB50–U+FDFF, U+FE70–U+FEFF | their NFKC mapping, then folded again | old PDFs and legacy encodings paste glyph codes (ﻻ, ﺍﻟﺮﻗﺔ) |
//! | alef forms | أ إ آ ٱ | ا | hamza on alef is written inconsistently in news copy |
//! | ta marbuta | ة | ه | often typed as ه (الرقه) |
//! | alef maksura | ى | ي | often typed as ي and vice versa (مصطفى / مصطفي) |
//! | Persian letters | ک ی | ك ي | text typed on Persian keyboards |
//! | diacritics | U+064B–U+0652, U+0670 | removed | vocalisation is optional |
//! | tatweel | U+0640 | removed | justification only |
//! | joiners, bidi marks | ZWNJ ZWJ LRM RLM ALM | removed | invisible |
//! | digits | ٠–٩ ۰–۹ | 0–9 | the same number in any digit system |
//! | whitespace | any run (NBSP, tabs, newlines) | one space | names span words |
//! | quotation marks | « » “ ” „ ‟ ″ ＂ and ‘ ’ ‚ ‛ ′ | `"` and `'` | the guillemets option shows «» for “”: a quote is the same quote |
//! | case | capitals of the Latin, Greek, Cyrillic and Armenian alphabets | lower case ([`lower_case`]) | `Interfax` = `interfax`, `İSTANBUL` = `istanbul` |
//!
//! The reader bundle alone (the `reader` wasm feature without `full`)
//! leaves presentation forms as they are: there folding serves anchoring
//! a reader's highlights in the page they were made on, whose text the
//! stored selector was copied from, and the 7 KB table is a sixth of the
//! bundle. Everything else — the annotator, the CLI, the renderer, the
//! full bundle — folds them.
//!
//! Not folded, on purpose: **ؤ** and **ئ** (hamza on waw / ya). Their seat
//! follows the grammar of the word, and folding them to و / ي merges
//! distinct words (سؤال "question" / سوال is not a word, but رئيس "president"
//! → ريس, a different word in dialects) without fixing a common
//! misspelling: writers who drop the hamza drop it in a way we cannot
//! predict (مسؤول / مسئول / مسول). Names that need both spellings list both
//! in the catalog.
//!
//! ```
//! use rtl_article::text::normalize::{fold, fold_str};
//! assert_eq!(fold_str("الرَّقَّة"), "الرقه");
//! assert_eq!(fold_str("إنترفاكس"), fold_str("انترفاكس"));
//!
//! // Map a match in the folded text back to the original bytes: the shadda
//! // and fatha after the last letter stay inside the match.
//! let original = "في الرَّقَّة اليوم";
//! let folded = fold(original);
//! let at = folded.text.find("الرقه").unwrap();
//! let (start, end) = folded.to_original(at, at + "الرقه".len());
//! assert_eq!(&original[start..end], "الرَّقَّة");
//! ```

#[cfg(not(all(target_arch = "wasm32", feature = "reader", not(feature = "full"))))]
#[rustfmt::skip]
#[path = "presentation_forms.rs"]
mod presentation_forms;

/// Text folded for matching, with the offset map back to the original.
///
/// Build it with [`fold`]; search [`Folded::text`]; turn a folded byte range
/// into an original one with [`Folded::to_original`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    /// The folded text (see the module docs for the rules).
    pub text: String,
    /// For each folded byte (and one past the end): the original byte where
    /// the character that produced it starts.
    starts: Vec<u32>,
    /// For each folded byte: the original byte where the character that
    /// produced it ends, including diacritics removed right after it.
    ends: Vec<u32>,
}

impl Folded {
    /// The original byte range `start..end` that the folded byte range
    /// `folded_start..folded_end` came from. Diacritics removed after the
    /// last matched letter are inside the range (the reader sees them as part
    /// of the word); removed characters before the first one are not.
    /// Out-of-range or reversed input is clamped, never a panic.
    ///
    /// ```
    /// use rtl_article::text::normalize::fold;
    /// let f = fold("ﻻ بأس");
    /// assert_eq!(f.text, "لا باس");
    /// // "باس" is bytes 5..11 of the folded text, "بأس" bytes 4..10 of the original.
    /// assert_eq!(f.to_original(5, 11), (4, 10));
    /// ```
    pub fn to_original(&self, folded_start: usize, folded_end: usize) -> (usize, usize) {
        let len = self.text.len();
        let fs = folded_start.min(len);
        let fe = folded_end.min(len).max(fs);
        let start = self.starts.get(fs).copied().unwrap_or(0) as usize;
        if fe == fs {
            return (start, start);
        }
        let end = self.ends.get(fe - 1).copied().unwrap_or(0) as usize;
        (start, end.max(start))
    }

    /// The original byte where the character behind folded byte `folded`
    /// starts (the original length for the end of the text).
    pub fn original_start(&self, folded: usize) -> usize {
        let at = folded.min(self.text.len());
        self.starts.get(at).copied().unwrap_or(0) as usize
    }
}

/// What one original character becomes.
enum Step {
    /// Dropped from the folded text, and kept inside a match that ends on
    /// the letter before it (diacritics).
    DropMark,
    /// Dropped (tatweel, invisible joiners and marks).
    Drop,
    /// Replaced by one character.
    One(char),
    /// Replaced by a presentation form's NFKC mapping, folded in turn.
    Many(&'static str),
    /// Whitespace: collapses with its neighbours into one space.
    Space,
}

/// The lower case of a capital of the Latin (Latin-1, Extended-A, the
/// regular pairs of Extended-B and Extended Additional), Greek, Cyrillic and
/// Armenian alphabets and of fullwidth Latin — the scripts names in Arabic
/// news come in — as [`char::to_lowercase`] gives it, except that `İ` is
/// `i` (Turkish names match their dotless spelling). Capitals of other
/// scripts match as written. A compact rule table rather than the standard
/// library's full case table, which costs the wasm bundle ~9 KB gzip.
pub fn lower_case(c: char) -> Option<char> {
    let u = c as u32;
    let even = u.is_multiple_of(2);
    let l = match u {
        0xC0..=0xDE if u != 0xD7 => u + 0x20,
        0x130 => 'i' as u32,
        0x100..=0x137 if even => u + 1,
        0x139..=0x148 if !even => u + 1,
        0x14A..=0x177 if even => u + 1,
        0x178 => 0xFF,
        0x179..=0x17E if !even => u + 1,
        0x1CD..=0x1DC if !even => u + 1,
        0x1DE..=0x1EF | 0x1F8..=0x21F | 0x222..=0x233 | 0x246..=0x24F if even => u + 1,
        0x386 => 0x3AC,
        0x388..=0x38A => u + 37,
        0x38C => 0x3CC,
        0x38E | 0x38F => u + 63,
        0x391..=0x3A1 | 0x3A3..=0x3AB => u + 0x20,
        0x3D8..=0x3EF if even => u + 1,
        0x400..=0x40F => u + 0x50,
        0x410..=0x42F => u + 0x20,
        0x460..=0x481 | 0x48A..=0x4BF if even => u + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if !even => u + 1,
        0x4D0..=0x52F if even => u + 1,
        0x531..=0x556 => u + 0x30,
        0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if even => u + 1,
        0x1E9E => 0xDF,
        0xFF21..=0xFF3A => u + 0x20,
        _ => return None,
    };
    char::from_u32(l)
}

/// Harakat and tanween (U+064B–U+0652), dagger alef (U+0670), and the
/// other combining marks of the Arabic block: the decomposed hamza and
/// maddah (U+0653–U+0655, so NFD "أ" folds like the composed one), the
/// honorific signs (U+0610–U+061A) and Quranic annotation marks. Part of a
/// word ([`is_word_char`](super::words::is_word_char)), dropped in folding.
pub(crate) fn is_diacritic(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
    )
}

/// The reader bundle has no presentation-form table (see the module docs).
#[cfg(all(target_arch = "wasm32", feature = "reader", not(feature = "full")))]
fn presentation_form(_: char) -> Option<&'static str> {
    None
}

#[cfg(not(all(target_arch = "wasm32", feature = "reader", not(feature = "full"))))]
fn presentation_form(c: char) -> Option<&'static str> {
    let code = u16::try_from(c as u32).ok()?;
    if !matches!(code, 0xFB50..=0xFDFF | 0xFE70..=0xFEFF) {
        return None;
    }
    let i = presentation_forms::CODES.binary_search(&code).ok()?;
    let start = if i == 0 {
        0
    } else {
        *presentation_forms::ENDS.get(i - 1)? as usize
    };
    let end = *presentation_forms::ENDS.get(i)? as usize;
    presentation_forms::TEXT.get(start..end)
}

fn step(c: char) -> Step {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Step::One('ا'),
        'ة' => Step::One('ه'),
        'ى' => Step::One('ي'),
        'ک' => Step::One('ك'),
        'ی' => Step::One('ي'),
        '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{061C}' => Step::Drop,
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '＂' => Step::One('"'),
        '‘' | '’' | '‚' | '‛' | '′' => Step::One('\''),
        c if is_diacritic(c) => Step::DropMark,
        c if c.is_whitespace() => Step::Space,
        'A'..='Z' => Step::One(c.to_ascii_lowercase()),
        c if c.is_ascii() => Step::One(c),
        c => {
            if let Some(d) = crate::text::digits::digit_value(c) {
                // d < 10, so this is an ASCII digit.
                return Step::One(char::from(b'0' + d as u8));
            }
            if matches!(c, '\u{0600}'..='\u{06FF}') {
                // The Arabic block has no case and no presentation forms;
                // skipping the case and table lookups below folds Arabic
                // text about a third faster.
                return Step::One(c);
            }
            if let Some(mapped) = presentation_form(c) {
                return Step::Many(mapped);
            }
            Step::One(lower_case(c).unwrap_or(c))
        }
    }
}

struct Builder {
    folded: Folded,
    /// Folded byte range of the last character pushed, for marks after it.
    last: Option<(usize, usize)>,
    /// Whether the folded text ends in a space from a whitespace run.
    in_space: bool,
}

impl Builder {
    fn push(&mut self, c: char, orig_start: usize, orig_end: usize) {
        let at = self.folded.text.len();
        self.folded.text.push(c);
        let n = c.len_utf8();
        // Offsets fit u32: inputs are capped far below 4 GiB by ingest limits;
        // saturate rather than wrap if a caller passes more.
        let (s, e) = (to_u32(orig_start), to_u32(orig_end));
        self.folded.starts.extend(std::iter::repeat_n(s, n));
        self.folded.ends.extend(std::iter::repeat_n(e, n));
        self.last = Some((at, at + n));
        self.in_space = false;
    }

    fn extend_last(&mut self, orig_end: usize) {
        if let Some((a, b)) = self.last {
            let e = to_u32(orig_end);
            for slot in self.folded.ends.get_mut(a..b).into_iter().flatten() {
                *slot = e;
            }
        }
    }

    fn fold_char(&mut self, c: char, orig_start: usize, orig_end: usize, depth: u8) {
        match step(c) {
            Step::DropMark => self.extend_last(orig_end),
            Step::Drop => {}
            Step::One(f) => self.push(f, orig_start, orig_end),
            Step::Space => {
                if self.in_space {
                    // Collapsed into the space already pushed; let it cover this one.
                    self.extend_last(orig_end);
                } else {
                    self.push(' ', orig_start, orig_end);
                    self.in_space = true;
                }
            }
            Step::Many(mapped) => {
                // NFKC output is already composed; one more level folds its
                // letters (آ → ا) without any risk of a cycle.
                for m in mapped.chars() {
                    if depth == 0 {
                        self.fold_char(m, orig_start, orig_end, 1);
                    } else {
                        self.push(m, orig_start, orig_end);
                    }
                }
            }
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Fold `original` for matching (see the module docs for the rules) and
/// keep the map back to its byte offsets.
///
/// ```
/// use rtl_article::text::normalize::fold;
/// let f = fold("قُتِل ١٢٠ عنصراً");
/// assert_eq!(f.text, "قتل 120 عنصرا");
/// ```
pub fn fold(original: &str) -> Folded {
    let mut b = Builder {
        folded: Folded {
            text: String::with_capacity(original.len()),
            starts: Vec::with_capacity(original.len() + 1),
            ends: Vec::with_capacity(original.len()),
        },
        last: None,
        in_space: false,
    };
    for (i, c) in original.char_indices() {
        b.fold_char(c, i, i + c.len_utf8(), 0);
    }
    b.folded.starts.push(to_u32(original.len()));
    b.folded
}

/// Just the folded text, for catalog names and lookups that need no map.
///
/// ```
/// use rtl_article::text::normalize::fold_str;
/// assert_eq!(fold_str("مصطفى"), fold_str("مصطفي"));
/// assert_eq!(fold_str("Interfax"), "interfax");
/// ```
pub fn fold_str(original: &str) -> String {
    fold(original).text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per rule: (input, folded).
    const RULES: &[(&str, &str)] = &[
        ("أحمد", "احمد"),
        ("إنترفاكس", "انترفاكس"),
        ("آمنة", "امنه"),
        ("ٱلله", "الله"),
        ("الرقة", "الرقه"),
        ("مصطفى", "مصطفي"),
        ("کتاب", "كتاب"),
        ("فارسی", "فارسي"),
        ("مَسؤُولٌ", "مسؤول"),
        ("رئيس", "رئيس"),
        ("قافلةً", "قافله"),
        ("العربيّة", "العربيه"),
        ("هٰذا", "هذا"),
        // Decomposed hamza and maddah fold like the composed letters.
        ("\u{0627}\u{0654}\u{062D}\u{0645}\u{062F}", "احمد"),
        ("\u{0627}\u{0653}\u{062E}\u{0631}", "اخر"),
        ("محمد \u{0610}\u{0612}", "محمد "),
        ("الرقـــة", "الرقه"),
        ("٢٠١٧/٥/١٥", "2017/5/15"),
        ("۱۲۰", "120"),
        ("ﺍﻟﺮﻗﺔ", "الرقه"),
        ("ﻻ", "لا"),
        ("ﻵ", "لا"),
        ("ﷲ", "الله"),
        ("Interfax AFP", "interfax afp"),
        ("ÉCOLE", "école"),
        ("ERDOĞAN İSTANBUL", "erdoğan istanbul"),
        ("ПУТИН Αθήνα ՀԱՅ", "путин αθήνα հայ"),
        ("قوات\u{00A0}سوريا  \n الديمقراطية", "قوات سوريا الديمقراطيه"),
        ("داعش\u{200F}", "داعش"),
        ("ZWNJ\u{200C}in", "zwnjin"),
    ];

    #[test]
    fn every_rule() {
        for (input, want) in RULES {
            assert_eq!(fold_str(input), *want, "fold({input:?})");
        }
    }

    /// Every capital the compact table maps, it maps as the standard
    /// library does (but İ), and in the blocks it covers whole it misses
    /// none (Latin Extended-B is covered only for its regular pairs).
    #[test]
    fn lower_case_agrees_with_the_standard_library() {
        let whole = [
            0xC0..=0x17F,
            0x386..=0x3AB,
            0x400..=0x52F,
            0x531..=0x556,
            0x1E00..=0x1EFF,
            0xFF21..=0xFF3A,
        ];
        for u in 0x80..0x10000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let std: Vec<char> = c.to_lowercase().collect();
            match lower_case(c) {
                Some(_) if u == 0x130 => {}
                Some(l) => assert_eq!(std, [l], "U+{u:04X}"),
                None if whole.iter().any(|r| r.contains(&u)) => {
                    assert!(std == [c], "U+{u:04X} {c} → {std:?} is not mapped");
                }
                None => {}
            }
        }
    }

    #[test]
    fn trailing_diacritics_stay_inside_a_match() {
        let original = "قُوّاتُ سوريا";
        let f = fold(original);
        assert_eq!(f.text, "قوات سوريا");
        let (s, e) = f.to_original(0, "قوات".len());
        assert_eq!(&original[s..e], "قُوّاتُ");
    }

    #[test]
    fn leading_removed_chars_stay_outside() {
        let original = "ـداعش";
        let f = fold(original);
        let (s, e) = f.to_original(0, f.text.len());
        assert_eq!(&original[s..e], "داعش");
    }

    #[test]
    fn clamps_out_of_range() {
        let f = fold("روسيا");
        assert_eq!(f.to_original(100, 200), (10, 10));
        assert_eq!(f.to_original(4, 2), (4, 4));
        assert_eq!(fold("").to_original(0, 3), (0, 0));
    }

    #[test]
    fn round_trips_on_the_seed() {
        let seed = include_str!("../../tests/fixtures/seed-raqqa.txt");
        let f = fold(seed);
        // Every folded character maps to an original range on char
        // boundaries whose own folding contains it.
        for (i, c) in f.text.char_indices() {
            let (s, e) = f.to_original(i, i + c.len_utf8());
            let piece = seed.get(s..e).expect("char boundaries");
            assert!(fold_str(piece).contains(c), "{c:?} at {i} from {piece:?}");
        }
        // Every word maps back to the original word it came from.
        for word in ["الرقه", "داعش", "تدمر", "قوات سوريا الديمقراطيه", "2017/5/15"] {
            let mut from = 0;
            while let Some(at) = f.text.get(from..).and_then(|t| t.find(word)) {
                let at = from + at;
                let (s, e) = f.to_original(at, at + word.len());
                assert_eq!(fold_str(&seed[s..e]), word);
                from = at + word.len();
            }
        }
    }
}
