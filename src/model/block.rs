//! Body blocks, their stable ids, and the names of the texts in them
//! ([`TextId`]) that annotations, anchors and the rendered markup use.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::{Figure, Link, Text};

/// One block of the body: what it is ([`BlockKind`]) and its stable id.
///
/// The id names the block for annotations, anchors and the rendered
/// markup's `data-block` attribute. It is taken from the input when given
/// (JSON `"id"`, a CMS element's `id` or `data-block`); otherwise
/// [`Article::block_ids`] derives one from the block's content, so
/// inserting a paragraph does not renumber every block after it.
///
/// ```
/// use rtl_article::model::{Block, BlockKind, Text};
/// let block = Block::paragraph("قتل 120 عنصرا").with_id("p-intro");
/// assert_eq!(block.id.as_deref(), Some("p-intro"));
/// assert!(matches!(block.kind, BlockKind::Paragraph { .. }));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The publisher's id for the block, when the input gave one.
    pub id: Option<String>,
    /// What the block is, with its content.
    pub kind: BlockKind,
}

/// A block serializes as one object of the JSON format: `id` (when given),
/// `type`, then the kind's fields, absent ones left out. Written by hand
/// rather than with `#[serde(flatten)]`, whose map serializer costs the
/// wasm bundle ~3 KB.
impl Serialize for Block {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        fn opt<S: SerializeStruct, T: Serialize>(
            s: &mut S,
            key: &'static str,
            value: &Option<T>,
        ) -> Result<(), S::Error> {
            match value {
                Some(v) => s.serialize_field(key, v),
                None => s.skip_field(key),
            }
        }
        let mut s = serializer.serialize_struct("Block", 8)?;
        opt(&mut s, "id", &self.id)?;
        s.serialize_field("type", self.type_name())?;
        match &self.kind {
            BlockKind::Paragraph { text } => s.serialize_field("text", text)?,
            BlockKind::Heading { level, text } => {
                s.serialize_field("level", level)?;
                s.serialize_field("text", text)?;
            }
            BlockKind::Blockquote {
                text,
                attribution,
                cite,
            } => {
                s.serialize_field("text", text)?;
                opt(&mut s, "attribution", attribution)?;
                opt(&mut s, "cite", cite)?;
            }
            BlockKind::PullQuote { text, attribution } => {
                s.serialize_field("text", text)?;
                opt(&mut s, "attribution", attribution)?;
            }
            BlockKind::List { ordered, items } => {
                s.serialize_field("ordered", ordered)?;
                s.serialize_field("items", items)?;
            }
            BlockKind::Figure(f) => {
                opt(&mut s, "src", &f.src)?;
                opt(&mut s, "alt", &f.alt)?;
                opt(&mut s, "caption", &f.caption)?;
                opt(&mut s, "credit", &f.credit)?;
                opt(&mut s, "width", &f.width)?;
                opt(&mut s, "height", &f.height)?;
            }
            BlockKind::Related { title, links } => {
                opt(&mut s, "title", title)?;
                s.serialize_field("links", links)?;
            }
        }
        s.end()
    }
}

impl Block {
    /// A block of this kind without a given id.
    pub fn new(kind: BlockKind) -> Block {
        Block { id: None, kind }
    }

    /// A paragraph.
    pub fn paragraph(text: impl Into<Text>) -> Block {
        Block::new(BlockKind::Paragraph { text: text.into() })
    }

    /// A sub-heading of `level` 2 to 6.
    pub fn heading(level: u8, text: impl Into<Text>) -> Block {
        Block::new(BlockKind::Heading {
            level,
            text: text.into(),
        })
    }

    /// The same block with the given id.
    pub fn with_id(mut self, id: impl Into<String>) -> Block {
        self.id = Some(id.into());
        self
    }

    /// The block's `type` in the JSON format.
    pub fn type_name(&self) -> &'static str {
        self.kind.type_name()
    }
}

impl From<BlockKind> for Block {
    fn from(kind: BlockKind) -> Block {
        Block::new(kind)
    }
}

/// What a [`Block`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
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
        attribution: Option<Text>,
        /// URL of the source (`<blockquote cite>`).
        cite: Option<String>,
    },
    /// A pull quote: a phrase from the article repeated for emphasis.
    PullQuote {
        /// The phrase.
        text: Text,
        /// Who said it.
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
        title: Option<String>,
        /// The links.
        links: Vec<Link>,
    },
}

impl BlockKind {
    /// The block's `type` in the JSON format.
    pub fn type_name(&self) -> &'static str {
        match self {
            BlockKind::Paragraph { .. } => "paragraph",
            BlockKind::Heading { .. } => "heading",
            BlockKind::Blockquote { .. } => "blockquote",
            BlockKind::PullQuote { .. } => "pull_quote",
            BlockKind::List { .. } => "list",
            BlockKind::Figure(_) => "figure",
            BlockKind::Related { .. } => "related",
        }
    }

    /// The letter a derived id of this kind of block starts with.
    pub(super) fn id_letter(&self) -> char {
        match self {
            BlockKind::Paragraph { .. } => 'p',
            BlockKind::Heading { .. } => 'h',
            BlockKind::Blockquote { .. } => 'q',
            BlockKind::PullQuote { .. } => 'x',
            BlockKind::List { .. } => 'l',
            BlockKind::Figure(_) => 'f',
            BlockKind::Related { .. } => 'r',
        }
    }

    /// The block's texts with their part and the JSON path of each
    /// (relative to the block: `text`, `attribution`, `items[1]`, `caption`).
    pub(super) fn texts(&self) -> Vec<(Part, String, &Text)> {
        let mut out = Vec::new();
        match self {
            BlockKind::Paragraph { text } | BlockKind::Heading { text, .. } => {
                out.push((Part::Main, "text".to_string(), text));
            }
            BlockKind::Blockquote { text, attribution, .. } | BlockKind::PullQuote { text, attribution } => {
                out.push((Part::Main, "text".to_string(), text));
                if let Some(a) = attribution {
                    out.push((Part::Attribution, "attribution".to_string(), a));
                }
            }
            BlockKind::List { items, .. } => {
                for (j, item) in items.iter().enumerate() {
                    out.push((Part::Item(j), format!("items[{j}]"), item));
                }
            }
            BlockKind::Figure(f) => {
                if let Some(c) = &f.caption {
                    out.push((Part::Main, "caption".to_string(), c));
                }
            }
            BlockKind::Related { .. } => {}
        }
        out
    }

    /// What a derived id is computed from: the kind and every string of
    /// content, each followed by a separator no text contains.
    pub(super) fn fingerprint(&self) -> Vec<u8> {
        let mut key = self.type_name().as_bytes().to_vec();
        let mut add = |s: &str| {
            key.push(0x1f);
            key.extend_from_slice(s.as_bytes());
        };
        match self {
            BlockKind::Heading { level, .. } => add(&level.to_string()),
            BlockKind::Blockquote { cite: Some(c), .. } => add(c),
            BlockKind::Figure(f) => {
                add(f.src.as_deref().unwrap_or(""));
                add(f.credit.as_deref().unwrap_or(""));
            }
            BlockKind::Related { title, links } => {
                add(title.as_deref().unwrap_or(""));
                for l in links {
                    add(&l.title);
                    add(&l.url);
                }
            }
            _ => {}
        }
        for (_, _, text) in self.texts() {
            add(&text.text);
        }
        key
    }
}

/// Which text of a block a [`TextId`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// The block's own text: a paragraph's or heading's, a quotation's, a
    /// figure's caption.
    Main,
    /// The attribution under a blockquote or pull quote.
    Attribution,
    /// A list item, from 0.
    Item(usize),
}

/// The name of one run of prose in an article: the block it belongs to
/// (`headline`, `standfirst`, `lead` — the lead figure's caption — or a
/// body block's id) and which of the block's texts it is. Annotations,
/// anchors and the rendered `data-block`/`data-part` attributes all
/// address text by it.
///
/// It is written `p-kd3mq2xa`, `q-ab2c3d4e/attribution`, `l-a2b3c4d5/2`:
///
/// ```
/// use rtl_article::model::{Part, TextId};
/// let id: TextId = "l-a2b3c4d5/2".parse().unwrap();
/// assert_eq!(id.block, "l-a2b3c4d5");
/// assert_eq!(id.part, Part::Item(2));
/// assert_eq!(id.to_string(), "l-a2b3c4d5/2");
/// assert_eq!(TextId::main("headline").to_string(), "headline");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextId {
    /// `headline`, `standfirst`, `lead`, or a body block's id.
    pub block: String,
    /// Which of the block's texts.
    pub part: Part,
}

impl TextId {
    /// The main text of `block`.
    pub fn main(block: impl Into<String>) -> TextId {
        TextId {
            block: block.into(),
            part: Part::Main,
        }
    }

    /// The `data-part` value of the rendered text container (`None` for
    /// the main text).
    pub fn part_attr(&self) -> Option<String> {
        match self.part {
            Part::Main => None,
            Part::Attribution => Some("attribution".to_string()),
            Part::Item(n) => Some(n.to_string()),
        }
    }
}

impl std::fmt::Display for TextId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.block)?;
        match self.part_attr() {
            Some(part) => write!(f, "/{part}"),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for TextId {
    type Err = crate::Error;

    fn from_str(s: &str) -> crate::Result<TextId> {
        let (block, part) = match s.split_once('/') {
            None => (s, Part::Main),
            Some((block, "attribution")) => (block, Part::Attribution),
            Some((block, written)) => match written.parse::<usize>() {
                // Canonical numbers only: "2", not "02" or "+2".
                Ok(n) if n.to_string() == written => (block, Part::Item(n)),
                _ => {
                    return Err(crate::Error::invalid(
                        "text id",
                        format!("expected \"block\", \"block/attribution\" or \"block/N\", found \"{s}\""),
                    ))
                }
            },
        };
        if block.is_empty() {
            return Err(crate::Error::invalid("text id", format!("no block in \"{s}\"")));
        }
        Ok(TextId {
            block: block.to_string(),
            part,
        })
    }
}

impl Serialize for TextId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One run of prose of an article, as [`Article::texts`] lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRef<'a> {
    /// Its name.
    pub id: TextId,
    /// Its path in the JSON format (`headline`, `body[2].text`,
    /// `body[4].items[1]`), for error messages.
    pub path: String,
    /// The text.
    pub text: &'a Text,
}

/// Ids of blocks the renderer puts beside the body blocks'.
pub const RESERVED_BLOCK_IDS: [&str; 3] = ["headline", "standfirst", "lead"];

/// Whether `id` may be a block id: 1 to 64 ASCII letters, digits, `_`, `-`,
/// `.` or `:`, and not one of [`RESERVED_BLOCK_IDS`] (safe unescaped in an
/// attribute, a URL fragment and a CSS selector).
///
/// ```
/// use rtl_article::model::is_block_id;
/// assert!(is_block_id("par-12"));
/// assert!(!is_block_id("فقرة"));
/// assert!(!is_block_id("a/b"));
/// assert!(!is_block_id("headline"));
/// ```
pub fn is_block_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':'))
        && !RESERVED_BLOCK_IDS.contains(&id)
}

#[cfg(test)]
mod tests {
    use super::super::Article;
    use super::*;

    #[test]
    fn derived_ids_are_stable_and_unique() {
        let mut a = Article::new("عنوان");
        for text in ["أولى", "ثانية", "أولى", "ثالثة"] {
            a.body.push(Block::paragraph(text));
        }
        a.body.push(Block::heading(2, "أولى"));
        let ids = a.block_ids();
        assert_eq!(ids[2], format!("{}-2", ids[0]), "a repeated paragraph gets a suffix");
        assert!(
            ids[4].starts_with("h-") && ids[4] != ids[0],
            "the kind is part of the id"
        );
        let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        assert!(ids.iter().all(|id| is_block_id(id)));
        // Removing, inserting and editing other blocks leaves an id alone.
        let (third, heading) = (ids[3].clone(), ids[4].clone());
        a.body.remove(1);
        a.body.insert(0, Block::paragraph("جديدة"));
        if let BlockKind::Paragraph { text } = &mut a.body[1].kind {
            text.text.push_str(" مع تعديل");
        }
        let after = a.block_ids();
        assert_eq!((&after[3], &after[4]), (&third, &heading));
    }
    #[test]
    fn given_ids_win_and_derived_ones_step_aside() {
        let mut a = Article::new("عنوان");
        a.body.push(Block::paragraph("نص"));
        let derived = a.block_ids()[0].clone();
        a.body.push(Block::paragraph("آخر").with_id(derived.clone()));
        let ids = a.block_ids();
        assert_eq!(ids[1], derived);
        assert_eq!(ids[0], format!("{derived}-2"));
    }
    #[test]
    fn text_ids_round_trip_and_name_every_text() {
        let mut a = Article::new("عنوان");
        a.standfirst = Some(Text::plain("مقدمة"));
        a.body.push(Block::new(BlockKind::List {
            ordered: false,
            items: vec![Text::plain("أ"), Text::plain("ب")],
        }));
        a.body.push(Block::new(BlockKind::Blockquote {
            text: Text::plain("قول"),
            attribution: Some(Text::plain("قائل")),
            cite: None,
        }));
        for t in a.texts() {
            let back: TextId = t.id.to_string().parse().unwrap();
            assert_eq!(back, t.id);
            assert_eq!(a.text(&t.id).map(|x| x.text.as_str()), Some(t.text.text.as_str()));
        }
        let paths: Vec<String> = a.texts().into_iter().map(|t| t.path).collect();
        assert_eq!(
            paths,
            [
                "headline",
                "standfirst",
                "body[0].items[0]",
                "body[0].items[1]",
                "body[1].text",
                "body[1].attribution"
            ]
        );
        for bad in ["", "/2", "p/02", "p/x"] {
            assert!(bad.parse::<TextId>().is_err(), "{bad:?}");
        }
    }
    #[test]
    fn blocks_serialize_with_their_id_and_type() {
        let b = Block::paragraph("نص").with_id("p1");
        assert_eq!(
            serde_json::to_string(&b).unwrap(),
            r#"{"id":"p1","type":"paragraph","text":"نص"}"#
        );
        let f = Block::new(BlockKind::Figure(Figure {
            src: Some("/a.jpg".into()),
            ..Figure::default()
        }));
        assert_eq!(
            serde_json::to_string(&f).unwrap(),
            r#"{"type":"figure","src":"/a.jpg"}"#
        );
    }
}
