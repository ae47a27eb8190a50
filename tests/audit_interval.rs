//! Coverage of the audit's exact false-rate interval, by simulation with fixed seeds:
//! over many random checks of a list with a known number of false records, the 95%
//! interval must contain the truth at least 95% of the time (up to simulation noise),
//! and must not get there by being uselessly wide.

use pingyi::audit::interval::false_count_interval;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// Number of false records among `n` drawn without replacement from a list of `big_n`
/// whose first `d` are false.
fn draw_false(rng: &mut ChaCha20Rng, big_n: u64, d: u64, n: u64) -> u64 {
    let mut list: Vec<u64> = (0..big_n).collect();
    let mut found = 0;
    for i in 0..n as usize {
        let j = i + ((rng.next_u64() as u128 * (big_n as u128 - i as u128)) >> 64) as usize;
        list.swap(i, j);
        found += (list[i] < d) as u64;
    }
    found
}

#[test]
fn the_interval_covers_the_truth() {
    const RUNS: u64 = 2000;
    for (big_n, n, d) in [
        (80u64, 24u64, 0u64),
        (80, 24, 4),
        (80, 24, 12),
        (300, 90, 30),
        (40, 12, 2),
    ] {
        let mut rng = ChaCha20Rng::seed_from_u64(big_n * 1000 + d);
        let mut covered = 0;
        let mut width = 0.0;
        for _ in 0..RUNS {
            let x = draw_false(&mut rng, big_n, d, n);
            let (low, high) = false_count_interval(big_n, n, x, 0.95);
            covered += (low <= d && d <= high) as u64;
            width += (high - low) as f64 / big_n as f64;
        }
        let coverage = covered as f64 / RUNS as f64;
        assert!(
            coverage >= 0.94,
            "N={big_n} n={n} D={d}: coverage {coverage}"
        );
        let mean_width = width / RUNS as f64;
        assert!(
            mean_width < 0.45,
            "N={big_n} n={n} D={d}: mean width {mean_width}"
        );
    }
}

#[test]
fn a_wrong_interval_would_fail_this_test() {
    // The plain proportion x/n as a zero-width "interval" covers the truth far less often.
    let mut rng = ChaCha20Rng::seed_from_u64(7);
    let (big_n, n, d) = (80u64, 24u64, 12u64);
    let hits = (0..500)
        .filter(|_| {
            let x = draw_false(&mut rng, big_n, d, n);
            x * big_n == d * n
        })
        .count();
    assert!(hits < 475);
}
