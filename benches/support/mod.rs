//! What the native benches share (`#[path = "support/mod.rs"] mod support;`).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The best of three runs of `f`: the machine is shared.
pub fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}
