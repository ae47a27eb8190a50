//! Checklist intake: the recorded selection read back from its manifest, and a filled
//! checklist checked against it row by row (every selected record present once, its
//! identifying cells unchanged, a readable result) into the records verifiers returned.

use std::collections::BTreeMap;

use super::checklist::{audit_id, audit_id_column, audit_id_key};
use super::digest::recorded_cell_digest;
use super::returns::{missing_line, selected_by_unit};
use super::tally::{CheckedRecord, Finding, ResultCell};
use crate::draw::ids::{SampleIds, damage, refusal};
use crate::error::{Error, Location, Result, column_letter};
use crate::i18n::{Message, msg};
use crate::io::Grid;
use crate::io::alias::{Field, Input, is_total_label};
use crate::io::text::{clean, visible};
use crate::privacy::{quote_cell, quote_id_cell};
use crate::provenance::manifest::Manifest;
use crate::provenance::params::{Parameters, SelectedRecord};

/// The collected sample a selection was made from, as its manifest records it.
#[derive(Debug, Clone)]
pub struct RecordedSample {
    /// The path as recorded (relative to the manifest's folder).
    pub path: String,
    pub sheet: Option<String>,
    /// The recorded content digest of the collected records.
    pub content: String,
}

/// A recorded selection, as read back from its manifest.
#[derive(Debug, Clone)]
pub struct RecordedSelection {
    /// The identifying columns the checklist carries.
    pub columns: Vec<String>,
    /// Records collected per unit.
    pub collected: BTreeMap<String, u64>,
    /// By audit number: unit and the digests of the identifying cells.
    pub records: BTreeMap<String, (String, BTreeMap<String, String>)>,
    /// Whether the cell digests are keyed (this version) or plain (earlier versions).
    pub keyed: bool,
    pub sample: Option<RecordedSample>,
    pub id_column: Option<String>,
    /// The selection's 核查批次 ([`audit_id`] of the checklist it wrote).
    pub audit_id: Option<String>,
}

impl RecordedSelection {
    /// The selection a manifest records; `name` is the manifest's file, for messages.
    pub fn from_manifest(m: Manifest, name: &str) -> Result<RecordedSelection> {
        let bad = |what: Message| Error::input(Location::file(name), what);
        let sample = RecordedSample::of(&m);
        let audit_id = m
            .outputs
            .iter()
            .find(|f| f.role == "checklist")
            .map(|f| audit_id(&f.content));
        let (Parameters::AuditSelect(params), Some(sel)) = (&m.parameters, m.selection) else {
            return Err(bad(msg!("audit-not-a-selection")));
        };
        let keyed = sel
            .keyed()
            .ok_or_else(|| bad(msg!("audit-selection-damaged")))?;
        let collected = sel
            .units
            .into_iter()
            .map(|u| (u.unit, u.collected))
            .collect();
        Ok(RecordedSelection {
            columns: sel.columns,
            collected,
            records: by_audit_number(sel.records),
            keyed,
            sample,
            id_column: params.id_column.clone(),
            audit_id,
        })
    }
}

impl RecordedSample {
    /// The collected sample a manifest names as its input, if any.
    fn of(m: &Manifest) -> Option<RecordedSample> {
        m.inputs
            .iter()
            .find(|f| f.role == "sample")
            .map(|f| RecordedSample {
                path: f.path.clone(),
                sheet: f.sheet.clone(),
                content: f.content.digest.clone(),
            })
    }
}

/// Selected records by audit number: unit and the digests of the identifying cells.
fn by_audit_number(
    records: Vec<SelectedRecord>,
) -> BTreeMap<String, (String, BTreeMap<String, String>)> {
    records
        .into_iter()
        .map(|r| {
            let cells = r.cell_digests().map(|(c, _)| c.clone()).unwrap_or_default();
            (r.audit_no, (r.unit, cells))
        })
        .collect()
}

/// What a filled checklist returned: every record in checklist order, and the
/// findings per unit.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    pub records: Vec<CheckedRecord>,
    pub findings: BTreeMap<String, Vec<Finding>>,
}

/// Where a checklist's header is and which columns hold what.
struct ChecklistColumns {
    header_at: usize,
    labels: Vec<String>,
    audit_no: usize,
    result: usize,
    verifier: Option<usize>,
    date: Option<usize>,
    notes: Option<usize>,
}

impl ChecklistColumns {
    /// Finds the header (a row with 核查编号 among the first 20) and the 核查结果 column.
    fn find(grid: &Grid) -> Result<ChecklistColumns> {
        let header_at = grid
            .header_row(Input::Checklist, Field::AuditNo)
            .ok_or_else(|| {
                Error::input(grid.origin.clone(), msg!("audit-checklist-no-audit-no"))
            })?;
        crate::io::ragged::refuse_ragged_rows(grid, header_at)?;
        let labels: Vec<String> = grid.rows[header_at].iter().map(|c| clean(c)).collect();
        // Two 核查结果 columns (a re-check beside the first): which one counts would be
        // a guess.
        let at = grid.origin.at_row(grid.row_number(header_at));
        Input::Checklist.refuse_named_twice(&labels, &[Field::AuditNo, Field::AuditResult], &at)?;
        let col = |field: Field| Input::Checklist.find(&labels, field);
        let result = col(Field::AuditResult).ok_or_else(|| {
            Error::input(
                grid.origin.at_row(grid.row_number(header_at)),
                msg!("audit-checklist-no-result"),
            )
        })?;
        Ok(ChecklistColumns {
            header_at,
            audit_no: col(Field::AuditNo).unwrap_or(0),
            result,
            verifier: col(Field::Verifier),
            date: col(Field::Date),
            notes: own_notes(&labels, result),
            labels,
        })
    }

    /// Where the result column is, for messages about results.
    fn result_location(&self, grid: &Grid) -> Location {
        grid.origin
            .at_column(&self.labels[self.result], self.result)
    }
}

/// A checklist being checked against its recorded selection, row by row.
struct RowCheck<'a> {
    recorded: &'a RecordedSelection,
    key: Option<&'a [u8; 32]>,
    columns: &'a ChecklistColumns,
    /// Where the checklist differs from the selection.
    problems: Vec<Message>,
    /// Audit numbers met, with the row each was last met on.
    seen: BTreeMap<String, usize>,
    /// Rows whose identifying cells all match.
    matched: usize,
    /// Result cells that cannot be read, or read either way.
    unknown_results: Vec<Message>,
    blank_results: Vec<Message>,
    intake: Intake,
    /// The recorded audit numbers, for matching the checklist's against them.
    numbers: SampleIds,
}

impl<'a> RowCheck<'a> {
    fn new(
        recorded: &'a RecordedSelection,
        key: Option<&'a [u8; 32]>,
        columns: &'a ChecklistColumns,
    ) -> RowCheck<'a> {
        RowCheck {
            recorded,
            key,
            columns,
            problems: Vec::new(),
            seen: BTreeMap::new(),
            matched: 0,
            unknown_results: Vec::new(),
            blank_results: Vec::new(),
            intake: Intake::default(),
            numbers: SampleIds::new(recorded.records.keys().map(String::as_str)),
        }
    }

    /// Notes every recorded column the checklist no longer has.
    fn removed_columns(&mut self) {
        for c in &self.recorded.columns {
            if !self.columns.labels.iter().any(|l| l == &clean(c)) {
                self.problems.push(msg!("audit-column-removed", column = c));
            }
        }
    }

    /// Checks row `i` (blank rows skipped): its audit number once and in the selection
    /// (an audit number a spreadsheet damaged is refused with its cell), its identifying
    /// cells unchanged, its result read.
    fn row(&mut self, grid: &Grid, i: usize) -> Result<()> {
        if passed_over(grid, i, self.columns.audit_no) {
            return Ok(());
        }
        let row = grid.row_number(i);
        let col = self.columns.audit_no;
        let no = self.numbers.resolve(grid.cell(i, col), || {
            grid.cell_location(i, col, &self.columns.labels[col])
        })?;
        if let Some(first) = self.seen.insert(no.clone(), row) {
            self.problems.push(msg!(
                "audit-number-twice",
                no = no,
                first = first,
                row = row
            ));
            return Ok(());
        }
        let recorded = self.recorded;
        let Some((unit, cells)) = recorded.records.get(&no) else {
            self.problems.push(msg!(
                "audit-number-unknown",
                no = quote_id_cell(&no),
                row = row
            ));
            return Ok(());
        };
        let changed = self.changed_cells(grid, i, cells)?;
        if changed.is_empty() {
            self.matched += 1;
        } else {
            let columns = changed.join(", ");
            self.problems.push(msg!(
                "audit-cells-changed",
                no = no,
                row = row,
                columns = columns
            ));
        }
        let finding = self.finding(grid.cell(i, self.columns.result), &no, row);
        self.keep(grid, i, unit, no, finding);
        Ok(())
    }

    /// The identifying columns of row `i` whose digest differs from the recorded one
    /// (characters that print as nothing ignored); a cell a spreadsheet damaged (an ID
    /// number in scientific notation, leading zeros dropped) is refused with its cell.
    fn changed_cells(
        &self,
        grid: &Grid,
        i: usize,
        cells: &BTreeMap<String, String>,
    ) -> Result<Vec<String>> {
        let labels = &self.columns.labels;
        let mut changed = Vec::new();
        for (label, digest) in cells {
            let Some(c) = labels.iter().position(|l| l == &clean(label)) else {
                continue;
            };
            let raw = grid.cell(i, c);
            let recorded = |v: &str| &recorded_cell_digest(self.key, label, v) == digest;
            if recorded(raw) || recorded(&visible(raw)) {
                continue;
            }
            if let Some(damage) = damage(raw, recorded) {
                return Err(refusal(&damage, raw, grid.cell_location(i, c, label)));
            }
            changed.push(label.clone());
        }
        Ok(changed)
    }

    /// Reads a result, noting one left blank, one that reads either way and one that
    /// cannot be read (each pending), with its cell.
    fn finding(&mut self, result: &str, no: &str, row: usize) -> Finding {
        let cell = format!("{}{row}", column_letter(self.columns.result));
        let value = quote_cell(result);
        match Finding::read(result) {
            ResultCell::Read(Finding::Pending) => {
                self.blank_results.push(msg!("audit-result-cell", no, cell))
            }
            ResultCell::Read(f) => return f,
            ResultCell::Ambiguous => {
                self.unknown_results
                    .push(msg!("audit-result-either-way", no, cell, value))
            }
            ResultCell::Unknown => {
                self.unknown_results
                    .push(msg!("audit-result-unknown", no, cell, value))
            }
        }
        Finding::Pending
    }

    /// Keeps what the verifiers wrote for row `i`.
    fn keep(&mut self, grid: &Grid, i: usize, unit: &str, no: String, finding: Finding) {
        let text_at = |c: Option<usize>| c.map(|c| clean(grid.cell(i, c))).unwrap_or_default();
        let intake = &mut self.intake;
        intake
            .findings
            .entry(unit.to_string())
            .or_default()
            .push(finding);
        intake.records.push(CheckedRecord {
            unit: unit.to_string(),
            audit_no: no,
            row: grid.row_number(i),
            finding,
            verifier: text_at(self.columns.verifier),
            date: text_at(self.columns.date),
            notes: text_at(self.columns.notes),
        });
    }

    /// Notes, for a checklist returned alone, the selected records missing from the
    /// units it holds (a unit it does not hold at all is pending, not missing).
    fn missing_in_part(&mut self) {
        for (unit, numbers) in selected_by_unit(self.recorded) {
            let absent: Vec<&str> = numbers
                .iter()
                .copied()
                .filter(|n| !self.seen.contains_key(*n))
                .collect();
            if self.intake.findings.contains_key(unit) && !absent.is_empty() {
                self.problems.push(missing_line(unit, &absent));
            }
        }
    }

    /// Refuses a checklist that differs from its selection, saying whether it looks
    /// like a checklist of another selection altogether.
    fn refuse_differences(&self, grid: &Grid, selection_name: &str) -> Result<()> {
        if self.problems.is_empty() {
            return Ok(());
        }
        let problems = lines(self.problems.iter().take(50).cloned());
        let selection = selection_name;
        let message = if self.matched * 2 < self.seen.len() {
            msg!("audit-checklist-other-selection", selection, problems => problems)
        } else {
            msg!("audit-checklist-differs", selection, problems => problems)
        };
        Err(Error::input(grid.origin.clone(), message))
    }

    /// Refuses results that cannot be read, and blank ones unless `partial`.
    fn refuse_results(&self, grid: &Grid, partial: bool) -> Result<()> {
        if !self.unknown_results.is_empty() {
            let (count, cells) = (
                self.unknown_results.len(),
                lines(self.unknown_results.iter().cloned()),
            );
            return Err(Error::input(
                self.columns.result_location(grid),
                msg!("audit-results-unreadable", count, cells => cells),
            ));
        }
        if !self.blank_results.is_empty() && !partial {
            let count = self.blank_results.len();
            let cells = joined(
                self.blank_results.iter().take(30).cloned(),
                |head, tail| msg!("audit-list", head => head, tail => tail),
            );
            return Err(Error::input(
                self.columns.result_location(grid),
                msg!("audit-results-blank", count, cells => cells),
            ));
        }
        Ok(())
    }
}

/// Messages one to a line, indented.
fn lines(items: impl DoubleEndedIterator<Item = Message>) -> Message {
    joined(
        items,
        |head, tail| msg!("audit-lines", head => head, tail => tail),
    )
}

/// Messages joined pairwise by `join(head, tail)`.
fn joined(
    items: impl DoubleEndedIterator<Item = Message>,
    join: impl Fn(Message, Message) -> Message,
) -> Message {
    let mut items = items.rev();
    let last = items
        .next()
        .unwrap_or_else(|| Message::Plain(String::new()));
    items.fold(last, |tail, head| join(head, tail))
}

/// The checklist's own 备注: the first after 核查结果 (the verifiers' columns follow
/// it), never a roster column of the same name carried into the checklist before it.
fn own_notes(labels: &[String], result: usize) -> Option<usize> {
    Input::Checklist
        .find(&labels[result + 1..], Field::AuditNotes)
        .map(|i| i + result + 1)
}

/// Whether a table is a checklist (a 核查编号 header among its first rows).
pub fn is_checklist(grid: &Grid) -> bool {
    grid.header_row(Input::Checklist, Field::AuditNo).is_some()
}

/// The audit numbers a checklist holds (blank rows and blank numbers skipped): what
/// picks its selection among the selections of a folder.
pub fn audit_numbers(grid: &Grid) -> Result<std::collections::BTreeSet<String>> {
    let columns = ChecklistColumns::find(grid)?;
    Ok((columns.header_at + 1..grid.rows.len())
        .filter(|&i| !passed_over(grid, i, columns.audit_no))
        .map(|i| clean(grid.cell(i, columns.audit_no)))
        .filter(|no| !no.is_empty())
        .collect())
}

/// Whether row `i` holds no record: blank, or a total row a clerk added under the
/// checklist (合计 or 总计 in one of its cells and no audit number of its own, only
/// a total label there). pingyi counts the results itself.
fn passed_over(grid: &Grid, i: usize, audit_no: usize) -> bool {
    let row = &grid.rows[i];
    if row.iter().all(|c| clean(c).is_empty()) {
        return true;
    }
    let no = grid.cell(i, audit_no);
    (clean(&visible(no)).is_empty() || is_total_label(no)) && row.iter().any(|c| says_total(c))
}

/// A cell that is a total label, alone or before a colon or a space (`合计：虚假3人`).
fn says_total(cell: &str) -> bool {
    let cell = clean(&visible(cell));
    let head = cell
        .split([':', '：', ' ', '\u{3000}'])
        .next()
        .unwrap_or_default();
    is_total_label(&cell) || is_total_label(head)
}

/// The 核查批次 a checklist carries, with the cell it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistId {
    /// As the cell writes it (cleaned), for messages.
    pub id: String,
    /// As it is compared ([`audit_id_key`]).
    pub key: String,
    pub at: Location,
}

impl ChecklistId {
    /// True when this is the 核查批次 `other` (as a selection's manifest records it, or
    /// as another cell writes it), compared as ids are: a zero-width space, full-width
    /// forms or the case of its letters make no other selection.
    pub fn is(&self, other: &str) -> bool {
        self.key == audit_id_key(other)
    }
}

/// The 核查批次 of a checklist, the same on every row (`None`: a checklist written
/// before it was carried, or one without rows); a row where it is blank or differs from
/// the first row's is refused, naming both cells.
pub fn checklist_id(grid: &Grid) -> Result<Option<ChecklistId>> {
    let columns = ChecklistColumns::find(grid)?;
    let Some(col) = audit_id_column(&columns.labels) else {
        return Ok(None);
    };
    let header = columns.labels[col].clone();
    let mut first: Option<ChecklistId> = None;
    for i in columns.header_at + 1..grid.rows.len() {
        if passed_over(grid, i, columns.audit_no) {
            continue;
        }
        let (id, at) = (
            clean(grid.cell(i, col)),
            grid.cell_location(i, col, &header),
        );
        let key = audit_id_key(&id);
        match &first {
            Some(f) if f.key == key => {}
            Some(f) => return Err(id_differs(at, &id, f)),
            None if key.is_empty() => return Err(Error::input(at, msg!("audit-id-blank"))),
            None => first = Some(ChecklistId { id, key, at }),
        }
    }
    Ok(first)
}

/// A row whose 核查批次 is not the first row's.
fn id_differs(at: Location, id: &str, first: &ChecklistId) -> Error {
    let cell = cell_name(&first.at);
    let (value, first) = (quote_cell(id), first.id.clone());
    Error::input(at, msg!("audit-id-differs", value, first, cell))
}

/// A location's cell as Excel names it (H2).
pub fn cell_name(at: &Location) -> String {
    let column = at.column_index.map(column_letter).unwrap_or_default();
    format!("{column}{}", at.row.unwrap_or_default())
}

/// Checks a filled checklist against the selection recorded in `selection_name` and
/// returns what the verifiers wrote: every row it holds. Returned `alone`, a unit it
/// holds in part is refused with its other differences; one of several (a township's
/// part), [`super::returns`] puts the parts together and names what is missing. `key` is the selection's key (`None` for
/// selections of earlier versions); blank results are refused unless `partial`.
pub fn read_checklist(
    grid: &Grid,
    recorded: &RecordedSelection,
    key: Option<&[u8; 32]>,
    partial: bool,
    alone: bool,
    selection_name: &str,
) -> Result<Intake> {
    let columns = ChecklistColumns::find(grid)?;
    let mut check = RowCheck::new(recorded, key, &columns);
    check.removed_columns();
    for i in columns.header_at + 1..grid.rows.len() {
        check.row(grid, i)?;
    }
    if alone {
        check.missing_in_part();
    }
    check.refuse_differences(grid, selection_name)?;
    check.refuse_results(grid, partial)?;
    if check.intake.records.is_empty() {
        return Err(Error::input(
            grid.origin.clone(),
            msg!("audit-checklist-no-rows"),
        ));
    }
    Ok(check.intake)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::digest::keyed_cell_digest;
    use crate::io::read_grid;

    const KEY: [u8; 32] = [7; 32];

    /// A selection of records 0001 (甲, 张三) and 0002 (乙, 李四), keyed with `KEY`.
    fn recorded() -> RecordedSelection {
        let record = |unit: &str, name: &str| {
            let cells = [("姓名".to_string(), keyed_cell_digest(&KEY, "姓名", name))];
            (unit.to_string(), cells.into_iter().collect())
        };
        RecordedSelection {
            columns: vec!["姓名".into()],
            collected: [("甲".to_string(), 3), ("乙".to_string(), 2)].into(),
            records: [
                ("0001".to_string(), record("甲", "张三")),
                ("0002".to_string(), record("乙", "李四")),
            ]
            .into(),
            keyed: true,
            sample: None,
            id_column: None,
            audit_id: None,
        }
    }

    fn intake(csv: &str, partial: bool) -> Result<Intake> {
        let grid = read_grid(csv.as_bytes(), "filled.csv", None).unwrap();
        read_checklist(
            &grid,
            &recorded(),
            Some(&KEY),
            partial,
            true,
            "c.csv.manifest.json",
        )
    }

    fn refusal(csv: &str, partial: bool) -> String {
        let err = intake(csv, partial).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{err}");
        format!("{err:#}")
    }

    const HEAD: &str = "核查编号,姓名,核查结果,核查人,核查日期,备注\n";

    #[test]
    fn a_filled_checklist_returns_what_the_verifiers_wrote() {
        let csv = format!("{HEAD}0001,张三,虚假, 王核 ,2024-05-01,已核\n\n0002,李四,真实,,,\n");
        let got = intake(&csv, false).unwrap();
        assert_eq!(got.records.len(), 2);
        let r = &got.records[0];
        assert_eq!((r.unit.as_str(), r.audit_no.as_str()), ("甲", "0001"));
        assert_eq!(
            (r.finding, r.verifier.as_str(), r.notes.as_str()),
            (Finding::False, "王核", "已核")
        );
        assert_eq!(got.findings["乙"], [Finding::Genuine]);
    }

    #[test]
    fn a_total_row_added_under_the_checklist_is_passed_over() {
        for total in [
            "合计,,1,,,",
            ",合计,1,,,",
            "总计,2,,,,",
            "\u{200b},小计,,,,",
            ",合计：虚假1人,,,,",
        ] {
            let csv = format!("{HEAD}0001,张三,虚假,,,\n0002,李四,真实,,,\n{total}\n");
            let got = intake(&csv, false).unwrap_or_else(|e| panic!("{total}: {e:#}"));
            assert_eq!(got.records.len(), 2, "{total}");
        }
        // An audit number beside the label is a row, read as one (and refused here).
        let msg = refusal(
            &format!("{HEAD}0001,张三,虚假,,,\n0002,李四,真实,,,\n0003,合计,,,,\n"),
            false,
        );
        assert!(msg.contains("0003"), "{msg}");
    }

    #[test]
    fn every_difference_from_the_selection_is_named() {
        let csv = format!("{HEAD}0001,张四,真实,,,\n0001,张三,真实,,,\n0009,某,真实,,,\n");
        let msg = refusal(&csv, false);
        for needle in [
            "c.csv.manifest.json",
            "audit number 0001 (row 2): 姓名 changed",
            "audit number 0001 appears twice (rows 2 and 3)",
            "row 4: audit number '0009' is not in the selection",
        ] {
            assert!(msg.contains(needle), "{needle}: {msg}");
        }
        let msg = refusal("核查编号,核查结果\n0001,真实\n0002,真实\n", false);
        assert!(msg.contains("column 姓名 was removed or renamed"), "{msg}");
        let msg = refusal("编号,姓名\n0001,张三\n", false);
        assert!(msg.contains("no 核查编号 (audit_no) column"), "{msg}");
        let msg = refusal("核查编号,姓名\n0001,张三\n", false);
        assert!(
            msg.contains("row 1") && msg.contains("no 核查结果"),
            "{msg}"
        );
    }

    #[test]
    fn a_checklist_without_rows_is_refused() {
        let msg = refusal(&format!("{HEAD}\n,,,,,\n"), true);
        assert!(msg.contains("no rows"), "{msg}");
    }

    #[test]
    fn unreadable_and_blank_results_are_refused_blank_ones_unless_partial() {
        let msg = refusal(&format!("{HEAD}0001,张三,也许,,,\n0002,李四,,,,\n"), true);
        assert!(
            msg.contains("cannot read") && msg.contains("0001 (cell C2)"),
            "{msg}"
        );
        let blank = format!("{HEAD}0001,张三,真实,,,\n0002,李四,,,,\n");
        let msg = refusal(&blank, false);
        assert!(
            msg.contains("1 records without a result: 0002 (cell C3)"),
            "{msg}"
        );
        let got = intake(&blank, true).unwrap();
        assert_eq!(got.findings["乙"], [Finding::Pending]);
    }

    #[test]
    fn results_that_read_either_way_are_refused_each_cell_named() {
        let msg = refusal(&format!("{HEAD}0001,张三,是,,,\n0002,李四,√,,,\n"), true);
        for needle in ["2 results", "0001 (cell C2): '是'", "0002 (cell C3): '√'"] {
            assert!(msg.contains(needle), "{needle}: {msg}");
        }
    }

    #[test]
    fn the_checklists_own_notes_not_a_roster_column_of_that_name() {
        let recorded = RecordedSelection {
            columns: vec!["姓名".into(), "备注".into()],
            ..recorded()
        };
        let csv = "核查编号,姓名,备注,核查结果,核查人,核查日期,备注\n\
                   0001,张三,,虚假,,,电话空号\n0002,李四,,真实,,,\n";
        let grid = read_grid(csv.as_bytes(), "filled.csv", None).unwrap();
        let got = read_checklist(&grid, &recorded, Some(&KEY), false, true, "m").unwrap();
        assert_eq!(got.records[0].notes, "电话空号");
    }
}
