//! Quotations and who said them: direct speech in “…”, «…» or "…", and
//! reported speech (قال … إن …، أكد … أن …), with the speaker taken from the
//! attribution around it and linked to the catalog mention it names.
//!
//! # Rules
//!
//! - **Direct** quotations (`direct: true`) cover the text between the marks.
//!   Their speaker is the noun phrase after an attribution verb before the
//!   quote in the same sentence (وقالت قوات سوريا الديمقراطية في بيان لها
//!   “…”) — with at most a few words of setting between the phrase and the
//!   mark (في بيان لها، :) or a clause between commas (، وهي أم لخمسة
//!   أطفال:), never a reported clause — or after the quote (“…”، قال
//!   المتحدث / بحسب المصدر). Quoted text of fewer than four words with no
//!   attribution is a term or a name in quotation marks (“بيك أب”), not a
//!   quotation; inside a reported clause it stays part of the clause
//!   (مسلسل «الحرب»).
//! - **Reported** speech (`direct: false`) is an attribution verb, its
//!   speaker, a setting (في بيان، أمس، إلى، or a clause between commas: ، في
//!   مقابلة بثت مساء أمس،) and أن/إن (أنه، بأن، إلى أن); the range is the
//!   reported clause, from the word after أن/إن to the end of the sentence
//!   (a decimal point, 1.6, ends none). أن after قبل، بعد، على، من شأنه،
//!   يعني، من المنتظر is no report, and a setting stops at عن (أعلن عن).
//! - Attribution verbs: قال، أعلن، أكد، أشار، أضاف، صرح، أوضح، نفى، ذكر، تابع،
//!   شدد، لفت، كتب (and their feminine forms, with و/ف); نقل … عن (the
//!   speaker is the one after عن; with no عن, نقلت وسائل إعلام أن, the
//!   reporter); بحسب، حسب، وفق، وفقا لـ, after a quote or around a
//!   sentence: `وبحسب وكالة الأنباء (واس)، بلغ …` reports the clause after
//!   the comma, `…، بحسب مصادر محلية.` the clause before it. There the
//!   source must name a catalog mention or be a source noun (مصدر، وكالة،
//!   صحيفة، بيان، تقرير، المتحدث …), so that بحسب القانون is not a speaker.
//! - The speaker phrase is the chain of titles, role, name and affiliation
//!   (أمينها العام الدكتور خالد بن سعيد) from the word after the verb, at
//!   most 14 words, to أن/إن, punctuation, a preposition, a time word or
//!   what belongs to the speech act: في/من before a setting noun (في
//!   **بيان**، في بلاغ، في نشرته، في تدوينة، في ختام الجلسة، في افتتاحيتها),
//!   a time with its qualifier (الشهر الماضي), ل before a source noun (for
//!   whom: للصحفيين، لوكالة أنباء — and ل + an organization the catalog
//!   names, after a phrase with no role noun: مصدر برلماني للعربية, not
//!   الرئيس التنفيذي لأرامكو) — and في + such an organization after a
//!   personal name (الناقد سامر عيتاني في الأخبار: where it was written). A
//!   preposition with a pronoun right after the verb (قال لها رئيس اللجنة)
//!   is whom it was said to, before the phrase, and alone (كتب عليها «…») it
//!   is never a speaker.
//!   في/من before anything else is an
//!   affiliation and stays (مصدر في وزارة الدفاع، قيادي في الحزب الخاسر), as
//!   does عن after one indefinite word or a role (نائب عن كتلة، النائب عن
//!   كتلة معارضة). علي written with ي is
//!   a name, not the preposition على, and so is a word that folds to a
//!   function word but is not spelled as one (إمام, not أمام).
//! - A verb with no phrase (وأضاف أنه …، مضيفا أن …) has a pronoun subject:
//!   the speaker is the previous speaker in the same text — or, through the
//!   `Annotator`, in the article's previous text (a paragraph that opens
//!   وأضاف) — if any. A phrase ending in نفسه/ذاته (المصدر نفسه) is that
//!   previous speaker too. A verb with no و/ف after a word of its sentence
//!   (لكن تاجرا في السوق قال إن) has its subject before it: no speaker
//!   rather than the previous one.
//! - `speaker_id` is the catalog id of the first `Mention` covering the
//!   speaker phrase or inside it: a person anywhere in it (وزير المالية
//!   أيمن عبدالسميع), anything else only as its head or after a source noun
//!   (يومية الشعب) — the coach of a club (مدرب الوداد) or the spokesman of a
//!   ministry is not the club or the ministry.

use std::sync::OnceLock;

use super::tokens::{built, tag, tokens, Lexicon, Tok, TokKind};
use super::{AnnotationKind, EntityType, Found};
use crate::lexicon;
use crate::text::normalize::fold;

/// Finds the quotations in `text`; `mentions` are the catalog mentions (and
/// suggestions) found in the same text, used to link speakers. See the
/// [module docs](self) for the rules.
///
/// ```
/// use rtl_article::annotate::{quotes, AnnotationKind};
///
/// let text = "وقالت الوزارة في بيان “لن نسمح بأي اتفاق مع التنظيم”.";
/// let found = quotes::find(text, &[]);
/// assert_eq!(&text[found[0].start..found[0].end], "لن نسمح بأي اتفاق مع التنظيم");
/// assert_eq!(
///     found[0].kind,
///     AnnotationKind::Quotation { speaker: Some("الوزارة".into()), speaker_id: None, direct: true }
/// );
/// ```
pub fn find(text: &str, mentions: &[Found]) -> Vec<Found> {
    let folded = fold(text);
    find_in(text, &tokens(text, &folded), mentions, &mut None)
}

/// The last speaker of a text, named for the next text of the article: a
/// paragraph that opens وأضاف أن … continues the previous one's speaker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Previous {
    name: String,
    id: Option<String>,
}

/// [`find`] over `text` already cut into tokens (the Annotator cuts each
/// text once for every recognizer). `before` is the last speaker of the
/// article's previous text, and becomes this text's last one.
pub(crate) fn find_in(text: &str, toks: &[Tok<'_>], mentions: &[Found], before: &mut Option<Previous>) -> Vec<Found> {
    let all = mentions;
    let mentions = &Mentions::new(all);
    let prev = before.take();
    let mut out = Vec::new();
    let mut last_speaker: Option<Who<'_>> = prev.as_ref().map(Who::Before);
    let closers = Closers::new(toks);
    let mut k = 0;
    // Tokens before `done` belong to a quotation already found.
    let mut done = 0;
    while let Some(tok) = toks.get(k) {
        // A sentence opened by a titled subject (عرض وزير المالية …): the
        // antecedent of a later verb with no subject.

        // A quotation starts at an opening mark (punctuation) or at a verb
        // of saying or بحسب (lexicon words): any other word would be
        // rejected by every rule's first test, so it is skipped without
        // asking them (`Tok::in_lexicon`).
        if tok.kind == TokKind::Word && !tok.in_lexicon() {
            k += 1;
            continue;
        }
        if let Some(close) = closers.after(toks, k) {
            let (quote, next) = direct(text, toks, k, close, last_speaker);
            if let Some(found) = quote {
                if found.speaker.is_some() {
                    last_speaker = found.speaker;
                }
                out.push(found.into_found(text, toks, mentions));
            }
            k = next;
            done = next;
            continue;
        }
        if let Some((found, next)) = reported(text, toks, k, last_speaker) {
            if found.speaker.is_some() {
                last_speaker = found.speaker;
            }
            out.push(found.into_found(text, toks, mentions));
            k = next;
            done = next;
            continue;
        }
        if let Some((found, next)) = according(text, toks, k, done, all) {
            last_speaker = found.speaker;
            out.push(found.into_found(text, toks, mentions));
            k = next;
            done = next;
            continue;
        }
        k += 1;
    }
    let (name, id) = named(last_speaker, text, toks, mentions);
    *before = name.map(|name| Previous { name, id });
    out
}

/// The mentions of a text, as [`named`] reads them near a speaker.
struct Mentions<'m> {
    all: &'m [Found],
    /// In text order and none overlapping another (the [`Annotator`]'s
    /// are; a caller of [`find`] may pass any): then [`Mentions::near`]
    /// finds the few near a phrase by binary search, not a scan of all.
    ///
    /// [`Annotator`]: super::Annotator
    ordered: bool,
}

impl<'m> Mentions<'m> {
    fn new(all: &'m [Found]) -> Self {
        let ordered = all
            .windows(2)
            .all(|w| w[0].start < w[1].start && w[0].end <= w[1].start);
        Mentions { all, ordered }
    }

    /// The mentions, in their order, that may end at or after byte `from`
    /// and start at or before byte `to` (all of them when not ordered).
    fn near(&self, from: usize, to: usize) -> &'m [Found] {
        if !self.ordered {
            return self.all;
        }
        // Ordered and apart: their ends are in order too.
        let lo = self.all.partition_point(|m| m.end < from);
        let hi = self.all.partition_point(|m| m.start <= to).max(lo);
        self.all.get(lo..hi).unwrap_or_default()
    }
}

/// Who said it: a phrase of this text, or the previous text's speaker.
#[derive(Debug, Clone, Copy)]
enum Who<'p> {
    Here(Speaker),
    Before(&'p Previous),
}

/// The speaker's name as written and its catalog id: the first mention
/// covering the phrase or inside it — a person anywhere (وزير المالية أيمن
/// عبدالسميع), anything else only as the phrase's head or after a kind of
/// outlet (يومية الشعب): مدرب الوداد is the coach, not the club.
fn named(
    who: Option<Who<'_>>,
    text: &str,
    toks: &[Tok<'_>],
    mentions: &Mentions<'_>,
) -> (Option<String>, Option<String>) {
    let s = match who {
        None => return (None, None),
        Some(Who::Before(p)) => return (Some(p.name.clone()), p.id.clone()),
        Some(Who::Here(s)) => s,
    };
    let first = toks.partition_point(|t| t.end <= s.start);
    let mut s = s;
    // ل + an organization named in the catalog at the end of the phrase,
    // after a phrase with no role to take it as its complement (مصدر
    // برلماني للعربية، والدة إحدى الضحايا للعربية, not الرئيس التنفيذي
    // لأرامكو): whom it was said to.
    let last = toks.partition_point(|t| t.end < s.end);
    // Every mention the rules below ask for covers the phrase, is inside
    // it, or starts inside the token at `last`.
    let mentions = {
        let at = toks.get(last);
        let from = at.map_or(s.start, |t| t.start.min(s.start));
        mentions.near(from, at.map_or(s.end, |t| t.end.max(s.end)))
    };
    let told = last > first
        && toks.get(last).is_some_and(|t| {
            t.folded.starts_with('ل')
                && mentions.iter().any(|m| {
                    matches!(
                        m.kind,
                        AnnotationKind::Mention {
                            entity_type: EntityType::Organization,
                            ..
                        }
                    ) && m.start > t.start
                        && m.start < t.end
                })
        })
        && (!toks[first..last].iter().any(|t| {
            let bare = t.folded.strip_prefix("ال").unwrap_or(t.folded);
            lexicon::ROLE_NOUNS
                .iter()
                .any(|r| r.strip_prefix("ال").unwrap_or(r) == bare)
        })
            // After an affiliation the role's complement is written (مدير
            // شركة سياحية في المدينة للوطن).
            || last >= first + 2 && toks[last - 2].folded == "في");
    // في + an organization the catalog names, after a personal name (a
    // word with no article that is no role, or a family name with one
    // after such a word: هشام العياري): where it was written or said
    // (الناقد سامر عيتاني في الأخبار), not an affiliation (مسؤول في أرامكو،
    // مدير العلاقات العامة في أرامكو، المدير الإقليمي في أرامكو).
    let family = |k: usize| {
        let w = toks[k].folded;
        w.starts_with("ال") && w.ends_with('ي') && k > first && !toks[k - 1].folded.starts_with("ال")
    };
    let outlet = !told
        && last >= first + 3
        && toks[last - 1].folded == "في"
        && (!toks[last - 2].folded.starts_with("ال") || family(last - 2))
        && !toks[first..last - 1]
            .iter()
            .any(|t| lexicon::one_of(lexicon::DESCRIPTIVE, t.folded))
        && mentions.iter().any(|m| {
            matches!(
                m.kind,
                AnnotationKind::Mention {
                    entity_type: EntityType::Organization,
                    ..
                }
            ) && m.start >= toks[last].start
                && m.end == toks[last].end
        });
    if told {
        s.end = toks[last - 1].end;
    } else if outlet {
        s.end = toks[last - 2].end;
    }
    let head = toks.get(first);
    let id = mentions.iter().find_map(|m| {
        let AnnotationKind::Mention { id, entity_type, .. } = &m.kind else {
            return None;
        };
        let covers = m.start <= s.start && m.end >= s.end;
        let named = m.start >= s.start
            && m.end <= s.end
            && (*entity_type == EntityType::Person
                || head.is_some_and(|h| {
                    m.start < h.end
                        || lexicon::one_of(&lexicon::SOURCE_NOUNS[..lexicon::MEDIA], h.folded)
                            && toks.get(first + 1).is_some_and(|n| m.start < n.end)
                }));
        (covers || named).then(|| id.to_string())
    });
    (s.name(text), id)
}

#[derive(Debug, Clone, Copy)]
struct Speaker {
    start: usize,
    end: usize,
    /// Written after لل (وفقا للمرصد): the text from `start` is ل + the
    /// rest, named with the article's alef restored (المرصد).
    elided: bool,
    /// Ends in نفسه/ذاته (المصدر نفسه): the speaker named before.
    same: bool,
}

impl Speaker {
    /// The speaker as named: the text, with ال for the elided ل.
    fn name(&self, text: &str) -> Option<String> {
        let written = text.get(self.start..self.end)?;
        match written.strip_prefix('ل') {
            Some(rest) if self.elided => Some(format!("ال{rest}")),
            _ => Some(written.to_string()),
        }
    }
}

struct Quote<'p> {
    start: usize,
    end: usize,
    speaker: Option<Who<'p>>,
    direct: bool,
    confidence: f32,
}

impl Quote<'_> {
    fn into_found(self, text: &str, toks: &[Tok<'_>], mentions: &Mentions<'_>) -> Found {
        let (speaker_text, speaker_id) = named(self.speaker, text, toks, mentions);
        Found {
            start: self.start,
            end: self.end,
            kind: AnnotationKind::Quotation {
                speaker: speaker_text,
                speaker_id,
                direct: self.direct,
            },
            confidence: self.confidence,
        }
    }
}

/// Which of the verb lists the word is in ([`tag`] bits), read with only
/// the conjunctions و/ف before it: one probe per reading, not a walk along
/// four lists (asked of every word a quotation may hang on).
fn verb_kinds(tok: &Tok<'_>) -> u8 {
    tok.splits()
        .filter(|s| matches!(tok.folded.get(..s.prefix), Some("" | "و" | "ف")))
        .fold(0, |all, s| all | s.tags())
}

fn is_sentence_end(text: &str, toks: &[Tok<'_>], k: usize) -> bool {
    let Some(t) = toks.get(k) else { return true };
    let newline_before = k
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .and_then(|p| text.get(p.end..t.start))
        // A byte loop: the gap is most often one space (`contains` set up
        // a char searcher for it).
        .is_some_and(|gap| gap.bytes().any(|b| b == b'\n'));
    newline_before || mark_at(toks, k)
}

/// Whether token `k` ends a sentence: a decimal point (1.6) does not.
fn mark_at(toks: &[Tok<'_>], k: usize) -> bool {
    toks.get(k).is_some_and(|t| {
        t.is_sentence_mark()
            && !toks
                .get(k + 1)
                .is_some_and(|n| n.kind == TokKind::Digits && n.start == t.end)
    })
}

/// A statement's setting after في (في بيان، في ختام الجلسة، في افتتاحيتها).
fn is_setting(f: &str) -> bool {
    let s = f.strip_prefix("ال").unwrap_or(f);
    let list = lexicon::SETTING_NOUNS;
    list.contains(&s)
        || ["ها", "ه", "هم"].iter().filter_map(|p| s.strip_suffix(p)).any(|x| {
            list.contains(&x)
                || x.strip_suffix('ت')
                    .is_some_and(|y| list.iter().any(|n| n.strip_suffix('ه') == Some(y)))
        })
}

/// Opening quotation marks and the marks that close them.
const MARKS: [(&str, &str); 3] = [("“", "”"), ("«", "»"), ("\"", "\"")];

/// Where each kind of closing mark occurs in a text, so that finding the
/// one that closes an opening mark is a binary search rather than a scan
/// to the end of the text for every unmatched opening mark (quadratic on
/// a text full of them).
struct Closers([Vec<usize>; 3]);

impl Closers {
    fn new(toks: &[Tok<'_>]) -> Closers {
        let mut at: [Vec<usize>; 3] = Default::default();
        for (k, t) in toks.iter().enumerate().filter(|(_, t)| t.kind == TokKind::Punct) {
            for ((_, close), positions) in MARKS.iter().zip(at.iter_mut()) {
                if t.raw == *close {
                    positions.push(k);
                }
            }
        }
        Closers(at)
    }

    /// The closing mark for an opening quotation mark at `k`.
    fn after(&self, toks: &[Tok<'_>], k: usize) -> Option<usize> {
        let open = toks.get(k)?.raw;
        let kind = MARKS.iter().position(|(o, _)| *o == open)?;
        let positions = self.0.get(kind)?;
        positions.get(positions.partition_point(|&c| c <= k)).copied()
    }
}

/// The speaker phrase starting at token `k` (before `limit`):
/// `(speaker, token after)`, or `None` when there is no phrase (a pronoun).
/// A reporter's phrase (`relay`) ends at عن.
fn speaker_phrase(text: &str, toks: &[Tok<'_>], k: usize, limit: usize, relay: bool) -> Option<(Speaker, usize)> {
    // قال لها رئيس اللجنة: the one spoken to comes first.
    // كتب عليها «…»: a preposition with a pronoun is never the speaker.
    // Sets, not the lists: asked of every phrase and every word in it.
    static TO_PRONOUN: OnceLock<Lexicon> = OnceLock::new();
    static FUNCTION_EXTRA: OnceLock<Lexicon> = OnceLock::new();
    // The words that end a phrase (أن and its kin, على، إلى، عن …):
    // asked twice of every word in it (a walk along the two lists, 52
    // words, was most of this function's time).
    static ENDS: OnceLock<Lexicon> = OnceLock::new();
    let to_pronoun = built(&TO_PRONOUN, || Lexicon::spaced(lexicon::TO_PRONOUN));
    let function_extra = built(&FUNCTION_EXTRA, || Lexicon::spaced(lexicon::FUNCTION_EXTRA));
    let ends = built(&ENDS, || {
        let mut all = Vec::new();
        for list in [lexicon::THAT, lexicon::SPEAKER_PHRASE_END] {
            all.extend_from_slice(list);
        }
        Lexicon::new(all)
    });
    let k = if toks.get(k).is_some_and(|t| to_pronoun.contains(t.folded, false)) {
        if !toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Word) {
            return None;
        }
        k + 1
    } else {
        k
    };
    let mut j = k;
    let mut last = None;
    while j < limit && j < k + 14 && !is_sentence_end(text, toks, j) {
        let t = &toks[j];
        if t.kind != TokKind::Word {
            break;
        }
        let f = t.folded;
        let bare = f.strip_prefix('و').filter(|r| r.chars().count() >= 2).unwrap_or(f);
        let next = toks.get(j + 1).filter(|n| n.kind == TokKind::Word);
        // An affiliation stays (مصدر في وزارة الدفاع، قيادي في الحزب،
        // نائب عن كتلة); a setting or a time ends the phrase (في بيان، في
        // ختام الجلسة، في وقت سابق).
        let affiliation = last.is_some()
            && (matches!(bare, "في" | "من")
                || !relay
                    && f == "عن"
                    && j == k + 1
                    && (!toks[k].folded.starts_with("ال") || lexicon::one_of(lexicon::ROLE_NOUNS, toks[k].folded)))
            && next.is_some_and(|n| {
                let nf = n.folded;
                !is_setting(nf)
                    && !lexicon::one_of(lexicon::SPEAKER_PHRASE_END, nf)
                    && (f != "عن" || !nf.starts_with("ال"))
            });
        if affiliation {
            last = Some(j + 1);
            j += 2;
            continue;
        }
        // علي written with ي is the name, not على; إمام with its hamza
        // below not أمام: a word that folds to a function word but is not
        // spelled as one.
        let ali = f == "علي" && t.raw.ends_with("ي")
            || function_extra.contains(f, false) && t.raw != f && !lexicon::has(lexicon::FUNCTION_SPELLINGS, t.raw);
        if !ali && (ends.contains(f, false) || ends.contains(bare, false)) || matches!(bare, "في" | "من") {
            break;
        }
        // A time with its qualifier ends it too (الشهر الماضي، الأسبوع المقبل).
        if last.is_some()
            && matches!(f, "الشهر" | "الاسبوع" | "السنه")
            && next.is_some_and(|n| super::dates::is_placement(n))
        {
            break;
        }
        if verb_kinds(t) & (tag::SAYS | tag::RELAYS | tag::SAYING) != 0 {
            break;
        }
        // To whom it was said: للصحفيين، لوكالة أنباء محلية.
        let to = f.strip_prefix("لل").or_else(|| f.strip_prefix('ل'));
        if last.is_some() && to.is_some_and(|r| lexicon::one_of(&lexicon::SOURCE_NOUNS[..lexicon::MEDIA], r)) {
            break;
        }
        last = Some(j);
        j += 1;
    }
    let last = last?;
    // The first word may carry ل (وفقا للمصدر): start after it.
    let first = &toks[k];
    let elided = first.folded.starts_with("لل");
    let start = if elided {
        first.start_after("ل".len())
    } else {
        first.start
    };
    Some((
        Speaker {
            start,
            end: toks[last].end,
            elided,
            same: last > k && matches!(toks[last].folded.get(..6), Some("نفس" | "ذات")),
        },
        last + 1,
    ))
}

/// The attribution ending just before the quote opening at `open`: the
/// speaker (or the previous one for a pronoun) when there is one.
fn attribution_before<'p>(
    text: &str,
    toks: &[Tok<'_>],
    open: usize,
    last_speaker: Option<Who<'p>>,
) -> Option<Option<Who<'p>>> {
    let mut k = open;
    for _ in 0..32 {
        k = k.checked_sub(1)?;
        // A sentence boundary between token k and the quote: no attribution.
        let end_mark = mark_at(toks, k);
        if end_mark || (k + 1 < open && is_sentence_end(text, toks, k + 1)) {
            return None;
        }
        let kinds = verb_kinds(&toks[k]);
        let (verb, participle) = (kinds & tag::SAYS != 0, kinds & tag::SAYING != 0);
        if !verb && !participle {
            continue;
        }
        let phrase = if verb {
            speaker_phrase(text, toks, k + 1, open, false)
        } else {
            None
        };
        let after = phrase.map_or(k + 1, |(_, next)| next);
        // Only a short setting may separate the phrase from the quote, or
        // a clause between commas (، وهي أم لخمسة أطفال:), and no reported
        // clause.
        let gap = toks.get(after..open)?;
        let room = if gap.first().is_some_and(|t| matches!(t.raw, "،" | ",")) {
            16
        } else {
            6
        };
        let short = gap.len() <= room && gap.iter().all(|t| !lexicon::one_of(lexicon::THAT, t.folded));
        if !short {
            return None;
        }
        return Some(phrase.map_or(last_speaker, |(s, _)| resolve(s, last_speaker)));
    }
    None
}

/// The attribution right after the quote closing at `close`:
/// `(speaker, token after)`.
fn attribution_after(text: &str, toks: &[Tok<'_>], close: usize) -> Option<(Speaker, usize)> {
    let mut k = close + 1;
    if toks.get(k).is_some_and(|t| matches!(t.raw, "،" | "," | "-" | "–")) {
        k += 1;
    }
    let tok = toks.get(k)?;
    if verb_kinds(tok) & (tag::SAYS | tag::ACCORDING) != 0 {
        k += 1;
        if toks.get(k).is_some_and(|t| t.is_word(&["ل"])) {
            k += 1;
        }
        return speaker_phrase(text, toks, k, toks.len(), false);
    }
    None
}

/// `speaker`, or for المصدر نفسه / المسؤول ذاته the speaker it refers back
/// to, when there is one.
fn resolve<'p>(speaker: Speaker, last: Option<Who<'p>>) -> Option<Who<'p>> {
    last.filter(|_| speaker.same).or(Some(Who::Here(speaker)))
}

fn direct<'p>(
    text: &str,
    toks: &[Tok<'_>],
    open: usize,
    close: usize,
    last_speaker: Option<Who<'p>>,
) -> (Option<Quote<'p>>, usize) {
    let inner = toks.get(open + 1..close).unwrap_or_default();
    let (Some(first), Some(last)) = (inner.first(), inner.last()) else {
        return (None, close + 1);
    };
    let words = inner.iter().filter(|t| t.kind == TokKind::Word).count();
    let before = attribution_before(text, toks, open, last_speaker);
    let (speaker, attributed, next) = match before {
        Some(speaker) => (speaker, true, close + 1),
        None => match attribution_after(text, toks, close) {
            Some((speaker, next)) => (resolve(speaker, last_speaker), true, next),
            None => (None, false, close + 1),
        },
    };
    if !attributed && words < 4 {
        return (None, close + 1);
    }
    let quote = Quote {
        start: first.start,
        end: last.end,
        speaker,
        direct: true,
        confidence: if speaker.is_some() { 0.9 } else { 0.8 },
    };
    (Some(quote), next)
}

/// Reported speech at verb token `k`: the quote and the token after it.
fn reported<'p>(text: &str, toks: &[Tok<'_>], k: usize, last_speaker: Option<Who<'p>>) -> Option<(Quote<'p>, usize)> {
    let tok = toks.get(k)?;
    let kinds = verb_kinds(tok);
    let (verb, relay, participle) = (
        kinds & tag::SAYS != 0,
        kinds & tag::RELAYS != 0,
        kinds & tag::SAYING != 0,
    );
    if !verb && !relay && !participle {
        return None;
    }
    let mut j = k + 1;
    let mut speaker = None;
    let mut before = false;
    if relay {
        // نقلت وكالة إنترفاكس عن المصدر الروسي: the reporter, then عن;
        // نقلت وسائل إعلام أن: the reporter says it.
        let (reporter, after) = speaker_phrase(text, toks, j, toks.len(), true)?;
        if toks.get(after)?.is_word(&["عن"]) {
            let (s, next) = speaker_phrase(text, toks, after + 1, toks.len(), false)?;
            speaker = resolve(s, last_speaker);
            j = next;
        } else {
            speaker = Some(Who::Here(reporter));
            j = after;
        }
    } else if verb {
        if let Some((s, next)) = speaker_phrase(text, toks, j, toks.len(), false) {
            speaker = resolve(s, last_speaker);
            j = next;
        } else {
            // A subject before the verb (لكن تاجرا في السوق قال إن) is no
            // pronoun: not the previous speaker.
            before = lexicon::one_of(lexicon::ATTRIBUTION_VERBS, tok.folded)
                && k > 0
                && toks[k - 1].kind == TokKind::Word
                && !is_sentence_end(text, toks, k);
        }
    }
    // A setting (في بيان، أمس، إلى، ، في مقابلة بثت مساء أمس،) then أن/إن.
    let mut that = None;
    for step in 0..14 {
        let i = j + step;
        let Some(t) = toks.get(i) else { break };
        if is_sentence_end(text, toks, i) && step > 0
            || t.kind == TokKind::Punct && !matches!(t.raw, "،" | ",")
            || t.folded == "عن"
        {
            break;
        }
        if t.kind == TokKind::Word && lexicon::one_of(lexicon::THAT, t.folded) {
            // قبل أن، من شأنه أن: no report.
            if i > k + 1 && lexicon::one_of(lexicon::NOT_REPORT_BEFORE, toks[i - 1].folded) {
                return None;
            }
            that = Some(i);
            break;
        }
    }
    let that = that?;
    let clause_start = that + 1;
    let end = sentence_end(text, toks, clause_start);
    if end <= clause_start {
        return None;
    }
    let speaker = if before { None } else { speaker.or(last_speaker) };
    let quote = Quote {
        start: toks[clause_start].start,
        end: toks[end - 1].end,
        speaker,
        direct: false,
        confidence: 0.7,
    };
    Some((quote, end))
}

/// Reported speech around بحسب/وفقا at token `k` (with و/ف): a sentence
/// that opens `بحسب <source>،` reports what follows the comma; a clause that
/// ends `، بحسب <source>.` is reported by that source. Tokens before `done`
/// are taken. Returns the quote and the token after it.
fn according(
    text: &str,
    toks: &[Tok<'_>],
    k: usize,
    done: usize,
    mentions: &[Found],
) -> Option<(Quote<'static>, usize)> {
    if verb_kinds(toks.get(k)?) & tag::ACCORDING == 0 {
        return None;
    }
    let mut first = k + 1;
    if toks.get(first).is_some_and(|t| t.is_word(&["ل"])) {
        first += 1;
    }
    let (speaker, mut after) = speaker_phrase(text, toks, first, toks.len(), false)?;
    if !is_source(toks, first, after, &speaker, mentions) {
        return None;
    }
    // An abbreviation in parentheses stays with the source: (واس).
    if toks.get(after).is_some_and(|t| t.is_punct('(')) {
        let close = (after + 1..toks.len().min(after + 6)).find(|&j| toks[j].is_punct(')'))?;
        after = close + 1;
    }
    let comma = |t: &Tok<'_>| t.kind == TokKind::Punct && matches!(t.raw, "،" | ",");
    let opens_sentence = k == 0 || is_sentence_end(text, toks, k) || mark_at(toks, k - 1);
    let (from, to, next) = if opens_sentence && toks.get(after).is_some_and(comma) {
        // بحسب المصدر، <clause>.
        let end = sentence_end(text, toks, after + 1);
        (after + 1, end.checked_sub(1)?, end)
    } else {
        // <clause>، بحسب المصدر.
        if k < done + 2 || !toks.get(k - 1).is_some_and(comma) || !is_sentence_end(text, toks, after) {
            return None;
        }
        let mut start = k - 1;
        while start > done && !is_sentence_end(text, toks, start) {
            start -= 1;
        }
        if mark_at(toks, start) {
            start += 1;
        }
        (start, k - 2, after)
    };
    if to < from {
        return None;
    }
    let quote = Quote {
        start: toks[from].start,
        end: toks[to].end,
        speaker: Some(Who::Here(speaker)),
        direct: false,
        confidence: 0.6,
    };
    Some((quote, next))
}

/// The token that ends the sentence containing token `from` (or the number
/// of tokens).
fn sentence_end(text: &str, toks: &[Tok<'_>], from: usize) -> usize {
    let mut end = from;
    while end < toks.len() && !is_sentence_end(text, toks, end) {
        end += 1;
    }
    end
}

/// Whether the phrase `toks[first..after]` (the `speaker`) is a source: it
/// holds a catalog mention, or one of its first two words is a source noun.
fn is_source(toks: &[Tok<'_>], first: usize, after: usize, speaker: &Speaker, mentions: &[Found]) -> bool {
    let named = mentions
        .iter()
        .any(|m| matches!(m.kind, AnnotationKind::Mention { .. }) && m.start >= speaker.start && m.end <= speaker.end);
    named
        || toks
            .get(first..after.min(first + 2))
            .unwrap_or_default()
            .iter()
            .any(|t| {
                let f = t.folded;
                let bare = f.strip_prefix("ال").or_else(|| f.strip_prefix("لل")).unwrap_or(f);
                lexicon::one_of(lexicon::SOURCE_NOUNS, bare)
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cut_of_a_text_is_safe() {
        // Every prefix of sentences that exercise each rule: no panic, and
        // every range inside the text.
        let text = "وقال نائب عن كتلة في حديث للصحفيين، في مقابلة، إن 1.6 «الحرب» تغيرت. \
                    وأضاف المصدر نفسه أن قواته. لكن تاجرا قال إن. ونقلت صحف أن «نص» قال علي: «كلام هنا الآن»";
        for (cut, _) in text.char_indices() {
            let part = &text[..cut];
            for f in find(part, &[]) {
                assert!(f.start <= f.end && f.end <= part.len(), "{part:?}: {f:?}");
            }
        }
    }

    #[test]
    fn unclosed_marks_do_not_hide_a_quote() {
        // Thousands of opening marks that nothing closes (a scraping
        // accident): the quotation after them is still found, and in linear
        // time (each stray mark used to scan to the end of the text).
        let quote = "وقالت الوزارة في بيان “لن نسمح بأي اتفاق مع التنظيم”.";
        let text = "« ".repeat(50_000) + quote;
        let found = find(&text, &[]);
        let [only] = found.as_slice() else {
            panic!("{found:?}");
        };
        assert_eq!(&text[only.start..only.end], "لن نسمح بأي اتفاق مع التنظيم");
        assert_eq!(
            only.kind,
            AnnotationKind::Quotation {
                speaker: Some("الوزارة".into()),
                speaker_id: None,
                direct: true
            }
        );
    }
}
