//! `pingyi frame`: a count table in, the sampling frame and its manifest out.

use std::path::PathBuf;

use crate::error::Result;
use crate::frame::settings::FrameSettings;
use crate::frame::{Frame, FramePlan, build_frame};
use crate::provenance::manifest::ManifestBuilder;
use crate::provenance::params::Parameters;
use crate::provenance::plans::plan_parameters;

use super::Outcome;
use super::counts::{LoadedCounts, load_counts};
use super::output::{
    OutputOptions, Printed, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_printed_with_manifest,
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
        summary: format!(
            "{summary}\n{}",
            super::output::wrote_line(&opts.output.path)
        ),
        warnings: frame.warnings,
        failure: None,
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
    let forms = frame.print_forms();
    let printed = Printed {
        sheets: &frame.to_tables(),
        forms: &forms,
    };
    write_printed_with_manifest(
        printed,
        frame.content_digest(),
        "frame",
        out,
        manifest,
        &dir,
    )?;
    Ok(frame)
}
