//! Scores and the ranking, as the plan defines them (section 四(三)): survey score =
//! points × (w1 × mean of question 1 + w2 × mean of question 2); deduction = min(0.5 ×
//! every false-recipient finding of the unit, 5), the cap applied once over all sources;
//! total = survey score − deduction + inspection score; then the ranking and its flags.
//!
//! Rounding: the survey score and the inspection score are each rounded half up to 2
//! decimals (the deduction is a multiple of 0.5 already); the total is the sum of the
//! rounded parts, so the parts shown add up to the total shown, and the ranking is on
//! that total.
//!
//! The stage takes tables already read ([`ScoreTables`]), the evaluated units and the
//! scheme, and returns a [`ScoreReport`]; [`table`] renders it. It opens no file.

pub mod design;
pub mod policy;
mod rank;
pub mod read;
pub mod scheme;
pub mod table;
pub mod unit_table;
pub mod units;
pub mod weighted;

use std::collections::{BTreeMap, BTreeSet};

use crate::draw::roster::RosterReader;
use crate::error::Result;
use crate::i18n::{Lang, Message};

pub use policy::{MissingInspection, ScorePolicy};
pub use rank::Flag;
pub use read::{Contact, ReadContact, Reading};
pub use scheme::Scheme;
pub use table::{score_digest, score_table};
pub use unit_table::UnitTable;
pub use units::KnownUnits;

/// The tables a score is computed from, already read.
#[derive(Debug, Clone)]
pub struct ScoreTables {
    pub responses: UnitTable,
    pub inspection: Option<UnitTable>,
    pub findings: Vec<UnitTable>,
    pub disqualified: Option<UnitTable>,
}

/// What was scored.
#[derive(Debug)]
pub struct ScoreReport {
    pub units: Vec<UnitScore>,
    /// What a reader needs to know of the ranking (warnings).
    pub notes: Vec<Message>,
    /// False-recipient findings from the survey's own dispositions, by unit.
    pub survey_findings: BTreeMap<String, u64>,
}

/// Scores every evaluated unit from its tables: every unit they name checked against
/// `reading.known`, the answers read as the scheme's levels, the means design-weighted
/// when the draw's `sample` is given.
pub fn evaluate(
    tables: &ScoreTables,
    reading: Reading,
    sample: Option<RosterReader>,
) -> Result<ScoreReport> {
    let (mut inputs, survey) = read::score_inputs(tables, reading)?;
    if let Some(sample) = sample {
        inputs.weighted = Some(design::weighted_inputs(&tables.responses, sample, reading)?);
    }
    read::check_inspection(tables.inspection.as_ref(), &inputs)?;
    let (units, notes) = score(&inputs, reading.scheme);
    Ok(ScoreReport {
        units,
        notes,
        survey_findings: survey,
    })
}

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
    /// Checks still pending by unit, as pingyi's own tally counts them (its `pending`
    /// / 待核 column): their findings are not in `findings` yet.
    pub pending_findings: BTreeMap<String, u64>,
    /// Units disqualified under the plan's rules, with the reason.
    pub disqualified: BTreeMap<String, String>,
    /// Design-weighted means by unit (`--weighted`); plain means where absent.
    pub weighted: Option<BTreeMap<String, weighted::WeightedMeans>>,
    /// Every evaluated unit, scored (and flagged when it has no answers) even where no
    /// input names it.
    pub evaluated: Vec<String>,
    /// What to do with a unit without an inspection score or with few respondents.
    pub policy: ScorePolicy,
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
    /// The survey score as computed (the intervals are around it).
    pub survey_score: Option<f64>,
    /// The survey score rounded half up to 2 decimals, as shown and added up.
    pub survey_rounded: Option<f64>,
    pub false_found: u64,
    pub deduction: f64,
    /// The inspection score, rounded half up to 2 decimals.
    pub inspection: Option<f64>,
    /// The sum of the rounded parts: survey − deduction + inspection.
    pub total: Option<f64>,
    /// The total at 2 decimals (free of the sum's binary noise), as shown and ranked.
    pub rounded: Option<f64>,
    pub rank: Option<u64>,
    pub flags: Vec<Flag>,
    /// Ranked with fewer respondents than the policy's minimum: that minimum (marked).
    pub few_respondents: Option<u64>,
    /// Checks of its findings still pending (a checklist not back, results blank): the
    /// unit's deduction, so its score, is provisional (marked).
    pub pending: Option<u64>,
    /// Standard errors of the two means and of the survey score (weighted mode).
    pub q1_se: Option<f64>,
    pub q2_se: Option<f64>,
    pub survey_se: Option<f64>,
}

impl UnitScore {
    /// The flags and the few-respondents mark, in `lang`.
    pub fn flags_text(&self, lang: Lang) -> String {
        let mut texts: Vec<String> = self
            .flags
            .iter()
            .map(|f| f.message().render_in(lang))
            .collect();
        if let Some(min) = self.few_respondents {
            texts.push(crate::i18n::msg!("score-flag-few-respondents", min).render_in(lang));
        }
        if let Some(count) = self.pending {
            texts.push(crate::i18n::msg!("score-flag-provisional", count).render_in(lang));
        }
        texts.join("; ")
    }
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
pub fn score(inputs: &ScoreInputs, scheme: &Scheme) -> (Vec<UnitScore>, Vec<Message>) {
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
        .map(|unit| unit_score(unit, inputs, scheme))
        .collect();
    let notes = rank::rank(&mut out, inputs, scheme);
    out.sort_by(|a, b| {
        (a.rank.is_none(), a.rank, &a.unit).cmp(&(b.rank.is_none(), b.rank, &b.unit))
    });
    (out, notes)
}

/// One unit's means: weighted where the weighted means give them, else plain.
struct Means {
    respondents: u64,
    refused_q1: u64,
    refused_q2: u64,
    q1: Option<f64>,
    q2: Option<f64>,
    weighted: Option<weighted::WeightedMeans>,
}

impl Means {
    fn of(unit: &str, inputs: &ScoreInputs) -> Means {
        let rs: Vec<&Response> = inputs.responses.iter().filter(|r| r.unit == unit).collect();
        let q1: Vec<f64> = rs.iter().filter_map(|r| r.q1).collect();
        let q2: Vec<f64> = rs.iter().filter_map(|r| r.q2).collect();
        let weighted = inputs.weighted.as_ref().and_then(|w| w.get(unit)).copied();
        let (m1, m2) = match weighted {
            Some(m) => (Some(m.q1), Some(m.q2)),
            None => (mean(&q1), mean(&q2)),
        };
        Means {
            respondents: rs.len() as u64,
            refused_q1: (rs.len() - q1.len()) as u64,
            refused_q2: (rs.len() - q2.len()) as u64,
            q1: m1,
            q2: m2,
            weighted,
        }
    }

    /// The survey score: points × (w1 × mean 1 + w2 × mean 2).
    fn survey_score(&self, scheme: &Scheme) -> Option<f64> {
        let (a, b) = self.q1.zip(self.q2)?;
        Some(scheme.points * (scheme.weights[0] * a + scheme.weights[1] * b))
    }

    /// The standard error of the survey score (weighted means only).
    fn survey_se(&self, scheme: &Scheme) -> Option<f64> {
        let [wa, wb] = scheme.weights;
        self.weighted.map(|m| {
            let v = wa * wa * m.v11 + wb * wb * m.v22 + 2.0 * wa * wb * m.v12;
            scheme.points * v.max(0.0).sqrt()
        })
    }
}

/// One unit's score, not yet ranked.
fn unit_score(unit: &str, inputs: &ScoreInputs, scheme: &Scheme) -> UnitScore {
    let means = Means::of(unit, inputs);
    let survey_score = means.survey_score(scheme);
    let false_found = inputs.findings.get(unit).copied().unwrap_or(0);
    let deduction = (scheme.per_case * false_found as f64).min(scheme.cap);
    let inspection = inputs.inspection.get(unit).copied().map(round_half_up_2);
    let survey_rounded = survey_score.map(round_half_up_2);
    let total = survey_rounded
        .filter(|_| {
            inspection.is_some() || inputs.policy.missing_inspection != MissingInspection::Exclude
        })
        .map(|s| s - deduction + inspection.unwrap_or(0.0));
    let se = |v: fn(&weighted::WeightedMeans) -> f64| means.weighted.map(|m| v(&m).max(0.0).sqrt());
    UnitScore {
        unit: unit.to_string(),
        respondents: means.respondents,
        refused_q1: means.refused_q1,
        refused_q2: means.refused_q2,
        q1_mean: means.q1,
        q2_mean: means.q2,
        survey_score,
        survey_rounded,
        false_found,
        deduction,
        inspection,
        total,
        rounded: total.map(round_half_up_2),
        rank: None,
        flags: Vec::new(),
        few_respondents: None,
        pending: inputs
            .pending_findings
            .get(unit)
            .copied()
            .filter(|&n| n > 0),
        q1_se: se(|m| m.v11),
        q2_se: se(|m| m.v22),
        survey_se: means.survey_se(scheme),
    }
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
        assert!(by("B").flags.contains(&Flag::Advanced));
        assert!(by("C").flags.contains(&Flag::Commended));
        assert!(!by("D").flags.contains(&Flag::Commended));
        // Bottom 3: G, F and both tied E and D? From the bottom: G 1, F 2, D and E 3.
        for u in ["D", "E", "F", "G"] {
            assert!(by(u).flags.contains(&Flag::Criticised), "{u}");
        }
        assert!(by("F").flags.contains(&Flag::NotEligible));
        assert!(!by("E").flags.contains(&Flag::NotEligible));
        assert!(
            notes
                .iter()
                .any(|n| n.render_in(Lang::En).contains("no inspection score"))
        );
        // A and B share the first place: two units advanced where the plan names one;
        // D, E, F and G share the bottom three. Both are told; the commended three are not.
        let told: Vec<String> = notes.iter().map(|n| n.render_in(Lang::En)).collect();
        let tie = |flag: &str| told.iter().find(|n| n.starts_with(flag)).cloned();
        let advanced = tie("annual comprehensive-advanced").expect("advanced tie told");
        assert!(advanced.contains("2 units, more than the plan's 1") && advanced.contains("A, B"));
        let criticised = tie("criticised").expect("criticised tie told");
        assert!(criticised.contains("4 units") && criticised.contains("D, E, F, G"));
        assert_eq!(tie("commended"), None, "{told:?}");
        assert_eq!(tie("not eligible"), None, "{told:?}");
        let zh: Vec<String> = notes.iter().map(|n| n.render_in(Lang::Zh)).collect();
        assert!(
            zh.iter()
                .any(|n| n.starts_with("年度综合先进：共 2 个单位")),
            "{zh:?}"
        );
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
        assert!(a.flags[0].canonical().contains("unqualified"));
        let b = s.iter().find(|x| x.unit == "乙").unwrap();
        assert_eq!(b.rank, Some(1));
        assert!(
            notes
                .iter()
                .any(|n| n.render_in(Lang::En).contains("overlap"))
        );
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
        assert!(b.flags[0] == Flag::NoAnswers);
    }

    #[test]
    fn a_scheme_that_does_not_fit_the_units_is_told() {
        let inputs = |units: [&str; 2]| ScoreInputs {
            responses: [
                responses(units[0], &[(Some(0.9), Some(1.0))]),
                responses(units[1], &[(Some(0.8), Some(1.0))]),
            ]
            .concat(),
            ..Default::default()
        };
        let told = |i: &ScoreInputs, scheme: &Scheme| {
            score(i, scheme)
                .1
                .iter()
                .map(|n| n.render_in(Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let towns = inputs(["城关镇", "南岗乡"]);
        assert!(told(&towns, &Scheme::county()).contains("Was --scheme township meant?"));
        assert!(!told(&towns, &Scheme::township()).contains("meant?"));
        let bureaus = inputs(["东湖区民政局", "丰源县民政局"]);
        assert!(told(&bureaus, &Scheme::township()).contains("Was --scheme county meant?"));
        assert!(!told(&bureaus, &Scheme::county()).contains("meant?"));
    }

    #[test]
    fn rounding_half_up() {
        assert_eq!(round_half_up_2(84.125), 84.13);
        assert_eq!(round_half_up_2(84.124), 84.12);
        assert_eq!(round_half_up_2(62.65), 62.65);
        // 61.845 is stored as 61.84499999…: still 61.85, as on paper.
        assert_eq!(round_half_up_2(61.845), 61.85);
        assert_eq!(round_half_up_2(63.875), 63.88);
    }

    #[test]
    fn the_total_is_the_sum_of_the_rounded_parts() {
        // q1 mean 0.875, q2 1.0: survey 63.875 → 63.88; inspection 25.125 → 25.13.
        let answers = [(Some(0.9), Some(1.0)); 3];
        let mut inputs = ScoreInputs {
            responses: responses(
                "甲",
                &[answers.as_slice(), &[(Some(0.8), Some(1.0))]].concat(),
            ),
            ..Default::default()
        };
        inputs.inspection.insert("甲".into(), 25.125);
        let (s, _) = score(&inputs, &Scheme::township());
        let a = &s[0];
        assert_eq!((a.survey_rounded, a.inspection), (Some(63.88), Some(25.13)));
        // Rounding the unrounded sum (89.00) would not add up to the parts shown.
        assert_eq!(a.rounded, Some(89.01));
    }

    #[test]
    fn few_respondents_are_ranked_and_marked_and_exclude_leaves_out_of_the_ranking() {
        let mut inputs = ScoreInputs {
            responses: responses("甲", &[(Some(0.9), Some(1.0)); 2]),
            ..Default::default()
        };
        inputs
            .responses
            .extend(responses("乙", &[(Some(0.6), Some(0.7)); 6]));
        inputs.inspection.insert("乙".into(), 20.0);
        inputs.policy.missing_inspection = MissingInspection::Zero;
        let (s, notes) = score(&inputs, &Scheme::township());
        let a = s.iter().find(|x| x.unit == "甲").unwrap();
        assert_eq!((a.rank, a.few_respondents), (Some(1), Some(5)));
        assert!(a.flags_text(Lang::Zh).contains("受访不足 5 人"));
        assert!(notes.iter().any(|n| n.render_in(Lang::En).contains("甲 2")));
        inputs.policy.missing_inspection = MissingInspection::Exclude;
        let (s, _) = score(&inputs, &Scheme::township());
        let a = s.iter().find(|x| x.unit == "甲").unwrap();
        assert_eq!((a.rank, a.total), (None, None));
        assert_eq!(a.flags, [Flag::NoInspection]);
    }
}
