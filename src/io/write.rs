//! Writing output tables: the format follows the extension (.csv, .xlsx, .json,
//! .parquet), bytes are the same for the same content (no clock time anywhere), and
//! every file goes through a temporary file in the same folder and a rename (a set of
//! files, through [`super::fileset`]).

use std::path::Path;

use polars::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};

use super::Lang;
use super::table::{Cell, ColumnKind, OutputTable, PrintForm, TOTAL_LABEL};
use crate::error::{Error, Result};

/// The output formats, chosen by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Csv,
    Xlsx,
    Json,
    Parquet,
}

impl OutputFormat {
    /// The format an output path asks for.
    pub fn from_path(path: &Path) -> Result<OutputFormat> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(OutputFormat::Csv),
            Some("xlsx") => Ok(OutputFormat::Xlsx),
            Some("json") => Ok(OutputFormat::Json),
            Some("parquet") => Ok(OutputFormat::Parquet),
            _ => Err(Error::usage(crate::i18n::msg!(
                "write-unknown-format",
                path = path.display()
            ))),
        }
    }
}

/// How outputs meant for people are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Header and label language for CSV, JSON and Parquet (workbooks are Chinese).
    pub lang: Lang,
    /// Start CSV with a UTF-8 byte-order mark so Excel shows Chinese.
    pub bom: bool,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            lang: Lang::En,
            bom: true,
        }
    }
}

/// Renders `sheets` in `format`. CSV, JSON and Parquet hold the first sheet only; a
/// workbook holds every sheet.
pub fn render(sheets: &[OutputTable], format: OutputFormat, opts: WriteOptions) -> Result<Vec<u8>> {
    render_printable(sheets, &[], format, opts)
}

/// [`render`] with the print forms of a workbook's sheets (`forms[i]` for `sheets[i]`;
/// a sheet without one prints its header in the first row). Other formats ignore them.
pub fn render_printable(
    sheets: &[OutputTable],
    forms: &[PrintForm],
    format: OutputFormat,
    opts: WriteOptions,
) -> Result<Vec<u8>> {
    let main = sheets
        .first()
        .ok_or_else(|| Error::Internal("nothing to write".into()))?;
    match format {
        OutputFormat::Csv => render_csv(main, opts),
        OutputFormat::Json => render_json(main, opts.lang),
        OutputFormat::Parquet => render_parquet(main, opts.lang),
        OutputFormat::Xlsx => render_xlsx(sheets, forms),
    }
}

/// The marking of a file kept inside the office (the interviewers' sample list, the
/// verifiers' checklist): it holds personal data in clear.
pub const INTERNAL_MARK: &str = "内部资料，不得外传";

/// Renders an internal file: as [`render`], but each sheet of a workbook has `title`
/// (or else [`INTERNAL_MARK`] alone) in a title row above the header and as the printed
/// page header, and [`INTERNAL_MARK`] at the foot of every printed page. CSV, JSON and
/// Parquet stay machine-readable (no title row).
pub fn render_internal(
    sheets: &[OutputTable],
    format: OutputFormat,
    opts: WriteOptions,
    title: Option<&str>,
) -> Result<Vec<u8>> {
    let form = PrintForm {
        title: title.unwrap_or(INTERNAL_MARK).to_string(),
        totals: Vec::new(),
        internal: true,
    };
    render_printable(sheets, &vec![form; sheets.len()], format, opts)
}

fn header(table: &OutputTable, lang: Lang) -> Vec<&str> {
    table
        .columns
        .iter()
        .map(|c| match lang {
            Lang::En => c.key.as_ref(),
            Lang::Zh => c.zh.as_ref(),
        })
        .collect()
}

fn render_csv(table: &OutputTable, opts: WriteOptions) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    if opts.bom {
        out.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let fail = |e: csv::Error| Error::Internal(format!("CSV rendering failed: {e}"));
    writer
        .write_record(header(table, opts.lang))
        .map_err(fail)?;
    for row in &table.rows {
        writer
            .write_record(row.iter().map(|c| c.to_text(opts.lang)))
            .map_err(fail)?;
    }
    writer
        .into_inner()
        .map_err(|e| Error::Internal(format!("CSV rendering failed: {e}")))
}

fn render_json(table: &OutputTable, lang: Lang) -> Result<Vec<u8>> {
    let names = header(table, lang);
    let rows: Vec<serde_json::Value> = table
        .rows
        .iter()
        .map(|row| {
            let object = names
                .iter()
                .zip(row)
                .map(|(name, cell)| {
                    let value = match cell {
                        Cell::Int(i) => serde_json::Value::from(*i),
                        Cell::Float(f) => serde_json::Number::from_f64(*f)
                            .map(serde_json::Value::Number)
                            .unwrap_or(serde_json::Value::Null),
                        Cell::Empty => serde_json::Value::Null,
                        other => serde_json::Value::String(other.to_text(lang)),
                    };
                    (name.to_string(), value)
                })
                .collect::<serde_json::Map<_, _>>();
            serde_json::Value::Object(object)
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&rows)
        .map_err(|e| Error::Internal(format!("JSON rendering failed: {e}")))?;
    out.push(b'\n');
    Ok(out)
}

fn render_parquet(table: &OutputTable, lang: Lang) -> Result<Vec<u8>> {
    let names = header(table, lang);
    let mut columns = Vec::with_capacity(names.len());
    for (j, (spec, name)) in table.columns.iter().zip(&names).enumerate() {
        let cells = table.rows.iter().map(|r| &r[j]);
        let column: Column = match spec.kind {
            ColumnKind::Int => Column::new(
                (*name).into(),
                cells
                    .map(|c| match c {
                        Cell::Int(i) => Some(*i),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            ),
            ColumnKind::Float => Column::new(
                (*name).into(),
                cells
                    .map(|c| match c {
                        Cell::Float(f) => Some(*f),
                        Cell::Int(i) => Some(*i as f64),
                        _ => None,
                    })
                    .collect::<Vec<_>>(),
            ),
            ColumnKind::Text => Column::new(
                (*name).into(),
                cells
                    .map(|c| match c {
                        Cell::Empty => None,
                        other => Some(other.to_text(lang)),
                    })
                    .collect::<Vec<_>>(),
            ),
        };
        columns.push(column);
    }
    let fail = |e: PolarsError| Error::Internal(format!("Parquet rendering failed: {e}"));
    let mut df = DataFrame::new_infer_height(columns).map_err(fail)?;
    let mut out = Vec::new();
    ParquetWriter::new(&mut out).finish(&mut df).map_err(fail)?;
    Ok(out)
}

/// Display width of a text in a spreadsheet: Chinese characters count double.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn render_xlsx(sheets: &[OutputTable], forms: &[PrintForm]) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    // A fixed creation date: the same inputs must give the same bytes.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_fail)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    let bold = Format::new().set_bold();
    for (k, table) in sheets.iter().enumerate() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&table.sheet).map_err(xlsx_fail)?;
        let form = forms.get(k);
        // The header row: under the title where the sheet has one.
        let top = u32::from(form.is_some());
        if let Some(form) = form {
            write_title(sheet, form, table).map_err(xlsx_fail)?;
        }
        write_columns(sheet, table, top)?;
        for (col, values) in &table.choices {
            let validation = rust_xlsxwriter::DataValidation::new()
                .allow_list_strings(values)
                .map_err(xlsx_fail)?;
            let last = top + (table.rows.len() as u32).max(1);
            sheet
                .add_data_validation(top + 1, *col as u16, last, *col as u16, &validation)
                .map_err(xlsx_fail)?;
        }
        if let Some(form) = form {
            write_totals(sheet, form, table, &bold).map_err(xlsx_fail)?;
        }
        sheet.set_freeze_panes(top + 1, 0).map_err(xlsx_fail)?;
        set_print_setup(sheet, top, form).map_err(xlsx_fail)?;
    }
    workbook.save_to_buffer().map_err(xlsx_fail)
}

fn xlsx_fail(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Internal(format!("workbook rendering failed: {e}"))
}

/// Writes each column's header at row `top` and its cells below, and sets its width.
fn write_columns(
    sheet: &mut rust_xlsxwriter::Worksheet,
    table: &OutputTable,
    top: u32,
) -> Result<()> {
    let bold = Format::new().set_bold();
    let formats = CellFormats {
        text: Format::new().set_num_format("@"),
        real: Format::new(),
    };
    for (j, spec) in table.columns.iter().enumerate() {
        let col = j as u16;
        let formats = CellFormats {
            real: real_format(spec),
            ..formats.clone()
        };
        sheet
            .write_string_with_format(top, col, spec.zh.as_ref(), &bold)
            .map_err(xlsx_fail)?;
        let mut width = display_width(&spec.zh);
        for (i, row) in table.rows.iter().enumerate() {
            let at = (top + i as u32 + 1, col);
            width = width.max(write_cell(sheet, at, &row[j], spec, &formats)?);
        }
        let width = width.clamp(8, 40) as f64 + 2.0;
        sheet.set_column_width(col, width).map_err(xlsx_fail)?;
    }
    Ok(())
}

/// The formats of a column's cells: text, and its reals' number format.
#[derive(Clone)]
struct CellFormats {
    text: Format,
    real: Format,
}

/// Writes one cell at `(row, col)`; returns the display width of a text written (0 for
/// numbers and blanks).
fn write_cell(
    sheet: &mut rust_xlsxwriter::Worksheet,
    (r, col): (u32, u16),
    cell: &Cell,
    spec: &super::table::ColumnSpec,
    formats: &CellFormats,
) -> Result<usize> {
    match cell {
        Cell::Int(v) => {
            sheet.write_number(r, col, *v as f64).map_err(xlsx_fail)?;
        }
        Cell::Float(v) => {
            sheet
                .write_number_with_format(r, col, *v, &formats.real)
                .map_err(xlsx_fail)?;
        }
        Cell::Empty => {}
        other => {
            let s = other.to_text(Lang::Zh);
            if s.chars().count() > 32_767 {
                return Err(Error::usage(crate::i18n::msg!(
                    "write-cell-too-long",
                    column = spec.zh,
                    length = s.chars().count()
                )));
            }
            sheet
                .write_string_with_format(r, col, &s, &formats.text)
                .map_err(xlsx_fail)?;
            return Ok(display_width(&s));
        }
    }
    Ok(0)
}

/// The number format of a real column: fixed decimals where the column shows them.
fn real_format(spec: &super::table::ColumnSpec) -> Format {
    match spec.shown_decimals() {
        Some(0) => Format::new().set_num_format("0"),
        Some(d) => Format::new().set_num_format(format!("0.{}", "0".repeat(d.into()))),
        None => Format::new(),
    }
}

type Written = std::result::Result<(), rust_xlsxwriter::XlsxError>;

/// Print setup for a clerk: A4 landscape, one page wide, the title and header rows (to
/// `top`) on every page and the page number in the footer (第 1 页 共 3 页); an internal
/// file says [`INTERNAL_MARK`] at the foot of every page too.
fn set_print_setup(
    sheet: &mut rust_xlsxwriter::Worksheet,
    top: u32,
    form: Option<&PrintForm>,
) -> Written {
    const A4: u8 = 9;
    sheet.set_paper_size(A4);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    match form {
        Some(f) if f.internal => {
            sheet.set_footer(format!("&L{INTERNAL_MARK}&C第 &P 页 共 &N 页"));
        }
        _ => {
            sheet.set_footer("&C第 &P 页 共 &N 页");
        }
    }
    sheet.set_repeat_rows(0, top)?;
    Ok(())
}
/// The title row of a printable sheet, across all its columns, and the printed page
/// header.
fn write_title(
    sheet: &mut rust_xlsxwriter::Worksheet,
    form: &PrintForm,
    table: &OutputTable,
) -> Written {
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let last = table.columns.len().saturating_sub(1) as u16;
    if last == 0 {
        sheet.write_string_with_format(0, 0, &form.title, &title)?;
    } else {
        sheet.merge_range(0, 0, 0, last, &form.title, &title)?;
    }
    sheet.set_row_height(0, 24)?;
    sheet.set_header(format!("&C{}", form.title.replace('&', "&&")));
    Ok(())
}

/// The 合计 row under the data: the sums of the form's columns, as numbers.
fn write_totals(
    sheet: &mut rust_xlsxwriter::Worksheet,
    form: &PrintForm,
    table: &OutputTable,
    bold: &Format,
) -> Written {
    if form.totals.is_empty() {
        return Ok(());
    }
    let r = table.rows.len() as u32 + 2;
    sheet.write_string_with_format(r, 0, TOTAL_LABEL, bold)?;
    for &j in &form.totals {
        let sum: f64 = table
            .rows
            .iter()
            .map(|row| match row.get(j) {
                Some(Cell::Int(v)) => *v as f64,
                Some(Cell::Float(v)) => *v,
                _ => 0.0,
            })
            .sum();
        sheet.write_number_with_format(r, j as u16, sum, bold)?;
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename,
/// so a reader never sees half a file. Without `force`, an existing file is an error
/// and is left untouched. What killed earlier writes left in the folder is cleared
/// first ([`super::fileset::recover_folder`]).
pub fn write_atomic(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    super::fileset::write_one(path, bytes, force)
}
