//! Recipient rosters (one row per recipient): finding the id, unit and category
//! columns, and reading records with every other column carried through untouched.

use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::io::Category;
use crate::io::alias::{Field, Input};
use crate::io::names::UnitNames;
pub(crate) use crate::io::ragged::is_blank;
use crate::io::ragged::ragged_row;
use crate::io::stream::{Row, Rows};
use crate::io::text::{clean, match_key, trim, unit_key};

use super::ticket::normalize_id;

/// The columns of a roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterHeader {
    /// Every header, as written.
    pub labels: Vec<String>,
    pub id: usize,
    pub unit: usize,
    pub category: usize,
    pub id_number: Option<usize>,
    pub phone: Option<usize>,
}

/// One recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRecord {
    /// The id after normalisation, as hashed.
    pub id: String,
    pub unit: String,
    pub category: Category,
    /// Every cell of the row as read, aligned with the header.
    pub cells: Vec<String>,
    /// The resident ID number and phone cells, where the roster has those columns (a
    /// drawn record leaves them to its cells).
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub location: Location,
}

/// A roster being read: its header, then its records one by one.
pub struct RosterReader {
    pub header: RosterHeader,
    origin: Location,
    /// Rows read while looking for the header that come after it.
    buffered: std::collections::VecDeque<Row>,
    rows: Rows,
    /// The header's row number.
    pub header_row: usize,
    /// Category labels already recognised (a roster repeats a handful of them).
    categories: std::collections::HashMap<String, Category>,
    /// The unit names met so far, to refuse one unit spelled two ways.
    names: UnitNames,
}

impl RosterReader {
    /// Reads rows until the header, which must be among the first 20. `id_column`
    /// names the id column (a header, or any alias of the resident-ID-number column).
    pub fn open(mut rows: Rows, id_column: Option<&str>) -> Result<RosterReader> {
        let origin = rows.origin.clone();
        let (mut seen, header_at) = rows_to_header(&mut rows)?;
        let at = header_at.ok_or_else(|| {
            Error::input(
                origin.clone(),
                msg!(
                    "draw-no-header",
                    units = Field::Unit.aliases()[..4].join("/")
                ),
            )
        })?;
        let (number, cells) = &seen[at];
        let header_row = *number;
        let header = parse_header(cells, origin.at_row(header_row), id_column)?;
        let buffered = seen.split_off(at + 1).into();
        Ok(RosterReader {
            header,
            origin,
            buffered,
            rows,
            header_row,
            categories: std::collections::HashMap::new(),
            names: UnitNames::default(),
        })
    }

    /// The file (and sheet) being read.
    pub fn origin(&self) -> &Location {
        &self.origin
    }

    /// The format of the file being read.
    pub fn format(&self) -> crate::io::grid::SourceFormat {
        self.rows.format
    }

    /// The rows after the header, for readers that make records themselves.
    pub fn into_rows(self) -> impl Iterator<Item = Result<Row>> {
        self.buffered.into_iter().map(Ok).chain(self.rows)
    }

    fn record(&mut self, number: usize, cells: Vec<String>) -> Option<Result<RosterRecord>> {
        let h = &self.header;
        let spelled = cells.get(h.unit).map(|u| clean(u)).unwrap_or_default();
        let record = make_record(h, &self.origin, number, cells, &mut self.categories)?;
        Some(record.and_then(|r| {
            let at = r.location.at_column(&h.labels[h.unit], h.unit);
            self.names.key(&spelled, &at)?;
            Ok(r)
        }))
    }
}

/// The record of row `number` of a roster headed `h`; None for a blank row. A row
/// without an id, unit or category is an error naming its row and column. `categories`
/// caches recognised category labels.
pub fn make_record(
    h: &RosterHeader,
    origin: &Location,
    number: usize,
    mut cells: Vec<String>,
    categories: &mut std::collections::HashMap<String, Category>,
) -> Option<Result<RosterRecord>> {
    if cells.iter().all(|c| is_blank(c)) {
        return None;
    }
    let location = origin.at_row(number);
    if let Some(e) = ragged_row(&h.labels, &location, &cells) {
        return Some(Err(e));
    }
    let missing = |col: usize, what: &str| Err(empty_cell(h, &location, col, what));
    cells.resize(h.labels.len().max(cells.len()), String::new());
    cells.truncate(h.labels.len());
    let id = normalize_id(&cells[h.id]);
    if let Some(e) = id_problem(h, &|| location.clone(), &id) {
        return Some(Err(e));
    }
    let unit = unit_key(&cells[h.unit]);
    if unit.is_empty() {
        return Some(missing(h.unit, "unit"));
    }
    let label = &cells[h.category];
    if clean(label).is_empty() {
        return Some(missing(h.category, "category"));
    }
    let category = match categories.get(label) {
        Some(c) => c.clone(),
        None => {
            let c = Category::from_label(label);
            categories.insert(label.clone(), c.clone());
            c
        }
    };
    Some(Ok(RosterRecord {
        id,
        unit,
        category,
        id_number: h.id_number.map(|c| cells[c].clone()),
        phone: h.phone.map(|c| cells[c].clone()),
        cells,
        location,
    }))
}

impl Iterator for RosterReader {
    type Item = Result<RosterRecord>;

    /// The next record; blank rows are skipped, and a row without an id, unit or
    /// category is an error naming its row and column.
    fn next(&mut self) -> Option<Result<RosterRecord>> {
        loop {
            let (number, cells) = match self.buffered.pop_front() {
                Some(row) => row,
                None => match self.rows.next()? {
                    Ok(row) => row,
                    Err(e) => return Some(Err(e)),
                },
            };
            if let Some(record) = self.record(number, cells) {
                return Some(record);
            }
        }
    }
}

/// The error for an empty id, unit or category cell (`what`: id, unit or category).
pub(crate) fn empty_cell(h: &RosterHeader, at: &Location, col: usize, what: &str) -> Error {
    Error::input(
        at.at_column(&h.labels[col], col),
        msg!("draw-empty-cell", what = what),
    )
}

/// What is wrong with a normalised id, if anything: empty, holding characters that print
/// as nothing, or a long number that a spreadsheet stored as a number.
pub(crate) fn id_problem(h: &RosterHeader, at: &dyn Fn() -> Location, id: &str) -> Option<Error> {
    if id.is_empty() {
        return Some(empty_cell(h, &at(), h.id, "id"));
    }
    if !id.is_ascii() {
        let hidden: Vec<String> = id
            .chars()
            .filter(|c| crate::io::text::is_invisible(*c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        if !hidden.is_empty() {
            // Two ids that print alike would be two people, each with a ticket of its own.
            return Some(Error::input(
                at().at_column(&h.labels[h.id], h.id),
                msg!("draw-id-invisible", chars = hidden.join(" ")),
            ));
        }
    }
    if id.starts_with('#') && crate::io::text::is_formula_error(id) {
        // Excel and WPS show a formula's error in the cell and save it in a CSV: every
        // row whose lookup failed would share one "id".
        return Some(Error::input(
            at().at_column(&h.labels[h.id], h.id),
            msg!("draw-id-formula-error", value = id),
        ));
    }
    if super::quality::rounded_id_number(id) {
        return Some(Error::input(
            at().at_column(&h.labels[h.id], h.id),
            msg!("draw-id-rounded"),
        ));
    }
    if id.contains(['e', 'E']) && id.parse::<f64>().is_ok_and(|v| v >= 1e15) {
        return Some(Error::input(
            at().at_column(&h.labels[h.id], h.id),
            msg!("draw-id-stored-as-number"),
        ));
    }
    None
}

/// The first rows, up to the header (the first row naming a unit column) or up to 20;
/// where the header is among them.
fn rows_to_header(rows: &mut Rows) -> Result<(Vec<Row>, Option<usize>)> {
    let mut seen: Vec<Row> = Vec::new();
    for row in rows.by_ref() {
        let row = row?;
        let is_header = row
            .1
            .iter()
            .any(|c| Input::Roster.field(c) == Some(Field::Unit));
        seen.push(row);
        if is_header {
            let at = seen.len() - 1;
            return Ok((seen, Some(at)));
        }
        if seen.len() >= 20 {
            break;
        }
    }
    Ok((seen, None))
}

/// Finds the id, unit, category, ID-number and phone columns of a header row.
fn parse_header(cells: &[String], at: Location, id_column: Option<&str>) -> Result<RosterHeader> {
    // Headers are kept as written (only trimmed): outputs carry them unchanged.
    let labels: Vec<String> = cells.iter().map(|c| trim(c).to_string()).collect();
    // Two phone or id columns are common (联系电话 and 手机号码) and read by order; two
    // unit or category columns would make the stratum a guess.
    Input::Roster.refuse_named_twice(&labels, &[Field::Unit, Field::Category], &at)?;
    let unit = Input::Roster.find(&labels, Field::Unit).unwrap_or(0);
    let category = Input::Roster
        .find(&labels, Field::Category)
        .ok_or_else(|| {
            Error::input(
                at.clone(),
                msg!(
                    "draw-no-category-column",
                    names = Field::Category.aliases()[..5].join(", ")
                ),
            )
        })?;
    let id_number = Input::Roster.find(&labels, Field::IdNumber);
    let phone = Input::Roster.find(&labels, Field::Phone);
    let id = id_column_of(&labels, id_column, id_number, &at)?;
    Ok(RosterHeader {
        labels,
        id,
        unit,
        category,
        id_number,
        phone,
    })
}

/// The id column among `labels`: the one named `id_column` (by its match key, or the
/// ID-number column `id_number` when it names that by an alias); without a name, the
/// one headed as an id (编号, 人员编号 …), else the ID-number column (身份证号 …).
fn id_column_of(
    labels: &[String],
    id_column: Option<&str>,
    id_number: Option<usize>,
    at: &Location,
) -> Result<usize> {
    let Some(name) = id_column else {
        return Input::Roster
            .find(labels, Field::Id)
            .or(id_number)
            .ok_or_else(|| {
                Error::input(
                    at.clone(),
                    msg!(
                        "draw-no-id-column",
                        ids = Field::Id.aliases()[..4].join(", "),
                        id_numbers = Field::IdNumber.aliases()[..3].join(", "),
                        columns = labels.join(", ")
                    ),
                )
            });
    };
    let wanted_is_id_number = Input::Roster.field(name) == Some(Field::IdNumber);
    labels
        .iter()
        .position(|l| match_key(l) == match_key(name))
        .or(if wanted_is_id_number { id_number } else { None })
        .ok_or_else(|| {
            Error::input(
                at.clone(),
                msg!(
                    "draw-id-column-missing",
                    name = name,
                    columns = labels.join(", ")
                ),
            )
        })
}
