//! Reading a count table (服务对象类别和数量表) in long form (one row per unit ×
//! category) or wide form (one row per unit, one column per category), as offices fill
//! it in: title rows, 序号 and 备注 columns, totals rows and columns checked as
//! checksums, notes under the table.

use std::collections::BTreeMap;

use super::alias::{
    Category, Field, is_notes_row, is_subtotal_label, is_summary_label, is_total_label,
};
use super::count_rows::{RowShape, reject_swallowed_rows};
use super::grid::Grid;
use super::names::UnitNames;
use super::text::{
    NumberProblem, clean, match_key, parse_count, parse_real, split_thousands, visible,
};
use crate::error::{Error, Location, Problems, Result};
use crate::i18n::Message;
use crate::i18n::msg;
use crate::privacy::quote_cell;

/// How many rows at the top may hold titles before the header must appear.
const MAX_TITLE_ROWS: usize = 20;

/// How many cells read as 0 a warning names; the rest it only counts.
const ZERO_CELLS_LISTED: usize = 50;

/// One stratum of a count table: a unit × category and its population.
#[derive(Debug, Clone, PartialEq)]
pub struct StratumCount {
    pub unit: String,
    pub category: Category,
    pub population: u64,
    /// Standard deviation for Neyman allocation (long form `sd`).
    pub sd: Option<f64>,
    /// Expected proportion for Neyman allocation (long form `p`).
    pub p: Option<f64>,
    /// Relative cost per interview for optimal allocation.
    pub cost: Option<f64>,
    /// A fixed number to sample, for quota allocation.
    pub quota: Option<u64>,
    /// Where the stratum was read, for messages.
    pub location: Location,
}

/// Whether the table had one row per stratum or one row per unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableForm {
    Long,
    Wide,
}

/// A count table, normalised: strata sorted by unit then category.
#[derive(Debug, Clone)]
pub struct CountTable {
    pub origin: Location,
    pub form: TableForm,
    pub strata: Vec<StratumCount>,
    /// Per-unit sample sizes from a `sample_size` column, where given.
    pub sample_sizes: BTreeMap<String, u64>,
    /// How many totals (rows and columns) were checked and found to add up.
    pub totals_checked: usize,
    /// The count cells read as 0: blank, or a mark for none (—, -, /, 无).
    pub zero_cells: Vec<Location>,
    /// The unit cells of the long form left blank and read as the unit above (a cell
    /// merged over its category rows, or a slip).
    pub filled_units: Vec<Location>,
}

impl CountTable {
    /// The warnings a person reading the table checks: the cells read as 0, the unit
    /// cells read as the unit above.
    pub fn warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self.zero_cells_warning().into_iter().collect();
        if !self.filled_units.is_empty() {
            let rows: Vec<String> = self
                .filled_units
                .iter()
                .take(ZERO_CELLS_LISTED)
                .map(|l| l.row.unwrap_or(0).to_string())
                .collect();
            let count = self.filled_units.len();
            let more = count - rows.len();
            let rows = rows.join(", ");
            let table = self.origin.message();
            out.push(msg!("counts-unit-filled-down", table => table, count, rows, more).render());
        }
        out
    }

    /// The warning naming the count cells read as 0 (blank or a mark for none), for
    /// the terminal: the person who filled the table checks that each means none.
    pub fn zero_cells_warning(&self) -> Option<String> {
        if self.zero_cells.is_empty() {
            return None;
        }
        let cells: Vec<String> = self
            .zero_cells
            .iter()
            .take(ZERO_CELLS_LISTED)
            .map(|l| {
                let cell = Location {
                    file: None,
                    sheet: None,
                    ..l.clone()
                };
                cell.message().render()
            })
            .collect();
        let warning = msg!(
            "counts-read-as-zero",
            table => self.origin.message(),
            count = self.zero_cells.len(),
            cells = cells.join("; "),
            more = self.zero_cells.len() - cells.len()
        );
        Some(warning.render())
    }

    /// The units in order, with their strata.
    pub fn units(&self) -> Vec<(&str, Vec<&StratumCount>)> {
        let mut out: Vec<(&str, Vec<&StratumCount>)> = Vec::new();
        for s in &self.strata {
            match out.last_mut() {
                Some((u, v)) if *u == s.unit => v.push(s),
                _ => out.push((&s.unit, vec![s])),
            }
        }
        out
    }
}

/// The columns found in the header row.
struct Header {
    row: usize,
    labels: Vec<String>,
    fields: Vec<Option<Field>>,
}

impl Header {
    fn find(&self, field: Field) -> Option<usize> {
        self.fields.iter().position(|f| *f == Some(field))
    }
}

/// Refuses a workbook whose formulas have no stored results (written by a program,
/// never opened and saved in Excel or WPS): their cells read as blank, and a blank
/// count would be read as 0. `bytes` is the file the grid was read from.
pub fn refuse_formulas_without_results(grid: &Grid, bytes: &[u8]) -> Result<()> {
    let (super::grid::SourceFormat::Workbook, Some(sheet)) = (grid.format, &grid.origin.sheet)
    else {
        return Ok(());
    };
    let missing = super::grid::formulas_without_results(bytes, sheet);
    let Some(&(row, col)) = missing.first() else {
        return Ok(());
    };
    Err(Error::input(
        grid.origin.at_row(row).at_column_letter(col),
        msg!("counts-formulas-not-computed", cells = missing.len()),
    ))
}

/// Reads a count table from a grid, in either form.
pub fn parse_counts(grid: &Grid) -> Result<CountTable> {
    // Without a header, a swallowed row is the likelier cause than a missing header.
    let header =
        find_header(grid).map_err(|e| reject_swallowed_rows(grid, 0).err().unwrap_or(e))?;
    reject_swallowed_rows(grid, header.row)?;
    reject_duplicate_headers(grid, &header)?;
    let has_category = header.find(Field::Category).is_some();
    let mut table = if has_category {
        parse_long(grid, &header)?
    } else {
        parse_wide(grid, &header)?
    };
    if table.strata.is_empty() {
        return Err(Error::input(
            grid.origin.at_row(grid.row_number(header.row)),
            msg!("counts-no-units"),
        ));
    }
    table
        .strata
        .sort_by(|a, b| (&a.unit, &a.category).cmp(&(&b.unit, &b.category)));
    reject_duplicate_strata(&table.strata)?;
    refuse_unit_summing_others(&table.strata)?;
    Ok(table)
}

/// Refuses a unit whose count in every category is the sum of all the other units':
/// a totals row under a label that does not say so (全体, 以上各乡镇), which read as a
/// unit would double the population. Only the unit on the last rows is suspect, among
/// four units or more, in two categories or more (fewer add up by chance).
fn refuse_unit_summing_others(strata: &[StratumCount]) -> Result<()> {
    let mut by_unit: BTreeMap<&str, BTreeMap<&Category, u64>> = BTreeMap::new();
    let mut all: BTreeMap<&Category, u64> = BTreeMap::new();
    for s in strata {
        *by_unit
            .entry(&s.unit)
            .or_default()
            .entry(&s.category)
            .or_default() += s.population;
        *all.entry(&s.category).or_default() += s.population;
    }
    let filled = all.values().filter(|&&n| n > 0).count();
    let Some(last) = strata.iter().max_by_key(|s| s.location.row) else {
        return Ok(());
    };
    if by_unit.len() < 4 || filled < 2 {
        return Ok(());
    }
    let own = &by_unit[last.unit.as_str()];
    let sums_others = all
        .iter()
        .all(|(c, total)| own.get(c).copied().unwrap_or(0) * 2 == *total);
    if !sums_others {
        return Ok(());
    }
    let first_row = strata
        .iter()
        .filter(|s| s.unit == last.unit)
        .min_by_key(|s| s.location.row)
        .map_or_else(|| last.location.clone(), |s| s.location.clone());
    Err(Error::input(
        first_row,
        msg!("counts-unit-sums-others", unit = last.unit),
    ))
}

fn find_header(grid: &Grid) -> Result<Header> {
    for (i, row) in grid.rows.iter().enumerate().take(MAX_TITLE_ROWS) {
        let fields: Vec<Option<Field>> = row.iter().map(|c| Field::from_header(c)).collect();
        if fields.contains(&Some(Field::Unit)) {
            let mut header = Header {
                row: i,
                labels: row.iter().map(|c| clean(c)).collect(),
                fields,
            };
            merge_sub_header(grid, &mut header);
            return Ok(header);
        }
    }
    if grid
        .rows
        .iter()
        .all(|r| r.iter().all(|c| clean(c).is_empty()))
    {
        return Err(Error::input(grid.origin.clone(), msg!("counts-empty")));
    }
    Err(Error::input(
        grid.origin.clone(),
        msg!(
            "counts-no-header",
            rows = MAX_TITLE_ROWS,
            names = Field::Unit.aliases().join(", ")
        ),
    ))
}

/// A two-row header: "服务对象类别" spanning the category columns, with the category
/// names on the row below (the unit cell of that row empty).
fn merge_sub_header(grid: &Grid, header: &mut Header) {
    let below = grid.rows.get(header.row + 1);
    let Some(labels) = below.and_then(|below| sub_header_labels(&header.labels, below)) else {
        return;
    };
    header.fields.resize(labels.len(), None);
    for (c, label) in labels.iter().enumerate() {
        if header.labels.get(c) != Some(label) {
            header.fields[c] = Field::from_header(label);
        }
    }
    header.labels = labels;
    header.row += 1;
}

/// The labels of a two-row header: the header row's (cleaned) `top` with the labels of
/// the row `below` it written over them, when that row is the second row of the header
/// (its unit cell empty, a label at or after the category column, no number); `None`
/// when it is not.
pub fn sub_header_labels<S: AsRef<str>>(top: &[String], below: &[S]) -> Option<Vec<String>> {
    let column = |field| {
        top.iter()
            .position(|l| Field::from_header(l) == Some(field))
    };
    let below: Vec<String> = below.iter().map(|c| clean(c.as_ref())).collect();
    // The spanning cell: a category column (服务对象类别), else a header pingyi does not
    // know (服务对象类别及数量（人）) merged over blank cells, with labels under both.
    let spans = |c: usize| {
        let blank = |v: Option<&String>| v.is_none_or(|s| s.is_empty());
        !top[c].is_empty()
            && Field::from_header(&top[c]).is_none()
            && blank(top.get(c + 1))
            && !blank(below.get(c))
            && !blank(below.get(c + 1))
    };
    let cat_col = column(Field::Category).or_else(|| (0..top.len()).find(|&c| spans(c)))?;
    let unit_col = column(Field::Unit).unwrap_or(0);
    if below.get(unit_col).is_some_and(|c| !c.is_empty()) {
        return None;
    }
    let labels_below = below
        .iter()
        .enumerate()
        .filter(|(c, s)| *c >= cat_col && !s.is_empty())
        .count();
    if labels_below == 0 || below.iter().any(|s| parse_count(s).is_ok()) {
        return None;
    }
    let mut labels = top.to_vec();
    labels.resize(top.len().max(below.len()), String::new());
    for (c, label) in below.into_iter().enumerate() {
        if !label.is_empty() {
            labels[c] = label;
        }
    }
    Some(labels)
}

fn reject_duplicate_headers(grid: &Grid, header: &Header) -> Result<()> {
    let mut seen: BTreeMap<Field, usize> = BTreeMap::new();
    for (c, f) in header.fields.iter().enumerate() {
        let Some(f) = f else { continue };
        if matches!(f, Field::Notes | Field::Serial) {
            continue;
        }
        if let Some(first) = seen.insert(*f, c) {
            let what = msg!("counts-what-column", name = f.key());
            return Err(same_column_twice(grid, header, first, c, what));
        }
    }
    Ok(())
}

/// The error for header columns `first` and `second` that name the same thing.
fn same_column_twice(
    grid: &Grid,
    header: &Header,
    first: usize,
    second: usize,
    what: Message,
) -> Error {
    let letter = |c: usize| crate::error::column_letter(grid.first_col + c);
    Error::input(
        grid.cell_location(header.row, second, &header.labels[second]),
        msg!(
            "counts-column-twice",
            what => what,
            first = header.labels[first],
            first_letter = letter(first),
            second = header.labels[second],
            second_letter = letter(second)
        ),
    )
}

/// Refuses a stratum written twice before the totals are checked: the total it throws
/// off would otherwise be blamed, and the repeated row named only once it is "fixed".
fn refuse_twice_before_totals(strata: &[StratumCount]) -> Result<()> {
    let mut sorted: Vec<&StratumCount> = strata.iter().collect();
    sorted.sort_by(|a, b| (&a.unit, &a.category).cmp(&(&b.unit, &b.category)));
    let sorted: Vec<StratumCount> = sorted.into_iter().cloned().collect();
    reject_duplicate_strata(&sorted)
}

fn reject_duplicate_strata(strata: &[StratumCount]) -> Result<()> {
    for pair in strata.windows(2) {
        if pair[0].unit == pair[1].unit && pair[0].category == pair[1].category {
            let (first, second) = if pair[0].location.row <= pair[1].location.row {
                (&pair[0], &pair[1])
            } else {
                (&pair[1], &pair[0])
            };
            return Err(Error::input(
                second.location.clone(),
                msg!(
                    "counts-stratum-twice",
                    unit = second.unit,
                    category = second.category.zh(),
                    row = first.location.row.unwrap_or(0)
                ),
            ));
        }
    }
    Ok(())
}

/// The kind of row under the header.
enum RowKind {
    Blank,
    /// A note (注：…, 填表人：…); notes normally stand under the table.
    Notes,
    Totals,
    /// An average, highest or lowest row (平均, 最高): no unit, and no total to check.
    Summary,
    /// A 其中 (of which) row: part of the row above it, no unit of its own.
    OfWhich,
    Data,
}

/// True when a row has a number in any of `cols`.
fn has_numbers(grid: &Grid, i: usize, cols: &[usize]) -> bool {
    cols.iter().any(|&c| parse_count(grid.cell(i, c)).is_ok())
}

/// After a note, rows without numbers continue the notes; a row with numbers is data
/// that the note would otherwise hide, and is refused rather than dropped.
fn data_after_notes(grid: &Grid, i: usize, notes_row: usize) -> Error {
    Error::input(
        grid.origin.at_row(grid.row_number(i)),
        msg!("counts-data-after-notes", row = grid.row_number(notes_row)),
    )
}

/// A summary row (平均, 最高 …) among the units: refused rather than read as a unit of
/// that name, which would be sampled like the others.
fn summary_row(grid: &Grid, i: usize, (unit_col, header): (usize, &str)) -> Error {
    let label = clean(grid.cell(i, unit_col));
    Error::input(
        grid.cell_location(i, unit_col, header),
        msg!("input-summary-row", label),
    )
}

fn of_which_row(grid: &Grid, i: usize, (unit_col, header): (usize, &str)) -> Error {
    let label = clean(grid.cell(i, unit_col));
    Error::input(
        grid.cell_location(i, unit_col, header),
        msg!("input-of-which-row", label),
    )
}

fn classify_row(grid: &Grid, i: usize, unit_col: usize) -> RowKind {
    let row = &grid.rows[i];
    let Some(first) = row
        .iter()
        .map(|c| clean(&visible(c)))
        .find(|c| !c.is_empty())
    else {
        return RowKind::Blank;
    };
    let unit = clean(&visible(grid.cell(i, unit_col)));
    if is_total_label(&unit) || (unit.is_empty() && is_total_label(&first)) {
        return RowKind::Totals;
    }
    if is_summary_label(&unit) {
        return RowKind::Summary;
    }
    if match_key(&unit).starts_with("其中") {
        return RowKind::OfWhich;
    }
    if is_notes_row(row, unit_col) {
        return RowKind::Notes;
    }
    RowKind::Data
}

fn count_error(grid: &Grid, i: usize, col: usize, label: &str, problem: NumberProblem) -> Error {
    let raw = grid.cell(i, col);
    let value = quote_cell(crate::io::text::trim(raw));
    let message = match (&problem, split_thousands(raw)) {
        (NumberProblem::NotANumber | NumberProblem::NotWhole, Some(n)) => msg!(
            "count-bad-thousands",
            value = value,
            problem => problem.describe(),
            number = n
        ),
        _ => msg!("count-bad", value = value, problem => problem.describe()),
    };
    Error::input(grid.cell_location(i, col, label), message)
}

fn read_count(grid: &Grid, i: usize, col: usize, label: &str) -> Result<u64> {
    parse_count(grid.cell(i, col)).map_err(|p| count_error(grid, i, col, label, p))
}

/// True for what offices write in a count cell for "none": nothing, a dash (—, －, -),
/// a slash or 无.
pub fn means_none(raw: &str) -> bool {
    let s = clean(&visible(raw));
    s == "无"
        || s.chars()
            .all(|c| matches!(c, '—' | '–' | '-' | '/' | '－' | '／'))
}

/// Reads a stratum's count: a number, or a cell [`means_none`], read as 0 and listed
/// in `zeros` so the person who filled the table can check it.
fn read_stratum_count(
    grid: &Grid,
    i: usize,
    col: usize,
    label: &str,
    zeros: &mut Vec<Location>,
) -> Result<u64> {
    if means_none(grid.cell(i, col)) {
        zeros.push(grid.cell_location(i, col, label));
        return Ok(0);
    }
    read_count(grid, i, col, label)
}

/// A count that a total adds up: its cell (indices into the grid's rows) and value.
#[derive(Debug, Clone, Copy)]
struct Addend {
    i: usize,
    col: usize,
    count: u64,
}

fn read_optional_real(
    grid: &Grid,
    i: usize,
    col: Option<usize>,
    header: &Header,
) -> Result<Option<f64>> {
    let Some(col) = col else { return Ok(None) };
    match parse_real(grid.cell(i, col)) {
        Ok(v) if v >= 0.0 => Ok(Some(v)),
        Ok(_) => Err(Error::input(
            grid.cell_location(i, col, &header.labels[col]),
            msg!("number-negative"),
        )),
        Err(NumberProblem::Empty) => Ok(None),
        Err(_) => Err(Error::input(
            grid.cell_location(i, col, &header.labels[col]),
            msg!("number-not-a-number", value = quote_cell(grid.cell(i, col))),
        )),
    }
}

fn read_optional_count(
    grid: &Grid,
    i: usize,
    col: Option<usize>,
    header: &Header,
) -> Result<Option<u64>> {
    let Some(col) = col else { return Ok(None) };
    match parse_count(grid.cell(i, col)) {
        Ok(v) => Ok(Some(v)),
        Err(NumberProblem::Empty) => Ok(None),
        Err(p) => Err(count_error(grid, i, col, &header.labels[col], p)),
    }
}

/// Records a unit's sample size, which must be the same on every row of the unit.
fn note_sample_size(
    sizes: &mut BTreeMap<String, u64>,
    unit: &str,
    size: Option<u64>,
    location: Location,
) -> Result<()> {
    let Some(size) = size else { return Ok(()) };
    match sizes.insert(unit.to_string(), size) {
        Some(prev) if prev != size => Err(Error::input(
            location,
            msg!("counts-size-differs", unit = unit, size = size, prev = prev),
        )),
        _ => Ok(()),
    }
}

/// The value of a row's `Result`, or its problem noted in `problems` and on to the next
/// row: a table's problems are all reported in one run.
macro_rules! or_next_row {
    ($problems:expr, $result:expr) => {
        match $result {
            Ok(v) => v,
            Err(e) => {
                $problems.push(e);
                continue;
            }
        }
    };
}

fn parse_long(grid: &Grid, header: &Header) -> Result<CountTable> {
    let unit_col = header.find(Field::Unit).unwrap_or(0);
    let cat_col = header.find(Field::Category).unwrap_or(0);
    let count_col = header.find(Field::Count).ok_or_else(|| {
        Error::input(
            grid.origin.at_row(grid.row_number(header.row)),
            msg!(
                "counts-no-count-column",
                names = Field::Count.aliases().join(", ")
            ),
        )
    })?;
    reject_unknown_columns(grid, header)?;
    let (sd_col, p_col, cost_col) = (
        header.find(Field::Sd),
        header.find(Field::P),
        header.find(Field::Cost),
    );
    let (size_col, quota_col) = (header.find(Field::SampleSize), header.find(Field::Quota));
    let count_label = &header.labels[count_col];
    let numbers = [Some(count_col), size_col, quota_col];
    let shape = RowShape::new(
        grid,
        header.row,
        &header.labels,
        numbers.into_iter().flatten().collect(),
        notes_columns(header),
    );
    let mut names = UnitNames::default();

    let mut strata = Vec::new();
    let mut addends = Vec::new();
    let mut zeros = Vec::new();
    let mut sample_sizes = BTreeMap::new();
    let mut totals: Vec<(usize, Option<String>, Option<Category>, u64)> = Vec::new();
    let mut last_unit = String::new();
    let mut filled = Vec::new();
    let mut poisoned = false;
    let mut notes_at = None;
    let mut problems = Problems::default();
    for i in header.row + 1..grid.rows.len() {
        let kind = classify_row(grid, i, unit_col);
        if let Some(n) = notes_at
            && !matches!(kind, RowKind::Blank)
        {
            if has_numbers(grid, i, &[count_col]) {
                problems.push(data_after_notes(grid, i, n));
            }
            continue;
        }
        match kind {
            RowKind::Blank => continue,
            RowKind::Summary => {
                problems.push(summary_row(grid, i, (unit_col, &header.labels[unit_col])));
                continue;
            }
            RowKind::OfWhich => {
                problems.push(of_which_row(grid, i, (unit_col, &header.labels[unit_col])));
                continue;
            }
            RowKind::Notes => {
                notes_at = Some(i);
                continue;
            }
            RowKind::Totals | RowKind::Data => or_next_row!(problems, shape.check(i)),
        }
        let unit_cell = clean(grid.cell(i, unit_col));
        let cat_cell = clean(&visible(grid.cell(i, cat_col)));
        let unit_is_total = is_total_label(&unit_cell)
            || (unit_cell.is_empty() && matches!(classify_row(grid, i, unit_col), RowKind::Totals));
        let cat_is_total = cat_cell.is_empty() || is_total_label(&cat_cell);
        if unit_is_total {
            let cat = (!cat_is_total).then(|| Category::from_header(&cat_cell));
            let count = or_next_row!(problems, read_count(grid, i, count_col, count_label));
            totals.push((i, None, cat, count));
            continue;
        }
        // A unit cell merged over its category rows is read as blank below the first.
        let unit = if unit_cell.is_empty() {
            // The rows under a unit cell that could not be read are its own: their
            // problems would only follow from it.
            if poisoned {
                continue;
            }
            // In a workbook a unit cell merged over its rows reads so; a text file has
            // no merged cells, so the rows read as the unit above are named.
            let merged_possible = matches!(grid.format, super::grid::SourceFormat::Workbook);
            if !last_unit.is_empty() && !merged_possible {
                filled.push(grid.cell_location(i, unit_col, &header.labels[unit_col]));
            }
            last_unit.clone()
        } else {
            let at = grid.cell_location(i, unit_col, &header.labels[unit_col]);
            poisoned = true;
            let unit = or_next_row!(problems, names.key(&unit_cell, &at));
            poisoned = false;
            unit
        };
        if unit.is_empty() {
            problems.push(Error::input(
                grid.cell_location(i, unit_col, &header.labels[unit_col]),
                msg!("counts-unit-empty"),
            ));
            continue;
        }
        last_unit = unit.clone();
        if cat_is_total {
            if cat_cell.is_empty() {
                problems.push(Error::input(
                    grid.cell_location(i, cat_col, &header.labels[cat_col]),
                    msg!("counts-category-empty"),
                ));
                continue;
            }
            let count = or_next_row!(problems, read_count(grid, i, count_col, count_label));
            totals.push((i, Some(unit), None, count));
            continue;
        }
        let part = refuse_part_of_category(grid, (i, cat_col, &header.labels[cat_col]), &cat_cell);
        or_next_row!(problems, part);
        let count = or_next_row!(
            problems,
            read_stratum_count(grid, i, count_col, count_label, &mut zeros)
        );
        addends.push(Addend {
            i,
            col: count_col,
            count,
        });
        let location = grid.origin.at_row(grid.row_number(i));
        let size = or_next_row!(problems, read_optional_count(grid, i, size_col, header));
        let noted = note_sample_size(&mut sample_sizes, &unit, size, location.clone());
        or_next_row!(problems, noted);
        let real = |col| read_optional_real(grid, i, col, header);
        let (sd, p, cost) = (real(sd_col), real(p_col), real(cost_col));
        let quota = read_optional_count(grid, i, quota_col, header);
        let (sd, p, cost, quota) = match (sd, p, cost, quota) {
            (Ok(sd), Ok(p), Ok(cost), Ok(quota)) => (sd, p, cost, quota),
            (sd, p, cost, quota) => {
                [sd.err(), p.err(), cost.err(), quota.err()]
                    .into_iter()
                    .flatten()
                    .for_each(|e| problems.push(e));
                continue;
            }
        };
        strata.push(StratumCount {
            unit,
            category: Category::from_header(&cat_cell),
            population: count,
            sd,
            p,
            cost,
            quota,
            location,
        });
    }
    // A row that could not be read would make its totals look wrong: its problems first.
    problems.finish()?;
    let mut problems = Problems::default();
    let mut checked = 0;
    let across: Vec<usize> = totals
        .iter()
        .filter(|t| t.1.is_none())
        .map(|t| t.0)
        .collect();
    refuse_twice_before_totals(&strata)?;
    let spans = subtotal_spans(grid, header, &across, unit_col);
    for (i, unit, cat, stated) in totals {
        let span = spans.iter().find(|s| s.0 == i).and_then(|s| s.1);
        let what = match (&unit, &cat, span) {
            (Some(u), _, _) => msg!("counts-sum-unit-rows", unit = u),
            (None, _, Some((from, to))) => msg!(
                "rows-sum-subtotal-rows",
                from = grid.row_number(from),
                to = grid.row_number(to)
            ),
            (None, Some(c), None) => msg!("counts-sum-category-rows", category = c.zh()),
            (None, None, None) => msg!("counts-sum-all-rows"),
        };
        let members = members((&strata, &addends), span, |s| {
            unit.as_ref().is_none_or(|u| &s.unit == u)
                && cat.as_ref().is_none_or(|c| &s.category == c)
        });
        problems.note(check_total(
            grid,
            header,
            (i, count_col),
            stated,
            &members,
            what,
        ));
        checked += 1;
    }
    problems.finish()?;
    Ok(CountTable {
        origin: grid.origin.clone(),
        form: TableForm::Long,
        strata,
        sample_sizes,
        totals_checked: checked,
        zero_cells: zeros,
        filled_units: filled,
    })
}

fn reject_unknown_columns(grid: &Grid, header: &Header) -> Result<()> {
    for (c, (label, field)) in header.labels.iter().zip(&header.fields).enumerate() {
        if field.is_some() {
            continue;
        }
        let has_values =
            (header.row + 1..grid.rows.len()).any(|i| !clean(grid.cell(i, c)).is_empty());
        if label.is_empty() && !has_values {
            continue;
        }
        if label.is_empty() {
            return Err(value_without_header(grid, header, c));
        }
        let known: Vec<&str> = Field::ALL
            .iter()
            .filter(|f| **f != Field::Total)
            .map(|f| f.key())
            .collect();
        return Err(Error::input(
            grid.cell_location(
                header.row,
                c,
                if label.is_empty() {
                    crate::error::NO_HEADER
                } else {
                    label
                },
            ),
            msg!("counts-unknown-column", known = known.join(", ")),
        ));
    }
    Ok(())
}

/// The error for column `c`, which has no header but a value in some row under it:
/// named at the first such row, the row a stray delimiter would have shifted.
fn value_without_header(grid: &Grid, header: &Header, c: usize) -> Error {
    let i = (header.row + 1..grid.rows.len())
        .find(|&i| !clean(grid.cell(i, c)).is_empty())
        .unwrap_or(header.row);
    Error::input(
        grid.cell_location(i, c, crate::error::NO_HEADER),
        msg!(
            "counts-value-without-header",
            value = quote_cell(clean(grid.cell(i, c)).as_str()),
            row = grid.row_number(header.row)
        ),
    )
}

/// Checks the total in cell `at` against the counts it adds up. A total that misses
/// exactly the counts stored as text is Excel's SUM skipping them, and says so.
fn check_total(
    grid: &Grid,
    header: &Header,
    at: (usize, usize),
    stated: u64,
    addends: &[Addend],
    what: Message,
) -> Result<()> {
    let sum: u64 = addends.iter().map(|a| a.count).sum();
    if stated == sum {
        return Ok(());
    }
    let label = |c: usize| header.labels.get(c).map_or("", String::as_str);
    let total_at = grid.cell_location(at.0, at.1, label(at.1));
    let as_text: Vec<&Addend> = addends
        .iter()
        .filter(|a| a.count > 0 && grid.text_numbers.binary_search(&(a.i, a.col)).is_ok())
        .collect();
    let skipped: u64 = as_text.iter().map(|a| a.count).sum();
    if let Some(first) = as_text.first()
        && stated + skipped == sum
    {
        return Err(Error::input(
            grid.cell_location(first.i, first.col, label(first.col)),
            msg!(
                "counts-total-skipped-text",
                value = first.count,
                cells = as_text.len(),
                total => total_at.message(),
                stated = stated,
                sum = sum
            ),
        ));
    }
    // A 小计 is named as one, not as the 合计.
    let kind = match what.key() {
        Some(k) if k.starts_with("rows-sum-subtotal") => "subtotal",
        _ => "total",
    };
    Err(Error::input(
        total_at,
        msg!("counts-total-differs", kind = kind, stated = stated, what => what, sum = sum),
    ))
}

/// Refuses a category labelled 其中… (of which): it counts part of another category,
/// so read as a category of its own it would count those recipients twice.
fn refuse_part_of_category(grid: &Grid, at: (usize, usize, &str), label: &str) -> Result<()> {
    if !match_key(label).starts_with("其中") {
        return Ok(());
    }
    let (i, col, header) = at;
    Err(Error::input(
        grid.cell_location(i, col, header),
        msg!("input-part-of-category", label = label.to_string()),
    ))
}

/// Refuses a column headed as none of the plan's categories whose header says it is
/// a total (人数合计, 总人数, 服务对象总数) or counts households (低保户数): read as a
/// category it would be a stratum of its own and double the unit's population.
fn refuse_not_a_category(grid: &Grid, at: (usize, usize, &str), category: &Category) -> Result<()> {
    if category.is_known() {
        return Ok(());
    }
    let (i, col, label) = at;
    let key = match_key(label);
    let total = [
        "合计",
        "总计",
        "小计",
        "共计",
        "总数",
        "总人数",
        "total",
        "sum",
    ]
    .iter()
    .any(|t| key.contains(t));
    let households = key.contains("户数");
    let message = match (total, households) {
        (true, _) => msg!("counts-total-like-column", label = label.to_string()),
        (false, true) => msg!("counts-households-column", label = label.to_string()),
        _ if is_not_counts(grid, (i, col), &key) => {
            msg!("counts-not-a-category-column", label = label.to_string())
        }
        _ => return Ok(()),
    };
    Err(Error::input(grid.cell_location(i, col, label), message))
}

/// Whether a column headed as none of the plan's categories holds something other than
/// counts of recipients: its header names a phone, a code, a rank, a share, a change or
/// an earlier period's figure, or villages; or a cell below it holds a number no
/// category of one unit reaches (a phone number, a 12-digit area code).
fn is_not_counts(grid: &Grid, (header_row, col): (usize, usize), key: &str) -> bool {
    const NOT_COUNTS: [&str; 24] = [
        "电话", "手机", "联系", "代码", "编码", "编号", "排名", "名次", "排序", "占比", "比例",
        "比重", "%", "％", "率", "增减", "增长", "同比", "环比", "上年", "去年", "同期", "上期",
        "面积",
    ];
    const MOST: u64 = 9_999_999;
    let villages = ["村", "社区", "行政村"].iter().any(|v| key.starts_with(v));
    NOT_COUNTS.iter().any(|w| key.contains(w))
        || villages
        || (header_row + 1..grid.rows.len())
            .any(|r| parse_count(grid.cell(r, col)).is_ok_and(|n| n > MOST))
}

/// Refuses a column, headed as none of the plan's categories, that holds in every data
/// row the sum of the other category columns (and not only zeros): a total under
/// another name, which read as a category would double every unit's population.
fn refuse_sum_column(
    grid: &Grid,
    header: &Header,
    unit_col: usize,
    category_cols: &[(usize, Category)],
) -> Result<()> {
    if category_cols.len() < 3 {
        return Ok(());
    }
    let rows: Vec<usize> = (header.row + 1..grid.rows.len())
        .filter(|&i| matches!(classify_row(grid, i, unit_col), RowKind::Data))
        .collect();
    let number = |i: usize, c: usize| parse_count(grid.cell(i, c)).ok();
    for (c, category) in category_cols.iter().filter(|(_, k)| !k.is_known()) {
        let sums_the_others = |i: &usize| {
            let others: Option<u64> = category_cols
                .iter()
                .filter(|(o, _)| o != c)
                .map(|(o, _)| number(*i, *o))
                .sum();
            others.is_some() && others == number(*i, *c)
        };
        let nonzero = rows.iter().any(|&i| number(i, *c).is_some_and(|n| n > 0));
        if !rows.is_empty() && nonzero && rows.iter().all(sums_the_others) {
            let label = category.key().to_string();
            return Err(Error::input(
                grid.cell_location(header.row, *c, &header.labels[*c]),
                msg!("counts-total-like-column", label),
            ));
        }
    }
    Ok(())
}

fn parse_wide(grid: &Grid, header: &Header) -> Result<CountTable> {
    let unit_col = header.find(Field::Unit).unwrap_or(0);
    let total_col = header.find(Field::Total);
    let size_col = header.find(Field::SampleSize);
    let mut category_cols: Vec<(usize, Category)> = Vec::new();
    for (c, (label, field)) in header.labels.iter().zip(&header.fields).enumerate() {
        match field {
            None => {}
            Some(Field::Count) => {
                return Err(Error::input(
                    grid.cell_location(header.row, c, label),
                    msg!("counts-count-without-category"),
                ));
            }
            Some(Field::Unit | Field::Total | Field::SampleSize | Field::Serial | Field::Notes) => {
                continue;
            }
            Some(f) => {
                return Err(Error::input(
                    grid.cell_location(header.row, c, label),
                    msg!("counts-long-form-column", name = f.key()),
                ));
            }
        }
        let has_values =
            (header.row + 1..grid.rows.len()).any(|i| !clean(grid.cell(i, c)).is_empty());
        if label.is_empty() {
            if has_values {
                return Err(value_without_header(grid, header, c));
            }
            continue;
        }
        refuse_part_of_category(grid, (header.row, c, label), label)?;
        let category = Category::from_header(label);
        refuse_not_a_category(grid, (header.row, c, label), &category)?;
        if let Some((first, _)) = category_cols.iter().find(|(_, k)| *k == category) {
            let what = msg!("counts-what-category", category = category.zh());
            return Err(same_column_twice(grid, header, *first, c, what));
        }
        category_cols.push((c, category));
    }
    if category_cols.is_empty() {
        return Err(Error::input(
            grid.origin.at_row(grid.row_number(header.row)),
            msg!("counts-no-category-columns"),
        ));
    }
    refuse_sum_column(grid, header, unit_col, &category_cols)?;
    let mut strata = Vec::new();
    let mut addends = Vec::new();
    let mut zeros = Vec::new();
    let mut sample_sizes = BTreeMap::new();
    let mut checked = 0;
    let mut totals_rows = Vec::new();
    let number_cols: Vec<usize> = category_cols.iter().map(|(c, _)| *c).collect();
    let shape = RowShape::new(
        grid,
        header.row,
        &header.labels,
        number_cols
            .iter()
            .copied()
            .chain(total_col)
            .chain(size_col)
            .collect(),
        notes_columns(header),
    );
    let mut names = UnitNames::default();
    let mut notes_at = None;
    let mut problems = Problems::default();
    for i in header.row + 1..grid.rows.len() {
        let kind = classify_row(grid, i, unit_col);
        if let Some(n) = notes_at
            && !matches!(kind, RowKind::Blank)
        {
            if has_numbers(grid, i, &number_cols) {
                problems.push(data_after_notes(grid, i, n));
            }
            continue;
        }
        match kind {
            RowKind::Blank => continue,
            RowKind::Summary => {
                problems.push(summary_row(grid, i, (unit_col, &header.labels[unit_col])));
                continue;
            }
            RowKind::OfWhich => {
                problems.push(of_which_row(grid, i, (unit_col, &header.labels[unit_col])));
                continue;
            }
            RowKind::Notes => {
                notes_at = Some(i);
                continue;
            }
            RowKind::Totals => {
                or_next_row!(problems, shape.check(i));
                totals_rows.push(i);
                continue;
            }
            RowKind::Data => or_next_row!(problems, shape.check(i)),
        }
        let unit_at = grid.cell_location(i, unit_col, &header.labels[unit_col]);
        let unit = or_next_row!(problems, names.key(grid.cell(i, unit_col), &unit_at));
        if unit.is_empty() {
            problems.push(Error::input(
                grid.cell_location(i, unit_col, &header.labels[unit_col]),
                msg!("counts-unit-empty-with-numbers"),
            ));
            continue;
        }
        let location = grid.origin.at_row(grid.row_number(i));
        // Every cell of the row is read, so that all its problems are reported.
        let populations: Vec<Result<u64>> = category_cols
            .iter()
            .map(|(c, _)| {
                read_stratum_count(grid, i, *c, &header.labels[*c], &mut zeros)
                    .map_err(|e| hint_not_a_category(e, &header.labels[*c]))
            })
            .collect();
        if populations.iter().any(Result::is_err) {
            populations
                .into_iter()
                .filter_map(Result::err)
                .for_each(|e| problems.push(e));
            continue;
        }
        let row_start = addends.len();
        for ((c, category), population) in
            category_cols.iter().zip(populations.into_iter().flatten())
        {
            addends.push(Addend {
                i,
                col: *c,
                count: population,
            });
            strata.push(StratumCount {
                unit: unit.clone(),
                category: category.clone(),
                population,
                sd: None,
                p: None,
                cost: None,
                quota: None,
                location: location.clone(),
            });
        }
        if let Some(tc) = total_col {
            let stated = read_count(grid, i, tc, &header.labels[tc]).and_then(|stated| {
                check_total(
                    grid,
                    header,
                    (i, tc),
                    stated,
                    &addends[row_start..],
                    msg!("counts-sum-unit-categories", unit = unit),
                )
            });
            problems.note(stated);
            checked += 1;
        }
        let size = or_next_row!(problems, read_optional_count(grid, i, size_col, header));
        problems.note(note_sample_size(&mut sample_sizes, &unit, size, location));
    }
    // A row that could not be read would make its totals look wrong: its problems first.
    problems.finish()?;
    let mut problems = Problems::default();
    let columns: Vec<(usize, Option<&Category>)> = category_cols
        .iter()
        .map(|(c, cat)| (*c, Some(cat)))
        .chain(total_col.map(|c| (c, None)))
        .collect();
    refuse_twice_before_totals(&strata)?;
    let added = (&strata[..], &addends[..]);
    for (i, span) in subtotal_spans(grid, header, &totals_rows, unit_col) {
        for &(c, category) in &columns {
            if clean(grid.cell(i, c)).is_empty() {
                continue;
            }
            let Some(stated) = problems.note(read_count(grid, i, c, &header.labels[c])) else {
                continue;
            };
            let members = members(added, span, |s| {
                category.is_none_or(|cat| &s.category == cat)
            });
            let what = match span {
                Some((from, to)) => msg!(
                    "rows-sum-subtotal",
                    column = header.labels[c],
                    from = grid.row_number(from),
                    to = grid.row_number(to)
                ),
                None => msg!("counts-sum-units-above", column = header.labels[c]),
            };
            problems.note(check_total(grid, header, (i, c), stated, &members, what));
            checked += 1;
        }
    }
    problems.finish()?;
    Ok(CountTable {
        origin: grid.origin.clone(),
        form: TableForm::Wide,
        strata,
        sample_sizes,
        totals_checked: checked,
        zero_cells: zeros,
        filled_units: Vec::new(),
    })
}

/// Each totals row among `rows` (indices, in order) with the rows it adds up when it
/// is a 小计 (subtotal): those after the previous 小计 row (or the header) up to it, as
/// (first, last) indices. A 合计 adds up every row, whatever 小计 rows lie between.
fn subtotal_spans(
    grid: &Grid,
    header: &Header,
    rows: &[usize],
    unit_col: usize,
) -> Vec<(usize, Option<(usize, usize)>)> {
    let mut after = header.row;
    rows.iter()
        .map(|&i| {
            let cell = clean(&visible(grid.cell(i, unit_col)));
            let first = grid.rows[i]
                .iter()
                .map(|c| clean(&visible(c)))
                .find(|c| !c.is_empty());
            let label = if cell.is_empty() {
                first.unwrap_or_default()
            } else {
                cell
            };
            if !is_subtotal_label(&label) {
                return (i, None);
            }
            let span = (after + 1, i.saturating_sub(1));
            after = i;
            (i, Some(span))
        })
        .collect()
}

/// The addends of the strata that `keep` keeps, within the rows `span` (all rows
/// without one).
fn members(
    (strata, addends): (&[StratumCount], &[Addend]),
    span: Option<(usize, usize)>,
    keep: impl Fn(&StratumCount) -> bool,
) -> Vec<Addend> {
    strata
        .iter()
        .zip(addends)
        .filter(|(s, a)| keep(s) && span.is_none_or(|(from, to)| (from..=to).contains(&a.i)))
        .map(|(_, a)| *a)
        .collect()
}

/// The free-text columns (备注) of a header.
fn notes_columns(header: &Header) -> Vec<usize> {
    (0..header.fields.len())
        .filter(|&c| header.fields[c] == Some(Field::Notes))
        .collect()
}

fn hint_not_a_category(e: Error, label: &str) -> Error {
    match e {
        Error::Input { location, message } => Error::input(
            *location,
            msg!("counts-hint-not-a-category", message => message, label = label),
        ),
        other => other,
    }
}

impl CountTable {
    /// The order-independent content digest of the table: one record per stratum, so
    /// the same counts in long or wide form, CSV or workbook, digest alike.
    pub fn content_digest(&self) -> super::digest::ContentDigest {
        let fmt = |v: Option<f64>| v.map(crate::io::table::format_real).unwrap_or_default();
        super::digest::ContentDigest::of(self.strata.iter().map(|s| {
            let size = self
                .sample_sizes
                .get(&s.unit)
                .map(u64::to_string)
                .unwrap_or_default();
            let fields = vec![
                s.unit.clone(),
                s.category.key().to_string(),
                s.population.to_string(),
                fmt(s.sd),
                fmt(s.p),
                fmt(s.cost),
                s.quota.map(|q| q.to_string()).unwrap_or_default(),
                size,
            ];
            (s.unit.as_str(), s.category.key(), fields)
        }))
    }

    /// The normalised long form, for `pingyi counts` and for checking what was read.
    pub fn to_table(&self) -> crate::io::OutputTable {
        use crate::io::{Cell, ColumnKind, ColumnSpec};
        let opt_real = |v: Option<f64>| v.map(Cell::Float).unwrap_or(Cell::Empty);
        let rows: Vec<Vec<Cell>> = self
            .strata
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.unit.clone()),
                    super::alias::category_cell(&s.category),
                    Cell::Int(s.population as i64),
                    opt_real(s.sd),
                    opt_real(s.p),
                    opt_real(s.cost),
                    s.quota.map(|q| Cell::Int(q as i64)).unwrap_or(Cell::Empty),
                    self.sample_sizes
                        .get(&s.unit)
                        .map(|n| Cell::Int(*n as i64))
                        .unwrap_or(Cell::Empty),
                ]
            })
            .collect();
        let columns = vec![
            ColumnSpec::new("unit", "单位", ColumnKind::Text),
            ColumnSpec::new("category", "类别", ColumnKind::Text),
            ColumnSpec::new("count", "人数", ColumnKind::Int),
            ColumnSpec::new("sd", "标准差", ColumnKind::Float),
            ColumnSpec::new("p", "比例", ColumnKind::Float),
            ColumnSpec::new("cost", "成本", ColumnKind::Float),
            ColumnSpec::new("quota", "配额", ColumnKind::Int),
            ColumnSpec::new("sample_size", "样本量", ColumnKind::Int),
        ];
        // Optional columns appear only when the table gave them.
        let keep: Vec<bool> = (0..columns.len())
            .map(|j| j < 3 || rows.iter().any(|r: &Vec<Cell>| r[j] != Cell::Empty))
            .collect();
        crate::io::OutputTable {
            sheet: "服务对象类别和数量".to_string(),
            columns: columns
                .into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect(),
            rows: rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .zip(&keep)
                        .filter(|(_, k)| **k)
                        .map(|(c, _)| c)
                        .collect()
                })
                .collect(),
            choices: Vec::new(),
        }
    }
}
