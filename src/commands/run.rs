//! `pingyi run`: the whole pipeline on a data folder described by its `pingyi.toml`,
//! every output under one folder that the run owns.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::frame::{Frame, FramePlan};
use crate::io::write::WriteOptions;

use super::audit::{
    SelectOptions, TallyOptions, TallyReport, check_selection_output, check_tally_output,
    compute_selection, compute_tally, render_selection, render_tally,
};
use super::counts::load_counts;
use super::draw::{
    ComputedDraw, DrawOptions, DrawReport, DrawRules, RosterInputs, check_draw_outputs, render_draw,
};
use super::frame::write_frame;
use super::outdir::OutDir;
use super::output::OutputOptions;
use crate::provenance::manifest::manifest_path;

pub use super::config::{LevelConfig, RunConfig, SeedConfig};

/// The name of the parameter file in a data folder.
pub const CONFIG_FILE: &str = "pingyi.toml";

/// What a run produced, for the summary.
#[derive(Debug)]
pub struct LevelResult {
    pub name: &'static str,
    pub title: String,
    pub frame: Frame,
    /// The draw, where the level has rosters.
    pub draw: Option<DrawReport>,
    /// The audit tally, where the level has a filled checklist.
    pub tally: Option<TallyReport>,
    /// The call-log check, where the level has a call log.
    pub calls: Option<super::calls::CallReport>,
    /// The scores and ranking, where the level has survey answers.
    pub score: Option<super::score::ScoreReport>,
    pub outputs: Vec<PathBuf>,
    /// Files of the output folder the run left alone, and why (on the first level).
    pub notes: Vec<String>,
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

/// The rosters a level names, as a draw reads them.
fn roster_inputs(level: &LevelConfig, data_dir: &Path) -> RosterInputs {
    RosterInputs {
        rosters: level.rosters.iter().map(|r| data_dir.join(r)).collect(),
        sheet: None,
        id_column: level.id_column.clone(),
        scan: Default::default(),
    }
}

/// The rules of a level's draw: the announced seed, and nothing allowed beyond it.
fn draw_rules(seed: String) -> DrawRules {
    DrawRules {
        seed,
        take_all_short: false,
        allow_count_mismatch: false,
    }
}

/// The configured audit seed.
fn audit_seed(config: &RunConfig, config_name: &str) -> Result<String> {
    match config.seeds.audit.as_deref() {
        Some(s) if !s.trim().is_empty() => Ok(s.to_string()),
        _ => Err(Error::input(
            Location::file(config_name),
            "a level names audit_rate but [seeds] has no audit seed; add audit = \"…\"",
        )),
    }
}

/// Selects the audit subset of a level's sample and tallies its filled checklist.
fn run_audit(
    level: &LevelConfig,
    dir: &Path,
    data_dir: &Path,
    seed: String,
    config_name: &str,
    written: &mut BTreeSet<PathBuf>,
    outputs: &mut Vec<PathBuf>,
) -> Result<Option<TallyReport>> {
    let Some(rate) = &level.audit_rate else {
        return Ok(None);
    };
    let rate = rate
        .parse()
        .map_err(|e: String| Error::input(Location::file(config_name), e))?;
    let select = SelectOptions {
        sample: dir.join("sample.csv"),
        seed,
        rate,
        id_column: level.id_column.clone(),
        sheet: None,
    };
    // Selected once; rendered to each format.
    let paths = [
        dir.join("audit_checklist.csv"),
        dir.join("audit_checklist.xlsx"),
    ];
    for path in &paths {
        check_selection_output(&select, &forced(path))?;
    }
    let selection = compute_selection(&select)?;
    for path in paths {
        render_selection(&selection, &select, &forced(&path))?;
        written.extend([path.clone(), manifest_path(&path)]);
        outputs.push(path);
    }
    let Some(results) = &level.audit_results else {
        return Ok(None);
    };
    let tally = TallyOptions {
        checklist: data_dir.join(results),
        manifest: Some(manifest_path(&dir.join("audit_checklist.xlsx"))),
        sheet: None,
        partial: false,
        rules: Default::default(),
    };
    // Tallied once; rendered to each format.
    let paths = [dir.join("audit_tally.csv"), dir.join("audit_tally.xlsx")];
    for path in &paths {
        check_tally_output(&tally, &forced(path))?;
    }
    let computed = compute_tally(&tally)?;
    for path in paths {
        render_tally(&computed, &tally, &forced(&path))?;
        written.extend([path.clone(), manifest_path(&path)]);
        outputs.push(path);
    }
    Ok(Some(TallyReport {
        units: computed.units,
    }))
}

fn forced(path: &Path) -> OutputOptions {
    OutputOptions {
        path: path.to_path_buf(),
        force: true,
        write: WriteOptions::default(),
    }
}

/// Draws in memory from a frame not yet written, so a bad roster stops the run before
/// any output; the draw is kept and rendered once the frame is written.
fn check_draw(
    frame: &Frame,
    level: &LevelConfig,
    data_dir: &Path,
    seed: &str,
) -> Result<ComputedDraw> {
    let rules = draw_rules(seed.to_string());
    crate::commands::draw::compute_in_memory(&frame.rows, &roster_inputs(level, data_dir), &rules)
}

/// Runs every level of `data_dir`'s configuration into `out_dir`.
pub fn run_pipeline(data_dir: &Path, out_dir: &Path, force: bool) -> Result<Vec<LevelResult>> {
    let config_path = data_dir.join(CONFIG_FILE);
    let text = crate::io::files::read_regular_text(&config_path)?;
    let config_name = config_path.display().to_string();
    let config = RunConfig::parse(&text, &config_name)?;
    if config.levels().is_empty() {
        return Err(Error::input(
            Location::file(&config_name),
            "names no level; add a [city] or [county] table",
        ));
    }
    let out = OutDir::claim(out_dir, force)?;
    let mut inputs = vec![config_path.clone()];
    for (_, level) in config.levels() {
        inputs.extend(super::outdir::level_inputs(level, data_dir));
    }
    out.refuse_inputs_inside(&inputs)?;
    // Read and check every level before writing anything: bad input leaves no output.
    let mut prepared = Vec::new();
    for (name, level) in config.levels() {
        let plan = level.plan(&config_name)?;
        let counts = load_counts(&data_dir.join(&level.counts), level.sheet.as_deref())?;
        let frame = crate::frame::build_frame(&counts.table, &plan)?;
        let mut computed = None;
        if !level.rosters.is_empty() {
            let seed = draw_seed(&config, &config_name)?;
            computed = Some(check_draw(&frame, level, data_dir, &seed)?);
            if level.audit_rate.is_some() {
                audit_seed(&config, &config_name)?;
            }
        }
        prepared.push((name, level, plan, counts, computed));
    }
    // Everything is written into a staging folder beside `out_dir` (the same depth, so
    // the manifests' relative paths are the final ones), which then replaces `out_dir`
    // as a whole: a failure at any stage, or a kill at any moment, leaves no mix.
    let staging = out.staging()?;
    let staged = write_levels(&config, &config_name, prepared, data_dir, &staging);
    let (mut results, written) = match staged {
        Ok(r) => r,
        Err(e) => {
            out.discard();
            return Err(e);
        }
    };
    let notes = out.publish(&written)?;
    if let Some(first) = results.first_mut() {
        first.notes = notes;
    }
    let unstage = |p: &mut PathBuf| {
        if let Ok(rel) = p.strip_prefix(&staging) {
            *p = out_dir.join(rel);
        }
    };
    for r in &mut results {
        r.outputs.iter_mut().for_each(unstage);
        if let Some(d) = &mut r.draw {
            unstage(&mut d.quality_path);
        }
    }
    Ok(results)
}

type Prepared<'a> = Vec<(
    &'static str,
    &'a LevelConfig,
    FramePlan,
    super::counts::LoadedCounts,
    Option<ComputedDraw>,
)>;

/// Writes every level into `out_dir` (the staging folder); returns the results and the
/// files written, relative to `out_dir`.
fn write_levels(
    config: &RunConfig,
    config_name: &str,
    prepared: Prepared<'_>,
    data_dir: &Path,
    out_dir: &Path,
) -> Result<(Vec<LevelResult>, BTreeSet<PathBuf>)> {
    let (config, config_name) = (config.clone(), config_name.to_string());
    let mut results = Vec::new();
    let mut written = BTreeSet::new();
    for (name, level, plan, counts, computed) in prepared {
        let mut outputs = Vec::new();
        let mut frame = None;
        for file in ["frame.csv", "frame.xlsx"] {
            let path = out_dir.join(name).join(file);
            let opts = OutputOptions {
                path: path.clone(),
                force: true,
                write: WriteOptions::default(),
            };
            frame = Some(write_frame(&counts, &plan, &opts)?);
            written.insert(path.clone());
            written.insert(manifest_path(&path));
            outputs.push(path);
        }
        let mut drawn = None;
        if let Some(computed) = computed {
            let frame_path = out_dir.join(name).join("frame.csv");
            let opts = DrawOptions {
                frame: frame_path,
                inputs: roster_inputs(level, data_dir),
                rules: draw_rules(draw_seed(&config, &config_name)?),
                allow_edited_frame: false,
                commitment: None,
            };
            // Drawn once (in the check above); rendered to each format.
            let mut computed = computed.attach_frame(&opts)?;
            for (i, file) in ["sample.csv", "sample.xlsx"].into_iter().enumerate() {
                let path = out_dir.join(name).join(file);
                let out = OutputOptions {
                    path: path.clone(),
                    force: true,
                    write: WriteOptions::default(),
                };
                check_draw_outputs(&opts, &out)?;
                let draw = if i == 0 {
                    computed.draw.clone()
                } else {
                    computed.take_draw()
                };
                let report = render_draw(&computed, draw, &opts, &out)?;
                for p in [
                    path.clone(),
                    manifest_path(&path),
                    report.quality_path.clone(),
                ] {
                    written.insert(p);
                }
                outputs.push(path);
                drawn = Some(report);
            }
        }
        let tally = if drawn.is_some() && level.audit_rate.is_some() {
            let seed = audit_seed(&config, &config_name)?;
            let dir = out_dir.join(name);
            run_audit(
                level,
                &dir,
                data_dir,
                seed,
                &config_name,
                &mut written,
                &mut outputs,
            )?
        } else {
            None
        };
        let dir = out_dir.join(name);
        let calls = match (&level.call_log, drawn.is_some()) {
            (Some(log), true) => {
                let report = super::calls::check_calls(
                    &data_dir.join(log),
                    &dir.join("sample.csv"),
                    level.id_column.as_deref(),
                )?;
                if !report.breaches.is_empty() {
                    return Err(Error::Verification(format!(
                        "the call log {log} breaks the reserve rules:\n  {}",
                        report.breaches.join("\n  ")
                    )));
                }
                Some(report)
            }
            _ => None,
        };
        let score = match &level.responses {
            Some(responses) => {
                let scheme = level.scheme.clone().unwrap_or_else(|| "township".into());
                let scheme = if scheme == "county" || scheme == "township" {
                    scheme
                } else {
                    data_dir.join(scheme).display().to_string()
                };
                let opts = super::score::ScoreOptions {
                    responses: data_dir.join(responses),
                    // Every unit the answers name must be a unit of the level's frame.
                    units: Some(dir.join("frame.csv")),
                    scheme,
                    inspection: level.inspection.as_ref().map(|p| data_dir.join(p)),
                    findings: tally.iter().map(|_| dir.join("audit_tally.csv")).collect(),
                    disqualified: level.disqualified.as_ref().map(|p| data_dir.join(p)),
                    weighted_sample: None,
                };
                // Scored once; rendered to each format.
                let pairs = [
                    (dir.join("score.csv"), dir.join("score_units.csv")),
                    (dir.join("score.xlsx"), dir.join("score_units.xlsx")),
                ];
                for (path, facing) in &pairs {
                    super::score::check_score_outputs(&opts, &forced(path), Some(&forced(facing)))?;
                }
                let computed = super::score::compute(&opts)?;
                for (path, facing) in &pairs {
                    super::score::render_score(
                        &computed,
                        &opts,
                        &forced(path),
                        Some(&forced(facing)),
                    )?;
                    for p in [path, facing] {
                        written.extend([p.clone(), manifest_path(p)]);
                        outputs.push(p.clone());
                    }
                }
                Some(computed.report)
            }
            None => None,
        };
        results.push(LevelResult {
            name,
            title: level.title.clone(),
            frame: frame.ok_or_else(|| Error::Internal("no frame written".into()))?,
            draw: drawn,
            tally,
            calls,
            score,
            outputs,
            notes: Vec::new(),
        });
    }
    let written = written
        .into_iter()
        .filter_map(|p| p.strip_prefix(out_dir).ok().map(Path::to_path_buf))
        .collect();
    Ok((results, written))
}

/// The folder to name with `verify --root` so that the run's manifests, which name files
/// in `data` from inside `out`, can be checked: the nearest folder holding both, written
/// relative to the current folder where it lies inside it.
pub fn verify_root(data: &Path, out: &Path) -> PathBuf {
    let (Ok(data), Ok(out)) = (data.canonicalize(), out.canonicalize()) else {
        return PathBuf::from(".");
    };
    let mut root = PathBuf::new();
    for (a, b) in data.components().zip(out.components()) {
        if a != b {
            break;
        }
        root.push(a);
    }
    let here = std::env::current_dir().and_then(|d| d.canonicalize());
    match here
        .ok()
        .and_then(|h| root.strip_prefix(&h).ok().map(Path::to_path_buf))
    {
        Some(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Some(rel) => rel,
        None => root,
    }
}
