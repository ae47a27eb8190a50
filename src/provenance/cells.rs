//! Naming the cells of an output edited by hand: the file as it is now, cell by cell
//! against the same output written again from its inputs, each change told with its
//! sheet, row and column (header and letter), what the cell holds and what it should,
//! personal values masked.

use crate::error::Location;
use crate::io::grid::{formula_cells, workbook_sheets};
use crate::io::table::TOTAL_LABEL;
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
    let mut seen = Changes::new(limit);
    for (i, (now, want)) in file.rows.iter().zip(&expected.rows).enumerate() {
        for col in 0..now.len().max(want.len()) {
            let (found, should) = (file.cell(i, col), expected.cell(i, col));
            if found == should || same_number(found, should) {
                continue;
            }
            let head = header.map(|h| expected.cell(h, col)).unwrap_or("");
            let location = file.cell_location(i, col, head);
            seen.add_shown(location, shown(head, found), shown(head, should));
        }
    }
    Some((seen.named, seen.total))
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

/// What an output written by an earlier release may hold otherwise than this release
/// writes it, and so is passed over: columns (by header) it may lack (when present,
/// they are compared). A table without its printed form (title rows and 合计 row) is
/// compared with the table alone, whatever the release.
#[derive(Debug, Default)]
pub struct Passed<'a> {
    pub columns: &'a [&'a str],
}

/// How an output whose bytes its manifest vouches for stands against the same output
/// written again from its inputs now.
pub enum Against {
    /// Byte for byte one of them, or equal to one in every cell (see
    /// [`against_written`] for what is passed over).
    Same,
    /// Its cells unlike the closest one's: at most `limit` named, and how many in all.
    Cells(Vec<CellChange>, usize),
    /// Rows added or deleted: how many it has, and how many the output written again.
    Rows(usize, usize),
}

/// `file` (read from `bytes`) against `written` (the output written again, in the
/// languages it may have been written in), each read at `sheet` as `file` was, and
/// every other sheet of a workbook against the same sheet written again: the closest
/// one counts. Nothing is passed over but what `passed` names (what an output of an
/// earlier release holds otherwise): a column missing, renamed, blanked or added, a
/// title row changed, a sheet added or missing, a formula, is a change like an edited
/// cell.
pub fn against_written(
    bytes: &[u8],
    file: &Grid,
    written: &[Vec<u8>],
    sheet: Option<&str>,
    (limit, passed): (usize, &Passed),
) -> Against {
    if written.iter().any(|w| w.as_slice() == bytes) {
        return Against::Same;
    }
    let name = file.origin.file.clone().unwrap_or_default();
    // Formulas are the file's own, whatever it is compared with: found once.
    let formulas = formulas(bytes, &name);
    let mut closest: Option<Against> = None;
    for (w, again) in written.iter().filter_map(|b| {
        // A sheet an earlier release named otherwise: the output's first sheet.
        let again = read_grid(b, &name, sheet).or_else(|_| read_grid(b, &name, None));
        again.ok().map(|g| (b, g))
    }) {
        let (mut changes, mut total) = match compare_grids(file, &again, (limit, passed)) {
            Err(rows) => {
                closest.get_or_insert(rows);
                continue;
            }
            Ok(found) => found,
        };
        let others = other_sheets((bytes, w), &again, &name, (limit, passed));
        for (c, t) in others.into_iter().chain(formulas.iter().cloned()) {
            changes.extend(c.into_iter().take(limit.saturating_sub(changes.len())));
            total += t;
        }
        if total == 0 {
            return Against::Same;
        }
        if !matches!(&closest, Some(Against::Cells(_, n)) if *n <= total) {
            closest = Some(Against::Cells(changes, total));
        }
    }
    // An output that cannot be written again to compare is no proof of anything.
    closest.unwrap_or(Against::Cells(Vec::new(), 1))
}

/// Every formula of a workbook is a change: pingyi writes none, and Excel or WPS would
/// show what the formula computes, not the value stored beside it that is compared.
fn formulas(bytes: &[u8], name: &str) -> Vec<(Vec<CellChange>, usize)> {
    workbook_sheets(bytes)
        .into_iter()
        .flat_map(|sheet| {
            formula_cells(bytes, &sheet)
                .into_iter()
                .map(move |(row, col, formula)| (sheet.clone(), row, col, formula))
        })
        .map(|(sheet, row, col, formula)| {
            let mut location = crate::error::Location::file(name).at_row(row);
            location.sheet = Some(sheet);
            location.column_index = Some(col);
            let change = CellChange {
                location,
                found: quote_cell(&formula),
                expected: quote_cell(""),
            };
            (vec![change], 1)
        })
        .collect()
}

/// The changes of every other sheet of a workbook (`bytes`) against the same sheet of
/// the workbook written again (`w`, whose sheet `again` was compared already): a sheet
/// missing or added, or of another number of rows, is one change; none for other files.
fn other_sheets(
    (bytes, w): (&[u8], &[u8]),
    again: &Grid,
    name: &str,
    (limit, passed): (usize, &Passed),
) -> Vec<(Vec<CellChange>, usize)> {
    let done = again.origin.sheet.as_deref();
    let whole = |sheet: &str, found: String, expected: String| {
        let mut location = crate::error::Location::file(name);
        location.sheet = Some(sheet.to_string());
        (
            vec![CellChange {
                location,
                found,
                expected,
            }],
            1,
        )
    };
    let wanted = workbook_sheets(w);
    let mut out: Vec<(Vec<CellChange>, usize)> = workbook_sheets(bytes)
        .into_iter()
        .filter(|s| !wanted.contains(s))
        .map(|s| whole(&s, quote_cell(&s), quote_cell("")))
        .collect();
    for s in wanted.iter().filter(|s| Some(s.as_str()) != done) {
        let Ok(want) = read_grid(w, name, Some(s)) else {
            continue;
        };
        let Ok(found) = read_grid(bytes, name, Some(s)) else {
            out.push(whole(s, quote_cell(""), quote_cell(s)));
            continue;
        };
        out.push(match compare_grids(&found, &want, (limit, passed)) {
            Ok(changed) => changed,
            Err(_) => {
                let rows = |g: &Grid| quote_cell(&g.rows.len().to_string());
                whole(s, rows(&found), rows(&want))
            }
        });
    }
    out
}

/// The cells of `file` unlike those of `again`: the title rows above the header cell by
/// cell; each column of `again` against the column of `file` headed alike, or else the
/// one at its place (its header then a change too), or missing (a change); a column of
/// `file` that `again` lacks, and a cell past the header's width, a change; at most
/// `limit` named, and how many in all. `Err` when the rows below the header differ in
/// number.
fn compare_grids(
    file: &Grid,
    again: &Grid,
    (limit, passed): (usize, &Passed),
) -> std::result::Result<(Vec<CellChange>, usize), Against> {
    let (hf, ha) = (
        header_row(file).unwrap_or(0),
        header_row(again).unwrap_or(0),
    );
    // A table without its printed form (no title row, no 合计 row: written by a release
    // before the form, or saved so) is compared with the output's table alone.
    let plain;
    let (again, ha) = if hf == 0 && ha > 0 {
        plain = without_printed_form(again, ha);
        (&plain, 0)
    } else {
        (again, ha)
    };
    // Rows of empty cells at the end (a spreadsheet's formatted but empty rows) are
    // no rows.
    let filled = |g: &Grid| {
        g.rows.len()
            - g.rows
                .iter()
                .rev()
                .take_while(|r| r.iter().all(|c| c.trim().is_empty()))
                .count()
    };
    let (rows_f, rows_a) = (filled(file).max(hf) - hf, filled(again).max(ha) - ha);
    if rows_f != rows_a {
        return Err(Against::Rows(rows_f, rows_a));
    }
    let mut seen = Changes::new(limit);
    // Title rows (a printed workbook's, the internal files' 内部资料，不得外传).
    for i in 0..hf.max(ha) {
        let width = row_width(file, i).max(row_width(again, i));
        for c in 0..width {
            let (found, should) = (cell_at(file, i, c), cell_at(again, i, c));
            if found.trim() != should.trim() {
                seen.add(
                    file.cell_location(i.min(file.rows.len()), c, ""),
                    found,
                    should,
                );
            }
        }
    }
    let heads: Vec<&str> = (0..row_width(again, ha))
        .map(|c| again.cell(ha, c).trim())
        .collect();
    let file_width = row_width(file, hf);
    let file_head = |c: usize| file.cell(hf, c).trim();
    let mut taken = vec![false; file_width];
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for (col, head) in heads.iter().enumerate() {
        let by_name =
            (0..file_width).find(|&c| !taken[c] && !head.is_empty() && file_head(c) == *head);
        if let Some(fcol) = by_name {
            taken[fcol] = true;
        }
        pairs.push((col, by_name));
    }
    // A column not found by its header is the one at its place, if that one is not
    // another column's: renamed or blanked.
    for (col, fcol) in pairs.iter_mut() {
        if fcol.is_none() && *col < file_width && !taken[*col] {
            taken[*col] = true;
            *fcol = Some(*col);
            let found = file_head(*col);
            if found != heads[*col] {
                seen.add(file.cell_location(hf, *col, found), found, heads[*col]);
            }
        }
    }
    for (col, fcol) in &pairs {
        let head = heads[*col];
        let Some(fcol) = *fcol else {
            // Deleted: its header is missing, and every cell under it (an earlier
            // release's output may lack the columns `passed` names).
            if !passed.columns.contains(&head) {
                seen.add(file.cell_location(hf, *col, head), "", head);
            }
            continue;
        };
        for k in 1..rows_a {
            let (found, should) = (file.cell(hf + k, fcol), again.cell(ha + k, *col));
            if found == should || same_number(found, should) || same_flags(found, should) {
                continue;
            }
            let location = file.cell_location(hf + k, fcol, head);
            seen.add_shown(location, shown(head, found), shown(head, should));
        }
    }
    // Columns and cells the output does not have: added by hand.
    for i in hf..file.rows.len() {
        for (c, found) in file.rows[i].iter().enumerate() {
            let extra = taken.get(c).is_none_or(|t| !t);
            if extra && !found.trim().is_empty() {
                seen.add(file.cell_location(i, c, ""), found, "");
            }
        }
    }
    Ok((seen.named, seen.total))
}

/// `grid` without its `titles` rows above the header and the 合计 row at its end.
fn without_printed_form(grid: &Grid, titles: usize) -> Grid {
    let mut rows: Vec<Vec<String>> = grid.rows[titles.min(grid.rows.len())..].to_vec();
    while rows
        .last()
        .is_some_and(|r| r.iter().all(|c| c.trim().is_empty()))
    {
        rows.pop();
    }
    if rows.len() > 1
        && rows
            .last()
            .is_some_and(|r| r.first().is_some_and(|c| c.trim() == TOTAL_LABEL))
    {
        rows.pop();
    }
    Grid {
        first_row: grid.first_row + titles,
        rows,
        text_numbers: Vec::new(),
        ..grid.clone()
    }
}

/// Changes gathered: at most `limit` named, all counted.
struct Changes {
    named: Vec<CellChange>,
    total: usize,
    limit: usize,
}

impl Changes {
    fn new(limit: usize) -> Changes {
        Changes {
            named: Vec::new(),
            total: 0,
            limit,
        }
    }

    fn add(&mut self, location: crate::error::Location, found: &str, expected: &str) {
        self.add_shown(location, quote_cell(found), quote_cell(expected));
    }

    fn add_shown(&mut self, location: crate::error::Location, found: String, expected: String) {
        self.total += 1;
        if self.named.len() < self.limit {
            self.named.push(CellChange {
                location,
                found,
                expected,
            });
        }
    }
}

/// How many cells row `i` of `grid` has (0 past its end).
fn row_width(grid: &Grid, i: usize) -> usize {
    grid.rows.get(i).map_or(0, Vec::len)
}

/// Cell `c` of row `i` ("" past the grid's end).
fn cell_at(grid: &Grid, i: usize, c: usize) -> &str {
    grid.rows
        .get(i)
        .and_then(|r| r.get(c))
        .map_or("", String::as_str)
}

/// Whether a cell `found` holds the number `should` holds, written another way, and
/// nothing else: a decimal equal to within 1e-14 of its size (Excel and WPS save
/// 0.8440000000000001 again as 0.844, other programs with 16 or 17 digits); a whole
/// number's own digits with a fraction of zeros (pandas writes 8 as 8.0); or, where
/// pingyi writes two or three decimals, a longer decimal that rounds to it there
/// (earlier releases wrote scores and means unrounded, 63.5528497… or 87.125, where
/// this one writes 63.55 or 87.13). A whole number is never matched by a fraction (a
/// rank of 2 is not 2.4, nor 1.4999999999), a code with leading zeros (0001) and a
/// number of more than 17 digits (an ID number, a ticket) only as text, and the sign
/// must agree.
fn same_number(found: &str, should: &str) -> bool {
    let (found, should) = (found.trim(), should.trim());
    // The whole part and the fraction of a plain number of at most 17 significant
    // digits (no leading zero before other digits: 0001 is a code).
    fn parts(s: &str) -> Option<(&str, &str)> {
        let body = s.strip_prefix('-').unwrap_or(s);
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let plain = |d: &str| d.chars().all(|c| c.is_ascii_digit());
        let padded = whole.len() > 1 && whole.starts_with('0');
        let digits = format!("{whole}{fraction}").trim_start_matches('0').len();
        (plain(whole) && !whole.is_empty() && !padded && plain(fraction) && digits <= 17)
            .then_some((whole, fraction))
    }
    let (Some((fw, ff)), Some((sw, sf))) = (parts(found), parts(should)) else {
        return false;
    };
    if found.starts_with('-') != should.starts_with('-') {
        return false;
    }
    if sf.is_empty() {
        // A whole number: its own digits, with a fraction of zeros at most.
        return fw == sw && ff.chars().all(|c| c == '0');
    }
    let (Ok(x), Ok(y)) = (found.parse::<f64>(), should.parse::<f64>()) else {
        return false;
    };
    if (x - y).abs() <= 1e-14 * x.abs().max(y.abs()) {
        return true;
    }
    // Scores are written to two decimals, a unit table's means to three (trailing
    // zeros left out: 28.50 is written 28.5, and 28.549 is not it).
    let rounds_to = |places: i32| {
        let scale = 10f64.powi(places);
        ((x * scale).round() / scale - y).abs() < 1e-9
    };
    ff.len() > sf.len() && sf.len() <= 3 && (rounds_to(2) || rounds_to(3))
}

/// Whether two cells name the same score flags, as this release writes them or as
/// earlier ones did (年度综合先进 annual comprehensive-advanced; …).
fn same_flags(a: &str, b: &str) -> bool {
    let flags = |s: &str| -> Option<Vec<String>> {
        s.split(';')
            .map(|f| crate::score::Flag::parse(f.trim()).map(|f| f.canonical()))
            .collect()
    };
    !a.trim().is_empty() && flags(a).is_some_and(|x| Some(x) == flags(b))
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
    fn numbers_match_only_when_written_another_way() {
        for (found, should) in [
            ("0.844", "0.8440000000000001"),
            ("0.052344601962922570", "0.05234460196292257"),
            ("8.0", "8"),
            ("63.5528497", "63.55"),
            ("87.125", "87.13"),
            ("0.8763440860215054", "0.876"),
        ] {
            assert!(same_number(found, should), "{found} ≠ {should}");
        }
        for (found, should) in [
            ("62", "62.06"),
            ("1", "0.5"),
            ("2.4", "2"),
            ("1.4999999999", "1"),
            ("28.5499999999", "28.5"),
            ("0.9999999999", "0001"),
            ("12345678901234568", "12345678901234567"),
            ("993630194710123999", "993630194710123736"),
            ("-0.0000000000", "0"),
            ("+92.55", "92.55"),
        ] {
            assert!(!same_number(found, should), "{found} = {should}");
        }
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
