//! PLACEHOLDER writer — the render owner replaces this.

/// Builds HTML; escapes all text.
#[derive(Debug, Default)]
pub struct HtmlWriter {
    out: String,
}

impl HtmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }
    /// Escaped text.
    pub fn text(&mut self, s: &str) {
        for c in s.chars() {
            match c {
                '<' => self.out.push_str("&lt;"),
                '&' => self.out.push_str("&amp;"),
                _ => self.out.push(c),
            }
        }
    }
    /// The HTML.
    pub fn finish(self) -> String {
        self.out
    }
}
