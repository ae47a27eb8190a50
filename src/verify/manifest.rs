//! The manifest written beside every output `X` as `X.manifest.json`: tool version,
//! command, parameters, and for every input and output its path (relative to the
//! manifest), SHA-256, row count and per-stratum content digest. Format documented in
//! docs/MANIFEST.md.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::digest::{ContentDigest, sha256_hex};
use crate::error::{Error, Location, Result};

/// The manifest format's name and version.
pub const MANIFEST_FORMAT: &str = "pingyi-manifest/1";

/// The tool that wrote a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToolInfo {
    pub name: String,
    pub version: String,
}

/// A manifest found beside an input, linking the chain of stages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedManifest {
    pub path: String,
    pub sha256: String,
}

/// One input or output file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// What the file is to the command ("counts", "frame" …).
    pub role: String,
    /// Relative to the manifest's folder, with `/` separators.
    pub path: String,
    /// The worksheet read, for workbooks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// How the file was read or written ("CSV (UTF-8)", "workbook" …).
    pub format: String,
    pub sha256: String,
    pub bytes: u64,
    /// The order-independent content digest, overall and per stratum.
    pub content: ContentDigest,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<LinkedManifest>,
}

/// A stage's record of what it read, with which parameters, and what it wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub tool: ToolInfo,
    pub command: String,
    pub parameters: BTreeMap<String, serde_json::Value>,
    pub inputs: Vec<FileRecord>,
    pub outputs: Vec<FileRecord>,
    /// What an audit selection picked (digests only; see docs/MANIFEST.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<serde_json::Value>,
}

impl Manifest {
    /// The manifest's bytes: pretty JSON with sorted parameter keys and a final newline.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Internal(format!("cannot serialise manifest: {e}")))?;
        out.push(b'\n');
        Ok(out)
    }

    /// Reads a manifest.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Manifest> {
        serde_json::from_slice(bytes).map_err(|e| {
            Error::input(
                Location::file(name),
                format!("is not a pingyi manifest ({e})"),
            )
        })
    }
}

/// The manifest path of an output: `X` → `X.manifest.json`.
pub fn manifest_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
}

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
            return Err(Error::Usage(format!(
                "--root {} is not a folder; give the folder that holds the manifest and its files",
                root.display()
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
        let refuse = |why: &str| {
            Error::input(
                Location::file(manifest.display().to_string()),
                format!(
                    "names the file '{recorded}', which {why}; a manifest may only name files inside {} (pass --root with a wider folder that holds them all)",
                    self.shown
                ),
            )
        };
        let rel = Path::new(recorded);
        let drive = recorded.as_bytes().get(1) == Some(&b':');
        if recorded.is_empty() {
            return Err(refuse("is empty"));
        }
        if rel.is_absolute() || recorded.starts_with(['/', '\\']) || drive {
            return Err(refuse("is an absolute path"));
        }
        let dir_abs = std::fs::canonicalize(dir).map_err(|e| Error::read(dir, e))?;
        if !dir_abs.starts_with(&self.root) {
            return Err(Error::Usage(format!(
                "the manifest {} lies outside --root {}; give a folder that holds it",
                manifest.display(),
                self.shown
            )));
        }
        let mut joined = dir_abs.clone();
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
                    return Err(refuse("is an absolute path"));
                }
            }
            if !joined.starts_with(&self.root) {
                return Err(refuse("climbs out of the allowed folder with '..'"));
            }
        }
        // Read what was checked: without '..' the path as recorded (its messages stay
        // short), with '..' the folder-resolved path (so a symlinked folder cannot make
        // '..' land elsewhere).
        let read_as = if climbs {
            joined.clone()
        } else {
            dir.join(rel)
        };
        match std::fs::canonicalize(&joined) {
            Ok(real) => {
                if !real.starts_with(&self.root) {
                    return Err(refuse(
                        "leads out of the allowed folder through a symbolic link",
                    ));
                }
                let meta = std::fs::metadata(&real).map_err(|e| Error::read(&real, e))?;
                if !meta.is_file() {
                    return Err(refuse(
                        "is not a regular file (a folder, a device, a pipe or a socket)",
                    ));
                }
                Ok(read_as)
            }
            Err(_) if std::fs::symlink_metadata(&joined).is_ok() => {
                Err(refuse("is a symbolic link that leads nowhere"))
            }
            Err(_) => Ok(read_as),
        }
    }
}

/// `target` relative to the folder `base`, with `/` separators whatever the system.
pub fn relative_path(target: &Path, base: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (t, b) = (absolute(target), absolute(base));
    let rel = pathdiff::diff_paths(&t, &b).unwrap_or(t);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Collects a manifest as a command runs.
#[derive(Debug, Clone)]
pub struct ManifestBuilder {
    manifest: Manifest,
}

/// What is known about a file when it is recorded.
pub struct FileFacts<'a> {
    pub role: &'a str,
    pub path: &'a Path,
    pub sheet: Option<String>,
    pub format: String,
    pub digest: FileDigest,
    pub content: ContentDigest,
}

/// A file's SHA-256 and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub sha256: String,
    pub size: u64,
}

impl FileDigest {
    /// The digest of bytes in memory.
    pub fn of(bytes: &[u8]) -> FileDigest {
        FileDigest {
            sha256: sha256_hex(bytes),
            size: bytes.len() as u64,
        }
    }

    /// The digest of a file, read in chunks.
    pub fn of_file(path: &Path) -> Result<FileDigest> {
        use sha2::{Digest, Sha256};
        use std::io::Read;
        let mut file = crate::io::files::open_regular(path)?;
        let mut h = Sha256::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut size = 0u64;
        loop {
            let n = file.read(&mut buf).map_err(|e| Error::read(path, e))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
            size += n as u64;
        }
        let sha256 = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        Ok(FileDigest { sha256, size })
    }
}

impl ManifestBuilder {
    /// A manifest for `command` with its parameters.
    pub fn new(command: &str, parameters: BTreeMap<String, serde_json::Value>) -> ManifestBuilder {
        ManifestBuilder {
            manifest: Manifest {
                format: MANIFEST_FORMAT.to_string(),
                tool: ToolInfo {
                    name: env!("CARGO_PKG_NAME").to_string(),
                    version: env!("CARGO_PKG_VERSION").to_string(),
                },
                command: command.to_string(),
                parameters,
                inputs: Vec::new(),
                outputs: Vec::new(),
                selection: None,
            },
        }
    }

    /// Records an audit selection.
    pub fn selection(&mut self, selection: serde_json::Value) {
        self.manifest.selection = Some(selection);
    }

    fn record(facts: FileFacts<'_>, manifest_dir: &Path) -> FileRecord {
        let linked = manifest_path(facts.path);
        let manifest = crate::io::files::read_regular(&linked)
            .ok()
            .map(|bytes| LinkedManifest {
                path: relative_path(&linked, manifest_dir),
                sha256: sha256_hex(&bytes),
            });
        FileRecord {
            role: facts.role.to_string(),
            path: relative_path(facts.path, manifest_dir),
            sheet: facts.sheet,
            format: facts.format,
            sha256: facts.digest.sha256,
            bytes: facts.digest.size,
            content: facts.content,
            manifest,
        }
    }

    /// Records an input; a manifest found beside it (`Y.manifest.json`) is linked.
    pub fn input(&mut self, facts: FileFacts<'_>, manifest_dir: &Path) {
        let record = Self::record(facts, manifest_dir);
        self.manifest.inputs.push(record);
    }

    /// Records an output.
    pub fn output(&mut self, facts: FileFacts<'_>, manifest_dir: &Path) {
        let mut record = Self::record(facts, manifest_dir);
        record.manifest = None;
        self.manifest.outputs.push(record);
    }

    /// The finished manifest.
    pub fn finish(self) -> Manifest {
        self.manifest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_and_relative_paths() {
        assert_eq!(
            manifest_path(Path::new("out/frame.csv")),
            PathBuf::from("out/frame.csv.manifest.json")
        );
        assert_eq!(
            relative_path(Path::new("data/counts.csv"), Path::new("out/city")),
            "../../data/counts.csv"
        );
    }

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
