//! Reading any table file into a grid of text cells: CSV (UTF-8, BOM, GBK/GB18030),
//! .xlsx/.xls workbooks (first sheet or a named one) and Parquet. Stage parsers work
//! on the grid, so every format is read the same way.

use std::io::Cursor;

use calamine::{Data, Reader};
use polars::prelude::*;

use super::decode::{TextEncoding, decode};
use crate::error::{Error, Location, Result};

/// The format a table was read from, recorded in manifests and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    Csv(TextEncoding),
    Workbook,
    Parquet,
}

impl SourceFormat {
    /// A short description such as "CSV (GB18030)".
    pub fn describe(&self) -> String {
        match self {
            SourceFormat::Csv(e) => format!("CSV ({})", e.name()),
            SourceFormat::Workbook => "workbook".to_string(),
            SourceFormat::Parquet => "Parquet".to_string(),
        }
    }
}

/// A table as text cells, with the spreadsheet row number of its first row so that
/// messages can point at the row the user sees.
#[derive(Debug, Clone)]
pub struct Grid {
    /// The file (and sheet) the grid came from.
    pub origin: Location,
    pub format: SourceFormat,
    /// The 1-based row number of `rows[0]`.
    pub first_row: usize,
    /// The 0-based column index of the first cell of each row.
    pub first_col: usize,
    pub rows: Vec<Vec<String>>,
    /// Workbook cells stored as text that read as whole numbers, as `(i, col)`
    /// indices into `rows`: Excel's SUM skips them (empty for other formats).
    pub text_numbers: Vec<(usize, usize)>,
}

impl Grid {
    /// The spreadsheet row number of `rows[i]`.
    pub fn row_number(&self, i: usize) -> usize {
        self.first_row + i
    }

    /// The location of a cell given its indices into `rows`.
    pub fn cell_location(&self, i: usize, col: usize, header: &str) -> Location {
        self.origin
            .at_row(self.row_number(i))
            .at_column(header, self.first_col + col)
    }

    /// The index of the header row of a table of `kind`: the first of the first 20 rows
    /// with a cell naming `field`.
    pub fn header_row(
        &self,
        kind: super::alias::Input,
        field: super::alias::Field,
    ) -> Option<usize> {
        self.rows
            .iter()
            .take(20)
            .position(|r| r.iter().any(|c| kind.field(c) == Some(field)))
    }

    /// The cell text at `rows[i][col]`, empty where the row is short.
    pub fn cell(&self, i: usize, col: usize) -> &str {
        self.rows
            .get(i)
            .and_then(|r| r.get(col))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// Reads `bytes` (the content of the file called `name`) into a grid. The format is
/// recognised from the content, not the name, so a workbook saved as .csv still reads.
/// `sheet` picks a worksheet by name; the first sheet otherwise.
pub fn read_grid(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Grid> {
    let origin = Location::file(name);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return read_workbook(bytes, origin, sheet);
    }
    if bytes.starts_with(b"PAR1") {
        return read_parquet(bytes, origin);
    }
    if sheet.is_some() {
        return Err(Error::usage(crate::i18n::msg!(
            "grid-sheet-not-workbook",
            file = name
        )));
    }
    read_csv(bytes, origin)
}

fn not_a_table(origin: Location, what: crate::i18n::Message) -> Error {
    Error::input(origin, crate::i18n::msg!("grid-not-a-table", what => what))
}

fn read_csv(bytes: &[u8], origin: Location) -> Result<Grid> {
    if bytes.starts_with(b"%PDF") {
        return Err(not_a_table(origin, crate::i18n::msg!("grid-pdf")));
    }
    let (text, encoding) = decode(bytes)
        .ok_or_else(|| not_a_table(origin.clone(), crate::i18n::msg!("grid-not-text")))?;
    let delimiter = sniff_delimiter(&text);
    if let Some(line) = unclosed_quote(&text, delimiter) {
        return Err(Error::input(
            origin.at_row(line),
            crate::i18n::msg!("grid-unclosed-quote"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // Row numbers are line numbers, counted from byte offsets: the reader skips blank
    // lines, which must still count for messages to point at the right row.
    let newlines: Vec<usize> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    // A record's position is where the reader began, before the blank lines it skipped.
    let bytes = text.as_bytes();
    let line_of = |byte: u64| {
        let mut start = byte as usize;
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        newlines.partition_point(|&nl| nl < start) + 1
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let row = e
                .position()
                .map(|p| line_of(p.byte()))
                .unwrap_or(rows.len() + 1);
            Error::input(
                origin.at_row(row),
                crate::i18n::msg!("csv-unreadable", reason => crate::i18n::csv_reason(&e)),
            )
        })?;
        let line = record
            .position()
            .map(|p| line_of(p.byte()))
            .unwrap_or(rows.len() + 1);
        while rows.len() + 1 < line {
            rows.push(Vec::new());
        }
        rows.push(record.iter().map(str::to_string).collect());
    }
    Ok(Grid {
        origin,
        format: SourceFormat::Csv(encoding),
        first_row: 1,
        first_col: 0,
        rows,
        text_numbers: Vec::new(),
    })
}

/// The line on which a quoted field opens that the file never closes, read as the CSV
/// reader reads it: a quote opens a field only at the field's start, and `""` inside
/// quotes is a quote character.
pub fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let mut scan = QuoteScan::new(delimiter);
    text.as_bytes().iter().for_each(|&b| scan.feed(b));
    scan.open_at()
}

/// Follows CSV text byte by byte to tell, at its end, whether a quoted field is still
/// open and on which line it opened.
pub(crate) struct QuoteScan {
    delimiter: u8,
    state: QuoteState,
    line: usize,
    opened: usize,
}

#[derive(PartialEq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl QuoteScan {
    pub(crate) fn new(delimiter: u8) -> QuoteScan {
        QuoteScan {
            delimiter,
            state: QuoteState::FieldStart,
            line: 1,
            opened: 1,
        }
    }

    pub(crate) fn feed(&mut self, b: u8) {
        use QuoteState::*;
        self.state = match self.state {
            Quoted if b == b'"' => QuoteInQuoted,
            Quoted => Quoted,
            QuoteInQuoted if b == b'"' => Quoted,
            FieldStart if b == b'"' => {
                self.opened = self.line;
                Quoted
            }
            _ if b == self.delimiter || b == b'\n' || b == b'\r' => FieldStart,
            _ => Unquoted,
        };
        if b == b'\n' {
            self.line += 1;
        }
    }

    /// The line of the quote still open, if one is.
    pub(crate) fn open_at(&self) -> Option<usize> {
        (self.state == QuoteState::Quoted).then_some(self.opened)
    }
}

/// Comma unless the first non-blank line has more tabs or semicolons than commas.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| line.matches(c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    if tabs > commas && tabs >= semis {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// The names of a workbook's sheets, in order (none for a file that is no workbook).
pub fn workbook_sheets(bytes: &[u8]) -> Vec<String> {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0")) {
        return Vec::new();
    }
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map(|w| w.sheet_names())
        .unwrap_or_default()
}

fn is_encrypted_workbook(bytes: &[u8]) -> bool {
    let marker: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.starts_with(b"\xD0\xCF\x11\xE0") && bytes.windows(marker.len()).any(|w| w == marker)
}

fn read_workbook(bytes: &[u8], origin: Location, sheet: Option<&str>) -> Result<Grid> {
    if is_encrypted_workbook(bytes) {
        return Err(Error::input(origin, crate::i18n::msg!("grid-encrypted")));
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::input(
            origin.clone(),
            crate::i18n::msg!(
                "grid-workbook-unreadable",
                reason => crate::i18n::workbook_reason(&e)
            ),
        )
    })?;
    let names = workbook.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                Error::usage(crate::i18n::msg!(
                    "grid-no-such-sheet",
                    location => origin.message(),
                    sheet = s,
                    sheets = names.join(", ")
                ))
            })?,
        None => first_shown(workbook.sheets_metadata())
            .ok_or_else(|| Error::input(origin.clone(), crate::i18n::msg!("grid-no-sheets")))?,
    };
    let range = workbook.worksheet_range(&chosen).map_err(|e| {
        Error::input(
            origin.clone(),
            crate::i18n::msg!(
                "grid-sheet-unreadable",
                sheet = chosen,
                reason => crate::i18n::workbook_reason(&e)
            ),
        )
    })?;
    let (first_row, first_col) = range
        .start()
        .map(|(r, c)| (r as usize + 1, c as usize))
        .unwrap_or((1, 0));
    let shown = shown_formats(&mut workbook, &chosen, &range);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(c, cell)| {
                    let at = (i + first_row - 1, c + first_col);
                    shown
                        .get(&at)
                        .and_then(|code| shown_number(cell, code))
                        .unwrap_or_else(|| cell_text(cell))
                })
                .collect()
        })
        .collect();
    let origin = Location {
        sheet: Some(chosen),
        ..origin
    };
    Ok(Grid {
        origin,
        format: SourceFormat::Workbook,
        first_row,
        first_col,
        rows,
        text_numbers: text_numbers(&range),
    })
}

/// Every shown worksheet of workbook `bytes` (named `name`) for which `fits` holds, each
/// read: for a table whose first sheet is something else (a 说明 sheet of notes before
/// it). Empty for a file that is not a workbook, or when no sheet fits.
pub fn fitting_sheets(bytes: &[u8], name: &str, fits: impl Fn(&Grid) -> bool) -> Vec<Grid> {
    let is_workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0");
    if !is_workbook || is_encrypted_workbook(bytes) {
        return Vec::new();
    }
    let Ok(workbook) = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let shown: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| {
            s.visible == calamine::SheetVisible::Visible && s.typ == calamine::SheetType::WorkSheet
        })
        .map(|s| s.name.clone())
        .collect();
    shown
        .iter()
        .filter_map(|sheet| read_workbook(bytes, Location::file(name), Some(sheet)).ok())
        .filter(|g| fits(g))
        .collect()
}

/// The one shown sheet of workbook `bytes` (named `name`) for which `fits` holds, read;
/// `grid` (the sheet read by default) when none does; when several do, the error
/// `several` makes of their names (which sheet is meant would be a guess).
pub fn fitting_sheet(
    grid: Grid,
    bytes: &[u8],
    name: &str,
    fits: impl Fn(&Grid) -> bool,
    several: impl FnOnce(String) -> crate::i18n::Message,
) -> Result<Grid> {
    let mut found = fitting_sheets(bytes, name, fits);
    match found.len() {
        0 => Ok(grid),
        1 => Ok(found.remove(0)),
        _ => {
            let sheets: Vec<String> = found
                .iter()
                .filter_map(|g| g.origin.sheet.clone())
                .collect();
            Err(Error::input(
                Location::file(name),
                several(sheets.join(", ")),
            ))
        }
    }
}

/// The sheet read when none is named: the first worksheet Excel or WPS shows, never a
/// hidden one (an old table kept out of sight); the first sheet if every one is hidden.
fn first_shown(sheets: &[calamine::Sheet]) -> Option<String> {
    let shown = |s: &&calamine::Sheet| {
        s.visible == calamine::SheetVisible::Visible && s.typ == calamine::SheetType::WorkSheet
    };
    sheets
        .iter()
        .find(shown)
        .or(sheets.first())
        .map(|s| s.name.clone())
}

/// The cells of `range` stored as text that read as whole numbers.
fn text_numbers(range: &calamine::Range<Data>) -> Vec<(usize, usize)> {
    range
        .rows()
        .enumerate()
        .flat_map(|(i, row)| {
            row.iter()
                .enumerate()
                .filter_map(move |(c, cell)| match cell {
                    Data::String(s) if super::text::parse_count(s).is_ok() => Some((i, c)),
                    _ => None,
                })
        })
        .collect()
}

/// The cells of a workbook's sheet that hold a formula but no stored result, as
/// (row number, 0-based column): a file written by a program, never opened and saved
/// in Excel or WPS, which compute the results. Empty for other formats, and when any
/// formula has a stored result: a saved file's formula may well compute to "".
pub fn formulas_without_results(bytes: &[u8], sheet: &str) -> Vec<(usize, usize)> {
    let cells = formula_cells(bytes, sheet);
    let Ok(mut workbook) = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(values) = workbook.worksheet_range(sheet) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (row, col, _) in cells {
        let at = ((row - 1) as u32, col as u32);
        let stored = values
            .get_value(at)
            .is_some_and(|v| !matches!(v, Data::Empty) && !v.to_string().is_empty());
        if stored {
            return Vec::new();
        }
        out.push((row, col));
    }
    out
}

/// The cells of a sheet that hold a formula: (1-based row, 0-based column, formula).
pub fn formula_cells(bytes: &[u8], sheet: &str) -> Vec<(usize, usize, String)> {
    let Ok(mut workbook) = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(formulas) = workbook.worksheet_formula(sheet) else {
        return Vec::new();
    };
    let Some((r0, c0)) = formulas.start() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, row) in formulas.rows().enumerate() {
        for (c, formula) in row.iter().enumerate() {
            if !formula.is_empty() {
                let (r, c) = (r0 as usize + i + 1, c0 as usize + c);
                out.push((r, c, format!("={formula}")));
            }
        }
    }
    out
}

/// The number formats of a sheet's whole-number cells whose format pads them with
/// zeros or writes text around them (`0000`, `"QS"00000`), by (0-based row, column):
/// Excel and WPS show `11` formatted `0000` as `0011`, and an id read as `11` would
/// be another id than the one the clerk sees (and a CSV saved from the sheet holds).
/// Only xlsx files keep formats calamine reads; others give none.
fn shown_formats<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    sheet: &str,
    range: &calamine::Range<Data>,
) -> std::collections::HashMap<(usize, usize), String> {
    let mut out = std::collections::HashMap::new();
    let whole = |cell: &Data| match cell {
        Data::Int(_) => true,
        Data::Float(f) => f.fract() == 0.0 && f.abs() < 1e15,
        _ => false,
    };
    let Some((r0, c0)) = range.start() else {
        return out;
    };
    if !range.rows().any(|row| row.iter().any(whole)) {
        return out;
    }
    let calamine::Sheets::Xlsx(xlsx) = workbook else {
        return out;
    };
    let Ok(styles) = xlsx.worksheet_style(sheet) else {
        return out;
    };
    for (i, row) in range.rows().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !whole(cell) {
                continue;
            }
            let at = (r0 + i as u32, c0 + c as u32);
            let code = styles
                .get(at)
                .and_then(|s| s.number_format.as_ref())
                .map(|f| f.format_code.as_str());
            if let Some(code) = code.filter(|code| padded_format(code).is_some()) {
                out.insert((at.0 as usize, at.1 as usize), code.to_string());
            }
        }
    }
    out
}

/// A number format that shows a whole number padded with zeros or with text around
/// it: (text before, zeros, text after), from its first section. None for any other
/// format (General, decimals, thousands separators, dates…): those cells are read as
/// numbers are.
fn padded_format(code: &str) -> Option<(String, usize, String)> {
    let (mut before, mut zeros, mut after) = (String::new(), 0usize, String::new());
    let mut chars = code.chars();
    let mut any_text = false;
    while let Some(ch) = chars.next() {
        let text = match ch {
            '0' if after.is_empty() => {
                zeros += 1;
                continue;
            }
            '"' => {
                let quoted: String = chars.by_ref().take_while(|&c| c != '"').collect();
                quoted
            }
            '\\' => chars.next()?.to_string(),
            ';' => break,
            _ => return None,
        };
        any_text = true;
        if zeros == 0 {
            before.push_str(&text);
        } else {
            after.push_str(&text);
        }
    }
    (zeros > 1 || (zeros == 1 && any_text)).then_some((before, zeros, after))
}

/// A whole-number cell as Excel shows it under a padding format `code`.
fn shown_number(cell: &Data, code: &str) -> Option<String> {
    let value = match cell {
        Data::Int(i) => *i,
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => *f as i64,
        _ => return None,
    };
    let (before, zeros, after) = padded_format(code)?;
    let sign = if value < 0 { "-" } else { "" };
    let digits = value.unsigned_abs().to_string();
    Some(format!("{sign}{before}{digits:0>zeros$}{after}"))
}

/// A workbook cell as the text a user sees; whole numbers without ".0".
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // Excel keeps 15 significant digits: a longer number (an 18-digit ID number
        // typed into a number cell) has already lost digits. Scientific notation makes
        // that visible instead of inventing the missing digits.
        Data::Float(f) if f.abs() >= 1e15 => format!("{f:e}"),
        Data::Float(f) => f.to_string(),
        Data::DateTime(d) => {
            let days = d.as_f64().floor() as i64 - 25_569;
            let (y, m, day) = super::dates::civil_date(days);
            format!("{y:04}-{m:02}-{day:02}")
        }
        // As the spreadsheet shows a logical cell (calamine writes "true"/"false").
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        other => other.to_string(),
    }
}

/// Runs `f`, which may panic on damaged bytes (the Parquet decoder does on some),
/// without the panic's message: `None` when it panicked.
fn without_panic<T>(f: impl FnOnce() -> T) -> Option<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    done.ok()
}

fn read_parquet(bytes: &[u8], origin: Location) -> Result<Grid> {
    let unreadable = |reason: crate::i18n::Message| {
        Error::input(
            origin.clone(),
            crate::i18n::msg!("grid-parquet-unreadable", reason => reason),
        )
    };
    let damaged = || unreadable(crate::i18n::msg!("polish-parquet", kind = "damaged"));
    let df = without_panic(|| ParquetReader::new(Cursor::new(bytes)).finish())
        .ok_or_else(damaged)?
        .map_err(|e| unreadable(crate::i18n::parquet_reason(&e)))?;
    let mut rows = vec![
        df.get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>(),
    ];
    let mut columns = Vec::with_capacity(df.width());
    for column in df.columns() {
        let text = column
            .cast(&DataType::String)
            .map_err(|e| unreadable(crate::i18n::parquet_reason(&e)))?;
        // a damaged file can hold columns shorter than the table
        if text.len() != df.height() {
            return Err(damaged());
        }
        columns.push(text);
    }
    for i in 0..df.height() {
        let row = columns
            .iter()
            .map(|c| {
                c.str()
                    .ok()
                    .and_then(|s| s.get(i))
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        rows.push(row);
    }
    Ok(Grid {
        origin,
        format: SourceFormat::Parquet,
        first_row: 1,
        first_col: 0,
        rows,
        text_numbers: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let grid = read_grid("a,b\n\n1,2\n".as_bytes(), "t.csv", None).unwrap();
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.cell(2, 1), "2");
        assert_eq!(grid.row_number(2), 3);
    }

    #[test]
    fn tab_separated_is_recognised() {
        let grid = read_grid("a\tb\n1\t2\n".as_bytes(), "t.txt", None).unwrap();
        assert_eq!(grid.cell(1, 1), "2");
    }

    #[test]
    fn a_quote_never_closed_is_refused_at_its_row() {
        assert_eq!(unclosed_quote("a,b\n1,\"2\n3,4\n", b','), Some(2));
        assert_eq!(unclosed_quote("a,b\n1,\"2\n3\",4\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,\"x\"\"y\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,x\"y\n", b','), None);
        let err = read_grid("a,b\n1,2\n3,\"4".as_bytes(), "t.csv", None).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("row 3"), "{err}");
    }

    #[test]
    fn numbers_padded_by_their_format_read_as_excel_shows_them() {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let zeros = Format::new().set_num_format("0000");
        let prefixed = Format::new().set_num_format("\"QS\"000000");
        let grouped = Format::new().set_num_format("#,##0");
        sheet.write_string(0, 0, "编号").unwrap();
        sheet.write_string(0, 1, "人数").unwrap();
        sheet.write_number_with_format(1, 0, 11.0, &zeros).unwrap();
        sheet
            .write_number_with_format(1, 1, 1234.0, &grouped)
            .unwrap();
        sheet
            .write_number_with_format(2, 0, 4521.0, &prefixed)
            .unwrap();
        sheet.write_number(2, 1, 7.0).unwrap();
        sheet.write_number_with_format(3, 0, 2.5, &zeros).unwrap();
        sheet
            .write_number_with_format(3, 1, 123456.0, &zeros)
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let grid = read_grid(&bytes, "roster.xlsx", None).unwrap();
        assert_eq!(grid.rows[1], ["0011", "1234"]);
        assert_eq!(grid.rows[2], ["QS004521", "7"]);
        // A fraction is not a whole number; a number wider than its zeros stays whole.
        assert_eq!(grid.rows[3], ["2.5", "123456"]);
        assert_eq!(padded_format("0"), None);
        assert_eq!(padded_format("0.00"), None);
        assert_eq!(padded_format("000-0000"), None);
        assert_eq!(
            padded_format("00000;-00000"),
            Some((String::new(), 5, String::new()))
        );
        assert_eq!(
            padded_format("\\N0\"号\""),
            Some(("N".into(), 1, "号".into()))
        );
    }

    #[test]
    fn a_logical_cell_reads_as_the_spreadsheet_shows_it() {
        assert_eq!(cell_text(&Data::Bool(false)), "FALSE");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
    }

    #[test]
    fn pdf_is_not_a_table() {
        let err = read_grid(b"%PDF-1.4 ...", "x.csv", None).unwrap_err();
        assert_eq!(err.exit_code(), 2);
    }
}
