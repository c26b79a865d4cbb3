//! Offsets in the three units a text is counted in: UTF-8 bytes (how the
//! crate addresses text internally), Unicode code points (the unit of W3C
//! `TextPositionSelector`) and UTF-16 code units (what the DOM and
//! JavaScript strings count). This module is the one place they are
//! converted; the W3C output, the wasm boundary and anchoring all use it.
//!
//! An [`Offsets`] walks its text forward, so converting a sorted list of
//! offsets costs one pass over the text; going backwards restarts from the
//! beginning. Offsets inside a character are moved to its start, and
//! offsets past the end to the end: never a panic.
//!
//! ```
//! use rtl_article::text::offsets::Offsets;
//! let text = "قال 😃 Trump";
//! let mut at = Offsets::new(text);
//! let trump = at.byte(text.find("Trump").unwrap());
//! assert_eq!((trump.chars, trump.utf16), (6, 7)); // the emoji is one code point, two UTF-16 units
//! assert_eq!(at.utf16(7).byte, text.find("Trump").unwrap());
//! assert_eq!(at.chars(6).utf16, 7);
//! ```

/// One position of a text in all three units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    /// UTF-8 bytes from the start.
    pub byte: usize,
    /// Unicode code points from the start.
    pub chars: usize,
    /// UTF-16 code units from the start.
    pub utf16: usize,
}

/// A forward-walking converter over one text.
#[derive(Debug, Clone)]
pub struct Offsets<'a> {
    text: &'a str,
    at: Position,
}

impl<'a> Offsets<'a> {
    /// A converter at the start of `text`.
    pub fn new(text: &'a str) -> Offsets<'a> {
        Offsets {
            text,
            at: Position::default(),
        }
    }

    /// The position at UTF-8 byte `byte` (moved to the start of the
    /// character it falls in; clamped to the text).
    pub fn byte(&mut self, byte: usize) -> Position {
        self.walk(|p, c| p.byte + c.len_utf8() > byte, |p| p.byte > byte)
    }

    /// The position after `chars` code points (clamped to the text).
    pub fn chars(&mut self, chars: usize) -> Position {
        self.walk(|p, _| p.chars >= chars, |p| p.chars > chars)
    }

    /// The position at UTF-16 unit `utf16` (an offset between the two
    /// halves of a surrogate pair is moved to the pair's start; clamped).
    pub fn utf16(&mut self, utf16: usize) -> Position {
        self.walk(
            |p, c| p.utf16 >= utf16 || p.utf16 + c.len_utf16() > utf16,
            |p| p.utf16 > utf16,
        )
    }

    /// Walk forward until `stop(position, next char)`; restart first when
    /// the current position is already `past` the target.
    fn walk(&mut self, stop: impl Fn(&Position, char) -> bool, past: impl Fn(&Position) -> bool) -> Position {
        if past(&self.at) {
            self.at = Position::default();
        }
        let rest = self.text.get(self.at.byte..).unwrap_or_default();
        for c in rest.chars() {
            if stop(&self.at, c) {
                return self.at;
            }
            self.at.byte += c.len_utf8();
            self.at.chars += 1;
            self.at.utf16 += c.len_utf16();
        }
        self.at
    }
}

/// The UTF-16 length of `text`.
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_three_units_agree_on_every_boundary() {
        let text = "في 😃 الرقّة 𝐀b\u{0301}";
        let mut at = Offsets::new(text);
        let mut expected = Position::default();
        for c in text.chars().chain(['\0']) {
            assert_eq!(at.byte(expected.byte), expected);
            assert_eq!(Offsets::new(text).chars(expected.chars), expected);
            assert_eq!(Offsets::new(text).utf16(expected.utf16), expected);
            expected.byte += c.len_utf8();
            expected.chars += 1;
            expected.utf16 += c.len_utf16();
        }
    }

    #[test]
    fn backwards_restarts_and_inside_moves_to_the_start() {
        let text = "a😃b";
        let mut at = Offsets::new(text);
        assert_eq!(at.byte(5).chars, 2);
        assert_eq!(at.byte(1).chars, 1);
        // Byte 2 is inside the emoji; UTF-16 unit 2 is between its halves.
        assert_eq!(at.byte(2).byte, 1);
        assert_eq!(at.utf16(2).byte, 1);
        assert_eq!(
            at.chars(99),
            Position {
                byte: 6,
                chars: 3,
                utf16: 4
            }
        );
        assert_eq!(utf16_len(text), 4);
    }
}
