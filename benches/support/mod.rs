//! What the native benches share (`#[path = "support/mod.rs"] mod support;`).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The best of three runs of `f` (`RTL_BENCH_RUNS` runs when set): the
/// machine is shared. Wall time, or with `RTL_BENCH_CPU=1` the thread's
/// CPU time, which other jobs on the machine disturb far less: for
/// comparing two builds while the machine is busy, not for the figures
/// in BENCHMARKS.md.
pub fn time<T>(mut f: impl FnMut() -> T) -> Duration {
    let runs = std::env::var("RTL_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let cpu = std::env::var_os("RTL_BENCH_CPU").is_some();
    (0..runs.max(1))
        .map(|_| {
            if cpu {
                let t = thread_cpu();
                black_box(f());
                thread_cpu().saturating_sub(t)
            } else {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            }
        })
        .min()
        .unwrap()
}

/// The calling thread's CPU time so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for clock_gettime to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
