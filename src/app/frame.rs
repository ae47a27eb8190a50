//! `pingyi frame`: a count table in, the sampling frame and its manifest out.

use crate::error::Result;
use crate::frame::{Frame, FramePlan, ReserveRule, SizeRule, build_frame};
use crate::verify::manifest::ManifestBuilder;
use crate::verify::params::{FrameParameters, Parameters};

use super::counts::LoadedCounts;
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_with_manifest,
};

/// The plan's parameters as recorded in the manifest.
pub fn plan_parameters(plan: &FramePlan) -> FrameParameters {
    let mut p = FrameParameters {
        confidence: None,
        margin: None,
        method: plan.method.name().to_string(),
        min_per_stratum: plan.min_per_stratum,
        p: None,
        per_unit: None,
        reserve_rate: None,
        reserves: None,
    };
    match plan.size {
        SizeRule::PerUnit(n) => p.per_unit = Some(n),
        SizeRule::Margin {
            margin,
            confidence,
            p: prop,
        } => {
            p.margin = Some(margin);
            p.confidence = Some(confidence);
            p.p = Some(prop);
        }
        SizeRule::FromTable => {}
    }
    match plan.reserves {
        ReserveRule::None => {}
        ReserveRule::Rate(r) => p.reserve_rate = Some(r.to_string()),
        ReserveRule::Fixed(k) => p.reserves = Some(k),
    }
    p
}

/// The plan recorded in a frame manifest's parameters.
pub fn plan_from_parameters(p: &FrameParameters) -> Result<FramePlan> {
    use crate::error::Error;
    let bad =
        |what: &str| Error::Verification(format!("the manifest's parameters lack a valid {what}"));
    let method = p.method.parse().map_err(|_| bad("method"))?;
    let size = match (p.per_unit, p.margin) {
        (Some(n), _) => SizeRule::PerUnit(n),
        (None, Some(margin)) => SizeRule::Margin {
            margin,
            confidence: p.confidence.ok_or_else(|| bad("confidence"))?,
            p: p.p.ok_or_else(|| bad("p"))?,
        },
        (None, None) => SizeRule::FromTable,
    };
    let reserves = match (&p.reserve_rate, p.reserves) {
        (Some(r), _) => ReserveRule::Rate(r.parse().map_err(|_| bad("reserve_rate"))?),
        (None, Some(k)) => ReserveRule::Fixed(k),
        (None, None) => ReserveRule::None,
    };
    Ok(FramePlan {
        size,
        method,
        min_per_stratum: p.min_per_stratum,
        reserves,
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
