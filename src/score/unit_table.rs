//! A table with a unit column (responses, inspection scores, findings, disqualified
//! units), already read: where its header is, which column is which, its data rows, and
//! every unit it names checked against the evaluated units.

use crate::error::{Error, Location, Result};
use crate::i18n::{Message, msg};
use crate::io::alias::{Field, Input, is_total_label};
use crate::io::digest::ContentDigest;
use crate::io::grid::Grid;
use crate::io::text::clean;
use crate::privacy::quote_cell;

use super::KnownUnits;

/// The fields of the score's tables that carry what is scored: each must be one column.
const VALUE_FIELDS: &[Field] = &[
    Field::Unit,
    Field::Satisfaction,
    Field::Misconduct,
    Field::Disposition,
    Field::Inspection,
    Field::FalseFound,
    Field::Reason,
];

/// A table with a unit column: its kind, grid, header row and labels.
#[derive(Debug, Clone)]
pub struct UnitTable {
    kind: Input,
    grid: Grid,
    header: usize,
    labels: Vec<String>,
    unit: usize,
}

impl UnitTable {
    /// Finds the header (a row naming the unit column, among the first 20) of `grid`,
    /// read as a table of `kind`.
    pub fn new(grid: Grid, kind: Input) -> Result<UnitTable> {
        let header = grid
            .rows
            .iter()
            .take(20)
            .position(|r| r.iter().any(|c| kind.field(c) == Some(Field::Unit)))
            .ok_or_else(|| Error::input(grid.origin.clone(), msg!("score-no-unit-column")))?;
        crate::io::ragged::refuse_ragged_rows(&grid, header)?;
        let labels: Vec<String> = grid.rows[header].iter().map(|c| clean(c)).collect();
        // A value read from the first of two columns that name it (an old 满意度 kept
        // beside 总体满意度, 检查评估(初评) beside 检查评估) would score the wrong one.
        let at = grid.origin.at_row(grid.row_number(header));
        kind.refuse_named_twice(&labels, VALUE_FIELDS, &at)?;
        let unit = kind.find(&labels, Field::Unit).unwrap_or(0);
        Ok(UnitTable {
            kind,
            grid,
            header,
            labels,
            unit,
        })
    }

    /// The grid the table was read from.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// The column of `field`, or an error naming the header row and the column's names.
    pub fn column(&self, field: Field, what: Message) -> Result<usize> {
        self.position(field).ok_or_else(|| {
            let names = field.aliases();
            let names = names[..names.len().min(3)].join(", ");
            Error::input(
                self.header_location(),
                msg!("score-column-missing", what => what, names),
            )
        })
    }

    /// The first column that names `field` in this kind of table.
    pub fn position(&self, field: Field) -> Option<usize> {
        self.kind.find(&self.labels, field)
    }

    /// The first column headed exactly as one of `names` (a header pingyi itself writes,
    /// not one of the alias table's).
    pub fn labelled(&self, names: &[&str]) -> Option<usize> {
        self.labels.iter().position(|l| names.contains(&l.as_str()))
    }

    /// The first column whose label names one of `fields`.
    pub fn position_of_any(&self, fields: &[Field]) -> Option<usize> {
        self.labels
            .iter()
            .position(|l| self.kind.field(l).is_some_and(|f| fields.contains(&f)))
    }

    /// The index of the header row in the grid.
    pub fn header_row_index(&self) -> usize {
        self.header
    }

    /// The header row, for a message about a missing column.
    pub fn header_location(&self) -> Location {
        self.grid.origin.at_row(self.grid.row_number(self.header))
    }

    /// The unit column.
    pub fn unit_column(&self) -> usize {
        self.unit
    }

    /// The text of a cell.
    pub fn cell(&self, i: usize, col: usize) -> &str {
        self.grid.cell(i, col)
    }

    /// Data rows: (row index, unit).
    pub fn rows(&self) -> impl Iterator<Item = (usize, String)> + '_ {
        (self.header + 1..self.grid.rows.len()).filter_map(|i| {
            let unit = clean(self.grid.cell(i, self.unit));
            (!unit.is_empty()).then_some((i, unit))
        })
    }

    /// Where a cell is, for a message.
    pub fn loc(&self, i: usize, col: usize) -> Location {
        self.grid.cell_location(i, col, &self.labels[col])
    }

    /// The content of the table: its data rows, in any order; `keyed` as this version
    /// records it ([`ContentDigest::of_keyed`]: a unit of one respondent cannot be
    /// searched for), or not, as manifests written before did.
    pub fn content(&self, keyed: bool) -> ContentDigest {
        let rows = self
            .rows()
            .map(|(i, unit)| (unit, String::new(), self.grid.rows[i].clone()));
        match keyed {
            true => ContentDigest::of_keyed(rows),
            false => ContentDigest::of(rows),
        }
    }

    /// Data rows with their unit checked against the evaluated units: (row index, the
    /// unit's name as the list of units writes it).
    pub fn checked_rows(&self, known: &KnownUnits) -> Result<Vec<(usize, String)>> {
        self.check_layout()?;
        self.rows()
            .filter(|(i, _)| !is_total_label(self.grid.cell(*i, self.unit)))
            .map(|(i, _)| {
                let cell = self.grid.cell(i, self.unit);
                if crate::io::alias::is_summary_label(cell) {
                    let label = clean(cell);
                    return Err(Error::input(
                        self.loc(i, self.unit),
                        msg!("input-summary-row", label),
                    ));
                }
                Ok((i, known.check(cell, self.loc(i, self.unit))?))
            })
            .collect()
    }

    /// Refuses a data row that would otherwise be dropped unseen: a value under one of
    /// the table's fields in a row whose unit cell is blank (a merged or lost cell).
    /// (A row cut into more or fewer fields than the header is refused on reading.)
    fn check_layout(&self) -> Result<()> {
        for i in self.header + 1..self.grid.rows.len() {
            if clean(self.grid.cell(i, self.unit)).is_empty() {
                self.check_unit_given(i)?;
            }
        }
        Ok(())
    }

    /// Refuses row `i`, whose unit is blank, if a column of the table's fields has a
    /// value in it.
    fn check_unit_given(&self, i: usize) -> Result<()> {
        let row = &self.grid.rows[i];
        let Some(c) = (0..row.len().min(self.labels.len())).find(|&c| {
            c != self.unit
                && self.kind.field(&self.labels[c]).is_some()
                && !clean(&row[c]).is_empty()
        }) else {
            return Ok(());
        };
        Err(Error::input(
            self.loc(i, self.unit),
            msg!(
                "input-row-without-unit",
                value = quote_cell(&row[c]),
                column = self.labels[c].clone()
            ),
        ))
    }

    /// The units the table lists, as the list of evaluated units when no other is given
    /// (every evaluated unit has an inspection score).
    pub fn known_units(&self) -> Result<KnownUnits> {
        let names = self
            .rows()
            .filter(|(_, u)| !is_total_label(u))
            .map(|(i, _)| self.grid.cell(i, self.unit).to_string());
        let known = KnownUnits::new(self.grid.origin.file.clone().unwrap_or_default(), names);
        if known.is_empty() {
            return Err(Error::input(
                self.grid.origin.clone(),
                msg!("score-inspection-no-units"),
            ));
        }
        Ok(known)
    }
}
