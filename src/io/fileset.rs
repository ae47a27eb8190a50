//! Writing a set of files (an output, its side files, its manifest) so that it appears
//! whole or not at all: each file goes to a temporary beside its target, a pending
//! record names the set, the manifests (the files that vouch for the others) are put in
//! place last, and the next write into a folder clears what a killed attempt left there.
//!
//! Every transient file is named `.pingyi-tmp-<process id>-…`, so a later run can tell
//! it apart from anything else and knows whether the process that made it still runs.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The start of every transient file's name.
pub const TMP_PREFIX: &str = ".pingyi-tmp-";
/// The end of a pending record's name.
const PENDING_SUFFIX: &str = ".pending.json";
const PENDING_FORMAT: &str = "pingyi-pending/1";

/// One file of a set, written to its temporary and waiting to be put in place.
struct Staged {
    target: PathBuf,
    tmp: tempfile::TempPath,
    sha256: String,
    /// A manifest: put in place after every other file, removed first when replaced.
    seal: bool,
}

/// Files that appear together (see the module documentation).
#[derive(Default)]
pub struct FileSet {
    files: Vec<Staged>,
}

/// What a pending record says: the files of its folder, and every seal of the set.
#[derive(Debug, Serialize, Deserialize)]
struct Pending {
    format: String,
    /// Files of the record's own folder, by name.
    files: Vec<PendingFile>,
    /// Every manifest of the set, by absolute path: the set is complete when all are in
    /// place with these digests.
    seals: Vec<PendingSeal>,
}

#[derive(Debug, Serialize, Deserialize)]
struct PendingFile {
    name: String,
    sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct PendingSeal {
    path: PathBuf,
    sha256: String,
}

/// The folder a file is written in (`.` for a bare name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn tmp_prefix() -> String {
    format!("{TMP_PREFIX}{}-", std::process::id())
}

/// Writes `bytes` to a new temporary in `dir`, synced to disk, readable like any output.
fn write_temp(dir: &Path, bytes: &[u8], suffix: &str, target: &Path) -> Result<tempfile::TempPath> {
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&tmp_prefix())
        .suffix(suffix)
        .tempfile_in(dir)
        .map_err(|e| Error::write(target, e))?;
    tmp.write_all(bytes).map_err(|e| Error::write(target, e))?;
    // A temporary file is private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(tmp.path(), perms).map_err(|e| Error::write(target, e))?;
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::write(target, e))?;
    Ok(tmp.into_temp_path())
}

impl FileSet {
    pub fn new() -> FileSet {
        FileSet::default()
    }

    /// Adds a file to the set; its bytes are written to a temporary at once (and may
    /// be dropped by the caller). A `seal` (a manifest) goes into place last.
    pub fn add(&mut self, target: &Path, bytes: &[u8], seal: bool) -> Result<()> {
        self.add_hashed(target, bytes, super::digest::sha256_hex(bytes), seal)
    }

    /// [`FileSet::add`] for bytes whose SHA-256 (hex) the caller has already taken.
    pub fn add_hashed(
        &mut self,
        target: &Path,
        bytes: &[u8],
        sha256: String,
        seal: bool,
    ) -> Result<()> {
        if self.files.iter().any(|f| f.target == target) {
            return Err(Error::Internal(format!(
                "{} is written twice in one set",
                target.display()
            )));
        }
        let tmp = write_temp(&folder_of(target), bytes, ".tmp", target)?;
        self.files.push(Staged {
            target: target.to_path_buf(),
            tmp,
            sha256,
            seal,
        });
        Ok(())
    }

    /// Puts every file in place: the other files first, the seals last. Without
    /// `force` an existing target is an error and nothing is written. A failure part
    /// way removes what this set had put in place, so no manifest vouches for a mix.
    pub fn commit(self, force: bool) -> Result<()> {
        for f in &self.files {
            refuse_folder(&f.target)?;
            if !force && std::fs::symlink_metadata(&f.target).is_ok() {
                return Err(Error::OutputExists {
                    path: f.target.clone(),
                });
            }
        }
        let records = self.write_pending()?;
        let folders = self.folders();
        let mut placed = Vec::new();
        let result = place(self.files, force, &mut placed);
        if result.is_err() {
            for (target, sha256) in &placed {
                remove_if_digest(target, sha256);
            }
        }
        for dir in folders {
            sync_folder(&dir);
        }
        for r in records {
            let _ = std::fs::remove_file(&r);
        }
        result
    }

    fn folders(&self) -> Vec<PathBuf> {
        let mut dirs: Vec<PathBuf> = self.files.iter().map(|f| folder_of(&f.target)).collect();
        dirs.sort();
        dirs.dedup();
        dirs
    }

    /// Writes one pending record per folder of the set; returns their paths.
    fn write_pending(&self) -> Result<Vec<PathBuf>> {
        let seals: Vec<PendingSeal> = self
            .files
            .iter()
            .filter(|f| f.seal)
            .map(|f| PendingSeal {
                path: std::path::absolute(&f.target).unwrap_or_else(|_| f.target.clone()),
                sha256: f.sha256.clone(),
            })
            .collect();
        let mut paths = Vec::new();
        for dir in self.folders() {
            let files = self
                .files
                .iter()
                .filter(|f| folder_of(&f.target) == dir)
                .filter_map(|f| {
                    Some(PendingFile {
                        name: f.target.file_name()?.to_string_lossy().into_owned(),
                        sha256: f.sha256.clone(),
                    })
                })
                .collect();
            let seals = seals.clone();
            let record = Pending {
                format: PENDING_FORMAT.into(),
                files,
                seals,
            };
            let bytes = serde_json::to_vec(&record)
                .map_err(|e| Error::Internal(format!("pending record: {e}")))?;
            let tmp = write_temp(&dir, &bytes, PENDING_SUFFIX, &dir)?;
            let path = tmp.keep().map_err(|e| Error::write(&dir, e.error))?;
            paths.push(path);
        }
        Ok(paths)
    }
}

/// Refuses a target that is a folder: a rename would fail half way through a set.
fn refuse_folder(target: &Path) -> Result<()> {
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => Err(Error::usage(crate::i18n::msg!(
            "write-target-is-folder",
            path = target.display()
        ))),
        _ => Ok(()),
    }
}

/// Puts the files in place, the seals last; `placed` collects what was put in place.
fn place(files: Vec<Staged>, force: bool, placed: &mut Vec<(PathBuf, String)>) -> Result<()> {
    if force {
        // The old manifests go first: from here until the new ones are in place no
        // manifest vouches for the files, rather than an old one for a mix.
        for f in files.iter().filter(|f| f.seal) {
            match std::fs::remove_file(&f.target) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(Error::write(&f.target, e));
                }
                _ => {}
            }
        }
    }
    let (seals, others): (Vec<Staged>, Vec<Staged>) = files.into_iter().partition(|f| f.seal);
    for f in others.into_iter().chain(seals) {
        let result = if force {
            f.tmp.persist(&f.target)
        } else {
            f.tmp.persist_noclobber(&f.target)
        };
        result.map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::OutputExists {
                    path: f.target.clone(),
                }
            } else {
                Error::write(&f.target, e.error)
            }
        })?;
        placed.push((f.target, f.sha256));
    }
    Ok(())
}

/// Writes one file through a temporary and a rename, so a reader never sees half of
/// it; clears what a killed earlier write left in the folder first.
pub fn write_one(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    recover_folder(&folder_of(path));
    let mut set = FileSet::new();
    set.add(path, bytes, true)?;
    set.commit(force)
}

fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Removes `path` if it is a regular file (not a link) holding exactly `sha256`.
fn remove_if_digest(path: &Path, sha256: &str) -> bool {
    let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    if !is_file {
        return false;
    }
    let same = super::digest::FileDigest::of_file(path).is_ok_and(|d| d.sha256 == sha256);
    same && std::fs::remove_file(path).is_ok()
}

/// The process id a transient file's name carries.
fn owner_of(name: &str) -> Option<u32> {
    name.strip_prefix(TMP_PREFIX)?
        .split('-')
        .next()?
        .parse()
        .ok()
}

/// Whether the process that made a transient file has ended (so the file is stale).
/// Where running processes cannot be listed, a file untouched for six hours is stale.
fn owner_gone(pid: Option<u32>, meta: &std::fs::Metadata) -> bool {
    if pid == Some(std::process::id()) {
        return false;
    }
    let proc_root = Path::new("/proc/self");
    match pid {
        Some(pid) if proc_root.exists() => !Path::new("/proc").join(pid.to_string()).exists(),
        _ => meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 6 * 3600),
    }
}

/// Clears what killed writes left in `dir`: the files an unfinished set had already put
/// in place (recognised by the digests its pending record holds; a finished set is
/// kept), then the stale temporaries, which may hold personal data. Returns how many
/// files were removed. Files of running processes are left alone.
pub fn recover_folder(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut stale = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with(TMP_PREFIX) {
            continue;
        }
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if meta.file_type().is_file() && owner_gone(owner_of(&name), &meta) {
            stale.push((name, entry.path()));
        }
    }
    let mut removed = 0;
    for (_, path) in stale.iter().filter(|(n, _)| n.ends_with(PENDING_SUFFIX)) {
        removed += undo_unfinished(dir, path);
    }
    for (_, path) in &stale {
        if std::fs::remove_file(path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Removes the files of an unfinished set that its pending record names in `dir`.
fn undo_unfinished(dir: &Path, record: &Path) -> usize {
    let Ok(bytes) = std::fs::read(record) else {
        return 0;
    };
    let Ok(pending) = serde_json::from_slice::<Pending>(&bytes) else {
        // Cut short while being written: nothing of its set was put in place yet.
        return 0;
    };
    if pending.format != PENDING_FORMAT {
        return 0;
    }
    let finished = !pending.seals.is_empty()
        && pending.seals.iter().all(|s| {
            super::digest::FileDigest::of_file(&s.path).is_ok_and(|d| d.sha256 == s.sha256)
        });
    if finished {
        return 0;
    }
    pending
        .files
        .iter()
        .filter(|f| {
            let mut parts = Path::new(&f.name).components();
            matches!(
                (parts.next(), parts.next()),
                (Some(Component::Normal(_)), None)
            )
        })
        .filter(|f| remove_if_digest(&dir.join(&f.name), &f.sha256))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_appears_with_its_seal_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let (a, m) = (
            dir.path().join("a.csv"),
            dir.path().join("a.csv.manifest.json"),
        );
        let mut set = FileSet::new();
        set.add(&a, b"data", false).unwrap();
        set.add(&m, b"seal", true).unwrap();
        set.commit(false).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"data");
        assert_eq!(std::fs::read(&m).unwrap(), b"seal");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn without_force_an_existing_file_stops_the_whole_set() {
        let dir = tempfile::tempdir().unwrap();
        let (a, m) = (
            dir.path().join("a.csv"),
            dir.path().join("a.csv.manifest.json"),
        );
        std::fs::write(&m, b"old").unwrap();
        let mut set = FileSet::new();
        set.add(&a, b"data", false).unwrap();
        set.add(&m, b"seal", true).unwrap();
        assert!(matches!(set.commit(false), Err(Error::OutputExists { .. })));
        assert!(!a.exists());
        assert_eq!(std::fs::read(&m).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A record left by a process that has ended (pid 0 is never a user process).
    fn dead_record(dir: &Path, pending: &Pending) -> PathBuf {
        let path = dir.join(format!("{TMP_PREFIX}0-x{PENDING_SUFFIX}"));
        std::fs::write(&path, serde_json::to_vec(pending).unwrap()).unwrap();
        path
    }

    #[test]
    fn an_unfinished_set_is_undone_and_a_finished_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("a.csv"), b"new").unwrap();
        std::fs::write(d.join("b.csv"), b"user's").unwrap();
        std::fs::write(d.join(format!("{TMP_PREFIX}0-y.tmp")), b"personal").unwrap();
        let file = |n: &str, b: &[u8]| PendingFile {
            name: n.into(),
            sha256: crate::io::digest::sha256_hex(b),
        };
        let record = dead_record(
            d,
            &Pending {
                format: PENDING_FORMAT.into(),
                files: vec![
                    file("a.csv", b"new"),
                    file("b.csv", b"new"),
                    file("../x", b""),
                ],
                seals: vec![PendingSeal {
                    path: d.join("a.csv.manifest.json"),
                    sha256: crate::io::digest::sha256_hex(b"seal"),
                }],
            },
        );
        assert_eq!(recover_folder(d), 3);
        assert!(!d.join("a.csv").exists());
        assert_eq!(std::fs::read(d.join("b.csv")).unwrap(), b"user's");
        assert!(!record.exists());
        // Finished: the seal is in place, so its files stay.
        std::fs::write(d.join("a.csv"), b"new").unwrap();
        std::fs::write(d.join("a.csv.manifest.json"), b"seal").unwrap();
        dead_record(
            d,
            &Pending {
                format: PENDING_FORMAT.into(),
                files: vec![file("a.csv", b"new"), file("a.csv.manifest.json", b"seal")],
                seals: vec![PendingSeal {
                    path: d.join("a.csv.manifest.json"),
                    sha256: crate::io::digest::sha256_hex(b"seal"),
                }],
            },
        );
        assert_eq!(recover_folder(d), 1);
        assert!(d.join("a.csv").exists() && d.join("a.csv.manifest.json").exists());
    }

    #[test]
    fn a_live_process_keeps_its_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join(format!("{}x.tmp", tmp_prefix()));
        std::fs::write(&mine, b"in use").unwrap();
        assert_eq!(recover_folder(dir.path()), 0);
        assert!(mine.exists());
    }
}
