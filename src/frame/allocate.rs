//! Integer allocation of one unit's sample across its strata: take-all strata first,
//! then per-stratum minimums, then largest remainder with a fixed tie order, so the
//! unit total is exact and the result deterministic.

use std::cmp::Ordering;

/// One stratum as the allocation sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    /// Category key, for the tie order.
    pub name: String,
    pub population: u64,
    /// Relative weight of the stratum (N_h for proportional, N_h·S_h for Neyman …).
    pub weight: f64,
}

/// What the allocation did beyond the plain rule, for the user's information.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AllocationNotes {
    /// The unit had no more recipients than its target: everyone is taken.
    pub whole_unit: bool,
    /// Strata taken whole because their share reached their population.
    pub take_all: Vec<String>,
    /// The target was too small to give every stratum its minimum.
    pub minimum_unmet: bool,
}

/// Allocates `total` among `shares` (one unit's strata, in a fixed order), returning
/// the sample of each stratum. Steps, in order: a unit no larger than `total` is taken
/// whole; strata whose share reaches their population are taken whole, repeatedly,
/// the rest shared among the others; every non-empty stratum is raised to
/// `min(minimum, N_h)`; then whole numbers by largest remainder, ties to the larger
/// population, then by name.
pub fn allocate(total: u64, shares: &[Share], minimum: u64) -> (Vec<u64>, AllocationNotes) {
    let mut notes = AllocationNotes::default();
    let population: u64 = shares.iter().map(|s| s.population).sum();
    if total >= population {
        notes.whole_unit = true;
        return (shares.iter().map(|s| s.population).collect(), notes);
    }
    let mut fixed: Vec<Option<f64>> = vec![None; shares.len()];
    for (f, s) in fixed.iter_mut().zip(shares) {
        if s.population == 0 {
            *f = Some(0.0);
        }
    }
    let caps: Vec<f64> = shares.iter().map(|s| s.population as f64).collect();
    fix_take_all(total as f64, shares, &caps, &mut fixed);
    for (f, s) in fixed.iter().zip(shares) {
        if s.population > 0 && *f == Some(s.population as f64) {
            notes.take_all.push(s.name.clone());
        }
    }
    let floors: Vec<f64> = shares
        .iter()
        .map(|s| s.population.min(minimum) as f64)
        .collect();
    let remaining = total as f64 - fixed.iter().flatten().sum::<f64>();
    let free_floor: f64 = (0..shares.len())
        .filter(|&h| fixed[h].is_none())
        .map(|h| floors[h])
        .sum();
    if free_floor > remaining {
        let (sample, unmet) = minimum_fallback(total, shares, &floors);
        notes.minimum_unmet = unmet;
        notes.take_all = shares
            .iter()
            .zip(&sample)
            .filter(|(s, n)| s.population > 0 && **n == s.population)
            .map(|(s, _)| s.name.clone())
            .collect();
        return (sample, notes);
    }
    raise_to_minimum(total as f64, shares, &floors, &mut fixed);
    let targets = targets(total as f64, shares, &fixed);
    (round(total, shares, &targets), notes)
}

/// When the strata taken whole leave too little for every other stratum's minimum,
/// start again without them: if even the minimums alone exceed the target, share it in
/// proportion to population with no stratum above its minimum; otherwise every stratum
/// gets its minimum and strata are then taken whole where their share reaches their
/// population.
/// Returns the sample and whether the minimum went unmet.
fn minimum_fallback(total: u64, shares: &[Share], floors: &[f64]) -> (Vec<u64>, bool) {
    let mut fixed: Vec<Option<f64>> = shares
        .iter()
        .map(|s| (s.population == 0).then_some(0.0))
        .collect();
    if (total as f64) < floors.iter().sum::<f64>() {
        let by_population: Vec<Share> = shares
            .iter()
            .map(|s| Share {
                weight: s.population as f64,
                ..s.clone()
            })
            .collect();
        fix_take_all(total as f64, &by_population, floors, &mut fixed);
        let t = targets(total as f64, &by_population, &fixed);
        return (round(total, shares, &t), true);
    }
    let caps: Vec<f64> = shares.iter().map(|s| s.population as f64).collect();
    raise_to_minimum(total as f64, shares, floors, &mut fixed);
    fix_take_all(total as f64, shares, &caps, &mut fixed);
    let t = targets(total as f64, shares, &fixed);
    (round(total, shares, &t), false)
}

/// Real-valued shares: fixed strata keep their value, the others split the rest by
/// weight.
fn targets(total: f64, shares: &[Share], fixed: &[Option<f64>]) -> Vec<f64> {
    let remaining = total - fixed.iter().flatten().sum::<f64>();
    let free_weight: f64 = shares
        .iter()
        .zip(fixed)
        .filter(|(_, f)| f.is_none())
        .map(|(s, _)| s.weight)
        .sum();
    // If every stratum still sharing has weight 0 (Neyman with sd = 0, say), they share
    // what is left in proportion to population, so the unit total stays exact.
    let free_population: f64 = shares
        .iter()
        .zip(fixed)
        .filter(|(_, f)| f.is_none())
        .map(|(s, _)| s.population as f64)
        .sum();
    shares
        .iter()
        .zip(fixed)
        .map(|(s, f)| match f {
            Some(v) => *v,
            None if free_weight > 0.0 => remaining * s.weight / free_weight,
            None if free_population > 0.0 => remaining * s.population as f64 / free_population,
            None => 0.0,
        })
        .collect()
}

/// Fixes at its cap every stratum whose share reaches the cap, until none does.
fn fix_take_all(total: f64, shares: &[Share], caps: &[f64], fixed: &mut [Option<f64>]) {
    loop {
        let t = targets(total, shares, fixed);
        let mut changed = false;
        for h in 0..shares.len() {
            if fixed[h].is_none() && t[h] >= caps[h] {
                fixed[h] = Some(caps[h]);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Fixes at its floor every free stratum whose share falls below it, until none does.
fn raise_to_minimum(total: f64, shares: &[Share], floors: &[f64], fixed: &mut [Option<f64>]) {
    loop {
        let t = targets(total, shares, fixed);
        let mut changed = false;
        for h in 0..shares.len() {
            if fixed[h].is_none() && t[h] < floors[h] {
                fixed[h] = Some(floors[h]);
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

/// Largest-remainder rounding that keeps the exact total and every stratum within its
/// population.
fn round(total: u64, shares: &[Share], targets: &[f64]) -> Vec<u64> {
    let mut out: Vec<u64> = targets
        .iter()
        .zip(shares)
        .map(|(t, s)| (t.max(0.0).floor() as u64).min(s.population))
        .collect();
    let given: u64 = out.iter().sum();
    let mut left = total.saturating_sub(given);
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let fa = targets[a] - targets[a].floor();
        let fb = targets[b] - targets[b].floor();
        fb.partial_cmp(&fa)
            .unwrap_or(Ordering::Equal)
            .then(shares[b].population.cmp(&shares[a].population))
            .then(shares[a].name.cmp(&shares[b].name))
    });
    // One extra each in remainder order. The second pass only guards against
    // rounding noise having left fewer positive remainders than units to place.
    for pass in 0..2 {
        for &h in &order {
            if left == 0 {
                break;
            }
            let has_remainder = targets[h] > out[h] as f64;
            if out[h] < shares[h].population && (has_remainder || pass == 1) {
                out[h] += 1;
                left -= 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(pops: &[u64]) -> Vec<Share> {
        pops.iter()
            .enumerate()
            .map(|(i, &p)| Share {
                name: format!("c{i}"),
                population: p,
                weight: p as f64,
            })
            .collect()
    }

    #[test]
    fn proportional_with_exact_total() {
        let (n, notes) = allocate(10, &shares(&[50, 30, 20]), 0);
        assert_eq!(n, vec![5, 3, 2]);
        assert_eq!(notes, AllocationNotes::default());
        let (n, _) = allocate(10, &shares(&[1, 1, 1]), 0);
        assert_eq!(n, vec![1, 1, 1]);
    }

    #[test]
    fn largest_remainder_ties_go_to_the_larger_population() {
        // 7 × (40, 30, 30)/100 = 2.8, 2.1, 2.1: one extra goes to the largest remainder.
        let (n, _) = allocate(7, &shares(&[40, 30, 30]), 0);
        assert_eq!(n, vec![3, 2, 2]);
        // Equal weights: 4 over three strata, the tie goes to the largest.
        let equal: Vec<Share> = shares(&[10, 30, 20])
            .into_iter()
            .map(|s| Share { weight: 1.0, ..s })
            .collect();
        let (n, _) = allocate(4, &equal, 0);
        assert_eq!(n, vec![1, 2, 1]);
    }

    #[test]
    fn take_all_then_share_the_rest() {
        let equal: Vec<Share> = shares(&[2, 500, 500])
            .into_iter()
            .map(|s| Share { weight: 1.0, ..s })
            .collect();
        let (n, notes) = allocate(30, &equal, 1);
        assert_eq!(n, vec![2, 14, 14]);
        assert_eq!(notes.take_all, vec!["c0".to_string()]);
    }

    #[test]
    fn minimum_is_raised_and_the_total_kept() {
        let (n, notes) = allocate(20, &shares(&[1000, 10, 5, 0]), 3);
        assert_eq!(n.iter().sum::<u64>(), 20);
        assert_eq!(n, vec![14, 3, 3, 0]);
        assert!(!notes.minimum_unmet);
    }

    #[test]
    fn minimum_unmet_when_the_target_is_too_small() {
        let (n, notes) = allocate(5, &shares(&[4, 2, 1, 1, 1_000_000]), 2);
        assert!(notes.minimum_unmet);
        assert_eq!(n.iter().sum::<u64>(), 5);
        assert!(n.iter().zip([2, 2, 1, 1, 2]).all(|(a, cap)| *a <= cap));
    }

    #[test]
    fn zero_weights_still_give_the_exact_total() {
        let zero: Vec<Share> = shares(&[100, 100, 100])
            .into_iter()
            .map(|s| Share { weight: 0.0, ..s })
            .collect();
        let (n, _) = allocate(20, &zero, 1);
        assert_eq!(n.iter().sum::<u64>(), 20);
        let mut mixed = shares(&[100, 100, 100]);
        mixed[0].weight = 0.0;
        let (n, _) = allocate(20, &mixed, 0);
        assert_eq!(n, vec![0, 10, 10]);
    }

    #[test]
    fn small_unit_taken_whole() {
        let (n, notes) = allocate(100, &shares(&[10, 20]), 1);
        assert_eq!(n, vec![10, 20]);
        assert!(notes.whole_unit);
    }
}
