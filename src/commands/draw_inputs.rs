//! A draw's inputs, read from their paths: the frame (refused if edited by hand), the
//! rosters, and a commitment they must match; the draw computed once from them, ready
//! to be rendered to any number of outputs.

use std::path::{Path, PathBuf};

use crate::draw::rosters::{RosterSet, RosterSources};
use crate::draw::scan::{Pending, ScanOptions};
use crate::draw::sql::{self, Dialect};
use crate::draw::ticket::{ALGORITHM, ID_NORMALIZATION, Seed};
use crate::draw::{Draw, DrawPlan};
use crate::error::{Error, Location, Result};
use crate::frame::FrameRow;
use crate::frame::read::read_frame;
use crate::i18n::msg;
use crate::io::digest::{ContentDigest, FileDigest};
use crate::io::read_grid_path;
use crate::provenance::manifest::{
    FileFacts, Manifest, ManifestBuilder, manifest_path, relative_path,
};
use crate::provenance::params::{DrawParameters, Parameters};

use super::commit::Commitment;
use super::output::manifest_dir;
use super::progress::Progress;

/// The rosters a draw reads and how to read them (no frame, no seed: a commitment
/// reads them before the seed is known).
#[derive(Debug, Clone)]
pub struct RosterInputs {
    pub rosters: Vec<PathBuf>,
    pub sheet: Option<String>,
    pub id_column: Option<String>,
    /// Threads and buffers of the roster scan (they never change the result).
    pub scan: ScanOptions,
}

/// The announced seed and the rules of the draw.
#[derive(Debug, Clone)]
pub struct DrawRules {
    pub seed: String,
    pub take_all_short: bool,
    pub allow_count_mismatch: bool,
}

/// What `pingyi draw` is asked to do.
#[derive(Debug, Clone)]
pub struct DrawOptions {
    pub frame: PathBuf,
    pub inputs: RosterInputs,
    pub rules: DrawRules,
    pub allow_edited_frame: bool,
    /// A commitment (`pingyi seed commit`) the frame and rosters must match.
    pub commitment: Option<PathBuf>,
}

/// Reads a frame file; if a manifest beside it records different content, the frame
/// was edited by hand and is refused unless `allow_edited`.
pub fn load_frame(path: &Path, allow_edited: bool) -> Result<(Vec<FrameRow>, Vec<u8>, String)> {
    let (grid, bytes) = read_grid_path(path, None)?;
    let rows = read_frame(&grid)?;
    let digest = crate::frame::rows_digest(&rows);
    let mpath = manifest_path(path);
    if let Ok(mbytes) = crate::io::files::read_regular(&mpath) {
        let manifest = Manifest::from_bytes(&mbytes, &mpath.display().to_string())?;
        let dir = manifest_dir(&mpath);
        let me = relative_path(path, &dir);
        // By path, or, for a frame renamed with its manifest, by role.
        let recorded = manifest
            .outputs
            .iter()
            .find(|o| o.path == me)
            .or_else(|| manifest.outputs.iter().find(|o| o.role == "frame"));
        if let Some(rec) = recorded
            && rec.content.digest != digest.digest
            && !allow_edited
        {
            let changed = changed_strata(&digest, &rec.content);
            let (manifest, strata) = (mpath.display(), changed.join(", "));
            return Err(Error::input(
                Location::file(path.display().to_string()),
                msg!("draw-frame-edited", manifest, strata),
            ));
        }
    }
    Ok((rows, bytes, grid.format.describe()))
}

/// The first ten strata (`unit / category`) whose digest in `now` differs from the
/// one `recorded`.
fn changed_strata(now: &ContentDigest, recorded: &ContentDigest) -> Vec<String> {
    now.strata
        .iter()
        .flat_map(|(u, cats)| cats.iter().map(move |(c, d)| (u, c, d)))
        .filter(|(u, c, d)| recorded.strata.get(*u).and_then(|m| m.get(*c)) != Some(*d))
        .map(|(u, c, _)| format!("{u} / {c}"))
        .take(10)
        .collect()
}

impl RosterInputs {
    /// The rosters as the draw stage reads them.
    pub fn sources(&self) -> RosterSources<'_> {
        RosterSources {
            paths: &self.rosters,
            sheet: self.sheet.as_deref(),
            id_column: self.id_column.as_deref(),
            scan: self.scan,
        }
    }
}

/// Runs `read` (a pass over the rosters) showing progress on a terminal.
fn with_progress<T>(rosters: &RosterSet, read: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T) -> T {
    let progress = Progress::new(rosters.total_bytes(), msg!("progress-reading-rosters"));
    let result = read(&|n| progress.set(n));
    progress.finish();
    result
}

/// The content digest of each roster as the draw records it.
pub fn roster_contents(inputs: &RosterInputs) -> Result<Vec<ContentDigest>> {
    let rosters = RosterSet::open(inputs.sources())?;
    with_progress(&rosters, |progress| rosters.contents(progress))
}

/// The frame's and rosters' content digests, as a commitment records them.
pub fn input_contents(
    frame: &Path,
    inputs: &RosterInputs,
) -> Result<(ContentDigest, Vec<ContentDigest>)> {
    let (frame, _, _) = load_frame(frame, false)?;
    Ok((crate::frame::rows_digest(&frame), roster_contents(inputs)?))
}

/// The commitment `pingyi seed commit` writes into `out_dir` for a draw's frame
/// (`frame_path`) and rosters.
pub fn commitment(frame_path: &Path, inputs: &RosterInputs, out_dir: &Path) -> Result<Commitment> {
    let (frame, rosters) = input_contents(frame_path, inputs)?;
    let rosters: Vec<(&Path, &ContentDigest)> = inputs
        .rosters
        .iter()
        .map(PathBuf::as_path)
        .zip(&rosters)
        .collect();
    Commitment::of(
        (frame_path, &frame),
        &rosters,
        inputs.id_column.clone(),
        out_dir,
    )
}

/// Checks the frame and rosters against the commitment at `path`; the commitment
/// file's digest, for the manifest.
fn check_commitment(
    path: &Path,
    frame: &[FrameRow],
    rosters: &[ContentDigest],
) -> Result<(PathBuf, FileDigest)> {
    Commitment::read(path)?
        .check(&crate::frame::rows_digest(frame), rosters)
        .map_err(|m| Error::input(Location::file(path.display().to_string()), m))?;
    Ok((path.to_path_buf(), FileDigest::of_file(path)?))
}

/// Draws from `frame` rows held in memory, writing nothing.
pub fn draw_in_memory(
    frame: &[FrameRow],
    inputs: &RosterInputs,
    rules: &DrawRules,
) -> Result<Draw> {
    Ok(compute_in_memory(frame, inputs, rules)?.draw)
}

/// A draw computed once, with what its manifest records of its inputs, ready to be
/// rendered to any number of outputs (`.csv`, `.xlsx`) without drawing again.
pub struct ComputedDraw {
    pub(super) seed: Seed,
    pub(super) frame: Vec<FrameRow>,
    /// The frame file's bytes and format, once it has been read from disk.
    pub(super) frame_file: Option<(Vec<u8>, String)>,
    pub(super) rosters: RosterSet,
    pub(super) roster_digests: Vec<ContentDigest>,
    pub(super) roster_shas: Vec<FileDigest>,
    pub(super) commitment: Option<(PathBuf, FileDigest)>,
    /// The draw itself.
    pub draw: Draw,
}

/// Draws from `frame` rows held in memory; the result can be rendered once its frame
/// file is attached ([`ComputedDraw::attach_frame`]).
pub fn compute_in_memory(
    frame: &[FrameRow],
    inputs: &RosterInputs,
    rules: &DrawRules,
) -> Result<ComputedDraw> {
    compute(frame.to_vec(), None, inputs, rules, None)
}

/// Reads the frame (`opts.frame`) and the rosters and draws, writing nothing.
pub fn compute_draw(opts: &DrawOptions) -> Result<ComputedDraw> {
    Seed::new(&opts.rules.seed)?;
    let (frame, frame_bytes, frame_format) = load_frame(&opts.frame, opts.allow_edited_frame)?;
    compute(
        frame,
        Some((frame_bytes, frame_format)),
        &opts.inputs,
        &opts.rules,
        opts.commitment.as_deref(),
    )
}

fn compute(
    frame: Vec<FrameRow>,
    frame_file: Option<(Vec<u8>, String)>,
    inputs: &RosterInputs,
    rules: &DrawRules,
    commitment: Option<&Path>,
) -> Result<ComputedDraw> {
    let seed = Seed::new(&rules.seed)?;
    let rosters = RosterSet::open(inputs.sources())?;
    let scanned = with_progress(&rosters, |p| rosters.scan(&frame, &seed, p))?;
    // The rosters' content digests are still being made: a commitment waits for them
    // before the draw, as it says whether to draw at all.
    let (contents, commitment) = match commitment {
        Some(path) => {
            let contents = scanned.contents.wait()?;
            let checked = check_commitment(path, &frame, &contents)?;
            (Pending::ready(Ok(contents)), Some(checked))
        }
        None => (scanned.contents, None),
    };
    let plan = DrawPlan {
        seed: seed.clone(),
        take_all_short: rules.take_all_short,
        allow_count_mismatch: rules.allow_count_mismatch,
    };
    let draw = rosters.draw(&frame, scanned.gathered, &plan);
    // A failure to make the content digests is told before any the draw met, as when
    // they were made before the draw.
    let roster_digests = contents.wait()?;
    let draw = draw?;
    Ok(ComputedDraw {
        seed,
        frame,
        frame_file,
        rosters,
        roster_digests,
        roster_shas: scanned.digests,
        commitment,
        draw,
    })
}

impl ComputedDraw {
    /// Attaches the frame file (`opts.frame`) a draw computed in memory was drawn from.
    /// If its rows are not the rows drawn from, the draw is computed again from the file,
    /// so the result always matches what a `pingyi draw` of that file gives.
    pub fn attach_frame(self, opts: &DrawOptions) -> Result<ComputedDraw> {
        let (frame, bytes, format) = load_frame(&opts.frame, opts.allow_edited_frame)?;
        if frame == self.frame {
            Ok(ComputedDraw {
                frame_file: Some((bytes, format)),
                ..self
            })
        } else {
            compute(
                frame,
                Some((bytes, format)),
                &opts.inputs,
                &opts.rules,
                opts.commitment.as_deref(),
            )
        }
    }

    /// The draw, taken out so that it is rendered without a copy (the last render).
    pub fn take_draw(&mut self) -> Draw {
        Draw {
            drawn: std::mem::take(&mut self.draw.drawn),
            strata: std::mem::take(&mut self.draw.strata),
            warnings: std::mem::take(&mut self.draw.warnings),
            quality: std::mem::take(&mut self.draw.quality),
        }
    }
}

/// The draw as one SQL query for `dialect`, reading the rosters where they are.
pub fn draw_sql(opts: &DrawOptions, dialect: Dialect) -> Result<String> {
    let seed = Seed::new(&opts.rules.seed)?;
    let (frame, _, _) = load_frame(&opts.frame, opts.allow_edited_frame)?;
    let rosters = RosterSet::open(opts.inputs.sources())?;
    sql::emit_sql(dialect, &frame, &seed, &rosters.sql_source())
}

/// The manifest of a draw (`c`) written into `dir`, with its inputs: the frame, the
/// rosters and any commitment.
pub(super) fn draw_manifest(
    c: &ComputedDraw,
    opts: &DrawOptions,
    dir: &Path,
) -> Result<ManifestBuilder> {
    let Some((frame_bytes, frame_format)) = &c.frame_file else {
        return Err(Error::Internal(
            "a draw computed in memory was rendered without its frame file".into(),
        ));
    };
    let mut manifest = ManifestBuilder::new(parameters(opts, c));
    let content = crate::frame::rows_digest(&c.frame);
    let digest = FileDigest::of(frame_bytes);
    let frame = file_facts("frame", &opts.frame, None, frame_format, digest, content);
    manifest.input(frame, dir);
    let files = c
        .rosters
        .files
        .iter()
        .zip(&c.roster_digests)
        .zip(&c.roster_shas);
    for ((r, content), digest) in files {
        let (sheet, digest) = (r.sheet.clone(), digest.clone());
        let roster = file_facts("roster", &r.path, sheet, &r.format, digest, content.clone());
        manifest.input(roster, dir);
    }
    if let Some((path, digest)) = &c.commitment {
        let nothing = ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>());
        let commitment = file_facts("commitment", path, None, "JSON", digest.clone(), nothing);
        manifest.input(commitment, dir);
    }
    Ok(manifest)
}

/// What a manifest records of one file.
pub(super) fn file_facts<'a>(
    role: &'static str,
    path: &'a Path,
    sheet: Option<String>,
    format: &str,
    digest: FileDigest,
    content: ContentDigest,
) -> FileFacts<'a> {
    let format = format.to_string();
    FileFacts {
        role,
        path,
        sheet,
        format,
        digest,
        content,
    }
}

/// The draw's parameters as recorded in the manifest, with the id column it found in
/// each roster.
fn parameters(opts: &DrawOptions, c: &ComputedDraw) -> Parameters {
    let seed = &c.seed;
    let id_headers = c
        .rosters
        .files
        .iter()
        .map(|f| f.header.labels[f.header.id].clone());
    Parameters::Draw(DrawParameters {
        algorithm: ALGORITHM.to_string(),
        allow_count_mismatch: opts.rules.allow_count_mismatch,
        allow_edited_frame: opts.allow_edited_frame,
        id_column: opts.inputs.id_column.clone(),
        id_headers: id_headers.collect(),
        id_normalization: ID_NORMALIZATION.to_string(),
        mask: Some(crate::privacy::policy()),
        seed: seed.as_str().to_string(),
        take_all_short: opts.rules.take_all_short,
    })
}
