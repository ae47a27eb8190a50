//! What the audit commands read besides their own input: a collected sample from its
//! file, the draw seed recorded beside it, the returned checklists (files or folders),
//! and the selection they belong to (by their 核查批次) with its key.

use std::path::{Path, PathBuf};

use crate::audit::collect::{CollectedRecords, collect};
use crate::audit::digest::{audit_key, collected_digest};
use crate::audit::intake::{
    ChecklistId, RecordedSelection, audit_numbers, checklist_id, is_checklist,
};
use crate::draw::ids::{IdMatch, SampleIds};
use crate::draw::roster::RosterReader;
use crate::error::{Error, Location, Result};
use crate::i18n::msg;
use crate::io::stream::open_rows;
use crate::io::{Grid, read_grid_path};
use crate::provenance::confine::Confinement;
use crate::provenance::manifest::{Manifest, manifest_path};

use super::output::manifest_dir;

/// Reads the collected records of a sample file (main rows, and reserves marked as
/// used).
pub fn read_collected(
    sample: &Path,
    sheet: Option<&str>,
    id_column: Option<&str>,
) -> Result<CollectedRecords> {
    collect(RosterReader::open(open_rows(sample, sheet)?, id_column)?)
}

/// The manifest recorded beside the sample, if any can be read.
fn manifest_beside(sample: &Path) -> Option<Manifest> {
    let bytes = crate::io::files::read_regular(&manifest_path(sample)).ok()?;
    Manifest::from_bytes(&bytes, "").ok()
}

/// The draw seed recorded beside the sample, if any.
pub fn draw_seed_of(sample: &Path) -> Option<String> {
    let m = manifest_beside(sample)?;
    m.parameters.seed().map(|s| s.trim().to_string())
}

/// The id column the draw of `sample` used, as the draw's manifest beside it records
/// it: the column it was told (`--id-column`), else the one it found when the sample's
/// header would now lead to another (a 编号 column an office added in front of the
/// 身份证号 the draw used). `None` when the header leads to the draw's column anyway,
/// or nothing is recorded.
pub fn draw_id_column_of(sample: &Path) -> Option<String> {
    let crate::provenance::params::Parameters::Draw(p) = manifest_beside(sample)?.parameters else {
        return None;
    };
    if p.id_column.is_some() {
        return p.id_column;
    }
    let found = p.id_headers.into_iter().next()?;
    let guessed = open_rows(sample, None)
        .and_then(|rows| RosterReader::open(rows, None))
        .map(|r| r.header.labels[r.header.id].clone());
    match guessed {
        Ok(g) if crate::io::text::match_key(&g) == crate::io::text::match_key(&found) => None,
        _ => Some(found),
    }
}

/// A returned checklist as read: its path, grid, bytes and 核查批次.
pub struct ReturnedChecklist {
    pub path: PathBuf,
    pub grid: Grid,
    pub bytes: Vec<u8>,
    /// `None`: a checklist written before the 核查批次 was carried.
    pub id: Option<ChecklistId>,
}

/// The extensions of the table files a folder of returned checklists is read for.
const TABLE_EXTENSIONS: [&str; 7] = ["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods"];

/// Reads the returned checklists `given` names: files, and folders of them (their table
/// files without a 核查编号 column skipped, such as a tally written there), sorted by
/// path and each read once, so the order they are given in does not matter.
pub fn read_returned(given: &[PathBuf], sheet: Option<&str>) -> Result<Vec<ReturnedChecklist>> {
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in given {
        if path.is_dir() {
            files.extend(tables_in(path)?.into_iter().map(|p| (p, true)));
        } else {
            files.push((path.clone(), false));
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    let mut read = Vec::new();
    for (path, from_folder) in files {
        let (mut grid, bytes) = read_grid_path(&path, sheet)?;
        if sheet.is_none() && !is_checklist(&grid) {
            grid = checklist_sheet(grid, &bytes, &path)?;
        }
        if from_folder && !is_checklist(&grid) {
            continue;
        }
        crate::io::counts::refuse_formulas_without_results(&grid, &bytes)?;
        if audit_numbers(&grid)?.is_empty() {
            let at = Location::file(path.display().to_string());
            return Err(Error::input(at, msg!("audit-checklist-no-rows")));
        }
        let id = checklist_id(&grid)?;
        read.push(ReturnedChecklist {
            path,
            grid,
            bytes,
            id,
        });
    }
    match given.first() {
        Some(first) if read.is_empty() => Err(Error::input(
            Location::file(first.display().to_string()),
            msg!("audit-returns-none"),
        )),
        _ => Ok(read),
    }
}

/// The sheet of a workbook holding the checklist, when its first sheet (`grid`) does
/// not (a 说明 sheet put before it): the one other sheet with a 核查编号 column; `grid`
/// itself when none has one; refused when several have, as picking one would be a guess.
fn checklist_sheet(grid: Grid, bytes: &[u8], path: &Path) -> Result<Grid> {
    let name = path.display().to_string();
    crate::io::grid::fitting_sheet(grid, bytes, &name, is_checklist, |sheets| {
        msg!("audit-checklist-sheets", sheets)
    })
}

/// The table files of a folder (hidden files and Excel's lock files skipped).
fn tables_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
    Ok(entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            let ext = p
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            !name.starts_with('.')
                && !name.starts_with("~$")
                && ext.is_some_and(|e| TABLE_EXTENSIONS.contains(&e.as_str()))
        })
        .collect())
}

/// The manifest of the audit selection whose 核查批次 a checklist carries: in the
/// checklist's folder or the one above it (where `pingyi audit select` wrote it when
/// the returned files were put in a folder of their own); refused, naming the cell and
/// `--manifest`, when none is found.
pub fn find_selection_by_id(checklist: &Path, id: &ChecklistId) -> Result<PathBuf> {
    let dir = manifest_dir(checklist);
    let parent = match dir.parent() {
        Some(p) if p.as_os_str().is_empty() => PathBuf::from("."),
        Some(p) => p.to_path_buf(),
        None => dir.clone(),
    };
    let mut folders = vec![dir.clone()];
    if parent != dir && !(dir.as_os_str().is_empty() || dir == Path::new(".")) {
        folders.push(parent);
    }
    for folder in &folders {
        let found = selections_in(folder)
            .into_iter()
            .find(|(_, r)| r.audit_id.as_deref().is_some_and(|a| id.is(a)));
        if let Some((path, _)) = found {
            return Ok(path);
        }
    }
    let names: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
    let (value, folders) = (crate::privacy::quote_cell(&id.id), names.join(", "));
    Err(Error::input(
        id.at.clone(),
        msg!("audit-id-not-found", value, folders),
    ))
}

/// The manifest of the one audit selection in `checklist`'s folder that holds every
/// audit number of the checklist (the tally then checks every row against it);
/// refused, naming `--manifest`, when none or several do.
pub fn find_selection(checklist: &Path, grid: &Grid) -> Result<PathBuf> {
    let numbers = audit_numbers(grid)?;
    let dir = manifest_dir(checklist);
    let mut found: Vec<PathBuf> = selections_in(&dir)
        .into_iter()
        .filter(|(_, recorded)| {
            let ids = SampleIds::new(recorded.records.keys().map(String::as_str));
            let known = |n: &String| !matches!(ids.find(n), IdMatch::Missing(_));
            !numbers.is_empty() && numbers.iter().all(known)
        })
        .map(|(path, _)| path)
        .collect();
    let at = Location::file(checklist.display().to_string());
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::input(
            at,
            msg!("audit-selection-not-found", folder = dir.display()),
        )),
        _ => {
            let names: Vec<String> = found.iter().map(|p| p.display().to_string()).collect();
            let manifests = names.join(", ");
            Err(Error::input(
                at,
                msg!("audit-selection-ambiguous", manifests),
            ))
        }
    }
}

/// The audit selections recorded by the manifests of `dir` (others, and files that
/// cannot be read, skipped), sorted by name.
fn selections_in(dir: &Path) -> Vec<(PathBuf, RecordedSelection)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".manifest.json") && p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let bytes = crate::io::files::read_regular(&p).ok()?;
            let name = p.display().to_string();
            let m = Manifest::from_bytes(&bytes, &name).ok()?;
            let recorded = RecordedSelection::from_manifest(m, &name).ok()?;
            Some((p, recorded))
        })
        .collect()
}

/// A recorded selection read from its manifest file, with its key.
pub struct RecordedInput {
    pub file: PathBuf,
    pub bytes: Vec<u8>,
    pub recorded: RecordedSelection,
    /// The selection's key (`None` for selections of earlier versions).
    pub key: Option<[u8; 32]>,
}

impl RecordedInput {
    /// Reads the selection `file` records, and its key from the collected sample.
    pub fn read(file: PathBuf) -> Result<RecordedInput> {
        let bytes = crate::io::files::read_regular(&file)?;
        let name = file.display().to_string();
        let recorded =
            RecordedSelection::from_manifest(Manifest::from_bytes(&bytes, &name)?, &name)?;
        let key = match recorded.keyed {
            true => Some(recorded_key(&file, &recorded)?),
            false => None,
        };
        Ok(RecordedInput {
            file,
            bytes,
            recorded,
            key,
        })
    }
}

/// Where the collected sample a manifest names is: beside the manifest, and there.
fn sample_path(manifest_file: &Path, recorded: &str) -> Result<PathBuf> {
    let dir = manifest_dir(manifest_file);
    let path = Confinement::new(&dir)?.resolve(manifest_file, &dir, recorded)?;
    if !path.exists() {
        return Err(Error::input(
            Location::file(manifest_file.display().to_string()),
            msg!("audit-sample-missing", sample = recorded),
        ));
    }
    Ok(path)
}

/// The key of a recorded selection, from the collected sample it names (which must
/// lie beside the manifest and hold the records it held when the selection was made).
fn recorded_key(manifest_file: &Path, recorded: &RecordedSelection) -> Result<[u8; 32]> {
    let at = Location::file(manifest_file.display().to_string());
    let Some(sample) = &recorded.sample else {
        return Err(Error::input(at, msg!("audit-selection-no-sample")));
    };
    let path = sample_path(manifest_file, &sample.path)?;
    let c = read_collected(
        &path,
        sample.sheet.as_deref(),
        recorded.id_column.as_deref(),
    )?;
    if collected_digest(&c.records).digest != sample.content {
        return Err(Error::input(
            Location::file(path.display().to_string()),
            msg!("audit-sample-changed", manifest = manifest_file.display()),
        ));
    }
    Ok(audit_key(&c.records))
}
