//! Anchoring, checked the way the well-known anchoring suites check it
//! (Hypothesis' `text-quote` and `text-position` tests, Apache Annotator's
//! selector tests with 😃 in every sample): prefix and suffix
//! disambiguation, repeated quotes, white space, empty quotes, code points
//! outside the Basic Multilingual Plane — and the cases where the right
//! answer is "orphan".

use rtl_article::anchor::{Document, Method, Orphaned, Resolution, Selector};

/// The code point where the `n`-th (from 0) occurrence of `needle` starts in `text`.
fn at(text: &str, needle: &str, n: usize) -> usize {
    let byte = text
        .match_indices(needle)
        .nth(n)
        .map(|(i, _)| i)
        .expect("the needle occurs");
    text[..byte].chars().count()
}

fn doc(texts: &[(&str, &str)]) -> Document {
    Document::new(texts.iter().copied())
}

fn placed(doc: &Document, selector: &Selector) -> (String, usize, usize, Method, String) {
    match doc.resolve(selector) {
        Resolution::Placed(p) => {
            let shown = doc.slice(&p);
            (p.text, p.start, p.end, p.method, shown)
        }
        other => panic!("{selector:?} → {other:?}"),
    }
}

/// A selector as another client would have stored it.
fn quote(text: &str, exact: &str, prefix: &str, suffix: &str, start: usize) -> Selector {
    Selector {
        text: text.into(),
        index: None,
        start,
        end: start + exact.chars().count(),
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
    }
}

#[test]
fn describe_gives_exact_words_and_just_enough_context() {
    let d = doc(&[
        ("headline", "الرقة تنتظر"),
        (
            "p1",
            "قال المصدر إن القوات دخلت الرقة صباح اليوم، ثم دخلت القوات الرقة مساء.",
        ),
    ]);
    // "الرقة" occurs three times: context grows until the span is unique.
    let s = d.describe("p1", 26, 31).unwrap();
    assert_eq!(s.exact, "الرقة");
    assert_eq!((s.start, s.end, s.index), (26, 31, Some(1)));
    assert_eq!((s.prefix.as_str(), s.suffix.as_str()), ("دخلت ", " صباح"));
    // Whole words only: a range inside a word keeps its exact characters,
    // and the context starts and ends at word edges.
    let s = d.describe("p1", 15, 20).unwrap();
    assert_eq!(s.exact, "لقوات");
    assert!(
        s.prefix.ends_with('ا') || s.prefix.is_empty() || s.prefix.ends_with(' '),
        "{s:?}"
    );
    assert!(d.describe("p2", 0, 1).is_none());
    assert!(d.describe("p1", 5, 500).is_none());
}

#[test]
fn a_letter_is_never_cut_from_its_diacritics() {
    let d = doc(&[("p1", "قُوّاتُ سوريا")]);
    // A range ending between ت and its damma, and one starting on a shadda.
    let s = d.describe("p1", 0, 6).unwrap();
    assert_eq!(s.exact, "قُوّاتُ");
    let s = d.describe("p1", 3, 7).unwrap();
    assert_eq!(s.exact, "وّاتُ");
}

#[test]
fn position_then_exact_then_fuzzy() {
    let text = "أكد المتحدث أن المفاوضات ستستأنف الأسبوع المقبل في القاهرة بحضور الوفدين.";
    let d = doc(&[("p1", text)]);
    let s = d.describe("p1", 15, 32).unwrap();
    assert_eq!(s.exact, "المفاوضات ستستأنف");
    assert_eq!(placed(&d, &s).3, Method::Position);
    // Shifted by an insertion: found by the exact quote and its context.
    let shifted = doc(&[("p1", &format!("وفي تطور لافت، {text}"))]);
    let (_, _, _, how, shown) = placed(&shifted, &s);
    assert_eq!((how, shown.as_str()), (Method::Exact, "المفاوضات ستستأنف"));
    // A typo fixed inside the quote: found approximately, on the new words.
    let fixed = doc(&[("p1", &text.replace("ستستأنف", "ستُستأنف رسميا"))]);
    let (_, _, _, how, shown) = placed(&fixed, &s);
    assert_eq!(how, Method::Fuzzy);
    assert!(shown.starts_with("المفاوضات ستُستأنف"), "{shown}");
}

#[test]
fn prefix_and_suffix_tell_repeated_quotes_apart() {
    let p1 = "قالت الوزارة إن الاجتماع تأجل. وقال الوفد إن الاجتماع تأجل أيضا.";
    let p2 = "وأكدت المصادر أن الاجتماع تأجل إلى موعد لاحق.";
    let d = doc(&[("p1", p1), ("p2", p2)]);
    // Three "الاجتماع تأجل": each described one resolves to itself.
    let q = "الاجتماع تأجل";
    for (text, start) in [("p1", at(p1, q, 0)), ("p1", at(p1, q, 1)), ("p2", at(p2, q, 0))] {
        let s = d.describe(text, start, start + 13).unwrap();
        assert_eq!(s.exact, "الاجتماع تأجل");
        let (t, st, _, _, _) = placed(&d, &s);
        assert_eq!((t.as_str(), st), (text, start), "{s:?}");
    }
    // Another client's selector with only a suffix: the one it names.
    let s = quote("p9", "الاجتماع تأجل", "", " إلى موعد", 0);
    let (t, st, _, _, _) = placed(&d, &s);
    assert_eq!((t.as_str(), st), ("p2", at(p2, q, 0)));
    // Without any context, three equal places: an orphan, not a guess.
    let s = quote("p9", "الاجتماع تأجل", "", "", 0);
    assert_eq!(d.resolve(&s), Resolution::Orphan(Orphaned::Ambiguous));
}

#[test]
fn white_space_differences_do_not_matter() {
    let d = doc(&[("p1", "وصلت  القوات\u{00A0}إلى\nمدينة الرقة")]);
    let s = quote("p1", "القوات إلى مدينة", "وصلت ", " الرقة", 0);
    let (_, start, end, _, shown) = placed(&d, &s);
    assert_eq!(shown, "القوات\u{00A0}إلى\nمدينة");
    assert_eq!((start, end), (6, 22));
}

#[test]
fn folding_applies_to_matching_and_the_publishers_text_is_shown() {
    let d = doc(&[("p1", "أعلنت الحكومة أن «الإصلاحات» ستطبق في ٢٠٢٥.")]);
    // Stored from a rendering with other typography and no hamza.
    let s = quote("p1", "اعلنت الحكومة ان \"الاصلاحات\" ستطبق في 2025", "", "", 0);
    let (_, _, _, _, shown) = placed(&d, &s);
    assert_eq!(shown, "أعلنت الحكومة أن «الإصلاحات» ستطبق في ٢٠٢٥");
}

#[test]
fn empty_quotes_are_positions() {
    let d = doc(&[("p1", "نص قصير")]);
    let s = d.describe("p1", 3, 3).unwrap();
    assert_eq!((s.exact.as_str(), s.start, s.end), ("", 3, 3));
    let (t, start, end, how, _) = placed(&d, &s);
    assert_eq!((t.as_str(), start, end, how), ("p1", 3, 3, Method::Position));
    let gone = doc(&[("p2", "نص آخر")]);
    assert_eq!(gone.resolve(&s), Resolution::Orphan(Orphaned::Empty));
}

#[test]
fn offsets_count_code_points_outside_the_bmp() {
    let text = "😃 قال 𝐀 المصدر 😃 إن الاتفاق مرفوض";
    let d = doc(&[("p1", text)]);
    let start = at(text, "الاتفاق", 0);
    assert_eq!(start, 20, "code points, not UTF-16 units (23) or bytes (40)");
    let s = d.describe("p1", start, start + 7).unwrap();
    assert_eq!(s.exact, "الاتفاق");
    let edited = doc(&[("p1", &format!("😃😃 {text}"))]);
    let (_, st, en, _, shown) = placed(&edited, &s);
    assert_eq!((st, en, shown.as_str()), (23, 30, "الاتفاق"));
}

#[test]
fn orphans_rather_than_wrong_places() {
    let before = doc(&[
        (
            "p1",
            "أعلنت الحكومة خطة لدعم المزارعين في المناطق الريفية خلال العام المقبل.",
        ),
        ("p2", "وقال وزير الزراعة إن الخطة ستشمل ألف قرية."),
    ]);
    let s = before.describe("p1", 14, 35).unwrap();
    assert_eq!(s.exact, "خطة لدعم المزارعين في");
    // The sentence is gone.
    let gone = doc(&[
        ("p1", "تراجعت أسعار النفط في الأسواق العالمية."),
        ("p2", "وقال وزير الزراعة إن الخطة ستشمل ألف قرية."),
    ]);
    assert!(matches!(gone.resolve(&s), Resolution::Orphan(_)));
    // Rewritten beyond recognition.
    let rewritten = doc(&[(
        "p1",
        "أعلنت الحكومة برنامجا لتمويل الصيادين في المدن الساحلية خلال العام المقبل.",
    )]);
    assert!(matches!(rewritten.resolve(&s), Resolution::Orphan(_)));
}

#[test]
fn an_edited_original_beside_an_exact_lookalike_is_not_moved_to_the_lookalike() {
    // Hypothesis issue #7571: the original paragraph's words were edited, a
    // near-identical paragraph elsewhere still has the old words exactly.
    let original = "وأوضح البيان أن اللجنة ستجتمع يوم الأحد لمناقشة الميزانية الجديدة للبلدية.";
    let before = doc(&[("p1", original), ("p2", "وتابع المتحدث حديثه عن المشاريع.")]);
    let s = before.describe("p1", 16, 47).unwrap();
    assert_eq!(s.exact, "اللجنة ستجتمع يوم الأحد لمناقشة");
    let after = doc(&[
        ("p1", &original.replace("الأحد", "الاثنين")),
        ("p2", "وتابع المتحدث حديثه عن المشاريع."),
        ("p3", &original.replace("للبلدية", "للمحافظة")),
    ]);
    match after.resolve(&s) {
        Resolution::Placed(p) => assert_eq!(p.text, "p1", "placed on the lookalike: {p:?}"),
        Resolution::Orphan(_) => {}
    }
}

#[test]
fn a_quote_ending_in_a_joiner_resolves_to_its_whole_range() {
    // Found by the anchor fuzz target (fuzz/corpus/anchor/regression-joiner):
    // describe keeps a zero-width joiner with the letter before it, folding
    // drops it, and the range mapped back stopped one character short.
    let text = "عودة نجوم الف\u{200d}ريق إلى الملعب";
    let d = doc(&[("p1", text)]);
    let start = at(text, " نجوم", 0);
    let s = d.describe("p1", start, start + 9).unwrap();
    assert_eq!(s.exact, " نجوم الف\u{200d}");
    let (_, start, end, method, words) = placed(&d, &s);
    assert_eq!((start, end, method), (s.start, s.end, Method::Position));
    assert_eq!(words, s.exact);
}

#[test]
fn a_quote_starting_with_a_tatweel_resolves_to_its_whole_range() {
    // Found by the anchor fuzz target (fuzz/corpus/anchor/regression-tatweel):
    // folding drops the tatweel, and the range mapped back started after it.
    let text = "في عام ١٤٣٩هـ المحلية في برشلونة";
    let d = doc(&[("p1", text)]);
    let start = at(text, "ـ", 0);
    let s = d.describe("p1", start, start + 9).unwrap();
    assert_eq!(s.exact, "ـ المحلية");
    let (_, start, end, method, words) = placed(&d, &s);
    assert_eq!((start, end, method), (s.start, s.end, Method::Position));
    assert_eq!(words, s.exact);
}

#[test]
fn a_quote_ending_inside_a_run_of_spaces_resolves_to_its_whole_range() {
    // Found by the anchor fuzz target (fuzz/corpus/anchor/regression-spaces):
    // folding makes two spaces one, and a quote that kept only the first
    // could not be found again at its own place.
    let text = "في أكاديمية لاماسيا التابعة  التابعة للنادي";
    let d = doc(&[("p1", text)]);
    let s = d.describe("p1", 3, 28).unwrap();
    assert_eq!(s.exact, "أكاديمية لاماسيا التابعة ");
    let (_, start, end, method, words) = placed(&d, &s);
    assert_eq!((start, end, method), (s.start, s.end, Method::Position));
    assert_eq!(words, s.exact);
}

#[test]
fn a_quote_of_only_what_folding_drops_resolves_to_its_characters() {
    // Found by the anchor fuzz target (fuzz/corpus/anchor/regression-lone-joiner):
    // a lone zero-width non-joiner folds to nothing, and came back empty.
    let text = "في الشهر المقبل\u{200c}";
    let d = doc(&[("p1", text)]);
    let n = text.chars().count();
    let s = d.describe("p1", n - 1, n).unwrap();
    assert_eq!(s.exact, "\u{200c}");
    let (_, start, end, method, _) = placed(&d, &s);
    assert_eq!((start, end, method), (n - 1, n, Method::Position));
    // Gone: the place where it was, empty.
    let gone = doc(&[("p1", "في الشهر المقبل")]);
    let (_, start, end, _, _) = placed(&gone, &s);
    assert_eq!((start, end), (n - 1, n - 1));
    // An empty quote past the end of a text that got shorter: at its end
    // (fuzz/corpus/anchor/regression-empty-past-end).
    let empty = d.describe("p1", n, n).unwrap();
    let short = doc(&[("p1", "في")]);
    let (_, start, end, _, _) = placed(&short, &empty);
    assert_eq!((start, end), (2, 2));
}

#[test]
fn a_quote_with_a_tatweel_between_spaces_resolves_to_its_whole_range() {
    // Found by the anchor fuzz target
    // (fuzz/corpus/anchor/regression-tatweel-between-spaces): folding drops
    // the tatweel and merges the spaces around it, so the folded quote and
    // its folded suffix no longer met at one place.
    let text = "يوم ١٤٣٨/٩/٩هـ ـ الموافق ٤ يونيو";
    let d = doc(&[("p1", text)]);
    let start = at(text, "٤٣٨", 0);
    let end = at(text, " الموافق", 0);
    let s = d.describe("p1", start, end).unwrap();
    assert_eq!(s.exact, "٤٣٨/٩/٩هـ ـ");
    let (_, start, end, method, words) = placed(&d, &s);
    assert_eq!((start, end, method), (s.start, s.end, Method::Position));
    assert_eq!(words, s.exact);
}

#[test]
fn an_empty_quote_stays_empty_where_a_mark_was_added() {
    // Found by libFuzzer on the anchor target
    // (fuzz/corpus/anchor/regression-empty-before-mark): an empty quote
    // placed before a diacritic added by an edit was widened to the letter.
    let d = doc(&[("p1", "قال و ثم")]);
    let s = d.describe("p1", 5, 5).unwrap();
    assert_eq!(s.exact, "");
    let edited = doc(&[("p1", "قال و\u{61a} ثم")]);
    let (_, start, end, _, _) = placed(&edited, &s);
    assert_eq!((start, end), (5, 5));
}
