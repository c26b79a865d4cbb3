//! Approximate string matching by bit vectors (Myers 1999, in the block
//! form of Hyyrö 2003): the edit distance of a pattern against every
//! prefix or every substring of a text in O(⌈m/64⌉·n) word operations, and
//! with Ukkonen's cut-off in its block form (Myers 1999, §5) in about
//! O(⌈k/64⌉·n): only the blocks of the pattern that can still hold a cell
//! within the error bound are computed.
//!
//! Two searches: [`scan`] finds every end position in a text where the
//! pattern matches with at most `k` errors, the match starting anywhere
//! (semi-global) — or only those with the fewest errors, the bound lowered
//! as better matches are found; [`start_for`] then finds where the best
//! match ending at a given position starts, by running the reversed
//! pattern backwards from that end with the start pinned. Patterns of any
//! length (quotes of thousands of characters) are cut into 64-bit blocks.
//!
//! The cut-off, and why it gives the same answers: the blocks `0..=y` are
//! *active*; every cell of an inactive block is known to be above `k`.
//! Computed cells are never below the true edit distances (an activated
//! block starts from a column assumed to grow by one per row, an upper
//! bound) and equal them wherever the true distance is at most `k` (an
//! optimal alignment only passes through cells no larger than its end). A
//! block is dropped when its last row is at least `k` + its rows (then
//! every cell in it is above `k`); the next block is taken on when its
//! first cell can reach `k`: the last row above it was exactly `k` in the
//! previous column and the diagonal matches, or it dropped to `k` − 1.

/// Bits per block.
const W: usize = 64;

/// Code points looked up by table (the Arabic block ends at U+06FF).
const DIRECT: usize = 0x800;

/// The pattern compiled for both search directions: for each distinct
/// character, a bit vector of the positions where it occurs, in the
/// pattern and in the pattern reversed.
pub(crate) struct Pattern {
    /// For code points below [`DIRECT`] (ASCII, Latin, Greek, Cyrillic,
    /// Hebrew, Arabic): the character's slot, 0 when it is not in the
    /// pattern — a table lookup per text character instead of a search.
    direct: Vec<u16>,
    /// The code points of the pattern's other characters, sorted;
    /// `high[i]` has slot `high_base + i`.
    high: Vec<u32>,
    high_base: usize,
    /// `fwd[slot * blocks + b]`: block `b` of the occurrence vector of the
    /// character in `slot`; slot 0, a character not in the pattern, is all
    /// zeros.
    fwd: Vec<u64>,
    /// The same for the reversed pattern.
    rev: Vec<u64>,
    blocks: usize,
    len: usize,
}

impl Pattern {
    /// Compile `pattern` (its characters in reading order).
    pub(crate) fn new(pattern: &[char]) -> Pattern {
        let len = pattern.len();
        let blocks = len.div_ceil(W).max(1);
        let mut direct = vec![0u16; DIRECT];
        // Slots by first appearance; at most DIRECT of them, so `next`
        // stays far below u16::MAX.
        let mut next: u16 = 1;
        let mut high_codes = Vec::new();
        for &c in pattern {
            match direct.get_mut(c as usize) {
                Some(cell) => {
                    if *cell == 0 {
                        *cell = next;
                        next = next.saturating_add(1);
                    }
                }
                None => high_codes.push(c as usize),
            }
        }
        if !high_codes.is_empty() {
            crate::model::sort_dedup_offsets(&mut high_codes);
        }
        let high: Vec<u32> = high_codes.into_iter().map(|c| c as u32).collect();
        let high_base = usize::from(next);
        let slots = high_base + high.len();
        let mut compiled = Pattern {
            direct,
            high,
            high_base,
            fwd: vec![0; slots * blocks],
            rev: vec![0; slots * blocks],
            blocks,
            len,
        };
        for (i, &c) in pattern.iter().enumerate() {
            let slot = compiled.slot(c as u32) * blocks;
            let r = len - 1 - i;
            if let Some(v) = compiled.fwd.get_mut(slot + i / W) {
                *v |= 1 << (i % W);
            }
            if let Some(v) = compiled.rev.get_mut(slot + r / W) {
                *v |= 1 << (r % W);
            }
        }
        compiled
    }

    /// The slot of `c` (0 when it is not in the pattern).
    #[inline(always)]
    fn slot(&self, c: u32) -> usize {
        match self.direct.as_slice().get(c as usize) {
            Some(&slot) => usize::from(slot),
            None => self.high_slot(c),
        }
    }

    #[inline(never)]
    fn high_slot(&self, c: u32) -> usize {
        self.high.binary_search(&c).map_or(0, |i| self.high_base + i)
    }

    /// The bit of the pattern's last character in its last block.
    fn last_bit(&self) -> u64 {
        match self.len % W {
            0 => 1 << (W - 1),
            rem => 1 << (rem - 1),
        }
    }

    /// How many rows (pattern characters) the last block has.
    fn last_rows(&self) -> usize {
        self.len - (self.blocks - 1) * W
    }
}

/// One column step of one block (Myers' Fig. 8 with Hyyrö's horizontal
/// input): `hin` is the horizontal delta coming in at the block's top row,
/// `high` the bit of the row whose horizontal delta is returned.
#[inline(always)]
fn advance(pv: &mut u64, mv: &mut u64, eq: u64, hin: isize, high: u64) -> isize {
    let hneg = u64::from(hin < 0);
    let hpos = u64::from(hin > 0);
    let eq = eq | hneg;
    let xv = eq | *mv;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let ph = *mv | !(xh | *pv);
    let mh = *pv & xh;
    let hout = isize::from(ph & high != 0) - isize::from(mh & high != 0);
    let ph = (ph << 1) | hpos;
    let mh = (mh << 1) | hneg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// The state of one block: vertical deltas, and the distance at its last
/// row.
#[derive(Clone, Copy)]
struct Block {
    pv: u64,
    mv: u64,
    score: isize,
}

/// A multi-block search with the cut-off.
struct Blocks {
    blocks: Vec<Block>,
    /// The last active block.
    y: usize,
    last: u64,
    last_rows: isize,
    /// The horizontal delta fed into the top row: 0 when a match may start
    /// anywhere, 1 when the start is pinned.
    top: isize,
}

impl Blocks {
    fn new(pattern: &Pattern, k: usize, top: isize) -> Blocks {
        let bmax = pattern.blocks - 1;
        let blocks = (0..pattern.blocks)
            .map(|b| Block {
                pv: u64::MAX,
                mv: 0,
                score: ((b + 1) * W).min(pattern.len) as isize,
            })
            .collect();
        Blocks {
            blocks,
            // Block b's first row starts at b·64 + 1 errors: those up to
            // ⌈k/64⌉ − 1 may hold a cell within k.
            y: k.div_ceil(W).saturating_sub(1).min(bmax),
            last: pattern.last_bit(),
            last_rows: pattern.last_rows() as isize,
            top,
        }
    }

    /// Advance one text character (`eq`: its occurrence vector); the
    /// distance at the pattern's last row when that is within `k`.
    #[inline(always)]
    fn step(&mut self, eq: &[u64], k: isize) -> Option<isize> {
        let bmax = self.blocks.len() - 1;
        let mut carry = self.top;
        let mut y_score = 0;
        // An index loop: iterator adapters (`take`) are calls per block
        // in the size-optimised build.
        let mut b = 0;
        while b <= self.y {
            let (Some(block), Some(&e)) = (self.blocks.get_mut(b), eq.get(b)) else {
                break;
            };
            let high = if b == bmax { self.last } else { 1 << (W - 1) };
            carry = advance(&mut block.pv, &mut block.mv, e, carry, high);
            block.score += carry;
            y_score = block.score;
            b += 1;
        }
        let next_eq = eq.get(self.y + 1).copied().unwrap_or(0);
        if !self.take_on(next_eq, carry, y_score, k) {
            while self.y > 0 {
                let rows = if self.y == bmax { self.last_rows } else { W as isize };
                match self.blocks.get(self.y) {
                    Some(block) if block.score >= k + rows => self.y -= 1,
                    _ => break,
                }
            }
        }
        self.at_end(k)
    }

    /// Take on the block below the last active one when its first cell
    /// can reach `k` — the last row above it was `y_score` − `carry` in the
    /// previous column and is `y_score` now, `next_eq` is the character's
    /// occurrence vector in it — starting it from a column assumed to grow
    /// by one per row. Whether it was taken on.
    #[inline(always)]
    fn take_on(&mut self, next_eq: u64, carry: isize, y_score: isize, k: isize) -> bool {
        let y = self.y + 1;
        let last = y + 1 == self.blocks.len();
        match self.blocks.get_mut(y) {
            Some(next) if y_score - carry <= k && (next_eq & 1 != 0 || carry < 0) => {
                let rows = if last { self.last_rows } else { W as isize };
                let high = if last { self.last } else { 1 << (W - 1) };
                next.pv = u64::MAX;
                next.mv = 0;
                let hout = advance(&mut next.pv, &mut next.mv, next_eq, carry, high);
                next.score = y_score - carry + rows + hout;
                self.y = y;
                true
            }
            _ => false,
        }
    }

    /// The distance at the pattern's last row, when the last block is
    /// active and it is within `k`.
    #[inline(always)]
    fn at_end(&self, k: isize) -> Option<isize> {
        if self.y + 1 == self.blocks.len() {
            self.blocks.last().map(|b| b.score).filter(|&s| s <= k)
        } else {
            None
        }
    }
}

/// A text read one character at a time, by hand rather than through the
/// standard iterators: in the size-optimised wasm build their `next` calls
/// are not inlined, and cost more than the matching itself.
pub(crate) trait Text {
    /// The next character's code point and the position after it (in the
    /// text's own unit), or `None` at the end.
    fn next_char(&mut self) -> Option<(u32, usize)>;
}

/// Characters from the start of a slice.
pub(crate) struct Forward<'a>(pub(crate) &'a [char], pub(crate) usize);

impl Text for Forward<'_> {
    #[inline(always)]
    fn next_char(&mut self) -> Option<(u32, usize)> {
        let c = *self.0.get(self.1)?;
        self.1 += 1;
        Some((c as u32, self.1))
    }
}

/// Characters of a slice backwards from position `.1` (exclusive).
#[derive(Clone)]
pub(crate) struct Backward<'a>(pub(crate) &'a [char], pub(crate) usize);

impl Text for Backward<'_> {
    #[inline(always)]
    fn next_char(&mut self) -> Option<(u32, usize)> {
        self.1 = self.1.checked_sub(1)?;
        Some((*self.0.get(self.1)? as u32, self.1))
    }
}

/// The characters of UTF-8 text from byte `.1`; positions are byte
/// offsets.
pub(crate) struct Utf8<'a>(pub(crate) &'a [u8], pub(crate) usize);

/// The code point whose encoding starts at byte `at` of valid UTF-8, and
/// its length.
#[inline(always)]
fn decode(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let b0 = u32::from(*bytes.get(at)?);
    let more = |i: usize| u32::from(bytes.get(at + i).copied().unwrap_or(0) & 0x3F);
    Some(if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | more(1), 2)
    } else if b0 < 0xF0 {
        (((b0 & 0x0F) << 12) | (more(1) << 6) | more(2), 3)
    } else {
        (((b0 & 0x07) << 18) | (more(1) << 12) | (more(2) << 6) | more(3), 4)
    })
}

impl Text for Utf8<'_> {
    #[inline(always)]
    fn next_char(&mut self) -> Option<(u32, usize)> {
        let b0 = u32::from(*self.0.get(self.1)?);
        if b0 < 0xE0 {
            // One or two bytes (below U+0800: ASCII, Arabic, …), the two
            // told apart without a branch: spaces and letters alternate
            // too irregularly to predict.
            let b1 = u32::from(self.0.get(self.1 + 1).copied().unwrap_or(0));
            let two = b0 >= 0xC0;
            let c = if two { ((b0 & 0x1F) << 6) | (b1 & 0x3F) } else { b0 };
            self.1 += 1 + usize::from(two);
            return Some((c, self.1));
        }
        let (c, len) = decode(self.0, self.1)?;
        self.1 += len;
        Some((c, self.1))
    }
}

/// UTF-8 text backwards from byte `.1` (exclusive, a character boundary).
#[derive(Clone)]
pub(crate) struct Utf8Back<'a>(pub(crate) &'a [u8], pub(crate) usize);

impl Text for Utf8Back<'_> {
    #[inline(always)]
    fn next_char(&mut self) -> Option<(u32, usize)> {
        let mut at = self.1.checked_sub(1)?;
        while at > 0 && self.0.get(at).is_some_and(|b| b & 0xC0 == 0x80) {
            at -= 1;
        }
        self.1 = at;
        Some((decode(self.0, at)?.0, at))
    }
}

/// Every position at which `pattern` matches a substring of `text` ending
/// there with at most `k` errors (insertions, deletions, substitutions):
/// `(end, at, errors)`, `end` in characters (exclusive), `at` the text's
/// position after that character. With `fewest`, only the ends with the
/// fewest errors, the bound lowered to each better match found (what
/// `approx-string-match` reports).
pub(crate) fn scan(pattern: &Pattern, mut text: impl Text, k: usize, fewest: bool) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let m = pattern.len;
    if m == 0 {
        return out;
    }
    let mut k = k.min(m);
    let fwd = pattern.fwd.as_slice();
    let mut j = 0;
    if pattern.blocks == 1 {
        // Quotes up to 64 characters, the common case: the state in
        // registers.
        let last = pattern.last_bit();
        let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, m as isize);
        while let Some((c, at)) = text.next_char() {
            j += 1;
            let eq = fwd.get(pattern.slot(c)).copied().unwrap_or(0);
            score += advance(&mut pv, &mut mv, eq, 0, last);
            if score <= k as isize {
                found(&mut out, &mut k, fewest, (j, at, score as usize));
            }
        }
        return out;
    }
    let blocks = pattern.blocks;
    let mut state = Blocks::new(pattern, k, 0);
    'text: loop {
        if state.y == 0 {
            // Only the first block active (most of a text, once k is well
            // below the pattern's length): it in registers until the
            // second can be reached. No end is within k meanwhile.
            let Some(&Block {
                mut pv,
                mut mv,
                mut score,
            }) = state.blocks.first()
            else {
                break;
            };
            loop {
                let Some((c, at)) = text.next_char() else { break 'text };
                j += 1;
                let slot = pattern.slot(c) * blocks;
                let eq = fwd.get(slot).copied().unwrap_or(0);
                let carry = advance(&mut pv, &mut mv, eq, 0, 1 << (W - 1));
                score += carry;
                let next_eq = fwd.get(slot + 1).copied().unwrap_or(0);
                if score - carry <= k as isize && (next_eq & 1 != 0 || carry < 0) {
                    if let Some(first) = state.blocks.first_mut() {
                        *first = Block { pv, mv, score };
                    }
                    state.take_on(next_eq, carry, score, k as isize);
                    if let Some(score) = state.at_end(k as isize) {
                        found(&mut out, &mut k, fewest, (j, at, score as usize));
                    }
                    continue 'text;
                }
            }
        }
        let Some((c, at)) = text.next_char() else { break };
        j += 1;
        let slot = pattern.slot(c) * blocks;
        let eq = fwd.get(slot..slot + blocks).unwrap_or(&[]);
        if let Some(score) = state.step(eq, k as isize) {
            found(&mut out, &mut k, fewest, (j, at, score as usize));
        }
    }
    out
}

/// Report an end within the bound; with `fewest`, drop those with more
/// errors and lower the bound to it.
#[inline(always)]
fn found(out: &mut Vec<(usize, usize, usize)>, k: &mut usize, fewest: bool, end: (usize, usize, usize)) {
    if fewest && end.2 < *k {
        out.clear();
        *k = end.2;
    }
    out.push(end);
}

/// Where the best match of `pattern` ending at `end` starts: `back` reads
/// the text backwards from `end` (the character before it first), at most
/// `window` characters of it; `bound` is the match's errors as [`scan`]
/// found them (a bound for the cut-off: a match ending at `end` with that
/// many errors is within the window when it is `pattern.len + bound`
/// long). Returns `(start, errors)` with the fewest errors, the longest
/// such match on a tie (so that diacritic-free edges are not trimmed off).
pub(crate) fn start_for<T: Text + Clone>(
    pattern: &Pattern,
    back: T,
    end: usize,
    window: usize,
    bound: usize,
) -> (usize, usize) {
    let m = pattern.len;
    if m == 0 {
        return (end, 0);
    }
    let found = backwards(pattern, back.clone(), end, window, bound);
    if found.1 <= bound || bound >= m {
        return found;
    }
    // No match within the bound (not one `scan` reported): without it.
    backwards(pattern, back, end, window, m)
}

fn backwards(pattern: &Pattern, mut back: impl Text, end: usize, window: usize, bound: usize) -> (usize, usize) {
    let m = pattern.len;
    let mut best = (end, m);
    let rev = pattern.rev.as_slice();
    let mut i = 0;
    if pattern.blocks == 1 {
        let last = pattern.last_bit();
        let (mut pv, mut mv, mut score) = (u64::MAX, 0u64, m as isize);
        while i < window {
            let Some((c, _)) = back.next_char() else { break };
            i += 1;
            let eq = rev.get(pattern.slot(c)).copied().unwrap_or(0);
            score += advance(&mut pv, &mut mv, eq, 1, last);
            if score <= best.1 as isize {
                best = (end.saturating_sub(i), score as usize);
            }
        }
        return best;
    }
    let blocks = pattern.blocks;
    let k = bound.min(m);
    let mut state = Blocks::new(pattern, k, 1);
    while i < window {
        let Some((c, _)) = back.next_char() else { break };
        i += 1;
        let slot = pattern.slot(c) * blocks;
        let eq = rev.get(slot..slot + blocks).unwrap_or(&[]);
        if let Some(score) = state.step(eq, k as isize) {
            if score <= best.1 as isize {
                best = (end.saturating_sub(i), score as usize);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Every end with its errors, on a slice.
    fn ends(pattern: &Pattern, text: &[char], k: usize, fewest: bool) -> Vec<(usize, usize)> {
        scan(pattern, Forward(text, 0), k, fewest)
            .into_iter()
            .map(|(end, _, errors)| (end, errors))
            .collect()
    }

    fn start(pattern: &Pattern, text: &[char], end: usize, window: usize, bound: usize) -> (usize, usize) {
        start_for(pattern, Backward(text, end), end, window, bound)
    }

    /// Semi-global dynamic programming: the best alignment of the whole
    /// pattern to a substring ending at each position, for every end.
    /// The ends (1-based) whose distance in `want` is at most `k`, with it.
    fn within(want: &[usize], k: usize) -> Vec<(usize, usize)> {
        want.iter()
            .enumerate()
            .filter(|(_, &d)| d <= k)
            .map(|(j, &d)| (j + 1, d))
            .collect()
    }

    fn semi_global(pattern: &[char], text: &[char]) -> Vec<usize> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for tc in text {
            let mut next = vec![0; m + 1];
            for i in 1..=m {
                next[i] = (col[i - 1] + usize::from(pattern[i - 1] != *tc))
                    .min(col[i] + 1)
                    .min(next[i - 1] + 1);
            }
            col = next;
            out.push(col[m]);
        }
        out
    }

    /// The fewest errors of a match ending at `end` starting within
    /// `window` before it, the earliest such start, by plain dynamic
    /// programming.
    fn best_start(pattern: &[char], text: &[char], end: usize, window: usize) -> (usize, usize) {
        // Global alignment of the reversed pattern against the text read
        // backwards from `end`: row m of column j is the distance of
        // text[end - j..end].
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut best = (end, m);
        for j in 1..=window.min(end) {
            let tc = text[end - j];
            let mut next = vec![j; m + 1];
            for i in 1..=m {
                next[i] = (col[i - 1] + usize::from(pattern[m - i] != tc))
                    .min(col[i] + 1)
                    .min(next[i - 1] + 1);
            }
            col = next;
            if col[m] <= best.1 {
                best = (end - j, col[m]);
            }
        }
        best
    }

    use crate::test_rand::Rand;

    /// Alphabets from two letters (many matches, blocks taken on and
    /// dropped all the time) to Arabic with characters outside the table.
    fn alphabets() -> Vec<Vec<char>> {
        vec![
            chars("اب"),
            chars("ابت"),
            chars("ابتثجحخد "),
            chars("ab😀中x"),
            chars("قال المصدر إن القوات دخلت مدينة"),
        ]
    }

    /// A text that holds the pattern, edited, a few times, among random
    /// characters.
    fn text_around(rand: &mut Rand, pattern: &[char], alphabet: &[char], n: usize) -> Vec<char> {
        let mut text: Vec<char> = (0..n).map(|_| alphabet[rand.below(alphabet.len())]).collect();
        for _ in 0..rand.below(4) {
            let mut copy = pattern.to_vec();
            for _ in 0..rand.below(pattern.len() / 4 + 1) {
                let at = rand.below(copy.len());
                match rand.below(3) {
                    0 => copy[at] = alphabet[rand.below(alphabet.len())],
                    1 => {
                        copy.remove(at);
                    }
                    _ => copy.insert(at, alphabet[rand.below(alphabet.len())]),
                }
                if copy.is_empty() {
                    break;
                }
            }
            let at = rand.below(text.len() + 1);
            text.splice(at..at, copy);
        }
        text
    }

    #[test]
    fn ends_agree_with_dynamic_programming_at_every_bound() {
        let mut rand = Rand::new(0x2545_f491);
        for alphabet in alphabets() {
            for round in 0..120 {
                // One to five blocks, and the lengths at block edges.
                let m = match round % 6 {
                    0 => [1, 63, 64, 65, 127, 128, 129, 192, 257][rand.below(9)],
                    _ => 1 + rand.below(300),
                };
                let pattern: Vec<char> = if round % 6 == 1 {
                    // In runs of one letter: blocks that lack some letters.
                    let mut runs = Vec::new();
                    while runs.len() < m {
                        let (letter, run) = (alphabet[rand.below(alphabet.len())], 1 + rand.below(40));
                        runs.extend(std::iter::repeat_n(letter, run.min(m - runs.len())));
                    }
                    runs
                } else {
                    (0..m).map(|_| alphabet[rand.below(alphabet.len())]).collect()
                };
                let n = rand.below(500);
                let text = text_around(&mut rand, &pattern, &alphabet, n);
                let compiled = Pattern::new(&pattern);
                let want = semi_global(&pattern, &text);
                let bounds = [0, 1, m / 10, m / 4, m / 3, m / 2, m - 1, m, m + 5, rand.below(m + 1)];
                for k in bounds {
                    let all = within(&want, k);
                    assert_eq!(
                        ends(&compiled, &text, k, false),
                        all,
                        "every end: m={m} n={} k={k}",
                        text.len()
                    );
                    let fewest = all.iter().map(|e| e.1).min();
                    let best: Vec<(usize, usize)> = all.iter().copied().filter(|e| Some(e.1) == fewest).collect();
                    assert_eq!(
                        ends(&compiled, &text, k, true),
                        best,
                        "fewest: m={m} n={} k={k}",
                        text.len()
                    );
                }
            }
        }
    }

    #[test]
    fn bounds_at_block_edges_on_short_texts() {
        // Matches that delete most of the pattern, starting from the first
        // column: every block whose first row is within k is active there.
        // Patterns in runs of one letter, so that a block can lack a letter
        // of the text: the next block's first row is then reached only by
        // the cell above it.
        let mut rand = Rand::new(0x5851_f42d);
        let alphabet = chars("ابتث");
        for m in (1..=200usize).step_by(3).chain([63, 64, 65, 66, 127, 128, 129, 130]) {
            let mut pattern = Vec::new();
            while pattern.len() < m {
                let (letter, run) = (alphabet[rand.below(3)], 1 + rand.below(80));
                pattern.extend(std::iter::repeat_n(letter, run.min(m - pattern.len())));
            }
            let compiled = Pattern::new(&pattern);
            for n in 0..6 {
                let text: Vec<char> = (0..n).map(|_| alphabet[rand.below(4)]).collect();
                let want = semi_global(&pattern, &text);
                for k in [
                    m.saturating_sub(n + 1),
                    m.saturating_sub(n),
                    m.saturating_sub(1),
                    m,
                    63,
                    64,
                    65,
                    128,
                    129,
                ] {
                    let all = within(&want, k);
                    assert_eq!(ends(&compiled, &text, k, false), all, "m={m} n={n} k={k}");
                }
            }
        }
    }

    #[test]
    fn starts_agree_with_dynamic_programming() {
        let mut rand = Rand::new(0x9e37_79b9);
        for alphabet in alphabets() {
            for round in 0..40 {
                let m = match round % 4 {
                    0 => [1, 64, 65, 128, 130][rand.below(5)],
                    _ => 1 + rand.below(200),
                };
                let pattern: Vec<char> = (0..m).map(|_| alphabet[rand.below(alphabet.len())]).collect();
                let n = rand.below(400);
                let text = text_around(&mut rand, &pattern, &alphabet, n);
                let compiled = Pattern::new(&pattern);
                let k = [m / 4, m / 3, m][rand.below(3)];
                for (end, errors) in ends(&compiled, &text, k, false).into_iter().step_by(7) {
                    let window = m + k;
                    let want = best_start(&pattern, &text, end, window);
                    assert_eq!(want.1, errors, "the best start has the end's errors");
                    // The bound scan gave, a wrong (too low) bound, and none.
                    for bound in [errors, errors / 2, 0, m] {
                        assert_eq!(
                            start(&compiled, &text, end, window, bound),
                            want,
                            "m={m} end={end} bound={bound}"
                        );
                    }
                    // A narrower window than the match needs.
                    let narrow = rand.below(window + 1);
                    let want = best_start(&pattern, &text, end, narrow);
                    assert_eq!(
                        start(&compiled, &text, end, narrow, errors),
                        want,
                        "m={m} end={end} window={narrow}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_text_reads_as_its_characters() {
        let mut rand = Rand::new(0x1234_5678);
        let alphabet = chars("aب中😀 ");
        for _ in 0..200 {
            let m = 1 + rand.below(140);
            let pattern: Vec<char> = (0..m).map(|_| alphabet[rand.below(alphabet.len())]).collect();
            let n = rand.below(300);
            let text = text_around(&mut rand, &pattern, &alphabet, n);
            let string: String = text.iter().collect();
            let compiled = Pattern::new(&pattern);
            let k = rand.below(m + 1);
            let on_chars = scan(&compiled, Forward(&text, 0), k, true);
            let on_bytes = scan(&compiled, Utf8(string.as_bytes(), 0), k, true);
            assert_eq!(on_chars.len(), on_bytes.len());
            for (&(end, at, errors), &(byte_end, byte_at, byte_errors)) in on_chars.iter().zip(&on_bytes) {
                assert_eq!((end, errors), (byte_end, byte_errors));
                assert_eq!(at, end);
                assert_eq!(string[..byte_at].chars().count(), end);
                let window = m + errors;
                assert_eq!(
                    start_for(&compiled, Utf8Back(string.as_bytes(), byte_at), end, window, errors),
                    start(&compiled, &text, end, window, errors)
                );
            }
        }
    }

    #[test]
    fn starts_are_where_the_best_alignment_begins() {
        let text = chars("قال المصدر إن القوات دخلت مدينة الرقة صباح اليوم");
        let pattern = chars("القوات دخلت المدينه");
        let compiled = Pattern::new(&pattern);
        let found = ends(&compiled, &text, 4, false);
        // The last of the best ends: "مدين" and "مدينة" tie at 3 errors.
        let &(end, errors) = found.iter().rev().min_by_key(|e| e.1).unwrap();
        let (start, back) = start(&compiled, &text, end, pattern.len() + 4, errors);
        assert_eq!(back, errors);
        let matched: String = text[start..end].iter().collect();
        assert_eq!(matched, "القوات دخلت مدينة");
        assert_eq!(crate::anchor::edit_distance(&pattern, &text[start..end]), errors);
    }

    #[test]
    fn long_patterns_cross_blocks() {
        let base: String = "وكانت قوات سوريا الديمقراطية قد تعهدت بألا يلحق أي ضرر ".repeat(6);
        let text = chars(&format!("مقدمة {base} خاتمة"));
        let mut pattern = chars(&base);
        pattern[100] = 'x';
        pattern.remove(200);
        let compiled = Pattern::new(&pattern);
        let found = ends(&compiled, &text, 5, false);
        assert!(found.iter().any(|&(_, e)| e == 2), "{found:?}");
        assert_eq!(
            ends(&compiled, &text, 5, true).iter().map(|e| e.1).collect::<Vec<_>>(),
            [2]
        );
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        let empty = Pattern::new(&[]);
        assert!(ends(&empty, &chars("abc"), 3, false).is_empty());
        assert_eq!(start(&empty, &chars("abc"), 3, 10, 0), (3, 0));
        let p = Pattern::new(&chars("\u{10FFFF}\u{0}\u{7FF}\u{800}"));
        let text = chars("\u{0}\u{7FF}\u{800}\u{10FFFF}\u{0}\u{7FF}\u{800}");
        assert_eq!(ends(&p, &text, 0, false), [(7, 0)]);
        assert_eq!(start(&p, &text, 7, usize::MAX, 0), (3, 0));
        assert!(ends(&p, &[], usize::MAX, false).is_empty());
    }
}
