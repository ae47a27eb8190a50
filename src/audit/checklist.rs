//! The checklist verifiers fill in, and the selection as its manifest records it
//! (keyed digests of identifying cells, never the cells themselves).

use super::Selection;
use super::digest::keyed_cell_digest;
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable};
use crate::provenance::params::{SelectedRecord, SelectedUnit, SelectionRecord};

/// The values of the result drop-down.
pub const RESULT_CHOICES: [&str; 3] = ["真实", "虚假", "无法核实"];

/// The columns of a checklist: audit number, the identifying columns, then the four
/// the verifiers fill in; with the index of the result column.
fn checklist_columns(labels: &[String]) -> (Vec<ColumnSpec>, usize) {
    let mut columns = vec![ColumnSpec::new("audit_no", "核查编号", ColumnKind::Text)];
    columns.extend(
        labels
            .iter()
            .map(|l| ColumnSpec::named(l, ColumnKind::Text)),
    );
    let result_col = columns.len();
    columns.extend([
        ColumnSpec::new("result", "核查结果", ColumnKind::Text),
        ColumnSpec::new("verifier", "核查人", ColumnKind::Text),
        ColumnSpec::new("date", "核查日期", ColumnKind::Text),
        ColumnSpec::new("notes", "备注", ColumnKind::Text),
    ]);
    (columns, result_col)
}

/// The checklist of a selection: one row per selected record, the verifiers' columns
/// empty, a drop-down of [`RESULT_CHOICES`] on the result.
pub fn checklist_table(labels: &[String], selection: &Selection) -> OutputTable {
    let (columns, result_col) = checklist_columns(labels);
    let rows = selection
        .selected
        .iter()
        .map(|s| {
            let mut row = vec![Cell::Text(s.audit_no.clone())];
            row.extend(s.record.cells.iter().map(|c| Cell::Text(c.clone())));
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
            row
        })
        .collect();
    OutputTable {
        sheet: "核查清单".to_string(),
        columns,
        rows,
        choices: vec![(
            result_col,
            RESULT_CHOICES.iter().map(|s| s.to_string()).collect(),
        )],
    }
}

/// The selection as the manifest records it: per unit counts, and per record its
/// audit number, unit, category and keyed digests of its identifying cells (no
/// personal data in clear, and no digest anyone without the sample can search).
pub fn selection_record(
    labels: &[String],
    selection: &Selection,
    key: &[u8; 32],
) -> SelectionRecord {
    let units = selection
        .units
        .iter()
        .map(|u| SelectedUnit {
            unit: u.unit.clone(),
            collected: u.collected,
            selected: u.selected,
        })
        .collect();
    let records = selection
        .selected
        .iter()
        .map(|s| SelectedRecord {
            audit_no: s.audit_no.clone(),
            unit: s.record.unit.clone(),
            category: s.record.category.key().to_string(),
            id_sha256: None,
            cells_keyed: Some(
                labels
                    .iter()
                    .zip(&s.record.cells)
                    .map(|(l, v)| (l.clone(), keyed_cell_digest(key, l, v)))
                    .collect(),
            ),
            cells: None,
        })
        .collect();
    SelectionRecord {
        columns: labels.to_vec(),
        units,
        records,
    }
}
