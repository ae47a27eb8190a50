//! Writing one level of `pingyi run` into the staging folder, step by step: frames,
//! sample, audit checklist and tally, the call-log check, scores. Every stage is
//! computed once and rendered to each format.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::frame::{Frame, FramePlan};
use crate::io::write::WriteOptions;
use crate::provenance::manifest::manifest_path;
use crate::rate::Rate;

use super::super::audit::{
    SelectOptions, TallyOptions, TallyReport, check_selection_output, check_tally_output,
    compute_selection, compute_tally, render_selection, render_tally,
};
use super::super::calls::{CallReport, check_calls};
use super::super::config::LevelConfig;
use super::super::counts::LoadedCounts;
use super::super::draw::{
    ComputedDraw, DrawOptions, DrawReport, DrawRules, RosterInputs, check_draw_outputs, render_draw,
};
use super::super::frame::write_frame;
use super::super::output::OutputOptions;
use super::super::score::{ScoreOptions, ScoreReport, check_score_outputs, compute, render_score};

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
    pub calls: Option<CallReport>,
    /// The scores and ranking, where the level has survey answers.
    pub score: Option<ScoreReport>,
    pub outputs: Vec<PathBuf>,
    /// Files of the output folder the run left alone, and why (on the first level).
    pub notes: Vec<String>,
}

/// A level read and checked before anything is written.
pub struct PreparedLevel<'a> {
    pub name: &'static str,
    pub level: &'a LevelConfig,
    pub plan: FramePlan,
    pub counts: LoadedCounts,
    /// The draw made in memory and its seed; none when the level names no rosters.
    pub draw: Option<(ComputedDraw, String)>,
    /// The audit's rate and seed; none without a draw or an audit_rate.
    pub audit: Option<(Rate, String)>,
}

/// The rosters a level names, as a draw reads them.
pub fn roster_inputs(level: &LevelConfig, data_dir: &Path) -> RosterInputs {
    RosterInputs {
        rosters: level.rosters.iter().map(|r| data_dir.join(r)).collect(),
        sheet: None,
        id_column: level.id_column.clone(),
        scan: Default::default(),
    }
}

/// The rules of a level's draw: the announced seed, and nothing allowed beyond it.
pub fn draw_rules(seed: String) -> DrawRules {
    DrawRules {
        seed,
        take_all_short: false,
        allow_count_mismatch: false,
    }
}

/// A file of the run: replaced whenever the run writes, default format options.
fn forced(path: &Path) -> OutputOptions {
    OutputOptions {
        path: path.to_path_buf(),
        force: true,
        write: WriteOptions::default(),
    }
}

/// Writes every level into `out_dir` (the staging folder); returns the results and the
/// files written, relative to `out_dir`.
pub fn write_levels(
    prepared: Vec<PreparedLevel<'_>>,
    data_dir: &Path,
    out_dir: &Path,
) -> Result<(Vec<LevelResult>, BTreeSet<PathBuf>)> {
    let mut written = BTreeSet::new();
    let mut results = Vec::new();
    for level in prepared {
        let mut writer = LevelWriter {
            dir: out_dir.join(level.name),
            data_dir,
            level: level.level,
            written: &mut written,
            outputs: Vec::new(),
        };
        results.push(writer.write(level)?);
    }
    let written = written
        .into_iter()
        .filter_map(|p| p.strip_prefix(out_dir).ok().map(Path::to_path_buf))
        .collect();
    Ok((results, written))
}

/// One level's outputs being written into its folder of the staging folder.
struct LevelWriter<'a> {
    dir: PathBuf,
    data_dir: &'a Path,
    level: &'a LevelConfig,
    written: &'a mut BTreeSet<PathBuf>,
    outputs: Vec<PathBuf>,
}

impl LevelWriter<'_> {
    /// Every stage the level asks for, in pipeline order.
    fn write(&mut self, p: PreparedLevel<'_>) -> Result<LevelResult> {
        let frame = self.frames(&p.counts, &p.plan)?;
        let draw = match p.draw {
            Some((computed, seed)) => Some(self.sample(computed, seed)?),
            None => None,
        };
        let tally = match p.audit {
            Some((rate, seed)) => self.audit(rate, seed)?,
            None => None,
        };
        let calls = match (&self.level.call_log, &draw) {
            (Some(log), Some(_)) => Some(self.calls(log)?),
            _ => None,
        };
        let score = self.score(tally.is_some())?;
        Ok(LevelResult {
            name: p.name,
            title: self.level.title.clone(),
            frame,
            draw,
            tally,
            calls,
            score,
            outputs: std::mem::take(&mut self.outputs),
            notes: Vec::new(),
        })
    }

    /// Notes an output written with its manifest.
    fn record(&mut self, path: PathBuf) {
        self.written.extend([path.clone(), manifest_path(&path)]);
        self.outputs.push(path);
    }

    fn frames(&mut self, counts: &LoadedCounts, plan: &FramePlan) -> Result<Frame> {
        let mut frame = None;
        for file in ["frame.csv", "frame.xlsx"] {
            let path = self.dir.join(file);
            frame = Some(write_frame(counts, plan, &forced(&path))?);
            self.record(path);
        }
        frame.ok_or_else(|| Error::Internal("no frame written".into()))
    }

    /// Renders the draw made before anything was written, now against the written frame.
    fn sample(&mut self, computed: ComputedDraw, seed: String) -> Result<DrawReport> {
        let opts = DrawOptions {
            frame: self.dir.join("frame.csv"),
            inputs: roster_inputs(self.level, self.data_dir),
            rules: draw_rules(seed),
            allow_edited_frame: false,
            commitment: None,
        };
        let mut computed = computed.attach_frame(&opts)?;
        let mut drawn = None;
        for (i, file) in ["sample.csv", "sample.xlsx"].into_iter().enumerate() {
            let out = forced(&self.dir.join(file));
            check_draw_outputs(&opts, &out)?;
            let draw = if i == 0 {
                computed.draw.clone()
            } else {
                computed.take_draw()
            };
            let report = render_draw(&computed, draw, &opts, &out)?;
            self.written.insert(report.quality_path.clone());
            self.record(out.path);
            drawn = Some(report);
        }
        drawn.ok_or_else(|| Error::Internal("no sample written".into()))
    }

    /// Selects the audit subset of the sample and tallies the filled checklist.
    fn audit(&mut self, rate: Rate, seed: String) -> Result<Option<TallyReport>> {
        let select = SelectOptions {
            sample: self.dir.join("sample.csv"),
            seed,
            rate,
            id_column: self.level.id_column.clone(),
            sheet: None,
        };
        self.once_in_each_format(
            ["audit_checklist.csv", "audit_checklist.xlsx"],
            |out| check_selection_output(&select, out),
            || compute_selection(&select),
            |selection, out| render_selection(selection, &select, out),
        )?;
        match &self.level.audit_results {
            Some(results) => self.tally(results).map(Some),
            None => Ok(None),
        }
    }

    fn tally(&mut self, results: &str) -> Result<TallyReport> {
        let tally = TallyOptions {
            checklists: vec![self.data_dir.join(results)],
            manifest: Some(manifest_path(&self.dir.join("audit_checklist.xlsx"))),
            sheet: None,
            partial: false,
            rules: Default::default(),
        };
        let computed = self.once_in_each_format(
            ["audit_tally.csv", "audit_tally.xlsx"],
            |out| check_tally_output(&tally, out),
            || compute_tally(&tally),
            |computed, out| render_tally(computed, &tally, out),
        )?;
        Ok(TallyReport {
            units: computed.units,
            pending: computed.pending,
        })
    }

    /// Checks that every format's output may be written, computes once, then renders
    /// to each format and records the file.
    fn once_in_each_format<T>(
        &mut self,
        files: [&str; 2],
        check: impl Fn(&OutputOptions) -> Result<()>,
        compute: impl FnOnce() -> Result<T>,
        render: impl Fn(&T, &OutputOptions) -> Result<()>,
    ) -> Result<T> {
        let paths = self.paths(files);
        for path in &paths {
            check(&forced(path))?;
        }
        let computed = compute()?;
        for path in paths {
            render(&computed, &forced(&path))?;
            self.record(path);
        }
        Ok(computed)
    }

    fn paths<const N: usize>(&self, files: [&str; N]) -> [PathBuf; N] {
        files.map(|f| self.dir.join(f))
    }

    /// Checks the call log against the sample; a breach of the reserve rules stops the run.
    fn calls(&self, log: &str) -> Result<CallReport> {
        let report = check_calls(
            &self.data_dir.join(log),
            &self.dir.join("sample.csv"),
            self.level.id_column.as_deref(),
        )?;
        if !report.breaches.is_empty() {
            let breaches = report.breaches.join("\n  ");
            let text = crate::i18n::msg!("clerk-run-calls-breached", log, breaches).render();
            return Err(Error::Verification(text));
        }
        Ok(report)
    }

    /// Scores the survey answers, with the tally's findings where the level has them.
    fn score(&mut self, tallied: bool) -> Result<Option<ScoreReport>> {
        let Some(opts) = self.score_options(tallied) else {
            return Ok(None);
        };
        let pairs = [
            self.paths(["score.csv", "score_units.csv"]),
            self.paths(["score.xlsx", "score_units.xlsx"]),
        ];
        for [path, facing] in &pairs {
            check_score_outputs(&opts, &forced(path), Some(&forced(facing)))?;
        }
        let computed = compute(&opts)?;
        for [path, facing] in pairs {
            render_score(&computed, &opts, &forced(&path), Some(&forced(&facing)))?;
            self.record(path);
            self.record(facing);
        }
        Ok(Some(computed.report))
    }

    fn score_options(&self, tallied: bool) -> Option<ScoreOptions> {
        let level = self.level;
        let responses = level.responses.as_ref()?;
        let scheme = level.scheme.clone().unwrap_or_else(|| "township".into());
        let scheme = if scheme == "county" || scheme == "township" {
            scheme
        } else {
            self.data_dir.join(scheme).display().to_string()
        };
        let data = |p: &String| self.data_dir.join(p);
        Some(ScoreOptions {
            responses: data(responses),
            // Every unit the answers name must be a unit of the level's frame.
            units: Some(self.dir.join("frame.csv")),
            scheme,
            inspection: level.inspection.as_ref().map(data),
            findings: tallied
                .then(|| self.dir.join("audit_tally.csv"))
                .into_iter()
                .collect(),
            disqualified: level.disqualified.as_ref().map(data),
            weighted_sample: None,
            policy: Default::default(),
        })
    }
}
