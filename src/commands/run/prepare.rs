//! What `pingyi run` reads and checks of a level before it writes anything: the frame
//! plan, the counts and the frame, the draw in memory, and the seeds and audit rate.

use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::frame::build_frame;
use crate::i18n::msg;
use crate::rate::Rate;

use super::super::config::{LevelConfig, RunConfig};
use super::super::counts::load_counts;
use super::super::draw::compute_in_memory;
use super::level::{PreparedLevel, draw_rules, roster_inputs};

/// Reads a level's counts, builds its frame and draws in memory from the frame not yet
/// written, so a bad roster or a missing seed stops the run before any output.
pub fn prepare<'a>(
    config: &RunConfig,
    config_name: &str,
    name: &'static str,
    level: &'a LevelConfig,
    data_dir: &Path,
) -> Result<PreparedLevel<'a>> {
    let plan = level.plan(config_name)?;
    let counts = load_counts(&data_dir.join(&level.counts), level.sheet.as_deref())?;
    let frame = build_frame(&counts.table, &plan)?;
    let (mut draw, mut audit) = (None, None);
    if !level.rosters.is_empty() {
        let seed = draw_seed(config, config_name)?;
        let rules = draw_rules(seed.clone());
        draw = Some((
            compute_in_memory(&frame.rows, &roster_inputs(level, data_dir), &rules)?,
            seed,
        ));
        audit = audit_plan(level, config, config_name)?;
    }
    Ok(PreparedLevel {
        name,
        level,
        plan,
        counts,
        draw,
        audit,
    })
}

/// The configured draw seed; a level with rosters and no seed is an error, since no
/// stage invents a seed.
fn draw_seed(config: &RunConfig, config_name: &str) -> Result<String> {
    match config.seeds.draw.as_deref() {
        Some(s) if !s.trim().is_empty() => Ok(s.to_string()),
        _ => Err(Error::input(
            Location::file(config_name),
            msg!("run-no-draw-seed"),
        )),
    }
}

/// The audit's rate and the configured audit seed, where the level names audit_rate.
fn audit_plan(
    level: &LevelConfig,
    config: &RunConfig,
    config_name: &str,
) -> Result<Option<(Rate, String)>> {
    let Some(rate) = &level.audit_rate else {
        return Ok(None);
    };
    let at = || Location::file(config_name);
    let rate = rate.parse().map_err(|e: String| Error::input(at(), e))?;
    match config.seeds.audit.as_deref() {
        Some(s) if !s.trim().is_empty() => Ok(Some((rate, s.to_string()))),
        _ => Err(Error::input(at(), msg!("run-no-audit-seed"))),
    }
}
