//! The call log check: reserves used strictly in ticket order, and only in place of a
//! main respondent lost to non-response; "not a recipient" dispositions counted as
//! false-recipient findings.

use std::collections::BTreeMap;
use std::path::Path;

use crate::draw::roster::RosterReader;
use crate::error::{Error, Result};
use crate::io::alias::{Field, Input};
use crate::io::read_grid_path;
use crate::io::stream::open_rows;
use crate::io::text::{clean, match_key};
use crate::privacy::{mask_personal, quote_cell};
use crate::score::KnownUnits;

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

impl Disposition {
    /// Reads a disposition as interviewers write it.
    pub fn parse(text: &str) -> Option<Disposition> {
        const TABLE: [(Disposition, &[&str]); 6] = [
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
                    "查无此人",
                    "虚假对象",
                ],
            ),
        ];
        let key = match_key(text);
        TABLE
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

/// Checks a call log against a draw's sample.
pub fn check_calls(log: &Path, sample: &Path, id_column: Option<&str>) -> Result<CallReport> {
    let reader = RosterReader::open(open_rows(sample, None)?, id_column)?;
    let labels = reader.header.labels.clone();
    let (Some(rank_col), Some(role_col)) = (
        Input::Sample.find(&labels, Field::StratumRank),
        Input::Sample.find(&labels, Field::Role),
    ) else {
        return Err(Error::input(
            reader.origin().clone(),
            "is not a sample from `pingyi draw` (no stratum_rank and role columns)",
        ));
    };
    let mut drawn: BTreeMap<String, Drawn> = BTreeMap::new();
    let mut mains: BTreeMap<(String, String), u64> = BTreeMap::new();
    for r in reader {
        let r = r?;
        let reserve = matches!(
            match_key(&r.cells[role_col]).as_str(),
            "reserve" | "备用样本"
        );
        let category = r.category.key().to_string();
        if !reserve {
            *mains.entry((r.unit.clone(), category.clone())).or_default() += 1;
        }
        drawn.insert(
            r.id.clone(),
            Drawn {
                unit: r.unit,
                category,
                rank: r.cells[rank_col].trim().parse().unwrap_or(0),
                reserve,
            },
        );
    }
    let (grid, _) = read_grid_path(log, None)?;
    let header_at = grid
        .rows
        .iter()
        .take(20)
        .position(|r| {
            r.iter()
                .any(|c| Input::CallLog.field(c) == Some(Field::Disposition))
        })
        .ok_or_else(|| Error::input(grid.origin.clone(), "has no disposition (通话结果) column"))?;
    let head: Vec<String> = grid.rows[header_at].iter().map(|c| clean(c)).collect();
    let id_col = id_column
        .and_then(|name| head.iter().position(|h| match_key(h) == match_key(name)))
        .or_else(|| Input::CallLog.find(&head, Field::Id))
        .ok_or_else(|| {
            Error::input(
                grid.origin.at_row(grid.row_number(header_at)),
                "has no id (编号) column",
            )
        })?;
    let disp_col = Input::CallLog.find(&head, Field::Disposition).unwrap_or(0);
    // A log that names each call's unit: every unit must be one of the sample's.
    let unit_col = Input::CallLog.find(&head, Field::Unit);
    let known = KnownUnits::new(
        sample.display().to_string(),
        drawn.values().map(|d| d.unit.clone()),
    );

    let mut report = CallReport {
        calls: 0,
        breaches: Vec::new(),
        not_recipient: BTreeMap::new(),
    };
    // Per stratum: main respondents lost, and reserves in the order first called.
    let mut lost: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut reserves_called: BTreeMap<StratumKey, Vec<ReserveCall>> = BTreeMap::new();
    for i in header_at + 1..grid.rows.len() {
        let id = crate::draw::ticket::normalize_id(grid.cell(i, id_col));
        if id.is_empty() {
            continue;
        }
        let row = grid.row_number(i);
        let raw = grid.cell(i, disp_col);
        let disposition = Disposition::parse(raw).ok_or_else(|| {
            Error::input(
                grid.cell_location(i, disp_col, &head[disp_col]),
                format!(
                    "holds {}; write reached, refused, no answer, busy, wrong number or not a recipient (接通, 拒访, 无人接听, 占线, 空号, 非服务对象)",
                    quote_cell(raw)
                ),
            )
        })?;
        let unit = unit_col
            .map(|c| known.check(grid.cell(i, c), grid.cell_location(i, c, &head[c])))
            .transpose()?;
        report.calls += 1;
        let Some(d) = drawn.get(&id) else {
            report.breaches.push(format!(
                "row {row}: {} was called but is not in the sample",
                mask_personal(&id)
            ));
            continue;
        };
        if let Some(unit) = unit.filter(|u| *u != d.unit) {
            report.breaches.push(format!(
                "row {row}: {} is a respondent of {} in the sample, but the log names {unit}",
                mask_personal(&id),
                d.unit
            ));
        }
        let key = (d.unit.clone(), d.category.clone());
        if disposition == Disposition::NotRecipient {
            *report.not_recipient.entry(d.unit.clone()).or_default() += 1;
        }
        if disposition.is_non_response() {
            // A lost respondent, main or reserve, may be replaced by the next reserve.
            *lost.entry(key.clone()).or_default() += 1;
        }
        if d.reserve {
            let list = reserves_called.entry(key).or_default();
            if !list.iter().any(|(_, x, _)| x == &id) {
                list.push((d.rank, id.clone(), row));
            }
        }
    }
    for ((unit, category), called) in &reserves_called {
        let first_reserve_rank = mains
            .get(&(unit.clone(), category.clone()))
            .copied()
            .unwrap_or(0)
            + 1;
        for (k, (rank, id, row)) in called.iter().enumerate() {
            let expected = first_reserve_rank + k as u64;
            if *rank != expected {
                report.breaches.push(format!(
                    "row {row}: reserve {} ({unit} / {category}) has rank {rank}, but the next reserve to call was rank {expected}: reserves must be used in ticket order",
                    mask_personal(id)
                ));
            }
        }
        let lost_here = lost
            .get(&(unit.clone(), category.clone()))
            .copied()
            .unwrap_or(0);
        if called.len() as u64 > lost_here {
            report.breaches.push(format!(
                "{unit} / {category}: {} reserves were called but only {lost_here} respondents were lost to non-response",
                called.len()
            ));
        }
    }
    Ok(report)
}
