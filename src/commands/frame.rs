//! `pingyi frame`: a count table in, the sampling frame and its manifest out.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::frame::settings::FrameSettings;
use crate::frame::{Frame, FramePlan, build_frame};
use crate::provenance::manifest::ManifestBuilder;
use crate::provenance::params::{FrameParameters, Parameters};

use super::Outcome;
use super::counts::{LoadedCounts, load_counts};
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_with_manifest,
};

/// A `pingyi frame` request: the count table, the settings as given, and the output.
#[derive(Debug, Clone)]
pub struct FrameOptions {
    pub counts: PathBuf,
    /// The count table's worksheet (default: the first).
    pub sheet: Option<String>,
    pub settings: FrameSettings,
    pub output: OutputOptions,
}

/// `pingyi frame`: the plan checked before any file is opened, then the frame written.
pub fn run(opts: &FrameOptions) -> Result<Outcome> {
    let plan = FramePlan::from_settings(&opts.settings)?;
    let counts = load_counts(&opts.counts, opts.sheet.as_deref())?;
    let frame = write_frame(&counts, &plan, &opts.output)?;
    let summary = crate::report::frame_summary(&frame);
    Ok(Outcome {
        summary: format!("{summary}\nwrote {}\n", opts.output.path.display()),
        warnings: frame.warnings,
        failure: None,
    })
}

/// The plan's parameters as recorded in the manifest.
pub fn plan_parameters(plan: &FramePlan) -> FrameParameters {
    let s = plan.settings();
    FrameParameters {
        confidence: s.confidence,
        margin: s.margin,
        method: plan.method.name().to_string(),
        min_per_stratum: plan.min_per_stratum,
        p: s.p,
        per_unit: s.per_unit,
        reserve_rate: s.reserve_rate,
        reserves: s.reserves,
    }
}

/// The settings recorded in a frame manifest's parameters.
pub fn parameter_settings(p: &FrameParameters) -> FrameSettings {
    FrameSettings {
        per_unit: p.per_unit,
        margin: p.margin,
        confidence: p.confidence,
        p: p.p,
        method: Some(p.method.clone()),
        min_per_stratum: Some(p.min_per_stratum),
        reserve_rate: p.reserve_rate.clone(),
        reserves: p.reserves,
    }
}

/// The plan recorded in a frame manifest's parameters, under the same rules as the
/// flags and `pingyi.toml`; a manifest also records every number a margin uses.
pub fn plan_from_parameters(p: &FrameParameters) -> Result<FramePlan> {
    let bad =
        |what: &str| Error::Verification(format!("the manifest's parameters lack a valid {what}"));
    if p.margin.is_some() && p.per_unit.is_none() {
        p.confidence.ok_or_else(|| bad("confidence"))?;
        p.p.ok_or_else(|| bad("p"))?;
    }
    FramePlan::from_settings(&parameter_settings(p)).map_err(|e| {
        Error::Verification(format!(
            "the manifest's parameters do not make a valid frame plan: {e}"
        ))
    })
}

/// Builds the frame of `counts` under `plan` and writes it to `out` with its manifest.
pub fn write_frame(counts: &LoadedCounts, plan: &FramePlan, out: &OutputOptions) -> Result<Frame> {
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&counts.path])?;
    check_output(&out.path, out.force)?;
    let frame = build_frame(&counts.table, plan)?;
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::Frame(plan_parameters(plan)));
    counts.record(&mut manifest, &dir);
    write_with_manifest(
        &frame.to_tables(),
        frame.content_digest(),
        "frame",
        out,
        manifest,
        &dir,
    )?;
    Ok(frame)
}
