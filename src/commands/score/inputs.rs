//! The inputs of `pingyi score`: what it is asked to score, the files read into the
//! tables the score stage takes, and what a manifest records of each input.

use std::path::{Path, PathBuf};

use crate::commands::calls::Disposition;
use crate::draw::roster::RosterReader;
use crate::error::{Error, Result};
use crate::io::alias::{Field, Input};
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::grid::{Grid, SourceFormat, fitting_sheet};
use crate::io::read_grid_path;
use crate::io::stream::open_rows;
use crate::provenance::manifest::FileFacts;
use crate::score::{Contact, KnownUnits, ScoreTables, UnitTable};

/// What `pingyi score` is asked to do: the same plan a score manifest is re-run from.
pub use crate::provenance::rederive::ScoreSpec as ScoreOptions;

impl ScoreOptions {
    /// The scheme's file, when it is not one of the plan's two.
    pub fn scheme_file(&self) -> Option<&Path> {
        (!matches!(self.scheme.as_str(), "county" | "township")).then(|| Path::new(&self.scheme))
    }

    /// Refuses, before any file is opened, a score without a list of evaluated units.
    pub fn check_units_given(&self) -> Result<()> {
        if self.units.is_some() || self.weighted_sample.is_some() || self.inspection.is_some() {
            return Ok(());
        }
        Err(Error::usage(crate::i18n::msg!("score-units-not-given")))
    }

    /// The input files an output must not overwrite.
    pub fn input_files(&self) -> Vec<&Path> {
        let mut inputs: Vec<&Path> = vec![&self.responses];
        inputs.extend(self.scheme_file());
        inputs.extend(self.inspection.as_deref());
        inputs.extend(self.findings.iter().map(PathBuf::as_path));
        inputs.extend(self.disqualified.as_deref());
        inputs.extend(self.weighted_sample.as_deref());
        inputs
    }
}

/// One input as a manifest records it.
pub struct Recorded {
    role: &'static str,
    path: PathBuf,
    sheet: Option<String>,
    format: String,
    digest: FileDigest,
    content: ContentDigest,
}

impl Recorded {
    /// The facts a manifest records.
    pub fn facts(&self) -> FileFacts<'_> {
        FileFacts {
            role: self.role,
            path: &self.path,
            sheet: self.sheet.clone(),
            format: self.format.clone(),
            digest: self.digest.clone(),
            content: self.content.clone(),
        }
    }

    /// A file recorded whole (a custom scheme, the list of units, the sample).
    fn whole(
        role: &'static str,
        path: &Path,
        format: &str,
        content: ContentDigest,
    ) -> Result<Recorded> {
        let digest = FileDigest::of_file(path)?;
        let (path, sheet, format) = (path.to_path_buf(), None, format.to_string());
        Ok(Recorded {
            role,
            path,
            sheet,
            format,
            digest,
            content,
        })
    }
}

/// The inputs of a score, read.
pub struct Loaded {
    pub tables: ScoreTables,
    pub known: KnownUnits,
    /// What the manifests record, in their order: a custom scheme, the list of units,
    /// the sample, the responses, inspection, findings and disqualified tables.
    pub recorded: Vec<Recorded>,
}

/// Reads every input of a score and the list of evaluated units.
pub fn load(opts: &ScoreOptions) -> Result<Loaded> {
    let mut read = TableReader::default();
    let inspection = read.one("inspection", opts.inspection.as_deref(), Input::Inspection)?;
    let known = known_units(opts, inspection.as_ref())?;
    let responses = read.table("responses", &opts.responses, Input::Responses)?;
    let findings = read.all("findings", &opts.findings, Input::Findings)?;
    let disqualified = read.one(
        "disqualified",
        opts.disqualified.as_deref(),
        Input::Disqualified,
    )?;
    if inspection.is_some() {
        // Read first for its units; recorded after the responses.
        read.recorded.swap(0, 1);
    }
    let mut recorded = whole_files(opts, &known)?;
    recorded.extend(read.recorded);
    let tables = ScoreTables {
        responses,
        inspection,
        findings,
        disqualified,
    };
    Ok(Loaded {
        tables,
        known,
        recorded,
    })
}

/// The evaluated units: the list given, else the weighted sample's units, else the
/// inspection table's.
fn known_units(opts: &ScoreOptions, inspection: Option<&UnitTable>) -> Result<KnownUnits> {
    match (&opts.units, &opts.weighted_sample, inspection) {
        (Some(path), _, _) | (None, Some(path), _) => KnownUnits::read(path),
        (None, None, Some(t)) => t.known_units(),
        (None, None, None) => Err(Error::Internal("no list of units".into())),
    }
}

/// Reads input tables, recording each one's digest and content as it goes.
#[derive(Default)]
struct TableReader {
    recorded: Vec<Recorded>,
}

impl TableReader {
    /// Reads one input table of `kind`.
    fn table(&mut self, role: &'static str, path: &Path, kind: Input) -> Result<UnitTable> {
        let (grid, bytes) = read_grid_path(path, None)?;
        let grid = one_sheet(grid, &bytes, path, kind)?;
        crate::io::counts::refuse_formulas_without_results(&grid, &bytes)?;
        let t = UnitTable::new(grid, kind)?;
        let (sheet, format) = (t.grid().origin.sheet.clone(), t.grid().format.describe());
        let (path, digest, content) = (path.to_path_buf(), FileDigest::of(&bytes), t.content(true));
        let recorded = Recorded {
            role,
            path,
            sheet,
            format,
            digest,
            content,
        };
        self.recorded.push(recorded);
        Ok(t)
    }

    /// Reads an optional input table.
    fn one(
        &mut self,
        role: &'static str,
        path: Option<&Path>,
        kind: Input,
    ) -> Result<Option<UnitTable>> {
        path.map(|p| self.table(role, p, kind)).transpose()
    }

    /// Reads every input table of a role given several times.
    fn all(
        &mut self,
        role: &'static str,
        paths: &[PathBuf],
        kind: Input,
    ) -> Result<Vec<UnitTable>> {
        paths.iter().map(|p| self.table(role, p, kind)).collect()
    }
}

/// The inputs recorded whole: a custom scheme, the list of units, the sample.
fn whole_files(opts: &ScoreOptions, known: &KnownUnits) -> Result<Vec<Recorded>> {
    let none = || ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>());
    let mut whole = Vec::new();
    if let Some(path) = opts.scheme_file() {
        whole.push(Recorded::whole("scheme", path, "TOML", none())?);
    }
    if let Some(path) = &opts.units {
        whole.push(Recorded::whole(
            "units",
            path,
            "units",
            units_digest(known),
        )?);
    }
    if let Some(path) = &opts.weighted_sample {
        whole.push(Recorded::whole("sample", path, "sample", none())?);
    }
    Ok(whole)
}

/// Opens the draw's sample for the weighted means.
pub fn open_sample(path: &Path) -> Result<RosterReader> {
    RosterReader::open(open_rows(path, None)?, None)
}

/// A response row's disposition, read as the call log reads it.
pub fn contact(text: &str) -> Option<Contact> {
    Disposition::parse(text).map(|d| match d {
        Disposition::Reached => Contact::Reached,
        Disposition::NotRecipient => Contact::NotRecipient,
        _ => Contact::NotReached,
    })
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
/// the manifest names it; `keyed` or not, as the manifest's digest is), so that a
/// reordered input reads as the same content.
pub fn input_content(role: &str, path: &Path, keyed: bool) -> Option<Result<ContentDigest>> {
    let kind = match role {
        "units" => return Some(KnownUnits::read(path).map(|k| units_digest(&k))),
        "responses" => Input::Responses,
        "inspection" => Input::Inspection,
        "findings" => Input::Findings,
        "disqualified" => Input::Disqualified,
        _ => return None,
    };
    let table = read_grid_path(path, None)
        .and_then(|(grid, bytes)| one_sheet(grid, &bytes, path, kind))
        .and_then(|grid| UnitTable::new(grid, kind));
    Some(table.map(|t| t.content(keyed)))
}

/// The field a table of `kind` is read for (the answers, the scores, the counts, the
/// reasons): what tells its sheet from a sheet of notes.
fn main_field(kind: Input) -> Option<Field> {
    match kind {
        Input::Responses => Some(Field::Satisfaction),
        Input::Inspection => Some(Field::Inspection),
        Input::Findings => Some(Field::FalseFound),
        Input::Disqualified => Some(Field::Reason),
        _ => None,
    }
}

/// The sheet of a workbook holding a score input of `kind`: the one shown sheet that
/// does (the first, or the only one behind a sheet of notes). A workbook with the
/// table on several sheets (answers by category, an old copy beside the new) is
/// refused, naming them: reading the first alone would score part of the answers.
fn one_sheet(grid: Grid, bytes: &[u8], path: &Path, kind: Input) -> Result<Grid> {
    let Some(field) = main_field(kind) else {
        return Ok(grid);
    };
    if grid.format != SourceFormat::Workbook {
        return Ok(grid);
    }
    let name = path.display().to_string();
    let holds =
        |g: &Grid| UnitTable::new(g.clone(), kind).is_ok_and(|t| t.position(field).is_some());
    fitting_sheet(grid, bytes, &name, holds, |sheets| {
        crate::i18n::msg!("score-input-sheets", sheets)
    })
}
