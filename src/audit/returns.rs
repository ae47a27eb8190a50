//! Returned checklists put together: one file or several (one per township, rows in
//! any order), each checked on its own ([`super::intake::read_checklist`]), then the
//! same record returned twice with different results refused naming both files, a
//! township returned in part refused naming what is missing, and the townships no file
//! returned kept as pending.

use std::collections::BTreeMap;

use super::intake::{Intake, RecordedSelection};
use super::tally::Finding;
use crate::error::{Error, Location, Result};
use crate::i18n::{Message, msg};

/// A returned checklist: its file's name (for messages) and what it returned.
pub struct ReturnedFile {
    pub name: String,
    pub intake: Intake,
}

/// What the returned checklists hold together.
#[derive(Debug, Clone, Default)]
pub struct Returned {
    /// Findings per unit: each selected record returned, counted once; one pending
    /// finding per selected record of a unit not yet returned.
    pub findings: BTreeMap<String, Vec<Finding>>,
    /// The units selected whose rows no file returned, by name.
    pub pending: Vec<String>,
}

/// Where an audit number was first returned: file, row and finding.
struct FirstSeen<'a> {
    file: &'a str,
    row: usize,
    finding: Finding,
}

/// Puts the returned files together against their selection.
pub fn put_together(files: &[ReturnedFile], recorded: &RecordedSelection) -> Result<Returned> {
    let (seen, mut returned) = first_returns(files)?;
    let mut missing = Vec::new();
    for (unit, numbers) in selected_by_unit(recorded) {
        let absent: Vec<&str> = numbers
            .iter()
            .copied()
            .filter(|n| !seen.contains_key(n))
            .collect();
        if absent.len() == numbers.len() {
            returned.pending.push(unit.to_string());
            let pending = vec![Finding::Pending; numbers.len()];
            returned.findings.insert(unit.to_string(), pending);
        } else if !absent.is_empty() {
            let file = numbers.iter().find_map(|n| seen.get(n)).map(|f| f.file);
            missing.push((file.unwrap_or_default(), missing_line(unit, &absent)));
        }
    }
    refuse_missing(missing)?;
    Ok(returned)
}

/// Where each audit number was first returned, and the findings per unit, each record
/// counted once; a record returned again with another result refused.
fn first_returns(files: &[ReturnedFile]) -> Result<(BTreeMap<&str, FirstSeen<'_>>, Returned)> {
    let mut seen: BTreeMap<&str, FirstSeen> = BTreeMap::new();
    let mut returned = Returned::default();
    for file in files {
        for r in &file.intake.records {
            if let Some(first) = seen.get(r.audit_no.as_str()) {
                refuse_conflict(first, file, r)?;
                continue;
            }
            let first = FirstSeen {
                file: &file.name,
                row: r.row,
                finding: r.finding,
            };
            seen.insert(&r.audit_no, first);
            let unit = returned.findings.entry(r.unit.clone()).or_default();
            unit.push(r.finding);
        }
    }
    Ok((seen, returned))
}

/// Refuses an audit number returned again with another result, naming both files and
/// rows; the same result returned twice counts once.
fn refuse_conflict(
    first: &FirstSeen,
    file: &ReturnedFile,
    r: &super::tally::CheckedRecord,
) -> Result<()> {
    if first.finding == r.finding {
        return Ok(());
    }
    let at = Location::file(file.name.clone()).at_row(r.row);
    let (no, first_file, first_row) = (r.audit_no.clone(), first.file, first.row);
    Err(Error::input(
        at,
        msg!("audit-returns-conflict", no, first_file, first_row),
    ))
}

/// The audit numbers selected in each unit.
pub(super) fn selected_by_unit(recorded: &RecordedSelection) -> BTreeMap<&str, Vec<&str>> {
    let mut units: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (no, (unit, _)) in &recorded.records {
        units.entry(unit.as_str()).or_default().push(no.as_str());
    }
    units
}

/// One unit's missing audit numbers (the first 30 named).
pub(super) fn missing_line(unit: &str, absent: &[&str]) -> Message {
    let list = absent
        .iter()
        .take(30)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let count = absent.len();
    msg!("audit-returns-missing-unit", unit, count, list)
}

/// Refuses townships returned in part: every selected record of a township returned,
/// or none (then it is pending). Named in the file of the first such township.
fn refuse_missing(missing: Vec<(&str, Message)>) -> Result<()> {
    let Some(file) = missing.first().map(|(f, _)| f.to_string()) else {
        return Ok(());
    };
    let mut lines = missing.into_iter().map(|(_, m)| m).rev();
    let last = lines
        .next()
        .unwrap_or_else(|| Message::Plain(String::new()));
    let units = lines.fold(
        last,
        |tail, head| msg!("audit-lines", head => head, tail => tail),
    );
    Err(Error::input(
        Location::file(file),
        msg!("audit-returns-missing", units => units),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::tally::CheckedRecord;

    fn recorded() -> RecordedSelection {
        let rec = |unit: &str| (unit.to_string(), BTreeMap::new());
        RecordedSelection {
            columns: Vec::new(),
            collected: [("甲".to_string(), 9), ("乙".to_string(), 6)].into(),
            records: [
                ("0001".to_string(), rec("甲")),
                ("0002".to_string(), rec("甲")),
                ("0003".to_string(), rec("乙")),
            ]
            .into(),
            keyed: true,
            sample: None,
            id_column: None,
            audit_id: None,
        }
    }

    fn file(name: &str, rows: &[(&str, &str, Finding)]) -> ReturnedFile {
        let records: Vec<CheckedRecord> = rows
            .iter()
            .enumerate()
            .map(|(i, (unit, no, finding))| CheckedRecord {
                unit: unit.to_string(),
                audit_no: no.to_string(),
                row: i + 2,
                finding: *finding,
                verifier: String::new(),
                date: String::new(),
                notes: String::new(),
            })
            .collect();
        ReturnedFile {
            name: name.into(),
            intake: Intake {
                records,
                findings: BTreeMap::new(),
            },
        }
    }

    #[test]
    fn townships_not_returned_are_pending_and_the_order_does_not_matter() {
        let a = file(
            "甲.csv",
            &[
                ("甲", "0002", Finding::False),
                ("甲", "0001", Finding::Genuine),
            ],
        );
        let got = put_together(&[a], &recorded()).unwrap();
        assert_eq!(got.pending, ["乙"]);
        assert_eq!(got.findings["乙"], [Finding::Pending]);
        assert_eq!(got.findings["甲"].len(), 2);
        let b = file("乙.csv", &[("乙", "0003", Finding::Genuine)]);
        let a = file(
            "甲.csv",
            &[
                ("甲", "0001", Finding::Genuine),
                ("甲", "0002", Finding::False),
            ],
        );
        let all = put_together(&[b, a], &recorded()).unwrap();
        assert!(all.pending.is_empty());
    }

    #[test]
    fn a_record_twice_with_other_results_and_a_township_in_part_are_refused() {
        let a = file("a.csv", &[("甲", "0001", Finding::Genuine)]);
        let b = file("b.csv", &[("甲", "0001", Finding::False)]);
        let err = put_together(&[a, b], &recorded()).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("a.csv") && text.contains("b.csv"), "{text}");
        assert!(text.contains("0001"), "{text}");
        let a = file("a.csv", &[("甲", "0001", Finding::Genuine)]);
        let same = file("b.csv", &[("甲", "0001", Finding::Genuine)]);
        let err = put_together(&[a, same], &recorded()).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("甲") && text.contains("0002"), "{text}");
    }
}
