//! The manifest written beside every output `X` as `X.manifest.json`: tool version,
//! command, parameters, and for every input and output its path (relative to the
//! manifest), SHA-256, row count and per-stratum content digest. Format documented in
//! docs/MANIFEST.md.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::params::{Parameters, SelectionRecord};
use crate::error::{Error, Location, Result};
use crate::io::digest::{ContentDigest, FileDigest, sha256_hex};

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
///
/// In the file, `command` (named by the parameters' variant) comes before
/// `parameters`; both are read back together, so parameters that do not fit the
/// command are refused as a bad manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub tool: ToolInfo,
    pub parameters: Parameters,
    pub inputs: Vec<FileRecord>,
    pub outputs: Vec<FileRecord>,
    /// What an audit selection picked (digests only; see docs/MANIFEST.md).
    pub selection: Option<SelectionRecord>,
}

/// A manifest as laid out in its file, for writing.
#[derive(Serialize)]
struct ManifestOut<'a> {
    format: &'a str,
    tool: &'a ToolInfo,
    command: &'a str,
    parameters: &'a Parameters,
    inputs: &'a [FileRecord],
    outputs: &'a [FileRecord],
    #[serde(skip_serializing_if = "Option::is_none")]
    selection: Option<&'a SelectionRecord>,
}

/// A manifest as laid out in its file, for reading: the parameters are typed once the
/// command is known.
#[derive(Deserialize)]
struct ManifestIn {
    format: String,
    tool: ToolInfo,
    command: String,
    parameters: serde_json::Value,
    inputs: Vec<FileRecord>,
    outputs: Vec<FileRecord>,
    #[serde(default)]
    selection: Option<SelectionRecord>,
}

impl Serialize for Manifest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        ManifestOut {
            format: &self.format,
            tool: &self.tool,
            command: self.command(),
            parameters: &self.parameters,
            inputs: &self.inputs,
            outputs: &self.outputs,
            selection: self.selection.as_ref(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Manifest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Manifest, D::Error> {
        ManifestIn::deserialize(d)?
            .typed()
            .map_err(serde::de::Error::custom)
    }
}

impl ManifestIn {
    /// The manifest with its parameters read as its command's.
    fn typed(self) -> std::result::Result<Manifest, String> {
        Ok(Manifest {
            parameters: Parameters::from_json(&self.command, self.parameters)?,
            format: self.format,
            tool: self.tool,
            inputs: self.inputs,
            outputs: self.outputs,
            selection: self.selection,
        })
    }
}

impl Manifest {
    /// The command that wrote the manifest (`frame`, `draw`, `audit-select` …).
    pub fn command(&self) -> &'static str {
        self.parameters.command()
    }

    /// The manifest's bytes: pretty JSON with sorted parameter keys and a final newline.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut out = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Internal(format!("cannot serialise manifest: {e}")))?;
        out.push(b'\n');
        Ok(out)
    }

    /// Reads a manifest.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Manifest> {
        let unreadable = |reason| {
            Error::input(
                Location::file(name),
                crate::i18n::msg!("manifest-unreadable", reason => reason),
            )
        };
        // the parameters read apart, so that their reasons (ours) are told as they are
        let m: ManifestIn =
            serde_json::from_slice(bytes).map_err(|e| unreadable(crate::i18n::json_reason(&e)))?;
        m.typed()
            .map_err(|text| unreadable(crate::i18n::Message::Plain(text)))
    }
}

/// The manifest path of an output: `X` → `X.manifest.json`.
pub fn manifest_path(output: &Path) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(".manifest.json");
    PathBuf::from(name)
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

impl ManifestBuilder {
    /// A manifest for the command the parameters belong to.
    pub fn new(parameters: Parameters) -> ManifestBuilder {
        ManifestBuilder {
            manifest: Manifest {
                format: MANIFEST_FORMAT.to_string(),
                tool: ToolInfo {
                    name: env!("CARGO_PKG_NAME").to_string(),
                    version: env!("CARGO_PKG_VERSION").to_string(),
                },
                parameters,
                inputs: Vec::new(),
                outputs: Vec::new(),
                selection: None,
            },
        }
    }

    /// Records an audit selection.
    pub fn selection(&mut self, selection: SelectionRecord) {
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
}
