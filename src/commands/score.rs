//! `pingyi score`: survey answers, inspection scores, false-recipient findings and
//! disqualifications in; each unit's score, the ranking and its flags out.

mod inputs;

use super::Outcome;
use super::output::{
    OutputOptions, Printed, check_output, manifest_dir, refuse_overwriting_inputs, stage_printed,
    with_manifest,
};
use crate::error::{Error, Result};
use crate::io::fileset::FileSet;
use crate::provenance::manifest::ManifestBuilder;
use crate::provenance::params::{Parameters, ScoreParameters};
use crate::score::table::score_print_form;
use crate::score::{Reading, Scheme, evaluate};

pub use crate::score::{ScoreReport, score_digest, score_table};
pub use inputs::{ScoreOptions, input_content};

/// `pingyi score`: scores, writes the table (and the unit-facing one) with manifests,
/// and summarises the ranking; the notes are its warnings.
pub fn run(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<Outcome> {
    let report = write_score(opts, out, unit_facing)?;
    let summary = crate::report::score_summary(&report.units);
    let wrote = crate::i18n::msg!("score-wrote", path = out.path.display());
    Ok(Outcome {
        summary: format!("{summary}\n{wrote}\n"),
        warnings: report.notes.iter().map(|n| n.render()).collect(),
        failure: None,
    })
}

/// Scores and writes the table (and the unit-facing one) with manifests.
pub fn write_score(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<ScoreReport> {
    check_score_outputs(opts, out, unit_facing)?;
    let computed = compute(opts)?;
    render_score(&computed, opts, out, unit_facing)?;
    Ok(computed.report)
}

/// Scores and ranks computed once, with what their manifests record of the inputs,
/// ready to be rendered to any number of outputs without scoring again.
pub struct ComputedScore {
    pub report: ScoreReport,
    scheme_name: String,
    inputs: Vec<inputs::Recorded>,
}

/// Reads the answers and scores them, writing nothing.
pub fn compute(opts: &ScoreOptions) -> Result<ComputedScore> {
    opts.check_units_given()?;
    let scheme = Scheme::load(&opts.scheme)?;
    let loaded = inputs::load(opts)?;
    let reading = Reading {
        scheme: &scheme,
        known: &loaded.known,
        contact: inputs::contact,
        policy: opts.policy,
    };
    let sample = opts.weighted_sample.as_deref().map(inputs::open_sample);
    let report = evaluate(&loaded.tables, reading, sample.transpose()?)?;
    Ok(ComputedScore {
        report,
        scheme_name: scheme.name,
        inputs: loaded.recorded,
    })
}

/// Scores from the input files without writing anything.
pub fn score_in_memory(opts: &ScoreOptions) -> Result<ScoreReport> {
    compute(opts).map(|c| c.report)
}

/// Refuses, before any work, an output that is one of the inputs, or that exists
/// without `--force`.
pub fn check_score_outputs(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<()> {
    let mut outputs = with_manifest(&out.path);
    if let Some(u) = unit_facing {
        outputs.extend(with_manifest(&u.path));
        if u.path == out.path {
            return Err(Error::usage(crate::i18n::msg!(
                "score-unit-facing-is-out",
                path = u.path.display()
            )));
        }
    }
    refuse_overwriting_inputs(&outputs, &opts.input_files())?;
    for o in std::iter::once(out).chain(unit_facing) {
        check_output(&o.path, o.force)?;
    }
    Ok(())
}

/// Writes computed scores to `out` (and the unit-facing table to `unit_facing`) with
/// their manifests, the outputs checked already ([`check_score_outputs`]).
pub fn render_score(
    computed: &ComputedScore,
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<()> {
    let units = &computed.report.units;
    // Both tables and their manifests appear as one set.
    let mut set = FileSet::new();
    for (o, facing) in std::iter::once((out, false)).chain(unit_facing.map(|u| (u, true))) {
        let dir = manifest_dir(&o.path);
        let manifest = manifest(computed, opts, facing, &dir);
        let table = [score_table(units, facing)];
        // Both workbooks print: a title row, and the respondents and findings summed.
        let forms = [score_print_form(&table[0])];
        let printed = Printed {
            sheets: &table,
            forms: &forms,
        };
        let digest = score_digest(units);
        stage_printed(&mut set, printed, digest, "score", o, manifest, &dir)?;
    }
    set.commit(out.force)
}

/// The manifest of one output: the score's parameters and every input.
fn manifest(
    computed: &ComputedScore,
    opts: &ScoreOptions,
    unit_facing: bool,
    dir: &std::path::Path,
) -> ManifestBuilder {
    let mut manifest = ManifestBuilder::new(Parameters::Score(ScoreParameters {
        scheme: opts.scheme.clone(),
        scheme_name: computed.scheme_name.clone(),
        unit_facing,
        weighted: opts.weighted_sample.is_some(),
        missing_inspection: Some(opts.policy.missing_inspection),
        min_respondents: Some(opts.policy.min_respondents),
        mask: Some(crate::privacy::policy()),
    }));
    for r in &computed.inputs {
        manifest.input(r.facts(), dir);
    }
    manifest
}
