//! `pingyi verify`: re-derives an output from its manifest and the recorded inputs, and
//! says exactly what differs — which input changed and in which strata, which records
//! the output gained or lost — or that everything matches. The checks live in
//! `provenance::verify`; this file gives them the stage runs that read through the
//! command layer's loaders.

use std::path::{Path, PathBuf};

use crate::audit::digest::{checklist_digest, findings_digest, findings_digest_v1, tally_digest};
use crate::draw::Draw;
use crate::draw::scan::ScanOptions;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::Lang;
use crate::io::digest::ContentDigest;
use crate::io::write::OutputFormat;
use crate::provenance::rederive::{
    DrawSpec, Rewrite, ScoreSpec, SelectSpec, Selected, StageRuns, Tallied, TallySpec,
};

use super::Outcome;
use super::audit::{compute_tally, selection_in_memory};
use super::draw::{DrawRules, RosterInputs, draw_in_memory, load_frame, roster_contents};
use super::rewrite::{draw_rules, roster_inputs, select_options, tally_options};

pub use crate::provenance::verdict::Verdict;
pub use crate::provenance::verify::{VerifyOptions, sample_ids};

/// What `pingyi verify` is asked to check.
#[derive(Debug, Clone)]
pub enum VerifyTarget {
    /// A manifest, or an output with its manifest beside it; with `chain`, also every
    /// manifest its inputs link to.
    Manifest { path: PathBuf, chain: bool },
    /// A list that claims to be the draw, checked against a fresh draw.
    Sample {
        sample: PathBuf,
        frame: PathBuf,
        inputs: RosterInputs,
        rules: DrawRules,
    },
}

/// `pingyi verify`: every verdict shown (masked); any difference is the failure (exit 3).
pub fn run(target: &VerifyTarget, opts: &VerifyOptions) -> Result<Outcome> {
    let verdicts = match target {
        VerifyTarget::Manifest { path, chain } => verify_target(path, *chain, opts)?,
        VerifyTarget::Sample {
            sample,
            frame,
            inputs,
            rules,
        } => {
            let stages = CommandStages { scan: inputs.scan };
            let spec = sample_spec(sample, frame, inputs, rules);
            vec![crate::provenance::verify::check_sample(
                sample, &spec, &stages,
            )?]
        }
    };
    let failed = verdicts.iter().filter(|v| !v.ok()).count();
    let failure = (failed > 0).then(|| {
        let failed = msg!("verify-failed", failed = failed, total = verdicts.len());
        Error::Verification(failed.render())
    });
    Ok(Outcome {
        summary: crate::report::verdicts(&verdicts),
        warnings: Vec::new(),
        failure,
    })
}

/// Verifies `target` (a manifest, or an output with its manifest beside it), and with
/// `chain` every manifest its inputs link to.
pub fn verify_target(target: &Path, chain: bool, opts: &VerifyOptions) -> Result<Vec<Verdict>> {
    let stages = CommandStages::default();
    crate::provenance::verify::verify_target(target, chain, opts, &stages)
}

/// The draw a claimed sample is checked against: a frame edited by hand is refused;
/// without `--id-column`, the one its draw's manifest records, if any.
fn sample_spec(sample: &Path, frame: &Path, inputs: &RosterInputs, rules: &DrawRules) -> DrawSpec {
    DrawSpec {
        frame: frame.to_path_buf(),
        allow_edited_frame: false,
        rosters: inputs.rosters.clone(),
        sheet: inputs.sheet.clone(),
        id_column: (inputs.id_column.clone())
            .or_else(|| super::audit_inputs::draw_id_column_of(sample)),
        seed: rules.seed.clone(),
        take_all_short: rules.take_all_short,
        allow_count_mismatch: rules.allow_count_mismatch,
    }
}

/// The stage runs of re-derivation, through the loaders the commands use.
#[derive(Default)]
struct CommandStages {
    /// How a roster scan uses the machine (it never changes the result).
    scan: ScanOptions,
}

impl CommandStages {
    fn roster_inputs(&self, spec: &DrawSpec) -> RosterInputs {
        roster_inputs(spec, self.scan)
    }
}

impl StageRuns for CommandStages {
    fn draw(&self, spec: &DrawSpec) -> Result<Draw> {
        let (rows, _, _) = load_frame(&spec.frame, spec.allow_edited_frame)?;
        draw_in_memory(&rows, &self.roster_inputs(spec), &draw_rules(spec))
    }

    fn roster_contents(&self, spec: &DrawSpec) -> Result<Vec<ContentDigest>> {
        roster_contents(&self.roster_inputs(spec))
    }

    fn select(&self, spec: &SelectSpec) -> Result<Selected> {
        let c = selection_in_memory(&select_options(spec))?;
        let key = spec.keyed.then_some(&c.key);
        Ok(Selected {
            checklist: checklist_digest(&c.selection, key),
            content: c.content,
        })
    }

    fn tally(&self, spec: &TallySpec) -> Result<Tallied> {
        let c = compute_tally(&tally_options(spec))?;
        Ok(Tallied {
            tally: tally_digest(&c.units),
            findings: c
                .checklists
                .iter()
                .map(|f| (f.path.clone(), findings_digest(&f.records, c.key.as_ref())))
                .collect(),
            findings_v1: findings_digest_v1(&c.findings),
        })
    }

    fn score(&self, spec: &ScoreSpec) -> Result<ContentDigest> {
        let report = super::score::score_in_memory(spec)?;
        Ok(super::score::score_digest(&report.units))
    }

    fn score_input(&self, role: &str, path: &Path, keyed: bool) -> Option<Result<ContentDigest>> {
        super::score::input_content(role, path, keyed)
    }

    fn rewrite(
        &self,
        what: &Rewrite,
        format: OutputFormat,
        langs: &[Lang],
    ) -> Result<Vec<Vec<u8>>> {
        super::rewrite::rewrite(what, self.scan, format, langs)
    }
}
