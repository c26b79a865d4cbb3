//! Runs of prose: a plain `String` plus marks over byte ranges, and their
//! serialization as the JSON format's inline runs.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// An inline mark over a range of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// A hyperlink.
    Link {
        /// Target URL (checked against the scheme allowlist when rendered).
        href: String,
        /// Advisory title.
        title: Option<String>,
    },
    /// Emphasis (`<em>`).
    Emphasis,
    /// Strong importance (`<strong>`).
    Strong,
}

/// A mark over the byte range `start..end` of a [`Text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// First byte (inclusive), on a char boundary.
    pub start: usize,
    /// Last byte (exclusive), on a char boundary.
    pub end: usize,
    /// The mark.
    pub mark: Mark,
}

/// A run of prose: plain text plus inline marks as byte ranges.
///
/// Spans are sorted by `start` (then longest first) and properly nested; the
/// importers guarantee it and [`Text::push_marked`] keeps it so.
///
/// ```
/// use rtl_article::model::{Mark, Text};
/// let mut t = Text::plain("قال ");
/// t.push_marked("المصدر", Mark::Strong);
/// assert_eq!(t.text, "قال المصدر");
/// assert_eq!(&t.text[t.spans[0].start..t.spans[0].end], "المصدر");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    /// The characters, exactly as the publisher wrote them.
    pub text: String,
    /// Inline marks over `text`.
    pub spans: Vec<Span>,
}

impl Text {
    /// Text with no marks.
    pub fn plain(text: impl Into<String>) -> Self {
        Text {
            text: text.into(),
            spans: Vec::new(),
        }
    }

    /// Whether there are no characters.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Append unmarked text.
    pub fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    /// Append `s` covered by `mark`.
    pub fn push_marked(&mut self, s: &str, mark: Mark) {
        let start = self.text.len();
        self.text.push_str(s);
        self.spans.push(Span {
            start,
            end: self.text.len(),
            mark,
        });
        self.normalize_spans();
    }

    /// Sort spans into document order, outer before inner, and drop empty ones.
    pub fn normalize_spans(&mut self) {
        self.spans.retain(|s| s.start < s.end);
        sort_stable_by_key(&mut self.spans, |s| (s.start, usize::MAX - s.end));
    }
}

/// Sorts `items` by `key`, equal keys kept in their current order (a stable
/// sort).
///
/// Every caller sorts by a pair of offsets, so all of them share one
/// instantiation of the standard unstable sort on `(key, index)` triples
/// (unique, so the order is stable): each `sort_by` on another element type
/// would add its own ~2–4 KB of sorting code to the wasm bundle.
pub(crate) fn sort_stable_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> (usize, usize)) {
    let mut order: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b) = key(item);
            (a, b, i)
        })
        .collect();
    if order.windows(2).all(|w| w[0] <= w[1]) {
        return;
    }
    sort_keys(&mut order);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&(_, _, i)| slots.get_mut(i).and_then(Option::take)),
    );
}

/// Sorts `offsets` ascending and drops repeats, through the same sort as
/// [`sort_stable_by_key`].
pub(crate) fn sort_dedup_offsets(offsets: &mut Vec<usize>) {
    let mut keys: Vec<(usize, usize, usize)> = offsets.iter().map(|&at| (at, 0, 0)).collect();
    sort_keys(&mut keys);
    offsets.clear();
    offsets.extend(keys.iter().map(|k| k.0));
    offsets.dedup();
}

/// The one sort behind [`sort_stable_by_key`] and [`sort_dedup_offsets`]:
/// a bottom-up merge sort, O(n log n) and a few hundred bytes of wasm (the
/// standard library's sorts cost kilobytes per instantiation; a natural
/// merge sort, finding the runs first, was measured at +0.7 KB gzip in the
/// reader for 3 % of an annotation pass).
#[inline(never)]
pub(crate) fn sort_keys(keys: &mut [(usize, usize, usize)]) {
    let n = keys.len();
    if n < 2 {
        return;
    }
    let mut from = keys.to_vec();
    let mut to = keys.to_vec();
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                if j >= end || (i < mid && from[i] <= from[j]) {
                    *slot = from[i];
                    i += 1;
                } else {
                    *slot = from[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    keys.copy_from_slice(&from);
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::plain(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::plain(s)
    }
}

/// `Text` serializes as a plain string when it has no marks, otherwise as an
/// array of inline runs: strings and mark objects `{"strong": …}`,
/// `{"em": …}`, `{"link": …, "href": "…", "title": "…"}` whose content is
/// again inline runs. This is the documented input format.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.spans.is_empty() {
            return serializer.serialize_str(&self.text);
        }
        let runs = Runs {
            text: self,
            start: 0,
            end: self.text.len(),
            spans: &self.spans,
        };
        runs.serialize(serializer)
    }
}

/// The inline runs of `text[start..end]` with `spans` (all inside the range,
/// sorted outer-first).
struct Runs<'a> {
    text: &'a Text,
    start: usize,
    end: usize,
    spans: &'a [Span],
}

impl Runs<'_> {
    /// Split into plain strings and top-level marked children.
    fn items(&self) -> Vec<Run<'_>> {
        let mut items = Vec::new();
        let mut pos = self.start;
        let mut i = 0;
        while i < self.spans.len() {
            let span = &self.spans[i];
            // Children of this span: the following spans that start before it ends.
            let mut j = i + 1;
            while j < self.spans.len() && self.spans[j].start < span.end {
                j += 1;
            }
            if span.start > pos {
                items.push(Run::Plain(&self.text.text[pos..span.start]));
            }
            items.push(Run::Marked(span, &self.spans[i + 1..j]));
            pos = pos.max(span.end);
            i = j;
        }
        if pos < self.end {
            items.push(Run::Plain(&self.text.text[pos..self.end]));
        }
        items
    }
}

enum Run<'a> {
    Plain(&'a str),
    Marked(&'a Span, &'a [Span]),
}

impl Serialize for Runs<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.items();
        if self.spans.is_empty() {
            return serializer.serialize_str(&self.text.text[self.start..self.end]);
        }
        let mut seq = serializer.serialize_seq(Some(items.len()))?;
        for item in items {
            match item {
                Run::Plain(s) => seq.serialize_element(s)?,
                Run::Marked(span, children) => {
                    let inner = Runs {
                        text: self.text,
                        start: span.start,
                        end: span.end,
                        spans: children,
                    };
                    seq.serialize_element(&MarkedRun { span, inner })?
                }
            }
        }
        seq.end()
    }
}

struct MarkedRun<'a> {
    span: &'a Span,
    inner: Runs<'a>,
}

impl Serialize for MarkedRun<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match &self.span.mark {
            Mark::Link { href, title } => {
                map.serialize_entry("link", &self.inner)?;
                map.serialize_entry("href", href)?;
                if let Some(t) = title {
                    map.serialize_entry("title", t)?;
                }
            }
            Mark::Emphasis => map.serialize_entry("em", &self.inner)?,
            Mark::Strong => map.serialize_entry("strong", &self.inner)?,
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The natural merge sort sorts like the standard sort and keeps equal
    /// keys in their order, on random lists of every shape: sorted,
    /// reversed, a few sorted runs, random.
    #[test]
    fn the_merge_sort_is_a_stable_sort() {
        let mut rand = crate::test_rand::Rand::new(0x2545_f491_4f6c_dd1d);
        let mut next = move |m: u64| rand.below(m as usize);
        for round in 0..2000 {
            let n = next(70);
            let mut items: Vec<(usize, usize)> = (0..n).map(|_| (next(12), next(3))).collect();
            match round % 4 {
                0 => items.sort(),
                1 => items.sort_by(|a, b| b.cmp(a)),
                2 => {
                    let cut = next(n as u64 + 1);
                    items[..cut].sort();
                    items[cut..].sort();
                }
                _ => {}
            }
            let tagged: Vec<(usize, usize, usize)> = items.iter().enumerate().map(|(i, &(a, b))| (a, b, i)).collect();
            let mut expected = tagged.clone();
            expected.sort_by_key(|&(a, b, _)| (a, b));
            let mut got = tagged.clone();
            sort_stable_by_key(&mut got, |&(a, b, _)| (a, b));
            assert_eq!(got, expected, "{items:?}");
            let mut offsets: Vec<usize> = items.iter().map(|&(a, _)| a).collect();
            let mut want = offsets.clone();
            want.sort_unstable();
            want.dedup();
            sort_dedup_offsets(&mut offsets);
            assert_eq!(offsets, want);
        }
    }

    #[test]
    fn nested_marks_serialize_as_runs() {
        let mut t = Text::plain("قال ");
        let start = t.text.len();
        t.push_str("وزير ");
        t.push_marked("الدفاع", Mark::Strong);
        t.spans.push(Span {
            start,
            end: t.text.len(),
            mark: Mark::Link {
                href: "/topics/defence".into(),
                title: None,
            },
        });
        t.push_str(" أمس");
        t.normalize_spans();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"["قال ",{"link":["وزير ",{"strong":"الدفاع"}],"href":"/topics/defence"}," أمس"]"#
        );
    }
    #[test]
    fn equal_spans_keep_their_order_outer_first() {
        // "الرقة" bold-and-italic (strong added first), inside a longer link.
        let mut t = Text::plain("سيطرت القوات على الرقة أمس");
        let start = t.text.find("الرقة").unwrap();
        let end = start + "الرقة".len();
        t.spans.push(Span {
            start,
            end,
            mark: Mark::Strong,
        });
        t.spans.push(Span {
            start,
            end,
            mark: Mark::Emphasis,
        });
        t.spans.push(Span {
            start: 0,
            end,
            mark: Mark::Link {
                href: "/raqqa".into(),
                title: None,
            },
        });
        t.normalize_spans();
        let marks: Vec<&Mark> = t.spans.iter().map(|s| &s.mark).collect();
        assert!(
            matches!(marks[..], [Mark::Link { .. }, Mark::Strong, Mark::Emphasis]),
            "{marks:?}"
        );
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"[{"link":["سيطرت القوات على ",{"strong":[{"em":"الرقة"}]}],"href":"/raqqa"}," أمس"]"#
        );
    }
    #[test]
    fn shared_sort_matches_the_standard_stable_sort() {
        // Deterministic pseudo-random ranges with many ties.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as usize
        };
        for len in [0, 1, 2, 7, 20, 21, 64, 300] {
            let items: Vec<(usize, usize, usize)> = (0..len).map(|i| (next(12), next(12), i)).collect();
            let mut ours = items.clone();
            sort_stable_by_key(&mut ours, |&(s, e, _)| (s, usize::MAX - e));
            let mut std_sorted = items.clone();
            std_sorted.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            assert_eq!(ours, std_sorted, "len {len}");

            let mut offsets: Vec<usize> = items.iter().map(|&(s, _, _)| s).collect();
            let mut std_offsets = offsets.clone();
            std_offsets.sort_unstable();
            std_offsets.dedup();
            sort_dedup_offsets(&mut offsets);
            assert_eq!(offsets, std_offsets, "len {len}");
        }
    }
    #[test]
    fn plain_text_serializes_as_string() {
        assert_eq!(serde_json::to_string(&Text::plain("نص")).unwrap(), r#""نص""#);
    }
}
