//! Writing a command's outputs with their manifests: refuse to overwrite without
//! `--force`, render once, write atomically, record digests.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::OutputTable;
use crate::io::write::{OutputFormat, WriteOptions, render, write_atomic};
use crate::verify::ContentDigest;
use crate::verify::manifest::{FileFacts, ManifestBuilder, manifest_path};

/// Where and how a command writes its main output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputOptions {
    pub path: PathBuf,
    pub force: bool,
    pub write: WriteOptions,
}

/// Fails before any work is done if an output or its manifest exists and `force` is
/// off, or if the output's format is unknown.
pub fn check_output(path: &Path, force: bool) -> Result<OutputFormat> {
    let format = OutputFormat::from_path(path)?;
    if !force {
        for p in [path.to_path_buf(), manifest_path(path)] {
            if p.exists() {
                return Err(Error::OutputExists { path: p });
            }
        }
    }
    Ok(format)
}

/// Fails if a file that is not a table (a commitment, say) exists and `force` is off.
pub fn check_output_plain(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Renders `tables` to `opts.path`, records it in the manifest, and writes the
/// manifest beside it. Returns the bytes written.
pub fn write_with_manifest(
    tables: &[OutputTable],
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<Vec<u8>> {
    let format = check_output(&opts.path, opts.force)?;
    let bytes = render(tables, format, opts.write)?;
    write_rendered(bytes, content, role, opts, manifest, manifest_dir)
}

/// [`write_with_manifest`] for output already rendered (in the format `opts.path`
/// names), so that a large table need not be held while it is written.
pub fn write_rendered(
    bytes: Vec<u8>,
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    mut manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<Vec<u8>> {
    let format = check_output(&opts.path, opts.force)?;
    let format_name = match format {
        OutputFormat::Csv if opts.write.bom => "CSV (UTF-8 with BOM)",
        OutputFormat::Csv => "CSV (UTF-8)",
        OutputFormat::Xlsx => "workbook",
        OutputFormat::Json => "JSON",
        OutputFormat::Parquet => "Parquet",
    };
    manifest.output(
        FileFacts {
            role,
            path: &opts.path,
            sheet: None,
            format: format_name.to_string(),
            digest: crate::verify::manifest::FileDigest::of(&bytes),
            content,
        },
        manifest_dir,
    );
    let manifest_bytes = manifest.finish().to_bytes()?;
    write_atomic(&opts.path, &bytes, opts.force)?;
    write_atomic(&manifest_path(&opts.path), &manifest_bytes, opts.force)?;
    Ok(bytes)
}

/// The folder a manifest for `output` lives in.
pub fn manifest_dir(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
