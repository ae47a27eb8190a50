//! A frame plan and the typed parameters a manifest records of it, both ways: written
//! by `pingyi frame`, read back by re-derivation under the same rules as the flags.

use crate::error::Result;
use crate::frame::FramePlan;
use crate::frame::settings::FrameSettings;
use crate::i18n::msg;

use super::params::FrameParameters;
use super::rederive::unverified;

/// The plan's parameters as recorded in the manifest.
pub fn plan_parameters(plan: &FramePlan) -> FrameParameters {
    let s = plan.settings();
    FrameParameters {
        confidence: s.confidence,
        margin: s.margin,
        mask: Some(crate::privacy::policy()),
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
    let bad = |what: &str| unverified(msg!("verify-parameter-invalid", what));
    if p.margin.is_some() && p.per_unit.is_none() {
        p.confidence.ok_or_else(|| bad("confidence"))?;
        p.p.ok_or_else(|| bad("p"))?;
    }
    FramePlan::from_settings(&parameter_settings(p))
        .map_err(|e| unverified(msg!("verify-plan-invalid", reason => e.message())))
}
