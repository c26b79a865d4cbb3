#!/usr/bin/env python3
"""Generate tests/fixtures/anchor-edits.json: an edit corpus for re-anchoring
annotations (W3C TextQuoteSelector + TextPositionSelector over one text of an
article) after the article is edited.

Every case is: an article before the edit, the article after it, the span a
reader highlighted (`target`, code point offsets into one text of `before`)
and where the same words are after the edit (`expect`, offsets into one text
of `after`), or "orphan" when they are gone or cannot be told apart.

The expected outcome is computed by construction: each edit is applied as a
list of primitive operations (replace a range of one text, insert / delete /
move / split / merge paragraphs), and every operation carries the function
that maps an offset of the text it changed to the offset of the same place
afterwards. The target's start and end are mapped through those functions;
nothing is searched for. Searching is only used by the guards (to reject a
candidate case whose answer would be ambiguous) and by the self-check.

Inputs: real Arabic news text in tests/fixtures (seed-raqqa.txt,
annotate-gulf-budget.txt, scraped-*.txt), split into paragraphs. With
--eval-paragraphs, tests/eval/paragraphs.json (a JSON array of objects with
an Arabic `text`) is added as further articles; it is off by default so that
the committed corpus does not depend on whether that file exists.

Standard library only; deterministic (string seeds for random.Random).
Run from anywhere:
    python3 tools/anchor-edits/generate.py
"""
import argparse
import glob
import json
import os
import random
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "tests", "fixtures", "anchor-edits.json")
EVAL_PARAGRAPHS = os.path.join(ROOT, "tests", "eval", "paragraphs.json")
SEED = "rtl-article/anchor-edits/v1"
PER_KIND = 20
MAX_ATTEMPTS = 600
CTX = 32  # prefix / suffix length used to tell occurrences apart

KINDS = [
    "typo_fixed", "typo_outside", "sentence_inserted_before",
    "paragraph_inserted_before", "paragraph_split", "paragraphs_merged",
    "diacritics_added", "word_replaced", "quote_deleted", "paragraph_deleted",
    "rewritten", "duplicated_lookalike", "repeated_quote", "whitespace",
    "moved_paragraph", "emoji_and_latin",
]
PREFIX = {
    "typo_fixed": "typo", "typo_outside": "typo-out",
    "sentence_inserted_before": "sent-ins", "paragraph_inserted_before": "para-ins",
    "paragraph_split": "split", "paragraphs_merged": "merge",
    "diacritics_added": "tashkeel", "word_replaced": "word",
    "quote_deleted": "quote-del", "paragraph_deleted": "para-del",
    "rewritten": "rewrite", "duplicated_lookalike": "lookalike",
    "repeated_quote": "repeat", "whitespace": "space",
    "moved_paragraph": "move", "emoji_and_latin": "emoji",
}
ORPHAN_KINDS = {"quote_deleted", "paragraph_deleted", "rewritten"}
# A lookalike whose quote has fewer words than this is reported as an orphan:
# with one of its 2-4 words replaced, what is left of the reader's words in the
# original paragraph cannot be told from the intact copy elsewhere.
LOOKALIKE_MIN_WORDS = 5

# ---------------------------------------------------------------- text basics

MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}
FATHA, DAMMA, KASRA, SHADDA, SUKUN = "\u064e", "\u064f", "\u0650", "\u0651", "\u0652"
SUN = set("تثدذرزسشصضطظلن")
NBSP = "\u00a0"


def is_mark(c):
    return c in MARKS


def wordish(c):
    return unicodedata.category(c)[0] in "LMN"


def words(text):
    """The whole words of a text: (start, end) of each whitespace-separated
    token without its leading and trailing punctuation. Combining marks count
    as word characters, so a word always ends after its last diacritic."""
    out = []
    for m in re.finditer(r"\S+", text):
        s, e = m.start(), m.end()
        while s < e and not wordish(text[s]):
            s += 1
        while e > s and not wordish(text[e - 1]):
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def strip_marks(s):
    return "".join(c for c in s if c not in MARKS)


def norm_g(s):
    """Guard normalisation: no diacritics, whitespace runs become one space."""
    return re.sub(r"\s+", " ", strip_marks(s))


def norm_c(s):
    """Self-check normalisation: no diacritics, no whitespace at all."""
    return "".join(c for c in strip_marks(s) if not c.isspace())


def word_cores(text):
    return [strip_marks(text[s:e]) for s, e in words(text)]


def count_sub(items, quote):
    """Occurrences of the normalised quote as a substring of any text
    (conservative: also counts hits inside longer words)."""
    q = norm_g(quote).strip()
    n = 0
    for _, t in items:
        t = norm_g(t)
        i = t.find(q)
        while i >= 0:
            n += 1
            i = t.find(q, i + 1)
    return n


def occurrences(items, quote):
    """Word-aligned occurrences (id, start, end) of the quote in the texts."""
    q = norm_g(quote).strip()
    n = len(words(quote))
    out = []
    for pid, t in items:
        ws = words(t)
        for i in range(len(ws) - n + 1):
            s, e = ws[i][0], ws[i + n - 1][1]
            if norm_g(t[s:e]) == q:
                out.append((pid, s, e))
    return out


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def best_overlap(items, quote):
    """The most words of the quote (in order) found in any stretch of n+1
    consecutive words of the texts."""
    qw = word_cores(quote)
    n = len(qw)
    best = 0
    for _, t in items:
        tw = word_cores(t)
        if len(tw) <= n + 1:
            best = max(best, lcs(qw, tw))
            continue
        for i in range(len(tw) - n):
            best = max(best, lcs(qw, tw[i:i + n + 1]))
    return best


def orphan_guard_ok(items, quote):
    n = len(words(quote))
    return count_sub(items, quote) == 0 and best_overlap(items, quote) * 2 < n


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def sentence_spans(text):
    """(start, end) of each sentence: ends after . ! or ؟ (and closing quotes)
    followed by whitespace."""
    spans, start = [], 0
    for m in re.finditer(r"[.!؟][»”\")]*(\s+)", text):
        spans.append((start, m.start(1)))
        start = m.end(1)
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def clause_spans(text, s0, e0):
    """(start, end) of the comma-separated clauses of text[s0:e0]."""
    spans, start = [], s0
    for m in re.finditer(r"[،,؛](\s+)", text[s0:e0]):
        spans.append((start, s0 + m.start()))
        start = s0 + m.end(1)
    while e0 > start and text[e0 - 1] in ".!؟:":
        e0 -= 1  # the sentence's final punctuation is not part of its last clause
    spans.append((start, e0))
    return spans


def q(s):
    return "«" + s + "»"


# ------------------------------------------------------------- edit tracking

class Reject(Exception):
    """The candidate case cannot be built as asked; try another."""


class Chain:
    """An article being edited, with the offset map of every edit so far.

    map(pid, pos, side) -> (pid, pos) or None (the text is gone). `side` is
    "start" or "end": where an insertion lands exactly on a boundary, a start
    moves past it and an end stays before it, unless the insertion attaches
    to the preceding character (diacritics), which the end then includes.
    """

    def __init__(self, items):
        self.items = [[pid, text] for pid, text in items]
        self.maps = []

    def index(self, pid):
        for k, (p, _) in enumerate(self.items):
            if p == pid:
                return k
        raise KeyError(pid)

    def text(self, pid):
        return self.items[self.index(pid)][1]

    def ids(self):
        return [p for p, _ in self.items]

    def replace(self, pid, s, e, new, attach="neutral"):
        k = self.index(pid)
        old = self.items[k][1]
        assert 0 <= s <= e <= len(old), (s, e, len(old))
        self.items[k][1] = old[:s] + new + old[e:]
        delta = len(new) - (e - s)

        def f(p, pos, side):
            if p != pid or pos < s:
                return p, pos
            if pos > e:
                return p, pos + delta
            if s == e:  # a pure insertion exactly at pos
                if attach == "left" or side == "start":
                    return p, pos + len(new)
                return p, pos
            if pos == s:
                return p, s
            if pos == e:
                return p, e + delta
            raise AssertionError("offset %d inside replaced range %d..%d" % (pos, s, e))

        self.maps.append(f)

    def insert(self, pid, pos, new, attach="neutral"):
        self.replace(pid, pos, pos, new, attach)

    def insert_para(self, index, pid, text):
        assert pid not in self.ids()
        self.items.insert(index, [pid, text])
        self.maps.append(lambda p, pos, side: (p, pos))

    def delete_para(self, pid):
        del self.items[self.index(pid)]
        self.maps.append(lambda p, pos, side: None if p == pid else (p, pos))

    def move_para(self, pid, index):
        item = self.items.pop(self.index(pid))
        self.items.insert(index, item)
        self.maps.append(lambda p, pos, side: (p, pos))

    def split(self, pid, cut_s, cut_e):
        """text[:cut_s] keeps pid, text[cut_e:] becomes pid + "b"."""
        k = self.index(pid)
        old = self.items[k][1]
        new_id = pid + "b"
        assert new_id not in self.ids()
        self.items[k][1] = old[:cut_s]
        self.items.insert(k + 1, [new_id, old[cut_e:]])

        def f(p, pos, side):
            if p != pid:
                return p, pos
            if pos <= cut_s:
                return p, pos
            if pos >= cut_e:
                return new_id, pos - cut_e
            raise AssertionError("offset inside the split gap")

        self.maps.append(f)

    def merge(self, prev_id, pid, sep=" "):
        """pid is appended to prev_id (joined with sep); the merged text keeps prev_id."""
        kp = self.index(prev_id)
        k = self.index(pid)
        assert k == kp + 1
        shift = len(self.items[kp][1]) + len(sep)
        self.items[kp][1] = self.items[kp][1] + sep + self.items[k][1]
        del self.items[k]
        self.maps.append(lambda p, pos, side: (prev_id, pos + shift) if p == pid else (p, pos))

    def map(self, pid, pos, side):
        r = (pid, pos)
        for f in self.maps:
            r = f(r[0], r[1], side)
            if r is None:
                return None
        return r

    def map_span(self, pid, s, e):
        a = self.map(pid, s, "start")
        b = self.map(pid, e, "end")
        if a is None or b is None:
            return None
        assert a[0] == b[0], (a, b)
        return {"text": a[0], "start": a[1], "end": b[1]}

    def snapshot(self):
        return [{"id": p, "text": t} for p, t in self.items]


# ------------------------------------------------------------------ the pools

# Sentences written for this corpus: generic, plausible lines of news copy.
SENTENCES = [
    "ولم يصدر أي تعليق رسمي على ذلك حتى ساعة إعداد هذا التقرير.",
    "وتأتي هذه التطورات وسط متابعة إقليمية ودولية حثيثة.",
    "ويتوقع مراقبون أن تكشف الأيام المقبلة مزيدا من التفاصيل.",
    "ونقلت وسائل إعلام محلية روايات مشابهة عن مصادر مطلعة.",
    "وتعذر الحصول على تعليق فوري من الجهات المعنية.",
    "وكانت تقارير سابقة قد أشارت إلى احتمال حدوث ذلك.",
    "وأفادت مصادر مطلعة بأن الاتصالات ما زالت مستمرة بين الأطراف المعنية.",
    "وفي سياق متصل، دعت منظمات أهلية إلى مزيد من الشفافية.",
    "ويرى محللون أن هذه الخطوة تحمل دلالات مهمة على المدى القريب.",
    "وسبق أن تناولت الصحف المحلية هذا الموضوع في أكثر من مناسبة.",
    "ومن المنتظر أن تصدر بيانات إضافية خلال الأيام القليلة المقبلة.",
    "وتشير التقديرات الأولية إلى أن الأرقام النهائية قد تتغير.",
    "وحظي الإعلان باهتمام واسع على مواقع التواصل الاجتماعي.",
    "وأوضح مسؤول طلب عدم ذكر اسمه أن التفاصيل الكاملة ستعلن لاحقا.",
    "ولا تزال ردود الفعل تتوالى من مختلف الأطراف.",
    "وشهدت الساعات الماضية حراكا دبلوماسيا لافتا.",
    "وبحسب مراسلنا، بقيت الأجواء هادئة طوال اليوم.",
    "وهذه هي المرة الأولى التي يعلن فيها عن خطوة من هذا النوع.",
    "وقد جرى تحديث هذا الخبر بعد نشره بمعلومات إضافية.",
    "ويأتي ذلك بعد أسابيع من المشاورات غير المعلنة.",
    "ورفض متحدث باسم الجهة المعنية الخوض في التفاصيل.",
    "وأكدت مصادر متطابقة صحة هذه المعلومات.",
    "وسيعقد مؤتمر صحفي لاحقا لشرح ملابسات القرار.",
    "وتابع الشارع المحلي هذه التطورات بقلق واضح.",
]
NEW_PARAGRAPHS = [
    "تحديث: أضيفت إلى هذا التقرير معلومات جديدة وردت بعد نشره للمرة الأولى.",
    "ملاحظة المحرر: صححت في هذه النسخة أسماء وردت بشكل خاطئ في النسخة السابقة من الخبر.",
    "وفي تطور لاحق، أعلنت الجهات المختصة أنها ستصدر بيانا مفصلا صباح الغد.",
    "ويذكر أن هذا الملف ظل مطروحا على طاولة النقاش منذ مطلع العام دون أن يحسم.",
]
# «{q}» is the repeated quote.
REPEAT_TEMPLATES = [
    "وتكررت عبارة {q} في أكثر من تصريح خلال اليومين الماضيين.",
    "ونقلت صحف محلية عبارة {q} في عناوينها الرئيسية.",
    "وتداول ناشطون على مواقع التواصل عبارة {q} على نطاق واسع.",
    "واستعاد المعلقون عبارة {q} في تعليقاتهم على الخبر.",
    "وأبرزت نشرات الأخبار المسائية عبارة {q} في تغطيتها.",
]
LATIN = ["(AFP)", "via Reuters", "BREAKING", "Live updates", "#Raqqa", "Update 2:",
         "Source: Interfax", "Photo: AP", "Reuters/AFP", "COVID-19", "Exclusive",
         "Read more", "Video", "Thread", "Fact check:"]
ASTRAL = ["😃", "𝐀", "👍🏽", "👨‍👩‍👧", "🇸🇾", "🔴", "𝐀𝐁𝐂", "📷", "🙂", "𝑥", "🚨"]

# Synonyms (or near-synonyms / same-shaped words) for words of the corpus.
SYN = {
    "أعلن": "أكد", "أعلنت": "أكدت", "أكد": "أوضح", "قال": "ذكر", "قالت": "ذكرت",
    "أشار": "لفت", "أضاف": "تابع", "مصدر": "مسؤول", "المصدر": "المسؤول",
    "موسكو": "روسيا", "تسمح": "تقبل", "اتفاق": "تفاهم", "الاتفاق": "التفاهم",
    "معلومات": "أنباء", "المعلومات": "الأنباء", "المدينة": "البلدة", "مدينة": "بلدة",
    "باتجاه": "صوب", "الجنوب": "الشمال", "الجنوبية": "الشمالية", "خروج": "انسحاب",
    "مقاتلي": "عناصر", "مقاتلو": "عناصر", "الطيران": "الطائرات", "استهدف": "قصف",
    "قافلة": "رتلا", "سيارة": "عربة", "متجهة": "ذاهبة", "تدمير": "إحراق",
    "عنصرا": "مقاتلا", "الناطق": "المتحدث", "يوجد": "هناك", "ممر": "طريق",
    "آمن": "سالم", "المعارك": "العمليات", "بهدف": "بغية", "السيطرة": "الاستيلاء",
    "تعهدت": "وعدت", "الماضي": "الفائت", "ضرر": "أذى", "ودعتهم": "وطالبتهم",
    "إلقاء": "تسليم", "الهجوم": "الهجمة", "النهائي": "الأخير", "مواقعهم": "مراكزهم",
    "بيان": "تصريح", "الإيجابية": "الطيبة", "حماية": "صون", "تمديد": "تجديد",
    "الفترة": "المهلة", "أبواب": "مشارف", "كامل": "تام", "مسألة": "قضية",
    "وقت": "زمن", "الهزائم": "الخسائر", "حملة": "عملية", "محاصرا": "مطوقا",
    "داخل": "وسط", "تهريب": "إخراج", "العشرات": "المئات", "وكالة": "شبكة",
    "العسكري": "الحربي", "الروسي": "الموسكوفي", "المنكرة": "الفادحة",
    "ميزانية": "موازنة", "الميزانية": "الموازنة", "العام": "السنة", "المقبل": "القادم",
    "بزيادة": "بارتفاع", "نتوقع": "ننتظر", "نمو": "توسع", "الاقتصاد": "الناتج",
    "أقر": "اعتمد", "جلسته": "اجتماعه", "بلغ": "وصل", "عدد": "مجموع",
    "المشاريع": "المبادرات", "تستمر": "تمتد", "ستستضيفان": "ستنظمان", "مؤتمرا": "لقاء",
    "الطلاب": "التلاميذ", "المسجلين": "المقيدين", "المتحدث": "الناطق",
    "ستنطلق": "ستبدأ", "موزعة": "مقسمة", "مختلف": "جميع", "مواعيد": "جداول",
    "بلغت": "وصلت", "تطوير": "تحديث", "لإعلان": "لنشر", "النتائج": "الدرجات",
    "أطلقت": "أعلنت", "خدمة": "منصة", "جديدة": "حديثة", "لتوصيل": "لنقل",
    "الطلبات": "المشتريات", "تتوسع": "تمتد", "لاحقا": "قريبا", "مدن": "بلدات",
    "المدير": "الرئيس", "منتصف": "وسط", "مركز": "قسم", "العملاء": "الزبائن",
    "التواصل": "الاتصال", "البريد": "العنوان", "الرقم": "الهاتف",
    "التجريبية": "الأولى", "التفاصيل": "المعلومات", "الكاملة": "الوافية",
    "متاحة": "متوفرة", "يرغب": "يريد", "الاشتراك": "التسجيل", "تطبيقات": "منصات",
    "تسيطر": "تهيمن", "حصة": "نسبة", "كبيرة": "واسعة", "سوق": "قطاع",
    "يشهد": "يعرف", "نموا": "توسعا", "سريعا": "متسارعا", "الحكومة": "السلطات",
    "حزمة": "سلسلة", "الإجراءات": "التدابير", "لدعم": "لمساندة", "قطاع": "مجال",
    "تضرر": "تأثر", "بشدة": "كثيرا", "اجتماع": "لقاء", "موسع": "واسع",
    "ممثلين": "مندوبين", "وضعت": "أعدت", "خطة": "رؤية", "مراحل": "خطوات",
    "لاستعادة": "لإعادة", "أعداد": "حجم", "ترفا": "رفاهية", "رزق": "دخل",
    "العائلات": "الأسر", "يوظف": "يشغل", "عشرات": "مئات", "ينعكس": "يؤثر",
    "قررت": "أقرت", "لجنة": "هيئة", "اجتماعها": "جلستها", "الإبقاء": "الحفاظ",
    "سعر": "معدل", "تغيير": "تعديل", "خطوة": "مبادرة", "المحللين": "الخبراء",
    "القرار": "الإجراء", "يأتي": "يجيء", "انسجاما": "اتساقا", "لمسار": "لاتجاه",
    "التضخم": "الغلاء", "الأشهر": "الشهور", "مشيرا": "لافتا", "الضغوط": "المخاطر",
    "مرتفعة": "عالية", "تراجعها": "انخفاضها", "بداية": "مطلع", "ستواصل": "ستتابع",
    "متابعة": "مراقبة", "التطورات": "المستجدات", "تتردد": "تتوانى",
    "استخدام": "توظيف", "الأدوات": "الوسائل", "لتحقيق": "لضمان", "استقرار": "ثبات",
    "المدى": "الأمد", "خبراء": "محللون", "يمنح": "يعطي", "فرصة": "مهلة",
    "لاستيعاب": "لامتصاص", "آثار": "تبعات", "يطالب": "يدعو", "بخفضها": "بتقليصها",
    "لتخفيف": "لتقليل", "أعباء": "تكاليف", "الشركات": "المؤسسات", "عاد": "رجع",
    "آلاف": "مئات", "النازحين": "المهجرين", "الأيام": "الساعات", "قراهم": "بلداتهم",
    "توقف": "انتهاء", "استمرت": "دامت", "أشهرا": "شهورا", "أوضاع": "ظروف",
    "إنسانية": "معيشية", "صعبة": "قاسية", "حاد": "كبير", "الخدمات": "المرافق",
    "مسؤول": "مصدر", "منظمة": "جمعية", "إغاثية": "خيرية", "أربعة": "خمسة",
    "عائلة": "أسرة", "سجلت": "أعلنت", "عودتها": "رجوعها", "المنازل": "البيوت",
    "ترميم": "إصلاح", "تصبح": "تغدو", "صالحة": "مهيأة", "للسكن": "للإقامة",
    "فرق": "طواقم", "مخلفات": "بقايا", "الحرب": "المعارك", "المنتشرة": "المتناثرة",
    "الحقول": "المزارع", "الأهالي": "السكان", "الاقتراب": "الدنو",
    "الأجسام": "الأشياء", "الغريبة": "المشبوهة", "فورا": "سريعا",
    "متطوعون": "مسعفون", "فرقهم": "طواقمهم", "أزالت": "فككت", "القذائف": "الصواريخ",
    "الأول": "الماضي", "المساحات": "الأراضي", "الواسعة": "الشاسعة", "العمل": "الجهد",
    "المتواصل": "المستمر", "حاليا": "الآن", "نزرع": "نفلح", "أرضنا": "حقولنا",
    "يفوت": "ينتهي", "الموسم": "الأوان", "الكلمات": "العبارات", "لخص": "اختصر",
    "المزارعين": "الفلاحين", "العائدين": "الراجعين", "يعتمد": "يعول",
    "الزراعة": "الفلاحة", "مصدرا": "موردا", "وحيدا": "أساسيا", "للدخل": "للرزق",
    "عقود": "سنوات", "طويلة": "عديدة", "تستضيف": "تحتضن", "قمة": "ندوة",
    "أفريقية": "قارية", "التغير": "التحول", "المناخي": "البيئي", "بمشاركة": "بحضور",
    "وزراء": "مسؤولي", "البيئة": "المناخ", "لبحث": "لدراسة", "سبل": "طرق",
    "تمويل": "دعم", "مشاريع": "برامج", "التكيف": "التأقلم", "الجفاف": "القحط",
    "ستناقش": "ستبحث", "آليات": "وسائل", "المتجددة": "النظيفة", "سيعرض": "سيقدم",
    "تجربته": "خبرته", "محطة": "منشأة", "يأمل": "يتوقع", "المنظمون": "المشاركون",
    "تخرج": "تنتهي", "بموقف": "برؤية", "موحد": "مشترك", "خصوصا": "تحديدا",
    "بالتزامات": "بتعهدات", "الغنية": "الثرية", "تجاه": "نحو", "تضررا": "تأثرا",
    "وزارة": "هيئة", "الدفاع": "الحرب", "قوات": "وحدات", "تنظيم": "جماعة",
    "المسلحة": "المقاتلة", "الخاصة": "الخارجية", "الأرض": "الميدان",
    "المالية": "الاقتصاد", "السعودية": "الخليجية", "صحفي": "إعلامي",
    "الوزراء": "الحكومة", "الأنباء": "الإعلام", "الأمين": "الرئيس",
    "التعاون": "التنسيق", "الشهر": "الموسم", "العامة": "الرسمية",
    "الوزارة": "الإدارة", "الامتحانات": "الاختبارات", "المحافظات": "الأقاليم",
    "الشركة": "المؤسسة", "الخدمة": "المنصة", "الساعة": "الوقت",
    "الأسواق": "البورصات", "البنك": "المصرف", "المركزي": "الوطني",
    "اللجنة": "الهيئة", "الأسعار": "التكاليف", "الفائدة": "العائد",
    "السياحة": "الضيافة", "الوزير": "المسؤول", "القطاع": "المجال",
    "القمة": "الندوة", "الدول": "البلدان", "الطاقة": "الكهرباء",
    "دبي": "جدة", "الرياض": "الدوحة", "مراكش": "أكادير", "ورزازات": "تنغير",
    "تدمر": "حمص", "الرقة": "الحسكة", "حماة": "حمص", "سوريا": "العراق",
    "الخليج": "المنطقة", "موقعها": "صفحتها", "نفت": "أنكرت", "نقلت": "أوردت",
    "المرحلة": "الفترة", "منظومة": "آلية", "الصالحة": "النظيفة", "التجارة": "الصناعة",
    "المقبلة": "القادمة", "البيان": "التصريح", "الفنادق": "المطاعم", "السياحي": "البري",
    "تمكنه": "قدرته", "أمس": "البارحة", "جاءت": "وردت", "التصحيح": "المراجعة",
    "الأساسية": "الرئيسية", "المياه": "الموارد", "وزير": "رئيس", "مشروع": "برنامج",
    "الثانوية": "الإعدادية", "تريليون": "مليار", "ريال": "درهم", "نسبة": "معدل",
    "قادته": "زعمائه", "وعناصره": "وأفراده",
}


def has_syn(core):
    return core in SYN or (len(core) > 3 and core[0] in "وفبل" and core[1:] in SYN)
FUNC = {"في": "داخل", "من": "عبر", "على": "فوق", "إلى": "نحو", "عن": "حول",
        "مع": "برفقة", "قد": "ربما", "بعد": "عقب", "قبل": "قبيل", "خلال": "طوال",
        "حتى": "لغاية", "هذه": "تلك", "هذا": "ذلك", "أن": "بأن", "إن": "بأن"}
STOP = set("في من أن إن على إلى عن مع ما لا لم لن قد هذا هذه التي الذي الذين أو ثم "
           "حتى بعد قبل منذ بين أي كل وأن وفي ومن أنه لها لهم بها هو هي رغم بمن لمن "
           "فيهم فيه إذا كما أيضا دون غير ضمن عند لدى مثل وهي وهو تم".split())
DEF_POOL = ["المدينة", "الحكومة", "المنطقة", "العاصمة", "الجهات", "المشروع", "البلاد",
            "المصادر", "الخطة", "المجلس", "الأطراف", "المسؤولين", "السلطات", "الإدارة",
            "الهيئة", "الحدود", "المرحلة", "البرنامج", "المنظمة", "الأوساط", "الجمعية",
            "المؤسسة", "الساحة", "القضية", "الأزمة", "الجولة", "المبادرة", "الاجتماع"]
PLAIN_POOL = ["مصدر", "بيان", "خطوة", "مرحلة", "جهود", "أعمال", "قرار", "موقف", "أنباء",
              "تقارير", "مناطق", "شركات", "دول", "مسؤول", "جهة", "سنوات", "أسابيع",
              "مبادرة", "تصريحات", "برنامج", "مشروع", "حوار", "نقاش", "تقييم", "رقابة",
              "أزمة", "إجراءات", "تطورات", "معطيات", "ظروف"]
LATIN_POOL = ["Uber", "Noon", "Apple", "Android", "Talabat", "Amazon", "Google"]

# Vocalised forms (partial tashkeel as news sites print it).
VOC = {
    "في": "فِي", "من": "مِنْ", "على": "عَلَى", "إلى": "إِلَى", "عن": "عَنْ",
    "أن": "أَنَّ", "إن": "إِنَّ", "مع": "مَعَ", "قد": "قَدْ", "لم": "لَمْ", "لن": "لَنْ",
    "بعد": "بَعْدَ", "قبل": "قَبْلَ", "بين": "بَيْنَ", "منذ": "مُنْذُ", "حتى": "حَتَّى",
    "هذا": "هَذَا", "هذه": "هَذِهِ", "التي": "الَّتِي", "الذي": "الَّذِي",
    "الذين": "الَّذِينَ", "كان": "كَانَ", "كانت": "كَانَتْ", "وكانت": "وَكَانَتْ",
    "وكان": "وَكَانَ", "قال": "قَالَ", "وقال": "وَقَالَ", "وقالت": "وَقَالَتْ",
    "أعلن": "أَعْلَنَ", "أعلنت": "أَعْلَنَتْ", "أكد": "أَكَّدَ", "وأكد": "وَأَكَّدَ",
    "وأشار": "وَأَشَارَ", "وأضاف": "وَأَضَافَ", "وأوضح": "وَأَوْضَحَ",
    "وأوضحت": "وَأَوْضَحَتْ", "لا": "لَا", "ما": "مَا", "أو": "أَوْ", "ثم": "ثُمَّ",
    "أنه": "أَنَّهُ", "وأن": "وَأَنَّ", "لها": "لَهَا", "يوم": "يَوْمَ",
    "خلال": "خِلَالَ", "عبر": "عَبْرَ", "حول": "حَوْلَ", "نحو": "نَحْوَ",
    "مصدر": "مَصْدَر", "وزارة": "وِزَارَة", "قوات": "قُوَّات", "سوريا": "سُورِيَا",
    "موسكو": "مُوسْكُو", "اتفاق": "اتِّفَاق", "مدينة": "مَدِينَة", "وكالة": "وَكَالَة",
    "بيان": "بَيَان", "شركة": "شَرِكَة", "خدمة": "خِدْمَة", "جديدة": "جَدِيدَة",
    "عدد": "عَدَد", "لجنة": "لَجْنَة", "مؤتمر": "مُؤْتَمَر", "وزير": "وَزِير",
    "آلاف": "آلَاف", "أكثر": "أَكْثَر", "تنظيم": "تَنْظِيم", "داعش": "دَاعِش",
    "ممرا": "مَمَرًّا", "آمنا": "آمِنًا", "عنصرا": "عُنْصُرًا", "تمهيدا": "تَمْهِيدًا",
    "نظرا": "نَظَرًا", "مضيفا": "مُضِيفًا", "محاصرا": "مُحَاصَرًا",
    "مؤتمرا": "مُؤْتَمَرًا", "يوميا": "يَوْمِيًّا", "صباحا": "صَبَاحًا",
    "لاحقا": "لَاحِقًا", "نموا": "نُمُوًّا", "سريعا": "سَرِيعًا", "مشيرا": "مُشِيرًا",
    "انسجاما": "انْسِجَامًا", "فورا": "فَوْرًا", "حاليا": "حَالِيًّا",
    "أشهرا": "أَشْهُرًا", "موضحا": "مُوَضِّحًا", "خصوصا": "خُصُوصًا", "ترفا": "تَرَفًا",
    "يوما": "يَوْمًا", "مصدرا": "مَصْدَرًا", "وحيدا": "وَحِيدًا", "أساسا": "أَسَاسًا",
    "تطويقا": "تَطْوِيقًا", "عشرات": "عَشَرَات", "مسؤول": "مَسْؤُول",
}
GENITIVE_PREPS = {"في", "من", "إلى", "على", "عن"}
PREFIX_MARK = {"و": FATHA, "ف": FATHA, "ب": KASRA, "ك": FATHA}


def vocalize(core, prev_core):
    """A vocalised form of the word, or None."""
    if any(is_mark(c) for c in core):
        return None
    if core in VOC:
        return VOC[core]
    m = re.match(r"^([وفبك]?)ال(.)(.+)$", core)
    if not m or core.startswith("لل") or core in ("الله",):
        return None
    pre, c1, rest = m.groups()
    if not ("\u0621" <= c1 <= "\u064a") or c1 == "ا":
        return None
    v = (pre + PREFIX_MARK[pre]) if pre else ""
    v += ("ال" + c1 + SHADDA) if c1 in SUN else ("ال" + SUKUN + c1)
    v += rest
    if not pre and prev_core in GENITIVE_PREPS and rest[-1] not in "اىيوء":
        v += KASRA  # majrur after a preposition
    return v


def mark_insertions(core, voc):
    """[(index into core, marks to insert there)] turning core into voc."""
    out, i, j = [], 0, 0
    while j < len(voc):
        if i < len(core) and voc[j] == core[i]:
            i += 1
            j += 1
            continue
        k = j
        while k < len(voc) and is_mark(voc[k]):
            k += 1
        assert k > j, (core, voc)
        out.append((i, voc[j:k]))
        j = k
    assert i == len(core), (core, voc)
    return out


def replacement_for(core, rng, avoid=()):
    """A different word (synonym if known, else one of similar shape)."""
    avoid = set(avoid) | {core}
    cands = []
    if core in SYN:
        cands.append(SYN[core])
    if len(core) > 3 and core[0] in "وفبل" and core[1:] in SYN:
        cands.append(core[0] + SYN[core[1:]])
    if core in FUNC:
        cands.append(FUNC[core])
    for c in cands:
        if c not in avoid and " " not in c:
            return c
    if re.fullmatch(r"[A-Za-z]+", core):
        pool = [w for w in LATIN_POOL if w not in avoid]
        return rng.choice(pool)
    if re.fullmatch(r"[0-9٠-٩]+", core):
        digits = "0123456789" if core[0] in "0123456789" else "٠١٢٣٤٥٦٧٨٩"
        out = "".join(digits[(digits.index(c) + 3) % 10] if c in digits else c for c in core)
        if out[0] in "0٠" and len(out) > 1:
            out = digits[1] + out[1:]
        return out
    prefix = ""
    base = core
    if core.startswith("وال") or core.startswith("بال"):
        prefix, base = core[0], core[1:]
    if base.startswith("ال"):
        pool = DEF_POOL
    else:
        if len(core) > 3 and core[0] == "و":
            prefix, base = "و", core[1:]
        pool = PLAIN_POOL
    pool = [prefix + w for w in pool if abs(len(w) - len(base)) <= 2 and prefix + w not in avoid]
    if not pool:
        raise Reject("no replacement for " + core)
    return rng.choice(pool)


# ------------------------------------------------------------------- sources

CHROME = {"أقسام", "الوسوم", "أخبار متعلقة", "اقرأ أيضا"}


def fixture_paragraphs(path):
    """The body paragraphs of a scraped page: the headline (first block),
    teaser and caption blocks (several lines), list items, short lines
    (bylines, subheads) and everything from the page chrome on are left out."""
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks, cur = [], []
    for line in raw.split("\n"):
        line = line.strip()  # also strips no-break spaces and tabs
        if not line:
            if cur:
                blocks.append(cur)
                cur = []
        else:
            cur.append(line)
    if cur:
        blocks.append(cur)
    out = []
    for block in blocks[1:]:
        if block[0] in CHROME:
            break
        if len(block) != 1:
            continue
        t = re.sub(r"\s+", " ", block[0])
        if t.endswith("...") or t.endswith("…"):
            continue
        if re.match(r"^(-|[0-9٠-٩]+[.)])\s", t):
            continue
        if len(words(t)) < 6:
            continue
        out.append(t)
    return out


def load_sources(with_eval):
    files = [os.path.join(ROOT, "tests", "fixtures", "seed-raqqa.txt"),
             os.path.join(ROOT, "tests", "fixtures", "annotate-gulf-budget.txt")]
    files += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "scraped-*.txt")))
    articles, names = [], []
    for path in files:
        ps = fixture_paragraphs(path)
        if len(ps) >= 2:
            articles.append(ps)
            names.append(os.path.relpath(path, ROOT))
    if with_eval and os.path.exists(EVAL_PARAGRAPHS):
        with open(EVAL_PARAGRAPHS, encoding="utf-8") as f:
            data = json.load(f)
        ps = []
        for obj in data:
            t = re.sub(r"\s+", " ", str(obj.get("text", ""))).strip()
            arabic = sum(1 for c in t if "\u0600" <= c <= "\u06ff")
            if len(words(t)) >= 6 and arabic * 2 > len(t):
                ps.append(t)
        for k in range(0, len(ps) - 1, 5):
            articles.append(ps[k:k + 5])
        names.append(os.path.relpath(EVAL_PARAGRAPHS, ROOT))
    return articles, names


# ------------------------------------------------------------------- helpers

def window(rng, article, t, min_size=2, need_prev=False):
    """A run of 2-5 consecutive paragraphs holding paragraph t, ids p1...;
    returns (items, id of paragraph t)."""
    L = len(article)
    lo_w = min(max(min_size, 2), L)
    if need_prev and t == 0:
        raise Reject("no previous paragraph")
    w = rng.randint(lo_w, min(5, L))
    lo = max(0, t - w + 1)
    hi = min(t, L - w)
    if need_prev:
        hi = min(hi, t - 1)
    if hi < lo:
        raise Reject("no window")
    st = rng.randint(lo, hi)
    items = [["p%d" % (k + 1), article[st + k]] for k in range(w)]
    return items, "p%d" % (t - st + 1)


def joined(article, a):
    """The article with paragraphs a and a+1 written as one paragraph."""
    if a < 0 or a + 1 >= len(article) or not re.search(r"[.!؟][»”\")]*$", article[a]):
        raise Reject("cannot join")
    return article[:a] + [article[a] + " " + article[a + 1]] + article[a + 2:]


def pick_target(rng, text, n, pos, lo=None, hi=None):
    """Word indices (i, j) of an n-word target. pos: start / middle / end of
    the range [lo, hi) of word indices (default: the paragraph)."""
    ws = words(text)
    lo = 0 if lo is None else lo
    hi = len(ws) if hi is None else hi
    if hi - lo < n:
        raise Reject("range too short")
    if pos == "start":
        i = lo
    elif pos == "end":
        i = hi - n
    else:
        if hi - lo < n + 2:
            raise Reject("no middle")
        i = rng.randint(lo + 1, hi - n - 1)
    if not balanced(text[ws[i][0]:ws[i + n - 1][1]]):
        raise Reject("unbalanced parentheses")
    return i, i + n - 1


def balanced(span, pairs=("()",)):
    """No half of a bracket pair: «(واس» is not a reader's highlight."""
    for o, c in pairs:
        depth = 0
        for ch in span:
            if ch == o:
                depth += 1
            elif ch == c:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return True


def word_range(text, s0, e0):
    """[lo, hi) word indices of the words lying inside text[s0:e0]."""
    ws = words(text)
    idx = [k for k, (s, e) in enumerate(ws) if s >= s0 and e <= e0]
    if not idx:
        return 0, 0
    return idx[0], idx[-1] + 1


def where(text, s, e):
    ws = words(text)
    i = next(k for k, w in enumerate(ws) if w[0] == s)
    j = next(k for k, w in enumerate(ws) if w[1] == e)
    n = j - i + 1
    if i == 0 and j == len(ws) - 1:
        place = "the whole paragraph"
    elif i == 0:
        place = "paragraph start"
    elif j == len(ws) - 1:
        place = "paragraph end"
    else:
        place = "mid-paragraph"
    return "%d words, %s" % (n, place)


def unique_or_reject(items, quote, count=1):
    if count_sub(items, quote) != count or len(occurrences(items, quote)) != count:
        raise Reject("quote not unique")


def typo_options(text, s, e, kinds):
    """Typos that could be injected into the word text[s:e] (the base, i.e.
    correct, spelling): [(kind, (pos_s, pos_e, typo_string), description)]."""
    w = text[s:e]
    out = []
    if any(is_mark(c) for c in w) or not re.fullmatch(r"[\u0621-\u064a]+", w):
        return out
    last = len(w) - 1
    if "ta" in kinds and len(w) >= 3 and w[-1] in "ةه":
        typo = "ه" if w[-1] == "ة" else "ة"
        out.append(("ta", (s + last, e, typo), "ه↔ة at the word end"))
    if "ya" in kinds and len(w) >= 2 and w[-1] in "ىي":
        typo = "ي" if w[-1] == "ى" else "ى"
        out.append(("ya", (s + last, e, typo), "ي↔ى at the word end"))
    if "hamza" in kinds:
        m = re.match(r"^(|و|ف|ب|ل|ال|وال|بال|فال)[أإ]", w)
        if m:
            k = len(m.group(1))
            out.append(("hamza", (s + k, s + k + 1, "ا"), "missing hamza ا→" + w[k]))
    if "double" in kinds and len(w) >= 4:
        ks = [k for k in range(1, len(w) - 1) if w[k] != w[k - 1] and w[k] != w[k + 1]
              and w[k] not in "اأإآءئؤةى"]
        if ks:
            k = ks[(len(w) * 7 + s) % len(ks)]
            out.append(("double", (s + k + 1, s + k + 1, w[k]), "doubled letter removed"))
    return out


def typo_word(text, op):
    """The misspelt word for a typo op applied to text (for notes)."""
    ps, pe, typo = op
    ws = words(text)
    s, e = next((a, b) for a, b in ws if a <= ps and pe <= b)
    return text[s:ps] + typo + text[pe:e], text[s:e]


# ------------------------------------------------------------------- builders
# Each builder gets a Ctx and returns (note, base items, target (pid, s, e) in
# the base, pre Chain (base -> before), post Chain (base -> after), expect
# mode: "span" or "orphan"). The base is the article before any edit; for
# typo and whitespace-removal cases the *before* text is the base with a
# defect injected (pre) and the after text is the base itself.

class Ctx:
    def __init__(self, rng, article, t, n, pos, i, attempt):
        self.rng, self.article, self.t, self.n, self.pos, self.i = rng, article, t, n, pos, i
        self.attempt = attempt


def b_typo_fixed(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    kinds = [["ta"], ["ya"], ["hamza"], ["double"]][c.i % 4]
    if c.i >= 16:
        kinds = ["ta", "ya", "hamza", "double"]
    opts = []
    for k in range(i, j + 1):
        opts += typo_options(text, ws[k][0], ws[k][1], kinds)
    if not opts:
        raise Reject("no typo possible in target")
    kind, op, desc = c.rng.choice(opts)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    pre, post = Chain(items), Chain(items)
    pre.replace(pid, *op)
    typo, fixed = typo_word(text, op)
    note = "one letter corrected inside the quote: %s → %s (%s)" % (q(typo), q(fixed), desc)
    return note, items, (pid, s, e), pre, post, "span"


def b_typo_outside(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    want_before = (c.i % 5) != 4  # most typos sit before the quote, so it shifts
    pool = range(0, i) if want_before else range(j + 1, len(ws))
    kinds = ["double"] if c.i % 5 in (0, 1) else ["ta", "ya", "hamza", "double"]
    opts = []
    for k in pool:
        for kind, op, desc in typo_options(text, ws[k][0], ws[k][1], kinds):
            typo, fixed = typo_word(text, op)
            opts.append((kind, op, desc, typo, fixed))
    if c.i % 5 == 2:
        # a missing space between two plain words, both outside the quote
        joins = []
        for k in pool:
            if k + 1 not in pool:
                continue
            (a0, a1), (b0, b1) = ws[k], ws[k + 1]
            if text[a1:b0] == " " and re.fullmatch(r"[\u0621-\u064a]+", text[a0:a1] + text[b0:b1]):
                joins.append(("space", (a1, b0, ""), "missing space restored",
                              text[a0:a1] + text[b0:b1], text[a0:b1]))
        opts = joins or opts
    if not opts:
        raise Reject("no typo outside")
    kind, op, desc, typo_txt, fixed_txt = c.rng.choice(opts)
    pre, post = Chain(items), Chain(items)
    pre.replace(pid, *op)
    side = "before" if op[1] <= s else "after"
    delta = (op[1] - op[0]) - len(op[2])  # after minus before
    shift = "offsets %+d" % delta if side == "before" and delta else "offsets unchanged"
    note = "typo fixed %s the quote in the same paragraph: %s → %s (%s; %s)" % (
        side, q(typo_txt), q(fixed_txt), desc, shift)
    return note, items, (pid, s, e), pre, post, "span"


def sentence_starts_before(text, s):
    return [a for a, _ in sentence_spans(text) if a <= s]


def b_sentence_inserted_before(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    starts = sentence_starts_before(text, s)
    at = c.rng.choice(starts)
    sent = c.rng.choice(SENTENCES)
    post = Chain(items)
    post.insert(pid, at, sent + " ")
    unique_or_reject(post.items, text[s:e])
    where_ = "at the start of the paragraph" if at == 0 else "at a sentence start before it"
    if at == s:
        where_ += " (right before the quote)"
    note = "new sentence %s inserted %s" % (q(sent), where_)
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_paragraph_inserted_before(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    post = Chain(items)
    k = post.index(pid)
    at = c.rng.choice([0, k, k]) if k else 0
    if c.i % 3 == 0:
        para = c.rng.choice(NEW_PARAGRAPHS)
    else:
        a, b = c.rng.sample(SENTENCES, 2)
        para = a + " " + b
    post.insert_para(at, "new1", para)
    extra = ""
    if c.i % 4 == 1:
        post.insert_para(at, "new2", c.rng.choice(SENTENCES))
        extra = " (and a one-sentence paragraph new2 before it)"
    unique_or_reject(post.items, text[s:e])
    place = "at the top of the article" if at == 0 else "right before %s" % pid
    note = "new paragraph new1 inserted %s%s" % (place, extra)
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_paragraph_split(c):
    art, t = c.article, c.t
    natural = len(sentence_spans(art[t])) >= 2 and c.i % 3 != 0
    if c.i % 3 == 1 and not natural and c.attempt < 120:
        raise Reject("want a paragraph that already has two sentences")
    how = "a paragraph of the source"
    if not natural:
        if c.rng.random() < 0.5 and t + 1 < len(art):
            art = joined(art, t)
        else:
            art = joined(art, t - 1)
            t = t - 1
        how = "two source paragraphs written as one"
    items, pid = window(c.rng, art, t)
    text = dict(items)[pid]
    spans = sentence_spans(text)
    if len(spans) < 2:
        raise Reject("one sentence")
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    cuts = [(spans[k][1], spans[k + 1][0]) for k in range(len(spans) - 1)]
    cuts = [ct for ct in cuts if ct[1] <= s or ct[0] >= e]
    if not cuts:
        raise Reject("every boundary inside target")
    cut = c.rng.choice(cuts)
    post = Chain(items)
    post.split(pid, *cut)
    half = "%sb (second half)" % pid if cut[1] <= s else "%s (first half)" % pid
    tail = text[max(0, cut[0] - 24):cut[0]]
    note = "%s (%s) split after …%s; the quote is in %s" % (pid, how, q(tail), half)
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_paragraphs_merged(c):
    items, pid = window(c.rng, c.article, c.t, need_prev=True)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    post = Chain(items)
    prev = post.ids()[post.index(pid) - 1]
    post.merge(prev, pid)
    note = "%s merged into the previous paragraph %s (joined with a space)" % (pid, prev)
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_diacritics_added(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    cores = [text[a:b] for a, b in ws]
    vocs = {}
    for k in range(max(0, i - 3), min(len(ws), j + 4)):
        v = vocalize(cores[k], cores[k - 1] if k else "")
        if v:
            vocs[k] = v
    inside = [k for k in vocs if i <= k <= j]
    if not inside:
        raise Reject("nothing to vocalise")
    want_final = c.i % 2 == 0
    final = j in vocs and is_mark(vocs[j][-1])
    if want_final and not final:
        raise Reject("last word gets no final mark")
    chosen = set(inside)
    if len(inside) > 3 and c.i % 3 == 1:  # only some of the quoted words
        chosen = set(c.rng.sample(inside, (len(inside) + 1) // 2)) | ({j} if final else set())
    outside = [k for k in vocs if k < i or k > j]
    chosen |= set(outside[:2] if c.i % 2 else outside)
    post = Chain(items)
    for k in sorted(chosen, reverse=True):
        for off, marks in reversed(mark_insertions(cores[k], vocs[k])):
            post.insert(pid, ws[k][0] + off, marks, attach="left")
    n_in = len([k for k in chosen if i <= k <= j])
    note = "tashkeel added to %d words (%d inside the quote)" % (len(chosen), n_in)
    if j in chosen and is_mark(vocs[j][-1]):
        note += "; the last quoted word ends in a mark: %s" % q(vocs[j])
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_word_replaced(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    cores = [text[a:b] for a, b in ws]
    inner = [k for k in range(i + 1, j) if re.fullmatch(r"[\u0621-\u064a]+", cores[k])
             and cores[k] not in STOP and len(cores[k]) >= 3]
    syn = [k for k in inner if has_syn(cores[k])]
    pick_from = syn or inner
    if not pick_from:
        raise Reject("no inner word")
    k = c.rng.choice(pick_from)
    new = replacement_for(cores[k], c.rng, cores[i:j + 1])
    post = Chain(items)
    post.replace(pid, ws[k][0], ws[k][1], new)
    span = post.map_span(pid, s, e)
    unique_or_reject(post.items, post.text(pid)[span["start"]:span["end"]])
    if count_sub(post.items, text[s:e]):
        raise Reject("old quote still present")
    note = "word %d of the quote replaced: %s → %s" % (k - i + 1, q(cores[k]), q(new))
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_quote_deleted(c):
    art, t = c.article, c.t
    unit = "sentence"
    if c.i % 3 == 0 and len(sentence_spans(art[t])) < 2:
        if t + 1 < len(art) and c.rng.random() < 0.5:
            art = joined(art, t)
        else:
            art = joined(art, t - 1)
            t -= 1
    items, pid = window(c.rng, art, t)
    text = dict(items)[pid]
    sents = sentence_spans(text)
    units = []
    if len(sents) >= 2 and c.i % 3 != 2:
        for k, (a, b) in enumerate(sents):
            if k + 1 < len(sents):
                units.append((a, b, a, sents[k + 1][0]))  # delete sentence + following space
            else:
                units.append((a, b, sents[k - 1][1], b))  # delete preceding space + sentence
    else:
        unit = "clause"
        for (sa, sb) in sents:
            cl = clause_spans(text, sa, sb)
            if len(cl) < 2:
                continue
            for k, (a, b) in enumerate(cl):
                if k + 1 < len(cl):
                    units.append((a, b, a, cl[k + 1][0]))
                else:
                    units.append((a, b, cl[k - 1][1], b))
    c.rng.shuffle(units)
    for a, b, da, db in units:
        if not balanced(text[da:db], ("()", "«»", "“”")):
            continue  # never delete half of a quotation
        lo, hi = word_range(text, a, b)
        try:
            i, j = pick_target(c.rng, text, min(c.n, hi - lo), c.pos, lo, hi)
        except Reject:
            continue
        if j - i + 1 < 2:
            continue
        ws = words(text)
        s, e = ws[i][0], ws[j][1]
        if count_sub(items, text[s:e]) != 1:
            continue
        post = Chain(items)
        post.replace(pid, da, db, "")
        rest = post.text(pid)
        if len(words(rest)) < 4 or not orphan_guard_ok(post.items, text[s:e]):
            continue
        gone = text[a:b]
        if len(gone) > 60:
            gone = gone[:28] + "…" + gone[-28:]
        note = "the %s holding the quote deleted: %s" % (unit, q(gone))
        return note, items, (pid, s, e), Chain(items), post, "orphan"
    raise Reject("no deletable unit")


def b_paragraph_deleted(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    post = Chain(items)
    post.delete_para(pid)
    if not orphan_guard_ok(post.items, text[s:e]):
        raise Reject("quote survives elsewhere")
    left = len(post.items)
    note = "paragraph %s (holding the quote) deleted; %d paragraph%s remain%s" % (
        pid, left, "s" if left > 1 else "", "" if left > 1 else "s")
    return note, items, (pid, s, e), Chain(items), post, "orphan"


def b_rewritten(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    n = j - i + 1
    m = c.rng.randint(n // 2 + 1, n)
    cores = [text[a:b] for a, b in ws]
    # reword with known synonyms first, so the rewrite reads like one
    known = [k for k in range(i, j + 1) if has_syn(cores[k]) or cores[k] in FUNC]
    rest = [k for k in range(i, j + 1) if k not in known]
    c.rng.shuffle(known)
    c.rng.shuffle(rest)
    ks = sorted((known + rest)[:m])
    post = Chain(items)
    used = set(cores[i:j + 1])
    for k in reversed(ks):
        new = replacement_for(cores[k], c.rng, used)
        used.add(new)
        post.replace(pid, ws[k][0], ws[k][1], new)
    if not orphan_guard_ok(post.items, text[s:e]):
        raise Reject("too much of the quote survives")
    span = post.map_span(pid, s, e)
    now = post.text(pid)[span["start"]:span["end"]]
    note = "heavy rewrite: %d of the %d quoted words replaced, now %s" % (m, n, q(now))
    return note, items, (pid, s, e), Chain(items), post, "orphan"


def b_duplicated_lookalike(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    if len(ws) < (j - i + 1) + 2:
        raise Reject("paragraph too short for a lookalike")
    s, e = ws[i][0], ws[j][1]
    quote = text[s:e]
    unique_or_reject(items, quote)
    n = j - i + 1
    cores = [text[a:b] for a, b in ws]
    inner = list(range(i + 1, j)) if n >= 3 else [i, j]
    inner = [k for k in inner if re.fullmatch(r"[\u0621-\u064a]+", cores[k]) and cores[k] not in STOP]
    inner = [k for k in inner if has_syn(cores[k])] or inner
    if not inner:
        raise Reject("nothing to replace")
    k = c.rng.choice(inner)
    new = replacement_for(cores[k], c.rng, cores[i:j + 1])
    # the copy: same paragraph, one or two words outside the quote changed
    outside = [x for x in range(len(ws)) if (x < i or x > j)
               and re.fullmatch(r"[\u0621-\u064a]+", cores[x]) and cores[x] not in STOP]
    outside = [x for x in outside if has_syn(cores[x])] or outside
    if not outside:
        raise Reject("nothing to change in the copy")
    near = c.i % 3 == 0  # change a word right next to the quote (prefix/suffix differ)
    if near:
        adj = [x for x in outside if x in (i - 1, j + 1)]
        outside = adj or outside
    changes = sorted(c.rng.sample(outside, min(len(outside), 1 + (c.i % 2))), reverse=True)
    copy = Chain([["c", text]])
    changed = []
    for x in changes:
        w = replacement_for(cores[x], c.rng, cores)
        copy.replace("c", ws[x][0], ws[x][1], w)
        changed.append("%s → %s" % (q(cores[x]), q(w)))
    copy_text = copy.text("c")
    post = Chain(items)
    post.replace(pid, ws[k][0], ws[k][1], new)
    kp = post.index(pid)
    choice = c.i % 4
    at = [kp + 1, kp, 0, len(post.items)][choice]
    post.insert_para(at, "new1", copy_text)
    place = ["right after", "right before", "at the top of the article, before",
             "at the end of the article, after"][choice]
    # guards: the exact quote now exists only in the copy, the edited span only in pid
    occ = occurrences(post.items, quote)
    if count_sub(post.items, quote) != 1 or len(occ) != 1 or occ[0][0] != "new1":
        raise Reject("exact quote not only in the copy")
    span = post.map_span(pid, s, e)
    edited = post.text(pid)[span["start"]:span["end"]]
    unique_or_reject(post.items, edited)
    base_note = ("%s copied as new1 (%s %s) with %s outside the quote; in %s the quoted word %s → %s"
                 % (pid, place, pid, ", ".join(changed), pid, q(cores[k]), q(new)))
    if n >= LOOKALIKE_MIN_WORDS:
        note = base_note + ("; distinguishable: %s keeps its id and offsets and %d of the %d "
                            "quoted words, the exact quote is only in the copy → expect %s"
                            % (pid, n - 1, n, pid))
        return note, items, (pid, s, e), Chain(items), post, "span"
    note = base_note + ("; indistinguishable: with 1 of only %d words replaced, what is left in %s "
                        "cannot be told from the intact copy, which is not where the reader's "
                        "words are → orphan" % (n, pid))
    return note, items, (pid, s, e), Chain(items), post, "orphan"


def contexts(text, s, e):
    pre = re.sub(r"\s+", " ", strip_marks(text[max(0, s - CTX):s]))
    suf = re.sub(r"\s+", " ", strip_marks(text[e:e + CTX]))
    return pre, suf


def ctx_score(stored, cand):
    (p0, s0), (p1, s1) = stored, cand
    a = 0
    while a < min(len(p0), len(p1)) and p0[-1 - a] == p1[-1 - a]:
        a += 1
    b = 0
    while b < min(len(s0), len(s1)) and s0[b] == s1[b]:
        b += 1
    return a + b


def discriminable(stored, items, occs, expect):
    texts = dict(items)
    mine = None
    others = []
    for o in occs:
        sc = ctx_score(stored, contexts(texts[o[0]], o[1], o[2]))
        if (o[0], o[1], o[2]) == expect:
            mine = sc
        else:
            others.append(sc)
    return mine is not None and all(mine >= x + 8 for x in others)


REPEAT_SCENARIOS = "ABCDE"
# A: a sentence inserted at the start of the highlighted occurrence's paragraph
# B: a typo fixed before the highlighted occurrence (offsets -1 or unchanged)
# C: a sentence plus emoji and Latin inserted before the highlighted occurrence
# D: the highlighted occurrence's paragraph merged into the previous one, which
#    holds the other occurrence (both now in one text)
# E: both occurrences in one paragraph, the reader's is the later one, and text
#    is inserted before both so that the earlier one moves to about the old
#    offset of the highlighted one: the position selector points at the wrong
#    occurrence and only prefix/suffix tell them apart


def b_repeated_quote(c):
    rng = c.rng
    scen = REPEAT_SCENARIOS[c.i % 5]
    items, pid = window(rng, c.article, c.t, need_prev=(scen == "D"))
    ids = [p for p, _ in items]
    prev = ids[ids.index(pid) - 1] if ids.index(pid) else None
    text = dict(items)[pid]
    ws = words(text)
    base = Chain(items)
    want_natural = (c.i // 5) % 2 == 0
    natural = []
    if want_natural:
        for n in range(min(8, c.n + 3), 1, -1):
            for a in range(len(ws) - n + 1):
                s, e = ws[a][0], ws[a + n - 1][1]
                qt = text[s:e]
                if not balanced(qt) or not re.search(r"[\u0621-\u064a]{3}", qt):
                    continue
                if count_sub(items, qt) != 2:
                    continue
                occ = occurrences(items, qt)
                if len(occ) != 2 or (pid, s, e) not in occ:
                    continue
                other = [o for o in occ if o != (pid, s, e)][0]
                if scen == "D" and other[0] != prev:
                    continue
                if scen == "E" and not (other[0] == pid and other[2] < s):
                    continue
                natural.append(((pid, s, e), other, qt))
            if natural:
                break
        if not natural and c.attempt < 80:
            raise Reject("no natural repeat here")
    if natural:
        tgt, other, quote = rng.choice(natural)
        how = "the quote occurs twice in the source text"
    else:
        n = max(2, min(c.n, 8))
        i, j = pick_target(rng, text, n, c.pos)
        s, e = ws[i][0], ws[j][1]
        quote = text[s:e]
        unique_or_reject(items, quote)
        sent = rng.choice(REPEAT_TEMPLATES).format(q=q(quote))
        if scen == "D":
            host, at_start, reader = prev, False, "original"
        elif scen == "E":
            host, at_start = pid, c.i % 2 == 0
            reader = "original" if at_start else "copy"
        else:
            others = [p for p in ids if p != pid]
            host = pid if (c.i % 3 == 0 or not others) else rng.choice(others)
            at_start = rng.random() < 0.5
            reader = "original" if c.i % 2 else "copy"
        if at_start:
            base.insert(host, 0, sent + " ")
        else:
            base.insert(host, len(base.text(host)), " " + sent)
        orig = base.map_span(pid, s, e)
        orig = (orig["text"], orig["start"], orig["end"])
        occ = occurrences(base.items, quote)
        if len(occ) != 2 or orig not in occ:
            raise Reject("injection went wrong")
        copy = [o for o in occ if o != orig][0]
        tgt, other = (orig, copy) if reader == "original" else (copy, orig)
        how = "a sentence quoting it, %s, was added at the %s of %s; the reader highlighted the %s" % (
            q(sent), "start" if at_start else "end", host,
            "original words" if reader == "original" else "quoted copy")
    before = [[p, t] for p, t in base.items]
    if count_sub(before, quote) != 2 or len(occurrences(before, quote)) != 2:
        raise Reject("not exactly two occurrences")
    tp, ts, te = tgt
    pre, post = Chain(before), Chain(before)
    ttext = post.text(tp)
    if scen == "A":
        sent = rng.choice(SENTENCES)
        post.insert(tp, 0, sent + " ")
        edit = "new sentence %s inserted at the start of %s" % (q(sent), tp)
    elif scen == "B":
        ops = []
        for a, b in words(ttext):
            if b < ts:
                ops += typo_options(ttext, a, b, ["double", "ta", "hamza", "ya"])
        if not ops:
            raise Reject("no typo before")
        kind, op, desc = rng.choice(ops)
        pre.replace(tp, *op)
        typo, fixed = typo_word(ttext, op)
        edit = "typo %s → %s (%s) fixed before the highlighted occurrence" % (q(typo), q(fixed), desc)
    elif scen == "C":
        at = rng.choice([a for a, _ in sentence_spans(ttext) if a <= ts])
        ins = "%s %s %s " % (rng.choice(SENTENCES), rng.choice(ASTRAL), rng.choice(LATIN))
        post.insert(tp, at, ins)
        edit = "%s inserted before the highlighted occurrence" % q(ins.strip())
    elif scen == "D":
        if other[0] != prev or tp != pid:
            raise Reject("merge needs the other occurrence in the previous paragraph")
        post.merge(prev, tp)
        edit = "%s merged into %s (joined with a space), which holds the other occurrence" % (tp, prev)
    else:
        if not (other[0] == tp and other[2] < ts):
            raise Reject("E needs the other occurrence earlier in the same paragraph")
        want = ts - other[1]
        at = max(a for a, _ in sentence_spans(ttext) if a <= other[1])
        pool = SENTENCES + [x + " " + y for x in SENTENCES for y in SENTENCES if x != y]
        best = min(pool, key=lambda x: (abs(len(x) + 1 - want), x))
        post.insert(tp, at, best + " ")
        off = abs(len(best) + 1 - want)
        edit = ("%d code points of new text inserted before both occurrences in %s: the other "
                "occurrence now starts %d code point%s from the highlighted one's old offset"
                % (len(best) + 1, tp, off, "" if off == 1 else "s"))
    tb = pre.map_span(tp, ts, te)
    before_now = [[p, t] for p, t in pre.items]
    occ_b = occurrences(before_now, quote)
    if len(occ_b) != 2 or count_sub(before_now, quote) != 2:
        raise Reject("the edit broke an occurrence")
    stored = contexts(dict(before_now)[tb["text"]], tb["start"], tb["end"])
    if not discriminable(stored, before_now, occ_b, (tb["text"], tb["start"], tb["end"])):
        raise Reject("not discriminable before")
    occ_a = occurrences(post.items, quote)
    if len(occ_a) != 2 or count_sub(post.items, quote) != 2:
        raise Reject("not two occurrences after")
    exp = post.map_span(tp, ts, te)
    if not discriminable(stored, post.items, occ_a, (exp["text"], exp["start"], exp["end"])):
        raise Reject("prefix/suffix do not tell them apart")
    return how + "; " + edit, before, tgt, pre, post, "span"


def b_whitespace(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    inner = [m.start() for m in re.finditer(" ", text[s:e])]
    inner = [s + x for x in inner]
    before_sp = s - 1 if s > 0 and text[s - 1] == " " else None
    after_sp = e if e < len(text) and text[e] == " " else None
    variant = c.i % 8
    pre, post = Chain(items), Chain(items)
    ops = []  # (pos, replacement) of single spaces, applied right to left
    if variant == 0:
        for x in c.rng.sample(inner, min(2, len(inner))):
            ops.append((x, c.rng.choice(["  ", "   "])))
        chain, what = post, "runs of spaces inserted between quoted words"
    elif variant == 1:
        ops.append((c.rng.choice(inner), NBSP))
        chain, what = post, "a space inside the quote became a no-break space (U+00A0)"
    elif variant == 2:
        ops.append((c.rng.choice(inner), "\n"))
        chain, what = post, "a line break replaced a space inside the quote"
    elif variant == 3:
        if before_sp is None and after_sp is None:
            raise Reject("no space around")
        if before_sp is not None:
            ops.append((before_sp, "   "))
        if after_sp is not None:
            ops.append((after_sp, "  "))
        chain, what = post, "runs of spaces inserted around the quote"
    elif variant == 4:
        if before_sp is None:
            raise Reject("no space before")
        ops.append((before_sp, NBSP + "\n"))
        if after_sp is not None:
            ops.append((after_sp, NBSP))
        chain, what = post, "no-break space and line break inserted around the quote"
    elif variant == 5:
        for x in inner:
            ops.append((x, "  "))
        if before_sp is not None:
            ops.append((before_sp, "  "))
        chain, what = pre, "double spaces inside and before the quote removed"
    elif variant == 6:
        ops.append((c.rng.choice(inner), "\n"))
        chain, what = pre, "a line break inside the quote removed (now a space)"
    else:
        for x in c.rng.sample(inner, min(3, len(inner))):
            ops.append((x, c.rng.choice([NBSP, "\n", " " + NBSP, "\t "])))
        chain, what = post, "mixed whitespace (no-break space, line break, tab) inside the quote"
    for x, r in sorted(ops, reverse=True):
        chain.replace(pid, x, x + 1, r)
    return what, items, (pid, s, e), pre, post, "span"


def b_moved_paragraph(c):
    items, pid = window(c.rng, c.article, c.t, min_size=3)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    post = Chain(items)
    k = post.index(pid)
    dests = [x for x in range(len(items)) if x != k]
    d = c.rng.choice(dests)
    post.move_para(pid, d)
    where_ = {0: "to the top of the article", len(items) - 1: "to the end of the article"}.get(
        d, "to position %d of %d" % (d + 1, len(items)))
    note = "%s moved unchanged from position %d %s" % (pid, k + 1, where_)
    return note, items, (pid, s, e), Chain(items), post, "span"


def b_emoji_and_latin(c):
    items, pid = window(c.rng, c.article, c.t)
    text = dict(items)[pid]
    i, j = pick_target(c.rng, text, c.n, c.pos)
    ws = words(text)
    s, e = ws[i][0], ws[j][1]
    unique_or_reject(items, text[s:e])
    rng = c.rng
    tok_starts = [m.start() for m in re.finditer(r"\S+", text) if m.start() <= s]
    at = rng.choice([0, tok_starts[-1], rng.choice(tok_starts)])
    v = c.i % 4
    if v == 0:
        ins = "%s %s " % (rng.choice(LATIN), rng.choice(ASTRAL))
    elif v == 1:
        ins = "%s %s %s " % (rng.choice(ASTRAL), rng.choice(LATIN), rng.choice(ASTRAL))
    elif v == 2:
        ins = "%s%s %s " % (rng.choice(ASTRAL), rng.choice(ASTRAL), rng.choice(LATIN))
    else:
        ins = "(%s) %s " % (rng.choice(LATIN), rng.choice(ASTRAL))
    post = Chain(items)
    post.insert(pid, at, ins)
    extra = ""
    if v == 1 and e < len(text):  # also something after the quote: must not move it
        post.insert(pid, len(post.text(pid)), " " + rng.choice(ASTRAL))
        extra = ", and a non-BMP character appended at the paragraph end (must not move it)"
    unique_or_reject(post.items, text[s:e])
    cps = len(ins)
    utf16 = len(ins.encode("utf-16-le")) // 2
    note = ("%s inserted before the quote%s: +%d code points (%d UTF-16 units)"
            % (q(ins.strip()), extra, cps, utf16))
    return note, items, (pid, s, e), Chain(items), post, "span"


BUILDERS = {
    "typo_fixed": b_typo_fixed, "typo_outside": b_typo_outside,
    "sentence_inserted_before": b_sentence_inserted_before,
    "paragraph_inserted_before": b_paragraph_inserted_before,
    "paragraph_split": b_paragraph_split, "paragraphs_merged": b_paragraphs_merged,
    "diacritics_added": b_diacritics_added, "word_replaced": b_word_replaced,
    "quote_deleted": b_quote_deleted, "paragraph_deleted": b_paragraph_deleted,
    "rewritten": b_rewritten, "duplicated_lookalike": b_duplicated_lookalike,
    "repeated_quote": b_repeated_quote, "whitespace": b_whitespace,
    "moved_paragraph": b_moved_paragraph, "emoji_and_latin": b_emoji_and_latin,
}
LENGTHS = {"word_replaced": (5, 15), "duplicated_lookalike": (2, 15), "repeated_quote": (2, 8)}


def generate(articles):
    slots = [(a, p) for a in range(len(articles)) for p in range(len(articles[a]))]
    cases = []
    for kn, kind in enumerate(KINDS):
        order = list(slots)
        random.Random("%s/%s/order" % (SEED, kind)).shuffle(order)
        lo, hi = LENGTHS.get(kind, (2, 15))
        seen = set()
        for i in range(PER_KIND):
            for attempt in range(MAX_ATTEMPTS):
                rng = random.Random("%s/%s/%d/%d" % (SEED, kind, i, attempt))
                a, p = order[(i + attempt) % len(order)]
                if attempt < 40:
                    n = lo + (i * 5 + kn) % (hi - lo + 1)
                    pos = ["start", "middle", "end"][(i + kn) % 3]
                else:
                    n = rng.randint(lo, hi)
                    pos = rng.choice(["start", "middle", "end"])
                try:
                    note, base, tgt, pre, post, mode = BUILDERS[kind](
                        Ctx(rng, articles[a], p, n, pos, i, attempt))
                except Reject:
                    continue
                tp, ts, te = tgt
                target = pre.map_span(tp, ts, te)
                before = pre.snapshot()
                after = post.snapshot()
                key = json.dumps([before, target], ensure_ascii=False)
                if key in seen:
                    continue
                seen.add(key)
                if mode == "span":
                    expect = post.map_span(tp, ts, te)
                    assert expect is not None
                else:
                    expect = "orphan"
                btext = {x["id"]: x["text"] for x in before}[target["text"]]
                note += " [%s]" % where(btext, target["start"], target["end"])
                cases.append({
                    "id": "%s-%03d" % (PREFIX[kind], i + 1),
                    "kind": kind,
                    "note": note,
                    "before": before,
                    "after": after,
                    "target": target,
                    "expect": expect,
                })
                break
            else:
                raise SystemExit("could not build %s case %d" % (kind, i + 1))
    return cases


# ----------------------------------------------------------------- self-check

def aligned(text, s, e):
    ws = words(text)
    starts = {a: k for k, (a, _) in enumerate(ws)}
    ends = {b: k for k, (_, b) in enumerate(ws)}
    if s not in starts or e not in ends or ends[e] < starts[s] or is_mark(text[s]):
        return None
    return ends[e] - starts[s] + 1


def self_check(doc):
    problems = []
    cases = doc["cases"]
    ids = [c["id"] for c in cases]
    if len(set(ids)) != len(ids):
        problems.append("duplicate case ids")
    counts = {k: 0 for k in KINDS}
    for c in cases:
        cid, kind = c["id"], c["kind"]

        def bad(msg):
            problems.append("%s: %s" % (cid, msg))

        if kind not in counts:
            bad("unknown kind")
            continue
        counts[kind] += 1
        for side in ("before", "after"):
            tids = [x["id"] for x in c[side]]
            if len(set(tids)) != len(tids):
                bad("duplicate text ids in " + side)
        before = {x["id"]: x["text"] for x in c["before"]}
        after = {x["id"]: x["text"] for x in c["after"]}
        t = c["target"]
        if t["text"] not in before:
            bad("target text missing")
            continue
        bt = before[t["text"]]
        if not (0 <= t["start"] < t["end"] <= len(bt)):
            bad("target out of range")
            continue
        nw = aligned(bt, t["start"], t["end"])
        if nw is None:
            bad("target not on word boundaries")
            continue
        if not 2 <= nw <= 15:
            bad("target has %d words" % nw)
        quote = bt[t["start"]:t["end"]]
        x = c["expect"]
        if kind in ORPHAN_KINDS and x != "orphan":
            bad("orphan kind with a span")
        if kind not in ORPHAN_KINDS | {"duplicated_lookalike"} and x == "orphan":
            bad("span kind with orphan")
        if x == "orphan":
            items = list(after.items())
            if kind in ORPHAN_KINDS and not orphan_guard_ok(items, quote):
                bad("orphan but the quote (or most of it) is still in the article")
            if kind == "duplicated_lookalike":
                occ = occurrences(items, quote)
                if not occ or any(o[0] == t["text"] for o in occ):
                    bad("lookalike: exact quote not (only) in the copy")
                if nw >= LOOKALIKE_MIN_WORDS:
                    bad("lookalike orphan with a long quote")
            continue
        if x["text"] not in after:
            bad("expect text missing")
            continue
        at = after[x["text"]]
        if not (0 <= x["start"] < x["end"] <= len(at)):
            bad("expect out of range")
            continue
        if aligned(at, x["start"], x["end"]) is None:
            bad("expect not on word boundaries")
            continue
        got = at[x["start"]:x["end"]]
        a, b = norm_c(quote), norm_c(got)
        if kind == "typo_fixed":
            if levenshtein(a, b) != 1:
                bad("typo_fixed: not exactly one character different")
        elif kind in ("word_replaced", "duplicated_lookalike"):
            wa, wb = word_cores(quote), word_cores(got)
            diff = sum(1 for p, r in zip(wa, wb) if p != r)
            if len(wa) != len(wb) or diff != 1:
                bad("%s: not exactly one word different" % kind)
        elif a != b:
            bad("expect text %r != target text %r" % (got, quote))
        if kind in ("paragraph_inserted_before", "moved_paragraph"):
            if (x["text"], x["start"], x["end"]) != (t["text"], t["start"], t["end"]) \
                    or after[x["text"]] != bt:
                bad("expected same id, text and offsets")
        if kind == "duplicated_lookalike":
            if x["text"] != t["text"]:
                bad("lookalike: expect is not the original paragraph")
            occ = occurrences(list(after.items()), quote)
            if len(occ) != 1 or occ[0][0] == x["text"]:
                bad("lookalike: exact quote should be only in the copy")
            if nw < LOOKALIKE_MIN_WORDS:
                bad("lookalike span with a short quote")
        if kind == "repeated_quote":
            occ_b = occurrences(list(before.items()), quote)
            occ_a = occurrences(list(after.items()), quote)
            key = (x["text"], x["start"], x["end"])
            if len(occ_b) != 2 or len(occ_a) != 2 or key not in occ_a:
                bad("repeated_quote: not two occurrences, or expect not one of them")
            stored = contexts(bt, t["start"], t["end"])
            if not discriminable(stored, list(after.items()), occ_a, key):
                bad("repeated_quote: prefix/suffix do not single out the expected occurrence")
        if kind not in ("repeated_quote", "typo_fixed", "word_replaced", "duplicated_lookalike"):
            if count_sub(list(after.items()), got) != 1:
                bad("expected words are not unique in the after article")
    for k, v in counts.items():
        if v < 20:
            problems.append("only %d cases of %s" % (v, k))
    if len(cases) < 240:
        problems.append("only %d cases" % len(cases))
    return counts, problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--eval-paragraphs", action="store_true",
                    help="also use tests/eval/paragraphs.json if it exists")
    args = ap.parse_args()
    for k, v in VOC.items():
        assert strip_marks(v) == k, k
    articles, names = load_sources(args.eval_paragraphs)
    cases = generate(articles)
    doc = {
        "source": ("Arabic news text, split into paragraphs (one text each): "
                   + ", ".join(names)
                   + "; inserted sentences, synonyms and tashkeel written for this corpus"),
        "generator": "tools/anchor-edits/generate.py",
        "cases": cases,
    }
    counts, problems = self_check(doc)
    if problems:
        for p in problems[:50]:
            print("SELF-CHECK FAILED:", p, file=sys.stderr)
        raise SystemExit("self-check failed: %d problems" % len(problems))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write('{"source": %s,\n "generator": %s,\n "cases": [\n'
                % (json.dumps(doc["source"], ensure_ascii=False), json.dumps(doc["generator"])))
        f.write(",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in cases))
        f.write("\n ]}\n")
    with open(args.out, encoding="utf-8") as f:
        again = json.load(f)
    counts, problems = self_check(again)
    if problems or again != doc:
        raise SystemExit("self-check of the written file failed: %s" % problems[:5])
    orphans = sum(1 for c in cases if c["expect"] == "orphan")
    print("wrote %s: %d cases (%d orphans)" % (os.path.relpath(args.out, ROOT), len(cases), orphans))
    for k in KINDS:
        print("  %-26s %d" % (k, counts[k]))
    print("self-check passed")


if __name__ == "__main__":
    main()
