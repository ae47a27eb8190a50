//! The in-memory form of an output table: typed columns with English and Chinese
//! headers, written by `write` in whatever format the output's extension asks for.

/// How a column's values are typed in xlsx, JSON and Parquet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text, including ID numbers and phones (never turned into numbers).
    Text,
    /// Whole numbers.
    Int,
    /// Real numbers.
    Float,
}

use std::borrow::Cow;

/// A column: its snake_case English header, its Chinese header and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    pub key: Cow<'static, str>,
    pub zh: Cow<'static, str>,
    pub kind: ColumnKind,
    /// The decimals a workbook shows for a real column (its number format); the value
    /// itself is kept whole. None: [`default_decimals`] by the column's key.
    pub decimals: Option<u8>,
}

/// The decimals shown for the real columns pingyi writes, where a column does not
/// declare its own: probabilities and rates 0.0000, means 0.000, points 0.00.
pub fn default_decimals(key: &str) -> Option<u8> {
    match key {
        "inclusion_prob" | "false_rate" | "ci_low" | "ci_high" | "p" => Some(4),
        "weight" | "sd" | "cost" => Some(2),
        "deduction" | "inspection" | "survey_score" | "total" | "score" => Some(2),
        k if k.starts_with("mean") || k.ends_with("_mean") => Some(3),
        _ => None,
    }
}

impl ColumnSpec {
    pub const fn new(key: &'static str, zh: &'static str, kind: ColumnKind) -> ColumnSpec {
        ColumnSpec {
            key: Cow::Borrowed(key),
            zh: Cow::Borrowed(zh),
            kind,
            decimals: None,
        }
    }

    /// The same column, shown in workbooks with `decimals` decimals.
    pub const fn with_decimals(mut self, decimals: u8) -> ColumnSpec {
        self.decimals = Some(decimals);
        self
    }

    /// The decimals a workbook shows for this column: declared, or by its key.
    pub fn shown_decimals(&self) -> Option<u8> {
        self.decimals.or_else(|| default_decimals(&self.key))
    }

    /// A column named at run time (a roster's own column, kept as it is headed).
    pub fn named(header: &str, kind: ColumnKind) -> ColumnSpec {
        ColumnSpec {
            key: Cow::Owned(header.to_string()),
            zh: Cow::Owned(header.to_string()),
            kind,
            decimals: None,
        }
    }
}

/// One value of an output table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    /// A label with an English and a Chinese form (a category), shown per language;
    /// boxed so that a cell takes 32 bytes, not 48 (a 100,000-row sample holds 17 cells
    /// a row).
    Label(Box<Bilingual>),
    Empty,
}

/// A label's English and Chinese forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Bilingual {
    pub en: String,
    pub zh: String,
}

impl Cell {
    /// A label with an English and a Chinese form.
    pub fn label(en: impl Into<String>, zh: impl Into<String>) -> Cell {
        Cell::Label(Box::new(Bilingual {
            en: en.into(),
            zh: zh.into(),
        }))
    }

    /// The value as written to CSV. Reals use the shortest text that reads back to the
    /// same number, so the output is the same on every machine.
    pub fn to_text(&self, lang: crate::io::Lang) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Label(l) => match lang {
                crate::io::Lang::En => l.en.clone(),
                crate::io::Lang::Zh => l.zh.clone(),
            },
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => format_real(*f),
            Cell::Empty => String::new(),
        }
    }
}

/// Shortest round-trip text for a real, without exponent notation.
pub fn format_real(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    format!("{f}")
}

/// How a workbook sheet that offices keep prints: a title row above the header and a
/// 合计 row under the data summing some columns. Workbooks only: CSV, JSON and Parquet
/// stay machine-readable (no title, no 合计).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrintForm {
    /// What the sheet is, and for which county or file (`抽样样本框（青石县）`).
    pub title: String,
    /// The columns summed in the 合计 row (0-based; none: no 合计 row).
    pub totals: Vec<usize>,
    /// A file kept inside the office (personal data in clear): marked 内部资料，不得外传
    /// at the foot of every printed page.
    pub internal: bool,
}

/// The label of the totals row of a printable sheet.
pub const TOTAL_LABEL: &str = "合计";

/// A sheet of an output: a name, columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputTable {
    /// Sheet name in workbooks (Chinese, as users see it).
    pub sheet: String,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<Vec<Cell>>,
    /// Columns whose cells are picked from a list (a drop-down in workbooks): the column
    /// index and the allowed values.
    pub choices: Vec<(usize, Vec<String>)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_takes_no_more_than_32_bytes() {
        assert!(
            std::mem::size_of::<Cell>() <= 32,
            "{}",
            std::mem::size_of::<Cell>()
        );
    }
}
