//! What a name found in a text stands for, when the name alone cannot say:
//! one pass over a text's hits, after the trie has found them.
//!
//! - A one-word name that **folds to a function word** (علي/على، إمام/أمام)
//!   matches only as the catalog spells it (diacritics and tatweel aside);
//!   spelled as the function word itself (a name من) it also needs context.
//! - A one-word name that is a **common word** (`lexicon::COMMON_WORDS`,
//!   the recognizers' words such as month names, or an entry marked
//!   `"context": true`) needs context: a cue next to it (a word of its
//!   kind's cues, `lexicon::KINDS`, or of its own description and names,
//!   directly or behind a preposition), guillemets around it, or — when it
//!   is not an adjective after a definite noun (الربع الأول), the head of a
//!   construct (أحد أبرز) or a noun with its own adjective (الشعب الجزائري)
//!   — the same entity named earlier in the text, or another entity of its
//!   kind in it. Titles of works need their cue or guillemets every time.
//! - A **shared name** goes to the candidate with the most evidence: cues
//!   next to it (4), the entity named elsewhere in the text (2), another
//!   entity of its kind (1), words of its description in the text (1 each,
//!   up to 3). The others stay as alternatives; the confidence says by how
//!   much it won (0.9, 0.75, 0.5 for a tie, which keeps catalog order).
//!
//! An entry's kind is read from the first word of its description (نادٍ،
//! قناة، مدينة، عملة …). Everything here is linear in the text: the text's
//! word stems are hashed once, only when a hit needs them.

use super::codec::Store;
use super::index::{Hit, Index, Token};
use super::{Catalog, EntityType};
use crate::hash::word_hash;
use crate::lexicon::{COMMON_WORDS, CUE_PREPOSITIONS, FUNCTION_EXTRA, FUNCTION_SPELLINGS, FUNCTION_WORDS, KINDS};
use crate::text::normalize::fold_str;

/// A guard bit: the name matches only as the catalog spells it.
pub(super) const EXACT: u8 = 1;
/// A guard bit: the name needs context.
pub(super) const CONTEXT: u8 = 2;

/// A hit once resolved: confidence 0 drops it.
pub(super) struct Mention {
    pub entity: u32,
    pub confidence: f32,
    pub alternatives: Vec<u32>,
}

/// What context reads of an entry: its kind (index + 1 into
/// `lexicon::KINDS`, 0 for none) and the stems of its names' and
/// description's words, hashed and sorted.
pub(super) struct Profile {
    kind: u8,
    stems: Vec<u64>,
}

/// The guards of a catalog's one-word names, sorted by node.
pub(super) fn guards(store: &Store, kinds: &[(EntityType, bool, bool)], index: &Index) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    for (node, entity, name) in index.one_token_names() {
        let Ok(word) = std::str::from_utf8(name) else {
            continue;
        };
        let mut guard = 0;
        if FUNCTION_WORDS.contains(&word) || FUNCTION_EXTRA.contains(&word) {
            guard |= EXACT;
            store.texts(entity as usize, &mut |n, description| {
                if !description && FUNCTION_SPELLINGS.split(' ').any(|f| f == bare(n)) {
                    guard |= CONTEXT;
                }
            });
        }
        let noun = word.strip_prefix("ال").filter(|r| !r.is_empty()).unwrap_or(word);
        if COMMON_WORDS.contains(&noun)
            || crate::annotate::tokens::is_lexicon_word(word)
            || kinds.get(entity as usize).is_some_and(|k| k.2)
        {
            guard |= CONTEXT;
        }
        if guard != 0 {
            out.push((node, guard));
        }
    }
    out.sort_unstable();
    out
}

/// `s` without diacritics and tatweel, trimmed.
fn bare(s: &str) -> String {
    s.trim()
        .chars()
        .filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'))
        .collect()
}

/// `w` without the proclitics و/ف, then ب/ل/ك or the article (and لل).
fn strip_proclitics(w: &str) -> &str {
    let long = |r: &str| r.chars().nth(1).is_some();
    let mut w = w;
    if let Some(r) = w.strip_prefix('و').or_else(|| w.strip_prefix('ف')).filter(|r| long(r)) {
        w = r;
    }
    for p in ["بال", "كال", "لل", "ال", "ب", "ل"] {
        if let Some(r) = w.strip_prefix(p).filter(|r| long(r)) {
            return r;
        }
    }
    w
}

/// `w` without an attached pronoun.
fn strip_enclitic(w: &str) -> &str {
    for s in ["هما", "ها", "هم", "ه"] {
        if let Some(r) = w.strip_suffix(s).filter(|r| r.chars().nth(1).is_some()) {
            return r;
        }
    }
    w
}

/// The stem words are compared by in a profile: no clitics, no nisba or
/// feminine ending (مصري، المصرية → مصر), hashed.
fn stem(w: &str) -> u64 {
    let w = strip_proclitics(w);
    let mut s = w;
    for suffix in ["يه", "يا", "ات", "ي", "ه", "ا"] {
        if let Some(r) = w.strip_suffix(suffix).filter(|r| r.chars().nth(2).is_some()) {
            s = r;
            break;
        }
    }
    word_hash(s.as_bytes())
}

/// Whether folded word `w` is a cue for kind `kind` (index + 1).
fn is_cue(kind: u8, w: &str) -> bool {
    let Some((_, cues)) = kind.checked_sub(1).and_then(|k| KINDS.get(k as usize)) else {
        return false;
    };
    let bare = strip_proclitics(w);
    [w, bare, strip_enclitic(bare)].iter().any(|f| cues.contains(f))
}

/// An entry's profile, from its names and description.
fn profile(store: &Store, entity: usize) -> Profile {
    let mut kind = 0;
    let mut stems = Vec::new();
    store.texts(entity, &mut |text, description| {
        let folded = fold_str(text);
        for (i, w) in folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
        {
            if description && i == 0 {
                let head = strip_proclitics(w);
                if let Some(k) = KINDS.iter().position(|k| k.0.contains(&head) || k.0.contains(&w)) {
                    kind = k as u8 + 1;
                }
            }
            if w.chars().nth(1).is_some() && !FUNCTION_WORDS.contains(&w) {
                stems.push(stem(w));
            }
        }
    });
    stems.sort_unstable();
    stems.dedup();
    Profile { kind, stems }
}

/// The hits of one text and what is known of it so far.
struct Text<'a> {
    catalog: &'a Catalog,
    folded: &'a str,
    toks: &'a [Token],
    /// Stems of the text's words, sorted (made when first needed).
    stems: Vec<u64>,
    /// `(entity, folded start)` of the mentions accepted so far.
    accepted: Vec<(u32, usize)>,
    /// The kinds of the accepted mentions, one bit each.
    kinds: u32,
}

impl<'a> Text<'a> {
    fn profile(&self, e: u32) -> &'a Profile {
        let catalog: &'a Catalog = self.catalog;
        match catalog.profiles.get(e as usize) {
            Some(p) => p.get_or_init(|| profile(&catalog.store, e as usize)),
            None => {
                static NONE: Profile = Profile {
                    kind: 0,
                    stems: Vec::new(),
                };
                &NONE
            }
        }
    }

    fn accept(&mut self, e: u32, at: usize) {
        self.accepted.push((e, at));
        let kind = self.profile(e).kind;
        if kind > 0 {
            self.kinds |= 1 << kind;
        }
    }

    fn word(&self, t: usize) -> Option<&'a str> {
        let tok = self.toks.get(t).filter(|k| k.word)?;
        self.folded.get(tok.start as usize..tok.end as usize)
    }

    fn is(&self, t: usize, marks: &[&str]) -> bool {
        let tok = self.toks.get(t).filter(|k| !k.word);
        tok.and_then(|k| self.folded.get(k.start as usize..k.end as usize))
            .is_some_and(|m| marks.contains(&m))
    }

    /// The words that may be a cue before token `t` (the one before it,
    /// past an opening quotation mark, and the one before a preposition)
    /// and after token `end` (likewise).
    fn neighbours(&self, t: usize, end: usize) -> [Option<&'a str>; 4] {
        let mut out = [None; 4];
        let mut b = t.checked_sub(1);
        if b.is_some_and(|b| self.is(b, &["«", "\"", "“"])) {
            b = b.and_then(|b| b.checked_sub(1));
        }
        out[0] = b.and_then(|b| self.word(b));
        if out[0].is_some_and(|w| CUE_PREPOSITIONS.contains(&strip_proclitics(w)) || CUE_PREPOSITIONS.contains(&w)) {
            out[1] = b.and_then(|b| b.checked_sub(1)).and_then(|b| self.word(b));
        }
        out[2] = self.word(end);
        if out[2].is_some_and(|w| CUE_PREPOSITIONS.contains(&w)) {
            out[3] = self.word(end + 1);
        }
        out
    }

    /// Whether a cue next to tokens `t..end` points to entity `e`.
    fn cue(&self, e: u32, t: usize, end: usize, own: &[u64]) -> bool {
        let p = self.profile(e);
        let quoted = t > 0 && self.is(t - 1, &["«", "\"", "“"]) && self.is(end, &["»", "\"", "”"]);
        let around = self.neighbours(t, end);
        let title = p.kind as usize == KINDS.len();
        quoted
            || around.iter().enumerate().any(|(i, w)| {
                w.is_some_and(|w| {
                    (!title || i < 2)
                        && (is_cue(p.kind, w) || {
                            let s = stem(w);
                            !own.contains(&s) && p.stems.binary_search(&s).is_ok()
                        })
                })
            })
    }

    /// How many stems of `e`'s profile the text has, beside the name's own.
    fn overlap(&mut self, e: u32, own: &[u64]) -> u32 {
        if self.stems.is_empty() {
            let mut stems: Vec<u64> = (0..self.toks.len()).filter_map(|t| self.word(t)).map(stem).collect();
            stems.sort_unstable();
            stems.dedup();
            self.stems = stems;
        }
        let p = self.profile(e);
        let n = p
            .stems
            .iter()
            .filter(|s| !own.contains(s) && self.stems.binary_search(s).is_ok())
            .count();
        n.min(3) as u32
    }

    /// Whether a definite name at token `t` reads as an adjective of the
    /// definite noun before it (الربع الأول، القمة العربية).
    fn adjective(&self, t: usize, prefixed: bool) -> bool {
        if prefixed || !self.word(t).is_some_and(|w| w.starts_with("ال")) {
            return false;
        }
        let Some(before) = t.checked_sub(1).and_then(|b| self.word(b)) else {
            return false;
        };
        let w = before
            .strip_prefix('و')
            .or_else(|| before.strip_prefix('ف'))
            .unwrap_or(before);
        let w = ["ب", "ل", "ك"]
            .iter()
            .find_map(|p| w.strip_prefix(p).filter(|r| r.starts_with("ال")))
            .unwrap_or(w);
        w.starts_with("ال") || w.starts_with("لل")
    }

    /// Whether the word after a name at `t..end` makes the name a common
    /// word: a noun after an indefinite one (أحد أبرز), an adjective after
    /// a definite one (الشعب الجزائري) that is not one of the entity's.
    fn followed(&self, e: u32, t: usize, end: usize) -> bool {
        let Some(next) = self.word(end) else {
            return false;
        };
        if FUNCTION_WORDS.contains(&next) || CUE_PREPOSITIONS.contains(&next) {
            return false;
        }
        if self.profile(e).stems.binary_search(&stem(next)).is_ok() {
            return false;
        }
        let definite = self.word(t).is_some_and(|w| strip_proclitics(w) != w);
        definite == next.starts_with("ال")
    }
}

/// Resolves `hits` of folded `folded` (cut into `toks`; `spans` are their
/// ranges in `text`), one [`Mention`] per hit.
pub(super) fn resolve(
    catalog: &Catalog,
    text: &str,
    folded: &str,
    toks: &[Token],
    hits: &[Hit],
    spans: &[(usize, usize)],
) -> Vec<Mention> {
    let mut out: Vec<Mention> = hits
        .iter()
        .map(|h| Mention {
            entity: h.entity,
            confidence: 1.0,
            alternatives: Vec::new(),
        })
        .collect();
    if catalog.guards.is_empty() && catalog.index.shared.is_empty() {
        return out;
    }
    // First the hits that need nothing, and the spelling of those that
    // must be spelled as the catalog spells them.
    let mut pending: Vec<(usize, u8)> = Vec::new();
    for (k, h) in hits.iter().enumerate() {
        let guard = catalog
            .guards
            .binary_search_by_key(&h.node, |g| g.0)
            .map_or(0, |i| catalog.guards[i].1);
        let mut alternatives = catalog.index.alternatives(h.node).peekable();
        if guard == 0 && alternatives.peek().is_none() {
            continue;
        }
        let mut candidates: Vec<u32> = std::iter::once(h.entity).chain(alternatives).collect();
        if guard & EXACT != 0 {
            let written = text.get(spans[k].0..spans[k].1).map(bare).unwrap_or_default();
            candidates.retain(|&e| {
                let mut same = false;
                catalog.store.texts(e as usize, &mut |n, description| {
                    same |= !description && bare(n) == written;
                });
                same
            });
        }
        let m = &mut out[k];
        let Some((&first, rest)) = candidates.split_first() else {
            m.confidence = 0.0;
            continue;
        };
        m.entity = first;
        m.alternatives = rest.to_vec();
        if guard & CONTEXT != 0 || !rest.is_empty() {
            m.confidence = -1.0;
            pending.push((k, guard));
        }
    }
    if pending.is_empty() {
        return out;
    }
    let mut cx = Text {
        catalog,
        folded,
        toks,
        stems: Vec::new(),
        accepted: Vec::new(),
        kinds: 0,
    };
    for (m, h) in out.iter().zip(hits) {
        if m.confidence == 1.0 {
            cx.accept(m.entity, h.start);
        }
    }
    let place = |h: &Hit| {
        let t = toks.partition_point(|k| (k.end as usize) <= h.start);
        let end = toks.partition_point(|k| (k.start as usize) < h.end);
        let prefixed = toks.get(t).is_some_and(|k| (k.start as usize) < h.start);
        (t, end, prefixed)
    };
    let own =
        |t: usize, end: usize| -> Vec<u64> { (t..end).filter_map(|k| cx_word(folded, toks, k)).map(stem).collect() };
    // Names with a cue of their own first: they are context for the rest.
    for &(k, _) in &pending {
        if !out[k].alternatives.is_empty() {
            continue;
        }
        let (t, end, _) = place(&hits[k]);
        if cx.cue(out[k].entity, t, end, &own(t, end)) {
            out[k].confidence = 0.9;
            cx.accept(out[k].entity, hits[k].start);
        }
    }
    for &(k, guard) in &pending {
        if out[k].confidence >= 0.0 {
            continue;
        }
        let h = &hits[k];
        let (t, end, prefixed) = place(h);
        let own = own(t, end);
        let m = &mut out[k];
        if m.alternatives.is_empty() {
            let e = m.entity;
            let p = cx.profile(e);
            let seen =
                cx.accepted.iter().any(|&(a, at)| a == e && at < h.start) || p.kind > 0 && cx.kinds & 1 << p.kind != 0;
            let ok = p.kind as usize != KINDS.len() && !cx.adjective(t, prefixed) && !cx.followed(e, t, end) && seen;
            m.confidence = if ok { 0.8 } else { 0.0 };
            if ok {
                cx.accept(e, h.start);
            }
            continue;
        }
        // A shared name: score every candidate.
        let candidates: Vec<u32> = std::iter::once(m.entity)
            .chain(m.alternatives.iter().copied())
            .collect();
        let mut scored: Vec<(u32, u32)> = Vec::with_capacity(candidates.len());
        let mut any_cue = false;
        for &e in &candidates {
            let cue = cx.cue(e, t, end, &own);
            any_cue |= cue;
            let p = cx.profile(e);
            let score = 4 * u32::from(cue)
                + 2 * u32::from(cx.accepted.iter().any(|&(a, _)| a == e))
                + u32::from(p.kind > 0 && cx.kinds & 1 << p.kind != 0)
                + cx.overlap(e, &own);
            scored.push((e, score));
        }
        // Stable: a tie keeps catalog order.
        scored.sort_by(|a, b| b.1.cmp(&a.1));
        let (best, second) = (scored[0].1, scored.get(1).map_or(0, |s| s.1));
        let m = &mut out[k];
        let rejected = !any_cue && (cx.adjective(t, prefixed) || guard & CONTEXT != 0 && best == 0);
        m.entity = scored[0].0;
        m.alternatives = scored[1..].iter().map(|s| s.0).collect();
        m.confidence = match best - second {
            _ if rejected => 0.0,
            0 => 0.5,
            1 => 0.75,
            _ => 0.9,
        };
        if !rejected {
            cx.accept(m.entity, h.start);
        }
    }
    out
}

/// Folded word token `t`, if it is one.
fn cx_word<'a>(folded: &'a str, toks: &[Token], t: usize) -> Option<&'a str> {
    let tok = toks.get(t).filter(|k| k.word)?;
    folded.get(tok.start as usize..tok.end as usize)
}
