//! `pingyi audit tally`: the filled checklist checked against the selection its
//! manifest records, and tallied per unit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::audit::digest::{findings_digest, tally_digest};
use crate::audit::intake::read_checklist;
use crate::audit::tally::{
    CheckedRecord, Finding, TallyRules, UnitTally, tally_table, tally_units,
};
use crate::error::Result;
use crate::i18n::msg;
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::read_grid_path;
use crate::provenance::manifest::{FileFacts, ManifestBuilder, manifest_path};
use crate::provenance::params::{Parameters, TallyParameters};

use super::Outcome;
use super::audit_inputs::{RecordedInput, find_selection};
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_with_manifest,
};

/// What `pingyi audit tally` is asked to do.
#[derive(Debug, Clone)]
pub struct TallyOptions {
    pub checklist: PathBuf,
    pub manifest: Option<PathBuf>,
    pub sheet: Option<String>,
    pub partial: bool,
    pub rules: TallyRules,
}

/// The tally and what it read.
#[derive(Debug)]
pub struct TallyReport {
    pub units: Vec<UnitTally>,
}

/// Checks the filled checklist, writes the tally with its manifest, and says what was
/// found and where it was written.
pub fn run(opts: &TallyOptions, out: &OutputOptions) -> Result<Outcome> {
    let report = write_tally(opts, out)?;
    let summary = format!(
        "{}\n{}\n",
        crate::report::tally_summary(&report.units),
        msg!("audit-wrote", path = out.path.display()).render()
    );
    Ok(Outcome {
        summary,
        ..Outcome::default()
    })
}

/// The manifest of the selection a checklist was made from: `--manifest`, else the
/// one beside it under its name, else the one selection of its folder with the same
/// audit numbers.
fn selection_manifest(opts: &TallyOptions) -> Result<PathBuf> {
    if let Some(m) = &opts.manifest {
        return Ok(m.clone());
    }
    let beside = manifest_path(&opts.checklist);
    if beside.exists() {
        return Ok(beside);
    }
    find_selection(&opts.checklist, opts.sheet.as_deref())
}

/// Checks the filled checklist against the recorded selection and tallies it.
pub fn write_tally(opts: &TallyOptions, out: &OutputOptions) -> Result<TallyReport> {
    check_tally_output(opts, out)?;
    let computed = compute_tally(opts)?;
    render_tally(&computed, opts, out)?;
    Ok(TallyReport {
        units: computed.units,
    })
}

/// Refuses, before any work, a tally output that is one of its inputs or exists
/// without `--force`.
pub fn check_tally_output(opts: &TallyOptions, out: &OutputOptions) -> Result<()> {
    let selection = selection_manifest(opts)?;
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&opts.checklist, &selection])?;
    check_output(&out.path, out.force)?;
    Ok(())
}

/// A tally computed from a checklist and its selection, before anything is written.
pub struct TallyComputed {
    pub units: Vec<UnitTally>,
    pub findings: BTreeMap<String, Vec<Finding>>,
    /// Every returned record, in checklist order.
    pub records: Vec<CheckedRecord>,
    /// The selection's key (`None` for selections of earlier versions).
    pub key: Option<[u8; 32]>,
    grid_sheet: Option<String>,
    grid_format: String,
    bytes: Vec<u8>,
    manifest_file: PathBuf,
    manifest_bytes: Vec<u8>,
}

/// Checks the filled checklist against the recorded selection and tallies it.
pub fn compute_tally(opts: &TallyOptions) -> Result<TallyComputed> {
    let selection = RecordedInput::read(selection_manifest(opts)?)?;
    let (recorded, key) = (&selection.recorded, selection.key);
    let (grid, bytes) = read_grid_path(&opts.checklist, opts.sheet.as_deref())?;
    let name = selection.file.display().to_string();
    let intake = read_checklist(&grid, recorded, key.as_ref(), opts.partial, &name)?;
    Ok(TallyComputed {
        units: tally_units(&recorded.collected, &intake.findings, &opts.rules),
        findings: intake.findings,
        records: intake.records,
        key,
        grid_sheet: grid.origin.sheet.clone(),
        grid_format: grid.format.describe(),
        bytes,
        manifest_file: selection.file,
        manifest_bytes: selection.bytes,
    })
}

/// Writes a computed tally to `out` with its manifest (the outputs checked already:
/// [`check_tally_output`]), so one tally renders to any number of formats.
pub fn render_tally(c: &TallyComputed, opts: &TallyOptions, out: &OutputOptions) -> Result<()> {
    let dir = manifest_dir(&out.path);
    let rules = &opts.rules;
    let mut manifest = ManifestBuilder::new(Parameters::AuditTally(TallyParameters {
        cap: rules.cap,
        confidence: rules.confidence,
        partial: opts.partial,
        per_case: rules.per_case,
        recheck_at: rules.recheck_at,
    }));
    let checklist = FileFacts {
        role: "checklist",
        path: &opts.checklist,
        sheet: c.grid_sheet.clone(),
        format: c.grid_format.clone(),
        digest: FileDigest::of(&c.bytes),
        content: findings_digest(&c.records, c.key.as_ref()),
    };
    manifest.input(checklist, &dir);
    manifest.input(selection_facts(c), &dir);
    let table = tally_table(&c.units);
    write_with_manifest(
        &[table],
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
