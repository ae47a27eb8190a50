//! Reading a frame file back (as `pingyi frame` wrote it, in any format or header
//! language), for the stages that draw from it.

use super::FrameRow;
use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::io::Category;
use crate::io::alias::{Field, Input, is_total_label};
use crate::io::grid::Grid;
use crate::io::names::UnitNames;
use crate::io::ragged::refuse_ragged_rows;
use crate::io::text::{clean, parse_count};
use crate::privacy::quote_cell;

/// How many rows at the top of a frame file may hold a title before its header.
const TITLE_ROWS: usize = 5;

/// Where a frame file's columns are (reserve is optional), and its header row.
struct FrameColumns {
    header: usize,
    labels: Vec<String>,
    unit: usize,
    category: usize,
    population: usize,
    sample: usize,
    reserve: Option<usize>,
}

impl FrameColumns {
    /// Finds the columns in the header row (the first row naming a unit column: a
    /// printed workbook has a title above it), or names the one missing.
    fn find(grid: &Grid) -> Result<FrameColumns> {
        let labels_of = |i: usize| -> Vec<String> {
            grid.rows
                .get(i)
                .map(|r| r.iter().map(|c| clean(c)).collect())
                .unwrap_or_default()
        };
        let header = (0..grid.rows.len().min(TITLE_ROWS + 1))
            .find(|&i| Input::Frame.find(&labels_of(i), Field::Unit).is_some())
            .unwrap_or(0);
        let labels = labels_of(header);
        let header_loc = grid.origin.at_row(grid.row_number(header));
        let find = |field: Field, what: &str| {
            Input::Frame.find(&labels, field).ok_or_else(|| {
                Error::input(
                    header_loc.clone(),
                    msg!("frame-file-missing-column", column = what),
                )
            })
        };
        Ok(FrameColumns {
            unit: find(Field::Unit, "unit (单位)")?,
            category: find(Field::Category, "category (类别)")?,
            population: find(Field::Population, "population (总体人数)")?,
            sample: find(Field::Sample, "sample (样本量)")?,
            reserve: Input::Frame.find(&labels, Field::Reserve),
            header,
            labels,
        })
    }

    /// Whether row `i` is the 合计 row of a printed workbook: a total label for unit
    /// and no category.
    fn is_totals(&self, grid: &Grid, i: usize) -> bool {
        is_total_label(grid.cell(i, self.unit)) && clean(grid.cell(i, self.category)).is_empty()
    }

    /// The whole number in row `i`, column `col`.
    fn number(&self, grid: &Grid, i: usize, col: usize) -> Result<u64> {
        parse_count(grid.cell(i, col)).map_err(|p| {
            Error::input(
                grid.cell_location(i, col, &self.labels[col]),
                msg!(
                    "count-bad",
                    value = quote_cell(grid.cell(i, col)),
                    problem => p.describe()
                ),
            )
        })
    }

    /// The stratum in row `i`, checked.
    fn row(&self, grid: &Grid, i: usize, names: &mut UnitNames) -> Result<FrameRow> {
        let unit_at = grid.cell_location(i, self.unit, &self.labels[self.unit]);
        let row = FrameRow {
            unit: names.key(grid.cell(i, self.unit), &unit_at)?,
            category: Category::from_label(grid.cell(i, self.category)),
            population: self.number(grid, i, self.population)?,
            sample: self.number(grid, i, self.sample)?,
            reserve: match self.reserve {
                Some(c) => self.number(grid, i, c)?,
                None => 0,
            },
        };
        if row.sample > row.population {
            return Err(Error::input(
                grid.cell_location(i, self.sample, &self.labels[self.sample]),
                msg!(
                    "frame-file-sample-above-population",
                    sample = row.sample,
                    population = row.population
                ),
            ));
        }
        if row.unit.is_empty() {
            return Err(Error::input(unit_at, msg!("counts-unit-empty")));
        }
        Ok(row)
    }
}

/// Reads the strata of a frame: unit, category, population, sample and reserve. A CSV
/// row with fewer fields than its header or a value past it is refused, as in every
/// table (a frame edited by hand is as easily cut by a line break as any other).
pub fn read_frame(grid: &Grid) -> Result<Vec<FrameRow>> {
    let columns = FrameColumns::find(grid)?;
    refuse_ragged_rows(grid, columns.header)?;
    let mut rows = Vec::new();
    let mut names = UnitNames::default();
    for i in columns.header + 1..grid.rows.len() {
        if grid.rows[i].iter().all(|c| clean(c).is_empty()) || columns.is_totals(grid, i) {
            continue;
        }
        rows.push((grid.row_number(i), columns.row(grid, i, &mut names)?));
    }
    rows.sort_by(|(_, a), (_, b)| (&a.unit, &a.category).cmp(&(&b.unit, &b.category)));
    refuse_repeated_strata(grid, &rows)?;
    let rows: Vec<FrameRow> = rows.into_iter().map(|(_, r)| r).collect();
    if rows.is_empty() {
        return Err(Error::input(grid.origin.clone(), msg!("frame-file-empty")));
    }
    Ok(rows)
}

/// Refuses a stratum given twice (`rows` sorted by stratum, with their row numbers).
fn refuse_repeated_strata(grid: &Grid, rows: &[(usize, FrameRow)]) -> Result<()> {
    for pair in rows.windows(2) {
        let ((first, a), (second, b)) = (&pair[0], &pair[1]);
        if a.unit == b.unit && a.category == b.category {
            let (first, second) = (first.min(second), first.max(second));
            return Err(Error::input(
                grid.origin.at_row(*second),
                msg!(
                    "frame-file-stratum-twice",
                    unit = a.unit,
                    category = a.category.zh(),
                    row = first
                ),
            ));
        }
    }
    Ok(())
}

/// A cell of a frame file unlike the frame expected there: where it is, what it holds
/// and what the expected frame has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellDifference {
    pub location: Location,
    pub found: String,
    pub expected: String,
}

/// The cells (population, sample, reserve) of a frame file that differ from the frame
/// `expected`, stratum by stratum, at most `limit`; strata the file lacks or adds are
/// left to the comparison of contents.
pub fn compare_cells(
    grid: &Grid,
    expected: &[FrameRow],
    limit: usize,
) -> Result<Vec<CellDifference>> {
    let columns = FrameColumns::find(grid)?;
    let mut out = Vec::new();
    for i in columns.header + 1..grid.rows.len() {
        let unit = clean(grid.cell(i, columns.unit));
        let category = Category::from_label(grid.cell(i, columns.category));
        let Some(want) = expected
            .iter()
            .find(|r| r.unit == unit && r.category == category)
        else {
            continue;
        };
        let cells = [
            (Some(columns.population), want.population),
            (Some(columns.sample), want.sample),
            (columns.reserve, want.reserve),
        ];
        for (col, value) in cells {
            let Some(col) = col else { continue };
            let text = grid.cell(i, col);
            if parse_count(text).ok() != Some(value) {
                out.push(CellDifference {
                    location: grid.cell_location(i, col, &columns.labels[col]),
                    found: quote_cell(text),
                    expected: value.to_string(),
                });
            }
        }
    }
    out.truncate(limit);
    Ok(out)
}
