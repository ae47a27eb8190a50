//! Rows of a CSV table with as many fields as their header. A line break typed inside
//! an unquoted cell cuts one record into two short rows, a missing delimiter makes a
//! row short and a stray one long; each leaves every cell readable while moving or
//! blanking some, so every reader of a table refuses such rows with this one check.
//! (A workbook's rows are as wide as its sheet and never ragged.)

use super::grid::{Grid, SourceFormat};
use super::text::clean;
use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::privacy::quote_cell;

/// The fields a row under the header `labels` must have: up to its last named column
/// (empty fields written after the last name ask nothing of the rows).
pub fn header_width<S: AsRef<str>>(labels: &[S]) -> usize {
    labels
        .iter()
        .rposition(|l| !clean(l.as_ref()).is_empty())
        .map_or(0, |p| p + 1)
}

/// The error for a row (at `at`, not blank) of `count` fields under the header
/// `labels` when it has fewer fields than the header names, located at its first
/// missing cell.
pub fn short_row<S: AsRef<str>>(labels: &[S], at: &Location, count: usize) -> Option<Error> {
    // Most rows are as wide as their header: one comparison decides.
    if count >= labels.len() {
        return None;
    }
    let width = header_width(labels);
    if count >= width {
        return None;
    }
    Some(Error::input(
        at.at_column(labels[count].as_ref(), count),
        msg!("rows-short-row", cells = count, width = width),
    ))
}

/// The error for a row (at `at`) with a value beyond the `width` columns of its header
/// (a stray delimiter or quote, which would otherwise drop the value unseen), if it
/// has one; empty fields beyond the header are fine.
pub fn extra_field<C: AsRef<str>>(width: usize, at: &Location, cells: &[C]) -> Option<Error> {
    let c = (width..cells.len()).find(|&c| !is_blank(cells[c].as_ref()))?;
    Some(Error::input(
        at.at_column(crate::error::NO_HEADER, c),
        msg!(
            "draw-cell-without-header",
            value = quote_cell(super::text::trim(cells[c].as_ref())),
            width = width
        ),
    ))
}

/// True when a cell holds nothing but spaces (what [`clean`] makes empty).
pub fn is_blank(cell: &str) -> bool {
    cell.chars()
        .all(|c| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// The error for a row that is neither blank nor as wide as the header `labels`.
pub fn ragged_row<L: AsRef<str>, C: AsRef<str>>(
    labels: &[L],
    at: &Location,
    cells: &[C],
) -> Option<Error> {
    if cells.iter().all(|c| is_blank(c.as_ref())) {
        return None;
    }
    extra_field(labels.len(), at, cells).or_else(|| short_row(labels, at, cells.len()))
}

/// Refuses the first row below the header `grid.rows[header]` of a CSV table whose
/// field count differs from the header's (blank rows and trailing empty fields
/// excepted), naming its row and column.
pub fn refuse_ragged_rows(grid: &Grid, header: usize) -> Result<()> {
    if !matches!(grid.format, SourceFormat::Csv(_)) {
        return Ok(());
    }
    let Some(labels) = grid.rows.get(header) else {
        return Ok(());
    };
    for (i, row) in grid.rows.iter().enumerate().skip(header + 1) {
        let at = grid.origin.at_row(grid.row_number(i));
        if let Some(e) = ragged_row(labels, &at, row) {
            return Err(e);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Grid {
        super::super::read_grid(text.as_bytes(), "t.csv", None).unwrap()
    }

    #[test]
    fn short_and_long_rows_are_named_blank_and_trailing_empty_ones_pass() {
        let e = refuse_ragged_rows(&grid("a,b,c\n1,2,3\n4,5\n"), 0).unwrap_err();
        assert!(e.to_string().contains("row 3"), "{e}");
        assert!(e.to_string().contains("c (C)"), "{e}");
        let e = refuse_ragged_rows(&grid("a,b,c\n1,2,3,x\n"), 0).unwrap_err();
        assert!(e.to_string().contains("row 2"), "{e}");
        assert!(refuse_ragged_rows(&grid("a,b,c,,\n1,2,3\n\n,,\n4,5,6,,\n"), 0).is_ok());
        // Rows above the header (a title) are not the table's.
        assert!(refuse_ragged_rows(&grid("title\na,b,c\n1,2,3\n"), 1).is_ok());
    }

    #[test]
    fn the_width_is_the_last_named_column() {
        assert_eq!(header_width(&["a", "", "c", " ", ""]), 3);
        assert_eq!(header_width::<&str>(&[]), 0);
        let at = Location::file("t.csv").at_row(2);
        assert!(short_row(&["a", "b", ""], &at, 2).is_none());
        assert!(short_row(&["a", "b", ""], &at, 1).is_some());
    }
}
