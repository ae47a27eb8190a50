//! The rosters of one draw: each file opened up to its header, their columns lined up,
//! one pass over them all (a UTF-8 CSV file in parallel chunks, anything else row by
//! row), and the draw from what that pass gathered.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::columns::{columns, union_labels};
use super::roster::{RosterHeader, RosterReader};
use super::scan::{DataStart, Gathered, Layout, Pending, Scan, ScanOptions, data_start};
use super::sql::{self, SqlSource};
use super::ticket::{Seed, TicketMaker};
use super::{Draw, DrawPlan, draw};
use crate::error::{Error, Location, Result};
use crate::frame::FrameRow;
use crate::i18n::msg;
use crate::io::decode::TextEncoding;
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::grid::SourceFormat;
use crate::io::stream::{SNIFF_BYTES, open_rows, sniff_csv};

/// Which rosters a draw reads and how (borrowed from the command's options).
#[derive(Debug, Clone, Copy)]
pub struct RosterSources<'a> {
    pub paths: &'a [PathBuf],
    pub sheet: Option<&'a str>,
    pub id_column: Option<&'a str>,
    /// Threads and buffers of the scan (they never change the result).
    pub scan: ScanOptions,
}

/// A roster file and its header.
pub struct RosterFile {
    pub path: PathBuf,
    pub header: RosterHeader,
    pub sheet: Option<String>,
    /// The file's format, as a manifest records it.
    pub format: String,
    pub origin: Location,
    /// The header's row number.
    pub header_row: usize,
    /// For a UTF-8 CSV file: its delimiter and where its records begin.
    pub csv: Option<(u8, DataStart)>,
    /// The workbook's other shown sheets with this sheet's columns and records, which
    /// the draw does not read (a roster kept one sheet per township).
    pub unread_sheets: Vec<String>,
}

/// The rosters of a draw, opened, with the sample's columns.
pub struct RosterSet {
    pub files: Vec<RosterFile>,
    /// The sample's columns: the union of the rosters' headers (see [`union_labels`]).
    pub labels: Vec<String>,
    pub(super) sheet: Option<String>,
    pub(super) id_column: Option<String>,
    scan: ScanOptions,
}

/// What one pass over the rosters gives: what the draw needs, and each roster's
/// content digest and SHA-256.
pub struct Scanned {
    pub gathered: Gathered,
    /// Made on a thread of its own while the draw goes on.
    pub contents: Pending<Vec<ContentDigest>>,
    pub digests: Vec<FileDigest>,
}

/// Opens a roster and reads up to its header.
pub(super) fn open_roster(
    path: &Path,
    sheet: Option<&str>,
    id_column: Option<&str>,
) -> Result<RosterReader> {
    RosterReader::open(open_rows(path, sheet)?, id_column)
}

/// Where the records of a UTF-8 CSV roster begin, if it can be read in chunks.
fn csv_start(path: &Path, header_row: usize) -> Result<Option<(u8, DataStart)>> {
    use std::io::Read;
    let mut head = Vec::new();
    crate::io::files::open_regular(path)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::read(path, e))?;
    Ok(sniff_csv(&head).and_then(|shape| {
        data_start(&head, shape.delimiter, header_row).map(|start| (shape.delimiter, start))
    }))
}

impl RosterFile {
    /// Opens the roster at `path` up to its header.
    fn open(path: &Path, sources: &RosterSources) -> Result<RosterFile> {
        let reader = open_roster(path, sources.sheet, sources.id_column)?;
        let origin = reader.origin().clone();
        let csv = match (reader.format(), sources.sheet) {
            (SourceFormat::Csv(TextEncoding::Utf8 | TextEncoding::Utf8Bom), None) => {
                csv_start(path, reader.header_row)?
            }
            _ => None,
        };
        let unread_sheets = match (reader.format(), sources.sheet) {
            (SourceFormat::Workbook, None) => {
                same_roster_sheets(path, &reader.header, origin.sheet.as_deref())
            }
            _ => Vec::new(),
        };
        Ok(RosterFile {
            unread_sheets,
            path: path.to_path_buf(),
            header: reader.header.clone(),
            sheet: origin.sheet.clone(),
            format: reader.format().describe(),
            origin,
            header_row: reader.header_row,
            csv,
        })
    }
}

/// The shown sheets of the workbook at `path`, other than `read`, whose header is
/// `header`'s and which hold records.
fn same_roster_sheets(path: &Path, header: &RosterHeader, read: Option<&str>) -> Vec<String> {
    let Ok(bytes) = crate::io::files::read_regular(path) else {
        return Vec::new();
    };
    let name = path.display().to_string();
    let same = |g: &crate::io::grid::Grid| {
        if g.origin.sheet.as_deref() == read {
            return false;
        }
        let rows = crate::io::stream::Rows::from_grid(g.clone());
        RosterReader::open(rows, None).is_ok_and(|mut r| {
            r.header.labels == header.labels && r.next().is_some_and(|rec| rec.is_ok())
        })
    };
    crate::io::grid::fitting_sheets(&bytes, &name, same)
        .into_iter()
        .filter_map(|g| g.origin.sheet)
        .collect()
}

impl RosterSet {
    /// Opens every roster up to its header; at least one is needed.
    pub fn open(sources: RosterSources) -> Result<RosterSet> {
        if sources.paths.is_empty() {
            return Err(Error::usage(msg!("clerk-no-roster")));
        }
        let files = sources
            .paths
            .iter()
            .map(|path| RosterFile::open(path, &sources))
            .collect::<Result<Vec<_>>>()?;
        let headers: Vec<&RosterHeader> = files.iter().map(|f| &f.header).collect();
        Ok(RosterSet {
            labels: union_labels(&headers),
            files,
            sheet: sources.sheet.map(str::to_string),
            id_column: sources.id_column.map(str::to_string),
            scan: sources.scan,
        })
    }

    /// For each of the sample's columns, the column of roster `file` that fills it.
    pub(super) fn columns_of(&self, file: usize) -> Vec<Option<usize>> {
        columns(
            &self.files[0].header,
            &self.files[file].header,
            &self.labels,
        )
    }

    /// The rosters' size in bytes, for a progress report.
    pub fn total_bytes(&self) -> u64 {
        self.files
            .iter()
            .map(|r| std::fs::metadata(&r.path).map_or(0, |m| m.len()))
            .sum()
    }

    /// Reads every roster once, for the draw of `frame` with `seed`; `progress` hears
    /// the bytes read so far.
    pub fn scan(
        &self,
        frame: &[FrameRow],
        seed: &Seed,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Scanned> {
        let mut scan = Scan::new(frame, TicketMaker::new(seed), self.scan);
        let position = AtomicU64::new(0);
        let mut digests = Vec::new();
        for (i, r) in self.files.iter().enumerate() {
            let map = self.columns_of(i);
            let layout = Layout::new(&r.header, &map, &r.origin);
            let done = position.load(Ordering::Relaxed);
            let report = |n: u64| {
                position.store(done + n, Ordering::Relaxed);
                progress(done + n);
            };
            digests.push(self.scan_file(&mut scan, r, (&layout, i), &report)?);
        }
        let mut gathered = scan.finish()?;
        let contents = std::mem::replace(&mut gathered.contents, Pending::ready(Ok(Vec::new())));
        Ok(Scanned {
            contents,
            gathered,
            digests,
        })
    }

    /// Reads roster `r` (the `file`-th, laid out as `layout`) into `scan`; its SHA-256.
    fn scan_file(
        &self,
        scan: &mut Scan,
        r: &RosterFile,
        (layout, file): (&Layout, usize),
        report: &(dyn Fn(u64) + Sync),
    ) -> Result<FileDigest> {
        if let Some((delimiter, start)) = r.csv {
            let input = crate::io::files::open_regular(&r.path)?;
            if let Some(digest) = scan.csv(input, delimiter, start, layout, file, report)? {
                return Ok(digest);
            }
        }
        let reader = open_roster(&r.path, self.sheet.as_deref(), self.id_column.as_deref())?;
        scan.rows(reader.into_rows(), layout, file)?;
        let digest = FileDigest::of_file(&r.path)?;
        report(digest.size);
        Ok(digest)
    }

    /// The content digest of each roster. It depends on neither frame nor seed (a
    /// commitment is made before the seed is known): the scan runs with none.
    pub fn contents(&self, progress: &(dyn Fn(u64) + Sync)) -> Result<Vec<ContentDigest>> {
        let seed = Seed::new("content")?;
        self.scan(&[], &seed, progress)?.contents.wait()
    }

    /// The rosters as the SQL form of the draw reads them: where they are, and the
    /// columns it names.
    pub fn sql_source(&self) -> SqlSource {
        let first = &self.files[0].header;
        let files = self
            .files
            .iter()
            .map(|r| sql::RosterFile {
                path: r.path.display().to_string(),
                header_row: r.header_row,
            })
            .collect();
        SqlSource {
            relation: sql::Relation::Files(files),
            id: first.labels[first.id].clone(),
            unit: first.labels[first.unit].clone(),
            category: first.labels[first.category].clone(),
            columns: self.labels.clone(),
        }
    }

    /// How messages name the rosters: the path of the only one, or how many there are.
    fn source(&self) -> String {
        match &self.files[..] {
            [only] => only.path.display().to_string(),
            files => format!("{} rosters", files.len()),
        }
    }

    /// Draws the sample of `frame` from what the scan `gathered`, reading the rosters
    /// again where the checks must name rows.
    pub fn draw(&self, frame: &[FrameRow], gathered: Gathered, plan: &DrawPlan) -> Result<Draw> {
        let origins: Vec<Location> = self.files.iter().map(|r| r.origin.clone()).collect();
        let drawn = draw(frame, gathered, &origins, self, plan, &self.source());
        let Some(r) = self.files.iter().find(|r| !r.unread_sheets.is_empty()) else {
            return drawn;
        };
        let note = msg!(
            "draw-unread-sheets",
            file = r.path.display(),
            sheet = r.sheet.as_deref().unwrap_or(""),
            count = r.unread_sheets.len(),
            sheets = r.unread_sheets.join(", ")
        );
        match drawn {
            Err(Error::Input { location, message }) => Err(Error::Input {
                location,
                message: msg!("draw-with-a-note", message => message, note => note),
            }),
            Ok(mut d) => {
                d.warnings.push(note.render());
                Ok(d)
            }
            other => other,
        }
    }
}
