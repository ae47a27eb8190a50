//! The draw's one pass over its rosters. Every record's ticket is offered to its
//! stratum's bounded heap (the n + r smallest); 8-byte digests of its id, ID number and
//! phone (the latter two with the record's place) and its 32-byte record digest go to
//! sorters that spill to disk, so memory follows the sample and not the roster. A UTF-8 CSV roster is cut into chunks
//! at line ends, outside quotes, while its SHA-256 is taken, and worker threads read
//! the chunks. Everything gathered merges without regard to which thread read which
//! chunk, so the result is the same for any thread count and chunk size.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use super::bottom::Bottom;
pub use super::bottom::Candidate;
use super::chunks::{Chunk, Lines, Marks, feed};
pub use super::chunks::{DataStart, data_start};
use super::quality::{self, QualityCheck, Wanted};
use super::roster::{RosterHeader, RosterRecord, empty_cell, id_problem, is_blank};
use super::spill::{Located, Partitions, Place, Sorter, Tagged, merge, repeated, repeated_keys};
use super::ticket::{TicketMaker, normalized_id};
use crate::error::{Error, Location, Result};
use crate::frame::FrameRow;
use crate::io::Category;
use crate::io::digest::ContentDigest;
use crate::io::digest::FileDigest;
use crate::io::digest::{SortedDigests, record_digest_in, record_digest_of_line};
use crate::io::names::spelled_differently;
use crate::io::ragged::{extra_field, short_row};
use crate::io::stream::{Row, csv_error};
use crate::io::text::{clean, unit_key};

/// How a scan uses the machine. None of it changes the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    /// Threads reading chunks; 0 for one per core.
    pub threads: usize,
    /// Bytes per chunk of a CSV roster.
    pub chunk_bytes: usize,
    /// Keys each thread keeps in memory per sorter before writing a sorted run to a
    /// temporary file.
    pub sort_buffer: usize,
}

/// Bytes per chunk unless told otherwise.
pub const CHUNK_BYTES: usize = 1 << 20;
/// Keys per thread and sorter held in memory unless told otherwise.
pub const SORT_BUFFER: usize = 1 << 17;

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            threads: 0,
            chunk_bytes: CHUNK_BYTES,
            sort_buffer: SORT_BUFFER,
        }
    }
}

impl ScanOptions {
    fn workers(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n,
        }
    }
}

/// One roster file as the scan sees it.
pub struct Layout<'a> {
    pub header: &'a RosterHeader,
    /// For each column of the draw's output, the file's column that fills it.
    pub columns: &'a [Option<usize>],
    /// The file (and sheet), for messages.
    pub origin: &'a Location,
    /// Whether the output's columns are the file's, in order.
    in_order: bool,
}

impl<'a> Layout<'a> {
    /// The layout of a roster with `header` whose output column k is filled from its
    /// column `columns[k]`.
    pub fn new(
        header: &'a RosterHeader,
        columns: &'a [Option<usize>],
        origin: &'a Location,
    ) -> Layout<'a> {
        let in_order = columns.iter().enumerate().all(|(k, c)| *c == Some(k));
        Layout {
            header,
            columns,
            origin,
            in_order,
        }
    }
}

/// A unit as one row of a roster writes it, and the row.
type Spelling<'a> = (&'a str, usize);

/// Strata by number: the frame's first, in frame order, then any others the rosters
/// name, numbered as met (numbers never reach a result).
#[derive(Default)]
struct Strata {
    keys: Vec<(String, Category)>,
    index: HashMap<(String, Category), u32>,
    /// Per roster, per unit key, each spelling of the unit met and its first row.
    spellings: HashMap<usize, HashMap<String, BTreeMap<String, usize>>>,
}

impl Strata {
    /// Notes that roster `file` spells the unit `key` as `spelled` at row `line`.
    fn spelled(&mut self, file: usize, key: &str, spelled: &str, line: usize) {
        // Most rows repeat a unit and spelling already met: look them up before
        // allocating.
        let units = self.spellings.entry(file).or_default();
        if !units.contains_key(key) {
            units.insert(key.to_string(), BTreeMap::new());
        }
        let Some(rows) = units.get_mut(key) else {
            return;
        };
        match rows.get_mut(spelled) {
            Some(first) => *first = (*first).min(line),
            None => {
                rows.insert(spelled.to_string(), line);
            }
        }
    }

    /// The first place where roster `file` spells a unit differently from an earlier
    /// row: (spelling, row) of the earlier row and of this one. Whichever thread read
    /// which row, the answer is the same.
    fn respelled(&self, file: usize) -> Option<(Spelling<'_>, Spelling<'_>)> {
        self.spellings
            .get(&file)?
            .values()
            .filter(|rows| rows.len() > 1)
            .map(|rows| {
                let mut by_row: Vec<(&str, usize)> =
                    rows.iter().map(|(s, l)| (s.as_str(), *l)).collect();
                by_row.sort_by_key(|&(s, l)| (l, s));
                (by_row[0], by_row[1])
            })
            .min_by_key(|&(first, second)| (second.1, first.1, second.0))
    }

    fn number(&mut self, key: (String, Category)) -> u32 {
        if let Some(&n) = self.index.get(&key) {
            return n;
        }
        let n = self.keys.len() as u32;
        self.keys.push(key.clone());
        self.index.insert(key, n);
        n
    }
}

/// What the scan of one part of the rosters gathered.
struct Part {
    /// Raw (unit, category) cells → stratum number.
    cache: StrataSeen,
    bottoms: Vec<Bottom>,
    seen: Vec<u64>,
    /// Strata outside the frame: their first (roster, row).
    first: BTreeMap<u32, (usize, usize)>,
    /// Id digests: a repeated id stops the draw, so their rows are found by reading
    /// the rosters again, and no places are kept.
    ids: Sorter<u64>,
    id_numbers: Sorter<Located>,
    phones: Sorter<Located>,
    /// Record digests of the current roster file.
    digests: Sorter<Tagged>,
    quality: QualityCheck,
    /// The first error met, by row.
    error: Option<(usize, Error)>,
    /// Room for a record's bytes.
    scratch: Vec<u8>,
}

/// The raw (unit, category) cells met so far and their strata: an open-addressing table
/// over one buffer of the cells' bytes, looked up once per record without copying the
/// cells. A fast hash (FxHash's multiply-rotate) is enough: the keys come from the
/// roster, not an attacker who could gain by colliding them, and a match is confirmed
/// by comparing the bytes.
#[derive(Default)]
struct StrataSeen {
    /// Per slot: 0 when empty, else 1 + the entry's index.
    slots: Vec<u32>,
    /// Per entry: its hash, where its unit and category end in `bytes`, its stratum.
    entries: Vec<(u64, u32, u32, u32)>,
    bytes: Vec<u8>,
}

impl StrataSeen {
    fn hash(unit: &str, category: &str) -> u64 {
        let h = quality::mix_words(unit.len() as u64, unit.as_bytes());
        quality::mix_words(h ^ category.len() as u64, category.as_bytes())
    }

    fn get(&self, unit: &str, category: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = Self::hash(unit, category);
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let e = *self.slots.get(i)?;
            if e == 0 {
                return None;
            }
            let (eh, unit_end, end, n) = self.entries[e as usize - 1];
            if eh == h {
                let start = if e == 1 {
                    0
                } else {
                    self.entries[e as usize - 2].2
                };
                let (u, c) = (
                    &self.bytes[start as usize..unit_end as usize],
                    &self.bytes[unit_end as usize..end as usize],
                );
                if u == unit.as_bytes() && c == category.as_bytes() {
                    return Some(n);
                }
            }
            i = (i + 1) & mask;
        }
    }

    fn insert(&mut self, unit: &str, category: &str, n: u32) {
        self.bytes.extend_from_slice(unit.as_bytes());
        let unit_end = self.bytes.len() as u32;
        self.bytes.extend_from_slice(category.as_bytes());
        let h = Self::hash(unit, category);
        self.entries.push((h, unit_end, self.bytes.len() as u32, n));
        if self.slots.len() < 2 * self.entries.len() {
            self.slots = vec![0; (4 * self.entries.len()).next_power_of_two()];
            for k in 0..self.entries.len() {
                self.place(k);
            }
        } else {
            self.place(self.entries.len() - 1);
        }
    }

    fn place(&mut self, k: usize) {
        let mask = self.slots.len() - 1;
        let mut i = self.entries[k].0 as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = k as u32 + 1;
    }
}

/// A row's cells, from a CSV record or a row of a workbook.
trait Cells {
    fn cell(&self, i: usize) -> &str;
    fn count(&self) -> usize;
    /// The line holding the cells one after another, and where each ends (see
    /// [`record_digest_of_line`]), when the row was read as such a line.
    fn line(&self) -> Option<(&str, &[usize])> {
        None
    }
}

impl Cells for csv::StringRecord {
    fn cell(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }
    fn count(&self) -> usize {
        self.len()
    }
}

impl Cells for Vec<String> {
    fn cell(&self, i: usize) -> &str {
        self.get(i).map_or("", String::as_str)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

/// The immutable side of a scan, shared by its threads.
struct Shared {
    maker: TicketMaker,
    keep: Vec<usize>,
    strata: Mutex<Strata>,
}

impl Shared {
    fn part(&self, opts: &ScanOptions) -> Part {
        let cap = opts.sort_buffer;
        Part {
            cache: StrataSeen::default(),
            bottoms: self.keep.iter().map(|&keep| Bottom::new(keep)).collect(),
            seen: vec![0; self.keep.len()],
            first: BTreeMap::new(),
            ids: Sorter::new(cap),
            id_numbers: Sorter::new(cap),
            phones: Sorter::new(cap),
            digests: Sorter::new(cap),
            quality: QualityCheck::default(),
            error: None,
            scratch: Vec::new(),
        }
    }

    /// The stratum of a row, from its raw unit and category cells; `place` is its
    /// roster and row.
    fn stratum(
        &self,
        part: &mut Part,
        layout: &Layout,
        (at, place): (&dyn Fn() -> Location, (usize, usize)),
        unit: &str,
        category: &str,
    ) -> Result<u32> {
        if let Some(n) = part.cache.get(unit, category) {
            return Ok(n);
        }
        let h = layout.header;
        let unit_key = unit_key(unit);
        if unit_key.is_empty() {
            return Err(empty_cell(h, &at(), h.unit, "unit"));
        }
        if is_blank(category) {
            return Err(empty_cell(h, &at(), h.category, "category"));
        }
        let mut strata = self
            .strata
            .lock()
            .map_err(|_| Error::Internal("a scan thread failed".into()))?;
        strata.spelled(place.0, &unit_key, &clean(unit), place.1);
        let n = strata.number((unit_key, Category::from_label(category)));
        drop(strata);
        part.cache.insert(unit, category, n);
        Ok(n)
    }

    /// Refuses roster `file` when it spells one unit two ways, naming both rows.
    fn one_spelling(&self, layout: &Layout, file: usize) -> Result<()> {
        let strata = self
            .strata
            .lock()
            .map_err(|_| Error::Internal("a scan thread failed".into()))?;
        let Some(((first, first_row), (second, row))) = strata.respelled(file) else {
            return Ok(());
        };
        let h = layout.header;
        let at = |row: usize| {
            layout
                .origin
                .at_row(row)
                .at_column(&h.labels[h.unit], h.unit)
        };
        Err(spelled_differently(second, at(row), first, &at(first_row)))
    }

    /// Takes in one row.
    fn row<C: Cells>(
        &self,
        part: &mut Part,
        layout: &Layout,
        (file, offset, line): (usize, Option<u64>, usize),
        cells: &C,
    ) -> Result<()> {
        if (0..cells.count()).all(|i| is_blank(cells.cell(i))) {
            return Ok(());
        }
        let h = layout.header;
        let at = || layout.origin.at_row(line);
        if cells.count() > h.labels.len() {
            let all: Vec<&str> = (0..cells.count()).map(|i| cells.cell(i)).collect();
            if let Some(e) = extra_field(h.labels.len(), &at(), &all[..]) {
                return Err(e);
            }
        }
        // Most rows are as wide as their header: the row's place is made only when not.
        if cells.count() < h.labels.len()
            && let Some(e) = short_row(&h.labels, &at(), cells.count())
        {
            return Err(e);
        }
        let id = normalized_id(cells.cell(h.id));
        if let Some(e) = id_problem(h, &at, &id) {
            return Err(e);
        }
        let s = self.stratum(
            part,
            layout,
            (&at, (file, line)),
            cells.cell(h.unit),
            cells.cell(h.category),
        )?;
        let column = |c: &Option<usize>| c.map_or("", |i| cells.cell(i));
        let record = Taken {
            file,
            offset,
            line,
            id: &id,
            unit: cells.cell(h.unit),
            stratum: s,
            cells: &|k| column(&layout.columns[k]),
            width: layout.columns.len(),
            id_number: h.id_number.map(|i| cells.cell(i)),
            phone: h.phone.map(|i| cells.cell(i)),
            joined: cells
                .line()
                .filter(|_| layout.in_order && cells.count() == layout.columns.len()),
        };
        self.take(part, &record, &at)
    }

    /// Takes in a record whose id, unit and category are known.
    fn take(&self, part: &mut Part, r: &Taken, at: &dyn Fn() -> Location) -> Result<()> {
        let ticket = self.maker.ticket(r.id);
        let place = Place {
            file: r.file,
            offset: r.offset,
            row: r.line,
        };
        part.ids.push(quality::id_repeat_hash(r.id))?;
        let s = r.stratum as usize;
        if s >= part.seen.len() {
            part.seen.resize(s + 1, 0);
        }
        part.seen[s] += 1;
        if let Some(bottom) = part.bottoms.get_mut(s) {
            bottom.offer(&ticket, r.id, || {
                Candidate::pack(ticket, r.id, (r.file, r.line), (r.width, r.cells))
            });
        } else {
            part.first.entry(r.stratum).or_insert((r.file, r.line));
        }
        let (id_number, phone) =
            part.quality
                .keys((r.file, r.line), (r.id_number, r.phone), r.unit, at);
        if let Some(n) = id_number {
            part.quality.see_id_number((r.file, r.line), &n, r.unit, at);
            part.id_numbers
                .push(Located::new(quality::hash64(&n), place))?;
        }
        if let Some(p) = phone {
            part.phones.push(Located::new(quality::hash64(&p), place))?;
        }
        let digest = match r.joined {
            Some((line, ends)) => record_digest_of_line(&mut part.scratch, r.id, line, ends),
            None => {
                let fields = std::iter::once(r.id).chain((0..r.width).map(|k| (r.cells)(k)));
                record_digest_in(&mut part.scratch, fields)
            }
        };
        part.digests.push(Tagged::new(digest, r.stratum))
    }
}

/// A record ready to take in: where it is, its id and stratum, and its cells.
struct Taken<'a> {
    file: usize,
    /// Byte offset of the record in a CSV roster read in chunks.
    offset: Option<u64>,
    line: usize,
    id: &'a str,
    /// The unit cell as read (named by the data-quality report).
    unit: &'a str,
    stratum: u32,
    /// The k-th output column.
    cells: &'a dyn Fn(usize) -> &'a str,
    width: usize,
    id_number: Option<&'a str>,
    phone: Option<&'a str>,
    /// The line holding exactly the output's cells in order, when the row is one.
    joined: Option<(&'a str, &'a [usize])>,
}

impl Part {
    /// Writes the keys held in memory to disk and lets go of their buffers: a reading
    /// thread does this before it ends, so its memory goes back while the thread that
    /// made it still owns it.
    fn settle(&mut self) -> Result<()> {
        self.ids.settle()?;
        self.id_numbers.settle()?;
        self.phones.settle()?;
        self.digests.settle()
    }

    fn fail(&mut self, line: usize, e: Error) {
        if self.error.as_ref().is_none_or(|(l, _)| line < *l) {
            self.error = Some((line, e));
        }
    }
}

/// Strata outside the frame: (unit, category) → (rows, first (roster, row)).
pub type Unknown = BTreeMap<(String, Category), (u64, (usize, usize))>;

/// The result of scanning all rosters, ready for the draw's checks.
pub struct Gathered {
    /// Per frame stratum: records seen and the n + r smallest, in ticket order.
    pub strata: Vec<(u64, Vec<Candidate>)>,
    /// Strata outside the frame: (unit, category) → (rows, first (roster, row)).
    pub unknown: Unknown,
    /// Id digests seen more than once.
    pub repeated_ids: HashSet<u64>,
    pub wanted: Wanted,
    /// The content digest of each roster file, in the order read: made on a thread of
    /// its own while the draw goes on.
    pub contents: Pending<Vec<ContentDigest>>,
    /// The records holding repeated ID numbers or phones, in roster order.
    pub repeats: Vec<Place>,
    pub quality: QualityCheck,
}

/// A draw's pass over its rosters, one file after another.
pub struct Scan {
    shared: Shared,
    merged: Part,
    opts: ScanOptions,
    /// The record digests of each file read.
    files: Vec<Sorter<Tagged>>,
}

impl Scan {
    pub fn new(frame: &[FrameRow], maker: TicketMaker, opts: ScanOptions) -> Scan {
        let mut strata = Strata::default();
        for f in frame {
            strata.number((f.unit.clone(), f.category.clone()));
        }
        let shared = Shared {
            maker,
            keep: frame
                .iter()
                .map(|f| (f.sample + f.reserve) as usize)
                .collect(),
            strata: Mutex::new(strata),
        };
        let merged = shared.part(&opts);
        Scan {
            shared,
            merged,
            opts,
            files: Vec::new(),
        }
    }

    /// Reads the rows of a roster file in order (workbooks, Parquet, and CSV in other
    /// encodings). `file` numbers the roster among the draw's rosters.
    pub fn rows(
        &mut self,
        rows: impl Iterator<Item = Result<Row>>,
        layout: &Layout,
        file: usize,
    ) -> Result<()> {
        let mut part = self.shared.part(&self.opts);
        for row in rows {
            let (line, cells) = row?;
            self.shared
                .row(&mut part, layout, (file, None, line), &cells)?;
        }
        self.shared.one_spelling(layout, file)?;
        self.absorb(vec![part])
    }

    /// Takes in records already made (cells aligned to the output columns), in order,
    /// as one roster; for records held in memory.
    pub fn records(
        &mut self,
        records: impl Iterator<Item = Result<RosterRecord>>,
        file: usize,
    ) -> Result<()> {
        let mut part = self.shared.part(&self.opts);
        for r in records {
            let r = r?;
            let stratum = self
                .shared
                .strata
                .lock()
                .map_err(|_| Error::Internal("a scan thread failed".into()))?
                .number((r.unit.clone(), r.category.clone()));
            let cells = |k: usize| r.cells.get(k).map_or("", String::as_str);
            let taken = Taken {
                file,
                offset: None,
                line: r.location.row.unwrap_or(0),
                id: &r.id,
                unit: &r.unit,
                stratum,
                cells: &cells,
                width: r.cells.len(),
                id_number: r.id_number.as_deref(),
                phone: r.phone.as_deref(),
                joined: None,
            };
            self.shared
                .take(&mut part, &taken, &|| r.location.clone())?;
        }
        self.absorb(vec![part])
    }

    /// Reads a UTF-8 CSV roster from its first byte with several threads, taking its
    /// SHA-256 on the way. `progress` hears the bytes read so far. None when the file
    /// ends lines with a bare carriage return, whose line numbers only the ordered
    /// reader keeps: read it with [`Scan::rows`] instead.
    pub fn csv<R: Read>(
        &mut self,
        mut input: R,
        delimiter: u8,
        start: DataStart,
        layout: &Layout,
        file: usize,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Option<FileDigest>> {
        let reader = ChunkReader {
            shared: &self.shared,
            layout,
            file,
            delimiter,
        };
        let (fed, parts) = reader.read_all(&mut input, start, &self.opts, progress);
        let done = joined(parts)?;
        let Some(digest) = fed.map_err(|e| {
            Error::read(
                std::path::Path::new(layout.origin.file.as_deref().unwrap_or("")),
                e,
            )
        })?
        else {
            return Ok(None);
        };
        self.shared.one_spelling(layout, file)?;
        self.absorb(done)?;
        Ok(Some(digest))
    }

    /// Merges the parts that read one file into the scan.
    fn absorb(&mut self, parts: Vec<Part>) -> Result<()> {
        let mut digests = Sorter::new(self.opts.sort_buffer);
        for mut p in parts {
            if let Some((_, e)) = p.error.take() {
                return Err(e);
            }
            let m = &mut self.merged;
            for (i, b) in p.bottoms.into_iter().enumerate() {
                m.bottoms[i].absorb(b);
            }
            if p.seen.len() > m.seen.len() {
                m.seen.resize(p.seen.len(), 0);
            }
            for (i, n) in p.seen.into_iter().enumerate() {
                m.seen[i] += n;
            }
            for (s, at) in p.first {
                let e = m.first.entry(s).or_insert(at);
                *e = (*e).min(at);
            }
            m.ids.absorb(p.ids)?;
            m.id_numbers.absorb(p.id_numbers)?;
            m.phones.absorb(p.phones)?;
            m.quality.absorb(p.quality);
            digests.absorb(p.digests)?;
        }
        self.files.push(digests);
        Ok(())
    }

    /// Everything the scan gathered.
    pub fn finish(self) -> Result<Gathered> {
        let Scan {
            shared,
            merged,
            files,
            ..
        } = self;
        let strata = shared
            .strata
            .into_inner()
            .map_err(|_| Error::Internal("a scan thread failed".into()))?;
        let Part {
            bottoms,
            seen,
            first,
            ids,
            id_numbers,
            phones,
            quality,
            ..
        } = merged;
        let unknown = first
            .into_iter()
            .map(|(s, at)| (strata.keys[s as usize].clone(), (seen[s as usize], at)))
            .collect();
        let per_stratum = bottoms
            .into_iter()
            .enumerate()
            .map(|(i, b)| (seen.get(i).copied().unwrap_or(0), b.into_sorted_vec()))
            .collect();
        let small = seen.iter().sum::<u64>() < 1 << 16;
        let names: Vec<(String, String)> = strata
            .keys
            .iter()
            .map(|(unit, category)| (unit.clone(), category.key().to_string()))
            .collect();
        // The content digests take longest to sort and need nothing else: they are
        // made beside the duplicate checks, the draw and the writing of its outputs.
        let contents = if small {
            Pending::ready(content_digests(files, &names, small))
        } else {
            Pending::spawn(move || content_digests(files, &names, small))
        };
        let sorted = sort_all((ids, id_numbers, phones), small)?;
        let (repeated_ids, (id_numbers, mut repeats), (phones, more)) = sorted;
        repeats.extend(more);
        repeats.sort();
        repeats.dedup();
        Ok(Gathered {
            strata: per_stratum,
            unknown,
            repeated_ids,
            wanted: Wanted::new(id_numbers, phones),
            contents,
            repeats,
            quality,
        })
    }
}

/// A result made on a thread of its own, waited for where it is needed. Dropped
/// unwaited (a draw that failed), it still waits for its thread: no work is left
/// running behind a failed command, not even in the workbench.
pub struct Pending<T> {
    ready: Option<Result<T>>,
    running: Option<std::thread::JoinHandle<Result<T>>>,
}

impl<T: Send + 'static> Pending<T> {
    /// A result already made.
    pub fn ready(result: Result<T>) -> Pending<T> {
        Pending {
            ready: Some(result),
            running: None,
        }
    }

    /// `make` run on a thread of its own.
    pub fn spawn(make: impl FnOnce() -> Result<T> + Send + 'static) -> Pending<T> {
        Pending {
            ready: None,
            running: Some(std::thread::spawn(make)),
        }
    }

    /// The result, once made.
    pub fn wait(mut self) -> Result<T> {
        if let Some(handle) = self.running.take() {
            return handle
                .join()
                .map_err(|_| Error::Internal("a sorting thread panicked".into()))?;
        }
        self.ready
            .take()
            .unwrap_or_else(|| Err(Error::Internal("a result was taken twice".into())))
    }
}

impl<T> Drop for Pending<T> {
    fn drop(&mut self) {
        if let Some(handle) = self.running.take() {
            let _ = handle.join();
        }
    }
}

/// The sorters of the duplicate checks: id digests, and ID numbers and phones with
/// their places.
type Sorters = (Sorter<u64>, Sorter<Located>, Sorter<Located>);

/// What sorting them gives: the repeated id digests, and the repeated ID numbers and
/// phones with the places of their records.
type Sorted = (
    HashSet<u64>,
    (HashSet<u64>, Vec<Place>),
    (HashSet<u64>, Vec<Place>),
);

/// Sorts the three kinds of keys side by side (one after another when the rosters are
/// `small`: threads would cost more than they save).
fn sort_all((ids, id_numbers, phones): Sorters, small: bool) -> Result<Sorted> {
    if small {
        return Ok((
            repeated_keys(ids)?,
            repeated(id_numbers)?,
            repeated(phones)?,
        ));
    }
    std::thread::scope(|s| {
        let ids = s.spawn(|| repeated_keys(ids));
        let id_numbers = s.spawn(|| repeated(id_numbers));
        let phones = s.spawn(|| repeated(phones));
        Ok((join(ids)?, join(id_numbers)?, join(phones)?))
    })
}

/// The content digest of each file from its record digests, strata named by `names`
/// (unit, category key) by number.
fn content_digests(
    files: Vec<Sorter<Tagged>>,
    names: &[(String, String)],
    small: bool,
) -> Result<Vec<ContentDigest>> {
    let name = |n: u32| names[n as usize].clone();
    files
        .into_iter()
        .map(|f| {
            let mut sorted = SortedDigests::default();
            if small {
                merge(f, |t| sorted.add(t.tag, &t.digest()))?;
            } else {
                add_sorted_in_parallel(f, &mut sorted)?;
            }
            Ok(sorted.finish(name))
        })
        .collect()
}

/// Adds the record digests of `file` to `sorted`: one thread sorts partitions while
/// this one hashes the sorted ones, handing each buffer back to be filled again.
fn add_sorted_in_parallel(file: Sorter<Tagged>, sorted: &mut SortedDigests) -> Result<()> {
    std::thread::scope(|s| {
        let (tx, rx) = mpsc::sync_channel::<Result<Vec<Tagged>>>(2);
        let (back, returned) = mpsc::channel::<Vec<Tagged>>();
        s.spawn(move || {
            let mut parts = Partitions::of(file);
            loop {
                let mut keys = returned.try_recv().unwrap_or_default();
                let next = match parts.next_into(&mut keys) {
                    Ok(false) => break,
                    Ok(true) => Ok(keys),
                    Err(e) => Err(e),
                };
                let failed = next.is_err();
                if tx.send(next).is_err() || failed {
                    break;
                }
            }
        });
        for keys in rx {
            let keys = keys?;
            for t in &keys {
                sorted.add(t.tag, &t.digest());
            }
            let _ = back.send(keys);
        }
        Ok(())
    })
}

/// The parts the reading threads gathered, or the error met first in the file.
fn joined(parts: Vec<std::thread::Result<Part>>) -> Result<Vec<Part>> {
    let mut done = Vec::with_capacity(parts.len());
    for p in parts {
        done.push(p.map_err(|_| Error::Internal("a scan thread panicked".into()))?);
    }
    let first = done
        .iter_mut()
        .filter_map(|p| p.error.take())
        .min_by_key(|(line, _)| *line);
    match first {
        Some((_, e)) => Err(e),
        None => Ok(done),
    }
}

/// The result of a sorting thread.
fn join<T>(h: std::thread::ScopedJoinHandle<'_, Result<T>>) -> Result<T> {
    h.join()
        .map_err(|_| Error::Internal("a sorting thread panicked".into()))?
}

/// A record of a chunk without quotes: a line, and where its cells end.
struct Line<'a> {
    text: &'a str,
    ends: &'a [usize],
}

impl Cells for Line<'_> {
    fn cell(&self, i: usize) -> &str {
        match self.ends.get(i) {
            Some(&end) => {
                let start = if i == 0 { 0 } else { self.ends[i - 1] + 1 };
                &self.text[start..end]
            }
            None => "",
        }
    }
    fn count(&self) -> usize {
        self.ends.len()
    }
    fn line(&self) -> Option<(&str, &[usize])> {
        Some((self.text, self.ends))
    }
}

/// What the threads reading one file's chunks share.
struct ChunkReader<'a> {
    shared: &'a Shared,
    layout: &'a Layout<'a>,
    file: usize,
    delimiter: u8,
}

impl ChunkReader<'_> {
    /// Cuts `input` (records from `start`) into chunks that worker threads read; what
    /// the feed gave (the file's SHA-256, or None for a file to read in order) and what
    /// each thread gathered.
    fn read_all<R: Read>(
        &self,
        input: &mut R,
        start: DataStart,
        opts: &ScanOptions,
        progress: &(dyn Fn(u64) + Sync),
    ) -> (
        std::io::Result<Option<FileDigest>>,
        Vec<std::thread::Result<Part>>,
    ) {
        let workers = opts.workers();
        let (tx, rx) = mpsc::sync_channel::<Chunk>(workers);
        let rx = Mutex::new(rx);
        let (back_tx, back_rx) = mpsc::channel::<Vec<u8>>();
        let stop = AtomicUsize::new(usize::MAX);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    let back = back_tx.clone();
                    let (rx, stop) = (&rx, &stop);
                    s.spawn(move || self.read_chunks(opts, rx, stop, back))
                })
                .collect();
            drop(back_tx);
            let chunk_bytes = opts.chunk_bytes;
            let fed = feed(input, start, chunk_bytes, tx, &back_rx, &stop, progress);
            (fed, handles.into_iter().map(|h| h.join()).collect())
        })
    }

    /// One reading thread: takes chunks until the feed ends, skipping those after a
    /// chunk that failed, and hands each chunk's buffer back for reuse.
    fn read_chunks(
        &self,
        opts: &ScanOptions,
        rx: &Mutex<mpsc::Receiver<Chunk>>,
        stop: &AtomicUsize,
        back: mpsc::Sender<Vec<u8>>,
    ) -> Part {
        let mut part = self.shared.part(opts);
        loop {
            let next = match rx.lock() {
                Ok(r) => r.recv(),
                Err(_) => break,
            };
            let Ok(chunk) = next else { break };
            if chunk.index > stop.load(Ordering::Relaxed) {
                continue;
            }
            if let Err((line, e)) = self.read(&mut part, &chunk) {
                part.fail(line, e);
                stop.fetch_min(chunk.index, Ordering::Relaxed);
            }
            let _ = back.send(chunk.bytes);
        }
        if let Err(e) = part.settle() {
            part.fail(usize::MAX, e);
        }
        part
    }

    /// Reads the records of one chunk; an error comes with its row. A chunk without a
    /// quote character (most rosters) is split at line ends and delimiters directly,
    /// exactly as the CSV reader would split it; others go through the CSV reader.
    fn read(&self, part: &mut Part, chunk: &Chunk) -> std::result::Result<(), (usize, Error)> {
        let ChunkReader {
            shared,
            layout,
            file,
            delimiter,
        } = *self;
        // A delimiter that is a quote or part of a line end is left to the CSV reader.
        let plain = !matches!(delimiter, b'"' | b'\n' | b'\r')
            && memchr::memchr(b'"', &chunk.bytes).is_none();
        // The same check as `std::str::from_utf8`, with the CPU's vector instructions.
        let text = match simdutf8::basic::from_utf8(&chunk.bytes) {
            Ok(text) if plain => text,
            // The CSV reader names the row of a bad byte, or reads the quotes.
            _ => return self.read_csv(part, chunk),
        };
        let bytes = text.as_bytes();
        let mut ends: Vec<usize> = Vec::with_capacity(layout.header.labels.len() + 1);
        let mut line_no = chunk.first_line;
        let mut start = 0;
        let mut marks = Marks::new(bytes, delimiter, b'\n');
        loop {
            let mark = marks.next();
            if let Some(i) = mark
                && bytes[i] == delimiter
            {
                ends.push(i - start);
                continue;
            }
            // A line ends at a line break or at the chunk's end.
            let stop = mark.unwrap_or(bytes.len());
            if mark.is_none() && start >= bytes.len() {
                break;
            }
            let mut len = stop - start;
            if len > 0 && bytes[stop - 1] == b'\r' {
                len -= 1;
            }
            // The CSV reader skips empty lines.
            if len > 0 {
                ends.push(len);
                let at = (file, Some(chunk.offset + start as u64), line_no);
                let cells = Line {
                    text: &text[start..start + len],
                    ends: &ends,
                };
                shared
                    .row(part, layout, at, &cells)
                    .map_err(|e| (line_no, e))?;
            }
            ends.clear();
            line_no += 1;
            start = stop + 1;
            if mark.is_none() {
                break;
            }
        }
        Ok(())
    }

    /// Reads the records of one chunk through the CSV reader.
    fn read_csv(&self, part: &mut Part, chunk: &Chunk) -> std::result::Result<(), (usize, Error)> {
        // Chunks end outside quotes but at the file's end: a quote still open there
        // would make the rest of the file one cell.
        let mut quotes = crate::io::grid::QuoteScan::new(self.delimiter);
        chunk.bytes.iter().for_each(|&b| quotes.feed(b));
        if let Some(opened) = quotes.open_at() {
            let line = chunk.first_line + opened - 1;
            let at = self.layout.origin.at_row(line);
            return Err((
                line,
                Error::input(at, crate::i18n::msg!("grid-unclosed-quote")),
            ));
        }
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(&chunk.bytes[..]);
        let mut rec = csv::StringRecord::new();
        let mut lines = Lines {
            bytes: &chunk.bytes,
            at: 0,
            line: chunk.first_line,
        };
        loop {
            match rdr.read_record(&mut rec) {
                Ok(false) => return Ok(()),
                Ok(true) => {
                    let (line, start) = lines.of(rec.position());
                    let at = (self.file, Some(chunk.offset + start as u64), line);
                    self.shared
                        .row(part, self.layout, at, &rec)
                        .map_err(|e| (line, e))?;
                }
                Err(e) => {
                    let (line, _) = lines.of(e.position());
                    return Err((line, csv_error(&e, self.layout.origin, Some(line))));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Pending, StrataSeen};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn a_pending_result_is_waited_for_even_when_dropped() {
        let done = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&done);
        let pending = Pending::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            flag.store(true, Ordering::SeqCst);
            Ok(7)
        });
        drop(pending);
        assert!(done.load(Ordering::SeqCst), "the thread was left running");
        assert_eq!(Pending::spawn(|| Ok(3)).wait().ok(), Some(3));
        assert_eq!(Pending::ready(Ok(4)).wait().ok(), Some(4));
        let panicked = Pending::<u8>::spawn(|| panic!("a sorting failure")).wait();
        assert!(matches!(panicked, Err(crate::error::Error::Internal(_))));
    }

    #[test]
    fn strata_seen_finds_exactly_what_was_put() {
        let mut seen = StrataSeen::default();
        assert_eq!(seen.get("a", "b"), None);
        for n in 0..3000u32 {
            seen.insert(&format!("镇{n}"), &format!("类{}", n % 7), n);
        }
        for n in 0..3000u32 {
            assert_eq!(
                seen.get(&format!("镇{n}"), &format!("类{}", n % 7)),
                Some(n)
            );
            assert_eq!(
                seen.get(&format!("镇{n}"), &format!("类{}", (n + 1) % 7)),
                None
            );
        }
        seen.insert("ab", "c", 9000);
        assert_eq!(seen.get("a", "bc"), None);
        assert_eq!(seen.get("ab", "c"), Some(9000));
        assert_eq!(seen.get("", ""), None);
    }
}
