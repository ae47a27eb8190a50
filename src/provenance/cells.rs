//! Naming the cells of an output edited by hand: the file as it is now, cell by cell
//! against the same output written again from its inputs, each change told with its
//! sheet, row and column (header and letter), what the cell holds and what it should,
//! personal values masked.

use crate::error::Location;
use crate::io::grid::workbook_sheets;
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
    let mut changes = Vec::new();
    let mut total = 0;
    for (i, (now, want)) in file.rows.iter().zip(&expected.rows).enumerate() {
        for col in 0..now.len().max(want.len()) {
            let (found, should) = (file.cell(i, col), expected.cell(i, col));
            if found == should {
                continue;
            }
            total += 1;
            if changes.len() < limit {
                let head = header.map(|h| expected.cell(h, col)).unwrap_or("");
                changes.push(CellChange {
                    location: file.cell_location(i, col, head),
                    found: shown(head, found),
                    expected: shown(head, should),
                });
            }
        }
    }
    Some((changes, total))
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

/// How an output whose bytes its manifest vouches for stands against the same output
/// written again from its inputs now.
pub enum Against {
    /// Byte for byte one of them, or equal to one in every cell of the columns it has
    /// (an output of an earlier version lacks columns added since).
    Same,
    /// Its cells unlike the closest one's: at most `limit` named, and how many in all.
    Cells(Vec<CellChange>, usize),
    /// Rows added or deleted: how many it has, and how many the output written again.
    Rows(usize, usize),
}

/// `file` (read from `bytes`) against `written` (the output written again, in the
/// languages it may have been written in), each read at `sheet` as `file` was; the
/// columns headed as in `skip` are passed over.
pub fn against_written(
    bytes: &[u8],
    file: &Grid,
    written: &[Vec<u8>],
    sheet: Option<&str>,
    (limit, skip): (usize, &[&str]),
) -> Against {
    if written.iter().any(|w| w.as_slice() == bytes) {
        return Against::Same;
    }
    let name = file.origin.file.clone().unwrap_or_default();
    let mut closest: Option<Against> = None;
    for (w, again) in written
        .iter()
        .filter_map(|b| read_grid(b, &name, sheet).ok().map(|g| (b, g)))
    {
        let (mut changes, mut total) = match cells_by_header(file, &again, (limit, skip)) {
            Err(rows) => {
                closest.get_or_insert(rows);
                continue;
            }
            // Written in another language: no header in common, nothing compared.
            Ok(None) => continue,
            Ok(Some(found)) => found,
        };
        for (c, t) in other_sheets(bytes, (w, &again), &name, (limit, skip)) {
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
    closest.unwrap_or(Against::Same)
}

/// The changes of every other sheet of a workbook (`bytes`) against the same sheet of
/// the workbook written again (`w`, whose sheet `again` was compared already): a sheet
/// missing, or of another number of rows, is one change; none for other files.
fn other_sheets(
    bytes: &[u8],
    (w, again): (&[u8], &Grid),
    name: &str,
    (limit, skip): (usize, &[&str]),
) -> Vec<(Vec<CellChange>, usize)> {
    let done = again.origin.sheet.as_deref();
    workbook_sheets(w)
        .into_iter()
        .filter(|s| Some(s.as_str()) != done)
        .filter_map(|s| {
            let want = read_grid(w, name, Some(&s)).ok()?;
            let whole = |found: String, expected: String| {
                let mut location = crate::error::Location::file(name);
                location.sheet = Some(s.clone());
                Some((
                    vec![CellChange {
                        location,
                        found,
                        expected,
                    }],
                    1,
                ))
            };
            let Ok(found) = read_grid(bytes, name, Some(&s)) else {
                return whole(String::new(), quote_cell(&s));
            };
            match cells_by_header(&found, &want, (limit, skip)) {
                Ok(changed) => changed,
                Err(Against::Rows(f, a)) => {
                    whole(quote_cell(&f.to_string()), quote_cell(&a.to_string()))
                }
                Err(_) => None,
            }
        })
        .collect()
}

/// The cells of `file` unlike those of `again` below their header rows, each column of
/// `again` compared with the column of `file` headed alike (a column `file` lacks,
/// added since it was written, is passed over; a title row above either is too): at
/// most `limit` named, and how many in all (`None` when no header is in common);
/// `Err` when the rows below differ in number.
fn cells_by_header(
    file: &Grid,
    again: &Grid,
    (limit, skip): (usize, &[&str]),
) -> std::result::Result<Option<(Vec<CellChange>, usize)>, Against> {
    let (hf, ha) = (
        header_row(file).unwrap_or(0),
        header_row(again).unwrap_or(0),
    );
    let (rows_f, rows_a) = (file.rows.len() - hf, again.rows.len() - ha);
    if rows_f != rows_a {
        return Err(Against::Rows(rows_f, rows_a));
    }
    let width = again.rows.get(ha).map_or(0, Vec::len);
    let heads: Vec<&str> = (0..width).map(|c| again.cell(ha, c).trim()).collect();
    let mut changes = Vec::new();
    let (mut total, mut compared) = (0, 0);
    // A column whose header is none of the output's was renamed or added by hand: its
    // header is a change, and its cells are compared with the column at its place.
    let file_width = file.rows.get(hf).map_or(0, Vec::len);
    if !(0..file_width).any(|c| heads.contains(&file.cell(hf, c).trim())) {
        // Written in another language: no header in common, nothing compared.
        return Ok(None);
    }
    let mut renamed = Vec::new();
    for fcol in 0..file_width {
        let found = file.cell(hf, fcol).trim();
        if found.is_empty() || heads.contains(&found) {
            continue;
        }
        total += 1;
        let should = heads.get(fcol).copied().unwrap_or("");
        if changes.len() < limit {
            changes.push(CellChange {
                location: file.cell_location(hf, fcol, found),
                found: quote_cell(found),
                expected: quote_cell(should),
            });
        }
        if !should.is_empty() && !(0..file_width).any(|c| file.cell(hf, c).trim() == should) {
            renamed.push((fcol, fcol));
        }
    }
    let by_header = (0..width).filter_map(|col| {
        let head = heads[col];
        (0..file_width)
            .find(|&c| file.cell(hf, c).trim() == head)
            .map(|fcol| (col, fcol))
    });
    let pairs: Vec<(usize, usize)> = by_header.chain(renamed).collect();
    for (col, fcol) in pairs {
        let head = heads[col];
        if skip.contains(&head) {
            continue;
        }
        compared += 1;
        for k in 1..rows_a {
            let (found, should) = (file.cell(hf + k, fcol), again.cell(ha + k, col));
            if found == should || same_number(found, should) || same_flags(found, should) {
                continue;
            }
            total += 1;
            if changes.len() < limit {
                changes.push(CellChange {
                    location: file.cell_location(hf + k, fcol, head),
                    found: shown(head, found),
                    expected: shown(head, should),
                });
            }
        }
    }
    Ok((compared > 0 || total > 0).then_some((changes, total)))
}

/// Whether a cell `found` holds the number `should` holds, written to another
/// precision: equal; or longer, and rounded to the decimals of `should` it is `should`
/// (earlier releases wrote a score unrounded, 63.5528…, where this one writes 63.55);
/// or equal to 15 significant digits (Excel or WPS saves 0.8440000000000001 again as
/// 0.844). A number replaced by a coarser rounding of it (62.06 → 62, 0.5 → 1) is a
/// change.
fn same_number(found: &str, should: &str) -> bool {
    let decimals = |s: &str| s.trim().split_once('.').map_or(0, |(_, d)| d.len());
    let (Ok(x), Ok(y)) = (found.trim().parse::<f64>(), should.trim().parse::<f64>()) else {
        return false;
    };
    if !(x.is_finite() && y.is_finite()) {
        return false;
    }
    if x == y || format!("{x:.14e}") == format!("{y:.14e}") {
        return true;
    }
    let d = decimals(should);
    let scale = 10f64.powi(d.min(15) as i32);
    decimals(found) > d && ((x * scale).round() - y * scale).abs() < 1e-6
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
