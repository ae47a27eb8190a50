//! Reads the tables the stages wrote (frame, audit tally, score) back for the report,
//! by their column names in English or Chinese; a cell that is not what pingyi wrote is
//! refused with its place.

use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::io::grid::Grid;
use crate::report::html::{ScoreRow, Stratum, TallyRow};

/// A table read back: its grid, the header row, and the rows below it.
pub struct Table {
    grid: Grid,
    header: usize,
}

/// A column: its index and the name it was found under.
#[derive(Clone, Copy)]
pub struct Col<'a> {
    index: usize,
    name: &'a str,
}

impl Table {
    /// Reads `path` and finds its header row: the first row with a cell `first` (or its
    /// Chinese name `first_zh`).
    pub fn read(path: &Path, first: &str, first_zh: &str) -> Result<Table> {
        let (grid, _) = crate::io::read_grid_path(path, None)?;
        let header = grid
            .rows
            .iter()
            .take(20)
            .position(|r| r.iter().any(|c| c == first || c == first_zh))
            .ok_or_else(|| missing(&grid.origin, first_zh, first))?;
        Ok(Table { grid, header })
    }

    /// The column named `key` or `zh`, if any.
    pub fn find(&self, key: &str, zh: &str) -> Option<Col<'_>> {
        let names = &self.grid.rows[self.header];
        let index = names.iter().position(|c| c == key || c == zh)?;
        Some(Col {
            index,
            name: &names[index],
        })
    }

    /// The column named `key` or `zh`; refused when missing.
    pub fn col(&self, key: &str, zh: &str) -> Result<Col<'_>> {
        self.find(key, zh)
            .ok_or_else(|| missing(&self.grid.origin, zh, key))
    }

    /// The indices of the data rows (non-blank rows below the header; not the 合计
    /// row of a printed workbook).
    pub fn rows(&self) -> impl Iterator<Item = usize> + '_ {
        let unit = self.find("unit", "单位").map(|c| c.index);
        (self.header + 1..self.grid.rows.len()).filter(move |&i| {
            let row = &self.grid.rows[i];
            let totals = unit.is_some_and(|u| {
                crate::io::alias::is_total_label(row.get(u).map_or("", String::as_str))
            });
            !totals && row.iter().any(|c| !c.trim().is_empty())
        })
    }

    /// The text of row `i` in `col`.
    pub fn text(&self, i: usize, col: Col<'_>) -> String {
        self.grid.cell(i, col.index).trim().to_string()
    }

    /// The number in row `i`, `col`; refused with the cell's place when it is none.
    pub fn number(&self, i: usize, col: Col<'_>) -> Result<f64> {
        let text = self.grid.cell(i, col.index).trim();
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| {
                let at = self.grid.cell_location(i, col.index, col.name);
                Error::input(at, msg!("report-not-a-number", value = text))
            })
    }

    /// `read` of row `i`, `col`, or `None` where the cell is blank (a figure the score
    /// table leaves out for a unit not ranked).
    pub fn optional<T>(
        &self,
        i: usize,
        col: Col<'_>,
        read: fn(&Self, usize, Col<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        if self.grid.cell(i, col.index).trim().is_empty() {
            return Ok(None);
        }
        read(self, i, col).map(Some)
    }

    /// A count in row `i`, `col`.
    pub fn count(&self, i: usize, col: Col<'_>) -> Result<u64> {
        let v = self.number(i, col)?;
        if v < 0.0 || v.fract() != 0.0 || v > 1e15 {
            let at = self.grid.cell_location(i, col.index, col.name);
            let value = self.grid.cell(i, col.index).trim();
            return Err(Error::input(at, msg!("report-not-a-number", value)));
        }
        Ok(v as u64)
    }
}

/// The error for a missing column.
fn missing(origin: &Location, zh: &str, key: &str) -> Error {
    Error::input(origin.clone(), msg!("report-missing-column", zh, key))
}

/// The frame's strata.
pub fn frame(path: &Path) -> Result<Vec<Stratum>> {
    let t = Table::read(path, "unit", "单位")?;
    let unit = t.col("unit", "单位")?;
    let category = t.col("category", "类别")?;
    let population = t.col("population", "总体人数")?;
    let sample = t.col("sample", "样本量")?;
    let reserve = t.col("reserve", "备用样本")?;
    t.rows()
        .map(|i| {
            Ok(Stratum {
                unit: t.text(i, unit),
                category: t.text(i, category),
                population: t.count(i, population)?,
                sample: t.count(i, sample)?,
                reserve: t.count(i, reserve)?,
            })
        })
        .collect()
}

/// The audit tally's units checked (a unit whose checklist is not returned yet has no
/// false rate, and is left out).
pub fn tally(path: &Path) -> Result<Vec<TallyRow>> {
    let t = Table::read(path, "unit", "单位")?;
    let c = |k, z| t.col(k, z);
    let (unit, checked, false_found) = (
        c("unit", "单位")?,
        c("checked", "核查数")?,
        c("false", "虚假")?,
    );
    let unverifiable = c("unverifiable", "无法核实")?;
    let deduction = c("deduction", "扣分")?;
    let (rate, low, high) = (
        c("false_rate", "虚假率")?,
        c("ci_low", "虚假率下限")?,
        c("ci_high", "虚假率上限")?,
    );
    let flag = c("flag", "标记")?;
    t.rows()
        .filter(|&i| !t.text(i, rate).is_empty())
        .map(|i| {
            Ok(TallyRow {
                unit: t.text(i, unit),
                checked: t.count(i, checked)?,
                false_found: t.count(i, false_found)?,
                unverifiable: t.count(i, unverifiable)?,
                deduction: t.number(i, deduction)?,
                rate: t.number(i, rate)?,
                low: t.number(i, low)?,
                high: t.number(i, high)?,
                flag: recheck_in_report_language(&t.text(i, flag)),
            })
        })
        .collect()
}

/// A tally's re-check flag (`recheck` or `需全面复核`, as the table was written) in the
/// report's language.
fn recheck_in_report_language(flag: &str) -> String {
    match flag.trim() {
        "" => String::new(),
        "recheck" | "需全面复核" => crate::i18n::msg!("report-recheck").render(),
        other => other.to_string(),
    }
}

/// A score table's flags (`a; b`) in the report's language: a table written under
/// the other language, or by an earlier release in both, reads as this report speaks.
fn in_report_language(flags: &str) -> String {
    flags
        .split("; ")
        .map(|f| {
            crate::score::Flag::parse(f).map_or_else(|| f.to_string(), |f| f.message().render())
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The score table's units, in rank order.
pub fn score(path: &Path) -> Result<Vec<ScoreRow>> {
    let t = Table::read(path, "unit", "单位")?;
    let c = |k, z| t.col(k, z);
    let (unit, survey, deduction) = (
        c("unit", "单位")?,
        c("survey_score", "满意度调查得分")?,
        c("deduction", "扣分")?,
    );
    let (inspection, total, rank) = (
        c("inspection", "检查评估得分")?,
        c("total", "总分")?,
        c("rank", "排名")?,
    );
    let flags = c("flags", "标记")?;
    let respondents = t.find("respondents", "受访人数");
    let ci = t
        .find("survey_ci_low", "调查得分下限")
        .zip(t.find("survey_ci_high", "调查得分上限"));
    let mut rows = t
        .rows()
        .map(|i| {
            Ok(ScoreRow {
                unit: t.text(i, unit),
                respondents: respondents.map(|r| t.count(i, r)).transpose()?,
                survey: t.optional(i, survey, Table::number)?,
                deduction: t.number(i, deduction)?,
                inspection: t.optional(i, inspection, Table::number)?,
                total: t.optional(i, total, Table::number)?,
                rank: t.optional(i, rank, Table::count)?,
                flags: in_report_language(&t.text(i, flags)),
                interval: ci
                    .map(|(lo, hi)| Ok::<_, Error>((t.number(i, lo)?, t.number(i, hi)?)))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Ranked units first, in rank order; the others (disqualified, without answers or an
    // inspection score) after them, as the score table lists them.
    rows.sort_by_key(|r| (r.rank.is_none(), r.rank));
    Ok(rows)
}
