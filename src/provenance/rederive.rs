//! Re-derivation: rebuilds a stage's plan from a manifest's typed parameters, runs the
//! stage again on the inputs as they are now, and takes the content digests to compare.
//!
//! The frame, synth and count stages are called here directly. The draw, the audit and
//! the score read their inputs through loaders of the command layer (a frame refused
//! when edited by hand, a selection found through its manifest, a scheme file), and the
//! audit stage itself reads selection manifests (it sits beside provenance, not below
//! it); those runs are asked of a [`StageRuns`] that the command layer fills, so this
//! module knows the plans, and the command layer keeps its loaders in one place.

use std::path::{Path, PathBuf};

use crate::draw::Draw;
use crate::error::{Error, Result};
use crate::frame::read::read_frame;
use crate::frame::{Frame, build_frame};
use crate::i18n::Lang;
use crate::i18n::{Message, msg};
use crate::io::counts::{CountTable, parse_counts};
use crate::io::digest::ContentDigest;
use crate::io::read_grid_path;
use crate::io::write::OutputFormat;
use crate::rate::Rate;

use super::confine::Place;
use super::manifest::{FileRecord, Manifest};
use super::params::{
    DrawParameters, FrameParameters, Parameters, SelectParameters, SynthParameters, TallyParameters,
};
use super::plans::plan_from_parameters;
use super::quality::{QualityAgain, quality_again};

/// A draw to run again: the frame file, the rosters and the recorded rules.
#[derive(Debug, Clone)]
pub struct DrawSpec {
    pub frame: PathBuf,
    /// Whether a frame edited by hand (its content unlike its manifest's) is read.
    pub allow_edited_frame: bool,
    pub rosters: Vec<PathBuf>,
    pub sheet: Option<String>,
    pub id_column: Option<String>,
    pub seed: String,
    pub take_all_short: bool,
    pub allow_count_mismatch: bool,
}

/// An audit selection to run again from a sample.
#[derive(Debug, Clone)]
pub struct SelectSpec {
    pub sample: PathBuf,
    pub sheet: Option<String>,
    pub seed: String,
    pub rate: Rate,
    pub id_column: Option<String>,
    /// Whether the checklist's digest is keyed (selections of earlier versions are not).
    pub keyed: bool,
}

/// An audit selection made again: its checklist's digest and the sample's content.
#[derive(Debug, Clone)]
pub struct Selected {
    pub checklist: ContentDigest,
    pub content: ContentDigest,
}

/// A tally to run again: the filled checklists, the selection's manifest and the rules.
#[derive(Debug, Clone)]
pub struct TallySpec {
    pub checklists: Vec<PathBuf>,
    pub selection: PathBuf,
    pub sheet: Option<String>,
    pub partial: bool,
    /// The recorded rules (their own `partial` is not read: see `partial`).
    pub rules: TallyParameters,
}

/// A tally made again: the digests of the tally and of each checklist's findings (by
/// the checklist's path), as this version records them, and of all findings as
/// earlier versions did (per unit).
#[derive(Debug, Clone)]
pub struct Tallied {
    pub tally: ContentDigest,
    pub findings: Vec<(PathBuf, ContentDigest)>,
    pub findings_v1: ContentDigest,
}

/// A score's plan: its input files, scheme and policy, from the command line
/// (`commands::score::ScoreOptions`) or from a manifest to run again.
#[derive(Debug, Clone)]
pub struct ScoreSpec {
    pub responses: PathBuf,
    /// The evaluated units: the frame, the sample or the count table (any table with a
    /// unit column). Without it, the units of the weighted sample, else those of the
    /// inspection table; a score with none of these is refused.
    pub units: Option<PathBuf>,
    /// A built-in scheme's name, or the path of a scheme file.
    pub scheme: String,
    pub inspection: Option<PathBuf>,
    pub findings: Vec<PathBuf>,
    pub disqualified: Option<PathBuf>,
    /// The draw's sample, for design-weighted means (`--weighted`).
    pub weighted_sample: Option<PathBuf>,
    /// A unit without an inspection score, a unit with few respondents (older
    /// manifests: a missing score counted 0, at least 5 respondents).
    pub policy: crate::score::ScorePolicy,
}

/// A stage's main output to write again in memory, to name the cells of the file that
/// a hand edit changed.
#[derive(Debug, Clone)]
pub enum Rewrite {
    /// A frame is derived here, from its count table and plan.
    Frame(Box<Frame>),
    Sample(DrawSpec),
    Checklist(SelectSpec),
    Tally(TallySpec),
    Score {
        spec: ScoreSpec,
        unit_facing: bool,
    },
}

impl Rewrite {
    /// The role of the output written again.
    pub fn role(&self) -> &'static str {
        match self {
            Rewrite::Frame(_) => "frame",
            Rewrite::Sample(_) => "sample",
            Rewrite::Checklist(_) => "checklist",
            Rewrite::Tally(_) => "tally",
            Rewrite::Score { .. } => "score",
        }
    }
}

/// The stage runs that read their inputs through the command layer's loaders.
pub trait StageRuns {
    /// Draws again.
    fn draw(&self, spec: &DrawSpec) -> Result<Draw>;
    /// The content digests of the rosters a draw reads, in order.
    fn roster_contents(&self, spec: &DrawSpec) -> Result<Vec<ContentDigest>>;
    /// Selects the audit subset again.
    fn select(&self, spec: &SelectSpec) -> Result<Selected>;
    /// Tallies the checklist again.
    fn tally(&self, spec: &TallySpec) -> Result<Tallied>;
    /// Scores again; the content digest of the scores.
    fn score(&self, spec: &ScoreSpec) -> Result<ContentDigest>;
    /// The content digest of a score input as it is now, `keyed` as the recorded one
    /// is (`None`: checked by bytes).
    fn score_input(&self, role: &str, path: &Path, keyed: bool) -> Option<Result<ContentDigest>>;
    /// The bytes of a main output written again in `format`, once per language of
    /// `langs` (for formats whose headers are in either language).
    fn rewrite(&self, what: &Rewrite, format: OutputFormat, langs: &[Lang])
    -> Result<Vec<Vec<u8>>>;
}

/// The main output of `m` to write again, with its files found in `dir`; `None` for a
/// stage whose output is not written again (counts, synth).
pub fn rewrite_of(m: &Manifest, dir: &Place) -> Result<Option<Rewrite>> {
    Ok(Some(match &m.parameters {
        Parameters::Frame(p) => Rewrite::Frame(Box::new(frame_again(m, dir, p)?)),
        Parameters::Draw(_) => Rewrite::Sample(draw_spec(m, dir)?),
        Parameters::AuditSelect(p) => Rewrite::Checklist(select_spec(m, dir, p)?),
        Parameters::AuditTally(p) => Rewrite::Tally(TallySpec {
            partial: p.partial,
            ..tally_spec(m, dir)?
        }),
        Parameters::Score(p) => Rewrite::Score {
            spec: score_spec(m, dir)?,
            unit_facing: p.unit_facing,
        },
        _ => return Ok(None),
    }))
}

/// The first file of `m` (inputs, then outputs) with `role`.
pub fn role<'a>(m: &'a Manifest, role: &str) -> Option<&'a FileRecord> {
    m.inputs.iter().chain(&m.outputs).find(|f| f.role == role)
}

/// A verification failure told in the language of messages.
pub(crate) fn unverified(message: Message) -> Error {
    Error::Verification(message.render())
}

/// The failure of a manifest that lacks the parameters of its own stage.
fn no_parameters(m: &Manifest) -> Error {
    unverified(msg!("verify-no-parameters", command = m.command()))
}

fn need<'a>(m: &'a Manifest, name: &str) -> Result<&'a FileRecord> {
    role(m, name).ok_or_else(|| {
        let role = msg!("verify-role", role = name);
        unverified(msg!("verify-no-role-file", role => role))
    })
}

/// Reads a count table as a manifest names it.
fn counts_at(m: &Manifest, dir: &Place) -> Result<CountTable> {
    let input = need(m, "counts")?;
    let (grid, _) = read_grid_path(&dir.join(&input.path), input.sheet.as_deref())?;
    parse_counts(&grid)
}

/// An output derived again: the role of the main output and its content digest, and
/// for a draw its data-quality report built again.
#[derive(Debug, Clone)]
pub struct Rederived {
    pub main: String,
    pub digest: ContentDigest,
    pub quality: Option<QualityAgain>,
}

/// Re-derives the main output's content from the inputs as they are now (for a draw,
/// also its data-quality report, masked under the recorded policy).
pub fn recompute(m: &Manifest, dir: &Place, stages: &dyn StageRuns) -> Result<Rederived> {
    let (main, digest) = match &m.parameters {
        Parameters::Counts(_) => ("counts", counts_at(m, dir)?.content_digest()),
        Parameters::Synth(p) => ("roster", synth_again(m, dir, p)?),
        Parameters::Frame(p) => ("frame", frame_again(m, dir, p)?.content_digest()),
        Parameters::Draw(_) => return draw_again(m, dir, stages),
        Parameters::AuditSelect(p) => ("checklist", select_again(m, dir, p, stages)?),
        Parameters::AuditTally(p) => {
            let spec = TallySpec {
                partial: p.partial,
                ..tally_spec(m, dir)?
            };
            ("tally", stages.tally(&spec)?.tally)
        }
        Parameters::Score(_) => ("score", stages.score(&score_spec(m, dir)?)?),
    };
    Ok(Rederived {
        main: main.to_string(),
        digest,
        quality: None,
    })
}

/// The draw a manifest records, made again, with its data-quality report.
fn draw_again(m: &Manifest, dir: &Place, stages: &dyn StageRuns) -> Result<Rederived> {
    let mut draw = stages.draw(&draw_spec(m, dir)?)?;
    Ok(Rederived {
        main: "sample".into(),
        digest: draw.content_digest(),
        quality: Some(quality_again(m, dir, &mut draw)),
    })
}

/// The frame a manifest records, built again from its count table as it is now.
pub fn frame_again(m: &Manifest, dir: &Place, p: &FrameParameters) -> Result<Frame> {
    let counts = counts_at(m, dir)?;
    let plan = plan_from_parameters(p)?;
    build_frame(&counts, &plan)
}

fn synth_again(m: &Manifest, dir: &Place, p: &SynthParameters) -> Result<ContentDigest> {
    let counts = counts_at(m, dir)?;
    let n = usize::try_from(p.plant_invalid_id_numbers)
        .map_err(|_| unverified(msg!("verify-planted-too-many")))?;
    let plant = crate::synth::Planted {
        invalid_id_numbers: n,
        shared_phone: if n > 0 { 3 } else { 0 },
        repeated_id_number: n > 0,
    };
    let table = crate::synth::synth_roster(&counts, &p.seed, plant);
    Ok(crate::synth::roster_digest(&table))
}

fn select_again(
    m: &Manifest,
    dir: &Place,
    p: &SelectParameters,
    stages: &dyn StageRuns,
) -> Result<ContentDigest> {
    Ok(stages.select(&select_spec(m, dir, p)?)?.checklist)
}

/// The audit selection a manifest records, its sample found in `dir`.
fn select_spec(m: &Manifest, dir: &Place, p: &SelectParameters) -> Result<SelectSpec> {
    let sample = need(m, "sample")?;
    let rate = p
        .rate
        .parse()
        .map_err(|_| unverified(msg!("verify-bad-rate", rate = p.rate)))?;
    let keyed = m.selection.as_ref().is_none_or(|s| s.keyed() == Some(true));
    Ok(SelectSpec {
        sample: dir.join(&sample.path),
        seed: p.seed.clone(),
        rate,
        id_column: p.id_column.clone(),
        sheet: sample.sheet.clone(),
        keyed,
    })
}

/// The draw's recorded parameters.
pub fn draw_parameters(m: &Manifest) -> Result<&DrawParameters> {
    match &m.parameters {
        Parameters::Draw(p) => Ok(p),
        _ => Err(no_parameters(m)),
    }
}

/// The draw a manifest records, its files found in `dir`.
pub fn draw_spec(m: &Manifest, dir: &Place) -> Result<DrawSpec> {
    let p = draw_parameters(m)?;
    let frame = need(m, "frame")?;
    let rosters: Vec<&FileRecord> = m.inputs.iter().filter(|f| f.role == "roster").collect();
    Ok(DrawSpec {
        frame: dir.join(&frame.path),
        allow_edited_frame: true,
        rosters: rosters.iter().map(|r| dir.join(&r.path)).collect(),
        sheet: rosters.first().and_then(|r| r.sheet.clone()),
        id_column: p.id_column.clone(),
        seed: p.seed.clone(),
        take_all_short: p.take_all_short,
        allow_count_mismatch: p.allow_count_mismatch,
    })
}

/// The tally a manifest records (read as partial: the caller sets what it needs).
fn tally_spec(m: &Manifest, dir: &Place) -> Result<TallySpec> {
    let Parameters::AuditTally(p) = &m.parameters else {
        return Err(no_parameters(m));
    };
    let checklist = need(m, "checklist")?;
    let checklists = m.inputs.iter().filter(|f| f.role == "checklist");
    Ok(TallySpec {
        checklists: checklists.map(|f| dir.join(&f.path)).collect(),
        selection: dir.join(&need(m, "selection")?.path),
        sheet: checklist.sheet.clone(),
        partial: true,
        rules: p.clone(),
    })
}

/// The score a manifest records; a custom scheme is an input file beside it.
fn score_spec(m: &Manifest, dir: &Place) -> Result<ScoreSpec> {
    let Parameters::Score(p) = &m.parameters else {
        return Err(no_parameters(m));
    };
    let files = |r: &str| -> Vec<PathBuf> {
        m.inputs
            .iter()
            .filter(|f| f.role == r)
            .map(|f| dir.join(&f.path))
            .collect()
    };
    let first = |r: &str| files(r).into_iter().next();
    Ok(ScoreSpec {
        responses: dir.join(&need(m, "responses")?.path),
        units: first("units"),
        scheme: first("scheme")
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| p.scheme.clone()),
        inspection: first("inspection"),
        findings: files("findings"),
        disqualified: first("disqualified"),
        weighted_sample: first("sample"),
        policy: crate::score::ScorePolicy {
            missing_inspection: p
                .missing_inspection
                .unwrap_or_else(crate::score::MissingInspection::legacy),
            min_respondents: p
                .min_respondents
                .unwrap_or(crate::score::policy::MIN_RESPONDENTS),
        },
    })
}

/// The current content digests of a manifest's inputs, taken only when asked for (an
/// input whose bytes did not change is never read again).
pub struct InputContents<'a> {
    m: &'a Manifest,
    dir: &'a Place,
    stages: &'a dyn StageRuns,
    rosters: Option<std::result::Result<Vec<ContentDigest>, String>>,
}

impl<'a> InputContents<'a> {
    pub fn new(m: &'a Manifest, dir: &'a Place, stages: &'a dyn StageRuns) -> InputContents<'a> {
        InputContents {
            m,
            dir,
            stages,
            rosters: None,
        }
    }

    /// The content digest of input `i` as it is now, or `None` for a file checked by
    /// bytes only.
    pub fn of(&mut self, i: usize) -> Option<Result<ContentDigest>> {
        let f = self.m.inputs.get(i)?;
        let path = self.dir.join(&f.path);
        match f.role.as_str() {
            "counts" => Some(counts_at(self.m, self.dir).map(|t| t.content_digest())),
            "frame" => Some(
                read_grid_path(&path, f.sheet.as_deref())
                    .and_then(|(g, _)| read_frame(&g))
                    .map(|rows| crate::frame::rows_digest(&rows)),
            ),
            "roster" => Some(self.roster(i)),
            "sample" if matches!(self.m.parameters, Parameters::AuditSelect(_)) => {
                Some(self.selected_from(f, path))
            }
            role if self.m.command() == "score" => {
                self.stages.score_input(role, &path, f.content.keyed)
            }
            "checklist" => Some(self.findings(f)),
            _ => None,
        }
    }

    /// The `i`th input's roster digest: all the draw's rosters are read at once.
    fn roster(&mut self, i: usize) -> Result<ContentDigest> {
        let (m, dir, stages) = (self.m, self.dir, self.stages);
        let all = self.rosters.get_or_insert_with(|| {
            draw_spec(m, dir)
                .and_then(|spec| stages.roster_contents(&spec))
                .map_err(|e| e.to_string())
        });
        let n = m.inputs[..i].iter().filter(|f| f.role == "roster").count();
        match all {
            Ok(v) => v
                .get(n)
                .cloned()
                .ok_or_else(|| unverified(msg!("verify-roster-count"))),
            Err(e) => Err(Error::Verification(e.clone())),
        }
    }

    /// An audit selection's sample, read with the id column it was read with.
    fn selected_from(&self, f: &FileRecord, sample: PathBuf) -> Result<ContentDigest> {
        let Parameters::AuditSelect(p) = &self.m.parameters else {
            return Err(no_parameters(self.m));
        };
        let spec = SelectSpec {
            sample,
            seed: "content".into(),
            rate: "1".parse().map_err(Error::Verification)?,
            id_column: p.id_column.clone(),
            sheet: f.sheet.clone(),
            keyed: true,
        };
        self.stages.select(&spec).map(|c| c.content)
    }

    /// A filled checklist's findings, digested as the manifest recorded them.
    fn findings(&self, f: &FileRecord) -> Result<ContentDigest> {
        let c = self.stages.tally(&tally_spec(self.m, self.dir)?)?;
        // Earlier versions recorded results per unit, without audit numbers (strata
        // with an empty category).
        let v1 = f.content.strata.values().any(|c| c.contains_key(""));
        if v1 {
            return Ok(c.findings_v1);
        }
        let path = self.dir.join(&f.path);
        c.findings
            .into_iter()
            .find_map(|(p, d)| (p == path).then_some(d))
            .ok_or_else(|| unverified(msg!("clerk-verify-checklist-not-read")))
    }
}
