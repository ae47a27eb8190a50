//! `pingyi frame`: a count table in, the sampling frame and its manifest out.

use std::collections::BTreeMap;

use serde_json::json;

use crate::error::Result;
use crate::frame::{Frame, FramePlan, ReserveRule, SizeRule, build_frame};
use crate::verify::manifest::ManifestBuilder;

use super::counts::LoadedCounts;
use super::output::{OutputOptions, check_output, manifest_dir, write_with_manifest};

/// The plan's parameters as recorded in the manifest.
pub fn plan_parameters(plan: &FramePlan) -> BTreeMap<String, serde_json::Value> {
    let mut p = BTreeMap::new();
    p.insert("method".into(), json!(plan.method.name()));
    p.insert("min_per_stratum".into(), json!(plan.min_per_stratum));
    match plan.size {
        SizeRule::PerUnit(n) => {
            p.insert("per_unit".into(), json!(n));
        }
        SizeRule::Margin {
            margin,
            confidence,
            p: prop,
        } => {
            p.insert("margin".into(), json!(margin));
            p.insert("confidence".into(), json!(confidence));
            p.insert("p".into(), json!(prop));
        }
        SizeRule::FromTable => {}
    }
    match plan.reserves {
        ReserveRule::None => {}
        ReserveRule::Rate(r) => {
            p.insert("reserve_rate".into(), json!(r.to_string()));
        }
        ReserveRule::Fixed(k) => {
            p.insert("reserves".into(), json!(k));
        }
    }
    p
}

/// Builds the frame of `counts` under `plan` and writes it to `out` with its manifest.
pub fn write_frame(counts: &LoadedCounts, plan: &FramePlan, out: &OutputOptions) -> Result<Frame> {
    check_output(&out.path, out.force)?;
    let frame = build_frame(&counts.table, plan)?;
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new("frame", plan_parameters(plan));
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
