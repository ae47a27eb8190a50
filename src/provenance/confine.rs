//! Where the paths a manifest names may lead: relative, inside the manifest's folder
//! (or a wider folder given on the command line), through no symlink out of it, to
//! regular files only; and which output a manifest vouches for (the file beside it).
//! Every path is resolved before any file is read.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use super::manifest::{Manifest, manifest_path};
use crate::error::{Error, Location, Result};
use crate::i18n::{Message, msg};

/// The folder a manifest's paths may reach: the manifest's own folder, or a wider one
/// given on the command line (`pingyi verify --root DIR`). A path recorded in a manifest
/// must be relative, must not climb out of this folder with `..`, must not lead out of
/// it through a symlink, and must name a regular file; anything else is refused before
/// any byte of it is read.
#[derive(Debug, Clone)]
pub struct Confinement {
    /// The allowed folder, absolute and with symlinks resolved.
    root: PathBuf,
    /// The allowed folder as the user named it, for messages.
    shown: String,
}

impl Confinement {
    /// Confines paths to `root`, which must be an existing folder.
    pub fn new(root: &Path) -> Result<Confinement> {
        let canonical = std::fs::canonicalize(root).map_err(|e| Error::read(root, e))?;
        if !canonical.is_dir() {
            return Err(Error::usage(msg!(
                "confine-root-not-folder",
                root = root.display()
            )));
        }
        Ok(Confinement {
            root: canonical,
            shown: root.display().to_string(),
        })
    }

    /// Resolves `recorded`, a path written in the manifest at `manifest` (whose folder
    /// is `dir`), or refuses it. A path that does not exist is returned as is (it is
    /// reported as missing later); one that exists must be a regular file inside the
    /// allowed folder once symlinks are followed.
    pub fn resolve(&self, manifest: &Path, dir: &Path, recorded: &str) -> Result<PathBuf> {
        let refuse = |why: Message| {
            Error::input(
                Location::file(manifest.display().to_string()),
                msg!(
                    "confine-refused",
                    file = recorded,
                    why => why,
                    root = self.shown
                ),
            )
        };
        if let Some(why) = shape_refusal(recorded) {
            return Err(refuse(why));
        }
        let rel = Path::new(recorded);
        let dir_abs = self.manifest_folder(manifest, dir)?;
        let (joined, climbs) = self.join_inside(dir_abs, rel).map_err(refuse)?;
        // Read what was checked: without '..' the path as recorded (its messages stay
        // short), with '..' the folder-resolved path (so a symlinked folder cannot make
        // '..' land elsewhere).
        let read_as = if climbs {
            joined.clone()
        } else {
            dir.join(rel)
        };
        match self.existing_refusal(&joined)? {
            Some(why) => Err(refuse(why)),
            None => Ok(read_as),
        }
    }

    /// The manifest's folder, made absolute; refused when it lies outside the root.
    fn manifest_folder(&self, manifest: &Path, dir: &Path) -> Result<PathBuf> {
        let dir_abs = std::fs::canonicalize(dir).map_err(|e| Error::read(dir, e))?;
        if !dir_abs.starts_with(&self.root) {
            return Err(Error::usage(msg!(
                "confine-manifest-outside",
                manifest = manifest.display(),
                root = self.shown
            )));
        }
        Ok(dir_abs)
    }

    /// `rel` joined to `dir_abs` part by part, never leaving the root; also whether it
    /// climbs ('..').
    fn join_inside(
        &self,
        dir_abs: PathBuf,
        rel: &Path,
    ) -> std::result::Result<(PathBuf, bool), Message> {
        let mut joined = dir_abs;
        let mut climbs = false;
        for c in rel.components() {
            match c {
                Component::Normal(part) => joined.push(part),
                Component::CurDir => {}
                Component::ParentDir => {
                    climbs = true;
                    joined.pop();
                }
                Component::RootDir | Component::Prefix(_) => {
                    return Err(msg!("confine-absolute"));
                }
            }
            if !joined.starts_with(&self.root) {
                return Err(msg!("confine-climbs"));
            }
        }
        Ok((joined, climbs))
    }

    /// Why an existing file at `joined` is refused (a symlink out of the root, not a
    /// regular file, a dangling link), if it is; a missing file is not refused here.
    fn existing_refusal(&self, joined: &Path) -> Result<Option<Message>> {
        match std::fs::canonicalize(joined) {
            Ok(real) => {
                if !real.starts_with(&self.root) {
                    return Ok(Some(msg!("confine-symlink-out")));
                }
                let meta = std::fs::metadata(&real).map_err(|e| Error::read(&real, e))?;
                Ok((!meta.is_file()).then(|| msg!("confine-not-file")))
            }
            Err(_) if std::fs::symlink_metadata(joined).is_ok() => {
                Ok(Some(msg!("confine-dangling")))
            }
            Err(_) => Ok(None),
        }
    }
}

/// Why a recorded path is refused before anything is looked up: empty, or absolute
/// (a root, a leading separator, a drive letter).
fn shape_refusal(recorded: &str) -> Option<Message> {
    let drive = recorded.as_bytes().get(1) == Some(&b':');
    if recorded.is_empty() {
        return Some(msg!("confine-empty"));
    }
    if Path::new(recorded).is_absolute() || recorded.starts_with(['/', '\\']) || drive {
        return Some(msg!("confine-absolute"));
    }
    None
}

/// A manifest's files, each resolved inside the allowed folder before any is read.
pub struct Place {
    dir: PathBuf,
    paths: BTreeMap<String, PathBuf>,
}

impl Place {
    /// The resolved path of a file the manifest names.
    pub fn join(&self, recorded: &str) -> PathBuf {
        self.paths
            .get(recorded)
            .cloned()
            .unwrap_or_else(|| self.dir.join(recorded))
    }

    /// Resolves every path `m` names, or refuses the manifest (nothing is read).
    pub fn resolve(path: &Path, m: &Manifest, root: &Confinement) -> Result<Place> {
        let dir = folder_of(path).to_path_buf();
        let mut paths = BTreeMap::new();
        let named = m.inputs.iter().chain(&m.outputs).flat_map(|f| {
            std::iter::once(f.path.as_str()).chain(f.manifest.as_ref().map(|l| l.path.as_str()))
        });
        for recorded in named {
            let resolved = root.resolve(path, &dir, recorded)?;
            paths.insert(recorded.to_string(), resolved);
        }
        Ok(Place { dir, paths })
    }
}

/// The folder of a file named on the command line (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The manifest to verify for `target`: itself when it is a manifest, else the
/// `X.manifest.json` beside the output `X`.
pub fn manifest_of(target: &Path) -> PathBuf {
    let is_manifest = target
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".manifest.json"));
    if is_manifest {
        target.to_path_buf()
    } else {
        manifest_path(target)
    }
}

/// The output a manifest vouches for: `X` for `X.manifest.json`, in the same folder.
pub fn beside_name(path: &Path) -> Result<String> {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".manifest.json"))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::input(
                Location::file(path.display().to_string()),
                msg!("confine-manifest-name"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_confined_to_the_allowed_folder() {
        let top = tempfile::tempdir().unwrap();
        let inner = top.path().join("in");
        std::fs::create_dir_all(inner.join("sub")).unwrap();
        std::fs::write(inner.join("a.csv"), "x").unwrap();
        std::fs::write(inner.join("sub/b.csv"), "x").unwrap();
        std::fs::write(top.path().join("out.csv"), "x").unwrap();
        let m = inner.join("a.csv.manifest.json");
        let narrow = Confinement::new(&inner).unwrap();
        let ok = |c: &Confinement, p: &str| c.resolve(&m, &inner, p).is_ok();
        assert!(ok(&narrow, "a.csv"));
        assert!(ok(&narrow, "sub/b.csv"));
        assert!(ok(&narrow, "sub/../a.csv"));
        assert!(
            ok(&narrow, "missing.csv"),
            "a missing file is reported later"
        );
        assert!(!ok(&narrow, "../out.csv"));
        assert!(!ok(&narrow, "/etc/passwd"));
        assert!(!ok(&narrow, "C:/x.csv"));
        assert!(!ok(&narrow, ""));
        assert!(!ok(&narrow, "sub"), "a folder is not a file");
        let wide = Confinement::new(top.path()).unwrap();
        assert!(ok(&wide, "../out.csv"));
        assert!(!ok(&wide, "../../out.csv"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(top.path().join("out.csv"), inner.join("l.csv")).unwrap();
            assert!(!ok(&narrow, "l.csv"));
            assert!(ok(&wide, "l.csv"));
            std::os::unix::fs::symlink("/dev/null", inner.join("null.csv")).unwrap();
            assert!(!ok(&wide, "null.csv"));
        }
    }
}
