//! Cutting a CSV roster into chunks for the scan's threads: where its records begin
//! after the header, chunks of whole lines cut outside quotes while the file's SHA-256
//! is taken, and the line numbers of records within a chunk.

use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use sha2::{Digest, Sha256};

use crate::io::digest::FileDigest;

/// A chunk of a CSV roster: whole lines, the first numbered `first_line`.
pub(crate) struct Chunk {
    pub(crate) index: usize,
    /// Byte offset of the chunk in the file.
    pub(crate) offset: u64,
    pub(crate) first_line: usize,
    pub(crate) bytes: Vec<u8>,
}

/// Where a CSV roster's records begin, after its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStart {
    /// Byte offset of the first line after the header.
    pub byte: usize,
    /// Its line number.
    pub line: usize,
}

/// Finds where records begin in a UTF-8 CSV file whose first bytes are `head`, given
/// the header's line number; None when the header does not end within `head`.
pub fn data_start(head: &[u8], delimiter: u8, header_line: usize) -> Option<DataStart> {
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &head[bom..];
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body);
    let mut rec = csv::ByteRecord::new();
    let mut lines = Lines {
        bytes: body,
        at: 0,
        line: 1,
    };
    loop {
        if !rdr.read_byte_record(&mut rec).ok()? {
            return None;
        }
        let (line, _) = lines.of(rec.position());
        if line > header_line {
            return None;
        }
        if line == header_line {
            let mut end = rdr.position().byte() as usize;
            if end >= body.len() {
                return None;
            }
            if body[end - 1] == b'\r' && body[end] == b'\n' {
                end += 1;
            }
            if body[end - 1] != b'\n' {
                return None;
            }
            let lines = memchr::memchr_iter(b'\n', &body[lines.at..end]).count();
            return Some(DataStart {
                byte: bom + end,
                line: header_line + lines,
            });
        }
    }
}

/// Line numbers within a chunk. The CSV reader's own position of a record is where
/// its read began, before the line ends (and empty lines) it skipped: the record
/// starts after those.
pub(crate) struct Lines<'a> {
    pub(crate) bytes: &'a [u8],
    /// A record start already numbered, and its line.
    pub(crate) at: usize,
    pub(crate) line: usize,
}

impl Lines<'_> {
    /// The line and byte offset of the record whose read began at `read_from`.
    pub(crate) fn of(&mut self, read_from: Option<&csv::Position>) -> (usize, usize) {
        let mut start = read_from
            .map_or(0, |p| p.byte() as usize)
            .min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > self.at {
            self.line += memchr::memchr_iter(b'\n', &self.bytes[self.at..start]).count();
            self.at = start;
        }
        (self.line, start)
    }
}

/// Fills `buf` from `input` as far as it can; fewer bytes only at the end.
fn read_full<R: Read>(input: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Reads the file, hashing every byte, and sends its records in chunks of whole lines
/// cut outside quotes. None when a line ends with a bare carriage return.
pub(crate) fn feed<R: Read>(
    input: &mut R,
    start: DataStart,
    chunk_bytes: usize,
    tx: mpsc::SyncSender<Chunk>,
    back: &mpsc::Receiver<Vec<u8>>,
    stop: &AtomicUsize,
    progress: &(dyn Fn(u64) + Sync),
) -> std::io::Result<Option<FileDigest>> {
    let chunk_bytes = chunk_bytes.max(1);
    let mut sha = Sha256::new();
    let mut head = vec![0u8; start.byte];
    let got = read_full(input, &mut head)?;
    sha.update(&head[..got]);
    let mut size = got as u64;
    let mut cutter = Cutter::new(start);
    loop {
        if stop.load(Ordering::Relaxed) != usize::MAX {
            return Ok(None);
        }
        let n = cutter.fill(input, chunk_bytes, &mut sha)?;
        let eof = n < chunk_bytes;
        size += n as u64;
        progress(size);
        if cutter.bare_cr(eof) {
            return Ok(None);
        }
        cutter.find_cut(eof);
        if let Some(chunk) = cutter.take_chunk(back)
            && tx.send(chunk).is_err()
        {
            return Ok(None);
        }
        if eof {
            break;
        }
    }
    drop(tx);
    let sha256 = crate::io::digest::hex(&sha.finalize());
    Ok(Some(FileDigest { sha256, size }))
}

/// Cutting a file's records into chunks: the bytes read and not yet sent, how far they
/// have been checked for carriage returns and scanned for line ends, where the next
/// chunk ends, and the line, number and byte offset the next chunk starts at.
struct Cutter {
    pending: Vec<u8>,
    scanned: usize,
    cr_checked: usize,
    cut: usize,
    in_quotes: bool,
    line: usize,
    index: usize,
    offset: u64,
}

impl Cutter {
    fn new(start: DataStart) -> Cutter {
        Cutter {
            pending: Vec::new(),
            scanned: 0,
            cr_checked: 0,
            cut: 0,
            in_quotes: false,
            line: start.line,
            index: 0,
            offset: start.byte as u64,
        }
    }

    /// Reads up to `chunk_bytes` more into the pending bytes, hashing them; how many.
    fn fill<R: Read>(
        &mut self,
        input: &mut R,
        chunk_bytes: usize,
        sha: &mut Sha256,
    ) -> std::io::Result<usize> {
        let from = self.pending.len();
        self.pending.resize(from + chunk_bytes, 0);
        let n = read_full(input, &mut self.pending[from..])?;
        self.pending.truncate(from + n);
        sha.update(&self.pending[from..]);
        Ok(n)
    }

    /// Whether the pending bytes hold a bare carriage return, which ends a line for
    /// the CSV reader but not for its line count (the last byte waits for the next
    /// read unless the file has ended).
    fn bare_cr(&mut self, eof: bool) -> bool {
        let pending = &self.pending;
        let check_to = if eof {
            pending.len()
        } else {
            pending.len().saturating_sub(1)
        };
        for p in memchr::memchr_iter(b'\r', &pending[self.cr_checked..check_to]) {
            let p = self.cr_checked + p;
            if pending.get(p + 1).is_some_and(|&b| b != b'\n') {
                return true;
            }
        }
        self.cr_checked = check_to;
        false
    }

    /// Moves the cut past the last line end outside quotes among the bytes not yet
    /// scanned (to the end once the file has ended).
    fn find_cut(&mut self, eof: bool) {
        let new = &self.pending[self.scanned..];
        if !self.in_quotes && memchr::memchr(b'"', new).is_none() {
            if let Some(p) = memchr::memrchr(b'\n', new) {
                self.cut = self.scanned + p + 1;
            }
        } else {
            for p in memchr::memchr2_iter(b'"', b'\n', new) {
                if new[p] == b'"' {
                    self.in_quotes = !self.in_quotes;
                } else if !self.in_quotes {
                    self.cut = self.scanned + p + 1;
                }
            }
        }
        self.scanned = self.pending.len();
        if eof {
            self.cut = self.pending.len();
        }
    }

    /// The bytes before the cut as the next chunk, if there is a cut; the rest stays
    /// pending, in a buffer handed `back` by a reader when one is free.
    fn take_chunk(&mut self, back: &mpsc::Receiver<Vec<u8>>) -> Option<Chunk> {
        let cut = self.cut;
        if cut == 0 {
            return None;
        }
        let mut rest = back.try_recv().unwrap_or_default();
        rest.clear();
        rest.extend_from_slice(&self.pending[cut..]);
        self.pending.truncate(cut);
        let lines = memchr::memchr_iter(b'\n', &self.pending).count();
        let chunk = Chunk {
            index: self.index,
            offset: self.offset,
            first_line: self.line,
            bytes: std::mem::replace(&mut self.pending, rest),
        };
        self.line += lines;
        self.offset += cut as u64;
        self.index += 1;
        self.scanned -= cut;
        self.cr_checked = self.cr_checked.saturating_sub(cut);
        self.cut = 0;
        Some(chunk)
    }
}

/// The places of two bytes in a chunk, in order, found eight bytes at a time: the
/// separators and line ends of a chunk without quotes, in one pass (a search per cell
/// and per line costs a call each).
pub(crate) struct Marks<'a> {
    bytes: &'a [u8],
    /// Each byte of the word: the first byte and the second repeated.
    first: u64,
    second: u64,
    /// A byte that is neither.
    pad: u8,
    /// Where the current word begins.
    at: usize,
    /// The top bit of each byte of the current word that is one of the two, not yet
    /// given.
    found: u64,
}

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The top bit of each zero byte of `x`, exactly (no carry from one byte reaches
/// another).
#[inline]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

impl<'a> Marks<'a> {
    pub(crate) fn new(bytes: &'a [u8], first: u8, second: u8) -> Marks<'a> {
        let mut m = Marks {
            bytes,
            first: u64::from_ne_bytes([first; 8]),
            second: u64::from_ne_bytes([second; 8]),
            pad: (0..=2).find(|&p| p != first && p != second).unwrap_or(0),
            at: 0,
            found: 0,
        };
        m.found = m.look(0);
        m
    }

    /// The marks of the word at `at`.
    #[inline]
    fn look(&self, at: usize) -> u64 {
        let word = match self.bytes.get(at..at + 8) {
            Some(w) => {
                let mut b = [0u8; 8];
                b.copy_from_slice(w);
                u64::from_le_bytes(b)
            }
            None => {
                let rest = self.bytes.get(at..).unwrap_or(&[]);
                // Past the end: bytes that are neither mark.
                let mut b = [self.pad; 8];
                b[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(b)
            }
        };
        zero_bytes(word ^ self.first) | zero_bytes(word ^ self.second)
    }
}

impl Iterator for Marks<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.found == 0 {
            self.at += 8;
            if self.at >= self.bytes.len() {
                return None;
            }
            self.found = self.look(self.at);
        }
        let i = self.at + (self.found.trailing_zeros() / 8) as usize;
        self.found &= self.found - 1;
        Some(i)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_are_every_place_of_either_byte() {
        let texts: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b",".to_vec(),
            b"\n".to_vec(),
            b"abcdefg".to_vec(),
            b"abcdefgh,".to_vec(),
            "a,b\r\n城关镇,農村低保,\n\n,,,,,,,,,,,,,,,,\n末"
                .as_bytes()
                .to_vec(),
            (0..=255u8).cycle().take(1000).collect(),
        ];
        for text in &texts {
            for (a, b) in [
                (b',', b'\n'),
                (b'\t', b'\n'),
                (b';', b'\n'),
                (0x00, 0xff),
                (0x80, 0x7f),
            ] {
                let want: Vec<usize> = text
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c == a || **c == b)
                    .map(|(i, _)| i)
                    .collect();
                let got: Vec<usize> = super::Marks::new(text, a, b).collect();
                assert_eq!(got, want, "{a} {b} {text:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn records_start_after_the_header_line() {
        let at = |head: &str, line: usize| data_start(head.as_bytes(), b',', line);
        assert_eq!(
            at("id,乡镇\nQ1,城关镇\n", 1),
            Some(DataStart { byte: 10, line: 2 })
        );
        // A title row and a blank line above the header; CRLF line ends.
        let head = "名册\r\n\r\nid,乡镇\r\nQ1,城关镇\r\n";
        let start = at(head, 3).unwrap();
        assert_eq!(&head[start.byte..], "Q1,城关镇\r\n");
        assert_eq!(start.line, 4);
        // A header with a quoted line break spans two lines.
        let head = "\u{feff}\"编\n号\",乡镇\nQ1,城关镇\n";
        let start = at(head, 1).unwrap();
        assert_eq!(&head[start.byte..], "Q1,城关镇\n");
        assert_eq!(start.line, 3);
        // Not found, or not ended within the bytes read.
        assert_eq!(at("id,乡镇\nQ1,城关镇\n", 5), None);
        assert_eq!(at("id,乡镇", 1), None);
    }
}
