//! Design-weighted means for a stratified sample with finite-population correction,
//! computed as R's `survey` package does (`svydesign(ids = ~1, strata =, fpc =,
//! weights =)`, `svymean`, `options(survey.lonely.psu = "adjust")`): the ratio
//! estimator of the mean and its linearization variance, both questions jointly.

use std::collections::BTreeMap;

/// One respondent: stratum key, stratum population N_h, and the two answer values.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedRecord {
    pub stratum: String,
    pub population: u64,
    pub q1: f64,
    pub q2: f64,
}

/// The two weighted means and their covariance matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeightedMeans {
    pub q1: f64,
    pub q2: f64,
    pub v11: f64,
    pub v22: f64,
    pub v12: f64,
}

/// Weighted means of one unit's respondents, weights N_h / n_h.
///
/// Variance: influence values z_i = w_i (y_i − ȳ) / Σw; per stratum with n_h > 1,
/// f_h n_h/(n_h − 1) Σ (z_i − z̄_h)(z_i − z̄_h)ᵀ, and for a stratum with one respondent
/// f_h z_i z_iᵀ (z already measures the deviation from the overall mean: survey's
/// "adjust"), where f_h = (N_h − n_h)/N_h and strata with f_h < 10⁻⁷ contribute 0.
///
/// The records are summed in one fixed order (by stratum, then answers), so the same
/// respondents in any row order give the same bits.
pub fn weighted_means(records: &[WeightedRecord]) -> Option<WeightedMeans> {
    if records.is_empty() {
        return None;
    }
    let sorted = in_fixed_order(records);
    let records = sorted.as_slice();
    let n = stratum_sizes(records);
    let w = |r: &WeightedRecord| r.population as f64 / n[r.stratum.as_str()] as f64;
    let psum: f64 = records.iter().map(w).sum();
    let m1 = records.iter().map(|r| w(r) * r.q1 / psum).sum::<f64>();
    let m2 = records.iter().map(|r| w(r) * r.q2 / psum).sum::<f64>();
    let mut by: BTreeMap<&str, Vec<Influence>> = BTreeMap::new();
    for r in records {
        let z = (w(r) * (r.q1 - m1) / psum, w(r) * (r.q2 - m2) / psum);
        by.entry(&r.stratum)
            .or_default()
            .push((z.0, z.1, r.population));
    }
    let mut v = [0.0; 3];
    for zs in by.values() {
        add_stratum(zs, &mut v);
    }
    let [v11, v22, v12] = v;
    Some(WeightedMeans {
        q1: m1,
        q2: m2,
        v11,
        v22,
        v12,
    })
}

/// The respondents of each stratum, n_h.
fn stratum_sizes(records: &[WeightedRecord]) -> BTreeMap<&str, u64> {
    let mut n: BTreeMap<&str, u64> = BTreeMap::new();
    for r in records {
        *n.entry(&r.stratum).or_default() += 1;
    }
    n
}

/// One respondent's influence values on the two means, and their stratum's N_h.
type Influence = (f64, f64, u64);

/// The records sorted by stratum, then answers: the one order they are summed in.
fn in_fixed_order(records: &[WeightedRecord]) -> Vec<WeightedRecord> {
    let mut sorted = records.to_vec();
    sorted.sort_by(|a, b| {
        (&a.stratum, a.population, a.q1.to_bits(), a.q2.to_bits()).cmp(&(
            &b.stratum,
            b.population,
            b.q1.to_bits(),
            b.q2.to_bits(),
        ))
    });
    sorted
}

/// Adds one stratum's part of the covariance to `v` (v11, v22, v12), term by term in
/// the stratum's order; a census stratum (f_h < 10⁻⁷) adds nothing.
fn add_stratum(zs: &[Influence], v: &mut [f64; 3]) {
    let nh = zs.len() as f64;
    let big_n = zs[0].2 as f64;
    let f = (big_n - nh) / big_n;
    if f < 1e-7 {
        return;
    }
    let (c1, c2, scale) = if zs.len() > 1 {
        let a = zs.iter().map(|z| z.0).sum::<f64>() / nh;
        let b = zs.iter().map(|z| z.1).sum::<f64>() / nh;
        (a, b, f * nh / (nh - 1.0))
    } else {
        (0.0, 0.0, f)
    };
    for z in zs {
        let (d1, d2) = (z.0 - c1, z.1 - c2);
        v[0] += scale * d1 * d1;
        v[1] += scale * d2 * d2;
        v[2] += scale * d1 * d2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lonely_stratum_as_r_survey_adjusts_it() {
        // R 4.2, survey 4.1: options(survey.lonely.psu = "adjust");
        // svymean(~q1 + q2, svydesign(ids = ~1, strata = ~stratum, fpc = ~N, weights = ~w))
        // on these five records (stratum s2 has a single respondent) gives the values below.
        let rec = |s: &str, n: u64, q1: f64, q2: f64| WeightedRecord {
            stratum: s.into(),
            population: n,
            q1,
            q2,
        };
        let m = weighted_means(&[
            rec("s1", 10, 0.9, 1.0),
            rec("s1", 10, 0.7, 0.8),
            rec("s2", 7, 0.6, 0.7),
            rec("s3", 4, 0.8, 1.0),
            rec("s3", 4, 0.9, 0.8),
        ])
        .unwrap();
        assert!((m.q1 - 0.742_857_142_857_142_9).abs() < 1e-12);
        assert!((m.q2 - 0.833_333_333_333_333_3).abs() < 1e-12);
        assert!((m.v11 - 0.003_803_045_027_534_825).abs() < 1e-12);
        assert!((m.v22 - 0.003_688_586_545_729_401).abs() < 1e-12);
        assert!((m.v12 - 0.003_537_414_965_986_394_6).abs() < 1e-12);
    }

    #[test]
    fn the_order_of_respondents_does_not_matter() {
        let rec = |s: &str, n: u64, q1: f64, q2: f64| WeightedRecord {
            stratum: s.into(),
            population: n,
            q1,
            q2,
        };
        let mut all = Vec::new();
        for i in 0..40u64 {
            let q = [0.9, 0.8, 0.7, 0.6][(i * 7 % 4) as usize];
            let s = ["a", "b", "c"][(i % 3) as usize];
            all.push(rec(s, 50 + i % 3, q, [1.0, 0.8, 0.7][(i % 5 % 3) as usize]));
        }
        let first = weighted_means(&all).unwrap();
        for k in 1..all.len() {
            all.rotate_left(1);
            all.swap(0, k);
            assert_eq!(weighted_means(&all).unwrap(), first);
        }
    }

    #[test]
    fn a_census_has_no_variance_and_equal_weights_give_the_plain_mean() {
        let rec = |s: &str, n: u64, q: f64| WeightedRecord {
            stratum: s.into(),
            population: n,
            q1: q,
            q2: q,
        };
        let all = [rec("a", 2, 0.9), rec("a", 2, 0.7)];
        let m = weighted_means(&all).unwrap();
        assert!((m.q1 - 0.8).abs() < 1e-12);
        assert_eq!(m.v11, 0.0);
        let sample = [
            rec("a", 10, 0.9),
            rec("a", 10, 0.7),
            rec("b", 10, 0.5),
            rec("b", 10, 0.5),
        ];
        let m = weighted_means(&sample).unwrap();
        assert!((m.q1 - 0.65).abs() < 1e-12);
        assert!(m.v11 > 0.0);
    }
}
