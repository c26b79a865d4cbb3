//! Anchoring: describing a range of an article's text so it can be found
//! again, and finding it again after the article is edited — or saying it
//! cannot be found (an *orphan*), which is always better than a wrong place.
//!
//! A range is described ([`Document::describe`]) as a W3C
//! `TextQuoteSelector` — the exact words, plus a prefix and suffix just long
//! enough to make them unique in the article, cut at word boundaries — and
//! a `TextPositionSelector` in Unicode code points, with the id of the text
//! it is in and that text's place in the article. Ranges are first widened
//! to whole characters with their diacritics: a letter is never split from
//! its marks.
//!
//! A selector is resolved ([`Document::resolve`]) in three steps, all on
//! Arabic-folded text ([`crate::text::normalize`]: hamza forms, ة/ه, ى/ي,
//! diacritics, tatweel, digit systems, quotation mark shapes and white
//! space do not matter), the result mapped back to the publisher's
//! characters:
//!
//! 1. **Position**: the text it was in still has the same words at the same
//!    place, with the same context: done.
//! 2. **Exact quote** with its whole context, in exactly one place: done.
//! 3. **Approximate**: every place where the quote matches with at most
//!    about a third of its characters wrong (`myers.rs`, bit-parallel) is a
//!    candidate — every one, not only those with the fewest errors — and is
//!    scored on the quote (weight 50), the prefix (20), the suffix (20) and
//!    the distance from where it was (10: the same text, then its place in
//!    the article). The best candidate wins only if it is strong and clearly
//!    ahead of the second.
//!
//! Two rules guard against the lookalike — a near-identical paragraph
//! (a copy, a recap) that makes other clients anchor to words the reader
//! never marked: when the annotation's context still stands elsewhere with
//! the reader's words edited between it, the place elsewhere is a
//! lookalike and the annotation an orphan; and when two places are too
//! close to call, the text the annotation was in wins only if it kept its
//! id and still has the whole context and four in five of the words. The
//! edit corpus (`tests/anchor_edits.rs`, 320 generated edits of Arabic
//! news text) holds the resolver to no wrong placement at all.
//!
//! ```
//! use rtl_article::anchor::{Document, Resolution};
//! let before = Document::new([("p1", "قال المصدر إن القوات دخلت مدينة الرقة صباح اليوم.")]);
//! let selector = before.describe("p1", 14, 37).unwrap();
//! assert_eq!(selector.exact, "القوات دخلت مدينة الرقة");
//!
//! // A sentence inserted before, diacritics added: the words are found again.
//! let after = Document::new([("p1", "وفي تطور جديد، قال المصدر إن القوّاتِ دخلت مدينة الرقة صباح اليوم.")]);
//! let Resolution::Placed(place) = after.resolve(&selector) else { panic!() };
//! assert_eq!(after.slice(&place), "القوّاتِ دخلت مدينة الرقة");
//!
//! // The sentence deleted: an orphan, not a guess.
//! let gone = Document::new([("p1", "وصلت تعزيزات إلى المنطقة.")]);
//! assert!(matches!(gone.resolve(&selector), Resolution::Orphan(_)));
//! ```

mod myers;
pub mod w3c;

use crate::model::Article;
use crate::text::normalize::{fold, Folded};
use crate::text::offsets::Offsets;
use crate::text::words::is_word_char;

/// The longest prefix or suffix a description keeps, in characters.
const MAX_CONTEXT_CHARS: usize = 64;

/// Score weights (the Hypothesis client's quote/prefix/suffix weights, and a
/// position weight large enough to tell apart two otherwise equal places).
const QUOTE_WEIGHT: f32 = 50.0;
const PREFIX_WEIGHT: f32 = 20.0;
const SUFFIX_WEIGHT: f32 = 20.0;
const POSITION_WEIGHT: f32 = 10.0;
const TOTAL_WEIGHT: f32 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/// The weakest a placed candidate may be (of 1.0).
const MIN_SCORE: f32 = 0.7;
/// The weakest quote match a placed candidate may have.
const MIN_QUOTE: f32 = 0.65;
/// The share of the quote's words, in order, a candidate in the text the
/// annotation was in must keep to be preferred over an equally good rival
/// elsewhere: one word in five may have been edited.
const SURE_WORDS: f32 = 0.8;
/// The fewest non-space context characters that can show where the words
/// were after they were edited.
const MIN_FRAME_CHARS: usize = 5;
/// How alike the words inside a standing context must be to the quote for
/// that place to count as the annotation's, edited.
const MIN_FRAME_QUOTE: f32 = 0.4;
/// How far ahead of the second best the best must be (of 1.0).
const MIN_MARGIN: f32 = 0.08;

/// A described range: W3C `TextQuoteSelector` and `TextPositionSelector`
/// fields, with the text it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    /// The text's id ([`crate::model::TextId`] as a string).
    pub text: String,
    /// The text's place among the article's texts (0 = the headline).
    pub index: Option<usize>,
    /// First character (code point), inclusive.
    pub start: usize,
    /// Last character (code point), exclusive.
    pub end: usize,
    /// The words themselves, as written.
    pub exact: String,
    /// The words before, as written (possibly empty).
    pub prefix: String,
    /// The words after, as written (possibly empty).
    pub suffix: String,
}

/// Where a selector was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// The text's id.
    pub text: String,
    /// The text's place among the article's texts.
    pub index: usize,
    /// First character (code point), inclusive.
    pub start: usize,
    /// Last character (code point), exclusive.
    pub end: usize,
    /// Which step found it.
    pub method: Method,
    /// How good the match is, 0.0–1.0 (1.0 for position and exact).
    pub score: f32,
}

/// The step of [`Document::resolve`] that placed a selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The same words at the same place.
    Position,
    /// The exact words with their whole context, in one place.
    Exact,
    /// The best approximate match.
    Fuzzy,
}

/// Why a selector could not be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orphaned {
    /// No place matches the quote within the error bound.
    NotFound,
    /// The best place is too weak a match.
    Weak,
    /// Two places match about equally well.
    Ambiguous,
    /// The quote is empty and its text is gone.
    Empty,
}

/// The outcome of [`Document::resolve`].
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Found.
    Placed(Place),
    /// Not found, or not with confidence.
    Orphan(Orphaned),
}

/// One text of the document, with its folding kept for matching.
struct Passage {
    id: String,
    original: String,
    folded: Folded,
    /// The folded text as characters.
    chars: Vec<char>,
    /// For each folded character, its byte offset in the folded text.
    char_bytes: Vec<usize>,
}

impl Passage {
    fn new(id: &str, original: &str) -> Passage {
        let folded = fold(original);
        let mut chars = Vec::with_capacity(folded.text.len());
        let mut char_bytes = Vec::with_capacity(folded.text.len());
        for (i, c) in folded.text.char_indices() {
            chars.push(c);
            char_bytes.push(i);
        }
        Passage {
            id: id.to_string(),
            original: original.to_string(),
            folded,
            chars,
            char_bytes,
        }
    }

    fn byte_of_char(&self, i: usize) -> usize {
        self.char_bytes.get(i).copied().unwrap_or(self.folded.text.len())
    }

    /// The original code-point range of folded characters `s..e`.
    fn original_range(&self, s: usize, e: usize) -> (usize, usize) {
        let (bs, be) = self.folded.to_original(self.byte_of_char(s), self.byte_of_char(e));
        let mut offsets = Offsets::new(&self.original);
        (offsets.byte(bs).chars, offsets.byte(be).chars)
    }

    /// The folded character index where original code point `cp` falls
    /// (the first folded character from it on).
    fn folded_index(&self, cp: usize) -> usize {
        let byte = Offsets::new(&self.original).chars(cp).byte;
        // First folded char whose original start is at or after `byte`.
        self.char_bytes
            .partition_point(|&fb| self.folded.original_start(fb) < byte)
    }
}

/// An article's texts, ready for describing and resolving many selectors.
pub struct Document {
    passages: Vec<Passage>,
}

/// A candidate place, in folded characters of one passage.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    passage: usize,
    start: usize,
    end: usize,
    quote: f32,
    score: f32,
    exact_context: bool,
}

impl Document {
    /// A document of `(text id, text)` pairs, in reading order.
    pub fn new<'a>(texts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Document {
        Document {
            passages: texts.into_iter().map(|(id, text)| Passage::new(id, text)).collect(),
        }
    }

    /// The texts of `article` ([`Article::texts`]).
    pub fn from_article(article: &Article) -> Document {
        Document::from_article_with_ids(article, &article.block_ids())
    }

    /// [`Document::from_article`] with the body's ids already computed.
    pub(crate) fn from_article_with_ids(article: &Article, ids: &[String]) -> Document {
        let texts = article.texts_with_ids(ids);
        let ids: Vec<String> = texts.iter().map(|t| t.id.to_string()).collect();
        Document::new(
            ids.iter()
                .map(String::as_str)
                .zip(texts.iter().map(|t| t.text.text.as_str())),
        )
    }

    /// Anchor `annotation` in this document again: its selector is
    /// described afresh where it was found (the source kept), or, when it
    /// cannot be placed, kept as it was and the annotation marked an
    /// orphan. A note on the whole article (no selector) is left alone.
    /// Returns where it now is.
    ///
    /// ```
    /// use rtl_article::anchor::{w3c::Annotation, Document};
    /// let before = Document::new([("p1", "قال المصدر إن القوات دخلت مدينة الرقة.")]);
    /// let mut a = Annotation { selector: before.describe("p1", 14, 25), ..Annotation::default() };
    /// let after = Document::new([("p2", "في تطور جديد، قال المصدر إن القوات دخلت مدينة الرقة.")]);
    /// let place = after.reanchor(&mut a).unwrap();
    /// assert_eq!(after.slice(&place), "القوات دخلت");
    /// assert_eq!(a.selector.as_ref().unwrap().text, "p2");
    /// assert!(!a.orphan);
    /// ```
    pub fn reanchor(&self, annotation: &mut w3c::Annotation) -> Option<Place> {
        let selector = annotation.selector.as_ref()?;
        match self.resolve(selector) {
            Resolution::Placed(place) => {
                annotation.selector = self.describe(&place.text, place.start, place.end);
                annotation.orphan = false;
                Some(place)
            }
            Resolution::Orphan(_) => {
                annotation.orphan = true;
                None
            }
        }
    }

    /// The publisher's characters at `place`.
    pub fn slice(&self, place: &Place) -> String {
        self.passages
            .get(place.index)
            .map(|p| {
                p.original
                    .chars()
                    .skip(place.start)
                    .take(place.end - place.start)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether passage `i` has exactly the selector's characters at its
    /// position (with its prefix and suffix around them, with `context`).
    fn verbatim(&self, i: usize, selector: &Selector, context: bool) -> bool {
        let (prefix, suffix) = match context {
            true => (selector.prefix.as_str(), selector.suffix.as_str()),
            false => ("", ""),
        };
        let original = &self.passages[i].original;
        let Some(from) = selector.start.checked_sub(prefix.chars().count()) else {
            return false;
        };
        let at = Offsets::new(original).chars(from);
        // Bytes, not `str` patterns: the reader bundle weighs every searcher.
        let mut rest = &original.as_bytes()[at.byte..];
        at.chars == from
            && selector.exact.chars().count() == selector.end.wrapping_sub(selector.start)
            && [prefix, &selector.exact, suffix].iter().all(|want| {
                let here = rest.starts_with(want.as_bytes());
                rest = rest.get(want.len()..).unwrap_or_default();
                here
            })
    }

    /// The text named `id` and its index.
    fn passage(&self, id: &str) -> Option<(usize, &Passage)> {
        self.passages.iter().enumerate().find(|(_, p)| p.id == id)
    }

    /// Describe characters `start..end` (code points) of text `text`: the
    /// range widened to keep every letter with its diacritics, the exact
    /// words, and context just long enough to be unique (whole words, at
    /// least one each side where there is one, at most
    /// 64 characters). `None` when the text is not in the document or the
    /// range is out of it.
    pub fn describe(&self, text: &str, start: usize, end: usize) -> Option<Selector> {
        let (index, passage) = self.passage(text)?;
        let chars: Vec<char> = passage.original.chars().collect();
        if start > end || end > chars.len() {
            return None;
        }
        let (start, end) = widen(&chars, start, end);
        let exact: String = chars[start..end].iter().collect();
        // Grow the context a word at a time until the folded
        // prefix + exact + suffix occurs once in the whole document.
        let mut prefix_start = start;
        let mut suffix_end = end;
        let mut words = 0;
        loop {
            let grown_prefix = word_back(&chars, prefix_start);
            let grown_suffix = word_forward(&chars, suffix_end);
            let can_grow = (grown_prefix < prefix_start && start - grown_prefix <= MAX_CONTEXT_CHARS)
                || (grown_suffix > suffix_end && grown_suffix - end <= MAX_CONTEXT_CHARS);
            if words > 0 && (!can_grow || self.unique(&chars[prefix_start..suffix_end])) {
                break;
            }
            if !can_grow {
                break;
            }
            if start - grown_prefix <= MAX_CONTEXT_CHARS {
                prefix_start = grown_prefix;
            }
            if grown_suffix - end <= MAX_CONTEXT_CHARS {
                suffix_end = grown_suffix;
            }
            words += 1;
        }
        Some(Selector {
            text: passage.id.clone(),
            index: Some(index),
            start,
            end,
            exact,
            prefix: chars[prefix_start..start].iter().collect(),
            suffix: chars[end..suffix_end].iter().collect(),
        })
    }

    /// Whether `span` (prefix, exact and suffix), folded, occurs once in
    /// the document.
    fn unique(&self, span: &[char]) -> bool {
        let whole: String = span.iter().collect();
        let needle: Vec<char> = fold(&whole).text.chars().collect();
        if needle.iter().all(|c| c.is_whitespace()) {
            return false;
        }
        let mut count = 0;
        let finder = Needle::new(&needle);
        for p in &self.passages {
            let mut from = 0;
            while let Some(at) = finder.find(&p.chars, from) {
                count += 1;
                if count > 1 {
                    return false;
                }
                from = at + 1;
            }
        }
        count == 1
    }

    /// Find `selector` in this document (see the [module docs](self)).
    pub fn resolve(&self, selector: &Selector) -> Resolution {
        let exact = fold(&selector.exact).text;
        let exact_chars: Vec<char> = exact.chars().collect();
        // The text it was in, when the document still has it.
        let hint = self.passage(&selector.text).map(|(i, _)| i);
        if exact_chars.is_empty() {
            return match hint {
                Some(i) => {
                    // Nothing that folding keeps (a joiner, a tatweel): the
                    // very characters where they were, else the place.
                    let (start, end) = if self.verbatim(i, selector, false) {
                        (selector.start, selector.end)
                    } else {
                        let at = selector.start.min(self.passages[i].original.chars().count());
                        (at, at)
                    };
                    Resolution::Placed(self.place(i, start, end, Method::Position, 1.0))
                }
                None => Resolution::Orphan(Orphaned::Empty),
            };
        }
        let prefix: Vec<char> = fold(&selector.prefix).text.chars().collect();
        let suffix: Vec<char> = fold(&selector.suffix).text.chars().collect();

        // 1. Position: the very characters, with their very context, where
        // they were (what folding drops or merges cannot get in the way);
        // else the same folded words with the same folded context.
        if let Some(i) = hint {
            if self.verbatim(i, selector, true) {
                return Resolution::Placed(self.place(i, selector.start, selector.end, Method::Position, 1.0));
            }
            let p = &self.passages[i];
            let fs = p.folded_index(selector.start);
            let fe = fs + exact_chars.len();
            if p.chars.get(fs..fe) == Some(&exact_chars[..]) && context_equal(&p.chars, fs, fe, &prefix, &suffix) {
                let (os, oe) = p.original_range(fs, fe);
                return Resolution::Placed(self.place(i, os, oe, Method::Position, 1.0));
            }
        }

        // 2. The exact quote with its whole context, in one place, and
        // 3. every approximate candidate, scored: one search finds both
        // (the exact places are the ends without errors).
        let mut exact_hits = Vec::new();
        let candidates = self.candidates(selector, hint, &exact_chars, &prefix, &suffix, &mut exact_hits);
        if let [(i, fs, fe)] = exact_hits[..] {
            // One exact place with its context: accepted, unless an edited
            // version sits where the annotation was, with its context.
            if !lookalike_conflict(&candidates, i, hint)
                && !self.frame_elsewhere((i, fs, fe), &prefix, &suffix, &exact_chars)
            {
                let p = &self.passages[i];
                let (os, oe) = p.original_range(fs, fe);
                return Resolution::Placed(self.place(i, os, oe, Method::Exact, 1.0));
            }
            // The text it was in, by its kept id, has the words barely
            // edited with their whole context: that is where they are.
            let home: Vec<&Candidate> = candidates
                .iter()
                .filter(|c| Some(c.passage) == hint && self.sure(c, &exact_chars))
                .collect();
            if let [home] = home[..] {
                let p = &self.passages[home.passage];
                let (os, oe) = p.original_range(home.start, home.end);
                return Resolution::Placed(self.place(home.passage, os, oe, Method::Fuzzy, home.score));
            }
            return Resolution::Orphan(Orphaned::Ambiguous);
        }
        let Some(best) = candidates.first() else {
            return Resolution::Orphan(Orphaned::NotFound);
        };
        if best.score < MIN_SCORE || best.quote < MIN_QUOTE {
            return Resolution::Orphan(Orphaned::Weak);
        }
        let mut best = best;
        if let Some(second) = candidates.get(1) {
            if best.score - second.score < MIN_MARGIN {
                // Too close to call, unless the text the annotation was in
                // — by its id, which the publisher kept — still holds the
                // words, barely edited, with their whole context, and the
                // rival is elsewhere.
                let close: Vec<&Candidate> = candidates
                    .iter()
                    .filter(|c| best.score - c.score < MIN_MARGIN)
                    .collect();
                let at_home: Vec<&&Candidate> = close
                    .iter()
                    .filter(|c| Some(c.passage) == hint && self.sure(c, &exact_chars))
                    .collect();
                match at_home[..] {
                    [home]
                        if close
                            .iter()
                            .all(|c| c.passage != home.passage || std::ptr::eq(*c, *home)) =>
                    {
                        best = home;
                    }
                    _ => return Resolution::Orphan(Orphaned::Ambiguous),
                }
            }
        }
        if lookalike_conflict(&candidates, best.passage, hint)
            || self.frame_elsewhere((best.passage, best.start, best.end), &prefix, &suffix, &exact_chars)
        {
            return Resolution::Orphan(Orphaned::Ambiguous);
        }
        let p = &self.passages[best.passage];
        let (os, oe) = p.original_range(best.start, best.end);
        Resolution::Placed(self.place(best.passage, os, oe, Method::Fuzzy, best.score))
    }

    /// Whether the annotation's context — its prefix and suffix, with
    /// about the quote's length of other words between them — stands
    /// somewhere other than `chosen` (passage, start, end): the words were
    /// edited where they were, and `chosen` is a lookalike elsewhere.
    fn frame_elsewhere(&self, chosen: (usize, usize, usize), prefix: &[char], suffix: &[char], exact: &[char]) -> bool {
        let m = exact.len();
        let evidence = |side: &[char]| side.iter().filter(|c| !c.is_whitespace()).count();
        if evidence(prefix) + evidence(suffix) < MIN_FRAME_CHARS {
            return false;
        }
        let (shortest, longest) = (m / 2, 2 * m + 2);
        let (before, after) = (Needle::new(prefix), Needle::new(suffix));
        for (i, p) in self.passages.iter().enumerate() {
            let starts: Vec<usize> = if prefix.is_empty() {
                vec![0]
            } else {
                before.all(&p.chars).into_iter().map(|at| at + prefix.len()).collect()
            };
            for s in starts {
                let end = if suffix.is_empty() {
                    let len = p.chars.len();
                    (len >= s + shortest && len <= s + longest).then_some(len)
                } else {
                    let from = (s + shortest).min(p.chars.len());
                    let to = (s + longest + suffix.len()).min(p.chars.len());
                    after.find(p.chars.get(..to).unwrap_or_default(), from)
                };
                let Some(e) = end else { continue };
                let overlaps = i == chosen.0 && s < chosen.2 && chosen.1 < e;
                // Some of the reader's words are still there: the same
                // passage, edited — not a stretch of other words that
                // happens to sit between the same two.
                let interior = &p.chars[s..e];
                if !overlaps && interior != exact && similarity(exact, interior) >= MIN_FRAME_QUOTE {
                    return true;
                }
            }
        }
        false
    }

    /// Whether candidate `c` keeps the annotation's whole context and at
    /// least [`SURE_WORDS`] of its words, in order.
    fn sure(&self, c: &Candidate, exact: &[char]) -> bool {
        if !c.exact_context || c.quote < MIN_QUOTE {
            return false;
        }
        let had = words_of(exact);
        let has = words_of(&self.passages[c.passage].chars[c.start..c.end]);
        let kept = common_words(&had, &has);
        kept as f32 >= SURE_WORDS * had.len() as f32
    }

    fn place(&self, index: usize, start: usize, end: usize, method: Method, score: f32) -> Place {
        Place {
            text: self.passages[index].id.clone(),
            index,
            start,
            end,
            method,
            score,
        }
    }

    /// Every candidate place of the folded quote, best first, at most one
    /// per region of overlapping matches; and, into `exact_hits`, every
    /// place of the quote itself with its whole context (passage, start,
    /// end), in document order.
    fn candidates(
        &self,
        selector: &Selector,
        hint: Option<usize>,
        exact: &[char],
        prefix: &[char],
        suffix: &[char],
        exact_hits: &mut Vec<(usize, usize, usize)>,
    ) -> Vec<Candidate> {
        let m = exact.len();
        let k = max_errors(m);
        let pattern = myers::Pattern::new(exact);
        let old_index = hint.or(selector.index);
        let mut out: Vec<Candidate> = Vec::new();
        for (i, p) in self.passages.iter().enumerate() {
            let ends = myers::scan(&pattern, myers::Forward(&p.chars, 0), k, false);
            for &(fe, _, errors) in &ends {
                if let (0, Some(fs)) = (errors, fe.checked_sub(m)) {
                    if context_equal(&p.chars, fs, fe, prefix, suffix) {
                        exact_hits.push((i, fs, fe));
                    }
                }
            }
            // Group consecutive ends into regions; keep each region's best end.
            let mut regions: Vec<(usize, usize)> = Vec::new();
            for (end, _, errors) in ends {
                match regions.last_mut() {
                    Some(last) if end <= last.0 + k + 1 => {
                        // On a tie the later end: the whole last word
                        // ("مدينة", not "مدين" for "المدينه").
                        if errors <= last.1 {
                            *last = (end, errors);
                        }
                    }
                    _ => regions.push((end, errors)),
                }
            }
            for (end, errors) in regions {
                let back = myers::Backward(&p.chars, end);
                let (mut start, errors) = myers::start_for(&pattern, back, end, m + k, errors);
                // Spaces at the edges the quote does not have are not its;
                // each one cut may be one the quote matched inside it, so a
                // candidate that cutting could take past the bound is none
                // (found by the anchor fuzz target: 3 edits from a quote
                // allowed 2).
                let mut end = end;
                let mut cut = errors;
                let spaced = |c: Option<&char>| c.is_some_and(|c| c.is_whitespace());
                while end > start && spaced(p.chars.get(end - 1)) && !spaced(exact.last()) {
                    end -= 1;
                    cut += 1;
                }
                while start < end && spaced(p.chars.get(start)) && !spaced(exact.first()) {
                    start += 1;
                    cut += 1;
                }
                if cut > k {
                    continue;
                }
                let quote = 1.0 - errors as f32 / m as f32;
                let pre = similarity(
                    prefix,
                    p.chars.get(start.saturating_sub(prefix.len())..start).unwrap_or(&[]),
                );
                let suf = similarity(
                    suffix,
                    p.chars.get(end..(end + suffix.len()).min(p.chars.len())).unwrap_or(&[]),
                );
                let position = match (hint, old_index) {
                    (Some(h), _) if h == i => {
                        let old = p.folded_index(selector.start) as f32;
                        let len = p.chars.len().max(1) as f32;
                        0.5 + 0.5 * (1.0 - ((start as f32 - old).abs() / len).min(1.0))
                    }
                    (_, Some(old)) => {
                        let distance = (old as isize - i as isize).unsigned_abs() as f32;
                        0.5 * (1.0 - (distance / 4.0).min(1.0))
                    }
                    _ => 0.0,
                };
                let score =
                    (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * pre + SUFFIX_WEIGHT * suf + POSITION_WEIGHT * position)
                        / TOTAL_WEIGHT;
                out.push(Candidate {
                    passage: i,
                    start,
                    end,
                    quote,
                    score,
                    exact_context: pre >= 0.999 && suf >= 0.999,
                });
            }
        }
        // Best first; the shared sort keeps the wasm small.
        crate::model::sort_stable_by_key(&mut out, |c| (1_000_000 - (c.score.clamp(0.0, 1.0) * 1e6) as usize, 0));
        out
    }
}

/// The best approximate occurrences of `pattern` in `text`: every end
/// position where it matches with the fewest edits (insertions, deletions,
/// substitutions of characters) found, if that is at most `max_errors`, as
/// `(start, end, errors)` in code points, the start the longest match with
/// that many errors. This is the search `approx-string-match` (the
/// Hypothesis client's matcher) does, run by the bit-parallel matcher the
/// resolver uses — on the strings as given, for benchmarks and checks. The
/// resolver itself asks for more: every place within the bound, each scored
/// ([`Document::resolve`]).
///
/// ```
/// use rtl_article::anchor::approximate_matches;
/// let found = approximate_matches("دخلت القوات مدينة الرقه", "مدينة الرقة", 2);
/// assert!(found.contains(&(12, 23, 1))); // ة for ه: one substitution
/// assert!(found.iter().all(|m| m.2 == 1));
/// ```
pub fn approximate_matches(text: &str, pattern: &str, max_errors: usize) -> Vec<(usize, usize, usize)> {
    let pattern: Vec<char> = pattern.chars().collect();
    let compiled = myers::Pattern::new(&pattern);
    // The text read as it is, not copied into characters first: each end
    // comes with its byte offset, where the search for its start begins.
    let bytes = text.as_bytes();
    let ends = myers::scan(&compiled, myers::Utf8(bytes, 0), max_errors, true);
    ends.into_iter()
        .map(|(end, at, errors)| {
            let back = myers::Utf8Back(bytes, at);
            (
                myers::start_for(&compiled, back, end, pattern.len() + errors, errors).0,
                end,
                errors,
            )
        })
        .collect()
}

/// The edited-original-versus-lookalike conflict: the place about to be
/// chosen is in passage `chosen`, while another candidate with its whole
/// context and a fair quote match sits in the passage the selector named
/// (or, that text being gone, anywhere: without its id nothing says which
/// of two such places the reader's words were in).
fn lookalike_conflict(candidates: &[Candidate], chosen: usize, hint: Option<usize>) -> bool {
    candidates.iter().any(|c| {
        c.passage != chosen
            && c.exact_context
            && c.quote >= MIN_QUOTE
            && match hint {
                Some(h) => c.passage == h,
                None => true,
            }
    }) && candidates.iter().any(|c| c.passage == chosen)
}

/// The words of folded characters.
fn words_of(chars: &[char]) -> Vec<&[char]> {
    chars.split(|c| !is_word_char(*c)).filter(|w| !w.is_empty()).collect()
}

/// How many words of `a` appear in `b` in the same order (the longest
/// common subsequence of words).
fn common_words(a: &[&[char]], b: &[&[char]]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for wa in a {
        let mut diagonal = 0;
        for (j, wb) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if wa == wb { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// Whether the folded characters before `fs` end with `prefix` and those
/// after `fe` start with `suffix`.
fn context_equal(text: &[char], fs: usize, fe: usize, prefix: &[char], suffix: &[char]) -> bool {
    let before = text.get(fs.saturating_sub(prefix.len())..fs).unwrap_or(&[]);
    let after = text.get(fe..(fe + suffix.len()).min(text.len())).unwrap_or(&[]);
    before == prefix && after == suffix
}

/// A string to search for (Horspool's algorithm, the skip table keyed by
/// the low byte of each character): these searches run over the whole
/// document several times per selector, and most places are skipped
/// without being looked at.
struct Needle<'a> {
    chars: &'a [char],
    /// How far the search may move on when the text character under the
    /// needle's last one has this low byte (at most 255, the needle's
    /// length when no character of it but the last has that byte).
    skip: [u8; 256],
}

impl<'a> Needle<'a> {
    fn new(chars: &'a [char]) -> Needle<'a> {
        let n = chars.len();
        let mut skip = [n.min(255) as u8; 256];
        for (j, &c) in chars.iter().enumerate().take(n.saturating_sub(1)) {
            // Later characters give shorter moves, which win.
            skip[c as usize & 0xFF] = (n - 1 - j).min(255) as u8;
        }
        Needle { chars, skip }
    }

    /// The first occurrence in `hay` at or after `from`.
    fn find(&self, hay: &[char], from: usize) -> Option<usize> {
        let n = self.chars.len();
        let (&tail, head) = self.chars.split_last()?;
        let last = hay.len().checked_sub(n)?;
        let mut i = from;
        while i <= last {
            let under = *hay.get(i + n - 1)?;
            if under == tail {
                // Character by character: no call to memcmp for the many
                // places where only a few agree.
                let mut j = 0;
                while j < head.len() && hay.get(i + j) == head.get(j) {
                    j += 1;
                }
                if j == head.len() {
                    return Some(i);
                }
            }
            i += usize::from(self.skip[under as usize & 0xFF]).max(1);
        }
        None
    }

    /// Start indexes of every occurrence in `hay`, overlapping ones too.
    fn all(&self, hay: &[char]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = self.find(hay, from) {
            out.push(at);
            from = at + 1;
        }
        out
    }
}

/// The most edits (insertions, deletions, substitutions of folded
/// characters) a place may differ from a quote of `m` folded characters
/// by and still be a candidate: about a third, fewer for short quotes,
/// which carry little evidence.
pub(crate) fn max_errors(m: usize) -> usize {
    if m < 8 {
        m / 8
    } else if m < 16 {
        m / 5
    } else {
        m * 3 / 10
    }
}

/// 1 − edit distance / length: how alike `want` (the stored context) and
/// `got` (the text there now) are; 1.0 when there is no context to compare.
fn similarity(want: &[char], got: &[char]) -> f32 {
    if want.is_empty() {
        return 1.0;
    }
    // Context is at most 64 characters: plain dynamic programming.
    1.0 - (edit_distance(want, got) as f32 / want.len() as f32).min(1.0)
}

/// The edit distance (insertions, deletions, substitutions) between `a`
/// and `b`, by plain dynamic programming: for short strings, and the
/// reference the bit-parallel matcher is tested against.
pub(crate) fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Whether `c` is a combining mark that belongs to the letter before it.
fn is_mark(c: char) -> bool {
    crate::text::normalize::is_diacritic(c) || matches!(c, '\u{0300}'..='\u{036F}' | '\u{200D}')
}

/// `start..end` widened so no letter is cut from its marks.
fn widen(chars: &[char], mut start: usize, mut end: usize) -> (usize, usize) {
    while start > 0 && chars.get(start).copied().is_some_and(is_mark) {
        start -= 1;
    }
    while end < chars.len() && chars.get(end).copied().is_some_and(is_mark) {
        end += 1;
    }
    (start, end.max(start))
}

/// The start of the word before position `at` (with the spaces between),
/// or `at` when there is none.
fn word_back(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i > 0 && !is_word_char(chars[i - 1]) {
        i -= 1;
    }
    while i > 0 && is_word_char(chars[i - 1]) {
        i -= 1;
    }
    if i == at {
        at
    } else {
        i
    }
}

/// The end of the word after position `at` (with the spaces between).
fn word_forward(chars: &[char], at: usize) -> usize {
    let mut i = at;
    while i < chars.len() && !is_word_char(chars[i]) {
        i += 1;
    }
    while i < chars.len() && is_word_char(chars[i]) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::Needle;

    #[test]
    fn needles_are_found_wherever_they_occur() {
        let mut generator = crate::test_rand::Rand::new(0x853c_49e6_748f_ea9b);
        let mut rand = |n: usize| generator.below(n);
        // Characters that share a low byte (ا U+0627 and ' U+0027), and
        // needles longer than the skip table can say.
        let alphabet: Vec<char> = "اب'ت \u{1627}x".chars().collect();
        for round in 0..2000 {
            let n = if round % 50 == 0 { 250 + rand(300) } else { rand(12) };
            let needle: Vec<char> = (0..n).map(|_| alphabet[rand(alphabet.len())]).collect();
            let mut hay: Vec<char> = (0..rand(600)).map(|_| alphabet[rand(alphabet.len())]).collect();
            for _ in 0..rand(3) {
                let at = rand(hay.len() + 1);
                hay.splice(at..at, needle.iter().copied());
            }
            let want: Vec<usize> = if needle.is_empty() || needle.len() > hay.len() {
                Vec::new()
            } else {
                (0..=hay.len() - needle.len())
                    .filter(|&i| hay[i..i + needle.len()] == needle[..])
                    .collect()
            };
            let finder = Needle::new(&needle);
            assert_eq!(finder.all(&hay), want, "needle {needle:?}");
            let from = rand(hay.len() + 2);
            assert_eq!(finder.find(&hay, from), want.iter().copied().find(|&i| i >= from));
        }
    }
}
