//! Typed errors that say where a problem is (file, sheet, row, column) and map to exit codes.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::i18n::msg;
use crate::i18n::{Lang, Message, io_reason};

/// Where in an input a problem was found. Rows and columns are as the user sees them
/// in Excel or WPS: rows count from 1 including title and header rows, columns by
/// header name and letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<usize>,
    /// The column's header as the user typed it.
    pub column: Option<String>,
    /// The column's 0-based index in the sheet (A is 0), shown as its letter.
    pub column_index: Option<usize>,
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
            column: Some(header.to_string()),
            column_index: Some(index),
            ..self.clone()
        }
    }

    /// The same location at a column known by its letter alone (no header read yet).
    pub fn at_column_letter(&self, index: usize) -> Location {
        Location {
            column: None,
            column_index: Some(index),
            ..self.clone()
        }
    }

    /// The parts of the location as catalogue messages, widest first.
    fn parts(&self) -> Vec<Message> {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            parts.push(msg!("loc-file", file = file));
        }
        if let Some(sheet) = &self.sheet {
            parts.push(msg!("loc-sheet", sheet = sheet));
        }
        if let Some(row) = self.row {
            parts.push(msg!("loc-row", row = row));
        }
        match (&self.column, self.column_index) {
            (Some(header), Some(i)) if header.is_empty() || header == NO_HEADER => {
                parts.push(msg!(
                    "loc-column-no-header",
                    number = i + 1,
                    letter = column_letter(i)
                ))
            }
            (Some(header), Some(i)) => parts.push(msg!(
                "loc-column",
                header = header,
                number = i + 1,
                letter = column_letter(i)
            )),
            (None, Some(i)) => parts.push(msg!(
                "loc-column-letter",
                number = i + 1,
                letter = column_letter(i)
            )),
            (Some(header), None) => parts.push(msg!("loc-column-header", header = header)),
            (None, None) => {}
        }
        if parts.is_empty() {
            parts.push(msg!("loc-input"));
        }
        parts
    }

    /// The location in `lang`: `counts.csv, row 7, column 人数 (C)` or
    /// `文件 counts.csv，第 7 行，第 3 列（C 列）「人数」`.
    pub fn render_in(&self, lang: Lang) -> String {
        self.message().render_in(lang)
    }

    /// The location as one message, its parts joined by the catalogue's `loc-join`.
    pub fn message(&self) -> Message {
        let mut parts = self.parts();
        let mut joined = parts.pop().unwrap_or_else(|| msg!("loc-input"));
        while let Some(head) = parts.pop() {
            joined = msg!("loc-join", head => head, tail => joined);
        }
        joined
    }
}

/// The English form, whatever the language of messages: a location's text also goes
/// into content digests (the data-quality report's rows), which must not depend on
/// the reader's language. Messages place a location with [`Location::message`].
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_in(Lang::En))
    }
}

/// The header shown for a column whose header cell is empty.
pub const NO_HEADER: &str = "(no header)";

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

/// Every failure pingyi reports. `exit_code` maps each to the documented exit code;
/// `Display` renders it in the chosen language ([`crate::i18n::language`]).
#[derive(Debug)]
pub enum Error {
    /// The content of an input is wrong; the message says what was found and what to do.
    /// (The location is boxed to keep every `Result` small.)
    Input {
        location: Box<Location>,
        message: Message,
    },
    /// Flags or parameters that do not make sense together (text not yet in the catalogue).
    Usage(String),
    /// Flags or parameters that do not make sense together, as a catalogue message.
    Invalid(Message),
    /// An input file could not be opened or read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// An output already exists and `--force` was not given.
    OutputExists { path: PathBuf },
    /// An output could not be written.
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A recomputed output differs from the recorded one.
    Verification(String),
    /// A fault in pingyi itself.
    Internal(String),
    /// Several problems of one input, found in one pass so that they can all be fixed
    /// in one sitting: at most [`MAX_LISTED`] of them, and how many more there were.
    Several { errors: Vec<Error>, more: usize },
}

/// The most problems of one input a message lists; the rest are counted.
pub const MAX_LISTED: usize = 50;

/// Problems gathered while reading one input, reported together ([`Error::Several`]).
#[derive(Debug, Default)]
pub struct Problems {
    errors: Vec<Error>,
    more: usize,
}

impl Problems {
    /// Notes a problem: listed among the first [`MAX_LISTED`], counted after them.
    pub fn push(&mut self, e: Error) {
        match e {
            Error::Several { errors, more } => {
                errors.into_iter().for_each(|e| self.push(e));
                self.more += more;
            }
            e if self.errors.len() < MAX_LISTED => self.errors.push(e),
            _ => self.more += 1,
        }
    }

    /// The value of `r`, or `None` with its problem noted.
    pub fn note<T>(&mut self, r: Result<T>) -> Option<T> {
        r.map_err(|e| self.push(e)).ok()
    }

    /// `Ok` when nothing was noted; else the one problem, or all of them.
    pub fn finish(mut self) -> Result<()> {
        match (self.errors.len(), self.more) {
            (0, _) => Ok(()),
            (1, 0) => Err(self.errors.remove(0)),
            _ => Err(Error::Several {
                errors: self.errors,
                more: self.more,
            }),
        }
    }
}

impl Error {
    /// A bad-input error at `location`. Personal identifiers in the message (ID numbers,
    /// phones) are masked, whatever part of the input they came from.
    pub fn input(location: Location, message: impl Into<Message>) -> Error {
        Error::Input {
            location: Box::new(location),
            message: message.into().map_text(crate::privacy::mask_personal),
        }
    }

    /// A usage error (flags that do not fit together) from a catalogue message.
    pub fn usage(message: Message) -> Error {
        Error::Invalid(message.map_text(crate::privacy::mask_personal))
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
            | Error::Invalid(_)
            | Error::Read { .. }
            | Error::OutputExists { .. } => 2,
            Error::Verification(_) => 3,
            Error::Write { .. } | Error::Internal(_) => 1,
            Error::Several { errors, .. } => errors.first().map_or(2, Error::exit_code),
        }
    }

    /// The error as a catalogue message.
    pub fn message(&self) -> Message {
        match self {
            Error::Input { location, message } => msg!(
                "error-input",
                location => location.message(),
                message => message.clone()
            ),
            Error::Usage(text) => Message::Plain(text.clone()),
            Error::Invalid(message) => message.clone(),
            Error::Read { path, source } => {
                msg!("error-read", path = path.display(), reason => io_reason(source))
            }
            Error::OutputExists { path } => msg!("error-output-exists", path = path.display()),
            Error::Write { path, source } => {
                msg!("error-write", path = path.display(), reason => io_reason(source))
            }
            Error::Verification(text) => msg!("error-verification", reason = text),
            Error::Internal(text) => msg!("error-internal", reason = text),
            Error::Several { errors, more } => several(errors, *more),
        }
    }

    /// The error in `lang`.
    pub fn render_in(&self, lang: Lang) -> String {
        self.message().render_in(lang)
    }
}

/// Several problems as one message: a line saying how many, then one numbered line
/// each, then how many more were not listed.
fn several(errors: &[Error], more: usize) -> Message {
    let mut lines: Vec<Message> = errors
        .iter()
        .enumerate()
        .map(|(k, e)| msg!("error-several-item", number = k + 1, error => e.message()))
        .collect();
    if more > 0 {
        lines.push(msg!("error-several-more", more = more));
    }
    let mut list = lines.pop().unwrap_or(Message::Plain(String::new()));
    while let Some(head) = lines.pop() {
        list = msg!("error-lines-join", head => head, tail => list);
    }
    msg!("error-several", count = errors.len() + more, list => list)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_in(crate::i18n::language()))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
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
        assert_eq!(
            loc.render_in(Lang::En),
            "counts.xlsx, row 7, column 人数 (C)"
        );
        assert_eq!(
            loc.render_in(Lang::Zh),
            "文件 counts.xlsx，第 7 行，第 3 列（C 列）「人数」"
        );
    }

    #[test]
    fn a_location_without_a_header_names_the_letter() {
        let loc = Location::file("c.csv").at_row(2).at_column_letter(27);
        assert_eq!(loc.render_in(Lang::En), "c.csv, row 2, column AB");
        assert_eq!(
            loc.render_in(Lang::Zh),
            "文件 c.csv，第 2 行，第 28 列（AB 列）"
        );
        assert_eq!(Location::default().render_in(Lang::Zh), "输入");
        let blank = Location::file("c.csv").at_column(NO_HEADER, 3);
        assert_eq!(blank.render_in(Lang::En), "c.csv, column (no header) (D)");
        assert_eq!(
            blank.render_in(Lang::Zh),
            "文件 c.csv，第 4 列（D 列，无表头）"
        );
    }

    #[test]
    fn an_input_error_renders_in_either_language_and_masks_identifiers() {
        let e = Error::input(
            Location::file("r.csv").at_row(3),
            msg!(
                "count-bad",
                value = "110101199003071234",
                problem => msg!("count-not-a-number")
            ),
        );
        for lang in [Lang::En, Lang::Zh] {
            let text = e.render_in(lang);
            assert!(!text.contains("110101199003071234"), "{text}");
        }
        assert!(e.render_in(Lang::Zh).starts_with("文件 r.csv，第 3 行："));
        assert!(e.render_in(Lang::En).starts_with("r.csv, row 3: "));
    }
}
