//! Writing a command's outputs with their manifests: refuse to overwrite without
//! `--force` or to write over an input at all, render once, and put the output, its
//! side files and its manifest in place as one set.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::digest::ContentDigest;
use crate::io::fileset::{FileSet, recover_folder};
use crate::io::write::{OutputFormat, WriteOptions, render_printable};
use crate::io::{OutputTable, PrintForm};
use crate::provenance::manifest::{FileFacts, ManifestBuilder, manifest_path};

/// Where and how a command writes its main output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputOptions {
    pub path: PathBuf,
    pub force: bool,
    pub write: WriteOptions,
}

/// Fails before any work is done if an output or its manifest exists and `force` is
/// off, or if the output's format is unknown. What a killed earlier write left in the
/// output's folder is cleared first, so it never blocks a rerun.
pub fn check_output(path: &Path, force: bool) -> Result<OutputFormat> {
    let format = OutputFormat::from_path(path)?;
    recover_folder(&manifest_dir(path));
    for p in [path.to_path_buf(), manifest_path(path)] {
        if std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
            return Err(Error::usage(msg!("output-is-folder", path = p.display())));
        }
        if !force && std::fs::symlink_metadata(&p).is_ok() {
            return Err(Error::OutputExists { path: p });
        }
    }
    Ok(format)
}

/// Fails if a file that is not a table (a commitment, say) exists and `force` is off.
pub fn check_output_plain(path: &Path, force: bool) -> Result<()> {
    recover_folder(&manifest_dir(path));
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Whether two paths name the same file: the same place once links and `.`/`..` are
/// resolved, or (on Unix) the same file under two names (a hard link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if ma.dev() == mb.dev() && ma.ino() == mb.ino() {
            return true;
        }
    }
    #[cfg(not(unix))]
    let _ = (ma, mb);
    matches!(
        (std::fs::canonicalize(a), std::fs::canonicalize(b)),
        (Ok(x), Ok(y)) if x == y
    )
}

/// Refuses, before any work, to write any of `outputs` (a command's output, its
/// manifest and side files) where one of `inputs` is, however either path is spelled
/// (`./x`, a link, a second name).
pub fn refuse_overwriting_inputs(outputs: &[PathBuf], inputs: &[&Path]) -> Result<()> {
    for out in outputs {
        if let Some(input) = inputs.iter().find(|i| same_file(out, i)) {
            return Err(Error::usage(msg!(
                "output-is-input",
                output = out.display(),
                input = input.display()
            )));
        }
    }
    Ok(())
}

/// The line saying an output was written (`wrote …` / `已写出 …`).
pub fn wrote_line(path: &Path) -> String {
    format!("{}\n", msg!("output-wrote", path = path.display()).render())
}

/// A table output's path with the manifest written beside it.
pub fn with_manifest(path: &Path) -> Vec<PathBuf> {
    vec![path.to_path_buf(), manifest_path(path)]
}

/// The sheets of an output with how a workbook prints them (none: header first).
#[derive(Debug, Clone, Copy)]
pub struct Printed<'a> {
    pub sheets: &'a [OutputTable],
    pub forms: &'a [PrintForm],
}

/// Renders `tables` to `opts.path`, records it in the manifest, and writes both as one
/// set.
pub fn write_with_manifest(
    tables: &[OutputTable],
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<()> {
    let printed = Printed {
        sheets: tables,
        forms: &[],
    };
    write_printed_with_manifest(printed, content, role, opts, manifest, manifest_dir)
}

/// [`write_with_manifest`] for sheets that a workbook prints with a title and 合计 row.
pub fn write_printed_with_manifest(
    printed: Printed,
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<()> {
    let mut set = FileSet::new();
    stage_printed(
        &mut set,
        printed,
        content,
        role,
        opts,
        manifest,
        manifest_dir,
    )?;
    set.commit(opts.force)
}

/// [`write_with_manifest`] into a set that the caller commits (with other files).
pub fn stage_with_manifest(
    set: &mut FileSet,
    tables: &[OutputTable],
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<()> {
    let printed = Printed {
        sheets: tables,
        forms: &[],
    };
    stage_printed(set, printed, content, role, opts, manifest, manifest_dir)
}

/// [`stage_with_manifest`] for sheets that a workbook prints with a title and 合计 row.
pub fn stage_printed(
    set: &mut FileSet,
    printed: Printed,
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<()> {
    let format = check_output(&opts.path, opts.force)?;
    let bytes = render_printable(printed.sheets, printed.forms, format, opts.write)?;
    stage_rendered(set, bytes, content, role, opts, manifest, manifest_dir)
}

/// [`stage_with_manifest`] for output already rendered (in the format `opts.path`
/// names), so that a large table need not be held while it is written.
pub fn stage_rendered(
    set: &mut FileSet,
    bytes: Vec<u8>,
    content: ContentDigest,
    role: &str,
    opts: &OutputOptions,
    mut manifest: ManifestBuilder,
    manifest_dir: &Path,
) -> Result<()> {
    // The caller has checked the output place ([`check_output`]) before any work.
    let format_name = format_name(OutputFormat::from_path(&opts.path)?, opts.write.bom);
    let digest = crate::io::digest::FileDigest::of(&bytes);
    let sha256 = digest.sha256.clone();
    manifest.output(
        FileFacts {
            role,
            path: &opts.path,
            sheet: None,
            format: format_name.to_string(),
            digest,
            content,
        },
        manifest_dir,
    );
    let manifest_bytes = manifest.finish().to_bytes()?;
    set.add_hashed(&opts.path, &bytes, sha256, false)?;
    drop(bytes);
    set.add(&manifest_path(&opts.path), &manifest_bytes, true)
}

/// An output's format as its manifest names it.
fn format_name(format: OutputFormat, bom: bool) -> &'static str {
    match format {
        OutputFormat::Csv if bom => "CSV (UTF-8 with BOM)",
        OutputFormat::Csv => "CSV (UTF-8)",
        OutputFormat::Xlsx => "workbook",
        OutputFormat::Json => "JSON",
        OutputFormat::Parquet => "Parquet",
    }
}

/// The folder a manifest for `output` lives in.
pub fn manifest_dir(output: &Path) -> PathBuf {
    crate::io::fileset::folder_of(output)
}
