//! Scores and the ranking, as the plan defines them (section 四(三)): survey score =
//! points × (w1 × mean of question 1 + w2 × mean of question 2); deduction = min(0.5 ×
//! every false-recipient finding of the unit, 5), the cap applied once over all sources;
//! total = survey score − deduction + inspection score; then the ranking and its flags.

pub mod scheme;
pub mod units;
pub mod weighted;

use std::collections::{BTreeMap, BTreeSet};

pub use scheme::Scheme;
pub use units::KnownUnits;

/// One respondent's answers, as values of the scheme (`None`: blank, a refusal).
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub unit: String,
    pub q1: Option<f64>,
    pub q2: Option<f64>,
}

/// Everything a score is computed from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreInputs {
    pub responses: Vec<Response>,
    /// Inspection scores (0–30) by unit.
    pub inspection: BTreeMap<String, f64>,
    /// False-recipient findings by unit, summed over every source.
    pub findings: BTreeMap<String, u64>,
    /// Units disqualified under the plan's rules, with the reason.
    pub disqualified: BTreeMap<String, String>,
    /// Design-weighted means by unit (`--weighted`); plain means where absent.
    pub weighted: Option<BTreeMap<String, weighted::WeightedMeans>>,
    /// Every evaluated unit, scored (and flagged when it has no answers) even where no
    /// input names it.
    pub evaluated: Vec<String>,
}

/// One unit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitScore {
    pub unit: String,
    pub respondents: u64,
    pub refused_q1: u64,
    pub refused_q2: u64,
    pub q1_mean: Option<f64>,
    pub q2_mean: Option<f64>,
    pub survey_score: Option<f64>,
    pub false_found: u64,
    pub deduction: f64,
    pub inspection: Option<f64>,
    pub total: Option<f64>,
    /// The total rounded half up to 2 decimals, as ranked.
    pub rounded: Option<f64>,
    pub rank: Option<u64>,
    pub flags: Vec<String>,
    /// Standard errors of the two means and of the survey score (weighted mode).
    pub q1_se: Option<f64>,
    pub q2_se: Option<f64>,
    pub survey_se: Option<f64>,
}

/// The normal quantile for a two-sided 95% interval (R's qnorm(0.975)).
pub const Z95: f64 = 1.959_963_984_540_054;

/// Rounds half up to 2 decimals; a hair of tolerance keeps 84.125 (stored as
/// 84.12499999…) rounding up as it does on paper.
pub fn round_half_up_2(x: f64) -> f64 {
    ((x * 100.0) + 0.5 + 1e-9).floor() / 100.0
}

/// The mean of answer values, summed exactly: the answers are counted per value, the
/// sum is Σ count × value over the distinct values in a fixed order, and it is divided
/// once. The same answers in any row order give the same bits.
fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut counts: BTreeMap<u64, u64> = BTreeMap::new();
    for v in values {
        *counts.entry(v.to_bits()).or_default() += 1;
    }
    let sum: f64 = counts
        .iter()
        .map(|(bits, n)| *n as f64 * f64::from_bits(*bits))
        .sum();
    Some(sum / values.len() as f64)
}

/// Scores every unit named in any input, then ranks them.
pub fn score(inputs: &ScoreInputs, scheme: &Scheme) -> (Vec<UnitScore>, Vec<String>) {
    let units: BTreeSet<&String> = inputs
        .responses
        .iter()
        .map(|r| &r.unit)
        .chain(inputs.inspection.keys())
        .chain(inputs.findings.keys())
        .chain(inputs.disqualified.keys())
        .chain(&inputs.evaluated)
        .collect();
    let mut out: Vec<UnitScore> = units
        .into_iter()
        .map(|unit| {
            let rs: Vec<&Response> = inputs
                .responses
                .iter()
                .filter(|r| &r.unit == unit)
                .collect();
            let q1: Vec<f64> = rs.iter().filter_map(|r| r.q1).collect();
            let q2: Vec<f64> = rs.iter().filter_map(|r| r.q2).collect();
            let wm = inputs.weighted.as_ref().and_then(|w| w.get(unit));
            let (q1_mean, q2_mean) = match wm {
                Some(m) => (Some(m.q1), Some(m.q2)),
                None => (mean(&q1), mean(&q2)),
            };
            let survey_score = match (q1_mean, q2_mean) {
                (Some(a), Some(b)) => {
                    Some(scheme.points * (scheme.weights[0] * a + scheme.weights[1] * b))
                }
                _ => None,
            };
            let [wa, wb] = scheme.weights;
            let survey_se = wm.map(|m| {
                let v = wa * wa * m.v11 + wb * wb * m.v22 + 2.0 * wa * wb * m.v12;
                scheme.points * v.max(0.0).sqrt()
            });
            let false_found = inputs.findings.get(unit).copied().unwrap_or(0);
            let deduction = (scheme.per_case * false_found as f64).min(scheme.cap);
            let inspection = inputs.inspection.get(unit).copied();
            let total = survey_score.map(|s| s - deduction + inspection.unwrap_or(0.0));
            UnitScore {
                unit: unit.clone(),
                respondents: rs.len() as u64,
                refused_q1: (rs.len() - q1.len()) as u64,
                refused_q2: (rs.len() - q2.len()) as u64,
                q1_mean,
                q2_mean,
                survey_score,
                false_found,
                deduction,
                inspection,
                total,
                rounded: total.map(round_half_up_2),
                rank: None,
                flags: Vec::new(),
                q1_se: wm.map(|m| m.v11.max(0.0).sqrt()),
                q2_se: wm.map(|m| m.v22.max(0.0).sqrt()),
                survey_se,
            }
        })
        .collect();
    let notes = rank(&mut out, inputs, scheme);
    out.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, &a.unit).cmp(&(b.rank.is_none(), b.rank, &b.unit))
    });
    (out, notes)
}

/// Ranks by rounded total (ties share a rank: 1, 2, 2, 4) and sets the flags; returns
/// notes for the reader.
fn rank(units: &mut [UnitScore], inputs: &ScoreInputs, scheme: &Scheme) -> Vec<String> {
    let mut notes = Vec::new();
    let ranked: Vec<f64> = units
        .iter()
        .filter(|u| !inputs.disqualified.contains_key(&u.unit))
        .filter_map(|u| u.rounded)
        .collect();
    for u in units.iter_mut() {
        if let Some(reason) = inputs.disqualified.get(&u.unit) {
            u.flags.push(format!(
                "年度评议不合格 unqualified for the year ({reason})"
            ));
            continue;
        }
        let Some(t) = u.rounded else {
            u.flags.push("无调查结果 no survey answers".into());
            continue;
        };
        let rank = 1 + ranked.iter().filter(|&&x| x > t).count() as u64;
        let from_bottom = 1 + ranked.iter().filter(|&&x| x < t).count() as u64;
        u.rank = Some(rank);
        if scheme.township_flags {
            if rank == 1 {
                u.flags
                    .push("年度综合先进 annual comprehensive-advanced".into());
            }
            if rank <= 3 {
                u.flags.push("通报表扬 commended".into());
            }
            if from_bottom <= 3 {
                u.flags.push("通报批评 criticised".into());
            }
            if from_bottom <= 2 {
                u.flags
                    .push("取消综合先进评选资格 not eligible for comprehensive-advanced".into());
            }
        }
    }
    if inputs.weighted.is_some() {
        notes.extend(boundary_notes(units, scheme));
    }
    if scheme.township_flags && ranked.len() < 6 {
        notes.push(format!(
            "only {} units are ranked: the top-3 and bottom-3 flags overlap",
            ranked.len()
        ));
    }
    let refusals: Vec<String> = units
        .iter()
        .filter(|u| u.refused_q1 + u.refused_q2 > 0)
        .map(|u| format!("{} {}+{}", u.unit, u.refused_q1, u.refused_q2))
        .collect();
    if !refusals.is_empty() {
        notes.push(format!(
            "blank answers (refusals, counted but not scored), question 1+2: {}",
            refusals.join(", ")
        ));
    }
    let missing: Vec<&str> = units
        .iter()
        .filter(|u| u.inspection.is_none() && u.total.is_some())
        .map(|u| u.unit.as_str())
        .collect();
    if !missing.is_empty() {
        notes.push(format!(
            "no inspection score for {}: counted as 0",
            missing.join(", ")
        ));
    }
    notes
}

/// Where a flag boundary falls between two neighbours whose difference is not clear at
/// 95%: the ranking is a statistic.
fn boundary_notes(units: &[UnitScore], scheme: &Scheme) -> Vec<String> {
    let mut ranked: Vec<&UnitScore> = units.iter().filter(|u| u.rank.is_some()).collect();
    ranked.sort_by_key(|u| u.rank);
    let n = ranked.len();
    let mut boundaries = vec![1usize];
    if scheme.township_flags {
        boundaries.extend([3, n.saturating_sub(3), n.saturating_sub(2)]);
    }
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut out = Vec::new();
    for k in boundaries {
        if k == 0 || k >= n {
            continue;
        }
        let (a, b) = (ranked[k - 1], ranked[k]);
        let (Some(ta), Some(tb), Some(sa), Some(sb)) = (a.total, b.total, a.survey_se, b.survey_se)
        else {
            continue;
        };
        let se = (sa * sa + sb * sb).sqrt();
        let diff = ta - tb;
        if (diff - Z95 * se) <= 0.0 {
            out.push(format!(
                "the 95% interval of the difference between {} (rank {}) and {} (rank {}), {:.2} ± {:.2}, includes 0: the boundary between them is not clear",
                a.unit,
                a.rank.unwrap_or(0),
                b.unit,
                b.rank.unwrap_or(0),
                diff,
                Z95 * se
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn responses(unit: &str, answers: &[(Option<f64>, Option<f64>)]) -> Vec<Response> {
        answers
            .iter()
            .map(|(q1, q2)| Response {
                unit: unit.into(),
                q1: *q1,
                q2: *q2,
            })
            .collect()
    }

    #[test]
    fn hand_computed_township_scores() {
        // 甲: q1 mean (0.9 + 0.8) / 2 = 0.85, q2 mean 1.0; survey = 70 × (0.595 + 0.3) = 62.65.
        let mut inputs = ScoreInputs {
            responses: responses(
                "甲",
                &[(Some(0.9), Some(1.0)), (Some(0.8), Some(1.0)), (None, None)],
            ),
            ..Default::default()
        };
        inputs.inspection.insert("甲".into(), 27.5);
        inputs.findings.insert("甲".into(), 3);
        let (s, _) = score(&inputs, &Scheme::township());
        let a = &s[0];
        assert_eq!((a.respondents, a.refused_q1), (3, 1));
        assert!((a.survey_score.unwrap() - 62.65).abs() < 1e-9);
        assert_eq!(a.deduction, 1.5);
        // 62.65 − 1.5 + 27.5 = 88.65
        assert!((a.total.unwrap() - 88.65).abs() < 1e-9);
        assert_eq!(a.rounded, Some(88.65));
    }

    #[test]
    fn the_cap_applies_once_over_all_findings() {
        let mut inputs = ScoreInputs {
            responses: responses("甲", &[(Some(0.9), Some(1.0))]),
            ..Default::default()
        };
        inputs.findings.insert("甲".into(), 7 + 6);
        let (s, _) = score(&inputs, &Scheme::county());
        assert_eq!(s[0].deduction, 5.0);
    }

    #[test]
    fn ties_share_a_rank_and_boundaries_flag_everyone_tied() {
        let mut inputs = ScoreInputs::default();
        // Totals 63, 63, 56, 49, 49, 42, 35 (survey scores 70 × q, q2 = q1 here).
        for (u, q) in [
            ("A", 0.9),
            ("B", 0.9),
            ("C", 0.8),
            ("D", 0.7),
            ("E", 0.7),
            ("F", 0.6),
            ("G", 0.5),
        ] {
            inputs.responses.extend(responses(u, &[(Some(q), Some(q))]));
        }
        let (s, notes) = score(&inputs, &Scheme::township());
        let by = |u: &str| s.iter().find(|x| x.unit == u).unwrap().clone();
        assert_eq!(by("A").rank, Some(1));
        assert_eq!(by("B").rank, Some(1));
        assert_eq!(by("C").rank, Some(3));
        assert_eq!(by("D").rank, Some(4));
        assert_eq!(by("G").rank, Some(7));
        assert!(
            by("B")
                .flags
                .iter()
                .any(|f| f.contains("comprehensive-advanced"))
        );
        assert!(by("C").flags.iter().any(|f| f.contains("commended")));
        assert!(!by("D").flags.iter().any(|f| f.contains("commended")));
        // Bottom 3: G, F and both tied E and D? From the bottom: G 1, F 2, D and E 3.
        for u in ["D", "E", "F", "G"] {
            assert!(by(u).flags.iter().any(|f| f.contains("criticised")), "{u}");
        }
        assert!(by("F").flags.iter().any(|f| f.contains("not eligible")));
        assert!(!by("E").flags.iter().any(|f| f.contains("not eligible")));
        assert!(notes.iter().any(|n| n.contains("no inspection score")));
    }

    #[test]
    fn a_disqualified_unit_is_unqualified_whatever_its_score() {
        let mut inputs = ScoreInputs {
            responses: responses("甲", &[(Some(0.9), Some(1.0))]),
            ..Default::default()
        };
        inputs
            .responses
            .extend(responses("乙", &[(Some(0.6), Some(0.7))]));
        inputs.disqualified.insert("甲".into(), "弄虚作假".into());
        let (s, notes) = score(&inputs, &Scheme::township());
        let a = s.iter().find(|x| x.unit == "甲").unwrap();
        assert_eq!(a.rank, None);
        assert!(a.flags[0].contains("unqualified"));
        let b = s.iter().find(|x| x.unit == "乙").unwrap();
        assert_eq!(b.rank, Some(1));
        assert!(notes.iter().any(|n| n.contains("overlap")));
    }

    #[test]
    fn means_do_not_depend_on_row_order() {
        // Adding these one by one in different orders gives five different last digits.
        let mut values = vec![0.9, 0.8, 0.7, 0.6, 0.9, 0.8, 0.7, 0.6, 0.9, 0.8, 0.7, 0.6];
        values.extend([0.9, 0.7]);
        let first = mean(&values).unwrap();
        let mut naive = BTreeSet::new();
        for k in 0..values.len() {
            values.rotate_left(1);
            if k % 2 == 0 {
                values.swap(0, 5);
            }
            assert_eq!(mean(&values).unwrap().to_bits(), first.to_bits());
            naive.insert((values.iter().sum::<f64>() / values.len() as f64).to_bits());
        }
        assert!(naive.len() > 1, "the orders tried do not exercise rounding");
        assert!((first - 10.6 / 14.0).abs() < 1e-12);
        assert_eq!(mean(&[]), None);
    }

    #[test]
    fn every_evaluated_unit_is_listed() {
        let inputs = ScoreInputs {
            responses: responses("甲", &[(Some(0.9), Some(1.0))]),
            evaluated: vec!["甲".into(), "乙".into()],
            ..Default::default()
        };
        let (s, _) = score(&inputs, &Scheme::township());
        let b = s.iter().find(|x| x.unit == "乙").unwrap();
        assert_eq!((b.respondents, b.rank), (0, None));
        assert!(b.flags[0].contains("no survey answers"));
    }

    #[test]
    fn rounding_half_up() {
        assert_eq!(round_half_up_2(84.125), 84.13);
        assert_eq!(round_half_up_2(84.124), 84.12);
        assert_eq!(round_half_up_2(62.65), 62.65);
    }
}
