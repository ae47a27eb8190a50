//! `pingyi draw`: a frame and recipient rosters in; the sample with reserves, its
//! data-quality report and its manifest out.

use std::path::{Path, PathBuf};

use crate::draw::roster::{RosterHeader, RosterReader, RosterRecord, make_record};
use crate::draw::scan::{DataStart, Gathered, Layout, Scan, ScanOptions, data_start};
use crate::draw::spill::Place;
use crate::draw::sql::{self, Dialect};
use crate::draw::ticket::{ALGORITHM, ID_NORMALIZATION, Seed, TicketMaker};
use crate::draw::{Draw, DrawPlan, Reread, draw, quality};
use crate::error::{Error, Location, Result};
use crate::frame::FrameRow;
use crate::frame::read::read_frame;
use crate::io::decode::TextEncoding;
use crate::io::digest::ContentDigest;
use crate::io::digest::FileDigest;
use crate::io::fileset::FileSet;
use crate::io::grid::SourceFormat;
use crate::io::read_grid_path;
use crate::io::stream::{SNIFF_BYTES, open_rows, sniff_csv};
use crate::io::write::{OutputFormat, WriteOptions, render};
use crate::provenance::manifest::{
    FileFacts, Manifest, ManifestBuilder, manifest_path, relative_path,
};
use crate::provenance::params::{DrawParameters, Parameters};

use super::commit::Commitment;
use super::output::{
    OutputOptions, check_output, manifest_dir, refuse_overwriting_inputs, stage_rendered,
    with_manifest,
};
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

/// What a draw wrote.
#[derive(Debug)]
pub struct DrawReport {
    /// The draw's strata, warnings and findings (its records are in the written file).
    pub draw: Draw,
    pub quality_path: PathBuf,
}

/// The data-quality report's path: `X` → `X.quality.csv`.
pub fn quality_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".quality.csv");
    PathBuf::from(name)
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
            let changed: Vec<String> = digest
                .strata
                .iter()
                .flat_map(|(u, cats)| cats.iter().map(move |(c, d)| (u, c, d)))
                .filter(|(u, c, d)| rec.content.strata.get(*u).and_then(|m| m.get(*c)) != Some(*d))
                .map(|(u, c, _)| format!("{u} / {c}"))
                .take(10)
                .collect();
            return Err(Error::input(
                Location::file(path.display().to_string()),
                format!(
                    "differs from what its manifest {} recorded (edited by hand?) in: {}; rebuild it with `pingyi frame`, or pass --allow-edited-frame",
                    mpath.display(),
                    changed.join(", ")
                ),
            ));
        }
    }
    Ok((rows, bytes, grid.format.describe()))
}

/// A roster file and its header.
struct RosterFile {
    path: PathBuf,
    header: RosterHeader,
    sheet: Option<String>,
    format: String,
    origin: Location,
    /// The header's row number.
    header_row: usize,
    /// For a UTF-8 CSV file: its delimiter and where its records begin.
    csv: Option<(u8, DataStart)>,
}

/// Opens a roster and reads up to its header.
fn open_roster(path: &Path, inputs: &RosterInputs) -> Result<RosterReader> {
    let rows = open_rows(path, inputs.sheet.as_deref())?;
    RosterReader::open(rows, inputs.id_column.as_deref())
}

/// The union of the rosters' headers, in first-seen order. The id, unit, category,
/// ID-number and phone columns are one column each, headed as in the first roster,
/// whatever alias the others use (乡镇 in one file, 单位 in another).
fn union_labels(rosters: &[RosterFile]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let first = &rosters[0].header;
    for r in rosters {
        for (i, l) in r.header.labels.iter().enumerate() {
            let label = match role_of(&r.header, i) {
                Some(role) => first.labels[column_of(first, role).unwrap_or(i)].clone(),
                None => l.clone(),
            };
            if !label.is_empty() && !labels.contains(&label) {
                labels.push(label);
            }
        }
    }
    labels
}

/// The columns every roster has by meaning.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Id,
    Unit,
    Category,
    IdNumber,
    Phone,
}

fn role_of(h: &RosterHeader, i: usize) -> Option<Role> {
    [
        Role::Id,
        Role::Unit,
        Role::Category,
        Role::IdNumber,
        Role::Phone,
    ]
    .into_iter()
    .find(|&r| column_of(h, r) == Some(i))
}

fn column_of(h: &RosterHeader, role: Role) -> Option<usize> {
    match role {
        Role::Id => Some(h.id),
        Role::Unit => Some(h.unit),
        Role::Category => Some(h.category),
        Role::IdNumber => h.id_number,
        Role::Phone => h.phone,
    }
}

/// For each column of `labels`, the column of a roster (headed `h`) that fills it.
fn columns(first: &RosterHeader, h: &RosterHeader, labels: &[String]) -> Vec<Option<usize>> {
    labels
        .iter()
        .map(|l| {
            let by_role = first
                .labels
                .iter()
                .position(|x| x == l)
                .and_then(|i| role_of(first, i))
                .and_then(|role| column_of(h, role));
            by_role.or_else(|| h.labels.iter().position(|x| x == l))
        })
        .collect()
}

/// Where the records of a UTF-8 CSV roster begin, if it can be read in chunks.
fn csv_start(path: &Path, header_row: usize) -> Result<Option<(u8, DataStart)>> {
    use std::io::Read;
    let mut head = Vec::new();
    crate::io::files::open_regular(path)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| Error::read(path, e))?;
    Ok(sniff_csv(&head).and_then(|shape| {
        data_start(&head, shape.delimiter, header_row).map(|start| (shape.delimiter, start))
    }))
}

/// Every record of the rosters, read afresh from disk, cells re-aligned to `labels`.
fn all_records(
    rosters: &[RosterFile],
    labels: &[String],
    inputs: &RosterInputs,
) -> Result<impl Iterator<Item = Result<RosterRecord>> + use<>> {
    let mut readers = Vec::with_capacity(rosters.len());
    let first = &rosters[0].header;
    for r in rosters {
        let reader = open_roster(&r.path, inputs)?;
        let map = columns(first, &reader.header, labels);
        readers.push((reader, map));
    }
    Ok(readers
        .into_iter()
        .flat_map(|(reader, map)| reader.map(move |rec| rec.map(|rec| aligned(rec, &map)))))
}

/// A record with its cells re-aligned by `map` (see [`columns`]).
fn aligned(mut rec: RosterRecord, map: &[Option<usize>]) -> RosterRecord {
    rec.cells = map
        .iter()
        .map(|i| {
            i.map(|i| std::mem::take(&mut rec.cells[i]))
                .unwrap_or_default()
        })
        .collect();
    rec
}

/// The rosters of a draw, read again to name repeated values.
struct Again<'a> {
    rosters: &'a [RosterFile],
    labels: &'a [String],
    inputs: &'a RosterInputs,
}

impl Reread<'static> for Again<'_> {
    fn all(&self) -> Result<Box<dyn Iterator<Item = Result<RosterRecord>>>> {
        Ok(Box::new(all_records(
            self.rosters,
            self.labels,
            self.inputs,
        )?))
    }

    fn at<'s>(
        &'s self,
        places: &'s [Place],
    ) -> Result<Box<dyn Iterator<Item = Result<RosterRecord>> + 's>> {
        let mut reader = RecordsAt {
            again: self,
            open: None,
            categories: std::collections::HashMap::new(),
            rec: csv::StringRecord::new(),
        };
        Ok(Box::new(places.iter().map(move |p| reader.read(p))))
    }
}

/// Reads records at byte offsets, one CSV reader per roster, moved from record to
/// record.
struct RecordsAt<'a> {
    again: &'a Again<'a>,
    open: Option<(usize, csv::Reader<std::fs::File>, Vec<Option<usize>>)>,
    categories: std::collections::HashMap<String, crate::io::Category>,
    rec: csv::StringRecord,
}

impl RecordsAt<'_> {
    fn read(&mut self, p: &Place) -> Result<RosterRecord> {
        let r = &self.again.rosters[p.file];
        let changed = |e: &dyn std::fmt::Display| {
            Error::Internal(format!(
                "{} changed while it was read ({e})",
                r.path.display()
            ))
        };
        let (Some(offset), Some((delimiter, _))) = (p.offset, r.csv) else {
            return Err(changed(&"a record has no byte offset"));
        };
        if self.open.as_ref().is_none_or(|(i, _, _)| *i != p.file) {
            let f = crate::io::files::open_regular(&r.path)?;
            let rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .buffer_capacity(1 << 12)
                .from_reader(f);
            let first = &self.again.rosters[0].header;
            let map = columns(first, &r.header, self.again.labels);
            self.open = Some((p.file, rdr, map));
        }
        let Some((_, rdr, map)) = self.open.as_mut() else {
            return Err(changed(&"no reader"));
        };
        let mut at = csv::Position::new();
        at.set_byte(offset);
        rdr.seek(at).map_err(|e| changed(&e))?;
        if !rdr.read_record(&mut self.rec).map_err(|e| changed(&e))? {
            return Err(changed(&"a record is missing"));
        }
        let cells: Vec<String> = self.rec.iter().map(str::to_string).collect();
        match make_record(&r.header, &r.origin, p.row, cells, &mut self.categories) {
            Some(record) => Ok(aligned(record?, map)),
            None => Err(changed(&"a record is blank")),
        }
    }
}

/// What one pass over the rosters gives: what the draw needs, and each roster's
/// content digest and SHA-256.
struct Scanned {
    gathered: Gathered,
    contents: Vec<ContentDigest>,
    digests: Vec<FileDigest>,
}

/// Reads every roster once.
fn scan_rosters(
    frame: &[FrameRow],
    rosters: &[RosterFile],
    labels: &[String],
    inputs: &RosterInputs,
    seed: &Seed,
) -> Result<Scanned> {
    let mut scan = Scan::new(frame, TicketMaker::new(seed), inputs.scan);
    let first = &rosters[0].header;
    let total: u64 = rosters
        .iter()
        .map(|r| std::fs::metadata(&r.path).map_or(0, |m| m.len()))
        .sum();
    let progress = Progress::new(total, "reading rosters");
    let mut digests = Vec::new();
    for (i, r) in rosters.iter().enumerate() {
        let map = columns(first, &r.header, labels);
        let layout = Layout {
            header: &r.header,
            columns: &map,
            origin: &r.origin,
        };
        let done = progress.done();
        if let Some((delimiter, start)) = r.csv {
            let file = crate::io::files::open_regular(&r.path)?;
            let report = |n: u64| progress.set(done + n);
            if let Some(digest) = scan.csv(file, delimiter, start, &layout, i, &report)? {
                digests.push(digest);
                continue;
            }
        }
        let reader = open_roster(&r.path, inputs)?;
        scan.rows(reader.into_rows(), &layout, i)?;
        let digest = FileDigest::of_file(&r.path)?;
        progress.set(done + digest.size);
        digests.push(digest);
    }
    progress.finish();
    let mut gathered = scan.finish()?;
    Ok(Scanned {
        contents: std::mem::take(&mut gathered.contents),
        gathered,
        digests,
    })
}

/// The content digest of each roster as the draw records it.
pub fn roster_contents(inputs: &RosterInputs) -> Result<Vec<ContentDigest>> {
    let rosters = load_rosters(inputs)?;
    let labels = union_labels(&rosters);
    // Content digests do not depend on the frame or the seed (a commitment is made
    // before the seed is known): the scan runs with none.
    let seed = Seed::new("content")?;
    Ok(scan_rosters(&[], &rosters, &labels, inputs, &seed)?.contents)
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

/// The draw's parameters as recorded in the manifest.
fn parameters(opts: &DrawOptions, seed: &Seed) -> Parameters {
    Parameters::Draw(DrawParameters {
        algorithm: ALGORITHM.to_string(),
        allow_count_mismatch: opts.rules.allow_count_mismatch,
        allow_edited_frame: opts.allow_edited_frame,
        id_column: opts.inputs.id_column.clone(),
        id_normalization: ID_NORMALIZATION.to_string(),
        seed: seed.as_str().to_string(),
        take_all_short: opts.rules.take_all_short,
    })
}

fn load_rosters(inputs: &RosterInputs) -> Result<Vec<RosterFile>> {
    if inputs.rosters.is_empty() {
        return Err(Error::Usage("give at least one --roster".into()));
    }
    inputs
        .rosters
        .iter()
        .map(|path| {
            let reader = open_roster(path, inputs)?;
            let origin = reader.origin().clone();
            let csv = match (reader.format(), &inputs.sheet) {
                (SourceFormat::Csv(TextEncoding::Utf8 | TextEncoding::Utf8Bom), None) => {
                    csv_start(path, reader.header_row)?
                }
                _ => None,
            };
            Ok(RosterFile {
                path: path.clone(),
                header: reader.header.clone(),
                sheet: origin.sheet.clone(),
                format: reader.format().describe(),
                origin,
                header_row: reader.header_row,
                csv,
            })
        })
        .collect()
}

fn run_draw(
    frame: &[FrameRow],
    rosters: &[RosterFile],
    labels: &[String],
    inputs: &RosterInputs,
    rules: &DrawRules,
    seed: &Seed,
    gathered: Gathered,
) -> Result<Draw> {
    let source = if rosters.len() == 1 {
        rosters[0].path.display().to_string()
    } else {
        format!("{} rosters", rosters.len())
    };
    let plan = DrawPlan {
        seed: seed.clone(),
        take_all_short: rules.take_all_short,
        allow_count_mismatch: rules.allow_count_mismatch,
    };
    let origins: Vec<Location> = rosters.iter().map(|r| r.origin.clone()).collect();
    let again = Again {
        rosters,
        labels,
        inputs,
    };
    draw(frame, gathered, &origins, &again, &plan, &source)
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
    seed: Seed,
    frame: Vec<FrameRow>,
    /// The frame file's bytes and format, once it has been read from disk.
    frame_file: Option<(Vec<u8>, String)>,
    rosters: Vec<RosterFile>,
    labels: Vec<String>,
    roster_digests: Vec<ContentDigest>,
    roster_shas: Vec<FileDigest>,
    commitment: Option<(PathBuf, FileDigest)>,
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
    let rosters = load_rosters(inputs)?;
    let labels = union_labels(&rosters);
    let Scanned {
        gathered,
        contents: roster_digests,
        digests: roster_shas,
    } = scan_rosters(&frame, &rosters, &labels, inputs, &seed)?;
    let commitment = match commitment {
        Some(path) => {
            let c = Commitment::read(path)?;
            c.check(&crate::frame::rows_digest(&frame), &roster_digests)
                .map_err(|m| Error::input(Location::file(path.display().to_string()), m))?;
            Some((path.to_path_buf(), FileDigest::of_file(path)?))
        }
        None => None,
    };
    let draw = run_draw(&frame, &rosters, &labels, inputs, rules, &seed, gathered)?;
    Ok(ComputedDraw {
        seed,
        frame,
        frame_file,
        rosters,
        labels,
        roster_digests,
        roster_shas,
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
    let rosters = load_rosters(&opts.inputs)?;
    let first = &rosters[0].header;
    let files = rosters
        .iter()
        .map(|r| sql::RosterFile {
            path: r.path.display().to_string(),
            header_row: r.header_row,
        })
        .collect();
    let source = sql::SqlSource {
        relation: sql::Relation::Files(files),
        id: first.labels[first.id].clone(),
        unit: first.labels[first.unit].clone(),
        category: first.labels[first.category].clone(),
        columns: union_labels(&rosters),
    };
    sql::emit_sql(dialect, &frame, &seed, &source)
}

/// Draws from the rosters and writes the sample, its quality report and manifest.
pub fn write_draw(opts: &DrawOptions, out: &OutputOptions) -> Result<DrawReport> {
    Seed::new(&opts.rules.seed)?;
    check_draw_outputs(opts, out)?;
    let mut computed = compute_draw(opts)?;
    let draw = computed.take_draw();
    render_draw(&computed, draw, opts, out)
}

/// The output paths a draw writes to `out`, checked before any work: none is an input,
/// and none exists unless `out.force`.
pub fn check_draw_outputs(opts: &DrawOptions, out: &OutputOptions) -> Result<()> {
    let qpath = quality_path(&out.path);
    let frame_manifest = manifest_path(&opts.frame);
    let mut inputs: Vec<&Path> = vec![&opts.frame, &frame_manifest];
    inputs.extend(opts.inputs.rosters.iter().map(PathBuf::as_path));
    inputs.extend(opts.commitment.as_deref());
    let mut outputs = with_manifest(&out.path);
    outputs.push(qpath.clone());
    refuse_overwriting_inputs(&outputs, &inputs)?;
    check_output(&out.path, out.force)?;
    if !out.force && std::fs::symlink_metadata(&qpath).is_ok() {
        return Err(Error::OutputExists { path: qpath });
    }
    Ok(())
}

/// Writes a computed draw (`result`, a copy of `computed.draw` or the draw itself) to
/// `out`: the sample, its quality report and the manifest that vouches for both.
pub fn render_draw(
    computed: &ComputedDraw,
    mut result: Draw,
    opts: &DrawOptions,
    out: &OutputOptions,
) -> Result<DrawReport> {
    let ComputedDraw {
        seed,
        frame,
        frame_file,
        rosters,
        labels,
        roster_digests,
        roster_shas,
        commitment,
        draw: _,
    } = computed;
    let Some((frame_bytes, frame_format)) = frame_file else {
        return Err(Error::Internal(
            "a draw computed in memory was rendered without its frame file".into(),
        ));
    };
    let qpath = quality_path(&out.path);
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(parameters(opts, seed));
    manifest.input(
        FileFacts {
            role: "frame",
            path: &opts.frame,
            sheet: None,
            format: frame_format.clone(),
            digest: crate::io::digest::FileDigest::of(frame_bytes),
            content: crate::frame::rows_digest(frame),
        },
        &dir,
    );
    for ((r, content), digest) in rosters.iter().zip(roster_digests).zip(roster_shas) {
        manifest.input(
            FileFacts {
                role: "roster",
                path: &r.path,
                sheet: r.sheet.clone(),
                format: r.format.clone(),
                digest: digest.clone(),
                content: content.clone(),
            },
            &dir,
        );
    }
    if let Some((path, digest)) = commitment {
        manifest.input(
            FileFacts {
                role: "commitment",
                path,
                sheet: None,
                format: "JSON".into(),
                digest: digest.clone(),
                content: ContentDigest::of(std::iter::empty::<(String, String, Vec<String>)>()),
            },
            &dir,
        );
    }
    // The content digest names rows as read; the report names them by file relative
    // to the output's folder, as the manifest does, so it is the same wherever the data
    // sits.
    let quality_content = ContentDigest::of(result.quality.iter().map(|q| {
        let rows: Vec<String> = q.rows.iter().map(|l| l.to_string()).collect();
        (
            q.kind,
            "",
            vec![q.value.clone(), rows.join(" "), q.detail.clone()],
        )
    }));
    for issue in &mut result.quality {
        for loc in &mut issue.rows {
            if let Some(f) = &loc.file {
                loc.file = Some(relative_path(Path::new(f), &dir));
            }
        }
    }
    let report = quality::report_table(&result.quality);
    let qbytes = render(
        &[report],
        OutputFormat::Csv,
        WriteOptions {
            lang: out.write.lang,
            bom: out.write.bom,
        },
    )?;
    manifest.output(
        FileFacts {
            role: "quality",
            path: &qpath,
            sheet: None,
            format: "CSV".into(),
            digest: crate::io::digest::FileDigest::of(&qbytes),
            content: quality_content,
        },
        &dir,
    );
    // The report, the sample and the manifest that vouches for both appear as one set.
    let mut set = FileSet::new();
    set.add(&qpath, &qbytes, false)?;
    let content = result.content_digest();
    let format = check_output(&out.path, out.force)?;
    // The sample table is let go once rendered: a large sample is not held twice.
    let bytes = render(&[result.take_table(labels)], format, out.write)?;
    stage_rendered(&mut set, bytes, content, "sample", out, manifest, &dir)?;
    set.commit(out.force)?;
    Ok(DrawReport {
        draw: result,
        quality_path: qpath,
    })
}
