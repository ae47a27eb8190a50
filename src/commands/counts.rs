//! Loading a count table from a file, and `pingyi counts`: show the table as pingyi
//! reads it, in long form.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::io::counts::{CountTable, parse_counts, refuse_formulas_without_results};
use crate::io::read_grid_path;
use crate::io::write::{OutputFormat, WriteOptions, render};
use crate::provenance::manifest::{FileFacts, ManifestBuilder};
use crate::provenance::params::{CountsParameters, Parameters};

use super::Outcome;
use super::output::{
    OutputOptions, manifest_dir, refuse_overwriting_inputs, with_manifest, write_with_manifest,
};

/// A `pingyi counts` request: the table, and where to write it (none: print it).
#[derive(Debug, Clone)]
pub struct CountsOptions {
    pub file: PathBuf,
    /// The worksheet to read (default: the first).
    pub sheet: Option<String>,
    /// The file to write with its manifest; none prints the table as CSV.
    pub out: Option<OutputOptions>,
    /// How the printed table is written (header language; never a byte-order mark).
    pub print: WriteOptions,
}

/// `pingyi counts`: reads the table and writes it, or prints it as CSV.
pub fn run(opts: &CountsOptions) -> Result<Outcome> {
    let counts = load_counts(&opts.file, opts.sheet.as_deref())?;
    let warnings = counts.table.warnings();
    if let Some(out) = &opts.out {
        write_counts(&counts, out)?;
        return Ok(Outcome {
            warnings,
            ..Outcome::default()
        });
    }
    let bytes = render(&[counts.table.to_table()], OutputFormat::Csv, opts.print)?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Outcome {
        summary: text,
        warnings,
        failure: None,
    })
}

/// A count table with the facts a manifest records about its file.
#[derive(Debug, Clone)]
pub struct LoadedCounts {
    pub path: PathBuf,
    pub table: CountTable,
    pub bytes: Vec<u8>,
    pub sheet: Option<String>,
    pub format: String,
}

impl LoadedCounts {
    /// Records this file as an input of `manifest`.
    pub fn record(&self, manifest: &mut ManifestBuilder, manifest_dir: &Path) {
        manifest.input(
            FileFacts {
                role: "counts",
                path: &self.path,
                sheet: self.sheet.clone(),
                format: self.format.clone(),
                digest: crate::io::digest::FileDigest::of(&self.bytes),
                content: self.table.content_digest(),
            },
            manifest_dir,
        );
    }
}

/// Reads and checks a count table file (any format, either form).
pub fn load_counts(path: &Path, sheet: Option<&str>) -> Result<LoadedCounts> {
    let (grid, bytes) = read_grid_path(path, sheet)?;
    refuse_formulas_without_results(&grid, &bytes)?;
    let table = parse_counts(&grid)?;
    if sheet.is_none() {
        refuse_other_count_sheets(&grid, &bytes, path)?;
    }
    Ok(LoadedCounts {
        path: path.to_path_buf(),
        sheet: grid.origin.sheet.clone(),
        format: grid.format.describe(),
        table,
        bytes,
    })
}

/// Refuses a workbook read without `--sheet` whose other shown sheets hold count tables
/// too (last year's beside this year's): which one the frame is built from must not be
/// a guess.
fn refuse_other_count_sheets(grid: &crate::io::Grid, bytes: &[u8], path: &Path) -> Result<()> {
    let name = path.display().to_string();
    let read = grid.origin.sheet.clone();
    let others: Vec<String> = crate::io::grid::fitting_sheets(bytes, &name, |g| {
        g.origin.sheet != read && parse_counts(g).is_ok()
    })
    .into_iter()
    .filter_map(|g| g.origin.sheet)
    .collect();
    if others.is_empty() {
        return Ok(());
    }
    let mut sheets: Vec<String> = read.into_iter().collect();
    sheets.extend(others);
    Err(Error::input(
        crate::error::Location::file(&name),
        msg!("counts-several-sheets", sheets = sheets.join(", ")),
    ))
}

/// `pingyi counts FILE --out OUT`: writes the table as read, in long form.
pub fn write_counts(counts: &LoadedCounts, out: &OutputOptions) -> Result<()> {
    refuse_overwriting_inputs(&with_manifest(&out.path), &[&counts.path])?;
    let dir = manifest_dir(&out.path);
    let mut manifest = ManifestBuilder::new(Parameters::Counts(CountsParameters {
        mask: Some(crate::privacy::policy()),
    }));
    counts.record(&mut manifest, &dir);
    write_with_manifest(
        &[counts.table.to_table()],
        counts.table.content_digest(),
        "counts",
        out,
        manifest,
        &dir,
    )?;
    Ok(())
}
