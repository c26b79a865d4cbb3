//! Display typography: the only changes the renderer makes to visible text,
//! each behind an explicit option — quotation marks as guillemets and digits
//! in another system.
//!
//! Changes are computed once per text as single-character substitutions at
//! byte offsets of the original, so marks, overlays and bidi runs keep
//! addressing the publisher's characters. URLs, e-mail addresses and (for
//! digits) words with Latin letters are left alone; attribute values are
//! never touched.
//!
//! ```
//! use rtl_article::render::{typography::Substitutions, DigitStyle, QuoteStyle};
//! let text = "قال “نعلن تمديد الفترة” حتى 2017/5/31 عبر iPhone15";
//! let subs = Substitutions::new(text, QuoteStyle::Guillemets, DigitStyle::ArabicIndic);
//! assert_eq!(subs.apply(text, 0), "قال «نعلن تمديد الفترة» حتى ٢٠١٧/٥/٣١ عبر iPhone15");
//! ```

use super::{DigitStyle, QuoteStyle};
use crate::text::digits;

/// Characters to show instead of the original ones, by byte offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Substitutions {
    /// `(offset, character)`, sorted by offset, one per offset (a sorted
    /// list and a binary search, not a `BTreeMap`: its instantiation
    /// costs kilobytes of wasm).
    at: Vec<(usize, char)>,
}

impl Substitutions {
    /// The substitutions for `text` under these options (none for the defaults).
    pub fn new(text: &str, quotes: QuoteStyle, digit_style: DigitStyle) -> Self {
        Self::with_latin_runs(text, quotes, digit_style, &[])
    }

    /// Like [`new`](Self::new), also keeping the digits inside `latin_runs`
    /// (byte ranges of Latin phrases such as "iPhone 15" or "Windows 11",
    /// from [`crate::text::bidi`]) as written: they belong to a name.
    pub fn with_latin_runs(
        text: &str,
        quotes: QuoteStyle,
        digit_style: DigitStyle,
        latin_runs: &[(usize, usize)],
    ) -> Self {
        // (offset, order of insertion, character): a later one at the same
        // offset replaces an earlier one.
        let mut keys = Vec::new();
        if quotes == QuoteStyle::Keep && digit_style == DigitStyle::Keep {
            return Substitutions { at: Vec::new() };
        }
        let tokens = tokens(text);
        if quotes == QuoteStyle::Guillemets {
            for (open, close) in quote_pairs(text, &tokens) {
                keys.push((open, keys.len(), '\u{AB}' as usize));
                keys.push((close, keys.len(), '\u{BB}' as usize));
            }
        }
        if digit_style != DigitStyle::Keep {
            for token in tokens.iter().filter(|t| !t.url && !t.latin) {
                for (i, c) in text[token.start..token.end].char_indices() {
                    let shown = match digit_style {
                        DigitStyle::Western => digits::to_western_char(c),
                        DigitStyle::ArabicIndic => digits::to_arabic_indic_char(c),
                        DigitStyle::Keep => c,
                    };
                    let offset = token.start + i;
                    let in_name = latin_runs.iter().any(|&(s, e)| s <= offset && offset < e);
                    if shown != c && !in_name {
                        keys.push((token.start + i, keys.len(), shown as usize));
                    }
                }
            }
        }
        crate::model::sort_keys(&mut keys);
        let mut at: Vec<(usize, char)> = Vec::with_capacity(keys.len());
        for &(offset, _, c) in &keys {
            let c = char::from_u32(c as u32).unwrap_or_default();
            match at.last_mut() {
                Some(last) if last.0 == offset => last.1 = c,
                _ => at.push((offset, c)),
            }
        }
        Substitutions { at }
    }

    /// Whether nothing changes.
    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The character to show for the one at byte `offset`.
    pub fn get(&self, offset: usize, original: char) -> char {
        let (mut lo, mut hi) = (0, self.at.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.at[mid].0 < offset {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        match self.at.get(lo) {
            Some(&(o, c)) if o == offset => c,
            _ => original,
        }
    }

    /// `segment` (which starts at byte `offset` of the text) as displayed.
    pub fn apply(&self, segment: &str, offset: usize) -> String {
        segment.char_indices().map(|(i, c)| self.get(offset + i, c)).collect()
    }
}

/// A white-space delimited word.
struct Token {
    start: usize,
    end: usize,
    /// A URL or e-mail address: nothing inside changes.
    url: bool,
    /// Has Latin letters (`iPhone15`, `COVID-19`): digits stay as written.
    latin: bool,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let word = &text[s..i];
                let url = word.contains("://")
                    || word.to_ascii_lowercase().starts_with("www.")
                    || word.to_ascii_lowercase().contains("mailto:")
                    || is_email(word);
                let latin = word.chars().any(|c| c.is_ascii_alphabetic());
                out.push(Token {
                    start: s,
                    end: i,
                    url,
                    latin,
                });
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn is_email(word: &str) -> bool {
    match word.split_once('@') {
        Some((user, domain)) => {
            user.chars().last().is_some_and(|c| c.is_alphanumeric())
                && domain.contains('.')
                && domain.chars().next().is_some_and(|c| c.is_alphanumeric())
        }
        None => false,
    }
}

/// Balanced quotation pairs outside URLs: “…” and straight "…" whose
/// opener is followed, and closer preceded, by a non-space.
fn quote_pairs(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let protected = |i: usize| tokens.iter().any(|t| t.url && t.start <= i && i < t.end);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut pairs = Vec::new();
    let mut curly: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '"' | '\u{201C}' | '\u{201D}') || protected(i) {
            continue;
        }
        let next_solid = chars.get(k + 1).is_some_and(|n| !n.1.is_whitespace());
        let prev_solid = k > 0 && !chars[k - 1].1.is_whitespace();
        match c {
            '\u{201C}' => curly = next_solid.then_some(i),
            '\u{201D}' => {
                if let (Some(open), true) = (curly.take(), prev_solid) {
                    pairs.push((open, i));
                }
            }
            _ => match straight {
                Some(open) if prev_solid => {
                    pairs.push((open, i));
                    straight = None;
                }
                _ => straight = next_solid.then_some(i),
            },
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str, q: QuoteStyle, d: DigitStyle) -> String {
        Substitutions::new(text, q, d).apply(text, 0)
    }

    #[test]
    fn guillemets_only_for_balanced_pairs() {
        let g = |t: &str| show(t, QuoteStyle::Guillemets, DigitStyle::Keep);
        assert_eq!(g("مكونة من 32 سيارة “بيك أب” كانت"), "مكونة من 32 سيارة «بيك أب» كانت");
        assert_eq!(g(r#"قال "لن نسمح" ثم "نرفض""#), "قال «لن نسمح» ثم «نرفض»");
        // Unbalanced: left as typed.
        assert_eq!(g(r#"قال "لن نسمح"#), r#"قال "لن نسمح"#);
        assert_eq!(g("قال “لن نسمح"), "قال “لن نسمح");
        // Apostrophes untouched.
        assert_eq!(g("It's “BBC's” view"), "It's «BBC's» view");
        // URLs untouched.
        assert_eq!(
            g(r#"الرابط https://x.com/?q="a" هنا"#),
            r#"الرابط https://x.com/?q="a" هنا"#
        );
    }

    #[test]
    fn digits_convert_outside_urls_and_latin_words() {
        let ai = |t: &str| show(t, QuoteStyle::Keep, DigitStyle::ArabicIndic);
        assert_eq!(
            ai("قتل 120 عنصرا في 2017/5/15 الساعة 6:00"),
            "قتل ١٢٠ عنصرا في ٢٠١٧/٥/١٥ الساعة ٦:٠٠"
        );
        assert_eq!(
            ai("iPhone15 و COVID-19 و https://x.com/2017 و a1@b2.com"),
            "iPhone15 و COVID-19 و https://x.com/2017 و a1@b2.com"
        );
        let w = |t: &str| show(t, QuoteStyle::Keep, DigitStyle::Western);
        assert_eq!(w("قتل ١٢٠ عنصرا و۳۲ سيارة"), "قتل 120 عنصرا و32 سيارة");
    }

    #[test]
    fn digits_in_latin_names_stay() {
        let text = "أطلقت iPhone 15 و Windows 11 في 2023";
        let runs = [(text.find("iPhone").unwrap_or(0), text.find(" و W").unwrap_or(0))];
        let subs = Substitutions::with_latin_runs(text, QuoteStyle::Keep, DigitStyle::ArabicIndic, &runs);
        assert_eq!(subs.apply(text, 0), "أطلقت iPhone 15 و Windows ١١ في ٢٠٢٣");
    }

    #[test]
    fn defaults_change_nothing() {
        let text = "قال “نعم” في 2017";
        assert!(Substitutions::new(text, QuoteStyle::Keep, DigitStyle::Keep).is_empty());
    }
}
