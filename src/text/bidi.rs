//! Bidi runs: the stretches of opposite-direction text inside an article
//! that must be isolated (`<bdi>`) so they display in the right order.
//!
//! In right-to-left text, a Latin name, a URL, a date like `2017/5/15`, a
//! time range `09:00-18:00` or a phone number `+44 20 7946 0958` is a
//! left-to-right island; left to the Unicode Bidirectional Algorithm alone,
//! its neutral characters (spaces, slashes, dashes, brackets) are resolved
//! against the surrounding Arabic and the island comes out scrambled. This
//! module finds those islands with the character classes of
//! [`unicode_bidi::bidi_class`] (from a table generated from it,
//! `bidi_classes.rs`, and tested against it) so the renderer can
//! wrap each one in an isolate. In a left-to-right article it finds the
//! right-to-left islands instead.
//!
//! ```
//! use rtl_article::text::bidi::{ltr_runs, RunScript};
//! let text = "قال Donald Trump إن الموعد 2017/5/15.";
//! let runs = ltr_runs(text);
//! let shown: Vec<&str> = runs.iter().map(|r| &text[r.start..r.end]).collect();
//! assert_eq!(shown, ["Donald Trump", "2017/5/15"]);
//! assert_eq!(runs[0].script, RunScript::Latin);
//! assert_eq!(runs[1].script, RunScript::None);
//! ```

use unicode_bidi::{BidiClass, BidiDataSource, HardcodedBidiData};

use super::bidi_classes::RUNS;

/// The script of the letters in a run, so the renderer can give it a `lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunScript {
    /// No letters: numbers, dates, times, phone numbers, percentages.
    None,
    /// Latin letters (English names, brands, URLs).
    Latin,
    /// Arabic-script letters (Arabic, Persian, Urdu …).
    Arabic,
    /// Hebrew letters.
    Hebrew,
    /// Letters of another script (Cyrillic, Greek, CJK …): no `lang` is guessed.
    Other,
}

/// One stretch of text to isolate: bytes `start..end`, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BidiRun {
    /// First byte, inclusive.
    pub start: usize,
    /// Last byte, exclusive.
    pub end: usize,
    /// The script of the run's first letter.
    pub script: RunScript,
}

/// The left-to-right runs of `text` that need isolating in a right-to-left
/// paragraph.
///
/// A run starts at a strong left-to-right character (a Latin letter) or a
/// number (European or Arabic-Indic digits) and extends until the next
/// strong right-to-left character.
/// Trailing neutrals (spaces, punctuation, quotation marks) are trimmed,
/// except percent/currency signs and a closing bracket whose opening bracket
/// is inside the run. At its edges the run takes in the neutral and weak
/// characters of its own words — `#WorldCup`, `@handle`, `.NET`, `+44`,
/// `-5`, `$5`, `C++`, `5G+`, `18+`, `spa.gov.sa/ar/` — and brackets around
/// it whole (`(IEA)`), decided by the characters alone (see `edges`); the
/// sentence's own punctuation and quotation marks stay outside, and a sign
/// that begins the next, right-to-left word (`#` of `#عاجل`) is that word's.
/// Runs made of digits only (`32`, `١٢٠`) are left out:
/// they display correctly on their own and wrapping them would only add
/// markup. Explicit bidi control characters in the input end a run, so the
/// publisher's own controls are never wrapped.
///
/// ```
/// use rtl_article::text::bidi::ltr_runs;
/// let text = "استهدف 32 سيارة بنسبة 45% في (BBC عربي)";
/// let shown: Vec<&str> = ltr_runs(text).iter().map(|r| &text[r.start..r.end]).collect();
/// assert_eq!(shown, ["45%", "BBC"]);
/// let text = "وسم #WorldCup2026 ولغة C++ و(IEA) و@AlArabiya_Brk #عاجل.";
/// let shown: Vec<&str> = ltr_runs(text).iter().map(|r| &text[r.start..r.end]).collect();
/// assert_eq!(shown, ["#WorldCup2026", "C++", "(IEA)", "@AlArabiya_Brk"]);
/// ```
pub fn ltr_runs(text: &str) -> Vec<BidiRun> {
    runs(text, Context::Rtl)
}

/// The right-to-left runs of `text` that need isolating in a left-to-right
/// paragraph: from a strong right-to-left character (Arabic, Hebrew) until
/// the next strong left-to-right one, trailing neutrals trimmed, its edges
/// decided as [`ltr_runs`]' are (the `#` of `#عاجل` inside, so shown on
/// its right).
///
/// ```
/// use rtl_article::text::bidi::{rtl_runs, RunScript};
/// let text = "The sign read \"مرحبا بكم\" in 2017.";
/// let runs = rtl_runs(text);
/// assert_eq!(&text[runs[0].start..runs[0].end], "مرحبا بكم");
/// assert_eq!(runs[0].script, RunScript::Arabic);
/// ```
pub fn rtl_runs(text: &str) -> Vec<BidiRun> {
    runs(text, Context::Ltr)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Right-to-left paragraph: isolate left-to-right runs.
    Rtl,
    /// Left-to-right paragraph: isolate right-to-left runs.
    Ltr,
}

#[inline]
fn is_number(class: BidiClass) -> bool {
    matches!(class, BidiClass::EN | BidiClass::AN)
}

fn is_explicit_control(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, LRE | RLE | LRO | RLO | PDF | LRI | RLI | FSI | PDI)
}

#[inline]
fn is_strong_rtl(class: BidiClass) -> bool {
    matches!(class, BidiClass::R | BidiClass::AL)
}

fn script_of(c: char) -> Option<RunScript> {
    if !c.is_alphabetic() {
        return None;
    }
    Some(match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0xFF21..=0xFF5A => RunScript::Latin,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => RunScript::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => RunScript::Arabic,
        _ => RunScript::Other,
    })
}

/// The classes of U+0000–U+06FF (ASCII, Latin, the Arabic block: nearly
/// every character of an Arabic article), read once from [`RUNS`] into an
/// array, so a character costs an index instead of a binary search.
const FAST: usize = 0x700;

/// [`BidiClass`] by its index in [`RUNS`] (the enum's order).
const CLASSES: [BidiClass; 23] = {
    use BidiClass::*;
    [
        AL, AN, B, BN, CS, EN, ES, ET, FSI, L, LRE, LRI, LRO, NSM, ON, PDF, PDI, R, RLE, RLI, RLO, S, WS,
    ]
};

/// The class of `c` from [`RUNS`]: the run that starts at or before it.
/// The same classes as [`unicode_bidi::bidi_class`] (the tests compare
/// every code point), from a table a quarter of the size of its
/// `(first, last, class)` ranges: 4.3 KB gzip less of wasm.
fn bidi_class(c: char) -> BidiClass {
    let c = c as u32;
    // RUNS[0] starts at U+0000: the answer is in lo..hi.
    let (mut lo, mut hi) = (0, RUNS.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if RUNS[mid] >> 8 <= c {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    CLASSES[(RUNS[lo] & 0xFF) as usize]
}

/// A character's class (the tests check the array against
/// `unicode_bidi`; the code reads it through [`class_in`]).
#[cfg(test)]
fn class_of(c: char) -> BidiClass {
    class_in(fast_classes(), c)
}

/// The array of [`FAST`] classes, made on first use.
fn fast_classes() -> &'static [BidiClass; FAST] {
    static TABLE: std::sync::OnceLock<[BidiClass; FAST]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [BidiClass::L; FAST];
        for (u, class) in t.iter_mut().enumerate() {
            *class = char::from_u32(u as u32).map_or(BidiClass::L, bidi_class);
        }
        t
    })
}

/// A character's class, the [`fast_classes`] array at hand (fetched once
/// per text, not once per character).
#[inline]
fn class_in(table: &[BidiClass; FAST], c: char) -> BidiClass {
    match table.get(c as usize) {
        Some(&class) => class,
        None => bidi_class(c),
    }
}

/// The character at byte `i` of `text` (a char boundary) and its length:
/// one and two byte sequences (ASCII, Latin, Arabic) decoded here, the
/// rest by `chars`.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    if b < 0xE0 {
        if let Some(&next) = bytes.get(i + 1) {
            let u = (u32::from(b & 0x1F) << 6) | u32::from(next & 0x3F);
            // A two-byte sequence is at most U+07FF: always a char.
            return (char::from_u32(u).unwrap_or('\u{FFFD}'), 2);
        }
    }
    let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
    (c, c.len_utf8())
}

/// The runs of `text`, found only where they can be.
///
/// A run starts at a character of the opposite direction or a number, and
/// ends at the latest at the next strong character of the paragraph's own
/// direction; what the rules look at around a run (the character before its
/// start, the one after, currency signs before a number) never reaches past
/// such a character either. So the text is cut at those strong characters,
/// and a piece is read character by character — together with the strong
/// characters on either side of it, so the rules see what they would see in
/// the whole text — only when it holds a character a run can start at: most
/// stretches of an Arabic article hold no Latin and no number, and cost one
/// class lookup per character.
fn runs(text: &str, context: Context) -> Vec<BidiRun> {
    let ends = |class: BidiClass| match context {
        Context::Rtl => is_strong_rtl(class),
        Context::Ltr => class == BidiClass::L,
    };
    let mut out = Vec::new();
    // The piece so far starts at a strong character (or the text's start);
    // `open` when it holds a character a run can start at. It is read from
    // the character before that strong one (`from`), which the edges of a
    // run look at (`الكتاب@Apple` is not `و@Apple`), `skip`ping it as a
    // place to start a run.
    let (mut from, mut skip, mut prev) = (0, 0, 0);
    let mut open = false;
    let table = fast_classes();
    let mut i = 0;
    while i < text.len() {
        let (c, len) = char_at(text, i);
        let class = class_in(table, c);
        if ends(class) {
            if open {
                runs_in(text, from, i + len, skip, context, &mut out);
                open = false;
            }
            (from, skip) = (prev, usize::from(i > 0));
        } else if starts_run(class, context) {
            open = true;
        }
        prev = i;
        i += len;
    }
    if open {
        runs_in(text, from, text.len(), skip, context, &mut out);
    }
    out
}

/// Adds the runs of `text[from..to]` to `out`, read as a text of its own
/// (byte offsets in `text`).
fn runs_in(text: &str, from: usize, to: usize, skip: usize, context: Context, out: &mut Vec<BidiRun>) {
    let table = fast_classes();
    let chars: Vec<(usize, char, BidiClass)> = text[from..to]
        .char_indices()
        .map(|(i, c)| (from + i, c, class_in(table, c)))
        .collect();
    let mut i = skip;
    while i < chars.len() {
        if !starts_run(chars[i].2, context) {
            i += 1;
            continue;
        }
        let first = i;
        // Extend until the next strong character of the paragraph's direction.
        let mut end = i + 1;
        while end < chars.len() {
            let class = chars[end].2;
            let stop = is_explicit_control(class)
                || match context {
                    Context::Rtl => is_strong_rtl(class),
                    Context::Ltr => class == BidiClass::L,
                };
            if stop {
                break;
            }
            end += 1;
        }
        let (first, last) = edges(&chars, first, end);
        let last = hashtag_end(&chars, first, last, context);
        if last > first && needs_isolation(&chars[first..last], context) {
            // Brackets around the whole run are its own: `(IEA)`, `(C++)`.
            let (mut first, mut last) = (first, last);
            while first > 0 && chars.get(last).is_some_and(|c| pair(chars[first - 1].1, c.1)) {
                first -= 1;
                last += 1;
            }
            let start = chars[first].0;
            let end_byte = chars.get(last).map_or(to, |c| c.0);
            let script = chars[first..last]
                .iter()
                .find_map(|&(_, c, _)| script_of(c))
                .unwrap_or(RunScript::None);
            out.push(BidiRun {
                start,
                end: end_byte,
                script,
            });
        }
        i = end.max(i + 1);
    }
}

/// Whether a run can start at a character of `class`: one of the other
/// direction, or a number in a right-to-left paragraph (the signs before it,
/// `+44`, `-5`, `$5`, `٪45`, are taken in by [`edges`]).
#[inline]
fn starts_run(class: BidiClass, context: Context) -> bool {
    match context {
        Context::Rtl => class == BidiClass::L || is_number(class),
        Context::Ltr => is_strong_rtl(class),
    }
}

/// Quotation marks, brackets, dashes, white space and the punctuation of a
/// sentence (`.` `,` `:` `!` `،` …): they belong to the text around a run,
/// not to the word they touch.
fn is_sentence_mark(c: char) -> bool {
    c.is_whitespace()
        || HardcodedBidiData.bidi_matched_opening_bracket(c).is_some()
        || matches!(
            c,
            '.' | ',' | ':' | ';' | '!' | '?' | '"' | '\'' | '«' | '»' | '،' | '\u{2010}'..='\u{2027}'
        )
}

/// A neutral or weak character that is part of the word it touches: `#`
/// `@` `+` `-` `%` `°` `′` `/` `_` `™` …
fn is_sign(c: char, class: BidiClass) -> bool {
    matches!(class, BidiClass::ET | BidiClass::ES | BidiClass::CS | BidiClass::ON) && !is_sentence_mark(c)
}

/// A letter, a digit or a combining mark: what words are made of.
fn is_letter(class: BidiClass) -> bool {
    use BidiClass::*;
    matches!(class, L | R | AL | EN | AN | NSM)
}

/// Whether `open` and `close` are a bracket pair (`(` `)`, `[` `]` …).
fn pair(open: char, close: char) -> bool {
    HardcodedBidiData
        .bidi_matched_opening_bracket(close)
        .is_some_and(|b| !b.is_open && b.opening == open)
}

/// The edges `(first, last)` (last exclusive) of the run that starts at
/// char `first` and may reach to `end`, decided by the run's own words:
///
/// - the signs that begin the word of the run's first character are the
///   run's (`#WorldCup`, `@handle`, `.NET`, `$5`, `-5`, `+44`), also after
///   a one-letter proclitic (`و@handle`, `و-5°`);
/// - the signs that end the word of its last character are the run's
///   (`C++`, `5G+`, `Disney+`, `18+`, `spa.gov.sa/ar/`), unless the word goes
///   on in the other direction (`C++عربي`);
/// - signs beginning the word that follows, in the other direction, are that
///   word's (`#` of `Apple #عاجل`);
/// - trailing white space and sentence punctuation are trimmed, except a
///   `!` or `?` glued to the last word when a word follows on the line or
///   a quotation mark closes on it (`Yahoo! …`، `"Got Milk?"`; a `!` that
///   ends a sentence another one follows on the same line, rare after a
///   Latin word in Arabic copy, is read the same way), an abbreviation's
///   last dot when a word follows (`Ph.D. في`), and an apostrophe after a
///   number that nothing opened (`90+3'`, a minute);
/// - a leading apostrophe that nothing closes is the word's (`'Oumuamua`).
fn edges(chars: &[(usize, char, BidiClass)], first: usize, end: usize) -> (usize, usize) {
    let sign = |k: usize| is_sign(chars[k].1, chars[k].2);
    let letter = |k: usize| chars.get(k).is_some_and(|c| is_letter(c.2));
    // A word starts at char `k` when no letter is before it, or only a
    // one-letter proclitic (`و@handle`, `و-5°`).
    let starts = |k: usize| {
        k == 0 || !letter(k - 1) || matches!(chars[k - 1].1, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && (k < 2 || !letter(k - 2))
    };
    let mut k = first;
    while k > 0 && (sign(k - 1) || chars[k - 1].1 == '.') {
        k -= 1;
    }
    let first = if starts(k) { k } else { first };
    let mut to = end;
    if letter(end) {
        let mut k = end;
        while k > first && sign(k - 1) {
            k -= 1;
        }
        if k > first && !letter(k - 1) {
            to = k;
        }
    }
    let last = trim_end(chars, first, to);
    let mut k = last;
    while k < to && sign(k) {
        k += 1;
    }
    let mut stop = if letter(k) { last } else { k };
    let at = |k: usize| chars.get(k).map(|c| c.1);
    // A ! or ? glued to the run's last word is the word's when the sentence
    // goes on after it (`Yahoo! إغلاق`، `يلا يا أخضر! as`) or a quotation
    // mark opened before the run closes right after it (`"Got Milk?"`).
    if stop > first && letter(stop - 1) && matches!(at(stop), Some('!' | '?')) {
        let goes_on = at(stop + 1) == Some(' ') && letter(stop + 2);
        let quoted = first > 0
            && matches!(
                (chars[first - 1].1, at(stop + 1)),
                ('"', Some('"')) | ('\'', Some('\'')) | ('“', Some('”')) | ('‘', Some('’')) | ('«', Some('»'))
            );
        if goes_on || quoted {
            stop += 1;
        }
    }
    // An abbreviation's last dot while the sentence goes on (`Ph.D. في`،
    // `U.S. و`): single letters between dots, not a sentence's end.
    if at(stop) == Some('.') && at(stop + 1) == Some(' ') && letter(stop + 2) {
        let word = (first..stop)
            .rev()
            .find(|&k| !letter(k) && at(k) != Some('.'))
            .map_or(first, |k| k + 1);
        let single = stop >= word + 2 && at(stop - 2) == Some('.') && letter(stop - 1);
        if single && chars[word..stop].iter().any(|c| c.1 == '.') {
            stop += 1;
        }
    }
    // An apostrophe after a number with none opened before it is a prime:
    // the minute of a match (`90+3'`).
    if at(stop) == Some('\'')
        && stop > first
        && chars[stop - 1].1.is_ascii_digit()
        && (first == 0 || chars[first - 1].1 != '\'')
    {
        stop += 1;
    }
    // A leading apostrophe with none to close it is the name's
    // (`'Oumuamua`), not a quotation mark (`'Oumuamua'`).
    let apostrophe = first > 0
        && chars[first - 1].1 == '\''
        && (first < 2 || !letter(first - 2))
        && letter(first)
        && at(stop) != Some('\'');
    (if apostrophe { first - 1 } else { first }, stop)
}

/// Where the run `first..last` (its edges taken in) ends when its last
/// word of its own direction is a hashtag or a handle (`#Paris2024`،
/// `#وين_الرواتب`): at that word's end, since a hashtag ends at the space —
/// a number after it is the sentence's (`#وين_الرواتب 14,000 times`), while
/// one after plain words stays with them (`باب الحارة 13`).
fn hashtag_end(chars: &[(usize, char, BidiClass)], first: usize, last: usize, context: Context) -> usize {
    let own = |class: BidiClass| match context {
        Context::Rtl => class == BidiClass::L,
        Context::Ltr => is_strong_rtl(class),
    };
    let Some(end_of_own) = (first..last).rev().find(|&k| own(chars[k].2)) else {
        return last;
    };
    let word = (first..end_of_own)
        .rev()
        .find(|&k| chars[k].1.is_whitespace())
        .map_or(first, |k| k + 1);
    if !matches!(chars[word].1, '#' | '@') {
        return last;
    }
    (end_of_own..last).find(|&k| chars[k].1.is_whitespace()).unwrap_or(last)
}

/// The end (exclusive char index) of the run `first..end` once trailing
/// neutrals are trimmed.
fn trim_end(chars: &[(usize, char, BidiClass)], first: usize, end: usize) -> usize {
    use BidiClass::*;
    let mut last = end;
    while last > first {
        let (_, c, class) = chars[last - 1];
        let neutral = matches!(class, B | S | WS | ON | CS | ES | BN);
        if !neutral {
            break;
        }
        if let Some(bracket) = HardcodedBidiData.bidi_matched_opening_bracket(c) {
            if !bracket.is_open && opener_inside(chars, first, last - 1, bracket.opening) {
                break;
            }
        }
        last -= 1;
    }
    last
}

/// Whether the closing bracket at `close` (whose normalized opener is
/// `opening`) is matched by an opener in `first..close`.
fn opener_inside(chars: &[(usize, char, BidiClass)], first: usize, close: usize, opening: char) -> bool {
    let mut depth = 0usize;
    for &(_, c, _) in chars[first..close].iter().rev() {
        if let Some(b) = HardcodedBidiData.bidi_matched_opening_bracket(c) {
            if b.opening != opening {
                continue;
            }
            if b.is_open {
                if depth == 0 {
                    return true;
                }
                depth -= 1;
            } else {
                depth += 1;
            }
        }
    }
    false
}

/// Digit-only runs display correctly without an isolate; everything else
/// (letters, separators, signs) needs one.
fn needs_isolation(run: &[(usize, char, BidiClass)], context: Context) -> bool {
    match context {
        Context::Rtl => !run.iter().all(|c| is_number(c.2) && c.1.is_numeric()),
        Context::Ltr => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        ltr_runs(text).iter().map(|r| &text[r.start..r.end]).collect()
    }

    /// The runs of `text` read character by character, whole: what cutting
    /// it into pieces must find.
    fn whole(text: &str, context: Context) -> Vec<BidiRun> {
        let mut out = Vec::new();
        runs_in(text, 0, text.len(), 0, context, &mut out);
        out
    }

    /// Reading only the pieces where a run can start finds what reading the
    /// whole text finds: random characters, random mixes of the cases that
    /// matter, and the fixtures.
    #[test]
    fn the_pieces_find_what_the_whole_text_has() {
        let alphabet: Vec<char> = "قال ب 5٣+-$%٪()[]«».,/:aZé#@°_™\u{200F}\u{2067}\u{2069}א😀 "
            .chars()
            .collect();
        let mut rand = crate::test_rand::Rand::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..4000 {
            let text = rand.text(&alphabet, 20);
            for context in [Context::Rtl, Context::Ltr] {
                assert_eq!(runs(&text, context), whole(&text, context), "{text:?}");
            }
        }
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
            "#",
            "@",
            "C++",
            "(C++)",
            ".NET",
            "5G+",
            "°",
            "#عاجل",
            " #Apple",
            "و#Apple",
            "ب",
            "و-5°",
        ];
        let mut rand = crate::test_rand::Rand::new(0x2545_f491);
        for _ in 0..5000 {
            let text: String = (0..1 + rand.below(12))
                .map(|_| pieces[rand.below(pieces.len())])
                .collect();
            for context in [Context::Rtl, Context::Ltr] {
                assert_eq!(runs(&text, context), whole(&text, context), "{text:?}");
            }
        }
        for text in [
            include_str!("../../tests/fixtures/seed-raqqa.txt"),
            include_str!("../../tests/fixtures/scraped-english.txt"),
            include_str!("../../tests/fixtures/scraped-arabic-digits.txt"),
        ] {
            for context in [Context::Rtl, Context::Ltr] {
                assert_eq!(runs(text, context), whole(text, context));
            }
        }
    }

    #[test]
    fn the_fast_classes_are_unicode_bidi_s() {
        for c in (0..0x800u32).filter_map(char::from_u32) {
            assert_eq!(class_of(c), unicode_bidi::bidi_class(c), "U+{:04X}", c as u32);
        }
    }

    /// `RUNS` from `unicode_bidi::bidi_class`: each code point where the
    /// class changes (surrogates, never a `char`, continue the run before
    /// them), as `start << 8 | index in CLASSES`.
    fn runs_of_unicode_bidi() -> Vec<u32> {
        let mut runs: Vec<u32> = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let class = unicode_bidi::bidi_class(c);
            let index = CLASSES.iter().position(|&k| k == class).unwrap() as u32;
            if runs.last().is_none_or(|&r| r & 0xFF != index) {
                runs.push((c as u32) << 8 | index);
            }
        }
        runs
    }

    /// The table is unicode-bidi's, and every code point has its class.
    /// `RTL_WRITE_BIDI_CLASSES=1 cargo test --lib bidi_classes` rewrites
    /// `src/text/bidi_classes.rs` (after updating unicode-bidi).
    #[test]
    fn the_bidi_classes_are_unicode_bidi_s() {
        let runs = runs_of_unicode_bidi();
        if std::env::var_os("RTL_WRITE_BIDI_CLASSES").is_some() {
            let mut out = String::from(
                "// @generated by `RTL_WRITE_BIDI_CLASSES=1 cargo test --lib bidi_classes`\n\
                 // (text::bidi's tests) from unicode-bidi's `bidi_class`. Do not edit by hand.\n\n\
                 /// Bidi classes by runs of code points, ascending: `start << 8 | class`,\n\
                 /// `class` the index in `text::bidi`'s `CLASSES`; a run lasts until the\n\
                 /// next one starts.\n",
            );
            out.push_str(&format!("pub(super) static RUNS: [u32; {}] = [\n", runs.len()));
            for line in runs.chunks(9) {
                let line: Vec<String> = line.iter().map(|r| format!("0x{r:08X}")).collect();
                out.push_str(&format!("    {},\n", line.join(", ")));
            }
            out.push_str("];\n");
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/src/text/bidi_classes.rs"), out).unwrap();
            return;
        }
        assert!(
            RUNS[..] == runs[..],
            "src/text/bidi_classes.rs is out of date: see this test"
        );
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(bidi_class(c), unicode_bidi::bidi_class(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn ltr_runs_in_arabic_context() {
        let cases: &[(&str, &[&str])] = &[
            // Latin words and multi-word names.
            ("قال iPhone إن", &["iPhone"]),
            ("صرح Donald Trump للصحفيين", &["Donald Trump"]),
            ("ذكرت BBC News أن", &["BBC News"]),
            ("أطلقت الشركة iPhone 15.", &["iPhone 15"]),
            // URLs and e-mails.
            (
                "زوروا https://example.com/ar/news?id=5 للمزيد",
                &["https://example.com/ar/news?id=5"],
            ),
            ("راسلونا على info@example.org.", &["info@example.org"]),
            // Numbers with separators.
            ("بتاريخ 2017/5/15 والذي", &["2017/5/15"]),
            ("بلغت 1,250.5 دولار", &["1,250.5"]),
            ("الساعة 6:00 صباحا", &["6:00"]),
            ("من 09:00-18:00 يوميا", &["09:00-18:00"]),
            ("بتاريخ ٢٠١٧/٥/١٥ أعلن", &["٢٠١٧/٥/١٥"]),
            // Phone numbers, percentages.
            ("اتصلوا على +44 20 7946 0958 الآن", &["+44 20 7946 0958"]),
            ("بنسبة 45% من الأصوات", &["45%"]),
            ("بنسبة ٪45 من الأصوات", &["٪45"]),
            ("درجة الحرارة -5 مئوية", &["-5"]),
            // Mixed text in brackets.
            ("نقلت (BBC عربي) الخبر", &["BBC"]),
            ("هاتف Apple (iPhone) الجديد", &["Apple (iPhone)"]),
            ("هاتف (iPhone) الجديد", &["(iPhone)"]),
            // Plain numbers stay unwrapped.
            ("مكونة من 32 سيارة", &[]),
            ("قتل ما لا يقل عن 120 عنصرا", &[]),
            ("في الـ25 من الشهر", &[]),
            ("قتل ١٢٠ عنصرا", &[]),
            // A hyphen glued to an Arabic word is not a sign.
            ("كوفيد-19 انتشر", &[]),
            // Quotation marks after a date are trimmed.
            ("نهاية هذا الشهر 2017/5/31”.", &["2017/5/31"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&shown(text), want, "in {text:?}");
        }
    }

    /// The neutral and weak characters at a run's edges go with the word
    /// they touch; sentence punctuation, quotation marks and spaced signs do
    /// not.
    #[test]
    fn signs_at_the_edges_of_runs() {
        let cases: &[(&str, &[&str])] = &[
            // Leading signs that begin the word.
            ("تصدر وسم #WorldCup2026 المنصات", &["#WorldCup2026"]),
            ("كتب الحساب @SaudiNews50 أمس", &["@SaudiNews50"]),
            ("ونشر عبر @_riyadh_news صورا", &["@_riyadh_news"]),
            ("أطلقت مايكروسوفت .NET 9 للمطورين", &[".NET 9"]),
            ("النطاقات تحت .sa تتجاوز مئة ألف", &[".sa"]),
            ("بنسبة .5 فقط", &[".5"]),
            ("بلغت $5.2 مليار", &["$5.2"]),
            // After a one-letter proclitic too, but not after a word.
            ("نشر الحساب و@SaudiNews50 الخبر", &["@SaudiNews50"]),
            ("بين -3° و-5° ليلا", &["-3°", "-5°"]),
            ("قال ب#Apple", &["#Apple"]),
            ("سلالة كوفيد-19 وكوفيد-Delta", &["Delta"]),
            ("الكتاب@Apple", &["Apple"]),
            ("لكن-Apple", &["Apple"]),
            ("وب#Apple", &["Apple"]),
            // A sign after a quotation mark or a bracket begins a word.
            ("قال \"-5 درجات\"", &["-5"]),
            ("(+44 20) رقم", &["(+44 20)"]),
            // Trailing signs that end the word.
            ("تبقى لغة C++ الأكثر طلبا", &["C++"]),
            ("لغة C# الشهيرة", &["C#"]),
            ("منصة Disney+ تعرض الفيلم", &["Disney+"]),
            ("على Apple TV+ ثلاث جوائز", &["Apple TV+"]),
            ("خدمة 5G+ في عشر مدن", &["5G+"]),
            ("للفئة العمرية 18+ فقط", &["18+"]),
            ("معالج Snapdragon™ الجديد", &["Snapdragon™"]),
            (
                "الموقع https://www.spa.gov.sa/ar/ لمن يرغب",
                &["https://www.spa.gov.sa/ar/"],
            ),
            ("سجلت 51° في الظل", &["51°"]),
            ("إلى -5°C ليلا", &["-5°C"]),
            ("زمنا قدره 3′ 20″ في السباق", &["3′ 20″"]),
            // Brackets around the whole run; not around mixed text.
            ("الوكالة الدولية للطاقة (IEA) في تقريرها", &["(IEA)"]),
            ("على لغة (C++) لسرعتها", &["(C++)"]),
            ("قمة المناخ (#COP28) في دبي", &["(#COP28)"]),
            ("صدر (2017/5/15) القرار", &["(2017/5/15)"]),
            ("نقلت (BBC عربي) الخبر", &["BBC"]),
            // Digits alone stay unwrapped, bracketed or not.
            ("في عام (2017) صدر", &[]),
            // Sentence punctuation and quotation marks stay outside.
            ("أطلقت الشركة C++.", &["C++"]),
            ("تعلمت C++، ثم", &["C++"]),
            ("مسلسل \"The Crown\" الشهير", &["The Crown"]),
            ("مسلسل «The Crown» الشهير", &["The Crown"]),
            ("مسلسل “The Crown” الشهير", &["The Crown"]),
            ("وفي النهاية اختار Python!", &["Python"]),
            ("قال: جربوا Python!\nثم", &["Python"]),
            ("الشعار \"Got Milk\"؟ نعم", &["Got Milk"]),
            // A ! or ? glued to the word while the sentence goes on, or
            // inside the quotation marks, is the word's; a leading
            // apostrophe that nothing closes too.
            ("هل جربت Yahoo! أمس", &["Yahoo!"]),
            ("حملة \"Got Milk?\" الشهيرة", &["Got Milk?"]),
            ("الجسم 'Oumuamua القادم", &["'Oumuamua"]),
            ("الجسم 'Oumuamua' القادم", &["Oumuamua"]),
            // A hashtag ends at the space: the number after it is apart.
            ("تصدر وسم #Paris2024 12 مرة", &["#Paris2024"]),
            // An abbreviation's last dot mid-sentence, a minute's apostrophe.
            ("حصل على درجة Ph.D. في الفيزياء", &["Ph.D."]),
            ("وأنهى دراسته بدرجة Ph.D.", &["Ph.D"]),
            ("تعلمت Node.js. وبعدها", &["Node.js"]),
            ("سجل في الدقيقة 90+3' هدفا", &["90+3'"]),
            ("قال '90+3' فقط", &["90+3"]),
            ("وقال Apple - الشركة", &["Apple"]),
            ("وقال —Apple", &["Apple"]),
            // Signs that begin the next word in the other direction are its.
            ("غرد @AlArabiya_Brk #عاجل بالخبر", &["@AlArabiya_Brk"]),
            ("وسم #الرياض_تقرأ انتشر", &[]),
            // Signs between the two directions inside one word stay out.
            ("لغة C++عربية", &["C"]),
            ("كوفيد-19 انتشر", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(&shown(text), want, "in {text:?}");
        }
    }

    #[test]
    fn signs_at_the_edges_of_rtl_runs() {
        let rtl = |text: &'static str| -> Vec<&'static str> {
            rtl_runs(text).iter().map(|r| &text[r.start..r.end]).collect()
        };
        assert_eq!(rtl("The hashtag #السعودية_تستضيف trended."), ["#السعودية_تستضيف"]);
        assert_eq!(rtl("Trending: #عاجل #Breaking news"), ["#عاجل"]);
        assert_eq!(rtl("The slogan (الرأي والرأي الآخر) is old"), ["(الرأي والرأي الآخر)"]);
        assert_eq!(rtl("They chanted «ارحل» twice."), ["ارحل"]);
        assert_eq!(rtl("She wrote \"نعم\"."), ["نعم"]);
        assert_eq!(rtl("Fans chanted يلا يا أخضر! as they left"), ["يلا يا أخضر!"]);
        assert_eq!(rtl("Fans chanted يلا يا أخضر!"), ["يلا يا أخضر"]);
        // A number after a hashtag is the sentence's; after words, the words'.
        assert_eq!(rtl("Users posted #وين_الرواتب 14,000 times"), ["#وين_الرواتب"]);
        assert_eq!(rtl("They tuned in to باب الحارة 13 on Monday"), ["باب الحارة 13"]);
    }

    #[test]
    fn runs_know_their_script() {
        let runs = ltr_runs("قال Donald Trump في 2017/5/15");
        assert_eq!(runs[0].script, RunScript::Latin);
        assert_eq!(runs[1].script, RunScript::None);
    }

    #[test]
    fn rtl_runs_in_english_context() {
        let text = "The Syrian Democratic Forces (قوات سوريا الديمقراطية) said on 2017/5/15 that עברית is spoken.";
        let runs = rtl_runs(text);
        let got: Vec<&str> = runs.iter().map(|r| &text[r.start..r.end]).collect();
        assert_eq!(got, ["(قوات سوريا الديمقراطية)", "עברית"]);
        assert_eq!(runs[0].script, RunScript::Arabic);
        assert_eq!(runs[1].script, RunScript::Hebrew);
    }

    #[test]
    fn controls_end_runs_and_runs_are_on_char_boundaries() {
        let text = "قال \u{2066}BBC\u{2069} أمس و Café ١٢";
        for run in ltr_runs(text) {
            assert!(text.is_char_boundary(run.start) && text.is_char_boundary(run.end));
            assert!(!text[run.start..run.end].contains('\u{2069}'));
        }
        assert_eq!(shown(text), ["BBC", "Café ١٢"]);
    }
}
