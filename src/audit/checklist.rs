//! The checklist verifiers fill in, with the identity of its selection (核查批次) in a
//! column of every row and in the workbook's title, and the selection as its manifest
//! records it (keyed digests of identifying cells, never the cells themselves).

use super::Selection;
use super::digest::keyed_cell_digest;
use crate::draw::ids::id_key;
use crate::io::digest::ContentDigest;
use crate::io::text::match_key;
use crate::io::{Cell, ColumnKind, ColumnSpec, OutputTable};
use crate::provenance::params::{SelectedRecord, SelectedUnit, SelectionRecord};

/// The values of the result drop-down.
pub const RESULT_CHOICES: [&str; 3] = ["真实", "虚假", "无法核实"];

/// The headers of the column that carries the selection's identity (核查批次).
pub const AUDIT_ID_HEADERS: [&str; 2] = ["核查批次", "audit_id"];

/// How many hex digits of the checklist's content digest make its 核查批次.
const AUDIT_ID_LEN: usize = 12;

/// The identity of a selection (核查批次): `HC-` and the first hex digits of its
/// checklist's content digest, which is keyed with the selection's key (no personal
/// data, and nothing anyone without the sample can search). The letters in front keep
/// Excel from reading it as a number (`123456789012`, `1234567890e1`) when a returned
/// CSV is opened and saved again. A checklist carries it; the selection's manifest
/// records the whole digest.
pub fn audit_id(checklist: &ContentDigest) -> String {
    let digits: String = checklist.digest.chars().take(AUDIT_ID_LEN).collect();
    format!("HC-{digits}")
}

/// The form in which a 核查批次 is compared, as ids are ([`id_key`]: what prints as
/// nothing, spaces of any width and full-width forms ignored), with an identity's
/// letters in one case: `HC-` and its hex digits in lower case, as [`audit_id`] writes
/// them. Anything else is compared as that key.
pub fn audit_id_key(raw: &str) -> String {
    let key = id_key(raw);
    let Some(digits) = key
        .get(3..)
        .filter(|_| key[..3].eq_ignore_ascii_case("HC-"))
    else {
        return key;
    };
    if digits.len() == AUDIT_ID_LEN && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        format!("HC-{}", digits.to_ascii_lowercase())
    } else {
        key
    }
}

/// The title of a checklist workbook (its first row and printed page header).
pub fn checklist_title(audit_id: &str) -> String {
    format!("核查清单 · 内部资料，不得外传 · 核查批次 {audit_id}")
}

/// The column of `labels` that carries the 核查批次, if any (checklists written before
/// it was carried have none).
pub fn audit_id_column(labels: &[String]) -> Option<usize> {
    labels.iter().position(|l| {
        AUDIT_ID_HEADERS
            .iter()
            .any(|h| match_key(h) == match_key(l))
    })
}

/// The columns of a checklist: audit number, the identifying columns, the four the
/// verifiers fill in, then the 核查批次; with the index of the result column.
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
        ColumnSpec::new("audit_id", "核查批次", ColumnKind::Text),
    ]);
    (columns, result_col)
}

/// The checklist of a selection: one row per selected record, the verifiers' columns
/// empty, a drop-down of [`RESULT_CHOICES`] on the result, and the selection's
/// [`audit_id`] on every row (so a township's rows copied out keep it).
pub fn checklist_table(labels: &[String], selection: &Selection, audit_id: &str) -> OutputTable {
    let (columns, result_col) = checklist_columns(labels);
    let rows = selection
        .selected
        .iter()
        .map(|s| {
            let mut row = vec![Cell::Text(s.audit_no.clone())];
            row.extend(s.record.cells.iter().map(|c| Cell::Text(c.clone())));
            row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
            row.push(Cell::Text(audit_id.to_string()));
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

#[cfg(test)]
mod tests {
    use super::audit_id_key;

    #[test]
    fn audit_ids_are_compared_as_ids_are() {
        let id = "HC-32f0eb87173e";
        for typed in [
            "HC-32f0eb87173e",
            "\u{200b}HC-32f0eb87173e",
            "ＨＣ－３２ｆ０ｅｂ８７１７３ｅ",
            "hc-32F0EB87173E",
            " HC- 32f0eb87173e\u{3000}",
        ] {
            assert_eq!(audit_id_key(typed), id, "{typed}");
        }
        for other in [
            "HC-32f0eb87173f",
            "HC-32f0eb87173",
            "HX-32f0eb87173e",
            "",
            "韩",
        ] {
            assert_ne!(audit_id_key(other), id, "{other}");
        }
        // Not an identity: compared as typed, apart from what ids ignore.
        assert_eq!(audit_id_key("批次\u{200b}1"), "批次1");
    }
}
