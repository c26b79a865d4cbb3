//! Approximate string matching by bit vectors (Myers 1999, in the block
//! form of Hyyrö 2003): the edit distance of a pattern against every
//! prefix or every substring of a text in O(⌈m/64⌉·n) word operations.
//!
//! Two searches: [`ends`] finds every end position in a text where the
//! pattern matches with at most `k` errors, the match starting anywhere
//! (semi-global); [`start_for`] then finds where the best match ending at
//! a given position starts, by running the reversed pattern backwards from
//! that end with the start pinned. Patterns of any length (quotes of
//! thousands of characters) are cut into 64-bit blocks.

/// The pattern compiled for one search direction: for each distinct
/// character, a bit vector of the positions where it occurs.
pub(crate) struct Pattern {
    /// The distinct characters, sorted, for lookup.
    chars: Vec<char>,
    /// `peq[i * blocks + b]`: block `b` of the occurrence vector of `chars[i]`.
    peq: Vec<u64>,
    /// The occurrence vector of a character not in the pattern.
    zeros: Vec<u64>,
    /// For code points below [`DIRECT`] (ASCII, Latin, Greek, Cyrillic,
    /// Hebrew, Arabic): the slot + 1 of the character, 0 when absent — a
    /// table lookup per text character instead of a search.
    direct: Vec<u16>,
    blocks: usize,
    len: usize,
}

/// Code points looked up by table (the Arabic block ends at U+06FF).
const DIRECT: usize = 0x800;

impl Pattern {
    /// Compile `pattern` (its characters in the order they will be met).
    pub(crate) fn new(pattern: &[char]) -> Pattern {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut codes: Vec<usize> = pattern.iter().map(|&c| c as usize).collect();
        crate::model::sort_dedup_offsets(&mut codes);
        let chars: Vec<char> = codes.into_iter().filter_map(|c| char::from_u32(c as u32)).collect();
        let mut peq = vec![0u64; chars.len() * blocks];
        for (i, c) in pattern.iter().enumerate() {
            if let Ok(slot) = chars.binary_search(c) {
                peq[slot * blocks + i / 64] |= 1 << (i % 64);
            }
        }
        let mut direct = vec![0u16; DIRECT];
        for (slot, &c) in chars.iter().enumerate() {
            if let (Some(cell), Ok(n)) = (direct.get_mut(c as usize), u16::try_from(slot + 1)) {
                *cell = n;
            }
        }
        Pattern {
            chars,
            peq,
            zeros: vec![0; blocks],
            direct,
            blocks,
            len: pattern.len(),
        }
    }

    fn slot(&self, c: char) -> Option<usize> {
        match self.direct.get(c as usize) {
            Some(0) => None,
            Some(&n) => Some(usize::from(n) - 1),
            None => self.chars.binary_search(&c).ok(),
        }
    }

    fn eq(&self, c: char) -> &[u64] {
        match self.slot(c) {
            Some(slot) => &self.peq[slot * self.blocks..(slot + 1) * self.blocks],
            None => &self.zeros,
        }
    }

    /// The occurrence vector of `c` in a one-block pattern.
    fn eq1(&self, c: char) -> u64 {
        self.slot(c).map_or(0, |slot| self.peq[slot])
    }

    /// The bit of the pattern's last character in its last block.
    fn last_bit(&self) -> u64 {
        match self.len % 64 {
            0 => 1 << 63,
            rem => 1 << (rem - 1),
        }
    }
}

/// The running state of one search: per block, the vertical positive and
/// negative delta vectors.
struct State {
    pv: Vec<u64>,
    mv: Vec<u64>,
    /// The bit of the pattern's last character in the last block.
    last: u64,
    score: usize,
}

impl State {
    fn new(pattern: &Pattern) -> State {
        State {
            pv: vec![u64::MAX; pattern.blocks],
            mv: vec![0; pattern.blocks],
            last: pattern.last_bit(),
            score: pattern.len,
        }
    }

    /// Advance one text character; `top` is the horizontal delta of the
    /// top row (0: a match may start anywhere; +1: the start is pinned).
    fn step(&mut self, pattern: &Pattern, c: char, top: i8) {
        let eqs = pattern.eq(c);
        let mut hin = top;
        let last_block = pattern.blocks - 1;
        for (b, &block_eq) in eqs.iter().enumerate() {
            let pv = self.pv[b];
            let mv = self.mv[b];
            let mut eq = block_eq;
            if hin < 0 {
                eq |= 1;
            }
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let mut ph = mv | !(xh | pv);
            let mut mh = pv & xh;
            let high = if b == last_block { self.last } else { 1 << 63 };
            let hout: i8 = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if hin < 0 {
                mh |= 1;
            } else if hin > 0 {
                ph |= 1;
            }
            self.pv[b] = mh | !(xv | ph);
            self.mv[b] = ph & xv;
            if b == last_block {
                self.score = (self.score as isize + hout as isize).max(0) as usize;
            }
            hin = hout;
        }
    }
}

/// Every position `end` (exclusive, in characters of `text`) at which
/// `pattern` matches a substring of `text` ending there with at most `k`
/// errors (insertions, deletions, substitutions), with the errors.
pub(crate) fn ends(pattern: &Pattern, text: &[char], k: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if pattern.len == 0 {
        return out;
    }
    if pattern.blocks == 1 {
        // Quotes up to 64 characters, the common case: the state in
        // registers (the block loop below, unrolled for one block).
        let last = pattern.last_bit();
        let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, pattern.len);
        for (j, &c) in text.iter().enumerate() {
            let eq = pattern.eq1(c);
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let ph = mv | !(xh | pv);
            let mh = pv & xh;
            if ph & last != 0 {
                score += 1;
            } else if mh & last != 0 {
                score -= 1;
            }
            let (ph, mh) = (ph << 1, mh << 1);
            pv = mh | !(xv | ph);
            mv = ph & xv;
            if score <= k {
                out.push((j + 1, score));
            }
        }
        return out;
    }
    let mut state = State::new(pattern);
    for (j, &c) in text.iter().enumerate() {
        state.step(pattern, c, 0);
        if state.score <= k {
            out.push((j + 1, state.score));
        }
    }
    out
}

/// Where the best match of the pattern ending at `end` starts: `reversed`
/// is the pattern compiled from its characters in reverse. The text is
/// read backwards from `end`, at most `window` characters; returns
/// `(start, errors)` with the fewest errors, the longest such match on a
/// tie (so that diacritic-free edges are not trimmed off).
pub(crate) fn start_for(reversed: &Pattern, text: &[char], end: usize, window: usize) -> (usize, usize) {
    let mut state = State::new(reversed);
    let mut best = (end, reversed.len);
    let lowest = end.saturating_sub(window);
    for j in (lowest..end).rev() {
        state.step(reversed, text[j], 1);
        if state.score <= best.1 {
            best = (j, state.score);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain dynamic programming, for checking.
    fn distance(a: &[char], b: &[char]) -> usize {
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

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn ends_agree_with_dynamic_programming() {
        let mut seed = 0x2545_f491_u64;
        let mut rand = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let alphabet = chars("ابتثجحخد ");
        for _ in 0..300 {
            let m = 1 + rand(150);
            let n = rand(300);
            let pattern: Vec<char> = (0..m).map(|_| alphabet[rand(alphabet.len())]).collect();
            let text: Vec<char> = (0..n).map(|_| alphabet[rand(alphabet.len())]).collect();
            let k = rand(m + 1);
            let compiled = Pattern::new(&pattern);
            let got = ends(&compiled, &text, k);
            // Semi-global DP: the best alignment of the whole pattern to a
            // substring ending at each position.
            let mut want = Vec::new();
            let mut col: Vec<usize> = (0..=m).collect();
            for (j, tc) in text.iter().enumerate() {
                let mut next = vec![0; m + 1];
                for i in 1..=m {
                    next[i] = (col[i - 1] + usize::from(pattern[i - 1] != *tc))
                        .min(col[i] + 1)
                        .min(next[i - 1] + 1);
                }
                col = next;
                if col[m] <= k {
                    want.push((j + 1, col[m]));
                }
            }
            assert_eq!(got, want, "m={m} n={n} k={k}");
        }
    }

    #[test]
    fn starts_are_where_the_best_alignment_begins() {
        let text = chars("قال المصدر إن القوات دخلت مدينة الرقة صباح اليوم");
        let pattern = chars("القوات دخلت المدينه");
        let compiled = Pattern::new(&pattern);
        let found = ends(&compiled, &text, 4);
        // The last of the best ends: "مدين" and "مدينة" tie at 3 errors.
        let &(end, errors) = found.iter().rev().min_by_key(|e| e.1).unwrap();
        let reversed: Vec<char> = pattern.iter().rev().copied().collect();
        let (start, back) = start_for(&Pattern::new(&reversed), &text, end, pattern.len() + 4);
        assert_eq!(back, errors);
        let matched: String = text[start..end].iter().collect();
        assert_eq!(matched, "القوات دخلت مدينة");
        assert_eq!(distance(&pattern, &text[start..end]), errors);
    }

    #[test]
    fn long_patterns_cross_blocks() {
        let base: String = "وكانت قوات سوريا الديمقراطية قد تعهدت بألا يلحق أي ضرر ".repeat(6);
        let text = chars(&format!("مقدمة {base} خاتمة"));
        let mut pattern = chars(&base);
        pattern[100] = 'x';
        pattern.remove(200);
        let compiled = Pattern::new(&pattern);
        let found = ends(&compiled, &text, 5);
        assert!(found.iter().any(|&(_, e)| e == 2), "{found:?}");
    }
}
