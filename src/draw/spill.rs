//! Sorting more fixed-size keys than memory should hold. The keys are digests, spread
//! evenly, so they are split by their first byte into 256 partitions: the partitions
//! in order, each sorted on its own, are all keys in order. Keys gather in memory up
//! to a bound; past it every partition is appended to an anonymous temporary file as a
//! segment. At the end each partition is read back, sorted and handed on, one at a
//! time. The draw uses it for the digests of its duplicate checks and the record
//! digests of the content digest, so its memory stays bounded whatever the roster's
//! size, and no k-way merge is needed. On disk a key leaves out its partition byte,
//! which the segment it is in already says.

use std::fs::File;

use crate::error::{Error, Result};

/// A key of fixed size, written as bytes to a run.
pub trait Key: Ord + Copy + Send {
    /// Bytes on disk: the key without its partition byte.
    const SIZE: usize;
    /// The key's partition (0–255): keys of a lower partition are smaller.
    fn partition(&self) -> usize;
    /// The key's bucket within its partition (0–4095, the 12 bits after the partition
    /// byte): within a partition, keys of a lower bucket are smaller.
    fn bucket(&self) -> usize;
    /// Writes the key but its partition byte.
    fn put(&self, out: &mut [u8]);
    /// The key of partition `partition` that [`Key::put`] wrote as `bytes`.
    fn get(partition: usize, bytes: &[u8]) -> Self;
}

impl Key for u64 {
    /// The low seven bytes; the top byte is the partition.
    const SIZE: usize = 7;
    fn partition(&self) -> usize {
        (self >> 56) as usize
    }
    fn bucket(&self) -> usize {
        ((self >> 44) & 0xfff) as usize
    }
    fn put(&self, out: &mut [u8]) {
        out.copy_from_slice(&self.to_le_bytes()[..7]);
    }
    fn get(partition: usize, bytes: &[u8]) -> Self {
        let mut b = [partition as u8; 8];
        b[..7].copy_from_slice(bytes);
        u64::from_le_bytes(b)
    }
}

/// A little-endian word of `bytes` (eight of them).
fn word(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(bytes);
    u64::from_le_bytes(b)
}

/// Where a record is: its roster's number and byte offset (for a CSV roster read in
/// chunks), and its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub file: usize,
    /// None when the record cannot be read again on its own.
    pub offset: Option<u64>,
    pub row: usize,
}

/// Bits of a [`Located`] place that hold the byte offset.
const OFFSET_BITS: u32 = 44;
const NO_OFFSET: u64 = (1 << OFFSET_BITS) - 1;
/// Bits of a [`Located`] place that hold the roster's number, above the offset; the
/// top bits hold the row's high bits on disk.
const FILE_BITS: u32 = 16;
const ROW_HIGH_SHIFT: u32 = OFFSET_BITS + FILE_BITS;
/// Rows up to 2^36 fit a key on disk: 32 bits after the place, 4 in its top bits.
const ROW_MAX: u64 = (1 << 36) - 1;

/// A value's 64-bit digest and where the record holding it is, ordered by digest, then
/// by place in the rosters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Located {
    pub hash: u64,
    /// Roster number above the low 44 bits, byte offset in them.
    place: u64,
    row: u64,
}

impl Located {
    pub fn new(hash: u64, at: Place) -> Located {
        let offset = at.offset.filter(|&o| o < NO_OFFSET).unwrap_or(NO_OFFSET);
        let file = (at.file as u64).min((1 << FILE_BITS) - 1);
        Located {
            hash,
            place: (file << OFFSET_BITS) | offset,
            row: (at.row as u64).min(ROW_MAX),
        }
    }

    pub fn place(&self) -> Place {
        let offset = self.place & NO_OFFSET;
        Place {
            file: (self.place >> OFFSET_BITS) as usize,
            offset: (offset != NO_OFFSET).then_some(offset),
            row: self.row as usize,
        }
    }
}

impl Key for Located {
    /// The digest (but its partition byte), the place with the row's high bits on
    /// top, the row's low 32 bits.
    const SIZE: usize = 19;
    fn partition(&self) -> usize {
        self.hash.partition()
    }
    fn bucket(&self) -> usize {
        self.hash.bucket()
    }
    fn put(&self, out: &mut [u8]) {
        let place = self.place | ((self.row >> 32) << ROW_HIGH_SHIFT);
        self.hash.put(&mut out[..7]);
        out[7..15].copy_from_slice(&place.to_le_bytes());
        out[15..19].copy_from_slice(&(self.row as u32).to_le_bytes());
    }
    fn get(partition: usize, bytes: &[u8]) -> Self {
        let place = word(&bytes[7..15]);
        let mut low = [0u8; 4];
        low.copy_from_slice(&bytes[15..19]);
        Located {
            hash: u64::get(partition, &bytes[..7]),
            place: place & ((1 << ROW_HIGH_SHIFT) - 1),
            row: ((place >> ROW_HIGH_SHIFT) << 32) | u64::from(u32::from_le_bytes(low)),
        }
    }
}

/// A record digest and the stratum it belongs to, ordered by digest.
/// The digest is held as four big-endian words, which order as its bytes do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tagged {
    words: [u64; 4],
    pub tag: u32,
}

impl Tagged {
    pub fn new(digest: [u8; 32], tag: u32) -> Tagged {
        let mut words = [0u64; 4];
        for (w, c) in words.iter_mut().zip(digest.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            *w = u64::from_be_bytes(b);
        }
        Tagged { words, tag }
    }

    pub fn digest(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (c, w) in out.chunks_exact_mut(8).zip(self.words) {
            c.copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

impl Key for Tagged {
    /// The digest but its first byte (the partition), then the tag.
    const SIZE: usize = 35;
    fn partition(&self) -> usize {
        self.words[0].partition()
    }
    fn bucket(&self) -> usize {
        self.words[0].bucket()
    }
    fn put(&self, out: &mut [u8]) {
        out[..31].copy_from_slice(&self.digest()[1..]);
        out[31..].copy_from_slice(&self.tag.to_le_bytes());
    }
    fn get(partition: usize, bytes: &[u8]) -> Self {
        let mut digest = [partition as u8; 32];
        digest[1..].copy_from_slice(&bytes[..31]);
        let mut tag = [0u8; 4];
        tag.copy_from_slice(&bytes[31..35]);
        Tagged::new(digest, u32::from_le_bytes(tag))
    }
}

fn temp_error(e: std::io::Error) -> Error {
    Error::Internal(format!(
        "cannot use a temporary file for sorting ({e}); check the free space of the temporary folder (TMPDIR)"
    ))
}

const PARTITIONS: usize = 256;

/// Where each group of `keys` begins once they are grouped by `group` (0–255), and
/// where the last ends.
fn starts<K: Key>(keys: &[K], group: impl Fn(&K) -> usize) -> [usize; PARTITIONS + 1] {
    let mut starts = [0usize; PARTITIONS + 1];
    for k in keys {
        starts[group(k) + 1] += 1;
    }
    for p in 0..PARTITIONS {
        starts[p + 1] += starts[p];
    }
    starts
}

/// Keys grouped by partition: partition p is `keys[starts[p]..starts[p + 1]]`.
struct Split<K> {
    keys: Vec<K>,
    starts: [usize; PARTITIONS + 1],
}

impl<K: Key> Split<K> {
    /// Groups `keys` by partition in one counting pass and one scattering pass.
    fn of(keys: &[K]) -> Split<K> {
        let starts = starts(keys, K::partition);
        let mut out = keys.to_vec();
        let mut next = starts;
        for k in keys {
            let p = k.partition();
            out[next[p]] = *k;
            next[p] += 1;
        }
        Split { keys: out, starts }
    }

    fn part(&self, p: usize) -> &[K] {
        &self.keys[self.starts[p]..self.starts[p + 1]]
    }
}

/// Runs of keys grouped by partition, written one after another to one temporary
/// file.
struct SegmentFile {
    file: File,
    /// Per partition: (first byte, number of keys) of each of its segments.
    segments: Vec<Vec<(u64, u64)>>,
    end: u64,
    /// Room for the bytes of one run, kept from run to run.
    bytes: Vec<u8>,
}

impl SegmentFile {
    fn new() -> Result<SegmentFile> {
        Ok(SegmentFile {
            file: tempfile::tempfile().map_err(temp_error)?,
            segments: vec![Vec::new(); PARTITIONS],
            end: 0,
            bytes: Vec::new(),
        })
    }

    /// Appends `keys` as one run, grouped by partition, a segment per partition, each
    /// segment written on its own: each key is put once, straight to its partition's
    /// place in the run.
    fn write<K: Key>(&mut self, keys: &[K]) -> Result<()> {
        if keys.is_empty() {
            return Ok(());
        }
        let starts = starts(keys, K::partition);
        self.bytes.resize(keys.len() * K::SIZE, 0);
        let mut next = starts;
        for k in keys {
            let p = k.partition();
            let at = next[p] * K::SIZE;
            k.put(&mut self.bytes[at..at + K::SIZE]);
            next[p] += 1;
        }
        // A write per segment: in some runs at 10M rows the kernel took about 0.8 CPU
        // seconds less than for the same bytes in one write per run, and never more
        // (its cost of large writes moved from run to run).
        for p in 0..PARTITIONS {
            let (a, b) = (starts[p] * K::SIZE, starts[p + 1] * K::SIZE);
            if b > a {
                write_at(&self.file, &self.bytes[a..b], self.end + a as u64).map_err(temp_error)?;
            }
        }
        for (p, segments) in self.segments.iter_mut().enumerate() {
            let n = (starts[p + 1] - starts[p]) as u64;
            if n > 0 {
                segments.push((self.end + (starts[p] * K::SIZE) as u64, n));
            }
        }
        self.end += self.bytes.len() as u64;
        Ok(())
    }

    /// Appends the keys of partition `p` to `out`, read through `bytes`.
    fn read<K: Key>(&self, p: usize, out: &mut Vec<K>, bytes: &mut Vec<u8>) -> Result<()> {
        for &(start, keys) in &self.segments[p] {
            bytes.resize(keys as usize * K::SIZE, 0);
            read_at(&self.file, bytes, start).map_err(temp_error)?;
            out.extend(bytes.chunks_exact(K::SIZE).map(|b| K::get(p, b)));
        }
        Ok(())
    }
}

/// Keys held in memory up to `cap`, beyond it in partition segments on disk.
pub struct Sorter<K: Key> {
    buf: Vec<K>,
    cap: usize,
    /// Where this sorter writes.
    own: Option<SegmentFile>,
    /// Files taken over from other sorters.
    others: Vec<SegmentFile>,
}

/// Files taken over from other sorters beyond which they are copied into one.
const MAX_OTHERS: usize = 32;

impl<K: Key> Sorter<K> {
    pub fn new(cap: usize) -> Sorter<K> {
        Sorter {
            buf: Vec::new(),
            cap: cap.max(1),
            own: None,
            others: Vec::new(),
        }
    }

    pub fn push(&mut self, key: K) -> Result<()> {
        if self.buf.len() >= self.cap {
            self.spill()?;
        }
        if self.buf.len() == self.buf.capacity() {
            // Grown in steps up to the cap, never past it.
            let more = self.buf.len().max(1 << 10).min(self.cap - self.buf.len());
            self.buf.reserve_exact(more.max(1));
        }
        self.buf.push(key);
        Ok(())
    }

    fn own(&mut self) -> Result<&mut SegmentFile> {
        if self.own.is_none() {
            self.own = Some(SegmentFile::new()?);
        }
        self.own
            .as_mut()
            .ok_or_else(|| Error::Internal("no temporary file for sorting".into()))
    }

    /// Writes the keys held in memory to disk.
    fn spill(&mut self) -> Result<()> {
        let keys = std::mem::take(&mut self.buf);
        let written = self.own()?.write(&keys);
        self.buf = keys;
        written?;
        self.buf.clear();
        Ok(())
    }

    /// Writes the keys held in memory to disk and lets go of the memory for them, so
    /// that a thread about to end gives it back itself.
    pub fn settle(&mut self) -> Result<()> {
        if !self.buf.is_empty() {
            self.spill()?;
        }
        self.buf = Vec::new();
        if let Some(own) = &mut self.own {
            own.bytes = Vec::new();
        }
        Ok(())
    }

    /// Takes over another sorter's keys.
    pub fn absorb(&mut self, other: Sorter<K>) -> Result<()> {
        let Sorter {
            buf, own, others, ..
        } = other;
        self.others.extend(own);
        self.others.extend(others);
        if self.buf.is_empty() {
            self.buf = buf;
        } else {
            self.buf.extend(buf);
        }
        if self.buf.len() >= self.cap {
            self.spill()?;
        }
        if self.others.len() > MAX_OTHERS {
            // Copy the other files' segments into this sorter's own file.
            let others = std::mem::take(&mut self.others);
            let (mut keys, mut bytes) = (Vec::<K>::new(), Vec::new());
            for p in 0..PARTITIONS {
                for f in &others {
                    f.read(p, &mut keys, &mut bytes)?;
                }
            }
            self.own()?.write(&keys)?;
        }
        Ok(())
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(unix)]
fn write_at(file: &File, buf: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_read(file, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(windows)]
fn write_at(file: &File, mut buf: &[u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, buf, offset)?;
        if n == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        buf = &buf[n..];
        offset += n as u64;
    }
    Ok(())
}

/// The partitions of a sorter, read back and sorted one at a time into buffers the
/// caller keeps: a buffer handed back is filled again, so reading a sorter back
/// allocates (and the system zeroes) no fresh memory per partition.
pub struct Partitions<K: Key> {
    held: Split<K>,
    files: Vec<SegmentFile>,
    bytes: Vec<u8>,
    scratch: Vec<K>,
    next: usize,
}

impl<K: Key> Partitions<K> {
    pub fn of(sorter: Sorter<K>) -> Partitions<K> {
        let Sorter {
            buf, own, others, ..
        } = sorter;
        let held = Split::of(&buf);
        drop(buf);
        Partitions {
            held,
            files: own.into_iter().chain(others).collect(),
            bytes: Vec::new(),
            scratch: Vec::new(),
            next: 0,
        }
    }

    /// Replaces the contents of `keys` with the next partition, sorted; false (and
    /// `keys` left empty) once every partition has been given.
    pub fn next_into(&mut self, keys: &mut Vec<K>) -> Result<bool> {
        keys.clear();
        if self.next == PARTITIONS {
            return Ok(false);
        }
        let p = self.next;
        self.next += 1;
        let on_disk: u64 = self
            .files
            .iter()
            .flat_map(|f| &f.segments[p])
            .map(|s| s.1)
            .sum();
        keys.reserve(self.held.part(p).len() + on_disk as usize);
        keys.extend_from_slice(self.held.part(p));
        for f in &self.files {
            f.read(p, keys, &mut self.bytes)?;
        }
        sort_in(keys, &mut self.scratch);
        Ok(true)
    }
}

/// Partitions this large or larger are sorted by bucket first.
const BUCKETED: usize = 1 << 11;
/// Buckets of a partition.
const BUCKETS: usize = 1 << 12;

/// Sorts the keys of one partition. A large partition is spread over its buckets in
/// one counting and one scattering pass (into `scratch`, which it then swaps with
/// `keys`), and each bucket is sorted on its own: the same order as one sort of all
/// keys, with fewer comparisons. The keys are digests, spread evenly: a bucket holds
/// a few keys when a partition holds tens of thousands.
fn sort_in<K: Key>(keys: &mut Vec<K>, scratch: &mut Vec<K>) {
    if keys.len() < BUCKETED {
        keys.sort_unstable();
        return;
    }
    let mut starts = vec![0usize; BUCKETS + 1];
    for k in keys.iter() {
        starts[k.bucket() + 1] += 1;
    }
    for b in 0..BUCKETS {
        starts[b + 1] += starts[b];
    }
    scratch.clear();
    scratch.extend_from_slice(keys);
    let mut next = starts.clone();
    for k in keys.iter() {
        let b = k.bucket();
        scratch[next[b]] = *k;
        next[b] += 1;
    }
    for b in 0..BUCKETS {
        let bucket = &mut scratch[starts[b]..starts[b + 1]];
        if bucket.len() > 1 {
            bucket.sort_unstable();
        }
    }
    std::mem::swap(keys, scratch);
}

/// Calls `each` with every key of `sorter` in ascending order.
pub fn merge<K: Key>(sorter: Sorter<K>, mut each: impl FnMut(K)) -> Result<()> {
    let mut parts = Partitions::of(sorter);
    let mut keys = Vec::new();
    while parts.next_into(&mut keys)? {
        keys.iter().copied().for_each(&mut each);
    }
    Ok(())
}

/// The keys that occur more than once.
pub fn repeated_keys(sorter: Sorter<u64>) -> Result<std::collections::HashSet<u64>> {
    let mut out = std::collections::HashSet::new();
    let mut last = None;
    merge(sorter, |k| {
        if last == Some(k) {
            out.insert(k);
        }
        last = Some(k);
    })?;
    Ok(out)
}

/// The digests that occur more than once, and the places of the records holding them.
pub fn repeated(sorter: Sorter<Located>) -> Result<(std::collections::HashSet<u64>, Vec<Place>)> {
    let mut hashes = std::collections::HashSet::new();
    let mut places = Vec::new();
    let mut group: Vec<Located> = Vec::new();
    let mut close = |group: &mut Vec<Located>| {
        if group.len() > 1 {
            hashes.insert(group[0].hash);
            places.extend(group.iter().map(Located::place));
        }
        group.clear();
    };
    merge(sorter, |k| {
        if group.last().is_some_and(|g| g.hash != k.hash) {
            close(&mut group);
        }
        group.push(k);
    })?;
    close(&mut group);
    Ok((hashes, places))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_runs_in_order_and_finds_repeats() {
        let mut a = Sorter::new(3);
        let mut b = Sorter::new(2);
        for k in [9u64, 1, 7, 3, 3, 12, 5] {
            a.push(k).unwrap();
        }
        for k in [4u64, 9, 0] {
            b.push(k).unwrap();
        }
        a.absorb(b).unwrap();
        let mut seen = Vec::new();
        let mut c = Sorter::new(2);
        for k in [9u64, 1, 7, 3, 3, 12, 5, 4, 9, 0] {
            c.push(k).unwrap();
        }
        merge(a, |k| seen.push(k)).unwrap();
        assert_eq!(seen, vec![0, 1, 3, 3, 4, 5, 7, 9, 9, 12]);
        let mut located = Sorter::new(2);
        for (i, k) in [9u64, 1, 7, 3, 3, 12, 5, 4, 9, 0].into_iter().enumerate() {
            let at = Place {
                file: i % 2,
                offset: (i != 8).then_some(100 * i as u64),
                row: i + 2,
            };
            located.push(Located::new(k, at)).unwrap();
        }
        let (hashes, places) = repeated(located).unwrap();
        let mut r: Vec<u64> = hashes.into_iter().collect();
        r.sort();
        assert_eq!(r, vec![3, 9]);
        let rows: Vec<(usize, Option<u64>, usize)> =
            places.iter().map(|p| (p.file, p.offset, p.row)).collect();
        assert_eq!(
            rows,
            vec![
                (0, Some(400), 6),
                (1, Some(300), 5),
                (0, Some(0), 2),
                (0, None, 10)
            ]
        );
        let mut r: Vec<u64> = repeated_keys(c).unwrap().into_iter().collect();
        r.sort();
        assert_eq!(r, vec![3, 9]);
    }

    #[test]
    fn partitions_spills_and_taken_over_files_keep_the_order() {
        let keys: Vec<u64> = (0..5000u64)
            .map(|i| (i % 4000).wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        let mut all = Sorter::new(7);
        for chunk in keys.chunks(100) {
            let mut s = Sorter::new(13);
            for k in chunk {
                s.push(*k).unwrap();
            }
            all.absorb(s).unwrap();
        }
        let mut got = Vec::new();
        merge(all, |k| got.push(k)).unwrap();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(got, want);
    }

    #[test]
    fn large_partitions_sorted_by_bucket_are_in_order() {
        // Every key in partition 0x5a, most of them in a few buckets, with repeats.
        let keys: Vec<u64> = (0..20_000u64)
            .map(|i| {
                let spread = (i % 7_001).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 8;
                (0x5a << 56) | (spread & !(0xfc << 48))
            })
            .collect();
        let mut s = Sorter::new(3_000);
        for k in &keys {
            s.push(*k).unwrap();
        }
        let mut got = Vec::new();
        merge(s, |k| got.push(k)).unwrap();
        let mut want = keys.clone();
        want.sort_unstable();
        assert_eq!(got, want);
        let located: Vec<Located> = keys
            .iter()
            .enumerate()
            .map(|(i, &h)| {
                Located::new(
                    h,
                    Place {
                        file: i % 3,
                        offset: Some(i as u64),
                        row: i,
                    },
                )
            })
            .collect();
        let mut want = located.clone();
        want.sort_unstable();
        // Sorted twice with the same scratch, as partitions read back are.
        let mut scratch = Vec::new();
        for _ in 0..2 {
            let mut got = located.clone();
            sort_in(&mut got, &mut scratch);
            assert_eq!(got, want);
        }
    }

    #[test]
    fn located_round_trips_in_nineteen_bytes() {
        let places = [
            (0, Some(0), 0),
            (3, Some(NO_OFFSET - 1), 2),
            (7, None, (1 << 35) + 12345),
            ((1 << FILE_BITS) - 1, Some(987_654_321), ROW_MAX as usize),
            (1, None, u32::MAX as usize + 1),
        ];
        for (i, (file, offset, row)) in places.into_iter().enumerate() {
            let at = Place { file, offset, row };
            let k = Located::new(u64::MAX - i as u64, at);
            let mut b = [0u8; 19];
            k.put(&mut b);
            assert_eq!(Located::get(k.partition(), &b), k);
            assert_eq!(Located::get(k.partition(), &b).place(), at);
        }
    }

    #[test]
    fn tagged_round_trips() {
        let mut d = [7u8; 32];
        d[9] = 200;
        let t = Tagged::new(d, 0xdead_beef);
        let mut b = [0u8; 35];
        t.put(&mut b);
        assert_eq!(Tagged::get(7, &b), t);
        assert_eq!(t.digest(), d);
        let mut e = d;
        e[31] = 8;
        let mut f = d;
        f[0] = 6;
        assert!(Tagged::new(e, 0) > t && Tagged::new(f, 9) < t);
    }
}
