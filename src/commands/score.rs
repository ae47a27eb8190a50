//! `pingyi score`: survey answers, inspection scores, false-recipient findings and
//! disqualifications in; each unit's score, the ranking and its flags out.

use std::path::{Path, PathBuf};

use super::Outcome;
use super::calls::Disposition;
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, stage_with_manifest,
    with_manifest,
};
use crate::draw::roster::RosterReader;
use crate::error::{Error, Result};
use crate::io::alias::Input;
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::read_grid_path;
use crate::io::stream::open_rows;
use crate::provenance::manifest::{FileFacts, ManifestBuilder};
use crate::provenance::params::{Parameters, ScoreParameters};
use crate::score::{Contact, KnownUnits, Reading, Scheme, ScoreTables, UnitTable, evaluate};

pub use crate::score::{ScoreReport, score_digest, score_table};

/// What `pingyi score` is asked to do.
#[derive(Debug, Clone)]
pub struct ScoreOptions {
    pub responses: PathBuf,
    /// The evaluated units: the frame, the sample or the count table (any table with a
    /// unit column). Without it, the units of the weighted sample, else those of the
    /// inspection table; a score with none of these is refused.
    pub units: Option<PathBuf>,
    pub scheme: String,
    pub inspection: Option<PathBuf>,
    pub findings: Vec<PathBuf>,
    pub disqualified: Option<PathBuf>,
    /// The draw's sample, for design-weighted means (`--weighted`).
    pub weighted_sample: Option<PathBuf>,
}

impl ScoreOptions {
    /// The scheme's file, when it is not one of the plan's two.
    fn scheme_file(&self) -> Option<&Path> {
        (!matches!(self.scheme.as_str(), "county" | "township")).then(|| Path::new(&self.scheme))
    }
}

/// `pingyi score`: scores, writes the table (and the unit-facing one) with manifests,
/// and summarises the ranking; the notes are its warnings.
pub fn run(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<Outcome> {
    let report = write_score(opts, out, unit_facing)?;
    let summary = crate::report::score_summary(&report.units);
    Ok(Outcome {
        summary: format!("{summary}\nwrote {}\n", out.path.display()),
        warnings: report.notes,
        failure: None,
    })
}

/// Scores and writes the table (and the unit-facing one) with manifests.
pub fn write_score(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<ScoreReport> {
    check_score_outputs(opts, out, unit_facing)?;
    let computed = compute(opts)?;
    render_score(&computed, opts, out, unit_facing)?;
    Ok(computed.report)
}

/// One input as a manifest records it.
struct Recorded {
    role: &'static str,
    path: PathBuf,
    sheet: Option<String>,
    format: String,
    digest: FileDigest,
    content: ContentDigest,
}

/// Scores and ranks computed once, with what their manifests record of the inputs,
/// ready to be rendered to any number of outputs without scoring again.
pub struct ComputedScore {
    pub report: ScoreReport,
    scheme_name: String,
    inputs: Vec<Recorded>,
}

/// Reads the answers and scores them, writing nothing.
pub fn compute(opts: &ScoreOptions) -> Result<ComputedScore> {
    if opts.units.is_none() && opts.weighted_sample.is_none() && opts.inspection.is_none() {
        return Err(Error::Usage(
            "score needs the list of evaluated units, to check every unit the answers name: \
             give --units with the frame, the sample or the count table (or --inspection, \
             whose units are then taken as the list)"
                .into(),
        ));
    }
    let scheme = Scheme::load(&opts.scheme)?;
    let (tables, known, mut inputs) = load(opts)?;
    let sample = opts
        .weighted_sample
        .as_deref()
        .map(open_sample)
        .transpose()?;
    let reading = Reading {
        scheme: &scheme,
        known: &known,
        contact,
    };
    let report = evaluate(&tables, reading, sample)?;
    inputs.splice(0..0, side_inputs(opts, &known)?);
    Ok(ComputedScore {
        report,
        scheme_name: scheme.name,
        inputs,
    })
}

/// Reads the input tables and the list of evaluated units; the tables as the manifest
/// records them (responses, inspection, findings, disqualified).
fn load(opts: &ScoreOptions) -> Result<(ScoreTables, KnownUnits, Vec<Recorded>)> {
    let read_all = |role, paths: &[PathBuf], kind| -> Result<Vec<(UnitTable, Recorded)>> {
        paths.iter().map(|p| read_table(role, p, kind)).collect()
    };
    let inspection = read_all("inspection", opts.inspection.as_slice(), Input::Inspection)?;
    let known = match (&opts.units, &opts.weighted_sample, inspection.first()) {
        (Some(path), _, _) | (None, Some(path), _) => KnownUnits::read(path)?,
        (None, None, Some((t, _))) => t.known_units()?,
        (None, None, None) => return Err(Error::Internal("no list of units".into())),
    };
    let responses = read_table("responses", &opts.responses, Input::Responses)?;
    let findings = read_all("findings", &opts.findings, Input::Findings)?;
    let disqualified = read_all(
        "disqualified",
        opts.disqualified.as_slice(),
        Input::Disqualified,
    )?;
    let (inspection, mut recorded): (Vec<_>, Vec<_>) = inspection.into_iter().unzip();
    let (findings, found): (Vec<_>, Vec<_>) = findings.into_iter().unzip();
    let (disqualified, disq): (Vec<_>, Vec<_>) = disqualified.into_iter().unzip();
    recorded.insert(0, responses.1);
    recorded.extend(found.into_iter().chain(disq));
    let tables = ScoreTables {
        responses: responses.0,
        inspection: inspection.into_iter().next(),
        findings,
        disqualified: disqualified.into_iter().next(),
    };
    Ok((tables, known, recorded))
}

/// Reads one input table of `kind`, with its digest and content for the manifest.
fn read_table(role: &'static str, path: &Path, kind: Input) -> Result<(UnitTable, Recorded)> {
    let (grid, bytes) = read_grid_path(path, None)?;
    let t = UnitTable::new(grid, kind)?;
    let (sheet, format) = (t.grid().origin.sheet.clone(), t.grid().format.describe());
    let digest = FileDigest::of(&bytes);
    let (path, content) = (path.to_path_buf(), t.content());
    Ok((
        t,
        Recorded {
            role,
            path,
            sheet,
            format,
            digest,
            content,
        },
    ))
}

/// The inputs recorded before the tables: a custom scheme, the list of units, the
/// weighted sample.
fn side_inputs(opts: &ScoreOptions, known: &KnownUnits) -> Result<Vec<Recorded>> {
    let no_content = || ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>());
    let units = opts
        .units
        .as_deref()
        .map(|p| (p, "units", units_digest(known)));
    let side = opts
        .scheme_file()
        .map(|p| (p, "scheme", no_content()))
        .into_iter()
        .chain(units);
    let sample = opts
        .weighted_sample
        .as_deref()
        .map(|p| (p, "sample", no_content()));
    side.chain(sample)
        .map(|(path, role, content)| {
            let format = if role == "scheme" {
                "TOML".into()
            } else {
                role.into()
            };
            let digest = FileDigest::of_file(path)?;
            Ok(Recorded {
                role,
                path: path.into(),
                sheet: None,
                format,
                digest,
                content,
            })
        })
        .collect()
}

/// A response row's disposition, read as the call log reads it.
fn contact(text: &str) -> Option<Contact> {
    Disposition::parse(text).map(|d| match d {
        Disposition::Reached => Contact::Reached,
        Disposition::NotRecipient => Contact::NotRecipient,
        _ => Contact::NotReached,
    })
}

/// Opens the draw's sample for the weighted means.
fn open_sample(path: &Path) -> Result<RosterReader> {
    RosterReader::open(open_rows(path, None)?, None)
}

/// The content of a list of units: the units, in any order.
fn units_digest(known: &KnownUnits) -> ContentDigest {
    ContentDigest::of(
        known
            .names()
            .map(|u| (u.to_string(), String::new(), Vec::new())),
    )
}

/// The content digest of an input of a score, as its manifest records it (`role` as
/// the manifest names it), so that a reordered input reads as the same content.
pub fn input_content(role: &str, path: &Path) -> Option<Result<ContentDigest>> {
    let kind = match role {
        "units" => return Some(KnownUnits::read(path).map(|k| units_digest(&k))),
        "responses" => Input::Responses,
        "inspection" => Input::Inspection,
        "findings" => Input::Findings,
        "disqualified" => Input::Disqualified,
        _ => return None,
    };
    Some(read_table("input", path, kind).map(|(_, r)| r.content))
}

/// Scores from the input files without writing anything.
pub fn score_in_memory(opts: &ScoreOptions) -> Result<ScoreReport> {
    compute(opts).map(|c| c.report)
}

/// Refuses, before any work, an output that is one of the inputs, or that exists
/// without `--force`.
pub fn check_score_outputs(
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<()> {
    let mut outputs = with_manifest(&out.path);
    if let Some(u) = unit_facing {
        outputs.extend(with_manifest(&u.path));
        if u.path == out.path {
            return Err(Error::Usage(format!(
                "--unit-facing {} is the --out file; give it another name",
                u.path.display()
            )));
        }
    }
    let mut inputs: Vec<&Path> = vec![&opts.responses];
    inputs.extend(opts.scheme_file());
    inputs.extend(opts.inspection.as_deref());
    inputs.extend(opts.findings.iter().map(PathBuf::as_path));
    inputs.extend(opts.disqualified.as_deref());
    inputs.extend(opts.weighted_sample.as_deref());
    refuse_overwriting_inputs(&outputs, &inputs)?;
    for o in std::iter::once(out).chain(unit_facing) {
        check_output(&o.path, o.force)?;
    }
    Ok(())
}

/// Writes computed scores to `out` (and the unit-facing table to `unit_facing`) with
/// their manifests, the outputs checked already ([`check_score_outputs`]).
pub fn render_score(
    computed: &ComputedScore,
    opts: &ScoreOptions,
    out: &OutputOptions,
    unit_facing: Option<&OutputOptions>,
) -> Result<()> {
    let units = &computed.report.units;
    // Both tables and their manifests appear as one set.
    let mut set = crate::io::fileset::FileSet::new();
    for (o, facing) in std::iter::once((out, false)).chain(unit_facing.map(|u| (u, true))) {
        let dir = manifest_dir(&o.path);
        let mut manifest = ManifestBuilder::new(Parameters::Score(ScoreParameters {
            scheme: opts.scheme.clone(),
            scheme_name: computed.scheme_name.clone(),
            unit_facing: facing,
            weighted: opts.weighted_sample.is_some(),
        }));
        for r in &computed.inputs {
            let (role, path, sheet) = (r.role, r.path.as_path(), r.sheet.clone());
            let (format, digest, content) = (r.format.clone(), r.digest.clone(), r.content.clone());
            let facts = FileFacts {
                role,
                path,
                sheet,
                format,
                digest,
                content,
            };
            manifest.input(facts, &dir);
        }
        let table = [score_table(units, facing)];
        stage_with_manifest(
            &mut set,
            &table,
            score_digest(units),
            "score",
            o,
            manifest,
            &dir,
        )?;
    }
    set.commit(out.force)
}
