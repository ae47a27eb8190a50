//! `pingyi run`: the whole pipeline on a data folder described by its `pingyi.toml`,
//! every output under one folder that the run owns.

mod level;
mod summary;

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::frame::build_frame;
use crate::rate::Rate;

use super::Outcome;
use super::counts::load_counts;
use super::draw::compute_in_memory;
use super::outdir::{OutDir, level_inputs};
use level::{PreparedLevel, draw_rules, roster_inputs, write_levels};

pub use super::config::{LevelConfig, RunConfig, SeedConfig};
pub use level::LevelResult;
pub use summary::verify_root;

/// The name of the parameter file in a data folder.
pub const CONFIG_FILE: &str = "pingyi.toml";

/// A `pingyi run` request.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The data folder holding `pingyi.toml` and the tables it names.
    pub data: PathBuf,
    /// The output folder the run owns.
    pub out: PathBuf,
    /// Use `out` even if it holds files an earlier run did not write.
    pub force: bool,
}

/// `pingyi run`: every level run, and the summary and warnings of all of them.
pub fn run(opts: &RunOptions) -> Result<Outcome> {
    let results = run_pipeline(&opts.data, &opts.out, opts.force)?;
    Ok(Outcome {
        summary: summary::text(&results, &opts.data, &opts.out),
        warnings: summary::warnings(&results),
        failure: None,
    })
}

/// Runs every level of `data_dir`'s configuration into `out_dir`.
pub fn run_pipeline(data_dir: &Path, out_dir: &Path, force: bool) -> Result<Vec<LevelResult>> {
    let config_path = data_dir.join(CONFIG_FILE);
    let config_name = config_path.display().to_string();
    let config = read_config(&config_path, &config_name)?;
    let out = OutDir::claim(out_dir, force)?;
    let mut inputs = vec![config_path];
    for (_, level) in config.levels() {
        inputs.extend(level_inputs(level, data_dir));
    }
    out.refuse_inputs_inside(&inputs)?;
    // Read and check every level before writing anything: bad input leaves no output.
    let prepared = config
        .levels()
        .into_iter()
        .map(|(name, level)| prepare(&config, &config_name, name, level, data_dir))
        .collect::<Result<Vec<_>>>()?;
    // Everything is written into a staging folder beside `out_dir` (the same depth, so
    // the manifests' relative paths are the final ones), which then replaces `out_dir`
    // as a whole: a failure at any stage, or a kill at any moment, leaves no mix.
    let staging = out.staging()?;
    let (mut results, written) =
        write_levels(prepared, data_dir, &staging).inspect_err(|_| out.discard())?;
    let notes = out.publish(&written)?;
    if let Some(first) = results.first_mut() {
        first.notes = notes;
    }
    unstage(&mut results, &staging, out_dir);
    Ok(results)
}

/// Reads and checks `pingyi.toml`; a configuration without a level is refused.
fn read_config(path: &Path, name: &str) -> Result<RunConfig> {
    let text = crate::io::files::read_regular_text(path)?;
    let config = RunConfig::parse(&text, name)?;
    if config.levels().is_empty() {
        return Err(Error::input(
            Location::file(name),
            "names no level; add a [city] or [county] table",
        ));
    }
    Ok(config)
}

/// Reads a level's counts, builds its frame and draws in memory from the frame not yet
/// written, so a bad roster or a missing seed stops the run before any output.
fn prepare<'a>(
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
            "a level names rosters but [seeds] has no draw seed; add draw = \"…\" (the seed announced for the draw)",
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
        _ => Err(Error::input(
            at(),
            "a level names audit_rate but [seeds] has no audit seed; add audit = \"…\"",
        )),
    }
}

/// Names the outputs by their final place, once the staging folder has replaced `out`.
fn unstage(results: &mut [LevelResult], staging: &Path, out_dir: &Path) {
    let unstage = |p: &mut PathBuf| {
        if let Ok(rel) = p.strip_prefix(staging) {
            *p = out_dir.join(rel);
        }
    };
    for r in results {
        r.outputs.iter_mut().for_each(unstage);
        if let Some(d) = &mut r.draw {
            unstage(&mut d.quality_path);
        }
    }
}
