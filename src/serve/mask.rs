//! The cells of a sheet the workbench shows, masked by what their column holds (names
//! `张*`, identifiers kept at their ends, codes pingyi makes as they are) where the
//! header tells it, and by their digits elsewhere.

use crate::audit::checklist::AUDIT_ID_HEADERS;
use crate::draw::DRAW_COLUMNS;
use crate::io::Grid;
use crate::io::alias::{Field, Input};
use crate::privacy::{Holds, MaskPolicy, is_name_header};

/// The tables a sheet shown may be, in the order their headers are looked up.
const INPUTS: [Input; 5] = [
    Input::Roster,
    Input::Sample,
    Input::Checklist,
    Input::CallLog,
    Input::Responses,
];

/// What a column headed `header` holds, if pingyi knows the header.
fn holds(header: &str) -> Option<Holds> {
    let h = header.trim();
    if is_name_header(h) {
        return Some(Holds::Name);
    }
    let made = DRAW_COLUMNS.iter().any(|c| c.key == h || c.zh == h);
    if made || AUDIT_ID_HEADERS.contains(&h) {
        return Some(Holds::Code);
    }
    let field = INPUTS.iter().find_map(|i| i.field(h))?;
    Some(match field {
        Field::Id | Field::IdNumber | Field::Phone | Field::Respondent => Holds::Identifier,
        Field::Unit => Holds::Unit,
        Field::AuditNo | Field::StratumRank | Field::Role | Field::Weight => Holds::Code,
        _ => Holds::Text,
    })
}

/// The header row (the first of the first 20 rows with a header pingyi knows) and what
/// each of its columns holds.
fn header(grid: &Grid) -> Option<(usize, Vec<Holds>)> {
    let at = grid
        .rows
        .iter()
        .take(20)
        .position(|r| r.iter().any(|c| holds(c).is_some()))?;
    let kinds = grid.rows[at]
        .iter()
        .map(|c| holds(c).unwrap_or(Holds::Text));
    Some((at, kinds.collect()))
}

/// The first `n` rows of `grid`, each cell masked under `policy` by what its column
/// holds (the header row as it is).
pub fn masked_rows(grid: &Grid, n: usize, policy: &MaskPolicy) -> Vec<Vec<String>> {
    let found = header(grid);
    let kind = |i: usize, c: usize| match &found {
        Some((at, _)) if i == *at => Holds::Code,
        Some((at, kinds)) if i > *at => kinds.get(c).copied().unwrap_or(Holds::Text),
        _ => Holds::Text,
    };
    grid.rows
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, r)| {
            let cells = r.iter().enumerate();
            cells
                .map(|(c, v)| match kind(i, c) {
                    // a totals row's label (合计) in a column of names is no name
                    Holds::Name if crate::io::alias::is_total_label(v) => v.clone(),
                    k => policy.mask_as(k, v),
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            origin: crate::error::Location::file("roster.csv"),
            format: crate::io::grid::SourceFormat::Workbook,
            first_row: 1,
            first_col: 0,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            text_numbers: Vec::new(),
        }
    }

    #[test]
    fn a_roster_and_a_checklist_are_masked_by_column() {
        let g = grid(&[
            &["青石县 花名册 13812345678"],
            &[
                "编号",
                "乡镇",
                "姓名",
                "身份证号",
                "联系电话",
                "核查批次",
                "随机票号",
            ],
            &[
                "430121202300001",
                "东岗镇",
                "丁成红",
                "11010519491231002X",
                "13812345678",
                "HC-012345678901",
                "0.00001061172729941194",
            ],
        ]);
        let rows = masked_rows(&g, 200, &MaskPolicy::default());
        assert_eq!(rows[0], ["青石县 花名册 138****5678"]);
        assert_eq!(rows[1], g.rows[1]);
        assert_eq!(
            rows[2],
            [
                "430121*****0001",
                "东岗镇",
                "丁**",
                "110105********002X",
                "138****5678",
                "HC-012345678901",
                "0.00001061172729941194",
            ]
        );
    }
}
