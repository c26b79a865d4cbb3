//! Running markup into one [`Text`]: white space collapsed as a browser
//! shows it, control characters and other dirt dropped and counted, marks
//! recorded as byte spans.

use crate::model::{Mark, Span, Text};

/// Collapse white space as a browser shows it and drop control characters
/// (attribute values and other short strings: not counted).
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(is_collapsible) {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

pub(super) fn is_collapsible(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{000C}')
}

/// Builds one [`Text`] from running markup: collapses white space as a
/// browser does and records marks as byte spans.
#[derive(Default)]
pub(super) struct InlineBuilder {
    pub(super) text: Text,
    /// Collapsed white space seen but not yet written (written only if more
    /// text follows, so blocks never start or end with a space).
    pub(super) pending_space: bool,
    /// A zero-width space seen, kept only if it is not inside a word or next
    /// to a space or an end.
    zwsp: bool,
    /// Control characters, byte-order marks and zero-width spaces removed.
    dirt: usize,
}

impl InlineBuilder {
    pub(super) fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if is_collapsible(c) {
                if !self.text.text.is_empty() && !self.text.text.ends_with('\n') {
                    self.pending_space = true;
                }
            } else if c == '\u{200B}' {
                // Decided by the next character (`check::clean`'s rule).
                self.zwsp = true;
            } else if crate::ingest::check::is_dirt(c) {
                // No visible form (a browser shows nothing), counted for the
                // import's warnings.
                self.dirt += 1;
            } else {
                if std::mem::take(&mut self.zwsp) {
                    let word = crate::text::words::is_word_char;
                    let inside = self.text.text.chars().next_back().is_some_and(word) && word(c);
                    if inside || self.pending_space || self.text.text.is_empty() {
                        self.dirt += 1;
                    } else {
                        self.text.text.push('\u{200B}');
                    }
                }
                if self.pending_space {
                    self.text.text.push(' ');
                    self.pending_space = false;
                }
                self.text.text.push(c);
            }
        }
    }

    /// A block boundary inside running text (a `<p>` in an `<li>`): a space.
    pub(super) fn boundary(&mut self) {
        if !self.text.text.is_empty() && !self.text.text.ends_with('\n') {
            self.pending_space = true;
        }
    }

    pub(super) fn line_break(&mut self) {
        if !self.text.text.is_empty() {
            self.text.text.push('\n');
        }
        self.pending_space = false;
    }

    /// Start a mark; returns the handle for [`InlineBuilder::close`].
    pub(super) fn open(&mut self, mark: Mark) -> usize {
        let start = self.text.text.len();
        self.text.spans.push(Span {
            start,
            end: start,
            mark,
        });
        self.text.spans.len() - 1
    }

    pub(super) fn close(&mut self, handle: usize) {
        let end = self.text.text.len();
        let text = &self.text.text;
        if let Some(span) = self.text.spans.get_mut(handle) {
            // A space written at the start belongs before the mark.
            while span.start < end && text.as_bytes().get(span.start) == Some(&b' ') {
                span.start += 1;
            }
            span.end = end;
        }
    }

    pub(super) fn is_blank(&self) -> bool {
        self.text.text.trim().is_empty()
    }

    /// The text, its dirt added to `dirt` (the import's count).
    pub(super) fn finish(self, dirt: &mut usize) -> Text {
        *dirt += self.dirt + usize::from(self.zwsp);
        let mut text = self.text;
        let trimmed = text.text.trim_end_matches([' ', '\n']).len();
        text.text.truncate(trimmed);
        for span in &mut text.spans {
            span.end = span.end.min(trimmed);
            span.start = span.start.min(span.end);
        }
        text.normalize_spans();
        text
    }
}
