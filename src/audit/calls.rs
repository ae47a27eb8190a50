//! The call-log rules: reserves used strictly in ticket order, and only in place of a
//! respondent lost to non-response; "not a recipient" dispositions counted as
//! false-recipient findings.

use std::collections::BTreeMap;

use crate::draw::ids::SampleIds;
use crate::draw::roster::{RosterReader, RosterRecord};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::alias::{Field, Input};
use crate::io::text::match_key;

/// An id of the call log or the sample as breaches show it: a name typed in masked.
fn mask_id(id: &str) -> String {
    crate::privacy::policy().mask_id_cell(id)
}

/// What happened on a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    Reached,
    Refused,
    NoAnswer,
    Busy,
    WrongNumber,
    NotRecipient,
}

/// Every disposition with the ways interviewers write it.
const DISPOSITIONS: [(Disposition, &[&str]); 6] = [
    (
        Disposition::Reached,
        &[
            "reached",
            "completed",
            "answered",
            "接通",
            "完成",
            "成功访问",
            "已访问",
            "访问成功",
        ],
    ),
    (
        Disposition::Refused,
        &["refused", "拒访", "拒绝", "拒绝访问"],
    ),
    (
        Disposition::NoAnswer,
        &[
            "no answer",
            "no_answer",
            "无人接听",
            "未接通",
            "无应答",
            "关机",
        ],
    ),
    (Disposition::Busy, &["busy", "占线"]),
    (
        Disposition::WrongNumber,
        &[
            "wrong number",
            "wrong_number",
            "空号",
            "错号",
            "号码错误",
            "停机",
        ],
    ),
    (
        Disposition::NotRecipient,
        &[
            "not a recipient",
            "not_recipient",
            "非服务对象",
            "不是服务对象",
            "虚假对象",
        ],
    ),
];

impl Disposition {
    /// Reads a disposition as interviewers write it.
    pub fn parse(text: &str) -> Option<Disposition> {
        let key = match_key(text);
        DISPOSITIONS
            .iter()
            .find(|(_, names)| names.iter().any(|n| match_key(n) == key))
            .map(|(d, _)| *d)
    }

    /// True when the main respondent is lost and a reserve may take their place.
    pub fn is_non_response(self) -> bool {
        self != Disposition::Reached
    }
}

/// The outcome of a call-log check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallReport {
    pub calls: usize,
    pub breaches: Vec<String>,
    /// "Not a recipient" findings per unit, for the score stage.
    pub not_recipient: BTreeMap<String, u64>,
}

/// A drawn respondent as the rules see it.
struct Drawn {
    unit: String,
    category: String,
    rank: u64,
    reserve: bool,
}

/// A unit and category key.
type StratumKey = (String, String);
/// A reserve's rank, id and the log row where it was first called.
type ReserveCall = (u64, String, usize);

/// A draw's sample as the call-log rules need it: every drawn respondent by id, and
/// the main respondents per stratum.
pub struct DrawnSample {
    drawn: BTreeMap<String, Drawn>,
    mains: BTreeMap<StratumKey, u64>,
}

impl DrawnSample {
    /// Reads a sample written by `pingyi draw` (it needs the stratum_rank and role
    /// columns).
    pub fn read(reader: RosterReader) -> Result<DrawnSample> {
        let labels = &reader.header.labels;
        let (Some(rank_col), Some(role_col)) = (
            Input::Sample.find(labels, Field::StratumRank),
            Input::Sample.find(labels, Field::Role),
        ) else {
            return Err(Error::input(
                reader.origin().clone(),
                msg!("audit-calls-not-a-sample"),
            ));
        };
        let mut sample = DrawnSample {
            drawn: BTreeMap::new(),
            mains: BTreeMap::new(),
        };
        for r in reader {
            sample.add(r?, rank_col, role_col);
        }
        Ok(sample)
    }

    /// Adds one drawn respondent, counting the main ones per stratum.
    fn add(&mut self, r: RosterRecord, rank_col: usize, role_col: usize) {
        let reserve = matches!(
            match_key(&r.cells[role_col]).as_str(),
            "reserve" | "备用样本"
        );
        let category = r.category.key().to_string();
        if !reserve {
            *self
                .mains
                .entry((r.unit.clone(), category.clone()))
                .or_default() += 1;
        }
        let rank = r.cells[rank_col].trim().parse().unwrap_or(0);
        let drawn = Drawn {
            unit: r.unit,
            category,
            rank,
            reserve,
        };
        self.drawn.insert(r.id, drawn);
    }

    /// The ids of the drawn respondents, for matching a log's ids against them.
    pub fn ids(&self) -> SampleIds {
        SampleIds::new(self.drawn.keys().map(String::as_str))
    }

    /// The unit of every drawn respondent, in id order.
    pub fn units(&self) -> impl Iterator<Item = &str> {
        self.drawn.values().map(|d| d.unit.as_str())
    }
}

/// One call of a log, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// The row number in the log, for messages.
    pub row: usize,
    /// The respondent's id, normalized as the draw normalizes ids.
    pub id: String,
    pub disposition: Disposition,
    /// The unit the log names for the call, when it has a unit column.
    pub unit: Option<String>,
}

/// The calls of a log gathered per stratum: respondents lost, and reserves in the
/// order first called.
#[derive(Default)]
struct Strata {
    /// Every respondent called (main or reserve), by id: its stratum, and whether a
    /// call reached them. One never reached is lost once, however often called.
    called: BTreeMap<String, (StratumKey, bool)>,
    reserves_called: BTreeMap<StratumKey, Vec<ReserveCall>>,
}

impl Strata {
    /// The respondents lost in each stratum: called, and never reached.
    fn lost(&self) -> BTreeMap<&StratumKey, u64> {
        let mut lost = BTreeMap::new();
        for (key, reached) in self.called.values() {
            if !reached {
                *lost.entry(key).or_default() += 1;
            }
        }
        lost
    }
}

/// Checks the calls of a log against a draw's sample.
pub fn check_log(sample: &DrawnSample, calls: &[Call]) -> CallReport {
    let mut report = CallReport {
        calls: calls.len(),
        breaches: Vec::new(),
        not_recipient: BTreeMap::new(),
    };
    let mut strata = Strata::default();
    for call in calls {
        record_call(sample, call, &mut strata, &mut report);
    }
    let lost_by_stratum = strata.lost();
    for (key, called) in &strata.reserves_called {
        let mains = sample.mains.get(key).copied().unwrap_or(0);
        let lost = lost_by_stratum.get(key).copied().unwrap_or(0);
        report
            .breaches
            .extend(reserve_breaches(key, called, mains, lost));
    }
    report
}

/// Notes one call: a breach for a respondent not drawn or in another unit, a
/// not-recipient finding, a lost respondent, a reserve called.
fn record_call(sample: &DrawnSample, call: &Call, strata: &mut Strata, report: &mut CallReport) {
    let (row, id) = (call.row, &call.id);
    let Some(d) = sample.drawn.get(id) else {
        let id = mask_id(id);
        report
            .breaches
            .push(msg!("audit-calls-not-in-sample", row, id).render());
        return;
    };
    if let Some(unit) = call.unit.as_ref().filter(|u| **u != d.unit) {
        let (id, drawn) = (mask_id(id), &d.unit);
        report
            .breaches
            .push(msg!("audit-calls-other-unit", row, id, drawn, unit).render());
    }
    let key = (d.unit.clone(), d.category.clone());
    if call.disposition == Disposition::NotRecipient {
        *report.not_recipient.entry(d.unit.clone()).or_default() += 1;
    }
    // A lost respondent, main or reserve, may be replaced by the next reserve: lost
    // once however often called, and not lost at all when a later call reached them.
    let outcome = strata
        .called
        .entry(id.clone())
        .or_insert((key.clone(), false));
    outcome.1 |= !call.disposition.is_non_response();
    if d.reserve {
        let list = strata.reserves_called.entry(key).or_default();
        if !list.iter().any(|(_, x, _)| x == id) {
            list.push((d.rank, id.clone(), row));
        }
    }
}

/// The breaches of one stratum's reserves: called out of ticket order (after `mains`
/// main respondents, the first reserve is rank `mains + 1`), or more called than
/// respondents `lost`.
fn reserve_breaches(
    (unit, key): &StratumKey,
    called: &[ReserveCall],
    mains: u64,
    lost: u64,
) -> Vec<String> {
    let category = crate::io::Category::from_label(key);
    let category = category.label(crate::i18n::language());
    let mut breaches = Vec::new();
    for (k, (rank, id, row)) in called.iter().enumerate() {
        let expected = mains + 1 + k as u64;
        if *rank != expected {
            let id = mask_id(id);
            breaches.push(
                msg!(
                    "audit-calls-reserve-order",
                    row,
                    id,
                    unit,
                    category,
                    rank,
                    expected
                )
                .render(),
            );
        }
    }
    if called.len() as u64 > lost {
        let called = called.len();
        breaches.push(
            msg!(
                "audit-calls-too-many-reserves",
                unit,
                category,
                called,
                lost
            )
            .render(),
        );
    }
    breaches
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stratum 甲 / 五保 with mains M1, M2 (ranks 1, 2) and reserves R3, R4 (3, 4).
    fn sample() -> DrawnSample {
        let drawn = |rank: u64, reserve: bool| Drawn {
            unit: "甲".into(),
            category: "five_guarantee".into(),
            rank,
            reserve,
        };
        DrawnSample {
            drawn: [
                ("M1".to_string(), drawn(1, false)),
                ("M2".to_string(), drawn(2, false)),
                ("R3".to_string(), drawn(3, true)),
                ("R4".to_string(), drawn(4, true)),
            ]
            .into(),
            mains: [(("甲".to_string(), "five_guarantee".to_string()), 2)].into(),
        }
    }

    fn call(row: usize, id: &str, disposition: Disposition) -> Call {
        Call {
            row,
            id: id.into(),
            disposition,
            unit: None,
        }
    }

    #[test]
    fn dispositions_in_chinese_and_english() {
        assert_eq!(Disposition::parse("拒访"), Some(Disposition::Refused));
        assert_eq!(
            Disposition::parse(" No Answer "),
            Some(Disposition::NoAnswer)
        );
        assert_eq!(
            Disposition::parse("非服务对象"),
            Some(Disposition::NotRecipient)
        );
        assert_eq!(Disposition::parse("聊得很好"), None);
        assert!(!Disposition::Reached.is_non_response());
        assert!(Disposition::Busy.is_non_response());
    }

    #[test]
    fn reserves_in_order_for_lost_respondents_pass() {
        let calls = [
            call(2, "M1", Disposition::NotRecipient),
            call(3, "R3", Disposition::Refused),
            call(4, "R4", Disposition::Reached),
            call(5, "R4", Disposition::Reached),
        ];
        let report = check_log(&sample(), &calls);
        assert_eq!(report.calls, 4);
        assert_eq!(report.breaches, Vec::<String>::new());
        assert_eq!(report.not_recipient, [("甲".to_string(), 1)].into());
    }

    #[test]
    fn a_respondent_is_lost_once_and_not_at_all_when_reached_later() {
        let s = sample();
        // M1 refused twice: one loss, so one reserve, not two.
        let twice = [
            call(2, "M1", Disposition::Refused),
            call(3, "M1", Disposition::Refused),
            call(4, "R3", Disposition::Reached),
            call(5, "R4", Disposition::Reached),
            call(6, "M2", Disposition::Reached),
        ];
        let report = check_log(&s, &twice);
        assert_eq!(report.breaches.len(), 1, "{:?}", report.breaches);
        // M1 refused, then reached after all: no loss, so no reserve.
        let reached = [
            call(2, "M1", Disposition::Refused),
            call(3, "M1", Disposition::Reached),
            call(4, "R3", Disposition::Reached),
            call(5, "M2", Disposition::Reached),
        ];
        let report = check_log(&s, &reached);
        assert_eq!(report.breaches.len(), 1, "{:?}", report.breaches);
        // M1 refused once: one reserve is in order.
        let once = [
            call(2, "M1", Disposition::Refused),
            call(3, "R3", Disposition::Reached),
            call(4, "M2", Disposition::Reached),
        ];
        assert!(check_log(&s, &once).breaches.is_empty());
    }

    #[test]
    fn every_breach_is_named() {
        let mut elsewhere = call(4, "M2", Disposition::Reached);
        elsewhere.unit = Some("乙".into());
        let calls = [
            call(2, "M1", Disposition::Refused),
            call(3, "R4", Disposition::Reached),
            elsewhere,
            call(5, "X9", Disposition::Reached),
            call(6, "R3", Disposition::Reached),
        ];
        let b = check_log(&sample(), &calls).breaches;
        assert_eq!(b.len(), 5, "{b:#?}");
        assert!(
            b[0].contains("row 4: M2 is a respondent of 甲 in the sample, but the log names 乙")
        );
        assert!(b[1].contains("row 5: X9 was called but is not in the sample"));
        assert!(b[2].contains("row 3: reserve R4 (甲 / five_guarantee) has rank 4, but the next reserve to call was rank 3"));
        assert!(b[3].contains("row 6: reserve R3") && b[3].contains("was rank 4"));
        assert!(b[4].contains(
            "甲 / five_guarantee: 2 reserves were called but only 1 respondents were lost"
        ));
    }
}
