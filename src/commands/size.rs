//! `pingyi size`: the sample size for a population and a margin of error.

use crate::error::Result;
use crate::frame::settings::FrameSettings;
use crate::frame::{FramePlan, size};

use super::Outcome;

/// A population and the margin of error it is to be sampled at.
#[derive(Debug, Clone, PartialEq)]
pub struct SizeOptions {
    pub population: u64,
    pub margin: f64,
    pub confidence: f64,
    pub p: f64,
}

/// Checks the numbers under the frame's rules and prints the sample size.
pub fn run(opts: &SizeOptions) -> Result<Outcome> {
    FramePlan::from_settings(&FrameSettings {
        margin: Some(opts.margin),
        confidence: Some(opts.confidence),
        p: Some(opts.p),
        ..FrameSettings::default()
    })?;
    let n = size::sample_size(opts.population, opts.margin, opts.confidence, opts.p);
    Ok(Outcome::summary(format!("{n}\n")))
}
