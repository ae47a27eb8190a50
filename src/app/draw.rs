//! `pingyi draw`: a frame and recipient rosters in; the sample with reserves, its
//! data-quality report and its manifest out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::draw::roster::{RosterHeader, RosterRecord, find_header, records};
use crate::draw::ticket::{ALGORITHM, ID_NORMALIZATION, Seed};
use crate::draw::{Draw, DrawPlan, draw, quality};
use crate::error::{Error, Location, Result};
use crate::frame::FrameRow;
use crate::frame::read::read_frame;
use crate::io::grid::Grid;
use crate::io::read_grid_path;
use crate::io::write::{OutputFormat, WriteOptions, render, write_atomic};
use crate::verify::ContentDigest;
use crate::verify::manifest::{FileFacts, Manifest, ManifestBuilder, manifest_path, relative_path};

use super::output::{OutputOptions, check_output, manifest_dir, write_with_manifest};

/// What `pingyi draw` is asked to do.
#[derive(Debug, Clone)]
pub struct DrawOptions {
    pub frame: PathBuf,
    pub rosters: Vec<PathBuf>,
    pub sheet: Option<String>,
    pub seed: String,
    pub id_column: Option<String>,
    pub take_all_short: bool,
    pub allow_count_mismatch: bool,
    pub allow_edited_frame: bool,
}

/// What a draw wrote.
#[derive(Debug)]
pub struct DrawReport {
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
fn load_frame(path: &Path, allow_edited: bool) -> Result<(Vec<FrameRow>, Vec<u8>, String)> {
    let (grid, bytes) = read_grid_path(path, None)?;
    let rows = read_frame(&grid)?;
    let digest = crate::frame::rows_digest(&rows);
    let mpath = manifest_path(path);
    if let Ok(mbytes) = std::fs::read(&mpath) {
        let manifest = Manifest::from_bytes(&mbytes, &mpath.display().to_string())?;
        let dir = manifest_dir(&mpath);
        let me = relative_path(path, &dir);
        let recorded = manifest.outputs.iter().find(|o| o.path == me);
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

/// A roster file read and its header found.
struct RosterFile {
    path: PathBuf,
    grid: Grid,
    bytes: Vec<u8>,
    header: RosterHeader,
}

/// The union of the rosters' headers, in first-seen order.
fn union_labels(rosters: &[RosterFile]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for r in rosters {
        for l in &r.header.labels {
            if !l.is_empty() && !labels.contains(l) {
                labels.push(l.clone());
            }
        }
    }
    labels
}

/// Every record of every roster, cells re-aligned to `labels`.
fn all_records<'a>(
    rosters: &'a [RosterFile],
    labels: &'a [String],
) -> impl Iterator<Item = Result<RosterRecord>> + 'a {
    rosters.iter().flat_map(move |r| {
        let map: Vec<Option<usize>> = labels
            .iter()
            .map(|l| r.header.labels.iter().position(|h| h == l))
            .collect();
        records(&r.grid, &r.header).map(move |rec| {
            rec.map(|mut rec| {
                rec.cells = map
                    .iter()
                    .map(|i| i.map(|i| rec.cells[i].clone()).unwrap_or_default())
                    .collect();
                rec
            })
        })
    })
}

fn roster_digest(rosters: &[RosterFile], labels: &[String], which: usize) -> Result<ContentDigest> {
    let recs: Vec<RosterRecord> =
        all_records(&rosters[which..=which], labels).collect::<Result<_>>()?;
    Ok(ContentDigest::of(recs.iter().map(|r| {
        let mut fields = vec![r.id.clone()];
        fields.extend(r.cells.iter().cloned());
        (r.unit.as_str(), r.category.key(), fields)
    })))
}

/// The draw's parameters as recorded in the manifest.
fn parameters(opts: &DrawOptions, seed: &Seed) -> BTreeMap<String, serde_json::Value> {
    let mut p = BTreeMap::new();
    p.insert("seed".into(), json!(seed.as_str()));
    p.insert("algorithm".into(), json!(ALGORITHM));
    p.insert("id_normalization".into(), json!(ID_NORMALIZATION));
    p.insert("id_column".into(), json!(opts.id_column));
    p.insert("take_all_short".into(), json!(opts.take_all_short));
    p.insert(
        "allow_count_mismatch".into(),
        json!(opts.allow_count_mismatch),
    );
    p.insert("allow_edited_frame".into(), json!(opts.allow_edited_frame));
    p
}

fn load_rosters(opts: &DrawOptions) -> Result<Vec<RosterFile>> {
    let mut rosters = Vec::new();
    for path in &opts.rosters {
        let (grid, bytes) = read_grid_path(path, opts.sheet.as_deref())?;
        let header = find_header(&grid, opts.id_column.as_deref())?;
        rosters.push(RosterFile {
            path: path.clone(),
            grid,
            bytes,
            header,
        });
    }
    Ok(rosters)
}

fn run_draw(
    frame: &[FrameRow],
    rosters: &[RosterFile],
    labels: &[String],
    opts: &DrawOptions,
    seed: &Seed,
) -> Result<Draw> {
    let source = if rosters.len() == 1 {
        rosters[0].path.display().to_string()
    } else {
        format!("{} rosters", rosters.len())
    };
    let plan = DrawPlan {
        seed: seed.clone(),
        take_all_short: opts.take_all_short,
        allow_count_mismatch: opts.allow_count_mismatch,
    };
    draw(frame, all_records(rosters, labels), &plan, &source)
}

/// Draws from `frame` rows held in memory (`opts.frame` is not read), writing nothing.
pub fn draw_in_memory(frame: &[FrameRow], opts: &DrawOptions) -> Result<Draw> {
    let seed = Seed::new(&opts.seed)?;
    let rosters = load_rosters(opts)?;
    let labels = union_labels(&rosters);
    run_draw(frame, &rosters, &labels, opts, &seed)
}

/// Draws from the rosters and writes the sample, its quality report and manifest.
pub fn write_draw(opts: &DrawOptions, out: &OutputOptions) -> Result<DrawReport> {
    let seed = Seed::new(&opts.seed)?;
    if opts.rosters.is_empty() {
        return Err(Error::Usage("give at least one --roster".into()));
    }
    check_output(&out.path, out.force)?;
    let qpath = quality_path(&out.path);
    if !out.force && qpath.exists() {
        return Err(Error::OutputExists { path: qpath });
    }
    let (frame, frame_bytes, frame_format) = load_frame(&opts.frame, opts.allow_edited_frame)?;
    let rosters = load_rosters(opts)?;
    let labels = union_labels(&rosters);
    let result = run_draw(&frame, &rosters, &labels, opts, &seed)?;

    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new("draw", parameters(opts, &seed));
    manifest.input(
        FileFacts {
            role: "frame",
            path: &opts.frame,
            sheet: None,
            format: frame_format,
            bytes: &frame_bytes,
            content: crate::frame::rows_digest(&frame),
        },
        &dir,
    );
    for (i, r) in rosters.iter().enumerate() {
        manifest.input(
            FileFacts {
                role: "roster",
                path: &r.path,
                sheet: r.grid.origin.sheet.clone(),
                format: r.grid.format.describe(),
                bytes: &r.bytes,
                content: roster_digest(&rosters, &labels, i)?,
            },
            &dir,
        );
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
            bytes: &qbytes,
            content: ContentDigest::of(std::iter::empty()),
        },
        &dir,
    );
    write_atomic(&qpath, &qbytes, out.force)?;
    write_with_manifest(
        &[result.to_table(&labels)],
        result.content_digest(),
        "sample",
        out,
        manifest,
        &dir,
    )?;
    Ok(DrawReport {
        draw: result,
        quality_path: qpath,
    })
}
