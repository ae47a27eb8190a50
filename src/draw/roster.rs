//! Recipient rosters (one row per recipient): finding the id, unit and category
//! columns, and reading records with every other column carried through untouched.

use crate::error::{Error, Location, Result};
use crate::io::Category;
use crate::io::alias::Field;
use crate::io::grid::Grid;
use crate::io::text::{clean, match_key, trim};

use super::ticket::normalize_id;

/// Headers that name a recipient's own id.
const ID_ALIASES: [&str; 8] = [
    "id",
    "recipient_id",
    "编号",
    "对象编号",
    "人员编号",
    "档案编号",
    "救助证号",
    "证号",
];
/// Headers that name a resident ID number.
pub const ID_NUMBER_ALIASES: [&str; 7] = [
    "身份证号",
    "身份证号码",
    "公民身份号码",
    "身份证",
    "证件号码",
    "id_number",
    "id_card",
];
/// Headers that name a phone number.
pub const PHONE_ALIASES: [&str; 8] = [
    "电话",
    "联系电话",
    "手机",
    "手机号",
    "手机号码",
    "电话号码",
    "phone",
    "mobile",
];

fn matches_any(label: &str, aliases: &[&str]) -> bool {
    let key = match_key(label);
    aliases.iter().any(|a| match_key(a) == key)
}

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
    /// The grid row of the header.
    pub row: usize,
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
    /// The resident ID number and phone cells, where the roster has those columns.
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub location: Location,
}

/// Finds the header of a roster. `id_column` names the id column (a header, or any
/// alias of the resident-ID-number column such as 身份证号).
pub fn find_header(grid: &Grid, id_column: Option<&str>) -> Result<RosterHeader> {
    let (row, labels) = grid
        .rows
        .iter()
        .enumerate()
        .take(20)
        .find(|(_, r)| r.iter().any(|c| Field::from_header(c) == Some(Field::Unit)))
        // Headers are kept as written (only trimmed): outputs carry them unchanged.
        .map(|(i, r)| (i, r.iter().map(|c| trim(c).to_string()).collect::<Vec<_>>()))
        .ok_or_else(|| {
            Error::input(
                grid.origin.clone(),
                format!(
                    "no header row with a unit column in the first 20 rows; a roster needs \
                     an id, a unit ({}) and a category (类别) column",
                    Field::Unit.aliases()[..4].join("/")
                ),
            )
        })?;
    let find = |pred: &dyn Fn(&str) -> bool| labels.iter().position(|l| pred(l));
    let header_loc = grid.origin.at_row(grid.row_number(row));
    let unit = find(&|l| Field::from_header(l) == Some(Field::Unit)).unwrap_or(0);
    let category = find(&|l| Field::from_header(l) == Some(Field::Category)).ok_or_else(|| {
        Error::input(
            header_loc.clone(),
            "has no category column; name it 类别 or category",
        )
    })?;
    let id_number = find(&|l| matches_any(l, &ID_NUMBER_ALIASES));
    let phone = find(&|l| matches_any(l, &PHONE_ALIASES));
    let id = match id_column {
        Some(name) => {
            let wanted_is_id_number = matches_any(name, &ID_NUMBER_ALIASES);
            find(&|l| match_key(l) == match_key(name))
                .or(if wanted_is_id_number { id_number } else { None })
                .ok_or_else(|| {
                    Error::input(
                        header_loc.clone(),
                        format!(
                            "has no column '{name}' (given with --id-column); its columns are: {}",
                            labels.join(", ")
                        ),
                    )
                })?
        }
        None => find(&|l| matches_any(l, &ID_ALIASES)).ok_or_else(|| {
            Error::input(
                header_loc.clone(),
                format!(
                    "has no id column ({}); name the column that identifies each recipient \
                     with --id-column, e.g. --id-column 身份证号",
                    ID_ALIASES[..4].join(", ")
                ),
            )
        })?,
    };
    Ok(RosterHeader {
        labels,
        id,
        unit,
        category,
        id_number,
        phone,
        row,
    })
}

/// Reads the records under the header. Blank rows are skipped; a row without an id,
/// unit or category is an error naming its row and column.
pub fn records<'a>(
    grid: &'a Grid,
    header: &'a RosterHeader,
) -> impl Iterator<Item = Result<RosterRecord>> + 'a {
    (header.row + 1..grid.rows.len()).filter_map(move |i| {
        let row = &grid.rows[i];
        if row.iter().all(|c| clean(c).is_empty()) {
            return None;
        }
        let missing = |col: usize, what: &str| {
            Error::input(
                grid.cell_location(i, col, &header.labels[col]),
                format!("is empty; every recipient needs {what}"),
            )
        };
        let id = normalize_id(grid.cell(i, header.id));
        if id.is_empty() {
            return Some(Err(missing(header.id, "an id")));
        }
        let unit = clean(grid.cell(i, header.unit));
        if unit.is_empty() {
            return Some(Err(missing(header.unit, "a unit")));
        }
        let category = clean(grid.cell(i, header.category));
        if category.is_empty() {
            return Some(Err(missing(header.category, "a category")));
        }
        let mut cells = row.clone();
        cells.resize(header.labels.len(), String::new());
        Some(Ok(RosterRecord {
            id,
            unit,
            category: Category::from_label(&category),
            id_number: header.id_number.map(|c| cells[c].clone()),
            phone: header.phone.map(|c| cells[c].clone()),
            cells,
            location: grid.origin.at_row(grid.row_number(i)),
        }))
    })
}
