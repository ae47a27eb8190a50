//! Digests: SHA-256 of a file's bytes, and an order-independent digest of its content
//! per stratum, so a reordered file is recognised as the same content and a changed
//! one points at the strata that changed.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The digest of one record: SHA-256 over its fields, each followed by U+001F.
fn record_digest(fields: &[String]) -> [u8; 32] {
    record_digest_in(&mut Vec::new(), fields.iter().map(String::as_str))
}

/// [`record_digest`] of `fields`, laid out in `scratch` (reused from call to call).
pub fn record_digest_in<'a>(
    scratch: &mut Vec<u8>,
    fields: impl Iterator<Item = &'a str>,
) -> [u8; 32] {
    scratch.clear();
    for f in fields {
        scratch.extend_from_slice(f.as_bytes());
        scratch.push(0x1f);
    }
    Midstate::START.finish(scratch)
}

/// [`record_digest_in`] of `id` and the cells of `line`, which holds them one after
/// another: the k-th ends at `ends[k]`, the last at the line's end, each but the last
/// followed by one separator byte. The line is copied once and its separators turned
/// into U+001F, instead of each cell copied on its own.
pub fn record_digest_of_line(
    scratch: &mut Vec<u8>,
    id: &str,
    line: &str,
    ends: &[usize],
) -> [u8; 32] {
    scratch.clear();
    scratch.extend_from_slice(id.as_bytes());
    scratch.push(0x1f);
    let base = scratch.len();
    scratch.extend_from_slice(line.as_bytes());
    debug_assert!(
        ends.last() == Some(&line.len()),
        "the last cell ends the line"
    );
    if let Some((_, separators)) = ends.split_last() {
        for &e in separators {
            scratch[base + e] = 0x1f;
        }
    }
    scratch.push(0x1f);
    Midstate::START.finish(scratch)
}

/// SHA-256's initial state.
const IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];

/// A SHA-256 state after whole blocks, finished with a tail straight from the
/// compression function: the same digest as [`Sha256`], without its buffering (the draw
/// takes two digests per roster row).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Midstate {
    state: [u32; 8],
    /// Bytes absorbed so far (a multiple of 64).
    bytes: u64,
}

impl Midstate {
    /// Nothing absorbed yet.
    pub const START: Midstate = Midstate {
        state: IV,
        bytes: 0,
    };

    /// The state after `blocks` more whole blocks.
    pub fn after(mut self, blocks: &[[u8; 64]]) -> Midstate {
        sha2::block_api::compress256(&mut self.state, blocks);
        self.bytes += 64 * blocks.len() as u64;
        self
    }

    /// The SHA-256 of everything absorbed followed by `tail`.
    #[inline]
    pub fn finish(&self, tail: &[u8]) -> [u8; 32] {
        let mut state = self.state;
        let whole = tail.chunks_exact(64);
        let rest = whole.remainder();
        for block in whole {
            let mut b = [0u8; 64];
            b.copy_from_slice(block);
            sha2::block_api::compress256(&mut state, &[b]);
        }
        let mut last = [[0u8; 64]; 2];
        last[0][..rest.len()].copy_from_slice(rest);
        last[0][rest.len()] = 0x80;
        let blocks = if rest.len() < 56 { 1 } else { 2 };
        let bits = (self.bytes + tail.len() as u64) * 8;
        last[blocks - 1][56..].copy_from_slice(&bits.to_be_bytes());
        sha2::block_api::compress256(&mut state, &last[..blocks]);
        let mut out = [0u8; 32];
        for (o, w) in out.chunks_exact_mut(4).zip(state) {
            o.copy_from_slice(&w.to_be_bytes());
        }
        out
    }
}

/// A content digest built from record digests fed in ascending order, each with a
/// numbered stratum: the same result as [`ContentDigest::of`] without holding them.
#[derive(Default)]
pub struct SortedDigests {
    all: Sha256,
    rows: u64,
    /// By stratum number (numbers are small and dense).
    strata: Vec<Option<(Sha256, u64)>>,
}

impl SortedDigests {
    /// Feeds the next record digest (digests must come in ascending order).
    pub fn add(&mut self, stratum: u32, digest: &[u8; 32]) {
        self.all.update(digest);
        self.rows += 1;
        let i = stratum as usize;
        if i >= self.strata.len() {
            self.strata.resize(i + 1, None);
        }
        let s = self.strata[i].get_or_insert_default();
        s.0.update(digest);
        s.1 += 1;
    }

    /// The content digest, strata named by `name` (unit, category).
    pub fn finish(self, name: impl Fn(u32) -> (String, String)) -> ContentDigest {
        let mut strata: BTreeMap<String, BTreeMap<String, StratumDigest>> = BTreeMap::new();
        for (n, s) in self.strata.into_iter().enumerate() {
            let Some((h, rows)) = s else { continue };
            let (unit, category) = name(n as u32);
            strata.entry(unit).or_default().insert(
                category,
                StratumDigest {
                    rows,
                    digest: hex(&h.finalize()),
                },
            );
        }
        ContentDigest {
            rows: self.rows,
            digest: hex(&self.all.finalize()),
            strata,
            keyed: false,
        }
    }
}

/// SHA-256 over sorted record digests (after `key`, when keyed): the same multiset of
/// records, in any order, gives the same digest.
fn multiset_digest(mut records: Vec<[u8; 32]>, key: Option<&[u8; 32]>) -> String {
    records.sort_unstable();
    let mut h = Sha256::new();
    if let Some(key) = key {
        h.update(key);
    }
    for r in &records {
        h.update(r);
    }
    hex(&h.finalize())
}

/// The key of a keyed content digest: SHA-256 over a tag and all the table's record
/// digests, sorted. Anyone holding the table computes it; anyone holding only the
/// manifest cannot, short of guessing every record of the table at once.
fn content_key(records: &[[u8; 32]]) -> [u8; 32] {
    let mut sorted = records.to_vec();
    sorted.sort_unstable();
    let mut h = Sha256::new();
    h.update(b"pingyi-content-key/1");
    for r in &sorted {
        h.update(r);
    }
    h.finalize().into()
}

/// The content digest of one stratum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StratumDigest {
    pub rows: u64,
    pub digest: String,
}

/// The order-independent content digest of a table: overall and per stratum
/// (unit → category → digest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentDigest {
    pub rows: u64,
    pub digest: String,
    pub strata: BTreeMap<String, BTreeMap<String, StratumDigest>>,
    /// Keyed with a key made from the whole table ([`ContentDigest::of_keyed`]): a
    /// stratum of one or two people's answers cannot be found by guessing them.
    /// Absent (false) in manifests written before, and for tables that hold no one
    /// (count tables, frames, lists of units).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keyed: bool,
}

impl ContentDigest {
    /// Digests `records`, each given as (unit, category, canonical fields).
    pub fn of<I, U, C>(records: I) -> ContentDigest
    where
        I: IntoIterator<Item = (U, C, Vec<String>)>,
        U: AsRef<str>,
        C: AsRef<str>,
    {
        ContentDigest::of_records(records, false)
    }

    /// [`ContentDigest::of`], keyed: every digest is taken after a key made from all
    /// the table's records ([`content_key`]), so that a stratum of a table of people
    /// (one respondent's answers) cannot be searched for from the manifest alone.
    pub fn of_keyed<I, U, C>(records: I) -> ContentDigest
    where
        I: IntoIterator<Item = (U, C, Vec<String>)>,
        U: AsRef<str>,
        C: AsRef<str>,
    {
        ContentDigest::of_records(records, true)
    }

    fn of_records<I, U, C>(records: I, keyed: bool) -> ContentDigest
    where
        I: IntoIterator<Item = (U, C, Vec<String>)>,
        U: AsRef<str>,
        C: AsRef<str>,
    {
        let digested: Vec<(U, C, [u8; 32])> = records
            .into_iter()
            .map(|(u, c, fields)| (u, c, record_digest(&fields)))
            .collect();
        let key = keyed.then(|| content_key(&digested.iter().map(|r| r.2).collect::<Vec<_>>()));
        ContentDigest::of_digests_with(
            digested
                .iter()
                .map(|(u, c, d)| (u.as_ref(), c.as_ref(), *d)),
            key.as_ref(),
        )
    }

    /// The content digest of records given as (unit, category, record digest), the
    /// digests made by [`record_digest_in`]: no field is copied.
    pub fn of_digests<'a>(
        records: impl IntoIterator<Item = (&'a str, &'a str, [u8; 32])>,
    ) -> ContentDigest {
        ContentDigest::of_digests_with(records, None)
    }

    fn of_digests_with<'a>(
        records: impl IntoIterator<Item = (&'a str, &'a str, [u8; 32])>,
        key: Option<&[u8; 32]>,
    ) -> ContentDigest {
        let mut all = Vec::new();
        let mut grouped: BTreeMap<(&str, &str), Vec<[u8; 32]>> = BTreeMap::new();
        for (unit, category, d) in records {
            all.push(d);
            grouped.entry((unit, category)).or_default().push(d);
        }
        let mut strata: BTreeMap<String, BTreeMap<String, StratumDigest>> = BTreeMap::new();
        for ((unit, category), records) in grouped {
            let rows = records.len() as u64;
            strata.entry(unit.to_string()).or_default().insert(
                category.to_string(),
                StratumDigest {
                    rows,
                    digest: multiset_digest(records, key),
                },
            );
        }
        ContentDigest {
            rows: all.len() as u64,
            digest: multiset_digest(all, key),
            strata,
            keyed: key.is_some(),
        }
    }
}

/// A file's SHA-256 and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub sha256: String,
    pub size: u64,
}

impl FileDigest {
    /// The digest of bytes in memory.
    pub fn of(bytes: &[u8]) -> FileDigest {
        FileDigest {
            sha256: sha256_hex(bytes),
            size: bytes.len() as u64,
        }
    }

    /// The digest of a file, read in chunks.
    pub fn of_file(path: &Path) -> Result<FileDigest> {
        use std::io::Read;
        let mut file = super::files::open_regular(path)?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut size = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(|e| Error::read(path, e))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
            size += n as u64;
        }
        let sha256 = hex(&h.finalize());
        Ok(FileDigest { sha256, size })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn midstate_gives_sha256_at_every_length() {
        let bytes: Vec<u8> = (0..300u32).map(|i| (i * 7 + 3) as u8).collect();
        for n in 0..bytes.len() {
            let want: [u8; 32] = Sha256::digest(&bytes[..n]).into();
            assert_eq!(Midstate::START.finish(&bytes[..n]), want, "{n} bytes");
        }
        let block: [u8; 64] = std::array::from_fn(|i| i as u8);
        let after = Midstate::START.after(&[block, block]);
        for n in [0, 1, 55, 56, 63, 64, 65, 119, 120, 200] {
            let mut all = block.repeat(2);
            all.extend_from_slice(&bytes[..n]);
            let want: [u8; 32] = Sha256::digest(&all).into();
            assert_eq!(after.finish(&bytes[..n]), want, "two blocks and {n} bytes");
        }
    }

    fn rec(u: &'static str, c: &'static str, v: &str) -> (&'static str, &'static str, Vec<String>) {
        (u, c, vec![u.to_string(), c.to_string(), v.to_string()])
    }

    #[test]
    fn a_line_digests_as_its_cells() {
        let lines = [
            "",
            "a",
            ",",
            "0001,张三,城关镇,农村低保,,13800138000",
            ",,x,",
            "一,二三,四五六,七八九十,ab,cd,ef,gh,ij,kl,mn,op,qr,st,uv,wx,yz,0123456789",
        ];
        let mut scratch = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let delimiter = if i % 2 == 0 { b',' } else { b';' };
            let line = line.replace(',', &(delimiter as char).to_string());
            let mut ends: Vec<usize> = memchr::memchr_iter(delimiter, line.as_bytes()).collect();
            ends.push(line.len());
            let id = "X".repeat(i * 7);
            let cells = std::iter::once(id.as_str()).chain(line.split(delimiter as char));
            assert_eq!(
                record_digest_of_line(&mut scratch, &id, &line, &ends),
                record_digest_in(&mut Vec::new(), cells),
                "{line}"
            );
        }
    }

    #[test]
    fn known_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn order_does_not_matter_content_does() {
        let a = ContentDigest::of(vec![rec("A", "x", "1"), rec("B", "y", "2")]);
        let b = ContentDigest::of(vec![rec("B", "y", "2"), rec("A", "x", "1")]);
        assert_eq!(a, b);
        let c = ContentDigest::of(vec![rec("B", "y", "3"), rec("A", "x", "1")]);
        assert_ne!(a.digest, c.digest);
        assert_eq!(a.strata["A"], c.strata["A"]);
        assert_ne!(a.strata["B"], c.strata["B"]);
    }

    #[test]
    fn sorted_digests_agree_with_of() {
        let recs = vec![rec("A", "x", "1"), rec("B", "y", "2"), rec("A", "x", "3")];
        let mut tagged: Vec<([u8; 32], u32)> = recs
            .iter()
            .map(|(u, _, f)| (record_digest(f), u32::from(*u == "B")))
            .collect();
        tagged.sort();
        let mut s = SortedDigests::default();
        for (d, t) in &tagged {
            s.add(*t, d);
        }
        let names = |t: u32| {
            if t == 1 {
                ("B".to_string(), "y".to_string())
            } else {
                ("A".to_string(), "x".to_string())
            }
        };
        assert_eq!(s.finish(names), ContentDigest::of(recs));
    }
}
