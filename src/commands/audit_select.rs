//! `pingyi audit select`: the verification subset of a collected sample, written as a
//! checklist with its manifest.

use std::path::PathBuf;

use crate::audit::Selection;
use crate::audit::checklist::{audit_id, checklist_table, checklist_title, selection_record};
use crate::audit::collect::{Collected, select_collected};
use crate::audit::digest::checklist_digest;
use crate::draw::ticket::{ALGORITHM, ID_NORMALIZATION, Seed};
use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::io::digest::FileDigest;
use crate::io::fileset::FileSet;
use crate::io::write::render_internal;
use crate::provenance::manifest::{FileFacts, ManifestBuilder, manifest_path};
use crate::provenance::params::{Parameters, SelectParameters};
use crate::rate::Rate;

use super::Outcome;
use super::audit_inputs::{draw_id_column_of, draw_seed_of, read_collected};
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, stage_rendered,
    with_manifest,
};

/// What `pingyi audit select` is asked to do.
#[derive(Debug, Clone)]
pub struct SelectOptions {
    pub sample: PathBuf,
    pub seed: String,
    pub rate: Rate,
    pub id_column: Option<String>,
    pub sheet: Option<String>,
}

/// The selection and the table written.
#[derive(Debug)]
pub struct SelectReport {
    pub selection: Selection,
}

/// Selects the audit subset, writes the checklist with its manifest, and says what was
/// selected and where it was written.
pub fn run(opts: &SelectOptions, out: &OutputOptions) -> Result<Outcome> {
    let report = write_selection(opts, out)?;
    let summary = format!(
        "{}\n{}\n",
        crate::report::selection_summary(&report.selection),
        msg!("audit-wrote", path = out.path.display()).render()
    );
    Ok(Outcome {
        summary,
        ..Outcome::default()
    })
}

/// The selection and the content digest of the collected sample, computed in memory.
pub fn selection_in_memory(opts: &SelectOptions) -> Result<Collected> {
    let seed = Seed::new(&opts.seed)?;
    let records = read_collected(
        &opts.sample,
        opts.sheet.as_deref(),
        opts.id_column.as_deref(),
    )?;
    if records.drawn_with(&seed) {
        return Err(Error::input(
            Location::file(opts.sample.display().to_string()),
            msg!("audit-seed-drew-the-sample"),
        ));
    }
    Ok(select_collected(records, &seed, opts.rate))
}

/// Selects the audit subset and writes the checklist with its manifest.
pub fn write_selection(opts: &SelectOptions, out: &OutputOptions) -> Result<SelectReport> {
    check_selection_output(opts, out)?;
    let computed = compute_selection(opts)?;
    render_selection(&computed, opts, out)?;
    Ok(SelectReport {
        selection: computed.collected.selection,
    })
}

/// Refuses, before any work, a bad seed or rate, or a checklist output that is one of
/// its inputs or exists without `--force`.
pub fn check_selection_output(opts: &SelectOptions, out: &OutputOptions) -> Result<()> {
    Seed::new(&opts.seed)?;
    if opts.rate.as_f64() <= 0.0 || opts.rate.as_f64() > 1.0 {
        return Err(Error::usage(msg!("audit-rate-range", rate = opts.rate)));
    }
    let sample_manifest = manifest_path(&opts.sample);
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&opts.sample, &sample_manifest])?;
    check_output(&out.path, out.force)?;
    Ok(())
}

/// An audit selection computed from a collected sample, before anything is written.
pub struct SelectionComputed {
    seed: Seed,
    /// The id column read: `--id-column`, else the one the draw was told.
    id_column: Option<String>,
    pub collected: Collected,
    sample_digest: FileDigest,
}

/// Reads the collected sample and selects its audit subset, writing nothing. Without
/// `--id-column`, the sample's id column is the one its draw was told, if it was told
/// one (recorded in the selection's manifest, so it is read again the same way).
pub fn compute_selection(opts: &SelectOptions) -> Result<SelectionComputed> {
    let id_column = opts
        .id_column
        .clone()
        .or_else(|| draw_id_column_of(&opts.sample));
    let opts = &SelectOptions {
        id_column,
        ..opts.clone()
    };
    let seed = Seed::new(&opts.seed)?;
    if draw_seed_of(&opts.sample).as_deref() == Some(seed.as_str()) {
        return Err(Error::input(
            Location::file(manifest_path(&opts.sample).display().to_string()),
            msg!("audit-seed-same-as-draw"),
        ));
    }
    let collected = selection_in_memory(opts)?;
    if collected.selection.selected.is_empty() {
        return Err(Error::input(
            Location::file(opts.sample.display().to_string()),
            msg!("audit-sample-empty"),
        ));
    }
    let sample_digest = FileDigest::of_file(&opts.sample)?;
    Ok(SelectionComputed {
        seed,
        id_column: opts.id_column.clone(),
        collected,
        sample_digest,
    })
}

/// Writes a computed selection to `out` as a checklist with its manifest (the output
/// checked already: [`check_selection_output`]).
pub fn render_selection(
    computed: &SelectionComputed,
    opts: &SelectOptions,
    out: &OutputOptions,
) -> Result<()> {
    let c = &computed.collected;
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::AuditSelect(SelectParameters {
        algorithm: ALGORITHM.to_string(),
        id_column: computed.id_column.clone(),
        id_normalization: ID_NORMALIZATION.to_string(),
        mask: Some(crate::privacy::policy()),
        rate: opts.rate.to_string(),
        seed: computed.seed.as_str().to_string(),
    }));
    let sample = FileFacts {
        role: "sample",
        path: &opts.sample,
        sheet: opts.sheet.clone(),
        format: c.format.clone(),
        digest: computed.sample_digest.clone(),
        content: c.content.clone(),
    };
    manifest.input(sample, &dir);
    manifest.selection(selection_record(&c.labels, &c.selection, &c.key));
    let digest = checklist_digest(&c.selection, Some(&c.key));
    let id = audit_id(&digest);
    let table = checklist_table(&c.labels, &c.selection, &id);
    let format = check_output(&out.path, out.force)?;
    let bytes = render_internal(&[table], format, out.write, Some(&checklist_title(&id)))?;
    let mut set = FileSet::new();
    stage_rendered(&mut set, bytes, digest, "checklist", out, manifest, &dir)?;
    set.commit(out.force)
}
