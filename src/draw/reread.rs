//! Reading a draw's rosters again, to name the rows of repeated values: all of them
//! from the start, or only the records at byte offsets the scan noted.

use std::collections::HashMap;

use super::Reread;
use super::columns::aligned;
use super::roster::{RosterRecord, make_record};
use super::rosters::{RosterSet, open_roster};
use super::spill::Place;
use crate::error::{Error, Result};
use crate::io::Category;

type Records<'s> = Box<dyn Iterator<Item = Result<RosterRecord>> + 's>;

impl Reread<'static> for RosterSet {
    fn all(&self) -> Result<Records<'static>> {
        let mut readers = Vec::with_capacity(self.files.len());
        for (i, r) in self.files.iter().enumerate() {
            let reader = open_roster(&r.path, self.sheet.as_deref(), self.id_column.as_deref())?;
            readers.push((reader, self.columns_of(i)));
        }
        Ok(Box::new(readers.into_iter().flat_map(|(reader, map)| {
            reader.map(move |rec| rec.map(|rec| aligned(rec, &map)))
        })))
    }

    fn at<'s>(&'s self, places: &'s [Place]) -> Result<Records<'s>> {
        let mut reader = RecordsAt {
            rosters: self,
            open: None,
            file: None,
            columns: None,
            categories: HashMap::new(),
            rec: csv::StringRecord::new(),
            line: Vec::new(),
        };
        Ok(Box::new(places.iter().map(move |p| reader.read(p))))
    }
}

/// Reads what there is at `offset` into `buf`, up to its length; how much.
fn read_some_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match read_once_at(file, &mut buf[n..], offset + n as u64) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

#[cfg(unix)]
fn read_once_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_once_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

/// The roster open for reading at offsets: its number and a CSV reader moved from
/// record to record.
type OpenRoster = (usize, csv::Reader<std::fs::File>);

/// Bytes read at a record's offset to find it whole on one line; a longer record is
/// read by the CSV reader.
const LINE_ROOM: usize = 1 << 10;

/// Reads records at byte offsets, one CSV reader per roster, moved from record to
/// record.
struct RecordsAt<'a> {
    rosters: &'a RosterSet,
    open: Option<OpenRoster>,
    /// A roster's file of its own, read at offsets directly when a record is one
    /// plain line (a handle apart from the CSV reader's, whose place it leaves alone).
    file: Option<(usize, std::fs::File)>,
    /// The places in the sample of the columns of the roster last read.
    columns: Option<(usize, Vec<Option<usize>>)>,
    categories: HashMap<String, Category>,
    rec: csv::StringRecord,
    /// Room for the bytes of one line.
    line: Vec<u8>,
}

/// The error for roster `file` of `rosters` when it is no longer what the scan read.
fn changed(rosters: &RosterSet, file: usize, e: &dyn std::fmt::Display) -> Error {
    let path = &rosters.files[file].path;
    Error::Internal(format!(
        "{} changed while it was read ({e})",
        path.display()
    ))
}

impl RecordsAt<'_> {
    /// The error for a roster that is no longer what the scan read.
    fn changed(&self, file: usize, e: &dyn std::fmt::Display) -> Error {
        changed(self.rosters, file, e)
    }

    /// The reader of roster `file`, opened unless it is the one open.
    fn reader(&mut self, file: usize, delimiter: u8) -> Result<&mut OpenRoster> {
        if self.open.as_ref().is_none_or(|(i, _)| *i != file) {
            let f = crate::io::files::open_regular(&self.rosters.files[file].path)?;
            let rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                // Records are read one at a time far apart: a small buffer reads little
                // more than the record (a longer one is read on).
                .buffer_capacity(1 << 9)
                .from_reader(f);
            self.open = Some((file, rdr));
        }
        let rosters = self.rosters;
        let changed = move || changed(rosters, file, &"no reader");
        self.open.as_mut().ok_or_else(changed)
    }

    /// The cells of the record at `offset` of roster `file`, read by the CSV reader.
    fn csv_record(&mut self, file: usize, offset: u64, delimiter: u8) -> Result<Vec<String>> {
        let mut at = csv::Position::new();
        at.set_byte(offset);
        let mut rec = std::mem::take(&mut self.rec);
        let (_, rdr) = self.reader(file, delimiter)?;
        let found = rdr.seek(at).and_then(|()| rdr.read_record(&mut rec));
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        self.rec = rec;
        match found {
            Ok(true) => Ok(cells),
            Ok(false) => Err(self.changed(file, &"a record is missing")),
            Err(e) => Err(self.changed(file, &e)),
        }
    }

    /// The cells of the record at `offset` of roster `file`, split at `delimiter` as
    /// the CSV reader would, when the record is a plain line: it ends with a line break
    /// within [`LINE_ROOM`] bytes, is not empty, is valid UTF-8 and holds no quote and
    /// no carriage return (but one before its line break). None for any other record,
    /// which the CSV reader reads. One read at the offset, where the CSV reader seeks
    /// and reads.
    fn plain_line(
        &mut self,
        file: usize,
        offset: u64,
        delimiter: u8,
    ) -> Result<Option<Vec<String>>> {
        let f = match self.file.take() {
            Some((i, f)) if i == file => f,
            _ => crate::io::files::open_regular(&self.rosters.files[file].path)?,
        };
        self.line.resize(LINE_ROOM, 0);
        let read = read_some_at(&f, &mut self.line, offset);
        self.file = Some((file, f));
        let n = read.map_err(|e| self.changed(file, &e))?;
        let bytes = &self.line[..n];
        let Some(end) = memchr::memchr(b'\n', bytes) else {
            return Ok(None);
        };
        let line = bytes[..end].strip_suffix(b"\r").unwrap_or(&bytes[..end]);
        if line.is_empty() || memchr::memchr2(b'"', b'\r', line).is_some() {
            return Ok(None);
        }
        let Ok(line) = std::str::from_utf8(line) else {
            return Ok(None);
        };
        Ok(Some(
            line.split(char::from(delimiter))
                .map(str::to_string)
                .collect(),
        ))
    }

    /// The record at `p`, its cells aligned to the sample's columns.
    fn read(&mut self, p: &Place) -> Result<RosterRecord> {
        let rosters = self.rosters;
        let r = &rosters.files[p.file];
        let (Some(offset), Some((delimiter, _))) = (p.offset, r.csv) else {
            return Err(self.changed(p.file, &"a record has no byte offset"));
        };
        let cells = match self.plain_line(p.file, offset, delimiter)? {
            Some(cells) => cells,
            None => self.csv_record(p.file, offset, delimiter)?,
        };
        if self.columns.as_ref().is_none_or(|(i, _)| *i != p.file) {
            self.columns = Some((p.file, rosters.columns_of(p.file)));
        }
        let record = make_record(&r.header, &r.origin, p.row, cells, &mut self.categories);
        match (record, &self.columns) {
            (Some(record), Some((_, map))) => Ok(aligned(record?, map)),
            (None, _) => Err(self.changed(p.file, &"a record is blank")),
            (Some(_), None) => Err(self.changed(p.file, &"no columns")),
        }
    }
}
