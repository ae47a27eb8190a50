//! Typed errors that say where a problem is (file, sheet, row, column) and map to exit codes.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where in an input a problem was found. Rows and columns are as the user sees them
/// in Excel or WPS: rows count from 1 including title and header rows, columns by
/// header name and letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    pub column: Option<String>,
}

impl Location {
    /// A location naming only the file.
    pub fn file(name: impl Into<String>) -> Location {
        Location {
            file: Some(name.into()),
            ..Location::default()
        }
    }

    /// The same location at a given row (1-based, as shown by a spreadsheet).
    pub fn at_row(&self, row: usize) -> Location {
        Location {
            row: Some(row),
            ..self.clone()
        }
    }

    /// The same location at a given column, named by its header and letter.
    pub fn at_column(&self, header: &str, index: usize) -> Location {
        Location {
            column: Some(format!("{header} ({})", column_letter(index))),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(file.clone());
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet {sheet}"));
        }
        if let Some(row) = self.row {
            parts.push(format!("row {row}"));
        }
        if let Some(column) = &self.column {
            parts.push(format!("column {column}"));
        }
        if parts.is_empty() {
            parts.push("input".to_string());
        }
        f.write_str(&parts.join(", "))
    }
}

/// The spreadsheet letter of a 0-based column index: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Every failure pingyi reports. `exit_code` maps each to the documented exit code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The content of an input is wrong; the message says what was found and what to do.
    #[error("{location}: {message}")]
    Input { location: Location, message: String },
    /// Flags or parameters that do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// An input file could not be opened or read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An output already exists and `--force` was not given.
    #[error("{} already exists; pass --force to replace it, or choose another --out", path.display())]
    OutputExists { path: PathBuf },
    /// An output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A recomputed output differs from the recorded one.
    #[error("verification failed: {0}")]
    Verification(String),
    /// A fault in pingyi itself.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    /// A bad-input error at `location`. Personal identifiers in the message (ID numbers,
    /// phones) are masked, whatever part of the input they came from.
    pub fn input(location: Location, message: impl Into<String>) -> Error {
        Error::Input {
            location,
            message: crate::privacy::mask_personal(&message.into()),
        }
    }

    /// A read error for `path`.
    pub fn read(path: &Path, source: std::io::Error) -> Error {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A write error for `path`.
    pub fn write(path: &Path, source: std::io::Error) -> Error {
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }

    /// The process exit code documented in the README: 1 internal fault, 2 bad input
    /// or usage, 3 verification failed.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input { .. }
            | Error::Usage(_)
            | Error::Read { .. }
            | Error::OutputExists { .. } => 2,
            Error::Verification(_) => 3,
            Error::Write { .. } | Error::Internal(_) => 1,
        }
    }
}

/// The result type used throughout pingyi.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn location_reads_like_a_spreadsheet_reference() {
        let loc = Location::file("counts.xlsx").at_row(7).at_column("人数", 2);
        assert_eq!(loc.to_string(), "counts.xlsx, row 7, column 人数 (C)");
    }
}
