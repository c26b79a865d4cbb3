//! The article model: the one vocabulary every stage speaks.
//!
//! An [`Article`] is metadata plus body [`Block`]s. Every run of prose is a
//! [`Text`]: a plain `String` plus [`Span`]s (byte ranges) for inline marks —
//! never an HTML string — so importers, annotators, anchors and the renderer
//! all count offsets over the same characters.
//!
//! The model serializes (serde) to the documented JSON input format
//! (`schema/article.schema.json`), so `import → JSON → import` is the identity.
//! Input is read through [`crate::ingest::json`], which validates and reports
//! precise paths; there is deliberately no `Deserialize` shortcut around it.

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Writing direction of the article or of a fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    /// Right to left (Arabic, Hebrew, Persian, Urdu, …).
    #[default]
    Rtl,
    /// Left to right.
    Ltr,
    /// Decided by the first strong character.
    Auto,
}

impl Dir {
    /// The value of the HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Rtl => "rtl",
            Dir::Ltr => "ltr",
            Dir::Auto => "auto",
        }
    }

    /// The direction a BCP 47 language tag is written in: `rtl` for Arabic,
    /// Hebrew, Persian, Urdu and the other right-to-left scripts, else `ltr`.
    ///
    /// ```
    /// use rtl_article::model::Dir;
    /// assert_eq!(Dir::for_lang("ar-EG"), Dir::Rtl);
    /// assert_eq!(Dir::for_lang("fa"), Dir::Rtl);
    /// assert_eq!(Dir::for_lang("en"), Dir::Ltr);
    /// assert_eq!(Dir::for_lang("az-Arab"), Dir::Rtl);
    /// ```
    pub fn for_lang(lang: &str) -> Dir {
        let mut subtags = lang.split(['-', '_']);
        let primary = subtags.next().unwrap_or("").to_ascii_lowercase();
        // An explicit script subtag decides (az-Arab, pa-Arab, uz-Arab …).
        for sub in subtags {
            if sub.len() == 4 {
                return match sub.to_ascii_lowercase().as_str() {
                    "arab" | "hebr" | "syrc" | "thaa" | "nkoo" | "adlm" | "rohg" | "mand" => Dir::Rtl,
                    _ => Dir::Ltr,
                };
            }
        }
        match primary.as_str() {
            "ar" | "arc" | "ckb" | "dv" | "fa" | "he" | "iw" | "ks" | "ku" | "ps" | "sd" | "ug" | "ur" | "yi"
            | "syr" | "prs" | "azb" | "glk" | "mzn" | "lrc" | "bal" => Dir::Rtl,
            _ => Dir::Ltr,
        }
    }
}

/// A news article.
///
/// ```
/// use rtl_article::model::{Article, Block, Text};
/// let mut article = Article::new("روسيا ترفض أي اتفاق");
/// article.body.push(Block::Paragraph { text: Text::plain("أعلن مصدر في وزارة الدفاع الروسية…") });
/// assert_eq!(article.lang, "ar");
/// assert_eq!(article.dir.as_str(), "rtl");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The publisher's identifier for the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// BCP 47 language tag; `ar` when the input does not say.
    pub lang: String,
    /// Writing direction; derived from `lang` when the input does not say.
    pub dir: Dir,
    /// The headline.
    pub headline: Text,
    /// The standfirst (dek, summary) shown under the headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standfirst: Option<Text>,
    /// Who wrote it, as printed ("بقلم …" is kept as written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// First publication, ISO 8601 date or date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Last update, ISO 8601 date or date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The site section ("أخبار", "اقتصاد").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Free-form tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Canonical URL of the article.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publishing organisation, for structured data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// The lead figure above the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<Figure>,
    /// The body, in reading order.
    pub body: Vec<Block>,
    /// Related articles, shown after the body.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Link>,
}

impl Article {
    /// An Arabic article with this headline and nothing else.
    pub fn new(headline: impl Into<String>) -> Self {
        Article {
            id: None,
            lang: "ar".to_string(),
            dir: Dir::Rtl,
            headline: Text::plain(headline),
            standfirst: None,
            byline: None,
            published: None,
            updated: None,
            section: None,
            tags: Vec::new(),
            url: None,
            publisher: None,
            lead: None,
            body: Vec::new(),
            related: Vec::new(),
        }
    }

    /// Every run of prose in reading order, each with its path in the JSON
    /// format (`headline`, `standfirst`, `lead.caption`, `body[2].text`,
    /// `body[4].items[1]`, `body[3].attribution`). Annotations and anchors
    /// address text by these paths.
    ///
    /// ```
    /// use rtl_article::model::{Article, Block, Text};
    /// let mut a = Article::new("عنوان");
    /// a.body.push(Block::Paragraph { text: Text::plain("فقرة") });
    /// let paths: Vec<String> = a.texts().into_iter().map(|(p, _)| p).collect();
    /// assert_eq!(paths, ["headline", "body[0].text"]);
    /// ```
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out = vec![("headline".to_string(), &self.headline)];
        if let Some(s) = &self.standfirst {
            out.push(("standfirst".to_string(), s));
        }
        if let Some(c) = self.lead.as_ref().and_then(|f| f.caption.as_ref()) {
            out.push(("lead.caption".to_string(), c));
        }
        for (i, block) in self.body.iter().enumerate() {
            block.texts(&format!("body[{i}]"), &mut out);
        }
        out
    }

    /// The text at a path produced by [`Article::texts`], if there is one.
    pub fn text_at(&self, path: &str) -> Option<&Text> {
        self.texts().into_iter().find(|(p, _)| p == path).map(|(_, t)| t)
    }
}

/// The publishing organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publisher {
    /// Its name.
    pub name: String,
    /// Its home page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its logo image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

/// A figure: an image with its caption and credit.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Figure {
    /// Image URL. Scraped pages often keep the caption but lose the image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// Alternative text for the image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// The caption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// Photographer or agency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Intrinsic width in CSS pixels (reserves space: no layout shift).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Intrinsic height in CSS pixels.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
}

/// A link to another article or page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The link text.
    pub title: String,
    /// Where it goes (http, https, mailto or relative).
    pub url: String,
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Paragraph {
        /// Its text.
        text: Text,
    },
    /// A sub-heading; `level` 2 to 6 (the headline is level 1).
    Heading {
        /// 2 to 6.
        level: u8,
        /// Its text.
        text: Text,
    },
    /// A quotation set apart from the text.
    Blockquote {
        /// What was said.
        text: Text,
        /// Who said it, shown under the quote.
        #[serde(skip_serializing_if = "Option::is_none")]
        attribution: Option<Text>,
        /// URL of the source (`<blockquote cite>`).
        #[serde(skip_serializing_if = "Option::is_none")]
        cite: Option<String>,
    },
    /// A pull quote: a phrase from the article repeated for emphasis.
    PullQuote {
        /// The phrase.
        text: Text,
        /// Who said it.
        #[serde(skip_serializing_if = "Option::is_none")]
        attribution: Option<Text>,
    },
    /// An ordered or unordered list.
    List {
        /// Numbered (`<ol>`) or bulleted (`<ul>`).
        ordered: bool,
        /// The items.
        items: Vec<Text>,
    },
    /// A figure inside the body.
    Figure(Figure),
    /// A box of related links inside the body.
    Related {
        /// The box heading ("اقرأ أيضا").
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<String>,
        /// The links.
        links: Vec<Link>,
    },
}

impl Block {
    /// The block's `type` in the JSON format.
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Blockquote { .. } => "blockquote",
            Block::PullQuote { .. } => "pull_quote",
            Block::List { .. } => "list",
            Block::Figure(_) => "figure",
            Block::Related { .. } => "related",
        }
    }

    fn texts<'a>(&'a self, prefix: &str, out: &mut Vec<(String, &'a Text)>) {
        match self {
            Block::Paragraph { text } | Block::Heading { text, .. } => {
                out.push((format!("{prefix}.text"), text));
            }
            Block::Blockquote { text, attribution, .. } | Block::PullQuote { text, attribution } => {
                out.push((format!("{prefix}.text"), text));
                if let Some(a) = attribution {
                    out.push((format!("{prefix}.attribution"), a));
                }
            }
            Block::List { items, .. } => {
                for (j, item) in items.iter().enumerate() {
                    out.push((format!("{prefix}.items[{j}]"), item));
                }
            }
            Block::Figure(f) => {
                if let Some(c) = &f.caption {
                    out.push((format!("{prefix}.caption"), c));
                }
            }
            Block::Related { .. } => {}
        }
    }
}

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

/// The one sort instantiation behind [`sort_stable_by_key`] and
/// [`sort_dedup_offsets`].
#[inline(never)]
fn sort_keys(keys: &mut [(usize, usize, usize)]) {
    keys.sort_unstable();
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
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
