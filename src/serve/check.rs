//! 核查 of dropped files: each output dropped is verified against the manifest that
//! records it, by `pingyi verify` itself, in a check folder of the workspace that
//! holds the dropped bytes in the output's place. Dropped alone, the manifest is the
//! workspace's that records a file of this content, else of this name; dropped with a
//! manifest (and its inputs), that manifest and those files. What differs is shown as
//! verify says it, and cell by cell against the file the manifest records.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::digest::FileDigest;
use crate::provenance::cells::changed_cells;
use crate::provenance::manifest::{FileRecord, Manifest};

use super::Workspace;
use super::upload::Upload;

/// The most cells named as differing, per file.
const MOST_CELLS: usize = 20;

/// A dropped file: the upload and its SHA-256.
struct Dropped<'a> {
    upload: &'a Upload,
    sha256: String,
}

/// A manifest and where it lies.
struct Found {
    path: PathBuf,
    manifest: Manifest,
}

/// What was found for one dropped output: the headline and the lines below it.
pub struct Checked {
    pub ok: bool,
    pub lines: Vec<String>,
}

/// Checks every dropped file that is not a manifest.
pub fn dropped(ws: &Workspace, uploads: &[&Upload]) -> Vec<Checked> {
    let files: Vec<Dropped> = uploads
        .iter()
        .filter_map(|u| {
            let sha256 = FileDigest::of_file(&u.path).ok()?.sha256;
            Some(Dropped { upload: u, sha256 })
        })
        .collect();
    let given: Vec<Found> = files
        .iter()
        .filter(|f| is_manifest(&f.upload.shown))
        .filter_map(|f| read_manifest(&f.upload.path))
        .collect();
    let own = workspace_manifests(ws);
    files
        .iter()
        .filter(|f| !is_manifest(&f.upload.shown) && !an_input_of(&given, f))
        .map(|f| check_one(ws, f, &files, &given, &own))
        .collect()
}

/// Whether a dropped file is an input a dropped manifest records (and not an output
/// one records): it is checked as that input, not on its own.
fn an_input_of(given: &[Found], f: &Dropped) -> bool {
    let input = given
        .iter()
        .flat_map(|m| &m.manifest.inputs)
        .any(|r| r.sha256 == f.sha256 || file_name(&r.path) == f.upload.shown);
    input && recording(given, f).is_none()
}

/// Checks one dropped output: with a dropped manifest that records it, else with the
/// workspace's.
fn check_one(
    ws: &Workspace,
    f: &Dropped,
    files: &[Dropped],
    given: &[Found],
    own: &[Found],
) -> Checked {
    let name = &f.upload.shown;
    if let Some((found, record)) = recording(given, f) {
        return verify_in_check_folder(ws, f, found, record, files, false);
    }
    match recording(own, f) {
        Some((found, record)) => verify_in_check_folder(ws, f, found, record, files, true),
        None => Checked {
            ok: false,
            lines: vec![msg!("serve-verify-unknown", name = name).render()],
        },
    }
}

/// The manifest and its output record for a dropped file: by content first, then by
/// its name (or the Chinese name it was downloaded under).
fn recording<'a>(manifests: &'a [Found], f: &Dropped) -> Option<(&'a Found, &'a FileRecord)> {
    let outputs = || {
        manifests
            .iter()
            .flat_map(|m| m.manifest.outputs.iter().map(move |r| (m, r)))
    };
    let named = |r: &FileRecord| {
        let own = file_name(&r.path);
        own == f.upload.shown || super::workspace::download_name(Path::new(&own)) == f.upload.shown
    };
    outputs()
        .find(|(_, r)| r.sha256 == f.sha256)
        .or_else(|| outputs().find(|(_, r)| named(r)))
}

/// The last part of a recorded path.
fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

fn is_manifest(name: &str) -> bool {
    name.ends_with(".manifest.json")
}

fn read_manifest(path: &Path) -> Option<Found> {
    let bytes = std::fs::read(path).ok()?;
    let manifest = Manifest::from_bytes(&bytes, &path.display().to_string()).ok()?;
    Some(Found {
        path: path.to_path_buf(),
        manifest,
    })
}

/// Every manifest under the workspace's `out/`.
fn workspace_manifests(ws: &Workspace) -> Vec<Found> {
    let mut found = Vec::new();
    let mut stack = vec![ws.out()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                stack.push(p);
            } else if is_manifest(&p.to_string_lossy()) {
                found.extend(read_manifest(&p));
            }
        }
    }
    found
}

/// The check folder: hidden in the workspace, removed when dropped.
struct CheckFolder {
    root: PathBuf,
}

impl Drop for CheckFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Verifies `f` against `found` in a check folder: for a manifest of the workspace,
/// its folder's files linked in at the same depth (so its inputs resolve to the
/// workspace's) and the dropped bytes in the output's place; for a dropped manifest,
/// the dropped files in the places its records give.
fn verify_in_check_folder(
    ws: &Workspace,
    f: &Dropped,
    found: &Found,
    record: &FileRecord,
    files: &[Dropped],
    own: bool,
) -> Checked {
    let folder = CheckFolder {
        root: ws.root().join(".pingyi-check"),
    };
    let _ = std::fs::remove_dir_all(&folder.root);
    let placed = if own {
        mirror(ws, &folder.root, found, record, f)
    } else {
        lay_out(&folder.root, found, files)
    };
    let manifest = match placed {
        Ok(m) => m,
        Err(e) => return failed(&f.upload.shown, e),
    };
    let mut checked = run_verify(ws, &manifest, &folder.root, f, found, own);
    if own {
        let recorded = found
            .path
            .parent()
            .map(|d| d.join(&record.path))
            .filter(|p| FileDigest::of_file(p).is_ok_and(|d| d.sha256 == record.sha256));
        if let Some(recorded) = recorded.filter(|_| f.sha256 != record.sha256) {
            checked
                .lines
                .extend(cell_differences(&f.upload.path, &recorded));
        }
    }
    checked
}

fn failed(name: &str, e: Error) -> Checked {
    Checked {
        ok: false,
        lines: vec![
            msg!("serve-verify-not-ok", name = name).render(),
            crate::privacy::mask_personal(&e.message().render()),
        ],
    }
}

/// The workspace manifest's folder linked into the check folder at the same depth
/// below the workspace (`out/county` → `.pingyi-check/county`), the dropped bytes in
/// place of the recorded output; the manifest's path there.
fn mirror(
    ws: &Workspace,
    root: &Path,
    found: &Found,
    record: &FileRecord,
    f: &Dropped,
) -> Result<PathBuf> {
    let dir = found
        .path
        .parent()
        .unwrap_or(ws.out().as_path())
        .to_path_buf();
    let below = dir.strip_prefix(ws.out()).unwrap_or(Path::new(""));
    let target = root.join(below);
    std::fs::create_dir_all(&target).map_err(|e| Error::write(&target, e))?;
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::read(&dir, e))?;
    for entry in entries.flatten().filter(|e| e.path().is_file()) {
        let to = target.join(entry.file_name());
        if std::fs::hard_link(entry.path(), &to).is_err() {
            std::fs::copy(entry.path(), &to).map_err(|e| Error::write(&to, e))?;
        }
    }
    let place = plain(&target, &record.path)?;
    let _ = std::fs::remove_file(&place);
    std::fs::copy(&f.upload.path, &place).map_err(|e| Error::write(&place, e))?;
    Ok(target.join(file_name(&found.path.to_string_lossy())))
}

/// A dropped manifest and the dropped files it records (by content, else by name),
/// each in the place its record gives, below a folder deep enough for its `..`.
fn lay_out(root: &Path, found: &Found, files: &[Dropped]) -> Result<PathBuf> {
    let m = &found.manifest;
    let records: Vec<&FileRecord> = m.inputs.iter().chain(&m.outputs).collect();
    let ups = records
        .iter()
        .map(|r| r.path.split('/').take_while(|p| *p == "..").count())
        .max()
        .unwrap_or(0);
    let dir = (0..ups).fold(root.to_path_buf(), |d, i| d.join(format!("d{i}")));
    std::fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
    for r in records {
        let by_content = files.iter().find(|f| f.sha256 == r.sha256);
        let by_name = || files.iter().find(|f| f.upload.shown == file_name(&r.path));
        let Some(f) = by_content.or_else(by_name) else {
            continue;
        };
        let Some(place) = inside(root, &dir.join(&r.path)) else {
            continue;
        };
        if let Some(parent) = place.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        std::fs::copy(&f.upload.path, &place).map_err(|e| Error::write(&place, e))?;
    }
    let name = found_name(found, files);
    let manifest = dir.join(name.unwrap_or_else(|| file_name(&found.path.to_string_lossy())));
    std::fs::copy(&found.path, &manifest).map_err(|e| Error::write(&manifest, e))?;
    Ok(manifest)
}

/// The clerk's name of a dropped manifest.
fn found_name(found: &Found, files: &[Dropped]) -> Option<String> {
    files
        .iter()
        .find(|f| f.upload.path == found.path)
        .map(|f| f.upload.shown.clone())
}

/// `path` made plain (no `.` or `..`), if it stays inside `root`.
fn inside(root: &Path, path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out.starts_with(root).then_some(out)
}

/// A recorded output's place in `dir`: it must be a plain name in the folder.
fn plain(dir: &Path, recorded: &str) -> Result<PathBuf> {
    let place = dir.join(recorded);
    match inside(dir, &place) {
        Some(p) if p.parent() == Some(dir) => Ok(p),
        _ => Err(Error::Internal(format!(
            "a recorded output {recorded} out of its folder"
        ))),
    }
}

/// `pingyi verify` on the manifest in the check folder, its verdicts with the check
/// folder's paths written as the workspace's (or the clerk's names).
fn run_verify(
    ws: &Workspace,
    manifest: &Path,
    root: &Path,
    f: &Dropped,
    found: &Found,
    own: bool,
) -> Checked {
    let opts = crate::commands::verify::VerifyOptions {
        root: Some(if own { ws.root() } else { root }.to_path_buf()),
        seed: None,
        commitment: None,
    };
    let target = crate::commands::verify::VerifyTarget::Manifest {
        path: manifest.to_path_buf(),
        chain: false,
    };
    let name = &f.upload.shown;
    let outcome = match crate::commands::verify::run(&target, &opts) {
        Ok(o) => o,
        Err(e) => return failed(name, e),
    };
    let (text, manifest_name) = as_shown(ws, manifest, found, own, outcome.summary);
    let ok = outcome.failure.is_none();
    let headline = if ok {
        msg!("serve-verify-ok", name = name, manifest = manifest_name)
    } else {
        msg!("serve-verify-not-ok", name = name)
    };
    let mut lines = vec![headline.render()];
    lines.extend(text.lines().map(crate::privacy::mask_personal));
    Checked { ok, lines }
}

/// Verify's `summary` with the check folder written as the workspace's folder (or left
/// out, for a dropped manifest), and the manifest's name to show.
fn as_shown(
    ws: &Workspace,
    manifest: &Path,
    found: &Found,
    own: bool,
    summary: String,
) -> (String, String) {
    let Some(dir) = manifest.parent().map(|d| d.display().to_string()) else {
        return (summary, String::new());
    };
    if own {
        let real = found
            .path
            .parent()
            .unwrap_or(ws.root())
            .display()
            .to_string();
        (
            summary.replace(&dir, &real),
            found.path.display().to_string(),
        )
    } else {
        let shown = file_name(&manifest.to_string_lossy());
        (summary.replace(&format!("{dir}/"), ""), shown)
    }
}

/// The cells of `dropped` that differ from `recorded` (the file its manifest records),
/// the first [`MOST_CELLS`] named by cell and header, values masked as verify masks them
/// ([`changed_cells`]).
fn cell_differences(dropped: &Path, recorded: &Path) -> Vec<String> {
    let (Ok((a, _)), Ok((b, _))) = (
        crate::io::read_grid_path(dropped, None),
        crate::io::read_grid_path(recorded, None),
    ) else {
        return Vec::new();
    };
    let mut out = vec![msg!("serve-verify-cells").render()];
    let Some((changes, _)) = changed_cells(&a, &b, MOST_CELLS) else {
        let (found, expected) = (a.rows.len(), b.rows.len());
        out.push(msg!("serve-verify-row-count", found, expected).render());
        return out;
    };
    for c in changes {
        let at = &c.location;
        let letter = at.column_index.map(crate::error::column_letter);
        let line = msg!(
            "serve-verify-cell",
            cell = format!("{}{}", letter.unwrap_or_default(), at.row.unwrap_or(0)),
            header = at.column.clone().unwrap_or_default(),
            found = c.found,
            expected = c.expected
        );
        out.push(line.render());
    }
    out
}

/// The verdicts of the dropped outputs as one text.
pub fn text(checked: &[Checked]) -> Option<String> {
    let blocks: Vec<String> = checked.iter().map(|c| c.lines.join("\n")).collect();
    (!blocks.is_empty()).then(|| blocks.join("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_kept_inside_its_folder() {
        let root = Path::new("/w/.pingyi-check");
        assert_eq!(
            inside(root, &root.join("d0/d1/../../inputs/x.csv")),
            Some(root.join("inputs/x.csv"))
        );
        assert_eq!(inside(root, &root.join("d0/../../x")), None);
        assert!(plain(root, "a.csv").is_ok());
        assert!(plain(root, "../a.csv").is_err());
        assert!(plain(root, "b/a.csv").is_err());
    }
}
