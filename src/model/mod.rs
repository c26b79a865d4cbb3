//! The article model: the one vocabulary every stage speaks.
//!
//! An [`Article`] is metadata plus body [`Block`]s. Every run of prose is a
//! [`Text`]: a plain `String` plus [`Span`]s (byte ranges) for inline marks —
//! never an HTML string — so importers, annotators, anchors and the renderer
//! all count offsets over the same characters.
//!
//! Blocks, their stable ids and the names of their texts are [`block`]'s;
//! runs of prose and their marks [`text`]'s.
//!
//! The model serializes (serde) to the documented JSON input format
//! (`schema/article.schema.json`), so `import → JSON → import` is the identity.
//! Input is read through [`crate::ingest::json`], which validates and reports
//! precise paths; there is deliberately no `Deserialize` shortcut around it.

use serde::Serialize;

use crate::anchor::w3c::Annotation;
use crate::date::Timestamp;

mod block;
mod text;

pub use block::{is_block_id, Block, BlockKind, Part, TextId, TextRef, RESERVED_BLOCK_IDS};
pub(crate) use text::{sort_dedup_offsets, sort_keys, sort_stable_by_key};
pub use text::{Mark, Span, Text};

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
/// use rtl_article::model::{Article, Block};
/// let mut article = Article::new("روسيا ترفض أي اتفاق");
/// article.body.push(Block::paragraph("أعلن مصدر في وزارة الدفاع الروسية…"));
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
    /// First publication, an ISO 8601 date or date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Timestamp>,
    /// Last update, an ISO 8601 date or date-time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
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
    /// Editorial annotations — fact-checks, corrections, footnotes,
    /// glossary entries — anchored to the text ([`crate::anchor::w3c`]),
    /// shown as markers with popovers.
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "notes_json")]
    pub notes: Vec<Annotation>,
}

/// The notes as the W3C annotations they were read from.
fn notes_json<S: serde::Serializer>(notes: &[Annotation], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = serializer.serialize_seq(Some(notes.len()))?;
    for note in notes {
        seq.serialize_element(&note.write::<serde_json::Value>(None))?;
    }
    seq.end()
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
            notes: Vec::new(),
        }
    }

    /// Every run of prose in reading order: the headline, the standfirst,
    /// the lead caption, then the body blocks' texts, each with its
    /// [`TextId`] and JSON path.
    ///
    /// ```
    /// use rtl_article::model::{Article, Block};
    /// let mut a = Article::new("عنوان");
    /// a.body.push(Block::paragraph("فقرة").with_id("p1"));
    /// let ids: Vec<String> = a.texts().iter().map(|t| t.id.to_string()).collect();
    /// assert_eq!(ids, ["headline", "p1"]);
    /// assert_eq!(a.texts()[1].path, "body[0].text");
    /// ```
    pub fn texts(&self) -> Vec<TextRef<'_>> {
        self.texts_with_ids(&self.block_ids())
    }

    /// [`Article::texts`] with the body's ids already computed (`ids` must
    /// be [`Article::block_ids`]): deriving them hashes every block, and a
    /// render asks for the texts several times.
    pub(crate) fn texts_with_ids(&self, ids: &[String]) -> Vec<TextRef<'_>> {
        let mut out = vec![TextRef {
            id: TextId::main("headline"),
            path: "headline".to_string(),
            text: &self.headline,
        }];
        if let Some(s) = &self.standfirst {
            out.push(TextRef {
                id: TextId::main("standfirst"),
                path: "standfirst".to_string(),
                text: s,
            });
        }
        if let Some(c) = self.lead.as_ref().and_then(|f| f.caption.as_ref()) {
            out.push(TextRef {
                id: TextId::main("lead"),
                path: "lead.caption".to_string(),
                text: c,
            });
        }
        for (i, (block, id)) in self.body.iter().zip(ids).enumerate() {
            for (part, path, text) in block.kind.texts() {
                out.push(TextRef {
                    id: TextId {
                        block: id.clone(),
                        part,
                    },
                    path: format!("body[{i}].{path}"),
                    text,
                });
            }
        }
        out
    }

    /// The text named `id`, if the article has it.
    pub fn text(&self, id: &TextId) -> Option<&Text> {
        self.texts().into_iter().find(|t| &t.id == id).map(|t| t.text)
    }

    /// The text at a JSON path (`headline`, `body[2].text`,
    /// `body[4].items[1]`), if there is one.
    pub fn text_at(&self, path: &str) -> Option<&Text> {
        self.texts().into_iter().find(|t| t.path == path).map(|t| t.text)
    }

    /// The JSON path of the text named `id` (for messages and for readers
    /// of the JSON format).
    pub fn path_of(&self, id: &TextId) -> Option<String> {
        self.texts().into_iter().find(|t| &t.id == id).map(|t| t.path)
    }

    /// The id of every body block, in order: the one the input gave, else
    /// one derived from the block's kind and content — a letter for the
    /// kind and eight base-32 characters of a hash (`p-kd3mq2xa`), with
    /// `-2`, `-3` … added to repeats — so an article imported twice gets
    /// the same ids and inserting or removing a block leaves the others'
    /// ids alone.
    ///
    /// ```
    /// use rtl_article::model::{Article, Block};
    /// let mut a = Article::new("عنوان");
    /// a.body.push(Block::paragraph("الفقرة الأولى"));
    /// a.body.push(Block::paragraph("الفقرة الثانية"));
    /// let before = a.block_ids();
    /// a.body.insert(0, Block::paragraph("فقرة جديدة"));
    /// let after = a.block_ids();
    /// assert_eq!(&after[1..], &before[..]);
    /// assert!(after[0].starts_with("p-"));
    /// ```
    pub fn block_ids(&self) -> Vec<String> {
        // Every id given or handed out so far. BTreeMap<String, usize>, the
        // map type the catalog and importers already use: a set type of its
        // own would add its code to the wasm bundle.
        let mut taken: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for (i, id) in self
            .body
            .iter()
            .enumerate()
            .filter_map(|(i, b)| Some((i, b.id.as_ref()?)))
        {
            taken.insert(id.clone(), i);
        }
        // The last suffix each derived base took (the same map type again).
        let mut suffixes: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        self.body
            .iter()
            .enumerate()
            .map(|(i, block)| {
                if let Some(id) = &block.id {
                    return id.clone();
                }
                let hash = crate::hash::fnv1a(crate::hash::FNV_OFFSET, &block.kind.fingerprint());
                let base = format!("{}-{}", block.kind.id_letter(), crate::hash::base32(hash, 8));
                let mut id = base.clone();
                // The same content again (or an id given as base-n): the next
                // free suffix, counted on from the last one this base took,
                // so a thousand equal paragraphs cost a thousand steps, not
                // half a million (the suffixes are the same: ids are never
                // freed, so none below the count can be free).
                let mut n = suffixes.get(&base).copied().unwrap_or(1);
                while taken.contains_key(&id) {
                    n += 1;
                    id = format!("{base}-{n}");
                }
                if n > 1 {
                    suffixes.insert(base, n);
                }
                taken.insert(id.clone(), i);
                id
            })
            .collect()
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
