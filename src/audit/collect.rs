//! The collected sample an audit draws from: the main respondents and the reserves
//! marked as used, with only the columns that identify a person, and its audit subset.

use std::collections::BTreeSet;

use super::digest::{audit_key, collected_digest};
use super::tally::Finding;
use super::{Selection, select};
use crate::draw::roster::{RosterReader, RosterRecord};
use crate::draw::ticket::{Seed, TicketMaker, normalized_id};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::alias::{Field, Input};
use crate::io::digest::ContentDigest;
use crate::io::text::match_key;
use crate::privacy::{quote_cell, quote_id_cell};
use crate::rate::Rate;

/// Columns the draw adds, which are not the person's identifying data.
const DRAW_ADDED: [&str; 12] = [
    "stratum_rank",
    "层内序号",
    "role",
    "样本类型",
    "ticket",
    "随机票号",
    "inclusion_prob",
    "入样概率",
    "weight",
    "权数",
    "used",
    "已使用",
];

fn is_one_of(label: &str, names: &[&str]) -> bool {
    names.iter().any(|n| match_key(n) == match_key(label))
}

/// The records of a collected sample as read, before any selection.
pub struct CollectedRecords {
    /// The identifying columns kept (the draw's own columns dropped).
    pub labels: Vec<String>,
    pub records: Vec<RosterRecord>,
    /// How the sample was read (for its manifest entry).
    pub format: String,
    /// The first collected records' (id, ticket cell), when the sample keeps the
    /// draw's ticket column: enough to tell the seed it was drawn with.
    pub tickets: Vec<(String, String)>,
}

/// Records whose tickets [`CollectedRecords::drawn_with`] checks.
const TICKETS_CHECKED: usize = 5;

impl CollectedRecords {
    /// True when the sample's ticket column shows it was drawn with `seed`: every
    /// ticket checked (at least one) is the one `seed` gives its id, to the 15 digits
    /// a spreadsheet keeps. A sample without a manifest beside it can still not be
    /// audited with its own draw's seed.
    pub fn drawn_with(&self, seed: &Seed) -> bool {
        let maker = TicketMaker::new(seed);
        let same = |(id, cell): &(String, String)| {
            let written = cell.trim().parse::<f64>();
            let drawn = maker.ticket(&normalized_id(id)).to_text().parse::<f64>();
            match (written, drawn) {
                (Ok(w), Ok(d)) => (w - d).abs() <= 1e-12 * d.abs(),
                _ => false,
            }
        };
        !self.tickets.is_empty() && self.tickets.iter().all(same)
    }
}

/// Where a sample's role and used columns are, and which columns a record keeps.
struct SampleColumns {
    role: Option<usize>,
    used: Option<usize>,
    keep: Vec<usize>,
}

impl SampleColumns {
    fn find(labels: &[String]) -> SampleColumns {
        SampleColumns {
            role: Input::Sample.find(labels, Field::Role),
            used: Input::Sample.find(labels, Field::Used),
            keep: (0..labels.len())
                .filter(|&i| !is_one_of(&labels[i], &DRAW_ADDED) && !labels[i].is_empty())
                .collect(),
        }
    }

    /// Keeps only the record's identifying cells.
    fn keep_identifying(&self, r: &mut RosterRecord) {
        r.cells = self
            .keep
            .iter()
            .map(|&i| std::mem::take(&mut r.cells[i]))
            .collect();
    }

    /// True for a main respondent or a reserve marked as used (every record of a
    /// sample without a role column); a role or used cell that says neither is
    /// refused: a main respondent whose role is misspelt must not drop out unseen.
    fn was_collected(&self, r: &RosterRecord, labels: &[String]) -> Result<bool> {
        let Some(role) = self.role else {
            return Ok(true);
        };
        match is_main(&r.cells[role]) {
            Some(true) => return Ok(true),
            Some(false) => {}
            None => {
                return Err(Error::input(
                    r.location.at_column(&labels[role], role),
                    msg!("input-role-unknown", value = quote_cell(&r.cells[role])),
                ));
            }
        }
        let Some(u) = self.used else { return Ok(false) };
        is_used(&r.cells[u]).ok_or_else(|| {
            Error::input(
                r.location.at_column(&labels[u], u),
                msg!("input-used-unknown", value = quote_cell(&r.cells[u])),
            )
        })
    }
}

/// Whether a role cell says a main respondent (true) or a reserve (false), as the
/// draw writes them (main/正式样本, reserve/备用样本) or shortened (正式, 备用); None
/// when it says neither.
fn is_main(cell: &str) -> Option<bool> {
    match match_key(cell).as_str() {
        "main" | "正式样本" | "正式" => Some(true),
        "reserve" | "备用样本" | "备用" => Some(false),
        _ => None,
    }
}

/// Marks of a reserve called (是否启用: 是, √, 1, 已启用 …) and of one not called.
const USED: [&str; 15] = [
    "是",
    "√",
    "✓",
    "✔",
    "1",
    "y",
    "yes",
    "true",
    "已启用",
    "启用",
    "已使用",
    "使用",
    "已用",
    "used",
    "真实",
];
const NOT_USED: [&str; 14] = [
    "",
    "否",
    "×",
    "✗",
    "✘",
    "0",
    "n",
    "no",
    "false",
    "未启用",
    "未使用",
    "未用",
    "不用",
    "unused",
];

/// Whether a used cell says the reserve was called; None when it says neither.
fn is_used(cell: &str) -> Option<bool> {
    let key = match_key(&crate::io::text::visible(cell));
    let any = |marks: &[&str]| marks.iter().any(|m| match_key(m) == key);
    if any(&USED) || Finding::parse(cell) == Some(Finding::Genuine) {
        Some(true)
    } else {
        any(&NOT_USED).then_some(false)
    }
}

/// Reads a collected sample: main rows, and reserves marked as used, each keeping only
/// its identifying cells. An id met twice is refused.
pub fn collect(reader: RosterReader) -> Result<CollectedRecords> {
    let format = reader.format().describe();
    let labels = reader.header.labels.clone();
    let columns = SampleColumns::find(&labels);
    if columns.role.is_none() {
        refuse_draw_columns_without_role(&labels, reader.origin())?;
    }
    let mut records = Vec::new();
    let mut seen = BTreeSet::new();
    let ticket = (0..labels.len()).find(|&i| is_one_of(&labels[i], &["ticket", "随机票号"]));
    let mut tickets = Vec::new();
    for r in reader {
        let mut r = r?;
        if !columns.was_collected(&r, &labels)? {
            continue;
        }
        if let Some(t) = ticket.filter(|_| tickets.len() < TICKETS_CHECKED) {
            tickets.push((r.id.clone(), r.cells.get(t).cloned().unwrap_or_default()));
        }
        // Ids that differ only in the case of their letters are one person.
        if !seen.insert(r.id.to_ascii_lowercase()) {
            return Err(Error::input(
                r.location.clone(),
                msg!("audit-sample-id-twice", id = quote_id_cell(&r.id)),
            ));
        }
        columns.keep_identifying(&mut r);
        records.push(r);
    }
    let kept = columns.keep.iter().map(|&i| labels[i].clone()).collect();
    Ok(CollectedRecords {
        labels: kept,
        records,
        format,
        tickets,
    })
}

/// Refuses a sample that keeps the draw's own columns (层内序号, 随机票号 …) but not
/// its 样本类型: read as a list of the collected, its unused reserves would count as
/// collected and could be chosen for checking.
fn refuse_draw_columns_without_role(
    labels: &[String],
    origin: &crate::error::Location,
) -> Result<()> {
    const DRAWN: [&str; 6] = [
        "stratum_rank",
        "层内序号",
        "ticket",
        "随机票号",
        "inclusion_prob",
        "入样概率",
    ];
    match labels.iter().find(|l| is_one_of(l, &DRAWN)) {
        Some(found) => Err(Error::input(
            origin.clone(),
            msg!("input-sample-role-missing", column = found),
        )),
        None => Ok(()),
    }
}

/// A collected sample read and its audit subset selected, in memory.
pub struct Collected {
    /// The identifying columns the checklist carries.
    pub labels: Vec<String>,
    pub selection: Selection,
    /// The content digest of the collected records.
    pub content: ContentDigest,
    /// The selection's key ([`audit_key`]).
    pub key: [u8; 32],
    /// How the sample file was read (for its manifest entry).
    pub format: String,
}

/// Selects the audit subset of collected records, with the content digest and the key
/// of what it was selected from.
pub fn select_collected(collected: CollectedRecords, seed: &Seed, rate: Rate) -> Collected {
    let CollectedRecords {
        labels,
        records,
        format,
        ..
    } = collected;
    let content = collected_digest(&records);
    let key = audit_key(&records);
    Collected {
        labels,
        selection: select(records, seed, rate),
        content,
        key,
        format,
    }
}
