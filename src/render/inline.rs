//! Inline nesting: turns overlapping ranges over one text into properly
//! nested open/close events.
//!
//! A text carries three layers of ranges — the publisher's marks (links,
//! emphasis), annotation overlays and bidi isolates — that were computed
//! independently and may cross. HTML elements must nest, so [`nest`] orders
//! the ranges and, where two cross, splits the one that opened later: it is
//! closed before the earlier one closes and reopened right after. Ranges
//! that are empty, out of bounds or not on char boundaries are dropped, never
//! a panic; an end past the text is clamped to its length.
//!
//! ```
//! use rtl_article::render::inline::{nest, Event};
//! let text = "قال Donald Trump";
//! // A link over "قال Donald" crosses an isolate over "Donald Trump".
//! let events = nest(text, &[(0, 13), (7, 19)]);
//! assert_eq!(events, [
//!     Event::Open(0), Event::Text(0..7), Event::Open(1), Event::Text(7..13),
//!     Event::Close(1), Event::Close(0), Event::Open(1), Event::Text(13..19), Event::Close(1),
//! ]);
//! ```

use std::ops::Range;

/// One step of nested output. Indices refer to the `ranges` given to [`nest`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Open the element for range `i` (again, after a split).
    Open(usize),
    /// Text bytes of the original string.
    Text(Range<usize>),
    /// Close the element for range `i`.
    Close(usize),
}

/// Nest `ranges` (byte `start..end` pairs over `text`) into open/close/text
/// events covering all of `text` in order.
///
/// Ranges that contain one another nest; for the same start the longer one
/// is outer, and for identical ranges the one earlier in `ranges` is outer
/// (so pass marks first, then overlays, then isolates). Where two ranges
/// cross, the one that opened later is closed and reopened, so every range
/// is covered by one or more elements whose texts concatenate to exactly
/// its own.
pub fn nest(text: &str, ranges: &[(usize, usize)]) -> Vec<Event> {
    let len = text.len();
    // Valid ranges only, clamped to the text.
    let mut order: Vec<usize> = (0..ranges.len())
        .filter(|&i| {
            let (start, end) = ranges[i];
            let end = end.min(len);
            start < end && text.is_char_boundary(start) && text.is_char_boundary(end)
        })
        .collect();
    let span = |i: usize| (ranges[i].0, ranges[i].1.min(len));
    // Ties keep index order (the sort is stable).
    crate::model::sort_stable_by_key(&mut order, |&i| {
        let (start, end) = span(i);
        (start, usize::MAX - end)
    });

    let mut points: Vec<usize> = order.iter().flat_map(|&i| [span(i).0, span(i).1]).collect();
    points.push(0);
    points.push(len);
    crate::model::sort_dedup_offsets(&mut points);

    let mut events = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for (k, &point) in points.iter().enumerate() {
        // Close everything ending here; elements above the lowest one that
        // ends here opened later and cross it: close and reopen them.
        if let Some(lowest) = stack.iter().position(|&i| span(i).1 <= point) {
            let popped = stack.split_off(lowest);
            for &i in popped.iter().rev() {
                events.push(Event::Close(i));
            }
            for &i in popped.iter() {
                if span(i).1 > point {
                    events.push(Event::Open(i));
                    stack.push(i);
                }
            }
        }
        while next < order.len() && span(order[next]).0 == point {
            events.push(Event::Open(order[next]));
            stack.push(order[next]);
            next += 1;
        }
        if let Some(&following) = points.get(k + 1) {
            if following > point {
                events.push(Event::Text(point..following));
            }
        }
    }
    for &i in stack.iter().rev() {
        events.push(Event::Close(i));
    }
    events
}

/// Split each of `ranges` where it crosses one of `atomic`, so that every
/// piece lies either inside or outside each atomic range. Returns
/// `(start, end, index into ranges)` for the pieces, in order.
///
/// Bidi isolates are atomic: an isolate cut in two becomes two isolates,
/// which the browser then lays out in right-to-left order — "Apple Store"
/// would read "Store Apple". So where an emphasis or a link crosses an
/// isolate, the emphasis or link is split instead, before [`nest`].
///
/// ```
/// use rtl_article::render::inline::split_crossing;
/// // Emphasis over "المتجر Apple" (0..18), isolate over "Apple Store" (13..24).
/// assert_eq!(split_crossing(&[(0, 18)], &[(13, 24)]), [(0, 13, 0), (13, 18, 0)]);
/// ```
pub fn split_crossing(ranges: &[(usize, usize)], atomic: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (index, &(start, end)) in ranges.iter().enumerate() {
        let mut cuts: Vec<usize> = atomic
            .iter()
            .flat_map(|&(a, b)| [a, b])
            .filter(|&p| start < p && p < end)
            .filter(|&p| {
                // Only cut where an atomic range crosses (not where it is
                // wholly inside or wholly contains the range).
                atomic
                    .iter()
                    .any(|&(a, b)| (p == a || p == b) && ((a < start || b > end) && a < end && b > start))
            })
            .collect();
        crate::model::sort_dedup_offsets(&mut cuts);
        let mut from = start;
        for cut in cuts.into_iter().chain([end]) {
            if cut > from {
                out.push((from, cut, index));
            }
            from = cut;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Render events as bracketed text: `[0` opens range 0, `0]` closes it.
    fn show(text: &str, ranges: &[(usize, usize)]) -> String {
        let mut out = String::new();
        for e in nest(text, ranges) {
            match e {
                Event::Open(i) => out.push_str(&format!("[{i}")),
                Event::Close(i) => out.push_str(&format!("{i}]")),
                Event::Text(r) => out.push_str(&text[r]),
            }
        }
        out
    }

    /// Every event sequence must be well nested and reproduce the text.
    fn check_well_formed(text: &str, ranges: &[(usize, usize)]) {
        let mut stack = Vec::new();
        let mut rebuilt = String::new();
        for e in nest(text, ranges) {
            match e {
                Event::Open(i) => stack.push(i),
                Event::Close(i) => assert_eq!(stack.pop(), Some(i), "{text:?} {ranges:?}"),
                Event::Text(r) => rebuilt.push_str(&text[r]),
            }
        }
        assert!(stack.is_empty());
        assert_eq!(rebuilt, text);
    }

    #[test]
    fn contained_ranges_nest() {
        // "قال وزير الدفاع أمس": link over "وزير الدفاع", strong over "الدفاع".
        let text = "قال وزير الدفاع أمس";
        assert_eq!(show(text, &[(7, 28), (16, 28)]), "قال [0وزير [1الدفاع1]0] أمس");
    }

    #[test]
    fn identical_ranges_keep_the_given_order() {
        let text = "قال BBC أمس";
        assert_eq!(show(text, &[(7, 10), (7, 10)]), "قال [0[1BBC1]0] أمس");
    }

    #[test]
    fn crossing_ranges_split_the_later_one() {
        let text = "أ ب ج د";
        // 0: "أ ب ج", 1: "ب ج د" (opens later, split at the end of 0).
        assert_eq!(show(text, &[(0, 8), (3, 12)]), "[0أ [1ب ج1]0][1 د1]");
        // Three crossing layers.
        check_well_formed(text, &[(0, 8), (3, 12), (6, 10)]);
        assert_eq!(show(text, &[(0, 5), (3, 8), (6, 12)]), "[0أ [1ب1]0][1 [2ج2]1][2 د2]");
    }

    #[test]
    fn invalid_ranges_are_dropped_or_clamped() {
        let text = "قال BBC";
        // Inside the first Arabic letter, reversed, empty, far out of bounds.
        assert_eq!(show(text, &[(1, 4), (6, 2), (3, 3), (100, 200)]), "قال BBC");
        // An end past the text is clamped.
        assert_eq!(show(text, &[(7, 99)]), "قال [0BBC0]");
        check_well_formed("", &[(0, 1)]);
    }

    #[test]
    fn split_crossing_cuts_only_at_crossings() {
        // Inside an atomic range, or containing it: untouched.
        assert_eq!(split_crossing(&[(2, 4), (0, 10)], &[(1, 5)]), [(2, 4, 0), (0, 10, 1)]);
        // Crossing at both ends of two atomic ranges.
        assert_eq!(
            split_crossing(&[(3, 12)], &[(0, 5), (10, 15)]),
            [(3, 5, 0), (5, 10, 0), (10, 12, 0)]
        );
        assert_eq!(split_crossing(&[(3, 3)], &[(0, 5)]), []);
    }

    #[test]
    fn many_random_layers_stay_well_formed() {
        let text = "أعلن مصدر في وزارة الدفاع الروسية أن BBC News نقلت 2017/5/15";
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        // Random ranges over the text (`test_rand`: deterministic).
        let mut generator = crate::test_rand::Rand::new(0x9E37_79B9);
        let mut rand = |n: usize| generator.below(n);
        for _ in 0..300 {
            let count = 1 + rand(6);
            let ranges: Vec<(usize, usize)> = (0..count)
                .map(|_| {
                    let a = bounds[rand(bounds.len())];
                    let b = bounds[rand(bounds.len())];
                    (a.min(b), a.max(b))
                })
                .collect();
            check_well_formed(text, &ranges);
        }
    }
}
