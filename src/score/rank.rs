//! The ranking and its flags (section 四(三)): ranks by the rounded total, ties sharing
//! a rank; the township flags at the top and the bottom; and the notes a reader needs
//! (flags that overlap, refusals, missing inspection scores, unclear boundaries).

use crate::i18n::{Lang, Message, msg};

use super::policy::MissingInspection;
use super::{Scheme, ScoreInputs, UnitScore, Z95};

/// Ranks by rounded total (ties share a rank: 1, 2, 2, 4) and sets the flags; returns
/// notes for the reader.
pub(super) fn rank(units: &mut [UnitScore], inputs: &ScoreInputs, scheme: &Scheme) -> Vec<Message> {
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
        notes.push(msg!("score-note-overlap", count = ranked.len()));
    }
    notes.extend(scheme_note(units, scheme));
    notes.extend(no_answers_note(units));
    if scheme.township_flags {
        notes.extend(tied_flags_notes(units));
    }
    notes.extend(pending_note(inputs));
    notes.extend(refusal_note(units));
    notes.extend(missing_inspection_note(
        units,
        inputs.policy.missing_inspection,
    ));
    notes.extend(few_respondents_note(units, inputs.policy.min_respondents));
    notes
}

/// A flag of the ranking, shown in the chosen language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    /// Disqualified under the plan's rules, with the reason given.
    Unqualified(String),
    /// No survey answers: no total, no rank.
    NoAnswers,
    /// No inspection score, under `--missing-inspection exclude`: not ranked.
    NoInspection,
    Advanced,
    Commended,
    Criticised,
    NotEligible,
}

impl Flag {
    /// The flag as score digests record it (the bilingual text of the first releases,
    /// so that their manifests keep verifying).
    pub fn canonical(&self) -> String {
        match self {
            Flag::Unqualified(reason) => {
                format!("年度评议不合格 unqualified for the year ({reason})")
            }
            Flag::NoAnswers => "无调查结果 no survey answers".into(),
            Flag::NoInspection => "无检查评估得分 no inspection score".into(),
            Flag::Advanced => "年度综合先进 annual comprehensive-advanced".into(),
            Flag::Commended => "通报表扬 commended".into(),
            Flag::Criticised => "通报批评 criticised".into(),
            Flag::NotEligible => {
                "取消综合先进评选资格 not eligible for comprehensive-advanced".into()
            }
        }
    }

    /// The flag a score table names by `text`, in either language or as the first
    /// releases wrote it; `None` for a text that is no fixed flag (a disqualification
    /// with its reason, a note).
    pub fn parse(text: &str) -> Option<Flag> {
        let text = text.trim();
        [
            Flag::NoAnswers,
            Flag::NoInspection,
            Flag::Advanced,
            Flag::Commended,
            Flag::Criticised,
            Flag::NotEligible,
        ]
        .into_iter()
        .find(|f| {
            let m = f.message();
            [m.render_in(Lang::Zh), m.render_in(Lang::En), f.canonical()]
                .iter()
                .any(|s| s == text)
        })
    }

    /// The flag for a person to read.
    pub fn message(&self) -> Message {
        match self {
            Flag::Unqualified(reason) => msg!("score-flag-unqualified", reason),
            Flag::NoAnswers => msg!("score-flag-no-answers"),
            Flag::NoInspection => msg!("score-flag-no-inspection"),
            Flag::Advanced => msg!("score-flag-advanced"),
            Flag::Commended => msg!("score-flag-commended"),
            Flag::Criticised => msg!("score-flag-criticised"),
            Flag::NotEligible => msg!("score-flag-not-eligible"),
        }
    }
}

/// Ranks one unit among the `ranked` totals and flags it: unqualified when
/// disqualified, not ranked without a total or (excluded) an inspection score, else the
/// township flags.
fn rank_unit(u: &mut UnitScore, ranked: &[f64], inputs: &ScoreInputs, scheme: &Scheme) {
    if let Some(reason) = inputs.disqualified.get(&u.unit) {
        u.flags.push(Flag::Unqualified(reason.clone()));
        return;
    }
    if excluded(u, inputs) {
        u.flags.push(Flag::NoInspection);
        return;
    }
    let Some(t) = u.rounded else {
        u.flags.push(Flag::NoAnswers);
        return;
    };
    let rank = 1 + ranked.iter().filter(|&&x| x > t).count() as u64;
    let from_bottom = 1 + ranked.iter().filter(|&&x| x < t).count() as u64;
    u.rank = Some(rank);
    let min = inputs.policy.min_respondents;
    u.few_respondents = (u.respondents < min).then_some(min);
    if scheme.township_flags {
        u.flags.extend(township_flags(rank, from_bottom));
    }
}

/// Whether the unit is left out of the ranking for want of an inspection score.
fn excluded(u: &UnitScore, inputs: &ScoreInputs) -> bool {
    u.inspection.is_none()
        && u.survey_score.is_some()
        && inputs.policy.missing_inspection == MissingInspection::Exclude
}

/// The plan's township flags of the unit ranked `rank` from the top and `from_bottom`
/// from the bottom.
fn township_flags(rank: u64, from_bottom: u64) -> Vec<Flag> {
    [
        (rank == 1, Flag::Advanced),
        (rank <= 3, Flag::Commended),
        (from_bottom <= 3, Flag::Criticised),
        (from_bottom <= 2, Flag::NotEligible),
    ]
    .into_iter()
    .filter(|(applies, _)| *applies)
    .map(|(_, flag)| flag)
    .collect()
}

/// A note when a built-in scheme does not fit the units: the county scheme over units
/// all named as township offices (乡, 镇, 街道 …), or the township scheme over units all
/// named as county bureaus (…局, …县): the two value the answers differently, and only
/// the township scheme sets the plan's flags.
fn scheme_note(units: &[UnitScore], scheme: &Scheme) -> Option<Message> {
    const TOWNSHIP: [&str; 6] = ["乡", "镇", "街道", "办事处", "林场", "农场"];
    const COUNTY: [&str; 4] = ["局", "县", "区", "市"];
    let all_end = |ends: &[&str]| {
        !units.is_empty()
            && units
                .iter()
                .all(|u| ends.iter().any(|e| u.unit.ends_with(e)))
    };
    match scheme.name.as_str() {
        "county" if all_end(&TOWNSHIP) => Some(msg!("score-note-scheme-townships")),
        "township" if all_end(&COUNTY) => Some(msg!("score-note-scheme-bureaus")),
        _ => None,
    }
}

/// The evaluated units with no survey answer at all: listed without a total or a rank,
/// which a reader should hear of (their answers may be missing from the file, or their
/// name spelt so that it matched another unit).
fn no_answers_note(units: &[UnitScore]) -> Option<Message> {
    let none: Vec<&str> = units
        .iter()
        .filter(|u| u.flags.contains(&Flag::NoAnswers))
        .map(|u| u.unit.as_str())
        .collect();
    (!none.is_empty()).then(|| msg!("score-note-no-answers", units = none.join(", ")))
}

/// A note for each township flag that more units carry than the plan names (the top 3
/// commended, the first advanced, the bottom 3 criticised, the bottom 2 not eligible)
/// because totals tie at its boundary: tied units share the rank, so they share the
/// flag, and the bureau must decide how the plan's tie is broken.
fn tied_flags_notes(units: &[UnitScore]) -> Vec<Message> {
    [
        (Flag::Advanced, 1usize),
        (Flag::Commended, 3),
        (Flag::Criticised, 3),
        (Flag::NotEligible, 2),
    ]
    .into_iter()
    .filter_map(|(flag, quota)| {
        let with: Vec<&str> = units
            .iter()
            .filter(|u| u.flags.contains(&flag))
            .map(|u| u.unit.as_str())
            .collect();
        (with.len() > quota).then(|| {
            msg!(
                "score-note-flag-ties",
                flag => flag.message(),
                count = with.len(),
                quota,
                units = with.join(", ")
            )
        })
    })
    .collect()
}

/// The units whose tally still has checks pending (a checklist not returned, or
/// returned with blank results): their deductions count only the checks done.
fn pending_note(inputs: &ScoreInputs) -> Option<Message> {
    let pending: Vec<String> = inputs
        .pending_findings
        .iter()
        .map(|(unit, n)| format!("{unit} {n}"))
        .collect();
    (!pending.is_empty()).then(|| msg!("score-note-findings-pending", units = pending.join(", ")))
}

/// The units with blank answers (refusals, counted but not scored), if any.
fn refusal_note(units: &[UnitScore]) -> Option<Message> {
    let refusals: Vec<String> = units
        .iter()
        .filter(|u| u.refused_q1 + u.refused_q2 > 0)
        .map(|u| format!("{} {}+{}", u.unit, u.refused_q1, u.refused_q2))
        .collect();
    (!refusals.is_empty()).then(|| msg!("score-note-refusals", units = refusals.join(", ")))
}

/// The scored units without an inspection score (counted as 0, or not ranked), if any.
fn missing_inspection_note(units: &[UnitScore], policy: MissingInspection) -> Option<Message> {
    let missing: Vec<&str> = units
        .iter()
        .filter(|u| u.inspection.is_none() && u.survey_score.is_some())
        .map(|u| u.unit.as_str())
        .collect();
    let units = missing.join(", ");
    (!missing.is_empty()).then(|| match policy {
        MissingInspection::Exclude => msg!("score-note-inspection-excluded", units),
        _ => msg!("score-note-inspection-zero", units),
    })
}

/// The ranked units with fewer respondents than the minimum, if any: ranked, but marked.
fn few_respondents_note(units: &[UnitScore], min: u64) -> Option<Message> {
    let few: Vec<String> = units
        .iter()
        .filter(|u| u.few_respondents.is_some())
        .map(|u| format!("{} {}", u.unit, u.respondents))
        .collect();
    (!few.is_empty()).then(|| msg!("score-note-few-respondents", min, units = few.join(", ")))
}

/// Where a flag boundary falls between two neighbours whose difference is not clear at
/// 95%: the ranking is a statistic.
fn boundary_notes(units: &[UnitScore], scheme: &Scheme) -> Vec<Message> {
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
fn unclear_boundary(a: &UnitScore, b: &UnitScore) -> Option<Message> {
    let (ta, tb, sa, sb) = (a.total?, b.total?, a.survey_se?, b.survey_se?);
    let se = (sa * sa + sb * sb).sqrt();
    let diff = ta - tb;
    ((diff - Z95 * se) <= 0.0).then(|| {
        msg!(
            "score-note-unclear-boundary",
            upper = a.unit,
            upper_rank = a.rank.unwrap_or(0),
            lower = b.unit,
            lower_rank = b.rank.unwrap_or(0),
            diff = format!("{diff:.2}"),
            margin = format!("{:.2}", Z95 * se)
        )
    })
}
