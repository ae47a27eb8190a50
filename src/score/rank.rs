//! The ranking and its flags (section 四(三)): ranks by the rounded total, ties sharing
//! a rank; the township flags at the top and the bottom; and the notes a reader needs
//! (flags that overlap, refusals, missing inspection scores, unclear boundaries).

use super::{Scheme, ScoreInputs, UnitScore, Z95};

/// Ranks by rounded total (ties share a rank: 1, 2, 2, 4) and sets the flags; returns
/// notes for the reader.
pub(super) fn rank(units: &mut [UnitScore], inputs: &ScoreInputs, scheme: &Scheme) -> Vec<String> {
    let ranked: Vec<f64> = units
        .iter()
        .filter(|u| !inputs.disqualified.contains_key(&u.unit))
        .filter_map(|u| u.rounded)
        .collect();
    for u in units.iter_mut() {
        rank_unit(u, &ranked, inputs, scheme);
    }
    let mut notes = Vec::new();
    if inputs.weighted.is_some() {
        notes.extend(boundary_notes(units, scheme));
    }
    if scheme.township_flags && ranked.len() < 6 {
        notes.push(format!(
            "only {} units are ranked: the top-3 and bottom-3 flags overlap",
            ranked.len()
        ));
    }
    notes.extend(refusal_note(units));
    notes.extend(missing_inspection_note(units));
    notes
}

/// Ranks one unit among the `ranked` totals and flags it: unqualified when
/// disqualified, "no survey answers" without a total, else the township flags.
fn rank_unit(u: &mut UnitScore, ranked: &[f64], inputs: &ScoreInputs, scheme: &Scheme) {
    if let Some(reason) = inputs.disqualified.get(&u.unit) {
        u.flags.push(format!(
            "年度评议不合格 unqualified for the year ({reason})"
        ));
        return;
    }
    let Some(t) = u.rounded else {
        u.flags.push("无调查结果 no survey answers".into());
        return;
    };
    let rank = 1 + ranked.iter().filter(|&&x| x > t).count() as u64;
    let from_bottom = 1 + ranked.iter().filter(|&&x| x < t).count() as u64;
    u.rank = Some(rank);
    if scheme.township_flags {
        u.flags.extend(township_flags(rank, from_bottom));
    }
}

/// The plan's township flags of the unit ranked `rank` from the top and `from_bottom`
/// from the bottom.
fn township_flags(rank: u64, from_bottom: u64) -> Vec<String> {
    [
        (rank == 1, "年度综合先进 annual comprehensive-advanced"),
        (rank <= 3, "通报表扬 commended"),
        (from_bottom <= 3, "通报批评 criticised"),
        (
            from_bottom <= 2,
            "取消综合先进评选资格 not eligible for comprehensive-advanced",
        ),
    ]
    .into_iter()
    .filter(|(applies, _)| *applies)
    .map(|(_, flag)| flag.to_string())
    .collect()
}

/// The units with blank answers (refusals, counted but not scored), if any.
fn refusal_note(units: &[UnitScore]) -> Option<String> {
    let refusals: Vec<String> = units
        .iter()
        .filter(|u| u.refused_q1 + u.refused_q2 > 0)
        .map(|u| format!("{} {}+{}", u.unit, u.refused_q1, u.refused_q2))
        .collect();
    (!refusals.is_empty()).then(|| {
        format!(
            "blank answers (refusals, counted but not scored), question 1+2: {}",
            refusals.join(", ")
        )
    })
}

/// The scored units without an inspection score (counted as 0), if any.
fn missing_inspection_note(units: &[UnitScore]) -> Option<String> {
    let missing: Vec<&str> = units
        .iter()
        .filter(|u| u.inspection.is_none() && u.total.is_some())
        .map(|u| u.unit.as_str())
        .collect();
    (!missing.is_empty()).then(|| {
        format!(
            "no inspection score for {}: counted as 0",
            missing.join(", ")
        )
    })
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
    boundaries
        .into_iter()
        .filter(|&k| k != 0 && k < n)
        .filter_map(|k| unclear_boundary(ranked[k - 1], ranked[k]))
        .collect()
}

/// A note when the 95% interval of the difference between neighbours `a` (above) and
/// `b` includes 0.
fn unclear_boundary(a: &UnitScore, b: &UnitScore) -> Option<String> {
    let (ta, tb, sa, sb) = (a.total?, b.total?, a.survey_se?, b.survey_se?);
    let se = (sa * sa + sb * sb).sqrt();
    let diff = ta - tb;
    ((diff - Z95 * se) <= 0.0).then(|| {
        format!(
            "the 95% interval of the difference between {} (rank {}) and {} (rank {}), {:.2} ± {:.2}, includes 0: the boundary between them is not clear",
            a.unit,
            a.rank.unwrap_or(0),
            b.unit,
            b.rank.unwrap_or(0),
            diff,
            Z95 * se
        )
    })
}
