//! `pingyi frame`: a count table in, the sampling frame and its manifest out.

use std::collections::BTreeMap;

use serde_json::json;

use crate::error::Result;
use crate::frame::{Frame, FramePlan, ReserveRule, SizeRule, build_frame};
use crate::verify::manifest::ManifestBuilder;

use super::counts::LoadedCounts;
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, with_manifest,
    write_with_manifest,
};

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

/// The plan recorded in a frame manifest's parameters.
pub fn plan_from_parameters(p: &BTreeMap<String, serde_json::Value>) -> Result<FramePlan> {
    use crate::error::Error;
    let bad =
        |what: &str| Error::Verification(format!("the manifest's parameters lack a valid {what}"));
    let text = |k: &str| p.get(k).and_then(|v| v.as_str());
    let real = |k: &str| p.get(k).and_then(|v| v.as_f64());
    let int = |k: &str| p.get(k).and_then(|v| v.as_u64());
    let method = text("method")
        .ok_or_else(|| bad("method"))?
        .parse()
        .map_err(|_| bad("method"))?;
    let size = match (int("per_unit"), real("margin")) {
        (Some(n), _) => SizeRule::PerUnit(n),
        (None, Some(margin)) => SizeRule::Margin {
            margin,
            confidence: real("confidence").ok_or_else(|| bad("confidence"))?,
            p: real("p").ok_or_else(|| bad("p"))?,
        },
        (None, None) => SizeRule::FromTable,
    };
    let reserves = match (text("reserve_rate"), int("reserves")) {
        (Some(r), _) => ReserveRule::Rate(r.parse().map_err(|_| bad("reserve_rate"))?),
        (None, Some(k)) => ReserveRule::Fixed(k),
        (None, None) => ReserveRule::None,
    };
    Ok(FramePlan {
        size,
        method,
        min_per_stratum: int("min_per_stratum").ok_or_else(|| bad("min_per_stratum"))?,
        reserves,
    })
}

/// Builds the frame of `counts` under `plan` and writes it to `out` with its manifest.
pub fn write_frame(counts: &LoadedCounts, plan: &FramePlan, out: &OutputOptions) -> Result<Frame> {
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&counts.path])?;
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
