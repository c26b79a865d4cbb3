//! The bidi isolates of one text, found fast: [`bidi::ltr_runs`] (or
//! [`bidi::rtl_runs`] in a left-to-right article) run only over the
//! stretches of the text where a run can start, with the same result.
//!
//! Classifying every character with [`unicode_bidi::bidi_class`] (a binary
//! search over the Unicode tables) is most of what rendering costs, and
//! almost every stretch of an Arabic article holds nothing to isolate. A
//! run starts at a character of the opposite direction or a number, and
//! ends at the latest at the next strong character of the paragraph's own
//! direction; what [`bidi`] looks at around a run (the character before
//! its start, the one after, currency signs before a number) never reaches
//! past such a character either. So the text is cut at those strong
//! characters, and a piece is handed to [`bidi`] — together with the
//! strong characters on either side of it, so it sees exactly what it
//! would see in the whole text — only when it holds a character a run can
//! start at. ASCII and the Arabic letters and marks are classified here
//! without the table search.

use unicode_bidi::{bidi_class, BidiClass};

use crate::text::bidi::{self, BidiRun};

/// The bidi class of `c`, or for ASCII punctuation, spaces and controls a
/// stand-in (`ON`) that, like their own classes, is neither strong nor a
/// number: the only distinctions [`runs`] makes.
fn class(c: char) -> BidiClass {
    match c {
        'a'..='z' | 'A'..='Z' => BidiClass::L,
        '0'..='9' => BidiClass::EN,
        '\0'..='\x7f' => BidiClass::ON,
        // Arabic letters (hamza to yeh, with tatweel), then the harakat.
        '\u{0620}'..='\u{064a}' => BidiClass::AL,
        '\u{064b}'..='\u{065f}' => BidiClass::NSM,
        _ => bidi_class(c),
    }
}

/// The class (as [`class`] gives it) and UTF-8 length of the character at
/// byte `i` of `text` (`bytes`), read from its bytes for ASCII and the
/// common Arabic letters and marks (U+0620–U+065F: D8 A0 to D9 9F).
fn class_at(text: &str, bytes: &[u8], i: usize) -> (BidiClass, usize) {
    let second = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        b'a'..=b'z' | b'A'..=b'Z' => (BidiClass::L, 1),
        b'0'..=b'9' => (BidiClass::EN, 1),
        0..=0x7f => (BidiClass::ON, 1),
        0xd8 if second >= 0xa0 => (BidiClass::AL, 2),
        0xd9 if second <= 0x8a => (BidiClass::AL, 2),
        0xd9 if second <= 0x9f => (BidiClass::NSM, 2),
        _ => {
            let c = text[i..].chars().next().unwrap_or('\0');
            (class(c), c.len_utf8())
        }
    }
}

/// The runs of `text` to isolate: [`bidi::ltr_runs`] when the article is
/// right to left (`rtl`), else [`bidi::rtl_runs`], byte for byte.
pub(super) fn runs(text: &str, rtl: bool) -> Vec<BidiRun> {
    // `ends`: the paragraph direction's strong characters, where every run
    // ends; `starts`: the characters one can start at (or, for a sign, the
    // number right after it).
    let ends = |class: BidiClass| match rtl {
        true => matches!(class, BidiClass::R | BidiClass::AL),
        false => class == BidiClass::L,
    };
    let starts = |class: BidiClass| match rtl {
        true => matches!(class, BidiClass::L | BidiClass::EN | BidiClass::AN),
        false => matches!(class, BidiClass::R | BidiClass::AL),
    };
    let find = |piece: &str| {
        if rtl {
            bidi::ltr_runs(piece)
        } else {
            bidi::rtl_runs(piece)
        }
    };
    let mut out = Vec::new();
    let mut add = |from: usize, to: usize| {
        out.extend(find(&text[from..to]).into_iter().map(|r| BidiRun {
            start: r.start + from,
            end: r.end + from,
            script: r.script,
        }));
    };
    // The piece so far starts at `from` (a strong character, or the text's
    // start); `open` when it holds a character a run can start at.
    let mut from = 0;
    let mut open = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (class, len) = class_at(text, bytes, i);
        if ends(class) {
            if open {
                add(from, i + len);
                open = false;
            }
            from = i;
        } else if starts(class) {
            open = true;
        }
        i += len;
    }
    if open {
        add(from, text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_classes_read_from_bytes_are_the_chars() {
        for c in ('\0'..='\u{07ff}').chain(['\u{2066}', '\u{fb50}', '\u{1f600}']) {
            let text = format!("{c}ب");
            assert_eq!(class_at(&text, text.as_bytes(), 0), (class(c), c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn the_quick_classes_are_the_tables() {
        for c in ('\0'..='\x7f').chain('\u{0620}'..='\u{065f}') {
            let (quick, table) = (class(c), bidi_class(c));
            if c.is_ascii() && !c.is_ascii_alphanumeric() {
                // The stand-in: neither strong nor a number, like the real class.
                assert!(
                    !matches!(
                        table,
                        BidiClass::L | BidiClass::R | BidiClass::AL | BidiClass::EN | BidiClass::AN
                    ),
                    "{c:?}"
                );
                assert_eq!(quick, BidiClass::ON);
            } else {
                assert_eq!(quick, table, "{c:?}");
            }
        }
    }

    #[test]
    fn the_same_runs_as_the_whole_text() {
        let pieces = [
            "قال ",
            "Donald Trump",
            " إن ",
            "2017/5/15",
            "، ",
            "45%",
            " و",
            "٪45",
            " (",
            "BBC عربي",
            ")",
            " +44 20 7946 0958",
            " -5",
            "كوفيد-19",
            "$5",
            " ",
            "١٢٠",
            "“",
            "”",
            ".",
            "\u{2066}",
            "BBC",
            "\u{2069}",
            "Café",
            " ١٢",
            "עברית",
            "قوات سوريا الديمقراطية",
            "The Syrian Democratic Forces",
            " said on ",
            "iPhone 15",
            "https://example.com/ar?id=5",
            "الـ25",
            "\n",
            "(iPhone)",
            "Apple (iPhone)",
            "09:00-18:00",
            "يُمنح",
            "۱۲",
            "ـ",
            "؟",
            "؛",
        ];
        // Every mix of the pieces above (`test_rand`: deterministic).
        let mut generator = crate::test_rand::Rand::new(0x2545_f491);
        let mut rand = |n: usize| generator.below(n);
        for _ in 0..5000 {
            let text: String = (0..1 + rand(12)).map(|_| pieces[rand(pieces.len())]).collect();
            assert_eq!(runs(&text, true), bidi::ltr_runs(&text), "{text:?}");
            assert_eq!(runs(&text, false), bidi::rtl_runs(&text), "{text:?}");
        }
        for text in [
            include_str!("../../tests/fixtures/seed-raqqa.txt"),
            include_str!("../../tests/fixtures/scraped-english.txt"),
            include_str!("../../tests/fixtures/scraped-arabic-digits.txt"),
            "",
        ] {
            assert_eq!(runs(text, true), bidi::ltr_runs(text));
            assert_eq!(runs(text, false), bidi::rtl_runs(text));
        }
    }
}
