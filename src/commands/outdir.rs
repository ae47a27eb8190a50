//! The output folder of `pingyi run`. Its marker records every file a run wrote with
//! the file's digest; a rerun replaces only those files, and only while unchanged.
//! The new outputs are written into a staging folder beside `out/`, every other file
//! of `out/` is carried into it (linked, not copied, where the disk allows), and the
//! two folders are swapped by renames: a reader sees the old set, the new set, or —
//! between the two renames — no folder, never a mix. What a killed run leaves (the
//! staging folder, the old folder) is cleared, or put back, by the next run.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::{Message, msg};
use crate::io::digest::FileDigest;
use crate::io::fileset::recover_folder;

use super::config::LevelConfig;

/// The file that marks an output folder as written by `pingyi run`.
pub const OUT_MARKER: &str = ".pingyi-run";

/// The output folder a run has claimed.
#[derive(Debug)]
pub struct OutDir {
    /// The folder, absolute (a link named as `--out` is followed).
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
}

/// The files of `out/` that an earlier run wrote and nobody changed since.
#[derive(Default)]
struct Owned {
    files: BTreeSet<PathBuf>,
    /// Files a marker of an earlier version lists without a digest.
    undigested: BTreeSet<PathBuf>,
    notes: Vec<String>,
}

fn usage(message: Message) -> Error {
    Error::usage(message)
}

/// Removes a file, a link, or a folder with everything in it (links are not followed).
fn remove_any(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// A marker line's digest (lower-case hex) and path, where it has a digest.
fn digest_line(line: &str) -> Option<(String, PathBuf)> {
    let (d, rel) = line.split_once(char::is_whitespace)?;
    (d.len() == 64 && d.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (d.to_ascii_lowercase(), PathBuf::from(rel.trim())))
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether `rel` is a plain relative path (no root, no `..`, no `.`).
fn is_plain(rel: &Path) -> bool {
    rel.components().count() > 0 && rel.components().all(|c| matches!(c, Component::Normal(_)))
}

/// The regular file at `root/rel`, reached through real folders only (no link on the
/// way), if there is one.
fn file_inside(root: &Path, rel: &Path) -> Option<PathBuf> {
    let mut at = root.to_path_buf();
    let parts: Vec<_> = rel.components().collect();
    for (i, part) in parts.iter().enumerate() {
        at.push(part);
        let meta = std::fs::symlink_metadata(&at).ok()?;
        let last = i + 1 == parts.len();
        if (last && !meta.file_type().is_file()) || (!last && !meta.file_type().is_dir()) {
            return None;
        }
    }
    Some(at)
}

impl OutDir {
    /// Resolves `out`, puts back or clears what a killed earlier run left beside it, and
    /// checks the folder may be used: a folder holding files that no run wrote needs
    /// `force` (and even then nothing in it is replaced or removed).
    pub fn claim(out: &Path, force: bool) -> Result<OutDir> {
        let mut abs = std::path::absolute(out).map_err(|e| Error::write(out, e))?;
        if std::fs::symlink_metadata(&abs).is_ok_and(|m| m.file_type().is_symlink()) {
            abs = std::fs::canonicalize(&abs).map_err(|e| Error::write(out, e))?;
        }
        let (Some(parent), Some(name)) = (abs.parent(), abs.file_name()) else {
            return Err(usage(msg!("output-folder-unnamed", path = out.display())));
        };
        let name = name.to_string_lossy();
        let dir = OutDir {
            staging: parent.join(format!(".{name}.pingyi-staging")),
            old: parent.join(format!(".{name}.pingyi-old")),
            out: abs,
        };
        dir.recover()?;
        dir.check_usable(out, force)?;
        Ok(dir)
    }

    /// Undoes a run killed while swapping the folders (the old set goes back), and
    /// removes the staging and old folders of a killed run (they hold personal data).
    fn recover(&self) -> Result<()> {
        if !exists(&self.out) && self.old.is_dir() {
            std::fs::rename(&self.old, &self.out).map_err(|e| Error::write(&self.out, e))?;
        }
        for leftover in [&self.old, &self.staging] {
            remove_any(leftover).map_err(|e| Error::write(leftover, e))?;
        }
        Ok(())
    }

    /// Refuses inputs inside the output folder: the run replaces its files.
    pub fn refuse_inputs_inside(&self, inputs: &[PathBuf]) -> Result<()> {
        let Ok(out) = std::fs::canonicalize(&self.out) else {
            return Ok(());
        };
        for input in inputs {
            if std::fs::canonicalize(input).is_ok_and(|p| p.starts_with(&out)) {
                return Err(usage(msg!(
                    "output-input-inside",
                    input = input.display(),
                    folder = self.out.display()
                )));
            }
        }
        Ok(())
    }

    /// An empty staging folder to write the new outputs into.
    pub fn staging(&self) -> Result<PathBuf> {
        remove_any(&self.staging).map_err(|e| Error::write(&self.staging, e))?;
        std::fs::create_dir_all(&self.staging).map_err(|e| Error::write(&self.staging, e))?;
        Ok(self.staging.clone())
    }

    /// Removes the staging folder after a failed stage.
    pub fn discard(&self) {
        let _ = remove_any(&self.staging);
    }

    /// Makes the staged files (`written`, relative to the folder) the contents of `out/`
    /// together with every file of `out/` the earlier run did not write; returns notes
    /// on files left alone. Nothing changes in `out/` if this fails.
    pub fn publish(&self, written: &BTreeSet<PathBuf>) -> Result<Vec<String>> {
        let result = self.try_publish(written);
        if result.is_err() {
            self.discard();
        }
        result
    }

    fn try_publish(&self, written: &BTreeSet<PathBuf>) -> Result<Vec<String>> {
        let had_out = exists(&self.out);
        let owned = if had_out {
            self.owned()
        } else {
            Owned::default()
        };
        if had_out {
            for rel in written {
                self.check_free(rel, &owned)?;
            }
        }
        let marker = marker_text(&self.staging, written)?;
        crate::io::write::write_atomic(&self.staging.join(OUT_MARKER), marker.as_bytes(), true)?;
        if had_out {
            self.carry(Path::new(""), &owned.files)?;
        }
        let mut notes = owned.notes;
        self.swap(had_out, &mut notes)?;
        Ok(notes)
    }

    /// What the marker of `out/` names, each file checked against its digest.
    fn owned(&self) -> Owned {
        let mut owned = Owned::default();
        let Some(path) = file_inside(&self.out, Path::new(OUT_MARKER)) else {
            return owned;
        };
        let Ok(text) = crate::io::files::read_regular_text(&path) else {
            return owned;
        };
        for line in text.lines().map(str::trim) {
            if !(line.is_empty() || line.starts_with('#')) {
                self.read_marker_line(line, &mut owned);
            }
        }
        owned
    }

    /// One line of the marker (`digest path`): a plain path inside the folder is owned
    /// while its file is unchanged; anything else is left alone, with a note.
    fn read_marker_line(&self, line: &str, owned: &mut Owned) {
        let marker = self.out.join(OUT_MARKER);
        let Some((digest, rel)) = digest_line(line) else {
            owned.undigested.insert(PathBuf::from(line));
            owned
                .notes
                .push(msg!("output-marker-no-digest", marker = marker.display(), line).render());
            return;
        };
        if !is_plain(&rel) || rel == Path::new(OUT_MARKER) {
            let outside = msg!(
                "output-marker-outside",
                marker = marker.display(),
                path = rel.display()
            );
            owned.notes.push(outside.render());
            return;
        }
        self.check_listed(&digest, rel, owned);
    }

    /// Owns the listed file `rel` if it is a plain file that still has its digest.
    fn check_listed(&self, digest: &str, rel: PathBuf, owned: &mut Owned) {
        match file_inside(&self.out, &rel) {
            Some(file) if FileDigest::of_file(&file).is_ok_and(|d| d.sha256 == digest) => {
                owned.files.insert(rel);
            }
            Some(file) => owned
                .notes
                .push(msg!("output-changed-left-alone", path = file.display()).render()),
            None if exists(&self.out.join(&rel)) => {
                let path = self.out.join(&rel);
                let note = msg!("output-not-plain-left-alone", path = path.display());
                owned.notes.push(note.render());
            }
            None => {}
        }
    }

    /// Refuses a new output whose place in `out/` holds something the earlier run did
    /// not write (or that was changed since): the user's file stays as it is.
    fn check_free(&self, rel: &Path, owned: &Owned) -> Result<()> {
        let mut at = self.out.clone();
        let parts: Vec<_> = rel.components().collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let Ok(meta) = std::fs::symlink_metadata(&at) else {
                return Ok(());
            };
            if i + 1 < parts.len() {
                if !meta.file_type().is_dir() {
                    return Err(usage(msg!(
                        "output-folder-in-the-way",
                        path = at.display(),
                        folder = self.out.display()
                    )));
                }
            } else {
                return self.check_replaceable(&at, rel, owned);
            }
        }
        Ok(())
    }

    /// Refuses replacing the file at `at` (`rel` in `out/`) unless the earlier run wrote
    /// it and it is unchanged.
    fn check_replaceable(&self, at: &Path, rel: &Path, owned: &Owned) -> Result<()> {
        if owned.undigested.contains(rel) {
            return Err(usage(msg!(
                "output-undigested",
                path = at.display(),
                marker = OUT_MARKER,
                folder = self.out.display()
            )));
        }
        if !owned.files.contains(rel) {
            return Err(usage(msg!(
                "output-not-owned",
                path = at.display(),
                marker = OUT_MARKER
            )));
        }
        Ok(())
    }

    /// Carries every entry of `out/rel` that the earlier run did not write into the
    /// staging folder; returns whether anything was carried.
    fn carry(&self, rel: &Path, owned: &BTreeSet<PathBuf>) -> Result<bool> {
        let dir = self.out.join(rel);
        // A killed single-file write's leftovers are cleared, not carried.
        recover_folder(&dir);
        let entries: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| Error::read(&dir, e))?
            .collect::<std::io::Result<_>>()
            .map_err(|e| Error::read(&dir, e))?;
        let mut carried = false;
        for entry in &entries {
            let r = rel.join(entry.file_name());
            if r == Path::new(OUT_MARKER) || owned.contains(&r) {
                continue;
            }
            let from = entry.path();
            let meta = std::fs::symlink_metadata(&from).map_err(|e| Error::read(&from, e))?;
            if meta.file_type().is_dir() {
                carried |= self.carry(&r, owned)?;
                continue;
            }
            self.carry_file(&from, &r, &meta)?;
            carried = true;
        }
        if entries.is_empty() && !rel.as_os_str().is_empty() {
            let to = self.staging.join(rel);
            std::fs::create_dir_all(&to).map_err(|e| Error::write(&to, e))?;
            carried = true;
        }
        Ok(carried)
    }

    /// Swaps the staging folder in for `out/`; on failure `out/` is put back.
    fn swap(&self, had_out: bool, notes: &mut Vec<String>) -> Result<()> {
        let busy = |e| self.busy(e);
        if had_out {
            if let Ok(meta) = std::fs::metadata(&self.out) {
                let _ = std::fs::set_permissions(&self.staging, meta.permissions());
            }
            std::fs::rename(&self.out, &self.old).map_err(busy)?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.out) {
            if had_out {
                let _ = std::fs::rename(&self.old, &self.out);
            }
            return Err(busy(e));
        }
        self.sync_parent();
        if had_out && let Err(e) = remove_any(&self.old) {
            let note = msg!(
                "output-old-not-removed",
                path = self.old.display(),
                reason => crate::i18n::io_reason(&e)
            );
            notes.push(note.render());
        }
        Ok(())
    }

    /// A rename of the folder that failed, with what usually causes it on Windows.
    fn busy(&self, e: std::io::Error) -> Error {
        let hint = msg!("output-folder-busy", reason => crate::i18n::io_reason(&e));
        Error::write(
            &self.out,
            std::io::Error::new(e.kind(), crate::i18n::Told(hint)),
        )
    }

    /// Makes the renames durable (the folder holding `out/` is synced where possible).
    fn sync_parent(&self) {
        if let Some(parent) = self.out.parent() {
            #[cfg(unix)]
            if let Ok(f) = std::fs::File::open(parent) {
                let _ = f.sync_all();
            }
            #[cfg(not(unix))]
            let _ = parent;
        }
    }

    /// Carries one file (or link) `r` of `out/` into the staging folder.
    fn carry_file(&self, from: &Path, r: &Path, meta: &std::fs::Metadata) -> Result<()> {
        let to = self.staging.join(r);
        if exists(&to) {
            return Err(Error::Internal(format!(
                "{} is both carried over and written",
                to.display()
            )));
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        link_or_copy(from, &to, meta).map_err(|e| Error::write(&to, e))
    }

    /// Refuses an `out` that is not a folder, or that holds files no run wrote
    /// (unless `force`).
    fn check_usable(&self, out: &Path, force: bool) -> Result<()> {
        if exists(&self.out) && !self.out.is_dir() {
            return Err(usage(msg!(
                "output-folder-not-folder",
                path = out.display()
            )));
        }
        let has_files = std::fs::read_dir(&self.out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        let marked =
            std::fs::symlink_metadata(self.out.join(OUT_MARKER)).is_ok_and(|m| m.is_file());
        if has_files && !marked && !force {
            return Err(usage(msg!(
                "output-folder-foreign-files",
                path = out.display()
            )));
        }
        Ok(())
    }
}

/// Carries one entry: a link as a link, anything else as a second name of the same
/// file (a copy of a regular file where the disk has no hard links).
fn link_or_copy(from: &Path, to: &Path, meta: &std::fs::Metadata) -> std::io::Result<()> {
    if meta.file_type().is_symlink() {
        #[cfg(unix)]
        {
            let target = std::fs::read_link(from)?;
            return std::os::unix::fs::symlink(target, to);
        }
        #[cfg(not(unix))]
        return Err(std::io::Error::other(
            "a link in the output folder; move it out and run again",
        ));
    }
    std::fs::hard_link(from, to).or_else(|e| {
        if meta.file_type().is_file() {
            std::fs::copy(from, to).map(|_| ())
        } else {
            Err(e)
        }
    })
}

/// The marker: every staged file with its SHA-256, as `sha256sum` prints them.
fn marker_text(staging: &Path, written: &BTreeSet<PathBuf>) -> Result<String> {
    let mut text = String::from(
        "# This folder is written by `pingyi run`. Each line is the SHA-256 of a file the run\n\
         # wrote and its path; a rerun replaces those files while unchanged, and nothing else.\n",
    );
    for rel in written {
        let digest = FileDigest::of_file(&staging.join(rel))?;
        text.push_str(&format!(
            "{}  {}\n",
            digest.sha256,
            rel.to_string_lossy().replace('\\', "/")
        ));
    }
    Ok(text)
}

/// Every file a level of the configuration reads.
pub fn level_inputs(level: &LevelConfig, data_dir: &Path) -> Vec<PathBuf> {
    let mut files = vec![level.counts.clone()];
    files.extend(level.rosters.iter().cloned());
    files.extend(
        [
            &level.audit_results,
            &level.call_log,
            &level.responses,
            &level.inspection,
            &level.disqualified,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    if let Some(scheme) = &level.scheme
        && scheme != "county"
        && scheme != "township"
    {
        files.push(scheme.clone());
    }
    files.into_iter().map(|f| data_dir.join(f)).collect()
}
