//! Checks that every row of a count table was cut into the cells its writer meant. A
//! stray quote, a stray delimiter or a thousands separator typed unquoted moves counts
//! to other columns or other rows without making any cell unreadable; these checks
//! find such rows and name them before a single count is read.

use super::grid::{Grid, SourceFormat};
use super::text::{clean, parse_count};
use crate::error::{Error, Location, Result, column_letter};

/// True when a cell holds a line break (only a quoted CSV field can).
fn has_line_break(cell: &str) -> bool {
    cell.contains(['\n', '\r'])
}

/// The location of a cell by letter alone, for rows read before the header is known.
fn cell_at(grid: &Grid, i: usize, col: usize) -> Location {
    grid.origin
        .at_row(grid.row_number(i))
        .at_column_letter(grid.first_col + col)
}

/// Refuses a CSV cell at or below row `from` that runs across lines and holds a
/// delimiter: the cells of the lines it swallowed, read as one value because a quote
/// was opened and closed too late. (Titles above the header may wrap and hold
/// commas; one that swallowed the header leaves no header to find.)
pub(super) fn reject_swallowed_rows(grid: &Grid, from: usize) -> Result<()> {
    if !matches!(grid.format, SourceFormat::Csv(_)) {
        return Ok(());
    }
    for (i, row) in grid.rows.iter().enumerate().skip(from) {
        for (c, cell) in row.iter().enumerate() {
            if has_line_break(cell) && cell.contains([',', ';', '\t']) {
                return Err(swallowed(grid, i, c, cell));
            }
        }
    }
    Ok(())
}

fn swallowed(grid: &Grid, i: usize, col: usize, cell: &str) -> Error {
    let lines = cell.matches('\n').count() + 1;
    let last = grid.row_number(i) + lines - 1;
    Error::input(
        cell_at(grid, i, col),
        crate::i18n::msg!("rows-swallowed", lines = lines, last = last),
    )
}

/// What the rows under a header must look like.
pub(super) struct RowShape<'a> {
    grid: &'a Grid,
    labels: &'a [String],
    /// The number of cells of the header row (the wider one of a two-row header).
    width: usize,
    /// Columns holding counts, in order.
    numbers: Vec<usize>,
    /// Free-text columns (备注), where a quoted line break is allowed.
    notes: Vec<usize>,
    /// Columns that have a value in some row under the header.
    in_use: Vec<bool>,
}

impl<'a> RowShape<'a> {
    /// The shape of the rows under the header at `header_row`, labelled `labels`.
    pub(super) fn new(
        grid: &'a Grid,
        header_row: usize,
        labels: &'a [String],
        mut numbers: Vec<usize>,
        notes: Vec<usize>,
    ) -> RowShape<'a> {
        let width = labels.len();
        let mut in_use = vec![false; width];
        for row in grid.rows.iter().skip(header_row + 1) {
            for (c, cell) in row.iter().enumerate().take(width) {
                in_use[c] |= !clean(cell).is_empty();
            }
        }
        numbers.sort_unstable();
        RowShape {
            grid,
            labels,
            width,
            numbers,
            notes,
            in_use,
        }
    }

    fn label(&self, col: usize) -> &str {
        match self.labels.get(col).map(String::as_str) {
            Some(l) if !l.is_empty() => l,
            _ => crate::error::NO_HEADER,
        }
    }

    /// Checks row `i`, a row of counts or of totals.
    pub(super) fn check(&self, i: usize) -> Result<()> {
        let grid = self.grid;
        let row = &grid.rows[i];
        if matches!(grid.format, SourceFormat::Csv(_))
            && let Some(c) =
                (0..row.len()).find(|&c| has_line_break(&row[c]) && !self.notes.contains(&c))
        {
            return Err(Error::input(
                grid.cell_location(i, c, self.label(c)),
                crate::i18n::msg!("rows-line-break"),
            ));
        }
        if let Some(c) = (self.width..row.len()).find(|&c| !clean(&row[c]).is_empty()) {
            return Err(self.too_many(i, c));
        }
        if row.len() < self.width {
            let missing: Vec<String> = (row.len()..self.width)
                .filter(|&c| self.in_use[c])
                .map(|c| format!("{} ({})", self.label(c), column_letter(grid.first_col + c)))
                .collect();
            if !missing.is_empty() {
                return Err(Error::input(
                    grid.origin.at_row(grid.row_number(i)),
                    crate::i18n::msg!(
                        "rows-too-few",
                        cells = row.len(),
                        width = self.width,
                        missing = missing.join(", ")
                    ),
                ));
            }
        }
        // A row as wide as the header can still hold a split number: the last count
        // pushed into a 备注 column, or a group with a leading zero, which only the
        // end of a number has. Trailing empty cells are not counted, so a split that
        // lands on one is found only by a 合计 column.
        let number_in_notes = self
            .notes
            .iter()
            .any(|&c| row.get(c).is_some_and(|v| parse_count(v).is_ok()));
        let split = if number_in_notes {
            self.split_number(i, |_| true)
        } else {
            self.split_number(i, |group| group.starts_with('0'))
        };
        match split {
            Some(c) => Err(self.split(i, c, row.len())),
            None => Ok(()),
        }
    }

    /// The first column c from the first count column on where cells c and c + 1
    /// read as one number cut at its thousands separator ("1" and "988"), the second
    /// also passing `second`.
    fn split_number(&self, i: usize, second: impl Fn(&str) -> bool) -> Option<usize> {
        let row = &self.grid.rows[i];
        let from = *self.numbers.first()?;
        let lead = |s: &str| {
            (1..=3).contains(&s.len())
                && s.bytes().all(|b| b.is_ascii_digit())
                && !s.starts_with('0')
        };
        let group = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit());
        (from..row.len().saturating_sub(1)).find(|&c| {
            let (a, b) = (clean(&row[c]), clean(&row[c + 1]));
            lead(&a) && group(&b) && second(&b)
        })
    }

    fn split(&self, i: usize, c: usize, cells: usize) -> Error {
        let row = &self.grid.rows[i];
        let (a, b) = (clean(&row[c]), clean(&row[c + 1]));
        Error::input(
            self.grid.cell_location(i, c + 1, self.label(c + 1)),
            crate::i18n::msg!(
                "rows-split-number",
                a = a,
                b = b,
                cells = cells,
                width = self.width
            ),
        )
    }

    fn too_many(&self, i: usize, c: usize) -> Error {
        let grid = self.grid;
        let row = &grid.rows[i];
        let filled = row
            .iter()
            .rposition(|v| !clean(v).is_empty())
            .map_or(0, |p| p + 1);
        if let Some(s) = self.split_number(i, |_| true).filter(|&s| s < c) {
            return self.split(i, s, row.len());
        }
        Error::input(
            grid.cell_location(i, c, crate::error::NO_HEADER),
            crate::i18n::msg!(
                "rows-too-many",
                value = crate::privacy::quote_cell(&clean(&row[c])),
                width = self.width,
                filled = filled
            ),
        )
    }
}
