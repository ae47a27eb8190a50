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
            categories: HashMap::new(),
            rec: csv::StringRecord::new(),
        };
        Ok(Box::new(places.iter().map(move |p| reader.read(p))))
    }
}

/// The roster open for reading at offsets: its number, a CSV reader moved from record
/// to record, and its columns' places in the sample.
type OpenRoster = (usize, csv::Reader<std::fs::File>, Vec<Option<usize>>);

/// Reads records at byte offsets, one CSV reader per roster, moved from record to
/// record.
struct RecordsAt<'a> {
    rosters: &'a RosterSet,
    open: Option<OpenRoster>,
    categories: HashMap<String, Category>,
    rec: csv::StringRecord,
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
        if self.open.as_ref().is_none_or(|(i, _, _)| *i != file) {
            let f = crate::io::files::open_regular(&self.rosters.files[file].path)?;
            let rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                // Records are read one at a time far apart: a small buffer reads little
                // more than the record (a longer one is read on).
                .buffer_capacity(1 << 9)
                .from_reader(f);
            self.open = Some((file, rdr, self.rosters.columns_of(file)));
        }
        let rosters = self.rosters;
        let changed = move || changed(rosters, file, &"no reader");
        self.open.as_mut().ok_or_else(changed)
    }

    /// The record at `p`, its cells aligned to the sample's columns.
    fn read(&mut self, p: &Place) -> Result<RosterRecord> {
        let rosters = self.rosters;
        let r = &rosters.files[p.file];
        let (Some(offset), Some((delimiter, _))) = (p.offset, r.csv) else {
            return Err(self.changed(p.file, &"a record has no byte offset"));
        };
        let mut at = csv::Position::new();
        at.set_byte(offset);
        let mut rec = std::mem::take(&mut self.rec);
        let (_, rdr, _) = self.reader(p.file, delimiter)?;
        let found = rdr.seek(at).and_then(|()| rdr.read_record(&mut rec));
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        self.rec = rec;
        match found {
            Ok(true) => {}
            Ok(false) => return Err(self.changed(p.file, &"a record is missing")),
            Err(e) => return Err(self.changed(p.file, &e)),
        }
        let record = make_record(&r.header, &r.origin, p.row, cells, &mut self.categories);
        match (record, &self.open) {
            (Some(record), Some((_, _, map))) => Ok(aligned(record?, map)),
            (None, _) => Err(self.changed(p.file, &"a record is blank")),
            (Some(_), None) => Err(self.changed(p.file, &"no reader")),
        }
    }
}
