//! The digests of an audit: the selection's key, keyed digests of identifying cells,
//! and the content digests of a collected sample, a checklist, its findings and a tally.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use super::Selection;
use super::tally::{CheckedRecord, Finding, UnitTally};
use crate::draw::roster::RosterRecord;
use crate::io::digest::{ContentDigest, hex, record_digest_in, sha256_hex};
use crate::io::text::clean;

/// The key of an audit selection: SHA-256 over a domain label and the sorted digests
/// of every collected record, each over the whole record (id and every identifying
/// cell). It is never written to the manifest: anyone holding the collected sample can
/// compute it, anyone holding only the manifest cannot, so the keyed digests below
/// cannot be searched for an ID number or a phone.
pub fn audit_key(records: &[RosterRecord]) -> [u8; 32] {
    let mut scratch = Vec::new();
    let mut digests: Vec<[u8; 32]> = records
        .iter()
        .map(|r| {
            record_digest_in(
                &mut scratch,
                std::iter::once(r.id.as_str()).chain(r.cells.iter().map(String::as_str)),
            )
        })
        .collect();
    digests.sort_unstable();
    let mut h = Sha256::new();
    h.update(b"pingyi-audit-key/1\x1f");
    for d in &digests {
        h.update(d);
    }
    h.finalize().into()
}

/// An unkeyed digest of one cell, as manifests before the keyed layout recorded it
/// (read back only, to tally checklists selected by earlier versions).
pub fn cell_digest(label: &str, value: &str) -> String {
    sha256_hex(format!("{}\u{1f}{}", clean(label), clean(value)).as_bytes())
}

/// A keyed digest of one cell as it identifies a person: SHA-256 of the selection's
/// key, the column and the cleaned text.
pub fn keyed_cell_digest(key: &[u8; 32], label: &str, value: &str) -> String {
    let mut h = Sha256::new();
    h.update(key);
    h.update(format!("{}\u{1f}{}", clean(label), clean(value)).as_bytes());
    hex(&h.finalize())
}

/// The digest of one identifying cell as the selection recorded it: keyed when the
/// selection has a key, plain for selections of earlier versions.
pub fn recorded_cell_digest(key: Option<&[u8; 32]>, label: &str, value: &str) -> String {
    match key {
        Some(key) => keyed_cell_digest(key, label, value),
        None => cell_digest(label, value),
    }
}

/// The content digest of collected records: each whole record (id and every cell).
pub fn collected_digest(records: &[RosterRecord]) -> ContentDigest {
    ContentDigest::of(records.iter().map(|r| {
        let mut f = vec![r.id.clone()];
        f.extend(r.cells.iter().cloned());
        (r.unit.clone(), r.category.key().to_string(), f)
    }))
}

/// The content digest of a checklist: per selected record the selection's key, its
/// audit number, id and identifying cells (the key keeps a one-record stratum's digest
/// from being searched). `None`: the layout of earlier versions, audit number and id.
pub fn checklist_digest(selection: &Selection, key: Option<&[u8; 32]>) -> ContentDigest {
    ContentDigest::of(selection.selected.iter().map(|s| {
        let fields = match key {
            Some(key) => {
                let mut f = vec![hex(key), s.audit_no.clone(), s.record.id.clone()];
                f.extend(s.record.cells.iter().cloned());
                f
            }
            None => vec![s.audit_no.clone(), s.record.id.clone()],
        };
        (
            s.record.unit.clone(),
            s.record.category.key().to_string(),
            fields,
        )
    }))
}

/// The content digest of a filled checklist: one stratum per record (unit, audit
/// number), over its result, 核查人, 核查日期 and 备注, keyed with the selection's key
/// (so a verifier's name or a note cannot be searched). Which records were found false
/// is part of the record: swapping two results changes two strata.
pub fn findings_digest(records: &[CheckedRecord], key: Option<&[u8; 32]>) -> ContentDigest {
    let key = key.map(|k| hex(k)).unwrap_or_default();
    ContentDigest::of(records.iter().map(|r| {
        (
            r.unit.clone(),
            format!("audit number {}", r.audit_no),
            vec![
                key.clone(),
                r.audit_no.clone(),
                format!("{:?}", r.finding),
                r.verifier.clone(),
                r.date.clone(),
                r.notes.clone(),
            ],
        )
    }))
}

/// The content digest of a filled checklist as earlier versions recorded it: per unit,
/// the multiset of its results (read back only, so that a checklist saved again keeps
/// verifying as the same content against a manifest of an earlier version).
pub fn findings_digest_v1(findings: &BTreeMap<String, Vec<Finding>>) -> ContentDigest {
    ContentDigest::of(findings.iter().flat_map(|(u, fs)| {
        fs.iter()
            .map(move |f| (u.clone(), String::new(), vec![format!("{f:?}")]))
    }))
}

/// The content digest of a tally.
pub fn tally_digest(units: &[UnitTally]) -> ContentDigest {
    ContentDigest::of(units.iter().map(|u| {
        (
            u.unit.clone(),
            String::new(),
            vec![u.checked.to_string(), u.false_count.to_string()],
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_cell_digest_depends_on_the_key_and_the_plain_one_does_not() {
        let (a, b) = ([1u8; 32], [2u8; 32]);
        assert_ne!(
            keyed_cell_digest(&a, "姓名", "张三"),
            keyed_cell_digest(&b, "姓名", "张三")
        );
        assert_ne!(
            keyed_cell_digest(&a, "姓名", "张三"),
            cell_digest("姓名", "张三")
        );
        assert_eq!(
            recorded_cell_digest(None, "姓名", " 张三 "),
            cell_digest("姓名", "张三")
        );
        assert_eq!(
            recorded_cell_digest(Some(&a), "姓名", "张三"),
            keyed_cell_digest(&a, " 姓名", "张三 ")
        );
    }
}
