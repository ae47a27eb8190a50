//! Reading a table row by row without holding it: CSV streams from disk in any of
//! Excel's encodings; workbooks and Parquet (bounded by their own formats) are read
//! whole and handed out row by row. Row numbers are the lines a user sees.

use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use super::decode::TextEncoding;
use super::grid::{Grid, QuoteScan, SourceFormat, read_grid, sniff_delimiter};
use crate::error::{Error, Location, Result};

/// How much of a CSV file is read to recognise its encoding and delimiter.
pub const SNIFF_BYTES: usize = 1 << 20;

/// One row: its 1-based row number and its cells.
pub type Row = (usize, Vec<String>);

/// A table read row by row.
pub struct Rows {
    pub origin: Location,
    pub format: SourceFormat,
    iter: Box<dyn Iterator<Item = Result<Row>>>,
}

impl Iterator for Rows {
    type Item = Result<Row>;
    fn next(&mut self) -> Option<Result<Row>> {
        self.iter.next()
    }
}

impl Rows {
    /// Rows of a grid already in memory.
    pub fn from_grid(grid: Grid) -> Rows {
        let origin = grid.origin.clone();
        let format = grid.format;
        let first = grid.first_row;
        let iter = grid
            .rows
            .into_iter()
            .enumerate()
            .map(move |(i, r)| Ok((first + i, r)));
        Rows {
            origin,
            format,
            iter: Box::new(iter),
        }
    }
}

/// Opens `path` for reading row by row.
pub fn open_rows(path: &Path, sheet: Option<&str>) -> Result<Rows> {
    let name = path.display().to_string();
    let mut file = crate::io::files::open_regular(path)?;
    let mut head = Vec::with_capacity(SNIFF_BYTES.min(1 << 16));
    (&mut file)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::read(path, e))?;
    let shape = match sniff_csv(&head) {
        Some(shape) if sheet.is_none() => shape,
        _ => {
            let bytes = crate::io::files::read_regular(path)?;
            return read_grid(&bytes, &name, sheet).map(Rows::from_grid);
        }
    };
    let CsvShape {
        encoding,
        delimiter,
    } = shape;
    let source = Cursor::new(head).chain(file);
    Ok(csv_rows(
        decoded(encoding, source),
        delimiter,
        Location::file(&name),
        SourceFormat::Csv(encoding),
    ))
}

/// The text of a CSV source in `encoding`, decoded to UTF-8 (a BOM dropped).
fn decoded(encoding: TextEncoding, source: impl Read + 'static) -> Box<dyn Read> {
    let enc = match encoding {
        TextEncoding::Utf8 => return Box::new(source),
        TextEncoding::Utf8Bom => return Box::new(source.take_skip(3)),
        TextEncoding::Gb18030 => encoding_rs::GB18030,
        TextEncoding::Utf16Le => encoding_rs::UTF_16LE,
        TextEncoding::Utf16Be => encoding_rs::UTF_16BE,
    };
    Box::new(
        encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(enc))
            .bom_sniffing(true)
            .strip_bom(true)
            .build(source),
    )
}

/// Rows of decoded CSV text, each with its line number; blank lines skipped.
fn csv_rows(text: Box<dyn Read>, delimiter: u8, origin: Location, format: SourceFormat) -> Rows {
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(BlankLines::new(
            BufReader::with_capacity(1 << 16, text),
            delimiter,
        ));
    let err_origin = origin.clone();
    let iter = reader.into_records().map(move |r| {
        r.map(|rec| {
            let line = rec.position().map_or(0, |p| p.line() as usize);
            (line, rec.iter().map(str::to_string).collect())
        })
        .map_err(|e| csv_error(&e, &err_origin, e.position().map(|p| p.line() as usize)))
    });
    Rows {
        origin,
        format,
        iter: Box::new(iter),
    }
}

/// The error for a CSV record that cannot be read, at row `row`.
pub(crate) fn csv_error(e: &csv::Error, origin: &Location, row: Option<usize>) -> Error {
    let what = match e.kind() {
        csv::ErrorKind::Io(io) => match io.get_ref().and_then(|e| e.downcast_ref()) {
            Some(UnclosedQuote(line)) => {
                return Error::input(
                    origin.at_row(*line),
                    crate::i18n::msg!("grid-unclosed-quote"),
                );
            }
            None => crate::i18n::msg!("csv-unreadable", reason => crate::i18n::csv_reason(e)),
        },
        csv::ErrorKind::Utf8 { .. } => crate::i18n::msg!("csv-bad-utf8"),
        _ => crate::i18n::msg!("csv-unreadable", reason => crate::i18n::csv_reason(e)),
    };
    Error::input(
        Location {
            row,
            ..origin.clone()
        },
        what,
    )
}

/// How a CSV file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvShape {
    pub encoding: TextEncoding,
    pub delimiter: u8,
}

/// The encoding and delimiter of a file from its first bytes; None when they are not
/// those of a CSV file (a workbook, Parquet, PDF or other binary file).
pub fn sniff_csv(head: &[u8]) -> Option<CsvShape> {
    let binary = head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"\xD0\xCF\x11\xE0")
        || head.starts_with(b"PAR1")
        || head.starts_with(b"%PDF")
        || head.contains(&0) && !head.starts_with(b"\xFF\xFE") && !head.starts_with(b"\xFE\xFF");
    (!binary).then(|| CsvShape {
        encoding: sniff_encoding(head),
        delimiter: sniff_delimiter(&String::from_utf8_lossy(head)),
    })
}

/// The encoding of a CSV file from its first bytes: a BOM decides; otherwise UTF-8 if
/// they are valid UTF-8 (a character cut at the end is fine), else GB18030.
fn sniff_encoding(head: &[u8]) -> TextEncoding {
    if head.starts_with(b"\xEF\xBB\xBF") {
        return TextEncoding::Utf8Bom;
    }
    if head.starts_with(b"\xFF\xFE") {
        return TextEncoding::Utf16Le;
    }
    if head.starts_with(b"\xFE\xFF") {
        return TextEncoding::Utf16Be;
    }
    match std::str::from_utf8(head) {
        Ok(_) => TextEncoding::Utf8,
        Err(e) if e.error_len().is_none() => TextEncoding::Utf8,
        Err(_) => TextEncoding::Gb18030,
    }
}

trait TakeSkip: Read + Sized {
    /// Skips the first `n` bytes.
    fn take_skip(self, n: u64) -> Skip<Self> {
        Skip {
            inner: self,
            left: n,
        }
    }
}
impl<R: Read> TakeSkip for R {}

struct Skip<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Skip<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.left > 0 {
            let mut scratch = [0u8; 8];
            let want = self.left.min(8) as usize;
            let n = self.inner.read(&mut scratch[..want])?;
            if n == 0 {
                return Ok(0);
            }
            self.left -= n as u64;
        }
        self.inner.read(buf)
    }
}

/// Keeps the CSV reader's line numbers the lines a user sees: line ends outside quotes
/// become `\n` (CRLF and lone CR alike), and every blank line gets a delimiter, so the
/// reader yields an (empty) record for it instead of skipping it.
struct BlankLines<R> {
    inner: R,
    delimiter: u8,
    at_line_start: bool,
    in_quotes: bool,
    skip_lf: bool,
    scratch: Vec<u8>,
    quotes: QuoteScan,
}

/// A quote opened on this line (1-based) and never closed: the rest of the file would
/// be read as one cell, so reading stops with this error at the end of the text.
#[derive(Debug)]
pub(crate) struct UnclosedQuote(usize);

impl std::fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a quote opened on line {} is never closed", self.0)
    }
}

impl std::error::Error for UnclosedQuote {}

impl<R: Read> BlankLines<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        BlankLines {
            inner,
            delimiter,
            at_line_start: true,
            in_quotes: false,
            skip_lf: false,
            scratch: Vec::new(),
            quotes: QuoteScan::new(delimiter),
        }
    }
}

impl<R: Read> Read for BlankLines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Each input byte gives at most two output bytes.
        let room = buf.len() / 2;
        if room == 0 {
            return Ok(0);
        }
        let mut tmp = std::mem::take(&mut self.scratch);
        tmp.resize(room, 0);
        let result = self.fill(buf, &mut tmp);
        self.scratch = tmp;
        result
    }
}

impl<R: Read> BlankLines<R> {
    /// The end of the text: nothing more, or the quote left open.
    fn end(&self) -> std::io::Result<usize> {
        match self.quotes.open_at() {
            Some(line) => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                UnclosedQuote(line),
            )),
            None => Ok(0),
        }
    }

    fn fill(&mut self, buf: &mut [u8], tmp: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(tmp)?;
            if n == 0 {
                return self.end();
            }
            let mut out = 0;
            for &b in &tmp[..n] {
                let b = if self.in_quotes {
                    b
                } else if std::mem::take(&mut self.skip_lf) && b == b'\n' {
                    continue;
                } else if b == b'\r' {
                    self.skip_lf = true;
                    b'\n'
                } else {
                    b
                };
                if b == b'\n' && self.at_line_start && !self.in_quotes {
                    buf[out] = self.delimiter;
                    out += 1;
                }
                buf[out] = b;
                out += 1;
                self.quotes.feed(b);
                match b {
                    b'"' => self.in_quotes = !self.in_quotes,
                    b'\n' => {}
                    _ => self.at_line_start = false,
                }
                if b == b'\n' && !self.in_quotes {
                    self.at_line_start = true;
                }
                if b == b'"' {
                    self.at_line_start = false;
                }
            }
            if out > 0 {
                return Ok(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(bytes: &[u8]) -> Vec<Row> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, bytes).unwrap();
        open_rows(&p, None)
            .unwrap()
            .collect::<Result<Vec<_>>>()
            .unwrap()
    }

    #[test]
    fn a_quote_never_closed_stops_the_rows_at_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.csv");
        std::fs::write(&p, "a,b\n1,\"2\n3,4\r\n5,6\n").unwrap();
        let e = open_rows(&p, None)
            .unwrap()
            .collect::<Result<Vec<_>>>()
            .unwrap_err();
        assert!(e.to_string().contains("row 2"), "{e}");
        assert!(e.to_string().contains("never closed"), "{e}");
        // A quoted value across lines, and quotes inside a value, read as written.
        let rows = rows_of("a,b\n1,\"2\n3\"\n4,x\"y\"\n".as_bytes());
        assert_eq!(rows[1], (2, vec!["1".to_string(), "2\n3".to_string()]));
        assert_eq!(rows[2].1[1], "x\"y\"");
    }

    #[test]
    fn blank_lines_keep_line_numbers() {
        let rows = rows_of(b"a,b\n\n1,2\r\n\r\n\"x\ny\",3\n4,5\n");
        let numbered: Vec<(usize, String)> = rows
            .iter()
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .map(|(n, r)| (*n, r.join("|")))
            .collect();
        assert_eq!(
            numbered,
            vec![
                (1, "a|b".to_string()),
                (3, "1|2".to_string()),
                (5, "x\ny|3".to_string()),
                (7, "4|5".to_string())
            ]
        );
    }

    #[test]
    fn encodings_stream_alike() {
        let text = "编号,乡镇\nQ1,城关镇\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let gbk = encoding_rs::GBK.encode(text).0.into_owned();
        let plain = rows_of(text.as_bytes());
        assert_eq!(rows_of(&bom), plain);
        assert_eq!(rows_of(&gbk), plain);
        assert_eq!(plain[1].1, vec!["Q1".to_string(), "城关镇".to_string()]);
    }
}
