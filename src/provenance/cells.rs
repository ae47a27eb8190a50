//! Naming the cells of an output edited by hand: the file as it is now, cell by cell
//! against the same output written again from its inputs, each change told with its
//! sheet, row and column (header and letter), what the cell holds and what it should,
//! personal values masked.

use crate::error::Location;
use crate::io::{Grid, read_grid};
use crate::privacy::{is_name_header, policy, quote_cell};

/// One cell of a file that differs from the output written again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellChange {
    pub location: Location,
    /// What the cell holds now, quoted and masked.
    pub found: String,
    /// What the output written again holds there, quoted and masked.
    pub expected: String,
}

/// The cells of `file` unlike those of `expected` (the same output written again), row
/// by row, at most `limit`, and how many differ in all. Files of different lengths (rows
/// added or deleted) are left to the comparison of contents: `None`.
pub fn changed_cells(
    file: &Grid,
    expected: &Grid,
    limit: usize,
) -> Option<(Vec<CellChange>, usize)> {
    if file.rows.len() != expected.rows.len() || file.first_row != expected.first_row {
        return None;
    }
    let header = header_row(expected);
    let mut changes = Vec::new();
    let mut total = 0;
    for (i, (now, want)) in file.rows.iter().zip(&expected.rows).enumerate() {
        for col in 0..now.len().max(want.len()) {
            let (found, should) = (file.cell(i, col), expected.cell(i, col));
            if found == should {
                continue;
            }
            total += 1;
            if changes.len() < limit {
                let head = header.map(|h| expected.cell(h, col)).unwrap_or("");
                changes.push(CellChange {
                    location: file.cell_location(i, col, head),
                    found: shown(head, found),
                    expected: shown(head, should),
                });
            }
        }
    }
    Some((changes, total))
}

/// The changes of `file` against the closest of `written` (the same output written
/// again, in the languages it may have been written in), each read at `sheet` as
/// `file` was: the fewest cells changed, at most `limit` named.
pub fn closest_changes(
    file: &Grid,
    written: &[Vec<u8>],
    sheet: Option<&str>,
    limit: usize,
) -> Option<(Vec<CellChange>, usize)> {
    let name = file.origin.file.clone().unwrap_or_default();
    written
        .iter()
        .filter_map(|bytes| read_grid(bytes, &name, sheet).ok())
        .filter_map(|again| changed_cells(file, &again, limit))
        .min_by_key(|(_, total)| *total)
}

/// The header row of an output: the first with more than one cell filled (a title row
/// above it holds one).
fn header_row(grid: &Grid) -> Option<usize> {
    grid.rows
        .iter()
        .take(20)
        .position(|r| r.iter().filter(|c| !c.trim().is_empty()).count() > 1)
}

/// A cell's value as a message shows it: quoted, a name masked as shared outputs mask
/// names, ID numbers and phones masked wherever they are.
fn shown(header: &str, value: &str) -> String {
    if is_name_header(header) && !value.trim().is_empty() {
        return quote_cell(&policy().mask_name(value.trim()));
    }
    quote_cell(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Grid {
        read_grid(text.as_bytes(), "t.csv", None).unwrap()
    }

    #[test]
    fn an_edited_cell_is_named_with_its_header_and_letter() {
        let was = grid("单位,姓名,身份证号,扣分\n甲镇,张三,110101199003071234,0.5\n");
        let now = grid("单位,姓名,身份证号,扣分\n甲镇,李四,110101199003071235,0\n");
        let (changes, total) = changed_cells(&now, &was, 50).unwrap();
        assert_eq!(total, 3);
        let at: Vec<String> = changes.iter().map(|c| c.location.to_string()).collect();
        assert_eq!(at[0], "t.csv, row 2, column 姓名 (B)");
        assert_eq!(at[2], "t.csv, row 2, column 扣分 (D)");
        assert_eq!(
            (changes[0].found.as_str(), changes[0].expected.as_str()),
            ("'李*'", "'张*'")
        );
        assert!(
            !changes[1].found.contains("199003071235"),
            "{:?}",
            changes[1]
        );
        assert_eq!(
            (changes[2].found.as_str(), changes[2].expected.as_str()),
            ("'0'", "'0.5'")
        );
    }

    #[test]
    fn unchanged_files_have_no_changes_and_other_lengths_are_not_compared() {
        let was = grid("a,b\n1,2\n");
        assert_eq!(changed_cells(&was, &was, 50), Some((Vec::new(), 0)));
        assert_eq!(changed_cells(&grid("a,b\n1,2\n3,4\n"), &was, 50), None);
    }
}
