//! `pingyi audit tally`: the returned checklists (one, or one per township) checked
//! against the selection their 核查批次 names, and tallied per unit, the townships not
//! yet returned pending.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::audit::digest::{findings_digest, tally_digest};
use crate::audit::intake::{RecordedSelection, read_checklist};
use crate::audit::returns::{ReturnedFile, put_together};
use crate::audit::tally::{
    CheckedRecord, Finding, TallyRules, UnitTally, tally_print_form, tally_table, tally_units,
};
use crate::error::{Error, Result};
use crate::i18n::{Message, msg};
use crate::io::digest::{ContentDigest, FileDigest};
use crate::privacy::quote_cell;
use crate::provenance::manifest::{FileFacts, ManifestBuilder, manifest_path};
use crate::provenance::params::{Parameters, TallyParameters};

use super::Outcome;
use super::audit_inputs::{
    RecordedInput, ReturnedChecklist, find_selection, find_selection_by_id, read_returned,
};
use super::output::{
    OutputOptions, Printed, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_printed_with_manifest,
};

/// What `pingyi audit tally` is asked to do.
#[derive(Debug, Clone)]
pub struct TallyOptions {
    /// The returned checklists: files, or folders of them, in any order.
    pub checklists: Vec<PathBuf>,
    pub manifest: Option<PathBuf>,
    pub sheet: Option<String>,
    pub partial: bool,
    pub rules: TallyRules,
}

/// The tally and what it read.
#[derive(Debug)]
pub struct TallyReport {
    pub units: Vec<UnitTally>,
    /// The units selected that no returned checklist holds yet.
    pub pending: Vec<String>,
}

/// Checks the filled checklists, writes the tally with its manifest, and says what was
/// found, what is still pending, and where it was written.
pub fn run(opts: &TallyOptions, out: &OutputOptions) -> Result<Outcome> {
    let report = write_tally(opts, out)?;
    let mut summary = crate::report::tally_summary(&report.units);
    summary.push('\n');
    if !report.pending.is_empty() {
        let (pending, total) = (report.pending.len(), report.units.len());
        let units = listed(&report.pending);
        let line = msg!("audit-tally-partial", pending, total, units => units);
        summary.push_str(&format!("{}\n", line.render()));
    }
    // Returned, with results left blank (--partial): pending too, and said so.
    let blank: Vec<String> = report
        .units
        .iter()
        .filter(|u| u.returned && u.pending > 0)
        .map(|u| format!("{} {}", u.unit, u.pending))
        .collect();
    if !blank.is_empty() {
        let count: u64 = report
            .units
            .iter()
            .filter(|u| u.returned)
            .map(|u| u.pending)
            .sum();
        let units = listed(&blank);
        let line = msg!("audit-tally-blank-pending", count, units => units);
        summary.push_str(&format!("{}\n", line.render()));
    }
    summary.push_str(&format!(
        "{}\n",
        msg!("audit-wrote", path = out.path.display()).render()
    ));
    Ok(Outcome {
        summary,
        ..Outcome::default()
    })
}

/// Names listed in the language of messages (甲、乙 / 甲, 乙).
fn listed(names: &[String]) -> Message {
    let mut items = names.iter().rev().map(|n| Message::Plain(n.clone()));
    let last = items
        .next()
        .unwrap_or_else(|| Message::Plain(String::new()));
    items.fold(
        last,
        |tail, head| msg!("audit-list", head => head, tail => tail),
    )
}

/// The manifest of the selection the checklists were made from: `--manifest`, else the
/// one whose 核查批次 a checklist carries; for checklists written before it was
/// carried, the one beside the first under its name, else the one selection of its
/// folder with the same audit numbers.
fn selection_manifest(opts: &TallyOptions, files: &[ReturnedChecklist]) -> Result<PathBuf> {
    if let Some(m) = &opts.manifest {
        return Ok(m.clone());
    }
    if let Some((f, id)) = files.iter().find_map(|f| f.id.as_ref().map(|id| (f, id))) {
        return find_selection_by_id(&f.path, id);
    }
    let first = files
        .first()
        .ok_or_else(|| Error::Internal("no checklist read".into()))?;
    let beside = manifest_path(&first.path);
    if beside.exists() {
        return Ok(beside);
    }
    find_selection(&first.path, &first.grid)
}

/// Checks the filled checklists against the recorded selection and tallies them.
pub fn write_tally(opts: &TallyOptions, out: &OutputOptions) -> Result<TallyReport> {
    check_tally_output(opts, out)?;
    let computed = compute_tally(opts)?;
    render_tally(&computed, opts, out)?;
    Ok(TallyReport {
        units: computed.units,
        pending: computed.pending,
    })
}

/// Refuses, before any work, a tally output that is one of its inputs or exists
/// without `--force`.
pub fn check_tally_output(opts: &TallyOptions, out: &OutputOptions) -> Result<()> {
    let files = read_returned(&opts.checklists, opts.sheet.as_deref())?;
    let selection = selection_manifest(opts, &files)?;
    let mut inputs: Vec<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    inputs.push(&selection);
    refuse_overwriting_inputs(&with_manifest(&out.path), &inputs)?;
    check_output(&out.path, out.force)?;
    Ok(())
}

/// A returned checklist taken into a tally, for the tally's manifest.
pub struct TakenChecklist {
    pub path: PathBuf,
    sheet: Option<String>,
    format: String,
    bytes: Vec<u8>,
    /// What it returned, in its row order.
    pub records: Vec<CheckedRecord>,
}

/// A tally computed from the checklists and their selection, before anything is written.
pub struct TallyComputed {
    pub units: Vec<UnitTally>,
    pub findings: BTreeMap<String, Vec<Finding>>,
    /// Every checklist taken in, by path.
    pub checklists: Vec<TakenChecklist>,
    /// Every returned record, file by file in checklist order.
    pub records: Vec<CheckedRecord>,
    /// The units selected that no returned checklist holds yet.
    pub pending: Vec<String>,
    /// The selection's key (`None` for selections of earlier versions).
    pub key: Option<[u8; 32]>,
    manifest_file: PathBuf,
    manifest_bytes: Vec<u8>,
}

/// Checks the filled checklists against the recorded selection and tallies them: the
/// deductions over what is returned, the townships not yet returned pending.
pub fn compute_tally(opts: &TallyOptions) -> Result<TallyComputed> {
    let files = read_returned(&opts.checklists, opts.sheet.as_deref())?;
    let selection = RecordedInput::read(selection_manifest(opts, &files)?)?;
    let (recorded, key) = (&selection.recorded, selection.key);
    let (returned, checklists) = check_each(files, &selection, opts.partial)?;
    let together = put_together(&returned, recorded)?;
    let mut units = tally_units(&recorded.collected, &together.findings, &opts.rules);
    for u in &mut units {
        u.returned = !together.pending.contains(&u.unit);
    }
    Ok(TallyComputed {
        units,
        findings: together.findings,
        records: checklists.iter().flat_map(|c| c.records.clone()).collect(),
        checklists,
        pending: together.pending,
        key,
        manifest_file: selection.file,
        manifest_bytes: selection.bytes,
    })
}

/// Checks each returned checklist against the selection: what it returned, and what
/// the tally's manifest records of it.
fn check_each(
    files: Vec<ReturnedChecklist>,
    selection: &RecordedInput,
    partial: bool,
) -> Result<(Vec<ReturnedFile>, Vec<TakenChecklist>)> {
    let (recorded, key) = (&selection.recorded, selection.key.as_ref());
    let name = selection.file.display().to_string();
    let alone = files.len() == 1;
    let (mut returned, mut taken) = (Vec::new(), Vec::new());
    for f in files {
        same_selection(&f, recorded, &name)?;
        let intake = read_checklist(&f.grid, recorded, key, partial, alone, &name)?;
        taken.push(TakenChecklist {
            sheet: f.grid.origin.sheet.clone(),
            format: f.grid.format.describe(),
            records: intake.records.clone(),
            path: f.path.clone(),
            bytes: f.bytes,
        });
        let name = f.path.display().to_string();
        returned.push(ReturnedFile { name, intake });
    }
    Ok((returned, taken))
}

/// Refuses a checklist whose 核查批次 is not the selection's, naming its cell.
fn same_selection(f: &ReturnedChecklist, recorded: &RecordedSelection, name: &str) -> Result<()> {
    let (Some(id), Some(expected)) = (&f.id, &recorded.audit_id) else {
        return Ok(());
    };
    if id.is(expected) {
        return Ok(());
    }
    let (value, expected) = (quote_cell(&id.id), expected.clone());
    Err(Error::input(
        id.at.clone(),
        msg!("audit-id-other-selection", value, expected, manifest = name),
    ))
}

/// Writes a computed tally to `out` with its manifest (the outputs checked already:
/// [`check_tally_output`]), so one tally renders to any number of formats. Every
/// checklist taken in is an input, with the digest of what it returned.
pub fn render_tally(c: &TallyComputed, opts: &TallyOptions, out: &OutputOptions) -> Result<()> {
    let dir = manifest_dir(&out.path);
    let rules = &opts.rules;
    let mut manifest = ManifestBuilder::new(Parameters::AuditTally(TallyParameters {
        cap: rules.cap,
        confidence: rules.confidence,
        mask: Some(crate::privacy::policy()),
        partial: opts.partial,
        per_case: rules.per_case,
        recheck_at: rules.recheck_at,
    }));
    for taken in &c.checklists {
        let checklist = FileFacts {
            role: "checklist",
            path: &taken.path,
            sheet: taken.sheet.clone(),
            format: taken.format.clone(),
            digest: FileDigest::of(&taken.bytes),
            content: findings_digest(&taken.records, c.key.as_ref()),
        };
        manifest.input(checklist, &dir);
    }
    manifest.input(selection_facts(c), &dir);
    let table = [tally_table(&c.units)];
    let forms = [tally_print_form(&table[0])];
    let printed = Printed {
        sheets: &table,
        forms: &forms,
    };
    write_printed_with_manifest(
        printed,
        tally_digest(&c.units),
        "tally",
        out,
        manifest,
        &dir,
    )
}

/// The selection's manifest as an input of the tally's (a file without content).
fn selection_facts(c: &TallyComputed) -> FileFacts<'_> {
    FileFacts {
        role: "selection",
        path: &c.manifest_file,
        sheet: None,
        format: "JSON".into(),
        digest: FileDigest::of(&c.manifest_bytes),
        content: ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>()),
    }
}
