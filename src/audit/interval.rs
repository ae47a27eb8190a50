//! Exact (Clopper–Pearson style) confidence intervals for the number of false records
//! in a finite list, from a simple random sample without replacement: the
//! hypergeometric distribution, computed with log-factorials.

/// ln(k!) for k = 0..=n.
fn ln_factorials(n: u64) -> Vec<f64> {
    let mut t = Vec::with_capacity(n as usize + 1);
    t.push(0.0);
    for k in 1..=n {
        let prev = t[k as usize - 1];
        t.push(prev + (k as f64).ln());
    }
    t
}

fn ln_choose(lf: &[f64], n: u64, k: u64) -> f64 {
    lf[n as usize] - lf[k as usize] - lf[(n - k) as usize]
}

/// P(X = k) for X ~ Hypergeometric(population, successes, draws).
fn pmf(lf: &[f64], population: u64, successes: u64, draws: u64, k: u64) -> f64 {
    if k > successes || k > draws || draws - k > population - successes {
        return 0.0;
    }
    (ln_choose(lf, successes, k) + ln_choose(lf, population - successes, draws - k)
        - ln_choose(lf, population, draws))
    .exp()
}

/// P(X ≤ x) and P(X ≥ x).
fn tails(lf: &[f64], population: u64, successes: u64, draws: u64, x: u64) -> (f64, f64) {
    let mut le = 0.0;
    let mut ge = 0.0;
    for k in 0..=draws.min(successes) {
        let p = pmf(lf, population, successes, draws, k);
        if k <= x {
            le += p;
        }
        if k >= x {
            ge += p;
        }
    }
    (le, ge)
}

/// The exact two-sided interval [low, high] for the number of false records D in a list
/// of `population`, when `false_found` of `checked` records drawn at random were false:
/// low is the least D with P(X ≥ x | D) > α/2, high the greatest D with
/// P(X ≤ x | D) > α/2. Coverage is at least `confidence`.
pub fn false_count_interval(
    population: u64,
    checked: u64,
    false_found: u64,
    confidence: f64,
) -> (u64, u64) {
    assert!(checked <= population && false_found <= checked);
    let alpha = 1.0 - confidence;
    let lf = ln_factorials(population);
    // D is at least what was found, and at most that plus the records not checked.
    let min_d = false_found;
    let max_d = population - (checked - false_found);
    let low = (min_d..=max_d)
        .find(|&d| tails(&lf, population, d, checked, false_found).1 > alpha / 2.0)
        .unwrap_or(min_d);
    let high = (min_d..=max_d)
        .rev()
        .find(|&d| tails(&lf, population, d, checked, false_found).0 > alpha / 2.0)
        .unwrap_or(max_d);
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_census_is_exact() {
        assert_eq!(false_count_interval(50, 50, 3, 0.95), (3, 3));
    }

    #[test]
    fn no_false_found_still_leaves_an_upper_bound() {
        let (low, high) = false_count_interval(100, 30, 0, 0.95);
        assert_eq!(low, 0);
        // With 30 of 100 checked and none false, up to about 9 could be false.
        assert!((7..=11).contains(&high), "{high}");
    }

    #[test]
    fn tails_sum_to_one() {
        let lf = ln_factorials(40);
        let total: f64 = (0..=10).map(|k| pmf(&lf, 40, 12, 10, k)).sum();
        assert!((total - 1.0).abs() < 1e-12);
    }
}
