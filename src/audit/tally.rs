//! The tally of a filled checklist: results read in Chinese or English, findings per
//! unit, the deduction they imply, the false rate with its exact interval, and the
//! tally as a table.

use std::collections::BTreeMap;

use super::interval::false_count_interval;
use crate::i18n::{Message, msg};
use crate::io::text::match_key;
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable, PrintForm};

/// What a verifier found for one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    Genuine,
    False,
    Unverifiable,
    Pending,
}

/// Results read as genuine, false and unverifiable (compared by [`match_key`]): the
/// drop-down's values and synonyms that cannot be read any other way.
const GENUINE: [&str; 5] = ["真实", "属实", "真", "genuine", "real"];
const FALSE: [&str; 8] = [
    "虚假",
    "不属实",
    "假",
    "非服务对象",
    "虚报",
    "false",
    "fake",
    "not genuine",
];
const UNVERIFIABLE: [&str; 6] = [
    "无法核实",
    "联系不上",
    "无法联系",
    "unverifiable",
    "unreachable",
    "cannot verify",
];
/// Answers to a yes/no question: a result of "是" or "√" could mean "genuine" or "a
/// false recipient, yes", so they are refused rather than guessed.
const EITHER_WAY: [&str; 21] = [
    "是", "否", "对", "错", "√", "×", "✓", "✗", "✔", "✘", "x", "y", "n", "yes", "no", "1", "0",
    "true", "ok", "有", "无",
];

/// A result cell as read: a finding, or a value refused because it reads either way or
/// not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultCell {
    Read(Finding),
    Ambiguous,
    Unknown,
}

impl Finding {
    /// Reads a result as verifiers write it; `None` for anything unknown or ambiguous
    /// ([`Finding::read`] says which). Blank is pending.
    pub fn parse(text: &str) -> Option<Finding> {
        match Finding::read(text) {
            ResultCell::Read(f) => Some(f),
            _ => None,
        }
    }

    /// Reads a result cell: a drop-down value or an unambiguous synonym, blank as
    /// pending; a yes/no answer is [`ResultCell::Ambiguous`].
    pub fn read(text: &str) -> ResultCell {
        // A zero-width space pasted in with the value prints as nothing: not a guess.
        let visible = crate::io::text::visible(text);
        let key = match_key(&visible);
        let known = |names: &[&str]| names.iter().any(|a| match_key(a) == key);
        // TRUE and FALSE in capitals are how a spreadsheet shows a yes/no (logical)
        // cell: typed into Excel or WPS, "false" becomes one. Not a verifier's word.
        let logical = matches!(crate::io::text::clean(&visible).as_str(), "TRUE" | "FALSE");
        if key.is_empty() {
            ResultCell::Read(Finding::Pending)
        } else if logical {
            ResultCell::Ambiguous
        } else if known(&GENUINE) {
            ResultCell::Read(Finding::Genuine)
        } else if known(&FALSE) {
            ResultCell::Read(Finding::False)
        } else if known(&UNVERIFIABLE) {
            ResultCell::Read(Finding::Unverifiable)
        } else if known(&EITHER_WAY) {
            ResultCell::Ambiguous
        } else {
            ResultCell::Unknown
        }
    }
}

/// One returned record of a checklist: what the verifiers wrote for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRecord {
    pub unit: String,
    pub audit_no: String,
    /// The row of the checklist it was read from (the line a person sees).
    pub row: usize,
    pub finding: Finding,
    /// 核查人, 核查日期 and 备注 as written (cleaned of surrounding spaces).
    pub verifier: String,
    pub date: String,
    pub notes: String,
}

/// The rules of the deduction and the re-check flag.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TallyRules {
    /// Points per false recipient (0.5 in the plan).
    pub per_case: f64,
    /// The most points these findings can cost (5 in the plan).
    pub cap: f64,
    /// Flag a unit where false recipients were found and its false rate could be this
    /// high (upper bound of the interval); a clean check is never flagged.
    pub recheck_at: f64,
    pub confidence: f64,
}

impl TallyRules {
    /// Checks the numbers: a rate threshold and a confidence from 0 to 1, points per
    /// case and the cap finite and at least 0 (NaN or infinity would deduct the cap from
    /// every unit).
    pub fn validate(&self) -> Result<(), Message> {
        if !(0.0..=1.0).contains(&self.recheck_at) {
            return Err(msg!("audit-recheck-at-range", value = self.recheck_at));
        }
        if !(self.confidence > 0.0 && self.confidence < 1.0) {
            return Err(msg!("audit-confidence-range", value = self.confidence));
        }
        for (flag, v) in [("--per-case", self.per_case), ("--cap", self.cap)] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(msg!("audit-points-range", flag, value = v));
            }
        }
        Ok(())
    }
}

/// The plan's rules, the one definition of the defaults every front end uses (the
/// tally flags, `pingyi run`).
impl Default for TallyRules {
    fn default() -> Self {
        TallyRules {
            per_case: 0.5,
            cap: 5.0,
            recheck_at: 0.10,
            confidence: 0.95,
        }
    }
}

/// One unit's findings.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitTally {
    pub unit: String,
    /// Records the unit collected (the audit's population).
    pub collected: u64,
    pub checked: u64,
    pub genuine: u64,
    pub false_count: u64,
    pub unverifiable: u64,
    pub pending: u64,
    pub deduction: f64,
    /// false / (genuine + false); `None` when nothing was verified.
    pub false_rate: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub flag: bool,
    /// False for a unit whose rows no returned checklist holds yet (pending).
    pub returned: bool,
}

/// The false rate among `verified` records and its interval at `confidence`, as a
/// share of the unit's list; `None` when nothing was verified.
fn false_rate(
    collected: u64,
    verified: u64,
    false_count: u64,
    confidence: f64,
) -> (Option<f64>, Option<(f64, f64)>) {
    if verified == 0 {
        return (None, None);
    }
    // The verified records are a random sample of the unit's list.
    let population = collected.max(verified);
    let (low, high) = false_count_interval(population, verified, false_count, confidence);
    (
        Some(false_count as f64 / verified as f64),
        Some((
            low as f64 / population as f64,
            high as f64 / population as f64,
        )),
    )
}

/// Tallies one unit's findings.
pub fn tally_unit(
    unit: &str,
    collected: u64,
    findings: &[Finding],
    rules: &TallyRules,
) -> UnitTally {
    let count = |f: Finding| findings.iter().filter(|x| **x == f).count() as u64;
    let (genuine, false_count) = (count(Finding::Genuine), count(Finding::False));
    let (false_rate, ci) = false_rate(
        collected,
        genuine + false_count,
        false_count,
        rules.confidence,
    );
    UnitTally {
        unit: unit.to_string(),
        collected,
        checked: findings.len() as u64,
        genuine,
        false_count,
        unverifiable: count(Finding::Unverifiable),
        pending: count(Finding::Pending),
        deduction: (rules.per_case * false_count as f64).min(rules.cap),
        false_rate,
        flag: false_count > 0 && ci.is_some_and(|(_, high)| high >= rules.recheck_at),
        ci,
        returned: true,
    }
}

/// Tallies every unit of a selection (`collected`: records collected per unit) from
/// the findings returned per unit; a unit with none returned is tallied empty.
pub fn tally_units(
    collected: &BTreeMap<String, u64>,
    findings: &BTreeMap<String, Vec<Finding>>,
    rules: &TallyRules,
) -> Vec<UnitTally> {
    collected
        .iter()
        .map(|(unit, &collected)| {
            let f = findings.get(unit).map(Vec::as_slice).unwrap_or(&[]);
            tally_unit(unit, collected, f, rules)
        })
        .collect()
}

/// The tally as a table: per unit the counts, deduction, false rate with its interval,
/// and the re-check flag.
pub fn tally_table(units: &[UnitTally]) -> OutputTable {
    OutputTable {
        sheet: "核查结果汇总".to_string(),
        columns: vec![
            ColumnSpec::new("unit", "单位", ColumnKind::Text),
            ColumnSpec::new("collected", "采集样本数", ColumnKind::Int),
            ColumnSpec::new("checked", "核查数", ColumnKind::Int),
            ColumnSpec::new("genuine", "真实", ColumnKind::Int),
            ColumnSpec::new("false", "虚假", ColumnKind::Int),
            ColumnSpec::new("unverifiable", "无法核实", ColumnKind::Int),
            ColumnSpec::new(
                crate::io::alias::TALLY_PENDING[0],
                crate::io::alias::TALLY_PENDING[1],
                ColumnKind::Int,
            ),
            ColumnSpec::new("deduction", "扣分", ColumnKind::Float),
            ColumnSpec::new("false_rate", "虚假率", ColumnKind::Float),
            ColumnSpec::new("ci_low", "虚假率下限", ColumnKind::Float),
            ColumnSpec::new("ci_high", "虚假率上限", ColumnKind::Float),
            ColumnSpec::new("flag", "标记", ColumnKind::Text),
        ],
        rows: units.iter().map(tally_row).collect(),
        choices: Vec::new(),
    }
}

/// How the tally's workbook prints: a title row, and a 合计 row of the counts and the
/// deductions (rates and intervals are not summed).
pub fn tally_print_form(table: &OutputTable) -> PrintForm {
    const SUMMED: [&str; 7] = [
        "collected",
        "checked",
        "genuine",
        "false",
        "unverifiable",
        crate::io::alias::TALLY_PENDING[0],
        "deduction",
    ];
    PrintForm {
        title: format!("抽查核实结果汇总（{} 个单位）", table.rows.len()),
        totals: table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| SUMMED.contains(&c.key.as_ref()))
            .map(|(j, _)| j)
            .collect(),
        internal: false,
    }
}

/// One unit's row of [`tally_table`].
fn tally_row(u: &UnitTally) -> Vec<Cell> {
    let int = |n: u64| Cell::Int(n as i64);
    let real = |v: Option<f64>| v.map(Cell::Float).unwrap_or(Cell::Empty);
    vec![
        Cell::Text(u.unit.clone()),
        int(u.collected),
        int(u.checked),
        int(u.genuine),
        int(u.false_count),
        int(u.unverifiable),
        int(u.pending),
        Cell::Float(u.deduction),
        real(u.false_rate),
        real(u.ci.map(|c| c.0)),
        real(u.ci.map(|c| c.1)),
        flag_label(u),
    ]
}

/// The flag of a unit: 需全面复核, or 未返回 for a unit not yet returned.
fn flag_label(u: &UnitTally) -> Cell {
    let (en, zh) = match (u.returned, u.flag) {
        (false, _) => ("not returned", "未返回"),
        (true, true) => ("recheck", "需全面复核"),
        (true, false) => ("", ""),
    };
    Cell::label(en, zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_in_chinese_and_english() {
        assert_eq!(Finding::parse("真实"), Some(Finding::Genuine));
        assert_eq!(Finding::parse(" 属实 "), Some(Finding::Genuine));
        assert_eq!(Finding::parse("GENUINE"), Some(Finding::Genuine));
        assert_eq!(Finding::parse("虚假"), Some(Finding::False));
        assert_eq!(Finding::parse("非服务对象"), Some(Finding::False));
        assert_eq!(Finding::parse("False"), Some(Finding::False));
        assert_eq!(Finding::parse("虚假\u{200b}"), Some(Finding::False));
        assert_eq!(Finding::read("\u{200e}是"), ResultCell::Ambiguous);
        assert_eq!(Finding::parse("无法核实"), Some(Finding::Unverifiable));
        assert_eq!(Finding::parse("联系不上"), Some(Finding::Unverifiable));
        for either in [
            "是",
            "否",
            "对",
            "错",
            "√",
            "×",
            "Y",
            "N",
            "1",
            "0",
            "yes",
            "TRUE",
            "FALSE",
            " FALSE\u{200b}",
        ] {
            assert_eq!(Finding::read(either), ResultCell::Ambiguous, "{either}");
        }
        assert_eq!(Finding::parse(""), Some(Finding::Pending));
        assert_eq!(Finding::parse("也许"), None);
    }

    #[test]
    fn a_clean_check_of_a_township_list_is_not_flagged_one_false_finding_is() {
        // A 90-record list checked at the plan's 30%: 27 records.
        let rules = TallyRules::default();
        let check = |n_false: usize| {
            let mut v = vec![Finding::Genuine; 27 - n_false];
            v.extend(std::iter::repeat_n(Finding::False, n_false));
            tally_unit("甲", 90, &v, &rules)
        };
        let clean = check(0);
        assert!(
            clean.ci.unwrap().1 >= rules.recheck_at,
            "the old rule fired"
        );
        assert!(!clean.flag);
        let one = check(1);
        assert!(one.flag, "{one:?}");
        // A large clean-looking check whose interval rules the threshold out.
        let low = tally_unit(
            "乙",
            1000,
            &[&[Finding::False][..], &[Finding::Genuine; 299]].concat(),
            &rules,
        );
        assert!(!low.flag, "{low:?}");
    }

    #[test]
    fn rules_with_numbers_out_of_range_are_refused() {
        assert_eq!(TallyRules::default().validate(), Ok(()));
        for bad in [
            TallyRules {
                per_case: f64::NAN,
                ..Default::default()
            },
            TallyRules {
                per_case: f64::INFINITY,
                ..Default::default()
            },
            TallyRules {
                cap: -1.0,
                ..Default::default()
            },
            TallyRules {
                recheck_at: f64::NAN,
                ..Default::default()
            },
            TallyRules {
                confidence: 1.0,
                ..Default::default()
            },
        ] {
            assert!(bad.validate().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn deductions_and_the_cap() {
        let rules = TallyRules::default();
        let f = |n_false: usize| {
            let mut v = vec![Finding::Genuine; 20];
            v.extend(std::iter::repeat_n(Finding::False, n_false));
            tally_unit("甲", 200, &v, &rules)
        };
        assert_eq!(f(0).deduction, 0.0);
        assert_eq!(f(0).false_rate, Some(0.0));
        assert_eq!(f(3).deduction, 1.5);
        assert_eq!(f(10).deduction, 5.0);
        assert_eq!(f(14).deduction, 5.0);
        assert!(f(3).flag);
        assert!(!f(0).flag, "a clean check is never flagged");
        let none = tally_unit("乙", 10, &[Finding::Unverifiable], &rules);
        assert_eq!((none.false_rate, none.ci, none.flag), (None, None, false));
    }
}
