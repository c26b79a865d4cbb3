//! Suggestions of people and organisations the catalog does not know, found
//! by the way Arabic news introduce them: a person by a title or role
//! (العقيد طلال سلو), an organisation by its head noun (وزارة الدفاع الروسية).
//! Suggestions carry a lower confidence (0.5–0.7) than catalog mentions; an
//! editor confirms them.
//!
//! # Rules
//!
//! False positives cost more than misses (an editor must reject each one), so
//! the boundaries are strict:
//!
//! - **People**: a title (العقيد، اللواء، العميد، الرئيس، الوزير، الشيخ،
//!   الدكتور، الأمين العام، الناطق الرسمي، المتحدث باسم …, with proclitics
//!   و، ف، ب، ل) optionally followed by its complement (a nationality
//!   adjective: الرئيس **السوري**; السابق; after باسم the organisation it
//!   speaks for), then **one to three name words**. Name words are
//!   indefinite words that are not function words, verbs of attribution,
//!   weekdays or time words. A word with the article ends the name: it is
//!   taken as the name's last word (الرئيس بشار **الأسد**) unless it is a
//!   role noun, a nationality or descriptive adjective, a weekday or a time
//!   word (العقيد طلال سلو **الناطق** → طلال سلو). Confidence 0.7 for two or
//!   three words, 0.5 for one.
//! - **Organisations**: an indefinite head noun followed by its name. Strong
//!   heads (وزارة، وكالة، مجلس، منظمة، حزب، جبهة) need one following word
//!   (وزارة الدفاع، وكالة إنترفاكس); weak heads, which are also common nouns
//!   (قوات "forces", تنظيم "organising", حركة "movement", هيئة "body"),
//!   need a proper name (تنظيم داعش، قوات سوريا الديمقراطية) or two
//!   definite words ending in a nationality adjective (قوات النخبة السورية).
//!   The name is at most one indefinite word then up to three words with the
//!   article; it stops at a preposition, a conjunction, punctuation and at
//!   descriptive adjectives (تنظيم داعش **الإرهابي** → تنظيم داعش). A head
//!   with the article (القوات الخاصة) is a generic reference and is skipped.
//!   Confidence 0.6, 0.5 for a weak head.

use super::tokens::{tag, tokens, Tok, TokKind};
use super::{AnnotationKind, EntityType, Found};
use crate::lexicon;
use crate::text::normalize::fold;

/// Finds people and organisations introduced by a title or head noun. See
/// the [module docs](self) for the rules.
///
/// ```
/// use rtl_article::annotate::{roles, AnnotationKind, EntityType};
///
/// let text = "أكد العقيد طلال سلو الناطق الرسمي لقوات سوريا الديمقراطية أنه";
/// let found = roles::find(text);
/// let named: Vec<_> = found
///     .iter()
///     .map(|f| match f.kind {
///         AnnotationKind::Suggestion { entity_type } => (&text[f.start..f.end], entity_type),
///         _ => unreachable!(),
///     })
///     .collect();
/// assert_eq!(
///     named,
///     [
///         ("طلال سلو", EntityType::Person),
///         ("قوات سوريا الديمقراطية", EntityType::Organization),
///     ]
/// );
/// ```
pub fn find(text: &str) -> Vec<Found> {
    let folded = fold(text);
    find_in(&tokens(text, &folded))
}

/// [`find`] over a text already cut into tokens (the Annotator cuts each
/// text once for every recognizer).
pub(crate) fn find_in(toks: &[Tok<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(tok) = toks.get(i) {
        // Both rules start at a title or head noun, lexicon words: any other
        // token would be rejected by their first test, so it is skipped
        // without asking them (`Tok::in_lexicon`).
        if !tok.in_lexicon() {
            i += 1;
            continue;
        }
        if let Some((found, next)) = person(toks, i).or_else(|| organisation(toks, i)) {
            out.push(found);
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

fn is_name_word(t: &Tok<'_>) -> bool {
    let f = t.folded;
    t.kind == TokKind::Word
        && f.chars().count() >= 2
        && !t.raw.chars().any(|c| c.is_ascii_alphabetic())
        && !f.starts_with("ال")
        && !lexicon::one_of(lexicon::FUNCTION_WORDS, f)
        // وقال، فإن: a conjunction on a function word.
        && !f.strip_prefix('و').or_else(|| f.strip_prefix('ف')).is_some_and(|rest| {
            lexicon::one_of(lexicon::FUNCTION_WORDS, rest) || rest.starts_with("ال")
        })
        // لقوات، بوزارة: a preposition on an organisation's head noun.
        && !t.splits().any(|s| {
            s.prefix > 0 && lexicon::STRONG_HEADS.iter().chain(lexicon::WEAK_HEADS).any(|head| s.is(head))
        })
}

fn is_nationality(folded: &str) -> bool {
    let masculine = folded.strip_suffix('ه').unwrap_or(folded);
    lexicon::one_of(lexicon::NATIONALITIES, masculine)
}

/// A definite word that may close a name (الأسد), as opposed to one that
/// follows it (الناطق، الروسي، الإرهابي، الخميس).
fn is_definite_name_word(t: &Tok<'_>) -> bool {
    let f = t.folded;
    t.kind == TokKind::Word
        && f.starts_with("ال")
        && f.chars().count() >= 4
        && !lexicon::one_of(lexicon::ROLE_NOUNS, f)
        && !lexicon::one_of(lexicon::DESCRIPTIVE, f)
        && !is_nationality(f)
        && !f.ends_with("يه")
        && !lexicon::TITLES.iter().any(|title| title[0] == f)
}

/// A title at `i` (its first word may carry proclitics): `(start, next)`.
fn title_at(toks: &[Tok<'_>], i: usize) -> Option<(usize, usize, bool)> {
    let first = toks.get(i).filter(|t| t.kind == TokKind::Word)?;
    for split in first.splits() {
        // Most words start no title.
        if split.tags() & tag::TITLE_HEAD == 0 {
            continue;
        }
        for title in lexicon::TITLES {
            let Some((head, tail)) = title.split_first() else {
                continue;
            };
            let matches = split.is(head)
                && tail
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks.get(i + 1 + k).is_some_and(|t| t.is_word(&[w])));
            if matches {
                let speaks_for = tail.last() == Some(&"باسم");
                return Some((first.start_after(split.prefix), i + title.len(), speaks_for));
            }
        }
    }
    None
}

fn person(toks: &[Tok<'_>], i: usize) -> Option<(Found, usize)> {
    let (_, mut j, speaks_for) = title_at(toks, i)?;
    if speaks_for {
        // المتحدث باسم الجيش الروسي …: skip the organisation spoken for.
        while toks
            .get(j)
            .is_some_and(|t| t.kind == TokKind::Word && t.folded.starts_with("ال"))
        {
            j += 1;
        }
        if let Some((_, next, _)) = title_at(toks, j) {
            j = next;
        }
    }
    // The title's complement: الرئيس السوري، الوزير السابق.
    let mut skipped = 0;
    while skipped < 2
        && toks.get(j).is_some_and(|t| {
            t.kind == TokKind::Word && (is_nationality(t.folded) || matches!(t.folded, "السابق" | "الاسبق" | "الحالي"))
        })
    {
        j += 1;
        skipped += 1;
    }
    let name_start = j;
    while j < name_start + 3 && toks.get(j).is_some_and(is_name_word) {
        j += 1;
    }
    let words = j - name_start;
    if words == 0 {
        return None;
    }
    if words < 3 && toks.get(j).is_some_and(is_definite_name_word) {
        j += 1;
    }
    let words = j - name_start;
    let found = Found {
        start: toks[name_start].start,
        end: toks[j - 1].end,
        kind: AnnotationKind::Suggestion {
            entity_type: EntityType::Person,
        },
        confidence: if words >= 2 { 0.7 } else { 0.5 },
    };
    Some((found, j))
}

fn organisation(toks: &[Tok<'_>], i: usize) -> Option<(Found, usize)> {
    let first = toks.get(i).filter(|t| t.kind == TokKind::Word)?;
    let (start, strong) = first.splits().find_map(|split| {
        let strong = if lexicon::STRONG_HEADS.iter().any(|head| split.is(head)) {
            true
        } else if lexicon::WEAK_HEADS.iter().any(|head| split.is(head)) {
            false
        } else {
            return None;
        };
        Some((first.start_after(split.prefix), strong))
    })?;
    let mut j = i + 1;
    let proper = toks.get(j).is_some_and(|t| {
        is_name_word(t) && !lexicon::one_of(lexicon::NOT_NAMES, t.folded) && !is_nationality(&format!("ال{}", t.folded))
    });
    if proper {
        j += 1;
    }
    let definite_start = j;
    while j < definite_start + 3
        && toks.get(j).is_some_and(|t| {
            let f = t.folded;
            t.kind == TokKind::Word
                && f.starts_with("ال")
                && !lexicon::one_of(lexicon::ROLE_NOUNS, f)
                && !lexicon::one_of(lexicon::DESCRIPTIVE, f)
                && f.chars().count() >= 4
        })
    {
        j += 1;
    }
    let definite = j - definite_start;
    let last_is_nationality = definite > 0
        && toks
            .get(j - 1)
            .is_some_and(|t| is_nationality(t.folded) || t.folded.ends_with("يه"));
    let accepted = if strong {
        proper || definite > 0
    } else {
        proper || (definite >= 2 && last_is_nationality)
    };
    if !accepted {
        return None;
    }
    let found = Found {
        start,
        end: toks[j - 1].end,
        kind: AnnotationKind::Suggestion {
            entity_type: EntityType::Organization,
        },
        confidence: if strong { 0.6 } else { 0.5 },
    };
    Some((found, j))
}
