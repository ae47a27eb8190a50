//! `pingyi run`: the whole pipeline on a data folder described by its `pingyi.toml`,
//! every output under one folder that the run owns.

mod level;
mod prepare;
mod summary;

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::i18n::msg;

use super::Outcome;
use super::outdir::{OutDir, level_inputs};
use level::write_levels;
use prepare::prepare;

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
    let (mut results, mut written) =
        write_levels(prepared, data_dir, &staging).inspect_err(|_| out.discard())?;
    let root = verify_root(data_dir, &staging);
    super::report::write_run_report(&staging, root, &mut written).inspect_err(|_| out.discard())?;
    let notes = out.publish(&written)?;
    if let Some(first) = results.first_mut() {
        first.notes = notes;
    }
    unstage(&mut results, &staging, out_dir);
    Ok(results)
}

/// Reads and checks `pingyi.toml`, taking its `lang` (after `--lang` and `PINGYI_LANG`);
/// a configuration without a level is refused.
fn read_config(path: &Path, name: &str) -> Result<RunConfig> {
    let text = crate::io::files::read_regular_text(path)?;
    if let Some(lang) = super::config::configured_language(&text) {
        crate::i18n::prefer_language(lang);
    }
    let config = RunConfig::parse(&text, name)?;
    // `[mask]` applies unless the --mask-… flags chose a policy (it was checked above).
    if let Ok(policy) = config.mask.policy() {
        crate::privacy::prefer_policy(policy);
    }
    if config.levels().is_empty() {
        return Err(Error::input(Location::file(name), msg!("run-no-level")));
    }
    Ok(config)
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
