//! A small deterministic generator for the randomised tests (xorshift64: no
//! dependency, the same sequence on every run and platform).

/// xorshift64 state; never zero.
pub struct Rand(u64);

impl Rand {
    /// A generator from `seed` (any value; zero is replaced).
    pub fn new(seed: u64) -> Rand {
        Rand(if seed == 0 { 0x2545_F491_4F6C_DD1D } else { seed })
    }

    /// The next 64 random bits.
    #[allow(clippy::should_implement_trait)] // an endless generator, not an iterator
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A string of fewer than `max_len` characters of `alphabet`.
    pub fn text(&mut self, alphabet: &[char], max_len: usize) -> String {
        let n = self.below(max_len);
        (0..n).map(|_| alphabet[self.below(alphabet.len())]).collect()
    }
}
