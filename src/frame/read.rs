//! Reading a frame file back (as `pingyi frame` wrote it, in any format or header
//! language), for the stages that draw from it.

use super::FrameRow;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::Category;
use crate::io::alias::{Field, Input};
use crate::io::grid::Grid;
use crate::io::names::UnitNames;
use crate::io::text::{clean, parse_count};
use crate::privacy::quote_cell;

/// Reads the strata of a frame: unit, category, population, sample and reserve.
pub fn read_frame(grid: &Grid) -> Result<Vec<FrameRow>> {
    let labels: Vec<String> = grid
        .rows
        .first()
        .map(|r| r.iter().map(|c| clean(c)).collect())
        .unwrap_or_default();
    let header_loc = grid.origin.at_row(grid.first_row);
    let need = |found: Option<usize>, what: &str| {
        found.ok_or_else(|| {
            Error::input(
                header_loc.clone(),
                msg!("frame-file-missing-column", column = what),
            )
        })
    };
    let find = |field: Field| Input::Frame.find(&labels, field);
    let unit = need(find(Field::Unit), "unit (单位)")?;
    let category = need(find(Field::Category), "category (类别)")?;
    let population = need(find(Field::Population), "population (总体人数)")?;
    let sample = need(find(Field::Sample), "sample (样本量)")?;
    let reserve = find(Field::Reserve);
    let mut rows = Vec::new();
    let mut names = UnitNames::default();
    for i in 1..grid.rows.len() {
        if grid.rows[i].iter().all(|c| clean(c).is_empty()) {
            continue;
        }
        let number = |col: usize| {
            parse_count(grid.cell(i, col)).map_err(|p| {
                Error::input(
                    grid.cell_location(i, col, &labels[col]),
                    msg!(
                        "count-bad",
                        value = quote_cell(grid.cell(i, col)),
                        problem => p.describe()
                    ),
                )
            })
        };
        let unit_at = grid.cell_location(i, unit, &labels[unit]);
        let row = FrameRow {
            unit: names.key(grid.cell(i, unit), &unit_at)?,
            category: Category::from_label(grid.cell(i, category)),
            population: number(population)?,
            sample: number(sample)?,
            reserve: match reserve {
                Some(c) => number(c)?,
                None => 0,
            },
        };
        if row.sample > row.population {
            return Err(Error::input(
                grid.cell_location(i, sample, &labels[sample]),
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
        rows.push((grid.row_number(i), row));
    }
    rows.sort_by(|(_, a), (_, b)| (&a.unit, &a.category).cmp(&(&b.unit, &b.category)));
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
    let rows: Vec<FrameRow> = rows.into_iter().map(|(_, r)| r).collect();
    if rows.is_empty() {
        return Err(Error::input(grid.origin.clone(), msg!("frame-file-empty")));
    }
    Ok(rows)
}
